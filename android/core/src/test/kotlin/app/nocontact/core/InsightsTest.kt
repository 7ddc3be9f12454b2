// Insights through the Kotlin bindings: the streak fixture shared with the
// Rust and Swift tests (fixtures/streaks.txt), patterns, reminders, risky
// dates and the home summary. Mirrors core/tests/insights.rs; run by the
// harness in VaultTest.kt (`cargo xtask kotlin-test insights`).
package app.nocontact.core

import java.io.File
import java.time.Instant

private const val UTC = "UTC"

/** Today in UTC, as days since 1970-01-01. */
private fun utcEpochDay(): Long = Math.floorDiv(Instant.now().epochSecond, 86_400L)

private fun utcDate(dayOffset: Long): LocalDate {
    val d = java.time.LocalDate.ofEpochDay(utcEpochDay() + dayOffset)
    return LocalDate(d.year, d.monthValue.toUInt(), d.dayOfMonth.toUInt())
}

/** The instant of a UTC wall time on a day relative to today. */
private fun fixtureInstant(day: Long, hhmm: String): Instant {
    val (h, m) = hhmm.split(':').map { it.toLong() }
    return Instant.ofEpochSecond((utcEpochDay() + day) * 86_400 + h * 3600 + m * 60)
}

/** A channel by its snake_case id ("messaging_app"). */
private fun fixtureChannel(id: String): Channel =
    Channel.values().firstOrNull { it.name.lowercase() == id } ?: fail("unknown channel $id in the fixture")

/** The shared fixture file; cargo xtask passes its directory in NOCONTACT_FIXTURES. */
private fun fixtureFile(name: String): File {
    val dir = System.getenv("NOCONTACT_FIXTURES")
        ?: fail("NOCONTACT_FIXTURES is not set (run the tests through cargo xtask kotlin-test)")
    val file = File(dir, name)
    check(file.isFile) { "fixture ${file.path} is missing" }
    return file
}

/** What the fixture expects: per WHO, (current, longest, total, breaches); and the next milestones. */
private class FixtureExpect(
    val numbers: Map<String, List<UInt>>,
    val next: Map<String, List<UInt>>,
)

/** Builds fixtures/streaks.txt in [vault], exactly as core/tests/insights.rs does, and returns what it expects. */
private fun buildStreakFixture(vault: Vault): FixtureExpect {
    val people = mutableMapOf<String, String>()
    val numbers = sortedMapOf<String, List<UInt>>()
    val next = sortedMapOf<String, List<UInt>>()
    val lines = fixtureFile("streaks.txt").readLines().map { it.trim() }.filter { it.isNotEmpty() && !it.startsWith("#") }
    for (line in lines) {
        val w = line.split(Regex("\\s+"))
        fun event(day: String, hhmm: String, body: EventBody) = NewEvent(fixtureInstant(day.toLong(), hhmm), 0, body)
        fun person(alias: String) = people[alias] ?: fail("fixture line <$line> names an unknown person")
        when (w[0]) {
            "person" -> {
                val p = vault.addPerson(
                    PersonInput(w[1], Relationship.OTHER, ContactMode.NoContact, utcDate(w[3].toLong()), emptyList(), ""),
                )
                people[w[1]] = p.id
            }
            "breach" -> vault.logEvent(
                event(w[2], w[3], EventBody.MyContact(MyContact(person(w[1]), fixtureChannel(w[4]), Initiator.ME, emptyList(), ""))),
            )
            "attempt" -> {
                val e = vault.quickLogAttempt(person(w[1]), fixtureChannel(w[4]), 0)
                val attempt = (e.body as? EventBody.TheirAttempt)?.attempt ?: fail("quickLogAttempt returned ${e.body}")
                vault.amendEvent(e.id, event(w[2], w[3], EventBody.TheirAttempt(attempt)))
            }
            "urge" -> {
                val outcome = when (w[4]) {
                    "resisted" -> UrgeOutcome.RESISTED
                    "delayed" -> UrgeOutcome.DELAYED
                    else -> UrgeOutcome.REACHED_OUT
                }
                val urge = Urge(w[3].toUByte(), null, emptyList(), listOf(Emotion.LONELY), emptyList(), listOf("walked"), outcome, null, "")
                vault.logEvent(event(w[1], w[2], EventBody.Urge(urge)))
            }
            "checkin" -> vault.logEvent(event(w[1], w[2], EventBody.CheckIn(CheckIn(w[3].toUByte(), null, "", emptyList()))))
            "expect" -> numbers[w[1]] = (2..5).map { w[it].substringAfter('=').toUInt() }
            "expect-next" -> next[w[1]] = listOf(w[2].toUInt(), w[3].toUInt())
            else -> fail("unknown fixture line <$line>")
        }
    }
    check(numbers.isNotEmpty() && next.isNotEmpty()) { "the fixture expects nothing" }
    return FixtureExpect(numbers, next)
}

/** Per WHO ("overall" or an alias): (current, longest, total, breaches), and the next milestones (days, days left). */
private fun streakNumbers(report: StreakReport): Pair<Map<String, List<UInt>>, Map<String, List<UInt>>> {
    val got = sortedMapOf<String, List<UInt>>()
    val next = sortedMapOf<String, List<UInt>>()
    for (s in listOfNotNull(report.overall) + report.people) {
        val who = s.alias ?: "overall"
        got[who] = listOf(s.currentDays, s.longestDays, s.totalDaysKept, s.breaches)
        s.nextMilestone?.let { next[who] = listOf(it.days, it.daysLeft) }
    }
    return got to next
}

private fun checkStreaks(report: StreakReport, expect: FixtureExpect, what: String) {
    val (got, next) = streakNumbers(report)
    assertEq(got, expect.numbers, "$what: (current, longest, total, breaches) per streak")
    for ((who, want) in expect.next) assertEq(next[who], want, "$what: next milestone (days, days left) of $who")
}

private fun defaultReminderSettings() = ReminderSettings(
    discretion = Discretion.NEUTRAL,
    dailyCheckIn = TimeOfDay(20u, 0u),
    eveningReview = null,
    milestones = true,
    riskyDateHeadsUpDays = 3u,
    boundaryReviews = true,
    noticeTime = TimeOfDay(9u, 0u),
)

/** Monday-first weekday index of a day relative to today (UTC). */
private fun weekdayIndex(day: Long): Int = java.time.LocalDate.ofEpochDay(utcEpochDay() + day).dayOfWeek.value - 1

internal fun registerInsightsTests() {
    test("insights: shared streak fixture, summary and patterns") {
        val v = create().vault
        val expect = buildStreakFixture(v)

        val report = v.streaks(UTC)
        assertEq(report.today, utcDate(0), "streaks: today")
        checkStreaks(report, expect, "streaks(UTC)")
        val r = report.people.firstOrNull { it.alias == "R." } ?: fail("no streak for R.")
        assertEq(r.previousDays, 25u, "R.: previousDays")
        assertEq(r.milestonesReached.map { it.days }, listOf(1u, 3u, 7u, 14u), "R.: milestones reached")
        assertEq(report.people.map { it.alias }, listOf("Mum", "R."), "streaks by alias")

        val summary = v.summary(UTC)
        checkStreaks(summary.streaks, expect, "summary(UTC).streaks")
        assertEq(summary.streaks, report, "summary streaks equal streaks()")
        val overallNext = expect.next["overall"] ?: fail("the fixture has no expect-next overall")
        assertEq(summary.nextMilestone?.let { listOf(it.days, it.daysLeft) }, overallNext, "summary: next milestone (days, days left)")
        check(summary.promptOfTheDay != null) { "summary has no prompt of the day" }
        assertEq(summary.lastCheckIn?.at, fixtureInstant(-1, "08:00"), "summary: last check-in")
        assertEq(summary.today, utcDate(0), "summary: today")

        val i = v.insights(UTC, 4u, null)
        assertEq(i.urges.total, 3u, "urges.total")
        assertEq(i.urges.resistedPercent, 67u, "urges.resistedPercent")
        assertEq(i.urges.meanIntensity, 5.0, "urges.meanIntensity")
        assertEq(i.urges.weekdayHour.size, 7, "weekdayHour rows")
        check(i.urges.weekdayHour.all { it.size == 24 }) { "weekdayHour rows are not 24 long: ${i.urges.weekdayHour.map { it.size }}" }
        assertEq(i.urges.weekdayHour.flatten().sum(), 3u, "weekdayHour sum")
        for ((day, hour) in listOf(-6L to 20, -4L to 21, -2L to 22)) {
            check(i.urges.weekdayHour[weekdayIndex(day)][hour] >= 1u) { "no urge counted at weekday ${weekdayIndex(day)}, hour $hour" }
        }
        assertEq(i.urges.topEmotions.firstOrNull()?.label, "lonely", "top emotion")
        assertEq(i.urges.helpedWhenResisted.firstOrNull()?.count, 2u, "what helped when resisted")
        assertEq(i.urges.weeks.size, 4, "urges.weeks")
        assertEq(i.attempts.total, 4u, "attempts.total")
        assertEq(i.attempts.last14Days, 4u, "attempts.last14Days")
        assertEq(i.attempts.mostInEarlier14Days, 0u, "attempts.mostInEarlier14Days")
        check(i.attempts.rising) { "attempts.rising is false" }
        assertEq(i.attempts.byChannel.firstOrNull(), ChannelCount(Channel.TEXT, 2u), "attempts by channel")
        assertEq(i.mood.days.size, 2, "mood days")
        val mum = v.listPeople(false).first { it.alias == "Mum" }
        val forMum = v.insights(UTC, 4u, mum.id)
        assertEq(forMum.personId, mum.id, "insights personId")
        assertEq(forMum.attempts.total, 0u, "attempts by Mum")
        assertEq(forMum.urges.total, 0u, "urges about nobody are not Mum's")
        assertInvalid("weeks", "insights over 0 weeks") { v.insights(UTC, 0u, null) }
        assertInvalid("weeks", "insights over 105 weeks") { v.insights(UTC, 105u, null) }
        assertInvalid("person_id", "insights for an unknown person") { v.insights(UTC, 4u, UNKNOWN_ID) }
        assertInvalid("zone", "insights in an unknown zone") { v.insights("Not/AZone", 4u, null) }
    }

    test("insights: reminders and their settings") {
        val v = create().vault
        assertEq(v.reminderSettings(), defaultReminderSettings(), "default reminder settings")
        val before = Instant.now()
        val upcoming = v.upcomingReminders("Europe/Berlin", 5u)
        assertEq(upcoming.size, 5, "upcoming reminders")
        check(upcoming.zipWithNext().all { (x, y) -> !x.at.isAfter(y.at) }) { "reminders not in time order: ${upcoming.map { it.at }}" }
        check(upcoming.all { it.at.isAfter(before) }) { "a reminder is not in the future: ${upcoming.map { it.at }}" }
        assertEq(upcoming.map { it.kind }.toSet(), setOf(ReminderKind.DAILY_CHECK_IN), "kinds of the default reminders")
        assertEq(upcoming[0].title, "Daily note", "title of a neutral daily reminder")
        val berlin = java.time.ZoneId.of("Europe/Berlin")
        for (r in upcoming) {
            val local = r.at.atZone(berlin)
            assertEq(listOf(local.hour, local.minute), listOf(20, 0), "local time of ${r.at} in Berlin")
            assertEq(r.date, LocalDate(local.year, local.monthValue.toUInt(), local.dayOfMonth.toUInt()), "date of ${r.at}")
        }

        v.addPerson(PersonInput("R.", Relationship.EX_PARTNER, ContactMode.NoContact, utcDate(-6), emptyList(), ""))
        val plain = defaultReminderSettings().copy(discretion = Discretion.PLAIN, dailyCheckIn = null)
        assertEq(v.setReminderSettings(plain), plain, "setReminderSettings returns the settings")
        assertEq(v.reminderSettings(), plain, "reminderSettings after a set")
        val milestones = v.upcomingReminders(UTC, 3u)
        assertEq(milestones[0].kind, ReminderKind.MILESTONE, "first reminder with plain settings")
        check(milestones[0].body.contains("7 days of no contact")) { "plain milestone body: ${milestones[0].body}" }
        v.setReminderSettings(plain.copy(discretion = Discretion.NEUTRAL))
        for (r in v.upcomingReminders(UTC, 3u)) {
            val text = "${r.title} ${r.body}".lowercase()
            check(!text.contains("contact") && !text.contains("r.")) { "a neutral reminder says <$text>" }
        }

        assertInvalid("daily_check_in", "a daily check-in at 24:00") {
            v.setReminderSettings(plain.copy(dailyCheckIn = TimeOfDay(24u, 0u)))
        }
        assertInvalid("notice_time", "a notice at 9:60") { v.setReminderSettings(plain.copy(noticeTime = TimeOfDay(9u, 60u))) }
        assertInvalid("risky_date_heads_up_days", "a heads-up 31 days ahead") {
            v.setReminderSettings(plain.copy(riskyDateHeadsUpDays = 31u))
        }
        assertInvalid("count", "0 upcoming reminders") { v.upcomingReminders(UTC, 0u) }
        assertInvalid("zone", "reminders in an unknown zone") { v.upcomingReminders("Mars/Olympus_Mons", 5u) }

        v.lock()
        v.unlock(Secret.Passcode(PASSCODE))
        assertEq(v.reminderSettings(), plain.copy(discretion = Discretion.NEUTRAL), "reminder settings after lock and unlock")
    }

    test("insights: risky dates and an empty summary") {
        val v = create().vault
        val empty = v.summary("Pacific/Auckland")
        assertEq(empty.streaks.people, emptyList<Streak>(), "streaks of an empty vault")
        assertEq(empty.streaks.overall, null, "overall streak of an empty vault")
        assertEq(empty.lastCheckIn, null, "last check-in of an empty vault")
        assertEq(empty.nextMilestone, null, "next milestone of an empty vault")
        val quiet = v.insights("Pacific/Auckland", 104u, null)
        assertEq(quiet.urges.total, 0u, "urges of an empty vault")
        assertEq(quiet.urges.intensityTrend, Trend.NOT_ENOUGH_DATA, "urge trend of an empty vault")
        assertEq(quiet.attempts.trend, Trend.NOT_ENOUGH_DATA, "attempt trend of an empty vault")
        check(!quiet.attempts.rising) { "attempts rising in an empty vault" }

        val soon = utcDate(3)
        val birthday = v.addTrigger(TriggerInput("their birthday", TriggerCategory.DATE_OR_ANNIVERSARY, MonthDay(soon.month, soon.day), null))
        v.addTrigger(TriggerInput("the bar", TriggerCategory.PLACE, null, null))
        val dates = v.riskyDates(UTC, 30u)
        assertEq(dates.size, 1, "risky dates within 30 days")
        assertEq(
            listOf(dates[0].triggerId, dates[0].name, dates[0].date, dates[0].daysAway),
            listOf(birthday.id, "their birthday", soon, 3u),
            "the risky date",
        )
        assertEq(v.riskyDates(UTC, 2u), emptyList<RiskyDate>(), "risky dates within 2 days")
        val summary = v.summary(UTC)
        assertEq(summary.riskyDateNear?.daysAway, 3u, "summary: risky date near")
        assertEq(summary.streaks.overall, null, "summary: no overall streak without people")
        assertInvalid("horizon_days", "a horizon of 367 days") { v.riskyDates(UTC, 367u) }
        assertInvalid("zone", "risky dates in an unknown zone") { v.riskyDates("Not/AZone", 30u) }
        assertInvalid("zone", "streaks in an unknown zone") { v.streaks("") }
        assertInvalid("zone", "summary in an unknown zone") { v.summary("UTC+25") }
    }
}

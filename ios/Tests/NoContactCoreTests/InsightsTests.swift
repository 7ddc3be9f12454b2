// Insights through the Swift bindings: the streak fixture shared with the
// Rust and Kotlin tests (fixtures/streaks.txt), patterns, reminders, risky
// dates and the home summary. Mirrors core/tests/insights.rs; main.swift
// runs `insightsTests` (`cargo xtask swift-test insights` runs only these).
import Foundation

let utcZone = "UTC"

func calendar(_ zone: String) throws -> Calendar {
    guard let tz = TimeZone(identifier: zone) else { throw fail("no time zone \(zone) on this system") }
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = tz
    return cal
}

/// Today in UTC, as days since 1970-01-01.
func utcEpochDay() -> Int64 {
    Int64(Date().timeIntervalSince1970.rounded(.down)) / 86_400
}

func utcDate(_ dayOffset: Int64) throws -> LocalDate {
    let day = Date(timeIntervalSince1970: Double((utcEpochDay() + dayOffset) * 86_400))
    let c = try calendar("UTC").dateComponents([.year, .month, .day], from: day)
    return LocalDate(year: Int32(c.year!), month: UInt32(c.month!), day: UInt32(c.day!))
}

/// Monday-first weekday index of a day relative to today (UTC).
func weekdayIndex(_ dayOffset: Int64) throws -> Int {
    let day = Date(timeIntervalSince1970: Double((utcEpochDay() + dayOffset) * 86_400))
    let weekday = try calendar("UTC").component(.weekday, from: day)  // 1 = Sunday
    return (weekday + 5) % 7
}

/// The instant of a UTC wall time on a day relative to today.
func fixtureInstant(_ day: Int64, _ hhmm: String) throws -> Date {
    let parts = hhmm.split(separator: ":").compactMap { Int64($0) }
    guard parts.count == 2 else { throw fail("bad time \(hhmm) in the fixture") }
    return Date(timeIntervalSince1970: Double((utcEpochDay() + day) * 86_400 + parts[0] * 3600 + parts[1] * 60))
}

let channelIds: [String: Channel] = [
    "call": .call, "text": .text, "messaging_app": .messagingApp, "email": .email,
    "social_media": .socialMedia, "in_person": .inPerson, "through_someone": .throughSomeone, "other": .other,
]

/// The shared fixture file; cargo xtask stages the fixtures and passes their directory in NOCONTACT_FIXTURES.
func fixtureText(_ name: String) throws -> String {
    guard let dir = ProcessInfo.processInfo.environment["NOCONTACT_FIXTURES"] else {
        throw fail("NOCONTACT_FIXTURES is not set (run the tests through cargo xtask swift-test)")
    }
    let path = URL(fileURLWithPath: dir).appendingPathComponent(name).path
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw fail("cannot read the fixture \(path)")
    }
    return text
}

/// What the fixture expects: per WHO, [current, longest, total, breaches]; and the next milestones [days, days left].
struct FixtureExpect {
    var numbers: [String: [UInt32]] = [:]
    var next: [String: [UInt32]] = [:]
}

/// Builds fixtures/streaks.txt in `vault`, exactly as core/tests/insights.rs does, and returns what it expects.
func buildStreakFixture(_ vault: Vault) throws -> FixtureExpect {
    var people: [String: String] = [:]
    var expect = FixtureExpect()
    let lines = try fixtureText("streaks.txt").split(separator: "\n", omittingEmptySubsequences: false)
        .map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    for line in lines {
        let w = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        func int(_ i: Int) throws -> Int64 {
            guard i < w.count, let n = Int64(w[i]) else { throw fail("fixture line <\(line)>: no number at \(i)") }
            return n
        }
        func uint(_ text: String) throws -> UInt32 {
            guard let n = UInt32(text) else { throw fail("fixture line <\(line)>: \(text) is not a number") }
            return n
        }
        func person(_ alias: String) throws -> String {
            guard let id = people[alias] else { throw fail("fixture line <\(line)> names an unknown person") }
            return id
        }
        func channel(_ id: String) throws -> Channel {
            guard let c = channelIds[id] else { throw fail("unknown channel \(id) in the fixture") }
            return c
        }
        func event(_ day: Int, _ hhmm: Int, _ body: EventBody) throws -> NewEvent {
            NewEvent(at: try fixtureInstant(try int(day), w[hhmm]), utcOffsetSeconds: 0, body: body)
        }
        switch w[0] {
        case "person":
            let p = try vault.addPerson(
                input: PersonInput(
                    alias: w[1], relationship: .other, mode: .noContact, noContactSince: try utcDate(try int(3)),
                    blockedOn: [], notes: ""))
            people[w[1]] = p.id
        case "breach":
            let contact = MyContact(
                personId: try person(w[1]), channel: try channel(w[4]), initiatedBy: .me, crossedBoundaryIds: [],
                note: "")
            _ = try vault.logEvent(event: try event(2, 3, .myContact(contact: contact)))
        case "attempt":
            let e = try vault.quickLogAttempt(personId: try person(w[1]), channel: try channel(w[4]), utcOffsetSeconds: 0)
            guard case .theirAttempt(let attempt) = e.body else { throw fail("quickLogAttempt returned \(e.body)") }
            _ = try vault.amendEvent(id: e.id, event: try event(2, 3, .theirAttempt(attempt: attempt)))
        case "urge":
            let outcome: UrgeOutcome
            switch w[4] {
            case "resisted": outcome = .resisted
            case "delayed": outcome = .delayed
            default: outcome = .reachedOut
            }
            let urge = Urge(
                intensity: UInt8(try int(3)), personId: nil, triggerIds: [], emotions: [.lonely], otherEmotions: [],
                coping: ["walked"], outcome: outcome, reachedOutVia: nil, note: "")
            _ = try vault.logEvent(event: try event(1, 2, .urge(urge: urge)))
        case "checkin":
            let checkIn = CheckIn(mood: UInt8(try int(3)), energy: nil, note: "", tags: [])
            _ = try vault.logEvent(event: try event(1, 2, .checkIn(checkIn: checkIn)))
        case "expect":
            expect.numbers[w[1]] = try (2...5).map { (i: Int) throws -> UInt32 in
                guard i < w.count, let value = w[i].split(separator: "=").last else {
                    throw fail("fixture line <\(line)>: no key=value at \(i)")
                }
                return try uint(String(value))
            }
        case "expect-next":
            expect.next[w[1]] = [try uint(w[2]), try uint(w[3])]
        default:
            throw fail("unknown fixture line <\(line)>")
        }
    }
    try check(!expect.numbers.isEmpty && !expect.next.isEmpty, "the fixture expects nothing")
    return expect
}

/// Per WHO ("overall" or an alias): [current, longest, total, breaches], and the next milestones [days, days left].
func streakNumbers(_ report: StreakReport) -> (numbers: [String: [UInt32]], next: [String: [UInt32]]) {
    var numbers: [String: [UInt32]] = [:]
    var next: [String: [UInt32]] = [:]
    for s in (report.overall.map { [$0] } ?? []) + report.people {
        let who = s.alias ?? "overall"
        numbers[who] = [s.currentDays, s.longestDays, s.totalDaysKept, s.breaches]
        if let n = s.nextMilestone {
            next[who] = [n.days, n.daysLeft]
        }
    }
    return (numbers, next)
}

func checkStreaks(_ report: StreakReport, _ expect: FixtureExpect, _ what: String) throws {
    let got = streakNumbers(report)
    try assertEq(got.numbers, expect.numbers, "\(what): [current, longest, total, breaches] per streak")
    for (who, want) in expect.next.sorted(by: { $0.key < $1.key }) {
        try assertEq(got.next[who], want, "\(what): next milestone [days, days left] of \(who)")
    }
}

func defaultReminderSettings() -> ReminderSettings {
    ReminderSettings(
        discretion: .neutral, dailyCheckIn: TimeOfDay(hour: 20, minute: 0), eveningReview: nil, milestones: true,
        riskyDateHeadsUpDays: 3, boundaryReviews: true, noticeTime: TimeOfDay(hour: 9, minute: 0))
}

let insightsTests: [(String, (TestContext) throws -> Void)] = [
    ("insights: shared streak fixture, summary and patterns", { t in
        let v = try t.create().vault
        let expect = try buildStreakFixture(v)

        let report = try v.streaks(zone: utcZone)
        try assertEq(report.today, try utcDate(0), "streaks: today")
        try checkStreaks(report, expect, "streaks(UTC)")
        guard let r = report.people.first(where: { $0.alias == "R." }) else { throw fail("no streak for R.") }
        try assertEq(r.previousDays, 25, "R.: previousDays")
        try assertEq(r.milestonesReached.map(\.days), [1, 3, 7, 14], "R.: milestones reached")
        try assertEq(report.people.map(\.alias), ["Mum", "R."], "streaks by alias")

        let summary = try v.summary(zone: utcZone)
        try checkStreaks(summary.streaks, expect, "summary(UTC).streaks")
        try assertEq(summary.streaks, report, "summary streaks equal streaks()")
        guard let overallNext = expect.next["overall"] else { throw fail("the fixture has no expect-next overall") }
        try assertEq(
            summary.nextMilestone.map { [$0.days, $0.daysLeft] }, overallNext,
            "summary: next milestone [days, days left]")
        try check(summary.promptOfTheDay != nil, "summary has no prompt of the day")
        try assertEq(summary.lastCheckIn?.at, try fixtureInstant(-1, "08:00"), "summary: last check-in")
        try assertEq(summary.today, try utcDate(0), "summary: today")

        let i = try v.insights(zone: utcZone, weeks: 4, personId: nil)
        try assertEq(i.urges.total, 3, "urges.total")
        try assertEq(i.urges.resistedPercent, 67, "urges.resistedPercent")
        try assertEq(i.urges.meanIntensity, 5.0, "urges.meanIntensity")
        try assertEq(i.urges.weekdayHour.count, 7, "weekdayHour rows")
        try check(
            i.urges.weekdayHour.allSatisfy { $0.count == 24 },
            "weekdayHour rows are not 24 long: \(i.urges.weekdayHour.map(\.count))")
        try assertEq(i.urges.weekdayHour.joined().reduce(0, +), 3, "weekdayHour sum")
        for (day, hour) in [(Int64(-6), 20), (-4, 21), (-2, 22)] {
            let row = try weekdayIndex(day)
            try check(i.urges.weekdayHour[row][hour] >= 1, "no urge counted at weekday \(row), hour \(hour)")
        }
        try assertEq(i.urges.topEmotions.first?.label, "lonely", "top emotion")
        try assertEq(i.urges.helpedWhenResisted.first?.count, 2, "what helped when resisted")
        try assertEq(i.urges.weeks.count, 4, "urges.weeks")
        try assertEq(i.attempts.total, 4, "attempts.total")
        try assertEq(i.attempts.last14Days, 4, "attempts.last14Days")
        try assertEq(i.attempts.mostInEarlier14Days, 0, "attempts.mostInEarlier14Days")
        try check(i.attempts.rising, "attempts.rising is false")
        try assertEq(i.attempts.byChannel.first, ChannelCount(channel: .text, count: 2), "attempts by channel")
        try assertEq(i.mood.days.count, 2, "mood days")
        guard let mum = try v.listPeople(includeArchived: false).first(where: { $0.alias == "Mum" }) else {
            throw fail("no Mum")
        }
        let forMum = try v.insights(zone: utcZone, weeks: 4, personId: mum.id)
        try assertEq(forMum.personId, mum.id, "insights personId")
        try assertEq(forMum.attempts.total, 0, "attempts by Mum")
        try assertEq(forMum.urges.total, 0, "urges about nobody are not Mum's")
        try assertInvalid("weeks", "insights over 0 weeks") { try v.insights(zone: utcZone, weeks: 0, personId: nil) }
        try assertInvalid("weeks", "insights over 105 weeks") {
            try v.insights(zone: utcZone, weeks: 105, personId: nil)
        }
        try assertInvalid("person_id", "insights for an unknown person") {
            try v.insights(zone: utcZone, weeks: 4, personId: unknownId)
        }
        try assertInvalid("zone", "insights in an unknown zone") {
            try v.insights(zone: "Not/AZone", weeks: 4, personId: nil)
        }
    }),

    ("insights: reminders and their settings", { t in
        let v = try t.create().vault
        try assertEq(try v.reminderSettings(), defaultReminderSettings(), "default reminder settings")
        let before = Date()
        let upcoming = try v.upcomingReminders(zone: "Europe/Berlin", count: 5)
        try assertEq(upcoming.count, 5, "upcoming reminders")
        try check(
            zip(upcoming, upcoming.dropFirst()).allSatisfy { pair in pair.0.at <= pair.1.at },
            "reminders not in time order: \(upcoming.map(\.at))")
        try check(upcoming.allSatisfy { $0.at > before }, "a reminder is not in the future: \(upcoming.map(\.at))")
        try assertEq(Set(upcoming.map(\.kind)), [.dailyCheckIn], "kinds of the default reminders")
        try assertEq(upcoming[0].title, "Daily note", "title of a neutral daily reminder")
        let berlin = try calendar("Europe/Berlin")
        for r in upcoming {
            let c = berlin.dateComponents([.year, .month, .day, .hour, .minute], from: r.at)
            try assertEq([c.hour, c.minute], [20, 0], "local time of \(r.at) in Berlin")
            try assertEq(
                r.date, LocalDate(year: Int32(c.year!), month: UInt32(c.month!), day: UInt32(c.day!)),
                "date of \(r.at)")
        }

        _ = try v.addPerson(
            input: PersonInput(
                alias: "R.", relationship: .exPartner, mode: .noContact, noContactSince: try utcDate(-6),
                blockedOn: [], notes: ""))
        var plain = defaultReminderSettings()
        plain.discretion = .plain
        plain.dailyCheckIn = nil
        try assertEq(try v.setReminderSettings(settings: plain), plain, "setReminderSettings returns the settings")
        try assertEq(try v.reminderSettings(), plain, "reminderSettings after a set")
        let milestones = try v.upcomingReminders(zone: utcZone, count: 3)
        try assertEq(milestones.first?.kind, .milestone, "first reminder with plain settings")
        try check(
            milestones.first?.body.contains("7 days of no contact") == true,
            "plain milestone body: \(milestones.first?.body ?? "none")")
        var neutral = plain
        neutral.discretion = .neutral
        _ = try v.setReminderSettings(settings: neutral)
        for r in try v.upcomingReminders(zone: utcZone, count: 3) {
            let text = "\(r.title) \(r.body)".lowercased()
            try check(!text.contains("contact") && !text.contains("r."), "a neutral reminder says <\(text)>")
        }

        var badCheckIn = plain
        badCheckIn.dailyCheckIn = TimeOfDay(hour: 24, minute: 0)
        try assertInvalid("daily_check_in", "a daily check-in at 24:00") {
            try v.setReminderSettings(settings: badCheckIn)
        }
        var badNotice = plain
        badNotice.noticeTime = TimeOfDay(hour: 9, minute: 60)
        try assertInvalid("notice_time", "a notice at 9:60") { try v.setReminderSettings(settings: badNotice) }
        var badHeadsUp = plain
        badHeadsUp.riskyDateHeadsUpDays = 31
        try assertInvalid("risky_date_heads_up_days", "a heads-up 31 days ahead") {
            try v.setReminderSettings(settings: badHeadsUp)
        }
        try assertInvalid("count", "0 upcoming reminders") { try v.upcomingReminders(zone: utcZone, count: 0) }
        try assertInvalid("zone", "reminders in an unknown zone") {
            try v.upcomingReminders(zone: "Mars/Olympus_Mons", count: 5)
        }

        v.lock()
        try v.unlock(secret: .passcode(passcode: passcode))
        try assertEq(try v.reminderSettings(), neutral, "reminder settings after lock and unlock")
    }),

    ("insights: risky dates and an empty summary", { t in
        let v = try t.create().vault
        let empty = try v.summary(zone: "Pacific/Auckland")
        try assertEq(empty.streaks.people, [], "streaks of an empty vault")
        try assertEq(empty.streaks.overall, nil, "overall streak of an empty vault")
        try assertEq(empty.lastCheckIn, nil, "last check-in of an empty vault")
        try assertEq(empty.nextMilestone, nil, "next milestone of an empty vault")
        let quiet = try v.insights(zone: "Pacific/Auckland", weeks: 104, personId: nil)
        try assertEq(quiet.urges.total, 0, "urges of an empty vault")
        try assertEq(quiet.urges.intensityTrend, .notEnoughData, "urge trend of an empty vault")
        try assertEq(quiet.attempts.trend, .notEnoughData, "attempt trend of an empty vault")
        try check(!quiet.attempts.rising, "attempts rising in an empty vault")

        let soon = try utcDate(3)
        let birthday = try v.addTrigger(
            input: TriggerInput(
                name: "their birthday", category: .dateOrAnniversary, date: MonthDay(month: soon.month, day: soon.day),
                personId: nil))
        _ = try v.addTrigger(input: TriggerInput(name: "the bar", category: .place, date: nil, personId: nil))
        let dates = try v.riskyDates(zone: utcZone, horizonDays: 30)
        try assertEq(dates.count, 1, "risky dates within 30 days")
        try assertEq(dates.first?.triggerId, birthday.id, "risky date triggerId")
        try assertEq(dates.first?.name, "their birthday", "risky date name")
        try assertEq(dates.first?.date, soon, "risky date date")
        try assertEq(dates.first?.daysAway, 3, "risky date daysAway")
        try assertEq(try v.riskyDates(zone: utcZone, horizonDays: 2), [], "risky dates within 2 days")
        let summary = try v.summary(zone: utcZone)
        try assertEq(summary.riskyDateNear?.daysAway, 3, "summary: risky date near")
        try assertEq(summary.streaks.overall, nil, "summary: no overall streak without people")
        try assertInvalid("horizon_days", "a horizon of 367 days") {
            try v.riskyDates(zone: utcZone, horizonDays: 367)
        }
        try assertInvalid("zone", "risky dates in an unknown zone") {
            try v.riskyDates(zone: "Not/AZone", horizonDays: 30)
        }
        try assertInvalid("zone", "streaks in an unknown zone") { try v.streaks(zone: "") }
        try assertInvalid("zone", "summary in an unknown zone") { try v.summary(zone: "UTC+25") }
    }),
]

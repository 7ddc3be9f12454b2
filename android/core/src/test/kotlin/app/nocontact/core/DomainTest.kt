// The no-contact domain end to end through the Kotlin bindings: people,
// boundaries, triggers, events, reflections, prompts, reasons, the safety
// plan and urge support. Mirrors core/tests/domain.rs; run by the harness in
// VaultTest.kt (`cargo xtask kotlin-test domain` runs only these).
package app.nocontact.core

import java.time.Instant

/** Now, in whole seconds (the vault keeps milliseconds). */
private fun wholeNow(): Instant = Instant.ofEpochSecond(Instant.now().epochSecond)

private fun daysAgo(n: Long): Instant = wholeNow().minusSeconds(n * 86_400)

private fun ld(year: Int, month: Int, day: Int) = LocalDate(year, month.toUInt(), day.toUInt())

private fun personIn(alias: String) = PersonInput(
    alias,
    Relationship.EX_PARTNER,
    ContactMode.NoContact,
    ld(2026, 1, 15),
    listOf(Channel.TEXT, Channel.CALL, Channel.TEXT),
    "",
)

private fun attemptOf(personId: String) = TheirAttempt(
    personId = personId,
    channel = Channel.TEXT,
    handle = "+1 555 0100",
    said = "\"I just want to talk\"",
    saidVerbatim = true,
    response = AttemptResponse.IGNORED,
    location = "",
    witnesses = listOf("Sam"),
    feltUnsafe = 2u,
    attachments = listOf(Attachment("img-001", "a".repeat(64))),
    note = "",
)

private fun urgeOf(intensity: Int, outcome: UrgeOutcome) = Urge(
    intensity = intensity.toUByte(),
    personId = null,
    triggerIds = emptyList(),
    emotions = listOf(Emotion.LONELY),
    otherEmotions = listOf("homesick"),
    coping = listOf("walked"),
    outcome = outcome,
    reachedOutVia = null,
    note = "",
)

private fun checkInOf(mood: Int, energy: Int? = null) =
    EventBody.CheckIn(CheckIn(mood.toUByte(), energy?.toUByte(), "", emptyList()))

private fun newEvent(body: EventBody, at: Instant? = null, offset: Int = 3600) = NewEvent(at, offset, body)

private fun eventQuery(
    kinds: List<EventKind> = emptyList(),
    personId: String? = null,
    from: Instant? = null,
    until: Instant? = null,
    offset: UInt = 0u,
    limit: UInt = 50u,
) = EventQuery(kinds, personId, from, until, offset, limit)

private fun journalEntry(text: String, kind: ReflectionKind = ReflectionKind.Journal(null)) =
    NewReflection(null, 0, ReflectionBody(kind, "", text, emptyList(), null))

private fun allReflections(filter: ReflectionFilter = ReflectionFilter.ALL, personId: String? = null) =
    ReflectionQuery(filter, personId, null, null, 0u, 500u)

private fun emptyPlan() = SafetyPlan(
    warningSigns = emptyList(),
    copingStrategies = emptyList(),
    distractions = emptyList(),
    peopleToAsk = emptyList(),
    professionals = emptyList(),
    safeEnvironment = emptyList(),
    reasons = emptyList(),
    ifTheyShowUp = emptyList(),
    safePlaces = emptyList(),
    codeWord = "",
    goBag = emptyList(),
    documents = emptyList(),
)

private fun samplePlan() = emptyPlan().copy(
    warningSigns = listOf("I start rereading old messages"),
    copingStrategies = listOf("Cold water on my face", "Walk round the block"),
    peopleToAsk = listOf(SupportContact("Sam", "+1 555 0199")),
    professionals = listOf(SupportContact("Local helpline", "0800 000 000")),
    reasons = listOf("I sleep through the night now"),
    codeWord = "pineapple",
    goBag = listOf(ChecklistItem("spare keys", false)),
)

private fun Vault.relock() {
    lock()
    check(!isUnlocked()) { "still unlocked after lock()" }
    unlock(Secret.Passcode(PASSCODE))
}

internal fun registerDomainTests() {
    test("domain: people add, update, archive, list, delete") {
        val v = create().vault
        val p = v.addPerson(personIn("R. 🌙 رامي"))
        assertEq(p.alias, "R. 🌙 رامي", "RTL/emoji alias round-trips")
        assertEq(p.blockedOn, listOf(Channel.TEXT, Channel.CALL), "blockedOn, duplicates removed")
        assertEq(p.archived, false, "archived of a new person")
        assertEq(v.getPerson(p.id), p, "getPerson")

        val edit = personIn("R.").copy(
            mode = ContactMode.LowContact(listOf(Channel.EMAIL), listOf("the children")),
        )
        val edited = v.updatePerson(p.id, edit)
        assertEq(edited.alias, "R.", "alias after update")
        assertEq(edited.mode, edit.mode, "mode after update")
        assertEq(edited.createdAt, p.createdAt, "createdAt kept by update")
        check(!edited.updatedAt.isBefore(p.updatedAt)) { "updatedAt went back: ${edited.updatedAt} < ${p.updatedAt}" }

        val other = v.addPerson(personIn("a parent"))
        assertEq(v.listPeople(false).map { it.alias }, listOf("a parent", "R."), "people by alias")
        assertEq(v.setPersonArchived(other.id, true).archived, true, "setPersonArchived")
        assertEq(v.listPeople(false).map { it.id }, listOf(p.id), "people without the archived")
        assertEq(v.listPeople(true).map { it.id }.toSet(), setOf(p.id, other.id), "people with the archived")

        // An archived person cannot be named in new entries.
        assertInvalid("person_id", "quickLogAttempt about an archived person") {
            v.quickLogAttempt(other.id, Channel.CALL, 0)
        }

        // A person with events cannot be deleted; one without can.
        v.quickLogAttempt(p.id, Channel.CALL, 0)
        assertThrows<VaultException.InUse>("deletePerson with an event") { v.deletePerson(p.id) }
        v.deletePerson(other.id)
        assertThrows<VaultException.NotFound>("getPerson after delete") { v.getPerson(other.id) }
        assertThrows<VaultException.NotFound>("deletePerson twice") { v.deletePerson(other.id) }
        assertInvalid("id", "getPerson of a malformed id") { v.getPerson("zz") }

        v.relock()
        assertEq(v.listPeople(true), listOf(edited), "people after lock and unlock")
    }

    test("domain: person validation names the field") {
        val v = create().vault
        assertInvalid("alias", "empty alias") { v.addPerson(personIn("")) }
        assertInvalid("alias", "81-char alias") { v.addPerson(personIn("x".repeat(81))) }
        assertInvalid("no_contact_since", "noContactSince in the future") {
            v.addPerson(personIn("x").copy(noContactSince = ld(2099, 1, 1)))
        }
        assertInvalid("no_contact_since", "February 30") {
            v.addPerson(personIn("x").copy(noContactSince = ld(2025, 2, 30)))
        }
        assertInvalid("notes", "notes over 5000 chars") { v.addPerson(personIn("x").copy(notes = "n".repeat(5_001))) }
        assertInvalid("allowed_topics", "an empty allowed topic") {
            v.addPerson(personIn("x").copy(mode = ContactMode.LowContact(emptyList(), listOf(""))))
        }
        val ok = v.addPerson(personIn("x"))
        assertInvalid("alias", "updatePerson to a blank alias") { v.updatePerson(ok.id, personIn("  ")) }
        assertEq(v.listPeople(true), listOf(ok), "only the valid person was stored")
    }

    test("domain: boundaries and triggers") {
        val v = create().vault
        val p = v.addPerson(personIn("R."))
        val b = v.addBoundary(
            BoundaryInput("I don't reply to their messages", p.id, BoundaryKind.COMMUNICATION, ld(2026, 2, 1), ld(2027, 2, 1)),
        )
        assertEq(b.status, BoundaryStatus.ACTIVE, "status of a new boundary")
        assertEq(b.personId, p.id, "boundary personId")
        val general = v.addBoundary(
            BoundaryInput("I don't check their profiles", null, BoundaryKind.MONITORING, ld(2026, 3, 1), null),
        )
        assertEq(v.listBoundaries(null, emptyList()).map { it.id }, listOf(general.id, b.id), "boundaries, latest set first")
        assertEq(v.listBoundaries(p.id, emptyList()), listOf(b), "boundaries for the person")
        val paused = v.setBoundaryStatus(general.id, BoundaryStatus.PAUSED)
        assertEq(paused.status, BoundaryStatus.PAUSED, "setBoundaryStatus")
        assertEq(v.getBoundary(general.id), paused, "getBoundary after setBoundaryStatus")
        assertEq(v.listBoundaries(null, listOf(BoundaryStatus.ACTIVE)), listOf(b), "active boundaries")
        assertEq(v.listBoundaries(null, listOf(BoundaryStatus.PAUSED)), listOf(paused), "paused boundaries")
        assertEq(
            v.listBoundaries(null, listOf(BoundaryStatus.PAUSED, BoundaryStatus.RETIRED)).map { it.id },
            listOf(general.id),
            "paused or retired boundaries",
        )
        assertInvalid("statement", "a blank statement") {
            v.addBoundary(BoundaryInput(" ", null, BoundaryKind.DIGITAL, ld(2026, 3, 1), null))
        }
        assertInvalid("person_id", "a boundary about an unknown person") {
            v.addBoundary(BoundaryInput("x", UNKNOWN_ID, BoundaryKind.DIGITAL, ld(2026, 3, 1), null))
        }

        // A crossed boundary cannot be deleted.
        v.logEvent(newEvent(EventBody.MyContact(MyContact(p.id, Channel.TEXT, Initiator.THEM, listOf(b.id), ""))))
        assertThrows<VaultException.InUse>("deleteBoundary of a crossed boundary") { v.deleteBoundary(b.id) }
        v.deleteBoundary(general.id)
        assertThrows<VaultException.NotFound>("getBoundary after delete") { v.getBoundary(general.id) }

        val birthday = v.addTrigger(TriggerInput("their birthday", TriggerCategory.DATE_OR_ANNIVERSARY, MonthDay(2u, 29u), p.id))
        assertEq(birthday.date, MonthDay(2u, 29u), "a February 29 date trigger")
        assertEq(birthday.personId, p.id, "trigger personId")
        fun trig(category: TriggerCategory, date: MonthDay?) = v.addTrigger(TriggerInput("x", category, date, null))
        assertInvalid("date", "DateOrAnniversary without a date") { trig(TriggerCategory.DATE_OR_ANNIVERSARY, null) }
        assertInvalid("date", "a place with a date") { trig(TriggerCategory.PLACE, MonthDay(1u, 1u)) }
        assertInvalid("date", "February 30") { trig(TriggerCategory.DATE_OR_ANNIVERSARY, MonthDay(2u, 30u)) }
        assertInvalid("person_id", "a trigger about an unknown person") {
            v.addTrigger(TriggerInput("x", TriggerCategory.PLACE, null, UNKNOWN_ID))
        }
        val song = trig(TriggerCategory.MUSIC_OR_MEDIA, null)
        assertEq(v.setTriggerArchived(song.id, true).archived, true, "setTriggerArchived")
        assertEq(v.listTriggers(false), listOf(birthday), "triggers without the archived")
        assertEq(v.listTriggers(true).size, 2, "triggers with the archived")

        v.relock()
        assertEq(v.listBoundaries(null, emptyList()), listOf(b), "boundaries after lock and unlock")
        assertEq(v.listTriggers(false), listOf(birthday), "triggers after lock and unlock")
    }

    test("domain: events log, quick log, list, amend, delete") {
        val v = create().vault
        val p = v.addPerson(personIn("R."))
        val q = v.addPerson(personIn("Q."))

        val attempt = attemptOf(p.id)
        val aAt = daysAgo(3)
        val a = v.logEvent(newEvent(EventBody.TheirAttempt(attempt), aAt))
        assertEq(a.contact, null, "contact of an attempt")
        assertEq(a.event.kind, EventKind.THEIR_ATTEMPT, "attempt kind")
        assertEq(a.event.revision, 0u, "revision of a new event")
        assertEq(a.event.utcOffsetSeconds, 3600, "attempt offset")
        assertEq(a.event.at, aAt, "attempt at")
        assertEq(a.event.amendedAt, null, "amendedAt of a new event")
        assertEq(a.event.body, EventBody.TheirAttempt(attempt), "attempt body with its attachment")

        // An urge that reached out brings its my-contact event.
        val reached = urgeOf(8, UrgeOutcome.REACHED_OUT).copy(personId = p.id, reachedOutVia = Channel.CALL)
        val logged = v.logEvent(newEvent(EventBody.Urge(reached), daysAgo(2)))
        assertEq(logged.event.kind, EventKind.URGE, "urge kind")
        assertEq(logged.event.body, EventBody.Urge(reached), "urge body")
        val contact = logged.contact ?: fail("an urge that reached out returned no contact event")
        assertEq(contact.kind, EventKind.MY_CONTACT, "kind of the implied contact")
        assertEq(contact.at, logged.event.at, "at of the implied contact")
        val mine = (contact.body as? EventBody.MyContact)?.contact ?: fail("implied contact body is ${contact.body}")
        assertEq(listOf(mine.personId, mine.channel, mine.initiatedBy), listOf(p.id, Channel.CALL, Initiator.ME), "implied contact")

        // The other two kinds through logEvent.
        val myContact = MyContact(q.id, Channel.EMAIL, Initiator.THEM, emptyList(), "about the keys")
        val c = v.logEvent(newEvent(EventBody.MyContact(myContact), daysAgo(5))).event
        assertEq(c.kind, EventKind.MY_CONTACT, "my-contact kind")
        assertEq(c.body, EventBody.MyContact(myContact), "my-contact body")
        val ci = v.logEvent(newEvent(checkInOf(3, 4), daysAgo(6))).event
        assertEq(ci.kind, EventKind.CHECK_IN, "check-in kind")
        assertEq(ci.body, checkInOf(3, 4), "check-in body")

        // Quick logs, stamped now.
        val qa = v.quickLogAttempt(q.id, Channel.EMAIL, 0)
        assertEq(qa.kind, EventKind.THEIR_ATTEMPT, "quickLogAttempt kind")
        val qaBody = (qa.body as? EventBody.TheirAttempt)?.attempt ?: fail("quickLogAttempt body is ${qa.body}")
        assertEq(listOf(qaBody.personId, qaBody.channel), listOf(q.id, Channel.EMAIL), "quickLogAttempt fields")
        val qci = v.quickCheckIn(4u, -7200)
        assertEq(qci.kind, EventKind.CHECK_IN, "quickCheckIn kind")
        assertEq(qci.utcOffsetSeconds, -7200, "quickCheckIn offset")
        assertEq((qci.body as? EventBody.CheckIn)?.checkIn?.mood, 4.toUByte(), "quickCheckIn mood")
        val qu = v.quickLogUrge(3u, UrgeOutcome.RESISTED, 0)
        val quBody = (qu.body as? EventBody.Urge)?.urge ?: fail("quickLogUrge body is ${qu.body}")
        assertEq(listOf(quBody.intensity, quBody.outcome), listOf(3.toUByte(), UrgeOutcome.RESISTED), "quickLogUrge fields")
        val qc = v.quickLogContact(q.id, Channel.TEXT, Initiator.THEM, 0)
        val qcBody = (qc.body as? EventBody.MyContact)?.contact ?: fail("quickLogContact body is ${qc.body}")
        assertEq(listOf(qcBody.personId, qcBody.channel, qcBody.initiatedBy), listOf(q.id, Channel.TEXT, Initiator.THEM), "quickLogContact fields")
        check(Math.abs(qc.at.epochSecond - Instant.now().epochSecond) < 5) { "quick log not stamped now: ${qc.at}" }

        // Lists: 9 events, newest first, filtered and paged.
        val all = v.listEvents(eventQuery())
        assertEq(all.total, 9uL, "total")
        assertEq(all.events.size, 9, "events on one page")
        assertEq(all.nextOffset, null, "nextOffset of the only page")
        check(all.events.zipWithNext().all { (x, y) -> !x.at.isBefore(y.at) }) { "events are not newest first: ${all.events.map { it.at }}" }
        assertEq(all.events.last().id, ci.id, "oldest event last")
        assertEq(v.listEvents(eventQuery(personId = p.id)).total, 3uL, "events about R.")
        assertEq(v.listEvents(eventQuery(personId = q.id)).total, 3uL, "events about Q.")
        val attempts = v.listEvents(eventQuery(kinds = listOf(EventKind.THEIR_ATTEMPT)))
        assertEq(attempts.events.map { it.id }, listOf(qa.id, a.event.id), "attempts")
        assertEq(v.listEvents(eventQuery(kinds = listOf(EventKind.URGE, EventKind.CHECK_IN))).total, 4uL, "urges and check-ins")
        assertEq(
            v.listEvents(eventQuery(kinds = listOf(EventKind.THEIR_ATTEMPT), personId = q.id)).events.map { it.id },
            listOf(qa.id),
            "attempts by Q.",
        )
        val window = v.listEvents(eventQuery(from = daysAgo(4), until = daysAgo(1)))
        assertEq(window.total, 3uL, "events between 4 and 1 days ago")
        assertEq(window.events.map { it.id }.toSet(), setOf(a.event.id, logged.event.id, contact.id), "events in the window")
        assertEq(v.listEvents(eventQuery(until = daysAgo(4))).events.map { it.id }, listOf(c.id, ci.id), "events until 4 days ago")
        val page1 = v.listEvents(eventQuery(limit = 4u))
        assertEq(listOf(page1.events.size, page1.nextOffset, page1.total), listOf(4, 4u, 9uL), "page 1 (size, nextOffset, total)")
        val page2 = v.listEvents(eventQuery(limit = 4u, offset = 4u))
        assertEq(listOf(page2.events.size, page2.nextOffset, page2.total), listOf(4, 8u, 9uL), "page 2 (size, nextOffset, total)")
        val page3 = v.listEvents(eventQuery(limit = 4u, offset = 8u))
        assertEq(listOf(page3.events.size, page3.nextOffset, page3.total), listOf(1, null, 9uL), "page 3 (size, nextOffset, total)")
        assertEq(page1.events + page2.events + page3.events, all.events, "pages joined")
        assertEq(v.listEvents(eventQuery(offset = 20u)).events, emptyList<Event>(), "a page past the end")

        // Amend: the earlier version stays.
        val fixed = attempt.copy(feltUnsafe = 4u, response = AttemptResponse.REPORTED)
        val amended = v.amendEvent(a.event.id, newEvent(EventBody.TheirAttempt(fixed)))
        assertEq(amended.revision, 1u, "revision after amend")
        assertEq(amended.at, a.event.at, "at kept when not given")
        check(amended.amendedAt != null) { "amendedAt after amend is null" }
        assertEq(amended.body, EventBody.TheirAttempt(fixed), "amended body")
        val history = v.eventHistory(a.event.id)
        assertEq(history.size, 2, "eventHistory size")
        assertEq(history[0], a.event, "first version in the history")
        assertEq(history[1], amended, "second version in the history")
        assertEq(v.getEvent(a.event.id), amended, "getEvent after amend")
        assertInvalid("body", "amending a check-in into an urge") {
            v.amendEvent(qci.id, newEvent(EventBody.Urge(urgeOf(1, UrgeOutcome.RESISTED))))
        }

        // Delete: gone from reads and lists.
        v.deleteEvent(qci.id)
        assertThrows<VaultException.NotFound>("getEvent of a deleted event") { v.getEvent(qci.id) }
        assertThrows<VaultException.NotFound>("deleteEvent twice") { v.deleteEvent(qci.id) }
        assertThrows<VaultException.NotFound>("getEvent of an unknown id") { v.getEvent(UNKNOWN_ID) }
        assertEq(v.listEvents(eventQuery()).total, 8uL, "total after a delete")

        // All of it survives a lock and an unlock.
        val before = v.listEvents(eventQuery())
        v.relock()
        assertEq(v.listEvents(eventQuery()), before, "events after lock and unlock")
        assertEq(v.eventHistory(a.event.id).size, 2, "history after lock and unlock")
        assertThrows<VaultException.NotFound>("deleted event after lock and unlock") { v.getEvent(qci.id) }
        assertEq(v.status().damagedRecords, 0uL, "damagedRecords")
    }

    test("domain: event validation names the field") {
        val v = create().vault
        val p = v.addPerson(personIn("R."))
        fun bad(field: String, what: String, body: EventBody, at: Instant? = null) =
            assertInvalid(field, what) { v.logEvent(newEvent(body, at)) }
        bad("intensity", "intensity 11", EventBody.Urge(urgeOf(11, UrgeOutcome.RESISTED)))
        bad("at", "an urge an hour ahead", EventBody.Urge(urgeOf(5, UrgeOutcome.RESISTED)), Instant.now().plusSeconds(3600))
        bad("reached_out_via", "reached out without a channel", EventBody.Urge(urgeOf(5, UrgeOutcome.REACHED_OUT)))
        bad("trigger_ids", "an unknown trigger", EventBody.Urge(urgeOf(5, UrgeOutcome.RESISTED).copy(triggerIds = listOf("f".repeat(32)))))
        bad("felt_unsafe", "feltUnsafe 5", EventBody.TheirAttempt(attemptOf(p.id).copy(feltUnsafe = 5u)))
        bad(
            "attachments",
            "an upper-case sha256",
            EventBody.TheirAttempt(attemptOf(p.id).copy(attachments = listOf(Attachment("img-001", "A".repeat(64))))),
        )
        bad(
            "attachments",
            "a 63-digit sha256",
            EventBody.TheirAttempt(attemptOf(p.id).copy(attachments = listOf(Attachment("img-001", "a".repeat(63))))),
        )
        bad("said", "said over 20000 chars", EventBody.TheirAttempt(attemptOf(p.id).copy(said = "x".repeat(20_001))))
        bad("person_id", "an attempt by an unknown person", EventBody.TheirAttempt(attemptOf(UNKNOWN_ID)))
        bad("mood", "mood 0", checkInOf(0))
        bad("energy", "energy 6", checkInOf(3, 6))
        assertInvalid("utc_offset_seconds", "a 20-hour offset") { v.logEvent(newEvent(checkInOf(3), null, 20 * 3600)) }
        assertInvalid("limit", "listEvents with limit 0") { v.listEvents(eventQuery(limit = 0u)) }
        assertInvalid("limit", "listEvents with limit 501") { v.listEvents(eventQuery(limit = 501u)) }
        assertInvalid("intensity", "quickLogUrge with intensity 11") { v.quickLogUrge(11u, UrgeOutcome.DELAYED, 0) }
        // A batch with one bad event stores nothing.
        assertInvalid("mood", "a batch with mood 9") {
            v.logEvents(listOf(newEvent(checkInOf(3), daysAgo(1)), newEvent(checkInOf(9), daysAgo(1))))
        }
        assertEq(v.listEvents(eventQuery()).total, 0uL, "no event was stored")
        assertEq(v.status().recordCount, 1uL, "only the person was stored")
        val batch = v.logEvents(listOf(newEvent(checkInOf(3), daysAgo(1)), newEvent(checkInOf(5), daysAgo(2))))
        assertEq(batch.size, 2, "a valid batch")
        assertEq(v.listEvents(eventQuery()).total, 2uL, "events after a valid batch")
    }

    test("domain: reflections, prompts and unsent letters") {
        val v = create().vault
        val p = v.addPerson(personIn("R."))
        val today = ld(2026, 11, 26)
        val prompt = v.promptOfTheDay(today)
        assertEq(v.promptOfTheDay(today), prompt, "promptOfTheDay is stable for the day")
        check(v.promptOfTheDay(ld(2026, 11, 27)).id != prompt.id) { "promptOfTheDay did not change the next day" }
        check(prompt.builtin) { "prompt of the day ${prompt.id} is not built in" }
        assertInvalid("date", "promptOfTheDay for February 30") { v.promptOfTheDay(ld(2026, 2, 30)) }

        val prompts = v.listPrompts()
        for (theme in ReasonTheme.values()) {
            val n = prompts.count { it.theme == theme }
            check(n >= 5) { "only $n prompts for $theme" }
        }
        check(prompts.all { it.builtin }) { "a new vault lists prompts that are not built in" }
        val own = v.addPrompt("What would I tell a friend? 🤝", null)
        check(!own.builtin) { "an own prompt is marked built in" }
        assertEq(own.theme, null, "theme of an own prompt")
        assertEq(v.listPrompts(), prompts + own, "prompts with the own one last")
        assertInvalid("text", "a blank prompt") { v.addPrompt(" ", ReasonTheme.CREATING_SPACE) }

        val answer = v.addReflection(
            NewReflection(null, 0, ReflectionBody(ReflectionKind.Journal(prompt.id), "today", "I noticed I slept better.", listOf("sleep"), 4u)),
        )
        assertEq((answer.body.kind as? ReflectionKind.Journal)?.promptId, prompt.id, "promptId of the answer")
        val letter = v.addReflection(journalEntry("You don't get to decide how I remember it.", ReflectionKind.UnsentLetter(p.id)))
        assertInvalid("prompt_id", "an unknown prompt id") { v.addReflection(journalEntry("x", ReflectionKind.Journal("prompt.nope.01"))) }
        assertInvalid("person_id", "a letter to an unknown person") {
            v.addReflection(journalEntry("x", ReflectionKind.UnsentLetter("1".repeat(32))))
        }
        assertEq(v.listReflections(allReflections(ReflectionFilter.UNSENT_LETTERS)).reflections, listOf(letter), "unsent letters")
        assertEq(v.listReflections(allReflections(ReflectionFilter.JOURNAL)).reflections, listOf(answer), "journal entries")
        assertEq(v.listReflections(allReflections(personId = p.id)).total, 1uL, "reflections about R.")

        val edited = v.amendReflection(
            answer.id,
            NewReflection(null, 0, answer.body.copy(text = "I noticed I slept better, twice.")),
        )
        assertEq(edited.revision, 1u, "revision after amendReflection")
        assertEq(edited.at, answer.at, "at kept by amendReflection")
        assertEq(v.reflectionHistory(answer.id).map { it.body.text }, listOf("I noticed I slept better.", "I noticed I slept better, twice."), "reflectionHistory")
        assertInvalid("kind", "amending a letter into a journal entry") { v.amendReflection(letter.id, journalEntry("now a journal")) }

        // A person with a letter cannot be deleted.
        assertThrows<VaultException.InUse>("deletePerson with a letter") { v.deletePerson(p.id) }
        v.deleteReflection(letter.id)
        assertThrows<VaultException.NotFound>("getReflection of a deleted letter") { v.getReflection(letter.id) }
        v.deletePerson(p.id)
        v.deletePrompt(own.id)
        assertEq(v.listPrompts(), prompts, "prompts after deleting the own one")
        assertInvalid("id", "deleting a built-in prompt") { v.deletePrompt(prompt.id) }

        v.relock()
        assertEq(v.listReflections(allReflections()).reflections, listOf(edited), "reflections after lock and unlock")
        assertEq(v.promptOfTheDay(today), prompt, "prompt of the day after lock and unlock")
    }

    test("domain: reasons from suggestions and in my own words") {
        val v = create().vault
        val suggestions = v.reasonSuggestions()
        assertEq(suggestions.map { it.theme }.toSet(), ReasonTheme.values().toSet(), "themes of the suggestions")
        assertEq(ReasonTheme.values().size, 8, "number of themes")
        val first = suggestions[0]
        val accepted = v.acceptReasonSuggestion(first.id, null)
        assertEq(accepted.text, first.text, "accepted text")
        assertEq(accepted.suggestionId, first.id, "accepted suggestionId")
        assertEq(accepted.theme, first.theme, "accepted theme")
        val edited = v.acceptReasonSuggestion(suggestions[1].id, "In my words: I deserve calm.")
        assertEq(edited.text, "In my words: I deserve calm.", "accepted in my own words")
        assertEq(v.reasonSuggestions(), suggestions.drop(2), "suggestions left")
        assertInvalid("suggestion_id", "accepting a suggestion twice") { v.acceptReasonSuggestion(first.id, null) }
        assertInvalid("suggestion_id", "an unknown suggestion") { v.acceptReasonSuggestion("reason.nope", null) }

        val own = v.addReason("So my kids see something different. 🌱", ReasonTheme.BREAKING_THE_CYCLE)
        assertEq(own.suggestionId, null, "suggestionId of an own reason")
        assertEq(v.listReasons().map { it.id }, listOf(accepted.id, edited.id, own.id), "reasons in the order added")
        val updated = v.updateReason(own.id, "So my kids grow up with calm.")
        assertEq(updated.text, "So my kids grow up with calm.", "updateReason")
        assertEq(updated.theme, ReasonTheme.BREAKING_THE_CYCLE, "theme kept by updateReason")
        v.deleteReason(accepted.id)
        assertEq(v.listReasons().map { it.text }, listOf("In my words: I deserve calm.", "So my kids grow up with calm."), "reasons after a delete")
        assertEq(v.reasonSuggestions().size, suggestions.size - 1, "a deleted reason's suggestion is offered again")
        assertInvalid("text", "an empty reason") { v.addReason("", null) }
        assertInvalid("text", "updating to an empty reason") { v.updateReason(own.id, " ") }
        assertThrows<VaultException.NotFound>("deleteReason twice") { v.deleteReason(accepted.id) }

        v.relock()
        assertEq(v.listReasons().map { it.id }, listOf(edited.id, own.id), "reasons after lock and unlock")
    }

    test("domain: safety plan versions") {
        val v = create().vault
        assertEq(v.safetyPlan(), emptyPlan(), "safety plan of a new vault")
        assertEq(v.safetyPlanHistory(), emptyList<SafetyPlanVersion>(), "history of a new vault")
        val sections = safetyPlanSections()
        assertEq(sections.size, 12, "safetyPlanSections()")
        assertEq(sections, SafetyPlanSection.values().toList(), "sections in reading order")
        assertEq(sections.first(), SafetyPlanSection.WARNING_SIGNS, "first section")

        val v1 = v.saveSafetyPlan(samplePlan())
        assertEq(v1.version, 1u, "first version")
        assertEq(v1.plan, samplePlan(), "first version's plan")
        val ticked = samplePlan().copy(goBag = listOf(ChecklistItem("spare keys", true)))
        val v2 = v.saveSafetyPlan(ticked)
        assertEq(v2.version, 2u, "second version")
        assertEq(v.safetyPlan(), ticked, "latest plan")
        val history = v.safetyPlanHistory()
        assertEq(history.map { it.version }, listOf(2u, 1u), "history, newest first")
        assertEq(history[1].plan, samplePlan(), "the first version is kept")

        assertInvalid("warning_signs", "a blank warning sign") {
            v.saveSafetyPlan(samplePlan().copy(warningSigns = listOf("I start rereading old messages", "  ")))
        }
        assertInvalid("people_to_ask", "a contact without a name") {
            v.saveSafetyPlan(samplePlan().copy(peopleToAsk = listOf(SupportContact("", "+1 555 0199"))))
        }
        assertInvalid("code_word", "a 101-char code word") { v.saveSafetyPlan(samplePlan().copy(codeWord = "c".repeat(101))) }
        assertEq(v.safetyPlanHistory().size, 2, "refused plans were not stored")

        v.relock()
        assertEq(v.safetyPlanHistory().map { it.version }, listOf(2u, 1u), "history after lock and unlock")
        assertEq(v.safetyPlan(), ticked, "plan after lock and unlock")
    }

    test("domain: urge session end to end") {
        val v = create().vault
        val p = v.addPerson(personIn("R."))
        v.saveSafetyPlan(samplePlan())
        val reason = v.addReason("I am safer now.", null)

        val support = v.startUrgeSession(p.id)
        assertEq(support.copingSteps, listOf("Cold water on my face", "Walk round the block"), "copingSteps, in order")
        assertEq(support.peopleToReach, samplePlan().peopleToAsk, "peopleToReach")
        assertEq(support.professionals, samplePlan().professionals, "professionals")
        assertEq(support.reasons, listOf(reason), "reasons")
        assertEq(support.planReasons, samplePlan().reasons, "planReasons")
        assertEq(support.suggestedWaitMinutes, 15u, "suggestedWaitMinutes")

        val first = v.writeUrgeLetter(support.sessionId, "I miss you", 0)
        assertEq(first.revision, 0u, "revision of the first letter")
        val second = v.writeUrgeLetter(support.sessionId, "I miss who I thought you were", 0)
        assertEq(second.id, first.id, "the same letter is written again")
        assertEq(second.revision, 1u, "revision of the letter written again")
        assertEq(second.body.kind, ReflectionKind.UnsentLetter(p.id), "letter kind")
        assertEq(second.body.text, "I miss who I thought you were", "letter text")

        val end = UrgeEnd(
            intensity = 7u,
            outcome = UrgeOutcome.RESISTED,
            reachedOutVia = null,
            triggerIds = emptyList(),
            emotions = listOf(Emotion.LONELY, Emotion.NOSTALGIC),
            otherEmotions = emptyList(),
            coping = listOf("Cold water on my face"),
            note = "",
            utcOffsetSeconds = 0,
        )
        val logged = v.endUrgeSession(support.sessionId, end)
        assertEq(logged.event.at, support.startedAt, "the urge is logged when the session started")
        assertEq(logged.contact, null, "contact of a resisted urge")
        val urge = (logged.event.body as? EventBody.Urge)?.urge ?: fail("session logged ${logged.event.body}")
        assertEq(listOf(urge.personId, urge.intensity, urge.outcome), listOf(p.id, 7.toUByte(), UrgeOutcome.RESISTED), "logged urge")
        assertEq(urge.emotions, end.emotions, "logged emotions")
        assertInvalid("session_id", "ending a session twice") { v.endUrgeSession(support.sessionId, end) }
        assertInvalid("session_id", "writing to an ended session") { v.writeUrgeLetter(support.sessionId, "x", 0) }

        // Without a person, no letter; reaching out needs a person.
        val anon = v.startUrgeSession(null)
        assertInvalid("person_id", "a letter in a session without a person") { v.writeUrgeLetter(anon.sessionId, "x", 0) }
        val again = v.startUrgeSession(p.id)
        val reached = v.endUrgeSession(again.sessionId, end.copy(outcome = UrgeOutcome.REACHED_OUT, reachedOutVia = Channel.TEXT))
        val contact = reached.contact ?: fail("a session that reached out logged no contact")
        assertEq((contact.body as? EventBody.MyContact)?.contact?.channel, Channel.TEXT, "channel of the contact")

        // Sessions do not survive a lock; what was logged does.
        val events = v.listEvents(eventQuery())
        v.relock()
        assertInvalid("session_id", "a session from before the lock") { v.endUrgeSession(anon.sessionId, end) }
        assertInvalid("person_id", "a session about a malformed person id") { v.startUrgeSession("x") }
        assertEq(v.listEvents(eventQuery()), events, "events after lock and unlock")
        assertEq(v.listEvents(eventQuery()).total, 3uL, "two urges and one contact")
        assertEq(v.getReflection(first.id), second, "the letter after lock and unlock")
    }

    test("domain: everything is locked when locked") {
        val v = create().vault
        v.lock()
        assertThrows<VaultException.Locked>("listPeople") { v.listPeople(true) }
        assertThrows<VaultException.Locked>("listEvents") { v.listEvents(eventQuery()) }
        assertThrows<VaultException.Locked>("safetyPlan") { v.safetyPlan() }
        assertThrows<VaultException.Locked>("startUrgeSession") { v.startUrgeSession(null) }
        assertThrows<VaultException.Locked>("quickCheckIn") { v.quickCheckIn(3u, 0) }
        assertThrows<VaultException.Locked>("promptOfTheDay") { v.promptOfTheDay(ld(2026, 1, 1)) }
        assertThrows<VaultException.Locked>("listBoundaries") { v.listBoundaries(null, emptyList()) }
        assertThrows<VaultException.Locked>("reasonSuggestions") { v.reasonSuggestions() }
    }
}

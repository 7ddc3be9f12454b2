// The no-contact domain end to end through the Swift bindings: people,
// boundaries, triggers, events, reflections, prompts, reasons, the safety
// plan and urge support. Mirrors core/tests/domain.rs; main.swift runs
// `domainTests` after `allTests` (`cargo xtask swift-test domain` runs only
// these). The harness helpers are in VaultTests.swift.
import Foundation

/// Now, in whole seconds (the vault keeps milliseconds).
func wholeNow() -> Date {
    Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
}

func daysAgo(_ n: Int) -> Date {
    wholeNow().addingTimeInterval(-86_400 * Double(n))
}

func ld(_ year: Int32, _ month: UInt32, _ day: UInt32) -> LocalDate {
    LocalDate(year: year, month: month, day: day)
}

func domainPerson(_ alias: String) -> PersonInput {
    PersonInput(
        alias: alias, relationship: .exPartner, mode: .noContact, noContactSince: ld(2026, 1, 15),
        blockedOn: [.text, .call, .text], notes: "")
}

func attemptOf(_ personId: String) -> TheirAttempt {
    TheirAttempt(
        personId: personId, channel: .text, handle: "+1 555 0100", said: "\"I just want to talk\"",
        saidVerbatim: true, response: .ignored, location: "", witnesses: ["Sam"], feltUnsafe: 2,
        attachments: [Attachment(appId: "img-001", sha256: String(repeating: "a", count: 64))], note: "")
}

func urgeOf(_ intensity: UInt8, _ outcome: UrgeOutcome) -> Urge {
    Urge(
        intensity: intensity, personId: nil, triggerIds: [], emotions: [.lonely], otherEmotions: ["homesick"],
        coping: ["walked"], outcome: outcome, reachedOutVia: nil, note: "")
}

func checkInOf(_ mood: UInt8, _ energy: UInt8? = nil) -> EventBody {
    .checkIn(checkIn: CheckIn(mood: mood, energy: energy, note: "", tags: []))
}

func newEvent(_ body: EventBody, at: Date? = nil, offset: Int32 = 3600) -> NewEvent {
    NewEvent(at: at, utcOffsetSeconds: offset, body: body)
}

func eventQuery(
    kinds: [EventKind] = [], personId: String? = nil, from: Date? = nil, until: Date? = nil,
    offset: UInt32 = 0, limit: UInt32 = 50
) -> EventQuery {
    EventQuery(kinds: kinds, personId: personId, from: from, until: until, offset: offset, limit: limit)
}

func journalEntry(_ text: String, kind: ReflectionKind = .journal(promptId: nil)) -> NewReflection {
    NewReflection(at: nil, utcOffsetSeconds: 0, body: ReflectionBody(kind: kind, title: "", text: text, tags: [], mood: nil))
}

func allReflections(_ filter: ReflectionFilter = .all, personId: String? = nil) -> ReflectionQuery {
    ReflectionQuery(filter: filter, personId: personId, from: nil, until: nil, offset: 0, limit: 500)
}

let allThemes: [ReasonTheme] = [
    .selfPreservation, .settingBoundaries, .emotionalHealing, .breakingTheCycle,
    .personalGrowth, .protectingOthers, .regainingControl, .creatingSpace,
]

func emptyPlan() -> SafetyPlan {
    SafetyPlan(
        warningSigns: [], copingStrategies: [], distractions: [], peopleToAsk: [], professionals: [],
        safeEnvironment: [], reasons: [], ifTheyShowUp: [], safePlaces: [], codeWord: "", goBag: [], documents: [])
}

func samplePlan() -> SafetyPlan {
    var plan = emptyPlan()
    plan.warningSigns = ["I start rereading old messages"]
    plan.copingStrategies = ["Cold water on my face", "Walk round the block"]
    plan.peopleToAsk = [SupportContact(name: "Sam", howToReach: "+1 555 0199")]
    plan.professionals = [SupportContact(name: "Local helpline", howToReach: "0800 000 000")]
    plan.reasons = ["I sleep through the night now"]
    plan.codeWord = "pineapple"
    plan.goBag = [ChecklistItem(text: "spare keys", done: false)]
    return plan
}

extension Vault {
    func relock() throws {
        lock()
        try check(!isUnlocked(), "still unlocked after lock()")
        try unlock(secret: .passcode(passcode: passcode))
    }
}

let domainTests: [(String, (TestContext) throws -> Void)] = [
    ("domain: people add, update, archive, list, delete", { t in
        let v = try t.create().vault
        let p = try v.addPerson(input: domainPerson("R. 🌙 رامي"))
        try assertSameText(p.alias, "R. 🌙 رامي", "RTL/emoji alias round-trips")
        try assertEq(p.blockedOn, [.text, .call], "blockedOn, duplicates removed")
        try assertEq(p.archived, false, "archived of a new person")
        try assertEq(try v.getPerson(id: p.id), p, "getPerson")

        var edit = domainPerson("R.")
        edit.mode = .lowContact(allowedChannels: [.email], allowedTopics: ["the children"])
        let edited = try v.updatePerson(id: p.id, input: edit)
        try assertEq(edited.alias, "R.", "alias after update")
        try assertEq(edited.mode, edit.mode, "mode after update")
        try assertEq(edited.createdAt, p.createdAt, "createdAt kept by update")
        try check(edited.updatedAt >= p.updatedAt, "updatedAt went back: \(edited.updatedAt) < \(p.updatedAt)")

        let other = try v.addPerson(input: domainPerson("a parent"))
        try assertEq(try v.listPeople(includeArchived: false).map(\.alias), ["a parent", "R."], "people by alias")
        try assertEq(try v.setPersonArchived(id: other.id, archived: true).archived, true, "setPersonArchived")
        try assertEq(try v.listPeople(includeArchived: false).map(\.id), [p.id], "people without the archived")
        try assertEq(
            Set(try v.listPeople(includeArchived: true).map(\.id)), [p.id, other.id], "people with the archived")

        // An archived person cannot be named in new entries.
        try assertInvalid("person_id", "quickLogAttempt about an archived person") {
            try v.quickLogAttempt(personId: other.id, channel: .call, utcOffsetSeconds: 0)
        }

        // A person with events cannot be deleted; one without can.
        _ = try v.quickLogAttempt(personId: p.id, channel: .call, utcOffsetSeconds: 0)
        try assertThrows(.InUse, "deletePerson with an event") { try v.deletePerson(id: p.id) }
        try v.deletePerson(id: other.id)
        try assertThrows(.NotFound, "getPerson after delete") { try v.getPerson(id: other.id) }
        try assertThrows(.NotFound, "deletePerson twice") { try v.deletePerson(id: other.id) }
        try assertInvalid("id", "getPerson of a malformed id") { try v.getPerson(id: "zz") }

        try v.relock()
        try assertEq(try v.listPeople(includeArchived: true), [edited], "people after lock and unlock")
    }),

    ("domain: person validation names the field", { t in
        let v = try t.create().vault
        try assertInvalid("alias", "empty alias") { try v.addPerson(input: domainPerson("")) }
        try assertInvalid("alias", "81-char alias") {
            try v.addPerson(input: domainPerson(String(repeating: "x", count: 81)))
        }
        var future = domainPerson("x")
        future.noContactSince = ld(2099, 1, 1)
        try assertInvalid("no_contact_since", "noContactSince in the future") { try v.addPerson(input: future) }
        var impossible = domainPerson("x")
        impossible.noContactSince = ld(2025, 2, 30)
        try assertInvalid("no_contact_since", "February 30") { try v.addPerson(input: impossible) }
        var notes = domainPerson("x")
        notes.notes = String(repeating: "n", count: 5_001)
        try assertInvalid("notes", "notes over 5000 chars") { try v.addPerson(input: notes) }
        var topics = domainPerson("x")
        topics.mode = .lowContact(allowedChannels: [], allowedTopics: [""])
        try assertInvalid("allowed_topics", "an empty allowed topic") { try v.addPerson(input: topics) }
        let ok = try v.addPerson(input: domainPerson("x"))
        try assertInvalid("alias", "updatePerson to a blank alias") {
            try v.updatePerson(id: ok.id, input: domainPerson("  "))
        }
        try assertEq(try v.listPeople(includeArchived: true), [ok], "only the valid person was stored")
    }),

    ("domain: boundaries and triggers", { t in
        let v = try t.create().vault
        let p = try v.addPerson(input: domainPerson("R."))
        let b = try v.addBoundary(
            input: BoundaryInput(
                statement: "I don't reply to their messages", personId: p.id, kind: .communication,
                setOn: ld(2026, 2, 1), reviewOn: ld(2027, 2, 1)))
        try assertEq(b.status, .active, "status of a new boundary")
        try assertEq(b.personId, p.id, "boundary personId")
        let general = try v.addBoundary(
            input: BoundaryInput(
                statement: "I don't check their profiles", personId: nil, kind: .monitoring, setOn: ld(2026, 3, 1),
                reviewOn: nil))
        try assertEq(
            try v.listBoundaries(personId: nil, statuses: []).map(\.id), [general.id, b.id],
            "boundaries, latest set first")
        try assertEq(try v.listBoundaries(personId: p.id, statuses: []), [b], "boundaries for the person")
        let paused = try v.setBoundaryStatus(id: general.id, status: .paused)
        try assertEq(paused.status, .paused, "setBoundaryStatus")
        try assertEq(try v.getBoundary(id: general.id), paused, "getBoundary after setBoundaryStatus")
        try assertEq(try v.listBoundaries(personId: nil, statuses: [.active]), [b], "active boundaries")
        try assertEq(try v.listBoundaries(personId: nil, statuses: [.paused]), [paused], "paused boundaries")
        try assertEq(
            try v.listBoundaries(personId: nil, statuses: [.paused, .retired]).map(\.id), [general.id],
            "paused or retired boundaries")
        try assertInvalid("statement", "a blank statement") {
            try v.addBoundary(
                input: BoundaryInput(statement: " ", personId: nil, kind: .digital, setOn: ld(2026, 3, 1), reviewOn: nil))
        }
        try assertInvalid("person_id", "a boundary about an unknown person") {
            try v.addBoundary(
                input: BoundaryInput(
                    statement: "x", personId: unknownId, kind: .digital, setOn: ld(2026, 3, 1), reviewOn: nil))
        }

        // A crossed boundary cannot be deleted.
        _ = try v.logEvent(
            event: newEvent(
                .myContact(
                    contact: MyContact(
                        personId: p.id, channel: .text, initiatedBy: .them, crossedBoundaryIds: [b.id], note: ""))))
        try assertThrows(.InUse, "deleteBoundary of a crossed boundary") { try v.deleteBoundary(id: b.id) }
        try v.deleteBoundary(id: general.id)
        try assertThrows(.NotFound, "getBoundary after delete") { try v.getBoundary(id: general.id) }

        let birthday = try v.addTrigger(
            input: TriggerInput(
                name: "their birthday", category: .dateOrAnniversary, date: MonthDay(month: 2, day: 29),
                personId: p.id))
        try assertEq(birthday.date, MonthDay(month: 2, day: 29), "a February 29 date trigger")
        try assertEq(birthday.personId, p.id, "trigger personId")
        func trig(_ category: TriggerCategory, _ date: MonthDay?) throws -> Trigger {
            try v.addTrigger(input: TriggerInput(name: "x", category: category, date: date, personId: nil))
        }
        try assertInvalid("date", "DateOrAnniversary without a date") { try trig(.dateOrAnniversary, nil) }
        try assertInvalid("date", "a place with a date") { try trig(.place, MonthDay(month: 1, day: 1)) }
        try assertInvalid("date", "February 30") { try trig(.dateOrAnniversary, MonthDay(month: 2, day: 30)) }
        try assertInvalid("person_id", "a trigger about an unknown person") {
            try v.addTrigger(input: TriggerInput(name: "x", category: .place, date: nil, personId: unknownId))
        }
        let song = try trig(.musicOrMedia, nil)
        try assertEq(try v.setTriggerArchived(id: song.id, archived: true).archived, true, "setTriggerArchived")
        try assertEq(try v.listTriggers(includeArchived: false), [birthday], "triggers without the archived")
        try assertEq(try v.listTriggers(includeArchived: true).count, 2, "triggers with the archived")

        try v.relock()
        try assertEq(try v.listBoundaries(personId: nil, statuses: []), [b], "boundaries after lock and unlock")
        try assertEq(try v.listTriggers(includeArchived: false), [birthday], "triggers after lock and unlock")
    }),

    ("domain: events log, quick log, list, amend, delete", { t in
        let v = try t.create().vault
        let p = try v.addPerson(input: domainPerson("R."))
        let q = try v.addPerson(input: domainPerson("Q."))

        let attempt = attemptOf(p.id)
        let aAt = daysAgo(3)
        let a = try v.logEvent(event: newEvent(.theirAttempt(attempt: attempt), at: aAt))
        try assertEq(a.contact, nil, "contact of an attempt")
        try assertEq(a.event.kind, .theirAttempt, "attempt kind")
        try assertEq(a.event.revision, 0, "revision of a new event")
        try assertEq(a.event.utcOffsetSeconds, 3600, "attempt offset")
        try assertEq(a.event.at, aAt, "attempt at")
        try assertEq(a.event.amendedAt, nil, "amendedAt of a new event")
        try assertEq(a.event.body, .theirAttempt(attempt: attempt), "attempt body with its attachment")

        // An urge that reached out brings its my-contact event.
        var reached = urgeOf(8, .reachedOut)
        reached.personId = p.id
        reached.reachedOutVia = .call
        let logged = try v.logEvent(event: newEvent(.urge(urge: reached), at: daysAgo(2)))
        try assertEq(logged.event.kind, .urge, "urge kind")
        try assertEq(logged.event.body, .urge(urge: reached), "urge body")
        guard let contact = logged.contact else { throw fail("an urge that reached out returned no contact event") }
        try assertEq(contact.kind, .myContact, "kind of the implied contact")
        try assertEq(contact.at, logged.event.at, "at of the implied contact")
        guard case .myContact(let mine) = contact.body else { throw fail("implied contact body is \(contact.body)") }
        try assertEq(mine.personId, p.id, "implied contact personId")
        try assertEq(mine.channel, .call, "implied contact channel")
        try assertEq(mine.initiatedBy, .me, "implied contact initiatedBy")

        // The other two kinds through logEvent.
        let myContact = MyContact(
            personId: q.id, channel: .email, initiatedBy: .them, crossedBoundaryIds: [], note: "about the keys")
        let c = try v.logEvent(event: newEvent(.myContact(contact: myContact), at: daysAgo(5))).event
        try assertEq(c.kind, .myContact, "my-contact kind")
        try assertEq(c.body, .myContact(contact: myContact), "my-contact body")
        let ci = try v.logEvent(event: newEvent(checkInOf(3, 4), at: daysAgo(6))).event
        try assertEq(ci.kind, .checkIn, "check-in kind")
        try assertEq(ci.body, checkInOf(3, 4), "check-in body")

        // Quick logs, stamped now.
        let qa = try v.quickLogAttempt(personId: q.id, channel: .email, utcOffsetSeconds: 0)
        try assertEq(qa.kind, .theirAttempt, "quickLogAttempt kind")
        guard case .theirAttempt(let qaBody) = qa.body else { throw fail("quickLogAttempt body is \(qa.body)") }
        try assertEq(qaBody.personId, q.id, "quickLogAttempt personId")
        try assertEq(qaBody.channel, .email, "quickLogAttempt channel")
        let qci = try v.quickCheckIn(mood: 4, utcOffsetSeconds: -7200)
        try assertEq(qci.kind, .checkIn, "quickCheckIn kind")
        try assertEq(qci.utcOffsetSeconds, -7200, "quickCheckIn offset")
        guard case .checkIn(let qciBody) = qci.body else { throw fail("quickCheckIn body is \(qci.body)") }
        try assertEq(qciBody.mood, 4, "quickCheckIn mood")
        let qu = try v.quickLogUrge(intensity: 3, outcome: .resisted, utcOffsetSeconds: 0)
        guard case .urge(let quBody) = qu.body else { throw fail("quickLogUrge body is \(qu.body)") }
        try assertEq(quBody.intensity, 3, "quickLogUrge intensity")
        try assertEq(quBody.outcome, .resisted, "quickLogUrge outcome")
        let qc = try v.quickLogContact(personId: q.id, channel: .text, initiatedBy: .them, utcOffsetSeconds: 0)
        guard case .myContact(let qcBody) = qc.body else { throw fail("quickLogContact body is \(qc.body)") }
        try assertEq(qcBody.personId, q.id, "quickLogContact personId")
        try assertEq(qcBody.channel, .text, "quickLogContact channel")
        try assertEq(qcBody.initiatedBy, .them, "quickLogContact initiatedBy")
        try check(abs(qc.at.timeIntervalSinceNow) < 5, "quick log not stamped now: \(qc.at)")

        // Lists: 9 events, newest first, filtered and paged.
        let all = try v.listEvents(query: eventQuery())
        try assertEq(all.total, 9, "total")
        try assertEq(all.events.count, 9, "events on one page")
        try assertEq(all.nextOffset, nil, "nextOffset of the only page")
        try check(
            zip(all.events, all.events.dropFirst()).allSatisfy { pair in pair.0.at >= pair.1.at },
            "events are not newest first: \(all.events.map(\.at))")
        try assertEq(all.events.last?.id, ci.id, "oldest event last")
        try assertEq(try v.listEvents(query: eventQuery(personId: p.id)).total, 3, "events about R.")
        try assertEq(try v.listEvents(query: eventQuery(personId: q.id)).total, 3, "events about Q.")
        try assertEq(
            try v.listEvents(query: eventQuery(kinds: [.theirAttempt])).events.map(\.id), [qa.id, a.event.id],
            "attempts")
        try assertEq(
            try v.listEvents(query: eventQuery(kinds: [.urge, .checkIn])).total, 4, "urges and check-ins")
        try assertEq(
            try v.listEvents(query: eventQuery(kinds: [.theirAttempt], personId: q.id)).events.map(\.id), [qa.id],
            "attempts by Q.")
        let window = try v.listEvents(query: eventQuery(from: daysAgo(4), until: daysAgo(1)))
        try assertEq(window.total, 3, "events between 4 and 1 days ago")
        try assertEq(
            Set(window.events.map(\.id)), [a.event.id, logged.event.id, contact.id], "events in the window")
        try assertEq(
            try v.listEvents(query: eventQuery(until: daysAgo(4))).events.map(\.id), [c.id, ci.id],
            "events until 4 days ago")
        let page1 = try v.listEvents(query: eventQuery(limit: 4))
        try assertEq(page1.events.count, 4, "page 1 size")
        try assertEq(page1.nextOffset, 4, "page 1 nextOffset")
        try assertEq(page1.total, 9, "page 1 total")
        let page2 = try v.listEvents(query: eventQuery(offset: 4, limit: 4))
        try assertEq(page2.events.count, 4, "page 2 size")
        try assertEq(page2.nextOffset, 8, "page 2 nextOffset")
        let page3 = try v.listEvents(query: eventQuery(offset: 8, limit: 4))
        try assertEq(page3.events.count, 1, "page 3 size")
        try assertEq(page3.nextOffset, nil, "page 3 nextOffset")
        try assertEq(page3.total, 9, "page 3 total")
        try assertEq(page1.events + page2.events + page3.events, all.events, "pages joined")
        try assertEq(try v.listEvents(query: eventQuery(offset: 20)).events, [], "a page past the end")

        // Amend: the earlier version stays.
        var fixed = attempt
        fixed.feltUnsafe = 4
        fixed.response = .reported
        let amended = try v.amendEvent(id: a.event.id, event: newEvent(.theirAttempt(attempt: fixed)))
        try assertEq(amended.revision, 1, "revision after amend")
        try assertEq(amended.at, a.event.at, "at kept when not given")
        try check(amended.amendedAt != nil, "amendedAt after amend is nil")
        try assertEq(amended.body, .theirAttempt(attempt: fixed), "amended body")
        let history = try v.eventHistory(id: a.event.id)
        try assertEq(history.count, 2, "eventHistory size")
        try assertEq(history.first, a.event, "first version in the history")
        try assertEq(history.last, amended, "second version in the history")
        try assertEq(try v.getEvent(id: a.event.id), amended, "getEvent after amend")
        try assertInvalid("body", "amending a check-in into an urge") {
            try v.amendEvent(id: qci.id, event: newEvent(.urge(urge: urgeOf(1, .resisted))))
        }

        // Delete: gone from reads and lists.
        try v.deleteEvent(id: qci.id)
        try assertThrows(.NotFound, "getEvent of a deleted event") { try v.getEvent(id: qci.id) }
        try assertThrows(.NotFound, "deleteEvent twice") { try v.deleteEvent(id: qci.id) }
        try assertThrows(.NotFound, "getEvent of an unknown id") { try v.getEvent(id: unknownId) }
        try assertEq(try v.listEvents(query: eventQuery()).total, 8, "total after a delete")

        // All of it survives a lock and an unlock.
        let before = try v.listEvents(query: eventQuery())
        try v.relock()
        try assertEq(try v.listEvents(query: eventQuery()), before, "events after lock and unlock")
        try assertEq(try v.eventHistory(id: a.event.id).count, 2, "history after lock and unlock")
        try assertThrows(.NotFound, "deleted event after lock and unlock") { try v.getEvent(id: qci.id) }
        try assertEq(try v.status().damagedRecords, 0, "damagedRecords")
    }),

    ("domain: event validation names the field", { t in
        let v = try t.create().vault
        let p = try v.addPerson(input: domainPerson("R."))
        func bad(_ field: String, _ what: String, _ body: EventBody, at: Date? = nil) throws {
            try assertInvalid(field, what) { try v.logEvent(event: newEvent(body, at: at)) }
        }
        try bad("intensity", "intensity 11", .urge(urge: urgeOf(11, .resisted)))
        try bad("at", "an urge an hour ahead", .urge(urge: urgeOf(5, .resisted)), at: Date().addingTimeInterval(3600))
        try bad("reached_out_via", "reached out without a channel", .urge(urge: urgeOf(5, .reachedOut)))
        var unknownTrigger = urgeOf(5, .resisted)
        unknownTrigger.triggerIds = [String(repeating: "f", count: 32)]
        try bad("trigger_ids", "an unknown trigger", .urge(urge: unknownTrigger))
        var unsafe = attemptOf(p.id)
        unsafe.feltUnsafe = 5
        try bad("felt_unsafe", "feltUnsafe 5", .theirAttempt(attempt: unsafe))
        var upper = attemptOf(p.id)
        upper.attachments = [Attachment(appId: "img-001", sha256: String(repeating: "A", count: 64))]
        try bad("attachments", "an upper-case sha256", .theirAttempt(attempt: upper))
        var short = attemptOf(p.id)
        short.attachments = [Attachment(appId: "img-001", sha256: String(repeating: "a", count: 63))]
        try bad("attachments", "a 63-digit sha256", .theirAttempt(attempt: short))
        var long = attemptOf(p.id)
        long.said = String(repeating: "x", count: 20_001)
        try bad("said", "said over 20000 chars", .theirAttempt(attempt: long))
        try bad("person_id", "an attempt by an unknown person", .theirAttempt(attempt: attemptOf(unknownId)))
        try bad("mood", "mood 0", checkInOf(0))
        try bad("energy", "energy 6", checkInOf(3, 6))
        try assertInvalid("utc_offset_seconds", "a 20-hour offset") {
            try v.logEvent(event: newEvent(checkInOf(3), offset: 20 * 3600))
        }
        try assertInvalid("limit", "listEvents with limit 0") { try v.listEvents(query: eventQuery(limit: 0)) }
        try assertInvalid("limit", "listEvents with limit 501") { try v.listEvents(query: eventQuery(limit: 501)) }
        try assertInvalid("intensity", "quickLogUrge with intensity 11") {
            try v.quickLogUrge(intensity: 11, outcome: .delayed, utcOffsetSeconds: 0)
        }
        // A batch with one bad event stores nothing.
        try assertInvalid("mood", "a batch with mood 9") {
            try v.logEvents(events: [newEvent(checkInOf(3), at: daysAgo(1)), newEvent(checkInOf(9), at: daysAgo(1))])
        }
        try assertEq(try v.listEvents(query: eventQuery()).total, 0, "no event was stored")
        try assertEq(try v.status().recordCount, 1, "only the person was stored")
        let batch = try v.logEvents(events: [
            newEvent(checkInOf(3), at: daysAgo(1)), newEvent(checkInOf(5), at: daysAgo(2)),
        ])
        try assertEq(batch.count, 2, "a valid batch")
        try assertEq(try v.listEvents(query: eventQuery()).total, 2, "events after a valid batch")
    }),

    ("domain: reflections, prompts and unsent letters", { t in
        let v = try t.create().vault
        let p = try v.addPerson(input: domainPerson("R."))
        let today = ld(2026, 11, 26)
        let prompt = try v.promptOfTheDay(date: today)
        try assertEq(try v.promptOfTheDay(date: today), prompt, "promptOfTheDay is stable for the day")
        try check(
            try v.promptOfTheDay(date: ld(2026, 11, 27)).id != prompt.id, "promptOfTheDay did not change the next day")
        try check(prompt.builtin, "prompt of the day \(prompt.id) is not built in")
        try assertInvalid("date", "promptOfTheDay for February 30") { try v.promptOfTheDay(date: ld(2026, 2, 30)) }

        let prompts = try v.listPrompts()
        for theme in allThemes {
            let n = prompts.filter { $0.theme == theme }.count
            try check(n >= 5, "only \(n) prompts for \(theme)")
        }
        try check(prompts.allSatisfy(\.builtin), "a new vault lists prompts that are not built in")
        let own = try v.addPrompt(text: "What would I tell a friend? 🤝", theme: nil)
        try check(!own.builtin, "an own prompt is marked built in")
        try assertEq(own.theme, nil, "theme of an own prompt")
        try assertEq(try v.listPrompts(), prompts + [own], "prompts with the own one last")
        try assertInvalid("text", "a blank prompt") { try v.addPrompt(text: " ", theme: .creatingSpace) }

        let answer = try v.addReflection(
            reflection: NewReflection(
                at: nil, utcOffsetSeconds: 0,
                body: ReflectionBody(
                    kind: .journal(promptId: prompt.id), title: "today", text: "I noticed I slept better.",
                    tags: ["sleep"], mood: 4)))
        try assertEq(answer.body.kind, .journal(promptId: prompt.id), "kind of the answer")
        let letter = try v.addReflection(
            reflection: journalEntry(
                "You don't get to decide how I remember it.", kind: .unsentLetter(personId: p.id)))
        try assertInvalid("prompt_id", "an unknown prompt id") {
            try v.addReflection(reflection: journalEntry("x", kind: .journal(promptId: "prompt.nope.01")))
        }
        try assertInvalid("person_id", "a letter to an unknown person") {
            try v.addReflection(
                reflection: journalEntry("x", kind: .unsentLetter(personId: String(repeating: "1", count: 32))))
        }
        try assertEq(
            try v.listReflections(query: allReflections(.unsentLetters)).reflections, [letter], "unsent letters")
        try assertEq(try v.listReflections(query: allReflections(.journal)).reflections, [answer], "journal entries")
        try assertEq(try v.listReflections(query: allReflections(personId: p.id)).total, 1, "reflections about R.")

        var body = answer.body
        body.text = "I noticed I slept better, twice."
        let edited = try v.amendReflection(
            id: answer.id, reflection: NewReflection(at: nil, utcOffsetSeconds: 0, body: body))
        try assertEq(edited.revision, 1, "revision after amendReflection")
        try assertEq(edited.at, answer.at, "at kept by amendReflection")
        try assertEq(
            try v.reflectionHistory(id: answer.id).map(\.body.text),
            ["I noticed I slept better.", "I noticed I slept better, twice."], "reflectionHistory")
        try assertInvalid("kind", "amending a letter into a journal entry") {
            try v.amendReflection(id: letter.id, reflection: journalEntry("now a journal"))
        }

        // A person with a letter cannot be deleted.
        try assertThrows(.InUse, "deletePerson with a letter") { try v.deletePerson(id: p.id) }
        try v.deleteReflection(id: letter.id)
        try assertThrows(.NotFound, "getReflection of a deleted letter") { try v.getReflection(id: letter.id) }
        try v.deletePerson(id: p.id)
        try v.deletePrompt(id: own.id)
        try assertEq(try v.listPrompts(), prompts, "prompts after deleting the own one")
        try assertInvalid("id", "deleting a built-in prompt") { try v.deletePrompt(id: prompt.id) }

        try v.relock()
        try assertEq(try v.listReflections(query: allReflections()).reflections, [edited], "reflections after lock and unlock")
        try assertEq(try v.promptOfTheDay(date: today), prompt, "prompt of the day after lock and unlock")
    }),

    ("domain: reasons from suggestions and in my own words", { t in
        let v = try t.create().vault
        let suggestions = try v.reasonSuggestions()
        try assertEq(Set(suggestions.map(\.theme)), Set(allThemes), "themes of the suggestions")
        try assertEq(Set(allThemes).count, 8, "number of themes")
        let first = suggestions[0]
        let accepted = try v.acceptReasonSuggestion(suggestionId: first.id, editedText: nil)
        try assertEq(accepted.text, first.text, "accepted text")
        try assertEq(accepted.suggestionId, first.id, "accepted suggestionId")
        try assertEq(accepted.theme, first.theme, "accepted theme")
        let edited = try v.acceptReasonSuggestion(
            suggestionId: suggestions[1].id, editedText: "In my words: I deserve calm.")
        try assertEq(edited.text, "In my words: I deserve calm.", "accepted in my own words")
        try assertEq(try v.reasonSuggestions(), Array(suggestions.dropFirst(2)), "suggestions left")
        try assertInvalid("suggestion_id", "accepting a suggestion twice") {
            try v.acceptReasonSuggestion(suggestionId: first.id, editedText: nil)
        }
        try assertInvalid("suggestion_id", "an unknown suggestion") {
            try v.acceptReasonSuggestion(suggestionId: "reason.nope", editedText: nil)
        }

        let own = try v.addReason(text: "So my kids see something different. 🌱", theme: .breakingTheCycle)
        try assertEq(own.suggestionId, nil, "suggestionId of an own reason")
        try assertEq(try v.listReasons().map(\.id), [accepted.id, edited.id, own.id], "reasons in the order added")
        let updated = try v.updateReason(id: own.id, text: "So my kids grow up with calm.")
        try assertEq(updated.text, "So my kids grow up with calm.", "updateReason")
        try assertEq(updated.theme, .breakingTheCycle, "theme kept by updateReason")
        try v.deleteReason(id: accepted.id)
        try assertEq(
            try v.listReasons().map(\.text), ["In my words: I deserve calm.", "So my kids grow up with calm."],
            "reasons after a delete")
        try assertEq(
            try v.reasonSuggestions().count, suggestions.count - 1, "a deleted reason's suggestion is offered again")
        try assertInvalid("text", "an empty reason") { try v.addReason(text: "", theme: nil) }
        try assertInvalid("text", "updating to an empty reason") { try v.updateReason(id: own.id, text: " ") }
        try assertThrows(.NotFound, "deleteReason twice") { try v.deleteReason(id: accepted.id) }

        try v.relock()
        try assertEq(try v.listReasons().map(\.id), [edited.id, own.id], "reasons after lock and unlock")
    }),

    ("domain: safety plan versions", { t in
        let v = try t.create().vault
        try assertEq(try v.safetyPlan(), emptyPlan(), "safety plan of a new vault")
        try assertEq(try v.safetyPlanHistory(), [], "history of a new vault")
        let sections = safetyPlanSections()
        try assertEq(sections.count, 12, "safetyPlanSections()")
        try assertEq(
            sections,
            [
                .warningSigns, .copingStrategies, .distractions, .peopleToAsk, .professionals, .safeEnvironment,
                .reasons, .ifTheyShowUp, .safePlaces, .codeWord, .goBag, .documents,
            ], "sections in reading order")

        let v1 = try v.saveSafetyPlan(plan: samplePlan())
        try assertEq(v1.version, 1, "first version")
        try assertEq(v1.plan, samplePlan(), "first version's plan")
        var ticked = samplePlan()
        ticked.goBag[0].done = true
        let v2 = try v.saveSafetyPlan(plan: ticked)
        try assertEq(v2.version, 2, "second version")
        try assertEq(try v.safetyPlan(), ticked, "latest plan")
        let history = try v.safetyPlanHistory()
        try assertEq(history.map(\.version), [2, 1], "history, newest first")
        try assertEq(history.last?.plan, samplePlan(), "the first version is kept")

        var blank = samplePlan()
        blank.warningSigns.append("  ")
        try assertInvalid("warning_signs", "a blank warning sign") { try v.saveSafetyPlan(plan: blank) }
        var nameless = samplePlan()
        nameless.peopleToAsk[0].name = ""
        try assertInvalid("people_to_ask", "a contact without a name") { try v.saveSafetyPlan(plan: nameless) }
        var longWord = samplePlan()
        longWord.codeWord = String(repeating: "c", count: 101)
        try assertInvalid("code_word", "a 101-char code word") { try v.saveSafetyPlan(plan: longWord) }
        try assertEq(try v.safetyPlanHistory().count, 2, "refused plans were not stored")

        try v.relock()
        try assertEq(try v.safetyPlanHistory().map(\.version), [2, 1], "history after lock and unlock")
        try assertEq(try v.safetyPlan(), ticked, "plan after lock and unlock")
    }),

    ("domain: urge session end to end", { t in
        let v = try t.create().vault
        let p = try v.addPerson(input: domainPerson("R."))
        _ = try v.saveSafetyPlan(plan: samplePlan())
        let reason = try v.addReason(text: "I am safer now.", theme: nil)

        let support = try v.startUrgeSession(personId: p.id)
        try assertEq(support.copingSteps, ["Cold water on my face", "Walk round the block"], "copingSteps, in order")
        try assertEq(support.peopleToReach, samplePlan().peopleToAsk, "peopleToReach")
        try assertEq(support.professionals, samplePlan().professionals, "professionals")
        try assertEq(support.reasons, [reason], "reasons")
        try assertEq(support.planReasons, samplePlan().reasons, "planReasons")
        try assertEq(support.suggestedWaitMinutes, 15, "suggestedWaitMinutes")

        let first = try v.writeUrgeLetter(sessionId: support.sessionId, text: "I miss you", utcOffsetSeconds: 0)
        try assertEq(first.revision, 0, "revision of the first letter")
        let second = try v.writeUrgeLetter(
            sessionId: support.sessionId, text: "I miss who I thought you were", utcOffsetSeconds: 0)
        try assertEq(second.id, first.id, "the same letter is written again")
        try assertEq(second.revision, 1, "revision of the letter written again")
        try assertEq(second.body.kind, .unsentLetter(personId: p.id), "letter kind")
        try assertEq(second.body.text, "I miss who I thought you were", "letter text")

        let end = UrgeEnd(
            intensity: 7, outcome: .resisted, reachedOutVia: nil, triggerIds: [], emotions: [.lonely, .nostalgic],
            otherEmotions: [], coping: ["Cold water on my face"], note: "", utcOffsetSeconds: 0)
        let logged = try v.endUrgeSession(sessionId: support.sessionId, end: end)
        try assertEq(logged.event.at, support.startedAt, "the urge is logged when the session started")
        try assertEq(logged.contact, nil, "contact of a resisted urge")
        guard case .urge(let urge) = logged.event.body else { throw fail("session logged \(logged.event.body)") }
        try assertEq(urge.personId, p.id, "logged urge personId")
        try assertEq(urge.intensity, 7, "logged urge intensity")
        try assertEq(urge.outcome, .resisted, "logged urge outcome")
        try assertEq(urge.emotions, end.emotions, "logged emotions")
        try assertInvalid("session_id", "ending a session twice") {
            try v.endUrgeSession(sessionId: support.sessionId, end: end)
        }
        try assertInvalid("session_id", "writing to an ended session") {
            try v.writeUrgeLetter(sessionId: support.sessionId, text: "x", utcOffsetSeconds: 0)
        }

        // Without a person, no letter; reaching out needs a person.
        let anon = try v.startUrgeSession(personId: nil)
        try assertInvalid("person_id", "a letter in a session without a person") {
            try v.writeUrgeLetter(sessionId: anon.sessionId, text: "x", utcOffsetSeconds: 0)
        }
        let again = try v.startUrgeSession(personId: p.id)
        var reachedEnd = end
        reachedEnd.outcome = .reachedOut
        reachedEnd.reachedOutVia = .text
        let reached = try v.endUrgeSession(sessionId: again.sessionId, end: reachedEnd)
        guard let contact = reached.contact else { throw fail("a session that reached out logged no contact") }
        guard case .myContact(let mine) = contact.body else { throw fail("contact body is \(contact.body)") }
        try assertEq(mine.channel, .text, "channel of the contact")

        // Sessions do not survive a lock; what was logged does.
        let eventsBefore = try v.listEvents(query: eventQuery())
        try v.relock()
        try assertInvalid("session_id", "a session from before the lock") {
            try v.endUrgeSession(sessionId: anon.sessionId, end: end)
        }
        try assertInvalid("person_id", "a session about a malformed person id") {
            try v.startUrgeSession(personId: "x")
        }
        try assertEq(try v.listEvents(query: eventQuery()), eventsBefore, "events after lock and unlock")
        try assertEq(eventsBefore.total, 3, "two urges and one contact")
        try assertEq(try v.getReflection(id: first.id), second, "the letter after lock and unlock")
    }),

    ("domain: everything is locked when locked", { t in
        let v = try t.create().vault
        v.lock()
        try assertThrows(.Locked, "listPeople") { try v.listPeople(includeArchived: true) }
        try assertThrows(.Locked, "listEvents") { try v.listEvents(query: eventQuery()) }
        try assertThrows(.Locked, "safetyPlan") { try v.safetyPlan() }
        try assertThrows(.Locked, "startUrgeSession") { try v.startUrgeSession(personId: nil) }
        try assertThrows(.Locked, "quickCheckIn") { try v.quickCheckIn(mood: 3, utcOffsetSeconds: 0) }
        try assertThrows(.Locked, "promptOfTheDay") { try v.promptOfTheDay(date: ld(2026, 1, 1)) }
        try assertThrows(.Locked, "listBoundaries") { try v.listBoundaries(personId: nil, statuses: []) }
        try assertThrows(.Locked, "reasonSuggestions") { try v.reasonSuggestions() }
    }),
]

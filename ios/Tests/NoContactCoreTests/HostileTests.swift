// Every exported function and method of the Swift bindings, called with
// hostile input (issue 12, section 5): empty strings, 10 MB strings, NUL,
// bidirectional overrides and other odd Unicode, negative and huge numbers,
// instants far in the past and the future, invalid dates, keys of the wrong
// length, ids of the wrong kind and of deleted items. Each call is made on an
// unlocked vault, on a locked one and on an erased one. Whatever it is given,
// a call either succeeds or throws a VaultError (never uniffi's rustPanic, nor
// anything else), and a refused call leaves what the vault lists unchanged.
//
// hostileCalls is keyed by the uniffi symbol names (`method_vault_add_person`,
// `func_create_vault`, ...); `cargo test -p xtask entry_points` reads the
// generated bindings and fails, naming it, when an exported function or method
// has no entry here (or in HostileTest.kt). Mirrors HostileTest.kt; run by
// main.swift (`cargo xtask swift-test Hostile`).
import Foundation

enum Must {
    /// Refuse every hostile input (its ids, keys or paths are never valid).
    case refuse
    /// Refuse the strict inputs (all but the odd-Unicode one, whose values are all valid).
    case refuseStrict
    /// Refuse the 10 MB input; the others may be valid text, stored as given.
    case refuseTooLong
    /// Refuse empty and 10 MB text (a passcode, a reason); other odd text may be valid.
    case refuseEmptyOrLong
    /// Read-only or pure: either outcome, but never a panic and never a change.
    case either
}

/// One hostile value of every parameter type.
struct Hostile {
    let name: String
    let strict: Bool
    let tooLong: Bool
    let text: String
    let id: String
    let personId: String
    let u8: UInt8
    let u32: UInt32
    let offset: Int32
    let at: Date
    let key: Data
    let date: LocalDate
    let path: String
}

/// The vault under test, its fixtures, and the passcode it has now.
final class Arena {
    let t: TestContext
    let vault: Vault
    let event: Event
    let person: Person
    let sessionId: String
    var current = passcode
    var erased = false

    init(_ t: TestContext, _ vault: Vault, _ event: Event, _ person: Person, _ sessionId: String) {
        self.t = t
        self.vault = vault
        self.event = event
        self.person = person
        self.sessionId = sessionId
    }
}

struct HostileCall {
    let name: String
    let must: Must
    let body: (Arena, Hostile) throws -> Void
}

private let tenMB = String(repeating: "x", count: 10 * 1024 * 1024)
private let odd =
    "\u{202E}evil\u{202C} \u{2066}iso\u{2069} \u{200F}\u{05e9}\u{05dc}\u{05d5}\u{05dd}\u{200F} \u{FEFF} e\u{0301} "
    + "\u{1F469}\u{200D}\u{1F467} \u{0007}"
private let unknown = "00000000000000000000000000000000"

private func hostiles(_ a: Arena, deletedEvent: String, deletedPerson: String) -> [Hostile] {
    let t = a.t
    return [
        Hostile(
            name: "empty", strict: true, tooLong: false, text: "", id: "", personId: "", u8: 0, u32: 0,
            offset: Int32.min, at: Date(timeIntervalSince1970: -3.1e16), key: Data(),
            date: LocalDate(year: 0, month: 0, day: 0), path: ""),
        Hostile(
            name: "10 MB", strict: true, tooLong: true, text: tenMB, id: tenMB, personId: tenMB, u8: .max,
            u32: .max, offset: .max, at: Date(timeIntervalSince1970: 3.1e16), key: Data(count: 10 << 20),
            date: LocalDate(year: .max, month: .max, day: .max), path: t.path(String(tenMB.prefix(5000)))),
        Hostile(
            name: "NUL", strict: true, tooLong: false, text: "a\u{0}b", id: String(repeating: "\u{0}", count: 32),
            personId: String(repeating: "\u{0}", count: 32), u8: 200, u32: 4_000_000_000, offset: -(18 * 3600 + 1),
            at: Date.distantPast, key: Data(count: 31), date: LocalDate(year: .min, month: 2, day: 30),
            path: t.path("a\u{0}b")),
        // Ids of the wrong kind: a person's id where an event's is wanted and the reverse.
        Hostile(
            name: "wrong kind", strict: true, tooLong: false, text: odd, id: a.person.id, personId: a.event.id,
            u8: 11, u32: 1_000_000, offset: 18 * 3600 + 1, at: Date.distantFuture,
            key: Data(repeating: 1, count: 33), date: LocalDate(year: 2024, month: 13, day: 1), path: t.dir.path),
        Hostile(
            name: "deleted", strict: true, tooLong: false, text: odd, id: deletedEvent, personId: deletedPerson,
            u8: 6, u32: 100_000, offset: -1, at: Date().addingTimeInterval(3600),
            key: Data(repeating: 9, count: 34), date: LocalDate(year: 2023, month: 2, day: 29),
            path: t.path("missing/dir/x")),
        // Every value valid but odd: calls that take only text may store it, exactly.
        Hostile(
            name: "odd unicode", strict: false, tooLong: false, text: odd, id: unknown, personId: unknown, u8: 3,
            u32: 4, offset: 3600, at: Date().addingTimeInterval(-3600), key: Data(count: 33),
            date: LocalDate(year: 2024, month: 2, day: 29),
            path: t.path(String(odd.unicodeScalars.filter { CharacterSet.letters.contains($0) }.map(Character.init)))),
    ]
}

private func attempt(_ h: Hostile) -> EventBody {
    .theirAttempt(
        attempt: TheirAttempt(
            personId: h.personId, channel: .call, handle: h.text, said: h.text, saidVerbatim: true,
            response: .ignored, location: h.text, witnesses: [h.text], feltUnsafe: h.u8,
            attachments: [Attachment(appId: h.text, sha256: h.text)], note: h.text))
}

private func urge(_ h: Hostile) -> EventBody {
    .urge(
        urge: Urge(
            intensity: h.u8, personId: h.personId, triggerIds: [h.id], emotions: [.lonely, .numb],
            otherEmotions: [h.text], coping: [h.text], outcome: .resisted, reachedOutVia: nil, note: h.text))
}

private func newEvent(_ h: Hostile, _ body: EventBody? = nil) -> NewEvent {
    NewEvent(at: h.at, utcOffsetSeconds: h.offset, body: body ?? attempt(h))
}

private func reflection(_ h: Hostile, _ personId: String? = nil) -> NewReflection {
    NewReflection(
        at: h.at, utcOffsetSeconds: h.offset,
        body: ReflectionBody(
            kind: .unsentLetter(personId: personId ?? h.personId), title: h.text, text: h.text, tags: [h.text],
            mood: h.u8))
}

private func personInput(_ h: Hostile) -> PersonInput {
    PersonInput(
        alias: h.text, relationship: .exPartner, mode: .noContact, noContactSince: h.date,
        blockedOn: [.call, .other], notes: h.text)
}

private func boundaryInput(_ h: Hostile) -> BoundaryInput {
    BoundaryInput(statement: h.text, personId: h.personId, kind: .communication, setOn: h.date, reviewOn: h.date)
}

private func triggerInput(_ h: Hostile) -> TriggerInput {
    TriggerInput(name: h.text, category: .place, date: MonthDay(month: h.u32, day: h.u32), personId: h.personId)
}

private func plan(_ h: Hostile) -> SafetyPlan {
    SafetyPlan(
        warningSigns: [h.text], copingStrategies: [h.text], distractions: [h.text],
        peopleToAsk: [SupportContact(name: h.text, howToReach: h.text)], professionals: [],
        safeEnvironment: [h.text], reasons: [h.text], ifTheyShowUp: [h.text], safePlaces: [h.text],
        codeWord: h.text, goBag: [ChecklistItem(text: h.text, done: true)], documents: [])
}

private func urgeEnd(_ h: Hostile) -> UrgeEnd {
    UrgeEnd(
        intensity: h.u8, outcome: .resisted, reachedOutVia: nil, triggerIds: [h.id], emotions: [],
        otherEmotions: [h.text], coping: [h.text], note: h.text, utcOffsetSeconds: h.offset)
}

private let allKinds: [EventKind] = [.urge, .myContact, .theirAttempt, .checkIn]

let hostileCalls: [HostileCall] = {
    var c: [HostileCall] = []
    func call(_ name: String, _ must: Must, _ body: @escaping (Arena, Hostile) throws -> Void) {
        c.append(HostileCall(name: name, must: must, body: body))
    }
    let r = Must.refuse
    let s = Must.refuseStrict
    let t = Must.refuseTooLong
    let x = Must.refuseEmptyOrLong
    let e = Must.either
    // Functions.
    call("func_create_vault", s) { _, h in
        _ = try createVault(
            path: h.path,
            setup: VaultSetup(passcode: h.text, deviceKey: h.key, passcodeNeedsDeviceKey: true, kdfIterations: h.u32))
    }
    call("func_create_vault", x) { a, h in
        _ = try createVault(path: a.t.path("second.nocontact"), setup: makeSetup(passcode: h.text))
    }
    call("func_generate_backup_passphrase", e) { _, _ in _ = try generateBackupPassphrase() }
    call("func_kdf_iteration_floor", e) { _, _ in _ = kdfIterationFloor() }
    call("func_normalize_checkpoint_code", e) { _, h in _ = try normalizeCheckpointCode(code: h.text) }
    call("func_restore_vault", r) { _, h in
        _ = try restoreVault(
            backupPath: h.path, passphrase: h.text, vaultPath: h.path, setup: makeSetup(passcode: h.text),
            progress: nil)
    }
    call("func_safety_plan_sections", e) { _, _ in _ = safetyPlanSections() }
    call("func_verify_evidence", e) { _, h in _ = try verifyEvidence(path: h.path, checkpointCode: h.text) }
    call("func_verify_evidence_files", e) { _, h in
        _ = verifyEvidenceFiles(
            files: [EvidenceFile(name: h.text, contents: h.key), EvidenceFile(name: h.path, contents: Data(h.text.utf8))],
            checkpointCode: h.id)
    }
    call("constructor_vault_open", r) { _, h in _ = try Vault.open(path: h.path) }
    // Backup and evidence.
    call("method_vault_export_backup", s) { a, h in _ = try a.vault.exportBackup(path: h.path, passphrase: h.text, progress: nil) }
    call("method_vault_restore_backup", s) { a, h in
        _ = try a.vault.restoreBackup(path: h.path, passphrase: h.text, replaceNewer: true, progress: nil)
    }
    call("method_vault_export_evidence", s) { a, h in
        _ = try a.vault.exportEvidence(
            options: EvidenceOptions(
                personId: h.personId, kinds: [], includeReflections: true, from: h.at,
                until: Date(timeIntervalSince1970: -3.1e16), zone: h.text),
            folder: h.path, progress: nil)
    }
    call("method_vault_export_csv", e) { a, h in
        _ = try a.vault.exportCsv(
            query: CsvQuery(kinds: allKinds, personId: h.personId, from: h.at, until: Date.distantPast))
    }
    // Boundaries.
    call("method_vault_add_boundary", s) { a, h in _ = try a.vault.addBoundary(input: boundaryInput(h)) }
    call("method_vault_delete_boundary", r) { a, h in try a.vault.deleteBoundary(id: h.id) }
    call("method_vault_get_boundary", r) { a, h in _ = try a.vault.getBoundary(id: h.id) }
    call("method_vault_list_boundaries", e) { a, h in
        _ = try a.vault.listBoundaries(personId: h.personId, statuses: [.active, .paused, .retired])
    }
    call("method_vault_set_boundary_status", r) { a, h in _ = try a.vault.setBoundaryStatus(id: h.id, status: .retired) }
    call("method_vault_update_boundary", r) { a, h in _ = try a.vault.updateBoundary(id: h.id, input: boundaryInput(h)) }
    // Chain.
    call("method_vault_chain_report", e) { a, _ in _ = try a.vault.chainReport() }
    call("method_vault_checkpoints", e) { a, _ in _ = try a.vault.checkpoints() }
    call("method_vault_make_checkpoint", e) { a, _ in _ = try a.vault.makeCheckpoint() }
    call("method_vault_verify_chain", e) { a, _ in _ = try a.vault.verifyChain() }
    // Duress.
    call("method_vault_has_duress_passcode", e) { a, _ in _ = try a.vault.hasDuressPasscode() }
    call("method_vault_remove_duress_passcode", e) { a, _ in try a.vault.removeDuressPasscode() }
    call("method_vault_set_duress_passcode", x) { a, h in try a.vault.setDuressPasscode(passcode: h.text) }
    call("method_vault_set_duress_passcode_with_device_key", x) { a, h in
        try a.vault.setDuressPasscodeWithDeviceKey(passcode: h.text, deviceKey: h.key)
    }
    // Events.
    call("method_vault_amend_event", r) { a, h in _ = try a.vault.amendEvent(id: h.id, event: newEvent(h)) }
    call("method_vault_amend_event", s) { a, h in _ = try a.vault.amendEvent(id: a.event.id, event: newEvent(h)) }
    call("method_vault_delete_event", r) { a, h in try a.vault.deleteEvent(id: h.id) }
    call("method_vault_event_history", r) { a, h in _ = try a.vault.eventHistory(id: h.id) }
    call("method_vault_get_event", r) { a, h in _ = try a.vault.getEvent(id: h.id) }
    call("method_vault_list_events", e) { a, h in
        _ = try a.vault.listEvents(
            query: EventQuery(
                kinds: allKinds, personId: h.personId, from: h.at, until: Date.distantPast, offset: h.u32,
                limit: h.u32))
    }
    call("method_vault_log_event", s) { a, h in _ = try a.vault.logEvent(event: newEvent(h)) }
    call("method_vault_log_event", s) { a, h in _ = try a.vault.logEvent(event: newEvent(h, urge(h))) }
    call("method_vault_log_event", s) { a, h in
        _ = try a.vault.logEvent(
            event: newEvent(
                h,
                .myContact(
                    contact: MyContact(
                        personId: h.personId, channel: .other, initiatedBy: .me, crossedBoundaryIds: [h.id],
                        note: h.text))))
    }
    call("method_vault_log_event", s) { a, h in
        _ = try a.vault.logEvent(
            event: newEvent(h, .checkIn(checkIn: CheckIn(mood: h.u8, energy: h.u8, note: h.text, tags: [h.text]))))
    }
    call("method_vault_log_events", s) { a, h in
        _ = try a.vault.logEvents(events: [
            NewEvent(
                at: nil, utcOffsetSeconds: 0, body: .checkIn(checkIn: CheckIn(mood: 3, energy: nil, note: "", tags: []))),
            newEvent(h),
        ])
    }
    call("method_vault_quick_check_in", s) { a, h in _ = try a.vault.quickCheckIn(mood: h.u8, utcOffsetSeconds: h.offset) }
    call("method_vault_quick_log_attempt", r) { a, h in
        _ = try a.vault.quickLogAttempt(personId: h.personId, channel: .call, utcOffsetSeconds: h.offset)
    }
    call("method_vault_quick_log_contact", r) { a, h in
        _ = try a.vault.quickLogContact(personId: h.personId, channel: .call, initiatedBy: .them, utcOffsetSeconds: h.offset)
    }
    call("method_vault_quick_log_urge", s) { a, h in
        _ = try a.vault.quickLogUrge(intensity: h.u8, outcome: .reachedOut, utcOffsetSeconds: h.offset)
    }
    // Keys.
    call("method_vault_change_passcode", x) { a, h in
        try a.vault.changePasscode(newPasscode: h.text, deviceKey: nil)
        a.current = h.text
    }
    call("method_vault_change_passcode", r) { a, h in try a.vault.changePasscode(newPasscode: passcode + "2", deviceKey: h.key) }
    call("method_vault_recover", r) { a, h in try a.vault.recover(code: h.id, newPasscode: h.text) }
    call("method_vault_recover_with_device_key", r) { a, h in
        try a.vault.recoverWithDeviceKey(code: h.id, newPasscode: h.text, deviceKey: h.key)
    }
    call("method_vault_remove_device_key", e) { a, _ in try a.vault.removeDeviceKey() }
    call("method_vault_set_device_key", r) { a, h in try a.vault.setDeviceKey(key: h.key) }
    // Re-keying (RekeyTests.swift).
    // The current passcode may be the odd text itself (set by a call above): x, not r.
    call("method_vault_rekey", x) { a, h in _ = try a.vault.rekey(passcode: h.text, deviceKey: nil, listener: nil) }
    call("method_vault_rekey", r) { a, h in _ = try a.vault.rekey(passcode: a.current, deviceKey: h.key, listener: nil) }
    call("method_vault_change_passcode_and_rekey", x) { a, h in
        _ = try a.vault.changePasscodeAndRekey(currentPasscode: h.text, newPasscode: passcode + "3", deviceKey: nil, listener: nil)
        a.current = passcode + "3"
    }
    call("method_vault_change_passcode_and_rekey", r) { a, h in
        _ = try a.vault.changePasscodeAndRekey(currentPasscode: a.current, newPasscode: passcode + "3", deviceKey: h.key, listener: nil)
    }
    call("method_vault_change_passcode_and_rekey", x) { a, h in
        _ = try a.vault.changePasscodeAndRekey(currentPasscode: a.current, newPasscode: h.text, deviceKey: nil, listener: nil)
        a.current = h.text
    }
    // People.
    call("method_vault_add_person", s) { a, h in _ = try a.vault.addPerson(input: personInput(h)) }
    call("method_vault_delete_person", r) { a, h in try a.vault.deletePerson(id: h.personId) }
    call("method_vault_get_person", r) { a, h in _ = try a.vault.getPerson(id: h.personId) }
    call("method_vault_list_people", e) { a, _ in _ = try a.vault.listPeople(includeArchived: true) }
    call("method_vault_set_person_archived", r) { a, h in _ = try a.vault.setPersonArchived(id: h.personId, archived: true) }
    call("method_vault_update_person", r) { a, h in _ = try a.vault.updatePerson(id: h.personId, input: personInput(h)) }
    call("method_vault_update_person", s) { a, h in _ = try a.vault.updatePerson(id: a.person.id, input: personInput(h)) }
    // Reasons and prompts.
    call("method_vault_accept_reason_suggestion", r) { a, h in
        _ = try a.vault.acceptReasonSuggestion(suggestionId: h.id, editedText: h.text)
    }
    call("method_vault_add_prompt", x) { a, h in _ = try a.vault.addPrompt(text: h.text, theme: nil) }
    call("method_vault_add_reason", x) { a, h in _ = try a.vault.addReason(text: h.text, theme: .selfPreservation) }
    call("method_vault_delete_prompt", r) { a, h in try a.vault.deletePrompt(id: h.id) }
    call("method_vault_delete_reason", r) { a, h in try a.vault.deleteReason(id: h.id) }
    call("method_vault_list_prompts", e) { a, _ in _ = try a.vault.listPrompts() }
    call("method_vault_list_reasons", e) { a, _ in _ = try a.vault.listReasons() }
    call("method_vault_prompt_of_the_day", e) { a, h in _ = try a.vault.promptOfTheDay(date: h.date) }
    call("method_vault_reason_suggestions", e) { a, _ in _ = try a.vault.reasonSuggestions() }
    call("method_vault_update_reason", r) { a, h in _ = try a.vault.updateReason(id: h.id, text: h.text) }
    // Security.
    call("method_vault_access_log", e) { a, _ in _ = try a.vault.accessLog() }
    call("method_vault_acknowledge_access_log", e) { a, _ in try a.vault.acknowledgeAccessLog() }
    call("method_vault_idle_seconds_left", e) { a, _ in _ = a.vault.idleSecondsLeft() }
    call("method_vault_lock_policy", e) { a, _ in _ = try a.vault.lockPolicy() }
    call("method_vault_lock_state", e) { a, _ in _ = try a.vault.lockState() }
    // Logged while locked, a person id cannot be checked (no key): it is checked when the entry joins the log.
    call("method_vault_log_while_locked", e) { a, h in
        try a.vault.logWhileLocked(entry: .theirAttempt(personId: h.personId, channel: .call), utcOffsetSeconds: h.offset)
    }
    call("method_vault_log_while_locked", e) { a, h in
        try a.vault.logWhileLocked(entry: .urge(intensity: h.u8, personId: h.personId), utcOffsetSeconds: h.offset)
    }
    call("method_vault_log_while_locked", s) { a, h in
        try a.vault.logWhileLocked(entry: .checkIn(mood: h.u8), utcOffsetSeconds: h.offset)
    }
    call("method_vault_set_lock_policy", e) { a, h in
        try a.vault.setLockPolicy(
            policy: LockPolicy(eraseAfterFailures: h.u32, idleTimeoutSeconds: h.u32), acceptEvidenceLoss: false)
    }
    call("method_vault_touch", e) { a, _ in a.vault.touch() }
    call("method_vault_set_boot_clock", e) { a, h in
        // A clock at the far end of its range, then one at boot: the lock screen still answers.
        a.vault.setBootClock(clock: TestBootClock(UInt64.max - UInt64(h.u32)))
        _ = try a.vault.lockState()
        a.vault.setBootClock(clock: TestBootClock(0))
        _ = try a.vault.lockState()
    }
    // Reflections.
    call("method_vault_add_reflection", s) { a, h in _ = try a.vault.addReflection(reflection: reflection(h)) }
    call("method_vault_add_reflection", s) { a, h in
        _ = try a.vault.addReflection(
            reflection: NewReflection(
                at: h.at, utcOffsetSeconds: h.offset,
                body: ReflectionBody(kind: .journal(promptId: h.id), title: h.text, text: h.text, tags: [h.text], mood: h.u8)))
    }
    call("method_vault_amend_reflection", r) { a, h in
        _ = try a.vault.amendReflection(id: h.id, reflection: reflection(h, a.person.id))
    }
    call("method_vault_delete_reflection", r) { a, h in try a.vault.deleteReflection(id: h.id) }
    call("method_vault_get_reflection", r) { a, h in _ = try a.vault.getReflection(id: h.id) }
    call("method_vault_list_reflections", e) { a, h in
        _ = try a.vault.listReflections(
            query: ReflectionQuery(
                filter: .all, personId: h.personId, from: h.at, until: Date.distantPast, offset: h.u32, limit: h.u32))
    }
    call("method_vault_reflection_history", r) { a, h in _ = try a.vault.reflectionHistory(id: h.id) }
    // Safety plan.
    call("method_vault_safety_plan", e) { a, _ in _ = try a.vault.safetyPlan() }
    call("method_vault_safety_plan_history", e) { a, _ in _ = try a.vault.safetyPlanHistory() }
    call("method_vault_save_safety_plan", t) { a, h in _ = try a.vault.saveSafetyPlan(plan: plan(h)) }
    // Triggers.
    call("method_vault_add_trigger", s) { a, h in _ = try a.vault.addTrigger(input: triggerInput(h)) }
    call("method_vault_list_triggers", e) { a, _ in _ = try a.vault.listTriggers(includeArchived: true) }
    call("method_vault_set_trigger_archived", r) { a, h in _ = try a.vault.setTriggerArchived(id: h.id, archived: true) }
    call("method_vault_update_trigger", r) { a, h in _ = try a.vault.updateTrigger(id: h.id, input: triggerInput(h)) }
    // Insights and reminders.
    call("method_vault_insights", e) { a, h in _ = try a.vault.insights(zone: h.text, weeks: h.u32, personId: h.personId) }
    call("method_vault_reminder_settings", e) { a, _ in _ = try a.vault.reminderSettings() }
    call("method_vault_risky_dates", e) { a, h in _ = try a.vault.riskyDates(zone: h.text, horizonDays: h.u32) }
    call("method_vault_set_reminder_settings", e) { a, h in
        let time = TimeOfDay(hour: h.u8, minute: h.u8)
        _ = try a.vault.setReminderSettings(
            settings: ReminderSettings(
                discretion: .neutral, dailyCheckIn: time, eveningReview: time, milestones: true,
                riskyDateHeadsUpDays: h.u32, boundaryReviews: true, noticeTime: time))
    }
    call("method_vault_streaks", e) { a, h in _ = try a.vault.streaks(zone: h.text) }
    call("method_vault_summary", e) { a, h in _ = try a.vault.summary(zone: h.text) }
    call("method_vault_upcoming_reminders", e) { a, h in _ = try a.vault.upcomingReminders(zone: h.text, count: h.u32) }
    // Urges.
    call("method_vault_end_urge_session", r) { a, h in _ = try a.vault.endUrgeSession(sessionId: h.id, end: urgeEnd(h)) }
    call("method_vault_end_urge_session", s) { a, h in _ = try a.vault.endUrgeSession(sessionId: a.sessionId, end: urgeEnd(h)) }
    call("method_vault_start_urge_session", r) { a, h in _ = try a.vault.startUrgeSession(personId: h.personId) }
    call("method_vault_write_urge_letter", r) { a, h in
        _ = try a.vault.writeUrgeLetter(sessionId: h.id, text: h.text, utcOffsetSeconds: h.offset)
    }
    call("method_vault_write_urge_letter", t) { a, h in
        _ = try a.vault.writeUrgeLetter(sessionId: a.sessionId, text: h.text, utcOffsetSeconds: h.offset)
    }
    // Vault.
    call("method_vault_is_unlocked", e) { a, _ in _ = a.vault.isUnlocked() }
    call("method_vault_status", e) { a, _ in _ = try a.vault.status() }
    call("method_vault_unlock", r) { a, h in try a.vault.unlock(secret: .passcode(passcode: h.text + "\u{0}wrong")) }
    call("method_vault_unlock", r) { a, h in try a.vault.unlock(secret: .deviceKey(key: h.key)) }
    call("method_vault_unlock", r) { a, h in
        try a.vault.unlock(secret: .passcodeAndDeviceKey(passcode: h.text + "\u{0}wrong", key: h.key))
    }
    call("method_vault_unlock", r) { a, h in try a.vault.unlock(secret: .recoveryCode(code: h.id)) }
    // Run last on each vault (see runAll): they end the session or the file.
    call("method_vault_lock", e) { a, _ in a.vault.lock() }
    call("method_vault_erase", e) { a, _ in
        try a.vault.erase()
        a.erased = true
    }
    return c
}()

/// What the vault lists, or only its record count when it cannot list.
private func snapshot(_ v: Vault) throws -> String {
    let count: String
    do {
        count = String(try v.status().recordCount)
    } catch {
        count = "\(error)"
    }
    if !v.isUnlocked() { return "locked, \(count) records" }
    let parts: [Any] = [
        count,
        try v.listEvents(query: EventQuery(kinds: [], personId: nil, from: nil, until: nil, offset: 0, limit: 500)).events,
        try v.listReflections(
            query: ReflectionQuery(filter: .all, personId: nil, from: nil, until: nil, offset: 0, limit: 500)
        ).reflections,
        try v.listPeople(includeArchived: true),
        try v.listBoundaries(personId: nil, statuses: []),
        try v.listReasons(),
        try v.listPrompts(),
        try v.listTriggers(includeArchived: true),
        try v.safetyPlan(),
        try v.checkpoints().count,
        try v.reminderSettings(),
        try v.lockPolicy(),
        try v.hasDuressPasscode(),
    ]
    return parts.map { "\($0)" }.joined(separator: "\n")
}

final class Tally {
    var calls = 0
    var refused = 0
    var names = Set<String>()
}

private func probe(_ a: Arena, _ call: HostileCall, _ h: Hostile, _ phase: String, _ tally: Tally) throws {
    let what = "\(call.name) (\(phase), \(h.name))"
    let before = try snapshot(a.vault)
    var refusal: VaultError?
    do {
        try call.body(a, h)
    } catch let error as VaultError {
        refusal = error
    } catch {
        throw fail("\(what): not a VaultError: \(type(of: error)): \(String(describing: error).prefix(200))")
    }
    tally.calls += 1
    tally.names.insert(call.name)
    if let refusal {
        tally.refused += 1
        // A wrong secret is recorded in the access log (a record), by design: compare the rest.
        func seen(_ snapshot: String) -> String {
            guard refusal == .WrongSecret else { return snapshot }
            guard let newline = snapshot.firstIndex(of: "\n") else { return "" }
            return String(snapshot[newline...])
        }
        if !a.erased {
            try assertEq(seen(try snapshot(a.vault)), seen(before), "\(what): refused with \(refusal), but the vault changed")
        }
        return
    }
    let mustRefuse: Bool
    switch call.must {
    case .refuse: mustRefuse = true
    case .refuseStrict: mustRefuse = h.strict
    case .refuseTooLong: mustRefuse = h.tooLong
    case .refuseEmptyOrLong: mustRefuse = h.tooLong || h.text.isEmpty
    case .either: mustRefuse = false
    }
    try check(!mustRefuse, "\(what): accepted hostile input")
}

private func arena(_ t: TestContext) throws -> (Arena, [Hostile]) {
    let vault = try t.create().vault
    func person(_ alias: String) throws -> Person {
        try vault.addPerson(
            input: PersonInput(
                alias: alias, relationship: .exPartner, mode: .noContact,
                noContactSince: LocalDate(year: 2024, month: 1, day: 15), blockedOn: [], notes: ""))
    }
    let sam = try person("Sam")
    let gone = try person("Gone")
    try vault.deletePerson(id: gone.id)
    let event = try vault.quickCheckIn(mood: 3, utcOffsetSeconds: 0)
    let deleted = try vault.quickCheckIn(mood: 2, utcOffsetSeconds: 0)
    try vault.deleteEvent(id: deleted.id)
    _ = try vault.addReason(text: "I deserve peace", theme: nil)
    let session = try vault.startUrgeSession(personId: sam.id).sessionId
    let a = Arena(t, vault, event, sam, session)
    return (a, hostiles(a, deletedEvent: deleted.id, deletedPerson: gone.id))
}

private func runAll(_ t: TestContext, _ name: String, _ tally: Tally) throws {
    let (a, all) = try arena(t)
    guard let h = all.first(where: { $0.name == name }) else { throw fail("no hostile input \(name)") }
    let last: Set<String> = ["method_vault_lock", "method_vault_erase"]
    let body = hostileCalls.filter { !last.contains($0.name) }
    guard let lock = hostileCalls.first(where: { $0.name == "method_vault_lock" }),
        let erase = hostileCalls.first(where: { $0.name == "method_vault_erase" })
    else { throw fail("the table has no lock or erase") }
    for call in body {
        if !a.vault.isUnlocked() { try a.vault.unlock(secret: .passcode(passcode: a.current)) }
        try probe(a, call, h, "unlocked", tally)
    }
    try probe(a, lock, h, "unlocked", tally)
    try check(!a.vault.isUnlocked(), "lock() left the vault unlocked")
    for call in body {
        if a.vault.isUnlocked() { a.vault.lock() }
        try probe(a, call, h, "locked", tally)
    }
    if a.vault.isUnlocked() { a.vault.lock() }
    try probe(a, erase, h, "locked", tally)
    try check(a.erased, "erase() on a locked vault was refused")
    for call in hostileCalls { try probe(a, call, h, "erased", tally) }
}

let hostileTests: [(String, (TestContext) throws -> Void)] =
    ["empty", "10 MB", "NUL", "wrong kind", "deleted", "odd unicode"].map { name in
        (
            "Hostile: every entry point, \(name) input, unlocked, locked and erased",
            { t in
                let tally = Tally()
                try runAll(t, name, tally)
                print("  \(name): \(tally.calls) calls to \(tally.names.count) entry points, \(tally.refused) refused")
            }
        )
    } + [
        ("Hostile: odd Unicode text is stored exactly", { t in
            let v = try t.create().vault
            let p = try v.addPerson(
                input: PersonInput(
                    alias: odd, relationship: .exPartner, mode: .noContact,
                    noContactSince: LocalDate(year: 2024, month: 1, day: 15), blockedOn: [], notes: odd))
            try assertSameText(try v.getPerson(id: p.id).alias, odd, "alias read back")
            try assertSameText(try v.getPerson(id: p.id).notes, odd, "notes read back")
            let nul = "before\u{0}after \(odd)"
            let r = try v.addReflection(
                reflection: NewReflection(
                    at: nil, utcOffsetSeconds: 0,
                    body: ReflectionBody(kind: .journal(promptId: nil), title: nul, text: nul, tags: ["\u{202E}tag"], mood: nil)))
            try assertSameText(try v.getReflection(id: r.id).body.text, nul, "reflection text read back")
            try assertEq(try v.getReflection(id: r.id).body.tags, ["\u{202E}tag"], "tags read back")
            v.lock()
            try v.unlock(secret: .passcode(passcode: passcode))
            try assertSameText(try v.getReflection(id: r.id).body.text, nul, "reflection text after reopening")
        }),
    ]

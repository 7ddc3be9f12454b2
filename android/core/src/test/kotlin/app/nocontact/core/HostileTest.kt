// Every exported function and method of the Kotlin bindings, called with
// hostile input (issue 12, section 5): empty strings, 10 MB strings, NUL,
// bidirectional overrides and other odd Unicode, negative and huge numbers,
// instants far in the past and the future, invalid dates, keys of the wrong
// length, ids of the wrong kind and of deleted items. Each call is made on an
// unlocked vault, on a locked one and on an erased one. Whatever it is given,
// a call either succeeds or throws a VaultException (never InternalException,
// which is how uniffi reports a Rust panic, nor anything else), and a refused
// call leaves what the vault lists unchanged.
//
// CALLS is keyed by the uniffi symbol names (`method_vault_add_person`,
// `func_create_vault`, ...); `cargo test -p xtask entry_points` reads the
// generated bindings and fails, naming it, when an exported function or method
// has no entry here (or in HostileTests.swift). Run by the harness in
// VaultTest.kt (`cargo xtask kotlin-test Hostile`).
package app.nocontact.core

import java.io.File
import java.time.Instant

/** What a call must do with one hostile input. */
internal enum class Must {
    /** Refuse every hostile input (its ids, keys or paths are never valid). */
    REFUSE,

    /** Refuse the strict inputs (all but the odd-Unicode one, whose values are all valid). */
    REFUSE_STRICT,

    /** Refuse the 10 MB input; the others may be valid text, stored as given. */
    REFUSE_TOO_LONG,

    /** Refuse empty and 10 MB text (a passcode, a reason); other odd text may be valid. */
    REFUSE_EMPTY_OR_LONG,

    /** Read-only or pure: either outcome, but never a panic and never a change. */
    EITHER,
}

/** One hostile value of every parameter type. */
internal class Hostile(
    val name: String,
    val strict: Boolean,
    val tooLong: Boolean,
    val text: String,
    val id: String,
    val personId: String,
    val u8: UByte,
    val u32: UInt,
    val offset: Int,
    val at: Instant,
    val key: ByteArray,
    val date: LocalDate,
    val path: String,
)

/** The vault under test, its fixtures, and the passcode it has now. */
internal class Arena(val ctx: Ctx, var vault: Vault, val event: Event, val person: Person, val sessionId: String) {
    var passcode: String = PASSCODE
    var erased = false
}

internal class HostileCall(val name: String, val must: Must, val body: Arena.(Hostile) -> Unit)

private val TEN_MB: String = "x".repeat(10 * 1024 * 1024)
private const val ODD = "\u202Eevil\u202C \u2066iso\u2069 \u200F\u05e9\u05dc\u05d5\u05dd\u200F \uFEFF e\u0301 \uD83D\uDC69\u200D\uD83D\uDC67 \u0007"

private fun Arena.hostiles(deletedEvent: String, deletedPerson: String): List<Hostile> = listOf(
    Hostile("empty", true, false, "", "", "", 0u, 0u, Int.MIN_VALUE, Instant.MIN, ByteArray(0), LocalDate(0, 0u, 0u), ""),
    Hostile(
        "10 MB", true, true, TEN_MB, TEN_MB, TEN_MB, UByte.MAX_VALUE, UInt.MAX_VALUE, Int.MAX_VALUE, Instant.MAX,
        ByteArray(10 shl 20), LocalDate(Int.MAX_VALUE, UInt.MAX_VALUE, UInt.MAX_VALUE), File(ctx.dir, TEN_MB.take(5000)).path,
    ),
    Hostile(
        "NUL", true, false, "a\u0000b", "\u0000".repeat(32), "\u0000".repeat(32), 200u, 4_000_000_000u, -(18 * 3600 + 1),
        Instant.parse("-999999999-01-01T00:00:00Z"), ByteArray(31), LocalDate(Int.MIN_VALUE, 2u, 30u), ctx.path("a\u0000b"),
    ),
    // Ids of the wrong kind: a person's id where an event's is wanted and the reverse.
    Hostile(
        "wrong kind", true, false, ODD, person.id, event.id, 11u, 1_000_000u, 18 * 3600 + 1,
        Instant.parse("+999999999-12-31T23:59:59Z"), ByteArray(33) { 1 }, LocalDate(2024, 13u, 1u), ctx.dir.path,
    ),
    Hostile(
        "deleted", true, false, ODD, deletedEvent, deletedPerson, 6u, 100_000u, -1,
        Instant.now().plusSeconds(3600), ByteArray(34) { 9 }, LocalDate(2023, 2u, 29u), ctx.path("missing/dir/x"),
    ),
    // Every value valid but odd: calls that take only text may store it, exactly.
    Hostile(
        "odd unicode", false, false, ODD, UNKNOWN_ID, UNKNOWN_ID, 3u, 4u, 3600,
        Instant.now().minusSeconds(3600), ByteArray(33), LocalDate(2024, 2u, 29u), ctx.path(ODD.filter { it.isLetter() }),
    ),
)

private fun body(h: Hostile): EventBody = EventBody.TheirAttempt(
    TheirAttempt(
        h.personId, Channel.values().first(), h.text, h.text, true, AttemptResponse.values().first(), h.text,
        listOf(h.text), h.u8, listOf(Attachment(h.text, h.text)), h.text,
    ),
)

private fun urge(h: Hostile) = EventBody.Urge(
    Urge(h.u8, h.personId, listOf(h.id), Emotion.values().toList(), listOf(h.text), listOf(h.text), UrgeOutcome.values().first(), null, h.text),
)

private fun newEvent(h: Hostile, b: EventBody = body(h)) = NewEvent(h.at, h.offset, b)

private fun reflection(h: Hostile, personId: String? = h.personId) =
    NewReflection(h.at, h.offset, ReflectionBody(ReflectionKind.UnsentLetter(personId ?: h.personId), h.text, h.text, listOf(h.text), h.u8))

private fun personInput(h: Hostile) =
    PersonInput(h.text, Relationship.values().first(), ContactMode.NoContact, h.date, Channel.values().toList(), h.text)

private fun boundaryInput(h: Hostile) = BoundaryInput(h.text, h.personId, BoundaryKind.values().first(), h.date, h.date)

private fun triggerInput(h: Hostile) =
    TriggerInput(h.text, TriggerCategory.values().first(), MonthDay(h.u32, h.u32), h.personId)

private fun plan(h: Hostile) = SafetyPlan(
    listOf(h.text), listOf(h.text), listOf(h.text), listOf(SupportContact(h.text, h.text)), emptyList(), listOf(h.text),
    listOf(h.text), listOf(h.text), listOf(h.text), h.text, listOf(ChecklistItem(h.text, true)), emptyList(),
)

private fun time(h: Hostile) = TimeOfDay(h.u8, h.u8)

private fun eventQuery(h: Hostile) = EventQuery(EventKind.values().toList(), h.personId, h.at, Instant.MIN, h.u32, h.u32)

internal val CALLS: List<HostileCall> = run {
    val c = mutableListOf<HostileCall>()
    fun call(name: String, must: Must, body: Arena.(Hostile) -> Unit) {
        c.add(HostileCall(name, must, body))
    }
    val r = Must.REFUSE
    val s = Must.REFUSE_STRICT
    val t = Must.REFUSE_TOO_LONG
    val x = Must.REFUSE_EMPTY_OR_LONG
    val e = Must.EITHER
    // Functions.
    call("func_create_vault", s) { h -> createVault(h.path, VaultSetup(h.text, h.key, true, h.u32)).vault.close() }
    call("func_create_vault", x) { h -> createVault(ctx.path("second.nocontact"), setup(passcode = h.text)).vault.close() }
    call("func_generate_backup_passphrase", e) { generateBackupPassphrase() }
    call("func_kdf_iteration_floor", e) { kdfIterationFloor() }
    call("func_normalize_checkpoint_code", e) { h -> normalizeCheckpointCode(h.text) }
    call("func_restore_vault", r) { h -> restoreVault(h.path, h.text, h.path, setup(passcode = h.text), null) }
    call("func_safety_plan_sections", e) { safetyPlanSections() }
    call("func_verify_evidence", e) { h -> verifyEvidence(h.path, h.text) }
    call("func_verify_evidence_files", e) { h -> verifyEvidenceFiles(listOf(EvidenceFile(h.text, h.key), EvidenceFile(h.path, h.text.toByteArray())), h.id) }
    call("constructor_vault_open", r) { h -> Vault.open(h.path).close() }
    // Backup and evidence.
    call("method_vault_export_backup", s) { h -> vault.exportBackup(h.path, h.text, null) }
    call("method_vault_restore_backup", s) { h -> vault.restoreBackup(h.path, h.text, true, null) }
    call("method_vault_export_evidence", s) { h -> vault.exportEvidence(EvidenceOptions(h.personId, emptyList(), true, h.at, Instant.MIN, h.text), h.path, null) }
    call("method_vault_export_csv", e) { h -> vault.exportCsv(CsvQuery(EventKind.values().toList(), h.personId, h.at, Instant.MIN)) }
    // Boundaries.
    call("method_vault_add_boundary", s) { h -> vault.addBoundary(boundaryInput(h)) }
    call("method_vault_delete_boundary", r) { h -> vault.deleteBoundary(h.id) }
    call("method_vault_get_boundary", r) { h -> vault.getBoundary(h.id) }
    call("method_vault_list_boundaries", e) { h -> vault.listBoundaries(h.personId, BoundaryStatus.values().toList()) }
    call("method_vault_set_boundary_status", r) { h -> vault.setBoundaryStatus(h.id, BoundaryStatus.values().last()) }
    call("method_vault_update_boundary", r) { h -> vault.updateBoundary(h.id, boundaryInput(h)) }
    // Chain.
    call("method_vault_chain_report", e) { vault.chainReport() }
    call("method_vault_checkpoints", e) { vault.checkpoints() }
    call("method_vault_make_checkpoint", e) { vault.makeCheckpoint() }
    call("method_vault_verify_chain", e) { vault.verifyChain() }
    // Duress.
    call("method_vault_has_duress_passcode", e) { vault.hasDuressPasscode() }
    call("method_vault_remove_duress_passcode", e) { vault.removeDuressPasscode() }
    call("method_vault_set_duress_passcode", x) { h -> vault.setDuressPasscode(h.text) }
    call("method_vault_set_duress_passcode_with_device_key", x) { h -> vault.setDuressPasscodeWithDeviceKey(h.text, h.key) }
    // Events.
    call("method_vault_amend_event", r) { h -> vault.amendEvent(h.id, newEvent(h)) }
    call("method_vault_amend_event", s) { h -> vault.amendEvent(event.id, newEvent(h)) }
    call("method_vault_delete_event", r) { h -> vault.deleteEvent(h.id) }
    call("method_vault_event_history", r) { h -> vault.eventHistory(h.id) }
    call("method_vault_get_event", r) { h -> vault.getEvent(h.id) }
    call("method_vault_list_events", e) { h -> vault.listEvents(eventQuery(h)) }
    call("method_vault_log_event", s) { h -> vault.logEvent(newEvent(h)) }
    call("method_vault_log_event", s) { h -> vault.logEvent(newEvent(h, urge(h))) }
    call("method_vault_log_event", s) { h ->
        vault.logEvent(newEvent(h, EventBody.MyContact(MyContact(h.personId, Channel.values().last(), Initiator.values().first(), listOf(h.id), h.text))))
    }
    call("method_vault_log_event", s) { h -> vault.logEvent(newEvent(h, EventBody.CheckIn(CheckIn(h.u8, h.u8, h.text, listOf(h.text))))) }
    call("method_vault_log_events", s) { h -> vault.logEvents(listOf(NewEvent(null, 0, EventBody.CheckIn(CheckIn(3u, null, "", emptyList()))), newEvent(h))) }
    call("method_vault_quick_check_in", s) { h -> vault.quickCheckIn(h.u8, h.offset) }
    call("method_vault_quick_log_attempt", r) { h -> vault.quickLogAttempt(h.personId, Channel.values().first(), h.offset) }
    call("method_vault_quick_log_contact", r) { h -> vault.quickLogContact(h.personId, Channel.values().first(), Initiator.values().last(), h.offset) }
    call("method_vault_quick_log_urge", s) { h -> vault.quickLogUrge(h.u8, UrgeOutcome.values().last(), h.offset) }
    // Keys.
    call("method_vault_change_passcode", x) { h ->
        vault.changePasscode(h.text, null)
        passcode = h.text
    }
    call("method_vault_change_passcode", r) { h -> vault.changePasscode(PASSCODE + "2", h.key) }
    call("method_vault_recover", r) { h -> vault.recover(h.id, h.text) }
    call("method_vault_recover_with_device_key", r) { h -> vault.recoverWithDeviceKey(h.id, h.text, h.key) }
    call("method_vault_remove_device_key", e) { vault.removeDeviceKey() }
    call("method_vault_set_device_key", r) { h -> vault.setDeviceKey(h.key) }
    // Re-keying (SecurityRekeyTest.kt).
    // The current passcode may be the odd text itself (set by a call above): x, not r.
    call("method_vault_rekey", x) { h -> vault.rekey(h.text, null, null) }
    call("method_vault_rekey", r) { h -> vault.rekey(passcode, h.key, null) }
    call("method_vault_change_passcode_and_rekey", x) { h ->
        vault.changePasscodeAndRekey(h.text, PASSCODE + "3", null, null)
        passcode = PASSCODE + "3"
    }
    call("method_vault_change_passcode_and_rekey", r) { h -> vault.changePasscodeAndRekey(passcode, PASSCODE + "3", h.key, null) }
    call("method_vault_change_passcode_and_rekey", x) { h ->
        vault.changePasscodeAndRekey(passcode, h.text, null, null)
        passcode = h.text
    }
    // People.
    call("method_vault_add_person", s) { h -> vault.addPerson(personInput(h)) }
    call("method_vault_delete_person", r) { h -> vault.deletePerson(h.personId) }
    call("method_vault_get_person", r) { h -> vault.getPerson(h.personId) }
    call("method_vault_list_people", e) { vault.listPeople(true) }
    call("method_vault_set_person_archived", r) { h -> vault.setPersonArchived(h.personId, true) }
    call("method_vault_update_person", r) { h -> vault.updatePerson(h.personId, personInput(h)) }
    call("method_vault_update_person", s) { h -> vault.updatePerson(person.id, personInput(h)) }
    // Reasons and prompts.
    call("method_vault_accept_reason_suggestion", r) { h -> vault.acceptReasonSuggestion(h.id, h.text) }
    call("method_vault_add_prompt", x) { h -> vault.addPrompt(h.text, null) }
    call("method_vault_add_reason", x) { h -> vault.addReason(h.text, ReasonTheme.values().first()) }
    call("method_vault_delete_prompt", r) { h -> vault.deletePrompt(h.id) }
    call("method_vault_delete_reason", r) { h -> vault.deleteReason(h.id) }
    call("method_vault_list_prompts", e) { vault.listPrompts() }
    call("method_vault_list_reasons", e) { vault.listReasons() }
    call("method_vault_prompt_of_the_day", e) { h -> vault.promptOfTheDay(h.date) }
    call("method_vault_reason_suggestions", e) { vault.reasonSuggestions() }
    call("method_vault_update_reason", r) { h -> vault.updateReason(h.id, h.text) }
    // Security.
    call("method_vault_access_log", e) { vault.accessLog() }
    call("method_vault_acknowledge_access_log", e) { vault.acknowledgeAccessLog() }
    call("method_vault_idle_seconds_left", e) { vault.idleSecondsLeft() }
    call("method_vault_lock_policy", e) { vault.lockPolicy() }
    call("method_vault_lock_state", e) { vault.lockState() }
    // Logged while locked, a person id cannot be checked (no key): it is checked when the entry joins the log.
    call("method_vault_log_while_locked", e) { h -> vault.logWhileLocked(QuickEntry.TheirAttempt(h.personId, Channel.values().first()), h.offset) }
    call("method_vault_log_while_locked", e) { h -> vault.logWhileLocked(QuickEntry.Urge(h.u8, h.personId), h.offset) }
    call("method_vault_log_while_locked", s) { h -> vault.logWhileLocked(QuickEntry.CheckIn(h.u8), h.offset) }
    call("method_vault_set_lock_policy", e) { h -> vault.setLockPolicy(LockPolicy(h.u32, h.u32), false) }
    call("method_vault_touch", e) { vault.touch() }
    call("method_vault_set_boot_clock", e) { h ->
        // A clock at the far end of its range, then one at boot: the lock screen still answers.
        vault.setBootClock(object : BootClock { override fun millisSinceBoot(): ULong = ULong.MAX_VALUE - h.u32.toULong() })
        vault.lockState()
        vault.setBootClock(object : BootClock { override fun millisSinceBoot(): ULong = 0uL })
        vault.lockState()
    }
    // Reflections.
    call("method_vault_add_reflection", s) { h -> vault.addReflection(reflection(h)) }
    call("method_vault_add_reflection", s) { h ->
        vault.addReflection(NewReflection(h.at, h.offset, ReflectionBody(ReflectionKind.Journal(h.id), h.text, h.text, listOf(h.text), h.u8)))
    }
    call("method_vault_amend_reflection", r) { h -> vault.amendReflection(h.id, reflection(h, person.id)) }
    call("method_vault_delete_reflection", r) { h -> vault.deleteReflection(h.id) }
    call("method_vault_get_reflection", r) { h -> vault.getReflection(h.id) }
    call("method_vault_list_reflections", e) { h -> vault.listReflections(ReflectionQuery(ReflectionFilter.values().first(), h.personId, h.at, Instant.MIN, h.u32, h.u32)) }
    call("method_vault_reflection_history", r) { h -> vault.reflectionHistory(h.id) }
    // Safety plan.
    call("method_vault_safety_plan", e) { vault.safetyPlan() }
    call("method_vault_safety_plan_history", e) { vault.safetyPlanHistory() }
    call("method_vault_save_safety_plan", t) { h -> vault.saveSafetyPlan(plan(h)) }
    // Triggers.
    call("method_vault_add_trigger", s) { h -> vault.addTrigger(triggerInput(h)) }
    call("method_vault_list_triggers", e) { vault.listTriggers(true) }
    call("method_vault_set_trigger_archived", r) { h -> vault.setTriggerArchived(h.id, true) }
    call("method_vault_update_trigger", r) { h -> vault.updateTrigger(h.id, triggerInput(h)) }
    // Insights and reminders.
    call("method_vault_insights", e) { h -> vault.insights(h.text, h.u32, h.personId) }
    call("method_vault_reminder_settings", e) { vault.reminderSettings() }
    call("method_vault_risky_dates", e) { h -> vault.riskyDates(h.text, h.u32) }
    call("method_vault_set_reminder_settings", e) { h ->
        vault.setReminderSettings(ReminderSettings(Discretion.values().first(), time(h), time(h), true, h.u32, true, time(h)))
    }
    call("method_vault_streaks", e) { h -> vault.streaks(h.text) }
    call("method_vault_summary", e) { h -> vault.summary(h.text) }
    call("method_vault_upcoming_reminders", e) { h -> vault.upcomingReminders(h.text, h.u32) }
    // Urges.
    call("method_vault_end_urge_session", r) { h ->
        vault.endUrgeSession(h.id, UrgeEnd(h.u8, UrgeOutcome.values().first(), null, listOf(h.id), emptyList(), listOf(h.text), listOf(h.text), h.text, h.offset))
    }
    call("method_vault_end_urge_session", s) { h ->
        vault.endUrgeSession(sessionId, UrgeEnd(h.u8, UrgeOutcome.values().first(), null, listOf(h.id), emptyList(), listOf(h.text), listOf(h.text), h.text, h.offset))
    }
    call("method_vault_start_urge_session", r) { h -> vault.startUrgeSession(h.personId) }
    call("method_vault_write_urge_letter", r) { h -> vault.writeUrgeLetter(h.id, h.text, h.offset) }
    call("method_vault_write_urge_letter", t) { h -> vault.writeUrgeLetter(sessionId, h.text, h.offset) }
    // Vault.
    call("method_vault_is_unlocked", e) { vault.isUnlocked() }
    call("method_vault_status", e) { vault.status() }
    call("method_vault_unlock", r) { h -> vault.unlock(Secret.Passcode(h.text + "\u0000wrong")) }
    call("method_vault_unlock", r) { h -> vault.unlock(Secret.DeviceKey(h.key)) }
    call("method_vault_unlock", r) { h -> vault.unlock(Secret.PasscodeAndDeviceKey(h.text + "\u0000wrong", h.key)) }
    call("method_vault_unlock", r) { h -> vault.unlock(Secret.RecoveryCode(h.id)) }
    // Run last on each vault (see runAll): they end the session or the file.
    call("method_vault_lock", e) { vault.lock() }
    call("method_vault_erase", e) {
        vault.erase()
        erased = true
    }
    c
}

/** What the vault lists, or only its record count when it cannot list. */
private fun Vault.snapshot(): String {
    val count = try {
        status().recordCount.toString()
    } catch (e: VaultException) {
        e::class.simpleName ?: "?"
    }
    if (!isUnlocked()) return "locked, $count records"
    return listOf(
        count,
        listEvents(EventQuery(emptyList(), null, null, null, 0u, 500u)).events,
        listReflections(ReflectionQuery(ReflectionFilter.ALL, null, null, null, 0u, 500u)).reflections,
        listPeople(true),
        listBoundaries(null, emptyList()),
        listReasons(),
        listPrompts(),
        listTriggers(true),
        safetyPlan(),
        checkpoints().size,
        reminderSettings(),
        lockPolicy(),
        hasDuressPasscode(),
    ).joinToString("\n")
}

private fun describe(t: Throwable): String = "${t::class.qualifiedName}: ${t.message?.take(200)}"

internal class Tally {
    var calls = 0
    var refused = 0
    val names = mutableSetOf<String>()
}

/** Makes [call] with [h] on [arena] and checks the rules; returns whether it was refused. */
private fun Arena.probe(call: HostileCall, h: Hostile, phase: String, tally: Tally) {
    val what = "${call.name} ($phase, ${h.name})"
    val before = vault.snapshot()
    val refusal: VaultException? = try {
        call.body(this, h)
        null
    } catch (e: VaultException) {
        e
    } catch (e: Throwable) {
        fail("$what: not a VaultException: ${describe(e)}")
    }
    tally.calls++
    tally.names.add(call.name)
    if (refusal != null) {
        tally.refused++
        // A wrong secret is recorded in the access log (a record), by design: compare the rest.
        fun seen(snapshot: String) = if (refusal is VaultException.WrongSecret) snapshot.substringAfter("\n", "") else snapshot
        if (!erased) assertEq(seen(vault.snapshot()), seen(before), "$what: refused with ${refusal::class.simpleName}, but the vault changed")
        return
    }
    val mustRefuse = when (call.must) {
        Must.REFUSE -> true
        Must.REFUSE_STRICT -> h.strict
        Must.REFUSE_TOO_LONG -> h.tooLong
        Must.REFUSE_EMPTY_OR_LONG -> h.tooLong || h.text.isEmpty()
        Must.EITHER -> false
    }
    // On a locked or erased vault, only what works without the key may succeed.
    check(!mustRefuse) { "$what: accepted hostile input" }
}

private fun Ctx.arena(): Pair<Arena, List<Hostile>> {
    val vault = create().vault
    val person = vault.addPerson(PersonInput("Sam", Relationship.EX_PARTNER, ContactMode.NoContact, LocalDate(2024, 1u, 15u), emptyList(), ""))
    val gone = vault.addPerson(PersonInput("Gone", Relationship.EX_PARTNER, ContactMode.NoContact, LocalDate(2024, 1u, 15u), emptyList(), ""))
    vault.deletePerson(gone.id)
    val event = vault.quickCheckIn(3u, 0)
    val deleted = vault.quickCheckIn(2u, 0)
    vault.deleteEvent(deleted.id)
    vault.addReason("I deserve peace", null)
    val session = vault.startUrgeSession(person.id).sessionId
    val arena = Arena(this, vault, event, person, session)
    return arena to arena.hostiles(deleted.id, gone.id)
}

private fun Ctx.runAll(name: String, tally: Tally) {
    val (arena, hostiles) = arena()
    val hostile = hostiles.first { it.name == name }
    val last = setOf("method_vault_lock", "method_vault_erase")
    val body = CALLS.filter { it.name !in last }
    for (call in body) {
        if (!arena.vault.isUnlocked()) arena.vault.unlock(Secret.Passcode(arena.passcode))
        arena.probe(call, hostile, "unlocked", tally)
    }
    arena.probe(CALLS.first { it.name == "method_vault_lock" }, hostile, "unlocked", tally)
    check(!arena.vault.isUnlocked()) { "lock() left the vault unlocked" }
    for (call in body) {
        if (arena.vault.isUnlocked()) arena.vault.lock()
        arena.probe(call, hostile, "locked", tally)
    }
    if (arena.vault.isUnlocked()) arena.vault.lock()
    arena.probe(CALLS.first { it.name == "method_vault_erase" }, hostile, "locked", tally)
    check(arena.erased) { "erase() on a locked vault was refused" }
    for (call in CALLS) arena.probe(call, hostile, "erased", tally)
}

private val HOSTILE_NAMES = listOf("empty", "10 MB", "NUL", "wrong kind", "deleted", "odd unicode")

private fun camelToSnake(name: String): String = name.replace(Regex("([A-Z])")) { "_" + it.value.lowercase() }

internal fun registerHostileTests() {
    for (name in HOSTILE_NAMES) {
        test("Hostile: every entry point, $name input, unlocked, locked and erased") {
            val tally = Tally()
            runAll(name, tally)
            println("  $name: ${tally.calls} calls to ${tally.names.size} entry points, ${tally.refused} refused")
        }
    }

    test("Hostile: the table names every method of the generated Vault interface") {
        val table = CALLS.map { it.name }.toSet()
        val methods = VaultInterface::class.java.methods.map { "method_vault_" + camelToSnake(it.name.substringBefore("-")) }.toSet()
        val missing = methods - table
        check(missing.isEmpty()) { "no hostile entry for ${missing.sorted()}" }
        check(methods.size > 80) { "only ${methods.size} methods found on VaultInterface" }
    }

    test("Hostile: odd Unicode text is stored exactly") {
        val vault = create().vault
        val person = vault.addPerson(PersonInput(ODD.take(60), Relationship.EX_PARTNER, ContactMode.NoContact, LocalDate(2024, 1u, 15u), emptyList(), ODD))
        assertEq(vault.getPerson(person.id).alias, ODD.take(60), "alias read back")
        assertEq(vault.getPerson(person.id).notes, ODD, "notes read back")
        val nul = "before\u0000after $ODD"
        val r = vault.addReflection(NewReflection(null, 0, ReflectionBody(ReflectionKind.Journal(null), nul.take(100), nul, listOf("\u202Etag"), null)))
        assertEq(vault.getReflection(r.id).body.text, nul, "reflection text read back")
        assertEq(vault.getReflection(r.id).body.tags, listOf("\u202Etag"), "tags read back")
        vault.lock()
        vault.unlock(Secret.Passcode(PASSCODE))
        assertEq(vault.getReflection(r.id).body.text, nul, "reflection text after reopening")
    }
}

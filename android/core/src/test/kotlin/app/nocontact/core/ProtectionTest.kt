// Protection while the phone is in other hands, through the Kotlin bindings:
// logging while locked (as a widget would, from a second Vault object on the
// same file), the failed-unlock count and its backoff, the access log, the
// duress passcode and its cover space, the lock policy and idle timeout, and
// crypto-erase. Run by the harness in VaultTest.kt
// (`cargo xtask kotlin-test protection`).
package app.nocontact.core

import java.io.File
import java.time.Instant
import java.time.temporal.ChronoUnit

private const val DURESS = "grocery list 42"

/** Now, cut to the millisecond the vault keeps. */
private fun nowMillis(): Instant = Instant.now().truncatedTo(ChronoUnit.MILLIS)

private fun allEvents() = EventQuery(emptyList(), null, null, null, 0u, 500u)

private fun person(alias: String) =
    PersonInput(alias, Relationship.EX_PARTNER, ContactMode.NoContact, LocalDate(2025, 3u, 1u), emptyList(), "")

private fun Vault.kinds(): List<AccessKind> = accessLog().map { it.kind }

private fun Vault.unlockWith(passcode: String) = unlock(Secret.Passcode(passcode))

internal fun registerProtectionTests() {
    test("protection: entries logged while locked from a second Vault object join the log at the next unlock") {
        val app = create().vault
        val sam = app.addPerson(person("Sam"))
        app.lock()

        // A widget opens the file on its own and never unlocks it.
        val widget = Vault.open(path())
        check(!widget.isUnlocked()) { "the widget's vault starts unlocked" }
        val entries = listOf(
            QuickEntry.TheirAttempt(sam.id, Channel.CALL) to 3600,
            QuickEntry.Urge(7u, null) to -18000,
            QuickEntry.CheckIn(3u) to 0,
        )
        val windows = entries.map { (entry, offset) ->
            val before = nowMillis()
            widget.logWhileLocked(entry, offset)
            val after = Instant.now()
            // Keep the drops in separate milliseconds, so that each instant can
            // be checked against its own window (the order holds either way).
            Thread.sleep(5)
            before to after
        }
        assertInvalid("intensity", "an urge of 11") { widget.logWhileLocked(QuickEntry.Urge(11u, null), 0) }
        assertInvalid("mood", "a check-in with mood 0") { widget.logWhileLocked(QuickEntry.CheckIn(0u), 0) }
        assertInvalid("person_id", "an attempt by person \"nope\"") {
            widget.logWhileLocked(QuickEntry.TheirAttempt("nope", Channel.TEXT), 0)
        }
        assertInvalid("person_id", "an urge about person \"nope\"") { widget.logWhileLocked(QuickEntry.Urge(3u, "nope"), 0) }
        assertInvalid("utc_offset_seconds", "a 19-hour UTC offset") { widget.logWhileLocked(QuickEntry.CheckIn(3u), 19 * 3600) }
        assertThrows<VaultException.Locked>("listEvents on the widget's locked vault") { widget.listEvents(allEvents()) }
        assertThrows<VaultException.Locked>("listEvents on the app's locked vault") { app.listEvents(allEvents()) }
        check(!widget.isUnlocked() && !app.isUnlocked()) { "logging while locked unlocked something" }

        app.unlockWith(PASSCODE)
        val logged = app.listEvents(allEvents()).events.reversed()
        assertEq(logged.map { it.kind }, listOf(EventKind.THEIR_ATTEMPT, EventKind.URGE, EventKind.CHECK_IN), "kinds, in the order made")
        assertEq(logged.map { it.loggedWhileLocked }, listOf(true, true, true), "loggedWhileLocked")
        assertEq(logged.map { it.utcOffsetSeconds }, entries.map { it.second }, "UTC offsets")
        for ((event, window) in logged.zip(windows)) {
            check(!event.at.isBefore(window.first) && !event.at.isAfter(window.second)) {
                "${event.kind} at ${event.at} is outside its drop, ${window.first}..${window.second}"
            }
        }
        val attempt = (logged[0].body as? EventBody.TheirAttempt ?: fail("first body is ${logged[0].body}")).attempt
        assertEq(listOf(attempt.personId, attempt.channel), listOf(sam.id, Channel.CALL), "attempt person and channel")
        val urge = (logged[1].body as? EventBody.Urge ?: fail("second body is ${logged[1].body}")).urge
        assertEq(listOf(urge.intensity, urge.outcome), listOf(7u.toUByte(), UrgeOutcome.DELAYED), "urge intensity and outcome")
        val checkIn = (logged[2].body as? EventBody.CheckIn ?: fail("third body is ${logged[2].body}")).checkIn
        assertEq(checkIn.mood, 3u.toUByte(), "check-in mood")

        val locked = app.accessLog().filter { it.kind == AccessKind.LOCKED_ENTRY }
        assertEq(locked.map { it.at }, logged.reversed().map { it.at }, "LockedEntry access events, newest first, at the entries' instants")
        check(locked.all { it.new }) { "LockedEntry events not marked new: $locked" }

        // Unlocked in this object, a locked entry joins the log at once.
        app.logWhileLocked(QuickEntry.CheckIn(5u), 0)
        val now = app.listEvents(allEvents()).events
        assertEq(now.size, 4, "events after logging while unlocked")
        assertEq(listOf(now[0].kind, now[0].loggedWhileLocked), listOf(EventKind.CHECK_IN, true), "the entry logged while unlocked")
    }

    test("protection: failed unlocks are counted in the file, logged, reset by a real unlock, and back off") {
        val v = create().vault
        assertEq(v.lockState(), LockState(0u, 0uL, null), "lockState of a new vault")
        assertEq(v.accessLog(), emptyList<AccessEvent>(), "access log of a new vault")
        v.lock()
        v.unlockWith(PASSCODE)
        v.lock()
        assertThrows<VaultException.WrongSecret>("a wrong passcode") { v.unlockWith("wrong passcode") }
        assertEq(v.lockState().failedAttempts, 1u, "failedAttempts after one failure")
        assertEq(v.lockState().retryAfterSeconds, 0uL, "no wait after one failure")
        assertEq(Vault.open(path()).lockState().failedAttempts, 1u, "failedAttempts read by a freshly opened Vault")
        v.unlockWith(PASSCODE)
        assertEq(v.lockState().failedAttempts, 0u, "failedAttempts after a real unlock")
        assertEq(Vault.open(path()).lockState().failedAttempts, 0u, "failedAttempts reread after a real unlock")

        val log = v.accessLog()
        assertEq(log.map { it.kind }, listOf(AccessKind.UNLOCK, AccessKind.FAILED_UNLOCK, AccessKind.UNLOCK), "access log, newest first")
        check(log.zipWithNext().all { (a, b) -> !a.at.isBefore(b.at) }) { "access log not newest first: $log" }
        check(log[1].new) { "the failed unlock is not marked new" }
        v.acknowledgeAccessLog()
        assertEq(v.accessLog().map { it.new }, listOf(false, false, false), "new after acknowledgeAccessLog")
        v.lock()
        v.unlockWith(PASSCODE)
        assertEq(v.accessLog().map { it.new }, listOf(true, false, false, false), "only the latest unlock is new")

        v.lock()
        repeat(5) { i ->
            assertThrows<VaultException.WrongSecret>("wrong passcode #${i + 1}") { v.unlockWith("wrong passcode $i") }
        }
        val state = v.lockState()
        assertEq(state.failedAttempts, 5u, "failedAttempts after five failures")
        check(state.retryAfterSeconds in 1uL..30uL) { "retryAfterSeconds after five failures is ${state.retryAfterSeconds}" }
        val wait = assertThrows<VaultException.TryLater>("the sixth attempt") { v.unlockWith("wrong passcode 6") }
        check(wait.seconds in 1uL..30uL) { "TryLater.seconds is ${wait.seconds}" }
        val right = assertThrows<VaultException.TryLater>("the right passcode during the wait") { v.unlockWith(PASSCODE) }
        check(right.seconds > 0uL) { "TryLater.seconds is ${right.seconds}" }
        assertThrows<VaultException.TryLater>("a freshly opened Vault during the wait") { Vault.open(path()).unlockWith(PASSCODE) }
        assertEq(v.lockState().failedAttempts, 5u, "attempts refused during the wait are not counted")
        check(!v.isUnlocked()) { "unlocked during the wait" }
    }

    test("protection: the duress passcode opens a separate cover space") {
        val v = create().vault
        val sam = v.addPerson(person("Sam"))
        val attempt = v.quickLogAttempt(sam.id, Channel.TEXT, 0)
        assertEq(v.hasDuressPasscode(), false, "hasDuressPasscode before setting one")
        assertInvalid("duress_passcode", "a duress passcode equal to the real one") { v.setDuressPasscode(PASSCODE) }
        assertInvalid("duress_passcode", "a 3-char duress passcode") { v.setDuressPasscode("abc") }
        v.setDuressPasscode(DURESS)
        assertEq(v.hasDuressPasscode(), true, "hasDuressPasscode after setting one")
        assertInvalid("passcode", "changePasscode to the duress passcode") { v.changePasscode(DURESS, null) }
        v.lock()

        v.unlockWith(DURESS)
        check(v.isUnlocked()) { "the duress passcode did not unlock" }
        assertEq(v.listPeople(true), emptyList<Person>(), "people in the cover space")
        assertEq(v.listEvents(allEvents()).total, 0uL, "events in the cover space")
        assertThrows<VaultException.NotFound>("the real person from the cover space") { v.getPerson(sam.id) }
        assertThrows<VaultException.NotFound>("the real event from the cover space") { v.getEvent(attempt.id) }
        assertEq(v.hasDuressPasscode(), false, "hasDuressPasscode inside the cover space")
        assertEq(v.kinds(), listOf(AccessKind.UNLOCK), "the cover's access log shows an ordinary unlock")
        v.setDuressPasscode("another one 7") // inside a cover as in a vault without one (SecurityTest.kt)
        val club = v.addPerson(person("Book club"))
        val mundane = v.quickCheckIn(4u, 0)
        // Entries logged while locked wait for the real space.
        v.logWhileLocked(QuickEntry.CheckIn(2u), 0)
        assertEq(v.listEvents(allEvents()).events, listOf(mundane), "cover events after a locked entry")
        v.lock()

        v.unlockWith(PASSCODE)
        assertEq(v.listPeople(true).map { it.id }, listOf(sam.id), "real people after the cover was used")
        assertThrows<VaultException.NotFound>("the cover's person from the real space") { v.getPerson(club.id) }
        assertThrows<VaultException.NotFound>("the cover's event from the real space") { v.getEvent(mundane.id) }
        val events = v.listEvents(allEvents()).events
        assertEq(events.size, 2, "real events: the attempt and the locked check-in")
        assertEq(events[1], attempt, "the real attempt is intact")
        assertEq(listOf(events[0].kind, events[0].loggedWhileLocked), listOf(EventKind.CHECK_IN, true), "the locked check-in")
        assertEq(v.hasDuressPasscode(), true, "hasDuressPasscode back in the real space")
        check(AccessKind.DURESS_UNLOCK in v.kinds()) { "no DuressUnlock in the real access log: ${v.kinds()}" }

        v.removeDuressPasscode()
        assertEq(v.hasDuressPasscode(), false, "hasDuressPasscode after removeDuressPasscode")
        v.lock()
        assertThrows<VaultException.WrongSecret>("the removed duress passcode") { v.unlockWith(DURESS) }
        v.unlockWith(PASSCODE)
        assertEq(v.listEvents(allEvents()).events.size, 2, "real events after removing the cover")
    }

    test("protection: the lock policy, its evidence warning and the idle timer") {
        val v = create().vault
        assertEq(v.lockPolicy(), LockPolicy(null, 300u), "default lock policy")
        val erasing = LockPolicy(10u, 60u)
        assertInvalid("accept_evidence_loss", "an erase policy without accepting evidence loss") { v.setLockPolicy(erasing, false) }
        assertEq(v.lockPolicy(), LockPolicy(null, 300u), "policy after a refused change")
        assertInvalid("erase_after_failures", "erase after 4 failures") { v.setLockPolicy(LockPolicy(4u, 60u), true) }
        assertInvalid("idle_timeout_seconds", "an idle timeout of 5 s") { v.setLockPolicy(LockPolicy(null, 5u), false) }
        v.setLockPolicy(erasing, true)
        assertEq(v.lockPolicy(), erasing, "lockPolicy after setLockPolicy")
        assertEq(v.lockState().attemptsBeforeErase, 10u, "attemptsBeforeErase")

        val left = v.idleSecondsLeft() ?: fail("idleSecondsLeft is null while unlocked")
        check(left in 1uL..60uL) { "idleSecondsLeft is $left with a 60 s timeout" }
        v.touch()
        val touched = v.idleSecondsLeft() ?: fail("idleSecondsLeft is null after touch")
        check(touched in 1uL..60uL) { "idleSecondsLeft after touch is $touched" }

        v.lock()
        assertEq(v.idleSecondsLeft(), null, "idleSecondsLeft when locked")
        v.touch()
        assertEq(v.lockPolicy(), erasing, "lockPolicy while locked")
        assertEq(Vault.open(path()).lockPolicy(), erasing, "lockPolicy read by a freshly opened Vault")
        assertThrows<VaultException.Locked>("setLockPolicy while locked") { v.setLockPolicy(LockPolicy(null, 300u), false) }

        v.unlockWith(PASSCODE)
        v.setLockPolicy(LockPolicy(null, 0u), false)
        assertEq(v.idleSecondsLeft(), null, "idleSecondsLeft with the timeout off")
        check(v.isUnlocked()) { "locked with the timeout off" }
    }

    test("protection: erase destroys the vault and every later call fails with Erased") {
        val v = create().vault
        val sam = v.addPerson(person("Sam"))
        v.quickLogAttempt(sam.id, Channel.CALL, 0)
        v.erase()
        check(!v.isUnlocked()) { "unlocked after erase" }
        assertEq(v.idleSecondsLeft(), null, "idleSecondsLeft after erase")
        assertThrows<VaultException.Erased>("listPeople after erase") { v.listPeople(true) }
        assertThrows<VaultException.Erased>("listEvents after erase") { v.listEvents(allEvents()) }
        assertThrows<VaultException.Erased>("addPerson after erase") { v.addPerson(person("Alex")) }
        assertThrows<VaultException.Erased>("status after erase") { v.status() }
        assertThrows<VaultException.Erased>("lockState after erase") { v.lockState() }
        assertThrows<VaultException.Erased>("lockPolicy after erase") { v.lockPolicy() }
        assertThrows<VaultException.Erased>("accessLog after erase") { v.accessLog() }
        assertThrows<VaultException.Erased>("unlock after erase") { v.unlockWith(PASSCODE) }
        assertThrows<VaultException.Erased>("logWhileLocked after erase") { v.logWhileLocked(QuickEntry.CheckIn(3u), 0) }
        for (suffix in listOf("", "-wal", "-shm", "-journal")) {
            check(!File(path() + suffix).exists()) { "vault.nocontact$suffix is still there" }
        }
        assertThrows<VaultException.NotFound>("opening the erased path") { Vault.open(path()) }
    }
    test("protection: on the app's boot clock the wait does not follow the date, and a restart counts from boot") {
        val v = create().vault
        v.lock()
        val boot = java.util.concurrent.atomic.AtomicLong(7_200_000L)
        v.setBootClock(
            object : BootClock {
                override fun millisSinceBoot(): ULong = boot.get().toULong()
            },
        )
        repeat(5) { n -> assertThrows<VaultException.WrongSecret>("failure ${n + 1}") { v.unlockWith("wrong passcode $n") } }
        assertEq(v.lockState().retryAfterSeconds, 30uL, "the wait right after five failures")
        boot.addAndGet(20_000L)
        assertEq(v.lockState().retryAfterSeconds, 10uL, "twenty seconds on the boot clock")
        boot.set(5_000L)
        assertEq(v.lockState().retryAfterSeconds, 25uL, "restarted five seconds ago")
        assertThrows<VaultException.TryLater>("the right passcode during the wait") { v.unlockWith(PASSCODE) }
        boot.set(31_000L)
        v.unlockWith(PASSCODE)
        assertEq(v.lockState().failedAttempts, 0u, "failedAttempts after the unlock")
    }
}

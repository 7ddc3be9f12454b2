// Protection while the phone is in other hands, through the Swift bindings:
// logging while locked (as a widget would, from a second Vault object on the
// same file), the failed-unlock count and its backoff, the access log, the
// duress passcode and its cover space, the lock policy and idle timeout, and
// crypto-erase. Mirrors ProtectionTest.kt; run by main.swift
// (`cargo xtask swift-test protection`).
import Foundation

private let duress = "grocery list 42"

private func allEvents() -> EventQuery {
    EventQuery(kinds: [], personId: nil, from: nil, until: nil, offset: 0, limit: 500)
}

private func person(_ alias: String) -> PersonInput {
    personInput(alias: alias, since: LocalDate(year: 2025, month: 3, day: 1))
}

/// Runs `body`, which must throw `VaultError.TryLater`; returns its seconds.
private func assertTryLater<T>(_ what: String, _ body: () throws -> T) throws -> UInt64 {
    do {
        _ = try body()
    } catch VaultError.TryLater(let seconds) {
        return seconds
    } catch {
        throw fail("\(what): expected VaultError.TryLater, got \(type(of: error)): \(error)")
    }
    throw fail("\(what): expected VaultError.TryLater, but nothing was thrown")
}

private extension Vault {
    func unlockWith(_ passcode: String) throws {
        try unlock(secret: .passcode(passcode: passcode))
    }

    func kinds() throws -> [AccessKind] {
        try accessLog().map(\.kind)
    }
}

let protectionTests: [(String, (TestContext) throws -> Void)] = [
    ("protection: entries logged while locked from a second Vault object join the log at the next unlock", { t in
        let app = try t.create().vault
        let sam = try app.addPerson(input: person("Sam"))
        app.lock()

        // A widget opens the file on its own and never unlocks it.
        let widget = try Vault.open(path: t.path())
        try check(!widget.isUnlocked(), "the widget's vault starts unlocked")
        let entries: [(QuickEntry, Int32)] = [
            (.theirAttempt(personId: sam.id, channel: .call), 3600),
            (.urge(intensity: 7, personId: nil), -18000),
            (.checkIn(mood: 3), 0),
        ]
        var windows: [(Date, Date)] = []
        for (entry, offset) in entries {
            // The vault keeps milliseconds: allow one below `before`.
            let before = Date().addingTimeInterval(-0.001)
            try widget.logWhileLocked(entry: entry, utcOffsetSeconds: offset)
            windows.append((before, Date()))
            // Keep the drops in separate milliseconds, so that each instant can
            // be checked against its own window (the order holds either way).
            Thread.sleep(forTimeInterval: 0.005)
        }
        try assertInvalid("intensity", "an urge of 11") {
            try widget.logWhileLocked(entry: .urge(intensity: 11, personId: nil), utcOffsetSeconds: 0)
        }
        try assertInvalid("mood", "a check-in with mood 0") {
            try widget.logWhileLocked(entry: .checkIn(mood: 0), utcOffsetSeconds: 0)
        }
        try assertInvalid("person_id", "an attempt by person \"nope\"") {
            try widget.logWhileLocked(entry: .theirAttempt(personId: "nope", channel: .text), utcOffsetSeconds: 0)
        }
        try assertInvalid("person_id", "an urge about person \"nope\"") {
            try widget.logWhileLocked(entry: .urge(intensity: 3, personId: "nope"), utcOffsetSeconds: 0)
        }
        try assertInvalid("utc_offset_seconds", "a 19-hour UTC offset") {
            try widget.logWhileLocked(entry: .checkIn(mood: 3), utcOffsetSeconds: 19 * 3600)
        }
        try assertThrows(.Locked, "listEvents on the widget's locked vault") { try widget.listEvents(query: allEvents()) }
        try assertThrows(.Locked, "listEvents on the app's locked vault") { try app.listEvents(query: allEvents()) }
        try check(!widget.isUnlocked() && !app.isUnlocked(), "logging while locked unlocked something")

        try app.unlockWith(passcode)
        let logged = Array(try app.listEvents(query: allEvents()).events.reversed())
        try assertEq(logged.map(\.kind), [.theirAttempt, .urge, .checkIn], "kinds, in the order made")
        try assertEq(logged.map(\.loggedWhileLocked), [true, true, true], "loggedWhileLocked")
        try assertEq(logged.map(\.utcOffsetSeconds), entries.map { $0.1 }, "UTC offsets")
        for (event, window) in zip(logged, windows) {
            try check(
                event.at >= window.0 && event.at <= window.1,
                "\(event.kind) at \(event.at) is outside its drop, \(window.0)...\(window.1)")
        }
        guard case .theirAttempt(let attempt) = logged[0].body else { throw fail("first body is \(logged[0].body)") }
        try assertEq(attempt.personId, sam.id, "attempt person")
        try assertEq(attempt.channel, .call, "attempt channel")
        guard case .urge(let urge) = logged[1].body else { throw fail("second body is \(logged[1].body)") }
        try assertEq(urge.intensity, 7, "urge intensity")
        try assertEq(urge.outcome, .delayed, "urge outcome")
        guard case .checkIn(let checkIn) = logged[2].body else { throw fail("third body is \(logged[2].body)") }
        try assertEq(checkIn.mood, 3, "check-in mood")

        let locked = try app.accessLog().filter { $0.kind == .lockedEntry }
        try assertEq(
            locked.map(\.at), logged.reversed().map(\.at),
            "LockedEntry access events, newest first, at the entries' instants")
        try check(locked.allSatisfy(\.new), "LockedEntry events not marked new: \(locked)")

        // Unlocked in this object, a locked entry joins the log at once.
        try app.logWhileLocked(entry: .checkIn(mood: 5), utcOffsetSeconds: 0)
        let now = try app.listEvents(query: allEvents()).events
        try assertEq(now.count, 4, "events after logging while unlocked")
        try assertEq(now[0].kind, .checkIn, "the entry logged while unlocked")
        try assertEq(now[0].loggedWhileLocked, true, "loggedWhileLocked of the entry logged while unlocked")
    }),

    ("protection: failed unlocks are counted in the file, logged, reset by a real unlock, and back off", { t in
        let v = try t.create().vault
        try assertEq(
            try v.lockState(), LockState(failedAttempts: 0, retryAfterSeconds: 0, attemptsBeforeErase: nil),
            "lockState of a new vault")
        try assertEq(try v.accessLog(), [], "access log of a new vault")
        v.lock()
        try v.unlockWith(passcode)
        v.lock()
        try assertThrows(.WrongSecret, "a wrong passcode") { try v.unlockWith("wrong passcode") }
        try assertEq(try v.lockState().failedAttempts, 1, "failedAttempts after one failure")
        try assertEq(try v.lockState().retryAfterSeconds, 0, "no wait after one failure")
        try assertEq(
            try Vault.open(path: t.path()).lockState().failedAttempts, 1, "failedAttempts read by a freshly opened Vault")
        try v.unlockWith(passcode)
        try assertEq(try v.lockState().failedAttempts, 0, "failedAttempts after a real unlock")
        try assertEq(
            try Vault.open(path: t.path()).lockState().failedAttempts, 0, "failedAttempts reread after a real unlock")

        let log = try v.accessLog()
        try assertEq(log.map(\.kind), [.unlock, .failedUnlock, .unlock], "access log, newest first")
        try check(zip(log, log.dropFirst()).allSatisfy { $0.at >= $1.at }, "access log not newest first: \(log)")
        try check(log[1].new, "the failed unlock is not marked new")
        try v.acknowledgeAccessLog()
        try assertEq(try v.accessLog().map(\.new), [false, false, false], "new after acknowledgeAccessLog")
        v.lock()
        try v.unlockWith(passcode)
        try assertEq(try v.accessLog().map(\.new), [true, false, false, false], "only the latest unlock is new")

        v.lock()
        for i in 1...5 {
            try assertThrows(.WrongSecret, "wrong passcode #\(i)") { try v.unlockWith("wrong passcode \(i)") }
        }
        let state = try v.lockState()
        try assertEq(state.failedAttempts, 5, "failedAttempts after five failures")
        try check(
            (1...30).contains(state.retryAfterSeconds),
            "retryAfterSeconds after five failures is \(state.retryAfterSeconds)")
        let wait = try assertTryLater("the sixth attempt") { try v.unlockWith("wrong passcode 6") }
        try check((1...30).contains(wait), "TryLater.seconds is \(wait)")
        let right = try assertTryLater("the right passcode during the wait") { try v.unlockWith(passcode) }
        try check(right > 0, "TryLater.seconds is \(right)")
        _ = try assertTryLater("a freshly opened Vault during the wait") {
            try Vault.open(path: t.path()).unlockWith(passcode)
        }
        try assertEq(try v.lockState().failedAttempts, 5, "attempts refused during the wait are not counted")
        try check(!v.isUnlocked(), "unlocked during the wait")
    }),

    ("protection: the duress passcode opens a separate cover space", { t in
        let v = try t.create().vault
        let sam = try v.addPerson(input: person("Sam"))
        let attempt = try v.quickLogAttempt(personId: sam.id, channel: .text, utcOffsetSeconds: 0)
        try assertEq(try v.hasDuressPasscode(), false, "hasDuressPasscode before setting one")
        try assertInvalid("duress_passcode", "a duress passcode equal to the real one") {
            try v.setDuressPasscode(passcode: passcode)
        }
        try assertInvalid("duress_passcode", "a 3-char duress passcode") { try v.setDuressPasscode(passcode: "abc") }
        try v.setDuressPasscode(passcode: duress)
        try assertEq(try v.hasDuressPasscode(), true, "hasDuressPasscode after setting one")
        try assertInvalid("passcode", "changePasscode to the duress passcode") {
            try v.changePasscode(newPasscode: duress, deviceKey: nil)
        }
        v.lock()

        try v.unlockWith(duress)
        try check(v.isUnlocked(), "the duress passcode did not unlock")
        try assertEq(try v.listPeople(includeArchived: true), [], "people in the cover space")
        try assertEq(try v.listEvents(query: allEvents()).total, 0, "events in the cover space")
        try assertThrows(.NotFound, "the real person from the cover space") { try v.getPerson(id: sam.id) }
        try assertThrows(.NotFound, "the real event from the cover space") { try v.getEvent(id: attempt.id) }
        try assertEq(try v.hasDuressPasscode(), false, "hasDuressPasscode inside the cover space")
        try assertEq(try v.kinds(), [.unlock], "the cover's access log shows an ordinary unlock")
        try v.setDuressPasscode(passcode: "another one 7") // as in a vault without a cover (SecurityTests.swift)
        let club = try v.addPerson(input: person("Book club"))
        let mundane = try v.quickCheckIn(mood: 4, utcOffsetSeconds: 0)
        // Entries logged while locked wait for the real space.
        try v.logWhileLocked(entry: .checkIn(mood: 2), utcOffsetSeconds: 0)
        try assertEq(try v.listEvents(query: allEvents()).events, [mundane], "cover events after a locked entry")
        v.lock()

        try v.unlockWith(passcode)
        try assertEq(
            try v.listPeople(includeArchived: true).map(\.id), [sam.id], "real people after the cover was used")
        try assertThrows(.NotFound, "the cover's person from the real space") { try v.getPerson(id: club.id) }
        try assertThrows(.NotFound, "the cover's event from the real space") { try v.getEvent(id: mundane.id) }
        let events = try v.listEvents(query: allEvents()).events
        try assertEq(events.count, 2, "real events: the attempt and the locked check-in")
        try assertEq(events[1], attempt, "the real attempt is intact")
        try assertEq(events[0].kind, .checkIn, "the locked check-in")
        try assertEq(events[0].loggedWhileLocked, true, "loggedWhileLocked of the locked check-in")
        try assertEq(try v.hasDuressPasscode(), true, "hasDuressPasscode back in the real space")
        let kinds = try v.kinds()
        try check(kinds.contains(.duressUnlock), "no DuressUnlock in the real access log: \(kinds)")

        try v.removeDuressPasscode()
        try assertEq(try v.hasDuressPasscode(), false, "hasDuressPasscode after removeDuressPasscode")
        v.lock()
        try assertThrows(.WrongSecret, "the removed duress passcode") { try v.unlockWith(duress) }
        try v.unlockWith(passcode)
        try assertEq(try v.listEvents(query: allEvents()).events.count, 2, "real events after removing the cover")
    }),

    ("protection: the lock policy, its evidence warning and the idle timer", { t in
        let v = try t.create().vault
        let standard = LockPolicy(eraseAfterFailures: nil, idleTimeoutSeconds: 300)
        try assertEq(try v.lockPolicy(), standard, "default lock policy")
        let erasing = LockPolicy(eraseAfterFailures: 10, idleTimeoutSeconds: 60)
        try assertInvalid("accept_evidence_loss", "an erase policy without accepting evidence loss") {
            try v.setLockPolicy(policy: erasing, acceptEvidenceLoss: false)
        }
        try assertEq(try v.lockPolicy(), standard, "policy after a refused change")
        try assertInvalid("erase_after_failures", "erase after 4 failures") {
            try v.setLockPolicy(policy: LockPolicy(eraseAfterFailures: 4, idleTimeoutSeconds: 60), acceptEvidenceLoss: true)
        }
        try assertInvalid("idle_timeout_seconds", "an idle timeout of 5 s") {
            try v.setLockPolicy(policy: LockPolicy(eraseAfterFailures: nil, idleTimeoutSeconds: 5), acceptEvidenceLoss: false)
        }
        try v.setLockPolicy(policy: erasing, acceptEvidenceLoss: true)
        try assertEq(try v.lockPolicy(), erasing, "lockPolicy after setLockPolicy")
        try assertEq(try v.lockState().attemptsBeforeErase, 10, "attemptsBeforeErase")

        guard let left = v.idleSecondsLeft() else { throw fail("idleSecondsLeft is nil while unlocked") }
        try check((1...60).contains(left), "idleSecondsLeft is \(left) with a 60 s timeout")
        v.touch()
        guard let touched = v.idleSecondsLeft() else { throw fail("idleSecondsLeft is nil after touch") }
        try check((1...60).contains(touched), "idleSecondsLeft after touch is \(touched)")

        v.lock()
        try assertEq(v.idleSecondsLeft(), nil, "idleSecondsLeft when locked")
        v.touch()
        try assertEq(try v.lockPolicy(), erasing, "lockPolicy while locked")
        try assertEq(try Vault.open(path: t.path()).lockPolicy(), erasing, "lockPolicy read by a freshly opened Vault")
        try assertThrows(.Locked, "setLockPolicy while locked") {
            try v.setLockPolicy(policy: standard, acceptEvidenceLoss: false)
        }

        try v.unlockWith(passcode)
        try v.setLockPolicy(policy: LockPolicy(eraseAfterFailures: nil, idleTimeoutSeconds: 0), acceptEvidenceLoss: false)
        try assertEq(v.idleSecondsLeft(), nil, "idleSecondsLeft with the timeout off")
        try check(v.isUnlocked(), "locked with the timeout off")
    }),

    ("protection: erase destroys the vault and every later call fails with Erased", { t in
        let v = try t.create().vault
        let sam = try v.addPerson(input: person("Sam"))
        _ = try v.quickLogAttempt(personId: sam.id, channel: .call, utcOffsetSeconds: 0)
        try v.erase()
        try check(!v.isUnlocked(), "unlocked after erase")
        try assertEq(v.idleSecondsLeft(), nil, "idleSecondsLeft after erase")
        try assertThrows(.Erased, "listPeople after erase") { try v.listPeople(includeArchived: true) }
        try assertThrows(.Erased, "listEvents after erase") { try v.listEvents(query: allEvents()) }
        try assertThrows(.Erased, "addPerson after erase") { try v.addPerson(input: person("Alex")) }
        try assertThrows(.Erased, "status after erase") { try v.status() }
        try assertThrows(.Erased, "lockState after erase") { try v.lockState() }
        try assertThrows(.Erased, "lockPolicy after erase") { try v.lockPolicy() }
        try assertThrows(.Erased, "accessLog after erase") { try v.accessLog() }
        try assertThrows(.Erased, "unlock after erase") { try v.unlockWith(passcode) }
        try assertThrows(.Erased, "logWhileLocked after erase") {
            try v.logWhileLocked(entry: .checkIn(mood: 3), utcOffsetSeconds: 0)
        }
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try check(!FileManager.default.fileExists(atPath: t.path() + suffix), "vault.nocontact\(suffix) is still there")
        }
        try assertThrows(.NotFound, "opening the erased path") { try Vault.open(path: t.path()) }
    }),
    ("protection: on the app's boot clock the wait does not follow the date, and a restart counts from boot", { t in
        let v = try t.create().vault
        v.lock()
        let boot = TestBootClock(7_200_000)
        v.setBootClock(clock: boot)
        for n in 0..<5 {
            try assertThrows(.WrongSecret, "failure \(n + 1)") { try v.unlockWith("wrong passcode \(n)") }
        }
        try assertEq(try v.lockState().retryAfterSeconds, 30, "the wait right after five failures")
        boot.set(7_220_000)
        try assertEq(try v.lockState().retryAfterSeconds, 10, "twenty seconds on the boot clock")
        boot.set(5_000)
        try assertEq(try v.lockState().retryAfterSeconds, 25, "restarted five seconds ago")
        _ = try assertTryLater("the right passcode during the wait") { try v.unlockWith(passcode) }
        boot.set(31_000)
        try v.unlockWith(passcode)
        try assertEq(try v.lockState().failedAttempts, 0, "failedAttempts after the unlock")
    }),
]

/// A boot clock the test moves by hand.
final class TestBootClock: BootClock, @unchecked Sendable {
    private let lock = NSLock()
    private var now: UInt64

    init(_ now: UInt64) { self.now = now }

    func set(_ value: UInt64) {
        lock.lock()
        now = value
        lock.unlock()
    }

    func millisSinceBoot() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return now
    }
}

// Re-keying through the Swift bindings (issue 11 §5): a re-key with
// progress replaces the recovery code and keeps every entry; a cancelled one
// leaves everything as it was; the old recovery code is refused and the new
// one works; the current passcode is required. Mirrors SecurityRekeyTest.kt;
// run by main.swift (`cargo xtask swift-test Rekey`).
import Foundation

private let newPasscode = "a brand new passcode"

private extension Vault {
    func rekeyTexts() throws -> [String] {
        try listReflections(query: reflections()).reflections.map(\.body.text).sorted()
    }
}

/// Checks every report: `done` never above `total`, never going back.
final class RekeyListener: ProgressListener, @unchecked Sendable {
    private let lock = NSLock()
    private let stopAt: UInt64
    private(set) var calls = 0
    private(set) var last: UInt64 = 0
    private(set) var total: UInt64 = 0
    private(set) var sane = true

    init(stopAt: UInt64 = .max) { self.stopAt = stopAt }

    func onProgress(done: UInt64, total: UInt64) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if done > total || (calls > 0 && done <= last) { sane = false }
        calls += 1
        last = done
        self.total = total
        return done < stopAt
    }
}

let rekeyTests: [(String, (TestContext) throws -> Void)] = [
    ("Rekey: with progress, a new recovery code, every entry kept", { t in
        let created = try t.create()
        let v = created.vault
        for i in 0..<40 { _ = try v.addReflection(reflection: entry(journal("entry \(i)"))) }
        let before = try v.rekeyTexts()
        let listener = RekeyListener()
        guard let code = try v.rekey(passcode: passcode, deviceKey: nil, listener: listener) else {
            throw fail("no new recovery code")
        }
        try check(code != created.recoveryCode, "the recovery code did not change")
        try check(listener.calls >= 2 && listener.sane, "progress: \(listener.calls) reports")
        try assertEq(listener.last, listener.total, "progress ends at the total")
        try assertEq(try v.rekeyTexts(), before, "entries after the re-key")
        v.lock()
        try assertThrows(.WrongSecret, "the old recovery code") {
            try v.unlock(secret: .recoveryCode(code: created.recoveryCode))
        }
        try v.unlock(secret: .recoveryCode(code: code))
        try assertEq(try v.rekeyTexts(), before, "entries with the new recovery code")
        v.lock()
        try v.unlock(secret: .passcode(passcode: passcode))
    }),
    ("Rekey: a cancelled re-key leaves everything as it was", { t in
        let created = try t.create()
        let v = created.vault
        for i in 0..<60 { _ = try v.addReflection(reflection: entry(journal("entry \(i)"))) }
        let bytes = FileManager.default.contents(atPath: t.path())
        for stopAt: UInt64 in [0, 5] {
            try assertThrows(.Cancelled, "cancel at \(stopAt)") {
                try v.changePasscodeAndRekey(
                    currentPasscode: passcode, newPasscode: newPasscode, deviceKey: nil,
                    listener: RekeyListener(stopAt: stopAt))
            }
            // A re-key that went through rewrites the file (its WAL is checkpointed).
            try check(FileManager.default.contents(atPath: t.path()) == bytes, "cancel at \(stopAt) changed the file")
        }
        v.lock()
        try assertThrows(.WrongSecret, "the new passcode after a cancel") {
            try v.unlock(secret: .passcode(passcode: newPasscode))
        }
        try v.unlock(secret: .recoveryCode(code: created.recoveryCode))
        try assertEq(try v.rekeyTexts().count, 60, "entries after a cancel")
        v.lock()
        try v.unlock(secret: .passcode(passcode: passcode))
    }),
    ("Rekey: the current passcode is required, bad input refused", { t in
        let created = try t.create()
        let v = created.vault
        _ = try v.addReflection(reflection: entry(journal("kept")))
        try assertThrows(.WrongSecret, "a wrong current passcode") {
            try v.changePasscodeAndRekey(
                currentPasscode: "not the passcode", newPasscode: newPasscode, deviceKey: nil, listener: nil)
        }
        try assertInvalid("passcode", "an empty current passcode") {
            try v.rekey(passcode: "", deviceKey: nil, listener: nil)
        }
        try assertInvalid("passcode", "a short new passcode") {
            try v.changePasscodeAndRekey(currentPasscode: passcode, newPasscode: "123", deviceKey: nil, listener: nil)
        }
        try assertInvalid("passcode", "a huge new passcode") {
            try v.changePasscodeAndRekey(
                currentPasscode: passcode, newPasscode: String(repeating: "🔒", count: 300), deviceKey: nil,
                listener: nil)
        }
        try assertInvalid("device_key", "a short device key") {
            try v.rekey(passcode: passcode, deviceKey: Data(count: 5), listener: nil)
        }
        guard
            let code = try v.changePasscodeAndRekey(
                currentPasscode: passcode, newPasscode: newPasscode, deviceKey: nil, listener: nil)
        else { throw fail("no new recovery code") }
        v.lock()
        try assertThrows(.WrongSecret, "the old passcode") { try v.unlock(secret: .passcode(passcode: passcode)) }
        try assertThrows(.WrongSecret, "the old recovery code") {
            try v.unlock(secret: .recoveryCode(code: created.recoveryCode))
        }
        try v.unlock(secret: .passcode(passcode: newPasscode))
        try assertEq(try v.rekeyTexts(), ["kept"], "entries")
        v.lock()
        try v.unlock(secret: .recoveryCode(code: code))
        v.lock()
        try assertThrows(.Locked, "re-key while locked") {
            try v.rekey(passcode: newPasscode, deviceKey: nil, listener: nil)
        }
    }),
]

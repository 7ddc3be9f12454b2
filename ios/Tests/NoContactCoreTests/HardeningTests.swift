// Hostile and careless input through the Swift bindings (issue 11): backup
// passphrases below the floor and generated ones, mistyped recovery codes,
// recovery that keeps the device-key hardening, and the longer checkpoint
// codes. Mirrors HardeningTest.kt; run by main.swift
// (`cargo xtask swift-test Hardening`).
import Foundation

private let hardeningKey = Data((0..<32).map { UInt8(truncatingIfNeeded: $0 * 5 + 1) })

/// `code` with the character at `index` (ignoring hyphens) changed.
private func typo(_ code: String, _ index: Int) -> String {
    var chars = Array(code)
    let positions = chars.indices.filter { chars[$0] != "-" }
    let i = positions[index]
    chars[i] = chars[i] == "7" ? "8" : "7"
    return String(chars)
}

let hardeningTests: [(String, (TestContext) throws -> Void)] = [
    ("Hardening: a backup needs a strong passphrase, and a generated one works", { ctx in
        let v = try ctx.create().vault
        _ = try v.quickCheckIn(mood: 4, utcOffsetSeconds: 0)
        let backup = ctx.path("hardening-backup.bin")
        for weak in ["abcd", "1234567890123456", "passwordpassword"] {
            try assertInvalid("passphrase", "backup passphrase <\(weak)>") {
                try v.exportBackup(path: backup, passphrase: weak, progress: nil)
            }
            try check(!FileManager.default.fileExists(atPath: backup), "a refused backup left a file")
        }
        let phrase = try generateBackupPassphrase()
        try assertEq(phrase.split(separator: "-").count, 8, "words in <\(phrase)>")
        try check(phrase.allSatisfy { $0 == "-" || ("a"..."z").contains($0) }, "generated passphrase <\(phrase)>")
        try check(try generateBackupPassphrase() != phrase, "two generated passphrases are equal")
        _ = try v.exportBackup(path: backup, passphrase: phrase, progress: nil)
        let restored = try restoreVault(
            backupPath: backup, passphrase: phrase, vaultPath: ctx.path("hardening-restored.db"),
            setup: makeSetup(), progress: nil
        ).vault
        try assertEq(try restored.chainReport().head, try v.chainReport().head, "restored head")
    }),
    ("Hardening: a mistyped recovery code is refused without counting; without its check character it opens", { ctx in
        let created = try ctx.create()
        let vault = created.vault
        let code = created.recoveryCode
        try assertEq(code.split(separator: "-").last?.count, 1, "the check character of <\(code)>")
        vault.lock()
        for index in [0, 20, 32] {
            try assertInvalid("recovery_code", "a typo at \(index)") {
                try vault.unlock(secret: .recoveryCode(code: typo(code, index)))
            }
        }
        try assertEq(try vault.lockState().failedAttempts, 0, "failed attempts after typos")
        let withoutCheck = code.split(separator: "-").dropLast().joined(separator: "-").lowercased()
        try vault.unlock(secret: .recoveryCode(code: withoutCheck))
        try check(vault.isUnlocked(), "the code without its check character did not unlock")
    }),
    ("Hardening: recover keeps the device-key hardening of the passcode", { ctx in
        let created = try ctx.create(makeSetup(deviceKey: hardeningKey, passcodeNeedsDeviceKey: true))
        let vault = created.vault
        vault.lock()
        try assertInvalid("device_key", "recover without the device key") {
            try vault.recover(code: created.recoveryCode, newPasscode: "new passcode 7")
        }
        try check(!vault.isUnlocked(), "a refused recover left the vault open")
        try vault.recoverWithDeviceKey(code: created.recoveryCode, newPasscode: "new passcode 7", deviceKey: hardeningKey)
        try check(try vault.status().passcodeNeedsDeviceKey, "the hardening was dropped")
        vault.lock()
        try assertThrows(.WrongSecret, "the new passcode alone") {
            try vault.unlock(secret: .passcode(passcode: "new passcode 7"))
        }
        try vault.unlock(secret: .passcodeAndDeviceKey(passcode: "new passcode 7", key: hardeningKey))
    }),
    ("Hardening: checkpoint codes commit 140 bits and the verifier says a full code is not short", { ctx in
        let v = try ctx.create().vault
        _ = try v.quickCheckIn(mood: 3, utcOffsetSeconds: 0)
        let checkpoint = try v.makeCheckpoint()
        try assertEq(checkpoint.code.count, 36, "length of <\(checkpoint.code)>")
        try assertEq(checkpoint.code.replacingOccurrences(of: "-", with: "").count, 29, "characters of <\(checkpoint.code)>")
        try assertEq(checkpoint.head.count, 64, "the full head, for a QR code")
        let folder = ctx.path("hardening-export")
        _ = try v.exportEvidence(
            options: EvidenceOptions(
                personId: nil, kinds: [.checkIn], includeReflections: false, from: nil, until: nil, zone: "UTC"),
            folder: folder, progress: nil)
        let verdict = try verifyEvidence(path: folder, checkpointCode: checkpoint.code.lowercased())
        try check(verdict.valid, "the export does not verify: \(verdict.problems)")
        try assertEq(verdict.checkpointCount, 1, "matched at")
        try assertEq(verdict.checkpointCodeShort, false, "checkpointCodeShort")
    }),
    ("Hardening: a passcode with control characters is refused, and a NUL never opens the vault", { ctx in
        let vault = try ctx.create().vault
        _ = try vault.quickCheckIn(mood: 4, utcOffsetSeconds: 0)
        vault.lock()
        // PBKDF2 pads with zero bytes: without the check this would open the vault.
        try assertInvalid("passcode", "the passcode with a NUL") {
            try vault.unlock(secret: .passcode(passcode: passcode + "\u{0}"))
        }
        try assertEq(try vault.lockState().failedAttempts, 0, "failed attempts after a refused passcode")
        try vault.unlock(secret: .passcode(passcode: passcode))
        for bad in ["2580\u{0}", "25\t80", "2580\n", "25\u{7f}80"] {
            try assertInvalid("passcode", "new passcode with a control character") {
                try vault.changePasscode(newPasscode: bad, deviceKey: nil)
            }
            try assertInvalid("duress_passcode", "duress passcode with a control character") {
                try vault.setDuressPasscode(passcode: bad)
            }
        }
        vault.lock()
        try vault.unlock(secret: .passcode(passcode: passcode))
        try assertEq(
            try vault.listEvents(
                query: EventQuery(kinds: [], personId: nil, from: nil, until: nil, offset: 0, limit: 50)
            ).events.count, 1, "entries kept")
    }),
]

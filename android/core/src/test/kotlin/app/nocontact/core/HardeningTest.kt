// Hostile and careless input through the Kotlin bindings (issue 11): backup
// passphrases below the floor and generated ones, mistyped recovery codes,
// recovery that keeps the device-key hardening, and the longer checkpoint
// codes. Run by the harness in VaultTest.kt (`cargo xtask kotlin-test Hardening`).
package app.nocontact.core

import java.io.File

private val HARDENING_KEY = ByteArray(32) { (it * 5 + 1).toByte() }

/** [code] with the character at [index] (ignoring hyphens) changed. */
private fun typo(code: String, index: Int): String {
    val positions = code.indices.filter { code[it] != '-' }
    val i = positions[index]
    val changed = if (code[i] == '7') '8' else '7'
    return code.substring(0, i) + changed + code.substring(i + 1)
}

internal fun registerHardeningTests() {
    test("Hardening: a backup needs a strong passphrase, and a generated one works") {
        val v = create().vault
        v.quickCheckIn(4u, 0)
        val backup = File(dir, "hardening-backup.bin").path
        for (weak in listOf("abcd", "1234567890123456", "passwordpassword")) {
            assertInvalid("passphrase", "backup passphrase <$weak>") { v.exportBackup(backup, weak, null) }
            check(!File(backup).exists()) { "a refused backup left a file" }
        }
        val phrase = generateBackupPassphrase()
        assertEq(phrase.split('-').size, 8, "words in <$phrase>")
        check(phrase.all { it == '-' || it in 'a'..'z' }) { "generated passphrase <$phrase>" }
        check(generateBackupPassphrase() != phrase) { "two generated passphrases are equal" }
        v.exportBackup(backup, phrase, null)
        val restored = restoreVault(backup, phrase, path("hardening-restored.db"), setup(), null).vault
        assertEq(restored.chainReport().head, v.chainReport().head, "restored head")
    }

    test("Hardening: a mistyped recovery code is refused without counting; without its check character it opens") {
        val created = create()
        val vault = created.vault
        val code = created.recoveryCode
        assertEq(code.split('-').last().length, 1, "the check character of <$code>")
        vault.lock()
        for (index in listOf(0, 20, 32)) {
            assertInvalid("recovery_code", "a typo at $index") { vault.unlock(Secret.RecoveryCode(typo(code, index))) }
        }
        assertEq(vault.lockState().failedAttempts, 0u, "failed attempts after typos")
        vault.unlock(Secret.RecoveryCode(code.substringBeforeLast('-').lowercase()))
        check(vault.isUnlocked()) { "the code without its check character did not unlock" }
    }

    test("Hardening: recover keeps the device-key hardening of the passcode") {
        val created = create(setup(deviceKey = HARDENING_KEY, passcodeNeedsDeviceKey = true))
        val vault = created.vault
        vault.lock()
        assertInvalid("device_key", "recover without the device key") {
            vault.recover(created.recoveryCode, "new passcode 7")
        }
        check(!vault.isUnlocked()) { "a refused recover left the vault open" }
        vault.recoverWithDeviceKey(created.recoveryCode, "new passcode 7", HARDENING_KEY)
        check(vault.status().passcodeNeedsDeviceKey) { "the hardening was dropped" }
        vault.lock()
        assertThrows<VaultException.WrongSecret>("the new passcode alone") { vault.unlock(Secret.Passcode("new passcode 7")) }
        vault.unlock(Secret.PasscodeAndDeviceKey("new passcode 7", HARDENING_KEY))
    }

    test("Hardening: checkpoint codes commit 140 bits and the verifier says a full code is not short") {
        val v = create().vault
        v.quickCheckIn(3u, 0)
        val checkpoint = v.makeCheckpoint()
        assertEq(checkpoint.code.length, 36, "length of <${checkpoint.code}>")
        assertEq(checkpoint.code.replace("-", "").length, 29, "characters of <${checkpoint.code}>")
        assertEq(checkpoint.head.length, 64, "the full head, for a QR code")
        val folder = File(dir, "hardening-export").path
        v.exportEvidence(EvidenceOptions(null, listOf(EventKind.CHECK_IN), false, null, null, "UTC"), folder, null)
        val verdict = verifyEvidence(folder, checkpoint.code.lowercase())
        check(verdict.valid) { "the export does not verify: ${verdict.problems}" }
        assertEq(verdict.checkpointCount, 1uL, "matched at")
        assertEq(verdict.checkpointCodeShort, false, "checkpointCodeShort")
    }
    test("Hardening: a passcode with control characters is refused, and a NUL never opens the vault") {
        val vault = create().vault
        vault.quickCheckIn(4u, 0)
        vault.lock()
        // PBKDF2 pads with zero bytes: without the check this would open the vault.
        assertInvalid("passcode", "the passcode with a NUL") { vault.unlock(Secret.Passcode(PASSCODE + "\u0000")) }
        assertEq(vault.lockState().failedAttempts, 0u, "failed attempts after a refused passcode")
        vault.unlock(Secret.Passcode(PASSCODE))
        for (bad in listOf("2580\u0000", "25\t80", "2580\n", "25\u007f80")) {
            assertInvalid("passcode", "new passcode with a control character") { vault.changePasscode(bad, null) }
            assertInvalid("duress_passcode", "duress passcode with a control character") { vault.setDuressPasscode(bad) }
        }
        vault.lock()
        vault.unlock(Secret.Passcode(PASSCODE))
        assertEq(vault.listEvents(EventQuery(emptyList(), null, null, null, 0u, 50u)).events.size, 1, "entries kept")
    }
}

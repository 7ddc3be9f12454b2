// Re-keying through the Kotlin bindings (issue 11 §5): a re-key with
// progress replaces the recovery code and keeps every entry; a cancelled one
// leaves everything as it was; the old recovery code is refused and the new
// one works; the current passcode is required. Mirrors core/tests/rekey.rs;
// run by the harness in VaultTest.kt (`cargo xtask kotlin-test Rekey`).
package app.nocontact.core

import java.io.File
import java.util.concurrent.atomic.AtomicInteger

private const val NEW_PASSCODE = "a brand new passcode"

private fun note(text: String) =
    NewReflection(null, 0, ReflectionBody(ReflectionKind.Journal(null), "", text, emptyList(), null))

private fun Vault.rekeyTexts(): List<String> =
    listReflections(ReflectionQuery(ReflectionFilter.ALL, null, null, null, 0u, 100u)).reflections.map { it.body.text }.sorted()

private class Counting(private val stopAt: Long) : ProgressListener {
    val calls = AtomicInteger()
    var last = -1L
    var total = -1L
    override fun onProgress(done: ULong, total: ULong): Boolean {
        check(done <= total) { "progress $done of $total" }
        check(done.toLong() > last || done == 0uL) { "progress went back" }
        calls.incrementAndGet()
        last = done.toLong()
        this.total = total.toLong()
        return done.toLong() < stopAt
    }
}

internal fun registerSecurityRekeyTests() {
    test("Rekey: with progress, a new recovery code, every entry kept") {
        val created = createVault(path(), setup())
        val v = created.vault
        repeat(40) { v.addReflection(note("entry $it")) }
        val before = v.rekeyTexts()
        val listener = Counting(Long.MAX_VALUE)
        val code = v.rekey(PASSCODE, null, listener)
        check(code != null && code != created.recoveryCode) { "no new recovery code" }
        check(listener.calls.get() >= 2) { "progress was reported ${listener.calls.get()} times" }
        assertEq(listener.last, listener.total, "progress ends at the total")
        assertEq(v.rekeyTexts(), before, "entries after the re-key")
        v.lock()
        assertThrows<VaultException.WrongSecret>("the old recovery code") {
            v.unlock(Secret.RecoveryCode(created.recoveryCode))
        }
        v.unlock(Secret.RecoveryCode(code!!))
        assertEq(v.rekeyTexts(), before, "entries with the new recovery code")
        v.lock()
        v.unlock(Secret.Passcode(PASSCODE))
    }

    test("Rekey: a cancelled re-key leaves everything as it was") {
        val created = createVault(path(), setup())
        val v = created.vault
        repeat(60) { v.addReflection(note("entry $it")) }
        val file = File(path())
        val bytes = file.readBytes()
        for (stopAt in listOf(0L, 5L)) {
            assertThrows<VaultException.Cancelled>("cancel at $stopAt") {
                v.changePasscodeAndRekey(PASSCODE, NEW_PASSCODE, null, Counting(stopAt))
            }
            // A re-key that went through rewrites the file (its WAL is checkpointed).
            check(file.readBytes().contentEquals(bytes)) { "cancel at $stopAt changed the file" }
        }
        v.lock()
        assertThrows<VaultException.WrongSecret>("the new passcode after a cancel") {
            v.unlock(Secret.Passcode(NEW_PASSCODE))
        }
        v.unlock(Secret.RecoveryCode(created.recoveryCode))
        assertEq(v.rekeyTexts().size, 60, "entries after a cancel")
        v.lock()
        v.unlock(Secret.Passcode(PASSCODE))
    }

    test("Rekey: the current passcode is required, bad input refused") {
        val created = createVault(path(), setup())
        val v = created.vault
        v.addReflection(note("kept"))
        assertThrows<VaultException.WrongSecret>("a wrong current passcode") {
            v.changePasscodeAndRekey("not the passcode", NEW_PASSCODE, null, null)
        }
        assertInvalid("passcode", "an empty current passcode") { v.rekey("", null, null) }
        assertInvalid("passcode", "a short new passcode") { v.changePasscodeAndRekey(PASSCODE, "123", null, null) }
        assertInvalid("passcode", "a huge new passcode") { v.changePasscodeAndRekey(PASSCODE, "🔒".repeat(300), null, null) }
        assertInvalid("device_key", "a short device key") { v.rekey(PASSCODE, ByteArray(5), null) }
        val code = v.changePasscodeAndRekey(PASSCODE, NEW_PASSCODE, null, null)!!
        v.lock()
        assertThrows<VaultException.WrongSecret>("the old passcode") { v.unlock(Secret.Passcode(PASSCODE)) }
        assertThrows<VaultException.WrongSecret>("the old recovery code") {
            v.unlock(Secret.RecoveryCode(created.recoveryCode))
        }
        v.unlock(Secret.Passcode(NEW_PASSCODE))
        assertEq(v.rekeyTexts(), listOf("kept"), "entries")
        v.lock()
        v.unlock(Secret.RecoveryCode(code))
        v.lock()
        assertThrows<VaultException.Locked>("re-key while locked") { v.rekey(NEW_PASSCODE, null, null) }
    }
}

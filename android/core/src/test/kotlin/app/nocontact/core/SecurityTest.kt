// What a copy of the file and the cover space reveal, through the Kotlin
// bindings: every key slot has the shape of a used one, the duress passcode
// is hardened like the passcode and never equal to it, and the cover space
// answers like a vault without one. Mirrors core/tests/security.rs; run by
// the harness in VaultTest.kt (`cargo xtask kotlin-test Security`).
package app.nocontact.core

import java.io.File

private const val DURESS = "grocery list 42"
private val KEY = ByteArray(32) { (it * 5 + 1).toByte() }

private const val HEADER_PREFIX = 1 + 4 + 32 + 32
private const val SLOT_LEN = 93
private const val SLOTS = 8

/** Every copy of the header in the file and its WAL (found by its version and KDF count). */
private fun headers(path: String): List<ByteArray> {
    val bytes = File(path).readBytes() + (File("$path-wal").takeIf { it.exists() }?.readBytes() ?: ByteArray(0))
    val f = FLOOR.toInt()
    val marker = byteArrayOf(2, f.toByte(), (f shr 8).toByte(), (f shr 16).toByte(), (f shr 24).toByte())
    val len = HEADER_PREFIX + SLOTS * SLOT_LEN
    return (0..bytes.size - len)
        .filter { at -> marker.indices.all { bytes[at + it] == marker[it] } }
        .map { bytes.copyOfRange(it, it + len) }
}

private fun Vault.kinds(): List<AccessKind> = accessLog().map { it.kind }.reversed()

/** Sets the duress passcode, with the device key when one is given. */
private fun Vault.setDuress(passcode: String, key: ByteArray?) =
    if (key != null) setDuressPasscodeWithDeviceKey(passcode, key) else setDuressPasscode(passcode)

private fun typed(needsKey: Boolean, passcode: String): Secret =
    if (needsKey) Secret.PasscodeAndDeviceKey(passcode, KEY) else Secret.Passcode(passcode)

/** The duress calls, in order, and what each answered. */
private fun Vault.duressAnswers(own: String): List<String> {
    fun answer(block: () -> Any?): String = try {
        "ok ${block()}"
    } catch (e: VaultException) {
        "${e::class.simpleName} ${(e as? VaultException.InvalidInput)?.field}"
    }
    return listOf(
        answer { hasDuressPasscode() },
        answer { removeDuressPasscode() },
        answer { hasDuressPasscode() },
        answer { setDuressPasscode(own) },
        answer { setDuressPasscode("another one 7") },
        answer { hasDuressPasscode() },
        answer { changePasscode("another one 7", null) },
        answer { setDuressPasscode("third one 99") },
        answer { hasDuressPasscode() },
    )
}

internal fun registerSecurityTests() {
    test("Security: every key slot has the shape of a used one, with or without a cover") {
        val cases = listOf(
            setup() to false,
            setup(deviceKey = KEY) to false,
            setup() to true,
            setup(deviceKey = KEY, passcodeNeedsDeviceKey = true) to true,
        )
        cases.forEachIndexed { i, (s, cover) ->
            val path = path("shape$i.nocontact")
            val v = createVault(path, s).vault
            if (cover) v.setDuress(DURESS, if (s.passcodeNeedsDeviceKey) KEY else null)
            v.lock()
            val found = headers(path)
            check(found.isNotEmpty()) { "case $i: no header found in the file" }
            for (h in found) {
                for (slot in 0 until SLOTS) {
                    assertEq(h[HEADER_PREFIX + slot * SLOT_LEN + 32].toInt(), 1, "case $i: byte 32 of slot $slot")
                }
            }
        }
    }

    test("Security: the duress passcode needs the device key when the passcode does") {
        val v = create(setup(deviceKey = KEY, passcodeNeedsDeviceKey = true)).vault
        assertInvalid("device_key", "a duress passcode without the device key") { v.setDuressPasscode(DURESS) }
        v.setDuressPasscodeWithDeviceKey(DURESS, KEY)
        v.lock()
        assertThrows<VaultException.WrongSecret>("the duress passcode alone") { v.unlock(Secret.Passcode(DURESS)) }
        v.unlock(typed(true, DURESS))
        assertEq(v.hasDuressPasscode(), false, "hasDuressPasscode in the cover")
        assertEq(v.status().passcodeNeedsDeviceKey, true, "the cover's passcodeNeedsDeviceKey")
    }

    test("Security: the duress passcode is never the passcode, in every combination of secrets") {
        for ((name, s) in listOf(
            "passcode only" to setup(),
            "with a device-key slot" to setup(deviceKey = KEY),
            "passcode needs the device key" to setup(deviceKey = KEY, passcodeNeedsDeviceKey = true),
        )) {
            val v = createVault(path("$name.nocontact"), s).vault
            for (key in listOf(null, KEY)) {
                assertThrows<VaultException.InvalidInput>("$name: the passcode as duress, key ${key != null}") {
                    v.setDuress(PASSCODE, key)
                }
            }
            assertEq(v.hasDuressPasscode(), false, "$name: hasDuressPasscode after refusals")
            v.setDuress(DURESS, if (s.passcodeNeedsDeviceKey) KEY else null)
            for (key in listOf(null, KEY)) {
                assertInvalid("passcode", "$name: the duress passcode as passcode, key ${key != null}") {
                    v.changePasscode(DURESS, key)
                }
            }
        }
    }

    test("Security: the cover shows the failed attempts made before it was opened") {
        val v = create().vault
        v.setDuressPasscode(DURESS)
        v.lock()
        assertThrows<VaultException.WrongSecret>("a wrong passcode") { v.unlock(Secret.Passcode("not it 000")) }
        v.logWhileLocked(QuickEntry.CheckIn(2u), 0)
        v.unlock(Secret.Passcode(DURESS))
        assertEq(v.kinds(), listOf(AccessKind.FAILED_UNLOCK, AccessKind.UNLOCK), "the cover's access log")
        assertEq(v.listEvents(EventQuery(emptyList(), null, null, null, 0u, 10u)).total, 0uL, "events in the cover")
        v.lock()
        v.unlock(Secret.Passcode(PASSCODE))
        check(AccessKind.FAILED_UNLOCK in v.kinds()) { "no failed unlock in the real log: ${v.kinds()}" }
        check(AccessKind.LOCKED_ENTRY in v.kinds()) { "no locked entry in the real log: ${v.kinds()}" }
    }

    test("Security: the duress calls answer inside a cover as in a vault without one") {
        val plain = createVault(path("plain.nocontact"), setup()).vault
        val without = plain.duressAnswers(PASSCODE)
        val v = create().vault
        v.setDuressPasscode(DURESS)
        v.lock()
        v.unlock(Secret.Passcode(DURESS))
        assertEq(v.duressAnswers(DURESS), without, "answers inside the cover")
        v.lock()
        v.unlock(Secret.Passcode("third one 99"))
        assertEq(v.hasDuressPasscode(), true, "the cover's own duress passcode opens the cover")
    }
}

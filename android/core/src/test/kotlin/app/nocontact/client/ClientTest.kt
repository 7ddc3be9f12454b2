// android/core: the idiomatic layer over the bindings, against the real
// libnocontact_ffi: the vault thread, the error mapping, the device key.
package app.nocontact.client

import app.nocontact.core.Channel
import app.nocontact.core.ContactMode
import app.nocontact.core.EventKind
import app.nocontact.core.LocalDate
import app.nocontact.core.PersonInput
import app.nocontact.core.Relationship
import app.nocontact.core.Secret
import app.nocontact.core.UrgeOutcome
import app.nocontact.core.VaultException
import app.nocontact.core.VaultSetup
import app.nocontact.core.kdfIterationFloor
import kotlinx.coroutines.runBlocking
import java.time.ZoneId

const val PASSCODE = "river stone 7"
val FLOOR: UInt = kdfIterationFloor()
val UTC: ZoneId = ZoneId.of("UTC")

fun Scratch.newClient(thread: VaultThread, key: ByteArray? = null): CreatedClient = runBlocking {
    VaultClient.create(thread, path(), VaultSetup(PASSCODE, key, key != null, FLOOR), UTC).ok("create")
}

fun person(alias: String) =
    PersonInput(alias, Relationship.EX_PARTNER, ContactMode.NoContact, LocalDate(2026, 1u, 10u), emptyList(), "")

fun registerClientTests() {
    Suite.test("client: every call runs on the one vault thread") {
        VaultThread().use { thread ->
            val created = newClient(thread)
            created.client.use { c ->
                val names = runBlocking { (1..5).map { c.call { Thread.currentThread().name }.ok("call") } }
                assertEq(names.toSet(), setOf("vault"), "thread names")
                check(Thread.currentThread().name != "vault") { "the test itself runs on the vault thread" }
            }
        }
    }

    Suite.test("client: create, lock, wrong passcode, unlock, and the errors they map to") {
        VaultThread().use { thread ->
            val created = newClient(thread)
            check(created.recoveryCode.split('-').size >= 4) { "recovery code ${created.recoveryCode} has too few groups" }
            created.client.use { c ->
                runBlocking {
                    assertEq(c.isUnlocked().ok("isUnlocked"), true, "unlocked after create")
                    c.lock().ok("lock")
                    assertEq(c.summary().err("summary while locked"), CoreError.Locked, "summary while locked")
                    assertEq(c.unlock(Secret.Passcode("nope nope")).err("wrong passcode"), CoreError.WrongSecret, "wrong passcode")
                    c.unlock(Secret.Passcode(PASSCODE)).ok("unlock")
                    val again = VaultClient.create(thread, path(), VaultSetup(PASSCODE, null, false, FLOOR), UTC)
                    assertEq(again.err("create over an existing file"), CoreError.AlreadyExists, "create over an existing file")
                    assertEq(
                        c.quickLogUrge(11u, UrgeOutcome.DELAYED).err("urge of 11"),
                        CoreError.InvalidInput("intensity"),
                        "urge of 11",
                    )
                }
            }
        }
    }

    Suite.test("client: too many wrong passcodes give TryLater with the core's wait") {
        VaultThread().use { thread ->
            newClient(thread).client.use { c ->
                runBlocking {
                    c.lock().ok("lock")
                    var last: CoreError? = null
                    repeat(6) { last = c.unlock(Secret.Passcode("wrong $it")).err("attempt $it") }
                    val wait = last as? CoreError.TryLater ?: fail("the sixth attempt gave $last")
                    check(wait.seconds in 1..3600) { "wait of ${wait.seconds} s" }
                    val state = c.lockState().ok("lockState")
                    check(state.retryAfterSeconds > 0uL) { "lockState shows no wait: $state" }
                }
            }
        }
    }

    Suite.test("client: quick logs, a check-in and a journal entry land in the vault with the zone's offset") {
        VaultThread().use { thread ->
            val zone = ZoneId.of("Asia/Kolkata")
            val made = runBlocking { VaultClient.create(thread, path(), VaultSetup(PASSCODE, null, false, FLOOR), zone).ok("create") }
            made.client.use { c ->
                runBlocking {
                    val sam = c.call { it.addPerson(person("Sam")) }.ok("addPerson")
                    val attempt = c.quickLogAttempt(sam.id, Channel.TEXT).ok("attempt")
                    assertEq(attempt.kind, EventKind.THEIR_ATTEMPT, "attempt kind")
                    assertEq(attempt.utcOffsetSeconds, 19800, "offset of Asia/Kolkata")
                    assertEq(c.logCheckIn(4u).ok("check-in").kind, EventKind.CHECK_IN, "check-in kind")
                    val entry = c.writeJournal("a quiet day", "prompt.self_preservation.01").ok("journal")
                    assertEq(entry.body.text, "a quiet day", "journal text")
                    val summary = c.summary().ok("summary")
                    assertEq(summary.streaks.people.map { it.alias }, listOf("Sam"), "people in the summary")
                }
            }
        }
    }

    Suite.test("client: every VaultException variant maps to its CoreError") {
        val cases = listOf(
            VaultException.WrongSecret() to CoreError.WrongSecret,
            VaultException.Locked() to CoreError.Locked,
            VaultException.NotFound() to CoreError.NotFound,
            VaultException.InvalidInput("mood") to CoreError.InvalidInput("mood"),
            VaultException.Corrupt() to CoreError.Corrupt,
            VaultException.UnsupportedVersion() to CoreError.UnsupportedVersion,
            VaultException.Storage() to CoreError.Storage,
            VaultException.AlreadyExists() to CoreError.AlreadyExists,
            VaultException.InUse() to CoreError.InUse,
            VaultException.Cancelled() to CoreError.Cancelled,
            VaultException.WouldLoseEntries() to CoreError.WouldLoseEntries,
            VaultException.TryLater(42uL) to CoreError.TryLater(42),
            VaultException.Erased() to CoreError.Erased,
            VaultException.OpenElsewhere() to CoreError.OpenElsewhere,
            VaultException.StorageFull() to CoreError.StorageFull,
        )
        for ((e, expected) in cases) assertEq(CoreError.from(e), expected, "mapping of ${e::class.simpleName}")
    }

    Suite.test("client: the device key store keeps one key until deleted") {
        val store = InMemoryDeviceKeyStore()
        assertEq(store.existing(), null, "no key at first")
        val key = store.getOrCreate()
        assertEq(key.size, 32, "key size")
        check(store.getOrCreate().contentEquals(key)) { "getOrCreate made a second key" }
        key.fill(0)
        check(!store.existing()!!.contentEquals(key)) { "the store hands out its own array" }
        store.delete()
        assertEq(store.existing(), null, "no key after delete")
    }

    Suite.test("client: a vault made with the device key opens only with passcode and key together") {
        VaultThread().use { thread ->
            val key = ByteArray(32) { (it * 3).toByte() }
            newClient(thread, key).client.use { c ->
                runBlocking {
                    c.lock().ok("lock")
                    assertEq(c.unlock(Secret.Passcode(PASSCODE)).err("passcode alone"), CoreError.WrongSecret, "passcode alone")
                    c.unlock(Secret.PasscodeAndDeviceKey(PASSCODE, key)).ok("passcode and key")
                }
            }
        }
    }
}

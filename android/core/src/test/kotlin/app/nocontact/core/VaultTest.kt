// End-to-end tests of the uniffi Kotlin bindings against the real
// libnocontact_ffi, run on the JVM through JNA by `cargo xtask kotlin-test`.
//
// A tiny self-contained harness (no JUnit, so no Gradle or Maven is needed):
// every test is a named closure, the runner prints `PASS name` or
// `FAIL name: reason`, then `N passed, M failed`, and exits non-zero if any
// test failed or none ran. Arguments, if given, select tests by substring.
// The harness helpers are `internal` so that DomainTest.kt and InsightsTest.kt
// (and LedgerTest.kt, ProtectionTest.kt) register their tests with the same runner (see main below).
package app.nocontact.core

import java.io.File
import java.nio.file.Files
import java.time.Duration
import java.time.Instant
import kotlin.system.exitProcess

internal class TestFailure(message: String) : Exception(message)

internal fun fail(message: String): Nothing = throw TestFailure(message)

internal fun check(condition: Boolean, message: () -> String) {
    if (!condition) fail(message())
}

internal fun <T> assertEq(actual: T, expected: T, what: String) =
    check(actual == expected) { "$what: expected <$expected>, got <$actual>" }

/** Runs [block], which must throw a [VaultException] of type [E]. */
internal inline fun <reified E : VaultException> assertThrows(what: String, block: () -> Unit): E {
    try {
        block()
    } catch (e: VaultException) {
        if (e is E) return e
        fail("$what: expected VaultException.${E::class.simpleName}, got ${e::class.qualifiedName} (${e.message})")
    }
    fail("$what: expected VaultException.${E::class.simpleName}, but nothing was thrown")
}

/** Checks every status field; a null [recordCount] is not checked. */
private fun assertStatus(
    vault: Vault,
    what: String,
    unlocked: Boolean,
    hasDeviceKey: Boolean,
    passcodeNeedsDeviceKey: Boolean,
    recordCount: ULong? = null,
) {
    val s = vault.status()
    assertEq(s.unlocked, unlocked, "$what: status().unlocked")
    assertEq(s.kdfIterations, FLOOR, "$what: status().kdfIterations")
    assertEq(s.hasDeviceKey, hasDeviceKey, "$what: status().hasDeviceKey")
    assertEq(s.passcodeNeedsDeviceKey, passcodeNeedsDeviceKey, "$what: status().passcodeNeedsDeviceKey")
    if (recordCount != null) assertEq(s.recordCount, recordCount, "$what: status().recordCount")
    assertEq(s.damagedRecords, 0uL, "$what: status().damagedRecords")
    assertEq(vault.isUnlocked(), unlocked, "$what: isUnlocked()")
}

internal fun assertInvalid(field: String, what: String, block: () -> Unit) {
    val e = assertThrows<VaultException.InvalidInput>(what, block)
    assertEq(e.field, field, "$what: InvalidInput.field")
}

/** A fresh temporary directory per test, removed afterwards. */
internal class Ctx : AutoCloseable {
    val dir: File = Files.createTempDirectory("nocontact-kotlin-test-").toFile()

    fun path(name: String = "vault.nocontact"): String = File(dir, name).path

    override fun close() {
        dir.deleteRecursively()
    }
}

internal const val PASSCODE = "correct horse 1"
internal val FLOOR: UInt = kdfIterationFloor()
private val DEVICE_KEY = ByteArray(32) { (it * 7 + 3).toByte() }
private val OTHER_KEY = ByteArray(32) { (255 - it).toByte() }

// Whole seconds, so that any storage precision round-trips exactly.
private val NOW: Instant = Instant.ofEpochSecond(Instant.now().epochSecond)

internal fun setup(
    passcode: String = PASSCODE,
    deviceKey: ByteArray? = null,
    passcodeNeedsDeviceKey: Boolean = false,
    kdfIterations: UInt? = FLOOR,
) = VaultSetup(passcode, deviceKey, passcodeNeedsDeviceKey, kdfIterations)

internal fun Ctx.create(setup: VaultSetup = setup()): CreatedVault = createVault(path(), setup)

private fun journal(text: String, title: String = "", tags: List<String> = emptyList(), mood: UByte? = null) =
    ReflectionBody(ReflectionKind.Journal(null), title, text, tags, mood)

private fun entry(body: ReflectionBody, at: Instant? = null, offset: Int = 0) = NewReflection(at, offset, body)

/** Writes a journal entry. */
private fun Vault.write(text: String, at: Instant? = null, offset: Int = 0): Reflection =
    addReflection(entry(journal(text), at, offset))

private fun reflections(filter: ReflectionFilter = ReflectionFilter.ALL, personId: String? = null, offset: UInt = 0u, limit: UInt = 100u) =
    ReflectionQuery(filter, personId, null, null, offset, limit)

/** The texts of every reflection, newest first. */
private fun Vault.texts(): List<String> = listReflections(reflections()).reflections.map { it.body.text }

private fun personInput(alias: String = "Sam", mode: ContactMode = ContactMode.NoContact, blockedOn: List<Channel> = emptyList()) =
    PersonInput(alias, Relationship.EX_PARTNER, mode, LocalDate(2024, 1u, 15u), blockedOn, "")

internal const val UNKNOWN_ID = "00000000000000000000000000000000"

/** [code] with its first character changed and its check character left off: well-formed, but another code. */
private fun otherCode(code: String): String = (if (code[0] == 'A') "B" else "A") + code.substring(1).substringBeforeLast('-')

private val CROCKFORD_GROUPS = Regex("^[0-9A-HJKMNP-TV-Z]+(-[0-9A-HJKMNP-TV-Z]+)+$")

private val tests = linkedMapOf<String, Ctx.() -> Unit>()

internal fun test(name: String, body: Ctx.() -> Unit) {
    check(tests.put(name, body) == null) { "duplicate test $name" }
}

private fun registerTests() {
    test("kdf floor is 600000") {
        assertEq(kdfIterationFloor(), 600_000u, "kdfIterationFloor()")
    }

    test("create returns an unlocked vault and a recovery code") {
        val created = create()
        val code = created.recoveryCode
        check(CROCKFORD_GROUPS.matches(code)) { "recovery code <$code> is not dash-separated Crockford base32 groups" }
        check(code.replace("-", "").length >= 16) { "recovery code <$code> is too short" }
        val vault = created.vault
        assertStatus(vault, "new vault", unlocked = true, hasDeviceKey = false, passcodeNeedsDeviceKey = false)
        assertEq(vault.texts(), emptyList<String>(), "reflections of a new vault")
        assertEq(vault.listPeople(true), emptyList<Person>(), "people of a new vault")
        check(File(path()).exists()) { "the vault file was not written" }
        assertThrows<VaultException.AlreadyExists>("createVault on an existing path") { createVault(path(), setup()) }
        check(createVault(path("second.nocontact"), setup()).recoveryCode != code) { "two vaults got the same recovery code" }
    }

    test("journal entries round-trip exactly, newest first") {
        val vault = create().vault
        val records = vault.status().recordCount
        val bodies = listOf(
            journal("Plain ASCII entry"),
            journal("Emoji 🔐🗝️👩🏽‍💻 and a flag 🇺🇦", title = "😶‍🌫️", tags = listOf("emoji", "🏳️‍🌈"), mood = 4u),
            journal("עברית: שלום עולם, والعربية: مرحبا بالعالم", title = "שלום", mood = 1u),
            journal("Combining: e\u0301 vs \u00e9, CJK 秘密, tab\tand\nnewline", tags = listOf("\u202eRTL override")),
        )
        val offsets = listOf(0, 3600, -18000, 19800)
        val ats = listOf(4L, 1L, 3L, 2L).map { NOW.minusSeconds(it * 3600) }
        val added = bodies.indices.map { i ->
            val before = Instant.now()
            val r = vault.addReflection(entry(bodies[i], ats[i], offsets[i]))
            assertEq(r.body, bodies[i], "added reflection body")
            assertEq(r.at, ats[i], "added reflection at")
            assertEq(r.utcOffsetSeconds, offsets[i], "added reflection offset")
            assertEq(r.amendedAt, null, "amendedAt of a new reflection")
            check(!r.recordedAt.isBefore(before.minusSeconds(2)) && !r.recordedAt.isAfter(Instant.now().plusSeconds(2))) {
                "recordedAt ${r.recordedAt} is not about now"
            }
            r
        }
        assertEq(added.map { it.id }.toSet().size, added.size, "distinct ids")
        check(vault.status().recordCount > records) { "recordCount did not grow" }
        val page = vault.listReflections(reflections())
        val order = listOf(1, 3, 2, 0)
        assertEq(page.reflections, order.map { added[it] }, "reflections, newest first")
        assertEq(page.total, 4uL, "total")
        assertEq(page.nextOffset, null, "nextOffset of the only page")
        val first = vault.listReflections(reflections(limit = 3u))
        assertEq(first.reflections.map { it.id }, order.take(3).map { added[it].id }, "first page of 3")
        assertEq(first.nextOffset, 3u, "nextOffset after a page of 3")
        val second = vault.listReflections(reflections(offset = 3u, limit = 3u))
        assertEq(second.reflections.map { it.id }, listOf(added[0].id), "second page")
        assertEq(second.nextOffset, null, "nextOffset of the last page")
        for (r in added) assertEq(vault.getReflection(r.id), r, "getReflection(${r.id})")

        // Without `at` an entry is stamped now, and so lists first.
        val now = vault.write("now")
        check(Duration.between(now.at, Instant.now()).abs().seconds < 5) { "entry without at got at=${now.at}" }
        assertEq(vault.texts().first(), "now", "entry stamped now lists first")

        // Amending keeps the history.
        val amended = vault.amendReflection(added[0].id, entry(journal("Plain ASCII entry, amended ✍️"), ats[0], 0))
        assertEq(amended.revision, added[0].revision + 1u, "revision after amend")
        check(amended.amendedAt != null) { "amendedAt after amend is null" }
        assertEq(vault.getReflection(added[0].id).body.text, "Plain ASCII entry, amended ✍️", "text after amend")
        assertEq(
            vault.reflectionHistory(added[0].id).map { it.body.text },
            listOf("Plain ASCII entry", "Plain ASCII entry, amended ✍️"),
            "reflectionHistory",
        )

        vault.deleteReflection(added[1].id)
        assertThrows<VaultException.NotFound>("getReflection of a deleted entry") { vault.getReflection(added[1].id) }
        assertEq(vault.listReflections(reflections()).total, 4uL, "total after a delete")
        assertThrows<VaultException.NotFound>("getReflection of an unknown id") { vault.getReflection(UNKNOWN_ID) }
        assertThrows<VaultException.NotFound>("deleteReflection of an unknown id") { vault.deleteReflection(UNKNOWN_ID) }
        assertInvalid("id", "getReflection of a malformed id") { vault.getReflection("no-such-entry") }
    }

    test("people, events and unsent letters") {
        val vault = create().vault
        val input = personInput(
            alias = "אמא 🌙",
            mode = ContactMode.LowContact(listOf(Channel.TEXT, Channel.EMAIL), listOf("the kids' school", "חגים")),
            blockedOn = listOf(Channel.CALL, Channel.SOCIAL_MEDIA),
        ).copy(relationship = Relationship.PARENT, notes = "Notes: 🧷 keep it short")
        val person = vault.addPerson(input)
        assertEq(
            listOf(person.alias, person.relationship, person.mode, person.noContactSince, person.blockedOn, person.notes, person.archived),
            listOf(input.alias, input.relationship, input.mode, input.noContactSince, input.blockedOn, input.notes, false),
            "person fields",
        )
        assertEq(vault.getPerson(person.id), person, "getPerson")
        val other = vault.addPerson(personInput("Alex"))
        assertEq(vault.listPeople(false).map { it.alias }, listOf("Alex", "אמא 🌙"), "people by alias")

        val event = vault.quickLogContact(person.id, Channel.TEXT, Initiator.THEM, 3600)
        assertEq(event.kind, EventKind.MY_CONTACT, "event kind")
        assertEq(event.utcOffsetSeconds, 3600, "event offset")
        val body = event.body as? EventBody.MyContact ?: fail("event body is ${event.body}")
        assertEq(
            listOf(body.contact.personId, body.contact.channel, body.contact.initiatedBy),
            listOf(person.id, Channel.TEXT, Initiator.THEM),
            "contact fields",
        )
        val events = vault.listEvents(EventQuery(emptyList(), person.id, null, null, 0u, 50u))
        assertEq(events.events, listOf(event), "events about the person")
        assertEq(vault.listEvents(EventQuery(emptyList(), other.id, null, null, 0u, 50u)).total, 0uL, "events about another")
        assertEq(vault.getEvent(event.id), event, "getEvent")

        val letter = vault.addReflection(
            entry(ReflectionBody(ReflectionKind.UnsentLetter(person.id), "To you", "I won't send this. 💌", emptyList(), null)),
        )
        vault.write("just a journal entry")
        assertEq(
            vault.listReflections(reflections(ReflectionFilter.UNSENT_LETTERS)).reflections,
            listOf(letter),
            "unsent letters",
        )
        assertEq(
            vault.listReflections(reflections(ReflectionFilter.JOURNAL)).reflections.map { it.body.text },
            listOf("just a journal entry"),
            "journal entries",
        )
        assertInvalid("person_id", "a letter to an unknown person") {
            vault.addReflection(entry(ReflectionBody(ReflectionKind.UnsentLetter(UNKNOWN_ID), "", "hi", emptyList(), null)))
        }

        assertThrows<VaultException.InUse>("deletePerson with events") { vault.deletePerson(person.id) }
        vault.deletePerson(other.id)
        assertThrows<VaultException.NotFound>("getPerson after delete") { vault.getPerson(other.id) }
        assertEq(vault.setPersonArchived(person.id, true).archived, true, "archived")
        assertEq(vault.listPeople(false), emptyList<Person>(), "people without the archived")
        assertEq(vault.listPeople(true).map { it.id }, listOf(person.id), "people with the archived")

        // All of it survives a lock and an unlock.
        vault.lock()
        assertThrows<VaultException.Locked>("listPeople while locked") { vault.listPeople(true) }
        assertThrows<VaultException.Locked>("listEvents while locked") {
            vault.listEvents(EventQuery(emptyList(), null, null, null, 0u, 50u))
        }
        vault.unlock(Secret.Passcode(PASSCODE))
        assertEq(vault.getPerson(person.id).alias, "אמא 🌙", "alias after unlock")
        assertEq(vault.getEvent(event.id), event, "event after unlock")
        assertEq(vault.getReflection(letter.id), letter, "letter after unlock")
    }

    test("lock blocks access, wrong passcode is refused, right one brings data back") {
        val vault = create().vault
        val r = vault.write("kept under lock 🔒", NOW.minusSeconds(60), 7200)
        val records = vault.status().recordCount
        vault.lock()
        // The record count is readable without the key; the slot flags are not.
        assertStatus(vault, "locked", unlocked = false, hasDeviceKey = false, passcodeNeedsDeviceKey = false, recordCount = records)
        assertThrows<VaultException.Locked>("listReflections while locked") { vault.listReflections(reflections()) }
        assertThrows<VaultException.Locked>("getReflection while locked") { vault.getReflection(r.id) }
        assertThrows<VaultException.Locked>("addReflection while locked") { vault.write("nope") }
        assertThrows<VaultException.Locked>("deleteReflection while locked") { vault.deleteReflection(r.id) }
        assertThrows<VaultException.Locked>("addPerson while locked") { vault.addPerson(personInput()) }
        assertThrows<VaultException.Locked>("changePasscode while locked") { vault.changePasscode("new passcode", null) }
        assertThrows<VaultException.WrongSecret>("unlock with a wrong passcode") { vault.unlock(Secret.Passcode("wrong passcode")) }
        check(!vault.isUnlocked()) { "still locked after a wrong passcode" }
        vault.unlock(Secret.Passcode(PASSCODE))
        assertEq(vault.listReflections(reflections()).reflections, listOf(r), "reflections after unlock")
        // The first unlock writes the access log: one record more, rewritten
        // in place from then on.
        assertStatus(vault, "unlocked again", unlocked = true, hasDeviceKey = false, passcodeNeedsDeviceKey = false, recordCount = records + 1uL)
        vault.lock()
        vault.unlock(Secret.Passcode(PASSCODE))
        assertStatus(vault, "unlocked a third time", unlocked = true, hasDeviceKey = false, passcodeNeedsDeviceKey = false, recordCount = records + 1uL)
    }

    test("reopen from path and unlock") {
        val first = create().vault
        val r = first.write("persisted ✓", NOW.minusSeconds(30), -3600)
        first.lock()
        first.close()
        val vault = Vault.open(path())
        check(!vault.isUnlocked()) { "an opened vault starts locked" }
        assertThrows<VaultException.Locked>("listReflections of an opened vault") { vault.listReflections(reflections()) }
        vault.unlock(Secret.Passcode(PASSCODE))
        assertEq(vault.listReflections(reflections()).reflections, listOf(r), "reflections after reopening")
        assertStatus(vault, "reopened", unlocked = true, hasDeviceKey = false, passcodeNeedsDeviceKey = false)
    }

    test("change passcode: old fails, new works") {
        val vault = create().vault
        vault.write("before the change")
        assertInvalid("passcode", "changePasscode to 3 chars") { vault.changePasscode("abc", null) }
        vault.changePasscode("brand new passcode", null)
        vault.lock()
        val reopened = Vault.open(path())
        assertThrows<VaultException.WrongSecret>("old passcode after change") { reopened.unlock(Secret.Passcode(PASSCODE)) }
        reopened.unlock(Secret.Passcode("brand new passcode"))
        assertEq(reopened.texts(), listOf("before the change"), "reflections after passcode change")
    }

    test("recovery code unlocks and recover sets a new passcode") {
        val created = create()
        val vault = created.vault
        vault.write("recover me")
        vault.lock()
        assertInvalid("recovery_code", "unlock with a malformed recovery code") { vault.unlock(Secret.RecoveryCode("not a code!")) }
        assertThrows<VaultException.WrongSecret>("unlock with another well-formed recovery code") {
            vault.unlock(Secret.RecoveryCode(otherCode(created.recoveryCode)))
        }
        vault.unlock(Secret.RecoveryCode(created.recoveryCode))
        assertEq(vault.texts(), listOf("recover me"), "reflections after recovery-code unlock")
        vault.lock()

        val reopened = Vault.open(path())
        // Typed back by a person: lower case and spaces are accepted.
        reopened.recover(created.recoveryCode.lowercase().replace('-', ' '), "after recovery")
        check(reopened.isUnlocked()) { "vault should be unlocked after recover" }
        assertEq(reopened.texts(), listOf("recover me"), "reflections after recover")
        reopened.lock()
        assertThrows<VaultException.WrongSecret>("old passcode after recover") { reopened.unlock(Secret.Passcode(PASSCODE)) }
        reopened.unlock(Secret.Passcode("after recovery"))
        check(reopened.isUnlocked()) { "new passcode after recover should unlock" }
    }

    test("device key slot: set, unlock, wrong key, remove") {
        val vault = create().vault
        vault.write("device entry")
        assertInvalid("device_key", "setDeviceKey with 5 bytes") { vault.setDeviceKey(ByteArray(5)) }
        vault.setDeviceKey(DEVICE_KEY)
        assertStatus(vault, "with a device key", unlocked = true, hasDeviceKey = true, passcodeNeedsDeviceKey = false)
        vault.lock()
        assertStatus(vault, "locked with a device key", unlocked = false, hasDeviceKey = false, passcodeNeedsDeviceKey = false)
        assertThrows<VaultException.WrongSecret>("unlock with another device key") { vault.unlock(Secret.DeviceKey(OTHER_KEY)) }
        assertInvalid("device_key", "unlock with a 5-byte device key") { vault.unlock(Secret.DeviceKey(ByteArray(5))) }
        vault.unlock(Secret.DeviceKey(DEVICE_KEY.copyOf()))
        assertEq(vault.texts(), listOf("device entry"), "reflections after device-key unlock")
        vault.removeDeviceKey()
        assertStatus(vault, "device key removed", unlocked = true, hasDeviceKey = false, passcodeNeedsDeviceKey = false)
        vault.lock()
        assertThrows<VaultException.WrongSecret>("device key after removeDeviceKey") { vault.unlock(Secret.DeviceKey(DEVICE_KEY)) }
        vault.unlock(Secret.Passcode(PASSCODE))
        check(vault.isUnlocked()) { "passcode should still unlock" }
    }

    test("passcode that needs the device key") {
        val vault = create(setup(deviceKey = DEVICE_KEY, passcodeNeedsDeviceKey = true)).vault
        // The device key hardens the passcode slot; it gets no slot of its own.
        assertStatus(vault, "two-factor vault", unlocked = true, hasDeviceKey = false, passcodeNeedsDeviceKey = true)
        vault.write("two factors")
        vault.lock()
        assertStatus(vault, "locked two-factor vault", unlocked = false, hasDeviceKey = false, passcodeNeedsDeviceKey = false)
        assertThrows<VaultException.WrongSecret>("passcode alone") { vault.unlock(Secret.Passcode(PASSCODE)) }
        assertThrows<VaultException.WrongSecret>("passcode with another key") {
            vault.unlock(Secret.PasscodeAndDeviceKey(PASSCODE, OTHER_KEY))
        }
        assertThrows<VaultException.WrongSecret>("device key alone") { vault.unlock(Secret.DeviceKey(DEVICE_KEY)) }
        check(!vault.isUnlocked()) { "still locked after failed attempts" }
        vault.unlock(Secret.PasscodeAndDeviceKey(PASSCODE, DEVICE_KEY))
        assertEq(vault.texts(), listOf("two factors"), "reflections after passcode+key unlock")
    }

    test("invalid input names the field") {
        assertInvalid("kdf_iterations", "createVault below the KDF floor") {
            createVault(path("low.nocontact"), setup(kdfIterations = FLOOR - 1u))
        }
        assertInvalid("passcode", "createVault with a 3-char passcode") { createVault(path("short.nocontact"), setup(passcode = "abc")) }
        assertInvalid("device_key", "createVault with a 5-byte device key") {
            createVault(path("key.nocontact"), setup(deviceKey = ByteArray(5)))
        }
        assertInvalid("device_key", "createVault needing a device key without one") {
            createVault(path("nokey.nocontact"), setup(passcodeNeedsDeviceKey = true))
        }
        check(dir.list().orEmpty().isEmpty()) { "a refused createVault left files behind: ${dir.list().orEmpty().toList()}" }

        val vault = create().vault
        assertInvalid("text", "empty text") { vault.write("") }
        assertInvalid("text", "blank text") { vault.write(" \n\t ") }
        assertInvalid("text", "text over 100000 chars") { vault.write("x".repeat(100_001)) }
        assertEq(vault.write("y".repeat(100_000)).body.text.length, 100_000, "a 100000-char entry is accepted")
        assertInvalid("title", "title over 200 chars") { vault.addReflection(entry(journal("t", title = "x".repeat(201)))) }
        assertInvalid("mood", "mood 6") { vault.addReflection(entry(journal("t", mood = 6u))) }
        assertInvalid("tags", "a blank tag") { vault.addReflection(entry(journal("t", tags = listOf(" ")))) }
        assertInvalid("at", "at an hour ahead") { vault.write("future", Instant.now().plusSeconds(3600)) }
        assertInvalid("utc_offset_seconds", "a 19-hour UTC offset") { vault.write("far east", null, 19 * 3600) }
        val soon = Instant.ofEpochSecond(Instant.now().epochSecond + 60)
        assertEq(vault.write("a minute ahead", soon).at, soon, "at a minute ahead is accepted")
        assertInvalid("limit", "a page of 0") { vault.listReflections(reflections(limit = 0u)) }
        assertInvalid("limit", "a page of 501") { vault.listReflections(reflections(limit = 501u)) }
        assertInvalid("alias", "a blank alias") { vault.addPerson(personInput(alias = "  ")) }
        assertInvalid("no_contact_since", "February 30") {
            vault.addPerson(personInput().copy(noContactSince = LocalDate(2024, 2u, 30u)))
        }
        assertInvalid("no_contact_since", "a start date next year") {
            vault.addPerson(personInput().copy(noContactSince = LocalDate(java.time.LocalDate.now().year + 1, 1u, 1u)))
        }
        assertInvalid("mood", "a check-in with mood 0") { vault.quickCheckIn(0u, 0) }
        assertEq(vault.texts().sorted(), listOf("a minute ahead", "y".repeat(100_000)), "only valid entries were stored")
        assertEq(vault.listPeople(true), emptyList<Person>(), "no person was stored")
    }

    test("open: missing path is NotFound, garbage is Corrupt") {
        assertThrows<VaultException.NotFound>("open a missing path") { Vault.open(path("missing.nocontact")) }
        val garbage = File(path("garbage.nocontact"))
        garbage.writeBytes(ByteArray(8192) { (it * 31 + 17).toByte() })
        assertThrows<VaultException.Corrupt>("open a garbage file") { Vault.open(garbage.path) }
        val text = File(path("text.nocontact"))
        text.writeText("this is not a vault\n".repeat(100))
        assertThrows<VaultException.Corrupt>("open a text file") { Vault.open(text.path) }
    }
}

fun main(args: Array<String>) {
    registerTests()
    registerDomainTests() // DomainTest.kt
    registerInsightsTests() // InsightsTest.kt
    registerLedgerTests() // LedgerTest.kt
    registerProtectionTests() // ProtectionTest.kt
    registerSecurityTests() // SecurityTest.kt
    registerWritersTests() // WritersTest.kt
    registerHostileTests() // HostileTest.kt
    registerHardeningTests() // HardeningTest.kt
    registerSecurityRekeyTests() // SecurityRekeyTest.kt
    var passed = 0
    var failed = 0
    for ((name, body) in tests) {
        if (args.isNotEmpty() && args.none { name.contains(it) }) continue
        val started = System.nanoTime()
        val error: Throwable? = try {
            Ctx().use { it.body() }
            null
        } catch (t: Throwable) {
            t
        }
        val ms = (System.nanoTime() - started) / 1_000_000
        if (error == null) {
            passed++
            println("PASS $name (${ms}ms)")
        } else {
            failed++
            val reason = if (error is TestFailure) error.message else "${error::class.qualifiedName}: ${error.message}"
            println("FAIL $name: $reason")
            if (error !is TestFailure) error.printStackTrace(System.out)
        }
    }
    println("$passed passed, $failed failed")
    System.out.flush()
    exitProcess(if (failed > 0 || passed == 0) 1 else 0)
}

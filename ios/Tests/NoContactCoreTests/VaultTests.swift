// End-to-end tests of the uniffi Swift bindings against the real
// libnocontact_ffi, compiled together with the generated NoContactCore.swift
// and run on Linux by `cargo xtask swift-test` (see main.swift for the runner).
//
// A tiny self-contained harness (no XCTest): every test is a named closure
// that throws a TestFailure when an assertion does not hold.
import Foundation

struct TestFailure: Error, CustomStringConvertible {
    let description: String
}

func fail(_ message: String) -> TestFailure {
    TestFailure(description: message)
}

func check(_ condition: Bool, _ message: @autoclosure () -> String) throws {
    if !condition { throw fail(message()) }
}

func assertEq<T: Equatable>(_ actual: T, _ expected: T, _ what: String) throws {
    if actual != expected { throw fail("\(what): expected <\(expected)>, got <\(actual)>") }
}

/// Runs `body`, which must throw exactly `expected`.
func assertThrows<T>(_ expected: VaultError, _ what: String, _ body: () throws -> T) throws {
    do {
        _ = try body()
    } catch let error as VaultError {
        if error == expected { return }
        throw fail("\(what): expected VaultError.\(expected), got VaultError.\(error)")
    } catch {
        throw fail("\(what): expected VaultError.\(expected), got \(type(of: error)): \(error)")
    }
    throw fail("\(what): expected VaultError.\(expected), but nothing was thrown")
}

/// Checks every status field; a nil `recordCount` is not checked.
func assertStatus(
    _ vault: Vault, _ what: String, unlocked: Bool, hasDeviceKey: Bool,
    passcodeNeedsDeviceKey: Bool, recordCount: UInt64? = nil
) throws {
    let s = try vault.status()
    try assertEq(s.unlocked, unlocked, "\(what): status().unlocked")
    try assertEq(s.kdfIterations, floor, "\(what): status().kdfIterations")
    try assertEq(s.hasDeviceKey, hasDeviceKey, "\(what): status().hasDeviceKey")
    try assertEq(s.passcodeNeedsDeviceKey, passcodeNeedsDeviceKey, "\(what): status().passcodeNeedsDeviceKey")
    if let recordCount {
        try assertEq(s.recordCount, recordCount, "\(what): status().recordCount")
    }
    try assertEq(s.damagedRecords, 0, "\(what): status().damagedRecords")
    try assertEq(vault.isUnlocked(), unlocked, "\(what): isUnlocked()")
}

/// Swift's String == is canonical equivalence; this compares code points.
func assertSameText(_ actual: String, _ expected: String, _ what: String) throws {
    try assertEq(Array(actual.unicodeScalars), Array(expected.unicodeScalars), what)
}

func assertInvalid<T>(_ field: String, _ what: String, _ body: () throws -> T) throws {
    try assertThrows(.InvalidInput(field: field), what, body)
}

/// A fresh temporary directory per test, removed afterwards.
final class TestContext {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("nocontact-swift-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    func path(_ name: String = "vault.nocontact") -> String {
        dir.appendingPathComponent(name).path
    }

    func create(_ setup: VaultSetup = makeSetup()) throws -> CreatedVault {
        try createVault(path: path(), setup: setup)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: dir)
    }
}

let passcode = "correct horse 1"
let floor = kdfIterationFloor()
let deviceKey = Data((0..<32).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) })
let otherKey = Data((0..<32).map { UInt8(255 - $0) })

/// Whole seconds, so that any storage precision round-trips exactly.
let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))

func makeSetup(
    passcode: String = passcode,
    deviceKey: Data? = nil,
    passcodeNeedsDeviceKey: Bool = false,
    kdfIterations: UInt32? = floor
) -> VaultSetup {
    VaultSetup(
        passcode: passcode, deviceKey: deviceKey,
        passcodeNeedsDeviceKey: passcodeNeedsDeviceKey, kdfIterations: kdfIterations)
}

func journal(_ text: String, title: String = "", tags: [String] = [], mood: UInt8? = nil) -> ReflectionBody {
    ReflectionBody(kind: .journal(promptId: nil), title: title, text: text, tags: tags, mood: mood)
}

func entry(_ body: ReflectionBody, at: Date? = nil, offset: Int32 = 0) -> NewReflection {
    NewReflection(at: at, utcOffsetSeconds: offset, body: body)
}

func reflections(
    _ filter: ReflectionFilter = .all, personId: String? = nil, offset: UInt32 = 0, limit: UInt32 = 100
) -> ReflectionQuery {
    ReflectionQuery(filter: filter, personId: personId, from: nil, until: nil, offset: offset, limit: limit)
}

func events(personId: String? = nil) -> EventQuery {
    EventQuery(kinds: [], personId: personId, from: nil, until: nil, offset: 0, limit: 50)
}

func personInput(
    alias: String = "Sam", relationship: Relationship = .exPartner, mode: ContactMode = .noContact,
    since: LocalDate = LocalDate(year: 2024, month: 1, day: 15), blockedOn: [Channel] = [], notes: String = ""
) -> PersonInput {
    PersonInput(
        alias: alias, relationship: relationship, mode: mode, noContactSince: since, blockedOn: blockedOn,
        notes: notes)
}

extension Vault {
    /// Writes a journal entry.
    @discardableResult
    func write(_ text: String, at: Date? = nil, offset: Int32 = 0) throws -> Reflection {
        try addReflection(reflection: entry(journal(text), at: at, offset: offset))
    }

    /// The texts of every reflection, newest first.
    func texts() throws -> [String] {
        try listReflections(query: reflections()).reflections.map(\.body.text)
    }
}

let unknownId = String(repeating: "0", count: 32)

/// `code` with its first character changed: well-formed, but another code.
/// `code` with its first character changed and its check character left
/// off: well-formed, but another code.
func otherCode(_ code: String) -> String {
    let changed = (code.first == "A" ? "B" : "A") + code.dropFirst()
    return changed.split(separator: "-").dropLast().joined(separator: "-")
}

func isCrockfordGroups(_ code: String) -> Bool {
    let alphabet = Set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    let groups = code.split(separator: "-", omittingEmptySubsequences: false)
    return groups.count >= 2 && groups.allSatisfy { !$0.isEmpty && $0.allSatisfy(alphabet.contains) }
}

let allTests: [(String, (TestContext) throws -> Void)] = [
    ("kdf floor is 600000", { _ in
        try assertEq(kdfIterationFloor(), 600_000, "kdfIterationFloor()")
    }),

    ("create returns an unlocked vault and a recovery code", { t in
        let created = try t.create()
        let code = created.recoveryCode
        try check(isCrockfordGroups(code), "recovery code <\(code)> is not dash-separated Crockford base32 groups")
        try check(code.replacingOccurrences(of: "-", with: "").count >= 16, "recovery code <\(code)> is too short")
        let vault = created.vault
        try assertStatus(vault, "new vault", unlocked: true, hasDeviceKey: false, passcodeNeedsDeviceKey: false)
        try assertEq(try vault.texts(), [], "reflections of a new vault")
        try assertEq(try vault.listPeople(includeArchived: true), [], "people of a new vault")
        try check(FileManager.default.fileExists(atPath: t.path()), "the vault file was not written")
        try assertThrows(.AlreadyExists, "createVault on an existing path") {
            try createVault(path: t.path(), setup: makeSetup())
        }
        let second = try createVault(path: t.path("second.nocontact"), setup: makeSetup())
        try check(second.recoveryCode != code, "two vaults got the same recovery code")
    }),

    ("journal entries round-trip exactly, newest first", { t in
        let vault = try t.create().vault
        let records = try vault.status().recordCount
        let bodies = [
            journal("Plain ASCII entry"),
            journal("Emoji 🔐🗝️👩🏽‍💻 and a flag 🇺🇦", title: "😶‍🌫️", tags: ["emoji", "🏳️‍🌈"], mood: 4),
            journal("עברית: שלום עולם, والعربية: مرحبا بالعالم", title: "שלום", mood: 1),
            journal("Combining: e\u{301} vs \u{e9}, CJK 秘密, tab\tand\nnewline", tags: ["\u{202e}RTL override"]),
        ]
        let offsets: [Int32] = [0, 3600, -18000, 19800]
        let ats = [4, 1, 3, 2].map { now.addingTimeInterval(-3600 * Double($0)) }
        var added: [Reflection] = []
        for i in bodies.indices {
            let before = Date()
            let r = try vault.addReflection(reflection: entry(bodies[i], at: ats[i], offset: offsets[i]))
            try assertEq(r.body, bodies[i], "added reflection body")
            try assertSameText(r.body.text, bodies[i].text, "added reflection text")
            try assertSameText(r.body.title, bodies[i].title, "added reflection title")
            try assertEq(r.at, ats[i], "added reflection at")
            try assertEq(r.utcOffsetSeconds, offsets[i], "added reflection offset")
            try assertEq(r.amendedAt, nil, "amendedAt of a new reflection")
            try check(
                r.recordedAt >= before.addingTimeInterval(-2) && r.recordedAt <= Date().addingTimeInterval(2),
                "recordedAt \(r.recordedAt) is not about now")
            added.append(r)
        }
        try assertEq(Set(added.map(\.id)).count, added.count, "distinct ids")
        try check(try vault.status().recordCount > records, "recordCount did not grow")
        let page = try vault.listReflections(query: reflections())
        let order = [1, 3, 2, 0]
        try assertEq(page.reflections, order.map { added[$0] }, "reflections, newest first")
        for (got, want) in zip(page.reflections, order.map { bodies[$0] }) {
            try assertSameText(got.body.text, want.text, "listed text")
        }
        try assertEq(page.total, 4, "total")
        try assertEq(page.nextOffset, nil, "nextOffset of the only page")
        let first = try vault.listReflections(query: reflections(limit: 3))
        try assertEq(first.reflections.map(\.id), order.prefix(3).map { added[$0].id }, "first page of 3")
        try assertEq(first.nextOffset, 3, "nextOffset after a page of 3")
        let second = try vault.listReflections(query: reflections(offset: 3, limit: 3))
        try assertEq(second.reflections.map(\.id), [added[0].id], "second page")
        try assertEq(second.nextOffset, nil, "nextOffset of the last page")
        for r in added {
            try assertEq(try vault.getReflection(id: r.id), r, "getReflection(\(r.id))")
        }

        // Without `at` an entry is stamped now, and so lists first.
        let stamped = try vault.write("now")
        try check(abs(stamped.at.timeIntervalSinceNow) < 5, "entry without at got at=\(stamped.at)")
        try assertEq(try vault.texts().first, "now", "entry stamped now lists first")

        // Amending keeps the history.
        let amended = try vault.amendReflection(
            id: added[0].id, reflection: entry(journal("Plain ASCII entry, amended ✍️"), at: ats[0]))
        try assertEq(amended.revision, added[0].revision + 1, "revision after amend")
        try check(amended.amendedAt != nil, "amendedAt after amend is nil")
        try assertEq(try vault.getReflection(id: added[0].id).body.text, "Plain ASCII entry, amended ✍️", "text after amend")
        try assertEq(
            try vault.reflectionHistory(id: added[0].id).map(\.body.text),
            ["Plain ASCII entry", "Plain ASCII entry, amended ✍️"], "reflectionHistory")

        try vault.deleteReflection(id: added[1].id)
        try assertThrows(.NotFound, "getReflection of a deleted entry") { try vault.getReflection(id: added[1].id) }
        try assertEq(try vault.listReflections(query: reflections()).total, 4, "total after a delete")
        try assertThrows(.NotFound, "getReflection of an unknown id") { try vault.getReflection(id: unknownId) }
        try assertThrows(.NotFound, "deleteReflection of an unknown id") { try vault.deleteReflection(id: unknownId) }
        try assertInvalid("id", "getReflection of a malformed id") { try vault.getReflection(id: "no-such-entry") }
    }),

    ("people, events and unsent letters", { t in
        let vault = try t.create().vault
        let input = personInput(
            alias: "אמא 🌙", relationship: .parent,
            mode: .lowContact(allowedChannels: [.text, .email], allowedTopics: ["the kids' school", "חגים"]),
            blockedOn: [.call, .socialMedia], notes: "Notes: 🧷 keep it short")
        let person = try vault.addPerson(input: input)
        try assertSameText(person.alias, input.alias, "alias")
        try assertEq(person.relationship, input.relationship, "relationship")
        try assertEq(person.mode, input.mode, "mode")
        try assertEq(person.noContactSince, input.noContactSince, "noContactSince")
        try assertEq(person.blockedOn, input.blockedOn, "blockedOn")
        try assertEq(person.notes, input.notes, "notes")
        try assertEq(person.archived, false, "archived")
        try assertEq(try vault.getPerson(id: person.id), person, "getPerson")
        let other = try vault.addPerson(input: personInput(alias: "Alex"))
        try assertEq(try vault.listPeople(includeArchived: false).map(\.alias), ["Alex", "אמא 🌙"], "people by alias")

        let event = try vault.quickLogContact(
            personId: person.id, channel: .text, initiatedBy: .them, utcOffsetSeconds: 3600)
        try assertEq(event.kind, .myContact, "event kind")
        try assertEq(event.utcOffsetSeconds, 3600, "event offset")
        guard case .myContact(let contact) = event.body else { throw fail("event body is \(event.body)") }
        try assertEq(contact.personId, person.id, "contact personId")
        try assertEq(contact.channel, .text, "contact channel")
        try assertEq(contact.initiatedBy, .them, "contact initiatedBy")
        try assertEq(try vault.listEvents(query: events(personId: person.id)).events, [event], "events about the person")
        try assertEq(try vault.listEvents(query: events(personId: other.id)).total, 0, "events about another")
        try assertEq(try vault.getEvent(id: event.id), event, "getEvent")

        let letter = try vault.addReflection(
            reflection: entry(
                ReflectionBody(
                    kind: .unsentLetter(personId: person.id), title: "To you", text: "I won't send this. 💌",
                    tags: [], mood: nil)))
        try vault.write("just a journal entry")
        try assertEq(
            try vault.listReflections(query: reflections(.unsentLetters)).reflections, [letter], "unsent letters")
        try assertEq(
            try vault.listReflections(query: reflections(.journal)).reflections.map(\.body.text),
            ["just a journal entry"], "journal entries")
        try assertInvalid("person_id", "a letter to an unknown person") {
            try vault.addReflection(
                reflection: entry(
                    ReflectionBody(kind: .unsentLetter(personId: unknownId), title: "", text: "hi", tags: [], mood: nil)))
        }

        try assertThrows(.InUse, "deletePerson with events") { try vault.deletePerson(id: person.id) }
        try vault.deletePerson(id: other.id)
        try assertThrows(.NotFound, "getPerson after delete") { try vault.getPerson(id: other.id) }
        try assertEq(try vault.setPersonArchived(id: person.id, archived: true).archived, true, "archived")
        try assertEq(try vault.listPeople(includeArchived: false), [], "people without the archived")
        try assertEq(try vault.listPeople(includeArchived: true).map(\.id), [person.id], "people with the archived")

        // All of it survives a lock and an unlock.
        vault.lock()
        try assertThrows(.Locked, "listPeople while locked") { try vault.listPeople(includeArchived: true) }
        try assertThrows(.Locked, "listEvents while locked") { try vault.listEvents(query: events()) }
        try vault.unlock(secret: .passcode(passcode: passcode))
        try assertSameText(try vault.getPerson(id: person.id).alias, "אמא 🌙", "alias after unlock")
        try assertEq(try vault.getEvent(id: event.id), event, "event after unlock")
        try assertEq(try vault.getReflection(id: letter.id), letter, "letter after unlock")
    }),

    ("lock blocks access, wrong passcode is refused, right one brings data back", { t in
        let vault = try t.create().vault
        let r = try vault.write("kept under lock 🔒", at: now.addingTimeInterval(-60), offset: 7200)
        let records = try vault.status().recordCount
        vault.lock()
        // The record count is readable without the key; the slot flags are not.
        try assertStatus(
            vault, "locked", unlocked: false, hasDeviceKey: false, passcodeNeedsDeviceKey: false, recordCount: records)
        try assertThrows(.Locked, "listReflections while locked") { try vault.listReflections(query: reflections()) }
        try assertThrows(.Locked, "getReflection while locked") { try vault.getReflection(id: r.id) }
        try assertThrows(.Locked, "addReflection while locked") { try vault.write("nope") }
        try assertThrows(.Locked, "deleteReflection while locked") { try vault.deleteReflection(id: r.id) }
        try assertThrows(.Locked, "addPerson while locked") { try vault.addPerson(input: personInput()) }
        try assertThrows(.Locked, "changePasscode while locked") {
            try vault.changePasscode(newPasscode: "new passcode", deviceKey: nil)
        }
        try assertThrows(.WrongSecret, "unlock with a wrong passcode") {
            try vault.unlock(secret: .passcode(passcode: "wrong passcode"))
        }
        try check(!vault.isUnlocked(), "still locked after a wrong passcode")
        try vault.unlock(secret: .passcode(passcode: passcode))
        try assertEq(try vault.listReflections(query: reflections()).reflections, [r], "reflections after unlock")
        // The first unlock writes the access log: one record more, rewritten
        // in place from then on.
        try assertStatus(
            vault, "unlocked again", unlocked: true, hasDeviceKey: false, passcodeNeedsDeviceKey: false,
            recordCount: records + 1)
        vault.lock()
        try vault.unlock(secret: .passcode(passcode: passcode))
        try assertStatus(
            vault, "unlocked a third time", unlocked: true, hasDeviceKey: false, passcodeNeedsDeviceKey: false,
            recordCount: records + 1)
    }),

    ("reopen from path and unlock", { t in
        var r: Reflection
        do {
            let first = try t.create().vault
            r = try first.write("persisted ✓", at: now.addingTimeInterval(-30), offset: -3600)
            first.lock()
        }
        let vault = try Vault.open(path: t.path())
        try check(!vault.isUnlocked(), "an opened vault starts locked")
        try assertThrows(.Locked, "listReflections of an opened vault") { try vault.listReflections(query: reflections()) }
        try vault.unlock(secret: .passcode(passcode: passcode))
        try assertEq(try vault.listReflections(query: reflections()).reflections, [r], "reflections after reopening")
        try assertStatus(vault, "reopened", unlocked: true, hasDeviceKey: false, passcodeNeedsDeviceKey: false)
    }),

    ("change passcode: old fails, new works", { t in
        let vault = try t.create().vault
        try vault.write("before the change")
        try assertInvalid("passcode", "changePasscode to 3 chars") {
            try vault.changePasscode(newPasscode: "abc", deviceKey: nil)
        }
        try vault.changePasscode(newPasscode: "brand new passcode", deviceKey: nil)
        vault.lock()
        let reopened = try Vault.open(path: t.path())
        try assertThrows(.WrongSecret, "old passcode after change") {
            try reopened.unlock(secret: .passcode(passcode: passcode))
        }
        try reopened.unlock(secret: .passcode(passcode: "brand new passcode"))
        try assertEq(try reopened.texts(), ["before the change"], "reflections after passcode change")
    }),

    ("recovery code unlocks and recover sets a new passcode", { t in
        let created = try t.create()
        let vault = created.vault
        try vault.write("recover me")
        vault.lock()
        try assertInvalid("recovery_code", "unlock with a malformed recovery code") {
            try vault.unlock(secret: .recoveryCode(code: "not a code!"))
        }
        try assertThrows(.WrongSecret, "unlock with another well-formed recovery code") {
            try vault.unlock(secret: .recoveryCode(code: otherCode(created.recoveryCode)))
        }
        try vault.unlock(secret: .recoveryCode(code: created.recoveryCode))
        try assertEq(try vault.texts(), ["recover me"], "reflections after recovery-code unlock")
        vault.lock()

        let reopened = try Vault.open(path: t.path())
        // Typed back by a person: lower case and spaces are accepted.
        let typed = created.recoveryCode.lowercased().replacingOccurrences(of: "-", with: " ")
        try reopened.recover(code: typed, newPasscode: "after recovery")
        try check(reopened.isUnlocked(), "vault should be unlocked after recover")
        try assertEq(try reopened.texts(), ["recover me"], "reflections after recover")
        reopened.lock()
        try assertThrows(.WrongSecret, "old passcode after recover") {
            try reopened.unlock(secret: .passcode(passcode: passcode))
        }
        try reopened.unlock(secret: .passcode(passcode: "after recovery"))
        try check(reopened.isUnlocked(), "new passcode after recover should unlock")
    }),

    ("device key slot: set, unlock, wrong key, remove", { t in
        let vault = try t.create().vault
        try vault.write("device entry")
        try assertInvalid("device_key", "setDeviceKey with 5 bytes") { try vault.setDeviceKey(key: Data(count: 5)) }
        try vault.setDeviceKey(key: deviceKey)
        try assertStatus(vault, "with a device key", unlocked: true, hasDeviceKey: true, passcodeNeedsDeviceKey: false)
        vault.lock()
        try assertStatus(
            vault, "locked with a device key", unlocked: false, hasDeviceKey: false, passcodeNeedsDeviceKey: false)
        try assertThrows(.WrongSecret, "unlock with another device key") {
            try vault.unlock(secret: .deviceKey(key: otherKey))
        }
        try assertInvalid("device_key", "unlock with a 5-byte device key") {
            try vault.unlock(secret: .deviceKey(key: Data(count: 5)))
        }
        try vault.unlock(secret: .deviceKey(key: Data(deviceKey)))
        try assertEq(try vault.texts(), ["device entry"], "reflections after device-key unlock")
        try vault.removeDeviceKey()
        try assertStatus(vault, "device key removed", unlocked: true, hasDeviceKey: false, passcodeNeedsDeviceKey: false)
        vault.lock()
        try assertThrows(.WrongSecret, "device key after removeDeviceKey") {
            try vault.unlock(secret: .deviceKey(key: deviceKey))
        }
        try vault.unlock(secret: .passcode(passcode: passcode))
        try check(vault.isUnlocked(), "passcode should still unlock")
    }),

    ("passcode that needs the device key", { t in
        let vault = try t.create(makeSetup(deviceKey: deviceKey, passcodeNeedsDeviceKey: true)).vault
        // The device key hardens the passcode slot; it gets no slot of its own.
        try assertStatus(vault, "two-factor vault", unlocked: true, hasDeviceKey: false, passcodeNeedsDeviceKey: true)
        try vault.write("two factors")
        vault.lock()
        try assertStatus(
            vault, "locked two-factor vault", unlocked: false, hasDeviceKey: false, passcodeNeedsDeviceKey: false)
        try assertThrows(.WrongSecret, "passcode alone") { try vault.unlock(secret: .passcode(passcode: passcode)) }
        try assertThrows(.WrongSecret, "passcode with another key") {
            try vault.unlock(secret: .passcodeAndDeviceKey(passcode: passcode, key: otherKey))
        }
        try assertThrows(.WrongSecret, "device key alone") { try vault.unlock(secret: .deviceKey(key: deviceKey)) }
        try check(!vault.isUnlocked(), "still locked after failed attempts")
        try vault.unlock(secret: .passcodeAndDeviceKey(passcode: passcode, key: deviceKey))
        try assertEq(try vault.texts(), ["two factors"], "reflections after passcode+key unlock")
    }),

    ("invalid input names the field", { t in
        try assertInvalid("kdf_iterations", "createVault below the KDF floor") {
            try createVault(path: t.path("low.nocontact"), setup: makeSetup(kdfIterations: floor - 1))
        }
        try assertInvalid("passcode", "createVault with a 3-char passcode") {
            try createVault(path: t.path("short.nocontact"), setup: makeSetup(passcode: "abc"))
        }
        try assertInvalid("device_key", "createVault with a 5-byte device key") {
            try createVault(path: t.path("key.nocontact"), setup: makeSetup(deviceKey: Data(count: 5)))
        }
        try assertInvalid("device_key", "createVault needing a device key without one") {
            try createVault(path: t.path("nokey.nocontact"), setup: makeSetup(passcodeNeedsDeviceKey: true))
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: t.dir.path)
        try assertEq(leftovers, [], "files left behind by refused createVault calls")

        let vault = try t.create().vault
        try assertInvalid("text", "empty text") { try vault.write("") }
        try assertInvalid("text", "blank text") { try vault.write(" \n\t ") }
        try assertInvalid("text", "text over 100000 chars") { try vault.write(String(repeating: "x", count: 100_001)) }
        try assertEq(
            try vault.write(String(repeating: "y", count: 100_000)).body.text.count, 100_000,
            "a 100000-char entry is accepted")
        try assertInvalid("title", "title over 200 chars") {
            try vault.addReflection(reflection: entry(journal("t", title: String(repeating: "x", count: 201))))
        }
        try assertInvalid("mood", "mood 6") { try vault.addReflection(reflection: entry(journal("t", mood: 6))) }
        try assertInvalid("tags", "a blank tag") { try vault.addReflection(reflection: entry(journal("t", tags: [" "]))) }
        try assertInvalid("at", "at an hour ahead") { try vault.write("future", at: Date().addingTimeInterval(3600)) }
        try assertInvalid("utc_offset_seconds", "a 19-hour UTC offset") {
            try vault.write("far east", offset: 19 * 3600)
        }
        let soon = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 60).rounded(.down))
        try assertEq(try vault.write("a minute ahead", at: soon).at, soon, "at a minute ahead is accepted")
        try assertInvalid("limit", "a page of 0") { try vault.listReflections(query: reflections(limit: 0)) }
        try assertInvalid("limit", "a page of 501") { try vault.listReflections(query: reflections(limit: 501)) }
        try assertInvalid("alias", "a blank alias") { try vault.addPerson(input: personInput(alias: "  ")) }
        try assertInvalid("no_contact_since", "February 30") {
            try vault.addPerson(input: personInput(since: LocalDate(year: 2024, month: 2, day: 30)))
        }
        let nextYear = Int32(Calendar(identifier: .gregorian).component(.year, from: Date()) + 1)
        try assertInvalid("no_contact_since", "a start date next year") {
            try vault.addPerson(input: personInput(since: LocalDate(year: nextYear, month: 1, day: 1)))
        }
        try assertInvalid("mood", "a check-in with mood 0") { try vault.quickCheckIn(mood: 0, utcOffsetSeconds: 0) }
        try assertEq(
            try vault.texts().sorted(), ["a minute ahead", String(repeating: "y", count: 100_000)],
            "only valid entries were stored")
        try assertEq(try vault.listPeople(includeArchived: true), [], "no person was stored")
    }),

    ("open: missing path is NotFound, garbage is Corrupt", { t in
        try assertThrows(.NotFound, "open a missing path") { try Vault.open(path: t.path("missing.nocontact")) }
        let garbage = t.path("garbage.nocontact")
        try Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 * 31 + 17) }).write(to: URL(fileURLWithPath: garbage))
        try assertThrows(.Corrupt, "open a garbage file") { try Vault.open(path: garbage) }
        let text = t.path("text.nocontact")
        try String(repeating: "this is not a vault\n", count: 100).write(toFile: text, atomically: true, encoding: .utf8)
        try assertThrows(.Corrupt, "open a text file") { try Vault.open(path: text) }
    }),
]

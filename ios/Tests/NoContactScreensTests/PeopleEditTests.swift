import NoContactKit
import NoContactTestSupport
import XCTest

@testable import NoContactScreens

@MainActor
final class PeopleEditTests: XCTestCase {
    func testEditingAPersonKeepsWhatIsLoggedAboutThem() async throws {
        let t = try await TemporaryVault.created()
        let sam = try await t.addSam()
        let attempt = try await t.session.logAttempt(personId: sam.id, channel: .call)
        let editor = PersonEditorModel(session: t.session, id: sam.id)
        await editor.load()
        XCTAssertEqual(editor.alias, "Sam")
        XCTAssertEqual(editor.blockedOn, [])

        editor.alias = "S‮ma"  // a bidi override, stored exactly
        editor.relationship = .sibling
        editor.noContactSince = LocalDate(year: 2025, month: 3, day: 4)
        editor.notes = "Moved to 🏙️ in March"
        editor.toggleBlocked(.text)
        editor.toggleBlocked(.call)
        editor.toggleBlocked(.text)
        XCTAssertEqual(editor.blockedOn, [.call])
        await editor.save()
        XCTAssertNil(editor.problem)
        XCTAssertTrue(editor.saved)
        let stored = try await t.session.person(id: sam.id)
        XCTAssertEqual(stored.alias, "S‮ma")
        XCTAssertEqual(stored.relationship, .sibling)
        XCTAssertEqual(stored.noContactSince, LocalDate(year: 2025, month: 3, day: 4))
        XCTAssertEqual(stored.blockedOn, [.call])
        XCTAssertEqual(stored.notes, "Moved to 🏙️ in March")

        // Bad input: a clear error, nothing changed.
        editor.alias = ""
        await editor.save()
        XCTAssertEqual(editor.problem, .invalidInput(field: "alias"))
        editor.alias = String(repeating: "x", count: 100_000)
        await editor.save()
        XCTAssertNotNil(editor.problem)
        let unchanged = try await t.session.person(id: sam.id)
        XCTAssertEqual(unchanged.alias, "S‮ma")

        // Archived: gone from the list, their entries kept.
        await editor.setArchived(true)
        XCTAssertEqual(editor.person?.archived, true)
        let people = PeopleModel(session: t.session, today: LocalDate(year: 2026, month: 1, day: 10))
        await people.load()
        XCTAssertEqual(people.people, [])
        let events = try await t.allEvents()
        XCTAssertEqual(events.map(\.id), [attempt.id])
        await editor.setArchived(false)
        await people.load()
        XCTAssertEqual(people.people.map(\.id), [sam.id])

        let missing = PersonEditorModel(session: t.session, id: "0123456789abcdef0123456789abcdef")
        await missing.load()
        XCTAssertEqual(missing.problem, .notFound)
        let odd = PersonEditorModel(session: t.session, id: "not an id ☃")
        await odd.load()
        XCTAssertNotNil(odd.problem)
    }

    func testABoundarysStatusItsEditAndItsCrossings() async throws {
        let t = try await TemporaryVault.created()
        let sam = try await t.addSam()
        let model = PeopleModel(session: t.session, today: LocalDate(year: 2026, month: 1, day: 10))
        await model.load()
        model.forPersonId = sam.id
        model.boundaryStatement = "I do not reply to their texts"
        await model.addBoundary(setOn: LocalDate(year: 2025, month: 1, day: 1))
        let boundary = try XCTUnwrap(model.boundaries.first)
        let before = try XCTUnwrap(model.boundaryProgress[boundary.id], "no days kept for the boundary")
        XCTAssertEqual(before.crossedByMe, 0)
        XCTAssertNil(before.lastCrossedOn)
        XCTAssertGreaterThan(before.daysKept, 300)

        // A contact of mine that crossed it: the core counts the crossing.
        let form = EntryFormModel(session: t.session, kind: .myContact, personId: sam.id)
        await form.load()
        XCTAssertEqual(form.boundaries.map(\.id), [boundary.id])
        form.channel = .text
        form.toggle(crossedBoundaryId: boundary.id)
        await form.save()
        XCTAssertNil(form.problem)
        await model.load()
        let after = try XCTUnwrap(model.boundaryProgress[boundary.id])
        XCTAssertEqual(after.crossedByMe, 1)
        XCTAssertNotNil(after.lastCrossedOn)
        XCTAssertLessThanOrEqual(after.daysKept, 1)

        // Its statement edited, then paused and retired; never deleted.
        model.editBoundary(boundary)
        XCTAssertEqual(model.boundaryEdit, "I do not reply to their texts")
        model.boundaryEdit = ""
        await model.saveBoundaryEdit()
        XCTAssertEqual(model.problem, .invalidInput(field: "statement"))
        XCTAssertEqual(model.boundaries.first?.statement, "I do not reply to their texts")
        model.boundaryEdit = "I do not reply to their texts or calls"
        await model.saveBoundaryEdit()
        XCTAssertNil(model.problem)
        XCTAssertNil(model.editingBoundaryId)
        XCTAssertEqual(model.boundaries.first?.statement, "I do not reply to their texts or calls")
        XCTAssertEqual(model.boundaries.first?.personId, sam.id)

        await model.setStatus(boundary, .paused)
        XCTAssertEqual(model.boundaries.first?.status, .paused)
        await model.setStatus(boundary, .retired)
        let stored = try await t.session.boundaries()
        XCTAssertEqual(stored.map(\.status), [.retired])
        XCTAssertEqual(model.boundaryProgress[boundary.id]?.status, .retired)
    }

    func testATriggerIsArchivedAndShownAgain() async throws {
        let t = try await TemporaryVault.created()
        let model = PeopleModel(session: t.session, today: LocalDate(year: 2026, month: 1, day: 10))
        model.triggerName = "Their street"
        model.triggerCategory = .place
        await model.addTrigger()
        let trigger = try XCTUnwrap(model.triggers.first)
        await model.setArchived(trigger, true)
        XCTAssertEqual(model.triggers, [])
        model.showArchived = true
        await model.load()
        XCTAssertEqual(model.triggers.map(\.archived), [true])
        await model.setArchived(trigger, false)
        XCTAssertEqual(model.triggers.map(\.archived), [false])
    }
}

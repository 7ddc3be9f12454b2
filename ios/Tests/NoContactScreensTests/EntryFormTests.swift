import NoContactKit
import NoContactTestSupport
import XCTest

@testable import NoContactScreens

@MainActor
final class EntryFormTests: XCTestCase {
    func testTheirAttemptWithEveryFieldThenAmended() async throws {
        let t = try await TemporaryVault.created()
        let sam = try await t.addSam()
        let form = EntryFormModel(session: t.session, kind: .theirAttempt)
        await form.load()
        XCTAssertEqual(form.personId, sam.id, "the first person is picked")
        form.channel = .messagingApp
        form.handle = "+1 555 0142"
        form.said = "You'll regret this. — \"I know where you are\""
        form.saidVerbatim = true
        form.response = .blocked
        form.location = "Outside work, 5th Ave"
        form.witnessDraft = "  Alex  "
        form.addWitness()
        form.witnessDraft = "   "
        form.addWitness()
        form.witnessDraft = "Zoë"
        form.addWitness()
        XCTAssertEqual(form.witnesses, ["Alex", "Zoë"])
        form.feltUnsafe = 3
        form.note = "Screenshot taken"
        let at = Date(timeIntervalSince1970: 1_780_000_000)
        form.at = at
        await form.save()
        XCTAssertNil(form.problem)
        let saved = try XCTUnwrap(form.saved)
        XCTAssertEqual(saved.at, at)

        let stored = try await t.session.event(id: saved.id)
        guard case .theirAttempt(let attempt) = stored.body else { return XCTFail("\(stored.body)") }
        XCTAssertEqual(attempt.personId, sam.id)
        XCTAssertEqual(attempt.channel, .messagingApp)
        XCTAssertEqual(attempt.handle, "+1 555 0142")
        XCTAssertEqual(attempt.said, "You'll regret this. — \"I know where you are\"")
        XCTAssertTrue(attempt.saidVerbatim)
        XCTAssertEqual(attempt.response, .blocked)
        XCTAssertEqual(attempt.location, "Outside work, 5th Ave")
        XCTAssertEqual(attempt.witnesses, ["Alex", "Zoë"])
        XCTAssertEqual(attempt.feltUnsafe, 3)
        XCTAssertEqual(attempt.note, "Screenshot taken")

        // How unsafe is 0–4: 5 is refused and nothing is written.
        let amend = EntryFormModel(session: t.session, amending: stored)
        XCTAssertEqual(amend.witnesses, ["Alex", "Zoë"], "the form starts from the entry")
        XCTAssertTrue(amend.saidVerbatim)
        amend.feltUnsafe = 5
        await amend.save()
        XCTAssertEqual(amend.problem, .invalidInput(field: "felt_unsafe"))
        var history = try await t.session.history(id: saved.id)
        XCTAssertEqual(history.count, 1)

        amend.feltUnsafe = 4
        amend.removeWitness(at: 0)
        amend.removeWitness(at: 7)
        await amend.save()
        XCTAssertNil(amend.problem)
        history = try await t.session.history(id: saved.id)
        XCTAssertEqual(history.count, 2, "the earlier version is kept")
        guard case .theirAttempt(let latest) = history.last?.body else { return XCTFail() }
        XCTAssertEqual(latest.witnesses, ["Zoë"])
        XCTAssertEqual(latest.feltUnsafe, 4)
        XCTAssertEqual(latest.said, attempt.said)
        XCTAssertEqual(history.last?.at, at, "an amendment moved the entry in time")
    }

    func testAnUrgeWithTriggersEmotionsAndCoping() async throws {
        let t = try await TemporaryVault.created()
        let sam = try await t.addSam()
        let trigger = try await t.session.addTrigger(
            TriggerInput(name: "Our song", category: .musicOrMedia, date: nil, personId: sam.id))
        let form = EntryFormModel(session: t.session, kind: .urge)
        await form.load()
        XCTAssertNil(form.personId, "an urge need not be about anyone")
        XCTAssertEqual(form.triggers.map(\.id), [trigger.id])
        form.intensity = 8
        form.personId = sam.id
        form.toggle(triggerId: trigger.id)
        form.toggle(emotion: .lonely)
        form.toggle(emotion: .nostalgic)
        form.toggle(emotion: .lonely)
        form.toggle(emotion: .sad)
        form.copingDraft = "Walked round the block"
        form.addCoping()
        form.copingDraft = "Texted Alex"
        form.addCoping()
        form.removeCoping(at: 5)
        form.outcome = .reachedOut
        // Reaching out needs the channel: the core says which field.
        await form.save()
        XCTAssertEqual(form.problem, .invalidInput(field: "reached_out_via"))
        var events = try await t.allEvents()
        XCTAssertEqual(events, [])

        form.outcome = .resisted
        form.reachedOutVia = .text  // dropped: only kept with reaching out
        await form.save()
        XCTAssertNil(form.problem)
        events = try await t.allEvents()
        XCTAssertEqual(events.count, 1)
        guard case .urge(let urge) = events.first?.body else { return XCTFail("\(events)") }
        XCTAssertEqual(urge.intensity, 8)
        XCTAssertEqual(urge.personId, sam.id)
        XCTAssertEqual(urge.triggerIds, [trigger.id])
        XCTAssertEqual(urge.emotions, [.nostalgic, .sad])
        XCTAssertEqual(urge.coping, ["Walked round the block", "Texted Alex"])
        XCTAssertEqual(urge.outcome, .resisted)
        XCTAssertNil(urge.reachedOutVia)

        let tooStrong = EntryFormModel(session: t.session, kind: .urge)
        tooStrong.intensity = 11
        await tooStrong.save()
        XCTAssertEqual(tooStrong.problem, .invalidInput(field: "intensity"))
    }

    func testMyContactAndACheckIn() async throws {
        let t = try await TemporaryVault.created()
        let sam = try await t.addSam()
        let contact = EntryFormModel(session: t.session, kind: .myContact)
        await contact.load()
        contact.channel = .call
        contact.initiatedBy = .them
        contact.note = String(repeating: "ü", count: 2000)
        await contact.save()
        XCTAssertNil(contact.problem)
        let check = EntryFormModel(session: t.session, kind: .checkIn)
        check.mood = 0
        await check.save()
        XCTAssertEqual(check.problem, .invalidInput(field: "mood"))
        check.mood = 5
        check.energy = 2
        check.note = "Better"
        await check.save()
        XCTAssertNil(check.problem)

        let events = try await t.allEvents()
        XCTAssertEqual(events.map(\.kind), [.checkIn, .myContact])
        guard case .myContact(let mine) = events.last?.body else { return XCTFail() }
        XCTAssertEqual(mine.personId, sam.id)
        XCTAssertEqual(mine.initiatedBy, .them)
        XCTAssertEqual(mine.note.count, 2000)
        guard case .checkIn(let c) = events.first?.body else { return XCTFail() }
        XCTAssertEqual([c.mood, c.energy], [5, 2])

        // Someone who does not exist.
        let nobody = EntryFormModel(session: t.session, kind: .theirAttempt, personId: "0123456789abcdef0123456789abcdef")
        await nobody.save()
        XCTAssertNotNil(nobody.problem)
        let after = try await t.allEvents()
        XCTAssertEqual(after.count, 2)
    }
}

import NoContactKit
import NoContactTestSupport
import XCTest

@testable import NoContactScreens

@MainActor
final class QuickLogTests: XCTestCase {
    func testTheyReachedOutIsLoggedForThePersonChosen() async throws {
        let t = try await TemporaryVault.created()
        let sam = try await t.addSam()
        let model = QuickLogModel(session: t.session, kind: .attempt)
        await model.load()
        XCTAssertEqual(model.people.map(\.id), [sam.id])
        XCTAssertEqual(model.personId, sam.id, "the only person is preselected")
        model.channel = .text
        await model.save()
        XCTAssertNil(model.problem)
        let saved = try XCTUnwrap(model.saved)
        XCTAssertEqual(saved.kind, .theirAttempt)

        let events = try await t.allEvents()
        XCTAssertEqual(events.map(\.id), [saved.id])
        guard case .theirAttempt(let attempt) = events[0].body else { return XCTFail("\(events[0].body)") }
        XCTAssertEqual(attempt.personId, sam.id)
        XCTAssertEqual(attempt.channel, .text)
    }

    func testAnAttemptWithoutAPersonIsRefusedByTheCore() async throws {
        let t = try await TemporaryVault.created()
        let model = QuickLogModel(session: t.session, kind: .attempt)
        await model.load()
        XCTAssertNil(model.personId)
        await model.save()
        XCTAssertEqual(model.problem, .invalidInput(field: "person_id"))
        XCTAssertNil(model.saved)
        let events = try await t.allEvents()
        XCTAssertEqual(events, [])
    }

    func testACheckInWithMoodEnergyAndNote() async throws {
        let t = try await TemporaryVault.created()
        let model = QuickLogModel(session: t.session, kind: .checkIn)
        model.mood = 6
        await model.save()
        XCTAssertEqual(model.problem, .invalidInput(field: "mood"), "mood 6 of 5")
        var events = try await t.allEvents()
        XCTAssertEqual(events, [])

        model.mood = 4
        model.energy = 2
        model.note = "slept badly — ok now"
        await model.save()
        XCTAssertNil(model.problem)
        events = try await t.allEvents()
        XCTAssertEqual(events.count, 1)
        guard case .checkIn(let checkIn) = events[0].body else { return XCTFail("\(events[0].body)") }
        XCTAssertEqual(checkIn.mood, 4)
        XCTAssertEqual(checkIn.energy, 2)
        XCTAssertEqual(checkIn.note, "slept badly — ok now")
    }

    func testAnUrgeLoggedWithItsOutcome() async throws {
        let t = try await TemporaryVault.created()
        let model = QuickLogModel(session: t.session, kind: .urge)
        model.intensity = 8
        await model.logUrge(outcome: .resisted)
        XCTAssertNil(model.problem)
        let events = try await t.allEvents()
        guard case .urge(let urge) = events.first?.body else { return XCTFail("\(events)") }
        XCTAssertEqual(urge.intensity, 8)
        XCTAssertEqual(urge.outcome, .resisted)
    }
}

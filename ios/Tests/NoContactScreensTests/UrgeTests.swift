import NoContactKit
import NoContactTestSupport
import XCTest

@testable import NoContactScreens

@MainActor
final class UrgeTests: XCTestCase {
    func testGettingThroughAnUrgeWithTheLetterAndTheOutcome() async throws {
        let t = try await TemporaryVault.created()
        let sam = try await t.addSam()
        var plan = try await t.session.safetyPlan()
        plan.copingStrategies = ["Breathe out slowly", "Walk round the block", "Text Alex"]
        plan.reasons = ["I sleep again"]
        plan.peopleToAsk = [SupportContact(name: "Alex", howToReach: "+1 555 0100")]
        _ = try await t.session.saveSafetyPlan(plan)

        let model = UrgeModel(session: t.session, personId: sam.id)
        XCTAssertEqual(model.stage, .starting)
        await model.start()
        XCTAssertNil(model.problem)
        XCTAssertEqual(model.stage, .support)
        let support = try XCTUnwrap(model.support)
        XCTAssertEqual(support.copingSteps, plan.copingStrategies, "coping steps in the plan's order")
        XCTAssertEqual(support.planReasons, ["I sleep again"])
        XCTAssertEqual(support.peopleToReach.map(\.name), ["Alex"])

        model.toggleStep(0)
        model.toggleStep(2)
        model.toggleStep(2)
        model.toggleStep(1)
        XCTAssertEqual(model.doneSteps, [0, 1])

        model.startWait()
        XCTAssertEqual(model.waitSecondsLeft, Int(support.suggestedWaitMinutes) * 60)
        model.tick()
        XCTAssertEqual(model.waitSecondsLeft, Int(support.suggestedWaitMinutes) * 60 - 1)

        model.letter = "I miss you"
        await model.keepLetter()
        model.letter = "I miss who I thought you were"
        await model.keepLetter()
        XCTAssertNil(model.problem)
        let letter = try XCTUnwrap(model.savedLetter)
        XCTAssertEqual(letter.body.text, "I miss who I thought you were")

        model.intensity = 7
        await model.finish(.resisted)
        XCTAssertNil(model.problem)
        XCTAssertEqual(model.stage, .ended)
        XCTAssertNil(model.waitSecondsLeft)

        // What the vault holds: the urge, resisted, with the steps that helped,
        // and one unsent letter (two versions), never sent anywhere.
        let events = try await t.allEvents()
        XCTAssertEqual(events.count, 1)
        guard case .urge(let urge) = events[0].body else { return XCTFail("\(events[0].body)") }
        XCTAssertEqual(urge.outcome, .resisted)
        XCTAssertEqual(urge.intensity, 7)
        XCTAssertEqual(urge.personId, sam.id)
        XCTAssertEqual(urge.coping, ["Breathe out slowly", "Walk round the block"])
        XCTAssertEqual(events[0].at, support.startedAt, "the urge is logged when it started")
        let versions = try await t.session.reflectionHistory(id: letter.id)
        XCTAssertEqual(versions.map(\.body.text), ["I miss you", "I miss who I thought you were"])
        guard case .unsentLetter(let personId) = letter.body.kind else { return XCTFail("\(letter.body.kind)") }
        XCTAssertEqual(personId, sam.id)

        // Ended once: finishing again logs nothing more.
        await model.finish(.reachedOut)
        let after = try await t.allEvents()
        XCTAssertEqual(after.count, 1)
    }

    func testALetterNeedsAPersonAndTheUrgeStillEnds() async throws {
        let t = try await TemporaryVault.created()
        let model = UrgeModel(session: t.session, personId: nil)
        await model.start()
        XCTAssertEqual(model.support?.copingSteps, [], "an empty plan has no steps")
        model.letter = "words"
        await model.keepLetter()
        XCTAssertEqual(model.problem, .invalidInput(field: "person_id"))
        XCTAssertNil(model.savedLetter)
        await model.finish(.delayed)
        XCTAssertNil(model.problem)
        let events = try await t.allEvents()
        guard case .urge(let urge) = events.first?.body else { return XCTFail("\(events)") }
        XCTAssertEqual(urge.outcome, .delayed)
    }
}

@MainActor
final class UrgeReachedOutTests: XCTestCase {
    func testReachingOutNeedsTheChannelAndIsLoggedWithoutBlame() async throws {
        let t = try await TemporaryVault.created()
        let sam = try await t.addSam()
        let model = UrgeModel(session: t.session, personId: sam.id)
        await model.start()
        await model.finish(.reachedOut)
        XCTAssertEqual(model.problem, .invalidInput(field: "reached_out_via"))
        XCTAssertEqual(model.stage, .support, "the flow ended without the channel")
        var events = try await t.allEvents()
        XCTAssertEqual(events, [])

        model.reachedOutVia = .text
        await model.finish(.reachedOut)
        XCTAssertNil(model.problem)
        XCTAssertEqual(model.stage, .ended)
        // The core logs the urge and, with it, my contact through that channel.
        events = try await t.allEvents()
        XCTAssertEqual(Set(events.map(\.kind)), [.urge, .myContact])
        guard let urge = events.lazy.compactMap({ event -> Urge? in
            if case .urge(let urge) = event.body { return urge }
            return nil
        }).first else { return XCTFail("\(events)") }
        XCTAssertEqual(urge.outcome, .reachedOut)
        XCTAssertEqual(urge.reachedOutVia, .text)
    }
}

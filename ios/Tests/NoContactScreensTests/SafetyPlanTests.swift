import NoContactKit
import NoContactTestSupport
import XCTest

@testable import NoContactScreens

@MainActor
final class SafetyPlanTests: XCTestCase {
    func testEditingTheCrisisViewAndTheGoBag() async throws {
        let t = try await TemporaryVault.created()
        let model = SafetyPlanModel(session: t.session)
        await model.load()
        XCTAssertNil(model.problem)
        XCTAssertEqual(model.history, [], "no version before the first save")
        XCTAssertEqual(model.sections.count, 12)
        XCTAssertEqual(model.crisisSection, model.sections.first)

        model.edit()
        model.draft?.copingStrategies = ["Breathe out slowly", "Call Alex"]
        model.draft?.goBag = [ChecklistItem(text: "Passport", done: false), ChecklistItem(text: "Charger", done: false)]
        model.draft?.codeWord = "blue umbrella"
        await model.save()
        XCTAssertNil(model.problem)
        XCTAssertNil(model.draft)
        XCTAssertEqual(model.plan.copingStrategies, ["Breathe out slowly", "Call Alex"])
        XCTAssertEqual(model.history.count, 1)

        await model.toggleGoBag(1)
        XCTAssertEqual(model.plan.goBag.map(\.done), [false, true])
        XCTAssertEqual(model.history.count, 2, "ticking an item keeps the earlier version")
        let stored = try await t.session.safetyPlan()
        XCTAssertEqual(stored.goBag.map(\.done), [false, true])
        XCTAssertEqual(stored.codeWord, "blue umbrella")

        // One section at a time, within bounds.
        model.previousSection()
        XCTAssertEqual(model.crisisIndex, 0)
        for _ in 0..<20 { model.nextSection() }
        XCTAssertEqual(model.crisisIndex, model.sections.count - 1)

        // An item far too long is refused and the plan stays as it was.
        model.edit()
        model.draft?.warningSigns = [String(repeating: "x", count: 100_000)]
        await model.save()
        XCTAssertEqual(model.problem, .invalidInput(field: "warning_signs"))
        XCTAssertNotNil(model.draft, "the draft is lost after a refusal")
        let after = try await t.session.safetyPlanHistory()
        XCTAssertEqual(after.count, 2)
    }
}

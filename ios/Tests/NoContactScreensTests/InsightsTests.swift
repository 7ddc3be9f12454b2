import NoContactKit
import NoContactTestSupport
import XCTest

@testable import NoContactScreens

@MainActor
final class InsightsTests: XCTestCase {
    func testInsightsCountUrgesAndAttempts() async throws {
        let t = try await TemporaryVault.created()
        let sam = try await t.addSam()
        _ = try await t.session.logUrge(intensity: 6, outcome: .resisted)
        _ = try await t.session.logUrge(intensity: 4, outcome: .delayed)
        _ = try await t.session.logAttempt(personId: sam.id, channel: .text)
        let model = InsightsModel(session: t.session)
        await model.load()
        XCTAssertNil(model.problem)
        let insights = try XCTUnwrap(model.insights)
        XCTAssertEqual(insights.urges.total, 2)
        XCTAssertEqual(insights.urges.resistedPercent, 50)
        XCTAssertEqual(insights.attempts.total, 1)
        XCTAssertEqual(insights.urges.weekdayHour.count, 7, "weekday rows")

        model.weeks = 0
        await model.load()
        XCTAssertEqual(model.problem, .invalidInput(field: "weeks"))
    }
}

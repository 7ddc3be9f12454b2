import NoContactKit
import NoContactTestSupport
import XCTest

@testable import NoContactScreens

@MainActor
final class HomeTests: XCTestCase {
    func testHomeShowsTheStreaksPromptAndQuickActions() async throws {
        let t = try await TemporaryVault.created()
        let sam = try await t.addSam()
        let model = HomeModel(session: t.session)
        await model.load()
        XCTAssertNil(model.problem)
        let summary = try XCTUnwrap(model.summary)
        XCTAssertEqual(summary.streaks.people.map(\.personId), [sam.id])
        let streak = try XCTUnwrap(summary.streaks.people.first)
        XCTAssertGreaterThan(streak.currentDays, 300, "days since 2025-01-01")
        XCTAssertEqual(streak.breaches, 0)
        XCTAssertNotNil(summary.promptOfTheDay, "no prompt of the day")
        XCTAssertEqual(model.actions, [.theyReachedOut, .urge, .checkIn, .write])
        XCTAssertEqual(model.riskyDates, [])
    }

    func testALockedVaultShowsTheProblemNotStaleFigures() async throws {
        let t = try await TemporaryVault.created()
        await t.session.lock()
        let model = HomeModel(session: t.session)
        await model.load()
        XCTAssertEqual(model.problem, .locked)
        XCTAssertNil(model.summary)
    }
}

import NoContactKit
import NoContactTestSupport
import XCTest

@testable import NoContactScreens

@MainActor
final class ActivityTests: XCTestCase {
    func testTouchResetsTheIdleTimerAndALockedVaultLeavesTheScreens() async throws {
        let t = try await TemporaryVault.created()
        try await t.session.setLockPolicy(
            LockPolicy(eraseAfterFailures: nil, idleTimeoutSeconds: 15), acceptEvidenceLoss: false)
        let model = ActivityModel(session: t.session)
        await model.refresh()
        XCTAssertFalse(model.locked)
        let start = try XCTUnwrap(model.secondsLeft)
        XCTAssertTrue((14...15).contains(start), "\(start)")

        try await Task.sleep(for: .milliseconds(2100))
        await model.refresh()
        let later = try XCTUnwrap(model.secondsLeft)
        XCTAssertLessThanOrEqual(later, 13, "the idle timer did not run")
        await model.touch()
        XCTAssertGreaterThanOrEqual(model.secondsLeft ?? 0, 14, "a touch did not reset the timer")

        // The timeout off: no countdown.
        try await t.session.setLockPolicy(
            LockPolicy(eraseAfterFailures: nil, idleTimeoutSeconds: 0), acceptEvidenceLoss: false)
        await model.refresh()
        XCTAssertNil(model.secondsLeft)
        XCTAssertFalse(model.locked)

        // Locked (as the core does when the timeout passes): `run` ends and says so.
        let running = Task { await model.run(every: .milliseconds(50)) }
        await t.session.lock()
        await running.value
        XCTAssertTrue(model.locked)
        XCTAssertNil(model.secondsLeft)
        await model.touch()
        XCTAssertTrue(model.locked, "a touch opened a locked vault")
        let open = await t.session.isUnlocked
        XCTAssertFalse(open)
    }

    func testATimeoutOutOfRangeIsRefusedAndTheOldOneKept() async throws {
        let t = try await TemporaryVault.created()
        await assertThrows(.invalidInput(field: "idle_timeout_seconds")) {
            try await t.session.setLockPolicy(
                LockPolicy(eraseAfterFailures: nil, idleTimeoutSeconds: 3), acceptEvidenceLoss: false)
        }
        let model = ActivityModel(session: t.session)
        await model.refresh()
        let left = try XCTUnwrap(model.secondsLeft)
        XCTAssertGreaterThan(left, 200, "the default five minutes")
    }
}

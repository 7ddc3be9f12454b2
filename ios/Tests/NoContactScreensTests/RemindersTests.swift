import NoContactKit
import NoContactTestSupport
import XCTest

@testable import NoContactScreens

@MainActor
final class RemindersTests: XCTestCase {
    func testTheTimesAndTheNeutralText() async throws {
        let t = try await TemporaryVault.created()
        let model = RemindersModel(session: t.session)
        await model.load()
        XCTAssertNil(model.problem)
        XCTAssertEqual(model.settings?.discretion, .neutral, "neutral is the default")

        model.settings?.dailyCheckIn = TimeOfDay(hour: 7, minute: 30)
        model.settings?.eveningReview = nil
        await model.save()
        XCTAssertTrue(model.saved)
        let stored = try await t.session.reminderSettings()
        XCTAssertEqual(stored.dailyCheckIn, TimeOfDay(hour: 7, minute: 30))
        let daily = model.upcoming.filter { $0.kind == .dailyCheckIn }
        XCTAssertFalse(daily.isEmpty, "no daily reminder scheduled: \(model.upcoming)")
        for reminder in model.upcoming {
            XCTAssertFalse(reminder.title.isEmpty)
        }

        model.settings?.dailyCheckIn = TimeOfDay(hour: 25, minute: 0)
        await model.save()
        XCTAssertFalse(model.saved)
        XCTAssertEqual(model.problem, .invalidInput(field: "daily_check_in"), "an hour of 25 was accepted")
        let unchanged = try await t.session.reminderSettings()
        XCTAssertEqual(unchanged.dailyCheckIn, TimeOfDay(hour: 7, minute: 30))
    }
}

import NoContactKit
import NoContactTestSupport
import XCTest

@testable import NoContactScreens

@MainActor
final class PeopleTests: XCTestCase {
    func testAddingAPersonABoundaryAndARiskyDate() async throws {
        let t = try await TemporaryVault.created()
        let model = PeopleModel(session: t.session, today: LocalDate(year: 2026, month: 1, day: 10))
        model.alias = ""
        await model.addPerson()
        XCTAssertEqual(model.problem, .invalidInput(field: "alias"), "an empty alias")
        XCTAssertEqual(model.people, [])

        model.alias = "Sam"
        await model.addPerson()
        XCTAssertNil(model.problem)
        let sam = try XCTUnwrap(model.people.first)
        XCTAssertEqual(sam.alias, "Sam")
        XCTAssertEqual(model.alias, "")
        XCTAssertNotNil(model.streaks[sam.id], "no streak for the person")

        model.forPersonId = sam.id
        model.boundaryStatement = "I do not answer unknown numbers"
        await model.addBoundary(setOn: LocalDate(year: 2026, month: 1, day: 10))
        XCTAssertEqual(model.boundaries.map(\.statement), ["I do not answer unknown numbers"])

        // A date trigger five days ahead shows on the home screen.
        let inFive = Calendar(identifier: .gregorian).date(byAdding: .day, value: 5, to: Date())!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = t.session.zone
        let parts = calendar.dateComponents([.month, .day], from: inFive)
        model.triggerName = "Our anniversary"
        model.triggerCategory = .dateOrAnniversary
        model.triggerDate = MonthDay(month: UInt32(parts.month!), day: UInt32(parts.day!))
        await model.addTrigger()
        XCTAssertNil(model.problem)
        XCTAssertEqual(model.triggers.map(\.name), ["Our anniversary"])
        let home = HomeModel(session: t.session)
        await home.load()
        XCTAssertEqual(home.riskyDates.map(\.name), ["Our anniversary"])
        XCTAssertTrue((4...6).contains(home.riskyDates.first?.daysAway ?? 0), "\(home.riskyDates)")

        await model.setArchived(sam, true)
        XCTAssertEqual(model.people, [], "an archived person is still listed")
        model.showArchived = true
        await model.load()
        XCTAssertEqual(model.people.map(\.archived), [true])
    }
}

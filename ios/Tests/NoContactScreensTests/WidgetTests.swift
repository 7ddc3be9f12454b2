import NoContactKit
import NoContactTestSupport
import XCTest

@testable import NoContactScreens

@MainActor
final class WidgetTests: XCTestCase {
    func testThreeButtonsWriteWhileLockedAndShowOnlySaved() async throws {
        let t = try await TemporaryVault.created()
        let sam = try await t.addSam()
        await t.session.lock()

        let nobody = WidgetModel(session: t.session, personId: nil)
        await nobody.press(.theyReachedOut)
        XCTAssertEqual(nobody.status, .choosePerson)

        let widget = WidgetModel(session: t.session, personId: sam.id)
        XCTAssertEqual(widget.buttons, [.theyReachedOut, .urge, .imOK])
        for button in widget.buttons {
            await widget.press(button)
            XCTAssertEqual(widget.status, .saved, "\(button)")
        }
        let stillLocked = await t.session.isUnlocked
        XCTAssertFalse(stillLocked, "the widget opened the vault")

        try await t.session.unlock(passcode: passcode)
        let events = try await t.allEvents()
        XCTAssertEqual(Set(events.map(\.kind)), [.theirAttempt, .urge, .checkIn])
        XCTAssertTrue(events.allSatisfy(\.loggedWhileLocked))
        guard let attempt = events.first(where: { $0.kind == .theirAttempt }),
            case .theirAttempt(let body) = attempt.body
        else { return XCTFail("\(events)") }
        XCTAssertEqual(body.personId, sam.id)

        // A vault that is not there: nothing saved, nothing made.
        let missing = WidgetModel(session: t.otherSession(named: "none.db"), personId: sam.id)
        await missing.press(.imOK)
        XCTAssertEqual(missing.status, .notSaved)
        let made = await t.otherSession(named: "none.db").exists
        XCTAssertFalse(made)
    }
}

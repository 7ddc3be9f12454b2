import NoContactKit
import NoContactTestSupport
import XCTest

@testable import NoContactScreens

@MainActor
final class RecoverTests: XCTestCase {
    func testTheRecoveryCodeSetsANewPasscodeStillBoundToThePhone() async throws {
        let t = try TemporaryVault()
        let code = try await t.session.create(passcode: passcode, bindToDevice: true)
        _ = try await t.session.checkIn(mood: 4, energy: nil, note: "kept")
        await t.session.lock()
        let model = RecoverModel(session: t.session)

        model.code = code
        model.newPasscode = "a new passcode"
        model.newPasscodeAgain = "a new passcodE"
        await model.submit()
        XCTAssertEqual(model.status, .passcodesDiffer)

        model.newPasscodeAgain = "a new passcode"
        model.code = "AAAA-BBBB-CCCC-DDDD"
        await model.submit()
        XCTAssertEqual(model.status, .codeMistyped)
        model.code = try await Self.anotherVaultsCode()
        await model.submit()
        XCTAssertEqual(model.status, .wrongCode)
        XCTAssertEqual(model.code, "", "a wrong code stays on screen")
        let open = await t.session.isUnlocked
        XCTAssertFalse(open)

        model.code = code
        model.newPasscode = "abc"
        model.newPasscodeAgain = "abc"
        await model.submit()
        XCTAssertEqual(model.status, .passcodeRefused)

        model.code = code
        model.newPasscode = "a new passcode"
        model.newPasscodeAgain = "a new passcode"
        await model.submit()
        XCTAssertEqual(model.status, .recovered)
        XCTAssertEqual([model.code, model.newPasscode, model.newPasscodeAgain], ["", "", ""])
        let events = try await t.allEvents()
        XCTAssertEqual(events.count, 1, "recovery lost an entry")

        await t.session.lock()
        await assertThrows(.wrongSecret) { try await t.session.unlock(passcode: passcode) }
        try await t.session.unlock(passcode: "a new passcode")
        // Still bound to this phone's key.
        await t.session.lock()
        let key = await t.keys.key(for: .passcodeBinding)
        await t.keys.remove(.passcodeBinding)
        await assertThrows(.wrongSecret) { try await t.session.unlock(passcode: "a new passcode") }
        await t.keys.store(key!, for: .passcodeBinding)
        try await t.session.unlock(passcode: "a new passcode")
    }

    func testWrongCodesWaitLikeWrongPasscodes() async throws {
        let t = try TemporaryVault()
        _ = try await t.session.create(passcode: passcode, bindToDevice: false)
        await t.session.lock()
        let model = RecoverModel(session: t.session)
        model.newPasscode = "a new passcode"
        model.newPasscodeAgain = "a new passcode"
        let wrong = try await Self.anotherVaultsCode()
        for _ in 0..<8 {
            model.code = wrong
            await model.submit()
            if case .waiting = model.status { break }
        }
        guard case .waiting(let seconds) = model.status else { return XCTFail("status \(model.status)") }
        XCTAssertGreaterThan(seconds, 0)
        // While waiting, nothing is tried.
        model.code = wrong
        await model.submit()
        guard case .waiting = model.status else { return XCTFail("status \(model.status)") }
        let state = try await t.session.lockState()
        XCTAssertGreaterThan(state.retryAfterSeconds, 0)
    }

    /// A well-formed recovery code that opens some other notebook.
    private static func anotherVaultsCode() async throws -> String {
        let other = try TemporaryVault()
        return try await other.session.create(passcode: passcode, bindToDevice: false)
    }
}

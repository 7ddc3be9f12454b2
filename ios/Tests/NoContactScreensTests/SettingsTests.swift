import NoContactKit
import NoContactTestSupport
import XCTest

@testable import NoContactScreens

@MainActor
final class SettingsTests: XCTestCase {
    func testChangingThePasscode() async throws {
        let t = try await TemporaryVault.created()
        let model = SettingsModel(session: t.session, eraseWord: "ERASE")
        await model.load()
        model.newPasscode = "another passcode 9"
        model.newPasscodeAgain = "another passcode"
        await model.changePasscode()
        XCTAssertEqual(model.problem, .passcodesDiffer)
        model.newPasscodeAgain = "another passcode 9"
        await model.changePasscode()
        XCTAssertNil(model.problem)
        XCTAssertEqual(model.done, .passcodeChanged)
        XCTAssertEqual(model.newPasscode, "")

        await t.session.lock()
        await assertThrows(.wrongSecret) { try await t.session.unlock(passcode: passcode) }
        try await t.session.unlock(passcode: "another passcode 9")
        // Still bound to the device key.
        await t.session.lock()
        await t.keys.remove(.passcodeBinding)
        await assertThrows(.wrongSecret) { try await t.session.unlock(passcode: "another passcode 9") }
    }

    func testTheDuressPasscodeAndTheLockPolicy() async throws {
        // Not bound to the device key: the core compares the passcodes alone.
        let t = try TemporaryVault()
        _ = try await t.session.create(passcode: passcode, bindToDevice: false)
        let model = SettingsModel(session: t.session, eraseWord: "ERASE")
        await model.load()
        XCTAssertFalse(model.hasDuressPasscode)
        XCTAssertNil(model.eraseAfterFailures, "erase after failures is off by default")

        model.duressPasscode = passcode
        await model.setDuressPasscode()
        XCTAssertEqual(model.problem, .failed(.invalidInput(field: "duress_passcode")), "the real passcode as duress")
        model.duressPasscode = duressPasscode
        await model.setDuressPasscode()
        XCTAssertEqual(model.done, .duressSet)
        XCTAssertTrue(model.hasDuressPasscode)
        let has = try await t.session.hasDuressPasscode()
        XCTAssertTrue(has)

        // Erasing after failures needs the warning accepted.
        model.eraseAfterFailures = 10
        model.idleTimeoutSeconds = 120
        await model.saveLockPolicy()
        XCTAssertEqual(model.problem, .failed(.invalidInput(field: "accept_evidence_loss")))
        var stored = try await t.session.lockPolicy()
        XCTAssertNil(stored.eraseAfterFailures)
        model.acceptEvidenceLoss = true
        await model.saveLockPolicy()
        XCTAssertEqual(model.done, .lockPolicySaved)
        stored = try await t.session.lockPolicy()
        XCTAssertEqual(stored, LockPolicy(eraseAfterFailures: 10, idleTimeoutSeconds: 120))
    }

    func testEraseNeedsTheTypedWord() async throws {
        let t = try await TemporaryVault.created()
        _ = try await t.session.checkIn(mood: 3, energy: nil, note: "")
        let model = SettingsModel(session: t.session, eraseWord: "ERASE")
        model.eraseTyped = "erase"
        XCTAssertFalse(model.eraseConfirmed)
        await model.erase()
        var exists = await t.session.exists
        XCTAssertTrue(exists, "erased without the typed word")
        XCTAssertNil(model.done)

        model.eraseTyped = "ERASE"
        XCTAssertTrue(model.eraseConfirmed)
        await model.erase()
        XCTAssertEqual(model.done, .erased)
        exists = await t.session.exists
        XCTAssertFalse(exists)
        let key = await t.keys.key(for: .passcodeBinding)
        XCTAssertNil(key)
    }
}


import NoContactKit
import NoContactTestSupport
import XCTest

@testable import NoContactScreens

@MainActor
final class FirstRunTests: XCTestCase {
    func testFirstRunCreatesTheVaultAndConfirmsOneGroupOfTheCode() async throws {
        let t = try TemporaryVault()
        let model = FirstRunModel(session: t.session, groupIndex: 2)
        XCTAssertEqual(model.step, .welcome)
        model.next()
        XCTAssertEqual(model.step, .watchedPhone)
        model.next()
        XCTAssertEqual(model.step, .passcode)
        XCTAssertTrue(model.bindToDevice, "passcode plus device key is the default")

        // Passcodes that differ: nothing is created.
        model.passcode = passcode
        model.passcodeAgain = passcode + "x"
        await model.createVault()
        XCTAssertEqual(model.problem, .passcodesDiffer)
        XCTAssertEqual(model.step, .passcode)
        var exists = await t.session.exists
        XCTAssertFalse(exists)

        // The core refuses a too-short passcode: nothing is created.
        model.passcode = "abc"
        model.passcodeAgain = "abc"
        await model.createVault()
        XCTAssertEqual(model.problem, .passcodeRefused)
        exists = await t.session.exists
        XCTAssertFalse(exists)

        model.passcode = passcode
        model.passcodeAgain = passcode
        await model.createVault()
        XCTAssertNil(model.problem)
        XCTAssertEqual(model.step, .recoveryCode)
        // Eight groups of four, then the check character the core adds.
        XCTAssertEqual(model.recoveryGroups.count, 9)
        XCTAssertTrue(model.recoveryGroups.prefix(8).allSatisfy { $0.count == 4 }, "\(model.recoveryGroups)")
        XCTAssertEqual(model.recoveryGroups.last?.count, 1, "\(model.recoveryGroups)")
        XCTAssertEqual(model.passcode, "", "the passcode stays on screen")
        XCTAssertEqual(model.passcodeAgain, "")
        let code = model.recoveryGroups.joined(separator: "-")

        model.next()
        XCTAssertEqual(model.step, .confirmCode)
        model.typedGroup = model.recoveryGroups[3]
        model.confirmGroup()
        XCTAssertEqual(model.problem, .groupDiffers, "the wrong group was accepted")
        XCTAssertEqual(model.step, .confirmCode)
        model.showCodeAgain()
        XCTAssertEqual(model.step, .recoveryCode)
        model.next()
        model.typedGroup = " " + model.recoveryGroups[2].lowercased()
        model.confirmGroup()
        XCTAssertNil(model.problem)
        XCTAssertEqual(model.step, .done)
        XCTAssertEqual(model.recoveryGroups, [], "the code stays in memory after it was confirmed")

        // What the vault holds: open now, bound to the device key, and the
        // code shown opens it.
        let unlocked = await t.session.isUnlocked
        XCTAssertTrue(unlocked)
        let key = await t.keys.key(for: .passcodeBinding)
        XCTAssertEqual(key?.count, 32)
        await t.session.lock()
        try await t.session.recover(code: code, newPasscode: "new passcode 2")
        await t.session.lock()
        try await t.session.unlock(passcode: "new passcode 2")
        // The recovery kept the hardening: without the device key the new
        // passcode alone opens nothing.
        await t.session.lock()
        await t.keys.remove(.passcodeBinding)
        do {
            try await t.session.unlock(passcode: "new passcode 2")
            XCTFail("the new passcode opened the vault without the device key")
        } catch NoContactError.wrongSecret {}
    }

    func testWithoutDeviceBindingThePasscodeAloneOpens() async throws {
        let t = try TemporaryVault()
        let model = FirstRunModel(session: t.session, groupIndex: 0)
        model.next()
        model.next()
        model.bindToDevice = false
        model.passcode = passcode
        model.passcodeAgain = passcode
        await model.createVault()
        XCTAssertEqual(model.step, .recoveryCode)
        let key = await t.keys.key(for: .passcodeBinding)
        XCTAssertNil(key)
        await t.session.lock()
        try await t.session.unlock(passcode: passcode)
    }
}

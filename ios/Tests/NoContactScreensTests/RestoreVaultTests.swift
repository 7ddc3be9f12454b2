import NoContactKit
import NoContactTestSupport
import XCTest

@testable import NoContactScreens

/// The new-phone flow: first run, then a notebook made from a backup.
@MainActor
final class RestoreVaultTests: XCTestCase {
    /// The old phone: Sam, one attempt, one check-in, backed up.
    private func oldPhoneBackup(_ t: TemporaryVault) async throws -> (URL, [Event]) {
        let sam = try await t.addSam()
        _ = try await t.session.logAttempt(personId: sam.id, channel: .text)
        _ = try await t.session.checkIn(mood: 2, energy: 1, note: "Rainy — Zoë's 🌧️ day")
        let file = t.directory.appendingPathComponent("old-phone.backup")
        _ = try await t.session.exportBackup(to: file, passphrase: "a long backup passphrase", progress: nil)
        return (file, try await t.allEvents())
    }

    func testANewPhoneRestoresABackupAndShowsItsNewRecoveryCode() async throws {
        let t = try await TemporaryVault.created()
        let (file, events) = try await oldPhoneBackup(t)
        let keys = InMemoryDeviceKeyStore()
        let phone = t.otherSession(named: "new-phone.db", keys: keys)
        let model = RestoreVaultModel(session: phone, groupIndex: 3)

        // The passcodes differ: nothing is tried.
        model.passphrase = "a long backup passphrase"
        model.passcode = "new phone passcode"
        model.passcodeAgain = "new phone passcod"
        model.restore(from: file)
        XCTAssertEqual(model.problem, .passcodesDiffer)
        XCTAssertEqual(model.step, .form)
        XCTAssertNil(model.task)

        // A wrong passphrase: a calm word, and no vault left behind.
        model.passcodeAgain = "new phone passcode"
        model.passphrase = "not the passphrase"
        model.restore(from: file)
        await model.task?.value
        XCTAssertEqual(model.problem, .wrongPassphrase)
        XCTAssertEqual(model.step, .form)
        var exists = await phone.exists
        XCTAssertFalse(exists, "a refused restore left a vault")

        // A passcode the core refuses.
        model.passphrase = "a long backup passphrase"
        model.passcode = "abc"
        model.passcodeAgain = "abc"
        model.restore(from: file)
        await model.task?.value
        XCTAssertEqual(model.problem, .passcodeRefused)
        exists = await phone.exists
        XCTAssertFalse(exists)

        model.passcode = "new phone passcode"
        model.passcodeAgain = "new phone passcode"
        model.restore(from: file)
        await model.task?.value
        XCTAssertNil(model.problem)
        XCTAssertEqual(model.step, .recoveryCode)
        XCTAssertEqual(model.recoveryGroups.count, 9, "eight groups and the check")
        XCTAssertEqual(model.passphrase, "", "the passphrase stays on screen")
        XCTAssertEqual(model.passcode, "")
        XCTAssertGreaterThanOrEqual(model.restoredRecords ?? 0, 3)

        model.next()
        XCTAssertEqual(model.step, .confirmCode)
        model.typedGroup = "ZZZZ"
        model.confirmGroup()
        XCTAssertEqual(model.problem, .groupDiffers)
        model.typedGroup = " " + model.recoveryGroups[3].lowercased()
        model.confirmGroup()
        XCTAssertEqual(model.step, .done)
        XCTAssertEqual(model.recoveryGroups, [], "the code stays in memory")

        // The new phone holds the old one's entries, exactly, and its passcode
        // needs the new phone's own device key.
        let restored = try await phone.events(
            EventQuery(kinds: [], personId: nil, from: nil, until: nil, offset: 0, limit: 50)
        ).events
        XCTAssertEqual(restored, events)
        let key = await keys.key(for: .passcodeBinding)
        XCTAssertEqual(key?.count, 32)
        await phone.lock()
        try await phone.unlock(passcode: "new phone passcode")
        await phone.lock()
        await keys.remove(.passcodeBinding)
        await assertThrows(.wrongSecret) { try await phone.unlock(passcode: "new phone passcode") }
    }

    func testADamagedOrMissingBackupIsRefusedAndLeavesNothing() async throws {
        let t = try await TemporaryVault.created()
        let (file, _) = try await oldPhoneBackup(t)
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count / 2] ^= 0xFF
        let damaged = t.directory.appendingPathComponent("damaged.backup")
        try bytes.write(to: damaged)
        let phone = t.otherSession(named: "new-phone.db")
        let model = RestoreVaultModel(session: phone)
        model.passphrase = "a long backup passphrase"
        model.passcode = "new phone passcode"
        model.passcodeAgain = "new phone passcode"
        model.restore(from: damaged)
        await model.task?.value
        XCTAssertEqual(model.problem, .damagedBackup)
        var exists = await phone.exists
        XCTAssertFalse(exists)

        model.restore(from: t.directory.appendingPathComponent("nothing-here.backup"))
        await model.task?.value
        XCTAssertNotNil(model.problem)
        XCTAssertEqual(model.step, .form)
        exists = await phone.exists
        XCTAssertFalse(exists)

        // Cancelled at once: nothing is left either.
        model.restore(from: file)
        let task = model.task
        model.cancel()
        await task?.value
        XCTAssertEqual(model.problem, .cancelled)
        exists = await phone.exists
        XCTAssertFalse(exists)
    }

    func testItNeverReplacesANotebookAlreadyThere() async throws {
        let t = try await TemporaryVault.created()
        let (file, _) = try await oldPhoneBackup(t)
        let model = RestoreVaultModel(session: t.session)
        model.passphrase = "a long backup passphrase"
        model.passcode = "new phone passcode"
        model.passcodeAgain = "new phone passcode"
        model.restore(from: file)
        await model.task?.value
        XCTAssertEqual(model.problem, .failed(.alreadyExists))
        await t.session.lock()
        try await t.session.unlock(passcode: passcode)
    }
}

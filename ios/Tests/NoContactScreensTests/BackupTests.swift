import NoContactKit
import NoContactTestSupport
import XCTest

@testable import NoContactScreens

@MainActor
final class BackupTests: XCTestCase {
    func testBackUpThenRestoreAsksBeforeDroppingNewerEntries() async throws {
        let t = try await TemporaryVault.created()
        let sam = try await t.addSam()
        let kept = try await t.session.logAttempt(personId: sam.id, channel: .call)
        let file = t.directory.appendingPathComponent("backup.bin")

        let model = BackupModel(session: t.session)
        model.passphrase = "a long backup passphrase"
        model.backUp(to: file)
        await model.task?.value
        guard case .backedUp(let summary) = model.status else { return XCTFail("status \(model.status)") }
        XCTAssertEqual(summary.chainRecords, 1)
        XCTAssertEqual(model.passphrase, "", "the passphrase stays on screen")
        XCTAssertTrue(FileManager.default.fileExists(atPath: file.path))

        // A newer entry, which the backup lacks.
        let newer = try await t.session.checkIn(mood: 4, energy: nil, note: "")

        // The wrong passphrase changes nothing.
        model.passphrase = "not the passphrase"
        model.restore(from: file)
        await model.task?.value
        XCTAssertEqual(model.status, .failed(.wrongSecret))

        model.passphrase = "a long backup passphrase"
        model.restore(from: file)
        await model.task?.value
        XCTAssertEqual(model.status, .confirmReplaceNewer)
        var events = try await t.allEvents()
        XCTAssertEqual(events.map(\.id), [newer.id, kept.id], "asking changed the vault")

        model.keepNewer()
        XCTAssertEqual(model.status, .idle)
        model.restore(from: file)
        await model.task?.value
        XCTAssertEqual(model.status, .confirmReplaceNewer)
        model.confirmReplaceNewer(from: file)
        await model.task?.value
        guard case .restored = model.status else { return XCTFail("status \(model.status)") }
        events = try await t.allEvents()
        XCTAssertEqual(events.map(\.id), [kept.id], "the restore did not replace the newer entry")
    }

    func testACancelledBackupLeavesNoFile() async throws {
        let t = try await TemporaryVault.created()
        _ = try await t.session.checkIn(mood: 4, energy: nil, note: "")
        let file = t.directory.appendingPathComponent("backup.bin")
        let model = BackupModel(session: t.session)
        model.passphrase = "a long backup passphrase"
        model.backUp(to: file)
        let task = model.task
        model.cancel()
        await task?.value
        XCTAssertEqual(model.status, .cancelled)
        XCTAssertFalse(FileManager.default.fileExists(atPath: file.path))
    }
}

import NoContactKit
import NoContactTestSupport
import XCTest

@testable import NoContactScreens

@MainActor
final class EvidenceTests: XCTestCase {
    func testAnExportWithProgressAndItsVerdict() async throws {
        let t = try await TemporaryVault.created()
        let sam = try await t.addSam()
        for channel in [Channel.call, .text, .email] {
            _ = try await t.session.logAttempt(personId: sam.id, channel: channel)
        }
        _ = try await t.session.checkIn(mood: 3, energy: nil, note: "")
        let model = EvidenceModel(session: t.session, exportsDirectory: t.directory)
        await model.load()
        XCTAssertEqual(model.people.map(\.id), [sam.id])
        XCTAssertEqual(model.chain?.intact, true)
        XCTAssertEqual(model.chain?.records, 4)

        model.personId = sam.id
        model.export()
        guard case .exporting = model.status else { return XCTFail("status \(model.status)") }
        await model.task?.value
        guard case .exported(let summary, let verdict) = model.status else {
            return XCTFail("status \(model.status)")
        }
        XCTAssertEqual(summary.entries, 3, "the three attempts, not the check-in")
        XCTAssertEqual(summary.records, 4)
        XCTAssertTrue(verdict.valid, "verdict \(verdict)")
        XCTAssertEqual(verdict.problems, [])
        XCTAssertEqual(verdict.records, 4)
        let folder = try XCTUnwrap(model.folder)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        XCTAssertFalse(files.isEmpty, "the export folder is empty")

        await model.makeCheckpoint()
        XCTAssertEqual(model.checkpoint?.records, 4)
        XCTAssertFalse(model.checkpoint?.code.isEmpty ?? true)
    }

    func testCancelLeavesNoFolder() async throws {
        let t = try await TemporaryVault.created()
        let sam = try await t.addSam()
        _ = try await t.session.logAttempt(personId: sam.id, channel: .call)
        let exports = t.directory.appendingPathComponent("exports", isDirectory: true)
        try FileManager.default.createDirectory(at: exports, withIntermediateDirectories: true)
        let model = EvidenceModel(session: t.session, exportsDirectory: exports)
        model.export()
        let task = model.task
        model.cancel()
        await task?.value
        XCTAssertEqual(model.status, .cancelled)
        XCTAssertNil(model.folder)
        let left = try FileManager.default.contentsOfDirectory(atPath: exports.path)
        XCTAssertEqual(left, [], "a cancelled export left files")
    }

    func testAnUnknownPersonIsRefused() async throws {
        let t = try await TemporaryVault.created()
        let model = EvidenceModel(session: t.session, exportsDirectory: t.directory)
        model.personId = "0123456789abcdef0123456789abcdef"
        model.export()
        await model.task?.value
        XCTAssertEqual(model.status, .failed(.invalidInput(field: "person_id")))
    }
}

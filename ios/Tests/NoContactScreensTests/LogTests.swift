import NoContactKit
import NoContactTestSupport
import XCTest

@testable import NoContactScreens

@MainActor
final class LogTests: XCTestCase {
    func testTheTimelineFiltersAndPages() async throws {
        let t = try await TemporaryVault.created()
        let sam = try await t.addSam()
        let first = try await t.session.logAttempt(personId: sam.id, channel: .call)
        let second = try await t.session.checkIn(mood: 2, energy: nil, note: "")
        let third = try await t.session.logAttempt(personId: sam.id, channel: .email)

        let model = LogModel(session: t.session)
        await model.reload()
        XCTAssertNil(model.problem)
        XCTAssertEqual(model.events.map(\.id), [third.id, second.id, first.id], "newest first")
        XCTAssertEqual(model.total, 3)
        XCTAssertNil(model.nextOffset)

        model.kinds = [.checkIn]
        await model.reload()
        XCTAssertEqual(model.events.map(\.id), [second.id])
        XCTAssertEqual(model.total, 1)
    }

    func testAnAmendmentKeepsTheEarlierVersionAndADeletionLeavesAMark() async throws {
        let t = try await TemporaryVault.created()
        let sam = try await t.addSam()
        let attempt = try await t.session.logAttempt(personId: sam.id, channel: .call)

        let entry = EntryModel(session: t.session, id: attempt.id)
        await entry.load()
        XCTAssertEqual(entry.status, .shown)
        XCTAssertEqual(entry.history.count, 1)

        entry.edit()
        guard case .theirAttempt(var details) = entry.draft else { return XCTFail("draft \(String(describing: entry.draft))") }
        details.said = "Pick up. We need to talk."
        details.saidVerbatim = true
        details.response = .ignored
        entry.draft = .theirAttempt(attempt: details)
        await entry.saveAmendment()
        XCTAssertNil(entry.problem)
        XCTAssertNil(entry.draft)
        XCTAssertEqual(entry.history.count, 2, "the earlier version is kept")
        XCTAssertEqual(entry.history.map(\.revision), [0, 1])
        XCTAssertEqual(entry.event?.revision, 1)
        // The core stores an amendment's instant to the millisecond, while a
        // quick log keeps a finer one: equal to the millisecond.
        let originalAt = try XCTUnwrap(entry.history.first?.at).timeIntervalSince1970
        let amendedAt = try XCTUnwrap(entry.event?.at).timeIntervalSince1970
        XCTAssertEqual(amendedAt, originalAt, accuracy: 0.001, "an amendment keeps the entry's time")
        guard case .theirAttempt(let amended) = entry.event?.body else { return XCTFail("\(String(describing: entry.event))") }
        XCTAssertEqual(amended.said, "Pick up. We need to talk.")
        guard case .theirAttempt(let original) = entry.history.first?.body else { return XCTFail("history") }
        XCTAssertEqual(original.said, "")

        // A bad amendment is refused and changes nothing.
        entry.edit()
        entry.draft = .checkIn(checkIn: CheckIn(mood: 0, energy: nil, note: "", tags: []))
        await entry.saveAmendment()
        XCTAssertNotNil(entry.problem)
        let unchanged = try await t.session.history(id: attempt.id)
        XCTAssertEqual(unchanged.count, 2)

        await entry.confirmDelete()
        XCTAssertEqual(entry.status, .shown, "deleted without being confirmed")
        entry.askToDelete()
        XCTAssertTrue(entry.confirmingDelete)
        await entry.confirmDelete()
        XCTAssertEqual(entry.status, .deleted)
        XCTAssertNil(entry.event)

        let log = LogModel(session: t.session)
        await log.reload()
        XCTAssertEqual(log.events, [])
        await assertThrows(.notFound) { try await t.session.event(id: attempt.id) }
        // The entry, its amendment and the redaction mark, still chained.
        let report = try await t.session.chainReport()
        XCTAssertTrue(report.intact)
        XCTAssertEqual(report.records, 3)
    }
}

import NoContactKit
import NoContactTestSupport
import XCTest

@testable import NoContactScreens

@MainActor
final class LogPeriodTests: XCTestCase {
    func testTheTimelineFilteredByPeriodKindAndPerson() async throws {
        let t = try await TemporaryVault.created()
        let sam = try await t.addSam()
        let march = Date(timeIntervalSince1970: 1_772_000_000)
        let june = Date(timeIntervalSince1970: 1_780_000_000)
        let attempt = EventBody.theirAttempt(
            attempt: TheirAttempt(
                personId: sam.id, channel: .call, handle: "", said: "", saidVerbatim: false, response: .ignored,
                location: "", witnesses: [], feltUnsafe: 0, attachments: [], note: ""))
        let early = try await t.session.log(attempt, at: march).event
        let later = try await t.session.log(attempt, at: june).event
        let checkIn = try await t.session.checkIn(mood: 3, energy: nil, note: "")

        let model = LogModel(session: t.session)
        await model.reload()
        XCTAssertEqual(model.events.map(\.id), [checkIn.id, later.id, early.id])

        model.from = march.addingTimeInterval(1)
        model.until = june.addingTimeInterval(1)
        await model.reload()
        XCTAssertEqual(model.events.map(\.id), [later.id], "the period")
        XCTAssertEqual(model.total, 1)

        model.from = nil
        model.until = nil
        model.kinds = [.theirAttempt]
        model.personId = sam.id
        await model.reload()
        XCTAssertEqual(model.events.map(\.id), [later.id, early.id])

        // A period that ends before it starts shows nothing, or a clear error.
        model.from = june
        model.until = march
        await model.reload()
        XCTAssertTrue(model.events.isEmpty || model.problem != nil, "\(model.events)")
    }
}

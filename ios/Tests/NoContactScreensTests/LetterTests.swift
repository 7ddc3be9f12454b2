import NoContactKit
import NoContactTestSupport
import XCTest

@testable import NoContactScreens

@MainActor
final class LetterTests: XCTestCase {
    func testAnUnsentLetterToAPersonIsKeptAndNeverAJournalEntry() async throws {
        let t = try await TemporaryVault.created()
        let sam = try await t.addSam()
        let model = ReflectModel(session: t.session)
        await model.load()
        XCTAssertEqual(model.people.map(\.id), [sam.id])
        model.letterTo = sam.id
        model.text = "I wanted to tell you — I'm fine without you."
        await model.saveEntry()
        XCTAssertNil(model.problem)
        XCTAssertNil(model.letterTo, "the next entry would be a letter too")
        XCTAssertEqual(model.entries.count, 1)
        XCTAssertEqual(model.entries.first?.body.kind, .unsentLetter(personId: sam.id))
        XCTAssertEqual(model.entries.first?.body.text, "I wanted to tell you — I'm fine without you.")

        // To someone who does not exist: refused, nothing kept.
        model.letterTo = "0123456789abcdef0123456789abcdef"
        model.text = "x"
        await model.saveEntry()
        XCTAssertNotNil(model.problem)
        await model.load()
        XCTAssertEqual(model.entries.count, 1)
    }
}

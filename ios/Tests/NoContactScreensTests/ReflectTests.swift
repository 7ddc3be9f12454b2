import NoContactKit
import NoContactTestSupport
import XCTest

@testable import NoContactScreens

@MainActor
final class ReflectTests: XCTestCase {
    func testAJournalEntryOnTodaysPromptAndAnAcceptedReason() async throws {
        let t = try await TemporaryVault.created()
        let model = ReflectModel(session: t.session)
        await model.load()
        XCTAssertNil(model.problem)
        let prompt = try XCTUnwrap(model.todaysPrompt)
        XCTAssertTrue(model.prompts.contains(prompt), "today's prompt is not in the library")
        XCTAssertEqual(model.entries, [])

        model.answerTodaysPrompt()
        XCTAssertEqual(model.promptId, prompt.id)
        model.title = "Tuesday"
        model.text = "Quiet day. I did not check their profile."
        model.mood = 4
        await model.saveEntry()
        XCTAssertNil(model.problem)
        XCTAssertEqual(model.text, "")
        XCTAssertEqual(model.entries.count, 1)
        let entry = try XCTUnwrap(model.entries.first)
        XCTAssertEqual(entry.body.kind, .journal(promptId: prompt.id))
        XCTAssertEqual(entry.body.text, "Quiet day. I did not check their profile.")
        XCTAssertEqual(entry.body.mood, 4)

        let suggestion = try XCTUnwrap(model.suggestions.first)
        await model.accept(suggestion)
        XCTAssertEqual(model.reasons.map(\.suggestionId), [suggestion.id])
        XCTAssertFalse(model.suggestions.contains(suggestion), "an accepted suggestion is still offered")
        model.newReason = "I want my weekends back"
        await model.addReason()
        XCTAssertEqual(model.reasons.map(\.text).last, "I want my weekends back")
    }

    func testAMoodOutOfRangeIsRefused() async throws {
        let t = try await TemporaryVault.created()
        let model = ReflectModel(session: t.session)
        model.text = "words"
        model.mood = 9
        await model.saveEntry()
        XCTAssertEqual(model.problem, .invalidInput(field: "mood"))
        XCTAssertEqual(model.text, "words", "the text typed is lost after a refusal")
        let page = try await t.session.reflections(
            ReflectionQuery(filter: .all, personId: nil, from: nil, until: nil, offset: 0, limit: 10))
        XCTAssertEqual(page.total, 0)
    }
}

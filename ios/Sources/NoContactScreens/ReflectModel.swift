import Foundation
import NoContactKit
import Observation

/// Reflect: journal entries, unsent letters to a person, today's prompt and the prompt library, my
/// reasons with the built-in suggestions to accept [`add_reflection`,
/// `list_prompts`, `prompt_of_the_day`, `list_reasons`, `reason_suggestions`].
@MainActor
@Observable
public final class ReflectModel {
    public internal(set) var todaysPrompt: Prompt?
    public internal(set) var prompts: [Prompt] = []
    public internal(set) var entries: [Reflection] = []
    public internal(set) var reasons: [MyReason] = []
    public internal(set) var suggestions: [ReasonSuggestion] = []
    /// The prompt being answered; nil for a free entry.
    public var promptId: String?
    public var title = ""
    public var text = ""
    public var mood: UInt8?
    public var newReason = ""
    /// With a person chosen, the entry is an unsent letter to them (kept,
    /// never sent); nil for a journal entry.
    public var letterTo: String?
    /// Whom a letter can be to.
    public internal(set) var people: [Person] = []
    public internal(set) var problem: NoContactError?

    private let session: VaultSession

    public init(session: VaultSession) {
        self.session = session
    }

    public func load() async {
        do {
            todaysPrompt = try await session.summary().promptOfTheDay
            prompts = try await session.prompts()
            entries = try await session.reflections(
                ReflectionQuery(filter: .all, personId: nil, from: nil, until: nil, offset: 0, limit: 50)
            ).reflections
            reasons = try await session.reasons()
            suggestions = try await session.reasonSuggestions()
            people = try await session.people()
            problem = nil
        } catch {
            problem = NoContactError(error)
        }
    }

    /// Starts an entry on today's prompt.
    public func answerTodaysPrompt() {
        promptId = todaysPrompt?.id
    }

    public func saveEntry() async {
        let kind: ReflectionKind = letterTo.map { .unsentLetter(personId: $0) } ?? .journal(promptId: promptId)
        let body = ReflectionBody(kind: kind, title: title, text: text, tags: [], mood: mood)
        do {
            _ = try await session.addReflection(body)
            title = ""
            text = ""
            mood = nil
            promptId = nil
            letterTo = nil
            await load()
        } catch {
            problem = NoContactError(error)
        }
    }

    public func accept(_ suggestion: ReasonSuggestion) async {
        do {
            _ = try await session.acceptReasonSuggestion(suggestion.id, editedText: nil)
            await load()
        } catch {
            problem = NoContactError(error)
        }
    }

    public func addReason() async {
        do {
            _ = try await session.addReason(newReason)
            newReason = ""
            await load()
        } catch {
            problem = NoContactError(error)
        }
    }
}

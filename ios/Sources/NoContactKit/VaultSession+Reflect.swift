import Foundation

/// Reflections: journal entries, unsent letters, prompts.
extension VaultSession {
    public func addReflection(_ body: ReflectionBody) throws -> Reflection {
        let entry = NewReflection(at: nil, utcOffsetSeconds: utcOffsetNow, body: body)
        return try call { try $0.addReflection(reflection: entry) }
    }

    /// Every version of a reflection, oldest first.
    public func reflectionHistory(id: String) throws -> [Reflection] {
        try call { try $0.reflectionHistory(id: id) }
    }

    public func prompts() throws -> [Prompt] {
        try call { try $0.listPrompts() }
    }
}

extension VaultSession {
    public func reflections(_ query: ReflectionQuery) throws -> ReflectionPage {
        try call { try $0.listReflections(query: query) }
    }

    /// The person's own reasons, oldest first.
    public func reasons() throws -> [MyReason] {
        try call { try $0.listReasons() }
    }

    /// Built-in reasons not yet accepted.
    public func reasonSuggestions() throws -> [ReasonSuggestion] {
        try call { try $0.reasonSuggestions() }
    }

    public func acceptReasonSuggestion(_ id: String, editedText: String?) throws -> MyReason {
        try call { try $0.acceptReasonSuggestion(suggestionId: id, editedText: editedText) }
    }

    public func addReason(_ text: String) throws -> MyReason {
        try call { try $0.addReason(text: text, theme: nil) }
    }

    /// Patterns over the last `weeks` weeks, for everyone or one person.
    public func insights(weeks: UInt32, personId: String?) throws -> Insights {
        try call { try $0.insights(zone: zone.identifier, weeks: weeks, personId: personId) }
    }
}

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

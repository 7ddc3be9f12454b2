import Foundation
import NoContactKit
import Observation

/// Quick log: their attempt (who, which channel), an urge (intensity, then
/// the urge flow or "logged"), a check-in (mood 1–5, energy, a note)
/// [`quick_log_attempt`, `quick_log_urge`, `log_event`]. Details can be
/// added later, as an amendment, from the log.
@MainActor
@Observable
public final class QuickLogModel {
    public enum Kind: Equatable, Sendable {
        case attempt
        case urge
        case checkIn
    }

    public let kind: Kind
    public internal(set) var people: [Person] = []
    public var personId: String?
    public var channel: Channel = .call
    /// 0–10.
    public var intensity: UInt8 = 5
    /// 1–5.
    public var mood: UInt8 = 3
    public var energy: UInt8?
    public var note = ""
    /// The entry just written (the view says "Saved" and offers details).
    public internal(set) var saved: Event?
    public internal(set) var problem: NoContactError?

    private let session: VaultSession

    public init(session: VaultSession, kind: Kind) {
        self.session = session
        self.kind = kind
    }

    public func load() async {
        do {
            people = try await session.people()
            if personId == nil { personId = people.first?.id }
        } catch {
            problem = NoContactError(error)
        }
    }

    /// Their attempt, or a check-in. An urge goes through `logUrge`.
    public func save() async {
        do {
            switch kind {
            case .attempt:
                saved = try await session.logAttempt(personId: personId ?? "", channel: channel)
            case .checkIn:
                saved = try await session.checkIn(mood: mood, energy: energy, note: note)
            case .urge:
                saved = try await session.logUrge(intensity: intensity, outcome: .delayed)
            }
            problem = nil
        } catch {
            problem = NoContactError(error)
        }
    }

    /// An urge the person got through without the flow, with its outcome.
    public func logUrge(outcome: UrgeOutcome) async {
        do {
            saved = try await session.logUrge(intensity: intensity, outcome: outcome)
            problem = nil
        } catch {
            problem = NoContactError(error)
        }
    }
}

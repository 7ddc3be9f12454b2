import Foundation
import NoContactKit
import Observation

/// Getting through an urge: my reasons, my coping steps ticked one by one,
/// the people I can reach (the phone's own dialer or messages; the app
/// sends nothing), a wait timer with the suggested minutes, "write what you
/// want to send" kept as an unsent letter, and the outcome
/// [`start_urge_session`, `write_urge_letter`, `end_urge_session`].
@MainActor
@Observable
public final class UrgeModel {
    public enum Stage: Equatable, Sendable {
        case starting
        case support
        case ended
    }

    public internal(set) var stage: Stage = .starting
    /// What the core gathered for this moment; nil until started.
    public internal(set) var support: UrgeSupport?
    /// Indexes of the coping steps ticked as done.
    public internal(set) var doneSteps: Set<Int> = []
    /// Seconds left on the wait timer while it runs.
    public internal(set) var waitSecondsLeft: Int?
    public var letter = ""
    /// The letter as last kept (nil until written once).
    public internal(set) var savedLetter: Reflection?
    /// 0–10.
    public var intensity: UInt8 = 5
    public var note = ""
    /// How they reached out, when that is the outcome (the core asks for it).
    public var reachedOutVia: Channel?
    /// What was logged at the end.
    public internal(set) var logged: Event?
    public internal(set) var problem: NoContactError?

    private let session: VaultSession
    private let personId: String?

    public init(session: VaultSession, personId: String?) {
        self.session = session
        self.personId = personId
    }

    public func start() async {
        guard stage == .starting else { return }
        do {
            support = try await session.startUrge(personId: personId)
            stage = .support
            problem = nil
        } catch {
            problem = NoContactError(error)
        }
    }

    public func toggleStep(_ index: Int) {
        if doneSteps.contains(index) {
            doneSteps.remove(index)
        } else {
            doneSteps.insert(index)
        }
    }

    /// Starts the wait with the core's suggested minutes; `tick` counts it down.
    public func startWait() {
        guard let support else { return }
        waitSecondsLeft = Int(support.suggestedWaitMinutes) * 60
    }

    /// One second of the wait went by (the view's timer calls this).
    public func tick() {
        guard let left = waitSecondsLeft else { return }
        waitSecondsLeft = left > 1 ? left - 1 : nil
    }

    public func stopWait() {
        waitSecondsLeft = nil
    }

    /// Keeps the letter (again, as a new version, on each call). Never sent.
    public func keepLetter() async {
        guard let support else { return }
        do {
            savedLetter = try await session.writeUrgeLetter(session: support.sessionId, text: letter)
            problem = nil
        } catch {
            problem = NoContactError(error)
        }
    }

    /// Ends the session: resisted, delayed or reached out. The coping steps
    /// ticked are logged as what helped.
    public func finish(_ outcome: UrgeOutcome) async {
        guard let support, stage == .support else { return }
        let coping = doneSteps.sorted().compactMap { index in
            support.copingSteps.indices.contains(index) ? support.copingSteps[index] : nil
        }
        let end = UrgeEnd(
            intensity: intensity, outcome: outcome, reachedOutVia: outcome == .reachedOut ? reachedOutVia : nil,
            triggerIds: [],
            emotions: [], otherEmotions: [], coping: coping, note: note, utcOffsetSeconds: 0)
        do {
            logged = try await session.endUrge(session: support.sessionId, end: end).event
            waitSecondsLeft = nil
            stage = .ended
            problem = nil
        } catch {
            problem = NoContactError(error)
        }
    }
}

import Foundation
import NoContactKit
import Observation

/// The full entries: their attempt with every field (the handle they used,
/// what was said and whether those are their exact words, my response,
/// where, witnesses, how unsafe it felt 0–4), my contact (who started it,
/// the boundaries it crossed), an urge (triggers, emotions, what helped,
/// the outcome), a check-in. A new entry is logged [`log_event`]; an
/// existing one is amended, its earlier version kept [`amend_event`].
/// The core checks every field; the model only gathers them.
@MainActor
@Observable
public final class EntryFormModel {
    public let kind: EventKind
    /// The entry being amended; nil for a new one.
    public let original: Event?

    // What the pickers offer.
    public internal(set) var people: [Person] = []
    public internal(set) var triggers: [Trigger] = []
    public internal(set) var boundaries: [Boundary] = []

    /// When it happened; nil: now (an amendment keeps the original's time).
    public var at: Date?
    public var personId: String?
    public var channel: Channel = .call
    public var note = ""

    // Their attempt.
    public var handle = ""
    public var said = ""
    /// `said` holds their exact words.
    public var saidVerbatim = false
    public var response: AttemptResponse = .ignored
    public var location = ""
    public internal(set) var witnesses: [String] = []
    public var witnessDraft = ""
    /// 0 (not at all) to 4 (in danger).
    public var feltUnsafe: UInt8 = 0

    // My contact.
    public var initiatedBy: Initiator = .me
    public internal(set) var crossedBoundaryIds: [String] = []

    // An urge.
    /// 0–10.
    public var intensity: UInt8 = 5
    public internal(set) var triggerIds: [String] = []
    public internal(set) var emotions: [Emotion] = []
    public internal(set) var coping: [String] = []
    public var copingDraft = ""
    public var outcome: UrgeOutcome = .resisted
    public var reachedOutVia: Channel?

    // A check-in.
    /// 1–5.
    public var mood: UInt8 = 3
    public var energy: UInt8?

    /// What was written (the view says "Saved").
    public internal(set) var saved: Event?
    public internal(set) var problem: NoContactError?

    private let session: VaultSession
    /// Kept as they were when amending (the form does not pick files).
    private var attachments: [Attachment] = []
    private var otherEmotions: [String] = []
    private var tags: [String] = []

    /// A new entry of `kind`.
    public init(session: VaultSession, kind: EventKind, personId: String? = nil) {
        self.session = session
        self.kind = kind
        self.original = nil
        self.personId = personId
    }

    /// Amending `event`: the form starts from what it holds.
    public init(session: VaultSession, amending event: Event) {
        self.session = session
        self.kind = event.kind
        self.original = event
        fill(from: event.body)
    }

    public func load() async {
        do {
            people = try await session.people()
            triggers = try await session.triggers()
            boundaries = try await session.boundaries(personId: nil).filter { $0.status == .active }
            if personId == nil, kind == .theirAttempt || kind == .myContact {
                personId = people.first?.id
            }
            problem = nil
        } catch {
            problem = NoContactError(error)
        }
    }

    public func addWitness() {
        let name = witnessDraft.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { return }
        witnesses.append(name)
        witnessDraft = ""
    }

    public func removeWitness(at index: Int) {
        if witnesses.indices.contains(index) { witnesses.remove(at: index) }
    }

    public func addCoping() {
        let step = copingDraft.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !step.isEmpty else { return }
        coping.append(step)
        copingDraft = ""
    }

    public func removeCoping(at index: Int) {
        if coping.indices.contains(index) { coping.remove(at: index) }
    }

    public func toggle(emotion: Emotion) {
        Self.toggle(emotion, in: &emotions)
    }

    public func toggle(triggerId: String) {
        Self.toggle(triggerId, in: &triggerIds)
    }

    public func toggle(crossedBoundaryId: String) {
        Self.toggle(crossedBoundaryId, in: &crossedBoundaryIds)
    }

    /// What the form holds, as the core's record.
    public var body: EventBody {
        switch kind {
        case .theirAttempt:
            return .theirAttempt(
                attempt: TheirAttempt(
                    personId: personId ?? "", channel: channel, handle: handle, said: said,
                    saidVerbatim: saidVerbatim, response: response, location: location, witnesses: witnesses,
                    feltUnsafe: feltUnsafe, attachments: attachments, note: note))
        case .myContact:
            return .myContact(
                contact: MyContact(
                    personId: personId ?? "", channel: channel, initiatedBy: initiatedBy,
                    crossedBoundaryIds: crossedBoundaryIds, note: note))
        case .urge:
            return .urge(
                urge: Urge(
                    intensity: intensity, personId: personId, triggerIds: triggerIds, emotions: emotions,
                    otherEmotions: otherEmotions, coping: coping, outcome: outcome,
                    reachedOutVia: outcome == .reachedOut ? reachedOutVia : nil, note: note))
        case .checkIn:
            return .checkIn(checkIn: CheckIn(mood: mood, energy: energy, note: note, tags: tags))
        }
    }

    public func save() async {
        do {
            if let original {
                saved = try await session.amend(original, body: body)
            } else {
                saved = try await session.log(body, at: at).event
            }
            problem = nil
        } catch {
            problem = NoContactError(error)
        }
    }

    private func fill(from body: EventBody) {
        switch body {
        case .theirAttempt(let a):
            (personId, channel, handle, said, saidVerbatim) = (a.personId, a.channel, a.handle, a.said, a.saidVerbatim)
            (response, location, witnesses, feltUnsafe) = (a.response, a.location, a.witnesses, a.feltUnsafe)
            (attachments, note) = (a.attachments, a.note)
        case .myContact(let c):
            (personId, channel, initiatedBy, crossedBoundaryIds, note) =
                (c.personId, c.channel, c.initiatedBy, c.crossedBoundaryIds, c.note)
        case .urge(let u):
            (intensity, personId, triggerIds, emotions, otherEmotions) =
                (u.intensity, u.personId, u.triggerIds, u.emotions, u.otherEmotions)
            (coping, outcome, reachedOutVia, note) = (u.coping, u.outcome, u.reachedOutVia, u.note)
        case .checkIn(let c):
            (mood, energy, note, tags) = (c.mood, c.energy, c.note, c.tags)
        }
    }

    private static func toggle<T: Equatable>(_ value: T, in list: inout [T]) {
        if let index = list.firstIndex(of: value) {
            list.remove(at: index)
        } else {
            list.append(value)
        }
    }
}

import Foundation
import NoContactKit
import Observation

/// The log: the timeline, newest first, filtered by kind, person and period, paged
/// [`list_events`].
@MainActor
@Observable
public final class LogModel {
    public internal(set) var events: [Event] = []
    public internal(set) var total: UInt64 = 0
    /// Where the next page starts; nil when everything is shown.
    public internal(set) var nextOffset: UInt32?
    /// Kinds shown; empty shows every kind.
    public var kinds: [EventKind] = []
    public var personId: String?
    /// The period shown: at or after `from`, before `until` (nil: open-ended).
    public var from: Date?
    public var until: Date?
    public internal(set) var problem: NoContactError?

    public static let pageSize: UInt32 = 50

    private let session: VaultSession

    public init(session: VaultSession) {
        self.session = session
    }

    /// The first page with the current filters.
    public func reload() async {
        await load(offset: 0, replacing: true)
    }

    public func loadMore() async {
        guard let nextOffset else { return }
        await load(offset: nextOffset, replacing: false)
    }

    private func load(offset: UInt32, replacing: Bool) async {
        let query = EventQuery(
            kinds: kinds, personId: personId, from: from, until: until, offset: offset, limit: Self.pageSize)
        do {
            let page = try await session.events(query)
            events = replacing ? page.events : events + page.events
            total = page.total
            nextOffset = page.nextOffset
            problem = nil
        } catch {
            problem = NoContactError(error)
        }
    }
}

/// One entry: its latest version and the earlier ones; editing appends an
/// amendment and deleting leaves a redaction mark, and the screen says so
/// [`get_event`, `event_history`, `amend_event`, `delete_event`].
@MainActor
@Observable
public final class EntryModel {
    public enum Status: Equatable, Sendable {
        case loading
        case shown
        /// The entry was deleted; a mark of the removal stays in the record.
        case deleted
    }

    public let id: String
    public internal(set) var status: Status = .loading
    public internal(set) var event: Event?
    /// Every version, oldest first (more than one once amended).
    public internal(set) var history: [Event] = []
    /// The body being edited; nil when not editing.
    public var draft: EventBody?
    /// The person asked to delete; the screen asks to confirm.
    public internal(set) var confirmingDelete = false
    public internal(set) var problem: NoContactError?

    private let session: VaultSession

    public init(session: VaultSession, id: String) {
        self.session = session
        self.id = id
    }

    public func load() async {
        do {
            event = try await session.event(id: id)
            history = try await session.history(id: id)
            status = .shown
            problem = nil
        } catch {
            problem = NoContactError(error)
        }
    }

    public func edit() {
        draft = event?.body
    }

    public func cancelEdit() {
        draft = nil
    }

    /// Saves the draft as an amendment; the earlier version stays.
    public func saveAmendment() async {
        guard let event, let draft else { return }
        do {
            _ = try await session.amend(event, body: draft)
            self.draft = nil
            await load()
        } catch {
            problem = NoContactError(error)
        }
    }

    public func askToDelete() {
        confirmingDelete = true
    }

    public func cancelDelete() {
        confirmingDelete = false
    }

    public func confirmDelete() async {
        guard confirmingDelete else { return }
        do {
            try await session.delete(id: id)
            confirmingDelete = false
            event = nil
            history = []
            status = .deleted
            problem = nil
        } catch {
            problem = NoContactError(error)
        }
    }
}

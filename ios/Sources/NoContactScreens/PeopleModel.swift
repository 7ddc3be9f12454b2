import Foundation
import NoContactKit
import Observation

/// People, boundaries, triggers: add, edit, archive; each person's days
/// kept and a boundary's crossings come from the core [`*_person`,
/// `*_boundary`, `*_trigger`, `streaks`].
@MainActor
@Observable
public final class PeopleModel {
    public internal(set) var people: [Person] = []
    /// The core's streak per person (by person id).
    public internal(set) var streaks: [String: Streak] = [:]
    public internal(set) var boundaries: [Boundary] = []
    public internal(set) var triggers: [Trigger] = []
    /// A boundary's days kept and crossings, as the core counts them (by boundary id).
    public internal(set) var boundaryProgress: [String: BoundaryProgress] = [:]
    /// The boundary whose statement is being edited, and the text typed.
    public internal(set) var editingBoundaryId: String?
    public var boundaryEdit = ""
    public var showArchived = false
    // A new person being typed.
    public var alias = ""
    public var relationship: Relationship = .exPartner
    public var noContactSince: LocalDate
    // A new boundary or trigger being typed.
    public var boundaryStatement = ""
    public var boundaryKind: BoundaryKind = .communication
    public var triggerName = ""
    public var triggerCategory: TriggerCategory = .other
    public var triggerDate: MonthDay?
    /// Whom a new boundary or trigger is about (nil: everyone).
    public var forPersonId: String?
    public internal(set) var problem: NoContactError?

    private let session: VaultSession
    private let today: LocalDate

    /// `today` is where a new person's no-contact and a new boundary start by default.
    public init(session: VaultSession, today: LocalDate) {
        self.session = session
        self.today = today
        noContactSince = today
    }

    public func load() async {
        do {
            people = try await session.people(includeArchived: showArchived)
            let report = try await session.streaks()
            streaks = Dictionary(
                report.people.compactMap { streak in streak.personId.map { ($0, streak) } },
                uniquingKeysWith: { first, _ in first })
            boundaries = try await session.boundaries()
            triggers = try await session.triggers(includeArchived: showArchived)
            let insights = try await session.insights(weeks: Self.progressWeeks, personId: nil)
            boundaryProgress = Dictionary(
                insights.boundaries.map { ($0.boundaryId, $0) }, uniquingKeysWith: { first, _ in first })
            problem = nil
        } catch {
            problem = NoContactError(error)
        }
    }

    public func addPerson() async {
        let input = PersonInput(
            alias: alias, relationship: relationship, mode: .noContact, noContactSince: noContactSince,
            blockedOn: [], notes: "")
        await change {
            _ = try await self.session.addPerson(input)
            self.alias = ""
        }
    }

    public func setArchived(_ person: Person, _ archived: Bool) async {
        await change { _ = try await self.session.setArchived(personId: person.id, archived) }
    }

    public func addBoundary(setOn: LocalDate? = nil) async {
        let input = BoundaryInput(
            statement: boundaryStatement, personId: forPersonId, kind: boundaryKind, setOn: setOn ?? today,
            reviewOn: nil)
        await change {
            _ = try await self.session.addBoundary(input)
            self.boundaryStatement = ""
        }
    }

    public func addTrigger() async {
        let input = TriggerInput(name: triggerName, category: triggerCategory, date: triggerDate, personId: forPersonId)
        await change {
            _ = try await self.session.addTrigger(input)
            self.triggerName = ""
            self.triggerDate = nil
        }
    }

    /// Active, paused or retired (a crossed boundary is kept, never deleted).
    public func setStatus(_ boundary: Boundary, _ status: BoundaryStatus) async {
        await change { _ = try await self.session.setBoundaryStatus(id: boundary.id, status) }
    }

    public func editBoundary(_ boundary: Boundary) {
        editingBoundaryId = boundary.id
        boundaryEdit = boundary.statement
        problem = nil
    }

    public func cancelBoundaryEdit() {
        editingBoundaryId = nil
        boundaryEdit = ""
    }

    /// Saves the edited statement; the rest of the boundary stays as it was.
    public func saveBoundaryEdit() async {
        guard let id = editingBoundaryId, let boundary = boundaries.first(where: { $0.id == id }) else { return }
        let input = BoundaryInput(
            statement: boundaryEdit, personId: boundary.personId, kind: boundary.kind, setOn: boundary.setOn,
            reviewOn: boundary.reviewOn)
        await change {
            _ = try await self.session.updateBoundary(id: id, input)
            self.cancelBoundaryEdit()
        }
    }

    public func setArchived(_ trigger: Trigger, _ archived: Bool) async {
        await change { _ = try await self.session.setArchived(triggerId: trigger.id, archived) }
    }

    /// The editor for one person (the view pushes it).
    public func editor(for person: Person) -> PersonEditorModel {
        PersonEditorModel(session: session, id: person.id)
    }

    /// The window the boundaries' crossings are counted over (the insights' default).
    static let progressWeeks: UInt32 = 12

    private func change(_ body: () async throws -> Void) async {
        do {
            try await body()
            await load()
        } catch {
            problem = NoContactError(error)
        }
    }
}

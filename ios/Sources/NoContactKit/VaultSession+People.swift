import Foundation

/// People, boundaries and triggers.
extension VaultSession {
    public func updatePerson(id: String, _ input: PersonInput) throws -> Person {
        try call { try $0.updatePerson(id: id, input: input) }
    }

    public func setArchived(personId: String, _ archived: Bool) throws -> Person {
        try call { try $0.setPersonArchived(id: personId, archived: archived) }
    }

    /// Streaks overall and per person, today in the person's zone.
    public func streaks() throws -> StreakReport {
        try call { try $0.streaks(zone: zone.identifier) }
    }

    public func boundaries(personId: String? = nil) throws -> [Boundary] {
        try call { try $0.listBoundaries(personId: personId, statuses: []) }
    }

    public func addBoundary(_ input: BoundaryInput) throws -> Boundary {
        try call { try $0.addBoundary(input: input) }
    }

    public func triggers(includeArchived: Bool = false) throws -> [Trigger] {
        try call { try $0.listTriggers(includeArchived: includeArchived) }
    }

    public func addTrigger(_ input: TriggerInput) throws -> Trigger {
        try call { try $0.addTrigger(input: input) }
    }

    public func person(id: String) throws -> Person {
        try call { try $0.getPerson(id: id) }
    }

    public func updateBoundary(id: String, _ input: BoundaryInput) throws -> Boundary {
        try call { try $0.updateBoundary(id: id, input: input) }
    }

    /// Active, paused or retired; a boundary is never deleted once crossed.
    public func setBoundaryStatus(id: String, _ status: BoundaryStatus) throws -> Boundary {
        try call { try $0.setBoundaryStatus(id: id, status: status) }
    }

    public func updateTrigger(id: String, _ input: TriggerInput) throws -> Trigger {
        try call { try $0.updateTrigger(id: id, input: input) }
    }

    public func setArchived(triggerId: String, _ archived: Bool) throws -> Trigger {
        try call { try $0.setTriggerArchived(id: triggerId, archived: archived) }
    }
}

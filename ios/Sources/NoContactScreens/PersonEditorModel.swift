import Foundation
import NoContactKit
import Observation

/// Editing one person: alias, relationship, contact mode, since when,
/// where they are blocked, notes; archiving keeps everything logged about
/// them [`get_person`, `update_person`, `set_person_archived`].
@MainActor
@Observable
public final class PersonEditorModel {
    public let id: String
    public internal(set) var person: Person?
    public var alias = ""
    public var relationship: Relationship = .exPartner
    public var mode: ContactMode = .noContact
    public var noContactSince: LocalDate = LocalDate(year: 2000, month: 1, day: 1)
    public internal(set) var blockedOn: [Channel] = []
    public var notes = ""
    /// Saved since the editor opened (the view says "Saved").
    public internal(set) var saved = false
    public internal(set) var problem: NoContactError?

    private let session: VaultSession

    public init(session: VaultSession, id: String) {
        self.session = session
        self.id = id
    }

    public func load() async {
        do {
            show(try await session.person(id: id))
            problem = nil
        } catch {
            problem = NoContactError(error)
        }
    }

    /// Blocked there, or not any more.
    public func toggleBlocked(_ channel: Channel) {
        if let index = blockedOn.firstIndex(of: channel) {
            blockedOn.remove(at: index)
        } else {
            blockedOn.append(channel)
        }
    }

    public func save() async {
        let input = PersonInput(
            alias: alias, relationship: relationship, mode: mode, noContactSince: noContactSince,
            blockedOn: blockedOn, notes: notes)
        do {
            show(try await session.updatePerson(id: id, input))
            saved = true
            problem = nil
        } catch {
            problem = NoContactError(error)
        }
    }

    public func setArchived(_ archived: Bool) async {
        do {
            show(try await session.setArchived(personId: id, archived))
            problem = nil
        } catch {
            problem = NoContactError(error)
        }
    }

    func show(_ person: Person) {
        self.person = person
        alias = person.alias
        relationship = person.relationship
        mode = person.mode
        noContactSince = person.noContactSince
        blockedOn = person.blockedOn
        notes = person.notes
    }
}

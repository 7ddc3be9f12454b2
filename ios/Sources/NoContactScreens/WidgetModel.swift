import Foundation
import NoContactKit
import Observation

/// The widget and the shortcuts: three buttons that write through the drop
/// box with the vault locked and show nothing but "Saved"
/// [`log_while_locked`]. Which person *They reached out* is about is the
/// app's choice, kept as an id only.
@MainActor
@Observable
public final class WidgetModel {
    public enum Button: String, CaseIterable, Sendable {
        case theyReachedOut
        case urge
        case imOK
    }

    public enum Status: Equatable, Sendable {
        case ready
        case saved
        /// *They reached out* needs the person, chosen in the app.
        case choosePerson
        /// Nothing was written; the widget says only that it did not save.
        case notSaved
    }

    public internal(set) var status: Status = .ready
    public let buttons = Button.allCases

    private let session: VaultSession
    private let personId: String?

    public init(session: VaultSession, personId: String?) {
        self.session = session
        self.personId = personId
    }

    public func press(_ button: Button) async {
        let entry: QuickEntry
        switch button {
        case .theyReachedOut:
            guard let personId else {
                status = .choosePerson
                return
            }
            entry = .theirAttempt(personId: personId, channel: .call)
        // Logged instead of acted on; details can be added after unlock.
        case .urge: entry = .urge(intensity: 5, personId: personId)
        // "I'm OK": a check-in of 3 or more.
        case .imOK: entry = .checkIn(mood: 4)
        }
        do {
            try await session.logWhileLocked(entry)
            status = .saved
        } catch {
            status = .notSaved
        }
    }
}

import Foundation
import NoContactKit
import Observation

/// Reminders: the times and the discretion level; the text of each
/// notification is the core's, neutral by default [`reminder_settings`,
/// `set_reminder_settings`, `upcoming_reminders`]. The app schedules
/// `upcoming` with the platform's notification center.
@MainActor
@Observable
public final class RemindersModel {
    /// The settings being edited; nil until loaded.
    public var settings: ReminderSettings?
    /// The next reminders as the core wrote them, after a save.
    public internal(set) var upcoming: [Reminder] = []
    public internal(set) var saved = false
    public internal(set) var problem: NoContactError?

    private let session: VaultSession

    public init(session: VaultSession) {
        self.session = session
    }

    public func load() async {
        do {
            settings = try await session.reminderSettings()
            upcoming = try await session.upcomingReminders(count: 10)
            problem = nil
        } catch {
            problem = NoContactError(error)
        }
    }

    public func save() async {
        guard let settings else { return }
        do {
            self.settings = try await session.setReminderSettings(settings)
            upcoming = try await session.upcomingReminders(count: 10)
            saved = true
            problem = nil
        } catch {
            saved = false
            problem = NoContactError(error)
        }
    }
}

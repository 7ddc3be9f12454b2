import Foundation
import NoContactKit
import NoContactScreens
import Observation
import UserNotifications

/// What the app shows at the top level, and the platform glue around the
/// session: locking, the quick exit, notifications.
@MainActor
@Observable
final class AppModel {
    enum Stage {
        case firstRun(FirstRunModel)
        case locked(UnlockModel)
        /// Just unlocked: its model holds the access-log banner, if any.
        case unlocked(UnlockModel)
        /// Open after the first run.
        case open
        /// Forgot the passcode: the recovery code and a new passcode.
        case recovering(RecoverModel)
        /// A new phone: the first run makes the notebook from a backup file.
        case restoring(RestoreVaultModel, backup: URL)
        case failed
    }

    let session: VaultSession?
    var stage: Stage = .failed
    var covered = false

    init() {
        if let file = try? VaultLocation.vaultFile() {
            let session = VaultSession(file: file, deviceKeys: KeychainDeviceKeyStore())
            self.session = session
            Task { await self.start(session) }
        } else {
            session = nil
        }
    }

    private func start(_ session: VaultSession) async {
        stage = await session.exists ? .locked(UnlockModel(session: session)) : .firstRun(FirstRunModel(session: session))
    }

    func recover() {
        guard let session else { return }
        stage = .recovering(RecoverModel(session: session))
    }

    /// The backup file picked on the first run (a security-scoped URL).
    func restore(from backup: URL) {
        guard let session else { return }
        _ = backup.startAccessingSecurityScopedResource()
        stage = .restoring(RestoreVaultModel(session: session), backup: backup)
    }

    func lock() {
        guard let session else { return }
        Task {
            await session.lock()
            if await session.exists {
                stage = .locked(UnlockModel(session: session))
            }
        }
    }

    /// Locks at once and covers the screen; iOS lets no app quit itself.
    func quickExit() {
        covered = true
        lock()
    }

    /// Notifications carry the core's neutral text (its discretion level).
    func rescheduleReminders() async {
        guard let session, await session.isUnlocked else { return }
        guard let reminders = try? await session.upcomingReminders(count: 32) else { return }
        let center = UNUserNotificationCenter.current()
        center.removeAllPendingNotificationRequests()
        for (index, reminder) in reminders.enumerated() {
            let content = UNMutableNotificationContent()
            content.title = reminder.title
            content.body = reminder.body
            let interval = max(reminder.at.timeIntervalSinceNow, 1)
            let trigger = UNTimeIntervalNotificationTrigger(timeInterval: interval, repeats: false)
            try? await center.add(UNNotificationRequest(identifier: "reminder-\(index)", content: content, trigger: trigger))
        }
    }
}

import Foundation

/// Where the vault file lives: the app group's container, so the widget and
/// the App Intents can log through the drop box with the app locked. The
/// file has a neutral name and is excluded from iCloud and computer backups
/// (a backup is the person's own choice, through the app's encrypted export).
enum VaultLocation {
    static let appGroup = "group.app.nocontact.notebook"

    static func vaultFile() throws -> URL {
        guard let container = FileManager.default.containerURL(forSecurityApplicationGroupIdentifier: appGroup) else {
            throw CocoaError(.fileNoSuchFile)
        }
        var directory = container.appendingPathComponent("Library/Notes", isDirectory: true)
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true,
            attributes: [.protectionKey: FileProtectionType.completeUntilFirstUserAuthentication])
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        try directory.setResourceValues(values)
        return directory.appendingPathComponent("notes.db")
    }

    /// The app's own folder for evidence exports, removed after sharing.
    static func exportsDirectory() throws -> URL {
        var directory = FileManager.default.temporaryDirectory.appendingPathComponent("exports", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        try directory.setResourceValues(values)
        return directory
    }
}

import Foundation

/// Evidence exports, checkpoints, backups and restores: files the person
/// chooses to share or keep. Nothing is sent anywhere.
extension VaultSession {
    /// Writes an evidence export into `folder` (which must not exist yet).
    public func exportEvidence(
        _ options: EvidenceOptions, to folder: URL, progress: OperationProgress?
    ) throws -> EvidenceSummary {
        try call { try $0.exportEvidence(options: options, folder: folder.path, progress: progress) }
    }

    /// Checks an export folder offline, against a checkpoint code if given.
    public func verifyEvidence(at folder: URL, checkpointCode: String?) throws -> EvidenceVerdict {
        try call { _ in try NoContactCore.verifyEvidence(path: folder.path, checkpointCode: checkpointCode) }
    }

    /// A code for the chain's head, to read aloud or text to an advocate.
    public func makeCheckpoint() throws -> Checkpoint {
        try call { try $0.makeCheckpoint() }
    }

    /// Writes a backup of everything, encrypted under `passphrase`.
    public func exportBackup(to file: URL, passphrase: String, progress: OperationProgress?) throws -> BackupSummary {
        try call { try $0.exportBackup(path: file.path, passphrase: passphrase, progress: progress) }
    }

    /// Replaces the vault's content with a backup's. Refused with
    /// `wouldLoseEntries` when the vault has entries the backup lacks,
    /// unless `replaceNewer`.
    public func restoreBackup(
        from file: URL, passphrase: String, replaceNewer: Bool, progress: OperationProgress?
    ) throws -> BackupSummary {
        try call {
            try $0.restoreBackup(path: file.path, passphrase: passphrase, replaceNewer: replaceNewer, progress: progress)
        }
    }
}

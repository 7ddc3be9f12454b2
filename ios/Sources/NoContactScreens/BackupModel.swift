import Foundation
import NoContactKit
import Observation

/// Backup and restore: a passphrase, progress and cancel; restoring asks
/// before it would drop newer entries [`export_backup`, `restore_backup`,
/// `WouldLoseEntries`].
@MainActor
@Observable
public final class BackupModel {
    public enum Status: Equatable, Sendable {
        case idle
        case working(done: UInt64, total: UInt64)
        case backedUp(BackupSummary)
        /// The vault has entries the backup lacks: restore anyway?
        case confirmReplaceNewer
        case restored(BackupSummary)
        case cancelled
        case failed(NoContactError)
    }

    public var passphrase = ""
    public internal(set) var status: Status = .idle

    private let session: VaultSession
    private var progress: OperationProgress?
    public private(set) var task: Task<Void, Never>?

    public init(session: VaultSession) {
        self.session = session
    }

    /// Writes a backup to `file`.
    public func backUp(to file: URL) {
        run { session, passphrase, progress in
            .backedUp(try await session.exportBackup(to: file, passphrase: passphrase, progress: progress))
        }
    }

    /// Restores from `file`; asks first when newer entries would be dropped.
    public func restore(from file: URL) {
        restore(from: file, replaceNewer: false)
    }

    /// The person said yes to dropping the newer entries.
    public func confirmReplaceNewer(from file: URL) {
        guard status == .confirmReplaceNewer else { return }
        restore(from: file, replaceNewer: true)
    }

    public func keepNewer() {
        if status == .confirmReplaceNewer {
            status = .idle
        }
    }

    public func cancel() {
        progress?.cancel()
    }

    private func restore(from file: URL, replaceNewer: Bool) {
        run { session, passphrase, progress in
            do {
                return .restored(
                    try await session.restoreBackup(
                        from: file, passphrase: passphrase, replaceNewer: replaceNewer, progress: progress))
            } catch NoContactError.wouldLoseEntries {
                return .confirmReplaceNewer
            }
        }
    }

    private func run(
        _ body: @escaping @MainActor (VaultSession, String, OperationProgress) async throws -> Status
    ) {
        guard task == nil else { return }
        let progress = OperationProgress { done, total in
            Task { @MainActor [weak self] in self?.show(done: done, total: total) }
        }
        self.progress = progress
        status = .working(done: 0, total: 0)
        let passphrase = passphrase
        task = Task {
            do {
                status = try await body(session, passphrase, progress)
                switch status {
                case .backedUp, .restored: self.passphrase = ""
                default: break
                }
            } catch NoContactError.cancelled {
                status = .cancelled
            } catch {
                status = .failed(NoContactError(error))
            }
            self.progress = nil
            task = nil
        }
    }

    private func show(done: UInt64, total: UInt64) {
        if case .working = status {
            status = .working(done: done, total: total)
        }
    }
}

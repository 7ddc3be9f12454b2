import Foundation
import NoContactKit
import Observation

/// Evidence: choose a person, a period and the kinds; export with progress
/// and cancel; the verdict of the offline check; the checkpoint code; the
/// chain's state [`export_evidence`, `verify_evidence`, `make_checkpoint`,
/// `chain_report`]. The app shares the folder through the share sheet.
@MainActor
@Observable
public final class EvidenceModel {
    public enum Status: Equatable, Sendable {
        case choosing
        case exporting(done: UInt64, total: UInt64)
        /// Written and checked: `verdict` is the offline check's.
        case exported(summary: EvidenceSummary, verdict: EvidenceVerdict)
        case cancelled
        case failed(NoContactError)
    }

    public internal(set) var people: [Person] = []
    public internal(set) var chain: ChainReport?
    public internal(set) var status: Status = .choosing
    public internal(set) var checkpoint: Checkpoint?
    public var personId: String?
    /// Empty: the core's default (their attempts and my contacts).
    public var kinds: [EventKind] = []
    public var includeReflections = false
    public var from: Date?
    public var until: Date?
    /// The folder written, to share.
    public internal(set) var folder: URL?

    private let session: VaultSession
    private let exportsDirectory: URL
    private var progress: OperationProgress?
    /// The export running, if any.
    public private(set) var task: Task<Void, Never>?

    /// Exports are written into `exportsDirectory` (the app's own, excluded from backups).
    public init(session: VaultSession, exportsDirectory: URL) {
        self.session = session
        self.exportsDirectory = exportsDirectory
    }

    public func load() async {
        do {
            people = try await session.people(includeArchived: true)
            chain = try await session.chainReport()
        } catch {
            status = .failed(NoContactError(error))
        }
    }

    /// Starts the export; `cancel` stops it.
    public func export() {
        guard task == nil else { return }
        let folder = exportsDirectory.appendingPathComponent("export-\(UUID().uuidString)", isDirectory: true)
        let progress = OperationProgress { done, total in
            Task { @MainActor [weak self] in self?.show(done: done, total: total) }
        }
        self.progress = progress
        status = .exporting(done: 0, total: 0)
        let options = EvidenceOptions(
            personId: personId, kinds: kinds, includeReflections: includeReflections, from: from, until: until,
            zone: session.zone.identifier)
        task = Task {
            do {
                let summary = try await session.exportEvidence(options, to: folder, progress: progress)
                let verdict = try await session.verifyEvidence(at: folder, checkpointCode: nil)
                self.folder = folder
                status = .exported(summary: summary, verdict: verdict)
            } catch NoContactError.cancelled {
                status = .cancelled
            } catch {
                status = .failed(NoContactError(error))
            }
            self.progress = nil
            task = nil
        }
    }

    public func cancel() {
        progress?.cancel()
    }

    /// Makes a checkpoint code to copy or text to an advocate.
    public func makeCheckpoint() async {
        do {
            checkpoint = try await session.makeCheckpoint()
        } catch {
            status = .failed(NoContactError(error))
        }
    }

    private func show(done: UInt64, total: UInt64) {
        if case .exporting = status {
            status = .exporting(done: done, total: total)
        }
    }
}

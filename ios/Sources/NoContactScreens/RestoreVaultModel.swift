import Foundation
import NoContactKit
import Observation

/// A new phone: on the first run, instead of an empty notebook, one made
/// from a backup file (picked by the app), its passphrase, and a new
/// passcode typed twice; progress and cancel; then the new recovery code,
/// shown once, with one group typed back, as on a first run
/// [`restore_vault`]. Nothing is left behind when it fails or is cancelled.
@MainActor
@Observable
public final class RestoreVaultModel {
    public enum Step: Equatable, Sendable {
        /// The passphrase of the backup and the new passcode.
        case form
        case working(done: UInt64, total: UInt64)
        /// The new vault's recovery code, shown this once.
        case recoveryCode
        case confirmCode
        case done
    }

    public enum Problem: Equatable, Sendable {
        case passcodesDiffer
        case passcodeRefused
        /// The passphrase does not open this backup.
        case wrongPassphrase
        /// Not a backup, or a damaged one.
        case damagedBackup
        case cancelled
        case groupDiffers
        case failed(NoContactError)
    }

    public internal(set) var step: Step = .form
    public var passphrase = ""
    public var passcode = ""
    public var passcodeAgain = ""
    public var bindToDevice = true
    public var typedGroup = ""
    public internal(set) var problem: Problem?
    public internal(set) var recoveryGroups: [String] = []
    public internal(set) var groupIndex: Int
    /// How many records the new vault holds (shown with the code).
    public internal(set) var restoredRecords: UInt64?

    private let session: VaultSession
    private var progress: OperationProgress?
    public private(set) var task: Task<Void, Never>?

    public init(session: VaultSession, groupIndex: Int? = nil) {
        self.session = session
        self.groupIndex = groupIndex ?? Int.random(in: 0..<8)
    }

    public func restore(from backup: URL) {
        guard step == .form, task == nil else { return }
        guard passcode == passcodeAgain else {
            problem = .passcodesDiffer
            return
        }
        problem = nil
        let progress = OperationProgress { done, total in
            Task { @MainActor [weak self] in self?.show(done: done, total: total) }
        }
        self.progress = progress
        step = .working(done: 0, total: 0)
        let (passphrase, passcode, bind) = (passphrase, passcode, bindToDevice)
        task = Task {
            do {
                let code = try await session.restore(
                    backup: backup, passphrase: passphrase, passcode: passcode, bindToDevice: bind,
                    progress: progress)
                self.passphrase = ""
                self.passcode = ""
                self.passcodeAgain = ""
                recoveryGroups = code.split(separator: "-").map(String.init)
                groupIndex = min(max(groupIndex, 0), max(recoveryGroups.count - 1, 0))
                restoredRecords = try? await session.status().recordCount
                step = .recoveryCode
            } catch {
                step = .form
                switch NoContactError(error) {
                case .cancelled: problem = .cancelled
                case .wrongSecret: problem = .wrongPassphrase
                case .corrupt, .unsupportedVersion: problem = .damagedBackup
                case .invalidInput(field: "passcode"): problem = .passcodeRefused
                case let other: problem = .failed(other)
                }
            }
            self.progress = nil
            task = nil
        }
    }

    public func cancel() {
        progress?.cancel()
    }

    public func next() {
        if step == .recoveryCode {
            problem = nil
            step = .confirmCode
        }
    }

    public func showCodeAgain() {
        if step == .confirmCode {
            problem = nil
            step = .recoveryCode
        }
    }

    /// Checks the typed group against the one shown; then the code is forgotten.
    public func confirmGroup() {
        guard step == .confirmCode, recoveryGroups.indices.contains(groupIndex) else { return }
        let typed = typedGroup.trimmingCharacters(in: .whitespaces).uppercased()
        guard typed == recoveryGroups[groupIndex] else {
            problem = .groupDiffers
            return
        }
        recoveryGroups = []
        typedGroup = ""
        problem = nil
        step = .done
    }

    private func show(done: UInt64, total: UInt64) {
        if case .working = step {
            step = .working(done: done, total: total)
        }
    }
}

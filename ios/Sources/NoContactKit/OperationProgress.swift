import Foundation

/// Hears how far a long call (an export, a backup, a restore) has got, and
/// stops it on request: the core then fails with `cancelled` and leaves
/// nothing behind. The core calls it on the vault's queue.
public final class OperationProgress: ProgressListener, @unchecked Sendable {
    // @unchecked: `cancelled` is only touched under `lock`; `report` is Sendable.
    private let lock = NSLock()
    private var cancelled = false
    private let report: @Sendable (_ done: UInt64, _ total: UInt64) -> Void

    public init(_ report: @escaping @Sendable (_ done: UInt64, _ total: UInt64) -> Void) {
        self.report = report
    }

    /// Asks the call to stop at its next step.
    public func cancel() {
        lock.withLock { cancelled = true }
    }

    public var isCancelled: Bool {
        lock.withLock { cancelled }
    }

    public func onProgress(done: UInt64, total: UInt64) -> Bool {
        report(done, total)
        return !isCancelled
    }
}

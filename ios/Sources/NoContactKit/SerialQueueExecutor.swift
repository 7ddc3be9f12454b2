import Dispatch

/// The serial executor the vault runs on: one dispatch queue of its own, so
/// that the core's blocking calls (the passcode's key stretching takes about
/// a quarter of a second) never occupy a thread of Swift's cooperative pool
/// or the main thread.
final class SerialQueueExecutor: SerialExecutor, @unchecked Sendable {
    // @unchecked: DispatchQueue is thread-safe; it is the only state.
    private let queue = DispatchQueue(label: "nocontact.vault", qos: .userInitiated)

    func enqueue(_ job: UnownedJob) {
        let executor = asUnownedSerialExecutor()
        queue.async {
            job.runSynchronously(on: executor)
        }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}

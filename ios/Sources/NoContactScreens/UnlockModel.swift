import Foundation
import NoContactKit
import Observation

/// The lock screen: a passcode pad, a calm word after a wrong passcode, the
/// wait counting down after too many [`unlock`, `lock_state`]. The duress
/// passcode goes through exactly the same path; the cover space then looks
/// like any other. After an unlock, new access-log events give the banner
/// [`access_log`, `acknowledge_access_log`].
@MainActor
@Observable
public final class UnlockModel {
    public enum Status: Equatable, Sendable {
        case ready
        case checking
        /// The passcode did not open anything.
        case wrongPasscode
        /// No attempt is taken for `seconds` more (re-read every second).
        case waiting(seconds: UInt64)
        case unlocked
        /// The vault was erased (by the lock policy): nothing can be opened.
        case erased
        case failed(NoContactError)
    }

    /// What the banner says: someone tried `failedAttempts` times, the first
    /// at `since`.
    public struct AccessNotice: Equatable, Sendable {
        public let failedAttempts: Int
        public let since: Date
    }

    public var passcode = ""
    public internal(set) var status: Status = .ready
    /// With an erase policy: attempts left before the vault is erased.
    public internal(set) var attemptsBeforeErase: UInt32?
    public internal(set) var accessNotice: AccessNotice?

    private let session: VaultSession

    public init(session: VaultSession) {
        self.session = session
    }

    /// Reads the lock state (on appear, and every second while waiting).
    public func refresh() async {
        do {
            show(try await session.lockState())
        } catch {
            fail(error)
        }
    }

    public func submit() async {
        guard status != .checking, status != .unlocked, status != .erased else { return }
        if case .waiting = status { return }
        let typed = passcode
        passcode = ""
        await attempt { try await self.session.unlock(passcode: typed) }
    }

    /// Face ID / Touch ID, when the person turned it on in the settings.
    public func unlockWithBiometrics() async {
        guard status != .checking, status != .unlocked, status != .erased else { return }
        if case .waiting = status { return }
        await attempt { try await self.session.unlockWithBiometrics() }
    }

    private func attempt(_ unlock: () async throws -> Void) async {
        status = .checking
        do {
            try await unlock()
            status = .unlocked
            attemptsBeforeErase = nil
            accessNotice = try await notice()
        } catch NoContactError.wrongSecret {
            status = .wrongPasscode
            if let state = try? await session.lockState() {
                attemptsBeforeErase = state.attemptsBeforeErase
                if state.retryAfterSeconds > 0 {
                    status = .waiting(seconds: state.retryAfterSeconds)
                }
            }
        } catch {
            fail(error)
        }
    }

    /// Counts the wait down by re-reading the core's figure each second, for
    /// as long as there is one (the view runs this in its `.task`).
    public func runCountdown() async {
        while case .waiting = status, !Task.isCancelled {
            try? await Task.sleep(nanoseconds: 1_000_000_000)
            await refresh()
        }
    }

    /// The person saw the banner.
    public func dismissNotice() async {
        accessNotice = nil
        try? await session.acknowledgeAccessLog()
    }

    private func show(_ state: LockState) {
        attemptsBeforeErase = state.attemptsBeforeErase
        if state.retryAfterSeconds > 0 {
            status = .waiting(seconds: state.retryAfterSeconds)
        } else if case .waiting = status {
            status = .ready
        }
    }

    private func fail(_ error: Error) {
        switch NoContactError(error) {
        case .tryLater(let seconds): status = .waiting(seconds: seconds)
        case .erased: status = .erased
        case let other: status = .failed(other)
        }
    }

    /// Failed unlocks not yet acknowledged (the real space records them).
    private func notice() async throws -> AccessNotice? {
        let failed = try await session.accessLog().filter { $0.new && $0.kind == .failedUnlock }
        guard let first = failed.map(\.at).min() else { return nil }
        return AccessNotice(failedAttempts: failed.count, since: first)
    }
}

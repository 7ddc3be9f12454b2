import Foundation
import NoContactKit
import Observation

/// Forgot the passcode: the recovery code and a new passcode typed twice
/// open the vault; a passcode bound to this phone stays bound to it
/// [`recover_with_device_key`, `lock_state`]. A wrong code counts like a
/// wrong passcode, and waits the same.
@MainActor
@Observable
public final class RecoverModel {
    public enum Status: Equatable, Sendable {
        case ready
        case checking
        case passcodesDiffer
        /// The core refused the new passcode (too short, ...).
        case passcodeRefused
        /// The code does not open this notebook.
        case wrongCode
        /// Not a recovery code as written (a typo the check caught): not
        /// counted as an attempt.
        case codeMistyped
        case waiting(seconds: UInt64)
        /// Open, with the new passcode set.
        case recovered
        case erased
        case failed(NoContactError)
    }

    public var code = ""
    public var newPasscode = ""
    public var newPasscodeAgain = ""
    public internal(set) var status: Status = .ready

    private let session: VaultSession

    public init(session: VaultSession) {
        self.session = session
    }

    public func submit() async {
        switch status {
        case .checking, .recovered, .erased, .waiting: return
        default: break
        }
        guard newPasscode == newPasscodeAgain else {
            status = .passcodesDiffer
            return
        }
        status = .checking
        do {
            try await session.recover(code: code, newPasscode: newPasscode)
            code = ""
            newPasscode = ""
            newPasscodeAgain = ""
            status = .recovered
        } catch NoContactError.wrongSecret {
            code = ""
            status = .wrongCode
            if let state = try? await session.lockState(), state.retryAfterSeconds > 0 {
                status = .waiting(seconds: state.retryAfterSeconds)
            }
        } catch NoContactError.invalidInput(field: "passcode") {
            status = .passcodeRefused
        } catch NoContactError.invalidInput(field: "recovery_code") {
            status = .codeMistyped
        } catch {
            switch NoContactError(error) {
            case .tryLater(let seconds): status = .waiting(seconds: seconds)
            case .erased: status = .erased
            case let other: status = .failed(other)
            }
        }
    }

    /// Re-reads the wait (every second while it runs, from the view's `.task`).
    public func runCountdown() async {
        while case .waiting = status, !Task.isCancelled {
            try? await Task.sleep(nanoseconds: 1_000_000_000)
            if let state = try? await session.lockState() {
                status = state.retryAfterSeconds > 0 ? .waiting(seconds: state.retryAfterSeconds) : .ready
            }
        }
    }
}

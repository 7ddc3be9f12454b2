import Foundation
import NoContactKit
import Observation

/// Settings: change the passcode (typed twice), the duress passcode (what it
/// hides and what it does not), the lock policy (idle timeout; erase after
/// failed unlocks, off by default, with its warning), and erase everything
/// after a typed confirmation [`change_passcode`, `set_duress_passcode`,
/// `set_lock_policy`, `erase`].
@MainActor
@Observable
public final class SettingsModel {
    public enum Problem: Equatable, Sendable {
        case passcodesDiffer
        case failed(NoContactError)
    }

    public enum Done: Equatable, Sendable {
        case passcodeChanged
        case duressSet
        case biometricOn
        case biometricOff
        case lockPolicySaved
        /// Everything is gone; the app returns to the first run.
        case erased
    }

    public var newPasscode = ""
    public var newPasscodeAgain = ""
    public var duressPasscode = ""
    public internal(set) var hasDuressPasscode = false
    /// Face ID / Touch ID unlock is on (the vault has a device-key slot).
    public internal(set) var biometricUnlock = false
    public internal(set) var policy: LockPolicy?
    /// Seconds without activity before the vault locks itself; 0 never.
    public var idleTimeoutSeconds: UInt32 = 0
    /// nil: never erase after failed unlocks (the default).
    public var eraseAfterFailures: UInt32?
    /// The person read that an erase destroys the evidence too.
    public var acceptEvidenceLoss = false
    /// What the person typed to confirm the erase.
    public var eraseTyped = ""
    /// The word to type, as the screen shows it.
    public let eraseWord: String
    public internal(set) var problem: Problem?
    public internal(set) var done: Done?

    private let session: VaultSession

    public init(session: VaultSession, eraseWord: String) {
        self.session = session
        self.eraseWord = eraseWord
    }

    public func load() async {
        do {
            hasDuressPasscode = try await session.hasDuressPasscode()
            biometricUnlock = try await session.status().hasDeviceKey
            let policy = try await session.lockPolicy()
            self.policy = policy
            idleTimeoutSeconds = policy.idleTimeoutSeconds
            eraseAfterFailures = policy.eraseAfterFailures
        } catch {
            problem = .failed(NoContactError(error))
        }
    }

    public func changePasscode() async {
        guard newPasscode == newPasscodeAgain else {
            problem = .passcodesDiffer
            return
        }
        await attempt(.passcodeChanged) {
            try await self.session.changePasscode(self.newPasscode)
            self.newPasscode = ""
            self.newPasscodeAgain = ""
        }
    }

    /// Face ID / Touch ID unlock on or off.
    public func setBiometricUnlock(_ on: Bool) async {
        await attempt(on ? .biometricOn : .biometricOff) {
            if on {
                try await self.session.enableBiometricUnlock()
            } else {
                try await self.session.disableBiometricUnlock()
            }
            self.biometricUnlock = on
        }
    }

    public func setDuressPasscode() async {
        await attempt(.duressSet) {
            try await self.session.setDuressPasscode(self.duressPasscode)
            self.duressPasscode = ""
            self.hasDuressPasscode = true
        }
    }

    public func saveLockPolicy() async {
        let policy = LockPolicy(eraseAfterFailures: eraseAfterFailures, idleTimeoutSeconds: idleTimeoutSeconds)
        await attempt(.lockPolicySaved) {
            try await self.session.setLockPolicy(policy, acceptEvidenceLoss: self.acceptEvidenceLoss)
            self.policy = policy
        }
    }

    /// Whether the typed word matches the one shown (the erase button's state).
    public var eraseConfirmed: Bool {
        eraseTyped == eraseWord
    }

    public func erase() async {
        guard eraseConfirmed else { return }
        await attempt(.erased) {
            try await self.session.erase()
            self.eraseTyped = ""
        }
    }

    private func attempt(_ outcome: Done, _ body: () async throws -> Void) async {
        do {
            try await body()
            problem = nil
            done = outcome
        } catch {
            problem = .failed(NoContactError(error))
            done = nil
        }
    }
}

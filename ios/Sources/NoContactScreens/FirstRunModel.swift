import Foundation
import NoContactKit
import Observation

/// First run: what the app is, the watched-phone warning, the passcode typed
/// twice, unlock bound to this device, the recovery code shown once and one
/// of its groups typed back [`create_vault`].
@MainActor
@Observable
public final class FirstRunModel {
    public enum Step: Equatable, Sendable {
        /// What the app is; everything stays on the phone; it sends nothing.
        case welcome
        /// A watched phone can reveal that the app is installed.
        case watchedPhone
        case passcode
        /// The recovery code, shown this once.
        case recoveryCode
        /// Type group `groupIndex` (0-based) of the code back.
        case confirmCode
        case done
    }

    public enum Problem: Equatable, Sendable {
        case passcodesDiffer
        /// The core refused the passcode (too short, ...).
        case passcodeRefused
        /// The typed group is not the one shown.
        case groupDiffers
        case failed(NoContactError)
    }

    public internal(set) var step: Step = .welcome
    public var passcode = ""
    public var passcodeAgain = ""
    /// Passcode plus a device key kept in the Keychain (the default).
    public var bindToDevice = true
    public var typedGroup = ""
    public internal(set) var problem: Problem?
    public internal(set) var busy = false
    /// The code's groups as the core wrote them, while they are on screen.
    public internal(set) var recoveryGroups: [String] = []
    public internal(set) var groupIndex: Int

    private let session: VaultSession

    /// `groupIndex` picks the group to type back (random when nil).
    public init(session: VaultSession, groupIndex: Int? = nil) {
        self.session = session
        self.groupIndex = groupIndex ?? Int.random(in: 0..<8)
    }

    public func next() {
        problem = nil
        switch step {
        case .welcome: step = .watchedPhone
        case .watchedPhone: step = .passcode
        case .recoveryCode: step = .confirmCode
        case .passcode, .confirmCode, .done: break
        }
    }

    /// Back from confirming to the code, to look at it again.
    public func showCodeAgain() {
        if step == .confirmCode {
            problem = nil
            step = .recoveryCode
        }
    }

    /// Creates the vault when both passcodes match.
    public func createVault() async {
        guard step == .passcode, !busy else { return }
        guard passcode == passcodeAgain else {
            problem = .passcodesDiffer
            return
        }
        busy = true
        defer { busy = false }
        do {
            let code = try await session.create(passcode: passcode, bindToDevice: bindToDevice)
            passcode = ""
            passcodeAgain = ""
            recoveryGroups = code.split(separator: "-").map(String.init)
            groupIndex = min(max(groupIndex, 0), max(recoveryGroups.count - 1, 0))
            problem = nil
            step = .recoveryCode
        } catch NoContactError.invalidInput(field: "passcode") {
            problem = .passcodeRefused
        } catch {
            problem = .failed(NoContactError(error))
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
}

import Foundation

/// Secrets, protection and the safety plan.
extension VaultSession {
    /// Sets the duress passcode. When the passcode is bound to the device
    /// key, so is the duress passcode (the core refuses it otherwise), so a
    /// copy of the file is no easier to guess through the cover space.
    public func setDuressPasscode(_ passcode: String) async throws {
        let key = try await platform { try await self.deviceKeys.key(for: .passcodeBinding) }
        if let key {
            try call { try $0.setDuressPasscodeWithDeviceKey(passcode: passcode, deviceKey: key) }
        } else {
            try call { try $0.setDuressPasscode(passcode: passcode) }
        }
    }

    /// Whether unlocked, the passcode-stretching strength, whether a
    /// device-key slot (biometric unlock) exists, the record count.
    public func status() throws -> VaultStatus {
        try call { try $0.status() }
    }

    public func hasDuressPasscode() throws -> Bool {
        try call { try $0.hasDuressPasscode() }
    }

    public func lockPolicy() throws -> LockPolicy {
        try call { try $0.lockPolicy() }
    }

    /// An erase policy needs `acceptEvidenceLoss`: erasing destroys the record too.
    public func setLockPolicy(_ policy: LockPolicy, acceptEvidenceLoss: Bool) throws {
        try call { try $0.setLockPolicy(policy: policy, acceptEvidenceLoss: acceptEvidenceLoss) }
    }

    /// The current safety plan (empty before the first save).
    public func safetyPlan() throws -> SafetyPlan {
        try call { try $0.safetyPlan() }
    }

    /// Saves a new version; the earlier ones stay in the history.
    public func saveSafetyPlan(_ plan: SafetyPlan) throws -> SafetyPlanVersion {
        try call { try $0.saveSafetyPlan(plan: plan) }
    }
}

/// The record's chain.
extension VaultSession {
    /// The hash chain's state: records, head, its code, whether it is intact.
    public func chainReport() throws -> ChainReport {
        try call { try $0.chainReport() }
    }
}

extension VaultSession {
    /// Every saved version of the safety plan, oldest first.
    public func safetyPlanHistory() throws -> [SafetyPlanVersion] {
        try call { try $0.safetyPlanHistory() }
    }

    /// The plan's sections in the order the crisis view shows them.
    public nonisolated var safetyPlanSections: [SafetyPlanSection] {
        NoContactCore.safetyPlanSections()
    }
}

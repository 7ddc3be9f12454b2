import Foundation

/// Where the app keeps the 32-byte device keys. The iOS app implements it
/// with the Keychain (`kSecAttrAccessibleWhenUnlockedThisDeviceOnly`, the
/// biometric key behind `.biometryCurrentSet`); tests and previews use
/// `InMemoryDeviceKeyStore`. Errors are the implementation's; the session
/// reports them as `NoContactError.platform`.
public protocol DeviceKeyStore: Sendable {
    /// The key kept for `purpose`, or nil when there is none.
    func key(for purpose: DeviceKeyPurpose) async throws -> Data?
    /// Keeps `key` for `purpose`, replacing any earlier one.
    func store(_ key: Data, for purpose: DeviceKeyPurpose) async throws
    /// Forgets the key for `purpose` (nothing happens when there is none).
    func remove(_ purpose: DeviceKeyPurpose) async throws
}

/// What a device key is used for.
public enum DeviceKeyPurpose: String, Sendable, CaseIterable {
    /// Combined with the passcode, so the passcode alone (or a copy of the
    /// file) opens nothing: readable whenever the phone is unlocked.
    case passcodeBinding
    /// Opens the vault on its own, after Face ID / Touch ID.
    case biometricUnlock
}

/// Keys held in memory only: for tests and previews.
public actor InMemoryDeviceKeyStore: DeviceKeyStore {
    private var keys: [DeviceKeyPurpose: Data] = [:]

    public init() {}

    public func key(for purpose: DeviceKeyPurpose) -> Data? {
        keys[purpose]
    }

    public func store(_ key: Data, for purpose: DeviceKeyPurpose) {
        keys[purpose] = key
    }

    public func remove(_ purpose: DeviceKeyPurpose) {
        keys[purpose] = nil
    }
}

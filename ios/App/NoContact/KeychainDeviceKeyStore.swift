import Foundation
import LocalAuthentication
import NoContactKit
import Security

/// The device keys in the Keychain, never synced or backed up:
/// `kSecAttrAccessibleWhenUnlockedThisDeviceOnly`. The biometric key also
/// needs Face ID / Touch ID to be read (`.biometryCurrentSet`: a newly
/// enrolled face or finger invalidates it).
struct KeychainDeviceKeyStore: DeviceKeyStore {
    private let service = "app.nocontact.notebook.device-key"

    func key(for purpose: DeviceKeyPurpose) async throws -> Data? {
        var query = baseQuery(purpose)
        query[kSecReturnData as String] = true
        query[kSecMatchLimit as String] = kSecMatchLimitOne
        if purpose == .biometricUnlock {
            let context = LAContext()
            context.localizedReason = String(localized: "app.biometric.reason")
            query[kSecUseAuthenticationContext as String] = context
        }
        var result: CFTypeRef?
        let status = SecItemCopyMatching(query as CFDictionary, &result)
        switch status {
        case errSecSuccess: return result as? Data
        case errSecItemNotFound: return nil
        default: throw KeychainError(status: status)
        }
    }

    func store(_ key: Data, for purpose: DeviceKeyPurpose) async throws {
        try await remove(purpose)
        var query = baseQuery(purpose)
        query[kSecValueData as String] = key
        if purpose == .biometricUnlock {
            var error: Unmanaged<CFError>?
            guard let access = SecAccessControlCreateWithFlags(
                nil, kSecAttrAccessibleWhenUnlockedThisDeviceOnly, .biometryCurrentSet, &error)
            else { throw KeychainError(status: errSecParam) }
            query[kSecAttrAccessControl as String] = access
        } else {
            query[kSecAttrAccessible as String] = kSecAttrAccessibleWhenUnlockedThisDeviceOnly
        }
        let status = SecItemAdd(query as CFDictionary, nil)
        guard status == errSecSuccess else { throw KeychainError(status: status) }
    }

    func remove(_ purpose: DeviceKeyPurpose) async throws {
        let status = SecItemDelete(baseQuery(purpose) as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else { throw KeychainError(status: status) }
    }

    private func baseQuery(_ purpose: DeviceKeyPurpose) -> [String: Any] {
        [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
            kSecAttrAccount as String: purpose.rawValue,
            kSecAttrSynchronizable as String: false,
        ]
    }
}

/// A Keychain status code; carries no key material.
struct KeychainError: Error {
    let status: OSStatus
}

import Foundation
import NoContactTestSupport
import XCTest

@testable import NoContactKit

final class VaultSessionTests: XCTestCase {
    func testEveryCoreErrorMapsToItsCase() {
        let pairs: [(VaultError, NoContactError)] = [
            (.WrongSecret, .wrongSecret),
            (.Locked, .locked),
            (.NotFound, .notFound),
            (.InvalidInput(field: "mood"), .invalidInput(field: "mood")),
            (.Corrupt, .corrupt),
            (.UnsupportedVersion, .unsupportedVersion),
            (.Storage, .storage),
            (.AlreadyExists, .alreadyExists),
            (.InUse, .inUse),
            (.Cancelled, .cancelled),
            (.WouldLoseEntries, .wouldLoseEntries),
            (.TryLater(seconds: 7), .tryLater(seconds: 7)),
            (.Erased, .erased),
            (.OpenElsewhere, .openElsewhere),
            (.StorageFull, .storageFull),
        ]
        for (core, expected) in pairs {
            XCTAssertEqual(NoContactError(core), expected, "\(core)")
        }
        struct Other: Error {}
        XCTAssertEqual(NoContactError(Other()), .platform)
        XCTAssertEqual(NoContactError(NoContactError.inUse), .inUse)
    }

    func testCreatesBoundToTheDeviceKeyAndNeedsItToUnlock() async throws {
        let t = try TemporaryVault(zone: "Europe/Berlin")
        let exists = await t.session.exists
        XCTAssertFalse(exists)
        let code = try await t.session.create(passcode: passcode, bindToDevice: true)
        XCTAssertEqual(code.split(separator: "-").count, 9, "recovery code groups (eight and the check character)")
        let key = await t.keys.key(for: .passcodeBinding)
        XCTAssertEqual(key?.count, 32, "the device key kept in the store")
        let unlocked = await t.session.isUnlocked
        XCTAssertTrue(unlocked, "a new vault is open")

        await t.session.lock()
        try await t.session.unlock(passcode: passcode)
        let again = await t.session.isUnlocked
        XCTAssertTrue(again)

        // Without the device key the passcode alone opens nothing.
        await t.session.lock()
        await t.keys.remove(.passcodeBinding)
        await assertThrows(.wrongSecret) { try await t.session.unlock(passcode: passcode) }
        await t.keys.store(key!, for: .passcodeBinding)
        try await t.session.unlock(passcode: passcode)
    }

    func testAVaultNotBoundToTheDeviceOpensWithThePasscodeAlone() async throws {
        let t = try TemporaryVault(zone: "Europe/Berlin")
        _ = try await t.session.create(passcode: passcode, bindToDevice: false)
        let key = await t.keys.key(for: .passcodeBinding)
        XCTAssertNil(key)
        await t.session.lock()
        await assertThrows(.wrongSecret) { try await t.session.unlock(passcode: "wrong passcode") }
        try await t.session.unlock(passcode: passcode)
    }

    func testRefusesBadInputAndLeavesNoFile() async throws {
        let t = try TemporaryVault(zone: "Europe/Berlin")
        await assertThrows(.invalidInput(field: "passcode")) {
            try await t.session.create(passcode: "abc", bindToDevice: false)
        }
        let exists = await t.session.exists
        XCTAssertFalse(exists, "a refused passcode left a file")
        await assertThrows(.notFound) { try await t.session.unlock(passcode: passcode) }

        _ = try await t.session.create(passcode: passcode, bindToDevice: false)
        await assertThrows(.alreadyExists) { try await t.session.create(passcode: passcode, bindToDevice: false) }
        await assertThrows(.invalidInput(field: "mood")) {
            try await t.session.checkIn(mood: 9, energy: nil, note: "")
        }
        await t.session.lock()
        await assertThrows(.locked) { try await t.session.summary() }
    }

    func testVaultCallsRunOffTheMainThread() async throws {
        let t = try TemporaryVault(zone: "Europe/Berlin")
        _ = try await t.session.create(passcode: passcode, bindToDevice: false)
        let onMain = await MainActor.run { Thread.isMainThread }
        XCTAssertTrue(onMain)
        let inCall = try await t.session.call { _ in Thread.isMainThread }
        XCTAssertFalse(inCall, "a vault call ran on the main thread")
    }

    func testEraseRemovesTheFileAndTheDeviceKeys() async throws {
        let t = try TemporaryVault(zone: "Europe/Berlin")
        _ = try await t.session.create(passcode: passcode, bindToDevice: true)
        _ = try await t.session.checkIn(mood: 4, energy: nil, note: "")
        try await t.session.erase()
        let exists = await t.session.exists
        XCTAssertFalse(exists, "the vault file is still there")
        let key = await t.keys.key(for: .passcodeBinding)
        XCTAssertNil(key, "the device key is still kept")
        await assertThrows(.notFound) { try await t.session.unlock(passcode: passcode) }
    }
}

final class BiometricUnlockTests: XCTestCase {
    func testTheBiometricKeyOpensOnItsOwnUntilTurnedOff() async throws {
        let t = try TemporaryVault(zone: "Europe/Berlin")
        _ = try await t.session.create(passcode: passcode, bindToDevice: true)
        await t.session.lock()
        await assertThrows(.notFound) { try await t.session.unlockWithBiometrics() }

        try await t.session.unlock(passcode: passcode)
        try await t.session.enableBiometricUnlock()
        let key = await t.keys.key(for: .biometricUnlock)
        XCTAssertEqual(key?.count, 32)
        let binding = await t.keys.key(for: .passcodeBinding)
        XCTAssertNotEqual(key, binding, "one key for both purposes")
        await t.session.lock()
        try await t.session.unlockWithBiometrics()
        let open = await t.session.isUnlocked
        XCTAssertTrue(open)

        // A stale key (the Keychain kept one the vault no longer has) opens nothing.
        try await t.session.disableBiometricUnlock()
        await t.session.lock()
        await t.keys.store(key!, for: .biometricUnlock)
        await assertThrows(.wrongSecret) { try await t.session.unlockWithBiometrics() }
        await t.keys.remove(.biometricUnlock)
        await assertThrows(.notFound) { try await t.session.unlockWithBiometrics() }
        try await t.session.unlock(passcode: passcode)
    }
}

/// A Keychain that refuses to store anything.
struct FailingKeyStore: DeviceKeyStore {
    struct Refused: Error {}
    func key(for purpose: DeviceKeyPurpose) async throws -> Data? { nil }
    func store(_ key: Data, for purpose: DeviceKeyPurpose) async throws { throw Refused() }
    func remove(_ purpose: DeviceKeyPurpose) async throws {}
}

final class CreateFailureTests: XCTestCase {
    func testAKeyStoreFailureLeavesNoVaultBehind() async throws {
        let t = try TemporaryVault(zone: "Europe/Berlin")
        let session = VaultSession(
            file: t.directory.appendingPathComponent("other.db"), deviceKeys: FailingKeyStore(),
            kdfIterations: VaultSession.kdfIterationFloor)
        await assertThrows(.platform) { try await session.create(passcode: passcode, bindToDevice: true) }
        let exists = await session.exists
        XCTAssertFalse(exists, "a vault whose key was not kept is left behind")
        // Not bound to the device, the same store is not needed.
        _ = try await session.create(passcode: passcode, bindToDevice: false)
    }

    func testCreatingOverAnExistingVaultKeepsItsKey() async throws {
        let t = try TemporaryVault(zone: "Europe/Berlin")
        _ = try await t.session.create(passcode: passcode, bindToDevice: true)
        let key = await t.keys.key(for: .passcodeBinding)
        await assertThrows(.alreadyExists) { try await t.session.create(passcode: "other passcode", bindToDevice: true) }
        let after = await t.keys.key(for: .passcodeBinding)
        XCTAssertEqual(after, key, "a refused create replaced the existing vault's key")
        await t.session.lock()
        try await t.session.unlock(passcode: passcode)
    }
    func testTheBootClockCountsFromBootAndMovesForward() throws {
        let clock = DeviceBootClock()
        let first = clock.millisSinceBoot()
        XCTAssertGreaterThan(first, 0)
        Thread.sleep(forTimeInterval: 0.05)
        let second = clock.millisSinceBoot()
        XCTAssertGreaterThanOrEqual(second - first, 40)
        // Boot time, not the date: far less than the milliseconds since 1970.
        XCTAssertLessThan(second, UInt64(Date().timeIntervalSince1970 * 1000) / 2)
    }
}

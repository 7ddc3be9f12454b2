import Foundation
// The screens use the core's own records (HomeSummary, Event, ...): they are
// defined once, in Rust, and never mirrored here. Only this actor holds a Vault.
@_exported import NoContactCore

/// The open vault, owned by one actor that runs every call on its own serial
/// queue, off the main actor. Every call throws only `NoContactError`.
///
/// One session per vault file. The file may not exist yet (first run):
/// `create` makes it; otherwise it is opened, locked, on first use.
public actor VaultSession {
    private let executor = SerialQueueExecutor()
    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    private let path: String
    let deviceKeys: DeviceKeyStore
    /// The person's time zone: days, streaks and reminders are theirs.
    public nonisolated let zone: TimeZone
    /// nil: calibrated by the core to about 250 ms on this device (never
    /// below its floor). Tests pass the floor to run faster.
    private let kdfIterations: UInt32?
    private var vault: Vault?

    public init(
        file: URL, deviceKeys: DeviceKeyStore, zone: TimeZone = .current, kdfIterations: UInt32? = nil
    ) {
        path = file.path
        self.deviceKeys = deviceKeys
        self.zone = zone
        self.kdfIterations = kdfIterations
    }

    /// The smallest number of passcode-stretching iterations the core accepts.
    public static var kdfIterationFloor: UInt32 { NoContactCore.kdfIterationFloor() }

    // MARK: - Life cycle

    /// Whether a vault file is there (false before the first run, and after erase).
    public var exists: Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// Creates the vault and returns its recovery code, to be shown once.
    /// With `bindToDevice` the passcode opens it only together with a device
    /// key kept by `deviceKeys`, so a copy of the file resists guessing of a
    /// short passcode.
    public func create(passcode: String, bindToDevice: Bool) async throws -> String {
        // Never touch the keys of a vault that is already there.
        guard !exists else { throw NoContactError.alreadyExists }
        let key = bindToDevice ? Self.newDeviceKey() : nil
        let setup = VaultSetup(
            passcode: passcode, deviceKey: key, passcodeNeedsDeviceKey: bindToDevice,
            kdfIterations: kdfIterations)
        let created = try core { try createVault(path: path, setup: setup) }
        if let key {
            do {
                try await deviceKeys.store(key, for: .passcodeBinding)
            } catch {
                // Without its key the new (empty) vault could never be opened
                // with the passcode: remove it rather than leave it half made.
                try? created.vault.erase()
                throw NoContactError.platform
            }
        }
        adopt(created.vault)
        return created.recoveryCode
    }

    /// Unlocks with the passcode (and the device key, when one is kept). The
    /// duress passcode opens the cover space through the same call.
    public func unlock(passcode: String) async throws {
        let vault = try opened()
        let key = try await platform { try await self.deviceKeys.key(for: .passcodeBinding) }
        let secret: Secret = key.map { .passcodeAndDeviceKey(passcode: passcode, key: $0) }
            ?? .passcode(passcode: passcode)
        try core { try vault.unlock(secret: secret) }
    }

    /// The new-phone restore: creates the vault from a backup (the file must
    /// not exist yet), secured like `create`, and returns its new recovery
    /// code, to be shown once. On any error no vault is left behind.
    public func restore(
        backup: URL, passphrase: String, passcode: String, bindToDevice: Bool, progress: OperationProgress?
    ) async throws -> String {
        guard !exists else { throw NoContactError.alreadyExists }
        let key = bindToDevice ? Self.newDeviceKey() : nil
        let setup = VaultSetup(
            passcode: passcode, deviceKey: key, passcodeNeedsDeviceKey: bindToDevice,
            kdfIterations: kdfIterations)
        let created = try core {
            try restoreVault(
                backupPath: backup.path, passphrase: passphrase, vaultPath: path, setup: setup, progress: progress)
        }
        if let key {
            do {
                try await deviceKeys.store(key, for: .passcodeBinding)
            } catch {
                // As in `create`: a vault whose key was not kept could never
                // be opened with the passcode; the backup still holds it all.
                try? created.vault.erase()
                throw NoContactError.platform
            }
        }
        adopt(created.vault)
        return created.recoveryCode
    }

    /// Unlocks with the recovery code and sets a new passcode, bound to the
    /// device key as before when one is kept (the core keeps that hardening).
    public func recover(code: String, newPasscode: String) async throws {
        let vault = try opened()
        let key = try await platform { try await self.deviceKeys.key(for: .passcodeBinding) }
        try core { try vault.recoverWithDeviceKey(code: code, newPasscode: newPasscode, deviceKey: key) }
    }

    /// Turns on unlocking with Face ID / Touch ID: a new device key opens the
    /// vault on its own, kept by `deviceKeys` behind biometrics.
    public func enableBiometricUnlock() async throws {
        let vault = try opened()
        let key = Self.newDeviceKey()
        try core { try vault.setDeviceKey(key: key) }
        try await platform { try await self.deviceKeys.store(key, for: .biometricUnlock) }
    }

    /// Turns it off: the vault's device-key slot is cleared and the key forgotten.
    public func disableBiometricUnlock() async throws {
        let vault = try opened()
        try core { try vault.removeDeviceKey() }
        try await platform { try await self.deviceKeys.remove(.biometricUnlock) }
    }

    /// Unlocks with the biometric key (reading it is what asks for Face ID).
    /// `notFound` when biometric unlock is off.
    public func unlockWithBiometrics() async throws {
        let vault = try opened()
        guard let key = try await platform({ try await self.deviceKeys.key(for: .biometricUnlock) }) else {
            throw NoContactError.notFound
        }
        try core { try vault.unlock(secret: .deviceKey(key: key)) }
    }

    /// Sets a new passcode, bound to the device key as before when one is kept.
    public func changePasscode(_ newPasscode: String) async throws {
        let vault = try opened()
        let key = try await platform { try await self.deviceKeys.key(for: .passcodeBinding) }
        try core { try vault.changePasscode(newPasscode: newPasscode, deviceKey: key) }
    }

    /// Forgets every key and all plaintext in memory.
    public func lock() {
        vault?.lock()
    }

    public var isUnlocked: Bool {
        vault?.isUnlocked() ?? false
    }

    /// Seconds until the vault locks itself for lack of activity; nil when
    /// locked or when the idle timeout is off. Every vault call counts as
    /// activity, and so does `touch`.
    public var idleSecondsLeft: UInt64? {
        vault?.idleSecondsLeft()
    }

    /// The person touched the screen: resets the idle timer (nothing when locked).
    public func touch() {
        vault?.touch()
    }

    /// The failed-unlock count and the wait; readable while locked.
    public func lockState() throws -> LockState {
        let vault = try opened()
        return try core { try vault.lockState() }
    }

    /// Crypto-erase: nothing in the file can be read afterwards, by anyone.
    /// The device keys are forgotten too.
    public func erase() async throws {
        let vault = try opened()
        try core { try vault.erase() }
        self.vault = nil
        for purpose in DeviceKeyPurpose.allCases {
            try await platform { try await self.deviceKeys.remove(purpose) }
        }
    }

    // MARK: - Running calls

    /// The vault object, opening the file (locked) on first use.
    private func opened() throws -> Vault {
        if let vault { return vault }
        let opened = try core { try Vault.open(path: path) }
        adopt(opened)
        return opened
    }

    /// Keeps `opened` as this session's vault, timing its waits on the
    /// device's boot clock.
    private func adopt(_ opened: Vault) {
        opened.setBootClock(clock: DeviceBootClock())
        vault = opened
    }

    /// Runs `body` on the open vault, mapping its errors.
    func call<T>(_ body: (Vault) throws -> T) throws -> T {
        let vault = try opened()
        return try core { try body(vault) }
    }

    private func core<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw NoContactError(error)
        }
    }

    func platform<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw NoContactError.platform
        }
    }

    /// The UTC offset in force now in the person's zone, stored with each entry.
    nonisolated var utcOffsetNow: Int32 {
        Int32(zone.secondsFromGMT(for: Date()))
    }

    private static func newDeviceKey() -> Data {
        // SystemRandomNumberGenerator is the platform's CSPRNG
        // (arc4random_buf on Apple platforms, getrandom on Linux).
        var rng = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &rng) })
    }
}

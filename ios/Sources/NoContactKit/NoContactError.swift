import NoContactCore

/// The one error the screens switch over. Every `VaultSession` call throws
/// only this type. Like the core's `VaultError`, no case carries user text:
/// `invalidInput` names the field with the core's fixed identifier.
public enum NoContactError: Error, Equatable, Sendable {
    /// The passcode, device key or recovery code does not open this vault.
    case wrongSecret
    /// The vault is locked (or locked itself after the idle timeout).
    case locked
    case notFound
    /// An argument was refused; `field` is the core's name for it.
    case invalidInput(field: String)
    /// The file is damaged, or not a vault.
    case corrupt
    /// Written by a newer version of the app; left untouched.
    case unsupportedVersion
    /// Disk full, I/O error, file locked.
    case storage
    case alreadyExists
    /// Still referred to: archive it instead.
    case inUse
    case cancelled
    /// A restore would drop entries the vault has and the backup lacks.
    case wouldLoseEntries
    /// Too many failed unlocks: no attempt is taken for `seconds` more.
    case tryLater(seconds: UInt64)
    /// The vault was erased; nothing in it can be read any more.
    case erased
    /// Another window, extension or process has this vault open: lock it
    /// there first. Nothing was tried; logging while locked still works.
    case openElsewhere
    /// The phone's storage is full: nothing was written, nothing was lost.
    case storageFull
    /// The platform failed outside the core (the Keychain, the file system).
    case platform

    /// Maps the core's error; anything else is `platform`. The switch is
    /// exhaustive on purpose: a new core variant must be mapped here.
    public init(_ error: Error) {
        if let mapped = error as? NoContactError {
            self = mapped
            return
        }
        guard let error = error as? VaultError else {
            self = .platform
            return
        }
        switch error {
        case .WrongSecret: self = .wrongSecret
        case .Locked: self = .locked
        case .NotFound: self = .notFound
        case .InvalidInput(let field): self = .invalidInput(field: field)
        case .Corrupt: self = .corrupt
        case .UnsupportedVersion: self = .unsupportedVersion
        case .Storage: self = .storage
        case .AlreadyExists: self = .alreadyExists
        case .InUse: self = .inUse
        case .Cancelled: self = .cancelled
        case .WouldLoseEntries: self = .wouldLoseEntries
        case .TryLater(let seconds): self = .tryLater(seconds: seconds)
        case .Erased: self = .erased
        case .OpenElsewhere: self = .openElsewhere
        case .StorageFull: self = .storageFull
        }
    }
}

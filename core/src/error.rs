//! The one error type that crosses the FFI.
//!
//! Its variants are a small, stable set the apps can switch on. No variant
//! carries user text, a file path or key material: `InvalidInput` names the
//! field (a fixed identifier chosen by this crate), nothing else.

/// What went wrong, in terms an app can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Error))]
pub enum VaultError {
    /// The passcode, device key or recovery code does not open this vault.
    #[error("the secret does not open this vault")]
    WrongSecret,
    /// The vault must be unlocked first.
    #[error("the vault is locked")]
    Locked,
    /// No such item, or no vault at the given location.
    #[error("not found")]
    NotFound,
    /// An argument was rejected; `field` names it.
    #[error("invalid input: {field}")]
    InvalidInput {
        /// The argument's field name, a fixed identifier (`alias`,
        /// `limit`, `person_id`, ...), never user text.
        field: String,
    },
    /// The file is not a vault, or part of it was damaged or altered.
    #[error("the data is damaged or not a vault")]
    Corrupt,
    /// The file was written by a newer version of the app; it was left untouched.
    #[error("the vault was written by a newer version")]
    UnsupportedVersion,
    /// The storage layer failed (I/O error, file locked by another writer
    /// for too long).
    #[error("storage failure")]
    Storage,
    /// Something already exists where a new vault was to be created.
    #[error("already exists")]
    AlreadyExists,
    /// The item is still referred to (a person with events, a boundary that
    /// was crossed): archive or retire it instead.
    #[error("still in use")]
    InUse,
    /// The caller's progress listener asked to stop; nothing was changed.
    #[error("cancelled")]
    Cancelled,
    /// Restoring this backup would drop or replace log entries the vault
    /// has and the backup lacks; restore it only if asked for explicitly.
    #[error("the vault has entries the backup lacks")]
    WouldLoseEntries,
    /// Too many failed unlocks: no attempt is taken for `seconds` more.
    /// The wait is stored in the file, so restarting the app does not end it.
    #[error("too many attempts; try again in {seconds} s")]
    TryLater {
        /// Seconds left to wait before the next attempt is taken.
        seconds: u64,
    },
    /// The vault was erased (on request, or by the lock policy after too
    /// many failed unlocks); nothing in it can be read any more.
    #[error("the vault was erased")]
    Erased,
    /// Another `Vault` object (another window, an app extension, another
    /// process) has this file unlocked; lock it there first. Nothing was
    /// tried, counted or written. Logging while locked still works.
    #[error("the vault is open elsewhere")]
    OpenElsewhere,
    /// The storage is full: nothing was written by this call and nothing
    /// stored before it was lost. Free some space and try again.
    #[error("the storage is full")]
    StorageFull,
}

impl VaultError {
    /// `InvalidInput` for `field`.
    pub fn invalid_field(field: &str) -> Self {
        Self::invalid(field)
    }

    pub(crate) fn invalid(field: &str) -> Self {
        VaultError::InvalidInput {
            field: field.to_owned(),
        }
    }
}

impl From<rusqlite::Error> for VaultError {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        match err.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => VaultError::Corrupt,
            Some(ErrorCode::CannotOpen) => VaultError::NotFound,
            Some(ErrorCode::DiskFull) => VaultError::StorageFull,
            _ => VaultError::Storage,
        }
    }
}

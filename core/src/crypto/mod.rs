//! The cryptography of the vault, on `ring` (and `x25519-dalek` for the one
//! operation ring does not offer: X25519 with a stored private key).
//!
//! - [`kdf`]: PBKDF2 for passcodes (calibrated, with a floor) and HKDF for
//!   everything that already has full entropy.
//! - [`seal`]: AES-256-GCM sealing of padded records and of wrapped keys.
//! - [`random`]: the system's CSPRNG.
//! - [`dropbox`]: sealing to the vault's X25519 key while it is locked.

pub(crate) mod dropbox;
pub(crate) mod kdf;
pub(crate) mod random;
pub(crate) mod seal;

/// Length of every symmetric key in the vault (AES-256).
pub(crate) const KEY_LEN: usize = 32;

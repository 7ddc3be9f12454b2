//! The cryptography of the vault, all of it on `ring`.
//!
//! - [`kdf`]: PBKDF2 for passcodes (calibrated, with a floor) and HKDF for
//!   everything that already has full entropy.
//! - [`seal`]: AES-256-GCM sealing of padded records and of wrapped keys.
//! - [`random`]: the system's CSPRNG.

pub(crate) mod kdf;
pub(crate) mod random;
pub(crate) mod seal;

/// Length of every symmetric key in the vault (AES-256).
pub(crate) const KEY_LEN: usize = 32;

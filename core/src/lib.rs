//! nocontact-core: the domain, the encrypted vault and (later) the ledger.
//!
//! A plain Rust library. With the `uniffi` feature it also carries the uniffi
//! annotations that `nocontact-ffi` links into the Android and iOS library;
//! every exported type is defined here, once.

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("nocontact");

mod codec;
mod crypto;
mod error;
mod header;
mod keyring;
mod note;
mod record;
mod store;
mod time;
mod vault;

pub use crypto::kdf::{kdf_iteration_floor, KDF_FLOOR};
pub use error::VaultError;
pub use keyring::{Secret, PASSCODE_MAX_CHARS, PASSCODE_MIN_CHARS};
pub use note::{NewNote, Note, NOTE_TEXT_MAX_CHARS};
pub use vault::{create_vault, CreatedVault, Vault, VaultSetup, VaultStatus};

/// Result type of every fallible call in the core.
pub type Result<T, E = VaultError> = std::result::Result<T, E>;

//! The foundation's placeholder record kind, a dated note. Vaults written
//! before the domain model may hold some; unlock turns each into a journal
//! entry (the index collects them in `memory::Index::legacy_notes`, and
//! `Session::migrate_legacy_notes` in `vault.rs` converts them).

use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use crate::time;

/// A note as stored and returned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
pub(crate) struct Note {
    /// Stable identifier (32 hex digits).
    pub(crate) id: String,
    /// The text exactly as given.
    pub(crate) text: String,
    /// When it happened (UTC instant, millisecond precision).
    #[zeroize(skip)]
    #[serde(with = "time::millis")]
    pub(crate) at: SystemTime,
    /// The UTC offset in force where it was written, in seconds.
    pub(crate) utc_offset_seconds: i32,
    /// When it was recorded in the vault.
    #[zeroize(skip)]
    #[serde(with = "time::millis")]
    pub(crate) recorded_at: SystemTime,
}

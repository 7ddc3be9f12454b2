//! The foundation's one record kind: a dated note.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use crate::time::{self, MAX_FUTURE_SKEW, MAX_OFFSET_SECONDS};
use crate::{Result, VaultError};

/// The longest note text accepted, in Unicode scalar values.
pub const NOTE_TEXT_MAX_CHARS: usize = 10_000;

/// A note as stored and returned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Note {
    /// Stable identifier (32 hex digits).
    pub id: String,
    /// The text exactly as given.
    pub text: String,
    /// When it happened (UTC instant, millisecond precision).
    #[zeroize(skip)]
    #[serde(with = "time::millis")]
    pub at: SystemTime,
    /// The UTC offset in force where it was written, in seconds.
    pub utc_offset_seconds: i32,
    /// When it was recorded in the vault.
    #[zeroize(skip)]
    #[serde(with = "time::millis")]
    pub recorded_at: SystemTime,
}

/// What the caller supplies to add a note.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewNote {
    pub text: String,
    /// When it happened; `None` means now.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub at: Option<SystemTime>,
    /// The UTC offset in force where it was written, in seconds.
    #[cfg_attr(feature = "uniffi", uniffi(default = 0))]
    pub utc_offset_seconds: i32,
}

impl NewNote {
    /// Validates the input and builds the note to store.
    pub(crate) fn into_note(self, id: String, now: SystemTime) -> Result<Note> {
        if self.text.trim().is_empty() || self.text.chars().count() > NOTE_TEXT_MAX_CHARS {
            return Err(VaultError::invalid("text"));
        }
        if self.utc_offset_seconds.abs() > MAX_OFFSET_SECONDS {
            return Err(VaultError::invalid("utc_offset_seconds"));
        }
        let at = match self.at {
            None => now,
            Some(at) if at > now + MAX_FUTURE_SKEW => return Err(VaultError::invalid("at")),
            Some(at) => time::from_millis(time::to_millis(at)),
        };
        Ok(Note {
            id,
            text: self.text,
            at,
            utc_offset_seconds: self.utc_offset_seconds,
            recorded_at: now,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn new(text: &str) -> NewNote {
        NewNote {
            text: text.into(),
            at: None,
            utc_offset_seconds: 3600,
        }
    }

    #[test]
    fn validation_names_the_field() {
        let now = time::now();
        let bad = |n: NewNote| n.into_note("x".into(), now).unwrap_err();
        assert_eq!(bad(new("")), VaultError::invalid("text"));
        assert_eq!(bad(new(" \n\t")), VaultError::invalid("text"));
        assert_eq!(
            bad(new(&"a".repeat(NOTE_TEXT_MAX_CHARS + 1))),
            VaultError::invalid("text")
        );
        let mut future = new("x");
        future.at = Some(now + Duration::from_secs(6 * 60));
        assert_eq!(bad(future), VaultError::invalid("at"));
        let mut offset = new("x");
        offset.utc_offset_seconds = MAX_OFFSET_SECONDS + 1;
        assert_eq!(bad(offset), VaultError::invalid("utc_offset_seconds"));
    }

    #[test]
    fn accepts_edges_and_keeps_text_exactly() {
        let now = time::now();
        let text = "ما زلت هنا 🌱 e\u{301} \u{200f}\u{0}";
        let note = new(text).into_note("x".into(), now).unwrap();
        assert_eq!(note.text, text);
        assert_eq!(note.at, now);
        let max = new(&"é".repeat(NOTE_TEXT_MAX_CHARS));
        assert!(max.into_note("x".into(), now).is_ok());
        let mut soon = new("x");
        soon.at = Some(now + Duration::from_secs(4 * 60));
        assert!(soon.into_note("x".into(), now).is_ok());
        let mut old = new("x");
        old.at = Some(SystemTime::UNIX_EPOCH - Duration::from_secs(86_400 * 365 * 30));
        assert!(old.into_note("x".into(), now).is_ok());
    }
}

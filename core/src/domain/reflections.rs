//! Reflections: journal entries and unsent letters.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use crate::{validate, Result};

/// Longest text of a reflection, in characters (Unicode scalar values).
pub const REFLECTION_TEXT_MAX_CHARS: usize = 100_000;
/// Longest title of a reflection, in characters.
pub const TITLE_MAX_CHARS: usize = 200;
/// Longest tag of a reflection, in characters.
pub const TAG_MAX_CHARS: usize = 60;
/// Most tags on one reflection.
pub const TAGS_MAX: usize = 30;

/// A journal entry or an unsent letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ReflectionKind {
    /// A journal entry, perhaps answering a prompt.
    Journal {
        /// The prompt it answers: a built-in prompt's id or one of the
        /// user's own (`InvalidInput { field: "prompt_id" }` otherwise).
        prompt_id: Option<String>,
    },
    /// A letter to a person: written, kept, never sent.
    UnsentLetter {
        /// The person it is to (a live, unarchived person).
        person_id: String,
    },
}

/// What a reflection says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReflectionBody {
    /// A journal entry or a letter; an amendment cannot change which.
    pub kind: ReflectionKind,
    /// Optional title (up to 200 characters).
    pub title: String,
    /// The text (1–100,000 characters).
    pub text: String,
    /// Words to find it by: at most `TAGS_MAX`, each not blank and at most
    /// `TAG_MAX_CHARS` characters.
    pub tags: Vec<String>,
    /// Mood while writing, 1 (very low) to 5 (very good), when given.
    pub mood: Option<u8>,
}

/// A reflection as the UI shows it: the latest revision.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Reflection {
    /// Stable identifier (32 hex digits); amendments keep it.
    pub id: String,
    /// When it was written (may be earlier than when it was recorded).
    pub at: SystemTime,
    /// The UTC offset in force where it was written, in seconds.
    pub utc_offset_seconds: i32,
    /// When it was first recorded.
    pub recorded_at: SystemTime,
    /// 0 for the original; each amendment adds one.
    pub revision: u32,
    /// When the shown revision was recorded, for an amended reflection.
    pub amended_at: Option<SystemTime>,
    /// What it says, as of the shown revision.
    pub body: ReflectionBody,
}

/// What the caller supplies to add or amend a reflection.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewReflection {
    /// When it was written; `None` is now (on amending: unchanged). At most
    /// five minutes in the future and not before 1900 (otherwise
    /// `InvalidInput { field: "at" }`).
    pub at: Option<SystemTime>,
    /// The UTC offset in force where it was written, in seconds, within
    /// ±18 hours.
    pub utc_offset_seconds: i32,
    /// What it says.
    pub body: ReflectionBody,
}

impl ReflectionBody {
    /// Checks the fields; ids are checked by the caller.
    pub(crate) fn validate(&self) -> Result<()> {
        validate::optional("title", &self.title, TITLE_MAX_CHARS)?;
        validate::required("text", &self.text, REFLECTION_TEXT_MAX_CHARS)?;
        validate::list("tags", &self.tags, TAGS_MAX, TAG_MAX_CHARS)?;
        if let Some(mood) = self.mood {
            validate::range("mood", mood, 1, 5)?;
        }
        Ok(())
    }
}

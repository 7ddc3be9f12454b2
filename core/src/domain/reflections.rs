//! Reflections: journal entries and unsent letters.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use crate::{validate, Result};

pub const REFLECTION_TEXT_MAX_CHARS: usize = 100_000;
pub const TITLE_MAX_CHARS: usize = 200;
pub const TAG_MAX_CHARS: usize = 60;
pub const TAGS_MAX: usize = 30;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ReflectionKind {
    /// A journal entry, perhaps answering a prompt.
    Journal { prompt_id: Option<String> },
    /// A letter to a person: written, kept, never sent.
    UnsentLetter { person_id: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReflectionBody {
    pub kind: ReflectionKind,
    /// Optional title (up to 200 characters).
    pub title: String,
    /// The text (1–100,000 characters).
    pub text: String,
    pub tags: Vec<String>,
    /// 1–5, when given.
    pub mood: Option<u8>,
}

/// A reflection as the UI shows it: the latest revision.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Reflection {
    pub id: String,
    pub at: SystemTime,
    pub utc_offset_seconds: i32,
    pub recorded_at: SystemTime,
    pub revision: u32,
    pub amended_at: Option<SystemTime>,
    pub body: ReflectionBody,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewReflection {
    pub at: Option<SystemTime>,
    pub utc_offset_seconds: i32,
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

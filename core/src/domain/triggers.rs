//! Triggers: what sets an urge off.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use super::dates::MonthDay;
use crate::{time, validate, Result, VaultError};

/// Longest trigger name, in characters (Unicode scalar values).
pub const TRIGGER_NAME_MAX_CHARS: usize = 120;

/// What kind of thing a trigger is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum TriggerCategory {
    /// A place.
    Place,
    /// A time of day.
    TimeOfDay,
    /// A date that recurs every year (the only category with a `date`).
    DateOrAnniversary,
    /// A feeling.
    Emotion,
    /// A person, or a friend we share.
    PersonOrMutualFriend,
    /// A song, a film, a show.
    MusicOrMedia,
    /// Social media.
    SocialMedia,
    /// Alcohol or another substance.
    Substance,
    /// Anything else.
    Other,
}

/// What the user supplies to add or edit a trigger.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TriggerInput {
    /// The user's name for it (1–120 characters, not blank).
    pub name: String,
    /// What kind of thing it is.
    pub category: TriggerCategory,
    /// For a date trigger: the day it recurs every year. Required for
    /// `DateOrAnniversary`, refused for the other categories.
    pub date: Option<MonthDay>,
    /// The person it is linked to, if any (a live, unarchived person when
    /// set or changed; otherwise `InvalidInput { field: "person_id" }`).
    pub person_id: Option<String>,
}

/// Something that sets an urge off, named by the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Trigger {
    /// Stable identifier (32 hex digits).
    pub id: String,
    /// The user's name for it.
    pub name: String,
    /// What kind of thing it is.
    #[zeroize(skip)]
    pub category: TriggerCategory,
    /// For a `DateOrAnniversary` trigger, the day it recurs.
    #[zeroize(skip)]
    pub date: Option<MonthDay>,
    /// The person it is linked to, if any.
    pub person_id: Option<String>,
    /// Archived: left out of `list_triggers` unless asked for, and new
    /// urges cannot name it; urges that named it keep it.
    pub archived: bool,
    /// When it was added.
    #[zeroize(skip)]
    #[serde(with = "time::millis")]
    pub created_at: SystemTime,
}

impl TriggerInput {
    pub(crate) fn validate(&self) -> Result<()> {
        validate::required("name", &self.name, TRIGGER_NAME_MAX_CHARS)?;
        match (self.category, self.date) {
            (TriggerCategory::DateOrAnniversary, Some(date)) => date.check("date"),
            (TriggerCategory::DateOrAnniversary, None) => Err(VaultError::invalid("date")),
            (_, Some(_)) => Err(VaultError::invalid("date")),
            (_, None) => Ok(()),
        }
    }

    pub(crate) fn into_trigger(self, id: String, now: SystemTime) -> Trigger {
        Trigger {
            id,
            name: self.name,
            category: self.category,
            date: self.date,
            person_id: self.person_id,
            archived: false,
            created_at: now,
        }
    }
}

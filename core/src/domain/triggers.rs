//! Triggers: what sets an urge off.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use super::dates::MonthDay;
use crate::{time, validate, Result, VaultError};

pub const TRIGGER_NAME_MAX_CHARS: usize = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum TriggerCategory {
    Place,
    TimeOfDay,
    DateOrAnniversary,
    Emotion,
    PersonOrMutualFriend,
    MusicOrMedia,
    SocialMedia,
    Substance,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TriggerInput {
    /// The user's name for it (1–120 characters).
    pub name: String,
    pub category: TriggerCategory,
    /// For a date trigger: the day it recurs every year. Required for
    /// `DateOrAnniversary`, refused for the other categories.
    pub date: Option<MonthDay>,
    /// The person it is linked to, if any.
    pub person_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Trigger {
    pub id: String,
    pub name: String,
    #[zeroize(skip)]
    pub category: TriggerCategory,
    #[zeroize(skip)]
    pub date: Option<MonthDay>,
    pub person_id: Option<String>,
    pub archived: bool,
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

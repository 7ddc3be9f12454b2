//! The people the user goes no contact (or low contact) with.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use super::channel::Channel;
use super::dates::LocalDate;
use crate::{time, validate, Result};

pub const ALIAS_MAX_CHARS: usize = 80;
pub const PERSON_NOTES_MAX_CHARS: usize = 5_000;
pub const TOPIC_MAX_CHARS: usize = 200;
pub const TOPICS_MAX: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    ExPartner,
    Partner,
    Parent,
    Sibling,
    OtherFamily,
    Friend,
    CoWorker,
    Other,
}

/// No contact at all, or low contact limited to some channels and topics
/// (as in co-parenting).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ContactMode {
    NoContact,
    LowContact {
        #[zeroize(skip)]
        allowed_channels: Vec<Channel>,
        allowed_topics: Vec<String>,
    },
}

/// What the user supplies to add or edit a person.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PersonInput {
    /// A discreet alias chosen by the user (1–80 characters).
    pub alias: String,
    pub relationship: Relationship,
    pub mode: ContactMode,
    /// The day no contact began (not in the future).
    pub no_contact_since: LocalDate,
    /// Channels the person is blocked on.
    pub blocked_on: Vec<Channel>,
    /// Free notes (up to 5,000 characters).
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Person {
    pub id: String,
    pub alias: String,
    #[zeroize(skip)]
    pub relationship: Relationship,
    pub mode: ContactMode,
    #[zeroize(skip)]
    pub no_contact_since: LocalDate,
    #[zeroize(skip)]
    pub blocked_on: Vec<Channel>,
    pub notes: String,
    pub archived: bool,
    #[zeroize(skip)]
    #[serde(with = "time::millis")]
    pub created_at: SystemTime,
    #[zeroize(skip)]
    #[serde(with = "time::millis")]
    pub updated_at: SystemTime,
}

impl PersonInput {
    pub(crate) fn validate(&self) -> Result<()> {
        validate::required("alias", &self.alias, ALIAS_MAX_CHARS)?;
        validate::optional("notes", &self.notes, PERSON_NOTES_MAX_CHARS)?;
        validate::count("blocked_on", &self.blocked_on, Channel::ALL.len())?;
        if let ContactMode::LowContact {
            allowed_channels,
            allowed_topics,
        } = &self.mode
        {
            validate::count("allowed_channels", allowed_channels, Channel::ALL.len())?;
            validate::list(
                "allowed_topics",
                allowed_topics,
                TOPICS_MAX,
                TOPIC_MAX_CHARS,
            )?;
        }
        self.no_contact_since
            .check_not_future("no_contact_since", super::dates::today_utc())
    }

    pub(crate) fn apply(self, person: &mut Person, now: SystemTime) {
        person.alias = self.alias;
        person.relationship = self.relationship;
        person.mode = self.mode;
        person.no_contact_since = self.no_contact_since;
        person.blocked_on = dedup(self.blocked_on);
        person.notes = self.notes;
        person.updated_at = now;
    }

    pub(crate) fn into_person(self, id: String, now: SystemTime) -> Person {
        let mut person = Person {
            id,
            alias: String::new(),
            relationship: self.relationship,
            mode: ContactMode::NoContact,
            no_contact_since: self.no_contact_since,
            blocked_on: Vec::new(),
            notes: String::new(),
            archived: false,
            created_at: now,
            updated_at: now,
        };
        self.apply(&mut person, now);
        person
    }
}

/// Removes repeated entries, keeping the first occurrence's order.
pub(crate) fn dedup<T: PartialEq>(items: Vec<T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

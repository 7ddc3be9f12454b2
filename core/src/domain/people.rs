//! The people the user goes no contact (or low contact) with.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use super::channel::Channel;
use super::dates::LocalDate;
use crate::{time, validate, Result};

/// Longest alias of a person, in characters (Unicode scalar values).
pub const ALIAS_MAX_CHARS: usize = 80;
/// Longest notes on a person, in characters.
pub const PERSON_NOTES_MAX_CHARS: usize = 5_000;
/// Longest allowed topic of a low-contact person, in characters.
pub const TOPIC_MAX_CHARS: usize = 200;
/// Most allowed topics of a low-contact person.
pub const TOPICS_MAX: usize = 20;

/// Who the person is to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    /// A former partner.
    ExPartner,
    /// A current partner.
    Partner,
    /// A parent.
    Parent,
    /// A brother or sister.
    Sibling,
    /// Other family.
    OtherFamily,
    /// A friend.
    Friend,
    /// Someone from work.
    CoWorker,
    /// Anyone else.
    Other,
}

/// No contact at all, or low contact limited to some channels and topics
/// (as in co-parenting).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ContactMode {
    /// No contact at all.
    NoContact,
    /// Contact only through some channels, about some topics.
    LowContact {
        /// The channels contact is allowed on (each channel at most once).
        #[zeroize(skip)]
        allowed_channels: Vec<Channel>,
        /// The topics contact is allowed about: at most `TOPICS_MAX`, each
        /// not blank and at most `TOPIC_MAX_CHARS` characters.
        allowed_topics: Vec<String>,
    },
}

/// What the user supplies to add or edit a person.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PersonInput {
    /// A discreet alias chosen by the user (1–80 characters).
    pub alias: String,
    /// Who they are to the user.
    pub relationship: Relationship,
    /// No contact, or low contact with what is allowed.
    pub mode: ContactMode,
    /// The day no contact began (not in the future, a day of slack for
    /// time zones; years 1900–2200).
    pub no_contact_since: LocalDate,
    /// Channels the person is blocked on (a repeated channel is kept once).
    pub blocked_on: Vec<Channel>,
    /// Free notes (up to 5,000 characters).
    pub notes: String,
}

/// A person the user goes no contact (or low contact) with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Person {
    /// Stable identifier (32 hex digits).
    pub id: String,
    /// The alias the user chose.
    pub alias: String,
    /// Who they are to the user.
    #[zeroize(skip)]
    pub relationship: Relationship,
    /// No contact, or low contact with what is allowed.
    pub mode: ContactMode,
    /// The day no contact began.
    #[zeroize(skip)]
    pub no_contact_since: LocalDate,
    /// Channels the person is blocked on, each once.
    #[zeroize(skip)]
    pub blocked_on: Vec<Channel>,
    /// Free notes.
    pub notes: String,
    /// Archived: left out of `list_people` unless asked for, and new
    /// entries cannot refer to them; their events stay.
    pub archived: bool,
    /// When they were added.
    #[zeroize(skip)]
    #[serde(with = "time::millis")]
    pub created_at: SystemTime,
    /// When they were last edited, archived or restored.
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

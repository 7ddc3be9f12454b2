//! The event log's kinds: urges, my contacts (breaches), their contact
//! attempts and check-ins.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use super::channel::Channel;
use crate::{codec, validate, Result, VaultError};

pub const EVENT_NOTE_MAX_CHARS: usize = 5_000;
pub const SAID_MAX_CHARS: usize = 20_000;
pub const HANDLE_MAX_CHARS: usize = 200;
pub const LOCATION_MAX_CHARS: usize = 300;
pub const SHORT_TEXT_MAX_CHARS: usize = 120;
pub const LIST_MAX: usize = 30;
pub const ATTACHMENTS_MAX: usize = 30;
pub const ATTACHMENT_ID_MAX_CHARS: usize = 200;

/// A fixed vocabulary of emotions the UIs can localize; free words go in
/// `other_emotions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Emotion {
    Lonely,
    Sad,
    Angry,
    Anxious,
    Afraid,
    Guilty,
    Ashamed,
    Nostalgic,
    Bored,
    Numb,
    Confused,
    Hopeful,
    Relieved,
    Proud,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum UrgeOutcome {
    Resisted,
    Delayed,
    ReachedOut,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Initiator {
    /// I started it.
    Me,
    /// I answered them.
    Them,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum AttemptResponse {
    Ignored,
    Blocked,
    Replied,
    Reported,
}

/// A file the app keeps (a screenshot, a voicemail): the app's own
/// identifier and the SHA-256 of the original file, so an export can prove
/// the file is the one logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Attachment {
    pub app_id: String,
    /// 64 lowercase hex digits.
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Urge {
    /// 0–10.
    pub intensity: u8,
    /// The person the urge was about, if any.
    pub person_id: Option<String>,
    pub trigger_ids: Vec<String>,
    #[zeroize(skip)]
    pub emotions: Vec<Emotion>,
    pub other_emotions: Vec<String>,
    /// What helped (coping steps), in the user's words.
    pub coping: Vec<String>,
    #[zeroize(skip)]
    pub outcome: UrgeOutcome,
    /// With `ReachedOut`: the channel used. The matching my-contact event is
    /// recorded in the same call (needs `person_id`).
    #[zeroize(skip)]
    pub reached_out_via: Option<Channel>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MyContact {
    pub person_id: String,
    #[zeroize(skip)]
    pub channel: Channel,
    #[zeroize(skip)]
    pub initiated_by: Initiator,
    pub crossed_boundary_ids: Vec<String>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TheirAttempt {
    pub person_id: String,
    #[zeroize(skip)]
    pub channel: Channel,
    /// The number, address or account they used.
    pub handle: String,
    /// What was said: a summary or the exact words.
    pub said: String,
    /// `said` holds their exact words.
    pub said_verbatim: bool,
    #[zeroize(skip)]
    pub response: AttemptResponse,
    pub location: String,
    pub witnesses: Vec<String>,
    /// How unsafe it felt, 0 (not at all) to 4 (in danger).
    pub felt_unsafe: u8,
    pub attachments: Vec<Attachment>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CheckIn {
    /// 1–5.
    pub mood: u8,
    /// 1–5, when given.
    pub energy: Option<u8>,
    pub note: String,
    pub tags: Vec<String>,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum EventBody {
    Urge { urge: Urge },
    MyContact { contact: MyContact },
    TheirAttempt { attempt: TheirAttempt },
    CheckIn { check_in: CheckIn },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Urge,
    MyContact,
    TheirAttempt,
    CheckIn,
}

impl EventKind {
    pub const ALL: [EventKind; 4] = [
        EventKind::Urge,
        EventKind::MyContact,
        EventKind::TheirAttempt,
        EventKind::CheckIn,
    ];

    pub fn id(self) -> &'static str {
        match self {
            EventKind::Urge => "urge",
            EventKind::MyContact => "my_contact",
            EventKind::TheirAttempt => "their_attempt",
            EventKind::CheckIn => "check_in",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// An event as the UI shows it: the latest revision of a ledger entry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Event {
    pub id: String,
    pub kind: EventKind,
    /// When it happened (may be earlier than when it was logged).
    pub at: SystemTime,
    /// The UTC offset in force where it was logged, in seconds.
    pub utc_offset_seconds: i32,
    /// When it was first recorded.
    pub recorded_at: SystemTime,
    /// 0 for the original; each amendment adds one.
    pub revision: u32,
    /// When the shown revision was recorded, for an amended event.
    pub amended_at: Option<SystemTime>,
    /// Logged while the vault was locked, with a quick entry (an
    /// amendment keeps the mark).
    pub logged_while_locked: bool,
    pub body: EventBody,
}

/// What the caller supplies to log an event.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewEvent {
    /// When it happened; `None` is now. At most a few minutes in the future.
    pub at: Option<SystemTime>,
    pub utc_offset_seconds: i32,
    pub body: EventBody,
}

/// What a log call recorded: the event, and for an urge that reached out,
/// the matching my-contact event.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Logged {
    pub event: Event,
    pub contact: Option<Event>,
}

impl EventBody {
    pub fn kind(&self) -> EventKind {
        match self {
            EventBody::Urge { .. } => EventKind::Urge,
            EventBody::MyContact { .. } => EventKind::MyContact,
            EventBody::TheirAttempt { .. } => EventKind::TheirAttempt,
            EventBody::CheckIn { .. } => EventKind::CheckIn,
        }
    }

    /// The person this event is about, if any.
    pub fn person_id(&self) -> Option<&str> {
        match self {
            EventBody::Urge { urge } => urge.person_id.as_deref(),
            EventBody::MyContact { contact } => Some(&contact.person_id),
            EventBody::TheirAttempt { attempt } => Some(&attempt.person_id),
            EventBody::CheckIn { .. } => None,
        }
    }

    /// Checks every field that does not refer to another record.
    pub(crate) fn validate(&self) -> Result<()> {
        match self {
            EventBody::Urge { urge } => {
                validate::range("intensity", urge.intensity, 0, 10)?;
                validate::count("trigger_ids", &urge.trigger_ids, LIST_MAX)?;
                validate::count("emotions", &urge.emotions, LIST_MAX)?;
                validate::list(
                    "other_emotions",
                    &urge.other_emotions,
                    LIST_MAX,
                    SHORT_TEXT_MAX_CHARS,
                )?;
                validate::list("coping", &urge.coping, LIST_MAX, SHORT_TEXT_MAX_CHARS * 2)?;
                validate::optional("note", &urge.note, EVENT_NOTE_MAX_CHARS)?;
                match (urge.outcome, urge.reached_out_via, &urge.person_id) {
                    (UrgeOutcome::ReachedOut, None, _) => {
                        Err(VaultError::invalid("reached_out_via"))
                    }
                    (UrgeOutcome::ReachedOut, Some(_), None) => {
                        Err(VaultError::invalid("person_id"))
                    }
                    (UrgeOutcome::Resisted | UrgeOutcome::Delayed, Some(_), _) => {
                        Err(VaultError::invalid("reached_out_via"))
                    }
                    _ => Ok(()),
                }
            }
            EventBody::MyContact { contact } => {
                validate::count(
                    "crossed_boundary_ids",
                    &contact.crossed_boundary_ids,
                    LIST_MAX,
                )?;
                validate::optional("note", &contact.note, EVENT_NOTE_MAX_CHARS)
            }
            EventBody::TheirAttempt { attempt } => {
                validate::optional("handle", &attempt.handle, HANDLE_MAX_CHARS)?;
                validate::optional("said", &attempt.said, SAID_MAX_CHARS)?;
                validate::optional("location", &attempt.location, LOCATION_MAX_CHARS)?;
                validate::list(
                    "witnesses",
                    &attempt.witnesses,
                    LIST_MAX,
                    SHORT_TEXT_MAX_CHARS,
                )?;
                validate::range("felt_unsafe", attempt.felt_unsafe, 0, 4)?;
                validate::count("attachments", &attempt.attachments, ATTACHMENTS_MAX)?;
                for a in &attempt.attachments {
                    validate::required("attachments", &a.app_id, ATTACHMENT_ID_MAX_CHARS)?;
                    let hex_ok = a.sha256.len() == 64
                        && a.sha256
                            .bytes()
                            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
                        && codec::hex_decode(&a.sha256).is_some();
                    if !hex_ok {
                        return Err(VaultError::invalid("attachments"));
                    }
                }
                validate::optional("note", &attempt.note, EVENT_NOTE_MAX_CHARS)
            }
            EventBody::CheckIn { check_in } => {
                validate::range("mood", check_in.mood, 1, 5)?;
                if let Some(energy) = check_in.energy {
                    validate::range("energy", energy, 1, 5)?;
                }
                validate::optional("note", &check_in.note, EVENT_NOTE_MAX_CHARS)?;
                validate::list("tags", &check_in.tags, LIST_MAX, SHORT_TEXT_MAX_CHARS)
            }
        }
    }

    /// Ids this body refers to, with the field that holds each, for checks.
    pub(crate) fn references(&self) -> Vec<(&'static str, RefKind, &str)> {
        let mut out = Vec::new();
        match self {
            EventBody::Urge { urge } => {
                if let Some(p) = &urge.person_id {
                    out.push(("person_id", RefKind::Person, p.as_str()));
                }
                for t in &urge.trigger_ids {
                    out.push(("trigger_ids", RefKind::Trigger, t.as_str()));
                }
            }
            EventBody::MyContact { contact } => {
                out.push(("person_id", RefKind::Person, contact.person_id.as_str()));
                for b in &contact.crossed_boundary_ids {
                    out.push(("crossed_boundary_ids", RefKind::Boundary, b.as_str()));
                }
            }
            EventBody::TheirAttempt { attempt } => {
                out.push(("person_id", RefKind::Person, attempt.person_id.as_str()));
            }
            EventBody::CheckIn { .. } => {}
        }
        out
    }
}

/// The kind of record an id field refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RefKind {
    Person,
    Trigger,
    Boundary,
}

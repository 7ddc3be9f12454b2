//! The event log's kinds: urges, my contacts (breaches), their contact
//! attempts and check-ins.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use super::channel::Channel;
use crate::{codec, validate, Result, VaultError};

/// Longest `note` of an event, in characters (Unicode scalar values).
pub const EVENT_NOTE_MAX_CHARS: usize = 5_000;
/// Longest `said` of their attempt, in characters.
pub const SAID_MAX_CHARS: usize = 20_000;
/// Longest `handle` of their attempt (number, address, account), in characters.
pub const HANDLE_MAX_CHARS: usize = 200;
/// Longest `location` of their attempt, in characters.
pub const LOCATION_MAX_CHARS: usize = 300;
/// Longest item of an event's short-text lists (other emotions, witnesses,
/// check-in tags), in characters; a coping step may be twice as long.
pub const SHORT_TEXT_MAX_CHARS: usize = 120;
/// Most items in each list of an event (trigger ids, emotions, other
/// emotions, coping steps, crossed boundary ids, witnesses, tags).
pub const LIST_MAX: usize = 30;
/// Most attachments on one attempt.
pub const ATTACHMENTS_MAX: usize = 30;
/// Longest `app_id` of an attachment, in characters.
pub const ATTACHMENT_ID_MAX_CHARS: usize = 200;

/// A fixed vocabulary of emotions the UIs can localize; free words go in
/// `other_emotions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Emotion {
    /// Lonely.
    Lonely,
    /// Sad.
    Sad,
    /// Angry.
    Angry,
    /// Anxious.
    Anxious,
    /// Afraid.
    Afraid,
    /// Guilty.
    Guilty,
    /// Ashamed.
    Ashamed,
    /// Nostalgic: missing how it was.
    Nostalgic,
    /// Bored.
    Bored,
    /// Numb.
    Numb,
    /// Confused.
    Confused,
    /// Hopeful.
    Hopeful,
    /// Relieved.
    Relieved,
    /// Proud.
    Proud,
}

/// How an urge to make contact ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum UrgeOutcome {
    /// I did not act on it.
    Resisted,
    /// I put it off (a quick urge entry is recorded as this).
    Delayed,
    /// I made contact; the urge names the channel in `reached_out_via`.
    ReachedOut,
}

/// Who started a contact I had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Initiator {
    /// I started it.
    Me,
    /// I answered them.
    Them,
}

/// What I did about their attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum AttemptResponse {
    /// I did not respond (a quick attempt entry is recorded as this).
    Ignored,
    /// I blocked them.
    Blocked,
    /// I replied.
    Replied,
    /// I reported it (to the platform, the police, a lawyer).
    Reported,
}

/// A file the app keeps (a screenshot, a voicemail): the app's own
/// identifier and the SHA-256 of the original file, so an export can prove
/// the file is the one logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Attachment {
    /// The app's own identifier for the file, not blank, at most
    /// `ATTACHMENT_ID_MAX_CHARS` characters.
    pub app_id: String,
    /// 64 lowercase hex digits.
    pub sha256: String,
}

/// An urge to make contact, and how it ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Urge {
    /// How strong it was, 0 (barely) to 10; outside that is
    /// `InvalidInput { field: "intensity" }`.
    pub intensity: u8,
    /// The person the urge was about, if any (a live, unarchived person).
    pub person_id: Option<String>,
    /// Ids of live, unarchived triggers that set it off; at most `LIST_MAX`.
    pub trigger_ids: Vec<String>,
    /// What I felt, from the fixed vocabulary; at most `LIST_MAX`.
    #[zeroize(skip)]
    pub emotions: Vec<Emotion>,
    /// Feelings in my own words: at most `LIST_MAX`, each not blank and at
    /// most `SHORT_TEXT_MAX_CHARS` characters.
    pub other_emotions: Vec<String>,
    /// What helped (coping steps), in the user's words: at most `LIST_MAX`,
    /// each not blank and at most twice `SHORT_TEXT_MAX_CHARS` characters.
    pub coping: Vec<String>,
    /// How it ended. `ReachedOut` needs `reached_out_via` and `person_id`;
    /// the other outcomes must leave `reached_out_via` empty.
    #[zeroize(skip)]
    pub outcome: UrgeOutcome,
    /// With `ReachedOut`: the channel used. The matching my-contact event is
    /// recorded in the same call (needs `person_id`).
    #[zeroize(skip)]
    pub reached_out_via: Option<Channel>,
    /// Free text, may be empty; at most `EVENT_NOTE_MAX_CHARS` characters.
    pub note: String,
}

/// A contact I had with them (a breach of no contact), whoever started it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MyContact {
    /// The person, a live, unarchived one.
    pub person_id: String,
    /// How we were in contact.
    #[zeroize(skip)]
    pub channel: Channel,
    /// Whether I started it or answered them.
    #[zeroize(skip)]
    pub initiated_by: Initiator,
    /// Ids of the boundaries this contact crossed (existing ones); at most
    /// `LIST_MAX`.
    pub crossed_boundary_ids: Vec<String>,
    /// Free text, may be empty; at most `EVENT_NOTE_MAX_CHARS` characters.
    pub note: String,
}

/// An attempt of theirs to reach me, as evidence: who, how, what was said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TheirAttempt {
    /// The person, a live, unarchived one.
    pub person_id: String,
    /// How they tried to reach me.
    #[zeroize(skip)]
    pub channel: Channel,
    /// The number, address or account they used; may be empty, at most
    /// `HANDLE_MAX_CHARS` characters.
    pub handle: String,
    /// What was said: a summary or the exact words; may be empty, at most
    /// `SAID_MAX_CHARS` characters.
    pub said: String,
    /// `said` holds their exact words.
    pub said_verbatim: bool,
    /// What I did about it.
    #[zeroize(skip)]
    pub response: AttemptResponse,
    /// Where it happened; may be empty, at most `LOCATION_MAX_CHARS`
    /// characters.
    pub location: String,
    /// Who saw or heard it: at most `LIST_MAX` names, each not blank and at
    /// most `SHORT_TEXT_MAX_CHARS` characters.
    pub witnesses: Vec<String>,
    /// How unsafe it felt, 0 (not at all) to 4 (in danger); outside that is
    /// `InvalidInput { field: "felt_unsafe" }`.
    pub felt_unsafe: u8,
    /// Files kept with it (screenshots, voicemails); at most
    /// `ATTACHMENTS_MAX`.
    pub attachments: Vec<Attachment>,
    /// Free text, may be empty; at most `EVENT_NOTE_MAX_CHARS` characters.
    pub note: String,
}

/// A check-in: how I am right now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CheckIn {
    /// Mood, 1 (very low) to 5 (very good); outside that is
    /// `InvalidInput { field: "mood" }`.
    pub mood: u8,
    /// Energy, 1 to 5, when given; outside that is
    /// `InvalidInput { field: "energy" }`.
    pub energy: Option<u8>,
    /// Free text, may be empty; at most `EVENT_NOTE_MAX_CHARS` characters.
    pub note: String,
    /// Words of my own to find it by: at most `LIST_MAX`, each not blank and
    /// at most `SHORT_TEXT_MAX_CHARS` characters.
    pub tags: Vec<String>,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum EventBody {
    /// An urge to make contact.
    Urge {
        /// The urge.
        urge: Urge,
    },
    /// A contact I had with them.
    MyContact {
        /// The contact.
        contact: MyContact,
    },
    /// An attempt of theirs to reach me.
    TheirAttempt {
        /// The attempt.
        attempt: TheirAttempt,
    },
    /// A mood check-in.
    CheckIn {
        /// The check-in.
        check_in: CheckIn,
    },
}

/// The kind of an event, without its content (for filters and counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// An urge to make contact.
    Urge,
    /// A contact I had with them.
    MyContact,
    /// An attempt of theirs to reach me.
    TheirAttempt,
    /// A mood check-in.
    CheckIn,
}

impl EventKind {
    /// Every kind, in the order the apps list them.
    pub const ALL: [EventKind; 4] = [
        EventKind::Urge,
        EventKind::MyContact,
        EventKind::TheirAttempt,
        EventKind::CheckIn,
    ];

    /// The stable identifier: `urge`, `my_contact`, `their_attempt`,
    /// `check_in` (as in exports and the CLI).
    pub fn id(self) -> &'static str {
        match self {
            EventKind::Urge => "urge",
            EventKind::MyContact => "my_contact",
            EventKind::TheirAttempt => "their_attempt",
            EventKind::CheckIn => "check_in",
        }
    }

    /// The kind with this identifier (see `id`), if any.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// An event as the UI shows it: the latest revision of a ledger entry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Event {
    /// Stable identifier (32 hex digits); amendments keep it.
    pub id: String,
    /// What kind of event it is (the same as `body`'s).
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
    /// What happened, as of the shown revision.
    pub body: EventBody,
}

/// What the caller supplies to log an event.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewEvent {
    /// When it happened; `None` is now. At most five minutes in the future
    /// and not before 1900 (otherwise `InvalidInput { field: "at" }`).
    pub at: Option<SystemTime>,
    /// The UTC offset in force where it happened, in seconds, within
    /// ±18 hours (otherwise `InvalidInput { field: "utc_offset_seconds" }`).
    pub utc_offset_seconds: i32,
    /// What happened.
    pub body: EventBody,
}

/// What a log call recorded: the event, and for an urge that reached out,
/// the matching my-contact event.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Logged {
    /// The event as recorded.
    pub event: Event,
    /// For an urge whose outcome is `ReachedOut`, the my-contact event
    /// recorded with it.
    pub contact: Option<Event>,
}

impl EventBody {
    /// The kind of this body.
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

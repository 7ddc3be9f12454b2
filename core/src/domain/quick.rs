//! Quick entries: what a widget, a notification action or a shortcut can
//! log without the passcode ("they just called", "urge, 7", "I'm OK").

use serde::{Deserialize, Serialize};

use super::channel::Channel;
use super::events::{CheckIn, EventBody, TheirAttempt, Urge, UrgeOutcome};
use crate::domain::events::AttemptResponse;
use crate::record::RecordId;
use crate::{Result, VaultError};

/// One quick entry. Person ids are the app's own (it keeps the id of the
/// person a widget is for); they are checked for shape only, since a
/// locked vault cannot look people up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum QuickEntry {
    /// They just tried to reach me through `channel`.
    TheirAttempt {
        /// The person (32 hex digits, checked for shape only).
        person_id: String,
        /// How they tried to reach me.
        channel: Channel,
    },
    /// An urge of `intensity` (0–10), recorded as delayed: logged instead
    /// of acted on. It can be amended after unlock.
    Urge {
        /// How strong it is, 0 to 10.
        intensity: u8,
        /// The person it is about, if any (checked for shape only).
        person_id: Option<String>,
    },
    /// A check-in with `mood` (1–5): "I'm OK" is 3 or more.
    CheckIn {
        /// Mood, 1 (very low) to 5 (very good).
        mood: u8,
    },
}

impl QuickEntry {
    pub(crate) fn validate(&self) -> Result<()> {
        match self {
            QuickEntry::TheirAttempt { person_id, .. } => {
                RecordId::parse(person_id).map_err(|_| VaultError::invalid("person_id"))?;
            }
            QuickEntry::Urge {
                intensity,
                person_id,
            } => {
                if *intensity > 10 {
                    return Err(VaultError::invalid("intensity"));
                }
                if let Some(id) = person_id {
                    RecordId::parse(id).map_err(|_| VaultError::invalid("person_id"))?;
                }
            }
            QuickEntry::CheckIn { mood } => {
                if !(1..=5).contains(mood) {
                    return Err(VaultError::invalid("mood"));
                }
            }
        }
        Ok(())
    }

    /// The event it becomes in the log.
    pub(crate) fn into_body(self) -> EventBody {
        match self {
            QuickEntry::TheirAttempt { person_id, channel } => attempt_body(person_id, channel),
            QuickEntry::Urge {
                intensity,
                person_id,
            } => urge_body(intensity, person_id, UrgeOutcome::Delayed),
            QuickEntry::CheckIn { mood } => check_in_body(mood),
        }
    }
}

/// An attempt with only who and how; the rest can be amended in later.
pub(crate) fn attempt_body(person_id: String, channel: Channel) -> EventBody {
    EventBody::TheirAttempt {
        attempt: TheirAttempt {
            person_id,
            channel,
            handle: String::new(),
            said: String::new(),
            said_verbatim: false,
            response: AttemptResponse::Ignored,
            location: String::new(),
            witnesses: Vec::new(),
            felt_unsafe: 0,
            attachments: Vec::new(),
            note: String::new(),
        },
    }
}

/// An urge with only its intensity and outcome.
pub(crate) fn urge_body(
    intensity: u8,
    person_id: Option<String>,
    outcome: UrgeOutcome,
) -> EventBody {
    EventBody::Urge {
        urge: Urge {
            intensity,
            person_id,
            trigger_ids: Vec::new(),
            emotions: Vec::new(),
            other_emotions: Vec::new(),
            coping: Vec::new(),
            outcome,
            reached_out_via: None,
            note: String::new(),
        },
    }
}

/// A check-in with only a mood.
pub(crate) fn check_in_body(mood: u8) -> EventBody {
    EventBody::CheckIn {
        check_in: CheckIn {
            mood,
            energy: None,
            note: String::new(),
            tags: Vec::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_input_is_named() {
        let bad = [
            (
                QuickEntry::TheirAttempt {
                    person_id: "💥".into(),
                    channel: Channel::Call,
                },
                "person_id",
            ),
            (
                QuickEntry::Urge {
                    intensity: 11,
                    person_id: None,
                },
                "intensity",
            ),
            (
                QuickEntry::Urge {
                    intensity: 3,
                    person_id: Some(String::new()),
                },
                "person_id",
            ),
            (QuickEntry::CheckIn { mood: 0 }, "mood"),
            (QuickEntry::CheckIn { mood: 6 }, "mood"),
        ];
        for (entry, field) in bad {
            assert_eq!(entry.validate(), Err(VaultError::invalid(field)));
        }
    }

    #[test]
    fn bodies_pass_the_event_checks() {
        let person = crate::random_hex().unwrap();
        for entry in [
            QuickEntry::TheirAttempt {
                person_id: person.clone(),
                channel: Channel::Text,
            },
            QuickEntry::Urge {
                intensity: 7,
                person_id: Some(person),
            },
            QuickEntry::CheckIn { mood: 3 },
        ] {
            entry.validate().unwrap();
            entry.into_body().validate().unwrap();
        }
    }
}

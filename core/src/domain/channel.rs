//! How people reach each other.

use serde::{Deserialize, Serialize};

/// A channel of contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// A call (`call`).
    Call,
    /// A text message (`text`).
    Text,
    /// A messaging app (`messaging_app`).
    MessagingApp,
    /// Email (`email`).
    Email,
    /// Social media (`social_media`).
    SocialMedia,
    /// Face to face (`in_person`).
    InPerson,
    /// Passed on through someone else (`through_someone`).
    ThroughSomeone,
    /// Anything else (`other`).
    Other,
}

impl Channel {
    /// Every channel, in display order.
    pub const ALL: [Channel; 8] = [
        Channel::Call,
        Channel::Text,
        Channel::MessagingApp,
        Channel::Email,
        Channel::SocialMedia,
        Channel::InPerson,
        Channel::ThroughSomeone,
        Channel::Other,
    ];

    /// A stable identifier (also the CLI's spelling).
    pub fn id(self) -> &'static str {
        match self {
            Channel::Call => "call",
            Channel::Text => "text",
            Channel::MessagingApp => "messaging_app",
            Channel::Email => "email",
            Channel::SocialMedia => "social_media",
            Channel::InPerson => "in_person",
            Channel::ThroughSomeone => "through_someone",
            Channel::Other => "other",
        }
    }

    /// The channel with this identifier (see `id`), if any.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.id() == id)
    }
}

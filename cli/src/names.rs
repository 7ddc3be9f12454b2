//! The CLI's spellings of the core's enums: lowercase words joined by
//! hyphens ("ex-partner", "messaging-app"). Underscores and any letter case
//! are accepted too.

use nocontact_core::{
    AttemptResponse, BoundaryKind, BoundaryStatus, Channel, Discretion, Emotion, EventKind,
    ReasonTheme, Relationship, ReminderKind, TriggerCategory, UrgeOutcome,
};

/// An enum with a fixed table of CLI names.
pub(crate) trait Named: Copy + PartialEq + 'static {
    /// What a value is called in messages ("relationship").
    const WHAT: &'static str;
    const NAMES: &'static [(&'static str, Self)];
}

/// The value spelled `text`, if any.
pub(crate) fn parse<T: Named>(text: &str) -> Option<T> {
    let wanted: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '_' | ' ' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    T::NAMES
        .iter()
        .find(|(name, _)| *name == wanted)
        .map(|(_, v)| *v)
}

/// The CLI name of `value`.
pub(crate) fn name<T: Named>(value: T) -> &'static str {
    T::NAMES
        .iter()
        .find(|(_, v)| *v == value)
        .map_or("?", |(name, _)| name)
}

/// "call, text, ..." for a usage message.
pub(crate) fn choices<T: Named>() -> String {
    T::NAMES
        .iter()
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Names of several values, comma-separated.
pub(crate) fn list<T: Named>(values: &[T]) -> String {
    values
        .iter()
        .map(|v| name(*v))
        .collect::<Vec<_>>()
        .join(", ")
}

macro_rules! named {
    ($ty:ty, $what:literal, [$(($name:literal, $value:expr)),* $(,)?]) => {
        impl Named for $ty {
            const WHAT: &'static str = $what;
            const NAMES: &'static [(&'static str, Self)] = &[$(($name, $value)),*];
        }
    };
}

named!(
    Relationship,
    "relationship",
    [
        ("ex-partner", Relationship::ExPartner),
        ("partner", Relationship::Partner),
        ("parent", Relationship::Parent),
        ("sibling", Relationship::Sibling),
        ("other-family", Relationship::OtherFamily),
        ("friend", Relationship::Friend),
        ("co-worker", Relationship::CoWorker),
        ("other", Relationship::Other),
    ]
);

named!(
    Channel,
    "channel",
    [
        ("call", Channel::Call),
        ("text", Channel::Text),
        ("messaging-app", Channel::MessagingApp),
        ("email", Channel::Email),
        ("social-media", Channel::SocialMedia),
        ("in-person", Channel::InPerson),
        ("through-someone", Channel::ThroughSomeone),
        ("other", Channel::Other),
    ]
);

named!(
    BoundaryKind,
    "boundary kind",
    [
        ("communication", BoundaryKind::Communication),
        ("monitoring", BoundaryKind::Monitoring),
        ("in-person", BoundaryKind::InPerson),
        ("through-other-people", BoundaryKind::ThroughOtherPeople),
        ("digital", BoundaryKind::Digital),
        ("allowed-exception", BoundaryKind::AllowedException),
    ]
);

named!(
    BoundaryStatus,
    "status",
    [
        ("active", BoundaryStatus::Active),
        ("paused", BoundaryStatus::Paused),
        ("retired", BoundaryStatus::Retired),
    ]
);

named!(
    TriggerCategory,
    "category",
    [
        ("place", TriggerCategory::Place),
        ("time-of-day", TriggerCategory::TimeOfDay),
        ("date-or-anniversary", TriggerCategory::DateOrAnniversary),
        ("emotion", TriggerCategory::Emotion),
        (
            "person-or-mutual-friend",
            TriggerCategory::PersonOrMutualFriend
        ),
        ("music-or-media", TriggerCategory::MusicOrMedia),
        ("social-media", TriggerCategory::SocialMedia),
        ("substance", TriggerCategory::Substance),
        ("other", TriggerCategory::Other),
    ]
);

named!(
    UrgeOutcome,
    "outcome",
    [
        ("resisted", UrgeOutcome::Resisted),
        ("delayed", UrgeOutcome::Delayed),
        ("reached-out", UrgeOutcome::ReachedOut),
    ]
);

named!(
    AttemptResponse,
    "response",
    [
        ("ignored", AttemptResponse::Ignored),
        ("blocked", AttemptResponse::Blocked),
        ("replied", AttemptResponse::Replied),
        ("reported", AttemptResponse::Reported),
    ]
);

named!(
    Emotion,
    "emotion",
    [
        ("lonely", Emotion::Lonely),
        ("sad", Emotion::Sad),
        ("angry", Emotion::Angry),
        ("anxious", Emotion::Anxious),
        ("afraid", Emotion::Afraid),
        ("guilty", Emotion::Guilty),
        ("ashamed", Emotion::Ashamed),
        ("nostalgic", Emotion::Nostalgic),
        ("bored", Emotion::Bored),
        ("numb", Emotion::Numb),
        ("confused", Emotion::Confused),
        ("hopeful", Emotion::Hopeful),
        ("relieved", Emotion::Relieved),
        ("proud", Emotion::Proud),
    ]
);

named!(
    EventKind,
    "kind",
    [
        ("urge", EventKind::Urge),
        ("contact", EventKind::MyContact),
        ("attempt", EventKind::TheirAttempt),
        ("checkin", EventKind::CheckIn),
    ]
);

named!(
    ReasonTheme,
    "theme",
    [
        ("self-preservation", ReasonTheme::SelfPreservation),
        ("setting-boundaries", ReasonTheme::SettingBoundaries),
        ("emotional-healing", ReasonTheme::EmotionalHealing),
        ("breaking-the-cycle", ReasonTheme::BreakingTheCycle),
        ("personal-growth", ReasonTheme::PersonalGrowth),
        ("protecting-others", ReasonTheme::ProtectingOthers),
        ("regaining-control", ReasonTheme::RegainingControl),
        ("creating-space", ReasonTheme::CreatingSpace),
    ]
);

named!(
    Discretion,
    "discretion",
    [
        ("neutral", Discretion::Neutral),
        ("plain", Discretion::Plain),
    ]
);

named!(
    ReminderKind,
    "reminder kind",
    [
        ("daily-check-in", ReminderKind::DailyCheckIn),
        ("evening-review", ReminderKind::EveningReview),
        ("milestone", ReminderKind::Milestone),
        ("risky-date", ReminderKind::RiskyDate),
        ("boundary-review", ReminderKind::BoundaryReview),
    ]
);

#[cfg(test)]
mod tests {
    use super::*;

    fn covers<T: Named + std::fmt::Debug>(all: &[T]) {
        assert_eq!(T::NAMES.len(), all.len());
        for v in all {
            assert_eq!(parse::<T>(name(*v)), Some(*v), "{v:?}");
        }
    }

    #[test]
    fn every_value_has_a_name_that_parses_back() {
        covers(&Channel::ALL);
        covers(&EventKind::ALL);
        covers(&ReasonTheme::ALL);
        covers(&[Discretion::Neutral, Discretion::Plain]);
        assert_eq!(name(ReminderKind::RiskyDate), "risky-date");
        assert_eq!(parse("Messaging_App"), Some(Channel::MessagingApp));
        assert_eq!(parse("ex partner"), Some(Relationship::ExPartner));
        assert_eq!(parse::<Relationship>("boss"), None);
        assert_eq!(name(Emotion::Nostalgic), "nostalgic");
        assert_eq!(list(&[Channel::Text, Channel::InPerson]), "text, in-person");
        assert!(choices::<UrgeOutcome>().contains("reached-out"));
    }
}

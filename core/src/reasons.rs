//! Why the person is doing this: the eight themes, their own reasons list,
//! and the reflection prompts (built in and their own).

use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use crate::library::{PROMPTS, REASON_SUGGESTIONS};
use crate::{time, validate, Result};

/// Longest reason, in characters (Unicode scalar values).
pub const REASON_MAX_CHARS: usize = 500;
/// Longest prompt of the user's own, in characters.
pub const PROMPT_MAX_CHARS: usize = 500;

/// The reasons people give for going no contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ReasonTheme {
    /// Keeping myself safe and well.
    SelfPreservation,
    /// Setting boundaries.
    SettingBoundaries,
    /// Healing emotionally.
    EmotionalHealing,
    /// Breaking the cycle.
    BreakingTheCycle,
    /// Growing as a person.
    PersonalGrowth,
    /// Protecting others (children, family).
    ProtectingOthers,
    /// Taking back control of my life.
    RegainingControl,
    /// Making space for myself.
    CreatingSpace,
}

impl ReasonTheme {
    /// Every theme, in the order the apps list them.
    pub const ALL: [ReasonTheme; 8] = [
        ReasonTheme::SelfPreservation,
        ReasonTheme::SettingBoundaries,
        ReasonTheme::EmotionalHealing,
        ReasonTheme::BreakingTheCycle,
        ReasonTheme::PersonalGrowth,
        ReasonTheme::ProtectingOthers,
        ReasonTheme::RegainingControl,
        ReasonTheme::CreatingSpace,
    ];
}

/// One of the person's own reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MyReason {
    /// Stable identifier (32 hex digits).
    pub id: String,
    /// The reason in the person's words (not blank, at most
    /// `REASON_MAX_CHARS` characters).
    pub text: String,
    /// The theme it belongs to, if chosen.
    #[zeroize(skip)]
    pub theme: Option<ReasonTheme>,
    /// The suggestion it started from, if any.
    pub suggestion_id: Option<String>,
    /// When it was added.
    #[zeroize(skip)]
    #[serde(with = "time::millis")]
    pub created_at: SystemTime,
}

/// A suggested reason, offered until the person accepts it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReasonSuggestion {
    /// Stable identifier the UIs localize ("reason.self_preservation.01").
    pub id: String,
    /// The theme it belongs to.
    pub theme: ReasonTheme,
    /// The English text.
    pub text: String,
}

/// A reflection prompt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Prompt {
    /// Built-in prompts have stable ids ("prompt.emotional_healing.03"); the
    /// user's own have record ids.
    pub id: String,
    /// The theme it belongs to (every built-in prompt has one).
    #[zeroize(skip)]
    pub theme: Option<ReasonTheme>,
    /// The English text for built-in prompts; the user's words otherwise.
    pub text: String,
    /// Part of the built-in library (it cannot be deleted).
    pub builtin: bool,
}

pub(crate) fn builtin_prompts() -> Vec<Prompt> {
    PROMPTS
        .iter()
        .map(|p| Prompt {
            id: p.id.to_owned(),
            theme: Some(p.theme),
            text: p.text.to_owned(),
            builtin: true,
        })
        .collect()
}

pub(crate) fn builtin_suggestions() -> Vec<ReasonSuggestion> {
    REASON_SUGGESTIONS
        .iter()
        .map(|r| ReasonSuggestion {
            id: r.id.to_owned(),
            theme: r.theme,
            text: r.text.to_owned(),
        })
        .collect()
}

pub(crate) fn validate_reason(text: &str) -> Result<()> {
    validate::required("text", text, REASON_MAX_CHARS)
}

pub(crate) fn validate_prompt(text: &str) -> Result<()> {
    validate::required("text", text, PROMPT_MAX_CHARS)
}

/// The prompt for a day: the same all day, a different one the next. Steps
/// through the list with a stride coprime to its length, so consecutive days
/// move across themes and every prompt comes round before any repeats.
pub(crate) fn prompt_for_day(prompts: &[Prompt], days_since_epoch: i64) -> Option<&Prompt> {
    let n = prompts.len() as i64;
    if n == 0 {
        return None;
    }
    let stride = (7..).find(|s| gcd(*s, n) == 1).unwrap_or(1);
    let index = (days_since_epoch.rem_euclid(n) * stride).rem_euclid(n);
    prompts.get(index as usize)
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompt_of_the_day_rotates_through_all() {
        let prompts = builtin_prompts();
        assert!(prompts.len() >= 40);
        let mut seen = std::collections::BTreeSet::new();
        for day in 0..prompts.len() as i64 {
            seen.insert(prompt_for_day(&prompts, 20_000 + day).unwrap().id.clone());
        }
        assert_eq!(seen.len(), prompts.len());
        assert_ne!(
            prompt_for_day(&prompts, 20_000).unwrap().theme,
            prompt_for_day(&prompts, 20_001).unwrap().theme
        );
        assert!(prompt_for_day(&prompts, -5).is_some());
        assert!(prompt_for_day(&[], 1).is_none());
    }

    #[test]
    fn every_theme_has_prompts_and_suggestions() {
        for theme in ReasonTheme::ALL {
            assert!(
                builtin_prompts()
                    .iter()
                    .filter(|p| p.theme == Some(theme))
                    .count()
                    >= 5
            );
            assert!(
                builtin_suggestions()
                    .iter()
                    .filter(|s| s.theme == theme)
                    .count()
                    >= 2
            );
        }
    }
}

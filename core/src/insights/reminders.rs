//! Reminders the app hands to the platform's notification system: the core
//! returns the next occurrences as instants with their text.
//!
//! Text comes at the discretion level the person chose. `Neutral` never
//! mentions contact, a person, an ex, abuse or what the app is for; a
//! notification can be seen by anyone holding the phone. `Plain` may.

use std::time::SystemTime;

use chrono::{Duration, NaiveDate, NaiveTime};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::localtime::instant_at;
use crate::domain::dates::LocalDate;
use crate::{validate, Result, VaultError};

/// How much a reminder's text may say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Discretion {
    /// Nothing that says what the reminder is about.
    Neutral,
    /// Says it plainly.
    Plain,
}

/// A wall-clock time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TimeOfDay {
    /// Hour, 0–23.
    pub hour: u8,
    /// Minute, 0–59.
    pub minute: u8,
}

impl TimeOfDay {
    pub(crate) fn naive(self) -> NaiveTime {
        NaiveTime::from_hms_opt(u32::from(self.hour), u32::from(self.minute), 0)
            .unwrap_or(NaiveTime::MIN)
    }

    fn check(self, field: &str) -> Result<()> {
        validate::range(field, self.hour, 0, 23)?;
        validate::range(field, self.minute, 0, 59)
    }
}

/// Which reminders come, when, and how much they say. The default:
/// neutral text, a daily check-in at 20:00, no evening review, milestones,
/// a heads-up 3 days before risky dates, boundary reviews, notices at 09:00.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReminderSettings {
    /// How much the text may say.
    pub discretion: Discretion,
    /// The time of the daily check-in reminder, if wanted.
    pub daily_check_in: Option<TimeOfDay>,
    /// The time of the evening review reminder, if wanted.
    pub evening_review: Option<TimeOfDay>,
    /// A notice on the morning a milestone is reached.
    pub milestones: bool,
    /// A heads-up this many days before a risky date (0–30), if any.
    pub risky_date_heads_up_days: Option<u32>,
    /// A notice on a boundary's review date.
    pub boundary_reviews: bool,
    /// When the one-off notices (milestones, risky dates, reviews) come.
    pub notice_time: TimeOfDay,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        Self {
            discretion: Discretion::Neutral,
            daily_check_in: Some(TimeOfDay {
                hour: 20,
                minute: 0,
            }),
            evening_review: None,
            milestones: true,
            risky_date_heads_up_days: Some(3),
            boundary_reviews: true,
            notice_time: TimeOfDay { hour: 9, minute: 0 },
        }
    }
}

impl ReminderSettings {
    pub(crate) fn validate(&self) -> Result<()> {
        if let Some(t) = self.daily_check_in {
            t.check("daily_check_in")?;
        }
        if let Some(t) = self.evening_review {
            t.check("evening_review")?;
        }
        if let Some(days) = self.risky_date_heads_up_days {
            validate::range("risky_date_heads_up_days", days, 0, 30)?;
        }
        self.notice_time.check("notice_time")
    }
}

/// What a reminder is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// The daily check-in.
    DailyCheckIn,
    /// The evening review.
    EveningReview,
    /// A streak reaches a milestone today.
    Milestone,
    /// A heads-up before a date trigger.
    RiskyDate,
    /// A boundary is due for review.
    BoundaryReview,
}

/// One reminder for the platform's notification scheduler.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Reminder {
    /// When to show it.
    pub at: SystemTime,
    /// The local day it belongs to.
    pub date: LocalDate,
    /// What it is for.
    pub kind: ReminderKind,
    /// The notification's title, at the chosen discretion (English).
    pub title: String,
    /// The notification's text, at the chosen discretion (English).
    pub body: String,
}

/// A one-off notice the schedule should include, with what a plain
/// reminder may say about it.
pub(crate) struct Notice {
    pub(crate) date: NaiveDate,
    pub(crate) kind: ReminderKind,
    pub(crate) plain_title: String,
    pub(crate) plain_body: String,
}

fn neutral_text(kind: ReminderKind) -> (&'static str, &'static str) {
    match kind {
        ReminderKind::DailyCheckIn => ("Daily note", "Time for your daily note."),
        ReminderKind::EveningReview => ("This evening", "A moment to look back on today."),
        ReminderKind::Milestone => ("A good day", "Today marks something worth noticing."),
        ReminderKind::RiskyDate => ("Heads-up", "A date you marked is coming up."),
        ReminderKind::BoundaryReview => (
            "A review",
            "Something you planned to look at again is due today.",
        ),
    }
}

fn plain_text(kind: ReminderKind) -> (&'static str, &'static str) {
    match kind {
        ReminderKind::DailyCheckIn => ("Daily check-in", "How are you holding up today?"),
        ReminderKind::EveningReview => (
            "Evening review",
            "Look back on today: urges, contact attempts, how you felt.",
        ),
        // The others always come with their own text (see `Notice`).
        ReminderKind::Milestone => ("Milestone", "A no-contact milestone today."),
        ReminderKind::RiskyDate => ("Coming up", "A difficult date is coming up."),
        ReminderKind::BoundaryReview => ("Boundary review", "A boundary is due for review."),
    }
}

/// The next `count` reminders strictly after `now`, in time order.
pub(crate) fn schedule(
    settings: &ReminderSettings,
    zone: Tz,
    now: SystemTime,
    today: NaiveDate,
    notices: &[Notice],
    count: usize,
) -> Vec<Reminder> {
    let make =
        |date: NaiveDate, time: TimeOfDay, kind: ReminderKind, plain: Option<(&str, &str)>| {
            let at = instant_at(zone, date, time.naive())?;
            let (title, body) = match settings.discretion {
                Discretion::Neutral => neutral_text(kind),
                Discretion::Plain => plain.unwrap_or_else(|| plain_text(kind)),
            };
            Some(Reminder {
                at,
                date: LocalDate::from_naive(date),
                kind,
                title: title.to_owned(),
                body: body.to_owned(),
            })
        };
    let mut out: Vec<Reminder> = Vec::new();
    // Daily ones: `count + 1` days covers `count` future occurrences.
    for day in 0..=count as i64 {
        let date = today + Duration::days(day);
        if let Some(t) = settings.daily_check_in {
            out.extend(make(date, t, ReminderKind::DailyCheckIn, None));
        }
        if let Some(t) = settings.evening_review {
            out.extend(make(date, t, ReminderKind::EveningReview, None));
        }
    }
    for notice in notices {
        let wanted = match notice.kind {
            ReminderKind::Milestone => settings.milestones,
            ReminderKind::RiskyDate => settings.risky_date_heads_up_days.is_some(),
            ReminderKind::BoundaryReview => settings.boundary_reviews,
            _ => false,
        };
        if wanted {
            let plain = Some((notice.plain_title.as_str(), notice.plain_body.as_str()));
            out.extend(make(notice.date, settings.notice_time, notice.kind, plain));
        }
    }
    out.retain(|r| r.at > now);
    out.sort_by(|a, b| a.at.cmp(&b.at).then(a.kind.cmp(&b.kind)));
    out.truncate(count);
    out
}

/// Checks a requested count.
pub(crate) fn check_count(count: u32) -> Result<usize> {
    if count == 0 || count > 500 {
        return Err(VaultError::invalid("count"));
    }
    Ok(count as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::localtime::zone;
    use chrono::{DateTime, Utc};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn utc(t: SystemTime) -> String {
        let t: DateTime<Utc> = t.into();
        t.format("%Y-%m-%d %H:%M").to_string()
    }

    fn at_utc(s: &str) -> SystemTime {
        DateTime::parse_from_rfc3339(s)
            .unwrap()
            .with_timezone(&Utc)
            .into()
    }

    fn daily(hour: u8, minute: u8) -> ReminderSettings {
        ReminderSettings {
            daily_check_in: Some(TimeOfDay { hour, minute }),
            milestones: false,
            risky_date_heads_up_days: None,
            boundary_reviews: false,
            ..ReminderSettings::default()
        }
    }

    #[test]
    fn spring_forward_neither_drops_nor_doubles() {
        // New York springs forward on 2026-03-08 at 02:00.
        let ny = zone("America/New_York").unwrap();
        let now = at_utc("2026-03-06T12:00:00Z");
        let got = schedule(&daily(2, 30), ny, now, d(2026, 3, 6), &[], 4);
        let days: Vec<LocalDate> = got.iter().map(|r| r.date).collect();
        assert_eq!(days.len(), 4);
        assert_eq!(days[0], LocalDate::from_naive(d(2026, 3, 7)));
        assert_eq!(
            days[1],
            LocalDate::from_naive(d(2026, 3, 8)),
            "the gap day still has one"
        );
        assert_eq!(utc(got[0].at), "2026-03-07 07:30"); // EST
        assert_eq!(utc(got[1].at), "2026-03-08 07:30"); // 03:30 EDT, past the gap
        assert_eq!(utc(got[2].at), "2026-03-09 06:30"); // EDT
    }

    #[test]
    fn fall_back_fires_once() {
        // New York falls back on 2026-11-01 at 02:00; 01:30 happens twice.
        let ny = zone("America/New_York").unwrap();
        let now = at_utc("2026-10-30T12:00:00Z");
        let got = schedule(&daily(1, 30), ny, now, d(2026, 10, 30), &[], 4);
        let nov1: Vec<&Reminder> = got
            .iter()
            .filter(|r| r.date == LocalDate::from_naive(d(2026, 11, 1)))
            .collect();
        assert_eq!(nov1.len(), 1);
        assert_eq!(utc(nov1[0].at), "2026-11-01 05:30"); // the first 01:30, EDT
        assert_eq!(got.len(), 4);
        assert!(got.windows(2).all(|w| w[0].at < w[1].at));
    }

    #[test]
    fn only_future_and_in_order_with_notices() {
        let berlin = zone("Europe/Berlin").unwrap();
        let now = at_utc("2026-11-26T10:00:00Z"); // 11:00 in Berlin
        let notices = vec![Notice {
            date: d(2026, 11, 27),
            kind: ReminderKind::Milestone,
            plain_title: "30 days".into(),
            plain_body: "30 days of no contact today.".into(),
        }];
        let settings = ReminderSettings {
            discretion: Discretion::Plain,
            daily_check_in: Some(TimeOfDay { hour: 8, minute: 0 }),
            ..ReminderSettings::default()
        };
        let got = schedule(&settings, berlin, now, d(2026, 11, 26), &notices, 3);
        let kinds: Vec<ReminderKind> = got.iter().map(|r| r.kind).collect();
        // Today's 08:00 has passed; tomorrow 08:00, then the 09:00 notice.
        assert_eq!(
            kinds,
            vec![
                ReminderKind::DailyCheckIn,
                ReminderKind::Milestone,
                ReminderKind::DailyCheckIn
            ]
        );
        assert_eq!(got[1].title, "30 days");
        let neutral = schedule(
            &ReminderSettings {
                discretion: Discretion::Neutral,
                ..settings
            },
            berlin,
            now,
            d(2026, 11, 26),
            &notices,
            3,
        );
        assert_eq!(neutral[1].title, "A good day");
    }

    #[test]
    fn neutral_text_says_nothing_revealing() {
        for kind in [
            ReminderKind::DailyCheckIn,
            ReminderKind::EveningReview,
            ReminderKind::Milestone,
            ReminderKind::RiskyDate,
            ReminderKind::BoundaryReview,
        ] {
            let (title, body) = neutral_text(kind);
            let text = format!("{title} {body}").to_lowercase();
            for word in [
                "contact",
                "ex ",
                "abuse",
                "boundar",
                "urge",
                "safety",
                "no-contact",
                "trigger",
                "block",
            ] {
                assert!(!text.contains(word), "{word} in {text}");
            }
        }
    }

    #[test]
    fn settings_validation() {
        let mut s = ReminderSettings::default();
        assert!(s.validate().is_ok());
        s.daily_check_in = Some(TimeOfDay {
            hour: 24,
            minute: 0,
        });
        assert_eq!(s.validate(), Err(VaultError::invalid("daily_check_in")));
        let s = ReminderSettings {
            risky_date_heads_up_days: Some(31),
            ..ReminderSettings::default()
        };
        assert_eq!(
            s.validate(),
            Err(VaultError::invalid("risky_date_heads_up_days"))
        );
        assert!(check_count(0).is_err());
        assert!(check_count(501).is_err());
    }
}

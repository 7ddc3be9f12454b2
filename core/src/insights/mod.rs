//! Progress and insights, computed from the event log in the person's local
//! time and returned ready to display: the apps draw them, they do not
//! compute them.

pub(crate) mod localtime;
pub(crate) mod patterns;
pub(crate) mod reminders;
pub(crate) mod streaks;

use std::time::SystemTime;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use crate::domain::boundaries::{Boundary, BoundaryStatus};
use crate::domain::dates::LocalDate;
use crate::domain::entries::{Entry, EntryBody};
use crate::domain::events::{Event, EventBody};
use crate::domain::people::{ContactMode, Person};
use crate::domain::triggers::{Trigger, TriggerCategory};
use crate::memory::Index;
use crate::reasons::{prompt_for_day, Prompt};
use crate::record::{Record, RecordId};
use crate::vault::Vault;
use crate::{Result, VaultError};

use localtime::{in_year, local_date, today_in};
use patterns::{AttemptInsights, BoundaryProgress, MoodInsights, UrgeInsights, Window};
use reminders::{Notice, Reminder, ReminderKind, ReminderSettings};
use streaks::{NextMilestone, Streak};

/// Most weeks an insights call covers (two years).
pub const INSIGHT_WEEKS_MAX: u32 = 104;
/// How far ahead risky dates are looked for, at most.
pub const RISKY_HORIZON_MAX_DAYS: u32 = 366;
/// A risky date this close counts as "near" on the home screen.
pub const RISKY_NEAR_DAYS: u32 = 7;

/// Streaks overall and per person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct StreakReport {
    /// Today in the zone asked for.
    pub today: LocalDate,
    /// From the earliest start among the people not archived, broken by any
    /// breach; absent when there is nobody yet.
    pub overall: Option<Streak>,
    /// One per person not archived, by alias.
    pub people: Vec<Streak>,
}

/// A coming date trigger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RiskyDate {
    /// The date trigger's id.
    pub trigger_id: String,
    /// The trigger's name, as the user wrote it.
    pub name: String,
    /// The person the trigger is linked to, if any.
    pub person_id: Option<String>,
    /// The day it next falls on (February 29 falls on February 28 in
    /// other years).
    pub date: LocalDate,
    /// Days from today (0 is today).
    pub days_away: u32,
}

/// Patterns over a window of whole weeks, for everyone or one person.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Insights {
    /// The first day of the window (a Monday).
    pub from: LocalDate,
    /// The last day of the window: today.
    pub to: LocalDate,
    /// The person they are for; `None` for everyone.
    pub person_id: Option<String>,
    /// Urges in the window.
    pub urges: UrgeInsights,
    /// Their contact attempts in the window.
    pub attempts: AttemptInsights,
    /// Mood check-ins in the window.
    pub mood: MoodInsights,
    /// How each boundary (of that person, when one is chosen) is holding.
    pub boundaries: Vec<BoundaryProgress>,
}

/// What a home screen needs, in one round trip.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct HomeSummary {
    /// Today in the zone asked for.
    pub today: LocalDate,
    /// Streaks overall and per person.
    pub streaks: StreakReport,
    /// The overall streak's next milestone.
    pub next_milestone: Option<NextMilestone>,
    /// Today's journal prompt (the same all day), if there are prompts.
    pub prompt_of_the_day: Option<Prompt>,
    /// The reminders still to come today.
    pub reminders_today: Vec<Reminder>,
    /// The latest check-in, if any.
    #[serde(skip)]
    pub last_check_in: Option<Event>,
    /// The nearest risky date within a week, if any.
    pub risky_date_near: Option<RiskyDate>,
}

/// A live event's latest revision, borrowed from the index: insights read
/// every event, and cloning 100,000 of them would cost more than the maths.
pub(crate) struct EventView<'a> {
    pub(crate) at: SystemTime,
    pub(crate) utc_offset_seconds: i32,
    pub(crate) body: &'a EventBody,
    pub(crate) entry: &'a Entry,
}

impl EventView<'_> {
    fn person_id(&self) -> Option<&str> {
        self.body.person_id()
    }
}

/// The live events, latest revisions.
fn events(index: &Index) -> Vec<EventView<'_>> {
    index
        .ledger
        .live_entries()
        .filter_map(|entry| {
            let rev = entry.latest()?;
            match &rev.content {
                EntryBody::Event { body, .. } => Some(EventView {
                    at: rev.at,
                    utc_offset_seconds: rev.utc_offset_seconds,
                    body,
                    entry,
                }),
                EntryBody::Reflection { .. } => None,
            }
        })
        .collect()
}

/// The local days of breaches: my-contact events, except those through a
/// channel a low-contact arrangement with that person allows (co-parenting
/// by the agreed app is not a slip).
fn breach_days(index: &Index, events: &[EventView<'_>], person_id: Option<&str>) -> Vec<NaiveDate> {
    events
        .iter()
        .filter_map(|e| match e.body {
            EventBody::MyContact { contact } => Some((e, contact)),
            _ => None,
        })
        .filter(|(_, c)| person_id.is_none_or(|p| c.person_id == p))
        .filter(|(_, c)| {
            let allowed = index
                .people
                .get(&c.person_id)
                .is_some_and(|p| match &p.mode {
                    ContactMode::LowContact {
                        allowed_channels, ..
                    } => allowed_channels.contains(&c.channel),
                    ContactMode::NoContact => false,
                });
            !allowed
        })
        .map(|(e, _)| local_date(e.at, e.utc_offset_seconds))
        .collect()
}

pub(crate) fn streak_report(
    index: &Index,
    events: &[EventView<'_>],
    today: NaiveDate,
) -> StreakReport {
    let mut people: Vec<&Person> = index.people.values().filter(|p| !p.archived).collect();
    people.sort_by(|a, b| {
        a.alias
            .to_lowercase()
            .cmp(&b.alias.to_lowercase())
            .then(a.id.cmp(&b.id))
    });
    let start_of = |p: &Person| {
        p.no_contact_since
            .to_naive("no_contact_since")
            .unwrap_or(today)
    };
    let per_person: Vec<Streak> = people
        .iter()
        .map(|p| {
            streaks::streak(
                Some(p.id.clone()),
                Some(p.alias.clone()),
                start_of(p),
                &breach_days(index, events, Some(&p.id)),
                today,
            )
        })
        .collect();
    let overall =
        people.iter().map(|p| start_of(p)).min().map(|start| {
            streaks::streak(None, None, start, &breach_days(index, events, None), today)
        });
    StreakReport {
        today: LocalDate::from_naive(today),
        overall,
        people: per_person,
    }
}

pub(crate) fn risky_dates(triggers: &[&Trigger], today: NaiveDate, horizon: u32) -> Vec<RiskyDate> {
    let mut out: Vec<RiskyDate> = triggers
        .iter()
        .filter(|t| !t.archived && t.category == TriggerCategory::DateOrAnniversary)
        .filter_map(|t| {
            let md = t.date?;
            let next = [today.year(), today.year() + 1]
                .into_iter()
                .filter_map(|y| in_year(y, md.month, md.day))
                .find(|d| *d >= today)?;
            let days_away = u32::try_from((next - today).num_days()).ok()?;
            (days_away <= horizon).then(|| RiskyDate {
                trigger_id: t.id.clone(),
                name: t.name.clone(),
                person_id: t.person_id.clone(),
                date: LocalDate::from_naive(next),
                days_away,
            })
        })
        .collect();
    out.sort_by(|a, b| a.days_away.cmp(&b.days_away).then(a.name.cmp(&b.name)));
    out
}

/// One-off notices for the reminder schedule: milestones of every streak,
/// heads-ups before risky dates, boundary review dates.
fn notices(
    index: &Index,
    report: &StreakReport,
    settings: &ReminderSettings,
    today: NaiveDate,
) -> Vec<Notice> {
    let mut out = Vec::new();
    for streak in report.overall.iter().chain(&report.people) {
        let anchor = streak
            .current_since
            .to_naive("current_since")
            .unwrap_or(today);
        let mut days = streak.current_days;
        // The next few milestones of this streak, if it holds.
        for _ in 0..3 {
            let Some(next) = streaks::next(anchor, days) else {
                break;
            };
            let who = streak
                .alias
                .as_deref()
                .map(|a| format!(" with {a}"))
                .unwrap_or_default();
            out.push(Notice {
                date: anchor + Duration::days(i64::from(next.days)),
                kind: ReminderKind::Milestone,
                plain_title: format!("{} days", next.days),
                plain_body: format!("{} days of no contact{who} today.", next.days),
            });
            days = next.days;
        }
    }
    if let Some(ahead) = settings.risky_date_heads_up_days {
        let triggers: Vec<&Trigger> = index.triggers.values().collect();
        for risky in risky_dates(&triggers, today, RISKY_HORIZON_MAX_DAYS) {
            let date =
                risky.date.to_naive("date").unwrap_or(today) - Duration::days(i64::from(ahead));
            let when = match ahead {
                0 => "is today".to_owned(),
                1 => "is tomorrow".to_owned(),
                n => format!("is in {n} days"),
            };
            out.push(Notice {
                date,
                kind: ReminderKind::RiskyDate,
                plain_title: format!("Coming up: {}", risky.name),
                plain_body: format!(
                    "{} {when}. Your safety plan is ready if you need it.",
                    risky.name
                ),
            });
        }
    }
    for b in index
        .boundaries
        .values()
        .filter(|b| b.status != BoundaryStatus::Retired)
    {
        if let Some(review) = b.review_on.and_then(|r| r.to_naive("review_on").ok()) {
            out.push(Notice {
                date: review,
                kind: ReminderKind::BoundaryReview,
                plain_title: "Boundary review".to_owned(),
                plain_body: format!("Time to review: {}", b.statement),
            });
        }
    }
    out
}

fn settings(index: &Index) -> ReminderSettings {
    index
        .reminders
        .as_ref()
        .map(|(_, s)| s.clone())
        .unwrap_or_default()
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Vault {
    /// Streaks overall and per person, as of now in `zone` (an IANA name,
    /// such as "Europe/Paris"; an unknown one is
    /// `InvalidInput { field: "zone" }`).
    pub fn streaks(&self, zone: String) -> Result<StreakReport> {
        let tz = localtime::zone(&zone)?;
        let today = today_in(tz, SystemTime::now());
        self.with_session(|_, session| {
            Ok(streak_report(
                &session.index,
                &events(&session.index),
                today,
            ))
        })
    }

    /// Patterns over the last `weeks` weeks (1–104), for everyone or one
    /// person, in `zone` (an IANA name). `InvalidInput` names `zone`,
    /// `weeks` or `person_id` (an unknown person).
    pub fn insights(
        &self,
        zone: String,
        weeks: u32,
        person_id: Option<String>,
    ) -> Result<Insights> {
        let tz = localtime::zone(&zone)?;
        crate::validate::range("weeks", weeks, 1, INSIGHT_WEEKS_MAX)?;
        let today = today_in(tz, SystemTime::now());
        self.with_session(|_, session| {
            let index = &session.index;
            if let Some(p) = &person_id {
                if !index.people.contains_key(p) {
                    return Err(VaultError::invalid("person_id"));
                }
            }
            let all = events(index);
            let chosen: Vec<EventView<'_>> = all
                .into_iter()
                .filter(|e| person_id.is_none() || e.person_id() == person_id.as_deref())
                .collect();
            let window = Window::new(today, weeks);
            let triggers: Vec<Trigger> = index.triggers.values().cloned().collect();
            let boundaries: Vec<Boundary> = index
                .boundaries
                .values()
                .filter(|b| person_id.is_none() || b.person_id == person_id)
                .cloned()
                .collect();
            Ok(Insights {
                from: LocalDate::from_naive(window.first_week),
                to: LocalDate::from_naive(today),
                person_id,
                urges: patterns::urges(&chosen, &triggers, &window),
                attempts: patterns::attempts(&chosen, &window),
                mood: patterns::mood(&chosen, &window),
                boundaries: patterns::boundaries(&chosen, &boundaries, today),
            })
        })
    }

    /// Date triggers coming within `horizon_days` (0–366), nearest first,
    /// archived triggers left out; `InvalidInput` names `zone` or
    /// `horizon_days`.
    pub fn risky_dates(&self, zone: String, horizon_days: u32) -> Result<Vec<RiskyDate>> {
        let tz = localtime::zone(&zone)?;
        crate::validate::range("horizon_days", horizon_days, 0, RISKY_HORIZON_MAX_DAYS)?;
        let today = today_in(tz, SystemTime::now());
        self.with_session(|_, session| {
            let triggers: Vec<&Trigger> = session.index.triggers.values().collect();
            Ok(risky_dates(&triggers, today, horizon_days))
        })
    }

    /// The reminder settings, or the defaults if none were saved.
    pub fn reminder_settings(&self) -> Result<ReminderSettings> {
        self.with_session(|_, session| Ok(settings(&session.index)))
    }

    /// Saves the reminder settings; `InvalidInput` names the time or the
    /// number of days that is out of range.
    pub fn set_reminder_settings(&self, settings: ReminderSettings) -> Result<ReminderSettings> {
        settings.validate()?;
        self.with_session(|conn, session| {
            let id = match &session.index.reminders {
                Some((id, _)) => *id,
                None => RecordId::random()?,
            };
            session.store(conn, vec![(id, Record::ReminderSettings(settings.clone()))])?;
            Ok(settings)
        })
    }

    /// The next `count` reminders (1–500) after now, for the platform's
    /// notification scheduler.
    pub fn upcoming_reminders(&self, zone: String, count: u32) -> Result<Vec<Reminder>> {
        let tz = localtime::zone(&zone)?;
        let count = reminders::check_count(count)?;
        let now = SystemTime::now();
        let today = today_in(tz, now);
        self.with_session(|_, session| {
            let index = &session.index;
            let report = streak_report(index, &events(index), today);
            let settings = settings(index);
            let notices = notices(index, &report, &settings, today);
            Ok(reminders::schedule(
                &settings, tz, now, today, &notices, count,
            ))
        })
    }

    /// The home screen in one call, as of now in `zone` (an IANA name;
    /// otherwise `InvalidInput { field: "zone" }`).
    pub fn summary(&self, zone: String) -> Result<HomeSummary> {
        let tz = localtime::zone(&zone)?;
        let now = SystemTime::now();
        let today = today_in(tz, now);
        self.with_session(|_, session| {
            let index = &session.index;
            let events = events(index);
            let streaks = streak_report(index, &events, today);
            let settings = settings(index);
            let notices = notices(index, &streaks, &settings, today);
            let reminders_today = reminders::schedule(&settings, tz, now, today, &notices, 50)
                .into_iter()
                .filter(|r| r.date == LocalDate::from_naive(today))
                .collect();
            let last_check_in = events
                .iter()
                .filter(|e| matches!(e.body, EventBody::CheckIn { .. }))
                .max_by(|a, b| a.at.cmp(&b.at).then(a.entry.seq.cmp(&b.entry.seq)))
                .and_then(|e| e.entry.event());
            let triggers: Vec<&Trigger> = index.triggers.values().collect();
            let prompts = crate::api::prompts::all_prompts(index);
            let day_number = crate::api::prompts::days_since_epoch(today);
            Ok(HomeSummary {
                today: LocalDate::from_naive(today),
                next_milestone: streaks
                    .overall
                    .as_ref()
                    .and_then(|s| s.next_milestone.clone()),
                streaks,
                prompt_of_the_day: prompt_for_day(&prompts, day_number).cloned(),
                reminders_today,
                last_check_in,
                risky_date_near: risky_dates(&triggers, today, RISKY_NEAR_DAYS)
                    .into_iter()
                    .next(),
            })
        })
    }
}

#[cfg(test)]
mod tests;

//! Patterns over a window of weeks: urges, their contact attempts, mood,
//! and how each boundary is holding. Computed from the events' own local
//! days and hours; numbers are rounded as the apps show them.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, Timelike};
use serde::Serialize;

use super::localtime::{local_date, local_datetime, round1, week_start};
use super::EventView;
use crate::domain::boundaries::{Boundary, BoundaryKind, BoundaryStatus};
use crate::domain::channel::Channel;
use crate::domain::dates::LocalDate;
use crate::domain::events::{EventBody, UrgeOutcome};
use crate::domain::triggers::Trigger;

/// How a weekly series is moving, from a least-squares line through it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// Going up by more than the series' threshold per week (0.2 for urge
    /// intensity, 0.25 attempts for attempt counts).
    Rising,
    /// Going down by more than the threshold per week.
    Falling,
    /// Within the threshold either way.
    Steady,
    /// Fewer than three weeks with data.
    NotEnoughData,
}

/// A label and how often it came up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Ranked {
    /// A trigger's name, an emotion's id ("lonely") or the person's own word,
    /// a coping step as written.
    pub label: String,
    /// How many times it came up in the window.
    pub count: u32,
}

/// One week of urges.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WeekUrges {
    /// The Monday the (ISO) week starts on.
    pub week_start: LocalDate,
    /// Urges logged that week.
    pub count: u32,
    /// Whole percent of the week's urges that were resisted.
    pub resisted_percent: u32,
    /// Mean intensity, one decimal (0 when there were none).
    pub mean_intensity: f64,
}

/// Urges over the window: how many, how strong, what set them off, what
/// helped.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UrgeInsights {
    /// Urges in the window.
    pub total: u32,
    /// Whole percent of them that were resisted (0 when there were none).
    pub resisted_percent: u32,
    /// Mean intensity (0–10), one decimal (0 when there were none).
    pub mean_intensity: f64,
    /// Every week of the window, oldest first, empty weeks included.
    pub weeks: Vec<WeekUrges>,
    /// How the weekly mean intensity is moving (weeks without urges left
    /// out).
    pub intensity_trend: Trend,
    /// Change in mean intensity per week, one decimal.
    pub intensity_change_per_week: f64,
    /// The five triggers named most often, by name, most frequent first.
    pub top_triggers: Vec<Ranked>,
    /// The five emotions felt most often (vocabulary ids and own words
    /// together), most frequent first.
    pub top_emotions: Vec<Ranked>,
    /// What helped most often when an urge was resisted (the top five).
    pub helped_when_resisted: Vec<Ranked>,
    /// Urges by local weekday (Monday first) and hour: 7 rows of 24.
    pub weekday_hour: Vec<Vec<u32>>,
}

/// One week's count of their attempts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WeekCount {
    /// The Monday the (ISO) week starts on.
    pub week_start: LocalDate,
    /// Attempts that week.
    pub count: u32,
}

/// How many of their attempts came through one channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ChannelCount {
    /// The channel.
    pub channel: Channel,
    /// Attempts through it in the window.
    pub count: u32,
}

/// Their contact attempts over the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AttemptInsights {
    /// Attempts in the window.
    pub total: u32,
    /// Every week of the window, oldest first, empty weeks included.
    pub weeks: Vec<WeekCount>,
    /// Attempts per channel, most first (channels never used left out).
    pub by_channel: Vec<ChannelCount>,
    /// How the weekly count is moving (`NotEnoughData` with no attempts).
    pub trend: Trend,
    /// Change in the weekly count per week, one decimal.
    pub change_per_week: f64,
    /// Attempts in the last 14 days (today included).
    pub last_14_days: u32,
    /// The most in any earlier 14-day block within the window.
    pub most_in_earlier_14_days: u32,
    /// `last_14_days` is higher than every earlier 14-day block: a count the
    /// person can check, not a prediction.
    pub rising: bool,
}

/// Mood over a day or a week.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MoodPoint {
    /// The day, or the Monday of the week.
    pub date: LocalDate,
    /// Check-ins that day or week (at least one).
    pub check_ins: u32,
    /// Mean mood (1–5), one decimal.
    pub mood: f64,
    /// Mean energy (1–5), one decimal, over the check-ins that gave one;
    /// `None` when none did.
    pub energy: Option<f64>,
}

/// Mood check-ins over the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MoodInsights {
    /// One point per local day with a check-in, oldest first.
    pub days: Vec<MoodPoint>,
    /// One point per week with a check-in, oldest first.
    pub weeks: Vec<MoodPoint>,
}

/// How one boundary is holding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BoundaryProgress {
    /// The boundary's id.
    pub boundary_id: String,
    /// The boundary's statement, as written.
    pub statement: String,
    /// Whether it is active, paused or retired.
    pub status: BoundaryStatus,
    /// Days since it was set or last crossed by me.
    pub days_kept: u32,
    /// The local day I last crossed it (since it was set), if ever.
    pub last_crossed_on: Option<LocalDate>,
    /// How many of my contacts crossed it.
    pub crossed_by_me: u32,
    /// Their attempts since it was set, from its person (any, if it names
    /// none), through a channel its kind covers.
    pub touched_by_them: u32,
}

/// The window: `weeks` whole ISO weeks ending with the current one.
pub(crate) struct Window {
    pub(crate) first_week: NaiveDate,
    pub(crate) today: NaiveDate,
    pub(crate) weeks: usize,
}

impl Window {
    pub(crate) fn new(today: NaiveDate, weeks: u32) -> Self {
        let weeks = weeks.max(1) as usize;
        let first_week = week_start(today) - Duration::weeks(weeks as i64 - 1);
        Self {
            first_week,
            today,
            weeks,
        }
    }

    fn contains(&self, date: NaiveDate) -> bool {
        date >= self.first_week && date <= self.today
    }

    fn week_index(&self, date: NaiveDate) -> usize {
        ((week_start(date) - self.first_week).num_days() / 7) as usize
    }

    fn week_dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        (0..self.weeks).map(|i| self.first_week + Duration::weeks(i as i64))
    }
}

fn percent(part: u32, whole: u32) -> u32 {
    if whole == 0 {
        0
    } else {
        ((f64::from(part) * 100.0 / f64::from(whole)).round()) as u32
    }
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Least-squares slope of (x, y) points; `None` under three points.
fn slope(points: &[(f64, f64)]) -> Option<f64> {
    if points.len() < 3 {
        return None;
    }
    let n = points.len() as f64;
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    (sxx > 0.0).then(|| sxy / sxx)
}

fn trend(slope: Option<f64>, threshold: f64) -> (Trend, f64) {
    match slope {
        None => (Trend::NotEnoughData, 0.0),
        Some(s) if s > threshold => (Trend::Rising, round1(s)),
        Some(s) if s < -threshold => (Trend::Falling, round1(s)),
        Some(s) => (Trend::Steady, round1(s)),
    }
}

/// The most frequent labels, most frequent first, ties by label.
fn top(counts: BTreeMap<String, u32>, n: usize) -> Vec<Ranked> {
    let mut ranked: Vec<Ranked> = counts
        .into_iter()
        .map(|(label, count)| Ranked { label, count })
        .collect();
    ranked.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
    ranked.truncate(n);
    ranked
}

const TOP: usize = 5;

pub(crate) fn urges(
    events: &[EventView<'_>],
    triggers: &[Trigger],
    window: &Window,
) -> UrgeInsights {
    let names: BTreeMap<&str, &str> = triggers
        .iter()
        .map(|t| (t.id.as_str(), t.name.as_str()))
        .collect();
    let mut per_week = vec![(0u32, 0u32, Vec::<f64>::new()); window.weeks];
    let mut grid = vec![vec![0u32; 24]; 7];
    let (mut total, mut resisted) = (0u32, 0u32);
    let mut intensities = Vec::new();
    let mut trigger_counts = BTreeMap::new();
    let mut emotion_counts = BTreeMap::new();
    let mut helped = BTreeMap::new();
    for event in events {
        let EventBody::Urge { urge } = event.body else {
            continue;
        };
        let local = local_datetime(event.at, event.utc_offset_seconds);
        if !window.contains(local.date()) {
            continue;
        }
        total += 1;
        let week = &mut per_week[window.week_index(local.date())];
        week.0 += 1;
        week.2.push(f64::from(urge.intensity));
        intensities.push(f64::from(urge.intensity));
        if urge.outcome == UrgeOutcome::Resisted {
            resisted += 1;
            week.1 += 1;
            for step in &urge.coping {
                *helped.entry(step.clone()).or_insert(0) += 1;
            }
        }
        grid[local.weekday().num_days_from_monday() as usize][local.hour() as usize] += 1;
        for id in &urge.trigger_ids {
            let label = names
                .get(id.as_str())
                .map_or_else(|| id.clone(), |n| (*n).to_owned());
            *trigger_counts.entry(label).or_insert(0) += 1;
        }
        for e in &urge.emotions {
            let label = serde_json::to_value(e)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            *emotion_counts.entry(label).or_insert(0) += 1;
        }
        for word in &urge.other_emotions {
            *emotion_counts.entry(word.clone()).or_insert(0) += 1;
        }
    }
    let weeks: Vec<WeekUrges> = window
        .week_dates()
        .zip(&per_week)
        .map(|(start, (count, res, values))| WeekUrges {
            week_start: LocalDate::from_naive(start),
            count: *count,
            resisted_percent: percent(*res, *count),
            mean_intensity: round1(mean(values).unwrap_or(0.0)),
        })
        .collect();
    let points: Vec<(f64, f64)> = per_week
        .iter()
        .enumerate()
        .filter_map(|(i, (_, _, v))| mean(v).map(|m| (i as f64, m)))
        .collect();
    let (intensity_trend, intensity_change_per_week) = trend(slope(&points), 0.2);
    UrgeInsights {
        total,
        resisted_percent: percent(resisted, total),
        mean_intensity: round1(mean(&intensities).unwrap_or(0.0)),
        weeks,
        intensity_trend,
        intensity_change_per_week,
        top_triggers: top(trigger_counts, TOP),
        top_emotions: top(emotion_counts, TOP),
        helped_when_resisted: top(helped, TOP),
        weekday_hour: grid,
    }
}

pub(crate) fn attempts(events: &[EventView<'_>], window: &Window) -> AttemptInsights {
    let mut per_week = vec![0u32; window.weeks];
    let mut by_channel: BTreeMap<Channel, u32> = BTreeMap::new();
    let mut days: Vec<NaiveDate> = Vec::new();
    for event in events {
        let EventBody::TheirAttempt { attempt } = event.body else {
            continue;
        };
        let date = local_date(event.at, event.utc_offset_seconds);
        if !window.contains(date) {
            continue;
        }
        per_week[window.week_index(date)] += 1;
        *by_channel.entry(attempt.channel).or_insert(0) += 1;
        days.push(date);
    }
    // 14-day blocks going back from today, within the window.
    let block_of = |d: NaiveDate| ((window.today - d).num_days() / 14) as usize;
    let blocks = ((window.today - window.first_week).num_days() / 14 + 1) as usize;
    let mut block_counts = vec![0u32; blocks];
    for d in &days {
        if let Some(b) = block_counts.get_mut(block_of(*d)) {
            *b += 1;
        }
    }
    let last_14_days = block_counts.first().copied().unwrap_or(0);
    let most_earlier = block_counts.iter().skip(1).copied().max().unwrap_or(0);
    let points: Vec<(f64, f64)> = per_week
        .iter()
        .enumerate()
        .map(|(i, c)| (i as f64, f64::from(*c)))
        .collect();
    let (trend, change_per_week) = if days.is_empty() {
        (Trend::NotEnoughData, 0.0)
    } else {
        trend(slope(&points), 0.25)
    };
    let mut channels: Vec<ChannelCount> = by_channel
        .into_iter()
        .map(|(channel, count)| ChannelCount { channel, count })
        .collect();
    channels.sort_by(|a, b| b.count.cmp(&a.count).then(a.channel.cmp(&b.channel)));
    AttemptInsights {
        total: days.len() as u32,
        weeks: window
            .week_dates()
            .zip(per_week)
            .map(|(start, count)| WeekCount {
                week_start: LocalDate::from_naive(start),
                count,
            })
            .collect(),
        by_channel: channels,
        trend,
        change_per_week,
        last_14_days,
        most_in_earlier_14_days: most_earlier,
        rising: blocks > 1 && last_14_days > most_earlier,
    }
}

pub(crate) fn mood(events: &[EventView<'_>], window: &Window) -> MoodInsights {
    let mut days: BTreeMap<NaiveDate, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
    let mut weeks: BTreeMap<NaiveDate, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
    for event in events {
        let EventBody::CheckIn { check_in } = event.body else {
            continue;
        };
        let date = local_date(event.at, event.utc_offset_seconds);
        if !window.contains(date) {
            continue;
        }
        for bucket in [
            days.entry(date).or_default(),
            weeks.entry(week_start(date)).or_default(),
        ] {
            bucket.0.push(f64::from(check_in.mood));
            if let Some(energy) = check_in.energy {
                bucket.1.push(f64::from(energy));
            }
        }
    }
    let points = |map: BTreeMap<NaiveDate, (Vec<f64>, Vec<f64>)>| {
        map.into_iter()
            .map(|(date, (moods, energies))| MoodPoint {
                date: LocalDate::from_naive(date),
                check_ins: moods.len() as u32,
                mood: round1(mean(&moods).unwrap_or(0.0)),
                energy: mean(&energies).map(round1),
            })
            .collect()
    };
    MoodInsights {
        days: points(days),
        weeks: points(weeks),
    }
}

/// Whether a channel falls under a boundary's kind.
fn covers(kind: BoundaryKind, channel: Channel) -> bool {
    use Channel::*;
    match kind {
        BoundaryKind::Communication => {
            matches!(channel, Call | Text | MessagingApp | Email | Other)
        }
        BoundaryKind::Digital => matches!(channel, MessagingApp | Email | SocialMedia),
        BoundaryKind::InPerson => channel == InPerson,
        BoundaryKind::ThroughOtherPeople => channel == ThroughSomeone,
        BoundaryKind::Monitoring | BoundaryKind::AllowedException => false,
    }
}

pub(crate) fn boundaries(
    events: &[EventView<'_>],
    boundaries: &[Boundary],
    today: NaiveDate,
) -> Vec<BoundaryProgress> {
    boundaries
        .iter()
        .map(|b| {
            let set_on = b.set_on.to_naive("set_on").unwrap_or(today);
            let mut crossed: Vec<NaiveDate> = Vec::new();
            let mut touched = 0u32;
            for event in events {
                let date = local_date(event.at, event.utc_offset_seconds);
                match event.body {
                    EventBody::MyContact { contact }
                        if contact.crossed_boundary_ids.contains(&b.id) =>
                    {
                        crossed.push(date);
                    }
                    EventBody::TheirAttempt { attempt }
                        if date >= set_on
                            && b.person_id.as_ref().is_none_or(|p| *p == attempt.person_id)
                            && covers(b.kind, attempt.channel) =>
                    {
                        touched += 1;
                    }
                    _ => {}
                }
            }
            let last = crossed.iter().copied().filter(|d| *d >= set_on).max();
            let since = last.unwrap_or(set_on).max(set_on);
            BoundaryProgress {
                boundary_id: b.id.clone(),
                statement: b.statement.clone(),
                status: b.status,
                days_kept: u32::try_from((today - since).num_days()).unwrap_or(0),
                last_crossed_on: last.map(LocalDate::from_naive),
                crossed_by_me: crossed.len() as u32,
                touched_by_them: touched,
            }
        })
        .collect()
}

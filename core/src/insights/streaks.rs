//! No-contact streaks and milestones, in local calendar days.
//!
//! A streak is counted from an anchor: the later of the day no contact began
//! and the day of the last breach (a my-contact event, on its own local
//! day). `current = today - anchor`, in whole local days, so a 23- or 25-hour
//! day still counts as one. A breach never erases history: the longest
//! streak, the total days kept and the previous streak stay.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::domain::dates::LocalDate;

/// The milestones, in days; after a year, every further year.
pub const MILESTONES: [u32; 12] = [1, 3, 7, 14, 21, 30, 45, 60, 90, 100, 180, 365];

/// A milestone reached in the current streak.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MilestoneReached {
    /// The milestone, in days.
    pub days: u32,
    /// The local day it was reached.
    pub reached_on: LocalDate,
}

/// The next milestone of the current streak.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NextMilestone {
    /// The milestone, in days.
    pub days: u32,
    /// Days from today until it is reached, if the streak holds.
    pub days_left: u32,
    /// The local day it will be reached, if the streak holds.
    pub on: LocalDate,
}

/// One streak: for a person, or overall (`person_id` empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Streak {
    /// The person, or `None` for the overall streak.
    pub person_id: Option<String>,
    /// The person's alias, or `None` for the overall streak.
    pub alias: Option<String>,
    /// The day no contact began.
    pub started_on: LocalDate,
    /// The day the current streak counts from.
    pub current_since: LocalDate,
    /// Whole local days from `current_since` to today.
    pub current_days: u32,
    /// The longest streak so far, the current one included, in days.
    pub longest_days: u32,
    /// Days since the start without a breach.
    pub total_days_kept: u32,
    /// Whole local days from `started_on` to today.
    pub days_since_start: u32,
    /// Breaches (my-contact events outside what a low-contact arrangement
    /// allows) since the start, each counted.
    pub breaches: u32,
    /// The streak before the current one, when the current one is shorter:
    /// the slip is shown inside the longer journey.
    pub previous_days: Option<u32>,
    /// The milestones the current streak has reached, smallest first.
    pub milestones_reached: Vec<MilestoneReached>,
    /// The current streak's next milestone.
    pub next_milestone: Option<NextMilestone>,
}

/// The day counts, before names are attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Counts {
    pub(crate) anchor: NaiveDate,
    pub(crate) current: u32,
    pub(crate) longest: u32,
    pub(crate) total_kept: u32,
    pub(crate) since_start: u32,
    pub(crate) breaches: u32,
    pub(crate) previous: Option<u32>,
}

fn days(from: NaiveDate, to: NaiveDate) -> u32 {
    u32::try_from((to - from).num_days()).unwrap_or(0)
}

/// Counts for a start day, the local days of the breaches (any order,
/// repeats allowed) and today. Breaches before the start or after today do
/// not count.
pub(crate) fn counts(start: NaiveDate, breaches: &[NaiveDate], today: NaiveDate) -> Counts {
    let mut inside: Vec<NaiveDate> = breaches
        .iter()
        .copied()
        .filter(|d| *d >= start && *d <= today)
        .collect();
    let breach_count = inside.len() as u32;
    inside.sort();
    inside.dedup();
    let mut anchors = vec![start];
    anchors.extend(inside.iter().copied().filter(|d| *d > start));
    let anchor = anchors.last().copied().unwrap_or(start);
    let current = days(anchor, today);
    let longest = anchors
        .windows(2)
        .map(|w| days(w[0], w[1]))
        .chain(std::iter::once(current))
        .max()
        .unwrap_or(0);
    let since_start = days(start, today);
    let breach_days_after_start = inside.iter().filter(|d| **d > start).count() as u32;
    let previous = match anchors.len() {
        0 | 1 => None,
        n => Some(days(anchors[n - 2], anchors[n - 1])).filter(|p| *p > current),
    };
    Counts {
        anchor,
        current,
        longest,
        total_kept: since_start.saturating_sub(breach_days_after_start),
        since_start,
        breaches: breach_count,
        previous,
    }
}

/// Every milestone up to and including `limit` days.
fn milestones_upto(limit: u32) -> impl Iterator<Item = u32> {
    MILESTONES
        .into_iter()
        .chain((2..).map(|years| years * 365))
        .take_while(move |m| *m <= limit)
}

pub(crate) fn reached(anchor: NaiveDate, current: u32) -> Vec<MilestoneReached> {
    milestones_upto(current)
        .map(|m| MilestoneReached {
            days: m,
            reached_on: LocalDate::from_naive(anchor + Duration::days(i64::from(m))),
        })
        .collect()
}

pub(crate) fn next(anchor: NaiveDate, current: u32) -> Option<NextMilestone> {
    let m = MILESTONES
        .into_iter()
        .chain((2..).map(|years| years * 365))
        .find(|m| *m > current)?;
    Some(NextMilestone {
        days: m,
        days_left: m - current,
        on: LocalDate::from_naive(anchor + Duration::days(i64::from(m))),
    })
}

pub(crate) fn streak(
    person_id: Option<String>,
    alias: Option<String>,
    start: NaiveDate,
    breaches: &[NaiveDate],
    today: NaiveDate,
) -> Streak {
    let c = counts(start, breaches, today);
    Streak {
        person_id,
        alias,
        started_on: LocalDate::from_naive(start),
        current_since: LocalDate::from_naive(c.anchor),
        current_days: c.current,
        longest_days: c.longest,
        total_days_kept: c.total_kept,
        days_since_start: c.since_start,
        breaches: c.breaches,
        previous_days: c.previous,
        milestones_reached: reached(c.anchor, c.current),
        next_milestone: next(c.anchor, c.current),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn an_empty_log() {
        let c = counts(d(2026, 1, 1), &[], d(2026, 1, 31));
        assert_eq!(
            (c.current, c.longest, c.total_kept, c.breaches, c.previous),
            (30, 30, 30, 0, None)
        );
        let c = counts(d(2026, 1, 1), &[], d(2026, 1, 1));
        assert_eq!((c.current, c.longest, c.total_kept), (0, 0, 0));
    }

    #[test]
    fn a_slip_inside_a_longer_journey() {
        let start = d(2026, 1, 1);
        let c = counts(start, &[d(2026, 2, 15), d(2026, 2, 15)], d(2026, 2, 20));
        assert_eq!(c.current, 5);
        assert_eq!(c.longest, 45);
        assert_eq!(c.previous, Some(45));
        assert_eq!(c.breaches, 2);
        assert_eq!(c.total_kept, 50 - 1);
        assert_eq!(c.since_start, 50);
    }

    #[test]
    fn milestones_and_the_next_one() {
        let anchor = d(2026, 1, 1);
        let got: Vec<u32> = reached(anchor, 30).iter().map(|m| m.days).collect();
        assert_eq!(got, vec![1, 3, 7, 14, 21, 30]);
        assert_eq!(
            reached(anchor, 30)[2].reached_on,
            LocalDate::from_naive(d(2026, 1, 8))
        );
        let n = next(anchor, 30).unwrap();
        assert_eq!((n.days, n.days_left), (45, 15));
        assert_eq!(next(anchor, 365).unwrap().days, 730);
        assert_eq!(reached(anchor, 800).last().unwrap().days, 730);
        assert_eq!(next(anchor, 0).unwrap().days, 1);
    }

    #[test]
    fn a_leap_day() {
        // 2028 is a leap year: 28 Feb -> 1 Mar is two days.
        let c = counts(d(2028, 2, 28), &[], d(2028, 3, 1));
        assert_eq!(c.current, 2);
        let c = counts(d(2027, 2, 28), &[], d(2027, 3, 1));
        assert_eq!(c.current, 1);
    }

    fn date_strategy() -> impl Strategy<Value = NaiveDate> {
        (0i64..3000).prop_map(|n| d(2020, 1, 1) + Duration::days(n))
    }

    proptest! {
        #[test]
        fn invariants(
            start in date_strategy(),
            breaches in proptest::collection::vec(date_strategy(), 0..20),
            ahead in 0i64..2000,
            extra in date_strategy(),
        ) {
            let today = start + Duration::days(ahead);
            let c = counts(start, &breaches, today);
            prop_assert!(c.current <= c.total_kept);
            prop_assert!(c.longest >= c.current);
            prop_assert!(c.total_kept <= c.since_start);

            // Reordering never changes a result.
            let mut reversed = breaches.clone();
            reversed.reverse();
            prop_assert_eq!(&counts(start, &reversed, today), &c);

            // A breach added before the last one never changes the current streak.
            if extra < c.anchor {
                let mut more = breaches.clone();
                more.push(extra);
                prop_assert_eq!(counts(start, &more, today).current, c.current);
            }

            // Shifting every day (and today) by the same number keeps the counts.
            let shift = Duration::days(ahead % 400 + 1);
            let shifted: Vec<NaiveDate> = breaches.iter().map(|b| *b + shift).collect();
            let s = counts(start + shift, &shifted, today + shift);
            prop_assert_eq!(
                (s.current, s.longest, s.total_kept, s.breaches, s.previous),
                (c.current, c.longest, c.total_kept, c.breaches, c.previous)
            );
        }
    }
}

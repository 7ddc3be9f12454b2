//! Named calendar cases and property tests for streaks over real events.

use std::time::SystemTime;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;

use super::*;
use crate::domain::channel::Channel;
use crate::domain::events::{EventKind, Initiator, MyContact};
use crate::domain::people::{ContactMode, Relationship};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn index_with_person(start: NaiveDate) -> Index {
    let mut index = Index::default();
    index.people.insert(
        "p".into(),
        Person {
            id: "p".into(),
            alias: "R.".into(),
            relationship: Relationship::ExPartner,
            mode: ContactMode::NoContact,
            no_contact_since: LocalDate::from_naive(start),
            blocked_on: Vec::new(),
            notes: String::new(),
            archived: false,
            created_at: SystemTime::UNIX_EPOCH,
            updated_at: SystemTime::UNIX_EPOCH,
        },
    );
    index
}

/// A breach at a local wall time with the offset that was in force.
fn breach(local: &str, offset_seconds: i32) -> Event {
    let naive = NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").unwrap();
    let utc = naive - Duration::seconds(i64::from(offset_seconds));
    let at: SystemTime = Utc.from_utc_datetime(&utc).into();
    Event {
        id: local.to_string(),
        kind: EventKind::MyContact,
        at,
        utc_offset_seconds: offset_seconds,
        recorded_at: at,
        revision: 0,
        amended_at: None,
        logged_while_locked: false,
        body: EventBody::MyContact {
            contact: MyContact {
                person_id: "p".into(),
                channel: Channel::Text,
                initiated_by: Initiator::Me,
                crossed_boundary_ids: Vec::new(),
                note: String::new(),
            },
        },
    }
}

/// Borrowed views of owned test events, as the index would hand them out.
fn views(events: &[Event]) -> (Vec<Entry>, Vec<EventBody>) {
    let entries = events
        .iter()
        .map(|e| Entry {
            id: e.id.clone(),
            seq: 0,
            revisions: Vec::new(),
            redacted_at: None,
        })
        .collect();
    (entries, events.iter().map(|e| e.body.clone()).collect())
}

fn report_for(index: &Index, events: &[Event], today: NaiveDate) -> StreakReport {
    let (entries, bodies) = views(events);
    let v: Vec<EventView<'_>> = events
        .iter()
        .zip(&bodies)
        .zip(&entries)
        .map(|((e, body), entry)| EventView {
            at: e.at,
            utc_offset_seconds: e.utc_offset_seconds,
            body,
            entry,
        })
        .collect();
    streak_report(index, &v, today)
}

fn current(start: NaiveDate, events: &[Event], today: NaiveDate) -> (u32, u32) {
    let report = report_for(&index_with_person(start), events, today);
    let s = &report.people[0];
    (s.current_days, s.total_days_kept)
}

#[test]
fn spring_forward_weekend() {
    // Berlin: 2026-03-29 is 23 hours long. Breach on Saturday night (+01:00).
    let events = [breach("2026-03-28 23:30", 3600)];
    assert_eq!(current(d(2026, 1, 1), &events, d(2026, 3, 29)).0, 1);
    assert_eq!(current(d(2026, 1, 1), &events, d(2026, 3, 30)).0, 2);
}

#[test]
fn fall_back_weekend() {
    // Berlin: 2026-10-25 is 25 hours long. Breach on Saturday night (+02:00).
    let events = [breach("2026-10-24 23:30", 7200)];
    assert_eq!(current(d(2026, 1, 1), &events, d(2026, 10, 25)).0, 1);
    assert_eq!(current(d(2026, 1, 1), &events, d(2026, 10, 26)).0, 2);
}

#[test]
fn breach_just_before_local_midnight() {
    // 23:59 in New York (-05:00) is already the next day in UTC; it counts
    // on the local day it happened.
    let events = [breach("2026-01-10 23:59", -5 * 3600)];
    let report = report_for(&index_with_person(d(2026, 1, 1)), &events, d(2026, 1, 11));
    assert_eq!(
        report.people[0].current_since,
        LocalDate::from_naive(d(2026, 1, 10))
    );
    assert_eq!(report.people[0].current_days, 1);
}

#[test]
fn travel_across_the_date_line() {
    // Logged in Auckland (+13:00) on the morning of Jan 10, which is still
    // Jan 9 in UTC and in Honolulu. The breach keeps its own day.
    let events = [breach("2026-01-10 08:00", 13 * 3600)];
    let report = report_for(&index_with_person(d(2026, 1, 1)), &events, d(2026, 1, 10));
    assert_eq!(
        report.people[0].current_since,
        LocalDate::from_naive(d(2026, 1, 10))
    );
    assert_eq!(report.people[0].current_days, 0);
    // Back home in Honolulu (-10:00) a day later.
    let report = report_for(&index_with_person(d(2026, 1, 1)), &events, d(2026, 1, 11));
    assert_eq!(report.people[0].current_days, 1);
}

#[test]
fn a_leap_day_counts() {
    assert_eq!(current(d(2028, 2, 27), &[], d(2028, 3, 1)).0, 3);
    let events = [breach("2028-02-29 12:00", 0)];
    assert_eq!(current(d(2028, 2, 1), &events, d(2028, 3, 1)), (1, 28));
}

#[test]
fn an_empty_log_and_nobody() {
    assert_eq!(current(d(2026, 11, 1), &[], d(2026, 11, 26)), (25, 25));
    let report = report_for(&Index::default(), &[], d(2026, 11, 26));
    assert!(report.overall.is_none());
    assert!(report.people.is_empty());
}

#[test]
fn risky_dates_wrap_the_year_and_leap_days() {
    let trigger = |id: &str, month, day| Trigger {
        id: id.into(),
        name: id.into(),
        category: TriggerCategory::DateOrAnniversary,
        date: Some(crate::domain::dates::MonthDay { month, day }),
        person_id: None,
        archived: false,
        created_at: SystemTime::UNIX_EPOCH,
    };
    let a = trigger("new year", 1, 2);
    let b = trigger("leap birthday", 2, 29);
    let c = trigger("passed", 11, 1);
    let list = risky_dates(&[&a, &b, &c], d(2026, 12, 30), 90);
    let got: Vec<(&str, u32)> = list
        .iter()
        .map(|r| (r.name.as_str(), r.days_away))
        .collect();
    assert_eq!(got, vec![("new year", 3), ("leap birthday", 60)]);
    assert_eq!(list[1].date, LocalDate::from_naive(d(2027, 2, 28)));
}

/// The UTC offset `zone` has at `utc`.
fn offset_at(zone: Tz, utc: NaiveDateTime) -> i32 {
    zone.from_utc_datetime(&utc)
        .offset()
        .fix()
        .local_minus_utc()
}

proptest! {
    /// In a zone with daylight saving, moving every event and "today" by the
    /// same number of whole local days keeps every count.
    #[test]
    fn shifting_by_local_days_in_a_dst_zone(
        minutes in proptest::collection::vec(0i64..(3 * 365 * 24 * 60), 0..12),
        ahead in 0i64..800,
        shift in 1i64..400,
    ) {
        let zone: Tz = "America/New_York".parse().unwrap();
        let base = d(2025, 1, 1).and_hms_opt(0, 0, 0).unwrap();
        let start = d(2025, 1, 1);
        let events: Vec<Event> = minutes
            .iter()
            .map(|m| {
                let utc = base + Duration::minutes(*m);
                let offset = offset_at(zone, utc);
                let local = utc + Duration::seconds(i64::from(offset));
                breach(&local.format("%Y-%m-%d %H:%M").to_string(), offset)
            })
            .collect();
        let today = start + Duration::days(ahead);
        let before = report_for(&index_with_person(start), &events, today);
        // The same local wall times, `shift` days later, with the offsets then.
        let moved: Vec<Event> = events
            .iter()
            .map(|e| {
                let local = localtime::local_datetime(e.at, e.utc_offset_seconds) + Duration::days(shift);
                let offset = zone
                    .from_local_datetime(&local)
                    .earliest()
                    .map(|t| t.offset().fix().local_minus_utc())
                    .unwrap_or(e.utc_offset_seconds);
                breach(&local.format("%Y-%m-%d %H:%M").to_string(), offset)
            })
            .collect();
        let after = report_for(&index_with_person(start + Duration::days(shift)), &moved, today + Duration::days(shift));
        let (a, b) = (&before.people[0], &after.people[0]);
        prop_assert_eq!(
            (a.current_days, a.longest_days, a.total_days_kept, a.breaches, a.previous_days),
            (b.current_days, b.longest_days, b.total_days_kept, b.breaches, b.previous_days)
        );
        let _ = DateTime::<Utc>::from(SystemTime::UNIX_EPOCH);
    }
}

#[test]
fn allowed_low_contact_is_not_a_breach() {
    let mut index = index_with_person(d(2026, 1, 1));
    if let Some(p) = index.people.get_mut("p") {
        p.mode = ContactMode::LowContact {
            allowed_channels: vec![Channel::Email],
            allowed_topics: vec!["the children".into()],
        };
    }
    let mut by_email = breach("2026-01-20 10:00", 0);
    if let EventBody::MyContact { contact } = &mut by_email.body {
        contact.channel = Channel::Email;
    }
    let by_text = breach("2026-01-10 10:00", 0);
    let report = report_for(&index, &[by_email, by_text], d(2026, 1, 31));
    let s = &report.people[0];
    assert_eq!((s.current_days, s.breaches), (21, 1));
    assert_eq!(report.overall.as_ref().map(|o| o.breaches), Some(1));
}

//! Local calendar time. A past event's local day comes from its own instant
//! and the UTC offset stored with it, so travel and daylight-saving changes
//! never move it; "today" and future reminders come from the person's IANA
//! time zone, with its rules (chrono-tz), so that a reminder set for 08:00
//! fires at 08:00 on both sides of a clock change.

use std::time::SystemTime;

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone, Utc,
};
use chrono_tz::Tz;

use crate::{Result, VaultError};

/// Parses an IANA zone name ("Europe/Berlin"); `InvalidInput(zone)` otherwise.
pub(crate) fn zone(name: &str) -> Result<Tz> {
    name.parse::<Tz>().map_err(|_| VaultError::invalid("zone"))
}

/// The local date-time an instant had where it was logged.
pub(crate) fn local_datetime(at: SystemTime, offset_seconds: i32) -> NaiveDateTime {
    let utc: DateTime<Utc> = at.into();
    utc.naive_utc() + Duration::seconds(i64::from(offset_seconds))
}

pub(crate) fn local_date(at: SystemTime, offset_seconds: i32) -> NaiveDate {
    local_datetime(at, offset_seconds).date()
}

/// The date it is now in `zone`.
pub(crate) fn today_in(zone: Tz, now: SystemTime) -> NaiveDate {
    let utc: DateTime<Utc> = now.into();
    utc.with_timezone(&zone).date_naive()
}

/// The instant a local wall-clock time happens in `zone`. In a fall-back
/// hour that happens twice, the first; in a spring-forward gap that never
/// happens, the same wall time shifted past the gap (02:30 becomes 03:30),
/// so a daily reminder is neither doubled nor dropped.
pub(crate) fn instant_at(zone: Tz, date: NaiveDate, time: NaiveTime) -> Option<SystemTime> {
    let local = date.and_time(time);
    let utc: DateTime<Utc> = match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        LocalResult::None => {
            // Read the wall time with the offset in force before the gap.
            let before = zone
                .from_local_datetime(&(local - Duration::hours(3)))
                .earliest()?;
            let offset = i64::from(before.offset().fix().local_minus_utc());
            Utc.from_utc_datetime(&(local - Duration::seconds(offset)))
        }
    };
    Some(utc.into())
}

/// The Monday that starts the ISO week of `date`.
pub(crate) fn week_start(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// The date of a recurring day in `year`; February 29 falls on February 28
/// in years without it.
pub(crate) fn in_year(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day).or_else(|| {
        (month == 2 && day == 29)
            .then(|| NaiveDate::from_ymd_opt(year, 2, 28))
            .flatten()
    })
}

/// Rounds to one decimal, as the apps show averages.
pub(crate) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn spring_forward_gap_shifts_and_fall_back_fires_once() {
        let berlin = zone("Europe/Berlin").unwrap();
        let t = NaiveTime::from_hms_opt(2, 30, 0).unwrap();
        // 2026-03-29 02:30 does not exist in Berlin: it becomes 03:30 CEST = 01:30 UTC.
        let spring = instant_at(berlin, d(2026, 3, 29), t).unwrap();
        let utc: DateTime<Utc> = spring.into();
        assert_eq!(utc.to_rfc3339(), "2026-03-29T01:30:00+00:00");
        // 2026-10-25 02:30 happens twice: the first (CEST) = 00:30 UTC.
        let fall = instant_at(berlin, d(2026, 10, 25), t).unwrap();
        let utc: DateTime<Utc> = fall.into();
        assert_eq!(utc.to_rfc3339(), "2026-10-25T00:30:00+00:00");
        assert!(zone("Mars/Olympus").is_err());
    }

    #[test]
    fn leap_days_and_weeks() {
        assert_eq!(in_year(2027, 2, 29), Some(d(2027, 2, 28)));
        assert_eq!(in_year(2028, 2, 29), Some(d(2028, 2, 29)));
        assert_eq!(week_start(d(2026, 11, 26)), d(2026, 11, 23));
        assert_eq!(week_start(d(2026, 11, 23)), d(2026, 11, 23));
        assert_eq!(round1(2.449), 2.4);
        assert_eq!(round1(2.45), 2.5);
    }
}

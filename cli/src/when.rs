//! Dates and times as typed on the command line, read in local time.

use std::time::SystemTime;

use chrono::{Local, NaiveDate, NaiveDateTime, Offset, TimeZone};
use nocontact_core::{LocalDate, MonthDay};

/// Today's date here.
pub(crate) fn today() -> NaiveDate {
    Local::now().date_naive()
}

pub(crate) fn local_today() -> LocalDate {
    LocalDate::from_naive(today())
}

/// "YYYY-MM-DD" or "today". Only the shape is checked here; the core says
/// which field holds a day that does not exist.
pub(crate) fn parse_date(text: &str) -> Option<LocalDate> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("today") {
        return Some(local_today());
    }
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    if y.len() != 4 || !(1..=2).contains(&m.len()) || !(1..=2).contains(&d.len()) {
        return None;
    }
    Some(LocalDate {
        year: digits(y)? as i32,
        month: digits(m)?,
        day: digits(d)?,
    })
}

/// "MM-DD", a day that recurs every year.
pub(crate) fn parse_month_day(text: &str) -> Option<MonthDay> {
    let (m, d) = text.trim().split_once('-')?;
    if !(1..=2).contains(&m.len()) || !(1..=2).contains(&d.len()) {
        return None;
    }
    Some(MonthDay {
        month: digits(m)?,
        day: digits(d)?,
    })
}

/// "YYYY-MM-DD HH:MM" (or with a `T`), a local wall-clock time.
pub(crate) fn parse_at(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
}

/// A local wall-clock time as an instant, with the UTC offset in force at
/// that time here. `None` for a time that does not exist here (skipped by a
/// daylight-saving change).
pub(crate) fn local_instant(at: NaiveDateTime) -> Option<(SystemTime, i32)> {
    let local = Local.from_local_datetime(&at).earliest()?;
    Some((local.into(), local.offset().fix().local_minus_utc()))
}

/// The first instant of a local calendar day.
pub(crate) fn start_of_day(date: NaiveDate) -> SystemTime {
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    match Local.from_local_datetime(&midnight).earliest() {
        Some(t) => t.into(),
        // Midnight skipped by a clock change: the day starts an hour later.
        None => Local
            .from_local_datetime(&(midnight + chrono::Duration::hours(1)))
            .earliest()
            .map_or_else(|| midnight.and_utc().into(), Into::into),
    }
}

/// The chrono date of a `LocalDate`, if it exists.
pub(crate) fn naive(date: LocalDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(date.year, date.month, date.day)
}

/// The local day an instant had where it was logged, with its offset.
pub(crate) fn local_date_of(at: SystemTime, offset_seconds: i32) -> LocalDate {
    let utc: chrono::DateTime<chrono::Utc> = at.into();
    let local = utc.naive_utc() + chrono::Duration::seconds(i64::from(offset_seconds));
    LocalDate::from_naive(local.date())
}

pub(crate) fn show_date(date: LocalDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year, date.month, date.day)
}

pub(crate) fn show_month_day(date: MonthDay) -> String {
    format!("{:02}-{:02}", date.month, date.day)
}

fn digits(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let d = parse_date("2024-02-29").unwrap();
        assert_eq!((d.year, d.month, d.day), (2024, 2, 29));
        // Shape only: the core refuses the 30th of February by field name.
        assert!(parse_date("2023-02-30").is_some());
        assert_eq!(parse_date("today"), Some(local_today()));
        for bad in [
            "2024-2",
            "24-01-01",
            "2024-01-01-01",
            "2024-+1-01",
            "",
            "yesterday",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(
            parse_month_day("12-31"),
            Some(MonthDay { month: 12, day: 31 })
        );
        assert_eq!(parse_month_day("1231"), None);
        assert!(parse_at("2024-05-01 14:30").is_some());
        assert!(parse_at("2024-05-01T14:30").is_some());
        assert!(parse_at("2024-05-01").is_none());
        assert!(parse_at("2024-05-01 25:00").is_none());
        assert_eq!(show_date(d), "2024-02-29");
        assert_eq!(show_month_day(MonthDay { month: 3, day: 7 }), "03-07");
    }

    #[test]
    fn local_times_round_trip() {
        let at = parse_at("2024-05-01 14:30").unwrap();
        let (instant, offset) = local_instant(at).unwrap();
        let back = chrono::DateTime::<chrono::Utc>::from(instant)
            + chrono::Duration::seconds(offset.into());
        assert_eq!(back.naive_utc(), at);
        let day = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
        assert!(start_of_day(day) <= instant);
    }
}

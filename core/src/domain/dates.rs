//! Calendar dates without a time: a start date, a review date, a birthday.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{Result, VaultError};

/// A calendar date (proleptic Gregorian), as the person sees it locally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LocalDate {
    /// The year; dates given to the vault must fall in 1900–2200.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
    /// The day of the month, 1–31 (a day the month has).
    pub day: u32,
}

impl LocalDate {
    /// The chrono date, or `InvalidInput(field)` if there is no such day.
    pub(crate) fn to_naive(self, field: &str) -> Result<NaiveDate> {
        if !(1900..=2200).contains(&self.year) {
            return Err(VaultError::invalid(field));
        }
        NaiveDate::from_ymd_opt(self.year, self.month, self.day)
            .ok_or_else(|| VaultError::invalid(field))
    }

    /// From a chrono date.
    pub fn from_naive(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
            day: date.day(),
        }
    }

    /// Checks that the date exists and is not after `today` (with a day of
    /// slack for time zones ahead of the caller's).
    pub(crate) fn check_not_future(self, field: &str, today: NaiveDate) -> Result<()> {
        let date = self.to_naive(field)?;
        if date > today + chrono::Days::new(1) {
            return Err(VaultError::invalid(field));
        }
        Ok(())
    }
}

/// A day of the year that recurs: a birthday, an anniversary, a holiday.
/// February 29 is allowed (observed on February 28 in other years).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MonthDay {
    /// The month, 1–12.
    pub month: u32,
    /// The day of the month, 1–31 (a day the month has in a leap year).
    pub day: u32,
}

impl MonthDay {
    pub(crate) fn check(self, field: &str) -> Result<()> {
        // 2000 is a leap year, so February 29 is accepted.
        NaiveDate::from_ymd_opt(2000, self.month, self.day)
            .map(|_| ())
            .ok_or_else(|| VaultError::invalid(field))
    }
}

/// Today's date in UTC, used as the reference for "not in the future".
pub(crate) fn today_utc() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let d = |y, m, d| LocalDate {
            year: y,
            month: m,
            day: d,
        };
        assert!(d(2024, 2, 29).check_not_future("f", today).is_ok());
        assert!(d(2023, 2, 29).check_not_future("f", today).is_err());
        assert!(d(2026, 11, 27).check_not_future("f", today).is_ok());
        assert!(d(2026, 11, 28).check_not_future("f", today).is_err());
        assert!(d(2026, 13, 1).to_naive("f").is_err());
        assert!(d(1800, 1, 1).to_naive("f").is_err());
        assert!(MonthDay { month: 2, day: 29 }.check("f").is_ok());
        assert!(MonthDay { month: 4, day: 31 }.check("f").is_err());
        assert!(MonthDay { month: 0, day: 1 }.check("f").is_err());
    }
}

//! Boundaries, in the user's own words.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use super::dates::LocalDate;
use crate::{time, validate, Result};

pub const STATEMENT_MAX_CHARS: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum BoundaryKind {
    Communication,
    Monitoring,
    InPerson,
    ThroughOtherPeople,
    Digital,
    AllowedException,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum BoundaryStatus {
    Active,
    Paused,
    Retired,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BoundaryInput {
    /// "I don't reply to their messages" (1–500 characters).
    pub statement: String,
    /// The person it is about, if any.
    pub person_id: Option<String>,
    pub kind: BoundaryKind,
    /// When it was set (not in the future).
    pub set_on: LocalDate,
    /// When to look at it again (may be in the future).
    pub review_on: Option<LocalDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Boundary {
    pub id: String,
    pub statement: String,
    pub person_id: Option<String>,
    #[zeroize(skip)]
    pub kind: BoundaryKind,
    #[zeroize(skip)]
    pub status: BoundaryStatus,
    #[zeroize(skip)]
    pub set_on: LocalDate,
    #[zeroize(skip)]
    pub review_on: Option<LocalDate>,
    #[zeroize(skip)]
    #[serde(with = "time::millis")]
    pub created_at: SystemTime,
    #[zeroize(skip)]
    #[serde(with = "time::millis")]
    pub updated_at: SystemTime,
}

impl BoundaryInput {
    /// Checks the fields; the person id is checked by the caller.
    pub(crate) fn validate(&self) -> Result<()> {
        validate::required("statement", &self.statement, STATEMENT_MAX_CHARS)?;
        self.set_on
            .check_not_future("set_on", super::dates::today_utc())?;
        if let Some(review) = self.review_on {
            review.to_naive("review_on")?;
        }
        Ok(())
    }

    pub(crate) fn apply(self, boundary: &mut Boundary, now: SystemTime) {
        boundary.statement = self.statement;
        boundary.person_id = self.person_id;
        boundary.kind = self.kind;
        boundary.set_on = self.set_on;
        boundary.review_on = self.review_on;
        boundary.updated_at = now;
    }

    pub(crate) fn into_boundary(self, id: String, now: SystemTime) -> Boundary {
        let mut b = Boundary {
            id,
            statement: String::new(),
            person_id: None,
            kind: self.kind,
            status: BoundaryStatus::Active,
            set_on: self.set_on,
            review_on: None,
            created_at: now,
            updated_at: now,
        };
        self.apply(&mut b, now);
        b
    }
}

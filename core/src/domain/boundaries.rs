//! Boundaries, in the user's own words.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use super::dates::LocalDate;
use crate::{time, validate, Result};

/// Longest boundary statement, in characters (Unicode scalar values).
pub const STATEMENT_MAX_CHARS: usize = 500;

/// What a boundary is about. Insights count their attempts against a
/// boundary when its kind covers the attempt's channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum BoundaryKind {
    /// Calls, texts, messaging apps, email (and other channels).
    Communication,
    /// Not checking up on them (their profiles, asking others about them).
    Monitoring,
    /// Meeting in person.
    InPerson,
    /// Contact passed on through someone else.
    ThroughOtherPeople,
    /// Messaging apps, email and social media.
    Digital,
    /// A contact I allow myself (co-parenting, a family matter).
    AllowedException,
}

/// Whether a boundary is in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum BoundaryStatus {
    /// In force (every new boundary starts so).
    Active,
    /// Set aside for now.
    Paused,
    /// No longer kept; it stays for the record.
    Retired,
}

/// What the user supplies to add or edit a boundary.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BoundaryInput {
    /// "I don't reply to their messages" (1–500 characters).
    pub statement: String,
    /// The person it is about, if any (a live, unarchived person;
    /// otherwise `InvalidInput { field: "person_id" }`).
    pub person_id: Option<String>,
    /// What it is about.
    pub kind: BoundaryKind,
    /// When it was set (not in the future, a day of slack for time zones;
    /// years 1900–2200).
    pub set_on: LocalDate,
    /// When to look at it again (may be in the future).
    pub review_on: Option<LocalDate>,
}

/// A boundary, in the user's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Boundary {
    /// Stable identifier (32 hex digits).
    pub id: String,
    /// The statement, as written.
    pub statement: String,
    /// The person it is about, if any.
    pub person_id: Option<String>,
    /// What it is about.
    #[zeroize(skip)]
    pub kind: BoundaryKind,
    /// Whether it is in force (`set_boundary_status` changes it).
    #[zeroize(skip)]
    pub status: BoundaryStatus,
    /// When it was set.
    #[zeroize(skip)]
    pub set_on: LocalDate,
    /// When to look at it again, if chosen.
    #[zeroize(skip)]
    pub review_on: Option<LocalDate>,
    /// When it was added.
    #[zeroize(skip)]
    #[serde(with = "time::millis")]
    pub created_at: SystemTime,
    /// When it was last edited or its status changed.
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

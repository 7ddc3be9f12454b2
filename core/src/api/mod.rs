//! The vault's domain methods, one file per part of the model. Each file is
//! an `impl Vault` block exported through uniffi; the checks that need more
//! than one record (does this person exist, is it archived) live here, the
//! field rules next to the types in `crate::domain`.

pub(crate) mod backup;
pub(crate) mod boundaries;
pub(crate) mod chain;
pub(crate) mod csv;
pub(crate) mod duress;
pub(crate) mod events;
pub(crate) mod evidence;
pub(crate) mod keys;
pub(crate) mod people;
pub(crate) mod prompts;
pub(crate) mod protection;
pub(crate) mod reflections;
pub(crate) mod rekey;
pub(crate) mod safety_plan;
pub(crate) mod triggers;

use std::time::SystemTime;

use crate::domain::events::RefKind;
use crate::memory::Index;
use crate::time::{self, MAX_FUTURE_SKEW, MAX_OFFSET_SECONDS};
use crate::{Result, VaultError};

/// Largest page a list call returns.
pub const PAGE_MAX: u32 = 500;

/// Checks that `id` names a live item of `kind`; otherwise the error names
/// `field` (unknown, archived and deleted ids alike).
pub(crate) fn check_ref(index: &Index, field: &str, kind: RefKind, id: &str) -> Result<()> {
    let ok = match kind {
        RefKind::Person => index.people.get(id).is_some_and(|p| !p.archived),
        RefKind::Trigger => index.triggers.get(id).is_some_and(|t| !t.archived),
        RefKind::Boundary => index.boundaries.contains_key(id),
    };
    if ok {
        Ok(())
    } else {
        Err(VaultError::invalid(field))
    }
}

/// The instant an entry happened: `None` is now; the future (beyond a few
/// minutes of clock skew) and anything before 1900 are refused, as is an
/// impossible UTC offset.
pub(crate) fn instant(
    at: Option<SystemTime>,
    offset_seconds: i32,
    now: SystemTime,
) -> Result<SystemTime> {
    if offset_seconds.unsigned_abs() > MAX_OFFSET_SECONDS.unsigned_abs() {
        return Err(VaultError::invalid("utc_offset_seconds"));
    }
    match at {
        None => Ok(now),
        Some(at) if at > now + MAX_FUTURE_SKEW || at < time::earliest() => {
            Err(VaultError::invalid("at"))
        }
        Some(at) => Ok(time::from_millis(time::to_millis(at))),
    }
}

/// Checks a page request and returns `(offset, limit)` as indexes.
pub(crate) fn page(offset: u32, limit: u32) -> Result<(usize, usize)> {
    if limit == 0 || limit > PAGE_MAX {
        return Err(VaultError::invalid("limit"));
    }
    Ok((offset as usize, limit as usize))
}

/// A page of a list, newest first, and where the next one starts.
pub(crate) fn paginate<T>(
    items: Vec<T>,
    offset: usize,
    limit: usize,
) -> (Vec<T>, Option<u32>, u64) {
    let total = items.len();
    let page: Vec<T> = items.into_iter().skip(offset).take(limit).collect();
    let next = (offset + page.len() < total).then(|| (offset + page.len()) as u32);
    (page, next, total as u64)
}

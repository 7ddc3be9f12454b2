//! Boundaries: add, edit, set status, list, delete when never crossed.

use crate::domain::boundaries::{Boundary, BoundaryInput, BoundaryStatus};
use crate::domain::events::RefKind;
use crate::record::{Record, RecordId};
use crate::vault::Vault;
use crate::{time, Result, VaultError};

use super::check_ref;

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Vault {
    /// Adds a boundary, `Active`. `InvalidInput` names the field that was
    /// refused (`statement`, `set_on`, `review_on`, `person_id`).
    pub fn add_boundary(&self, input: BoundaryInput) -> Result<Boundary> {
        input.validate()?;
        self.with_session(|conn, session| {
            if let Some(p) = &input.person_id {
                check_ref(&session.index, "person_id", RefKind::Person, p)?;
            }
            let id = RecordId::random()?;
            let boundary = input.into_boundary(id.to_hex(), time::now());
            session.store(conn, vec![(id, Record::Boundary(boundary.clone()))])?;
            Ok(boundary)
        })
    }

    /// Replaces a boundary's fields (its status stays); `NotFound` for an
    /// unknown id, `InvalidInput` as with `add_boundary`.
    pub fn update_boundary(&self, id: String, input: BoundaryInput) -> Result<Boundary> {
        let rid = RecordId::parse(&id)?;
        input.validate()?;
        self.with_session(|conn, session| {
            let mut boundary = session
                .index
                .boundaries
                .get(&id)
                .cloned()
                .ok_or(VaultError::NotFound)?;
            if let Some(p) = &input.person_id {
                if input.person_id != boundary.person_id {
                    check_ref(&session.index, "person_id", RefKind::Person, p)?;
                }
            }
            input.apply(&mut boundary, time::now());
            session.store(conn, vec![(rid, Record::Boundary(boundary.clone()))])?;
            Ok(boundary)
        })
    }

    /// Sets a boundary active, paused or retired; `NotFound` for an
    /// unknown id.
    pub fn set_boundary_status(&self, id: String, status: BoundaryStatus) -> Result<Boundary> {
        let rid = RecordId::parse(&id)?;
        self.with_session(|conn, session| {
            let mut boundary = session
                .index
                .boundaries
                .get(&id)
                .cloned()
                .ok_or(VaultError::NotFound)?;
            boundary.status = status;
            boundary.updated_at = time::now();
            session.store(conn, vec![(rid, Record::Boundary(boundary.clone()))])?;
            Ok(boundary)
        })
    }

    /// One boundary; `NotFound` for an unknown id (`Corrupt` if its record
    /// is damaged).
    pub fn get_boundary(&self, id: String) -> Result<Boundary> {
        RecordId::parse(&id)?;
        self.with_session(|_, session| {
            session
                .index
                .boundaries
                .get(&id)
                .cloned()
                .ok_or_else(|| session.index.missing(&id))
        })
    }

    /// Boundaries, optionally for one person, with the given statuses (all
    /// when empty); most recently set first.
    pub fn list_boundaries(
        &self,
        person_id: Option<String>,
        statuses: Vec<BoundaryStatus>,
    ) -> Result<Vec<Boundary>> {
        self.with_session(|_, session| {
            let mut out: Vec<Boundary> = session
                .index
                .boundaries
                .values()
                .filter(|b| person_id.is_none() || b.person_id == person_id)
                .filter(|b| statuses.is_empty() || statuses.contains(&b.status))
                .cloned()
                .collect();
            out.sort_by(|a, b| {
                b.set_on
                    .cmp(&a.set_on)
                    .then(b.created_at.cmp(&a.created_at))
            });
            Ok(out)
        })
    }

    /// Deletes a boundary no event refers to; `InUse` otherwise (retire it).
    pub fn delete_boundary(&self, id: String) -> Result<()> {
        let rid = RecordId::parse(&id)?;
        self.with_session(|conn, session| {
            if !session.index.boundaries.contains_key(&id) {
                return Err(VaultError::NotFound);
            }
            if session.index.is_referenced(RefKind::Boundary, &id) {
                return Err(VaultError::InUse);
            }
            session.delete(conn, rid)
        })
    }
}

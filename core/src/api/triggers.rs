//! Triggers: add, edit, archive, list.

use crate::domain::events::RefKind;
use crate::domain::triggers::{Trigger, TriggerInput};
use crate::record::{Record, RecordId};
use crate::vault::Vault;
use crate::{time, Result, VaultError};

use super::check_ref;

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Vault {
    /// Adds a trigger. `InvalidInput` names the field that was refused
    /// (`name`, `date`, `person_id`).
    pub fn add_trigger(&self, input: TriggerInput) -> Result<Trigger> {
        input.validate()?;
        self.with_session(|conn, session| {
            if let Some(p) = &input.person_id {
                check_ref(&session.index, "person_id", RefKind::Person, p)?;
            }
            let id = RecordId::random()?;
            let trigger = input.into_trigger(id.to_hex(), time::now());
            session.store(conn, vec![(id, Record::Trigger(trigger.clone()))])?;
            Ok(trigger)
        })
    }

    /// Replaces a trigger's fields (archived and when it was added stay);
    /// `NotFound` for an unknown id, `InvalidInput` as with `add_trigger`.
    pub fn update_trigger(&self, id: String, input: TriggerInput) -> Result<Trigger> {
        let rid = RecordId::parse(&id)?;
        input.validate()?;
        self.with_session(|conn, session| {
            let old = session
                .index
                .triggers
                .get(&id)
                .cloned()
                .ok_or(VaultError::NotFound)?;
            if let Some(p) = &input.person_id {
                if input.person_id != old.person_id {
                    check_ref(&session.index, "person_id", RefKind::Person, p)?;
                }
            }
            let mut trigger = input.into_trigger(id.clone(), old.created_at);
            trigger.archived = old.archived;
            session.store(conn, vec![(rid, Record::Trigger(trigger.clone()))])?;
            Ok(trigger)
        })
    }

    /// Archives (or restores) a trigger; `NotFound` for an unknown id.
    pub fn set_trigger_archived(&self, id: String, archived: bool) -> Result<Trigger> {
        let rid = RecordId::parse(&id)?;
        self.with_session(|conn, session| {
            let mut trigger = session
                .index
                .triggers
                .get(&id)
                .cloned()
                .ok_or(VaultError::NotFound)?;
            trigger.archived = archived;
            session.store(conn, vec![(rid, Record::Trigger(trigger.clone()))])?;
            Ok(trigger)
        })
    }

    /// Triggers by name; archived ones only when asked for.
    pub fn list_triggers(&self, include_archived: bool) -> Result<Vec<Trigger>> {
        self.with_session(|_, session| {
            let mut out: Vec<Trigger> = session
                .index
                .triggers
                .values()
                .filter(|t| include_archived || !t.archived)
                .cloned()
                .collect();
            out.sort_by(|a, b| {
                a.name
                    .to_lowercase()
                    .cmp(&b.name.to_lowercase())
                    .then(a.id.cmp(&b.id))
            });
            Ok(out)
        })
    }
}

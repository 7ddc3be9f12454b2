//! People: add, edit, archive, list, delete (only when nothing refers to them).

use crate::domain::people::{Person, PersonInput};
use crate::record::{Record, RecordId};
use crate::vault::Vault;
use crate::{time, Result, VaultError};

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Vault {
    /// Adds a person. `InvalidInput` names the field that was refused
    /// (`alias`, `notes`, `blocked_on`, `allowed_channels`,
    /// `allowed_topics`, `no_contact_since`).
    pub fn add_person(&self, input: PersonInput) -> Result<Person> {
        input.validate()?;
        self.with_session(|conn, session| {
            let id = RecordId::random()?;
            let person = input.into_person(id.to_hex(), time::now());
            session.store(conn, vec![(id, Record::Person(person.clone()))])?;
            Ok(person)
        })
    }

    /// Replaces a person's fields (archived stays as it was); `NotFound`
    /// for an unknown id, `InvalidInput` as with `add_person`.
    pub fn update_person(&self, id: String, input: PersonInput) -> Result<Person> {
        let rid = RecordId::parse(&id)?;
        input.validate()?;
        self.with_session(|conn, session| {
            let mut person = session
                .index
                .people
                .get(&id)
                .cloned()
                .ok_or(VaultError::NotFound)?;
            input.apply(&mut person, time::now());
            session.store(conn, vec![(rid, Record::Person(person.clone()))])?;
            Ok(person)
        })
    }

    /// One person, archived or not; `NotFound` for an unknown id
    /// (`Corrupt` if their record is damaged).
    pub fn get_person(&self, id: String) -> Result<Person> {
        RecordId::parse(&id)?;
        self.with_session(|_, session| {
            session
                .index
                .people
                .get(&id)
                .cloned()
                .ok_or_else(|| session.index.missing(&id))
        })
    }

    /// People, by alias; archived ones only when asked for.
    pub fn list_people(&self, include_archived: bool) -> Result<Vec<Person>> {
        self.with_session(|_, session| {
            let mut people: Vec<Person> = session
                .index
                .people
                .values()
                .filter(|p| include_archived || !p.archived)
                .cloned()
                .collect();
            people.sort_by(|a, b| {
                a.alias
                    .to_lowercase()
                    .cmp(&b.alias.to_lowercase())
                    .then(a.id.cmp(&b.id))
            });
            Ok(people)
        })
    }

    /// Archives (or restores) a person. Their events stay. `NotFound` for
    /// an unknown id.
    pub fn set_person_archived(&self, id: String, archived: bool) -> Result<Person> {
        let rid = RecordId::parse(&id)?;
        self.with_session(|conn, session| {
            let mut person = session
                .index
                .people
                .get(&id)
                .cloned()
                .ok_or(VaultError::NotFound)?;
            person.archived = archived;
            person.updated_at = time::now();
            session.store(conn, vec![(rid, Record::Person(person.clone()))])?;
            Ok(person)
        })
    }

    /// Deletes a person nothing refers to; `InUse` if any event, boundary,
    /// trigger or letter does (archive them instead).
    pub fn delete_person(&self, id: String) -> Result<()> {
        let rid = RecordId::parse(&id)?;
        self.with_session(|conn, session| {
            if !session.index.people.contains_key(&id) {
                return Err(VaultError::NotFound);
            }
            if session.index.person_is_referenced(&id) {
                return Err(VaultError::InUse);
            }
            session.delete(conn, rid)
        })
    }
}

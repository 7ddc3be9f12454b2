//! Reflections: journal entries and unsent letters, in the same
//! append-only log as events (edits are amendments).

use std::time::SystemTime;

use crate::domain::entries::{Entry, EntryBody, LedgerOp};
use crate::domain::events::RefKind;
use crate::domain::reflections::{NewReflection, Reflection, ReflectionBody, ReflectionKind};
use crate::record::RecordId;
use crate::vault::{Session, Vault};
use crate::{time, Result, VaultError};

use super::{check_ref, instant, page, paginate, PAGE_MAX};

/// Which reflections to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ReflectionFilter {
    /// Journal entries and unsent letters.
    All,
    /// Journal entries only.
    Journal,
    /// Unsent letters only.
    UnsentLetters,
}

/// Which reflections to list, and which page.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReflectionQuery {
    /// Journal entries, letters or both.
    pub filter: ReflectionFilter,
    /// Only letters to this person (journal entries are then left out).
    pub person_id: Option<String>,
    /// Only reflections written at or after this instant.
    pub from: Option<SystemTime>,
    /// Only reflections written before this instant.
    pub until: Option<SystemTime>,
    /// How many matching reflections to skip (0 for the first page).
    pub offset: u32,
    /// Page size, 1 to `PAGE_MAX` (500); otherwise
    /// `InvalidInput { field: "limit" }`.
    pub limit: u32,
}

/// The default: journal entries and letters, no filters, the first page
/// of `PAGE_MAX` (500) reflections.
impl Default for ReflectionQuery {
    fn default() -> Self {
        Self {
            filter: ReflectionFilter::All,
            person_id: None,
            from: None,
            until: None,
            offset: 0,
            limit: PAGE_MAX,
        }
    }
}

/// A page of reflections, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReflectionPage {
    /// The reflections on this page.
    pub reflections: Vec<Reflection>,
    /// Matching reflections in all pages.
    pub total: u64,
    /// The offset of the next page, if there is one.
    pub next_offset: Option<u32>,
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Vault {
    /// Adds a journal entry or an unsent letter to the log. `InvalidInput`
    /// names the field that was refused (`title`, `text`, `tags`, `mood`,
    /// `at`, `utc_offset_seconds`, `person_id`, `prompt_id`).
    pub fn add_reflection(&self, reflection: NewReflection) -> Result<Reflection> {
        reflection.body.validate()?;
        self.with_session(|conn, session| {
            let now = time::now();
            let at = instant(reflection.at, reflection.utc_offset_seconds, now)?;
            check_reflection_refs(session, &reflection.body)?;
            let op = LedgerOp::Create {
                at,
                utc_offset_seconds: reflection.utc_offset_seconds,
                content: EntryBody::Reflection {
                    body: reflection.body,
                },
            };
            let ids = session.append(conn, vec![(None, op)], Vec::new(), now)?;
            let id = ids.first().ok_or(VaultError::Storage)?.to_hex();
            live_reflection(session, &id)
        })
    }

    /// Records a new version; earlier ones stay (`reflection_history`). A
    /// journal entry stays a journal entry, a letter a letter.
    pub fn amend_reflection(&self, id: String, reflection: NewReflection) -> Result<Reflection> {
        RecordId::parse(&id)?;
        reflection.body.validate()?;
        self.with_session(|conn, session| {
            let now = time::now();
            let current = live_reflection(session, &id)?;
            let same_kind = matches!(
                (&current.body.kind, &reflection.body.kind),
                (
                    ReflectionKind::Journal { .. },
                    ReflectionKind::Journal { .. }
                ) | (
                    ReflectionKind::UnsentLetter { .. },
                    ReflectionKind::UnsentLetter { .. }
                )
            );
            if !same_kind {
                return Err(VaultError::invalid("kind"));
            }
            let at = instant(
                reflection.at.or(Some(current.at)),
                reflection.utc_offset_seconds,
                now,
            )?;
            if reflection.body.kind != current.body.kind {
                check_reflection_refs(session, &reflection.body)?;
            }
            let op = LedgerOp::Amend {
                revision: current.revision + 1,
                at,
                utc_offset_seconds: reflection.utc_offset_seconds,
                content: EntryBody::Reflection {
                    body: reflection.body,
                },
            };
            session.append(conn, vec![(Some(id.clone()), op)], Vec::new(), now)?;
            live_reflection(session, &id)
        })
    }

    /// Deletes a reflection: its content is overwritten in the file, and a
    /// redaction mark stays in the log. `NotFound` for an unknown id.
    pub fn delete_reflection(&self, id: String) -> Result<()> {
        RecordId::parse(&id)?;
        self.with_session(|conn, session| {
            live_reflection(session, &id)?;
            super::events::redact(conn, session, &id)
        })
    }

    /// The latest version of a reflection; `NotFound` for an unknown or
    /// deleted id (`Corrupt` if its record is damaged).
    pub fn get_reflection(&self, id: String) -> Result<Reflection> {
        RecordId::parse(&id)?;
        self.with_session(|_, session| live_reflection(session, &id))
    }

    /// Every version of a reflection, oldest first; `NotFound` for an
    /// unknown or deleted id.
    pub fn reflection_history(&self, id: String) -> Result<Vec<Reflection>> {
        RecordId::parse(&id)?;
        self.with_session(|_, session| {
            let entry = session.index.ledger.live(&id).ok_or(VaultError::NotFound)?;
            (0..entry.revisions.len())
                .map(|i| entry.reflection_at(i).ok_or(VaultError::NotFound))
                .collect()
        })
    }

    /// Reflections, newest first, one page at a time.
    pub fn list_reflections(&self, query: ReflectionQuery) -> Result<ReflectionPage> {
        let (offset, limit) = page(query.offset, query.limit)?;
        self.with_session(|_, session| {
            let matches: Vec<&Entry> = session
                .index
                .ledger
                .newest_first(query.from, query.until)
                .filter(|entry| {
                    entry
                        .latest()
                        .is_some_and(|r| matches_query(&r.content, &query))
                })
                .collect();
            let (entries, next_offset, total) = paginate(matches, offset, limit);
            let reflections = entries.into_iter().filter_map(Entry::reflection).collect();

            Ok(ReflectionPage {
                reflections,
                total,
                next_offset,
            })
        })
    }
}

fn matches_query(content: &EntryBody, q: &ReflectionQuery) -> bool {
    let EntryBody::Reflection { body } = content else {
        return false;
    };
    let kind_ok = matches!(
        (&q.filter, &body.kind),
        (ReflectionFilter::All, _)
            | (ReflectionFilter::Journal, ReflectionKind::Journal { .. })
            | (
                ReflectionFilter::UnsentLetters,
                ReflectionKind::UnsentLetter { .. }
            )
    );
    let person_ok = match (&q.person_id, &body.kind) {
        (None, _) => true,
        (Some(p), ReflectionKind::UnsentLetter { person_id }) => p == person_id,
        (Some(_), ReflectionKind::Journal { .. }) => false,
    };
    kind_ok && person_ok
}

pub(crate) fn check_reflection_refs(session: &Session, body: &ReflectionBody) -> Result<()> {
    match &body.kind {
        ReflectionKind::UnsentLetter { person_id } => {
            check_ref(&session.index, "person_id", RefKind::Person, person_id)
        }
        ReflectionKind::Journal {
            prompt_id: Some(prompt_id),
        } => {
            let known = crate::library::PROMPTS.iter().any(|p| p.id == prompt_id)
                || session.index.prompts.contains_key(prompt_id);
            if known {
                Ok(())
            } else {
                Err(VaultError::invalid("prompt_id"))
            }
        }
        ReflectionKind::Journal { prompt_id: None } => Ok(()),
    }
}

pub(crate) fn live_reflection(session: &Session, id: &str) -> Result<Reflection> {
    session
        .index
        .ledger
        .live(id)
        .and_then(Entry::reflection)
        .ok_or_else(|| session.index.missing(id))
}

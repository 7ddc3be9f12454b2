//! The event log: log (with the quick variants), amend, delete, read, list.

use std::time::SystemTime;

use crate::domain::channel::Channel;
use crate::domain::entries::{Entry, EntryBody, LedgerOp};
use crate::domain::events::{
    Event, EventBody, EventKind, Initiator, Logged, MyContact, NewEvent, UrgeOutcome,
};
use crate::domain::quick;
use crate::record::{Record, RecordId};
use crate::vault::{Session, Vault};
use crate::{time, Result, VaultError};

use super::{check_ref, instant, page, paginate, PAGE_MAX};

/// Which events to list, and which page.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct EventQuery {
    /// The kinds to include; all when empty.
    pub kinds: Vec<EventKind>,
    /// Only events about this person.
    pub person_id: Option<String>,
    /// Only events at or after this instant.
    pub from: Option<SystemTime>,
    /// Only events before this instant.
    pub until: Option<SystemTime>,
    /// How many matching events to skip (0 for the first page).
    pub offset: u32,
    /// Page size, 1 to `PAGE_MAX` (500); otherwise
    /// `InvalidInput { field: "limit" }`.
    pub limit: u32,
}

/// The default: every kind, no filters, the first page of `PAGE_MAX`
/// (500) events.
impl Default for EventQuery {
    fn default() -> Self {
        Self {
            kinds: Vec::new(),
            person_id: None,
            from: None,
            until: None,
            offset: 0,
            limit: PAGE_MAX,
        }
    }
}

/// A page of events, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct EventPage {
    /// The events on this page.
    pub events: Vec<Event>,
    /// Matching events in all pages.
    pub total: u64,
    /// The offset of the next page, if there is one.
    pub next_offset: Option<u32>,
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Vault {
    /// Logs an event. An urge whose outcome is `ReachedOut` also records the
    /// matching my-contact event, in the same transaction. `InvalidInput`
    /// names the field that was refused (a limit, a scale, `at`,
    /// `utc_offset_seconds`, or an id that names no live record).
    pub fn log_event(&self, event: NewEvent) -> Result<Logged> {
        event.body.validate()?;
        self.with_session(|conn, session| {
            let now = time::now();
            let at = instant(event.at, event.utc_offset_seconds, now)?;
            check_refs(session, &event.body)?;
            let contact = reached_out_contact(&event.body);
            let mut ops = vec![(None, create(at, event.utc_offset_seconds, event.body))];
            if let Some(body) = contact {
                ops.push((None, create(at, event.utc_offset_seconds, body)));
            }
            let ids = session.append(conn, ops, Vec::new(), now)?;
            let ids: Vec<String> = ids.into_iter().map(RecordId::to_hex).collect();
            let event = live_event(session, &ids[0])?;
            let contact = ids.get(1).map(|id| live_event(session, id)).transpose()?;
            Ok(Logged { event, contact })
        })
    }

    /// Logs many events in one transaction (an import, or entries written
    /// down elsewhere): all of them are recorded, or none is. Urges that
    /// reached out bring their my-contact events, as with `log_event`.
    pub fn log_events(&self, events: Vec<NewEvent>) -> Result<Vec<Logged>> {
        events.iter().try_for_each(|e| e.body.validate())?;
        self.with_session(|conn, session| {
            let now = time::now();
            let mut ops = Vec::with_capacity(events.len());
            let mut shape = Vec::with_capacity(events.len());
            for event in events {
                let at = instant(event.at, event.utc_offset_seconds, now)?;
                check_refs(session, &event.body)?;
                let contact = reached_out_contact(&event.body);
                shape.push(contact.is_some());
                ops.push((None, create(at, event.utc_offset_seconds, event.body)));
                if let Some(body) = contact {
                    ops.push((None, create(at, event.utc_offset_seconds, body)));
                }
            }
            let ids = session.append(conn, ops, Vec::new(), now)?;
            let ids: Vec<String> = ids.into_iter().map(RecordId::to_hex).collect();
            let mut ids = ids.into_iter();
            shape
                .into_iter()
                .map(|with_contact| {
                    let event = live_event(session, &ids.next().unwrap_or_default())?;
                    let contact = match with_contact {
                        true => Some(live_event(session, &ids.next().unwrap_or_default())?),
                        false => None,
                    };
                    Ok(Logged { event, contact })
                })
                .collect()
        })
    }

    /// Records a corrected version of an event. The earlier versions stay and
    /// can be read with `event_history`. The kind cannot change
    /// (`InvalidInput { field: "body" }`); `at: None` keeps the time it
    /// happened. `NotFound` for an unknown or deleted id; the other
    /// `InvalidInput`s as with `log_event`.
    pub fn amend_event(&self, id: String, event: NewEvent) -> Result<Event> {
        RecordId::parse(&id)?;
        event.body.validate()?;
        self.with_session(|conn, session| {
            let now = time::now();
            let entry = session.index.ledger.live(&id).ok_or(VaultError::NotFound)?;
            let current = entry.event().ok_or(VaultError::NotFound)?;
            if current.kind != event.body.kind() {
                return Err(VaultError::invalid("body"));
            }
            let at = instant(event.at.or(Some(current.at)), event.utc_offset_seconds, now)?;
            check_refs(session, &event.body)?;
            let op = LedgerOp::Amend {
                revision: entry.revisions.len() as u32,
                at,
                utc_offset_seconds: event.utc_offset_seconds,
                content: EntryBody::Event {
                    body: event.body,
                    locked: current.logged_while_locked,
                },
            };
            session.append(conn, vec![(Some(id.clone()), op)], Vec::new(), now)?;
            live_event(session, &id)
        })
    }

    /// Deletes an event: its content is overwritten in the file, and a
    /// redaction mark stays in the log to show that something was removed.
    /// `NotFound` for an unknown or deleted id.
    pub fn delete_event(&self, id: String) -> Result<()> {
        RecordId::parse(&id)?;
        self.with_session(|conn, session| {
            let entry = session.index.ledger.live(&id).ok_or(VaultError::NotFound)?;
            if entry.event().is_none() {
                return Err(VaultError::NotFound);
            }
            redact(conn, session, &id)
        })
    }

    /// The latest version of an event; `NotFound` for an unknown or
    /// deleted id (`Corrupt` if its record is damaged).
    pub fn get_event(&self, id: String) -> Result<Event> {
        RecordId::parse(&id)?;
        self.with_session(|_, session| live_event(session, &id))
    }

    /// Every version of an event, oldest first; `NotFound` for an unknown
    /// or deleted id.
    pub fn event_history(&self, id: String) -> Result<Vec<Event>> {
        RecordId::parse(&id)?;
        self.with_session(|_, session| {
            let entry = session.index.ledger.live(&id).ok_or(VaultError::NotFound)?;
            (0..entry.revisions.len())
                .map(|i| entry.event_at(i).ok_or(VaultError::NotFound))
                .collect()
        })
    }

    /// Events matching the query, newest first, one page at a time;
    /// `InvalidInput { field: "limit" }` for a page size outside 1–500.
    pub fn list_events(&self, query: EventQuery) -> Result<EventPage> {
        let (offset, limit) = page(query.offset, query.limit)?;
        self.with_session(|_, session| {
            let matches: Vec<&Entry> = session
                .index
                .ledger
                .newest_first(query.from, query.until)
                .filter(|entry| matches_query(entry, &query))
                .collect();
            let (entries, next_offset, total) = paginate(matches, offset, limit);
            Ok(EventPage {
                events: entries.into_iter().filter_map(Entry::event).collect(),
                total,
                next_offset,
            })
        })
    }

    /// Quick log: they tried to reach me. Details can be added later with
    /// `amend_event`. `InvalidInput { field: "person_id" }` unless it names
    /// a live, unarchived person.
    pub fn quick_log_attempt(
        &self,
        person_id: String,
        channel: Channel,
        utc_offset_seconds: i32,
    ) -> Result<Event> {
        let body = quick::attempt_body(person_id, channel);
        self.quick(body, utc_offset_seconds)
    }

    /// Quick log: an urge and how it ended. `intensity` is 0–10 and
    /// `ReachedOut` needs a channel, so it is refused here
    /// (`InvalidInput { field: "reached_out_via" }`): log it with
    /// `log_event`.
    pub fn quick_log_urge(
        &self,
        intensity: u8,
        outcome: UrgeOutcome,
        utc_offset_seconds: i32,
    ) -> Result<Event> {
        let body = quick::urge_body(intensity, None, outcome);
        self.quick(body, utc_offset_seconds)
    }

    /// Quick log: I was in contact. `InvalidInput { field: "person_id" }`
    /// unless it names a live, unarchived person.
    pub fn quick_log_contact(
        &self,
        person_id: String,
        channel: Channel,
        initiated_by: Initiator,
        utc_offset_seconds: i32,
    ) -> Result<Event> {
        let body = EventBody::MyContact {
            contact: MyContact {
                person_id,
                channel,
                initiated_by,
                crossed_boundary_ids: Vec::new(),
                note: String::new(),
            },
        };
        self.quick(body, utc_offset_seconds)
    }

    /// Quick log: a mood check-in, `mood` 1–5 (otherwise
    /// `InvalidInput { field: "mood" }`).
    pub fn quick_check_in(&self, mood: u8, utc_offset_seconds: i32) -> Result<Event> {
        let body = quick::check_in_body(mood);
        self.quick(body, utc_offset_seconds)
    }
}

impl Vault {
    fn quick(&self, body: EventBody, utc_offset_seconds: i32) -> Result<Event> {
        self.log_event(NewEvent {
            at: None,
            utc_offset_seconds,
            body,
        })
        .map(|logged| logged.event)
    }
}

fn create(at: SystemTime, utc_offset_seconds: i32, body: EventBody) -> LedgerOp {
    LedgerOp::Create {
        at,
        utc_offset_seconds,
        content: EntryBody::Event {
            body,
            locked: false,
        },
    }
}

/// For an urge that reached out, the my-contact event it implies.
fn reached_out_contact(body: &EventBody) -> Option<EventBody> {
    let EventBody::Urge { urge } = body else {
        return None;
    };
    match (urge.outcome, urge.reached_out_via, &urge.person_id) {
        (UrgeOutcome::ReachedOut, Some(channel), Some(person_id)) => Some(EventBody::MyContact {
            contact: MyContact {
                person_id: person_id.clone(),
                channel,
                initiated_by: Initiator::Me,
                crossed_boundary_ids: Vec::new(),
                note: String::new(),
            },
        }),
        _ => None,
    }
}

fn check_refs(session: &Session, body: &EventBody) -> Result<()> {
    body.references()
        .into_iter()
        .try_for_each(|(field, kind, id)| check_ref(&session.index, field, kind, id))
}

pub(crate) fn live_event(session: &Session, id: &str) -> Result<Event> {
    session
        .index
        .ledger
        .live(id)
        .and_then(Entry::event)
        .ok_or_else(|| session.index.missing(id))
}

fn matches_query(entry: &Entry, query: &EventQuery) -> bool {
    let Some(rev) = entry.latest() else {
        return false;
    };
    let EntryBody::Event { body, .. } = &rev.content else {
        return false;
    };
    (query.kinds.is_empty() || query.kinds.contains(&body.kind()))
        && (query.person_id.is_none() || body.person_id() == query.person_id.as_deref())
        && query.from.is_none_or(|from| rev.at >= from)
        && query.until.is_none_or(|until| rev.at < until)
}

/// Overwrites every revision of an entry with a `Removed` record (same id,
/// same sequence number, no content) and appends a `Redact` mark, in one
/// transaction.
pub(crate) fn redact(
    conn: &mut rusqlite::Connection,
    session: &mut Session,
    id: &str,
) -> Result<()> {
    let now = time::now();
    let entry = session.index.ledger.live(id).ok_or(VaultError::NotFound)?;
    let removed: Vec<(RecordId, Record)> = entry
        .revisions
        .iter()
        .map(|rev| {
            // The overwritten record keeps its place in the chain: its
            // sequence number, the link before it and its digest.
            let link = session.index.ledger.link_of(rev.seq, rev.record_id);
            (
                rev.record_id,
                Record::Ledger(crate::domain::entries::LedgerRecord {
                    seq: rev.seq,
                    entry_id: id.to_owned(),
                    recorded_at: rev.recorded_at,
                    op: LedgerOp::Removed,
                    prev: link.and_then(|l| l.prev),
                    digest: link.and_then(|l| l.digest),
                }),
            )
        })
        .collect();
    let redact = vec![(Some(id.to_owned()), LedgerOp::Redact)];
    session.append(conn, redact, removed, now)?;
    crate::store::checkpoint(conn);
    Ok(())
}

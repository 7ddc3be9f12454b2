//! The CSV export of the event log (see `crate::export::csv`).

use std::time::SystemTime;

use crate::domain::entries::{Entry, EntryBody};
use crate::domain::events::EventKind;
use crate::export::csv::{self, EventRow, Names};
use crate::vault::Vault;
use crate::{Result, VaultError};

/// Which events go into a CSV export. The default: every event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CsvQuery {
    /// The kinds to include; all when empty.
    pub kinds: Vec<EventKind>,
    /// Only events about this person.
    pub person_id: Option<String>,
    /// Only events at or after this instant.
    pub from: Option<SystemTime>,
    /// Only events before this instant.
    pub until: Option<SystemTime>,
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Vault {
    /// The events matching `query` as CSV, oldest first, with a header row
    /// (the columns are in `CSV_COLUMNS` and the README). Reflections are
    /// not included. `InvalidInput { field: "until" }` if `until` is not
    /// after `from`.
    pub fn export_csv(&self, query: CsvQuery) -> Result<String> {
        if let (Some(from), Some(until)) = (query.from, query.until) {
            if until <= from {
                return Err(VaultError::invalid("until"));
            }
        }
        self.with_session(|_, session| {
            let index = &session.index;
            let names = Names {
                people: &index.people,
                triggers: &index.triggers,
                boundaries: &index.boundaries,
            };
            let mut entries: Vec<&Entry> =
                index.ledger.newest_first(query.from, query.until).collect();
            entries.reverse();
            let rows = entries.into_iter().filter_map(|entry| {
                let rev = entry.latest()?;
                let EntryBody::Event { body, .. } = &rev.content else {
                    return None;
                };
                let wanted = (query.kinds.is_empty() || query.kinds.contains(&body.kind()))
                    && (query.person_id.is_none()
                        || body.person_id() == query.person_id.as_deref());
                wanted.then(|| {
                    csv::row(
                        &EventRow {
                            id: &entry.id,
                            at: rev.at,
                            utc_offset_seconds: rev.utc_offset_seconds,
                            revision: rev.revision,
                            body,
                        },
                        &names,
                    )
                })
            });
            Ok(csv::text(rows))
        })
    }
}

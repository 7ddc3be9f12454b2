//! Reading a space out of the file at unlock: every row is opened on as
//! many threads as the device offers, and sorted into this space's records
//! (with their chain digests), damaged rows, drops waiting to be folded in,
//! and rows that belong to the other space.
//!
//! The real space knows the cover space's key and the drop box's, so a row
//! that opens under neither of its keys is damaged. A cover space knows
//! neither: a row it cannot open is simply not its own, so nothing it
//! reports (counts, damage) hints at the real space.

use std::collections::BTreeSet;

use rusqlite::Connection;

use crate::chain::{self, Hash};
use crate::crypto::dropbox::DropSecret;
use crate::crypto::seal::SealKey;
use crate::locked::Dropped;
use crate::memory::Index;
use crate::record::{Record, RecordId};
use crate::store;
use crate::{Result, VaultError};

/// At most this many threads open records at unlock.
const LOAD_THREADS_MAX: usize = 4;
/// Below this many records per thread, one thread does it all.
const LOAD_CHUNK_MIN: usize = 2_000;

/// The keys a space opens rows with.
#[derive(Clone, Copy)]
pub(crate) struct Keys<'a> {
    pub(crate) seal: &'a SealKey,
    /// The cover space's key, known to the real space.
    pub(crate) cover: Option<&'a SealKey>,
    /// The drop box's private key, known to the real space.
    pub(crate) drop: Option<&'a DropSecret>,
    pub(crate) is_cover: bool,
}

/// What one row is to this space. Short-lived (moved into its list as soon
/// as it is made), so the large variant is not boxed.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Row {
    Own(RecordId, Record, Option<Hash>),
    Damaged,
    Dropped(RecordId, Dropped),
    Foreign,
}

impl Keys<'_> {
    pub(crate) fn classify(&self, id_bytes: &[u8], blob: &[u8]) -> Row {
        let Some(id) = RecordId::from_bytes(id_bytes) else {
            return self.not_mine();
        };
        if let Ok(plain) = Record::open_plaintext(self.seal, id, blob) {
            let parsed = serde_json::from_slice::<Record>(&plain)
                .map_err(|_| VaultError::Corrupt)
                .and_then(|record| {
                    // Digests are computed here, on the loading threads.
                    let digest = match &record {
                        Record::Ledger(entry) => chain::record_digest(entry)?,
                        _ => None,
                    };
                    Ok((record, digest))
                });
            return match parsed {
                Ok((record, digest)) => Row::Own(id, record, digest),
                Err(_) => Row::Damaged,
            };
        }
        if let Some(cover) = self.cover {
            if Record::open_plaintext(cover, id, blob).is_ok() {
                return Row::Foreign;
            }
        }
        if let Some(secret) = self.drop {
            // A row the drop box opens but that does not parse is damaged.
            return match Dropped::open(secret, &id.0, blob) {
                Ok(dropped) => Row::Dropped(id, dropped),
                Err(_) => self.not_mine(),
            };
        }
        self.not_mine()
    }

    fn not_mine(&self) -> Row {
        if self.is_cover {
            Row::Foreign
        } else {
            Row::Damaged
        }
    }

    /// The raw ids of every row this space owns, damaged ones included:
    /// what replacing the space's content deletes.
    pub(crate) fn own_row_ids(&self, conn: &Connection) -> Result<Vec<Vec<u8>>> {
        let mut ids = Vec::new();
        store::for_each_record(conn, |id, blob| {
            if matches!(self.classify(id, blob), Row::Own(..) | Row::Damaged) {
                ids.push(id.to_vec());
            }
        })?;
        Ok(ids)
    }
}

/// One space as read from the file.
pub(crate) struct Loaded {
    pub(crate) index: Index,
    /// Drops waiting to be folded in, in no particular order.
    pub(crate) dropped: Vec<(RecordId, Dropped)>,
    /// Rows that are not this space's.
    pub(crate) foreign: u64,
}

/// What one loading thread opened.
#[derive(Default)]
struct Opened {
    records: Vec<(RecordId, Record, Option<Hash>)>,
    damaged: Vec<Vec<u8>>,
    dropped: Vec<(RecordId, Dropped)>,
    foreign: u64,
}

fn open_rows(keys: Keys<'_>, rows: &[(Vec<u8>, Vec<u8>)]) -> Opened {
    let mut out = Opened::default();
    for (id, blob) in rows {
        match keys.classify(id, blob) {
            Row::Own(id, record, digest) => out.records.push((id, record, digest)),
            Row::Damaged => out.damaged.push(id.clone()),
            Row::Dropped(id, dropped) => out.dropped.push((id, dropped)),
            Row::Foreign => out.foreign += 1,
        }
    }
    out
}

/// Reads every sealed record, then opens and parses them on as many
/// threads as the device offers (up to four): opening is independent per
/// record, and a phone has cores to spare at unlock.
pub(crate) fn load(conn: &Connection, keys: Keys<'_>) -> Result<Loaded> {
    let mut rows: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    store::for_each_record(conn, |id, blob| rows.push((id.to_vec(), blob.to_vec())))?;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, LOAD_THREADS_MAX);
    let chunk = rows.len().div_ceil(threads).max(LOAD_CHUNK_MIN);
    let opened: Vec<Opened> = std::thread::scope(|scope| {
        // A thread the system refuses to start does its part right here.
        let workers: Vec<_> = rows
            .chunks(chunk)
            .map(|part| {
                std::thread::Builder::new()
                    .spawn_scoped(scope, move || open_rows(keys, part))
                    .map_err(|_| open_rows(keys, part))
            })
            .collect();
        workers
            .into_iter()
            .map(|w| match w {
                Ok(handle) => handle.join().unwrap_or_default(),
                Err(done_here) => done_here,
            })
            .collect()
    });
    let mut records = Vec::with_capacity(rows.len());
    let mut damaged = BTreeSet::new();
    let mut dropped = Vec::new();
    let mut foreign = 0;
    for part in opened {
        records.extend(part.records);
        damaged.extend(part.damaged);
        dropped.extend(part.dropped);
        foreign += part.foreign;
    }
    // A worker that panicked (it cannot, but if it did) left its rows
    // out; they are reported as damaged rather than silently missing.
    let seen = records.len() + damaged.len() + dropped.len() + foreign as usize;
    if seen < rows.len() {
        let known: BTreeSet<RecordId> = records
            .iter()
            .map(|(r, _, _)| *r)
            .chain(dropped.iter().map(|(r, _)| *r))
            .collect();
        for (id, _) in &rows {
            if RecordId::from_bytes(id).is_none_or(|rid| !known.contains(&rid)) {
                damaged.insert(id.clone());
            }
        }
    }
    Ok(Loaded {
        index: Index::build(records, damaged),
        dropped,
        foreign,
    })
}

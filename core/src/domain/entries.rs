//! The append-only log behind events and reflections.
//!
//! Every change is a new ledger record with the next sequence number: a
//! `Create`, an `Amend` that points at the entry and carries the whole new
//! content (the earlier revisions stay), or a `Redact`. Nothing is
//! overwritten in place; the tamper-evident chain over these records is
//! built on this shape.

use std::collections::btree_map::Entry as Slot;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Bound;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use super::events::{Event, EventBody};
use super::reflections::{Reflection, ReflectionBody};
use crate::chain::verify::{self, ChainReport, Head, Link};
use crate::chain::{self, Hash, GENESIS};
use crate::record::RecordId;
use crate::time;

/// What a ledger entry holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum EntryBody {
    Event {
        body: EventBody,
        /// Logged while the vault was locked (a quick entry from a widget,
        /// a notification action or a shortcut). Part of the digest only
        /// when true, so entries logged otherwise keep their digests.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        #[zeroize(skip)]
        locked: bool,
    },
    Reflection {
        body: ReflectionBody,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum LedgerOp {
    Create {
        #[zeroize(skip)]
        #[serde(with = "time::millis")]
        at: SystemTime,
        utc_offset_seconds: i32,
        content: EntryBody,
    },
    Amend {
        revision: u32,
        #[zeroize(skip)]
        #[serde(with = "time::millis")]
        at: SystemTime,
        utc_offset_seconds: i32,
        content: EntryBody,
    },
    /// Marks the entry as deleted. Its earlier records are overwritten with
    /// `Removed`, which keeps their place in the sequence and nothing else.
    Redact,
    /// What a `Create` or `Amend` record becomes when its entry is deleted.
    Removed,
}

/// One sealed ledger record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
pub(crate) struct LedgerRecord {
    pub(crate) seq: u64,
    /// The entry's id: the record id of its `Create`.
    pub(crate) entry_id: String,
    #[zeroize(skip)]
    #[serde(with = "time::millis")]
    pub(crate) recorded_at: SystemTime,
    pub(crate) op: LedgerOp,
    /// The chain's link after the record before this one (`None` only in
    /// records written before the chain existed; they are adopted at unlock).
    #[zeroize(skip)]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "chain::hex_opt"
    )]
    pub(crate) prev: Option<Hash>,
    /// A `Removed` record keeps the digest its content had.
    #[zeroize(skip)]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "chain::hex_opt"
    )]
    pub(crate) digest: Option<Hash>,
}

/// One revision of an entry.
#[derive(Debug, Clone, Zeroize)]
pub(crate) struct Revision {
    pub(crate) revision: u32,
    pub(crate) seq: u64,
    #[zeroize(skip)]
    pub(crate) at: SystemTime,
    pub(crate) utc_offset_seconds: i32,
    #[zeroize(skip)]
    pub(crate) recorded_at: SystemTime,
    pub(crate) content: EntryBody,
    #[zeroize(skip)]
    pub(crate) record_id: RecordId,
}

/// An entry with every revision, as built from its ledger records.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) id: String,
    pub(crate) seq: u64,
    pub(crate) revisions: Vec<Revision>,
    pub(crate) redacted_at: Option<SystemTime>,
}

impl Entry {
    fn is_live(&self) -> bool {
        self.redacted_at.is_none() && !self.revisions.is_empty()
    }

    pub(crate) fn latest(&self) -> Option<&Revision> {
        self.revisions.last()
    }

    fn first_recorded(&self) -> SystemTime {
        self.revisions
            .first()
            .map_or(SystemTime::UNIX_EPOCH, |r| r.recorded_at)
    }

    pub(crate) fn event_at(&self, index: usize) -> Option<Event> {
        let rev = self.revisions.get(index)?;
        match &rev.content {
            EntryBody::Event { body, locked } => Some(Event {
                id: self.id.clone(),
                logged_while_locked: *locked,
                kind: body.kind(),
                at: rev.at,
                utc_offset_seconds: rev.utc_offset_seconds,
                recorded_at: self.first_recorded(),
                revision: rev.revision,
                amended_at: (rev.revision > 0).then_some(rev.recorded_at),
                body: body.clone(),
            }),
            EntryBody::Reflection { .. } => None,
        }
    }

    pub(crate) fn reflection_at(&self, index: usize) -> Option<Reflection> {
        let rev = self.revisions.get(index)?;
        match &rev.content {
            EntryBody::Reflection { body } => Some(Reflection {
                id: self.id.clone(),
                at: rev.at,
                utc_offset_seconds: rev.utc_offset_seconds,
                recorded_at: self.first_recorded(),
                revision: rev.revision,
                amended_at: (rev.revision > 0).then_some(rev.recorded_at),
                body: body.clone(),
            }),
            EntryBody::Event { .. } => None,
        }
    }

    /// The ledger record of revision `index`, as it was written.
    pub(crate) fn ledger_record(&self, index: usize) -> Option<LedgerRecord> {
        let rev = self.revisions.get(index)?;
        let op = match rev.revision {
            0 => LedgerOp::Create {
                at: rev.at,
                utc_offset_seconds: rev.utc_offset_seconds,
                content: rev.content.clone(),
            },
            revision => LedgerOp::Amend {
                revision,
                at: rev.at,
                utc_offset_seconds: rev.utc_offset_seconds,
                content: rev.content.clone(),
            },
        };
        Some(LedgerRecord {
            seq: rev.seq,
            entry_id: self.id.clone(),
            recorded_at: rev.recorded_at,
            op,
            prev: None,
            digest: None,
        })
    }

    pub(crate) fn event(&self) -> Option<Event> {
        self.event_at(self.revisions.len().checked_sub(1)?)
    }

    pub(crate) fn reflection(&self) -> Option<Reflection> {
        self.reflection_at(self.revisions.len().checked_sub(1)?)
    }
}

/// Every ledger entry, by id, plus the next sequence number.
#[derive(Debug, Default)]
pub(crate) struct Ledger {
    /// By entry id (the raw bytes of the `Create` record's id): hashing
    /// 16 bytes beats ordering hex strings when 100,000 load at unlock.
    entries: HashMap<RecordId, Entry>,
    /// Ledger records that could not be placed (an amendment without its
    /// entry, a repeated sequence number): kept out of the lists, counted.
    pub(crate) orphans: u64,
    pub(crate) next_seq: u64,
    /// Live entries by the time they happened (latest revision), for range
    /// queries: `(at, entry seq, entry id)`.
    timeline: BTreeSet<(SystemTime, u64, RecordId)>,
    /// Every record's place in the chain, by sequence number, with the id
    /// of the row holding it.
    links: BTreeMap<u64, (RecordId, Link)>,
    /// More records under a sequence number already taken (never in a
    /// sound file): kept to be reported.
    extra: BTreeMap<u64, Vec<(RecordId, Link)>>,
    /// Records holding content of an entry that was deleted (replayed).
    replayed: BTreeSet<u64>,
    /// The link after the newest record: what the next record commits to.
    pub(crate) tip: Hash,
    /// The head as last written to the file, and the row holding it.
    pub(crate) recorded_head: Option<(RecordId, Head)>,
}

impl Ledger {
    /// Builds the ledger from records in any order, each with its digest
    /// (computed where the record was opened; see `chain::record_digest`).
    pub(crate) fn build(
        mut records: Vec<(RecordId, LedgerRecord, Option<Hash>)>,
        head: Option<(RecordId, Head)>,
    ) -> Self {
        records.sort_unstable_by_key(|(_, r, _)| r.seq);
        let mut ledger = Ledger {
            recorded_head: head,
            ..Ledger::default()
        };
        for (id, record, digest) in records {
            ledger.apply(id, record, digest);
        }
        ledger.tip = ledger.check().1;
        ledger
    }

    /// Checks the chain; returns the report and the computed head.
    pub(crate) fn check(&self) -> (ChainReport, Hash) {
        let slots = self.links.iter().map(|(seq, (_, link))| {
            let more = self.extra.get(seq).map_or(0, Vec::len);
            (*seq, *link, 1 + more)
        });
        verify::check(slots, &self.replayed, self.recorded_head.map(|(_, h)| h))
    }

    /// The digest of the record at `seq`, when exactly one record has it.
    pub(crate) fn digest_at(&self, seq: u64) -> Option<Hash> {
        match self.links.get(&seq) {
            Some((_, link)) if !self.extra.contains_key(&seq) => link.digest,
            _ => None,
        }
    }

    /// Whether the ledger was written before the chain existed: records
    /// without links and no recorded head.
    pub(crate) fn is_unchained(&self) -> bool {
        self.recorded_head.is_none()
            && !self.links.is_empty()
            && self
                .links
                .values()
                .chain(self.extra.values().flatten())
                .all(|(_, link)| link.prev.is_none())
    }

    /// The chain's links by count: element `n` is the link after the first
    /// `n` records, as the record at `n` states it (`None` where that record
    /// is missing or repeated); the last element is the tip.
    pub(crate) fn links_by_count(&self) -> Vec<Option<Hash>> {
        let mut out: Vec<Option<Hash>> = (0..self.next_seq)
            .map(|seq| match self.links.get(&seq) {
                Some((_, link)) if !self.extra.contains_key(&seq) => link.prev,
                _ => None,
            })
            .collect();
        out.push(Some(self.tip));
        out
    }

    /// What the chain knows of the record stored under `record_id` at `seq`.
    pub(crate) fn link_of(&self, seq: u64, record_id: RecordId) -> Option<Link> {
        let first = self.links.get(&seq).into_iter();
        first
            .chain(self.extra.get(&seq).into_iter().flatten())
            .find(|(id, _)| *id == record_id)
            .map(|(_, link)| *link)
    }

    /// The chain's length and computed head, for a record that follows.
    pub(crate) fn chain_tip(&self) -> (u64, Hash) {
        (self.next_seq, self.tip)
    }

    /// Adds one record, in sequence order, with its digest.
    pub(crate) fn apply(
        &mut self,
        record_id: RecordId,
        record: LedgerRecord,
        digest: Option<Hash>,
    ) {
        let link = Link {
            digest,
            prev: record.prev,
        };
        match self.links.entry(record.seq) {
            Slot::Vacant(slot) => {
                slot.insert((record_id, link));
            }
            // A record overwritten in place (a redaction) keeps its place.
            Slot::Occupied(mut slot) if slot.get().0 == record_id => slot.get_mut().1 = link,
            Slot::Occupied(_) => {
                let more = self.extra.entry(record.seq).or_default();
                match more.iter_mut().find(|(id, _)| *id == record_id) {
                    Some(existing) => existing.1 = link,
                    None => more.push((record_id, link)),
                }
            }
        }
        let Ok(key) = RecordId::parse(&record.entry_id) else {
            self.orphans += 1;
            return;
        };
        if record.op == LedgerOp::Removed {
            // Overwritten content keeps its old sequence number.
            self.next_seq = self.next_seq.max(record.seq.saturating_add(1));
            let LedgerRecord { seq, entry_id, .. } = record;
            let entry = self.entries.entry(key).or_insert(Entry {
                id: entry_id,
                seq,
                revisions: Vec::new(),
                redacted_at: None,
            });
            if let Some(at) = entry
                .revisions
                .iter()
                .position(|r| r.record_id == record_id)
            {
                // The timeline follows the latest revision that is left.
                if let Some(latest) = entry.latest() {
                    self.timeline.remove(&(latest.at, entry.seq, key));
                }
                let mut gone = entry.revisions.remove(at);
                gone.zeroize();
                if let (Some(latest), None) = (entry.latest(), entry.redacted_at) {
                    self.timeline.insert((latest.at, entry.seq, key));
                }
            }
            return;
        }
        if record.seq < self.next_seq {
            self.orphans += 1;
            return;
        }
        self.next_seq = record.seq.saturating_add(1);
        if let (Some(prev), Some(digest)) = (record.prev, digest) {
            self.tip = chain::link(&prev, &digest);
        }
        let LedgerRecord {
            seq,
            entry_id,
            recorded_at,
            op,
            ..
        } = record;
        match op {
            LedgerOp::Create {
                at,
                utc_offset_seconds,
                content,
            } => {
                if self.entries.contains_key(&key) {
                    self.orphans += 1;
                    return;
                }
                self.timeline.insert((at, seq, key));
                self.entries.insert(
                    key,
                    Entry {
                        id: entry_id,
                        seq,
                        revisions: vec![Revision {
                            revision: 0,
                            seq,
                            at,
                            utc_offset_seconds,
                            recorded_at,
                            content,
                            record_id,
                        }],
                        redacted_at: None,
                    },
                );
            }
            LedgerOp::Amend {
                revision,
                at,
                utc_offset_seconds,
                content,
            } => match self.entries.get_mut(&key) {
                Some(entry)
                    if entry.redacted_at.is_none()
                        && revision as usize == entry.revisions.len() =>
                {
                    if let Some(old) = entry.latest() {
                        self.timeline.remove(&(old.at, entry.seq, key));
                    }
                    self.timeline.insert((at, entry.seq, key));
                    entry.revisions.push(Revision {
                        revision,
                        seq,
                        at,
                        utc_offset_seconds,
                        recorded_at,
                        content,
                        record_id,
                    });
                }
                _ => self.orphans += 1,
            },
            LedgerOp::Redact => match self.entries.get_mut(&key) {
                Some(entry) if entry.redacted_at.is_none() => {
                    if let Some(old) = entry.latest() {
                        self.timeline.remove(&(old.at, entry.seq, key));
                    }
                    // Its records were overwritten before this one was
                    // written; content still here came back from a copy.
                    self.replayed.extend(entry.revisions.iter().map(|r| r.seq));
                    entry.redacted_at = Some(recorded_at);
                    for rev in &mut entry.revisions {
                        rev.zeroize();
                    }
                    entry.revisions.clear();
                }
                _ => self.orphans += 1,
            },
            LedgerOp::Removed => {}
        }
    }

    /// A live entry: not redacted, with content.
    pub(crate) fn live(&self, id: &str) -> Option<&Entry> {
        let key = RecordId::parse(id).ok()?;
        self.entries.get(&key).filter(|e| e.is_live())
    }

    pub(crate) fn live_entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.values().filter(|e| e.is_live())
    }

    /// Live entries that happened in `[from, until)`, newest first.
    pub(crate) fn newest_first(
        &self,
        from: Option<SystemTime>,
        until: Option<SystemTime>,
    ) -> impl Iterator<Item = &Entry> {
        let lower = match from {
            Some(t) => Bound::Included((t, 0, RecordId([0; 16]))),
            None => Bound::Unbounded,
        };
        let upper = match until {
            Some(t) => Bound::Excluded((t, 0, RecordId([0; 16]))),
            None => Bound::Unbounded,
        };
        // `range` panics when its start is after its end: a window that ends
        // before it starts holds nothing.
        let backwards = matches!((from, until), (Some(f), Some(u)) if f > u);
        let (lower, upper, take) = if backwards {
            (Bound::Unbounded, Bound::Unbounded, 0)
        } else {
            (lower, upper, usize::MAX)
        };
        self.timeline
            .range((lower, upper))
            .rev()
            .take(take)
            .filter_map(|(_, _, id)| self.entries.get(id))
    }

    pub(crate) fn wipe(&mut self) {
        for entry in self.entries.values_mut() {
            entry.id.zeroize();
            for rev in &mut entry.revisions {
                rev.zeroize();
            }
        }
        self.entries.clear();
        self.timeline.clear();
        self.links.clear();
        self.extra.clear();
        self.tip = GENESIS;
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::events::CheckIn;
    use proptest::prelude::*;

    /// A check-in's content, for tests here and in the chain's.
    pub(crate) fn check_in(mood: u8) -> EntryBody {
        EntryBody::Event {
            body: EventBody::CheckIn {
                check_in: CheckIn {
                    mood,
                    energy: None,
                    note: String::new(),
                    tags: Vec::new(),
                },
            },
            locked: false,
        }
    }

    /// Turns a script of (op kind, target, value) into ledger records, as
    /// the vault would write them, in sequence order.
    /// ... chained as the vault chains them, each with its digest.
    fn records(script: &[(u8, usize, u8)]) -> Vec<(RecordId, LedgerRecord, Option<Hash>)> {
        let mut out = Vec::new();
        let mut tip = GENESIS;
        let mut live: Vec<(String, u32)> = Vec::new();
        for (seq, &(op, target, value)) in script.iter().enumerate() {
            let id = RecordId([seq as u8; 16]);
            let at = time::from_millis(1_700_000_000_000 + i64::from(value) * 60_000);
            let (entry_id, op) = match (op % 3, live.is_empty()) {
                (0, _) | (_, true) => {
                    live.push((id.to_hex(), 0));
                    (
                        id.to_hex(),
                        LedgerOp::Create {
                            at,
                            utc_offset_seconds: 0,
                            content: check_in(value % 5 + 1),
                        },
                    )
                }
                (1, false) => {
                    let slot = target % live.len();
                    live[slot].1 += 1;
                    (
                        live[slot].0.clone(),
                        LedgerOp::Amend {
                            revision: live[slot].1,
                            at,
                            utc_offset_seconds: 0,
                            content: check_in(value % 5 + 1),
                        },
                    )
                }
                _ => {
                    let (entry, _) = live.remove(target % live.len());
                    (entry, LedgerOp::Redact)
                }
            };
            let record = LedgerRecord {
                seq: seq as u64,
                entry_id,
                recorded_at: at,
                op,
                prev: Some(tip),
                digest: None,
            };
            let digest = chain::record_digest(&record).unwrap();
            tip = chain::link(&tip, &digest.unwrap());
            if record.op == LedgerOp::Redact {
                // As the vault does: the entry's records become `Removed`.
                for (_, old, old_digest) in out.iter_mut() {
                    let old: &mut LedgerRecord = old;
                    if old.entry_id == record.entry_id {
                        old.op = LedgerOp::Removed;
                        old.digest = *old_digest;
                    }
                }
            }
            out.push((id, record, digest));
        }
        out
    }

    fn summary(ledger: &Ledger) -> Vec<(String, usize, Option<SystemTime>)> {
        ledger
            .newest_first(None, None)
            .map(|e| (e.id.clone(), e.revisions.len(), e.latest().map(|r| r.at)))
            .collect()
    }

    proptest! {
        /// The order records come out of storage never changes the ledger.
        #[test]
        fn storage_order_does_not_matter(
            script in proptest::collection::vec((0u8..3, 0usize..50, 0u8..200), 1..60),
            seed in any::<u64>(),
        ) {
            let in_order = records(&script);
            let mut shuffled = in_order.clone();
            // A deterministic shuffle from the seed.
            let mut state = seed | 1;
            for i in (1..shuffled.len()).rev() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                shuffled.swap(i, (state % (i as u64 + 1)) as usize);
            }
            let mut applied = Ledger::default();
            for (id, r, digest) in in_order.clone() {
                applied.apply(id, r, digest);
            }
            let head = Head { count: in_order.len() as u64, head: applied.tip };
            let built = Ledger::build(shuffled, Some((RecordId([0xee; 16]), head)));
            prop_assert_eq!(summary(&built), summary(&applied));
            // The chain verifies whatever order the records were read in.
            let (report, computed) = built.check();
            prop_assert!(report.intact, "{:?}", report.issues);
            prop_assert_eq!(computed, applied.tip);
            prop_assert_eq!(built.orphans, 0);
            prop_assert_eq!(built.next_seq, in_order.len() as u64);
            // The timeline holds exactly the live entries, newest first.
            let live = built.live_entries().count();
            prop_assert_eq!(summary(&built).len(), live);
            let times: Vec<_> = summary(&built).into_iter().map(|(_, _, at)| at).collect();
            prop_assert!(times.windows(2).all(|w| w[0] >= w[1]));
        }
    }

    #[test]
    fn a_redaction_in_session_leaves_the_timeline_and_the_chain_whole() {
        // Two entries, the first amended; then the first deleted the way the
        // vault deletes it: its records overwritten by `Removed`, then `Redact`.
        let script = records(&[(0, 0, 1), (0, 0, 2), (1, 0, 3)]);
        let mut ledger = Ledger::default();
        for (id, r, digest) in script.clone() {
            ledger.apply(id, r, digest);
        }
        let first = script[0].1.entry_id.clone();
        let mut tip = ledger.tip;
        for (id, r, digest) in script.iter().filter(|(_, r, _)| r.entry_id == first) {
            let removed = LedgerRecord {
                op: LedgerOp::Removed,
                digest: *digest,
                ..r.clone()
            };
            ledger.apply(*id, removed, *digest);
        }
        let redact = LedgerRecord {
            seq: 3,
            entry_id: first.clone(),
            recorded_at: time::from_millis(1_700_000_000_000),
            op: LedgerOp::Redact,
            prev: Some(tip),
            digest: None,
        };
        let digest = chain::record_digest(&redact).unwrap();
        tip = chain::link(&tip, &digest.unwrap());
        ledger.apply(RecordId([0xaa; 16]), redact, digest);
        assert_eq!(ledger.newest_first(None, None).count(), 1);
        assert_eq!(ledger.live_entries().count(), 1);
        assert!(ledger.live(&first).is_none());
        ledger.recorded_head = Some((
            RecordId([0xbb; 16]),
            Head {
                count: 4,
                head: tip,
            },
        ));
        let (report, computed) = ledger.check();
        assert!(report.intact, "{:?}", report.issues);
        assert_eq!(computed, tip);
    }

    #[test]
    fn an_amendment_without_its_entry_is_an_orphan() {
        let mut script = records(&[(0, 0, 1), (1, 0, 2)]);
        script.remove(0);
        let ledger = Ledger::build(script, None);
        assert_eq!(ledger.orphans, 1);
        assert_eq!(ledger.live_entries().count(), 0);
    }

    #[test]
    fn a_repeated_sequence_number_is_an_orphan() {
        let mut script = records(&[(0, 0, 1), (0, 0, 2)]);
        script[1].1.seq = 0;
        let ledger = Ledger::build(script, None);
        assert_eq!(ledger.orphans, 1);
        assert_eq!(ledger.live_entries().count(), 1);
    }
}

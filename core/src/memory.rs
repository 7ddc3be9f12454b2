//! The in-memory index of an unlocked vault: every record, opened and
//! sorted by kind, for queries. Built at unlock, wiped at lock.

use std::collections::{BTreeMap, BTreeSet};

use zeroize::Zeroize;

use crate::access::AccessLog;
use crate::chain::verify::Head;
use crate::chain::{self, Hash, StoredCheckpoint};
use crate::domain::boundaries::Boundary;
use crate::domain::entries::{EntryBody, Ledger};
use crate::domain::events::RefKind;
use crate::domain::people::Person;
use crate::domain::reflections::ReflectionKind;
use crate::domain::safety_plan::SafetyPlanVersion;
use crate::domain::triggers::Trigger;
use crate::insights::reminders::ReminderSettings;
use crate::note::Note;
use crate::reasons::{MyReason, Prompt};
use crate::record::{Record, RecordId};
use crate::VaultError;

#[derive(Default)]
pub(crate) struct Index {
    pub(crate) people: BTreeMap<String, Person>,
    pub(crate) boundaries: BTreeMap<String, Boundary>,
    pub(crate) triggers: BTreeMap<String, Trigger>,
    pub(crate) reasons: BTreeMap<String, MyReason>,
    pub(crate) prompts: BTreeMap<String, Prompt>,
    /// Every saved version of the safety plan, oldest first.
    pub(crate) plans: Vec<SafetyPlanVersion>,
    pub(crate) ledger: Ledger,
    /// The reminder settings and the record they are stored in.
    pub(crate) reminders: Option<(RecordId, ReminderSettings)>,
    /// Notes from the foundation's placeholder kind, waiting to be migrated.
    pub(crate) legacy_notes: Vec<(RecordId, Note)>,
    /// Checkpoints made, oldest first, and the records holding them.
    pub(crate) checkpoints: Vec<(RecordId, StoredCheckpoint)>,
    /// The access log and the record it is stored in.
    pub(crate) access: Option<(RecordId, AccessLog)>,
    /// Raw ids of records that failed to authenticate or to parse.
    pub(crate) damaged: BTreeSet<Vec<u8>>,
}

impl Index {
    /// Builds the index from opened records, in any order; ledger records
    /// come with their digests.
    pub(crate) fn build(
        records: Vec<(RecordId, Record, Option<Hash>)>,
        damaged: BTreeSet<Vec<u8>>,
    ) -> Self {
        let mut index = Index {
            damaged,
            ..Index::default()
        };
        let mut ledger = Vec::new();
        let mut head: Option<(RecordId, Head)> = None;
        for (id, record, digest) in records {
            match record {
                Record::Ledger(entry) => ledger.push((id, entry, digest)),
                Record::ChainHead(h) => {
                    // Two heads cannot both be current: the longer one wins,
                    // and the check reports whatever disagrees with it.
                    if head.is_none_or(|(_, old)| old.count < h.count) {
                        head = Some((
                            id,
                            Head {
                                count: h.count,
                                head: h.head,
                            },
                        ));
                    }
                }
                other => index.put(id, other),
            }
        }
        index.ledger = Ledger::build(ledger, head);
        index.plans.sort_by_key(|p| p.version);
        index
    }

    /// Adds or replaces one record.
    pub(crate) fn put(&mut self, id: RecordId, record: Record) {
        let key = id.to_hex();
        match record {
            Record::Note(note) => self.legacy_notes.push((id, note)),
            Record::Person(p) => replace(&mut self.people, key, p),
            Record::Boundary(b) => replace(&mut self.boundaries, key, b),
            Record::Trigger(t) => replace(&mut self.triggers, key, t),
            Record::Reason(r) => replace(&mut self.reasons, key, r),
            Record::Prompt(p) => replace(&mut self.prompts, key, p),
            Record::SafetyPlan(plan) => {
                let at = self.plans.partition_point(|p| p.version <= plan.version);
                self.plans.insert(at, plan);
            }
            Record::Ledger(entry) => {
                let digest = chain::record_digest(&entry).ok().flatten();
                self.ledger.apply(id, entry, digest);
            }
            Record::ReminderSettings(settings) => self.reminders = Some((id, settings)),
            Record::ChainHead(h) => {
                self.ledger.recorded_head = Some((
                    id,
                    Head {
                        count: h.count,
                        head: h.head,
                    },
                ))
            }
            Record::AccessLog(log) => self.access = Some((id, log)),
            Record::Checkpoint(c) => {
                let at = self
                    .checkpoints
                    .partition_point(|(_, old)| (old.made_at, old.count) <= (c.made_at, c.count));
                self.checkpoints.insert(at, (id, c));
            }
        }
    }

    /// Removes a keyed record (a person, a boundary, ...) from memory.
    pub(crate) fn remove(&mut self, id: RecordId) {
        let key = id.to_hex();
        if let Some(mut p) = self.people.remove(&key) {
            p.zeroize();
        }
        if let Some(mut b) = self.boundaries.remove(&key) {
            b.zeroize();
        }
        if let Some(mut t) = self.triggers.remove(&key) {
            t.zeroize();
        }
        if let Some(mut r) = self.reasons.remove(&key) {
            r.zeroize();
        }
        if let Some(mut p) = self.prompts.remove(&key) {
            p.zeroize();
        }
    }

    /// The error for an id that is not in the index: `Corrupt` when its
    /// record is there but failed to open, `NotFound` otherwise.
    pub(crate) fn missing(&self, id: &str) -> VaultError {
        let damaged = RecordId::parse(id).is_ok_and(|rid| self.damaged.contains(&rid.0[..]));
        if damaged {
            VaultError::Corrupt
        } else {
            VaultError::NotFound
        }
    }

    /// Whether any live ledger entry, boundary or trigger refers to a person.
    pub(crate) fn person_is_referenced(&self, id: &str) -> bool {
        self.is_referenced(RefKind::Person, id)
            || self
                .boundaries
                .values()
                .any(|b| b.person_id.as_deref() == Some(id))
            || self
                .triggers
                .values()
                .any(|t| t.person_id.as_deref() == Some(id))
    }

    /// Whether any revision of any live ledger entry refers to `id`.
    pub(crate) fn is_referenced(&self, kind: RefKind, id: &str) -> bool {
        self.ledger.live_entries().any(|entry| {
            entry.revisions.iter().any(|rev| match &rev.content {
                EntryBody::Event { body, .. } => body.references().iter().any(|(_, k, r)| *k == kind && *r == id),
                EntryBody::Reflection { body } => {
                    kind == RefKind::Person
                        && matches!(&body.kind, ReflectionKind::UnsentLetter { person_id } if person_id == id)
                }
            })
        })
    }

    /// Overwrites every text held in memory.
    pub(crate) fn wipe(&mut self) {
        self.people.values_mut().for_each(Zeroize::zeroize);
        self.boundaries.values_mut().for_each(Zeroize::zeroize);
        self.triggers.values_mut().for_each(Zeroize::zeroize);
        self.reasons.values_mut().for_each(Zeroize::zeroize);
        self.prompts.values_mut().for_each(Zeroize::zeroize);
        self.plans.iter_mut().for_each(Zeroize::zeroize);
        self.legacy_notes.iter_mut().for_each(|(_, n)| n.zeroize());
        self.ledger.wipe();
        *self = Index::default();
    }
}

fn replace<T: Zeroize>(map: &mut BTreeMap<String, T>, key: String, value: T) {
    if let Some(mut old) = map.insert(key, value) {
        old.zeroize();
    }
}

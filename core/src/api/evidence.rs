//! Evidence exports: the entries the person chooses, in full, inside the
//! whole hash chain (every other record as its digest), with the
//! checkpoints, written as a folder the offline verifier checks.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use crate::chain::Checkpoint;
use crate::domain::entries::{Entry, EntryBody};
use crate::domain::events::{EventKind, RefKind};
use crate::domain::reflections::ReflectionKind;
use crate::export::dir::write_evidence_dir;
use crate::export::schema::{Evidence, Period, PersonLabel, Selection};
use crate::memory::Index;
use crate::progress::{Progress, ProgressListener};
use crate::vault::Vault;
use crate::{time, Result, VaultError};

use super::prompts::all_prompts;

/// What goes into an evidence export.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct EvidenceOptions {
    /// Only entries about this person (archived people too); everyone when
    /// `None`.
    pub person_id: Option<String>,
    /// The kinds of events to include. Empty means their contact attempts
    /// and my contacts; urges and check-ins are included only when named.
    pub kinds: Vec<EventKind>,
    /// Include reflections (journal entries, unsent letters; with a person,
    /// only letters to them). Off unless chosen.
    pub include_reflections: bool,
    /// Entries that happened at or after this instant.
    pub from: Option<SystemTime>,
    /// Entries that happened before this instant.
    pub until: Option<SystemTime>,
    /// The IANA time zone the report shows times in ("Europe/London").
    pub zone: String,
}

/// What an export holds.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct EvidenceSummary {
    /// Entries shown in full (each with all its revisions).
    pub entries: u64,
    /// Records in the chain the export carries.
    pub records: u64,
    /// Of those, records shown in full; the others are digests only.
    pub included_records: u64,
    /// The chain head, 64 hex digits.
    pub head: String,
    /// The checkpoint code of that head.
    pub code: String,
}

/// The kinds an export shows when none are named.
const DEFAULT_KINDS: [EventKind; 2] = [EventKind::TheirAttempt, EventKind::MyContact];

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Vault {
    /// Writes an evidence export to `folder` (which must not exist): a
    /// report to read or print, the entries as JSON, and a manifest of
    /// digests. The whole chain goes in, the chosen entries in full and
    /// every other record as its digest only; the checkpoints made so far
    /// go in too. Refused (`Corrupt`) while the chain has problems or no
    /// longer matches a checkpoint made earlier. `progress` hears about
    /// every record and may cancel; nothing is left behind then.
    pub fn export_evidence(
        &self,
        options: EvidenceOptions,
        folder: String,
        progress: Option<Arc<dyn ProgressListener>>,
    ) -> Result<EvidenceSummary> {
        if options.from.zip(options.until).is_some_and(|(f, u)| f >= u) {
            return Err(VaultError::invalid("until"));
        }
        self.with_session(|_, session| {
            let index = &session.index;
            if let Some(id) = &options.person_id {
                if !index.people.contains_key(id) {
                    return Err(VaultError::invalid("person_id"));
                }
            }
            let (report, _) = index.ledger.check();
            if !report.intact {
                return Err(VaultError::Corrupt);
            }
            let kinds = if options.kinds.is_empty() {
                DEFAULT_KINDS.to_vec()
            } else {
                options.kinds.clone()
            };
            let chosen: Vec<&Entry> = index
                .ledger
                .newest_first(options.from, options.until)
                .filter(|entry| chosen(entry, &options, &kinds))
                .collect();
            let mut included = BTreeMap::new();
            for entry in &chosen {
                for (i, rev) in entry.revisions.iter().enumerate() {
                    included.insert(rev.seq, (*entry, i));
                }
            }

            let mut evidence = Evidence::new(
                time::to_millis(time::now()),
                &options.zone,
                Period {
                    from: options.from.map(time::to_millis),
                    until: options.until.map(time::to_millis),
                },
                selection(&options, &kinds),
            )?;
            let count = report.records;
            let mut progress = Progress::new(progress, count.saturating_add(1));
            progress.report()?;
            for seq in 0..count {
                match included.get(&seq) {
                    Some((entry, i)) => {
                        let record = entry.ledger_record(*i).ok_or(VaultError::Corrupt)?;
                        evidence.push_record(&record, true)?;
                    }
                    None => {
                        let digest = index.ledger.digest_at(seq).ok_or(VaultError::Corrupt)?;
                        evidence.omit(&digest)?;
                    }
                }
                progress.advance(1)?;
            }
            for (_, stored) in &index.checkpoints {
                if stored.count > count {
                    continue;
                }
                let code =
                    evidence.add_checkpoint(stored.count, time::to_millis(stored.made_at))?;
                // The chain must still be the one each checkpoint was made for.
                if code != Checkpoint::from(stored).code {
                    return Err(VaultError::Corrupt);
                }
            }
            label(&mut evidence, index, &chosen);
            write_evidence_dir(&evidence, Path::new(&folder))?;
            progress.advance(1)?;
            Ok(EvidenceSummary {
                entries: chosen.len() as u64,
                records: count,
                included_records: included.len() as u64,
                head: evidence.chain.head.clone(),
                code: evidence.checkpoint_code()?,
            })
        })
    }
}

fn chosen(entry: &Entry, options: &EvidenceOptions, kinds: &[EventKind]) -> bool {
    let Some(rev) = entry.latest() else {
        return false;
    };
    match &rev.content {
        EntryBody::Event { body, .. } => {
            kinds.contains(&body.kind())
                && options
                    .person_id
                    .as_deref()
                    .is_none_or(|p| body.person_id() == Some(p))
        }
        EntryBody::Reflection { body } => {
            options.include_reflections
                && match (&options.person_id, &body.kind) {
                    (None, _) => true,
                    (Some(p), ReflectionKind::UnsentLetter { person_id }) => p == person_id,
                    (Some(_), ReflectionKind::Journal { .. }) => false,
                }
        }
    }
}

fn selection(options: &EvidenceOptions, kinds: &[EventKind]) -> Selection {
    let mut names: Vec<String> = kinds.iter().map(|k| k.id().to_owned()).collect();
    if options.include_reflections {
        names.push("reflection".to_owned());
    }
    Selection {
        person_id: options.person_id.clone(),
        kinds: names,
    }
}

/// Names for the ids the chosen entries refer to, in any revision: people
/// (alias and relationship), triggers, boundaries and prompts.
fn label(evidence: &mut Evidence, index: &Index, chosen: &[&Entry]) {
    let mut people = BTreeSet::new();
    let mut others: BTreeMap<String, String> = BTreeMap::new();
    let prompts = all_prompts(index);
    for rev in chosen.iter().flat_map(|e| e.revisions.iter()) {
        match &rev.content {
            EntryBody::Event { body, .. } => {
                for (_, kind, id) in body.references() {
                    match kind {
                        RefKind::Person => {
                            people.insert(id.to_owned());
                        }
                        RefKind::Trigger => {
                            if let Some(t) = index.triggers.get(id) {
                                others.insert(id.to_owned(), t.name.clone());
                            }
                        }
                        RefKind::Boundary => {
                            if let Some(b) = index.boundaries.get(id) {
                                others.insert(id.to_owned(), b.statement.clone());
                            }
                        }
                    }
                }
            }
            EntryBody::Reflection { body } => match &body.kind {
                ReflectionKind::UnsentLetter { person_id } => {
                    people.insert(person_id.clone());
                }
                ReflectionKind::Journal {
                    prompt_id: Some(id),
                } => {
                    if let Some(p) = prompts.iter().find(|p| &p.id == id) {
                        others.insert(id.clone(), p.text.clone());
                    }
                }
                ReflectionKind::Journal { prompt_id: None } => {}
            },
        }
    }
    for id in people {
        if let Some(person) = index.people.get(&id) {
            let relationship = serde_json::to_value(person.relationship)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            evidence.people.insert(
                id,
                PersonLabel {
                    alias: person.alias.clone(),
                    relationship,
                },
            );
        }
    }
    evidence.labels = others;
}

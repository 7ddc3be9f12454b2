//! The chain's state and checkpoints.

use crate::chain::verify::ChainReport;
use crate::chain::{checkpoint, Checkpoint, StoredCheckpoint};
use crate::record::{Record, RecordId};
use crate::vault::Vault;
use crate::{time, Result, VaultError};

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Vault {
    /// The chain as checked at unlock, with the records appended since.
    /// Cheap: the apps show its issues after unlocking.
    pub fn chain_report(&self) -> Result<ChainReport> {
        self.with_session(|_, session| Ok(session.index.ledger.check().0))
    }

    /// Reads every record from the file again, recomputes every digest and
    /// link, and reports what does not match. Takes about as long as an
    /// unlock; the records in memory are not changed.
    pub fn verify_chain(&self) -> Result<ChainReport> {
        self.with_session(|conn, session| {
            let fresh = session.reload(conn)?;
            Ok(fresh.ledger.check().0)
        })
    }

    /// Makes a checkpoint of the chain as it is now and keeps it in the
    /// vault's list. Share its code with someone you trust: a later export
    /// proves that it extends this chain.
    pub fn make_checkpoint(&self) -> Result<Checkpoint> {
        self.with_session(|conn, session| {
            let (count, head) = session.index.ledger.chain_tip();
            let stored = StoredCheckpoint {
                count,
                head,
                made_at: time::now(),
            };
            let id = RecordId::random()?;
            session.store(conn, vec![(id, Record::Checkpoint(stored))])?;
            Ok(Checkpoint::from(&stored))
        })
    }

    /// Every checkpoint made, oldest first.
    pub fn checkpoints(&self) -> Result<Vec<Checkpoint>> {
        self.with_session(|_, session| {
            Ok(session
                .index
                .checkpoints
                .iter()
                .map(|(_, c)| Checkpoint::from(c))
                .collect())
        })
    }
}

/// Reads a checkpoint code as typed (any case, spaces or hyphens, `O` for
/// zero) and returns it in its display form, or fails with `InvalidInput`
/// naming `code` when it is malformed or its check character is wrong.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn normalize_checkpoint_code(code: String) -> Result<String> {
    checkpoint::normalize(&code).ok_or_else(|| VaultError::invalid("code"))
}

#[cfg(test)]
mod tests {
    use crate::chain::verify::ChainIssueKind;
    use crate::domain::entries::tests::check_in;
    use crate::domain::entries::{LedgerOp, LedgerRecord};
    use crate::record::{Record, RecordId};
    use crate::{time, Secret, Vault, VaultSetup, KDF_FLOOR};

    fn vault(dir: &tempfile::TempDir) -> std::sync::Arc<Vault> {
        let setup = VaultSetup {
            passcode: "2468".into(),
            device_key: None,
            passcode_needs_device_key: false,
            kdf_iterations: Some(KDF_FLOOR),
        };
        Vault::create(&dir.path().join("v"), setup).unwrap().vault
    }

    fn relock(vault: &Vault) {
        vault.lock();
        let passcode = "2468".into();
        vault.unlock(Secret::Passcode { passcode }).unwrap();
    }

    fn issues(vault: &Vault) -> Vec<(ChainIssueKind, u64, u64)> {
        let report = vault.chain_report().unwrap();
        report
            .issues
            .iter()
            .map(|i| (i.kind, i.first_seq, i.last_seq))
            .collect()
    }

    /// Rewrites the record of entry `id` (sealed with the vault's own key,
    /// as only someone who knows the passcode could) with `edit` applied.
    fn reseal(vault: &Vault, id: &str, edit: impl FnOnce(&mut LedgerRecord)) {
        vault
            .with_session(|conn, session| {
                let entry = session.index.ledger.live(id).unwrap();
                let rev = entry.revisions[0].clone();
                let link = session
                    .index
                    .ledger
                    .link_of(rev.seq, rev.record_id)
                    .unwrap();
                let mut record = LedgerRecord {
                    seq: rev.seq,
                    entry_id: id.to_owned(),
                    recorded_at: rev.recorded_at,
                    op: LedgerOp::Create {
                        at: rev.at,
                        utc_offset_seconds: rev.utc_offset_seconds,
                        content: rev.content.clone(),
                    },
                    prev: link.prev,
                    digest: None,
                };
                edit(&mut record);
                session.store(conn, vec![(rev.record_id, Record::Ledger(record))])
            })
            .unwrap();
    }

    #[test]
    fn content_edited_with_the_key_breaks_the_next_link() {
        let dir = tempfile::tempdir().unwrap();
        let v = vault(&dir);
        let ids: Vec<String> = (0..6).map(|_| v.quick_check_in(3, 0).unwrap().id).collect();
        reseal(&v, &ids[2], |r| {
            if let LedgerOp::Create { content, .. } = &mut r.op {
                *content = check_in(5);
            }
        });
        relock(&v);
        assert_eq!(issues(&v), vec![(ChainIssueKind::BrokenLink, 3, 3)]);
        // The edited entry still shows: nothing is hidden, it is flagged.
        assert_eq!(
            v.list_events(crate::EventQuery {
                kinds: Vec::new(),
                person_id: None,
                from: None,
                until: None,
                offset: 0,
                limit: 10,
            })
            .unwrap()
            .total,
            6
        );
    }

    #[test]
    fn an_edited_stated_time_or_the_last_record_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let v = vault(&dir);
        let ids: Vec<String> = (0..4).map(|_| v.quick_check_in(3, 0).unwrap().id).collect();
        reseal(&v, &ids[3], |r| {
            if let LedgerOp::Create { at, .. } = &mut r.op {
                *at = time::from_millis(0);
            }
        });
        relock(&v);
        // The newest record has no successor: the recorded head catches it.
        assert_eq!(issues(&v), vec![(ChainIssueKind::HeadMismatch, 3, 3)]);
    }

    #[test]
    fn records_given_each_other_sequence_numbers_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let v = vault(&dir);
        let ids: Vec<String> = (0..5).map(|_| v.quick_check_in(3, 0).unwrap().id).collect();
        reseal(&v, &ids[1], |r| r.seq = 2);
        reseal(&v, &ids[2], |r| r.seq = 1);
        relock(&v);
        let found = issues(&v);
        assert!(!found.is_empty());
        assert!(
            found
                .iter()
                .all(|(k, a, b)| *k == ChainIssueKind::BrokenLink && (1..=3).contains(a) && a == b),
            "{found:?}"
        );
    }

    #[test]
    fn a_ledger_written_before_the_chain_is_chained_at_unlock() {
        let dir = tempfile::tempdir().unwrap();
        let v = vault(&dir);
        let now = time::now();
        v.with_session(|conn, session| {
            let mut items = Vec::new();
            let first = RecordId::random()?;
            for seq in 0..4u64 {
                let id = if seq == 0 { first } else { RecordId::random()? };
                let op = match seq {
                    0 => LedgerOp::Removed,
                    3 => LedgerOp::Redact,
                    _ => LedgerOp::Create {
                        at: now,
                        utc_offset_seconds: 0,
                        content: check_in(2),
                    },
                };
                let record = LedgerRecord {
                    seq,
                    entry_id: first.to_hex(),
                    recorded_at: now,
                    op,
                    prev: None,
                    digest: None,
                };
                let entry_id = if seq == 1 || seq == 2 {
                    id.to_hex()
                } else {
                    first.to_hex()
                };
                items.push((id, Record::Ledger(LedgerRecord { entry_id, ..record })));
            }
            session.store(conn, items)
        })
        .unwrap();
        relock(&v);
        let report = v.chain_report().unwrap();
        assert!(report.intact, "{:?}", report.issues);
        assert_eq!(report.records, 4);
        // Adopted once: the next unlock finds the same chain and changes nothing.
        let count = v.status().unwrap().record_count;
        relock(&v);
        assert_eq!(v.chain_report().unwrap(), report);
        assert_eq!(v.status().unwrap().record_count, count);
        assert_eq!(v.verify_chain().unwrap(), report);
    }
}

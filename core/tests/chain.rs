//! The hash chain over the ledger: it verifies after many mixed changes,
//! and each kind of tampering with the file is found and located.

mod common;

use common::*;
use nocontact_core::{
    normalize_checkpoint_code, ChainIssueKind, CheckIn, EventBody, NewEvent, Vault, VaultError,
};

fn issues(vault: &Vault) -> Vec<(ChainIssueKind, u64, u64)> {
    vault
        .chain_report()
        .unwrap()
        .issues
        .into_iter()
        .map(|i| (i.kind, i.first_seq, i.last_seq))
        .collect()
}

/// Ten check-ins: entry `k` is the ledger record with sequence number `k`.
fn ten_check_ins(f: &Fixture) -> Vec<String> {
    (0..10)
        .map(|k| f.vault.quick_check_in(k % 5 + 1, 0).unwrap().id)
        .collect()
}

fn row(path: &std::path::Path, id: &str) -> Vec<u8> {
    raw(path)
        .query_row("SELECT v FROM b WHERE lower(hex(id)) = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
}

fn set_row(path: &std::path::Path, id: &str, blob: &[u8]) {
    let n = raw(path)
        .execute(
            "UPDATE b SET v = ?2 WHERE lower(hex(id)) = ?1",
            rusqlite::params![id, blob],
        )
        .unwrap();
    assert_eq!(n, 1);
}

fn delete_row(path: &std::path::Path, id: &str) {
    let n = raw(path)
        .execute("DELETE FROM b WHERE lower(hex(id)) = ?1", [id])
        .unwrap();
    assert_eq!(n, 1);
}

/// Ids (hex) of every row that is not one of `known`: the chain's head
/// and checkpoints, here.
fn other_rows(path: &std::path::Path, known: &[String]) -> Vec<String> {
    let conn = raw(path);
    let mut stmt = conn.prepare("SELECT lower(hex(id)) FROM b").unwrap();
    let ids: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    ids.into_iter().filter(|id| !known.contains(id)).collect()
}

/// Copies the vault's file (with its WAL) to a new place and opens it, locked.
fn copy_of(f: &Fixture, name: &str) -> (std::path::PathBuf, std::sync::Arc<Vault>) {
    let path = f.dir.path().join(name);
    for suffix in ["", "-wal", "-shm"] {
        let mut from = f.path.as_os_str().to_owned();
        from.push(suffix);
        let mut to = path.as_os_str().to_owned();
        to.push(suffix);
        if std::path::Path::new(&from).exists() {
            std::fs::copy(&from, &to).unwrap();
        }
    }
    let vault = std::sync::Arc::new(Vault::open_path(&path).unwrap());
    (path, vault)
}

fn reopen(path: &std::path::Path) -> Vault {
    let vault = Vault::open_path(path).unwrap();
    vault.unlock(passcode(PASSCODE)).unwrap();
    vault
}

#[test]
fn the_chain_verifies_after_a_thousand_mixed_changes() {
    let f = fixture();
    let v = &f.vault;
    let mut live: Vec<String> = Vec::new();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in 0..1_000u32 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let roll = state % 20;
        if live.is_empty() || roll < 12 {
            let id = if i % 3 == 0 {
                v.add_reflection(journal(&format!("entry {i} ✓")))
                    .unwrap()
                    .id
            } else {
                v.quick_check_in((i % 5 + 1) as u8, 3600).unwrap().id
            };
            live.push(id);
        } else if roll < 17 {
            let id = &live[(state >> 8) as usize % live.len()];
            if v.get_event(id.clone()).is_ok() {
                let body = EventBody::CheckIn {
                    check_in: CheckIn {
                        mood: (roll % 5 + 1) as u8,
                        energy: None,
                        note: format!("amended {i}"),
                        tags: Vec::new(),
                    },
                };
                v.amend_event(
                    id.clone(),
                    NewEvent {
                        at: None,
                        utc_offset_seconds: 0,
                        body,
                    },
                )
                .unwrap();
            } else {
                v.amend_reflection(id.clone(), journal(&format!("amended {i}")))
                    .unwrap();
            }
        } else {
            let id = live.swap_remove((state >> 8) as usize % live.len());
            if v.delete_event(id.clone()).is_err() {
                v.delete_reflection(id).unwrap();
            }
        }
    }
    let report = v.chain_report().unwrap();
    assert!(report.intact, "{:?}", report.issues);
    assert_eq!(report.records, 1_000);
    let full = v.verify_chain().unwrap();
    assert_eq!(full, report);
    v.lock();
    v.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(v.chain_report().unwrap(), report);
    assert_eq!(v.status().unwrap().damaged_records, 0);
}

#[test]
fn a_flipped_byte_in_any_ledger_record_is_found_at_its_sequence_number() {
    let f = fixture();
    let ids = ten_check_ins(&f);
    f.vault.lock();
    for (seq, id) in ids.iter().enumerate() {
        let (path, vault) = copy_of(&f, &format!("flip{seq}"));
        let mut blob = row(&path, id);
        let at = (seq * 7) % blob.len();
        blob[at] ^= 0x10;
        set_row(&path, id, &blob);
        vault.unlock(passcode(PASSCODE)).unwrap();
        let seq = seq as u64;
        assert_eq!(issues(&vault), vec![(ChainIssueKind::Missing, seq, seq)]);
        // The other nine are still there.
        assert_eq!(vault.list_events(EventQuery::default()).unwrap().total, 9);
        assert_eq!(vault.status().unwrap().damaged_records, 1);
    }
    // The head's own row: the chain no longer knows where it ends.
    let (path, vault) = copy_of(&f, "flip-head");
    let head = other_rows(&path, &ids).pop().unwrap();
    let mut blob = row(&path, &head);
    blob[20] ^= 1;
    set_row(&path, &head, &blob);
    vault.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(issues(&vault), vec![(ChainIssueKind::HeadMismatch, 9, 9)]);
    assert_eq!(vault.list_events(EventQuery::default()).unwrap().total, 10);
}

#[test]
fn a_deleted_row_is_found_including_the_newest() {
    let f = fixture();
    let ids = ten_check_ins(&f);
    f.vault.lock();
    for seq in [0usize, 4, 9] {
        let (path, vault) = copy_of(&f, &format!("del{seq}"));
        delete_row(&path, &ids[seq]);
        vault.unlock(passcode(PASSCODE)).unwrap();
        let s = seq as u64;
        assert_eq!(issues(&vault), vec![(ChainIssueKind::Missing, s, s)]);
        assert_eq!(vault.status().unwrap().damaged_records, 0);
    }
}

#[test]
fn two_swapped_rows_are_both_found() {
    let f = fixture();
    let ids = ten_check_ins(&f);
    f.vault.lock();
    let (path, vault) = copy_of(&f, "swap");
    let (two, six) = (row(&path, &ids[2]), row(&path, &ids[6]));
    set_row(&path, &ids[2], &six);
    set_row(&path, &ids[6], &two);
    vault.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(
        issues(&vault),
        vec![
            (ChainIssueKind::Missing, 2, 2),
            (ChainIssueKind::Missing, 6, 6)
        ]
    );
    assert_eq!(vault.list_events(EventQuery::default()).unwrap().total, 8);
}

#[test]
fn rows_replayed_from_an_older_copy_are_found() {
    let f = fixture();
    let ids = ten_check_ins(&f);
    let old_entry = row(&f.path, &ids[3]);
    let old_head_id = other_rows(&f.path, &ids).pop().unwrap();
    let old_head = row(&f.path, &old_head_id);
    f.vault.delete_event(ids[3].clone()).unwrap();
    f.vault.quick_check_in(2, 0).unwrap();
    assert!(f.vault.chain_report().unwrap().intact);
    f.vault.lock();

    // The deleted entry's old row put back: its content is not shown, and
    // the replay is reported where it sits.
    let (path, vault) = copy_of(&f, "replay-entry");
    set_row(&path, &ids[3], &old_entry);
    vault.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(issues(&vault), vec![(ChainIssueKind::Replayed, 3, 3)]);
    assert_eq!(vault.get_event(ids[3].clone()), Err(VaultError::NotFound));

    // The old head put back: the two newer records are reported.
    let (path, vault) = copy_of(&f, "replay-head");
    set_row(&path, &old_head_id, &old_head);
    vault.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(issues(&vault), vec![(ChainIssueKind::HeadMismatch, 10, 11)]);
}

#[test]
fn verify_chain_reads_the_file_again() {
    let f = fixture();
    let ids = ten_check_ins(&f);
    delete_row(&f.path, &ids[5]);
    // What was loaded at unlock is unchanged; the file is not.
    assert!(f.vault.chain_report().unwrap().intact);
    let report = f.vault.verify_chain().unwrap();
    assert!(!report.intact);
    assert_eq!(report.issues.len(), 1);
    assert_eq!(report.issues[0].kind, ChainIssueKind::Missing);
    assert_eq!(
        (report.issues[0].first_seq, report.issues[0].last_seq),
        (5, 5)
    );
    // One object at a time has the file unlocked.
    f.vault.lock();
    let reopened = reopen(&f.path);
    assert_eq!(reopened.chain_report().unwrap(), report);
}

#[test]
fn a_deletion_keeps_the_chain_whole() {
    let f = fixture();
    let ids = ten_check_ins(&f);
    let before = f.vault.chain_report().unwrap();
    f.vault.delete_event(ids[4].clone()).unwrap();
    let after = f.vault.verify_chain().unwrap();
    assert!(after.intact, "{:?}", after.issues);
    assert_eq!(after.records, before.records + 1);
    assert_eq!(f.vault.list_events(EventQuery::default()).unwrap().total, 9);
    assert_eq!(
        f.vault.event_history(ids[4].clone()),
        Err(VaultError::NotFound)
    );
}

#[test]
fn checkpoints_commit_to_the_head_and_are_kept() {
    let f = fixture();
    assert!(f.vault.checkpoints().unwrap().is_empty());
    let empty = f.vault.make_checkpoint().unwrap();
    assert_eq!(empty.records, 0);
    ten_check_ins(&f);
    let report = f.vault.chain_report().unwrap();
    let ten = f.vault.make_checkpoint().unwrap();
    assert_eq!(
        (ten.records, &ten.head, &ten.code),
        (10, &report.head, &report.code)
    );
    assert_ne!(ten.code, empty.code);
    assert_eq!(ten.code.len(), 36);
    // Typed back in any case and spacing, it reads as the same code.
    let typed = ten.code.to_lowercase().replace('-', " ");
    assert_eq!(normalize_checkpoint_code(typed).unwrap(), ten.code);
    let mut wrong = ten.code.clone();
    let last = if wrong.ends_with('0') { "1" } else { "0" };
    wrong.replace_range(wrong.len() - 1.., last);
    assert_eq!(
        normalize_checkpoint_code(wrong),
        Err(VaultError::InvalidInput {
            field: "code".into()
        })
    );
    // Checkpoints are not ledger records: the chain does not move.
    assert_eq!(f.vault.chain_report().unwrap().records, 10);
    f.vault.lock();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(f.vault.checkpoints().unwrap(), vec![empty, ten]);
    assert_eq!(f.vault.make_checkpoint().map(|_| ()), Ok(()));
    f.vault.lock();
    assert_eq!(f.vault.checkpoints(), Err(VaultError::Locked));
    assert_eq!(f.vault.chain_report(), Err(VaultError::Locked));
}

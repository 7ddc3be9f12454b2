//! Encrypted backups made by the vault and restored: into a new vault (a new
//! phone) or over this one, with the ledger and its chain intact; refused
//! when they would drop newer entries; nothing changes on bad input.

mod common;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use common::*;
use nocontact_core::{
    restore_vault, Channel, ContactMode, LocalDate, PersonInput, ProgressListener, Relationship,
    Vault, VaultError,
};

const PHRASE: &str = "a long backup passphrase";

fn path(f: &Fixture, name: &str) -> String {
    f.dir.path().join(name).to_string_lossy().into_owned()
}

/// A vault with a person, events (one amended, one deleted), a journal
/// entry and a checkpoint.
fn filled() -> Fixture {
    let f = fixture();
    let v = &f.vault;
    let p = v
        .add_person(PersonInput {
            alias: "Jordan ✓".into(),
            relationship: Relationship::Friend,
            mode: ContactMode::NoContact,
            no_contact_since: LocalDate {
                year: 2025,
                month: 9,
                day: 9,
            },
            blocked_on: vec![Channel::Text],
            notes: "notes".into(),
        })
        .unwrap();
    v.quick_log_attempt(p.id.clone(), Channel::Call, 3600)
        .unwrap();
    let gone = v.quick_check_in(2, 0).unwrap();
    v.quick_check_in(4, 0).unwrap();
    v.delete_event(gone.id).unwrap();
    v.add_reflection(journal("kept in the backup")).unwrap();
    v.make_checkpoint().unwrap();
    f
}

/// What must survive a backup and restore.
fn state(
    v: &Vault,
) -> (
    Vec<nocontact_core::Event>,
    Vec<String>,
    String,
    usize,
    usize,
) {
    let events = v.list_events(EventQuery::default()).unwrap().events;
    let texts = reflections(v)
        .unwrap()
        .into_iter()
        .map(|r| r.body.text)
        .collect();
    let report = v.chain_report().unwrap();
    assert!(report.intact, "{:?}", report.issues);
    (
        events,
        texts,
        report.head,
        v.checkpoints().unwrap().len(),
        v.list_people(true).unwrap().len(),
    )
}

#[test]
fn a_backup_restores_into_a_new_vault_with_the_chain_intact() {
    let f = filled();
    let summary = f
        .vault
        .export_backup(path(&f, "b.bin"), PHRASE.into(), None)
        .unwrap();
    let before = state(&f.vault);
    assert_eq!(summary.head, before.2);
    assert_eq!(
        summary.chain_records,
        f.vault.chain_report().unwrap().records
    );
    let mut new_setup = setup();
    new_setup.passcode = "another passcode".into();
    let created = restore_vault(
        path(&f, "b.bin"),
        PHRASE.into(),
        path(&f, "new.db"),
        new_setup,
        None,
    )
    .unwrap();
    assert_eq!(state(&created.vault), before);
    // The new vault has its own passcode and recovery code.
    created.vault.lock();
    assert_eq!(
        created.vault.unlock(passcode(PASSCODE)),
        Err(VaultError::WrongSecret)
    );
    created.vault.unlock(passcode("another passcode")).unwrap();
    assert_eq!(state(&created.vault), before);
    assert_ne!(created.recovery_code, f.recovery_code);
    // And it keeps logging on the same chain.
    created.vault.quick_check_in(5, 0).unwrap();
    assert!(created.vault.verify_chain().unwrap().intact);
}

#[test]
fn the_backup_file_reveals_nothing() {
    let f = filled();
    f.vault
        .export_backup(path(&f, "b.bin"), PHRASE.into(), None)
        .unwrap();
    let bytes = std::fs::read(f.dir.path().join("b.bin")).unwrap();
    for marker in [
        "Jordan",
        "kept in the backup",
        "notes",
        "check_in",
        "nocontact",
    ] {
        assert!(!contains(&bytes, marker.as_bytes()), "{marker}");
    }
}

#[test]
fn bad_backups_and_wrong_passphrases_leave_nothing_behind() {
    let f = filled();
    f.vault
        .export_backup(path(&f, "b.bin"), PHRASE.into(), None)
        .unwrap();
    let restore = |backup: &str, phrase: &str| {
        restore_vault(
            path(&f, backup),
            phrase.into(),
            path(&f, "new.db"),
            setup(),
            None,
        )
        .map(|_| ())
    };
    assert_eq!(
        restore("b.bin", "not the phrase"),
        Err(VaultError::WrongSecret)
    );
    assert_eq!(restore("missing.bin", PHRASE), Err(VaultError::NotFound));
    let good = std::fs::read(f.dir.path().join("b.bin")).unwrap();
    for (name, bytes) in [
        ("flipped.bin", {
            let mut b = good.clone();
            let at = b.len() / 2;
            b[at] ^= 0x04;
            b
        }),
        ("short.bin", good[..good.len() - 7].to_vec()),
        ("empty.bin", Vec::new()),
        ("text.bin", b"{\"not\": \"a backup\"}".to_vec()),
    ] {
        std::fs::write(f.dir.path().join(name), bytes).unwrap();
        assert_eq!(restore(name, PHRASE), Err(VaultError::Corrupt), "{name}");
    }
    assert!(!f.dir.path().join("new.db").exists());
    // Restoring over the vault itself: nothing changes either.
    let before = state(&f.vault);
    assert_eq!(
        f.vault
            .restore_backup(path(&f, "flipped.bin"), PHRASE.into(), true, None),
        Err(VaultError::Corrupt)
    );
    assert_eq!(
        f.vault
            .restore_backup(path(&f, "b.bin"), "wrong phrase".into(), true, None),
        Err(VaultError::WrongSecret)
    );
    assert_eq!(state(&f.vault), before);
}

#[test]
fn an_older_backup_does_not_replace_newer_entries_unless_asked() {
    let f = filled();
    f.vault
        .export_backup(path(&f, "old.bin"), PHRASE.into(), None)
        .unwrap();
    let at_backup = state(&f.vault);
    f.vault.quick_check_in(1, 0).unwrap();
    let newer = state(&f.vault);
    assert_eq!(
        f.vault
            .restore_backup(path(&f, "old.bin"), PHRASE.into(), false, None),
        Err(VaultError::WouldLoseEntries)
    );
    assert_eq!(state(&f.vault), newer);
    f.vault
        .restore_backup(path(&f, "old.bin"), PHRASE.into(), true, None)
        .unwrap();
    assert_eq!(state(&f.vault), at_backup);
    f.vault.lock();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(state(&f.vault), at_backup);
}

#[test]
fn a_newer_backup_restores_over_an_older_vault_and_a_diverged_one_is_refused() {
    let f = filled();
    f.vault
        .export_backup(path(&f, "early.bin"), PHRASE.into(), None)
        .unwrap();
    f.vault.quick_check_in(3, 0).unwrap();
    f.vault
        .export_backup(path(&f, "later.bin"), PHRASE.into(), None)
        .unwrap();
    let later = state(&f.vault);
    // Back to the early state, then forward again without being asked.
    f.vault
        .restore_backup(path(&f, "early.bin"), PHRASE.into(), true, None)
        .unwrap();
    f.vault
        .restore_backup(path(&f, "later.bin"), PHRASE.into(), false, None)
        .unwrap();
    assert_eq!(state(&f.vault), later);
    // A vault that went its own way after the early backup.
    f.vault
        .restore_backup(path(&f, "early.bin"), PHRASE.into(), true, None)
        .unwrap();
    f.vault.quick_check_in(1, 0).unwrap();
    assert_eq!(
        f.vault
            .restore_backup(path(&f, "later.bin"), PHRASE.into(), false, None),
        Err(VaultError::WouldLoseEntries)
    );
}

struct Stop(AtomicU64);

impl ProgressListener for Stop {
    fn on_progress(&self, done: u64, _total: u64) -> bool {
        self.0.fetch_add(1, Ordering::SeqCst);
        done < 2
    }
}

#[test]
fn cancelling_and_refusals_leave_no_file() {
    let f = filled();
    let stop = Arc::new(Stop(AtomicU64::new(0)));
    assert_eq!(
        f.vault
            .export_backup(path(&f, "b.bin"), PHRASE.into(), Some(stop.clone())),
        Err(VaultError::Cancelled)
    );
    assert!(stop.0.load(Ordering::SeqCst) >= 1);
    let files: Vec<_> = std::fs::read_dir(f.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("data.db"))
        .collect();
    assert!(files.is_empty(), "{files:?}");
    assert_eq!(
        f.vault.export_backup(path(&f, "b.bin"), "abc".into(), None),
        Err(VaultError::InvalidInput {
            field: "passphrase".into()
        })
    );
    std::fs::write(f.dir.path().join("taken.bin"), b"mine").unwrap();
    assert_eq!(
        f.vault
            .export_backup(path(&f, "taken.bin"), PHRASE.into(), None),
        Err(VaultError::AlreadyExists)
    );
    assert_eq!(
        std::fs::read(f.dir.path().join("taken.bin")).unwrap(),
        b"mine"
    );
    f.vault.lock();
    assert_eq!(
        f.vault
            .export_backup(path(&f, "b.bin"), PHRASE.into(), None),
        Err(VaultError::Locked)
    );
}

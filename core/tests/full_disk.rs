//! A full disk, for real: each test mounts a small tmpfs of its own (we run
//! as root), fills it, and runs one write path with 0 to a few pages left.
//! Each call must succeed or fail with `StorageFull`; afterwards nothing
//! committed is lost, what the vault showed equals what the file holds, and
//! once space is back the vault opens and writes normally. Where the machine
//! cannot mount, each test says so in one loud line and passes.

mod common;

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

use common::*;
use nocontact_core::{
    CheckIn, Event, EventBody, NewEvent, QuickEntry, Secret, Vault, VaultError, VaultSetup,
    KDF_FLOOR,
};

/// A small tmpfs, unmounted (lazily, so open files do not stop it) on drop.
struct SmallDisk {
    root: tempfile::TempDir,
}

const PAGE: usize = 4096;

impl SmallDisk {
    fn mount(test: &str) -> Option<SmallDisk> {
        let root = tempfile::tempdir().ok()?;
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs"])
            .arg(root.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            eprintln!(
                "SKIPPED {test}: cannot mount a small tmpfs here (needs root); the full-disk test did not run"
            );
            return None;
        }
        Some(SmallDisk { root })
    }

    fn path(&self, name: &str) -> PathBuf {
        self.root.path().join(name)
    }

    /// Fills the disk, leaving `pages` pages free.
    fn fill_leaving(&self, pages: usize) {
        let reserve = self.path("reserve");
        std::fs::write(&reserve, vec![0u8; pages * PAGE]).unwrap();
        let mut filler = File::create(self.path("filler")).unwrap();
        let chunk = vec![0u8; 64 * 1024];
        while filler.write_all(&chunk).is_ok() {}
        for _ in 0..64 {
            let _ = filler.write_all(&chunk[..PAGE]);
        }
        let _ = filler.write_all(&[0u8]);
        drop(filler);
        std::fs::remove_file(reserve).unwrap();
    }

    fn free(&self) {
        let _ = std::fs::remove_file(self.path("filler"));
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount")
            .arg("-l")
            .arg(self.root.path())
            .status();
    }
}

fn small_setup() -> VaultSetup {
    VaultSetup {
        passcode: PASSCODE.into(),
        device_key: None,
        passcode_needs_device_key: false,
        kdf_iterations: Some(KDF_FLOOR),
    }
}

/// Folds the write-ahead log into the file and empties it (through a
/// connection of its own, as SQLite allows), so the next write must grow
/// the log on the full disk.
fn empty_wal(path: &Path) {
    let conn = raw(path);
    let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
}

/// Every event, all revisions, and the chain: what the vault shows.
#[derive(Debug, PartialEq)]
struct Shown {
    events: Vec<Event>,
    histories: Vec<Vec<Event>>,
    chain: (u64, String),
    checkpoints: usize,
}

fn shown(vault: &Vault) -> Shown {
    let events = vault.list_events(EventQuery::default()).unwrap().events;
    let histories = events
        .iter()
        .map(|e| vault.event_history(e.id.clone()).unwrap())
        .collect();
    let report = vault.chain_report().unwrap();
    Shown {
        events,
        histories,
        chain: (report.records, report.head),
        checkpoints: vault.checkpoints().unwrap().len(),
    }
}

/// What the file holds, read afresh by the same object (lock, unlock).
fn reread(vault: &Vault, secret: &str) -> Shown {
    vault.lock();
    vault.unlock(passcode(secret)).unwrap();
    assert_eq!(
        vault.status().unwrap().damaged_records,
        0,
        "damaged records"
    );
    assert!(vault.verify_chain().unwrap().intact, "chain issues");
    shown(vault)
}

fn check_in(mood: u8) -> NewEvent {
    NewEvent {
        at: None,
        utc_offset_seconds: 0,
        body: EventBody::CheckIn {
            check_in: CheckIn {
                mood,
                energy: None,
                note: "x".repeat(300),
                tags: Vec::new(),
            },
        },
    }
}

/// Runs `op` on the full disk with 0, 1, 2, 3, 5 and 8 pages left; checks
/// every outcome as the module says. `op` gets the vault and the round;
/// returns how many rounds failed with `StorageFull`.
fn on_full_disk(
    test: &str,
    prepare: impl Fn(&Vault),
    op: impl Fn(&Vault, usize) -> Result<(), VaultError>,
) -> Option<usize> {
    let disk = SmallDisk::mount(test)?;
    let path = disk.path("v");
    let vault: Arc<Vault> = Vault::create(&path, small_setup()).unwrap().vault;
    prepare(&vault);
    let mut full = 0;
    for (round, pages) in [0, 1, 2, 3, 5, 8].into_iter().enumerate() {
        let before = shown(&vault);
        empty_wal(&path);
        disk.fill_leaving(pages);
        let result = op(&vault, round);
        let now = shown(&vault);
        disk.free();
        match result {
            Ok(()) => {}
            Err(VaultError::StorageFull) => {
                full += 1;
                assert_eq!(now, before, "{test}: a failed call changed what is shown");
            }
            Err(other) => panic!("{test}, {pages} pages left: {other:?}"),
        }
        assert_eq!(
            reread(&vault, PASSCODE),
            now,
            "{test}: memory and file differ"
        );
        // And it writes normally with space back.
        vault.log_event(check_in(2)).unwrap();
    }
    drop(vault);
    let reopened = Vault::open(path.to_string_lossy().into_owned()).unwrap();
    reopened.unlock(passcode(PASSCODE)).unwrap();
    assert!(reopened.verify_chain().unwrap().intact);
    eprintln!("full disk: {test}: {full} of 6 rounds refused with StorageFull, nothing lost");
    Some(full)
}

#[test]
fn an_append_on_a_full_disk() {
    let full = on_full_disk(
        "an_append_on_a_full_disk",
        |_| {},
        |v, _| v.log_event(check_in(3)).map(|_| ()),
    );
    if let Some(full) = full {
        assert!(full >= 1, "no append met the full disk");
    }
}

#[test]
fn an_amendment_on_a_full_disk() {
    let full = on_full_disk(
        "an_amendment_on_a_full_disk",
        |v| {
            v.log_event(check_in(3)).unwrap();
        },
        |v, round| {
            let events = v.list_events(EventQuery::default()).unwrap().events;
            let oldest = events.last().unwrap().id.clone();
            v.amend_event(oldest, check_in(1 + (round % 5) as u8))
                .map(|_| ())
        },
    );
    if let Some(full) = full {
        assert!(full >= 1, "no amendment met the full disk");
    }
}

#[test]
fn a_redaction_on_a_full_disk() {
    let full = on_full_disk(
        "a_redaction_on_a_full_disk",
        |v| {
            for mood in 1..=5 {
                v.log_event(check_in(mood)).unwrap();
            }
        },
        |v, _| {
            let events = v.list_events(EventQuery::default()).unwrap().events;
            v.delete_event(events[0].id.clone())
        },
    );
    if let Some(full) = full {
        assert!(full >= 1, "no redaction met the full disk");
    }
}

#[test]
fn a_checkpoint_on_a_full_disk() {
    let full = on_full_disk(
        "a_checkpoint_on_a_full_disk",
        |v| {
            v.log_event(check_in(3)).unwrap();
        },
        |v, _| v.make_checkpoint().map(|_| ()),
    );
    if let Some(full) = full {
        assert!(full >= 1, "no checkpoint met the full disk");
    }
}

#[test]
fn a_restore_on_a_full_disk() {
    let outside = tempfile::tempdir().unwrap();
    let backup = outside.path().join("backup");
    let full = on_full_disk(
        "a_restore_on_a_full_disk",
        |v| {
            v.log_event(check_in(3)).unwrap();
            v.export_backup(
                backup.to_string_lossy().into_owned(),
                BACKUP_PHRASE.into(),
                None,
            )
            .unwrap();
        },
        |v, _| {
            v.restore_backup(
                backup.to_string_lossy().into_owned(),
                BACKUP_PHRASE.into(),
                true,
                None,
            )
            .map(|_| ())
        },
    );
    if let Some(full) = full {
        assert!(full >= 1, "no restore met the full disk");
    }
}

/// A passcode change or a new device key either happens whole or not at
/// all: afterwards exactly one passcode opens the vault.
#[test]
fn a_passcode_change_and_a_new_device_key_on_a_full_disk() {
    let test = "a_passcode_change_and_a_new_device_key_on_a_full_disk";
    let Some(disk) = SmallDisk::mount(test) else {
        return;
    };
    let path = disk.path("v");
    let vault = Vault::create(&path, small_setup()).unwrap().vault;
    vault.log_event(check_in(3)).unwrap();
    let mut current = PASSCODE.to_owned();
    let mut failures = 0;
    for (round, pages) in [0, 1, 2, 3, 5].into_iter().enumerate() {
        let next = format!("new passcode {round}");
        let key = vec![round as u8 + 1; 32];
        empty_wal(&path);
        disk.fill_leaving(pages);
        let changed = vault.change_passcode(next.clone(), None);
        let keyed = vault.set_device_key(key.clone());
        disk.free();
        for result in [&changed, &keyed] {
            match result {
                Ok(()) => {}
                Err(VaultError::StorageFull) => failures += 1,
                Err(other) => panic!("{pages} pages left: {other:?}"),
            }
        }
        // Exactly one of the old and the new passcode opens.
        let (opens, not) = if changed.is_ok() {
            (next.clone(), current.clone())
        } else {
            (current.clone(), next.clone())
        };
        current = opens;
        vault.lock();
        assert_eq!(
            vault.unlock(passcode(&not)),
            Err(VaultError::WrongSecret),
            "the passcode that should not open"
        );
        vault.unlock(passcode(&current)).unwrap();
        vault.lock();
        let by_key = vault.unlock(Secret::DeviceKey { key });
        assert_eq!(
            by_key.is_ok(),
            keyed.is_ok(),
            "the device key opens iff set"
        );
        vault.lock();
        vault.unlock(passcode(&current)).unwrap();
        assert_eq!(
            vault
                .list_events(EventQuery::default())
                .unwrap()
                .events
                .len(),
            1
        );
    }
    assert!(failures >= 1, "no key change met the full disk");
    eprintln!(
        "full disk: {test}: {failures} of 10 calls refused with StorageFull, one passcode opens"
    );
}

/// Entries logged while locked, folded in at the unlock: an unlock that
/// meets the full disk fails with `StorageFull` and folds nothing; once
/// space is back every entry joins the log exactly once.
#[test]
fn the_fold_of_dropped_entries_on_a_full_disk() {
    let test = "the_fold_of_dropped_entries_on_a_full_disk";
    let Some(disk) = SmallDisk::mount(test) else {
        return;
    };
    let path = disk.path("v");
    let vault = Vault::create(&path, small_setup()).unwrap().vault;
    vault.lock();
    let mut dropped = 0;
    let mut refused = 0;
    for pages in [0, 1, 2, 3, 5, 8] {
        for mood in 1..=3 {
            vault
                .log_while_locked(QuickEntry::CheckIn { mood }, 0)
                .unwrap();
            dropped += 1;
        }
        empty_wal(&path);
        disk.fill_leaving(pages);
        // A drop on the full disk is refused cleanly too.
        match vault.log_while_locked(QuickEntry::CheckIn { mood: 4 }, 0) {
            Ok(()) => dropped += 1,
            Err(VaultError::StorageFull) => refused += 1,
            Err(other) => panic!("{pages} pages left, drop: {other:?}"),
        }
        let unlocked = vault.unlock(passcode(PASSCODE));
        disk.free();
        match unlocked {
            Ok(()) => {}
            Err(VaultError::StorageFull) => {
                refused += 1;
                assert!(!vault.is_unlocked());
                vault.unlock(passcode(PASSCODE)).unwrap();
            }
            Err(other) => panic!("{pages} pages left, unlock: {other:?}"),
        }
        let events = vault.list_events(EventQuery::default()).unwrap().events;
        assert_eq!(events.len(), dropped, "entries logged while locked");
        assert!(events.iter().all(|e| e.logged_while_locked));
        assert!(vault.verify_chain().unwrap().intact);
        assert_eq!(vault.status().unwrap().damaged_records, 0);
        assert_eq!(vault.lock_state().unwrap().failed_attempts, 0);
        vault.lock();
    }
    assert!(refused >= 1, "nothing met the full disk");
    eprintln!("full disk: {test}: {refused} of 12 drops and unlocks refused with StorageFull, {dropped} entries folded once each");
}

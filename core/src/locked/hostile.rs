//! Drops planted by someone who has the file: anyone can seal to the
//! header's public key, so a dropped row's content is hostile input.

use std::time::{Duration, SystemTime};

use super::{Dropped, DroppedWhat};
use crate::access::{AccessKind, ACCESS_LOG_MAX};
use crate::domain::channel::Channel;
use crate::domain::quick::QuickEntry;
use crate::keyring::Secret;
use crate::time;
use crate::vault::{Vault, VaultSetup};
use crate::CsvQuery;

const PASSCODE: &str = "2468";

fn vault(dir: &tempfile::TempDir) -> std::sync::Arc<Vault> {
    let setup = VaultSetup {
        passcode: PASSCODE.into(),
        device_key: None,
        passcode_needs_device_key: false,
        kdf_iterations: Some(crate::KDF_FLOOR),
    };
    let vault = Vault::create(&dir.path().join("v"), setup).unwrap().vault;
    vault.lock();
    vault
}

fn unlock(vault: &Vault) {
    vault
        .unlock(Secret::Passcode {
            passcode: PASSCODE.into(),
        })
        .unwrap();
}

/// Seals `dropped` with the header's public key and writes it as a row,
/// as a forger holding a copy of the file can.
fn plant(vault: &Vault, dropped: &Dropped) {
    let header = vault.header().unwrap();
    let guard = vault.inner();
    Vault::drop_event(&guard.conn, &header, dropped).unwrap();
}

fn attempt_at(at: SystemTime) -> Dropped {
    Dropped {
        at,
        nanos: 0,
        utc_offset_seconds: 0,
        proof: None,
        what: DroppedWhat::Entry {
            entry: QuickEntry::TheirAttempt {
                person_id: crate::random_hex().unwrap(),
                channel: Channel::Call,
            },
        },
    }
}

fn access_at(at: SystemTime, kind: AccessKind) -> Dropped {
    Dropped {
        at,
        nanos: 0,
        utc_offset_seconds: 0,
        proof: None,
        what: DroppedWhat::Access { kind },
    }
}

/// Every call that reads the log's instants through the calendar.
fn read_everything(vault: &Vault) {
    vault.summary("Europe/Berlin".into()).unwrap();
    vault.streaks("UTC".into()).unwrap();
    vault.insights("UTC".into(), 104, None).unwrap();
    vault
        .export_csv(CsvQuery {
            kinds: Vec::new(),
            person_id: None,
            from: None,
            until: None,
        })
        .unwrap();
}

#[test]
fn instants_out_of_bounds_do_not_reach_the_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault(&dir);
    let before = time::now();
    // Year 292 million, year -292 million, and a day ahead.
    plant(&vault, &attempt_at(time::from_millis(i64::MAX)));
    plant(&vault, &attempt_at(time::from_millis(i64::MIN)));
    plant(&vault, &attempt_at(time::from_millis(-2_208_988_800_001)));
    plant(&vault, &attempt_at(before + Duration::from_secs(24 * 3600)));
    plant(
        &vault,
        &access_at(time::from_millis(i64::MAX), AccessKind::FailedUnlock),
    );
    // One within the allowed skew: kept, but never after the unlock.
    plant(&vault, &attempt_at(before + Duration::from_secs(60)));
    unlock(&vault);
    let after = time::now();
    read_everything(&vault);
    let events = vault
        .list_events(crate::EventQuery {
            kinds: Vec::new(),
            person_id: None,
            from: None,
            until: None,
            offset: 0,
            limit: 100,
        })
        .unwrap();
    assert!(!events.events.is_empty());
    for event in &events.events {
        assert!(
            event.at >= time::earliest() && event.at <= after,
            "{:?}",
            event.at
        );
    }
    for event in vault.access_log().unwrap() {
        assert!(event.at >= before && event.at <= after, "{:?}", event.at);
    }
    assert!(vault.chain_report().unwrap().intact);
    // A second unlock reads them back from the file the same way.
    vault.lock();
    unlock(&vault);
    read_everything(&vault);
}

#[test]
fn forged_events_do_not_push_out_unseen_failed_or_duress_unlocks() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault(&dir);
    let wrong = vault.unlock(Secret::Passcode {
        passcode: "1357".into(),
    });
    assert_eq!(wrong, Err(crate::VaultError::WrongSecret));
    let start = time::now();
    plant(&vault, &access_at(start, AccessKind::DuressUnlock));
    // Then a flood, later than both: forged unlocks, locked entries and
    // access events that name locked entries.
    for i in 0..ACCESS_LOG_MAX as u64 {
        let at = start + Duration::from_millis(1 + i);
        let kind = if i % 2 == 0 {
            AccessKind::Unlock
        } else {
            AccessKind::LockedEntry
        };
        plant(&vault, &access_at(at, kind));
        plant(&vault, &attempt_at(at));
    }
    unlock(&vault);
    let log = vault.access_log().unwrap();
    assert!(log.len() <= ACCESS_LOG_MAX);
    let count = |kind| log.iter().filter(|e| e.kind == kind && e.new).count();
    assert_eq!(count(AccessKind::FailedUnlock), 1);
    assert_eq!(count(AccessKind::DuressUnlock), 1);
    // The unlock just made is there too.
    assert_eq!(log[0].kind, AccessKind::Unlock);
    read_everything(&vault);
}

#[test]
fn a_forged_cover_unlock_does_not_reset_the_count_the_erase_policy_reads() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault(&dir);
    unlock(&vault);
    vault.set_duress_passcode("8080".into()).unwrap();
    vault
        .set_lock_policy(
            crate::LockPolicy {
                erase_after_failures: Some(5),
                idle_timeout_seconds: 60,
            },
            true,
        )
        .unwrap();
    vault.lock();
    let wrong = || Secret::Passcode {
        passcode: "0000".into(),
    };
    let row = |failures: u32| {
        let conn = crate::store::open(&dir.path().join("v")).unwrap();
        let mut lock = crate::lockout::LockRow::parse(
            &crate::store::read_meta(&conn, crate::store::LOCK_ROW).unwrap(),
        )
        .unwrap();
        lock.failures = failures;
        let bytes = lock.to_bytes();
        crate::store::write_meta_in(&conn, &[(crate::store::LOCK_ROW, &bytes)]).unwrap();
    };
    for _ in 0..4 {
        assert_eq!(vault.unlock(wrong()), Err(crate::VaultError::WrongSecret));
    }
    // The count set back in clear, and a cover's unlock forged after the
    // guesses (without the cover's proof).
    row(0);
    plant(&vault, &access_at(time::now(), AccessKind::DuressUnlock));
    for _ in 0..4 {
        assert_eq!(vault.unlock(wrong()), Err(crate::VaultError::WrongSecret));
    }
    row(0);
    plant(&vault, &access_at(time::now(), AccessKind::DuressUnlock));
    assert_eq!(
        vault.unlock(Secret::Passcode {
            passcode: PASSCODE.into()
        }),
        Err(crate::VaultError::Erased)
    );
}

#[test]
fn a_cover_unlock_note_carries_a_proof_only_the_cover_key_makes() {
    let key = crate::crypto::seal::SealKey::new(&[7u8; 32]).unwrap();
    let other = crate::crypto::seal::SealKey::new(&[8u8; 32]).unwrap();
    let note = Dropped::cover_unlocked(&key).unwrap();
    assert!(note.proves_cover_unlock(Some(&key)));
    assert!(!note.proves_cover_unlock(Some(&other)));
    assert!(!note.proves_cover_unlock(None));
    // The proof is bound to the instant: moved, it proves nothing.
    let mut moved = note.clone();
    moved.nanos += 1;
    assert!(!moved.proves_cover_unlock(Some(&key)));
    let forged = access_at(time::now(), AccessKind::DuressUnlock);
    assert!(!forged.proves_cover_unlock(Some(&key)));
}

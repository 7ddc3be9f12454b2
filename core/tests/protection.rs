//! Discretion and protection: logging while locked, the lock policy and
//! its stored backoff, the access log, the duress space and crypto-erase.

mod common;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use common::*;
use nocontact_core::{
    AccessKind, Channel, ContactMode, EventBody, LocalDate, LockPolicy, PersonInput, QuickEntry,
    Relationship, Secret, UrgeOutcome, Vault, VaultError,
};

const DURESS: &str = "8080";

fn open(path: &std::path::Path) -> Result<Arc<Vault>, VaultError> {
    Vault::open(path.to_string_lossy().into_owned())
}

fn person(vault: &Vault, alias: &str) -> String {
    vault
        .add_person(PersonInput {
            alias: alias.into(),
            relationship: Relationship::ExPartner,
            mode: ContactMode::NoContact,
            no_contact_since: LocalDate {
                year: 2026,
                month: 1,
                day: 15,
            },
            blocked_on: Vec::new(),
            notes: String::new(),
        })
        .unwrap()
        .id
}

fn events(vault: &Vault) -> Result<Vec<nocontact_core::Event>, VaultError> {
    vault.list_events(EventQuery::default()).map(|p| p.events)
}

fn kinds(vault: &Vault) -> Vec<AccessKind> {
    vault
        .access_log()
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect()
}

fn wrong() -> Secret {
    passcode("0000")
}

#[test]
fn dropped_entries_stay_sealed_until_unlock_and_arrive_in_order() {
    let f = fixture();
    let ex = person(&f.vault, "River Ashdown-Quill");
    f.vault.lock();
    let before_count = f.vault.status().unwrap().record_count;

    // A widget opens the file on its own and logs without a secret.
    let widget = open(&f.path).unwrap();
    let t0 = SystemTime::now() - Duration::from_millis(2);
    let quick = [
        QuickEntry::TheirAttempt {
            person_id: ex.clone(),
            channel: Channel::Call,
        },
        QuickEntry::Urge {
            intensity: 7,
            person_id: Some(ex.clone()),
        },
        QuickEntry::CheckIn { mood: 3 },
    ];
    for entry in quick.clone() {
        widget.log_while_locked(entry, -18_000).unwrap();
        std::thread::sleep(Duration::from_millis(5));
    }
    let t1 = SystemTime::now();

    // Nothing is readable without the key, and the copy shows only rows.
    assert_eq!(events(&widget), Err(VaultError::Locked));
    assert_eq!(events(&f.vault), Err(VaultError::Locked));
    assert_eq!(widget.status().unwrap().record_count, before_count + 3);
    let bytes = all_bytes(&f.path);
    for needle in [
        ex.as_bytes(),
        b"their_attempt",
        b"urge",
        b"check_in",
        b"call",
    ] {
        assert!(!contains(&bytes, needle));
    }

    f.vault.unlock(passcode(PASSCODE)).unwrap();
    let mut logged = events(&f.vault).unwrap();
    logged.reverse(); // oldest first
    assert_eq!(logged.len(), 3);
    assert!(logged.iter().all(|e| e.logged_while_locked));
    assert!(logged.windows(2).all(|w| w[0].at < w[1].at));
    assert!(logged.iter().all(|e| e.at >= t0 && e.at <= t1));
    assert!(logged.iter().all(|e| e.utc_offset_seconds == -18_000));
    assert!(logged.iter().all(|e| e.recorded_at == e.at));
    match &logged[0].body {
        EventBody::TheirAttempt { attempt } => {
            assert_eq!(
                (attempt.person_id.as_str(), attempt.channel),
                (ex.as_str(), Channel::Call)
            )
        }
        other => panic!("expected an attempt, got {other:?}"),
    }
    match &logged[1].body {
        EventBody::Urge { urge } => {
            assert_eq!((urge.intensity, urge.outcome), (7, UrgeOutcome::Delayed))
        }
        other => panic!("expected an urge, got {other:?}"),
    }
    assert!(matches!(&logged[2].body, EventBody::CheckIn { check_in } if check_in.mood == 3));
    // The drop rows became ledger records: the chain verifies, the access
    // log shows three locked entries, and they stay after a relock.
    assert!(f.vault.verify_chain().unwrap().intact);
    let log = kinds(&f.vault);
    assert_eq!(
        log.iter()
            .filter(|k| **k == AccessKind::LockedEntry)
            .count(),
        3
    );
    f.vault.lock();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(events(&f.vault).unwrap().len(), 3);
    // The mark survives an amendment.
    let first = &logged[0];
    let amended = f
        .vault
        .amend_event(
            first.id.clone(),
            nocontact_core::NewEvent {
                at: None,
                utc_offset_seconds: first.utc_offset_seconds,
                body: first.body.clone(),
            },
        )
        .unwrap();
    assert!(amended.logged_while_locked);
    assert_eq!(amended.revision, 1);
}

#[test]
fn logging_while_unlocked_joins_the_log_at_once() {
    let f = fixture();
    f.vault
        .log_while_locked(QuickEntry::CheckIn { mood: 4 }, 0)
        .unwrap();
    let logged = events(&f.vault).unwrap();
    assert_eq!(logged.len(), 1);
    assert!(logged[0].logged_while_locked);
    assert!(f.vault.chain_report().unwrap().intact);
}

#[test]
fn bad_quick_entries_are_refused_and_store_nothing() {
    let f = fixture();
    f.vault.lock();
    let count = f.vault.status().unwrap().record_count;
    let cases = [
        (QuickEntry::CheckIn { mood: 0 }, 0, "mood"),
        (QuickEntry::CheckIn { mood: 6 }, 0, "mood"),
        (
            QuickEntry::Urge {
                intensity: 11,
                person_id: None,
            },
            0,
            "intensity",
        ),
        (
            QuickEntry::TheirAttempt {
                person_id: "nope".into(),
                channel: Channel::Text,
            },
            0,
            "person_id",
        ),
        (
            QuickEntry::Urge {
                intensity: 2,
                person_id: Some("💥".repeat(10_000)),
            },
            0,
            "person_id",
        ),
        (
            QuickEntry::CheckIn { mood: 3 },
            19 * 3600,
            "utc_offset_seconds",
        ),
    ];
    for (entry, offset, field) in cases {
        assert_eq!(
            f.vault.log_while_locked(entry, offset),
            Err(VaultError::invalid_field(field))
        );
    }
    assert_eq!(f.vault.status().unwrap().record_count, count);
}

#[test]
fn the_backoff_holds_across_reopening_the_vault() {
    let f = fixture();
    f.vault.lock();
    for i in 1..=5u32 {
        assert_eq!(f.vault.unlock(wrong()), Err(VaultError::WrongSecret));
        assert_eq!(f.vault.lock_state().unwrap().failed_attempts, i);
    }
    // A new process: the count and the wait are in the file.
    drop(f.vault);
    let reopened = open(&f.path).unwrap();
    let state = reopened.lock_state().unwrap();
    assert_eq!(state.failed_attempts, 5);
    assert!(state.retry_after_seconds > 0 && state.retry_after_seconds <= 30);
    // Even the right passcode waits; the refused attempt is not counted.
    match reopened.unlock(passcode(PASSCODE)) {
        Err(VaultError::TryLater { seconds }) => assert!((1..=30).contains(&seconds)),
        other => panic!("expected TryLater, got {other:?}"),
    }
    assert_eq!(reopened.lock_state().unwrap().failed_attempts, 5);
    // Input that cannot be a secret is refused without counting.
    assert_eq!(
        reopened.unlock(passcode("")),
        Err(VaultError::invalid_field("passcode"))
    );
    // Once the wait is over (moved back in the file here), the right
    // passcode opens and resets the count.
    set_last_attempt(&f.path, SystemTime::now() - Duration::from_secs(31));
    reopened.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(reopened.lock_state().unwrap().failed_attempts, 0);
    let failed = kinds(&reopened)
        .iter()
        .filter(|k| **k == AccessKind::FailedUnlock)
        .count();
    assert_eq!(failed, 5);
}

/// Moves the last attempt's instant in the lock row (`h` row 3).
fn set_last_attempt(path: &std::path::Path, at: SystemTime) {
    let conn = raw(path);
    let mut row: Vec<u8> = conn
        .query_row("SELECT v FROM h WHERE k = 3", [], |r| r.get(0))
        .unwrap();
    let ms = at
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    row[5..13].copy_from_slice(&ms.to_le_bytes());
    conn.execute("UPDATE h SET v = ?1 WHERE k = 3", [row])
        .unwrap();
}

#[test]
fn the_access_log_shows_a_failed_attempt_between_two_unlocks() {
    let f = fixture();
    f.vault.lock();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    f.vault.acknowledge_access_log().unwrap();
    f.vault.lock();
    assert_eq!(f.vault.unlock(wrong()), Err(VaultError::WrongSecret));
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    let log = f.vault.access_log().unwrap();
    let shown: Vec<(AccessKind, bool)> = log.iter().map(|e| (e.kind, e.new)).collect();
    assert_eq!(
        &shown[..3],
        &[
            (AccessKind::Unlock, true),
            (AccessKind::FailedUnlock, true),
            (AccessKind::Unlock, false),
        ]
    );
    assert!(log.windows(2).all(|w| w[0].at >= w[1].at));
    f.vault.acknowledge_access_log().unwrap();
    assert!(f.vault.access_log().unwrap().iter().all(|e| !e.new));
    // The log is sealed: locked, it cannot be read.
    f.vault.lock();
    assert_eq!(f.vault.access_log(), Err(VaultError::Locked));
}

#[test]
fn erase_after_too_many_failures_when_asked_for() {
    let f = fixture();
    let policy = LockPolicy {
        erase_after_failures: Some(5),
        idle_timeout_seconds: 60,
    };
    assert_eq!(
        f.vault.set_lock_policy(policy, false),
        Err(VaultError::invalid_field("accept_evidence_loss"))
    );
    f.vault.set_lock_policy(policy, true).unwrap();
    assert_eq!(f.vault.lock_policy().unwrap(), policy);
    f.vault.lock();
    for left in (1..=4u32).rev() {
        assert_eq!(f.vault.unlock(wrong()), Err(VaultError::WrongSecret));
        assert_eq!(
            f.vault.lock_state().unwrap().attempts_before_erase,
            Some(left)
        );
    }
    assert_eq!(f.vault.unlock(wrong()), Err(VaultError::Erased));
    assert!(!f.path.exists());
    assert_eq!(f.vault.unlock(passcode(PASSCODE)), Err(VaultError::Erased));
    assert_eq!(open(&f.path).err(), Some(VaultError::NotFound));
}

#[test]
fn a_duress_passcode_opens_only_the_cover_space() {
    let f = fixture();
    let ex = person(&f.vault, "Real Person Name");
    f.vault
        .add_reflection(journal("REAL-MARKER what happened"))
        .unwrap();
    assert_eq!(
        f.vault.set_duress_passcode(PASSCODE.into()),
        Err(VaultError::invalid_field("duress_passcode"))
    );
    assert!(!f.vault.has_duress_passcode().unwrap());
    f.vault.set_duress_passcode(DURESS.into()).unwrap();
    assert!(f.vault.has_duress_passcode().unwrap());
    let real_status = f.vault.status().unwrap();
    f.vault.lock();

    // The cover: empty, then filled with something mundane.
    f.vault.unlock(passcode(DURESS)).unwrap();
    assert!(f.vault.list_people(true).unwrap().is_empty());
    assert!(reflections(&f.vault).unwrap().is_empty());
    assert!(events(&f.vault).unwrap().is_empty());
    assert!(!f.vault.has_duress_passcode().unwrap());
    let status = f.vault.status().unwrap();
    assert_eq!(status.damaged_records, 0);
    assert!(status.record_count < real_status.record_count);
    assert!(f.vault.chain_report().unwrap().intact);
    assert!(f.vault.verify_chain().unwrap().intact);
    assert_eq!(kinds(&f.vault), vec![AccessKind::Unlock]);
    let cousin = person(&f.vault, "Cousin Pat");
    f.vault.add_reflection(journal("groceries")).unwrap();
    assert_eq!(f.vault.get_person(ex.clone()), Err(VaultError::NotFound));
    // The cover answers the duress calls as a vault without one does
    // (tests/security.rs compares them call by call).
    f.vault.set_duress_passcode("1357".into()).unwrap();
    assert!(f.vault.has_duress_passcode().unwrap());
    f.vault.remove_duress_passcode().unwrap();
    assert!(!f.vault.has_duress_passcode().unwrap());
    // A quick entry made while the cover is open goes to the real space.
    f.vault
        .log_while_locked(QuickEntry::CheckIn { mood: 2 }, 0)
        .unwrap();
    assert!(events(&f.vault).unwrap().is_empty());
    f.vault.lock();

    f.vault.unlock(passcode(PASSCODE)).unwrap();
    let people = f.vault.list_people(true).unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].id, ex);
    assert_eq!(f.vault.get_person(cousin), Err(VaultError::NotFound));
    let texts: Vec<String> = reflections(&f.vault)
        .unwrap()
        .into_iter()
        .map(|r| r.body.text)
        .collect();
    assert_eq!(texts, vec!["REAL-MARKER what happened".to_string()]);
    assert_eq!(f.vault.status().unwrap().damaged_records, 0);
    assert!(f.vault.verify_chain().unwrap().intact);
    let log = kinds(&f.vault);
    assert!(log.contains(&AccessKind::DuressUnlock));
    let logged = events(&f.vault).unwrap();
    assert_eq!(logged.len(), 1);
    assert!(logged[0].logged_while_locked);

    // Changing the real passcode to the duress one is refused; removing
    // the duress passcode deletes the cover and its passcode opens nothing.
    assert_eq!(
        f.vault.change_passcode(DURESS.into(), None),
        Err(VaultError::invalid_field("passcode"))
    );
    let with_cover = f.vault.status().unwrap();
    f.vault.remove_duress_passcode().unwrap();
    assert!(!f.vault.has_duress_passcode().unwrap());
    f.vault.lock();
    let without_cover = f.vault.status().unwrap().record_count;
    // The cover's rows are gone from the file: it holds the real space's alone.
    assert_eq!(without_cover, with_cover.record_count);
    assert_eq!(
        f.vault.unlock(passcode(DURESS)),
        Err(VaultError::WrongSecret)
    );
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(f.vault.list_people(true).unwrap().len(), 1);
}

#[test]
fn a_cover_passcode_changed_to_the_real_one_still_opens_the_real_space() {
    let f = fixture();
    f.vault.add_reflection(journal("real")).unwrap();
    f.vault.set_duress_passcode(DURESS.into()).unwrap();
    f.vault.lock();
    f.vault.unlock(passcode(DURESS)).unwrap();
    f.vault.add_reflection(journal("cover")).unwrap();
    // Whoever holds the cover cannot tell the real passcode from another.
    f.vault.change_passcode(PASSCODE.into(), None).unwrap();
    f.vault.lock();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    let texts: Vec<String> = reflections(&f.vault)
        .unwrap()
        .into_iter()
        .map(|r| r.body.text)
        .collect();
    assert_eq!(texts, vec!["real".to_string()]);
}

/// The rows of `h` and their lengths, and the header's length.
fn shape(path: &std::path::Path) -> Vec<(i64, usize)> {
    let conn = raw(path);
    let mut stmt = conn
        .prepare("SELECT k, length(v) FROM h ORDER BY k")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn the_header_has_one_shape_with_or_without_a_duress_space() {
    let plain = fixture();
    let duress = fixture();
    duress.vault.set_duress_passcode(DURESS.into()).unwrap();
    duress.vault.lock();
    plain.vault.lock();
    assert_eq!(shape(&plain.path), shape(&duress.path));
    let header = |path: &std::path::Path| -> Vec<u8> {
        raw(path)
            .query_row("SELECT v FROM h WHERE k = 0", [], |r| r.get(0))
            .unwrap()
    };
    let (a, b) = (header(&plain.path), header(&duress.path));
    assert_eq!(a.len(), b.len());
    // Same version byte and KDF count; everything else is random-looking
    // in both (no zeroed or constant slot that would mark an unused one).
    assert_eq!(a[..5], b[..5]);
    for h in [&a, &b] {
        for slot in h[5 + 32 + 32..].chunks(93) {
            assert_eq!(slot.len(), 93);
            let distinct: std::collections::BTreeSet<u8> = slot.iter().copied().collect();
            assert!(distinct.len() > 40, "a slot that does not look random");
        }
    }
    // The cover space opens and is empty.
    duress.vault.unlock(passcode(DURESS)).unwrap();
    assert!(reflections(&duress.vault).unwrap().is_empty());
}

#[test]
fn erase_leaves_nothing_that_opens() {
    let f = fixture();
    f.vault.add_reflection(journal("ERASE-MARKER-9")).unwrap();
    f.vault.set_duress_passcode(DURESS.into()).unwrap();
    let started = std::time::Instant::now();
    f.vault.erase().unwrap();
    assert!(started.elapsed() < Duration::from_secs(5));
    for suffix in ["", "-wal", "-shm"] {
        let mut p = f.path.as_os_str().to_owned();
        p.push(suffix);
        assert!(!std::path::Path::new(&p).exists());
    }
    assert_eq!(f.vault.unlock(passcode(PASSCODE)), Err(VaultError::Erased));
    assert_eq!(
        f.vault.unlock(Secret::RecoveryCode {
            code: f.recovery_code.clone()
        }),
        Err(VaultError::Erased)
    );
    assert_eq!(f.vault.status(), Err(VaultError::Erased));
    assert_eq!(events(&f.vault), Err(VaultError::Erased));
    assert_eq!(
        f.vault
            .log_while_locked(QuickEntry::CheckIn { mood: 3 }, 0)
            .err(),
        Some(VaultError::Erased)
    );
    assert_eq!(f.vault.erase(), Ok(()));
    assert_eq!(open(&f.path).err(), Some(VaultError::NotFound));
}

#[test]
fn the_file_names_nothing_and_notifications_start_neutral() {
    let f = fixture();
    assert_eq!(
        f.vault.reminder_settings().unwrap().discretion,
        nocontact_core::Discretion::Neutral
    );
    f.vault.set_duress_passcode(DURESS.into()).unwrap();
    f.vault
        .log_while_locked(QuickEntry::CheckIn { mood: 3 }, 0)
        .unwrap();
    f.vault.lock();
    f.vault
        .log_while_locked(QuickEntry::CheckIn { mood: 3 }, 0)
        .unwrap();
    let _ = f.vault.unlock(wrong());
    let bytes = all_bytes(&f.path).to_ascii_lowercase();
    for word in [
        "nocontact",
        "no contact",
        "no_contact",
        "vault",
        "duress",
        "drop",
        "access",
        "unlock",
        "ledger",
        "abuse",
    ] {
        assert!(!contains(&bytes, word.as_bytes()), "{word} in the file");
    }
}

#[test]
fn the_idle_timeout_is_reported_and_reset() {
    let f = fixture();
    let left = f.vault.idle_seconds_left().unwrap();
    assert!(left <= u64::from(nocontact_core::DEFAULT_IDLE_TIMEOUT_SECONDS));
    assert!(left + 5 >= u64::from(nocontact_core::DEFAULT_IDLE_TIMEOUT_SECONDS));
    f.vault.touch();
    f.vault
        .set_lock_policy(
            LockPolicy {
                erase_after_failures: None,
                idle_timeout_seconds: 0,
            },
            false,
        )
        .unwrap();
    assert_eq!(f.vault.idle_seconds_left(), None);
    for bad in [1, 14, 86_401] {
        assert_eq!(
            f.vault.set_lock_policy(
                LockPolicy {
                    erase_after_failures: None,
                    idle_timeout_seconds: bad,
                },
                false,
            ),
            Err(VaultError::invalid_field("idle_timeout_seconds"))
        );
    }
    f.vault.lock();
    assert_eq!(f.vault.idle_seconds_left(), None);
    // Policy changes need the vault open.
    assert_eq!(
        f.vault.set_lock_policy(LockPolicy::default(), false),
        Err(VaultError::Locked)
    );
}

#[test]
fn entries_logged_while_locked_export_and_verify_with_their_mark() {
    let f = fixture();
    let ex = person(&f.vault, "Jordan");
    f.vault.lock();
    f.vault
        .log_while_locked(
            QuickEntry::TheirAttempt {
                person_id: ex,
                channel: Channel::Text,
            },
            3600,
        )
        .unwrap();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    let folder = f.dir.path().join("export");
    let summary = f
        .vault
        .export_evidence(
            nocontact_core::EvidenceOptions {
                person_id: None,
                kinds: Vec::new(),
                include_reflections: false,
                from: None,
                until: None,
                zone: "Europe/Berlin".into(),
            },
            folder.to_string_lossy().into_owned(),
            None,
        )
        .unwrap();
    let verdict =
        nocontact_core::verify_evidence(folder.to_string_lossy().into_owned(), Some(summary.code))
            .unwrap();
    assert!(verdict.valid, "{:?}", verdict.problems);
    let json = std::fs::read_to_string(folder.join("evidence.json")).unwrap();
    assert!(json.contains("\"locked\": true") || json.contains("\"locked\":true"));
    let html = std::fs::read_to_string(folder.join("report.html")).unwrap();
    assert!(html.contains("while the app was locked"));
}

#[test]
fn quick_drops_in_a_burst_keep_their_order() {
    let f = fixture();
    f.vault.lock();
    let widget = open(&f.path).unwrap();
    for i in 0..30u8 {
        widget
            .log_while_locked(
                QuickEntry::Urge {
                    intensity: i % 11,
                    person_id: None,
                },
                0,
            )
            .unwrap();
    }
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    let mut logged = events(&f.vault).unwrap();
    logged.reverse();
    let intensities: Vec<u8> = logged
        .iter()
        .map(|e| match &e.body {
            EventBody::Urge { urge } => urge.intensity,
            _ => 99,
        })
        .collect();
    let expected: Vec<u8> = (0..30u8).map(|i| i % 11).collect();
    assert_eq!(intensities, expected);
}

#[test]
fn each_space_keeps_its_own_device_key() {
    let f = fixture();
    f.vault.add_reflection(journal("real")).unwrap();
    f.vault.set_duress_passcode(DURESS.into()).unwrap();
    f.vault.set_device_key(vec![1u8; 32]).unwrap();
    f.vault.lock();
    f.vault.unlock(passcode(DURESS)).unwrap();
    f.vault.add_reflection(journal("cover")).unwrap();
    assert!(!f.vault.status().unwrap().has_device_key);
    f.vault.set_device_key(vec![2u8; 32]).unwrap();
    assert!(f.vault.status().unwrap().has_device_key);
    f.vault.lock();
    let text = |key: u8| {
        f.vault.lock();
        f.vault
            .unlock(Secret::DeviceKey { key: vec![key; 32] })
            .unwrap();
        reflections(&f.vault).unwrap()[0].body.text.clone()
    };
    assert_eq!(text(1), "real");
    assert_eq!(text(2), "cover");
    // All five slots in use still open what they opened before.
    f.vault.lock();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(reflections(&f.vault).unwrap()[0].body.text, "real");
    f.vault.lock();
    f.vault
        .unlock(Secret::RecoveryCode {
            code: f.recovery_code.clone(),
        })
        .unwrap();
    assert_eq!(reflections(&f.vault).unwrap()[0].body.text, "real");
    f.vault.lock();
    f.vault.unlock(passcode(DURESS)).unwrap();
    assert_eq!(reflections(&f.vault).unwrap()[0].body.text, "cover");
}

#[test]
fn a_locked_entry_naming_a_person_deleted_meanwhile_is_kept() {
    let f = fixture();
    let ex = person(&f.vault, "Ash");
    // The app holds the vault unlocked; the widget, still showing Ash,
    // logs an attempt while the person deletes Ash in the app.
    let widget = open(&f.path).unwrap();
    widget
        .log_while_locked(
            QuickEntry::TheirAttempt {
                person_id: ex.clone(),
                channel: Channel::Text,
            },
            0,
        )
        .unwrap();
    f.vault.delete_person(ex.clone()).unwrap();
    f.vault.lock();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    let events = events(&f.vault).unwrap();
    assert_eq!(events.len(), 1, "the widget's entry is lost");
    eprintln!("{:?}", events[0]);
    assert!(f.vault.chain_report().unwrap().intact);
    assert_eq!(f.vault.status().unwrap().damaged_records, 0);
}

/// Rewrites bytes of the lock row (`h` row 3) as a hand on the file can.
fn edit_lock_row(path: &std::path::Path, at: usize, bytes: &[u8]) {
    let conn = raw(path);
    let mut row: Vec<u8> = conn
        .query_row("SELECT v FROM h WHERE k = 3", [], |r| r.get(0))
        .unwrap();
    row[at..at + bytes.len()].copy_from_slice(bytes);
    conn.execute("UPDATE h SET v = ?1 WHERE k = 3", [row])
        .unwrap();
}

fn erase_after(vault: &Vault, n: u32) {
    vault
        .set_lock_policy(
            LockPolicy {
                erase_after_failures: Some(n),
                idle_timeout_seconds: 60,
            },
            true,
        )
        .unwrap();
}

#[test]
fn a_policy_turned_off_in_the_clear_row_comes_back_at_the_next_unlock() {
    let f = fixture();
    erase_after(&f.vault, 10);
    f.vault.lock();
    // Erase off, idle timeout off, in the row in clear.
    edit_lock_row(&f.path, 13, &0u32.to_le_bytes());
    edit_lock_row(&f.path, 17, &0u32.to_le_bytes());
    let reopened = open(&f.path).unwrap();
    assert_eq!(reopened.lock_policy().unwrap().erase_after_failures, None);
    reopened.unlock(passcode(PASSCODE)).unwrap();
    let policy = reopened.lock_policy().unwrap();
    assert_eq!(policy.erase_after_failures, Some(10));
    assert_eq!(policy.idle_timeout_seconds, 60);
    assert!(reopened.idle_seconds_left().is_some_and(|s| s <= 60));
    // A change made in the app is a change of both.
    reopened
        .set_lock_policy(
            LockPolicy {
                erase_after_failures: None,
                idle_timeout_seconds: 300,
            },
            false,
        )
        .unwrap();
    reopened.lock();
    reopened.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(
        reopened.lock_policy().unwrap(),
        LockPolicy {
            erase_after_failures: None,
            idle_timeout_seconds: 300,
        }
    );
}

#[test]
fn a_failure_count_set_back_in_the_clear_row_still_erases_at_the_next_unlock() {
    let f = fixture();
    f.vault.add_reflection(journal("kept")).unwrap();
    erase_after(&f.vault, 5);
    f.vault.lock();
    let guesser = open(&f.path).unwrap();
    for round in 0..3 {
        for _ in 0..4 {
            assert_eq!(guesser.unlock(wrong()), Err(VaultError::WrongSecret));
        }
        // The count and the wait set back by hand before the fifth guess.
        edit_lock_row(&f.path, 1, &0u32.to_le_bytes());
        assert_eq!(guesser.lock_state().unwrap().failed_attempts, 0, "{round}");
    }
    // Twelve failures against a limit of five: the guess that is right
    // erases instead of opening.
    assert_eq!(guesser.unlock(passcode(PASSCODE)), Err(VaultError::Erased));
    assert!(!f.path.exists());
    assert_eq!(
        open(&f.path).err(),
        Some(VaultError::NotFound),
        "the file is gone"
    );
}

#[test]
fn failures_below_the_limit_and_a_cover_unlock_between_them_do_not_erase() {
    let f = fixture();
    f.vault.add_reflection(journal("kept")).unwrap();
    f.vault.set_duress_passcode(DURESS.into()).unwrap();
    erase_after(&f.vault, 5);
    f.vault.lock();
    let v = open(&f.path).unwrap();
    for _ in 0..4 {
        assert_eq!(v.unlock(wrong()), Err(VaultError::WrongSecret));
    }
    // The cover opens and resets the count: the four before it are not
    // counted against the real space either.
    v.unlock(passcode(DURESS)).unwrap();
    v.lock();
    for _ in 0..4 {
        assert_eq!(v.unlock(wrong()), Err(VaultError::WrongSecret));
    }
    v.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(
        v.list_reflections(ReflectionQuery::default())
            .unwrap()
            .reflections
            .len(),
        1
    );
    let failed = kinds(&v)
        .iter()
        .filter(|k| **k == AccessKind::FailedUnlock)
        .count();
    assert_eq!(failed, 8);
}

struct TestBootClock(std::sync::atomic::AtomicU64);

impl nocontact_core::BootClock for TestBootClock {
    fn millis_since_boot(&self) -> u64 {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }
}

#[test]
fn on_the_boot_clock_the_wait_survives_a_date_set_forward() {
    use std::sync::atomic::Ordering;
    let f = fixture();
    f.vault.lock();
    let clock = Arc::new(TestBootClock(std::sync::atomic::AtomicU64::new(7_200_000)));
    let v = open(&f.path).unwrap();
    v.set_boot_clock(clock.clone());
    for _ in 0..5 {
        assert_eq!(v.unlock(wrong()), Err(VaultError::WrongSecret));
    }
    assert_eq!(v.lock_state().unwrap().retry_after_seconds, 30);
    // The date set a day forward (here: the last attempt a day back in
    // the file, which is what the wall clock would see).
    set_last_attempt(&f.path, SystemTime::now() - Duration::from_secs(86_400));
    assert_eq!(v.lock_state().unwrap().retry_after_seconds, 30);
    assert!(matches!(
        v.unlock(passcode(PASSCODE)),
        Err(VaultError::TryLater { seconds: 30 })
    ));
    // Without the boot clock, the same file would let it through.
    let no_clock = open(&f.path).unwrap();
    assert_eq!(no_clock.lock_state().unwrap().retry_after_seconds, 0);
    // Twenty seconds on the boot clock: ten to go.
    clock.0.fetch_add(20_000, Ordering::SeqCst);
    assert_eq!(v.lock_state().unwrap().retry_after_seconds, 10);
    // The device restarted five seconds ago: the wait counts from boot.
    clock.0.store(5_000, Ordering::SeqCst);
    assert_eq!(v.lock_state().unwrap().retry_after_seconds, 25);
    clock.0.store(31_000, Ordering::SeqCst);
    v.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(v.lock_state().unwrap().failed_attempts, 0);
}

#[test]
fn the_cover_cannot_turn_the_real_policy_off_nor_bring_back_one_turned_off() {
    let f = fixture();
    f.vault.set_duress_passcode(DURESS.into()).unwrap();
    erase_after(&f.vault, 10);
    f.vault.lock();
    // Made to open the cover and turn the erase off there.
    f.vault.unlock(passcode(DURESS)).unwrap();
    f.vault
        .set_lock_policy(
            LockPolicy {
                erase_after_failures: None,
                idle_timeout_seconds: 60,
            },
            false,
        )
        .unwrap();
    assert_eq!(f.vault.lock_policy().unwrap().erase_after_failures, None);
    f.vault.lock();
    // The real space's sealed copy brings it back.
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(
        f.vault.lock_policy().unwrap().erase_after_failures,
        Some(10)
    );
    // The cover opened while the erase is on, then the erase turned off in
    // the real space: the cover's next unlock does not bring it back.
    f.vault.lock();
    f.vault.unlock(passcode(DURESS)).unwrap();
    f.vault.lock();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    f.vault
        .set_lock_policy(
            LockPolicy {
                erase_after_failures: None,
                idle_timeout_seconds: 60,
            },
            false,
        )
        .unwrap();
    f.vault.lock();
    f.vault.unlock(passcode(DURESS)).unwrap();
    f.vault.lock();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(f.vault.lock_policy().unwrap().erase_after_failures, None);
}

//! Hostile and careless input the vault must refuse without losing
//! anything: mistyped recovery codes, weak backup passphrases, and the
//! files the vault and its exports leave on disk.

mod common;

use common::*;
use nocontact_core::{Secret, VaultError};

fn typo(code: &str, at: usize) -> String {
    let mut chars: Vec<char> = code.chars().collect();
    let i = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| **c != '-')
        .nth(at)
        .map(|(i, _)| i)
        .unwrap();
    chars[i] = if chars[i] == '7' { '8' } else { '7' };
    chars.into_iter().collect()
}

#[test]
fn a_mistyped_recovery_code_is_refused_without_counting_an_attempt() {
    let f = fixture();
    f.vault.lock();
    for at in [0, 13, 31, 32] {
        assert_eq!(
            f.vault.unlock(Secret::RecoveryCode {
                code: typo(&f.recovery_code, at),
            }),
            Err(VaultError::invalid_field("recovery_code")),
            "typo at {at}"
        );
    }
    assert_eq!(f.vault.lock_state().unwrap().failed_attempts, 0);
    // Without the check character, as codes were shown before it existed.
    let (body, _check) = f.recovery_code.rsplit_once('-').unwrap();
    f.vault
        .unlock(Secret::RecoveryCode {
            code: body.to_lowercase(),
        })
        .unwrap();
    f.vault.lock();
    f.vault
        .unlock(Secret::RecoveryCode {
            code: f.recovery_code.replace('-', " "),
        })
        .unwrap();
}

#[test]
fn recover_keeps_the_device_key_hardening() {
    let key = vec![9u8; 32];
    let f = fixture_with(nocontact_core::VaultSetup {
        device_key: Some(key.clone()),
        passcode_needs_device_key: true,
        ..setup()
    });
    f.vault.add_reflection(journal("kept")).unwrap();
    f.vault.lock();
    // Without the key, nothing changes and the vault stays locked.
    assert_eq!(
        f.vault
            .recover(f.recovery_code.clone(), "new passcode".into()),
        Err(VaultError::invalid_field("device_key"))
    );
    assert!(!f.vault.is_unlocked());
    let both = |p: &str| Secret::PasscodeAndDeviceKey {
        passcode: p.into(),
        key: key.clone(),
    };
    f.vault.unlock(both(PASSCODE)).unwrap();
    f.vault.lock();
    f.vault
        .recover_with_device_key(
            f.recovery_code.clone(),
            "new passcode".into(),
            Some(key.clone()),
        )
        .unwrap();
    assert!(f.vault.status().unwrap().passcode_needs_device_key);
    f.vault.lock();
    // A copy of the file and the new passcode alone open nothing.
    assert_eq!(
        f.vault.unlock(passcode("new passcode")),
        Err(VaultError::WrongSecret)
    );
    f.vault.unlock(both("new passcode")).unwrap();
    assert_eq!(reflections(&f.vault).unwrap()[0].body.text, "kept");
}

#[test]
fn recover_refuses_a_device_key_that_does_not_open_its_slot() {
    let key = vec![9u8; 32];
    let f = fixture_with(nocontact_core::VaultSetup {
        device_key: Some(key.clone()),
        passcode_needs_device_key: false,
        ..setup()
    });
    f.vault.lock();
    assert_eq!(
        f.vault.recover_with_device_key(
            f.recovery_code.clone(),
            "new passcode".into(),
            Some(vec![8; 32])
        ),
        Err(VaultError::invalid_field("device_key"))
    );
    assert!(!f.vault.is_unlocked());
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    f.vault.lock();
    // Without a key, a passcode that did not need one stays passcode-only.
    f.vault
        .recover(f.recovery_code.clone(), "new passcode".into())
        .unwrap();
    f.vault.lock();
    f.vault.unlock(passcode("new passcode")).unwrap();
    f.vault.lock();
    f.vault.unlock(Secret::DeviceKey { key }).unwrap();
}

#[test]
fn a_backup_needs_a_strong_passphrase_or_a_generated_one() {
    let f = fixture();
    f.vault.add_reflection(journal("to keep")).unwrap();
    let file = f.dir.path().join("b.bin");
    let file_arg = file.to_string_lossy().into_owned();
    for weak in [
        "abcd",
        "1234567890123456",
        "passwordpassword",
        "aaaaaaaaaaaaaaaaaaaa",
    ] {
        assert_eq!(
            f.vault.export_backup(file_arg.clone(), weak.into(), None),
            Err(VaultError::invalid_field("passphrase")),
            "{weak}"
        );
        assert!(!file.exists());
    }
    let phrase = nocontact_core::generate_backup_passphrase().unwrap();
    assert_eq!(
        phrase.split('-').count(),
        nocontact_core::GENERATED_PASSPHRASE_WORDS as usize
    );
    assert_ne!(
        phrase,
        nocontact_core::generate_backup_passphrase().unwrap()
    );
    f.vault
        .export_backup(file_arg.clone(), phrase.clone(), None)
        .unwrap();
    let restored = nocontact_core::restore_vault(
        file_arg,
        phrase,
        f.dir.path().join("r.db").to_string_lossy().into_owned(),
        setup(),
        None,
    )
    .unwrap();
    assert_eq!(
        reflections(&restored.vault).unwrap()[0].body.text,
        "to keep"
    );
}

#[cfg(unix)]
#[test]
fn the_vault_file_and_its_companions_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let f = fixture();
    f.vault.add_reflection(journal("private")).unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let mut p = f.path.as_os_str().to_owned();
        p.push(suffix);
        if let Ok(meta) = std::fs::metadata(&p) {
            assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{suffix:?}");
        }
    }
    // A path that exists is refused and left alone.
    let taken = f.dir.path().join("taken.db");
    std::fs::write(&taken, b"not mine").unwrap();
    assert_eq!(
        nocontact_core::Vault::create(&taken, setup()).map(|_| ()),
        Err(VaultError::AlreadyExists)
    );
    assert_eq!(std::fs::read(&taken).unwrap(), b"not mine");
}

/// `i32::MIN` has no absolute value: `abs()` panicked on it in a debug
/// build (a panic across the FFI) and let it through in a release build
/// (stored as the offset of an entry). Found by HostileTest.kt.
#[test]
fn the_most_negative_utc_offset_is_refused_without_a_panic() {
    use nocontact_core::QuickEntry;
    let f = fixture();
    let before = f
        .vault
        .list_events(EventQuery::default())
        .unwrap()
        .events
        .len();
    for offset in [i32::MIN, i32::MIN + 1, -(18 * 3600 + 1), i32::MAX] {
        assert_eq!(
            f.vault.quick_check_in(3, offset).map(|_| ()),
            Err(VaultError::invalid_field("utc_offset_seconds")),
            "quick_check_in with offset {offset}"
        );
        assert_eq!(
            f.vault
                .log_while_locked(QuickEntry::CheckIn { mood: 3 }, offset),
            Err(VaultError::invalid_field("utc_offset_seconds")),
            "log_while_locked with offset {offset}"
        );
    }
    assert_eq!(
        f.vault
            .list_events(EventQuery::default())
            .unwrap()
            .events
            .len(),
        before
    );
    assert!(f.vault.quick_check_in(3, -18 * 3600).is_ok());
}

/// A query window that ends before it starts panicked in `BTreeSet::range`
/// (across the FFI). Found by HostileTests.swift.
#[test]
fn a_query_window_that_ends_before_it_starts_lists_nothing_without_a_panic() {
    use std::time::{Duration, SystemTime};
    let f = fixture();
    f.vault.quick_check_in(3, 0).unwrap();
    let now = SystemTime::now();
    let backwards = EventQuery {
        from: Some(now),
        until: Some(now - Duration::from_secs(3600)),
        ..Default::default()
    };
    assert!(f.vault.list_events(backwards).unwrap().events.is_empty());
    let reflections = ReflectionQuery {
        from: Some(now),
        until: Some(now - Duration::from_secs(3600)),
        ..Default::default()
    };
    assert!(f
        .vault
        .list_reflections(reflections)
        .unwrap()
        .reflections
        .is_empty());
    assert_eq!(
        f.vault
            .list_events(EventQuery::default())
            .unwrap()
            .events
            .len(),
        1
    );
}

#[test]
fn passcodes_with_control_characters_are_refused_and_a_nul_never_opens() {
    // PBKDF2 pads a short passcode with zero bytes: without the check,
    // "4711\0" would open what "4711" opens.
    let f = fixture();
    f.vault.add_reflection(journal("to keep")).unwrap();
    f.vault.lock();
    let before = f.vault.lock_state().unwrap();
    for typed in [format!("{PASSCODE}\0"), format!("{PASSCODE}\0\0\0")] {
        assert_eq!(
            f.vault.unlock(passcode(&typed)),
            Err(VaultError::invalid_field("passcode"))
        );
    }
    // Refused before anything was counted.
    assert_eq!(f.vault.lock_state().unwrap(), before);
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    for bad in ["2580\0", "25\t80", "2580\n", "\u{1b}[2580", "25\u{7f}80"] {
        assert_eq!(
            f.vault.change_passcode(bad.into(), None),
            Err(VaultError::invalid_field("passcode")),
            "{bad:?}"
        );
        let dir = tempfile::tempdir().unwrap();
        let mut s = setup();
        s.passcode = bad.into();
        assert_eq!(
            nocontact_core::Vault::create(&dir.path().join("v.db"), s).err(),
            Some(VaultError::invalid_field("passcode")),
            "{bad:?}"
        );
        assert_eq!(
            f.vault.set_duress_passcode(bad.into()),
            Err(VaultError::invalid_field("duress_passcode")),
            "{bad:?}"
        );
    }
    // Nothing changed: the old passcode still opens, the entry is there.
    f.vault.lock();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(f.vault.status().unwrap().damaged_records, 0);
    assert_eq!(
        f.vault
            .list_reflections(ReflectionQuery::default())
            .unwrap()
            .reflections
            .len(),
        1
    );
    let file = f.dir.path().join("b.bin");
    let arg = file.to_string_lossy().into_owned();
    assert_eq!(
        f.vault
            .export_backup(arg, format!("{BACKUP_PHRASE}\0"), None),
        Err(VaultError::invalid_field("passphrase"))
    );
    assert!(!file.exists());
}

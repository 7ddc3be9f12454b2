//! The vault end to end: create, unlock, lock, secrets and slots.

mod common;

use std::time::{Duration, SystemTime};

use common::*;
use nocontact_core::{NewReflection, Secret, Vault, VaultError, VaultSetup, KDF_FLOOR};

#[test]
fn create_add_lock_unlock_round_trip() {
    let f = fixture();
    let groups: Vec<&str> = f.recovery_code.split('-').collect();
    assert_eq!(groups.len(), 9);
    assert!(groups[..8].iter().all(|g| g.len() == 4));
    assert_eq!(groups[8].len(), 1, "the check character");

    let older = f
        .vault
        .add_reflection(NewReflection {
            at: Some(SystemTime::now() - Duration::from_secs(3600)),
            utc_offset_seconds: -5 * 3600,
            ..journal("first — الأول 🌱")
        })
        .unwrap();
    let newer = f.vault.add_reflection(journal("second")).unwrap();
    assert_eq!(
        reflections(&f.vault).unwrap(),
        vec![newer.clone(), older.clone()]
    );

    f.vault.lock();
    assert!(!f.vault.is_unlocked());
    assert_eq!(reflections(&f.vault), Err(VaultError::Locked));
    assert_eq!(
        f.vault.add_reflection(journal("x")),
        Err(VaultError::Locked)
    );
    assert_eq!(
        f.vault.get_reflection(older.id.clone()),
        Err(VaultError::Locked)
    );

    assert_eq!(
        f.vault.unlock(passcode("0000")),
        Err(VaultError::WrongSecret)
    );
    assert!(!f.vault.is_unlocked());
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(reflections(&f.vault).unwrap(), vec![newer, older.clone()]);
    assert_eq!(f.vault.get_reflection(older.id.clone()).unwrap(), older);
    assert_eq!(older.utc_offset_seconds, -5 * 3600);
}

#[test]
fn reopen_from_disk() {
    let f = fixture();
    let added = f
        .vault
        .add_reflection(journal("kept across restarts"))
        .unwrap();
    drop(f.vault);
    let vault = Vault::open(f.path.to_string_lossy().into_owned()).unwrap();
    assert!(!vault.is_unlocked());
    // The entry and the chain's head.
    assert_eq!(vault.status().unwrap().record_count, 2);
    vault.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(reflections(&vault).unwrap(), vec![added]);
}

#[test]
fn unlock_while_unlocked_checks_the_secret() {
    let f = fixture();
    assert_eq!(
        f.vault.unlock(passcode("9999")),
        Err(VaultError::WrongSecret)
    );
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    assert!(f.vault.is_unlocked());
}

#[test]
fn wrong_secret_shapes() {
    let f = fixture();
    f.vault.lock();
    assert_eq!(
        f.vault.unlock(passcode("")),
        Err(VaultError::invalid_field("passcode"))
    );
    assert_eq!(
        f.vault.unlock(passcode(&"9".repeat(257))),
        Err(VaultError::invalid_field("passcode"))
    );
    assert_eq!(
        f.vault.unlock(Secret::DeviceKey { key: vec![1; 5] }),
        Err(VaultError::invalid_field("device_key"))
    );
    assert_eq!(
        f.vault.unlock(Secret::DeviceKey { key: vec![1; 32] }),
        Err(VaultError::WrongSecret)
    );
    assert_eq!(
        f.vault.unlock(Secret::RecoveryCode {
            code: "nope".into()
        }),
        Err(VaultError::invalid_field("recovery_code"))
    );
    assert_eq!(
        f.vault.unlock(Secret::RecoveryCode {
            code: "0000-0000-0000-0000-0000-0000-0000-0000".into()
        }),
        Err(VaultError::WrongSecret)
    );
    assert!(!f.vault.is_unlocked());
}

#[test]
fn change_passcode_rewraps_without_touching_records() {
    let f = fixture();
    f.vault.add_reflection(journal("before")).unwrap();
    let before: Vec<Vec<u8>> = raw_blobs(&f.path);
    f.vault
        .change_passcode("new passcode ✓".into(), None)
        .unwrap();
    assert_eq!(raw_blobs(&f.path), before, "no record was re-encrypted");
    f.vault.lock();
    assert_eq!(
        f.vault.unlock(passcode(PASSCODE)),
        Err(VaultError::WrongSecret)
    );
    f.vault.unlock(passcode("new passcode ✓")).unwrap();
    assert_eq!(reflections(&f.vault).unwrap().len(), 1);
    // The recovery code still works.
    f.vault.lock();
    f.vault
        .unlock(Secret::RecoveryCode {
            code: f.recovery_code.clone(),
        })
        .unwrap();
}

#[test]
fn change_passcode_needs_unlock_and_a_valid_passcode() {
    let f = fixture();
    assert_eq!(
        f.vault.change_passcode("12".into(), None),
        Err(VaultError::invalid_field("passcode"))
    );
    assert_eq!(
        f.vault.change_passcode("1234".into(), Some(vec![0; 31])),
        Err(VaultError::invalid_field("device_key"))
    );
    f.vault.lock();
    assert_eq!(
        f.vault.change_passcode("5678".into(), None),
        Err(VaultError::Locked)
    );
    f.vault.unlock(passcode(PASSCODE)).unwrap();
}

#[test]
fn recovery_code_sets_a_new_passcode() {
    let f = fixture();
    f.vault.add_reflection(journal("still here")).unwrap();
    f.vault.lock();
    let typed = f.recovery_code.to_lowercase().replace('-', " ");
    assert_eq!(
        f.vault.recover(typed.clone(), "12".into()),
        Err(VaultError::invalid_field("passcode"))
    );
    f.vault.recover(typed, "fresh start".into()).unwrap();
    assert!(f.vault.is_unlocked());
    f.vault.lock();
    assert_eq!(
        f.vault.unlock(passcode(PASSCODE)),
        Err(VaultError::WrongSecret)
    );
    f.vault.unlock(passcode("fresh start")).unwrap();
    assert_eq!(reflections(&f.vault).unwrap()[0].body.text, "still here");
}

#[test]
fn device_key_slot_add_use_remove() {
    let f = fixture();
    let key = vec![0x42; 32];
    assert!(!f.vault.status().unwrap().has_device_key);
    f.vault.set_device_key(key.clone()).unwrap();
    assert!(f.vault.status().unwrap().has_device_key);
    f.vault.lock();
    assert!(
        !f.vault.status().unwrap().has_device_key,
        "unknown while locked"
    );
    assert_eq!(
        f.vault.unlock(Secret::DeviceKey {
            key: vec![0x43; 32]
        }),
        Err(VaultError::WrongSecret)
    );
    f.vault
        .unlock(Secret::DeviceKey { key: key.clone() })
        .unwrap();
    // Replacing the key frees the old one.
    f.vault.set_device_key(vec![0x44; 32]).unwrap();
    f.vault.lock();
    assert_eq!(
        f.vault.unlock(Secret::DeviceKey { key: key.clone() }),
        Err(VaultError::WrongSecret)
    );
    f.vault
        .unlock(Secret::DeviceKey {
            key: vec![0x44; 32],
        })
        .unwrap();
    f.vault.remove_device_key().unwrap();
    f.vault.remove_device_key().unwrap();
    f.vault.lock();
    assert_eq!(
        f.vault.unlock(Secret::DeviceKey {
            key: vec![0x44; 32]
        }),
        Err(VaultError::WrongSecret)
    );
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(
        f.vault.set_device_key(vec![1; 33]),
        Err(VaultError::invalid_field("device_key"))
    );
}

#[test]
fn device_key_alone_from_setup() {
    let key = vec![7u8; 32];
    let f = fixture_with(VaultSetup {
        device_key: Some(key.clone()),
        ..setup()
    });
    f.vault.lock();
    f.vault.unlock(Secret::DeviceKey { key }).unwrap();
    f.vault.lock();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
}

#[test]
fn passcode_that_needs_the_device_key() {
    let key = vec![9u8; 32];
    let f = fixture_with(VaultSetup {
        device_key: Some(key.clone()),
        passcode_needs_device_key: true,
        ..setup()
    });
    assert!(f.vault.status().unwrap().passcode_needs_device_key);
    f.vault.lock();
    assert_eq!(
        f.vault.unlock(passcode(PASSCODE)),
        Err(VaultError::WrongSecret)
    );
    assert_eq!(
        f.vault.unlock(Secret::DeviceKey { key: key.clone() }),
        Err(VaultError::WrongSecret)
    );
    assert_eq!(
        f.vault.unlock(Secret::PasscodeAndDeviceKey {
            passcode: PASSCODE.into(),
            key: vec![8; 32]
        }),
        Err(VaultError::WrongSecret)
    );
    f.vault
        .unlock(Secret::PasscodeAndDeviceKey {
            passcode: PASSCODE.into(),
            key: key.clone(),
        })
        .unwrap();
    // Dropping the device key requirement.
    f.vault.change_passcode(PASSCODE.into(), None).unwrap();
    assert!(!f.vault.status().unwrap().passcode_needs_device_key);
    f.vault.lock();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    // And adding it back.
    f.vault
        .change_passcode("5555".into(), Some(key.clone()))
        .unwrap();
    f.vault.lock();
    assert_eq!(
        f.vault.unlock(passcode("5555")),
        Err(VaultError::WrongSecret)
    );
    f.vault
        .unlock(Secret::PasscodeAndDeviceKey {
            passcode: "5555".into(),
            key,
        })
        .unwrap();
}

#[test]
fn setup_is_validated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.db");
    let bad = |s: VaultSetup| Vault::create(&path, s).err();
    assert_eq!(
        bad(VaultSetup {
            passcode: "123".into(),
            ..setup()
        }),
        Some(VaultError::invalid_field("passcode"))
    );
    assert_eq!(
        bad(VaultSetup {
            device_key: Some(vec![0; 16]),
            ..setup()
        }),
        Some(VaultError::invalid_field("device_key"))
    );
    assert_eq!(
        bad(VaultSetup {
            passcode_needs_device_key: true,
            ..setup()
        }),
        Some(VaultError::invalid_field("device_key"))
    );
    assert_eq!(
        bad(VaultSetup {
            kdf_iterations: Some(1_000),
            ..setup()
        }),
        Some(VaultError::invalid_field("kdf_iterations"))
    );
    assert_eq!(
        bad(VaultSetup {
            kdf_iterations: Some(KDF_FLOOR - 1),
            ..setup()
        }),
        Some(VaultError::invalid_field("kdf_iterations"))
    );
    assert!(!path.exists(), "a refused setup leaves nothing behind");
}

#[test]
fn calibrated_creation_is_at_or_above_the_floor() {
    let f = fixture_with(VaultSetup {
        kdf_iterations: None,
        ..setup()
    });
    assert!(f.vault.status().unwrap().kdf_iterations >= KDF_FLOOR);
}

#[test]
fn create_refuses_an_existing_path_and_leaves_it_alone() {
    let f = fixture();
    f.vault.add_reflection(journal("precious")).unwrap();
    let before = std::fs::read(&f.path).unwrap();
    let again = Vault::create(&f.path, setup());
    assert!(matches!(again, Err(VaultError::AlreadyExists)));
    assert_eq!(std::fs::read(&f.path).unwrap(), before);
    f.vault.lock();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(reflections(&f.vault).unwrap().len(), 1);
}

#[test]
fn create_in_a_missing_folder_is_a_storage_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/folder/v.db");
    assert!(matches!(
        Vault::create(&path, setup()),
        Err(VaultError::Storage)
    ));
}

#[test]
fn notes_validate_and_delete() {
    let f = fixture();
    assert_eq!(
        f.vault.add_reflection(journal("")),
        Err(VaultError::invalid_field("text"))
    );
    assert_eq!(
        f.vault.add_reflection(journal(&"a".repeat(100_001))),
        Err(VaultError::invalid_field("text"))
    );
    assert_eq!(
        f.vault.add_reflection(NewReflection {
            at: Some(SystemTime::now() + Duration::from_secs(3600)),
            ..journal("from the future")
        }),
        Err(VaultError::invalid_field("at"))
    );
    let huge = "🌊".repeat(100_000);
    let kept = f.vault.add_reflection(journal(&huge)).unwrap();
    assert_eq!(
        f.vault.get_reflection(kept.id.clone()).unwrap().body.text,
        huge
    );
    assert_eq!(
        f.vault.get_reflection("not-an-id".into()),
        Err(VaultError::invalid_field("id"))
    );
    assert_eq!(
        f.vault.get_reflection("0".repeat(32)),
        Err(VaultError::NotFound)
    );
    assert_eq!(
        f.vault.delete_reflection("0".repeat(32)),
        Err(VaultError::NotFound)
    );
    f.vault.delete_reflection(kept.id.clone()).unwrap();
    assert_eq!(
        f.vault.get_reflection(kept.id.clone()),
        Err(VaultError::NotFound)
    );
    // What stays in the file: the overwritten record, the redaction mark
    // and the chain's head.
    assert_eq!(f.vault.status().unwrap().record_count, 3);
    f.vault.lock();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    assert!(reflections(&f.vault).unwrap().is_empty());
}

#[test]
fn many_threads_share_one_vault() {
    let f = fixture();
    std::thread::scope(|s| {
        for t in 0..4 {
            let vault = &f.vault;
            s.spawn(move || {
                for i in 0..25 {
                    vault
                        .add_reflection(journal(&format!("thread {t} note {i}")))
                        .unwrap();
                    reflections(vault).unwrap();
                }
            });
        }
    });
    assert_eq!(reflections(&f.vault).unwrap().len(), 100);
}

fn raw_blobs(path: &std::path::Path) -> Vec<Vec<u8>> {
    let conn = raw(path);
    let mut stmt = conn.prepare("SELECT v FROM b ORDER BY id").unwrap();
    let rows = stmt.query_map([], |r| r.get(0)).unwrap();
    rows.map(|r| r.unwrap()).collect()
}

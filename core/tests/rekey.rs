//! Re-keying (issue 11 §5): a new data key for the space that is open,
//! every one of its rows sealed again, fresh slots and a new recovery code;
//! the other space untouched; a copy of the file from before the re-key,
//! mixed into today's file in every way, opens nothing of today's; cancel
//! changes nothing.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use common::*;
use nocontact_core::{ProgressListener, QuickEntry, Secret, Vault, VaultError, VaultSetup};

const DURESS: &str = "8080 cover";
const NEW: &str = "a new passcode";
const KEY: [u8; 32] = [7u8; 32];

type Rows = BTreeMap<Vec<u8>, Vec<u8>>;

/// Every row of `h` (by key) and of `b` (by id), as a copy shows them.
fn rows(path: &Path) -> (BTreeMap<i64, Vec<u8>>, Rows) {
    let conn = raw(path);
    let mut h = BTreeMap::new();
    let mut stmt = conn.prepare("SELECT k, v FROM h").unwrap();
    let mut q = stmt.query([]).unwrap();
    while let Some(r) = q.next().unwrap() {
        h.insert(r.get(0).unwrap(), r.get(1).unwrap());
    }
    let mut b = BTreeMap::new();
    let mut stmt = conn.prepare("SELECT id, v FROM b").unwrap();
    let mut q = stmt.query([]).unwrap();
    while let Some(r) = q.next().unwrap() {
        b.insert(r.get(0).unwrap(), r.get(1).unwrap());
    }
    (h, b)
}

fn texts(vault: &Vault) -> Vec<String> {
    let mut t: Vec<String> = reflections(vault)
        .unwrap()
        .into_iter()
        .map(|r| r.body.text)
        .collect();
    t.sort();
    t
}

fn recovery(code: &str) -> Secret {
    Secret::RecoveryCode { code: code.into() }
}

struct Recorder {
    seen: Mutex<Vec<(u64, u64)>>,
    stop_at: u64,
}

impl ProgressListener for Recorder {
    fn on_progress(&self, done: u64, total: u64) -> bool {
        self.seen.lock().unwrap().push((done, total));
        done < self.stop_at
    }
}

fn recorder(stop_at: u64) -> Arc<Recorder> {
    Arc::new(Recorder {
        seen: Mutex::new(Vec::new()),
        stop_at,
    })
}

#[test]
fn rekey_seals_every_row_of_the_space_again_and_leaves_the_cover_alone() {
    let f = fixture();
    for i in 0..30 {
        f.vault
            .add_reflection(journal(&format!("real {i}")))
            .unwrap();
    }
    f.vault.set_duress_passcode(DURESS.into()).unwrap();
    f.vault.lock();
    let (_, before_cover) = rows(&f.path);
    f.vault.unlock(passcode(DURESS)).unwrap();
    f.vault.add_reflection(journal("groceries")).unwrap();
    f.vault.lock();
    let (_, with_cover) = rows(&f.path);
    let cover_rows: Rows = with_cover
        .iter()
        .filter(|(id, blob)| before_cover.get(*id) != Some(*blob))
        .map(|(id, blob)| (id.clone(), blob.clone()))
        .collect();
    assert!(!cover_rows.is_empty());
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    let real_before = texts(&f.vault);
    let (h_before, b_before) = rows(&f.path);
    let rec = recorder(u64::MAX);
    let code = f
        .vault
        .rekey(PASSCODE.into(), None, Some(rec.clone()))
        .unwrap()
        .expect("the real space has a recovery code");
    assert_ne!(code, f.recovery_code);
    // Progress: from 0 to every row of the file, in order.
    let seen = rec.seen.lock().unwrap().clone();
    let total = b_before.len() as u64;
    assert_eq!(seen.first(), Some(&(0, total)));
    assert_eq!(seen.last(), Some(&(total, total)));
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0));
    // Same content, same ids; every row of the real space changed, every
    // row of the cover kept its bytes.
    assert_eq!(texts(&f.vault), real_before);
    let (h_after, b_after) = rows(&f.path);
    assert_eq!(
        b_after.keys().collect::<Vec<_>>(),
        b_before.keys().collect::<Vec<_>>()
    );
    for (id, blob) in &b_before {
        let after = &b_after[id];
        match cover_rows.get(id) {
            Some(cover) => assert_eq!(after, cover, "a cover row changed"),
            None => assert_ne!(after, blob, "a real row was not sealed again"),
        }
    }
    assert_ne!(h_after[&0], h_before[&0], "header unchanged");
    assert_eq!(h_after[&0].len(), h_before[&0].len());
    // The salt and KDF settings are shared by both spaces and stay.
    assert_eq!(h_after[&0][..37], h_before[&0][..37]);
    f.vault.lock();
    // Both spaces still open with their own passcodes.
    f.vault.unlock(passcode(DURESS)).unwrap();
    assert_eq!(texts(&f.vault), vec!["groceries".to_owned()]);
    f.vault.lock();
    assert_eq!(
        f.vault.unlock(recovery(&f.recovery_code)),
        Err(VaultError::WrongSecret)
    );
    f.vault.unlock(recovery(&code)).unwrap();
    assert_eq!(texts(&f.vault), real_before);
    f.vault.lock();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(texts(&f.vault), real_before);
    assert_eq!(f.vault.status().unwrap().damaged_records, 0);
    assert!(f.vault.verify_chain().unwrap().intact);
}

#[test]
fn rekey_inside_the_cover_leaves_the_real_space_alone() {
    let f = fixture();
    f.vault.add_reflection(journal("real")).unwrap();
    f.vault.set_duress_passcode(DURESS.into()).unwrap();
    f.vault.lock();
    f.vault.unlock(passcode(DURESS)).unwrap();
    f.vault.add_reflection(journal("groceries")).unwrap();
    assert_eq!(
        f.vault.rekey(PASSCODE.into(), None, None),
        Err(VaultError::WrongSecret)
    );
    // A cover has no recovery code of its own.
    assert_eq!(f.vault.rekey(DURESS.into(), None, None), Ok(None));
    assert_eq!(texts(&f.vault), vec!["groceries".to_owned()]);
    f.vault.lock();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(texts(&f.vault), vec!["real".to_owned()]);
    // The real space still tells the cover's rows from damaged ones.
    assert_eq!(f.vault.status().unwrap().damaged_records, 0);
    assert_eq!(f.vault.has_duress_passcode(), Ok(true));
    f.vault.lock();
    f.vault.unlock(recovery(&f.recovery_code)).unwrap();
    f.vault.lock();
    f.vault.unlock(passcode(DURESS)).unwrap();
    assert_eq!(texts(&f.vault), vec!["groceries".to_owned()]);
}

/// Copies the (closed) vault file to `name` in its folder.
fn copy_of(path: &Path, name: &str) -> std::path::PathBuf {
    let to = path.with_file_name(name);
    std::fs::copy(path, &to).unwrap();
    to
}

#[test]
fn a_copy_from_before_the_rekey_opens_nothing_of_today() {
    let f = fixture();
    f.vault.add_reflection(journal("before")).unwrap();
    f.vault.lock();
    let (old_h, old_b) = rows(&f.path);
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    let code = f
        .vault
        .change_passcode_and_rekey(PASSCODE.into(), NEW.into(), None, None)
        .unwrap()
        .unwrap();
    f.vault.add_reflection(journal("after")).unwrap();
    let Fixture {
        dir: _dir,
        path,
        vault,
        recovery_code: old_code,
    } = f;
    drop(vault);
    let (new_h, _) = rows(&path);
    // Every way of putting the old copy's rows into today's file.
    let mut mixes: Vec<(&str, Vec<i64>, bool)> = vec![
        ("old header", vec![0], false),
        ("old header and directories", vec![0, 1, 2], false),
        (
            "old header, directories and lock row",
            vec![0, 1, 2, 3],
            false,
        ),
        ("every old h row", old_h.keys().copied().collect(), false),
        ("every old row", old_h.keys().copied().collect(), true),
        ("old records only", vec![], true),
    ];
    for k in old_h.keys() {
        mixes.push(("one old h row", vec![*k], false));
    }
    for (n, (what, h_rows, with_b)) in mixes.iter().enumerate() {
        let copy = copy_of(&path, &format!("mix{n}"));
        {
            let conn = raw(&copy);
            for k in h_rows {
                conn.execute(
                    "INSERT OR REPLACE INTO h (k, v) VALUES (?1, ?2)",
                    rusqlite::params![k, old_h[k]],
                )
                .unwrap();
            }
            if *with_b {
                for (id, blob) in &old_b {
                    conn.execute(
                        "INSERT OR REPLACE INTO b (id, v) VALUES (?1, ?2)",
                        rusqlite::params![id, blob],
                    )
                    .unwrap();
                }
            }
        }
        let vault = Vault::open(copy.to_string_lossy().into_owned()).unwrap();
        for secret in [passcode(PASSCODE), recovery(&old_code)] {
            if vault.unlock(secret).is_ok() {
                let seen = texts(&vault);
                assert!(
                    !seen.contains(&"after".to_owned()),
                    "{what}: the old secret opens today's entry"
                );
                if !with_b {
                    assert!(seen.is_empty(), "{what}: the old secret opens {seen:?}");
                }
                vault.lock();
            }
        }
        // Today's secrets open today's entries only with today's header.
        if h_rows.contains(&0) {
            assert!(vault.unlock(passcode(NEW)).is_err(), "{what}");
            assert!(vault.unlock(recovery(&code)).is_err(), "{what}");
        }
    }
    // The file itself: today's secrets open everything; the old do not.
    assert!(new_h.contains_key(&0));
    let vault = Vault::open(path.to_string_lossy().into_owned()).unwrap();
    assert_eq!(
        vault.unlock(passcode(PASSCODE)),
        Err(VaultError::WrongSecret)
    );
    assert_eq!(
        vault.unlock(recovery(&old_code)),
        Err(VaultError::WrongSecret)
    );
    vault.unlock(passcode(NEW)).unwrap();
    assert_eq!(texts(&vault), vec!["after".to_owned(), "before".to_owned()]);
    vault.lock();
    vault.unlock(recovery(&code)).unwrap();
}

#[test]
fn the_old_ciphertexts_are_gone_from_the_files() {
    let f = fixture();
    for i in 0..20 {
        f.vault
            .add_reflection(journal(&format!("entry {i}")))
            .unwrap();
    }
    let (_, before) = rows(&f.path);
    f.vault.rekey(PASSCODE.into(), None, None).unwrap();
    let Fixture {
        dir: _dir,
        path,
        vault,
        ..
    } = f;
    let bytes = all_bytes(&path);
    for blob in before.values() {
        // 32 bytes from the middle of every old ciphertext.
        let mid = blob.len() / 2;
        assert!(
            !contains(&bytes, &blob[mid..mid + 32]),
            "an old ciphertext is still in the files (open)"
        );
    }
    drop(vault);
    let bytes = all_bytes(&path);
    for blob in before.values() {
        let mid = blob.len() / 2;
        assert!(!contains(&bytes, &blob[mid..mid + 32]), "closed");
    }
}

#[test]
fn cancel_leaves_the_file_as_it_was() {
    let f = fixture();
    for i in 0..250 {
        f.vault.quick_check_in((i % 5 + 1) as u8, 0).unwrap();
    }
    let before = rows(&f.path);
    for stop_at in [0, 3, 100] {
        let rec = recorder(stop_at);
        assert_eq!(
            f.vault
                .change_passcode_and_rekey(PASSCODE.into(), NEW.into(), None, Some(rec)),
            Err(VaultError::Cancelled)
        );
        assert_eq!(rows(&f.path), before, "cancelled at {stop_at}");
    }
    // The session still works under the old key.
    f.vault.quick_check_in(2, 0).unwrap();
    f.vault.lock();
    assert!(f.vault.unlock(passcode(NEW)).is_err());
    f.vault.unlock(recovery(&f.recovery_code)).unwrap();
    f.vault.lock();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
}

#[test]
fn rekey_asks_for_the_current_secrets_and_refuses_bad_input() {
    let f = fixture();
    f.vault.add_reflection(journal("kept")).unwrap();
    f.vault.set_duress_passcode(DURESS.into()).unwrap();
    let before = rows(&f.path);
    let bad: Vec<(String, String, Option<Vec<u8>>, VaultError)> = vec![
        ("0000".into(), NEW.into(), None, VaultError::WrongSecret),
        (
            String::new(),
            NEW.into(),
            None,
            VaultError::invalid_field("passcode"),
        ),
        (
            "x".repeat(10_000),
            NEW.into(),
            None,
            VaultError::invalid_field("passcode"),
        ),
        (
            PASSCODE.into(),
            "123".into(),
            None,
            VaultError::invalid_field("passcode"),
        ),
        (
            PASSCODE.into(),
            "🔒".repeat(300),
            None,
            VaultError::invalid_field("passcode"),
        ),
        (
            PASSCODE.into(),
            DURESS.into(),
            None,
            VaultError::invalid_field("passcode"),
        ),
        (
            PASSCODE.into(),
            "2580\u{0}x".into(),
            None,
            VaultError::invalid_field("passcode"),
        ),
        (
            PASSCODE.into(),
            NEW.into(),
            Some(vec![1; 5]),
            VaultError::invalid_field("device_key"),
        ),
        (
            PASSCODE.into(),
            NEW.into(),
            Some(Vec::new()),
            VaultError::invalid_field("device_key"),
        ),
    ];
    for (current, new, key, err) in bad {
        assert_eq!(
            f.vault.change_passcode_and_rekey(current, new, key, None),
            Err(err.clone())
        );
        assert_eq!(rows(&f.path), before, "{err:?}");
    }
    assert_eq!(
        f.vault.rekey("0000".into(), None, None),
        Err(VaultError::WrongSecret)
    );
    f.vault.lock();
    assert_eq!(
        f.vault.rekey(PASSCODE.into(), None, None),
        Err(VaultError::Locked)
    );
    assert_eq!(rows(&f.path).1, before.1);
    // Odd Unicode (a combining accent, a joiner, a right-to-left
    // override) is a passcode like any other; control characters are not.
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    let odd = "e\u{301}\u{200d}🔒\u{202e}x";
    f.vault
        .change_passcode_and_rekey(PASSCODE.into(), odd.into(), None, None)
        .unwrap();
    f.vault.lock();
    f.vault.unlock(passcode(odd)).unwrap();
    assert_eq!(texts(&f.vault), vec!["kept".to_owned()]);
}

#[test]
fn rekey_keeps_the_device_key_hardening() {
    let f = fixture_with(VaultSetup {
        device_key: Some(KEY.to_vec()),
        passcode_needs_device_key: true,
        ..setup()
    });
    f.vault.add_reflection(journal("kept")).unwrap();
    let both = |p: &str, key: [u8; 32]| Secret::PasscodeAndDeviceKey {
        passcode: p.into(),
        key: key.to_vec(),
    };
    assert_eq!(
        f.vault.rekey(PASSCODE.into(), None, None),
        Err(VaultError::invalid_field("device_key"))
    );
    assert_eq!(
        f.vault.rekey(PASSCODE.into(), Some(vec![9; 32]), None),
        Err(VaultError::WrongSecret)
    );
    let code = f
        .vault
        .rekey(PASSCODE.into(), Some(KEY.to_vec()), None)
        .unwrap()
        .unwrap();
    f.vault.lock();
    assert_eq!(
        f.vault.unlock(passcode(PASSCODE)),
        Err(VaultError::WrongSecret)
    );
    f.vault.unlock(both(PASSCODE, KEY)).unwrap();
    assert_eq!(texts(&f.vault), vec!["kept".to_owned()]);
    f.vault.lock();
    f.vault.unlock(recovery(&code)).unwrap();
}

#[test]
fn entries_logged_while_locked_after_a_rekey_are_folded_in() {
    let f = fixture();
    f.vault.rekey(PASSCODE.into(), None, None).unwrap();
    f.vault.lock();
    f.vault
        .log_while_locked(QuickEntry::CheckIn { mood: 4 }, 0)
        .unwrap();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    let events = every_event(&f.vault);
    assert_eq!(events.len(), 1, "the drop was not folded in");
    assert_eq!(f.vault.status().unwrap().damaged_records, 0);
}

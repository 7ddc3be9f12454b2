//! A model-based test: random sequences of operations on a vault, beside a
//! small in-memory model of what it should contain. After every step the
//! vault's list must equal the model, the chain must verify, nothing may be
//! counted as damaged, and no call may panic. proptest keeps shrunk
//! failures in `proptest-regressions/model.txt` and replays them first.

mod common;

use std::collections::BTreeMap;
use std::sync::Arc;

use common::*;
use nocontact_core::{
    CheckIn, EventBody, NewEvent, QuickEntry, Secret, Vault, VaultError, KDF_FLOOR,
};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Log(u8),
    Amend(usize, u8),
    Delete(usize),
    LogWhileLocked(u8),
    Lock,
    Unlock,
    UnlockWithRecoveryCode,
    ChangePasscode,
    Backup,
    Restore,
    Checkpoint,
    Reopen,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (1u8..=5).prop_map(Op::Log),
        2 => (any::<usize>(), 1u8..=5).prop_map(|(i, m)| Op::Amend(i, m)),
        2 => any::<usize>().prop_map(Op::Delete),
        3 => (1u8..=5).prop_map(Op::LogWhileLocked),
        2 => Just(Op::Lock),
        2 => Just(Op::Unlock),
        1 => Just(Op::UnlockWithRecoveryCode),
        1 => Just(Op::ChangePasscode),
        1 => Just(Op::Backup),
        1 => Just(Op::Restore),
        1 => Just(Op::Checkpoint),
        1 => Just(Op::Reopen),
    ]
}

/// One entry as the list shows it: (mood, logged while locked).
type Entry = (u8, bool);

struct Model {
    entries: BTreeMap<String, Entry>,
    /// Moods logged while locked, not yet folded in.
    pending: Vec<u8>,
    unlocked: bool,
    passcode: String,
    changes: u32,
    backup: Option<(String, BTreeMap<String, Entry>)>,
    backups: u32,
}

fn check_in(mood: u8) -> NewEvent {
    NewEvent {
        at: None,
        utc_offset_seconds: 0,
        body: EventBody::CheckIn {
            check_in: CheckIn {
                mood,
                energy: None,
                note: String::new(),
                tags: Vec::new(),
            },
        },
    }
}

/// What the vault lists: every event by id.
fn listed(vault: &Vault) -> BTreeMap<String, Entry> {
    every_event(vault)
        .into_iter()
        .map(|e| {
            let EventBody::CheckIn { check_in } = &e.body else {
                panic!("an event of another kind");
            };
            (e.id.clone(), (check_in.mood, e.logged_while_locked))
        })
        .collect()
}

/// Takes the entries that joined the log since the model last looked (the
/// folded drops): they must be exactly the pending moods, marked as logged
/// while locked.
fn adopt_new(model: &mut Model, vault: &Vault) {
    let now = listed(vault);
    let mut joined: Vec<u8> = Vec::new();
    for (id, entry) in &now {
        if !model.entries.contains_key(id) {
            assert!(entry.1, "a new entry not logged while locked");
            joined.push(entry.0);
            model.entries.insert(id.clone(), *entry);
        }
    }
    joined.sort_unstable();
    let mut pending = std::mem::take(&mut model.pending);
    pending.sort_unstable();
    assert_eq!(joined, pending, "the folded drops");
}

fn step(
    dir: &std::path::Path,
    path: &std::path::Path,
    recovery: &str,
    vault: &mut Arc<Vault>,
    model: &mut Model,
    op: &Op,
) {
    let locked_err = |r: Result<(), VaultError>| {
        assert_eq!(r, Err(VaultError::Locked), "{op:?} while locked");
    };
    let nth = |model: &Model, i: usize| -> Option<String> {
        let n = model.entries.len();
        (n > 0).then(|| model.entries.keys().nth(i % n).cloned().unwrap_or_default())
    };
    match op {
        Op::Log(mood) => {
            let r = vault.log_event(check_in(*mood));
            if model.unlocked {
                let id = r.unwrap().event.id;
                model.entries.insert(id, (*mood, false));
            } else {
                locked_err(r.map(|_| ()));
            }
        }
        Op::Amend(i, mood) => {
            if let Some(id) = nth(model, *i) {
                let r = vault.amend_event(id.clone(), check_in(*mood));
                if model.unlocked {
                    r.unwrap();
                    if let Some(entry) = model.entries.get_mut(&id) {
                        entry.0 = *mood;
                    }
                } else {
                    locked_err(r.map(|_| ()));
                }
            }
        }
        Op::Delete(i) => {
            if let Some(id) = nth(model, *i) {
                let r = vault.delete_event(id.clone());
                if model.unlocked {
                    r.unwrap();
                    model.entries.remove(&id);
                } else {
                    locked_err(r);
                }
            }
        }
        Op::LogWhileLocked(mood) => {
            vault
                .log_while_locked(QuickEntry::CheckIn { mood: *mood }, 0)
                .unwrap();
            model.pending.push(*mood);
            if model.unlocked {
                adopt_new(model, vault);
            }
        }
        Op::Lock => {
            vault.lock();
            model.unlocked = false;
        }
        Op::Unlock | Op::UnlockWithRecoveryCode => {
            let secret = match op {
                Op::Unlock => passcode(&model.passcode),
                _ => Secret::RecoveryCode {
                    code: recovery.to_owned(),
                },
            };
            vault.unlock(secret).unwrap();
            model.unlocked = true;
            adopt_new(model, vault);
        }
        Op::ChangePasscode => {
            let next = format!("passcode {}", model.changes + 1);
            let r = vault.change_passcode(next.clone(), None);
            if model.unlocked {
                r.unwrap();
                model.changes += 1;
                model.passcode = next;
            } else {
                locked_err(r);
            }
        }
        Op::Backup => {
            model.backups += 1;
            let file = dir.join(format!("backup-{}", model.backups));
            let file = file.to_string_lossy().into_owned();
            let r = vault.export_backup(file.clone(), BACKUP_PHRASE.into(), None);
            if model.unlocked {
                r.unwrap();
                model.backup = Some((file, model.entries.clone()));
            } else {
                locked_err(r.map(|_| ()));
            }
        }
        Op::Restore => {
            if let Some((file, entries)) = model.backup.clone() {
                let r = vault.restore_backup(file, BACKUP_PHRASE.into(), true, None);
                if model.unlocked {
                    r.unwrap();
                    model.entries = entries;
                } else {
                    locked_err(r.map(|_| ()));
                }
            }
        }
        Op::Checkpoint => {
            let r = vault.make_checkpoint();
            if model.unlocked {
                let code = r.unwrap();
                assert_eq!(vault.chain_report().unwrap().code, code.code);
            } else {
                locked_err(r.map(|_| ()));
            }
        }
        Op::Reopen => {
            *vault = Arc::new(Vault::open_path(path).unwrap());
            model.unlocked = false;
        }
    }
    if model.unlocked {
        assert_eq!(listed(vault), model.entries, "after {op:?}");
        assert!(vault.chain_report().unwrap().intact, "chain after {op:?}");
        assert_eq!(vault.status().unwrap().damaged_records, 0);
    } else {
        assert!(!vault.is_unlocked());
        vault.lock_state().unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 8,
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_vault_follows_the_model(ops in prop::collection::vec(op(), 1..30)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v");
        let created = Vault::create(
            &path,
            nocontact_core::VaultSetup {
                passcode: PASSCODE.into(),
                device_key: None,
                passcode_needs_device_key: false,
                kdf_iterations: Some(KDF_FLOOR),
            },
        )
        .unwrap();
        let mut vault = created.vault;
        let mut model = Model {
            entries: BTreeMap::new(),
            pending: Vec::new(),
            unlocked: true,
            passcode: PASSCODE.into(),
            changes: 0,
            backup: None,
            backups: 0,
        };
        for op in &ops {
            step(dir.path(), &path, &created.recovery_code, &mut vault, &mut model, op);
        }
        // And the whole file, read again from scratch.
        vault.lock();
        vault.unlock(passcode(&model.passcode)).unwrap();
        model.unlocked = true;
        adopt_new(&mut model, &vault);
        prop_assert_eq!(listed(&vault), model.entries);
        prop_assert!(vault.verify_chain().unwrap().intact);
    }
}

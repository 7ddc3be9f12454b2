//! A kill on every write path: a child process runs one write path in a
//! loop and is killed with SIGKILL at a random instant; the file is then
//! reopened and checked: every entry the child was told was committed is
//! there, the chain is intact, nothing is counted as damaged, and the vault
//! opens with the secrets it should have.
//!
//! `NC_KILLS` sets the kills per path (3 in the test command); `cargo xtask
//! stress [KILLS]` runs thousands and prints the figures.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::*;
use nocontact_core::{QuickEntry, Secret, Vault, VaultError};

const ROLE: &str = "NC_TEST_KILL_ROLE";
const PATH: &str = "NC_TEST_KILL_PATH";
const DURESS: &str = "1357 cover";

fn kills() -> usize {
    std::env::var("NC_KILLS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3)
}

/// A small xorshift generator seeded from the clock: the kill instants.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64);
        Rng(nanos | 1)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn open(path: &Path) -> std::sync::Arc<Vault> {
    Vault::open(path.to_string_lossy().into_owned()).unwrap()
}

/// What the child said before it died.
struct Said {
    lines: Vec<String>,
}

impl Said {
    fn values(&self, tag: &str) -> Vec<&str> {
        self.lines
            .iter()
            .filter_map(|l| l.strip_prefix(tag))
            .map(str::trim)
            .collect()
    }
    fn count(&self, tag: &str) -> usize {
        self.lines.iter().filter(|l| l.starts_with(tag)).count()
    }
}

/// Runs `role` in a child on the vault at `path`, kills it `wait` after it
/// said READY, and returns what it said.
fn run_and_kill(test: &str, role: &str, path: &Path, wait: Duration) -> Said {
    run_and_kill_with(test, role, path, wait, &[])
}

fn run_and_kill_with(
    test: &str,
    role: &str,
    path: &Path,
    wait: Duration,
    env: &[(&str, &str)],
) -> Said {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(ROLE, role)
        .env(PATH, path)
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut lines = Vec::new();
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line == "READY" {
                let _ = tx.send(());
            }
            lines.push(line);
        }
        lines
    });
    let ready = rx.recv_timeout(Duration::from_secs(60)).is_ok();
    std::thread::sleep(wait);
    let _ = child.kill();
    let _ = child.wait();
    let lines = reader.join().unwrap();
    assert!(ready, "{role}: the child never got ready");
    Said { lines }
}

/// Every event id in the vault (unlocked), all pages.
fn event_ids(vault: &Vault) -> BTreeSet<String> {
    every_event(vault).into_iter().map(|e| e.id).collect()
}

/// The checks after every kill, on an unlocked vault.
fn assert_whole(vault: &Vault, committed: &[&str], what: &str) -> BTreeSet<String> {
    assert_eq!(
        vault.status().unwrap().damaged_records,
        0,
        "{what}: damaged records"
    );
    let report = vault.verify_chain().unwrap();
    assert!(report.intact, "{what}: chain issues {:?}", report.issues);
    let ids = event_ids(vault);
    let lost = committed.iter().filter(|id| !ids.contains(**id)).count();
    assert_eq!(lost, 0, "{what}: {lost} committed entries lost");
    ids
}

fn figures(path: &str, kills: usize, committed: usize) {
    eprintln!("kills: path={path} kills={kills} committed={committed} lost=0 chains_broken=0");
}

/// The child's side: runs the role until killed. `true` if this process is
/// a child.
fn child_role() -> bool {
    let (Ok(role), Ok(path)) = (std::env::var(ROLE), std::env::var(PATH)) else {
        return false;
    };
    let mut out = std::io::stdout();
    let mut say = |line: String| {
        writeln!(out, "{line}").unwrap();
        out.flush().unwrap();
    };
    // The test harness has printed "test NAME ... " without a line end.
    say(String::new());
    let vault = Vault::open(path).unwrap();
    let start = Instant::now();
    let mut i = 0u64;
    let alive = || start.elapsed() < Duration::from_secs(30);
    match role.as_str() {
        // The failed-attempt count, then the reset and the access log.
        "unlock" => {
            say("READY".into());
            while alive() {
                assert_eq!(
                    vault.unlock(passcode("0000 wrong")),
                    Err(VaultError::WrongSecret)
                );
                vault.unlock(passcode(PASSCODE)).unwrap();
                let e = vault.quick_check_in(3, 0).unwrap();
                say(format!("COMMITTED {}", e.id));
                vault.lock();
            }
        }
        // Drops, folded in at each unlock.
        "fold" => {
            say("READY".into());
            while alive() {
                for _ in 0..3 {
                    vault
                        .log_while_locked(QuickEntry::CheckIn { mood: 2 }, 0)
                        .unwrap();
                    say("DROPPED".into());
                }
                vault.unlock(passcode(PASSCODE)).unwrap();
                vault.lock();
            }
        }
        // A passcode change after another: pass 1, pass 2, ...
        "passcode" => {
            let mut current = std::env::var("NC_TEST_KILL_FROM").unwrap();
            vault.unlock(passcode(&current)).unwrap();
            say("READY".into());
            while alive() {
                let next = next_passcode(&current);
                vault.change_passcode(next.clone(), None).unwrap();
                say(format!("CHANGED {next}"));
                current = next;
            }
        }
        // A passcode change with a re-key after another; each new
        // recovery code is told after its change.
        "rekey" => {
            let mut current = std::env::var("NC_TEST_KILL_FROM").unwrap();
            vault.unlock(passcode(&current)).unwrap();
            say("READY".into());
            while alive() {
                let next = next_passcode(&current);
                let code = vault
                    .change_passcode_and_rekey(current.clone(), next.clone(), None, None)
                    .unwrap()
                    .unwrap();
                say(format!("CHANGED {next}"));
                say(format!("CODE {code}"));
                current = next;
            }
        }
        // Checkpoints between appends.
        "checkpoint" => {
            vault.unlock(passcode(PASSCODE)).unwrap();
            say("READY".into());
            while alive() {
                vault.make_checkpoint().unwrap();
                say("CHECKPOINT".into());
                let e = vault.quick_check_in(4, 0).unwrap();
                say(format!("COMMITTED {}", e.id));
            }
        }
        // Setting and removing a duress passcode, with a cover entry.
        "duress" => {
            vault.unlock(passcode(PASSCODE)).unwrap();
            say("READY".into());
            while alive() {
                vault.set_duress_passcode(DURESS.into()).unwrap();
                vault.remove_duress_passcode().unwrap();
                i += 1;
            }
        }
        // A restore into this vault, then new entries, again and again.
        "restore" => {
            let backup = std::env::var("NC_TEST_KILL_BACKUP").unwrap();
            vault.unlock(passcode(PASSCODE)).unwrap();
            say("READY".into());
            while alive() {
                vault
                    .restore_backup(backup.clone(), BACKUP_PHRASE.into(), true, None)
                    .unwrap();
                let e = vault.quick_check_in(1, 0).unwrap();
                say(format!("COMMITTED {}", e.id));
            }
        }
        // Crypto-erase.
        "erase" => {
            vault.unlock(passcode(PASSCODE)).unwrap();
            say("READY".into());
            vault.erase().unwrap();
            say("ERASED".into());
            std::thread::sleep(Duration::from_secs(30));
        }
        other => panic!("unknown role {other}"),
    }
    let _ = i;
    true
}

fn next_passcode(current: &str) -> String {
    let n: u64 = current
        .strip_prefix("pass ")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    format!("pass {}", n + 1)
}

#[test]
fn kill_during_unlocks() {
    if child_role() {
        return;
    }
    let f = fixture();
    drop(f.vault);
    let mut rng = Rng::new();
    let mut committed: Vec<String> = Vec::new();
    for k in 0..kills() {
        let wait = Duration::from_millis(rng.below(3000));
        let said = run_and_kill("kill_during_unlocks", "unlock", &f.path, wait);
        committed.extend(said.values("COMMITTED ").into_iter().map(str::to_owned));
        let vault = open(&f.path);
        // At most the wrong attempt and the right one are counted.
        assert!(vault.lock_state().unwrap().failed_attempts <= 2);
        vault.unlock(passcode(PASSCODE)).unwrap();
        assert_eq!(vault.lock_state().unwrap().failed_attempts, 0);
        let refs: Vec<&str> = committed.iter().map(String::as_str).collect();
        assert_whole(&vault, &refs, &format!("unlock, kill {k}"));
    }
    figures("unlock", kills(), committed.len());
}

#[test]
fn kill_during_the_fold_of_dropped_entries() {
    if child_role() {
        return;
    }
    let f = fixture();
    drop(f.vault);
    let mut rng = Rng::new();
    let mut dropped = 0;
    for k in 0..kills() {
        let wait = Duration::from_millis(rng.below(1500));
        let said = run_and_kill(
            "kill_during_the_fold_of_dropped_entries",
            "fold",
            &f.path,
            wait,
        );
        dropped += said.count("DROPPED");
        let vault = open(&f.path);
        vault.unlock(passcode(PASSCODE)).unwrap();
        let ids = assert_whole(&vault, &[], &format!("fold, kill {k}"));
        // Each drop joins once: the child may have been killed after a
        // drop was stored and before it said so.
        assert!(
            ids.len() == dropped || ids.len() == dropped + 1,
            "fold, kill {k}: {} entries for {dropped} drops",
            ids.len()
        );
        dropped = ids.len();
        vault.lock();
    }
    figures("fold", kills(), dropped);
}

#[test]
fn kill_during_passcode_changes() {
    if child_role() {
        return;
    }
    let f = fixture();
    f.vault.quick_check_in(3, 0).unwrap();
    let before = event_ids(&f.vault);
    drop(f.vault);
    let mut rng = Rng::new();
    let mut current = PASSCODE.to_owned();
    let mut changes = 0;
    for k in 0..kills() {
        let wait = Duration::from_millis(rng.below(3000));
        let said = run_and_kill_with(
            "kill_during_passcode_changes",
            "passcode",
            &f.path,
            wait,
            &[("NC_TEST_KILL_FROM", &current)],
        );
        let told = said.values("CHANGED ");
        changes += told.len();
        let confirmed = told.last().map_or(current.clone(), |s| (*s).to_owned());
        let next = next_passcode(&confirmed);
        // Exactly one of the last confirmed passcode and the next opens.
        let vault = open(&f.path);
        let old = vault.unlock(passcode(&confirmed));
        vault.lock();
        let new = vault.unlock(passcode(&next));
        assert!(
            old.is_ok() != new.is_ok(),
            "passcode, kill {k}: old {old:?}, new {new:?}"
        );
        current = if new.is_ok() { next } else { confirmed };
        vault.lock();
        vault.unlock(passcode(&current)).unwrap();
        assert_eq!(vault.lock_state().unwrap().failed_attempts, 0);
        let ids = assert_whole(&vault, &[], &format!("passcode, kill {k}"));
        assert_eq!(ids, before, "passcode, kill {k}: entries changed");
        let recovery = Vault::open(f.path.to_string_lossy().into_owned()).unwrap();
        drop(vault);
        recovery
            .unlock(Secret::RecoveryCode {
                code: f.recovery_code.clone(),
            })
            .unwrap();
    }
    figures("passcode", kills(), changes);
}

/// A kill during a re-key leaves the old keys or the new ones, never
/// neither: exactly one of the last confirmed passcode and the next opens,
/// with every entry, and the recovery code told last (or, when the kill
/// came between the commit and its report, none told) opens too.
#[test]
fn kill_during_rekeys() {
    if child_role() {
        return;
    }
    let f = fixture();
    for _ in 0..200 {
        f.vault.quick_check_in(3, 0).unwrap();
    }
    let before = event_ids(&f.vault);
    drop(f.vault);
    let mut rng = Rng::new();
    let mut current = PASSCODE.to_owned();
    let mut code = f.recovery_code.clone();
    let mut code_known = true;
    let mut changes = 0;
    for k in 0..kills() {
        let wait = Duration::from_millis(rng.below(3000));
        let said = run_and_kill_with(
            "kill_during_rekeys",
            "rekey",
            &f.path,
            wait,
            &[("NC_TEST_KILL_FROM", &current)],
        );
        let told = said.values("CHANGED ");
        let codes = said.values("CODE ");
        changes += told.len();
        let confirmed = told.last().map_or(current.clone(), |s| (*s).to_owned());
        let next = next_passcode(&confirmed);
        let vault = open(&f.path);
        let old = vault.unlock(passcode(&confirmed));
        vault.lock();
        let new = vault.unlock(passcode(&next));
        assert!(
            old.is_ok() != new.is_ok(),
            "rekey, kill {k}: old {old:?}, new {new:?}"
        );
        current = if new.is_ok() { next } else { confirmed };
        vault.lock();
        vault.unlock(passcode(&current)).unwrap();
        let ids = assert_whole(&vault, &[], &format!("rekey, kill {k}"));
        assert_eq!(ids, before, "rekey, kill {k}: entries changed");
        vault.lock();
        // The code of the last change told (its CODE line may be lost, and
        // a change committed but not told has a code nobody saw).
        if new.is_ok() {
            code_known = false;
        } else if !told.is_empty() {
            code_known = codes.len() == told.len();
            if let Some(last) = codes.last() {
                code = (*last).to_owned();
            }
        }
        if code_known {
            vault
                .unlock(Secret::RecoveryCode { code: code.clone() })
                .unwrap();
            vault.lock();
        }
        drop(vault);
    }
    figures("rekey", kills(), changes);
}

#[test]
fn kill_during_checkpoints() {
    if child_role() {
        return;
    }
    let f = fixture();
    drop(f.vault);
    let mut rng = Rng::new();
    let mut committed: Vec<String> = Vec::new();
    let mut made = 0;
    for k in 0..kills() {
        let wait = Duration::from_millis(rng.below(1500));
        let said = run_and_kill("kill_during_checkpoints", "checkpoint", &f.path, wait);
        committed.extend(said.values("COMMITTED ").into_iter().map(str::to_owned));
        made += said.count("CHECKPOINT");
        let vault = open(&f.path);
        vault.unlock(passcode(PASSCODE)).unwrap();
        let refs: Vec<&str> = committed.iter().map(String::as_str).collect();
        assert_whole(&vault, &refs, &format!("checkpoint, kill {k}"));
        let kept = vault.checkpoints().unwrap().len();
        assert!(
            kept == made || kept == made + 1,
            "checkpoints {kept} of {made}"
        );
        made = kept;
    }
    figures("checkpoint", kills(), committed.len());
}

#[test]
fn kill_while_setting_and_removing_a_duress_passcode() {
    if child_role() {
        return;
    }
    let f = fixture();
    for mood in 1..=3 {
        f.vault.quick_check_in(mood, 0).unwrap();
    }
    let before = event_ids(&f.vault);
    drop(f.vault);
    let mut rng = Rng::new();
    for k in 0..kills() {
        let wait = Duration::from_millis(rng.below(3000));
        run_and_kill(
            "kill_while_setting_and_removing_a_duress_passcode",
            "duress",
            &f.path,
            wait,
        );
        let vault = open(&f.path);
        // The cover opens or does not exist; either way it is empty.
        match vault.unlock(passcode(DURESS)) {
            Ok(()) => {
                assert!(event_ids(&vault).is_empty(), "duress, kill {k}: cover");
                vault.lock();
            }
            Err(VaultError::WrongSecret) => {}
            Err(other) => panic!("duress, kill {k}: {other:?}"),
        }
        vault.unlock(passcode(PASSCODE)).unwrap();
        let ids = assert_whole(&vault, &[], &format!("duress, kill {k}"));
        assert_eq!(ids, before, "duress, kill {k}: real entries changed");
    }
    figures("duress", kills(), before.len());
}

#[test]
fn kill_during_restores_into_an_existing_vault() {
    if child_role() {
        return;
    }
    let f = fixture();
    for mood in 1..=3 {
        f.vault.quick_check_in(mood, 0).unwrap();
    }
    let in_backup = event_ids(&f.vault);
    let backup = f.dir.path().join("backup");
    f.vault
        .export_backup(
            backup.to_string_lossy().into_owned(),
            BACKUP_PHRASE.into(),
            None,
        )
        .unwrap();
    f.vault.quick_check_in(5, 0).unwrap();
    drop(f.vault);
    let backup = backup.to_string_lossy().into_owned();
    let mut rng = Rng::new();
    let mut restores = 0;
    for k in 0..kills() {
        let wait = Duration::from_millis(rng.below(3000));
        let said = run_and_kill_with(
            "kill_during_restores_into_an_existing_vault",
            "restore",
            &f.path,
            wait,
            &[("NC_TEST_KILL_BACKUP", &backup)],
        );
        restores += said.count("COMMITTED");
        // The entry committed last is there unless a restore (which
        // replaces newer entries, as asked) followed it.
        let vault = open(&f.path);
        vault.unlock(passcode(PASSCODE)).unwrap();
        let ids = assert_whole(&vault, &[], &format!("restore, kill {k}"));
        assert!(
            in_backup.is_subset(&ids),
            "restore, kill {k}: backup entries missing"
        );
        assert!(ids.len() <= in_backup.len() + 1, "restore, kill {k}");
    }
    figures("restore", kills(), restores);
}

#[test]
fn kill_during_erase() {
    if child_role() {
        return;
    }
    let mut rng = Rng::new();
    let (mut usable, mut unreadable) = (0, 0);
    for k in 0..kills() {
        let f = fixture();
        f.vault.quick_check_in(3, 0).unwrap();
        let before = event_ids(&f.vault);
        drop(f.vault);
        let wait = Duration::from_millis(rng.below(25));
        run_and_kill("kill_during_erase", "erase", &f.path, wait);
        // Either still fully usable, or unreadable by anyone.
        let vault = match Vault::open(f.path.to_string_lossy().into_owned()) {
            Ok(vault) => vault,
            Err(VaultError::NotFound | VaultError::Corrupt) => {
                unreadable += 1;
                continue;
            }
            Err(other) => panic!("erase, kill {k}: open {other:?}"),
        };
        match vault.unlock(passcode(PASSCODE)) {
            Ok(()) => {
                let ids = assert_whole(&vault, &[], &format!("erase, kill {k}"));
                assert_eq!(ids, before, "erase, kill {k}: half erased");
                usable += 1;
            }
            Err(VaultError::WrongSecret) => {
                let code = Secret::RecoveryCode {
                    code: f.recovery_code.clone(),
                };
                assert_eq!(vault.unlock(code), Err(VaultError::WrongSecret));
                unreadable += 1;
            }
            Err(other) => panic!("erase, kill {k}: unlock {other:?}"),
        }
    }
    eprintln!(
        "kills: path=erase kills={} usable={usable} unreadable={unreadable} half=0",
        kills()
    );
}

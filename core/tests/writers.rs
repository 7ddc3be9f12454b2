//! One writer at a time: two `Vault` objects, or two processes, on one
//! file must never lose or damage an entry that either was told was saved.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use nocontact_core::{QuickEntry, Vault, VaultError};

fn open(path: &std::path::Path) -> std::sync::Arc<Vault> {
    Vault::open(path.to_string_lossy().into_owned()).unwrap()
}

/// What a fresh unlock finds in the file.
struct Found {
    ids: BTreeSet<String>,
    damaged: u64,
    chain_issues: usize,
}

fn read_file(path: &std::path::Path) -> Found {
    let vault = open(path);
    vault.unlock(passcode(PASSCODE)).unwrap();
    let damaged = vault.status().unwrap().damaged_records;
    let chain_issues = vault.verify_chain().unwrap().issues.len();
    let ids = every_event(&vault).into_iter().map(|e| e.id).collect();
    Found {
        ids,
        damaged,
        chain_issues,
    }
}

/// Checks that every entry in `saved` is in the file, that nothing is
/// damaged and that the chain verifies; returns the ids in the file.
fn check_file(path: &std::path::Path, saved: &[&str]) -> BTreeSet<String> {
    let found = read_file(path);
    let lost = saved.iter().filter(|id| !found.ids.contains(**id)).count();
    assert_eq!(
        (lost, found.damaged, found.chain_issues),
        (0, 0, 0),
        "(lost of {} saved, damaged records, chain issues)",
        saved.len()
    );
    found.ids
}

#[test]
fn two_objects_in_one_process_lose_nothing() {
    let f = fixture();
    let second = open(&f.path);
    let second_unlock = second.unlock(passcode(PASSCODE));
    let mut saved = Vec::new();
    for _ in 0..30 {
        for vault in [&f.vault, &second] {
            if let Ok(event) = vault.quick_check_in(3, 0) {
                saved.push(event.id);
            }
        }
    }
    drop(second);
    drop(f.vault);
    let saved: Vec<&str> = saved.iter().map(String::as_str).collect();
    check_file(&f.path, &saved);
    assert_eq!(second_unlock, Err(VaultError::OpenElsewhere));
    assert_eq!(saved.len(), 30, "the first object kept working");
}

#[test]
fn the_drop_box_and_the_lock_screen_work_while_another_object_holds_the_file() {
    let f = fixture();
    let widget = open(&f.path);
    widget
        .log_while_locked(QuickEntry::CheckIn { mood: 2 }, 0)
        .unwrap();
    assert_eq!(widget.lock_state().unwrap().failed_attempts, 0);
    widget.lock_policy().unwrap();
    assert_eq!(
        widget.unlock(passcode(PASSCODE)),
        Err(VaultError::OpenElsewhere)
    );
    // Even a wrong passcode is not tried, nor counted.
    assert_eq!(
        widget.unlock(passcode("0000")),
        Err(VaultError::OpenElsewhere)
    );
    assert_eq!(widget.lock_state().unwrap().failed_attempts, 0);
    assert!(!widget.is_unlocked());
    // The holder keeps working.
    f.vault.quick_check_in(4, 0).unwrap();
    f.vault.lock();
    widget.unlock(passcode(PASSCODE)).unwrap();
    let events = widget.list_events(EventQuery::default()).unwrap().events;
    assert_eq!(events.len(), 2);
    assert_eq!(events.iter().filter(|e| e.logged_while_locked).count(), 1);
    // Now the first object is the one refused.
    assert_eq!(
        f.vault.unlock(passcode(PASSCODE)),
        Err(VaultError::OpenElsewhere)
    );
}

#[test]
fn the_hold_goes_with_lock_drop_a_failed_unlock_and_erase() {
    let f = fixture();
    let other = open(&f.path);
    // Lock.
    f.vault.lock();
    other.unlock(passcode(PASSCODE)).unwrap();
    // Drop.
    drop(other);
    let other = open(&f.path);
    other.unlock(passcode(PASSCODE)).unwrap();
    other.lock();
    // A wrong passcode does not keep it.
    assert_eq!(
        f.vault.unlock(passcode("0000")),
        Err(VaultError::WrongSecret)
    );
    other.unlock(passcode(PASSCODE)).unwrap();
    // Unlocking again while open keeps it (the same object checks the
    // passcode again).
    other.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(
        f.vault.unlock(passcode(PASSCODE)),
        Err(VaultError::OpenElsewhere)
    );
    // Erase: the hold and its file go with the vault.
    other.erase().unwrap();
    let left: Vec<_> = std::fs::read_dir(f.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "files left after erase: {left:?}");
}

#[test]
fn the_cover_space_holds_the_file_too() {
    let f = fixture();
    f.vault.set_duress_passcode("1357".into()).unwrap();
    f.vault.lock();
    let cover = open(&f.path);
    cover.unlock(passcode("1357")).unwrap();
    assert_eq!(
        f.vault.unlock(passcode(PASSCODE)),
        Err(VaultError::OpenElsewhere)
    );
    // Switching spaces on one object keeps the hold throughout.
    cover.unlock(passcode(PASSCODE)).unwrap();
    assert!(
        cover.has_duress_passcode().unwrap(),
        "the real space is open"
    );
    assert_eq!(
        f.vault.unlock(passcode("1357")),
        Err(VaultError::OpenElsewhere)
    );
    cover.lock();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
}

#[test]
fn a_second_create_at_the_same_path_is_refused_and_leaves_the_hold() {
    let f = fixture();
    assert!(matches!(
        Vault::create(&f.path, setup()),
        Err(VaultError::AlreadyExists)
    ));
    // The first vault still holds the file.
    let other = open(&f.path);
    assert_eq!(
        other.unlock(passcode(PASSCODE)),
        Err(VaultError::OpenElsewhere)
    );
}

// ---- Two processes -------------------------------------------------------

const ROLE: &str = "NC_TEST_WRITERS_ROLE";
const PATH: &str = "NC_TEST_WRITERS_PATH";

/// Runs this test binary again as a child in `role`, on the vault at `path`.
fn spawn(test: &str, role: &str, path: &std::path::Path) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(ROLE, role)
        .env(PATH, path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The child's side: `true` if this process is a child (and did its part).
fn child_role() -> bool {
    let (Ok(role), Ok(path)) = (std::env::var(ROLE), std::env::var(PATH)) else {
        return false;
    };
    let mut out = std::io::stdout();
    // The test harness has printed "test NAME ... " without a line end.
    writeln!(out).unwrap();
    let vault = Vault::open(path).unwrap();
    match role.as_str() {
        // Takes turns: unlock when it can, append for a while, lock.
        "writer" => {
            let start = Instant::now();
            while start.elapsed() < Duration::from_millis(2500) {
                match vault.unlock(passcode(PASSCODE)) {
                    Ok(()) => {}
                    Err(VaultError::OpenElsewhere) => {
                        writeln!(out, "ELSEWHERE").unwrap();
                        std::thread::sleep(Duration::from_millis(5));
                        continue;
                    }
                    Err(e) => panic!("unlock: {e:?}"),
                }
                writeln!(out, "UNLOCKED").unwrap();
                let turn = Instant::now();
                while turn.elapsed() < Duration::from_millis(300) {
                    let event = vault.quick_check_in(3, 0).unwrap();
                    writeln!(out, "COMMITTED {}", event.id).unwrap();
                    out.flush().unwrap();
                }
                vault.lock();
                std::thread::sleep(Duration::from_millis(30));
            }
        }
        // The widget: drops all the time, never unlocks.
        "dropper" => {
            let start = Instant::now();
            while start.elapsed() < Duration::from_millis(2500) {
                vault
                    .log_while_locked(QuickEntry::CheckIn { mood: 1 }, 0)
                    .unwrap();
                writeln!(out, "DROPPED").unwrap();
                out.flush().unwrap();
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        // Unlocks, says so, and waits to be killed.
        "holder" => {
            vault.unlock(passcode(PASSCODE)).unwrap();
            vault.quick_check_in(5, 0).unwrap();
            writeln!(out, "HELD").unwrap();
            out.flush().unwrap();
            std::thread::sleep(Duration::from_secs(60));
        }
        other => panic!("unknown role {other}"),
    }
    writeln!(out, "DONE").unwrap();
    true
}

/// Every line the child printed, read on a thread of its own.
fn lines(child: &mut Child) -> std::thread::JoinHandle<Vec<String>> {
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(std::result::Result::ok)
            .collect()
    })
}

#[test]
fn two_processes_taking_turns_lose_nothing() {
    if child_role() {
        return;
    }
    let f = fixture();
    drop(f.vault);
    let test = "two_processes_taking_turns_lose_nothing";
    let mut children = [
        spawn(test, "writer", &f.path),
        spawn(test, "writer", &f.path),
        spawn(test, "dropper", &f.path),
    ];
    let readers: Vec<_> = children.iter_mut().map(lines).collect();
    for child in &mut children {
        assert!(child.wait().unwrap().success(), "a child failed");
    }
    let outputs: Vec<Vec<String>> = readers.into_iter().map(|r| r.join().unwrap()).collect();
    let committed: Vec<&str> = outputs[..2]
        .iter()
        .flatten()
        .filter_map(|l| l.strip_prefix("COMMITTED "))
        .collect();
    for (i, out) in outputs[..2].iter().enumerate() {
        assert!(
            out.iter().any(|l| l.starts_with("COMMITTED ")),
            "writer {i} never got a turn"
        );
    }
    let dropped = outputs[2].iter().filter(|l| *l == "DROPPED").count();
    assert!(dropped > 0 && outputs[2].iter().any(|l| l == "DONE"));

    let vault = open(&f.path);
    vault.unlock(passcode(PASSCODE)).unwrap();
    let locked = {
        let mut n = 0;
        let mut offset = 0;
        loop {
            let page = vault
                .list_events(EventQuery {
                    offset,
                    ..Default::default()
                })
                .unwrap();
            if page.events.is_empty() {
                break;
            }
            offset += page.events.len() as u32;
            n += page.events.iter().filter(|e| e.logged_while_locked).count();
        }
        n
    };
    drop(vault);
    let ids = check_file(&f.path, &committed);
    assert_eq!(locked, dropped, "entries logged while locked");
    assert_eq!(ids.len(), committed.len() + dropped, "entries in the log");
    let turns: usize = outputs[..2]
        .iter()
        .map(|o| o.iter().filter(|l| *l == "UNLOCKED").count())
        .sum();
    let refused: usize = outputs[..2]
        .iter()
        .map(|o| o.iter().filter(|l| *l == "ELSEWHERE").count())
        .sum();
    eprintln!(
        "two writers: {} entries committed in {turns} turns, {refused} unlocks refused as open elsewhere, {dropped} drops, none lost",
        committed.len()
    );
}

#[test]
fn a_killed_holder_leaves_no_hold() {
    if child_role() {
        return;
    }
    let f = fixture();
    f.vault.lock();
    let mut child = spawn("a_killed_holder_leaves_no_hold", "holder", &f.path);
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    assert!(
        lines.any(|l| l.is_ok_and(|l| l == "HELD")),
        "the child never held the file"
    );
    assert_eq!(
        f.vault.unlock(passcode(PASSCODE)),
        Err(VaultError::OpenElsewhere)
    );
    f.vault
        .log_while_locked(QuickEntry::CheckIn { mood: 2 }, 0)
        .unwrap();
    child.kill().unwrap();
    let _ = child.wait();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    let events = f.vault.list_events(EventQuery::default()).unwrap().events;
    assert_eq!(events.len(), 2, "the holder's entry and the drop");
    assert!(f.vault.chain_report().unwrap().intact);
}

#[test]
fn a_locked_object_cannot_erase_the_file_from_under_one_that_holds_it() {
    let f = fixture();
    let kept = f.vault.quick_check_in(4, 0).unwrap();
    let other = open(&f.path);
    assert_eq!(other.erase(), Err(VaultError::OpenElsewhere));
    // Nothing changed: the holder goes on writing, and the file opens.
    let after = f.vault.quick_check_in(3, 0).unwrap();
    f.vault.lock();
    let ids = check_file(&f.path, &[&kept.id, &after.id]);
    assert_eq!(ids.len(), 2);
    // Once nobody holds it, the locked object erases (an emergency
    // erase from the lock screen), leaving no file behind.
    other.erase().unwrap();
    assert_eq!(other.lock_state(), Err(VaultError::Erased));
    let left: Vec<_> = std::fs::read_dir(f.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "files left after erase: {left:?}");
}

//! What a copy of the file shows, and what damaged or foreign files do.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::*;
use nocontact_core::{NewReflection, Secret, Vault, VaultError};

fn open(path: &std::path::Path) -> Result<std::sync::Arc<Vault>, VaultError> {
    Vault::open(path.to_string_lossy().into_owned())
}

#[test]
fn copies_of_the_files_hold_no_text_and_no_times() {
    let f = fixture();
    let at = SystemTime::now() - Duration::from_secs(86_400);
    let markers = ["MARKER-alpha-7Q", "ZEBRA-secret-99", "pâté-ünïcödé-✓"];
    for m in markers {
        f.vault
            .add_reflection(NewReflection {
                at: Some(at),
                utc_offset_seconds: 7200,
                ..journal(m)
            })
            .unwrap();
    }
    // Copy while the vault is open (the WAL holds the latest writes) ...
    let live = all_bytes(&f.path);
    // ... and again after it is closed and checkpointed.
    drop(f.vault);
    let closed = all_bytes(&f.path);
    let at_ms = at.duration_since(UNIX_EPOCH).unwrap().as_millis() as i64;
    let at_s = at_ms / 1000;
    for bytes in [&live, &closed] {
        assert!(!bytes.is_empty());
        for m in markers {
            assert!(!contains(bytes, m.as_bytes()), "marker in clear");
        }
        for needle in [
            at_ms.to_string().into_bytes(),
            at_s.to_string().into_bytes(),
            at_ms.to_le_bytes().to_vec(),
            at_ms.to_be_bytes().to_vec(),
            (at_s as u32).to_le_bytes().to_vec(),
            (at_s as u32).to_be_bytes().to_vec(),
        ] {
            assert!(!contains(bytes, &needle), "timestamp in clear");
        }
        for word in [
            "note",
            "text",
            "utc_offset",
            "recorded",
            "passcode",
            "nocontact",
        ] {
            assert!(!contains(bytes, word.as_bytes()), "revealing word {word}");
        }
    }
}

#[test]
fn a_flipped_byte_in_one_record_is_detected_and_the_rest_survive() {
    let f = fixture();
    let a = f.vault.add_reflection(journal("one")).unwrap();
    let b = f.vault.add_reflection(journal("two")).unwrap();
    let c = f.vault.add_reflection(journal("three")).unwrap();
    drop(f.vault);
    {
        let conn = raw(&f.path);
        // The row of the first reflection: an entry's id is its row's id.
        let (id, mut blob): (Vec<u8>, Vec<u8>) = conn
            .query_row(
                "SELECT id, v FROM b WHERE lower(hex(id)) = ?1",
                [&a.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let mid = blob.len() / 2;
        blob[mid] ^= 0x01;
        conn.execute(
            "UPDATE b SET v = ?2 WHERE id = ?1",
            rusqlite::params![id, blob],
        )
        .unwrap();
    }
    let vault = open(&f.path).unwrap();
    vault.unlock(passcode(PASSCODE)).unwrap();
    let status = vault.status().unwrap();
    assert_eq!(status.damaged_records, 1);
    // Three entries, the chain's head and the access log.
    assert_eq!(status.record_count, 5);
    let left = reflections(&vault).unwrap();
    assert_eq!(left, vec![c, b]);
    assert_eq!(vault.get_reflection(a.id.clone()), Err(VaultError::Corrupt));
}

#[test]
fn records_swapped_between_ids_do_not_open() {
    let f = fixture();
    let one = f.vault.add_reflection(journal("one")).unwrap();
    let two = f.vault.add_reflection(journal("two")).unwrap();
    drop(f.vault);
    {
        let conn = raw(&f.path);
        let rows: Vec<(Vec<u8>, Vec<u8>)> = [&one.id, &two.id]
            .iter()
            .map(|id| {
                conn.query_row("SELECT id, v FROM b WHERE lower(hex(id)) = ?1", [id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .unwrap()
            })
            .collect();
        conn.execute(
            "UPDATE b SET v = ?2 WHERE id = ?1",
            rusqlite::params![rows[0].0, rows[1].1],
        )
        .unwrap();
        conn.execute(
            "UPDATE b SET v = ?2 WHERE id = ?1",
            rusqlite::params![rows[1].0, rows[0].1],
        )
        .unwrap();
        // And a row whose value is not even a blob.
        conn.execute("INSERT INTO b (id, v) VALUES (x'00', 'text')", [])
            .unwrap();
    }
    let vault = open(&f.path).unwrap();
    vault.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(vault.status().unwrap().damaged_records, 3);
    assert!(reflections(&vault).unwrap().is_empty());
}

fn set_header_iterations(path: &std::path::Path, iterations: u32) {
    let conn = raw(path);
    let mut header: Vec<u8> = conn
        .query_row("SELECT v FROM h WHERE k = 0", [], |r| r.get(0))
        .unwrap();
    header[1..5].copy_from_slice(&iterations.to_le_bytes());
    conn.execute("UPDATE h SET v = ?1 WHERE k = 0", [header])
        .unwrap();
}

#[test]
fn a_header_asking_for_1000_iterations_is_refused() {
    let f = fixture();
    drop(f.vault);
    set_header_iterations(&f.path, 1_000);
    assert!(matches!(open(&f.path), Err(VaultError::Corrupt)));
}

#[test]
fn a_raised_iteration_count_is_caught_at_unlock() {
    let f = fixture();
    drop(f.vault);
    set_header_iterations(&f.path, 700_000);
    let vault = open(&f.path).unwrap();
    // The passcode no longer derives the same key ...
    assert_eq!(
        vault.unlock(passcode(PASSCODE)),
        Err(VaultError::WrongSecret)
    );
    // ... and the recovery code opens the slot but the directory disagrees.
    assert_eq!(
        vault.unlock(Secret::RecoveryCode {
            code: f.recovery_code.clone()
        }),
        Err(VaultError::Corrupt)
    );
    assert!(!vault.is_unlocked());
}

#[test]
fn a_missing_header_row_is_corrupt() {
    let f = fixture();
    drop(f.vault);
    raw(&f.path)
        .execute("DELETE FROM h WHERE k = 0", [])
        .unwrap();
    assert!(matches!(open(&f.path), Err(VaultError::Corrupt)));
}

#[test]
fn a_future_schema_version_is_refused_untouched() {
    let f = fixture();
    f.vault.add_reflection(journal("from today")).unwrap();
    drop(f.vault);
    raw(&f.path)
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let before = all_bytes(&f.path);
    assert!(matches!(open(&f.path), Err(VaultError::UnsupportedVersion)));
    assert_eq!(all_bytes(&f.path), before);
    // Put the version back: everything is still there.
    raw(&f.path).pragma_update(None, "user_version", 1).unwrap();
    let vault = open(&f.path).unwrap();
    vault.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(reflections(&vault).unwrap().len(), 1);
}

#[test]
fn files_that_are_not_vaults() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("text", b"hello, this is not a database at all\n".to_vec()),
        (
            "random",
            (0..8192u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
                .collect(),
        ),
        ("sqlite-magic-only", b"SQLite format 3\0".to_vec()),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        assert!(matches!(open(&path), Err(VaultError::Corrupt)), "{name}");
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} was modified");
        assert!(path.exists());
    }
    // A real SQLite database of someone else's.
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1); PRAGMA user_version = 1;")
        .unwrap();
    assert!(matches!(open(&other), Err(VaultError::Corrupt)));
    // A folder, and nothing at all.
    assert!(matches!(open(dir.path()), Err(VaultError::NotFound)));
    assert!(matches!(
        open(&dir.path().join("absent")),
        Err(VaultError::NotFound)
    ));
}

#[test]
fn truncated_files_give_errors_not_panics() {
    let f = fixture();
    for i in 0..40 {
        f.vault
            .add_reflection(journal(&format!("note {i} {}", "x".repeat(200))))
            .unwrap();
    }
    drop(f.vault);
    let full = std::fs::read(&f.path).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut outcomes = std::collections::BTreeMap::new();
    for len in [
        0,
        1,
        50,
        99,
        100,
        512,
        4096,
        4097,
        full.len() / 2,
        full.len() - 4096,
        full.len() - 1,
    ] {
        let path = dir.path().join(format!("cut-{len}"));
        std::fs::write(&path, &full[..len]).unwrap();
        let result = open(&path).and_then(|v| {
            v.unlock(passcode(PASSCODE))?;
            reflections(&v).map(|n| n.len())
        });
        // Any outcome but a panic is acceptable; the file stays.
        outcomes.insert(len, format!("{result:?}"));
        assert!(path.exists());
        if let Ok(n) = result {
            assert!(n <= 40);
        }
    }
    assert!(
        outcomes.values().any(|o| o.contains("Corrupt")),
        "{outcomes:?}"
    );
}

#[test]
fn the_file_names_nothing() {
    let f = fixture();
    f.vault.add_reflection(journal("x")).unwrap();
    let conn = raw(&f.path);
    let schema: Vec<String> = conn
        .prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(schema.len(), 2);
    let joined = schema.join(" ").to_lowercase();
    for word in [
        "note", "contact", "event", "person", "slot", "passcode", "secret",
    ] {
        assert!(!joined.contains(word), "{word} in schema");
    }
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

/// Writes notes in a child process, kills it with SIGKILL mid-stream, and
/// checks that every note the child reported as committed is there.
#[test]
fn a_killed_writer_loses_no_committed_record() {
    if let Ok(path) = std::env::var("NC_TEST_CHILD_WRITER") {
        child_writer(&path);
        return;
    }
    let f = fixture();
    drop(f.vault);
    let exe = std::env::current_exe().unwrap();
    let mut child = Command::new(exe)
        .args([
            "--exact",
            "a_killed_writer_loses_no_committed_record",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("NC_TEST_CHILD_WRITER", &f.path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut committed = Vec::new();
    let stdout = child.stdout.take().unwrap();
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        if let Some(id) = line.strip_prefix("COMMITTED ") {
            committed.push(id.to_owned());
            if committed.len() == 60 {
                child.kill().unwrap();
                break;
            }
        }
    }
    let _ = child.wait();
    assert_eq!(committed.len(), 60, "the child did not write");
    let vault = open(&f.path).unwrap();
    vault.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(vault.status().unwrap().damaged_records, 0);
    let ids: Vec<String> = reflections(&vault)
        .unwrap()
        .into_iter()
        .map(|n| n.id)
        .collect();
    for id in &committed {
        assert!(ids.contains(id), "a committed note was lost");
    }
}

fn child_writer(path: &str) {
    use std::io::Write;
    let vault = Vault::open(path.to_owned()).unwrap();
    vault.unlock(passcode(PASSCODE)).unwrap();
    let mut out = std::io::stdout();
    for i in 0.. {
        let n = vault
            .add_reflection(journal(&format!("entry {i} {}", "y".repeat(i % 700))))
            .unwrap();
        writeln!(out, "COMMITTED {}", n.id).unwrap();
        out.flush().unwrap();
    }
}

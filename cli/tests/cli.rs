//! The `nocontact` binary, driven as a script would drive it.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn run(vault: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nocontact"))
        .arg("--vault")
        .arg(vault)
        .arg("--passcode-stdin")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn init_note_notes_passcode_recover() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("sub/folder/v.db");
    let out = run(&vault, &["init"], "1357\n");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let code = stdout
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 39 && l.matches('-').count() == 7)
        .expect("recovery code printed")
        .to_owned();

    let out = run(&vault, &["note", "שלום", "🌱"], "1357\n");
    assert!(out.status.success());
    let out = run(&vault, &["notes"], "1357\n");
    assert!(text(&out.stdout).contains("שלום 🌱"));

    let out = run(&vault, &["notes"], "0000\n");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr).trim(), "nocontact: wrong passcode");
    assert!(out.stdout.is_empty());

    let out = run(&vault, &["passcode"], "1357\n2468\n");
    assert!(out.status.success());
    assert!(!run(&vault, &["notes"], "1357\n").status.success());
    assert!(run(&vault, &["notes"], "2468\n").status.success());

    let out = run(&vault, &["recover"], &format!("{code}\n9753\n"));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&run(&vault, &["notes"], "9753\n").stdout).contains("שלום"));

    // init again refuses and keeps the vault.
    let out = run(&vault, &["init"], "1111\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(run(&vault, &["notes"], "9753\n").status.success());
}

#[test]
fn errors_are_one_line_without_paths_or_text() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("secret-name.db");
    let out = run(&vault, &["notes"], "1234\n");
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1);
    assert!(!err.contains("secret-name"));

    run(&vault, &["init"], "1234\n");
    let out = run(&vault, &["note", " "], "1234\n");
    assert_eq!(text(&out.stderr).trim(), "nocontact: invalid text");
    let out = run(&vault, &["init"], "12\n");
    assert_eq!(out.status.code(), Some(1));
    let out = run(&vault, &["notes"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("standard input ended"));

    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, b"not a vault").unwrap();
    let out = run(&garbage, &["notes"], "1234\n");
    assert_eq!(
        text(&out.stderr).trim(),
        "nocontact: the data is damaged or not a vault"
    );
    assert_eq!(std::fs::read(&garbage).unwrap(), b"not a vault");
}

#[test]
fn usage_errors_exit_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_nocontact"))
        .args(["--passcode", "1234", "notes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn demo_runs() {
    let out = Command::new(env!("CARGO_BIN_EXE_nocontact"))
        .arg("demo")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("note texts found in clear: 0"));
    assert!(stdout.contains("damaged records detected: 1"));
    assert!(stdout.contains("unlock with 0000: refused (wrong passcode)"));
}

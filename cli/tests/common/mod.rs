//! What the CLI tests share: running the `nocontact` binary as a script
//! would, with a passcode on stdin, and checking how it ended.
//!
//! Each test file uses a part of this, so the rest is unused there.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The passcode every test vault is made with, as typed on stdin.
pub const PASS: &str = "1357\n";

/// Runs `command` with piped stdio, feeding it `stdin`.
fn finish(command: &mut Command, stdin: &str) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // The command may exit before reading its input; that is not an error.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

/// Runs the binary with `args` alone (no vault), in UTC.
pub fn nocontact(args: &[&str], stdin: &str) -> Output {
    finish(
        Command::new(env!("CARGO_BIN_EXE_nocontact"))
            .args(args)
            .env("TZ", "UTC"),
        stdin,
    )
}

/// Runs on `vault` with `--passcode-stdin`, feeding `stdin`, with extra
/// environment variables.
pub fn run_env(vault: &Path, args: &[&str], stdin: &str, env: &[(&str, &Path)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_nocontact"));
    command
        .arg("--vault")
        .arg(vault)
        .arg("--passcode-stdin")
        .args(args);
    for (key, value) in env {
        command.env(key, value);
    }
    finish(&mut command, stdin)
}

/// Runs on `vault` with `--passcode-stdin`, feeding `stdin`.
pub fn run(vault: &Path, args: &[&str], stdin: &str) -> Output {
    run_env(vault, args, stdin, &[])
}

/// Runs on `vault` with the passcode, in UTC (`TZ=UTC`, so `--at` times
/// and "today" agree).
pub fn run_utc(vault: &Path, args: &[&str]) -> Output {
    run_env(vault, args, PASS, &[("TZ", Path::new("UTC"))])
}

/// Output bytes as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Expects `out` to be a success; returns stdout.
fn succeeded(args: &[&str], out: Output) -> String {
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// Runs with `stdin`, expects success, returns stdout.
pub fn ok_with(vault: &Path, args: &[&str], stdin: &str) -> String {
    succeeded(args, run(vault, args, stdin))
}

/// Runs with the passcode, expects success, returns stdout.
pub fn ok(vault: &Path, args: &[&str]) -> String {
    ok_with(vault, args, PASS)
}

/// Runs with the passcode in UTC (`TZ=UTC`, so `--at` times and "today"
/// agree), expects success, returns stdout.
pub fn ok_utc(vault: &Path, args: &[&str]) -> String {
    succeeded(args, run_utc(vault, args))
}

/// Runs with the passcode, expects exit 1 with one line; returns it.
pub fn fails(vault: &Path, args: &[&str]) -> String {
    let out = run(vault, args, PASS);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{args:?}: {}",
        text(&out.stdout)
    );
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    err.trim().to_owned()
}

/// Runs with `stdin`, expects exit `code` with one line on stderr and
/// nothing on stdout; returns the line.
pub fn fails_with(vault: &Path, args: &[&str], stdin: &str, code: i32) -> String {
    let out = run(vault, args, stdin);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: {}",
        text(&out.stdout)
    );
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    let err = text(&out.stderr);
    err.lines().next().unwrap_or_default().trim().to_owned()
}

/// A fresh vault with the passcode `PASS`.
pub fn fresh() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("v.db");
    let out = run(&vault, &["init"], PASS);
    assert!(out.status.success(), "{}", text(&out.stderr));
    (dir, vault)
}

/// `out` parsed as JSON.
pub fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

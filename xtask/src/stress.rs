//! `cargo xtask stress [KILLS]`: the kill tests (`core/tests/kills.rs`) and
//! the two-writer test with many kills per write path, then the figures.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{ExitCode, Stdio};
use std::time::Instant;

use crate::Ctx;

pub(crate) const DEFAULT_KILLS: u64 = 1000;
pub(crate) const MAX_KILLS: u64 = 1_000_000;

pub(crate) fn run(ctx: &Ctx, kills: u64) -> ExitCode {
    let started = Instant::now();
    println!("xtask stress: {kills} kills per write path (core/tests/kills.rs), release build");
    let mut cmd = ctx.cargo(&[
        "test",
        "--release",
        "-p",
        "nocontact-core",
        "--test",
        "kills",
        "--test",
        "writers",
        "--",
        "--nocapture",
        "--test-threads=2",
    ]);
    cmd.env("NC_KILLS", kills.to_string())
        .stdout(Stdio::inherit())
        .stderr(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(child) => child,
        Err(e) => {
            eprintln!("xtask stress: cannot run cargo: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut figures = BTreeMap::new();
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("{line}");
            if let Some(rest) = line.strip_prefix("kills: ") {
                figures.insert(rest.to_owned(), ());
            } else if line.starts_with("two writers: ") {
                figures.insert(line.clone(), ());
            }
        }
    }
    let passed = child.wait().is_ok_and(|s| s.success());
    println!(
        "\nxtask stress figures ({:.0} s):",
        started.elapsed().as_secs_f64()
    );
    for line in figures.keys() {
        println!("  {line}");
    }
    if passed {
        println!("xtask stress: passed");
        ExitCode::SUCCESS
    } else {
        println!("xtask stress: FAILED");
        ExitCode::FAILURE
    }
}

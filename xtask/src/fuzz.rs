//! The fuzz stage: every `[[bin]]` target of `fuzz/Cargo.toml`, run by
//! cargo-fuzz (libFuzzer) for a bounded time, each counted as one test.
//!
//! - cargo-fuzz is installed on first use from crates.io into the cache
//!   (`$NOCONTACT_CACHE/cargo-fuzz-VERSION`, pinned, `--locked`); an
//!   interrupted install leaves no binary and is redone.
//! - The targets are built on the stable toolchain with `--sanitizer none`:
//!   cargo-fuzz then passes only stable flags (`-Cpasses=sancov-module`,
//!   `-Cllvm-args=...`, `--cfg fuzzing`). AddressSanitizer would need
//!   nightly; the core has no `unsafe`, so the fuzzer looks for panics,
//!   hangs and runaway memory, which it finds without it.
//! - A target may seed its corpus: it is run with `NOCONTACT_FUZZ_SEED_DIR`
//!   set to its corpus directory (`fuzz/corpus/NAME`, not committed) and can
//!   write valid inputs there in its `init` (see `read_backup`).
//! - libFuzzer's output goes to `target/fuzz-logs/NAME.log`; a summary line
//!   per target is printed, and the end of the log when it fails. A crash
//!   leaves its input in `fuzz/artifacts/NAME/`.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::process::{display, flush, format_duration, run, which, Counts};
use crate::toolchain::{self, Log};
use crate::Ctx;

/// The cargo-fuzz release installed into the cache.
pub const CARGO_FUZZ_VERSION: &str = "0.13.2";
/// Seconds each target runs for in `cargo xtask test`.
pub const TEST_SECONDS: u64 = 25;
/// Seconds each target runs for in `cargo xtask fuzz` without an argument.
pub const DEFAULT_SECONDS: u64 = 60;
/// The longest run `cargo xtask fuzz SECONDS` accepts (a day).
pub const MAX_SECONDS: u64 = 86_400;
const SEED_DIR_ENV: &str = "NOCONTACT_FUZZ_SEED_DIR";
const FUZZ_DIR: &str = "fuzz";

/// Runs every fuzz target for `seconds`. Counts one test per target.
pub fn stage(ctx: &Ctx, seconds: u64) -> (Result<(), String>, Option<Counts>) {
    let dir = ctx.root.join(FUZZ_DIR);
    let manifest_path = dir.join("Cargo.toml");
    let targets = match fs::read_to_string(&manifest_path) {
        Ok(text) => bin_targets(&text),
        Err(e) => return (Err(format!("{}: {e}", manifest_path.display())), None),
    };
    if targets.is_empty() {
        return (
            Err(format!("no [[bin]] targets in {}", manifest_path.display())),
            None,
        );
    }
    println!("fuzz targets: {}", targets.join(", "));
    let all_failed = |why: String| {
        let counts = Counts {
            passed: 0,
            failed: targets.len() as u64,
            closing_lines: 1,
        };
        println!("fuzz: 0 passed, {} failed", targets.len());
        (Err(why), Some(counts))
    };
    let tool = match ensure_cxx().and_then(|()| install_cargo_fuzz(ctx)) {
        Ok(tool) => tool,
        Err(e) => return all_failed(e),
    };
    let started = Instant::now();
    if let Err(e) = run(&mut cargo_fuzz(ctx, &tool, "build")) {
        return all_failed(format!("building the fuzz targets: {e}"));
    }
    println!(
        "built the fuzz targets in {}",
        format_duration(started.elapsed())
    );

    let mut counts = Counts {
        closing_lines: 1,
        ..Counts::default()
    };
    let mut failures = Vec::new();
    for target in &targets {
        match run_target(ctx, &tool, target, seconds) {
            Ok(()) => counts.passed += 1,
            Err(e) => {
                counts.failed += 1;
                failures.push(format!("{target}: {e}"));
            }
        }
    }
    println!("fuzz: {} passed, {} failed", counts.passed, counts.failed);
    let result = if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("; "))
    };
    (result, Some(counts))
}

/// `cargo-fuzz fuzz SUBCOMMAND --fuzz-dir fuzz --sanitizer none
/// --debug-assertions`, from the workspace root: an optimised build (the
/// default) with debug assertions and overflow checks on, so that an
/// overflow is a crash rather than a silent wrap.
fn cargo_fuzz(ctx: &Ctx, tool: &Path, subcommand: &str) -> Command {
    let mut cmd = Command::new(tool);
    cmd.args([
        "fuzz",
        subcommand,
        "--fuzz-dir",
        FUZZ_DIR,
        "--sanitizer",
        "none",
        "--debug-assertions",
    ])
    .current_dir(&ctx.root);
    cmd
}

fn run_target(ctx: &Ctx, tool: &Path, target: &str, seconds: u64) -> Result<(), String> {
    let corpus = ctx.root.join(FUZZ_DIR).join("corpus").join(target);
    fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let logs = ctx.target.join("fuzz-logs");
    fs::create_dir_all(&logs).map_err(|e| format!("{}: {e}", logs.display()))?;
    let log = logs.join(format!("{target}.log"));
    let mut cmd = cargo_fuzz(ctx, tool, "run");
    cmd.arg(target)
        .arg(&corpus)
        .arg("--")
        .arg(format!("-max_total_time={seconds}"))
        // One input running this long is a hang.
        .arg("-timeout=10")
        .arg("-rss_limit_mb=2048")
        .arg("-print_final_stats=1")
        .env(SEED_DIR_ENV, &corpus);
    println!("$ {}  > {}", display(&cmd), log.display());
    flush();
    let started = Instant::now();
    // Well past libFuzzer's own limit: only a wedged process gets here.
    let result = run_logged(&mut cmd, &log, Duration::from_secs(seconds + 600));
    let text = fs::read_to_string(&log).unwrap_or_default();
    let summary = summarize_log(&text);
    let elapsed = format_duration(started.elapsed());
    match result {
        Ok(()) => {
            println!("{target}: ok in {elapsed}: {summary}");
            Ok(())
        }
        Err(e) => {
            println!(
                "{target}: FAILED in {elapsed}; from {}:\n{}",
                log.display(),
                failure_excerpt(&text)
            );
            let artifacts = ctx.root.join(FUZZ_DIR).join("artifacts").join(target);
            Err(format!(
                "{e} (log {}, inputs in {})",
                log.display(),
                artifacts.display()
            ))
        }
    }
}

/// libFuzzer's closing figures: the number of runs and the coverage.
fn summarize_log(text: &str) -> String {
    let done = text
        .lines()
        .rev()
        .find(|l| l.starts_with("Done ") && l.contains(" runs in "));
    let coverage = text
        .lines()
        .rev()
        .find_map(|l| l.find("cov: ").map(|at| &l[at..]));
    match (done, coverage) {
        (Some(done), Some(cov)) => format!("{done}; {cov}"),
        (Some(done), None) => done.to_string(),
        _ => "no libFuzzer summary in the log".to_string(),
    }
}

/// The part of a failed run's log worth showing: from the panic or
/// libFuzzer's error to cargo-fuzz's advice on reproducing it, without
/// cargo-fuzz's own backtrace; else the last lines.
fn failure_excerpt(text: &str) -> String {
    const MAX_LINES: usize = 80;
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.contains("panicked at"))
        .or_else(|| lines.iter().position(|l| l.contains("ERROR: libFuzzer")));
    match start {
        Some(start) => {
            let end = lines[start..]
                .iter()
                .position(|l| l.starts_with("Stack backtrace:"))
                .map_or(lines.len(), |n| start + n);
            let shown = &lines[start..end];
            shown[..shown.len().min(MAX_LINES)].join("\n")
        }
        None => lines[lines.len().saturating_sub(40)..].join("\n"),
    }
}

/// Runs `cmd` with stdout and stderr into `log`, in its own process group,
/// which is killed when it outlives `timeout`.
fn run_logged(cmd: &mut Command, log: &Path, timeout: Duration) -> Result<(), String> {
    use std::os::unix::process::CommandExt;
    let out = File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let err = out.try_clone().map_err(|e| e.to_string())?;
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot start `{}`: {e}", display(cmd)))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => return Err(format!("cargo fuzz run exited with {status}")),
            Ok(None) => {}
            Err(e) => return Err(e.to_string()),
        }
        if started.elapsed() > timeout {
            // The group holds cargo-fuzz and the fuzzer it started.
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", child.id())])
                .status();
            let _ = child.wait();
            return Err(format!("killed after {}", format_duration(timeout)));
        }
        thread::sleep(Duration::from_millis(200));
    }
}

/// libfuzzer-sys compiles libFuzzer (C++).
fn ensure_cxx() -> Result<(), String> {
    if ["c++", "g++", "clang++"].iter().any(|c| which(c).is_some()) {
        return Ok(());
    }
    toolchain::apt_install(&["g++"], &mut Log::Terminal)
}

/// The cargo-fuzz binary, installed into the cache if it is not there.
fn install_cargo_fuzz(ctx: &Ctx) -> Result<PathBuf, String> {
    let root = ctx.cache.join(format!("cargo-fuzz-{CARGO_FUZZ_VERSION}"));
    let bin = root.join("bin/cargo-fuzz");
    if bin.is_file() {
        println!(
            "cargo-fuzz {CARGO_FUZZ_VERSION}: ready at {}",
            bin.display()
        );
        return Ok(bin);
    }
    let started = Instant::now();
    println!(
        "cargo-fuzz {CARGO_FUZZ_VERSION}: installing from crates.io into {}",
        root.display()
    );
    // cargo install builds in a temporary directory and copies the binary
    // into ROOT/bin last: no binary means no finished install. A debug
    // build (30 s here, against 70 s optimised): the tool only starts cargo
    // and the fuzzer.
    let root_arg = root.to_string_lossy().into_owned();
    let mut cmd = ctx.cargo(&[
        "install",
        "cargo-fuzz",
        "--version",
        CARGO_FUZZ_VERSION,
        "--locked",
        "--debug",
        "--root",
        &root_arg,
    ]);
    cmd.env_remove("CARGO_TARGET_DIR");
    run(&mut cmd)?;
    if !bin.is_file() {
        return Err(format!("cargo install did not produce {}", bin.display()));
    }
    println!(
        "cargo-fuzz {CARGO_FUZZ_VERSION}: installed in {}",
        format_duration(started.elapsed())
    );
    Ok(bin)
}

/// The `name`s of the `[[bin]]` tables of a Cargo manifest: the fuzz
/// targets, in order.
pub fn bin_targets(manifest: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut in_bin = false;
    for line in manifest.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.starts_with('[') {
            in_bin = line.replace(' ', "") == "[[bin]]";
            continue;
        }
        if !in_bin {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        if key.trim() == "name" {
            let value = value.trim();
            let name = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')));
            if let Some(name) = name.filter(|n| !n.is_empty()) {
                names.push(name.to_string());
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_bin_targets() {
        let manifest = r#"
[package]
name = "nocontact-fuzz"   # not a target

[dependencies]
libfuzzer-sys = "0.4"

[[bin]]
name = "read_backup"
path = "fuzz_targets/read_backup.rs"
test = false

[ [bin] ]
path = "fuzz_targets/verify_evidence.rs"
name='verify_evidence'

[profile.release]
name = "not a target"
"#;
        assert_eq!(bin_targets(manifest), ["read_backup", "verify_evidence"]);
        assert!(bin_targets("[package]\nname = \"x\"\n").is_empty());
    }

    #[test]
    fn reads_libfuzzer_summaries() {
        let log = "#2 INITED cov: 10 ft: 11 corp: 1/1b exec/s: 0 rss: 30Mb\n\
                   #4096 pulse  cov: 120 ft: 300 corp: 40/2Kb lim: 43 exec/s: 2048 rss: 40Mb\n\
                   Done 51234 runs in 26 second(s)\n\
                   stat::number_of_executed_units: 51234\n";
        assert_eq!(
            summarize_log(log),
            "Done 51234 runs in 26 second(s); cov: 120 ft: 300 corp: 40/2Kb lim: 43 exec/s: 2048 rss: 40Mb"
        );
        assert_eq!(summarize_log(""), "no libFuzzer summary in the log");
    }

    #[test]
    fn shows_the_failure_not_the_tool_backtrace() {
        let log = "INFO: Seed: 1\n#1 INITED\n\
                   thread '<unnamed>' panicked at core/src/x.rs:1:1:\nplanted\n\
                   ==1== ERROR: libFuzzer: deadly signal\n\
                   Failing input:\n\n\tfuzz/artifacts/t/crash-1\n\
                   Error: Fuzz target exited with exit status: 77\n\
                   Stack backtrace:\n   0: anyhow\n";
        let excerpt = failure_excerpt(log);
        assert!(excerpt.starts_with("thread '<unnamed>' panicked at"));
        assert!(excerpt.contains("crash-1"));
        assert!(excerpt.ends_with("exit status: 77"));
        assert_eq!(failure_excerpt("a\nb"), "a\nb");
    }
}

//! `cargo xtask`: the project's automation. `cargo xtask test` is THE test
//! command (CI runs it through `.ci/run`); see `cargo xtask help`.

mod android;
mod android_app;
#[cfg(test)]
mod entry_points;
mod fuzz;
mod ios;
mod process;
mod report;
mod stress;
mod toolchain;

use std::env;
use std::ffi::OsString;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use process::{
    files_under, flush, format_duration, has_extension, remove_tree, run, run_counting, Counts,
};
use toolchain::{Kotlin, Log, SwiftRoot, Toolchains, Want, JNA_JAR};

const USAGE: &str = "\
usage: cargo xtask <command> [test name filters...]

commands:
  test         everything CI checks, in order:
                 cargo fmt --all --check
                 cargo clippy --workspace --all-targets -- -D warnings
                 cargo build --workspace --all-targets   (the cdylib, uniffi-bindgen)
                 cargo test --workspace
                 NC_BENCH_QUICK=1 cargo test --workspace --bench vault --bench protection  (bench smoke run)
                 cargo fuzz: every fuzz/ target for 25 s (one test each)
                 uniffi-bindgen generate ...  (Kotlin + Swift bindings, target/bindings)
                 Kotlin tests on the JVM      (android/core/src/test/kotlin)
                 Swift tests on Linux         (ios/Tests/NoContactCoreTests)
                 the Swift package on Linux   (swift build + swift test of ios/Package.swift)
                 Android library and UI tests, then the screens (android/, docs/screens/android)
  bindings     build, then generate the bindings into target/bindings
  kotlin-test  build, generate, then run the Kotlin tests (filters select tests)
  swift-test   build, generate, then run the Swift tests and the Swift package's
               XCTest tests (filters select tests; for XCTest, --filter patterns)
  android-test build, generate, then run android/core and android/ui's tests (filters select tests)
  screens      build, generate, then render every screen to docs/screens/android/
  fuzz [SECS]  run every target in fuzz/Cargo.toml for SECS seconds each
               (default 60), installing cargo-fuzz into the cache if needed
  stress [KILLS]  the kill tests with KILLS kills per write path (default
               1000) and the two-writer test, in release; prints the figures
  setup        only install the Kotlin and Swift toolchains
  render-report  make the fixture evidence export with the CLI and render its
               report with headless Chromium to docs/report-{desktop,phone}.png
               (installs Debian's chromium when missing)
  help         this text

Toolchains are installed on first use into $NOCONTACT_CACHE (default
~/.cache/nocontact): Debian packages libjna-java and debootstrap, the Kotlin
compiler from npm, a Debian trixie root with Swift (needs root), and
cargo-fuzz from crates.io.
";

/// The library uniffi-bindgen reads and the tests load (crate nocontact-ffi).
const FFI_LIB: &str = "nocontact_ffi";
/// The build: one cargo invocation whose unit graph (features unified with
/// the dev-dependencies) is the one `cargo test --workspace` uses, so the
/// two share every artifact. `cargo build -p nocontact-ffi` and `cargo run
/// -p nocontact-ffi --bin uniffi-bindgen` resolve features without the
/// dev-dependencies and rebuild ring, uniffi and the rest: ~8 minutes cold.
const BUILD: &[&str] = &["build", "--workspace", "--all-targets"];
const KOTLIN_TESTS: &str = "android/core/src/test/kotlin/app/nocontact/core";
const KOTLIN_MAIN_CLASS: &str = "app.nocontact.core.VaultTestKt";
const SWIFT_TESTS: &str = "ios/Tests/NoContactCoreTests";
/// Data shared by the Rust, Kotlin and Swift tests; the Kotlin and Swift test
/// programs find it through this environment variable (a directory).
const FIXTURES: &str = "fixtures";
const FIXTURES_ENV: &str = "NOCONTACT_FIXTURES";
/// Files one language's tests leave for another's (a backup written from
/// Kotlin is restored from Swift); Kotlin runs first.
const INTEROP: &str = "target/interop";
const INTEROP_ENV: &str = "NOCONTACT_INTEROP";
/// The benchmark smoke run: the vault and protection benches (harness =
/// false, so this runs their mains) at small sizes. `--workspace` rather than `-p nocontact-core`:
/// it resolves features like `cargo test --workspace` and so reuses its
/// build, where `-p nocontact-core` drops the `uniffi` feature and rebuilds
/// nocontact-core and ring.
const BENCH: &[&str] = &[
    "test",
    "--workspace",
    "--bench",
    "vault",
    "--bench",
    "protection",
];
/// A hung test run is killed after this long.
const TEST_TIMEOUT: Duration = Duration::from_secs(15 * 60);

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let Some(command) = args.first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let filters = &args[1..];
    let ctx = Ctx::new();
    let plan = match command.as_str() {
        "test" => Plan {
            checks: true,
            kotlin: true,
            swift: true,
            android: (true, true),
        },
        "bindings" => Plan {
            checks: false,
            kotlin: false,
            swift: false,
            android: (false, false),
        },
        "kotlin-test" => Plan {
            checks: false,
            kotlin: true,
            swift: false,
            android: (false, false),
        },
        "swift-test" => Plan {
            checks: false,
            kotlin: false,
            swift: true,
            android: (false, false),
        },
        "android-test" | "screens" => Plan {
            checks: false,
            kotlin: false,
            swift: false,
            android: (command == "android-test", command == "screens"),
        },
        "setup" => return setup_only(&ctx),
        "render-report" => {
            return match report::render(&ctx) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("render-report: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        "fuzz" => return fuzz_only(&ctx, filters),
        "stress" => {
            return match filters {
                [] => stress::run(&ctx, stress::DEFAULT_KILLS),
                [n] => match n.parse::<u64>() {
                    Ok(n) if (1..=stress::MAX_KILLS).contains(&n) => stress::run(&ctx, n),
                    _ => {
                        eprintln!("`cargo xtask stress` takes a number of kills\n\n{USAGE}");
                        ExitCode::from(2)
                    }
                },
                _ => {
                    eprintln!("`cargo xtask stress` takes at most one argument\n\n{USAGE}");
                    ExitCode::from(2)
                }
            }
        }
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        other => {
            eprintln!("unknown command `{other}`\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if !filters.is_empty() && command == "test" {
        eprintln!("`cargo xtask test` takes no filters (use kotlin-test or swift-test)");
        return ExitCode::from(2);
    }
    run_plan(&ctx, command, plan, filters)
}

struct Ctx {
    root: PathBuf,
    target: PathBuf,
    cache: PathBuf,
    cargo: OsString,
}

impl Ctx {
    fn new() -> Ctx {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("xtask lives in the workspace")
            .to_path_buf();
        let target = match env::var_os("CARGO_TARGET_DIR").filter(|v| !v.is_empty()) {
            Some(dir) => root.join(dir),
            None => root.join("target"),
        };
        Ctx {
            root,
            target,
            cache: toolchain::cache_dir(),
            cargo: env::var_os("CARGO").unwrap_or_else(|| "cargo".into()),
        }
    }

    fn cargo(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(&self.cargo);
        cmd.args(args).current_dir(&self.root);
        cmd
    }

    fn library(&self) -> PathBuf {
        self.target.join("debug").join(format!("lib{FFI_LIB}.so"))
    }

    fn bindgen(&self) -> PathBuf {
        self.target.join("debug/uniffi-bindgen")
    }
}

#[derive(Clone, Copy)]
struct Plan {
    /// fmt, clippy and the Rust tests.
    checks: bool,
    kotlin: bool,
    swift: bool,
    /// The Android tests, the screen renders.
    android: (bool, bool),
}

enum Outcome {
    Passed,
    Failed(String),
    Skipped(String),
}

struct StageResult {
    name: &'static str,
    outcome: Outcome,
    elapsed: Duration,
    counts: Option<Counts>,
}

struct Runner<'a> {
    ctx: &'a Ctx,
    total: usize,
    results: Vec<StageResult>,
}

impl Runner<'_> {
    /// Runs one stage unless `blocked_by` names a failed stage it needs.
    /// Returns whether it passed.
    fn stage(
        &mut self,
        name: &'static str,
        what: &str,
        blocked_by: Option<&str>,
        body: impl FnOnce(&Ctx) -> (Result<(), String>, Option<Counts>),
    ) -> bool {
        let index = self.results.len() + 1;
        println!("\n==> [{index}/{}] {name}: {what}", self.total);
        flush();
        let started = Instant::now();
        let (outcome, counts) = match blocked_by {
            Some(dep) => (Outcome::Skipped(format!("not run: `{dep}` failed")), None),
            None => {
                let (result, counts) = body(self.ctx);
                (
                    result.map_or_else(Outcome::Failed, |()| Outcome::Passed),
                    counts,
                )
            }
        };
        let elapsed = started.elapsed();
        match &outcome {
            Outcome::Passed => println!("--- {name}: ok ({})", format_duration(elapsed)),
            Outcome::Failed(why) => {
                println!("--- {name}: FAILED ({}): {why}", format_duration(elapsed))
            }
            Outcome::Skipped(why) => println!("--- {name}: FAILED, {why}"),
        }
        flush();
        let passed = matches!(outcome, Outcome::Passed);
        self.results.push(StageResult {
            name,
            outcome,
            elapsed,
            counts,
        });
        passed
    }
}

/// `Some(name)` when the stage `name` did not pass.
fn needs(passed: bool, name: &'static str) -> Option<&'static str> {
    (!passed).then_some(name)
}

fn run_plan(ctx: &Ctx, command: &str, plan: Plan, filters: &[String]) -> ExitCode {
    let started = Instant::now();
    let android = plan.android.0 || plan.android.1;
    let want = Want {
        kotlin: plan.kotlin || android,
        swift: plan.swift,
    };
    println!(
        "xtask {command}: workspace {}, cache {}",
        ctx.root.display(),
        ctx.cache.display()
    );

    // The toolchains install in the background (network and disk bound)
    // while cargo compiles; the Kotlin and Swift stages wait for them.
    let mut setup = (want.kotlin || want.swift).then(|| Background::start(ctx, want));

    let mut runner = Runner {
        ctx,
        total: 2
            + if plan.checks { 5 } else { 0 }
            + usize::from(plan.kotlin)
            + 2 * usize::from(plan.swift)
            + usize::from(android),
        results: Vec::new(),
    };
    if plan.checks {
        runner.stage("fmt", "cargo fmt --all --check", None, |c| {
            (run(&mut c.cargo(&["fmt", "--all", "--check"])), None)
        });
        runner.stage(
            "clippy",
            "cargo clippy --workspace --all-targets -- -D warnings",
            None,
            |c| {
                let args = [
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ];
                (run(&mut c.cargo(&args)), None)
            },
        );
    }
    let built = runner.stage(
        "build",
        "cargo build --workspace --all-targets (libnocontact_ffi.so, uniffi-bindgen)",
        None,
        |c| (build(c), None),
    );
    if plan.checks {
        runner.stage("rust-tests", "cargo test --workspace", None, |c| {
            let (result, counts) = run_counting(
                &mut c.cargo(&["test", "--workspace"]),
                "cargo test --workspace",
                None,
            );
            (
                result.and_then(|()| expect_tests(counts, "cargo test")),
                Some(counts),
            )
        });
        runner.stage(
            "bench",
            "NC_BENCH_QUICK=1 cargo test --workspace --bench vault --bench protection (quick bench run)",
            None,
            |c| {
                let mut cmd = c.cargo(BENCH);
                cmd.env("NC_BENCH_QUICK", "1");
                (run(&mut cmd), None)
            },
        );
        runner.stage(
            "fuzz",
            &format!("cargo fuzz run, every target for {} s", fuzz::TEST_SECONDS),
            None,
            |c| fuzz::stage(c, fuzz::TEST_SECONDS),
        );
    }
    let mut generated = None;
    let bindings = runner.stage(
        "bindings",
        "uniffi-bindgen generate (Kotlin, Swift)",
        needs(built, "build"),
        |c| match generate_bindings(c) {
            Ok(b) => {
                generated = Some(b);
                (Ok(()), None)
            }
            Err(e) => (Err(e), None),
        },
    );
    if plan.kotlin {
        runner.stage(
            "kotlin",
            "Kotlin tests on the JVM",
            needs(bindings, "bindings"),
            |c| {
                let kotlin = setup.as_mut().expect("setup started").kotlin();
                let b = generated.as_ref().expect("bindings generated");
                match kotlin {
                    Ok(k) => kotlin_test(c, k, b, filters),
                    Err(e) => (Err(format!("Kotlin toolchain: {e}")), None),
                }
            },
        );
    }
    if plan.swift {
        runner.stage(
            "swift",
            "Swift tests on Linux (Debian trixie root)",
            needs(bindings, "bindings"),
            |c| {
                let swift = setup.as_mut().expect("setup started").swift();
                let b = generated.as_ref().expect("bindings generated");
                match swift {
                    Ok(root) => swift_test(c, root, b, filters),
                    Err(e) => (Err(format!("Swift toolchain: {e}")), None),
                }
            },
        );
        runner.stage(
            "swift-pkg",
            "swift build + swift test of ios/Package.swift (Debian trixie root)",
            needs(bindings, "bindings"),
            |c| ios::stage(c, setup.as_mut(), generated.as_ref(), filters),
        );
    }
    if android {
        runner.stage(
            "android",
            "android/core and android/ui on the JVM: tests, screens",
            needs(bindings, "bindings"),
            |c| match setup.as_mut().expect("setup started").kotlin() {
                Ok(k) => android::stage(c, k, generated.as_ref(), plan.android, filters),
                Err(e) => (Err(format!("Kotlin toolchain: {e}")), None),
            },
        );
    }
    let setup_time = setup.as_mut().map(|s| s.finish().elapsed);
    summarize(command, &runner.results, setup_time, started.elapsed())
}

fn summarize(
    command: &str,
    results: &[StageResult],
    setup: Option<Duration>,
    elapsed: Duration,
) -> ExitCode {
    println!("\n==> summary");
    let mut totals = Counts::default();
    let mut failed = Vec::new();
    for r in results {
        let (status, detail) = match &r.outcome {
            Outcome::Passed => ("ok", String::new()),
            Outcome::Failed(why) => ("FAILED", why.clone()),
            Outcome::Skipped(why) => ("FAILED", why.clone()),
        };
        if !matches!(r.outcome, Outcome::Passed) {
            failed.push(r.name);
        }
        let counts = r
            .counts
            .map(|c| {
                totals.add(c);
                format!("  [{} passed, {} failed]", c.passed, c.failed)
            })
            .unwrap_or_default();
        let detail = if detail.is_empty() {
            detail
        } else {
            format!("  {detail}")
        };
        println!(
            "  {:<11} {:<7} {:>7}{counts}{detail}",
            r.name,
            status,
            format_duration(r.elapsed)
        );
    }
    if let Some(setup) = setup {
        println!(
            "  {:<11} {:<7} {:>7}  (in the background)",
            "toolchains",
            "-",
            format_duration(setup)
        );
    }
    let by_stage: Vec<String> = results
        .iter()
        .filter_map(|r| r.counts.map(|c| format!("{} {}", r.name, c.passed)))
        .collect();
    let stages = results.len();
    let verdict = if failed.is_empty() {
        format!("OK, all {stages} stages passed")
    } else {
        format!(
            "FAILED ({} of {stages} stages failed: {})",
            failed.len(),
            failed.join(", ")
        )
    };
    let tests = if by_stage.is_empty() {
        String::new()
    } else {
        format!("; tests: {}", by_stage.join(", "))
    };
    println!(
        "xtask {command}: {verdict} in {}{tests}",
        format_duration(elapsed)
    );
    if totals.closing_lines > 0 {
        println!(
            "summary: {} passed, {} failed",
            totals.passed, totals.failed
        );
    }
    flush();
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// A test run must have reported results, none failed, and some passed.
fn expect_tests(counts: Counts, what: &str) -> Result<(), String> {
    if counts.closing_lines == 0 {
        Err(format!("{what} printed no test summary"))
    } else if counts.failed > 0 {
        Err(format!("{what}: {} failed", counts.failed))
    } else if counts.passed == 0 {
        Err(format!("{what} ran no test"))
    } else {
        Ok(())
    }
}

fn build(ctx: &Ctx) -> Result<(), String> {
    run(&mut ctx.cargo(BUILD))?;
    for file in [ctx.library(), ctx.bindgen()] {
        if !file.is_file() {
            return Err(format!(
                "cargo {} did not produce {}",
                BUILD.join(" "),
                file.display()
            ));
        }
        println!("built {}", file.display());
    }
    Ok(())
}

/// What uniffi-bindgen wrote, found by globbing its output directory.
struct Bindings {
    kotlin: Vec<PathBuf>,
    swift: Vec<PathBuf>,
    headers: Vec<PathBuf>,
    modulemaps: Vec<PathBuf>,
}

fn generate_bindings(ctx: &Ctx) -> Result<Bindings, String> {
    let lib = ctx.library();
    for file in [&lib, &ctx.bindgen()] {
        if !file.is_file() {
            return Err(format!(
                "{} is missing: build with cargo {}",
                file.display(),
                BUILD.join(" ")
            ));
        }
    }
    let out = ctx.target.join("bindings");
    remove_tree(&out)?;
    // The binary `cargo run -p nocontact-ffi --bin uniffi-bindgen` would run,
    // as built by the build stage (see BUILD).
    let mut cmd = Command::new(ctx.bindgen());
    cmd.current_dir(&ctx.root)
        .arg("generate")
        .arg("--library")
        .arg(&lib)
        .args([
            "--language",
            "kotlin",
            "--language",
            "swift",
            "--no-format",
            "--out-dir",
        ])
        .arg(&out)
        .arg("--config")
        .arg(ctx.root.join("uniffi.toml"));
    run(&mut cmd)?;
    let files = files_under(&out);
    let pick = |ext: &str| -> Vec<PathBuf> {
        files
            .iter()
            .filter(|p| has_extension(p, ext))
            .cloned()
            .collect()
    };
    let b = Bindings {
        kotlin: pick("kt"),
        swift: pick("swift"),
        headers: pick("h"),
        modulemaps: pick("modulemap"),
    };
    println!("generated into {}:", out.display());
    for f in &files {
        let size = fs::metadata(f).map(|m| m.len()).unwrap_or(0);
        println!(
            "  {} ({size} bytes)",
            f.strip_prefix(&out).unwrap_or(f).display()
        );
    }
    let missing: Vec<&str> = [
        ("Kotlin (.kt)", b.kotlin.is_empty()),
        ("Swift (.swift)", b.swift.is_empty()),
        ("C header (.h)", b.headers.is_empty()),
        ("modulemap", b.modulemaps.is_empty()),
    ]
    .into_iter()
    .filter_map(|(what, empty)| empty.then_some(what))
    .collect();
    if missing.is_empty() {
        Ok(b)
    } else {
        Err(format!(
            "uniffi-bindgen generated no {}",
            missing.join(", no ")
        ))
    }
}

fn kotlin_test(
    ctx: &Ctx,
    kotlin: &Kotlin,
    b: &Bindings,
    filters: &[String],
) -> (Result<(), String>, Option<Counts>) {
    let tests: Vec<PathBuf> = files_under(&ctx.root.join(KOTLIN_TESTS))
        .into_iter()
        .filter(|p| has_extension(p, "kt"))
        .collect();
    if tests.is_empty() {
        return (Err(format!("no Kotlin tests under {KOTLIN_TESTS}")), None);
    }
    let out = ctx.target.join("kotlin-test");
    let jar = out.join("vault-tests.jar");
    let stamp = out.join("inputs.hash");
    let sources: Vec<&PathBuf> = b.kotlin.iter().chain(&tests).collect();

    // kotlinc takes ~40 s: reuse the jar when no input changed.
    let mut hasher = DefaultHasher::new();
    (toolchain::KOTLIN_VERSION, JNA_JAR, kotlin.home.as_path()).hash(&mut hasher);
    for source in &sources {
        source.hash(&mut hasher);
        fs::read(source).unwrap_or_default().hash(&mut hasher);
    }
    let hash = format!("{:016x}\n", hasher.finish());
    if jar.is_file() && fs::read_to_string(&stamp).is_ok_and(|s| s == hash) {
        println!("kotlinc: sources unchanged, reusing {}", jar.display());
    } else {
        let _ = fs::remove_file(&stamp);
        let _ = fs::remove_file(&jar);
        if let Err(e) = fs::create_dir_all(&out) {
            return (Err(format!("{}: {e}", out.display())), None);
        }
        let mut cmd = Command::new(kotlin.kotlinc());
        cmd.arg("-cp")
            .arg(JNA_JAR)
            .arg("-d")
            .arg(&jar)
            .args(&sources)
            .current_dir(&ctx.root);
        if run(&mut cmd).is_err() {
            return (
                Err("kotlinc failed to compile the tests (see its output above)".into()),
                None,
            );
        }
        let _ = fs::write(&stamp, hash);
    }
    let library_dir = ctx
        .library()
        .parent()
        .expect("library has a directory")
        .to_path_buf();
    let classpath = env::join_paths([jar.as_path(), Path::new(JNA_JAR), kotlin.stdlib().as_path()])
        .expect("no ':' in classpath entries");
    let interop = ctx.root.join(INTEROP);
    if let Err(e) = fs::create_dir_all(&interop) {
        return (Err(format!("cannot create {INTEROP}: {e}")), None);
    }
    let mut cmd = Command::new("java");
    cmd.arg(format!("-Djna.library.path={}", library_dir.display()))
        .env(FIXTURES_ENV, ctx.root.join(FIXTURES))
        .env(INTEROP_ENV, &interop)
        .arg("-cp")
        .arg(classpath)
        .arg(KOTLIN_MAIN_CLASS)
        .args(filters)
        .current_dir(&ctx.root);
    let (result, counts) = run_counting(&mut cmd, "the Kotlin tests (java)", Some(TEST_TIMEOUT));
    (
        result.and_then(|()| expect_tests(counts, "the Kotlin tests")),
        Some(counts),
    )
}

fn swift_test(
    ctx: &Ctx,
    root: &SwiftRoot,
    b: &Bindings,
    filters: &[String],
) -> (Result<(), String>, Option<Counts>) {
    let tests: Vec<PathBuf> = files_under(&ctx.root.join(SWIFT_TESTS))
        .into_iter()
        .filter(|p| has_extension(p, "swift"))
        .collect();
    if tests.is_empty() {
        return (Err(format!("no Swift tests under {SWIFT_TESTS}")), None);
    }
    clean_stale_swift_dirs(root);
    // A per-run directory inside the root; removed afterwards.
    let inside = format!("/tmp/nocontact-swift-test-{}", std::process::id());
    let dir = ScratchDir(root.path.join(inside.trim_start_matches('/')));
    let staged = stage_swift_inputs(ctx, b, &tests, &dir.0, &inside);
    let (sources, lib_name) = match staged {
        Ok(s) => s,
        Err(e) => return (Err(e), None),
    };
    let binary = format!("{inside}/vault-tests");
    let mut compile: Vec<&str> = vec![
        "swiftc",
        "-module-name",
        "NoContactCoreTests",
        "-I",
        &inside,
        "-L",
        &inside,
    ];
    let link = format!("-l{lib_name}");
    compile.push(&link);
    compile.extend(sources.iter().map(String::as_str));
    compile.extend(["-o", &binary]);
    if run(&mut root.command(&[], &compile)).is_err() {
        return (
            Err("swiftc failed to compile the tests (see its output above)".into()),
            None,
        );
    }
    let mut args = vec![binary.as_str()];
    args.extend(filters.iter().map(String::as_str));
    let fixtures = format!("{inside}/{FIXTURES}");
    let interop = format!("{inside}/interop");
    let mut cmd = root.command(
        &[
            ("LD_LIBRARY_PATH", &inside),
            ("TMPDIR", &inside),
            (FIXTURES_ENV, &fixtures),
            (INTEROP_ENV, &interop),
        ],
        &args,
    );
    let (result, counts) = run_counting(
        &mut cmd,
        "the Swift tests (vault-tests)",
        Some(TEST_TIMEOUT),
    );
    (
        result.and_then(|()| expect_tests(counts, "the Swift tests")),
        Some(counts),
    )
}

/// Copies the generated Swift, header, modulemap (as `module.modulemap`), the
/// library, the tests and the shared fixtures (into `fixtures/`) into `dir`
/// (`inside` within the root). Returns the sources as seen inside the root
/// and the library's link name.
fn stage_swift_inputs(
    ctx: &Ctx,
    b: &Bindings,
    tests: &[PathBuf],
    dir: &Path,
    inside: &str,
) -> Result<(Vec<String>, String), String> {
    let io = |e: std::io::Error| format!("staging the Swift sources in {}: {e}", dir.display());
    remove_tree(dir)?;
    fs::create_dir_all(dir).map_err(io)?;
    let mut sources = Vec::new();
    for file in b.swift.iter().chain(tests) {
        let name = file
            .file_name()
            .expect("a file name")
            .to_string_lossy()
            .into_owned();
        if sources.contains(&format!("{inside}/{name}")) {
            return Err(format!("two Swift files are named {name}"));
        }
        fs::copy(file, dir.join(&name)).map_err(io)?;
        sources.push(format!("{inside}/{name}"));
    }
    for header in &b.headers {
        fs::copy(header, dir.join(header.file_name().expect("a file name"))).map_err(io)?;
    }
    // Clang finds `module.modulemap` in an -I directory; with several
    // uniffi components there would be several maps, so join them.
    let mut modulemap = String::new();
    for map in &b.modulemaps {
        modulemap.push_str(&fs::read_to_string(map).map_err(io)?);
        modulemap.push('\n');
    }
    fs::write(dir.join("module.modulemap"), modulemap).map_err(io)?;
    let lib = ctx.library();
    fs::copy(&lib, dir.join(lib.file_name().expect("a file name"))).map_err(io)?;
    copy_files(&ctx.root.join(FIXTURES), &dir.join(FIXTURES)).map_err(io)?;
    // What the Kotlin tests left (absent when they did not run: the Swift
    // test that needs it then says so).
    let interop = ctx.root.join(INTEROP);
    fs::create_dir_all(dir.join("interop")).map_err(io)?;
    if interop.is_dir() {
        copy_files(&interop, &dir.join("interop")).map_err(io)?;
    }
    Ok((sources, FFI_LIB.to_string()))
}

/// Copies the plain files of `from` (not its folders) into `to`.
fn copy_files(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let path = entry?.path();
        if let Some(name) = path.file_name().filter(|_| path.is_file()) {
            fs::copy(&path, to.join(name))?;
        }
    }
    Ok(())
}

struct ScratchDir(PathBuf);

impl Drop for ScratchDir {
    fn drop(&mut self) {
        if let Err(e) = remove_tree(&self.0) {
            eprintln!("warning: {e}");
        }
    }
}

/// Removes test directories left in the root by runs that were killed.
fn clean_stale_swift_dirs(root: &SwiftRoot) {
    let Ok(entries) = fs::read_dir(root.path.join("tmp")) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix("nocontact-swift-test-") else {
            continue;
        };
        if !Path::new("/proc").join(pid).exists() {
            let _ = remove_tree(&entry.path());
        }
    }
}

/// The toolchain setup, running in a thread with its output in a log file.
struct Background {
    handle: Option<JoinHandle<(Toolchains, Log)>>,
    done: Option<(Toolchains, Log)>,
    log_path: PathBuf,
}

impl Background {
    fn start(ctx: &Ctx, want: Want) -> Background {
        let log_path = ctx.cache.join("logs/setup.log");
        let cache = ctx.cache.clone();
        let path = log_path.clone();
        println!(
            "toolchains: checking/installing in the background (log: {})",
            log_path.display()
        );
        let handle = thread::spawn(move || {
            let mut log = match Log::file(path) {
                Ok(log) => log,
                Err(e) => {
                    eprintln!("warning: cannot write the setup log ({e}); setup output follows");
                    Log::Terminal
                }
            };
            let toolchains = toolchain::setup(&cache, want, &mut log);
            (toolchains, log)
        });
        Background {
            handle: Some(handle),
            done: None,
            log_path,
        }
    }

    fn finish(&mut self) -> &Toolchains {
        if let Some(handle) = self.handle.take() {
            if !handle.is_finished() {
                println!(
                    "waiting for the toolchain setup (log: {})...",
                    self.log_path.display()
                );
                flush();
            }
            let (toolchains, log) = handle.join().unwrap_or_else(|_| {
                let panicked = "the setup thread panicked".to_string();
                let toolchains = Toolchains {
                    kotlin: Some(Err(panicked.clone())),
                    swift: Some(Err(panicked)),
                    elapsed: Duration::ZERO,
                };
                (toolchains, Log::Terminal)
            });
            let failed = matches!(toolchains.kotlin, Some(Err(_)))
                || matches!(toolchains.swift, Some(Err(_)));
            if failed {
                println!(
                    "toolchain setup failed; end of {}:\n{}",
                    self.log_path.display(),
                    log.tail(40)
                );
            } else {
                println!("toolchains ready ({})", format_duration(toolchains.elapsed));
            }
            self.done = Some((toolchains, log));
        }
        &self.done.as_ref().expect("setup joined").0
    }

    fn kotlin(&mut self) -> Result<&Kotlin, String> {
        match &self.finish().kotlin {
            Some(Ok(k)) => Ok(k),
            Some(Err(e)) => Err(e.clone()),
            None => Err("not set up".into()),
        }
    }

    fn swift(&mut self) -> Result<&SwiftRoot, String> {
        match &self.finish().swift {
            Some(Ok(s)) => Ok(s),
            Some(Err(e)) => Err(e.clone()),
            None => Err("not set up".into()),
        }
    }
}

/// `cargo xtask fuzz [SECONDS]`: the fuzz stage alone.
fn fuzz_only(ctx: &Ctx, args: &[String]) -> ExitCode {
    let seconds = match args {
        [] => fuzz::DEFAULT_SECONDS,
        [s] => match s.parse::<u64>() {
            Ok(n) if (1..=fuzz::MAX_SECONDS).contains(&n) => n,
            _ => {
                eprintln!(
                    "`cargo xtask fuzz` takes a number of seconds, 1 to {}\n\n{USAGE}",
                    fuzz::MAX_SECONDS
                );
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("`cargo xtask fuzz` takes at most one argument\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    println!(
        "xtask fuzz: workspace {}, cache {}",
        ctx.root.display(),
        ctx.cache.display()
    );
    let mut runner = Runner {
        ctx,
        total: 1,
        results: Vec::new(),
    };
    runner.stage(
        "fuzz",
        &format!("cargo fuzz run, every target for {seconds} s"),
        None,
        |c| fuzz::stage(c, seconds),
    );
    summarize("fuzz", &runner.results, None, started.elapsed())
}

fn setup_only(ctx: &Ctx) -> ExitCode {
    println!("xtask setup: cache {}", ctx.cache.display());
    let toolchains = toolchain::setup(
        &ctx.cache,
        Want {
            kotlin: true,
            swift: true,
        },
        &mut Log::Terminal,
    );
    let mut ok = true;
    for (what, result) in [
        (
            "kotlin",
            toolchains
                .kotlin
                .as_ref()
                .map(|r| r.as_ref().map(|k| k.home.clone())),
        ),
        (
            "swift",
            toolchains
                .swift
                .as_ref()
                .map(|r| r.as_ref().map(|s| s.path.clone())),
        ),
    ] {
        match result {
            Some(Ok(path)) => println!("{what}: ready at {}", path.display()),
            Some(Err(e)) => {
                ok = false;
                println!("{what}: FAILED: {e}");
            }
            None => {}
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

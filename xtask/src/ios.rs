//! The iOS Swift package (`ios/Package.swift`) built and tested on Linux:
//! `swift build` and `swift test` inside the Debian trixie Swift root,
//! against the real `libnocontact_ffi.so`.
//!
//! The package is staged into the root at a path fixed per workspace
//! (`/tmp/nocontact-swiftpm-<hash>`), so SwiftPM's build directory survives
//! between runs and only what changed recompiles. Staging copies `Package.swift`,
//! `Sources/` and `Tests/` and adds what `cargo xtask bindings` generated:
//! `NoContactCore.swift` into `Sources/NoContactCore/`, `NoContactCoreFFI.h`
//! next to the package's own `module.modulemap` in `Sources/NoContactCoreFFI/`,
//! and the library into `lib/`. Files removed from the package are removed
//! from the staged copy too. XCTest's results are counted off its output.

use std::collections::BTreeMap;
use std::fs::{self, OpenOptions};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use crate::process::{files_under, run, run_tallying, Counts, Tally};
use crate::toolchain::SwiftRoot;
use crate::{expect_tests, Background, Bindings, Ctx, TEST_TIMEOUT};

/// The package, relative to the workspace.
const PACKAGE: &str = "ios";
/// What of the package is copied (App/ is built only with Xcode; the
/// binding tests in Tests/NoContactCoreTests are not a package target).
const STAGED: &[&str] = &["Package.swift", "Sources", "Tests"];
const SKIPPED: &[&str] = &["Tests/NoContactCoreTests"];
const GENERATED_SWIFT: &str = "Sources/NoContactCore/NoContactCore.swift";
const GENERATED_HEADER: &str = "Sources/NoContactCoreFFI/NoContactCoreFFI.h";

/// The `swift-pkg` stage: waits for the Swift root, then [`package_test`].
pub(crate) fn stage(
    ctx: &Ctx,
    setup: Option<&mut Background>,
    bindings: Option<&Bindings>,
    filters: &[String],
) -> (Result<(), String>, Option<Counts>) {
    let (Some(setup), Some(bindings)) = (setup, bindings) else {
        return (
            Err("the toolchains or the bindings are missing".into()),
            None,
        );
    };
    match setup.swift() {
        Ok(root) => package_test(ctx, root, bindings, filters),
        Err(e) => (Err(format!("Swift toolchain: {e}")), None),
    }
}

/// `swift build` then `swift test` of the package; filters become XCTest
/// `--filter`s (regular expressions over `Target.Class/test`).
pub(crate) fn package_test(
    ctx: &Ctx,
    root: &SwiftRoot,
    b: &Bindings,
    filters: &[String],
) -> (Result<(), String>, Option<Counts>) {
    let inside = staged_dir(&ctx.root);
    let dir = root.path.join(inside.trim_start_matches('/'));
    // Two runs from one workspace would share the staged copy: one at a time.
    let lock_path = dir.with_extension("lock");
    let lock = match fs::create_dir_all(root.path.join("tmp")).and_then(|()| {
        OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
    }) {
        Ok(lock) => lock,
        Err(e) => return (Err(format!("{}: {e}", lock_path.display())), None),
    };
    if let Err(e) = lock.lock() {
        return (Err(format!("locking {}: {e}", lock_path.display())), None);
    }
    if let Err(e) = stage_files(ctx, b, &dir) {
        return (Err(e), None);
    }
    let lib = format!("{inside}/lib");
    let tmp = format!("{inside}/tmp");
    let common = [
        "--package-path",
        &inside,
        "--scratch-path",
        &format!("{inside}/.build"),
        "-Xlinker",
        &format!("-L{lib}"),
        "-Xlinker",
        "-rpath",
        "-Xlinker",
        &lib,
    ]
    .map(str::to_owned);
    let env = [("LD_LIBRARY_PATH", lib.as_str()), ("TMPDIR", tmp.as_str())];
    let mut build: Vec<&str> = vec!["swift", "build", "--build-tests"];
    build.extend(common.iter().map(String::as_str));
    if run(&mut root.command(&env, &build)).is_err() {
        return (
            Err("swift build failed to compile the package (see its output above)".into()),
            None,
        );
    }
    let mut test: Vec<&str> = vec!["swift", "test", "--skip-build", "--disable-swift-testing"];
    test.extend(common.iter().map(String::as_str));
    for filter in filters {
        test.extend(["--filter", filter]);
    }
    let (result, tally) = run_tallying(
        &mut root.command(&env, &test),
        "swift test",
        Some(TEST_TIMEOUT),
        XcTest::default(),
    );
    let counts = tally.counts;
    let checked = result
        .and_then(|()| tally.check())
        .and_then(|()| expect_tests(counts, "swift test"));
    (checked, Some(counts))
}

/// The staged package's path inside the root, fixed per workspace.
fn staged_dir(workspace: &Path) -> String {
    let mut hasher = DefaultHasher::new();
    workspace.hash(&mut hasher);
    format!("/tmp/nocontact-swiftpm-{:016x}", hasher.finish())
}

/// Makes `dir` hold exactly the package plus the generated files, rewriting
/// only files whose bytes changed (SwiftPM rebuilds by modification time).
fn stage_files(ctx: &Ctx, b: &Bindings, dir: &Path) -> Result<(), String> {
    let package = ctx.root.join(PACKAGE);
    let mut wanted: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
    for item in STAGED {
        let path = package.join(item);
        let files = if path.is_file() {
            vec![path]
        } else {
            files_under(&path)
        };
        for file in files {
            let relative = file
                .strip_prefix(&package)
                .map_err(|e| e.to_string())?
                .to_path_buf();
            if SKIPPED.iter().any(|s| relative.starts_with(s)) {
                continue;
            }
            wanted.insert(relative, file);
        }
    }
    let [swift] = b.swift.as_slice() else {
        return Err(format!(
            "expected one generated Swift file, found {}",
            b.swift.len()
        ));
    };
    let header = b
        .headers
        .iter()
        .find(|h| h.file_name().is_some_and(|n| n == "NoContactCoreFFI.h"))
        .ok_or("uniffi-bindgen generated no NoContactCoreFFI.h")?;
    wanted.insert(GENERATED_SWIFT.into(), swift.clone());
    wanted.insert(GENERATED_HEADER.into(), header.clone());
    let library = ctx.library();
    let name = library.file_name().ok_or("the library has no file name")?;
    wanted.insert(Path::new("lib").join(name), library.clone());

    let io = |what: &Path, e: std::io::Error| format!("staging {}: {e}", what.display());
    // Drop what is no longer in the package (not SwiftPM's build directory).
    for existing in files_under(dir) {
        let relative = existing.strip_prefix(dir).map_err(|e| e.to_string())?;
        if relative.starts_with(".build") || relative.starts_with("tmp") {
            continue;
        }
        if !wanted.contains_key(relative) {
            fs::remove_file(&existing).map_err(|e| io(&existing, e))?;
        }
    }
    for (relative, source) in &wanted {
        let target = dir.join(relative);
        let bytes = fs::read(source).map_err(|e| io(source, e))?;
        if fs::read(&target).is_ok_and(|old| old == bytes) {
            continue;
        }
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        fs::write(&target, &bytes).map_err(|e| io(&target, e))?;
    }
    let tmp = dir.join("tmp");
    crate::process::remove_tree(&tmp)?;
    fs::create_dir_all(&tmp).map_err(|e| io(&tmp, e))?;
    println!(
        "staged the package ({} files) in {}",
        wanted.len(),
        dir.display()
    );
    Ok(())
}

/// XCTest's results on Linux: one `Test Case 'Class.test' passed (...)` or
/// `... failed (...)` line per test, and after `Test Suite 'All tests'
/// passed|failed at ...` (`'Selected tests'` with `--filter`) the closing
/// `Executed N tests, with M failures ...`.
/// The counts come from the test lines; the closing line must agree.
#[derive(Default)]
struct XcTest {
    counts: Counts,
    after_all_tests: bool,
    /// What the closing line said: tests executed, failures.
    executed: Option<(u64, u64)>,
}

impl Tally for XcTest {
    fn line(&mut self, line: &str) {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("Test Case '") {
            if let Some((_, outcome)) = rest.split_once("' ") {
                if outcome.starts_with("passed (") {
                    self.counts.passed += 1;
                } else if outcome.starts_with("failed (") {
                    self.counts.failed += 1;
                }
            }
        } else if let Some(rest) = line
            .strip_prefix("Test Suite 'All tests' ")
            .or_else(|| line.strip_prefix("Test Suite 'Selected tests' "))
        {
            self.after_all_tests = rest.starts_with("passed at ") || rest.starts_with("failed at ");
        } else if self.after_all_tests {
            if let Some(executed) = parse_executed(line) {
                self.executed = Some(executed);
                self.counts.closing_lines += 1;
                self.after_all_tests = false;
            }
        }
    }
}

impl XcTest {
    fn check(&self) -> Result<(), String> {
        let counted = self.counts.passed + self.counts.failed;
        match self.executed {
            None => Err("swift test printed no closing `Executed N tests` line".into()),
            Some((executed, _)) if executed != counted => Err(format!(
                "swift test says it executed {executed} tests, but reported {counted}"
            )),
            Some((_, failures)) if failures > 0 && self.counts.failed == 0 => Err(format!(
                "swift test reported {failures} failures but no failed test"
            )),
            Some(_) => Ok(()),
        }
    }
}

/// `Executed 12 tests, with 1 failure (0 unexpected) in 0.5 (0.5) seconds`.
fn parse_executed(line: &str) -> Option<(u64, u64)> {
    let rest = line.strip_prefix("Executed ")?;
    let (tests, rest) = rest.split_once(' ')?;
    let rest = rest
        .strip_prefix("tests, with ")
        .or_else(|| rest.strip_prefix("test, with "))?;
    let (failures, rest) = rest.split_once(' ')?;
    if !rest.starts_with("failure") {
        return None;
    }
    Some((digits(tests)?, digits(failures)?))
}

fn digits(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(lines: &[&str]) -> XcTest {
        let mut t = XcTest::default();
        for line in lines {
            t.line(line);
        }
        t
    }

    const PASSING: &[&str] = &[
        "Test Suite 'All tests' started at 2026-12-02 06:00:00.000",
        "Test Suite 'debug.xctest' started at 2026-12-02 06:00:00.000",
        "Test Suite 'FirstRunTests' started at 2026-12-02 06:00:00.000",
        "Test Case 'FirstRunTests.testCreates' started at 2026-12-02 06:00:00.000",
        "Test Case 'FirstRunTests.testCreates' passed (0.5 seconds)",
        "Test Case 'FirstRunTests.testRefuses' started at 2026-12-02 06:00:00.500",
        "Test Case 'FirstRunTests.testRefuses' passed (0.1 seconds)",
        "Test Suite 'FirstRunTests' passed at 2026-12-02 06:00:00.600",
        "\t Executed 2 tests, with 0 failures (0 unexpected) in 0.6 (0.6) seconds",
        "Test Suite 'debug.xctest' passed at 2026-12-02 06:00:00.600",
        "\t Executed 2 tests, with 0 failures (0 unexpected) in 0.6 (0.6) seconds",
        "Test Suite 'All tests' passed at 2026-12-02 06:00:00.600",
        "\t Executed 2 tests, with 0 failures (0 unexpected) in 0.6 (0.6) seconds",
    ];

    #[test]
    fn counts_passing_tests_once() {
        let t = tally(PASSING);
        assert_eq!(
            t.counts,
            Counts {
                passed: 2,
                failed: 0,
                closing_lines: 1
            }
        );
        assert_eq!(t.check(), Ok(()));
    }

    #[test]
    fn counts_failures_by_test_not_by_assertion() {
        let t = tally(&[
            "Test Case 'A.testOne' started at x",
            "/p/A.swift:3: error: A.testOne : XCTAssertEqual failed: (\"1\") is not equal to (\"2\")",
            "/p/A.swift:4: error: A.testOne : XCTAssertTrue failed",
            "Test Case 'A.testOne' failed (0.01 seconds)",
            "Test Case 'A.testTwo' passed (0.01 seconds)",
            "Test Suite 'All tests' failed at x",
            "\t Executed 2 tests, with 2 failures (0 unexpected) in 0.02 (0.02) seconds",
        ]);
        assert_eq!((t.counts.passed, t.counts.failed), (1, 1));
        assert_eq!(t.check(), Ok(()));
    }

    #[test]
    fn no_closing_line_or_disagreement_fails() {
        let t = tally(&PASSING[..8]);
        assert_eq!(t.counts.closing_lines, 0);
        assert!(t.check().is_err());
        let mut lines = PASSING.to_vec();
        lines[12] = "\t Executed 3 tests, with 0 failures (0 unexpected) in 0.6 (0.6) seconds";
        assert!(tally(&lines).check().is_err());
        let none = tally(&[
            "Test Suite 'All tests' passed at x",
            "\t Executed 0 tests, with 0 failures (0 unexpected) in 0.0 (0.0) seconds",
        ]);
        assert_eq!(none.check(), Ok(()));
        assert!(expect_tests(none.counts, "swift test").is_err());
    }

    #[test]
    fn a_filtered_run_closes_with_selected_tests() {
        let t = tally(&[
            "Test Case 'UrgeTests.testOne' passed (0.3 seconds)",
            "Test Suite 'UrgeTests' passed at x",
            "\t Executed 1 test, with 0 failures (0 unexpected) in 0.3 (0.3) seconds",
            "Test Suite 'Selected tests' passed at x",
            "\t Executed 1 test, with 0 failures (0 unexpected) in 0.3 (0.3) seconds",
        ]);
        assert_eq!(t.counts.closing_lines, 1);
        assert_eq!(t.check(), Ok(()));
    }

    #[test]
    fn reads_executed_lines() {
        assert_eq!(
            parse_executed("Executed 1 test, with 1 failure (0 unexpected) in 0.1 (0.1) seconds"),
            Some((1, 1))
        );
        assert_eq!(
            parse_executed("Executed 12 tests, with 0 failures (0 unexpected) in 1 (1) seconds"),
            Some((12, 0))
        );
        assert_eq!(parse_executed("Executed some tests"), None);
        assert_eq!(parse_executed("Executed x tests, with 0 failures"), None);
    }

    #[test]
    fn staged_dir_is_fixed_per_workspace() {
        let a = staged_dir(Path::new("/work/a"));
        assert_eq!(a, staged_dir(Path::new("/work/a")));
        assert_ne!(a, staged_dir(Path::new("/work/b")));
        assert!(a.starts_with("/tmp/nocontact-swiftpm-"));
    }
}

//! The Android app on the JVM: `android/core` (the Kotlin library over the
//! bindings) and `android/ui` (the Compose screens), compiled with the Kotlin
//! compiler the toolchain installs and its Compose compiler plugin, against
//! JetBrains' Compose Multiplatform for the desktop JVM, whose jars are
//! pinned in `android/jvm-deps.lock` (coordinate and SHA-256 per line),
//! downloaded from Maven Central into `$NOCONTACT_CACHE/maven` and checked.
//!
//! Three jars, each rebuilt only when one of its inputs changed (kotlinc with
//! the bindings takes most of a minute): the library (bindings + core), the
//! UI, and the tests with the screen renderer. The tests print `PASS`/`FAIL`
//! lines and `N passed, M failed`; `screens` renders every screen to
//! `docs/screens/android/`.

use std::collections::hash_map::DefaultHasher;
use std::env;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::process::{files_under, has_extension, run, run_counting, which, Counts};
use crate::toolchain::{self, Kotlin, Log, JNA_JAR};
use crate::{Bindings, Ctx};

pub const LOCK_FILE: &str = "android/jvm-deps.lock";
const CENTRAL: &str = "https://repo1.maven.org/maven2";
/// The Compose runtime the plugin generates code for (see the README).
const COMPOSE_RUNTIME: &str = "1.8";
const CORE_MAIN: &str = "android/core/src/main/kotlin";
const CORE_TESTS: &str = "android/core/src/test/kotlin/app/nocontact/client";
const UI_MAIN: &str = "android/ui/src/main/kotlin";
const UI_TESTS: &str = "android/ui/src/test/kotlin";
/// `strings.xml` is read from the classpath on the JVM (`values/strings.xml`).
const UI_RES: &str = "android/ui/src/main/res";
const TEST_MAIN: &str = "app.nocontact.ui.test.AndroidTestsKt";
const SCREENS_MAIN: &str = "app.nocontact.ui.test.RenderScreensKt";
pub const SCREENS_DIR: &str = "docs/screens/android";
/// Debian packages skiko needs to draw: libGL and fonts. The renders use
/// DejaVu Sans from `fonts-dejavu-core` explicitly, so pictures do not depend
/// on the fonts a machine happens to have.
const HOST_NEEDS: &[(&str, &str)] = &[
    ("/usr/lib/x86_64-linux-gnu/libGL.so.1", "libgl1"),
    ("/usr/bin/fc-match", "fontconfig"),
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "fonts-dejavu-core",
    ),
];
const TIMEOUT: Duration = Duration::from_secs(20 * 60);

/// One pinned jar.
#[derive(Debug, PartialEq)]
pub struct Pin {
    pub group: String,
    pub artifact: String,
    pub version: String,
    pub sha256: String,
}

impl Pin {
    fn relative_path(&self) -> String {
        format!(
            "{}/{a}/{v}/{a}-{v}.jar",
            self.group.replace('.', "/"),
            a = self.artifact,
            v = self.version
        )
    }

    fn coordinate(&self) -> String {
        format!("{}:{}:{}", self.group, self.artifact, self.version)
    }
}

/// Parses the lock file: `group:artifact:version sha256` per line, `#`
/// comments and blank lines ignored.
#[cfg(test)]
pub fn parse_lock(text: &str) -> Result<Vec<Pin>, String> {
    parse_lock_named(text, LOCK_FILE)
}

/// [`parse_lock`] of the lock file `name` (named in its errors).
fn parse_lock_named(text: &str, name: &str) -> Result<Vec<Pin>, String> {
    let mut pins = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = || format!("{name}:{}: expected `group:artifact:version sha256`", n + 1);
        let (coordinate, sha) = line.split_once(' ').ok_or_else(bad)?;
        let parts: Vec<&str> = coordinate.split(':').collect();
        let sha = sha.trim();
        let safe = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
                && !s.starts_with('.')
        };
        if parts.len() != 3
            || !parts.iter().all(|p| safe(p))
            || sha.len() != 64
            || !sha.chars().all(|c| c.is_ascii_hexdigit())
        {
            return Err(bad());
        }
        pins.push(Pin {
            group: parts[0].to_string(),
            artifact: parts[1].to_string(),
            version: parts[2].to_string(),
            sha256: sha.to_ascii_lowercase(),
        });
    }
    if pins.is_empty() {
        return Err(format!("{name} pins no jar"));
    }
    Ok(pins)
}

/// The SHA-256 of each file, by `sha256sum` (xtask has no dependencies).
fn sha256_of(files: &[PathBuf]) -> Result<Vec<String>, String> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let out = Command::new("sha256sum")
        .args(files)
        .output()
        .map_err(|e| format!("cannot run sha256sum: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "sha256sum failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let sums: Vec<String> = text
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    if sums.len() != files.len() {
        return Err("sha256sum printed an unexpected number of lines".into());
    }
    Ok(sums)
}

/// Makes sure every pinned jar is in the cache with its pinned SHA-256,
/// downloading what is missing. Returns the jars in lock-file order.
pub fn ensure_jars(root: &Path, cache: &Path) -> Result<Vec<PathBuf>, String> {
    ensure_pinned(root, cache, LOCK_FILE)
}

/// [`ensure_jars`] for the jars pinned in `lock_file`.
pub(crate) fn ensure_pinned(
    root: &Path,
    cache: &Path,
    lock_file: &str,
) -> Result<Vec<PathBuf>, String> {
    let lock = root.join(lock_file);
    let text = fs::read_to_string(&lock).map_err(|e| format!("{}: {e}", lock.display()))?;
    let pins = parse_lock_named(&text, lock_file)?;
    let dir = cache.join("maven");
    let jars: Vec<PathBuf> = pins.iter().map(|p| dir.join(p.relative_path())).collect();
    let missing: Vec<usize> = (0..pins.len()).filter(|&i| !jars[i].is_file()).collect();
    if !missing.is_empty() {
        println!(
            "android: downloading {} jar(s) from Maven Central into {}",
            missing.len(),
            dir.display()
        );
        if which("curl").is_none() {
            toolchain::apt_install(&["curl", "ca-certificates"], &mut Log::Terminal)?;
        }
    }
    for &i in &missing {
        let part = jars[i].with_extension("jar.part");
        if let Some(parent) = part.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        let url = format!("{CENTRAL}/{}", pins[i].relative_path());
        let status = Command::new("curl")
            .args([
                "--fail",
                "--silent",
                "--show-error",
                "--location",
                "--retry",
                "3",
            ])
            .arg("--output")
            .arg(&part)
            .arg(&url)
            .status()
            .map_err(|e| format!("cannot run curl: {e}"))?;
        if !status.success() {
            let _ = fs::remove_file(&part);
            return Err(format!("downloading {url} failed ({status})"));
        }
        let sum = sha256_of(std::slice::from_ref(&part))?;
        if sum.first() != Some(&pins[i].sha256) {
            let _ = fs::remove_file(&part);
            return Err(format!(
                "SHA-256 MISMATCH for {}: {lock_file} pins {}, Maven Central served {}; the file was deleted",
                pins[i].coordinate(),
                pins[i].sha256,
                sum.first().map_or("nothing", String::as_str)
            ));
        }
        fs::rename(&part, &jars[i]).map_err(|e| format!("{}: {e}", jars[i].display()))?;
    }
    // Check everything each run (a fraction of a second): a cached jar that
    // changed on disk is refused, not used.
    let sums = sha256_of(&jars)?;
    for (i, sum) in sums.iter().enumerate() {
        if *sum != pins[i].sha256 {
            return Err(format!(
                "SHA-256 MISMATCH for {} in the cache ({}): {lock_file} pins {}, the file has {sum}; delete it to download it again",
                pins[i].coordinate(),
                jars[i].display(),
                pins[i].sha256
            ));
        }
    }
    println!(
        "android: {} pinned jars present, SHA-256 checked",
        jars.len()
    );
    Ok(jars)
}

/// Installs libGL, fontconfig and the DejaVu fonts when missing.
fn ensure_host_packages() -> Result<(), String> {
    let missing: Vec<&str> = HOST_NEEDS
        .iter()
        .filter(|(file, _)| !Path::new(file).exists())
        .map(|&(_, package)| package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    toolchain::apt_install(&missing, &mut Log::Terminal)
}

pub(crate) fn kotlin_files(root: &Path, dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = files_under(&root.join(dir))
        .into_iter()
        .filter(|p| has_extension(p, "kt"))
        .collect();
    files.sort();
    files
}

/// Compiles `sources` into `jar` unless a jar built from the same inputs
/// exists. Returns the hash of the inputs, for the jars built on top.
pub(crate) fn compile(
    kotlin: &Kotlin,
    root: &Path,
    jar: &Path,
    sources: &[PathBuf],
    classpath: &[PathBuf],
    compose: bool,
    upstream: u64,
) -> Result<u64, String> {
    if sources.is_empty() {
        return Err(format!("no Kotlin sources for {}", jar.display()));
    }
    let mut hasher = DefaultHasher::new();
    (
        toolchain::KOTLIN_VERSION,
        compose,
        upstream,
        COMPOSE_RUNTIME,
    )
        .hash(&mut hasher);
    kotlin.home.hash(&mut hasher);
    classpath.hash(&mut hasher);
    for source in sources {
        source.hash(&mut hasher);
        fs::read(source)
            .map_err(|e| format!("{}: {e}", source.display()))?
            .hash(&mut hasher);
    }
    let hash = hasher.finish();
    let stamp = jar.with_extension("hash");
    let want = format!("{hash:016x}\n");
    if jar.is_file() && fs::read_to_string(&stamp).is_ok_and(|s| s == want) {
        println!("kotlinc: inputs unchanged, reusing {}", jar.display());
        return Ok(hash);
    }
    let _ = fs::remove_file(&stamp);
    let _ = fs::remove_file(jar);
    if let Some(dir) = jar.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let cp = env::join_paths(classpath).map_err(|e| format!("classpath: {e}"))?;
    let mut cmd = Command::new(kotlin.kotlinc());
    cmd.args(["-jvm-target", "17", "-nowarn"]);
    if compose {
        cmd.arg(format!(
            "-Xplugin={}",
            kotlin
                .home
                .join("lib/compose-compiler-plugin.jar")
                .display()
        ))
        .arg("-P")
        .arg(format!(
            "plugin:androidx.compose.compiler.plugins.kotlin:targetRuntimeVersion={COMPOSE_RUNTIME}"
        ));
    }
    cmd.arg("-cp")
        .arg(cp)
        .arg("-d")
        .arg(jar)
        .args(sources)
        .current_dir(root);
    run(&mut cmd).map_err(|_| format!("kotlinc failed to build {}", jar.display()))?;
    fs::write(&stamp, want).map_err(|e| format!("{}: {e}", stamp.display()))?;
    Ok(hash)
}

/// The built jars and the runtime classpath.
pub struct Built {
    classpath: Vec<PathBuf>,
}

/// Downloads and checks the pinned jars, installs the host packages, and
/// builds the three jars. `bindings` are the generated Kotlin files.
pub fn build(
    root: &Path,
    target: &Path,
    cache: &Path,
    kotlin: &Kotlin,
    bindings: &[PathBuf],
) -> Result<Built, String> {
    ensure_host_packages()?;
    let deps = ensure_jars(root, cache)?;
    let out = target.join("android");
    let mut base: Vec<PathBuf> = vec![PathBuf::from(JNA_JAR)];
    base.extend(deps);
    base.push(kotlin.stdlib());

    let core_jar = out.join("core.jar");
    let mut core_sources = bindings.to_vec();
    core_sources.extend(kotlin_files(root, CORE_MAIN));
    let core = compile(kotlin, root, &core_jar, &core_sources, &base, false, 0)?;

    let mut app_cp = base.clone();
    app_cp.push(core_jar.clone());
    crate::android_app::type_check(root, target, cache, kotlin, &app_cp, core)?;

    let ui_jar = out.join("ui.jar");
    let mut ui_cp = base.clone();
    ui_cp.push(core_jar.clone());
    let ui = compile(
        kotlin,
        root,
        &ui_jar,
        &kotlin_files(root, UI_MAIN),
        &ui_cp,
        true,
        core,
    )?;

    let test_jar = out.join("tests.jar");
    let mut test_cp = ui_cp.clone();
    test_cp.push(ui_jar.clone());
    let mut test_sources = kotlin_files(root, CORE_TESTS);
    test_sources.extend(kotlin_files(root, UI_TESTS));
    compile(kotlin, root, &test_jar, &test_sources, &test_cp, true, ui)?;

    let mut classpath = test_cp;
    classpath.push(test_jar);
    classpath.push(root.join(UI_RES));
    Ok(Built { classpath })
}

fn java(root: &Path, library: &Path, built: &Built, main: &str) -> Result<Command, String> {
    let cp = env::join_paths(&built.classpath).map_err(|e| format!("classpath: {e}"))?;
    let lib_dir = library.parent().unwrap_or(Path::new("."));
    let mut cmd = Command::new("java");
    cmd.arg("-Djava.awt.headless=true")
        .arg(format!("-Djna.library.path={}", lib_dir.display()))
        .arg("-cp")
        .arg(cp)
        .arg(main)
        .current_dir(root);
    Ok(cmd)
}

/// Runs the library's and the UI's tests.
pub fn test(
    root: &Path,
    library: &Path,
    built: &Built,
    filters: &[String],
) -> (Result<(), String>, Option<Counts>) {
    let mut cmd = match java(root, library, built, TEST_MAIN) {
        Ok(cmd) => cmd,
        Err(e) => return (Err(e), None),
    };
    cmd.args(filters);
    let (result, counts) = run_counting(&mut cmd, "the Android tests (java)", Some(TIMEOUT));
    let result = result.and_then(|()| {
        if counts.closing_lines == 0 {
            Err("the Android tests printed no summary".into())
        } else if counts.failed > 0 {
            Err(format!("the Android tests: {} failed", counts.failed))
        } else if counts.passed == 0 {
            Err("the Android tests ran no test".into())
        } else {
            Ok(())
        }
    });
    (result, Some(counts))
}

/// Renders every screen to `docs/screens/android/`.
pub fn render_screens(root: &Path, library: &Path, built: &Built) -> Result<(), String> {
    let out = root.join(SCREENS_DIR);
    fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut cmd = java(root, library, built, SCREENS_MAIN)?;
    cmd.arg(&out);
    run(&mut cmd)
}

/// The `android` stage: build, then the tests and/or the screens.
pub fn stage(
    c: &Ctx,
    kotlin: &Kotlin,
    generated: Option<&Bindings>,
    (tests, screens): (bool, bool),
    filters: &[String],
) -> (Result<(), String>, Option<Counts>) {
    let kt = generated.map(|b| b.kotlin.as_slice()).unwrap_or_default();
    let built = match build(&c.root, &c.target, &c.cache, kotlin, kt) {
        Ok(b) => b,
        Err(e) => return (Err(e), None),
    };
    let (mut result, counts) = if tests {
        test(&c.root, &c.library(), &built, filters)
    } else {
        (Ok(()), None)
    };
    if screens && result.is_ok() {
        result = render_screens(&c.root, &c.library(), &built);
    }
    (result, counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA: &str = "1e343917ebf27ba96fe4dc52b1cad7fd32b738fbc6355bb6cd5b3b305d7212d0";

    #[test]
    fn parses_a_lock_line_and_its_path() {
        let pins = parse_lock(&format!(
            "# c\n\nandroidx.annotation:annotation-jvm:1.9.1 {SHA}\n"
        ))
        .expect("valid");
        assert_eq!(pins.len(), 1);
        assert_eq!(
            pins[0].relative_path(),
            "androidx/annotation/annotation-jvm/1.9.1/annotation-jvm-1.9.1.jar"
        );
    }

    #[test]
    fn refuses_malformed_lines() {
        for bad in [
            format!("a:b {SHA}"),
            format!("a:b:c:d {SHA}"),
            "a:b:c 1234".to_string(),
            format!("a:../b:c {SHA}"),
            format!("a:b:c {}", "z".repeat(64)),
            "# only comments".to_string(),
        ] {
            assert!(parse_lock(&bad).is_err(), "{bad}");
        }
    }

    /// A cached jar whose bytes differ from the pin is refused, loudly, and
    /// one that matches is accepted (no download: the file is already there).
    #[test]
    fn a_cached_jar_with_another_sha256_is_refused() {
        let dir = env::temp_dir().join(format!("nocontact-xtask-lock-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let (root, cache) = (dir.join("root"), dir.join("cache"));
        fs::create_dir_all(root.join("android")).expect("root");
        let jar = cache.join("maven/org/example/thing/1.0/thing-1.0.jar");
        fs::create_dir_all(jar.parent().expect("parent")).expect("cache");
        fs::write(&jar, b"hello\n").expect("jar");
        // SHA-256 of "hello\n".
        let good = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
        let lock = |sha: &str| {
            fs::write(
                root.join(LOCK_FILE),
                format!("org.example:thing:1.0 {sha}\n"),
            )
        };
        lock(good).expect("lock");
        assert_eq!(
            ensure_jars(&root, &cache).expect("matching jar"),
            vec![jar.clone()]
        );
        lock(&"0".repeat(64)).expect("lock");
        let err = ensure_jars(&root, &cache).expect_err("a mismatch must fail");
        assert!(
            err.contains("SHA-256 MISMATCH for org.example:thing:1.0"),
            "{err}"
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_repository_lock_file_parses() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let text = fs::read_to_string(root.join(LOCK_FILE)).expect("lock file");
        let pins = parse_lock(&text).expect("valid lock file");
        assert!(pins
            .iter()
            .any(|p| p.artifact == "material3-desktop" && p.version == "1.8.2"));
    }
}

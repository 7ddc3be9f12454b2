//! The toolchains the Kotlin and Swift tests need, installed on demand into a
//! cache outside the clone (`$NOCONTACT_CACHE`, else `~/.cache/nocontact`):
//!
//! - host Debian packages: `libjna-java` (JNA for the Kotlin bindings),
//!   `debootstrap`, and Java or npm if they are missing;
//! - the Kotlin compiler, from the npm package `kotlin-compiler`;
//! - Swift 6 on Linux: Debian 12 has none, Debian 13 (trixie) packages it as
//!   `swiftlang`, so a minimal trixie root is debootstrapped into the cache
//!   and Swift is installed and run inside it with chroot.
//!
//! Every step is idempotent: a toolchain is built in `NAME.tmp`, checked,
//! marked ready and only then renamed to `NAME`, so an interrupted setup is
//! resumed or redone, never used half-done. Commands in the Swift root run in
//! a private mount namespace (`unshare --mount`), so the /proc mounted for
//! them disappears with them, even when they fail or are killed.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::process::{display, format_duration, is_root, remove_tree, which};

pub const KOTLIN_VERSION: &str = "2.4.20";
pub const JNA_JAR: &str = "/usr/share/java/jna.jar";
const SWIFT_SUITE: &str = "trixie";
const SWIFT_PACKAGES: &[&str] = &["swiftlang", "libc6-dev"];
const DEFAULT_MIRROR: &str = "http://deb.debian.org/debian";
const READY: &str = ".nocontact-ready";
const DEBOOTSTRAPPED: &str = ".nocontact-debootstrapped";
/// The PATH used inside the Swift root.
const ROOT_PATH: &str = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// The cache directory: `$NOCONTACT_CACHE`, else `$HOME/.cache/nocontact`.
pub fn cache_dir() -> PathBuf {
    let dir = match std::env::var_os("NOCONTACT_CACHE").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => {
            let home = std::env::var_os("HOME").filter(|v| !v.is_empty());
            PathBuf::from(home.unwrap_or_else(|| "/root".into())).join(".cache/nocontact")
        }
    };
    std::path::absolute(&dir).unwrap_or(dir)
}

pub struct Kotlin {
    /// The unpacked npm package (`bin/kotlinc`, `lib/kotlin-stdlib.jar`).
    pub home: PathBuf,
}

impl Kotlin {
    pub fn kotlinc(&self) -> PathBuf {
        self.home.join("bin/kotlinc")
    }

    pub fn stdlib(&self) -> PathBuf {
        self.home.join("lib/kotlin-stdlib.jar")
    }
}

pub struct SwiftRoot {
    pub path: PathBuf,
}

impl SwiftRoot {
    /// `unshare --mount ... chroot ROOT env -i PATH=... HOME=/root [env..] args..`,
    /// with /proc mounted inside for as long as the command runs.
    pub fn command(&self, env: &[(&str, &str)], args: &[&str]) -> Command {
        chroot_command(&self.path, env, args)
    }
}

fn chroot_command(root: &Path, env: &[(&str, &str)], args: &[&str]) -> Command {
    let mut cmd = Command::new("unshare");
    cmd.args(["--mount", "--propagation", "private"])
        .arg(format!("--mount-proc={}", root.join("proc").display()))
        .arg("chroot")
        .arg(root)
        .args([
            "/usr/bin/env",
            "-i",
            ROOT_PATH,
            "HOME=/root",
            "LANG=C.UTF-8",
        ]);
    for (k, v) in env {
        cmd.arg(format!("{k}={v}"));
    }
    cmd.args(args);
    cmd
}

/// Where setup output goes: the terminal, or a log file when the setup runs
/// in the background next to the cargo stages.
pub enum Log {
    Terminal,
    File(PathBuf, File),
}

impl Log {
    pub fn file(path: PathBuf) -> Result<Log, String> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let file = File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Log::File(path, file))
    }

    pub fn say(&mut self, message: &str) {
        match self {
            Log::Terminal => {
                println!("{message}");
                crate::process::flush();
            }
            Log::File(_, f) => {
                let _ = writeln!(f, "{message}");
            }
        }
    }

    /// Runs `cmd` with its output going to this log; stdin is closed.
    fn run(&mut self, cmd: &mut Command) -> Result<(), String> {
        self.say(&format!("$ {}", display(cmd)));
        cmd.stdin(Stdio::null());
        if let Log::File(_, f) = self {
            let out = f.try_clone().map_err(|e| e.to_string())?;
            let err = f.try_clone().map_err(|e| e.to_string())?;
            cmd.stdout(out).stderr(err);
        }
        let status = cmd
            .status()
            .map_err(|e| format!("cannot start `{}`: {e}", display(cmd)))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{}` exited with {status}", display(cmd)))
        }
    }

    /// The last `n` lines of the log file, for failure reports.
    pub fn tail(&self, n: usize) -> String {
        match self {
            Log::Terminal => String::new(),
            Log::File(path, _) => {
                let text = fs::read_to_string(path).unwrap_or_default();
                let lines: Vec<&str> = text.lines().collect();
                lines[lines.len().saturating_sub(n)..].join("\n")
            }
        }
    }
}

#[derive(Clone, Copy)]
pub struct Want {
    pub kotlin: bool,
    pub swift: bool,
}

pub struct Toolchains {
    pub kotlin: Option<Result<Kotlin, String>>,
    pub swift: Option<Result<SwiftRoot, String>>,
    pub elapsed: std::time::Duration,
}

/// Makes sure the wanted toolchains are installed, installing what is missing.
pub fn setup(cache: &Path, want: Want, log: &mut Log) -> Toolchains {
    let started = Instant::now();
    let result = setup_inner(cache, want, log);
    let (kotlin, swift) = match result {
        Ok(pair) => pair,
        Err(e) => {
            log.say(&format!("toolchain setup failed: {e}"));
            (
                want.kotlin.then(|| Err(e.clone())),
                want.swift.then_some(Err(e)),
            )
        }
    };
    log.say(&format!(
        "toolchain setup finished in {}",
        format_duration(started.elapsed())
    ));
    Toolchains {
        kotlin,
        swift,
        elapsed: started.elapsed(),
    }
}

type Pair = (
    Option<Result<Kotlin, String>>,
    Option<Result<SwiftRoot, String>>,
);

fn setup_inner(cache: &Path, want: Want, log: &mut Log) -> Result<Pair, String> {
    fs::create_dir_all(cache).map_err(|e| format!("cannot create {}: {e}", cache.display()))?;
    // One setup at a time per cache (two `cargo xtask` runs may overlap).
    let lock_path = cache.join(".lock");
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| format!("{}: {e}", lock_path.display()))?;
    if lock.try_lock().is_err() {
        log.say(&format!(
            "waiting for another setup holding {}",
            lock_path.display()
        ));
        lock.lock()
            .map_err(|e| format!("locking {}: {e}", lock_path.display()))?;
    }

    let kotlin_dir = cache.join(format!("kotlin-{KOTLIN_VERSION}"));
    let swift_dir = cache.join(format!("swift-{SWIFT_SUITE}"));
    let kotlin_ready = is_ready(&kotlin_dir) && kotlin_dir.join("package/bin/kotlinc").is_file();
    let swift_ready = is_ready(&swift_dir) && swift_dir.join("usr/bin/swiftc").exists();

    install_host_packages(want, kotlin_ready, swift_ready, log)?;

    let kotlin = want.kotlin.then(|| {
        if kotlin_ready {
            log.say(&format!(
                "kotlin {KOTLIN_VERSION}: ready at {}",
                kotlin_dir.display()
            ));
            Ok(Kotlin {
                home: kotlin_dir.join("package"),
            })
        } else {
            install_kotlin(cache, &kotlin_dir, log)
        }
    });
    let swift = want.swift.then(|| {
        if swift_ready {
            log.say(&format!("swift root: ready at {}", swift_dir.display()));
            Ok(SwiftRoot {
                path: swift_dir.clone(),
            })
        } else {
            install_swift_root(&swift_dir, log)
        }
    });
    Ok((kotlin, swift))
}

fn is_ready(dir: &Path) -> bool {
    dir.join(READY).is_file()
}

fn install_host_packages(
    want: Want,
    kotlin_ready: bool,
    swift_ready: bool,
    log: &mut Log,
) -> Result<(), String> {
    let mut packages = Vec::new();
    if want.kotlin {
        if !Path::new(JNA_JAR).is_file() {
            packages.push("libjna-java");
        }
        if which("java").is_none() {
            packages.push("default-jre-headless");
        }
        if !kotlin_ready && which("npm").is_none() {
            packages.push("npm");
        }
    }
    if want.swift {
        if which("unshare").is_none() || which("chroot").is_none() {
            return Err(
                "`unshare` (util-linux) and `chroot` (coreutils) are needed for the Swift tests"
                    .into(),
            );
        }
        if !swift_ready
            && which("debootstrap").is_none()
            && !Path::new("/usr/sbin/debootstrap").exists()
        {
            packages.push("debootstrap");
        }
    }
    if packages.is_empty() {
        return Ok(());
    }
    apt_install(&packages, log)
}

/// `apt-get update` and `apt-get install` of `packages` (needs root).
pub fn apt_install(packages: &[&str], log: &mut Log) -> Result<(), String> {
    if !is_root() {
        return Err(format!(
            "missing Debian packages {}; run as root or `sudo apt-get install {}`",
            packages.join(" "),
            packages.join(" ")
        ));
    }
    log.say(&format!(
        "installing Debian packages: {}",
        packages.join(" ")
    ));
    let apt = |args: &[&str]| {
        let mut cmd = Command::new("apt-get");
        // Wait for another apt/dpkg run rather than failing at once.
        cmd.args(["-o", "DPkg::Lock::Timeout=600"])
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive");
        cmd
    };
    log.run(&mut apt(&["update", "-q"]))?;
    let mut install = apt(&["install", "-y", "-q", "--no-install-recommends"]);
    install.args(packages);
    log.run(&mut install)
}

fn install_kotlin(cache: &Path, dir: &Path, log: &mut Log) -> Result<Kotlin, String> {
    let started = Instant::now();
    log.say(&format!(
        "kotlin {KOTLIN_VERSION}: installing from npm into {}",
        dir.display()
    ));
    let tmp = cache.join(format!("kotlin-{KOTLIN_VERSION}.tmp"));
    remove_tree(&tmp)?;
    remove_tree(dir)?;
    fs::create_dir_all(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    log.run(
        Command::new("npm")
            .args([
                "pack",
                "--silent",
                &format!("kotlin-compiler@{KOTLIN_VERSION}"),
            ])
            .env("npm_config_update_notifier", "false")
            .env("npm_config_fund", "false")
            .env("npm_config_audit", "false")
            .current_dir(&tmp),
    )?;
    let tarball = tmp.join(format!("kotlin-compiler-{KOTLIN_VERSION}.tgz"));
    if !tarball.is_file() {
        return Err(format!("npm pack did not produce {}", tarball.display()));
    }
    log.run(
        Command::new("tar")
            .arg("-xzf")
            .arg(&tarball)
            .arg("-C")
            .arg(&tmp),
    )?;
    let _ = fs::remove_file(&tarball);
    let home = tmp.join("package");
    for needed in [
        "bin/kotlinc",
        "lib/kotlin-stdlib.jar",
        "lib/kotlin-compiler.jar",
    ] {
        if !home.join(needed).is_file() {
            return Err(format!("the kotlin-compiler npm package has no {needed}"));
        }
    }
    log.run(Command::new(home.join("bin/kotlinc")).arg("-version"))?;
    mark_ready_and_rename(
        &tmp,
        dir,
        &format!("kotlin-compiler {KOTLIN_VERSION} from npm"),
    )?;
    log.say(&format!(
        "kotlin {KOTLIN_VERSION}: installed in {}",
        format_duration(started.elapsed())
    ));
    Ok(Kotlin {
        home: dir.join("package"),
    })
}

fn install_swift_root(dir: &Path, log: &mut Log) -> Result<SwiftRoot, String> {
    let started = Instant::now();
    if !is_root() {
        return Err("building the Swift root (debootstrap, chroot) needs root".into());
    }
    let tmp = dir.with_file_name(format!("swift-{SWIFT_SUITE}.tmp"));
    remove_tree(dir)?;
    if tmp.join(DEBOOTSTRAPPED).is_file() {
        log.say(&format!(
            "swift root: resuming in {} (debootstrap already done)",
            tmp.display()
        ));
    } else {
        log.say(&format!(
            "swift root: debootstrapping Debian {SWIFT_SUITE} into {}",
            tmp.display()
        ));
        remove_tree(&tmp)?;
        let mirror =
            std::env::var("NOCONTACT_DEBIAN_MIRROR").unwrap_or_else(|_| DEFAULT_MIRROR.to_string());
        let debootstrap =
            which("debootstrap").unwrap_or_else(|| PathBuf::from("/usr/sbin/debootstrap"));
        // In a private mount namespace, so the mounts debootstrap makes in the
        // target vanish with it even if it is killed.
        log.run(
            Command::new("unshare")
                .args(["--mount", "--propagation", "private"])
                .arg(debootstrap)
                .arg("--variant=minbase")
                .arg(SWIFT_SUITE)
                .arg(&tmp)
                .arg(&mirror),
        )?;
        fs::write(tmp.join(DEBOOTSTRAPPED), "").map_err(|e| e.to_string())?;
    }
    log.say(&format!(
        "swift root: installing {}",
        SWIFT_PACKAGES.join(" ")
    ));
    let apt_env = [("DEBIAN_FRONTEND", "noninteractive")];
    log.run(&mut chroot_command(
        &tmp,
        &apt_env,
        &["apt-get", "update", "-q"],
    ))?;
    let mut install = vec!["apt-get", "install", "-y", "-q", "--no-install-recommends"];
    install.extend(SWIFT_PACKAGES);
    log.run(&mut chroot_command(&tmp, &apt_env, &install))?;
    log.run(&mut chroot_command(&tmp, &apt_env, &["apt-get", "clean"]))?;

    // Check that Swift and Foundation compile, link and run in the root.
    log.run(&mut chroot_command(&tmp, &[], &["swiftc", "--version"]))?;
    let hello = tmp.join("tmp/nocontact-hello");
    remove_tree(&hello)?;
    fs::create_dir_all(&hello).map_err(|e| e.to_string())?;
    fs::write(
        hello.join("main.swift"),
        "import Foundation\nprint(\"hello from swift \\(Data([1, 2, 3]).count)\")\n",
    )
    .map_err(|e| e.to_string())?;
    log.run(&mut chroot_command(
        &tmp,
        &[],
        &[
            "swiftc",
            "/tmp/nocontact-hello/main.swift",
            "-o",
            "/tmp/nocontact-hello/hello",
        ],
    ))?;
    let output = chroot_command(&tmp, &[], &["/tmp/nocontact-hello/hello"])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| e.to_string())?;
    let said = String::from_utf8_lossy(&output.stdout);
    log.say(&format!("hello world said: {}", said.trim()));
    remove_tree(&hello)?;
    if !output.status.success() || said.trim() != "hello from swift 3" {
        return Err(format!(
            "a Swift hello world did not run in {}: {}{}",
            tmp.display(),
            said,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    mark_ready_and_rename(
        &tmp,
        dir,
        &format!(
            "Debian {SWIFT_SUITE} root with {}",
            SWIFT_PACKAGES.join(" ")
        ),
    )?;
    log.say(&format!(
        "swift root: installed in {}",
        format_duration(started.elapsed())
    ));
    Ok(SwiftRoot {
        path: dir.to_path_buf(),
    })
}

fn mark_ready_and_rename(tmp: &Path, dir: &Path, what: &str) -> Result<(), String> {
    fs::write(tmp.join(READY), format!("{what}\n")).map_err(|e| e.to_string())?;
    fs::rename(tmp, dir)
        .map_err(|e| format!("renaming {} to {}: {e}", tmp.display(), dir.display()))
}

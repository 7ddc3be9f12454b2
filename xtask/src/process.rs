//! Running commands: echoing them, streaming and counting test results,
//! timeouts, and small helpers around the file system.

use std::ffi::OsStr;
use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// Test counts read off a runner's closing lines.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
    /// How many closing lines ("test result: ..." or "N passed, M failed") were seen.
    pub closing_lines: u64,
}

impl Counts {
    pub fn add(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.closing_lines += other.closing_lines;
    }

    fn take_line(&mut self, line: &str) {
        if let Some((passed, failed)) = parse_libtest(line).or_else(|| parse_plain(line)) {
            self.passed += passed;
            self.failed += failed;
            self.closing_lines += 1;
        }
    }
}

/// libtest's `test result: ok. 12 passed; 0 failed; 0 ignored; ...`.
pub fn parse_libtest(line: &str) -> Option<(u64, u64)> {
    let rest = line.trim().strip_prefix("test result: ")?;
    let passed = number_before(rest, " passed;")?;
    let failed = number_before(rest, " failed;")?;
    Some((passed, failed))
}

/// The plain closing line of our Kotlin and Swift harnesses: `N passed, M failed`
/// alone on a line (one `word:` may stand before it).
pub fn parse_plain(line: &str) -> Option<(u64, u64)> {
    let mut line = line.trim();
    if let Some((word, rest)) = line.split_once(": ") {
        if !word.is_empty() && !word.contains(char::is_whitespace) {
            line = rest;
        }
    }
    let (passed, failed) = line.split_once(" passed, ")?;
    let failed = failed.strip_suffix(" failed")?;
    Some((parse_digits(passed)?, parse_digits(failed)?))
}

fn number_before(text: &str, suffix: &str) -> Option<u64> {
    let end = text.find(suffix)?;
    let start = text[..end]
        .rfind(|c: char| !c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    parse_digits(&text[start..end])
}

fn parse_digits(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// `program arg arg`, quoted where needed, for echoing.
pub fn display(cmd: &Command) -> String {
    let mut parts = vec![quote(cmd.get_program())];
    parts.extend(cmd.get_args().map(quote));
    parts.join(" ")
}

/// Like [`display`], but with the program's file name only, for error messages.
pub fn display_short(cmd: &Command) -> String {
    let program = Path::new(cmd.get_program());
    let mut parts = vec![quote(program.file_name().unwrap_or(program.as_os_str()))];
    parts.extend(cmd.get_args().map(quote));
    parts.join(" ")
}

fn quote(arg: &OsStr) -> String {
    let s = arg.to_string_lossy();
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
    if plain {
        s.into_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

fn spawn(cmd: &mut Command) -> Result<Child, String> {
    cmd.spawn()
        .map_err(|e| format!("cannot start `{}`: {e}", display(cmd)))
}

/// Runs `cmd` with the terminal's stdout/stderr (stdin closed), echoing it first.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    println!("$ {}", display(cmd));
    flush();
    let status = spawn(cmd.stdin(Stdio::null()))?
        .wait()
        .map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` exited with {status}", display_short(cmd)))
    }
}

/// Reads test results off a runner's output, one line at a time.
pub trait Tally: Default + Send + 'static {
    fn line(&mut self, line: &str);
}

impl Tally for Counts {
    fn line(&mut self, line: &str) {
        self.take_line(line);
    }
}

/// Runs `cmd`, streaming its stdout line by line to ours while counting test
/// results; stderr goes straight to the terminal. The counts are returned
/// even when the command fails. With a timeout the command is killed when
/// it runs longer. `label` names the command in errors.
pub fn run_counting(
    cmd: &mut Command,
    label: &str,
    timeout: Option<Duration>,
) -> (Result<(), String>, Counts) {
    run_tallying(cmd, label, timeout, Counts::default())
}

/// [`run_counting`] with another reader of the results (`tally`), returned
/// after the command ends.
pub fn run_tallying<T: Tally>(
    cmd: &mut Command,
    label: &str,
    timeout: Option<Duration>,
    tally: T,
) -> (Result<(), String>, T) {
    println!("$ {}", display(cmd));
    flush();
    let shown = label;
    let mut child = match spawn(cmd.stdin(Stdio::null()).stdout(Stdio::piped())) {
        Ok(child) => child,
        Err(e) => return (Err(e), tally),
    };
    let stdout = child.stdout.take().expect("stdout is piped");
    let reader = thread::spawn(move || {
        let mut counts = tally;
        let mut input = BufReader::new(stdout);
        let mut buf = Vec::new();
        let out = io::stdout();
        loop {
            buf.clear();
            match input.read_until(b'\n', &mut buf) {
                Ok(0) | Err(_) => break,
                Ok(_) => {
                    let line = String::from_utf8_lossy(&buf);
                    counts.line(line.trim_end_matches(['\n', '\r']));
                    let mut out = out.lock();
                    let _ = out.write_all(&buf);
                    if !buf.ends_with(b"\n") {
                        let _ = out.write_all(b"\n");
                    }
                    let _ = out.flush();
                }
            }
        }
        counts
    });
    let started = Instant::now();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ok(status),
            Ok(None) => {}
            Err(e) => break Err(e.to_string()),
        }
        if timeout.is_some_and(|t| started.elapsed() > t) && !timed_out {
            timed_out = true;
            let _ = child.kill();
        }
        thread::sleep(Duration::from_millis(100));
    };
    let counts = reader.join().unwrap_or_default();
    let result = match status {
        _ if timed_out => Err(format!(
            "`{shown}` was killed after {}",
            format_duration(timeout.unwrap_or_default())
        )),
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!("`{shown}` exited with {status}")),
        Err(e) => Err(format!("waiting for `{shown}`: {e}")),
    };
    (result, counts)
}

pub fn flush() {
    let _ = io::stdout().flush();
}

pub fn format_duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs < 60.0 {
        format!("{secs:.1}s")
    } else {
        let whole = d.as_secs();
        format!("{}m{:02}s", whole / 60, whole % 60)
    }
}

/// The first `name` on PATH that is an executable file.
pub fn which(name: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0))
}

pub fn is_root() -> bool {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Uid:"))
                .and_then(|uids| uids.split_whitespace().nth(1).map(|euid| euid == "0"))
        })
        .unwrap_or(false)
}

/// Every file under `dir` (recursively), sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => pending.push(path),
                Ok(t) if t.is_file() => found.push(path),
                _ => {}
            }
        }
    }
    found.sort();
    found
}

pub fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|e| e == ext)
}

/// Mount points at or below `dir`, from /proc/self/mountinfo.
pub fn mounts_under(dir: &Path) -> Vec<String> {
    let prefix = dir.to_string_lossy().trim_end_matches('/').to_string();
    let Ok(info) = fs::read_to_string("/proc/self/mountinfo") else {
        return Vec::new();
    };
    info.lines()
        .filter_map(|l| l.split(' ').nth(4))
        .map(unescape_mountinfo)
        .filter(|mp| *mp == prefix || mp.starts_with(&format!("{prefix}/")))
        .collect()
}

fn unescape_mountinfo(field: &str) -> String {
    // Spaces, tabs, newlines and backslashes are written as \ooo octal.
    let bytes = field.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\'
            && i + 3 < bytes.len()
            && bytes[i + 1..i + 4].iter().all(u8::is_ascii_digit)
        {
            let code = u8::from_str_radix(&field[i + 1..i + 4], 8).unwrap_or(b'?');
            out.push(code);
            i += 4;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `rm -rf` that refuses to go near mount points (a root left with /proc
/// mounted must never be deleted through it) and stays on one file system.
pub fn remove_tree(dir: &Path) -> Result<(), String> {
    if fs::symlink_metadata(dir).is_err() {
        return Ok(());
    }
    let mounts = mounts_under(dir);
    if !mounts.is_empty() {
        return Err(format!(
            "refusing to delete {}: still mounted there: {} (unmount with `umount` first)",
            dir.display(),
            mounts.join(", ")
        ));
    }
    let status = Command::new("rm")
        .arg("-rf")
        .arg("--one-file-system")
        .arg("--")
        .arg(dir)
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("rm: {e}"))?;
    if status.success() && fs::symlink_metadata(dir).is_err() {
        Ok(())
    } else {
        Err(format!("could not delete {}", dir.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libtest_results() {
        let line = "test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s";
        assert_eq!(parse_libtest(line), Some((12, 0)));
        let line = "test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out";
        assert_eq!(parse_libtest(line), Some((3, 2)));
        assert_eq!(parse_libtest("running 12 tests"), None);
        assert_eq!(parse_plain(line), None);
    }

    #[test]
    fn reads_plain_closing_lines() {
        assert_eq!(parse_plain("11 passed, 0 failed"), Some((11, 0)));
        assert_eq!(parse_plain("  7 passed, 2 failed\r"), Some((7, 2)));
        assert_eq!(parse_plain("summary: 40 passed, 1 failed"), Some((40, 1)));
        assert_eq!(parse_plain("PASS 3 passed, 0 failed things"), None);
        assert_eq!(parse_plain("two words: 1 passed, 0 failed"), None);
        assert_eq!(parse_plain("x passed, 0 failed"), None);
        assert_eq!(parse_libtest("11 passed, 0 failed"), None);
    }

    #[test]
    fn counts_accumulate() {
        let mut c = Counts::default();
        for line in [
            "PASS a",
            "2 passed, 1 failed",
            "test result: ok. 5 passed; 0 failed; 0 ignored",
        ] {
            c.take_line(line);
        }
        assert_eq!(
            c,
            Counts {
                passed: 7,
                failed: 1,
                closing_lines: 2
            }
        );
    }

    #[test]
    fn quotes_for_display() {
        let mut cmd = Command::new("swiftc");
        cmd.args(["-I", "/tmp/a b", "it's", "plain-arg=1"]);
        assert_eq!(display(&cmd), r"swiftc -I '/tmp/a b' 'it'\''s' plain-arg=1");
    }

    #[test]
    fn unescapes_mount_points() {
        assert_eq!(unescape_mountinfo(r"/tmp/a\040b"), "/tmp/a b");
        assert_eq!(unescape_mountinfo("/proc"), "/proc");
    }

    #[test]
    fn formats_durations() {
        assert_eq!(format_duration(Duration::from_millis(1234)), "1.2s");
        assert_eq!(format_duration(Duration::from_secs(125)), "2m05s");
    }
}

//! `cargo xtask render-report`: makes the fixture evidence export with the
//! CLI (a vault with a few weeks of contact attempts, a checkpoint, then
//! `export evidence`), and renders its report.html with Debian's headless
//! Chromium to PNG at desktop and phone widths (`docs/report-*.png`), so the
//! report is looked at, not only generated.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::process::{run, which};
use crate::Ctx;

const PASSCODE: &str = "2580\n";
const ZONE: &str = "Europe/London";

/// One contact attempt of the fixture, as `log attempt` takes it.
struct Attempt {
    channel: &'static str,
    handle: &'static str,
    said: &'static str,
    verbatim: bool,
    response: &'static str,
    place: &'static str,
    witnesses: &'static [&'static str],
    unsafe_level: &'static str,
    at: &'static str,
}

const fn attempt(
    channel: &'static str,
    handle: &'static str,
    said: &'static str,
    verbatim: bool,
    response: &'static str,
    unsafe_level: &'static str,
    at: &'static str,
) -> Attempt {
    Attempt {
        channel,
        handle,
        said,
        verbatim,
        response,
        place: "",
        witnesses: &[],
        unsafe_level,
        at,
    }
}

const ATTEMPTS: &[Attempt] = &[
    attempt("text", "+44 7700 900123", "You can't ignore me forever. I know where you work.", true, "ignored", "3", "2026-09-04 22:41"),
    attempt("call", "+44 7700 900123", "Three missed calls, no voicemail.", false, "ignored", "1", "2026-09-05 07:12"),
    Attempt {
        place: "Outside work, Deansgate",
        witnesses: &["Priya (colleague)"],
        ..attempt("in_person", "", "Waited outside the office and followed me to the bus stop. Said \"we need to talk, now\".", true, "reported", "4", "2026-09-18 17:35")
    },
    attempt("social_media", "@alex.r", "Messaged from a new account: \"just want to see how you are <3\"", true, "blocked", "2", "2026-10-02 23:05"),
    attempt("email", "alex.r@example.com", "Long email blaming me for the break-up; asks to meet \"one last time\".", false, "ignored", "2", "2026-10-21 09:30"),
    Attempt {
        place: "Tesco, Oxford Road",
        witnesses: &["Sam (friend)"],
        ..attempt("through_someone", "", "Their sister passed on a message at the supermarket.", false, "ignored", "2", "2026-11-08 11:20")
    },
];

pub(crate) fn render(ctx: &Ctx) -> Result<(), String> {
    let out_dir = ctx.root.join("docs");
    let work = ctx.target.join("report-fixture");
    if work.exists() {
        fs::remove_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    }
    fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    run(Command::new(&ctx.cargo).args(["build", "-q", "-p", "nocontact-cli"]))?;
    let cli = ctx.target.join("debug").join("nocontact");
    let vault = work.join("vault.db");
    let nocontact = |args: &[&str]| -> Result<String, String> {
        let mut cmd = Command::new(&cli);
        cmd.arg("--vault")
            .arg(&vault)
            .arg("--passcode-stdin")
            .args(args)
            .env("TZ", ZONE)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().map_err(|e| format!("nocontact: {e}"))?;
        if let Some(mut stdin) = child.stdin.take() {
            use std::io::Write;
            let _ = stdin.write_all(PASSCODE.as_bytes());
        }
        let output = child
            .wait_with_output()
            .map_err(|e| format!("nocontact: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "nocontact {}: {}",
                args.first().unwrap_or(&""),
                String::from_utf8_lossy(&output.stderr).trim()
            ));
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    };
    nocontact(&["init"])?;
    let added = nocontact(&[
        "person",
        "add",
        "Alex R.",
        "--relationship",
        "ex_partner",
        "--since",
        "2026-08-20",
    ])?;
    let person = added
        .split_whitespace()
        .find(|w| w.len() == 8 && w.bytes().all(|b| b.is_ascii_hexdigit()))
        .ok_or("no person id in the output of `person add`")?
        .to_owned();
    for (i, a) in ATTEMPTS.iter().enumerate() {
        let mut args = vec![
            "log",
            "attempt",
            "--person",
            &person,
            "--channel",
            a.channel,
            "--said",
            a.said,
            "--response",
            a.response,
            "--unsafe",
            a.unsafe_level,
            "--at",
            a.at,
        ];
        if !a.handle.is_empty() {
            args.extend(["--handle", a.handle]);
        }
        if a.verbatim {
            args.push("--verbatim");
        }
        if !a.place.is_empty() {
            args.extend(["--where", a.place]);
        }
        for w in a.witnesses {
            args.extend(["--witness", w]);
        }
        nocontact(&args)?;
        if i == 2 {
            nocontact(&[
                "log",
                "checkin",
                "--mood",
                "2",
                "--note",
                "shaken",
                "--at",
                "2026-09-18 21:00",
            ])?;
            nocontact(&["checkpoint"])?;
        }
    }
    nocontact(&[
        "log",
        "contact",
        "--person",
        &person,
        "--channel",
        "text",
        "--they-started",
        "--at",
        "2026-10-03 08:10",
    ])?;
    let export = work.join("export");
    let export_arg = export.to_string_lossy().into_owned();
    print!(
        "{}",
        nocontact(&["export", "evidence", "--out", &export_arg, "--zone", ZONE])?
    );
    print!("{}", nocontact(&["verify", &export_arg])?);

    let chromium = chromium()?;
    fs::create_dir_all(&out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let report = export.join("report.html");
    for (name, size) in [
        ("report-desktop.png", "1100,2600"),
        ("report-phone.png", "412,3200"),
    ] {
        let png = out_dir.join(name);
        screenshot(&chromium, &report, &png, size, &work)?;
        println!("wrote {}", png.display());
    }
    Ok(())
}

/// Debian's Chromium, installed with apt-get when missing.
fn chromium() -> Result<PathBuf, String> {
    if let Some(path) = which("chromium") {
        return Ok(path);
    }
    println!("installing Debian's chromium (headless rendering of the report)");
    for args in [
        &["update", "-q"][..],
        &[
            "install",
            "-y",
            "-q",
            "--no-install-recommends",
            "chromium",
            "fonts-dejavu-core",
        ][..],
    ] {
        run(Command::new("apt-get")
            .args(["-o", "DPkg::Lock::Timeout=600"])
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
    }
    which("chromium").ok_or_else(|| "chromium is not on PATH after installing it".to_owned())
}

fn screenshot(
    chromium: &Path,
    page: &Path,
    png: &Path,
    size: &str,
    work: &Path,
) -> Result<(), String> {
    // As root in a sandbox-less container; no network, no first-run chatter.
    run(Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!(
            "--user-data-dir={}",
            work.join("chromium-profile").display()
        ))
        .arg(format!("--window-size={size}"))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display())))
}

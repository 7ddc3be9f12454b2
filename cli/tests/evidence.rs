//! `nocontact verify` on export folders, and `nocontact export csv`.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use nocontact_core::{write_evidence_dir, Evidence, Period, PersonLabel, Selection};
use serde_json::json;

const PERSON: &str = "0123456789abcdef0123456789abcdef";

fn path_arg(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// A chain record of a contact attempt, as the vault writes them.
fn attempt(seq: u64, said: &str) -> serde_json::Value {
    json!({
        "v": 1, "seq": seq, "entry": format!("{seq:032x}"), "recorded_at": 1_773_500_000_000i64 + seq as i64,
        "op": "create", "revision": 0, "at": 1_773_500_000_000i64, "utc_offset_seconds": 3600,
        "content": {"event": {"body": {"their_attempt": {"attempt": {
            "person_id": PERSON, "channel": "text", "handle": "", "said": said,
            "said_verbatim": true, "response": "ignored", "location": "", "witnesses": [],
            "felt_unsafe": 2, "attachments": [], "note": ""}}}}}
    })
}

/// An export of 3 records (the middle one omitted) in a new folder, with
/// the checkpoint code of its first record alone.
fn export() -> (tempfile::TempDir, PathBuf, String) {
    let mut ev = Evidence::new(
        1_773_600_000_000,
        "Europe/Berlin",
        Period::default(),
        Selection {
            person_id: Some(PERSON.into()),
            kinds: vec!["their_attempt".into()],
        },
    )
    .unwrap();
    ev.people.insert(
        PERSON.into(),
        PersonLabel {
            alias: "R.".into(),
            relationship: "ex_partner".into(),
        },
    );
    ev.include(attempt(0, "secret words")).unwrap();
    let early = ev.checkpoint_code().unwrap();
    ev.omit(&[7; 32]).unwrap();
    ev.include(attempt(2, "more secret words")).unwrap();
    ev.add_checkpoint(1, 1_773_500_100_000).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export for the advocate");
    write_evidence_dir(&ev, &path).unwrap();
    (dir, path, early)
}

#[test]
fn verify_a_valid_export() {
    let (_dir, path, early) = export();
    let out = nocontact(&["verify", &path_arg(&path)], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("Valid: 3 records, 2 shown in full and 1 left out.\nchain head: "));

    let typed = early.to_lowercase().replace('-', " ");
    let out = nocontact(&["verify", &path_arg(&path), "--checkpoint", &typed], "");
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("checkpoint code: matches the chain at 1 records"));

    let out = nocontact(&["verify", "--json", &path_arg(&path)], "");
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(
        (
            v["records"].as_u64(),
            v["included"].as_u64(),
            v["omitted"].as_u64()
        ),
        (Some(3), Some(2), Some(1))
    );
    assert_eq!(v["problems"], json!([]));
}

#[test]
fn verify_names_what_does_not_match() {
    let (_dir, path, _) = export();
    let report = path.join("report.html");
    let html = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, html.replacen("more secret", "more Secret", 1)).unwrap();
    std::fs::write(path.join("extra.txt"), b"x").unwrap();
    let out = nocontact(&["verify", &path_arg(&path)], "");
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("Not valid: 3 problems."), "{stdout}");
    assert!(stdout.contains("\n  - extra.txt: a file or folder that is not part of an export\n"));
    assert!(stdout.contains("\n  - report.html: the file's SHA-256 differs from the manifest"));
    assert!(stdout.contains("\n  - report.html: the report is not the one made from evidence.json"));
    assert!(!stdout.contains("secret"));
    assert!(!stdout.contains("advocate"));

    // An edited record is named by its number.
    let (_dir, path, _) = export();
    let json_path = path.join("evidence.json");
    let json = std::fs::read_to_string(&json_path).unwrap();
    std::fs::write(&json_path, json.replacen("secret words", "kind words", 1)).unwrap();
    let out = nocontact(&["verify", &path_arg(&path), "--json"], "");
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["valid"], false);
    let link = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "link_mismatch")
        .expect("a link problem");
    assert_eq!(link["file"], "evidence.json");
    assert_eq!(link["seq"], 0);

    // A code from another chain, and a mistyped one.
    let (_dir, path, _) = export();
    let out = nocontact(
        &[
            "verify",
            &path_arg(&path),
            "--checkpoint",
            "0000-0000-0000-0000-0",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("matches this chain at no point"));
    let out = nocontact(&["verify", &path_arg(&path), "--checkpoint", "ABCD"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("not a well-formed code"));
}

#[test]
fn verify_needs_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = nocontact(&["verify", &path_arg(dir.path())], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).starts_with(
        "Not valid: 3 problems. First: evidence.json: a file the export needs is missing."
    ));

    let file = dir.path().join("private-name.zip");
    std::fs::write(&file, b"PK").unwrap();
    for target in [file.clone(), dir.path().join("private-missing")] {
        let out = nocontact(&["verify", &path_arg(&target)], "");
        assert_eq!(out.status.code(), Some(1));
        let err = text(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(!err.contains("private"), "{err}");
        assert!(out.stdout.is_empty());
    }

    let out = nocontact(&["verify"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("the export folder is missing"));
    let out = nocontact(&["help", "verify"], "");
    assert!(text(&out.stdout).contains("nocontact verify FOLDER [--checkpoint CODE] [--json]"));
}

#[test]
fn export_csv() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("v.db");
    let out = nocontact(
        &[
            "--vault",
            vault.to_str().unwrap(),
            "--passcode-stdin",
            "init",
        ],
        PASS,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let added = ok_utc(
        &vault,
        &[
            "person",
            "add",
            "=R.",
            "--relationship",
            "parent",
            "--since",
            "2024-01-10",
        ],
    );
    let r = added
        .split_whitespace()
        .find(|w| w.len() == 8 && w.bytes().all(|b| b.is_ascii_hexdigit()))
        .unwrap()
        .to_owned();
    ok_utc(
        &vault,
        &[
            "log",
            "attempt",
            "--person",
            &r,
            "--channel",
            "text",
            "--said",
            "call me, now",
            "--verbatim",
            "--at",
            "2024-03-01 22:15",
        ],
    );
    ok_utc(
        &vault,
        &[
            "log",
            "urge",
            "--intensity",
            "6",
            "--note",
            "-5 today",
            "--at",
            "2024-03-02 09:00",
        ],
    );
    ok_utc(
        &vault,
        &["log", "checkin", "--mood", "4", "--at", "2024-03-05 08:00"],
    );

    let csv = ok_utc(&vault, &["export", "csv"]);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines.len(), 5, "{csv}");
    assert!(lines[0].starts_with("date,time,utc_offset,kind,person,intensity,"));
    assert!(lines[1].starts_with("2024-03-01,22:15,UTC+00:00,their_attempt,'=R.,"));
    assert!(lines[1].contains(",\"call me, now\",yes,"));
    assert!(lines[2].starts_with("2024-03-02,09:00,UTC+00:00,urge,,6,resisted,"));
    assert!(lines[2].contains(",'-5 today,"));
    assert!(lines[3].starts_with("2024-03-05,08:00,UTC+00:00,check_in,,,,4,"));
    assert_eq!(lines[4], "");

    let csv = ok_utc(
        &vault,
        &[
            "export",
            "csv",
            "--kinds",
            "urge,checkin",
            "--from",
            "2024-03-02",
            "--until",
            "2024-03-02",
        ],
    );
    assert_eq!(csv.matches("\r\n").count(), 2);
    assert!(csv.contains(",urge,"));
    let csv = ok_utc(&vault, &["export", "csv", "--person", &r]);
    assert_eq!(csv.matches("\r\n").count(), 2);

    let file = dir.path().join("out.csv");
    let out = run_utc(&vault, &["export", "csv", "--out", file.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert_eq!(text(&out.stderr).trim(), "wrote 3 events");
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .contains("their_attempt"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0);
    }
    let out = run_utc(&vault, &["export", "csv", "--out", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr).trim(),
        "nocontact: the output file exists already; choose a new name"
    );

    let out = run_utc(&vault, &["export", "csv", "--kinds", "dreams"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!text(&out.stderr).contains("dreams"));
    let out = run_utc(&vault, &["export", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run_utc(
        &vault,
        &[
            "export",
            "csv",
            "--from",
            "2024-03-05",
            "--until",
            "2024-03-01",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
}

/// A vault made through the CLI with one person, two attempts, an urge and
/// a check-in; returns its folder, path and the person's short id.
fn logged_vault() -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("v.db");
    let out = run_utc(&vault, &["init"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let added = ok_utc(
        &vault,
        &[
            "person",
            "add",
            "Alex",
            "--relationship",
            "ex_partner",
            "--since",
            "2025-06-01",
        ],
    );
    let person = added
        .split_whitespace()
        .find(|w| w.len() == 8 && w.bytes().all(|b| b.is_ascii_hexdigit()))
        .unwrap()
        .to_owned();
    for said in ["you will regret this", "pick up <now>"] {
        let args = [
            "log",
            "attempt",
            "--person",
            &person,
            "--channel",
            "text",
            "--said",
            said,
            "--verbatim",
        ];
        ok_utc(&vault, &args);
    }
    ok_utc(
        &vault,
        &["log", "urge", "--intensity", "6", "--note", "private urge"],
    );
    ok_utc(
        &vault,
        &["log", "checkin", "--mood", "2", "--note", "private mood"],
    );
    (dir, vault, person)
}

#[test]
fn an_export_made_by_the_vault_verifies_and_tampering_is_named() {
    let (dir, vault, person) = logged_vault();
    let made = ok_utc(&vault, &["checkpoint"]);
    let code = made
        .lines()
        .next()
        .unwrap()
        .trim_start_matches("checkpoint ")
        .to_owned();
    // One more record after the checkpoint: the export must extend it.
    ok_utc(&vault, &["log", "checkin", "--mood", "4"]);
    let folder = dir.path().join("for the advocate");
    let out = ok_utc(
        &vault,
        &[
            "export",
            "evidence",
            "--out",
            &path_arg(&folder),
            "--person",
            &person,
            "--zone",
            "Europe/London",
        ],
    );
    assert!(
        out.starts_with("exported 2 entries in full, in a chain of 5 records (2 shown in full)"),
        "{out}"
    );
    let html = std::fs::read_to_string(folder.join("report.html")).unwrap();
    assert!(html.contains("you will regret this"));
    assert!(html.contains("pick up &lt;now&gt;"));
    assert!(!html.contains("private urge") && !html.contains("private mood"));
    let json = std::fs::read_to_string(folder.join("evidence.json")).unwrap();
    assert!(!json.contains("private urge") && !json.contains("private mood"));
    assert!(json.contains("Alex"));

    let checked = nocontact(&["verify", &path_arg(&folder), "--checkpoint", &code], "");
    let stdout = text(&checked.stdout);
    assert!(checked.status.success(), "{stdout}");
    assert!(
        stdout.contains("checkpoint code: matches the chain at 4 records"),
        "{stdout}"
    );

    // Exporting again into the same folder is refused and changes nothing.
    let again = run_utc(&vault, &["export", "evidence", "--out", &path_arg(&folder)]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("exists already"));

    // One changed character in each file, on fresh copies of the folder.
    let copy = |name: &str| {
        let to = dir.path().join(name);
        std::fs::create_dir(&to).unwrap();
        for f in ["report.html", "evidence.json", "manifest.sha256"] {
            std::fs::copy(folder.join(f), to.join(f)).unwrap();
        }
        to
    };
    let verdict = |path: &Path| {
        let out = nocontact(&["verify", &path_arg(path), "--json"], "");
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["valid"], false);
        v["problems"].as_array().unwrap().clone()
    };
    let html_copy = copy("html");
    std::fs::write(
        html_copy.join("report.html"),
        html.replacen("regret", "regrET", 1),
    )
    .unwrap();
    let problems = verdict(&html_copy);
    assert!(
        problems.iter().any(|p| p["file"] == "report.html"),
        "{problems:?}"
    );

    let json_copy = copy("json");
    std::fs::write(
        json_copy.join("evidence.json"),
        json.replacen("regret", "regreT", 1),
    )
    .unwrap();
    let problems = verdict(&json_copy);
    assert!(
        problems.iter().any(|p| p["file"] == "evidence.json"),
        "{problems:?}"
    );

    // An omitted record's digest (the urge, seq 2): named by its number
    // even when the manifest is made to match.
    let digest_copy = copy("digest");
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let urge_digest = doc["records"][2]["digest"].as_str().unwrap().to_owned();
    let flipped = format!(
        "{}{}",
        if urge_digest.starts_with('0') {
            "1"
        } else {
            "0"
        },
        &urge_digest[1..]
    );
    let tampered = json.replacen(&urge_digest, &flipped, 1);
    std::fs::write(digest_copy.join("evidence.json"), &tampered).unwrap();
    let manifest = nocontact_core::manifest_text(&[
        ("evidence.json", tampered.as_bytes()),
        ("report.html", html.as_bytes()),
    ]);
    std::fs::write(digest_copy.join("manifest.sha256"), manifest).unwrap();
    let problems = verdict(&digest_copy);
    assert!(problems.iter().any(|p| p["seq"] == 2), "{problems:?}");
}

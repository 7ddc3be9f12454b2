//! Protection, driven as a script would drive it: quick entries without
//! the passcode, the access log, the duress passcode, erase, the lock
//! policy and the wait after failed unlocks.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::*;

const DURESS: &str = "2468\n";

/// Adds a person and returns the whole id.
fn add_person(vault: &Path, alias: &str) -> String {
    ok(
        vault,
        &[
            "person",
            "add",
            alias,
            "--relationship",
            "ex-partner",
            "--since",
            "2024-01-01",
        ],
    );
    let list = ok(vault, &["person", "list", "--full-ids"]);
    let line = list
        .lines()
        .find(|l| l.contains(alias))
        .expect("the person listed");
    let id = line.split_whitespace().next().unwrap().to_owned();
    assert_eq!(id.len(), 32, "{line}");
    id
}

#[test]
fn drop_logs_without_the_passcode_and_joins_at_unlock() {
    let (_dir, vault) = fresh();
    let person = add_person(&vault, "R.");
    ok(&vault, &["log", "checkin", "--mood", "4"]);

    // No passcode on standard input: none is asked.
    for args in [
        &[
            "drop",
            "attempt",
            "--person",
            person.as_str(),
            "--channel",
            "text",
        ][..],
        &["drop", "urge", "7", "--person", person.as_str()],
        &["drop", "ok"],
    ] {
        assert_eq!(ok_with(&vault, args, ""), "Saved.\n", "{args:?}");
    }

    let events = ok(&vault, &["events"]);
    let lines: Vec<&str> = events.lines().collect();
    assert_eq!(lines.len(), 5, "{events}");
    // Newest first: the check-in, the urge, their attempt, then the
    // check-in logged with the passcode before them.
    assert!(lines[0].contains("checkin  mood 3/5"), "{events}");
    assert!(
        lines[1].contains("urge     R.  intensity 7/10, delayed"),
        "{events}"
    );
    assert!(
        lines[2].contains("attempt  R.  by text, ignored"),
        "{events}"
    );
    for line in &lines[..3] {
        assert!(line.ends_with("(quick, while locked)"), "{line}");
    }
    assert!(lines[3].contains("mood 4/5") && !lines[3].contains("while locked"));
    assert_eq!(lines[4], "page 1 of 1 (4 events)");

    let page = json(&ok(&vault, &["events", "--json"]));
    let marks: Vec<bool> = page["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["logged_while_locked"].as_bool().unwrap())
        .collect();
    assert_eq!(marks, [true, true, true, false]);
    assert_eq!(page["events"][1]["body"]["urge"]["urge"]["intensity"], 7);

    let status = ok(&vault, &["status"]);
    assert!(
        status
            .lines()
            .any(|l| l.starts_with("Last check-in: mood 3/5")
                && l.ends_with("(quick, while locked)")),
        "{status}"
    );

    // The access log counts them.
    let log = ok(&vault, &["access-log"]);
    assert_eq!(log.matches("entry logged while locked").count(), 3, "{log}");

    // The default mood and a mood of one's own.
    ok_with(&vault, &["drop", "ok", "--mood", "5"], "");
    assert!(ok(&vault, &["events", "--limit", "1"]).contains("mood 5/5"));
}

#[test]
fn drop_refuses_bad_input_and_keeps_nothing() {
    let (_dir, vault) = fresh();
    let err = fails_with(&vault, &["drop", "urge", "11"], "", 2);
    assert_eq!(err, "nocontact: INTENSITY is 0-10");
    let err = fails_with(&vault, &["drop", "ok", "--mood", "0"], "", 2);
    assert_eq!(err, "nocontact: --mood is 1-5");
    let err = fails_with(&vault, &["drop", "attempt", "--person", "not-hex"], "", 2);
    assert!(
        err.starts_with("nocontact: --person needs the whole id"),
        "{err}"
    );
    assert!(!err.contains("not-hex"));
    let err = fails_with(&vault, &["drop", "attempt"], "", 2);
    assert_eq!(err, "nocontact: --person is required");
    assert_eq!(ok(&vault, &["events"]).trim(), "no events");

    // Without a vault there is nothing to drop into.
    let dir = tempfile::tempdir().unwrap();
    let err = fails_with(&dir.path().join("none.db"), &["drop", "ok"], "", 1);
    assert_eq!(
        err,
        "nocontact: no vault here yet; run `nocontact init` first"
    );
}

#[test]
fn access_log_shows_a_failed_unlock_and_ack_clears_new() {
    let (_dir, vault) = fresh();
    ok(&vault, &["events"]);
    let err = fails_with(&vault, &["events"], "0000\n", 1);
    assert_eq!(err, "nocontact: wrong passcode");

    let out = ok(&vault, &["access-log"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0], "1 failed unlock attempt since you last looked.",
        "{out}"
    );
    let failed = lines
        .iter()
        .position(|l| l.contains("failed unlock attempt") && !l.contains("since"))
        .expect("the failed attempt listed");
    assert!(lines[failed].ends_with("new"), "{out}");
    // Between two real unlocks: this one and the one before.
    assert!(lines[failed - 1].contains("opened"), "{out}");
    assert!(lines[failed + 1].contains("opened"), "{out}");
    assert_eq!(failed, 2, "{out}");

    let log = json(&ok(&vault, &["access-log", "--json", "--ack"]));
    assert_eq!(log["new_failed_unlocks"], 1);
    let kinds: Vec<&str> = log["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(&kinds[..3], ["unlock", "unlock", "failed_unlock"]);

    let out = ok(&vault, &["access-log"]);
    assert!(!out.contains("since you last looked"), "{out}");
    let failed = out
        .lines()
        .find(|l| l.contains("failed unlock attempt"))
        .unwrap();
    assert!(!failed.ends_with("new"), "{out}");
    // Only the unlock made to show it is new.
    assert_eq!(
        out.lines().filter(|l| l.ends_with("new")).count(),
        1,
        "{out}"
    );
    let log = json(&ok(&vault, &["access-log", "--json"]));
    assert_eq!(log["new_failed_unlocks"], 0);
}

#[test]
fn duress_opens_an_empty_cover_space() {
    let (_dir, vault) = fresh();
    add_person(&vault, "R.");
    ok(&vault, &["reflect", "a private page"]);
    assert_eq!(
        ok(&vault, &["duress", "status"]).trim(),
        "No duress passcode is set."
    );
    // The same passcode as the real one is refused.
    let err = fails_with(&vault, &["duress", "set"], "1357\n1357\n", 1);
    assert_eq!(err, "nocontact: invalid duress passcode");
    let out = ok_with(&vault, &["duress", "set"], "1357\n2468\n");
    assert!(out.starts_with("Duress passcode set"), "{out}");
    assert!(ok(&vault, &["duress", "status"]).starts_with("A duress passcode is set"));

    // The cover space: nothing of the real one.
    assert_eq!(ok_with(&vault, &["events"], DURESS).trim(), "no events");
    assert!(ok_with(&vault, &["person", "list"], DURESS).starts_with("no people yet"));
    assert!(!ok_with(&vault, &["reflections"], DURESS).contains("private"));
    let summary = json(&ok_with(&vault, &["status", "--json"], DURESS));
    assert!(summary["streaks"]["overall"].is_null(), "{summary}");
    assert_eq!(
        ok_with(&vault, &["duress", "status"], DURESS).trim(),
        "No duress passcode is set."
    );
    // Drops never go to the cover space.
    ok_with(&vault, &["drop", "ok"], "");
    assert_eq!(ok_with(&vault, &["events"], DURESS).trim(), "no events");

    // The real space learns of it.
    let log = ok(&vault, &["access-log"]);
    assert!(
        log.starts_with("6 openings with the duress passcode since you last looked."),
        "{log}"
    );
    assert!(log.contains("opened with the duress passcode"));
    assert!(ok(&vault, &["events"]).contains("(quick, while locked)"));

    // Removing asks for the word; anything else keeps it.
    let err = fails_with(&vault, &["duress", "remove"], "1357\nremove\n", 1);
    assert_eq!(err, "nocontact: not removed: type REMOVE to remove it");
    assert!(ok(&vault, &["duress", "status"]).starts_with("A duress passcode is set"));
    let out = ok_with(&vault, &["duress", "remove"], "1357\nREMOVE\n");
    assert_eq!(out.trim(), "Duress passcode removed, with its space.");
    assert_eq!(
        ok(&vault, &["duress", "status"]).trim(),
        "No duress passcode is set."
    );
    assert_eq!(
        fails_with(&vault, &["events"], DURESS, 1),
        "nocontact: wrong passcode"
    );
    assert!(ok(&vault, &["reflections"]).contains("a private page"));
    // --confirm stands in for the typed word.
    ok_with(&vault, &["duress", "set"], "1357\n2468\n");
    ok(&vault, &["duress", "remove", "--confirm", "REMOVE"]);
    assert!(ok(&vault, &["duress", "status"]).starts_with("No duress"));
}

#[test]
fn erase_needs_the_word_and_no_passcode() {
    let (dir, vault) = fresh();
    ok(&vault, &["reflect", "keep me"]);
    for (args, stdin) in [
        (&["erase"][..], "erase\n"),
        (&["erase"], "ERASE \n"),
        (&["erase"], "1357\n"),
        (&["erase", "--confirm", "yes"], ""),
    ] {
        let err = fails_with(&vault, args, stdin, 1);
        assert_eq!(err, "nocontact: nothing erased: type ERASE to erase");
        assert!(vault.exists());
    }
    assert!(ok(&vault, &["reflections"]).contains("keep me"));

    // No passcode: only the word on standard input.
    assert_eq!(ok_with(&vault, &["erase"], "ERASE\n"), "Erased.\n");
    assert!(!vault.exists());
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
    assert_eq!(
        fails_with(&vault, &["events"], PASS, 1),
        "nocontact: no vault here yet; run `nocontact init` first"
    );

    // --confirm ERASE, for scripts.
    let (_dir, vault) = fresh();
    assert_eq!(
        ok_with(&vault, &["erase", "--confirm", "ERASE"], ""),
        "Erased.\n"
    );
    assert!(!vault.exists());
}

#[test]
fn lock_policy_shows_and_changes() {
    let (_dir, vault) = fresh();
    // Shown without the passcode.
    let out = ok_with(&vault, &["lock-policy"], "");
    assert_eq!(
        out,
        "Erase: never\nLock when idle: after 5 min without activity\n\
         Failed unlocks since the last one that worked: 0\n"
    );
    let err = fails_with(&vault, &["lock-policy", "--erase-after", "10"], PASS, 2);
    assert!(
        err.starts_with("nocontact: --erase-after needs --i-accept-evidence-loss"),
        "{err}"
    );
    assert!(ok_with(&vault, &["lock-policy"], "").starts_with("Erase: never"));

    let out = ok(
        &vault,
        &[
            "lock-policy",
            "--erase-after",
            "10",
            "--i-accept-evidence-loss",
            "--idle",
            "60",
        ],
    );
    assert!(out.starts_with("Lock policy changed.\nErase: after 10 failed unlocks"));
    assert!(out.contains("Lock when idle: after 1 min without activity"));
    assert!(out.contains("Attempts left before the erase: 10"));
    let err = fails_with(&vault, &["lock-policy", "--idle", "5"], PASS, 1);
    assert_eq!(err, "nocontact: invalid idle timeout seconds");
    // Changing the idle timeout keeps the erase without asking again.
    let out = ok(&vault, &["lock-policy", "--idle", "900"]);
    assert!(out.contains("Erase: after 10 failed unlocks"), "{out}");
    assert!(
        out.contains("Lock when idle: after 15 min without activity"),
        "{out}"
    );
    let err = fails_with(&vault, &["lock-policy", "--erase-off"], "0000\n", 1);
    assert_eq!(err, "nocontact: wrong passcode");
    let out = ok_with(&vault, &["lock-policy"], "");
    assert!(out.contains("Failed unlocks since the last one that worked: 1"));
    assert!(out.contains("Attempts left before the erase: 9"));
    let out = ok(&vault, &["lock-policy", "--erase-off", "--idle", "0"]);
    assert!(
        out.contains("Erase: never\nLock when idle: never\n"),
        "{out}"
    );
}

#[test]
fn five_wrong_passcodes_then_a_wait() {
    let (_dir, vault) = fresh();
    for _ in 0..5 {
        assert_eq!(
            fails_with(&vault, &["events"], "0000\n", 1),
            "nocontact: wrong passcode"
        );
    }
    // The sixth attempt waits, even with the right passcode. The wait
    // counts down while the test runs: 30 s at first, a little less later.
    let seconds = |text: &str, before: &str, after: &str| -> u64 {
        let start = text.find(before).map(|i| i + before.len()).unwrap_or(0);
        let rest = &text[start..];
        let end = rest.find(after).unwrap_or(0);
        rest[..end].trim().parse().unwrap_or(0)
    };
    for args in [&["events"][..], &["access-log"], &["duress", "status"]] {
        let message = fails_with(&vault, args, PASS, 1);
        assert!(message.starts_with("nocontact: Too many attempts. Try again in "));
        let wait = seconds(&message, "Try again in ", " s.");
        assert!((5..=30).contains(&wait), "{message}");
    }
    let out = ok_with(&vault, &["lock-policy"], "");
    assert!(out.contains("Failed unlocks since the last one that worked: 5"));
    let wait = seconds(&out, "Next attempt: in ", " s");
    assert!((5..=30).contains(&wait), "{out}");
    // A drop still works during the wait.
    assert_eq!(ok_with(&vault, &["drop", "ok"], ""), "Saved.\n");
}

#[test]
fn an_erase_policy_fires() {
    let (_dir, vault) = fresh();
    ok(
        &vault,
        &[
            "lock-policy",
            "--erase-after",
            "5",
            "--i-accept-evidence-loss",
        ],
    );
    for _ in 0..4 {
        fails_with(&vault, &["events"], "0000\n", 1);
    }
    assert_eq!(
        fails_with(&vault, &["events"], "0000\n", 1),
        "nocontact: This vault was erased."
    );
    assert!(!vault.exists());
}

#[test]
fn the_default_vault_has_a_discreet_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_nocontact"))
        .args(["--passcode-stdin", "init"])
        .env("XDG_DATA_HOME", dir.path())
        .env("HOME", dir.path())
        .env("APPDATA", dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            child.stdin.take().unwrap().write_all(PASS.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let made: Vec<String> = walk(dir.path())
        .iter()
        .map(|p| {
            let relative = p.strip_prefix(dir.path()).unwrap();
            relative.to_string_lossy().to_ascii_lowercase()
        })
        .collect();
    assert!(
        made.iter().any(|p| p.ends_with("notebook/store.db")),
        "{made:?}"
    );
    for name in &made {
        for word in ["contact", "vault", "journal"] {
            assert!(!name.contains(word), "{name}");
        }
    }
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn help_names_the_new_commands() {
    let help = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_nocontact"))
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success());
        text(&out.stdout)
    };
    let top = help(&["help"]);
    for word in ["drop", "access-log", "duress", "lock-policy", "erase"] {
        assert!(top.contains(&format!("\n  {word} ")), "{word}");
    }
    assert!(help(&["help", "drop"]).contains("nocontact drop urge INTENSITY"));
    assert!(help(&["erase", "--help"]).contains("nocontact erase [--confirm ERASE]"));
    assert!(help(&["help", "lock-policy"]).contains("--i-accept-evidence-loss"));
}

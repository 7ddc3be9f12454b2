//! The `nocontact` binary, driven as a script would drive it.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::*;

/// The short id at the start of the line of `out` that contains `needle`.
fn id_of(out: &str, needle: &str) -> String {
    let line = out
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle} in {out}"));
    line.split_whitespace()
        .find(|w| w.len() == 8 && w.bytes().all(|b| b.is_ascii_hexdigit()))
        .expect("a short id")
        .to_owned()
}

#[test]
fn init_passcode_recover() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("sub/folder/v.db");
    let out = run(&vault, &["init"], PASS);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let code = stdout
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 41 && l.matches('-').count() == 8)
        .expect("recovery code printed")
        .to_owned();

    ok(&vault, &["reflect", "שלום", "🌱"]);
    assert!(ok(&vault, &["reflections"]).contains("שלום 🌱"));

    let out = run(&vault, &["reflections"], "0000\n");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr).trim(), "nocontact: wrong passcode");
    assert!(out.stdout.is_empty());

    let out = run(&vault, &["passcode"], "1357\n2468\n");
    assert!(out.status.success());
    assert!(!run(&vault, &["prompt"], PASS).status.success());
    assert!(run(&vault, &["prompt"], "2468\n").status.success());

    let out = run(&vault, &["recover"], &format!("{code}\n9753\n"));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&run(&vault, &["reflections"], "9753\n").stdout).contains("שלום"));

    // init again refuses and keeps the vault.
    let out = run(&vault, &["init"], "1111\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(run(&vault, &["reflections"], "9753\n").status.success());
}

#[test]
fn errors_are_one_line_without_paths_or_text() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("secret-name.db");
    let err = fails(&vault, &["events"]);
    assert!(!err.contains("secret-name"));

    run(&vault, &["init"], PASS);
    assert_eq!(fails(&vault, &["reflect", " "]), "nocontact: invalid text");
    let out = run(&vault, &["init"], "12\n");
    assert_eq!(out.status.code(), Some(1));
    let out = run(&vault, &["events"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("standard input ended"));

    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, b"not a vault").unwrap();
    let out = run(&garbage, &["events"], PASS);
    assert_eq!(
        text(&out.stderr).trim(),
        "nocontact: the data is damaged or not a vault"
    );
    assert_eq!(std::fs::read(&garbage).unwrap(), b"not a vault");
}

#[test]
fn usage_errors_exit_2_without_the_text() {
    let usage = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_nocontact"))
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        text(&out.stderr)
    };
    assert!(usage(&["--passcode", "1234", "events"]).contains("never taken as arguments"));
    assert!(usage(&["note", "hello"]).contains("reflect TEXT"));
    let err = usage(&[
        "person",
        "add",
        "X",
        "--relationship",
        "my-boss",
        "--since",
        "2024-01-01",
    ]);
    assert!(
        err.starts_with("nocontact: unknown relationship for --relationship; one of: ex-partner")
    );
    assert!(!err.contains("my-boss"));
    assert!(err.contains("nocontact person add ALIAS"));
    let err = usage(&["log", "urge", "--note=very private"]);
    assert!(err.starts_with("nocontact: --intensity is required"));
    assert!(!err.contains("private"));
    assert!(usage(&["log", "urge", "--intensity", "high"]).contains("whole number"));
    assert!(usage(&["log", "checkin", "--mood", "3", "--at", "yesterday"]).contains("--at needs"));
    assert!(usage(&["log", "dream"]).contains("unknown kind"));
    assert!(usage(&["events", "--page", "0"]).contains("--page starts at 1"));
    assert!(usage(&["boundary", "set-status", "abcd", "gone"]).contains("unknown status"));
    assert!(usage(&["reflect", "--letter", "abcd", "--prompt", "x"]).contains("do not go together"));
    assert!(usage(&["plan", "burn"]).contains("unknown plan subcommand"));

    let out = Command::new(env!("CARGO_BIN_EXE_nocontact"))
        .args(["help", "log"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("nocontact log urge --intensity"));
}

#[test]
fn people_boundaries_triggers() {
    let (_dir, vault) = fresh();
    let out = ok(
        &vault,
        &[
            "person",
            "add",
            "R.",
            "--relationship",
            "ex-partner",
            "--since",
            "2024-01-10",
            "--blocked-on",
            "text",
            "--blocked-on",
            "social-media",
        ],
    );
    assert!(out.starts_with("added person "));
    assert!(out.contains("R.  ex-partner  no contact since 2024-01-10"));
    assert!(out.contains("blocked on text, social-media"));
    ok(
        &vault,
        &[
            "person",
            "add",
            "Mum",
            "--relationship",
            "parent",
            "--since",
            "2023-06-01",
            "--low-contact",
            "--allow-channel",
            "email",
            "--allow-topic",
            "Grandma's health",
        ],
    );
    assert_eq!(
        fails(
            &vault,
            &[
                "person",
                "add",
                "X",
                "--relationship",
                "friend",
                "--since",
                "2999-01-01"
            ]
        ),
        "nocontact: invalid no contact since"
    );

    let list = ok(&vault, &["person", "list"]);
    assert_eq!(list.lines().count(), 2);
    assert!(list.contains("Mum  parent  low contact (by email, about Grandma's health)"));
    let r = id_of(&list, " R. ");
    let mum = id_of(&list, " Mum ");

    // Archive hides R. from the list; --all shows them marked.
    assert!(ok(&vault, &["person", "archive", &r[..4]]).starts_with(&format!("archived {r}")));
    assert!(!ok(&vault, &["person", "list"]).contains("R."));
    assert!(ok(&vault, &["person", "list", "--all"]).contains("[archived]"));
    // An archived person cannot be given new boundaries.
    assert_eq!(
        fails(
            &vault,
            &["boundary", "add", "x", "--kind", "digital", "--person", &r]
        ),
        "nocontact: invalid person id"
    );
    ok(&vault, &["person", "unarchive", &r]);
    assert_eq!(
        fails(&vault, &["person", "archive", "abc"]),
        "nocontact: person ids need at least 4 characters"
    );
    assert_eq!(
        fails(&vault, &["person", "archive", "zzzz"]),
        "nocontact: no such person"
    );

    // Boundaries.
    let out = ok(
        &vault,
        &[
            "boundary",
            "add",
            "I",
            "don't",
            "reply",
            "--kind",
            "communication",
            "--person",
            &r[..6],
            "--set-on",
            "2024-01-10",
            "--review-on",
            "2030-01-01",
        ],
    );
    assert!(out
        .contains("active   communication  set 2024-01-10, review 2030-01-01  R.  I don't reply"));
    let b = id_of(&out, "added boundary");
    ok(
        &vault,
        &[
            "boundary",
            "add",
            "Email only",
            "--kind",
            "allowed-exception",
            "--person",
            &mum,
        ],
    );
    let out = ok(
        &vault,
        &[
            "boundary",
            "add",
            "No checking profiles",
            "--kind",
            "monitoring",
        ],
    );
    assert!(out.contains(&format!("set {}", chrono::Local::now().date_naive())));
    assert_eq!(ok(&vault, &["boundary", "list"]).lines().count(), 3);
    let for_r = ok(&vault, &["boundary", "list", "--person", &r]);
    assert_eq!(for_r.lines().count(), 1);
    assert!(for_r.contains("I don't reply"));
    assert_eq!(
        ok(&vault, &["boundary", "set-status", &b, "paused"]).trim(),
        format!("boundary {b} is now paused")
    );
    let paused = ok(&vault, &["boundary", "list", "--status", "paused"]);
    assert_eq!(paused.lines().count(), 1);
    assert!(paused.contains("paused   communication"));
    assert_eq!(
        ok(
            &vault,
            &["boundary", "list", "--status", "active", "--status", "retired"]
        )
        .lines()
        .count(),
        2
    );

    // Triggers, one on a date.
    let out = ok(
        &vault,
        &[
            "trigger",
            "add",
            "Our anniversary",
            "--category",
            "date-or-anniversary",
            "--date",
            "02-29",
            "--person",
            &r,
        ],
    );
    assert!(out.contains("date-or-anniversary  every 02-29  R.  Our anniversary"));
    ok(
        &vault,
        &[
            "trigger",
            "add",
            "Sunday evenings",
            "--category",
            "time-of-day",
        ],
    );
    assert_eq!(
        fails(
            &vault,
            &["trigger", "add", "x", "--category", "date-or-anniversary"]
        ),
        "nocontact: invalid date"
    );
    assert_eq!(
        fails(
            &vault,
            &[
                "trigger",
                "add",
                "x",
                "--category",
                "place",
                "--date",
                "01-01"
            ]
        ),
        "nocontact: invalid date"
    );
    assert_eq!(
        fails(
            &vault,
            &[
                "trigger",
                "add",
                "x",
                "--category",
                "date-or-anniversary",
                "--date",
                "04-31"
            ]
        ),
        "nocontact: invalid date"
    );
    let list = ok(&vault, &["trigger", "list"]);
    assert_eq!(list.lines().count(), 2);
    let sunday = id_of(&list, "Sunday");
    ok(&vault, &["trigger", "archive", &sunday]);
    assert_eq!(ok(&vault, &["trigger", "list"]).lines().count(), 1);
    assert!(ok(&vault, &["trigger", "list", "--all"]).contains("Sunday evenings  [archived]"));
}

#[test]
fn logging_and_the_event_list() {
    let (_dir, vault) = fresh();
    let out = ok(
        &vault,
        &[
            "person",
            "add",
            "R.",
            "--relationship",
            "ex-partner",
            "--since",
            "2024-01-10",
        ],
    );
    let r = id_of(&out, "added person");
    let out = ok(
        &vault,
        &[
            "boundary",
            "add",
            "No replies",
            "--kind",
            "communication",
            "--person",
            &r,
        ],
    );
    let b = id_of(&out, "added boundary");
    let out = ok(
        &vault,
        &["trigger", "add", "Late nights", "--category", "time-of-day"],
    );
    let t = id_of(&out, "added trigger");

    let out = ok(
        &vault,
        &[
            "log",
            "urge",
            "--intensity",
            "7",
            "--person",
            &r,
            "--trigger",
            &t,
            "--emotion",
            "lonely",
            "--emotion",
            "Wistful",
            "--helped",
            "walked",
            "--helped",
            "called Sam",
            "--at",
            "2024-03-01 22:15",
        ],
    );
    assert_eq!(out.lines().count(), 1);
    assert!(out.contains("2024-03-01 22:15"));
    assert!(out.contains(
        "urge     R.  intensity 7/10, resisted; felt lonely, Wistful; 1 trigger; helped: walked, called Sam"
    ));

    // An urge that reached out records the contact too.
    let out = ok(
        &vault,
        &[
            "log",
            "urge",
            "--intensity",
            "9",
            "--outcome",
            "reached-out",
            "--via",
            "text",
            "--person",
            &r[..4],
        ],
    );
    let logged: Vec<&str> = out.lines().filter(|l| l.starts_with("logged ")).collect();
    assert_eq!(logged.len(), 2, "{out}");
    assert!(logged[0].contains("urge     R.  intensity 9/10, reached out by text"));
    assert!(logged[1].contains("contact  R.  by text, I started it"));

    assert_eq!(
        fails(&vault, &["log", "urge", "--intensity", "11"]),
        "nocontact: invalid intensity"
    );
    assert_eq!(
        fails(&vault, &["log", "urge", "--intensity", "300"]),
        "nocontact: invalid intensity"
    );
    assert_eq!(
        fails(
            &vault,
            &[
                "log",
                "urge",
                "--intensity",
                "3",
                "--at",
                "2999-01-01 10:00"
            ]
        ),
        "nocontact: invalid at"
    );
    assert_eq!(
        fails(
            &vault,
            &["log", "urge", "--intensity", "3", "--person", "ffffffff"]
        ),
        "nocontact: no such person"
    );
    assert_eq!(
        fails(
            &vault,
            &[
                "log",
                "urge",
                "--intensity",
                "3",
                "--outcome",
                "reached-out"
            ]
        ),
        "nocontact: invalid reached out via"
    );
    assert_eq!(
        fails(
            &vault,
            &[
                "log",
                "attempt",
                "--person",
                "0000000000",
                "--channel",
                "call"
            ]
        ),
        "nocontact: no such person"
    );

    let out = ok(
        &vault,
        &[
            "log",
            "contact",
            "--person",
            &r,
            "--channel",
            "in-person",
            "--they-started",
            "--crossed",
            &b,
            "--note",
            "at the shop",
            "--at",
            "2024-03-02 10:00",
        ],
    );
    assert!(out.contains("contact  R.  in person, they started it; crossed 1 boundary"));
    let out = ok(
        &vault,
        &[
            "log",
            "attempt",
            "--person",
            &r,
            "--channel",
            "messaging-app",
            "--handle",
            "@r",
            "--said",
            "you'll regret this",
            "--verbatim",
            "--response",
            "reported",
            "--where",
            "online",
            "--witness",
            "Sam",
            "--witness",
            "Ana",
            "--unsafe",
            "3",
            "--at",
            "2024-03-03 23:59",
        ],
    );
    assert!(out.contains(
        "attempt  R.  by messaging-app, reported; felt unsafe 3/4; their words kept; 2 witnesses"
    ));
    assert_eq!(
        fails(
            &vault,
            &[
                "log",
                "attempt",
                "--person",
                &r,
                "--channel",
                "call",
                "--unsafe",
                "5"
            ]
        ),
        "nocontact: invalid felt unsafe"
    );
    let out = ok(
        &vault,
        &[
            "log",
            "checkin",
            "--mood",
            "4",
            "--energy",
            "2",
            "--tag",
            "slept well",
            "--at",
            "2024-03-04 08:00",
        ],
    );
    assert!(out.contains("checkin  mood 4/5, energy 2/5; slept well"));
    assert_eq!(
        fails(&vault, &["log", "checkin", "--mood", "0"]),
        "nocontact: invalid mood"
    );

    // Six events now, newest first: the reached-out pair (now), then March.
    let all = ok(&vault, &["events"]);
    let lines: Vec<&str> = all.lines().collect();
    assert_eq!(lines.len(), 7, "{all}");
    assert_eq!(lines[6], "page 1 of 1 (6 events)");
    assert!(lines[2].contains("2024-03-04 08:00") && lines[2].contains("checkin"));
    assert!(lines[5].contains("2024-03-01 22:15") && lines[5].contains("urge"));

    let urges = ok(&vault, &["events", "--kind", "urge"]);
    assert!(urges.ends_with("page 1 of 1 (2 events)\n"));
    let some = ok(
        &vault,
        &["events", "--kind", "attempt", "--kind", "checkin"],
    );
    assert!(some.contains("(2 events)"));
    assert_eq!(
        ok(&vault, &["events", "--person", &r]).lines().last(),
        Some("page 1 of 1 (5 events)")
    );
    // --from and --to are local days, both included.
    let march = ok(
        &vault,
        &["events", "--from", "2024-03-02", "--to", "2024-03-03"],
    );
    assert!(march.contains("in person") && march.contains("messaging-app"));
    assert!(march.ends_with("(2 events)\n"), "{march}");
    assert_eq!(
        ok(&vault, &["events", "--to", "2023-12-31"]).trim(),
        "no events"
    );

    // Pages.
    let page2 = ok(&vault, &["events", "--limit", "4", "--page", "2"]);
    assert_eq!(page2.lines().count(), 3);
    assert!(page2.ends_with("page 2 of 2 (6 events)\n"));
    assert!(page2.contains("2024-03-01 22:15"));
    let page1 = ok(&vault, &["events", "--limit", "4"]);
    assert!(page1.ends_with("page 1 of 2 (6 events; next: --page 2)\n"));
    assert!(ok(&vault, &["events", "--limit", "4", "--page", "3"]).contains("past the end"));
    assert_eq!(
        fails(&vault, &["events", "--limit", "501"]),
        "nocontact: invalid limit"
    );

    // A person with events cannot be deleted, only archived; archived, they
    // cannot be logged against.
    ok(&vault, &["person", "archive", &r]);
    assert_eq!(
        fails(
            &vault,
            &["log", "attempt", "--person", &r, "--channel", "call"]
        ),
        "nocontact: invalid person id"
    );
}

#[test]
fn reflections_prompts_and_reasons() {
    let (_dir, vault) = fresh();
    let out = ok(
        &vault,
        &[
            "person",
            "add",
            "R.",
            "--relationship",
            "ex-partner",
            "--since",
            "2024-01-10",
        ],
    );
    let r = id_of(&out, "added person");

    let out = ok(
        &vault,
        &[
            "reflect", "--title", "Sunday", "--tag", "calm", "--mood", "4", "--", "-quiet-", "day",
        ],
    );
    assert!(out.contains("journal entry  «Sunday»  mood 4/5  [calm]"));
    let prompt = ok(&vault, &["prompt"]);
    let prompt_text = prompt.lines().next().unwrap().to_owned();
    let out = ok(
        &vault,
        &["reflect", "--prompt", "Less", "than", "I", "feared."],
    );
    assert_eq!(
        out.lines().next().unwrap(),
        format!("Today's prompt: {prompt_text}")
    );
    assert!(out.contains("journal entry (prompt prompt."));
    let out = ok(
        &vault,
        &[
            "reflect",
            "--letter",
            &r[..4],
            "I",
            "hope",
            "you",
            "are",
            "well,",
            "far",
            "away.",
        ],
    );
    assert!(out.contains("unsent letter to R."));
    assert!(out.contains("never sent"));
    assert_eq!(
        fails(&vault, &["reflect", "--letter", "abcdef12", "hi"]),
        "nocontact: no such person"
    );
    assert_eq!(
        fails(&vault, &["reflect", "--mood", "9", "hi"]),
        "nocontact: invalid mood"
    );

    let all = ok(&vault, &["reflections"]);
    assert!(all.contains("    -quiet- day"));
    assert!(all.contains("    Less than I feared."));
    assert!(all.ends_with("page 1 of 1 (3 reflections)\n"));
    let letters = ok(&vault, &["reflections", "--letters", "--person", &r]);
    assert!(letters.contains("far away.") && !letters.contains("quiet"));
    let journal = ok(
        &vault,
        &["reflections", "--journal", "--limit", "1", "--page", "2"],
    );
    assert!(journal.ends_with("page 2 of 2 (2 reflections)\n"));

    // Reasons: my own, then suggestions by id.
    let out = ok(&vault, &["reasons"]);
    assert!(out.starts_with("My reasons: none yet"));
    assert!(out.contains("  reason.self_preservation.01  "));
    ok(
        &vault,
        &[
            "reasons",
            "add",
            "I",
            "sleep",
            "again",
            "--theme",
            "self-preservation",
        ],
    );
    let out = ok(
        &vault,
        &["reasons", "accept", "reason.setting_boundaries.01"],
    );
    assert!(out.starts_with("added reason "));
    ok(
        &vault,
        &[
            "reasons",
            "accept",
            "creating_space.01",
            "--as",
            "Space to breathe, in my words",
        ],
    );
    assert_eq!(
        fails(
            &vault,
            &["reasons", "accept", "reason.setting_boundaries.01"]
        ),
        "nocontact: that suggestion is already one of your reasons"
    );
    assert_eq!(
        fails(&vault, &["reasons", "accept", "reason.nope.99"]),
        "nocontact: invalid suggestion id"
    );
    let out = ok(&vault, &["reasons"]);
    assert!(out.contains("   1. I sleep again\n"));
    assert!(out.contains("   3. Space to breathe, in my words\n"));
    assert!(!out.contains("reason.setting_boundaries.01"));
    assert!(!out.contains("reason.creating_space.01"));
    assert!(out.contains("reason.setting_boundaries.02"));
}

#[test]
fn plan_edit_and_show() {
    let (dir, vault) = fresh();
    assert!(ok(&vault, &["plan", "show"]).contains("not written yet"));

    // An "editor" that appends items under some headings.
    let script = dir.path().join("editor.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\n\
         sed -i -e 's/^## Warning signs \\[warning_signs\\]$/&\\n- I reread old messages\\n- שלום 🌱 at night/' \
         -e 's/^## Code word \\[code_word\\]$/&\\nblue heron/' \
         -e 's/^## Go-bag checklist \\[go_bag\\]$/&\\n- [x] spare keys\\n- [ ] charger/' \
         -e 's/^## People I can ask for help \\[people_to_ask\\]$/&\\n- Sam | 555 0101\\n  evenings/' \"$1\"\n",
    )
    .unwrap();
    make_executable(&script);
    let out = run_env(&vault, &["plan", "edit"], PASS, &[("EDITOR", &script)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), "safety plan saved (version 1)");

    let shown = ok(&vault, &["plan", "show"]);
    assert!(shown.starts_with("Safety plan, version 1"));
    for title in [
        "Warning signs",
        "My coping strategies",
        "People I can ask for help",
        "Code word",
        "Go-bag checklist",
        "Important documents",
    ] {
        assert!(shown.contains(&format!("\n{title}\n")), "{title}");
    }
    assert!(shown.contains("Warning signs\n  - I reread old messages\n  - שלום 🌱 at night\n"));
    assert!(shown.contains("  - Sam | 555 0101\n    evenings\n"));
    assert!(shown.contains("Code word\n  blue heron\n"));
    assert!(shown.contains("  - [x] spare keys\n  - [ ] charger\n"));
    assert!(shown.contains("My coping strategies\n  (empty)\n"));

    // An editor that adds an unknown section: nothing saved, no text echoed.
    let bad = dir.path().join("bad.sh");
    std::fs::write(
        &bad,
        "#!/bin/sh\nprintf '## Secret plans [hidden]\\n- the secret\\n' >> \"$1\"\n",
    )
    .unwrap();
    make_executable(&bad);
    let out = run_env(&vault, &["plan", "edit"], PASS, &[("EDITOR", &bad)]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.starts_with("nocontact: line "), "{err}");
    assert!(err.contains("unknown section; your edits were not saved"));
    assert!(!err.contains("secret") && !err.contains("Secret") && !err.contains("/tmp"));

    // Too long an item: refused by the core, by field name.
    let long = dir.path().join("long.sh");
    let item = "x".repeat(600);
    std::fs::write(
        &long,
        format!("#!/bin/sh\nsed -i 's/^## Safe places \\[safe_places\\]$/&\\n- {item}/' \"$1\"\n"),
    )
    .unwrap();
    make_executable(&long);
    let out = run_env(&vault, &["plan", "edit"], PASS, &[("EDITOR", &long)]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr).trim(),
        "nocontact: invalid safe places; your edits were not saved"
    );

    // An editor that fails, and one that changes nothing.
    let out = run_env(
        &vault,
        &["plan", "edit"],
        PASS,
        &[("EDITOR", Path::new("false"))],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("the plan was not changed"));
    let out = run_env(
        &vault,
        &["plan", "edit"],
        PASS,
        &[("EDITOR", Path::new("true"))],
    );
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("no changes"));
    assert!(ok(&vault, &["plan", "show"]).starts_with("Safety plan, version 1"));
}

#[cfg(unix)]
fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700)).unwrap();
}

#[cfg(not(unix))]
fn make_executable(_: &Path) {}

#[test]
fn demo_runs() {
    let out = Command::new(env!("CARGO_BIN_EXE_nocontact"))
        .arg("demo")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("journal texts found in clear: 0"));
    assert!(stdout.contains("damaged records detected: 1"));
    assert!(stdout.contains("unlock with 0000: refused (wrong passcode)"));
    assert!(stdout.contains("their attempts, week by week: 2 → 4 → 8"));
    assert!(stdout.contains("reached out by email"));
    assert!(stdout.contains("crossed 1 boundary  (amended, version 2)"));
    assert!(stdout.contains("delete R.: refused (still in use; archive it instead)"));
    assert!(stdout.contains("deleted; reading it again: refused (not found)"));
    assert!(stdout.contains("every "));
    assert!(stdout.contains("== Progress: the home screen"));
    assert!(stdout.contains("No contact: "));
    assert!(stdout.contains("Urges: 9, 78% resisted"));
    assert_eq!(grid_rows(&stdout).len(), 7);
    assert!(stdout.contains("attempts in the last 14 days; the most in any earlier 14 days was"));
    assert!(stdout.contains("  listing from the widget: refused (the vault is locked)"));
    assert!(stdout.contains("logged while locked: 2"));
    assert!(stdout.contains("with the duress passcode: 0 people, 0 events"));
    assert!(stdout.contains("the access log shows: opened with the duress passcode"));
    assert!(stdout.contains("the file exists: false; unlocking: refused (This vault was erased.)"));
}

/// The grid's rows: the weekday, then the 24 cells between the bars.
fn grid_rows(out: &str) -> Vec<(String, Vec<char>)> {
    out.lines()
        .filter_map(|l| {
            let (day, rest) = l.trim_start().split_once(" │")?;
            let cells = rest.strip_suffix('│')?;
            Some((day.to_owned(), cells.chars().collect()))
        })
        .collect()
}

#[test]
fn status_and_insights() {
    let (_dir, vault) = fresh();
    let today = chrono::Utc::now().date_naive();
    let day = |ago: u64| (today - chrono::Days::new(ago)).to_string();
    let at = |ago: u64, hhmm: &str| format!("{} {hhmm}", day(ago));

    let empty = ok_utc(&vault, &["status"]);
    assert!(empty.contains(&format!("Today is {today}.")), "{empty}");
    assert!(empty.contains("No streak yet"));
    assert!(empty.contains("Today's prompt: "));
    assert!(empty.contains("No check-ins yet"));

    let out = ok_utc(
        &vault,
        &[
            "person",
            "add",
            "R.",
            "--relationship",
            "ex-partner",
            "--since",
            &day(40),
        ],
    );
    let r = id_of(&out, "R.");
    ok_utc(
        &vault,
        &[
            "log",
            "contact",
            "--person",
            &r,
            "--channel",
            "text",
            "--at",
            &at(3, "12:00"),
        ],
    );
    ok_utc(
        &vault,
        &[
            "log",
            "urge",
            "--intensity",
            "6",
            "--person",
            &r,
            "--emotion",
            "lonely",
            "--helped",
            "Called Sam",
            "--at",
            &at(1, "22:30"),
        ],
    );
    ok_utc(
        &vault,
        &[
            "log",
            "urge",
            "--intensity",
            "8",
            "--outcome",
            "delayed",
            "--at",
            &at(2, "22:10"),
        ],
    );
    ok_utc(
        &vault,
        &[
            "log",
            "attempt",
            "--person",
            &r,
            "--channel",
            "call",
            "--at",
            &at(1, "21:00"),
        ],
    );
    ok_utc(
        &vault,
        &[
            "log",
            "checkin",
            "--mood",
            "3",
            "--energy",
            "2",
            "--at",
            &at(1, "09:00"),
        ],
    );

    // Three days since the slip, 37 before it.
    let status = ok_utc(&vault, &["status", "--zone", "UTC"]);
    let slip = format!("3 days now; 37 days before the slip on {}", day(3));
    assert!(status.contains(&format!("No contact: {slip}")), "{status}");
    assert!(status.contains(&format!("R.  {slip} (1 breach)")));
    assert!(status.contains("longest 37 days; 39 days kept of 40; 1 breach"));
    assert!(status.contains("Next milestone: 7 days, in 4 days"));
    assert!(status.contains(&format!(
        "Last check-in: mood 3/5, energy 2/5, {} 09:00 +00:00 (yesterday)",
        day(1)
    )));

    let summary = json(&ok_utc(&vault, &["status", "--json"]));
    let overall = &summary["streaks"]["overall"];
    assert_eq!(overall["current_days"], 3);
    assert_eq!(overall["previous_days"], 37);
    assert_eq!(overall["breaches"], 1);
    assert_eq!(summary["streaks"]["people"][0]["alias"], "R.");
    assert_eq!(summary["next_milestone"]["days"], 7);
    assert_eq!(summary["next_milestone"]["days_left"], 4);
    assert!(summary.get("last_check_in").is_none());

    let insights = ok_utc(&vault, &["insights"]);
    assert!(insights.starts_with("8 weeks, "), "{insights}");
    assert!(insights.contains("Urges: 2, 50% resisted, mean intensity 7.0/10"));
    assert!(insights.contains("top feelings: lonely (1)"));
    assert!(insights.contains("helped when resisted: Called Sam (1)"));
    assert!(insights.contains("Their attempts to reach me: 1, "));
    assert!(insights.contains("by channel: call 1"));
    assert!(
        insights.contains("1 attempt in the last 14 days; the most in any earlier 14 days was 0.")
    );
    assert!(insights.contains("mood 3.0, energy 2.0  (1 check-in)"));
    let rows = grid_rows(&insights);
    let days: Vec<&str> = rows.iter().map(|(d, _)| d.as_str()).collect();
    assert_eq!(days, ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    assert!(rows.iter().all(|(_, cells)| cells.len() == 24));
    let weekday = |ago: u64| {
        use chrono::Datelike;
        (today - chrono::Days::new(ago))
            .weekday()
            .num_days_from_monday() as usize
    };
    assert_eq!(rows[weekday(1)].1[22], '█');
    assert_eq!(rows[weekday(2)].1[22], '█');
    let shaded: usize = rows
        .iter()
        .map(|(_, c)| c.iter().filter(|c| **c != ' ').count())
        .sum();
    assert_eq!(shaded, 2);

    let numbers = json(&ok_utc(&vault, &["insights", "--json", "--weeks", "2"]));
    assert_eq!(numbers["urges"]["total"], 2);
    assert_eq!(numbers["urges"]["resisted_percent"], 50);
    assert_eq!(numbers["urges"]["mean_intensity"], 7.0);
    assert_eq!(numbers["urges"]["weeks"].as_array().unwrap().len(), 2);
    let grid = numbers["urges"]["weekday_hour"].as_array().unwrap();
    assert_eq!(grid.len(), 7);
    assert!(grid.iter().all(|row| row.as_array().unwrap().len() == 24));
    assert_eq!(grid[weekday(1)][22], 1);
    assert_eq!(numbers["attempts"]["total"], 1);
    assert_eq!(numbers["attempts"]["by_channel"][0]["channel"], "call");
    assert_eq!(numbers["mood"]["weeks"][0]["mood"], 3.0);
}

#[test]
fn reminders_and_zones() {
    let (_dir, vault) = fresh();
    let list = ok_utc(&vault, &["reminders", "--count", "3"]);
    assert_eq!(list.lines().count(), 3, "{list}");
    assert!(list
        .lines()
        .all(|l| l.contains("20:00  daily-check-in   Daily note — ")));

    let set = ok_utc(
        &vault,
        &[
            "reminders",
            "set",
            "--discretion",
            "plain",
            "--daily",
            "08:30",
        ],
    );
    assert!(set.starts_with("reminder settings saved"));
    assert!(set.contains("discretion       plain"));
    assert!(set.contains("daily check-in   08:30"));
    assert!(set.contains("heads-up         3 days before"), "unchanged");

    let list = ok_utc(
        &vault,
        &["reminders", "--zone", "Asia/Tokyo", "--count", "2"],
    );
    assert_eq!(list.lines().count(), 2, "{list}");
    assert!(list
        .lines()
        .all(|l| l.contains("08:30  daily-check-in   Daily check-in — How are you")));

    assert_eq!(
        fails(&vault, &["status", "--zone", "Mars/Olympus"]),
        "nocontact: invalid zone"
    );
    assert_eq!(
        fails(&vault, &["reminders", "set", "--daily", "25:00"]),
        "nocontact: invalid daily check in"
    );
}

#[test]
fn chain_and_checkpoints() {
    let (_dir, vault) = fresh();
    ok(&vault, &["log", "checkin", "--mood", "4"]);
    ok(&vault, &["log", "checkin", "--mood", "2"]);
    let report = ok(&vault, &["chain"]);
    assert!(report.contains("2 records in the chain"), "{report}");
    assert!(report.contains("intact"), "{report}");
    let verified = ok(&vault, &["chain", "--verify"]);
    assert_eq!(verified, report);
    let made = ok(&vault, &["checkpoint"]);
    let code = made
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("checkpoint "))
        .unwrap()
        .to_owned();
    assert_eq!(code.len(), 36, "{made}");
    assert!(report.contains(&format!("code {code}")), "{report}");
    assert!(made.contains("2 records in the log"), "{made}");
    let list = ok(&vault, &["checkpoint", "list"]);
    assert!(list.starts_with(&code), "{list}");
    let usage = run(&vault, &["checkpoint", "now"], PASS);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn backup_and_restore() {
    let (dir, vault) = fresh();
    ok(
        &vault,
        &[
            "log",
            "checkin",
            "--mood",
            "4",
            "--note",
            "before the backup",
        ],
    );
    let file = dir.path().join("backup.bin");
    let file_arg = file.to_str().unwrap();
    let phrase = "a long backup phrase\n";
    let out = run(&vault, &["backup", file_arg], &format!("{PASS}{phrase}"));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("backup written: "));
    let events = ok(&vault, &["events"]);

    // On a new phone: a new vault from the backup, with its own passcode.
    let moved = dir.path().join("moved.db");
    let out = run(
        &moved,
        &["restore", file_arg, "--new"],
        &format!("{phrase}2468\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Recovery code of the new vault"));
    let restored = run(&moved, &["events"], "2468\n");
    assert_eq!(text(&restored.stdout), events);

    // Newer entries are not dropped unless asked.
    ok(&vault, &["log", "checkin", "--mood", "2"]);
    let out = run(&vault, &["restore", file_arg], &format!("{PASS}{phrase}"));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--replace-newer"),
        "{}",
        text(&out.stderr)
    );
    let out = run(
        &vault,
        &["restore", file_arg, "--replace-newer"],
        &format!("{PASS}{phrase}"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(ok(&vault, &["events"]), events);

    // A wrong phrase, and a backup file that exists already.
    let out = run(
        &vault,
        &["restore", file_arg],
        &format!("{PASS}wrong phrase\n"),
    );
    assert_eq!(
        text(&out.stderr).trim(),
        "nocontact: wrong backup passphrase"
    );
    let out = run(&vault, &["backup", file_arg], &format!("{PASS}{phrase}"));
    assert!(text(&out.stderr).contains("exists already"));
    let usage = run(
        &vault,
        &["restore", file_arg, "--new", "--replace-newer"],
        PASS,
    );
    assert_eq!(usage.status.code(), Some(2));
}

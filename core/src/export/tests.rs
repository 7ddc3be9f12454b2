//! Tests of the evidence export: build from hand-made ledger records,
//! write, verify, tamper; the report's escaping; the CSV through a vault.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use serde_json::{json, Value};

use super::dir::{manifest_text, write_evidence_dir, EVIDENCE_FILE, MANIFEST_FILE, REPORT_FILE};
use super::html::render_report;
use super::schema::{Evidence, Item, Period, PersonLabel, Selection};
use super::verify::{
    verify_evidence, verify_evidence_files, EvidenceFile, EvidenceProblemKind as K,
    EvidenceVerdict, EVIDENCE_FILE_MAX_BYTES,
};
use crate::chain::{self, checkpoint};
use crate::domain::channel::Channel;
use crate::domain::entries::{EntryBody, LedgerOp, LedgerRecord};
use crate::domain::events::{
    Attachment, AttemptResponse, CheckIn, Emotion, EventBody, TheirAttempt, Urge, UrgeOutcome,
};
use crate::domain::reflections::{ReflectionBody, ReflectionKind};
use crate::{time, VaultError};

const BASE: i64 = 1_773_500_000_000; // 2026-03-14
const PERSON: &str = "0123456789abcdef0123456789abcdef";
const TRIGGER: &str = "fedcba9876543210fedcba9876543210";

fn entry_id(n: u64) -> String {
    format!("{n:032x}")
}

fn attempt(said: &str, channel: Channel) -> EntryBody {
    EntryBody::Event {
        body: EventBody::TheirAttempt {
            attempt: TheirAttempt {
                person_id: PERSON.into(),
                channel,
                handle: "+1 555 0100".into(),
                said: said.into(),
                said_verbatim: true,
                response: AttemptResponse::Ignored,
                location: "home".into(),
                witnesses: vec!["my sister".into()],
                felt_unsafe: 3,
                attachments: vec![Attachment {
                    app_id: "shot-1".into(),
                    sha256: "ab".repeat(32),
                }],
                note: "third time today".into(),
            },
        },
        locked: false,
    }
}

fn check_in(mood: u8) -> EntryBody {
    EntryBody::Event {
        body: EventBody::CheckIn {
            check_in: CheckIn {
                mood,
                energy: Some(2),
                note: String::new(),
                tags: vec!["tired".into()],
            },
        },
        locked: false,
    }
}

fn urge() -> EntryBody {
    EntryBody::Event {
        body: EventBody::Urge {
            urge: Urge {
                intensity: 7,
                person_id: Some(PERSON.into()),
                trigger_ids: vec![TRIGGER.into()],
                emotions: vec![Emotion::Lonely],
                other_emotions: vec!["restless".into()],
                coping: vec!["walked".into()],
                outcome: UrgeOutcome::Resisted,
                reached_out_via: None,
                note: String::new(),
            },
        },
        locked: false,
    }
}

fn journal(text: &str) -> EntryBody {
    EntryBody::Reflection {
        body: ReflectionBody {
            kind: ReflectionKind::Journal { prompt_id: None },
            title: "Sunday".into(),
            text: text.into(),
            tags: Vec::new(),
            mood: Some(3),
        },
    }
}

fn record(seq: u64, entry: u64, op: LedgerOp) -> LedgerRecord {
    LedgerRecord {
        seq,
        entry_id: entry_id(entry),
        recorded_at: time::from_millis(BASE + seq as i64 * 3_600_000),
        op,
        prev: None,
        digest: None,
    }
}

fn create(hours: i64, offset: i32, content: EntryBody) -> LedgerOp {
    LedgerOp::Create {
        at: time::from_millis(BASE + hours * 3_600_000),
        utc_offset_seconds: offset,
        content,
    }
}

/// A ledger as the vault would hold it: attempts, an amendment, a deleted
/// entry (its create overwritten by `Removed`, keeping its digest) and its
/// redaction, a journal entry.
fn ledger() -> Vec<LedgerRecord> {
    let deleted = record(5, 5, create(5, 3600, check_in(1)));
    let deleted_digest = chain::record_digest(&deleted).unwrap();
    vec![
        record(
            0,
            0,
            create(0, 3600, attempt("you can't ignore me", Channel::Text)),
        ),
        record(1, 1, create(1, 3600, check_in(2))),
        record(
            2,
            2,
            create(
                30,
                3600,
                attempt("<script>alert('x')</script> & \"q\"", Channel::Call),
            ),
        ),
        record(
            3,
            0,
            LedgerOp::Amend {
                revision: 1,
                at: time::from_millis(BASE),
                utc_offset_seconds: -5 * 3600,
                content: attempt("you can't ignore me forever", Channel::Text),
            },
        ),
        record(4, 4, create(4, 3600, urge())),
        LedgerRecord {
            op: LedgerOp::Removed,
            digest: deleted_digest,
            ..deleted
        },
        record(6, 5, LedgerOp::Redact),
        record(7, 7, create(200, 3600, journal("שלום 🌱\nsecond line"))),
    ]
}

/// Which of `ledger()` are shared in full.
const INCLUDED: [u64; 5] = [0, 2, 3, 6, 7];

fn evidence_of(records: &[LedgerRecord]) -> Evidence {
    let mut ev = Evidence::new(
        BASE + 400 * 3_600_000,
        "Europe/Berlin",
        Period {
            from: Some(BASE - 86_400_000),
            until: None,
        },
        Selection {
            person_id: Some(PERSON.into()),
            kinds: vec!["their_attempt".into(), "urge".into(), "reflection".into()],
        },
    )
    .unwrap();
    for r in records {
        ev.push_record(r, INCLUDED.contains(&r.seq)).unwrap();
    }
    ev.people.insert(
        PERSON.into(),
        PersonLabel {
            alias: "R.".into(),
            relationship: "ex_partner".into(),
        },
    );
    ev.labels.insert(TRIGGER.into(), "our song".into());
    ev
}

pub(super) fn evidence() -> Evidence {
    let mut ev = evidence_of(&ledger());
    ev.add_checkpoint(4, BASE + 10 * 3_600_000).unwrap();
    ev.add_checkpoint(8, BASE + 300 * 3_600_000).unwrap();
    ev
}

/// The three files of an export of `ev`, as written to a folder.
fn files_of(ev: &Evidence) -> Vec<EvidenceFile> {
    let json = ev.to_json().unwrap();
    let html = render_report(ev).into_bytes();
    let manifest = manifest_text(&[(EVIDENCE_FILE, &json), (REPORT_FILE, &html)]).into_bytes();
    vec![
        file(EVIDENCE_FILE, json),
        file(REPORT_FILE, html),
        file(MANIFEST_FILE, manifest),
    ]
}

fn file(name: &str, contents: Vec<u8>) -> EvidenceFile {
    EvidenceFile {
        name: name.into(),
        contents,
    }
}

fn get<'a>(files: &'a mut [EvidenceFile], name: &str) -> &'a mut Vec<u8> {
    &mut files.iter_mut().find(|f| f.name == name).unwrap().contents
}

/// Rewrites the manifest to match the files as they are now.
fn regenerate_manifest(files: &mut [EvidenceFile]) {
    let json = get(files, EVIDENCE_FILE).clone();
    let html = get(files, REPORT_FILE).clone();
    *get(files, MANIFEST_FILE) =
        manifest_text(&[(EVIDENCE_FILE, &json), (REPORT_FILE, &html)]).into_bytes();
}

/// Replaces the first `from` in a file's bytes.
fn replace_in(files: &mut [EvidenceFile], name: &str, from: &str, to: &str) {
    let bytes = get(files, name);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains(from), "{from:?} not in {name}");
    *bytes = text.replacen(from, to, 1).into_bytes();
}

fn kinds(v: &EvidenceVerdict) -> Vec<(K, Option<String>, Option<u64>)> {
    v.problems
        .iter()
        .map(|p| (p.kind, p.file.clone(), p.seq))
        .collect()
}

fn has(v: &EvidenceVerdict, kind: K, file: Option<&str>, seq: Option<u64>) -> bool {
    v.problems
        .iter()
        .any(|p| p.kind == kind && p.file.as_deref() == file && p.seq == seq)
}

fn write_export(ev: &Evidence) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export");
    write_evidence_dir(ev, &path).unwrap();
    (dir, path)
}

fn verify_dir(path: &Path, code: Option<&str>) -> EvidenceVerdict {
    verify_evidence(path.to_string_lossy().into_owned(), code.map(str::to_owned)).unwrap()
}

// ------------------------------------------------------------- round trip

#[test]
fn build_write_verify_is_valid() {
    let ev = evidence();
    assert_eq!(ev.chain.count, 8);
    let (_dir, path) = write_export(&ev);
    let mut names: Vec<String> = std::fs::read_dir(&path)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [EVIDENCE_FILE, MANIFEST_FILE, REPORT_FILE]);
    // Nothing left next to it.
    assert_eq!(
        std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
        1
    );

    let v = verify_dir(&path, None);
    assert!(v.valid, "{:?}", kinds(&v));
    assert_eq!((v.records, v.included, v.omitted), (8, 5, 3));
    assert_eq!(v.head.as_deref(), Some(ev.chain.head.as_str()));
    assert_eq!(v.checkpoint_count, None);
    assert!(v
        .summary
        .starts_with("Valid: 8 records, 5 shown in full and 3 left out."));

    // The manifest is in sha256sum's form.
    let manifest = std::fs::read_to_string(path.join(MANIFEST_FILE)).unwrap();
    let lines: Vec<&str> = manifest.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].ends_with("  evidence.json") && lines[1].ends_with("  report.html"));
    let json = std::fs::read(path.join(EVIDENCE_FILE)).unwrap();
    assert_eq!(&lines[0][..64], chain::to_hex(&chain::sha256(&json)));

    // The JSON reads back to the same document.
    assert_eq!(Evidence::from_json(&json).unwrap(), ev);

    // The head is the one the vault's chain would have.
    let mut head = chain::GENESIS;
    for r in ledger() {
        head = chain::link(&head, &chain::record_digest(&r).unwrap().unwrap());
    }
    assert_eq!(ev.chain.head, chain::to_hex(&head));
}

#[test]
fn the_document_has_the_documented_shape() {
    let ev = evidence();
    let value: Value = serde_json::from_slice(&ev.to_json().unwrap()).unwrap();
    let keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "chain",
            "checkpoints",
            "format",
            "labels",
            "made_at",
            "people",
            "period",
            "records",
            "report_layout",
            "selection",
            "version",
            "zone"
        ]
    );
    assert_eq!(value["format"], "nocontact-evidence");
    assert_eq!(value["version"], 1);
    let records = value["records"].as_array().unwrap();
    assert_eq!(records[0]["record"]["op"], "create");
    assert_eq!(
        records[0]["record"]["content"]["event"]["body"]["their_attempt"]["attempt"]["said"],
        "you can't ignore me"
    );
    assert!(records[1].get("record").is_none());
    assert_eq!(records[1]["digest"].as_str().unwrap().len(), 64);
    assert_eq!(
        records[6]["record"],
        json!({"v": 1, "seq": 6, "entry": entry_id(5), "recorded_at": BASE + 6 * 3_600_000, "op": "redact"})
    );
    // An item with both or neither is refused.
    let both = json!({"seq": 0, "link": "00", "record": {}, "digest": "00"});
    assert!(serde_json::from_value::<Item>(both).is_err());
    assert!(serde_json::from_value::<Item>(json!({"seq": 0, "link": "00"})).is_err());
    // Unknown members are refused.
    let mut extra = value.clone();
    extra["extra"] = json!(1);
    assert!(Evidence::from_json(extra.to_string().as_bytes()).is_err());
}

#[test]
fn builder_refuses_what_it_cannot_chain() {
    assert_eq!(
        Evidence::new(0, "Mars/Olympus", Period::default(), Selection::default()).err(),
        Some(VaultError::invalid("zone"))
    );
    let mut e = Evidence::new(0, "UTC", Period::default(), Selection::default()).unwrap();
    assert_eq!(
        e.include(json!({"seq": 1})),
        Err(VaultError::invalid("record"))
    );
    assert_eq!(
        e.include(json!({"seq": 0, "x": 1.5})),
        Err(VaultError::invalid("record"))
    );
    assert_eq!(e.add_checkpoint(1, 0), Err(VaultError::invalid("count")));
    let ledger = ledger();
    assert_eq!(
        e.push_record(&ledger[1], true),
        Err(VaultError::invalid("record"))
    );
    e.push_record(&ledger[0], true).unwrap();
    // A removed record can only be omitted.
    let mut e2 = evidence_of(&ledger[..5]);
    assert_eq!(e2.push_record(&ledger[5], true), Err(VaultError::NotFound));
    e2.push_record(&ledger[5], false).unwrap();
    // An empty export is valid too.
    let empty = Evidence::new(0, "UTC", Period::default(), Selection::default()).unwrap();
    let v = verify_evidence_files(files_of(&empty), Some(empty.checkpoint_code().unwrap()));
    assert!(v.valid, "{:?}", kinds(&v));
    assert_eq!(v.checkpoint_count, Some(0));
}

// ------------------------------------------------------------ checkpoints

#[test]
fn a_code_from_an_earlier_shorter_chain_matches_a_later_export() {
    let ledger = ledger();
    let earlier = evidence_of(&ledger[..4]).checkpoint_code().unwrap();
    let (_dir, path) = write_export(&evidence());
    let typed = earlier.to_lowercase().replace('-', " ");
    let v = verify_dir(&path, Some(&typed));
    assert!(v.valid, "{:?}", kinds(&v));
    assert_eq!(v.checkpoint_count, Some(4));
    assert!(v.summary.contains("matches the chain at 4 records"));
    // The whole chain's code matches at its end.
    let v = verify_dir(&path, Some(&evidence().checkpoint_code().unwrap()));
    assert_eq!(v.checkpoint_count, Some(8));
}

#[test]
fn short_codes_from_earlier_versions_still_match_and_are_reported_short() {
    let ev = evidence();
    let head = chain::from_hex(&ev.chain.head).unwrap();
    let short = checkpoint::short_code(ev.chain.count, &head);
    assert_eq!(short.len(), 21);
    let (_dir, path) = write_export(&ev);
    let v = verify_dir(&path, Some(&short.to_lowercase()));
    assert!(v.valid, "{:?}", kinds(&v));
    assert_eq!(v.checkpoint_count, Some(ev.chain.count));
    assert!(v.checkpoint_code_short);
    assert!(
        v.summary.contains("short (80-bit) checkpoint code"),
        "{}",
        v.summary
    );
    // A full code is not reported short, and commits to 140 bits.
    let full = ev.checkpoint_code().unwrap();
    assert_eq!(full.replace('-', "").len(), 29);
    let v = verify_dir(&path, Some(&full));
    assert!(v.valid && !v.checkpoint_code_short);
    // An export from an earlier version lists short codes: still valid.
    let mut old = evidence();
    for c in &mut old.checkpoints {
        let at = chain::from_hex(&c.head).unwrap();
        c.code = checkpoint::short_code(c.count, &at);
    }
    assert!(verify_evidence_files(files_of(&old), None).valid);
    // A short code for another head is still a mismatch.
    old.checkpoints[0].code = checkpoint::short_code(old.checkpoints[0].count, &[7; 32]);
    let v = verify_evidence_files(files_of(&old), None);
    assert!(v.problems.iter().any(|p| p.kind == K::CheckpointMismatch));
}

#[test]
fn a_member_named_twice_is_refused_wherever_it_is() {
    // Before the original, so a reader that keeps the last value would see
    // the document as written and call it valid.
    for (from, to) in [
        ("\"record\": {", "\"record\": {\n        \"v\": 9,"),
        ("\"format\":", "\"zone\": \"Asia/Tokyo\",\n  \"format\":"),
    ] {
        let mut files = files_of(&evidence());
        replace_in(&mut files, EVIDENCE_FILE, from, to);
        regenerate_manifest(&mut files);
        let v = verify_evidence_files(files, None);
        assert_eq!(
            kinds(&v),
            [(K::EvidenceMalformed, Some(EVIDENCE_FILE.into()), None)],
            "{to}"
        );
    }
    // An array where the document should be an object is not one either.
    let mut files = files_of(&evidence());
    *get(&mut files, EVIDENCE_FILE) = br#"["nocontact-evidence", 1]"#.to_vec();
    regenerate_manifest(&mut files);
    let v = verify_evidence_files(files, None);
    assert!(has(&v, K::EvidenceMalformed, Some(EVIDENCE_FILE), None));
}

#[test]
fn a_wrong_or_malformed_code_is_reported() {
    let (_dir, path) = write_export(&evidence());
    let other = checkpoint::code(4, &[7; 32]);
    let v = verify_dir(&path, Some(&other));
    assert!(!v.valid);
    assert_eq!(kinds(&v), [(K::CheckpointCodeNotFound, None, None)]);
    assert_eq!(v.checkpoint_count, None);
    for bad in ["", "ABCD", "not a code at all", "ÄÄÄÄ-ÄÄÄÄ-ÄÄÄÄ-ÄÄÄÄ-Ä"] {
        let v = verify_dir(&path, Some(bad));
        assert_eq!(
            kinds(&v),
            [(K::CheckpointCodeMalformed, None, None)],
            "{bad}"
        );
    }
    // One mistyped character is caught by the check character.
    let good = evidence().checkpoint_code().unwrap();
    let first = good.chars().next().unwrap();
    let typo = good.replacen(first, if first == 'A' { "B" } else { "A" }, 1);
    let v = verify_dir(&path, Some(&typo));
    assert_eq!(kinds(&v), [(K::CheckpointCodeMalformed, None, None)]);
}

#[test]
fn a_listed_checkpoint_that_does_not_match_is_reported() {
    let mut ev = evidence();
    ev.checkpoints[0].head = "11".repeat(32);
    let v = verify_evidence_files(files_of(&ev), None);
    assert_eq!(
        kinds(&v),
        [(K::CheckpointMismatch, Some(EVIDENCE_FILE.into()), Some(3))]
    );
    let mut ev = evidence();
    ev.checkpoints[1].count = 99;
    let v = verify_evidence_files(files_of(&ev), None);
    assert!(has(
        &v,
        K::CheckpointMismatch,
        Some(EVIDENCE_FILE),
        Some(98)
    ));
}

// -------------------------------------------------------------- tampering

#[test]
fn one_changed_character_in_the_report_fails() {
    let mut files = files_of(&evidence());
    replace_in(
        &mut files,
        REPORT_FILE,
        "ignore me forever",
        "ignore me Forever",
    );
    let v = verify_evidence_files(files.clone(), None);
    assert!(!v.valid);
    assert_eq!(
        kinds(&v),
        [
            (K::DigestMismatch, Some(REPORT_FILE.into()), None),
            (K::ReportMismatch, Some(REPORT_FILE.into()), None)
        ]
    );
    assert!(v
        .summary
        .starts_with("Not valid: 2 problems. First: report.html: "));
    // Even with the manifest made to match, the report is not the evidence's.
    regenerate_manifest(&mut files);
    let v = verify_evidence_files(files, None);
    assert_eq!(
        kinds(&v),
        [(K::ReportMismatch, Some(REPORT_FILE.into()), None)]
    );
}

#[test]
fn one_changed_character_in_the_evidence_fails_at_its_record() {
    let mut files = files_of(&evidence());
    replace_in(&mut files, EVIDENCE_FILE, "alert('x')", "alert('y')");
    let v = verify_evidence_files(files.clone(), None);
    assert!(!v.valid);
    assert!(has(&v, K::DigestMismatch, Some(EVIDENCE_FILE), None));
    assert!(has(&v, K::LinkMismatch, Some(EVIDENCE_FILE), Some(2)));
    assert!(has(&v, K::ReportMismatch, Some(REPORT_FILE), None));
    let links: Vec<u64> = v
        .problems
        .iter()
        .filter(|p| p.kind == K::LinkMismatch)
        .filter_map(|p| p.seq)
        .collect();
    assert_eq!(links, [2]);
    // No problem quotes the content.
    for p in &v.problems {
        assert!(!p.message.contains("alert"));
    }
    assert!(!v.summary.contains("alert"));
}

#[test]
fn a_changed_omitted_digest_is_located_by_the_chain_alone() {
    let mut files = files_of(&evidence());
    let ev = evidence();
    let Item::Omitted { digest, .. } = &ev.records[4] else {
        panic!("record 4 is omitted")
    };
    let mut changed = digest.clone();
    let flipped = if changed.starts_with('0') { "1" } else { "0" };
    changed.replace_range(..1, flipped);
    replace_in(&mut files, EVIDENCE_FILE, digest, &changed);
    regenerate_manifest(&mut files);
    let v = verify_evidence_files(files, None);
    assert!(!v.valid);
    let first = &v.problems[0];
    assert_eq!(
        (first.kind, first.file.as_deref(), first.seq),
        (K::LinkMismatch, Some(EVIDENCE_FILE), Some(4))
    );
    let links: Vec<u64> = v
        .problems
        .iter()
        .filter(|p| p.kind == K::LinkMismatch)
        .filter_map(|p| p.seq)
        .collect();
    assert_eq!(links, [4]);
    // The recomputed head differs; the checkpoint at 8 no longer matches.
    assert!(has(&v, K::HeadMismatch, Some(EVIDENCE_FILE), None));
    assert!(has(&v, K::CheckpointMismatch, Some(EVIDENCE_FILE), Some(7)));
    assert!(!has(
        &v,
        K::CheckpointMismatch,
        Some(EVIDENCE_FILE),
        Some(3)
    ));
    assert!(!has(&v, K::ReportMismatch, Some(REPORT_FILE), None));
}

#[test]
fn a_consistent_rewrite_is_caught_by_an_earlier_code() {
    // Someone rebuilds the whole chain with one entry changed: every link,
    // the head and the listed checkpoints agree, but not a code shared before.
    let shared = evidence_of(&ledger()[..4]).checkpoint_code().unwrap();
    let mut forged = ledger();
    forged[2].op = create(30, 3600, attempt("nothing happened", Channel::Call));
    let mut ev = evidence_of(&forged);
    ev.add_checkpoint(4, 0).unwrap();
    let v = verify_evidence_files(files_of(&ev), None);
    assert!(v.valid);
    let v = verify_evidence_files(files_of(&ev), Some(shared));
    assert_eq!(kinds(&v), [(K::CheckpointCodeNotFound, None, None)]);
}

#[test]
fn a_dropped_record_breaks_the_numbering() {
    let mut ev = evidence();
    ev.records.remove(1);
    let v = verify_evidence_files(files_of(&ev), None);
    assert!(has(&v, K::CountMismatch, Some(EVIDENCE_FILE), None));
    assert!(has(&v, K::SequenceMismatch, Some(EVIDENCE_FILE), Some(1)));
    assert!(has(&v, K::LinkMismatch, Some(EVIDENCE_FILE), Some(1)));
    // A record moved to another place names its own seq too.
    let mut ev = evidence();
    ev.records.swap(2, 3);
    let v = verify_evidence_files(files_of(&ev), None);
    assert!(has(&v, K::SequenceMismatch, Some(EVIDENCE_FILE), Some(2)));
    assert!(has(&v, K::LinkMismatch, Some(EVIDENCE_FILE), Some(2)));
}

#[test]
fn problems_are_capped() {
    let mut ev = Evidence::new(0, "UTC", Period::default(), Selection::default()).unwrap();
    for _ in 0..150 {
        ev.omit(&[1; 32]).unwrap();
    }
    for item in &mut ev.records {
        if let Item::Omitted { link, .. } = item {
            *link = "22".repeat(32);
        }
    }
    let v = verify_evidence_files(files_of(&ev), None);
    assert_eq!(v.problems.len(), super::verify::PROBLEMS_MAX + 1);
    assert_eq!(v.problems[0].seq, Some(0));
    assert_eq!(v.problems.last().map(|p| p.kind), Some(K::TooManyProblems));
    assert!(v
        .summary
        .starts_with("Not valid: more than 100 problems. First: evidence.json, record 0: "));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any one byte changed in any file makes the export invalid, and the
    /// verifier never panics.
    #[test]
    fn any_changed_byte_is_caught(which in 0usize..3, at in any::<prop::sample::Index>(), xor in 1u8..=255) {
        let mut files = files_of(&evidence());
        let bytes = &mut files[which].contents;
        let i = at.index(bytes.len());
        bytes[i] ^= xor;
        let v = verify_evidence_files(files, None);
        prop_assert!(!v.valid);
        prop_assert!(!v.problems.is_empty());
    }
}

// ------------------------------------------------------- files and folders

#[test]
fn missing_and_unexpected_files() {
    let (_dir, path) = write_export(&evidence());
    std::fs::remove_file(path.join(REPORT_FILE)).unwrap();
    std::fs::write(path.join("notes\u{7}.txt"), b"hello").unwrap();
    std::fs::create_dir(path.join("sub")).unwrap();
    let v = verify_dir(&path, None);
    assert!(!v.valid);
    assert!(has(&v, K::MissingFile, Some(REPORT_FILE), None));
    assert!(has(&v, K::UnexpectedFile, Some("notes?.txt"), None));
    assert!(has(&v, K::UnexpectedFile, Some("sub"), None));
    // The evidence itself still checks out: no chain problem.
    assert!(!v.problems.iter().any(|p| p.seq.is_some()));
    assert_eq!(v.records, 8);

    // A manifest that lists another file, or a file twice, or nothing.
    let mut files = files_of(&evidence());
    let manifest = String::from_utf8(get(&mut files, MANIFEST_FILE).clone()).unwrap();
    let first = manifest.lines().next().unwrap().to_owned();
    *get(&mut files, MANIFEST_FILE) =
        format!("{manifest}{}  ../etc/passwd\n{first}\n", "00".repeat(32)).into_bytes();
    let v = verify_evidence_files(files.clone(), None);
    assert_eq!(
        kinds(&v),
        [(K::ManifestMalformed, Some(MANIFEST_FILE.into()), None)]
    );
    *get(&mut files, MANIFEST_FILE) = Vec::new();
    let v = verify_evidence_files(files.clone(), None);
    assert!(has(&v, K::NotInManifest, Some(EVIDENCE_FILE), None));
    assert!(has(&v, K::NotInManifest, Some(REPORT_FILE), None));
    // Other forms sha256sum reads (binary mark, CRLF, upper case, another
    // order, no final newline) are reported, their digests still checked.
    let manifest = String::from_utf8(files_of(&evidence())[2].contents.clone()).unwrap();
    for changed in [
        manifest.replace("  ", " *"),
        manifest.replace('\n', "\r\n"),
        manifest
            .to_uppercase()
            .replace("EVIDENCE.JSON", EVIDENCE_FILE)
            .replace("REPORT.HTML", REPORT_FILE),
        manifest.lines().rev().map(|l| format!("{l}\n")).collect(),
        manifest.trim_end().to_owned(),
    ] {
        let mut files = files_of(&evidence());
        *get(&mut files, MANIFEST_FILE) = changed.into_bytes();
        let v = verify_evidence_files(files.clone(), None);
        assert_eq!(
            kinds(&v),
            [(K::ManifestMalformed, Some(MANIFEST_FILE.into()), None)]
        );
        replace_in(
            &mut files,
            REPORT_FILE,
            "ignore me forever",
            "ignore me Forever",
        );
        let v = verify_evidence_files(files, None);
        assert!(has(&v, K::DigestMismatch, Some(REPORT_FILE), None));
    }
    let mut files = files_of(&evidence());
    // A name given twice.
    files.push(file(REPORT_FILE, Vec::new()));
    let v = verify_evidence_files(files, None);
    assert_eq!(
        kinds(&v),
        [(K::UnexpectedFile, Some(REPORT_FILE.into()), None)]
    );
}

#[test]
fn empty_folder_not_a_folder_nothing_there() {
    let dir = tempfile::tempdir().unwrap();
    let v = verify_dir(dir.path(), None);
    assert!(!v.valid);
    assert_eq!(
        kinds(&v),
        [
            (K::MissingFile, Some(EVIDENCE_FILE.into()), None),
            (K::MissingFile, Some(REPORT_FILE.into()), None),
            (K::MissingFile, Some(MANIFEST_FILE.into()), None),
        ]
    );
    assert_eq!(v.records, 0);
    let plain = dir.path().join("file");
    std::fs::write(&plain, b"x").unwrap();
    assert_eq!(
        verify_evidence(plain.to_string_lossy().into_owned(), None),
        Err(VaultError::invalid("path"))
    );
    let nothing = dir.path().join("nothing");
    assert_eq!(
        verify_evidence(nothing.to_string_lossy().into_owned(), None),
        Err(VaultError::NotFound)
    );
    let v = verify_evidence_files(Vec::new(), Some("x".into()));
    assert_eq!(v.problems.len(), 3);
}

#[test]
fn huge_files_are_refused_unread() {
    let (_dir, path) = write_export(&evidence());
    // A sparse file: its size is checked before anything is read.
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(path.join(REPORT_FILE))
        .unwrap();
    f.set_len(EVIDENCE_FILE_MAX_BYTES + 1).unwrap();
    let v = verify_dir(&path, None);
    assert_eq!(
        kinds(&v),
        [(K::FileTooLarge, Some(REPORT_FILE.into()), None)]
    );
    // In memory too (zeroed memory is not touched before the size check).
    let mut files = files_of(&evidence());
    *get(&mut files, EVIDENCE_FILE) = vec![0; EVIDENCE_FILE_MAX_BYTES as usize + 1];
    let v = verify_evidence_files(files, None);
    assert_eq!(
        kinds(&v),
        [(K::FileTooLarge, Some(EVIDENCE_FILE.into()), None)]
    );
    // A big manifest.
    let mut files = files_of(&evidence());
    get(&mut files, MANIFEST_FILE).resize(70_000, b'\n');
    let v = verify_evidence_files(files, None);
    assert_eq!(
        kinds(&v),
        [(K::FileTooLarge, Some(MANIFEST_FILE.into()), None)]
    );
}

#[test]
fn deep_nesting_and_invalid_utf8_are_problems_not_crashes() {
    for json in [
        "[".repeat(200_000).into_bytes(),
        format!("{}{}", "{\"a\":".repeat(100_000), "}".repeat(100_000)).into_bytes(),
        vec![0xff, 0xfe, b'{', b'}'],
        b"{\"format\":\"nocontact-evidence\",\"version\":1,\"zone\":\"\xff\"}".to_vec(),
        Vec::new(),
        b"null".to_vec(),
    ] {
        let mut files = files_of(&evidence());
        *get(&mut files, EVIDENCE_FILE) = json;
        regenerate_manifest(&mut files);
        let v = verify_evidence_files(files, None);
        assert_eq!(
            kinds(&v),
            [(K::EvidenceMalformed, Some(EVIDENCE_FILE.into()), None)]
        );
    }
    // Nested too deeply inside one record.
    let mut ev = evidence();
    if let Item::Included { record, .. } = &mut ev.records[0] {
        let mut deep = json!(1);
        for _ in 0..200 {
            deep = json!([deep]);
        }
        record["content"] = deep;
    }
    let json = serde_json::to_vec(&ev).unwrap();
    let v = verify_evidence_files(
        vec![
            file(EVIDENCE_FILE, json.clone()),
            file(REPORT_FILE, Vec::new()),
            file(
                MANIFEST_FILE,
                manifest_text(&[(EVIDENCE_FILE, &json), (REPORT_FILE, b"")]).into_bytes(),
            ),
        ],
        None,
    );
    assert_eq!(
        kinds(&v),
        [(K::EvidenceMalformed, Some(EVIDENCE_FILE.into()), None)]
    );
    // Invalid UTF-8 in the manifest.
    let mut files = files_of(&evidence());
    get(&mut files, MANIFEST_FILE).push(0xff);
    let v = verify_evidence_files(files, None);
    assert!(has(&v, K::ManifestMalformed, Some(MANIFEST_FILE), None));
    // Another format or version.
    for (from, to) in [
        ("\"version\": 1", "\"version\": 2"),
        ("\"nocontact-evidence\"", "\"something-else\""),
    ] {
        let mut files = files_of(&evidence());
        replace_in(&mut files, EVIDENCE_FILE, from, to);
        regenerate_manifest(&mut files);
        let v = verify_evidence_files(files, None);
        assert_eq!(
            kinds(&v),
            [(K::UnsupportedFormat, Some(EVIDENCE_FILE.into()), None)]
        );
    }
    // A report layout this version does not render.
    let mut ev = evidence();
    ev.report_layout = 2;
    let v = verify_evidence_files(files_of(&ev), None);
    assert_eq!(
        kinds(&v),
        [(K::ReportLayoutUnsupported, Some(REPORT_FILE.into()), None)]
    );
}

#[test]
fn odd_documents_render_and_verify_without_panicking() {
    // Shapes a hand-edited or hostile file may have: the chain is rebuilt
    // around them so that only their oddness is tested.
    let odd_records = [
        json!({"v": 1, "seq": 0, "entry": "x", "recorded_at": i64::MIN, "op": "create", "revision": u64::MAX,
               "at": i64::MAX, "utc_offset_seconds": i64::MIN, "content": {"event": {"body": {"check_in": {"check_in": {"mood": 9, "energy": null, "note": "\u{0}\u{1b}[31m", "tags": []}}}}}}),
        json!({"v": 1, "seq": 0, "entry": "", "recorded_at": 0, "op": "create", "revision": 0, "at": 0,
               "utc_offset_seconds": 90_000, "content": {"event": {"body": {"their_attempt": {"attempt": {
               "person_id": "nobody", "channel": "text", "handle": "", "said": "", "said_verbatim": false,
               "response": "ignored", "location": "", "witnesses": [], "felt_unsafe": 200, "attachments": [], "note": ""}}}}}}),
        json!({"v": 2, "seq": 0, "anything": [1, "two", null, true, {"nested": -5}]}),
        json!({"seq": 0}),
        json!({"v": 1, "seq": 0, "entry": "e", "recorded_at": 0, "op": "redact"}),
        json!({"v": 1, "seq": 0, "entry": "e", "recorded_at": 0, "op": "create", "revision": 0, "at": 0,
               "utc_offset_seconds": 0, "content": {"event": {"body": {"check_in": {"check_in": {"mood": 3, "energy": null, "note": "", "tags": [], "extra": "field"}}}}}}),
    ];
    for record in odd_records {
        for zone in ["UTC", "Mars/Olympus", "<b>"] {
            let mut ev = Evidence::new(
                i64::MIN,
                "UTC",
                Period {
                    from: Some(i64::MAX),
                    until: Some(i64::MIN),
                },
                Selection::default(),
            )
            .unwrap();
            ev.zone = zone.into();
            ev.include(record.clone()).unwrap();
            ev.checkpoints.push(super::schema::CheckpointEntry {
                code: "</style>".into(),
                count: u64::MAX,
                head: "zz".into(),
                made_at: i64::MIN,
            });
            let html = render_report(&ev);
            if zone == "<b>" {
                assert!(html.contains("&lt;b&gt; (not a time zone this version knows"));
            }
            assert!(!html.contains("</style><"));
            let v = verify_evidence_files(files_of(&ev), None);
            assert_eq!(
                kinds(&v),
                [(
                    K::CheckpointMismatch,
                    Some(EVIDENCE_FILE.into()),
                    Some(u64::MAX - 1)
                )]
            );
        }
    }
}

// ----------------------------------------------------------------- report

#[test]
fn the_report_escapes_everything_from_the_person() {
    let long: String = "x".repeat(19_990) + "&<>\"'";
    let nasty = "<script>alert(\"x\")</script> & 'q' \u{202E}evil\u{202C} \u{200F}שלום\u{200F} 😀 bell\u{7} nul\u{0} c1\u{85}";
    let records = vec![
        record(0, 0, create(0, 3600, attempt(&long, Channel::Email))),
        record(1, 1, create(1, 3600, attempt(nasty, Channel::SocialMedia))),
    ];
    let mut ev = Evidence::new(
        BASE,
        "Asia/Kolkata",
        Period::default(),
        Selection::default(),
    )
    .unwrap();
    for r in &records {
        ev.push_record(r, true).unwrap();
    }
    ev.people.insert(
        PERSON.into(),
        PersonLabel {
            alias: "<img src=x onerror=alert(1)>".into(),
            relationship: "parent\"><script>".into(),
        },
    );
    let html = render_report(&ev);
    assert_eq!(html.matches("<script").count(), 0);
    assert_eq!(html.matches("<img").count(), 0);
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains(&format!("{}&amp;&lt;&gt;&quot;&#39;", "x".repeat(19_990))));
    // Bidirectional text is kept, inside an isolating element.
    assert!(html.contains("<div class=\"text quote\" dir=\"auto\">&lt;script&gt;"));
    assert!(html.contains("\u{200F}שלום\u{200F} 😀"));
    // Overrides would show the words in another order: they are shown instead.
    assert!(
        html.contains("<span class=\"ctl\">[U+202E]</span>evil<span class=\"ctl\">[U+202C]</span>")
    );
    // Control characters are shown, not passed on.
    assert!(html.contains("bell<span class=\"ctl\">[U+0007]</span>"));
    assert!(html.contains("nul<span class=\"ctl\">[U+0000]</span>"));
    assert!(html.contains("c1<span class=\"ctl\">[U+0085]</span>"));
    assert!(!html.chars().any(|c| c.is_control() && c != '\n'));
    // Times in the zone, with its offset, and the entry's own where it differs.
    assert!(html.contains("(UTC+05:30)"));
    assert!(html.contains("Logged where the clock read"));
    // Self-contained: no script, no external resource.
    assert!(!html.contains("http://") && !html.contains("https://"));
    assert!(!html.contains("@import") && !html.contains("url("));
    // The verifier agrees.
    assert!(verify_evidence_files(files_of(&ev), None).valid);
}

#[test]
fn the_report_shows_what_was_chosen() {
    let ev = evidence();
    let html = render_report(&ev);
    assert_eq!(html, render_report(&ev.clone()), "deterministic");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.ends_with("</html>\n"));
    for needle in [
        "<b><bdi>R.</bdi></b> (ex partner)",
        "Europe/Berlin",
        "Their attempts by channel",
        "Their attempts by week",
        "Week of Mon 2026-03-09",
        "Text message",
        "Phone call",
        "you can&#39;t ignore me forever",
        "What they said (their exact words)",
        "Amended: this is version 2 of this entry (corrected 1 time). The earlier versions follow",
        "Earlier version 1",
        "you can&#39;t ignore me</div>",
        "Logged where the clock read",
        "(UTC-05:00)",
        "3 of 4, very",
        "<bdi>my sister</bdi>",
        &"ab".repeat(32),
        "Urges to make contact",
        "Journal entries and unsent letters",
        "שלום 🌱\nsecond line",
        "Deletion marks",
        "Chain record 6: entry <span class=\"mono\">00000000…</span> deleted",
        "3: 1, 4–5",
        &ev.chain.head,
        &ev.checkpoints[0].code,
        &ev.checkpoints[1].code,
        "nocontact verify FOLDER",
        "What it does not prove",
        "@media print",
        "@page",
        "None in this period.",
    ] {
        assert!(html.contains(needle), "missing {needle:?}");
    }
    // Omitted and deleted content is not there.
    assert!(!html.contains("tired"));
    // Sections not chosen and empty are left out.
    assert!(!html.contains("Contact I made"));
}

#[test]
fn records_in_an_unknown_form_are_shown_raw() {
    let mut ev = Evidence::new(BASE, "UTC", Period::default(), Selection::default()).unwrap();
    let mut value = chain::record_value(&record(0, 0, create(0, 0, check_in(3)))).unwrap();
    value["content"]["event"]["body"]["check_in"]["check_in"]["future_field"] = json!("<kept>");
    ev.include(value).unwrap();
    let html = render_report(&ev);
    assert!(html.contains("Records in a form this version cannot show as entries"));
    assert!(html.contains("&quot;future_field&quot;:&quot;&lt;kept&gt;&quot;"));
    assert!(verify_evidence_files(files_of(&ev), None).valid);
}

/// The report's bytes for a fixed document. If this fails, the report's
/// output changed: bump `REPORT_LAYOUT` if reports of the old layout may
/// exist (they could not be re-rendered identically), and update the digest.
#[test]
fn layout_is_pinned() {
    let html = render_report(&evidence());
    assert_eq!(
        chain::to_hex(&chain::sha256(html.as_bytes())),
        // Changed with the longer checkpoint codes in the fixed document
        // (its data), not the layout: a document with short codes renders
        // as before.
        "6b42ad8327bb918d02cd0677ed1711477ea3605b9cd49ce355b2fca57ac22872",
        "the report's output changed: once reports of this layout may exist anywhere, bump \
         REPORT_LAYOUT (a verifier cannot re-render them otherwise); then update this digest"
    );
}

// -------------------------------------------------------------- the folder

#[test]
fn writing_refuses_an_existing_target_and_leaves_nothing() {
    let ev = evidence();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out");
    std::fs::create_dir(&target).unwrap();
    assert_eq!(
        write_evidence_dir(&ev, &target),
        Err(VaultError::AlreadyExists)
    );
    std::fs::write(dir.path().join("file"), b"x").unwrap();
    assert_eq!(
        write_evidence_dir(&ev, &dir.path().join("file")),
        Err(VaultError::AlreadyExists)
    );
    assert_eq!(
        write_evidence_dir(&ev, &dir.path().join("no/such/parent")),
        Err(VaultError::NotFound)
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    write_evidence_dir(&ev, &dir.path().join("new")).unwrap();
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
}

// -------------------------------------------------------------------- CSV

#[test]
fn csv_through_a_vault() {
    use crate::api::csv::CsvQuery;
    use crate::domain::boundaries::{BoundaryInput, BoundaryKind};
    use crate::domain::dates::LocalDate;
    use crate::domain::events::{EventKind, Initiator, MyContact, NewEvent};
    use crate::domain::people::{ContactMode, PersonInput, Relationship};
    use crate::domain::triggers::{TriggerCategory, TriggerInput};
    use crate::vault::{Vault, VaultSetup};

    let dir = tempfile::tempdir().unwrap();
    let created = Vault::create(
        &dir.path().join("v.db"),
        VaultSetup {
            passcode: "4711".into(),
            device_key: None,
            passcode_needs_device_key: false,
            kdf_iterations: Some(crate::KDF_FLOOR),
        },
    )
    .unwrap();
    let vault = created.vault;
    let since = LocalDate {
        year: 2024,
        month: 1,
        day: 1,
    };
    let person = vault
        .add_person(PersonInput {
            alias: "=cmd|' /C calc'!A0".into(),
            relationship: Relationship::Parent,
            mode: ContactMode::NoContact,
            no_contact_since: since,
            blocked_on: Vec::new(),
            notes: String::new(),
        })
        .unwrap();
    let trigger = vault
        .add_trigger(TriggerInput {
            name: "payday, again".into(),
            category: TriggerCategory::Other,
            date: None,
            person_id: None,
        })
        .unwrap();
    let boundary = vault
        .add_boundary(BoundaryInput {
            statement: "No \"just one\" call".into(),
            person_id: Some(person.id.clone()),
            kind: BoundaryKind::Communication,
            set_on: since,
            review_on: None,
        })
        .unwrap();
    let at = |hours: i64| Some(time::from_millis(BASE + hours * 3_600_000));
    let mut attempt_body = match attempt("+1 call me\nnow", Channel::Text) {
        EntryBody::Event { body, .. } => body,
        EntryBody::Reflection { .. } => unreachable!(),
    };
    if let EventBody::TheirAttempt { attempt } = &mut attempt_body {
        attempt.person_id = person.id.clone();
        attempt.note = "@everyone, \"see\"".into();
    }
    let mut urge_body = match urge() {
        EntryBody::Event { body, .. } => body,
        EntryBody::Reflection { .. } => unreachable!(),
    };
    if let EventBody::Urge { urge } = &mut urge_body {
        urge.person_id = Some(person.id.clone());
        urge.trigger_ids = vec![trigger.id.clone()];
        urge.note = "-10 points".into();
    }
    let events = [
        (2, 3600, attempt_body),
        (1, -18_000, urge_body),
        (
            3,
            0,
            EventBody::MyContact {
                contact: MyContact {
                    person_id: person.id.clone(),
                    channel: Channel::Call,
                    initiated_by: Initiator::Them,
                    crossed_boundary_ids: vec![boundary.id.clone()],
                    note: String::new(),
                },
            },
        ),
        (
            4,
            0,
            match check_in(4) {
                EntryBody::Event { body, .. } => body,
                _ => unreachable!(),
            },
        ),
    ];
    for (hours, offset, body) in events {
        vault
            .log_event(NewEvent {
                at: at(hours),
                utc_offset_seconds: offset,
                body,
            })
            .unwrap();
    }
    vault
        .add_reflection(crate::NewReflection {
            at: None,
            utc_offset_seconds: 0,
            body: match journal("not in the csv") {
                EntryBody::Reflection { body } => body,
                _ => unreachable!(),
            },
        })
        .unwrap();

    let all = vault.export_csv(CsvQuery::default()).unwrap();
    let lines: Vec<&str> = all.split("\r\n").collect();
    // Header, 4 events (one said holds a line break, inside quotes), end.
    assert_eq!(all.matches("\r\n").count(), 5);
    assert_eq!(lines[0], super::csv::CSV_COLUMNS.join(","));
    assert!(!all.contains("not in the csv"));
    // Oldest first: the urge (hour 1) comes before the attempt (hour 2).
    assert!(lines[1].starts_with("2026-03-14,"));
    assert!(lines[1].contains(",UTC-05:00,urge,'=cmd|' /C calc'!A0,7,resisted,"));
    assert!(lines[1].contains(",lonely; restless,\"payday, again\",walked,"));
    assert!(lines[1].contains(",'-10 points,"));
    assert!(lines[2].contains(",UTC+01:00,their_attempt,'=cmd|' /C calc'!A0,"));
    assert!(lines[2]
        .contains(",text,,ignored,3,,,,,'+1 555 0100,\"'+1 call me\nnow\",yes,home,my sister,"));
    assert!(all.contains(",\"'@everyone, \"\"see\"\"\","));
    assert!(all.contains(",call,them,,,,,,\"No \"\"just one\"\" call\","));
    assert!(all.contains(",check_in,,,,4,2,"));
    // Filters: kinds and range.
    let urges = vault
        .export_csv(CsvQuery {
            kinds: vec![EventKind::Urge, EventKind::CheckIn],
            ..CsvQuery::default()
        })
        .unwrap();
    assert_eq!(urges.matches("\r\n").count(), 3);
    let ranged = vault
        .export_csv(CsvQuery {
            from: at(2),
            until: at(4),
            ..CsvQuery::default()
        })
        .unwrap();
    assert!(ranged.contains(",their_attempt,") && ranged.contains(",my_contact,"));
    assert!(!ranged.contains(",urge,") && !ranged.contains(",check_in,"));
    assert_eq!(
        vault.export_csv(CsvQuery {
            from: at(4),
            until: at(4),
            ..CsvQuery::default()
        }),
        Err(VaultError::invalid("until"))
    );
    vault.lock();
    assert_eq!(
        vault.export_csv(CsvQuery::default()),
        Err(VaultError::Locked)
    );
}

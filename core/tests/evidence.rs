//! Evidence exports made by the vault: what is chosen, what is left out as
//! digests, progress and cancellation, and the cases that are refused.

mod common;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use common::*;
use nocontact_core::{
    verify_evidence, Channel, ContactMode, EventKind, EvidenceOptions, LocalDate, PersonInput,
    ProgressListener, Relationship, UrgeOutcome, VaultError,
};

fn person(f: &Fixture, alias: &str) -> String {
    f.vault
        .add_person(PersonInput {
            alias: alias.into(),
            relationship: Relationship::Parent,
            mode: ContactMode::NoContact,
            no_contact_since: LocalDate {
                year: 2025,
                month: 3,
                day: 1,
            },
            blocked_on: Vec::new(),
            notes: String::new(),
        })
        .unwrap()
        .id
}

fn options() -> EvidenceOptions {
    EvidenceOptions {
        person_id: None,
        kinds: Vec::new(),
        include_reflections: false,
        from: None,
        until: None,
        zone: "America/New_York".into(),
    }
}

/// Two people with an attempt each, an urge, a check-in and a journal entry.
fn logged() -> (Fixture, String, String) {
    let f = fixture();
    let (a, b) = (person(&f, "Mum"), person(&f, "Dad"));
    f.vault
        .quick_log_attempt(a.clone(), Channel::Call, 0)
        .unwrap();
    f.vault
        .quick_log_attempt(b.clone(), Channel::Email, 0)
        .unwrap();
    f.vault.quick_log_urge(5, UrgeOutcome::Resisted, 0).unwrap();
    f.vault.quick_check_in(3, 0).unwrap();
    f.vault.add_reflection(journal("only mine")).unwrap();
    (f, a, b)
}

fn export(f: &Fixture, name: &str, options: EvidenceOptions) -> nocontact_core::EvidenceSummary {
    let folder = f.dir.path().join(name);
    f.vault
        .export_evidence(options, folder.to_string_lossy().into_owned(), None)
        .unwrap()
}

fn json(f: &Fixture, name: &str) -> serde_json::Value {
    let bytes = std::fs::read(f.dir.path().join(name).join("evidence.json")).unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

fn included_kinds(doc: &serde_json::Value) -> Vec<String> {
    doc["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|item| item.get("record"))
        .map(|r| {
            let content = &r["content"];
            match content.get("event") {
                Some(e) => e["body"]
                    .as_object()
                    .unwrap()
                    .keys()
                    .next()
                    .unwrap()
                    .clone(),
                None => "reflection".into(),
            }
        })
        .collect()
}

#[test]
fn by_default_only_contact_goes_in_and_the_rest_are_digests() {
    let (f, _, _) = logged();
    let summary = export(&f, "default", options());
    assert_eq!(
        (summary.entries, summary.records, summary.included_records),
        (2, 5, 2)
    );
    let doc = json(&f, "default");
    assert_eq!(included_kinds(&doc), vec!["their_attempt", "their_attempt"]);
    assert_eq!(doc["records"].as_array().unwrap().len(), 5);
    assert_eq!(doc["chain"]["head"], summary.head.as_str());
    let text = std::fs::read_to_string(f.dir.path().join("default/evidence.json")).unwrap();
    assert!(!text.contains("only mine"));
    let verdict = verify_evidence(
        f.dir.path().join("default").to_string_lossy().into_owned(),
        Some(summary.code.clone()),
    )
    .unwrap();
    assert!(verdict.valid, "{:?}", verdict.problems);
    assert_eq!(verdict.checkpoint_count, Some(5));
    // The chain in the export is the vault's own.
    assert_eq!(summary.head, f.vault.chain_report().unwrap().head);
}

#[test]
fn urges_check_ins_and_reflections_only_on_purpose() {
    let (f, a, _) = logged();
    let all = EvidenceOptions {
        kinds: EventKind::ALL.to_vec(),
        include_reflections: true,
        ..options()
    };
    assert_eq!(export(&f, "all", all).entries, 5);
    let mut kinds = included_kinds(&json(&f, "all"));
    kinds.sort();
    assert_eq!(
        kinds,
        [
            "check_in",
            "reflection",
            "their_attempt",
            "their_attempt",
            "urge"
        ]
    );
    let one = EvidenceOptions {
        person_id: Some(a.clone()),
        include_reflections: true,
        ..options()
    };
    // With a person, only what is about them: one attempt, no journal.
    assert_eq!(export(&f, "mum", one).entries, 1);
    let doc = json(&f, "mum");
    assert_eq!(doc["people"].as_object().unwrap().len(), 1);
    assert_eq!(doc["people"][&a]["alias"], "Mum");
    assert_eq!(doc["people"][&a]["relationship"], "parent");
}

#[test]
fn amendments_go_in_with_the_original() {
    let (f, a, _) = logged();
    let first = f.vault.quick_log_attempt(a, Channel::Text, 0).unwrap();
    let mut body = first.body.clone();
    if let nocontact_core::EventBody::TheirAttempt { attempt } = &mut body {
        attempt.said = "the exact words".into();
    }
    f.vault
        .amend_event(
            first.id.clone(),
            nocontact_core::NewEvent {
                at: Some(first.at),
                utc_offset_seconds: 0,
                body,
            },
        )
        .unwrap();
    let summary = export(&f, "amended", options());
    assert_eq!((summary.entries, summary.included_records), (3, 4));
    let html = std::fs::read_to_string(f.dir.path().join("amended/report.html")).unwrap();
    assert!(html.contains("the exact words"));
}

#[test]
fn a_period_keeps_only_what_happened_in_it() {
    let (f, _, _) = logged();
    let now = std::time::SystemTime::now();
    let past = EvidenceOptions {
        until: Some(now - std::time::Duration::from_secs(3600)),
        ..options()
    };
    let summary = export(&f, "past", past);
    assert_eq!((summary.entries, summary.records), (0, 5));
    let backwards = EvidenceOptions {
        from: Some(now),
        until: Some(now - std::time::Duration::from_secs(1)),
        ..options()
    };
    let folder = f
        .dir
        .path()
        .join("backwards")
        .to_string_lossy()
        .into_owned();
    assert_eq!(
        f.vault.export_evidence(backwards, folder, None),
        Err(VaultError::InvalidInput {
            field: "until".into()
        })
    );
}

struct StopAfter {
    calls: AtomicU64,
    stop_at: u64,
}

impl ProgressListener for StopAfter {
    fn on_progress(&self, done: u64, total: u64) -> bool {
        assert!(done <= total);
        self.calls.fetch_add(1, Ordering::SeqCst);
        done < self.stop_at
    }
}

#[test]
fn progress_is_reported_and_cancelling_leaves_nothing() {
    let (f, _, _) = logged();
    let go_on = Arc::new(StopAfter {
        calls: AtomicU64::new(0),
        stop_at: u64::MAX,
    });
    let folder = f.dir.path().join("done").to_string_lossy().into_owned();
    f.vault
        .export_evidence(options(), folder, Some(go_on.clone()))
        .unwrap();
    assert!(go_on.calls.load(Ordering::SeqCst) >= 2);
    let stop = Arc::new(StopAfter {
        calls: AtomicU64::new(0),
        stop_at: 2,
    });
    let folder = f.dir.path().join("stopped");
    assert_eq!(
        f.vault
            .export_evidence(options(), folder.to_string_lossy().into_owned(), Some(stop)),
        Err(VaultError::Cancelled)
    );
    assert!(!folder.exists());
    let leftovers: Vec<_> = std::fs::read_dir(f.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "done" && !n.starts_with("data.db"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn refused_cases_change_nothing() {
    let (f, _, _) = logged();
    let folder = |n: &str| f.dir.path().join(n).to_string_lossy().into_owned();
    let bad_zone = EvidenceOptions {
        zone: "Mars/Olympus".into(),
        ..options()
    };
    assert_eq!(
        f.vault.export_evidence(bad_zone, folder("z"), None),
        Err(VaultError::InvalidInput {
            field: "zone".into()
        })
    );
    let nobody = EvidenceOptions {
        person_id: Some("0".repeat(32)),
        ..options()
    };
    assert_eq!(
        f.vault.export_evidence(nobody, folder("p"), None),
        Err(VaultError::InvalidInput {
            field: "person_id".into()
        })
    );
    std::fs::create_dir(f.dir.path().join("taken")).unwrap();
    assert_eq!(
        f.vault.export_evidence(options(), folder("taken"), None),
        Err(VaultError::AlreadyExists)
    );
    f.vault.lock();
    assert_eq!(
        f.vault.export_evidence(options(), folder("locked"), None),
        Err(VaultError::Locked)
    );
    for n in ["z", "p", "locked"] {
        assert!(!f.dir.path().join(n).exists());
    }
}

#[test]
fn a_broken_chain_is_not_exported() {
    let (f, _, _) = logged();
    let first = f.vault.chain_report().unwrap();
    assert!(first.intact);
    // Remove the newest ledger row behind the vault's back.
    let ids: Vec<String> = {
        let conn = raw(&f.path);
        let mut stmt = conn.prepare("SELECT lower(hex(id)) FROM b").unwrap();
        let ids = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        ids
    };
    let page = f
        .vault
        .list_reflections(ReflectionQuery::default())
        .unwrap();
    let journal_id = &page.reflections[0].id;
    assert!(ids.contains(journal_id));
    raw(&f.path)
        .execute("DELETE FROM b WHERE lower(hex(id)) = ?1", [journal_id])
        .unwrap();
    f.vault.lock();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    assert!(!f.vault.chain_report().unwrap().intact);
    let folder = f.dir.path().join("broken");
    assert_eq!(
        f.vault
            .export_evidence(options(), folder.to_string_lossy().into_owned(), None),
        Err(VaultError::Corrupt)
    );
    assert!(!folder.exists());
}

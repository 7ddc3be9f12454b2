//! The verifier's memory: it reads only the three files of an export, and
//! what it holds stays within a small multiple of them. Measured with a
//! counting allocator, so this binary holds a single test.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

mod common;

use common::*;
use nocontact_core::{verify_evidence, Channel, EvidenceOptions, NewEvent};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes allocated at the peak of `f`, beyond what was allocated before.
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let out = f();
    (out, PEAK.load(Ordering::Relaxed).saturating_sub(base))
}

#[test]
fn the_verifier_reads_only_the_export_and_stays_within_a_small_multiple_of_it() {
    let f = fixture();
    let person = f
        .vault
        .add_person(nocontact_core::PersonInput {
            alias: "R.".into(),
            relationship: nocontact_core::Relationship::ExPartner,
            mode: nocontact_core::ContactMode::NoContact,
            no_contact_since: nocontact_core::LocalDate {
                year: 2025,
                month: 1,
                day: 1,
            },
            blocked_on: Vec::new(),
            notes: String::new(),
        })
        .unwrap();
    let said = "what was said, at some length, ".repeat(16);
    let events: Vec<NewEvent> = (0..400)
        .map(|i| NewEvent {
            at: None,
            utc_offset_seconds: 3600,
            body: nocontact_core::EventBody::TheirAttempt {
                attempt: nocontact_core::TheirAttempt {
                    person_id: person.id.clone(),
                    channel: Channel::Text,
                    handle: format!("+49 151 {i:07}"),
                    said: said.clone(),
                    said_verbatim: true,
                    response: nocontact_core::AttemptResponse::Ignored,
                    location: String::new(),
                    witnesses: Vec::new(),
                    felt_unsafe: 2,
                    attachments: Vec::new(),
                    note: String::new(),
                },
            },
        })
        .collect();
    f.vault.log_events(events).unwrap();
    let folder = f.dir.path().join("export");
    f.vault
        .export_evidence(
            EvidenceOptions {
                person_id: None,
                kinds: Vec::new(),
                include_reflections: false,
                from: None,
                until: None,
                zone: "Europe/Berlin".into(),
            },
            folder.to_string_lossy().into_owned(),
            None,
        )
        .unwrap();
    let input: u64 = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    // A large file that is not part of an export: reported, never read.
    let extra = std::fs::File::create(folder.join("extra.bin")).unwrap();
    extra.set_len(64 * 1024 * 1024).unwrap();
    drop(extra);

    let path = folder.to_string_lossy().into_owned();
    let (verdict, peak) = peak_of(|| verify_evidence(path, None).unwrap());
    assert_eq!(verdict.records, 400);
    assert_eq!(
        verdict
            .problems
            .iter()
            .map(|p| (p.kind, p.file.as_deref()))
            .collect::<Vec<_>>(),
        [(
            nocontact_core::EvidenceProblemKind::UnexpectedFile,
            Some("extra.bin")
        )]
    );
    let ratio = peak as f64 / input as f64;
    println!("verifier: {input} bytes in the export, peak {peak} bytes allocated, {ratio:.2}x");
    assert!(
        ratio < 6.0,
        "the verifier held {ratio:.2}x its input ({peak} of {input} bytes)"
    );
}

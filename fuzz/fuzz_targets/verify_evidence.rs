//! Fuzzes the offline evidence verifier with whatever files an export
//! folder might hold.
//!
//! The input is a flags byte, then up to four parts separated by 0xFF (a
//! byte that never occurs in UTF-8, so a JSON or HTML seed stays whole):
//! `evidence.json`, `report.html`, `manifest.sha256`, a checkpoint code.
//! Flags: bit 0 rewrites the manifest to match the files (so the fuzzer gets
//! past the digest check into the JSON and chain checks); bit 1 re-renders
//! the report from the evidence when it parses (so it gets past the report
//! comparison); bit 2 passes the checkpoint code; bit 3 leaves the manifest
//! out; bit 4 adds a stray file.
//!
//! The verifier must never panic, and a verdict is valid exactly when it
//! lists no problem.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use nocontact_core::{
    manifest_text, render_report, verify_evidence_files, Evidence, EvidenceFile, EVIDENCE_FILE,
    MANIFEST_FILE, REPORT_FILE,
};

/// Like `read_backup`: valid exports are written into the corpus that
/// `cargo xtask fuzz` names in `NOCONTACT_FUZZ_SEED_DIR` before libFuzzer
/// reads it, so the fuzzer starts past the parsing, inside the chain checks.
fn write_seeds() {
    let Some(dir) = std::env::var_os("NOCONTACT_FUZZ_SEED_DIR") else {
        return;
    };
    for (i, seed) in nocontact_core::fuzzing::evidence_seeds().iter().enumerate() {
        if let Err(e) = std::fs::write(Path::new(&dir).join(format!("seed-{i:02}")), seed) {
            eprintln!("cannot write the seed corpus: {e}");
        }
    }
}

fuzz_target!(init: write_seeds(), |data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let mut parts = rest.splitn(4, |&b| b == 0xFF);
    let evidence = parts.next().unwrap_or_default().to_vec();
    let mut report = parts.next().unwrap_or_default().to_vec();
    let mut manifest = parts.next().unwrap_or_default().to_vec();
    let code = parts
        .next()
        .map(|c| String::from_utf8_lossy(c).into_owned());

    if flags & 2 != 0 {
        if let Ok(parsed) = Evidence::from_json(&evidence) {
            report = render_report(&parsed).into_bytes();
        }
    }
    if flags & 1 != 0 {
        manifest =
            manifest_text(&[(EVIDENCE_FILE, &evidence), (REPORT_FILE, &report)]).into_bytes();
    }
    let mut files = vec![
        EvidenceFile {
            name: EVIDENCE_FILE.to_owned(),
            contents: evidence,
        },
        EvidenceFile {
            name: REPORT_FILE.to_owned(),
            contents: report,
        },
    ];
    if flags & 8 == 0 {
        files.push(EvidenceFile {
            name: MANIFEST_FILE.to_owned(),
            contents: manifest,
        });
    }
    if flags & 16 != 0 {
        files.push(EvidenceFile {
            name: "stray\u{7}file".to_owned(),
            contents: Vec::new(),
        });
    }
    let code = if flags & 4 != 0 { code } else { None };

    let verdict = verify_evidence_files(files, code);
    assert_eq!(verdict.valid, verdict.problems.is_empty());
    assert!(!verdict.summary.is_empty());
});

//! Entry points for the fuzz targets in `fuzz/` (cargo-fuzz). Compiled only
//! with `--cfg fuzzing`, which `cargo fuzz` passes; no other build has this
//! module.
//!
//! A backup's key comes from PBKDF2 at 600,000 iterations or more, about
//! 150 ms per input: the fuzzer would get nowhere. So here the stretched
//! key is derived cheaply (HKDF of a fixed secret and the file's salt,
//! see `backup::cheap`), and everything else is the real code: the header
//! checks, the key check, the chunked decryption and the body parser, in
//! the order `backup::read` runs them. The seeds from [`backup_seeds`] are
//! valid files under that cheap key, so the fuzzer starts past the key
//! check and inside the body.

use crate::backup::{cheap, BackupMeta, CHUNK_SHIFT};
use crate::record::RecordId;

/// Runs the backup reader over `data` as a whole file (with the cheap key),
/// then the body parser over `data` as if it were a decrypted body. Either
/// may fail; neither may panic, hang or allocate without bound.
pub fn read_backup(data: &[u8]) {
    if let Ok((meta, items)) = cheap::read(data) {
        assert_eq!(meta.record_count, items.len() as u64);
    }
    let _ = cheap::read_plaintext(data);
}

/// Valid inputs for [`read_backup`]: backups made with the cheap key,
/// mostly with small chunks (so that several chunks fit in a few KiB), and
/// a few bare plaintexts for the body parser.
pub fn backup_seeds() -> Vec<Vec<u8>> {
    let meta = |n: u64| BackupMeta {
        created_at_ms: 1_790_000_000_000,
        record_count: n,
        chain_count: n,
        chain_head: [0x5a; 32],
    };
    let id = |i: u8| RecordId([i; 16]);
    let text: Vec<u8> = br#"{"ledger":{"seq":1,"op":"create"}}"#.to_vec();
    let item_sets: Vec<Vec<(RecordId, Vec<u8>)>> = vec![
        Vec::new(),
        vec![(id(1), text.clone())],
        vec![
            (id(1), text.clone()),
            (id(2), Vec::new()),
            (id(3), vec![b'x'; 300]),
        ],
        (0..12)
            .map(|i| (id(i), text.repeat(usize::from(i) + 1)))
            .collect(),
    ];
    let mut seeds = Vec::new();
    for items in &item_sets {
        let count = items.len() as u64;
        for shift in [8, 9] {
            let iter = items
                .iter()
                .map(|(id, data)| Ok((*id, zeroize::Zeroizing::new(data.clone()))));
            if let Ok(file) = cheap::encode(shift, &meta(count), iter) {
                seeds.push(file);
            }
        }
        let borrowed: Vec<(RecordId, &[u8])> = items
            .iter()
            .map(|(id, data)| (*id, data.as_slice()))
            .collect();
        seeds.push(cheap::plaintext(&meta(count), &borrowed));
    }
    let one = [(id(7), text.as_slice())];
    if let Ok(file) = cheap::encode(
        CHUNK_SHIFT,
        &meta(1),
        one.iter()
            .map(|(id, d)| Ok((*id, zeroize::Zeroizing::new(d.to_vec())))),
    ) {
        seeds.push(file);
    }
    seeds
}

/// Valid inputs for the `verify_evidence` target, in its format (a flags
/// byte, then the evidence, the report, the manifest and a checkpoint code
/// separated by 0xFF): a small export with records shown and left out, a
/// checkpoint, and its own code, so the fuzzer starts inside the chain checks.
pub fn evidence_seeds() -> Vec<Vec<u8>> {
    use crate::chain;
    use crate::domain::entries::{EntryBody, LedgerOp, LedgerRecord};
    use crate::domain::events::{CheckIn, EventBody};
    use crate::export::dir::manifest_text;
    use crate::export::html::render_report;
    use crate::export::schema::{Evidence, Period, Selection};

    let record = |seq: u64, note: &str| LedgerRecord {
        seq,
        entry_id: format!("{seq:032x}"),
        recorded_at: crate::time::from_millis(1_790_000_000_000 + seq as i64),
        op: LedgerOp::Create {
            at: crate::time::from_millis(1_789_990_000_000),
            utc_offset_seconds: 3600,
            content: EntryBody::Event {
                body: EventBody::CheckIn {
                    check_in: CheckIn {
                        mood: 3,
                        energy: Some(2),
                        note: note.into(),
                        tags: vec!["<tag>".into()],
                    },
                },
                locked: false,
            },
        },
        prev: None,
        digest: None,
    };
    let mut seeds = Vec::new();
    for shown in [vec![true, false, true], vec![false], vec![]] {
        let Ok(mut evidence) = Evidence::new(
            1_790_000_100_000,
            "Europe/Berlin",
            Period::default(),
            Selection {
                person_id: None,
                kinds: vec!["check_in".into()],
            },
        ) else {
            continue;
        };
        for (seq, include) in shown.iter().enumerate() {
            let r = record(seq as u64, "said \"this\" ✓");
            let pushed = if *include {
                chain::record_value(&r).and_then(|v| evidence.include(v))
            } else {
                chain::record_digest(&r)
                    .and_then(|d| d.ok_or(crate::VaultError::Corrupt))
                    .and_then(|d| evidence.omit(&d))
            };
            if pushed.is_err() {
                continue;
            }
        }
        let _ = evidence.add_checkpoint(evidence.chain.count.min(1), 1_790_000_050_000);
        let (Ok(json), Ok(code)) = (evidence.to_json(), evidence.checkpoint_code()) else {
            continue;
        };
        let report = render_report(&evidence).into_bytes();
        let manifest = manifest_text(&[
            (crate::export::dir::EVIDENCE_FILE, &json),
            (crate::export::dir::REPORT_FILE, &report),
        ]);
        let mut seed = vec![0b0000_0100];
        for (i, part) in [&json[..], &report[..], manifest.as_bytes(), code.as_bytes()]
            .into_iter()
            .enumerate()
        {
            if i > 0 {
                seed.push(0xFF);
            }
            seed.extend_from_slice(part);
        }
        seeds.push(seed);
    }
    seeds
}

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

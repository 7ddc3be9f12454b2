//! The backup reader on arbitrary bytes: header checks, key check, chunked
//! decryption and body parser, with the cheap fuzzing key instead of PBKDF2
//! (see `nocontact_core::fuzzing`). It must never panic, hang or allocate
//! without bound.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: write_seeds(),
    |data: &[u8]| nocontact_core::fuzzing::read_backup(data)
);

/// `cargo xtask fuzz` points `NOCONTACT_FUZZ_SEED_DIR` at this target's
/// corpus. Valid backups made with the fuzzing key are written there before
/// libFuzzer reads the corpus (this runs first), so the fuzzer starts past
/// the key check, inside the body. Nothing binary is kept in the repository.
fn write_seeds() {
    let Some(dir) = std::env::var_os("NOCONTACT_FUZZ_SEED_DIR") else {
        return;
    };
    let dir = Path::new(&dir);
    for (i, seed) in nocontact_core::fuzzing::backup_seeds().iter().enumerate() {
        if let Err(e) = std::fs::write(dir.join(format!("seed-{i:02}")), seed) {
            eprintln!("cannot write the seed corpus: {e}");
        }
    }
}

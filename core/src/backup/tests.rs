//! Tests of the backup format. Most use the cheap key of `cheap` (HKDF
//! instead of PBKDF2), so the thousands of damaged files below cost
//! microseconds each; the real `write`, `read` and `read_bytes`, with
//! PBKDF2 at the floor, are tested on their own.

use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use proptest::prelude::*;
use ring::digest::{digest, SHA256};

use super::stream::TAG_LEN;
use super::*;
use crate::progress::ProgressListener;

const PASSPHRASE: &str = "a long backup passphrase";
const CHECKSUM_AT: usize = 80;
const VERSION_AT: usize = 8;
const LEN_AT: usize = 9;
const ITERATIONS_AT: usize = 11;
const SHIFT_AT: usize = 15;

type Plain = Vec<(RecordId, Vec<u8>)>;

fn meta(n: u64) -> BackupMeta {
    BackupMeta {
        created_at_ms: 1_790_000_123_456,
        record_count: n,
        chain_count: n.wrapping_add(3),
        chain_head: [0xc4; 32],
    }
}

fn id(i: usize) -> RecordId {
    let mut b = [0xa5u8; 16];
    b[..8].copy_from_slice(&(i as u64).to_le_bytes());
    RecordId(b)
}

/// Items of the given sizes, with distinct ids and contents.
fn items(sizes: &[usize]) -> Plain {
    sizes
        .iter()
        .enumerate()
        .map(|(i, &n)| (id(i), (0..n).map(|j| (i * 31 + j * 7) as u8).collect()))
        .collect()
}

fn iter(items: &Plain) -> impl Iterator<Item = Result<Item>> + '_ {
    items
        .iter()
        .map(|(id, data)| Ok((*id, Zeroizing::new(data.clone()))))
}

/// A backup of `items` in memory, under the cheap key.
fn encode(shift: u8, items: &Plain) -> Vec<u8> {
    cheap::encode(shift, &meta(items.len() as u64), iter(items)).unwrap()
}

fn assert_holds(got: Result<(BackupMeta, Vec<Item>)>, items: &Plain) {
    let (m, read) = got.unwrap();
    assert_eq!(m, meta(items.len() as u64));
    assert_eq!(read.len(), items.len());
    for ((rid, rdata), (id, data)) in read.iter().zip(items) {
        assert_eq!(rid, id);
        assert_eq!(&rdata[..], &data[..]);
    }
}

/// Recomputes the version 1 header checksum after a test changed a field.
fn fix_checksum(file: &mut [u8]) {
    let sum = digest(&SHA256, &file[..CHECKSUM_AT]);
    file[CHECKSUM_AT..HEADER_LEN].copy_from_slice(sum.as_ref());
}

/// The file cut into its header and its sealed chunks.
fn chunks(file: &[u8], shift: u8) -> (Vec<u8>, Vec<Vec<u8>>) {
    let sealed = (1usize << shift) + TAG_LEN;
    let (header, body) = file.split_at(HEADER_LEN);
    (
        header.to_vec(),
        body.chunks(sealed).map(<[u8]>::to_vec).collect(),
    )
}

fn join(header: &[u8], chunks: &[Vec<u8>]) -> Vec<u8> {
    let mut out = header.to_vec();
    for c in chunks {
        out.extend_from_slice(c);
    }
    out
}

/// `write` after the key derivation, with the cheap key.
fn write_cheap(
    path: &Path,
    meta: &BackupMeta,
    items: impl Iterator<Item = Result<Item>>,
    progress: &mut Progress,
) -> Result<()> {
    let header = Header::new(KDF_FLOOR, CHUNK_SHIFT)?;
    let key = cheap::key(&header.salt);
    write_keyed(path, header, &key, meta, items, progress)
}

/// `read_bytes` with the cheap key and a progress.
fn read_cheap(bytes: &[u8], progress: &mut Progress) -> Result<(BackupMeta, Vec<Item>)> {
    read_from(
        bytes,
        bytes.len() as u64,
        |h| Ok(cheap::key(&h.salt)),
        progress,
    )
}

fn dir_entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

struct Recorder {
    seen: Mutex<Vec<(u64, u64)>>,
    stop_at: u64,
}

impl ProgressListener for Recorder {
    fn on_progress(&self, done: u64, total: u64) -> bool {
        self.seen.lock().unwrap().push((done, total));
        done < self.stop_at
    }
}

fn recorder(stop_at: u64) -> Arc<Recorder> {
    Arc::new(Recorder {
        seen: Mutex::new(Vec::new()),
        stop_at,
    })
}

/// A small file of several 256-byte chunks, for the every-byte tests.
fn small_file() -> (Vec<u8>, Plain) {
    let plain = items(&[10, 300, 0, 257, 40, 200, 100]);
    (encode(8, &plain), plain)
}

/// Items for the real-key tests: one crosses a 64 KiB chunk boundary.
fn real_items() -> Plain {
    let mut plain = items(&[120, 70_000, 0, 900]);
    plain[0].1 = b"{\"said\":\"MARKER-TEXT-4711\"}".to_vec();
    plain
}

/// A backup written by the real `write` (PBKDF2 at the floor), made once.
fn real_file() -> &'static [u8] {
    static FILE: OnceLock<Vec<u8>> = OnceLock::new();
    FILE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b");
        let plain = real_items();
        write(
            &path,
            PASSPHRASE,
            KDF_FLOOR,
            &meta(plain.len() as u64),
            iter(&plain),
            &mut Progress::silent(),
        )
        .unwrap();
        assert_eq!(dir_entries(dir.path()), ["b"], "no temporary file is left");
        fs::read(&path).unwrap()
    })
}

// ---- round trips ------------------------------------------------------

#[test]
fn the_real_path_round_trips_through_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("backup.bin");
    let plain = real_items();
    write(
        &path,
        PASSPHRASE,
        KDF_FLOOR,
        &meta(plain.len() as u64),
        iter(&plain),
        &mut Progress::silent(),
    )
    .unwrap();
    assert_eq!(dir_entries(dir.path()), ["backup.bin"]);
    assert_holds(read(&path, PASSPHRASE, &mut Progress::silent()), &plain);
    assert_eq!(
        read(&path, "another passphrase", &mut Progress::silent()).map(|_| ()),
        Err(VaultError::WrongSecret)
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "only the owner may read a backup");
    }
}

#[test]
fn read_bytes_takes_the_real_passphrase_and_nothing_else() {
    let file = real_file();
    assert_eq!(&file[..8], &MAGIC);
    assert_eq!(file[VERSION_AT], FORMAT_VERSION);
    assert_eq!(
        u32::from_le_bytes(file[ITERATIONS_AT..ITERATIONS_AT + 4].try_into().unwrap()),
        KDF_FLOOR
    );
    assert_eq!(file[SHIFT_AT], CHUNK_SHIFT);
    assert_holds(
        read_bytes(file, PASSPHRASE, &mut Progress::silent()),
        &real_items(),
    );
    assert_eq!(
        read_bytes(file, "a long backup passphrasE", &mut Progress::silent()).map(|_| ()),
        Err(VaultError::WrongSecret)
    );
    // Passphrases no backup can have are wrong without a derivation.
    for bad in ["", "abc", &"x".repeat(PASSCODE_MAX_CHARS + 1)] {
        assert_eq!(
            read_bytes(file, bad, &mut Progress::silent()).map(|_| ()),
            Err(VaultError::WrongSecret)
        );
    }
}

#[test]
fn the_real_path_finds_damage_past_the_key_check() {
    let file = real_file();
    let mut bad = file.to_vec();
    let last = bad.len() - 1;
    bad[last] ^= 0x01;
    assert_eq!(
        read_bytes(&bad, PASSPHRASE, &mut Progress::silent()).map(|_| ()),
        Err(VaultError::Corrupt)
    );
    let cut = &file[..HEADER_LEN + 70_000];
    assert_eq!(
        read_bytes(cut, PASSPHRASE, &mut Progress::silent()).map(|_| ()),
        Err(VaultError::Corrupt)
    );
}

#[test]
fn round_trips_zero_one_and_many_items() {
    for shift in [CHUNK_SHIFT, 8] {
        let c = 1usize << shift;
        let sets = [
            items(&[]),
            items(&[1]),
            items(&[0]),
            items(&(0..1000).map(|i| i % 203).collect::<Vec<_>>()),
            // The items' framing ends exactly on a chunk boundary.
            items(&[c - body::META_LEN - body::ITEM_HEAD_LEN]),
            items(&[
                c - body::META_LEN - body::ITEM_HEAD_LEN,
                c - body::ITEM_HEAD_LEN,
            ]),
            // An item's id and length straddle a boundary.
            items(&[c - body::META_LEN - 30, 5, 3 * c]),
        ];
        for plain in &sets {
            let file = encode(shift, plain);
            assert_holds(cheap::read(&file), plain);
        }
        // Ending on a boundary does not add an empty chunk.
        let sealed = c + TAG_LEN;
        assert_eq!(encode(shift, &sets[4]).len(), HEADER_LEN + sealed);
        assert_eq!(encode(shift, &sets[5]).len(), HEADER_LEN + 2 * sealed);
    }
}

#[test]
fn the_largest_item_round_trips_and_a_larger_one_is_refused() {
    let plain = items(&[ITEM_MAX, 3]);
    assert_holds(cheap::read(&encode(CHUNK_SHIFT, &plain)), &plain);
    let over = items(&[ITEM_MAX + 1]);
    assert_eq!(
        cheap::encode(CHUNK_SHIFT, &meta(1), iter(&over)).map(|_| ()),
        Err(VaultError::invalid("record"))
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_items_round_trip(sizes in proptest::collection::vec(0usize..700, 0..12), shift in 8u8..11) {
        let plain = items(&sizes);
        let file = encode(shift, &plain);
        let (m, read) = cheap::read(&file).unwrap();
        prop_assert_eq!(m, meta(plain.len() as u64));
        prop_assert_eq!(read.len(), plain.len());
        for ((rid, rdata), (id, data)) in read.iter().zip(&plain) {
            prop_assert_eq!(rid, id);
            prop_assert_eq!(&rdata[..], &data[..]);
        }
    }
}

#[test]
fn files_differ_every_time_and_show_no_text() {
    let plain = real_items();
    let a = encode(CHUNK_SHIFT, &plain);
    let b = encode(CHUNK_SHIFT, &plain);
    assert_ne!(a, b, "a fresh salt, so a fresh key, for every file");
    assert!(MAGIC.iter().any(|b| !b.is_ascii_graphic()));
    let marker = b"MARKER-TEXT-4711";
    for file in [&a[..], real_file()] {
        assert!(!file.windows(marker.len()).any(|w| w == marker));
    }
}

// ---- what is not a backup, or not this version ---------------------------

#[test]
fn what_is_not_a_backup_is_corrupt() {
    let mut inputs: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"SQLite format 3\0".to_vec(),
        vec![0; 4096],
        vec![0xff; 200],
        MAGIC.to_vec(),
        [&MAGIC[..], &[1]].concat(),
        [&MAGIC[..], &[1, 112, 0]].concat(),
    ];
    for n in 1..MAGIC.len() {
        inputs.push(MAGIC[..n].to_vec());
    }
    let mut wrong_magic = encode(8, &items(&[5]));
    wrong_magic[0] ^= 0x80;
    fix_checksum(&mut wrong_magic);
    inputs.push(wrong_magic);
    for input in &inputs {
        // The real entry point: all of these fail before any key derivation.
        assert_eq!(
            read_bytes(input, PASSPHRASE, &mut Progress::silent()).map(|_| ()),
            Err(VaultError::Corrupt),
            "{} bytes",
            input.len()
        );
    }
}

#[test]
fn a_later_version_is_unsupported_only_when_its_header_is_intact() {
    let file = encode(8, &items(&[5]));
    let read = |bytes: &[u8]| read_bytes(bytes, PASSPHRASE, &mut Progress::silent()).map(|_| ());

    let mut later = file.clone();
    later[VERSION_AT] = 2;
    assert_eq!(
        read(&later),
        Err(VaultError::Corrupt),
        "checksum not updated"
    );
    fix_checksum(&mut later);
    assert_eq!(read(&later), Err(VaultError::UnsupportedVersion));
    later[VERSION_AT] = 0xff;
    fix_checksum(&mut later);
    assert_eq!(read(&later), Err(VaultError::UnsupportedVersion));
    later[VERSION_AT] = 0;
    fix_checksum(&mut later);
    assert_eq!(read(&later), Err(VaultError::Corrupt));

    // A later version may have a longer header: the frame still holds.
    let frame = |version: u8, len: u16| {
        let mut f = MAGIC.to_vec();
        f.push(version);
        f.extend_from_slice(&len.to_le_bytes());
        f.resize(usize::from(len) - 32, 0x42);
        let sum = digest(&SHA256, &f);
        f.extend_from_slice(sum.as_ref());
        f.extend_from_slice(&[7; 100]);
        f
    };
    assert_eq!(read(&frame(2, 300)), Err(VaultError::UnsupportedVersion));
    assert_eq!(read(&frame(2, 43)), Err(VaultError::UnsupportedVersion));
    assert_eq!(read(&frame(2, 4096)), Err(VaultError::UnsupportedVersion));
    // Version 1 has exactly 112 bytes of header.
    assert_eq!(read(&frame(1, 113)), Err(VaultError::Corrupt));
    assert_eq!(read(&frame(1, 111)), Err(VaultError::Corrupt));
    // Frame lengths out of range, or longer than the file.
    for len in [0u16, 1, 42, 4097, u16::MAX] {
        let mut f = file.clone();
        f[LEN_AT..LEN_AT + 2].copy_from_slice(&len.to_le_bytes());
        assert_eq!(read(&f), Err(VaultError::Corrupt), "{len}");
    }
    let mut f = file[..200].to_vec();
    f[LEN_AT..LEN_AT + 2].copy_from_slice(&4096u16.to_le_bytes());
    assert_eq!(read(&f), Err(VaultError::Corrupt));
}

#[test]
fn iteration_counts_out_of_range_are_refused_before_any_derivation() {
    let file = encode(8, &items(&[5]));
    for iterations in [0, 1, 1000, KDF_FLOOR - 1, KDF_CEILING + 1, u32::MAX] {
        let mut f = file.clone();
        f[ITERATIONS_AT..ITERATIONS_AT + 4].copy_from_slice(&iterations.to_le_bytes());
        fix_checksum(&mut f);
        // u32::MAX iterations would take hours: getting an answer at all
        // shows none were run.
        assert_eq!(
            read_bytes(&f, PASSPHRASE, &mut Progress::silent()).map(|_| ()),
            Err(VaultError::Corrupt),
            "{iterations}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    for iterations in [0, KDF_FLOOR - 1, KDF_CEILING + 1] {
        let got = write(
            &dir.path().join("b"),
            PASSPHRASE,
            iterations,
            &meta(0),
            iter(&items(&[])),
            &mut Progress::silent(),
        );
        assert_eq!(got, Err(VaultError::invalid("kdf_iterations")));
    }
    assert!(dir_entries(dir.path()).is_empty());
}

#[test]
fn chunk_sizes_out_of_range_are_corrupt() {
    let file = encode(8, &items(&[5]));
    for shift in [0u8, 1, 7, 21, 32, 64, 255] {
        let mut f = file.clone();
        f[SHIFT_AT] = shift;
        fix_checksum(&mut f);
        assert_eq!(
            cheap::read(&f).map(|_| ()),
            Err(VaultError::Corrupt),
            "{shift}"
        );
    }
}

// ---- damage ----------------------------------------------------------------

#[test]
fn a_file_cut_at_any_length_is_corrupt() {
    let (file, _) = small_file();
    assert!(file.len() > HEADER_LEN + 3 * 256, "several chunks");
    for len in 0..file.len() {
        assert_eq!(
            cheap::read(&file[..len]).map(|_| ()),
            Err(VaultError::Corrupt),
            "cut at {len}"
        );
    }
    // The real entry point too, where it costs no derivation (in the header).
    for len in 0..HEADER_LEN {
        assert_eq!(
            read_bytes(&file[..len], PASSPHRASE, &mut Progress::silent()).map(|_| ()),
            Err(VaultError::Corrupt)
        );
    }
}

#[test]
fn a_flipped_bit_anywhere_is_detected() {
    let (file, plain) = small_file();
    assert_holds(cheap::read(&file), &plain);
    for i in 0..file.len() * 8 {
        let mut bad = file.clone();
        bad[i / 8] ^= 1 << (i % 8);
        let got = cheap::read(&bad).map(|_| ());
        assert!(
            matches!(got, Err(VaultError::Corrupt | VaultError::WrongSecret)),
            "bit {i}: {got:?}"
        );
    }
}

#[test]
fn chunks_swapped_dropped_repeated_or_added_are_detected() {
    let shift = 8;
    let (file, plain) = small_file();
    let (header, parts) = chunks(&file, shift);
    let n = parts.len();
    assert!(n >= 4);
    assert_eq!(join(&header, &parts), file);
    let other = encode(shift, &plain);
    let (other_header, other_parts) = chunks(&other, shift);
    assert_eq!(other_parts.len(), n);

    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut swapped = parts.clone();
    swapped.swap(0, 1);
    cases.push(("swap 0 and 1", join(&header, &swapped)));
    let mut swapped = parts.clone();
    swapped.swap(1, 2);
    cases.push(("swap 1 and 2", join(&header, &swapped)));
    for drop in 0..n {
        let mut dropped = parts.clone();
        dropped.remove(drop);
        cases.push(("drop a chunk", join(&header, &dropped)));
    }
    let mut repeated = parts.clone();
    repeated.insert(1, parts[1].clone());
    cases.push(("repeat chunk 1", join(&header, &repeated)));
    let mut repeated = parts.clone();
    repeated.push(parts[n - 1].clone());
    cases.push(("repeat the last chunk", join(&header, &repeated)));
    let mut moved = parts.clone();
    let last = moved.pop().unwrap();
    moved.insert(1, last);
    cases.push(("move the last chunk", join(&header, &moved)));
    for extra in [&[0u8][..], &[0; 16], &[0; 17], &[0x33; 272], &parts[0]] {
        cases.push(("append bytes", [&file[..], extra].concat()));
    }
    let mut mixed = parts.clone();
    mixed[1] = other_parts[1].clone();
    cases.push(("a chunk of another file", join(&header, &mixed)));
    cases.push((
        "another file's last chunk",
        join(&header, &[&parts[..n - 1], &other_parts[n - 1..]].concat()),
    ));
    cases.push(("another file's header", join(&other_header, &parts)));
    for (what, bytes) in &cases {
        assert_eq!(
            cheap::read(bytes).map(|_| ()),
            Err(VaultError::Corrupt),
            "{what}"
        );
    }
}

#[test]
fn lengths_and_counts_beyond_the_data_are_corrupt() {
    let blob = [0x61u8; 50];
    let one = [(id(1), &blob[..])];
    let valid = cheap::plaintext(&meta(1), &one);
    let mut cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "a count no data can hold",
            cheap::plaintext(&meta(u64::MAX), &[]),
        ),
        ("one more item than given", cheap::plaintext(&meta(2), &one)),
        (
            "one item fewer than given",
            cheap::plaintext(&meta(0), &one),
        ),
        (
            "a short metadata block",
            valid[..body::META_LEN - 1].to_vec(),
        ),
        ("nothing at all", Vec::new()),
        ("a cut item", valid[..valid.len() - 1].to_vec()),
        ("bytes after the last item", [&valid[..], &[0]].concat()),
    ];
    let len_at = body::META_LEN + 16;
    for len in [51u32, 1 << 20, (1 << 20) + 1, u32::MAX] {
        let mut p = valid.clone();
        p[len_at..len_at + 4].copy_from_slice(&len.to_le_bytes());
        cases.push(("a length past the end", p));
    }
    let over = vec![0x62u8; ITEM_MAX + 1];
    cases.push((
        "an item over the limit, all present",
        cheap::plaintext(&meta(1), &[(id(1), &over[..])]),
    ));
    cases.push((
        "the same id twice",
        cheap::plaintext(&meta(2), &[(id(1), &blob[..]), (id(1), &blob[..3])]),
    ));
    assert!(cheap::read_plaintext(&valid).is_ok());
    assert_holds(
        cheap::read(&cheap::seal_plaintext(8, &valid).unwrap()),
        &vec![(id(1), blob.to_vec())],
    );
    for (what, plaintext) in &cases {
        assert_eq!(
            cheap::read_plaintext(plaintext).map(|_| ()),
            Err(VaultError::Corrupt),
            "{what} (parser)"
        );
        if plaintext.is_empty() {
            continue; // an empty stream cannot be sealed
        }
        for shift in [8, CHUNK_SHIFT] {
            let sealed = cheap::seal_plaintext(shift, plaintext).unwrap();
            assert_eq!(
                cheap::read(&sealed).map(|_| ()),
                Err(VaultError::Corrupt),
                "{what}"
            );
        }
    }
}

// ---- files -------------------------------------------------------------------

#[test]
fn empty_missing_and_directory_paths() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    fs::write(&empty, b"").unwrap();
    let silent = &mut Progress::silent();
    assert_eq!(
        read(&empty, PASSPHRASE, silent).map(|_| ()),
        Err(VaultError::Corrupt)
    );
    assert_eq!(
        read(&dir.path().join("missing"), PASSPHRASE, silent).map(|_| ()),
        Err(VaultError::NotFound)
    );
    assert_eq!(
        read(dir.path(), PASSPHRASE, silent).map(|_| ()),
        Err(VaultError::NotFound)
    );
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).unwrap();
    let got = write(
        &sub,
        PASSPHRASE,
        KDF_FLOOR,
        &meta(0),
        iter(&items(&[])),
        silent,
    );
    assert_eq!(got, Err(VaultError::AlreadyExists));
    assert_eq!(dir_entries(dir.path()), ["empty", "sub"]);
    assert!(dir_entries(&sub).is_empty());
}

#[test]
fn an_existing_target_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b");
    fs::write(&path, b"keep me").unwrap();
    let plain = items(&[5]);
    let silent = &mut Progress::silent();
    let got = write(&path, PASSPHRASE, KDF_FLOOR, &meta(1), iter(&plain), silent);
    assert_eq!(got, Err(VaultError::AlreadyExists));
    // Also when the target appears while the backup is being written.
    let late = dir.path().join("late");
    let appearing = iter(&plain).inspect(|_| fs::write(&late, b"keep me too").unwrap());
    assert_eq!(
        write_cheap(&late, &meta(1), appearing, silent),
        Err(VaultError::AlreadyExists)
    );
    assert_eq!(fs::read(&path).unwrap(), b"keep me");
    assert_eq!(fs::read(&late).unwrap(), b"keep me too");
    assert_eq!(dir_entries(dir.path()), ["b", "late"]);
    #[cfg(unix)]
    {
        let link = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &link).unwrap();
        let got = write(&link, PASSPHRASE, KDF_FLOOR, &meta(1), iter(&plain), silent);
        assert_eq!(got, Err(VaultError::AlreadyExists));
    }
}

#[test]
fn a_missing_directory_is_a_storage_failure() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/dir/b");
    let got = write_cheap(&path, &meta(0), iter(&items(&[])), &mut Progress::silent());
    assert_eq!(got, Err(VaultError::Storage));
    assert!(dir_entries(dir.path()).is_empty());
}

#[test]
fn cancelling_a_write_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b");
    let plain = items(&vec![300; 1000]);
    let listener = recorder(100);
    let mut progress = Progress::new(Some(listener.clone()), 1000);
    let got = write(
        &path,
        PASSPHRASE,
        KDF_FLOOR,
        &meta(1000),
        iter(&plain),
        &mut progress,
    );
    assert_eq!(got, Err(VaultError::Cancelled));
    assert!(dir_entries(dir.path()).is_empty());
    let seen = listener.seen.lock().unwrap();
    assert!(seen
        .last()
        .is_some_and(|&(done, _)| (100..200).contains(&done)));
}

#[test]
fn a_failing_item_source_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b");
    let plain = items(&[70_000; 5]);
    let failing = iter(&plain).enumerate().map(|(i, item)| {
        if i == 3 {
            Err(VaultError::Storage)
        } else {
            item
        }
    });
    let got = write_cheap(&path, &meta(5), failing, &mut Progress::silent());
    assert_eq!(got, Err(VaultError::Storage));
    assert!(dir_entries(dir.path()).is_empty());
}

#[test]
fn write_checks_what_it_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b");
    let silent = &mut Progress::silent();
    let three = items(&[1, 2, 3]);
    let cases: Vec<(&str, BackupMeta, Plain)> = vec![
        ("record_count", meta(4), three.clone()),
        ("record_count", meta(2), three.clone()),
        ("record", meta(1), items(&[ITEM_MAX + 1])),
        (
            "record_id",
            meta(2),
            vec![three[0].clone(), three[0].clone()],
        ),
    ];
    for (field, m, plain) in &cases {
        assert_eq!(
            write_cheap(&path, m, iter(plain), silent),
            Err(VaultError::invalid(field))
        );
        assert!(dir_entries(dir.path()).is_empty());
    }
    for bad in ["", "abc", &"x".repeat(PASSCODE_MAX_CHARS + 1)] {
        let got = write(&path, bad, KDF_FLOOR, &meta(0), iter(&items(&[])), silent);
        assert_eq!(got, Err(VaultError::invalid("passphrase")));
    }
    assert!(dir_entries(dir.path()).is_empty());
}

#[test]
fn reading_reports_progress_and_can_be_cancelled() {
    let plain = items(&vec![10; 500]);
    let file = encode(8, &plain);
    let listener = recorder(u64::MAX);
    let mut progress = Progress::new(Some(listener.clone()), 0);
    assert_holds(read_cheap(&file, &mut progress), &plain);
    let seen = listener.seen.lock().unwrap().clone();
    assert_eq!(seen.first(), Some(&(0, 500)));
    assert_eq!(seen.last(), Some(&(500, 500)));

    let mut progress = Progress::new(Some(recorder(250)), 0);
    assert_eq!(
        read_cheap(&file, &mut progress).map(|_| ()),
        Err(VaultError::Cancelled)
    );
}

#[test]
fn written_files_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b");
    let plain = items(&[0, 65_536, 65_516, 1, 200_000]);
    write_cheap(&path, &meta(5), iter(&plain), &mut Progress::silent()).unwrap();
    assert_holds(cheap::read(&fs::read(&path).unwrap()), &plain);
    assert_eq!(dir_entries(dir.path()), ["b"]);
}

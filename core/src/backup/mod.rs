//! Encrypted backup files: the whole content of a vault in one file, sealed
//! under a backup passphrase, safe to leave in a cloud drive.
//!
//! This module is the file format, its writer and its reader. Which records
//! go in, and restoring them into a vault, belong to the caller: it calls
//! [`write`] with the records and [`read`] (or [`read_bytes`]) to get them
//! back, and touches the vault only after `read` returned `Ok`, because
//! `read` checks the whole file before it returns anything.
//!
//! # Format, version 1
//!
//! Integers are little-endian unless marked BE (big-endian).
//!
//! ```text
//! offset  size  header
//!      0     8  magic        83 67 a5 09 40 4d 50 a7 (arbitrary bytes, no text)
//!      8     1  version      1
//!      9     2  header_len   u16: length of the header, checksum included (112)
//!     11     4  iterations   u32: PBKDF2-HMAC-SHA256 count, KDF_FLOOR..=KDF_CEILING
//!     15     1  chunk_shift  u8: plaintext chunks are 2^chunk_shift bytes, 8..=20
//!                            (written as 16: 64 KiB)
//!     16    32  salt         random, fresh for every file
//!     48    32  key_check    HMAC-SHA256(check key, bytes 0..48)
//!     80    32  checksum     SHA-256(bytes 0..80)
//!    112   ...  body         sealed chunks, to the end of the file
//! ```
//!
//! Every version keeps the *frame*: magic, version and `header_len` where
//! they are, and a header that ends with the SHA-256 of the bytes before it
//! (`header_len` within 43..=4096). So a damaged header (even a damaged
//! version byte) is `Corrupt`, and only an intact header of a later version
//! is `UnsupportedVersion`.
//!
//! **Keys.** `stretched = PBKDF2-HMAC-SHA256(passphrase as UTF-8, salt,
//! iterations)`; then HKDF-SHA256 with the salt: the body key under the
//! label `backup/body/v1`, the check key under `backup/check/v1`. A wrong
//! passphrase fails the key check (`WrongSecret`) before the body is read.
//!
//! **Body** (see [`stream`]): the plaintext below, cut into chunks of
//! exactly `2^chunk_shift` bytes, the last one 1 to `2^chunk_shift` bytes
//! (never empty; a full last chunk is not followed by an empty one). Chunk
//! `i` (from 0) is stored as `AES-256-GCM(body key, nonce = 00000000 ||
//! i as u64 BE, aad = checksum || i as u64 BE || last) = ciphertext || tag
//! (16)`, with `last` 1 on the last chunk and 0 elsewhere. The number of
//! chunks and the length of the last follow from the file's length.
//!
//! ```text
//! plaintext
//!   created_at_ms  i64   when the backup was made (ms since 1970, UTC)
//!   record_count   u64   number of items that follow
//!   chain_count    u64   records in the vault's hash chain
//!   chain_head     [32]  the chain's head
//!   record_count times:
//!     id           [16]  the record's id
//!     len          u32   at most ITEM_MAX (1 MiB) and at most what remains
//!     bytes        [len] the record's plaintext
//!   (nothing after the last item)
//! ```
//!
//! Ids are distinct. The reader checks, in this order: the magic
//! (`Corrupt`: not a backup), the frame and the checksum (`Corrupt`), the
//! version (`UnsupportedVersion`), the iteration count and chunk size
//! (`Corrupt`, before any key derivation, so a crafted file cannot make it
//! spin), the key check (`WrongSecret`), then every chunk and every length
//! (`Corrupt`). I/O failures are `Storage`, a missing file `NotFound`.
//!
//! **Writing** goes to a temporary file next to the target (a random hidden
//! name, mode 0600), which is synced, read back and checked with the same
//! key, then put in place without replacing anything: a hard link (which
//! fails if the target exists) or, where the file system or its policy
//! refuses links (FAT, some Android storage), a check followed by a rename.
//! Any failure or cancellation removes the temporary file.

// The vault's backup and restore calls are written against this API
// separately; until they land, only the tests and the fuzz target use it.

mod body;
mod header;
pub(crate) mod passphrase;
mod stream;
#[cfg(test)]
mod tests;
mod words;

use std::fs::{self, File, OpenOptions};
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use self::body::{read_body, write_body};
use self::header::{Header, Keys};
use self::stream::{Opener, Sealer};
use crate::crypto::kdf::{SecretKey, KDF_CEILING, KDF_FLOOR};
use crate::crypto::random;
use crate::keyring::{PASSCODE_MAX_CHARS, PASSCODE_MIN_CHARS};
use crate::progress::Progress;
use crate::record::RecordId;
use crate::{codec, Result, VaultError};

/// The first bytes of every backup file. Arbitrary: nothing in a backup
/// says what app wrote it.
const MAGIC: [u8; 8] = [0x83, 0x67, 0xa5, 0x09, 0x40, 0x4d, 0x50, 0xa7];
/// The format version this code writes and reads.
pub(crate) const FORMAT_VERSION: u8 = 1;
/// The length of a version 1 header.
const HEADER_LEN: usize = 112;
/// The shortest and longest header any version may have (see the frame).
const FRAME_MIN: usize = MAGIC.len() + 1 + 2 + 32;
const FRAME_MAX: usize = 4096;
/// Plaintext chunks of 64 KiB.
pub(crate) const CHUNK_SHIFT: u8 = 16;
const CHUNK_SHIFT_MIN: u8 = 8;
const CHUNK_SHIFT_MAX: u8 = 20;
/// The largest item (one record's plaintext) a backup holds.
pub(crate) const ITEM_MAX: usize = 1 << 20;

/// What a backup says about itself, stored first inside the encrypted stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BackupMeta {
    /// When the backup was made, in milliseconds since 1970 (UTC).
    pub(crate) created_at_ms: i64,
    /// The number of items that follow.
    pub(crate) record_count: u64,
    /// The number of records in the vault's hash chain.
    pub(crate) chain_count: u64,
    /// The head of that chain.
    pub(crate) chain_head: [u8; 32],
}

/// One item: a record's id and its plaintext (JSON), wiped when dropped.
pub(crate) type Item = (RecordId, Zeroizing<Vec<u8>>);

/// Writes a new backup at `path`, encrypted under `passphrase`.
///
/// `iterations` is the PBKDF2 count (the vault's own; `KDF_FLOOR` to
/// `KDF_CEILING`, else `InvalidInput { field: "kdf_iterations" }`). The
/// passphrase must reach the floor of [`passphrase::check_new`]
/// (`InvalidInput { field: "passphrase" }`); reading takes any passphrase
/// within the passcode's limits, so older backups still open. `items` must yield exactly `meta.record_count` items
/// (`InvalidInput { field: "record_count" }`), each at most [`ITEM_MAX`]
/// bytes (`"record"`), with distinct ids (`"record_id"`); an `Err` it yields
/// stops the backup with that error. They are streamed one chunk at a time:
/// besides one 64 KiB chunk, memory grows only by the 16-byte ids kept to
/// refuse duplicates. `progress` advances by one per item (its total is
/// the caller's to set); when its listener says stop the result is
/// `Cancelled`.
///
/// If `path` exists the result is `AlreadyExists` and it is left alone. On
/// any error nothing is left behind; on `Ok` the file is complete, synced
/// and has been read back.
pub(crate) fn write(
    path: &Path,
    passphrase: &str,
    iterations: u32,
    meta: &BackupMeta,
    items: impl Iterator<Item = Result<Item>>,
    progress: &mut Progress,
) -> Result<()> {
    passphrase::check_new(passphrase)?;
    if !(KDF_FLOOR..=KDF_CEILING).contains(&iterations) {
        return Err(VaultError::invalid("kdf_iterations"));
    }
    // Before the slow key derivation; checked again when the file is put in place.
    if fs::symlink_metadata(path).is_ok() {
        return Err(VaultError::AlreadyExists);
    }
    let header = Header::new(iterations, CHUNK_SHIFT)?;
    let stretched = header::stretch(passphrase, &header);
    write_keyed(path, header, &stretched, meta, items, progress)
}

/// Reads and checks the whole backup at `path`. Returns only when every
/// byte checked out; see the module documentation for the errors. Sets the
/// progress total to the number of items once it is known and advances by
/// one per item; a listener that says stop gives `Cancelled`.
pub(crate) fn read(
    path: &Path,
    passphrase: &str,
    progress: &mut Progress,
) -> Result<(BackupMeta, Vec<Item>)> {
    let file = open_regular(path)?;
    let len = file.metadata().map_err(|_| VaultError::Storage)?.len();
    let src = BufReader::with_capacity(1 << CHUNK_SHIFT, file);
    read_from(src, len, |h| passphrase_key(passphrase, h), progress)
}

/// [`read`], for a backup already in memory.
#[cfg(test)]
pub(crate) fn read_bytes(
    bytes: &[u8],
    passphrase: &str,
    progress: &mut Progress,
) -> Result<(BackupMeta, Vec<Item>)> {
    read_from(
        bytes,
        bytes.len() as u64,
        |h| passphrase_key(passphrase, h),
        progress,
    )
}

/// A NUL can never be right: PBKDF2's zero padding would let
/// `"…phrase\0"` open what `"…phrase"` opens.
fn passphrase_shape_ok(passphrase: &str) -> bool {
    (PASSCODE_MIN_CHARS..=PASSCODE_MAX_CHARS).contains(&passphrase.chars().count())
        && !passphrase.contains('\0')
}

/// Stretches the passphrase under the header's settings. One that could
/// never have been set is wrong without spending the derivation on it.
fn passphrase_key(passphrase: &str, header: &Header) -> Result<SecretKey> {
    if !passphrase_shape_ok(passphrase) {
        return Err(VaultError::WrongSecret);
    }
    Ok(header::stretch(passphrase, header))
}

/// Opens `path` for reading if it is a regular file.
fn open_regular(path: &Path) -> Result<File> {
    match fs::metadata(path) {
        Ok(m) if m.is_file() => {}
        Ok(_) => return Err(VaultError::NotFound),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(VaultError::NotFound),
        Err(_) => return Err(VaultError::Storage),
    }
    File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => VaultError::NotFound,
        _ => VaultError::Storage,
    })
}

/// An error while reading: the source ended early (`Corrupt`) or failed.
fn read_err(e: std::io::Error) -> VaultError {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => VaultError::Corrupt,
        _ => VaultError::Storage,
    }
}

/// Reads a backup of `len` bytes from `src`. `stretch` turns the checked
/// header into the stretched key (PBKDF2 of the passphrase, or a key given
/// directly in tests and fuzzing).
fn read_from(
    mut src: impl Read,
    len: u64,
    stretch: impl FnOnce(&Header) -> Result<SecretKey>,
    progress: &mut Progress,
) -> Result<(BackupMeta, Vec<Item>)> {
    let header = Header::read(&mut src)?;
    let stretched = stretch(&header)?;
    let keys = Keys::derive(&stretched, &header.salt)?;
    header.check_keys(&keys)?;
    let body_len = len
        .checked_sub(HEADER_LEN as u64)
        .ok_or(VaultError::Corrupt)?;
    let mut opener = Opener::new(
        src,
        &keys.body,
        header.digest(),
        header.chunk_len(),
        body_len,
    )?;
    let mut items = Vec::new();
    let meta = read_body(&mut opener, progress, |item| {
        items.push(item);
        Ok(())
    })?;
    opener.finish()?;
    Ok((meta, items))
}

/// Seals the header and the body into `out`.
fn encode<W: Write>(
    out: W,
    header: &Header,
    keys: &Keys,
    meta: &BackupMeta,
    items: impl Iterator<Item = Result<Item>>,
    progress: &mut Progress,
) -> Result<W> {
    let mut out = out;
    out.write_all(header.bytes())
        .map_err(|_| VaultError::Storage)?;
    let mut sealer = Sealer::new(out, &keys.body, header.digest(), header.chunk_len())?;
    write_body(&mut sealer, meta, items, progress)?;
    sealer.finish()
}

/// [`write`] after the key derivation: `header` is new (random salt, not
/// yet sealed), `stretched` the key derived from the passphrase.
fn write_keyed(
    path: &Path,
    mut header: Header,
    stretched: &SecretKey,
    meta: &BackupMeta,
    items: impl Iterator<Item = Result<Item>>,
    progress: &mut Progress,
) -> Result<()> {
    let keys = Keys::derive(stretched, &header.salt)?;
    header.seal(&keys);
    let temp = TempFile::create(path)?;
    let out = BufWriter::with_capacity(1 << CHUNK_SHIFT, temp.file()?);
    let out = encode(out, &header, &keys, meta, items, progress)?;
    let file = out.into_inner().map_err(|_| VaultError::Storage)?;
    file.sync_all().map_err(|_| VaultError::Storage)?;
    verify(&temp.path, &header, &keys).map_err(|e| match e {
        VaultError::Cancelled => VaultError::Cancelled,
        _ => VaultError::Storage,
    })?;
    temp.persist(path)
}

/// Reads the written file back and checks all of it, keeping nothing.
fn verify(path: &Path, header: &Header, keys: &Keys) -> Result<()> {
    let file = File::open(path).map_err(|_| VaultError::Storage)?;
    let len = file.metadata().map_err(|_| VaultError::Storage)?.len();
    let mut src = BufReader::with_capacity(1 << CHUNK_SHIFT, file);
    let read = Header::read(&mut src)?;
    if read.bytes() != header.bytes() {
        return Err(VaultError::Storage);
    }
    let body_len = len
        .checked_sub(HEADER_LEN as u64)
        .ok_or(VaultError::Storage)?;
    let mut opener = Opener::new(
        src,
        &keys.body,
        header.digest(),
        header.chunk_len(),
        body_len,
    )?;
    read_body(&mut opener, &mut Progress::silent(), |_| Ok(()))?;
    opener.finish()
}

/// The temporary file a backup is written to, next to its target; removed
/// when dropped unless it was put in place.
struct TempFile {
    path: PathBuf,
    dir: PathBuf,
    file: Option<File>,
    placed: bool,
}

impl TempFile {
    fn create(target: &Path) -> Result<TempFile> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        for _ in 0..8 {
            let name = format!(".{}.tmp", codec::hex_encode(&random::array::<8>()?));
            let path = dir.join(name);
            let mut options = OpenOptions::new();
            options.read(true).write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            match options.open(&path) {
                Ok(file) => {
                    return Ok(TempFile {
                        path,
                        dir,
                        file: Some(file),
                        placed: false,
                    })
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(_) => return Err(VaultError::Storage),
            }
        }
        Err(VaultError::Storage)
    }

    fn file(&self) -> Result<&File> {
        self.file.as_ref().ok_or(VaultError::Storage)
    }

    /// Gives the file its final name, never replacing an existing file.
    fn persist(mut self, target: &Path) -> Result<()> {
        drop(self.file.take());
        match fs::hard_link(&self.path, target) {
            Ok(()) => {
                self.placed = true;
                let _ = fs::remove_file(&self.path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(VaultError::AlreadyExists)
            }
            Err(_) => {
                // No hard links here (Android's app storage refuses them,
                // FAT has none): check, then rename. Only a writer racing
                // us between the two could be replaced.
                if fs::symlink_metadata(target).is_ok() {
                    return Err(VaultError::AlreadyExists);
                }
                fs::rename(&self.path, target).map_err(|_| VaultError::Storage)?;
                self.placed = true;
            }
        }
        sync_dir(&self.dir);
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        drop(self.file.take());
        if !self.placed {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Makes a new name in `dir` durable. Best effort: some platforms cannot
/// open a directory for syncing; the file's own data is already synced.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Entry points for the fuzz targets (see `crate::fuzzing`): the real
/// parsers, with a key derived cheaply instead of by PBKDF2.
#[cfg(any(test, fuzzing))]
pub(crate) mod cheap {
    use super::*;
    use crate::crypto::kdf;

    /// The stretched key files made by [`encode`] here are sealed under:
    /// HKDF of a fixed secret and the file's salt. Never used outside tests
    /// and fuzzing builds.
    pub(crate) fn key(salt: &[u8]) -> SecretKey {
        kdf::hkdf(salt, b"fuzzing", b"backup/fuzzing/v1")
    }

    /// A whole backup in memory, under [`key`], with chunks of
    /// `2^chunk_shift` bytes.
    pub(crate) fn encode(
        chunk_shift: u8,
        meta: &BackupMeta,
        items: impl Iterator<Item = Result<Item>>,
    ) -> Result<Vec<u8>> {
        let mut header = Header::new(KDF_FLOOR, chunk_shift)?;
        let keys = Keys::derive(&key(&header.salt), &header.salt)?;
        header.seal(&keys);
        super::encode(
            Vec::new(),
            &header,
            &keys,
            meta,
            items,
            &mut Progress::silent(),
        )
    }

    /// [`read_bytes`] with the key of [`key`]: the same checks, in the same
    /// order, without PBKDF2.
    pub(crate) fn read(data: &[u8]) -> Result<(BackupMeta, Vec<Item>)> {
        read_from(
            data,
            data.len() as u64,
            |h| Ok(key(&h.salt)),
            &mut Progress::silent(),
        )
    }

    /// The body parser alone, over `data` taken as an opened plaintext.
    pub(crate) fn read_plaintext(data: &[u8]) -> Result<BackupMeta> {
        read_body(
            &mut stream::SliceSource(data),
            &mut Progress::silent(),
            |_| Ok(()),
        )
    }

    /// A plaintext as [`encode`] would seal it.
    pub(crate) fn plaintext(meta: &BackupMeta, items: &[(RecordId, &[u8])]) -> Vec<u8> {
        let mut out = meta.encode().to_vec();
        for (id, data) in items {
            out.extend_from_slice(&id.0);
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(data);
        }
        out
    }

    /// `plaintext` sealed as a whole backup under [`key`], whatever it holds.
    pub(crate) fn seal_plaintext(chunk_shift: u8, plaintext: &[u8]) -> Result<Vec<u8>> {
        let mut header = Header::new(KDF_FLOOR, chunk_shift)?;
        let keys = Keys::derive(&key(&header.salt), &header.salt)?;
        header.seal(&keys);
        let out = header.bytes().to_vec();
        let mut sealer = Sealer::new(out, &keys.body, header.digest(), header.chunk_len())?;
        sealer.write(plaintext)?;
        sealer.finish()
    }
}

//! The backup header: its frame, its checksum, the key derivation and the
//! key check. See the format in the module above.

use std::io::Read;

use ring::aead::{LessSafeKey, UnboundKey, AES_256_GCM};
use ring::{digest, hmac};

use super::{
    read_err, CHUNK_SHIFT_MAX, CHUNK_SHIFT_MIN, FORMAT_VERSION, FRAME_MAX, FRAME_MIN, HEADER_LEN,
    MAGIC,
};
use crate::crypto::kdf::{self, SecretKey, KDF_CEILING, KDF_FLOOR};
use crate::crypto::{random, KEY_LEN};
use crate::{Result, VaultError};

pub(super) const SALT_LEN: usize = 32;
pub(super) const DIGEST_LEN: usize = 32;
const CHECK_LEN: usize = 32;
/// Bytes before the length field: magic and version.
const PREFIX_LEN: usize = MAGIC.len() + 1;
/// Offsets of the version 1 fields.
const ITERATIONS_AT: usize = PREFIX_LEN + 2;
const SHIFT_AT: usize = ITERATIONS_AT + 4;
const SALT_AT: usize = SHIFT_AT + 1;
const CHECK_AT: usize = SALT_AT + SALT_LEN;
const DIGEST_AT: usize = CHECK_AT + CHECK_LEN;
const _: () = assert!(DIGEST_AT + DIGEST_LEN == HEADER_LEN);

/// HKDF labels for the two keys derived from the stretched passphrase.
const LABEL_BODY: &[u8] = b"backup/body/v1";
const LABEL_CHECK: &[u8] = b"backup/check/v1";

/// A parsed (or newly made) version 1 header.
pub(super) struct Header {
    pub(super) iterations: u32,
    pub(super) chunk_shift: u8,
    pub(super) salt: [u8; SALT_LEN],
    /// The header as stored, `HEADER_LEN` bytes.
    bytes: [u8; HEADER_LEN],
}

/// The keys of one backup file. Fresh for every file (the salt is random).
pub(super) struct Keys {
    pub(super) body: LessSafeKey,
    check: hmac::Key,
}

impl Keys {
    /// Derives both keys from a stretched passphrase (HKDF only; the caller
    /// ran PBKDF2, or, in tests and fuzzing, supplies a key directly).
    pub(super) fn derive(stretched: &[u8; KEY_LEN], salt: &[u8; SALT_LEN]) -> Result<Keys> {
        let body_raw = kdf::hkdf(salt, stretched, LABEL_BODY);
        let check_raw = kdf::hkdf(salt, stretched, LABEL_CHECK);
        let unbound =
            UnboundKey::new(&AES_256_GCM, &body_raw[..]).map_err(|_| VaultError::Corrupt)?;
        Ok(Keys {
            body: LessSafeKey::new(unbound),
            check: hmac::Key::new(hmac::HMAC_SHA256, &check_raw[..]),
        })
    }
}

/// Stretches a passphrase with PBKDF2 under the header's settings.
pub(super) fn stretch(passphrase: &str, header: &Header) -> SecretKey {
    kdf::stretch_passcode(passphrase, &header.salt, header.iterations)
}

impl Header {
    /// A new header with a random salt. `iterations` and `chunk_shift` must
    /// already be in range. The key check is filled in by [`Header::seal`].
    pub(super) fn new(iterations: u32, chunk_shift: u8) -> Result<Header> {
        Ok(Header {
            iterations,
            chunk_shift,
            salt: random::array()?,
            bytes: [0; HEADER_LEN],
        })
    }

    /// Lays out the header bytes, with the key check made under `keys` and
    /// the checksum over everything before it.
    pub(super) fn seal(&mut self, keys: &Keys) {
        let mut b = [0u8; HEADER_LEN];
        b[..MAGIC.len()].copy_from_slice(&MAGIC);
        b[MAGIC.len()] = FORMAT_VERSION;
        // HEADER_LEN is a small constant (112): the cast cannot truncate.
        b[PREFIX_LEN..ITERATIONS_AT].copy_from_slice(&(HEADER_LEN as u16).to_le_bytes());
        b[ITERATIONS_AT..SHIFT_AT].copy_from_slice(&self.iterations.to_le_bytes());
        b[SHIFT_AT] = self.chunk_shift;
        b[SALT_AT..CHECK_AT].copy_from_slice(&self.salt);
        let check = hmac::sign(&keys.check, &b[..CHECK_AT]);
        b[CHECK_AT..DIGEST_AT].copy_from_slice(check.as_ref());
        let sum = digest::digest(&digest::SHA256, &b[..DIGEST_AT]);
        b[DIGEST_AT..].copy_from_slice(sum.as_ref());
        self.bytes = b;
    }

    pub(super) fn bytes(&self) -> &[u8; HEADER_LEN] {
        &self.bytes
    }

    /// The header's checksum; it stands for the whole header in the
    /// associated data of every chunk.
    pub(super) fn digest(&self) -> &[u8] {
        &self.bytes[DIGEST_AT..]
    }

    pub(super) fn chunk_len(&self) -> usize {
        1 << self.chunk_shift
    }

    /// Whether `keys` were derived from the passphrase this file was made
    /// with (constant time).
    pub(super) fn check_keys(&self, keys: &Keys) -> Result<()> {
        hmac::verify(
            &keys.check,
            &self.bytes[..CHECK_AT],
            &self.bytes[CHECK_AT..DIGEST_AT],
        )
        .map_err(|_| VaultError::WrongSecret)
    }

    /// Reads and checks a header from the start of `src`, consuming exactly
    /// its bytes. Not a backup (wrong magic), a damaged header (checksum) or
    /// settings out of range: `Corrupt`. A later version with an intact
    /// frame: `UnsupportedVersion`.
    pub(super) fn read(src: &mut impl Read) -> Result<Header> {
        let mut head = [0u8; ITERATIONS_AT];
        let got = read_up_to(src, &mut head)?;
        if got < MAGIC.len() || head[..MAGIC.len()] != MAGIC || got < head.len() {
            return Err(VaultError::Corrupt);
        }
        let frame_len = usize::from(u16::from_le_bytes([head[PREFIX_LEN], head[PREFIX_LEN + 1]]));
        if !(FRAME_MIN..=FRAME_MAX).contains(&frame_len) {
            return Err(VaultError::Corrupt);
        }
        let mut frame = vec![0u8; frame_len];
        frame[..head.len()].copy_from_slice(&head);
        src.read_exact(&mut frame[head.len()..]).map_err(read_err)?;
        let (covered, stored) = frame.split_at(frame_len - DIGEST_LEN);
        if digest::digest(&digest::SHA256, covered).as_ref() != stored {
            return Err(VaultError::Corrupt);
        }
        match frame[MAGIC.len()] {
            FORMAT_VERSION => {}
            0 => return Err(VaultError::Corrupt),
            _ => return Err(VaultError::UnsupportedVersion),
        }
        let bytes: [u8; HEADER_LEN] = frame.try_into().map_err(|_| VaultError::Corrupt)?;
        let mut iterations = [0u8; 4];
        iterations.copy_from_slice(&bytes[ITERATIONS_AT..SHIFT_AT]);
        let iterations = u32::from_le_bytes(iterations);
        if !(KDF_FLOOR..=KDF_CEILING).contains(&iterations) {
            return Err(VaultError::Corrupt);
        }
        let chunk_shift = bytes[SHIFT_AT];
        if !(CHUNK_SHIFT_MIN..=CHUNK_SHIFT_MAX).contains(&chunk_shift) {
            return Err(VaultError::Corrupt);
        }
        let mut salt = [0u8; SALT_LEN];
        salt.copy_from_slice(&bytes[SALT_AT..CHECK_AT]);
        Ok(Header {
            iterations,
            chunk_shift,
            salt,
            bytes,
        })
    }
}

/// Reads until `buf` is full or the source ends; returns how many bytes
/// were read.
fn read_up_to(src: &mut impl Read, buf: &mut [u8]) -> Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match src.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(read_err(e)),
        }
    }
    Ok(filled)
}

//! AES-256-GCM sealing.
//!
//! A sealed blob is `version (1) | nonce (12) | ciphertext | tag (16)`. The
//! nonce is fresh and random for every seal. The associated data binds the
//! blob to its format version, its purpose and its identifier, so a blob
//! moved to another record, or from a record to a key slot, fails to open.
//!
//! Whatever stands in for a sealed blob where none is stored yet (an
//! unused key slot, the unused directory row) is made by [`filler`]: random
//! bytes that start with the same version byte, so that at every offset a
//! used and an unused row hold bytes of the same distribution.
//!
//! Records are padded before sealing: the plaintext is `length (u32 LE) |
//! payload | zeros`, rounded up to a size bucket, so a copy of the file shows
//! only how many records there are and their bucketed sizes.

use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use zeroize::Zeroizing;

use super::{random, KEY_LEN};
use crate::{Result, VaultError};

/// The version byte at the start of every sealed blob.
pub(crate) const SEAL_VERSION: u8 = 1;
const TAG_LEN: usize = 16;
/// Bytes a sealed blob adds to its (padded) plaintext.
pub(crate) const SEAL_OVERHEAD: usize = 1 + NONCE_LEN + TAG_LEN;
const LEN_PREFIX: usize = 4;
const SMALLEST_BUCKET: usize = 64;
const LARGE_STEP: usize = 16 * 1024;

/// What a sealed blob is for; part of the associated data.
#[derive(Debug, Clone, Copy)]
#[repr(u8)]
pub(crate) enum Purpose {
    Record = 1,
    Directory = 2,
    Slot = 3,
    /// An entry or access event sealed to the drop-box key while locked.
    Drop = 4,
    /// A cover space's proof that it was unlocked (see `locked`).
    CoverUnlock = 5,
}

/// An AES-256-GCM key, ready to seal and open.
///
/// `ring` keeps its expanded key schedule inside `LessSafeKey` and does not
/// wipe it on drop; the raw key bytes this type was built from are wiped by
/// their owner. The README states this limit.
pub(crate) struct SealKey {
    key: LessSafeKey,
}

impl SealKey {
    pub(crate) fn new(raw: &[u8; KEY_LEN]) -> Result<Self> {
        let unbound = UnboundKey::new(&AES_256_GCM, raw).map_err(|_| VaultError::Corrupt)?;
        Ok(Self {
            key: LessSafeKey::new(unbound),
        })
    }

    /// Seals `plaintext` as it is, without padding.
    pub(crate) fn seal_exact(
        &self,
        purpose: Purpose,
        id: &[u8],
        plaintext: &[u8],
    ) -> Result<Vec<u8>> {
        let nonce_bytes = random::array::<NONCE_LEN>()?;
        let mut out = Vec::with_capacity(SEAL_OVERHEAD + plaintext.len());
        out.push(SEAL_VERSION);
        out.extend_from_slice(&nonce_bytes);
        out.extend_from_slice(plaintext);
        let aad = associated_data(purpose, id);
        let tag = self
            .key
            .seal_in_place_separate_tag(
                Nonce::assume_unique_for_key(nonce_bytes),
                Aad::from(&aad[..]),
                &mut out[1 + NONCE_LEN..],
            )
            .map_err(|_| VaultError::Storage)?;
        out.extend_from_slice(tag.as_ref());
        Ok(out)
    }

    /// Opens a blob sealed by [`SealKey::seal_exact`]. Any change to the blob,
    /// its purpose or its identifier gives `Corrupt`.
    pub(crate) fn open_exact(
        &self,
        purpose: Purpose,
        id: &[u8],
        blob: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>> {
        if blob.len() < SEAL_OVERHEAD || blob[0] != SEAL_VERSION {
            return Err(VaultError::Corrupt);
        }
        let nonce = Nonce::try_assume_unique_for_key(&blob[1..1 + NONCE_LEN])
            .map_err(|_| VaultError::Corrupt)?;
        let mut buf = Zeroizing::new(blob[1 + NONCE_LEN..].to_vec());
        let aad = associated_data(purpose, id);
        let len = self
            .key
            .open_in_place(nonce, Aad::from(&aad[..]), &mut buf[..])
            .map_err(|_| VaultError::Corrupt)?
            .len();
        buf.truncate(len);
        Ok(buf)
    }

    /// Pads `payload` to its bucket and seals it.
    pub(crate) fn seal_padded(
        &self,
        purpose: Purpose,
        id: &[u8],
        payload: &[u8],
    ) -> Result<Vec<u8>> {
        self.seal_exact(purpose, id, &frame(payload, padded_len(payload.len()))?)
    }

    /// Pads `payload` to exactly `frame_len` bytes and seals it, so that
    /// blobs of different content have one length (the directories).
    pub(crate) fn seal_padded_to(
        &self,
        purpose: Purpose,
        id: &[u8],
        payload: &[u8],
        frame_len: usize,
    ) -> Result<Vec<u8>> {
        self.seal_exact(purpose, id, &frame(payload, frame_len)?)
    }

    /// Opens a padded blob and returns the payload, checking the padding.
    pub(crate) fn open_padded(
        &self,
        purpose: Purpose,
        id: &[u8],
        blob: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>> {
        unframe(self.open_exact(purpose, id, blob)?)
    }
}

/// Random bytes shaped like a sealed blob of `out.len()` bytes: the
/// version byte, then random bytes. What an unused slot or row holds.
pub(crate) fn filler(out: &mut [u8]) -> Result<()> {
    random::fill(out)?;
    if let Some(first) = out.first_mut() {
        *first = SEAL_VERSION;
    }
    Ok(())
}

/// `length (u32 LE) | payload | zeros`, `frame_len` bytes in all.
pub(crate) fn frame(payload: &[u8], frame_len: usize) -> Result<Zeroizing<Vec<u8>>> {
    let len = u32::try_from(payload.len()).map_err(|_| VaultError::invalid("record"))?;
    if payload.len() + LEN_PREFIX > frame_len {
        return Err(VaultError::invalid("record"));
    }
    let mut framed = Zeroizing::new(vec![0u8; frame_len]);
    framed[..LEN_PREFIX].copy_from_slice(&len.to_le_bytes());
    framed[LEN_PREFIX..LEN_PREFIX + payload.len()].copy_from_slice(payload);
    Ok(framed)
}

/// The payload of a frame made by [`frame`]; any other shape is `Corrupt`.
pub(crate) fn unframe(mut framed: Zeroizing<Vec<u8>>) -> Result<Zeroizing<Vec<u8>>> {
    if framed.len() < LEN_PREFIX {
        return Err(VaultError::Corrupt);
    }
    let mut prefix = [0u8; LEN_PREFIX];
    prefix.copy_from_slice(&framed[..LEN_PREFIX]);
    let len = u32::from_le_bytes(prefix) as usize;
    if len > framed.len() - LEN_PREFIX || framed[LEN_PREFIX + len..].iter().any(|&b| b != 0) {
        return Err(VaultError::Corrupt);
    }
    framed.copy_within(LEN_PREFIX..LEN_PREFIX + len, 0);
    framed.truncate(len);
    Ok(framed)
}

/// The plaintext size a payload of `payload_len` bytes is padded to: a power
/// of two from 64 bytes up to 16 KiB, then whole multiples of 16 KiB.
pub(crate) fn padded_len(payload_len: usize) -> usize {
    let needed = payload_len + LEN_PREFIX;
    if needed <= LARGE_STEP {
        needed.next_power_of_two().max(SMALLEST_BUCKET)
    } else {
        needed.div_ceil(LARGE_STEP) * LARGE_STEP
    }
}

pub(crate) fn associated_data(purpose: Purpose, id: &[u8]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(2 + id.len());
    aad.push(SEAL_VERSION);
    aad.push(purpose as u8);
    aad.extend_from_slice(id);
    aad
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key() -> SealKey {
        SealKey::new(&[7u8; KEY_LEN]).unwrap()
    }

    #[test]
    fn round_trip_and_fresh_nonces() {
        let k = key();
        let a = k.seal_padded(Purpose::Record, b"id", b"hello").unwrap();
        let b = k.seal_padded(Purpose::Record, b"id", b"hello").unwrap();
        assert_ne!(a, b, "every seal uses a fresh nonce");
        assert_eq!(
            &k.open_padded(Purpose::Record, b"id", &a).unwrap()[..],
            b"hello"
        );
    }

    #[test]
    fn binding_to_id_and_purpose() {
        let k = key();
        let blob = k.seal_padded(Purpose::Record, b"id-1", b"x").unwrap();
        assert_eq!(
            k.open_padded(Purpose::Record, b"id-2", &blob),
            Err(VaultError::Corrupt)
        );
        assert_eq!(
            k.open_padded(Purpose::Directory, b"id-1", &blob),
            Err(VaultError::Corrupt)
        );
        let other = SealKey::new(&[8u8; KEY_LEN]).unwrap();
        assert_eq!(
            other.open_padded(Purpose::Record, b"id-1", &blob),
            Err(VaultError::Corrupt)
        );
    }

    #[test]
    fn every_flipped_bit_is_detected() {
        let k = key();
        let blob = k.seal_padded(Purpose::Record, b"id", b"some text").unwrap();
        for i in 0..blob.len() * 8 {
            let mut bad = blob.clone();
            bad[i / 8] ^= 1 << (i % 8);
            assert_eq!(
                k.open_padded(Purpose::Record, b"id", &bad),
                Err(VaultError::Corrupt),
                "bit {i}"
            );
        }
    }

    #[test]
    fn truncated_blobs_are_rejected() {
        let k = key();
        let blob = k.seal_padded(Purpose::Record, b"id", b"abc").unwrap();
        for len in 0..blob.len() {
            assert_eq!(
                k.open_padded(Purpose::Record, b"id", &blob[..len]),
                Err(VaultError::Corrupt)
            );
        }
    }

    #[test]
    fn buckets() {
        assert_eq!(padded_len(0), 64);
        assert_eq!(padded_len(60), 64);
        assert_eq!(padded_len(61), 128);
        assert_eq!(padded_len(16 * 1024 - 4), 16 * 1024);
        assert_eq!(padded_len(16 * 1024 - 3), 32 * 1024);
        assert_eq!(padded_len(100_000), 7 * 16 * 1024);
    }

    proptest! {
        #[test]
        fn padded_round_trip(payload in proptest::collection::vec(any::<u8>(), 0..5000)) {
            let k = key();
            let blob = k.seal_padded(Purpose::Record, b"id", &payload).unwrap();
            prop_assert_eq!(blob.len(), padded_len(payload.len()) + SEAL_OVERHEAD);
            prop_assert_eq!(&k.open_padded(Purpose::Record, b"id", &blob).unwrap()[..], &payload[..]);
        }

        #[test]
        fn sizes_only_reveal_the_bucket(a in 0usize..3000, b in 0usize..3000) {
            let k = key();
            let sa = k.seal_padded(Purpose::Record, b"id", &vec![1u8; a]).unwrap().len();
            let sb = k.seal_padded(Purpose::Record, b"id", &vec![2u8; b]).unwrap().len();
            prop_assert_eq!(sa == sb, padded_len(a) == padded_len(b));
        }
    }
}

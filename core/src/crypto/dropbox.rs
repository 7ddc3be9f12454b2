//! The drop box: sealing to the vault's X25519 public key without any
//! secret, so that a locked vault can take entries and access events.
//!
//! Sending uses ring's `agreement` (a fresh ephemeral key per drop, X25519,
//! HKDF-SHA256, AES-256-GCM). Opening needs the vault's static private key,
//! which ring's agreement API deliberately cannot load; `x25519-dalek`'s
//! `StaticSecret` does that one operation (and makes the key pair).
//!
//! A dropped blob has the shape and length of a sealed record (see
//! `seal`): `version (1) | ephemeral public key (32) | ciphertext | tag
//! (16)`, where the ciphertext is a padded frame 20 bytes shorter than the
//! record bucket it stands in, so a copy of the file cannot tell a pending
//! drop by its length. The key is used once, so the nonce is fixed.
//! The public key's unused top bit is set at random (X25519 ignores it);
//! the remaining 255 bits are a curve point, which about half of all random
//! strings also are (the README says what a copy can estimate from that).

use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use ring::agreement::{self, EphemeralPrivateKey, UnparsedPublicKey, X25519};
use ring::rand::SystemRandom;
use zeroize::Zeroizing;

use super::kdf;
use super::seal::{self, Purpose, SEAL_OVERHEAD, SEAL_VERSION};
use super::{random, KEY_LEN};
use crate::{Result, VaultError};

pub(crate) const PUBLIC_LEN: usize = 32;
const TAG_LEN: usize = 16;
/// What a drop adds to its frame: version, ephemeral key, tag.
const DROP_OVERHEAD: usize = 1 + PUBLIC_LEN + TAG_LEN;
const LABEL: &[u8] = b"drop/v1";

/// The vault's drop-box key pair; the private half lives only in the sealed
/// directory and in memory while unlocked.
pub(crate) struct DropSecret {
    secret: x25519_dalek::StaticSecret,
}

impl DropSecret {
    pub(crate) fn generate() -> Result<Self> {
        let bytes = Zeroizing::new(random::array::<KEY_LEN>()?);
        Ok(Self::from_bytes(&bytes))
    }

    pub(crate) fn from_bytes(bytes: &[u8; KEY_LEN]) -> Self {
        Self {
            secret: x25519_dalek::StaticSecret::from(*bytes),
        }
    }

    pub(crate) fn to_bytes(&self) -> Zeroizing<[u8; KEY_LEN]> {
        Zeroizing::new(self.secret.to_bytes())
    }

    pub(crate) fn public(&self) -> [u8; PUBLIC_LEN] {
        x25519_dalek::PublicKey::from(&self.secret).to_bytes()
    }

    /// Opens a blob made by [`seal_to`] for this key. Anything else, or a
    /// blob for another key, is `Corrupt`.
    pub(crate) fn open(&self, id: &[u8], blob: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        if blob.len() < DROP_OVERHEAD || blob[0] != SEAL_VERSION {
            return Err(VaultError::Corrupt);
        }
        let mut ephemeral = [0u8; PUBLIC_LEN];
        ephemeral.copy_from_slice(&blob[1..1 + PUBLIC_LEN]);
        ephemeral[PUBLIC_LEN - 1] &= 0x7f;
        let shared = self
            .secret
            .diffie_hellman(&x25519_dalek::PublicKey::from(ephemeral));
        if !shared.was_contributory() {
            return Err(VaultError::Corrupt);
        }
        let key = message_key(shared.as_bytes(), &ephemeral, &self.public())?;
        let mut buf = Zeroizing::new(blob[1 + PUBLIC_LEN..].to_vec());
        let aad = seal::associated_data(Purpose::Drop, id);
        let len = key
            .open_in_place(
                Nonce::assume_unique_for_key([0u8; NONCE_LEN]),
                Aad::from(&aad[..]),
                &mut buf[..],
            )
            .map_err(|_| VaultError::Corrupt)?
            .len();
        buf.truncate(len);
        seal::unframe(buf)
    }
}

/// Seals `payload` to `recipient` (a vault's drop-box public key) under
/// `id`, as a blob as long as a sealed record of the same payload.
pub(crate) fn seal_to(recipient: &[u8; PUBLIC_LEN], id: &[u8], payload: &[u8]) -> Result<Vec<u8>> {
    // A record of this payload is SEAL_OVERHEAD + bucket bytes long.
    let total = SEAL_OVERHEAD + seal::padded_len(payload.len() + DROP_OVERHEAD - SEAL_OVERHEAD);
    seal_to_len(recipient, id, payload, total)
}

/// Seals `payload` to `recipient` under `id` as a blob of exactly `total`
/// bytes (`InvalidInput` if it does not fit).
pub(crate) fn seal_to_len(
    recipient: &[u8; PUBLIC_LEN],
    id: &[u8],
    payload: &[u8],
    total: usize,
) -> Result<Vec<u8>> {
    if total < DROP_OVERHEAD {
        return Err(VaultError::invalid("record"));
    }
    let rng = SystemRandom::new();
    let ephemeral =
        EphemeralPrivateKey::generate(&X25519, &rng).map_err(|_| VaultError::Storage)?;
    let public = ephemeral
        .compute_public_key()
        .map_err(|_| VaultError::Storage)?;
    let mut ephemeral_public = [0u8; PUBLIC_LEN];
    ephemeral_public.copy_from_slice(public.as_ref());
    // ring refuses a low-order recipient (an all-zero shared secret).
    let key = agreement::agree_ephemeral(
        ephemeral,
        &UnparsedPublicKey::new(&X25519, recipient),
        |shared| message_key(shared, &ephemeral_public, recipient),
    )
    .map_err(|_| VaultError::Corrupt)??;
    let mut out = Vec::with_capacity(total);
    out.push(SEAL_VERSION);
    out.extend_from_slice(&ephemeral_public);
    let [coin] = random::array::<1>()?;
    out[PUBLIC_LEN] |= coin & 0x80;
    let mut framed = seal::frame(payload, total - DROP_OVERHEAD)?;
    let aad = seal::associated_data(Purpose::Drop, id);
    let tag = key
        .seal_in_place_separate_tag(
            Nonce::assume_unique_for_key([0u8; NONCE_LEN]),
            Aad::from(&aad[..]),
            &mut framed[..],
        )
        .map_err(|_| VaultError::Storage)?;
    out.extend_from_slice(&framed);
    out.extend_from_slice(tag.as_ref());
    Ok(out)
}

/// The one-time AES key of a drop: HKDF over the shared secret, salted with
/// both public keys.
fn message_key(
    shared: &[u8],
    ephemeral: &[u8; PUBLIC_LEN],
    recipient: &[u8; PUBLIC_LEN],
) -> Result<LessSafeKey> {
    let mut salt = [0u8; 2 * PUBLIC_LEN];
    salt[..PUBLIC_LEN].copy_from_slice(ephemeral);
    salt[PUBLIC_LEN..].copy_from_slice(recipient);
    let raw = kdf::hkdf(&salt, shared, LABEL);
    let unbound = UnboundKey::new(&AES_256_GCM, &raw[..]).map_err(|_| VaultError::Corrupt)?;
    Ok(LessSafeKey::new(unbound))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::seal::SealKey;

    #[test]
    fn round_trip_only_for_its_key_and_id() {
        let secret = DropSecret::generate().unwrap();
        let other = DropSecret::generate().unwrap();
        let blob = seal_to(&secret.public(), b"id-1", b"they just called").unwrap();
        assert_eq!(
            &secret.open(b"id-1", &blob).unwrap()[..],
            b"they just called"
        );
        assert!(secret.open(b"id-2", &blob).is_err());
        assert!(other.open(b"id-1", &blob).is_err());
        let reloaded = DropSecret::from_bytes(&secret.to_bytes());
        assert_eq!(reloaded.public(), secret.public());
        assert!(reloaded.open(b"id-1", &blob).is_ok());
    }

    #[test]
    fn any_change_fails_and_nothing_panics() {
        let secret = DropSecret::generate().unwrap();
        let blob = seal_to(&secret.public(), b"id", b"urge 7").unwrap();
        for i in 0..blob.len() {
            let mut bad = blob.clone();
            bad[i] ^= if i == PUBLIC_LEN { 0x01 } else { 0x80 };
            if i == PUBLIC_LEN && bad[i] & 0x7f == blob[i] & 0x7f {
                continue;
            }
            assert!(secret.open(b"id", &bad).is_err(), "byte {i}");
        }
        for len in 0..blob.len() {
            assert!(secret.open(b"id", &blob[..len]).is_err());
        }
    }

    #[test]
    fn has_the_length_of_a_sealed_record() {
        let secret = DropSecret::generate().unwrap();
        let record = SealKey::new(&[1u8; KEY_LEN]).unwrap();
        for len in [0, 1, 10, 40, 100, 200, 230, 500, 5000, 20_000] {
            let payload = vec![b'x'; len];
            let drop = seal_to(&secret.public(), b"id", &payload).unwrap();
            let sealed = record
                .seal_padded(Purpose::Record, b"id", &payload)
                .unwrap();
            // A length some record could have: a bucket plus the overhead.
            let body = drop.len() - SEAL_OVERHEAD;
            assert_eq!(seal::padded_len(body - 4), body, "payload {len}");
            assert!(drop.len() >= sealed.len());
            assert!(drop.len() <= seal::padded_len(len) * 2 + SEAL_OVERHEAD);
        }
    }

    #[test]
    fn the_top_bit_varies() {
        let secret = DropSecret::generate().unwrap();
        let tops: std::collections::BTreeSet<u8> = (0..64)
            .map(|_| seal_to(&secret.public(), b"id", b"ok").unwrap()[PUBLIC_LEN] & 0x80)
            .collect();
        assert_eq!(tops.len(), 2);
    }

    #[test]
    fn a_low_order_recipient_is_refused() {
        assert!(seal_to(&[0u8; PUBLIC_LEN], b"id", b"x").is_err());
    }
}

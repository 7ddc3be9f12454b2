//! The vault header: key-derivation settings and a fixed number of key slots.
//!
//! Layout (all integers little-endian), stored unencrypted:
//!
//! ```text
//! version        u8        = 2
//! kdf_iterations u32       PBKDF2-HMAC-SHA256 count for passcodes
//! kdf_salt       [u8; 32]
//! drop_public    [u8; 32]  X25519 public key of the drop box (see `dropbox`)
//! slots          [[u8; 93]; 8]   each: hkdf_salt [32] | sealed data key [61]
//! ```
//!
//! Version 1 had no drop key; such a header is read, and rewritten as
//! version 2 at the first unlock.
//!
//! Every slot has the same shape, and the header has the same length and
//! layout whatever the slots hold (one space or two, a device key or not).
//! A slot in use holds the data key sealed under a key derived from one
//! secret; a slot not in use holds random bytes with the sealed blob's
//! version byte where a used slot has it, so that at no offset does the
//! header tell how many secrets exist or of which kinds.
//! Which slot holds what is recorded in the directory, sealed under the data
//! key (see `keyring`).

use zeroize::Zeroizing;

use crate::crypto::dropbox::PUBLIC_LEN;
use crate::crypto::kdf::{self, KDF_CEILING, KDF_FLOOR};
use crate::crypto::seal::{self, Purpose, SealKey, SEAL_OVERHEAD, SEAL_VERSION};
use crate::crypto::{random, KEY_LEN};
use crate::{Result, VaultError};

pub(crate) const HEADER_VERSION: u8 = 2;
const HEADER_V1: u8 = 1;
pub(crate) const SLOT_COUNT: usize = 8;
const SALT_LEN: usize = 32;
pub(crate) const SLOT_LEN: usize = SALT_LEN + SEAL_OVERHEAD + KEY_LEN;
pub(crate) const HEADER_LEN: usize = 1 + 4 + SALT_LEN + PUBLIC_LEN + SLOT_COUNT * SLOT_LEN;
const HEADER_V1_LEN: usize = HEADER_LEN - PUBLIC_LEN;

/// The random 256-bit key every record is sealed under. Wiped on drop.
pub(crate) type DataKey = Zeroizing<[u8; KEY_LEN]>;

/// The kind of secret a slot opens with. The label separates kinds, so that
/// a device key can never open a slot made for a recovery code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SlotKind {
    Passcode,
    PasscodeAndDevice,
    Device,
    Recovery,
}

impl SlotKind {
    fn label(self) -> &'static [u8] {
        match self {
            SlotKind::Passcode => b"slot/passcode/v1",
            SlotKind::PasscodeAndDevice => b"slot/passcode+device/v1",
            SlotKind::Device => b"slot/device/v1",
            SlotKind::Recovery => b"slot/recovery/v1",
        }
    }
}

/// A secret turned into keying material for one kind of slot.
pub(crate) struct SlotMaterial {
    pub(crate) kind: SlotKind,
    pub(crate) ikm: Zeroizing<Vec<u8>>,
}

#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Header {
    pub(crate) kdf_iterations: u32,
    pub(crate) kdf_salt: [u8; SALT_LEN],
    /// The drop box's public key; `None` only in a version 1 header.
    pub(crate) drop_public: Option<[u8; PUBLIC_LEN]>,
    pub(crate) slots: [[u8; SLOT_LEN]; SLOT_COUNT],
}

impl Header {
    /// A header whose every slot holds random bytes.
    pub(crate) fn random(kdf_iterations: u32, drop_public: [u8; PUBLIC_LEN]) -> Result<Self> {
        let mut slots = [[0u8; SLOT_LEN]; SLOT_COUNT];
        for slot in &mut slots {
            fill_unused(slot)?;
        }
        Ok(Self {
            kdf_iterations,
            kdf_salt: random::array()?,
            drop_public: Some(drop_public),
            slots,
        })
    }

    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER_LEN);
        out.push(match self.drop_public {
            Some(_) => HEADER_VERSION,
            None => HEADER_V1,
        });
        out.extend_from_slice(&self.kdf_iterations.to_le_bytes());
        out.extend_from_slice(&self.kdf_salt);
        if let Some(public) = &self.drop_public {
            out.extend_from_slice(public);
        }
        for slot in &self.slots {
            out.extend_from_slice(slot);
        }
        out
    }

    /// Parses a stored header. A later version is `UnsupportedVersion`; a
    /// wrong length or an iteration count outside the accepted range (a
    /// tampered file asking for cheap guesses, or one that would hang the
    /// app) is `Corrupt`.
    pub(crate) fn parse(bytes: &[u8]) -> Result<Self> {
        let Some(&version) = bytes.first() else {
            return Err(VaultError::Corrupt);
        };
        if version > HEADER_VERSION {
            return Err(VaultError::UnsupportedVersion);
        }
        let expected = if version == HEADER_V1 {
            HEADER_V1_LEN
        } else {
            HEADER_LEN
        };
        if version < HEADER_V1 || bytes.len() != expected {
            return Err(VaultError::Corrupt);
        }
        let mut iterations = [0u8; 4];
        iterations.copy_from_slice(&bytes[1..5]);
        let kdf_iterations = u32::from_le_bytes(iterations);
        if !(KDF_FLOOR..=KDF_CEILING).contains(&kdf_iterations) {
            return Err(VaultError::Corrupt);
        }
        let mut kdf_salt = [0u8; SALT_LEN];
        kdf_salt.copy_from_slice(&bytes[5..5 + SALT_LEN]);
        let mut at = 5 + SALT_LEN;
        let drop_public = if version == HEADER_V1 {
            None
        } else {
            let mut public = [0u8; PUBLIC_LEN];
            public.copy_from_slice(&bytes[at..at + PUBLIC_LEN]);
            at += PUBLIC_LEN;
            Some(public)
        };
        let mut slots = [[0u8; SLOT_LEN]; SLOT_COUNT];
        for (i, slot) in slots.iter_mut().enumerate() {
            let start = at + i * SLOT_LEN;
            slot.copy_from_slice(&bytes[start..start + SLOT_LEN]);
        }
        Ok(Self {
            kdf_iterations,
            kdf_salt,
            drop_public,
            slots,
        })
    }

    /// Stretches a passcode with this header's settings.
    pub(crate) fn stretch(&self, passcode: &str) -> kdf::SecretKey {
        kdf::stretch_passcode(passcode, &self.kdf_salt, self.kdf_iterations)
    }

    /// Seals `data_key` into slot `index` under `material`.
    pub(crate) fn wrap(
        &mut self,
        index: usize,
        material: &SlotMaterial,
        data_key: &DataKey,
    ) -> Result<()> {
        let slot = self.slots.get_mut(index).ok_or(VaultError::Corrupt)?;
        let salt: [u8; SALT_LEN] = random::array()?;
        let kek = SealKey::new(&kdf::hkdf(&salt, &material.ikm, material.kind.label()))?;
        let sealed = kek.seal_exact(Purpose::Slot, &[index as u8], &data_key[..])?;
        if sealed.len() != SLOT_LEN - SALT_LEN {
            return Err(VaultError::Corrupt);
        }
        slot[..SALT_LEN].copy_from_slice(&salt);
        slot[SALT_LEN..].copy_from_slice(&sealed);
        Ok(())
    }

    /// Fills slot `index` with fresh random bytes shaped like a used slot
    /// (see [`fill_unused`]).
    pub(crate) fn clear(&mut self, index: usize) -> Result<()> {
        let slot = self.slots.get_mut(index).ok_or(VaultError::Corrupt)?;
        fill_unused(slot)
    }

    /// Whether slot `index` has the shape every slot has now (the version
    /// byte of a sealed key where a used slot has it). Slots written as
    /// random bytes by an earlier version do not, 255 times in 256.
    pub(crate) fn slot_is_current(&self, index: usize) -> bool {
        self.slots
            .get(index)
            .is_some_and(|slot| slot[SALT_LEN] == SEAL_VERSION)
    }

    /// Tries every slot with every material and returns every data key
    /// that opened, with the slot's index and kind. Every slot is tried
    /// with every material whatever opens, so the time taken does not
    /// depend on which slot (or which space) a secret opens.
    pub(crate) fn unwrap_all(&self, materials: &[SlotMaterial]) -> Vec<(DataKey, usize, SlotKind)> {
        let mut found = Vec::new();
        for (index, slot) in self.slots.iter().enumerate() {
            let (salt, sealed) = slot.split_at(SALT_LEN);
            for material in materials {
                let Ok(kek) = SealKey::new(&kdf::hkdf(salt, &material.ikm, material.kind.label()))
                else {
                    continue;
                };
                if let Ok(plain) = kek.open_exact(Purpose::Slot, &[index as u8], sealed) {
                    if plain.len() == KEY_LEN {
                        let mut key = Zeroizing::new([0u8; KEY_LEN]);
                        key.copy_from_slice(&plain);
                        found.push((key, index, material.kind));
                    }
                }
            }
        }
        found
    }

    /// The first data key any material opens; see [`Header::unwrap_all`].
    #[cfg(test)]
    pub(crate) fn unwrap_any(
        &self,
        materials: &[SlotMaterial],
    ) -> Option<(DataKey, usize, SlotKind)> {
        self.unwrap_all(materials).into_iter().next()
    }

    /// Overwrites the salt and every slot with random bytes: no secret
    /// opens anything afterwards (crypto-erase).
    pub(crate) fn destroy(&mut self) -> Result<()> {
        random::fill(&mut self.kdf_salt)?;
        for index in 0..SLOT_COUNT {
            self.clear(index)?;
        }
        if let Some(public) = &mut self.drop_public {
            random::fill(public)?;
        }
        Ok(())
    }
}

/// What an unused slot holds: a random salt and random bytes shaped like a
/// sealed data key (starting with the seal's version byte), so that at every
/// offset a used and an unused slot hold bytes of the same distribution.
fn fill_unused(slot: &mut [u8; SLOT_LEN]) -> Result<()> {
    let (salt, sealed) = slot.split_at_mut(SALT_LEN);
    random::fill(salt)?;
    seal::filler(sealed)
}

impl std::fmt::Debug for Header {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print salts or slots.
        f.debug_struct("Header")
            .field("kdf_iterations", &self.kdf_iterations)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn material(kind: SlotKind, byte: u8) -> SlotMaterial {
        SlotMaterial {
            kind,
            ikm: Zeroizing::new(vec![byte; 32]),
        }
    }

    #[test]
    fn round_trip_and_slot_separation() {
        let mut header = Header::random(KDF_FLOOR, [5u8; PUBLIC_LEN]).unwrap();
        let dk: DataKey = Zeroizing::new([9u8; KEY_LEN]);
        header.wrap(5, &material(SlotKind::Device, 1), &dk).unwrap();
        let parsed = Header::parse(&header.to_bytes()).unwrap();
        assert!(parsed == header);
        let (key, index, kind) = parsed.unwrap_any(&[material(SlotKind::Device, 1)]).unwrap();
        assert_eq!(*key, *dk);
        assert_eq!((index, kind), (5, SlotKind::Device));
        // Same bytes, other kind: the label keeps them apart.
        assert!(parsed
            .unwrap_any(&[material(SlotKind::Recovery, 1)])
            .is_none());
        assert!(parsed
            .unwrap_any(&[material(SlotKind::Device, 2)])
            .is_none());
    }

    #[test]
    fn moved_slot_does_not_open() {
        let mut header = Header::random(KDF_FLOOR, [5u8; PUBLIC_LEN]).unwrap();
        let dk: DataKey = Zeroizing::new([9u8; KEY_LEN]);
        header.wrap(1, &material(SlotKind::Device, 1), &dk).unwrap();
        header.slots[2] = header.slots[1];
        header.clear(1).unwrap();
        assert!(header
            .unwrap_any(&[material(SlotKind::Device, 1)])
            .is_none());
    }

    #[test]
    fn refuses_weak_or_absurd_iterations_and_bad_lengths() {
        let header = Header::random(KDF_FLOOR, [5u8; PUBLIC_LEN]).unwrap();
        let mut bytes = header.to_bytes();
        bytes[1..5].copy_from_slice(&1_000u32.to_le_bytes());
        assert_eq!(Header::parse(&bytes), Err(VaultError::Corrupt));
        bytes[1..5].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(Header::parse(&bytes), Err(VaultError::Corrupt));
        let good = header.to_bytes();
        for len in 0..good.len() {
            assert!(Header::parse(&good[..len]).is_err());
        }
        let mut longer = good.clone();
        longer.push(0);
        assert_eq!(Header::parse(&longer), Err(VaultError::Corrupt));
        let mut newer = good;
        newer[0] = HEADER_VERSION + 1;
        assert_eq!(Header::parse(&newer), Err(VaultError::UnsupportedVersion));
        newer[0] = 0;
        assert_eq!(Header::parse(&newer), Err(VaultError::Corrupt));
    }

    #[test]
    fn reads_a_version_1_header_without_drop_key() {
        let mut header = Header::random(KDF_FLOOR, [5u8; PUBLIC_LEN]).unwrap();
        header.drop_public = None;
        let bytes = header.to_bytes();
        assert_eq!((bytes[0], bytes.len()), (HEADER_V1, HEADER_V1_LEN));
        assert!(Header::parse(&bytes).unwrap() == header);
        let mut long = bytes.clone();
        long.extend_from_slice(&[0u8; PUBLIC_LEN]);
        assert_eq!(Header::parse(&long), Err(VaultError::Corrupt));
    }

    #[test]
    fn destroyed_header_opens_nothing() {
        let mut header = Header::random(KDF_FLOOR, [5u8; PUBLIC_LEN]).unwrap();
        let dk: DataKey = Zeroizing::new([9u8; KEY_LEN]);
        header.wrap(3, &material(SlotKind::Device, 1), &dk).unwrap();
        let before = header.to_bytes();
        header.destroy().unwrap();
        let after = header.to_bytes();
        assert_eq!(before.len(), after.len());
        assert!(header
            .unwrap_any(&[material(SlotKind::Device, 1)])
            .is_none());
        // Nothing but the version and the iteration count is left.
        let same = before.iter().zip(&after).filter(|(a, b)| a == b).count();
        assert!(same < 5 + 40, "{same} bytes unchanged");
    }
}

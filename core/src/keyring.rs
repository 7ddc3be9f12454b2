//! Secrets, the slots they open, and the directory that says which slot is
//! which.
//!
//! The directory is sealed under the data key, so only someone who has
//! unlocked the vault learns which slots are in use. It also repeats the
//! header's KDF settings: a header altered after the fact (say, a raised
//! iteration count to slow the app down) is caught at unlock.

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use crate::codec;
use crate::crypto::dropbox::DropSecret;
use crate::crypto::kdf::{KDF_CEILING, KDF_FLOOR};
use crate::crypto::seal::{self, Purpose, SealKey, SEAL_OVERHEAD, SEAL_VERSION};
use crate::crypto::{random, KEY_LEN};
use crate::header::{Header, SlotKind, SlotMaterial, SLOT_COUNT};
use crate::lockout::SealedPolicy;
use crate::{Result, VaultError};

/// Shortest passcode accepted (a 4-digit PIN; see the README on its limits).
pub const PASSCODE_MIN_CHARS: usize = 4;
/// Longest passcode accepted.
pub const PASSCODE_MAX_CHARS: usize = 256;
/// Bytes of randomness in a recovery code (160 bits, 32 base32 characters).
const RECOVERY_BYTES: usize = 20;
/// Base32 characters of a recovery code, without its check character.
const RECOVERY_CHARS: usize = RECOVERY_BYTES * 8 / 5;
/// Identifier the directory is sealed under (it is not a record).
const DIRECTORY_ID: &[u8] = b"directory";

/// A secret that opens the vault.
#[derive(Clone, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Secret {
    /// The person's passcode.
    Passcode {
        /// `PASSCODE_MIN_CHARS` to `PASSCODE_MAX_CHARS` characters, no
        /// control characters (a new one); `InvalidInput { field:
        /// "passcode" }` otherwise.
        passcode: String,
    },
    /// A 32-byte key the app keeps in Android Keystore or the iOS Keychain.
    DeviceKey {
        /// The key, exactly 32 bytes.
        key: Vec<u8>,
    },
    /// Both: opens a passcode slot that also needs the device key, or a
    /// passcode-only slot.
    PasscodeAndDeviceKey {
        /// The passcode, as for `Passcode`.
        passcode: String,
        /// The device key, exactly 32 bytes.
        key: Vec<u8>,
    },
    /// The recovery code shown once when the vault was created.
    RecoveryCode {
        /// The code as typed: any case, spaces or hyphens allowed.
        code: String,
    },
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self {
            Secret::Passcode { .. } => "Passcode",
            Secret::DeviceKey { .. } => "DeviceKey",
            Secret::PasscodeAndDeviceKey { .. } => "PasscodeAndDeviceKey",
            Secret::RecoveryCode { .. } => "RecoveryCode",
        };
        write!(f, "Secret::{kind}(..)")
    }
}

/// Which slot holds which secret, for one space. Sealed under the space's
/// data key, padded to one length ([`DIRECTORY_FRAME`]) whatever it holds.
///
/// The real space's directory also holds the drop box's private key and,
/// when a duress passcode is set, the cover space's data key and slots (so
/// that the real space can tell the cover's records from damaged ones, and
/// remove them). A cover space's directory knows nothing of the real one:
/// it has no recovery slot, and one spare slot kept for its device key.
#[derive(Clone, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct Directory {
    pub(crate) passcode_slot: u8,
    pub(crate) passcode_needs_device_key: bool,
    pub(crate) device_slot: Option<u8>,
    /// `None` in a cover space.
    pub(crate) recovery_slot: Option<u8>,
    pub(crate) kdf_iterations: u32,
    pub(crate) kdf_salt: [u8; 32],
    /// The drop box's public key, as the header must show it.
    #[serde(default)]
    pub(crate) drop_public: Option<[u8; 32]>,
    /// The drop box's private key (the real space only).
    #[serde(default)]
    pub(crate) drop_secret: Option<[u8; KEY_LEN]>,
    /// The cover space, when a duress passcode is set (the real space only).
    #[serde(default)]
    pub(crate) cover: Option<CoverRef>,
    /// A cover space's slot for a device key of its own.
    #[serde(default)]
    pub(crate) spare_slot: Option<u8>,
    /// The private key of the cover's drop box for failed unlocks (see
    /// `cover_box`): in the real space always, in a cover space its own.
    #[serde(default)]
    pub(crate) cover_box_secret: Option<[u8; KEY_LEN]>,
    /// A cover space's slot for a duress passcode of its own, so that the
    /// duress calls answer inside a cover as in a vault without one.
    #[serde(default)]
    pub(crate) nested: Option<Nested>,
    /// The copy of the lock policy out of reach of the row in clear (see
    /// `lockout`); the real space's only, written at its unlocks and with
    /// every change made in it.
    #[serde(default)]
    pub(crate) lock_policy: Option<SealedPolicy>,
}

/// A cover space's own duress passcode: a reserved slot that, once set,
/// opens the cover itself.
#[derive(Clone, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct Nested {
    pub(crate) slot: u8,
    /// The stretched passcode, when one is set (to re-wrap the slot when
    /// the cover's passcode changes its need of the device key).
    pub(crate) stretched: Option<[u8; KEY_LEN]>,
}

/// What the real space knows of its cover space.
#[derive(Clone, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct CoverRef {
    pub(crate) data_key: [u8; KEY_LEN],
    /// The duress passcode's slot and the cover's spare slot.
    pub(crate) slots: [u8; 2],
    /// The slot kept for the cover's own duress passcode.
    #[serde(default)]
    pub(crate) nested_slot: Option<u8>,
    /// The stretched duress passcode (to re-wrap its slot when the real
    /// passcode changes its need of the device key, and to refuse it as
    /// the real passcode); `None` in a cover made by an earlier version.
    #[serde(default)]
    pub(crate) stretched: Option<[u8; KEY_LEN]>,
}

impl Drop for Directory {
    fn drop(&mut self) {
        if let Some(key) = &mut self.drop_secret {
            key.zeroize();
        }
        if let Some(cover) = &mut self.cover {
            cover.data_key.zeroize();
            if let Some(stretched) = &mut cover.stretched {
                stretched.zeroize();
            }
        }
        if let Some(key) = &mut self.cover_box_secret {
            key.zeroize();
        }
        if let Some(stretched) = self.nested.as_mut().and_then(|n| n.stretched.as_mut()) {
            stretched.zeroize();
        }
    }
}

impl std::fmt::Debug for Directory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print keys.
        f.debug_struct("Directory")
            .field("passcode_slot", &self.passcode_slot)
            .field("device_slot", &self.device_slot)
            .field("recovery_slot", &self.recovery_slot)
            .field("cover", &self.cover.is_some())
            .finish_non_exhaustive()
    }
}

/// The plaintext length every directory is padded to before sealing.
pub(crate) const DIRECTORY_FRAME: usize = 2048;

impl Directory {
    pub(crate) fn seal(&self, key: &SealKey) -> Result<Vec<u8>> {
        let json = Zeroizing::new(serde_json::to_vec(self).map_err(|_| VaultError::Storage)?);
        key.seal_padded_to(Purpose::Directory, DIRECTORY_ID, &json, DIRECTORY_FRAME)
    }

    pub(crate) fn open(key: &SealKey, blob: &[u8]) -> Result<Self> {
        let json = key.open_padded(Purpose::Directory, DIRECTORY_ID, blob)?;
        serde_json::from_slice(&json).map_err(|_| VaultError::Corrupt)
    }

    /// Random bytes shaped like a sealed directory (its length and its
    /// version byte): what an unused directory row holds.
    pub(crate) fn filler() -> Result<Vec<u8>> {
        let mut bytes = vec![0u8; DIRECTORY_FRAME + SEAL_OVERHEAD];
        seal::filler(&mut bytes)?;
        Ok(bytes)
    }

    /// Whether a stored directory row has the shape of a sealed directory
    /// (an unused row written by an earlier version is plain random bytes).
    pub(crate) fn row_is_current(bytes: &[u8]) -> bool {
        bytes.len() == DIRECTORY_FRAME + SEAL_OVERHEAD && bytes.first() == Some(&SEAL_VERSION)
    }

    /// A cover space is one without a recovery code.
    pub(crate) fn is_cover(&self) -> bool {
        self.recovery_slot.is_none()
    }

    /// Checks that the directory agrees with the header it was found with.
    pub(crate) fn matches(&self, header: &Header) -> bool {
        let drop_ok = match (&self.drop_public, &header.drop_public) {
            (Some(mine), Some(theirs)) => mine == theirs,
            (None, None) => true,
            _ => false,
        };
        let secret_ok = match &self.drop_secret {
            Some(secret) => Some(DropSecret::from_bytes(secret).public()) == self.drop_public,
            None => true,
        };
        self.kdf_iterations == header.kdf_iterations
            && self.kdf_salt == header.kdf_salt
            && drop_ok
            && secret_ok
            && self
                .used_slots()
                .iter()
                .all(|&s| usize::from(s) < SLOT_COUNT)
    }

    /// The slots this space (and its cover) hold.
    pub(crate) fn used_slots(&self) -> Vec<u8> {
        let cover = self.cover.as_ref().map(|c| c.slots);
        [
            Some(self.passcode_slot),
            self.recovery_slot,
            self.device_slot,
            self.spare_slot,
            self.nested.as_ref().map(|n| n.slot),
            cover.map(|s| s[0]),
            cover.map(|s| s[1]),
            self.cover.as_ref().and_then(|c| c.nested_slot),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// A random slot that holds nothing yet.
    pub(crate) fn free_slot(&self) -> Result<u8> {
        let used = self.used_slots();
        let free: Vec<u8> = (0..SLOT_COUNT as u8)
            .filter(|s| !used.contains(s))
            .collect();
        pick(&free)
    }
}

/// Picks one element uniformly at random.
pub(crate) fn pick(choices: &[u8]) -> Result<u8> {
    if choices.is_empty() {
        return Err(VaultError::Corrupt);
    }
    let [r] = random::array::<1>()?;
    // SLOT_COUNT is 8, so the modulo bias over 256 is nil for 8, 7, 6, 5...
    // and negligible otherwise.
    Ok(choices[usize::from(r) % choices.len()])
}

/// Checks a new passcode against the documented limits: its length, and
/// no control characters. PBKDF2 pads a short passcode with zero bytes, so
/// `"2580"` and `"2580\0"` would derive the same key; and a tab or a line
/// break is what a paste brings along, not what a person meant to type.
pub(crate) fn validate_passcode(passcode: &str) -> Result<()> {
    let chars = passcode.chars().count();
    if !(PASSCODE_MIN_CHARS..=PASSCODE_MAX_CHARS).contains(&chars)
        || passcode.chars().any(char::is_control)
    {
        return Err(VaultError::invalid("passcode"));
    }
    Ok(())
}

pub(crate) fn validate_device_key(key: &[u8]) -> Result<()> {
    if key.len() != KEY_LEN {
        return Err(VaultError::invalid("device_key"));
    }
    Ok(())
}

pub(crate) fn validate_iterations(iterations: u32) -> Result<()> {
    if !(KDF_FLOOR..=KDF_CEILING).contains(&iterations) {
        return Err(VaultError::invalid("kdf_iterations"));
    }
    Ok(())
}

/// Keying material for a passcode slot, with or without the device key.
pub(crate) fn passcode_material(stretched: &[u8], device_key: Option<&[u8]>) -> SlotMaterial {
    match device_key {
        None => SlotMaterial {
            kind: SlotKind::Passcode,
            ikm: Zeroizing::new(stretched.to_vec()),
        },
        Some(key) => {
            let mut ikm = Zeroizing::new(Vec::with_capacity(stretched.len() + key.len()));
            ikm.extend_from_slice(stretched);
            ikm.extend_from_slice(key);
            SlotMaterial {
                kind: SlotKind::PasscodeAndDevice,
                ikm,
            }
        }
    }
}

pub(crate) fn device_material(key: &[u8]) -> SlotMaterial {
    SlotMaterial {
        kind: SlotKind::Device,
        ikm: Zeroizing::new(key.to_vec()),
    }
}

/// Turns a secret into the materials to try against the slots. The passcode
/// is stretched here (the slow step, about a quarter of a second).
pub(crate) fn materials(secret: &Secret, header: &Header) -> Result<Vec<SlotMaterial>> {
    match secret {
        Secret::Passcode { passcode } => {
            check_passcode_shape(passcode)?;
            Ok(vec![passcode_material(&header.stretch(passcode)[..], None)])
        }
        Secret::DeviceKey { key } => {
            validate_device_key(key)?;
            Ok(vec![device_material(key)])
        }
        Secret::PasscodeAndDeviceKey { passcode, key } => {
            check_passcode_shape(passcode)?;
            validate_device_key(key)?;
            let stretched = header.stretch(passcode);
            Ok(vec![
                passcode_material(&stretched[..], Some(key)),
                passcode_material(&stretched[..], None),
            ])
        }
        Secret::RecoveryCode { code } => Ok(vec![recovery_material(&parse_recovery_code(code)?)]),
    }
}

/// Refuses a secret that cannot be right before an attempt is counted:
/// a passcode of the wrong length, a device key not 32 bytes long, a
/// recovery code that does not read as one.
pub(crate) fn check_shape(secret: &Secret) -> Result<()> {
    match secret {
        Secret::Passcode { passcode } => check_passcode_shape(passcode),
        Secret::DeviceKey { key } => validate_device_key(key),
        Secret::PasscodeAndDeviceKey { passcode, key } => {
            check_passcode_shape(passcode)?;
            validate_device_key(key)
        }
        Secret::RecoveryCode { code } => parse_recovery_code(code).map(|_| ()),
    }
}

/// At unlock, any passcode within the length limits is worth trying; one
/// outside them cannot be right and is refused before the slow KDF runs.
/// So is one with a NUL: PBKDF2's zero padding would let `"2580\0"` open
/// what `"2580"` opens. (Other control characters are still tried, for a
/// passcode set before they were refused.)
pub(crate) fn check_passcode_shape(passcode: &str) -> Result<()> {
    if passcode.is_empty()
        || passcode.chars().count() > PASSCODE_MAX_CHARS
        || passcode.contains('\0')
    {
        return Err(VaultError::invalid("passcode"));
    }
    Ok(())
}

/// A fresh recovery code: its raw bytes and the text shown to the person,
/// eight groups of four Crockford base32 characters and a check character
/// (Luhn mod 32, as for checkpoint codes), `XXXX-…-XXXX-C`.
pub(crate) fn new_recovery_code() -> Result<(Zeroizing<Vec<u8>>, String)> {
    let bytes = Zeroizing::new(random::array::<RECOVERY_BYTES>()?.to_vec());
    let plain = Zeroizing::new(codec::base32_encode(&bytes));
    let values = Zeroizing::new(codec::base32_values(&plain).ok_or(VaultError::Storage)?);
    let mut shown = codec::grouped(&plain);
    shown.push('-');
    shown.push(codec::base32_char(codec::luhn32_check(&values)));
    Ok((bytes, shown))
}

/// Reads a recovery code as typed (any case, spaces or hyphens), with or
/// without its check character (codes shown before it existed have none).
/// With it, a mistyped character is `InvalidInput("recovery_code")`
/// before anything is tried, rather than a failed unlock.
pub(crate) fn parse_recovery_code(code: &str) -> Result<Zeroizing<Vec<u8>>> {
    let invalid = || VaultError::invalid("recovery_code");
    let values = Zeroizing::new(codec::base32_values(code).ok_or_else(invalid)?);
    let body = match values.len() {
        RECOVERY_CHARS => &values[..],
        n if n == RECOVERY_CHARS + 1 => {
            let (body, check) = values.split_at(RECOVERY_CHARS);
            if codec::luhn32_check(body) != check[0] {
                return Err(invalid());
            }
            body
        }
        _ => return Err(invalid()),
    };
    let text = Zeroizing::new(
        body.iter()
            .map(|&v| codec::base32_char(v))
            .collect::<String>(),
    );
    match codec::base32_decode(&text) {
        Some(bytes) if bytes.len() == RECOVERY_BYTES => Ok(Zeroizing::new(bytes)),
        Some(mut other) => {
            other.zeroize();
            Err(invalid())
        }
        None => Err(invalid()),
    }
}

pub(crate) fn recovery_material(bytes: &[u8]) -> SlotMaterial {
    SlotMaterial {
        kind: SlotKind::Recovery,
        ikm: Zeroizing::new(bytes.to_vec()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_carry_a_check_character_and_read_without_it() {
        let (bytes, shown) = new_recovery_code().unwrap();
        assert_eq!(shown.len(), 33 + 8);
        let (body, check) = shown.rsplit_once('-').unwrap();
        assert_eq!(check.len(), 1);
        // A code shown before the check character existed still reads.
        assert_eq!(&parse_recovery_code(body).unwrap()[..], &bytes[..]);
        // Every single mistyped character is caught, with the check
        // character given.
        let chars: Vec<char> = shown.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if c == '-' {
                continue;
            }
            let mut typo = chars.clone();
            typo[i] = if c == 'X' { 'Y' } else { 'X' };
            let typo: String = typo.into_iter().collect();
            assert_eq!(
                parse_recovery_code(&typo).err(),
                Some(VaultError::invalid("recovery_code")),
                "position {i}"
            );
        }
    }

    #[test]
    fn recovery_codes_parse_as_typed() {
        let (bytes, shown) = new_recovery_code().unwrap();
        assert_eq!(&parse_recovery_code(&shown).unwrap()[..], &bytes[..]);
        assert_eq!(
            &parse_recovery_code(&shown.to_lowercase()).unwrap()[..],
            &bytes[..]
        );
        let spaced = shown.replace('-', " ");
        assert_eq!(&parse_recovery_code(&spaced).unwrap()[..], &bytes[..]);
        assert_eq!(
            parse_recovery_code(&shown[..20]).err(),
            Some(VaultError::invalid("recovery_code"))
        );
        assert_eq!(
            parse_recovery_code("").err(),
            Some(VaultError::invalid("recovery_code"))
        );
        assert_eq!(
            parse_recovery_code("💥").err(),
            Some(VaultError::invalid("recovery_code"))
        );
    }

    #[test]
    fn passcode_limits() {
        assert!(validate_passcode("123").is_err());
        assert!(validate_passcode("1234").is_ok());
        assert!(validate_passcode("🔒🔒🔒🔒").is_ok());
        assert!(validate_passcode(&"x".repeat(PASSCODE_MAX_CHARS)).is_ok());
        assert!(validate_passcode(&"x".repeat(PASSCODE_MAX_CHARS + 1)).is_err());
        for bad in [
            "2580\0",
            "\u{0}2580",
            "25\t80",
            "2580\n",
            "25\u{7f}80",
            "25\u{85}80",
        ] {
            assert!(validate_passcode(bad).is_err(), "{bad:?}");
        }
        // Not control characters: kept.
        assert!(validate_passcode("25 80").is_ok());
        assert!(validate_passcode("2580\u{200f}").is_ok());
        assert!(check_passcode_shape("2580\0").is_err());
        assert!(check_passcode_shape("25\t80").is_ok());
    }

    #[test]
    fn secrets_do_not_debug_print() {
        let s = Secret::Passcode {
            passcode: "hunter22".into(),
        };
        assert!(!format!("{s:?}").contains("hunter22"));
    }
}

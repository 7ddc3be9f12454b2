//! Key derivation.
//!
//! A passcode is stretched with PBKDF2-HMAC-SHA256. The iteration count is
//! calibrated on the running device to about [`CALIBRATION_TARGET`] and never
//! falls below [`KDF_FLOOR`]; a header that asks for fewer is refused, so a
//! tampered file cannot make guessing cheaper. Secrets that already carry full
//! entropy (a device key, a recovery code, a stretched passcode) go through
//! HKDF-SHA256 with a per-slot salt and a label naming the slot's kind.

use std::num::NonZeroU32;
use std::time::{Duration, Instant};

use ring::{hkdf, pbkdf2};
use zeroize::Zeroizing;

use super::KEY_LEN;

/// The lowest PBKDF2 iteration count the vault accepts (OWASP 2023 guidance
/// for PBKDF2-HMAC-SHA256).
pub const KDF_FLOOR: u32 = 600_000;

/// The highest count accepted from a header: about a minute on a slow phone.
/// Above it, a tampered header could hang the app.
pub(crate) const KDF_CEILING: u32 = 50_000_000;

/// How long one passcode derivation should take on the device.
pub(crate) const CALIBRATION_TARGET: Duration = Duration::from_millis(250);

/// The lowest PBKDF2 iteration count the vault accepts.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn kdf_iteration_floor() -> u32 {
    KDF_FLOOR
}

/// A 32-byte derived secret that is wiped when dropped.
pub(crate) type SecretKey = Zeroizing<[u8; KEY_LEN]>;

/// Stretches a passcode. `iterations` must already be validated.
pub(crate) fn stretch_passcode(passcode: &str, salt: &[u8], iterations: u32) -> SecretKey {
    let mut out = Zeroizing::new([0u8; KEY_LEN]);
    let iterations = NonZeroU32::new(iterations.max(1)).unwrap_or(NonZeroU32::MIN);
    pbkdf2::derive(
        pbkdf2::PBKDF2_HMAC_SHA256,
        iterations,
        salt,
        passcode.as_bytes(),
        out.as_mut(),
    );
    out
}

/// Measures this device and returns the iteration count that takes about
/// [`CALIBRATION_TARGET`], never below the floor nor above the ceiling.
pub(crate) fn calibrate() -> u32 {
    const PROBE: u32 = 60_000;
    let salt = [0u8; 32];
    // The first run warms caches; the best of three resists a noisy neighbour.
    let _ = stretch_passcode("calibration", &salt, PROBE / 4);
    let best = (0..3)
        .map(|_| {
            let start = Instant::now();
            let _ = stretch_passcode("calibration", &salt, PROBE);
            start.elapsed()
        })
        .min()
        .unwrap_or(CALIBRATION_TARGET);
    let per_iteration = best.as_secs_f64() / f64::from(PROBE);
    if per_iteration <= 0.0 {
        return KDF_FLOOR;
    }
    let wanted = CALIBRATION_TARGET.as_secs_f64() / per_iteration;
    // Round to a multiple of 10,000 so the count reads cleanly in a header dump.
    let rounded = (wanted / 10_000.0).round() * 10_000.0;
    (rounded as u32).clamp(KDF_FLOOR, KDF_CEILING)
}

/// HKDF-SHA256 of `ikm` with `salt`, expanded under `label`.
pub(crate) fn hkdf(salt: &[u8], ikm: &[u8], label: &[u8]) -> SecretKey {
    let mut out = Zeroizing::new([0u8; KEY_LEN]);
    let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, salt).extract(ikm);
    let info = [label];
    // `expand` fails only when the requested length exceeds 255 * 32 bytes,
    // and `fill` only when the lengths differ; neither can happen here.
    if let Ok(okm) = prk.expand(&info, hkdf::HKDF_SHA256) {
        let _ = okm.fill(out.as_mut());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pbkdf2_matches_rfc_7914_vector() {
        // RFC 7914 section 11, PBKDF2-HMAC-SHA256, P="passwd", S="salt", c=1.
        let key = stretch_passcode("passwd", b"salt", 1);
        assert_eq!(
            crate::codec::hex_encode(&key[..]),
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
        );
    }

    #[test]
    fn hkdf_separates_labels_and_salts() {
        let a = hkdf(b"salt", b"ikm", b"one");
        let b = hkdf(b"salt", b"ikm", b"two");
        let c = hkdf(b"tlas", b"ikm", b"one");
        assert_ne!(*a, *b);
        assert_ne!(*a, *c);
        assert_eq!(*a, *hkdf(b"salt", b"ikm", b"one"));
    }

    #[test]
    fn hkdf_matches_rfc_5869_case_1_prefix() {
        let ikm = [0x0bu8; 22];
        let salt: Vec<u8> = (0x00..=0x0c).collect();
        let info: Vec<u8> = (0xf0..=0xf9).collect();
        let okm = hkdf(&salt, &ikm, &info);
        assert_eq!(
            crate::codec::hex_encode(&okm[..]),
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
        );
    }

    #[test]
    fn calibration_respects_the_floor() {
        let n = calibrate();
        assert!((KDF_FLOOR..=KDF_CEILING).contains(&n));
        assert_eq!(kdf_iteration_floor(), KDF_FLOOR);
    }
}

//! The floor a backup passphrase must reach, and generated passphrases.
//!
//! A backup is meant to leave the phone, so its passphrase faces offline
//! guessing with nothing but PBKDF2 in the way. The floor: at least
//! [`BACKUP_PASSPHRASE_MIN_CHARS`] characters and at least
//! [`BACKUP_PASSPHRASE_MIN_BITS`] bits by [`estimate_bits`], a deliberately
//! simple estimate that sees small alphabets, repeated pieces and runs
//! (`aaaa`, `1234`, `abcabc`), not dictionaries: it keeps out the obviously
//! weak, it does not prove a passphrase strong. The sure way is
//! [`generate_backup_passphrase`]: eight words from a list of 256, 64
//! random bits, shown once.

use zeroize::Zeroizing;

use super::words::WORDS;
use crate::crypto::random;
use crate::keyring::PASSCODE_MAX_CHARS;
use crate::{Result, VaultError};

/// Shortest backup passphrase accepted, in characters.
pub const BACKUP_PASSPHRASE_MIN_CHARS: u32 = 16;
/// Least estimated strength of a backup passphrase, in bits.
pub const BACKUP_PASSPHRASE_MIN_BITS: u32 = 64;
/// Words in a generated passphrase (8 bits each).
pub const GENERATED_PASSPHRASE_WORDS: u32 = 8;
/// Shortest repeat of earlier text that counts as one piece.
const REPEAT_MIN: usize = 3;

/// Checks a new backup passphrase against the floor:
/// `InvalidInput { field: "passphrase" }` when it is shorter than
/// [`BACKUP_PASSPHRASE_MIN_CHARS`], longer than the passcode limit,
/// holds a control character (PBKDF2's zero padding would make a trailing
/// NUL the same passphrase), or is estimated below
/// [`BACKUP_PASSPHRASE_MIN_BITS`].
pub(crate) fn check_new(passphrase: &str) -> Result<()> {
    let chars = passphrase.chars().count();
    if chars < BACKUP_PASSPHRASE_MIN_CHARS as usize
        || chars > PASSCODE_MAX_CHARS
        || passphrase.chars().any(char::is_control)
        || estimate_bits(passphrase) < f64::from(BACKUP_PASSPHRASE_MIN_BITS)
    {
        return Err(VaultError::invalid("passphrase"));
    }
    Ok(())
}

/// A rough strength estimate in bits: each character costs the logarithm of
/// the alphabet its classes span (lower case 26, upper case 26, digits 10,
/// other ASCII 33, anything else 100), except that a piece repeating
/// earlier text (3 characters or more) costs one character, and a
/// character continuing a run of equal or consecutive characters (the
/// third of `aaa`, `abc`, `321` and on) costs one bit.
pub(crate) fn estimate_bits(passphrase: &str) -> f64 {
    let chars: Zeroizing<Vec<char>> = Zeroizing::new(passphrase.chars().collect());
    let pool: u32 = [
        (chars.iter().any(char::is_ascii_lowercase), 26),
        (chars.iter().any(char::is_ascii_uppercase), 26),
        (chars.iter().any(char::is_ascii_digit), 10),
        (
            chars
                .iter()
                .any(|c| c.is_ascii() && !c.is_ascii_alphanumeric()),
            33,
        ),
        (chars.iter().any(|c| !c.is_ascii()), 100),
    ]
    .iter()
    .filter(|(present, _)| *present)
    .map(|(_, size)| size)
    .sum();
    let per_char = f64::from(pool.max(1)).log2();
    let mut bits = 0.0;
    let mut i = 0;
    while i < chars.len() {
        let repeat = longest_repeat(&chars, i);
        if repeat >= REPEAT_MIN {
            bits += per_char;
            i += repeat;
            continue;
        }
        let in_run = i >= 2 && {
            let step = |a: char, b: char| i64::from(u32::from(b)) - i64::from(u32::from(a));
            let d = step(chars[i - 1], chars[i]);
            d.abs() <= 1 && d == step(chars[i - 2], chars[i - 1])
        };
        bits += if in_run { 1.0 } else { per_char };
        i += 1;
    }
    bits
}

/// The longest piece starting at `i` that also starts somewhere before it.
fn longest_repeat(chars: &[char], i: usize) -> usize {
    (0..i)
        .map(|j| {
            chars[i..]
                .iter()
                .zip(&chars[j..])
                .take_while(|(a, b)| a == b)
                .count()
        })
        .max()
        .unwrap_or(0)
}

/// A new backup passphrase: eight words from the project's list of 256,
/// chosen with the system's random generator (64 bits), joined by
/// hyphens. Show it once and let the person write it down; it is not
/// kept anywhere. A draw the floor would refuse (one word eight times,
/// about one in 2^56) is drawn again.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn generate_backup_passphrase() -> Result<String> {
    for _ in 0..16 {
        let picks = Zeroizing::new(random::array::<{ GENERATED_PASSPHRASE_WORDS as usize }>()?);
        let phrase = picks
            .iter()
            .map(|&b| WORDS[usize::from(b)])
            .collect::<Vec<_>>()
            .join("-");
        if check_new(&phrase).is_ok() {
            return Ok(phrase);
        }
    }
    Err(VaultError::Storage)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_word_list_is_whole_and_plain() {
        let set: BTreeSet<&str> = WORDS.iter().copied().collect();
        assert_eq!(set.len(), 256, "256 distinct words");
        let prefixes: BTreeSet<&str> = WORDS.iter().map(|w| &w[..w.len().min(4)]).collect();
        assert_eq!(prefixes.len(), 256, "each known by its first four letters");
        for w in WORDS {
            assert!((3..=8).contains(&w.len()), "{w}");
            assert!(w.bytes().all(|b| b.is_ascii_lowercase()), "{w}");
        }
        assert!(WORDS.windows(2).all(|p| p[0] < p[1]), "sorted");
    }

    #[test]
    fn generated_passphrases_pass_the_floor_and_differ() {
        let a = generate_backup_passphrase().unwrap();
        let b = generate_backup_passphrase().unwrap();
        assert_ne!(a, b);
        for p in [&a, &b] {
            let words: Vec<&str> = p.split('-').collect();
            assert_eq!(words.len(), GENERATED_PASSPHRASE_WORDS as usize);
            assert!(words.iter().all(|w| WORDS.contains(w)));
            assert_eq!(check_new(p), Ok(()), "{p}");
        }
        // The weakest possible draw, one word eight times, would be refused
        // (and is drawn again).
        let same = [WORDS[0]; 8].join("-");
        assert_eq!(check_new(&same), Err(VaultError::invalid("passphrase")));
    }

    #[test]
    fn weak_passphrases_are_refused() {
        for weak in [
            "",
            "1234",
            "abc",
            "correct horse",              // too short
            "aaaaaaaaaaaaaaaaaaaaaaaa",   // one character
            "1234567890123456789012",     // digits in runs
            "abcdefghijklmnopqrstuvwxyz", // one run
            "passwordpassword",           // a repeat
            "qwerqwerqwerqwerqwer",
            "0000000000000000",
        ] {
            assert_eq!(
                check_new(weak),
                Err(VaultError::invalid("passphrase")),
                "{weak:?}"
            );
        }
        assert!(check_new(&"x".repeat(PASSCODE_MAX_CHARS + 1)).is_err());
        for control in ['\0', '\t', '\n', '\u{7f}', '\u{9b}'] {
            let p = format!("a long backup passphrase{control}");
            assert_eq!(
                check_new(&p),
                Err(VaultError::invalid("passphrase")),
                "{p:?}"
            );
        }
    }

    #[test]
    fn reasonable_passphrases_pass() {
        for good in [
            "a long backup passphrase",
            "interop backup passphrase",
            "bench passphrase",
            "correct horse battery staple",
            "Mein Hund heißt Bello, 2019!",
            "كلمة مرور طويلة جدا",
        ] {
            assert_eq!(check_new(good), Ok(()), "{good:?}");
        }
    }

    #[test]
    fn the_estimate_counts_pieces_not_characters() {
        let one = estimate_bits("tulip-walnut-x");
        let twice = estimate_bits("tulip-walnut-xtulip-walnut-x");
        assert!(twice - one < 7.0, "{one} {twice}");
        assert!(estimate_bits("abcdefgh") < 20.0);
        assert!(estimate_bits("hqzmtwbk") > 36.0);
    }
}

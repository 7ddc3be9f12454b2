//! Checkpoint codes: a text that commits to the chain's head, for the
//! person to read aloud or send to someone they trust.
//!
//! The digest is `SHA-256("checkpoint/v1" || count as 8 bytes big-endian
//! || head)`. A code is its first 140 bits in Crockford base32 (28
//! characters) followed by one check character (Luhn mod 32 over the 28),
//! shown as `XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-C`. Codes made before
//! version 0.2 carried only the first 80 bits (16 characters and a check
//! character, `XXXX-XXXX-XXXX-XXXX-C`); they are still read, and reported
//! as short: someone holding the key could prepare a second history with
//! the same short code with about 2^40 hashing, against about 2^70 for a
//! full one (a collision, found by trying histories). For the full 256
//! bits, compare the head itself (64 hex digits, in every export and
//! checkpoint, e.g. as a QR code).
//!
//! Reading a code back accepts any case, spaces or hyphens, `O` for zero
//! and `I`/`L` for one; every single mistyped character is caught by the
//! check character.

use super::{sha256, Hash};
use crate::codec;

const DOMAIN: &[u8] = b"checkpoint/v1";
/// Significant characters in a code, without the check character.
pub(crate) const CODE_CHARS: usize = 28;
/// Significant characters in a short (80-bit) code from before.
pub(crate) const SHORT_CODE_CHARS: usize = 16;

/// A code as read back: its canonical form and whether it is a short one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub(crate) code: String,
    pub(crate) short: bool,
}

impl Parsed {
    /// Whether this code was made for a chain of `count` records ending in
    /// `head`.
    pub(crate) fn matches(&self, count: u64, head: &Hash) -> bool {
        let chars = if self.short {
            SHORT_CODE_CHARS
        } else {
            CODE_CHARS
        };
        self.code == with_check(&digest_chars(count, head)[..chars])
    }
}

/// The checkpoint code for a chain of `count` records ending in `head`.
pub(crate) fn code(count: u64, head: &Hash) -> String {
    with_check(&digest_chars(count, head)[..CODE_CHARS])
}

/// The short (80-bit) code earlier versions made for the same chain.
#[cfg(test)]
pub(crate) fn short_code(count: u64, head: &Hash) -> String {
    with_check(&digest_chars(count, head)[..SHORT_CODE_CHARS])
}

/// The digest as base32: 29 characters, of which a code uses a prefix.
fn digest_chars(count: u64, head: &Hash) -> String {
    let mut input = Vec::with_capacity(DOMAIN.len() + 8 + 32);
    input.extend_from_slice(DOMAIN);
    input.extend_from_slice(&count.to_be_bytes());
    input.extend_from_slice(head);
    codec::base32_encode(&sha256(&input)[..18])
}

/// `body` grouped by four, then a hyphen and its check character.
fn with_check(body: &str) -> String {
    let values = codec::base32_values(body).unwrap_or_default();
    let mut out = codec::grouped(body);
    out.push('-');
    out.push(codec::base32_char(codec::luhn32_check(&values)));
    out
}

/// Reads a code as typed, full or short, or `None` when it has the wrong
/// length, a foreign character or a wrong check character.
pub(crate) fn parse(typed: &str) -> Option<Parsed> {
    let values = codec::base32_values(typed)?;
    let short = match values.len().checked_sub(1)? {
        CODE_CHARS => false,
        SHORT_CODE_CHARS => true,
        _ => return None,
    };
    let (body, check) = values.split_at(values.len() - 1);
    if codec::luhn32_check(body) != check[0] {
        return None;
    }
    let body: String = body.iter().map(|&v| codec::base32_char(v)).collect();
    Some(Parsed {
        code: with_check(&body),
        short,
    })
}

/// Normalizes a code as typed into its canonical display form; see
/// [`parse`].
pub(crate) fn normalize(typed: &str) -> Option<String> {
    parse(typed).map(|p| p.code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_read_back_in_any_spelling() {
        // The README's vector is checked in `chain::tests::fixed_vector`.
        let c = code(3, &[0xab; 32]);
        assert_eq!(c.len(), 36);
        assert_eq!(normalize(&c).as_deref(), Some(c.as_str()));
        assert_eq!(
            normalize(&c.to_lowercase().replace('-', " ")).as_deref(),
            Some(c.as_str())
        );
        assert!(!parse(&c).unwrap().short);
    }

    #[test]
    fn codes_commit_at_least_128_bits() {
        const { assert!(CODE_CHARS * 5 >= 128) };
        // A short code is the beginning of the full one (its check differs).
        let head = [0x5a; 32];
        let (full, short) = (code(9, &head), short_code(9, &head));
        assert_eq!(short.len(), 21);
        assert_eq!(full[..19], short[..19]);
    }

    #[test]
    fn short_codes_from_before_still_match_and_say_so() {
        let head = [0x42; 32];
        let short = short_code(5, &head);
        let parsed = parse(&short.to_lowercase()).unwrap();
        assert!(parsed.short);
        assert_eq!(parsed.code, short);
        assert!(parsed.matches(5, &head));
        assert!(!parsed.matches(6, &head));
        assert!(!parsed.matches(5, &[0x43; 32]));
        let full = parse(&code(5, &head)).unwrap();
        assert!(full.matches(5, &head));
        assert!(!full.matches(4, &head));
    }

    #[test]
    fn different_heads_and_counts_give_different_codes() {
        assert_ne!(code(3, &[1; 32]), code(3, &[2; 32]));
        assert_ne!(code(3, &[1; 32]), code(4, &[1; 32]));
    }

    #[test]
    fn malformed_codes_are_refused() {
        let c = code(7, &[9; 32]);
        let short = short_code(7, &[9; 32]);
        for bad in [
            "",
            "-",
            "ABCD",
            &c[..c.len() - 1],
            &format!("{c}0"),
            &short[..short.len() - 1],
            &format!("{short}0"),
            "ÄBCD-EFGH-JKMN-PQRS-T",
            "UUUU-UUUU-UUUU-UUUU-U",
        ] {
            assert_eq!(normalize(bad), None, "{bad:?}");
        }
    }

    proptest! {
        /// Every single-character substitution is caught, in full and short codes.
        #[test]
        fn single_typos_are_caught(head in any::<[u8; 32]>(), count in any::<u64>(),
                                   pos in 0usize..29, delta in 1u8..32, short in any::<bool>()) {
            let good = if short { short_code(count, &head) } else { code(count, &head) };
            let mut chars: Vec<u8> = good.bytes().filter(|&b| b != b'-').collect();
            let pos = pos % chars.len();
            let v = codec::base32_values(&(chars[pos] as char).to_string()).unwrap()[0];
            chars[pos] = codec::base32_char((v + delta) % 32) as u8;
            let typed = String::from_utf8(chars).unwrap();
            prop_assert_eq!(normalize(&typed), None);
        }
    }
}

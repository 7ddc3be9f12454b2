//! Checkpoint codes: a short text that commits to the chain's head, for the
//! person to read aloud or send to someone they trust.
//!
//! The code is the first 80 bits of
//! `SHA-256("checkpoint/v1" || count as 8 bytes big-endian || head)`,
//! in Crockford base32 (16 characters), followed by one check character
//! (Luhn mod 32 over the 16), shown as `XXXX-XXXX-XXXX-XXXX-C`. Reading it
//! back accepts any case, spaces or hyphens, `O` for zero and `I`/`L` for
//! one; a single mistyped character or two swapped neighbours are caught by
//! the check character in most cases (every single substitution).

use super::{sha256, Hash};
use crate::codec;

const DOMAIN: &[u8] = b"checkpoint/v1";
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Significant characters in a code, without the check character.
pub(crate) const CODE_CHARS: usize = 16;

/// The checkpoint code for a chain of `count` records ending in `head`.
pub(crate) fn code(count: u64, head: &Hash) -> String {
    let mut input = Vec::with_capacity(DOMAIN.len() + 8 + 32);
    input.extend_from_slice(DOMAIN);
    input.extend_from_slice(&count.to_be_bytes());
    input.extend_from_slice(head);
    let digest = sha256(&input);
    let body = codec::base32_encode(&digest[..10]);
    let values: Vec<u8> = body.bytes().filter_map(value_of).collect();
    let check = ALPHABET[usize::from(luhn_check(&values))] as char;
    let mut out = String::with_capacity(CODE_CHARS + 5);
    for (i, ch) in body.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(ch);
    }
    out.push('-');
    out.push(check);
    out
}

/// Normalizes a code as typed into its canonical display form, or `None`
/// when it has the wrong length, a foreign character or a wrong check
/// character.
pub(crate) fn normalize(typed: &str) -> Option<String> {
    let mut values = Vec::with_capacity(CODE_CHARS + 1);
    for ch in typed.chars() {
        let v = match ch.to_ascii_uppercase() {
            '-' | ' ' => continue,
            'O' => 0,
            'I' | 'L' => 1,
            c if c.is_ascii() => value_of(c as u8)?,
            _ => return None,
        };
        values.push(v);
    }
    if values.len() != CODE_CHARS + 1 {
        return None;
    }
    let (body, check) = values.split_at(CODE_CHARS);
    if luhn_check(body) != check[0] {
        return None;
    }
    let mut out = String::with_capacity(CODE_CHARS + 5);
    for (i, &v) in values.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(ALPHABET[usize::from(v)] as char);
    }
    Some(out)
}

fn value_of(ch: u8) -> Option<u8> {
    ALPHABET.iter().position(|&a| a == ch).map(|p| p as u8)
}

/// Luhn mod 32: the value that makes the weighted sum a multiple of 32.
fn luhn_check(values: &[u8]) -> u8 {
    const N: u32 = 32;
    let mut factor = 2;
    let mut sum = 0u32;
    for &v in values.iter().rev() {
        let addend = factor * u32::from(v);
        factor = if factor == 2 { 1 } else { 2 };
        sum += addend / N + addend % N;
    }
    ((N - sum % N) % N) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_read_back_in_any_spelling() {
        // The README's vector is checked in `chain::tests::fixed_vector`.
        let c = code(3, &[0xab; 32]);
        assert_eq!(c.len(), 21);
        assert_eq!(normalize(&c).as_deref(), Some(c.as_str()));
        assert_eq!(
            normalize(&c.to_lowercase().replace('-', " ")).as_deref(),
            Some(c.as_str())
        );
    }

    #[test]
    fn different_heads_and_counts_give_different_codes() {
        assert_ne!(code(3, &[1; 32]), code(3, &[2; 32]));
        assert_ne!(code(3, &[1; 32]), code(4, &[1; 32]));
    }

    #[test]
    fn malformed_codes_are_refused() {
        let c = code(7, &[9; 32]);
        for bad in [
            "",
            "ABCD",
            &c[..c.len() - 1],
            &format!("{c}0"),
            "ÄBCD-EFGH-JKMN-PQRS-T",
            "UUUU-UUUU-UUUU-UUUU-U",
        ] {
            assert_eq!(normalize(bad), None, "{bad:?}");
        }
    }

    proptest! {
        /// Every single-character substitution is caught.
        #[test]
        fn single_typos_are_caught(head in any::<[u8; 32]>(), count in any::<u64>(),
                                   pos in 0usize..17, delta in 1u8..32) {
            let good = code(count, &head);
            let mut chars: Vec<u8> = good.bytes().filter(|&b| b != b'-').collect();
            let v = value_of(chars[pos]).unwrap();
            chars[pos] = ALPHABET[usize::from((v + delta) % 32)];
            let typed = String::from_utf8(chars).unwrap();
            prop_assert_eq!(normalize(&typed), None);
        }
    }
}

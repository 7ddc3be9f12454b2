//! Text encodings of binary values: Crockford base32 for codes people type or
//! read aloud, and lowercase hex for record identifiers.

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Crockford base32, upper case, no padding.
pub(crate) fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let mut buffer: u32 = 0;
    let mut bits = 0u32;
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(CROCKFORD[((buffer >> bits) & 31) as usize] as char);
        }
        buffer &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(CROCKFORD[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// Decodes Crockford base32 as people type it: any case, with spaces or
/// hyphens between groups, `O` read as zero and `I`/`L` as one. Returns `None`
/// on any other character or on leftover bits that are not zero.
pub(crate) fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let mut buffer: u32 = 0;
    let mut bits = 0u32;
    for ch in text.chars() {
        let value = match ch.to_ascii_uppercase() {
            '-' | ' ' => continue,
            'O' => 0,
            'I' | 'L' => 1,
            c => CROCKFORD.iter().position(|&a| a as char == c)? as u32,
        };
        buffer = (buffer << 5) | value;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    if buffer != 0 {
        return None;
    }
    Some(out)
}

/// The value (0–31) of each Crockford base32 character as typed, skipping
/// hyphens and spaces, reading `O` as zero and `I`/`L` as one. `None` on any
/// other character.
pub(crate) fn base32_values(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    for ch in text.chars() {
        let value = match ch.to_ascii_uppercase() {
            '-' | ' ' => continue,
            'O' => 0,
            'I' | 'L' => 1,
            c => CROCKFORD.iter().position(|&a| a as char == c)? as u8,
        };
        out.push(value);
    }
    Some(out)
}

/// The Crockford base32 character for a value below 32.
pub(crate) fn base32_char(value: u8) -> char {
    CROCKFORD[usize::from(value & 31)] as char
}

/// Luhn mod 32 over base32 values: the check value that makes the
/// weighted sum a multiple of 32. Catches every single substitution.
pub(crate) fn luhn32_check(values: &[u8]) -> u8 {
    const N: u32 = 32;
    let mut factor = 2;
    let mut sum = 0u32;
    for &v in values.iter().rev() {
        let addend = factor * u32::from(v & 31);
        factor = if factor == 2 { 1 } else { 2 };
        sum += addend / N + addend % N;
    }
    ((N - sum % N) % N) as u8
}

/// `text` in groups of four characters joined by hyphens.
pub(crate) fn grouped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for (i, ch) in text.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(ch);
    }
    out
}

pub(crate) fn hex_encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

pub(crate) fn hex_decode(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    text.as_bytes()
        .chunks(2)
        .map(|pair| {
            let hi = (pair[0] as char).to_digit(16)?;
            let lo = (pair[1] as char).to_digit(16)?;
            Some((hi * 16 + lo) as u8)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn base32_known_vectors() {
        assert_eq!(base32_encode(b""), "");
        assert_eq!(base32_encode(&[0xff]), "ZW");
        assert_eq!(base32_encode(&[0, 0, 0, 0, 0]), "00000000");
        assert_eq!(base32_encode(b"hello"), "D1JPRV3F");
    }

    #[test]
    fn base32_reads_what_people_type() {
        assert_eq!(base32_decode("d1jp-rv3f"), Some(b"hello".to_vec()));
        assert_eq!(base32_decode("D1JP RV3F"), Some(b"hello".to_vec()));
        assert_eq!(base32_decode("OO"), base32_decode("00"));
        assert_eq!(base32_decode("IL"), base32_decode("11"));
        assert_eq!(base32_decode("U0"), None);
        assert_eq!(base32_decode("é"), None);
        // Trailing bits that are not zero are rejected, not silently dropped.
        assert_eq!(base32_decode("ZZ"), None);
    }

    #[test]
    fn hex_rejects_bad_input() {
        assert_eq!(hex_decode("0g"), None);
        assert_eq!(hex_decode("abc"), None);
        assert_eq!(hex_decode("éé"), None);
        assert_eq!(hex_decode("00ff"), Some(vec![0, 255]));
    }

    proptest! {
        #[test]
        fn base32_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            prop_assert_eq!(base32_decode(&base32_encode(&bytes)), Some(bytes));
        }

        #[test]
        fn hex_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            prop_assert_eq!(hex_decode(&hex_encode(&bytes)), Some(bytes));
        }

        #[test]
        fn base32_decode_never_panics(text in ".{0,64}") {
            let _ = base32_decode(&text);
            let _ = hex_decode(&text);
        }
    }
}

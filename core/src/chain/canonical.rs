//! The canonical JSON encoding that ledger digests are computed over.
//!
//! A small, fixed subset of RFC 8785 (JCS) that an independent verifier can
//! reproduce in a few lines of any language:
//!
//! - objects: members sorted by key, compared as UTF-8 bytes (every key in
//!   a chain record is ASCII, so this equals JCS's UTF-16 order);
//! - no whitespace anywhere;
//! - strings: `"` and `\` escaped with a backslash; U+0008, U+0009, U+000A,
//!   U+000C, U+000D as `\b \t \n \f \r`; every other code point below U+0020
//!   as `\u00xx` (lowercase hex); everything else, U+007F and non-ASCII
//!   included, as its UTF-8 bytes, never escaped;
//! - numbers: integers only, in decimal, `-` for negatives, no leading
//!   zeros, no exponent (a chain record holds no fractions);
//! - `true`, `false`, `null` as themselves; arrays in their own order.
//!
//! Python's `json.dumps(v, sort_keys=True, separators=(",", ":"),
//! ensure_ascii=False)` produces the same bytes for such values.

use serde_json::Value;

use crate::{Result, VaultError};

/// The canonical bytes of `value`. Fails on a number that is not an
/// integer, which no chain record holds.
pub(crate) fn to_bytes(value: &Value) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(256);
    write(value, &mut out)?;
    Ok(out)
}

fn write(value: &Value, out: &mut Vec<u8>) -> Result<()> {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => {
            let text = if let Some(i) = n.as_i64() {
                i.to_string()
            } else if let Some(u) = n.as_u64() {
                u.to_string()
            } else {
                return Err(VaultError::Corrupt);
            };
            out.extend_from_slice(text.as_bytes());
        }
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write(item, out)?;
            }
            out.push(b']');
        }
        Value::Object(map) => {
            // Sorted here, whatever order the map keeps.
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            members.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push(b'{');
            for (i, (key, item)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_string(key, out);
                out.push(b':');
                write(item, out)?;
            }
            out.push(b'}');
        }
    }
    Ok(())
}

pub(crate) fn write_string(s: &str, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    for &b in s.as_bytes() {
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            0x0c => out.extend_from_slice(b"\\f"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0..=0x1f => {
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 15)]);
            }
            _ => out.push(b),
        }
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn text(v: Value) -> String {
        String::from_utf8(to_bytes(&v).unwrap()).unwrap()
    }

    #[test]
    fn fixed_vectors() {
        assert_eq!(
            text(json!({"b": 1, "a": [true, null, -7]})),
            r#"{"a":[true,null,-7],"b":1}"#
        );
        assert_eq!(
            text(json!({"a": {"z": "", "y": 0}})),
            r#"{"a":{"y":0,"z":""}}"#
        );
        assert_eq!(
            text(json!(
                "quote\" back\\ nl\n tab\t cr\r bs\u{8} ff\u{c} nul\u{0} us\u{1f} del\u{7f}"
            )),
            "\"quote\\\" back\\\\ nl\\n tab\\t cr\\r bs\\b ff\\f nul\\u0000 us\\u001f del\u{7f}\""
        );
        assert_eq!(text(json!("é 😀 /")), "\"é 😀 /\"");
        assert_eq!(text(json!(u64::MAX)), "18446744073709551615");
        assert_eq!(text(json!(i64::MIN)), "-9223372036854775808");
        // Keys sort by bytes: upper case before lower case, "a" before "aa".
        assert_eq!(
            text(json!({"aa": 1, "a": 2, "B": 3})),
            r#"{"B":3,"a":2,"aa":1}"#
        );
    }

    #[test]
    fn fractions_are_refused() {
        assert_eq!(to_bytes(&json!(1.5)), Err(VaultError::Corrupt));
        assert_eq!(to_bytes(&json!({"a": [0.1]})), Err(VaultError::Corrupt));
    }

    proptest! {
        /// The canonical bytes parse back to the same value, and do not
        /// depend on the order members were inserted in.
        #[test]
        fn round_trips_and_ignores_insertion_order(
            pairs in proptest::collection::btree_map("\\PC{0,8}", (any::<i64>(), "\\PC{0,12}"), 0..12)
        ) {
            let forward: serde_json::Map<String, Value> =
                pairs.iter().map(|(k, (n, s))| (k.clone(), json!([n, s]))).collect();
            let backward: serde_json::Map<String, Value> =
                pairs.iter().rev().map(|(k, (n, s))| (k.clone(), json!([n, s]))).collect();
            let bytes = to_bytes(&Value::Object(forward.clone())).unwrap();
            let parsed: Value = serde_json::from_slice(&bytes).unwrap();
            prop_assert_eq!(parsed, Value::Object(forward));
            prop_assert_eq!(to_bytes(&Value::Object(backward)).unwrap(), bytes);
        }
    }
}

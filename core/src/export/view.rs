//! Reading chain records back into the domain's types, for the report.
//!
//! A chain record is shown as an entry only when it has exactly the shape
//! `chain::record_value` writes and its content parses into the domain's
//! types and serializes back to the very same JSON (so nothing in it is
//! dropped on the way to the page). Anything else is shown as its raw JSON.

use serde_json::{Map, Value};

use crate::chain::{self, Hash, RECORD_VERSION};
use crate::domain::entries::EntryBody;

/// A chain record the report can show as an entry.
#[derive(Debug, Clone)]
pub(crate) struct ChainRecord {
    pub(crate) seq: u64,
    pub(crate) entry: String,
    pub(crate) recorded_at: i64,
    pub(crate) op: ChainOp,
    /// SHA-256 of the record's canonical bytes.
    pub(crate) digest: Hash,
}

/// Most records are versions; boxing their content would cost an
/// allocation each for the rare redaction's sake.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)]
pub(crate) enum ChainOp {
    /// A creation (revision 0) or an amendment.
    Version {
        revision: u64,
        at: i64,
        utc_offset_seconds: i64,
        content: EntryBody,
    },
    Redact,
}

const VERSION_KEYS: [&str; 9] = [
    "at",
    "content",
    "entry",
    "op",
    "recorded_at",
    "revision",
    "seq",
    "utc_offset_seconds",
    "v",
];
const REDACT_KEYS: [&str; 5] = ["entry", "op", "recorded_at", "seq", "v"];

/// Reads a chain record; `None` when it is not one this version can show.
pub(crate) fn parse(value: &Value) -> Option<ChainRecord> {
    let map = value.as_object()?;
    if map.get("v")?.as_u64()? != RECORD_VERSION {
        return None;
    }
    let digest = chain::value_digest(value).ok()?;
    let seq = map.get("seq")?.as_u64()?;
    let entry = map.get("entry")?.as_str()?.to_owned();
    let recorded_at = map.get("recorded_at")?.as_i64()?;
    let op = match map.get("op")?.as_str()? {
        "create" | "amend" if has_keys(map, &VERSION_KEYS) => {
            let content = map.get("content")?;
            let body: EntryBody = serde_json::from_value(content.clone()).ok()?;
            if serde_json::to_value(&body).ok()? != *content {
                return None;
            }
            ChainOp::Version {
                revision: map.get("revision")?.as_u64()?,
                at: map.get("at")?.as_i64()?,
                utc_offset_seconds: map.get("utc_offset_seconds")?.as_i64()?,
                content: body,
            }
        }
        "redact" if has_keys(map, &REDACT_KEYS) => ChainOp::Redact,
        _ => return None,
    };
    Some(ChainRecord {
        seq,
        entry,
        recorded_at,
        op,
        digest,
    })
}

fn has_keys(map: &Map<String, Value>, keys: &[&str]) -> bool {
    map.len() == keys.len() && keys.iter().all(|k| map.contains_key(*k))
}

//! The hash chain over the ledger.
//!
//! Every ledger record (an entry's creation, an amendment, a redaction) has
//! a *digest*: SHA-256 of its canonical bytes ([`canonical`]), computed over
//! the JSON object [`record_value`] builds. The records form a chain in
//! sequence order: `link(n) = SHA-256(link(n-1) || digest(n))`, with
//! `link(-1)` 32 zero bytes. The *head* is the link of the last record.
//! A record whose entry is deleted keeps its digest (and its place) and
//! loses its content, so the chain still verifies and shows the gap.
//!
//! The vault stores in each record the link of the record before it
//! (`prev`), so an altered, missing, replayed or reordered record is found
//! and located at unlock; see [`verify`].

pub(crate) mod canonical;
pub(crate) mod checkpoint;
mod fast;
pub(crate) mod verify;

use std::time::SystemTime;

use ring::digest::{Context, SHA256};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use zeroize::Zeroizing;

use crate::codec;
use crate::domain::entries::{EntryBody, LedgerOp, LedgerRecord};
use crate::time;
use crate::{Result, VaultError};

/// A SHA-256 value.
pub(crate) type Hash = [u8; 32];

/// The link before the first record, and the head of an empty chain.
pub(crate) const GENESIS: Hash = [0; 32];

/// Version of the chain record format, inside every digest.
pub(crate) const RECORD_VERSION: u64 = 1;

pub(crate) fn sha256(bytes: &[u8]) -> Hash {
    let mut out = [0; 32];
    out.copy_from_slice(ring::digest::digest(&SHA256, bytes).as_ref());
    out
}

/// The link that follows `prev` for a record with `digest`.
pub(crate) fn link(prev: &Hash, digest: &Hash) -> Hash {
    let mut ctx = Context::new(&SHA256);
    ctx.update(prev);
    ctx.update(digest);
    let mut out = [0; 32];
    out.copy_from_slice(ctx.finish().as_ref());
    out
}

pub(crate) fn to_hex(hash: &Hash) -> String {
    codec::hex_encode(hash)
}

/// Parses 64 lowercase or uppercase hex digits.
pub(crate) fn from_hex(text: &str) -> Option<Hash> {
    codec::hex_decode(text).and_then(|bytes| Hash::try_from(bytes.as_slice()).ok())
}

/// The chain record of a ledger record: the JSON object its digest is
/// computed over, and the one an evidence export carries.
///
/// ```text
/// {"v":1,"seq":N,"entry":"<32 hex>","recorded_at":<ms>,"op":"create"|"amend",
///  "revision":R,"at":<ms>,"utc_offset_seconds":S,"content":{...}}
/// {"v":1,"seq":N,"entry":"<32 hex>","recorded_at":<ms>,"op":"redact"}
/// ```
///
/// Instants are milliseconds since 1970-01-01T00:00:00Z. `content` is the
/// entry's content as the vault stores it (documented in the README). A
/// record whose entry was deleted has no chain record any more, only its
/// digest.
pub(crate) fn record_value(record: &LedgerRecord) -> Result<Value> {
    let base = |op: &str| {
        json!({
            "v": RECORD_VERSION,
            "seq": record.seq,
            "entry": record.entry_id,
            "recorded_at": time::to_millis(record.recorded_at),
            "op": op,
        })
    };
    let (mut value, revision, at, offset, content) = match &record.op {
        LedgerOp::Create {
            at,
            utc_offset_seconds,
            content,
        } => (base("create"), 0, at, utc_offset_seconds, content),
        LedgerOp::Amend {
            revision,
            at,
            utc_offset_seconds,
            content,
        } => (base("amend"), *revision, at, utc_offset_seconds, content),
        LedgerOp::Redact => return Ok(base("redact")),
        LedgerOp::Removed => return Err(VaultError::NotFound),
    };
    if let Value::Object(map) = &mut value {
        map.insert("revision".into(), json!(revision));
        map.insert("at".into(), json!(time::to_millis(*at)));
        map.insert("utc_offset_seconds".into(), json!(offset));
        map.insert(
            "content".into(),
            serde_json::to_value(content).map_err(|_| VaultError::Corrupt)?,
        );
    }
    Ok(value)
}

/// The digest of a chain record given as JSON.
pub(crate) fn value_digest(value: &Value) -> Result<Hash> {
    let bytes = Zeroizing::new(canonical::to_bytes(value)?);
    Ok(sha256(&bytes))
}

/// The digest of a ledger record with content; `None` for a `Removed`
/// record, whose digest is stored in it instead.
pub(crate) fn record_digest(record: &LedgerRecord) -> Result<Option<Hash>> {
    if record.op == LedgerOp::Removed {
        return Ok(record.digest);
    }
    // The canonical bytes hold the record's content: wiped when dropped.
    let mut bytes = Zeroizing::new(Vec::with_capacity(512));
    fast::write(&CanonicalRecord::of(record), &mut bytes)?;
    Ok(Some(sha256(&bytes)))
}

/// The chain record of [`record_value`], as a typed value that serializes
/// to the same canonical bytes without building JSON values first.
#[derive(Serialize)]
struct CanonicalRecord<'a> {
    v: u64,
    seq: u64,
    entry: &'a str,
    recorded_at: i64,
    op: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    revision: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    utc_offset_seconds: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content: Option<&'a EntryBody>,
}

impl<'a> CanonicalRecord<'a> {
    fn of(record: &'a LedgerRecord) -> Self {
        let base = |op| CanonicalRecord {
            v: RECORD_VERSION,
            seq: record.seq,
            entry: &record.entry_id,
            recorded_at: time::to_millis(record.recorded_at),
            op,
            revision: None,
            at: None,
            utc_offset_seconds: None,
            content: None,
        };
        let (op, revision, at, offset, content) = match &record.op {
            LedgerOp::Create {
                at,
                utc_offset_seconds,
                content,
            } => ("create", 0, at, utc_offset_seconds, content),
            LedgerOp::Amend {
                revision,
                at,
                utc_offset_seconds,
                content,
            } => ("amend", *revision, at, utc_offset_seconds, content),
            LedgerOp::Redact => return base("redact"),
            LedgerOp::Removed => return base("removed"),
        };
        CanonicalRecord {
            revision: Some(revision),
            at: Some(time::to_millis(*at)),
            utc_offset_seconds: Some(*offset),
            content: Some(content),
            ..base(op)
        }
    }
}

/// The digest given, when a ledger written before the chain existed is
/// chained, to a record whose content had already been deleted: the
/// canonical bytes of `{"v":1,"seq":N,"entry":"..","op":"removed"}`.
pub(crate) fn removed_before_chain_digest(record: &LedgerRecord) -> Result<Hash> {
    value_digest(&json!({
        "v": RECORD_VERSION,
        "seq": record.seq,
        "entry": record.entry_id,
        "op": "removed",
    }))
}

/// The chain's head as the vault writes it after every append, so that
/// records removed from the end of the chain are noticed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct StoredHead {
    pub(crate) count: u64,
    #[serde(with = "hex")]
    pub(crate) head: Hash,
}

/// A checkpoint as stored in the vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct StoredCheckpoint {
    pub(crate) count: u64,
    #[serde(with = "hex")]
    pub(crate) head: Hash,
    #[serde(with = "time::millis")]
    pub(crate) made_at: SystemTime,
}

/// A checkpoint: a short code that commits to the chain as it was, to be
/// read aloud or sent to someone the person trusts. A later export proves
/// that it extends the chain the code was made for.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Checkpoint {
    /// `XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-C`: 28 base32 characters (140
    /// bits of the head's digest) and a check character.
    pub code: String,
    /// Records in the chain when it was made.
    pub records: u64,
    /// The chain head it commits to, 64 hex digits.
    pub head: String,
    /// When it was made.
    pub made_at: SystemTime,
}

impl From<&StoredCheckpoint> for Checkpoint {
    fn from(c: &StoredCheckpoint) -> Self {
        Checkpoint {
            code: checkpoint::code(c.count, &c.head),
            records: c.count,
            head: to_hex(&c.head),
            made_at: c.made_at,
        }
    }
}

/// Serde adapter for a hash stored as 64 hex digits.
pub(crate) mod hex {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::Hash;

    pub(crate) fn serialize<S: Serializer>(h: &Hash, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::to_hex(h))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Hash, D::Error> {
        let text = String::deserialize(d)?;
        super::from_hex(&text).ok_or_else(|| serde::de::Error::custom("hash"))
    }
}

/// Serde adapter for an optional hash stored as 64 hex digits.
pub(crate) mod hex_opt {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::Hash;

    pub(crate) fn serialize<S: Serializer>(h: &Option<Hash>, s: S) -> Result<S::Ok, S::Error> {
        match h {
            Some(h) => s.serialize_str(&super::to_hex(h)),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Hash>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(text) => super::from_hex(&text)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom("hash")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::entries::EntryBody;
    use crate::domain::events::{CheckIn, EventBody};

    /// The fixed vector in the README: an independent verifier must get
    /// these bytes, digests and links.
    fn vector() -> LedgerRecord {
        LedgerRecord {
            seq: 0,
            entry_id: "000102030405060708090a0b0c0d0e0f".into(),
            recorded_at: time::from_millis(1_767_225_600_000),
            op: LedgerOp::Create {
                at: time::from_millis(1_767_222_000_000),
                utc_offset_seconds: 3600,
                content: EntryBody::Event {
                    body: EventBody::CheckIn {
                        check_in: CheckIn {
                            mood: 4,
                            energy: None,
                            note: "Ça va \"ok\"\n".into(),
                            tags: vec!["sleep".into()],
                        },
                    },
                    locked: false,
                },
            },
            prev: None,
            digest: None,
        }
    }

    #[test]
    fn fixed_vector() {
        let record = vector();
        let bytes = canonical::to_bytes(&record_value(&record).unwrap()).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            r#"{"at":1767222000000,"content":{"event":{"body":{"check_in":{"check_in":{"energy":null,"mood":4,"note":"Ça va \"ok\"\n","tags":["sleep"]}}}}},"entry":"000102030405060708090a0b0c0d0e0f","op":"create","recorded_at":1767225600000,"revision":0,"seq":0,"utc_offset_seconds":3600,"v":1}"#
        );
        let digest = record_digest(&record).unwrap().unwrap();
        assert_eq!(
            to_hex(&digest),
            "442e29ea29d271e0ff1cef850729d0bc1864fc9caf9eb60778bc3e7a3220f43b"
        );
        let first = link(&GENESIS, &digest);
        assert_eq!(
            to_hex(&first),
            "fe735d090956f8fa96bd42cb70b88258d674d8b00aa3a3de5f37c28583f34799"
        );
        let redact = LedgerRecord {
            seq: 1,
            op: LedgerOp::Redact,
            ..vector()
        };
        let bytes = canonical::to_bytes(&record_value(&redact).unwrap()).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            r#"{"entry":"000102030405060708090a0b0c0d0e0f","op":"redact","recorded_at":1767225600000,"seq":1,"v":1}"#
        );
        let head = link(&first, &record_digest(&redact).unwrap().unwrap());
        assert_eq!(
            to_hex(&head),
            "383a302cf0abefe8313f8b2c376ba6aad554f89a1f87452f27fb2f75c4ad86fc"
        );
        assert_eq!(
            checkpoint::code(2, &head),
            "FQ3Z-1HTF-9J6K-3ETE-R5G5-XT98-QXDJ-9"
        );
        assert_eq!(checkpoint::short_code(2, &head), "FQ3Z-1HTF-9J6K-3ETE-M");
    }

    #[test]
    fn a_removed_record_has_only_its_stored_digest() {
        let removed = LedgerRecord {
            op: LedgerOp::Removed,
            digest: Some([7; 32]),
            ..vector()
        };
        assert_eq!(record_digest(&removed), Ok(Some([7; 32])));
        assert_eq!(record_value(&removed), Err(VaultError::NotFound));
    }
}

#[cfg(test)]
mod fast_tests {
    use super::*;
    use crate::domain::channel::Channel;
    use crate::domain::entries::EntryBody;
    use crate::domain::events::{
        Attachment, AttemptResponse, CheckIn, Emotion, EventBody, TheirAttempt, Urge, UrgeOutcome,
    };
    use crate::domain::reflections::{ReflectionBody, ReflectionKind};
    use proptest::prelude::*;

    fn content(kind: u8, text: String, n: u8, words: Vec<String>) -> EntryBody {
        let person = "00112233445566778899aabbccddeeff".to_owned();
        let body = match kind % 5 {
            0 => EventBody::CheckIn {
                check_in: CheckIn {
                    mood: n,
                    energy: n.is_multiple_of(2).then_some(n),
                    note: text,
                    tags: words,
                },
            },
            1 => EventBody::Urge {
                urge: Urge {
                    intensity: n,
                    person_id: n.is_multiple_of(2).then(|| person.clone()),
                    trigger_ids: words.clone(),
                    emotions: vec![Emotion::Lonely, Emotion::Proud],
                    other_emotions: words,
                    coping: vec![text.clone()],
                    outcome: UrgeOutcome::Resisted,
                    reached_out_via: None,
                    note: text,
                },
            },
            2 => EventBody::TheirAttempt {
                attempt: TheirAttempt {
                    person_id: person,
                    channel: Channel::SocialMedia,
                    handle: text.clone(),
                    said: text.clone(),
                    said_verbatim: n.is_multiple_of(2),
                    response: AttemptResponse::Reported,
                    location: text,
                    witnesses: words,
                    felt_unsafe: n,
                    attachments: vec![Attachment {
                        app_id: "a".into(),
                        sha256: "0".repeat(64),
                    }],
                    note: String::new(),
                },
            },
            k => {
                return EntryBody::Reflection {
                    body: ReflectionBody {
                        kind: if k == 3 {
                            ReflectionKind::Journal {
                                prompt_id: n.is_multiple_of(2).then(|| "prompt.x.01".into()),
                            }
                        } else {
                            ReflectionKind::UnsentLetter { person_id: person }
                        },
                        title: text.clone(),
                        text,
                        tags: words,
                        mood: Some(n),
                    },
                }
            }
        };
        EntryBody::Event {
            body,
            locked: false,
        }
    }

    proptest! {
        /// The fast writer gives the bytes the reference encoding gives.
        #[test]
        fn fast_bytes_equal_the_reference(
            kind in 0u8..5, op in 0u8..3, n in any::<u8>(), seq in any::<u64>(),
            at in any::<i64>(), offset in any::<i32>(),
            text in "\\PC{0,40}|[\\x00-\\x1f\"\\\\]{0,8}",
            words in proptest::collection::vec("\\PC{0,6}", 0..4),
        ) {
            let at = time::from_millis(at / 2);
            let body = content(kind, text, n, words);
            let op = match op {
                0 => LedgerOp::Create { at, utc_offset_seconds: offset, content: body },
                1 => LedgerOp::Amend { revision: u32::from(n), at, utc_offset_seconds: offset, content: body },
                _ => LedgerOp::Redact,
            };
            let record = LedgerRecord {
                seq,
                entry_id: "0a".repeat(16),
                recorded_at: at,
                op,
                prev: None,
                digest: None,
            };
            let mut fast_bytes = Vec::new();
            fast::write(&CanonicalRecord::of(&record), &mut fast_bytes).unwrap();
            let reference = canonical::to_bytes(&record_value(&record).unwrap()).unwrap();
            prop_assert_eq!(String::from_utf8(fast_bytes).unwrap(), String::from_utf8(reference).unwrap());
        }
    }
}

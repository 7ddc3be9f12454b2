//! The evidence export, version 1: the document written as `evidence.json`.
//!
//! An export carries the whole hash chain of the ledger, from its first
//! record to its head: every record the person chose to share in full, and
//! for every other record only its digest. Anyone can recompute the chain
//! from it and compare the head with a checkpoint code the person shared
//! earlier (see `crate::chain`, and the README's "Evidence export format").
//!
//! Instants are integer milliseconds since 1970-01-01T00:00:00Z; hashes are
//! 64 lowercase hex digits. Fields that hold hex or instants are kept as
//! plain strings and numbers here, so that a verifier can read a damaged
//! document and name the record that does not match instead of refusing the
//! whole file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::strict;
use crate::chain::{self, checkpoint, Hash, GENESIS};
use crate::domain::entries::LedgerRecord;
use crate::insights::localtime;
use crate::{Result, VaultError};

/// The value of `format` in every evidence document.
pub const EVIDENCE_FORMAT: &str = "nocontact-evidence";
/// The version of the document's shape this code writes and reads.
pub const EVIDENCE_VERSION: u32 = 1;
/// The version of the HTML report's layout this code renders. The verifier
/// re-renders the report and compares it byte for byte, so any change to
/// the report's output must come with a new layout number (a test pins a
/// digest of the current output).
pub const REPORT_LAYOUT: u32 = 1;

/// An evidence export (`evidence.json`).
///
/// Everything outside `records` and `chain` describes the export (when it
/// was made, which time zone the report shows times in, what was chosen,
/// the names shown for ids); it is not part of the hash chain, and the
/// report says so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Always [`EVIDENCE_FORMAT`], `"nocontact-evidence"`.
    pub format: String,
    /// The document's version, [`EVIDENCE_VERSION`] (1).
    pub version: u32,
    /// The layout of `report.html`, [`REPORT_LAYOUT`] (1).
    pub report_layout: u32,
    /// When the export was made (ms).
    pub made_at: i64,
    /// The IANA time zone the report shows times in ("Europe/Berlin").
    /// Each record also keeps the UTC offset in force where it was logged.
    pub zone: String,
    /// The time range the person chose.
    pub period: Period,
    /// What the person chose to include.
    pub selection: Selection,
    /// The people referred to by included records, by id: the alias and
    /// relationship shown for them. Nothing else about them.
    #[serde(deserialize_with = "strict::unique_map")]
    pub people: BTreeMap<String, PersonLabel>,
    /// Names for other ids referred to by included records, by id: trigger
    /// names, boundary statements, the text of a prompt a journal entry
    /// answers.
    #[serde(deserialize_with = "strict::unique_map")]
    pub labels: BTreeMap<String, String>,
    /// The chain: how many records it holds and its head.
    pub chain: ChainHead,
    /// Checkpoints the person made earlier (codes they may have shared),
    /// each of which the chain in this export must match at its count.
    pub checkpoints: Vec<CheckpointEntry>,
    /// Every record of the chain, `seq` 0 to `chain.count - 1` in order.
    pub records: Vec<Item>,
}

/// A time range: `from` included, `until` excluded; `None` is open.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// The first instant included (ms), or `null` for the beginning.
    pub from: Option<i64>,
    /// The first instant after the period (ms), or `null` for now.
    pub until: Option<i64>,
}

/// What the person chose to include.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selection {
    /// Only entries about this person (an id in `people`), or everyone.
    pub person_id: Option<String>,
    /// The kinds chosen: event kind ids (`"their_attempt"`, `"my_contact"`,
    /// `"urge"`, `"check_in"`) and `"reflection"`.
    pub kinds: Vec<String>,
}

/// How a person is shown in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonLabel {
    /// The discreet alias the person chose.
    pub alias: String,
    /// The relationship id (`"ex_partner"`, `"parent"`, ...).
    pub relationship: String,
}

/// The chain's length and head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChainHead {
    /// The number of records in the chain (and in `records`).
    pub count: u64,
    /// The link after the last record (64 hex digits); 64 zeros for an
    /// empty chain.
    pub head: String,
}

/// A checkpoint made earlier: its code commits to `count` and `head`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckpointEntry {
    /// The code as shown to the person (`XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-C`,
    /// or a short `XXXX-XXXX-XXXX-XXXX-C` from an earlier version).
    pub code: String,
    /// The number of records the chain held then.
    pub count: u64,
    /// The head then: the link after record `count - 1`.
    pub head: String,
    /// When the checkpoint was made (ms).
    pub made_at: i64,
}

/// One record of the chain.
///
/// In JSON, an included record is `{"seq": N, "link": "<hex>", "record":
/// {...}}` and an omitted one `{"seq": N, "link": "<hex>", "digest":
/// "<hex>"}`; exactly one of `record` and `digest` is present.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawItem", into = "RawItem")]
pub enum Item {
    /// A record shared in full: its chain record (the JSON object its digest
    /// is computed over, see `chain::record_value`) and the link after it.
    Included {
        /// The record's sequence number in the chain.
        seq: u64,
        /// The link after it (64 hex digits).
        link: String,
        /// The chain record, as JSON.
        record: Value,
    },
    /// A record not shared: its digest and the link after it.
    Omitted {
        /// The record's sequence number in the chain.
        seq: u64,
        /// The link after it (64 hex digits).
        link: String,
        /// The record's digest (64 hex digits).
        digest: String,
    },
}

impl Item {
    /// The record's sequence number in the chain.
    pub fn seq(&self) -> u64 {
        match self {
            Item::Included { seq, .. } | Item::Omitted { seq, .. } => *seq,
        }
    }

    /// The link after this record, as written (hex).
    pub fn link(&self) -> &str {
        match self {
            Item::Included { link, .. } | Item::Omitted { link, .. } => link,
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    seq: u64,
    link: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "strict::option_value"
    )]
    record: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    digest: Option<String>,
}

impl TryFrom<RawItem> for Item {
    type Error = &'static str;

    fn try_from(raw: RawItem) -> std::result::Result<Self, Self::Error> {
        match (raw.record, raw.digest) {
            (Some(record), None) => Ok(Item::Included {
                seq: raw.seq,
                link: raw.link,
                record,
            }),
            (None, Some(digest)) => Ok(Item::Omitted {
                seq: raw.seq,
                link: raw.link,
                digest,
            }),
            _ => Err("a record item holds exactly one of `record` and `digest`"),
        }
    }
}

impl From<Item> for RawItem {
    fn from(item: Item) -> Self {
        match item {
            Item::Included { seq, link, record } => RawItem {
                seq,
                link,
                record: Some(record),
                digest: None,
            },
            Item::Omitted { seq, link, digest } => RawItem {
                seq,
                link,
                record: None,
                digest: Some(digest),
            },
        }
    }
}

impl Evidence {
    /// An export with no records yet. `zone` must be an IANA zone name
    /// (`InvalidInput { field: "zone" }` otherwise).
    pub fn new(made_at: i64, zone: &str, period: Period, selection: Selection) -> Result<Self> {
        localtime::zone(zone)?;
        Ok(Evidence {
            format: EVIDENCE_FORMAT.to_owned(),
            version: EVIDENCE_VERSION,
            report_layout: REPORT_LAYOUT,
            made_at,
            zone: zone.to_owned(),
            period,
            selection,
            people: BTreeMap::new(),
            labels: BTreeMap::new(),
            chain: ChainHead {
                count: 0,
                head: chain::to_hex(&GENESIS),
            },
            checkpoints: Vec::new(),
            records: Vec::new(),
        })
    }

    /// Appends the next record in full: `record` is its chain record, whose
    /// `seq` must be the next sequence number (`InvalidInput { field:
    /// "record" }` otherwise, or when it has no canonical form).
    pub fn include(&mut self, record: Value) -> Result<()> {
        let seq = self.next_seq();
        if record.get("seq").and_then(Value::as_u64) != Some(seq) {
            return Err(VaultError::invalid("record"));
        }
        let digest = chain::value_digest(&record).map_err(|_| VaultError::invalid("record"))?;
        let link = chain::link(&self.head()?, &digest);
        self.push(
            Item::Included {
                seq,
                link: chain::to_hex(&link),
                record,
            },
            link,
        );
        Ok(())
    }

    /// Appends the next record as its digest only.
    pub fn omit(&mut self, digest: &[u8; 32]) -> Result<()> {
        let seq = self.next_seq();
        let link = chain::link(&self.head()?, digest);
        self.push(
            Item::Omitted {
                seq,
                link: chain::to_hex(&link),
                digest: chain::to_hex(digest),
            },
            link,
        );
        Ok(())
    }

    /// Appends a ledger record, in full or as its digest. Records must come
    /// in sequence order, with no gap; a `Removed` record (its entry was
    /// deleted) can only be omitted.
    pub(crate) fn push_record(&mut self, record: &LedgerRecord, include: bool) -> Result<()> {
        if record.seq != self.next_seq() {
            return Err(VaultError::invalid("record"));
        }
        if include {
            return self.include(chain::record_value(record)?);
        }
        let digest = chain::record_digest(record)?.ok_or(VaultError::Corrupt)?;
        self.omit(&digest)
    }

    /// Lists a checkpoint made when the chain held `count` records (all of
    /// them must already be in this export); returns its code.
    pub fn add_checkpoint(&mut self, count: u64, made_at: i64) -> Result<String> {
        let head = self.link_at(count).ok_or(VaultError::invalid("count"))?;
        let code = checkpoint::code(count, &head);
        self.checkpoints.push(CheckpointEntry {
            code: code.clone(),
            count,
            head: chain::to_hex(&head),
            made_at,
        });
        Ok(code)
    }

    /// The checkpoint code for the whole chain in this export.
    pub fn checkpoint_code(&self) -> Result<String> {
        Ok(checkpoint::code(self.chain.count, &self.head()?))
    }

    /// Parses `evidence.json`; `Corrupt` if it is not a version 1 document.
    pub fn from_json(bytes: &[u8]) -> Result<Self> {
        let evidence: Evidence = serde_json::from_slice(bytes).map_err(|_| VaultError::Corrupt)?;
        if evidence.format != EVIDENCE_FORMAT || evidence.version != EVIDENCE_VERSION {
            return Err(VaultError::UnsupportedVersion);
        }
        Ok(evidence)
    }

    /// The document as written to `evidence.json`: indented JSON, object
    /// members in a fixed order, ending with a newline.
    pub fn to_json(&self) -> Result<Vec<u8>> {
        let mut out = serde_json::to_vec_pretty(self).map_err(|_| VaultError::Corrupt)?;
        out.push(b'\n');
        Ok(out)
    }

    fn next_seq(&self) -> u64 {
        self.records.len() as u64
    }

    /// The current head, from the last record's link.
    fn head(&self) -> Result<Hash> {
        match self.records.last() {
            None => Ok(GENESIS),
            Some(item) => chain::from_hex(item.link()).ok_or(VaultError::Corrupt),
        }
    }

    /// The link after the first `count` records.
    fn link_at(&self, count: u64) -> Option<Hash> {
        match count.checked_sub(1) {
            None => Some(GENESIS),
            Some(i) => chain::from_hex(self.records.get(usize::try_from(i).ok()?)?.link()),
        }
    }

    fn push(&mut self, item: Item, link: Hash) {
        self.records.push(item);
        self.chain.count = self.records.len() as u64;
        self.chain.head = chain::to_hex(&link);
    }
}

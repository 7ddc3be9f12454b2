//! Records as they are sealed: a serde enum of every kind (externally tagged:
//! internally tagged enums make serde buffer every record twice), encoded as
//! JSON inside the padded, sealed blob. The kind is inside the ciphertext, so
//! a copy of the file does not tell a note from anything else.

use crate::access::AccessLog;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::chain::{StoredCheckpoint, StoredHead};
use crate::codec;
use crate::crypto::random;
use crate::crypto::seal::{Purpose, SealKey};
use crate::domain::boundaries::Boundary;
use crate::domain::entries::LedgerRecord;
use crate::domain::people::Person;
use crate::domain::safety_plan::SafetyPlanVersion;
use crate::domain::triggers::Trigger;
use crate::insights::reminders::ReminderSettings;
use crate::note::Note;
use crate::reasons::{MyReason, Prompt};
use crate::{Result, VaultError};

/// Length of a record id in bytes.
pub(crate) const ID_LEN: usize = 16;

/// A record's identifier: 16 random bytes, shown as 32 lowercase hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct RecordId(pub(crate) [u8; ID_LEN]);

impl RecordId {
    pub(crate) fn random() -> Result<Self> {
        random::array().map(Self)
    }

    /// Parses an id given by a caller; anything malformed is an invalid `id`.
    pub(crate) fn parse(text: &str) -> Result<Self> {
        codec::hex_decode(text)
            .and_then(|bytes| <[u8; ID_LEN]>::try_from(bytes.as_slice()).ok())
            .map(Self)
            .ok_or_else(|| VaultError::invalid("id"))
    }

    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<Self> {
        <[u8; ID_LEN]>::try_from(bytes).ok().map(Self)
    }

    pub(crate) fn to_hex(self) -> String {
        codec::hex_encode(&self.0)
    }
}

/// Every kind of record the vault holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Record {
    /// The foundation's placeholder kind; migrated to a journal entry at unlock.
    Note(Note),
    Person(Person),
    Boundary(Boundary),
    Trigger(Trigger),
    Reason(MyReason),
    Prompt(Prompt),
    SafetyPlan(SafetyPlanVersion),
    Ledger(LedgerRecord),
    ReminderSettings(ReminderSettings),
    ChainHead(StoredHead),
    Checkpoint(StoredCheckpoint),
    AccessLog(AccessLog),
}

impl Record {
    pub(crate) fn seal(&self, key: &SealKey, id: RecordId) -> Result<Vec<u8>> {
        let json = Zeroizing::new(serde_json::to_vec(self).map_err(|_| VaultError::Storage)?);
        key.seal_padded(Purpose::Record, &id.0, &json)
    }

    /// The record's plaintext JSON, without parsing it.
    pub(crate) fn open_plaintext(
        key: &SealKey,
        id: RecordId,
        blob: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>> {
        key.open_padded(Purpose::Record, &id.0, blob)
    }

    pub(crate) fn open(key: &SealKey, id: RecordId, blob: &[u8]) -> Result<Self> {
        let json = key.open_padded(Purpose::Record, &id.0, blob)?;
        serde_json::from_slice(&json).map_err(|_| VaultError::Corrupt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_strictly() {
        let id = RecordId::random().unwrap();
        assert_eq!(RecordId::parse(&id.to_hex()).unwrap(), id);
        for bad in ["", "abc", "zz", &"0".repeat(31), &"0".repeat(34), "😀"] {
            assert_eq!(RecordId::parse(bad), Err(VaultError::invalid("id")));
        }
    }
}

//! The chain's state and checkpoints.

use crate::chain::verify::ChainReport;
use crate::chain::{checkpoint, Checkpoint, StoredCheckpoint};
use crate::record::{Record, RecordId};
use crate::vault::Vault;
use crate::{time, Result, VaultError};

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Vault {
    /// The chain as checked at unlock, with the records appended since.
    /// Cheap: the apps show its issues after unlocking.
    pub fn chain_report(&self) -> Result<ChainReport> {
        self.with_session(|_, session| Ok(session.index.ledger.check().0))
    }

    /// Reads every record from the file again, recomputes every digest and
    /// link, and reports what does not match. Takes about as long as an
    /// unlock; the records in memory are not changed.
    pub fn verify_chain(&self) -> Result<ChainReport> {
        self.with_session(|conn, session| {
            let fresh = session.reload(conn)?;
            Ok(fresh.ledger.check().0)
        })
    }

    /// Makes a checkpoint of the chain as it is now and keeps it in the
    /// vault's list. Share its code with someone you trust: a later export
    /// proves that it extends this chain.
    pub fn make_checkpoint(&self) -> Result<Checkpoint> {
        self.with_session(|conn, session| {
            let (count, head) = session.index.ledger.chain_tip();
            let stored = StoredCheckpoint {
                count,
                head,
                made_at: time::now(),
            };
            let id = RecordId::random()?;
            session.store(conn, vec![(id, Record::Checkpoint(stored))])?;
            Ok(Checkpoint::from(&stored))
        })
    }

    /// Every checkpoint made, oldest first.
    pub fn checkpoints(&self) -> Result<Vec<Checkpoint>> {
        self.with_session(|_, session| {
            Ok(session
                .index
                .checkpoints
                .iter()
                .map(|(_, c)| Checkpoint::from(c))
                .collect())
        })
    }
}

/// Reads a checkpoint code as typed (any case, spaces or hyphens, `O` for
/// zero) and returns it in its display form, or fails with `InvalidInput`
/// naming `code` when it is malformed or its check character is wrong.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn normalize_checkpoint_code(code: String) -> Result<String> {
    checkpoint::normalize(&code).ok_or_else(|| VaultError::invalid("code"))
}

//! Encrypted backups of the whole vault, and restoring them: into this
//! vault, or into a new one on another phone. The file format is in
//! `crate::backup`.

use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use zeroize::Zeroizing;

use crate::backup::{self, BackupMeta};
use crate::chain::{self, Hash};
use crate::memory::Index;
use crate::progress::{Progress, ProgressListener};
use crate::record::{Record, RecordId};
use crate::vault::{create_vault, CreatedVault, Vault, VaultSetup};
use crate::{time, Result, VaultError};

/// What a backup holds.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BackupSummary {
    /// Sealed records in the backup (everything in the vault).
    pub records: u64,
    /// Records in the log's hash chain.
    pub chain_records: u64,
    /// The chain head, 64 hex digits: the same before the backup and after
    /// a restore.
    pub head: String,
    /// When the backup was made.
    pub created_at: SystemTime,
}

impl From<&BackupMeta> for BackupSummary {
    fn from(meta: &BackupMeta) -> Self {
        BackupSummary {
            records: meta.record_count,
            chain_records: meta.chain_count,
            head: chain::to_hex(&meta.chain_head),
            created_at: time::from_millis(meta.created_at_ms),
        }
    }
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Vault {
    /// Writes everything in the vault to a new backup file at `path`,
    /// encrypted under `passphrase` with the vault's key-derivation
    /// strength. The passphrase must reach the floor (at least
    /// `BACKUP_PASSPHRASE_MIN_CHARS` characters and an estimated
    /// `BACKUP_PASSPHRASE_MIN_BITS` bits; else `InvalidInput("passphrase")`
    /// before anything is read or written); `generate_backup_passphrase`
    /// makes one that does. Records that
    /// no longer open (see `status().damaged_records`) cannot be included.
    /// `progress` hears about every record and may cancel; no file is left
    /// behind then, nor on any error.
    pub fn export_backup(
        &self,
        path: String,
        passphrase: String,
        progress: Option<Arc<dyn ProgressListener>>,
    ) -> Result<BackupSummary> {
        let passphrase = Zeroizing::new(passphrase);
        backup::passphrase::check_new(&passphrase)?;
        let iterations = self.status()?.kdf_iterations;
        self.with_session(|conn, session| {
            let rows = crate::store::all_records(conn)?;
            let items: Vec<(RecordId, Zeroizing<Vec<u8>>)> = rows
                .iter()
                .filter_map(|(id, blob)| {
                    let id = RecordId::from_bytes(id)?;
                    session.open_plaintext(id, blob).ok().map(|p| (id, p))
                })
                .collect();
            let (chain_count, chain_head) = session.index.ledger.chain_tip();
            let meta = BackupMeta {
                created_at_ms: time::to_millis(time::now()),
                record_count: items.len() as u64,
                chain_count,
                chain_head,
            };
            let mut progress = Progress::new(progress, meta.record_count);
            progress.report()?;
            backup::write(
                Path::new(&path),
                &passphrase,
                iterations,
                &meta,
                items.into_iter().map(Ok),
                &mut progress,
            )?;
            Ok(BackupSummary::from(&meta))
        })
    }

    /// Replaces everything in this vault with a backup's content, keeping
    /// this vault's passcode and keys. The backup is read and checked in
    /// full first (wrong passphrase: `WrongSecret`; damaged or altered:
    /// `Corrupt`); nothing changes unless it is whole. Refused with
    /// `WouldLoseEntries` when this vault's log has entries the backup
    /// lacks (a newer vault, or one that went its own way), unless
    /// `replace_newer` says to replace them anyway.
    pub fn restore_backup(
        &self,
        path: String,
        passphrase: String,
        replace_newer: bool,
        progress: Option<Arc<dyn ProgressListener>>,
    ) -> Result<BackupSummary> {
        let passphrase = Zeroizing::new(passphrase);
        if !self.is_unlocked() {
            return Err(VaultError::Locked);
        }
        let mut progress = Progress::new(progress, 0);
        let (meta, items) = backup::read(Path::new(&path), &passphrase, &mut progress)?;
        let restored = Restored::check(&meta, items)?;
        self.with_session(|conn, session| {
            let (count, tip) = session.index.ledger.chain_tip();
            if !replace_newer && !restored.extends(count, &tip) {
                return Err(VaultError::WouldLoseEntries);
            }
            session.replace_all(conn, &restored.records, restored.index)?;
            Ok(BackupSummary::from(&meta))
        })
    }
}

/// Creates a new vault at `vault_path` (which must not exist), secured by
/// `setup`, holding a backup's content: the way to move to a new phone.
/// Returns it unlocked with its new recovery code. On any error no vault
/// is left behind.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn restore_vault(
    backup_path: String,
    passphrase: String,
    vault_path: String,
    setup: VaultSetup,
    progress: Option<Arc<dyn ProgressListener>>,
) -> Result<CreatedVault> {
    let passphrase = Zeroizing::new(passphrase);
    // Read and check the backup before anything is created.
    let mut reading = Progress::new(progress, 0);
    let (meta, items) = backup::read(Path::new(&backup_path), &passphrase, &mut reading)?;
    let restored = Restored::check(&meta, items)?;
    let created = create_vault(vault_path.clone(), setup)?;
    let filled = created
        .vault
        .with_session(|conn, session| session.replace_all(conn, &restored.records, restored.index));
    match filled {
        Ok(()) => Ok(created),
        Err(err) => {
            drop(created);
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{vault_path}{suffix}"));
            }
            Err(err)
        }
    }
}

/// A backup's records, parsed and checked against what the backup says
/// about its chain, and the index they make.
struct Restored {
    records: Vec<(RecordId, Record)>,
    index: Index,
    /// The links of the backup's chain, by count: `links[n]` is the link
    /// after the first `n` records (`None` where a record is missing).
    links: Vec<Option<Hash>>,
}

impl Restored {
    fn check(meta: &BackupMeta, items: Vec<(RecordId, Zeroizing<Vec<u8>>)>) -> Result<Self> {
        let records = items
            .into_iter()
            .map(|(id, json)| {
                serde_json::from_slice::<Record>(&json)
                    .map(|r| (id, r))
                    .map_err(|_| VaultError::Corrupt)
            })
            .collect::<Result<Vec<_>>>()?;
        let with_digests = records
            .iter()
            .map(|(id, r)| {
                let digest = match r {
                    Record::Ledger(entry) => chain::record_digest(entry)?,
                    _ => None,
                };
                Ok((*id, r.clone(), digest))
            })
            .collect::<Result<Vec<_>>>()?;
        let index = Index::build(with_digests, Default::default());
        let (count, head) = index.ledger.chain_tip();
        if (count, head) != (meta.chain_count, meta.chain_head) {
            return Err(VaultError::Corrupt);
        }
        let links = index.ledger.links_by_count();
        Ok(Restored {
            records,
            index,
            links,
        })
    }

    /// Whether the backup's chain holds a chain of `count` records ending
    /// in `tip` as its beginning.
    fn extends(&self, count: u64, tip: &Hash) -> bool {
        usize::try_from(count)
            .ok()
            .and_then(|n| self.links.get(n))
            .is_some_and(|link| link.as_ref() == Some(tip))
    }
}

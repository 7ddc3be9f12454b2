//! The vault object: one per open file, `Send + Sync`, its connection and
//! its unlocked state behind one mutex.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::SystemTime;

use rusqlite::Connection;
use zeroize::{Zeroize, Zeroizing};

use crate::chain::{self, Hash, StoredHead};
use crate::crypto::kdf;
use crate::crypto::seal::SealKey;
use crate::crypto::{random, KEY_LEN};
use crate::domain::entries::{EntryBody, LedgerOp, LedgerRecord};
use crate::domain::reflections::{ReflectionBody, ReflectionKind};
use crate::header::{DataKey, Header, SLOT_COUNT};
use crate::keyring::{self, Directory, Secret};
use crate::memory::Index;
use crate::record::{Record, RecordId};
use crate::store;
use crate::urge::UrgeSessionState;
use crate::{Result, VaultError};

/// How a new vault is secured.
#[derive(Clone, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct VaultSetup {
    /// The passcode (4 to 256 characters).
    pub passcode: String,
    /// A 32-byte key the app keeps in the platform keystore. With
    /// `passcode_needs_device_key` it hardens the passcode slot; without, it
    /// gets a slot of its own that opens the vault alone (biometric unlock).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub device_key: Option<Vec<u8>>,
    /// The passcode opens the vault only together with the device key.
    #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    pub passcode_needs_device_key: bool,
    /// PBKDF2 iterations; `None` calibrates to about 250 ms on this device.
    /// Never below [`crate::KDF_FLOOR`].
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub kdf_iterations: Option<u32>,
}

impl std::fmt::Debug for VaultSetup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VaultSetup")
            .field("device_key", &self.device_key.as_ref().map(|_| ".."))
            .field("passcode_needs_device_key", &self.passcode_needs_device_key)
            .field("kdf_iterations", &self.kdf_iterations)
            .finish_non_exhaustive()
    }
}

/// A newly created vault, unlocked, and its recovery code. The code is
/// returned this once and never stored in clear: show it, then drop it.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CreatedVault {
    pub vault: Arc<Vault>,
    pub recovery_code: String,
}

/// What the app may show about the vault.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct VaultStatus {
    pub unlocked: bool,
    pub kdf_iterations: u32,
    /// A device-key slot exists (known only while unlocked; false when locked).
    pub has_device_key: bool,
    /// The passcode needs the device key (known only while unlocked).
    pub passcode_needs_device_key: bool,
    /// Sealed records in the file (readable without a key by anyone with the file).
    pub record_count: u64,
    /// Records that failed authentication at unlock (altered or damaged),
    /// plus log records that do not fit the log (an amendment whose entry
    /// is missing, a repeated sequence number).
    pub damaged_records: u64,
}

/// An open vault file.
#[cfg_attr(feature = "uniffi", derive(uniffi::Object))]
pub struct Vault {
    inner: Mutex<Inner>,
}

struct Inner {
    conn: Connection,
    session: Option<Session>,
}

/// At most this many threads open records at unlock.
const LOAD_THREADS_MAX: usize = 4;
/// Below this many records per thread, one thread does it all.
const LOAD_CHUNK_MIN: usize = 2_000;

/// What one loading thread opened.
#[derive(Default)]
struct Opened {
    records: Vec<(RecordId, Record, Option<Hash>)>,
    damaged: Vec<Vec<u8>>,
}

fn open_rows(seal: &SealKey, rows: &[(Vec<u8>, Vec<u8>)]) -> Opened {
    let mut out = Opened::default();
    for (id_bytes, blob) in rows {
        let opened = RecordId::from_bytes(id_bytes)
            .ok_or(VaultError::Corrupt)
            .and_then(|id| Record::open(seal, id, blob).map(|r| (id, r)))
            .and_then(|(id, record)| {
                // Digests are computed here, on the loading threads.
                let digest = match &record {
                    Record::Ledger(entry) => chain::record_digest(entry)?,
                    _ => None,
                };
                Ok((id, record, digest))
            });
        match opened {
            Ok(triple) => out.records.push(triple),
            Err(_) => out.damaged.push(id_bytes.clone()),
        }
    }
    out
}

/// Everything that exists only while the vault is unlocked.
pub(crate) struct Session {
    data_key: DataKey,
    seal: SealKey,
    directory: Directory,
    pub(crate) index: Index,
    /// Urge sessions in progress (kept in memory only; see `urge`).
    pub(crate) urges: BTreeMap<String, UrgeSessionState>,
}

impl Drop for Session {
    fn drop(&mut self) {
        self.index.wipe();
        self.urges.values_mut().for_each(zeroize::Zeroize::zeroize);
        // `data_key` wipes itself (Zeroizing).
    }
}

impl Session {
    /// Seals and stores records (new or replacing ones with the same id) in
    /// one transaction, then adds them to the index.
    pub(crate) fn store(
        &mut self,
        conn: &mut Connection,
        items: Vec<(RecordId, Record)>,
    ) -> Result<()> {
        self.store_replacing(conn, items, &[])
    }

    /// Like `store`, and deletes the records `remove` in the same transaction.
    fn store_replacing(
        &mut self,
        conn: &mut Connection,
        items: Vec<(RecordId, Record)>,
        remove: &[RecordId],
    ) -> Result<()> {
        let sealed = items
            .iter()
            .map(|(id, record)| record.seal(&self.seal, *id))
            .collect::<Result<Vec<_>>>()?;
        let tx = conn.transaction()?;
        for ((id, _), blob) in items.iter().zip(&sealed) {
            store::upsert_record(&tx, &id.0, blob)?;
        }
        for id in remove {
            store::delete_record(&tx, &id.0)?;
        }
        tx.commit()?;
        for (id, record) in items {
            self.index.put(id, record);
        }
        Ok(())
    }

    /// Deletes a keyed record from the file and from memory.
    pub(crate) fn delete(&mut self, conn: &mut Connection, id: RecordId) -> Result<()> {
        store::delete_record(conn, &id.0)?;
        self.index.remove(id);
        Ok(())
    }

    /// Appends ledger records for `ops` to the chain, with consecutive
    /// sequence numbers, and stores them with the new chain head in one
    /// transaction, together with `replacing` (records overwritten in
    /// place). Each op is `(entry id or None for a new entry, op)`; a new
    /// entry's id is its record id. Returns the new records' ids.
    pub(crate) fn append(
        &mut self,
        conn: &mut Connection,
        ops: Vec<(Option<String>, LedgerOp)>,
        replacing: Vec<(RecordId, Record)>,
        recorded_at: SystemTime,
    ) -> Result<Vec<RecordId>> {
        let ops = ops
            .into_iter()
            .map(|(entry, op)| (entry, recorded_at, op))
            .collect();
        self.append_at(conn, ops, replacing, &[])
    }

    /// `append` with an instant recorded per op, deleting the records
    /// `remove` in the same transaction.
    fn append_at(
        &mut self,
        conn: &mut Connection,
        ops: Vec<(Option<String>, SystemTime, LedgerOp)>,
        replacing: Vec<(RecordId, Record)>,
        remove: &[RecordId],
    ) -> Result<Vec<RecordId>> {
        let (mut seq, mut tip) = self.index.ledger.chain_tip();
        let mut items = replacing;
        let mut ids = Vec::with_capacity(ops.len());
        for (entry_id, recorded_at, op) in ops {
            let id = RecordId::random()?;
            let record = LedgerRecord {
                seq,
                entry_id: entry_id.unwrap_or_else(|| id.to_hex()),
                recorded_at,
                op,
                prev: Some(tip),
                digest: None,
            };
            let digest = chain::record_digest(&record)?.ok_or(VaultError::Corrupt)?;
            tip = chain::link(&tip, &digest);
            seq += 1;
            items.push((id, Record::Ledger(record)));
            ids.push(id);
        }
        let head_id = match self.index.ledger.recorded_head {
            Some((id, _)) => id,
            None => RecordId::random()?,
        };
        items.push((
            head_id,
            Record::ChainHead(StoredHead {
                count: seq,
                head: tip,
            }),
        ));
        self.store_replacing(conn, items, remove)?;
        Ok(ids)
    }

    /// The plaintext (JSON) of a sealed record of this vault.
    pub(crate) fn open_plaintext(&self, id: RecordId, blob: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        Record::open_plaintext(&self.seal, id, blob)
    }

    /// Replaces every record in the file with `records` (sealed under this
    /// vault's key, same ids) in one transaction; `index` is theirs, built
    /// by the caller. Chains the log if it predates the chain.
    pub(crate) fn replace_all(
        &mut self,
        conn: &mut Connection,
        records: &[(RecordId, Record)],
        index: Index,
    ) -> Result<()> {
        let sealed = records
            .iter()
            .map(|(id, record)| Ok((*id, record.seal(&self.seal, *id)?)))
            .collect::<Result<Vec<_>>>()?;
        store::replace_records(conn, &sealed)?;
        self.urges.values_mut().for_each(zeroize::Zeroize::zeroize);
        self.urges.clear();
        self.index.wipe();
        self.index = index;
        self.adopt_unchained(conn)
    }

    /// Reads and opens every record in the file again, as at unlock.
    pub(crate) fn reload(&self, conn: &Connection) -> Result<Index> {
        Vault::load(conn, &self.seal)
    }

    /// Chains a ledger written before the chain existed: every record gets
    /// the link before it (a deleted one also the digest of a stand-in, as
    /// its content is gone) and the head is recorded, in one transaction.
    fn adopt_unchained(&mut self, conn: &mut Connection) -> Result<()> {
        if !self.index.ledger.is_unchained() {
            return Ok(());
        }
        let mut ledger = Vec::new();
        store::for_each_record(conn, |id, blob| {
            let opened = RecordId::from_bytes(id)
                .and_then(|rid| Record::open(&self.seal, rid, blob).ok().map(|r| (rid, r)));
            if let Some((rid, Record::Ledger(record))) = opened {
                ledger.push((rid, record));
            }
        })?;
        ledger.sort_by_key(|(_, r)| r.seq);
        let mut tip = chain::GENESIS;
        let mut count = 0;
        let mut items = Vec::with_capacity(ledger.len() + 1);
        for (id, mut record) in ledger {
            let digest = match chain::record_digest(&record)? {
                Some(digest) => digest,
                None => chain::removed_before_chain_digest(&record)?,
            };
            record.prev = Some(tip);
            if record.op == LedgerOp::Removed {
                record.digest = Some(digest);
            }
            tip = chain::link(&tip, &digest);
            count = record.seq.saturating_add(1);
            items.push((id, Record::Ledger(record)));
        }
        let head = StoredHead { count, head: tip };
        items.push((RecordId::random()?, Record::ChainHead(head)));
        self.store(conn, items)?;
        self.index = self.reload(conn)?;
        Ok(())
    }

    /// Turns the foundation's placeholder notes into journal entries, in one
    /// transaction, and deletes the notes.
    fn migrate_legacy_notes(&mut self, conn: &mut Connection) -> Result<()> {
        if self.index.legacy_notes.is_empty() {
            return Ok(());
        }
        let mut notes = std::mem::take(&mut self.index.legacy_notes);
        notes.sort_by_key(|(_, n)| (n.recorded_at, n.at));
        let ops = notes
            .iter()
            .map(|(_, note)| {
                let op = LedgerOp::Create {
                    at: note.at,
                    utc_offset_seconds: note.utc_offset_seconds,
                    content: EntryBody::Reflection {
                        body: ReflectionBody {
                            kind: ReflectionKind::Journal { prompt_id: None },
                            title: String::new(),
                            text: note.text.clone(),
                            tags: Vec::new(),
                            mood: None,
                        },
                    },
                };
                (None, note.recorded_at, op)
            })
            .collect();
        let old: Vec<RecordId> = notes.iter().map(|(id, _)| *id).collect();
        self.append_at(conn, ops, Vec::new(), &old)?;
        for (_, note) in &mut notes {
            zeroize::Zeroize::zeroize(note);
        }
        Ok(())
    }
}

/// Creates a vault file at `path` (which must not exist) and returns it
/// unlocked, with its recovery code.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn create_vault(path: String, setup: VaultSetup) -> Result<CreatedVault> {
    Vault::create(Path::new(&path), setup)
}

impl Vault {
    /// Creates a vault file at `path`; see [`create_vault`].
    pub fn create(path: &Path, mut setup: VaultSetup) -> Result<CreatedVault> {
        let result = Self::create_inner(path, &setup);
        setup.zeroize();
        result
    }

    fn create_inner(path: &Path, setup: &VaultSetup) -> Result<CreatedVault> {
        keyring::validate_passcode(&setup.passcode)?;
        if let Some(key) = &setup.device_key {
            keyring::validate_device_key(key)?;
        } else if setup.passcode_needs_device_key {
            return Err(VaultError::invalid("device_key"));
        }
        let iterations = match setup.kdf_iterations {
            Some(n) => {
                keyring::validate_iterations(n)?;
                n
            }
            None => kdf::calibrate(),
        };
        if path.exists() {
            return Err(VaultError::AlreadyExists);
        }

        let data_key: DataKey = Zeroizing::new(random::array::<KEY_LEN>()?);
        let mut header = Header::random(iterations)?;
        let all: Vec<u8> = (0..SLOT_COUNT as u8).collect();
        let passcode_slot = keyring::pick(&all)?;
        let mut directory = Directory {
            passcode_slot,
            passcode_needs_device_key: setup.passcode_needs_device_key,
            device_slot: None,
            recovery_slot: passcode_slot, // replaced just below
            kdf_iterations: header.kdf_iterations,
            kdf_salt: header.kdf_salt,
        };
        directory.recovery_slot = directory.free_slot()?;

        let stretched = header.stretch(&setup.passcode);
        let device = setup.device_key.as_deref();
        let passcode_device = device.filter(|_| setup.passcode_needs_device_key);
        header.wrap(
            usize::from(passcode_slot),
            &keyring::passcode_material(&stretched[..], passcode_device),
            &data_key,
        )?;
        let (recovery_bytes, recovery_code) = keyring::new_recovery_code()?;
        header.wrap(
            usize::from(directory.recovery_slot),
            &keyring::recovery_material(&recovery_bytes),
            &data_key,
        )?;
        if let (Some(key), false) = (device, setup.passcode_needs_device_key) {
            let slot = directory.free_slot()?;
            header.wrap(usize::from(slot), &keyring::device_material(key), &data_key)?;
            directory.device_slot = Some(slot);
        }

        let seal = SealKey::new(&data_key)?;
        let conn = store::create(path, &header.to_bytes(), &directory.seal(&seal)?)?;
        let vault = Vault {
            inner: Mutex::new(Inner {
                conn,
                session: Some(Session {
                    data_key,
                    seal,
                    directory,
                    index: Index::default(),
                    urges: BTreeMap::new(),
                }),
            }),
        };
        Ok(CreatedVault {
            vault: Arc::new(vault),
            recovery_code,
        })
    }

    /// Opens an existing vault file, locked. Nothing is written to a file
    /// that is refused.
    pub fn open_path(path: &Path) -> Result<Self> {
        let conn = store::open(path)?;
        // A missing or malformed header makes the file unusable: say so now.
        Header::parse(&store::read_meta(&conn, store::HEADER_ROW)?)?;
        Ok(Vault {
            inner: Mutex::new(Inner {
                conn,
                session: None,
            }),
        })
    }

    fn inner(&self) -> MutexGuard<'_, Inner> {
        // A poisoned lock means a panic elsewhere; the state it guards is
        // still a valid connection plus an optional session.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn header(&self) -> Result<Header> {
        Header::parse(&store::read_meta(&self.inner().conn, store::HEADER_ROW)?)
    }

    /// Runs `f` with the unlocked session, or fails with `Locked`.
    pub(crate) fn with_session<T>(
        &self,
        f: impl FnOnce(&mut Connection, &mut Session) -> Result<T>,
    ) -> Result<T> {
        let mut guard = self.inner();
        let Inner { conn, session } = &mut *guard;
        match session {
            Some(session) => f(conn, session),
            None => Err(VaultError::Locked),
        }
    }

    /// Writes a new header and directory, then adopts the directory.
    fn save_keyring(
        conn: &mut Connection,
        session: &mut Session,
        header: &Header,
        directory: Directory,
    ) -> Result<()> {
        store::write_keyring(conn, &header.to_bytes(), &directory.seal(&session.seal)?)?;
        session.directory = directory;
        Ok(())
    }

    /// Reads every sealed record, then opens and parses them on as many
    /// threads as the device offers (up to four): opening is independent per
    /// record, and a phone has cores to spare at unlock.
    fn load(conn: &Connection, seal: &SealKey) -> Result<Index> {
        let mut rows: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
        store::for_each_record(conn, |id, blob| rows.push((id.to_vec(), blob.to_vec())))?;
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, LOAD_THREADS_MAX);
        let chunk = rows.len().div_ceil(threads).max(LOAD_CHUNK_MIN);
        let opened: Vec<Opened> = std::thread::scope(|scope| {
            // A thread the system refuses to start does its part right here.
            let workers: Vec<_> = rows
                .chunks(chunk)
                .map(|part| {
                    std::thread::Builder::new()
                        .spawn_scoped(scope, move || open_rows(seal, part))
                        .map_err(|_| open_rows(seal, part))
                })
                .collect();
            workers
                .into_iter()
                .map(|w| match w {
                    Ok(handle) => handle.join().unwrap_or_default(),
                    Err(done_here) => done_here,
                })
                .collect()
        });
        let mut records = Vec::with_capacity(rows.len());
        let mut damaged = BTreeSet::new();
        for part in opened {
            records.extend(part.records);
            damaged.extend(part.damaged);
        }
        // A worker that panicked (it cannot, but if it did) left its rows
        // out; they are reported as damaged rather than silently missing.
        let seen = records.len() + damaged.len();
        if seen < rows.len() {
            for (id, _) in &rows {
                let known = RecordId::from_bytes(id)
                    .is_some_and(|rid| records.iter().any(|(r, _, _)| *r == rid));
                if !known {
                    damaged.insert(id.clone());
                }
            }
        }
        Ok(Index::build(records, damaged))
    }
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Vault {
    /// Opens an existing vault file, locked.
    #[cfg_attr(feature = "uniffi", uniffi::constructor)]
    pub fn open(path: String) -> Result<Arc<Self>> {
        Self::open_path(Path::new(&path)).map(Arc::new)
    }

    /// Unlocks with any secret that has a slot. Records that fail to
    /// authenticate are counted in `status().damaged_records`; the others
    /// load. Calling it while unlocked checks the secret again.
    pub fn unlock(&self, mut secret: Secret) -> Result<()> {
        let result = self.unlock_inner(&secret);
        secret.zeroize();
        result
    }

    /// Forgets the keys and every record held in memory.
    pub fn lock(&self) {
        self.inner().session = None;
    }

    pub fn is_unlocked(&self) -> bool {
        self.inner().session.is_some()
    }

    pub fn status(&self) -> Result<VaultStatus> {
        let header = self.header()?;
        let guard = self.inner();
        let record_count = store::count_records(&guard.conn)?;
        let session = guard.session.as_ref();
        Ok(VaultStatus {
            unlocked: session.is_some(),
            kdf_iterations: header.kdf_iterations,
            has_device_key: session.is_some_and(|s| s.directory.device_slot.is_some()),
            passcode_needs_device_key: session
                .is_some_and(|s| s.directory.passcode_needs_device_key),
            record_count,
            damaged_records: session
                .map_or(0, |s| s.index.damaged.len() as u64 + s.index.ledger.orphans),
        })
    }

    /// Sets a new passcode (re-wraps the data key; no record is re-encrypted).
    /// With `device_key`, the passcode will open the vault only together
    /// with that key.
    pub fn change_passcode(&self, new_passcode: String, device_key: Option<Vec<u8>>) -> Result<()> {
        let passcode = Zeroizing::new(new_passcode);
        let device_key = device_key.map(Zeroizing::new);
        keyring::validate_passcode(&passcode)?;
        if let Some(key) = &device_key {
            keyring::validate_device_key(key)?;
        }
        if !self.is_unlocked() {
            return Err(VaultError::Locked);
        }
        // A new salt for the new passcode; the slow stretch runs unlocked.
        let mut header = self.header()?;
        header.kdf_salt = random::array()?;
        let stretched = header.stretch(&passcode);
        self.with_session(|conn, session| {
            let mut current = Header::parse(&store::read_meta(conn, store::HEADER_ROW)?)?;
            current.kdf_salt = header.kdf_salt;
            let material =
                keyring::passcode_material(&stretched[..], device_key.as_deref().map(|k| &k[..]));
            let mut directory = session.directory.clone();
            current.wrap(
                usize::from(directory.passcode_slot),
                &material,
                &session.data_key,
            )?;
            directory.passcode_needs_device_key = device_key.is_some();
            directory.kdf_salt = current.kdf_salt;
            Self::save_keyring(conn, session, &current, directory)
        })
    }

    /// Adds (or replaces) a slot that opens with the device key alone.
    pub fn set_device_key(&self, key: Vec<u8>) -> Result<()> {
        let key = Zeroizing::new(key);
        keyring::validate_device_key(&key)?;
        self.with_session(|conn, session| {
            let mut header = Header::parse(&store::read_meta(conn, store::HEADER_ROW)?)?;
            let mut directory = session.directory.clone();
            let slot = match directory.device_slot {
                Some(slot) => slot,
                None => directory.free_slot()?,
            };
            header.wrap(
                usize::from(slot),
                &keyring::device_material(&key),
                &session.data_key,
            )?;
            directory.device_slot = Some(slot);
            Self::save_keyring(conn, session, &header, directory)
        })
    }

    /// Removes the device-key slot (its bytes become random). Does nothing
    /// if there is none.
    pub fn remove_device_key(&self) -> Result<()> {
        self.with_session(|conn, session| {
            let Some(slot) = session.directory.device_slot else {
                return Ok(());
            };
            let mut header = Header::parse(&store::read_meta(conn, store::HEADER_ROW)?)?;
            header.clear(usize::from(slot))?;
            let mut directory = session.directory.clone();
            directory.device_slot = None;
            Self::save_keyring(conn, session, &header, directory)
        })
    }

    /// Unlocks with the recovery code and sets a new passcode (passcode only;
    /// the device-key slot, if any, is kept).
    pub fn recover(&self, code: String, new_passcode: String) -> Result<()> {
        keyring::validate_passcode(&new_passcode)?;
        self.unlock(Secret::RecoveryCode { code })?;
        self.change_passcode(new_passcode, None)
    }
}

impl Vault {
    fn unlock_inner(&self, secret: &Secret) -> Result<()> {
        let header = self.header()?;
        // The slow part (PBKDF2) runs without holding the lock.
        let materials = keyring::materials(secret, &header)?;
        let (data_key, _, _) = header
            .unwrap_any(&materials)
            .ok_or(VaultError::WrongSecret)?;
        let seal = SealKey::new(&data_key)?;
        let mut guard = self.inner();
        let directory =
            Directory::open(&seal, &store::read_meta(&guard.conn, store::DIRECTORY_ROW)?)?;
        let current = Header::parse(&store::read_meta(&guard.conn, store::HEADER_ROW)?)?;
        if !directory.matches(&header) || current != header {
            return Err(VaultError::Corrupt);
        }
        if let Some(session) = &guard.session {
            if session.data_key[..] == data_key[..] {
                return Ok(());
            }
        }
        let index = Self::load(&guard.conn, &seal)?;
        let mut session = Session {
            data_key,
            seal,
            directory,
            index,
            urges: BTreeMap::new(),
        };
        session.adopt_unchained(&mut guard.conn)?;
        session.migrate_legacy_notes(&mut guard.conn)?;
        guard.session = Some(session);
        Ok(())
    }
}

/// Which kind of slot a secret opened; kept for tests of slot separation.
#[cfg(test)]
pub(crate) fn opened_kind(vault: &Vault, secret: &Secret) -> Option<crate::header::SlotKind> {
    let header = vault.header().ok()?;
    let materials = keyring::materials(secret, &header).ok()?;
    header.unwrap_any(&materials).map(|(_, _, kind)| kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::header::SlotKind;

    fn setup(device_key: Option<Vec<u8>>, needs: bool) -> VaultSetup {
        VaultSetup {
            passcode: "2468".into(),
            device_key,
            passcode_needs_device_key: needs,
            kdf_iterations: Some(crate::KDF_FLOOR),
        }
    }

    #[test]
    fn vault_is_send_and_sync() {
        fn is<T: Send + Sync>() {}
        is::<Vault>();
    }

    #[test]
    fn combined_slot_gets_no_device_only_slot() {
        let dir = tempfile::tempdir().unwrap();
        let key = vec![3u8; 32];
        let created = Vault::create(&dir.path().join("v"), setup(Some(key.clone()), true)).unwrap();
        let vault = created.vault;
        let both = Secret::PasscodeAndDeviceKey {
            passcode: "2468".into(),
            key: key.clone(),
        };
        assert_eq!(
            opened_kind(&vault, &both),
            Some(SlotKind::PasscodeAndDevice)
        );
        assert_eq!(opened_kind(&vault, &Secret::DeviceKey { key }), None);
        assert_eq!(
            opened_kind(
                &vault,
                &Secret::Passcode {
                    passcode: "2468".into()
                }
            ),
            None
        );
    }

    #[test]
    fn foundation_notes_become_journal_entries() {
        let dir = tempfile::tempdir().unwrap();
        let created = Vault::create(&dir.path().join("v"), setup(None, false)).unwrap();
        let vault = created.vault;
        let at = crate::time::from_millis(1_700_000_000_000);
        vault
            .with_session(|conn, session| {
                let id = RecordId::random()?;
                let note = crate::note::Note {
                    id: id.to_hex(),
                    text: "from the foundation ✓".into(),
                    at,
                    utc_offset_seconds: 3600,
                    recorded_at: at,
                };
                session.store(conn, vec![(id, Record::Note(note))])
            })
            .unwrap();
        vault.lock();
        vault
            .unlock(Secret::Passcode {
                passcode: "2468".into(),
            })
            .unwrap();
        let page = vault
            .list_reflections(crate::ReflectionQuery {
                filter: crate::ReflectionFilter::Journal,
                person_id: None,
                from: None,
                until: None,
                offset: 0,
                limit: 10,
            })
            .unwrap();
        assert_eq!(page.reflections.len(), 1);
        let r = &page.reflections[0];
        assert_eq!(r.body.text, "from the foundation ✓");
        assert_eq!((r.at, r.utc_offset_seconds), (at, 3600));
        // The note itself is gone from the file; the journal entry and the
        // chain's head are left.
        assert_eq!(vault.status().unwrap().record_count, 2);
        assert!(vault.chain_report().unwrap().intact);
        vault.lock();
        vault
            .unlock(Secret::Passcode {
                passcode: "2468".into(),
            })
            .unwrap();
        assert_eq!(
            vault
                .list_reflections(crate::ReflectionQuery {
                    filter: crate::ReflectionFilter::All,
                    person_id: None,
                    from: None,
                    until: None,
                    offset: 0,
                    limit: 10,
                })
                .unwrap()
                .total,
            1
        );
    }

    #[test]
    fn slots_are_spread_at_random() {
        let dir = tempfile::tempdir().unwrap();
        let mut seen = BTreeSet::new();
        for i in 0..6 {
            let created =
                Vault::create(&dir.path().join(format!("v{i}")), setup(None, false)).unwrap();
            let guard = created.vault.inner();
            let session = guard.session.as_ref().unwrap();
            assert_ne!(
                session.directory.passcode_slot,
                session.directory.recovery_slot
            );
            seen.insert(session.directory.passcode_slot);
        }
        assert!(
            seen.len() > 1,
            "six vaults all put the passcode in one slot"
        );
    }
}

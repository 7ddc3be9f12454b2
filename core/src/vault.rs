//! The vault object: one per open file, `Send + Sync`, its connection and
//! its unlocked state behind one mutex.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use rusqlite::Connection;
use zeroize::{Zeroize, Zeroizing};

use crate::access::{AccessKind, AccessLog};
use crate::chain::{self, StoredHead};
use crate::cover_box;
use crate::crypto::dropbox::DropSecret;
use crate::crypto::kdf;
use crate::crypto::seal::SealKey;
use crate::crypto::{random, KEY_LEN};
use crate::domain::entries::{EntryBody, LedgerOp, LedgerRecord};
use crate::domain::reflections::{ReflectionBody, ReflectionKind};
use crate::header::{DataKey, Header, SLOT_COUNT};
use crate::hold::Hold;
use crate::keyring::{self, Directory, Secret};
use crate::load::{self, Keys, Loaded};
use crate::locked::{self, Dropped, DroppedWhat};
use crate::lockout::{BootClock, LockRow};
use crate::memory::Index;
use crate::record::{Record, RecordId};
use crate::store;
use crate::time;
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
    /// The new vault, unlocked.
    pub vault: Arc<Vault>,
    /// The recovery code, `XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-C`
    /// (Crockford base32 and a check character).
    pub recovery_code: String,
}

/// What the app may show about the vault.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct VaultStatus {
    /// The vault is unlocked (and not timed out).
    pub unlocked: bool,
    /// PBKDF2 iterations of the passcode slots, from the file's header.
    pub kdf_iterations: u32,
    /// A device-key slot exists (known only while unlocked; false when locked).
    pub has_device_key: bool,
    /// The passcode needs the device key (known only while unlocked).
    pub passcode_needs_device_key: bool,
    /// Sealed records: while unlocked, those of the space that is open;
    /// while locked, all in the file (anyone with the file can count them).
    pub record_count: u64,
    /// Records that failed authentication at unlock (altered or damaged),
    /// plus log records that do not fit the log (an amendment whose entry
    /// is missing, a repeated sequence number).
    pub damaged_records: u64,
}

/// An open vault file.
///
/// Errors every method on the content of the vault can give, besides those
/// its own doc names: `Locked` before `unlock` or after the idle timeout,
/// `Erased` once the vault was erased, `InvalidInput { field: "id" }` for an
/// id that is not 32 hex digits, and on a write `Storage` or
/// `StorageFull`.
#[cfg_attr(feature = "uniffi", derive(uniffi::Object))]
pub struct Vault {
    inner: Mutex<Inner>,
    /// Taken for the whole of an unlock, so that two unlocks of this
    /// object run one after the other (the second finds the first's hold).
    unlocking: Mutex<()>,
}

pub(crate) struct Inner {
    pub(crate) conn: Connection,
    pub(crate) session: Option<Session>,
    /// Where the file is, for `erase` (never shown or logged).
    pub(crate) path: PathBuf,
    /// Set by `erase`: every call fails with `Erased` from then on.
    pub(crate) erased: bool,
    /// The app's boot clock, when it gave one (see `set_boot_clock`).
    pub(crate) boot_clock: Option<Arc<dyn BootClock>>,
}

impl Inner {
    /// Now on the app's boot clock, when it gave one.
    pub(crate) fn boot_now(&self) -> Option<u64> {
        self.boot_clock.as_ref().map(|c| c.millis_since_boot())
    }
}

/// Writes that go into the same transaction as a store: rows of `h`, and
/// rows already sealed (a drop).
#[derive(Default, Clone, Copy)]
pub(crate) struct Along<'a> {
    pub(crate) meta: &'a [(i64, &'a [u8])],
    pub(crate) rows: &'a [(RecordId, Vec<u8>)],
}

/// Everything that exists only while the vault is unlocked: one space's
/// keys and content.
pub(crate) struct Session {
    pub(crate) data_key: DataKey,
    pub(crate) seal: SealKey,
    pub(crate) directory: Directory,
    /// The `h` row this space's directory is stored in.
    pub(crate) directory_row: i64,
    /// The cover space's key (the real space, with a duress passcode set).
    pub(crate) cover_seal: Option<SealKey>,
    /// The drop box's private key (the real space).
    pub(crate) drop: Option<DropSecret>,
    /// The private key of the cover's drop box for failed unlocks (both
    /// spaces; see `cover_box`).
    pub(crate) cover_box: Option<DropSecret>,
    /// Rows of the file that are not this space's, as found at unlock.
    pub(crate) foreign_rows: u64,
    pub(crate) last_active: Instant,
    pub(crate) idle_timeout: Option<Duration>,
    pub(crate) index: Index,
    /// Urge sessions in progress (kept in memory only; see `urge`).
    pub(crate) urges: BTreeMap<String, UrgeSessionState>,
    /// The exclusive hold on the file (see `hold`): a session exists only
    /// with it, and ending the session releases it. An `Option` only so
    /// that it can pass to the next session when the space changes.
    hold: Option<Hold>,
}

impl Drop for Session {
    fn drop(&mut self) {
        self.index.wipe();
        self.urges.values_mut().for_each(zeroize::Zeroize::zeroize);
        // `data_key` wipes itself (Zeroizing), the directory and the drop
        // key their key bytes (their own Drop).
    }
}

impl Session {
    fn new(
        data_key: DataKey,
        directory: Directory,
        directory_row: i64,
        idle_timeout: Option<Duration>,
        hold: Hold,
    ) -> Result<Self> {
        let seal = SealKey::new(&data_key)?;
        let cover_seal = match &directory.cover {
            Some(cover) => Some(SealKey::new(&cover.data_key)?),
            None => None,
        };
        let drop = directory.drop_secret.as_ref().map(DropSecret::from_bytes);
        let cover_box = directory
            .cover_box_secret
            .as_ref()
            .map(DropSecret::from_bytes);
        Ok(Session {
            data_key,
            seal,
            directory,
            directory_row,
            cover_seal,
            drop,
            cover_box,
            foreign_rows: 0,
            last_active: Instant::now(),
            idle_timeout,
            index: Index::default(),
            urges: BTreeMap::new(),
            hold: Some(hold),
        })
    }

    /// The keys this space reads rows with.
    pub(crate) fn keys(&self) -> Keys<'_> {
        Keys {
            seal: &self.seal,
            cover: self.cover_seal.as_ref(),
            drop: self.drop.as_ref(),
            is_cover: self.directory.is_cover(),
        }
    }

    pub(crate) fn is_cover(&self) -> bool {
        self.directory.is_cover()
    }

    fn idle_expired(&self) -> bool {
        self.idle_timeout
            .is_some_and(|limit| self.last_active.elapsed() >= limit)
    }

    /// Seals and stores records (new or replacing ones with the same id) in
    /// one transaction, then adds them to the index.
    pub(crate) fn store(
        &mut self,
        conn: &mut Connection,
        items: Vec<(RecordId, Record)>,
    ) -> Result<()> {
        self.store_replacing(conn, items, &[], Along::default())
    }

    /// Like `store`, and deletes the records `remove` and writes `along`
    /// in the same transaction.
    pub(crate) fn store_replacing(
        &mut self,
        conn: &mut Connection,
        items: Vec<(RecordId, Record)>,
        remove: &[RecordId],
        along: Along<'_>,
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
        for (id, blob) in along.rows {
            store::upsert_record(&tx, &id.0, blob)?;
        }
        store::write_meta_in(&tx, along.meta)?;
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
        self.append_at(conn, ops, replacing, &[], Along::default())
    }

    /// `append` with an instant recorded per op, deleting the records
    /// `remove` and writing `along` in the same transaction.
    pub(crate) fn append_at(
        &mut self,
        conn: &mut Connection,
        ops: Vec<(Option<String>, SystemTime, LedgerOp)>,
        replacing: Vec<(RecordId, Record)>,
        remove: &[RecordId],
        along: Along<'_>,
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
        self.store_replacing(conn, items, remove, along)?;
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
        let delete = self.keys().own_row_ids(conn)?;
        store::replace_records(conn, &delete, &sealed)?;
        self.urges.values_mut().for_each(zeroize::Zeroize::zeroize);
        self.urges.clear();
        self.index.wipe();
        self.index = index;
        self.adopt_unchained(conn)
    }

    /// Reads and opens every record in the file again, as at unlock.
    pub(crate) fn reload(&self, conn: &Connection) -> Result<Index> {
        Ok(load::load(conn, self.keys())?.index)
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
        self.append_at(conn, ops, Vec::new(), &old, Along::default())?;
        for (_, note) in &mut notes {
            zeroize::Zeroize::zeroize(note);
        }
        Ok(())
    }

    /// Folds drops into the log (entries, in the order they were made,
    /// with their instants, marked as logged while locked) and into the
    /// access log, adds the access events `extra`, and deletes the dropped
    /// rows, in one transaction. Anyone with the file can seal a drop, so
    /// each is checked like input: one whose content fails the checks, an
    /// access event of a kind only an unlock writes, or an instant outside
    /// what a stated one may have (see [`locked::bound_instant`]) is
    /// removed without joining the log; one a little ahead joins at the
    /// instant of the fold, never after it.
    pub(crate) fn fold(
        &mut self,
        conn: &mut Connection,
        dropped: Vec<(RecordId, Dropped)>,
        extra: Vec<(SystemTime, AccessKind)>,
        along: Along<'_>,
    ) -> Result<()> {
        let now = time::now();
        let fold_at = extra
            .iter()
            .map(|(at, _)| *at)
            .min()
            .map_or(now, |at| at.min(now));
        let mut remove = Vec::with_capacity(dropped.len());
        let mut dropped: Vec<(RecordId, Dropped)> = dropped
            .into_iter()
            .filter_map(|(id, mut d)| {
                remove.push(id);
                d.at = locked::bound_instant(d.at, fold_at)?;
                Some((id, d))
            })
            .collect();
        dropped.sort_by_key(|(id, d)| (d.at, d.nanos, *id));
        // Events happened in this order; the log's sort keeps it for those
        // within the same millisecond.
        let mut events = Vec::with_capacity(dropped.len() + extra.len());
        let mut ops = Vec::new();
        for (_, d) in dropped {
            match d.what {
                DroppedWhat::Entry { entry } => {
                    if entry.validate().is_err()
                        || d.utc_offset_seconds.unsigned_abs()
                            > time::MAX_OFFSET_SECONDS.unsigned_abs()
                    {
                        continue;
                    }
                    events.push((d.at, AccessKind::LockedEntry));
                    let content = EntryBody::Event {
                        body: entry.into_body(),
                        locked: true,
                    };
                    let op = LedgerOp::Create {
                        at: d.at,
                        utc_offset_seconds: d.utc_offset_seconds,
                        content,
                    };
                    ops.push((None, d.at, op));
                }
                DroppedWhat::Access { kind } if locked::drop_may_carry(kind) => {
                    events.push((d.at, kind));
                }
                DroppedWhat::Access { .. } => {}
            }
        }
        events.extend(extra);
        let (log_id, mut log) = match &self.index.access {
            Some((id, log)) => (*id, log.clone()),
            None => (RecordId::random()?, AccessLog::default()),
        };
        log.add(events);
        let replacing = vec![(log_id, Record::AccessLog(log))];
        if ops.is_empty() {
            self.store_replacing(conn, replacing, &remove, along)
        } else {
            self.append_at(conn, ops, replacing, &remove, along)
                .map(|_| ())
        }
    }

    /// Brings a file from before the drop box and the duress space up to
    /// the current layout, at the real space's first unlock: a drop-box
    /// key pair, the directory padded to its fixed length, the second
    /// directory row and the lock row, and unused slots and rows shaped
    /// like used ones (see `crypto::seal::filler`). One transaction.
    fn upgrade_layout(&mut self, conn: &mut Connection, header: &Header) -> Result<()> {
        let other = other_directory_row(self.directory_row);
        let other_bytes = store::read_meta_opt(conn, other)?;
        let has_other = other_bytes.is_some();
        // Unused rows and slots written as plain random bytes by an earlier
        // version are told from used ones by their first sealed byte.
        let other_stale = self.directory.cover.is_none()
            && other_bytes
                .as_deref()
                .is_some_and(|b| !Directory::row_is_current(b));
        let mut used = self.directory.used_slots();
        // Slots kept for the cover but holding nothing yet (its device key,
        // its own duress passcode) are unused too.
        if let (Some(cover), Some(seal), Some(bytes)) =
            (&self.directory.cover, &self.cover_seal, &other_bytes)
        {
            if let Ok(cover_dir) = Directory::open(seal, bytes) {
                let spare_empty = cover_dir.device_slot.is_none();
                let nested_empty = cover_dir
                    .nested
                    .as_ref()
                    .is_none_or(|n| n.stretched.is_none());
                used.retain(|&s| {
                    !(spare_empty && s == cover.slots[1]
                        || nested_empty && Some(s) == cover.nested_slot)
                });
            }
        }
        let stale_slots: Vec<usize> = (0..SLOT_COUNT)
            .filter(|&i| !used.contains(&(i as u8)) && !header.slot_is_current(i))
            .collect();
        let has_lock = store::read_meta_opt(conn, store::LOCK_ROW)?.is_some();
        let has_drop = header.drop_public.is_some() && self.directory.drop_secret.is_some();
        let has_box = self.cover_box.is_some();
        let cover_current = match &self.directory.cover {
            Some(cover) => cover.nested_slot.is_some(),
            None => true,
        };
        if has_other
            && !other_stale
            && stale_slots.is_empty()
            && has_lock
            && has_drop
            && has_box
            && cover_current
        {
            return Ok(());
        }
        let mut header = header.clone();
        for &slot in &stale_slots {
            header.clear(slot)?;
        }
        let mut directory = self.directory.clone();
        let mut box_row = None;
        if !has_box {
            let secret = DropSecret::generate()?;
            box_row = Some(cover_box::fresh_row(&secret.public())?);
            directory.cover_box_secret = Some(*secret.to_bytes());
            self.cover_box = Some(secret);
        }
        // A cover made by an earlier version gets the drop box for failed
        // unlocks and a slot kept for a duress passcode of its own.
        let mut cover_row = None;
        if let (Some(cover), Some(seal)) = (&self.directory.cover, &self.cover_seal) {
            if cover.nested_slot.is_none() || !has_box {
                let mut cover_dir = Directory::open(seal, &store::read_meta(conn, other)?)?;
                let nested_slot = match cover.nested_slot {
                    Some(slot) => slot,
                    None => directory.free_slot()?,
                };
                cover_dir.nested.get_or_insert(keyring::Nested {
                    slot: nested_slot,
                    stretched: None,
                });
                cover_dir.cover_box_secret = directory.cover_box_secret;
                if let Some(mine) = &mut directory.cover {
                    mine.nested_slot = Some(nested_slot);
                }
                cover_row = Some(cover_dir.seal(seal)?);
            }
        }
        if !has_drop {
            let secret = DropSecret::generate()?;
            header.drop_public = Some(secret.public());
            directory.drop_public = header.drop_public;
            directory.drop_secret = Some(*secret.to_bytes());
            self.drop = Some(secret);
        }
        let header_bytes = header.to_bytes();
        let sealed = directory.seal(&self.seal)?;
        let filler = Directory::filler()?;
        let lock = LockRow::default().to_bytes();
        let mut rows: Vec<(i64, &[u8])> = vec![
            (store::HEADER_ROW, &header_bytes),
            (self.directory_row, &sealed),
        ];
        if !has_other || other_stale {
            rows.push((other, &filler));
        }
        if !has_lock {
            rows.push((store::LOCK_ROW, &lock));
        }
        if let Some(row) = &box_row {
            rows.push((store::COVER_BOX_ROW, row));
        }
        if let Some(row) = &cover_row {
            rows.push((other, row));
        }
        store::write_meta(conn, &rows)?;
        self.directory = directory;
        Ok(())
    }
}

impl Session {
    /// Opens every cell of the cover's drop box (see `cover_box`) and
    /// returns the events this space keeps and the row to write back.
    fn take_cover_box(&self, conn: &Connection) -> Result<(Vec<Dropped>, Option<Vec<u8>>)> {
        let Some(secret) = &self.cover_box else {
            return Ok((Vec::new(), None));
        };
        let row = store::read_meta_opt(conn, store::COVER_BOX_ROW)?;
        if self.is_cover() {
            // A cover never replaces a row it does not recognise: only the
            // real space knows every key.
            if row
                .as_deref()
                .and_then(cover_box::public_of)
                .is_none_or(|p| p != secret.public())
            {
                return Ok((Vec::new(), None));
            }
            let (found, row) = cover_box::take(row.as_deref(), secret, cover_box::Take::Consume)?;
            return Ok((found, Some(row)));
        }
        let mode = if self.directory.cover.is_some() {
            cover_box::Take::Keep
        } else {
            cover_box::Take::ClearAll
        };
        let (_, row) = cover_box::take(row.as_deref(), secret, mode)?;
        Ok((Vec::new(), Some(row)))
    }
}

/// The directory row a space does not use.
pub(crate) fn other_directory_row(row: i64) -> i64 {
    let [a, b] = store::DIRECTORY_ROWS;
    if row == a {
        b
    } else {
        a
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
        let drop = DropSecret::generate()?;
        let cover_box_key = DropSecret::generate()?;
        let mut header = Header::random(iterations, drop.public())?;
        let all: Vec<u8> = (0..SLOT_COUNT as u8).collect();
        let passcode_slot = keyring::pick(&all)?;
        let mut directory = Directory {
            passcode_slot,
            passcode_needs_device_key: setup.passcode_needs_device_key,
            device_slot: None,
            recovery_slot: None,
            kdf_iterations: header.kdf_iterations,
            kdf_salt: header.kdf_salt,
            drop_public: header.drop_public,
            drop_secret: Some(*drop.to_bytes()),
            cover: None,
            spare_slot: None,
            cover_box_secret: Some(*cover_box_key.to_bytes()),
            nested: None,
            lock_policy: Some(crate::LockPolicy::default().into()),
        };
        let recovery_slot = directory.free_slot()?;
        directory.recovery_slot = Some(recovery_slot);

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
            usize::from(recovery_slot),
            &keyring::recovery_material(&recovery_bytes),
            &data_key,
        )?;
        if let (Some(key), false) = (device, setup.passcode_needs_device_key) {
            let slot = directory.free_slot()?;
            header.wrap(usize::from(slot), &keyring::device_material(key), &data_key)?;
            directory.device_slot = Some(slot);
        }

        // Which directory row is the real space's is chosen at random; the
        // other holds random bytes until a duress passcode is set.
        let directory_row = if keyring::pick(&[0, 1])? == 0 {
            store::DIRECTORY_ROWS[0]
        } else {
            store::DIRECTORY_ROWS[1]
        };
        let lock = LockRow::default();
        // The new vault is unlocked: it is held from before its file exists.
        let hold = Hold::take(path)?;
        let mut session = Session::new(
            data_key,
            directory,
            directory_row,
            lock.idle_timeout(),
            hold,
        )?;
        session.drop = Some(drop);
        let meta = [
            (store::HEADER_ROW, header.to_bytes()),
            (directory_row, session.directory.seal(&session.seal)?),
            (other_directory_row(directory_row), Directory::filler()?),
            (store::LOCK_ROW, lock.to_bytes()),
            (
                store::COVER_BOX_ROW,
                cover_box::fresh_row(&cover_box_key.public())?,
            ),
        ];
        let conn = match store::create(path, &meta) {
            Ok(conn) => conn,
            Err(e) => {
                // `path` did not exist, so neither did a hold file of ours.
                std::mem::drop(session);
                let _ = std::fs::remove_file(crate::hold::path_for(path));
                return Err(e);
            }
        };
        let vault = Vault {
            inner: Mutex::new(Inner {
                conn,
                session: Some(session),
                path: path.to_path_buf(),
                erased: false,
                boot_clock: None,
            }),
            unlocking: Mutex::new(()),
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
                path: path.to_path_buf(),
                erased: false,
                boot_clock: None,
            }),
            unlocking: Mutex::new(()),
        })
    }

    pub(crate) fn inner(&self) -> MutexGuard<'_, Inner> {
        // A poisoned lock means a panic elsewhere; the state it guards is
        // still a valid connection plus an optional session.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn header(&self) -> Result<Header> {
        let guard = self.inner();
        if guard.erased {
            return Err(VaultError::Erased);
        }
        Header::parse(&store::read_meta(&guard.conn, store::HEADER_ROW)?)
    }

    /// Runs `f` with the unlocked session, or fails with `Locked`. Counts
    /// as activity for the idle timeout; a session idle for longer than the
    /// timeout is locked here first.
    pub(crate) fn with_session<T>(
        &self,
        f: impl FnOnce(&mut Connection, &mut Session) -> Result<T>,
    ) -> Result<T> {
        let mut guard = self.inner();
        if guard.erased {
            return Err(VaultError::Erased);
        }
        let Inner { conn, session, .. } = &mut *guard;
        if session.as_ref().is_some_and(Session::idle_expired) {
            *session = None;
        }
        match session {
            Some(session) => {
                session.last_active = Instant::now();
                f(conn, session)
            }
            None => Err(VaultError::Locked),
        }
    }

    /// Reads the lock row (a file from before it counts as a fresh one).
    pub(crate) fn lock_row(conn: &Connection) -> Result<LockRow> {
        Ok(store::read_meta_opt(conn, store::LOCK_ROW)?
            .and_then(|bytes| LockRow::parse(&bytes).ok())
            .unwrap_or_default())
    }

    /// Seals an event to the drop box and stores it, for the real space to
    /// read at its next unlock.
    pub(crate) fn drop_event(conn: &Connection, header: &Header, dropped: &Dropped) -> Result<()> {
        let public = header.drop_public.as_ref().ok_or(VaultError::Locked)?;
        let (id, blob) = dropped.seal(public)?;
        store::upsert_record(conn, &id.0, &blob)
    }
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Vault {
    /// Opens an existing vault file, locked.
    #[cfg_attr(feature = "uniffi", uniffi::constructor)]
    pub fn open(path: String) -> Result<Arc<Self>> {
        Self::open_path(Path::new(&path)).map(Arc::new)
    }

    /// Unlocks with any secret that has a slot: the real space, or with the
    /// duress passcode the cover space. Records that fail to authenticate
    /// are counted in `status().damaged_records`; the others load. Calling
    /// it while unlocked checks the secret again.
    ///
    /// After several failed attempts in a row, attempts are refused with
    /// `TryLater` until the wait is over; with an erase policy, the attempt
    /// that reaches the limit erases the vault (`Erased`).
    pub fn unlock(&self, mut secret: Secret) -> Result<()> {
        let result = self.unlock_inner(&secret);
        secret.zeroize();
        result
    }

    /// Forgets the keys and every record held in memory.
    pub fn lock(&self) {
        self.inner().session = None;
    }

    /// Whether a space is open (a session past its idle timeout is locked
    /// here).
    pub fn is_unlocked(&self) -> bool {
        let mut guard = self.inner();
        if guard.session.as_ref().is_some_and(Session::idle_expired) {
            guard.session = None;
        }
        guard.session.is_some()
    }

    /// What the app may show about the vault, locked or not.
    pub fn status(&self) -> Result<VaultStatus> {
        let header = self.header()?;
        let unlocked = self.is_unlocked();
        let guard = self.inner();
        let in_file = store::count_records(&guard.conn)?;
        let session = guard.session.as_ref().filter(|_| unlocked);
        Ok(VaultStatus {
            unlocked: session.is_some(),
            kdf_iterations: header.kdf_iterations,
            has_device_key: session.is_some_and(|s| s.directory.device_slot.is_some()),
            passcode_needs_device_key: session
                .is_some_and(|s| s.directory.passcode_needs_device_key),
            record_count: session.map_or(in_file, |s| in_file.saturating_sub(s.foreign_rows)),
            damaged_records: session
                .map_or(0, |s| s.index.damaged.len() as u64 + s.index.ledger.orphans),
        })
    }
}

impl Vault {
    fn unlock_inner(&self, secret: &Secret) -> Result<()> {
        let _one_at_a_time = self
            .unlocking
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let header = self.header()?;
        keyring::check_shape(secret)?;
        // The hold comes before anything is counted or written; this object
        // already has it while a space is open. A failed attempt drops it.
        let mut hold = self.take_hold_unless_open()?;
        let now = time::now();
        let mut lock = self.begin_attempt(now)?;
        // The slow part (PBKDF2) runs without holding the lock.
        let materials = keyring::materials(secret, &header)?;
        let opened = header.unwrap_all(&materials);
        let mut guard = self.inner();
        let current = Header::parse(&store::read_meta(&guard.conn, store::HEADER_ROW)?)?;
        if current != header {
            return Err(VaultError::Corrupt);
        }
        // Every key a secret opens is tried against both directory rows,
        // and a real space is preferred to a cover space with the same
        // passcode. A secret that opens nothing still tries both rows, so
        // the work done does not depend on what the secret opens.
        let mut found: Option<(DataKey, Directory, i64)> = None;
        for (key, _, _) in opened {
            if let Some((directory, row)) = open_directory(&guard.conn, &key)? {
                if !directory.matches(&header) {
                    return Err(VaultError::Corrupt);
                }
                if found
                    .as_ref()
                    .is_none_or(|(_, d, _)| d.is_cover() && !directory.is_cover())
                {
                    found = Some((key, directory, row));
                }
            }
        }
        if found.is_none() {
            let _ = open_directory(&guard.conn, &Zeroizing::new([0u8; KEY_LEN]));
        }
        let Some((data_key, directory, row)) = found else {
            let dropped = Dropped::now(
                0,
                DroppedWhat::Access {
                    kind: AccessKind::FailedUnlock,
                },
            );
            // Best effort: a vault from before the drop box cannot log it.
            let _ = Self::drop_event(&guard.conn, &header, &dropped);
            // The same event for the cover's access log (see `cover_box`).
            let _ = cover_box::drop_failed(&mut guard.conn, lock.failures, &dropped);
            if lock.must_erase() {
                drop(guard);
                self.erase_holding(hold)?;
                return Err(VaultError::Erased);
            }
            return Err(VaultError::WrongSecret);
        };
        // The real space's sealed copy of the policy, which a hand on the
        // row in clear cannot reach: the stricter of the two applies from
        // now on. A cover keeps none (a stale copy there would bring back
        // a policy the person turned off in the real space).
        if let Some(sealed) = directory.lock_policy.filter(|_| !directory.is_cover()) {
            lock.policy = lock.policy.stricter(sealed.into());
        }
        lock.failures = 0;
        let reset = lock.to_bytes();
        let Inner {
            conn,
            session: current_session,
            path,
            ..
        } = &mut *guard;
        if let Some(session) = current_session {
            if session.data_key[..] == data_key[..] {
                store::write_meta(conn, &[(store::LOCK_ROW, &reset)])?;
                session.idle_timeout = lock.idle_timeout();
                session.last_active = Instant::now();
                return Ok(());
            }
        }
        if let Some(mut previous) = current_session.take() {
            hold = hold.or_else(|| previous.hold.take());
        }
        // A space that was open here when this unlock began may have been
        // locked meanwhile (and the hold taken elsewhere): take it anew.
        let hold = match hold {
            Some(hold) => hold,
            None => Hold::take(path)?,
        };
        let is_cover = directory.is_cover();
        let mut session = Session::new(data_key, directory, row, lock.idle_timeout(), hold)?;
        let Loaded {
            index,
            dropped,
            foreign,
        } = load::load(conn, session.keys())?;
        // In the session at once: dropping it wipes what was loaded.
        session.index = index;
        session.foreign_rows = foreign;
        // Failed unlocks leave sealed drops a hand on the row in clear
        // cannot tell from records: more of them since the last unlock
        // than the erase policy allows means the count was set back, and
        // the erase it would have made happens now.
        if lock.policy.erase_after_failures.is_some_and(|n| {
            locked::failures_since_last_unlock(&dropped, session.cover_seal.as_ref()) >= n
        }) {
            let hold = session.hold.take();
            drop(session);
            drop(guard);
            self.erase_holding(hold)?;
            return Err(VaultError::Erased);
        }
        let mut rows = Vec::new();
        if is_cover {
            // The real space learns of it through the drop box; the cover's
            // own log shows an ordinary unlock.
            let duress = Dropped::cover_unlocked(&session.seal)?;
            let public = header.drop_public.as_ref().ok_or(VaultError::Corrupt)?;
            rows.push(duress.seal(public)?);
            session.foreign_rows += 1;
            session.adopt_unchained(conn)?;
        } else {
            session.upgrade_layout(conn, &header)?;
            session.adopt_unchained(conn)?;
            session.migrate_legacy_notes(conn)?;
        }
        // Both spaces read the cover's drop box (the same work either way);
        // only the cover keeps what it finds.
        let (box_events, box_row) = session.take_cover_box(conn)?;
        let mut dropped = dropped;
        for event in box_events {
            if matches!(event.what, DroppedWhat::Access { .. }) {
                // No row to delete: a fresh id stands in for it.
                dropped.push((RecordId::random()?, event));
            }
        }
        // One transaction for the count's reset, the access log and (for
        // a cover) the note to the real space: every unlock writes twice,
        // counting the attempt, whichever space it opens.
        let mut meta: Vec<(i64, &[u8])> = vec![(store::LOCK_ROW, &reset)];
        if let Some(row) = &box_row {
            meta.push((store::COVER_BOX_ROW, row));
        }
        // The real space's sealed copy follows the policy that applies.
        let sealed_policy = Some(lock.policy.into());
        let directory_bytes;
        if !is_cover && session.directory.lock_policy != sealed_policy {
            session.directory.lock_policy = sealed_policy;
            directory_bytes = session.directory.seal(&session.seal)?;
            meta.push((session.directory_row, &directory_bytes));
        }
        let along = Along {
            meta: &meta,
            rows: &rows,
        };
        // The unlock is logged at the instant it succeeded, after anything
        // that happened while the key was being derived.
        let opened_at = time::now();
        session.fold(conn, dropped, vec![(opened_at, AccessKind::Unlock)], along)?;
        *current_session = Some(session);
        Ok(())
    }

    /// A new hold on the file when no space is open here (`None` when one
    /// is: its session has the hold), or `OpenElsewhere`.
    pub(crate) fn take_hold_unless_open(&self) -> Result<Option<Hold>> {
        let mut guard = self.inner();
        if guard.session.as_ref().is_some_and(Session::idle_expired) {
            guard.session = None;
        }
        if guard.session.is_some() {
            return Ok(None);
        }
        Hold::take(&guard.path).map(Some)
    }

    /// Counts an attempt before it is made (so that killing the app during
    /// the slow key derivation does not dodge the count), or refuses it
    /// while the wait from earlier failures runs.
    fn begin_attempt(&self, now: SystemTime) -> Result<LockRow> {
        let mut guard = self.inner();
        let mut lock = Self::lock_row(&guard.conn)?;
        let boot = guard.boot_now();
        let wait = lock.wait_at(now, boot);
        if wait > 0 {
            return Err(VaultError::TryLater { seconds: wait });
        }
        lock.failures = lock.failures.saturating_add(1);
        lock.last_attempt_ms = time::to_millis(now);
        // 0 means "not stamped"; a boot clock reading 0 is a millisecond off.
        lock.last_attempt_boot_ms = boot.map_or(0, |b| b.max(1));
        store::write_meta(&mut guard.conn, &[(store::LOCK_ROW, &lock.to_bytes())])?;
        Ok(lock)
    }
}

/// The directory that `data_key` opens, and its row. Both rows are tried
/// whatever the first gives.
fn open_directory(conn: &Connection, data_key: &DataKey) -> Result<Option<(Directory, i64)>> {
    let seal = SealKey::new(data_key)?;
    let mut found = None;
    for row in store::DIRECTORY_ROWS {
        if let Some(blob) = store::read_meta_opt(conn, row)? {
            if let Ok(directory) = Directory::open(&seal, &blob) {
                found.get_or_insert((directory, row));
            }
        }
    }
    Ok(found)
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
        // The note itself is gone from the file; the journal entry, the
        // chain's head and the access log are left.
        assert_eq!(vault.status().unwrap().record_count, 3);
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
    fn an_idle_session_gives_up_the_hold() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v");
        let first = Vault::create(&path, setup(None, false)).unwrap().vault;
        let second = Vault::open_path(&path).unwrap();
        let pass = || Secret::Passcode {
            passcode: "2468".into(),
        };
        assert_eq!(second.unlock(pass()), Err(VaultError::OpenElsewhere));
        let idle = |vault: &Vault| {
            let mut guard = vault.inner();
            let session = guard.session.as_mut().unwrap();
            session.idle_timeout = Some(Duration::from_secs(15));
            session.last_active = Instant::now() - Duration::from_secs(16);
        };
        // The holder's next call finds it idle, locks, and lets go.
        idle(&first);
        assert_eq!(first.idle_seconds_left(), None);
        second.unlock(pass()).unwrap();
        // An idle session of the object being unlocked is ended first, and
        // its hold taken anew.
        idle(&second);
        second.unlock(pass()).unwrap();
        assert!(second.is_unlocked());
        assert_eq!(first.unlock(pass()), Err(VaultError::OpenElsewhere));
    }

    #[test]
    fn a_space_locked_during_an_unlock_is_not_reopened_without_the_hold() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v");
        let first = Vault::create(&path, setup(None, false)).unwrap().vault;
        let second = Arc::new(Vault::open_path(&path).unwrap());
        let pass = || Secret::Passcode {
            passcode: "2468".into(),
        };
        // The first checks its passcode again (it holds the file), is
        // locked while the key is derived, and the second takes the file.
        let checking = {
            let first = Arc::clone(&first);
            std::thread::spawn(move || first.unlock(pass()))
        };
        std::thread::sleep(Duration::from_millis(60));
        first.lock();
        let taken = second.unlock(pass());
        let checked = checking.join().unwrap();
        if taken.is_ok() {
            // The usual order: the first's check ends after the second
            // took the file.
            assert_eq!(checked, Err(VaultError::OpenElsewhere));
        } else {
            // A slow thread took a new hold before the lock.
            assert_eq!(taken, Err(VaultError::OpenElsewhere));
            assert_eq!(checked, Ok(()));
        }
        assert!(first.is_unlocked() != second.is_unlocked());
    }

    #[test]
    fn slots_are_spread_at_random() {
        let dir = tempfile::tempdir().unwrap();
        let mut seen = std::collections::BTreeSet::new();
        for i in 0..6 {
            let created =
                Vault::create(&dir.path().join(format!("v{i}")), setup(None, false)).unwrap();
            let guard = created.vault.inner();
            let session = guard.session.as_ref().unwrap();
            assert_ne!(
                Some(session.directory.passcode_slot),
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

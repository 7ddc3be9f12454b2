//! Protection while the phone is in other hands: logging while locked, the
//! lock policy and idle timeout, the access log, and crypto-erase.

use std::sync::Arc;
use std::time::Instant;

use rusqlite::Connection;

use crate::access::AccessEvent;
use crate::domain::quick::QuickEntry;
use crate::header::{Header, HEADER_LEN};
use crate::hold::Hold;
use crate::keyring::Directory;
use crate::locked::{Dropped, DroppedWhat};
use crate::lockout::{BootClock, LockPolicy, LockRow, LockState};
use crate::record::{Record, RecordId};
use crate::store;
use crate::time;
use crate::vault::{Along, Vault};
use crate::{Result, VaultError};

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Vault {
    /// Logs a quick entry without the passcode and without showing
    /// anything: for a widget, a notification action or a shortcut. The
    /// entry is sealed to the vault's drop-box key, so nothing already
    /// stored becomes readable; it joins the log at the next real unlock,
    /// with the instant it was made, marked as logged while locked. Works
    /// locked or unlocked (unlocked, it joins the log at once).
    pub fn log_while_locked(&self, entry: QuickEntry, utc_offset_seconds: i32) -> Result<()> {
        entry.validate()?;
        if utc_offset_seconds.unsigned_abs() > time::MAX_OFFSET_SECONDS.unsigned_abs() {
            return Err(VaultError::invalid("utc_offset_seconds"));
        }
        let dropped = Dropped::now(utc_offset_seconds, DroppedWhat::Entry { entry });
        let real_session_open =
            self.is_unlocked() && self.with_session(|_, s| Ok(!s.is_cover()))?;
        if real_session_open {
            // No row to delete: a fresh id stands in for it.
            let stand_in = RecordId::random()?;
            return self.with_session(|conn, session| {
                session.fold(
                    conn,
                    vec![(stand_in, dropped)],
                    Vec::new(),
                    Along::default(),
                )
            });
        }
        let header = self.header()?;
        let guard = self.inner();
        Self::drop_event(&guard.conn, &header, &dropped)
    }

    /// The failed-unlock count and the wait before the next attempt;
    /// readable while locked, for the lock screen.
    pub fn lock_state(&self) -> Result<LockState> {
        let guard = self.inner();
        if guard.erased {
            return Err(VaultError::Erased);
        }
        Ok(Self::lock_row(&guard.conn)?.state(time::now(), guard.boot_now()))
    }

    /// Gives the vault the device's boot clock, which times the wait after
    /// failed unlocks from then on: a date set forward no longer ends it
    /// (see [`BootClock`]). Apps call it once, right after `open`/`create`.
    pub fn set_boot_clock(&self, clock: Arc<dyn BootClock>) {
        self.inner().boot_clock = Some(clock);
    }

    /// The lock policy; readable while locked.
    pub fn lock_policy(&self) -> Result<LockPolicy> {
        let guard = self.inner();
        if guard.erased {
            return Err(VaultError::Erased);
        }
        Ok(Self::lock_row(&guard.conn)?.policy)
    }

    /// Sets the lock policy. Turning on the erase after failed unlocks
    /// destroys the evidence along with everything else when it fires, so
    /// it needs `accept_evidence_loss` (otherwise
    /// `InvalidInput("accept_evidence_loss")`).
    pub fn set_lock_policy(&self, policy: LockPolicy, accept_evidence_loss: bool) -> Result<()> {
        policy.validate(accept_evidence_loss)?;
        self.with_session(|conn, session| {
            let mut row = Self::lock_row(conn)?;
            row.policy = policy;
            // The row in clear and, in the real space, the sealed copy, in
            // one transaction. A cover space changes the row only: the real
            // space's copy then restores a weakened policy at its next
            // unlock and adopts a stricter one.
            let row_bytes = row.to_bytes();
            if session.is_cover() {
                store::write_meta(conn, &[(store::LOCK_ROW, &row_bytes)])?;
            } else {
                let mut directory = session.directory.clone();
                directory.lock_policy = Some(policy.into());
                let sealed = directory.seal(&session.seal)?;
                store::write_meta(
                    conn,
                    &[
                        (store::LOCK_ROW, &row_bytes),
                        (session.directory_row, &sealed),
                    ],
                )?;
                session.directory = directory;
            }
            session.idle_timeout = row.idle_timeout();
            Ok(())
        })
    }

    /// Seconds until the vault locks itself for lack of activity; `None`
    /// when locked or when the idle timeout is off. Every call that reads
    /// or writes the vault counts as activity, and so does `touch`.
    pub fn idle_seconds_left(&self) -> Option<u64> {
        if !self.is_unlocked() {
            return None;
        }
        let guard = self.inner();
        let session = guard.session.as_ref()?;
        let limit = session.idle_timeout?;
        Some(
            limit
                .saturating_sub(session.last_active.elapsed())
                .as_secs(),
        )
    }

    /// Resets the idle timer (the app calls it on every touch of the
    /// screen). Does nothing when locked or already past the timeout.
    pub fn touch(&self) {
        if self.is_unlocked() {
            if let Some(session) = self.inner().session.as_mut() {
                session.last_active = Instant::now();
            }
        }
    }

    /// The access log of the space that is open, newest first: unlocks,
    /// and in the real space also failed unlocks, duress unlocks and
    /// entries logged while locked, as they happened while it was locked.
    pub fn access_log(&self) -> Result<Vec<AccessEvent>> {
        self.with_session(|_, session| {
            Ok(session
                .index
                .access
                .as_ref()
                .map(|(_, log)| log.view())
                .unwrap_or_default())
        })
    }

    /// Marks every event of the access log as seen.
    pub fn acknowledge_access_log(&self) -> Result<()> {
        self.with_session(|conn, session| {
            let Some((id, log)) = &session.index.access else {
                return Ok(());
            };
            let mut log = log.clone();
            log.acknowledge();
            session.store(conn, vec![(*id, Record::AccessLog(log))])
        })
    }

    /// Crypto-erase: overwrites every key slot, the drop-box key, the
    /// passcode salt and both directories with random bytes, so that
    /// nothing in the file can be decrypted by anyone (not with the
    /// passcode, not with the recovery code), then removes the file. Takes
    /// the same short time whatever the vault holds. Every call on this
    /// object fails with `Erased` afterwards.
    ///
    /// Like an unlock, it needs the file to itself: from a locked object
    /// while another object (another process, the app beside its widget)
    /// holds the vault unlocked, it is refused with `OpenElsewhere` and
    /// changes nothing, rather than pull the file from under a writer that
    /// would go on being told its entries are saved.
    pub fn erase(&self) -> Result<()> {
        if self.inner().erased {
            return Ok(());
        }
        let hold = self.take_hold_unless_open()?;
        self.erase_holding(hold)
    }
}

impl Vault {
    /// `erase`, with the hold already taken by this object (in `hold`, or
    /// by its open session).
    pub(crate) fn erase_holding(&self, hold: Option<Hold>) -> Result<()> {
        let mut guard = self.inner();
        if guard.erased {
            return Ok(());
        }
        // The keys go first; wiping the plaintext held in memory comes last.
        let session = guard.session.take();
        destroy_keys(&mut guard.conn)?;
        let closed = std::mem::replace(&mut guard.conn, Connection::open_in_memory()?);
        drop(closed);
        store::remove_files(&guard.path);
        guard.erased = true;
        drop(guard);
        drop(session);
        drop(hold);
        Ok(())
    }
}

/// The first half of `erase`: every secret in the file replaced with
/// random bytes of the same shape, the write-ahead log folded into the file
/// and truncated.
pub(crate) fn destroy_keys(conn: &mut Connection) -> Result<()> {
    let header = match store::read_meta(conn, store::HEADER_ROW).and_then(|b| Header::parse(&b)) {
        Ok(mut header) => {
            header.destroy()?;
            header.to_bytes()
        }
        Err(_) => {
            let mut bytes = vec![0u8; HEADER_LEN];
            crate::crypto::random::fill(&mut bytes)?;
            bytes
        }
    };
    let [a, b] = store::DIRECTORY_ROWS;
    let (fill_a, fill_b) = (Directory::filler()?, Directory::filler()?);
    let lock = LockRow::default().to_bytes();
    let cover_box = crate::cover_box::random_row()?;
    store::write_meta(
        conn,
        &[
            (store::HEADER_ROW, &header),
            (a, &fill_a),
            (b, &fill_b),
            (store::LOCK_ROW, &lock),
            (store::COVER_BOX_ROW, &cover_box),
        ],
    )?;
    store::checkpoint(conn);
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::time::Duration;

    use super::*;
    use crate::keyring::Secret;
    use crate::vault::VaultSetup;

    fn setup() -> VaultSetup {
        VaultSetup {
            passcode: "2468".into(),
            device_key: None,
            passcode_needs_device_key: false,
            kdf_iterations: Some(crate::KDF_FLOOR),
        }
    }

    fn passcode(p: &str) -> Secret {
        Secret::Passcode { passcode: p.into() }
    }

    fn file_bytes(path: &Path) -> Vec<u8> {
        let mut out = Vec::new();
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            if let Ok(bytes) = std::fs::read(&p) {
                out.extend(bytes);
            }
        }
        out
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn destroyed_keys_leave_nothing_in_the_file_or_its_wal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v");
        let created = Vault::create(&path, setup()).unwrap();
        let vault = created.vault;
        vault.set_duress_passcode("1357".into()).unwrap();
        vault
            .log_while_locked(QuickEntry::CheckIn { mood: 3 }, 0)
            .unwrap();
        // What a copy of the keys looked like before: the header's salt,
        // slots and drop key, and both directory rows.
        let (header, directories) = {
            let guard = vault.inner();
            let header = store::read_meta(&guard.conn, store::HEADER_ROW).unwrap();
            let dirs: Vec<Vec<u8>> = store::DIRECTORY_ROWS
                .iter()
                .map(|r| store::read_meta(&guard.conn, *r).unwrap())
                .collect();
            (header, dirs)
        };
        destroy_keys(&mut vault.inner().conn).unwrap();
        let bytes = file_bytes(&path);
        for piece in header[5..]
            .chunks(16)
            .chain(directories.iter().map(|d| &d[..32]))
        {
            assert!(!contains(&bytes, piece), "old key material remains");
        }
        // A copy taken now opens with nothing.
        let copy = dir.path().join("copy");
        std::fs::copy(&path, &copy).unwrap();
        for suffix in ["-wal", "-shm"] {
            let mut from = path.as_os_str().to_owned();
            from.push(suffix);
            let mut to = copy.as_os_str().to_owned();
            to.push(suffix);
            let _ = std::fs::copy(from, to);
        }
        let copied = Vault::open_path(&copy).unwrap();
        for secret in [
            passcode("2468"),
            passcode("1357"),
            Secret::RecoveryCode {
                code: created.recovery_code.clone(),
            },
        ] {
            assert_eq!(copied.unlock(secret), Err(VaultError::WrongSecret));
        }
        vault.erase().unwrap();
        assert!(!path.exists());
    }

    #[test]
    fn events_in_one_millisecond_keep_their_order_in_the_access_log() {
        let dir = tempfile::tempdir().unwrap();
        let vault = Vault::create(&dir.path().join("v"), setup()).unwrap().vault;
        let at = time::now();
        let failed = Dropped {
            at,
            nanos: 1,
            utc_offset_seconds: 0,
            what: DroppedWhat::Access {
                kind: crate::AccessKind::FailedUnlock,
            },
            proof: None,
        };
        vault
            .with_session(|conn, session| {
                let id = RecordId::random()?;
                session.fold(
                    conn,
                    vec![(id, failed)],
                    vec![(at, crate::AccessKind::Unlock)],
                    Along::default(),
                )
            })
            .unwrap();
        let kinds: Vec<_> = vault
            .access_log()
            .unwrap()
            .into_iter()
            .map(|e| e.kind)
            .collect();
        assert_eq!(
            kinds,
            [crate::AccessKind::Unlock, crate::AccessKind::FailedUnlock]
        );
    }

    #[test]
    fn an_idle_session_locks_itself() {
        let dir = tempfile::tempdir().unwrap();
        let vault = Vault::create(&dir.path().join("v"), setup()).unwrap().vault;
        vault
            .set_lock_policy(
                LockPolicy {
                    erase_after_failures: None,
                    idle_timeout_seconds: 15,
                },
                false,
            )
            .unwrap();
        assert!(vault.idle_seconds_left().unwrap() <= 15);
        let back = |by: u64| {
            let mut guard = vault.inner();
            let session = guard.session.as_mut().unwrap();
            session.last_active = Instant::now() - Duration::from_secs(by);
        };
        back(10);
        assert!(vault.idle_seconds_left().unwrap() <= 5);
        vault.touch();
        assert!(vault.idle_seconds_left().unwrap() >= 14);
        back(16);
        assert_eq!(vault.idle_seconds_left(), None);
        assert!(!vault.is_unlocked());
        assert_eq!(vault.access_log(), Err(VaultError::Locked));
    }

    #[test]
    fn a_file_from_before_the_drop_box_is_brought_up_to_date() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v");
        let vault = Vault::create(&path, setup()).unwrap().vault;
        // Rewrite it as the previous version wrote it: a version 1 header,
        // one directory row (row 1) without drop key, no lock row.
        {
            let mut guard = vault.inner();
            let session = guard.session.take().unwrap();
            let mut header = Header::parse(&store::read_meta(&guard.conn, 0).unwrap()).unwrap();
            header.drop_public = None;
            let mut directory = session.directory.clone();
            directory.drop_public = None;
            directory.drop_secret = None;
            let sealed = directory.seal(&session.seal).unwrap();
            store::write_meta(&mut guard.conn, &[(0, &header.to_bytes()), (1, &sealed)]).unwrap();
            guard
                .conn
                .execute("DELETE FROM h WHERE k IN (2, 3)", [])
                .unwrap();
        }
        drop(vault);
        let vault = Vault::open_path(&path).unwrap();
        // Locked, it cannot take drops yet: it has no drop key.
        assert_eq!(
            vault.log_while_locked(QuickEntry::CheckIn { mood: 3 }, 0),
            Err(VaultError::Locked)
        );
        vault.unlock(passcode("2468")).unwrap();
        vault.lock();
        vault
            .log_while_locked(QuickEntry::CheckIn { mood: 3 }, 0)
            .unwrap();
        vault.unlock(passcode("2468")).unwrap();
        let page = vault
            .list_events(crate::EventQuery {
                kinds: Vec::new(),
                person_id: None,
                from: None,
                until: None,
                offset: 0,
                limit: 10,
            })
            .unwrap();
        assert_eq!(page.events.len(), 1);
        let guard = vault.inner();
        let header = Header::parse(&store::read_meta(&guard.conn, 0).unwrap()).unwrap();
        assert!(header.drop_public.is_some());
        assert!(store::read_meta_opt(&guard.conn, 2).unwrap().is_some());
        assert!(store::read_meta_opt(&guard.conn, store::LOCK_ROW)
            .unwrap()
            .is_some());
        let lengths: Vec<usize> = store::DIRECTORY_ROWS
            .iter()
            .map(|r| store::read_meta(&guard.conn, *r).unwrap().len())
            .collect();
        assert_eq!(lengths[0], lengths[1]);
    }

    /// Rewrites a vault as the version before issue 11 left it: unused
    /// slots and the unused directory row plain random bytes, no cover box,
    /// a cover without its kept slot or drop box.
    fn make_it_old(vault: &Vault) {
        let mut guard = vault.inner();
        let session = guard.session.take().unwrap();
        let mut header = Header::parse(&store::read_meta(&guard.conn, 0).unwrap()).unwrap();
        let used = session.directory.used_slots();
        // The cover's kept slots hold nothing yet: random, as before.
        let nested = session.directory.cover.as_ref().and_then(|c| c.nested_slot);
        let spare = session.directory.cover.as_ref().map(|c| c.slots[1]);
        for i in 0..crate::header::SLOT_COUNT {
            if !used.contains(&(i as u8)) || Some(i as u8) == nested || Some(i as u8) == spare {
                crate::crypto::random::fill(&mut header.slots[i]).unwrap();
                // Make sure it is not already of the new shape by chance.
                header.slots[i][32] = 0x5a;
            }
        }
        let mut directory = session.directory.clone();
        directory.cover_box_secret = None;
        let other = crate::vault::other_directory_row(session.directory_row);
        let mut rows = vec![(0, header.to_bytes())];
        match (&mut directory.cover, &session.cover_seal) {
            (Some(cover), Some(seal)) => {
                cover.nested_slot = None;
                cover.stretched = None;
                let mut cover_dir =
                    Directory::open(seal, &store::read_meta(&guard.conn, other).unwrap()).unwrap();
                cover_dir.nested = None;
                cover_dir.cover_box_secret = None;
                rows.push((other, cover_dir.seal(seal).unwrap()));
            }
            _ => {
                let mut random = vec![0u8; crate::keyring::DIRECTORY_FRAME + 29];
                crate::crypto::random::fill(&mut random).unwrap();
                random[0] = 0x5a;
                rows.push((other, random));
            }
        }
        rows.push((
            session.directory_row,
            directory.seal(&session.seal).unwrap(),
        ));
        let rows: Vec<(i64, &[u8])> = rows.iter().map(|(k, v)| (*k, &v[..])).collect();
        store::write_meta(&mut guard.conn, &rows).unwrap();
        guard.conn.execute("DELETE FROM h WHERE k = 4", []).unwrap();
    }

    fn shaped_like_new(path: &Path) -> bool {
        let conn = rusqlite::Connection::open(path).unwrap();
        let header = Header::parse(&store::read_meta(&conn, 0).unwrap()).unwrap();
        (0..crate::header::SLOT_COUNT).all(|i| header.slot_is_current(i))
            && store::DIRECTORY_ROWS
                .iter()
                .all(|r| Directory::row_is_current(&store::read_meta(&conn, *r).unwrap()))
            && store::read_meta_opt(&conn, store::COVER_BOX_ROW)
                .unwrap()
                .is_some_and(|row| row.len() == crate::cover_box::ROW_LEN)
    }

    #[test]
    fn an_earlier_layout_is_reshaped_at_the_first_real_unlock() {
        for with_cover in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("v");
            let vault = Vault::create(&path, setup()).unwrap().vault;
            if with_cover {
                vault.set_duress_passcode("1357".into()).unwrap();
            }
            make_it_old(&vault);
            drop(vault);
            assert!(!shaped_like_new(&path));
            let vault = Vault::open_path(&path).unwrap();
            if with_cover {
                // The cover alone cannot bring the file up to date.
                vault.unlock(passcode("1357")).unwrap();
                vault.lock();
                assert!(!shaped_like_new(&path));
            }
            vault.unlock(passcode("2468")).unwrap();
            vault.lock();
            assert!(shaped_like_new(&path), "cover: {with_cover}");
            if with_cover {
                // The cover now has its drop box and its kept slot.
                assert_eq!(vault.unlock(passcode("0000")), Err(VaultError::WrongSecret));
                vault.unlock(passcode("1357")).unwrap();
                let kinds: Vec<_> = vault
                    .access_log()
                    .unwrap()
                    .into_iter()
                    .map(|e| e.kind)
                    .collect();
                assert!(kinds.contains(&crate::AccessKind::FailedUnlock));
                vault.set_duress_passcode("9753".into()).unwrap();
                vault.lock();
                vault.unlock(passcode("9753")).unwrap();
                vault.lock();
                vault.unlock(passcode("2468")).unwrap();
                assert!(vault.has_duress_passcode().unwrap());
            }
        }
    }
}

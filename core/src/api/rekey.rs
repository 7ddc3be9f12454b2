//! Re-keying the space that is open: a new data key, every row that space's
//! key sealed is sealed again under it, fresh slots for its secrets, a new
//! recovery code (shown once) and, in the real space, a new drop-box key
//! pair — all in one transaction, after which the WAL is truncated.
//!
//! Why: a copy of the file taken while the old passcode was known holds a
//! slot that opens the old data key. Once every row is sealed again, that
//! key opens nothing in a later copy, whichever rows of the old copy are
//! put back into it (see `core/tests/rekey.rs`).
//!
//! A cover space keeps its data key (the real space holds it and could not
//! learn a new one); inside a cover the rows are sealed again under the same
//! key and the slots made afresh, so an old copy of the cover still opens
//! with the old duress passcode (the README says so).
//!
//! The other space is not touched: its rows do not open under this
//! space's key and are left as they are, and its slots keep their bytes
//! (the one exception: when the real passcode changes its need of the
//! device key, the duress slot follows, as `change_passcode` does).
//!
//! The PBKDF2 salt stays: it is shared by both spaces' passcode slots, and
//! the other space's passcode is not known here, so its slot could not be
//! made again under a new one. Every slot has its own 32-byte HKDF salt,
//! drawn afresh for every slot written here, so nothing of an old slot
//! carries over; what the shared salt still lets an attacker with an old
//! copy do is reuse their PBKDF2 work on guesses (see the README).

use std::sync::Arc;

use rusqlite::TransactionBehavior;
use zeroize::Zeroizing;

use crate::crypto::dropbox::{self, DropSecret};
use crate::crypto::seal::{Purpose, SealKey};
use crate::crypto::{random, KEY_LEN};
use crate::header::{DataKey, Header};
use crate::keyring::{self, Directory};
use crate::progress::{Progress, ProgressListener};
use crate::record::{Record, RecordId};
use crate::store;
use crate::vault::{other_directory_row, Session, Vault};
use crate::{Result, VaultError};

use super::duress;
use super::keys::current_header;

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Vault {
    /// Re-keys the space that is open and keeps its passcode. `passcode`
    /// is the current one (`WrongSecret` otherwise, nothing changes);
    /// `device_key` is required when the passcode needs it or a device-key
    /// slot exists (`InvalidInput("device_key")`). Returns the new
    /// recovery code, to be shown once (`None` in a space without one).
    /// The listener hears one step per stored row; cancelling leaves the
    /// file as it was (`Cancelled`).
    pub fn rekey(
        &self,
        passcode: String,
        device_key: Option<Vec<u8>>,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<Option<String>> {
        let current = Zeroizing::new(passcode);
        self.rekey_inner(&current, None, device_key.map(Zeroizing::new), listener)
    }

    /// Changes the passcode and re-keys the space that is open, in one
    /// transaction. Requires the current passcode (`WrongSecret`). With
    /// `device_key`, the new passcode opens the space only together with
    /// it (as [`Vault::change_passcode`]); the key is also required when a
    /// device-key slot exists. Returns the new recovery code.
    pub fn change_passcode_and_rekey(
        &self,
        current_passcode: String,
        new_passcode: String,
        device_key: Option<Vec<u8>>,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<Option<String>> {
        let current = Zeroizing::new(current_passcode);
        let new = Zeroizing::new(new_passcode);
        keyring::validate_passcode(&new)?;
        self.rekey_inner(
            &current,
            Some(&new),
            device_key.map(Zeroizing::new),
            listener,
        )
    }
}

impl Vault {
    fn rekey_inner(
        &self,
        current: &str,
        new: Option<&str>,
        device_key: Option<Zeroizing<Vec<u8>>>,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<Option<String>> {
        // As at unlock: any passcode within the length limits is tried.
        if current.is_empty() || current.chars().count() > keyring::PASSCODE_MAX_CHARS {
            return Err(VaultError::invalid("passcode"));
        }
        if let Some(key) = &device_key {
            keyring::validate_device_key(key)?;
        }
        if !self.is_unlocked() {
            return Err(VaultError::Locked);
        }
        // The slow stretches run before the session is taken.
        let header = self.header()?;
        let salt = header.kdf_salt;
        let old_stretched = header.stretch(current);
        let new_stretched = new.map(|p| header.stretch(p));
        self.with_session(|conn, session| {
            let mut header = current_header(conn)?;
            if header.kdf_salt != salt || session.directory.kdf_salt != salt {
                return Err(VaultError::Corrupt);
            }
            let device = device_key.as_deref().map(|k| &k[..]);
            let directory = session.directory.clone();
            check_secrets(session, &header, &old_stretched[..], device)?;
            let (stretched, needs) = match &new_stretched {
                Some(s) => {
                    if duress::is_duress_passcode(session, &header, &s[..], device) {
                        return Err(VaultError::invalid("passcode"));
                    }
                    (&s[..], device.is_some())
                }
                None => (&old_stretched[..], directory.passcode_needs_device_key),
            };
            // A cover keeps its data key: the real space holds it (to tell
            // the cover's rows from damaged ones and to manage its slots)
            // and could not learn a new one. Its rows are still sealed
            // again (fresh nonces) and its slots made afresh, so that the
            // call behaves as it does in the real space.
            let new_key: DataKey = if session.is_cover() {
                session.data_key.clone()
            } else {
                Zeroizing::new(random::array::<KEY_LEN>()?)
            };
            let new_seal = SealKey::new(&new_key)?;
            let mut next = directory.clone();
            let code = wrap_own_slots(&mut header, &mut next, &new_key, stretched, needs, device)?;
            let new_drop = match &next.drop_secret {
                Some(_) => {
                    let secret = DropSecret::generate()?;
                    let public = secret.public();
                    next.drop_secret = Some(*secret.to_bytes());
                    next.drop_public = Some(public);
                    header.drop_public = Some(public);
                    Some(secret)
                }
                None => None,
            };
            let mut other_rows = Vec::new();
            let hardening_changed = needs != directory.passcode_needs_device_key;
            update_cover(
                conn,
                session,
                &mut header,
                hardening_changed.then_some(device),
                &mut other_rows,
            )?;
            let ids = store::record_ids(conn)?;
            let mut progress = Progress::new(listener.clone(), ids.len() as u64);
            progress.report()?;
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            for raw in &ids {
                reseal_row(&tx, session, raw, &new_seal, new_drop.as_ref())?;
                progress.advance(1)?;
            }
            let own = next.seal(&new_seal)?;
            let header_bytes = header.to_bytes();
            let mut meta: Vec<(i64, &[u8])> = vec![
                (store::HEADER_ROW, header_bytes.as_slice()),
                (session.directory_row, own.as_slice()),
            ];
            for (row, bytes) in &other_rows {
                meta.push((*row, bytes.as_slice()));
            }
            store::write_meta_in(&tx, &meta)?;
            tx.commit()?;
            // Old ciphertexts leave the WAL (secure_delete zeroed them in
            // the database file as they were replaced).
            store::checkpoint(conn);
            session.data_key = new_key;
            session.seal = new_seal;
            session.drop = new_drop;
            session.directory = next;
            Ok(code)
        })
    }
}

/// Checks the current passcode (with the device key when it needs it)
/// opens this space's passcode slot, and the device key its device slot.
fn check_secrets(
    session: &Session,
    header: &Header,
    stretched: &[u8],
    device: Option<&[u8]>,
) -> Result<()> {
    let directory = &session.directory;
    if (directory.passcode_needs_device_key || directory.device_slot.is_some()) && device.is_none()
    {
        return Err(VaultError::invalid("device_key"));
    }
    let hardening = if directory.passcode_needs_device_key {
        device
    } else {
        None
    };
    let opens = header.unwrap_all(&[keyring::passcode_material(stretched, hardening)]);
    let mine = |found: &[(DataKey, usize, crate::header::SlotKind)], slot: u8| {
        found
            .iter()
            .any(|(key, i, _)| *i == usize::from(slot) && key[..] == session.data_key[..])
    };
    if !mine(&opens[..], directory.passcode_slot) {
        return Err(VaultError::WrongSecret);
    }
    if let (Some(slot), Some(key)) = (directory.device_slot, device) {
        let opens = header.unwrap_all(&[keyring::device_material(key)]);
        if !mine(&opens[..], slot) {
            return Err(VaultError::invalid("device_key"));
        }
    }
    Ok(())
}

/// Wraps `key` into every slot of this space: passcode, device key,
/// recovery code (a new one, returned) and a cover's own duress slot.
fn wrap_own_slots(
    header: &mut Header,
    directory: &mut Directory,
    key: &DataKey,
    stretched: &[u8],
    needs: bool,
    device: Option<&[u8]>,
) -> Result<Option<String>> {
    let hardening = if needs { device } else { None };
    header.wrap(
        usize::from(directory.passcode_slot),
        &keyring::passcode_material(stretched, hardening),
        key,
    )?;
    directory.passcode_needs_device_key = needs;
    if let (Some(slot), Some(device)) = (directory.device_slot, device) {
        header.wrap(usize::from(slot), &keyring::device_material(device), key)?;
    }
    let code = match directory.recovery_slot {
        Some(slot) => {
            let (bytes, shown) = keyring::new_recovery_code()?;
            header.wrap(usize::from(slot), &keyring::recovery_material(&bytes), key)?;
            Some(shown)
        }
        None => None,
    };
    if let Some(nested) = &directory.nested {
        if let Some(duress_stretched) = &nested.stretched {
            let material = keyring::passcode_material(duress_stretched, hardening);
            header.wrap(usize::from(nested.slot), &material, key)?;
        }
    }
    Ok(code)
}

/// The real space's cover: its directory shows the header's drop key,
/// which has just changed, and when the real passcode changed its need of
/// the device key (`follow` is `Some(device key or none)`), the duress
/// slot follows (under the cover's own key, which does not change).
fn update_cover(
    conn: &rusqlite::Connection,
    session: &Session,
    header: &mut Header,
    follow: Option<Option<&[u8]>>,
    rows: &mut Vec<(i64, Vec<u8>)>,
) -> Result<()> {
    let (Some(cover), Some(seal)) = (&session.directory.cover, &session.cover_seal) else {
        return Ok(());
    };
    let other_row = other_directory_row(session.directory_row);
    let mut cover_dir = Directory::open(seal, &store::read_meta(conn, other_row)?)?;
    cover_dir.drop_public = header.drop_public;
    if let (Some(device), Some(stretched)) = (follow, &cover.stretched) {
        let key = Zeroizing::new(cover.data_key);
        let material = keyring::passcode_material(stretched, device);
        header.wrap(usize::from(cover_dir.passcode_slot), &material, &key)?;
        cover_dir.passcode_needs_device_key = device.is_some();
    }
    rows.push((other_row, cover_dir.seal(seal)?));
    Ok(())
}

/// Seals one row again if it is this space's: a record under the new key,
/// a drop waiting to be folded to the new drop-box key. Anything else (the
/// other space's rows, damaged rows) is left as it is.
fn reseal_row(
    conn: &rusqlite::Connection,
    session: &Session,
    raw: &[u8],
    seal: &SealKey,
    drop: Option<&DropSecret>,
) -> Result<()> {
    let Some(id) = RecordId::from_bytes(raw) else {
        return Ok(());
    };
    let Some(blob) = store::read_record(conn, raw)? else {
        return Ok(());
    };
    if let Ok(plain) = Record::open_plaintext(&session.seal, id, &blob) {
        let sealed = seal.seal_padded(Purpose::Record, &id.0, &plain)?;
        return store::upsert_record(conn, raw, &sealed);
    }
    if let (Some(old), Some(new)) = (&session.drop, drop) {
        if let Ok(plain) = old.open(raw, &blob) {
            let sealed = dropbox::seal_to_len(&new.public(), raw, &plain, blob.len())?;
            return store::upsert_record(conn, raw, &sealed);
        }
    }
    Ok(())
}

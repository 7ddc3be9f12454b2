//! The secrets that open the vault: the passcode, the device key, the
//! recovery code, and the duress passcode that opens the cover space.

use zeroize::Zeroizing;

use crate::crypto::seal::SealKey;
use crate::crypto::{random, KEY_LEN};
use crate::header::Header;
use crate::keyring::{self, CoverRef, Directory, Secret};
use crate::load::Row;
use crate::store;
use crate::vault::{other_directory_row, Session, Vault};
use crate::{Result, VaultError};

/// Writes a new header and this space's directory, then adopts the
/// directory.
fn save_keyring(
    conn: &mut rusqlite::Connection,
    session: &mut Session,
    header: &Header,
    directory: Directory,
) -> Result<()> {
    let sealed = directory.seal(&session.seal)?;
    store::write_meta(
        conn,
        &[
            (store::HEADER_ROW, &header.to_bytes()),
            (session.directory_row, &sealed),
        ],
    )?;
    session.directory = directory;
    Ok(())
}

fn current_header(conn: &rusqlite::Connection) -> Result<Header> {
    Header::parse(&store::read_meta(conn, store::HEADER_ROW)?)
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Vault {
    /// Sets a new passcode for the space that is open (re-wraps its data
    /// key; no record is re-encrypted). With `device_key`, the passcode
    /// will open the space only together with that key. In the real space
    /// the duress passcode is refused (`InvalidInput("passcode")`).
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
        // The slow stretch runs unlocked.
        let header = self.header()?;
        let stretched = header.stretch(&passcode);
        self.with_session(|conn, session| {
            let mut current = current_header(conn)?;
            if current.kdf_salt != header.kdf_salt {
                return Err(VaultError::Corrupt);
            }
            if let Some(cover) = &session.directory.cover {
                let plain = keyring::passcode_material(&stretched[..], None);
                let opens = current.unwrap_all(&[plain]);
                if opens
                    .iter()
                    .any(|(_, i, _)| *i == usize::from(cover.slots[0]))
                {
                    return Err(VaultError::invalid("passcode"));
                }
            }
            let material =
                keyring::passcode_material(&stretched[..], device_key.as_deref().map(|k| &k[..]));
            let mut directory = session.directory.clone();
            current.wrap(
                usize::from(directory.passcode_slot),
                &material,
                &session.data_key,
            )?;
            directory.passcode_needs_device_key = device_key.is_some();
            save_keyring(conn, session, &current, directory)
        })
    }

    /// Adds (or replaces) a slot that opens the space with the device key
    /// alone.
    pub fn set_device_key(&self, key: Vec<u8>) -> Result<()> {
        let key = Zeroizing::new(key);
        keyring::validate_device_key(&key)?;
        self.with_session(|conn, session| {
            let mut header = current_header(conn)?;
            let mut directory = session.directory.clone();
            let slot = match (directory.device_slot, directory.spare_slot) {
                (Some(slot), _) => slot,
                // A cover space has one slot kept for this.
                (None, Some(spare)) => spare,
                (None, None) => directory.free_slot()?,
            };
            header.wrap(
                usize::from(slot),
                &keyring::device_material(&key),
                &session.data_key,
            )?;
            directory.device_slot = Some(slot);
            save_keyring(conn, session, &header, directory)
        })
    }

    /// Removes the device-key slot (its bytes become random). Does nothing
    /// if there is none.
    pub fn remove_device_key(&self) -> Result<()> {
        self.with_session(|conn, session| {
            let Some(slot) = session.directory.device_slot else {
                return Ok(());
            };
            let mut header = current_header(conn)?;
            header.clear(usize::from(slot))?;
            let mut directory = session.directory.clone();
            directory.device_slot = None;
            save_keyring(conn, session, &header, directory)
        })
    }

    /// Unlocks with the recovery code and sets a new passcode; the
    /// device-key slot, if any, is kept. A passcode that needed the device
    /// key keeps that hardening, so this is refused for it
    /// (`InvalidInput("device_key")`, nothing changes): use
    /// [`Vault::recover_with_device_key`].
    pub fn recover(&self, code: String, new_passcode: String) -> Result<()> {
        self.recover_with_device_key(code, new_passcode, None)
    }

    /// Unlocks with the recovery code and sets a new passcode; the
    /// device-key slot, if any, is kept. With `device_key` the new
    /// passcode opens the space only together with it. A passcode that
    /// needed the device key keeps that hardening: without the key the
    /// result is `InvalidInput("device_key")` and nothing changes (the
    /// vault stays as it was). A key that does not open the device-key
    /// slot is refused the same way. To drop the hardening on purpose (the
    /// device key is lost), unlock with the recovery code and call
    /// `change_passcode` without a key.
    pub fn recover_with_device_key(
        &self,
        code: String,
        new_passcode: String,
        device_key: Option<Vec<u8>>,
    ) -> Result<()> {
        let device_key = device_key.map(Zeroizing::new);
        keyring::validate_passcode(&new_passcode)?;
        if let Some(key) = &device_key {
            keyring::validate_device_key(key)?;
        }
        let was_unlocked = self.is_unlocked();
        self.unlock(Secret::RecoveryCode { code })?;
        let checked = self.with_session(|conn, session| {
            let directory = &session.directory;
            match &device_key {
                None if directory.passcode_needs_device_key => {
                    Err(VaultError::invalid("device_key"))
                }
                None => Ok(()),
                Some(key) => match directory.device_slot {
                    Some(slot) => {
                        let opens =
                            current_header(conn)?.unwrap_all(&[keyring::device_material(key)]);
                        if opens.iter().any(|(_, i, _)| *i == usize::from(slot)) {
                            Ok(())
                        } else {
                            Err(VaultError::invalid("device_key"))
                        }
                    }
                    None => Ok(()),
                },
            }
        });
        if let Err(err) = checked {
            if !was_unlocked {
                self.lock();
            }
            return Err(err);
        }
        self.change_passcode(new_passcode, device_key.map(|k| k.to_vec()))
    }

    /// Sets the duress passcode: typed at the lock screen, it opens a
    /// separate cover space (empty at first; fill it with something
    /// mundane), never the real one. Setting it again changes it and keeps
    /// the cover's content. Only from the real space; it must differ from
    /// the real passcode (`InvalidInput("duress_passcode")`).
    pub fn set_duress_passcode(&self, passcode: String) -> Result<()> {
        let passcode = Zeroizing::new(passcode);
        keyring::validate_passcode(&passcode)
            .map_err(|_| VaultError::invalid("duress_passcode"))?;
        if !self.is_unlocked() {
            return Err(VaultError::Locked);
        }
        let header = self.header()?;
        let stretched = header.stretch(&passcode);
        self.with_session(|conn, session| {
            if session.is_cover() {
                return Err(VaultError::invalid("duress_passcode"));
            }
            let mut current = current_header(conn)?;
            if current.kdf_salt != header.kdf_salt {
                return Err(VaultError::Corrupt);
            }
            let mut directory = session.directory.clone();
            let own_cover_slot = directory.cover.as_ref().map(|c| usize::from(c.slots[0]));
            let opens = current.unwrap_all(&[keyring::passcode_material(&stretched[..], None)]);
            if opens.iter().any(|(_, i, _)| Some(*i) != own_cover_slot) {
                return Err(VaultError::invalid("duress_passcode"));
            }
            let other_row = other_directory_row(session.directory_row);
            let (data_key, mut cover_dir) = match &directory.cover {
                Some(cover) => {
                    let key = Zeroizing::new(cover.data_key);
                    let blob = store::read_meta(conn, other_row)?;
                    let dir = Directory::open(&SealKey::new(&key)?, &blob)?;
                    (key, dir)
                }
                None => {
                    let key = Zeroizing::new(random::array::<KEY_LEN>()?);
                    let passcode_slot = directory.free_slot()?;
                    directory.cover = Some(CoverRef {
                        data_key: *key,
                        slots: [passcode_slot, passcode_slot],
                    });
                    let spare = directory.free_slot()?;
                    let dir = Directory {
                        passcode_slot,
                        passcode_needs_device_key: false,
                        device_slot: None,
                        recovery_slot: None,
                        kdf_iterations: current.kdf_iterations,
                        kdf_salt: current.kdf_salt,
                        drop_public: current.drop_public,
                        drop_secret: None,
                        cover: None,
                        spare_slot: Some(spare),
                    };
                    (key, dir)
                }
            };
            current.wrap(
                usize::from(cover_dir.passcode_slot),
                &keyring::passcode_material(&stretched[..], None),
                &data_key,
            )?;
            cover_dir.passcode_needs_device_key = false;
            directory.cover = Some(CoverRef {
                data_key: *data_key,
                slots: [
                    cover_dir.passcode_slot,
                    cover_dir.spare_slot.ok_or(VaultError::Corrupt)?,
                ],
            });
            let cover_seal = SealKey::new(&data_key)?;
            let header_bytes = current.to_bytes();
            let own = directory.seal(&session.seal)?;
            let other = cover_dir.seal(&cover_seal)?;
            store::write_meta(
                conn,
                &[
                    (store::HEADER_ROW, &header_bytes),
                    (session.directory_row, &own),
                    (other_row, &other),
                ],
            )?;
            session.directory = directory;
            session.cover_seal = Some(cover_seal);
            Ok(())
        })
    }

    /// Removes the duress passcode and everything in the cover space (its
    /// slots become random bytes, its directory row too, and its records
    /// are deleted). Does nothing if there is none. Only from the real
    /// space.
    pub fn remove_duress_passcode(&self) -> Result<()> {
        self.with_session(|conn, session| {
            if session.is_cover() {
                return Err(VaultError::invalid("duress_passcode"));
            }
            let Some(cover) = session.directory.cover.clone() else {
                return Ok(());
            };
            let mut ids = Vec::new();
            {
                let cover_seal = SealKey::new(&cover.data_key)?;
                let as_cover = crate::load::Keys {
                    seal: &cover_seal,
                    cover: None,
                    drop: None,
                    is_cover: true,
                };
                store::for_each_record(conn, |id, blob| {
                    if matches!(as_cover.classify(id, blob), Row::Own(..) | Row::Damaged) {
                        ids.push(id.to_vec());
                    }
                })?;
            }
            let mut header = current_header(conn)?;
            for slot in cover.slots {
                header.clear(usize::from(slot))?;
            }
            let mut directory = session.directory.clone();
            directory.cover = None;
            let header_bytes = header.to_bytes();
            let own = directory.seal(&session.seal)?;
            let filler = Directory::filler()?;
            let other_row = other_directory_row(session.directory_row);
            let tx = conn.transaction()?;
            for id in &ids {
                store::delete_record(&tx, id)?;
            }
            store::write_meta_in(
                &tx,
                &[
                    (store::HEADER_ROW, &header_bytes),
                    (session.directory_row, &own),
                    (other_row, &filler),
                ],
            )?;
            tx.commit()?;
            store::checkpoint(conn);
            session.directory = directory;
            session.cover_seal = None;
            session.foreign_rows = session.foreign_rows.saturating_sub(ids.len() as u64);
            Ok(())
        })
    }

    /// Whether a duress passcode is set. A cover space answers `false`.
    pub fn has_duress_passcode(&self) -> Result<bool> {
        self.with_session(|_, session| Ok(!session.is_cover() && session.directory.cover.is_some()))
    }
}

//! The secrets that open the vault: the passcode, the device key, the
//! recovery code, and the duress passcode that opens the cover space.

use zeroize::Zeroizing;

use crate::header::Header;
use crate::keyring::{self, Directory, Secret};
use crate::store;
use crate::vault::{Session, Vault};

use super::duress;
use crate::{Result, VaultError};

/// Writes a new header and this space's directory, then adopts the
/// directory.
pub(crate) fn save_keyring(
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

pub(crate) fn current_header(conn: &rusqlite::Connection) -> Result<Header> {
    Header::parse(&store::read_meta(conn, store::HEADER_ROW)?)
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Vault {
    /// Sets a new passcode for the space that is open (re-wraps its data
    /// key; no record is re-encrypted). With `device_key`, the passcode
    /// will open the space only together with that key, and so will the
    /// duress passcode (re-wrapped with it). The duress passcode is refused
    /// (`InvalidInput("passcode")`), with or without the device key.
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
            // Neither space's passcode may become its duress passcode.
            if duress::is_duress_passcode(
                session,
                &current,
                &stretched[..],
                device_key.as_deref().map(|k| &k[..]),
            ) {
                return Err(VaultError::invalid("passcode"));
            }
            let material =
                keyring::passcode_material(&stretched[..], device_key.as_deref().map(|k| &k[..]));
            let mut directory = session.directory.clone();
            current.wrap(
                usize::from(directory.passcode_slot),
                &material,
                &session.data_key,
            )?;
            let hardening_changed = directory.passcode_needs_device_key != device_key.is_some();
            directory.passcode_needs_device_key = device_key.is_some();
            if hardening_changed {
                // The duress passcode keeps the hardening of the passcode.
                let device = device_key.as_deref().map(|k| &k[..]);
                return duress::follow_hardening(conn, session, current, directory, device);
            }
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
}

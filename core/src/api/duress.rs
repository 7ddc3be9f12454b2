//! The duress passcode and the cover space it opens.
//!
//! The real space sets it: a cover space with its own data key, directory
//! and records. The duress slot is hardened as the real passcode slot is
//! (when the passcode needs the device key, so does the duress passcode),
//! and it can never equal the real passcode, with or without the device key.
//!
//! Inside a cover the same calls answer as in a vault without a cover: a
//! cover has a slot kept for a duress passcode of its own, which once set
//! opens the cover itself (the README says what that does not hide).

use rusqlite::Connection;
use zeroize::Zeroizing;

use crate::crypto::seal::SealKey;
use crate::crypto::{random, KEY_LEN};
use crate::header::Header;
use crate::keyring::{self, CoverRef, Directory, Nested};
use crate::load::Row;
use crate::store;
use crate::vault::{other_directory_row, Session, Vault};
use crate::{Result, VaultError};

use super::keys::{current_header, save_keyring};

/// The materials a passcode is tried with: alone, and with the device key
/// when one is given.
fn tried(stretched: &[u8], device_key: Option<&[u8]>) -> Vec<crate::header::SlotMaterial> {
    let mut materials = vec![keyring::passcode_material(stretched, None)];
    if let Some(key) = device_key {
        materials.push(keyring::passcode_material(stretched, Some(key)));
    }
    materials
}

fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether `stretched` (with or without `device_key`) is this space's
/// duress passcode: the real space's cover passcode, or a cover's own.
pub(crate) fn is_duress_passcode(
    session: &Session,
    header: &Header,
    stretched: &[u8],
    device_key: Option<&[u8]>,
) -> bool {
    let (slot, stored) = match (&session.directory.cover, &session.directory.nested) {
        (Some(cover), _) => (Some(cover.slots[0]), cover.stretched),
        (None, Some(nested)) if nested.stretched.is_some() => (Some(nested.slot), nested.stretched),
        _ => (None, None),
    };
    let Some(slot) = slot else {
        return false;
    };
    if stored.is_some_and(|s| same(&s, stretched)) {
        return true;
    }
    header
        .unwrap_all(&tried(stretched, device_key))
        .iter()
        .any(|(_, i, _)| *i == usize::from(slot))
}

/// After the passcode changed its need of the device key: re-wraps the
/// duress slot with the same need (when its stretched passcode is known)
/// and saves the header and the directories.
pub(crate) fn follow_hardening(
    conn: &mut Connection,
    session: &mut Session,
    mut header: Header,
    directory: Directory,
    device_key: Option<&[u8]>,
) -> Result<()> {
    if let Some(nested) = &directory.nested {
        if let Some(stretched) = &nested.stretched {
            let material = keyring::passcode_material(stretched, device_key);
            header.wrap(usize::from(nested.slot), &material, &session.data_key)?;
        }
        return save_keyring(conn, session, &header, directory);
    }
    let (Some(cover), Some(seal)) = (&directory.cover, &session.cover_seal) else {
        return save_keyring(conn, session, &header, directory);
    };
    let Some(stretched) = &cover.stretched else {
        // A cover set by an earlier version: its passcode is not known
        // here; it keeps its slot as it was (the README says so).
        return save_keyring(conn, session, &header, directory);
    };
    let other_row = other_directory_row(session.directory_row);
    let mut cover_dir = Directory::open(seal, &store::read_meta(conn, other_row)?)?;
    let key = Zeroizing::new(cover.data_key);
    let material = keyring::passcode_material(stretched, device_key);
    header.wrap(usize::from(cover_dir.passcode_slot), &material, &key)?;
    cover_dir.passcode_needs_device_key = device_key.is_some();
    let own = directory.seal(&session.seal)?;
    let other = cover_dir.seal(seal)?;
    store::write_meta(
        conn,
        &[
            (store::HEADER_ROW, &header.to_bytes()),
            (session.directory_row, &own),
            (other_row, &other),
        ],
    )?;
    session.directory = directory;
    Ok(())
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Vault {
    /// Sets the duress passcode: typed at the lock screen, it opens a
    /// separate cover space (empty at first; fill it with something
    /// mundane), never the real one. Setting it again changes it and keeps
    /// the cover's content. It must differ from the passcode
    /// (`InvalidInput("duress_passcode")`). When the passcode needs the
    /// device key, so does the duress passcode: use
    /// [`Vault::set_duress_passcode_with_device_key`] (this call answers
    /// `InvalidInput("device_key")`).
    ///
    /// Inside a cover space it answers as in a vault without one: the
    /// passcode set there opens the cover space itself.
    pub fn set_duress_passcode(&self, passcode: String) -> Result<()> {
        self.set_duress(passcode, None)
    }

    /// [`Vault::set_duress_passcode`] with the device key, for a vault whose
    /// passcode needs it: the duress passcode then needs it too. The duress
    /// passcode is refused when it is the passcode, alone or with this key.
    /// When the passcode does not need the device key, the key is only used
    /// for that check.
    pub fn set_duress_passcode_with_device_key(
        &self,
        passcode: String,
        device_key: Vec<u8>,
    ) -> Result<()> {
        self.set_duress(passcode, Some(device_key))
    }

    /// Removes the duress passcode and everything in the cover space (its
    /// slots become random bytes, its directory row too, and its records
    /// are deleted). Does nothing if there is none. Inside a cover space
    /// it removes the cover's own duress passcode.
    pub fn remove_duress_passcode(&self) -> Result<()> {
        self.with_session(|conn, session| {
            if session.is_cover() {
                return remove_nested(conn, session);
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
            for slot in cover.slots.into_iter().chain(cover.nested_slot) {
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

    /// Whether a duress passcode is set (inside a cover space: whether the
    /// cover's own one is).
    pub fn has_duress_passcode(&self) -> Result<bool> {
        self.with_session(|_, session| {
            Ok(match &session.directory.nested {
                Some(nested) if session.is_cover() => nested.stretched.is_some(),
                _ => !session.is_cover() && session.directory.cover.is_some(),
            })
        })
    }
}

impl Vault {
    fn set_duress(&self, passcode: String, device_key: Option<Vec<u8>>) -> Result<()> {
        let passcode = Zeroizing::new(passcode);
        let device_key = device_key.map(Zeroizing::new);
        keyring::validate_passcode(&passcode)
            .map_err(|_| VaultError::invalid("duress_passcode"))?;
        if let Some(key) = &device_key {
            keyring::validate_device_key(key)?;
        }
        if !self.is_unlocked() {
            return Err(VaultError::Locked);
        }
        let header = self.header()?;
        let stretched = header.stretch(&passcode);
        self.with_session(|conn, session| {
            let current = current_header(conn)?;
            if current.kdf_salt != header.kdf_salt {
                return Err(VaultError::Corrupt);
            }
            let device = device_key.as_deref().map(|k| &k[..]);
            let hardening = if session.directory.passcode_needs_device_key {
                Some(device.ok_or(VaultError::invalid("device_key"))?)
            } else {
                None
            };
            if session.is_cover() {
                set_nested(conn, session, current, &stretched[..], device, hardening)
            } else {
                set_cover(conn, session, current, &stretched[..], device, hardening)
            }
        })
    }
}

/// The real space sets (or changes) the duress passcode of its cover.
fn set_cover(
    conn: &mut Connection,
    session: &mut Session,
    mut current: Header,
    stretched: &[u8],
    device: Option<&[u8]>,
    hardening: Option<&[u8]>,
) -> Result<()> {
    let mut directory = session.directory.clone();
    let own_cover_slot = directory.cover.as_ref().map(|c| usize::from(c.slots[0]));
    // Refused if it opens any other slot, alone or with the device key.
    let opens = current.unwrap_all(&tried(stretched, device));
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
            // Each slot is taken before the next is picked.
            let passcode_slot = directory.free_slot()?;
            directory.cover = Some(CoverRef {
                data_key: *key,
                slots: [passcode_slot, passcode_slot],
                nested_slot: None,
                stretched: None,
            });
            let spare = directory.free_slot()?;
            directory.cover = Some(CoverRef {
                data_key: *key,
                slots: [passcode_slot, spare],
                nested_slot: None,
                stretched: None,
            });
            let nested = directory.free_slot()?;
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
                cover_box_secret: None,
                nested: Some(Nested {
                    slot: nested,
                    stretched: None,
                }),
                // Only the real space keeps one.
                lock_policy: None,
            };
            (key, dir)
        }
    };
    current.wrap(
        usize::from(cover_dir.passcode_slot),
        &keyring::passcode_material(stretched, hardening),
        &data_key,
    )?;
    cover_dir.passcode_needs_device_key = hardening.is_some();
    cover_dir.cover_box_secret = directory.cover_box_secret;
    let mut remembered = [0u8; KEY_LEN];
    remembered.copy_from_slice(stretched);
    directory.cover = Some(CoverRef {
        data_key: *data_key,
        slots: [
            cover_dir.passcode_slot,
            cover_dir.spare_slot.ok_or(VaultError::Corrupt)?,
        ],
        nested_slot: cover_dir.nested.as_ref().map(|n| n.slot),
        stretched: Some(remembered),
    });
    zeroize::Zeroize::zeroize(&mut remembered);
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
}

/// A cover sets its own duress passcode: its kept slot opens the cover.
fn set_nested(
    conn: &mut Connection,
    session: &mut Session,
    mut current: Header,
    stretched: &[u8],
    device: Option<&[u8]>,
    hardening: Option<&[u8]>,
) -> Result<()> {
    let mut directory = session.directory.clone();
    let Some(nested) = directory.nested.clone() else {
        // A cover made by an earlier version, not yet brought up to date
        // by an unlock of the real space.
        return Err(VaultError::invalid("duress_passcode"));
    };
    // Refused if it is the cover's own passcode (as a vault refuses its
    // passcode); another space's passcode is not looked for.
    let opens = current.unwrap_all(&tried(stretched, device));
    if opens
        .iter()
        .any(|(_, i, _)| *i == usize::from(directory.passcode_slot))
    {
        return Err(VaultError::invalid("duress_passcode"));
    }
    current.wrap(
        usize::from(nested.slot),
        &keyring::passcode_material(stretched, hardening),
        &session.data_key,
    )?;
    let mut remembered = [0u8; KEY_LEN];
    remembered.copy_from_slice(stretched);
    directory.nested = Some(Nested {
        slot: nested.slot,
        stretched: Some(remembered),
    });
    zeroize::Zeroize::zeroize(&mut remembered);
    save_keyring(conn, session, &current, directory)
}

fn remove_nested(conn: &mut Connection, session: &mut Session) -> Result<()> {
    let Some(nested) = session.directory.nested.clone() else {
        return Ok(());
    };
    if nested.stretched.is_none() {
        return Ok(());
    }
    let mut header = current_header(conn)?;
    header.clear(usize::from(nested.slot))?;
    let mut directory = session.directory.clone();
    directory.nested = Some(Nested {
        slot: nested.slot,
        stretched: None,
    });
    save_keyring(conn, session, &header, directory)
}

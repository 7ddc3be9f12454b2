//! The plaintext inside the sealed stream: the metadata, then the items.

use std::collections::HashSet;
use std::io::Write;

use zeroize::Zeroizing;

use super::stream::{PlainSource, Sealer};
use super::{BackupMeta, Item, ITEM_MAX};
use crate::progress::Progress;
use crate::record::{RecordId, ID_LEN};
use crate::{Result, VaultError};

/// created_at_ms (8) | record_count (8) | chain_count (8) | chain_head (32).
pub(super) const META_LEN: usize = 8 + 8 + 8 + 32;
/// id (16) | length (4), before every item's bytes.
pub(super) const ITEM_HEAD_LEN: usize = ID_LEN + 4;
/// At most this many entries are reserved up front, whatever the count says.
const RESERVE_MAX: usize = 1 << 16;

impl BackupMeta {
    pub(super) fn encode(&self) -> [u8; META_LEN] {
        let mut b = [0u8; META_LEN];
        b[..8].copy_from_slice(&self.created_at_ms.to_le_bytes());
        b[8..16].copy_from_slice(&self.record_count.to_le_bytes());
        b[16..24].copy_from_slice(&self.chain_count.to_le_bytes());
        b[24..].copy_from_slice(&self.chain_head);
        b
    }

    fn decode(b: &[u8; META_LEN]) -> BackupMeta {
        let word = |at: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&b[at..at + 8]);
            w
        };
        let mut chain_head = [0u8; 32];
        chain_head.copy_from_slice(&b[24..]);
        BackupMeta {
            created_at_ms: i64::from_le_bytes(word(0)),
            record_count: u64::from_le_bytes(word(8)),
            chain_count: u64::from_le_bytes(word(16)),
            chain_head,
        }
    }
}

/// Writes the metadata and every item into `sealer`, advancing `progress`
/// once per item. The items must be exactly `meta.record_count`, each at
/// most [`ITEM_MAX`] bytes, with distinct ids.
pub(super) fn write_body<W: Write>(
    sealer: &mut Sealer<'_, W>,
    meta: &BackupMeta,
    items: impl Iterator<Item = Result<Item>>,
    progress: &mut Progress,
) -> Result<()> {
    sealer.write(&meta.encode())?;
    let mut seen = HashSet::new();
    let mut written = 0u64;
    for item in items {
        let (id, data) = item?;
        written += 1;
        if written > meta.record_count {
            return Err(VaultError::invalid("record_count"));
        }
        if data.len() > ITEM_MAX {
            return Err(VaultError::invalid("record"));
        }
        if !seen.insert(id) {
            return Err(VaultError::invalid("record_id"));
        }
        // ITEM_MAX fits in a u32, checked above.
        let len = data.len() as u32;
        sealer.write(&id.0)?;
        sealer.write(&len.to_le_bytes())?;
        sealer.write(&data)?;
        drop(data);
        progress.advance(1)?;
    }
    if written != meta.record_count {
        return Err(VaultError::invalid("record_count"));
    }
    Ok(())
}

/// Parses the plaintext: the metadata, then exactly `record_count` items,
/// then nothing. Every count and length is checked against what remains
/// and against [`ITEM_MAX`] before anything is allocated. Sets the
/// progress total to the record count and advances once per item; hands
/// each item to `on_item`.
pub(super) fn read_body(
    src: &mut impl PlainSource,
    progress: &mut Progress,
    mut on_item: impl FnMut(Item) -> Result<()>,
) -> Result<BackupMeta> {
    let mut m = [0u8; META_LEN];
    src.read_exact(&mut m)?;
    let meta = BackupMeta::decode(&m);
    if meta.record_count > src.remaining() / ITEM_HEAD_LEN as u64 {
        return Err(VaultError::Corrupt);
    }
    progress.set_total(meta.record_count);
    progress.report()?;
    let reserve = usize::try_from(meta.record_count).map_or(RESERVE_MAX, |n| n.min(RESERVE_MAX));
    let mut seen = HashSet::with_capacity(reserve);
    for _ in 0..meta.record_count {
        let mut head = [0u8; ITEM_HEAD_LEN];
        src.read_exact(&mut head)?;
        let mut id = [0u8; ID_LEN];
        id.copy_from_slice(&head[..ID_LEN]);
        let mut len = [0u8; 4];
        len.copy_from_slice(&head[ID_LEN..]);
        let len = u32::from_le_bytes(len);
        if len as usize > ITEM_MAX || u64::from(len) > src.remaining() {
            return Err(VaultError::Corrupt);
        }
        let mut data = Zeroizing::new(vec![0u8; len as usize]);
        src.read_exact(&mut data)?;
        if !seen.insert(id) {
            return Err(VaultError::Corrupt);
        }
        on_item((RecordId(id), data))?;
        progress.advance(1)?;
    }
    if src.remaining() != 0 {
        return Err(VaultError::Corrupt);
    }
    Ok(meta)
}

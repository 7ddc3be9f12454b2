//! The cover space's drop box: failed unlocks made while locked, kept for
//! the cover space's access log, so that a cover shows the attempts made
//! before it was opened just as a vault without a cover does.
//!
//! Row [`store::COVER_BOX_ROW`] of `h` is `public key (32) | cell ×
//! [`CELLS`]`, the same length in every vault. The key pair exists whether
//! a cover exists or not: its private half is in the real space's sealed
//! directory, and in the cover's when there is one. A cell holds either a
//! failed-unlock event sealed to the public key (a drop of [`CELL_LEN`]
//! bytes, see `crypto::dropbox`) or random bytes of that shape. A failed
//! attempt writes the cell given by the failures counted since the last
//! successful unlock (the lock row's count), so the latest [`CELLS`]
//! attempts are kept.
//!
//! Every unlock, of either space, tries every cell with its key (the same
//! work whichever space opens) and writes the row back in the same
//! transaction as the lock row: the cover folds what it finds into its
//! access log and clears those cells; the real space (which has its own
//! drops of the same events) clears every cell when no cover exists and
//! leaves them for the cover otherwise.

use rusqlite::Connection;

use crate::crypto::dropbox::{self, DropSecret, PUBLIC_LEN};
use crate::crypto::seal;
use crate::locked::Dropped;
use crate::store;
use crate::{Result, VaultError};

/// Failed attempts the row keeps for the cover.
pub(crate) const CELLS: usize = 8;
/// The length of one cell: a drop of a 256-byte frame.
pub(crate) const CELL_LEN: usize = 305;
/// The length of the row.
pub(crate) const ROW_LEN: usize = PUBLIC_LEN + CELLS * CELL_LEN;

/// A row for `public` with every cell empty (random bytes of a cell's
/// shape).
pub(crate) fn fresh_row(public: &[u8; PUBLIC_LEN]) -> Result<Vec<u8>> {
    let mut row = vec![0u8; ROW_LEN];
    row[..PUBLIC_LEN].copy_from_slice(public);
    for index in 0..CELLS {
        clear_cell(&mut row, index)?;
    }
    Ok(row)
}

/// Random bytes of the same length as a stored row (what erase leaves).
pub(crate) fn random_row() -> Result<Vec<u8>> {
    let mut row = vec![0u8; ROW_LEN];
    crate::crypto::random::fill(&mut row)?;
    Ok(row)
}

/// The public key a well-formed row carries.
pub(crate) fn public_of(row: &[u8]) -> Option<[u8; PUBLIC_LEN]> {
    if row.len() != ROW_LEN {
        return None;
    }
    let mut public = [0u8; PUBLIC_LEN];
    public.copy_from_slice(&row[..PUBLIC_LEN]);
    Some(public)
}

fn cell_id(index: usize) -> [u8; 2] {
    [b'c', index as u8]
}

fn cell_range(index: usize) -> std::ops::Range<usize> {
    let start = PUBLIC_LEN + index * CELL_LEN;
    start..start + CELL_LEN
}

fn clear_cell(row: &mut [u8], index: usize) -> Result<()> {
    seal::filler(&mut row[cell_range(index)])
}

/// Seals a failed attempt into the row stored in the file: best effort
/// from a locked vault (a file without the row takes nothing). `failures`
/// is the count including this attempt.
pub(crate) fn drop_failed(conn: &mut Connection, failures: u32, dropped: &Dropped) -> Result<()> {
    let Some(mut row) = store::read_meta_opt(conn, store::COVER_BOX_ROW)? else {
        return Ok(());
    };
    let public = public_of(&row).ok_or(VaultError::Corrupt)?;
    let index = (failures.saturating_sub(1) as usize) % CELLS;
    let json =
        zeroize::Zeroizing::new(serde_json::to_vec(dropped).map_err(|_| VaultError::Storage)?);
    let cell = dropbox::seal_to_len(&public, &cell_id(index), &json, CELL_LEN)?;
    row[cell_range(index)].copy_from_slice(&cell);
    store::write_meta(conn, &[(store::COVER_BOX_ROW, &row)])
}

/// What an unlock does with the cells it opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Take {
    /// The cover: clear the cells it read.
    Consume,
    /// The real space without a cover: clear every cell.
    ClearAll,
    /// The real space with a cover: leave the cells for the cover.
    Keep,
}

/// Opens every cell of `row` with `secret` (every cell is tried, whatever
/// opens) and returns the events found and the row to store back. A row
/// of the wrong shape or key is replaced by a fresh one for `secret`.
pub(crate) fn take(
    row: Option<&[u8]>,
    secret: &DropSecret,
    mode: Take,
) -> Result<(Vec<Dropped>, Vec<u8>)> {
    let public = secret.public();
    let mut row = match row {
        Some(bytes) if public_of(bytes) == Some(public) => bytes.to_vec(),
        _ => return Ok((Vec::new(), fresh_row(&public)?)),
    };
    let mut found = Vec::new();
    for index in 0..CELLS {
        let opened = secret
            .open(&cell_id(index), &row[cell_range(index)])
            .ok()
            .and_then(|json| serde_json::from_slice::<Dropped>(&json).ok());
        let opened = opened.is_some_and(|dropped| {
            found.push(dropped);
            true
        });
        if mode == Take::ClearAll || (opened && mode == Take::Consume) {
            clear_cell(&mut row, index)?;
        }
    }
    Ok((found, row))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::AccessKind;
    use crate::locked::DroppedWhat;

    fn failed() -> Dropped {
        Dropped::now(
            -43_200,
            DroppedWhat::Access {
                kind: AccessKind::FailedUnlock,
            },
        )
    }

    fn put(row: &mut [u8], index: usize, dropped: &Dropped) {
        let public = public_of(row).unwrap();
        let json = serde_json::to_vec(dropped).unwrap();
        let cell = dropbox::seal_to_len(&public, &cell_id(index), &json, CELL_LEN).unwrap();
        row[cell_range(index)].copy_from_slice(&cell);
    }

    #[test]
    fn a_cell_holds_the_longest_event_and_opens_only_for_its_key() {
        let secret = DropSecret::generate().unwrap();
        let other = DropSecret::generate().unwrap();
        let mut row = fresh_row(&secret.public()).unwrap();
        assert_eq!(row.len(), ROW_LEN);
        let mut longest = failed();
        longest.nanos = u64::MAX;
        longest.utc_offset_seconds = i32::MIN;
        put(&mut row, 3, &longest);
        assert_eq!(row.len(), ROW_LEN);
        let (none, _) = take(Some(&row), &other, Take::Consume).unwrap();
        assert!(none.is_empty());
        let (found, after) = take(Some(&row), &secret, Take::Consume).unwrap();
        assert_eq!(found, vec![longest]);
        let (again, _) = take(Some(&after), &secret, Take::Consume).unwrap();
        assert!(again.is_empty(), "a taken cell is cleared");
        let (kept, same) = take(Some(&row), &secret, Take::Keep).unwrap();
        assert_eq!((kept.len(), &same), (1, &row));
    }

    #[test]
    fn a_cell_moved_to_another_place_does_not_open() {
        let secret = DropSecret::generate().unwrap();
        let mut row = fresh_row(&secret.public()).unwrap();
        put(&mut row, 0, &failed());
        let cell = row[cell_range(0)].to_vec();
        row[cell_range(5)].copy_from_slice(&cell);
        clear_cell(&mut row, 0).unwrap();
        let (found, _) = take(Some(&row), &secret, Take::Consume).unwrap();
        assert!(found.is_empty());
    }

    #[test]
    fn a_damaged_row_is_replaced_and_clear_all_clears() {
        let secret = DropSecret::generate().unwrap();
        let (found, row) = take(Some(&[1, 2, 3]), &secret, Take::Consume).unwrap();
        assert!(found.is_empty());
        assert_eq!(public_of(&row), Some(secret.public()));
        let mut row = row;
        put(&mut row, 1, &failed());
        let (_, cleared) = take(Some(&row), &secret, Take::ClearAll).unwrap();
        let (found, _) = take(Some(&cleared), &secret, Take::Consume).unwrap();
        assert!(found.is_empty());
        // A cell and an empty cell have the same shape.
        for index in 0..CELLS {
            assert_eq!(cleared[cell_range(index)][0], row[cell_range(1)][0]);
        }
    }
}

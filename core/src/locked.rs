//! What a locked vault accepts: quick entries and access events, sealed to
//! the drop box (see `crypto::dropbox`) as rows shaped like any record, and
//! folded into the real space at its next unlock.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::access::AccessKind;
use crate::crypto::dropbox::{self, DropSecret, PUBLIC_LEN};
use crate::crypto::seal::{Purpose, SealKey};
use crate::domain::quick::QuickEntry;
use crate::record::RecordId;
use crate::time;
use crate::{Result, VaultError};

/// The content of one dropped row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Dropped {
    #[serde(with = "time::millis")]
    pub(crate) at: SystemTime,
    /// Nanoseconds since the epoch when it was made: orders drops made
    /// within the same millisecond (`at` keeps the vault's resolution).
    #[serde(default)]
    pub(crate) nanos: u64,
    pub(crate) utc_offset_seconds: i32,
    pub(crate) what: DroppedWhat,
    /// On a `DuressUnlock`: the instant sealed with the cover space's key,
    /// which the real space knows and a forger does not (see
    /// [`failures_since_last_unlock`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) proof: Option<Vec<u8>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum DroppedWhat {
    Entry { entry: QuickEntry },
    Access { kind: AccessKind },
}

impl Dropped {
    /// A drop made now.
    pub(crate) fn now(utc_offset_seconds: i32, what: DroppedWhat) -> Self {
        let exact = SystemTime::now();
        let nanos = exact
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        Self {
            at: time::from_millis(time::to_millis(exact)),
            nanos,
            utc_offset_seconds,
            what,
            proof: None,
        }
    }

    /// A cover space's note to the real space that it was unlocked now,
    /// with its proof sealed under the cover's key.
    pub(crate) fn cover_unlocked(cover: &SealKey) -> Result<Self> {
        let mut d = Self::now(
            0,
            DroppedWhat::Access {
                kind: AccessKind::DuressUnlock,
            },
        );
        d.proof = Some(cover.seal_exact(Purpose::CoverUnlock, &d.instant_bytes(), &[])?);
        Ok(d)
    }

    /// Whether this is a cover's note that the cover itself sealed.
    fn proves_cover_unlock(&self, cover: Option<&SealKey>) -> bool {
        matches!(
            self.what,
            DroppedWhat::Access {
                kind: AccessKind::DuressUnlock
            }
        ) && match (cover, &self.proof) {
            (Some(key), Some(proof)) => key
                .open_exact(Purpose::CoverUnlock, &self.instant_bytes(), proof)
                .is_ok(),
            _ => false,
        }
    }

    fn instant_bytes(&self) -> [u8; 16] {
        let mut out = [0u8; 16];
        out[..8].copy_from_slice(&time::to_millis(self.at).to_le_bytes());
        out[8..].copy_from_slice(&self.nanos.to_le_bytes());
        out
    }

    /// Seals this to the drop box's public key under a fresh record id.
    pub(crate) fn seal(&self, recipient: &[u8; PUBLIC_LEN]) -> Result<(RecordId, Vec<u8>)> {
        let json = Zeroizing::new(serde_json::to_vec(self).map_err(|_| VaultError::Storage)?);
        let id = RecordId::random()?;
        let blob = dropbox::seal_to(recipient, &id.0, &json)?;
        Ok((id, blob))
    }

    /// Opens a dropped row; a row that is not one for this key is `Corrupt`.
    pub(crate) fn open(secret: &DropSecret, id: &[u8], blob: &[u8]) -> Result<Self> {
        let json = secret.open(id, blob)?;
        serde_json::from_slice(&json).map_err(|_| VaultError::Corrupt)
    }
}

/// The instant a drop made at `at` joins the log with, folded at
/// `fold_at`: as a stated instant is bounded (1900 to now plus the allowed
/// clock skew), and never after the fold. `None` outside those bounds.
pub(crate) fn bound_instant(at: SystemTime, fold_at: SystemTime) -> Option<SystemTime> {
    if at < time::earliest() || at > fold_at + time::MAX_FUTURE_SKEW {
        return None;
    }
    Some(at.min(fold_at))
}

/// Whether a drop may carry this access event: only what happens while
/// locked (a failed unlock, a duress unlock). An unlock is logged by the
/// space it opens and a locked entry by its own drop, never as a drop.
pub(crate) fn drop_may_carry(kind: AccessKind) -> bool {
    matches!(kind, AccessKind::FailedUnlock | AccessKind::DuressUnlock)
}

/// Failed unlocks among waiting drops since the last unlock of either
/// space: the real space's drops stay until its own unlock, and a cover's
/// unlock leaves a `DuressUnlock` drop (and resets the count in clear).
/// Anyone with the file can seal a drop, so only a cover's note that
/// carries its proof under the cover's key (`cover`, which the real space
/// knows) counts as an unlock; a forged one resets nothing.
pub(crate) fn failures_since_last_unlock(
    dropped: &[(RecordId, Dropped)],
    cover: Option<&SealKey>,
) -> u32 {
    let mut access: Vec<&Dropped> = dropped
        .iter()
        .map(|(_, d)| d)
        .filter(|d| matches!(d.what, DroppedWhat::Access { .. }))
        .collect();
    access.sort_by_key(|d| (d.at, d.nanos));
    let mut count: u32 = 0;
    for d in access {
        if d.proves_cover_unlock(cover) {
            count = 0;
        } else if matches!(
            d.what,
            DroppedWhat::Access {
                kind: AccessKind::FailedUnlock
            }
        ) {
            count = count.saturating_add(1);
        }
    }
    count
}

#[cfg(test)]
mod hostile;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::channel::Channel;

    #[test]
    fn round_trip() {
        let secret = DropSecret::generate().unwrap();
        let dropped = Dropped {
            at: time::from_millis(1_800_000_000_000),
            nanos: 1_800_000_000_000_000_123,
            utc_offset_seconds: -18_000,
            what: DroppedWhat::Entry {
                entry: QuickEntry::TheirAttempt {
                    person_id: crate::random_hex().unwrap(),
                    channel: Channel::Call,
                },
            },
            proof: None,
        };
        let (id, blob) = dropped.seal(&secret.public()).unwrap();
        assert_eq!(Dropped::open(&secret, &id.0, &blob).unwrap(), dropped);
        let other = DropSecret::generate().unwrap();
        assert!(Dropped::open(&other, &id.0, &blob).is_err());
    }
}

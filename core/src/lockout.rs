//! The lock policy: failed unlocks and the wait they impose, an optional
//! erase after too many, and the idle timeout.
//!
//! All of it has to work while the vault is locked, before any key is
//! known, so it is kept in a small row of its own, in clear, of one fixed
//! length: a copy of the file shows how many unlocks failed since the last
//! one that succeeded, and the two settings; nothing else (the access log
//! with the times is sealed; see `access`). The count is raised *before* a
//! passcode is tried, so killing the app mid-attempt does not dodge it.

use std::time::{Duration, SystemTime};

use crate::time;
use crate::{Result, VaultError};

/// Layout of the row: `format (1) | failures u32 | last attempt ms i64 |
/// erase after u32 (0: never) | idle timeout s u32 | zeros`, little-endian.
const FORMAT: u8 = 1;
pub(crate) const LOCK_ROW_LEN: usize = 32;

/// Failed attempts allowed before any wait (room for typos).
pub const FREE_ATTEMPTS: u32 = 4;
/// The first wait, doubled with each further failure.
const FIRST_WAIT_SECONDS: u64 = 30;
/// The longest wait.
pub const MAX_WAIT_SECONDS: u64 = 60 * 60;
/// The idle timeout of a new vault.
pub const DEFAULT_IDLE_TIMEOUT_SECONDS: u32 = 5 * 60;
/// Shortest and longest idle timeouts accepted (0 turns it off).
pub const IDLE_TIMEOUT_MIN_SECONDS: u32 = 15;
pub const IDLE_TIMEOUT_MAX_SECONDS: u32 = 24 * 60 * 60;
/// Bounds of the erase-after-failures setting.
pub const ERASE_AFTER_MIN: u32 = 5;
pub const ERASE_AFTER_MAX: u32 = 100;

/// How the vault protects itself; stored in clear (see the module notes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LockPolicy {
    /// Erase the vault after this many failed unlocks in a row. Off (`None`)
    /// by default: erasing destroys the evidence too, so turning it on
    /// needs `accept_evidence_loss`.
    pub erase_after_failures: Option<u32>,
    /// Lock after this many seconds without activity; 0 never locks.
    pub idle_timeout_seconds: u32,
}

impl Default for LockPolicy {
    fn default() -> Self {
        Self {
            erase_after_failures: None,
            idle_timeout_seconds: DEFAULT_IDLE_TIMEOUT_SECONDS,
        }
    }
}

impl LockPolicy {
    pub(crate) fn validate(&self, accept_evidence_loss: bool) -> Result<()> {
        if let Some(n) = self.erase_after_failures {
            if !(ERASE_AFTER_MIN..=ERASE_AFTER_MAX).contains(&n) {
                return Err(VaultError::invalid("erase_after_failures"));
            }
            if !accept_evidence_loss {
                return Err(VaultError::invalid("accept_evidence_loss"));
            }
        }
        let idle = self.idle_timeout_seconds;
        if idle != 0 && !(IDLE_TIMEOUT_MIN_SECONDS..=IDLE_TIMEOUT_MAX_SECONDS).contains(&idle) {
            return Err(VaultError::invalid("idle_timeout_seconds"));
        }
        Ok(())
    }
}

/// What the app may show on the lock screen.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LockState {
    /// Failed unlocks since the last one that succeeded.
    pub failed_attempts: u32,
    /// Seconds before the next attempt is taken (0: now).
    pub retry_after_seconds: u64,
    /// With an erase policy: attempts left before the vault is erased.
    pub attempts_before_erase: Option<u32>,
}

/// The stored row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct LockRow {
    pub(crate) failures: u32,
    pub(crate) last_attempt_ms: i64,
    pub(crate) policy: LockPolicy,
}

impl LockRow {
    pub(crate) fn to_bytes(self) -> Vec<u8> {
        let mut out = vec![0u8; LOCK_ROW_LEN];
        out[0] = FORMAT;
        out[1..5].copy_from_slice(&self.failures.to_le_bytes());
        out[5..13].copy_from_slice(&self.last_attempt_ms.to_le_bytes());
        let erase = self.policy.erase_after_failures.unwrap_or(0);
        out[13..17].copy_from_slice(&erase.to_le_bytes());
        out[17..21].copy_from_slice(&self.policy.idle_timeout_seconds.to_le_bytes());
        out
    }

    /// A row of another length or format is `Corrupt`; settings out of
    /// range are brought back into it (a tampered row cannot switch the
    /// wait off or ask for an erase after one failure).
    pub(crate) fn parse(bytes: &[u8]) -> Result<Self> {
        if bytes.len() != LOCK_ROW_LEN || bytes[0] != FORMAT {
            return Err(VaultError::Corrupt);
        }
        let u32_at = |at: usize| {
            let mut b = [0u8; 4];
            b.copy_from_slice(&bytes[at..at + 4]);
            u32::from_le_bytes(b)
        };
        let mut last = [0u8; 8];
        last.copy_from_slice(&bytes[5..13]);
        let erase = u32_at(13);
        let idle = u32_at(17);
        Ok(Self {
            failures: u32_at(1),
            last_attempt_ms: i64::from_le_bytes(last),
            policy: LockPolicy {
                erase_after_failures: (erase != 0)
                    .then(|| erase.clamp(ERASE_AFTER_MIN, ERASE_AFTER_MAX)),
                idle_timeout_seconds: if idle == 0 {
                    0
                } else {
                    idle.clamp(IDLE_TIMEOUT_MIN_SECONDS, IDLE_TIMEOUT_MAX_SECONDS)
                },
            },
        })
    }

    /// Seconds to wait at `now` before another attempt is taken. A clock
    /// set back does not lengthen the wait beyond one full step.
    pub(crate) fn wait_at(&self, now: SystemTime) -> u64 {
        let step = wait_after(self.failures);
        if step == 0 {
            return 0;
        }
        let elapsed_ms = time::to_millis(now)
            .saturating_sub(self.last_attempt_ms)
            .max(0);
        let elapsed = u64::try_from(elapsed_ms).unwrap_or(0) / 1000;
        step.saturating_sub(elapsed)
    }

    pub(crate) fn state(&self, now: SystemTime) -> LockState {
        LockState {
            failed_attempts: self.failures,
            retry_after_seconds: self.wait_at(now),
            attempts_before_erase: self
                .policy
                .erase_after_failures
                .map(|n| n.saturating_sub(self.failures)),
        }
    }

    /// Whether the failures so far call for an erase.
    pub(crate) fn must_erase(&self) -> bool {
        self.policy
            .erase_after_failures
            .is_some_and(|n| self.failures >= n)
    }

    pub(crate) fn idle_timeout(&self) -> Option<Duration> {
        let s = self.policy.idle_timeout_seconds;
        (s != 0).then(|| Duration::from_secs(u64::from(s)))
    }
}

/// The wait after `failures` failed attempts in a row: none for the first
/// few, then 30 s doubling up to an hour.
pub(crate) fn wait_after(failures: u32) -> u64 {
    if failures <= FREE_ATTEMPTS {
        return 0;
    }
    let doublings = (failures - FREE_ATTEMPTS - 1).min(16);
    (FIRST_WAIT_SECONDS << doublings).min(MAX_WAIT_SECONDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_from_the_fifth_failure_up_to_an_hour() {
        let waits: Vec<u64> = (0..14).map(wait_after).collect();
        assert_eq!(
            waits,
            [0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 960, 1920, 3600, 3600]
        );
        assert_eq!(wait_after(u32::MAX), MAX_WAIT_SECONDS);
    }

    #[test]
    fn row_round_trips_and_clamps_tampered_settings() {
        let row = LockRow {
            failures: 7,
            last_attempt_ms: 1_800_000_000_000,
            policy: LockPolicy {
                erase_after_failures: Some(10),
                idle_timeout_seconds: 60,
            },
        };
        assert_eq!(LockRow::parse(&row.to_bytes()).unwrap(), row);
        let mut bytes = row.to_bytes();
        bytes[13..17].copy_from_slice(&1u32.to_le_bytes());
        bytes[17..21].copy_from_slice(&1u32.to_le_bytes());
        let parsed = LockRow::parse(&bytes).unwrap();
        assert_eq!(parsed.policy.erase_after_failures, Some(ERASE_AFTER_MIN));
        assert_eq!(parsed.policy.idle_timeout_seconds, IDLE_TIMEOUT_MIN_SECONDS);
        assert!(LockRow::parse(&bytes[..31]).is_err());
        bytes[0] = 9;
        assert!(LockRow::parse(&bytes).is_err());
    }

    #[test]
    fn wait_counts_down_and_a_clock_set_back_does_not_lengthen_it() {
        let at = time::from_millis(1_800_000_000_000);
        let row = LockRow {
            failures: 6,
            last_attempt_ms: time::to_millis(at),
            policy: LockPolicy::default(),
        };
        assert_eq!(row.wait_at(at), 60);
        assert_eq!(row.wait_at(at + Duration::from_secs(45)), 15);
        assert_eq!(row.wait_at(at + Duration::from_secs(600)), 0);
        assert_eq!(row.wait_at(at - Duration::from_secs(86_400)), 60);
    }

    #[test]
    fn policy_bounds_and_the_evidence_warning() {
        let on = LockPolicy {
            erase_after_failures: Some(10),
            idle_timeout_seconds: 60,
        };
        assert_eq!(
            on.validate(false),
            Err(VaultError::invalid("accept_evidence_loss"))
        );
        assert!(on.validate(true).is_ok());
        for n in [0, 4, 101] {
            let p = LockPolicy {
                erase_after_failures: Some(n),
                ..on
            };
            assert!(p.validate(true).is_err(), "{n}");
        }
        for idle in [1, 14, 86_401] {
            let p = LockPolicy {
                idle_timeout_seconds: idle,
                ..LockPolicy::default()
            };
            assert!(p.validate(false).is_err(), "{idle}");
        }
        assert!(LockPolicy {
            idle_timeout_seconds: 0,
            ..LockPolicy::default()
        }
        .validate(false)
        .is_ok());
    }
}

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

use serde::{Deserialize, Serialize};

use crate::time;
use crate::{Result, VaultError};

/// Layout of the row: `format (1) | failures u32 | last attempt ms i64 |
/// erase after u32 (0: never) | idle timeout s u32 | last attempt on the
/// boot clock ms u64 (0: not known) | zeros`, little-endian.
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
/// The longest idle timeout accepted, in seconds (a day).
pub const IDLE_TIMEOUT_MAX_SECONDS: u32 = 24 * 60 * 60;
/// Bounds of the erase-after-failures setting.
pub const ERASE_AFTER_MIN: u32 = 5;
/// The most failed unlocks the erase-after-failures setting may allow.
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

/// A clock that counts from the device's boot, sleep included, and that
/// setting the date does not move: `SystemClock.elapsedRealtime()` on
/// Android, `clock_gettime_nsec_np(CLOCK_MONOTONIC)` on iOS. Given to
/// [`crate::Vault::set_boot_clock`], it times the wait after failed
/// unlocks, so that a clock set forward does not end it. Must not throw.
#[cfg_attr(feature = "uniffi", uniffi::export(with_foreign))]
pub trait BootClock: Send + Sync {
    /// Milliseconds since the device booted.
    fn millis_since_boot(&self) -> u64;
}

/// The copy of the lock policy kept in each space's sealed directory,
/// where nobody without the key can change it: at an unlock the stricter
/// of it and the row in clear applies (see [`LockPolicy::stricter`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SealedPolicy {
    /// 0: never.
    erase_after_failures: u32,
    /// 0: never.
    idle_timeout_seconds: u32,
}

impl From<LockPolicy> for SealedPolicy {
    fn from(p: LockPolicy) -> Self {
        Self {
            erase_after_failures: p.erase_after_failures.unwrap_or(0),
            idle_timeout_seconds: p.idle_timeout_seconds,
        }
    }
}

impl From<SealedPolicy> for LockPolicy {
    fn from(p: SealedPolicy) -> Self {
        Self {
            erase_after_failures: (p.erase_after_failures != 0).then_some(p.erase_after_failures),
            idle_timeout_seconds: p.idle_timeout_seconds,
        }
    }
}

impl LockPolicy {
    /// Each setting at its stricter value: an erase after fewer failures
    /// (any erase is stricter than none), a shorter idle timeout (any is
    /// stricter than none).
    pub(crate) fn stricter(self, other: LockPolicy) -> LockPolicy {
        let erase_after_failures = match (self.erase_after_failures, other.erase_after_failures) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let idle_timeout_seconds = match (self.idle_timeout_seconds, other.idle_timeout_seconds) {
            (0, b) => b,
            (a, 0) => a,
            (a, b) => a.min(b),
        };
        LockPolicy {
            erase_after_failures,
            idle_timeout_seconds,
        }
    }

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
    /// The last attempt on the app's boot clock, when it gave one (0: not
    /// known).
    pub(crate) last_attempt_boot_ms: u64,
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
        out[21..29].copy_from_slice(&self.last_attempt_boot_ms.to_le_bytes());
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
        let mut boot = [0u8; 8];
        boot.copy_from_slice(&bytes[21..29]);
        let erase = u32_at(13);
        let idle = u32_at(17);
        Ok(Self {
            failures: u32_at(1),
            last_attempt_ms: i64::from_le_bytes(last),
            last_attempt_boot_ms: u64::from_le_bytes(boot),
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

    /// Seconds to wait at `now` before another attempt is taken.
    ///
    /// With the boot clock (`boot_now`, and a last attempt stamped on it)
    /// the wall clock is not read at all: the time since the last attempt
    /// is the boot clock's difference, or, when the clock is behind the
    /// stamp (the device restarted since), the time since this boot, the
    /// least that can have passed. Setting the date changes nothing then.
    /// Without it, the wall clock: set forward it ends the wait; set back
    /// it does not lengthen the wait beyond one full step.
    pub(crate) fn wait_at(&self, now: SystemTime, boot_now: Option<u64>) -> u64 {
        let step = wait_after(self.failures);
        if step == 0 {
            return 0;
        }
        let elapsed_ms = match boot_now {
            Some(boot) if self.last_attempt_boot_ms != 0 => {
                if boot >= self.last_attempt_boot_ms {
                    boot - self.last_attempt_boot_ms
                } else {
                    boot
                }
            }
            _ => {
                let ms = time::to_millis(now)
                    .saturating_sub(self.last_attempt_ms)
                    .max(0);
                u64::try_from(ms).unwrap_or(0)
            }
        };
        step.saturating_sub(elapsed_ms / 1000)
    }

    pub(crate) fn state(&self, now: SystemTime, boot_now: Option<u64>) -> LockState {
        LockState {
            failed_attempts: self.failures,
            retry_after_seconds: self.wait_at(now, boot_now),
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
            last_attempt_boot_ms: 123_456_789,
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
            last_attempt_boot_ms: 0,
            policy: LockPolicy::default(),
        };
        assert_eq!(row.wait_at(at, None), 60);
        assert_eq!(row.wait_at(at + Duration::from_secs(45), None), 15);
        assert_eq!(row.wait_at(at + Duration::from_secs(600), None), 0);
        assert_eq!(row.wait_at(at - Duration::from_secs(86_400), None), 60);
        // A boot clock given now, but the attempt was not stamped on it.
        assert_eq!(row.wait_at(at + Duration::from_secs(45), Some(5_000)), 15);
    }

    #[test]
    fn on_the_boot_clock_a_changed_date_does_not_end_the_wait() {
        let at = time::from_millis(1_800_000_000_000);
        let boot = 3_600_000; // an hour after boot
        let row = LockRow {
            failures: 6,
            last_attempt_ms: time::to_millis(at),
            last_attempt_boot_ms: boot,
            policy: LockPolicy::default(),
        };
        let a_year_on = at + Duration::from_secs(365 * 86_400);
        assert_eq!(row.wait_at(a_year_on, Some(boot)), 60);
        assert_eq!(row.wait_at(a_year_on, Some(boot + 45_000)), 15);
        assert_eq!(row.wait_at(at, Some(boot + 60_000)), 0);
        // Restarted: the clock is behind the stamp; only the time since
        // this boot counts, whatever the date says.
        assert_eq!(row.wait_at(a_year_on, Some(20_000)), 40);
        assert_eq!(row.wait_at(a_year_on, Some(61_000)), 0);
    }

    #[test]
    fn the_stricter_policy_takes_each_setting_at_its_stricter_value() {
        let p = |erase: Option<u32>, idle: u32| LockPolicy {
            erase_after_failures: erase,
            idle_timeout_seconds: idle,
        };
        assert_eq!(p(None, 0).stricter(p(Some(10), 300)), p(Some(10), 300));
        assert_eq!(p(Some(10), 300).stricter(p(None, 0)), p(Some(10), 300));
        assert_eq!(p(Some(20), 60).stricter(p(Some(10), 300)), p(Some(10), 60));
        assert_eq!(p(None, 0).stricter(p(None, 0)), p(None, 0));
        let sealed = SealedPolicy::from(p(Some(12), 90));
        assert_eq!(LockPolicy::from(sealed), p(Some(12), 90));
        assert_eq!(LockPolicy::from(SealedPolicy::from(p(None, 0))), p(None, 0));
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

//! The access log: unlocks, failed unlocks, duress unlocks and entries
//! logged while locked, shown to the person at their next real unlock.
//!
//! Events that happen while the vault is locked (a failed unlock, a duress
//! unlock, a locked entry) cannot be sealed under the data key; they are
//! sealed to the drop box (see `dropbox`) and join this log at the next
//! real unlock. A copy of the file shows neither the events nor their
//! number apart from the usual record count. The log itself is one sealed
//! record per space, rewritten in place and bounded.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::time;

/// Events kept; older ones are dropped first.
pub const ACCESS_LOG_MAX: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum AccessKind {
    /// The vault was opened with a real secret.
    Unlock,
    /// A passcode, device key or recovery code that opens nothing.
    FailedUnlock,
    /// The duress passcode opened the cover space.
    DuressUnlock,
    /// An entry was logged while the vault was locked.
    LockedEntry,
}

/// One event, as the app shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AccessEvent {
    pub at: SystemTime,
    pub kind: AccessKind,
    /// Not yet acknowledged with `acknowledge_access_log`.
    pub new: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct StoredAccess {
    #[serde(with = "time::millis")]
    pub(crate) at: SystemTime,
    pub(crate) kind: AccessKind,
    pub(crate) seen: bool,
}

/// The stored log of one space, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct AccessLog {
    pub(crate) events: Vec<StoredAccess>,
}

impl AccessLog {
    /// Adds events, keeps the log sorted by time (events in the same
    /// millisecond stay in the order given) and bounded.
    pub(crate) fn add(&mut self, events: impl IntoIterator<Item = (SystemTime, AccessKind)>) {
        self.events
            .extend(events.into_iter().map(|(at, kind)| StoredAccess {
                at,
                kind,
                seen: false,
            }));
        self.events.sort_by_key(|e| e.at);
        let excess = self.events.len().saturating_sub(ACCESS_LOG_MAX);
        self.events.drain(..excess);
    }

    pub(crate) fn acknowledge(&mut self) {
        self.events.iter_mut().for_each(|e| e.seen = true);
    }

    /// Newest first.
    pub(crate) fn view(&self) -> Vec<AccessEvent> {
        self.events
            .iter()
            .rev()
            .map(|e| AccessEvent {
                at: e.at,
                kind: e.kind,
                new: !e.seen,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn sorted_bounded_and_acknowledged() {
        let t0 = time::from_millis(1_800_000_000_000);
        let mut log = AccessLog::default();
        log.add([(t0 + Duration::from_secs(5), AccessKind::Unlock)]);
        log.add([(t0, AccessKind::FailedUnlock)]);
        let view = log.view();
        assert_eq!(view[0].kind, AccessKind::Unlock);
        assert_eq!(view[1].kind, AccessKind::FailedUnlock);
        assert!(view.iter().all(|e| e.new));
        log.acknowledge();
        assert!(log.view().iter().all(|e| !e.new));
        log.add(
            (0..ACCESS_LOG_MAX as u64)
                .map(|i| (t0 + Duration::from_secs(10 + i), AccessKind::LockedEntry)),
        );
        assert_eq!(log.events.len(), ACCESS_LOG_MAX);
        assert!(log.events.iter().all(|e| e.kind == AccessKind::LockedEntry));
    }
}

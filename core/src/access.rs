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

/// What happened, in an access-log event.
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
    /// When it happened.
    pub at: SystemTime,
    /// What happened.
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
    /// millisecond stay in the order given) and bounded. Over the bound,
    /// what goes first is what matters least: events already seen, then
    /// unseen unlocks and locked entries, then unseen failed unlocks, and
    /// unseen duress unlocks last; oldest first within each. So a flood of
    /// drops (which anyone with the file can plant) cannot push out a
    /// failed or duress unlock the person has not seen yet.
    pub(crate) fn add(&mut self, events: impl IntoIterator<Item = (SystemTime, AccessKind)>) {
        self.events
            .extend(events.into_iter().map(|(at, kind)| StoredAccess {
                at,
                kind,
                seen: false,
            }));
        self.events.sort_by_key(|e| e.at);
        let excess = self.events.len().saturating_sub(ACCESS_LOG_MAX);
        if excess == 0 {
            return;
        }
        let mut order: Vec<usize> = (0..self.events.len()).collect();
        order.sort_by_key(|&i| (keep_rank(&self.events[i]), i));
        let mut gone = vec![false; self.events.len()];
        for &i in &order[..excess] {
            gone[i] = true;
        }
        let mut flags = gone.into_iter();
        self.events.retain(|_| !flags.next().unwrap_or(false));
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

/// How much an event matters when the log is full: lower goes first.
fn keep_rank(event: &StoredAccess) -> u8 {
    match (event.seen, event.kind) {
        (true, _) => 0,
        (false, AccessKind::Unlock | AccessKind::LockedEntry) => 1,
        (false, AccessKind::FailedUnlock) => 2,
        (false, AccessKind::DuressUnlock) => 3,
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

    #[test]
    fn a_full_log_keeps_unseen_failed_and_duress_unlocks() {
        let t0 = time::from_millis(1_800_000_000_000);
        let mut log = AccessLog::default();
        log.add([(t0, AccessKind::Unlock)]);
        log.acknowledge();
        log.add([
            (t0 + Duration::from_secs(1), AccessKind::DuressUnlock),
            (t0 + Duration::from_secs(2), AccessKind::FailedUnlock),
            (t0 + Duration::from_secs(3), AccessKind::LockedEntry),
        ]);
        let flood = |from: u64| {
            (0..ACCESS_LOG_MAX as u64)
                .map(move |i| (t0 + Duration::from_secs(from + i), AccessKind::LockedEntry))
        };
        log.add(flood(10));
        assert_eq!(log.events.len(), ACCESS_LOG_MAX);
        let kinds: Vec<_> = log.events.iter().map(|e| e.kind).collect();
        // The seen unlock and the oldest unseen locked entries went first.
        assert_eq!(
            &kinds[..2],
            &[AccessKind::DuressUnlock, AccessKind::FailedUnlock]
        );
        assert!(!kinds.contains(&AccessKind::Unlock));
        // Failed unlocks go before duress unlocks when nothing else is left.
        let failed = (0..ACCESS_LOG_MAX as u64)
            .map(|i| (t0 + Duration::from_secs(1000 + i), AccessKind::FailedUnlock));
        log.add(failed);
        assert_eq!(log.events.len(), ACCESS_LOG_MAX);
        assert_eq!(log.events[0].kind, AccessKind::DuressUnlock);
        assert!(log.events[1..]
            .iter()
            .all(|e| e.kind == AccessKind::FailedUnlock));
        // Still sorted by time.
        assert!(log.events.windows(2).all(|w| w[0].at <= w[1].at));
    }
}

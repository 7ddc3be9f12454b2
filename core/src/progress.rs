//! Progress reports and cancellation for long operations (exports,
//! backups, restores), through a listener the apps implement.

use std::sync::Arc;

use crate::{Result, VaultError};

/// Told how far a long operation has got. Implemented by the apps (a
/// uniffi foreign trait): a Kotlin or Swift object passed to the call.
#[cfg_attr(feature = "uniffi", uniffi::export(with_foreign))]
pub trait ProgressListener: Send + Sync {
    /// `done` of `total` steps are finished. Return `false` to cancel: the
    /// operation stops with `VaultError::Cancelled` and changes nothing.
    /// Called on the thread that runs the operation; it must not throw.
    fn on_progress(&self, done: u64, total: u64) -> bool;
}

/// Counts steps and tells the listener, about a hundred times over the
/// whole operation (and always at the start and the end).
pub(crate) struct Progress {
    listener: Option<Arc<dyn ProgressListener>>,
    total: u64,
    done: u64,
    next_report: u64,
}

impl Progress {
    pub(crate) fn new(listener: Option<Arc<dyn ProgressListener>>, total: u64) -> Self {
        Progress {
            listener,
            total,
            done: 0,
            next_report: 0,
        }
    }

    /// A progress that reports to nobody and never cancels.
    pub(crate) fn silent() -> Self {
        Self::new(None, 0)
    }

    /// Changes the total once it is known.
    pub(crate) fn set_total(&mut self, total: u64) {
        self.total = total;
        self.next_report = self.done;
    }

    /// Marks `n` more steps done; fails with `Cancelled` when the listener
    /// asks to stop.
    pub(crate) fn advance(&mut self, n: u64) -> Result<()> {
        self.done = self.done.saturating_add(n).min(self.total.max(self.done));
        if self.done >= self.next_report || self.done == self.total {
            self.next_report = self.done + (self.total / 100).max(1);
            return self.report();
        }
        Ok(())
    }

    /// Tells the listener where things stand now.
    pub(crate) fn report(&self) -> Result<()> {
        match &self.listener {
            Some(listener) if !listener.on_progress(self.done, self.total) => {
                Err(VaultError::Cancelled)
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    struct Recorder {
        seen: Mutex<Vec<(u64, u64)>>,
        stop_after: u64,
    }

    impl ProgressListener for Recorder {
        fn on_progress(&self, done: u64, total: u64) -> bool {
            self.seen.lock().unwrap().push((done, total));
            done < self.stop_after
        }
    }

    #[test]
    fn reports_about_a_hundred_times_and_ends_at_the_total() {
        let rec = Arc::new(Recorder {
            seen: Mutex::new(Vec::new()),
            stop_after: u64::MAX,
        });
        let mut p = Progress::new(Some(rec.clone()), 10_000);
        p.report().unwrap();
        for _ in 0..10_000 {
            p.advance(1).unwrap();
        }
        let seen = rec.seen.lock().unwrap();
        assert!((90..=110).contains(&seen.len()), "{}", seen.len());
        assert_eq!(seen.first(), Some(&(0, 10_000)));
        assert_eq!(seen.last(), Some(&(10_000, 10_000)));
        assert!(seen.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn a_listener_can_cancel() {
        let rec = Arc::new(Recorder {
            seen: Mutex::new(Vec::new()),
            stop_after: 500,
        });
        let mut p = Progress::new(Some(rec), 1_000);
        let stopped = (0..1_000).map(|_| p.advance(1)).find(|r| r.is_err());
        assert_eq!(stopped, Some(Err(VaultError::Cancelled)));
        assert!(Progress::silent().advance(5).is_ok());
    }
}

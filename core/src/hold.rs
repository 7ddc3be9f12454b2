//! One writer at a time. While a space is unlocked, its `Vault` object
//! holds an exclusive OS lock (`flock` on Unix, `LockFileEx` on Windows,
//! through `File::try_lock`) on a small empty file beside the database; a
//! second object, in this process or another, that tries to unlock the
//! same file gets `OpenElsewhere` before anything is counted, derived or
//! written.
//!
//! Why a file of its own: SQLite takes POSIX `fcntl` locks on the database
//! and its `-shm`, and on POSIX closing *any* descriptor of a file drops
//! every `fcntl` lock the process holds on it, SQLite's included. An
//! `flock` on a file SQLite never opens cannot interfere with SQLite.
//! `flock` locks belong to an open file description, so two objects in one
//! process conflict just as two processes do; the kernel releases them when
//! the process dies, so a crashed or killed holder leaves nothing behind.
//!
//! The file is never removed while the vault exists (removing a lock file
//! lets a process that opened it before the removal lock a file nobody
//! else sees); `erase` removes it with the rest.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::{Result, VaultError};

/// What is appended to the database's name. Says nothing about the app.
pub(crate) const SUFFIX: &str = "-lck";

/// The exclusive hold on a vault file; released when dropped.
#[derive(Debug)]
pub(crate) struct Hold {
    _file: File,
}

/// The hold file of the database at `db`.
pub(crate) fn path_for(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(SUFFIX);
    PathBuf::from(name)
}

impl Hold {
    /// Takes the hold on the database at `db`, or fails with
    /// `OpenElsewhere` when another object holds it. Never waits.
    pub(crate) fn take(db: &Path) -> Result<Hold> {
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(path_for(db)).map_err(|e| match e.kind() {
            std::io::ErrorKind::StorageFull => VaultError::StorageFull,
            _ => VaultError::Storage,
        })?;
        match file.try_lock() {
            Ok(()) => Ok(Hold { _file: file }),
            Err(TryLockError::WouldBlock) => Err(VaultError::OpenElsewhere),
            Err(TryLockError::Error(_)) => Err(VaultError::Storage),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_hold_in_the_same_process_is_refused_until_the_first_goes() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("v");
        let first = Hold::take(&db).unwrap();
        assert_eq!(Hold::take(&db).unwrap_err(), VaultError::OpenElsewhere);
        drop(first);
        let again = Hold::take(&db).unwrap();
        drop(again);
        assert!(path_for(&db).exists(), "the hold file is kept");
    }

    #[test]
    fn the_hold_file_name_is_neutral() {
        let name = path_for(Path::new("/x/store.db"));
        assert_eq!(name, Path::new("/x/store.db-lck"));
    }

    #[test]
    fn a_folder_that_cannot_hold_files_is_a_storage_error() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("missing").join("v");
        assert_eq!(Hold::take(&db).unwrap_err(), VaultError::Storage);
    }
}

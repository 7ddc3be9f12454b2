//! Where the vault lives by default: the platform's per-user data folder,
//! under names that say nothing about what the file is for (someone
//! browsing the folder sees a "notebook" folder with a "store.db" in it).
//! A vault made by an earlier version under the old names is still found
//! there while no file exists under the new ones.

use std::path::{Path, PathBuf};

use crate::args::Options;

const FILE: &str = "store.db";
const FOLDER: &str = "notebook";
/// The names earlier versions used, looked at only when the new ones hold
/// nothing.
const OLD_FILE: &str = "vault.db";
const OLD_FOLDER: &str = "nocontact";

pub(crate) fn vault_path(options: &Options) -> Result<PathBuf, String> {
    if let Some(path) = &options.vault {
        return Ok(path.clone());
    }
    let dir =
        data_dir().ok_or_else(|| "no data folder is known here; pass --vault PATH".to_owned())?;
    Ok(pick(
        dir.join(FOLDER).join(FILE),
        dir.join(OLD_FOLDER).join(OLD_FILE),
    ))
}

/// Creates `dir` and any missing folders above it, each readable by its
/// owner only (0700 on Unix); folders that exist are left as they are.
pub(crate) fn create_private_dir_all(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// The new default, unless only a vault under the old names exists.
fn pick(new: PathBuf, old: PathBuf) -> PathBuf {
    if !new.exists() && old.is_file() {
        old
    } else {
        new
    }
}

fn env_dir(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

#[cfg(target_os = "macos")]
fn data_dir() -> Option<PathBuf> {
    env_dir("HOME").map(|h| h.join("Library/Application Support"))
}

#[cfg(windows)]
fn data_dir() -> Option<PathBuf> {
    env_dir("APPDATA")
}

#[cfg(not(any(target_os = "macos", windows)))]
fn data_dir() -> Option<PathBuf> {
    env_dir("XDG_DATA_HOME").or_else(|| env_dir("HOME").map(|h| h.join(".local/share")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discreet_default_and_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join(FOLDER).join(FILE);
        let old = dir.path().join(OLD_FOLDER).join(OLD_FILE);
        assert!(!FOLDER.contains("contact") && !FILE.contains("vault"));
        assert_eq!(pick(new.clone(), old.clone()), new);
        std::fs::create_dir_all(old.parent().unwrap()).unwrap();
        std::fs::write(&old, b"x").unwrap();
        assert_eq!(pick(new.clone(), old.clone()), old);
        std::fs::create_dir_all(new.parent().unwrap()).unwrap();
        std::fs::write(&new, b"x").unwrap();
        assert_eq!(pick(new.clone(), old), new);
        let options = Options {
            vault: Some(PathBuf::from("/x/y.db")),
            ..Options::default()
        };
        assert_eq!(vault_path(&options).unwrap(), PathBuf::from("/x/y.db"));
    }
}

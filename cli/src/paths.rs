//! Where the vault lives by default: the platform's per-user data folder.

use std::path::PathBuf;

use crate::args::Options;

const FILE: &str = "vault.db";
const FOLDER: &str = "nocontact";

pub(crate) fn vault_path(options: &Options) -> Result<PathBuf, String> {
    if let Some(path) = &options.vault {
        return Ok(path.clone());
    }
    data_dir()
        .map(|d| d.join(FOLDER).join(FILE))
        .ok_or_else(|| "no data folder is known here; pass --vault PATH".to_owned())
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

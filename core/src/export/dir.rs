//! Writing an export folder: `evidence.json`, `report.html` and
//! `manifest.sha256`, all or nothing.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use super::html::render_report;
use super::schema::Evidence;
use crate::chain;
use crate::{Result, VaultError};

/// The evidence document in an export folder.
pub const EVIDENCE_FILE: &str = "evidence.json";
/// The HTML report in an export folder.
pub const REPORT_FILE: &str = "report.html";
/// The SHA-256 of the other two files, in `sha256sum` form.
pub const MANIFEST_FILE: &str = "manifest.sha256";

/// The manifest for `files`: one `<64 hex>  <name>` line each (the form
/// `sha256sum` writes and `sha256sum -c` reads), sorted by name.
pub fn manifest_text(files: &[(&str, &[u8])]) -> String {
    let mut sorted: Vec<&(&str, &[u8])> = files.iter().collect();
    sorted.sort_by_key(|(name, _)| *name);
    sorted
        .into_iter()
        .map(|(name, bytes)| format!("{}  {name}\n", chain::to_hex(&chain::sha256(bytes))))
        .collect()
}

/// Writes the export of `evidence` as a new folder at `path`.
///
/// The files are written into a hidden folder next to `path`, synced, and
/// the folder is then renamed to `path`, so a reader never sees half an
/// export. `AlreadyExists` if something is at `path`; `NotFound` if the
/// folder that should hold it does not exist; `Storage` on any other
/// failure (nothing is left behind).
pub fn write_evidence_dir(evidence: &Evidence, path: &Path) -> Result<()> {
    let json = evidence.to_json()?;
    let html = render_report(evidence);
    let manifest = manifest_text(&[(EVIDENCE_FILE, &json), (REPORT_FILE, html.as_bytes())]);
    if fs::symlink_metadata(path).is_ok() {
        return Err(VaultError::AlreadyExists);
    }
    if path.file_name().is_none() {
        return Err(VaultError::invalid("path"));
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let temp = parent.join(format!(".nocontact-export-{}.tmp", crate::random_hex()?));
    make_private_dir(&temp).map_err(io_error)?;
    let written = (|| -> io::Result<()> {
        write_file(&temp.join(EVIDENCE_FILE), &json)?;
        write_file(&temp.join(REPORT_FILE), html.as_bytes())?;
        write_file(&temp.join(MANIFEST_FILE), manifest.as_bytes())?;
        sync_dir(&temp);
        Ok(())
    })()
    .map_err(io_error)
    .and_then(|()| {
        // Checked again just before the rename: a folder created meanwhile
        // is not replaced (an empty one could be, on some systems; no
        // content is ever lost that way).
        if fs::symlink_metadata(path).is_ok() {
            return Err(VaultError::AlreadyExists);
        }
        fs::rename(&temp, path).map_err(io_error)
    });
    match written {
        Ok(()) => {
            sync_dir(parent);
            Ok(())
        }
        Err(err) => {
            let _ = fs::remove_dir_all(&temp);
            Err(err)
        }
    }
}

fn io_error(err: io::Error) -> VaultError {
    match err.kind() {
        io::ErrorKind::NotFound => VaultError::NotFound,
        io::ErrorKind::AlreadyExists => VaultError::AlreadyExists,
        _ => VaultError::Storage,
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

fn make_private_dir(path: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path)
}

/// Syncs a folder's entries where the platform allows it (best effort).
fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(path) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

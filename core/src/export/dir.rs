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
/// export. The hidden folder's name says nothing about the app (a dot and
/// 40 hex digits); one left behind by a crash is removed by the next
/// export into the same folder. `AlreadyExists` if something is at `path`;
/// `NotFound` if the folder that should hold it does not exist; `Storage`
/// on any other failure (nothing is left behind).
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
    remove_leftovers(parent);
    let temp = parent.join(temp_name()?);
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

/// Random hex digits in a temporary folder's name.
const TEMP_RANDOM_HEX: usize = 32;
/// Hex digits of the tag that marks a name as one of ours.
const TEMP_TAG_HEX: usize = 8;
/// Folder entries looked at for leftovers, at most.
const LEFTOVER_SCAN_MAX: usize = 10_000;

/// A temporary folder's name: a dot, 32 random hex digits, then 8 hex
/// digits of SHA-256 over them, so that a leftover can be told from
/// anyone else's hidden folder without the name saying what made it.
fn temp_name() -> Result<String> {
    let random = crate::random_hex()?;
    let tag = temp_tag(&random);
    Ok(format!(".{random}{tag}"))
}

fn temp_tag(random: &str) -> String {
    let mut input = b"temp/v1:".to_vec();
    input.extend_from_slice(random.as_bytes());
    chain::to_hex(&chain::sha256(&input))[..TEMP_TAG_HEX].to_owned()
}

fn is_temp_name(name: &str) -> bool {
    let Some(hex) = name.strip_prefix('.') else {
        return false;
    };
    if hex.len() != TEMP_RANDOM_HEX + TEMP_TAG_HEX
        || !hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return false;
    }
    let (random, tag) = hex.split_at(TEMP_RANDOM_HEX);
    temp_tag(random) == tag
}

/// Removes temporary folders an interrupted export left in `parent`: only
/// a real folder (not a link) with our kind of name holding nothing but
/// regular files with an export's names. Best effort: what cannot be
/// removed stays.
fn remove_leftovers(parent: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.take(LEFTOVER_SCAN_MAX).flatten() {
        let name = entry.file_name();
        if !name.to_str().is_some_and(is_temp_name) {
            continue;
        }
        let path = entry.path();
        if fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) && holds_only_export_files(&path) {
            for file in [EVIDENCE_FILE, REPORT_FILE, MANIFEST_FILE] {
                let _ = fs::remove_file(path.join(file));
            }
            let _ = fs::remove_dir(&path);
        }
    }
}

fn holds_only_export_files(dir: &Path) -> bool {
    let Ok(entries) = fs::read_dir(dir) else {
        return false;
    };
    for entry in entries.take(4) {
        let Ok(entry) = entry else {
            return false;
        };
        let known = [EVIDENCE_FILE, REPORT_FILE, MANIFEST_FILE]
            .iter()
            .any(|k| entry.file_name() == *k);
        if !known || !entry.file_type().is_ok_and(|t| t.is_file()) {
            return false;
        }
    }
    true
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_neutral_and_recognized() {
        let name = temp_name().unwrap();
        assert_eq!(name.len(), 1 + TEMP_RANDOM_HEX + TEMP_TAG_HEX);
        assert!(name[1..].bytes().all(|b| b.is_ascii_hexdigit()), "{name}");
        assert!(is_temp_name(&name));
        assert_ne!(name, temp_name().unwrap());
        let mut other = name.clone();
        other.replace_range(1..2, if &name[1..2] == "0" { "1" } else { "0" });
        assert!(!is_temp_name(&other), "a hidden folder that is not ours");
        assert!(!is_temp_name(&name[1..]));
        assert!(!is_temp_name(".git"));
        assert!(!is_temp_name(&name.to_uppercase()));
    }

    #[test]
    fn a_crashed_exports_folder_is_removed_by_the_next_export() {
        let dir = tempfile::tempdir().unwrap();
        // What a crash leaves: our temporary folder, half written.
        let left = dir.path().join(temp_name().unwrap());
        make_private_dir(&left).unwrap();
        write_file(&left.join(EVIDENCE_FILE), b"{\"half\":").unwrap();
        // Someone else's hidden folders, one with a name of the same shape.
        let mut lookalike = temp_name().unwrap();
        lookalike.replace_range(1..2, if &lookalike[1..2] == "0" { "1" } else { "0" });
        let theirs = dir.path().join(lookalike);
        fs::create_dir(&theirs).unwrap();
        fs::write(theirs.join(EVIDENCE_FILE), b"theirs").unwrap();
        let ours_with_more = dir.path().join(temp_name().unwrap());
        fs::create_dir(&ours_with_more).unwrap();
        fs::write(ours_with_more.join("notes.txt"), b"not an export file").unwrap();

        let ev = super::super::tests::evidence();
        write_evidence_dir(&ev, &dir.path().join("export")).unwrap();
        assert!(!left.exists(), "the leftover is gone");
        assert!(theirs.join(EVIDENCE_FILE).exists());
        assert!(ours_with_more.join("notes.txt").exists());
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names.len(), 3, "{names:?}");
        assert!(names.contains(&"export".to_owned()));
        for name in &names {
            let lower = name.to_lowercase();
            for word in ["nocontact", "export-", "evidence", "tmp"] {
                assert!(!lower.contains(word), "{name}");
            }
        }
    }
}

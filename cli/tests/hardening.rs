//! What the CLI leaves on disk, and the backup passphrase floor.

mod common;

use std::path::Path;

use common::*;

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn init_makes_the_vault_file_and_its_folders_private() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("a").join("b").join("store.db");
    let out = run(&vault, &["init"], PASS);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(mode(&vault), 0o600, "the vault file");
    assert_eq!(mode(&dir.path().join("a")), 0o700, "the folder above");
    assert_eq!(mode(&dir.path().join("a").join("b")), 0o700, "its folder");
    assert_eq!(
        mode(dir.path()),
        mode(dir.path()),
        "an existing folder is left alone"
    );
    let out = run(&vault, &["log", "checkin", "--mood", "4"], PASS);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for suffix in ["-wal", "-shm"] {
        let companion = vault.with_file_name(format!("store.db{suffix}"));
        if companion.exists() {
            assert_eq!(mode(&companion), 0o600, "{suffix}");
        }
    }
}

#[test]
fn a_weak_backup_passphrase_is_refused_and_generate_makes_one() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("v.db");
    assert!(run(&vault, &["init"], PASS).status.success());
    let file = dir.path().join("b.bin");
    let file_arg = file.to_string_lossy().into_owned();
    let weak = "12345678901234567\n";
    let out = run(
        &vault,
        &["backup", &file_arg],
        &format!("{PASS}{weak}{weak}"),
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(
        text(&out.stderr).contains("the passphrase is too weak"),
        "{}",
        text(&out.stderr)
    );
    assert!(!file.exists());
    let out = run(&vault, &["backup", &file_arg, "--generate"], PASS);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let phrase = stdout
        .lines()
        .skip_while(|l| !l.contains("shown once"))
        .map(str::trim)
        .find(|l| l.split('-').count() == 8)
        .unwrap_or_else(|| panic!("no passphrase in {stdout}"))
        .to_owned();
    // The phrase printed opens the backup.
    let restored = dir.path().join("r.db");
    let out = run(
        &restored,
        &["restore", &file_arg, "--new"],
        &format!("{phrase}\n{PASS}{PASS}"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
}

//! `backup` and `restore`: the whole vault in one encrypted file, and back.

use std::path::PathBuf;

use nocontact_core::{
    generate_backup_passphrase, restore_vault, BackupSummary, Vault, VaultError, VaultSetup,
    BACKUP_PASSPHRASE_MIN_CHARS,
};

use crate::args::{Flags, Kind, Options, Parse};
use crate::input::Prompter;
use crate::{describe, paths, render};

pub(crate) const USAGE: &str = "\
usage:
  nocontact backup FILE [--generate]         write everything to a new encrypted backup file
  nocontact restore FILE [--replace-newer]   replace this vault's content with a backup's
  nocontact restore FILE --new               make a new vault (at --vault) from a backup

The backup passphrase is asked for (twice when it is new). A new one must have at least
16 characters and not be a repeat or a run; --generate makes one of eight words instead
and prints it once: write it down, it is not kept anywhere.
A restore reads and checks the whole backup before anything changes. It refuses to drop
log entries the vault has and the backup lacks unless --replace-newer is given.";

#[derive(Debug)]
pub(crate) enum BackupCmd {
    Backup { file: PathBuf, generate: bool },
    Restore { file: PathBuf, replace_newer: bool },
    RestoreNew { file: PathBuf },
}

pub(crate) fn parse_backup(args: &[String], options: &mut Options) -> Parse<BackupCmd> {
    let f = Flags::parse(args, &[("--generate", Kind::Switch)], USAGE, options)?;
    Ok(BackupCmd::Backup {
        file: PathBuf::from(f.one_word("the backup file")?),
        generate: f.switch("--generate"),
    })
}

pub(crate) fn parse_restore(args: &[String], options: &mut Options) -> Parse<BackupCmd> {
    let f = Flags::parse(
        args,
        &[("--replace-newer", Kind::Switch), ("--new", Kind::Switch)],
        USAGE,
        options,
    )?;
    let file = PathBuf::from(f.one_word("the backup file")?);
    match (f.switch("--new"), f.switch("--replace-newer")) {
        (true, true) => Err(f.error("--replace-newer has no meaning with --new")),
        (true, false) => Ok(BackupCmd::RestoreNew { file }),
        (false, replace_newer) => Ok(BackupCmd::Restore {
            file,
            replace_newer,
        }),
    }
}

/// `restore FILE --new`: needs no vault yet.
pub(crate) fn restore_new(
    options: &Options,
    prompter: &mut Prompter,
    file: PathBuf,
) -> Result<(), String> {
    let path = paths::vault_path(options)?;
    if path.exists() {
        return Err(describe(VaultError::AlreadyExists));
    }
    let phrase = prompter.passcode("Backup passphrase: ")?;
    let passcode = prompter.new_passcode()?;
    let created = restore_vault(
        file.to_string_lossy().into_owned(),
        phrase,
        path.to_string_lossy().into_owned(),
        VaultSetup {
            passcode,
            device_key: None,
            passcode_needs_device_key: false,
            kdf_iterations: None,
        },
        None,
    )
    .map_err(restore_error)?;
    let report = created.vault.chain_report().map_err(describe)?;
    println!(
        "restored into a new vault: {}",
        render::count(report.records as usize, "log record", "log records")
    );
    println!("head {}", report.head);
    println!();
    println!("Recovery code of the new vault (shown once; write it down):");
    println!();
    println!("    {}", created.recovery_code);
    Ok(())
}

pub(crate) fn run(vault: &Vault, prompter: &mut Prompter, cmd: BackupCmd) -> Result<(), String> {
    match cmd {
        BackupCmd::Backup { file, generate } => {
            let phrase = if generate {
                generate_backup_passphrase().map_err(describe)?
            } else {
                prompter.new_secret("Backup passphrase: ", "the two passphrases differ")?
            };
            let shown = generate.then(|| zeroize::Zeroizing::new(phrase.clone()));
            let summary = vault
                .export_backup(file.to_string_lossy().into_owned(), phrase, None)
                .map_err(|e| match e {
                    VaultError::AlreadyExists => {
                        "the backup file exists already; choose a new name".to_owned()
                    }
                    VaultError::InvalidInput { field } if field == "passphrase" => format!(
                        "the passphrase is too weak: use at least \
                         {BACKUP_PASSPHRASE_MIN_CHARS} characters, not a repeat or a run \
                         (or --generate)"
                    ),
                    other => describe(other),
                })?;
            print!("backup written: {}", summary_text(&summary));
            if let Some(shown) = shown {
                println!();
                println!("Backup passphrase (shown once; write it down):");
                println!();
                println!("    {}", shown.as_str());
            }
            Ok(())
        }
        BackupCmd::Restore {
            file,
            replace_newer,
        } => {
            let phrase = prompter.passcode("Backup passphrase: ")?;
            let summary = vault
                .restore_backup(
                    file.to_string_lossy().into_owned(),
                    phrase,
                    replace_newer,
                    None,
                )
                .map_err(restore_error)?;
            print!("restored: {}", summary_text(&summary));
            Ok(())
        }
        BackupCmd::RestoreNew { .. } => Ok(()),
    }
}

fn restore_error(err: VaultError) -> String {
    match err {
        VaultError::WrongSecret => "wrong backup passphrase".to_owned(),
        VaultError::Corrupt => "the backup is damaged or not a backup".to_owned(),
        VaultError::NotFound => "no backup file there".to_owned(),
        VaultError::WouldLoseEntries => {
            "this vault has log entries the backup lacks; add --replace-newer to drop them"
                .to_owned()
        }
        other => describe(other),
    }
}

fn summary_text(s: &BackupSummary) -> String {
    format!(
        "{}, {} in the log\nhead {}\n",
        render::count(s.records as usize, "record", "records"),
        s.chain_records,
        s.head
    )
}

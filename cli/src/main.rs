//! `nocontact`: the terminal front end over nocontact-core.
//!
//! Every command prints one clear line on error and exits non-zero. A
//! passcode is read from the terminal without echo, or from standard input
//! with `--passcode-stdin`; never from an argument, where it would land in
//! the shell's history and the process list.

mod args;
mod demo;
mod input;
mod paths;
mod render;

use std::process::ExitCode;

use nocontact_core::{NewNote, Secret, Vault, VaultError, VaultSetup};

use args::{Command, Options};
use input::Prompter;

const USAGE: &str = "\
usage: nocontact [--vault PATH] [--passcode-stdin] COMMAND

commands:
  init             create a vault (asks for a passcode twice, prints the recovery code once)
  note TEXT        add a note
  notes            list notes, newest first
  passcode         change the passcode
  recover          set a new passcode with the recovery code
  demo             walk through what the core does, in a throwaway vault
  help             show this text

options:
  --vault PATH       the vault file (default: the platform data folder)
  --passcode-stdin   read passcodes (and a recovery code) from standard input, one per line";

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let (options, command) = match args::parse(&argv) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("nocontact: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&options, command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("nocontact: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(options: &Options, command: Command) -> Result<(), String> {
    let mut prompter = Prompter::new(options.passcode_stdin);
    match command {
        Command::Help => {
            println!("{USAGE}");
            Ok(())
        }
        Command::Demo => demo::run().map_err(describe),
        Command::Init => init(options, &mut prompter),
        Command::Note(text) => {
            let vault = unlock(options, &mut prompter)?;
            let note = vault
                .add_note(NewNote {
                    text,
                    at: None,
                    utc_offset_seconds: render::local_offset_seconds(),
                })
                .map_err(describe)?;
            println!("added {}", render::short_id(&note.id));
            Ok(())
        }
        Command::Notes => {
            let vault = unlock(options, &mut prompter)?;
            let notes = vault.list_notes().map_err(describe)?;
            if notes.is_empty() {
                println!("no notes yet");
            }
            for note in &notes {
                println!("{}", render::note_line(note));
            }
            Ok(())
        }
        Command::Passcode => {
            let vault = unlock(options, &mut prompter)?;
            let new = prompter.new_passcode()?;
            vault.change_passcode(new, None).map_err(describe)?;
            println!("passcode changed");
            Ok(())
        }
        Command::Recover => {
            let vault = open(options)?;
            let code = prompter.line("Recovery code: ")?;
            let new = prompter.new_passcode()?;
            vault.recover(code, new).map_err(describe)?;
            println!("passcode reset with the recovery code");
            Ok(())
        }
    }
}

fn init(options: &Options, prompter: &mut Prompter) -> Result<(), String> {
    let path = paths::vault_path(options)?;
    if path.exists() {
        return Err(describe(VaultError::AlreadyExists));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|_| "cannot create the vault's folder".to_owned())?;
    }
    let passcode = prompter.new_passcode()?;
    eprintln!("measuring this device to set the passcode's strength...");
    let created = Vault::create(
        &path,
        VaultSetup {
            passcode,
            device_key: None,
            passcode_needs_device_key: false,
            kdf_iterations: None,
        },
    )
    .map_err(describe)?;
    println!("vault created.");
    println!();
    println!("Recovery code (shown once; write it down and keep it somewhere safe):");
    println!();
    println!("    {}", created.recovery_code);
    println!();
    Ok(())
}

fn open(options: &Options) -> Result<std::sync::Arc<Vault>, String> {
    let path = paths::vault_path(options)?;
    Vault::open(path.to_string_lossy().into_owned()).map_err(|e| match e {
        VaultError::NotFound => "no vault here yet; run `nocontact init` first".to_owned(),
        other => describe(other),
    })
}

fn unlock(options: &Options, prompter: &mut Prompter) -> Result<std::sync::Arc<Vault>, String> {
    let vault = open(options)?;
    let passcode = prompter.passcode("Passcode: ")?;
    vault
        .unlock(Secret::Passcode { passcode })
        .map_err(describe)?;
    Ok(vault)
}

/// One line for an error, without user text or paths.
pub(crate) fn describe(err: VaultError) -> String {
    match err {
        VaultError::WrongSecret => "wrong passcode".to_owned(),
        VaultError::InvalidInput { field } => format!("invalid {}", field.replace('_', " ")),
        other => other.to_string(),
    }
}

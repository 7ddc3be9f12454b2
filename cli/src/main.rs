//! `nocontact`: the terminal front end over nocontact-core.
//!
//! Every command prints one clear line on error and exits non-zero (2 for a
//! usage error, 1 otherwise). A passcode is read from the terminal without
//! echo, or from standard input with `--passcode-stdin`; never from an
//! argument, where it would land in the shell's history and the process
//! list. Error messages name fields, never the user's text.

mod args;
mod charts;
mod cmd_backup;
mod cmd_chain;
mod cmd_drop;
mod cmd_events;
mod cmd_export;
mod cmd_insights;
mod cmd_log;
mod cmd_people;
mod cmd_plan;
mod cmd_protect;
mod cmd_reflect;
mod cmd_reminders;
mod cmd_status;
mod cmd_verify;
mod demo;
mod demo_protect;
mod demo_weeks;
mod ids;
mod input;
mod names;
mod paths;
mod plan_text;
mod render;
mod when;
mod zone;

use std::process::ExitCode;
use std::sync::Arc;

use nocontact_core::{Secret, Vault, VaultError, VaultSetup};

use args::{Command, Options};
use input::Prompter;

pub(crate) const USAGE: &str = "\
usage: nocontact [--vault PATH] [--passcode-stdin] COMMAND

commands:
  init          create a vault (asks for a passcode twice, prints the recovery code once)
  person        add, list, archive the people I keep away from
  boundary      add, list boundaries and set their status
  trigger       add, list, archive triggers
  log           log an urge, a contact I made, their attempt, or a check-in
  events        the log, newest first, with filters and pages
  reflect       write a journal entry, answer today's prompt, or an unsent letter
  reflections   read them back
  prompt        today's reflection prompt
  reasons       my reasons for this, and suggestions to adopt
  plan          show or edit the safety plan
  status        the home screen: streaks, next milestone, today's prompt and reminders
  insights      patterns over the last weeks: urges by hour, their attempts, mood, boundaries
  reminders     the reminders to come, and `reminders set` for when and how they come
  chain         check the log's hash chain (--verify reads the whole file again)
  checkpoint    make a checkpoint code of the log to share, or `checkpoint list`
  backup        write everything to one encrypted file
  restore       bring a backup back, into this vault or (--new) a new one
  export csv    the event log as CSV, for a therapist or a spreadsheet
  verify        check an evidence export folder (no vault or passcode needed)
  passcode      change the passcode
  recover       set a new passcode with the recovery code
  drop          log their attempt, an urge or \"I'm OK\" without the passcode (shows only \"Saved.\")
  access-log    openings, failed unlock attempts and duress openings; --ack marks them seen
  duress        set, remove or check a duress passcode that opens a separate, empty space
  lock-policy   the failed unlocks so far, the wait they impose, an optional erase, the idle lock
  erase         destroy the vault for good, without the passcode (asks to type ERASE)
  demo          walk through what the core does, in a throwaway vault
  help [COMMAND]  show this text, or a command's usage

options:
  --vault PATH       the vault file (default: notebook/store.db in the platform data folder)
  --passcode-stdin   read passcodes (a recovery code, a typed confirmation) from standard input,
                     one per line

status, insights and reminders count days in a time zone: --zone NAME (an IANA name,
\"Europe/Berlin\"), else the TZ environment variable if it holds one, else the system zone, else UTC.";

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let (options, command) = match args::parse(&argv) {
        Ok(parsed) => parsed,
        Err(err) => {
            eprintln!("nocontact: {}\n\n{}", err.message, err.usage);
            return ExitCode::from(2);
        }
    };
    if let Command::Verify(cmd) = command {
        return cmd_verify::run(cmd);
    }
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
    let vault = match command {
        Command::Help(usage) => {
            println!("{usage}");
            return Ok(());
        }
        Command::Demo => return demo::run().map_err(describe),
        Command::Init => return init(options, &mut prompter),
        Command::Backup(cmd_backup::BackupCmd::RestoreNew { file }) => {
            return cmd_backup::restore_new(options, &mut prompter, file)
        }
        Command::Drop(cmd) => return cmd_drop::run(open(options)?.as_ref(), cmd),
        Command::Erase(cmd) => {
            return cmd_protect::run_erase(open(options)?.as_ref(), &mut prompter, cmd)
        }
        Command::LockPolicy(cmd) => {
            let vault = open(options)?;
            if cmd.changes() {
                unlock_open(&vault, &mut prompter)?;
            }
            return cmd_protect::run_lock_policy(&vault, cmd);
        }
        Command::Recover => {
            let vault = open(options)?;
            let code = prompter.line("Recovery code: ")?;
            let new = prompter.new_passcode()?;
            vault.recover(code, new).map_err(describe)?;
            println!("passcode reset with the recovery code");
            return Ok(());
        }
        _ => unlock(options, &mut prompter)?,
    };
    match command {
        Command::Passcode => {
            let new = prompter.new_passcode()?;
            vault.change_passcode(new, None).map_err(describe)?;
            println!("passcode changed");
            Ok(())
        }
        Command::Person(cmd) => cmd_people::run_person(&vault, cmd),
        Command::Boundary(cmd) => cmd_people::run_boundary(&vault, cmd),
        Command::Trigger(cmd) => cmd_people::run_trigger(&vault, cmd),
        Command::Log(cmd) => cmd_log::run(&vault, cmd),
        Command::Events(cmd) => cmd_events::run(&vault, cmd),
        Command::Reflect(cmd) => cmd_reflect::run_reflect(&vault, cmd),
        Command::Prompt => cmd_reflect::run_prompt(&vault),
        Command::Reasons(cmd) => cmd_reflect::run_reasons(&vault, cmd),
        Command::Plan(cmd) => cmd_plan::run(&vault, cmd),
        Command::Status(cmd) => cmd_status::run(&vault, cmd),
        Command::Insights(cmd) => cmd_insights::run(&vault, cmd),
        Command::Reminders(cmd) => cmd_reminders::run(&vault, cmd),
        Command::Chain(cmd) => cmd_chain::run(&vault, cmd),
        Command::Backup(cmd) => cmd_backup::run(&vault, &mut prompter, cmd),
        Command::Export(cmd) => cmd_export::run(&vault, cmd),
        Command::AccessLog(cmd) => cmd_protect::run_access_log(&vault, cmd),
        Command::Duress(cmd) => cmd_protect::run_duress(&vault, &mut prompter, cmd),
        Command::Help(_)
        | Command::Demo
        | Command::Init
        | Command::Recover
        | Command::Verify(_)
        | Command::Drop(_)
        | Command::Erase(_)
        | Command::LockPolicy(_) => Ok(()),
    }
}

fn init(options: &Options, prompter: &mut Prompter) -> Result<(), String> {
    let path = paths::vault_path(options)?;
    if path.exists() {
        return Err(describe(VaultError::AlreadyExists));
    }
    if let Some(parent) = path.parent() {
        paths::create_private_dir_all(parent)
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

fn open(options: &Options) -> Result<Arc<Vault>, String> {
    let path = paths::vault_path(options)?;
    Vault::open(path.to_string_lossy().into_owned()).map_err(|e| match e {
        VaultError::NotFound => "no vault here yet; run `nocontact init` first".to_owned(),
        other => describe(other),
    })
}

fn unlock(options: &Options, prompter: &mut Prompter) -> Result<Arc<Vault>, String> {
    let vault = open(options)?;
    unlock_open(&vault, prompter)?;
    Ok(vault)
}

/// Asks for the passcode and unlocks a vault already open.
fn unlock_open(vault: &Vault, prompter: &mut Prompter) -> Result<(), String> {
    let passcode = prompter.passcode("Passcode: ")?;
    vault
        .unlock(Secret::Passcode { passcode })
        .map_err(describe)
}

/// One line for an error, without user text or paths.
pub(crate) fn describe(err: VaultError) -> String {
    match err {
        VaultError::WrongSecret => "wrong passcode".to_owned(),
        VaultError::InvalidInput { field } => format!("invalid {}", field.replace('_', " ")),
        VaultError::InUse => "still in use; archive it instead".to_owned(),
        VaultError::TryLater { seconds } => format!(
            "Too many attempts. Try again in {}.",
            cmd_protect::duration(seconds)
        ),
        VaultError::Erased => "This vault was erased.".to_owned(),
        VaultError::OpenElsewhere => {
            "The vault is open in another window or program; lock it there first.".to_owned()
        }
        VaultError::StorageFull => {
            "The storage is full; nothing saved was lost. Free some space and try again.".to_owned()
        }
        other => other.to_string(),
    }
}

//! `plan show` and `plan edit`: the safety plan, read and edited as text.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use nocontact_core::{SafetyPlanSection, Vault};

use crate::args::{subcommand, usage_error, Flags, Options, Parse};
use crate::{describe, plan_text, render};

pub(crate) const USAGE: &str = "\
usage:
  nocontact plan show    every section of the safety plan
  nocontact plan edit    edit it as text in $EDITOR (default vi); saving keeps a new version";

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum PlanCmd {
    Show,
    Edit,
}

pub(crate) fn parse(args: &[String], options: &mut Options) -> Parse<PlanCmd> {
    let (sub, rest) = subcommand(args, USAGE)?;
    let cmd = match sub {
        "show" => PlanCmd::Show,
        "edit" => PlanCmd::Edit,
        _ => return Err(usage_error(USAGE, "unknown plan subcommand")),
    };
    Flags::parse(rest, &[], USAGE, options)?.no_words()?;
    Ok(cmd)
}

pub(crate) fn run(vault: &Vault, cmd: PlanCmd) -> Result<(), String> {
    match cmd {
        PlanCmd::Show => show(vault),
        PlanCmd::Edit => edit(vault),
    }
}

fn show(vault: &Vault) -> Result<(), String> {
    let plan = vault.safety_plan().map_err(describe)?;
    match vault.safety_plan_history().map_err(describe)?.first() {
        Some(latest) => println!(
            "Safety plan, version {} (saved {})",
            latest.version,
            render::local_time(latest.saved_at, render::local_offset_seconds())
        ),
        None => println!("Safety plan (not written yet; `nocontact plan edit` to start)"),
    }
    for section in SafetyPlanSection::ALL {
        println!();
        println!("{}", section.title());
        let items = plan_text::section_items(&plan, section);
        if items.is_empty() {
            println!("  (empty)");
        }
        for item in items {
            let mut lines = item.lines();
            let bullet = if section == SafetyPlanSection::CodeWord {
                ""
            } else {
                "- "
            };
            println!("  {bullet}{}", lines.next().unwrap_or_default());
            for line in lines {
                println!("    {line}");
            }
        }
    }
    Ok(())
}

fn edit(vault: &Vault) -> Result<(), String> {
    const NOT_SAVED: &str = "your edits were not saved";
    let plan = vault.safety_plan().map_err(describe)?;
    let original = plan_text::render(&plan);
    let mut file = tempfile::Builder::new()
        .prefix("nocontact-plan-")
        .suffix(".txt")
        .tempfile()
        .map_err(|_| "cannot create a temporary file for the editor".to_owned())?;
    restrict(file.path())?;
    file.write_all(original.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|_| "cannot write the temporary file for the editor".to_owned())?;
    let outcome = run_editor(file.path()).and_then(|()| {
        std::fs::read_to_string(file.path())
            .map_err(|_| format!("cannot read the edited plan back as text; {NOT_SAVED}"))
    });
    wipe(file.path());
    let edited = outcome?;
    if edited == original {
        println!("no changes; the plan stays as it was");
        return Ok(());
    }
    let new_plan = plan_text::parse(&edited).map_err(|e| format!("{e}; {NOT_SAVED}"))?;
    if new_plan == plan {
        println!("no changes; the plan stays as it was");
        return Ok(());
    }
    let version = vault
        .save_safety_plan(new_plan)
        .map_err(|e| format!("{}; {NOT_SAVED}", describe(e)))?;
    println!("safety plan saved (version {})", version.version);
    Ok(())
}

/// Runs `$EDITOR` (which may carry arguments, as with git) on `path`.
fn run_editor(path: &Path) -> Result<(), String> {
    let editor = std::env::var("EDITOR")
        .ok()
        .filter(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".to_owned());
    let status = if cfg!(unix) {
        Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$1\""))
            .arg("sh")
            .arg(path)
            .status()
    } else {
        let mut words = editor.split_whitespace();
        Command::new(words.next().unwrap_or("notepad"))
            .args(words)
            .arg(path)
            .status()
    };
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(_) => Err("the editor exited with an error; the plan was not changed".to_owned()),
        Err(_) => Err("cannot start the editor; set EDITOR".to_owned()),
    }
}

/// Only the owner may read the temporary file (tempfile creates it so on
/// Unix already; this keeps it so if that ever changes).
fn restrict(path: &Path) -> Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|_| "cannot protect the temporary file".to_owned())?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Overwrites the temporary file before it is removed (best effort: an
/// editor may have kept its own swap or backup copy).
fn wipe(path: &Path) {
    if let Ok(meta) = std::fs::metadata(path) {
        let zeros = vec![0u8; meta.len() as usize];
        let _ = std::fs::write(path, zeros);
    }
}

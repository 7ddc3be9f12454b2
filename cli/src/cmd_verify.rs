//! `verify`: checks an evidence export folder offline, with no vault and no
//! passcode. Exit code 0 when it is valid, 1 otherwise.

use std::process::ExitCode;

use nocontact_core::{problem_line, verify_evidence, EvidenceVerdict, VaultError};

use crate::args::{Flags, Kind, Options, Parse};
use crate::describe;

pub(crate) const USAGE: &str = "\
usage:
  nocontact verify FOLDER [--checkpoint CODE] [--json]

Checks an evidence export (a folder with evidence.json, report.html and
manifest.sha256): every file against the manifest, every record's digest and
link, the chain's head, the checkpoints it lists, and that the report is the
one made from the records. No vault or passcode is needed.

--checkpoint CODE  a checkpoint code received earlier (XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-C,
                   or a short XXXX-XXXX-XXXX-XXXX-C from an earlier version; any case,
                   spaces or hyphens): says at which record count it matches the chain
--json             print the verdict as JSON

Exit code: 0 when the export is valid (and the code matches), 1 otherwise.";

#[derive(Debug)]
pub(crate) struct VerifyCmd {
    folder: String,
    checkpoint: Option<String>,
    json: bool,
}

pub(crate) fn parse(args: &[String], options: &mut Options) -> Parse<VerifyCmd> {
    let f = Flags::parse(
        args,
        &[("--checkpoint", Kind::Value), ("--json", Kind::Switch)],
        USAGE,
        options,
    )?;
    Ok(VerifyCmd {
        folder: f.one_word("the export folder")?,
        checkpoint: f.value("--checkpoint"),
        json: f.switch("--json"),
    })
}

pub(crate) fn run(cmd: VerifyCmd) -> ExitCode {
    let verdict = match verify_evidence(cmd.folder, cmd.checkpoint) {
        Ok(verdict) => verdict,
        Err(err) => {
            let message = match err {
                VaultError::NotFound => "nothing at that path; give the export's folder".to_owned(),
                VaultError::InvalidInput { .. } => {
                    "not a folder; give the export's folder (unpack it first if it came as an archive)"
                        .to_owned()
                }
                VaultError::Storage => "cannot read the folder".to_owned(),
                other => describe(other),
            };
            eprintln!("nocontact: {message}");
            return ExitCode::FAILURE;
        }
    };
    if cmd.json {
        match serde_json::to_string_pretty(&verdict) {
            Ok(text) => println!("{text}"),
            Err(_) => {
                eprintln!("nocontact: cannot write the verdict");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", show(&verdict));
    }
    if verdict.valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The verdict for a terminal: the summary, then the head and the
/// checkpoint, or each problem on its own line.
pub(crate) fn show(v: &EvidenceVerdict) -> String {
    let mut out = format!("{}\n", v.summary);
    if let Some(head) = &v.head {
        out += &format!("chain head: {head}\n");
    }
    if let Some(count) = v.checkpoint_count {
        out += &format!("checkpoint code: matches the chain at {count} records\n");
        if v.checkpoint_code_short {
            out += "checkpoint code: a short code (80 bits) from an earlier version; \
                    new codes commit 140 bits\n";
        }
    }
    if !v.valid {
        out += "problems:\n";
        for p in &v.problems {
            out += &format!("  - {}\n", problem_line(p));
        }
    }
    out
}

//! `export csv`: the event log as CSV, for a therapist or a spreadsheet.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use nocontact_core::{CsvQuery, EventKind, Vault};

use crate::args::{subcommand, usage_error, Flags, Kind, Options, Parse};
use crate::names::{self, Named};
use crate::{describe, ids, when};

pub(crate) const USAGE: &str = "\
usage:
  nocontact export csv [--from YYYY-MM-DD] [--until YYYY-MM-DD] [--kinds KIND,...]
                       [--person ID] [--out FILE]

Urges, check-ins, contact I made and their attempts, oldest first, as CSV (RFC 4180,
one header row; the columns are described in the README). Journal entries and letters
are not included.

--from, --until  local days, both included (default: the whole log)
--kinds          urge, contact, attempt, checkin, comma-separated or repeated (default: all)
--person         only events about this person
--out FILE       write to a new file (never overwrites; readable by you only)
                 instead of standard output";

#[derive(Debug)]
pub(crate) enum ExportCmd {
    Csv {
        kinds: Vec<EventKind>,
        person: Option<String>,
        from: Option<NaiveDate>,
        until: Option<NaiveDate>,
        out: Option<PathBuf>,
    },
}

pub(crate) fn parse(args: &[String], options: &mut Options) -> Parse<ExportCmd> {
    let (word, rest) = subcommand(args, USAGE)?;
    if word != "csv" {
        return Err(usage_error(USAGE, "unknown export subcommand"));
    }
    let f = Flags::parse(
        rest,
        &[
            ("--from", Kind::Value),
            ("--until", Kind::Value),
            ("--kinds", Kind::Many),
            ("--person", Kind::Value),
            ("--out", Kind::Value),
        ],
        USAGE,
        options,
    )?;
    f.no_words()?;
    let day = |flag: &str| -> Parse<Option<NaiveDate>> {
        f.date(flag)?
            .map(|d| when::naive(d).ok_or_else(|| f.error(format!("{flag} is not a day"))))
            .transpose()
    };
    let mut kinds = Vec::new();
    for value in f.values("--kinds") {
        for word in value.split(',').filter(|w| !w.trim().is_empty()) {
            let kind = names::parse::<EventKind>(word).ok_or_else(|| {
                f.error(format!(
                    "unknown {} for --kinds; one of: {}",
                    EventKind::WHAT,
                    names::choices::<EventKind>()
                ))
            })?;
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
    }
    let (from, until) = (day("--from")?, day("--until")?);
    if let (Some(from), Some(until)) = (from, until) {
        if until < from {
            return Err(f.error("--until is before --from"));
        }
    }
    Ok(ExportCmd::Csv {
        kinds,
        person: f.value("--person"),
        from,
        until,
        out: f.value("--out").map(PathBuf::from),
    })
}

pub(crate) fn run(vault: &Vault, cmd: ExportCmd) -> Result<(), String> {
    let ExportCmd::Csv {
        kinds,
        person,
        from,
        until,
        out,
    } = cmd;
    let query = CsvQuery {
        kinds,
        person_id: ids::maybe_person(vault, person.as_deref())?,
        from: from.map(when::start_of_day),
        until: until.and_then(|d| d.succ_opt()).map(when::start_of_day),
    };
    let csv = vault.export_csv(query).map_err(describe)?;
    let rows = csv.matches("\r\n").count().saturating_sub(1);
    match out {
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(csv.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|_| "cannot write to standard output".to_owned())?;
        }
        Some(path) => {
            write_new(&path, csv.as_bytes())?;
            eprintln!(
                "wrote {rows} {}",
                if rows == 1 { "event" } else { "events" }
            );
        }
    }
    Ok(())
}

/// Writes a file that must not exist yet, readable by its owner only.
fn write_new(path: &std::path::Path, bytes: &[u8]) -> Result<(), String> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => {
            "the output file exists already; choose a new name".to_owned()
        }
        std::io::ErrorKind::NotFound => "the output file's folder does not exist".to_owned(),
        _ => "cannot create the output file".to_owned(),
    })?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|_| "cannot write the output file".to_owned())
}

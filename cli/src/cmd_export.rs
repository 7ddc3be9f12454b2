//! `export csv`: the event log as CSV, for a therapist or a spreadsheet;
//! `export evidence`: a folder to hand to an advocate, the police or a court.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use nocontact_core::{CsvQuery, EventKind, EvidenceOptions, Vault};

use crate::args::{subcommand, usage_error, Flags, Kind, Options, Parse};
use crate::names::{self, Named};
use crate::{describe, ids, when, zone};

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
                 instead of standard output

  nocontact export evidence --out FOLDER [--person ID] [--kinds KIND,...] [--reflections]
                            [--from YYYY-MM-DD] [--until YYYY-MM-DD] [--zone NAME]

A new folder with report.html (to read, or print to PDF), evidence.json (the entries and
the whole hash chain: what is left out appears as digests only) and manifest.sha256. Their
attempts and my contacts by default; urges and check-ins only with --kinds, journal entries
and letters only with --reflections. Anyone can check it with `nocontact verify FOLDER`.
--zone is the time zone the report shows times in (default: as for `status`).";

#[derive(Debug)]
pub(crate) enum ExportCmd {
    Csv {
        kinds: Vec<EventKind>,
        person: Option<String>,
        from: Option<NaiveDate>,
        until: Option<NaiveDate>,
        out: Option<PathBuf>,
    },
    Evidence {
        kinds: Vec<EventKind>,
        person: Option<String>,
        reflections: bool,
        from: Option<NaiveDate>,
        until: Option<NaiveDate>,
        zone: String,
        out: PathBuf,
    },
}

pub(crate) fn parse(args: &[String], options: &mut Options) -> Parse<ExportCmd> {
    let (word, rest) = subcommand(args, USAGE)?;
    let evidence = match word {
        "csv" => false,
        "evidence" => true,
        _ => return Err(usage_error(USAGE, "unknown export subcommand")),
    };
    let mut flags = vec![
        ("--from", Kind::Value),
        ("--until", Kind::Value),
        ("--kinds", Kind::Many),
        ("--person", Kind::Value),
        ("--out", Kind::Value),
    ];
    if evidence {
        flags.extend([("--reflections", Kind::Switch), ("--zone", Kind::Value)]);
    }
    let f = Flags::parse(rest, &flags, USAGE, options)?;
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
    if evidence {
        let out = f
            .value("--out")
            .ok_or_else(|| f.error("--out FOLDER is needed"))?;
        return Ok(ExportCmd::Evidence {
            kinds,
            person: f.value("--person"),
            reflections: f.switch("--reflections"),
            from,
            until,
            zone: zone::pick(f.value("--zone")),
            out: PathBuf::from(out),
        });
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
    let (kinds, person, from, until, out) = match cmd {
        ExportCmd::Csv {
            kinds,
            person,
            from,
            until,
            out,
        } => (kinds, person, from, until, out),
        ExportCmd::Evidence {
            kinds,
            person,
            reflections,
            from,
            until,
            zone,
            out,
        } => {
            let options = EvidenceOptions {
                person_id: ids::maybe_person(vault, person.as_deref())?,
                kinds,
                include_reflections: reflections,
                from: from.map(when::start_of_day),
                until: until.and_then(|d| d.succ_opt()).map(when::start_of_day),
                zone,
            };
            let folder = out.to_string_lossy().into_owned();
            let summary = vault
                .export_evidence(options, folder, None)
                .map_err(|e| match e {
                    nocontact_core::VaultError::AlreadyExists => {
                        "the output folder exists already; choose a new name".to_owned()
                    }
                    other => describe(other),
                })?;
            println!(
                "exported {} in full, in a chain of {} ({} shown in full)",
                crate::render::count(summary.entries as usize, "entry", "entries"),
                crate::render::count(summary.records as usize, "record", "records"),
                summary.included_records
            );
            println!("head {}", summary.head);
            println!("code {}", summary.code);
            return Ok(());
        }
    };
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

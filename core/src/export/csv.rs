//! The CSV export of events (urges, check-ins, contact I made, their
//! attempts), for a therapist or a spreadsheet: RFC 4180 (comma separated,
//! CRLF line ends, fields with a comma, a quote or a line break quoted, a
//! quote doubled), one header row, the columns in [`CSV_COLUMNS`] (each
//! documented in the README, "CSV export").
//!
//! A spreadsheet would run a cell that starts with `=`, `+`, `-`, `@`, a tab
//! or a carriage return as a formula; such cells get a leading `'`, which
//! spreadsheets show as text (OWASP's advice against formula injection).
//! Every value this module writes itself is shaped not to start so.

use std::collections::BTreeMap;
use std::time::SystemTime;

use crate::domain::boundaries::Boundary;
use crate::domain::events::{AttemptResponse, EventBody, Initiator, UrgeOutcome};
use crate::domain::people::Person;
use crate::domain::triggers::Trigger;
use crate::insights::localtime;

use super::html::emotion_name;

/// The CSV's columns, in order (its header row).
pub const CSV_COLUMNS: [&str; 27] = [
    "date",
    "time",
    "utc_offset",
    "kind",
    "person",
    "intensity",
    "outcome",
    "mood",
    "energy",
    "channel",
    "initiated_by",
    "response",
    "felt_unsafe",
    "emotions",
    "triggers",
    "coping",
    "boundaries_crossed",
    "handle",
    "said",
    "said_verbatim",
    "location",
    "witnesses",
    "attachments",
    "tags",
    "note",
    "amended",
    "entry_id",
];

/// Joins several values in one cell.
const LIST_SEPARATOR: &str = "; ";

/// What the rows need to show names for ids.
pub(crate) struct Names<'a> {
    pub(crate) people: &'a BTreeMap<String, Person>,
    pub(crate) triggers: &'a BTreeMap<String, Trigger>,
    pub(crate) boundaries: &'a BTreeMap<String, Boundary>,
}

impl Names<'_> {
    fn person(&self, id: &str) -> String {
        self.people
            .get(id)
            .map_or_else(|| String::from("(unknown)"), |p| p.alias.clone())
    }

    fn triggers(&self, ids: &[String]) -> String {
        let names: Vec<&str> = ids
            .iter()
            .map(|id| {
                self.triggers
                    .get(id)
                    .map_or("(unknown)", |t| t.name.as_str())
            })
            .collect();
        names.join(LIST_SEPARATOR)
    }

    fn boundaries(&self, ids: &[String]) -> String {
        let names: Vec<&str> = ids
            .iter()
            .map(|id| {
                self.boundaries
                    .get(id)
                    .map_or("(unknown)", |b| b.statement.as_str())
            })
            .collect();
        names.join(LIST_SEPARATOR)
    }
}

/// One event, latest revision, as it goes into a row.
pub(crate) struct EventRow<'a> {
    pub(crate) id: &'a str,
    pub(crate) at: SystemTime,
    pub(crate) utc_offset_seconds: i32,
    pub(crate) revision: u32,
    pub(crate) body: &'a EventBody,
}

/// The cells of one row, in [`CSV_COLUMNS`] order.
pub(crate) fn row(event: &EventRow<'_>, names: &Names<'_>) -> Vec<String> {
    let mut cells: BTreeMap<&'static str, String> = BTreeMap::new();
    let local = localtime::local_datetime(event.at, event.utc_offset_seconds);
    cells.insert("date", local.format("%Y-%m-%d").to_string());
    cells.insert("time", local.format("%H:%M").to_string());
    cells.insert("utc_offset", offset_name(event.utc_offset_seconds));
    cells.insert("kind", event.body.kind().id().to_owned());
    if let Some(person) = event.body.person_id() {
        cells.insert("person", names.person(person));
    }
    match event.body {
        EventBody::Urge { urge } => {
            cells.insert("intensity", urge.intensity.to_string());
            cells.insert(
                "outcome",
                match urge.outcome {
                    UrgeOutcome::Resisted => "resisted",
                    UrgeOutcome::Delayed => "delayed",
                    UrgeOutcome::ReachedOut => "reached_out",
                }
                .to_owned(),
            );
            if let Some(via) = urge.reached_out_via {
                cells.insert("channel", via.id().to_owned());
            }
            let mut feelings: Vec<&str> = urge.emotions.iter().map(|e| emotion_name(*e)).collect();
            feelings.extend(urge.other_emotions.iter().map(String::as_str));
            cells.insert("emotions", feelings.join(LIST_SEPARATOR));
            cells.insert("triggers", names.triggers(&urge.trigger_ids));
            cells.insert("coping", urge.coping.join(LIST_SEPARATOR));
            cells.insert("note", urge.note.clone());
        }
        EventBody::MyContact { contact } => {
            cells.insert("channel", contact.channel.id().to_owned());
            cells.insert(
                "initiated_by",
                match contact.initiated_by {
                    Initiator::Me => "me",
                    Initiator::Them => "them",
                }
                .to_owned(),
            );
            cells.insert(
                "boundaries_crossed",
                names.boundaries(&contact.crossed_boundary_ids),
            );
            cells.insert("note", contact.note.clone());
        }
        EventBody::TheirAttempt { attempt } => {
            cells.insert("channel", attempt.channel.id().to_owned());
            cells.insert(
                "response",
                match attempt.response {
                    AttemptResponse::Ignored => "ignored",
                    AttemptResponse::Blocked => "blocked",
                    AttemptResponse::Replied => "replied",
                    AttemptResponse::Reported => "reported",
                }
                .to_owned(),
            );
            cells.insert("felt_unsafe", attempt.felt_unsafe.to_string());
            cells.insert("handle", attempt.handle.clone());
            cells.insert("said", attempt.said.clone());
            cells.insert(
                "said_verbatim",
                if attempt.said_verbatim { "yes" } else { "no" }.to_owned(),
            );
            cells.insert("location", attempt.location.clone());
            cells.insert("witnesses", attempt.witnesses.join(LIST_SEPARATOR));
            let attachments: Vec<&str> = attempt
                .attachments
                .iter()
                .map(|a| a.sha256.as_str())
                .collect();
            cells.insert("attachments", attachments.join(LIST_SEPARATOR));
            cells.insert("note", attempt.note.clone());
        }
        EventBody::CheckIn { check_in } => {
            cells.insert("mood", check_in.mood.to_string());
            if let Some(energy) = check_in.energy {
                cells.insert("energy", energy.to_string());
            }
            cells.insert("tags", check_in.tags.join(LIST_SEPARATOR));
            cells.insert("note", check_in.note.clone());
        }
    }
    if event.revision > 0 {
        cells.insert("amended", "yes".to_owned());
    }
    cells.insert("entry_id", event.id.to_owned());
    CSV_COLUMNS
        .iter()
        .map(|c| cells.remove(c).unwrap_or_default())
        .collect()
}

/// The whole CSV: the header row, then `rows`.
pub(crate) fn text<I: IntoIterator<Item = Vec<String>>>(rows: I) -> String {
    let mut out = String::new();
    write_row(&mut out, CSV_COLUMNS.iter().copied());
    for cells in rows {
        write_row(&mut out, cells.iter().map(String::as_str));
    }
    out
}

fn write_row<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (i, value) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_cell(out, value);
    }
    out.push_str("\r\n");
}

/// One field: guarded against formula injection, then quoted if needed.
pub(crate) fn write_cell(out: &mut String, value: &str) {
    let guard = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = value.contains(['"', ',', '\r', '\n']);
    if quote {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    for c in value.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

/// "UTC+01:00", "UTC-05:00": never a leading sign a spreadsheet would read.
fn offset_name(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let abs = seconds.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(value: &str) -> String {
        let mut out = String::new();
        write_cell(&mut out, value);
        out
    }

    #[test]
    fn rfc_4180_quoting() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell(""), "");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("cr\r\nlf"), "\"cr\r\nlf\"");
        assert_eq!(cell("שלום 🌱"), "שלום 🌱");
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("+1 555 0100"), "'+1 555 0100");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\t=1"), "'\t=1");
        assert_eq!(cell("\r=1"), "\"'\r=1\"");
        assert_eq!(cell("a=1"), "a=1");
        assert_eq!(cell(" =1"), " =1");
        assert_eq!(offset_name(-5 * 3600), "UTC-05:00");
        assert_eq!(offset_name(19_800), "UTC+05:30");
    }

    #[test]
    fn header_row() {
        let text = text(Vec::<Vec<String>>::new());
        assert!(text.starts_with("date,time,utc_offset,kind,person,"));
        assert!(text.ends_with("amended,entry_id\r\n"));
        assert_eq!(text.matches("\r\n").count(), 1);
    }
}

//! The offline verifier: checks an export folder with no vault and no
//! passcode, and says what does not match and where.
//!
//! It never panics and never quotes the person's text: a problem names the
//! file (one of the export's fixed names, or the bare name of a file that
//! does not belong) and, for a record, its sequence number.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Read;
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use super::dir::{EVIDENCE_FILE, MANIFEST_FILE, REPORT_FILE};
use super::html::render_report;
use super::schema::{Evidence, Item, EVIDENCE_FORMAT, EVIDENCE_VERSION, REPORT_LAYOUT};
use crate::chain::{self, checkpoint, Hash, GENESIS};
use crate::{Result, VaultError};

/// The largest `evidence.json` or `report.html` the verifier reads: 256 MiB
/// (some 100,000 entries with long texts). A larger file is reported as
/// `FileTooLarge`, not read.
pub const EVIDENCE_FILE_MAX_BYTES: u64 = 256 * 1024 * 1024;
/// The largest `manifest.sha256` the verifier reads: 64 KiB.
pub const MANIFEST_MAX_BYTES: u64 = 64 * 1024;
/// At most this many problems are listed (then `TooManyProblems`).
pub const PROBLEMS_MAX: usize = 100;
/// At most this many folder entries are looked at.
const DIR_ENTRIES_MAX: usize = 1_000;

/// One file of an export, for [`verify_evidence_files`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct EvidenceFile {
    /// The file's name in the folder (`evidence.json`, ...).
    pub name: String,
    /// The file's bytes, as read.
    pub contents: Vec<u8>,
}

/// What kind of thing does not match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum EvidenceProblemKind {
    /// A file the export needs is missing.
    MissingFile,
    /// A file or folder that is not part of an export (or a name given twice).
    UnexpectedFile,
    /// Larger than the verifier reads (see [`EVIDENCE_FILE_MAX_BYTES`]).
    FileTooLarge,
    /// The manifest is not exactly as an export writes it: one
    /// `<sha256>  <name>` line (lowercase hex, two spaces, `\n`) for each
    /// of the two other files, sorted by name.
    ManifestMalformed,
    /// The manifest does not list this file.
    NotInManifest,
    /// The file's SHA-256 differs from the manifest's.
    DigestMismatch,
    /// `evidence.json` is not UTF-8 JSON of the evidence shape (or is
    /// nested too deeply).
    EvidenceMalformed,
    /// Not a nocontact evidence document of a version this verifier reads.
    UnsupportedFormat,
    /// The number of records differs from `chain.count`.
    CountMismatch,
    /// The record at this position does not carry this sequence number.
    SequenceMismatch,
    /// The record cannot be read: its digest is not 64 hex digits, its own
    /// `seq` differs, or it has no canonical form.
    RecordMalformed,
    /// The link after this record does not follow from the link before it
    /// and the record's digest: the record, its digest or its link changed.
    LinkMismatch,
    /// `chain.head` is not the last link.
    HeadMismatch,
    /// A checkpoint listed in the export does not match the chain at its count.
    CheckpointMismatch,
    /// The checkpoint code given is not a well-formed code.
    CheckpointCodeMalformed,
    /// The checkpoint code given matches the chain at no count.
    CheckpointCodeNotFound,
    /// `report.html` is not the report made from `evidence.json`.
    ReportMismatch,
    /// The report was made with a layout this verifier cannot reproduce.
    ReportLayoutUnsupported,
    /// More problems were found than are listed.
    TooManyProblems,
}

impl EvidenceProblemKind {
    /// A short fixed sentence for people.
    pub fn describe(self) -> &'static str {
        use EvidenceProblemKind::*;
        match self {
            MissingFile => "a file the export needs is missing",
            UnexpectedFile => "a file or folder that is not part of an export",
            FileTooLarge => "the file is larger than the verifier reads",
            ManifestMalformed => {
                "the manifest is not as an export writes it (one \"<sha256>  <name>\" line for each file)"
            }
            NotInManifest => "the manifest does not list this file",
            DigestMismatch => "the file's SHA-256 differs from the manifest: the file was changed",
            EvidenceMalformed => {
                "not a readable evidence document (not UTF-8 JSON, nested too deeply, or not the evidence shape)"
            }
            UnsupportedFormat => "not a nocontact evidence document of a version this verifier reads",
            CountMismatch => "the number of records differs from the chain's count",
            SequenceMismatch => "the record at this position does not carry this sequence number",
            RecordMalformed => {
                "the record cannot be read (its digest, its sequence number or its canonical form)"
            }
            LinkMismatch => {
                "the link does not follow from the link before and the record's digest: the record was changed"
            }
            HeadMismatch => "the chain's head is not its last link",
            CheckpointMismatch => "a checkpoint listed in the export does not match the chain at its count",
            CheckpointCodeMalformed => {
                "the checkpoint code given is not a well-formed code (length, characters or check character)"
            }
            CheckpointCodeNotFound => {
                "the checkpoint code given matches this chain at no point: it was made from another chain"
            }
            ReportMismatch => "the report is not the one made from evidence.json: it was changed",
            ReportLayoutUnsupported => {
                "the report has a layout this verifier cannot reproduce (use the version that made it)"
            }
            TooManyProblems => "more problems were found; only the first ones are listed",
        }
    }
}

/// One thing that does not match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct EvidenceProblem {
    /// What kind of thing does not match.
    pub kind: EvidenceProblemKind,
    /// The file concerned, by name.
    pub file: Option<String>,
    /// The record concerned, by sequence number.
    pub seq: Option<u64>,
    /// [`EvidenceProblemKind::describe`], for display.
    pub message: String,
}

/// What the verifier found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct EvidenceVerdict {
    /// Every check passed (and the checkpoint code given, if any, matched).
    pub valid: bool,
    /// Records in `evidence.json` (0 if it could not be read).
    pub records: u64,
    /// Records shared in full.
    pub included: u64,
    /// Records given as their digest only.
    pub omitted: u64,
    /// The head recomputed from the records (hex), when every digest could
    /// be read.
    pub head: Option<String>,
    /// The number of records at which the checkpoint code given matches the
    /// chain.
    pub checkpoint_count: Option<u64>,
    /// The checkpoint code given is a short one (80 bits, from an earlier
    /// version): it still matches, but commits less than a full one.
    pub checkpoint_code_short: bool,
    /// What does not match, in the order found (at most [`PROBLEMS_MAX`]).
    pub problems: Vec<EvidenceProblem>,
    /// One line for people: valid or not, and the first problem.
    pub summary: String,
}

/// Verifies an export given as files in memory (the names as in the
/// folder). Never fails and never panics: everything wrong is a problem in
/// the verdict.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn verify_evidence_files(
    files: Vec<EvidenceFile>,
    checkpoint_code: Option<String>,
) -> EvidenceVerdict {
    let inputs = files
        .into_iter()
        .map(|f| {
            let content = if f.contents.len() as u64 > limit(&f.name) {
                Content::TooLarge
            } else {
                Content::Bytes(f.contents)
            };
            (f.name, content)
        })
        .collect();
    verify(inputs, checkpoint_code.as_deref())
}

/// Verifies the export folder at `path`. `NotFound` if nothing is there,
/// `InvalidInput { field: "path" }` if it is not a folder, `Storage` if it
/// cannot be read; everything else is a problem in the verdict.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn verify_evidence(path: String, checkpoint_code: Option<String>) -> Result<EvidenceVerdict> {
    let dir = Path::new(&path);
    let meta = fs::metadata(dir).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => VaultError::NotFound,
        _ => VaultError::Storage,
    })?;
    if !meta.is_dir() {
        return Err(VaultError::invalid("path"));
    }
    let mut inputs = Vec::new();
    for entry in fs::read_dir(dir).map_err(|_| VaultError::Storage)? {
        if inputs.len() >= DIR_ENTRIES_MAX {
            break;
        }
        let entry = entry.map_err(|_| VaultError::Storage)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry
            .file_type()
            .map_err(|_| VaultError::Storage)?
            .is_file();
        // Only the three files of an export are read; anything else is
        // reported by name.
        let known = [EVIDENCE_FILE, REPORT_FILE, MANIFEST_FILE].contains(&name.as_str());
        let content = if !is_file {
            Content::NotAFile
        } else if known {
            read_bounded(&entry.path(), limit(&name))?
        } else {
            Content::NotRead
        };
        inputs.push((name, content));
    }
    Ok(verify(inputs, checkpoint_code.as_deref()))
}

enum Content {
    Bytes(Vec<u8>),
    TooLarge,
    NotAFile,
    /// A file that is not part of an export, left unread.
    NotRead,
}

fn limit(name: &str) -> u64 {
    if name == MANIFEST_FILE {
        MANIFEST_MAX_BYTES
    } else {
        EVIDENCE_FILE_MAX_BYTES
    }
}

/// Reads a file of at most `max` bytes, without reading more than that.
fn read_bounded(path: &Path, max: u64) -> Result<Content> {
    let file = fs::File::open(path).map_err(|_| VaultError::Storage)?;
    let len = file.metadata().map_err(|_| VaultError::Storage)?.len();
    if len > max {
        return Ok(Content::TooLarge);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| VaultError::Storage)?;
    if bytes.len() as u64 > max {
        return Ok(Content::TooLarge);
    }
    Ok(Content::Bytes(bytes))
}

/// Problems found so far, capped.
#[derive(Default)]
struct Problems(Vec<EvidenceProblem>);

impl Problems {
    fn add(&mut self, kind: EvidenceProblemKind, file: Option<&str>, seq: Option<u64>) {
        if self.0.len() > PROBLEMS_MAX {
            return;
        }
        let (kind, file, seq) = if self.0.len() == PROBLEMS_MAX {
            (EvidenceProblemKind::TooManyProblems, None, None)
        } else {
            (kind, file, seq)
        };
        self.0.push(EvidenceProblem {
            kind,
            file: file.map(str::to_owned),
            seq,
            message: kind.describe().to_owned(),
        });
    }

    fn file(&mut self, kind: EvidenceProblemKind, file: &str) {
        self.add(kind, Some(file), None);
    }

    fn record(&mut self, kind: EvidenceProblemKind, seq: u64) {
        self.add(kind, Some(EVIDENCE_FILE), Some(seq));
    }
}

/// What the chain checks found.
#[derive(Default)]
struct ChainFacts {
    records: u64,
    included: u64,
    omitted: u64,
    head: Option<Hash>,
    checkpoint_count: Option<u64>,
    checkpoint_short: bool,
}

fn verify(inputs: Vec<(String, Content)>, code: Option<&str>) -> EvidenceVerdict {
    let mut p = Problems::default();
    let mut files: BTreeMap<&'static str, Vec<u8>> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    let known = [EVIDENCE_FILE, REPORT_FILE, MANIFEST_FILE];
    for (name, content) in inputs {
        let known_name = known.iter().copied().find(|k| *k == name);
        if !seen.insert(name.clone()) {
            p.file(EvidenceProblemKind::UnexpectedFile, &shown_name(&name));
            continue;
        }
        match (known_name, content) {
            (Some(k), Content::Bytes(bytes)) => {
                files.insert(k, bytes);
            }
            (Some(k), Content::TooLarge) => p.file(EvidenceProblemKind::FileTooLarge, k),
            (Some(k), Content::NotAFile | Content::NotRead) => {
                p.file(EvidenceProblemKind::UnexpectedFile, k)
            }
            (None, _) => p.file(EvidenceProblemKind::UnexpectedFile, &shown_name(&name)),
        }
    }
    for k in known {
        if !seen.contains(k) {
            p.file(EvidenceProblemKind::MissingFile, k);
        }
    }
    if let Some(manifest) = files.get(MANIFEST_FILE) {
        check_manifest(manifest, &files, &mut p);
    }
    let mut facts = ChainFacts::default();
    if let Some(bytes) = files.get(EVIDENCE_FILE) {
        if let Some(evidence) = parse_evidence(bytes, &mut p) {
            facts = check_chain(&evidence, code, &mut p);
            check_report(&evidence, files.get(REPORT_FILE), &mut p);
        }
    }
    let problems = p.0;
    let valid = problems.is_empty();
    let summary = summary(valid, &facts, &problems);
    EvidenceVerdict {
        valid,
        records: facts.records,
        included: facts.included,
        omitted: facts.omitted,
        head: facts.head.as_ref().map(chain::to_hex),
        checkpoint_count: facts.checkpoint_count,
        checkpoint_code_short: facts.checkpoint_short,
        problems,
        summary,
    }
}

/// A foreign file's name as a problem shows it: no control characters, at
/// most 80 characters.
fn shown_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .take(80)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    if name.chars().nth(80).is_some() {
        out.push('…');
    }
    out
}

/// Checks `manifest.sha256` against the two files it must list.
fn check_manifest(manifest: &[u8], files: &BTreeMap<&str, Vec<u8>>, p: &mut Problems) {
    let mut listed: BTreeMap<&str, Hash> = BTreeMap::new();
    let mut malformed = false;
    match std::str::from_utf8(manifest) {
        Err(_) => malformed = true,
        Ok(text) => {
            let text = text.strip_suffix('\n').unwrap_or(text);
            for line in text.split('\n') {
                let line = line.strip_suffix('\r').unwrap_or(line);
                match parse_manifest_line(line) {
                    Some((hash, name)) if [EVIDENCE_FILE, REPORT_FILE].contains(&name) => {
                        if listed.insert(name, hash).is_some() {
                            malformed = true;
                        }
                    }
                    _ => malformed = true,
                }
            }
        }
    }
    // Exactly as written: lowercase hex, two spaces, sorted, one newline
    // each, so that any changed byte in the folder is reported.
    let canonical: String = listed
        .iter()
        .map(|(name, hash)| format!("{}  {name}\n", chain::to_hex(hash)))
        .collect();
    if malformed || canonical.as_bytes() != manifest {
        p.file(EvidenceProblemKind::ManifestMalformed, MANIFEST_FILE);
    }
    for name in [EVIDENCE_FILE, REPORT_FILE] {
        match (listed.get(name), files.get(name)) {
            (None, _) => p.file(EvidenceProblemKind::NotInManifest, name),
            (Some(expected), Some(bytes)) if chain::sha256(bytes) != *expected => {
                p.file(EvidenceProblemKind::DigestMismatch, name)
            }
            _ => {}
        }
    }
}

/// `<64 hex>  <name>`. (Other forms `sha256sum -c` reads, a `*` binary
/// mark, CRLF line ends or upper-case hex, are read so that the digests are
/// still checked, and reported as a malformed manifest: an export never
/// writes them.)
fn parse_manifest_line(line: &str) -> Option<(Hash, &str)> {
    let hex = line.get(..64)?;
    let rest = line.get(64..)?;
    let name = rest
        .strip_prefix("  ")
        .or_else(|| rest.strip_prefix(" *"))?;
    Some((chain::from_hex(hex)?, name))
}

/// The members that say what a document is; everything else is skipped
/// without being kept.
#[derive(serde::Deserialize)]
struct Probe {
    format: Option<Value>,
    version: Option<Value>,
}

/// Parses `evidence.json`: first its format and version (a pass over the
/// JSON that keeps nothing else: syntax, UTF-8, depth), then its shape,
/// straight into the document (no tree of the whole file is built), with
/// every object naming each member once.
fn parse_evidence(bytes: &[u8], p: &mut Problems) -> Option<Evidence> {
    let is_object = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    let Some(probe) = is_object
        .then(|| serde_json::from_slice::<Probe>(bytes).ok())
        .flatten()
    else {
        p.file(EvidenceProblemKind::EvidenceMalformed, EVIDENCE_FILE);
        return None;
    };
    let format_ok = probe.format.as_ref().and_then(Value::as_str) == Some(EVIDENCE_FORMAT)
        && probe.version.as_ref().and_then(Value::as_u64) == Some(u64::from(EVIDENCE_VERSION));
    if !format_ok {
        p.file(EvidenceProblemKind::UnsupportedFormat, EVIDENCE_FILE);
        return None;
    }
    match serde_json::from_slice::<Evidence>(bytes) {
        Ok(evidence) => Some(evidence),
        Err(_) => {
            p.file(EvidenceProblemKind::EvidenceMalformed, EVIDENCE_FILE);
            None
        }
    }
}

/// Recomputes every digest and link, the head, the listed checkpoints and
/// the code given.
fn check_chain(ev: &Evidence, code: Option<&str>, p: &mut Problems) -> ChainFacts {
    let n = ev.records.len() as u64;
    let mut facts = ChainFacts {
        records: n,
        ..ChainFacts::default()
    };
    if ev.chain.count != n {
        p.file(EvidenceProblemKind::CountMismatch, EVIDENCE_FILE);
    }
    // `links[i]` is the true link after record i, as long as every digest
    // up to i could be read. `stated` follows the links as written, so that
    // a changed record is named alone rather than with all after it.
    let mut links: Vec<Hash> = Vec::with_capacity(ev.records.len());
    let mut digests_ok = true;
    let mut stated = GENESIS;
    for (position, item) in (0u64..).zip(&ev.records) {
        if item.seq() != position {
            p.record(EvidenceProblemKind::SequenceMismatch, position);
        }
        let digest = match item {
            Item::Included { record, .. } => {
                facts.included += 1;
                let own_seq = record.get("seq").and_then(Value::as_u64);
                let digest = chain::value_digest(record).ok();
                if own_seq != Some(item.seq()) || digest.is_none() {
                    p.record(EvidenceProblemKind::RecordMalformed, position);
                }
                digest
            }
            Item::Omitted { digest, .. } => {
                facts.omitted += 1;
                let digest = chain::from_hex(digest);
                if digest.is_none() {
                    p.record(EvidenceProblemKind::RecordMalformed, position);
                }
                digest
            }
        };
        let written = chain::from_hex(item.link());
        match digest {
            Some(d) => {
                if digests_ok {
                    let prev = links.last().copied().unwrap_or(GENESIS);
                    links.push(chain::link(&prev, &d));
                }
                let expected = chain::link(&stated, &d);
                if written != Some(expected) {
                    p.record(EvidenceProblemKind::LinkMismatch, position);
                }
                stated = written.unwrap_or(expected);
            }
            None => {
                digests_ok = false;
                if written.is_none() {
                    p.record(EvidenceProblemKind::LinkMismatch, position);
                }
                stated = written.unwrap_or(stated);
            }
        }
    }
    let link_at = |count: u64| -> Option<Hash> {
        match count.checked_sub(1) {
            None => Some(GENESIS),
            Some(i) => links.get(usize::try_from(i).ok()?).copied(),
        }
    };
    if digests_ok {
        let head = link_at(n);
        facts.head = head;
        if head.is_none() || chain::from_hex(&ev.chain.head) != head {
            p.file(EvidenceProblemKind::HeadMismatch, EVIDENCE_FILE);
        }
    }
    for listed in &ev.checkpoints {
        let seq = listed.count.checked_sub(1);
        if listed.count > n {
            p.add(
                EvidenceProblemKind::CheckpointMismatch,
                Some(EVIDENCE_FILE),
                seq,
            );
            continue;
        }
        // Where a digest could not be read, that problem is reported already.
        let Some(head) = link_at(listed.count) else {
            continue;
        };
        let code_ok =
            checkpoint::parse(&listed.code).is_some_and(|c| c.matches(listed.count, &head));
        if chain::from_hex(&listed.head) != Some(head) || !code_ok {
            p.add(
                EvidenceProblemKind::CheckpointMismatch,
                Some(EVIDENCE_FILE),
                seq,
            );
        }
    }
    if let Some(typed) = code {
        match checkpoint::parse(typed) {
            None => p.add(EvidenceProblemKind::CheckpointCodeMalformed, None, None),
            Some(wanted) => {
                let known = links.len() as u64;
                facts.checkpoint_short = wanted.short;
                facts.checkpoint_count = (0..=known)
                    .rev()
                    .find(|&c| link_at(c).is_some_and(|h| wanted.matches(c, &h)));
                if facts.checkpoint_count.is_none() {
                    p.add(EvidenceProblemKind::CheckpointCodeNotFound, None, None);
                }
            }
        }
    }
    facts
}

fn check_report(ev: &Evidence, report: Option<&Vec<u8>>, p: &mut Problems) {
    if ev.report_layout != REPORT_LAYOUT {
        p.file(EvidenceProblemKind::ReportLayoutUnsupported, REPORT_FILE);
        return;
    }
    if let Some(report) = report {
        if render_report(ev).as_bytes() != report.as_slice() {
            p.file(EvidenceProblemKind::ReportMismatch, REPORT_FILE);
        }
    }
}

fn summary(valid: bool, facts: &ChainFacts, problems: &[EvidenceProblem]) -> String {
    if valid {
        let mut s = format!(
            "Valid: {} {}, {} shown in full and {} left out.",
            facts.records,
            if facts.records == 1 {
                "record"
            } else {
                "records"
            },
            facts.included,
            facts.omitted
        );
        if let Some(c) = facts.checkpoint_count {
            s.push_str(&format!(
                " The {}checkpoint code matches the chain at {c} {}.",
                if facts.checkpoint_short {
                    "short (80-bit) "
                } else {
                    ""
                },
                if c == 1 { "record" } else { "records" }
            ));
        }
        return s;
    }
    let count = if problems.len() > PROBLEMS_MAX {
        format!("more than {PROBLEMS_MAX} problems")
    } else if problems.len() == 1 {
        "1 problem".to_owned()
    } else {
        format!("{} problems", problems.len())
    };
    match problems.first() {
        Some(first) => format!("Not valid: {count}. First: {}.", problem_line(first)),
        None => format!("Not valid: {count}."),
    }
}

/// A problem in one line, `evidence.json, record 5: <what>`, without
/// anything from the files' content.
pub fn problem_line(problem: &EvidenceProblem) -> String {
    let mut place = Vec::new();
    if let Some(file) = &problem.file {
        place.push(file.clone());
    }
    if let Some(seq) = problem.seq {
        place.push(format!("record {seq}"));
    }
    if place.is_empty() {
        problem.message.clone()
    } else {
        format!("{}: {}", place.join(", "), problem.message)
    }
}

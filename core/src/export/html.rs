//! The HTML report (`report.html`), rendered from an [`Evidence`] alone.
//!
//! Deterministic: no clock, no randomness, no hash-map order, so the
//! verifier can render it again and compare byte for byte; that is what
//! proves the report shows the chained entries and nothing else. One file,
//! no JavaScript, no external resources, system fonts; inline CSS that reads
//! on a phone and prints to PDF (`@page`, `@media print`, page breaks).
//!
//! Everything that comes from the person or from the file (texts, names,
//! ids, even the zone name) goes through [`Html::text`], which escapes it
//! and shows control characters and bidirectional overrides as visible
//! codes. Texts are isolated (`<bdi>`, `dir="auto"`) so right-to-left text
//! cannot reorder what is around it.
//!
//! Changing anything this module outputs changes the bytes of every report:
//! bump [`REPORT_LAYOUT`] with it (the `layout_is_pinned` test reminds).

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Offset, Utc};
use chrono_tz::Tz;
use serde_json::Value;

use super::schema::{Evidence, Item, REPORT_LAYOUT};
use super::view::{self, ChainOp, ChainRecord};
use crate::chain::{self, canonical};
use crate::domain::channel::Channel;
use crate::domain::entries::EntryBody;
use crate::domain::events::{
    AttemptResponse, CheckIn, Emotion, EventBody, Initiator, MyContact, TheirAttempt, Urge,
    UrgeOutcome,
};
use crate::domain::reflections::{ReflectionBody, ReflectionKind};
use crate::insights::localtime;

/// The report for `evidence`, as written to `report.html`.
pub fn render_report(evidence: &Evidence) -> String {
    Report::new(evidence).render()
}

/// Instants the report shows as dates: years 1000 to 9999.
const INSTANT_MIN_MS: i64 = -30_610_224_000_000;
const INSTANT_MAX_MS: i64 = 253_402_300_799_999;
/// Week rows in the "by week" table before it counts by month instead.
const WEEK_ROWS_MAX: i64 = 156;
/// Month rows (with empty months) before only months with entries are listed.
const MONTH_ROWS_MAX: i64 = 600;

const STYLE: &str = "\
:root{color-scheme:light}\
*{box-sizing:border-box}\
body{margin:0 auto;max-width:52rem;padding:1rem;color:#111;background:#fff;\
font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",\"Helvetica Neue\",Arial,sans-serif,\
\"Apple Color Emoji\",\"Segoe UI Emoji\",\"Noto Color Emoji\"}\
h1{font-size:1.6rem;line-height:1.2;margin:.3rem 0 1rem}\
h2{font-size:1.25rem;margin:2rem 0 .6rem;border-bottom:2px solid #111;padding-bottom:.2rem}\
h3{font-size:1rem;margin:1.2rem 0 .4rem}\
p{margin:.4rem 0}\
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}\
th,td{text-align:left;vertical-align:top;padding:.3rem .4rem;border-bottom:1px solid #ccc}\
th{font-weight:600}\
.facts th{width:32%}\
.num{text-align:right;white-space:nowrap;width:3.5rem}\
.barcell{width:45%}\
.bar{display:inline-block;height:.75rem;background:#333;vertical-align:middle;\
-webkit-print-color-adjust:exact;print-color-adjust:exact}\
.index td{font-size:.9rem}\
.entry{border:1px solid #999;border-radius:6px;padding:.6rem .8rem;margin:.8rem 0}\
.entry .head{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.2rem .8rem;\
border-bottom:1px solid #ddd;padding-bottom:.3rem;margin-bottom:.4rem}\
.entry .head b{font-size:1.05rem}\
dl{display:grid;grid-template-columns:minmax(7rem,28%) 1fr;gap:.25rem .8rem;margin:0}\
dt{font-weight:600;color:#333}\
dd{margin:0;min-width:0}\
.text{white-space:pre-wrap;overflow-wrap:anywhere}\
.quote{border-left:3px solid #666;padding-left:.5rem}\
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,\"Liberation Mono\",monospace;\
font-size:.82em;overflow-wrap:anywhere}\
.meta{color:#444;font-size:.85rem}\
.none{color:#555;font-style:italic}\
.earlier{margin-top:.7rem;padding:.4rem .6rem;background:#f3f3f3;border-left:3px solid #999}\
.ctl{font-family:ui-monospace,monospace;font-size:.8em;color:#900}\
.notice{background:#f4f4f4;padding:.5rem .7rem;border-left:4px solid #111}\
ul{margin:.3rem 0;padding-left:1.3rem}\
li{margin:.15rem 0}\
@media (max-width:34rem){body{padding:.6rem}dl{grid-template-columns:1fr}dt{margin-top:.3rem}\
.facts th{width:40%}.barcell{width:35%}}\
@media print{body{max-width:none;padding:0;font-size:10.5pt}\
.cover{break-after:page;page-break-after:always}\
.part{break-before:page;page-break-before:always}\
h2,h3,.entry .head,dt{break-after:avoid;page-break-after:avoid}\
dd,tr,.notice{break-inside:avoid;page-break-inside:avoid}\
.earlier>p:first-child{break-after:avoid;page-break-after:avoid}\
.entry{border-color:#666}}";

/// Where a shown entry goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    Attempts,
    MyContacts,
    Urges,
    CheckIns,
    Reflections,
}

impl Section {
    const ALL: [Section; 5] = [
        Section::Attempts,
        Section::MyContacts,
        Section::Urges,
        Section::CheckIns,
        Section::Reflections,
    ];

    fn of(body: &EntryBody) -> Self {
        match body {
            EntryBody::Event { body, .. } => match body {
                EventBody::TheirAttempt { .. } => Section::Attempts,
                EventBody::MyContact { .. } => Section::MyContacts,
                EventBody::Urge { .. } => Section::Urges,
                EventBody::CheckIn { .. } => Section::CheckIns,
            },
            EntryBody::Reflection { .. } => Section::Reflections,
        }
    }

    fn kind_id(self) -> &'static str {
        match self {
            Section::Attempts => "their_attempt",
            Section::MyContacts => "my_contact",
            Section::Urges => "urge",
            Section::CheckIns => "check_in",
            Section::Reflections => "reflection",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Section::Attempts => "Their attempts to contact me",
            Section::MyContacts => "Contact I made",
            Section::Urges => "Urges to make contact",
            Section::CheckIns => "Check-ins",
            Section::Reflections => "Journal entries and unsent letters",
        }
    }

    fn item(self) -> &'static str {
        match self {
            Section::Attempts => "Attempt",
            Section::MyContacts => "Contact",
            Section::Urges => "Urge",
            Section::CheckIns => "Check-in",
            Section::Reflections => "Entry",
        }
    }

    fn counted(self, n: usize) -> String {
        let (one, many) = match self {
            Section::Attempts => ("attempt to contact me", "attempts to contact me"),
            Section::MyContacts => ("contact I made", "contacts I made"),
            Section::Urges => ("urge", "urges"),
            Section::CheckIns => ("check-in", "check-ins"),
            Section::Reflections => ("journal entry or letter", "journal entries or letters"),
        };
        plural(n, one, many)
    }
}

/// An entry as shown: its latest included version and the earlier ones.
struct Shown {
    /// Oldest first; the last is shown as the entry. Never empty.
    versions: Vec<ChainRecord>,
}

impl Shown {
    fn latest(&self) -> Option<&ChainRecord> {
        self.versions.last()
    }

    /// (at, seq) of the latest version, for ordering.
    fn key(&self) -> (i64, u64) {
        match self.latest() {
            Some(ChainRecord {
                seq,
                op: ChainOp::Version { at, .. },
                ..
            }) => (*at, *seq),
            Some(r) => (i64::MAX, r.seq),
            None => (i64::MAX, u64::MAX),
        }
    }
}

struct Report<'a> {
    ev: &'a Evidence,
    tz: Tz,
    zone_known: bool,
    sections: BTreeMap<Section, Vec<Shown>>,
    redactions: Vec<ChainRecord>,
    unreadable: Vec<(u64, &'a Value)>,
    included: usize,
    omitted: Vec<u64>,
}

impl<'a> Report<'a> {
    fn new(ev: &'a Evidence) -> Self {
        let (tz, zone_known) = match localtime::zone(&ev.zone) {
            Ok(tz) => (tz, true),
            Err(_) => (Tz::UTC, false),
        };
        let mut by_entry: BTreeMap<String, Vec<ChainRecord>> = BTreeMap::new();
        let mut redactions = Vec::new();
        let mut unreadable = Vec::new();
        let mut omitted = Vec::new();
        let mut included = 0;
        for item in &ev.records {
            match item {
                Item::Omitted { seq, .. } => omitted.push(*seq),
                Item::Included { seq, record, .. } => {
                    included += 1;
                    match view::parse(record) {
                        Some(r) if matches!(r.op, ChainOp::Redact) => redactions.push(r),
                        Some(r) => by_entry.entry(r.entry.clone()).or_default().push(r),
                        None => unreadable.push((*seq, record)),
                    }
                }
            }
        }
        let mut sections: BTreeMap<Section, Vec<Shown>> = BTreeMap::new();
        for (_, mut versions) in by_entry {
            versions.sort_by_key(|r| r.seq);
            let section = match versions.last().map(|r| &r.op) {
                Some(ChainOp::Version { content, .. }) => Section::of(content),
                _ => continue,
            };
            sections
                .entry(section)
                .or_default()
                .push(Shown { versions });
        }
        for list in sections.values_mut() {
            list.sort_by_key(Shown::key);
        }
        Report {
            ev,
            tz,
            zone_known,
            sections,
            redactions,
            unreadable,
            included,
            omitted,
        }
    }

    fn render(&self) -> String {
        let mut h = Html::default();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.raw("<meta name=\"generator\" content=\"nocontact evidence report, layout ");
        h.raw(&REPORT_LAYOUT.to_string());
        h.raw("\">\n<title>Evidence report: record of contact</title>\n<style>");
        h.raw(STYLE);
        h.raw(&self.page_style());
        h.raw("</style>\n</head>\n<body>\n");
        self.cover(&mut h);
        for section in Section::ALL {
            self.section(&mut h, section);
        }
        self.other_records(&mut h);
        self.proof(&mut h);
        h.raw("</body>\n</html>\n");
        h.0
    }

    /// Page margins and the footer printed on every page (with the head,
    /// only when it is well-formed hex, so nothing from the file reaches
    /// the style sheet).
    fn page_style(&self) -> String {
        let head = chain::from_hex(&self.ev.chain.head)
            .map(|h| chain::to_hex(&h))
            .unwrap_or_default();
        let left = if head.is_empty() {
            "nocontact evidence report".to_owned()
        } else {
            format!("nocontact evidence report \\B7  chain head {}", &head[..16])
        };
        format!(
            "@page{{margin:16mm 14mm 18mm;\
@bottom-left{{content:\"{left}\";font:8pt system-ui,sans-serif;color:#444}}\
@bottom-right{{content:\"Page \" counter(page) \" of \" counter(pages);font:8pt system-ui,sans-serif;color:#444}}}}"
        )
    }

    // ---------------------------------------------------------------- cover

    fn cover(&self, h: &mut Html) {
        h.raw("<section class=\"cover\">\n<p class=\"meta\">Evidence report from a personal log kept with the nocontact app</p>\n");
        h.raw("<h1>Record of contact</h1>\n<table class=\"facts\">\n");
        h.raw("<tr><th>About</th><td>");
        self.about(h);
        h.raw("</td></tr>\n<tr><th>Period</th><td>");
        self.period(h);
        h.raw("</td></tr>\n<tr><th>Times are shown in</th><td>");
        self.zone_name(h);
        h.raw("</td></tr>\n<tr><th>Made</th><td>");
        h.raw(&self.when(self.ev.made_at));
        h.raw(", by the person who kept the log, with the nocontact app</td></tr>\n");
        h.raw("<tr><th>Entries in this report</th><td>");
        let counts: Vec<String> = Section::ALL
            .iter()
            .filter(|s| self.selected(**s) || self.count(**s) > 0)
            .map(|s| s.counted(self.count(*s)))
            .collect();
        if counts.is_empty() {
            h.raw("none");
        } else {
            h.raw(&counts.join("<br>"));
        }
        h.raw("</td></tr>\n<tr><th>The log</th><td>");
        h.raw(&format!(
            "{} in the hash chain: {} shown here in full, {} left out (only their digests are given)",
            plural(self.ev.records.len(), "record", "records"),
            self.included,
            self.omitted.len()
        ));
        if !self.redactions.is_empty() {
            h.raw(&format!(
                "; {} shown",
                plural(self.redactions.len(), "deletion mark", "deletion marks")
            ));
        }
        h.raw("</td></tr>\n</table>\n");
        let attempts = self.shown(Section::Attempts);
        if !attempts.is_empty() {
            self.by_channel(h, attempts);
            self.by_period(h, attempts);
        }
        h.raw("</section>\n");
    }

    fn about(&self, h: &mut Html) {
        match &self.ev.selection.person_id {
            Some(id) => self.person(h, id),
            None => {
                h.raw("Everyone in the log");
                if !self.ev.people.is_empty() {
                    h.raw(": ");
                    for (i, id) in self.ev.people.keys().enumerate() {
                        if i > 0 {
                            h.raw("; ");
                        }
                        self.person(h, id);
                    }
                }
            }
        }
    }

    fn person(&self, h: &mut Html, id: &str) {
        match self.ev.people.get(id) {
            Some(p) => {
                h.raw("<b>");
                h.inline(&p.alias);
                h.raw("</b> (");
                h.text(&p.relationship.replace('_', " "));
                h.raw(")");
            }
            None => {
                h.raw("a person not named in this export (id <span class=\"mono\">");
                h.text(&short(id));
                h.raw("</span>)");
            }
        }
    }

    fn period(&self, h: &mut Html) {
        let p = &self.ev.period;
        match p.from {
            Some(from) => h.raw(&format!("From {}", self.when(from))),
            None => h.raw("From the start of the log"),
        }
        match p.until {
            Some(until) => h.raw(&format!("<br>until {} (not included)", self.when(until))),
            None => h.raw("<br>until the report was made"),
        }
    }

    fn zone_name(&self, h: &mut Html) {
        h.text(&self.ev.zone);
        if !self.zone_known {
            h.raw(" (not a time zone this version knows: times are shown in UTC)");
        }
        h.raw(". Each entry also keeps the UTC offset where it was logged; where that differs, the local time there is shown too.");
    }

    fn by_channel(&self, h: &mut Html, attempts: &[Shown]) {
        let mut counts: BTreeMap<Channel, usize> = BTreeMap::new();
        for shown in attempts {
            if let Some(a) = attempt_of(shown.latest()) {
                *counts.entry(a.channel).or_default() += 1;
            }
        }
        let rows: Vec<(String, usize)> = Channel::ALL
            .iter()
            .filter_map(|c| counts.get(c).map(|n| (channel_name(*c).to_owned(), *n)))
            .collect();
        h.raw("<h2>Their attempts by channel</h2>\n");
        bars(h, "Channel", &rows);
    }

    fn by_period(&self, h: &mut Html, attempts: &[Shown]) {
        let days: Vec<NaiveDate> = attempts
            .iter()
            .filter_map(|s| match s.latest().map(|r| &r.op) {
                Some(ChainOp::Version { at, .. }) => self.local(*at).map(|t| t.date_naive()),
                _ => None,
            })
            .collect();
        let (Some(first), Some(last)) = (days.iter().min(), days.iter().max()) else {
            return;
        };
        let first_week = localtime::week_start(*first);
        let last_week = localtime::week_start(*last);
        let weeks = (last_week - first_week).num_weeks() + 1;
        let mut rows = Vec::new();
        if weeks <= WEEK_ROWS_MAX {
            h.raw("<h2>Their attempts by week</h2>\n");
            let mut counts: BTreeMap<NaiveDate, usize> = BTreeMap::new();
            for d in &days {
                *counts.entry(localtime::week_start(*d)).or_default() += 1;
            }
            let mut week = first_week;
            while week <= last_week {
                let n = counts.get(&week).copied().unwrap_or(0);
                rows.push((format!("Week of {}", week.format("%a %Y-%m-%d")), n));
                match week.checked_add_days(chrono::Days::new(7)) {
                    Some(next) => week = next,
                    None => break,
                }
            }
            bars(h, "Week (Monday to Sunday)", &rows);
        } else {
            h.raw("<h2>Their attempts by month</h2>\n");
            let month = |d: &NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
            let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
            for d in &days {
                *counts.entry(month(d)).or_default() += 1;
            }
            let (lo, hi) = (month(first), month(last));
            let label = |m: i64| format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1);
            if hi - lo < MONTH_ROWS_MAX {
                for m in lo..=hi {
                    rows.push((label(m), counts.get(&m).copied().unwrap_or(0)));
                }
            } else {
                rows.extend(counts.iter().map(|(m, n)| (label(*m), *n)));
            }
            bars(h, "Month", &rows);
        }
    }

    // ------------------------------------------------------------- sections

    fn selected(&self, section: Section) -> bool {
        self.ev
            .selection
            .kinds
            .iter()
            .any(|k| k == section.kind_id())
    }

    fn shown(&self, section: Section) -> &[Shown] {
        self.sections.get(&section).map_or(&[], Vec::as_slice)
    }

    fn count(&self, section: Section) -> usize {
        self.shown(section).len()
    }

    fn section(&self, h: &mut Html, section: Section) {
        let entries = self.shown(section);
        if entries.is_empty() && !self.selected(section) {
            return;
        }
        h.raw("<section class=\"part\">\n<h2>");
        h.raw(section.title());
        h.raw("</h2>\n");
        if entries.is_empty() {
            h.raw("<p class=\"none\">None in this period.</p>\n</section>\n");
            return;
        }
        h.raw(&format!(
            "<p class=\"meta\">{}, oldest first.</p>\n",
            capitalize(&section.counted(entries.len()))
        ));
        if section == Section::Attempts {
            self.attempt_index(h, entries);
        }
        for (i, shown) in entries.iter().enumerate() {
            self.entry(h, section, i + 1, shown);
        }
        h.raw("</section>\n");
    }

    fn attempt_index(&self, h: &mut Html, entries: &[Shown]) {
        h.raw("<table class=\"index\">\n<thead><tr><th>#</th><th>When</th><th>Channel</th><th>My response</th><th>Felt unsafe</th></tr></thead>\n<tbody>\n");
        for (i, shown) in entries.iter().enumerate() {
            let Some(r) = shown.latest() else { continue };
            let ChainOp::Version { at, content, .. } = &r.op else {
                continue;
            };
            let Some(a) = attempt_in(content) else {
                continue;
            };
            h.raw(&format!(
                "<tr><td><a href=\"#e{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                r.seq,
                i + 1,
                self.when(*at),
                channel_name(a.channel),
                response_name(a.response),
                unsafe_short(a.felt_unsafe)
            ));
        }
        h.raw("</tbody>\n</table>\n");
    }

    fn entry(&self, h: &mut Html, section: Section, number: usize, shown: &Shown) {
        let Some(latest) = shown.latest() else { return };
        let ChainOp::Version {
            revision,
            at,
            utc_offset_seconds,
            content,
        } = &latest.op
        else {
            return;
        };
        h.raw(&format!(
            "<article class=\"entry\" id=\"e{}\">\n<div class=\"head\"><b>{} {}</b><span>{}</span></div>\n",
            latest.seq,
            section.item(),
            number,
            self.when(*at)
        ));
        self.fields(h, *at, *utc_offset_seconds, content);
        self.record_line(h, latest);
        let earlier = &shown.versions[..shown.versions.len().saturating_sub(1)];
        if *revision > 0 {
            h.raw(&format!(
                "<p class=\"notice\">Amended: this is version {} of this entry (corrected {}). ",
                revision.saturating_add(1),
                plural(
                    usize::try_from(*revision).unwrap_or(usize::MAX),
                    "time",
                    "times"
                )
            ));
            if earlier.is_empty() {
                h.raw("The earlier versions are not part of this export.</p>\n");
            } else if earlier.len() as u64 == *revision {
                h.raw("The earlier versions follow, oldest first.</p>\n");
            } else {
                h.raw("Some earlier versions follow, oldest first; the others are not part of this export.</p>\n");
            }
        }
        for version in earlier {
            if let ChainOp::Version {
                revision,
                at,
                utc_offset_seconds,
                content,
            } = &version.op
            {
                h.raw(&format!(
                    "<div class=\"earlier\">\n<p><b>Earlier version {}</b></p>\n",
                    revision.saturating_add(1)
                ));
                self.fields(h, *at, *utc_offset_seconds, content);
                self.record_line(h, version);
                h.raw("</div>\n");
            }
        }
        h.raw("</article>\n");
    }

    /// The chain record's place and digest, and when it was recorded.
    fn record_line(&self, h: &mut Html, r: &ChainRecord) {
        h.raw(&format!(
            "<p class=\"meta\">Recorded {}. Chain record {}, entry <span class=\"mono\">",
            self.when(r.recorded_at),
            r.seq
        ));
        h.text(&short(&r.entry));
        h.raw("</span>, digest <span class=\"mono\">");
        h.raw(&chain::to_hex(&r.digest));
        h.raw("</span></p>\n");
    }

    fn fields(&self, h: &mut Html, at: i64, offset: i64, content: &EntryBody) {
        h.raw("<dl>\n");
        field(h, "When");
        h.raw(&self.when(at));
        if let Some(there) = self.logged_there(at, offset) {
            h.raw(&format!("<br><span class=\"meta\">{there}</span>"));
        }
        if let EntryBody::Event { locked: true, .. } = content {
            h.raw("<br><span class=\"meta\">logged at that moment with a quick entry, while the app was locked</span>");
        }
        h.raw("</dd>\n");
        match content {
            EntryBody::Event { body, .. } => match body {
                EventBody::TheirAttempt { attempt } => self.attempt_fields(h, attempt),
                EventBody::MyContact { contact } => self.contact_fields(h, contact),
                EventBody::Urge { urge } => self.urge_fields(h, urge),
                EventBody::CheckIn { check_in } => check_in_fields(h, check_in),
            },
            EntryBody::Reflection { body } => self.reflection_fields(h, body),
        }
        h.raw("</dl>\n");
    }

    fn attempt_fields(&self, h: &mut Html, a: &TheirAttempt) {
        field(h, "Who");
        self.person(h, &a.person_id);
        h.raw("</dd>\n");
        field(h, "Channel");
        h.raw(channel_name(a.channel));
        h.raw("</dd>\n");
        field(h, "From (number, address or account)");
        h.inline_or_none(&a.handle);
        h.raw("</dd>\n");
        field(
            h,
            if a.said_verbatim {
                "What they said (their exact words)"
            } else {
                "What they said (a summary)"
            },
        );
        if a.said.is_empty() {
            h.raw("<span class=\"none\">not recorded</span>");
        } else {
            h.raw(if a.said_verbatim {
                "<div class=\"text quote\" dir=\"auto\">"
            } else {
                "<div class=\"text\" dir=\"auto\">"
            });
            h.text(&a.said);
            h.raw("</div>");
        }
        h.raw("</dd>\n");
        field(h, "My response");
        h.raw(response_name(a.response));
        h.raw("</dd>\n");
        field(h, "Where");
        h.inline_or_none(&a.location);
        h.raw("</dd>\n");
        field(h, "Witnesses");
        h.list(&a.witnesses);
        h.raw("</dd>\n");
        field(h, "How unsafe it felt");
        h.raw(&unsafe_long(a.felt_unsafe));
        h.raw("</dd>\n");
        field(h, "Attachments");
        if a.attachments.is_empty() {
            h.raw("<span class=\"none\">none</span>");
        } else {
            h.raw("<ul>");
            for att in &a.attachments {
                h.raw("<li>");
                h.inline(&att.app_id);
                h.raw("<br>SHA-256 <span class=\"mono\">");
                h.text(&att.sha256);
                h.raw("</span></li>");
            }
            h.raw("</ul>");
        }
        h.raw("</dd>\n");
        self.note(h, &a.note);
    }

    fn contact_fields(&self, h: &mut Html, c: &MyContact) {
        field(h, "With");
        self.person(h, &c.person_id);
        h.raw("</dd>\n");
        field(h, "Channel");
        h.raw(channel_name(c.channel));
        h.raw("</dd>\n");
        field(h, "Who started it");
        h.raw(match c.initiated_by {
            Initiator::Me => "I did",
            Initiator::Them => "They did; I answered",
        });
        h.raw("</dd>\n");
        if !c.crossed_boundary_ids.is_empty() {
            field(h, "Boundaries crossed");
            self.labels(h, &c.crossed_boundary_ids);
            h.raw("</dd>\n");
        }
        self.note(h, &c.note);
    }

    fn urge_fields(&self, h: &mut Html, u: &Urge) {
        if let Some(p) = &u.person_id {
            field(h, "About");
            self.person(h, p);
            h.raw("</dd>\n");
        }
        field(h, "Intensity");
        h.raw(&format!("{} of 10", u.intensity));
        h.raw("</dd>\n");
        field(h, "Outcome");
        h.raw(match u.outcome {
            UrgeOutcome::Resisted => "Resisted",
            UrgeOutcome::Delayed => "Delayed",
            UrgeOutcome::ReachedOut => "Reached out",
        });
        if let Some(via) = u.reached_out_via {
            h.raw(" (");
            h.raw(channel_name(via));
            h.raw(")");
        }
        h.raw("</dd>\n");
        if !u.trigger_ids.is_empty() {
            field(h, "Triggers");
            self.labels(h, &u.trigger_ids);
            h.raw("</dd>\n");
        }
        if !u.emotions.is_empty() || !u.other_emotions.is_empty() {
            field(h, "Feelings");
            let mut words: Vec<String> = u
                .emotions
                .iter()
                .map(|e| emotion_name(*e).to_owned())
                .collect();
            words.extend(u.other_emotions.iter().cloned());
            h.list(&words);
            h.raw("</dd>\n");
        }
        if !u.coping.is_empty() {
            field(h, "What helped");
            h.list(&u.coping);
            h.raw("</dd>\n");
        }
        self.note(h, &u.note);
    }

    fn reflection_fields(&self, h: &mut Html, r: &ReflectionBody) {
        field(h, "Kind");
        match &r.kind {
            ReflectionKind::Journal { prompt_id: None } => h.raw("Journal entry"),
            ReflectionKind::Journal {
                prompt_id: Some(prompt),
            } => {
                h.raw("Journal entry, answering the prompt ");
                match self.ev.labels.get(prompt) {
                    Some(text) => {
                        h.raw("“");
                        h.inline(text);
                        h.raw("”");
                    }
                    None => {
                        h.raw("<span class=\"mono\">");
                        h.text(prompt);
                        h.raw("</span>");
                    }
                }
            }
            ReflectionKind::UnsentLetter { person_id } => {
                h.raw("A letter never sent, to ");
                self.person(h, person_id);
            }
        }
        h.raw("</dd>\n");
        if !r.title.is_empty() {
            field(h, "Title");
            h.inline(&r.title);
            h.raw("</dd>\n");
        }
        field(h, "Text");
        h.block(&r.text);
        h.raw("</dd>\n");
        if let Some(mood) = r.mood {
            field(h, "Mood");
            h.raw(&format!("{mood} of 5"));
            h.raw("</dd>\n");
        }
        if !r.tags.is_empty() {
            field(h, "Tags");
            h.list(&r.tags);
            h.raw("</dd>\n");
        }
    }

    fn note(&self, h: &mut Html, note: &str) {
        if !note.is_empty() {
            field(h, "Note");
            h.block(note);
            h.raw("</dd>\n");
        }
    }

    /// Names for ids (triggers, boundaries), from `labels`.
    fn labels(&self, h: &mut Html, ids: &[String]) {
        h.raw("<ul>");
        for id in ids {
            h.raw("<li>");
            match self.ev.labels.get(id) {
                Some(text) => h.inline(text),
                None => {
                    h.raw("<span class=\"none\">not named in this export</span> (id <span class=\"mono\">");
                    h.text(&short(id));
                    h.raw("</span>)");
                }
            }
            h.raw("</li>");
        }
        h.raw("</ul>");
    }

    // ------------------------------------------------- the rest of the chain

    fn other_records(&self, h: &mut Html) {
        if self.redactions.is_empty() && self.unreadable.is_empty() {
            return;
        }
        h.raw("<section class=\"part\">\n<h2>Other records in this export</h2>\n");
        if !self.redactions.is_empty() {
            h.raw("<h3>Deletion marks</h3>\n<p>The person deleted these entries. A deleted entry's content is erased from the phone; the mark stays in the chain, and so do the digests of its earlier records, so the deletion shows.</p>\n<ul>\n");
            for r in &self.redactions {
                h.raw(&format!(
                    "<li>Chain record {}: entry <span class=\"mono\">",
                    r.seq
                ));
                h.text(&short(&r.entry));
                h.raw(&format!(
                    "</span> deleted {}</li>\n",
                    self.when(r.recorded_at)
                ));
            }
            h.raw("</ul>\n");
        }
        if !self.unreadable.is_empty() {
            h.raw("<h3>Records in a form this version cannot show as entries</h3>\n<p>Shown exactly as they are in the chain (canonical JSON).</p>\n");
            for (seq, value) in &self.unreadable {
                h.raw(&format!(
                    "<article class=\"entry\" id=\"e{seq}\">\n<div class=\"head\"><b>Chain record {seq}</b></div>\n"
                ));
                let text = canonical::to_bytes(value)
                    .ok()
                    .and_then(|b| String::from_utf8(b).ok())
                    .unwrap_or_else(|| value.to_string());
                h.raw("<div class=\"text mono\" dir=\"ltr\">");
                h.text(&text);
                h.raw("</div>\n</article>\n");
            }
        }
        h.raw("</section>\n");
    }

    fn proof(&self, h: &mut Html) {
        h.raw("<section class=\"part\">\n<h2>What this report proves, and what it does not</h2>\n");
        h.raw(PROOF_TEXT);
        h.raw("<h3>The chain in this export</h3>\n<table class=\"facts\">\n");
        h.raw(&format!(
            "<tr><th>Records</th><td>{} (numbered 0 to {})</td></tr>\n",
            self.ev.chain.count,
            self.ev.chain.count.saturating_sub(1)
        ));
        h.raw(&format!(
            "<tr><th>Shown in full</th><td>{}</td></tr>\n",
            self.included
        ));
        h.raw("<tr><th>Left out (digest only)</th><td>");
        if self.omitted.is_empty() {
            h.raw("none");
        } else {
            h.raw(&format!(
                "{}: {}",
                self.omitted.len(),
                ranges(&self.omitted)
            ));
        }
        h.raw("</td></tr>\n<tr><th>Head (the last link)</th><td class=\"mono\">");
        h.text(&self.ev.chain.head);
        h.raw("</td></tr>\n</table>\n<h3>Checkpoint codes</h3>\n");
        if self.ev.checkpoints.is_empty() {
            h.raw("<p>No checkpoint was made before this export.</p>\n");
        } else {
            h.raw("<p>Codes the person made earlier. Each commits to the chain as it was then; a code that someone else received at that time shows that the records up to it existed then, unchanged.</p>\n");
            h.raw("<table>\n<thead><tr><th>Code</th><th>Made</th><th>Records then</th></tr></thead>\n<tbody>\n");
            for c in &self.ev.checkpoints {
                h.raw("<tr><td class=\"mono\">");
                h.text(&c.code);
                h.raw(&format!(
                    "</td><td>{}</td><td>{}</td></tr>\n",
                    self.when(c.made_at),
                    c.count
                ));
            }
            h.raw("</tbody>\n</table>\n");
        }
        h.raw(VERIFY_TEXT);
        h.raw("</section>\n");
    }

    // ---------------------------------------------------------------- times

    fn local(&self, ms: i64) -> Option<DateTime<Tz>> {
        utc(ms).map(|t| t.with_timezone(&self.tz))
    }

    /// "Sat 2026-03-14 21:05 (UTC+01:00)" in the report's zone.
    fn when(&self, ms: i64) -> String {
        match self.local(ms) {
            Some(t) => format!(
                "{} ({})",
                t.format("%a %Y-%m-%d %H:%M"),
                offset_name(i64::from(t.offset().fix().local_minus_utc()))
            ),
            None => format!("an instant out of range ({ms} ms)"),
        }
    }

    /// The local time where the entry was logged, when its offset differs
    /// from the report zone's at that instant.
    fn logged_there(&self, at: i64, offset: i64) -> Option<String> {
        let local = self.local(at)?;
        if i64::from(local.offset().fix().local_minus_utc()) == offset {
            return None;
        }
        let there = i32::try_from(offset)
            .ok()
            .and_then(FixedOffset::east_opt)
            .and_then(|o| utc(at).map(|t| t.with_timezone(&o)));
        Some(match there {
            Some(t) => format!(
                "Logged where the clock read {} ({})",
                t.format("%a %Y-%m-%d %H:%M"),
                offset_name(offset)
            ),
            None => format!("Logged with an impossible UTC offset ({offset} seconds)"),
        })
    }
}

const PROOF_TEXT: &str = "\
<p>Every entry in the person's log is a record in a <b>hash chain</b> kept on their phone. \
Each record has a <b>digest</b>: a SHA-256 fingerprint of its exact content, which changes completely \
if a single character changes. Each record's <b>link</b> combines the link before it with the \
record's digest, so the last link (the <b>head</b>) depends on every record before it, in order. \
A <b>checkpoint code</b> is a short code made from the number of records and the head; the person \
can give it to someone they trust (an advocate, a lawyer, the police) at any time.</p>\n\
<p><b>What it proves.</b></p>\n<ul>\n\
<li>Entries have not been changed since a checkpoint code that covers them left the phone: if a \
code someone received earlier matches this chain, every record up to that point existed when that code \
was shared, exactly as it is now. Entries recorded after the last code that was shared are covered \
from when a later code is shared.</li>\n\
<li>Entries left out of this export still exist in the chain between the entries shown: their \
digests are in the export, so the chain is complete, but their content is not shown.</li>\n\
<li>Corrections are visible: an amended entry keeps its earlier versions in the chain.</li>\n\
<li>Deletions are visible: a deleted entry leaves a deletion mark and the digests of its records; \
its content is gone.</li>\n</ul>\n\
<p><b>What it does not prove.</b></p>\n<ul>\n\
<li>That what was written is true. The log is the person's own account.</li>\n\
<li>When things were written, beyond their order: the times shown are what the phone recorded, and a \
phone's clock can be set.</li>\n\
<li>That nothing was left out before it was logged, or deleted before it was chained, beyond what \
the deletion marks show.</li>\n\
<li>Anything before the earliest checkpoint code shared with someone else: until a code leaves the \
phone, whoever holds the phone could rebuild the whole chain.</li>\n\
<li>The names shown for people, triggers and boundaries, the time zone, the period and the choice \
of entries are part of this export, not of the chain.</li>\n</ul>\n";

const VERIFY_TEXT: &str = "\
<h3>How to check this export</h3>\n\
<p>The export is a folder of three files: <span class=\"mono\">evidence.json</span> (the chained \
records and digests), <span class=\"mono\">report.html</span> (this report) and \
<span class=\"mono\">manifest.sha256</span> (the SHA-256 of the other two). With the nocontact \
command-line tool, no phone and no passcode needed:</p>\n\
<p class=\"mono\">nocontact verify FOLDER<br>nocontact verify FOLDER --checkpoint CODE</p>\n\
<p>It checks every digest and link, the head, the checkpoint codes listed above, a code you \
received earlier (it names the record count at which it matches), and that this report is exactly \
the one made from the records. <span class=\"mono\">sha256sum -c manifest.sha256</span> checks the \
files alone. The formats are described in the project's README (\"Evidence export format\"), \
so the chain can also be checked with other tools.</p>\n";

/// `<dt>label</dt><dd>` (the caller closes the `dd`).
fn field(h: &mut Html, label: &str) {
    h.raw("<dt>");
    h.raw(label);
    h.raw("</dt><dd>");
}

fn check_in_fields(h: &mut Html, c: &CheckIn) {
    field(h, "Mood");
    h.raw(&format!("{} of 5", c.mood));
    h.raw("</dd>\n");
    if let Some(energy) = c.energy {
        field(h, "Energy");
        h.raw(&format!("{energy} of 5"));
        h.raw("</dd>\n");
    }
    if !c.tags.is_empty() {
        field(h, "Tags");
        h.list(&c.tags);
        h.raw("</dd>\n");
    }
    if !c.note.is_empty() {
        field(h, "Note");
        h.block(&c.note);
        h.raw("</dd>\n");
    }
}

/// A table of counts with bars scaled to the largest.
fn bars(h: &mut Html, what: &str, rows: &[(String, usize)]) {
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    h.raw(&format!(
        "<table>\n<thead><tr><th>{what}</th><th class=\"num\">Count</th><th class=\"barcell\"></th></tr></thead>\n<tbody>\n"
    ));
    for (label, n) in rows {
        let width = n.saturating_mul(100) / max;
        h.raw(&format!(
            "<tr><td>{label}</td><td class=\"num\">{n}</td><td class=\"barcell\"><span class=\"bar\" style=\"width:{width}%\"></span></td></tr>\n"
        ));
    }
    h.raw("</tbody>\n</table>\n");
}

fn attempt_in(content: &EntryBody) -> Option<&TheirAttempt> {
    match content {
        EntryBody::Event {
            body: EventBody::TheirAttempt { attempt },
            ..
        } => Some(attempt),
        _ => None,
    }
}

fn attempt_of(record: Option<&ChainRecord>) -> Option<&TheirAttempt> {
    match &record?.op {
        ChainOp::Version { content, .. } => attempt_in(content),
        ChainOp::Redact => None,
    }
}

fn utc(ms: i64) -> Option<DateTime<Utc>> {
    if (INSTANT_MIN_MS..=INSTANT_MAX_MS).contains(&ms) {
        DateTime::from_timestamp_millis(ms)
    } else {
        None
    }
}

/// "UTC+01:00", "UTC-05:30", "UTC+00:00".
fn offset_name(seconds: i64) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let abs = seconds.unsigned_abs();
    let (hours, minutes, secs) = (abs / 3600, abs % 3600 / 60, abs % 60);
    if secs == 0 {
        format!("UTC{sign}{hours:02}:{minutes:02}")
    } else {
        format!("UTC{sign}{hours:02}:{minutes:02}:{secs:02}")
    }
}

fn channel_name(c: Channel) -> &'static str {
    match c {
        Channel::Call => "Phone call",
        Channel::Text => "Text message",
        Channel::MessagingApp => "Messaging app",
        Channel::Email => "Email",
        Channel::SocialMedia => "Social media",
        Channel::InPerson => "In person",
        Channel::ThroughSomeone => "Through someone else",
        Channel::Other => "Other",
    }
}

fn response_name(r: AttemptResponse) -> &'static str {
    match r {
        AttemptResponse::Ignored => "I did not respond",
        AttemptResponse::Blocked => "I blocked them",
        AttemptResponse::Replied => "I replied",
        AttemptResponse::Reported => "I reported it",
    }
}

const UNSAFE: [&str; 5] = ["not at all", "a little", "somewhat", "very", "in danger"];

fn unsafe_short(level: u8) -> String {
    match UNSAFE.get(usize::from(level)) {
        Some(word) => format!("{level} of 4, {word}"),
        None => format!("{level} (out of the 0 to 4 scale)"),
    }
}

fn unsafe_long(level: u8) -> String {
    format!(
        "{} <span class=\"meta\">(0 not at all, 4 in danger)</span>",
        unsafe_short(level)
    )
}

pub(crate) fn emotion_name(e: Emotion) -> &'static str {
    match e {
        Emotion::Lonely => "lonely",
        Emotion::Sad => "sad",
        Emotion::Angry => "angry",
        Emotion::Anxious => "anxious",
        Emotion::Afraid => "afraid",
        Emotion::Guilty => "guilty",
        Emotion::Ashamed => "ashamed",
        Emotion::Nostalgic => "nostalgic",
        Emotion::Bored => "bored",
        Emotion::Numb => "numb",
        Emotion::Confused => "confused",
        Emotion::Hopeful => "hopeful",
        Emotion::Relieved => "relieved",
        Emotion::Proud => "proud",
    }
}

/// The first 8 characters of an id, for reference.
fn short(id: &str) -> String {
    let mut s: String = id.chars().take(8).collect();
    if id.chars().nth(8).is_some() {
        s.push('…');
    }
    s
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "0–4, 7, 9–20" for sorted sequence numbers.
fn ranges(seqs: &[u64]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < seqs.len() {
        let start = seqs[i];
        let mut end = start;
        while i + 1 < seqs.len() && end.checked_add(1) == Some(seqs[i + 1]) {
            i += 1;
            end = seqs[i];
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}–{end}")
        });
        i += 1;
    }
    parts.join(", ")
}

/// U+202A–U+202E and U+2066–U+2069. (The marks U+200E and U+200F, common
/// in right-to-left typing, reorder nothing and are kept.)
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// HTML being written. `raw` takes markup this module wrote; `text` and the
/// helpers built on it take anything else.
#[derive(Default)]
struct Html(String);

impl Html {
    fn raw(&mut self, markup: &str) {
        self.0.push_str(markup);
    }

    /// Escaped text. Control characters other than tab and line breaks are
    /// shown as their code point (`[U+0007]`) rather than passed on: HTML
    /// forbids them, and a reader should see that they are there. So are
    /// the bidirectional embeddings, overrides and isolates, which would
    /// show words in another order than they were written.
    fn text(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '&' => self.0.push_str("&amp;"),
                '<' => self.0.push_str("&lt;"),
                '>' => self.0.push_str("&gt;"),
                '"' => self.0.push_str("&quot;"),
                '\'' => self.0.push_str("&#39;"),
                '\t' | '\n' | '\r' => self.0.push(c),
                c if c.is_control() || is_bidi_control(c) => {
                    self.0
                        .push_str(&format!("<span class=\"ctl\">[U+{:04X}]</span>", c as u32));
                }
                c => self.0.push(c),
            }
        }
    }

    /// A short text within a line, isolated from its surroundings.
    fn inline(&mut self, text: &str) {
        self.raw("<bdi>");
        self.text(text);
        self.raw("</bdi>");
    }

    fn inline_or_none(&mut self, text: &str) {
        if text.is_empty() {
            self.raw("<span class=\"none\">not recorded</span>");
        } else {
            self.inline(text);
        }
    }

    /// A text that may span lines, kept as written.
    fn block(&mut self, text: &str) {
        self.raw("<div class=\"text\" dir=\"auto\">");
        self.text(text);
        self.raw("</div>");
    }

    fn list(&mut self, items: &[String]) {
        if items.is_empty() {
            self.raw("<span class=\"none\">none recorded</span>");
            return;
        }
        self.raw("<ul>");
        for item in items {
            self.raw("<li>");
            self.inline(item);
            self.raw("</li>");
        }
        self.raw("</ul>");
    }
}

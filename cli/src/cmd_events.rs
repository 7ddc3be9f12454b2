//! `events`: the log, newest first, a page at a time.

use chrono::NaiveDate;
use nocontact_core::{EventKind, EventQuery, Vault};

use crate::args::{Flags, Kind, Options, Parse};
use crate::{describe, ids, render, when};

pub(crate) const USAGE: &str = "\
usage:
  nocontact events [--kind KIND ...] [--person ID] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                   [--limit N] [--page N] [--json]

KIND: urge, contact, attempt, checkin (all when none is given)
--from and --to are local days, both included; --limit is 1-500 (default 20).
Entries logged with `drop` while the vault was locked are marked \"(quick, while
locked)\"; --json prints the page as JSON, with logged_while_locked on each event.";

const DEFAULT_LIMIT: u32 = 20;

#[derive(Debug)]
pub(crate) struct EventsCmd {
    kinds: Vec<EventKind>,
    person: Option<String>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    limit: u32,
    page: u32,
    json: bool,
}

pub(crate) fn parse(args: &[String], options: &mut Options) -> Parse<EventsCmd> {
    let f = Flags::parse(
        args,
        &[
            ("--kind", Kind::Many),
            ("--person", Kind::Value),
            ("--from", Kind::Value),
            ("--to", Kind::Value),
            ("--limit", Kind::Value),
            ("--page", Kind::Value),
            ("--json", Kind::Switch),
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
    let page = f.number("--page")?.unwrap_or(1);
    if page == 0 {
        return Err(f.error("--page starts at 1"));
    }
    Ok(EventsCmd {
        kinds: f.named_list("--kind")?,
        person: f.value("--person"),
        from: day("--from")?,
        to: day("--to")?,
        limit: f.number("--limit")?.unwrap_or(DEFAULT_LIMIT),
        page,
        json: f.switch("--json"),
    })
}

pub(crate) fn run(vault: &Vault, cmd: EventsCmd) -> Result<(), String> {
    let person_id = ids::maybe_person(vault, cmd.person.as_deref())?;
    let query = EventQuery {
        kinds: cmd.kinds,
        person_id,
        from: cmd.from.map(when::start_of_day),
        until: cmd.to.and_then(|d| d.succ_opt()).map(when::start_of_day),
        offset: (cmd.page - 1).saturating_mul(cmd.limit),
        limit: cmd.limit,
    };
    let page = vault.list_events(query).map_err(describe)?;
    if cmd.json {
        let json = serde_json::json!({
            "events": page.events.iter().map(render::event_json).collect::<Vec<_>>(),
            "total": page.total,
            "next_offset": page.next_offset,
        });
        let text = serde_json::to_string_pretty(&json).map_err(|_| "cannot write JSON")?;
        println!("{text}");
        return Ok(());
    }
    let aliases = render::aliases(vault).map_err(describe)?;
    for event in &page.events {
        println!("{}", render::event_line(event, &aliases));
    }
    println!(
        "{}",
        footer(cmd.page, cmd.limit, page.total, page.next_offset)
    );
    Ok(())
}

/// "page 2 of 5 (93 events; next: --page 3)".
pub(crate) fn footer(page: u32, limit: u32, total: u64, next_offset: Option<u32>) -> String {
    if total == 0 {
        return "no events".to_owned();
    }
    let pages = total.div_ceil(u64::from(limit.max(1)));
    let events = render::count(total as usize, "event", "events");
    if u64::from(page) > pages {
        let pages = render::count(pages as usize, "page", "pages");
        return format!("page {page} is past the end ({events} in {pages})");
    }
    match next_offset {
        Some(_) => format!(
            "page {page} of {pages} ({events}; next: --page {})",
            page + 1
        ),
        None => format!("page {page} of {pages} ({events})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footers() {
        assert_eq!(footer(1, 20, 0, None), "no events");
        assert_eq!(footer(1, 20, 1, None), "page 1 of 1 (1 event)");
        assert_eq!(
            footer(2, 2, 5, Some(4)),
            "page 2 of 3 (5 events; next: --page 3)"
        );
        assert_eq!(footer(3, 2, 5, None), "page 3 of 3 (5 events)");
        assert_eq!(
            footer(9, 2, 5, None),
            "page 9 is past the end (5 events in 3 pages)"
        );
        assert_eq!(
            footer(2, 20, 1, None),
            "page 2 is past the end (1 event in 1 page)"
        );
    }
}

//! `person`, `boundary` and `trigger`: who the user keeps away from, the
//! lines they hold, and what sets urges off.

use nocontact_core::{
    Boundary, BoundaryInput, BoundaryKind, BoundaryStatus, ContactMode, Person, PersonInput,
    Relationship, Trigger, TriggerCategory, TriggerInput, Vault,
};

use crate::args::{subcommand, usage_error, Flags, Kind, Options, Parse};
use crate::render::{self, short_id, Aliases};
use crate::{describe, ids, names, when};

pub(crate) const PERSON_USAGE: &str = "\
usage:
  nocontact person add ALIAS --relationship REL --since YYYY-MM-DD
                   [--low-contact [--allow-channel CH ...] [--allow-topic TEXT ...]]
                   [--blocked-on CH ...] [--notes TEXT]
  nocontact person list [--all] [--full-ids]
                   (--all includes archived people; --full-ids shows whole ids,
                   as `drop` needs them)
  nocontact person archive ID
  nocontact person unarchive ID

REL: ex-partner, partner, parent, sibling, other-family, friend, co-worker, other
CH:  call, text, messaging-app, email, social-media, in-person, through-someone, other
ID:  the id shown by `person list`, or its first 4 or more characters";

pub(crate) const BOUNDARY_USAGE: &str = "\
usage:
  nocontact boundary add STATEMENT --kind KIND [--person ID] [--set-on YYYY-MM-DD]
                     [--review-on YYYY-MM-DD]       (--set-on defaults to today)
  nocontact boundary list [--person ID] [--status STATUS ...]
  nocontact boundary set-status ID STATUS

KIND:   communication, monitoring, in-person, through-other-people, digital,
        allowed-exception
STATUS: active, paused, retired";

pub(crate) const TRIGGER_USAGE: &str = "\
usage:
  nocontact trigger add NAME --category CAT [--date MM-DD] [--person ID]
  nocontact trigger list [--all]         (--all includes archived triggers)
  nocontact trigger archive ID
  nocontact trigger unarchive ID

CAT: place, time-of-day, date-or-anniversary (needs --date), emotion,
     person-or-mutual-friend, music-or-media, social-media, substance, other";

#[derive(Debug)]
pub(crate) enum PersonCmd {
    Add(PersonInput),
    List { all: bool, full_ids: bool },
    Archive { id: String, archived: bool },
}

#[derive(Debug)]
pub(crate) enum BoundaryCmd {
    /// `person_id` holds the id as typed until it is resolved.
    Add(BoundaryInput),
    List {
        person: Option<String>,
        statuses: Vec<BoundaryStatus>,
    },
    SetStatus {
        id: String,
        status: BoundaryStatus,
    },
}

#[derive(Debug)]
pub(crate) enum TriggerCmd {
    /// `person_id` holds the id as typed until it is resolved.
    Add(TriggerInput),
    List {
        all: bool,
    },
    Archive {
        id: String,
        archived: bool,
    },
}

pub(crate) fn parse_person(args: &[String], options: &mut Options) -> Parse<PersonCmd> {
    const U: &str = PERSON_USAGE;
    let (sub, rest) = subcommand(args, U)?;
    match sub {
        "add" => {
            let f = Flags::parse(
                rest,
                &[
                    ("--relationship", Kind::Value),
                    ("--since", Kind::Value),
                    ("--low-contact", Kind::Switch),
                    ("--allow-channel", Kind::Many),
                    ("--allow-topic", Kind::Many),
                    ("--blocked-on", Kind::Many),
                    ("--notes", Kind::Value),
                ],
                U,
                options,
            )?;
            let relationship: Relationship = f
                .named("--relationship")?
                .ok_or_else(|| f.error("--relationship is required"))?;
            let since = f
                .date("--since")?
                .ok_or_else(|| f.error("--since is required"))?;
            let allowed_channels = f.named_list("--allow-channel")?;
            let allowed_topics = f.values("--allow-topic");
            let mode = if f.switch("--low-contact") {
                ContactMode::LowContact {
                    allowed_channels,
                    allowed_topics,
                }
            } else if allowed_channels.is_empty() && allowed_topics.is_empty() {
                ContactMode::NoContact
            } else {
                return Err(f.error("--allow-channel and --allow-topic go with --low-contact"));
            };
            Ok(PersonCmd::Add(PersonInput {
                alias: f.text("ALIAS")?,
                relationship,
                mode,
                no_contact_since: since,
                blocked_on: f.named_list("--blocked-on")?,
                notes: f.value("--notes").unwrap_or_default(),
            }))
        }
        "list" => {
            let f = Flags::parse(
                rest,
                &[("--all", Kind::Switch), ("--full-ids", Kind::Switch)],
                U,
                options,
            )?;
            f.no_words()?;
            Ok(PersonCmd::List {
                all: f.switch("--all"),
                full_ids: f.switch("--full-ids"),
            })
        }
        "archive" | "unarchive" => {
            let f = Flags::parse(rest, &[], U, options)?;
            Ok(PersonCmd::Archive {
                id: f.one_word("ID")?,
                archived: sub == "archive",
            })
        }
        _ => Err(usage_error(U, "unknown person subcommand")),
    }
}

pub(crate) fn parse_boundary(args: &[String], options: &mut Options) -> Parse<BoundaryCmd> {
    const U: &str = BOUNDARY_USAGE;
    let (sub, rest) = subcommand(args, U)?;
    match sub {
        "add" => {
            let f = Flags::parse(
                rest,
                &[
                    ("--kind", Kind::Value),
                    ("--person", Kind::Value),
                    ("--set-on", Kind::Value),
                    ("--review-on", Kind::Value),
                ],
                U,
                options,
            )?;
            let kind: BoundaryKind = f
                .named("--kind")?
                .ok_or_else(|| f.error("--kind is required"))?;
            Ok(BoundaryCmd::Add(BoundaryInput {
                statement: f.text("STATEMENT")?,
                person_id: f.value("--person"),
                kind,
                set_on: f.date("--set-on")?.unwrap_or_else(when::local_today),
                review_on: f.date("--review-on")?,
            }))
        }
        "list" => {
            let f = Flags::parse(
                rest,
                &[("--person", Kind::Value), ("--status", Kind::Many)],
                U,
                options,
            )?;
            f.no_words()?;
            Ok(BoundaryCmd::List {
                person: f.value("--person"),
                statuses: f.named_list("--status")?,
            })
        }
        "set-status" => {
            let f = Flags::parse(rest, &[], U, options)?;
            let [id, status] = f.words() else {
                return Err(f.error("set-status needs an ID and a STATUS"));
            };
            let status = names::parse(status).ok_or_else(|| {
                f.error(format!(
                    "unknown status; one of: {}",
                    names::choices::<BoundaryStatus>()
                ))
            })?;
            Ok(BoundaryCmd::SetStatus {
                id: id.clone(),
                status,
            })
        }
        _ => Err(usage_error(U, "unknown boundary subcommand")),
    }
}

pub(crate) fn parse_trigger(args: &[String], options: &mut Options) -> Parse<TriggerCmd> {
    const U: &str = TRIGGER_USAGE;
    let (sub, rest) = subcommand(args, U)?;
    match sub {
        "add" => {
            let f = Flags::parse(
                rest,
                &[
                    ("--category", Kind::Value),
                    ("--date", Kind::Value),
                    ("--person", Kind::Value),
                ],
                U,
                options,
            )?;
            let category: TriggerCategory = f
                .named("--category")?
                .ok_or_else(|| f.error("--category is required"))?;
            let date = f
                .value("--date")
                .map(|d| when::parse_month_day(&d).ok_or_else(|| f.error("--date needs MM-DD")))
                .transpose()?;
            Ok(TriggerCmd::Add(TriggerInput {
                name: f.text("NAME")?,
                category,
                date,
                person_id: f.value("--person"),
            }))
        }
        "list" => {
            let f = Flags::parse(rest, &[("--all", Kind::Switch)], U, options)?;
            f.no_words()?;
            Ok(TriggerCmd::List {
                all: f.switch("--all"),
            })
        }
        "archive" | "unarchive" => {
            let f = Flags::parse(rest, &[], U, options)?;
            Ok(TriggerCmd::Archive {
                id: f.one_word("ID")?,
                archived: sub == "archive",
            })
        }
        _ => Err(usage_error(U, "unknown trigger subcommand")),
    }
}

pub(crate) fn run_person(vault: &Vault, cmd: PersonCmd) -> Result<(), String> {
    match cmd {
        PersonCmd::Add(input) => {
            let person = vault.add_person(input).map_err(describe)?;
            println!("added person {}", person_line(&person));
        }
        PersonCmd::List { all, full_ids } => {
            let people = vault.list_people(all).map_err(describe)?;
            if people.is_empty() {
                println!("no people yet; add one with `nocontact person add`");
            }
            for person in &people {
                let line = person_line(person);
                match line.strip_prefix(short_id(&person.id)) {
                    Some(rest) if full_ids => println!("{}{rest}", person.id),
                    _ => println!("{line}"),
                }
            }
        }
        PersonCmd::Archive { id, archived } => {
            let id = ids::person(vault, &id)?;
            let person = vault.set_person_archived(id, archived).map_err(describe)?;
            let done = if archived { "archived" } else { "restored" };
            println!("{done} {}  {}", short_id(&person.id), person.alias);
        }
    }
    Ok(())
}

pub(crate) fn run_boundary(vault: &Vault, cmd: BoundaryCmd) -> Result<(), String> {
    match cmd {
        BoundaryCmd::Add(mut input) => {
            input.person_id = ids::maybe_person(vault, input.person_id.as_deref())?;
            let boundary = vault.add_boundary(input).map_err(describe)?;
            let aliases = render::aliases(vault).map_err(describe)?;
            println!("added boundary {}", boundary_line(&boundary, &aliases));
        }
        BoundaryCmd::List { person, statuses } => {
            let person = ids::maybe_person(vault, person.as_deref())?;
            let all = vault.list_boundaries(person, statuses).map_err(describe)?;
            let aliases = render::aliases(vault).map_err(describe)?;
            if all.is_empty() {
                println!("no boundaries here");
            }
            for b in &all {
                println!("{}", boundary_line(b, &aliases));
            }
        }
        BoundaryCmd::SetStatus { id, status } => {
            let id = ids::boundary(vault, &id)?;
            let b = vault.set_boundary_status(id, status).map_err(describe)?;
            println!(
                "boundary {} is now {}",
                short_id(&b.id),
                names::name(b.status)
            );
        }
    }
    Ok(())
}

pub(crate) fn run_trigger(vault: &Vault, cmd: TriggerCmd) -> Result<(), String> {
    match cmd {
        TriggerCmd::Add(mut input) => {
            input.person_id = ids::maybe_person(vault, input.person_id.as_deref())?;
            let trigger = vault.add_trigger(input).map_err(describe)?;
            let aliases = render::aliases(vault).map_err(describe)?;
            println!("added trigger {}", trigger_line(&trigger, &aliases));
        }
        TriggerCmd::List { all } => {
            let triggers = vault.list_triggers(all).map_err(describe)?;
            let aliases = render::aliases(vault).map_err(describe)?;
            if triggers.is_empty() {
                println!("no triggers yet; add one with `nocontact trigger add`");
            }
            for t in &triggers {
                println!("{}", trigger_line(t, &aliases));
            }
        }
        TriggerCmd::Archive { id, archived } => {
            let id = ids::trigger(vault, &id)?;
            let t = vault.set_trigger_archived(id, archived).map_err(describe)?;
            let done = if archived { "archived" } else { "restored" };
            println!("{done} {}  {}", short_id(&t.id), t.name);
        }
    }
    Ok(())
}

pub(crate) fn person_line(p: &Person) -> String {
    let mode = match &p.mode {
        ContactMode::NoContact => "no contact".to_owned(),
        ContactMode::LowContact {
            allowed_channels,
            allowed_topics,
        } => {
            let mut allowed = Vec::new();
            if !allowed_channels.is_empty() {
                allowed.push(format!("by {}", names::list(allowed_channels)));
            }
            if !allowed_topics.is_empty() {
                allowed.push(format!("about {}", allowed_topics.join("; ")));
            }
            if allowed.is_empty() {
                "low contact".to_owned()
            } else {
                format!("low contact ({})", allowed.join(", "))
            }
        }
    };
    let days = when::naive(p.no_contact_since)
        .map(|since| (when::today() - since).num_days())
        .map(|n| format!(" ({})", render::count(n.max(0) as usize, "day", "days")))
        .unwrap_or_default();
    let mut line = format!(
        "{}  {}  {}  {mode} since {}{days}",
        short_id(&p.id),
        p.alias,
        names::name(p.relationship),
        when::show_date(p.no_contact_since),
    );
    if !p.blocked_on.is_empty() {
        line += &format!("  blocked on {}", names::list(&p.blocked_on));
    }
    if p.archived {
        line += "  [archived]";
    }
    line
}

fn alias_of(aliases: &Aliases, id: &Option<String>) -> String {
    id.as_ref()
        .map(|id| {
            let alias = aliases.get(id).map_or("?", String::as_str);
            format!("{alias}  ")
        })
        .unwrap_or_default()
}

pub(crate) fn boundary_line(b: &Boundary, aliases: &Aliases) -> String {
    let review = b
        .review_on
        .map(|d| format!(", review {}", when::show_date(d)))
        .unwrap_or_default();
    format!(
        "{}  {:<7}  {}  set {}{review}  {}{}",
        short_id(&b.id),
        names::name(b.status),
        names::name(b.kind),
        when::show_date(b.set_on),
        alias_of(aliases, &b.person_id),
        b.statement
    )
}

pub(crate) fn trigger_line(t: &Trigger, aliases: &Aliases) -> String {
    let date = t
        .date
        .map(|d| format!("  every {}", when::show_month_day(d)))
        .unwrap_or_default();
    let mut line = format!(
        "{}  {}{date}  {}{}",
        short_id(&t.id),
        names::name(t.category),
        alias_of(aliases, &t.person_id),
        t.name
    );
    if t.archived {
        line += "  [archived]";
    }
    line
}

//! `reflect`, `reflections`, `prompt` and `reasons`: writing things down,
//! and why.

use nocontact_core::{
    NewReflection, ReasonTheme, Reflection, ReflectionBody, ReflectionFilter, ReflectionKind,
    ReflectionQuery, Vault,
};

use crate::args::{usage_error, Flags, Kind, Options, Parse};
use crate::render::{self, short_id, Aliases};
use crate::{cmd_events, describe, ids, when};

pub(crate) const USAGE: &str = "\
usage:
  nocontact reflect TEXT                      a journal entry
  nocontact reflect --prompt TEXT             answer today's prompt (shown first)
  nocontact reflect --letter PERSON_ID TEXT   an unsent letter: kept here, never sent
      options for all three: [--title TEXT] [--tag TAG ...] [--mood 1-5]
  nocontact reflections [--journal | --letters] [--person ID] [--limit N] [--page N]
  nocontact prompt                            today's prompt
  nocontact reasons                           my reasons, then suggestions with their ids
  nocontact reasons add TEXT [--theme THEME]
  nocontact reasons accept SUGGESTION_ID [--as TEXT]   (--as: in my own words)

THEME: self-preservation, setting-boundaries, emotional-healing, breaking-the-cycle,
       personal-growth, protecting-others, regaining-control, creating-space";

const DEFAULT_LIMIT: u32 = 20;

#[derive(Debug)]
pub(crate) enum ReflectCmd {
    Write {
        /// The person as typed, for a letter.
        letter_to: Option<String>,
        prompt: bool,
        title: String,
        tags: Vec<String>,
        mood: Option<u8>,
        text: String,
    },
    List {
        filter: ReflectionFilter,
        person: Option<String>,
        limit: u32,
        page: u32,
    },
}

#[derive(Debug)]
pub(crate) enum ReasonsCmd {
    List,
    Add {
        text: String,
        theme: Option<ReasonTheme>,
    },
    Accept {
        id: String,
        text: Option<String>,
    },
}

pub(crate) fn parse_reflect(args: &[String], options: &mut Options) -> Parse<ReflectCmd> {
    let f = Flags::parse(
        args,
        &[
            ("--letter", Kind::Value),
            ("--prompt", Kind::Switch),
            ("--title", Kind::Value),
            ("--tag", Kind::Many),
            ("--mood", Kind::Value),
        ],
        USAGE,
        options,
    )?;
    let letter_to = f.value("--letter");
    let prompt = f.switch("--prompt");
    if letter_to.is_some() && prompt {
        return Err(f.error("--letter and --prompt do not go together"));
    }
    Ok(ReflectCmd::Write {
        letter_to,
        prompt,
        title: f.value("--title").unwrap_or_default(),
        tags: f.values("--tag"),
        mood: f.number("--mood")?,
        text: f.text("TEXT")?,
    })
}

pub(crate) fn parse_reflections(args: &[String], options: &mut Options) -> Parse<ReflectCmd> {
    let f = Flags::parse(
        args,
        &[
            ("--journal", Kind::Switch),
            ("--letters", Kind::Switch),
            ("--person", Kind::Value),
            ("--limit", Kind::Value),
            ("--page", Kind::Value),
        ],
        USAGE,
        options,
    )?;
    f.no_words()?;
    let filter = match (f.switch("--journal"), f.switch("--letters")) {
        (true, true) => return Err(f.error("--journal and --letters do not go together")),
        (true, false) => ReflectionFilter::Journal,
        (false, true) => ReflectionFilter::UnsentLetters,
        (false, false) => ReflectionFilter::All,
    };
    let page = f.number("--page")?.unwrap_or(1);
    if page == 0 {
        return Err(f.error("--page starts at 1"));
    }
    Ok(ReflectCmd::List {
        filter,
        person: f.value("--person"),
        limit: f.number("--limit")?.unwrap_or(DEFAULT_LIMIT),
        page,
    })
}

pub(crate) fn parse_reasons(args: &[String], options: &mut Options) -> Parse<ReasonsCmd> {
    match args.split_first() {
        Some((sub, rest)) if sub == "add" => {
            let f = Flags::parse(rest, &[("--theme", Kind::Value)], USAGE, options)?;
            Ok(ReasonsCmd::Add {
                text: f.text("TEXT")?,
                theme: f.named("--theme")?,
            })
        }
        Some((sub, rest)) if sub == "accept" => {
            let f = Flags::parse(rest, &[("--as", Kind::Value)], USAGE, options)?;
            Ok(ReasonsCmd::Accept {
                id: f.one_word("SUGGESTION_ID")?,
                text: f.value("--as"),
            })
        }
        Some((sub, _)) if !sub.starts_with('-') => {
            Err(usage_error(USAGE, "unknown reasons subcommand"))
        }
        _ => {
            Flags::parse(args, &[], USAGE, options)?.no_words()?;
            Ok(ReasonsCmd::List)
        }
    }
}

pub(crate) fn run_reflect(vault: &Vault, cmd: ReflectCmd) -> Result<(), String> {
    match cmd {
        ReflectCmd::Write {
            letter_to,
            prompt,
            title,
            tags,
            mood,
            text,
        } => {
            let kind = match (letter_to, prompt) {
                (Some(person), _) => ReflectionKind::UnsentLetter {
                    person_id: ids::person(vault, &person)?,
                },
                (None, true) => {
                    let prompt = vault
                        .prompt_of_the_day(when::local_today())
                        .map_err(describe)?;
                    println!("Today's prompt: {}", prompt.text);
                    ReflectionKind::Journal {
                        prompt_id: Some(prompt.id),
                    }
                }
                (None, false) => ReflectionKind::Journal { prompt_id: None },
            };
            let saved = vault
                .add_reflection(NewReflection {
                    at: None,
                    utc_offset_seconds: render::local_offset_seconds(),
                    body: ReflectionBody {
                        kind,
                        title,
                        text,
                        tags,
                        mood,
                    },
                })
                .map_err(describe)?;
            let aliases = render::aliases(vault).map_err(describe)?;
            println!("saved {}", reflection_heading(&saved, &aliases));
            if matches!(saved.body.kind, ReflectionKind::UnsentLetter { .. }) {
                println!("(kept here; it is never sent)");
            }
        }
        ReflectCmd::List {
            filter,
            person,
            limit,
            page,
        } => {
            let person_id = ids::maybe_person(vault, person.as_deref())?;
            let found = vault
                .list_reflections(ReflectionQuery {
                    filter,
                    person_id,
                    from: None,
                    until: None,
                    offset: (page - 1).saturating_mul(limit),
                    limit,
                })
                .map_err(describe)?;
            let aliases = render::aliases(vault).map_err(describe)?;
            for r in &found.reflections {
                println!("{}", reflection_heading(r, &aliases));
                for line in r.body.text.lines() {
                    println!("    {line}");
                }
            }
            let footer = cmd_events::footer(page, limit, found.total, found.next_offset);
            println!("{}", footer.replace("event", "reflection"));
        }
    }
    Ok(())
}

/// "0123abcd  2024-05-01 21:10 +02:00  letter to R.  «title»".
pub(crate) fn reflection_heading(r: &Reflection, aliases: &Aliases) -> String {
    let what = match &r.body.kind {
        ReflectionKind::Journal { prompt_id: None } => "journal entry".to_owned(),
        ReflectionKind::Journal { prompt_id: Some(p) } => format!("journal entry (prompt {p})"),
        ReflectionKind::UnsentLetter { person_id } => format!(
            "unsent letter to {}",
            aliases.get(person_id).map_or("?", String::as_str)
        ),
    };
    let mut line = format!(
        "{}  {}  {what}",
        short_id(&r.id),
        render::local_time(r.at, r.utc_offset_seconds)
    );
    if !r.body.title.is_empty() {
        line += &format!("  «{}»", r.body.title);
    }
    if let Some(mood) = r.body.mood {
        line += &format!("  mood {mood}/5");
    }
    if !r.body.tags.is_empty() {
        line += &format!("  [{}]", r.body.tags.join(", "));
    }
    line
}

pub(crate) fn run_prompt(vault: &Vault) -> Result<(), String> {
    let prompt = vault
        .prompt_of_the_day(when::local_today())
        .map_err(describe)?;
    println!("{}", prompt.text);
    println!("(answer it with `nocontact reflect --prompt TEXT`)");
    Ok(())
}

pub(crate) fn run_reasons(vault: &Vault, cmd: ReasonsCmd) -> Result<(), String> {
    match cmd {
        ReasonsCmd::List => {
            let reasons = vault.list_reasons().map_err(describe)?;
            if reasons.is_empty() {
                println!("My reasons: none yet; add one with `nocontact reasons add TEXT`.");
            } else {
                println!("My reasons:");
            }
            for (i, r) in reasons.iter().enumerate() {
                println!("  {:>2}. {}", i + 1, r.text);
            }
            let suggestions = vault.reason_suggestions().map_err(describe)?;
            if !suggestions.is_empty() {
                println!();
                println!("Suggestions (accept one with `nocontact reasons accept ID`):");
            }
            for s in &suggestions {
                println!("  {}  {}", s.id, s.text);
            }
        }
        ReasonsCmd::Add { text, theme } => {
            let reason = vault.add_reason(text, theme).map_err(describe)?;
            println!("added reason {}", short_id(&reason.id));
        }
        ReasonsCmd::Accept { id, text } => {
            let id = if id.starts_with("reason.") {
                id
            } else {
                format!("reason.{id}")
            };
            let already = vault
                .list_reasons()
                .map_err(describe)?
                .iter()
                .any(|r| r.suggestion_id.as_deref() == Some(id.as_str()));
            if already {
                return Err("that suggestion is already one of your reasons".to_owned());
            }
            let reason = vault.accept_reason_suggestion(id, text).map_err(describe)?;
            println!("added reason {}  {}", short_id(&reason.id), reason.text);
        }
    }
    Ok(())
}

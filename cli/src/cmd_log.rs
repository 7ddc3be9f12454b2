//! `log urge|contact|attempt|checkin`: one event, now or back-dated.

use chrono::NaiveDateTime;
use nocontact_core::{
    AttemptResponse, CheckIn, EventBody, Initiator, MyContact, NewEvent, TheirAttempt, Urge,
    UrgeOutcome, Vault,
};

use crate::args::{subcommand, usage_error, Flags, Kind, Options, Parse};
use crate::{describe, ids, names, render, when};

pub(crate) const USAGE: &str = "\
usage:
  nocontact log urge --intensity 0-10 [--outcome OUTCOME] [--via CH] [--person ID]
                [--trigger ID ...] [--emotion WORD ...] [--helped TEXT ...] [--note TEXT] [--at TIME]
  nocontact log contact --person ID --channel CH [--they-started] [--crossed BOUNDARY_ID ...]
                [--note TEXT] [--at TIME]
  nocontact log attempt --person ID --channel CH [--handle TEXT] [--said TEXT] [--verbatim]
                [--response RESPONSE] [--where TEXT] [--witness NAME ...] [--unsafe 0-4]
                [--note TEXT] [--at TIME]
  nocontact log checkin --mood 1-5 [--energy 1-5] [--note TEXT] [--tag TAG ...] [--at TIME]

OUTCOME:  resisted (the default), delayed, reached-out (needs --via and --person;
          the contact it led to is logged too)
CH:       call, text, messaging-app, email, social-media, in-person, through-someone, other
RESPONSE: ignored (the default), blocked, replied, reported
WORD:     lonely, sad, angry, anxious, afraid, guilty, ashamed, nostalgic, bored, numb,
          confused, hopeful, relieved, proud, or any word of your own
TIME:     local time, \"YYYY-MM-DD HH:MM\" (default: now)";

/// An event to log; ids are as typed until `run` resolves them.
#[derive(Debug)]
pub(crate) struct LogCmd {
    body: EventBody,
    at: Option<NaiveDateTime>,
}

pub(crate) fn parse(args: &[String], options: &mut Options) -> Parse<LogCmd> {
    const U: &str = USAGE;
    let (sub, rest) = subcommand(args, U)?;
    let mut spec = vec![("--note", Kind::Value), ("--at", Kind::Value)];
    spec.extend_from_slice(match sub {
        "urge" => &[
            ("--intensity", Kind::Value),
            ("--outcome", Kind::Value),
            ("--via", Kind::Value),
            ("--person", Kind::Value),
            ("--trigger", Kind::Many),
            ("--emotion", Kind::Many),
            ("--helped", Kind::Many),
        ],
        "contact" => &[
            ("--person", Kind::Value),
            ("--channel", Kind::Value),
            ("--they-started", Kind::Switch),
            ("--crossed", Kind::Many),
        ],
        "attempt" => &[
            ("--person", Kind::Value),
            ("--channel", Kind::Value),
            ("--handle", Kind::Value),
            ("--said", Kind::Value),
            ("--verbatim", Kind::Switch),
            ("--response", Kind::Value),
            ("--where", Kind::Value),
            ("--witness", Kind::Many),
            ("--unsafe", Kind::Value),
        ],
        "checkin" => &[
            ("--mood", Kind::Value),
            ("--energy", Kind::Value),
            ("--tag", Kind::Many),
        ],
        _ => return Err(usage_error(U, "unknown kind of entry to log")),
    });
    let f = Flags::parse(rest, &spec, U, options)?;
    f.no_words()?;
    let note = f.value("--note").unwrap_or_default();
    let body = match sub {
        "urge" => {
            let via = f.named("--via")?;
            let outcome = match (f.named("--outcome")?, via) {
                (Some(outcome), _) => outcome,
                (None, Some(_)) => UrgeOutcome::ReachedOut,
                (None, None) => UrgeOutcome::Resisted,
            };
            let (mut emotions, mut other_emotions) = (Vec::new(), Vec::new());
            for word in f.values("--emotion") {
                match names::parse(&word) {
                    Some(emotion) => emotions.push(emotion),
                    None => other_emotions.push(word),
                }
            }
            EventBody::Urge {
                urge: Urge {
                    intensity: f
                        .number("--intensity")?
                        .ok_or_else(|| f.error("--intensity is required"))?,
                    person_id: f.value("--person"),
                    trigger_ids: f.values("--trigger"),
                    emotions,
                    other_emotions,
                    coping: f.values("--helped"),
                    outcome,
                    reached_out_via: via,
                    note,
                },
            }
        }
        "contact" => EventBody::MyContact {
            contact: MyContact {
                person_id: f.required("--person")?,
                channel: f
                    .named("--channel")?
                    .ok_or_else(|| f.error("--channel is required"))?,
                initiated_by: if f.switch("--they-started") {
                    Initiator::Them
                } else {
                    Initiator::Me
                },
                crossed_boundary_ids: f.values("--crossed"),
                note,
            },
        },
        "attempt" => EventBody::TheirAttempt {
            attempt: TheirAttempt {
                person_id: f.required("--person")?,
                channel: f
                    .named("--channel")?
                    .ok_or_else(|| f.error("--channel is required"))?,
                handle: f.value("--handle").unwrap_or_default(),
                said: f.value("--said").unwrap_or_default(),
                said_verbatim: f.switch("--verbatim"),
                response: f.named("--response")?.unwrap_or(AttemptResponse::Ignored),
                location: f.value("--where").unwrap_or_default(),
                witnesses: f.values("--witness"),
                felt_unsafe: f.number("--unsafe")?.unwrap_or(0),
                attachments: Vec::new(),
                note,
            },
        },
        _ => EventBody::CheckIn {
            check_in: CheckIn {
                mood: f
                    .number("--mood")?
                    .ok_or_else(|| f.error("--mood is required"))?,
                energy: f.number("--energy")?,
                note,
                tags: f.values("--tag"),
            },
        },
    };
    Ok(LogCmd { body, at: f.at()? })
}

pub(crate) fn run(vault: &Vault, cmd: LogCmd) -> Result<(), String> {
    let LogCmd { mut body, at } = cmd;
    resolve_ids(vault, &mut body)?;
    let (at, utc_offset_seconds) = match at {
        Some(local) => {
            let (instant, offset) =
                when::local_instant(local).ok_or_else(|| "invalid at".to_owned())?;
            (Some(instant), offset)
        }
        None => (None, render::local_offset_seconds()),
    };
    let logged = vault
        .log_event(NewEvent {
            at,
            utc_offset_seconds,
            body,
        })
        .map_err(describe)?;
    let aliases = render::aliases(vault).map_err(describe)?;
    println!("logged {}", render::event_line(&logged.event, &aliases));
    if let Some(contact) = &logged.contact {
        println!("logged {}", render::event_line(contact, &aliases));
        println!("(the urge reached out, so the contact it led to was logged too)");
    }
    Ok(())
}

/// Replaces ids as typed (prefixes) with full ids.
fn resolve_ids(vault: &Vault, body: &mut EventBody) -> Result<(), String> {
    match body {
        EventBody::Urge { urge } => {
            urge.person_id = ids::maybe_person(vault, urge.person_id.as_deref())?;
            for t in &mut urge.trigger_ids {
                *t = ids::trigger(vault, t)?;
            }
        }
        EventBody::MyContact { contact } => {
            contact.person_id = ids::person(vault, &contact.person_id)?;
            for b in &mut contact.crossed_boundary_ids {
                *b = ids::boundary(vault, b)?;
            }
        }
        EventBody::TheirAttempt { attempt } => {
            attempt.person_id = ids::person(vault, &attempt.person_id)?;
        }
        EventBody::CheckIn { .. } => {}
    }
    Ok(())
}

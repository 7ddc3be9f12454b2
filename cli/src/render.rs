//! How the CLI shows things: local times with their offset, short ids, one
//! line per event.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Local, Offset, Utc};
use nocontact_core::{Channel, Event, EventBody, Initiator, UrgeOutcome, Vault, VaultError};

use crate::names;

/// The UTC offset in force here and now, in seconds.
pub(crate) fn local_offset_seconds() -> i32 {
    Local::now().offset().fix().local_minus_utc()
}

/// An instant shown in the offset it was logged with.
pub(crate) fn local_time(at: std::time::SystemTime, offset_seconds: i32) -> String {
    let utc: DateTime<Utc> = at.into();
    match FixedOffset::east_opt(offset_seconds) {
        Some(offset) => utc
            .with_timezone(&offset)
            .format("%Y-%m-%d %H:%M %:z")
            .to_string(),
        None => utc.format("%Y-%m-%d %H:%M UTC").to_string(),
    }
}

pub(crate) fn short_id(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

/// People's aliases by id, for showing events.
pub(crate) type Aliases = HashMap<String, String>;

pub(crate) fn aliases(vault: &Vault) -> Result<Aliases, VaultError> {
    Ok(vault
        .list_people(true)?
        .into_iter()
        .map(|p| (p.id, p.alias))
        .collect())
}

/// "3 boundaries", "1 boundary".
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "by call", "in person", "through someone".
pub(crate) fn by(channel: Channel) -> String {
    match channel {
        Channel::InPerson => "in person".to_owned(),
        Channel::ThroughSomeone => "through someone".to_owned(),
        Channel::Other => "by other means".to_owned(),
        other => format!("by {}", names::name(other)),
    }
}

/// One line: short id, local time, kind, person, the key fields.
pub(crate) fn event_line(event: &Event, aliases: &Aliases) -> String {
    let alias = |id: &str| {
        aliases
            .get(id)
            .cloned()
            .unwrap_or_else(|| format!("({})", short_id(id)))
    };
    let mut parts: Vec<String> = Vec::new();
    if let Some(person) = event.body.person_id() {
        parts.push(alias(person));
    }
    let details = match &event.body {
        EventBody::Urge { urge } => {
            let mut d = format!("intensity {}/10, ", urge.intensity);
            d += match (urge.outcome, urge.reached_out_via) {
                (UrgeOutcome::ReachedOut, Some(via)) => format!("reached out {}", by(via)),
                (outcome, _) => names::name(outcome).to_owned(),
            }
            .as_str();
            let mut felt: Vec<&str> = urge.emotions.iter().map(|e| names::name(*e)).collect();
            felt.extend(urge.other_emotions.iter().map(String::as_str));
            if !felt.is_empty() {
                d += &format!("; felt {}", felt.join(", "));
            }
            if !urge.trigger_ids.is_empty() {
                d += &format!("; {}", count(urge.trigger_ids.len(), "trigger", "triggers"));
            }
            if !urge.coping.is_empty() {
                d += &format!("; helped: {}", urge.coping.join(", "));
            }
            d
        }
        EventBody::MyContact { contact } => {
            let mut d = format!(
                "{}, {}",
                by(contact.channel),
                match contact.initiated_by {
                    Initiator::Me => "I started it",
                    Initiator::Them => "they started it",
                }
            );
            if !contact.crossed_boundary_ids.is_empty() {
                d += &format!(
                    "; crossed {}",
                    count(contact.crossed_boundary_ids.len(), "boundary", "boundaries")
                );
            }
            d
        }
        EventBody::TheirAttempt { attempt } => {
            let mut d = format!("{}, {}", by(attempt.channel), names::name(attempt.response));
            if attempt.felt_unsafe > 0 {
                d += &format!("; felt unsafe {}/4", attempt.felt_unsafe);
            }
            if !attempt.said.is_empty() {
                d += if attempt.said_verbatim {
                    "; their words kept"
                } else {
                    "; what was said kept"
                };
            }
            if !attempt.witnesses.is_empty() {
                d += &format!(
                    "; {}",
                    count(attempt.witnesses.len(), "witness", "witnesses")
                );
            }
            d
        }
        EventBody::CheckIn { check_in } => {
            let mut d = format!("mood {}/5", check_in.mood);
            if let Some(energy) = check_in.energy {
                d += &format!(", energy {energy}/5");
            }
            if !check_in.tags.is_empty() {
                d += &format!("; {}", check_in.tags.join(", "));
            }
            d
        }
    };
    parts.push(details);
    let mut line = format!(
        "{}  {}  {:<7}  {}",
        short_id(&event.id),
        local_time(event.at, event.utc_offset_seconds),
        names::name(event.kind),
        parts.join("  ")
    );
    if event.revision > 0 {
        line += &format!("  (amended, version {})", event.revision + 1);
    }
    if event.logged_while_locked {
        line += LOCKED_TAG;
    }
    line
}

/// The mark of an event logged with `drop`, while the vault was locked.
pub(crate) const LOCKED_TAG: &str = "  (quick, while locked)";

/// An instant as RFC 3339 in the offset it was logged with.
fn rfc3339(at: std::time::SystemTime, offset_seconds: i32) -> String {
    let utc: DateTime<Utc> = at.into();
    match FixedOffset::east_opt(offset_seconds) {
        Some(offset) => utc.with_timezone(&offset).to_rfc3339(),
        None => utc.to_rfc3339(),
    }
}

/// An event as JSON: its fields, times as RFC 3339, the body as the core
/// writes it.
pub(crate) fn event_json(event: &Event) -> serde_json::Value {
    serde_json::json!({
        "id": event.id,
        "kind": names::name(event.kind),
        "at": rfc3339(event.at, event.utc_offset_seconds),
        "utc_offset_seconds": event.utc_offset_seconds,
        "recorded_at": rfc3339(event.recorded_at, event.utc_offset_seconds),
        "revision": event.revision,
        "amended_at": event.amended_at.map(|t| rfc3339(t, event.utc_offset_seconds)),
        "logged_while_locked": event.logged_while_locked,
        "body": serde_json::to_value(&event.body).unwrap_or(serde_json::Value::Null),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use nocontact_core::{CheckIn, EventKind, MyContact};
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn times_keep_their_offset() {
        let at = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(local_time(at, 3600), "2023-11-14 23:13 +01:00");
        assert_eq!(local_time(at, -5 * 3600), "2023-11-14 17:13 -05:00");
        assert_eq!(local_time(at, 999_999), "2023-11-14 22:13 UTC");
        assert_eq!(short_id("abc"), "abc");
        assert_eq!(short_id("0123456789"), "01234567");
    }

    #[test]
    fn event_lines() {
        let at = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let mut event = Event {
            id: "0123456789abcdef0123456789abcdef".into(),
            kind: EventKind::CheckIn,
            at,
            utc_offset_seconds: 0,
            recorded_at: at,
            revision: 0,
            amended_at: None,
            logged_while_locked: false,
            body: EventBody::CheckIn {
                check_in: CheckIn {
                    mood: 3,
                    energy: Some(2),
                    note: "private".into(),
                    tags: vec!["work".into()],
                },
            },
        };
        let aliases: Aliases = [("p".repeat(32), "R.".to_owned())].into_iter().collect();
        assert_eq!(
            event_line(&event, &aliases),
            "01234567  2023-11-14 22:13 +00:00  checkin  mood 3/5, energy 2/5; work"
        );
        event.kind = EventKind::MyContact;
        event.revision = 1;
        event.body = EventBody::MyContact {
            contact: MyContact {
                person_id: "p".repeat(32),
                channel: Channel::MessagingApp,
                initiated_by: Initiator::Me,
                crossed_boundary_ids: vec!["b".repeat(32)],
                note: String::new(),
            },
        };
        assert_eq!(
            event_line(&event, &aliases),
            "01234567  2023-11-14 22:13 +00:00  contact  R.  by messaging-app, I started it; \
             crossed 1 boundary  (amended, version 2)"
        );
        assert_eq!(event_json(&event)["logged_while_locked"], false);
        event.logged_while_locked = true;
        assert!(
            event_line(&event, &aliases).ends_with("(amended, version 2)  (quick, while locked)")
        );
        let json = event_json(&event);
        assert_eq!(json["logged_while_locked"], true);
        assert_eq!(json["kind"], "contact");
        assert_eq!(json["at"], "2023-11-14T22:13:20+00:00");
        assert_eq!(
            json["body"]["my_contact"]["contact"]["channel"],
            "messaging_app"
        );
    }
}

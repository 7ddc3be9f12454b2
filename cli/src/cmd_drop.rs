//! `drop attempt|urge|ok`: a quick entry logged without the passcode. It is
//! sealed so that nothing stored becomes readable, and joins the log at the
//! next unlock, marked as logged while locked. The confirmation says
//! nothing about what was saved: someone looking over a shoulder sees
//! "Saved." and no more.

use nocontact_core::{Channel, QuickEntry, Vault};

use crate::args::{subcommand, usage_error, Flags, Kind, Options, Parse};
use crate::{describe, render};

pub(crate) const USAGE: &str = "\
usage:
  nocontact drop attempt --person ID [--channel CH]   they tried to reach me (default: call)
  nocontact drop urge INTENSITY [--person ID]         an urge, 0-10, logged instead of acted on
  nocontact drop ok [--mood 1-5]                      a check-in (default mood 3)

No passcode is asked: the entry is sealed so that nothing already stored can be
read, and joins the log at the next unlock with the time it was made, marked
\"quick, while locked\". Only \"Saved.\" is printed.

ID: the whole id, as `nocontact person list --full-ids` shows it (a locked vault
    cannot look up a shorter one)
CH: call, text, messaging-app, email, social-media, in-person, through-someone, other";

/// The default mood of `drop ok`.
const DEFAULT_MOOD: u8 = 3;
/// Hex digits in a whole id.
const ID_LEN: usize = 32;

#[derive(Debug)]
pub(crate) struct DropCmd {
    entry: QuickEntry,
}

pub(crate) fn parse(args: &[String], options: &mut Options) -> Parse<DropCmd> {
    const U: &str = USAGE;
    let (sub, rest) = subcommand(args, U)?;
    let spec: &[(&'static str, Kind)] = match sub {
        "attempt" => &[("--person", Kind::Value), ("--channel", Kind::Value)],
        "urge" => &[("--person", Kind::Value)],
        "ok" => &[("--mood", Kind::Value)],
        _ => return Err(usage_error(U, "unknown kind of quick entry")),
    };
    let f = Flags::parse(rest, spec, U, options)?;
    let person = |f: &Flags| -> Parse<Option<String>> {
        f.value("--person")
            .map(|id| {
                let id = id.trim().to_ascii_lowercase();
                if id.len() == ID_LEN && id.bytes().all(|b| b.is_ascii_hexdigit()) {
                    Ok(id)
                } else {
                    Err(f.error(
                        "--person needs the whole id (32 characters, from `person list --full-ids`)",
                    ))
                }
            })
            .transpose()
    };
    let entry = match sub {
        "attempt" => {
            f.no_words()?;
            QuickEntry::TheirAttempt {
                person_id: person(&f)?.ok_or_else(|| f.error("--person is required"))?,
                channel: f.named("--channel")?.unwrap_or(Channel::Call),
            }
        }
        "urge" => {
            let word = f.one_word("INTENSITY")?;
            let word = word.trim();
            if word.is_empty() || !word.bytes().all(|b| b.is_ascii_digit()) {
                return Err(f.error("INTENSITY needs a whole number, 0-10"));
            }
            let intensity = word.parse::<u8>().unwrap_or(u8::MAX);
            if intensity > 10 {
                return Err(f.error("INTENSITY is 0-10"));
            }
            QuickEntry::Urge {
                intensity,
                person_id: person(&f)?,
            }
        }
        _ => {
            f.no_words()?;
            let mood = f.number::<u8>("--mood")?.unwrap_or(DEFAULT_MOOD);
            if !(1..=5).contains(&mood) {
                return Err(f.error("--mood is 1-5"));
            }
            QuickEntry::CheckIn { mood }
        }
    };
    Ok(DropCmd { entry })
}

/// Logs the entry on a vault that stays locked.
pub(crate) fn run(vault: &Vault, cmd: DropCmd) -> Result<(), String> {
    vault
        .log_while_locked(cmd.entry, render::local_offset_seconds())
        .map_err(describe)?;
    println!("Saved.");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Parse<DropCmd> {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        parse(&args, &mut Options::default())
    }

    #[test]
    fn entries_and_defaults() {
        let id = "0123456789ABCDEF0123456789abcdef";
        assert_eq!(
            p(&["attempt", "--person", id]).unwrap().entry,
            QuickEntry::TheirAttempt {
                person_id: id.to_ascii_lowercase(),
                channel: Channel::Call
            }
        );
        assert_eq!(
            p(&["attempt", "--person", id, "--channel", "text"])
                .unwrap()
                .entry,
            QuickEntry::TheirAttempt {
                person_id: id.to_ascii_lowercase(),
                channel: Channel::Text
            }
        );
        assert_eq!(
            p(&["urge", "7"]).unwrap().entry,
            QuickEntry::Urge {
                intensity: 7,
                person_id: None
            }
        );
        assert_eq!(p(&["ok"]).unwrap().entry, QuickEntry::CheckIn { mood: 3 });
        assert_eq!(
            p(&["ok", "--mood", "5"]).unwrap().entry,
            QuickEntry::CheckIn { mood: 5 }
        );
    }

    #[test]
    fn bad_input_names_the_flag_only() {
        let e = |args: &[&str]| p(args).unwrap_err().message;
        assert_eq!(e(&["urge", "11"]), "INTENSITY is 0-10");
        assert_eq!(e(&["urge", "300"]), "INTENSITY is 0-10");
        assert!(e(&["urge", "high"]).contains("whole number"));
        assert!(e(&["urge"]).contains("INTENSITY is missing"));
        assert_eq!(e(&["ok", "--mood", "0"]), "--mood is 1-5");
        assert_eq!(e(&["ok", "--mood", "6"]), "--mood is 1-5");
        let err = e(&["attempt", "--person", "not-hex-secret"]);
        assert!(err.starts_with("--person needs the whole id"));
        assert!(!err.contains("secret"));
        assert!(e(&["attempt", "--person", "abcd"]).starts_with("--person needs"));
        assert_eq!(e(&["attempt"]), "--person is required");
        assert!(e(&[
            "attempt",
            "--person",
            &"a".repeat(32),
            "--channel",
            "pigeon"
        ])
        .starts_with("unknown channel"));
        assert!(e(&["nap"]).contains("unknown kind"));
        assert!(e(&["ok", "extra"]).contains("too many"));
    }
}

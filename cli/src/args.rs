//! Command-line parsing, by hand: a handful of flags does not need a crate.
//!
//! Global options come before the command or anywhere among a command's own
//! flags. Each command group parses its words with [`Flags`], which knows
//! the group's flags (a switch, a flag with one value, or a flag that may be
//! repeated) and turns values into the core's types. Only words starting
//! with `--` are flags; a lone `--` ends them, so a text may start with `--`.

use std::path::PathBuf;
use std::str::FromStr;

use nocontact_core::LocalDate;

use crate::names::{self, Named};
use crate::{
    cmd_backup, cmd_chain, cmd_drop, cmd_events, cmd_export, cmd_insights, cmd_log, cmd_people,
    cmd_plan, cmd_protect, cmd_reflect, cmd_reminders, cmd_status, cmd_verify, when, USAGE,
};

#[derive(Debug, Default)]
pub(crate) struct Options {
    pub(crate) vault: Option<PathBuf>,
    pub(crate) passcode_stdin: bool,
}

/// A usage error: the message, and the usage text to show with it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct UsageError {
    pub(crate) message: String,
    pub(crate) usage: &'static str,
}

pub(crate) type Parse<T> = Result<T, UsageError>;

pub(crate) fn usage_error(usage: &'static str, message: impl Into<String>) -> UsageError {
    UsageError {
        message: message.into(),
        usage,
    }
}

#[derive(Debug)]
pub(crate) enum Command {
    Init,
    Passcode,
    Recover,
    Demo,
    Help(&'static str),
    Person(cmd_people::PersonCmd),
    Boundary(cmd_people::BoundaryCmd),
    Trigger(cmd_people::TriggerCmd),
    Log(cmd_log::LogCmd),
    Events(cmd_events::EventsCmd),
    Reflect(cmd_reflect::ReflectCmd),
    Prompt,
    Reasons(cmd_reflect::ReasonsCmd),
    Plan(cmd_plan::PlanCmd),
    Status(cmd_status::StatusCmd),
    Insights(cmd_insights::InsightsCmd),
    Reminders(cmd_reminders::RemindersCmd),
    Chain(cmd_chain::ChainCmd),
    Backup(cmd_backup::BackupCmd),
    Export(cmd_export::ExportCmd),
    Verify(cmd_verify::VerifyCmd),
    Drop(cmd_drop::DropCmd),
    AccessLog(cmd_protect::AccessLogCmd),
    Duress(cmd_protect::DuressCmd),
    Erase(cmd_protect::EraseCmd),
    LockPolicy(cmd_protect::LockPolicyCmd),
}

/// The usage text of a command group, by its word.
fn group_usage(word: &str) -> Option<&'static str> {
    Some(match word {
        "person" => cmd_people::PERSON_USAGE,
        "boundary" => cmd_people::BOUNDARY_USAGE,
        "trigger" => cmd_people::TRIGGER_USAGE,
        "log" => cmd_log::USAGE,
        "events" => cmd_events::USAGE,
        "reflect" | "reflections" | "prompt" | "reasons" => cmd_reflect::USAGE,
        "plan" => cmd_plan::USAGE,
        "status" => cmd_status::USAGE,
        "insights" => cmd_insights::USAGE,
        "reminders" => cmd_reminders::USAGE,
        "chain" | "checkpoint" => cmd_chain::USAGE,
        "backup" | "restore" => cmd_backup::USAGE,
        "export" => cmd_export::USAGE,
        "verify" => cmd_verify::USAGE,
        "drop" => cmd_drop::USAGE,
        "access-log" | "duress" | "erase" | "lock-policy" => cmd_protect::USAGE,
        _ => return None,
    })
}

pub(crate) fn parse(argv: &[String]) -> Parse<(Options, Command)> {
    let mut options = Options::default();
    let mut iter = argv.iter();
    let mut word = None;
    while let Some(arg) = iter.next() {
        match global(arg, &mut iter, &mut options, USAGE)? {
            Global::Taken => {}
            Global::Help => return Ok((options, Command::Help(USAGE))),
            Global::Not if arg.starts_with('-') => {
                return Err(usage_error(
                    USAGE,
                    format!("unknown option {}", flag_name(arg)),
                ))
            }
            Global::Not => {
                word = Some(arg.as_str());
                break;
            }
        }
    }
    let rest: Vec<String> = iter.cloned().collect();
    let Some(word) = word else {
        return Ok((options, Command::Help(USAGE)));
    };
    let mut before_texts = rest.iter().take_while(|a| *a != "--");
    if before_texts.any(|a| a == "-h" || a == "--help") {
        return Ok((options, Command::Help(group_usage(word).unwrap_or(USAGE))));
    }
    let o = &mut options;
    let command = match word {
        "help" => Command::Help(rest.first().and_then(|w| group_usage(w)).unwrap_or(USAGE)),
        "init" | "passcode" | "recover" | "demo" => {
            let flags = Flags::parse(&rest, &[], USAGE, o)?;
            flags.no_words()?;
            match word {
                "init" => Command::Init,
                "passcode" => Command::Passcode,
                "recover" => Command::Recover,
                _ => Command::Demo,
            }
        }
        "person" => Command::Person(cmd_people::parse_person(&rest, o)?),
        "boundary" => Command::Boundary(cmd_people::parse_boundary(&rest, o)?),
        "trigger" => Command::Trigger(cmd_people::parse_trigger(&rest, o)?),
        "log" => Command::Log(cmd_log::parse(&rest, o)?),
        "events" => Command::Events(cmd_events::parse(&rest, o)?),
        "reflect" => Command::Reflect(cmd_reflect::parse_reflect(&rest, o)?),
        "reflections" => Command::Reflect(cmd_reflect::parse_reflections(&rest, o)?),
        "prompt" => {
            Flags::parse(&rest, &[], cmd_reflect::USAGE, o)?.no_words()?;
            Command::Prompt
        }
        "reasons" => Command::Reasons(cmd_reflect::parse_reasons(&rest, o)?),
        "plan" => Command::Plan(cmd_plan::parse(&rest, o)?),
        "status" => Command::Status(cmd_status::parse(&rest, o)?),
        "insights" => Command::Insights(cmd_insights::parse(&rest, o)?),
        "reminders" => Command::Reminders(cmd_reminders::parse(&rest, o)?),
        "chain" => Command::Chain(cmd_chain::parse_chain(&rest, o)?),
        "checkpoint" => Command::Chain(cmd_chain::parse_checkpoint(&rest, o)?),
        "backup" => Command::Backup(cmd_backup::parse_backup(&rest, o)?),
        "restore" => Command::Backup(cmd_backup::parse_restore(&rest, o)?),
        "export" => Command::Export(cmd_export::parse(&rest, o)?),
        "verify" => Command::Verify(cmd_verify::parse(&rest, o)?),
        "drop" => Command::Drop(cmd_drop::parse(&rest, o)?),
        "access-log" => Command::AccessLog(cmd_protect::parse_access_log(&rest, o)?),
        "duress" => Command::Duress(cmd_protect::parse_duress(&rest, o)?),
        "erase" => Command::Erase(cmd_protect::parse_erase(&rest, o)?),
        "lock-policy" => Command::LockPolicy(cmd_protect::parse_lock_policy(&rest, o)?),
        "note" | "notes" => {
            return Err(usage_error(
                USAGE,
                "notes are now journal entries: use `reflect TEXT`",
            ))
        }
        _ => return Err(usage_error(USAGE, "unknown command")),
    };
    Ok((options, command))
}

enum Global {
    Taken,
    Help,
    Not,
}

/// Handles a global option at `arg`, taking its value from `rest`.
fn global<'a>(
    arg: &str,
    rest: &mut impl Iterator<Item = &'a String>,
    options: &mut Options,
    usage: &'static str,
) -> Parse<Global> {
    match arg {
        "--vault" => {
            let path = rest
                .next()
                .ok_or_else(|| usage_error(usage, "--vault needs a path"))?;
            options.vault = Some(PathBuf::from(path));
        }
        "--passcode-stdin" => options.passcode_stdin = true,
        "-h" | "--help" => return Ok(Global::Help),
        "--passcode" => {
            return Err(usage_error(
                usage,
                "passcodes are never taken as arguments; use --passcode-stdin",
            ))
        }
        _ => return Ok(Global::Not),
    }
    Ok(Global::Taken)
}

/// The flag part of an argument, without any `=value` (which may be text
/// the user would not want echoed in an error).
fn flag_name(arg: &str) -> &str {
    arg.split_once('=').map_or(arg, |(name, _)| name)
}

/// How a flag takes values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Present or not.
    Switch,
    /// One value, at most once.
    Value,
    /// One value each time; may be repeated.
    Many,
}

/// A command's words and flags.
pub(crate) struct Flags {
    usage: &'static str,
    words: Vec<String>,
    given: Vec<(&'static str, Vec<String>)>,
}

impl Flags {
    /// Parses `args` against `spec`; global options found among them go to
    /// `options`.
    pub(crate) fn parse(
        args: &[String],
        spec: &[(&'static str, Kind)],
        usage: &'static str,
        options: &mut Options,
    ) -> Parse<Self> {
        let mut flags = Flags {
            usage,
            words: Vec::new(),
            given: Vec::new(),
        };
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            if arg == "--" {
                flags.words.extend(iter.by_ref().cloned());
                break;
            }
            if !arg.starts_with("--") {
                flags.words.push(arg.clone());
                continue;
            }
            match global(arg, &mut iter, options, usage)? {
                Global::Taken => continue,
                Global::Help => return Err(flags.error("--help goes before any text")),
                Global::Not => {}
            }
            let (name, inline) = match arg.split_once('=') {
                Some((name, value)) => (name, Some(value.to_owned())),
                None => (arg.as_str(), None),
            };
            let Some(&(name, kind)) = spec.iter().find(|(n, _)| *n == name) else {
                return Err(flags.error(format!(
                    "unknown option {name} (a text that starts with \"--\" goes after a lone --)"
                )));
            };
            let value = match (kind, inline) {
                (Kind::Switch, Some(_)) => {
                    return Err(flags.error(format!("{name} takes no value")))
                }
                (Kind::Switch, None) => None,
                (_, Some(v)) => Some(v),
                (_, None) => Some(
                    iter.next()
                        .cloned()
                        .ok_or_else(|| flags.error(format!("{name} needs a value")))?,
                ),
            };
            match flags.given.iter_mut().find(|(n, _)| *n == name) {
                Some(_) if kind != Kind::Many => {
                    return Err(flags.error(format!("{name} given twice")))
                }
                Some((_, values)) => values.extend(value),
                None => flags.given.push((name, value.into_iter().collect())),
            }
        }
        Ok(flags)
    }

    /// A usage error with this command's usage text.
    pub(crate) fn error(&self, message: impl Into<String>) -> UsageError {
        usage_error(self.usage, message)
    }

    pub(crate) fn words(&self) -> &[String] {
        &self.words
    }

    pub(crate) fn no_words(&self) -> Parse<()> {
        if self.words.is_empty() {
            Ok(())
        } else {
            Err(self.error("too many arguments"))
        }
    }

    /// The words joined by spaces: a text typed without quotes.
    pub(crate) fn text(&self, what: &str) -> Parse<String> {
        if self.words.is_empty() {
            return Err(self.error(format!("{what} is missing")));
        }
        Ok(self.words.join(" "))
    }

    /// Exactly one word (an id, a status).
    pub(crate) fn one_word(&self, what: &str) -> Parse<String> {
        match self.words.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(self.error(format!("{what} is missing"))),
            _ => Err(self.error("too many arguments")),
        }
    }

    pub(crate) fn switch(&self, name: &str) -> bool {
        self.given.iter().any(|(n, _)| *n == name)
    }

    pub(crate) fn value(&self, name: &str) -> Option<String> {
        self.given
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| v.first().cloned())
    }

    pub(crate) fn values(&self, name: &str) -> Vec<String> {
        self.given
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    pub(crate) fn required(&self, name: &str) -> Parse<String> {
        self.value(name)
            .ok_or_else(|| self.error(format!("{name} is required")))
    }

    /// A whole number. Values too large for `T` become `T`'s largest, for
    /// the core to refuse by field name.
    pub(crate) fn number<T: FromStr + Bounded>(&self, name: &str) -> Parse<Option<T>> {
        let Some(text) = self.value(name) else {
            return Ok(None);
        };
        let text = text.trim();
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(self.error(format!("{name} needs a whole number")));
        }
        Ok(Some(text.parse().unwrap_or(T::MAX)))
    }

    pub(crate) fn named<T: Named>(&self, name: &str) -> Parse<Option<T>> {
        self.value(name).map(|v| self.name_of(name, &v)).transpose()
    }

    pub(crate) fn named_list<T: Named>(&self, name: &str) -> Parse<Vec<T>> {
        self.values(name)
            .iter()
            .map(|v| self.name_of(name, v))
            .collect()
    }

    fn name_of<T: Named>(&self, flag: &str, value: &str) -> Parse<T> {
        names::parse(value).ok_or_else(|| {
            self.error(format!(
                "unknown {} for {flag}; one of: {}",
                T::WHAT,
                names::choices::<T>()
            ))
        })
    }

    pub(crate) fn date(&self, name: &str) -> Parse<Option<LocalDate>> {
        self.value(name)
            .map(|v| {
                when::parse_date(&v)
                    .ok_or_else(|| self.error(format!("{name} needs a date, YYYY-MM-DD")))
            })
            .transpose()
    }

    /// `--at "YYYY-MM-DD HH:MM"`, local time.
    pub(crate) fn at(&self) -> Parse<Option<chrono::NaiveDateTime>> {
        self.value("--at")
            .map(|v| {
                when::parse_at(&v)
                    .ok_or_else(|| self.error("--at needs a local time, \"YYYY-MM-DD HH:MM\""))
            })
            .transpose()
    }
}

/// Integer types `Flags::number` can read.
pub(crate) trait Bounded {
    const MAX: Self;
}

impl Bounded for u8 {
    const MAX: Self = u8::MAX;
}

impl Bounded for u32 {
    const MAX: Self = u32::MAX;
}

/// Splits `args` into a group's subcommand word and the rest.
pub(crate) fn subcommand<'a>(
    args: &'a [String],
    usage: &'static str,
) -> Parse<(&'a str, &'a [String])> {
    match args.split_first() {
        Some((first, rest)) if !first.starts_with('-') => Ok((first.as_str(), rest)),
        _ => Err(usage_error(usage, "a subcommand is missing")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nocontact_core::Channel;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    fn p(args: &[&str]) -> Parse<(Options, Command)> {
        parse(&strings(args))
    }

    const SPEC: &[(&str, Kind)] = &[
        ("--all", Kind::Switch),
        ("--channel", Kind::Value),
        ("--tag", Kind::Many),
        ("--mood", Kind::Value),
    ];

    fn flags(args: &[&str]) -> Parse<Flags> {
        Flags::parse(&strings(args), SPEC, "u", &mut Options::default())
    }

    #[test]
    fn global_options_anywhere() {
        let (o, c) = p(&["--vault", "/tmp/x", "--passcode-stdin", "init"]).unwrap();
        assert!(matches!(c, Command::Init));
        assert!(o.passcode_stdin);
        assert_eq!(o.vault, Some(PathBuf::from("/tmp/x")));
        let (o, c) = p(&["prompt", "--passcode-stdin", "--vault", "v"]).unwrap();
        assert!(matches!(c, Command::Prompt));
        assert!(o.passcode_stdin && o.vault.is_some());
        assert!(matches!(p(&[]).unwrap().1, Command::Help(USAGE)));
        assert!(matches!(
            p(&["help", "log"]).unwrap().1,
            Command::Help(cmd_log::USAGE)
        ));
        assert!(matches!(
            p(&["log", "urge", "--help"]).unwrap().1,
            Command::Help(cmd_log::USAGE)
        ));
        assert!(matches!(
            p(&["help", "reminders"]).unwrap().1,
            Command::Help(cmd_reminders::USAGE)
        ));
        let (o, c) = p(&["status", "--json", "--zone", "UTC", "--passcode-stdin"]).unwrap();
        assert!(matches!(c, Command::Status(_)) && o.passcode_stdin);
        assert!(matches!(
            p(&["insights", "--weeks", "4"]).unwrap().1,
            Command::Insights(_)
        ));
        assert!(matches!(
            p(&["drop", "ok", "--vault", "v"]).unwrap().1,
            Command::Drop(_)
        ));
        assert!(matches!(
            p(&["help", "drop"]).unwrap().1,
            Command::Help(cmd_drop::USAGE)
        ));
        for word in ["access-log", "duress", "erase", "lock-policy"] {
            assert!(matches!(
                p(&["help", word]).unwrap().1,
                Command::Help(cmd_protect::USAGE)
            ));
        }
        assert!(matches!(
            p(&["access-log", "--ack", "--json"]).unwrap().1,
            Command::AccessLog(_)
        ));
        assert!(matches!(
            p(&["erase", "--confirm", "ERASE"]).unwrap().1,
            Command::Erase(_)
        ));
    }

    #[test]
    fn top_level_errors() {
        assert!(p(&["--vault"]).is_err());
        assert!(p(&["frobnicate"]).is_err());
        assert!(p(&["init", "extra"]).is_err());
        assert!(p(&["--passcode", "1234", "init"]).is_err());
        assert!(p(&["--bogus"]).is_err());
        assert!(p(&["notes"]).is_err());
        assert!(p(&["person"]).is_err());
        assert!(p(&["status", "extra"]).is_err());
        assert!(p(&["insights", "--weeks", "many"]).is_err());
    }

    #[test]
    fn flags_of_each_kind() {
        let f = flags(&[
            "a",
            "--all",
            "--tag",
            "x",
            "b",
            "--tag=y",
            "--channel",
            "text",
        ])
        .unwrap();
        assert_eq!(f.words(), ["a", "b"]);
        assert!(f.switch("--all"));
        assert_eq!(f.values("--tag"), ["x", "y"]);
        assert_eq!(
            f.named::<Channel>("--channel").unwrap(),
            Some(Channel::Text)
        );
        assert_eq!(f.text("t").unwrap(), "a b");
        let f = flags(&["--", "--all", "-x"]).unwrap();
        assert_eq!(f.words(), ["--all", "-x"]);
        assert!(!f.switch("--all"));
        assert_eq!(flags(&["-5", "-x"]).unwrap().words(), ["-5", "-x"]);
        let f = flags(&["--mood", "300"]).unwrap();
        assert_eq!(f.number::<u8>("--mood").unwrap(), Some(255));
    }

    #[test]
    fn flag_errors_name_the_flag_only() {
        let e = |args: &[&str]| flags(args).err().unwrap().message;
        assert_eq!(e(&["--channel"]), "--channel needs a value");
        assert_eq!(
            e(&["--channel", "a", "--channel", "b"]),
            "--channel given twice"
        );
        assert!(e(&["--nope=secret words"]).starts_with("unknown option --nope ("));
        assert_eq!(e(&["--all=1"]), "--all takes no value");
        let f = flags(&["--mood", "x"]).unwrap();
        assert!(f.number::<u8>("--mood").is_err());
        let f = flags(&["--channel", "pigeon"]).unwrap();
        let err = f.named::<Channel>("--channel").unwrap_err().message;
        assert!(err.starts_with("unknown channel for --channel; one of: call, text"));
        assert!(!err.contains("pigeon"));
        assert!(flags(&[]).unwrap().text("text").is_err());
        assert!(flags(&["a", "b"]).unwrap().one_word("id").is_err());
    }
}

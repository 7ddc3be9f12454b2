//! `reminders`: what is coming, and `reminders set` for when and how.

use nocontact_core::{Discretion, ReminderSettings, TimeOfDay, Vault};

use crate::args::{Flags, Kind, Options, Parse};
use crate::{describe, names, zone};

pub(crate) const USAGE: &str = concat!(
    "\
usage:
  nocontact reminders [--zone ZONE] [--count N]     the next N reminders (1-500, default 10)
  nocontact reminders set [--discretion neutral|plain] [--daily HH:MM|off]
                [--evening HH:MM|off] [--milestones on|off] [--heads-up DAYS|off]
                [--reviews on|off] [--notice-time HH:MM]

set changes only the settings given, then shows them all (with none, it only shows them).
  --discretion   neutral: the text never says what a reminder is about (the default);
                 plain: it says so
  --daily        a daily check-in (default 20:00)
  --evening      an evening review (default off)
  --milestones   a notice on the morning a milestone is reached
  --heads-up     a notice DAYS (0-30) before a date you marked (default 3)
  --reviews      a notice on a boundary's review date
  --notice-time  when those notices come (default 09:00)

",
    zone::zone_help!()
);

const DEFAULT_COUNT: u32 = 10;

#[derive(Debug)]
pub(crate) enum RemindersCmd {
    List { zone: Option<String>, count: u32 },
    Set(Changes),
}

/// The settings given; `None` leaves one as it is.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    discretion: Option<Discretion>,
    daily: Option<Option<TimeOfDay>>,
    evening: Option<Option<TimeOfDay>>,
    milestones: Option<bool>,
    heads_up: Option<Option<u32>>,
    reviews: Option<bool>,
    notice_time: Option<TimeOfDay>,
}

impl Changes {
    fn apply(self, mut s: ReminderSettings) -> ReminderSettings {
        if let Some(v) = self.discretion {
            s.discretion = v;
        }
        if let Some(v) = self.daily {
            s.daily_check_in = v;
        }
        if let Some(v) = self.evening {
            s.evening_review = v;
        }
        if let Some(v) = self.milestones {
            s.milestones = v;
        }
        if let Some(v) = self.heads_up {
            s.risky_date_heads_up_days = v;
        }
        if let Some(v) = self.reviews {
            s.boundary_reviews = v;
        }
        if let Some(v) = self.notice_time {
            s.notice_time = v;
        }
        s
    }

    fn is_empty(&self) -> bool {
        self.discretion.is_none()
            && self.daily.is_none()
            && self.evening.is_none()
            && self.milestones.is_none()
            && self.heads_up.is_none()
            && self.reviews.is_none()
            && self.notice_time.is_none()
    }
}

pub(crate) fn parse(args: &[String], options: &mut Options) -> Parse<RemindersCmd> {
    if args.first().is_some_and(|a| a == "set") {
        return parse_set(&args[1..], options).map(RemindersCmd::Set);
    }
    let f = Flags::parse(
        args,
        &[("--zone", Kind::Value), ("--count", Kind::Value)],
        USAGE,
        options,
    )?;
    if !f.words().is_empty() {
        return Err(f.error("unknown reminders subcommand"));
    }
    Ok(RemindersCmd::List {
        zone: f.value("--zone"),
        count: f.number("--count")?.unwrap_or(DEFAULT_COUNT),
    })
}

fn parse_set(args: &[String], options: &mut Options) -> Parse<Changes> {
    let f = Flags::parse(
        args,
        &[
            ("--discretion", Kind::Value),
            ("--daily", Kind::Value),
            ("--evening", Kind::Value),
            ("--milestones", Kind::Value),
            ("--heads-up", Kind::Value),
            ("--reviews", Kind::Value),
            ("--notice-time", Kind::Value),
        ],
        USAGE,
        options,
    )?;
    f.no_words()?;
    let clock = |flag: &str, off: bool| -> Parse<Option<Option<TimeOfDay>>> {
        let Some(v) = f.value(flag) else {
            return Ok(None);
        };
        if off && v.trim().eq_ignore_ascii_case("off") {
            return Ok(Some(None));
        }
        let hint = if off { "HH:MM or off" } else { "HH:MM" };
        parse_clock(&v)
            .map(|t| Some(Some(t)))
            .ok_or_else(|| f.error(format!("{flag} needs a time, {hint}")))
    };
    let switch = |flag: &str| -> Parse<Option<bool>> {
        f.value(flag)
            .map(|v| match v.trim().to_ascii_lowercase().as_str() {
                "on" => Ok(true),
                "off" => Ok(false),
                _ => Err(f.error(format!("{flag} needs on or off"))),
            })
            .transpose()
    };
    let heads_up = match f.value("--heads-up") {
        None => None,
        Some(v) if v.trim().eq_ignore_ascii_case("off") => Some(None),
        Some(_) => Some(Some(
            f.number("--heads-up")
                .map_err(|_| f.error("--heads-up needs a number of days or off"))?
                .unwrap_or(0),
        )),
    };
    Ok(Changes {
        discretion: f.named("--discretion")?,
        daily: clock("--daily", true)?,
        evening: clock("--evening", true)?,
        milestones: switch("--milestones")?,
        heads_up,
        reviews: switch("--reviews")?,
        notice_time: clock("--notice-time", false)?.flatten(),
    })
}

/// "H:MM" or "HH:MM". Only the shape is checked; the core says which field
/// holds an hour or minute out of range.
pub(crate) fn parse_clock(text: &str) -> Option<TimeOfDay> {
    let (h, m) = text.trim().split_once(':')?;
    let number = |s: &str, widths: &[usize]| {
        (widths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u8>().ok())
            .flatten()
    };
    Some(TimeOfDay {
        hour: number(h, &[1, 2])?,
        minute: number(m, &[2])?,
    })
}

fn show_clock(t: TimeOfDay) -> String {
    format!("{:02}:{:02}", t.hour, t.minute)
}

pub(crate) fn run(vault: &Vault, cmd: RemindersCmd) -> Result<(), String> {
    match cmd {
        RemindersCmd::List { zone, count } => {
            let name = zone::pick(zone);
            let reminders = vault
                .upcoming_reminders(name.clone(), count)
                .map_err(describe)?;
            let tz = zone::rules(&name)?;
            if reminders.is_empty() {
                println!("no reminders to come; turn some on with `nocontact reminders set`");
            }
            for r in &reminders {
                println!(
                    "{}  {:<15}  {} — {}",
                    zone::day_and_clock(r.at, tz),
                    names::name(r.kind),
                    r.title,
                    r.body
                );
            }
            Ok(())
        }
        RemindersCmd::Set(changes) => {
            let current = vault.reminder_settings().map_err(describe)?;
            let settings = if changes.is_empty() {
                current
            } else {
                let saved = vault
                    .set_reminder_settings(changes.apply(current))
                    .map_err(describe)?;
                println!("reminder settings saved");
                saved
            };
            for line in settings_lines(&settings) {
                println!("{line}");
            }
            Ok(())
        }
    }
}

pub(crate) fn settings_lines(s: &ReminderSettings) -> Vec<String> {
    let time_or_off = |t: Option<TimeOfDay>| t.map_or_else(|| "off".to_owned(), show_clock);
    let on_off = |b: bool| if b { "on" } else { "off" }.to_owned();
    let heads_up = match s.risky_date_heads_up_days {
        None => "off".to_owned(),
        Some(0) => "on the day of a date you marked".to_owned(),
        Some(1) => "1 day before a date you marked".to_owned(),
        Some(n) => format!("{n} days before a date you marked"),
    };
    [
        ("discretion", names::name(s.discretion).to_owned()),
        ("daily check-in", time_or_off(s.daily_check_in)),
        ("evening review", time_or_off(s.evening_review)),
        ("milestones", on_off(s.milestones)),
        ("heads-up", heads_up),
        ("boundary reviews", on_off(s.boundary_reviews)),
        ("notice time", show_clock(s.notice_time)),
    ]
    .into_iter()
    .map(|(label, value)| format!("  {label:<17}{value}"))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    fn p(args: &[&str]) -> Parse<RemindersCmd> {
        parse(&strings(args), &mut Options::default())
    }

    #[test]
    fn clocks() {
        assert_eq!(
            parse_clock("8:30"),
            Some(TimeOfDay {
                hour: 8,
                minute: 30
            })
        );
        assert_eq!(parse_clock(" 23:05 ").map(show_clock), Some("23:05".into()));
        assert_eq!(parse_clock("25:00").map(|t| t.hour), Some(25));
        assert_eq!(parse_clock("99:99").map(|t| t.minute), Some(99));
        for bad in ["", "8", "8:3", "08:300", "999:00", "ab:cd", "-1:00", "8h30"] {
            assert_eq!(parse_clock(bad), None, "{bad}");
        }
    }

    #[test]
    fn set_applies_only_what_is_given() {
        let Ok(RemindersCmd::Set(changes)) = p(&[
            "set",
            "--discretion",
            "plain",
            "--daily",
            "08:30",
            "--evening",
            "off",
            "--heads-up",
            "off",
            "--milestones",
            "off",
        ]) else {
            panic!("set did not parse");
        };
        let s = changes.apply(ReminderSettings::default());
        assert_eq!(s.discretion, Discretion::Plain);
        assert_eq!(s.daily_check_in.map(show_clock), Some("08:30".into()));
        assert_eq!(s.evening_review, None);
        assert_eq!(s.risky_date_heads_up_days, None);
        assert!(!s.milestones);
        assert!(s.boundary_reviews, "left as it was");
        assert_eq!(show_clock(s.notice_time), "09:00");
        let Ok(RemindersCmd::Set(changes)) = p(&["set", "--heads-up", "5", "--evening", "21:00"])
        else {
            panic!("set did not parse");
        };
        assert!(!changes.is_empty());
        let s = changes.apply(ReminderSettings::default());
        assert_eq!(s.risky_date_heads_up_days, Some(5));
        assert_eq!(s.evening_review.map(show_clock), Some("21:00".into()));
        assert!(matches!(p(&["set"]), Ok(RemindersCmd::Set(c)) if c.is_empty()));
    }

    #[test]
    fn list_and_errors() {
        assert!(matches!(
            p(&["--count", "3", "--zone", "Europe/Berlin"]),
            Ok(RemindersCmd::List {
                count: 3,
                zone: Some(_)
            })
        ));
        assert!(matches!(
            p(&[]),
            Ok(RemindersCmd::List {
                count: 10,
                zone: None
            })
        ));
        let e = |args: &[&str]| p(args).err().unwrap().message;
        assert_eq!(e(&["snooze"]), "unknown reminders subcommand");
        assert_eq!(
            e(&["set", "--daily", "noon"]),
            "--daily needs a time, HH:MM or off"
        );
        assert_eq!(
            e(&["set", "--notice-time", "off"]),
            "--notice-time needs a time, HH:MM"
        );
        assert_eq!(e(&["set", "--reviews", "yes"]), "--reviews needs on or off");
        assert_eq!(
            e(&["set", "--heads-up", "soon"]),
            "--heads-up needs a number of days or off"
        );
        assert!(e(&["set", "--discretion", "loud"]).starts_with("unknown discretion"));
        assert!(e(&["set", "--zone", "UTC"]).starts_with("unknown option --zone"));
    }

    #[test]
    fn settings_shown() {
        let lines = settings_lines(&ReminderSettings::default());
        assert_eq!(lines.len(), 7);
        assert_eq!(lines[0], "  discretion       neutral");
        assert_eq!(lines[1], "  daily check-in   20:00");
        assert_eq!(lines[2], "  evening review   off");
        assert!(lines[4].ends_with("3 days before a date you marked"));
    }
}

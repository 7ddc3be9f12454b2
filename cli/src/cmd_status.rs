//! `status`: the home screen in text, or the core's summary as JSON.

use chrono_tz::Tz;
use nocontact_core::{EventBody, HomeSummary, LocalDate, Streak, Vault};

use crate::args::{Flags, Kind, Options, Parse};
use crate::render::{self, Aliases};
use crate::{describe, when, zone};

pub(crate) const USAGE: &str = concat!(
    "\
usage:
  nocontact status [--zone ZONE] [--json]

The home screen: the streak overall and with each person, the next milestone,
today's prompt, the reminders still to come today, the last check-in and a
date you marked if it is within a week. --json prints the core's summary as JSON.

",
    zone::zone_help!()
);

#[derive(Debug)]
pub(crate) struct StatusCmd {
    zone: Option<String>,
    json: bool,
}

pub(crate) fn parse(args: &[String], options: &mut Options) -> Parse<StatusCmd> {
    let f = Flags::parse(
        args,
        &[("--zone", Kind::Value), ("--json", Kind::Switch)],
        USAGE,
        options,
    )?;
    f.no_words()?;
    Ok(StatusCmd {
        zone: f.value("--zone"),
        json: f.switch("--json"),
    })
}

pub(crate) fn run(vault: &Vault, cmd: StatusCmd) -> Result<(), String> {
    let name = zone::pick(cmd.zone);
    let summary = vault.summary(name.clone()).map_err(describe)?;
    if cmd.json {
        let json = serde_json::to_string_pretty(&summary).map_err(|_| "cannot write JSON")?;
        println!("{json}");
        return Ok(());
    }
    let aliases = render::aliases(vault).map_err(describe)?;
    for line in lines(&summary, zone::rules(&name)?, &aliases) {
        println!("{line}");
    }
    Ok(())
}

/// "3 days now; 45 days before the slip on 2026-10-01", "40 days, since 2026-10-17".
pub(crate) fn streak_phrase(s: &Streak) -> String {
    let current = render::count(s.current_days as usize, "day", "days");
    match s.previous_days {
        Some(previous) => format!(
            "{current} now; {} before the slip on {}",
            render::count(previous as usize, "day", "days"),
            when::show_date(s.current_since)
        ),
        None => format!("{current}, since {}", when::show_date(s.current_since)),
    }
}

/// "today", "yesterday", "3 days ago", "in 2 days".
fn relative(day: LocalDate, today: LocalDate) -> String {
    let (Some(day), Some(today)) = (when::naive(day), when::naive(today)) else {
        return String::new();
    };
    match (day - today).num_days() {
        0 => "today".to_owned(),
        -1 => "yesterday".to_owned(),
        1 => "tomorrow".to_owned(),
        n if n < 0 => format!(
            "{} ago",
            render::count(n.unsigned_abs() as usize, "day", "days")
        ),
        n => format!("in {}", render::count(n as usize, "day", "days")),
    }
}

/// The home screen, a line at a time.
pub(crate) fn lines(summary: &HomeSummary, zone: Tz, aliases: &Aliases) -> Vec<String> {
    let mut out = vec![format!("Today is {}.", when::show_date(summary.today))];
    match &summary.streaks.overall {
        None => out.push(
            "No streak yet: add the people you keep away from with `nocontact person add`."
                .to_owned(),
        ),
        Some(s) => {
            out.push(format!("No contact: {}", streak_phrase(s)));
            out.push(format!(
                "  started {}; longest {}; {} kept of {}; {}",
                when::show_date(s.started_on),
                render::count(s.longest_days as usize, "day", "days"),
                render::count(s.total_days_kept as usize, "day", "days"),
                s.days_since_start,
                render::count(s.breaches as usize, "breach", "breaches"),
            ));
            if let Some(m) = s.milestones_reached.last() {
                if m.reached_on == summary.today {
                    out.push(format!("  Today: {} days. A milestone.", m.days));
                }
            }
        }
    }
    let people = &summary.streaks.people;
    let width = people
        .iter()
        .map(|s| s.alias.as_deref().unwrap_or("").chars().count())
        .max()
        .unwrap_or(0);
    for s in people {
        let alias = s.alias.as_deref().unwrap_or("?");
        let pad = " ".repeat(width - alias.chars().count());
        let breaches = match s.breaches {
            0 => String::new(),
            n => format!(" ({})", render::count(n as usize, "breach", "breaches")),
        };
        out.push(format!("  {alias}{pad}  {}{breaches}", streak_phrase(s)));
    }
    if let Some(m) = &summary.next_milestone {
        let left = match m.days_left {
            1 => "tomorrow".to_owned(),
            n => format!("in {}", render::count(n as usize, "day", "days")),
        };
        out.push(format!(
            "Next milestone: {} days, {left} ({})",
            m.days,
            when::show_date(m.on)
        ));
    }
    if let Some(p) = &summary.prompt_of_the_day {
        out.push(format!("Today's prompt: {}", p.text));
    }
    if summary.reminders_today.is_empty() {
        out.push("No more reminders today.".to_owned());
    } else {
        out.push("Still to come today:".to_owned());
        for r in &summary.reminders_today {
            out.push(format!(
                "  {}  {} — {}",
                zone::clock(r.at, zone),
                r.title,
                r.body
            ));
        }
    }
    match &summary.last_check_in {
        Some(event) => {
            if let EventBody::CheckIn { check_in } = &event.body {
                let energy = check_in
                    .energy
                    .map(|e| format!(", energy {e}/5"))
                    .unwrap_or_default();
                let local = when::local_date_of(event.at, event.utc_offset_seconds);
                let quick = if event.logged_while_locked {
                    render::LOCKED_TAG
                } else {
                    ""
                };
                out.push(format!(
                    "Last check-in: mood {}/5{energy}, {} ({}){quick}",
                    check_in.mood,
                    render::local_time(event.at, event.utc_offset_seconds),
                    relative(local, summary.today)
                ));
            }
        }
        None => out.push("No check-ins yet (`nocontact log checkin --mood 1-5`).".to_owned()),
    }
    if let Some(r) = &summary.risky_date_near {
        let with = r
            .person_id
            .as_ref()
            .and_then(|p| aliases.get(p))
            .map(|a| format!(" ({a})"))
            .unwrap_or_default();
        out.push(format!(
            "Coming up: {}{with} on {}, {}. The safety plan is there: `nocontact plan show`.",
            r.name,
            when::show_date(r.date),
            relative(r.date, summary.today)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(day: u32) -> LocalDate {
        LocalDate {
            year: 2026,
            month: 10,
            day,
        }
    }

    fn streak(current: u32, previous: Option<u32>) -> Streak {
        Streak {
            person_id: None,
            alias: None,
            started_on: date(1),
            current_since: date(1),
            current_days: current,
            longest_days: 45,
            total_days_kept: 47,
            days_since_start: 48,
            breaches: 1,
            previous_days: previous,
            milestones_reached: Vec::new(),
            next_milestone: None,
        }
    }

    #[test]
    fn a_slip_inside_a_longer_journey() {
        assert_eq!(
            streak_phrase(&streak(3, Some(45))),
            "3 days now; 45 days before the slip on 2026-10-01"
        );
        assert_eq!(streak_phrase(&streak(1, None)), "1 day, since 2026-10-01");
    }

    #[test]
    fn relative_days() {
        assert_eq!(relative(date(5), date(5)), "today");
        assert_eq!(relative(date(4), date(5)), "yesterday");
        assert_eq!(relative(date(2), date(5)), "3 days ago");
        assert_eq!(relative(date(6), date(5)), "tomorrow");
        assert_eq!(relative(date(9), date(5)), "in 4 days");
    }
}

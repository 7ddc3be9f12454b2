//! `insights`: patterns over the last weeks, drawn in the terminal, or the
//! core's numbers as JSON.

use nocontact_core::{Insights, Ranked, Trend, Vault};

use crate::args::{Flags, Kind, Options, Parse};
use crate::render::{self, Aliases};
use crate::{charts, describe, ids, names, when, zone};

pub(crate) const USAGE: &str = concat!(
    "\
usage:
  nocontact insights [--zone ZONE] [--weeks N] [--person ID] [--json]

Urges (how many, how strong, when, what helped), their attempts to reach me,
mood and how each boundary is holding, over the last N whole weeks (1-104,
default 8; this week included), for everyone or one person. --json prints
the core's numbers as JSON.

",
    zone::zone_help!()
);

const DEFAULT_WEEKS: u32 = 8;

#[derive(Debug)]
pub(crate) struct InsightsCmd {
    zone: Option<String>,
    weeks: u32,
    person: Option<String>,
    json: bool,
}

pub(crate) fn parse(args: &[String], options: &mut Options) -> Parse<InsightsCmd> {
    let f = Flags::parse(
        args,
        &[
            ("--zone", Kind::Value),
            ("--weeks", Kind::Value),
            ("--person", Kind::Value),
            ("--json", Kind::Switch),
        ],
        USAGE,
        options,
    )?;
    f.no_words()?;
    Ok(InsightsCmd {
        zone: f.value("--zone"),
        weeks: f.number("--weeks")?.unwrap_or(DEFAULT_WEEKS),
        person: f.value("--person"),
        json: f.switch("--json"),
    })
}

pub(crate) fn run(vault: &Vault, cmd: InsightsCmd) -> Result<(), String> {
    let person_id = ids::maybe_person(vault, cmd.person.as_deref())?;
    let insights = vault
        .insights(zone::pick(cmd.zone), cmd.weeks, person_id)
        .map_err(describe)?;
    if cmd.json {
        let json = serde_json::to_string_pretty(&insights).map_err(|_| "cannot write JSON")?;
        println!("{json}");
        return Ok(());
    }
    let aliases = render::aliases(vault).map_err(describe)?;
    for line in lines(&insights, &aliases, Detail::Full) {
        println!("{line}");
    }
    Ok(())
}

/// How much to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Detail {
    /// Everything `insights` has.
    Full,
    /// Urges in short, the grid, the weekly bars and the rising count.
    Compact,
}

/// "rising, +0.4 a week", "steady (+0.1 a week)".
fn trend(trend: Trend, change: f64, unit: &str) -> String {
    match trend {
        Trend::Rising => format!("rising, {change:+.1} {unit} a week"),
        Trend::Falling => format!("falling, {change:+.1} {unit} a week"),
        Trend::Steady => format!("steady ({change:+.1} {unit} a week)"),
        Trend::NotEnoughData => "not enough weeks with data for a trend".to_owned(),
    }
}

/// "Called Sam (2), Box breathing (1)".
fn ranked(items: &[Ranked]) -> String {
    items
        .iter()
        .map(|r| format!("{} ({})", r.label, r.count))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The attempts of the last 14 days against the earlier ones, as counts.
fn rising(ins: &Insights) -> String {
    let a = &ins.attempts;
    let last = format!(
        "{} in the last 14 days",
        render::count(a.last_14_days as usize, "attempt", "attempts")
    );
    let window_days = match (when::naive(ins.from), when::naive(ins.to)) {
        (Some(from), Some(to)) => (to - from).num_days(),
        _ => 0,
    };
    if window_days < 14 {
        return format!("{last}; these weeks hold no earlier 14 days to compare.");
    }
    let line = format!(
        "{last}; the most in any earlier 14 days was {}.",
        a.most_in_earlier_14_days
    );
    if a.rising {
        format!("More than before: {line}")
    } else {
        line
    }
}

/// The insights, a line at a time.
pub(crate) fn lines(ins: &Insights, aliases: &Aliases, detail: Detail) -> Vec<String> {
    let full = detail == Detail::Full;
    let mut out = Vec::new();
    let who = match &ins.person_id {
        Some(id) => format!(
            "with {}",
            aliases
                .get(id)
                .map_or_else(|| render::short_id(id), String::as_str)
        ),
        None => "everyone".to_owned(),
    };
    let weeks = ins.urges.weeks.len().max(ins.attempts.weeks.len());
    if full {
        out.push(format!(
            "{}, {} to {} ({who})",
            render::count(weeks, "week", "weeks"),
            when::show_date(ins.from),
            when::show_date(ins.to)
        ));
        out.push(String::new());
    }

    let u = &ins.urges;
    if u.total == 0 {
        out.push("Urges: none logged in these weeks.".to_owned());
    } else {
        out.push(format!(
            "Urges: {}, {}% resisted, mean intensity {:.1}/10",
            u.total, u.resisted_percent, u.mean_intensity
        ));
        out.push(format!(
            "  intensity: {}",
            trend(u.intensity_trend, u.intensity_change_per_week, "points")
        ));
    }
    if full {
        for (label, items) in [
            ("top triggers", &u.top_triggers),
            ("top feelings", &u.top_emotions),
            ("helped when resisted", &u.helped_when_resisted),
        ] {
            if !items.is_empty() {
                out.push(format!("  {label}: {}", ranked(items)));
            }
        }
    }
    if u.total > 0 {
        out.push(String::new());
        out.push("When urges came, by weekday and local hour:".to_owned());
        out.extend(charts::weekday_hour_grid(&u.weekday_hour));
        out.push(format!(
            "     {}",
            charts::grid_legend(&u.weekday_hour, "urge", "urges")
        ));
        out.push(String::new());
        out.push("Urges, week by week:".to_owned());
        let weeks: Vec<_> = u.weeks.iter().map(|w| (w.week_start, w.count)).collect();
        out.extend(charts::week_bars(&weeks).into_iter().map(indent));
    }

    let a = &ins.attempts;
    out.push(String::new());
    if a.total == 0 {
        out.push("Their attempts to reach me: none logged in these weeks.".to_owned());
    } else {
        out.push(format!(
            "Their attempts to reach me: {}, {}",
            a.total,
            trend(a.trend, a.change_per_week, "attempts")
        ));
        let weeks: Vec<_> = a.weeks.iter().map(|w| (w.week_start, w.count)).collect();
        out.extend(charts::week_bars(&weeks).into_iter().map(indent));
        if full && !a.by_channel.is_empty() {
            let channels: Vec<String> = a
                .by_channel
                .iter()
                .map(|c| format!("{} {}", names::name(c.channel), c.count))
                .collect();
            out.push(format!("  by channel: {}", channels.join(", ")));
        }
        out.push(format!("  {}", rising(ins)));
    }
    if !full {
        return out;
    }

    out.push(String::new());
    if ins.mood.weeks.is_empty() {
        out.push("Mood: no check-ins in these weeks.".to_owned());
    } else {
        out.push("Mood, week by week (averages of 5):".to_owned());
        for w in &ins.mood.weeks {
            let energy = w
                .energy
                .map(|e| format!(", energy {e:.1}"))
                .unwrap_or_default();
            out.push(format!(
                "  {}  mood {:.1}{energy}  ({})",
                when::show_date(w.date),
                w.mood,
                render::count(w.check_ins as usize, "check-in", "check-ins")
            ));
        }
    }

    out.push(String::new());
    if ins.boundaries.is_empty() {
        out.push("Boundaries: none yet.".to_owned());
    } else {
        out.push("Boundaries:".to_owned());
        for b in &ins.boundaries {
            let last = b
                .last_crossed_on
                .map(|d| format!(", last on {}", when::show_date(d)))
                .unwrap_or_default();
            out.push(format!("  {}  [{}]", b.statement, names::name(b.status)));
            out.push(format!(
                "    kept {}; crossed by me {}{last}; touched by them {}",
                render::count(b.days_kept as usize, "day", "days"),
                times(b.crossed_by_me),
                times(b.touched_by_them)
            ));
        }
    }
    out
}

fn times(n: u32) -> String {
    match n {
        0 => "never".to_owned(),
        1 => "once".to_owned(),
        n => format!("{n} times"),
    }
}

fn indent(line: String) -> String {
    format!("  {line}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trends_and_counts() {
        assert_eq!(
            trend(Trend::Falling, -0.34, "points"),
            "falling, -0.3 points a week"
        );
        assert_eq!(
            trend(Trend::Steady, 0.1, "attempts"),
            "steady (+0.1 attempts a week)"
        );
        assert_eq!(times(0), "never");
        assert_eq!(times(2), "2 times");
        let items = [
            Ranked {
                label: "lonely".into(),
                count: 3,
            },
            Ranked {
                label: "sad".into(),
                count: 1,
            },
        ];
        assert_eq!(ranked(&items), "lonely (3), sad (1)");
    }
}

//! Small charts drawn with characters: a weekday-by-hour grid of shades and
//! horizontal bars, both scaled to the largest count shown.

use nocontact_core::LocalDate;

use crate::when;

/// The shades, lightest first; a count of zero is a space.
pub(crate) const SHADES: [char; 4] = ['░', '▒', '▓', '█'];

pub(crate) const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// How wide a bar at the largest count is.
pub(crate) const BAR_WIDTH: usize = 24;

/// The shade for `count` when the busiest cell holds `max`: a space for
/// none, then four steps, so that any count shows and only the busiest is
/// full.
pub(crate) fn shade(count: u32, max: u32) -> char {
    if count == 0 || max == 0 {
        return ' ';
    }
    let step = (u64::from(count.min(max)) * 4).div_ceil(u64::from(max));
    SHADES[(step.clamp(1, 4) - 1) as usize]
}

/// The hour ruler over the grid's 24 columns: 0, 6, 12, 18 and 23.
fn ruler() -> String {
    let mut cells = [' '; 24];
    for (at, label) in [(0, "0"), (6, "6"), (12, "12"), (18, "18"), (22, "23")] {
        for (i, c) in label.chars().enumerate() {
            cells[at + i] = c;
        }
    }
    cells.iter().collect()
}

/// The grid: a ruler line, then one row a weekday (Monday first), each
/// `Mon │` and 24 hour cells and `│`. Rows or hours missing from `counts`
/// are drawn empty.
pub(crate) fn weekday_hour_grid(counts: &[Vec<u32>]) -> Vec<String> {
    let max = counts.iter().flatten().copied().max().unwrap_or(0);
    let mut lines = vec![format!("     {}", ruler().trim_end())];
    for (day, name) in WEEKDAYS.iter().enumerate() {
        let row = counts.get(day).map(Vec::as_slice).unwrap_or(&[]);
        let cells: String = (0..24)
            .map(|hour| shade(row.get(hour).copied().unwrap_or(0), max))
            .collect();
        lines.push(format!("{name} │{cells}│"));
    }
    lines
}

/// What the shades mean, given the busiest cell: "urge", "urges".
pub(crate) fn grid_legend(counts: &[Vec<u32>], one: &str, many: &str) -> String {
    match counts.iter().flatten().copied().max().unwrap_or(0) {
        0 => format!("(no {many} in these weeks)"),
        n => format!(
            "(░ ▒ ▓ █ scaled to the busiest hour: {})",
            crate::render::count(n as usize, one, many)
        ),
    }
}

/// A bar of `█` for `count` out of `max`, `width` long at `max`; any count
/// above zero shows at least one block.
pub(crate) fn bar(count: u32, max: u32, width: usize) -> String {
    if count == 0 || max == 0 {
        return String::new();
    }
    let scaled = (u64::from(count.min(max)) * width as u64 + u64::from(max) / 2) / u64::from(max);
    "█".repeat((scaled as usize).max(1))
}

/// One row a week: its first day, a bar scaled to the largest week, the count.
pub(crate) fn week_bars(weeks: &[(LocalDate, u32)]) -> Vec<String> {
    let max = weeks.iter().map(|(_, c)| *c).max().unwrap_or(0);
    weeks
        .iter()
        .map(|(start, count)| {
            let bar = bar(*count, max, BAR_WIDTH);
            format!(
                "{}  {bar}{}  {count}",
                when::show_date(*start),
                " ".repeat(BAR_WIDTH - bar.chars().count())
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shades_scale_to_the_busiest() {
        assert_eq!(shade(0, 0), ' ');
        assert_eq!(shade(0, 5), ' ');
        assert_eq!(shade(5, 0), ' ');
        assert_eq!(shade(1, 1), '█');
        assert_eq!(shade(1, 100), '░', "any count shows");
        assert_eq!(shade(25, 100), '░');
        assert_eq!(shade(26, 100), '▒');
        assert_eq!(shade(50, 100), '▒');
        assert_eq!(shade(75, 100), '▓');
        assert_eq!(shade(76, 100), '█');
        assert_eq!(shade(100, 100), '█');
        assert_eq!(shade(500, 100), '█', "clamped");
        assert_eq!(shade(u32::MAX, u32::MAX), '█');
    }

    #[test]
    fn grid_shape() {
        let mut counts = vec![vec![0u32; 24]; 7];
        counts[0][0] = 4;
        counts[6][23] = 1;
        counts[3][12] = 2;
        let lines = weekday_hour_grid(&counts);
        assert_eq!(lines.len(), 8);
        assert_eq!(lines[0], "     0     6     12    18  23");
        for (line, day) in lines[1..].iter().zip(WEEKDAYS) {
            assert!(line.starts_with(&format!("{day} │")));
            assert!(line.ends_with('│'));
            let cells: Vec<char> = line.chars().skip(5).take(24).collect();
            assert_eq!(cells.len(), 24);
            assert_eq!(line.chars().count(), 5 + 24 + 1);
        }
        assert_eq!(lines[1].chars().nth(5), Some('█'));
        assert_eq!(lines[7].chars().nth(5 + 23), Some('░'));
        assert_eq!(lines[4].chars().nth(5 + 12), Some('▒'));
        // The ruler's labels sit over their hours.
        assert_eq!(lines[0].find("12"), Some(5 + 12));
        assert_eq!(lines[0].find("18"), Some(5 + 18));
    }

    #[test]
    fn empty_and_short_data() {
        let lines = weekday_hour_grid(&[]);
        assert_eq!(lines.len(), 8);
        for line in &lines[1..] {
            assert_eq!(line.chars().count(), 30);
            let cells: String = line.chars().skip(5).take(24).collect();
            assert_eq!(cells, " ".repeat(24));
        }
        let short = weekday_hour_grid(&[vec![1, 2]]);
        assert_eq!(short.len(), 8);
        assert!(short[1].starts_with("Mon │▒█ "));
        let legend = |counts: &[Vec<u32>]| grid_legend(counts, "urge", "urges");
        assert_eq!(legend(&[]), "(no urges in these weeks)");
        assert!(legend(&[vec![1]]).ends_with("busiest hour: 1 urge)"));
        assert!(legend(&[vec![0], vec![3]]).ends_with("busiest hour: 3 urges)"));
    }

    #[test]
    fn bars_scale_to_the_largest() {
        assert_eq!(bar(0, 0, 10), "");
        assert_eq!(bar(0, 8, 10), "");
        assert_eq!(bar(8, 8, 10), "█".repeat(10));
        assert_eq!(bar(4, 8, 10), "█".repeat(5));
        assert_eq!(bar(1, 100, 10), "█", "any count shows");
        assert_eq!(bar(9, 8, 10), "█".repeat(10), "clamped");
        let day = |d| LocalDate {
            year: 2026,
            month: 11,
            day: d,
        };
        let rows = week_bars(&[(day(2), 2), (day(9), 0), (day(16), 8)]);
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[0],
            format!("2026-11-02  {}{}  2", "█".repeat(6), " ".repeat(18))
        );
        assert_eq!(rows[1], format!("2026-11-09  {}  0", " ".repeat(24)));
        assert_eq!(rows[2], format!("2026-11-16  {}  8", "█".repeat(24)));
        let empty = week_bars(&[(day(2), 0)]);
        assert_eq!(empty, [format!("2026-11-02  {}  0", " ".repeat(24))]);
        assert!(week_bars(&[]).is_empty());
    }
}

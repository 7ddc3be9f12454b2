//! How the CLI shows things: local times with their offset, short ids.

use chrono::{DateTime, FixedOffset, Local, Offset, Utc};
use nocontact_core::Note;

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

pub(crate) fn note_line(note: &Note) -> String {
    format!(
        "{}  {}  {}",
        short_id(&note.id),
        local_time(note.at, note.utc_offset_seconds),
        note.text
    )
}

#[cfg(test)]
mod tests {
    use super::*;
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
}

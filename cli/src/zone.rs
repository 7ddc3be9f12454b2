//! The time zone progress is counted in: `--zone NAME`, else the `TZ`
//! environment variable if it holds an IANA name, else the system's zone
//! (the `/etc/localtime` link on Linux and macOS), else UTC. The core checks
//! the name; this module only picks it and shows instants in it.

use std::time::SystemTime;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use nocontact_core::VaultError;

use crate::describe;

/// What ZONE is, for usage texts (a macro, for `concat!`).
macro_rules! zone_help {
    () => {
        "\
ZONE: an IANA time zone name (\"Europe/Berlin\"); without --zone, the TZ environment
      variable if it holds one, else the system's zone, else UTC. Today, the weeks
      and reminder times are counted in it."
    };
}
pub(crate) use zone_help;

/// The zone to use: the flag's value as given, else the default.
pub(crate) fn pick(flag: Option<String>) -> String {
    flag.unwrap_or_else(|| {
        let tz = std::env::var("TZ").ok();
        let system = std::fs::read_link("/etc/localtime")
            .ok()
            .and_then(|target| from_link(&target.to_string_lossy()));
        from_env(tz.as_deref().or(system.as_deref()))
    })
}

/// The IANA name at the end of a zoneinfo path
/// ("/usr/share/zoneinfo/Europe/Berlin" → "Europe/Berlin"), if it is one.
pub(crate) fn from_link(target: &str) -> Option<String> {
    let (_, name) = target.split_once("zoneinfo/")?;
    name.parse::<Tz>().is_ok().then(|| name.to_owned())
}

/// The `TZ` value if it names an IANA zone (a leading `:`, as POSIX allows,
/// is dropped), else "UTC".
pub(crate) fn from_env(tz: Option<&str>) -> String {
    tz.map(|v| v.trim().trim_start_matches(':'))
        .filter(|v| v.parse::<Tz>().is_ok())
        .unwrap_or("UTC")
        .to_owned()
}

/// The zone's rules, for showing instants; "invalid zone" as the core says it.
pub(crate) fn rules(name: &str) -> Result<Tz, String> {
    name.parse::<Tz>()
        .map_err(|_| describe(VaultError::invalid_field("zone")))
}

/// "HH:MM" in `zone`.
pub(crate) fn clock(at: SystemTime, zone: Tz) -> String {
    let utc: DateTime<Utc> = at.into();
    utc.with_timezone(&zone).format("%H:%M").to_string()
}

/// "Thu 2026-11-26 20:00" in `zone`.
pub(crate) fn day_and_clock(at: SystemTime, zone: Tz) -> String {
    let utc: DateTime<Utc> = at.into();
    utc.with_timezone(&zone)
        .format("%a %Y-%m-%d %H:%M")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_from_the_localtime_link() {
        assert_eq!(
            from_link("/usr/share/zoneinfo/Europe/Berlin").as_deref(),
            Some("Europe/Berlin")
        );
        assert_eq!(
            from_link("/var/db/timezone/zoneinfo/America/New_York").as_deref(),
            Some("America/New_York")
        );
        assert_eq!(from_link("/usr/share/zoneinfo/Not/AZone"), None);
        assert_eq!(from_link("/etc/something"), None);
    }
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn defaults() {
        assert_eq!(pick(Some("Mars/Olympus".into())), "Mars/Olympus");
        assert_eq!(from_env(Some("Europe/Berlin")), "Europe/Berlin");
        assert_eq!(from_env(Some(":America/New_York")), "America/New_York");
        assert_eq!(from_env(Some("CET-1CEST,M3.5.0,M10.5.0/3")), "UTC");
        assert_eq!(from_env(Some("")), "UTC");
        assert_eq!(from_env(None), "UTC");
        assert_eq!(rules("Nowhere").unwrap_err(), "invalid zone");
    }

    #[test]
    fn instants_in_a_zone() {
        let at = UNIX_EPOCH + Duration::from_secs(1_700_000_000); // 22:13 UTC
        let berlin = rules("Europe/Berlin").unwrap();
        assert_eq!(clock(at, berlin), "23:13");
        assert_eq!(day_and_clock(at, berlin), "Tue 2023-11-14 23:13");
    }
}

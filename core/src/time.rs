//! Instants as the vault stores them: whole milliseconds since the Unix epoch
//! (UTC), which round-trip through `SystemTime` on every platform and through
//! `java.time.Instant` and `Date` on the other side of the FFI.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How far in the future a stated instant may lie, for clocks that disagree.
pub(crate) const MAX_FUTURE_SKEW: Duration = Duration::from_secs(5 * 60);
/// The widest UTC offset accepted (ISO 8601 allows ±18:00).
pub(crate) const MAX_OFFSET_SECONDS: i32 = 18 * 3600;

pub(crate) fn to_millis(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_millis()).unwrap_or(i64::MAX),
    }
}

pub(crate) fn from_millis(ms: i64) -> SystemTime {
    let magnitude = Duration::from_millis(ms.unsigned_abs());
    if ms >= 0 {
        UNIX_EPOCH.checked_add(magnitude).unwrap_or(UNIX_EPOCH)
    } else {
        UNIX_EPOCH.checked_sub(magnitude).unwrap_or(UNIX_EPOCH)
    }
}

/// The earliest instant an entry may have: 1900-01-01T00:00:00Z. Older
/// dates are typing mistakes, and far older ones would overflow calendars.
pub(crate) fn earliest() -> SystemTime {
    from_millis(-2_208_988_800_000)
}

/// The current instant, truncated to what the vault stores.
pub(crate) fn now() -> SystemTime {
    from_millis(to_millis(SystemTime::now()))
}

/// Serde adapter storing a `SystemTime` as integer milliseconds.
pub(crate) mod millis {
    use serde::{Deserialize, Deserializer, Serializer};
    use std::time::SystemTime;

    pub(crate) fn serialize<S: Serializer>(t: &SystemTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(super::to_millis(*t))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SystemTime, D::Error> {
        i64::deserialize(d).map(super::from_millis)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn before_the_epoch() {
        let t = UNIX_EPOCH - Duration::from_millis(1500);
        assert_eq!(to_millis(t), -1500);
        assert_eq!(from_millis(-1500), t);
    }

    proptest! {
        #[test]
        fn millis_round_trip(ms in -4_000_000_000_000i64..4_000_000_000_000i64) {
            prop_assert_eq!(to_millis(from_millis(ms)), ms);
        }
    }
}

//! Ids and timestamps made by the application, the same on both engines.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A new time-ordered id (UUIDv7) as text.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Now in UTC as fixed-width RFC 3339 text with milliseconds, so text order is time order.
pub fn now() -> String {
    timestamp(OffsetDateTime::now_utc())
}

/// Formats a moment as stored.
pub fn timestamp(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

/// Parses a stored timestamp.
pub fn parse_timestamp(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_round_trip_and_sort() {
        let a = now();
        let b = now();
        assert!(a <= b);
        assert_eq!(a.len(), 24);
        assert!(parse_timestamp(&a).is_some());
    }
}

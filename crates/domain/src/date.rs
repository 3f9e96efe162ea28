//! Calendar dates as people type them (`31/12/2024`) and as stored (`2024-12-31`).

use time::{Date, Month};

/// Parses `dd/mm/yyyy` (also with `-` or `.`) or ISO `yyyy-mm-dd`. Returns `None` for anything else,
/// including impossible dates such as `31/02/2024`.
pub fn parse(input: &str) -> Option<Date> {
    let s = input.trim();
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let (y, m, d) = if parts[0].len() == 4 {
        (parts[0], parts[1], parts[2])
    } else if parts[2].len() == 4 {
        (parts[2], parts[1], parts[0])
    } else {
        return None;
    };
    let year: i32 = y.parse().ok()?;
    let month: u8 = m.parse().ok()?;
    let day: u8 = d.parse().ok()?;
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

/// ISO form used in storage and the API.
pub fn iso(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Vietnamese form shown to people: `31/12/2024`.
pub fn vn(date: Date) -> String {
    format!(
        "{:02}/{:02}/{:04}",
        date.day(),
        u8::from(date.month()),
        date.year()
    )
}

/// Shows a stored ISO date the Vietnamese way; leaves anything unparsable as it is.
pub fn iso_to_vn(iso_text: &str) -> String {
    parse(iso_text)
        .map(vn)
        .unwrap_or_else(|| iso_text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn parses_common_forms() {
        assert_eq!(parse("31/12/2024"), Some(date!(2024 - 12 - 31)));
        assert_eq!(parse("1/7/2025"), Some(date!(2025 - 07 - 01)));
        assert_eq!(parse("2025-07-01"), Some(date!(2025 - 07 - 01)));
        assert_eq!(parse("01.07.2025"), Some(date!(2025 - 07 - 01)));
    }

    #[test]
    fn refuses_impossible_and_garbage() {
        for bad in [
            "31/02/2024",
            "2024/13/01",
            "abc",
            "",
            "12/2024",
            "1/1/24",
            "１/1/2024",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_round_trip() {
        let d = date!(2024 - 03 - 05);
        assert_eq!(vn(d), "05/03/2024");
        assert_eq!(parse(&iso(d)), Some(d));
        assert_eq!(iso_to_vn("2024-03-05"), "05/03/2024");
    }
}

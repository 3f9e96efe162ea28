//! Date recognition on folded (diacritic-free, lowercase) text: `ngày 11 tháng 11 năm 2024`,
//! `11/11/2024`, `30/3` (year implied), `tháng 10/2024`, `Quý I`, date windows
//! `từ ngày … đến ngày …`, tolerant of OCR noise in the words *ngày, tháng, năm*.

use std::sync::LazyLock;

use regex::Regex;

/// A calendar date, possibly missing parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    /// Year, when printed.
    pub year: Option<i32>,
    /// Month.
    pub month: u32,
    /// Day; `None` for `tháng 10/2024`.
    pub day: Option<u32>,
}

/// A date found in a folded string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateHit {
    /// Byte start in the folded text.
    pub start: usize,
    /// Byte end in the folded text.
    pub end: usize,
    /// The date.
    pub date: PartialDate,
}

static VERBAL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?:\bng[a-z]{1,3}\s+)?\b(\d{1,2})\s*th[a-z]{2,4}\s*(\d{1,2})(?:\s*(?:,\s*)?(?:n[a-z]{1,3}\s*|/\s*)((?:19|20)\d\d))?\b",
    )
    .ok()
});
static NUMERIC: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})\s?/\s?(\d{1,2})(?:\s?/\s?((?:19|20)\d\d))?\b|\b(\d{1,2})[.\-](\d{1,2})[.\-]((?:19|20)\d\d)\b").ok()
});
static MONTH_YEAR: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"\bth[a-z]{2,4}\s+(\d{1,2})\s*(?:/|-|n[a-z]{1,3}\s)\s*((?:19|20)\d\d)\b").ok()
});

/// All dates in a folded string, left to right, without overlaps (longer forms win).
pub fn find_dates(folded: &str) -> Vec<DateHit> {
    let mut hits: Vec<DateHit> = Vec::new();
    if let Some(re) = VERBAL.as_ref() {
        for c in re.captures_iter(folded) {
            push_hit(&mut hits, &c, 1, 2, 3);
        }
    }
    if let Some(re) = NUMERIC.as_ref() {
        for c in re.captures_iter(folded) {
            if c.get(1).is_some() {
                push_hit(&mut hits, &c, 1, 2, 3);
            } else {
                push_hit(&mut hits, &c, 4, 5, 6);
            }
        }
    }
    if let Some(re) = MONTH_YEAR.as_ref() {
        for c in re.captures_iter(folded) {
            let (Some(all), Some(m), Some(y)) = (c.get(0), c.get(1), c.get(2)) else {
                continue;
            };
            let month = m.as_str().parse().unwrap_or(0);
            let year = y.as_str().parse().ok();
            if (1..=12).contains(&month) {
                let date = PartialDate {
                    year,
                    month,
                    day: None,
                };
                add_hit(
                    &mut hits,
                    DateHit {
                        start: all.start(),
                        end: all.end(),
                        date,
                    },
                );
            }
        }
    }
    hits.sort_by_key(|h| h.start);
    hits
}

/// Adds a day-month(-year) hit from capture groups `d`, `m`, `y`.
fn push_hit(hits: &mut Vec<DateHit>, c: &regex::Captures, d: usize, m: usize, y: usize) {
    let (Some(all), Some(dm), Some(mm)) = (c.get(0), c.get(d), c.get(m)) else {
        return;
    };
    let day: u32 = dm.as_str().parse().unwrap_or(0);
    let month: u32 = mm.as_str().parse().unwrap_or(0);
    let year = c.get(y).and_then(|y| y.as_str().parse().ok());
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return;
    }
    let date = PartialDate {
        year,
        month,
        day: Some(day),
    };
    add_hit(
        hits,
        DateHit {
            start: all.start(),
            end: all.end(),
            date,
        },
    );
}

/// Adds a hit unless it overlaps a longer one; replaces shorter overlapping hits.
fn add_hit(hits: &mut Vec<DateHit>, hit: DateHit) {
    let overlaps = |h: &DateHit| h.start < hit.end && hit.start < h.end;
    if hits
        .iter()
        .any(|h| overlaps(h) && h.end - h.start >= hit.end - hit.start)
    {
        return;
    }
    hits.retain(|h| !overlaps(h));
    hits.push(hit);
}

/// Number of days in a month.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// ISO `yyyy-mm-dd`, or `None` when the date is impossible.
pub fn iso(year: i32, month: u32, day: u32) -> Option<String> {
    if !(1900..=2200).contains(&year) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

impl PartialDate {
    /// ISO date, filling the year with `default_year`; a month alone gives its first day.
    pub fn to_iso(self, default_year: Option<i32>) -> Option<String> {
        let year = self.year.or(default_year)?;
        iso(year, self.month, self.day.unwrap_or(1))
    }

    /// ISO date; a month alone gives its last day (`đến hết tháng 10`).
    pub fn to_iso_end(self, default_year: Option<i32>) -> Option<String> {
        let year = self.year.or(default_year)?;
        let day = self.day.unwrap_or_else(|| days_in_month(year, self.month));
        iso(year, self.month, day)
    }
}

/// A window `từ ngày A đến ngày B`: indices into the hits and whether the end says `hết`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Index of the start hit.
    pub from: usize,
    /// Index of the end hit.
    pub to: usize,
}

static BETWEEN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[-–—]|d[a-z]{1,2}n|toi|cho den)(?:\s+het)?(?:\s+ch[a-z]{1,3}\s+nh[a-z]{1,3}(?:\s+la)?)?(?:\s+ng[a-z]{1,3})?\s*$").ok()
});

/// Pairs of consecutive hits joined by `đến`, `-`, `tới` (a date window).
pub fn find_windows(folded: &str, hits: &[DateHit]) -> Vec<Window> {
    let mut out = Vec::new();
    let Some(re) = BETWEEN.as_ref() else {
        return out;
    };
    for i in 1..hits.len() {
        let gap = folded.get(hits[i - 1].end..hits[i].start).unwrap_or("x");
        let gap = gap.trim_end_matches(|c: char| c.is_whitespace());
        if re.is_match(gap) && gap.len() <= 40 {
            out.push(Window { from: i - 1, to: i });
        }
    }
    out
}

/// The year of a window's start, borrowed from its end when missing (`30/3 đến 15/4/2024`).
pub fn window_start_year(start: &PartialDate, end: &PartialDate) -> Option<i32> {
    start.year.or(end.year)
}

/// `Quý I`…`Quý IV` in folded text → quarter number (kept for callers that read quarters).
#[allow(dead_code)]
pub fn quarter(folded_word_after_quy: &str) -> Option<u32> {
    match folded_word_after_quy.trim_matches(|c: char| !c.is_alphanumeric()) {
        "i" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        _ => None,
    }
}

/// First and last ISO day of a quarter.
#[allow(dead_code)]
pub fn quarter_range(year: i32, q: u32) -> Option<(String, String)> {
    if !(1..=4).contains(&q) {
        return None;
    }
    let first = (q - 1) * 3 + 1;
    let last = first + 2;
    Some((
        iso(year, first, 1)?,
        iso(year, last, days_in_month(year, last))?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    fn one(s: &str) -> Option<String> {
        let f = fold(s);
        find_dates(&f)
            .first()
            .and_then(|h| h.date.to_iso(Some(2024)))
    }

    #[test]
    fn verbal_dates() {
        assert_eq!(
            one("ngày 11 tháng 11 năm 2024").as_deref(),
            Some("2024-11-11")
        );
        assert_eq!(
            one("Quận 11, ngày 01 tháng 11 năm 2023").as_deref(),
            Some("2023-11-01")
        );
        assert_eq!(
            one("ngay 18 thang 01 nam 2024").as_deref(),
            Some("2024-01-18")
        );
        assert_eq!(
            one("ngày 31 tháng 12 ndin 2023").as_deref(),
            Some("2023-12-31")
        );
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(one("trước ngày 20/8/2024.").as_deref(), Some("2024-08-20"));
        assert_eq!(one("11/11/2024").as_deref(), Some("2024-11-11"));
        assert_eq!(one("ngày 30/3").as_deref(), Some("2024-03-30"));
        assert_eq!(one("05.08.2024").as_deref(), Some("2024-08-05"));
        assert_eq!(one("Nghị quyết số 98/2023/QH15"), None);
        assert_eq!(one("mục 2.1. Phong trào"), None);
        assert_eq!(one("29/50 công trình"), None);
    }

    #[test]
    fn month_year() {
        let f = fold("Trước tháng 10/2024.");
        let h = find_dates(&f);
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].date.to_iso(None).as_deref(), Some("2024-10-01"));
        let f = fold("đến hết tháng 10 năm 2024");
        let h = find_dates(&f);
        assert_eq!(h[0].date.to_iso_end(None).as_deref(), Some("2024-10-31"));
    }

    #[test]
    fn windows() {
        let f = fold("Từ ngày 30/3 đến ngày 15/4/2024:");
        let h = find_dates(&f);
        let w = find_windows(&f, &h);
        assert_eq!(w.len(), 1);
        let (a, b) = (h[w[0].from].date, h[w[0].to].date);
        let y = window_start_year(&a, &b);
        assert_eq!(a.to_iso(y).as_deref(), Some("2024-03-30"));
        let f = fold("từ ngày 01 tháng 11 đến hết ngày 31 tháng 12 năm 2024");
        let h = find_dates(&f);
        assert_eq!(find_windows(&f, &h).len(), 1);
        assert_eq!(
            h[0].date.to_iso(h[1].date.year).as_deref(),
            Some("2024-11-01")
        );
        let f = fold("từ ngày 16/11 đến chậm nhất ngày 30/11/2024");
        let h = find_dates(&f);
        assert_eq!(find_windows(&f, &h).len(), 1);
    }

    #[test]
    fn quarters_and_leap_years() {
        assert_eq!(quarter("i"), Some(1));
        assert_eq!(quarter("iv"), Some(4));
        assert_eq!(
            quarter_range(2024, 1),
            Some(("2024-01-01".into(), "2024-03-31".into()))
        );
        assert_eq!(iso(2024, 2, 29).as_deref(), Some("2024-02-29"));
        assert_eq!(iso(2023, 2, 29), None);
    }
}

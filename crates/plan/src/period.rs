//! The emulation period: `Thời gian thi đua…`, `Đợt thi đua được tổ chức từ ngày … đến ngày …`,
//! `đến hết tháng 10 năm 2024` (end only), else the year or span of years of the title
//! (`năm 2024`, `giai đoạn 2021 - 2025`); school years give no period.

use std::sync::LazyLock;

use regex::Regex;

use crate::dates::{find_dates, find_windows, window_start_year};
use crate::doc::{Doc, Para};
use crate::model::{Evidence, Period};
use crate::text::fold;

static SPAN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?:giai doan|\d\s+nam\s*\()\s*((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)").ok()
});
static YEAR: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\bnam\s+((?:19|20)\d\d)\b").ok());

/// `năm 2024` with OCR damage to `năm` (a short word starting with `n`), not in parentheses.
static LOOSE_YEAR: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\bn[a-z]{1,3}\s+((?:19|20)\d\d)\s*$").ok());

/// Extracts the period; `year` fills dates printed without one.
pub fn extract(
    d: &Doc,
    year: Option<i32>,
    title: Option<&str>,
    ev: &mut Evidence,
) -> Option<Period> {
    let paras = d.paras(d.preamble.start..d.body.end);
    for (k, p) in paras.iter().enumerate() {
        if !is_period_statement(&p.fold) {
            continue;
        }
        for q in paras.iter().skip(k).take(3) {
            if let Some(period) = from_para(q, year) {
                ev.period = q.all_lines();
                return Some(period);
            }
            if k + 1 < paras.len() && !is_heading_only(&p.fold) {
                break;
            }
        }
    }
    let t = fold(title?);
    if t.contains("nam hoc") {
        return None;
    }
    ev.period = ev.title.clone();
    if let Some(c) = SPAN.as_ref().and_then(|re| re.captures(&t)) {
        return Some(Period {
            from: Some(format!("{}-01-01", &c[1])),
            to: Some(format!("{}-12-31", &c[2])),
        });
    }
    if let Some(c) = YEAR.as_ref().and_then(|re| {
        re.captures_iter(&t).find(|c| {
            c.get(0)
                .is_some_and(|m| !event_or_date_year(&t[..m.start()]))
        })
    }) {
        let ends_only = t[..c.get(0).map_or(0, |m| m.start())]
            .trim_end()
            .ends_with("den");
        return Some(Period {
            from: (!ends_only).then(|| format!("{}-01-01", &c[1])),
            to: Some(format!("{}-12-31", &c[1])),
        });
    }
    if YEAR.as_ref().is_some_and(|re| re.is_match(&t)) {
        ev.period.clear();
        return None;
    }
    if let Some(c) = LOOSE_YEAR.as_ref().and_then(|re| re.captures(&t)) {
        return Some(Period {
            from: Some(format!("{}-01-01", &c[1])),
            to: Some(format!("{}-12-31", &c[1])),
        });
    }
    ev.period.clear();
    None
}

/// `năm 2021` that belongs to a full date (`ngày 16 tháng 7 năm 2021`) or to an event
/// (`Đại hội … lần thứ XI năm 2025`), not the plan's time scope.
fn event_or_date_year(before: &str) -> bool {
    let words: Vec<&str> = before.split_whitespace().rev().take(3).collect();
    matches!(words.as_slice(), [n, t, ..] if n.chars().all(|c| c.is_ascii_digit()) && t.starts_with("th"))
        || matches!(words.as_slice(), [r, l, ..] if *l == "thu" && r.chars().all(|c| "ivxl".contains(c)))
}

/// A paragraph that states when the emulation runs.
fn is_period_statement(f: &str) -> bool {
    let f = f.trim_start_matches(|c: char| !c.is_alphabetic());
    f.contains("thoi gian thi dua")
        || f.contains("thoi gian phat dong")
        || f.starts_with("thoi gian to chuc")
        || f.starts_with("thoi gian thuc hien ke hoach")
        || ((f.contains("dot thi dua") || f.contains("phong trao thi dua"))
            && (f.contains("duoc to chuc tu")
                || f.contains("duoc phat dong tu")
                || f.contains("dien ra tu")
                || f.contains("duoc trien khai tu")
                || f.contains("thuc hien tu")))
}

/// A heading like `2. Thời gian thi đua` with nothing after it.
fn is_heading_only(f: &str) -> bool {
    f.split_whitespace().count() <= 6 && find_dates(f).is_empty() && !f.contains("nam 20")
}

/// Period from one paragraph: a window, an end alone, or a year.
fn from_para(p: &Para, year: Option<i32>) -> Option<Period> {
    let f = &p.fold;
    let hits = find_dates(f);
    if let Some(w) = find_windows(f, &hits).first() {
        let (a, b) = (hits[w.from].date, hits[w.to].date);
        let y = window_start_year(&a, &b).or(year);
        return Some(Period {
            from: a.to_iso(y),
            to: b.to_iso_end(b.year.or(y)),
        });
    }
    if let Some(h) = hits.first() {
        let before = &f[..h.start];
        if before.trim_end().ends_with("het")
            || before.trim_end().ends_with("den")
            || before.contains("den het")
        {
            return Some(Period {
                from: None,
                to: h.date.to_iso_end(year),
            });
        }
        if before.trim_end().ends_with("tu") || before.trim_end().ends_with("tu ngay") {
            return Some(Period {
                from: h.date.to_iso(year),
                to: None,
            });
        }
    }
    if f.contains("nam hoc") {
        return None;
    }
    if let Some(c) = SPAN.as_ref().and_then(|re| re.captures(f)) {
        return Some(Period {
            from: Some(format!("{}-01-01", &c[1])),
            to: Some(format!("{}-12-31", &c[2])),
        });
    }
    if let Some(c) = YEAR
        .as_ref()
        .and_then(|re| re.captures(f))
        .filter(|_| hits.is_empty())
    {
        return Some(Period {
            from: Some(format!("{}-01-01", &c[1])),
            to: Some(format!("{}-12-31", &c[1])),
        });
    }
    None
}

/// The year of a period (its end, else its start).
pub fn year_of(p: &Period) -> Option<i32> {
    p.to.as_deref()
        .or(p.from.as_deref())
        .and_then(|d| d.get(0..4))
        .and_then(|y| y.parse().ok())
}

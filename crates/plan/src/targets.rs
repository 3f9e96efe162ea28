//! Targets: numeric targets and thresholds in the body — percentages (`95%`), counts with a
//! target unit (`15 chỉ tiêu`, `04 dự án`, `01 hoạt động`), fractions (`29/50 công trình`) —
//! with the comparator read from the words around them (`từ … trở lên`, `ít nhất` → `>=`,
//! `trên` → `>`, `tối đa`, `không quá` → `<=`, else `=`).

use std::sync::LazyLock;

use regex::Regex;

use crate::doc::Doc;
use crate::doc::Para;
use crate::model::{Evidence, Target};
use crate::text::{
    MAX_ITEMS, MAX_PER_PARA, fuzzy_word, map_offset, similarity, squeeze_spaces, sub, trim_punct,
};

/// Folded units that make a count a target.
const UNITS: &[&str] = &[
    "chi tieu",
    "du an",
    "cong trinh",
    "ho",
    "hoat dong",
    "guong",
    "mo hinh",
    "sang kien",
    "tieu chi",
    "nhiem vu",
    "san pham",
    "luot",
    "hoc sinh",
    "giai phap",
    "km",
    "ty dong",
    "trieu dong",
    "nguoi",
    "buoi",
    "lop",
    "bai viet",
    "tin bai",
    "tac pham",
    "doanh nghiep",
    "co so",
];

static NUMBER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let units = UNITS.join("|");
    Regex::new(&format!(
        r"\b(\d{{1,6}}(?:[.,]\d{{1,2}})?)\s*(?:(%|phan tram)|(?:\s*({units})\b)?\s*/\s*\d{{1,6}}\s*({units})\b|\s+({units})\b)"
    ))
    .ok()
});

/// Extracts targets from the body.
pub fn extract(d: &Doc, ev: &mut Evidence) -> Vec<Target> {
    let mut out: Vec<(Target, Vec<usize>)> = Vec::new();
    for p in d.body_paras() {
        if out.len() >= MAX_ITEMS {
            break;
        }
        for (t, lines) in from_para(&p) {
            let dup = out.iter().any(|(o, _)| {
                o.value == t.value
                    && o.unit == t.unit
                    && o.comparator == t.comparator
                    && similarity(&o.text, &t.text) > 0.75
            });
            if !dup {
                out.push((t, lines));
            }
        }
    }
    out.into_iter()
        .map(|(t, l)| {
            ev.targets.push(l);
            t
        })
        .collect()
}

/// Targets of one paragraph.
fn from_para(p: &Para) -> Vec<(Target, Vec<usize>)> {
    let Some(re) = NUMBER.as_ref() else {
        return Vec::new();
    };
    let f = &p.fold;
    let mut out = Vec::new();
    let mut last_end = 0usize;
    for c in re.captures_iter(f).take(MAX_PER_PARA) {
        let Some(all) = c.get(0) else { continue };
        let Some(num) = c.get(1) else { continue };
        let percent = c.get(2).is_some();
        let unit_m = c.get(2).or(c.get(4)).or(c.get(5));
        if !percent
            && (inside_number_parens(f, all.start())
                || (all.start() < last_end + 3 && last_end > 0))
        {
            continue;
        }
        if !percent && is_date_like(f, all.start()) {
            continue;
        }
        let value: f64 = num.as_str().replace(',', ".").parse().unwrap_or(f64::NAN);
        if !value.is_finite() {
            continue;
        }
        let unit = unit_m.map(|u| {
            if percent {
                "%".to_string()
            } else {
                p.text[map_offset(&p.text, f, u.start())..map_offset(&p.text, f, u.end())]
                    .to_string()
            }
        });
        let comparator = comparator(f, all.start(), all.end(), value, percent);
        let text = target_text(p, all.start(), all.end());
        last_end = all.end();
        out.push((
            Target {
                text,
                comparator: comparator.to_string(),
                value,
                unit,
            },
            p.lines_for(all.range()),
        ));
    }
    out
}

/// A count inside parentheses that start with a number (`(03 của Thành phố và 01 của quận)`).
fn inside_number_parens(f: &str, pos: usize) -> bool {
    match f[..pos].rfind('(') {
        Some(open) if !f[open..pos].contains(')') => f[open + 1..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit()),
        _ => false,
    }
}

/// Numbers that belong to a date or a document number.
fn is_date_like(f: &str, pos: usize) -> bool {
    let before = f[..pos].trim_end();
    before.ends_with('/')
        || before.ends_with("ngay")
        || before.ends_with("thang")
        || before.ends_with("so")
}

/// The comparator from the words around the number.
fn comparator(f: &str, start: usize, end: usize, value: f64, percent: bool) -> &'static str {
    let before: Vec<&str> = sub(f, start.saturating_sub(40), start)
        .split_whitespace()
        .collect();
    let after: Vec<&str> = sub(f, end, end + 20).split_whitespace().take(2).collect();
    let b = before.join(" ");
    let last = before.last().copied().unwrap_or("");
    if after.len() == 2 && fuzzy_word(after[0], "tro") && fuzzy_word(after[1], "len") {
        return ">=";
    }
    if b.ends_with("it nhat")
        || b.ends_with("toi thieu")
        || b.ends_with("thap nhat la")
        || b.ends_with("khong duoi")
        || b.ends_with("khong thap hon")
        || b.ends_with("thap nhat")
    {
        return ">=";
    }
    if b.ends_with("toi da")
        || b.ends_with("khong qua")
        || b.ends_with("duoi")
        || b.ends_with("khong vuot qua")
    {
        return "<=";
    }
    if last == "tren" || b.ends_with("cao hon") {
        return ">";
    }
    if percent
        && value < 100.0
        && (last == "dat" || b.ends_with("dat ty le") || b.ends_with("dat tu"))
    {
        return ">=";
    }
    "="
}

/// The clause around the number, without the number, list marker or leading filler.
fn target_text(p: &Para, start: usize, end: usize) -> String {
    let f = &p.fold;
    let seps = [';', '.', ':'];
    let mut cs = f[..start]
        .rfind(|c| seps.contains(&c))
        .map(|i| i + 1)
        .unwrap_or(0);
    let ce = f[end..]
        .find(|c| seps.contains(&c))
        .map(|i| end + i)
        .unwrap_or(f.len());
    if f[..start]
        .rfind('.')
        .is_some_and(|i| i + 1 == cs && i > 0 && f.as_bytes()[i - 1].is_ascii_digit())
    {
        cs = f[..cs.saturating_sub(1)]
            .rfind(|c| seps.contains(&c))
            .map(|i| i + 1)
            .unwrap_or(0);
    }
    let to = |b: usize| map_offset(&p.text, f, b);
    let left = &p.text[to(cs)..to(start)];
    let right = &p.text[to(end)..to(ce)];
    let left: Vec<&str> = left.split_whitespace().collect();
    let left = left[left.len().saturating_sub(18)..].join(" ");
    let right: Vec<&str> = right.split_whitespace().take(14).collect();
    let text = squeeze_spaces(&format!("{} {}", left, right.join(" ")));
    let text = text.trim_start_matches(|c: char| {
        "-–+•~*".contains(c) || c.is_whitespace() || c.is_ascii_digit() || c == '.'
    });
    trim_punct(text).to_string()
}

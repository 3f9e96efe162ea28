//! Deadlines: dated obligations in the body — `trước ngày …`, `chậm nhất (là) ngày …`,
//! `trước tháng M/YYYY` (1st of the month), windows `từ ngày … đến ngày …` (their end; the items
//! listed under a window line share its date). `what` is the obligation, `to` the recipient
//! after `về`/`đến` as printed.

use std::collections::HashSet;

use crate::dates::{DateHit, find_dates, find_windows};
use crate::doc::{Doc, Para};
use crate::model::{Deadline, Evidence};
use crate::text::{decapitalize, fold, map_offset, similarity, trim_punct};

/// An open window line (`- Từ ngày 30/3 đến ngày 15/4/2024:`) whose sub-items follow.
struct WindowCtx {
    date: String,
    label: String,
}

/// Extracts deadlines from the body paragraphs.
pub fn extract(d: &Doc, year: Option<i32>, ev: &mut Evidence) -> Vec<Deadline> {
    let (mut out, table_rows) = from_tables(d, year);
    let mut heading = String::new();
    let mut window: Option<WindowCtx> = None;
    for p in d.body_paras() {
        if out.len() >= crate::text::MAX_ITEMS {
            break;
        }
        if p.all_lines().iter().all(|n| table_rows.contains(n)) {
            continue;
        }
        let marker = marker_of(&p.fold);
        if window.is_some() && !matches!(marker, '+' | 'a') {
            window = None;
        }
        let found = from_para(&p, year, &heading, &mut window, d.ocr);
        if found.is_empty()
            && let Some(w) = &window
            && matches!(marker, '+' | 'a')
        {
            let body = item_text(&p.text);
            let (what, to) = split_recipient(&body);
            let what = format!("{}: {}", w.label, decapitalize(&what));
            out.push((
                Deadline {
                    date: w.date.clone(),
                    what,
                    to,
                },
                p.all_lines(),
            ));
        }
        out.extend(found);
        if is_heading(&p) {
            heading = item_text(&p.text);
        }
    }
    let mut result: Vec<Deadline> = Vec::new();
    for (dl, lines) in out {
        let dup = result
            .iter()
            .any(|r| r.date == dl.date && similarity(&r.what, &dl.what) > 0.6);
        if !dup {
            ev.deadlines.push(lines);
            result.push(dl);
        }
    }
    result
}

/// Deadlines of the rows of tables with a time and a content column, and the input lines of those
/// rows (read here, not again as paragraphs).
fn from_tables(d: &Doc, year: Option<i32>) -> (Vec<(Deadline, Vec<usize>)>, HashSet<usize>) {
    let mut out = Vec::new();
    let mut rows = HashSet::new();
    for t in crate::tables::tables(d) {
        for (p, content) in crate::table_items::deadline_paras(&t) {
            rows.extend(p.all_lines());
            let mut window = None;
            let found = from_para(&p, year, "", &mut window, d.ocr);
            // A time cell that is a window alone (`Từ ngày … đến ngày …`): the row's content is
            // the obligation.
            if found.is_empty()
                && let Some(w) = window
            {
                let what = format!("{}: {}", w.label, decapitalize(&content));
                out.push((
                    Deadline {
                        date: w.date,
                        what,
                        to: None,
                    },
                    p.all_lines(),
                ));
            }
            out.extend(found);
        }
    }
    (out, rows)
}

/// The list marker kind of a paragraph: `-`, `+`, `a` (a), b)…), `1` (numbered) or ' '.
fn marker_of(f: &str) -> char {
    let t = f.trim_start();
    match t.chars().next() {
        Some('-' | '–' | '•' | '~') => '-',
        Some('+') => '+',
        Some(c) if c.is_ascii_digit() => '1',
        Some(c) if c.is_ascii_lowercase() && t[1..].starts_with(')') => 'a',
        _ => ' ',
    }
}

/// A short heading line (numbered, no final full stop).
fn is_heading(p: &Para) -> bool {
    let t = p.text.trim_end();
    p.text.split_whitespace().count() <= 30 && marker_of(&p.fold) == '1' && !t.ends_with(['.', ';'])
}

/// Text without its list marker.
fn item_text(s: &str) -> String {
    let t = s.trim_start_matches(|c: char| "-–+•~*".contains(c) || c.is_whitespace());
    let t = strip_numbering(t);
    trim_punct(t).to_string()
}

/// Drops `1.`, `2.1.`, `a)` at the start.
fn strip_numbering(s: &str) -> &str {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
        i += 1;
    }
    if i > 0 && i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b')') {
        return s[i..].trim_start_matches([')', ' ']);
    }
    if bytes.len() > 2 && bytes[0].is_ascii_lowercase() && bytes[1] == b')' {
        return s[2..].trim_start();
    }
    s
}

/// Deadlines stated in one paragraph; may open a window context for the next items.
fn from_para(
    p: &Para,
    year: Option<i32>,
    heading: &str,
    window: &mut Option<WindowCtx>,
    ocr: bool,
) -> Vec<(Deadline, Vec<usize>)> {
    let f = &p.fold;
    if f.contains("thoi gian thi dua")
        || (f.contains("thi dua duoc") && (f.contains("to chuc tu") || f.contains("phat dong tu")))
    {
        return Vec::new();
    }
    let hits = find_dates(f);
    let windows = find_windows(f, &hits);
    let mut used: Vec<usize> = Vec::new();
    let mut out = window_deadlines(p, &hits, &windows, year, ocr, window, &mut used);
    for (k, h) in hits.iter().enumerate().take(crate::text::MAX_PER_PARA) {
        if used.contains(&k) || windows.iter().any(|w| w.from == k) {
            continue;
        }
        let Some((trig_start, month_only)) = trigger_before(f, h) else {
            continue;
        };
        let date = if month_only {
            h.date.to_iso(year)
        } else {
            h.date.to_iso(h.date.year.or(year))
        };
        let Some(date) = date else { continue };
        if out
            .iter()
            .any(|(o, _): &(Deadline, Vec<usize>)| o.date == date)
        {
            continue;
        }
        let (what, to) = obligation(p, trig_start, h, heading);
        out.push((Deadline { date, what, to }, p.lines_for(trig_start..h.end)));
    }
    out
}

/// Deadlines of the windows `từ ngày … đến ngày …: <obligation>` of a paragraph (a window line
/// without an obligation opens `window` for the items under it); `used` gets their end hits.
fn window_deadlines(
    p: &Para,
    hits: &[DateHit],
    windows: &[crate::dates::Window],
    year: Option<i32>,
    ocr: bool,
    window: &mut Option<WindowCtx>,
    used: &mut Vec<usize>,
) -> Vec<(Deadline, Vec<usize>)> {
    let f = &p.fold;
    let mut out = Vec::new();
    for w in windows.iter().take(crate::text::MAX_PER_PARA) {
        let (a, b) = (&hits[w.from], &hits[w.to]);
        let Some(date) = b.date.to_iso(b.date.year.or(year)) else {
            continue;
        };
        let Some((start, misread)) = window_start(f, a.start, ocr) else {
            continue;
        };
        if a.date.year.is_some()
            && a.date.year != b.date.year
            && a.date.month == b.date.month
            && a.date.day == b.date.day
        {
            continue;
        }
        let label =
            clean_fragment(&p.text[map_offset(&p.text, f, start)..map_offset(&p.text, f, b.end)]);
        let label = match (misread, label.split_once(' ')) {
            (true, Some((_, rest))) => format!("từ {rest}"),
            _ => label,
        };
        let rest_f = f[b.end..].trim_start_matches([':', ' ', '.', '|']);
        used.push(w.to);
        if rest_f.trim().is_empty() {
            *window = Some(WindowCtx {
                date,
                label: decapitalize(&label),
            });
            continue;
        }
        let rest = &p.text[map_offset(&p.text, f, f.len() - rest_f.len())..];
        let (what, to) = split_recipient(&cut_at_trigger(rest));
        let what = format!("{}: {}", decapitalize(&label), decapitalize(&what));
        out.push((Deadline { date, what, to }, p.lines_for(a.start..b.end)));
    }
    out
}

/// Start of the `từ` that opens a window whose first date is at `date_start` (not an anniversary
/// span `10/10/1954 - 10/10/2024`), and whether it was read from an OCR misreading of `Từ` (`Tir`,
/// restored as `Tin`: a short word in `t` right before `ngày`).
fn window_start(f: &str, date_start: usize, ocr: bool) -> Option<(usize, bool)> {
    let before = f.get(..date_start)?;
    if let Some(s) = before.rfind("tu").filter(|s| date_start - s <= 12) {
        return Some((s, false));
    }
    if !ocr {
        return None;
    }
    let words = word_positions(before);
    let n = words.len();
    let (pos, w) = *words.get(n.checked_sub(2)?)?;
    let is_day_word = words.get(n - 1).is_some_and(|x| x.1.starts_with("ng"));
    let short_t = w.starts_with('t') && (2..=3).contains(&w.len());
    (is_day_word && short_t && date_start - pos <= 12).then_some((pos, true))
}

/// Start of a deadline word right before the date (`trước`, `chậm nhất là`, `hạn chót`), and
/// whether the date is a month alone.
fn trigger_before(f: &str, h: &DateHit) -> Option<(usize, bool)> {
    let before = &f[..h.start];
    let words: Vec<(usize, &str)> = word_positions(before);
    let n = words.len();
    let tail: Vec<&str> = words.iter().rev().take(4).map(|w| w.1).collect();
    let month_only = h.date.day.is_none();
    for (k, w) in tail.iter().enumerate() {
        let is_trigger = crate::text::fuzzy_word(w, "truoc")
            || (*w == "nhat"
                && tail
                    .get(k + 1)
                    .is_some_and(|p| crate::text::fuzzy_word(p, "cham")))
            || (*w == "chot" && tail.get(k + 1) == Some(&"han"))
            || (*w == "han" && tail.get(k + 1) == Some(&"thoi"));
        if is_trigger {
            let allowed_between = tail[..k].iter().all(|x| {
                matches!(*x, "ngay" | "la" | "thang" | "het" | "hon") || x.starts_with("ng")
            });
            if allowed_between {
                let idx = n - 1 - k;
                let start = if *w == "nhat" || *w == "chot" || *w == "han" {
                    words[idx.saturating_sub(1)].0
                } else {
                    words[idx].0
                };
                return Some((start, month_only));
            }
        }
    }
    None
}

/// Byte positions and folded words.
fn word_positions(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            out.push((st, &s[st..i]));
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

/// The obligation before a trigger: what and recipient, from the clause that holds it.
fn obligation(p: &Para, trig_start: usize, h: &DateHit, heading: &str) -> (String, Option<String>) {
    let f = &p.fold;
    let clause_start = [
        f[..trig_start].rfind(';'),
        f[..trig_start].rfind(". "),
        open_paren(&f[..trig_start]),
    ]
    .into_iter()
    .flatten()
    .max()
    .map(|i| i + 1)
    .unwrap_or(0);
    let pre = &p.text[map_offset(&p.text, f, clause_start)..map_offset(&p.text, f, trig_start)];
    let pre = item_text(pre);
    let pre_f = fold(&pre);
    let label = pre_f.trim_end_matches(':').trim();
    if label.is_empty()
        || label == "thoi gian thuc hien"
        || label == "thoi gian"
        || label == "thoi han"
    {
        let trig = clean_fragment(
            &p.text[map_offset(&p.text, f, trig_start)..map_offset(&p.text, f, h.end)],
        );
        return (
            format!("{}: {}", decapitalize(&trig), decapitalize(heading)),
            None,
        );
    }
    let pre = match pre_f.strip_prefix("thoi gian ") {
        Some(_) => pre
            .split_once(' ')
            .and_then(|(_, r)| r.split_once(' '))
            .map(|(_, r)| r.to_string())
            .unwrap_or(pre.clone()),
        None => pre,
    };
    let (what, to) = split_recipient(pre.trim_end_matches(':'));
    (what, to)
}

/// Position of an unclosed `(` in `s`.
fn open_paren(s: &str) -> Option<usize> {
    let open = s.rfind('(')?;
    if s[open..].contains(')') {
        None
    } else {
        Some(open)
    }
}

/// Text up to a deadline word (`trước ngày`, `chậm nhất`).
fn cut_at_trigger(s: &str) -> String {
    let f = fold(s);
    let cut = ["truoc ngay", "cham nhat", "han chot"]
        .iter()
        .filter_map(|t| f.find(t))
        .min();
    match cut {
        Some(c) => s[..map_offset(s, &f, c)].to_string(),
        None => s.to_string(),
    }
}

/// Splits `gửi hồ sơ … về <recipient>` into the obligation and the recipient.
fn split_recipient(s: &str) -> (String, Option<String>) {
    let f = fold(s);
    let mut best: Option<(usize, usize)> = None;
    for marker in [" gui ve ", " ve ", " den ", " toi ", " len "] {
        if let Some(pos) = f.rfind(marker) {
            let after = f[pos + marker.len()..].trim_start();
            let unitish = crate::units::starts_with_head(after)
                || after.starts_with("co quan")
                || after.starts_with("thuong truc")
                || s[map_offset(s, &f, pos + marker.len())..]
                    .trim_start()
                    .starts_with(|c: char| c.is_uppercase());
            if unitish && best.is_none_or(|b| pos > b.0) {
                best = Some((pos, pos + marker.len()));
            }
        }
    }
    let Some((a, b)) = best else {
        return (shorten(&clean_fragment(s)), None);
    };
    let what = clean_fragment(&s[..map_offset(s, &f, a)]);
    let to = clean_fragment(&s[map_offset(s, &f, b)..]);
    let to = cut_tail(&to);
    let what = what
        .strip_suffix(" gửi")
        .map(str::to_string)
        .unwrap_or(what);
    (shorten(&what), (!to.is_empty()).then_some(to))
}

/// Drops trailing purpose clauses from a recipient (`… để tổng hợp`).
fn cut_tail(s: &str) -> String {
    let f = fold(s);
    let cut = [" de ", " tong hop", " theo ", " truoc "]
        .iter()
        .filter_map(|t| f.find(t))
        .min();
    let t = match cut {
        Some(c) => &s[..map_offset(s, &f, c)],
        None => s,
    };
    trim_punct(t).to_string()
}

/// Starts the obligation at its verb, dropping the subject (`Các cơ quan, đơn vị gửi…`) and what
/// a flattened heading left before it (`để khen thưởng, biểu dương Các cơ quan…`: a capital «Các»
/// inside a clause starts a sentence).
fn shorten(s: &str) -> String {
    let s = match s.find(" Các ") {
        Some(i) if i > 0 => &s[i + 1..],
        _ => s,
    };
    let f = fold(s);
    let verbs = [
        " gui ",
        " nop ",
        " bao cao ",
        " hoan thanh ",
        " to chuc ",
        " xay dung ",
        " dang ky ",
        " tong hop ",
        " ban hanh ",
        " danh gia ",
        " binh xet ",
        " gioi thieu ",
    ];
    let subject_first = f.starts_with("cac ")
        || f.starts_with("co quan")
        || f.starts_with("don vi")
        || f.starts_with("ubnd")
        || f.starts_with("uy ban");
    if subject_first && let Some(pos) = verbs.iter().filter_map(|v| f.find(v)).min() {
        let rest = &s[map_offset(s, &f, pos + 1)..];
        if rest.split_whitespace().count() >= 2 {
            return rest.trim().to_string();
        }
    }
    let t = s.trim();
    let t = t.strip_suffix(" thực hiện").unwrap_or(t);
    t.to_string()
}

/// Trims markers, punctuation and spaces.
fn clean_fragment(s: &str) -> String {
    let t = s
        .trim()
        .trim_start_matches(|c: char| "-–+•~*".contains(c))
        .trim();
    let t = trim_punct(t).trim_end_matches(['(', ' ']);
    let t = t.trim_start_matches('(');
    crate::text::squeeze_spaces(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_run_into_its_sentence_leaves_the_obligation() {
        assert_eq!(
            shorten("để khen thưởng, biểu dương Các cơ quan, đơn vị gửi hồ sơ đề nghị khen thưởng"),
            "gửi hồ sơ đề nghị khen thưởng"
        );
        assert_eq!(shorten("Báo cáo sơ kết 6 tháng"), "Báo cáo sơ kết 6 tháng");
    }
}

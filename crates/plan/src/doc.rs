//! Document layout: cleans raw lines (keeping input line numbers), splits flattened header blocks
//! and table cells, restores diacritics when the text lost them, then locates the Decree 30/2020
//! parts — header, `KẾ HOẠCH` and title, preamble (`Căn cứ…`), numbered body, `Nơi nhận` and
//! signature — and groups wrapped lines into paragraphs.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::restore;
use crate::text::{clean_line, fold, map_offset, upper_ratio};

/// One cleaned line; several may share an input line number after splitting.
#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based input line number.
    pub no: usize,
    /// Cleaned (and, for OCR text, restored) text.
    pub text: String,
    /// `fold(text)`.
    pub fold: String,
    /// Starts with a footnote mark.
    pub footnote: bool,
    /// An empty line.
    pub blank: bool,
    /// The column of a table cell (`| a | b |` rows), counted as split on `|`.
    pub cell: Option<usize>,
}

/// A paragraph: wrapped lines joined with one space.
#[derive(Debug, Clone)]
pub struct Para {
    /// Joined text.
    pub text: String,
    /// `fold(text)`.
    pub fold: String,
    /// (byte offset in `text`, input line number) where each line starts.
    pub starts: Vec<(usize, usize)>,
    /// Whether it is a footnote.
    pub footnote: bool,
}

impl Para {
    /// Input line numbers covered by a byte range of `fold`.
    pub fn lines_for(&self, range: Range<usize>) -> Vec<usize> {
        let a = map_offset(&self.text, &self.fold, range.start);
        let b = map_offset(&self.text, &self.fold, range.end.max(range.start + 1));
        let mut out = Vec::new();
        for (k, (start, no)) in self.starts.iter().enumerate() {
            let end = self.starts.get(k + 1).map(|s| s.0).unwrap_or(usize::MAX);
            if *start < b && a < end && !out.contains(no) {
                out.push(*no);
            }
        }
        out
    }

    /// All input line numbers of the paragraph.
    pub fn all_lines(&self) -> Vec<usize> {
        let mut v: Vec<usize> = self.starts.iter().map(|s| s.1).collect();
        v.dedup();
        v
    }
}

/// The parsed document.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Cleaned lines.
    pub lines: Vec<Line>,
    /// The text lost its diacritics (OCR) and was restored.
    pub ocr: bool,
    /// Index of the `KẾ HOẠCH` line.
    pub kehoach: Option<usize>,
    /// Line indices of the title.
    pub title: Range<usize>,
    /// Line indices of the preamble (after the title, before section I).
    pub preamble: Range<usize>,
    /// Line indices of the body (section I up to `Nơi nhận`).
    pub body: Range<usize>,
    /// Index where `Nơi nhận` / the signature starts.
    pub closing: usize,
}

static ROMAN_HEADING: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^(?:phan\s+(?:thu\s+)?)?([ivxl1]{1,5}|[a-z]{1,3})\s*[.\-–)/:]\s*\S").ok()
});
static LIST_MARK: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[-–—+•·~]\s*|\d{1,2}(?:\.\d{1,2})*\s*[.):]\s*|[a-zđ]\s*\)\s*|[ivx]{1,4}\s*[.)]\s+)",
    )
    .ok()
});

impl Doc {
    /// Parses raw text (any normalisation form).
    pub fn parse(raw: &str) -> Doc {
        use unicode_normalization::UnicodeNormalization;
        let text: String = raw.nfc().collect();
        let mut lines = split_lines(&text);
        let joined: String = lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let ocr = restore::known_ratio(&joined) < 0.8;
        if ocr {
            for l in &mut lines {
                l.text = restore::restore_line(&l.text);
                l.fold = fold(&l.text);
            }
        }
        let mut doc = Doc {
            lines,
            ocr,
            kehoach: None,
            title: 0..0,
            preamble: 0..0,
            body: 0..0,
            closing: 0,
        };
        doc.locate_parts();
        doc
    }

    /// Finds the title, preamble, body and closing.
    fn locate_parts(&mut self) {
        let n = self.lines.len();
        self.kehoach = self.find_kehoach();
        let title_start = match self.kehoach {
            Some(k) => Some(k + 1),
            None => self.title_after_header(),
        };
        self.title = match title_start {
            Some(t) => self.title_lines(t),
            None => 0..0,
        };
        let pre_start = if title_start.is_some() {
            let title_start = title_start.unwrap_or(0);
            let mut s = self.title.end.max(title_start);
            while s < n && self.lines[s].blank {
                s += 1;
            }
            s
        } else {
            // No title: the preamble is the first basis line before the first heading or numbered
            // item (a «Căn cứ vào tiêu chuẩn…» inside a section is not one).
            let first_item = (0..n)
                .find(|&i| self.is_section_heading(i) || self.is_numbered(i))
                .unwrap_or(n);
            (0..first_item)
                .find(|&i| self.is_basis_line(i))
                .unwrap_or(0)
        };
        self.closing = (pre_start..n)
            .find(|&i| is_closing(&self.lines[i].fold))
            .unwrap_or(n);
        let body_start = (pre_start..self.closing)
            .find(|&i| self.is_section_heading(i))
            .unwrap_or_else(|| self.fallback_body_start(pre_start));
        self.preamble = pre_start..body_start;
        self.body = body_start..self.closing.max(body_start);
    }

    /// A preamble line (`Căn cứ…`, `Thực hiện Kế hoạch…`) in sentence case (an uppercase title
    /// that starts with `THỰC HIỆN CHỈ THỊ` is not one).
    pub fn is_basis_line(&self, i: usize) -> bool {
        let l = &self.lines[i];
        let f = l.fold.trim_start_matches(|c: char| !c.is_alphanumeric());
        starts_basis(f) && upper_ratio(&l.text) < 0.7
    }

    /// When no uppercase roman heading is found: the first roman heading in sentence case
    /// (`I. Mục tiêu`), else the first numbered line after the preamble.
    fn fallback_body_start(&self, from: usize) -> usize {
        let roman = (from..self.closing).find(|&i| {
            let l = &self.lines[i];
            let f = l.fold.as_str();
            let numeral: String = f.chars().take_while(|c| "ivx".contains(*c)).collect();
            !numeral.is_empty()
                && f[numeral.len()..].starts_with(". ")
                && l.text
                    .get(numeral.len() + 2..)
                    .is_some_and(|t| t.starts_with(char::is_uppercase))
        });
        if let Some(i) = roman {
            return i;
        }
        let Some(re) = LIST_MARK.as_ref() else {
            return from;
        };
        let numbered = (from..self.closing).find(|&i| {
            let f = &self.lines[i].fold;
            re.is_match(f) && f.starts_with(|c: char| c.is_ascii_digit())
        });
        // No heading at all (a copy cut short): the preamble ends after its closing sentence
        // (`… như sau:`), else it runs to the end.
        numbered.unwrap_or_else(|| {
            (from..self.closing)
                .find(|&i| {
                    let f = self.lines[i].fold.trim_end();
                    f.ends_with(':') && (f.contains("nhu sau") || f.contains("cu the"))
                })
                .map_or(self.closing, |i| i + 1)
        })
    }

    /// A line numbered `1.`, `2.1.` or `III.` (a section or an item).
    fn is_numbered(&self, i: usize) -> bool {
        let f = self.lines[i].fold.trim_start();
        let digits = f
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .count();
        let roman = f.chars().take_while(|c| "ivx".contains(*c)).count();
        (digits > 0 && f[..digits].ends_with('.') && f[digits..].starts_with(' '))
            || (roman > 0 && f[roman..].starts_with(". "))
    }

    /// A roman-numbered, mostly uppercase heading (`I. MỤC ĐÍCH, YÊU CẦU`, OCR `L. MUC…`).
    pub fn is_section_heading(&self, i: usize) -> bool {
        let l = &self.lines[i];
        let Some(re) = ROMAN_HEADING.as_ref() else {
            return false;
        };
        let Some(c) = re.captures(&l.fold) else {
            return false;
        };
        let numeral = c.get(1).map(|m| m.as_str()).unwrap_or("");
        let roman_like = numeral.chars().all(|c| "ivxl1".contains(c)) || numeral == "phan";
        roman_like
            && upper_ratio(&l.text) > 0.7
            && l.text.chars().filter(|c| c.is_alphabetic()).count() >= 4
    }

    /// Paragraphs over a range of line indices.
    pub fn paras(&self, range: Range<usize>) -> Vec<Para> {
        let mut out: Vec<Para> = Vec::new();
        let mut blank_before = false;
        let mut prev_cell = false;
        for i in range.start..range.end.min(self.lines.len()) {
            let l = &self.lines[i];
            if l.blank {
                blank_before = true;
                continue;
            }
            // A table cell is a paragraph of its own: cells and rows never run together.
            let cell = l.cell.is_some();
            let merge =
                !cell && !prev_cell && out.last().is_some_and(|p| can_merge(p, l, blank_before));
            prev_cell = cell;
            match out.last_mut() {
                Some(p) if merge => {
                    if !p.text.ends_with('-') {
                        p.text.push(' ');
                    }
                    p.starts.push((p.text.len(), l.no));
                    p.text.push_str(&l.text);
                    if !p.fold.ends_with('-') {
                        p.fold.push(' ');
                    }
                    p.fold.push_str(&l.fold);
                }
                _ => out.push(Para {
                    text: l.text.clone(),
                    fold: l.fold.clone(),
                    starts: vec![(0, l.no)],
                    footnote: l.footnote,
                }),
            }
            blank_before = false;
        }
        out
    }

    /// Paragraphs of the body (without footnotes).
    pub fn body_paras(&self) -> Vec<Para> {
        self.paras(self.body.clone())
            .into_iter()
            .filter(|p| !p.footnote)
            .collect()
    }

    /// The plan's year: of issue, else in the title, else the most cited year.
    pub fn year(&self, issued_on: Option<&str>, title: Option<&str>) -> Option<i32> {
        if let Some(y) = issued_on
            .and_then(|d| d.get(0..4))
            .and_then(|y| y.parse().ok())
        {
            return Some(y);
        }
        let re = Regex::new(r"\bnam\s+((?:19|20)\d\d)\b").ok()?;
        if let Some(c) = title.and_then(|t| re.captures(&fold(t)).map(|c| c[1].to_string())) {
            return c.parse().ok();
        }
        let mut counts: std::collections::HashMap<i32, usize> = std::collections::HashMap::new();
        for l in &self.lines {
            for c in re.captures_iter(&l.fold) {
                if let Ok(y) = c[1].parse::<i32>() {
                    *counts.entry(y).or_default() += 1;
                }
            }
        }
        counts
            .into_iter()
            .max_by_key(|(y, c)| (*c, *y))
            .map(|(y, _)| y)
    }
}

/// Whether line `l` continues paragraph `p`.
fn can_merge(p: &Para, l: &Line, blank_before: bool) -> bool {
    let prev = p.text.trim_end();
    if prev.ends_with(['.', ';', ':', '!', '?', '…']) || prev.ends_with("./") {
        return false;
    }
    let tail: String = prev.chars().rev().take(60).collect();
    if upper_ratio(&tail) > 0.7 && tail.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
        return false;
    }
    if LIST_MARK.as_ref().is_some_and(|re| re.is_match(&l.fold)) {
        return false;
    }
    if l.footnote || is_closing(&l.fold) {
        return false;
    }
    starts_lower(&l.text) || !blank_before
}

/// Whether text starts with a lowercase letter, a digit or an opening mark.
pub(crate) fn starts_lower(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit() || "(“\"".contains(c))
}

/// Lines of dashes, underscores or stars.
pub(crate) fn is_decoration(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| "-_=*~.–— ".contains(c))
}

/// `Căn cứ…`, `Thực hiện…` (OCR-tolerant).
pub fn starts_basis(folded: &str) -> bool {
    let words: Vec<&str> = folded.split_whitespace().take(2).collect();
    if words.len() < 2 {
        return false;
    }
    let (a, b) = (words[0], words[1]);
    (crate::text::fuzzy_word(a, "can")
        && (b == "cu" || crate::text::edit_distance(b, "cu", 1) <= 1 || b.starts_with("ct")))
        || (a == "thuc" && b == "hien" && cites_after(folded))
}

/// Whether `Thực hiện` is followed by a document or a directive (`Thực hiện Kế hoạch số…`), not
/// by a task (`Thực hiện công tác thi đua…`, a title).
fn cites_after(folded: &str) -> bool {
    const WORDS: &[&str] = &[
        "ke hoach",
        "quyet dinh",
        "chi thi",
        "nghi quyet",
        "nghi dinh",
        "cong van",
        "huong dan",
        "thong bao",
        "thong tu",
        "chuong trinh",
        "van ban",
        "luat",
        "ket luan",
        "dieu le",
        "y kien",
        "su chi dao",
        "chi dao",
        "loi keu goi",
        "quy che",
        "quy dinh",
        "cong dien",
    ];
    let rest: Vec<&str> = folded.split_whitespace().skip(2).take(3).collect();
    WORDS.iter().any(|w| {
        let parts: Vec<&str> = w.split(' ').collect();
        parts.len() <= rest.len()
            && parts
                .iter()
                .zip(&rest)
                .all(|(p, r)| *p == *r || crate::text::fuzzy_word(r, p) && p.len() >= 4)
    })
}

/// `Nơi nhận:` (OCR-tolerant) starts the closing block.
pub fn is_closing(folded: &str) -> bool {
    let f = folded.trim_start_matches(|c: char| !c.is_alphanumeric());
    f.starts_with("noi nhan") || (f.len() < 14 && f.starts_with("noi nh"))
}

/// Splits the raw text into cleaned lines, cutting table cells, run-on lines and flattened header
/// blocks (the header is looked for in the first 40 lines, as the importer sees them).
fn split_lines(text: &str) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let no = i + 1;
        let header_zone = i < 40 && out.len() < 40;
        for (cell, seg) in split_raw(raw, header_zone) {
            let c = clean_line(&seg);
            let f = fold(&c.text);
            out.push(Line {
                no,
                blank: c.text.is_empty(),
                text: c.text,
                fold: f,
                footnote: c.footnote,
                cell,
            });
        }
    }
    out
}

/// Cuts one raw line into segments — table cells (with their column), run-on lines, `HEADING**Text`
/// glue, header anchors.
fn split_raw(raw: &str, header_zone: bool) -> Vec<(Option<usize>, String)> {
    let cells: Vec<(Option<usize>, String)> =
        if raw.matches('|').count() >= 2 || raw.trim_start().starts_with('|') {
            raw.split('|')
                .map(str::trim)
                .enumerate()
                .filter(|(_, c)| !c.is_empty() && !c.chars().all(|ch| "-: ".contains(ch)))
                .map(|(k, c)| (Some(k), c.to_string()))
                .collect()
        } else {
            vec![(None, raw.to_string())]
        };
    let mut out = Vec::new();
    let parts = cells.iter().flat_map(|(k, c)| {
        crate::runon::split(c)
            .into_iter()
            .flat_map(|r| split_glue(&r))
            .map(move |g| (*k, g))
    });
    // A run-on line is cut into many parts: the header ends at the first section heading.
    let mut header = header_zone;
    for (k, part) in parts {
        header = header && !crate::runon::is_roman_heading(&part);
        if header {
            out.extend(
                crate::flatten::split_anchors(&part)
                    .into_iter()
                    .map(|a| (k, a)),
            );
        } else {
            out.push((k, part));
        }
    }
    if out.is_empty() {
        out.push((None, String::new()));
    }
    out
}

/// Splits `KẾ HOẠCH**Title` and `I. HEADING**1. Sub` where bold marks glue a heading to text.
fn split_glue(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut seg_start = 0;
    let mut search = 0;
    while let Some(found) = s.get(search..).and_then(|r| r.find("**")) {
        let pos = search + found;
        let left = s[seg_start..pos].trim();
        let right = s[pos + 2..].trim_start();
        let left_letters = left.chars().filter(|c| c.is_alphabetic()).count();
        let right_head: String = right.chars().take(20).collect();
        if left_letters >= 4
            && upper_ratio(left) > 0.8
            && upper_ratio(&right_head) < 0.8
            && right.chars().next().is_some_and(|c| c.is_alphanumeric())
        {
            out.push(left.to_string());
            seg_start = pos + 2;
        }
        search = pos + 2;
    }
    out.push(s[seg_start..].trim_start().to_string());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glue_splits_only_after_uppercase_heading() {
        assert_eq!(
            split_glue("KẾ HOẠCH**Thi đua cao điểm"),
            vec!["KẾ HOẠCH", "Thi đua cao điểm"]
        );
        assert_eq!(
            split_glue("I. MỤC ĐÍCH, YÊU CẦU**1. Mục đích**"),
            vec!["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích**"]
        );
        assert_eq!(
            split_glue("- **Tập thể:** nội bộ"),
            vec!["- **Tập thể:** nội bộ"]
        );
        assert_eq!(split_glue("**KẾ HOẠCH**"), vec!["**KẾ HOẠCH**"]);
    }

    #[test]
    fn finds_parts() {
        let d = Doc::parse(
            "Số: 1/KH-UBND\n\nKẾ HOẠCH\nThi đua năm 2024\n\nCăn cứ Luật;\n\nI. MỤC ĐÍCH\n\n1. Nội dung\n\nNơi nhận:\n- Lưu VT.\n\nCHỦ TỊCH\n\nNguyễn Văn A",
        );
        assert_eq!(d.kehoach, Some(2));
        assert_eq!(d.title, 3..4);
        assert_eq!(d.lines[d.preamble.start].text, "Căn cứ Luật;");
        assert_eq!(d.lines[d.body.start].text, "I. MỤC ĐÍCH");
        assert_eq!(d.lines[d.closing].text, "Nơi nhận:");
    }
}

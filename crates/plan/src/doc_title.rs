//! Where the title is: the document's own `KẾ HOẠCH` line among the copies a web page may show
//! above it, the title lines after it (across a blank line when a title was cut mid-phrase), or,
//! without a `KẾ HOẠCH` line, the uppercase line after the header's date.

use std::ops::Range;

use crate::doc::{Doc, Line, is_decoration, starts_lower};
use crate::text::{edit_distance, upper_ratio};

impl Doc {
    /// The `KẾ HOẠCH` line. A web page may repeat the document's heading (a page title, a flattened
    /// summary of the header) before the document itself: the last `KẾ HOẠCH` standing alone
    /// before the first section heading (`I. MỤC ĐÍCH…`) is the document's own.
    pub(crate) fn find_kehoach(&self) -> Option<usize> {
        let n = self.lines.len().min(80);
        let candidates: Vec<usize> = (0..n).filter(|&i| is_kehoach(&self.lines[i])).collect();
        let first = *candidates.first()?;
        let basis = (first + 1..self.lines.len())
            .find(|&i| self.is_section_heading(i))
            .unwrap_or(self.lines.len());
        let alone = |i: &&usize| {
            self.lines[**i]
                .fold
                .trim_matches(|c: char| !c.is_alphanumeric())
                .len()
                <= 10
        };
        candidates
            .iter()
            .rfind(|&&i| i < basis && alone(&&i))
            .or_else(|| candidates.iter().rfind(|&&i| i < basis))
            .copied()
            .or(Some(first))
    }

    /// How many `KẾ HOẠCH` lines the first part of the text has (more than one: a web page repeated
    /// the heading or the header).
    pub fn kehoach_count(&self) -> usize {
        let n = self.lines.len().min(80);
        (0..n).filter(|&i| is_kehoach(&self.lines[i])).count()
    }

    /// Without a `KẾ HOẠCH` line, an uppercase title right after the header's number or
    /// place-and-date line (`Số: 01-KH/BCĐTW | Hà Nội, ngày …` then `TRIỂN KHAI PHONG TRÀO …`).
    pub(crate) fn title_after_header(&self) -> Option<usize> {
        let n = self.lines.len().min(25);
        let last_header = (0..n).rev().find(|&i| {
            let f = &self.lines[i].fold;
            crate::flatten::number_line(f).is_some()
                || crate::flatten::place_date(f).is_some_and(|(_, dated)| dated)
        })?;
        let next = (last_header + 1..self.lines.len())
            .find(|&i| !self.lines[i].blank && !is_decoration(&self.lines[i].text))?;
        let l = &self.lines[next];
        let letters = l.text.chars().filter(|c| c.is_alphabetic()).count();
        let heading = upper_ratio(&l.text) > 0.8 && letters >= 8;
        (heading && !self.is_section_heading(next) && !l.fold.starts_with("cong hoa"))
            .then_some(next)
    }

    /// The title lines after `KẾ HOẠCH`.
    pub(crate) fn title_lines(&self, start: usize) -> Range<usize> {
        let n = self.lines.len();
        let mut i = start;
        while i < n && (self.lines[i].blank || is_decoration(&self.lines[i].text)) {
            i += 1;
        }
        let first = i;
        while i < n && i - first < 8 {
            let l = &self.lines[i];
            if l.blank {
                let next = (i + 1..n).find(|&j| !self.lines[j].blank);
                match next {
                    Some(j) if j - i <= 2 && self.title_goes_on(first, i, j) => {
                        i = j;
                        continue;
                    }
                    _ => break,
                }
            }
            if is_decoration(&l.text)
                || self.is_basis_line(i)
                || self.is_section_heading(i)
                || i > first && is_label_line(&l.text)
            {
                break;
            }
            i += 1;
        }
        first..i
    }

    /// Whether the title `first..end` goes on at line `next` after a blank line: a lowercase
    /// continuation, or a short line that ends the sentence of a title cut mid-phrase (`… thành
    /// phố` / `Hà Nội lần thứ XVI …`), not a preamble, heading or label.
    fn title_goes_on(&self, first: usize, end: usize, next: usize) -> bool {
        let l = &self.lines[next];
        if starts_lower(&l.text) {
            return true;
        }
        let so_far: usize = (first..end)
            .map(|k| self.lines[k].text.chars().count())
            .sum();
        let prev = self.lines[end.saturating_sub(1)].text.trim_end();
        let text = l.text.trim_end();
        let cites = text
            .split_whitespace()
            .any(|w| w.contains('/') && w.starts_with(|c: char| c.is_ascii_digit()));
        so_far < 200
            && !cites
            && text.chars().count() <= 120
            && !prev.ends_with(['.', ':', ';', '”', '"', ')'])
            && !text.ends_with([':', ';', '.'])
            && upper_ratio(text) < 0.5
            && upper_ratio(prev) < 0.5
            && !self.is_basis_line(next)
            && !self.is_section_heading(next)
            && !is_label_line(text)
            && !is_decoration(text)
    }
}

/// `KẾ HOẠCH` alone (uppercase), possibly OCR-damaged.
pub(crate) fn is_kehoach(l: &Line) -> bool {
    let f = l.fold.trim_matches(|c: char| !c.is_alphanumeric());
    let head: String = l
        .text
        .chars()
        .filter(|c| c.is_alphabetic())
        .take(7)
        .collect();
    (f == "ke hoach" || f.starts_with("ke hoach ")) && upper_ratio(&head) > 0.85
        || (f.len() <= 10 && upper_ratio(&l.text) > 0.85 && edit_distance(f, "ke hoach", 2) <= 2)
}

/// A `Label: value` line (`Chủ điểm tháng 12: UỐNG NƯỚC NHỚ NGUỒN`), not part of a title.
fn is_label_line(s: &str) -> bool {
    let Some((label, _)) = s.split_once(':') else {
        return false;
    };
    let words = label.split_whitespace().count();
    (1..=4).contains(&words) && upper_ratio(label) < 0.7 && !label.contains(['“', '"'])
}

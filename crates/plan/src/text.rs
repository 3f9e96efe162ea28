//! Text primitives: diacritic folding (one folded char per input char, so offsets carry over),
//! Markdown/markup cleaning of a raw line, and small string helpers shared by the extractors.

use unicode_normalization::char::decompose_canonical;

/// Folds one char: lowercase, marks stripped, `đ` → `d`.
pub fn fold_char(c: char) -> char {
    let lower = c.to_lowercase().next().unwrap_or(c);
    if lower.is_ascii() {
        return lower;
    }
    if lower == 'đ' || lower == 'ð' {
        return 'd';
    }
    let mut base = lower;
    let mut first = true;
    decompose_canonical(lower, |d| {
        if first {
            base = d;
            first = false;
        }
    });
    base
}

/// Folds a string char by char (same number of chars as the input).
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Byte offset in `text` of the char at byte offset `folded_byte` of `fold(text)`.
pub fn map_offset(text: &str, folded: &str, folded_byte: usize) -> usize {
    let idx = folded
        .char_indices()
        .take_while(|(b, _)| *b < folded_byte)
        .count();
    text.char_indices()
        .nth(idx)
        .map(|(b, _)| b)
        .unwrap_or(text.len())
}

/// The slice of `text` that corresponds to `range` in `fold(text)`.
pub fn orig_slice<'a>(text: &'a str, folded: &str, range: std::ops::Range<usize>) -> &'a str {
    let a = map_offset(text, folded, range.start);
    let b = map_offset(text, folded, range.end);
    text.get(a..b).unwrap_or("")
}

/// `s[a..b]` with both ends moved down to char boundaries (never panics).
pub fn sub(s: &str, a: usize, b: usize) -> &str {
    let fix = |mut i: usize| {
        i = i.min(s.len());
        while i > 0 && !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (a, b) = (fix(a), fix(b));
    if a <= b { &s[a..b] } else { "" }
}

/// Caps on extracted items, so hostile inputs stay fast.
pub const MAX_PER_PARA: usize = 40;
/// Cap on the items of one list field.
pub const MAX_ITEMS: usize = 300;

/// Whether a character is a superscript digit (footnote mark).
fn is_superscript(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹' | '⁰')
}

/// A raw line cleaned of Markdown and markup.
pub struct Cleaned {
    /// The cleaned text.
    pub text: String,
    /// The line starts with a footnote mark (`¹`, `<sup>1</sup>`).
    pub footnote: bool,
}

/// Removes Markdown emphasis, heading marks, `<sup>` footnote references and extra spaces.
pub fn clean_line(raw: &str) -> Cleaned {
    let trimmed = raw.trim();
    let footnote = trimmed.starts_with("<sup>")
        || trimmed.chars().next().is_some_and(is_superscript)
        || trimmed.starts_with("[^");
    let mut s = remove_tags(trimmed);
    s = s.replace("**", "").replace("__", "").replace('*', "");
    let s = s.trim_start_matches('#').trim_start_matches('>');
    let s: String = s.chars().filter(|c| !is_superscript(*c)).collect();
    let s = s.replace(['\u{a0}', '\t', '\u{200b}'], " ");
    Cleaned {
        text: space_date_words(&squeeze_spaces(&s)),
        footnote,
    }
}

/// `ngày10 tháng 12 năm2014` → `ngày 10 tháng 12 năm 2014`: a date word glued to its number.
fn space_date_words(s: &str) -> String {
    const WORDS: [&str; 3] = ["ngay", "thang", "nam"];
    let mut out = String::with_capacity(s.len() + 4);
    let mut word = String::new();
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if c.is_ascii_digit()
            && prev.is_some_and(char::is_alphabetic)
            && WORDS.contains(&fold(&word).as_str())
        {
            out.push(' ');
        }
        if c.is_alphabetic() {
            word.push(c);
        } else {
            word.clear();
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// Drops `<sup>…</sup>` and other simple tags.
fn remove_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        if let Some(inner) = after.strip_prefix("<sup>") {
            match inner.find("</sup>") {
                Some(end) if end <= 12 => rest = &inner[end + 6..],
                _ => rest = inner,
            }
        } else if let Some(end) = after.find('>').filter(|e| *e <= 8) {
            rest = &after[end + 1..];
        } else {
            out.push('<');
            rest = &after[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Collapses whitespace runs to one space and trims.
pub fn squeeze_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Share of letters that are uppercase (0 when there are no letters).
pub fn upper_ratio(s: &str) -> f32 {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() {
        return 0.0;
    }
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    upper as f32 / letters.len() as f32
}

/// Trims spaces and the given punctuation from both ends.
pub fn trim_punct(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || ",;:.-–—/+".contains(c))
}

/// Removes one pair of outer quotation marks.
pub fn strip_quotes(s: &str) -> String {
    let t = s.trim();
    let open = ['“', '"', '«', '\''];
    let close = ['”', '"', '»', '\''];
    let mut chars: Vec<char> = t.chars().collect();
    if chars.len() >= 2 && open.contains(&chars[0]) && close.contains(&chars[chars.len() - 1]) {
        let inner = &chars[1..chars.len() - 1];
        let has_inner_quote = inner.iter().any(|c| open.contains(c) || close.contains(c));
        if !has_inner_quote {
            chars = inner.to_vec();
        }
    }
    chars.into_iter().collect::<String>().trim().to_string()
}

/// Uppercases the first letter.
pub fn capitalize(s: &str) -> String {
    let mut it = s.chars();
    match it.next() {
        Some(c) => c.to_uppercase().chain(it).collect(),
        None => String::new(),
    }
}

/// Lowercases the first letter.
pub fn decapitalize(s: &str) -> String {
    let mut it = s.chars();
    match it.next() {
        Some(c) => c.to_lowercase().chain(it).collect(),
        None => String::new(),
    }
}

/// Levenshtein distance over chars, stopping early once it exceeds `max`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > max {
            return max + 1;
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Whether folded word `w` is `target` up to OCR noise (1 edit for short words, 2 for long).
pub fn fuzzy_word(w: &str, target: &str) -> bool {
    let max = if target.chars().count() >= 5 { 2 } else { 1 };
    w == target || edit_distance(w, target, max) <= max
}

/// Word-set similarity (Jaccard over folded words), 0..=1.
pub fn similarity(a: &str, b: &str) -> f32 {
    use std::collections::HashSet;
    let words = |s: &str| -> HashSet<String> {
        fold(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() && wb.is_empty() {
        return 1.0;
    }
    let inter = wa.intersection(&wb).count() as f32;
    inter / (wa.len() + wb.len()) as f32 * 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(
            fold("Ủy ban nhân dân Quận Đống Đa"),
            "uy ban nhan dan quan dong da"
        );
        assert_eq!(fold("Ủy").chars().count(), 2);
    }

    #[test]
    fn cleans_markdown() {
        let c = clean_line("#### **1.1. Tập thể**");
        assert_eq!(c.text, "1.1. Tập thể");
        assert!(clean_line("<sup>1</sup> Chỉ thị số 11").footnote);
        assert_eq!(
            clean_line("Thành ủy<sup>1</sup>; tập").text,
            "Thành ủy; tập"
        );
    }

    #[test]
    fn spaces_glued_date_words() {
        assert_eq!(
            space_date_words("Phong Bình, ngày10 tháng 12 năm2014"),
            "Phong Bình, ngày 10 tháng 12 năm 2014"
        );
        assert_eq!(space_date_words("Số 5/KH-UBND"), "Số 5/KH-UBND");
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("truoc", "trude", 3), 2);
        assert!(fuzzy_word("ngay", "ngay"));
        assert!(fuzzy_word("trudc", "truoc"));
    }
}

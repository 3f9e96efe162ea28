//! Flattened headers: web pages, OCR and PDF copies often put the whole header (issuer, national
//! motto, number, place and date, `KẾ HOẠCH`, title, even the preamble) on one line. This module
//! cuts such a line at the anchors every Decree 30/2020 header has, so the rest of the importer
//! sees one part per line.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::{fold, map_offset, orig_slice, upper_ratio};

/// The folded form of a document number after `Số:` (`303 /kh-ubnd`, `225 - kh/twdtn-cttn`).
pub const NUMBER_BODY: &str = r"\d{1,6}\s*(?:[-–]\s*)?[a-z]{0,6}\s*/\s*[a-z0-9&.]*[a-z0-9](?:\s*[-–/]\s*[a-z0-9&.]*[a-z0-9])*";

static ANCHORS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"cong hoa xa hoi chu nghia viet nam|dang cong san viet nam|\b[a-z]?oc lap\s*[-–—]?\s*tu\s*do\s*[-–—]?\s*hanh phuc|\bs[o6]\s*:\s*(?:{NUMBER_BODY}|/\s*[a-z0-9&]+(?:\s*[-–]\s*[a-z0-9&]+)*)|\bs[o6]\s*:|\bke\s+[a-z]?oach\b"
    ))
    .ok()
});

/// `Căn cứ` or `Thực hiện` + a document word, where a preamble runs on after the title.
static BASIS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"\b(?:can cu|thuc hien\s+(?:ke hoach|quy\S?t dinh|chi thi|nghi quyet|nghi dinh|cong van|huong dan|thong bao|thong tu|chuong trinh|van ban|luat|ket luan|dieu le|y kien|su chi dao|chi dao))\b").ok()
});

/// `, ngày` of a place-and-date line (OCR-tolerant) followed by a month word or a year.
static PLACE_DATE_MID: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r",?\s*ng[a-z]{1,3}\b[^,]{0,12}?th[a-z]{0,4}").ok());

static NUMBER_LINE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(&format!(r"^s[o6]\s*(:|\.)?\s*({NUMBER_BODY})?")).ok());
static PLACE_DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^([^,|]{2,60}?)(?:\s*,\s*ng[a-z]{1,3}\b|\s+ng[a-z]{1,3}\s+(?:\d|[^a-z\s]|th))")
        .ok()
});

/// The folded range of the number on a `Số: …` line (`None` inside when the number is blank),
/// or `None` when the line is not a number line.
pub fn number_line(folded: &str) -> Option<Option<std::ops::Range<usize>>> {
    let c = NUMBER_LINE.as_ref()?.captures(folded)?;
    let number = c.get(2).map(|m| m.range());
    (c.get(1).is_some() || number.is_some()).then_some(number)
}

/// The place of a `<place>, ngày …` line (folded range) and whether the rest of the line names a
/// month and a year (a place line broken before `tháng` is continued on the next line).
pub fn place_date(folded: &str) -> Option<(std::ops::Range<usize>, bool)> {
    let c = PLACE_DATE.as_ref()?.captures(folded)?;
    let place = c.get(1)?;
    let rest = &folded[place.end()..];
    let has_comma = rest.trim_start().starts_with(',');
    let dated = is_dated(rest);
    (dated || has_comma).then(|| (place.range(), dated))
}

/// Whether the short rest of a place line names a month and a year (`, ngày 02 tháng 01 năm
/// 2025`, OCR-tolerant); a long rest is a sentence, not a date.
pub fn is_dated(rest: &str) -> bool {
    rest.chars().count() <= 50
        && rest.contains("th")
        && (rest.contains("nam") || rest.contains("20"))
}

/// Cuts a flattened header line before `CỘNG HÒA…` (or a party's motto), after `…Hạnh phúc`,
/// around `Số: …`, around an uppercase `KẾ HOẠCH`, before a place-and-date and before a preamble
/// that runs on (`… Căn cứ …`).
pub fn split_anchors(line: &str) -> Vec<String> {
    let folded = fold(line);
    let mut cuts: Vec<usize> = Vec::new();
    if let Some(re) = ANCHORS.as_ref() {
        for m in re.find_iter(&folded) {
            anchor_cuts(line, &folded, m, &mut cuts);
        }
    }
    if let Some(re) = PLACE_DATE_MID.as_ref() {
        for m in re.find_iter(&folded) {
            if let Some(start) = place_start(line, &folded, m.start()) {
                cuts.push(start);
            }
        }
    }
    if let Some(re) = BASIS.as_ref() {
        for m in re.find_iter(&folded) {
            let orig = orig_slice(line, &folded, m.range());
            let letters_before = folded[..m.start()]
                .chars()
                .filter(|c| c.is_alphabetic())
                .count();
            if orig.starts_with(['C', 'T']) && letters_before >= 3 && upper_ratio(orig) < 0.5 {
                cuts.push(m.start());
            }
        }
    }
    cut_at(line, &folded, cuts)
}

/// The cuts for one anchor match.
fn anchor_cuts(line: &str, folded: &str, m: regex::Match, cuts: &mut Vec<usize>) {
    let text = m.as_str();
    if text.starts_with("ke") {
        let orig = orig_slice(line, folded, m.range());
        if upper_ratio(orig) < 0.9 || inside_title(folded, m.start(), m.end()) {
            return;
        }
    }
    cuts.push(m.start());
    if text.contains("oc lap")
        || text.starts_with("ke")
        || text.starts_with("dang cong san")
        || text.contains('/')
    {
        cuts.push(m.end());
    }
}

/// An uppercase `KẾ HOẠCH` inside a title (`… HẰNG NĂM VÀ KẾ HOẠCH 5 NĂM …`): a connector before
/// it or a number after it.
pub fn inside_title(folded: &str, start: usize, end: usize) -> bool {
    const CONNECTORS: &[&str] = &[
        "va", "cac", "cua", "ve", "theo", "hien", "khai", "dung", "voi", "trong", "nhung", "lap",
    ];
    let prev = folded[..start].split_whitespace().last().unwrap_or("");
    let next = folded[end..].split_whitespace().next().unwrap_or("");
    CONNECTORS.contains(&prev) || next.starts_with(|c: char| c.is_ascii_digit())
}

/// Where the place before `, ngày` starts: the run of capitalised words (and numbers, `TP.`)
/// just before it, at most six words.
fn place_start(line: &str, folded: &str, comma: usize) -> Option<usize> {
    let end = map_offset(line, folded, comma);
    let before = line.get(..end)?;
    let mut start = None;
    for (count, (pos, word)) in word_starts(before).into_iter().rev().enumerate() {
        let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
        let title_case = letters.first().is_some_and(|c| c.is_uppercase())
            && letters.len() >= 2
            && letters[1..].iter().all(|c| c.is_lowercase());
        let number = word.chars().all(|c| c.is_ascii_digit());
        let tp = fold(word).trim_end_matches('.') == "tp";
        if !(title_case || number && count == 0 || tp) || count >= 6 {
            break;
        }
        start = Some(pos);
    }
    let start = start?;
    (start > 0).then(|| folded_offset(line, folded, start))
}

/// (byte offset, word) for each whitespace-separated word.
fn word_starts(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), at) {
            (false, None) => at = Some(i),
            (true, Some(a)) => {
                out.push((a, &s[a..i]));
                at = None;
            }
            _ => {}
        }
    }
    if let Some(a) = at {
        out.push((a, &s[a..]));
    }
    out
}

/// The byte offset in `folded` of the char at byte offset `orig` of `line`.
fn folded_offset(line: &str, folded: &str, orig: usize) -> usize {
    let idx = line.char_indices().take_while(|(b, _)| *b < orig).count();
    folded
        .char_indices()
        .nth(idx)
        .map(|(b, _)| b)
        .unwrap_or(folded.len())
}

/// Splits `line` at folded offsets `cuts`.
fn cut_at(line: &str, folded: &str, cuts: Vec<usize>) -> Vec<String> {
    let mut bytes: Vec<usize> = cuts
        .into_iter()
        .map(|c| map_offset(line, folded, c))
        .filter(|c| *c > 0 && *c < line.len())
        .collect();
    bytes.sort_unstable();
    bytes.dedup();
    let mut out = Vec::new();
    let mut prev = 0;
    for b in bytes {
        out.push(line[prev..b].trim().to_string());
        prev = b;
    }
    out.push(line[prev..].trim().to_string());
    out.retain(|s| !s.is_empty());
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_flattened_header() {
        let parts = split_anchors(
            "ỦY BAN NHÂN DÂN QUẬN 7 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: 12/KH-UBND Quận 7, ngày 05 tháng 01 năm 2024 KẾ HOẠCH Thi đua năm 2024",
        );
        assert_eq!(parts[0], "ỦY BAN NHÂN DÂN QUẬN 7");
        assert!(parts.contains(&"Số: 12/KH-UBND".to_string()));
        assert!(parts.contains(&"Quận 7, ngày 05 tháng 01 năm 2024".to_string()));
        assert!(parts.contains(&"KẾ HOẠCH".to_string()));
        assert_eq!(parts.last().map(String::as_str), Some("Thi đua năm 2024"));
    }

    #[test]
    fn cuts_party_numbers_places_and_a_running_preamble() {
        let parts = split_anchors(
            "ĐOÀN TNCS HỒ CHÍ MINH Số: 225 - KH/TWĐTN-CTTN Hà Nội, ngày 16 tháng 5 năm 2024",
        );
        assert!(
            parts.contains(&"Số: 225 - KH/TWĐTN-CTTN".to_string()),
            "{parts:?}"
        );
        assert!(parts.contains(&"Hà Nội, ngày 16 tháng 5 năm 2024".to_string()));
        let parts = split_anchors(
            "HOI DONG THI DUA Long Bien, ngay ^ 9 thang 9 nam 2020 KE ROACH To chuc Cuoc thi Thuc hien Quyet dinh so 01/2020/QD-UBND",
        );
        assert!(
            parts.contains(&"Long Bien, ngay ^ 9 thang 9 nam 2020".to_string()),
            "{parts:?}"
        );
        assert!(parts.contains(&"KE ROACH".to_string()));
        assert!(parts.contains(&"To chuc Cuoc thi".to_string()));
        assert_eq!(
            parts.last().map(String::as_str),
            Some("Thuc hien Quyet dinh so 01/2020/QD-UBND")
        );
    }
}

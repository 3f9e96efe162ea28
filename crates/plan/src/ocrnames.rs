//! Unit names that OCR garbled in one place and read cleanly in another: in a restored OCR text a
//! lead `Phong N§i v Quan` is replaced by the closest name of as many words that the same document
//! spells with letters only (`Phòng Nội vụ Quận`).

use crate::doc::Doc;
use crate::text::{edit_distance, fold, trim_punct};

/// The document's clean spelling of `name`, when one is close enough; else `name` itself.
pub fn repair(d: &Doc, name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    if !d.ocr || words.len() < 2 {
        return name.to_string();
    }
    let target = fold(name);
    let first = fold(words[0]);
    let max = (target.chars().count() / 6).max(2);
    let mut best: Option<(usize, String)> = None;
    for l in &d.lines {
        let ws: Vec<&str> = l.text.split_whitespace().collect();
        for i in (0..ws.len()).filter(|&i| fold(ws[i]) == first) {
            let Some(span) = ws.get(i..i + words.len()) else {
                continue;
            };
            let joined = span.join(" ");
            let cand = trim_punct(&joined);
            if !is_clean(cand) {
                continue;
            }
            let dist = edit_distance(&fold(cand), &target, max);
            if dist <= max && best.as_ref().is_none_or(|b| dist < b.0) {
                best = Some((dist, cand.to_string()));
            }
        }
    }
    best.map_or_else(|| name.to_string(), |(_, c)| c)
}

/// Letters, spaces and dashes only (no OCR debris such as `§`, digits or brackets).
fn is_clean(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '–')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_the_clean_spelling_from_the_same_document() {
        let text = "KE HOACH\nThi dua nam 2024\nI. NOI DUNG\n1. Giao Phong N§i v Quan:\n\
                    - Tiep tuc thuc hien phong trao thi dua.\n2. Giao Van phong:\n\
                    - Phoi hop voi Phong Noi vu Quan to chuc thuc hien.\n";
        let d = Doc::parse(text);
        assert!(d.ocr);
        assert_eq!(fold(&repair(&d, "Phong N§i v Quan")), "phong noi vu quan");
        assert_eq!(
            repair(&d, "Quận đoàn"),
            "Quận đoàn",
            "nothing close: unchanged"
        );
    }
}

//! Unit names that OCR garbled in one place and read cleanly in another: in a restored OCR text a
//! lead `Phong N§i v Quan` is replaced by the closest name of as many words that the same document
//! spells with letters only (`Phòng Nội vụ Quận`).

use std::collections::{BTreeSet, HashMap};

use crate::doc::Doc;
use crate::text::{edit_distance, fold, trim_punct};

/// The clean spans of the document, by folded first word and word count, built as asked.
pub struct Names<'a> {
    doc: &'a Doc,
    spans: HashMap<(String, usize), BTreeSet<String>>,
}

impl<'a> Names<'a> {
    pub fn new(doc: &'a Doc) -> Self {
        Names {
            doc,
            spans: HashMap::new(),
        }
    }

    /// The document's clean spelling of `name` when `name` has OCR debris and a clean name is
    /// close enough; else `name` itself.
    pub fn repair(&mut self, name: &str) -> String {
        let words: Vec<&str> = name.split_whitespace().collect();
        if !self.doc.ocr || words.len() < 2 || is_clean(name) {
            return name.to_string();
        }
        let target = fold(name);
        let max = (target.chars().count() / 6).max(2);
        let key = (fold(words[0]), words.len());
        let doc = self.doc;
        let spans = self
            .spans
            .entry(key)
            .or_insert_with_key(|(first, n)| clean_spans(doc, first, *n));
        spans
            .iter()
            .map(|c| (edit_distance(&fold(c), &target, max), c))
            .filter(|(dist, _)| *dist <= max)
            .min_by_key(|(dist, _)| *dist)
            .map_or_else(|| name.to_string(), |(_, c)| c.clone())
    }
}

/// The distinct clean spans of `n` words that start with the folded word `first`.
fn clean_spans(d: &Doc, first: &str, n: usize) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for l in &d.lines {
        let ws: Vec<&str> = l.text.split_whitespace().collect();
        for i in (0..ws.len()).filter(|&i| fold(ws[i]) == first) {
            if let Some(span) = ws.get(i..i + n) {
                let joined = span.join(" ");
                let cand = trim_punct(&joined);
                if is_clean(cand) {
                    out.insert(cand.to_string());
                }
            }
        }
    }
    out
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
        let mut names = Names::new(&d);
        assert_eq!(fold(&names.repair("Phong N§i v Quan")), "phong noi vu quan");
        assert_eq!(
            names.repair("Quận đoàn"),
            "Quận đoàn",
            "a clean name is kept"
        );
        assert_eq!(
            names.repair("Ban X§ Y"),
            "Ban X§ Y",
            "nothing close: unchanged"
        );
    }
}

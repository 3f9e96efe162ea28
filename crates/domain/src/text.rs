//! Vietnamese text at the boundary: one place that normalises (NFC) and folds text for search.
//!
//! Folding lowercases, strips every combining mark (tones and vowel marks) and maps `đ`/`Đ` to `d`,
//! so that `nguyen van an`, `NGUYỄN VĂN AN` and a decomposed (NFD) `Nguyễn Văn An` all fold alike.
//! `đ` must be mapped by hand: it is a letter of its own, not `d` plus a mark, so NFD leaves it intact.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Normalises text to NFC and trims it; every string entering the system passes here.
pub fn clean(input: &str) -> String {
    let nfc: String = input.nfc().collect();
    nfc.trim().to_string()
}

/// Like [`clean`], and also collapses runs of white space to one space (names, titles).
pub fn clean_line(input: &str) -> String {
    clean(input)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Folds text for diacritic-insensitive search: lowercase, no marks, `đ` → `d`, single spaces.
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            // Some keyboards type the Icelandic eth instead of đ.
            'ð' | 'Ð' => out.push('d'),
            c if c.is_whitespace() => out.push(' '),
            c => out.extend(c.to_lowercase()),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Builds the pattern that finds `query` in a folded `search_text` column with SQL
/// `(' ' || search_text) LIKE … ESCAPE '\'` (the leading space lets the first word match too).
/// Every word of the query must begin a word of the text, in order: "nguyen an" finds "Nguyễn Văn An"
/// and "Nguyễn Văn Anh" but not "Nguyễn Văn Toàn"; "so 1" does not find "số 2 … 27/11/2026".
pub fn like_pattern(query: &str) -> String {
    let folded = fold(query);
    let mut pattern = String::from("%");
    for word in folded.split(' ').filter(|w| !w.is_empty()) {
        pattern.push(' ');
        for c in word.chars() {
            if matches!(c, '%' | '_' | '\\') {
                pattern.push('\\');
            }
            pattern.push(c);
        }
        pattern.push('%');
    }
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_vietnamese_names() {
        assert_eq!(fold("Nguyễn Văn An"), "nguyen van an");
        assert_eq!(fold("ĐẶNG THỊ Đào"), "dang thi dao");
        assert_eq!(fold("Phường  Bạch\tĐằng"), "phuong bach dang");
        assert_eq!(fold("Ủy ban nhân dân"), "uy ban nhan dan");
    }

    #[test]
    fn decomposed_input_folds_like_composed() {
        let nfd: String = "Nguyễn Đức Thắng".nfd().collect();
        assert_ne!(nfd, "Nguyễn Đức Thắng");
        assert_eq!(fold(&nfd), fold("Nguyễn Đức Thắng"));
        assert_eq!(clean(&nfd), "Nguyễn Đức Thắng");
    }

    #[test]
    fn like_pattern_escapes_and_orders_words() {
        assert_eq!(like_pattern("Nguyễn An"), "% nguyen% an%");
        assert_eq!(like_pattern("50%_x"), "% 50\\%\\_x%");
        assert_eq!(like_pattern("   "), "%");
    }

    proptest! {
        #[test]
        fn fold_is_idempotent_and_mark_free(s in "\\PC{0,40}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone());
            prop_assert!(!once.chars().any(|c| c == 'đ' || is_combining_mark(c)));
        }

        #[test]
        fn fold_ignores_normal_form(s in "[a-zA-Zàáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ ]{0,30}") {
            let nfd: String = s.nfd().collect();
            prop_assert_eq!(fold(&nfd), fold(&s));
        }
    }
}

//! The budget sentences of a plan's text: "Kinh phí thực hiện … được bố trí trong dự toán …,
//! thanh quyết toán theo quy định" and the sums they name, read from what the campaign keeps of its
//! plan (purposes and content). Pure text work; folded matching so OCR text without diacritics counts.

use thidua_domain::text::fold;

/// Words that mark a sentence about money, folded.
const MARKS: [&str; 5] = [
    "kinh phi",
    "du toan",
    "quyet toan",
    "ngan sach",
    "quy thi dua",
];

/// A budget sentence and the sum in đồng it names, if any.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BudgetSentence {
    pub text: String,
    pub amount: Option<i64>,
}

/// The sentences of `text` that speak of the budget, in order, without repeats.
pub fn budget_sentences(text: &str) -> Vec<BudgetSentence> {
    let mut out: Vec<BudgetSentence> = Vec::new();
    for s in sentences(text) {
        let folded = fold(&s);
        if MARKS.iter().any(|m| folded.contains(m)) && !out.iter().any(|o| o.text == s) {
            out.push(BudgetSentence {
                amount: amount(&folded),
                text: s,
            });
        }
    }
    out
}

/// Sentences: split at line ends and at `.`/`;` followed by a space (so `1.500.000` stays whole).
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            current.push(c);
            if matches!(c, '.' | ';') && chars.peek().is_none_or(|n| n.is_whitespace()) {
                push_clean(&mut out, &current);
                current.clear();
            }
        }
        push_clean(&mut out, &current);
    }
    out
}

fn push_clean(out: &mut Vec<String>, s: &str) {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.trim_start_matches(['-', '+', '*', '•', ' ']).trim();
    if s.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
        out.push(s.to_string());
    }
}

/// The first sum of money in a folded sentence: `150.000.000 dong`, `1,5 ty dong`, `200 trieu dong`.
fn amount(folded: &str) -> Option<i64> {
    let words: Vec<&str> = folded.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_matches(|c: char| !c.is_ascii_digit());
        if w.is_empty() || !w.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let next = |k: usize| {
            words
                .get(i + k)
                .map(|n| n.trim_matches(|c: char| !c.is_alphabetic()))
                .unwrap_or("")
        };
        let (scale, unit) = match next(1) {
            "ty" => (1e9, next(2)),
            "trieu" => (1e6, next(2)),
            other => (1.0, other),
        };
        if !matches!(unit, "dong" | "d" | "vnd") {
            continue;
        }
        let value = if scale > 1.0 {
            w.replace('.', "").replace(',', ".").parse::<f64>().ok()?
        } else {
            w.replace(['.', ','], "").parse::<f64>().ok()?
        };
        return Some((value * scale).round() as i64);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_sentences_are_found_with_or_without_diacritics() {
        let text = "Mục đích: động viên phong trào.\n\
            - Kinh phí thực hiện kế hoạch được bố trí trong dự toán năm 2025 là 150.000.000 đồng; các đơn vị thanh quyết toán theo quy định.\n\
            Phong trào thi đua sôi nổi. Dung nguon kinh phi thi dua, khen thuong cua quan.";
        let got = budget_sentences(text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(
            got[0].text,
            "Kinh phí thực hiện kế hoạch được bố trí trong dự toán năm 2025 là 150.000.000 đồng;"
        );
        assert_eq!(got[0].amount, Some(150_000_000));
        assert_eq!(got[1].text, "các đơn vị thanh quyết toán theo quy định.");
        assert_eq!(got[2].amount, None);
    }

    #[test]
    fn sums_in_words_are_read() {
        assert_eq!(amount("kinh phi 1,5 ty dong"), Some(1_500_000_000));
        assert_eq!(amount("kinh phi 200 trieu dong."), Some(200_000_000));
        assert_eq!(amount("nam 2025 co 12 don vi"), None);
    }

    #[test]
    fn text_without_budget_words_gives_nothing() {
        assert!(budget_sentences("Tổ chức phát động thi đua. Khen thưởng kịp thời.").is_empty());
    }
}

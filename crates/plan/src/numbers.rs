//! Document numbers (*số, ký hiệu*): finding cited documents (`Kế hoạch số 6677/KH-UBND ngày…`)
//! in folded text and normalising numbers as printed (`303 /KH-UBND` → `303/KH-UBND`, OCR
//! `01/QB-UBND` of a *Quyết định* → `01/QĐ-UBND`).

use std::sync::LazyLock;

use regex::Regex;

use crate::dates::find_dates;
use crate::text::orig_slice;

/// A document cited in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    /// Normalised number, if printed.
    pub number: Option<String>,
    /// ISO date, if printed right after the number (or the name when there is no number).
    pub date: Option<String>,
    /// Byte range in the folded text.
    pub span: std::ops::Range<usize>,
}

static KIND: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"\b(luat|bo luat|nghi dinh|nghi quyet|quy[a-z0-9]t dinh|chi thi|ke hoach|thong tu|cong van|huong dan|thong bao|ket luan|quy dinh|quy che|van ban|de an|chuong trinh|cong dien)\b").ok()
});
static NUMBER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^(?:\s+(?:lien tich\s+)?(?:so|\S{1,3})\b)?\s*[:.]?\s*(\d{1,6}\s?(?:/\s?(?:19|20)\d\d)?\s?[/\-–]\s?[a-z0-9đ&.]*[a-z][a-z0-9đ&.]*(?:\s?[/\-–]\s?[a-z0-9đ&]+)*|\d{1,6}\s[a-z]{2,5}\s?/\s?[a-z0-9đ&]+(?:\s?[/\-–]\s?[a-z0-9đ&]+)*)").ok()
});

/// Finds cited documents in `text` (original) / `folded` (its fold).
pub fn citations(text: &str, folded: &str) -> Vec<Citation> {
    let (Some(kind_re), Some(num_re)) = (KIND.as_ref(), NUMBER.as_ref()) else {
        return Vec::new();
    };
    let kinds: Vec<regex::Match> = kind_re.find_iter(folded).collect();
    let mut out = Vec::new();
    for (k, m) in kinds.iter().enumerate().take(crate::text::MAX_PER_PARA) {
        let after = &folded[m.end()..];
        let next_kind = kinds.get(k + 1).map(|n| n.start()).unwrap_or(folded.len());
        if let Some(c) = num_re.captures(after).and_then(|c| c.get(1)) {
            let start = m.end() + c.start();
            let end = m.end() + c.end();
            let raw = orig_slice(text, folded, start..end);
            let kind = if m.as_str().starts_with("quy") && m.as_str().ends_with(" dinh") {
                "quyet dinh"
            } else {
                m.as_str()
            };
            let number = normalize_number(raw, kind);
            let date = date_near(folded, end, 16);
            out.push(Citation {
                number,
                date,
                span: m.start()..end,
            });
        } else {
            let limit = next_kind.min(m.end() + 90);
            let window = crate::text::sub(folded, m.end(), limit);
            let stop = window
                .find([';', '('])
                .map(|p| m.end() + p)
                .unwrap_or(m.end() + window.len());
            if let Some(rel) = crate::text::sub(folded, m.end(), stop).find("ngay") {
                let date = date_near(folded, m.end() + rel, 6);
                if date.is_some() {
                    out.push(Citation {
                        number: None,
                        date,
                        span: m.start()..stop,
                    });
                }
            }
        }
    }
    out
}

/// The first full date starting within `within` bytes after `pos`.
fn date_near(folded: &str, pos: usize, within: usize) -> Option<String> {
    let rest = folded.get(pos..)?;
    let hits = find_dates(rest.get(..rest.len().min(80)).unwrap_or(rest));
    let h = hits.first()?;
    if h.start > within || h.date.year.is_none() || h.date.day.is_none() {
        return None;
    }
    h.date.to_iso(None)
}

/// Normalises a printed number: no spaces, `–` → `-`, OCR-damaged `Đ` codes repaired.
pub fn normalize_number(raw: &str, kind_folded: &str) -> Option<String> {
    let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let s = s.replace('–', "-");
    let s = s.trim_end_matches(['.', ',', ';', ':', ')']).to_string();
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || !s.contains(['/', '-']) {
        return None;
    }
    let mut out = String::new();
    let mut seg = String::new();
    for c in s.chars() {
        if c == '/' || c == '-' {
            out.push_str(&fix_code(&seg, kind_folded));
            out.push(c);
            seg.clear();
        } else {
            seg.push(c);
        }
    }
    out.push_str(&fix_code(&seg, kind_folded));
    Some(out)
}

/// Repairs one code segment (`QD` → `QĐ` for a decision, `ND` → `NĐ` for a decree, `TDKT` → `TĐKT`).
fn fix_code(seg: &str, kind: &str) -> String {
    let upper_code = seg
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == 'Đ');
    if !upper_code {
        return seg.to_string();
    }
    if seg.contains("GDDT") {
        return seg.replace("GDDT", "GDĐT");
    }
    match seg {
        "QD" | "QB" | "QP" if kind == "quyet dinh" || seg == "QD" => "QĐ".into(),
        "ND" | "NB" if kind == "nghi dinh" || seg == "ND" => "NĐ".into(),
        "TDKT" => "TĐKT".into(),
        "HDND" => "HĐND".into(),
        "HDTDKT" => "HĐTĐKT".into(),
        "KI" | "KII" | "KIL" | "KB" if kind == "ke hoach" => "KH".into(),
        _ => seg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    fn cite(s: &str) -> Vec<(Option<String>, Option<String>)> {
        citations(s, &fold(s))
            .into_iter()
            .map(|c| (c.number, c.date))
            .collect()
    }

    #[test]
    fn numbers_as_printed() {
        assert_eq!(
            normalize_number("303 /KH-UBND", "ke hoach").as_deref(),
            Some("303/KH-UBND")
        );
        assert_eq!(
            normalize_number("01/QB-UBND", "quyet dinh").as_deref(),
            Some("01/QĐ-UBND")
        );
        assert_eq!(
            normalize_number("98/2023/ND-CP", "nghi dinh").as_deref(),
            Some("98/2023/NĐ-CP")
        );
        assert_eq!(normalize_number("/KH-UBND", "ke hoach"), None);
    }

    #[test]
    fn finds_citations() {
        let c = cite(
            "Căn cứ Kế hoạch số 6677/KH-UBND ngày 30 tháng 10 năm 2024 của Ủy ban nhân dân Thành phố",
        );
        assert_eq!(
            c,
            vec![(Some("6677/KH-UBND".into()), Some("2024-10-30".into()))]
        );
        let c = cite("Thực hiện Chỉ thị số 27-CT/TU ngày 20/12/2023 của Ban Thường vụ");
        assert_eq!(
            c,
            vec![(Some("27-CT/TU".into()), Some("2023-12-20".into()))]
        );
        let c = cite("Căn cứ Chỉ thị 6 05/CT- UBND ngày 18 tháng 01 năm 2024 của Ủy ban");
        assert_eq!(
            c,
            vec![(Some("05/CT-UBND".into()), Some("2024-01-18".into()))]
        );
        let c = cite("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;");
        assert_eq!(c, vec![(None, Some("2022-06-15".into()))]);
        let c = cite("Căn cứ Công văn số 753/TĐKT ngày 07 tháng 03 năm 2023");
        assert_eq!(c[0].0.as_deref(), Some("753/TĐKT"));
    }
}

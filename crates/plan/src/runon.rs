//! Run-on text: a web page or a PDF copy that lost its line breaks puts whole sections on one line
//! (`III. KHEN THƯỞNG 1. Hình thức … - Bằng khen …; - Giấy khen …. 2. Tiêu chuẩn …`). This module
//! cuts such a line before the markers that begin a line in the printed plan — an uppercase roman
//! heading, a numbered item or a bullet after the end of a sentence or after a heading — so the
//! rest of the importer sees one item per line, as in the plan.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::upper_ratio;

/// A line shorter than this (in chars) is an ordinary paragraph, never cut.
const MIN_CHARS: usize = 300;
/// A line with fewer cuts than this is a paragraph that happens to contain a marker.
const MIN_CUTS: usize = 3;

/// Candidate markers: a roman numeral before an uppercase word, a decimal number before a
/// capital, a bullet, a letter item `a)`, a footnote digit; each preceded by a space.
static MARKER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"\s((?:[IVX]{1,4}\.\s+\p{Lu}{2,}|\d{1,2}(?:\.\d{1,2}){0,3}\.\s+\p{Lu}|[-–+•~]\s+\S|[a-zđ]\)\s+\S|[¹²³⁴⁵⁶⁷⁸⁹]+\s+\p{Lu}))",
    )
    .ok()
});

/// The logical lines of one raw line: the line itself unless it is a long run-on line.
pub fn split(line: &str) -> Vec<String> {
    if line.chars().count() < MIN_CHARS {
        return vec![line.to_string()];
    }
    let cuts = cuts(line);
    if cuts.len() < MIN_CUTS {
        return vec![line.to_string()];
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for c in cuts {
        let part = line[start..c].trim();
        if !part.is_empty() {
            out.push(part.to_string());
        }
        start = c;
    }
    out.push(line[start..].trim().to_string());
    out
}

/// Byte offsets where a new line begins.
fn cuts(line: &str) -> Vec<usize> {
    let Some(re) = MARKER.as_ref() else {
        return Vec::new();
    };
    let mut out: Vec<usize> = Vec::new();
    let mut last = 0;
    for c in re.captures_iter(line) {
        let Some(m) = c.get(1) else { continue };
        let before = &line[last..m.start()];
        if starts_line(m.as_str(), before) {
            out.push(m.start());
            last = m.start();
        }
    }
    out
}

/// Whether marker `m` begins a line, given the text since the previous cut.
fn starts_line(m: &str, before: &str) -> bool {
    if before.trim().is_empty() {
        return false;
    }
    let roman = m.starts_with(['I', 'V', 'X']);
    roman || after_sentence(before) || after_heading(before)
}

/// The text ends a sentence or a clause (`.`, `;`, `:`), maybe with closing marks after it.
fn after_sentence(before: &str) -> bool {
    before
        .trim_end()
        .trim_end_matches(['*', '"', '”', '’', '_'])
        .ends_with(['.', ';', ':', '!', '?', '…'])
}

/// The text since the previous cut is an uppercase heading (`III. CÔNG TÁC KHEN THƯỞNG`).
fn after_heading(before: &str) -> bool {
    let letters = before.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 4 && upper_ratio(before) > 0.8
}

/// An uppercase roman section heading (`II. NỘI DUNG THI ĐUA`).
pub fn is_roman_heading(part: &str) -> bool {
    let t = part.trim_start();
    let numeral = t.chars().take_while(|c| "IVX".contains(*c)).count();
    numeral > 0 && t[numeral..].starts_with(". ") && after_heading(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_a_run_on_section_at_its_markers() {
        let line = "III. CÔNG TÁC KHEN THƯỞNG, BIỂU DƯƠNG 1. Hình thức khen thưởng: - Bằng khen của \
                    Chủ tịch Ủy ban nhân dân Thành phố; - Giấy khen của Chủ tịch Ủy ban nhân dân quận. \
                    2. Tiêu chuẩn khen thưởng: a) Tập thể có thành tích xuất sắc trong đợt thi đua, \
                    đạt tỷ lệ giải ngân từ 95% trở lên; b) Cá nhân có sáng kiến được áp dụng hiệu quả. \
                    3. Hồ sơ gửi về Phòng Nội vụ trước ngày 20/12/2024.";
        let parts = split(line);
        assert_eq!(parts.len(), 8, "{parts:#?}");
        assert_eq!(parts[0], "III. CÔNG TÁC KHEN THƯỞNG, BIỂU DƯƠNG");
        assert!(parts[2].starts_with("- Bằng khen"));
        assert!(parts[5].starts_with("a) Tập thể"));
    }

    #[test]
    fn leaves_ordinary_paragraphs_and_names_with_dashes() {
        let p = "Phòng Tài chính - Kế hoạch chủ trì, phối hợp với Phòng Lao động - Thương binh và Xã \
                 hội, Trung tâm Văn hóa - Thể thao tổ chức thực hiện phong trào thi đua (10/10/1954 - \
                 10/10/2024) trên địa bàn quận, bảo đảm tiến độ, chất lượng, hiệu quả, tiết kiệm và \
                 báo cáo kết quả thực hiện về Ủy ban nhân dân quận theo quy định hiện hành.";
        assert_eq!(split(p), vec![p.to_string()]);
    }
}

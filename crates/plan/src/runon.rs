//! Run-on text: a web page or a PDF copy that lost its line breaks puts whole sections on one line
//! (`III. KHEN THƯỞNG 1. Hình thức … - Bằng khen …; - Giấy khen …. 2. Tiêu chuẩn …`). This module
//! cuts such a line before the markers that begin a line in the printed plan — an uppercase roman
//! heading, a numbered item or a bullet after the end of a sentence or after a heading — so the
//! rest of the importer sees one item per line, as in the plan.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::upper_ratio;

/// A line shorter than this (in chars) is an ordinary paragraph, never cut.
const MIN_CHARS: usize = 200;
/// Headings are short: text since the previous cut longer than this (in bytes) is not one, and no
/// more than this is looked at after a marker (keeps hostile one-line inputs linear).
const SHORT: usize = 240;
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
        let Some(part) = line.get(start..c).map(str::trim) else {
            continue;
        };
        if !part.is_empty() {
            out.push(part.to_string());
        }
        start = c;
    }
    out.push(line.get(start..).unwrap_or("").trim().to_string());
    out
}

/// Byte offsets where a new line begins.
fn cuts(line: &str) -> Vec<usize> {
    let Some(re) = MARKER.as_ref() else {
        return Vec::new();
    };
    let mut out: Vec<usize> = Vec::new();
    let mut last = 0;
    let numeral = line.chars().take_while(|c| "IVX".contains(*c)).count();
    if numeral > 0
        && line[numeral..].starts_with(". ")
        && let Some(end) = heading_end(line)
    {
        out.push(end);
        last = end;
    }
    for c in re.captures_iter(line) {
        let Some(m) = c.get(1) else { continue };
        if m.start() <= last && last > 0 {
            continue;
        }
        let before = &line[last..m.start()];
        if starts_line(m.as_str(), &line[m.start()..], before) {
            out.push(m.start());
            last = m.start();
            if m.as_str().starts_with(['I', 'V', 'X'])
                && let Some(end) = heading_end(&line[m.start()..])
            {
                out.push(m.start() + end);
                last = m.start() + end;
            }
        }
    }
    out
}

/// Where an uppercase roman heading run into its text ends: at the first word with a lowercase
/// letter (`III. KHEN THƯỞNG Các phòng, ban…`).
fn heading_end(s: &str) -> Option<usize> {
    let s = crate::text::sub(s, 0, SHORT);
    let mut upper_words = 0;
    let mut at = 0;
    for (k, w) in s.split(' ').enumerate() {
        let start = at;
        at += w.len() + 1;
        if k == 0 || w.is_empty() {
            continue;
        }
        if w.chars().any(char::is_lowercase) || w.starts_with(|c: char| c.is_ascii_digit()) {
            return (upper_words >= 1).then_some(start);
        }
        if w.chars().any(char::is_uppercase) {
            upper_words += 1;
        }
    }
    None
}

/// Labels of the fields of an item (`- Đơn vị chủ trì: …`, `- Thời gian thực hiện: …`), folded.
const LABELS: &[&str] = &[
    "don vi chu tri",
    "don vi phoi hop",
    "co quan chu tri",
    "co quan phoi hop",
    "thoi gian",
    "thoi han",
    "hinh thuc",
    "noi dung",
    "doi tuong",
    "chi tieu",
    "kinh phi",
    "tieu chuan",
    "so luong",
    "ho so",
    "dia diem",
];

/// Whether the marker at `m` (`rest` is the line from the marker on) begins a line, given the text
/// since the previous cut.
fn starts_line(m: &str, rest: &str, before: &str) -> bool {
    if before.trim().is_empty() {
        return false;
    }
    let roman = m.starts_with(['I', 'V', 'X']);
    let bullet = m.starts_with(['-', '–', '+', '•', '~']);
    roman
        || after_sentence(before)
        || after_heading(before)
        || bullet && (labelled_field(rest) || after_numbered_heading(before, rest))
}

/// A bullet that opens a labelled field: `- Đơn vị chủ trì tham mưu: …`.
fn labelled_field(rest: &str) -> bool {
    let rest = crate::text::sub(rest, 0, SHORT);
    let body = rest.trim_start_matches(['-', '–', '+', '•', '~', ' ']);
    let Some((label, _)) = body.split_once(':') else {
        return false;
    };
    let f = crate::text::fold(label);
    label.split_whitespace().count() <= 6 && LABELS.iter().any(|l| f.starts_with(l))
}

/// Word pairs joined by a dash in the names of the domain vocabulary (`Thi đua - Khen thưởng`,
/// `Tài chính - Kế hoạch`), folded: such a dash is not a bullet.
static DASH_PAIRS: LazyLock<HashSet<(String, String)>> = LazyLock::new(|| {
    let mut out = HashSet::new();
    for line in crate::restore::DOMAIN
        .lines()
        .filter(|l| !l.starts_with('#'))
    {
        let f = crate::text::fold(line);
        let mut rest = f.as_str();
        while let Some((a, b)) = rest.split_once(" - ") {
            if let (Some(x), Some(y)) = (a.split_whitespace().last(), b.split_whitespace().next()) {
                out.insert((x.to_string(), y.to_string()));
            }
            rest = b;
        }
    }
    out
});

/// Whether the dash between `before` and `rest` joins a known name (`Thi đua - Khen thưởng`).
fn joins_a_name(before: &str, rest: &str) -> bool {
    let last = crate::text::fold(before.split_whitespace().last().unwrap_or(""));
    let next = rest
        .trim_start_matches(['-', '–', '+', '•', '~', ' '])
        .split_whitespace()
        .next()
        .map(crate::text::fold)
        .unwrap_or_default();
    DASH_PAIRS.contains(&(last, next))
}

/// A bullet right after a numbered heading that has no punctuation (`1. Hình thức khen thưởng,
/// biểu dương - Bằng khen …`): the heading has at least four words and is not a unit's name
/// (`2. Phòng Tài chính - Kế hoạch …` is one item).
fn after_numbered_heading(before: &str, rest: &str) -> bool {
    if before.len() > SHORT {
        return false;
    }
    let t = before.trim();
    let marker = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .count();
    let words = t[marker..].split_whitespace().count();
    let next_upper = rest
        .trim_start_matches(['-', '–', '+', '•', '~', ' '])
        .starts_with(char::is_uppercase);
    marker > 0
        && t[..marker].ends_with('.')
        && (4..=15).contains(&words)
        && !t[marker..].contains(['.', ';', ':', '!', '?'])
        && !crate::units::starts_with_head(&crate::text::fold(t[marker..].trim()))
        && next_upper
        && !joins_a_name(t, rest)
}

/// The text ends a sentence or a clause (`.`, `;`, `:`), maybe with closing marks after it.
fn after_sentence(before: &str) -> bool {
    before
        .trim_end()
        .trim_end_matches(['*', '"', '”', '’', '_', '|', ' '])
        .ends_with(['.', ';', ':', '!', '?', '…'])
}

/// The text since the previous cut is an uppercase heading (`III. CÔNG TÁC KHEN THƯỞNG`).
fn after_heading(before: &str) -> bool {
    if before.len() > SHORT {
        return false;
    }
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
    fn cuts_labelled_fields_and_bullets_after_a_bare_heading() {
        let item = "2.7. Thi đua bảo đảm an sinh xã hội, đền ơn đáp nghĩa - Đơn vị chủ trì tham mưu: Phòng \
                    Lao động - Thương binh và Xã hội - Đơn vị phối hợp thực hiện: Các phòng, ban, ngành, \
                    đơn vị thuộc Quận. - Thời gian thực hiện: Theo Kế hoạch của Quận.";
        let parts = split(item);
        assert_eq!(parts.len(), 4, "{parts:#?}");
        assert!(parts[1].starts_with("- Đơn vị chủ trì") && parts[1].ends_with("Xã hội"));
        let section = "3. Tuyên trình đề nghị khen thưởng, biểu dương - Chi cục Thuế chủ trì xem xét, \
                       đề xuất khen thưởng trong thực hiện thu ngân sách năm 2024. - Phòng Văn hóa và \
                       Thông tin chủ trì xem xét, đề xuất khen thưởng trong thực hiện chuyển đổi số. \
                       4. Hồ sơ gửi về Phòng Nội vụ trước ngày 20/12/2024.";
        let parts = split(section);
        assert_eq!(parts.len(), 4, "{parts:#?}");
        assert_eq!(parts[0], "3. Tuyên trình đề nghị khen thưởng, biểu dương");
    }

    #[test]
    fn ends_an_uppercase_heading_at_its_first_sentence_word() {
        let line = "III. KHEN THUONG Cac phong, ban, nganh chu dong khen thuong theo tham quyen va de \
                    nghi cap tren khen thuong cac tap the, ca nhan co thanh tich xuat sac, cu the nhu sau: \
                    1. Doi tuong: cac phong, ban, nganh. 2. Thoi gian thi dua: den het thang 10 nam 2024. \
                    IV. TO CHUC THUC HIEN Phong Noi vu tong hop, bao cao.";
        let parts = split(line);
        assert_eq!(parts[0], "III. KHEN THUONG", "{parts:#?}");
        assert!(parts[1].starts_with("Cac phong") && parts[2].starts_with("1. Doi tuong"));
        assert_eq!(parts[4], "IV. TO CHUC THUC HIEN");
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

//! Unit (cơ quan, đơn vị) names: head words, abbreviations written out, uppercase header names
//! converted to normal case, and the test for generic groups (`các phòng, ban…`) that are not a
//! specifically named unit.

use crate::text::{capitalize, fold};

/// Folded words that start a unit name, longest first.
const HEADS: &[&str] = &[
    "uy ban mat tran to quoc",
    "uy ban nhan dan",
    "hoi dong nhan dan",
    "hoi dong thi dua",
    "thuong truc hoi dong",
    "ban chi huy quan su",
    "to van phong",
    "to chuyen mon",
    "ban quan ly",
    "ban tuyen giao",
    "ban dan van",
    "ban thi dua",
    "van phong",
    "trung tam",
    "lien doan",
    "chi cuc",
    "cong an",
    "thanh tra",
    "benh vien",
    "bao hiem",
    "kho bac",
    "quan doan",
    "huyen doan",
    "thanh doan",
    "tinh doan",
    "doan thanh nien",
    "hoi lien hiep",
    "hoi cuu chien binh",
    "hoi nong dan",
    "hoi chu thap do",
    "mat tran",
    "phong",
    "so",
    "cuc",
    "vien",
    "truong",
    "ban",
    "hoi",
    "doi",
    "dai",
];

/// Administrative level words (folded) that precede a place name.
pub const LEVELS: &[&str] = &[
    "thanh pho",
    "thi xa",
    "thi tran",
    "tinh",
    "quan",
    "huyen",
    "phuong",
    "xa",
    "tp",
    "dac khu",
];

/// Whether a folded phrase starts with a unit head word.
pub fn starts_with_head(folded: &str) -> bool {
    let f = folded.trim_start();
    HEADS
        .iter()
        .any(|h| f.starts_with(h) && f[h.len()..].starts_with([' ', ',', '.', '-']))
        || f.starts_with("ubnd ")
        || f.starts_with("ubmttq")
        || f.starts_with("ub.mttq")
}

/// Generic groups that do not name one unit (`các phòng, ban`, `UBND các phường`, `đơn vị liên quan`).
pub fn is_generic(name: &str) -> bool {
    let f = fold(name);
    let f = f.trim();
    f.is_empty()
        || f.starts_with("cac ")
        || f.starts_with("nhung ")
        || f.starts_with("moi ")
        || f.contains(" cac ")
        || f.starts_with("don vi")
        || f.starts_with("co quan")
        || f.contains("lien quan")
        || f.starts_with("thu truong")
        || !starts_with_head(f)
}

/// Writes out `UBND`, `HĐND`, `UBMTTQ` and `TP.` at the start of a name.
pub fn expand_abbreviations(s: &str) -> String {
    let mut out = s.trim().to_string();
    for (short, long) in [
        ("UBND", "Ủy ban nhân dân"),
        ("BCH", "Ban Chấp hành"),
        ("HĐND", "Hội đồng nhân dân"),
        ("UBMTTQVN", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
        ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
    ] {
        if let Some(rest) = out.strip_prefix(short) {
            out = format!("{long}{rest}");
        }
    }
    out
}

/// Converts an uppercase header name (`ỦY BAN NHÂN DÂN QUẬN GÒ VẤP`) to normal case
/// (`Ủy ban nhân dân quận Gò Vấp`); names already in mixed case are kept.
pub fn normal_case(s: &str) -> String {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    let s = expand_abbreviations(s);
    if letters.is_empty() || upper * 10 < letters.len() * 8 {
        return s;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    let mut proper = false;
    let mut in_name = false;
    while i < words.len() {
        let w = words[i];
        if let Some((len, written, proper_after)) = crate::orgcase::phrase_at(&folded, i) {
            out.extend(written);
            i += len;
            proper = proper_after;
            in_name = false;
            continue;
        }
        if is_acronym_word(w) {
            out.push(w.to_string());
            proper = true;
            i += 1;
            continue;
        }
        let lower = w.to_lowercase();
        // `TRƯỜNG TIỂU HỌC NỘI HOÀNG` → `Trường Tiểu học Nội Hoàng`: the kind of school, then a name.
        let school_len = school_kind_at(&folded, i);
        if school_len > 0 {
            out.push(capitalize(&lower));
            for k in 1..school_len {
                out.push(words[i + k].to_lowercase());
            }
            i += school_len;
            proper = true;
            continue;
        }
        let level_len = level_at(&folded, i);
        if level_len > 0 {
            for k in 0..level_len {
                out.push(words[i + k].to_lowercase());
            }
            i += level_len;
            proper = true;
            continue;
        }
        if i == 0 || proper {
            out.push(capitalize(&lower));
        } else if head_word_end(&folded, i) {
            in_name = true;
            out.push(capitalize(&lower));
        } else if in_name && i > 0 && matches!(folded[i - 1].as_str(), "va" | "-" | "–" | ",") {
            out.push(capitalize(&lower));
        } else {
            out.push(lower);
        }
        i += 1;
    }
    let joined = out.join(" ");
    capitalize_numbered_levels(&joined)
}

/// Number of words of a kind of school right after `Trường` at `i` (0 when none).
fn school_kind_at(folded: &[String], i: usize) -> usize {
    const KINDS: [&str; 6] = [
        "tieu hoc",
        "trung hoc co so",
        "trung hoc pho thong",
        "mam non",
        "mau giao",
        "nha tre",
    ];
    if i == 0 || folded[i - 1] != "truong" {
        return 0;
    }
    KINDS
        .iter()
        .map(|k| k.split(' ').collect::<Vec<_>>())
        .find(|parts| {
            folded.len() > i + parts.len()
                && parts.iter().enumerate().all(|(n, p)| folded[i + n] == *p)
        })
        .map_or(0, |parts| parts.len())
}

/// Number of words of an administrative level starting at `i` (0 when none).
fn level_at(folded: &[String], i: usize) -> usize {
    for lvl in LEVELS {
        let parts: Vec<&str> = lvl.split(' ').collect();
        if folded.len() > i + parts.len()
            && parts
                .iter()
                .enumerate()
                .all(|(k, p)| folded[i + k].trim_end_matches('.') == *p)
        {
            return parts.len();
        }
    }
    0
}

/// Whether word `i` starts the name part after a head word (`SỞ NỘI VỤ` → `Nội`).
fn head_word_end(folded: &[String], i: usize) -> bool {
    let before = folded[..i].join(" ");
    HEADS.iter().any(|h| before == *h)
}

/// `quận 7` → `Quận 7` (numbered districts and wards are written capitalised).
pub fn capitalize_numbered_levels(s: &str) -> String {
    let words: Vec<&str> = s.split(' ').collect();
    let mut out = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let next_is_number = words
            .get(i + 1)
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
        let f = fold(w);
        if next_is_number && matches!(f.as_str(), "quan" | "phuong") {
            out.push(capitalize(w));
        } else {
            out.push(w.to_string());
        }
    }
    out.join(" ")
}

/// Uppercase abbreviations kept as they are (`THCS`, `UBND`, `TP.`).
fn is_acronym_word(w: &str) -> bool {
    let core: String = w.chars().filter(|c| c.is_alphabetic()).collect();
    let f = fold(&core);
    !core.is_empty()
        && core.chars().all(char::is_uppercase)
        && (core.chars().count() >= 2 && !f.chars().any(|c| "aeiouy".contains(c))
            || matches!(f.as_str(), "thcs" | "thpt" | "tp" | "tw" | "gdđt"))
}

/// Lowercase level word (`quận`) before a name, capitalised before a number.
pub fn level_phrase(level: &str, name: &str) -> String {
    let lvl = level.to_lowercase();
    let joined = format!("{lvl} {name}");
    capitalize_numbered_levels(&joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_case_of_headers() {
        assert_eq!(
            normal_case("ỦY BAN NHÂN DÂN QUẬN GÒ VẤP"),
            "Ủy ban nhân dân quận Gò Vấp"
        );
        assert_eq!(
            normal_case("ỦY BAN NHÂN DÂN QUẬN 11"),
            "Ủy ban nhân dân Quận 11"
        );
        assert_eq!(normal_case("SỞ NỘI VỤ"), "Sở Nội vụ");
        assert_eq!(
            normal_case("SỞ GIÁO DỤC VÀ ĐÀO TẠO"),
            "Sở Giáo dục và Đào tạo"
        );
        assert_eq!(
            normal_case("UBND PHƯỜNG BẾN THÀNH"),
            "Ủy ban nhân dân phường Bến Thành"
        );
        assert_eq!(
            normal_case("TRƯỜNG THCS NGUYỄN DU"),
            "Trường THCS Nguyễn Du"
        );
        assert_eq!(
            normal_case("TRƯỜNG TIỂU HỌC NỘI HOÀNG"),
            "Trường Tiểu học Nội Hoàng"
        );
        assert_eq!(
            normal_case("TRƯỜNG MẦM NON HOA SEN"),
            "Trường Mầm non Hoa Sen"
        );
        assert_eq!(
            normal_case("Ủy ban nhân dân Quận 11"),
            "Ủy ban nhân dân Quận 11"
        );
    }

    #[test]
    fn generic_groups() {
        assert!(is_generic("các phòng, ban, ngành"));
        assert!(is_generic("UBND các phường"));
        assert!(!is_generic("Phòng Văn hóa và Thông tin"));
        assert!(!is_generic("Ban Chỉ huy quân sự quận"));
    }
}

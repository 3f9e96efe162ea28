//! Signer: the signature block after `Nơi nhận` — the title (`CHỦ TỊCH`, `KT. CHỦ TỊCH / PHÓ CHỦ
//! TỊCH` → `Phó Chủ tịch`; `TM. ỦY BAN NHÂN DÂN` dropped) and the name (a line of 2–6
//! capitalised words starting with a Vietnamese surname, also when OCR glued it to a line).

use crate::doc::Doc;
use crate::model::{Evidence, Signer};
use crate::text::{capitalize, fold, upper_ratio};

/// Folded titles and their written form, longest first.
const TITLES: &[(&str, &str)] = &[
    ("pho chu tich", "Phó Chủ tịch"),
    ("chu tich", "Chủ tịch"),
    ("pho hieu truong", "Phó Hiệu trưởng"),
    ("hieu truong", "Hiệu trưởng"),
    ("pho giam doc", "Phó Giám đốc"),
    ("giam doc", "Giám đốc"),
    ("pho truong phong", "Phó Trưởng phòng"),
    ("truong phong", "Trưởng phòng"),
    ("pho truong ban", "Phó Trưởng ban"),
    ("truong ban", "Trưởng ban"),
    ("pho bi thu", "Phó Bí thư"),
    ("bi thu", "Bí thư"),
    ("chanh van phong", "Chánh Văn phòng"),
    ("thu truong", "Thủ trưởng"),
    ("vien truong", "Viện trưởng"),
    ("pho cuc truong", "Phó Cục trưởng"),
    ("cuc truong", "Cục trưởng"),
    ("tong phu trach doi", "Tổng phụ trách Đội"),
    ("lien doi truong", "Liên đội trưởng"),
];

/// Common Vietnamese surnames (folded).
const SURNAMES: &[&str] = &[
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do",
    "ho", "ngo", "duong", "ly", "dinh", "doan", "truong", "lam", "mai", "to", "ta", "ha", "luu",
    "cao", "chau", "trinh", "quach", "luong", "kieu", "thai", "tang", "lai", "la", "lu", "van",
    "khuc", "giang", "tong", "au", "dam",
];

/// Name syllables with their marks (`data/names.txt`), to restore names in OCR text.
const NAMES: &str = include_str!("../data/names.txt");

/// The name syllable written properly: with its marks from the name list when the word has
/// none or the text is OCR output (`Tran` → `Trần`), else capitalised as printed.
fn name_syllable(w: &str, ocr: bool) -> String {
    let lower = w.to_lowercase();
    if ocr || lower.is_ascii() {
        let f = fold(&lower);
        if let Some(found) = NAMES.split_whitespace().find(|n| fold(n) == f) {
            return found.to_string();
        }
    }
    capitalize(&lower)
}

/// Extracts the signer from the closing block (or the last lines when there is none).
pub fn extract(d: &Doc, ev: &mut Evidence) -> Option<Signer> {
    let n = d.lines.len();
    let start = if d.closing < n {
        d.closing
    } else {
        n.saturating_sub(15).max(d.body.start)
    };
    let mut title: Option<(String, usize)> = None;
    let mut name: Option<(String, usize)> = None;
    for i in start..n {
        let l = &d.lines[i];
        if let Some(t) = title_of(&l.text) {
            title = Some((t, l.no));
            name = None;
            continue;
        }
        if let Some(nm) = name_in(&l.text, d.ocr) {
            name = Some((nm, l.no));
        }
    }
    if title.is_none() && name.is_none() {
        return page_signer(d, ev);
    }
    ev.signer = [title.as_ref().map(|t| t.1), name.as_ref().map(|n| n.1)]
        .into_iter()
        .flatten()
        .collect();
    Some(Signer {
        title: title.map(|t| t.0),
        name: name.map(|n| n.0),
    })
}

/// A signature title line (`KT. CHỦ TỊCH`, `PHÓ CHỦ TỊCH`); `TM. …` lines are not titles.
/// A legal-document site's metadata line above the copy (`Người ký Phạm Thị Thanh Trà`), for a
/// copy cut off before its signature.
fn page_signer(d: &Doc, ev: &mut Evidence) -> Option<Signer> {
    let end = d.kehoach.unwrap_or(d.preamble.start).min(d.lines.len());
    for l in &d.lines[..end] {
        let f = fold(&l.text);
        let Some(rest) = f.strip_prefix("nguoi ky") else {
            continue;
        };
        let at = crate::text::map_offset(&l.text, &f, f.len() - rest.len());
        let raw = l
            .text
            .get(at..)
            .unwrap_or("")
            .trim_start_matches([':', ' ']);
        if let Some(name) = name_in(raw, d.ocr) {
            ev.signer = vec![l.no];
            return Some(Signer {
                title: None,
                name: Some(name),
            });
        }
    }
    None
}

fn title_of(text: &str) -> Option<String> {
    let f = fold(text);
    let f = f.trim_matches(|c: char| !c.is_alphanumeric());
    let words = f.split_whitespace().count();
    if f.starts_with("tm") || words > 10 || upper_ratio(text) < 0.6 {
        return None;
    }
    let f = f
        .trim_start_matches("kt.")
        .trim_start_matches("kt ")
        .trim_start_matches("tl.")
        .trim_start_matches("q.")
        .trim();
    if let Some((_, v)) = TITLES
        .iter()
        .find(|(k, _)| words <= 5 && (f == *k || f.starts_with(&format!("{k} "))))
    {
        return Some(v.to_string());
    }
    // Two signature columns flattened into one line (`DUYỆT BAN GIÁM HIỆU TỔNG PHỤ TRÁCH ĐỘI`):
    // the signer's title is the one at the end.
    TITLES
        .iter()
        .find(|(k, _)| f.ends_with(&format!(" {k}")))
        .map(|(_, v)| v.to_string())
}

/// A person's name: the line, or its last `;`-separated part, of 2–6 capitalised words with a
/// known surname first.
fn name_in(text: &str, ocr: bool) -> Option<String> {
    let part = text.rsplit([';', ',']).next()?.trim();
    let part = part.trim_matches(|c: char| !c.is_alphabetic());
    let mut words: Vec<&str> = part.split_whitespace().collect();
    // Two names side by side (`Lê Thừa Triều Hồ Viết Cảm`): the signer is the right-hand one.
    if words.len() >= 5
        && SURNAMES.contains(&fold(words[0]).as_str())
        && let Some(k) = (2..words.len() - 1)
            .rev()
            .find(|&k| SURNAMES.contains(&fold(words[k]).as_str()))
    {
        words = words[k..].to_vec();
    }
    if !(2..=6).contains(&words.len()) {
        return None;
    }
    let ok = words.iter().all(|w| {
        w.chars().all(char::is_alphabetic) && w.chars().next().is_some_and(char::is_uppercase)
    });
    let f = fold(part);
    if !ok
        || !SURNAMES.contains(&fold(words[0]).as_str())
        || f.contains("viet nam")
        || f.contains("cong san")
    {
        return None;
    }
    let proper: Vec<String> = words.iter().map(|w| name_syllable(w, ocr)).collect();
    Some(proper.join(" "))
}

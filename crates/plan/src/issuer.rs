//! The issuing body: from the header block nearest the `KẾ HOẠCH` line — parent and child units,
//! continuation lines (`ỦY BAN NHÂN DÂN` / `TỈNH SƠN LA`), a generic organ named with its parent
//! (`BAN THƯỜNG VỤ` of `HỘI LIÊN HIỆP PHỤ NỮ HÀ NỘI`) — else from the preamble sentence
//! `<body> ban hành / xây dựng Kế hoạch…`; abbreviations written out, in normal case.

use std::sync::LazyLock;

use regex::Regex;

use crate::doc::{Doc, Line};
use crate::model::Evidence;
use crate::text::{fold, map_offset, orig_slice, upper_ratio};
use crate::units::{self, LEVELS};

/// A web page's posting time (`25/02/2020 - 05:01 PM`), never a unit.
static POSTED: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\b\d{1,2}/\d{1,2}/\d{4}\b").ok());

/// Organs that are named together with their parent (`Ban Thường vụ Hội …`).
const ORGANS: &[&str] = &[
    "ban thuong vu",
    "ban thuong truc",
    "ban chap hanh",
    "doan chu tich",
    "thuong truc",
    "ban chi dao",
    "ban to chuc",
    "ban giam hieu",
];

/// The issuer: the header's, unless the header gives only a bare organ (`ỦY BAN NHÂN DÂN`)
/// that the preamble names in full.
pub fn extract(d: &Doc, zone_end: usize, place: Option<&str>, ev: &mut Evidence) -> Option<String> {
    let mut body_ev = Evidence::default();
    let body = body_issuer(d, place, &mut body_ev);
    let header = header_issuer(d, zone_end, ev);
    match (header, body) {
        (Some(h), Some(b))
            if garbled(&h)
                || is_bare(&h) && fold(&b).starts_with(&fold(&h)) && b.len() > h.len() =>
        {
            ev.issuer = body_ev.issuer;
            Some(b)
        }
        (Some(h), _) => Some(h),
        (None, b) => {
            ev.issuer = body_ev.issuer;
            b
        }
    }
}

/// A name that OCR damaged (`THl/ONG`, letters and digits in one word).
fn garbled(name: &str) -> bool {
    name.split_whitespace().any(|w| {
        w.contains(['/', '^', '\\'])
            || w.chars().any(|c| c.is_ascii_digit()) && w.chars().any(char::is_alphabetic)
    })
}

/// A unit kind with no name (`Ủy ban nhân dân`, `Ban Thường vụ`).
fn is_bare(name: &str) -> bool {
    let f = fold(name);
    f == "uy ban nhan dan" || ORGANS.contains(&f.as_str())
}

/// How a header line counts when walking up from `KẾ HOẠCH`.
enum Kind {
    Skip,
    Stop,
    Unit,
}

fn classify(l: &Line) -> Kind {
    let f = l.fold.trim_matches(|c: char| !c.is_alphanumeric());
    let letters = l.text.chars().filter(|c| c.is_alphabetic()).count();
    if l.blank || letters < 2 {
        return Kind::Skip;
    }
    let motto = f.starts_with("cong hoa")
        || f.starts_with("chu nghia viet nam")
        || f.contains("oc lap") && f.contains("hanh phuc")
        || f.starts_with("doc lap")
        || f.starts_with("dang cong san viet nam")
        || f.starts_with("trang ");
    if motto
        || crate::flatten::number_line(f).is_some()
        || crate::flatten::place_date(f).is_some()
        || f.starts_with("thang ") && crate::flatten::is_dated(f)
        || POSTED.as_ref().is_some_and(|re| re.is_match(f))
    {
        return Kind::Skip;
    }
    if f.starts_with("ke hoach") || f.starts_with("ke roach") {
        return Kind::Stop;
    }
    if upper_ratio(&l.text) >= 0.8 {
        return Kind::Unit;
    }
    if l.text.split_whitespace().count() >= 3 {
        Kind::Stop
    } else {
        Kind::Skip
    }
}

/// The header's unit lines nearest the title, in document order; else the first uppercase block.
fn unit_lines(d: &Doc, zone_end: usize) -> Vec<(usize, String)> {
    let mut units = Vec::new();
    for i in (0..zone_end.min(d.lines.len())).rev() {
        match classify(&d.lines[i]) {
            Kind::Skip => {}
            Kind::Stop if units.is_empty() => {}
            Kind::Stop => break,
            Kind::Unit => units.push((d.lines[i].no, d.lines[i].text.clone())),
        }
    }
    units.reverse();
    units
}

/// The issuing body from the uppercase header block.
fn header_issuer(d: &Doc, zone_end: usize, ev: &mut Evidence) -> Option<String> {
    let lines = unit_lines(d, zone_end);
    let mut units: Vec<(Vec<usize>, String)> = Vec::new();
    for (no, text) in lines {
        let f = fold(&text);
        let continues =
            LEVELS.iter().any(|l| f.starts_with(&format!("{l} "))) || f.starts_with("trung uong");
        match units.last_mut() {
            Some((nos, name)) if continues => {
                nos.push(no);
                name.push(' ');
                name.push_str(&text);
            }
            _ => units.push((vec![no], text)),
        }
    }
    let (child_nos, child) = units.last()?.clone();
    let child = last_unit(&child);
    let (nos, name) = match units.len().checked_sub(2).map(|k| &units[k]) {
        Some((parent_nos, parent)) if ORGANS.contains(&fold(&child).trim()) => {
            let mut nos = child_nos.clone();
            nos.extend(parent_nos);
            (nos, format!("{child} {}", last_unit(parent)))
        }
        Some((parent_nos, parent)) if needs_place(&child) => match place_part(parent) {
            Some(place) => {
                let mut nos = child_nos.clone();
                nos.extend(parent_nos);
                (nos, format!("{child} {place}"))
            }
            None => (child_nos, child),
        },
        _ => (child_nos, child),
    };
    ev.issuer = nos;
    let name = units::normal_case(name.trim_matches(|c: char| !c.is_alphanumeric()));
    Some(crate::orgcase::capitalize_after_organ(&name))
}

/// A council printed without its place (`HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG` under `UBND QUẬN X`).
fn needs_place(child: &str) -> bool {
    let f = fold(child);
    (f.starts_with("hoi dong thi dua") || f.starts_with("ban thi dua"))
        && !LEVELS.iter().any(|l| f.contains(&format!(" {l} ")))
}

/// The level and place of a parent unit (`UBND QUẬN LONG BIÊN` → `QUẬN LONG BIÊN`).
fn place_part(parent: &str) -> Option<String> {
    let f = fold(parent);
    let at = LEVELS
        .iter()
        .filter(|l| l.len() > 2)
        .filter_map(|l| f.find(&format!(" {l} ")))
        .min()?;
    Some(parent[map_offset(parent, &f, at + 1)..].to_string())
}

/// Moves a cut before the words that belong to the unit's head (`LIÊN ĐỘI TRƯỜNG …`,
/// `CÔNG ĐOÀN TRUNG TÂM …`, `BAN CHẤP HÀNH ĐOÀN TRƯỜNG …`).
/// `None` when the head words start the name (nothing to cut).
fn extend_head(f: &str, cut: usize) -> Option<usize> {
    const PREFIXES: &[&str] = &[
        "lien doi",
        "cong doan",
        "chi doan",
        "ban chap hanh doan",
        "ban chap hanh",
    ];
    let before = &f[..cut];
    if PREFIXES.contains(&before) {
        return None;
    }
    Some(
        PREFIXES
            .iter()
            .filter(|p| before.ends_with(&format!(" {p}")))
            .map(|p| cut - p.len() - 1)
            .min()
            .unwrap_or(cut),
    )
}

/// The last unit of a header line naming parent and child (`UBND TỈNH X SỞ NỘI VỤ` → `SỞ NỘI VỤ`).
fn last_unit(name: &str) -> String {
    let f = fold(name);
    // (folded head, the head as printed): a proper name such as `PHONG BÌNH` folds like `PHÒNG`.
    let heads = [
        (" so ", "sở"),
        (" phong ", "phòng"),
        (" truong ", "trường"),
        (" ban ", "ban"),
        (" hoi dong ", "hội đồng"),
        (" trung tam ", "trung tâm"),
        (" van phong ", "văn phòng"),
        (" chi cuc ", "chi cục"),
        (" cuc ", "cục"),
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    let printed_as = |c: usize, folded: &str, head: &str| {
        let orig = orig_slice(name, &f, c + 1..c + folded.len() - 1);
        orig.to_lowercase() == head || name.is_ascii()
    };
    let cut = heads
        .iter()
        .filter_map(|(h, printed)| f.rfind(h).filter(|&c| printed_as(c, h, printed)))
        .filter(|&c| !f[..c].ends_with(" uy") && f[..c] != *"uy")
        .max()
        .and_then(|c| extend_head(&f, c));
    match cut {
        Some(c)
            if words.len() > 3 && !f.starts_with("uy ban nhan dan")
                || cut.is_some_and(|c| {
                    f[..c].contains("ubnd") || f[..c].contains("uy ban nhan dan")
                }) =>
        {
            let c = c.max(cut.unwrap_or(0));
            name[map_offset(name, &f, c + 1)..].to_string()
        }
        _ => name.to_string(),
    }
}

static BODY_ORG: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s,;(])((?:uy ban nhan dan|ubnd|ban thuong truc [a-z ]{2,40}?|hoi dong thi dua[^,;.]{0,40}?|so [a-z ,\-]{2,40}?|truong [a-z0-9 ]{2,40}?|phong [a-z ,\-]{2,40}?)(?:\s+(?:thanh pho|thi xa|thi tran|tinh|quan|huyen|phuong|xa|tp\.?))?(?:\s+[^\s,;.]+){0,4}?)\s+(?:xay dung|ban hanh|phat dong|trien khai|to chuc)\s+(?:k\S{0,2}\s*hoach|phong trao|dot thi dua|thi dua)").ok()
});

/// The issuer named in the preamble (`Ủy ban nhân dân quận ban hành Kế hoạch…`), completed with
/// the place name when the sentence says only `quận`.
fn body_issuer(d: &Doc, place: Option<&str>, ev: &mut Evidence) -> Option<String> {
    let re = BODY_ORG.as_ref()?;
    let mut range = d.preamble.clone();
    range.end = (range.end + 3).min(d.lines.len());
    let paras = d.paras(range);
    for p in paras.iter().rev() {
        if let Some((r, raw)) = clause_issuer(p) {
            ev.issuer = p.lines_for(r);
            let name = complete_issuer(&raw, place, d);
            return Some(crate::orgcase::capitalize_after_organ(&name));
        }
    }
    for p in paras.iter().rev() {
        for c in re.captures_iter(&p.fold) {
            let Some(m) = c.get(1) else { continue };
            let before = p.fold[..m.start()].trim_end();
            let org = m.as_str();
            if before.ends_with("cua") || org.contains(" ve ") || org.ends_with(" ve") {
                continue;
            }
            let raw = orig_slice(&p.text, &p.fold, m.range()).trim();
            ev.issuer = p.lines_for(m.range());
            return Some(crate::orgcase::capitalize_after_organ(&complete_issuer(
                raw, place, d,
            )));
        }
    }
    None
}

/// Writes out `UBND` and adds the place name after a bare level word.
fn complete_issuer(raw: &str, place: Option<&str>, d: &Doc) -> String {
    let name = units::expand_abbreviations(raw);
    let f = fold(&name);
    let words: Vec<&str> = name.split_whitespace().collect();
    let fw: Vec<&str> = f.split_whitespace().collect();
    let n = words.len();
    let ends_with_level = LEVELS
        .iter()
        .any(|lvl| f.ends_with(&format!(" {lvl}")) || f == *lvl);
    if !(f.starts_with("uy ban nhan dan") && ends_with_level) {
        return units::capitalize_numbered_levels(&name);
    }
    let level = fw.last().copied().unwrap_or("");
    let place_name = place
        .map(strip_level)
        .filter(|p| !p.is_empty())
        .or_else(|| most_common_place(d, level));
    match place_name {
        Some(pn) => {
            let lvl_word = words[n - 1];
            let head = words[..n - 1].join(" ");
            format!("{head} {}", units::level_phrase(lvl_word, &pn))
        }
        None => name,
    }
}

/// `Quận Hai Bà Trưng` → `Hai Bà Trưng`; `TP. Hồ Chí Minh` → `Hồ Chí Minh`.
fn strip_level(place: &str) -> String {
    let f = fold(place);
    for lvl in LEVELS {
        for sep in [" ", ". ", "."] {
            let prefix = format!("{lvl}{sep}");
            if f.starts_with(&prefix) {
                let cut = map_offset(place, &f, prefix.len());
                return place[cut..].trim().to_string();
            }
        }
    }
    place.trim().to_string()
}

/// The most frequent capitalised name after `<level>` in the text (`quận Gò Vấp`).
fn most_common_place(d: &Doc, level: &str) -> Option<String> {
    let re = Regex::new(&format!(r"\b{level}\s+")).ok()?;
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for l in &d.lines {
        for m in re.find_iter(&l.fold) {
            let start = map_offset(&l.text, &l.fold, m.end());
            let mut words = Vec::new();
            for w in l.text[start..].split_whitespace().take(4) {
                let core = w.trim_end_matches(|c: char| !c.is_alphanumeric());
                if !core
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                {
                    break;
                }
                words.push(core);
                if core.len() != w.len() {
                    break;
                }
            }
            if !words.is_empty() {
                *counts.entry(words.join(" ")).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|(k, c)| (*c, k.len()))
        .map(|(k, _)| k)
}

/// `<body> ban hành / xây dựng / phát động Kế hoạch…` in the preamble.
static BODY_VERB: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"\s(?:xay dung|ban hanh|phat dong|trien khai|to chuc)\s+(?:k\S{0,2}\s*hoach|phong trao|dot thi dua|thi dua)").ok()
});

/// The clause before the verb, from its first unit head word (`Nay Liên đội trường … phát động`).
fn clause_issuer(p: &crate::doc::Para) -> Option<(std::ops::Range<usize>, String)> {
    let re = BODY_VERB.as_ref()?;
    for m in re.find_iter(&p.fold) {
        let end = without_definition(&p.fold, m.start());
        if let Some(found) = named_clause(p, end) {
            return Some(found);
        }
        let before = &p.fold[..m.start()];
        let from = before
            .rfind([',', ';', ':', '.', ')'])
            .map(|b| b + 1)
            .unwrap_or(0);
        let clause = &p.fold[from..m.start()];
        let mut offset = from;
        for w in clause.split_inclusive(' ') {
            let at = &p.fold[offset..m.start()];
            let at = at.trim_start();
            if units::starts_with_head(at) || at.starts_with("bch ") || at.starts_with("lien doi ")
            {
                let start = m.start() - at.len();
                let words = at.split_whitespace().count();
                if (2..=16).contains(&words) && !at.contains(" cua ") {
                    let raw = orig_slice(&p.text, &p.fold, start..m.start()).trim();
                    return Some((start..m.start(), raw.to_string()));
                }
                break;
            }
            offset += w.len();
        }
    }
    None
}

/// The end of an issuer before a short definition in brackets (`… tỉnh Tiền Giang (Trung tâm)`).
fn without_definition(folded: &str, end: usize) -> usize {
    let before = folded[..end].trim_end();
    match before
        .strip_suffix(')')
        .and_then(|b| b.rfind('(').map(|open| (b, open)))
    {
        Some((b, open)) if b[open..].split_whitespace().count() <= 3 => {
            folded[..open].trim_end().len()
        }
        _ => end,
    }
}

/// The longest clause ending at `end` that starts right after a comma or semicolon with a unit
/// head word (a unit name may itself hold commas: `Trung tâm kiểm nghiệm thuốc, mỹ phẩm, …`).
fn named_clause(p: &crate::doc::Para, end: usize) -> Option<(std::ops::Range<usize>, String)> {
    let before = &p.fold[..end];
    let starts: Vec<usize> = before
        .match_indices([',', ';', '('])
        .map(|(i, _)| i + 1)
        .chain(std::iter::once(0))
        .collect();
    starts
        .into_iter()
        .filter(|&s| {
            let clause = before[s..].trim_start();
            let words = clause.split_whitespace().count();
            (3..=20).contains(&words)
                && units::starts_with_head(clause)
                && !clause.contains(" cua ")
        })
        .min()
        .map(|s| {
            let start = end - before[s..].trim_start().len();
            let raw = orig_slice(&p.text, &p.fold, start..end).trim().to_string();
            (start..end, raw)
        })
}

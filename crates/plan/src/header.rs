//! Header fields: `Số:` (number), `<place>, ngày … tháng … năm …` (place, issue date), the
//! issuing body (header block, else the preamble sentence `Ủy ban nhân dân … ban hành Kế hoạch`)
//! and the title after `KẾ HOẠCH`. Also splits flattened header lines at their anchors.

use std::sync::LazyLock;

use regex::Regex;

use crate::dates::find_dates;
use crate::doc::Doc;
use crate::model::{Evidence, PlanImport};
use crate::numbers::normalize_number;
use crate::text::{fold, map_offset, orig_slice, strip_quotes, upper_ratio};
use crate::units::{self, LEVELS};

static ANCHORS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"cong hoa xa hoi chu nghia viet nam|doc lap\s*[-–—]?\s*tu do\s*[-–—]?\s*hanh phuc|\bs[o6]\s*:\s*[0-9 ]*/\s*\S+|\bs[o6]\s*:|\bke hoach\b").ok()
});
static NUMBER_LINE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^s[o6]\s*[:.]\s*([0-9]*\s*/\s*\S+)?").ok());
static PLACE_DATE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^([^,|]{2,60}?)\s*,\s*ng[a-z]{1,3}\b").ok());

/// A web page's posting time (`25/02/2020 - 05:01 PM`), never a unit.
static POSTED: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\b\d{1,2}/\d{1,2}/\d{4}\b").ok());

/// Cuts a flattened header line before `CỘNG HÒA…`, after `…Hạnh phúc`, around `Số: …` and
/// around an uppercase `KẾ HOẠCH`.
pub fn split_anchors(line: &str) -> Vec<String> {
    let folded = fold(line);
    let Some(re) = ANCHORS.as_ref() else {
        return vec![line.to_string()];
    };
    let mut cuts: Vec<usize> = Vec::new();
    for m in re.find_iter(&folded) {
        let text = m.as_str();
        if text.starts_with("ke hoach") {
            let orig = orig_slice(line, &folded, m.range());
            if upper_ratio(orig) < 0.9 {
                continue;
            }
        }
        if text.starts_with("cong hoa")
            || text.starts_with("doc lap")
            || text.starts_with("ke hoach")
            || text.starts_with('s')
        {
            cuts.push(m.start());
        }
        if text.starts_with("doc lap") || text.starts_with("ke hoach") || text.contains('/') {
            cuts.push(m.end());
        }
    }
    let mut bytes: Vec<usize> = cuts
        .into_iter()
        .map(|c| map_offset(line, &folded, c))
        .filter(|c| *c > 0 && *c < line.len())
        .collect();
    bytes.sort_unstable();
    bytes.dedup();
    let mut out = Vec::new();
    let mut prev = 0;
    for b in bytes {
        out.push(line[prev..b].trim().to_string());
        prev = b;
    }
    out.push(line[prev..].trim().to_string());
    out.retain(|s| !s.is_empty());
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

/// Fills number, issued_on, place, issuer and title.
pub fn extract(d: &Doc, plan: &mut PlanImport, ev: &mut Evidence) {
    let zone_end = d
        .kehoach
        .unwrap_or(d.preamble.start.min(40))
        .max(d.title.end.min(12));
    let zone = 0..zone_end.min(d.lines.len());
    number(d, zone.clone(), plan, ev);
    place_date(d, zone.clone(), plan, ev);
    title(d, plan, ev);
    plan.issuer = header_issuer(d, zone, ev).or_else(|| body_issuer(d, plan.place.as_deref(), ev));
}

/// `Số: 303 /KH-UBND`.
fn number(d: &Doc, zone: std::ops::Range<usize>, plan: &mut PlanImport, ev: &mut Evidence) {
    let Some(re) = NUMBER_LINE.as_ref() else {
        return;
    };
    for i in zone {
        let l = &d.lines[i];
        let Some(c) = re.captures(&l.fold) else {
            continue;
        };
        ev.number = vec![l.no];
        plan.number = c.get(1).and_then(|m| {
            let raw = orig_slice(&l.text, &l.fold, m.range());
            normalize_number(raw, "")
        });
        return;
    }
}

/// `Quận 11, ngày 11 tháng 11 năm 2024`.
fn place_date(d: &Doc, zone: std::ops::Range<usize>, plan: &mut PlanImport, ev: &mut Evidence) {
    let Some(re) = PLACE_DATE.as_ref() else {
        return;
    };
    for i in zone {
        let l = &d.lines[i];
        let Some(c) = re.captures(&l.fold) else {
            continue;
        };
        let Some(place_m) = c.get(1) else { continue };
        let rest = &l.fold[place_m.end()..];
        if !rest.contains("th") || !(rest.contains("nam") || rest.contains("20")) {
            continue;
        }
        let place = without_page_mark(orig_slice(&l.text, &l.fold, place_m.range()).trim());
        if !place.chars().next().is_some_and(char::is_uppercase)
            || place.split_whitespace().count() > 8
        {
            continue;
        }
        plan.place = Some(place.to_string());
        ev.place = vec![l.no];
        let hits = find_dates(rest);
        if let Some(h) = hits
            .first()
            .filter(|h| h.date.day.is_some() && h.date.year.is_some())
        {
            plan.issued_on = h.date.to_iso(None);
            ev.issued_on = vec![l.no];
        }
        return;
    }
}

/// The lines after `KẾ HOẠCH`, joined, outer quotes removed.
fn title(d: &Doc, plan: &mut PlanImport, ev: &mut Evidence) {
    let parts: Vec<&str> = d
        .title
        .clone()
        .map(|i| d.lines[i].text.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    if parts.is_empty() {
        return;
    }
    let joined = tidy_title(&parts.join(" "));
    let t = strip_quotes(joined.trim_matches(|c: char| c == '*' || c.is_whitespace()));
    if !t.is_empty() {
        plan.title = Some(t);
        ev.title = d.title.clone().map(|i| d.lines[i].no).collect();
        ev.title.dedup();
    }
}

/// A place without the page furniture a PDF copied to a web page puts before it (`Trang 1*** Cần Thơ`).
fn without_page_mark(place: &str) -> &str {
    let words: Vec<&str> = place.splitn(3, ' ').collect();
    match words.as_slice() {
        [trang, n, rest]
            if fold(trang) == "trang"
                && n.trim_end_matches('*').chars().all(|c| c.is_ascii_digit())
                && n.chars().next().is_some_and(|c| c.is_ascii_digit()) =>
        {
            rest.trim_start_matches(['*', ' '])
        }
        _ => place,
    }
}

/// A title as web pages and flattened headers leave it: what follows a repeated `KẾ HOẠCH` is the
/// title (the page's own heading came before it), the preamble that ran on without a line break
/// (`… Căn cứ …`) is cut off, and so is a final full stop.
fn tidy_title(joined: &str) -> String {
    let mut t = joined;
    if let Some(at) = t.rfind(" KẾ HOẠCH ") {
        t = &t[at + " KẾ HOẠCH ".len()..];
    }
    if let Some(at) = t.find(" Căn cứ ") {
        t = &t[..at];
    }
    t.trim().trim_end_matches(['.', ';']).trim_end().to_string()
}

/// The issuing body from the uppercase header block (child unit when two levels are printed).
fn header_issuer(d: &Doc, zone: std::ops::Range<usize>, ev: &mut Evidence) -> Option<String> {
    let mut orgs: Vec<(usize, &str)> = Vec::new();
    for i in zone {
        let l = &d.lines[i];
        let f = l.fold.as_str();
        if f.starts_with("cong hoa")
            || f.starts_with("so") && f.contains(':')
            || f.starts_with("doc lap")
        {
            continue;
        }
        if l.blank
            || upper_ratio(&l.text) < 0.8
            || f.starts_with("ke hoach")
            || l.text.chars().all(|c| !c.is_alphabetic())
        {
            continue;
        }
        if PLACE_DATE.as_ref().is_some_and(|re| re.is_match(f))
            || POSTED.as_ref().is_some_and(|re| re.is_match(f))
        {
            continue;
        }
        orgs.push((l.no, l.text.as_str()));
    }
    if orgs.is_empty() {
        return None;
    }
    let first_f = fold(orgs[0].1);
    let chosen: Vec<(usize, &str)> = if orgs.len() >= 2
        && (first_f == "uy ban nhan dan" || first_f == "ubnd" || first_f.ends_with(" nhan dan"))
    {
        orgs[..2].to_vec()
    } else if orgs.len() >= 2 && units::starts_with_head(&fold(orgs[1].1)) {
        orgs[1..2].to_vec()
    } else {
        orgs[..1].to_vec()
    };
    let name = chosen.iter().map(|(_, t)| *t).collect::<Vec<_>>().join(" ");
    let name = last_unit(&name);
    ev.issuer = chosen.iter().map(|(n, _)| *n).collect();
    let name = units::normal_case(name.trim_matches(|c: char| !c.is_alphanumeric()));
    Some(name)
}

/// The last unit of a header line naming parent and child (`UBND TỈNH X SỞ NỘI VỤ` → `SỞ NỘI VỤ`).
fn last_unit(name: &str) -> String {
    let f = fold(name);
    let heads = [
        " so ",
        " phong ",
        " truong ",
        " ban ",
        " hoi dong ",
        " trung tam ",
        " van phong ",
        " chi cuc ",
        " cuc ",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    let cut = heads.iter().filter_map(|h| f.rfind(h)).max();
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
    for p in d.paras(range).iter().rev() {
        for c in re.captures_iter(&p.fold) {
            let Some(m) = c.get(1) else { continue };
            let before = p.fold[..m.start()].trim_end();
            let org = m.as_str();
            if before.ends_with("cua") || org.contains(" ve ") || org.ends_with(" ve") {
                continue;
            }
            let raw = orig_slice(&p.text, &p.fold, m.range()).trim();
            ev.issuer = p.lines_for(m.range());
            return Some(complete_issuer(raw, place, d));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_flattened_header() {
        let parts = split_anchors(
            "ỦY BAN NHÂN DÂN QUẬN 7 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: 12/KH-UBND Quận 7, ngày 05 tháng 01 năm 2024 KẾ HOẠCH Thi đua năm 2024",
        );
        assert_eq!(parts[0], "ỦY BAN NHÂN DÂN QUẬN 7");
        assert!(parts.contains(&"Số: 12/KH-UBND".to_string()));
        assert!(parts.contains(&"Quận 7, ngày 05 tháng 01 năm 2024".to_string()));
        assert!(parts.contains(&"KẾ HOẠCH".to_string()));
        assert_eq!(parts.last().map(String::as_str), Some("Thi đua năm 2024"));
    }

    #[test]
    fn drops_page_marks_before_a_place() {
        assert_eq!(
            without_page_mark("Trang 1*** Thường Thới Hậu A"),
            "Thường Thới Hậu A"
        );
        assert_eq!(without_page_mark("Trang Bom"), "Trang Bom");
        assert_eq!(without_page_mark("Quận 7"), "Quận 7");
    }

    #[test]
    fn tidies_titles() {
        assert_eq!(
            tidy_title("CÔNG TÁC THI ĐUA KẾ HOẠCH Tổ chức cuộc thi năm 2018."),
            "Tổ chức cuộc thi năm 2018"
        );
        assert_eq!(
            tidy_title("Phát động thi đua năm 2021 Căn cứ vào Chương trình công tác đội"),
            "Phát động thi đua năm 2021"
        );
    }

    #[test]
    fn strips_levels() {
        assert_eq!(strip_level("Quận Hai Bà Trưng"), "Hai Bà Trưng");
        assert_eq!(strip_level("TP. Hồ Chí Minh"), "Hồ Chí Minh");
        assert_eq!(strip_level("Gò Vấp"), "Gò Vấp");
    }
}

//! Header fields: `Số:` (number), `<place>, ngày … tháng … năm …` (place, issue date) and the
//! title after `KẾ HOẠCH`; the issuing body is read by [`crate::issuer`].

use crate::dates::find_dates;
use crate::doc::Doc;
use crate::flatten::{self, number_line};
use crate::issuer;
use crate::model::{Evidence, PlanImport};
use crate::numbers::normalize_number;
use crate::text::{fold, orig_slice, strip_quotes, upper_ratio};

/// Fills number, issued_on, place, issuer and title. The header is read from the lines before
/// the document's `KẾ HOẠCH` (or its title), nearest first, so a web page's copy of the header
/// above the document does not win over the document's own.
pub fn extract(d: &Doc, plan: &mut PlanImport, ev: &mut Evidence) {
    let zone_end = d
        .kehoach
        .or((!d.title.is_empty()).then_some(d.title.start))
        .unwrap_or(d.preamble.start.min(40))
        .min(d.lines.len());
    number(d, zone_end, plan, ev);
    place_date(d, zone_end, plan, ev);
    title(d, plan, ev);
    plan.issuer = issuer::extract(d, zone_end, plan.place.as_deref(), ev);
}

/// `Số: 303 /KH-UBND`, `Số: 225 - KH/TWĐTN-CTTN`, `Số    77  /KH-BTV`.
fn number(d: &Doc, zone_end: usize, plan: &mut PlanImport, ev: &mut Evidence) {
    for i in (0..zone_end).rev() {
        let l = &d.lines[i];
        let Some(range) = number_line(&l.fold) else {
            continue;
        };
        ev.number = vec![l.no];
        plan.number = range.and_then(|r| {
            let raw = orig_slice(&l.text, &l.fold, r);
            normalize_number(raw, "")
        });
        return;
    }
}

/// `Quận 11, ngày 11 tháng 11 năm 2024`, also broken over two lines (`Sơn La, ngày 02` /
/// `tháng 01 năm 2025`).
fn place_date(d: &Doc, zone_end: usize, plan: &mut PlanImport, ev: &mut Evidence) {
    for i in (0..zone_end).rev() {
        let l = &d.lines[i];
        let Some((range, dated)) = flatten::place_date(&l.fold) else {
            continue;
        };
        let place = without_page_mark(orig_slice(&l.text, &l.fold, range.clone()).trim());
        let place = place.trim_end_matches(',').trim();
        if !place.chars().next().is_some_and(char::is_uppercase)
            || place.split_whitespace().count() > 8
        {
            continue;
        }
        let mut rest = l.fold[range.end..].to_string();
        let mut lines = vec![l.no];
        if !dated {
            let Some(next) = (i + 1..d.lines.len()).find(|&j| !d.lines[j].blank) else {
                continue;
            };
            rest.push(' ');
            rest.push_str(&d.lines[next].fold);
            if !flatten::is_dated(&rest) {
                continue;
            }
            lines.push(d.lines[next].no);
        }
        plan.place = Some(place.to_string());
        ev.place = vec![l.no];
        let hits = find_dates(&rest);
        if let Some(h) = hits
            .first()
            .filter(|h| h.date.day.is_some() && h.date.year.is_some() && h.start < 40)
        {
            plan.issued_on = h.date.to_iso(None);
            ev.issued_on = lines;
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
        if let Some((no, t)) = page_title(d) {
            plan.title = Some(t);
            ev.title = vec![no];
        }
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

/// Without a `KẾ HOẠCH` line, the title a web page shows as its heading: `Kế hoạch <title>` on
/// one of the first lines, or a first line that the preamble names (`… ban hành Kế hoạch <title>`).
fn page_title(d: &Doc) -> Option<(usize, String)> {
    let firsts: Vec<&crate::doc::Line> = d.lines.iter().filter(|l| !l.blank).take(3).collect();
    for l in &firsts {
        let f = l.fold.as_str();
        if f.starts_with("ke hoach ")
            && f.split_whitespace().count() >= 7
            && upper_ratio(&l.text) < 0.5
        {
            let rest = &l.text[crate::text::map_offset(&l.text, f, "ke hoach ".len())..];
            let t = tidy_title(rest);
            return (!t.is_empty()).then_some((l.no, t));
        }
    }
    let named: Vec<String> = d
        .paras(d.preamble.clone())
        .iter()
        .flat_map(|p| {
            p.fold
                .match_indices(" ke hoach ")
                .map(|(at, m)| {
                    let words: Vec<&str> =
                        p.fold[at + m.len()..].split_whitespace().take(6).collect();
                    words.join(" ")
                })
                .filter(|w| w.split(' ').count() == 6)
                .collect::<Vec<_>>()
        })
        .collect();
    firsts
        .iter()
        .find(|l| {
            let f = l.fold.split_whitespace().collect::<Vec<_>>().join(" ");
            named.iter().any(|n| f.starts_with(n.as_str()))
        })
        .map(|l| (l.no, tidy_title(&l.text)))
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
        let f = fold(t);
        let fa = crate::text::fold(&t[..at]).len();
        if !crate::flatten::inside_title(&f, fa + 1, fa + " ke hoach".len()) {
            t = &t[at + " KẾ HOẠCH ".len()..];
        }
    }
    if let Some(at) = t.find(" Căn cứ ") {
        t = &t[..at];
    }
    let f = fold(t);
    // `… Thực hiện Kế hoạch số …` in sentence case: the preamble ran on.
    if let Some(at) = f
        .match_indices(" thuc hien ")
        .map(|(at, _)| at)
        .find(|&at| {
            let orig = &t[crate::text::map_offset(t, &f, at + 1)..];
            crate::doc::starts_basis(&f[at + 1..])
                && orig.chars().nth(1).is_some_and(char::is_lowercase)
        })
    {
        t = &t[..crate::text::map_offset(t, &f, at)];
    }
    t.trim().trim_end_matches(['.', ';']).trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}

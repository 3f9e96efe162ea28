//! Themes: movements or contents with a lead unit. Three layouts are read:
//! (1) a numbered content followed by `Đơn vị chủ trì: X` / `Đơn vị phối hợp: Y, Z`;
//! (2) a line `X chủ trì (, phối hợp với Y) … trong thực hiện <content>`;
//! (3) a heading `Giao <unit>:` / `Đề nghị <unit>:` whose items organise a named movement.
//! `A phối hợp với B` makes B the lead when B is a named unit (A coordinates), and A the lead
//! when B is a generic group.

use crate::doc::{Doc, Para};
use crate::model::{Evidence, Theme};
use crate::text::{capitalize, fold, map_offset, similarity, strip_quotes, trim_punct};
use crate::units::{is_generic, starts_with_head};

/// Extracts themes from the body.
pub fn extract(d: &Doc, ev: &mut Evidence) -> Vec<Theme> {
    let paras = d.body_paras();
    let (mut out, table_rows) = crate::table_items::from_tables(d, crate::table_items::themes);
    let mut heading: Option<(String, Vec<usize>)> = None;
    let mut assigned: Option<(String, Vec<String>)> = None;
    for (k, p) in paras.iter().enumerate() {
        if out.len() >= crate::text::MAX_ITEMS {
            break;
        }
        if p.all_lines().iter().all(|n| table_rows.contains(n)) {
            continue;
        }
        let f = item_fold(&p.fold);
        if is_numbered(&p.fold) {
            assigned = assigned_unit(p);
            if f.split_whitespace().count() <= 40 && !f.contains("chu tri") {
                heading = Some((strip_marker(&p.text), p.all_lines()));
            }
        }
        if f.starts_with("don vi chu tri") {
            if let Some(t) = labelled(&paras, k, heading.as_ref()) {
                out.push(t);
            }
            continue;
        }
        if let Some(t) = inline_lead(p) {
            out.push(t);
            continue;
        }
        if let Some((unit, coord)) = &assigned
            && let Some(t) = movement_item(p, unit, coord)
        {
            out.push(t);
        }
    }
    let mut result: Vec<Theme> = Vec::new();
    let mut names = crate::ocrnames::Names::new(d);
    for (mut t, l) in out {
        t.lead = t.lead.map(|lead| names.repair(&lead));
        if !result
            .iter()
            .any(|r| similarity(&r.title, &t.title) > 0.8 && r.lead == t.lead)
        {
            ev.themes.push(l);
            result.push(t);
        }
    }
    result
}

/// Folded text without the list marker.
fn item_fold(f: &str) -> String {
    strip_marker(f)
}

/// A line numbered `1.`, `2.3.`, `a)`.
fn is_numbered(f: &str) -> bool {
    let t = f.trim_start();
    let digits = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .count();
    (digits > 0 && t[digits..].starts_with([' ', ')'])) || (t.len() > 2 && t.as_bytes()[1] == b')')
}

/// Text without list marker or numbering.
fn strip_marker(s: &str) -> String {
    let t = s.trim_start_matches(|c: char| "-–+•~*".contains(c) || c.is_whitespace());
    let digits = t
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let t = if digits > 0 {
        t[digits..].trim_start_matches(')')
    } else {
        t
    };
    let t = if t.len() > 2 && t.as_bytes().get(1) == Some(&b')') {
        &t[2..]
    } else {
        t
    };
    t.trim().to_string()
}

/// Layout (1): `Đơn vị chủ trì: X` under a numbered content, coordinating from the next lines.
fn labelled(
    paras: &[Para],
    k: usize,
    heading: Option<&(String, Vec<usize>)>,
) -> Option<(Theme, Vec<usize>)> {
    let (title, mut lines) = heading.cloned()?;
    let p = &paras[k];
    let lead = after_colon(&p.text)?;
    lines.extend(p.all_lines());
    let mut coordinating = Vec::new();
    for q in paras.iter().skip(k + 1).take(3) {
        let f = item_fold(&q.fold);
        if f.starts_with("don vi phoi hop") || f.starts_with("co quan phoi hop") {
            if let Some(list) = after_colon(&q.text) {
                coordinating = unit_list(&list);
                lines.extend(q.all_lines());
            }
            break;
        }
    }
    let title = trim_punct(&strip_quotes(&title)).to_string();
    Some((
        Theme {
            title,
            lead: Some(lead),
            coordinating,
        },
        lines,
    ))
}

/// The text after the first colon, trimmed.
fn after_colon(s: &str) -> Option<String> {
    let (_, rest) = s.split_once(':')?;
    let t = trim_punct(rest).to_string();
    (!t.is_empty()).then_some(t)
}

/// Splits `Phòng A, B và các phòng…; UBND các phường` into specific units; a bare field name
/// after a `Phòng X` inherits `Phòng` (`Phòng Tài chính - Kế hoạch, Quản lý đô thị`).
pub fn unit_list(s: &str) -> Vec<String> {
    let sf = fold(s);
    let verbs = [
        " to chuc",
        " trien khai",
        " thuc hien",
        " xem xet",
        " tham muu",
        " de xuat",
        " xay dung",
        " theo doi",
        " tuyen truyen",
        " huong dan",
    ];
    let s = match verbs.iter().filter_map(|v| sf.find(v)).min() {
        Some(c) => &s[..map_offset(s, &sf, c)],
        None => s,
    };
    let mut parts: Vec<String> = Vec::new();
    for chunk in s.split([',', ';']) {
        let mut rest = chunk.trim().to_string();
        loop {
            let f = fold(&rest);
            let cut = f
                .find(" va cac ")
                .or_else(|| f.find(" va ").filter(|i| starts_with_head(&f[i + 4..])));
            match cut {
                Some(i) => {
                    let b = map_offset(&rest, &f, i);
                    let a = map_offset(&rest, &f, i + 4);
                    parts.push(rest[..b].trim().to_string());
                    rest = rest[a..].trim().to_string();
                }
                None => break,
            }
        }
        parts.push(rest);
    }
    let mut out = Vec::new();
    let mut last_head: Option<String> = None;
    for part in parts {
        let p = trim_punct(&part).to_string();
        if p.is_empty() {
            continue;
        }
        let f = fold(&p);
        if starts_with_head(&f) && !is_generic(&p) {
            last_head = p.split_whitespace().next().map(str::to_string);
            out.push(p);
        } else if !f.starts_with("cac ")
            && !is_generic(&format!("Phòng {p}"))
            && p.chars().next().is_some_and(char::is_uppercase)
            && let Some(h) = &last_head
        {
            out.push(format!("{h} {p}"));
        }
    }
    out
}

/// Layout (2): `X chủ trì phối hợp với …` or `X phối hợp với <generic> … trong thực hiện …`.
fn inline_lead(p: &Para) -> Option<(Theme, Vec<usize>)> {
    let text = strip_marker(&p.text);
    let f = fold(&text);
    let f = f.strip_prefix("giao ").unwrap_or(&f).to_string();
    let offset = fold(&text).len() - f.len();
    let pos = f.find(" chu tri").or_else(|| f.find(" phoi hop voi cac"))?;
    if pos > 90 || !starts_with_head(&f) {
        return None;
    }
    let lead = trim_punct(&text[offset..map_offset(&text, &fold(&text), offset + pos)]).to_string();
    if is_generic(&lead) {
        return None;
    }
    let title_at = content_start(&f, pos)?;
    let title_f = &f[title_at..];
    let title_end = title_at + title_f.find([';']).unwrap_or(title_f.len());
    let title = trim_punct(
        &text[map_offset(&text, &fold(&text), offset + title_at)
            ..map_offset(&text, &fold(&text), offset + title_end)],
    )
    .to_string();
    if !f[pos..].contains(" trong thuc hien ") && !is_named_movement(&fold(&title)) {
        return None;
    }
    let coord = f[pos..title_at].find("phoi hop voi ").map(|i| {
        let a = pos + i + 13;
        let list = &text[map_offset(&text, &fold(&text), offset + a)
            ..map_offset(&text, &fold(&text), offset + title_at)];
        unit_list(list)
    });
    Some((
        Theme {
            title: capitalize_first_if_name(&title),
            lead: Some(lead),
            coordinating: coord.unwrap_or_default(),
        },
        p.all_lines(),
    ))
}

/// Where the content of an inline lead starts: after `trong thực hiện`, or at a named movement, in
/// both cases after the lead's verb at `pos` (a line may name the movement before its lead).
fn content_start(f: &str, pos: usize) -> Option<usize> {
    let after = f.get(pos..)?;
    after
        .find(" trong thuc hien ")
        .map(|i| pos + i + 7)
        .or_else(|| movement_start(after).map(|i| pos + i))
}

/// A movement with a name (`phong trào thi đua “…”`), not the generic `phong trào thi đua yêu nước`.
fn is_named_movement(f: &str) -> bool {
    if f.contains('“') || f.contains('"') {
        return true;
    }
    let rest = f
        .trim_start_matches("cac ")
        .trim_start_matches("de an ")
        .trim_start_matches("phong trao ")
        .trim_start_matches("cuoc van dong ");
    let rest = rest.strip_prefix("thi dua ").unwrap_or(rest);
    let words: Vec<&str> = rest.split_whitespace().collect();
    let generic_start = matches!(
        words.first(),
        Some(
            &("cua"
                | "tai"
                | "tren"
                | "do"
                | "trong"
                | "nay"
                | "va"
                | "da"
                | "dang"
                | "duoc"
                | "khac")
        )
    );
    let only_yeu_nuoc = rest.starts_with("yeu nuoc") && words.len() <= 3;
    words.len() >= 3 && !generic_start && !only_yeu_nuoc
}

/// Keeps the title's case as printed.
fn capitalize_first_if_name(s: &str) -> String {
    s.to_string()
}

/// The end of a movement's name before a reference to the document it follows (`… “Quận làm
/// đường, Phường làm hẻm” theo Nghị quyết số 01-NQ/QU …`).
fn before_reference(f: &str, start: usize, end: usize) -> usize {
    const DOCS: &[&str] = &[
        " theo nghi quyet",
        " theo ke hoach",
        " theo quyet dinh",
        " theo chi thi",
        " theo cong van",
        " theo huong dan",
        " theo thong tu",
    ];
    let Some(part) = f.get(start..end) else {
        return end;
    };
    DOCS.iter()
        .filter_map(|d| part.find(d))
        .min()
        .map_or(end, |i| start + i)
}

/// Start of a named movement (`phong trào thi đua “…”`, `Cuộc vận động`, `Đề án`).
fn movement_start(f: &str) -> Option<usize> {
    ["de an ", "phong trao ", "cuoc van dong "]
        .iter()
        .filter_map(|w| f.find(w))
        .min()
}

/// Layout (3) heading: `Giao Phòng X (phối hợp với Y):`, `Đề nghị Quận đoàn:`.
fn assigned_unit(p: &Para) -> Option<(String, Vec<String>)> {
    let text = strip_marker(&p.text);
    let f = fold(&text);
    let rest_at = if f.starts_with("giao ") {
        5
    } else if f.starts_with("de nghi ") {
        8
    } else {
        return None;
    };
    let end = f.find(':').unwrap_or(crate::text::sub(&f, 0, 120).len());
    let unit_f = crate::text::sub(&f, rest_at, end);
    let unit = text[map_offset(&text, &f, rest_at)..map_offset(&text, &f, end)]
        .trim()
        .to_string();
    let (lead, coord) = match unit_f.find(" phoi hop voi ") {
        Some(i) => {
            let b = map_offset(&unit, unit_f, i);
            (
                unit[..b].trim().to_string(),
                unit_list(&unit[map_offset(&unit, unit_f, i + 14)..]),
            )
        }
        None => (unit, Vec::new()),
    };
    let lead = paren_unit(&lead).unwrap_or(lead);
    let lead = capitalize(trim_punct(&lead));
    if is_generic(&lead) {
        return None;
    }
    Some((lead, coord))
}

/// `Thường trực Hội đồng … (Phòng Nội vụ Quận)` → `Phòng Nội vụ Quận`.
fn paren_unit(s: &str) -> Option<String> {
    let open = s.rfind('(')?;
    let inner = s[open + 1..].trim_end_matches(')').trim();
    starts_with_head(&fold(inner)).then(|| inner.to_string())
}

/// Layout (3) item: a named movement organised by the assigned unit.
fn movement_item(p: &Para, unit: &str, coord: &[String]) -> Option<(Theme, Vec<usize>)> {
    let text = strip_marker(&p.text);
    let f = fold(&text);
    let start = movement_start(&f)?;
    let tail = &f[start..];
    let end0 = tail.find([';', '.']).unwrap_or(tail.len());
    if !is_named_movement(&tail[..end0])
        || f.contains("chu de nam") && !f[..start].contains("phong trao")
    {
        return None;
    }
    let head = &f[..start];
    if head.trim_end().ends_with(" ve") {
        // `tuyên truyền về phong trào …`: the movement is what is talked about, not led.
        return None;
    }
    let end = f[start..]
        .find([';', '.'])
        .map(|i| start + i)
        .unwrap_or(f.len());
    let end = before_reference(&f, start, end);
    let title =
        trim_punct(&text[map_offset(&text, &f, start)..map_offset(&text, &f, end)]).to_string();
    let mut lead = unit.to_string();
    let mut coordinating = coord.to_vec();
    if let Some(i) = head.find("phoi hop voi ") {
        let a = i + 13;
        let stop = head[a..].find([',', ';']).map(|j| a + j).unwrap_or(start);
        let partners = unit_list(&text[map_offset(&text, &f, a)..map_offset(&text, &f, stop)]);
        if !head[..i].contains("chu tri")
            && let Some(first) = partners.first()
        {
            lead = first.clone();
            coordinating = vec![unit.to_string()];
        }
    }
    Some((
        Theme {
            title,
            lead: Some(capitalize(&lead)),
            coordinating,
        },
        p.all_lines(),
    ))
}

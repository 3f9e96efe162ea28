//! Award forms and quotas. Forms: `Bằng khen / Giấy khen / Thư khen / Cờ thi đua của …`,
//! `Huân chương …`, `trình Chủ tịch UBND Quận tặng Giấy khen` (written as `Giấy khen của Chủ tịch
//! UBND Quận`), named titles (`Lao động tiên tiến`, `danh hiệu “Công dân Thủ đô ưu tú”`).
//! Quotas: `Mỗi phường lựa chọn tối đa 02 tập thể`, `… sẽ lựa chọn 02 tập thể, 03 cá nhân`.

use std::sync::LazyLock;

use regex::Regex;

use crate::doc::Doc;
use crate::model::{Evidence, Quota};
use crate::text::{
    capitalize, decapitalize, fold, map_offset, orig_slice, strip_quotes, trim_punct,
};

static FORM_OF: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"\b(bang khen|giay khen|thu khen|co thi dua|huan chuong [a-z]+(?: hang (?:nhat|nhi|ba))?|huy chuong [a-z ]{3,30}?|ky niem chuong [a-z ]{3,30}?)\s+cua\s+((?:thu tuong|chu tich|bo truong|giam doc|hieu truong|uy ban|ubnd|chinh phu|truong|thu truong|tong)[^,;.:()]*)").ok()
});
static ACT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?:\b(?:trinh|de nghi|de xuat)\s+|^|[:;.),]\s*)((?:thu tuong|chu tich|bo truong|giam doc|hieu truong|chu nhiem)[^,;.:()]{2,60}?)\s+(?:xet\s+)?(?:tang|tang thuong|khen thuong)\s+(bang khen|giay khen|thu khen|co thi dua)").ok()
});
static TITLE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"danh hieu\s*[“”]([^“”]{3,80})[”“]|\b(lao dong tien tien|chien si thi dua (?:co so|toan quoc|cap (?:tinh|thanh pho|bo|nganh))|tap the lao dong (?:xuat sac|tien tien)|chien si tien tien|don vi quyet thang|anh hung lao dong)\b").ok()
});
/// Words that end a form's authority phrase.
const STOPS: &[&str] = &[
    " cho ",
    " doi voi ",
    " vao ",
    " hoac ",
    " va ",
    " theo ",
    " tang ",
    " de ",
    " trong ",
    " khi ",
];

/// Named forms of commendation, in order of appearance, without duplicates.
pub fn extract_forms(d: &Doc, ev: &mut Evidence) -> Vec<String> {
    let mut out: Vec<(usize, String, Vec<usize>)> = Vec::new();
    for p in d.body_paras() {
        if out.len() >= crate::text::MAX_ITEMS {
            break;
        }
        let f = &p.fold;
        let mut found: Vec<(usize, String, Vec<usize>)> = Vec::new();
        if let Some(re) = FORM_OF.as_ref() {
            for c in re.captures_iter(f).take(crate::text::MAX_PER_PARA) {
                let (Some(all), Some(auth)) = (c.get(0), c.get(2)) else {
                    continue;
                };
                let end = auth.start() + cut_stop(&f[auth.start()..all.end()]);
                let text = orig_slice(&p.text, f, all.start()..end);
                found.push((
                    all.start(),
                    capitalize(trim_punct(text)),
                    p.lines_for(all.range()),
                ));
            }
        }
        if let Some(re) = ACT.as_ref() {
            for c in re.captures_iter(f) {
                let (Some(all), Some(auth), Some(form)) = (c.get(0), c.get(1), c.get(2)) else {
                    continue;
                };
                let form_text = capitalize(orig_slice(&p.text, f, form.range()));
                let auth_text = orig_slice(&p.text, f, auth.range()).trim();
                found.push((
                    all.start(),
                    format!("{form_text} của {auth_text}"),
                    p.lines_for(all.range()),
                ));
            }
        }
        if let Some(re) = TITLE.as_ref() {
            for c in re.captures_iter(f).take(crate::text::MAX_PER_PARA) {
                let Some(m) = c.get(1).or(c.get(2)) else {
                    continue;
                };
                let text = strip_quotes(orig_slice(&p.text, f, m.range()));
                found.push((m.start(), capitalize(&text), p.lines_for(m.range())));
            }
        }
        found.sort_by_key(|x| x.0);
        for (_, text, lines) in found {
            let key = fold(&text);
            if !out.iter().any(|(_, t, _)| fold(t) == key) && text.split_whitespace().count() >= 2 {
                out.push((0, text, lines));
            }
        }
    }
    out.into_iter()
        .map(|(_, t, l)| {
            ev.award_forms.push(l);
            t
        })
        .collect()
}

/// Length of an authority phrase up to the first stop word.
fn cut_stop(s: &str) -> usize {
    STOPS
        .iter()
        .filter_map(|w| s.find(w))
        .min()
        .unwrap_or(s.len())
}

static COUNT: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,3})\s+(tap the|ca nhan)\b").ok());
const QUOTA_CUES: &[&str] = &[
    "toi da",
    "khong qua",
    "lua chon",
    "chon ",
    "de nghi",
    "gioi thieu",
    "de xuat",
    "so luong",
];
const VERBS: &[&str] = &[
    " se lua chon",
    " lua chon",
    " chon ",
    " duoc ",
    " de nghi",
    " toi da",
    " gioi thieu",
    " de xuat",
    " khong qua",
];

/// Quotas per unit or kind of unit, merged by `who`.
pub fn extract_quotas(d: &Doc, issuer: Option<&str>, ev: &mut Evidence) -> Vec<Quota> {
    let Some(re) = COUNT.as_ref() else {
        return Vec::new();
    };
    let (mut out, table_rows) = crate::table_items::from_tables(d, crate::table_items::quotas);
    for p in d.body_paras() {
        if p.all_lines().iter().all(|n| table_rows.contains(n)) {
            continue;
        }
        let f = &p.fold;
        let mut start = 0;
        for clause_end in f
            .match_indices([';', '.'])
            .map(|m| m.0)
            .chain(std::iter::once(f.len()))
            .take(4 * crate::text::MAX_PER_PARA)
        {
            if out.len() >= crate::text::MAX_ITEMS {
                break;
            }
            let clause = &f[start..clause_end];
            let offset = start;
            start = clause_end + 1;
            if !QUOTA_CUES.iter().any(|c| clause.contains(c)) || clause.contains("it nhat") {
                continue;
            }
            let counts: Vec<(u32, bool, usize)> = re
                .captures_iter(clause)
                .filter_map(|c| Some((c[1].parse().ok()?, &c[2] == "tap the", c.get(0)?.start())))
                .collect();
            let Some(first) = counts.first() else {
                continue;
            };
            let who =
                who_of(&p.text, f, offset, offset + first.2).or_else(|| issuer.map(str::to_string));
            let Some(who) = who else { continue };
            let lines = p.lines_for(offset..offset + clause.len());
            merge_counts(&mut out, who, &counts, lines);
        }
    }
    out.into_iter()
        .map(|(q, mut l)| {
            l.sort_unstable();
            l.dedup();
            ev.quotas.push(l);
            q
        })
        .collect()
}

/// Adds the counts of one clause to the quota of `who` (a new one when `who` is new).
fn merge_counts(
    out: &mut Vec<(Quota, Vec<usize>)>,
    who: String,
    counts: &[(u32, bool, usize)],
    lines: Vec<usize>,
) {
    let key = fold(&who);
    let idx = match out.iter().position(|(q, _)| fold(&q.who) == key) {
        Some(i) => i,
        None => {
            let q = Quota {
                who,
                collectives_max: None,
                individuals_max: None,
            };
            out.push((q, Vec::new()));
            out.len() - 1
        }
    };
    let (q, l) = &mut out[idx];
    for &(n, collective, _) in counts {
        let slot = if collective {
            &mut q.collectives_max
        } else {
            &mut q.individuals_max
        };
        slot.get_or_insert(n);
    }
    l.extend(lines);
}

/// The subject of `<subject> <verb> 02 tập thể` as a range of `seg`: in the last comma-separated
/// chunk that has a verb (`Căn cứ đề xuất của các đơn vị, …, Hội đồng … sẽ lựa chọn 02 tập thể`).
fn subject_before_verb(seg: &str) -> Option<(usize, usize)> {
    let first_verb = |from: usize| {
        VERBS
            .iter()
            .filter_map(|v| seg[from..].find(v).map(|i| from + i))
            .min()
    };
    let chunk_start = seg.rfind(',').map(|i| i + 1).unwrap_or(0);
    if let Some(end) = first_verb(chunk_start) {
        return Some((chunk_start, end));
    }
    let end = first_verb(0)?;
    let s = seg[..end].rfind(',').map(|i| i + 1).unwrap_or(0);
    Some((s, end))
}

/// The unit a quota applies to: `Mỗi …` up to the verb, else the subject before the verb.
fn who_of(text: &str, f: &str, clause_start: usize, count_pos: usize) -> Option<String> {
    let seg = &f[clause_start..count_pos];
    let seg_start = seg
        .rfind(':')
        .map(|i| clause_start + i + 1)
        .unwrap_or(clause_start);
    let seg = &f[seg_start..count_pos];
    let seg_t = seg.trim_start_matches(|c: char| !c.is_alphanumeric());
    if VERBS.iter().any(|v| seg_t.starts_with(v.trim_start())) {
        return None;
    }
    let (rel_start, rel_end) = if let Some(m) = seg.find("moi ") {
        let end = VERBS
            .iter()
            .filter_map(|v| seg[m..].find(v).map(|i| m + i))
            .min()?;
        (m, end)
    } else {
        subject_before_verb(seg)?
    };
    let a = map_offset(text, f, seg_start + rel_start);
    let b = map_offset(text, f, seg_start + rel_end);
    let who = trim_punct(text.get(a..b)?)
        .trim_start_matches(|c: char| "-+".contains(c))
        .trim();
    let who = who.strip_suffix(" sẽ").unwrap_or(who);
    if who.split_whitespace().count() < 2 {
        return None;
    }
    let lower = fold(who);
    Some(if lower.starts_with("moi ") {
        decapitalize(who)
    } else {
        who.to_string()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_award_act_after_a_comma_names_its_form() {
        let text = "III. KHEN THƯỞNG\nCuối đợt thi đua, Chủ tịch UBND tỉnh tặng Bằng khen cho các \
                    tập thể, cá nhân có thành tích xuất sắc.\n";
        let plan = crate::import_text(text);
        assert_eq!(plan.award_forms, vec!["Bằng khen của Chủ tịch UBND tỉnh"]);
    }
}

//! Field-by-field precision and recall of an import against a labelled expected JSON.
//! Scalars match exactly (after NFC and space normalisation); list items are paired greedily
//! with a per-field rule (see `item_match`). Shared by `tests/fixtures_score.rs` and
//! `examples/score.rs`.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// Scalar fields (dotted paths) and list fields, in report order.
pub const SCALARS: &[&str] = &[
    "number",
    "issued_on",
    "place",
    "issuer",
    "title",
    "period.from",
    "period.to",
    "signer.title",
    "signer.name",
];
pub const LISTS: &[&str] = &[
    "legal_bases",
    "deadlines",
    "targets",
    "award_forms",
    "quotas",
    "themes",
];

/// Counts for one field.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    pub tp: u32,
    pub fp: u32,
    pub fn_: u32,
    /// Both null / both empty (a correct "nothing").
    pub tn: u32,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            if self.fn_ == 0 { 1.0 } else { 0.0 }
        } else {
            f64::from(self.tp) / f64::from(self.tp + self.fp)
        }
    }
    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            if self.fp == 0 { 1.0 } else { 0.0 }
        } else {
            f64::from(self.tp) / f64::from(self.tp + self.fn_)
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
        self.tn += o.tn;
    }
}

/// Per-field counts.
pub type Report = BTreeMap<&'static str, Counts>;

/// The labelled fixtures: (name, input path, expected path), sorted.
pub fn fixtures(dir: &Path) -> Vec<(String, PathBuf, PathBuf)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        if let Some(stem) = name.strip_suffix(".expected.json") {
            for ext in ["txt", "md", "docx"] {
                let input = dir.join(format!("{stem}.{ext}"));
                if input.exists() {
                    out.push((stem.to_string(), input, p.clone()));
                }
            }
        }
    }
    out.sort();
    out
}

/// Scores one prediction against one expectation.
pub fn score(pred: &Value, exp: &Value) -> Report {
    let mut r = Report::new();
    for f in SCALARS {
        r.insert(f, scalar(get(pred, f), get(exp, f)));
    }
    for f in LISTS {
        let p = pred
            .get(*f)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let e = exp
            .get(*f)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        r.insert(f, list(f, &p, &e));
    }
    r
}

fn get<'a>(v: &'a Value, path: &str) -> &'a Value {
    let mut cur = v;
    for part in path.split('.') {
        cur = cur.get(part).unwrap_or(&Value::Null);
    }
    cur
}

/// NFC, trimmed, single spaces.
pub fn norm(s: &str) -> String {
    let s: String = s.nfc().collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lowercase, marks stripped, `đ` → `d`, only letters and digits.
pub fn fold(s: &str) -> String {
    let s: String = s
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .collect();
    s.to_lowercase()
        .replace('đ', "d")
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Dice coefficient over folded words.
pub fn sim(a: &str, b: &str) -> f64 {
    use std::collections::HashSet;
    let fa = fold(a);
    let fb = fold(b);
    let wa: HashSet<&str> = fa.split(' ').filter(|w| !w.is_empty()).collect();
    let wb: HashSet<&str> = fb.split(' ').filter(|w| !w.is_empty()).collect();
    if wa.is_empty() && wb.is_empty() {
        return 1.0;
    }
    2.0 * wa.intersection(&wb).count() as f64 / (wa.len() + wb.len()) as f64
}

fn scalar(p: &Value, e: &Value) -> Counts {
    let as_s = |v: &Value| match v {
        Value::Null => None,
        Value::String(s) => Some(norm(s)),
        other => Some(other.to_string()),
    };
    let (p, e) = (as_s(p), as_s(e));
    let mut c = Counts::default();
    match (p, e) {
        (None, None) => c.tn = 1,
        (Some(a), Some(b)) if a == b => c.tp = 1,
        (Some(_), Some(_)) => {
            c.fp = 1;
            c.fn_ = 1;
        }
        (Some(_), None) => c.fp = 1,
        (None, Some(_)) => c.fn_ = 1,
    }
    c
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

/// Whether predicted item `p` counts as expected item `e` for list `field`.
pub fn item_match(field: &str, p: &Value, e: &Value) -> bool {
    match field {
        "legal_bases" => {
            let n = |v: &Value| {
                v.get("number")
                    .and_then(Value::as_str)
                    .map(|x| norm(x).replace(' ', "").to_uppercase())
            };
            n(p) == n(e) && p.get("date") == e.get("date")
        }
        "deadlines" => p.get("date") == e.get("date") && sim(s(p, "what"), s(e, "what")) >= 0.25,
        "targets" => {
            let num = |v: &Value| v.get("value").and_then(Value::as_f64);
            let unit = |v: &Value| v.get("unit").and_then(Value::as_str).map(fold);
            num(p) == num(e)
                && p.get("comparator") == e.get("comparator")
                && unit(p) == unit(e)
                && sim(s(p, "text"), s(e, "text")) >= 0.2
        }
        "award_forms" => {
            let (a, b) = (p.as_str().unwrap_or(""), e.as_str().unwrap_or(""));
            fold(a) == fold(b) || sim(a, b) >= 0.8
        }
        "quotas" => {
            p.get("collectives_max") == e.get("collectives_max")
                && p.get("individuals_max") == e.get("individuals_max")
                && sim(s(p, "who"), s(e, "who")) >= 0.3
        }
        "themes" => {
            let lead = |v: &Value| v.get("lead").and_then(Value::as_str).map(fold);
            lead(p) == lead(e) && sim(s(p, "title"), s(e, "title")) >= 0.5
        }
        _ => false,
    }
}

fn list(field: &str, p: &[Value], e: &[Value]) -> Counts {
    let mut used = vec![false; p.len()];
    let mut c = Counts::default();
    for ei in e {
        match (0..p.len()).find(|&i| !used[i] && item_match(field, &p[i], ei)) {
            Some(i) => {
                used[i] = true;
                c.tp += 1;
            }
            None => c.fn_ += 1,
        }
    }
    c.fp = used.iter().filter(|u| !**u).count() as u32;
    if p.is_empty() && e.is_empty() {
        c.tn = 1;
    }
    c
}

/// Sums reports.
pub fn total(reports: &[Report]) -> Report {
    let mut t = Report::new();
    for r in reports {
        for (k, v) in r {
            t.entry(k).or_default().add(*v);
        }
    }
    t
}

/// Micro-average over every field: the sum of the fields' counts.
pub fn micro(r: &Report) -> Counts {
    let mut c = Counts::default();
    for f in SCALARS.iter().chain(LISTS) {
        c.add(r.get(f).copied().unwrap_or_default());
    }
    c
}

/// A Markdown table of a report, with F1 per field and the micro-averaged overall row.
pub fn table(title: &str, r: &Report) -> String {
    let mut out = format!(
        "\n{title}\n| field | TP | FP | FN | both empty | precision | recall | F1 |\n|---|---:|---:|---:|---:|---:|---:|---:|\n"
    );
    for f in SCALARS.iter().chain(LISTS) {
        let c = r.get(f).copied().unwrap_or_default();
        out.push_str(&format!(
            "| {f} | {} | {} | {} | {} | {:.2} | {:.2} | {:.2} |\n",
            c.tp,
            c.fp,
            c.fn_,
            c.tn,
            c.precision(),
            c.recall(),
            c.f1()
        ));
    }
    let m = micro(r);
    out.push_str(&format!(
        "| **overall (micro)** | {} | {} | {} | {} | {:.2} | {:.2} | {:.2} |\n",
        m.tp,
        m.fp,
        m.fn_,
        m.tn,
        m.precision(),
        m.recall(),
        m.f1()
    ));
    out
}

//! A scale as people type it (a form, the API, a spreadsheet) and its checks: every problem named by
//! field in Vietnamese, nothing built from a broken structure.

use super::{Assessment, Criterion, CriterionKind, Group, Scale};
use crate::Validation;
use crate::campaign::target::parse_number;
use serde::{Deserialize, Deserializer, Serialize};

/// Accepts a JSON number or a string for a numeric field typed by people (`"12,5"`).
pub fn number_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum NumOrText {
        Num(f64),
        Text(String),
        Null(()),
    }
    Ok(match NumOrText::deserialize(d)? {
        // A decimal comma: `parse_number` reads "95.125" as ninety-five thousand (Vietnamese groups).
        NumOrText::Num(n) => n.to_string().replace('.', ","),
        NumOrText::Text(s) => s,
        NumOrText::Null(()) => String::new(),
    })
}

/// Codes of the criterion kinds and their Vietnamese names.
pub const KINDS: [(&str, &str); 5] = [
    ("fixed", "Chấm điểm (0 đến điểm chuẩn)"),
    ("rate", "Tỷ lệ đạt so với chỉ tiêu"),
    ("yes_no", "Có/Không"),
    ("deduction", "Điểm trừ"),
    ("bonus", "Điểm thưởng"),
];

/// Who reviews a criterion after the unit's self-assessment.
pub const ASSESSORS: [(&str, &str); 2] = [
    ("office", "Thường trực Hội đồng, đoàn kiểm tra"),
    ("cluster_leader", "Đơn vị Trưởng cụm, khối"),
];

pub fn kind_label(code: &str) -> &'static str {
    KINDS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, l)| l)
}

pub fn assessor_label(code: &str) -> &'static str {
    ASSESSORS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, l)| l)
}

/// One criterion as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CriterionInput {
    /// Số thứ tự as the scale writes it: `1`, `1.2`, `a`.
    pub code: String,
    pub text: String,
    /// Hướng dẫn chấm: how the points are given, what evidence is expected.
    pub guidance: String,
    /// One of [`KINDS`].
    pub kind: String,
    #[serde(deserialize_with = "number_text")]
    pub points: String,
    /// Rate criteria: the highest ratio counted (1 = no more than the points; empty: 1).
    #[serde(deserialize_with = "number_text")]
    pub rate_cap: String,
    /// Rate criteria: the target the value is measured against when the scale fixes it for everyone.
    #[serde(deserialize_with = "number_text")]
    pub target_value: String,
    /// Deductions and bonuses: how many times at most (empty: no limit).
    #[serde(deserialize_with = "number_text")]
    pub max_count: String,
    /// Điều kiện để chấm điểm: when not met, the criterion scores 0 (empty: none).
    pub precondition: String,
    /// A campaign target whose progress reports give a rate criterion its value.
    pub target_id: String,
    /// One of [`ASSESSORS`] (empty: the office).
    pub assessor: String,
    /// Order among the tie-break criteria (1 first; empty: not a tie-break).
    #[serde(deserialize_with = "number_text")]
    pub tie_break: String,
}

/// A group of criteria as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupInput {
    pub name: String,
    #[serde(deserialize_with = "number_text")]
    pub max_points: String,
    pub criteria: Vec<CriterionInput>,
}

/// A checked criterion, ready to store.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionDraft {
    pub code: String,
    pub text: String,
    pub guidance: String,
    pub kind: String,
    pub points: f64,
    pub rate_cap: Option<f64>,
    pub target_value: Option<f64>,
    pub max_count: Option<u32>,
    pub precondition: Option<String>,
    pub target_id: Option<String>,
    pub assessor: String,
    pub tie_break: Option<u32>,
}

/// A checked group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupDraft {
    pub name: String,
    pub max_points: f64,
    pub criteria: Vec<CriterionDraft>,
}

const MAX_POINTS: f64 = 10_000.0;

fn positive(v: &mut Validation, field: &str, label: &str, raw: &str) -> Option<f64> {
    match parse_number(raw) {
        Some(n) if n > 0.0 && n <= MAX_POINTS => Some(n),
        Some(_) => {
            v.add(
                field,
                label,
                format!("{label} phải lớn hơn 0 và không quá 10.000."),
            );
            None
        }
        None if raw.trim().is_empty() => {
            v.add(field, label, format!("{label} không được để trống."));
            None
        }
        None => {
            v.add(
                field,
                label,
                format!("{label} «{}» không phải là số.", raw.trim()),
            );
            None
        }
    }
}

fn optional_positive(v: &mut Validation, field: &str, label: &str, raw: &str) -> Option<f64> {
    if raw.trim().is_empty() {
        None
    } else {
        positive(v, field, label, raw)
    }
}

fn whole(v: &mut Validation, field: &str, label: &str, raw: &str) -> Option<u32> {
    let n = optional_positive(v, field, label, raw)?;
    if n.fract() != 0.0 {
        v.add(field, label, format!("{label} phải là số nguyên."));
        return None;
    }
    Some(n as u32)
}

impl CriterionInput {
    /// Checks one criterion; `at` names it in messages («Tiêu chí 2.3»), `field` prefixes its fields.
    pub fn validate(
        &self,
        v: &mut Validation,
        field: &str,
        group_max: Option<f64>,
    ) -> Option<CriterionDraft> {
        let at = if self.code.trim().is_empty() {
            "Tiêu chí".to_string()
        } else {
            format!("Tiêu chí {}", self.code.trim())
        };
        let errors_before = v.errors.len();
        let text = v.required_text(
            &format!("{field}.text"),
            &format!("{at}: Nội dung"),
            &self.text,
            1000,
        );
        let guidance = crate::text::clean_line(&self.guidance);
        let kind = self.kind.trim();
        if !KINDS.iter().any(|(c, _)| *c == kind) {
            v.add(
                &format!("{field}.kind"),
                &format!("{at}: Loại tiêu chí"),
                "Hãy chọn một loại: chấm điểm, tỷ lệ, có/không, điểm trừ hoặc điểm thưởng.",
            );
        }
        let points = positive(
            v,
            &format!("{field}.points"),
            &format!("{at}: Điểm chuẩn"),
            &self.points,
        );
        if let (Some(p), Some(max), false) =
            (points, group_max, matches!(kind, "deduction" | "bonus"))
            && p > max
        {
            v.add(
                &format!("{field}.points"),
                &format!("{at}: Điểm chuẩn"),
                format!("Điểm chuẩn {p} lớn hơn điểm tối đa của nhóm ({max})."),
            );
        }
        let rate_cap = optional_positive(
            v,
            &format!("{field}.rate_cap"),
            &format!("{at}: Mức trần tỷ lệ"),
            &self.rate_cap,
        );
        let target_value = optional_positive(
            v,
            &format!("{field}.target_value"),
            &format!("{at}: Chỉ tiêu"),
            &self.target_value,
        );
        let max_count = whole(
            v,
            &format!("{field}.max_count"),
            &format!("{at}: Số lần tối đa"),
            &self.max_count,
        );
        let tie_break = whole(
            v,
            &format!("{field}.tie_break"),
            &format!("{at}: Thứ tự xét khi bằng điểm"),
            &self.tie_break,
        );
        let assessor = match self.assessor.trim() {
            "" => "office",
            a => a,
        };
        if !ASSESSORS.iter().any(|(c, _)| *c == assessor) {
            v.add(
                &format!("{field}.assessor"),
                &format!("{at}: Người chấm"),
                "Hãy chọn Thường trực Hội đồng hoặc đơn vị Trưởng cụm, khối.",
            );
        }
        if v.errors.len() > errors_before {
            return None;
        }
        Some(CriterionDraft {
            code: crate::text::clean_line(&self.code),
            text,
            guidance,
            kind: kind.to_string(),
            points: points?,
            rate_cap: rate_cap.filter(|_| kind == "rate"),
            target_value: target_value.filter(|_| kind == "rate"),
            max_count: max_count.filter(|_| matches!(kind, "deduction" | "bonus")),
            precondition: Some(crate::text::clean_line(&self.precondition))
                .filter(|s| !s.is_empty()),
            target_id: Some(self.target_id.trim().to_string()).filter(|s| !s.is_empty()),
            assessor: assessor.to_string(),
            tie_break,
        })
    }
}

impl GroupInput {
    pub fn validate(&self, v: &mut Validation, index: usize) -> Option<GroupDraft> {
        let field = format!("groups[{index}]");
        let label = format!("Nhóm {}", index + 1);
        let errors_before = v.errors.len();
        let name = v.required_text(
            &format!("{field}.name"),
            &format!("{label}: Tên nhóm tiêu chí"),
            &self.name,
            500,
        );
        let max_points = positive(
            v,
            &format!("{field}.max_points"),
            &format!("{label}: Điểm tối đa"),
            &self.max_points,
        );
        let criteria: Vec<Option<CriterionDraft>> = self
            .criteria
            .iter()
            .enumerate()
            .map(|(i, c)| c.validate(v, &format!("{field}.criteria[{i}]"), max_points))
            .collect();
        if v.errors.len() > errors_before {
            return None;
        }
        Some(GroupDraft {
            name,
            max_points: max_points?,
            criteria: criteria.into_iter().flatten().collect(),
        })
    }
}

/// Checks every group of a scale: at least one criterion in all, codes not repeated, tie-break orders
/// distinct.
pub fn validate_groups(groups: &[GroupInput]) -> Result<Vec<GroupDraft>, Validation> {
    check_groups(groups, true)
}

/// The same checks for a draft being built: groups may not have criteria yet (opening the scale
/// requires them).
pub fn validate_draft_groups(groups: &[GroupInput]) -> Result<Vec<GroupDraft>, Validation> {
    check_groups(groups, false)
}

fn check_groups(groups: &[GroupInput], need_criteria: bool) -> Result<Vec<GroupDraft>, Validation> {
    let mut v = Validation::new();
    if need_criteria && groups.iter().all(|g| g.criteria.is_empty()) {
        v.add(
            "groups",
            "Nhóm tiêu chí",
            "Thang điểm cần ít nhất một nhóm có tiêu chí.",
        );
    }
    let drafts: Vec<Option<GroupDraft>> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| g.validate(&mut v, i))
        .collect();
    let mut codes = std::collections::HashSet::new();
    let mut ties = std::collections::HashSet::new();
    for c in drafts.iter().flatten().flat_map(|g| &g.criteria) {
        if !c.code.is_empty() && !codes.insert(c.code.clone()) {
            v.add(
                "groups",
                "Số thứ tự tiêu chí",
                format!("Số thứ tự «{}» bị lặp lại.", c.code),
            );
        }
        if let Some(t) = c.tie_break
            && !ties.insert(t)
        {
            v.add(
                "groups",
                "Thứ tự xét khi bằng điểm",
                format!("Hai tiêu chí cùng thứ tự xét {t} khi bằng điểm."),
            );
        }
    }
    v.finish(drafts.into_iter().flatten().collect())
}

/// The scale the arithmetic works on, from stored groups and criteria (ids given by the caller, in
/// the same order as the criteria).
pub fn scale_of(groups: &[GroupDraft], criterion_ids: &[String], negative_total: bool) -> Scale {
    let mut criteria = Vec::new();
    let mut ties: Vec<(u32, String)> = Vec::new();
    let mut ids = criterion_ids.iter();
    for (gi, g) in groups.iter().enumerate() {
        for c in &g.criteria {
            let id = ids.next().cloned().unwrap_or_default();
            if let Some(t) = c.tie_break {
                ties.push((t, id.clone()));
            }
            criteria.push(Criterion {
                id,
                group: gi,
                kind: kind_of(c),
                points: c.points,
            });
        }
    }
    ties.sort();
    Scale {
        groups: groups
            .iter()
            .map(|g| Group {
                name: g.name.clone(),
                max: g.max_points,
            })
            .collect(),
        criteria,
        negative_total,
        tie_breaks: ties.into_iter().map(|(_, id)| id).collect(),
    }
}

/// The arithmetic's kind of a checked criterion.
pub fn kind_of(c: &CriterionDraft) -> CriterionKind {
    match c.kind.as_str() {
        "rate" => CriterionKind::Rate {
            cap: c.rate_cap.unwrap_or(1.0),
        },
        "yes_no" => CriterionKind::YesNo,
        "deduction" => CriterionKind::Deduction {
            max_count: c.max_count,
        },
        "bonus" => CriterionKind::Bonus {
            max_count: c.max_count,
        },
        _ => CriterionKind::Fixed,
    }
}

/// What is stored of one assessment: whether the precondition is met, the amount (points, value,
/// 1/0, count) and, for rates, the target.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub precondition_met: bool,
    pub amount: f64,
    pub target: Option<f64>,
}

impl Answer {
    /// The assessment of a criterion of `kind` this answer stands for.
    pub fn assessment(&self, kind: &str) -> Assessment {
        if !self.precondition_met {
            return Assessment::PreconditionNotMet;
        }
        match kind {
            "rate" => Assessment::Rate {
                value: self.amount,
                target: self.target.unwrap_or(0.0),
            },
            "yes_no" => Assessment::Met(self.amount >= 1.0),
            "deduction" | "bonus" => Assessment::Count(self.amount.max(0.0) as u32),
            _ => Assessment::Points(self.amount),
        }
    }
}

/// Reads an answer typed for a criterion: points within 0 and the criterion's points, a rate's value
/// and target, yes/no, a whole count. `label` names the criterion in the message.
pub fn parse_answer(
    c: &CriterionDraft,
    precondition_met: bool,
    amount: &str,
    target: &str,
    label: &str,
) -> Result<Answer, String> {
    let no = |what: &str| format!("{label}: {what}");
    if !precondition_met {
        return Ok(Answer {
            precondition_met,
            amount: 0.0,
            target: None,
        });
    }
    let raw = amount.trim();
    let n = match c.kind.as_str() {
        "yes_no" => match raw.to_lowercase().as_str() {
            "1" | "có" | "co" | "đạt" | "true" => 1.0,
            "0" | "không" | "khong" | "không đạt" | "false" | "" => 0.0,
            _ => return Err(no("hãy chọn Có hoặc Không.")),
        },
        _ if raw.is_empty() => return Err(no("chưa nhập giá trị.")),
        _ => parse_number(raw).ok_or_else(|| no(&format!("«{raw}» không phải là số.")))?,
    };
    if n < 0.0 {
        return Err(no("giá trị không được âm."));
    }
    match c.kind.as_str() {
        "fixed" if n > c.points => {
            return Err(no(&format!("điểm {n} vượt điểm chuẩn {}.", c.points)));
        }
        "deduction" | "bonus" if n.fract() != 0.0 => return Err(no("số lần phải là số nguyên.")),
        "deduction" | "bonus" if c.max_count.is_some_and(|m| n > f64::from(m)) => {
            return Err(no(&format!("tối đa {} lần.", c.max_count.unwrap_or(0))));
        }
        _ => {}
    }
    let target = if c.kind == "rate" {
        let t = if target.trim().is_empty() {
            c.target_value
        } else {
            parse_number(target)
        };
        match t {
            Some(t) if t > 0.0 => Some(t),
            _ => return Err(no("chỉ tiêu để tính tỷ lệ phải là số lớn hơn 0.")),
        }
    } else {
        None
    };
    Ok(Answer {
        precondition_met,
        amount: n,
        target,
    })
}

/// The state of a scale: drafted, open for the units' self-assessment, under review, published.
pub const STATUSES: [(&str, &str); 4] = [
    ("draft", "Đang soạn"),
    ("open", "Đơn vị đang tự chấm"),
    ("review", "Đang thẩm định"),
    ("published", "Đã công bố"),
];

pub fn status_label(code: &str) -> &'static str {
    STATUSES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, l)| l)
}

/// The next state of a scale, if it may move there: each step goes forward one state.
pub fn may_move(from: &str, to: &str) -> bool {
    matches!(
        (from, to),
        ("draft", "open") | ("open", "review") | ("review", "published")
    )
}

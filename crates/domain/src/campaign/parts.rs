//! The smaller pieces of a campaign and of the units' work on it: themes with their lead units, award
//! forms, quotas, registrations, pacts, progress reports and submissions — each with its checks.

use super::target::{Comparator, parse_number};
use crate::org::check_date;
use crate::validation::Validation;
use time::Date;

/// What a person typed for a theme (*chuyên đề*).
#[derive(Debug, Clone, Default)]
pub struct ThemeInput {
    pub title: String,
    pub lead_unit_id: String,
    /// The lead as printed when it is not (yet) one of the organisation's units.
    pub lead_name: String,
    pub coordinating_ids: Vec<String>,
    pub period_from: String,
    pub period_to: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeDraft {
    pub title: String,
    pub lead_unit_id: Option<String>,
    pub lead_name: Option<String>,
    pub coordinating_ids: Vec<String>,
    pub period_from: Option<Date>,
    pub period_to: Option<Date>,
    pub description: Option<String>,
}

impl ThemeInput {
    /// Checks a theme; its own timeframe, when given, must lie inside the campaign's period.
    pub fn validate(
        &self,
        campaign_from: Date,
        campaign_to: Date,
    ) -> Result<ThemeDraft, Validation> {
        let mut v = Validation::new();
        let title = v.required_text("title", "Tên chuyên đề", &self.title, 1000);
        let lead_unit_id = Some(self.lead_unit_id.trim().to_string()).filter(|s| !s.is_empty());
        let lead_name = v.optional_text(
            "lead_name",
            "Đơn vị chủ trì (ghi theo kế hoạch)",
            &self.lead_name,
            255,
        );
        if lead_unit_id.is_none() && lead_name.is_none() {
            v.add(
                "lead_unit_id",
                "Đơn vị chủ trì",
                "Hãy chọn đơn vị chủ trì chuyên đề.",
            );
        }
        let mut coordinating_ids: Vec<String> = self
            .coordinating_ids
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        coordinating_ids.sort();
        coordinating_ids.dedup();
        if let Some(lead) = &lead_unit_id
            && coordinating_ids.contains(lead)
        {
            v.add(
                "coordinating_ids",
                "Đơn vị phối hợp",
                "Đơn vị chủ trì không đồng thời là đơn vị phối hợp.",
            );
        }
        let from = check_date(&mut v, "period_from", "Bắt đầu", &self.period_from, false);
        let to = check_date(&mut v, "period_to", "Kết thúc", &self.period_to, false);
        let vn = crate::date::vn;
        for (field, label, d) in [
            ("period_from", "Bắt đầu", from),
            ("period_to", "Kết thúc", to),
        ] {
            if let Some(d) = d
                && (d < campaign_from || d > campaign_to)
            {
                v.add(
                    field,
                    label,
                    format!(
                        "{label} ({}) nằm ngoài thời gian của kế hoạch ({} – {}).",
                        vn(d),
                        vn(campaign_from),
                        vn(campaign_to)
                    ),
                );
            }
        }
        if let (Some(f), Some(t)) = (from, to)
            && t < f
        {
            v.add(
                "period_to",
                "Kết thúc",
                format!("Kết thúc ({}) phải sau bắt đầu ({}).", vn(t), vn(f)),
            );
        }
        let description = super::long_text(&mut v, "description", "Nội dung", &self.description);
        v.finish(ThemeDraft {
            title,
            lead_unit_id,
            lead_name,
            coordinating_ids,
            period_from: from,
            period_to: to,
            description,
        })
    }
}

/// An award form the plan allows (*hình thức khen thưởng*), with its criteria in words.
#[derive(Debug, Clone, Default)]
pub struct AwardFormInput {
    pub name: String,
    pub catalog_code: String,
    pub criteria: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardFormDraft {
    pub name: String,
    pub catalog_code: Option<String>,
    pub criteria: Option<String>,
}

impl AwardFormInput {
    pub fn validate(&self) -> Result<AwardFormDraft, Validation> {
        let mut v = Validation::new();
        let name = v.required_text("name", "Hình thức khen thưởng", &self.name, 255);
        let catalog_code =
            v.optional_text("catalog_code", "Mã trong danh mục", &self.catalog_code, 64);
        let criteria = super::long_text(&mut v, "criteria", "Tiêu chuẩn", &self.criteria);
        v.finish(AwardFormDraft {
            name,
            catalog_code,
            criteria,
        })
    }
}

/// A quota: how many collectives and individuals a unit (or every unit of a kind) may propose.
#[derive(Debug, Clone, Default)]
pub struct QuotaInput {
    pub who: String,
    pub unit_kind: String,
    pub unit_id: String,
    pub award_form: String,
    pub collectives_max: String,
    pub individuals_max: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaDraft {
    /// The quota's subject as printed (*mỗi phường*).
    pub who: String,
    pub unit_kind: Option<String>,
    pub unit_id: Option<String>,
    pub award_form: Option<String>,
    pub collectives_max: Option<i64>,
    pub individuals_max: Option<i64>,
}

fn count(v: &mut Validation, field: &str, label: &str, raw: &str) -> Option<i64> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match raw.parse::<i64>() {
        Ok(n) if (0..=100_000).contains(&n) => Some(n),
        _ => {
            v.add(field, label, format!("{label} \u{201c}{raw}\u{201d} phải là số nguyên không âm, ví dụ 2; để trống nếu không giới hạn."));
            None
        }
    }
}

impl QuotaInput {
    pub fn validate(&self) -> Result<QuotaDraft, Validation> {
        let mut v = Validation::new();
        let who = v.required_text("who", "Áp dụng cho", &self.who, 255);
        let unit_kind = Some(self.unit_kind.trim().to_string()).filter(|s| !s.is_empty());
        let unit_id = Some(self.unit_id.trim().to_string()).filter(|s| !s.is_empty());
        let award_form =
            v.optional_text("award_form", "Hình thức khen thưởng", &self.award_form, 255);
        let collectives_max = count(
            &mut v,
            "collectives_max",
            "Số tập thể tối đa",
            &self.collectives_max,
        );
        let individuals_max = count(
            &mut v,
            "individuals_max",
            "Số cá nhân tối đa",
            &self.individuals_max,
        );
        if v.is_ok() && collectives_max.is_none() && individuals_max.is_none() {
            v.add(
                "collectives_max",
                "Số tập thể tối đa",
                "Hãy nhập số tập thể hoặc số cá nhân tối đa (ít nhất một trong hai).",
            );
        }
        v.finish(QuotaDraft {
            who,
            unit_kind,
            unit_id,
            award_form,
            collectives_max,
            individuals_max,
        })
    }
}

/// A unit's own target line in its registration or in a pact: text, comparator, threshold, unit.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnTarget {
    pub text: String,
    pub comparator: Comparator,
    pub threshold: f64,
    pub unit: Option<String>,
    /// The campaign target it answers, when it does.
    pub target_id: Option<String>,
}

/// Parses target lines typed one a line: `text | ≥ | 95 | %` (the unit of measure is optional).
pub fn parse_target_lines(
    v: &mut Validation,
    field: &str,
    label: &str,
    raw: &str,
) -> Vec<OwnTarget> {
    let mut out = Vec::new();
    for (i, line) in raw.lines().enumerate() {
        let line = crate::text::clean_line(line);
        if line.is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let problem = |what: &str| {
            format!(
                "Dòng {} của {label}: {what}; hãy viết: nội dung | ≥ | 95 | %.",
                i + 1
            )
        };
        if parts.len() < 3 || parts[0].is_empty() {
            v.add(field, label, problem("thiếu phần"));
            continue;
        }
        let Some(comparator) = Comparator::parse(parts[1]) else {
            v.add(
                field,
                label,
                problem(&format!(
                    "phép so sánh \u{201c}{}\u{201d} không hợp lệ (dùng ≥, >, = hoặc ≤)",
                    parts[1]
                )),
            );
            continue;
        };
        let Some(threshold) = parse_number(parts[2]) else {
            v.add(
                field,
                label,
                problem(&format!(
                    "mức \u{201c}{}\u{201d} không phải là số",
                    parts[2]
                )),
            );
            continue;
        };
        let unit = parts
            .get(3)
            .filter(|s| !s.is_empty())
            .map(|s| s.to_string());
        out.push(OwnTarget {
            text: parts[0].chars().take(1000).collect(),
            comparator,
            threshold,
            unit,
            target_id: None,
        });
    }
    if out.len() > 100 {
        v.add(field, label, format!("{label}: tối đa 100 dòng."));
    }
    out
}

/// Shows target lines back in the form they are typed in.
pub fn target_lines_text(items: &[OwnTarget]) -> String {
    items
        .iter()
        .map(|t| {
            let unit = t
                .unit
                .as_deref()
                .map(|u| format!(" | {u}"))
                .unwrap_or_default();
            format!(
                "{} | {} | {}{unit}",
                t.text,
                t.comparator.sign(),
                super::target::format_number(t.threshold)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A campaign target a unit may commit to: id, text, comparator and unit of measure.
pub type TargetRef = (String, String, Comparator, Option<String>);

/// Reads the thresholds typed against the campaign's targets (`commit_<target id>` fields); a blank
/// one is no commitment. Used by a registration and by a pact's clauses alike.
pub fn parse_commitments(
    v: &mut Validation,
    campaign_targets: &[TargetRef],
    commitments: &[(String, String)],
) -> Vec<OwnTarget> {
    let mut targets = Vec::new();
    for (id, raw) in commitments {
        if raw.trim().is_empty() {
            continue;
        }
        let Some((_, text, comparator, unit)) = campaign_targets.iter().find(|t| &t.0 == id) else {
            v.add(
                "commitments",
                "Chỉ tiêu",
                "Có chỉ tiêu không thuộc kế hoạch này.",
            );
            continue;
        };
        match parse_number(raw) {
            Some(threshold) => targets.push(OwnTarget {
                text: text.clone(),
                comparator: *comparator,
                threshold,
                unit: unit.clone(),
                target_id: Some(id.clone()),
            }),
            None => v.add(
                &format!("commit_{id}"),
                "Chỉ tiêu",
                format!(
                    "Mức của chỉ tiêu \u{201c}{text}\u{201d} là \u{201c}{}\u{201d}, không phải là số.",
                    raw.trim()
                ),
            ),
        }
    }
    targets
}

/// What a unit typed to register (*đăng ký thi đua*): titles aimed for and its own targets.
#[derive(Debug, Clone, Default)]
pub struct RegistrationInput {
    pub unit_id: String,
    /// Catalog codes of the titles and forms aimed for.
    pub titles: Vec<String>,
    /// Per campaign target (id → threshold the unit commits to).
    pub commitments: Vec<(String, String)>,
    /// Extra own targets, one a line.
    pub own_targets: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RegistrationDraft {
    pub unit_id: String,
    pub titles: Vec<String>,
    pub targets: Vec<OwnTarget>,
    pub note: Option<String>,
}

impl RegistrationInput {
    /// Checks a registration; `campaign_targets` gives, per campaign target id, its text, comparator and unit.
    pub fn validate(
        &self,
        campaign_targets: &[TargetRef],
    ) -> Result<RegistrationDraft, Validation> {
        let mut v = Validation::new();
        let unit_id = self.unit_id.trim().to_string();
        if unit_id.is_empty() {
            v.add("unit_id", "Đơn vị đăng ký", "Hãy chọn đơn vị đăng ký.");
        }
        let mut titles: Vec<String> = self
            .titles
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        titles.sort();
        titles.dedup();
        let mut targets = parse_commitments(&mut v, campaign_targets, &self.commitments);
        targets.extend(parse_target_lines(
            &mut v,
            "own_targets",
            "Chỉ tiêu riêng của đơn vị",
            &self.own_targets,
        ));
        let note = super::long_text(&mut v, "note", "Ghi chú", &self.note);
        if v.is_ok() && titles.is_empty() && targets.is_empty() {
            v.add(
                "titles",
                "Danh hiệu đăng ký",
                "Hãy chọn ít nhất một danh hiệu hoặc nhập ít nhất một chỉ tiêu đăng ký.",
            );
        }
        v.finish(RegistrationDraft {
            unit_id,
            titles,
            targets,
            note,
        })
    }
}

/// What a unit typed to report progress on a target.
#[derive(Debug, Clone, Default)]
pub struct ProgressInput {
    pub unit_id: String,
    pub value: String,
    pub reported_on: String,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProgressDraft {
    pub unit_id: Option<String>,
    pub value: f64,
    pub reported_on: Date,
    pub comment: Option<String>,
}

impl ProgressInput {
    /// Checks a report: a number, a date inside the campaign period and not in the future.
    pub fn validate(
        &self,
        campaign_from: Date,
        campaign_to: Date,
        today: Date,
    ) -> Result<ProgressDraft, Validation> {
        let mut v = Validation::new();
        let unit_id = Some(self.unit_id.trim().to_string()).filter(|s| !s.is_empty());
        let value = match parse_number(&self.value) {
            Some(n) if n.abs() < 1e12 => n,
            _ if self.value.trim().is_empty() => {
                v.add(
                    "value",
                    "Kết quả",
                    "Kết quả không được để trống; hãy nhập một số.",
                );
                0.0
            }
            _ => {
                v.add(
                    "value",
                    "Kết quả",
                    format!(
                        "Kết quả \u{201c}{}\u{201d} không phải là số; hãy nhập một số, ví dụ 87,5.",
                        self.value.trim()
                    ),
                );
                0.0
            }
        };
        let reported_on = check_date(
            &mut v,
            "reported_on",
            "Ngày số liệu",
            &self.reported_on,
            true,
        );
        let vn = crate::date::vn;
        if let Some(d) = reported_on {
            if d > today {
                v.add(
                    "reported_on",
                    "Ngày số liệu",
                    format!(
                        "Ngày số liệu ({}) không được sau hôm nay ({}).",
                        vn(d),
                        vn(today)
                    ),
                );
            } else if d < campaign_from {
                v.add(
                    "reported_on",
                    "Ngày số liệu",
                    format!(
                        "Ngày số liệu ({}) trước khi kế hoạch bắt đầu ({}).",
                        vn(d),
                        vn(campaign_from)
                    ),
                );
            } else if d > campaign_to {
                v.add(
                    "reported_on",
                    "Ngày số liệu",
                    format!(
                        "Ngày số liệu ({}) sau khi kế hoạch kết thúc ({}).",
                        vn(d),
                        vn(campaign_to)
                    ),
                );
            }
        }
        let comment = super::long_text(&mut v, "comment", "Nhận xét", &self.comment);
        let Some(reported_on) = reported_on else {
            return Err(v);
        };
        v.finish(ProgressDraft {
            unit_id,
            value,
            reported_on,
            comment,
        })
    }
}

/// What a unit typed when sending what a deadline asks for.
#[derive(Debug, Clone, Default)]
pub struct SubmissionInput {
    pub unit_id: String,
    /// The due date of the occurrence answered (recurring deadlines have several).
    pub due_on: String,
    pub document_number: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionDraft {
    pub unit_id: String,
    pub due_on: Date,
    pub document_number: Option<String>,
    pub note: Option<String>,
}

impl SubmissionInput {
    /// Checks a submission; `occurrences` are the due dates of the deadline.
    pub fn validate(&self, occurrences: &[Date]) -> Result<SubmissionDraft, Validation> {
        let mut v = Validation::new();
        let unit_id = self.unit_id.trim().to_string();
        if unit_id.is_empty() {
            v.add("unit_id", "Đơn vị gửi", "Hãy chọn đơn vị gửi.");
        }
        let due_on = match (self.due_on.trim().is_empty(), occurrences) {
            (true, [only]) => Some(*only),
            _ => check_date(&mut v, "due_on", "Kỳ", &self.due_on, true),
        };
        if let Some(d) = due_on
            && !occurrences.contains(&d)
        {
            v.add(
                "due_on",
                "Kỳ",
                format!(
                    "Thời hạn này không có kỳ nào hết hạn ngày {}.",
                    crate::date::vn(d)
                ),
            );
        }
        let document_number =
            v.optional_text("document_number", "Số văn bản", &self.document_number, 64);
        let note = super::long_text(&mut v, "note", "Ghi chú", &self.note);
        let Some(due_on) = due_on else { return Err(v) };
        v.finish(SubmissionDraft {
            unit_id,
            due_on,
            document_number,
            note,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const FROM: Date = date!(2024 - 01 - 01);
    const TO: Date = date!(2024 - 12 - 31);

    #[test]
    fn theme_checks() {
        let t = ThemeInput {
            title: "Chuyển đổi số".into(),
            lead_unit_id: "a".into(),
            coordinating_ids: vec!["a".into()],
            period_from: "01/01/2025".into(),
            ..Default::default()
        };
        let v = t.validate(FROM, TO).unwrap_err();
        assert!(v.message_for("coordinating_ids").is_some());
        assert!(v.message_for("period_from").unwrap().contains("nằm ngoài"));
        let v = ThemeInput {
            title: "X".into(),
            ..Default::default()
        }
        .validate(FROM, TO)
        .unwrap_err();
        assert!(v.message_for("lead_unit_id").is_some());
    }

    #[test]
    fn quota_needs_a_number() {
        let q = QuotaInput {
            who: "mỗi phường".into(),
            collectives_max: "2".into(),
            individuals_max: "4".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!((q.collectives_max, q.individuals_max), (Some(2), Some(4)));
        let v = QuotaInput {
            who: "mỗi phường".into(),
            collectives_max: "hai".into(),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        assert!(
            v.message_for("collectives_max")
                .unwrap()
                .contains("số nguyên")
        );
        assert!(
            QuotaInput {
                who: "x".into(),
                ..Default::default()
            }
            .validate()
            .is_err()
        );
    }

    #[test]
    fn target_lines() {
        let mut v = Validation::new();
        let t = parse_target_lines(
            &mut v,
            "targets",
            "Chỉ tiêu",
            "Giải ngân | >= | 95 | %\n\nThu ngân sách | > | 100,5",
        );
        assert!(v.is_ok());
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].threshold, 100.5);
        assert_eq!(
            target_lines_text(&t),
            "Giải ngân | ≥ | 95 | %\nThu ngân sách | > | 100,5"
        );
        let mut v = Validation::new();
        parse_target_lines(
            &mut v,
            "targets",
            "Chỉ tiêu",
            "Giải ngân | nhiều | 95\nThu | > | x",
        );
        assert_eq!(v.errors.len(), 2);
        assert!(v.errors[1].message.starts_with("Dòng 2"));
    }

    #[test]
    fn registration_and_progress() {
        let targets = vec![(
            "t1".to_string(),
            "Giải ngân".to_string(),
            Comparator::AtLeast,
            Some("%".to_string()),
        )];
        let r = RegistrationInput {
            unit_id: "u".into(),
            titles: vec!["tap_the_lao_dong_xuat_sac".into()],
            commitments: vec![("t1".into(), "97".into())],
            ..Default::default()
        }
        .validate(&targets)
        .unwrap();
        assert_eq!(r.targets[0].threshold, 97.0);
        let v = RegistrationInput {
            unit_id: "u".into(),
            commitments: vec![("t1".into(), "nhiều".into())],
            ..Default::default()
        }
        .validate(&targets)
        .unwrap_err();
        assert!(v.message_for("commit_t1").is_some());
        let v = ProgressInput {
            value: "abc".into(),
            reported_on: "01/06/2025".into(),
            ..Default::default()
        }
        .validate(FROM, TO, date!(2025 - 06 - 01))
        .unwrap_err();
        assert!(v.message_for("value").is_some());
        assert!(
            v.message_for("reported_on")
                .unwrap()
                .contains("sau khi kế hoạch kết thúc")
        );
        let p = ProgressInput {
            value: "87,5".into(),
            reported_on: "01/06/2024".into(),
            ..Default::default()
        }
        .validate(FROM, TO, date!(2024 - 06 - 02))
        .unwrap();
        assert_eq!(p.value, 87.5);
    }

    #[test]
    fn submission_picks_the_occurrence() {
        let occ = [date!(2024 - 01 - 10), date!(2024 - 04 - 10)];
        let s = SubmissionInput {
            unit_id: "u".into(),
            due_on: "10/04/2024".into(),
            ..Default::default()
        }
        .validate(&occ)
        .unwrap();
        assert_eq!(s.due_on, date!(2024 - 04 - 10));
        assert!(
            SubmissionInput {
                unit_id: "u".into(),
                due_on: "11/04/2024".into(),
                ..Default::default()
            }
            .validate(&occ)
            .is_err()
        );
        let one = SubmissionInput {
            unit_id: "u".into(),
            ..Default::default()
        }
        .validate(&occ[..1])
        .unwrap();
        assert_eq!(one.due_on, date!(2024 - 01 - 10));
    }
}

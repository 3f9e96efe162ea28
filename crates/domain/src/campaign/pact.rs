//! A cluster's pact (*giao ước thi đua*): its clauses — thresholds on the campaign's targets, which
//! can be measured from the members' progress reports, and free lines, which cannot — and the mid-year
//! review (*sơ kết giao ước*) that weighs each member against them.

use super::parts::{OwnTarget, TargetRef, parse_commitments, parse_target_lines};
use super::target::Comparator;
use crate::org::check_date;
use crate::validation::Validation;
use time::Date;

/// What was typed for a cluster's pact.
#[derive(Debug, Clone, Default)]
pub struct PactInput {
    pub cluster_id: String,
    pub signed_on: String,
    pub content: String,
    /// Per campaign target (id → threshold every member commits to).
    pub commitments: Vec<(String, String)>,
    /// Other clauses, one a line: `text | ≥ | 95 | %`.
    pub targets: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PactDraft {
    pub cluster_id: String,
    pub signed_on: Date,
    pub content: Option<String>,
    /// The clauses on the campaign's targets first, then the free ones.
    pub targets: Vec<OwnTarget>,
}

impl PactInput {
    /// Checks a pact; `campaign_targets` are the per-unit targets of the campaign.
    pub fn validate(&self, campaign_targets: &[TargetRef]) -> Result<PactDraft, Validation> {
        let mut v = Validation::new();
        let cluster_id = self.cluster_id.trim().to_string();
        if cluster_id.is_empty() {
            v.add(
                "cluster_id",
                "Cụm, khối",
                "Hãy chọn cụm, khối thi đua ký giao ước.",
            );
        }
        let signed_on = check_date(&mut v, "signed_on", "Ngày ký", &self.signed_on, true);
        let content = super::long_text(&mut v, "content", "Nội dung giao ước", &self.content);
        let mut targets = parse_commitments(&mut v, campaign_targets, &self.commitments);
        targets.extend(parse_target_lines(
            &mut v,
            "targets",
            "Chỉ tiêu giao ước khác",
            &self.targets,
        ));
        if v.is_ok() && targets.is_empty() && content.is_none() {
            v.add(
                "targets",
                "Chỉ tiêu giao ước",
                "Hãy nhập nội dung hoặc ít nhất một chỉ tiêu giao ước.",
            );
        }
        let Some(signed_on) = signed_on else {
            return Err(v);
        };
        v.finish(PactDraft {
            cluster_id,
            signed_on,
            content,
            targets,
        })
    }
}

/// Where a member stands on one measurable clause at a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClauseStanding {
    Met,
    NotMet,
    /// No progress report by the review date.
    NotReported,
}

impl ClauseStanding {
    pub fn of(comparator: Comparator, threshold: f64, value: Option<f64>) -> Self {
        match value {
            None => Self::NotReported,
            Some(v) if comparator.is_met(v, threshold) => Self::Met,
            Some(_) => Self::NotMet,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Met => "met",
            Self::NotMet => "not_met",
            Self::NotReported => "not_reported",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Met => "Đạt",
            Self::NotMet => "Chưa đạt",
            Self::NotReported => "Chưa báo cáo",
        }
    }
}

/// How a review judges a member against the pact as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assessment {
    /// *Thực hiện tốt giao ước*: every clause on track.
    Met,
    /// *Thực hiện được một phần*.
    Partly,
    /// *Chưa thực hiện được*.
    NotMet,
}

impl Assessment {
    pub const ALL: [Assessment; 3] = [Self::Met, Self::Partly, Self::NotMet];

    pub fn code(self) -> &'static str {
        match self {
            Self::Met => "met",
            Self::Partly => "partly",
            Self::NotMet => "not_met",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Met => "Thực hiện tốt giao ước",
            Self::Partly => "Thực hiện được một phần",
            Self::NotMet => "Chưa thực hiện được",
        }
    }

    /// What the measured clauses suggest: all met → met, none met → not met, else partly. Nothing to
    /// measure suggests nothing: the reviewers judge from the free clauses and the reports.
    pub fn suggested(standings: &[ClauseStanding]) -> Option<Self> {
        let met = standings
            .iter()
            .filter(|s| **s == ClauseStanding::Met)
            .count();
        match (standings.len(), met) {
            (0, _) => None,
            (n, m) if m == n => Some(Self::Met),
            (_, 0) => Some(Self::NotMet),
            _ => Some(Self::Partly),
        }
    }
}

/// What the reviewers typed: the date, a summary and, per member, an assessment and a comment.
#[derive(Debug, Clone, Default)]
pub struct PactReviewInput {
    pub reviewed_on: String,
    pub summary: String,
    /// Per member unit id: (assessment code, comment).
    pub members: Vec<(String, String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MemberAssessment {
    pub unit_id: String,
    pub assessment: Assessment,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PactReviewDraft {
    pub reviewed_on: Date,
    pub summary: Option<String>,
    pub members: Vec<MemberAssessment>,
}

impl PactReviewInput {
    /// Checks a review of a pact signed on `signed_on` whose members are `members` (id, name): held
    /// between the signing and today, and every member assessed.
    pub fn validate(
        &self,
        signed_on: Date,
        today: Date,
        members: &[(String, String)],
    ) -> Result<PactReviewDraft, Validation> {
        let mut v = Validation::new();
        let reviewed_on = check_date(
            &mut v,
            "reviewed_on",
            "Ngày sơ kết",
            &self.reviewed_on,
            true,
        );
        if let Some(d) = reviewed_on {
            if d < signed_on {
                v.add(
                    "reviewed_on",
                    "Ngày sơ kết",
                    "Ngày sơ kết không được trước ngày ký giao ước.",
                );
            } else if d > today {
                v.add(
                    "reviewed_on",
                    "Ngày sơ kết",
                    "Ngày sơ kết không được sau hôm nay.",
                );
            }
        }
        let summary = super::long_text(&mut v, "summary", "Nhận xét chung", &self.summary);
        if self
            .members
            .iter()
            .any(|(id, _, _)| !members.iter().any(|m| &m.0 == id))
        {
            v.add(
                "members",
                "Đánh giá thành viên",
                "Có đơn vị không phải thành viên ký giao ước.",
            );
        }
        let mut out = Vec::new();
        for (id, name) in members {
            let typed = self.members.iter().find(|m| &m.0 == id);
            let field = format!("assessment_{id}");
            let Some(assessment) = typed.and_then(|m| Assessment::parse(&m.1)) else {
                v.add(
                    &field,
                    "Đánh giá thành viên",
                    format!("Hãy chọn mức thực hiện giao ước của {name}."),
                );
                continue;
            };
            let comment = typed
                .and_then(|m| super::long_text(&mut v, &format!("comment_{id}"), "Nhận xét", &m.2));
            out.push(MemberAssessment {
                unit_id: id.clone(),
                assessment,
                comment,
            });
        }
        let Some(reviewed_on) = reviewed_on else {
            return Err(v);
        };
        v.finish(PactReviewDraft {
            reviewed_on,
            summary,
            members: out,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn members() -> Vec<(String, String)> {
        vec![
            ("a".into(), "Phường An Khánh".into()),
            ("b".into(), "Phường Bình Trưng".into()),
        ]
    }

    #[test]
    fn standing_follows_the_comparator_and_a_missing_report() {
        assert_eq!(
            ClauseStanding::of(Comparator::AtLeast, 95.0, Some(96.0)),
            ClauseStanding::Met
        );
        assert_eq!(
            ClauseStanding::of(Comparator::AtLeast, 95.0, Some(80.0)),
            ClauseStanding::NotMet
        );
        assert_eq!(
            ClauseStanding::of(Comparator::AtMost, 2.0, Some(3.0)),
            ClauseStanding::NotMet
        );
        assert_eq!(
            ClauseStanding::of(Comparator::AtLeast, 95.0, None),
            ClauseStanding::NotReported
        );
    }

    #[test]
    fn suggestion_is_all_some_or_none_met() {
        use ClauseStanding::*;
        assert_eq!(Assessment::suggested(&[]), None);
        assert_eq!(Assessment::suggested(&[Met, Met]), Some(Assessment::Met));
        assert_eq!(
            Assessment::suggested(&[Met, NotReported]),
            Some(Assessment::Partly)
        );
        assert_eq!(
            Assessment::suggested(&[NotMet, NotReported]),
            Some(Assessment::NotMet)
        );
    }

    #[test]
    fn a_review_needs_every_member_assessed_and_a_date_in_range() {
        let input = PactReviewInput {
            reviewed_on: "15/06/2026".into(),
            summary: "Các phường thực hiện nghiêm túc.".into(),
            members: vec![("a".into(), "met".into(), String::new())],
        };
        let err = input
            .validate(date!(2026 - 03 - 01), date!(2026 - 07 - 01), &members())
            .unwrap_err();
        assert!(
            err.message_for("assessment_b")
                .unwrap()
                .contains("Phường Bình Trưng")
        );
        assert!(err.message_for("assessment_a").is_none());

        let early = PactReviewInput {
            reviewed_on: "01/02/2026".into(),
            members: vec![
                ("a".into(), "met".into(), String::new()),
                ("b".into(), "partly".into(), "Chậm báo cáo".into()),
            ],
            ..Default::default()
        };
        let err = early
            .validate(date!(2026 - 03 - 01), date!(2026 - 07 - 01), &members())
            .unwrap_err();
        assert!(
            err.message_for("reviewed_on")
                .unwrap()
                .contains("trước ngày ký")
        );

        let ok = PactReviewInput {
            reviewed_on: "15/06/2026".into(),
            ..early
        };
        let d = ok
            .validate(date!(2026 - 03 - 01), date!(2026 - 07 - 01), &members())
            .unwrap();
        assert_eq!(d.members[1].assessment, Assessment::Partly);
        assert_eq!(d.members[1].comment.as_deref(), Some("Chậm báo cáo"));
    }

    #[test]
    fn a_stranger_in_the_review_is_refused() {
        let input = PactReviewInput {
            reviewed_on: "15/06/2026".into(),
            members: vec![
                ("a".into(), "met".into(), String::new()),
                ("b".into(), "met".into(), String::new()),
                ("z".into(), "met".into(), String::new()),
            ],
            ..Default::default()
        };
        let err = input
            .validate(date!(2026 - 03 - 01), date!(2026 - 07 - 01), &members())
            .unwrap_err();
        assert!(err.message_for("members").is_some());
    }
}

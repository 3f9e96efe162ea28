//! Inputs and outputs of the eligibility engine: the proposal, the nominee, and the
//! evaluation with one result per rule and an overall verdict.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::criteria::Severity;
use crate::ledger::{Ledger, Roster};
use crate::model::{Code, Jurisdiction, Level, NominationKind, Procedure};

/// Result of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The rule is not met.
    Fail,
    /// The rule cannot be decided from the data (missing fact, unverified rule).
    Unknown,
    /// The rule is met.
    Pass,
}

impl Outcome {
    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Pass => "Đạt",
            Outcome::Fail => "Không đạt",
            Outcome::Unknown => "Chưa xác định",
        }
    }
}

/// Council vote result, counted on all members (absent members vote in writing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteTally {
    /// Votes in favour.
    pub yes: u32,
    /// Total members of the council.
    pub total_members: u32,
}

/// Counts for a ratio cap inside a unit (e.g. CSTĐCS ≤ cap × LĐTT).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitCounts {
    /// Holders of the capped title in the unit, including this proposal.
    pub holders: u32,
    /// Base count (e.g. LĐTT holders in the unit).
    pub base: u32,
}

/// What is proposed, for which year, on which date, by whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    /// Catalog code of the title or form.
    pub code: Code,
    /// Year of achievement evaluated.
    pub year: i32,
    /// Decision (or evaluation) date: selects the rule set in force.
    pub date: Date,
    /// Where the decision is made (`"VN"` or a province code).
    #[serde(default = "Jurisdiction::national")]
    pub jurisdiction: Jurisdiction,
    /// Level of the deciding authority.
    #[serde(default)]
    pub decider_level: Option<Level>,
    /// Kind of commendation.
    #[serde(default)]
    pub kind: NominationKind,
    /// Procedure.
    #[serde(default)]
    pub procedure: Procedure,
    /// Evaluate only this branch of alternative criteria (e.g. `"d"`).
    #[serde(default)]
    pub branch: Option<String>,
    /// Initiatives given as the basis.
    #[serde(default)]
    pub initiatives: Vec<String>,
    /// Id of the achievement rewarded.
    #[serde(default)]
    pub achievement_id: Option<String>,
    /// Facts asserted by a user for criteria the system cannot compute.
    #[serde(default)]
    pub assertions: BTreeMap<String, bool>,
    /// Council vote, if held.
    #[serde(default)]
    pub vote: Option<VoteTally>,
    /// Dossier document codes attached, if checked.
    #[serde(default)]
    pub documents: Option<Vec<String>>,
    /// Awards already counted against a yearly cap, before this one.
    #[serde(default)]
    pub quota_used: Option<u32>,
    /// Counts for a ratio cap.
    #[serde(default)]
    pub unit_counts: Option<UnitCounts>,
    /// Day the dossier was submitted.
    #[serde(default)]
    pub submitted_on: Option<Date>,
}

impl Proposal {
    /// A merit proposal with no optional facts.
    pub fn new(code: impl Into<String>, year: i32, date: Date, jurisdiction: Jurisdiction) -> Self {
        Proposal {
            code: Code::new(code),
            year,
            date,
            jurisdiction,
            decider_level: None,
            kind: NominationKind::Merit,
            procedure: Procedure::Standard,
            branch: None,
            initiatives: Vec::new(),
            achievement_id: None,
            assertions: BTreeMap::new(),
            vote: None,
            documents: None,
            quota_used: None,
            unit_counts: None,
            submitted_on: None,
        }
    }
}

/// The nominee: its ledger and, for a collective, the members of the evaluated year.
#[derive(Debug, Clone, Copy)]
pub struct Nominee<'a> {
    /// History.
    pub ledger: &'a Ledger,
    /// Members of the year (collectives only).
    pub roster: Option<&'a Roster>,
}

impl<'a> Nominee<'a> {
    /// A nominee without roster.
    pub fn new(ledger: &'a Ledger) -> Self {
        Nominee {
            ledger,
            roster: None,
        }
    }
    /// A collective with its roster.
    pub fn with_roster(ledger: &'a Ledger, roster: &'a Roster) -> Self {
        Nominee {
            ledger,
            roster: Some(roster),
        }
    }
}

/// The result of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckResult {
    /// Rule id: a general id (`"double_award"`, `"authority"`…) or the criterion id.
    pub rule: String,
    /// Pass, fail or unknown.
    pub outcome: Outcome,
    /// Whether it decides the verdict.
    pub severity: Severity,
    /// Article cited.
    pub article: String,
    /// Full Vietnamese message, with the facts and the article.
    pub message: String,
    /// Facts used, one per line, in Vietnamese.
    pub facts: Vec<String>,
    /// Branch of alternative criteria, if any.
    pub branch: Option<String>,
}

/// Overall verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// At least one blocking rule fails.
    Ineligible,
    /// No blocking rule fails, but at least one cannot be decided.
    Undetermined,
    /// Every blocking rule passes (warnings may remain).
    Eligible,
}

impl Verdict {
    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Eligible => "Đủ điều kiện",
            Verdict::Undetermined => "Chưa đủ căn cứ để kết luận",
            Verdict::Ineligible => "Không đủ điều kiện",
        }
    }
}

/// The evaluation of one proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    /// Code evaluated.
    pub code: Code,
    /// Vietnamese name.
    pub name: String,
    /// Year of achievement.
    pub year: i32,
    /// Ids of the rule sets applied, base first.
    pub rule_sets: Vec<String>,
    /// One result per rule.
    pub checks: Vec<CheckResult>,
    /// Overall verdict from the blocking rules.
    pub verdict: Verdict,
}

impl Evaluation {
    /// Blocking rules that fail.
    pub fn blocking_failures(&self) -> impl Iterator<Item = &CheckResult> {
        self.checks
            .iter()
            .filter(|c| c.severity == Severity::Blocking && c.outcome == Outcome::Fail)
    }
    /// Blocking rules that cannot be decided.
    pub fn unknowns(&self) -> impl Iterator<Item = &CheckResult> {
        self.checks
            .iter()
            .filter(|c| c.severity == Severity::Blocking && c.outcome == Outcome::Unknown)
    }
    /// Warnings that did not pass.
    pub fn warnings(&self) -> impl Iterator<Item = &CheckResult> {
        self.checks
            .iter()
            .filter(|c| c.severity == Severity::Warning && c.outcome != Outcome::Pass)
    }
    /// The result of rule `id`, if evaluated.
    pub fn check(&self, id: &str) -> Option<&CheckResult> {
        self.checks.iter().find(|c| c.rule == id)
    }
    /// One-paragraph Vietnamese summary.
    pub fn summary(&self) -> String {
        let mut s = format!("{} năm {}: {}.", self.name, self.year, self.verdict.label());
        for c in self
            .blocking_failures()
            .chain(self.unknowns())
            .chain(self.warnings())
        {
            s.push_str("\n- ");
            s.push_str(&c.message);
        }
        s
    }
}

/// Computes the verdict from the blocking results.
pub(crate) fn verdict_of(checks: &[CheckResult]) -> Verdict {
    let blocking = checks.iter().filter(|c| c.severity == Severity::Blocking);
    let mut verdict = Verdict::Eligible;
    for c in blocking {
        match c.outcome {
            Outcome::Fail => return Verdict::Ineligible,
            Outcome::Unknown => verdict = Verdict::Undetermined,
            Outcome::Pass => {}
        }
    }
    verdict
}

//! The roadmap (lộ trình) toward higher honours: for a person or unit, the honours with
//! history-based criteria (chains of titles, years after a prior award, rating streaks), what
//! is missing now, and the earliest year each could be met if every coming year goes well.
//!
//! Projection: from `year` on, each year without data is assumed rated "Hoàn thành xuất sắc
//! nhiệm vụ" with the routine titles of the year (catalog `routine = true`, e.g. LĐTT and
//! CSTĐCS) and two initiatives recognised nationwide; honours reached are added to the
//! projected history so later chains (Bằng khen tỉnh → Bằng khen Thủ tướng → Huân chương)
//! follow. Facts the system cannot know (votes, assertions, rosters) are listed as
//! assumptions, never as blockers.

use std::collections::BTreeMap;

use time::Date;

use crate::catalog::{Catalog, CatalogEntry};
use crate::criteria::{Check, Severity};
use crate::engine::evaluate;
use crate::engine::types::{Evaluation, Nominee, Outcome, Proposal};
use crate::error::Result;
use crate::ledger::{AwardRecord, Initiative, Ledger, RatingRecord};
use crate::model::{InitiativeLevel, Rating};
use crate::ruleset::ResolvedRules;

/// How many years ahead the projection looks.
pub const HORIZON_YEARS: i32 = 10;

/// General checks that say nothing about the future (they are in `missing`, not in the projection).
const NOT_PROJECTED: &[&str] = &[
    "blocking_state",
    "discipline_in_force",
    "authority",
    "vote",
    "dossier",
];

/// One honour on the roadmap.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RoadmapItem {
    /// Catalog code.
    pub code: crate::model::Code,
    /// Vietnamese name.
    pub name: String,
    /// Branch of criteria followed, if the entry has alternatives.
    pub branch: Option<String>,
    /// True if every blocking rule already passes for `year`.
    pub eligible_now: bool,
    /// Earliest year of achievement it could be met, within [`HORIZON_YEARS`].
    pub earliest_year: Option<i32>,
    /// What fails or is unknown now (Vietnamese messages with articles).
    pub missing: Vec<String>,
    /// What the projection assumed.
    pub assumptions: Vec<String>,
}

fn is_history(check: &Check) -> bool {
    match check {
        Check::Chain { .. } | Check::Streak { .. } | Check::AfterAward { .. } => true,
        Check::AnyOf(o) => o.iter().any(is_history),
        _ => false,
    }
}

/// Entries with history criteria that the ledger's subject can receive, with the branch to
/// follow, ordered by rank.
fn targets<'c>(
    rules: &ResolvedRules<'_>,
    catalog: &'c Catalog,
    ledger: &Ledger,
) -> Vec<(&'c CatalogEntry, Option<String>)> {
    let mut out = Vec::new();
    for e in catalog.entries() {
        let local_elsewhere = e
            .jurisdiction
            .as_ref()
            .is_some_and(|j| j != &rules.jurisdiction);
        if !e.accepts(ledger.subject) || local_elsewhere {
            continue;
        }
        let crits = rules.criteria(&e.code);
        let mut branches: Vec<Option<String>> = Vec::new();
        for c in crits
            .iter()
            .filter(|c| c.applies_to(ledger.subject) && is_history(&c.check))
        {
            if !branches.contains(&c.branch) {
                branches.push(c.branch.clone());
            }
        }
        out.extend(branches.into_iter().map(|b| (e, b)));
    }
    out.sort_by_key(|(e, _)| e.rank);
    out
}

fn extend_projection(sim: &mut Ledger, catalog: &Catalog, t: i32) {
    if !sim.ratings.iter().any(|r| r.year == t) {
        sim.ratings.push(RatingRecord {
            year: t,
            rating: Rating::Excellent,
        });
        for e in catalog
            .entries()
            .iter()
            .filter(|e| e.routine && e.accepts(sim.subject))
        {
            if !sim.awards.iter().any(|a| a.code == e.code && a.year == t) {
                sim.awards.push(AwardRecord::new(e.code.as_str(), t));
            }
        }
    }
    for k in 1..=2 {
        sim.initiatives.push(Initiative {
            id: format!("du-kien-{t}-{k}"),
            name: "Sáng kiến dự kiến".to_owned(),
            year: t,
            level: InitiativeLevel::National,
            research: false,
            applied_in: None,
        });
    }
}

fn proposal(
    rules: &ResolvedRules<'_>,
    entry: &CatalogEntry,
    branch: &Option<String>,
    year: i32,
    date: Date,
) -> Proposal {
    let mut p = Proposal::new(entry.code.as_str(), year, date, rules.jurisdiction.clone());
    p.branch = branch.clone();
    p
}

fn projected_met(ev: &Evaluation) -> bool {
    !ev.checks.iter().any(|c| {
        c.severity == Severity::Blocking
            && c.outcome == Outcome::Fail
            && !NOT_PROJECTED.contains(&c.rule.as_str())
    })
}

fn open_points(ev: &Evaluation, outcome: Outcome) -> Vec<String> {
    ev.checks
        .iter()
        .filter(|c| c.severity == Severity::Blocking && c.outcome == outcome)
        .map(|c| c.message.clone())
        .collect()
}

/// Builds the roadmap of `ledger` from `year`, under `rules` (in force on `date`).
pub fn roadmap(
    rules: &ResolvedRules<'_>,
    catalog: &Catalog,
    ledger: &Ledger,
    year: i32,
    date: Date,
) -> Result<Vec<RoadmapItem>> {
    let targets = targets(rules, catalog, ledger);
    let mut sim = ledger.clone();
    let mut reached: BTreeMap<usize, (i32, Vec<String>)> = BTreeMap::new();
    for t in year..=year + HORIZON_YEARS {
        extend_projection(&mut sim, catalog, t);
        for (i, (entry, branch)) in targets.iter().enumerate() {
            // Honours already projected for this year (e.g. through another branch) are skipped;
            // earlier ones are re-evaluated so repeated awards feed later chains.
            if sim
                .awards
                .iter()
                .any(|a| a.code == entry.code && a.year == t)
            {
                continue;
            }
            let ev = evaluate(
                rules,
                catalog,
                Nominee::new(&sim),
                &proposal(rules, entry, branch, t, date),
            )?;
            if projected_met(&ev) {
                reached
                    .entry(i)
                    .or_insert_with(|| (t, open_points(&ev, Outcome::Unknown)));
                sim.awards.push(AwardRecord::new(entry.code.as_str(), t));
            }
        }
    }
    let mut out = Vec::with_capacity(targets.len());
    for (i, (entry, branch)) in targets.iter().enumerate() {
        let now = evaluate(
            rules,
            catalog,
            Nominee::new(ledger),
            &proposal(rules, entry, branch, year, date),
        )?;
        let mut missing = open_points(&now, Outcome::Fail);
        missing.extend(open_points(&now, Outcome::Unknown));
        let (earliest_year, mut assumptions) = match reached.remove(&i) {
            Some((t, a)) => (Some(t), a),
            None => (None, Vec::new()),
        };
        if earliest_year.is_some_and(|t| t > year || now.verdict != crate::Verdict::Eligible) {
            assumptions.insert(
                0,
                format!("Giả định từ năm {year}: mỗi năm Hoàn thành xuất sắc nhiệm vụ, đạt các danh hiệu hằng năm và có sáng kiến đủ cấp"),
            );
        }
        out.push(RoadmapItem {
            code: entry.code.clone(),
            name: entry.name.clone(),
            branch: branch.clone(),
            eligible_now: now.verdict == crate::Verdict::Eligible,
            earliest_year,
            missing,
            assumptions,
        });
    }
    Ok(out)
}

//! The eligibility engine: for a nominee, a proposed title or form and a date, evaluates every
//! rule of the rule set in force (general checks, then the entry's criteria and branches) and
//! returns Pass / Fail / Unknown per rule with the article and facts, and an overall verdict.

mod general;
mod history;
mod history_checks;
mod other_checks;
pub mod types;

use std::collections::BTreeMap;

use crate::catalog::{Catalog, CatalogEntry};
use crate::criteria::{Check, Criterion, Severity};
use crate::error::Result;
use crate::ledger::Roster;
use crate::ruleset::ResolvedRules;
use history::History;
use history_checks::Found;
use types::{CheckResult, Evaluation, Nominee, Outcome, Proposal, verdict_of};

/// Everything one evaluation reads.
pub(crate) struct Ctx<'r, 'a> {
    pub rules: &'r ResolvedRules<'a>,
    pub catalog: &'r Catalog,
    pub entry: &'r CatalogEntry,
    pub hist: &'r History<'r>,
    pub proposal: &'r Proposal,
    pub roster: Option<&'r Roster>,
}

/// Evaluates `proposal` for `nominee` under `rules` (which must be the rules in force on
/// `proposal.date`; [`crate::Rules::evaluate`] resolves them for you).
pub fn evaluate(
    rules: &ResolvedRules<'_>,
    catalog: &Catalog,
    nominee: Nominee<'_>,
    proposal: &Proposal,
) -> Result<Evaluation> {
    let entry = catalog.get(&proposal.code)?;
    let hist = History::new(nominee.ledger, proposal.date);
    let ctx = Ctx {
        rules,
        catalog,
        entry,
        hist: &hist,
        proposal,
        roster: nominee.roster,
    };
    let mut checks = Vec::with_capacity(16);
    general::run(&ctx, &mut checks);
    criteria(&ctx, &mut checks);
    let verdict = verdict_of(&checks);
    Ok(Evaluation {
        code: entry.code.clone(),
        name: entry.name.clone(),
        year: proposal.year,
        rule_sets: rules.ids().into_iter().map(str::to_owned).collect(),
        checks,
        verdict,
    })
}

fn criteria(ctx: &Ctx<'_, '_>, out: &mut Vec<CheckResult>) {
    let subject = ctx.hist.ledger.subject;
    let all: Vec<&Criterion> = ctx
        .rules
        .criteria(&ctx.entry.code)
        .iter()
        .copied()
        .filter(|c| c.applies_to(subject))
        .collect();
    if all.is_empty() {
        let f = Found::new(
            Outcome::Unknown,
            "tiêu chuẩn của danh hiệu/hình thức này chưa được mã hóa (chưa kiểm chứng văn bản gốc); cần thẩm định thủ công",
        );
        out.push(wrap(
            ctx,
            "criteria_not_encoded",
            &ctx.entry.article,
            Severity::Blocking,
            None,
            f,
        ));
        return;
    }
    let mut branches: BTreeMap<&str, Vec<&Criterion>> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    for c in all.iter().copied() {
        match c.branch.as_deref() {
            None => {
                if let Some(r) = run_criterion(ctx, c, c.severity) {
                    out.push(r);
                }
            }
            Some(b) => {
                if !branches.contains_key(b) {
                    order.push(b);
                }
                branches.entry(b).or_default().push(c);
            }
        }
    }
    if branches.is_empty() {
        return;
    }
    match ctx.proposal.branch.as_deref() {
        Some(chosen) => match branches.get(chosen) {
            Some(list) => out.extend(
                list.iter()
                    .filter_map(|c| run_criterion(ctx, c, c.severity)),
            ),
            None => {
                let f = Found::new(
                    Outcome::Fail,
                    format!(
                        "không có nhánh tiêu chuẩn «{chosen}»; các nhánh: {}",
                        order.join(", ")
                    ),
                );
                out.push(wrap(
                    ctx,
                    "branch",
                    &ctx.entry.article,
                    Severity::Blocking,
                    None,
                    f,
                ));
            }
        },
        None => aggregate_branches(ctx, &order, &branches, out),
    }
}

/// Evaluates all branches as information and adds one blocking result: the best branch.
fn aggregate_branches(
    ctx: &Ctx<'_, '_>,
    order: &[&str],
    branches: &BTreeMap<&str, Vec<&Criterion>>,
    out: &mut Vec<CheckResult>,
) {
    let mut best = Outcome::Fail;
    let mut lines = Vec::new();
    let mut passed = None;
    for b in order {
        let Some(list) = branches.get(b) else {
            continue;
        };
        let results: Vec<CheckResult> = list
            .iter()
            .filter_map(|c| run_criterion(ctx, c, Severity::Info))
            .collect();
        let outcome = results
            .iter()
            .zip(list.iter())
            .filter(|(_, c)| c.severity == Severity::Blocking)
            .map(|(r, _)| r.outcome)
            .min()
            .unwrap_or(Outcome::Pass);
        let label = list
            .iter()
            .find_map(|c| c.branch_label.as_deref())
            .unwrap_or(b);
        lines.push(format!("nhánh {b} ({label}): {}", outcome.label()));
        if outcome == Outcome::Pass && passed.is_none() {
            passed = Some(format!("nhánh {b} ({label})"));
        }
        best = best.max(outcome);
        out.extend(results);
    }
    let detail = match passed {
        Some(p) => format!("đạt theo {p}"),
        None => format!("chưa đạt nhánh tiêu chuẩn nào — {}", lines.join("; ")),
    };
    let article = branches
        .values()
        .flatten()
        .next()
        .map_or(ctx.entry.article.as_str(), |c| c.article.as_str());
    out.push(wrap(
        ctx,
        "branches",
        article,
        Severity::Blocking,
        None,
        Found::new(best, detail),
    ));
}

fn wrap(
    ctx: &Ctx<'_, '_>,
    rule: &str,
    article: &str,
    severity: Severity,
    branch: Option<&str>,
    f: Found,
) -> CheckResult {
    CheckResult {
        rule: rule.to_owned(),
        outcome: f.outcome,
        severity,
        article: article.to_owned(),
        message: format!("{}: {} ({article})", ctx.entry.name, f.detail),
        facts: f.facts,
        branch: branch.map(str::to_owned),
    }
}

fn run_criterion(ctx: &Ctx<'_, '_>, c: &Criterion, severity: Severity) -> Option<CheckResult> {
    let f = run_check(ctx, &c.check)?;
    Some(wrap(
        ctx,
        &c.id,
        &c.article,
        severity,
        c.branch.as_deref(),
        f,
    ))
}

fn run_check(ctx: &Ctx<'_, '_>, check: &Check) -> Option<Found> {
    use history_checks as h;
    use other_checks as o;
    Some(match check {
        Check::Rating { min } => h::rating(ctx, *min),
        Check::NoDiscipline { min_level } => h::no_discipline(ctx, *min_level),
        Check::Assert { key, text } => o::assertion(ctx, key, text),
        Check::AnyOf(options) => any_of(ctx, options),
        Check::Chain { of, years, step } => h::chain(ctx, of, *years, *step),
        Check::Streak { min, years } => h::streak(ctx, *min, *years),
        Check::Initiative {
            min_level,
            count,
            within_years,
        } => h::initiatives(ctx, *min_level, *count, *within_years),
        Check::AfterAward { .. } => h::after_award(ctx, check),
        Check::MembersRatio { of, percent } => o::members_ratio(ctx, of, *percent),
        Check::MembersMinRating { min } => o::members_min_rating(ctx, *min),
        Check::MembersNoDiscipline { min_level } => o::members_no_discipline(ctx, *min_level),
        Check::MembersWithTitle { of, count } => o::members_with_title(ctx, of, *count),
        Check::OncePerLifetime => o::once_per_lifetime(ctx),
        Check::Quota { max } => o::quota(ctx, *max),
        Check::RatioCap { percent } => return o::ratio_cap(ctx, *percent),
        Check::Deadline {
            month,
            day,
            year_offset,
        } => o::deadline(ctx, *month, *day, *year_offset),
    })
}

fn any_of(ctx: &Ctx<'_, '_>, options: &[Check]) -> Found {
    let found: Vec<Found> = options.iter().filter_map(|o| run_check(ctx, o)).collect();
    let best = found
        .iter()
        .map(|f| f.outcome)
        .max()
        .unwrap_or(Outcome::Unknown);
    if let Some(hit) = found.iter().find(|f| f.outcome == Outcome::Pass) {
        return Found::new(Outcome::Pass, hit.detail.clone());
    }
    let parts: Vec<&str> = found.iter().map(|f| f.detail.as_str()).collect();
    Found::new(
        best,
        format!(
            "cần đạt một trong các điều kiện: {}",
            parts.join(" | hoặc ")
        ),
    )
}

//! Year-end batch review: individual proposals first (lowest rank first, so LĐTT and CSTĐCS of
//! the year are known before CSTĐ tỉnh), then the collectives, whose members' titles of the
//! year — including the ones just found eligible — feed the 70 % rule and the "at least one
//! CSTĐCS" rule (LAW.md §1.3: compute the collective title after the individual ones).

use std::collections::BTreeMap;

use crate::catalog::Catalog;
use crate::engine::evaluate;
use crate::engine::types::{Evaluation, Nominee, Proposal, Verdict};
use crate::error::Result;
use crate::ledger::{AwardRecord, Ledger, Roster};
use crate::ruleset::ResolvedRules;

/// One unit nominated in the batch, with the ids of its counted members for the year.
#[derive(Debug, Clone)]
pub struct UnitNomination<'a> {
    /// The unit's ledger.
    pub ledger: &'a Ledger,
    /// Ids of the persons counted as members (⚙ who counts is decided by the caller).
    pub members: Vec<String>,
    /// What the unit is proposed for.
    pub proposals: Vec<Proposal>,
}

/// Evaluations of a batch, in the order given.
#[derive(Debug, Clone)]
pub struct BatchResult {
    /// Per person, per proposal.
    pub people: Vec<Vec<Evaluation>>,
    /// Per unit, per proposal.
    pub units: Vec<Vec<Evaluation>>,
}

/// Evaluates the proposals of one review year. `people` are all persons of the batch (members
/// of the units included) with their own proposals (possibly none). Eligible results are added
/// as provisional awards of `year` before the next, higher proposals and the units are checked.
pub fn evaluate_year(
    rules: &ResolvedRules<'_>,
    catalog: &Catalog,
    year: i32,
    people: &[(&Ledger, Vec<Proposal>)],
    units: &[UnitNomination<'_>],
) -> Result<BatchResult> {
    let mut updated: BTreeMap<&str, Ledger> = BTreeMap::new();
    let mut people_out = Vec::with_capacity(people.len());
    for (ledger, proposals) in people {
        let mut own = (*ledger).clone();
        people_out.push(run_in_rank_order(
            rules, catalog, &mut own, None, proposals, year,
        )?);
        updated.insert(ledger.id.as_str(), own);
    }
    let mut units_out = Vec::with_capacity(units.len());
    for unit in units {
        let members = unit
            .members
            .iter()
            .filter_map(|id| updated.get(id.as_str()));
        let roster = Roster::from_ledgers(year, members);
        let mut own = unit.ledger.clone();
        units_out.push(run_in_rank_order(
            rules,
            catalog,
            &mut own,
            Some(&roster),
            &unit.proposals,
            year,
        )?);
    }
    Ok(BatchResult {
        people: people_out,
        units: units_out,
    })
}

/// Evaluates `proposals` lowest rank first, adding each eligible one of `year` to `ledger` as
/// provisional; returns the evaluations in the original order.
fn run_in_rank_order(
    rules: &ResolvedRules<'_>,
    catalog: &Catalog,
    ledger: &mut Ledger,
    roster: Option<&Roster>,
    proposals: &[Proposal],
    year: i32,
) -> Result<Vec<Evaluation>> {
    let mut order: Vec<usize> = (0..proposals.len()).collect();
    order.sort_by_key(|&i| catalog.get(&proposals[i].code).map_or(u32::MAX, |e| e.rank));
    let mut out: Vec<Option<Evaluation>> = vec![None; proposals.len()];
    for i in order {
        let p = &proposals[i];
        let ev = evaluate(rules, catalog, Nominee { ledger, roster }, p)?;
        if ev.verdict == Verdict::Eligible && p.year == year {
            let mut a = AwardRecord::new(p.code.as_str(), year);
            a.provisional = true;
            a.kind = p.kind;
            a.initiatives.clone_from(&p.initiatives);
            a.achievement_id.clone_from(&p.achievement_id);
            ledger.awards.push(a);
        }
        out[i] = Some(ev);
    }
    Ok(out.into_iter().flatten().collect())
}

//! A unit's score sheet (phiếu chấm điểm): every criterion with what the unit said, what counts now,
//! the points, the evidence, the suggestion from the campaign's progress reports, and every change
//! with its reason; who may see it and who may act on it.

use super::{Loaded, load, scored_unit, unit_path};
use crate::Caller;
use crate::error::{Error, Result};
use serde::Serialize;
use std::collections::HashMap;
use thidua_domain::policy::Action;
use thidua_domain::scoring::input::Answer;
use thidua_domain::scoring::{self, Assessment, Total};
use thidua_store::scoring::CriterionRow;
use thidua_store::scoring_entries::{self as entries, AppealRow, ChangeRow, EntryRow, EvidenceRow};
use thidua_store::{Db, Tx, campaign_parts, campaign_work, units};

/// One criterion on a unit's sheet.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub criterion: CriterionRow,
    pub entry: Option<EntryRow>,
    /// Points that count now, and those of the unit's own assessment.
    pub points: Option<f64>,
    pub self_points: Option<f64>,
    pub evidence: Vec<EvidenceRow>,
    /// Value and target from the campaign's progress reports (rate criteria linked to a target).
    pub suggested: Option<(f64, Option<f64>)>,
    /// Whether the caller may review this criterion for this unit.
    pub may_review: bool,
    /// Cross-scoring: the average points the assessors gave, and how many gave them.
    pub cross: Option<(f64, usize)>,
}

/// A change with the criterion it touched.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    pub row: ChangeRow,
    pub code: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Sheet {
    pub scale: Loaded,
    pub unit_id: String,
    pub unit_name: String,
    pub cluster_name: String,
    pub lines: Vec<Line>,
    pub total: Total,
    pub self_total: Total,
    pub changes: Vec<ChangeView>,
    pub appeals: Vec<AppealRow>,
    pub may_self_assess: bool,
    pub may_review: bool,
    pub may_appeal: bool,
    /// The caller acts for the unit without being its officer (the office entering on its behalf).
    pub on_behalf: bool,
}

/// The answer an entry records now, and the unit's own.
pub fn answer_of(e: &EntryRow) -> Answer {
    Answer {
        precondition_met: e.precondition_met,
        amount: e.amount,
        target: e.target,
    }
}

/// The unit's own answer, if it scored the criterion.
pub fn self_answer_of(e: &EntryRow) -> Option<Answer> {
    Some(Answer {
        precondition_met: e.self_precondition_met?,
        amount: e.self_amount?,
        target: e.self_target,
    })
}

/// What the caller may review of one unit's sheet: everything (the office), or the criteria the
/// scale gives the cluster leader (the officer of the unit's cluster leader — never for the leader's
/// own unit: nobody scores themself).
#[derive(Debug, Clone, Copy)]
pub struct Assessor {
    office: bool,
    leader: bool,
}

impl Assessor {
    pub fn may_review(self, criterion: &CriterionRow) -> bool {
        self.office || (self.leader && criterion.assessor == "cluster_leader")
    }
}

/// The caller as an assessor of `unit_id` (one lookup of the leader's unit per sheet).
pub async fn assessor(
    tx: &mut Tx,
    caller: &Caller,
    scale: &Loaded,
    unit_id: &str,
) -> Result<Assessor> {
    let may = |leader_path: Option<&str>| {
        caller
            .authorize(Action::ReviewScore {
                org_id: caller.org_id(),
                leader_path,
            })
            .is_ok()
    };
    let leader = scale
        .cluster_of(unit_id)
        .and_then(|c| c.row.leader_unit_id.clone())
        .filter(|l| l != unit_id);
    let leader = match leader {
        Some(id) => may(Some(&unit_path(tx, caller, &id).await?)),
        None => false,
    };
    Ok(Assessor {
        office: may(None),
        leader,
    })
}

/// Whether the caller may see the unit's sheet: its own units, the reviewers, anyone once the scale
/// is published or when the scale lets units see each other's scores.
async fn may_see(tx: &mut Tx, caller: &Caller, scale: &Loaded, unit_id: &str) -> Result<bool> {
    let path = unit_path(tx, caller, unit_id).await?;
    if caller
        .authorize(Action::ViewUnit {
            org_id: caller.org_id(),
            unit_path: &path,
        })
        .is_ok()
        || scale.row.status == "published"
        || scale.row.peers_visible
    {
        return Ok(true);
    }
    let a = assessor(tx, caller, scale, unit_id).await?;
    Ok(scale.criteria.iter().any(|c| a.may_review(c)))
}

/// The scored units a unit officer acts for: those in their scope, and — for the officer of a
/// cluster's leading unit — the other members of that cluster when the scale has criteria the cluster
/// leader reviews. Organisation-wide roles get every unit. One query, whatever the scale's size.
pub async fn own_units(db: &Db, caller: &Caller, scale: &Loaded) -> Result<Vec<(String, String)>> {
    let all = scale.units();
    let Some(scope) = caller.actor.read_scope() else {
        return Ok(all);
    };
    let mut tx = db.begin_read().await?;
    let filter = units::UnitFilter {
        scope: Some(scope.to_string()),
        ..Default::default()
    };
    let mine: std::collections::HashSet<String> =
        units::list(&mut tx, caller.org_id(), &filter, 1_000_000)
            .await?
            .into_iter()
            .map(|u| u.id)
            .collect();
    tx.commit().await?;
    let leader_reviews = scale
        .criteria
        .iter()
        .any(|c| c.assessor == "cluster_leader");
    let led: std::collections::HashSet<&str> = scale
        .clusters
        .iter()
        .filter(|c| {
            leader_reviews
                && c.row
                    .leader_unit_id
                    .as_ref()
                    .is_some_and(|l| mine.contains(l))
        })
        .flat_map(|c| c.members.iter().map(|(id, _)| id.as_str()))
        .collect();
    Ok(all
        .into_iter()
        .filter(|(id, _)| mine.contains(id) || led.contains(id.as_str()))
        .collect())
}

/// The scored units whose sheet the caller may open: every unit once published or when the scale
/// lets units see each other's scores, else [`own_units`].
pub async fn openable(db: &Db, caller: &Caller, scale: &Loaded) -> Result<Vec<(String, String)>> {
    if scale.row.status == "published" || scale.row.peers_visible {
        return Ok(scale.units());
    }
    own_units(db, caller, scale).await
}

/// Latest reported value of each (target, unit) of the scale's campaign, with the target's threshold.
async fn suggestions(
    tx: &mut Tx,
    scale: &Loaded,
    unit_id: &str,
) -> Result<HashMap<String, (f64, Option<f64>)>> {
    let mut out = HashMap::new();
    let Some(campaign_id) = &scale.row.campaign_id else {
        return Ok(out);
    };
    if !scale.criteria.iter().any(|c| c.target_id.is_some()) {
        return Ok(out);
    }
    let thresholds: HashMap<String, f64> = campaign_parts::targets(tx, campaign_id)
        .await?
        .into_iter()
        .map(|t| (t.id, t.threshold))
        .collect();
    // Reports come oldest first: the last one seen for a target is the current value.
    for p in campaign_work::progress(tx, campaign_id).await? {
        if p.unit_id.as_deref() == Some(unit_id) {
            out.insert(
                p.target_id.clone(),
                (p.value, thresholds.get(&p.target_id).copied()),
            );
        }
    }
    Ok(out)
}

/// The average points the cross-scoring gave each criterion of a unit, with how many assessors.
async fn cross_points(
    tx: &mut Tx,
    scale: &Loaded,
    unit_id: &str,
) -> Result<HashMap<String, (f64, usize)>> {
    let mut sums: HashMap<String, (f64, usize)> = HashMap::new();
    for r in thidua_store::scoring_cross::entries(tx, &scale.row.id).await? {
        let Some(c) = scale
            .criterion(&r.criterion_id)
            .filter(|_| r.assessed_unit_id == unit_id)
        else {
            continue;
        };
        let a = Answer {
            precondition_met: r.precondition_met,
            amount: r.amount,
            target: r.target,
        };
        let slot = sums.entry(r.criterion_id.clone()).or_default();
        slot.0 += super::points_of(c, &a);
        slot.1 += 1;
    }
    Ok(sums
        .into_iter()
        .map(|(k, (sum, n))| (k, (sum / n as f64, n)))
        .collect())
}

/// Totals of a unit under the scale from its entries (`own`: the unit's own answers).
pub fn totals_of(scale: &Loaded, rows: &[EntryRow], own: bool) -> (Total, HashMap<String, f64>) {
    let s = scale.scale();
    let answers: HashMap<String, Assessment> = rows
        .iter()
        .filter_map(|e| {
            let c = scale.criterion(&e.criterion_id)?;
            let a = if own {
                self_answer_of(e)?
            } else {
                answer_of(e)
            };
            Some((e.criterion_id.clone(), a.assessment(&c.kind)))
        })
        .collect();
    (
        scoring::total(&s, &answers),
        super::points_by_criterion(&s, &answers),
    )
}

/// The unit's sheet on the scale, if the caller may see it.
pub async fn sheet(db: &Db, caller: &Caller, scale_id: &str, unit_id: &str) -> Result<Sheet> {
    let mut tx = db.begin_read().await?;
    let scale = load(&mut tx, caller, scale_id).await?;
    let cluster_name = scored_unit(&scale, unit_id)?.row.name.clone();
    if !may_see(&mut tx, caller, &scale, unit_id).await? {
        return Err(Error::NotFound);
    }
    let rows = entries::of_unit(&mut tx, scale_id, unit_id).await?;
    let evidence = entries::evidence_of_unit(&mut tx, scale_id, unit_id).await?;
    let suggested = suggestions(&mut tx, &scale, unit_id).await?;
    let cross = cross_points(&mut tx, &scale, unit_id).await?;
    let (total, points) = totals_of(&scale, &rows, false);
    let (self_total, self_points) = totals_of(&scale, &rows, true);
    let reviewer = assessor(&mut tx, caller, &scale, unit_id).await?;
    let mut lines = Vec::new();
    for c in &scale.criteria {
        lines.push(Line {
            entry: rows.iter().find(|e| e.criterion_id == c.id).cloned(),
            points: points.get(&c.id).copied(),
            self_points: self_points.get(&c.id).copied(),
            evidence: evidence
                .iter()
                .filter(|e| e.criterion_id == c.id)
                .cloned()
                .collect(),
            suggested: c.target_id.as_ref().and_then(|t| suggested.get(t).copied()),
            may_review: reviewer.may_review(c),
            cross: cross.get(&c.id).copied(),
            criterion: c.clone(),
        });
    }
    let changes = entries::changes_of_unit(&mut tx, scale_id, unit_id)
        .await?
        .into_iter()
        .map(|row| {
            let c = scale.criterion(&row.criterion_id);
            ChangeView {
                code: c.map(|c| c.code.clone()).unwrap_or_default(),
                text: c.map(|c| c.text.clone()).unwrap_or_default(),
                row,
            }
        })
        .collect();
    let appeals = entries::appeals(&mut tx, scale_id)
        .await?
        .into_iter()
        .filter(|a| a.unit_id == unit_id)
        .collect();
    let path = units::get(&mut tx, caller.org_id(), unit_id).await?.path;
    let own = caller
        .authorize(Action::SelfAssess {
            org_id: caller.org_id(),
            unit_path: &path,
        })
        .is_ok();
    tx.commit().await?;
    let today = thidua_domain::date::iso(crate::today());
    Ok(Sheet {
        may_self_assess: own && scale.row.status == "open" && today <= scale.row.self_until,
        may_review: scale.row.status == "review" && lines.iter().any(|l| l.may_review),
        on_behalf: own && caller.actor.read_scope().is_none(),
        may_appeal: own
            && scale.row.status == "published"
            && scale.row.appeal_until.as_ref().is_some_and(|u| &today <= u),
        unit_name: scale.unit_name(unit_id),
        unit_id: unit_id.to_string(),
        cluster_name,
        lines,
        total,
        self_total,
        changes,
        appeals,
        scale,
    })
}

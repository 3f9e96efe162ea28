//! What cross-scoring (chấm chéo) shows, for the pages and the API alike: the board as the caller
//! sees it — every pair for the organisation-wide roles, the pairs of the caller's own units for a
//! unit's officer — and one assessor's scores of the unit it was given, criterion by criterion, with
//! the points each gives.

use super::cross::{Pair, board, given};
use super::{Loaded, points_of, sheet};
use crate::Caller;
use crate::error::Result;
use serde::Serialize;
use thidua_domain::policy::Action;
use thidua_domain::scoring::input::Answer;
use thidua_store::Db;
use thidua_store::scoring::CriterionRow;
use thidua_store::scoring_cross::CrossRow;

/// The board of a scale as the caller sees it.
#[derive(Debug, Clone, Serialize)]
pub struct Board {
    pub scale: Loaded,
    pub pairs: Vec<Pair>,
    /// The scored units the caller acts for (all of them for organisation-wide roles).
    pub mine: Vec<String>,
    /// The caller assigns and takes the average (the standing office).
    pub may_manage: bool,
}

/// The board: who scores whom and how far each got; a unit's officer sees the pairs its units are in.
pub async fn visible_board(db: &Db, caller: &Caller, scale_id: &str) -> Result<Board> {
    let (scale, all) = board(db, caller, scale_id).await?;
    let mine: Vec<String> = sheet::own_units(db, caller, &scale)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let org_wide = caller.actor.read_scope().is_none();
    let pairs = all
        .into_iter()
        .filter(|p| {
            org_wide || mine.contains(&p.assessor_unit_id) || mine.contains(&p.assessed_unit_id)
        })
        .collect();
    let may_manage = caller.can(Action::ManageScoring {
        org_id: caller.org_id(),
    });
    Ok(Board {
        scale,
        pairs,
        mine,
        may_manage,
    })
}

/// One criterion of a pair: what the assessor gave, if anything, and the points it gives.
#[derive(Debug, Clone, Serialize)]
pub struct CrossLine {
    pub criterion: CriterionRow,
    pub given: Option<CrossRow>,
    pub points: Option<f64>,
}

/// One assessor's scores of the unit it was given.
#[derive(Debug, Clone, Serialize)]
pub struct PairView {
    pub scale: Loaded,
    /// Who scores whom, and how far it got.
    pub pair: Pair,
    /// Every criterion of the scale, in its order.
    pub lines: Vec<CrossLine>,
    /// The caller may score for the assessor now (its officer or the office, while under review).
    pub may_score: bool,
}

/// The pair's scores (404 for a pair not assigned or a unit outside the caller's scope).
pub async fn pair(
    db: &Db,
    caller: &Caller,
    scale_id: &str,
    assessor: &str,
    assessed: &str,
) -> Result<PairView> {
    let (scale, mut rows, may_score) = given(db, caller, scale_id, assessor, assessed).await?;
    let lines: Vec<CrossLine> = scale
        .criteria
        .iter()
        .map(|c| {
            let given = rows.remove(&c.id);
            let points = given.as_ref().map(|g| {
                let answer = Answer {
                    precondition_met: g.precondition_met,
                    amount: g.amount,
                    target: g.target,
                };
                points_of(c, &answer)
            });
            CrossLine {
                criterion: c.clone(),
                given,
                points,
            }
        })
        .collect();
    let pair = Pair {
        cluster_name: scale
            .cluster_of(assessed)
            .map(|c| c.row.name.clone())
            .unwrap_or_default(),
        assessor_name: scale.unit_name(assessor),
        assessed_name: scale.unit_name(assessed),
        assessor_unit_id: assessor.into(),
        assessed_unit_id: assessed.into(),
        done: lines.iter().filter(|l| l.given.is_some()).count(),
        total: lines.len(),
    };
    Ok(PairView {
        scale,
        pair,
        lines,
        may_score,
    })
}

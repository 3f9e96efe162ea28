//! Use cases of scoring (chấm điểm, xếp hạng): scales of clusters and blocks, the units'
//! self-assessment with evidence, the review with a reason for every changed score, publication,
//! appeals and the ranking. The arithmetic is `thidua_domain::scoring`'s; here are the checks of who
//! may do what when, and the writes with their audit rows and change history.

pub mod appeals;
pub mod cross;
pub mod cross_views;
pub mod entries;
pub mod export;
pub mod ranking;
pub mod scales;
pub mod sheet;
pub mod totals;
pub mod xlsx;

use crate::Caller;
use crate::error::{Error, Result};
use serde::Serialize;
use std::collections::HashMap;
use thidua_domain::scoring::Scale;
use thidua_domain::scoring::input::{CriterionDraft, GroupDraft, scale_of};
use thidua_store::clusters::{self, ClusterRow};
use thidua_store::scoring::{self as store, CriterionRow, GroupRow, ScaleRow};
use thidua_store::{Tx, units};

/// A cluster a scale scores, with its members.
#[derive(Debug, Clone, Serialize)]
pub struct ScoredCluster {
    pub row: ClusterRow,
    /// (unit id, unit name), in Vietnamese order.
    pub members: Vec<(String, String)>,
}

/// A scale with everything it is made of.
#[derive(Debug, Clone, Serialize)]
pub struct Loaded {
    pub row: ScaleRow,
    pub groups: Vec<GroupRow>,
    pub criteria: Vec<CriterionRow>,
    pub clusters: Vec<ScoredCluster>,
}

impl Loaded {
    /// The checked form of a stored criterion (the shape answers are parsed against).
    pub fn draft_of(c: &CriterionRow) -> CriterionDraft {
        CriterionDraft {
            code: c.code.clone(),
            text: c.text.clone(),
            guidance: c.guidance.clone(),
            kind: c.kind.clone(),
            points: c.points,
            rate_cap: c.rate_cap,
            target_value: c.target_value,
            max_count: c.max_count.and_then(|n| u32::try_from(n).ok()),
            precondition: c.precondition.clone(),
            target_id: c.target_id.clone(),
            assessor: c.assessor.clone(),
            tie_break: c.tie_break.and_then(|n| u32::try_from(n).ok()),
        }
    }

    /// The groups and criteria as drafts, in order (for copying and the arithmetic).
    pub fn group_drafts(&self) -> Vec<GroupDraft> {
        self.groups
            .iter()
            .map(|g| GroupDraft {
                name: g.name.clone(),
                max_points: g.max_points,
                criteria: self
                    .criteria
                    .iter()
                    .filter(|c| c.group_position == g.position)
                    .map(Self::draft_of)
                    .collect(),
            })
            .collect()
    }

    /// The scale the domain arithmetic works on.
    pub fn scale(&self) -> Scale {
        let drafts = self.group_drafts();
        let ids: Vec<String> = self
            .groups
            .iter()
            .flat_map(|g| {
                self.criteria
                    .iter()
                    .filter(move |c| c.group_position == g.position)
                    .map(|c| c.id.clone())
            })
            .collect();
        scale_of(&drafts, &ids, self.row.negative_total)
    }

    pub fn criterion(&self, id: &str) -> Option<&CriterionRow> {
        self.criteria.iter().find(|c| c.id == id)
    }

    /// The cluster a unit is scored in (the first that has it), if any.
    pub fn cluster_of(&self, unit_id: &str) -> Option<&ScoredCluster> {
        self.clusters
            .iter()
            .find(|c| c.members.iter().any(|(id, _)| id == unit_id))
    }

    /// Every unit scored, once, with its name.
    pub fn units(&self) -> Vec<(String, String)> {
        let mut seen = std::collections::HashSet::new();
        self.clusters
            .iter()
            .flat_map(|c| c.members.iter())
            .filter(|(id, _)| seen.insert(id.clone()))
            .cloned()
            .collect()
    }

    pub fn unit_name(&self, unit_id: &str) -> String {
        self.clusters
            .iter()
            .flat_map(|c| c.members.iter())
            .find(|(id, _)| id == unit_id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    }
}

/// Loads a scale of the caller's organisation (404 when it is another's or absent).
pub async fn load(tx: &mut Tx, caller: &Caller, scale_id: &str) -> Result<Loaded> {
    let row = store::get(tx, caller.org_id(), scale_id).await?;
    let groups = store::groups(tx, scale_id).await?;
    let criteria = store::criteria(tx, scale_id).await?;
    let mut scored = Vec::new();
    for cluster_id in store::cluster_ids(tx, scale_id).await? {
        let row = clusters::get(tx, caller.org_id(), &cluster_id).await?;
        let members = clusters::members(tx, &cluster_id)
            .await?
            .into_iter()
            .map(|m| (m.unit_id, m.unit_name))
            .collect();
        scored.push(ScoredCluster { row, members });
    }
    scored.sort_by(|a, b| a.row.name.cmp(&b.row.name));
    Ok(Loaded {
        row,
        groups,
        criteria,
        clusters: scored,
    })
}

/// The path of a unit (for the policy's scope checks).
pub async fn unit_path(tx: &mut Tx, caller: &Caller, unit_id: &str) -> Result<String> {
    Ok(units::get(tx, caller.org_id(), unit_id).await?.path)
}

/// A scored unit of the scale, or 404.
pub fn scored_unit<'a>(scale: &'a Loaded, unit_id: &str) -> Result<&'a ScoredCluster> {
    scale.cluster_of(unit_id).ok_or(Error::NotFound)
}

/// Points of each criterion for one unit's answers (by criterion id).
pub fn points_by_criterion(
    scale: &Scale,
    answers: &HashMap<String, thidua_domain::scoring::Assessment>,
) -> HashMap<String, f64> {
    scale
        .criteria
        .iter()
        .filter_map(|c| {
            answers
                .get(&c.id)
                .map(|a| (c.id.clone(), thidua_domain::scoring::criterion_score(c, a)))
        })
        .collect()
}

/// The signed points an answer gives on one criterion.
pub fn points_of(c: &CriterionRow, a: &thidua_domain::scoring::input::Answer) -> f64 {
    let d = Loaded::draft_of(c);
    let criterion = thidua_domain::scoring::Criterion {
        id: c.id.clone(),
        group: 0,
        kind: thidua_domain::scoring::input::kind_of(&d),
        points: d.points,
    };
    thidua_domain::scoring::criterion_score(&criterion, &a.assessment(&d.kind))
}

/// A refusal of one field, as the use cases return it.
pub fn refuse(field: &str, label: &str, message: impl Into<String>) -> Error {
    let mut v = thidua_domain::Validation::new();
    v.add(field, label, message);
    Error::Invalid(v)
}

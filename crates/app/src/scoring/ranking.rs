//! The ranking of a scale: each cluster or block, and overall — by total, then the scale's tie-break
//! criteria, then a recorded vote; units still equal share a rank until a vote breaks the tie.

use super::{Loaded, load, refuse};
use crate::Audit;
use crate::Caller;
use crate::error::{Error, Result};
use serde::Serialize;
use std::collections::HashMap;
use thidua_domain::policy::Action;
use thidua_domain::scoring::{self, Standing};
use thidua_store::scoring_entries::{self as entries, TieVoteRow, TotalRow};
use thidua_store::{Db, ids};

/// A unit's place.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Place {
    pub rank: usize,
    pub unit_id: String,
    pub unit_name: String,
    pub cluster_name: String,
    pub total: f64,
    /// Points of each group, in the scale's order.
    pub groups: Vec<f64>,
    /// Shares its rank with another unit (a tie a vote may break).
    pub tied: bool,
    pub votes: Option<i64>,
    /// How many criteria have a score.
    pub answered: usize,
}

/// The ranking inside one cluster or block.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClusterRanking {
    pub cluster_id: String,
    pub cluster_name: String,
    pub places: Vec<Place>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Ranking {
    pub scale: Loaded,
    pub clusters: Vec<ClusterRanking>,
    pub overall: Vec<Place>,
}

/// Who may see the ranking: the organisation-wide roles always; unit officers once the scale is
/// published or when the scale lets units see each other's scores.
fn may_see(caller: &Caller, scale: &Loaded) -> bool {
    caller.actor.read_scope().is_none()
        || scale.row.status == "published"
        || scale.row.peers_visible
}

/// Every scored unit's standing from the kept totals (a unit never scored stands at 0), with its group
/// points and how many criteria it answered.
pub fn standings(
    scale: &Loaded,
    totals: &[TotalRow],
    votes: &HashMap<String, i64>,
) -> HashMap<String, (Standing, Vec<f64>, usize)> {
    let kept: HashMap<&str, &TotalRow> = totals.iter().map(|t| (t.unit_id.as_str(), t)).collect();
    let parse = |json: &str| serde_json::from_str::<Vec<f64>>(json).unwrap_or_default();
    scale
        .units()
        .into_iter()
        .map(|(unit_id, _)| {
            let t = kept.get(unit_id.as_str());
            let standing = Standing {
                unit_id: unit_id.clone(),
                total: t.map_or(0.0, |t| t.total),
                tie_values: t.map(|t| parse(&t.ties_json)).unwrap_or_default(),
                votes: votes.get(&unit_id).and_then(|v| u32::try_from(*v).ok()),
            };
            let groups = t
                .map(|t| parse(&t.groups_json))
                .unwrap_or_else(|| vec![0.0; scale.groups.len()]);
            let answered = t.map_or(0, |t| usize::try_from(t.answered).unwrap_or(0));
            (unit_id, (standing, groups, answered))
        })
        .collect()
}

/// Each scored unit's name and cluster name, looked up once (a province's scale has thousands).
fn names(scale: &Loaded) -> HashMap<&str, (&str, &str)> {
    let mut out = HashMap::new();
    for c in &scale.clusters {
        for (id, name) in &c.members {
            out.entry(id.as_str())
                .or_insert((name.as_str(), c.row.name.as_str()));
        }
    }
    out
}

fn places_of(
    members: &[(String, String)],
    all: &HashMap<String, (Standing, Vec<f64>, usize)>,
    names: &HashMap<&str, (&str, &str)>,
) -> Vec<Place> {
    let list: Vec<Standing> = members
        .iter()
        .filter_map(|(id, _)| all.get(id).map(|s| s.0.clone()))
        .collect();
    scoring::rank(&list)
        .into_iter()
        .map(|r| {
            let (groups, answered) = all
                .get(&r.unit_id)
                .map(|(_, g, n)| (g.clone(), *n))
                .unwrap_or_default();
            let (unit_name, cluster_name) =
                names.get(r.unit_id.as_str()).copied().unwrap_or_default();
            Place {
                unit_name: unit_name.to_string(),
                cluster_name: cluster_name.to_string(),
                votes: all
                    .get(&r.unit_id)
                    .and_then(|(s, _, _)| s.votes)
                    .map(i64::from),
                rank: r.rank,
                unit_id: r.unit_id,
                total: r.total,
                groups,
                // Units not scored yet are equal at 0, but there is no tie to break between them.
                tied: r.tied && answered > 0,
                answered,
            }
        })
        .collect()
}

/// The ranking of a scale, per cluster and overall.
pub async fn ranking(db: &Db, caller: &Caller, scale_id: &str) -> Result<Ranking> {
    caller.authorize(Action::UseApp {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let scale = load(&mut tx, caller, scale_id).await?;
    if !may_see(caller, &scale) {
        // Not yet published, and the scale keeps units from each other's scores: whoever asks.
        return Err(Error::Forbidden);
    }
    let totals = entries::totals(&mut tx, scale_id).await?;
    let votes: HashMap<String, i64> = entries::tie_votes(&mut tx, scale_id)
        .await?
        .into_iter()
        .map(|v| (v.unit_id, v.votes))
        .collect();
    tx.commit().await?;
    let all = standings(&scale, &totals, &votes);
    let names = names(&scale);
    let clusters = scale
        .clusters
        .iter()
        .map(|c| ClusterRanking {
            cluster_id: c.row.id.clone(),
            cluster_name: c.row.name.clone(),
            places: places_of(&c.members, &all, &names),
        })
        .collect();
    let overall = places_of(&scale.units(), &all, &names);
    Ok(Ranking {
        scale,
        clusters,
        overall,
    })
}

/// Records the votes that break a remaining tie (the council's or the cluster's meeting).
pub async fn record_votes(
    db: &Db,
    caller: &Caller,
    scale_id: &str,
    votes: &[(String, i64)],
) -> Result<()> {
    caller.authorize(Action::ManageScoring {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let scale = load(&mut tx, caller, scale_id).await?;
    if !matches!(scale.row.status.as_str(), "review" | "published") {
        return Err(refuse(
            "status",
            "Trạng thái",
            "Chỉ ghi kết quả biểu quyết khi đã chấm xong (đang thẩm định hoặc đã công bố).",
        ));
    }
    let mut rows = Vec::new();
    for (unit_id, n) in votes {
        if scale.cluster_of(unit_id).is_none() {
            return Err(Error::NotFound);
        }
        if *n < 0 {
            return Err(refuse("votes", "Số phiếu", "Số phiếu không được âm."));
        }
        let row = TieVoteRow {
            scale_id: scale_id.into(),
            unit_id: unit_id.clone(),
            votes: *n,
            recorded_by_name: caller.author(),
            recorded_at: ids::now(),
        };
        entries::put_tie_vote(&mut tx, &row).await?;
        rows.push(row);
    }
    Audit::new(
        "scoring_scale.tie_votes",
        "scoring_scale",
        scale_id,
        &scale.row.name,
    )
    .after(&rows)
    .write(&mut tx, caller)
    .await?;
    tx.commit().await?;
    Ok(())
}

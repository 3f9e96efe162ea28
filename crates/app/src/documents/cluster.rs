//! The minutes of a cluster's year-end meeting, from what was recorded and the published ranking.

use super::{DocFile, Format, letterhead, number_line};
use crate::Caller;
use crate::cluster_year_end::{self, YearEndView};
use crate::doc_settings::{self, DocSettings};
use crate::error::{Error, Result};
use crate::scoring::ranking;
use thidua_docs::kinds::cluster_minutes::{ClusterMinutes, Place};
use thidua_docs::text::{date_words, parse_iso};
use thidua_store::Db;
use thidua_store::cluster_year_ends::YearEndRow;

fn name_of(y: &YearEndView, id: &str) -> String {
    y.members
        .iter()
        .find(|m| m.unit_id == id)
        .map(|m| m.unit_name.clone())
        .unwrap_or_default()
}

pub use thidua_domain::scoring::points_text as points;

/// The laid out minutes; `places` is the cluster's published ranking, if any.
pub fn layout(
    y: &YearEndView,
    r: &YearEndRow,
    s: &DocSettings,
    places: Vec<Place>,
    scale: String,
) -> ClusterMinutes {
    let held = parse_iso(&r.held_on);
    let mut head = letterhead(s, number_line(None, "BB-CTĐ"), held);
    head.managing_body = s.issuing_body.clone();
    head.issuing_body = y.cluster.name.to_uppercase();
    let chair_unit = y
        .cluster
        .leader_unit_id
        .as_deref()
        .map(|id| name_of(y, id))
        .unwrap_or_default();
    ClusterMinutes {
        head,
        cluster: y.cluster.name.clone(),
        year: i32::try_from(y.cluster.year).unwrap_or(0),
        when: held
            .map(|d| format!("Vào {}", date_words(d)))
            .unwrap_or_default(),
        place: format!("trụ sở {chair_unit}"),
        chair_unit,
        members: y.members.len(),
        present: r.present,
        scale,
        ranking: places,
        leading_unit: name_of(y, &r.leading_unit_id),
        leading_votes: r.leading_votes,
        next_leader: name_of(y, &r.next_leader_unit_id),
        next_deputy: r
            .next_deputy_unit_id
            .as_deref()
            .map(|d| name_of(y, d))
            .unwrap_or_default(),
        repeat_reason: r.repeat_reason.clone().unwrap_or_default(),
        note: r.note.clone(),
    }
}

/// The minutes of the cluster's recorded year-end meeting (404 before it is recorded).
pub async fn year_end_minutes(
    db: &Db,
    caller: &Caller,
    cluster_id: &str,
    format: Format,
) -> Result<DocFile> {
    let y = cluster_year_end::view(db, caller, cluster_id).await?;
    let Some(r) = y.recorded.clone() else {
        return Err(Error::NotFound);
    };
    let s = doc_settings::get(db, caller).await?;
    let (places, scale) = match &r.scale_id {
        Some(id) => match ranking::ranking(db, caller, id).await {
            Ok(rk) => {
                let places = rk
                    .clusters
                    .into_iter()
                    .find(|c| c.cluster_id == cluster_id)
                    .map(|c| c.places)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|p| Place {
                        rank: p.rank,
                        unit: p.unit_name,
                        total: match p.votes {
                            Some(v) => format!("{} ({v} phiếu biểu quyết)", points(p.total)),
                            None => points(p.total),
                        },
                    })
                    .collect();
                (places, rk.scale.row.name)
            }
            Err(_) => (Vec::new(), String::new()),
        },
        None => (Vec::new(), String::new()),
    };
    let doc = thidua_docs::kinds::cluster_minutes::build(&layout(&y, &r, &s, places, scale));
    super::file(
        doc,
        &format!("Bien-ban-tong-ket-cum-{}", y.cluster.year),
        format,
    )
    .await
}

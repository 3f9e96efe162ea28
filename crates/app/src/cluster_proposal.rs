//! The leading unit of a cluster, voted at its year-end meeting, proposed for the Cờ thi đua (or
//! another collective form): a draft nomination by the cluster's leading unit of the year, with the
//! meeting's minutes — the ranking and the vote — attached as the dossier's biên bản. The office
//! completes and submits it like any other.

use crate::Caller;
use crate::campaign_work::Upload;
use crate::cluster_year_end;
use crate::documents::{Format, cluster};
use crate::error::{Error, Result};
use crate::nominations::{self, NominationInput, NominationView};
use thidua_store::Db;
use thidua_store::blobs::BlobStore;

/// Drafts the nomination of the cluster's leading unit for `code` and attaches the minutes.
pub async fn propose(
    db: &Db,
    blobs: &dyn BlobStore,
    caller: &Caller,
    cluster_id: &str,
    code: &str,
) -> Result<NominationView> {
    let y = cluster_year_end::view(db, caller, cluster_id).await?;
    // Those who preside: the office or the leader's officer (who may record, or may propose once recorded).
    if !(y.may_record || y.may_propose) {
        return Err(Error::Forbidden);
    }
    let Some(r) = &y.recorded else {
        let mut v = thidua_domain::Validation::new();
        v.add(
            "recorded",
            "Kết quả tổng kết năm",
            "Hãy ghi kết quả tổng kết năm của cụm, khối trước khi đề nghị khen thưởng đơn vị dẫn đầu.",
        );
        return Err(Error::Invalid(v));
    };
    let leader = y
        .cluster
        .leader_unit_id
        .clone()
        .unwrap_or_else(|| r.leading_unit_id.clone());
    let leading = y
        .members
        .iter()
        .find(|m| m.unit_id == r.leading_unit_id)
        .map(|m| m.unit_name.clone())
        .unwrap_or_default();
    let score = match &y.proposal {
        Some(p) if p.unit_id == r.leading_unit_id => {
            format!(
                " Xếp thứ nhất theo {} ({} điểm).",
                p.scale_name,
                crate::documents::cluster::points(p.total)
            )
        }
        _ => String::new(),
    };
    let input = NominationInput {
        nominating_unit_id: leader,
        nominee_type: "unit".into(),
        unit_id: Some(r.leading_unit_id.clone()),
        code: code.trim().to_string(),
        kind: "merit".into(),
        year: Some(y.cluster.year),
        achievement: format!(
            "{leading} là đơn vị dẫn đầu {} năm {}.{score} Hội nghị tổng kết của cụm, khối biểu quyết {}/{} đơn vị có mặt tán thành.",
            y.cluster.name, y.cluster.year, r.leading_votes, r.present
        ),
        achievement_key: Some(format!("cluster_year_end:{}", r.id)),
        ..Default::default()
    };
    let created = nominations::create(db, caller, &input).await?;
    let minutes = cluster::year_end_minutes(db, caller, cluster_id, Format::Pdf).await?;
    let upload = Upload {
        file_name: minutes.name,
        bytes: minutes.bytes,
    };
    nominations::add_documents(
        db,
        blobs,
        caller,
        &created.row.id,
        "bien_ban",
        None,
        None,
        &[upload],
    )
    .await?;
    Ok(created)
}

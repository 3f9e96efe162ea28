//! The year-end meeting of a cluster or block (tổng kết, bình xét đơn vị dẫn đầu; the Quận 7 plan:
//! "bình xét đơn vị dẫn đầu Cụm, Khối thi đua; bầu Cụm trưởng, Khối trưởng cho năm tiếp theo"): the
//! members present vote the leading unit — proposed from the published ranking — and elect next year's
//! leader and deputy. The leader does not lead again the next year unless the cluster decides so, with
//! its reason. The result sets up next year's cluster.

use crate::Audit;
use crate::Caller;
use crate::error::{Error, Result};
use crate::scoring::ranking;
use serde::{Deserialize, Serialize};
use thidua_domain::Validation;
use thidua_domain::campaign::target::parse_number;
use thidua_domain::date::iso;
use thidua_domain::policy::Action;
use thidua_store::cluster_year_ends::{self as store, YearEndRow};
use thidua_store::clusters::{self, ClusterRow, Member};
use thidua_store::{Db, StoreError, Tx, ids, scoring, units};

/// The meeting's result as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct YearEndInput {
    /// dd/mm/yyyy or yyyy-mm-dd.
    pub held_on: String,
    /// Members present (a number, or its text).
    #[serde(deserialize_with = "thidua_domain::scoring::input::number_text")]
    pub present: String,
    pub leading_unit_id: String,
    /// Votes for the leading unit: more than half of those present.
    #[serde(deserialize_with = "thidua_domain::scoring::input::number_text")]
    pub leading_votes: String,
    pub next_leader_unit_id: String,
    pub next_deputy_unit_id: String,
    /// Why the leader leads again next year (required only then).
    pub repeat_reason: String,
    pub scale_id: String,
    pub note: String,
}

/// The first of the cluster in a published ranking of its year.
#[derive(Debug, Clone, Serialize)]
pub struct Proposal {
    pub unit_id: String,
    pub unit_name: String,
    pub total: f64,
    pub scale_id: String,
    pub scale_name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearEndView {
    pub cluster: ClusterRow,
    pub members: Vec<Member>,
    pub recorded: Option<YearEndRow>,
    pub proposal: Option<Proposal>,
    pub may_record: bool,
    /// The leading unit may be proposed for an award: the office, or the leader's officer, once the
    /// meeting is recorded.
    pub may_propose: bool,
}

async fn leader_path(tx: &mut Tx, caller: &Caller, c: &ClusterRow) -> Result<Option<String>> {
    Ok(match &c.leader_unit_id {
        Some(id) => Some(units::get(tx, caller.org_id(), id).await?.path),
        None => None,
    })
}

/// The cluster's year-end: what was recorded, or the ranking's proposal for the meeting.
pub async fn view(db: &Db, caller: &Caller, cluster_id: &str) -> Result<YearEndView> {
    caller.authorize(Action::ViewClusters {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let cluster = clusters::get(&mut tx, caller.org_id(), cluster_id).await?;
    let members = clusters::members(&mut tx, cluster_id).await?;
    let recorded = store::of_cluster(&mut tx, caller.org_id(), cluster_id).await?;
    let path = leader_path(&mut tx, caller, &cluster).await?;
    let scales = scoring::list(&mut tx, caller.org_id()).await?;
    let mut candidates = Vec::new();
    for s in scales
        .into_iter()
        .filter(|s| s.year == cluster.year && s.status == "published")
    {
        if scoring::cluster_ids(&mut tx, &s.id)
            .await?
            .contains(&cluster.id)
        {
            candidates.push(s);
        }
    }
    tx.commit().await?;
    let mut proposal = None;
    for s in candidates {
        let Ok(r) = ranking::ranking(db, caller, &s.id).await else {
            continue;
        };
        let first = r
            .clusters
            .iter()
            .find(|c| c.cluster_id == cluster.id)
            .and_then(|c| c.places.first().filter(|p| !p.tied).cloned());
        if let Some(p) = first {
            proposal = Some(Proposal {
                unit_id: p.unit_id,
                unit_name: p.unit_name,
                total: p.total,
                scale_id: s.id.clone(),
                scale_name: s.name.clone(),
            });
            break;
        }
    }
    let presides = caller.can(Action::PresideCluster {
        org_id: caller.org_id(),
        leader_path: path.as_deref(),
    });
    let may_record = recorded.is_none() && presides;
    let may_propose = recorded.is_some() && presides;
    Ok(YearEndView {
        cluster,
        members,
        recorded,
        proposal,
        may_record,
        may_propose,
    })
}

fn count(v: &mut Validation, field: &str, label: &str, raw: &str) -> i64 {
    match parse_number(raw) {
        Some(n) if n >= 0.0 && n.fract() == 0.0 => n as i64,
        _ => {
            v.add(field, label, format!("{label} phải là số nguyên không âm."));
            0
        }
    }
}

/// Checks the meeting's result against the cluster's members and the rotation rule.
fn checked(
    input: &YearEndInput,
    cluster: &ClusterRow,
    members: &[Member],
) -> Result<(YearEndRow, Option<String>)> {
    let mut v = Validation::new();
    let member = |id: &str| members.iter().any(|m| m.unit_id == id);
    let held_on = thidua_domain::date::parse(&input.held_on)
        .map(iso)
        .unwrap_or_else(|| {
            v.add(
                "held_on",
                "Ngày họp",
                "Ngày họp phải là một ngày có thật, theo dạng dd/mm/yyyy.",
            );
            String::new()
        });
    let present = count(&mut v, "present", "Số thành viên có mặt", &input.present);
    if present == 0 || present > members.len() as i64 {
        v.add(
            "present",
            "Số thành viên có mặt",
            format!("Phải từ 1 đến {} (số đơn vị thành viên).", members.len()),
        );
    }
    let votes = count(
        &mut v,
        "leading_votes",
        "Số phiếu tán thành",
        &input.leading_votes,
    );
    if !member(&input.leading_unit_id) {
        v.add(
            "leading_unit_id",
            "Đơn vị dẫn đầu",
            "Hãy chọn một đơn vị thành viên của cụm, khối.",
        );
    }
    if votes > present || votes * 2 <= present {
        v.add(
            "leading_votes",
            "Số phiếu tán thành",
            "Số phiếu tán thành phải quá nửa số đơn vị có mặt và không quá số có mặt.",
        );
    }
    if !member(&input.next_leader_unit_id) {
        v.add(
            "next_leader_unit_id",
            "Trưởng cụm, khối năm sau",
            "Hãy chọn một đơn vị thành viên.",
        );
    }
    let deputy = Some(input.next_deputy_unit_id.trim().to_string()).filter(|s| !s.is_empty());
    if let Some(d) = &deputy
        && (!member(d) || *d == input.next_leader_unit_id)
    {
        v.add(
            "next_deputy_unit_id",
            "Phó cụm, khối năm sau",
            "Phó phải là đơn vị thành viên khác với Trưởng.",
        );
    }
    let repeat_reason =
        Some(thidua_domain::text::clean_line(&input.repeat_reason)).filter(|s| !s.is_empty());
    if cluster.leader_unit_id.as_deref() == Some(input.next_leader_unit_id.as_str())
        && repeat_reason.is_none()
    {
        v.add("repeat_reason", "Lý do tiếp tục làm Trưởng", "Trưởng cụm, khối luân phiên hằng năm; nếu cụm thống nhất để đơn vị này tiếp tục làm Trưởng, hãy ghi lý do.");
    }
    let note = thidua_domain::text::clean_line(&input.note);
    let row = YearEndRow {
        id: ids::new_id(),
        org_id: cluster.org_id.clone(),
        cluster_id: cluster.id.clone(),
        held_on,
        scale_id: Some(input.scale_id.trim().to_string()).filter(|s| !s.is_empty()),
        present,
        leading_unit_id: input.leading_unit_id.clone(),
        leading_votes: votes,
        next_leader_unit_id: input.next_leader_unit_id.clone(),
        next_deputy_unit_id: deputy.clone(),
        repeat_reason,
        next_cluster_id: String::new(),
        note,
        recorded_by_name: String::new(),
        created_at: ids::now(),
    };
    v.finish((row, deputy)).map_err(Error::Invalid)
}

/// Records the meeting and sets up next year's cluster (same name, kind and active members; or the
/// existing one of next year gets its new leader and deputy).
pub async fn record(
    db: &Db,
    caller: &Caller,
    cluster_id: &str,
    input: &YearEndInput,
) -> Result<YearEndRow> {
    let mut tx = db.begin().await?;
    let cluster = clusters::get(&mut tx, caller.org_id(), cluster_id).await?;
    let path = leader_path(&mut tx, caller, &cluster).await?;
    caller.authorize(Action::PresideCluster {
        org_id: caller.org_id(),
        leader_path: path.as_deref(),
    })?;
    // Two records at once: the second waits here for the first, then finds it.
    clusters::lock(&mut tx, cluster_id).await?;
    if store::of_cluster(&mut tx, caller.org_id(), cluster_id)
        .await?
        .is_some()
    {
        return Err(already_recorded(&cluster));
    }
    let members = clusters::members(&mut tx, cluster_id).await?;
    let (mut row, deputy) = checked(input, &cluster, &members)?;
    let next = next_cluster(
        &mut tx,
        caller,
        &cluster,
        &members,
        &row.next_leader_unit_id,
        deputy,
    )
    .await?;
    row.next_cluster_id = next.id.clone();
    row.recorded_by_name = caller.author();
    store::insert(&mut tx, &row).await.map_err(|e| match e {
        StoreError::Duplicate(_) => already_recorded(&cluster),
        e => e.into(),
    })?;
    Audit::new("cluster.year_end", "cluster", cluster_id, &cluster.name)
        .after(&crate::with_field(&row, "next_cluster", &next))
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}

/// The refusal of a second record of one cluster's meeting.
fn already_recorded(cluster: &ClusterRow) -> Error {
    let mut v = Validation::new();
    v.add(
        "cluster_id",
        "Cụm, khối",
        format!(
            "{} đã ghi kết quả tổng kết năm {}; kết quả đã ghi không sửa được.",
            cluster.name, cluster.year
        ),
    );
    Error::Invalid(v)
}

async fn next_cluster(
    tx: &mut Tx,
    caller: &Caller,
    cluster: &ClusterRow,
    members: &[Member],
    leader: &str,
    deputy: Option<String>,
) -> Result<ClusterRow> {
    let year = cluster.year + 1;
    let existing = clusters::list(tx, caller.org_id(), Some(year))
        .await?
        .into_iter()
        .find(|c| c.name == cluster.name);
    if let Some(c) = existing {
        let ids: Vec<String> = clusters::members(tx, &c.id)
            .await?
            .into_iter()
            .map(|m| m.unit_id)
            .collect();
        let edited = ClusterRow {
            leader_unit_id: Some(leader.to_string()),
            deputy_unit_id: deputy,
            ..c
        };
        return Ok(clusters::update(tx, &edited, &ids).await?);
    }
    let mut ids = Vec::new();
    for m in members {
        if units::get(tx, caller.org_id(), &m.unit_id)
            .await?
            .valid_to
            .is_none()
        {
            ids.push(m.unit_id.clone());
        }
    }
    let row = ClusterRow::new(
        caller.org_id(),
        year,
        &cluster.kind,
        &cluster.name,
        Some(leader.to_string()),
        deputy,
    );
    clusters::insert(tx, &row, &ids).await?;
    Ok(row)
}

//! Commands on scales: create (empty, copied from last year's, or with groups from a spreadsheet),
//! change a draft's settings and criteria, and move it forward — open for self-assessment, close it
//! for review, publish.

use super::{Loaded, load, refuse};
use crate::Audit;
use crate::Caller;
use crate::error::{Error, Result};
use serde::Deserialize;
use thidua_domain::Validation;
use thidua_domain::campaign::target::parse_number;
use thidua_domain::date::iso;
use thidua_domain::policy::Action;
use thidua_domain::scoring::input::{
    CriterionInput, GroupDraft, GroupInput, may_move, number_text, status_label,
    validate_draft_groups, validate_groups,
};
use thidua_store::scoring::{self as store, CriterionRow, GroupRow, ScaleRow};
use thidua_store::{Db, Tx, campaigns, clusters, ids};

/// A scale's settings as typed; `groups` may be empty (criteria come later, from a spreadsheet or
/// one by one), `copy_from` takes the groups of another scale.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ScaleInput {
    pub name: String,
    #[serde(deserialize_with = "number_text")]
    pub year: String,
    pub campaign_id: String,
    pub cluster_ids: Vec<String>,
    /// Last day of the self-assessment (dd/mm/yyyy or ISO).
    pub self_until: String,
    #[serde(deserialize_with = "number_text")]
    pub appeal_days: String,
    pub negative_total: bool,
    pub peers_visible: bool,
    pub copy_from: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub groups: Vec<GroupInput>,
}

struct Settings {
    name: String,
    year: i64,
    campaign_id: Option<String>,
    cluster_ids: Vec<String>,
    self_until: String,
    appeal_days: i64,
}

async fn checked(tx: &mut Tx, caller: &Caller, input: &ScaleInput) -> Result<Settings> {
    let mut v = Validation::new();
    let name = v.required_text("name", "Tên thang điểm", &input.name, 300);
    let year = match parse_number(&input.year) {
        Some(y) if (2000.0..=2100.0).contains(&y) && y.fract() == 0.0 => y as i64,
        _ => {
            v.add("year", "Năm", "Năm phải là số có bốn chữ số, ví dụ 2024.");
            0
        }
    };
    let self_until = match thidua_domain::date::parse(&input.self_until) {
        Some(d) => iso(d),
        None => {
            v.add(
                "self_until",
                "Hạn tự chấm",
                "Hạn tự chấm phải là một ngày có thật, theo dạng dd/mm/yyyy.",
            );
            String::new()
        }
    };
    let appeal_days = match input.appeal_days.trim() {
        "" => 5,
        raw => match parse_number(raw) {
            Some(n) if (0.0..=60.0).contains(&n) && n.fract() == 0.0 => n as i64,
            _ => {
                v.add(
                    "appeal_days",
                    "Số ngày được kiến nghị",
                    "Phải là số nguyên từ 0 đến 60.",
                );
                0
            }
        },
    };
    let mut cluster_ids: Vec<String> = input
        .cluster_ids
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    cluster_ids.sort();
    cluster_ids.dedup();
    if cluster_ids.is_empty() {
        v.add(
            "cluster_ids",
            "Cụm, khối được chấm",
            "Hãy chọn ít nhất một cụm hoặc khối.",
        );
    }
    for id in &cluster_ids {
        match clusters::get(tx, caller.org_id(), id).await {
            Ok(c) if c.year == year || year == 0 => {}
            Ok(c) => v.add(
                "cluster_ids",
                "Cụm, khối được chấm",
                format!(
                    "«{}» là cụm, khối của năm {}, không phải năm {year}.",
                    c.name, c.year
                ),
            ),
            Err(_) => v.add(
                "cluster_ids",
                "Cụm, khối được chấm",
                "Có cụm, khối không tồn tại.",
            ),
        }
    }
    let campaign_id = Some(input.campaign_id.trim().to_string()).filter(|s| !s.is_empty());
    if let Some(id) = &campaign_id
        && campaigns::get(tx, caller.org_id(), id).await.is_err()
    {
        v.add(
            "campaign_id",
            "Kế hoạch, phong trào",
            "Kế hoạch không tồn tại.",
        );
    }
    v.finish(Settings {
        name,
        year,
        campaign_id,
        cluster_ids,
        self_until,
        appeal_days,
    })
    .map_err(Error::Invalid)
}

/// Checks the campaign targets criteria take their values from: each must be a target of the scale's
/// campaign. Typed links that are not are refused by name (`strict`); links copied from another
/// scale are dropped instead (that scale may follow another plan).
async fn check_targets(
    tx: &mut Tx,
    campaign_id: Option<&str>,
    mut groups: Vec<GroupDraft>,
    strict: bool,
) -> Result<Vec<GroupDraft>> {
    let known: Vec<String> = match campaign_id {
        Some(id) => thidua_store::campaign_parts::targets(tx, id)
            .await?
            .into_iter()
            .map(|t| t.id)
            .collect(),
        None => Vec::new(),
    };
    let mut v = Validation::new();
    for c in groups.iter_mut().flat_map(|g| g.criteria.iter_mut()) {
        if c.target_id.as_ref().is_some_and(|t| !known.contains(t)) {
            if strict {
                v.add(
                    "target_id",
                    &format!("Tiêu chí {}: Chỉ tiêu lấy số liệu", c.code),
                    "Chỉ tiêu này không thuộc kế hoạch của thang điểm (hãy chọn kế hoạch trước, rồi chỉ tiêu của kế hoạch đó).",
                );
            }
            c.target_id = None;
        }
    }
    v.finish(groups).map_err(Error::Invalid)
}

/// The stored rows of checked groups (criteria get new ids).
fn rows_of(scale_id: &str, groups: &[GroupDraft]) -> (Vec<GroupRow>, Vec<CriterionRow>) {
    let mut g_rows = Vec::new();
    let mut c_rows = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let position = gi as i64 + 1;
        g_rows.push(GroupRow {
            scale_id: scale_id.into(),
            position,
            name: g.name.clone(),
            max_points: g.max_points,
        });
        for (ci, c) in g.criteria.iter().enumerate() {
            c_rows.push(CriterionRow {
                id: ids::new_id(),
                scale_id: scale_id.into(),
                group_position: position,
                position: ci as i64 + 1,
                code: c.code.clone(),
                text: c.text.clone(),
                guidance: c.guidance.clone(),
                kind: c.kind.clone(),
                points: c.points,
                rate_cap: c.rate_cap,
                target_value: c.target_value,
                max_count: c.max_count.map(i64::from),
                precondition: c.precondition.clone(),
                target_id: c.target_id.clone(),
                assessor: c.assessor.clone(),
                tie_break: c.tie_break.map(i64::from),
            });
        }
    }
    (g_rows, c_rows)
}

/// Creates a draft scale; its groups are those typed, or those of the scale it copies.
pub async fn create(db: &Db, caller: &Caller, input: &ScaleInput) -> Result<ScaleRow> {
    caller.authorize(Action::ManageScoring {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let s = checked(&mut tx, caller, input).await?;
    let source = match input.copy_from.trim() {
        "" => None,
        id => Some(load(&mut tx, caller, id).await?),
    };
    let groups = match &source {
        Some(src) => {
            check_targets(&mut tx, s.campaign_id.as_deref(), src.group_drafts(), false).await?
        }
        None if input.groups.is_empty() => Vec::new(),
        None => {
            let typed = validate_groups(&input.groups).map_err(Error::Invalid)?;
            check_targets(&mut tx, s.campaign_id.as_deref(), typed, true).await?
        }
    };
    let mut row = ScaleRow::new(
        caller.org_id(),
        s.year,
        &s.name,
        &s.self_until,
        s.appeal_days,
    );
    row.campaign_id = s.campaign_id;
    row.negative_total = source
        .as_ref()
        .map_or(input.negative_total, |l| l.row.negative_total);
    row.peers_visible = input.peers_visible;
    row.copied_from = source.as_ref().map(|l| l.row.id.clone());
    store::insert(&mut tx, &row, &s.cluster_ids).await?;
    let (g_rows, c_rows) = rows_of(&row.id, &groups);
    store::replace_structure(&mut tx, &row.id, &g_rows, &c_rows).await?;
    Audit::new("scoring_scale.create", "scoring_scale", &row.id, &row.name)
        .after(&crate::with_field(&row, "groups", &groups))
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}

/// Changes a draft's settings (and its groups when any are given).
pub async fn update(
    db: &Db,
    caller: &Caller,
    id: &str,
    version: i64,
    input: &ScaleInput,
) -> Result<ScaleRow> {
    caller.authorize(Action::ManageScoring {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let before = load(&mut tx, caller, id).await?;
    let s = checked(&mut tx, caller, input).await?;
    if before.row.status != "draft" && s.year != before.row.year {
        return Err(refuse(
            "year",
            "Năm",
            "Thang điểm đã mở chấm không đổi năm được.",
        ));
    }
    let edited = ScaleRow {
        name: s.name,
        year: s.year,
        campaign_id: s.campaign_id,
        self_until: s.self_until,
        appeal_days: s.appeal_days,
        negative_total: input.negative_total,
        peers_visible: input.peers_visible,
        version,
        ..before.row.clone()
    };
    let after = store::update(&mut tx, &edited).await?;
    if before.row.status == "draft" {
        store::set_clusters(&mut tx, id, &s.cluster_ids).await?;
        if !input.groups.is_empty() {
            let typed = validate_groups(&input.groups).map_err(Error::Invalid)?;
            let groups = check_targets(&mut tx, after.campaign_id.as_deref(), typed, true).await?;
            let (g, c) = rows_of(id, &groups);
            store::replace_structure(&mut tx, id, &g, &c).await?;
        } else if before.row.campaign_id != after.campaign_id {
            // Another plan: links to the former plan's targets no longer hold.
            let kept = check_targets(
                &mut tx,
                after.campaign_id.as_deref(),
                before.group_drafts(),
                false,
            )
            .await?;
            let (g, c) = rows_of(id, &kept);
            store::replace_structure(&mut tx, id, &g, &c).await?;
        }
    }
    Audit::new("scoring_scale.update", "scoring_scale", id, &after.name)
        .before(&before.row)
        .after(&after)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(after)
}

/// The groups of a draft as typed inputs, so one more can be appended and all checked again.
fn inputs_of(loaded: &Loaded) -> Vec<GroupInput> {
    loaded
        .group_drafts()
        .into_iter()
        .map(|g| GroupInput {
            name: g.name,
            max_points: g.max_points.to_string(),
            criteria: g
                .criteria
                .into_iter()
                .map(|c| CriterionInput {
                    code: c.code,
                    text: c.text,
                    guidance: c.guidance,
                    kind: c.kind,
                    points: c.points.to_string(),
                    rate_cap: c.rate_cap.map(|n| n.to_string()).unwrap_or_default(),
                    target_value: c.target_value.map(|n| n.to_string()).unwrap_or_default(),
                    max_count: c.max_count.map(|n| n.to_string()).unwrap_or_default(),
                    precondition: c.precondition.unwrap_or_default(),
                    target_id: c.target_id.unwrap_or_default(),
                    assessor: c.assessor,
                    tie_break: c.tie_break.map(|n| n.to_string()).unwrap_or_default(),
                })
                .collect(),
        })
        .collect()
}

/// What changes in a draft's criteria.
#[derive(Debug, Clone)]
pub enum StructureEdit {
    /// Replace every group (a spreadsheet, the API).
    Replace(Vec<GroupInput>),
    /// Append a group.
    AddGroup(GroupInput),
    /// Append a criterion to the group at `group` (1-based position).
    AddCriterion {
        group: usize,
        criterion: Box<CriterionInput>,
    },
    /// Remove the criterion with this id.
    RemoveCriterion(String),
    /// Remove the group at this position with its criteria.
    RemoveGroup(usize),
}

/// Changes a draft's groups and criteria; every group is checked again as a whole.
pub async fn edit_structure(
    db: &Db,
    caller: &Caller,
    id: &str,
    version: i64,
    edit: StructureEdit,
) -> Result<Loaded> {
    caller.authorize(Action::ManageScoring {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let before = load(&mut tx, caller, id).await?;
    if before.row.status != "draft" {
        return Err(refuse(
            "status",
            "Trạng thái",
            "Chỉ sửa tiêu chí khi thang điểm đang soạn; thang điểm đã mở cho đơn vị tự chấm.",
        ));
    }
    let mut groups = inputs_of(&before);
    match edit {
        StructureEdit::Replace(all) => groups = all,
        StructureEdit::AddGroup(g) => groups.push(g),
        StructureEdit::AddCriterion { group, criterion } => {
            match groups.get_mut(group.wrapping_sub(1)) {
                Some(g) => g.criteria.push(*criterion),
                None => {
                    return Err(refuse(
                        "group",
                        "Nhóm tiêu chí",
                        "Hãy chọn nhóm để thêm tiêu chí.",
                    ));
                }
            }
        }
        StructureEdit::RemoveCriterion(cid) => {
            let Some(c) = before.criterion(&cid) else {
                return Err(Error::NotFound);
            };
            let (gi, ci) = (c.group_position as usize - 1, c.position as usize - 1);
            if let Some(g) = groups.get_mut(gi)
                && ci < g.criteria.len()
            {
                g.criteria.remove(ci);
            }
        }
        StructureEdit::RemoveGroup(position) => {
            if position == 0 || position > groups.len() {
                return Err(Error::NotFound);
            }
            groups.remove(position - 1);
        }
    }
    let drafts = if groups.is_empty() {
        Vec::new()
    } else {
        let typed = validate_draft_groups(&groups).map_err(Error::Invalid)?;
        check_targets(&mut tx, before.row.campaign_id.as_deref(), typed, true).await?
    };
    // The version guards the whole scale: two editors of one draft cannot both succeed.
    store::update(
        &mut tx,
        &ScaleRow {
            version,
            ..before.row.clone()
        },
    )
    .await?;
    let (g, c) = rows_of(id, &drafts);
    store::replace_structure(&mut tx, id, &g, &c).await?;
    Audit::new(
        "scoring_scale.criteria",
        "scoring_scale",
        id,
        &before.row.name,
    )
    .before(&before.group_drafts())
    .after(&drafts)
    .write(&mut tx, caller)
    .await?;
    let after = load(&mut tx, caller, id).await?;
    tx.commit().await?;
    Ok(after)
}

/// Moves a scale forward one state: `open` (units self-assess), `review`, `published`.
pub async fn advance(
    db: &Db,
    caller: &Caller,
    id: &str,
    version: i64,
    to: &str,
) -> Result<ScaleRow> {
    caller.authorize(Action::ManageScoring {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let before = load(&mut tx, caller, id).await?;
    if !may_move(&before.row.status, to) {
        return Err(refuse(
            "status",
            "Trạng thái",
            format!(
                "Thang điểm đang ở bước «{}», không chuyển sang «{}» được.",
                status_label(&before.row.status),
                status_label(to)
            ),
        ));
    }
    if to == "open" && before.criteria.is_empty() {
        return Err(refuse(
            "groups",
            "Tiêu chí",
            "Thang điểm chưa có tiêu chí nào.",
        ));
    }
    if to == "open" && before.units().is_empty() {
        return Err(refuse(
            "cluster_ids",
            "Cụm, khối được chấm",
            "Các cụm, khối được chấm chưa có đơn vị thành viên.",
        ));
    }
    let mut edited = ScaleRow {
        status: to.into(),
        version,
        ..before.row.clone()
    };
    if to == "published" {
        let today = crate::today();
        edited.published_at = Some(ids::now());
        edited.appeal_until = Some(iso(today + time::Duration::days(before.row.appeal_days)));
    }
    let after = store::update(&mut tx, &edited).await?;
    Audit::new(
        &format!("scoring_scale.{to}"),
        "scoring_scale",
        id,
        &after.name,
    )
    .before(&before.row)
    .after(&after)
    .write(&mut tx, caller)
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// The organisation's scales (everyone of the organisation may see that a scale exists).
pub async fn list(db: &Db, caller: &Caller) -> Result<Vec<ScaleRow>> {
    caller.authorize(Action::UseApp {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let rows = store::list(&mut tx, caller.org_id()).await?;
    tx.commit().await?;
    Ok(rows)
}

/// One scale with its groups, criteria and clusters.
pub async fn get(db: &Db, caller: &Caller, id: &str) -> Result<Loaded> {
    caller.authorize(Action::UseApp {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let loaded = load(&mut tx, caller, id).await?;
    tx.commit().await?;
    Ok(loaded)
}

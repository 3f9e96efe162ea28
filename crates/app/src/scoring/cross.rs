//! Cross-scoring inside a cluster (chấm chéo): the office assigns, in each cluster, which members
//! score which — never themselves; while the scale is under review each assessor's officer scores the
//! unit it was given; the leader sees who still has to score whom; the office may take the average of
//! the cross scores as the review (each change kept with that reason).

use super::entries::{self, Checked, EntryInput, Stage, label_of, parse_lines};
use super::{Loaded, load, refuse, scored_unit, unit_path};
use crate::Audit;
use crate::Caller;
use crate::error::{Error, Result};
use serde::Serialize;
use std::collections::HashMap;
use thidua_domain::Validation;
use thidua_domain::policy::Action;
use thidua_store::scoring_cross::{self as store, AssignmentRow, CrossRow};
use thidua_store::{Db, Tx, ids};

/// One assignment and how far it got.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Pair {
    pub cluster_name: String,
    pub assessor_unit_id: String,
    pub assessor_name: String,
    pub assessed_unit_id: String,
    pub assessed_name: String,
    /// Criteria scored of all the scale's criteria.
    pub done: usize,
    pub total: usize,
}

/// Every pair of a scale, cluster by cluster.
pub async fn board(db: &Db, caller: &Caller, scale_id: &str) -> Result<(Loaded, Vec<Pair>)> {
    caller.authorize(Action::UseApp {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let scale = load(&mut tx, caller, scale_id).await?;
    let pairs = store::assignments(&mut tx, scale_id).await?;
    let given = store::entries(&mut tx, scale_id).await?;
    tx.commit().await?;
    let mut done: HashMap<(&str, &str), usize> = HashMap::new();
    for g in &given {
        *done
            .entry((g.assessor_unit_id.as_str(), g.assessed_unit_id.as_str()))
            .or_default() += 1;
    }
    let out = pairs
        .iter()
        .map(|p| Pair {
            cluster_name: scale
                .cluster_of(&p.assessed_unit_id)
                .map(|c| c.row.name.clone())
                .unwrap_or_default(),
            assessor_name: scale.unit_name(&p.assessor_unit_id),
            assessed_name: scale.unit_name(&p.assessed_unit_id),
            done: done
                .get(&(p.assessor_unit_id.as_str(), p.assessed_unit_id.as_str()))
                .copied()
                .unwrap_or(0),
            total: scale.criteria.len(),
            assessor_unit_id: p.assessor_unit_id.clone(),
            assessed_unit_id: p.assessed_unit_id.clone(),
        })
        .collect();
    Ok((scale, out))
}

/// Assigns, in every cluster, each member to score the next `per_unit` members in order (by rotation,
/// so everyone scores and is scored as often); replaces earlier assignments.
pub async fn assign(db: &Db, caller: &Caller, scale_id: &str, per_unit: usize) -> Result<usize> {
    caller.authorize(Action::ManageScoring {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let scale = load(&mut tx, caller, scale_id).await?;
    if !matches!(scale.row.status.as_str(), "open" | "review") {
        return Err(refuse(
            "status",
            "Trạng thái",
            "Chỉ phân công chấm chéo khi thang điểm đang mở hoặc đang thẩm định.",
        ));
    }
    let smallest = scale
        .clusters
        .iter()
        .map(|c| c.members.len())
        .min()
        .unwrap_or(0);
    if per_unit == 0 || per_unit + 1 > smallest {
        return Err(refuse(
            "per_unit",
            "Số đơn vị mỗi đơn vị chấm",
            format!(
                "Phải từ 1 đến {} (số thành viên của cụm nhỏ nhất trừ chính đơn vị).",
                smallest.saturating_sub(1)
            ),
        ));
    }
    let now = ids::now();
    let mut rows = Vec::new();
    for c in &scale.clusters {
        let n = c.members.len();
        for (i, (assessor, _)) in c.members.iter().enumerate() {
            for k in 1..=per_unit {
                rows.push(AssignmentRow {
                    scale_id: scale_id.into(),
                    assessor_unit_id: assessor.clone(),
                    assessed_unit_id: c.members[(i + k) % n].0.clone(),
                    assigned_by_name: caller.author(),
                    assigned_at: now.clone(),
                });
            }
        }
    }
    store::replace_assignments(&mut tx, scale_id, &rows).await?;
    Audit::new(
        "scoring_cross.assign",
        "scoring_scale",
        scale_id,
        &scale.row.name,
    )
    .after(&rows)
    .write(&mut tx, caller)
    .await?;
    tx.commit().await?;
    Ok(rows.len())
}

/// What an assessor gave the unit it scores, by criterion, and whether the caller may score for it now.
pub async fn given(
    db: &Db,
    caller: &Caller,
    scale_id: &str,
    assessor: &str,
    assessed: &str,
) -> Result<(Loaded, HashMap<String, CrossRow>, bool)> {
    let (scale, pairs) = board(db, caller, scale_id).await?;
    if !pairs
        .iter()
        .any(|p| p.assessor_unit_id == assessor && p.assessed_unit_id == assessed)
    {
        return Err(Error::NotFound);
    }
    let mut tx = db.begin_read().await?;
    let path = unit_path(&mut tx, caller, assessor).await?;
    let rows = store::entries(&mut tx, scale_id).await?;
    tx.commit().await?;
    caller.authorize(Action::ViewUnit {
        org_id: caller.org_id(),
        unit_path: &path,
    })?;
    let out = rows
        .into_iter()
        .filter(|r| r.assessor_unit_id == assessor && r.assessed_unit_id == assessed)
        .map(|r| (r.criterion_id.clone(), r))
        .collect();
    let may_score = scale.row.status == "review"
        && caller.can(Action::SelfAssess {
            org_id: caller.org_id(),
            unit_path: &path,
        });
    Ok((scale, out, may_score))
}

/// Refuses a cross-scoring that is not the caller's to do now: oneself, a unit the caller does not act
/// for, a pair not assigned, a scale not under review.
async fn check_pair(
    tx: &mut Tx,
    caller: &Caller,
    scale: &Loaded,
    assessor: &str,
    assessed: &str,
) -> Result<()> {
    scored_unit(scale, assessed)?;
    if assessor == assessed {
        return Err(refuse(
            "assessed_unit_id",
            "Đơn vị được chấm",
            "Đơn vị không chấm chéo cho chính mình.",
        ));
    }
    let path = unit_path(tx, caller, assessor).await?;
    caller.authorize(Action::SelfAssess {
        org_id: caller.org_id(),
        unit_path: &path,
    })?;
    let pairs = store::assignments(tx, &scale.row.id).await?;
    if !pairs
        .iter()
        .any(|p| p.assessor_unit_id == assessor && p.assessed_unit_id == assessed)
    {
        return Err(refuse(
            "assessed_unit_id",
            "Đơn vị được chấm",
            "Đơn vị của bạn không được phân công chấm chéo đơn vị này.",
        ));
    }
    if scale.row.status != "review" {
        return Err(refuse(
            "status",
            "Trạng thái",
            "Chấm chéo khi thang điểm ở bước thẩm định (sau khi các đơn vị tự chấm xong).",
        ));
    }
    Ok(())
}

/// Saves the cross scores the assessor's officer gave the unit it was assigned, while under review.
/// Lines are read as a sheet's are; unchanged ones are skipped. Returns how many changed.
pub async fn save(
    db: &Db,
    caller: &Caller,
    scale_id: &str,
    assessor: &str,
    assessed: &str,
    lines: &[EntryInput],
) -> Result<usize> {
    let mut tx = db.begin().await?;
    let scale = load(&mut tx, caller, scale_id).await?;
    check_pair(&mut tx, caller, &scale, assessor, assessed).await?;
    let mut v = Validation::new();
    let checked = parse_lines(&scale, lines, &mut v);
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    let existing: HashMap<String, CrossRow> = store::entries(&mut tx, scale_id)
        .await?
        .into_iter()
        .filter(|r| r.assessor_unit_id == assessor && r.assessed_unit_id == assessed)
        .map(|r| (r.criterion_id.clone(), r))
        .collect();
    let mut written = 0;
    for line in &checked {
        let before = existing.get(&line.criterion.id);
        if write_one(&mut tx, caller, &scale, (assessor, assessed), line, before).await? {
            written += 1;
        }
    }
    tx.commit().await?;
    Ok(written)
}

/// Writes one cross score unless it is unchanged, with its audit row; a version that no longer
/// matches is a conflict.
async fn write_one(
    tx: &mut Tx,
    caller: &Caller,
    scale: &Loaded,
    (assessor, assessed): (&str, &str),
    line: &Checked<'_>,
    before: Option<&CrossRow>,
) -> Result<bool> {
    if let (Some(b), Some(ver)) = (before, line.input.version)
        && b.version != ver
    {
        return Err(Error::Conflict);
    }
    let a = line.answer;
    let row = CrossRow {
        scale_id: scale.row.id.clone(),
        assessor_unit_id: assessor.into(),
        assessed_unit_id: assessed.into(),
        criterion_id: line.criterion.id.clone(),
        precondition_met: a.precondition_met,
        amount: a.amount,
        target: a.target,
        comment: line.input.note.trim().to_string(),
        by_name: caller.author(),
        version: before.map_or(1, |b| b.version),
        updated_at: ids::now(),
    };
    let unchanged = before.is_some_and(|b| {
        (b.precondition_met, b.amount, b.target, &b.comment)
            == (row.precondition_met, row.amount, row.target, &row.comment)
    });
    if unchanged {
        return Ok(false);
    }
    match before {
        Some(_) => store::update(tx, &row).await?,
        None => store::insert(tx, &row).await?,
    }
    let label = format!(
        "{} — {} chấm {} — {}",
        scale.row.name,
        scale.unit_name(assessor),
        scale.unit_name(assessed),
        label_of(line.criterion)
    );
    Audit::new("scoring_cross.save", "scoring_scale", &scale.row.id, &label)
        .before_opt(before)
        .after(&row)
        .write(tx, caller)
        .await?;
    Ok(true)
}

/// Takes, for every unit and criterion with cross scores, their average as the review (a change with
/// the reason «trung bình điểm chấm chéo của N đơn vị»). Returns how many scores changed.
pub async fn apply_average(db: &Db, caller: &Caller, scale_id: &str) -> Result<usize> {
    caller.authorize(Action::ManageScoring {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let scale = load(&mut tx, caller, scale_id).await?;
    let given = store::entries(&mut tx, scale_id).await?;
    tx.commit().await?;
    if scale.row.status != "review" {
        return Err(refuse(
            "status",
            "Trạng thái",
            "Chỉ lấy điểm chấm chéo khi thang điểm ở bước thẩm định.",
        ));
    }
    let mut by_unit: HashMap<&str, HashMap<&str, Vec<&CrossRow>>> = HashMap::new();
    for g in &given {
        by_unit
            .entry(g.assessed_unit_id.as_str())
            .or_default()
            .entry(g.criterion_id.as_str())
            .or_default()
            .push(g);
    }
    let mut changed = 0;
    for (unit, per_criterion) in by_unit {
        let sheet = super::sheet::sheet(db, caller, scale_id, unit).await?;
        let lines: Vec<EntryInput> = per_criterion
            .into_iter()
            .map(|(criterion, rows)| average_line(&sheet, criterion, &rows))
            .collect();
        changed += entries::save(db, caller, scale_id, unit, Stage::Review, &lines).await?;
    }
    Ok(changed)
}

/// The review line of one criterion: the average of the cross scores, the precondition met when most
/// assessors say so, the current entry's version.
fn average_line(sheet: &super::sheet::Sheet, criterion: &str, rows: &[&CrossRow]) -> EntryInput {
    let n = rows.len().max(1) as f64;
    let met = rows.iter().filter(|r| r.precondition_met).count() * 2 > rows.len();
    let mean = |f: &dyn Fn(&CrossRow) -> Option<f64>| {
        let xs: Vec<f64> = rows.iter().filter_map(|r| f(r)).collect();
        (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
    };
    let line = sheet.lines.iter().find(|l| l.criterion.id == criterion);
    let entry = line.and_then(|l| l.entry.as_ref());
    let whole =
        line.is_some_and(|l| matches!(l.criterion.kind.as_str(), "yes_no" | "deduction" | "bonus"));
    // Counts and yes/no stay whole: the average is rounded to the nearest; points to the hundredth.
    let mut amount = rows.iter().map(|r| r.amount).sum::<f64>() / n;
    if whole {
        amount = amount.round();
    }
    let target = mean(&|r: &CrossRow| r.target);
    let round = |x: f64| ((x * 100.0).round() / 100.0).to_string().replace('.', ",");
    EntryInput {
        criterion_id: criterion.into(),
        precondition_met: Some(met),
        amount: round(amount),
        target: target.map(round).unwrap_or_default(),
        note: format!("Trung bình điểm chấm chéo của {} đơn vị.", rows.len()),
        version: entry.map(|e| e.version),
    }
}

//! Appeals (kiến nghị) against published scores: a unit files one per criterion within the scale's
//! window; the office decides it with a reason and, when it accepts, the corrected score — the only way
//! a published score changes.

use super::sheet::answer_of;
use super::{Loaded, load, refuse, scored_unit, unit_path};
use crate::Audit;
use crate::Caller;
use crate::error::{Error, Result};
use serde::Deserialize;
use thidua_domain::Validation;
use thidua_domain::date::{iso, iso_to_vn};
use thidua_domain::policy::Action;
use thidua_domain::scoring::input::parse_answer;
use thidua_store::scoring_entries::{self as entries, AppealRow, ChangeRow, EntryRow};
use thidua_store::{Db, ids};

/// An appeal as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AppealInput {
    pub criterion_id: String,
    pub text: String,
}

/// Files an appeal on one criterion of a published scale.
pub async fn file(
    db: &Db,
    caller: &Caller,
    scale_id: &str,
    unit_id: &str,
    input: &AppealInput,
) -> Result<AppealRow> {
    let mut tx = db.begin().await?;
    let scale = load(&mut tx, caller, scale_id).await?;
    scored_unit(&scale, unit_id)?;
    let path = unit_path(&mut tx, caller, unit_id).await?;
    caller.authorize(Action::SelfAssess {
        org_id: caller.org_id(),
        unit_path: &path,
    })?;
    let today = iso(crate::today());
    match &scale.row.appeal_until {
        Some(until) if scale.row.status == "published" && &today <= until => {}
        Some(until) if scale.row.status == "published" => {
            return Err(refuse(
                "text",
                "Kiến nghị",
                format!("Đã hết thời hạn kiến nghị (ngày {}).", iso_to_vn(until)),
            ));
        }
        _ => {
            return Err(refuse(
                "text",
                "Kiến nghị",
                "Chỉ kiến nghị sau khi kết quả chấm điểm được công bố.",
            ));
        }
    }
    let mut v = Validation::new();
    let text = v.required_text("text", "Nội dung kiến nghị", &input.text, 4000);
    let Some(c) = scale.criterion(&input.criterion_id) else {
        return Err(refuse(
            "criterion_id",
            "Tiêu chí",
            "Hãy chọn tiêu chí kiến nghị.",
        ));
    };
    let open = entries::appeals(&mut tx, scale_id).await?;
    if open
        .iter()
        .any(|a| a.unit_id == unit_id && a.criterion_id == c.id && a.status == "open")
    {
        v.add(
            "criterion_id",
            "Tiêu chí",
            "Tiêu chí này đã có kiến nghị đang chờ giải quyết.",
        );
    }
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    let row = AppealRow {
        id: ids::new_id(),
        org_id: caller.org_id().into(),
        scale_id: scale_id.into(),
        unit_id: unit_id.into(),
        criterion_id: c.id.clone(),
        text,
        status: "open".into(),
        filed_by_name: caller.author(),
        filed_at: ids::now(),
        decision: None,
        decided_by_name: None,
        decided_at: None,
        version: 1,
    };
    entries::insert_appeal(&mut tx, &row).await?;
    let label = format!(
        "{} — {} — {}",
        scale.row.name,
        scale.unit_name(unit_id),
        c.code
    );
    Audit::new("scoring_appeal.file", "scoring_appeal", &row.id, &label)
        .after(&row)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}

/// The decision on an appeal.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct DecisionInput {
    /// `accepted` or `rejected`.
    pub status: String,
    pub reason: String,
    /// When accepted: the corrected score.
    pub precondition_met: Option<bool>,
    #[serde(deserialize_with = "thidua_domain::scoring::input::number_text")]
    pub amount: String,
    #[serde(deserialize_with = "thidua_domain::scoring::input::number_text")]
    pub target: String,
    pub version: i64,
}

/// Decides an appeal; an accepted one corrects the score (kept as a change of stage `appeal`).
pub async fn decide(
    db: &Db,
    caller: &Caller,
    appeal_id: &str,
    input: &DecisionInput,
) -> Result<AppealRow> {
    caller.authorize(Action::ManageScoring {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let before = entries::appeal(&mut tx, caller.org_id(), appeal_id).await?;
    let scale = load(&mut tx, caller, &before.scale_id).await?;
    let mut v = Validation::new();
    let reason = v.required_text("reason", "Lý do giải quyết", &input.reason, 4000);
    let accepted = match input.status.as_str() {
        "accepted" => true,
        "rejected" => false,
        _ => {
            v.add(
                "status",
                "Kết quả giải quyết",
                "Hãy chọn Chấp nhận hoặc Không chấp nhận.",
            );
            false
        }
    };
    if before.status != "open" {
        return Err(Error::Conflict);
    }
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    if accepted {
        entries::lock_unit(&mut tx, &before.unit_id).await?;
        correct(&mut tx, caller, &scale, &before, input, &reason).await?;
        super::totals::refresh(&mut tx, &scale, &before.unit_id).await?;
    }
    let after = AppealRow {
        status: input.status.clone(),
        decision: Some(reason),
        decided_by_name: Some(caller.author()),
        decided_at: Some(ids::now()),
        version: input.version,
        ..before.clone()
    };
    entries::decide_appeal(&mut tx, &after).await?;
    let label = format!("{} — {}", scale.row.name, scale.unit_name(&before.unit_id));
    Audit::new("scoring_appeal.decide", "scoring_appeal", appeal_id, &label)
        .before(&before)
        .after(&after)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(AppealRow {
        version: after.version + 1,
        ..after
    })
}

/// Writes the corrected score of an accepted appeal.
async fn correct(
    tx: &mut thidua_store::Tx,
    caller: &Caller,
    scale: &Loaded,
    appeal: &AppealRow,
    input: &DecisionInput,
    reason: &str,
) -> Result<()> {
    let Some(c) = scale.criterion(&appeal.criterion_id) else {
        return Err(Error::NotFound);
    };
    let met = input.precondition_met.unwrap_or(true);
    let answer = parse_answer(
        &Loaded::draft_of(c),
        met,
        &input.amount,
        &input.target,
        &format!("Tiêu chí {}", c.code),
    )
    .map_err(|m| refuse("amount", "Điểm sau kiến nghị", m))?;
    let before = entries::get(tx, &scale.row.id, &appeal.unit_id, &c.id).await?;
    let now = ids::now();
    let after = EntryRow {
        precondition_met: answer.precondition_met,
        amount: answer.amount,
        target: answer.target,
        stage: "appeal".into(),
        updated_by_name: caller.author(),
        updated_at: now.clone(),
        ..before.clone().unwrap_or(EntryRow {
            scale_id: scale.row.id.clone(),
            unit_id: appeal.unit_id.clone(),
            criterion_id: c.id.clone(),
            precondition_met: met,
            amount: 0.0,
            target: None,
            self_precondition_met: None,
            self_amount: None,
            self_target: None,
            comment: String::new(),
            stage: "appeal".into(),
            updated_by_name: String::new(),
            version: 1,
            updated_at: now.clone(),
        })
    };
    match &before {
        Some(_) => entries::update(tx, &after).await?,
        None => entries::insert(tx, &after).await?,
    }
    entries::insert_change(
        tx,
        &ChangeRow {
            id: ids::new_id(),
            scale_id: scale.row.id.clone(),
            unit_id: appeal.unit_id.clone(),
            criterion_id: c.id.clone(),
            stage: "appeal".into(),
            before_points: before.as_ref().map(|b| super::points_of(c, &answer_of(b))),
            after_points: super::points_of(c, &answer),
            before_json: before
                .as_ref()
                .and_then(|b| serde_json::to_string(&answer_of(b)).ok()),
            after_json: serde_json::to_string(&answer).unwrap_or_default(),
            reason: reason.into(),
            by_user: caller.user_ref(),
            by_name: caller.author(),
            at: now,
        },
    )
    .await?;
    Ok(())
}

/// The appeals of a scale, for the office that decides them.
pub async fn list(db: &Db, caller: &Caller, scale_id: &str) -> Result<Vec<AppealRow>> {
    caller.authorize(Action::ManageScoring {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    load(&mut tx, caller, scale_id).await?;
    let rows = entries::appeals(&mut tx, scale_id).await?;
    tx.commit().await?;
    Ok(rows)
}

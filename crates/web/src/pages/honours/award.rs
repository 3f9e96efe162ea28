//! The form that edits one award of the history (decision details, revocation), version-checked.

use super::{AddForm, award_input};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::honours::{self as ops, SubjectKind};
use crate::pages::{Layout, render, see_other, version_of};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum_extra::extract::Form;
use thidua_domain::Validation;
use thidua_domain::date::iso_to_vn;

#[derive(Template)]
#[template(path = "honours/award.html")]
struct AwardPage {
    l: Layout,
    back: String,
    subject_name: String,
    f: AddForm,
    entries: Vec<(String, String)>,
    kind_options: Vec<(String, &'static str)>,
    v: Validation,
    conflict: bool,
}

async fn award_page(
    state: &AppState,
    ctx: &Ctx,
    award_id: &str,
    f: Option<AddForm>,
    v: Validation,
    conflict: bool,
) -> AppResult<Response> {
    let ops::AwardToEdit {
        award: a,
        subject: s,
    } = ops::award_to_edit(&state.db, ctx, award_id).await?;
    let kind = s.kind;
    let f = f.unwrap_or_else(|| AddForm {
        code: a.code.clone(),
        year: a.year.to_string(),
        kind: a.kind.clone(),
        decision_no: a.decision_no.clone().unwrap_or_default(),
        decision_date: a
            .decision_date
            .as_deref()
            .map(iso_to_vn)
            .unwrap_or_default(),
        issuer: a.issuer.clone().unwrap_or_default(),
        golden_book_no: a.golden_book_no.map(|n| n.to_string()).unwrap_or_default(),
        achievement_id: a.achievement_id.clone().unwrap_or_default(),
        achievement: a.achievement.clone().unwrap_or_default(),
        revoked: a.revoked.then(|| "1".into()),
        version: a.version.to_string(),
        ..Default::default()
    });
    let r = ops::rules_for(&state.db, ctx.org_id()).await?;
    let entries = r
        .catalog()
        .entries()
        .iter()
        .filter(|e| e.accepts(kind.rules_subject()))
        .map(|e| (e.code.as_str().to_string(), e.name.clone()))
        .collect();
    let kind_options = super::view::kind_options();
    let status = crate::pages::form_status(&v, conflict);
    let active = if kind == SubjectKind::Person {
        "people"
    } else {
        "units"
    };
    Ok(render(
        status,
        &AwardPage {
            l: Layout::new(ctx, active),
            back: format!("{}/{}/honours", kind.base(), s.id),
            subject_name: s.name,
            f,
            entries,
            kind_options,
            v,
            conflict,
        },
    ))
}

/// The form of one award.
pub(super) async fn award_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    award_page(&state, &ctx, &id, None, Validation::new(), false).await
}

/// Saves the award, or shows the form again with what was refused (or the conflict).
pub(super) async fn award_save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<AddForm>,
) -> AppResult<Response> {
    match ops::update_award(
        &state.db,
        &ctx,
        &id,
        version_of(&f.version),
        &award_input(&f),
    )
    .await
    .map_err(AppError::from)
    {
        Ok(a) => {
            let base = if a.subject_type == "person" {
                "/people"
            } else {
                "/units"
            };
            Ok(see_other(
                &format!("{base}/{}/honours", a.subject_id),
                "Đã lưu thay đổi.",
            ))
        }
        Err(AppError::Invalid(v)) => award_page(&state, &ctx, &id, Some(f), v, false).await,
        Err(AppError::Conflict) => {
            award_page(&state, &ctx, &id, Some(f), Validation::new(), true).await
        }
        Err(e) => Err(e),
    }
}

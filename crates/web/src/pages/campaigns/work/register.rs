//! A unit's registration form: the titles it aims for and the targets it commits to.

use super::super::super::{Layout, form_status, render, see_other};
use super::{UnitQuery, own_targets_text};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::campaign_work as ops;
use crate::ops::campaign_work_reads as reads;
use crate::ops::model::{CampaignRow, CommitmentRow, TargetRow};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::HashMap;
use thidua_domain::Validation;
use thidua_domain::campaign::parts::RegistrationInput;
use thidua_domain::campaign::target::{TargetScope, format_number};
use thidua_domain::date::vn;

pub struct TitleOption {
    pub code: String,
    pub name: String,
    pub checked: bool,
}

pub struct CommitmentField {
    pub target_id: String,
    pub text: String,
    pub plan_threshold: String,
    pub measure: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "campaigns/register.html")]
struct RegisterPage {
    l: Layout,
    c: CampaignRow,
    units: Vec<(String, String)>,
    unit_id: String,
    titles: Vec<TitleOption>,
    commitments: Vec<CommitmentField>,
    own_targets: String,
    note: String,
    version: String,
    v: Validation,
    conflict: bool,
    closes: String,
}

/// Form values of a registration: `titles` (repeated), `commit_<target id>`, `own_targets`, `note`.
#[derive(Deserialize, Default)]
pub(super) struct RegisterForm {
    #[serde(default)]
    unit_id: String,
    #[serde(default)]
    titles: Vec<String>,
    #[serde(default)]
    own_targets: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    version: String,
    #[serde(flatten)]
    rest: HashMap<String, String>,
}

/// The collective titles of the organisation's rules, the chosen ones checked.
async fn title_options(
    state: &AppState,
    ctx: &Ctx,
    chosen: &[String],
) -> AppResult<Vec<TitleOption>> {
    let rules = crate::ops::honours::rules_for(&state.db, ctx.org_id()).await?;
    Ok(rules
        .catalog()
        .entries()
        .iter()
        .filter(|e| {
            e.accepts(thidua_rules::Subject::Collective) && e.kind == thidua_rules::EntryKind::Title
        })
        .map(|e| TitleOption {
            code: e.code.as_str().to_string(),
            name: e.name.clone(),
            checked: chosen.iter().any(|c| c == e.code.as_str()),
        })
        .collect())
}

/// The value of a per-unit target's field: the stored commitment, what was typed, or (on a fresh
/// form) the plan's threshold. Shared by the registration and the pact forms.
pub(super) fn commitment_field(
    t: &TargetRow,
    stored: Option<&[CommitmentRow]>,
    typed: &HashMap<String, String>,
    prefill: bool,
) -> CommitmentField {
    let value = match stored {
        Some(items) => items
            .iter()
            .find(|x| x.target_id.as_deref() == Some(t.id.as_str()))
            .map(|x| format_number(x.threshold))
            .unwrap_or_default(),
        None => typed
            .get(&format!("commit_{}", t.id))
            .cloned()
            .unwrap_or_else(|| {
                if prefill {
                    format_number(t.threshold)
                } else {
                    String::new()
                }
            }),
    };
    CommitmentField {
        target_id: t.id.clone(),
        text: t.text.clone(),
        plan_threshold: super::super::threshold_text(
            &t.comparator,
            t.threshold,
            t.measure.as_deref(),
        ),
        measure: t.measure.clone().unwrap_or_default(),
        value,
    }
}

/// The `commit_<target id>` fields of a posted form.
pub(super) fn typed_commitments(rest: &HashMap<String, String>) -> Vec<(String, String)> {
    rest.iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("commit_")
                .map(|t| (t.to_string(), v.clone()))
        })
        .collect()
}

async fn register_page(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    f: RegisterForm,
    (v, conflict): (Validation, bool),
    prefill: bool,
) -> AppResult<Response> {
    let units = reads::my_units(&state.db, ctx, id).await?;
    let unit_id = if f.unit_id.is_empty() {
        units.first().map(|u| u.0.clone()).unwrap_or_default()
    } else {
        f.unit_id.clone()
    };
    let stored = reads::registration_form(&state.db, ctx, id, &unit_id, prefill).await?;
    let chosen: Vec<String> = match &stored.existing {
        Some((r, _)) => r.title_codes(),
        None => f.titles.clone(),
    };
    let titles = title_options(state, ctx, &chosen).await?;
    let commitments = stored
        .targets
        .iter()
        .filter(|t| t.scope == TargetScope::PerUnit.code())
        .map(|t| {
            let items = stored.existing.as_ref().map(|e| e.1.as_slice());
            commitment_field(t, items, &f.rest, prefill)
        })
        .collect();
    let (own_targets, note, version) = match &stored.existing {
        Some((r, items)) => (
            own_targets_text(items.iter().filter(|t| t.target_id.is_none())),
            r.note.clone().unwrap_or_default(),
            r.version.to_string(),
        ),
        None => (f.own_targets.clone(), f.note.clone(), f.version.clone()),
    };
    let page = RegisterPage {
        l: Layout::new(ctx, "campaigns"),
        closes: stored.closes.map(vn).unwrap_or_default(),
        c: stored.campaign,
        units,
        unit_id,
        titles,
        commitments,
        own_targets,
        note,
        version,
        v: v.clone(),
        conflict,
    };
    Ok(render(form_status(&v, conflict), &page))
}

pub(super) async fn register_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<UnitQuery>,
) -> AppResult<Response> {
    if reads::my_units(&state.db, &ctx, &id).await?.is_empty() {
        return Err(AppError::Forbidden);
    }
    let f = RegisterForm {
        unit_id: q.unit.unwrap_or_default(),
        ..Default::default()
    };
    register_page(&state, &ctx, &id, f, (Validation::new(), false), true).await
}

pub(super) async fn register(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<RegisterForm>,
) -> AppResult<Response> {
    let commitments = typed_commitments(&f.rest);
    let input = RegistrationInput {
        unit_id: f.unit_id.clone(),
        titles: f.titles.clone(),
        commitments,
        own_targets: f.own_targets.clone(),
        note: f.note.clone(),
    };
    let version = f.version.trim().parse::<i64>().ok();
    match ops::register(&state.db, &ctx, &id, version, &input)
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(
            &format!("/campaigns/{id}/registrations"),
            "Đã ghi nhận đăng ký thi đua.",
        )),
        Err(AppError::Invalid(v)) => register_page(&state, &ctx, &id, f, (v, false), false).await,
        Err(AppError::Conflict) => {
            register_page(&state, &ctx, &id, f, (Validation::new(), true), false).await
        }
        Err(e) => Err(e),
    }
}

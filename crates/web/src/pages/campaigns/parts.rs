//! Forms of a plan's parts: themes, targets, deadlines (new, edit, delete), award forms and quotas
//! (added and removed on the plan page). A refused form comes back with the message at its field.

use super::super::{Layout, render, see_other, version_of};
use super::show_page;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::campaign_parts as ops;
use crate::ops::campaign_reads::unit_kinds;
use crate::ops::campaigns as campaign_ops;
use crate::ops::model::CampaignRow;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum_extra::extract::Form;
use serde::Deserialize;
use thidua_domain::Validation;
use thidua_domain::campaign::deadline::{Addressees, DeadlineInput, DeadlineKind, Recurrence};
use thidua_domain::campaign::parts::{AwardFormInput, QuotaInput, ThemeInput};
use thidua_domain::campaign::target::{Comparator, TargetInput, TargetScope, format_number};
use thidua_domain::date::iso_to_vn;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/campaigns/{id}/themes", post(create_theme))
        .route("/campaigns/{id}/themes/new", get(new_theme))
        .route("/campaigns/{id}/themes/{tid}", post(update_theme))
        .route("/campaigns/{id}/themes/{tid}/edit", get(edit_theme))
        .route("/campaigns/{id}/themes/{tid}/delete", post(delete_theme))
        .route("/campaigns/{id}/targets", post(create_target))
        .route("/campaigns/{id}/targets/new", get(new_target))
        .route("/campaigns/{id}/targets/{tid}", post(update_target))
        .route("/campaigns/{id}/targets/{tid}/edit", get(edit_target))
        .route("/campaigns/{id}/targets/{tid}/delete", post(delete_target))
        .route("/campaigns/{id}/deadlines", post(create_deadline))
        .route("/campaigns/{id}/deadlines/new", get(new_deadline))
        .route("/campaigns/{id}/deadlines/{did}", post(update_deadline))
        .route("/campaigns/{id}/deadlines/{did}/edit", get(edit_deadline))
        .route(
            "/campaigns/{id}/deadlines/{did}/delete",
            post(delete_deadline),
        )
        .route("/campaigns/{id}/award_forms", post(add_award_form))
        .route(
            "/campaigns/{id}/award_forms/{aid}/delete",
            post(delete_award_form),
        )
        .route("/campaigns/{id}/quotas", post(add_quota))
        .route("/campaigns/{id}/quotas/{qid}/delete", post(delete_quota))
}

async fn campaign_for_edit(state: &AppState, ctx: &Ctx, id: &str) -> AppResult<CampaignRow> {
    Ok(ops::for_edit(&state.db, ctx, id).await?)
}

/// After a refused delete or list change, the plan page shows why (422).
async fn refused(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    e: impl Into<AppError>,
) -> AppResult<Response> {
    let e: AppError = e.into();
    match e {
        AppError::Invalid(v) => show_page(state, ctx, id, None, v).await,
        AppError::Conflict => {
            let mut v = Validation::new();
            v.add("version", "Phiên bản", AppError::Conflict.message());
            show_page(state, ctx, id, None, v).await
        }
        other => Err(other),
    }
}

#[derive(Deserialize, Default)]
struct VersionForm {
    #[serde(default)]
    version: String,
}

// ---- themes ----

#[derive(Deserialize, Default, Clone)]
struct ThemeForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    lead_unit_id: String,
    #[serde(default)]
    lead_name: String,
    #[serde(default)]
    coordinating_ids: Vec<String>,
    #[serde(default)]
    period_from: String,
    #[serde(default)]
    period_to: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    version: String,
}

impl ThemeForm {
    fn input(&self) -> ThemeInput {
        ThemeInput {
            title: self.title.clone(),
            lead_unit_id: self.lead_unit_id.clone(),
            lead_name: self.lead_name.clone(),
            coordinating_ids: self.coordinating_ids.clone(),
            period_from: self.period_from.clone(),
            period_to: self.period_to.clone(),
            description: self.description.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "campaigns/theme_form.html")]
struct ThemePage {
    l: Layout,
    c: CampaignRow,
    heading: &'static str,
    action: String,
    f: ThemeForm,
    v: Validation,
    conflict: bool,
    units: Vec<(String, String)>,
}

#[allow(clippy::too_many_arguments)] // re-rendered from several handlers with these pieces
async fn theme_page(
    state: &AppState,
    ctx: &Ctx,
    c: CampaignRow,
    heading: &'static str,
    action: String,
    f: ThemeForm,
    v: Validation,
    conflict: bool,
) -> AppResult<Response> {
    let units = super::super::unit_options(state, ctx, |_| true).await?;
    Ok(render(
        super::super::form_status(&v, conflict),
        &ThemePage {
            l: Layout::new(ctx, "campaigns"),
            c,
            heading,
            action,
            f,
            v,
            conflict,
            units,
        },
    ))
}

async fn new_theme(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let c = campaign_for_edit(&state, &ctx, &id).await?;
    theme_page(
        &state,
        &ctx,
        c,
        "Thêm chuyên đề",
        format!("/campaigns/{id}/themes"),
        ThemeForm::default(),
        Validation::new(),
        false,
    )
    .await
}

async fn create_theme(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ThemeForm>,
) -> AppResult<Response> {
    match ops::add_theme(&state.db, &ctx, &id, &f.input())
        .await
        .map_err(AppError::from)
    {
        Ok(t) => Ok(see_other(
            &format!("/campaigns/{id}#themes"),
            &format!("Đã thêm chuyên đề \u{201c}{}\u{201d}.", t.title),
        )),
        Err(AppError::Invalid(v)) if v.message_for("status").is_none() => {
            let c = campaign_for_edit(&state, &ctx, &id).await?;
            theme_page(
                &state,
                &ctx,
                c,
                "Thêm chuyên đề",
                format!("/campaigns/{id}/themes"),
                f,
                v,
                false,
            )
            .await
        }
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}

async fn edit_theme(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, tid)): Path<(String, String)>,
) -> AppResult<Response> {
    let (c, t, coordinating_ids) = ops::theme_for_edit(&state.db, &ctx, &id, &tid).await?;
    let f = ThemeForm {
        title: t.title,
        lead_unit_id: t.lead_unit_id.unwrap_or_default(),
        lead_name: t.lead_name.unwrap_or_default(),
        coordinating_ids,
        period_from: t.period_from.as_deref().map(iso_to_vn).unwrap_or_default(),
        period_to: t.period_to.as_deref().map(iso_to_vn).unwrap_or_default(),
        description: t.description.unwrap_or_default(),
        version: t.version.to_string(),
    };
    theme_page(
        &state,
        &ctx,
        c,
        "Sửa chuyên đề",
        format!("/campaigns/{id}/themes/{tid}"),
        f,
        Validation::new(),
        false,
    )
    .await
}

async fn update_theme(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, tid)): Path<(String, String)>,
    Form(f): Form<ThemeForm>,
) -> AppResult<Response> {
    let action = format!("/campaigns/{id}/themes/{tid}");
    match ops::update_theme(
        &state.db,
        &ctx,
        &id,
        &tid,
        version_of(&f.version),
        &f.input(),
    )
    .await
    .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(
            &format!("/campaigns/{id}#themes"),
            "Đã lưu chuyên đề.",
        )),
        Err(AppError::Invalid(v)) if v.message_for("status").is_none() => {
            let c = campaign_for_edit(&state, &ctx, &id).await?;
            theme_page(&state, &ctx, c, "Sửa chuyên đề", action, f, v, false).await
        }
        Err(AppError::Conflict) => {
            let c = campaign_for_edit(&state, &ctx, &id).await?;
            theme_page(
                &state,
                &ctx,
                c,
                "Sửa chuyên đề",
                action,
                f,
                Validation::new(),
                true,
            )
            .await
        }
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}

async fn delete_theme(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, tid)): Path<(String, String)>,
    Form(f): Form<VersionForm>,
) -> AppResult<Response> {
    match ops::delete_theme(&state.db, &ctx, &id, &tid, version_of(&f.version)).await {
        Ok(()) => Ok(see_other(
            &format!("/campaigns/{id}#themes"),
            "Đã xóa chuyên đề.",
        )),
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}

// ---- targets ----

#[derive(Deserialize, Default, Clone)]
struct TargetForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    comparator: String,
    #[serde(default)]
    threshold: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    theme_id: String,
    #[serde(default)]
    version: String,
}

impl TargetForm {
    fn input(&self) -> TargetInput {
        TargetInput {
            text: self.text.clone(),
            comparator: self.comparator.clone(),
            threshold: self.threshold.clone(),
            unit: self.unit.clone(),
            scope: self.scope.clone(),
            theme_id: self.theme_id.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "campaigns/target_form.html")]
struct TargetPage {
    l: Layout,
    c: CampaignRow,
    heading: &'static str,
    action: String,
    f: TargetForm,
    v: Validation,
    conflict: bool,
    comparators: Vec<(&'static str, &'static str)>,
    scopes: Vec<(&'static str, &'static str)>,
    themes: Vec<(String, String)>,
}

#[allow(clippy::too_many_arguments)] // re-rendered from several handlers with these pieces
async fn target_page(
    state: &AppState,
    ctx: &Ctx,
    c: CampaignRow,
    heading: &'static str,
    action: String,
    f: TargetForm,
    v: Validation,
    conflict: bool,
) -> AppResult<Response> {
    let themes = ops::themes(&state.db, ctx, &c.id)
        .await?
        .into_iter()
        .map(|t| (t.id, t.title))
        .collect();
    let comparators = Comparator::ALL
        .iter()
        .map(|x| (x.code(), x.label()))
        .collect();
    let scopes = [TargetScope::Body, TargetScope::PerUnit]
        .iter()
        .map(|x| (x.code(), x.label()))
        .collect();
    Ok(render(
        super::super::form_status(&v, conflict),
        &TargetPage {
            l: Layout::new(ctx, "campaigns"),
            c,
            heading,
            action,
            f,
            v,
            conflict,
            comparators,
            scopes,
            themes,
        },
    ))
}

async fn new_target(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let c = campaign_for_edit(&state, &ctx, &id).await?;
    let f = TargetForm {
        comparator: ">=".into(),
        scope: "body".into(),
        ..Default::default()
    };
    target_page(
        &state,
        &ctx,
        c,
        "Thêm chỉ tiêu",
        format!("/campaigns/{id}/targets"),
        f,
        Validation::new(),
        false,
    )
    .await
}

async fn create_target(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<TargetForm>,
) -> AppResult<Response> {
    match ops::add_target(&state.db, &ctx, &id, &f.input())
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(
            &format!("/campaigns/{id}#targets"),
            "Đã thêm chỉ tiêu.",
        )),
        Err(AppError::Invalid(v)) if v.message_for("status").is_none() => {
            let c = campaign_for_edit(&state, &ctx, &id).await?;
            target_page(
                &state,
                &ctx,
                c,
                "Thêm chỉ tiêu",
                format!("/campaigns/{id}/targets"),
                f,
                v,
                false,
            )
            .await
        }
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}

async fn edit_target(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, tid)): Path<(String, String)>,
) -> AppResult<Response> {
    let (c, t) = ops::target_for_edit(&state.db, &ctx, &id, &tid).await?;
    let f = TargetForm {
        text: t.text,
        comparator: t.comparator,
        threshold: format_number(t.threshold),
        unit: t.measure.unwrap_or_default(),
        scope: t.scope,
        theme_id: t.theme_id.unwrap_or_default(),
        version: t.version.to_string(),
    };
    target_page(
        &state,
        &ctx,
        c,
        "Sửa chỉ tiêu",
        format!("/campaigns/{id}/targets/{tid}"),
        f,
        Validation::new(),
        false,
    )
    .await
}

async fn update_target(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, tid)): Path<(String, String)>,
    Form(f): Form<TargetForm>,
) -> AppResult<Response> {
    let action = format!("/campaigns/{id}/targets/{tid}");
    match ops::update_target(
        &state.db,
        &ctx,
        &id,
        &tid,
        version_of(&f.version),
        &f.input(),
    )
    .await
    .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(
            &format!("/campaigns/{id}#targets"),
            "Đã lưu chỉ tiêu.",
        )),
        Err(AppError::Invalid(v)) if v.message_for("status").is_none() => {
            let c = campaign_for_edit(&state, &ctx, &id).await?;
            target_page(&state, &ctx, c, "Sửa chỉ tiêu", action, f, v, false).await
        }
        Err(AppError::Conflict) => {
            let c = campaign_for_edit(&state, &ctx, &id).await?;
            target_page(
                &state,
                &ctx,
                c,
                "Sửa chỉ tiêu",
                action,
                f,
                Validation::new(),
                true,
            )
            .await
        }
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}

async fn delete_target(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, tid)): Path<(String, String)>,
    Form(f): Form<VersionForm>,
) -> AppResult<Response> {
    match ops::delete_target(&state.db, &ctx, &id, &tid, version_of(&f.version)).await {
        Ok(()) => Ok(see_other(
            &format!("/campaigns/{id}#targets"),
            "Đã xóa chỉ tiêu.",
        )),
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}

// ---- deadlines ----

#[derive(Deserialize, Default, Clone)]
struct DeadlineForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    what: String,
    #[serde(default)]
    opens_on: String,
    #[serde(default)]
    due_on: String,
    #[serde(default)]
    recurrence: String,
    #[serde(default)]
    repeat_until: String,
    #[serde(default)]
    addressees: String,
    #[serde(default)]
    unit_kind: String,
    #[serde(default)]
    unit_id: String,
    #[serde(default)]
    recipient: String,
    #[serde(default)]
    version: String,
}

impl DeadlineForm {
    fn input(&self) -> DeadlineInput {
        DeadlineInput {
            kind: self.kind.clone(),
            what: self.what.clone(),
            opens_on: self.opens_on.clone(),
            due_on: self.due_on.clone(),
            recurrence: self.recurrence.clone(),
            repeat_until: self.repeat_until.clone(),
            addressees: self.addressees.clone(),
            unit_kind: self.unit_kind.clone(),
            unit_id: self.unit_id.clone(),
            recipient: self.recipient.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "campaigns/deadline_form.html")]
struct DeadlinePage {
    l: Layout,
    c: CampaignRow,
    heading: &'static str,
    action: String,
    f: DeadlineForm,
    v: Validation,
    conflict: bool,
    period: String,
    kinds: Vec<(&'static str, &'static str)>,
    recurrences: Vec<(&'static str, &'static str)>,
    addressees: Vec<(&'static str, &'static str)>,
    unit_kinds: Vec<(String, String)>,
    units: Vec<(String, String)>,
}

#[allow(clippy::too_many_arguments)] // re-rendered from several handlers with these pieces
async fn deadline_page(
    state: &AppState,
    ctx: &Ctx,
    c: CampaignRow,
    heading: &'static str,
    action: String,
    f: DeadlineForm,
    v: Validation,
    conflict: bool,
) -> AppResult<Response> {
    let units = super::super::unit_options(state, ctx, |_| true).await?;
    let unit_kinds = unit_kinds(&state.db)
        .await?
        .into_iter()
        .map(|k| (k.code, k.name))
        .collect();
    let page = DeadlinePage {
        l: Layout::new(ctx, "campaigns"),
        period: super::span(&c.period_from, &c.period_to),
        c,
        heading,
        action,
        f,
        v: v.clone(),
        conflict,
        kinds: DeadlineKind::ALL
            .iter()
            .map(|k| (k.code(), k.label()))
            .collect(),
        recurrences: Recurrence::ALL
            .iter()
            .map(|r| (r.code(), r.label()))
            .collect(),
        addressees: Addressees::ALL
            .iter()
            .map(|a| (a.code(), a.label()))
            .collect(),
        unit_kinds,
        units,
    };
    Ok(render(super::super::form_status(&v, conflict), &page))
}

async fn new_deadline(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let c = campaign_for_edit(&state, &ctx, &id).await?;
    let f = DeadlineForm {
        kind: "other".into(),
        recurrence: "once".into(),
        addressees: "all".into(),
        ..Default::default()
    };
    deadline_page(
        &state,
        &ctx,
        c,
        "Thêm thời hạn",
        format!("/campaigns/{id}/deadlines"),
        f,
        Validation::new(),
        false,
    )
    .await
}

async fn create_deadline(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<DeadlineForm>,
) -> AppResult<Response> {
    match ops::add_deadline(&state.db, &ctx, &id, &f.input())
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(
            &format!("/campaigns/{id}#deadlines"),
            "Đã thêm thời hạn.",
        )),
        Err(AppError::Invalid(v)) if v.message_for("status").is_none() => {
            let c = campaign_for_edit(&state, &ctx, &id).await?;
            deadline_page(
                &state,
                &ctx,
                c,
                "Thêm thời hạn",
                format!("/campaigns/{id}/deadlines"),
                f,
                v,
                false,
            )
            .await
        }
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}

async fn edit_deadline(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, did)): Path<(String, String)>,
) -> AppResult<Response> {
    let (c, d) = ops::deadline_for_edit(&state.db, &ctx, &id, &did).await?;
    let f = DeadlineForm {
        kind: d.kind,
        what: d.what,
        opens_on: d.opens_on.as_deref().map(iso_to_vn).unwrap_or_default(),
        due_on: iso_to_vn(&d.due_on),
        recurrence: d.recurrence,
        repeat_until: d.repeat_until.as_deref().map(iso_to_vn).unwrap_or_default(),
        addressees: d.addressees,
        unit_kind: d.unit_kind.unwrap_or_default(),
        unit_id: d.unit_id.unwrap_or_default(),
        recipient: d.recipient.unwrap_or_default(),
        version: d.version.to_string(),
    };
    deadline_page(
        &state,
        &ctx,
        c,
        "Sửa thời hạn",
        format!("/campaigns/{id}/deadlines/{did}"),
        f,
        Validation::new(),
        false,
    )
    .await
}

async fn update_deadline(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, did)): Path<(String, String)>,
    Form(f): Form<DeadlineForm>,
) -> AppResult<Response> {
    let action = format!("/campaigns/{id}/deadlines/{did}");
    match ops::update_deadline(
        &state.db,
        &ctx,
        &id,
        &did,
        version_of(&f.version),
        &f.input(),
    )
    .await
    .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(
            &format!("/campaigns/{id}#deadlines"),
            "Đã lưu thời hạn.",
        )),
        Err(AppError::Invalid(v)) if v.message_for("status").is_none() => {
            let c = campaign_for_edit(&state, &ctx, &id).await?;
            deadline_page(&state, &ctx, c, "Sửa thời hạn", action, f, v, false).await
        }
        Err(AppError::Conflict) => {
            let c = campaign_for_edit(&state, &ctx, &id).await?;
            deadline_page(
                &state,
                &ctx,
                c,
                "Sửa thời hạn",
                action,
                f,
                Validation::new(),
                true,
            )
            .await
        }
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}

async fn delete_deadline(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, did)): Path<(String, String)>,
    Form(f): Form<VersionForm>,
) -> AppResult<Response> {
    match ops::delete_deadline(&state.db, &ctx, &id, &did, version_of(&f.version)).await {
        Ok(()) => Ok(see_other(
            &format!("/campaigns/{id}#deadlines"),
            "Đã xóa thời hạn.",
        )),
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}

// ---- award forms and quotas (inline on the plan page) ----

#[derive(Deserialize, Default)]
struct AwardFormForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    catalog_code: String,
    #[serde(default)]
    criteria: String,
}

async fn add_award_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<AwardFormForm>,
) -> AppResult<Response> {
    let input = AwardFormInput {
        name: f.name,
        catalog_code: f.catalog_code,
        criteria: f.criteria,
    };
    match campaign_ops::add_award_form(&state.db, &ctx, &id, &input).await {
        Ok(a) => Ok(see_other(
            &format!("/campaigns/{id}#awards"),
            &format!("Đã thêm hình thức \u{201c}{}\u{201d}.", a.name),
        )),
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}

async fn delete_award_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, aid)): Path<(String, String)>,
) -> AppResult<Response> {
    match campaign_ops::delete_award_form(&state.db, &ctx, &id, &aid).await {
        Ok(()) => Ok(see_other(
            &format!("/campaigns/{id}#awards"),
            "Đã xóa hình thức khen thưởng.",
        )),
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}

#[derive(Deserialize, Default)]
struct QuotaForm {
    #[serde(default)]
    who: String,
    #[serde(default)]
    unit_kind: String,
    #[serde(default)]
    unit_id: String,
    #[serde(default)]
    award_form: String,
    #[serde(default)]
    collectives_max: String,
    #[serde(default)]
    individuals_max: String,
}

async fn add_quota(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<QuotaForm>,
) -> AppResult<Response> {
    let input = QuotaInput {
        who: f.who,
        unit_kind: f.unit_kind,
        unit_id: f.unit_id,
        award_form: f.award_form,
        collectives_max: f.collectives_max,
        individuals_max: f.individuals_max,
    };
    match campaign_ops::add_quota(&state.db, &ctx, &id, &input).await {
        Ok(_) => Ok(see_other(
            &format!("/campaigns/{id}#awards"),
            "Đã thêm số lượng đề nghị tối đa.",
        )),
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}

async fn delete_quota(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, qid)): Path<(String, String)>,
) -> AppResult<Response> {
    match campaign_ops::delete_quota(&state.db, &ctx, &id, &qid).await {
        Ok(()) => Ok(see_other(&format!("/campaigns/{id}#awards"), "Đã xóa.")),
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}

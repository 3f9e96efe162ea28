//! Pages of nominations: the list with filters, the dashboard of counts and bulk appraisal (all or
//! nothing, the use case of `POST /api/v1/nominations/bulk`); the form of
//! a draft. The nomination itself (dossier, timeline, steps) is in [`show`].

mod show;

use super::{Layout, form_status, local_time, render, see_other, unit_options};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::model::NominationFilter;
use crate::ops::nominations::{self as ops, KINDS, NominationInput, NominationView};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum_extra::extract::Form;
use serde::Deserialize;
use thidua_domain::Validation;
use thidua_domain::nomination::NominationStatus;
use thidua_domain::policy::Action;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/nominations", get(list).post(create))
        .route("/nominations/new", get(new_form))
        .route("/nominations/bulk", post(bulk))
        .route("/nominations/{id}/edit", get(edit_form).post(update))
        .merge(show::routes())
}

/// One row of the list.
pub struct Line {
    pub id: String,
    pub version: i64,
    pub nominee: String,
    pub nominee_type: &'static str,
    pub unit: String,
    pub form: String,
    pub year: i64,
    pub status: String,
    pub status_label: &'static str,
    pub updated: String,
}

impl From<NominationView> for Line {
    fn from(v: NominationView) -> Self {
        Line {
            status_label: ops::status_label(&v.row.status),
            nominee_type: ops::nominee_type_label(&v.row.nominee_type),
            id: v.row.id,
            version: v.row.version,
            nominee: v.nominee_name,
            unit: v.unit_name,
            form: v.code_name,
            year: v.row.year,
            status: v.row.status,
            updated: local_time(&v.row.updated_at),
        }
    }
}

#[derive(Template)]
#[template(path = "nominations/list.html")]
struct ListPage {
    l: Layout,
    rows: Vec<Line>,
    /// More matched than are shown (the newest [`SHOWN`]).
    more: bool,
    counts: Vec<(&'static str, &'static str, i64)>,
    statuses: Vec<(&'static str, &'static str)>,
    campaigns: Vec<(String, String)>,
    units: Vec<(String, String)>,
    codes: Vec<(String, String)>,
    q: ListQuery,
    can_nominate: bool,
    can_appraise: bool,
    errors: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    campaign_id: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    unit_id: String,
    /// `1`: only those waiting for appraisal.
    #[serde(default)]
    pending: String,
    #[serde(default)]
    ok: Option<String>,
}

fn some(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

async fn launched_campaigns(state: &AppState, ctx: &Ctx) -> AppResult<Vec<(String, String)>> {
    let rows = crate::ops::campaigns::list(
        &state.db,
        ctx,
        None,
        Some(thidua_domain::campaign::CampaignStatus::Launched),
        None,
    )
    .await?;
    Ok(rows.into_iter().map(|c| (c.id, c.title)).collect())
}

/// The forms of the organisation's catalog (its edited copy when it has one): (code, name).
async fn catalog_codes(state: &AppState, ctx: &Ctx) -> AppResult<Vec<(String, String)>> {
    let rules = crate::ops::rules_cache::rules_for(&state.db, ctx.org_id()).await?;
    Ok(rules
        .catalog()
        .entries()
        .iter()
        .map(|e| (e.code.as_str().to_string(), e.name.clone()))
        .collect())
}

/// Nominations a list page shows: the most recently updated; filters narrow the rest down.
const SHOWN: usize = 100;

async fn list_page(
    state: &AppState,
    ctx: &Ctx,
    q: ListQuery,
    errors: Vec<String>,
) -> AppResult<Response> {
    let unit_path = match some(&q.unit_id) {
        Some(u) => Some(ops::unit_path(&state.db, ctx, &u).await?),
        None => None,
    };
    let f = NominationFilter {
        campaign_id: some(&q.campaign_id),
        status: some(&q.status),
        code: some(&q.code),
        unit_path,
        route_unit_id: None,
        pattern: None,
        ..Default::default()
    };
    let found = ops::list(&state.db, ctx, &f, q.pending == "1").await?;
    let more = found.len() > SHOWN;
    let rows = found.into_iter().take(SHOWN).map(Line::from).collect();
    let page = ListPage {
        l: Layout::new(ctx, "nominations").with_flash(q.ok.clone()),
        rows,
        more,
        counts: ops::dashboard(&state.db, ctx).await?,
        statuses: NominationStatus::ALL
            .iter()
            .map(|s| (s.code(), s.label()))
            .collect(),
        campaigns: launched_campaigns(state, ctx).await?,
        // The organisation's top bodies (communes, departments, organisations, enterprises): a
        // province's 5,000 units would make a list nobody can pick from; a unit's choice covers
        // everything under it.
        units: unit_options(state, ctx, |u| u.path.matches('/').count() <= 3).await?,
        codes: catalog_codes(state, ctx).await?,
        can_nominate: ctx.can(Action::Nominate {
            org_id: ctx.org_id(),
            unit_path: ctx.actor.read_scope().unwrap_or("/"),
        }),
        can_appraise: ctx.can(Action::Appraise {
            org_id: ctx.org_id(),
        }),
        q,
        errors,
    };
    let status = if page.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(status, &page))
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    list_page(&state, &ctx, q, Vec::new()).await
}

#[derive(Debug, Deserialize)]
struct BulkForm {
    /// `id:version` of each ticked nomination.
    #[serde(default)]
    ids: Vec<String>,
    #[serde(default)]
    action: String,
    #[serde(default)]
    note: String,
}

/// Accepts or returns the ticked nominations, all together in one transaction (the use case the API
/// calls too); when one is refused nothing changes and every reason is listed.
async fn bulk(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<BulkForm>,
) -> AppResult<Response> {
    let items: Vec<ops::BulkItem> = f
        .ids
        .iter()
        .map(|item| {
            item.split_once(':').map_or_else(
                || ops::BulkItem {
                    id: item.clone(),
                    version: None,
                },
                |(id, v)| ops::BulkItem {
                    id: id.to_string(),
                    version: Some(super::version_of(v)),
                },
            )
        })
        .collect();
    // The note field of the list is the reason of a return; an acceptance leaves no remark.
    let accept = ops::BulkAction::parse(&f.action) == Some(ops::BulkAction::Accept);
    let note = if accept { "" } else { f.note.as_str() };
    match ops::bulk(&state.db, &ctx, &f.action, &items, note)
        .await
        .map_err(AppError::from)
    {
        Ok(done) => {
            let what = if accept {
                "chấp nhận"
            } else {
                "trả lại"
            };
            Ok(see_other(
                "/nominations?pending=1",
                &format!("Đã {what} {} hồ sơ.", done.len()),
            ))
        }
        Err(AppError::Invalid(v)) => {
            list_page(
                &state,
                &ctx,
                ListQuery {
                    pending: "1".into(),
                    ..Default::default()
                },
                v.errors.into_iter().map(|e| e.message).collect(),
            )
            .await
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "nominations/form.html")]
struct FormPage {
    l: Layout,
    id: Option<String>,
    version: i64,
    f: NominationForm,
    v: Validation,
    units: Vec<(String, String)>,
    people: Vec<(String, String)>,
    campaigns: Vec<(String, String)>,
    /// Themes grouped under their campaign's title: (campaign title, [(theme id, theme title)]).
    themes: Vec<(String, Vec<(String, String)>)>,
    codes: Vec<(String, String)>,
    kinds: Vec<(&'static str, &'static str)>,
}

/// Groups the themes (labelled «campaign — theme») under their campaign, so that the select shows
/// each theme's own title instead of a long campaign title cut off at the edge of the field.
fn themes_by_campaign(
    campaigns: &[(String, String)],
    themes: Vec<(String, String)>,
) -> Vec<(String, Vec<(String, String)>)> {
    let mut groups: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for (id, label) in themes {
        let (campaign, theme) = campaigns
            .iter()
            .find_map(|(_, title)| {
                label
                    .strip_prefix(title.as_str())
                    .and_then(|rest| rest.strip_prefix(" — "))
                    .map(|t| (title.clone(), t.to_string()))
            })
            .unwrap_or_else(|| (String::new(), label.clone()));
        match groups.iter_mut().find(|(c, _)| *c == campaign) {
            Some((_, list)) => list.push((id, theme)),
            None => groups.push((campaign, vec![(id, theme)])),
        }
    }
    groups
}

/// The form's fields as text.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NominationForm {
    nominating_unit_id: String,
    nominee_type: String,
    person_id: String,
    unit_id: String,
    household_name: String,
    code: String,
    kind: String,
    procedure: String,
    campaign_id: String,
    theme_id: String,
    year: String,
    achievement: String,
    achievement_key: String,
    justification: String,
    version: String,
}

impl NominationForm {
    fn input(&self) -> NominationInput {
        NominationInput {
            nominating_unit_id: self.nominating_unit_id.clone(),
            nominee_type: self.nominee_type.clone(),
            person_id: some(&self.person_id),
            unit_id: some(&self.unit_id),
            household_name: some(&self.household_name),
            code: self.code.clone(),
            kind: self.kind.clone(),
            procedure: some(&self.procedure),
            campaign_id: some(&self.campaign_id),
            theme_id: some(&self.theme_id),
            year: self.year.trim().parse().ok(),
            achievement: self.achievement.clone(),
            achievement_key: some(&self.achievement_key),
            justification: some(&self.justification),
        }
    }

    fn of(v: &NominationView) -> Self {
        let r = &v.row;
        let s = |o: &Option<String>| o.clone().unwrap_or_default();
        NominationForm {
            nominating_unit_id: r.nominating_unit_id.clone(),
            nominee_type: r.nominee_type.clone(),
            person_id: s(&r.person_id),
            unit_id: s(&r.unit_id),
            household_name: s(&r.household_name),
            code: r.code.clone(),
            kind: r.kind.clone(),
            procedure: r.procedure.clone(),
            campaign_id: s(&r.campaign_id),
            theme_id: s(&r.theme_id),
            year: r.year.to_string(),
            achievement: r.achievement.clone(),
            achievement_key: s(&r.achievement_key),
            justification: s(&r.justification),
            version: r.version.to_string(),
        }
    }
}

async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    id: Option<String>,
    f: NominationForm,
    v: Validation,
    conflict: bool,
) -> AppResult<Response> {
    let campaigns = launched_campaigns(state, ctx).await?;
    let (people, themes) = ops::form_choices(&state.db, ctx, &campaigns).await?;
    let page = FormPage {
        l: Layout::new(ctx, "nominations"),
        id,
        version: super::version_of(&f.version),
        units: unit_options(state, ctx, |u| {
            ctx.can(Action::Nominate {
                org_id: ctx.org_id(),
                unit_path: &u.path,
            })
        })
        .await?,
        people,
        themes: themes_by_campaign(&campaigns, themes),
        campaigns,
        codes: catalog_codes(state, ctx).await?,
        kinds: KINDS.to_vec(),
        f,
        v,
    };
    Ok(render(form_status(&page.v, conflict), &page))
}

async fn new_form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.authorize(Action::Nominate {
        org_id: ctx.org_id(),
        unit_path: ctx.actor.read_scope().unwrap_or("/"),
    })?;
    let f = NominationForm {
        nominee_type: "person".into(),
        kind: "merit".into(),
        year: crate::ops::today().year().to_string(),
        ..Default::default()
    };
    form_page(&state, &ctx, None, f, Validation::new(), false).await
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<NominationForm>,
) -> AppResult<Response> {
    match ops::create(&state.db, &ctx, &f.input())
        .await
        .map_err(AppError::from)
    {
        Ok(v) => Ok(see_other(
            &format!("/nominations/{}", v.row.id),
            "Đã tạo hồ sơ đề nghị; hãy bổ sung tài liệu rồi gửi.",
        )),
        Err(AppError::Invalid(v)) => form_page(&state, &ctx, None, f, v, false).await,
        Err(e) => Err(e),
    }
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (v, _, parts) = ops::get(&state.db, &ctx, &id).await?;
    if !parts.contains(&thidua_domain::nomination::Part::Nominator) {
        return Err(AppError::Forbidden);
    }
    form_page(
        &state,
        &ctx,
        Some(id),
        NominationForm::of(&v),
        Validation::new(),
        false,
    )
    .await
}

async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<NominationForm>,
) -> AppResult<Response> {
    match ops::update(
        &state.db,
        &ctx,
        &id,
        super::version_of(&f.version),
        &f.input(),
    )
    .await
    .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(
            &format!("/nominations/{id}"),
            "Đã lưu hồ sơ đề nghị.",
        )),
        Err(AppError::Invalid(v)) => form_page(&state, &ctx, Some(id), f, v, false).await,
        Err(AppError::Conflict) => {
            let mut v = Validation::new();
            v.add(
                "version",
                "Phiên bản",
                "Hồ sơ vừa được người khác cập nhật; hãy tải lại trang trước khi sửa.",
            );
            form_page(&state, &ctx, Some(id), f, v, true).await
        }
        Err(e) => Err(e),
    }
}

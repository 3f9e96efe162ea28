//! Pages of scoring (chấm điểm, xếp hạng): the scales, a scale with its criteria and the units scored,
//! a unit's score sheet (self-assessment, review, appeals), the ranking.

mod cross;
mod ranking;
mod scale;
mod sheet;

pub(crate) use sheet::points_text as points;

use super::{Layout, render, see_other};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::scoring::scales::{self, ScaleInput};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum_extra::extract::Form;
use serde::Deserialize;
use thidua_app::model::ClusterRow;
use thidua_app::model::ScaleRow;
use thidua_domain::Validation;
use thidua_domain::policy::Action;
use thidua_domain::scoring::input::status_label;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/scoring", get(list).post(create))
        .route("/scoring/new", get(new_form))
        .merge(scale::routes())
        .merge(sheet::routes())
        .merge(ranking::routes())
        .merge(cross::routes())
}

/// A scale in the list, with the units of the caller's scope it scores.
struct ListRow {
    row: ScaleRow,
    own_units: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "scoring/list.html")]
struct ListPage {
    l: Layout,
    rows: Vec<ListRow>,
    can_manage: bool,
}

fn status_of(code: &str) -> &'static str {
    status_label(code)
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<super::Flash>,
) -> AppResult<Response> {
    let mut rows = Vec::new();
    for row in scales::list(&state.db, &ctx).await? {
        // A unit officer's links to the sheets they work on (org-wide roles open them from the scale).
        let own_units = match ctx.actor.read_scope() {
            None => Vec::new(),
            Some(_) => {
                let loaded = scales::get(&state.db, &ctx, &row.id).await?;
                crate::ops::scoring::sheet::own_units(&state.db, &ctx, &loaded).await?
            }
        };
        rows.push(ListRow { row, own_units });
    }
    let can_manage = ctx.can(Action::ManageScoring {
        org_id: ctx.org_id(),
    });
    Ok(render(
        StatusCode::OK,
        &ListPage {
            l: Layout::new(&ctx, "scoring").with_flash(q.ok),
            rows,
            can_manage,
        },
    ))
}

/// The create form as typed.
#[derive(Deserialize, Default, Clone)]
struct ScaleForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    campaign_id: String,
    #[serde(default)]
    cluster_ids: Vec<String>,
    #[serde(default)]
    self_until: String,
    #[serde(default)]
    appeal_days: String,
    #[serde(default)]
    peers_visible: Option<String>,
    #[serde(default)]
    negative_total: Option<String>,
    #[serde(default)]
    copy_from: String,
}

impl ScaleForm {
    fn input(&self) -> ScaleInput {
        ScaleInput {
            name: self.name.clone(),
            year: self.year.clone(),
            campaign_id: self.campaign_id.clone(),
            cluster_ids: self.cluster_ids.clone(),
            self_until: self.self_until.clone(),
            appeal_days: self.appeal_days.clone(),
            peers_visible: self.peers_visible.is_some(),
            negative_total: self.negative_total.is_some(),
            copy_from: self.copy_from.clone(),
            groups: Vec::new(),
        }
    }
}

#[derive(Template)]
#[template(path = "scoring/form.html")]
struct FormPage {
    l: Layout,
    f: ScaleForm,
    v: Validation,
    clusters: Vec<ClusterRow>,
    scales: Vec<ScaleRow>,
    campaigns: Vec<(String, String)>,
}

async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    f: ScaleForm,
    v: Validation,
) -> AppResult<Response> {
    let clusters = crate::ops::clusters::with_members(&state.db, ctx, None)
        .await?
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    let scales = scales::list(&state.db, ctx).await?;
    let campaigns = crate::ops::campaigns::list(&state.db, ctx, None, None, None)
        .await?
        .into_iter()
        .map(|c| (c.id, c.title))
        .collect();
    Ok(render(
        super::form_status(&v, false),
        &FormPage {
            l: Layout::new(ctx, "scoring"),
            f,
            v,
            clusters,
            scales,
            campaigns,
        },
    ))
}

async fn new_form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.authorize(Action::ManageScoring {
        org_id: ctx.org_id(),
    })?;
    let year = crate::ops::today().year();
    let f = ScaleForm {
        year: year.to_string(),
        // Two weeks ahead: a deadline already past would lock the units out from the start.
        self_until: thidua_domain::date::vn(crate::ops::today() + time::Duration::days(14)),
        appeal_days: "5".into(),
        ..Default::default()
    };
    form_page(&state, &ctx, f, Validation::new()).await
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<ScaleForm>,
) -> AppResult<Response> {
    match scales::create(&state.db, &ctx, &f.input())
        .await
        .map_err(AppError::from)
    {
        Ok(s) => Ok(see_other(
            &format!("/scoring/{}", s.id),
            &format!("Đã tạo {}.", s.name),
        )),
        Err(AppError::Invalid(v)) => form_page(&state, &ctx, f, v).await,
        Err(e) => Err(e),
    }
}

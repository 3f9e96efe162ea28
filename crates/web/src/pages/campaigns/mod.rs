//! Pages of plans and campaigns: the list, the plan's header form, the plan page with its themes,
//! targets, deadlines, award forms and quotas, and the lifecycle buttons (launch, close, copy).
//! The parts' forms are in [`parts`], the units' work in [`work`], the dashboards in [`boards`].

mod boards;
mod import;
mod parts;
mod plan;
mod review;
pub(crate) mod upload;
mod work;

pub(crate) use plan::show_page;

use super::{Layout, render, see_other, version_of};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::campaign_reads as reads;
use crate::ops::campaigns::{self as ops, status_of};
use crate::ops::model::CampaignRow;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum_extra::extract::Form;
use serde::Deserialize;
use thidua_domain::Validation;
use thidua_domain::campaign::target::{Comparator, format_number};
use thidua_domain::campaign::{CampaignInput, CampaignKind, CampaignStatus};
use thidua_domain::date::iso_to_vn;
use thidua_domain::policy::Action;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/campaigns", get(list).post(create))
        .route("/campaigns/new", get(new_form))
        .route("/campaigns/{id}", get(plan::show).post(update))
        .route("/campaigns/{id}/edit", get(edit_form))
        .route("/campaigns/{id}/launch", post(launch))
        .route("/campaigns/{id}/close", post(close))
        .route("/campaigns/{id}/copy", post(copy))
        .merge(import::routes())
        .merge(parts::routes())
        .merge(work::routes())
        .merge(boards::routes())
        .merge(review::routes())
}

/// `dd/mm/yyyy – dd/mm/yyyy` of two stored dates.
pub(crate) fn span(from: &str, to: &str) -> String {
    format!("{} – {}", iso_to_vn(from), iso_to_vn(to))
}

/// The status badge class and label of a campaign.
pub(crate) fn status_badge(c: &CampaignRow) -> (&'static str, &'static str) {
    let s = status_of(c);
    (s.code(), s.label())
}

/// The threshold of a target as people read it: `≥ 95 %`.
pub(crate) fn threshold_text(comparator: &str, threshold: f64, measure: Option<&str>) -> String {
    let sign = Comparator::parse(comparator)
        .map(Comparator::sign)
        .unwrap_or("");
    let m = measure
        .map(|m| {
            if m == "%" {
                " %".to_string()
            } else {
                format!(" {m}")
            }
        })
        .unwrap_or_default();
    format!("{sign} {}{m}", format_number(threshold))
}

// ---- list ----

pub struct CampaignLine {
    pub id: String,
    pub number: String,
    pub title: String,
    pub kind: &'static str,
    pub period: String,
    pub status: &'static str,
    pub status_label: &'static str,
}

#[derive(Template)]
#[template(path = "campaigns/list.html")]
struct ListPage {
    l: Layout,
    q: String,
    year: String,
    status: String,
    years: Vec<i32>,
    rows: Vec<CampaignLine>,
    can_manage: bool,
}

#[derive(Deserialize, Default)]
struct ListQuery {
    q: Option<String>,
    year: Option<String>,
    status: Option<String>,
    ok: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    ctx.authorize(Action::ViewCampaigns {
        org_id: ctx.org_id(),
    })?;
    let can_manage = ctx.can(Action::ManageCampaigns {
        org_id: ctx.org_id(),
    });
    let query = q.q.clone().unwrap_or_default();
    let year = q.year.clone().unwrap_or_default();
    let status = q.status.clone().unwrap_or_default();
    let rows = ops::list(
        &state.db,
        &ctx,
        year.trim().parse().ok(),
        CampaignStatus::parse(&status),
        Some(&query),
    )
    .await?
    .into_iter()
    .map(|c| {
        let (status, status_label) = status_badge(&c);
        CampaignLine {
            number: c.number.clone().unwrap_or_default(),
            kind: CampaignKind::parse(&c.kind)
                .map(CampaignKind::label)
                .unwrap_or(""),
            period: span(&c.period_from, &c.period_to),
            id: c.id,
            title: c.title,
            status,
            status_label,
        }
    })
    .collect();
    let this = ops::this_year();
    let years = ((this - 4)..=(this + 1)).rev().collect();
    Ok(render(
        StatusCode::OK,
        &ListPage {
            l: Layout::new(&ctx, "campaigns").with_flash(q.ok),
            q: query,
            year,
            status,
            years,
            rows,
            can_manage,
        },
    ))
}

// ---- header form ----

#[derive(Deserialize, Default, Clone)]
pub(crate) struct CampaignForm {
    #[serde(default)]
    number: String,
    #[serde(default)]
    issued_on: String,
    #[serde(default)]
    issuer: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    period_from: String,
    #[serde(default)]
    period_to: String,
    #[serde(default)]
    signer_title: String,
    #[serde(default)]
    signer_name: String,
    #[serde(default)]
    legal_bases: String,
    #[serde(default)]
    purposes: String,
    #[serde(default)]
    content: String,
    #[serde(default)]
    participants_note: String,
    #[serde(default)]
    participant_ids: Vec<String>,
    #[serde(default)]
    version: String,
}

impl CampaignForm {
    fn input(&self) -> CampaignInput {
        CampaignInput {
            number: self.number.clone(),
            issued_on: self.issued_on.clone(),
            issuer: self.issuer.clone(),
            place: self.place.clone(),
            title: self.title.clone(),
            kind: self.kind.clone(),
            period_from: self.period_from.clone(),
            period_to: self.period_to.clone(),
            signer_title: self.signer_title.clone(),
            signer_name: self.signer_name.clone(),
            legal_bases: self.legal_bases.clone(),
            purposes: self.purposes.clone(),
            content: self.content.clone(),
            participants_note: self.participants_note.clone(),
            participant_ids: self.participant_ids.clone(),
        }
    }

    fn from_stored(stored: reads::HeaderForm) -> CampaignForm {
        let reads::HeaderForm {
            campaign: c,
            legal_bases: bases,
            participant_ids,
        } = stored;
        CampaignForm {
            number: c.number.clone().unwrap_or_default(),
            issued_on: c.issued_on.as_deref().map(iso_to_vn).unwrap_or_default(),
            issuer: c.issuer.clone(),
            place: c.place.clone().unwrap_or_default(),
            title: c.title.clone(),
            kind: c.kind.clone(),
            period_from: iso_to_vn(&c.period_from),
            period_to: iso_to_vn(&c.period_to),
            signer_title: c.signer_title.clone().unwrap_or_default(),
            signer_name: c.signer_name.clone().unwrap_or_default(),
            legal_bases: ops::legal_bases_input(&bases),
            purposes: c.purposes.clone().unwrap_or_default(),
            content: c.content.clone().unwrap_or_default(),
            participants_note: c.participants_note.clone().unwrap_or_default(),
            participant_ids,
            version: c.version.to_string(),
        }
    }
}

/// A group of units of one kind, for the participants checklist ("all wards" at one click).
pub struct UnitGroup {
    pub kind: String,
    pub label: String,
    pub units: Vec<(String, String)>,
}

/// Active units grouped by kind, in the kinds' order.
pub(crate) async fn unit_groups(state: &AppState, ctx: &Ctx) -> AppResult<Vec<UnitGroup>> {
    let kinds = reads::unit_kinds(&state.db).await?;
    let tree = crate::ops::units::tree(&state.db, ctx, None, false).await?;
    let mut groups: Vec<UnitGroup> = kinds
        .into_iter()
        .map(|k| UnitGroup {
            kind: k.code,
            label: k.name,
            units: Vec::new(),
        })
        .collect();
    for (_, u) in tree {
        if let Some(g) = groups.iter_mut().find(|g| g.kind == u.kind) {
            g.units.push((u.id, u.name));
        }
    }
    groups.retain(|g| !g.units.is_empty());
    for g in &mut groups {
        g.units
            .sort_by_cached_key(|u| thidua_domain::text::fold(&u.1));
    }
    Ok(groups)
}

#[derive(Template)]
#[template(path = "campaigns/form.html")]
struct FormPage {
    l: Layout,
    heading: String,
    action: String,
    cancel: String,
    f: CampaignForm,
    v: Validation,
    conflict: bool,
    kinds: Vec<(&'static str, &'static str)>,
    groups: Vec<UnitGroup>,
}

#[allow(clippy::too_many_arguments)] // the form is re-rendered from several handlers with these pieces
async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    heading: String,
    action: String,
    cancel: String,
    f: CampaignForm,
    v: Validation,
    conflict: bool,
) -> AppResult<Response> {
    let groups = unit_groups(state, ctx).await?;
    let kinds = CampaignKind::ALL
        .iter()
        .map(|k| (k.code(), k.label()))
        .collect();
    Ok(render(
        super::form_status(&v, conflict),
        &FormPage {
            l: Layout::new(ctx, "campaigns"),
            heading,
            action,
            cancel,
            f,
            v,
            conflict,
            kinds,
            groups,
        },
    ))
}

async fn new_form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.authorize(Action::ManageCampaigns {
        org_id: ctx.org_id(),
    })?;
    // The issuer is usually the people's committee at the top of the tree.
    let org = crate::ops::units::tree(&state.db, &ctx, None, false)
        .await?
        .into_iter()
        .find(|(d, u)| *d == 0 && u.kind == "peoples_committee")
        .map(|(_, u)| u.name)
        .unwrap_or_default();
    let year = ops::this_year();
    let f = CampaignForm {
        kind: "regular".into(),
        period_from: format!("01/01/{year}"),
        period_to: format!("31/12/{year}"),
        issuer: org,
        ..Default::default()
    };
    form_page(
        &state,
        &ctx,
        "Thêm kế hoạch, phong trào thi đua".into(),
        "/campaigns".into(),
        "/campaigns".into(),
        f,
        Validation::new(),
        false,
    )
    .await
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<CampaignForm>,
) -> AppResult<Response> {
    match ops::create(&state.db, &ctx, &f.input())
        .await
        .map_err(AppError::from)
    {
        Ok(c) => Ok(see_other(
            &format!("/campaigns/{}", c.id),
            "Đã lưu dự thảo kế hoạch. Hãy thêm chuyên đề, chỉ tiêu, thời hạn rồi bấm Phát động.",
        )),
        Err(AppError::Invalid(v)) => {
            form_page(
                &state,
                &ctx,
                "Thêm kế hoạch, phong trào thi đua".into(),
                "/campaigns".into(),
                "/campaigns".into(),
                f,
                v,
                false,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let stored = reads::header_form(&state.db, &ctx, &id).await?;
    let heading = format!("Sửa kế hoạch: {}", stored.campaign.title);
    let f = CampaignForm::from_stored(stored);
    form_page(
        &state,
        &ctx,
        heading,
        format!("/campaigns/{id}"),
        format!("/campaigns/{id}"),
        f,
        Validation::new(),
        false,
    )
    .await
}

async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<CampaignForm>,
) -> AppResult<Response> {
    let heading = "Sửa kế hoạch".to_string();
    match ops::update(&state.db, &ctx, &id, version_of(&f.version), &f.input())
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(&format!("/campaigns/{id}"), "Đã lưu thay đổi.")),
        Err(AppError::Invalid(v)) => {
            form_page(
                &state,
                &ctx,
                heading,
                format!("/campaigns/{id}"),
                format!("/campaigns/{id}"),
                f,
                v,
                false,
            )
            .await
        }
        Err(AppError::Conflict) => {
            form_page(
                &state,
                &ctx,
                heading,
                format!("/campaigns/{id}"),
                format!("/campaigns/{id}"),
                f,
                Validation::new(),
                true,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

// ---- lifecycle ----

#[derive(Deserialize, Default)]
struct VersionForm {
    #[serde(default)]
    version: String,
}

async fn lifecycle(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    version: &str,
    to: CampaignStatus,
) -> AppResult<Response> {
    match ops::set_status(&state.db, ctx, id, version_of(version), to)
        .await
        .map_err(AppError::from)
    {
        Ok(c) => {
            let msg = if to == CampaignStatus::Launched {
                "Đã phát động: các đơn vị tham gia đã thấy kế hoạch và việc phải làm."
            } else {
                "Đã kết thúc đợt thi đua: kết quả được giữ nguyên, chỉ để xem."
            };
            Ok(see_other(&format!("/campaigns/{}", c.id), msg))
        }
        Err(AppError::Invalid(v)) => show_page(state, ctx, id, None, v).await,
        Err(e) => Err(e),
    }
}

async fn launch(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<VersionForm>,
) -> AppResult<Response> {
    lifecycle(&state, &ctx, &id, &f.version, CampaignStatus::Launched).await
}

async fn close(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<VersionForm>,
) -> AppResult<Response> {
    lifecycle(&state, &ctx, &id, &f.version, CampaignStatus::Closed).await
}

async fn copy(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let c = ops::copy(&state.db, &ctx, &id).await?;
    Ok(see_other(
        &format!("/campaigns/{}", c.id),
        "Đã sao chép thành dự thảo năm sau: hãy kiểm tra số, ngày ban hành, thời hạn rồi phát động.",
    ))
}

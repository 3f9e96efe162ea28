//! Pages of the units' work on a launched campaign: registration, cluster pacts, progress reports with
//! evidence, sending what a deadline asks for, what was sent, and attached files.

use super::super::{Layout, render, see_other};
use super::upload::{field, read_form};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::campaign_views::{Roster, due_dates, occurrence_label, registration_closes};
use crate::ops::campaign_work::{self as ops, MAX_FILE_BYTES, MAX_FILES};
use crate::ops::campaigns::{date_of, status_of, today_vn, visible};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::HashMap;
use thidua_domain::Validation;
use thidua_domain::campaign::CampaignStatus;
use thidua_domain::campaign::parts::{
    PactInput, ProgressInput, RegistrationInput, SubmissionInput, target_lines_text,
};
use thidua_domain::campaign::target::{Comparator, TargetScope, format_number};
use thidua_domain::date::{iso_to_vn, vn};
use thidua_domain::org::is_within;
use thidua_domain::policy::Action;
use thidua_store::campaign_parts as parts;
use thidua_store::campaign_work::{self as work, AttachmentRow};
use thidua_store::campaigns::{self, CampaignRow};
use thidua_store::{clusters, units};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/campaigns/{id}/registrations", get(registrations))
        .route(
            "/campaigns/{id}/register",
            get(register_form).post(register),
        )
        .route(
            "/campaigns/{id}/pacts/{cluster}",
            get(pact_form).post(sign_pact),
        )
        .route(
            "/campaigns/{id}/targets/{tid}/report",
            get(report_form).post(report),
        )
        .route(
            "/campaigns/{id}/deadlines/{did}/submit",
            get(submit_form).post(submit),
        )
        .route("/campaigns/{id}/submissions/{sid}", get(submission))
        .route("/files/{fid}", get(download))
}

/// Participating units the user may act for, as select options.
async fn my_participants(
    state: &AppState,
    ctx: &Ctx,
    campaign_id: &str,
) -> AppResult<Vec<(String, String)>> {
    let mut tx = state.db.begin().await?;
    let ps = campaigns::participants(&mut tx, campaign_id).await?;
    tx.commit().await?;
    Ok(ps
        .into_iter()
        .filter(|p| {
            ctx.can(Action::CampaignWork {
                org_id: ctx.org_id(),
                unit_path: &p.unit_path,
            })
        })
        .map(|p| (p.unit_id, p.unit_name))
        .collect())
}

fn files_hint() -> String {
    format!(
        "PDF, ảnh JPG/PNG, Word, Excel; tối đa {MAX_FILES} tệp, mỗi tệp không quá {} MB.",
        MAX_FILE_BYTES / 1_048_576
    )
}

// ---- registrations and pacts overview ----

pub struct RegistrationLine {
    pub unit_id: String,
    pub unit_name: String,
    pub registered: bool,
    pub when: String,
    pub by: String,
    pub titles: Vec<String>,
    pub targets: Vec<String>,
    pub can_edit: bool,
}

pub struct PactLine {
    pub cluster_id: String,
    pub cluster_name: String,
    pub leader: String,
    pub signed_on: String,
    pub members: Vec<String>,
    pub targets: Vec<String>,
    pub can_sign: bool,
}

#[derive(Template)]
#[template(path = "campaigns/registrations.html")]
struct RegistrationsPage {
    l: Layout,
    c: CampaignRow,
    tab: &'static str,
    status: &'static str,
    status_label: &'static str,
    rows: Vec<RegistrationLine>,
    registered: usize,
    pacts: Vec<PactLine>,
    closes: String,
    open: bool,
}

#[derive(Deserialize, Default)]
struct OkQuery {
    ok: Option<String>,
}

async fn registrations(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<OkQuery>,
) -> AppResult<Response> {
    let mut tx = state.db.begin().await?;
    let c = visible(&mut tx, &ctx, &id).await?;
    let participants = campaigns::participants(&mut tx, &id).await?;
    let regs = work::registrations(&mut tx, &id).await?;
    let deadlines = parts::deadlines(&mut tx, &id).await?;
    let rules = crate::ops::honours::rules_in(&mut tx, ctx.org_id()).await?;
    let catalog = rules.catalog();
    let title_name = |code: &str| {
        catalog
            .entries()
            .iter()
            .find(|e| e.code.as_str() == code)
            .map(|e| e.name.clone())
            .unwrap_or_else(|| code.to_string())
    };
    let scope = ctx.actor.read_scope();
    let open = status_of(&c) == CampaignStatus::Launched;
    let mut rows = Vec::new();
    for p in participants
        .iter()
        .filter(|p| scope.is_none_or(|s| is_within(&p.unit_path, s)))
    {
        let reg = regs.iter().find(|r| r.unit_id == p.unit_id);
        let targets = match reg {
            Some(r) => work::commitments(&mut tx, "registration", &r.id)
                .await?
                .into_iter()
                .map(|t| {
                    format!(
                        "{}: {}",
                        t.text,
                        super::threshold_text(&t.comparator, t.threshold, t.measure.as_deref())
                    )
                })
                .collect(),
            None => Vec::new(),
        };
        rows.push(RegistrationLine {
            unit_id: p.unit_id.clone(),
            unit_name: p.unit_name.clone(),
            registered: reg.is_some(),
            when: reg
                .map(|r| super::super::local_time(&r.registered_at))
                .unwrap_or_default(),
            by: reg
                .and_then(|r| r.registered_by.clone())
                .unwrap_or_default(),
            titles: reg
                .map(|r| r.title_codes().iter().map(|c| title_name(c)).collect())
                .unwrap_or_default(),
            targets,
            can_edit: open
                && ctx.can(Action::CampaignWork {
                    org_id: ctx.org_id(),
                    unit_path: &p.unit_path,
                }),
        });
    }
    let registered = rows.iter().filter(|r| r.registered).count();
    let mut pacts = Vec::new();
    for year in date_of(&c.period_from).year()..=date_of(&c.period_to).year() {
        for cl in clusters::list(&mut tx, ctx.org_id(), Some(i64::from(year))).await? {
            let members = clusters::members(&mut tx, &cl.id).await?;
            let leader = cl
                .leader_unit_id
                .as_ref()
                .and_then(|l| members.iter().find(|m| &m.unit_id == l))
                .map(|m| m.unit_name.clone())
                .unwrap_or_else(|| "chưa bầu".into());
            let leader_path = match &cl.leader_unit_id {
                Some(l) => units::get(&mut tx, ctx.org_id(), l)
                    .await
                    .ok()
                    .map(|u| u.path),
                None => None,
            };
            let pact = work::pact(&mut tx, &id, &cl.id).await?;
            let (signed_on, targets, member_names) = match &pact {
                Some(p) => {
                    let t = work::commitments(&mut tx, "pact", &p.id)
                        .await?
                        .into_iter()
                        .map(|t| {
                            format!(
                                "{}: {}",
                                t.text,
                                super::threshold_text(
                                    &t.comparator,
                                    t.threshold,
                                    t.measure.as_deref()
                                )
                            )
                        })
                        .collect();
                    let m = work::pact_members(&mut tx, &p.id)
                        .await?
                        .into_iter()
                        .map(|m| m.1)
                        .collect();
                    (iso_to_vn(&p.signed_on), t, m)
                }
                None => (
                    String::new(),
                    Vec::new(),
                    members.iter().map(|m| m.unit_name.clone()).collect(),
                ),
            };
            pacts.push(PactLine {
                can_sign: open
                    && ctx.can(Action::SignPact {
                        org_id: ctx.org_id(),
                        leader_path: leader_path.as_deref(),
                    }),
                cluster_id: cl.id,
                cluster_name: format!("{} ({})", cl.name, cl.year),
                leader,
                signed_on,
                members: member_names,
                targets,
            });
        }
    }
    tx.commit().await?;
    let closes = registration_closes(&deadlines).map(vn).unwrap_or_default();
    let (status, status_label) = super::status_badge(&c);
    Ok(render(
        StatusCode::OK,
        &RegistrationsPage {
            l: Layout::new(&ctx, "campaigns").with_flash(q.ok),
            c,
            tab: "registrations",
            status,
            status_label,
            rows,
            registered,
            pacts,
            closes,
            open,
        },
    ))
}

// ---- registration form ----

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

#[derive(Deserialize, Default)]
struct UnitQuery {
    unit: Option<String>,
}

/// Form values of a registration: `titles` (repeated), `commit_<target id>`, `own_targets`, `note`.
#[derive(Deserialize, Default)]
struct RegisterForm {
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

#[allow(clippy::too_many_arguments)] // re-rendered from several handlers with these pieces
async fn register_page(
    state: &AppState,
    ctx: &Ctx,
    c: CampaignRow,
    f: RegisterForm,
    v: Validation,
    conflict: bool,
    prefill: bool,
) -> AppResult<Response> {
    let units = my_participants(state, ctx, &c.id).await?;
    let unit_id = if f.unit_id.is_empty() {
        units.first().map(|u| u.0.clone()).unwrap_or_default()
    } else {
        f.unit_id.clone()
    };
    let mut tx = state.db.begin().await?;
    let targets = parts::targets(&mut tx, &c.id).await?;
    let deadlines = parts::deadlines(&mut tx, &c.id).await?;
    let existing = if prefill {
        work::registration(&mut tx, &c.id, &unit_id).await?
    } else {
        None
    };
    let existing_targets = match &existing {
        Some(r) => work::commitments(&mut tx, "registration", &r.id).await?,
        None => Vec::new(),
    };
    tx.commit().await?;
    let chosen: Vec<String> = match &existing {
        Some(r) => r.title_codes(),
        None => f.titles.clone(),
    };
    let rules = crate::ops::honours::rules_for(&state.db, ctx.org_id()).await?;
    let titles = rules
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
        .collect();
    let commitments = targets
        .iter()
        .filter(|t| t.scope == TargetScope::PerUnit.code())
        .map(|t| {
            let value = match &existing {
                Some(_) => existing_targets
                    .iter()
                    .find(|x| x.target_id.as_deref() == Some(t.id.as_str()))
                    .map(|x| format_number(x.threshold))
                    .unwrap_or_default(),
                None => f
                    .rest
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
                plan_threshold: super::threshold_text(
                    &t.comparator,
                    t.threshold,
                    t.measure.as_deref(),
                ),
                measure: t.measure.clone().unwrap_or_default(),
                value,
            }
        })
        .collect();
    let own_items: Vec<thidua_domain::campaign::parts::OwnTarget> = existing_targets
        .iter()
        .filter(|t| t.target_id.is_none())
        .map(|t| thidua_domain::campaign::parts::OwnTarget {
            text: t.text.clone(),
            comparator: Comparator::parse(&t.comparator).unwrap_or(Comparator::AtLeast),
            threshold: t.threshold,
            unit: t.measure.clone(),
            target_id: None,
        })
        .collect();
    let (own_targets, note, version) = match &existing {
        Some(r) => (
            target_lines_text(&own_items),
            r.note.clone().unwrap_or_default(),
            r.version.to_string(),
        ),
        None => (f.own_targets.clone(), f.note.clone(), f.version.clone()),
    };
    let closes = registration_closes(&deadlines).map(vn).unwrap_or_default();
    let page = RegisterPage {
        l: Layout::new(ctx, "campaigns"),
        c,
        units,
        unit_id,
        titles,
        commitments,
        own_targets,
        note,
        version,
        v: v.clone(),
        conflict,
        closes,
    };
    Ok(render(super::super::form_status(&v, conflict), &page))
}

async fn register_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<UnitQuery>,
) -> AppResult<Response> {
    let mut tx = state.db.begin().await?;
    let c = visible(&mut tx, &ctx, &id).await?;
    tx.commit().await?;
    if my_participants(&state, &ctx, &id).await?.is_empty() {
        return Err(AppError::Forbidden);
    }
    let f = RegisterForm {
        unit_id: q.unit.unwrap_or_default(),
        ..Default::default()
    };
    register_page(&state, &ctx, c, f, Validation::new(), false, true).await
}

async fn register(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<RegisterForm>,
) -> AppResult<Response> {
    let commitments: Vec<(String, String)> = f
        .rest
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("commit_")
                .map(|t| (t.to_string(), v.clone()))
        })
        .collect();
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
        Err(e @ (AppError::Invalid(_) | AppError::Conflict)) => {
            let mut tx = state.db.begin().await?;
            let c = visible(&mut tx, &ctx, &id).await?;
            tx.commit().await?;
            let conflict = matches!(e, AppError::Conflict);
            let v = if let AppError::Invalid(v) = AppError::from(e) {
                v
            } else {
                Validation::new()
            };
            register_page(&state, &ctx, c, f, v, conflict, false).await
        }
        Err(e) => Err(e),
    }
}

// ---- pact form ----

#[derive(Template)]
#[template(path = "campaigns/pact.html")]
struct PactPage {
    l: Layout,
    c: CampaignRow,
    cluster_id: String,
    cluster_name: String,
    members: Vec<String>,
    signed_on: String,
    content: String,
    targets: String,
    version: String,
    v: Validation,
    conflict: bool,
}

#[derive(Deserialize, Default)]
struct PactForm {
    #[serde(default)]
    signed_on: String,
    #[serde(default)]
    content: String,
    #[serde(default)]
    targets: String,
    #[serde(default)]
    version: String,
}

async fn pact_page(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    cluster_id: &str,
    f: Option<PactForm>,
    v: Validation,
    conflict: bool,
) -> AppResult<Response> {
    let mut tx = state.db.begin().await?;
    let c = visible(&mut tx, ctx, id).await?;
    let cl = clusters::get(&mut tx, ctx.org_id(), cluster_id).await?;
    let members = clusters::members(&mut tx, cluster_id)
        .await?
        .into_iter()
        .map(|m| m.unit_name)
        .collect();
    let existing = work::pact(&mut tx, id, cluster_id).await?;
    let f = match (f, &existing) {
        (Some(f), _) => f,
        (None, Some(p)) => {
            let t = work::commitments(&mut tx, "pact", &p.id).await?;
            let items: Vec<_> = t
                .iter()
                .map(|t| thidua_domain::campaign::parts::OwnTarget {
                    text: t.text.clone(),
                    comparator: Comparator::parse(&t.comparator).unwrap_or(Comparator::AtLeast),
                    threshold: t.threshold,
                    unit: t.measure.clone(),
                    target_id: None,
                })
                .collect();
            PactForm {
                signed_on: iso_to_vn(&p.signed_on),
                content: p.content.clone().unwrap_or_default(),
                targets: target_lines_text(&items),
                version: p.version.to_string(),
            }
        }
        (None, None) => PactForm {
            signed_on: vn(today_vn()),
            ..Default::default()
        },
    };
    tx.commit().await?;
    let page = PactPage {
        l: Layout::new(ctx, "campaigns"),
        c,
        cluster_id: cluster_id.into(),
        cluster_name: format!("{} ({})", cl.name, cl.year),
        members,
        signed_on: f.signed_on,
        content: f.content,
        targets: f.targets,
        version: f.version,
        v: v.clone(),
        conflict,
    };
    Ok(render(super::super::form_status(&v, conflict), &page))
}

async fn pact_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, cluster)): Path<(String, String)>,
) -> AppResult<Response> {
    pact_page(&state, &ctx, &id, &cluster, None, Validation::new(), false).await
}

async fn sign_pact(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, cluster)): Path<(String, String)>,
    Form(f): Form<PactForm>,
) -> AppResult<Response> {
    let input = PactInput {
        cluster_id: cluster.clone(),
        signed_on: f.signed_on.clone(),
        content: f.content.clone(),
        targets: f.targets.clone(),
    };
    match ops::sign_pact(&state.db, &ctx, &id, f.version.trim().parse().ok(), &input)
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(
            &format!("/campaigns/{id}/registrations#pacts"),
            "Đã lưu giao ước thi đua.",
        )),
        Err(AppError::Invalid(v)) => {
            pact_page(&state, &ctx, &id, &cluster, Some(f), v, false).await
        }
        Err(AppError::Conflict) => {
            pact_page(
                &state,
                &ctx,
                &id,
                &cluster,
                Some(f),
                Validation::new(),
                true,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

// ---- progress report ----

#[derive(Template)]
#[template(path = "campaigns/report.html")]
struct ReportPage {
    l: Layout,
    c: CampaignRow,
    action: String,
    target_text: String,
    threshold: String,
    measure: String,
    per_unit: bool,
    units: Vec<(String, String)>,
    unit_id: String,
    value: String,
    reported_on: String,
    comment: String,
    history: Vec<(String, String, String, String, Vec<AttachmentRow>)>,
    files_hint: String,
    v: Validation,
    can_act: bool,
}

async fn report_page(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    tid: &str,
    fields: HashMap<String, String>,
    v: Validation,
) -> AppResult<Response> {
    let mut tx = state.db.begin().await?;
    let c = visible(&mut tx, ctx, id).await?;
    let t = parts::target(&mut tx, id, tid).await?;
    let per_unit = t.scope == TargetScope::PerUnit.code();
    let all = work::progress(&mut tx, id).await?;
    let units_all = campaigns::participants(&mut tx, id).await?;
    let mut history = Vec::new();
    for r in all.iter().rev().filter(|r| r.target_id == t.id) {
        let unit = r
            .unit_id
            .as_ref()
            .and_then(|u| units_all.iter().find(|p| &p.unit_id == u));
        if let Some(p) = unit
            && !ctx.can(Action::ViewUnit {
                org_id: ctx.org_id(),
                unit_path: &p.unit_path,
            })
        {
            continue;
        }
        let files = work::attachments(&mut tx, "progress_report", &r.id).await?;
        history.push((
            iso_to_vn(&r.reported_on),
            unit.map(|p| p.unit_name.clone())
                .unwrap_or_else(|| "Toàn cơ quan".into()),
            format_number(r.value),
            r.comment.clone().unwrap_or_default(),
            files,
        ));
    }
    let lead_path = match t.theme_id.as_deref() {
        Some(theme) => match parts::theme(&mut tx, id, theme).await?.lead_unit_id {
            Some(l) => units::get(&mut tx, ctx.org_id(), &l)
                .await
                .ok()
                .map(|u| u.path),
            None => None,
        },
        None => None,
    };
    tx.commit().await?;
    let units = if per_unit {
        my_participants(state, ctx, id).await?
    } else {
        Vec::new()
    };
    // Who may report: a unit in scope for a per-unit target; the office or the theme's lead for the body.
    let may_report = if per_unit {
        !units.is_empty()
    } else {
        ctx.can(Action::ManageCampaigns {
            org_id: ctx.org_id(),
        }) || lead_path.is_some_and(|p| {
            ctx.can(Action::CampaignWork {
                org_id: ctx.org_id(),
                unit_path: &p,
            })
        })
    };
    let page = ReportPage {
        can_act: may_report && status_of(&c) == CampaignStatus::Launched,
        l: Layout::new(ctx, "campaigns"),
        action: format!("/campaigns/{id}/targets/{tid}/report"),
        target_text: t.text.clone(),
        threshold: super::threshold_text(&t.comparator, t.threshold, t.measure.as_deref()),
        measure: t.measure.clone().unwrap_or_default(),
        per_unit,
        unit_id: fields
            .get("unit_id")
            .cloned()
            .unwrap_or_else(|| units.first().map(|u| u.0.clone()).unwrap_or_default()),
        units,
        value: field(&fields, "value"),
        reported_on: fields
            .get("reported_on")
            .cloned()
            .unwrap_or_else(|| vn(today_vn().min(date_of(&c.period_to)))),
        comment: field(&fields, "comment"),
        history,
        files_hint: files_hint(),
        v: v.clone(),
        c,
    };
    let status = if v.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(status, &page))
}

async fn report_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, tid)): Path<(String, String)>,
    Query(q): Query<UnitQuery>,
) -> AppResult<Response> {
    let mut fields = HashMap::new();
    if let Some(u) = q.unit {
        fields.insert("unit_id".to_string(), u);
    }
    report_page(&state, &ctx, &id, &tid, fields, Validation::new()).await
}

async fn report(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, tid)): Path<(String, String)>,
    form: Multipart,
) -> AppResult<Response> {
    let (fields, files) = read_form(form, state.config.max_upload_bytes).await?;
    let input = ProgressInput {
        unit_id: field(&fields, "unit_id"),
        value: field(&fields, "value"),
        reported_on: field(&fields, "reported_on"),
        comment: field(&fields, "comment"),
    };
    let blobs = state.blobs();
    match ops::report_progress(&state.db, &blobs, &ctx, &id, &tid, &input, &files)
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(
            &format!("/campaigns/{id}/progress"),
            "Đã ghi nhận kết quả thực hiện chỉ tiêu.",
        )),
        Err(AppError::Invalid(v)) => report_page(&state, &ctx, &id, &tid, fields, v).await,
        Err(e) => Err(e),
    }
}

// ---- sending what a deadline asks for ----

#[derive(Template)]
#[template(path = "campaigns/submit.html")]
struct SubmitPage {
    l: Layout,
    c: CampaignRow,
    action: String,
    what: String,
    recipient: String,
    units: Vec<(String, String)>,
    unit_id: String,
    occurrences: Vec<(String, String)>,
    due_on: String,
    document_number: String,
    note: String,
    files_hint: String,
    today: String,
    v: Validation,
}

#[derive(Deserialize, Default)]
struct SubmitQuery {
    unit: Option<String>,
    due: Option<String>,
}

async fn submit_page(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    did: &str,
    fields: HashMap<String, String>,
    v: Validation,
) -> AppResult<Response> {
    let mut tx = state.db.begin().await?;
    let c = visible(&mut tx, ctx, id).await?;
    let d = parts::deadline(&mut tx, id, did).await?;
    let roster = Roster::load(&mut tx, ctx.org_id(), &c, std::slice::from_ref(&d)).await?;
    tx.commit().await?;
    let units: Vec<(String, String)> = roster
        .addressees(&d)
        .into_iter()
        .filter_map(|u| {
            roster
                .unit(&u)
                .filter(|(_, p)| {
                    ctx.can(Action::CampaignWork {
                        org_id: ctx.org_id(),
                        unit_path: p,
                    })
                })
                .map(|(n, _)| (u.clone(), n.to_string()))
        })
        .collect();
    if units.is_empty() && v.is_ok() {
        return Err(AppError::Forbidden);
    }
    let dates = due_dates(&d, date_of(&c.period_to));
    let today = today_vn();
    // Suggest the first occurrence not yet past, else the last one.
    let suggested = dates
        .iter()
        .find(|x| **x >= today)
        .or(dates.last())
        .map(|x| vn(*x))
        .unwrap_or_default();
    let page = SubmitPage {
        l: Layout::new(ctx, "campaigns"),
        action: format!("/campaigns/{id}/deadlines/{did}/submit"),
        what: d.what.clone(),
        recipient: d.recipient.clone().unwrap_or_default(),
        unit_id: fields
            .get("unit_id")
            .cloned()
            .unwrap_or_else(|| units.first().map(|u| u.0.clone()).unwrap_or_default()),
        units,
        occurrences: dates
            .iter()
            .map(|x| (vn(*x), occurrence_label(&d, *x)))
            .collect(),
        due_on: fields.get("due_on").cloned().unwrap_or(suggested),
        document_number: field(&fields, "document_number"),
        note: field(&fields, "note"),
        files_hint: files_hint(),
        today: vn(today),
        v: v.clone(),
        c,
    };
    let status = if v.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(status, &page))
}

async fn submit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, did)): Path<(String, String)>,
    Query(q): Query<SubmitQuery>,
) -> AppResult<Response> {
    let mut fields = HashMap::new();
    if let Some(u) = q.unit {
        fields.insert("unit_id".to_string(), u);
    }
    if let Some(d) = q.due {
        fields.insert("due_on".to_string(), iso_to_vn(&d));
    }
    submit_page(&state, &ctx, &id, &did, fields, Validation::new()).await
}

async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, did)): Path<(String, String)>,
    form: Multipart,
) -> AppResult<Response> {
    let (fields, files) = read_form(form, state.config.max_upload_bytes).await?;
    let input = SubmissionInput {
        unit_id: field(&fields, "unit_id"),
        due_on: field(&fields, "due_on"),
        document_number: field(&fields, "document_number"),
        note: field(&fields, "note"),
    };
    let blobs = state.blobs();
    match ops::submit(&state.db, &blobs, &ctx, &id, &did, &input, &files)
        .await
        .map_err(AppError::from)
    {
        Ok(s) => {
            let late = date_of(&s.sent_on) > date_of(&s.due_on);
            let msg = if late {
                "Đã ghi nhận văn bản gửi (sau hạn chót)."
            } else {
                "Đã ghi nhận văn bản gửi đúng hạn."
            };
            Ok(see_other(&format!("/campaigns/{id}/matrix"), msg))
        }
        Err(AppError::Invalid(v)) => submit_page(&state, &ctx, &id, &did, fields, v).await,
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "campaigns/submission.html")]
struct SubmissionPage {
    l: Layout,
    c: CampaignRow,
    unit_name: String,
    what: String,
    due_on: String,
    sent_on: String,
    late: bool,
    document_number: String,
    note: String,
    by: String,
    at: String,
    files: Vec<AttachmentRow>,
}

async fn submission(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, sid)): Path<(String, String)>,
) -> AppResult<Response> {
    let mut tx = state.db.begin().await?;
    let c = visible(&mut tx, &ctx, &id).await?;
    let s = work::submission(&mut tx, ctx.org_id(), &sid).await?;
    if s.campaign_id != c.id {
        return Err(AppError::NotFound);
    }
    let unit = units::get(&mut tx, ctx.org_id(), &s.unit_id).await?;
    ctx.authorize(Action::ViewUnit {
        org_id: ctx.org_id(),
        unit_path: &unit.path,
    })?;
    let d = parts::deadline(&mut tx, &id, &s.deadline_id).await?;
    let files = work::attachments(&mut tx, "submission", &s.id).await?;
    tx.commit().await?;
    let page = SubmissionPage {
        l: Layout::new(&ctx, "campaigns"),
        unit_name: unit.name,
        what: occurrence_label(&d, date_of(&s.due_on)),
        due_on: iso_to_vn(&s.due_on),
        sent_on: iso_to_vn(&s.sent_on),
        late: date_of(&s.sent_on) > date_of(&s.due_on),
        document_number: s.document_number.unwrap_or_default(),
        note: s.note.unwrap_or_default(),
        by: s.created_by.unwrap_or_default(),
        at: super::super::local_time(&s.created_at),
        files,
        c,
    };
    Ok(render(StatusCode::OK, &page))
}

/// A stored file, as an attachment download.
async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(fid): Path<String>,
) -> AppResult<Response> {
    let blobs = state.blobs();
    let (a, bytes) = ops::download(&state.db, &blobs, &ctx, &fid).await?;
    let ascii: String = thidua_domain::text::fold(&a.file_name)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = form_urlencoded::byte_serialize(a.file_name.as_bytes()).collect();
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        encoded.replace('+', "%20")
    );
    Ok((
        [
            (header::CONTENT_TYPE, a.content_type),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

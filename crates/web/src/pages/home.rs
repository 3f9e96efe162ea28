//! The home page: what this user looks after, counts, and recent changes.

use super::{Layout, local_time, render};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppResult;
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use thidua_domain::policy::Action;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/healthz", get(healthz))
}

/// 200 when the database answers, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if state.db.ping().await {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}

pub struct RecentChange {
    pub at: String,
    pub user_name: String,
    pub action: String,
    pub label: String,
}

/// One thing a unit officer's units owe, as shown on the home page.
pub struct TodoLine {
    pub campaign_id: String,
    pub campaign_title: String,
    pub unit_name: String,
    pub what: String,
    pub due: String,
    pub late: bool,
    pub days: String,
    pub link: String,
    /// The button's words: the quarterly exemplars are put forward, everything else is sent.
    pub action: &'static str,
}

/// A campaign a unit has not registered for while registration is open.
pub struct RegisterLine {
    pub campaign_id: String,
    pub campaign_title: String,
    pub unit_id: String,
    pub unit_name: String,
    pub closes: String,
}

/// How long the home page reuses its counts: the page everyone opens first must not recount a
/// province's 200,000 people and ten campaigns' matrices each time (bench/province.sh).
const COUNTS_TTL: std::time::Duration = std::time::Duration::from_secs(30);

/// How long a dashboard is reused: its figures are a year's aggregates over a province (seconds of
/// queries), read by many and changed by few; a copy is at most this old.
const DASHBOARD_TTL: std::time::Duration = std::time::Duration::from_secs(60);

/// Recent copies of the home page's counts and of the office's campaign overview.
pub struct HomeCaches {
    counts: crate::ops::recent::Recent<crate::ops::dashboard::Counts>,
    campaigns: crate::ops::recent::Recent<Vec<CampaignSummary>>,
    /// The dashboards by organisation, scope and filters (see [`crate::pages::dashboard`]).
    pub dashboards: crate::ops::recent::Recent<crate::ops::figures::Dashboard>,
}

impl std::fmt::Debug for HomeCaches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HomeCaches")
    }
}

impl Default for HomeCaches {
    fn default() -> Self {
        HomeCaches {
            counts: crate::ops::recent::Recent::new(COUNTS_TTL),
            campaigns: crate::ops::recent::Recent::new(COUNTS_TTL),
            dashboards: crate::ops::recent::Recent::new(DASHBOARD_TTL),
        }
    }
}

/// A launched campaign as the office follows it.
#[derive(Clone)]
pub struct CampaignSummary {
    pub id: String,
    pub title: String,
    pub period: String,
    pub missing: usize,
    pub on_time: usize,
    pub late: usize,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    l: Layout,
    scope_name: Option<String>,
    unit_count: i64,
    person_count: i64,
    cluster_count: usize,
    year: i32,
    recent: Vec<RecentChange>,
    todo: Vec<TodoLine>,
    to_register: Vec<RegisterLine>,
    is_unit_officer: bool,
    campaigns: Vec<CampaignSummary>,
    today: String,
    /// The administrator's first-run steps, until each is done.
    checklist: Option<Vec<crate::ops::setup_checklist::Step>>,
}

async fn home(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.authorize(Action::UseApp {
        org_id: ctx.org_id(),
    })?;
    let o = crate::ops::dashboard::overview(&state.db, &ctx, &state.config.home.counts).await?;
    let recent = o
        .recent
        .into_iter()
        .map(|r| RecentChange {
            at: local_time(&r.at),
            user_name: r.user_name,
            action: super::audit::action_label(&r.action).into(),
            label: r.object_label,
        })
        .collect();
    let today = crate::ops::campaigns::today_vn();
    let (todo, to_register) = unit_work(&state, &ctx, today).await?;
    let campaigns = if ctx.can(Action::ManageCampaigns {
        org_id: ctx.org_id(),
    }) {
        let key = format!("{}|{:?}", ctx.org_id(), ctx.role());
        let summary = state
            .config
            .home
            .campaigns
            .get_or(&key, office_summary(&state, &ctx))
            .await?;
        summary.as_ref().clone()
    } else {
        Vec::new()
    };
    let checklist = crate::ops::setup_checklist::checklist(&state.db, &ctx).await?;
    let page = HomePage {
        checklist,
        l: Layout::new(&ctx, "home"),
        scope_name: o.scope_name,
        unit_count: o.unit_count,
        person_count: o.person_count,
        cluster_count: o.cluster_count,
        year: o.year,
        recent,
        todo,
        to_register,
        is_unit_officer: ctx.actor.read_scope().is_some(),
        campaigns,
        today: thidua_domain::date::vn(today),
    };
    Ok(render(StatusCode::OK, &page))
}

/// What a unit officer's units owe, and the campaigns they have not registered for yet (nothing for
/// those who look after the whole organisation).
async fn unit_work(
    state: &AppState,
    ctx: &Ctx,
    today: time::Date,
) -> AppResult<(Vec<TodoLine>, Vec<RegisterLine>)> {
    let Some(scope) = ctx.actor.read_scope() else {
        return Ok((Vec::new(), Vec::new()));
    };
    let (items, regs) = crate::ops::campaign_views::todo(&state.db, ctx, scope, 45).await?;
    let todo = items.into_iter().map(|t| todo_line(t, today)).collect();
    let regs = regs
        .into_iter()
        .map(|(c, unit_id, unit_name, closes)| RegisterLine {
            campaign_id: c.id,
            campaign_title: c.title,
            unit_id,
            unit_name,
            closes: closes
                .map(|d| format!("hạn {}", thidua_domain::date::vn(d)))
                .unwrap_or_default(),
        })
        .collect();
    Ok((todo, regs))
}

fn todo_line(t: crate::ops::campaign_views::Todo, today: time::Date) -> TodoLine {
    let late = t.status == thidua_domain::campaign::deadline::SubmissionStatus::Missing;
    let n = (t.due_on - today).whole_days().abs();
    let days = if late {
        format!("trễ {n} ngày")
    } else if n == 0 {
        "hạn hôm nay".into()
    } else {
        format!("còn {n} ngày")
    };
    // The quarter's exemplars are answered by putting one forward: that counts as sent.
    let exemplars =
        t.kind == thidua_domain::campaign::deadline::DeadlineKind::ExemplaryModels.label();
    let (link, action) = if exemplars {
        let link = format!(
            "/exemplars/new?unit_id={}&campaign_id={}",
            t.unit_id, t.campaign_id
        );
        (link, "Giới thiệu gương")
    } else {
        let link = format!(
            "/campaigns/{}/deadlines/{}/submit?unit={}&due={}",
            t.campaign_id,
            t.deadline_id,
            t.unit_id,
            thidua_domain::date::iso(t.due_on)
        );
        (link, "Gửi văn bản")
    };
    TodoLine {
        campaign_id: t.campaign_id,
        campaign_title: t.campaign_title,
        unit_name: t.unit_name,
        what: t.what,
        due: thidua_domain::date::vn(t.due_on),
        late,
        days,
        link,
        action,
    }
}

/// Launched campaigns with their counts of sent and missing items (the office's overview).
async fn office_summary(state: &AppState, ctx: &Ctx) -> AppResult<Vec<CampaignSummary>> {
    let launched = crate::ops::campaigns::list(
        &state.db,
        ctx,
        None,
        Some(thidua_domain::campaign::CampaignStatus::Launched),
        None,
    )
    .await?;
    let mut out = Vec::new();
    for c in launched.into_iter().take(10) {
        let (c, m) = crate::ops::campaign_views::matrix(&state.db, ctx, &c.id).await?;
        let n = |k: &str| m.counts.get(k).copied().unwrap_or(0);
        out.push(CampaignSummary {
            period: format!(
                "{} – {}",
                thidua_domain::date::iso_to_vn(&c.period_from),
                thidua_domain::date::iso_to_vn(&c.period_to)
            ),
            id: c.id,
            title: c.title,
            missing: n("missing"),
            on_time: n("on_time"),
            late: n("late"),
        });
    }
    Ok(out)
}

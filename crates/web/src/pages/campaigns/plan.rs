//! The plan page of a campaign: its header, themes, targets, deadlines, award forms and quotas, and
//! what the user's units owe; the data come from [`crate::ops::campaign_reads::plan_page`].

use super::super::{Layout, render};
use super::{span, status_badge, threshold_text};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::ops::campaign_reads::{self as reads, PlanPage, ThemeView};
use crate::ops::campaign_views::{Roster, addressee_text, due_dates, registration_closes};
use crate::ops::campaigns::{date_of, status_of, today_vn};
use crate::ops::model::{AwardFormRow, CampaignRow, DeadlineRow, QuotaRow, TargetRow};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use std::collections::HashMap;
use thidua_domain::Validation;
use thidua_domain::campaign::deadline::{DeadlineKind, Recurrence};
use thidua_domain::campaign::target::TargetScope;
use thidua_domain::campaign::{CampaignKind, CampaignStatus};
use thidua_domain::date::iso_to_vn;
use thidua_domain::policy::Action;

pub struct ThemeLine {
    pub id: String,
    pub version: i64,
    pub title: String,
    pub lead: String,
    pub lead_id: Option<String>,
    pub coordinating: Vec<(String, String)>,
    pub period: String,
}

pub struct TargetLine {
    pub id: String,
    pub version: i64,
    pub text: String,
    pub threshold: String,
    pub scope: &'static str,
    pub theme: String,
    /// The user may report on it (a per-unit target for a unit in scope, or a body target they own).
    pub can_report: bool,
}

pub struct DeadlineLine {
    pub id: String,
    pub version: i64,
    pub when: String,
    pub what: String,
    pub kind: &'static str,
    pub who: String,
    pub recipient: String,
    pub repeat: String,
    /// The user's units owe it (they can send).
    pub mine: bool,
}

#[derive(Template)]
#[template(path = "campaigns/show.html")]
struct ShowPage {
    l: Layout,
    c: CampaignRow,
    tab: &'static str,
    status: &'static str,
    status_label: &'static str,
    kind: &'static str,
    period: String,
    issued_on: String,
    legal_bases: Vec<(String, String, String)>,
    participants: Vec<(String, String)>,
    themes: Vec<ThemeLine>,
    targets: Vec<TargetLine>,
    deadlines: Vec<DeadlineLine>,
    award_forms: Vec<AwardFormRow>,
    quotas: Vec<(QuotaRow, String)>,
    copied_from: Option<(String, String)>,
    can_manage: bool,
    editable: bool,
    is_draft: bool,
    is_launched: bool,
    /// Units in the user's scope that take part (for the "your unit" box).
    my_units: Vec<(String, String, bool)>,
    registration_note: String,
    v: Validation,
    unit_kinds: Vec<(String, String)>,
}

#[derive(Deserialize, Default)]
pub(super) struct ShowQuery {
    ok: Option<String>,
}

pub(super) async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> AppResult<Response> {
    show_page(&state, &ctx, &id, q.ok, Validation::new()).await
}

/// The plan page; `v` carries a refused lifecycle or list action's message.
pub(crate) async fn show_page(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    flash: Option<String>,
    v: Validation,
) -> AppResult<Response> {
    let plan = reads::plan_page(&state.db, ctx, id).await?;
    let code = if v.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(code, &plan_view(ctx, plan, flash, v)))
}

/// A theme's period in words: `01/01/2025 – 31/12/2025`, `từ …`, `đến …` or nothing.
fn theme_period(from: Option<&str>, to: Option<&str>) -> String {
    match (from, to) {
        (Some(f), Some(to)) => span(f, to),
        (Some(f), None) => format!("từ {}", iso_to_vn(f)),
        (None, Some(to)) => format!("đến {}", iso_to_vn(to)),
        (None, None) => String::new(),
    }
}

fn theme_lines(themes: Vec<ThemeView>) -> Vec<ThemeLine> {
    themes
        .into_iter()
        .map(|t| ThemeLine {
            period: theme_period(t.row.period_from.as_deref(), t.row.period_to.as_deref()),
            id: t.row.id,
            version: t.row.version,
            title: t.row.title,
            lead: t.lead,
            lead_id: t.row.lead_unit_id,
            coordinating: t.coordinating,
        })
        .collect()
}

fn target_lines(
    ctx: &Ctx,
    targets: Vec<TargetRow>,
    theme_lines: &[ThemeLine],
    roster: &Roster,
    has_my_units: bool,
) -> Vec<TargetLine> {
    let can_manage = ctx.can(Action::ManageCampaigns {
        org_id: ctx.org_id(),
    });
    let can_work = |path: &str| {
        ctx.can(Action::CampaignWork {
            org_id: ctx.org_id(),
            unit_path: path,
        })
    };
    let theme_of = |theme_id: &Option<String>| {
        theme_id
            .as_ref()
            .and_then(|t| theme_lines.iter().find(|l| &l.id == t))
    };
    let lead_of = |theme_id: &Option<String>| {
        theme_of(theme_id)
            .and_then(|l| l.lead_id.clone())
            .and_then(|u| roster.unit(&u).map(|(_, p)| p.to_string()))
    };
    targets
        .into_iter()
        .map(|t| {
            let per_unit = t.scope == TargetScope::PerUnit.code();
            let can_report = if per_unit {
                has_my_units || can_manage
            } else {
                can_manage || lead_of(&t.theme_id).is_some_and(|p| can_work(&p))
            };
            TargetLine {
                threshold: threshold_text(&t.comparator, t.threshold, t.measure.as_deref()),
                scope: TargetScope::parse(&t.scope)
                    .map(TargetScope::label)
                    .unwrap_or(""),
                theme: theme_of(&t.theme_id)
                    .map(|l| l.title.clone())
                    .unwrap_or_default(),
                id: t.id,
                version: t.version,
                text: t.text,
                can_report,
            }
        })
        .collect()
}

fn deadline_line(
    ctx: &Ctx,
    d: &DeadlineRow,
    campaign_to: time::Date,
    roster: &Roster,
    kind_names: &HashMap<String, String>,
) -> DeadlineLine {
    let scope = ctx.actor.read_scope();
    let dates = due_dates(d, campaign_to);
    let when = match (&d.opens_on, dates.len()) {
        (Some(o), 1) => format!("{} – {}", iso_to_vn(o), iso_to_vn(&d.due_on)),
        (_, 1) => iso_to_vn(&d.due_on),
        (_, n) => format!("{} kỳ, kỳ đầu {}", n, iso_to_vn(&d.due_on)),
    };
    let owed = roster.addressees(d);
    let mine = owed.iter().any(|u| {
        roster
            .unit(u)
            .is_some_and(|(_, p)| scope.is_some_and(|s| thidua_domain::org::is_within(p, s)))
    });
    DeadlineLine {
        id: d.id.clone(),
        version: d.version,
        when,
        what: d.what.clone(),
        kind: DeadlineKind::parse(&d.kind)
            .unwrap_or(DeadlineKind::Other)
            .label(),
        who: addressee_text(d, roster, kind_names),
        recipient: d.recipient.clone().unwrap_or_default(),
        repeat: Recurrence::parse(&d.recurrence)
            .filter(|r| *r != Recurrence::Once)
            .map(|r| r.label().to_string())
            .unwrap_or_default(),
        mine,
    }
}

fn registration_note(deadlines: &[DeadlineRow]) -> String {
    match registration_closes(deadlines) {
        Some(d) if d < today_vn() => format!(
            "Đã hết hạn đăng ký thi đua ({}).",
            thidua_domain::date::vn(d)
        ),
        Some(d) => format!("Hạn đăng ký thi đua: {}.", thidua_domain::date::vn(d)),
        None => String::new(),
    }
}

fn quota_lines(quotas: Vec<QuotaRow>) -> Vec<(QuotaRow, String)> {
    quotas
        .into_iter()
        .map(|q| {
            let sides = [
                q.collectives_max.map(|n| format!("tối đa {n:02} tập thể")),
                q.individuals_max.map(|n| format!("tối đa {n:02} cá nhân")),
            ];
            let text = sides.into_iter().flatten().collect::<Vec<_>>().join(", ");
            (q, text)
        })
        .collect()
}

/// The plan page's view of what was read.
fn plan_view(ctx: &Ctx, plan: PlanPage, flash: Option<String>, v: Validation) -> ShowPage {
    let c = plan.campaign;
    let roster = plan.roster;
    let status = status_of(&c);
    let can_manage = ctx.can(Action::ManageCampaigns {
        org_id: ctx.org_id(),
    });
    let scope = ctx.actor.read_scope();
    let my_units: Vec<(String, String, bool)> = roster
        .participants
        .iter()
        .filter(|p| scope.is_some_and(|s| thidua_domain::org::is_within(&p.unit_path, s)))
        .map(|p| {
            (
                p.unit_id.clone(),
                p.unit_name.clone(),
                plan.registrations.iter().any(|r| r.unit_id == p.unit_id),
            )
        })
        .collect();
    let themes = theme_lines(plan.themes);
    let targets = target_lines(ctx, plan.targets, &themes, &roster, !my_units.is_empty());
    let kind_names: HashMap<String, String> = plan
        .unit_kinds
        .iter()
        .map(|k| (k.code.clone(), k.name.clone()))
        .collect();
    let campaign_to = date_of(&c.period_to);
    let deadlines = plan
        .deadlines
        .iter()
        .map(|d| deadline_line(ctx, d, campaign_to, &roster, &kind_names))
        .collect();
    let (status_code, status_label) = status_badge(&c);
    ShowPage {
        l: Layout::new(ctx, "campaigns").with_flash(flash),
        tab: "plan",
        status: status_code,
        status_label,
        kind: CampaignKind::parse(&c.kind)
            .map(CampaignKind::label)
            .unwrap_or(""),
        period: span(&c.period_from, &c.period_to),
        issued_on: c.issued_on.as_deref().map(iso_to_vn).unwrap_or_default(),
        legal_bases: plan
            .legal_bases
            .into_iter()
            .map(|b| {
                (
                    b.number.unwrap_or_default(),
                    b.issued_on.as_deref().map(iso_to_vn).unwrap_or_default(),
                    b.title.unwrap_or_default(),
                )
            })
            .collect(),
        participants: roster
            .participants
            .iter()
            .map(|p| (p.unit_id.clone(), p.unit_name.clone()))
            .collect(),
        themes,
        targets,
        deadlines,
        award_forms: plan.award_forms,
        quotas: quota_lines(plan.quotas),
        copied_from: plan.copied_from,
        can_manage,
        editable: can_manage && status.plan_editable(),
        is_draft: status == CampaignStatus::Draft,
        is_launched: status == CampaignStatus::Launched,
        my_units,
        registration_note: registration_note(&plan.deadlines),
        v,
        unit_kinds: plan
            .unit_kinds
            .into_iter()
            .map(|k| (k.code, k.name))
            .collect(),
        c,
    }
}

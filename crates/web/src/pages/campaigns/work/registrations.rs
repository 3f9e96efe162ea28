//! The registrations and pacts overview of a campaign.

use super::super::super::{Layout, local_time, render};
use super::{OkQuery, commitment_text};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::ops::campaign_work_reads::{self as reads, ClusterPact, UnitRegistration};
use crate::ops::model::CampaignRow;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use thidua_domain::date::{iso_to_vn, vn};

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

fn registration_line(r: UnitRegistration) -> RegistrationLine {
    let reg = r.registration.as_ref();
    RegistrationLine {
        unit_id: r.participant.unit_id,
        unit_name: r.participant.unit_name,
        registered: reg.is_some(),
        when: reg
            .map(|r| local_time(&r.registered_at))
            .unwrap_or_default(),
        by: reg
            .and_then(|r| r.registered_by.clone())
            .unwrap_or_default(),
        titles: r.titles,
        targets: r.commitments.iter().map(commitment_text).collect(),
        can_edit: r.can_edit,
    }
}

fn pact_line(p: ClusterPact) -> PactLine {
    PactLine {
        can_sign: p.can_sign,
        cluster_name: format!("{} ({})", p.cluster.name, p.cluster.year),
        cluster_id: p.cluster.id,
        leader: p.leader,
        signed_on: p
            .pact
            .as_ref()
            .map(|x| iso_to_vn(&x.signed_on))
            .unwrap_or_default(),
        members: p.members,
        targets: p.commitments.iter().map(commitment_text).collect(),
    }
}

pub(super) async fn registrations(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<OkQuery>,
) -> AppResult<Response> {
    let board = reads::registration_board(&state.db, &ctx, &id).await?;
    let rows: Vec<RegistrationLine> = board.rows.into_iter().map(registration_line).collect();
    let registered = rows.iter().filter(|r| r.registered).count();
    let (status, status_label) = super::super::status_badge(&board.campaign);
    Ok(render(
        StatusCode::OK,
        &RegistrationsPage {
            l: Layout::new(&ctx, "campaigns").with_flash(q.ok),
            c: board.campaign,
            tab: "registrations",
            status,
            status_label,
            rows,
            registered,
            pacts: board.pacts.into_iter().map(pact_line).collect(),
            closes: board.closes.map(vn).unwrap_or_default(),
            open: board.open,
        },
    ))
}

//! The pact form of a cluster: signed once per campaign by the cluster's leader.

use super::super::super::{Layout, form_status, render, see_other};
use super::own_targets_text;
use super::register::{CommitmentField, commitment_field, typed_commitments};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::campaign_work as ops;
use crate::ops::campaign_work_reads as reads;
use crate::ops::campaigns::today_vn;
use crate::ops::model::CampaignRow;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::HashMap;
use thidua_domain::Validation;
use thidua_domain::campaign::pact::PactInput;
use thidua_domain::date::{iso_to_vn, vn};

#[derive(Template)]
#[template(path = "campaigns/pact.html")]
struct PactPage {
    l: Layout,
    c: CampaignRow,
    cluster_id: String,
    cluster_name: String,
    members: Vec<String>,
    commitments: Vec<CommitmentField>,
    signed_on: String,
    content: String,
    targets: String,
    version: String,
    v: Validation,
    conflict: bool,
}

#[derive(Deserialize, Default)]
pub(super) struct PactForm {
    #[serde(default)]
    signed_on: String,
    #[serde(default)]
    content: String,
    #[serde(default)]
    targets: String,
    #[serde(default)]
    version: String,
    /// `commit_<target id>`: the threshold a clause commits every member to.
    #[serde(flatten)]
    rest: HashMap<String, String>,
}

async fn pact_page(
    state: &AppState,
    ctx: &Ctx,
    (id, cluster_id): (&str, &str),
    f: Option<PactForm>,
    v: Validation,
    conflict: bool,
) -> AppResult<Response> {
    let stored = reads::pact_form(&state.db, ctx, id, cluster_id).await?;
    let (typed, prefill) = match &f {
        Some(f) => (f.rest.clone(), false),
        None => (HashMap::new(), stored.existing.is_none()),
    };
    let kept = match (&f, &stored.existing) {
        (None, Some((_, items))) => Some(items.as_slice()),
        _ => None,
    };
    let commitments = stored
        .targets
        .iter()
        .map(|t| commitment_field(t, kept, &typed, prefill))
        .collect();
    let f = match (f, &stored.existing) {
        (Some(f), _) => f,
        (None, Some((p, items))) => PactForm {
            signed_on: iso_to_vn(&p.signed_on),
            content: p.content.clone().unwrap_or_default(),
            targets: own_targets_text(items.iter().filter(|t| t.target_id.is_none())),
            version: p.version.to_string(),
            rest: HashMap::new(),
        },
        (None, None) => PactForm {
            signed_on: vn(today_vn()),
            ..Default::default()
        },
    };
    let page = PactPage {
        l: Layout::new(ctx, "campaigns"),
        c: stored.campaign,
        cluster_id: cluster_id.into(),
        cluster_name: format!("{} ({})", stored.cluster.name, stored.cluster.year),
        members: stored.members,
        commitments,
        signed_on: f.signed_on,
        content: f.content,
        targets: f.targets,
        version: f.version,
        v: v.clone(),
        conflict,
    };
    Ok(render(form_status(&v, conflict), &page))
}

pub(super) async fn pact_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, cluster)): Path<(String, String)>,
) -> AppResult<Response> {
    pact_page(
        &state,
        &ctx,
        (&id, &cluster),
        None,
        Validation::new(),
        false,
    )
    .await
}

pub(super) async fn sign_pact(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, cluster)): Path<(String, String)>,
    Form(f): Form<PactForm>,
) -> AppResult<Response> {
    let input = PactInput {
        cluster_id: cluster.clone(),
        signed_on: f.signed_on.clone(),
        content: f.content.clone(),
        commitments: typed_commitments(&f.rest),
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
            pact_page(&state, &ctx, (&id, &cluster), Some(f), v, false).await
        }
        Err(AppError::Conflict) => {
            pact_page(
                &state,
                &ctx,
                (&id, &cluster),
                Some(f),
                Validation::new(),
                true,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

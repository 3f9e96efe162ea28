//! The reads behind the pages of the units' work on a campaign: the registrations and pacts
//! overview, the registration, pact, progress and submission forms, and one sent submission.
//! Each read checks that the user may see the campaign and runs in one read-only transaction.

use super::campaign_views::{Roster, registration_closes};
use super::campaigns::{date_of, status_of, visible};
use crate::Caller;
use crate::error::{Error, Result};
use std::sync::Arc;
use thidua_domain::campaign::CampaignStatus;
use thidua_domain::campaign::target::TargetScope;
use thidua_domain::org::is_within;
use thidua_domain::policy::Action;
use thidua_rules::Rules;
use thidua_store::campaign_parts::{self as parts, DeadlineRow, TargetRow};
use thidua_store::campaign_work::{
    self as work, AttachmentRow, CommitmentRow, PactRow, ProgressRow, RegistrationRow,
    SubmissionRow,
};
use thidua_store::campaigns::{self, CampaignRow, Participant};
use thidua_store::clusters::{self, ClusterRow};
use thidua_store::{Db, Tx, units};

/// True when the user may act for the unit at `path` on a campaign's work.
fn may_work(caller: &Caller, path: &str) -> bool {
    caller.can(Action::CampaignWork {
        org_id: caller.org_id(),
        unit_path: path,
    })
}

/// The participants of a campaign the user may act for (id, name).
async fn acting_units(
    tx: &mut Tx,
    caller: &Caller,
    campaign_id: &str,
) -> Result<Vec<(String, String)>> {
    Ok(campaigns::participants(tx, campaign_id)
        .await?
        .into_iter()
        .filter(|p| may_work(caller, &p.unit_path))
        .map(|p| (p.unit_id, p.unit_name))
        .collect())
}

/// The participating units of a campaign the user may see that the user may act for (id, name).
pub async fn my_units(
    db: &Db,
    caller: &Caller,
    campaign_id: &str,
) -> Result<Vec<(String, String)>> {
    let mut tx = db.begin_read().await?;
    visible(&mut tx, caller, campaign_id).await?;
    let out = acting_units(&mut tx, caller, campaign_id).await?;
    tx.commit().await?;
    Ok(out)
}

// ---- registrations and pacts overview ----

/// A participating unit in the user's scope and its registration, if any.
#[derive(Debug, Clone)]
pub struct UnitRegistration {
    pub participant: Participant,
    pub registration: Option<RegistrationRow>,
    /// The names of the titles registered for.
    pub titles: Vec<String>,
    pub commitments: Vec<CommitmentRow>,
    /// The campaign is launched and the user may act for the unit.
    pub can_edit: bool,
}

/// A cluster of the campaign's years and its pact, if signed.
#[derive(Debug, Clone)]
pub struct ClusterPact {
    pub cluster: ClusterRow,
    /// The leader unit's name, or «chưa bầu».
    pub leader: String,
    pub pact: Option<PactRow>,
    pub commitments: Vec<CommitmentRow>,
    /// The members' names: those at signing, or the cluster's today when not signed.
    pub members: Vec<String>,
    /// The campaign is launched and the user may sign for the cluster.
    pub can_sign: bool,
}

/// The registrations of the units in the user's scope and the pacts of every cluster.
#[derive(Debug, Clone)]
pub struct RegistrationBoard {
    pub campaign: CampaignRow,
    pub rows: Vec<UnitRegistration>,
    pub pacts: Vec<ClusterPact>,
    pub closes: Option<time::Date>,
    pub open: bool,
}

/// The name of a title's code in the rules' catalog (the code itself when unknown).
fn title_name(rules: &Rules, code: &str) -> String {
    rules
        .catalog()
        .entries()
        .iter()
        .find(|e| e.code.as_str() == code)
        .map(|e| e.name.clone())
        .unwrap_or_else(|| code.to_string())
}

async fn unit_registrations(
    tx: &mut Tx,
    caller: &Caller,
    c: &CampaignRow,
    open: bool,
) -> Result<Vec<UnitRegistration>> {
    let participants = campaigns::participants(tx, &c.id).await?;
    let regs = work::registrations(tx, &c.id).await?;
    let rules: Arc<Rules> = super::honours::rules_in(tx, caller.org_id()).await?;
    let scope = caller.actor.read_scope();
    let mut rows = Vec::new();
    for p in participants
        .into_iter()
        .filter(|p| scope.is_none_or(|s| is_within(&p.unit_path, s)))
    {
        let registration = regs.iter().find(|r| r.unit_id == p.unit_id).cloned();
        let commitments = match &registration {
            Some(r) => work::commitments(tx, "registration", &r.id).await?,
            None => Vec::new(),
        };
        let titles = registration
            .as_ref()
            .map(|r| {
                r.title_codes()
                    .iter()
                    .map(|c| title_name(&rules, c))
                    .collect()
            })
            .unwrap_or_default();
        let can_edit = open && may_work(caller, &p.unit_path);
        rows.push(UnitRegistration {
            participant: p,
            registration,
            titles,
            commitments,
            can_edit,
        });
    }
    Ok(rows)
}

async fn cluster_pact(
    tx: &mut Tx,
    caller: &Caller,
    campaign_id: &str,
    cluster: ClusterRow,
    open: bool,
) -> Result<ClusterPact> {
    let members = clusters::members(tx, &cluster.id).await?;
    let leader = cluster
        .leader_unit_id
        .as_ref()
        .and_then(|l| members.iter().find(|m| &m.unit_id == l))
        .map(|m| m.unit_name.clone())
        .unwrap_or_else(|| "chưa bầu".into());
    let leader_path = match &cluster.leader_unit_id {
        Some(l) => units::get(tx, caller.org_id(), l)
            .await
            .ok()
            .map(|u| u.path),
        None => None,
    };
    let pact = work::pact(tx, campaign_id, &cluster.id).await?;
    let (commitments, members) = match &pact {
        Some(p) => (
            work::commitments(tx, "pact", &p.id).await?,
            work::pact_members(tx, &p.id)
                .await?
                .into_iter()
                .map(|m| m.1)
                .collect(),
        ),
        None => (
            Vec::new(),
            members.into_iter().map(|m| m.unit_name).collect(),
        ),
    };
    let can_sign = open
        && caller.can(Action::SignPact {
            org_id: caller.org_id(),
            leader_path: leader_path.as_deref(),
        });
    Ok(ClusterPact {
        cluster,
        leader,
        pact,
        commitments,
        members,
        can_sign,
    })
}

/// The registrations and pacts of a campaign the user may see (a unit officer: their units' rows).
pub async fn registration_board(db: &Db, caller: &Caller, id: &str) -> Result<RegistrationBoard> {
    let mut tx = db.begin_read().await?;
    let campaign = visible(&mut tx, caller, id).await?;
    let open = status_of(&campaign) == CampaignStatus::Launched;
    let deadlines = parts::deadlines(&mut tx, id).await?;
    let rows = unit_registrations(&mut tx, caller, &campaign, open).await?;
    let mut pacts = Vec::new();
    for year in date_of(&campaign.period_from).year()..=date_of(&campaign.period_to).year() {
        for cl in clusters::list(&mut tx, caller.org_id(), Some(i64::from(year))).await? {
            pacts.push(cluster_pact(&mut tx, caller, id, cl, open).await?);
        }
    }
    tx.commit().await?;
    Ok(RegistrationBoard {
        campaign,
        rows,
        pacts,
        closes: registration_closes(&deadlines),
        open,
    })
}

// ---- forms ----

/// What the registration form of a unit shows.
#[derive(Debug, Clone)]
pub struct RegistrationForm {
    pub campaign: CampaignRow,
    pub targets: Vec<TargetRow>,
    /// The last day to register, if a registration deadline is set.
    pub closes: Option<time::Date>,
    /// The unit's registration, with its commitments.
    pub existing: Option<(RegistrationRow, Vec<CommitmentRow>)>,
}

/// The targets of a campaign the user may see and, with `prefill`, the unit's stored registration.
pub async fn registration_form(
    db: &Db,
    caller: &Caller,
    id: &str,
    unit_id: &str,
    prefill: bool,
) -> Result<RegistrationForm> {
    let mut tx = db.begin_read().await?;
    let campaign = visible(&mut tx, caller, id).await?;
    let targets = parts::targets(&mut tx, id).await?;
    let deadlines = parts::deadlines(&mut tx, id).await?;
    let existing = match prefill {
        true => work::registration(&mut tx, id, unit_id).await?,
        false => None,
    };
    let existing = match existing {
        Some(r) => {
            let items = work::commitments(&mut tx, "registration", &r.id).await?;
            Some((r, items))
        }
        None => None,
    };
    tx.commit().await?;
    Ok(RegistrationForm {
        campaign,
        targets,
        closes: registration_closes(&deadlines),
        existing,
    })
}

/// What the pact form of a cluster shows.
#[derive(Debug, Clone)]
pub struct PactForm {
    pub campaign: CampaignRow,
    pub cluster: ClusterRow,
    /// The cluster's members' names.
    pub members: Vec<String>,
    /// The pact signed, with its targets.
    pub existing: Option<(PactRow, Vec<CommitmentRow>)>,
    /// The campaign's targets set per unit, which a clause may commit every member to.
    pub targets: Vec<TargetRow>,
}

/// The pact of a cluster on a campaign the user may see, or what a new one starts from.
pub async fn pact_form(db: &Db, caller: &Caller, id: &str, cluster_id: &str) -> Result<PactForm> {
    let mut tx = db.begin_read().await?;
    let campaign = visible(&mut tx, caller, id).await?;
    let cluster = clusters::get(&mut tx, caller.org_id(), cluster_id).await?;
    let members = clusters::members(&mut tx, cluster_id)
        .await?
        .into_iter()
        .map(|m| m.unit_name)
        .collect();
    let existing = match work::pact(&mut tx, id, cluster_id).await? {
        Some(p) => {
            let items = work::commitments(&mut tx, "pact", &p.id).await?;
            Some((p, items))
        }
        None => None,
    };
    let targets = parts::targets(&mut tx, id)
        .await?
        .into_iter()
        .filter(|t| t.scope == TargetScope::PerUnit.code())
        .collect();
    tx.commit().await?;
    Ok(PactForm {
        campaign,
        cluster,
        members,
        existing,
        targets,
    })
}

/// One report in a target's history.
#[derive(Debug, Clone)]
pub struct ReportEntry {
    pub report: ProgressRow,
    /// The unit's name; none for a report on the whole body.
    pub unit_name: Option<String>,
    pub files: Vec<AttachmentRow>,
}

/// What the progress form of a target shows.
#[derive(Debug, Clone)]
pub struct ReportForm {
    pub campaign: CampaignRow,
    pub target: TargetRow,
    pub per_unit: bool,
    /// The reports the user may see, newest first.
    pub history: Vec<ReportEntry>,
    /// For a per-unit target, the units the user may report for.
    pub units: Vec<(String, String)>,
    /// The user may report: a unit in scope for a per-unit target; the office or the theme's lead for
    /// the body.
    pub may_report: bool,
}

async fn report_history(
    tx: &mut Tx,
    caller: &Caller,
    id: &str,
    target_id: &str,
) -> Result<Vec<ReportEntry>> {
    let all = work::progress(tx, id).await?;
    let participants = campaigns::participants(tx, id).await?;
    let mut history = Vec::new();
    for r in all.into_iter().rev().filter(|r| r.target_id == target_id) {
        let unit = r
            .unit_id
            .as_ref()
            .and_then(|u| participants.iter().find(|p| &p.unit_id == u));
        if let Some(p) = unit
            && !caller.can(Action::ViewUnit {
                org_id: caller.org_id(),
                unit_path: &p.unit_path,
            })
        {
            continue;
        }
        let unit_name = unit.map(|p| p.unit_name.clone());
        let files = work::attachments(tx, "progress_report", &r.id).await?;
        history.push(ReportEntry {
            report: r,
            unit_name,
            files,
        });
    }
    Ok(history)
}

/// The path of the lead unit of a target's theme, if any.
async fn lead_path(
    tx: &mut Tx,
    caller: &Caller,
    id: &str,
    t: &TargetRow,
) -> Result<Option<String>> {
    let Some(theme) = t.theme_id.as_deref() else {
        return Ok(None);
    };
    Ok(match parts::theme(tx, id, theme).await?.lead_unit_id {
        Some(l) => units::get(tx, caller.org_id(), &l)
            .await
            .ok()
            .map(|u| u.path),
        None => None,
    })
}

/// A target of a campaign the user may see, with the reports the user may see.
pub async fn report_form(
    db: &Db,
    caller: &Caller,
    id: &str,
    target_id: &str,
) -> Result<ReportForm> {
    let mut tx = db.begin_read().await?;
    let campaign = visible(&mut tx, caller, id).await?;
    let target = parts::target(&mut tx, id, target_id).await?;
    let per_unit = target.scope == thidua_domain::campaign::target::TargetScope::PerUnit.code();
    let history = report_history(&mut tx, caller, id, &target.id).await?;
    let lead = lead_path(&mut tx, caller, id, &target).await?;
    let units = match per_unit {
        true => acting_units(&mut tx, caller, id).await?,
        false => Vec::new(),
    };
    tx.commit().await?;
    let may_report = if per_unit {
        !units.is_empty()
    } else {
        caller.can(Action::ManageCampaigns {
            org_id: caller.org_id(),
        }) || lead.is_some_and(|p| may_work(caller, &p))
    };
    Ok(ReportForm {
        campaign,
        target,
        per_unit,
        history,
        units,
        may_report,
    })
}

/// What the form for sending what a deadline asks for shows.
#[derive(Debug, Clone)]
pub struct SubmitForm {
    pub campaign: CampaignRow,
    pub deadline: DeadlineRow,
    /// The units that owe it and the user may act for (id, name).
    pub units: Vec<(String, String)>,
}

/// A deadline of a campaign the user may see, with the units the user may send for.
pub async fn submit_form(
    db: &Db,
    caller: &Caller,
    id: &str,
    deadline_id: &str,
) -> Result<SubmitForm> {
    let mut tx = db.begin_read().await?;
    let campaign = visible(&mut tx, caller, id).await?;
    let deadline = parts::deadline(&mut tx, id, deadline_id).await?;
    let roster = Roster::load(
        &mut tx,
        caller.org_id(),
        &campaign,
        std::slice::from_ref(&deadline),
    )
    .await?;
    tx.commit().await?;
    let units = roster
        .addressees(&deadline)
        .into_iter()
        .filter_map(|u| {
            roster
                .unit(&u)
                .filter(|(_, p)| may_work(caller, p))
                .map(|(n, _)| (u.clone(), n.to_string()))
        })
        .collect();
    Ok(SubmitForm {
        campaign,
        deadline,
        units,
    })
}

/// One thing sent for a deadline, as its page shows it.
#[derive(Debug, Clone)]
pub struct SubmissionView {
    pub campaign: CampaignRow,
    pub submission: SubmissionRow,
    pub unit_name: String,
    pub deadline: DeadlineRow,
    pub files: Vec<AttachmentRow>,
}

/// A submission of a campaign the user may see, sent by a unit the user may see (404 otherwise).
pub async fn submission(
    db: &Db,
    caller: &Caller,
    id: &str,
    submission_id: &str,
) -> Result<SubmissionView> {
    let mut tx = db.begin_read().await?;
    let campaign = visible(&mut tx, caller, id).await?;
    let submission = work::submission(&mut tx, caller.org_id(), submission_id).await?;
    if submission.campaign_id != campaign.id {
        return Err(Error::NotFound);
    }
    let unit = units::get(&mut tx, caller.org_id(), &submission.unit_id).await?;
    caller.authorize(Action::ViewUnit {
        org_id: caller.org_id(),
        unit_path: &unit.path,
    })?;
    let deadline = parts::deadline(&mut tx, id, &submission.deadline_id).await?;
    let files = work::attachments(&mut tx, "submission", &submission.id).await?;
    tx.commit().await?;
    Ok(SubmissionView {
        campaign,
        submission,
        unit_name: unit.name,
        deadline,
        files,
    })
}

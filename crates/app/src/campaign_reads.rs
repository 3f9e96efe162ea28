//! The reads behind the plan pages: the plan page with everything it shows, the header form's
//! stored values, and the unit kinds the forms offer. Each read runs in one read-only transaction.

use super::campaign_views::Roster;
use super::campaigns::{editable, visible};
use crate::Caller;
use crate::error::Result;
use thidua_store::campaign_parts::{self as parts, DeadlineRow, TargetRow, ThemeRow};
use thidua_store::campaign_work::{self as work, RegistrationRow};
use thidua_store::campaigns::{self, AwardFormRow, CampaignRow, LegalBasisRow, QuotaRow};
use thidua_store::units::{self, CodeName};
use thidua_store::{Db, Tx};

/// The kinds of units (code and name) in their order: reference data, the same for every role.
pub async fn unit_kinds(db: &Db) -> Result<Vec<CodeName>> {
    let mut tx = db.begin_read().await?;
    let kinds = units::kinds(&mut tx).await?;
    tx.commit().await?;
    Ok(kinds)
}

/// A theme as the plan page shows it.
#[derive(Debug, Clone)]
pub struct ThemeView {
    pub row: ThemeRow,
    /// The lead unit's name, or the lead written by hand.
    pub lead: String,
    /// The coordinating units (id, name).
    pub coordinating: Vec<(String, String)>,
}

/// Everything the plan page of a campaign shows, as stored.
#[derive(Debug, Clone)]
pub struct PlanPage {
    pub campaign: CampaignRow,
    pub legal_bases: Vec<LegalBasisRow>,
    pub themes: Vec<ThemeView>,
    pub targets: Vec<TargetRow>,
    pub deadlines: Vec<DeadlineRow>,
    pub roster: Roster,
    pub unit_kinds: Vec<CodeName>,
    pub award_forms: Vec<AwardFormRow>,
    pub quotas: Vec<QuotaRow>,
    pub registrations: Vec<RegistrationRow>,
    /// The plan this one was copied from (id, title), when it still exists.
    pub copied_from: Option<(String, String)>,
}

/// The themes of a campaign with their leads' names and coordinating units.
async fn theme_views(tx: &mut Tx, caller: &Caller, campaign_id: &str) -> Result<Vec<ThemeView>> {
    let mut out = Vec::new();
    for row in parts::themes(tx, campaign_id).await? {
        let coordinating = parts::coordinators(tx, &row.id).await?;
        let lead = match &row.lead_unit_id {
            Some(u) => units::get(tx, caller.org_id(), u)
                .await
                .map(|u| u.name)
                .unwrap_or_default(),
            None => row.lead_name.clone().unwrap_or_default(),
        };
        out.push(ThemeView {
            row,
            lead,
            coordinating,
        });
    }
    Ok(out)
}

/// Loads the plan page of a campaign the user may see (404 for drafts unless they manage campaigns).
pub async fn plan_page(db: &Db, caller: &Caller, id: &str) -> Result<PlanPage> {
    let mut tx = db.begin_read().await?;
    let campaign = visible(&mut tx, caller, id).await?;
    let legal_bases = campaigns::legal_bases(&mut tx, id).await?;
    let themes = theme_views(&mut tx, caller, id).await?;
    let targets = parts::targets(&mut tx, id).await?;
    let deadlines = parts::deadlines(&mut tx, id).await?;
    let roster = Roster::load(&mut tx, caller.org_id(), &campaign, &deadlines).await?;
    let unit_kinds = units::kinds(&mut tx).await?;
    let award_forms = campaigns::award_forms(&mut tx, id).await?;
    let quotas = campaigns::quotas(&mut tx, id).await?;
    let registrations = work::registrations(&mut tx, id).await?;
    let copied_from = match &campaign.copied_from_id {
        Some(src) => campaigns::get(&mut tx, caller.org_id(), src)
            .await
            .ok()
            .map(|s| (s.id, s.title)),
        None => None,
    };
    tx.commit().await?;
    Ok(PlanPage {
        campaign,
        legal_bases,
        themes,
        targets,
        deadlines,
        roster,
        unit_kinds,
        award_forms,
        quotas,
        registrations,
        copied_from,
    })
}

/// A plan's header as stored, for its edit form.
#[derive(Debug, Clone)]
pub struct HeaderForm {
    pub campaign: CampaignRow,
    pub legal_bases: Vec<LegalBasisRow>,
    /// The participating units' ids.
    pub participant_ids: Vec<String>,
}

/// The header of a plan the user may change (the office, not closed), for its edit form.
pub async fn header_form(db: &Db, caller: &Caller, id: &str) -> Result<HeaderForm> {
    let mut tx = db.begin_read().await?;
    let campaign = editable(&mut tx, caller, id).await?;
    let legal_bases = campaigns::legal_bases(&mut tx, id).await?;
    let participant_ids = campaigns::participants(&mut tx, id)
        .await?
        .into_iter()
        .map(|p| p.unit_id)
        .collect();
    tx.commit().await?;
    Ok(HeaderForm {
        campaign,
        legal_bases,
        participant_ids,
    })
}

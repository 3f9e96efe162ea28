//! Reading exemplars: the register a user may see (filtered, searchable without diacritics, paged)
//! and one exemplar with its photos, adoptions, fostering plan and the honours within reach.

use super::review::publicity;
use super::{quarter_label, status, visible};
use crate::Caller;
use crate::error::Result;
use crate::honours::{self, SubjectKind};
use serde::{Deserialize, Serialize};
use thidua_domain::exemplar::{ExemplarKind, ExemplarStatus};
use thidua_domain::policy::Action;
use thidua_store::Db;
use thidua_store::exemplars::{
    self as store, AdoptionRow, ExemplarFilter, ExemplarRow, FosteringRow, PhotoRow,
};

/// Exemplars per page of the register.
pub const PAGE_SIZE: i64 = 30;

/// One exemplar with the labels a page or the API shows.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExemplarView {
    pub id: String,
    pub unit_id: String,
    pub unit_name: String,
    pub kind: String,
    pub kind_label: String,
    pub name: String,
    pub headline: String,
    pub story: String,
    pub person_id: Option<String>,
    pub campaign_id: Option<String>,
    pub campaign_title: Option<String>,
    /// `yyyy-mm-dd`
    pub put_forward_on: String,
    pub quarter_label: String,
    pub status: String,
    pub status_label: String,
    pub reason: Option<String>,
    pub forwarded_on: Option<String>,
    pub forwarded_to: Option<String>,
    pub consent_by: Option<String>,
    pub consent_on: Option<String>,
    pub consent_withdrawn_on: Option<String>,
    pub published: bool,
    /// Shown on the public site now.
    pub public: bool,
    pub cover_photo_id: Option<String>,
    pub version: i64,
}

impl ExemplarView {
    pub fn of(r: &ExemplarRow) -> Self {
        let kind = ExemplarKind::parse(&r.kind).unwrap_or(ExemplarKind::Person);
        Self {
            id: r.id.clone(),
            unit_id: r.unit_id.clone(),
            unit_name: r.unit_name.clone(),
            kind: r.kind.clone(),
            kind_label: kind.label().into(),
            name: r.name.clone(),
            headline: r.headline.clone(),
            story: r.story.clone(),
            person_id: r.person_id.clone(),
            campaign_id: r.campaign_id.clone(),
            campaign_title: r.campaign_title.clone(),
            put_forward_on: r.put_forward_on.clone(),
            quarter_label: quarter_label(r.year, r.quarter),
            status: r.status.clone(),
            status_label: status(r).label().into(),
            reason: r.reason.clone(),
            forwarded_on: r.forwarded_on.clone(),
            forwarded_to: r.forwarded_to.clone(),
            consent_by: r.consent_by.clone(),
            consent_on: r.consent_on.clone(),
            consent_withdrawn_on: r.consent_withdrawn_on.clone(),
            published: r.published_at.is_some(),
            public: publicity(r).is_public(),
            cover_photo_id: r.cover_photo_id.clone(),
            version: r.version,
        }
    }
}

/// Filters as typed in the register's form (all optional).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[serde(default)]
pub struct ExemplarFilterInput {
    pub q: String,
    /// Empty for every year.
    pub year: String,
    /// `1`–`4`, empty for the whole year.
    pub quarter: String,
    pub status: String,
    pub kind: String,
    pub campaign_id: String,
    pub page: Option<i64>,
}

/// A page of the register.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExemplarList {
    pub items: Vec<ExemplarView>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    /// Whether the caller may put an exemplar forward.
    pub can_put_forward: bool,
}

fn known<T>(code: &str, parse: impl Fn(&str) -> Option<T>) -> Option<String> {
    parse(code).map(|_| code.trim().to_string())
}

/// The register as the caller may see it (a unit officer: their own units).
pub async fn list(db: &Db, caller: &Caller, f: &ExemplarFilterInput) -> Result<ExemplarList> {
    caller.authorize(Action::ViewCampaigns {
        org_id: caller.org_id(),
    })?;
    let filter = ExemplarFilter {
        scope: caller.actor.read_scope().map(str::to_string),
        year: f.year.trim().parse().ok(),
        quarter: f
            .quarter
            .trim()
            .parse()
            .ok()
            .filter(|q| (1..=4).contains(q)),
        status: known(&f.status, ExemplarStatus::parse),
        kind: known(&f.kind, ExemplarKind::parse),
        campaign_id: Some(f.campaign_id.trim().to_string()).filter(|c| !c.is_empty()),
        query: Some(f.q.trim().to_string()).filter(|q| !q.is_empty()),
        public_only: false,
    };
    let page = f.page.unwrap_or(1).max(1);
    let mut tx = db.begin_read().await?;
    let (rows, total) = store::list(
        &mut tx,
        caller.org_id(),
        &filter,
        PAGE_SIZE,
        (page - 1) * PAGE_SIZE,
    )
    .await?;
    tx.commit().await?;
    Ok(ExemplarList {
        items: rows.iter().map(ExemplarView::of).collect(),
        total,
        page,
        pages: (total + PAGE_SIZE - 1) / PAGE_SIZE,
        can_put_forward: caller.can(Action::CampaignWork {
            org_id: caller.org_id(),
            unit_path: caller.actor.read_scope().unwrap_or("/"),
        }),
    })
}

/// An honour within reach, from the rules engine.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WithinReach {
    pub name: String,
    pub eligible_now: bool,
    pub earliest_year: Option<i32>,
    pub missing: Vec<String>,
}

/// One exemplar with everything its page shows.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExemplarDetail {
    pub exemplar: ExemplarView,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub photos: Vec<PhotoRow>,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub adoptions: Vec<AdoptionRow>,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub fostering: Vec<FosteringRow>,
    /// The next honours within reach of the person or collective (empty for a model).
    pub within_reach: Vec<WithinReach>,
    /// The caller is of the exemplar's unit (or the office): may edit, add photos, record consent.
    pub can_work: bool,
    /// The caller is the office: may decide, forward, publish, plan fostering.
    pub can_judge: bool,
    /// The unit may still change the text.
    pub editable: bool,
}

pub async fn detail(db: &Db, caller: &Caller, id: &str) -> Result<ExemplarDetail> {
    let mut tx = db.begin_read().await?;
    let row = visible(&mut tx, caller, id).await?;
    let photos = store::photos(&mut tx, id).await?;
    let adoptions = store::adoptions(&mut tx, id).await?;
    let fostering = store::fostering(&mut tx, id).await?;
    tx.commit().await?;
    let can_work = caller.can(Action::CampaignWork {
        org_id: caller.org_id(),
        unit_path: &row.unit_path,
    });
    let within_reach = within_reach(db, caller, &row).await;
    Ok(ExemplarDetail {
        editable: can_work && status(&row).editable_by_unit(),
        exemplar: ExemplarView::of(&row),
        photos,
        adoptions,
        fostering,
        within_reach,
        can_work,
        can_judge: caller.can(Action::ManageCampaigns {
            org_id: caller.org_id(),
        }),
    })
}

/// The roadmap of the person (or the collective's unit) from the rules engine; empty when there
/// is no record to read or the caller may not read it.
async fn within_reach(db: &Db, caller: &Caller, row: &ExemplarRow) -> Vec<WithinReach> {
    let subject = match ExemplarKind::parse(&row.kind) {
        Some(ExemplarKind::Person) => row.person_id.clone().map(|p| (SubjectKind::Person, p)),
        Some(ExemplarKind::Collective) => Some((SubjectKind::Unit, row.unit_id.clone())),
        _ => None,
    };
    let Some((kind, subject_id)) = subject else {
        return Vec::new();
    };
    let Ok(h) = honours::history(db, caller, kind, &subject_id).await else {
        return Vec::new();
    };
    let Ok(rules) = crate::rules_cache::rules_for(db, caller.org_id()).await else {
        return Vec::new();
    };
    let jur = thidua_rules::Jurisdiction::national();
    honours::roadmap(&rules, &h, crate::today(), &jur)
        .unwrap_or_default()
        .into_iter()
        .take(4)
        .map(|i| WithinReach {
            name: i.name,
            eligible_now: i.eligible_now,
            earliest_year: i.earliest_year,
            missing: i.missing,
        })
        .collect()
}

//! What clients get back from the campaigns API: the stored plan and the units' work, ISO dates
//! (`yyyy-mm-dd`), codes with their Vietnamese labels.

use crate::ops::model::{
    AttachmentRow, AwardFormRow, CampaignRow, CommitmentRow, DeadlineRow, LegalBasisRow, QuotaRow,
    TargetRow, ThemeRow,
};
use serde::Serialize;
use thidua_domain::campaign::deadline::{DeadlineKind, Recurrence};
use thidua_domain::campaign::target::{Comparator, TargetScope};
use thidua_domain::campaign::{CampaignKind, CampaignStatus};
use utoipa::ToSchema;

/// A document the plan is based on.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LegalBasis {
    /// `6677/KH-UBND`
    pub number: Option<String>,
    /// `yyyy-mm-dd`
    pub issued_on: Option<String>,
    pub title: Option<String>,
}

impl From<LegalBasisRow> for LegalBasis {
    fn from(r: LegalBasisRow) -> Self {
        LegalBasis {
            number: r.number,
            issued_on: r.issued_on,
            title: r.title,
        }
    }
}

/// A plan's header, status and version.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Campaign {
    pub id: String,
    pub number: Option<String>,
    pub issued_on: Option<String>,
    pub issuer: String,
    pub place: Option<String>,
    pub title: String,
    pub kind: String,
    pub kind_label: String,
    pub period_from: String,
    pub period_to: String,
    pub signer_title: Option<String>,
    pub signer_name: Option<String>,
    pub purposes: Option<String>,
    pub content: Option<String>,
    pub participants_note: Option<String>,
    /// `draft`, `launched`, `closed`.
    pub status: String,
    pub status_label: String,
    pub launched_at: Option<String>,
    pub closed_at: Option<String>,
    pub copied_from_id: Option<String>,
    /// Send back on update, launch and close; any change to the plan's parts also moves it on.
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

impl From<CampaignRow> for Campaign {
    fn from(c: CampaignRow) -> Self {
        let kind_label = CampaignKind::parse(&c.kind)
            .map(|k| k.label())
            .unwrap_or_default()
            .to_string();
        let status_label = CampaignStatus::parse(&c.status)
            .map(|s| s.label())
            .unwrap_or_default()
            .to_string();
        Campaign {
            id: c.id,
            number: c.number,
            issued_on: c.issued_on,
            issuer: c.issuer,
            place: c.place,
            title: c.title,
            kind: c.kind,
            kind_label,
            period_from: c.period_from,
            period_to: c.period_to,
            signer_title: c.signer_title,
            signer_name: c.signer_name,
            purposes: c.purposes,
            content: c.content,
            participants_note: c.participants_note,
            status: c.status,
            status_label,
            launched_at: c.launched_at,
            closed_at: c.closed_at,
            copied_from_id: c.copied_from_id,
            version: c.version,
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

/// A unit named by id and name.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitRef {
    pub unit_id: String,
    pub unit_name: String,
}

impl From<(String, String)> for UnitRef {
    fn from((unit_id, unit_name): (String, String)) -> Self {
        UnitRef { unit_id, unit_name }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Participant {
    pub unit_id: String,
    pub unit_name: String,
    pub unit_kind: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Theme {
    pub id: String,
    pub title: String,
    pub lead_unit_id: Option<String>,
    pub lead_name: Option<String>,
    pub period_from: Option<String>,
    pub period_to: Option<String>,
    pub description: Option<String>,
    /// Coordinating units (*đơn vị phối hợp*).
    pub coordinators: Vec<UnitRef>,
    pub version: i64,
}

impl Theme {
    pub fn new(t: ThemeRow, coordinators: Vec<(String, String)>) -> Theme {
        Theme {
            id: t.id,
            title: t.title,
            lead_unit_id: t.lead_unit_id,
            lead_name: t.lead_name,
            period_from: t.period_from,
            period_to: t.period_to,
            description: t.description,
            coordinators: coordinators.into_iter().map(UnitRef::from).collect(),
            version: t.version,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Target {
    pub id: String,
    pub theme_id: Option<String>,
    pub text: String,
    /// `>=`, `>`, `=`, `<=`.
    pub comparator: String,
    /// `≥`, `>`, `=`, `≤`.
    pub comparator_sign: String,
    pub threshold: f64,
    /// Unit of measure.
    pub unit: Option<String>,
    /// `body` or `per_unit`.
    pub scope: String,
    pub scope_label: String,
    pub version: i64,
}

fn sign(code: &str) -> String {
    Comparator::parse(code)
        .map(|c| c.sign())
        .unwrap_or(code)
        .to_string()
}

impl From<TargetRow> for Target {
    fn from(t: TargetRow) -> Self {
        let scope_label = TargetScope::parse(&t.scope)
            .map(|s| s.label())
            .unwrap_or_default()
            .to_string();
        Target {
            id: t.id,
            theme_id: t.theme_id,
            comparator_sign: sign(&t.comparator),
            comparator: t.comparator,
            text: t.text,
            threshold: t.threshold,
            unit: t.measure,
            scope: t.scope,
            scope_label,
            version: t.version,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Deadline {
    pub id: String,
    pub kind: String,
    pub kind_label: String,
    pub what: String,
    pub opens_on: Option<String>,
    /// The first due date.
    pub due_on: String,
    pub recurrence: String,
    pub recurrence_label: String,
    pub repeat_until: Option<String>,
    pub addressees: String,
    pub unit_kind: Option<String>,
    pub unit_id: Option<String>,
    pub recipient: Option<String>,
    /// Every due date of the rule within the campaign (`yyyy-mm-dd`).
    pub occurrences: Vec<String>,
    pub version: i64,
}

impl Deadline {
    pub fn new(d: DeadlineRow, occurrences: &[time::Date]) -> Deadline {
        let kind_label = DeadlineKind::parse(&d.kind)
            .map(|k| k.label())
            .unwrap_or_default()
            .to_string();
        let recurrence_label = Recurrence::parse(&d.recurrence)
            .map(|r| r.label())
            .unwrap_or_default()
            .to_string();
        Deadline {
            id: d.id,
            kind: d.kind,
            kind_label,
            what: d.what,
            opens_on: d.opens_on,
            due_on: d.due_on,
            recurrence: d.recurrence,
            recurrence_label,
            repeat_until: d.repeat_until,
            addressees: d.addressees,
            unit_kind: d.unit_kind,
            unit_id: d.unit_id,
            recipient: d.recipient,
            occurrences: occurrences
                .iter()
                .map(|x| thidua_domain::date::iso(*x))
                .collect(),
            version: d.version,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AwardForm {
    pub id: String,
    pub name: String,
    pub catalog_code: Option<String>,
    pub criteria: Option<String>,
}

impl From<AwardFormRow> for AwardForm {
    fn from(a: AwardFormRow) -> Self {
        AwardForm {
            id: a.id,
            name: a.name,
            catalog_code: a.catalog_code,
            criteria: a.criteria,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Quota {
    pub id: String,
    pub who: String,
    pub unit_kind: Option<String>,
    pub unit_id: Option<String>,
    pub award_form: Option<String>,
    pub collectives_max: Option<i64>,
    pub individuals_max: Option<i64>,
}

impl From<QuotaRow> for Quota {
    fn from(q: QuotaRow) -> Self {
        Quota {
            id: q.id,
            who: q.who,
            unit_kind: q.unit_kind,
            unit_id: q.unit_id,
            award_form: q.award_form,
            collectives_max: q.collectives_max,
            individuals_max: q.individuals_max,
        }
    }
}

/// The whole plan: header, legal bases, participants, themes, targets, deadlines, award forms, quotas.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Plan {
    #[serde(flatten)]
    pub campaign: Campaign,
    pub legal_bases: Vec<LegalBasis>,
    pub participants: Vec<Participant>,
    pub themes: Vec<Theme>,
    pub targets: Vec<Target>,
    pub deadlines: Vec<Deadline>,
    pub award_forms: Vec<AwardForm>,
    pub quotas: Vec<Quota>,
}

impl From<crate::ops::campaigns::Plan> for Plan {
    fn from(p: crate::ops::campaigns::Plan) -> Self {
        Plan {
            campaign: p.campaign.into(),
            legal_bases: p.legal_bases.into_iter().map(Into::into).collect(),
            participants: p
                .participants
                .into_iter()
                .map(|x| Participant {
                    unit_id: x.unit_id,
                    unit_name: x.unit_name,
                    unit_kind: x.unit_kind,
                })
                .collect(),
            themes: p
                .themes
                .into_iter()
                .map(|(t, c)| Theme::new(t, c))
                .collect(),
            targets: p.targets.into_iter().map(Into::into).collect(),
            deadlines: p
                .deadlines
                .into_iter()
                .map(|(d, due)| Deadline::new(d, &due))
                .collect(),
            award_forms: p.award_forms.into_iter().map(Into::into).collect(),
            quotas: p.quotas.into_iter().map(Into::into).collect(),
        }
    }
}

/// A target committed to in a registration or a pact.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Commitment {
    /// The campaign target it answers, if any.
    pub target_id: Option<String>,
    pub text: String,
    pub comparator: String,
    pub comparator_sign: String,
    pub threshold: f64,
    pub unit: Option<String>,
}

impl From<CommitmentRow> for Commitment {
    fn from(c: CommitmentRow) -> Self {
        Commitment {
            target_id: c.target_id,
            text: c.text,
            comparator_sign: sign(&c.comparator),
            comparator: c.comparator,
            threshold: c.threshold,
            unit: c.measure,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Registration {
    pub id: String,
    pub campaign_id: String,
    pub unit_id: String,
    pub unit_name: String,
    /// Catalog codes.
    pub titles: Vec<String>,
    pub note: Option<String>,
    pub commitments: Vec<Commitment>,
    pub registered_at: String,
    pub registered_by: Option<String>,
    /// Send back to update the registration.
    pub version: i64,
}

impl From<crate::ops::campaign_work::RegistrationView> for Registration {
    fn from(r: crate::ops::campaign_work::RegistrationView) -> Self {
        Registration {
            titles: r.row.title_codes(),
            id: r.row.id,
            campaign_id: r.row.campaign_id,
            unit_id: r.row.unit_id,
            unit_name: r.unit_name,
            note: r.row.note,
            commitments: r.commitments.into_iter().map(Into::into).collect(),
            registered_at: r.row.registered_at,
            registered_by: r.row.registered_by,
            version: r.row.version,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Pact {
    pub id: String,
    pub campaign_id: String,
    pub cluster_id: String,
    pub cluster_name: String,
    pub signed_on: String,
    pub content: Option<String>,
    pub signed_by: Option<String>,
    /// The cluster's members at signing.
    pub members: Vec<UnitRef>,
    pub targets: Vec<Commitment>,
    /// Send back to amend the pact.
    pub version: i64,
}

impl From<crate::ops::campaign_work::PactView> for Pact {
    fn from(p: crate::ops::campaign_work::PactView) -> Self {
        Pact {
            id: p.row.id,
            campaign_id: p.row.campaign_id,
            cluster_id: p.row.cluster_id,
            cluster_name: p.cluster_name,
            signed_on: p.row.signed_on,
            content: p.row.content,
            signed_by: p.row.signed_by,
            members: p.members.into_iter().map(UnitRef::from).collect(),
            targets: p.commitments.into_iter().map(Into::into).collect(),
            version: p.row.version,
        }
    }
}

/// An attached file; download it at `url`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Attachment {
    pub id: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub url: String,
}

impl From<AttachmentRow> for Attachment {
    fn from(a: AttachmentRow) -> Self {
        Attachment {
            url: format!("/api/v1/attachments/{}", a.id),
            id: a.id,
            file_name: a.file_name,
            content_type: a.content_type,
            size_bytes: a.size_bytes,
        }
    }
}

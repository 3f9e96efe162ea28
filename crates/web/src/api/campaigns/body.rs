//! What clients send to the campaigns API: loose shapes where every text is optional (the domain's
//! checks name what is missing), dates as `dd/mm/yyyy` or ISO, numbers as JSON numbers or as people
//! type them in Vietnamese.

use serde::Deserialize;
use std::collections::BTreeMap;
use thidua_domain::campaign::CampaignInput;
use thidua_domain::campaign::deadline::DeadlineInput;
use thidua_domain::campaign::pact::PactInput;
use thidua_domain::campaign::parts::{
    AwardFormInput, ProgressInput, QuotaInput, RegistrationInput, SubmissionInput, ThemeInput,
};
use thidua_domain::campaign::target::TargetInput;
use utoipa::ToSchema;

fn text(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

/// A number as a JSON number (`95.5`) or as people type it (`"95,5"`, `"1.234"`, `"95 %"`).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum NumberOrText {
    Number(f64),
    Text(String),
}

impl NumberOrText {
    /// The text the domain's number parser reads: a JSON number keeps its decimals after a comma, so
    /// `1.234` stays one point two three four (typed text `"1.234"` is a thousand two hundred…).
    pub fn text(&self) -> String {
        match self {
            NumberOrText::Number(n) => n.to_string().replace('.', ","),
            NumberOrText::Text(s) => s.clone(),
        }
    }
}

fn number(v: &Option<NumberOrText>) -> String {
    v.as_ref().map(NumberOrText::text).unwrap_or_default()
}

/// Lines of text, as one string with line breaks or as a list of lines.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum Lines {
    Text(String),
    List(Vec<String>),
}

fn lines(v: &Option<Lines>) -> String {
    match v {
        Some(Lines::Text(s)) => s.clone(),
        Some(Lines::List(l)) => l.join("\n"),
        None => String::new(),
    }
}

/// A document the plan is based on.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct LegalBasisBody {
    /// `6677/KH-UBND`
    pub number: Option<String>,
    /// `dd/mm/yyyy` or `yyyy-mm-dd`.
    pub issued_on: Option<String>,
    pub title: Option<String>,
}

/// Legal bases as typed in the form (one a line: `number; dd/mm/yyyy; title`) or as a list.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum LegalBases {
    Text(String),
    List(Vec<LegalBasisBody>),
}

impl LegalBases {
    fn text(&self) -> String {
        match self {
            LegalBases::Text(s) => s.clone(),
            LegalBases::List(items) => items
                .iter()
                .map(|b| {
                    let part = |s: &Option<String>| text(s).replace(['\n', '\r'], " ");
                    format!(
                        "{}; {}; {}",
                        part(&b.number),
                        part(&b.issued_on),
                        part(&b.title)
                    )
                    .trim_end_matches([';', ' '])
                    .to_string()
                })
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// A plan's header and scope, to create or update it. Dates as `dd/mm/yyyy` or `yyyy-mm-dd`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct CampaignBody {
    /// Number and symbol, `303/KH-UBND`.
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub issued_on: Option<String>,
    #[serde(default)]
    pub issuer: Option<String>,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    /// `regular`, `multi_year`, `thematic`, `peak`.
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub period_from: Option<String>,
    #[serde(default)]
    pub period_to: Option<String>,
    #[serde(default)]
    pub signer_title: Option<String>,
    #[serde(default)]
    pub signer_name: Option<String>,
    #[serde(default)]
    pub legal_bases: Option<LegalBases>,
    #[serde(default)]
    pub purposes: Option<String>,
    #[serde(default)]
    pub content: Option<String>,
    /// Who takes part, in words.
    #[serde(default)]
    pub participants_note: Option<String>,
    /// Participating units (ids).
    #[serde(default)]
    pub participant_ids: Option<Vec<String>>,
    /// Required on update: the version read (409 when someone saved since).
    #[serde(default)]
    pub version: Option<i64>,
}

impl CampaignBody {
    pub fn input(&self) -> CampaignInput {
        CampaignInput {
            number: text(&self.number),
            issued_on: text(&self.issued_on),
            issuer: text(&self.issuer),
            place: text(&self.place),
            title: text(&self.title),
            kind: text(&self.kind),
            period_from: text(&self.period_from),
            period_to: text(&self.period_to),
            signer_title: text(&self.signer_title),
            signer_name: text(&self.signer_name),
            legal_bases: self
                .legal_bases
                .as_ref()
                .map(LegalBases::text)
                .unwrap_or_default(),
            purposes: text(&self.purposes),
            content: text(&self.content),
            participants_note: text(&self.participants_note),
            participant_ids: self.participant_ids.clone().unwrap_or_default(),
        }
    }
}

/// The version read, for launch, close and deletes.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct VersionBody {
    #[serde(default)]
    pub version: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ThemeBody {
    #[serde(default)]
    pub title: Option<String>,
    /// The lead unit (*đơn vị chủ trì*).
    #[serde(default)]
    pub lead_unit_id: Option<String>,
    /// The lead as printed, when it is not one of the organisation's units.
    #[serde(default)]
    pub lead_name: Option<String>,
    #[serde(default)]
    pub coordinating_ids: Option<Vec<String>>,
    #[serde(default)]
    pub period_from: Option<String>,
    #[serde(default)]
    pub period_to: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// Required on update.
    #[serde(default)]
    pub version: Option<i64>,
}

impl ThemeBody {
    pub fn input(&self) -> ThemeInput {
        ThemeInput {
            title: text(&self.title),
            lead_unit_id: text(&self.lead_unit_id),
            lead_name: text(&self.lead_name),
            coordinating_ids: self.coordinating_ids.clone().unwrap_or_default(),
            period_from: text(&self.period_from),
            period_to: text(&self.period_to),
            description: text(&self.description),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct TargetBody {
    #[serde(default)]
    pub text: Option<String>,
    /// `>=`, `>`, `=`, `<=` (or `≥`, `≤`).
    #[serde(default)]
    pub comparator: Option<String>,
    #[serde(default)]
    pub threshold: Option<NumberOrText>,
    /// Unit of measure (`%`, `hộ`, `chỉ tiêu`).
    #[serde(default, alias = "measure")]
    pub unit: Option<String>,
    /// `body` (whole body, default) or `per_unit`.
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub theme_id: Option<String>,
    /// Required on update.
    #[serde(default)]
    pub version: Option<i64>,
}

impl TargetBody {
    pub fn input(&self) -> TargetInput {
        TargetInput {
            text: text(&self.text),
            comparator: text(&self.comparator),
            threshold: number(&self.threshold),
            unit: text(&self.unit),
            scope: text(&self.scope),
            theme_id: text(&self.theme_id),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct DeadlineBody {
    /// `registration`, `unit_plan`, `mid_year_report`, `year_end_report`, `nomination`,
    /// `exemplary_models`, `cluster_dossier`, `scoring`, `other`.
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub what: Option<String>,
    #[serde(default)]
    pub opens_on: Option<String>,
    #[serde(default)]
    pub due_on: Option<String>,
    /// `once` (default), `monthly`, `quarterly`, `half_yearly`.
    #[serde(default)]
    pub recurrence: Option<String>,
    #[serde(default)]
    pub repeat_until: Option<String>,
    /// `all` (default), `unit_kind`, `unit`, `cluster_leaders`.
    #[serde(default)]
    pub addressees: Option<String>,
    #[serde(default)]
    pub unit_kind: Option<String>,
    #[serde(default)]
    pub unit_id: Option<String>,
    /// To whom it is sent, as printed.
    #[serde(default)]
    pub recipient: Option<String>,
    /// Required on update.
    #[serde(default)]
    pub version: Option<i64>,
}

impl DeadlineBody {
    pub fn input(&self) -> DeadlineInput {
        DeadlineInput {
            kind: text(&self.kind),
            what: text(&self.what),
            opens_on: text(&self.opens_on),
            due_on: text(&self.due_on),
            recurrence: text(&self.recurrence),
            repeat_until: text(&self.repeat_until),
            addressees: text(&self.addressees),
            unit_kind: text(&self.unit_kind),
            unit_id: text(&self.unit_id),
            recipient: text(&self.recipient),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct AwardFormBody {
    #[serde(default)]
    pub name: Option<String>,
    /// Code in the award catalog, when the form is one of it.
    #[serde(default)]
    pub catalog_code: Option<String>,
    #[serde(default)]
    pub criteria: Option<String>,
}

impl AwardFormBody {
    pub fn input(&self) -> AwardFormInput {
        AwardFormInput {
            name: text(&self.name),
            catalog_code: text(&self.catalog_code),
            criteria: text(&self.criteria),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct QuotaBody {
    /// The quota's subject as printed (*mỗi phường*).
    #[serde(default)]
    pub who: Option<String>,
    #[serde(default)]
    pub unit_kind: Option<String>,
    #[serde(default)]
    pub unit_id: Option<String>,
    #[serde(default)]
    pub award_form: Option<String>,
    #[serde(default)]
    pub collectives_max: Option<NumberOrText>,
    #[serde(default)]
    pub individuals_max: Option<NumberOrText>,
}

impl QuotaBody {
    pub fn input(&self) -> QuotaInput {
        QuotaInput {
            who: text(&self.who),
            unit_kind: text(&self.unit_kind),
            unit_id: text(&self.unit_id),
            award_form: text(&self.award_form),
            collectives_max: number(&self.collectives_max),
            individuals_max: number(&self.individuals_max),
        }
    }
}

/// A unit's registration: titles aimed for and targets committed to.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct RegistrationBody {
    #[serde(default)]
    pub unit_id: Option<String>,
    /// Catalog codes of titles and forms (`TTLDXS`, …).
    #[serde(default)]
    pub titles: Option<Vec<String>>,
    /// Per-unit campaign target id → the level the unit commits to.
    #[serde(default)]
    pub commitments: Option<BTreeMap<String, NumberOrText>>,
    /// The unit's own targets, one a line: `text | ≥ | 95 | %`.
    #[serde(default)]
    pub own_targets: Option<Lines>,
    #[serde(default)]
    pub note: Option<String>,
    /// Omit for a first registration; the version read to update one (409 otherwise).
    #[serde(default)]
    pub version: Option<i64>,
}

impl RegistrationBody {
    pub fn input(&self) -> RegistrationInput {
        RegistrationInput {
            unit_id: text(&self.unit_id),
            titles: self.titles.clone().unwrap_or_default(),
            commitments: typed_commitments(&self.commitments),
            own_targets: lines(&self.own_targets),
            note: text(&self.note),
        }
    }
}

/// A cluster's pact.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct PactBody {
    #[serde(default)]
    pub cluster_id: Option<String>,
    #[serde(default)]
    pub signed_on: Option<String>,
    #[serde(default)]
    pub content: Option<String>,
    /// Per-unit campaign target id → the level every member commits to; these clauses are measured
    /// from the members' progress reports at the pact's mid-year review.
    #[serde(default)]
    pub commitments: Option<BTreeMap<String, NumberOrText>>,
    /// Other targets, one a line: `text | ≥ | 95 | %`.
    #[serde(default)]
    pub targets: Option<Lines>,
    /// Omit for a first signing; the version read to amend.
    #[serde(default)]
    pub version: Option<i64>,
}

fn typed_commitments(c: &Option<BTreeMap<String, NumberOrText>>) -> Vec<(String, String)> {
    c.iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.text()))
        .collect()
}

impl PactBody {
    pub fn input(&self) -> PactInput {
        PactInput {
            cluster_id: text(&self.cluster_id),
            signed_on: text(&self.signed_on),
            content: text(&self.content),
            commitments: typed_commitments(&self.commitments),
            targets: lines(&self.targets),
        }
    }
}

/// A progress report without files (JSON); with files, send the same fields as `multipart/form-data`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ProgressBody {
    /// Required for per-unit targets.
    #[serde(default)]
    pub unit_id: Option<String>,
    #[serde(default)]
    pub value: Option<NumberOrText>,
    /// Date of the figures.
    #[serde(default)]
    pub reported_on: Option<String>,
    #[serde(default)]
    pub comment: Option<String>,
}

impl ProgressBody {
    pub fn input(&self) -> ProgressInput {
        ProgressInput {
            unit_id: text(&self.unit_id),
            value: number(&self.value),
            reported_on: text(&self.reported_on),
            comment: text(&self.comment),
        }
    }
}

/// What was sent for a deadline, without files (JSON).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct SubmissionBody {
    #[serde(default)]
    pub unit_id: Option<String>,
    /// The due date of the occurrence answered (may be omitted when the deadline has one).
    #[serde(default)]
    pub due_on: Option<String>,
    #[serde(default)]
    pub document_number: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

impl SubmissionBody {
    pub fn input(&self) -> SubmissionInput {
        SubmissionInput {
            unit_id: text(&self.unit_id),
            due_on: text(&self.due_on),
            document_number: text(&self.document_number),
            note: text(&self.note),
        }
    }
}

/// A progress report with evidence (`multipart/form-data`): the fields of the JSON form plus files.
#[derive(Debug, ToSchema)]
#[allow(dead_code)] // describes the multipart form in OpenAPI only
pub struct ProgressForm {
    pub unit_id: Option<String>,
    pub value: String,
    pub reported_on: String,
    pub comment: Option<String>,
    /// Evidence: PDF, JPG/PNG, DOC/DOCX, XLS/XLSX; at most 5 files of 10 MB each.
    #[schema(value_type = Vec<String>, format = Binary)]
    pub files: Vec<Vec<u8>>,
}

/// What was sent for a deadline, with files (`multipart/form-data`).
#[derive(Debug, ToSchema)]
#[allow(dead_code)] // describes the multipart form in OpenAPI only
pub struct SubmissionForm {
    pub unit_id: String,
    pub due_on: Option<String>,
    pub document_number: Option<String>,
    pub note: Option<String>,
    /// The documents sent: PDF, JPG/PNG, DOC/DOCX, XLS/XLSX; at most 5 files of 10 MB each.
    #[schema(value_type = Vec<String>, format = Binary)]
    pub files: Vec<Vec<u8>>,
}

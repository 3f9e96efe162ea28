//! Importing a plan from its text: paste or upload (.txt, .md, .docx), review the draft campaign with
//! every field tied to the lines it came from (click a field's line numbers to see them highlighted in
//! the source), correct it, match unit names, and save it as a draft campaign in one step.

use super::super::{Layout, render, see_other};
use super::upload::{field, read_form};
use super::{UnitGroup, unit_groups};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::plan_import::{
    self as ops, DeadlineLine, ImportInput, TargetLine, ThemeLine, match_unit,
};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum_extra::extract::Form;
use std::collections::{HashMap, HashSet};
use thidua_domain::Validation;
use thidua_domain::campaign::deadline::{DeadlineInput, DeadlineKind};
use thidua_domain::campaign::parts::{AwardFormInput, QuotaInput, ThemeInput};
use thidua_domain::campaign::target::{Comparator, TargetInput, TargetScope, format_number};
use thidua_domain::campaign::{CampaignInput, CampaignKind};
use thidua_domain::date::iso_to_vn;
use thidua_domain::policy::Action;
use thidua_plan::Evidence;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/campaigns/import", get(start).post(upload))
        .route("/campaigns/import/save", post(save))
}

/// The posted review form: every value of every name (checkboxes and multi-selects repeat).
type Fields = HashMap<String, Vec<String>>;

fn one(f: &Fields, key: &str) -> String {
    f.get(key)
        .and_then(|v| v.first())
        .cloned()
        .unwrap_or_default()
}

fn many(f: &Fields, key: &str) -> Vec<String> {
    f.get(key).cloned().unwrap_or_default()
}

fn set(f: &mut Fields, key: impl Into<String>, value: impl Into<String>) {
    f.insert(key.into(), vec![value.into()]);
}

fn lines_text(lines: &[usize]) -> String {
    lines
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

// ---- the start page ----

#[derive(Template)]
#[template(path = "campaigns/import_start.html")]
struct StartPage {
    l: Layout,
    text: String,
    error: Option<String>,
}

async fn start(ctx: Ctx) -> AppResult<Response> {
    ctx.authorize(Action::ManageCampaigns {
        org_id: ctx.org_id(),
    })?;
    Ok(render(
        StatusCode::OK,
        &StartPage {
            l: Layout::new(&ctx, "campaigns"),
            text: String::new(),
            error: None,
        },
    ))
}

/// Reads the upload (a file, or the pasted text when no file was chosen) and shows the review.
async fn upload(State(state): State<AppState>, ctx: Ctx, form: Multipart) -> AppResult<Response> {
    ctx.authorize(Action::ManageCampaigns {
        org_id: ctx.org_id(),
    })?;
    let refuse = |ctx: &Ctx, text: String, e: AppError| {
        Ok(render(
            e.status(),
            &StartPage {
                l: Layout::new(ctx, "campaigns"),
                text,
                error: Some(e.message()),
            },
        ))
    };
    let (fields, files) = match read_form(form, state.config.max_upload_bytes).await {
        Ok(x) => x,
        Err(e @ (AppError::TooLarge(_) | AppError::BadRequest(_))) => {
            return refuse(&ctx, String::new(), e);
        }
        Err(e) => return Err(e),
    };
    let pasted = field(&fields, "text");
    let bytes =
        match files.into_iter().next() {
            Some(f) => f.bytes,
            None if pasted.trim().is_empty() => return refuse(
                &ctx,
                pasted,
                AppError::BadRequest(
                    "Hãy dán nội dung kế hoạch vào ô bên dưới hoặc chọn tệp .txt, .docx để nhập."
                        .into(),
                ),
            ),
            None => pasted.clone().into_bytes(),
        };
    let (plan, lines) = match ops::read(&bytes).map_err(AppError::from) {
        Ok(x) => x,
        Err(e @ (AppError::TooLarge(_) | AppError::BadRequest(_))) => {
            return refuse(&ctx, pasted, e);
        }
        Err(e) => return Err(e),
    };
    let units = active_units(&state, &ctx).await?;
    let mut f = fields_of(&plan, &units);
    // The same text as `ops::read` imported: only the confidence is taken from this second read.
    let (_, confidence) = thidua_plan::import_text_with_confidence(&lines.join("\n"));
    confidence_fields(&mut f, &confidence);
    f.insert(
        "participant_ids".into(),
        default_participants(&state, &ctx).await?,
    );
    set(&mut f, "source", lines.join("\n"));
    review_page(&state, &ctx, &f, Validation::new()).await
}

/// Active units the office may pick, as (id, name).
async fn active_units(state: &AppState, ctx: &Ctx) -> AppResult<Vec<(String, String)>> {
    Ok(crate::ops::units::tree(&state.db, ctx, None, false)
        .await?
        .into_iter()
        .map(|(_, u)| (u.id, u.name))
        .collect())
}

/// The units directly under the top of the tree: who usually takes part in the body's plan.
async fn default_participants(state: &AppState, ctx: &Ctx) -> AppResult<Vec<String>> {
    Ok(crate::ops::units::tree(&state.db, ctx, None, false)
        .await?
        .into_iter()
        .filter(|(d, _)| *d == 1)
        .map(|(_, u)| u.id)
        .collect())
}

/// The kind of unit a quota's subject names (`mỗi phường` → wards).
fn quota_kind(who: &str) -> &'static str {
    let t = thidua_domain::text::fold(who);
    if t.contains("phuong") || t.contains(" xa") || t.starts_with("xa") {
        "ward"
    } else if t.contains("phong") || t.contains("ban, nganh") {
        "department"
    } else {
        ""
    }
}

/// The review form's values from an extraction.
/// The review form's fields filled from the plan import: the header, then each kind of row with its
/// source lines (`ev_…`, `…_lines`) so the officer can check every value against the text.
fn fields_of(p: &thidua_plan::PlanImport, units: &[(String, String)]) -> Fields {
    let mut f = Fields::new();
    let ev = p.evidence.clone().unwrap_or_default();
    header_fields(&mut f, p, &ev);
    theme_fields(&mut f, p, &ev, units);
    target_fields(&mut f, p, &ev);
    deadline_fields(&mut f, p, &ev);
    form_and_quota_fields(&mut f, p, &ev);
    f
}

/// Fields the importer is unsure of, shown first to the reviewer: (contract key, form key, label in
/// the notice, id of the element on the page the notice links to).
const CHECKED: &[(&str, &str, &str, &str)] = &[
    ("number", "number", "Số, ký hiệu", "f-number"),
    ("issued_on", "issued_on", "Ngày ban hành", "f-issued"),
    ("issuer", "issuer", "Cơ quan ban hành", "f-issuer"),
    ("place", "place", "Địa danh", "f-place"),
    ("title", "title", "Tên kế hoạch", "f-title"),
    ("legal_bases", "legal", "Căn cứ", "f-legal"),
    ("signer", "signer", "Chức vụ, họ tên người ký", "f-stitle"),
    ("period", "period", "Thời gian thi đua", "f-from"),
    ("themes", "themes", "Chuyên đề", "g-themes"),
    ("targets", "targets", "Chỉ tiêu", "g-targets"),
    ("deadlines", "deadlines", "Thời hạn", "g-deadlines"),
    (
        "award_forms",
        "award_forms",
        "Hình thức khen thưởng",
        "g-award-forms",
    ),
    ("quotas", "quotas", "Số lượng đề nghị tối đa", "g-quotas"),
];

/// The reason for each field of low confidence, as hidden form fields `cf_<key>` (kept when the
/// page is shown again after a validation error).
fn confidence_fields(f: &mut Fields, confidence: &thidua_plan::Confidence) {
    for (field, key, _, _) in CHECKED {
        let reason = confidence.of(field).reason.unwrap_or_default();
        set(f, format!("cf_{key}"), reason);
    }
}

/// One field to check first: its label, the id it links to on the page, and why.
struct Check {
    label: &'static str,
    anchor: &'static str,
    reason: String,
}

/// Every field to check first, in page order.
fn checks(f: &Fields) -> Vec<Check> {
    CHECKED
        .iter()
        .map(|(_, key, label, anchor)| Check {
            label,
            anchor,
            reason: one(f, &format!("cf_{key}")),
        })
        .filter(|c| !c.reason.is_empty())
        .collect()
}

/// The source lines of row `i` of one kind of row.
fn lines_of(list: &[Vec<usize>], i: usize) -> String {
    lines_text(list.get(i).map(Vec::as_slice).unwrap_or(&[]))
}

fn header_fields(f: &mut Fields, p: &thidua_plan::PlanImport, ev: &Evidence) {
    let opt = |x: &Option<String>| x.clone().unwrap_or_default();
    set(f, "number", opt(&p.number));
    set(
        f,
        "issued_on",
        p.issued_on.as_deref().map(iso_to_vn).unwrap_or_default(),
    );
    set(f, "issuer", opt(&p.issuer));
    set(f, "place", opt(&p.place));
    set(f, "title", opt(&p.title));
    set(
        f,
        "kind",
        CampaignKind::guess(p.title.as_deref().unwrap_or("")).code(),
    );
    let period = p.period.clone().unwrap_or_default();
    set(
        f,
        "period_from",
        period.from.as_deref().map(iso_to_vn).unwrap_or_default(),
    );
    set(
        f,
        "period_to",
        period.to.as_deref().map(iso_to_vn).unwrap_or_default(),
    );
    let signer = p.signer.clone().unwrap_or_default();
    set(f, "signer_title", opt(&signer.title));
    set(f, "signer_name", opt(&signer.name));
    let bases: Vec<String> = p
        .legal_bases
        .iter()
        .map(|b| {
            format!(
                "{}; {}",
                b.number.clone().unwrap_or_default(),
                b.date.as_deref().map(iso_to_vn).unwrap_or_default()
            )
            .trim_end_matches([';', ' '])
            .to_string()
        })
        .collect();
    set(f, "legal_bases", bases.join("\n"));
    for (key, lines) in [
        ("number", &ev.number),
        ("issued_on", &ev.issued_on),
        ("issuer", &ev.issuer),
        ("title", &ev.title),
        ("period", &ev.period),
        ("signer", &ev.signer),
    ] {
        set(f, format!("ev_{key}"), lines_text(lines));
    }
    set(f, "ev_legal", lines_text(&ev.legal_bases.concat()));
}

/// Each theme with its lead unit matched (sure: chosen; unsure: the printed name and a suggestion)
/// and its coordinating units (the unmatched ones listed for the officer).
fn theme_fields(
    f: &mut Fields,
    p: &thidua_plan::PlanImport,
    ev: &Evidence,
    units: &[(String, String)],
) {
    set(f, "n_h", p.themes.len().to_string());
    for (i, t) in p.themes.iter().enumerate() {
        set(f, format!("h{i}_keep"), "1");
        set(f, format!("h{i}_title"), t.title.clone());
        let lead = t.lead.clone().unwrap_or_default();
        let m = match_unit(&lead, units);
        match (&m.best, m.sure) {
            (Some(b), true) => set(f, format!("h{i}_lead_unit_id"), b.0.clone()),
            (Some(b), false) => {
                // Unsure: keep the printed name and offer the closest unit for the officer to choose.
                set(f, format!("h{i}_lead_name"), lead.clone());
                set(f, format!("h{i}_suggest"), b.1.clone());
            }
            (None, _) => set(f, format!("h{i}_lead_name"), lead.clone()),
        }
        set(f, format!("h{i}_printed_lead"), lead);
        let mut coordinating = Vec::new();
        let mut unmatched = Vec::new();
        for c in &t.coordinating {
            match match_unit(c, units) {
                UnitMatchSure {
                    best: Some(b),
                    sure: true,
                } => coordinating.push(b.0),
                _ => unmatched.push(c.clone()),
            }
        }
        f.insert(format!("h{i}_coordinating_ids"), coordinating);
        set(f, format!("h{i}_unmatched"), unmatched.join("; "));
        set(f, format!("h{i}_lines"), lines_of(&ev.themes, i));
    }
}

/// Each target, with "Mỗi đơn vị …", "từng cơ quan, đơn vị …" read as a per-unit target.
fn target_fields(f: &mut Fields, p: &thidua_plan::PlanImport, ev: &Evidence) {
    let opt = |x: &Option<String>| x.clone().unwrap_or_default();
    set(f, "n_t", p.targets.len().to_string());
    for (i, t) in p.targets.iter().enumerate() {
        set(f, format!("t{i}_keep"), "1");
        set(f, format!("t{i}_text"), t.text.clone());
        set(f, format!("t{i}_comparator"), t.comparator.clone());
        set(f, format!("t{i}_threshold"), format_number(t.value));
        set(f, format!("t{i}_unit"), opt(&t.unit));
        let folded = thidua_domain::text::fold(&t.text);
        let per_unit = [
            "moi don vi",
            "tung co quan",
            "tung don vi",
            "cac don vi",
            "moi cum",
        ]
        .iter()
        .any(|w| folded.contains(w));
        set(
            f,
            format!("t{i}_scope"),
            if per_unit { "per_unit" } else { "body" },
        );
        set(f, format!("t{i}_lines"), lines_of(&ev.targets, i));
    }
}

fn deadline_fields(f: &mut Fields, p: &thidua_plan::PlanImport, ev: &Evidence) {
    let opt = |x: &Option<String>| x.clone().unwrap_or_default();
    set(f, "n_d", p.deadlines.len().to_string());
    for (i, d) in p.deadlines.iter().enumerate() {
        set(f, format!("d{i}_keep"), "1");
        set(f, format!("d{i}_what"), d.what.clone());
        set(f, format!("d{i}_kind"), DeadlineKind::guess(&d.what).code());
        set(f, format!("d{i}_due_on"), iso_to_vn(&d.date));
        set(f, format!("d{i}_recipient"), opt(&d.to));
        set(f, format!("d{i}_lines"), lines_of(&ev.deadlines, i));
    }
}

fn form_and_quota_fields(f: &mut Fields, p: &thidua_plan::PlanImport, ev: &Evidence) {
    set(f, "n_a", p.award_forms.len().to_string());
    for (i, a) in p.award_forms.iter().enumerate() {
        set(f, format!("a{i}_keep"), "1");
        set(f, format!("a{i}_name"), a.clone());
        set(f, format!("a{i}_lines"), lines_of(&ev.award_forms, i));
    }
    set(f, "n_q", p.quotas.len().to_string());
    for (i, q) in p.quotas.iter().enumerate() {
        set(f, format!("q{i}_keep"), "1");
        set(f, format!("q{i}_who"), q.who.clone());
        set(f, format!("q{i}_unit_kind"), quota_kind(&q.who));
        set(
            f,
            format!("q{i}_collectives_max"),
            q.collectives_max.map(|n| n.to_string()).unwrap_or_default(),
        );
        set(
            f,
            format!("q{i}_individuals_max"),
            q.individuals_max.map(|n| n.to_string()).unwrap_or_default(),
        );
        set(f, format!("q{i}_lines"), lines_of(&ev.quotas, i));
    }
}

use crate::ops::plan_import::UnitMatch as UnitMatchSure;

fn count(f: &Fields, key: &str) -> usize {
    one(f, key).parse::<usize>().unwrap_or(0).min(500)
}

/// What the reviewed form asks to save.
fn input_of(f: &Fields) -> ImportInput {
    let keep = |k: String| !one(f, &k).is_empty();
    ImportInput {
        campaign: CampaignInput {
            number: one(f, "number"),
            issued_on: one(f, "issued_on"),
            issuer: one(f, "issuer"),
            place: one(f, "place"),
            title: one(f, "title"),
            kind: one(f, "kind"),
            period_from: one(f, "period_from"),
            period_to: one(f, "period_to"),
            signer_title: one(f, "signer_title"),
            signer_name: one(f, "signer_name"),
            legal_bases: one(f, "legal_bases"),
            purposes: String::new(),
            content: String::new(),
            participants_note: String::new(),
            participant_ids: many(f, "participant_ids"),
        },
        themes: (0..count(f, "n_h"))
            .map(|i| ThemeLine {
                keep: keep(format!("h{i}_keep")),
                input: ThemeInput {
                    title: one(f, &format!("h{i}_title")),
                    lead_unit_id: one(f, &format!("h{i}_lead_unit_id")),
                    lead_name: one(f, &format!("h{i}_lead_name")),
                    coordinating_ids: many(f, &format!("h{i}_coordinating_ids")),
                    ..Default::default()
                },
            })
            .collect(),
        targets: (0..count(f, "n_t"))
            .map(|i| TargetLine {
                keep: keep(format!("t{i}_keep")),
                input: TargetInput {
                    text: one(f, &format!("t{i}_text")),
                    comparator: one(f, &format!("t{i}_comparator")),
                    threshold: one(f, &format!("t{i}_threshold")),
                    unit: one(f, &format!("t{i}_unit")),
                    scope: one(f, &format!("t{i}_scope")),
                    theme_id: String::new(),
                },
            })
            .collect(),
        deadlines: (0..count(f, "n_d"))
            .map(|i| DeadlineLine {
                keep: keep(format!("d{i}_keep")),
                input: DeadlineInput {
                    kind: one(f, &format!("d{i}_kind")),
                    what: one(f, &format!("d{i}_what")),
                    due_on: one(f, &format!("d{i}_due_on")),
                    recipient: one(f, &format!("d{i}_recipient")),
                    ..Default::default()
                },
            })
            .collect(),
        award_forms: (0..count(f, "n_a"))
            .map(|i| {
                (
                    keep(format!("a{i}_keep")),
                    AwardFormInput {
                        name: one(f, &format!("a{i}_name")),
                        ..Default::default()
                    },
                )
            })
            .collect(),
        quotas: (0..count(f, "n_q"))
            .map(|i| {
                (
                    keep(format!("q{i}_keep")),
                    QuotaInput {
                        who: one(f, &format!("q{i}_who")),
                        unit_kind: one(f, &format!("q{i}_unit_kind")),
                        collectives_max: one(f, &format!("q{i}_collectives_max")),
                        individuals_max: one(f, &format!("q{i}_individuals_max")),
                        ..Default::default()
                    },
                )
            })
            .collect(),
    }
}

// ---- the review page ----

pub struct SourceLine {
    pub no: usize,
    pub text: String,
    pub used: bool,
}

/// Line numbers of one field as links into the source.
pub struct Lines {
    pub raw: String,
    pub links: Vec<usize>,
}

impl Lines {
    fn of(raw: String) -> Lines {
        let links = raw
            .split(',')
            .filter_map(|x| x.trim().parse().ok())
            .collect();
        Lines { raw, links }
    }
}

pub struct ThemeView {
    pub i: usize,
    pub keep: bool,
    pub title: String,
    pub lead_unit_id: String,
    pub lead_name: String,
    pub printed_lead: String,
    pub coordinating_ids: Vec<String>,
    pub unmatched: String,
    /// The closest unit when the match is unsure.
    pub suggest: String,
    pub lines: Lines,
}

pub struct RowView {
    pub i: usize,
    pub keep: bool,
    pub values: HashMap<&'static str, String>,
    pub lines: Lines,
}

impl RowView {
    pub fn get(&self, key: &str) -> &str {
        self.values.get(key).map(String::as_str).unwrap_or("")
    }
}

#[derive(Template)]
#[template(path = "campaigns/import_review.html")]
struct ReviewPage {
    l: Layout,
    f: Fields,
    ev: HashMap<&'static str, Lines>,
    source: Vec<SourceLine>,
    source_text: String,
    kinds: Vec<(&'static str, &'static str)>,
    groups: Vec<UnitGroup>,
    participant_ids: Vec<String>,
    units: Vec<(String, String)>,
    themes: Vec<ThemeView>,
    targets: Vec<RowView>,
    deadlines: Vec<RowView>,
    award_forms: Vec<RowView>,
    quotas: Vec<RowView>,
    comparators: Vec<(&'static str, &'static str)>,
    scopes: Vec<(&'static str, &'static str)>,
    deadline_kinds: Vec<(&'static str, &'static str)>,
    unit_kinds: Vec<(String, String)>,
    /// Fields of low confidence, in page order.
    checks: Vec<Check>,
    v: Validation,
}

impl ReviewPage {
    fn val(&self, key: &str) -> String {
        one(&self.f, key)
    }

    /// Why the importer is unsure of a field (empty when it is sure).
    fn cf(&self, key: &str) -> String {
        one(&self.f, &format!("cf_{key}"))
    }

    /// The hidden form fields that carry the confidence.
    fn cf_keys(&self) -> Vec<String> {
        CHECKED
            .iter()
            .map(|(_, key, _, _)| format!("cf_{key}"))
            .collect()
    }
}

fn rows(f: &Fields, prefix: &str, n: &str, keys: &[&'static str]) -> Vec<RowView> {
    (0..count(f, n))
        .map(|i| RowView {
            i,
            keep: !one(f, &format!("{prefix}{i}_keep")).is_empty(),
            values: keys
                .iter()
                .map(|k| (*k, one(f, &format!("{prefix}{i}_{k}"))))
                .collect(),
            lines: Lines::of(one(f, &format!("{prefix}{i}_lines"))),
        })
        .collect()
}

/// The themes of the review form, as typed (or as read from the file).
fn theme_views(f: &Fields) -> Vec<ThemeView> {
    (0..count(f, "n_h"))
        .map(|i| ThemeView {
            i,
            keep: !one(f, &format!("h{i}_keep")).is_empty(),
            title: one(f, &format!("h{i}_title")),
            lead_unit_id: one(f, &format!("h{i}_lead_unit_id")),
            lead_name: one(f, &format!("h{i}_lead_name")),
            printed_lead: one(f, &format!("h{i}_printed_lead")),
            coordinating_ids: many(f, &format!("h{i}_coordinating_ids")),
            unmatched: one(f, &format!("h{i}_unmatched")),
            suggest: one(f, &format!("h{i}_suggest")),
            lines: Lines::of(one(f, &format!("h{i}_lines"))),
        })
        .collect()
}

/// The source lines each header field was read from.
fn evidence(f: &Fields) -> HashMap<&'static str, Lines> {
    [
        "number",
        "issued_on",
        "issuer",
        "title",
        "period",
        "signer",
        "legal",
    ]
    .into_iter()
    .map(|k| (k, Lines::of(one(f, &format!("ev_{k}")))))
    .collect()
}

/// The file's text, line by line, marking the lines something was read from.
fn source_lines(source_text: &str, used: &HashSet<usize>) -> Vec<SourceLine> {
    source_text
        .lines()
        .enumerate()
        .map(|(i, t)| SourceLine {
            no: i + 1,
            text: t.to_string(),
            used: used.contains(&(i + 1)),
        })
        .collect()
}

async fn review_page(
    state: &AppState,
    ctx: &Ctx,
    f: &Fields,
    v: Validation,
) -> AppResult<Response> {
    let source_text = one(f, "source");
    let themes = theme_views(f);
    let targets = rows(
        f,
        "t",
        "n_t",
        &["text", "comparator", "threshold", "unit", "scope"],
    );
    let deadlines = rows(f, "d", "n_d", &["what", "kind", "due_on", "recipient"]);
    let award_forms = rows(f, "a", "n_a", &["name"]);
    let quotas = rows(
        f,
        "q",
        "n_q",
        &["who", "unit_kind", "collectives_max", "individuals_max"],
    );
    let ev = evidence(f);
    let mut used: HashSet<usize> = ev.values().flat_map(|l| l.links.clone()).collect();
    for l in themes.iter().map(|t| &t.lines).chain(
        targets
            .iter()
            .chain(&deadlines)
            .chain(&award_forms)
            .chain(&quotas)
            .map(|r| &r.lines),
    ) {
        used.extend(l.links.iter().copied());
    }
    let source = source_lines(&source_text, &used);
    let unit_kinds = crate::ops::campaign_reads::unit_kinds(&state.db)
        .await?
        .into_iter()
        .map(|k| (k.code, k.name))
        .collect();
    let page = ReviewPage {
        l: Layout::new(ctx, "campaigns"),
        ev,
        source,
        source_text,
        kinds: CampaignKind::ALL
            .iter()
            .map(|k| (k.code(), k.label()))
            .collect(),
        groups: unit_groups(state, ctx).await?,
        participant_ids: many(f, "participant_ids"),
        units: super::super::unit_options(state, ctx, |_| true).await?,
        themes,
        targets,
        deadlines,
        award_forms,
        quotas,
        comparators: Comparator::ALL
            .iter()
            .map(|c| (c.code(), c.sign()))
            .collect(),
        scopes: [TargetScope::Body, TargetScope::PerUnit]
            .iter()
            .map(|s| (s.code(), s.label()))
            .collect(),
        deadline_kinds: DeadlineKind::ALL
            .iter()
            .map(|k| (k.code(), k.label()))
            .collect(),
        unit_kinds,
        checks: checks(f),
        v: v.clone(),
        f: f.clone(),
    };
    let status = if v.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(status, &page))
}

async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let mut f = Fields::new();
    for (k, v) in pairs {
        f.entry(k).or_default().push(v);
    }
    match ops::save(&state.db, &ctx, &input_of(&f))
        .await
        .map_err(AppError::from)
    {
        Ok(c) => Ok(see_other(
            &format!("/campaigns/{}", c.id),
            "Đã lưu kế hoạch nhập từ văn bản thành dự thảo. Hãy kiểm tra lại rồi bấm Phát động.",
        )),
        Err(AppError::Invalid(v)) => review_page(&state, &ctx, &f, v).await,
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_of_low_confidence_carry_their_reason() {
        let (_, confidence) = thidua_plan::import_text_with_confidence(
            "Số:    /KH-UBND\nKẾ HOẠCH\nThi đua năm 2025\nCăn cứ Luật Thi đua, khen thưởng;",
        );
        let mut f = Fields::new();
        confidence_fields(&mut f, &confidence);
        assert!(one(&f, "cf_number").contains("để trống"));
        let listed = checks(&f);
        assert!(
            listed
                .iter()
                .any(|c| c.label == "Số, ký hiệu" && c.anchor == "f-number")
        );
        assert!(listed.iter().all(|c| !c.reason.is_empty()));
    }
}

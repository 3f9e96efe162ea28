//! The layout of a person's or unit's honours page: the history as lines, the eligibility check with
//! its rules and articles, the roadmap, and the options of the add-entry forms.

use super::AddForm;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::ops::honours::{
    self as ops, EligibilityInput, History, SubjectKind, code_of, parse_code,
};
use crate::pages::{Layout, render};
use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use thidua_domain::Validation;
use thidua_domain::date::{iso_to_vn, vn};
use thidua_domain::policy::Action;
use thidua_rules::{
    DisciplineLevel, InitiativeLevel, NominationKind, Outcome, Rating, Rules, Severity, Verdict,
};

/// An award of the history as shown.
pub struct AwardLine {
    pub id: String,
    pub name: String,
    pub year: i64,
    pub kind: String,
    pub decision_no: String,
    pub decision_date: String,
    pub issuer: String,
    pub golden_book_no: String,
    pub achievement: String,
    pub revoked: bool,
    /// Name of the predecessor unit it was recorded for (merged units), or empty.
    pub source: String,
}

/// One check of the eligibility verdict as shown.
pub struct CheckLine {
    pub outcome: &'static str,
    pub class: &'static str,
    pub severity: &'static str,
    pub message: String,
    pub article: String,
    pub facts: Vec<String>,
}

/// The eligibility check as shown.
pub struct EvalView {
    pub title: String,
    pub verdict: &'static str,
    pub class: &'static str,
    pub rule_sets: String,
    pub checks: Vec<CheckLine>,
    pub money: Option<String>,
}

/// One form of the roadmap as shown.
pub struct RoadLine {
    pub name: String,
    pub eligible_now: bool,
    pub earliest: String,
    pub missing: Vec<String>,
    pub assumptions: Vec<String>,
}

#[derive(Template)]
#[template(path = "honours/show.html")]
struct ShowPage {
    l: Layout,
    s: ops::HonoursSubject,
    base: &'static str,
    predecessors: Vec<(String, String)>,
    awards: Vec<AwardLine>,
    ratings: Vec<(i64, &'static str, String)>,
    disciplines: Vec<(&'static str, String, String, String)>,
    /// Reviews: (id, what, since, closed on — empty while open, note).
    reviews: Vec<(String, String, String, String, String)>,
    review_options: Vec<(&'static str, &'static str)>,
    initiatives: Vec<(String, i64, &'static str, String, bool)>,
    entries: Vec<(String, String)>,
    rating_options: Vec<(String, &'static str)>,
    kind_options: Vec<(String, &'static str)>,
    discipline_options: Vec<(String, &'static str)>,
    initiative_options: Vec<(String, &'static str)>,
    award_options: Vec<(String, String)>,
    jurisdictions: Vec<(String, String)>,
    q: EligibilityInput,
    eval: Option<EvalView>,
    roadmap: Vec<RoadLine>,
    roadmap_year: i32,
    can_edit: bool,
    /// A recognised initiative is entered straight into a history (a past one) by the office only;
    /// units propose theirs in the register of initiatives.
    can_record_initiatives: bool,
    f: AddForm,
    /// Which add form was refused (`awards`, `ratings`, …).
    open: String,
    v: Validation,
}

fn kind_label(code: &str) -> &'static str {
    parse_code::<NominationKind>(code)
        .map(NominationKind::label)
        .unwrap_or("")
}

fn options<T: serde::Serialize + Copy>(
    all: &[T],
    label: fn(T) -> &'static str,
) -> Vec<(String, &'static str)> {
    all.iter().map(|x| (code_of(x), label(*x))).collect()
}

/// The kinds of award (merit, campaign, ad hoc, career, foreign), as (code, label).
pub(super) fn kind_options() -> Vec<(String, &'static str)> {
    options(
        &[
            NominationKind::Merit,
            NominationKind::Campaign,
            NominationKind::AdHoc,
            NominationKind::Career,
            NominationKind::Foreign,
        ],
        NominationKind::label,
    )
}

fn rating_options() -> Vec<(String, &'static str)> {
    options(
        &[
            Rating::Excellent,
            Rating::Good,
            Rating::Completed,
            Rating::NotCompleted,
        ],
        Rating::label,
    )
}

fn discipline_options() -> Vec<(String, &'static str)> {
    options(
        &[
            DisciplineLevel::Reprimand,
            DisciplineLevel::Warning,
            DisciplineLevel::Demotion,
            DisciplineLevel::Removal,
            DisciplineLevel::Dismissal,
        ],
        DisciplineLevel::label,
    )
}

fn initiative_options() -> Vec<(String, &'static str)> {
    options(
        &[
            InitiativeLevel::Base,
            InitiativeLevel::Province,
            InitiativeLevel::National,
        ],
        InitiativeLevel::label,
    )
}

/// Jurisdictions that have rule sets, with the names of their sets.
fn jurisdictions(r: &Rules) -> Vec<(String, String)> {
    let mut out = vec![(
        "VN".to_string(),
        "Toàn quốc (không áp dụng quy định riêng của tỉnh)".to_string(),
    )];
    for set in r.book().sets() {
        let j = set.jurisdiction.as_str().to_string();
        if !j.eq_ignore_ascii_case("VN") && !out.iter().any(|(c, _)| *c == j) {
            out.push((j, set.name.clone()));
        }
    }
    out
}

/// The eligibility check as shown: verdict, rule sets, every check with its article, the money.
pub(super) fn eval_view(
    r: &Rules,
    e: &thidua_rules::Evaluation,
    money: Option<String>,
) -> EvalView {
    let (verdict, class) = match e.verdict {
        Verdict::Eligible => (e.verdict.label(), "pass"),
        Verdict::Undetermined => (e.verdict.label(), "unknown"),
        Verdict::Ineligible => (e.verdict.label(), "fail"),
    };
    let names: Vec<String> = r
        .book()
        .sets()
        .iter()
        .filter(|s| e.rule_sets.contains(&s.id))
        .map(|s| s.name.clone())
        .collect();
    let checks = e
        .checks
        .iter()
        .map(|c| CheckLine {
            outcome: c.outcome.label(),
            class: match c.outcome {
                Outcome::Pass => "pass",
                Outcome::Fail => "fail",
                Outcome::Unknown => "unknown",
            },
            severity: match c.severity {
                Severity::Blocking => "Bắt buộc",
                Severity::Warning => "Lưu ý",
                Severity::Info => "Tham khảo",
            },
            message: c.message.clone(),
            article: c.article.clone(),
            facts: c.facts.clone(),
        })
        .collect();
    EvalView {
        title: format!("{} — năm {}", e.name, e.year),
        verdict,
        class,
        rule_sets: names.join("; "),
        checks,
        money,
    }
}

/// The name of the predecessor unit a row was recorded for, or empty for the subject's own rows.
fn source(h: &History, subject_id: &str) -> String {
    h.predecessors
        .iter()
        .find(|(p, _)| p == subject_id)
        .map(|(_, n)| n.clone())
        .unwrap_or_default()
}

/// The name of a catalog code under the organisation's rules (the code itself when unknown).
fn award_name<'a>(r: &'a Rules, code: &'a str) -> &'a str {
    r.catalog()
        .find(code)
        .map(|e| e.name.as_str())
        .unwrap_or(code)
}

fn award_lines(r: &Rules, h: &History) -> Vec<AwardLine> {
    h.stored
        .awards
        .iter()
        .map(|a| AwardLine {
            id: a.id.clone(),
            name: award_name(r, &a.code).to_string(),
            year: a.year,
            kind: kind_label(&a.kind).to_string(),
            decision_no: a.decision_no.clone().unwrap_or_default(),
            decision_date: a
                .decision_date
                .as_deref()
                .map(iso_to_vn)
                .unwrap_or_default(),
            issuer: a.issuer.clone().unwrap_or_default(),
            golden_book_no: a.golden_book_no.map(|n| n.to_string()).unwrap_or_default(),
            achievement: a.achievement.clone().unwrap_or_default(),
            revoked: a.revoked,
            source: source(h, &a.subject_id),
        })
        .collect()
}

/// Yearly ratings: (year, rating, predecessor).
fn rating_lines(h: &History) -> Vec<(i64, &'static str, String)> {
    h.stored
        .ratings
        .iter()
        .map(|x| {
            (
                x.year,
                parse_code::<Rating>(&x.rating)
                    .map(Rating::label)
                    .unwrap_or(""),
                source(h, &x.subject_id),
            )
        })
        .collect()
}

/// Disciplines: (level, from, to, note).
fn discipline_lines(h: &History) -> Vec<(&'static str, String, String, String)> {
    h.stored
        .disciplines
        .iter()
        .map(|d| {
            (
                parse_code::<DisciplineLevel>(&d.level)
                    .map(DisciplineLevel::label)
                    .unwrap_or(""),
                iso_to_vn(&d.from_date),
                iso_to_vn(&d.to_date),
                d.note.clone().unwrap_or_default(),
            )
        })
        .collect()
}

/// Initiatives: (name, year, level, where applied, already used by an award).
fn initiative_lines(h: &History) -> Vec<(String, i64, &'static str, String, bool)> {
    h.stored
        .initiatives
        .iter()
        .map(|i| {
            (
                i.name.clone(),
                i.year,
                parse_code::<InitiativeLevel>(&i.level)
                    .map(InitiativeLevel::label)
                    .unwrap_or(""),
                i.applied_in.clone().unwrap_or_default(),
                i.used_by_award_id.is_some(),
            )
        })
        .collect()
}

/// The forms the catalog allows for this kind of subject: (code, name).
fn catalog_entries(r: &Rules, kind: SubjectKind) -> Vec<(String, String)> {
    let subject = kind.rules_subject();
    r.catalog()
        .entries()
        .iter()
        .filter(|e| e.accepts(subject))
        .map(|e| (e.code.as_str().to_string(), e.name.clone()))
        .collect()
}

/// The forms within reach in the coming years, under the chosen jurisdiction's rule sets.
fn roadmap_lines(r: &Rules, h: &History, today: time::Date, q: &EligibilityInput) -> Vec<RoadLine> {
    let jur = if q.jurisdiction.trim().is_empty() {
        thidua_rules::Jurisdiction::national()
    } else {
        thidua_rules::Jurisdiction::new(q.jurisdiction.trim().to_uppercase())
    };
    ops::roadmap(r, h, today, &jur)
        .unwrap_or_default()
        .into_iter()
        .map(|i| RoadLine {
            name: i.name,
            eligible_now: i.eligible_now,
            earliest: i.earliest_year.map(|y| y.to_string()).unwrap_or_else(|| {
                format!("chưa thể trong {} năm tới", thidua_rules::HORIZON_YEARS)
            }),
            missing: i.missing,
            assumptions: i.assumptions,
        })
        .collect()
}

/// The subject's own awards an initiative can be used by: (award id, "name năm year").
fn award_options(r: &Rules, h: &History) -> Vec<(String, String)> {
    h.stored
        .awards
        .iter()
        .filter(|a| a.subject_id == h.subject.id)
        .map(|a| {
            (
                a.id.clone(),
                format!("{} năm {}", award_name(r, &a.code), a.year),
            )
        })
        .collect()
}

/// The check's form as shown: the signing date defaults to today, the year to last year.
fn with_defaults(q: EligibilityInput, today: time::Date) -> EligibilityInput {
    EligibilityInput {
        date: if q.date.trim().is_empty() {
            vn(today)
        } else {
            q.date
        },
        year: if q.year.trim().is_empty() {
            (today.year() - 1).to_string()
        } else {
            q.year
        },
        ..q
    }
}

/// Renders the honours page of `h` with `status`.
#[allow(clippy::too_many_arguments)]
pub(super) fn page(
    r: &Rules,
    ctx: &Ctx,
    kind: SubjectKind,
    h: History,
    q: EligibilityInput,
    eval: Option<EvalView>,
    flash: Option<String>,
    f: AddForm,
    open: String,
    v: Validation,
    today: time::Date,
    status: StatusCode,
) -> AppResult<Response> {
    let can_edit = ctx.can(Action::EditHonours {
        org_id: ctx.org_id(),
        unit_path: &h.subject.unit_path,
    });
    let active = if kind == SubjectKind::Person {
        "people"
    } else {
        "units"
    };
    let page = ShowPage {
        l: Layout::new(ctx, active).with_flash(flash),
        base: kind.base(),
        s: h.subject.clone(),
        predecessors: h.predecessors.clone(),
        awards: award_lines(r, &h),
        ratings: rating_lines(&h),
        disciplines: discipline_lines(&h),
        reviews: h
            .reviews
            .iter()
            .map(|r| {
                (
                    r.id.clone(),
                    upper_first(ops::reviews::kind_label(&r.kind)),
                    thidua_domain::date::iso_to_vn(&r.since),
                    r.resolved_on
                        .as_deref()
                        .map(thidua_domain::date::iso_to_vn)
                        .unwrap_or_default(),
                    r.note.clone().unwrap_or_default(),
                )
            })
            .collect(),
        review_options: ops::reviews::kind_options(),
        initiatives: initiative_lines(&h),
        entries: catalog_entries(r, kind),
        rating_options: rating_options(),
        kind_options: kind_options(),
        discipline_options: discipline_options(),
        initiative_options: initiative_options(),
        award_options: award_options(r, &h),
        jurisdictions: jurisdictions(r),
        roadmap: roadmap_lines(r, &h, today, &q),
        q: with_defaults(q, today),
        eval,
        roadmap_year: today.year() - 1,
        can_edit,
        can_record_initiatives: ctx.can(Action::EvaluateInitiatives {
            org_id: ctx.org_id(),
        }),
        f,
        open,
        v,
    };
    Ok(render(status, &page))
}

/// "có khiếu nại…" → "Có khiếu nại…": labels written to follow a sentence start a table cell.
fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

//! Pages of the award history (step 9): a person's or unit's honours (history, ratings, add-entry
//! forms, an eligibility check with every rule and its article, the roadmap), editing one award,
//! and the history import.

use super::{Flash, Layout, render, see_other, version_of};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::honours::{
    self as ops, AwardInput, DisciplineInput, EligibilityInput, History, InitiativeInput,
    RatingInput, SubjectKind, code_of, parse_code,
};
use crate::ops::import::ImportReport;
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum_extra::extract::Form;
use serde::Deserialize;
use thidua_domain::Validation;
use thidua_domain::date::{iso_to_vn, vn};
use thidua_domain::policy::Action;
use thidua_rules::{
    DisciplineLevel, InitiativeLevel, NominationKind, Outcome, Rating, Rules, Severity, Verdict,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/people/{id}/honours", get(person_page))
        .route("/units/{id}/honours", get(unit_page))
        .route("/people/{id}/honours/{what}", post(person_add))
        .route("/units/{id}/honours/{what}", post(unit_add))
        .route("/honours/awards/{id}", get(award_form).post(award_save))
        .route("/honours/import", get(import_page).post(import_upload))
}

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

pub struct CheckLine {
    pub outcome: &'static str,
    pub class: &'static str,
    pub severity: &'static str,
    pub message: String,
    pub article: String,
    pub facts: Vec<String>,
}

pub struct EvalView {
    pub title: String,
    pub verdict: &'static str,
    pub class: &'static str,
    pub rule_sets: String,
    pub checks: Vec<CheckLine>,
    pub money: Option<String>,
}

pub struct RoadLine {
    pub name: String,
    pub eligible_now: bool,
    pub earliest: String,
    pub missing: Vec<String>,
    pub assumptions: Vec<String>,
}

/// Values of the add-entry forms, shown again when refused.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct AddForm {
    code: String,
    year: String,
    kind: String,
    decision_no: String,
    decision_date: String,
    issuer: String,
    golden_book_no: String,
    achievement_id: String,
    achievement: String,
    rating: String,
    level: String,
    from_date: String,
    to_date: String,
    note: String,
    name: String,
    research: Option<String>,
    applied_in: String,
    used_by_award_id: String,
    revoked: Option<String>,
    version: String,
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

fn eval_view(r: &Rules, e: &thidua_rules::Evaluation, money: Option<String>) -> EvalView {
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

#[allow(clippy::too_many_arguments)]
async fn show_page(
    state: &AppState,
    ctx: &Ctx,
    kind: SubjectKind,
    id: &str,
    q: EligibilityInput,
    flash: Option<String>,
    f: AddForm,
    open: String,
    v: Validation,
) -> AppResult<Response> {
    let today = crate::ops::today();
    let r = ops::rules_for(&state.db, ctx.org_id()).await?;
    let checking = !q.code.trim().is_empty();
    let (h, eval): (History, Option<thidua_rules::Evaluation>) = if checking {
        match ops::evaluate(&state.db, ctx, kind, id, &q)
            .await
            .map_err(AppError::from)
        {
            Ok((h, e)) => (h, Some(e)),
            Err(AppError::Invalid(ev)) => {
                let h = ops::history(&state.db, ctx, kind, id).await?;
                return page(
                    &r,
                    ctx,
                    kind,
                    h,
                    q,
                    None,
                    flash,
                    f,
                    "check".into(),
                    ev,
                    today,
                    StatusCode::UNPROCESSABLE_ENTITY,
                );
            }
            Err(e) => return Err(e),
        }
    } else {
        (ops::history(&state.db, ctx, kind, id).await?, None)
    };
    let status = if v.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let eval = eval.map(|e| {
        let date = thidua_domain::date::parse(&q.date).unwrap_or(today);
        let money = ops::reward_text(&r, &e.code, kind, date);
        eval_view(&r, &e, money)
    });
    page(&r, ctx, kind, h, q, eval, flash, f, open, v, today, status)
}

#[allow(clippy::too_many_arguments)]
fn page(
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
    let subject = kind.rules_subject();
    let source = |sid: &str| {
        h.predecessors
            .iter()
            .find(|(p, _)| p == sid)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let awards: Vec<AwardLine> = h
        .stored
        .awards
        .iter()
        .map(|a| AwardLine {
            id: a.id.clone(),
            name: r
                .catalog()
                .find(&a.code)
                .map(|e| e.name.clone())
                .unwrap_or_else(|| a.code.clone()),
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
            source: source(&a.subject_id),
        })
        .collect();
    let ratings = h
        .stored
        .ratings
        .iter()
        .map(|x| {
            (
                x.year,
                parse_code::<Rating>(&x.rating)
                    .map(Rating::label)
                    .unwrap_or(""),
                source(&x.subject_id),
            )
        })
        .collect();
    let disciplines = h
        .stored
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
        .collect();
    let initiatives = h
        .stored
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
        .collect();
    let entries = r
        .catalog()
        .entries()
        .iter()
        .filter(|e| e.accepts(subject))
        .map(|e| (e.code.as_str().to_string(), e.name.clone()))
        .collect();
    let jur = if q.jurisdiction.trim().is_empty() {
        thidua_rules::Jurisdiction::national()
    } else {
        thidua_rules::Jurisdiction::new(q.jurisdiction.trim().to_uppercase())
    };
    let roadmap = ops::roadmap(r, &h, today, &jur)
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
        .collect();
    let award_options = h
        .stored
        .awards
        .iter()
        .filter(|a| a.subject_id == h.subject.id)
        .map(|a| {
            (
                a.id.clone(),
                format!(
                    "{} năm {}",
                    r.catalog()
                        .find(&a.code)
                        .map(|e| e.name.as_str())
                        .unwrap_or(&a.code),
                    a.year
                ),
            )
        })
        .collect();
    let can_edit = ctx.can(Action::EditHonours {
        org_id: ctx.org_id(),
        unit_path: &h.subject.unit_path,
    });
    let active = if kind == SubjectKind::Person {
        "people"
    } else {
        "units"
    };
    let q = EligibilityInput {
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
    };
    let page = ShowPage {
        l: Layout::new(ctx, active).with_flash(flash),
        base: kind.base(),
        s: h.subject.clone(),
        predecessors: h.predecessors.clone(),
        awards,
        ratings,
        disciplines,
        initiatives,
        entries,
        rating_options: options(
            &[
                Rating::Excellent,
                Rating::Good,
                Rating::Completed,
                Rating::NotCompleted,
            ],
            Rating::label,
        ),
        kind_options: options(
            &[
                NominationKind::Merit,
                NominationKind::Campaign,
                NominationKind::AdHoc,
                NominationKind::Career,
                NominationKind::Foreign,
            ],
            NominationKind::label,
        ),
        discipline_options: options(
            &[
                DisciplineLevel::Reprimand,
                DisciplineLevel::Warning,
                DisciplineLevel::Demotion,
                DisciplineLevel::Removal,
                DisciplineLevel::Dismissal,
            ],
            DisciplineLevel::label,
        ),
        initiative_options: options(
            &[
                InitiativeLevel::Base,
                InitiativeLevel::Province,
                InitiativeLevel::National,
            ],
            InitiativeLevel::label,
        ),
        award_options,
        jurisdictions: jurisdictions(r),
        q,
        eval,
        roadmap,
        roadmap_year: today.year() - 1,
        can_edit,
        f,
        open,
        v,
    };
    Ok(render(status, &page))
}

#[derive(Debug, Default, Deserialize)]
struct PageQuery {
    #[serde(default)]
    code: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    jurisdiction: String,
    ok: Option<String>,
}

impl PageQuery {
    fn split(self) -> (EligibilityInput, Option<String>) {
        (
            EligibilityInput {
                code: self.code,
                year: self.year,
                date: self.date,
                jurisdiction: self.jurisdiction,
            },
            self.ok,
        )
    }
}

async fn person_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    let (q, ok) = q.split();
    show_page(
        &state,
        &ctx,
        SubjectKind::Person,
        &id,
        q,
        ok,
        AddForm::default(),
        String::new(),
        Validation::new(),
    )
    .await
}

async fn unit_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    let (q, ok) = q.split();
    show_page(
        &state,
        &ctx,
        SubjectKind::Unit,
        &id,
        q,
        ok,
        AddForm::default(),
        String::new(),
        Validation::new(),
    )
    .await
}

async fn person_add(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, what)): Path<(String, String)>,
    Form(f): Form<AddForm>,
) -> AppResult<Response> {
    add(&state, &ctx, SubjectKind::Person, &id, &what, f).await
}

async fn unit_add(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, what)): Path<(String, String)>,
    Form(f): Form<AddForm>,
) -> AppResult<Response> {
    add(&state, &ctx, SubjectKind::Unit, &id, &what, f).await
}

fn award_input(f: &AddForm) -> AwardInput {
    AwardInput {
        code: f.code.clone(),
        year: f.year.clone(),
        kind: f.kind.clone(),
        decision_no: f.decision_no.clone(),
        decision_date: f.decision_date.clone(),
        issuer: f.issuer.clone(),
        golden_book_no: f.golden_book_no.clone(),
        achievement_id: f.achievement_id.clone(),
        achievement: f.achievement.clone(),
        revoked: f.revoked.is_some(),
    }
}

async fn add(
    state: &AppState,
    ctx: &Ctx,
    kind: SubjectKind,
    id: &str,
    what: &str,
    f: AddForm,
) -> AppResult<Response> {
    let db = &state.db;
    let result = match what {
        "awards" => ops::add_award(db, ctx, kind, id, &award_input(&f))
            .await
            .map(|_| "Đã ghi danh hiệu, hình thức khen thưởng."),
        "ratings" => ops::set_rating(
            db,
            ctx,
            kind,
            id,
            &RatingInput {
                year: f.year.clone(),
                rating: f.rating.clone(),
                version: None,
            },
        )
        .await
        .map(|_| "Đã ghi xếp loại."),
        "disciplines" => ops::add_discipline(
            db,
            ctx,
            kind,
            id,
            &DisciplineInput {
                level: f.level.clone(),
                from_date: f.from_date.clone(),
                to_date: f.to_date.clone(),
                note: f.note.clone(),
            },
        )
        .await
        .map(|_| "Đã ghi kỷ luật."),
        "initiatives" => ops::add_initiative(
            db,
            ctx,
            kind,
            id,
            &InitiativeInput {
                name: f.name.clone(),
                year: f.year.clone(),
                level: f.level.clone(),
                research: f.research.is_some(),
                applied_in: f.applied_in.clone(),
                used_by_award_id: f.used_by_award_id.clone(),
            },
        )
        .await
        .map(|_| "Đã ghi sáng kiến."),
        _ => return Err(AppError::NotFound),
    };
    match result.map_err(AppError::from) {
        Ok(msg) => Ok(see_other(&format!("{}/{id}/honours", kind.base()), msg)),
        Err(AppError::Invalid(v)) => {
            show_page(
                state,
                ctx,
                kind,
                id,
                EligibilityInput::default(),
                None,
                f,
                what.to_string(),
                v,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "honours/award.html")]
struct AwardPage {
    l: Layout,
    back: String,
    subject_name: String,
    f: AddForm,
    entries: Vec<(String, String)>,
    kind_options: Vec<(String, &'static str)>,
    v: Validation,
    conflict: bool,
}

async fn award_page(
    state: &AppState,
    ctx: &Ctx,
    award_id: &str,
    f: Option<AddForm>,
    v: Validation,
    conflict: bool,
) -> AppResult<Response> {
    let ops::AwardToEdit {
        award: a,
        subject: s,
    } = ops::award_to_edit(&state.db, ctx, award_id).await?;
    let kind = s.kind;
    let f = f.unwrap_or_else(|| AddForm {
        code: a.code.clone(),
        year: a.year.to_string(),
        kind: a.kind.clone(),
        decision_no: a.decision_no.clone().unwrap_or_default(),
        decision_date: a
            .decision_date
            .as_deref()
            .map(iso_to_vn)
            .unwrap_or_default(),
        issuer: a.issuer.clone().unwrap_or_default(),
        golden_book_no: a.golden_book_no.map(|n| n.to_string()).unwrap_or_default(),
        achievement_id: a.achievement_id.clone().unwrap_or_default(),
        achievement: a.achievement.clone().unwrap_or_default(),
        revoked: a.revoked.then(|| "1".into()),
        version: a.version.to_string(),
        ..Default::default()
    });
    let r = ops::rules_for(&state.db, ctx.org_id()).await?;
    let entries = r
        .catalog()
        .entries()
        .iter()
        .filter(|e| e.accepts(kind.rules_subject()))
        .map(|e| (e.code.as_str().to_string(), e.name.clone()))
        .collect();
    let kind_options = options(
        &[
            NominationKind::Merit,
            NominationKind::Campaign,
            NominationKind::AdHoc,
            NominationKind::Career,
            NominationKind::Foreign,
        ],
        NominationKind::label,
    );
    let status = super::form_status(&v, conflict);
    let active = if kind == SubjectKind::Person {
        "people"
    } else {
        "units"
    };
    Ok(render(
        status,
        &AwardPage {
            l: Layout::new(ctx, active),
            back: format!("{}/{}/honours", kind.base(), s.id),
            subject_name: s.name,
            f,
            entries,
            kind_options,
            v,
            conflict,
        },
    ))
}

async fn award_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    award_page(&state, &ctx, &id, None, Validation::new(), false).await
}

async fn award_save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<AddForm>,
) -> AppResult<Response> {
    match ops::update_award(
        &state.db,
        &ctx,
        &id,
        version_of(&f.version),
        &award_input(&f),
    )
    .await
    .map_err(AppError::from)
    {
        Ok(a) => {
            let base = if a.subject_type == "person" {
                "/people"
            } else {
                "/units"
            };
            Ok(see_other(
                &format!("{base}/{}/honours", a.subject_id),
                "Đã lưu thay đổi.",
            ))
        }
        Err(AppError::Invalid(v)) => award_page(&state, &ctx, &id, Some(f), v, false).await,
        Err(AppError::Conflict) => {
            award_page(&state, &ctx, &id, Some(f), Validation::new(), true).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "honours/import.html")]
struct ImportPage {
    l: Layout,
    headers: String,
    report: Option<ImportReport>,
    file_name: String,
    error: Option<String>,
}

async fn import_page(ctx: Ctx, Query(flash): Query<Flash>) -> AppResult<Response> {
    ctx.authorize(Action::ImportHonours {
        org_id: ctx.org_id(),
    })?;
    Ok(render(
        StatusCode::OK,
        &ImportPage {
            l: Layout::new(&ctx, "data").with_flash(flash.ok),
            headers: crate::ops::history_import::HISTORY_HEADERS.join(", "),
            report: None,
            file_name: String::new(),
            error: None,
        },
    ))
}

async fn import_upload(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Multipart,
) -> AppResult<Response> {
    ctx.authorize(Action::ImportHonours {
        org_id: ctx.org_id(),
    })?;
    let headers = crate::ops::history_import::HISTORY_HEADERS.join(", ");
    let (name, bytes) = match super::read_upload(form, state.config.max_upload_bytes).await {
        Ok(x) => x,
        Err(e @ (AppError::BadRequest(_) | AppError::TooLarge(_))) => {
            return Ok(render(
                e.status(),
                &ImportPage {
                    l: Layout::new(&ctx, "data"),
                    headers,
                    report: None,
                    file_name: String::new(),
                    error: Some(e.message()),
                },
            ));
        }
        Err(e) => return Err(e),
    };
    match crate::ops::history_import::import_history(&state.db, &ctx, &bytes, &name)
        .await
        .map_err(AppError::from)
    {
        Ok(r) => {
            let status = if r.errors.is_empty() {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            Ok(render(
                status,
                &ImportPage {
                    l: Layout::new(&ctx, "data"),
                    headers,
                    report: Some(r),
                    file_name: name,
                    error: None,
                },
            ))
        }
        Err(e @ AppError::BadRequest(_)) => Ok(render(
            e.status(),
            &ImportPage {
                l: Layout::new(&ctx, "data"),
                headers,
                report: None,
                file_name: name,
                error: Some(e.message()),
            },
        )),
        Err(e) => Err(e),
    }
}

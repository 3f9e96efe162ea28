//! Pages of the award history (step 9): a person's or unit's honours (history, ratings, add-entry
//! forms, an eligibility check with every rule and its article, the roadmap; laid out in [`view`]),
//! editing one award ([`award`]), and the history import ([`import`]).

mod award;
mod import;
mod view;

use super::see_other;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::honours::{
    self as ops, AwardInput, DisciplineInput, EligibilityInput, History, InitiativeInput,
    RatingInput, SubjectKind,
};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum_extra::extract::Form;
use serde::Deserialize;
use thidua_domain::Validation;

/// The routes of the honours pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/people/{id}/honours", get(person_page))
        .route("/units/{id}/honours", get(unit_page))
        .route("/people/{id}/honours/{what}", post(person_add))
        .route("/units/{id}/honours/{what}", post(unit_add))
        .route(
            "/honours/awards/{id}",
            get(award::award_form).post(award::award_save),
        )
        .route(
            "/honours/import",
            get(import::import_page).post(import::import_upload),
        )
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
                return view::page(
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
        view::eval_view(&r, &e, money)
    });
    view::page(&r, ctx, kind, h, q, eval, flash, f, open, v, today, status)
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
    #[serde(default)]
    decider_level: String,
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
                decider_level: self.decider_level,
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
        "reviews" => ops::reviews::add_review(
            db,
            ctx,
            kind,
            id,
            &ops::reviews::ReviewInput {
                kind: f.kind.clone(),
                since: f.from_date.clone(),
                note: f.note.clone(),
            },
        )
        .await
        .map(|_| "Đã ghi nội dung đang xem xét; khen thưởng bị tạm dừng đến khi kết thúc."),
        "resolve" => ops::reviews::resolve_review(
            db,
            ctx,
            kind,
            id,
            &f.name,
            &ops::reviews::ResolveInput {
                resolved_on: f.to_date.clone(),
            },
        )
        .await
        .map(|_| "Đã ghi kết thúc nội dung xem xét."),
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

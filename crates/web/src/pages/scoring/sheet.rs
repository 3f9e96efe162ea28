//! A unit's score sheet: the self-assessment form until the deadline, the review form for the
//! assessors, evidence files, the history of changes, appeals once published.

use super::super::{Layout, render, see_other};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::scoring::appeals::{self, AppealInput};
use crate::ops::scoring::entries::{self, EntryInput, Stage};
use crate::ops::scoring::sheet::{self, Line, Sheet};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};

use axum::response::Response;
use axum::routing::{get, post};
use axum_extra::extract::Form;
use std::collections::HashMap;
use thidua_domain::Validation;
use thidua_domain::scoring::input::{kind_label, status_label};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/scoring/{id}/units/{unit_id}", get(show).post(save))
        .route("/scoring/{id}/units/{unit_id}/evidence", post(evidence))
        .route("/scoring/{id}/units/{unit_id}/appeals", post(appeal))
        .route("/scoring/evidence/{id}", get(download))
}

pub use thidua_domain::scoring::points_text;

/// A stored number in full, with a decimal comma (the form sends it back unchanged).
fn exact_text(x: f64) -> String {
    x.to_string().replace('.', ",")
}

#[derive(Template)]
#[template(path = "scoring/sheet.html")]
struct SheetPage {
    l: Layout,
    s: Sheet,
    v: Validation,
    typed: HashMap<String, String>,
}

impl SheetPage {
    fn num(x: &f64) -> String {
        points_text(*x)
    }
    fn opt(x: &Option<f64>) -> String {
        x.map(points_text).unwrap_or_default()
    }
    fn kind(&self, code: &str) -> &'static str {
        kind_label(code)
    }
    fn status(&self) -> &'static str {
        status_label(&self.s.scale.row.status)
    }
    /// The value of an input: what was typed when the form comes back, else what is stored now.
    fn value(&self, field: &str, line: &Line) -> String {
        let key = format!("{field}.{}", line.criterion.id);
        if let Some(v) = self.typed.get(&key) {
            return v.clone();
        }
        let e = line.entry.as_ref();
        match field {
            // Stored values go back exactly as they are (a rounded value would read as a change).
            "amount" => e.map(|e| exact_text(e.amount)).or_else(|| {
                line.suggested
                    .filter(|_| self.s.may_self_assess)
                    .map(|(v, _)| exact_text(v))
            }),
            "target" => e.and_then(|e| e.target).map(exact_text).or_else(|| {
                line.suggested
                    .and_then(|(_, t)| t)
                    .filter(|_| self.s.may_self_assess)
                    .map(exact_text)
            }),
            "met" => e.map(|e| {
                if e.precondition_met {
                    "1".into()
                } else {
                    "0".into()
                }
            }),
            "note" if self.s.may_self_assess => e.map(|e| e.comment.clone()),
            "version" => e.map(|e| e.version.to_string()),
            _ => None,
        }
        .unwrap_or_default()
    }
    fn typed_text(&self) -> &str {
        self.typed.get("text").map_or("", String::as_str)
    }
    fn error(&self, index: &usize) -> Option<&str> {
        self.v
            .message_for(&format!("entries[{index}].amount"))
            .or_else(|| self.v.message_for(&format!("entries[{index}].note")))
    }
    /// The error summary, each message linked to its criterion's row or its field.
    fn summary(&self) -> Vec<SummaryItem> {
        let places = [
            ("text", "a-text"),
            ("files", "ev-files"),
            ("criterion_id", "ev-criterion"),
        ];
        summary(&self.v, &rows_of(&self.s), &places)
    }
    fn has_cross(&self) -> bool {
        self.s.lines.iter().any(|l| l.cross.is_some())
    }
    fn editable(&self, line: &Line) -> bool {
        self.s.may_self_assess || (self.s.may_review && line.may_review)
    }
    fn group_points(&self, index: &usize) -> String {
        self.s
            .total
            .groups
            .get(*index)
            .map(|x| points_text(*x))
            .unwrap_or_default()
    }
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    unit_id: &str,
    v: Validation,
    typed: HashMap<String, String>,
    flash: Option<String>,
) -> AppResult<Response> {
    let s = sheet::sheet(&state.db, ctx, id, unit_id).await?;
    let status = super::super::form_status(&v, false);
    Ok(render(
        status,
        &SheetPage {
            l: Layout::new(ctx, "scoring").with_flash(flash),
            s,
            v,
            typed,
        },
    ))
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, unit_id)): Path<(String, String)>,
    Query(q): Query<super::super::Flash>,
) -> AppResult<Response> {
    page(
        &state,
        &ctx,
        &id,
        &unit_id,
        Validation::new(),
        HashMap::new(),
        q.ok,
    )
    .await
}

/// The lines of the form, in the order of the scale (so messages name `entries[i]`).
fn lines_of(s: &Sheet, f: &HashMap<String, String>) -> Vec<EntryInput> {
    s.lines
        .iter()
        .filter(|l| f.contains_key(&format!("amount.{}", l.criterion.id)))
        .map(|l| {
            let get = |k: &str| {
                f.get(&format!("{k}.{}", l.criterion.id))
                    .cloned()
                    .unwrap_or_default()
            };
            EntryInput {
                criterion_id: l.criterion.id.clone(),
                precondition_met: Some(get("met") != "0"),
                amount: get("amount"),
                target: get("target"),
                note: get("note"),
                version: get("version").trim().parse().ok(),
            }
        })
        .collect()
}

async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, unit_id)): Path<(String, String)>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let s = sheet::sheet(&state.db, &ctx, &id, &unit_id).await?;
    // Who writes decides the step: an assessor reviews; anyone else is refused by the
    // self-assessment's own checks (closed, past its deadline) with the reason.
    let stage = if s.may_review {
        Stage::Review
    } else {
        Stage::SelfAssessment
    };
    let lines = lines_of(&s, &f);
    match entries::save(&state.db, &ctx, &id, &unit_id, stage, &lines)
        .await
        .map_err(AppError::from)
    {
        Ok(n) => Ok(see_other(
            &format!("/scoring/{id}/units/{unit_id}"),
            &format!("Đã lưu {n} tiêu chí thay đổi."),
        )),
        Err(AppError::Invalid(v)) => {
            // Messages name `entries[i]` of the lines sent; the page numbers lines of the whole scale.
            let v = renumber(v, &rows_of(&s), &lines);
            page(&state, &ctx, &id, &unit_id, v, f, None).await
        }
        Err(e) => Err(e),
    }
}

/// The criteria of the sheet's rows, in order.
fn rows_of(s: &Sheet) -> Vec<&str> {
    s.lines.iter().map(|l| l.criterion.id.as_str()).collect()
}

/// Maps `entries[i]` of the lines sent to the index of their criterion among the page's rows, `order`
/// (criterion ids): a form sends only the criteria it shows as editable.
pub(super) fn renumber(mut v: Validation, order: &[&str], sent: &[EntryInput]) -> Validation {
    for e in &mut v.errors {
        if let Some((i, rest)) = entry_index(&e.field)
            && let Some(line) = sent.get(i)
        {
            let at = order
                .iter()
                .position(|id| *id == line.criterion_id)
                .unwrap_or(i);
            e.field = format!("entries[{at}].{rest}");
        }
    }
    v
}

/// `entries[3].amount` → (3, "amount").
fn entry_index(field: &str) -> Option<(usize, &str)> {
    let (i, rest) = field.strip_prefix("entries[")?.split_once("].")?;
    Some((i.parse().ok()?, rest))
}

/// One message of a form's error summary, a link to where it is fixed when the page has that place.
pub struct SummaryItem {
    pub message: String,
    pub anchor: Option<String>,
}

/// The summary of `v`: a message on `entries[i]` links to the row of its criterion, `c-{order[i]}`;
/// one on another field to the element `places` gives it, if any.
pub(super) fn summary(v: &Validation, order: &[&str], places: &[(&str, &str)]) -> Vec<SummaryItem> {
    v.errors
        .iter()
        .map(|e| SummaryItem {
            message: e.message.clone(),
            anchor: match entry_index(&e.field) {
                Some((i, _)) => order.get(i).map(|id| format!("c-{id}")),
                None => places
                    .iter()
                    .find(|(f, _)| *f == e.field)
                    .map(|(_, a)| (*a).to_string()),
            },
        })
        .collect()
}

async fn evidence(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, unit_id)): Path<(String, String)>,
    form: Multipart,
) -> AppResult<Response> {
    let (fields, files) =
        crate::pages::campaigns::upload::read_form(form, state.config.max_upload_bytes).await?;
    let criterion_id = fields.get("criterion_id").cloned().unwrap_or_default();
    match entries::add_evidence(
        &state.db,
        state.blobs(),
        &ctx,
        &id,
        &unit_id,
        &criterion_id,
        &files,
    )
    .await
    .map_err(AppError::from)
    {
        Ok(rows) => Ok(see_other(
            &format!("/scoring/{id}/units/{unit_id}#c-{criterion_id}"),
            &format!("Đã đính kèm {} tệp minh chứng.", rows.len()),
        )),
        Err(AppError::Invalid(v)) => {
            page(&state, &ctx, &id, &unit_id, v, HashMap::new(), None).await
        }
        Err(e) => Err(e),
    }
}

async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (row, bytes) = entries::evidence_file(&state.db, state.blobs(), &ctx, &id).await?;
    Ok(crate::pages::stored_file(
        &row.content_type,
        &row.file_name,
        bytes,
    ))
}

async fn appeal(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, unit_id)): Path<(String, String)>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let input = AppealInput {
        criterion_id: f.get("criterion_id").cloned().unwrap_or_default(),
        text: f.get("text").cloned().unwrap_or_default(),
    };
    match appeals::file(&state.db, &ctx, &id, &unit_id, &input)
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(
            &format!("/scoring/{id}/units/{unit_id}#appeals"),
            "Đã gửi kiến nghị.",
        )),
        Err(AppError::Invalid(v)) => page(&state, &ctx, &id, &unit_id, v, f, None).await,
        Err(e) => Err(e),
    }
}

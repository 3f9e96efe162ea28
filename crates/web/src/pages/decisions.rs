//! Pages of decisions of award: the list with totals per decision and per year (XLSX export), the
//! form that decides passed nominations (and forwards those of a higher authority), a decision with
//! its lines, money and revocation, and the printable certificate with its QR code.

use super::{Flash, Layout, form_status, render, see_other};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::decisions::{self as ops, DecisionInput, RevokeInput, YearTotal};
use crate::ops::model::{DecisionRow, LineView};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use axum_extra::extract::Form;
use serde::Deserialize;
use thidua_domain::Validation;
use thidua_domain::date::{iso_to_vn, vn};
use thidua_domain::policy::Action;
use thidua_rules::text::money_vn;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/decisions", get(list).post(create))
        .route("/decisions/export.xlsx", get(export))
        .route("/decisions/new", get(new_form))
        .route("/decisions/forward/{nomination_id}", post(forward))
        .route("/decisions/forward/{nomination_id}/answer", post(answer))
        .route(
            "/decisions/forward/{nomination_id}/package.zip",
            get(package),
        )
        .route("/decisions/{id}", get(show))
        .route("/decisions/{id}/revoke", post(revoke_all))
        .route("/decisions/{id}/lines/{line}/revoke", post(revoke_line))
        .route("/decisions/{id}/lines/{line}/certificate", get(certificate))
}

/// Money as shown: "702.000 đ" (`money_vn` writes the unit), or "chưa có mức" when the catalog sets none.
pub fn money(amount: Option<i64>) -> String {
    amount.map_or_else(|| "chưa có mức".to_string(), money_vn)
}

/// The live lines whose money the catalog cannot compute, as «name (award)»: the page says so
/// loudly instead of a total that silently leaves them out.
fn unpriced(view: &ops::DecisionView) -> Vec<String> {
    view.lines
        .iter()
        .filter(|l| l.revoked_at.is_none() && l.amount.is_none())
        .map(|l| format!("{} ({})", l.nominee_name, view.award(&l.code)))
        .collect()
}

/// A total as shown (templates pass references or values).
pub fn money_total<T: std::borrow::Borrow<i64>>(amount: T) -> String {
    money(Some(*amount.borrow()))
}

#[derive(Template)]
#[template(path = "decisions/list.html")]
struct ListPage {
    l: Layout,
    rows: Vec<(DecisionRow, i64)>,
    years: Vec<YearTotal>,
    can_decide: bool,
    /// Packages sent upward with the higher level's answer once recorded.
    forwards: Vec<ops::ForwardSummary>,
    /// May record the higher level's answers (the standing office).
    can_answer: bool,
    /// A refused answer: its nomination (its form opens again), what was typed, and why.
    answering: String,
    answer: AnswerForm,
    v: Validation,
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(f): Query<Flash>,
) -> AppResult<Response> {
    list_page(
        &state,
        &ctx,
        f.ok,
        (String::new(), AnswerForm::default(), Validation::new()),
    )
    .await
}

/// The list of decisions and forwarded dossiers; with a refused answer, its form again with the
/// messages at its fields.
async fn list_page(
    state: &AppState,
    ctx: &Ctx,
    flash: Option<String>,
    (answering, answer, v): (String, AnswerForm, Validation),
) -> AppResult<Response> {
    let rows = ops::list(&state.db, ctx).await?;
    let years = ops::year_totals(&rows);
    let can_decide = ctx.can(Action::Decide {
        org_id: ctx.org_id(),
    });
    let forwards = ops::forwards(&state.db, ctx)
        .await?
        .into_iter()
        .map(|f| ops::ForwardSummary {
            created_at: super::local_time(&f.created_at),
            ..f
        })
        .collect();
    let can_answer = ctx.can(Action::Appraise {
        org_id: ctx.org_id(),
    });
    Ok(render(
        form_status(&v, false),
        &ListPage {
            l: Layout::new(ctx, "decisions").with_flash(flash),
            rows,
            years,
            can_decide,
            forwards,
            can_answer,
            answering,
            answer,
            v,
        },
    ))
}

fn list_book(rows: &[(DecisionRow, i64)], years: &[YearTotal]) -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let ws = book.add_worksheet();
    ws.set_name("Quyết định khen thưởng")?;
    for (c, (h, w)) in [
        ("Số quyết định", 18.0),
        ("Ngày ký", 12.0),
        ("Trích yếu", 50.0),
        ("Cơ quan ban hành", 30.0),
        ("Người ký", 24.0),
        ("Số người, tập thể", 12.0),
        ("Tổng tiền thưởng (đồng)", 18.0),
    ]
    .iter()
    .enumerate()
    {
        let c = u16::try_from(c)?;
        ws.write_string_with_format(0, c, *h, &bold)?;
        ws.set_column_width(c, *w)?;
    }
    for (r, (d, n)) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1)?;
        ws.write_string(r, 0, &d.number)?;
        ws.write_string(r, 1, iso_to_vn(&d.signed_on))?;
        ws.write_string(r, 2, &d.title)?;
        ws.write_string(r, 3, &d.issuer)?;
        ws.write_string(r, 4, &d.signer_name)?;
        ws.write_number(r, 5, *n as f64)?;
        ws.write_number(r, 6, d.total_amount as f64)?;
    }
    let ws = book.add_worksheet();
    ws.set_name("Tổng theo năm")?;
    for (c, h) in [
        "Năm",
        "Số quyết định",
        "Số người, tập thể",
        "Tổng tiền thưởng (đồng)",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(0, u16::try_from(c)?, *h, &bold)?;
    }
    for (r, y) in years.iter().enumerate() {
        let r = u32::try_from(r + 1)?;
        ws.write_number(r, 0, f64::from(y.year))?;
        ws.write_number(r, 1, y.decisions as f64)?;
        ws.write_number(r, 2, y.lines as f64)?;
        ws.write_number(r, 3, y.amount as f64)?;
    }
    Ok(book.save_to_buffer()?)
}

async fn export(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let rows = ops::list(&state.db, &ctx).await?;
    let years = ops::year_totals(&rows);
    let bytes = list_book(&rows, &years).map_err(AppError::Internal)?;
    Ok(super::data::xlsx(bytes, "quyet-dinh-khen-thuong.xlsx"))
}

/// A passed nomination offered on the decision form.
struct Candidate {
    id: String,
    name: String,
    award: String,
    year: i64,
    achievement: String,
    money: String,
    /// Empty when this body may decide it; otherwise who decides (then it is forwarded).
    higher: String,
}

impl From<ops::Candidate> for Candidate {
    fn from(c: ops::Candidate) -> Self {
        Candidate {
            money: money(c.amount),
            id: c.id,
            name: c.name,
            award: c.award,
            year: c.year,
            achievement: c.achievement,
            higher: c.higher,
        }
    }
}

#[derive(Deserialize, Default, Clone)]
struct DecisionForm {
    #[serde(default)]
    number: String,
    #[serde(default)]
    signed_on: String,
    #[serde(default)]
    issuer: String,
    #[serde(default)]
    signer_title: String,
    #[serde(default)]
    signer_name: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    nomination_ids: Vec<String>,
}

#[derive(Template)]
#[template(path = "decisions/form.html")]
struct FormPage {
    l: Layout,
    f: DecisionForm,
    v: Validation,
    decidable: Vec<Candidate>,
    higher: Vec<Candidate>,
    can_forward: bool,
}

async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    f: DecisionForm,
    v: Validation,
    flash: Option<String>,
) -> AppResult<Response> {
    let date = thidua_domain::date::parse(&f.signed_on).unwrap_or_else(crate::ops::today);
    let c = ops::candidates(&state.db, ctx, date).await?;
    let decidable = c.decidable.into_iter().map(Candidate::from).collect();
    let higher = c.higher.into_iter().map(Candidate::from).collect();
    let can_forward = ctx.can(Action::Appraise {
        org_id: ctx.org_id(),
    });
    let status = form_status(&v, false);
    Ok(render(
        status,
        &FormPage {
            l: Layout::new(ctx, "decisions").with_flash(flash),
            f,
            v,
            decidable,
            higher,
            can_forward,
        },
    ))
}

#[derive(Deserialize, Default)]
struct NewQuery {
    ok: Option<String>,
    /// Signing date to check authority and money against (default today).
    signed_on: Option<String>,
}

async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NewQuery>,
) -> AppResult<Response> {
    let signed_on = q
        .signed_on
        .filter(|d| thidua_domain::date::parse(d).is_some())
        .unwrap_or_else(|| vn(crate::ops::today()));
    // Filled in as this body signs: its name, its place, and the chairman's own name when he opens it.
    let issuer = ops::issuer(&state.db, &ctx).await?;
    let signer_name = if ctx.actor.role == thidua_domain::policy::Role::Chairman {
        ctx.user.full_name.clone()
    } else {
        String::new()
    };
    let date = thidua_domain::date::parse(&signed_on).unwrap_or_else(crate::ops::today);
    let number = ops::proposed_number(&state.db, &ctx, date).await?;
    let f = DecisionForm {
        number,
        signed_on,
        place: ops::place_of(&issuer),
        issuer,
        signer_title: "Chủ tịch".into(),
        signer_name,
        ..Default::default()
    };
    form_page(&state, &ctx, f, Validation::new(), q.ok).await
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<DecisionForm>,
) -> AppResult<Response> {
    let input = DecisionInput {
        number: f.number.clone(),
        signed_on: f.signed_on.clone(),
        issuer: f.issuer.clone(),
        signer_title: f.signer_title.clone(),
        signer_name: f.signer_name.clone(),
        title: f.title.clone(),
        place: f.place.clone(),
        nomination_ids: f.nomination_ids.clone(),
    };
    match ops::decide(&state.db, &ctx, &input)
        .await
        .map_err(AppError::from)
    {
        Ok(d) => Ok(see_other(
            &format!("/decisions/{}", d.id),
            &format!("Đã ban hành Quyết định số {}.", d.number),
        )),
        Err(AppError::Invalid(v)) => form_page(&state, &ctx, f, v, None).await,
        Err(e) => Err(e),
    }
}

async fn forward(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(nomination_id): Path<String>,
) -> AppResult<Response> {
    match ops::forward::forward(&state.db, state.blobs(), &ctx, &nomination_id)
        .await
        .map_err(AppError::from)
    {
        Ok(r) => Ok(see_other(
            "/decisions/new",
            &format!(
                "Đã lập hồ sơ trình {}; tải gói hồ sơ tại /decisions/forward/{}/package.zip.",
                r.authority, r.nomination_id
            ),
        )),
        Err(AppError::Invalid(v)) => Ok(see_other(
            "/decisions/new",
            &v.errors
                .first()
                .map(|e| e.message.clone())
                .unwrap_or_default(),
        )),
        Err(e) => Err(e),
    }
}

async fn package(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(nomination_id): Path<String>,
) -> AppResult<Response> {
    let (name, bytes) =
        ops::forward::package(&state.db, state.blobs(), &ctx, &nomination_id).await?;
    Ok(crate::api::decisions::zip_response(&name, bytes))
}

/// A line as shown on the decision page.
struct LineRowView {
    line: LineView,
    award: String,
    money: String,
}

#[derive(Template)]
#[template(path = "decisions/show.html")]
struct ShowPage {
    l: Layout,
    d: DecisionRow,
    lines: Vec<LineRowView>,
    total: String,
    unpriced: Vec<String>,
    can_revoke: bool,
    open_lines: usize,
    v: Validation,
}

async fn show_page(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    v: Validation,
    flash: Option<String>,
) -> AppResult<Response> {
    let view = ops::get(&state.db, ctx, id).await?;
    let open_lines = view.lines.iter().filter(|l| l.revoked_at.is_none()).count();
    let lines = view
        .lines
        .iter()
        .map(|l| LineRowView {
            award: view.award(&l.code),
            money: money(l.amount),
            line: l.clone(),
        })
        .collect();
    let can_revoke = ctx.can(Action::Decide {
        org_id: ctx.org_id(),
    });
    let status = form_status(&v, false);
    Ok(render(
        status,
        &ShowPage {
            l: Layout::new(ctx, "decisions").with_flash(flash),
            total: money(Some(view.decision.total_amount)),
            unpriced: unpriced(&view),
            d: view.decision,
            lines,
            can_revoke,
            open_lines,
            v,
        },
    ))
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<Flash>,
) -> AppResult<Response> {
    show_page(&state, &ctx, &id, Validation::new(), q.ok).await
}

#[derive(Deserialize, Default)]
struct RevokeForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    revoking_decision: String,
}

async fn revoke_line(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, line)): Path<(String, String)>,
    Form(f): Form<RevokeForm>,
) -> AppResult<Response> {
    match ops::revoke_line(
        &state.db,
        &ctx,
        &id,
        &line,
        &RevokeInput {
            reason: f.reason,
            revoking_decision: f.revoking_decision,
        },
    )
    .await
    .map_err(AppError::from)
    {
        Ok(()) => Ok(see_other(
            &format!("/decisions/{id}"),
            "Đã hủy khen thưởng; lịch sử khen thưởng đã được cập nhật.",
        )),
        Err(AppError::Invalid(v)) => show_page(&state, &ctx, &id, v, None).await,
        Err(e) => Err(e),
    }
}

async fn revoke_all(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<RevokeForm>,
) -> AppResult<Response> {
    match ops::revoke_decision(
        &state.db,
        &ctx,
        &id,
        &RevokeInput {
            reason: f.reason,
            revoking_decision: f.revoking_decision,
        },
    )
    .await
    .map_err(AppError::from)
    {
        Ok(n) => Ok(see_other(
            &format!("/decisions/{id}"),
            &format!("Đã hủy {n} khen thưởng của quyết định."),
        )),
        Err(AppError::Invalid(v)) => show_page(&state, &ctx, &id, v, None).await,
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "decisions/certificate.html")]
struct CertificatePage {
    d: DecisionRow,
    line: LineView,
    award: String,
    signed: String,
    verify_url: String,
    qr: String,
}

/// The address the public reaches this server at, from the request.
fn origin(headers: &HeaderMap) -> String {
    let host = headers
        .get("x-forwarded-host")
        .or_else(|| headers.get("host"))
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let scheme = headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("http");
    format!("{scheme}://{host}")
}

async fn certificate(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((id, line_id)): Path<(String, String)>,
) -> AppResult<Response> {
    let view = ops::get(&state.db, &ctx, &id).await?;
    let line = view
        .lines
        .iter()
        .find(|l| l.id == line_id)
        .cloned()
        .ok_or(AppError::NotFound)?;
    let award = view.award(&line.code);
    let verify_url = format!("{}/xac-minh/{}", origin(&headers), line.verify_code);
    let qr = ops::public::qr_data_uri(&verify_url).unwrap_or_default();
    let signed = iso_to_vn(&view.decision.signed_on);
    Ok(render(
        StatusCode::OK,
        &CertificatePage {
            award,
            d: view.decision,
            line,
            signed,
            verify_url,
            qr,
        },
    ))
}

/// The higher level's answer to a forwarded dossier, from the decisions page.
async fn answer(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(nomination_id): Path<String>,
    Form(f): Form<AnswerForm>,
) -> AppResult<Response> {
    let input = ops::forward_answer::AnswerInput {
        awarded: f.awarded != "0",
        decision_no: f.decision_no.clone(),
        decided_on: f.decided_on.clone(),
        issuer: f.issuer.clone(),
        golden_book_no: f.golden_book_no.clone(),
        note: f.note.clone(),
    };
    match ops::forward_answer::record(&state.db, &ctx, &nomination_id, &input)
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other("/decisions", "Đã ghi kết quả của cấp trên.")),
        Err(AppError::Invalid(v)) => list_page(&state, &ctx, None, (nomination_id, f, v)).await,
        Err(e) => Err(e),
    }
}

/// The one-line fields of the answer form: (name, label, placeholder).
pub const ANSWER_FIELDS: [(&str, &str, &str); 3] = [
    ("decision_no", "Số quyết định", "1234/QĐ-UBND"),
    ("decided_on", "Ngày quyết định", "ngày/tháng/năm"),
    ("golden_book_no", "Số sổ vàng", ""),
];

#[derive(Deserialize, Default)]
#[serde(default)]
struct AnswerForm {
    awarded: String,
    decision_no: String,
    decided_on: String,
    issuer: String,
    golden_book_no: String,
    note: String,
}

impl AnswerForm {
    /// What was typed in the one-line field `name`, shown again with its message.
    fn value(&self, name: &str) -> &str {
        match name {
            "decision_no" => &self.decision_no,
            "decided_on" => &self.decided_on,
            "golden_book_no" => &self.golden_book_no,
            _ => "",
        }
    }
}

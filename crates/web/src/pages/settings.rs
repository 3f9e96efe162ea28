//! The organisation's document settings (header lines, place, symbols, signers, recipients, where the
//! text goes on pre-printed blanks) and its numbering registers (sổ đăng ký văn bản): for the office.

use super::{Layout, form_status, render, see_other};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum_extra::extract::Form;
use serde::Deserialize;
use thidua_app::doc_settings::{self, BlankField, DocSettings, KINDS, Signer};
use thidua_app::registers::{self, RegisterView, TakeInput};
use thidua_domain::Validation;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/settings/documents", get(settings_page).post(save))
        .route("/settings/registers", get(register_page).post(take))
}

/// One document kind as the settings form shows it.
struct KindRow {
    kind: &'static str,
    name: &'static str,
    symbol: String,
    recipients: String,
}

/// Empty rows below the signers so a new one can be typed in.
const SIGNER_ROWS: usize = 4;

#[derive(Template)]
#[template(path = "settings/documents.html")]
struct SettingsPage {
    l: Layout,
    s: DocSettings,
    kinds: Vec<KindRow>,
    signers: Vec<Signer>,
    v: Validation,
    conflict: bool,
    template_version: String,
}

fn page(ctx: &Ctx, s: DocSettings, v: Validation, conflict: bool, ok: Option<String>) -> Response {
    let kinds = KINDS
        .iter()
        .map(|(kind, name)| KindRow {
            kind,
            name,
            symbol: s.symbol(kind),
            recipients: s.recipients_of(kind).join("\n"),
        })
        .collect();
    let mut signers = s.signers.clone();
    signers.resize(signers.len().max(SIGNER_ROWS), Signer::default());
    render(
        form_status(&v, conflict),
        &SettingsPage {
            l: Layout::new(ctx, "settings").with_flash(ok),
            s,
            kinds,
            signers,
            v,
            conflict,
            template_version: thidua_app::documents::template_version(),
        },
    )
}

#[derive(Deserialize, Default)]
struct OkQuery {
    ok: Option<String>,
}

async fn settings_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<OkQuery>,
) -> AppResult<Response> {
    ctx.authorize(thidua_domain::policy::Action::ManageDocuments {
        org_id: ctx.org_id(),
    })?;
    let s = doc_settings::get(&state.db, &ctx).await?;
    Ok(page(&ctx, s, Validation::new(), false, q.ok))
}

/// The settings form: fields repeated per kind, per signer and per blank field, in order.
#[derive(Deserialize, Default)]
#[serde(default)]
struct SettingsForm {
    version: i64,
    managing_body: String,
    issuing_body: String,
    place: String,
    kind: Vec<String>,
    symbol: Vec<String>,
    recipients: Vec<String>,
    signer_authority: Vec<String>,
    signer_on_behalf_of: Vec<String>,
    signer_title: Vec<String>,
    signer_name: Vec<String>,
    blank_field: Vec<String>,
    blank_x: Vec<String>,
    blank_y: Vec<String>,
    blank_width: Vec<String>,
    blank_size: Vec<String>,
}

fn number(raw: Option<&String>, field: &str, label: &str, v: &mut Validation) -> f64 {
    let raw = raw.map(|s| s.trim().replace(',', ".")).unwrap_or_default();
    raw.parse().unwrap_or_else(|_| {
        v.add(
            "blank_fields",
            &format!("Vị trí «{field}»"),
            format!("{label} phải là một số (mm hoặc pt), ví dụ 48 hoặc 92,5."),
        );
        0.0
    })
}

impl SettingsForm {
    /// The settings the form describes; numbers that are not numbers go to `v`.
    fn settings(&self, v: &mut Validation) -> DocSettings {
        let at = |list: &Vec<String>, i: usize| list.get(i).cloned().unwrap_or_default();
        let signers = (0..self.signer_title.len())
            .map(|i| Signer {
                authority: at(&self.signer_authority, i).trim().into(),
                on_behalf_of: at(&self.signer_on_behalf_of, i).trim().into(),
                title: at(&self.signer_title, i).trim().into(),
                name: at(&self.signer_name, i).trim().into(),
            })
            .collect();
        let blank_fields = self
            .blank_field
            .iter()
            .enumerate()
            .map(|(i, field)| BlankField {
                field: field.clone(),
                x_mm: number(self.blank_x.get(i), field, "Lề trái", v),
                y_mm: number(self.blank_y.get(i), field, "Lề trên", v),
                width_mm: number(self.blank_width.get(i), field, "Chiều rộng", v),
                size_pt: number(self.blank_size.get(i), field, "Cỡ chữ", v),
            })
            .collect();
        let lines = |t: String| -> Vec<String> {
            t.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect()
        };
        DocSettings {
            managing_body: self.managing_body.trim().into(),
            issuing_body: self.issuing_body.trim().into(),
            place: self.place.trim().into(),
            symbols: self
                .kind
                .iter()
                .enumerate()
                .map(|(i, k)| (k.clone(), at(&self.symbol, i).trim().to_string()))
                .collect(),
            recipients: self
                .kind
                .iter()
                .enumerate()
                .map(|(i, k)| (k.clone(), lines(at(&self.recipients, i))))
                .collect(),
            signers,
            blank_fields,
            version: self.version,
            body_name: String::new(),
        }
    }
}

async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<SettingsForm>,
) -> AppResult<Response> {
    let mut v = Validation::new();
    let s = f.settings(&mut v);
    if !v.is_ok() {
        ctx.authorize(thidua_domain::policy::Action::ManageDocuments {
            org_id: ctx.org_id(),
        })?;
        return Ok(page(&ctx, s, v, false, None));
    }
    match doc_settings::save(&state.db, &ctx, s.clone())
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(
            "/settings/documents",
            "Đã lưu thiết lập văn bản; các văn bản tạo từ nay theo thiết lập mới.",
        )),
        Err(AppError::Invalid(v)) => Ok(page(&ctx, s, v, false, None)),
        Err(AppError::Conflict) => Ok(page(&ctx, s, Validation::new(), true, None)),
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "settings/registers.html")]
struct RegisterPage {
    l: Layout,
    r: RegisterView,
    kinds: &'static [(&'static str, &'static str)],
    f: TakeForm,
    v: Validation,
}

#[derive(Deserialize, Default)]
struct RegisterQuery {
    kind: Option<String>,
    year: Option<i64>,
    ok: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct TakeForm {
    kind: String,
    issued_on: String,
    summary: String,
    number: String,
    subject_type: String,
    subject_id: String,
    /// Where to go back to after a number is given from another page (a meeting's).
    back: String,
}

async fn register_response(
    state: &AppState,
    ctx: &Ctx,
    kind: &str,
    year: Option<i64>,
    f: TakeForm,
    v: Validation,
    ok: Option<String>,
) -> AppResult<Response> {
    let r = registers::view(&state.db, ctx, kind, year).await?;
    let status = if v.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(
        status,
        &RegisterPage {
            l: Layout::new(ctx, "settings").with_flash(ok),
            r,
            kinds: &KINDS,
            f,
            v,
        },
    ))
}

async fn register_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<RegisterQuery>,
) -> AppResult<Response> {
    let kind = q.kind.unwrap_or_else(|| "decision".into());
    let f = TakeForm {
        kind: kind.clone(),
        issued_on: thidua_domain::date::vn(crate::ops::today()),
        ..Default::default()
    };
    register_response(&state, &ctx, &kind, q.year, f, Validation::new(), q.ok).await
}

/// Only paths of this site are followed back.
fn back_path(back: &str, fallback: &str) -> String {
    if back.starts_with('/') && !back.starts_with("//") {
        back.to_string()
    } else {
        fallback.to_string()
    }
}

async fn take(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<TakeForm>,
) -> AppResult<Response> {
    let input = TakeInput {
        kind: f.kind.clone(),
        issued_on: f.issued_on.clone(),
        summary: f.summary.clone(),
        number: f.number.clone(),
        subject_type: f.subject_type.clone(),
        subject_id: f.subject_id.clone(),
    };
    match registers::take(&state.db, &ctx, &input)
        .await
        .map_err(AppError::from)
    {
        Ok(e) => {
            let fallback = format!("/settings/registers?kind={}&year={}", e.kind, e.year);
            Ok(see_other(
                &back_path(&f.back, &fallback),
                &format!("Đã cấp số {} ngày {}.", e.number, vn_iso(&e.issued_on)),
            ))
        }
        Err(AppError::Invalid(v)) if registers::kind_name(&f.kind).is_some() => {
            let kind = f.kind.clone();
            register_response(&state, &ctx, &kind, None, f, v, None).await
        }
        Err(e) => Err(e),
    }
}

/// dd/mm/yyyy from yyyy-mm-dd.
fn vn_iso(iso: &str) -> String {
    thidua_domain::date::parse(iso)
        .map(thidua_domain::date::vn)
        .unwrap_or_else(|| iso.to_string())
}

//! The administrator's mail settings (`/settings/mail`): the organisation's SMTP server with a test
//! mail, the sending calendar (quiet hours, weekends, public holidays, when to tell a unit's head),
//! and the texts of each kind of mail, edited with a preview.

use super::{Flash, Layout, render, see_other};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops;
use crate::ops::mailing::settings::{CalendarInput, SmtpInput, SmtpSettings};
use crate::ops::mailing::templates::{self, Kind, MailTemplate, Rendered};
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;
use thidua_domain::Validation;
use thidua_domain::mail_calendar::MailCalendar;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/settings/mail", get(page))
        .route("/settings/mail/smtp", post(save_smtp))
        .route("/settings/mail/test", post(send_test))
        .route("/settings/mail/calendar", post(save_calendar))
        .route(
            "/settings/mail/templates/{kind}",
            get(template_page).post(save_template),
        )
        .route(
            "/settings/mail/templates/{kind}/reset",
            post(reset_template),
        )
}

#[derive(Template)]
#[template(path = "settings/mail.html")]
struct MailPage {
    l: Layout,
    smtp: SmtpSettings,
    /// The port as typed in a refused form (it may not be a number).
    port_typed: Option<String>,
    smtp_version: i64,
    calendar: CalendarInput,
    /// Which form the errors are of: "smtp" or "calendar".
    failed: &'static str,
    v: Validation,
    kinds: Vec<(&'static Kind, bool)>,
}

impl MailPage {
    fn port(&self) -> String {
        if let Some(p) = &self.port_typed {
            p.clone()
        } else if self.smtp.port == 0 {
            String::new()
        } else {
            self.smtp.port.to_string()
        }
    }
}

fn calendar_form(c: &MailCalendar, version: i64) -> CalendarInput {
    CalendarInput {
        quiet_from: c.quiet_from.to_string(),
        quiet_to: c.quiet_to.to_string(),
        skip_weekends: c.skip_weekends.then(|| "on".into()),
        holidays: c
            .holidays
            .iter()
            .map(|h| format!("{} {}", thidua_domain::date::iso_to_vn(&h.date), h.name))
            .collect::<Vec<_>>()
            .join("\n"),
        escalate_after_days: c.escalate_after_days.to_string(),
        version,
    }
}

/// What a failed form puts back on the page instead of the saved values.
enum Retry {
    None,
    Smtp(SmtpInput, Validation),
    Calendar(CalendarInput, Validation),
    Test(Validation),
}

async fn show(
    state: &AppState,
    ctx: &Ctx,
    flash: Option<String>,
    retry: Retry,
) -> AppResult<Response> {
    let ((cal, cal_version), (smtp, smtp_version)) =
        ops::mailing::settings::get(&state.db, ctx).await?;
    let kinds = templates::all(&state.db, ctx)
        .await?
        .into_iter()
        .map(|(k, _, v)| (k, v > 0))
        .collect();
    let mut page = MailPage {
        l: Layout::new(ctx, "users").with_flash(flash),
        smtp,
        port_typed: None,
        smtp_version,
        calendar: calendar_form(&cal, cal_version),
        failed: "",
        v: Validation::new(),
        kinds,
    };
    match retry {
        Retry::None => {}
        Retry::Smtp(i, v) => {
            page.smtp = SmtpSettings {
                host: i.host,
                port: i.port.parse().unwrap_or(0),
                username: i.username,
                from_name: i.from_name,
                from_address: i.from_address,
                ..page.smtp
            };
            page.port_typed = Some(i.port);
            (page.failed, page.v) = ("smtp", v);
        }
        Retry::Test(v) => (page.failed, page.v) = ("test", v),
        Retry::Calendar(i, v) => {
            page.calendar = CalendarInput {
                version: cal_version,
                ..i
            };
            (page.failed, page.v) = ("calendar", v);
        }
    }
    let status = if page.v.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(status, &page))
}

async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(f): Query<Flash>,
) -> AppResult<Response> {
    show(&state, &ctx, f.ok, Retry::None).await
}

async fn save_smtp(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<SmtpInput>,
) -> AppResult<Response> {
    match ops::mailing::settings::save_smtp(&state.db, &ctx, &f)
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other("/settings/mail", "Đã lưu máy chủ gửi thư.")),
        Err(AppError::Invalid(v)) => show(&state, &ctx, None, Retry::Smtp(f, v)).await,
        Err(e) => Err(e),
    }
}

async fn send_test(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    match ops::mailing::settings::send_test(&state.db, &ctx)
        .await
        .map_err(AppError::from)
    {
        Ok(to) => Ok(see_other(
            "/settings/mail",
            &format!("Đã đưa thư thử tới {to} vào hộp thư đi; xem kết quả gửi ở «Hộp thư đi»."),
        )),
        Err(AppError::Invalid(v)) => show(&state, &ctx, None, Retry::Test(v)).await,
        Err(e) => Err(e),
    }
}

async fn save_calendar(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<CalendarInput>,
) -> AppResult<Response> {
    match ops::mailing::settings::save_calendar(&state.db, &ctx, &f)
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other("/settings/mail#lich", "Đã lưu lịch gửi thư.")),
        Err(AppError::Invalid(v)) => show(&state, &ctx, None, Retry::Calendar(f, v)).await,
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "settings/mail_template.html")]
struct TemplatePage {
    l: Layout,
    kind: &'static Kind,
    t: MailTemplate,
    version: i64,
    preview: Option<Rendered>,
    v: Validation,
}

async fn template_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(f): Query<Flash>,
) -> AppResult<Response> {
    let (kind, t, version) = templates::one(&state.db, &ctx, &code).await?;
    let preview = templates::check(kind, &t).ok();
    let l = Layout::new(&ctx, "users").with_flash(f.ok);
    Ok(render(
        StatusCode::OK,
        &TemplatePage {
            l,
            kind,
            t,
            version,
            preview,
            v: Validation::new(),
        },
    ))
}

#[derive(Deserialize)]
struct TemplateForm {
    #[serde(default)]
    subject: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    version: i64,
    /// «Xem trước» shows the text without saving it.
    #[serde(default)]
    preview: Option<String>,
}

async fn save_template(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Form(f): Form<TemplateForm>,
) -> AppResult<Response> {
    let kind = templates::kind(&code).ok_or(AppError::NotFound)?;
    let t = MailTemplate {
        subject: f.subject.replace("\r\n", "\n"),
        body: f.body.replace("\r\n", "\n"),
    };
    let l = Layout::new(&ctx, "users");
    let answer = if f.preview.is_some() {
        templates::preview(&ctx, &code, &t).map_err(AppError::from)
    } else {
        ops::mailing::templates::save(&state.db, &ctx, &code, &t, f.version)
            .await
            .map_err(AppError::from)
    };
    match answer {
        Ok(_) if f.preview.is_none() => Ok(see_other(
            &format!("/settings/mail/templates/{code}"),
            "Đã lưu mẫu thư.",
        )),
        Ok(preview) => {
            let page = TemplatePage {
                l,
                kind,
                t,
                version: f.version,
                preview: Some(preview),
                v: Validation::new(),
            };
            Ok(render(StatusCode::OK, &page))
        }
        Err(AppError::Invalid(v)) => {
            let page = TemplatePage {
                l,
                kind,
                t,
                version: f.version,
                preview: None,
                v,
            };
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
struct ResetForm {
    #[serde(default)]
    version: i64,
}

async fn reset_template(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Form(f): Form<ResetForm>,
) -> AppResult<Response> {
    ops::mailing::templates::reset(&state.db, &ctx, &code, f.version).await?;
    Ok(see_other(
        &format!("/settings/mail/templates/{code}"),
        "Đã đưa mẫu thư về nội dung mặc định.",
    ))
}

//! Server-rendered pages, by resource. Each handler parses the form, calls a use case from
//! [`crate::ops`], and renders a template; a refused form is shown again with messages at its fields.

mod account;
mod audit;
mod budget;
mod campaigns;
mod catalog;
mod cluster_year_end;
mod clusters;
pub(crate) mod dashboard;
mod data;
mod decisions;
mod documents;
mod exemplars;
mod mail_settings;
mod nominations;
mod notifications;
mod password;
mod transfer;
pub use data::read_upload;
pub mod home;
mod honours;
pub(crate) mod initiatives;
mod meetings;
mod outbox;
mod people;
mod public;
pub(crate) mod public_cache;
mod public_site;
mod report_outline;
mod rule_files;
pub(crate) mod scoring;
mod settings;
mod statistics;
mod units;
mod users;

use crate::AppState;
use crate::ctx::Ctx;
use askama::Template;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use thidua_domain::Validation;
use thidua_domain::policy::Action;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(account::routes())
        .merge(password::routes())
        .merge(mail_settings::routes())
        .merge(home::routes())
        .merge(units::routes())
        .merge(people::routes())
        .merge(clusters::routes())
        .merge(cluster_year_end::routes())
        .merge(audit::routes())
        .merge(data::routes())
        .merge(transfer::routes())
        .merge(users::routes())
        .merge(honours::routes())
        .merge(rule_files::routes())
        .merge(campaigns::routes())
        .merge(meetings::routes())
        .merge(decisions::routes())
        .merge(dashboard::routes())
        .merge(budget::routes())
        .merge(exemplars::routes())
        .merge(public_site::routes())
        .merge(public::routes())
        .merge(nominations::routes())
        .merge(notifications::routes())
        .merge(documents::routes())
        .merge(settings::routes())
        .merge(report_outline::routes())
        .merge(outbox::routes())
        .merge(scoring::routes())
        .merge(statistics::routes())
        .merge(initiatives::routes())
}

/// What every signed-in page shows around its content.
pub struct Layout {
    pub user_name: String,
    pub role_label: String,
    pub csrf: String,
    pub active: &'static str,
    pub can_audit: bool,
    pub can_users: bool,
    /// The office and those who vote see council meetings.
    pub can_meetings: bool,
    /// Decisions are read by the office, the council, the chairman and organisation-wide viewers.
    pub can_decisions: bool,
    /// The office sets up documents and keeps the numbering registers.
    pub can_documents: bool,
    /// The statutory statistics (Biểu 0601–0605): the office and the chairman.
    pub can_statistics: bool,
    pub flash: Option<String>,
    /// One-time key for the page's form, so a double click never submits twice.
    pub idem: String,
    /// The number of unread notifications beside the menu entry «Thông báo» ("99+" beyond 99);
    /// `None` when there are none.
    pub unread: Option<String>,
}

impl Layout {
    pub fn new(ctx: &Ctx, active: &'static str) -> Layout {
        Layout {
            user_name: ctx.user.full_name.clone(),
            role_label: ctx.role().label().into(),
            csrf: ctx.csrf().into(),
            active,
            can_audit: ctx.can(Action::ViewAudit {
                org_id: ctx.org_id(),
            }),
            can_users: ctx.can(Action::ManageUsers {
                org_id: ctx.org_id(),
            }),
            can_meetings: crate::ops::meetings::may_view(ctx).is_ok(),
            can_decisions: crate::ops::decisions::read::authorize_read(ctx).is_ok(),
            can_documents: ctx.can(Action::ManageDocuments {
                org_id: ctx.org_id(),
            }),
            can_statistics: ctx.can(Action::ViewStatistics {
                org_id: ctx.org_id(),
            }),
            flash: None,
            idem: crate::auth::random_token(),
            unread: ctx.unread_notifications.filter(|n| *n > 0).map(|n| {
                if n > 99 {
                    "99+".to_string()
                } else {
                    n.to_string()
                }
            }),
        }
    }

    /// Adds a one-line confirmation (after a redirect, from `?ok=`).
    pub fn with_flash(mut self, flash: Option<String>) -> Layout {
        self.flash = flash.filter(|f| !f.is_empty());
        self
    }
}

/// Renders a template, or a plain error page if rendering itself fails.
pub fn render<T: Template>(status: StatusCode, t: &T) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "Lỗi hiển thị trang.").into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    title: &'a str,
    message: &'a str,
}

/// The page shown for an error that ends a request.
pub fn error_page(status: StatusCode, message: &str) -> Response {
    let title = match status {
        StatusCode::NOT_FOUND => "Không tìm thấy",
        StatusCode::FORBIDDEN => "Không có quyền",
        StatusCode::CONFLICT => "Dữ liệu đã thay đổi",
        StatusCode::PAYLOAD_TOO_LARGE => "Tệp quá lớn",
        StatusCode::TOO_MANY_REQUESTS => "Tạm khóa",
        s if s.is_server_error() => "Lỗi hệ thống",
        _ => "Yêu cầu không hợp lệ",
    };
    render(status, &ErrorPage { title, message })
}

/// `?ok=` confirmation text carried through a redirect after a successful form.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Flash {
    pub ok: Option<String>,
}

/// Redirect after a successful POST, with a confirmation line.
pub fn see_other(path: &str, ok: &str) -> Response {
    let msg: String = form_urlencoded::byte_serialize(ok.as_bytes()).collect();
    // The confirmation goes in the query, before any `#fragment`.
    let (path, fragment) = path
        .split_once('#')
        .map(|(p, f)| (p, format!("#{f}")))
        .unwrap_or((path, String::new()));
    let sep = if path.contains('?') { '&' } else { '?' };
    axum::response::Redirect::to(&format!("{path}{sep}ok={msg}{fragment}")).into_response()
}

/// The status of a re-rendered form: 409 after a lost update, 422 with field errors, 200 otherwise.
pub fn form_status(v: &Validation, conflict: bool) -> StatusCode {
    if conflict {
        StatusCode::CONFLICT
    } else if v.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// Active units the user may see, as select options indented by depth in the tree, keeping those
/// `keep` accepts.
pub async fn unit_options(
    state: &AppState,
    ctx: &Ctx,
    keep: impl Fn(&thidua_app::model::UnitRow) -> bool,
) -> crate::error::AppResult<Vec<(String, String)>> {
    let tree = crate::ops::units::tree(&state.db, ctx, None, false).await?;
    Ok(tree
        .into_iter()
        .filter(|(_, u)| keep(u))
        .map(|(d, u)| (u.id, format!("{}{}", "\u{2003}".repeat(d.min(6)), u.name)))
        .collect())
}

/// A stored file (evidence, an initiative's dossier) sent for download under its own name.
pub fn stored_file(content_type: &str, file_name: &str, bytes: Vec<u8>) -> Response {
    let name: String = form_urlencoded::byte_serialize(file_name.as_bytes()).collect();
    (
        StatusCode::OK,
        [
            (axum::http::header::CONTENT_TYPE, content_type.to_string()),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename*=UTF-8''{name}"),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// Parses the hidden `version` field of an edit form.
pub fn version_of(raw: &str) -> i64 {
    raw.trim().parse().unwrap_or(0)
}

/// Shows a stored timestamp in Vietnam time as `dd/mm/yyyy hh:mm`.
pub fn local_time(stored: &str) -> String {
    let parsed =
        time::OffsetDateTime::parse(stored, &time::format_description::well_known::Rfc3339);
    match parsed.ok() {
        Some(t) => {
            let t = t.to_offset(time::macros::offset!(+7));
            format!(
                "{:02}/{:02}/{:04} {:02}:{:02}",
                t.day(),
                u8::from(t.month()),
                t.year(),
                t.hour(),
                t.minute()
            )
        }
        None => stored.to_string(),
    }
}

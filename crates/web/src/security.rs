//! The layers every request passes: size limit, identity, origin and CSRF checks, security headers.

use crate::AppState;
use crate::auth::{SESSION_COOKIE, same_secret};
use crate::ctx::{AuthVia, Identity, from_api_token, from_session};
use crate::error::{ApiError, AppError};
use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;
use thidua_app::model::Claim;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// Content Security Policy: no inline scripts or styles anywhere, no framing.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

pub fn wrap(app: Router<AppState>, state: AppState) -> Router<AppState> {
    let limit = state.config.max_upload_bytes;
    app.layer(middleware::from_fn_with_state(state, guard))
        .layer(DefaultBodyLimit::max(limit))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        // Large pages (the unit × deadline matrix of a province is megabytes of HTML) shrink ~20×.
        .layer(tower_http::compression::CompressionLayer::new().gzip(true))
        .layer(TraceLayer::new_for_http())
}

fn is_api(req: &Request) -> bool {
    req.uri().path().starts_with("/api/")
}

fn refuse(api: bool, e: AppError) -> Response {
    if api {
        ApiError(e).into_response()
    } else {
        e.into_response()
    }
}

fn header_str<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    req.headers().get(name).and_then(|v| v.to_str().ok())
}

/// Refuses state changes that come from another site (Origin / Sec-Fetch-Site).
fn cross_site(req: &Request) -> bool {
    if header_str(req, "sec-fetch-site") == Some("cross-site") {
        return true;
    }
    match (header_str(req, "origin"), header_str(req, "host")) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => {
            let origin_host = origin.split("://").nth(1).unwrap_or(origin);
            origin_host != host
        }
        _ => false,
    }
}

fn query_csrf(req: &Request) -> Option<String> {
    let q = req.uri().query()?;
    form_urlencoded::parse(q.as_bytes())
        .find(|(k, _)| k == "_csrf")
        .map(|(_, v)| v.into_owned())
}

async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let api = is_api(&req);
    let limit = state.config.max_upload_bytes;
    let declared = header_str(&req, "content-length").and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return refuse(api, AppError::too_large(limit));
    }
    let headers = req.headers().clone();
    // Pages show the number of unread notifications in their menu; the API and static files do not.
    let page = !api && !req.uri().path().starts_with("/static/");
    let identity = match load_identity(&state, &headers, page).await {
        Ok(i) => i,
        Err(e) => return refuse(api, e),
    };
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let mut req = req;
    let mut idem = None;
    if unsafe_method {
        if cross_site(&req) {
            return refuse(
                api,
                AppError::BadRequest(
                    "Yêu cầu đến từ trang web khác nên bị từ chối (bảo vệ CSRF).".into(),
                ),
            );
        }
        if let Some(crate::ctx::Ctx {
            via: AuthVia::Session { csrf, .. },
            ..
        }) = &identity.0
        {
            match check_csrf(req, csrf).await {
                Ok((r, key)) => {
                    req = r;
                    idem = key;
                }
                Err(e) => return refuse(api, e),
            }
        }
    }
    let user_id = identity.0.as_ref().map(|c| c.user.id.clone());
    req.extensions_mut().insert(identity);
    match (idem, user_id) {
        (Some(key), Some(user)) => once(&state, &key, &user, req, next).await,
        _ => next.run(req).await,
    }
}

/// Runs a form submission at most once per one-time key (`_idem`): a repeat gets the first answer's
/// redirect; a refused submission frees its key so the corrected form can be sent.
async fn once(state: &AppState, key: &str, user: &str, req: Request, next: Next) -> Response {
    let claimed = crate::ops::idempotency::claim(&state.db, key, user).await;
    match claimed {
        Ok(Claim::New) => {}
        Ok(Claim::Done(location)) => {
            return axum::response::Redirect::to(&location).into_response();
        }
        Ok(Claim::InProgress) => {
            return AppError::BadRequest(
                "Biểu mẫu này đã được gửi và đang được xử lý; hãy chờ giây lát rồi tải lại trang."
                    .into(),
            )
            .into_response();
        }
        Err(e) => return AppError::from(e).into_response(),
    }
    let response = next.run(req).await;
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let redirected = response.status().is_redirection();
    let done_at = location.as_deref().filter(|_| redirected);
    let finished = crate::ops::idempotency::finish(&state.db, key, done_at).await;
    if let Err(e) = finished {
        tracing::warn!(error = %e, "idempotency key not updated");
    }
    response
}

/// Finds the CSRF token in the header, the query string or a url-encoded form body, and compares it.
/// Returns the request (body restored) and the form's one-time key `_idem`, if any.
async fn check_csrf(req: Request, expected: &str) -> Result<(Request, Option<String>), AppError> {
    let bad = || {
        AppError::BadRequest("Phiên làm việc của biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy tải lại trang rồi gửi lại.".into())
    };
    if let Some(token) = header_str(&req, "x-csrf-token")
        .map(str::to_string)
        .or_else(|| query_csrf(&req))
    {
        // Multipart forms (files) carry their one-time key in the query string, beside the token.
        let idem = req
            .uri()
            .query()
            .and_then(|q| {
                form_urlencoded::parse(q.as_bytes())
                    .find(|(k, _)| k == "_idem")
                    .map(|(_, v)| v.into_owned())
            })
            .filter(|k| !k.is_empty() && k.len() <= 64);
        return if same_secret(&token, expected) {
            Ok((req, idem))
        } else {
            Err(bad())
        };
    }
    let is_form = header_str(&req, "content-type")
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(bad());
    }
    let (parts, body) = req.into_parts();
    // Forms without files are small; one megabyte is plenty and bounds the buffering.
    let bytes = axum::body::to_bytes(body, 1024 * 1024)
        .await
        .map_err(|_| AppError::too_large(1024 * 1024))?;
    let field = |name: &str| {
        form_urlencoded::parse(&bytes)
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    let idem = field("_idem").filter(|k| !k.is_empty() && k.len() <= 64);
    match field("_csrf") {
        Some(t) if same_secret(&t, expected) => {
            Ok((Request::from_parts(parts, Body::from(bytes)), idem))
        }
        _ => Err(bad()),
    }
}

async fn load_identity(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    page: bool,
) -> Result<Identity, AppError> {
    if let Some(auth) = headers.get("authorization").and_then(|v| v.to_str().ok()) {
        let token = auth.strip_prefix("Bearer ").unwrap_or("").trim();
        if token.is_empty() {
            return Ok(Identity(None));
        }
        return Ok(Identity(from_api_token(state, token).await?));
    }
    let jar = CookieJar::from_headers(headers);
    match jar.get(SESSION_COOKIE) {
        Some(c) => Ok(Identity(from_session(state, c.value(), page).await?)),
        None => Ok(Identity(None)),
    }
}

//! Passwords: «Quên mật khẩu?» (a one-time link by mail), the page the link opens to set a new one,
//! and changing one's own password on the account page. The anonymous forms carry the login page's
//! double-submit token (cookie + field), as there is no session.

use super::{render, see_other};
use crate::AppState;
use crate::auth::{LOGIN_CSRF_COOKIE, random_token, same_secret};
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops;
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;
use thidua_domain::Validation;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/password/forgot", get(forgot_page).post(forgot))
        .route("/password/reset/{token}", get(reset_page).post(reset))
        .route("/account/password", post(change_own))
}

#[derive(Template)]
#[template(path = "password/forgot.html")]
struct ForgotPage {
    csrf: String,
    who: String,
    sent: bool,
    errors: Validation,
}

#[derive(Template)]
#[template(path = "password/reset.html")]
struct ResetPage {
    csrf: String,
    username: String,
    errors: Validation,
    /// The link is unknown, used or expired.
    dead: bool,
}

/// The anonymous form's token: the cookie's, or a new one set with the page.
fn form_token(state: &AppState, jar: CookieJar) -> (CookieJar, String) {
    let token = jar
        .get(LOGIN_CSRF_COOKIE)
        .map(|c| c.value().to_string())
        .unwrap_or_else(random_token);
    let c = super::account::cookie(
        LOGIN_CSRF_COOKIE,
        token.clone(),
        state.config.secure_cookies,
        1,
    );
    (jar.add(c), token)
}

/// Whether the form came back with the cookie's token.
fn token_ok(jar: &CookieJar, sent: &str) -> bool {
    jar.get(LOGIN_CSRF_COOKIE)
        .is_some_and(|c| !c.value().is_empty() && same_secret(c.value(), sent))
}

fn expired() -> Validation {
    let mut v = Validation::new();
    v.add("_csrf", "Trang", "Trang đã hết hạn. Hãy nhập lại.");
    v
}

async fn forgot_page(State(state): State<AppState>, jar: CookieJar) -> Response {
    let (jar, csrf) = form_token(&state, jar);
    let page = ForgotPage {
        csrf,
        who: String::new(),
        sent: false,
        errors: Validation::new(),
    };
    (jar, render(StatusCode::OK, &page)).into_response()
}

#[derive(Deserialize)]
struct ForgotForm {
    #[serde(default)]
    who: String,
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn forgot(
    State(state): State<AppState>,
    jar: CookieJar,
    Form(f): Form<ForgotForm>,
) -> AppResult<Response> {
    let ok = token_ok(&jar, &f.csrf);
    let (jar, csrf) = form_token(&state, jar);
    let page = |sent, errors| ForgotPage {
        csrf: csrf.clone(),
        who: f.who.clone(),
        sent,
        errors,
    };
    if !ok {
        return Ok((
            jar,
            render(StatusCode::BAD_REQUEST, &page(false, expired())),
        )
            .into_response());
    }
    match ops::mailing::password_reset::request(&state.db, &f.who)
        .await
        .map_err(AppError::from)
    {
        Ok(()) => Ok((jar, render(StatusCode::OK, &page(true, Validation::new()))).into_response()),
        Err(AppError::Invalid(v)) => Ok((
            jar,
            render(StatusCode::UNPROCESSABLE_ENTITY, &page(false, v)),
        )
            .into_response()),
        Err(e) => Err(e),
    }
}

/// The account of a live link, or the page that says the link is dead (404).
async fn live_link(state: &AppState, jar: CookieJar, token: &str) -> Result<String, Response> {
    match ops::mailing::password_reset::check_link(&state.db, token)
        .await
        .map_err(AppError::from)
    {
        Ok(username) => Ok(username),
        Err(AppError::NotFound) => {
            let (jar, csrf) = form_token(state, jar);
            let page = ResetPage {
                csrf,
                username: String::new(),
                errors: Validation::new(),
                dead: true,
            };
            Err((jar, render(StatusCode::NOT_FOUND, &page)).into_response())
        }
        Err(e) => Err(e.into_response()),
    }
}

async fn reset_page(
    State(state): State<AppState>,
    jar: CookieJar,
    Path(token): Path<String>,
) -> Response {
    let username = match live_link(&state, jar.clone(), &token).await {
        Ok(u) => u,
        Err(page) => return page,
    };
    let (jar, csrf) = form_token(&state, jar);
    let page = ResetPage {
        csrf,
        username,
        errors: Validation::new(),
        dead: false,
    };
    (jar, render(StatusCode::OK, &page)).into_response()
}

#[derive(Deserialize)]
struct ResetForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    again: String,
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn reset(
    State(state): State<AppState>,
    jar: CookieJar,
    Path(token): Path<String>,
    Form(f): Form<ResetForm>,
) -> Response {
    let ok = token_ok(&jar, &f.csrf);
    let username = match live_link(&state, jar.clone(), &token).await {
        Ok(u) => u,
        Err(page) => return page,
    };
    let (jar, csrf) = form_token(&state, jar);
    let page = |errors, dead| ResetPage {
        csrf: csrf.clone(),
        username: username.clone(),
        errors,
        dead,
    };
    if !ok {
        return (
            jar,
            render(StatusCode::BAD_REQUEST, &page(expired(), false)),
        )
            .into_response();
    }
    match ops::mailing::password_reset::reset(&state.db, &token, &f.password, &f.again)
        .await
        .map_err(AppError::from)
    {
        Ok(name) => see_other(
            "/login",
            &format!("Đã đặt mật khẩu mới cho {name}. Hãy đăng nhập bằng mật khẩu mới."),
        ),
        Err(AppError::Invalid(v)) => (
            jar,
            render(StatusCode::UNPROCESSABLE_ENTITY, &page(v, false)),
        )
            .into_response(),
        // Spent by another request at the same instant.
        Err(AppError::NotFound) => (
            jar,
            render(StatusCode::NOT_FOUND, &page(Validation::new(), true)),
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}

#[derive(Deserialize)]
struct ChangeForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    again: String,
}

async fn change_own(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<ChangeForm>,
) -> AppResult<Response> {
    let done = ops::own_password::change(&state.db, &ctx, &f.current, &f.password, &f.again).await;
    match done.map_err(AppError::from) {
        // Every session of the account ended, this one too.
        Ok(()) => Ok(see_other(
            "/login",
            "Đã đổi mật khẩu. Hãy đăng nhập lại bằng mật khẩu mới.",
        )),
        Err(AppError::Invalid(v)) => {
            super::account::account_page(
                &state,
                &ctx,
                None,
                None,
                Some(("password", v.to_string())),
            )
            .await
        }
        Err(e) => Err(e),
    }
}

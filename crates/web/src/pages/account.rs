//! Sign in, sign out, and the user's own account page with API tokens.

use super::{Flash, Layout, render, see_other};
use crate::AppState;
use crate::auth::{LOGIN_CSRF_COOKIE, SESSION_COOKIE, SESSION_HOURS, random_token, same_secret};
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops;
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use serde::Deserialize;
use thidua_app::model::TokenRow;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
        .route("/account", get(account))
        .route("/account/tokens", post(create_token))
        .route("/account/contact", post(set_contact))
        .route("/account/tokens/{id}/revoke", post(revoke_token))
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    csrf: String,
    next: String,
    username: String,
    error: Option<String>,
    /// A confirmation (a password just set).
    notice: Option<String>,
}

#[derive(Deserialize, Default)]
struct NextQuery {
    next: Option<String>,
    ok: Option<String>,
}

/// Only local paths are followed after login (no open redirect).
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/".to_string(),
    }
}

pub(super) fn cookie(
    name: &'static str,
    value: String,
    secure: bool,
    max_age_hours: i64,
) -> Cookie<'static> {
    let mut c = Cookie::new(name, value);
    c.set_http_only(true);
    c.set_same_site(SameSite::Lax);
    c.set_path("/");
    c.set_secure(secure);
    c.set_max_age(time::Duration::hours(max_age_hours));
    c
}

/// The login form carries a double-submit token (cookie + field), since there is no session yet.
async fn login_page(
    State(state): State<AppState>,
    jar: CookieJar,
    Query(q): Query<NextQuery>,
) -> Response {
    let token = jar
        .get(LOGIN_CSRF_COOKIE)
        .map(|c| c.value().to_string())
        .unwrap_or_else(random_token);
    let page = LoginPage {
        csrf: token.clone(),
        next: safe_next(q.next.as_deref()),
        username: String::new(),
        error: None,
        notice: q.ok.clone(),
    };
    let jar = jar.add(cookie(
        LOGIN_CSRF_COOKIE,
        token,
        state.config.secure_cookies,
        1,
    ));
    (jar, render(StatusCode::OK, &page)).into_response()
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn login(
    State(state): State<AppState>,
    jar: CookieJar,
    Form(f): Form<LoginForm>,
) -> Response {
    let expected = jar
        .get(LOGIN_CSRF_COOKIE)
        .map(|c| c.value().to_string())
        .unwrap_or_default();
    let again = |status: StatusCode, error: String, jar: CookieJar| {
        let token = random_token();
        let page = LoginPage {
            csrf: token.clone(),
            next: safe_next(Some(&f.next)),
            username: f.username.clone(),
            error: Some(error),
            notice: None,
        };
        (
            jar.add(cookie(
                LOGIN_CSRF_COOKIE,
                token,
                state.config.secure_cookies,
                1,
            )),
            render(status, &page),
        )
            .into_response()
    };
    if expected.is_empty() || !same_secret(&expected, &f.csrf) {
        return again(
            StatusCode::BAD_REQUEST,
            "Trang đăng nhập đã hết hạn. Hãy nhập lại.".into(),
            jar,
        );
    }
    match ops::users::login(&state.db, &f.username, &f.password).await {
        Ok(s) => {
            let jar = jar
                .remove(Cookie::build(LOGIN_CSRF_COOKIE).path("/"))
                .add(cookie(
                    SESSION_COOKIE,
                    s.token,
                    state.config.secure_cookies,
                    SESSION_HOURS,
                ));
            (jar, Redirect::to(&safe_next(Some(&f.next)))).into_response()
        }
        Err(e) => {
            let e = AppError::from(e);
            again(e.status(), e.message(), jar)
        }
    }
}

async fn logout(State(state): State<AppState>, ctx: Ctx, jar: CookieJar) -> AppResult<Response> {
    ops::users::logout(&state.db, &ctx).await?;
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/"));
    Ok((jar, Redirect::to("/login")).into_response())
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    l: Layout,
    username: String,
    tokens: Vec<TokenRow>,
    new_token: Option<String>,
    /// The refused form («contact», «password» or «token») and why, shown beside that form.
    error: Option<(&'static str, String)>,
    email: String,
    mail_mode: String,
}

impl AccountPage {
    /// The error of `form`, if it is the one refused.
    fn error_of(&self, form: &str) -> Option<&str> {
        self.error
            .as_ref()
            .filter(|(f, _)| *f == form)
            .map(|(_, m)| m.as_str())
    }
}

pub(super) async fn account_page(
    state: &AppState,
    ctx: &Ctx,
    flash: Option<String>,
    new_token: Option<String>,
    error: Option<(&'static str, String)>,
) -> AppResult<Response> {
    let tokens = ops::users::tokens(&state.db, ctx).await?;
    let contact = ops::contacts::mine(&state.db, ctx).await?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok(render(
        status,
        &AccountPage {
            l: Layout::new(ctx, "account").with_flash(flash),
            username: ctx.user.username.clone(),
            tokens,
            new_token,
            error,
            mail_mode: contact
                .as_ref()
                .map(|c| c.mail_mode.clone())
                .unwrap_or_else(|| "immediate".into()),
            email: contact.map(|c| c.email).unwrap_or_default(),
        },
    ))
}

async fn account(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(f): Query<Flash>,
) -> AppResult<Response> {
    account_page(&state, &ctx, f.ok, None, None).await
}

#[derive(Deserialize)]
struct TokenForm {
    #[serde(default)]
    name: String,
}

async fn create_token(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<TokenForm>,
) -> AppResult<Response> {
    match ops::users::create_token(&state.db, &ctx, &f.name)
        .await
        .map_err(AppError::from)
    {
        Ok(token) => {
            account_page(
                &state,
                &ctx,
                Some("Đã tạo khóa API. Hãy sao chép ngay, khóa chỉ hiện một lần.".into()),
                Some(token),
                None,
            )
            .await
        }
        Err(AppError::Invalid(v)) => {
            account_page(&state, &ctx, None, None, Some(("token", v.to_string()))).await
        }
        Err(e) => Err(e),
    }
}

async fn revoke_token(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    ops::users::revoke_token(&state.db, &ctx, &id).await?;
    Ok(see_other("/account", "Đã thu hồi khóa API."))
}

#[derive(Deserialize)]
struct ContactForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    mail_mode: String,
}

async fn set_contact(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<ContactForm>,
) -> AppResult<Response> {
    match ops::contacts::set_mine(&state.db, &ctx, &f.email, &f.mail_mode)
        .await
        .map_err(AppError::from)
    {
        Ok(()) => Ok(see_other("/account", "Đã lưu địa chỉ và cách nhận thư.")),
        Err(AppError::Invalid(v)) => {
            account_page(&state, &ctx, None, None, Some(("contact", v.to_string()))).await
        }
        Err(e) => Err(e),
    }
}

//! Who is asking: the identity loaded once per request (session cookie or API token) and handed to
//! handlers as [`Ctx`], with the one doorway to the policy.

use crate::AppState;
use crate::error::AppError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use thidua_app::{Caller, identity};

/// How the request proved who it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthVia {
    /// A browser session; `csrf` must accompany every state change.
    Session { id_hash: String, csrf: String },
    /// An API token (`Authorization: Bearer …`): no cookie, so no CSRF.
    Token,
}

/// The signed-in user of a request: the use cases' [`Caller`] (reached through `Deref`) and what only
/// the web needs (how they signed in, the CSRF token, the menu's unread count).
#[derive(Debug, Clone)]
pub struct Ctx {
    pub caller: Caller,
    pub via: AuthVia,
    /// Notifications the user has not read (capped), counted for the pages' menu; `None` when not
    /// counted (API requests).
    pub unread_notifications: Option<i64>,
}

impl std::ops::Deref for Ctx {
    type Target = Caller;

    fn deref(&self) -> &Caller {
        &self.caller
    }
}

/// The identity found by the middleware, stored in request extensions.
#[derive(Debug, Clone)]
pub struct Identity(pub Option<Ctx>);

impl Ctx {
    /// The CSRF token to put in forms.
    pub fn csrf(&self) -> &str {
        match &self.via {
            AuthVia::Session { csrf, .. } => csrf,
            AuthVia::Token => "",
        }
    }
}

/// Loads the identity of a session token; `page`: a page request, whose menu shows the number of
/// unread notifications (one cheap count in the same transaction).
pub async fn from_session(
    state: &AppState,
    token: &str,
    page: bool,
) -> Result<Option<Ctx>, AppError> {
    let Some(found) = identity::by_session(&state.db, token, page).await? else {
        return Ok(None);
    };
    Ok(Some(Ctx {
        caller: found.caller,
        via: AuthVia::Session {
            id_hash: found.id_hash,
            csrf: found.csrf,
        },
        unread_notifications: found.unread,
    }))
}

/// Loads the identity of an API token.
pub async fn from_api_token(state: &AppState, token: &str) -> Result<Option<Ctx>, AppError> {
    Ok(identity::by_api_token(&state.db, token)
        .await?
        .map(|caller| Ctx {
            caller,
            via: AuthVia::Token,
            unread_notifications: None,
        }))
}

/// Refusal when a handler needs a signed-in user and there is none.
pub struct NeedLogin {
    api: bool,
    next: String,
}

impl axum::response::IntoResponse for NeedLogin {
    fn into_response(self) -> axum::response::Response {
        if self.api {
            crate::error::ApiError(AppError::Unauthorized).into_response()
        } else {
            let next: String = form_urlencoded::byte_serialize(self.next.as_bytes()).collect();
            axum::response::Redirect::to(&format!("/login?next={next}")).into_response()
        }
    }
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = NeedLogin;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<Identity>() {
            Some(Identity(Some(ctx))) => Ok(ctx.clone()),
            _ => Err(NeedLogin {
                api: parts.uri.path().starts_with("/api/"),
                next: parts.uri.path().to_string(),
            }),
        }
    }
}

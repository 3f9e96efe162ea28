//! Who is asking: the identity loaded once per request (session cookie or API token) and handed to
//! handlers as [`Ctx`], with the one doorway to the policy.

use crate::AppState;
use crate::error::AppError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use thidua_domain::policy::{self, Action, Actor, Role};
use thidua_store::users::UserRow;
use thidua_store::{Tx, ids, sessions, units, users};

/// How the request proved who it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthVia {
    /// A browser session; `csrf` must accompany every state change.
    Session { id_hash: String, csrf: String },
    /// An API token (`Authorization: Bearer …`): no cookie, so no CSRF.
    Token,
}

/// The signed-in user of a request.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub user: UserRow,
    pub actor: Actor,
    pub via: AuthVia,
    /// Notifications the user has not read (capped), counted for the pages' menu; `None` when not
    /// counted (API requests).
    pub unread_notifications: Option<i64>,
}

/// The identity found by the middleware, stored in request extensions.
#[derive(Debug, Clone)]
pub struct Identity(pub Option<Ctx>);

impl Ctx {
    pub fn org_id(&self) -> &str {
        &self.user.org_id
    }

    pub fn role(&self) -> Role {
        self.actor.role
    }

    /// Asks the policy; out-of-scope becomes 404 and not-allowed 403.
    pub fn authorize(&self, action: Action<'_>) -> Result<(), AppError> {
        policy::authorize(&self.actor, action).map_err(AppError::from)
    }

    /// True when the policy allows the action (for showing or hiding buttons; never a substitute for authorize).
    pub fn can(&self, action: Action<'_>) -> bool {
        policy::authorize(&self.actor, action).is_ok()
    }

    /// The CSRF token to put in forms.
    pub fn csrf(&self) -> &str {
        match &self.via {
            AuthVia::Session { csrf, .. } => csrf,
            AuthVia::Token => "",
        }
    }

    /// The audit author name.
    pub fn author(&self) -> String {
        format!("{} ({})", self.user.full_name, self.user.username)
    }
}

/// Builds the context of an active user.
pub async fn ctx_for(tx: &mut Tx, user: UserRow, via: AuthVia) -> Result<Option<Ctx>, AppError> {
    if !user.active {
        return Ok(None);
    }
    let Some(role) = Role::parse(&user.role) else {
        return Ok(None);
    };
    let scope_path = match &user.scope_unit_id {
        Some(id) => units::get(tx, &user.org_id, id).await.ok().map(|u| u.path),
        None => None,
    };
    let actor = Actor {
        user_id: user.id.clone(),
        org_id: user.org_id.clone(),
        role,
        scope_path,
    };
    Ok(Some(Ctx {
        user,
        actor,
        via,
        unread_notifications: None,
    }))
}

/// Loads the identity of a session token; `page`: a page request, whose menu shows the number of
/// unread notifications (one cheap count in the same transaction).
pub async fn from_session(
    state: &AppState,
    token: &str,
    page: bool,
) -> Result<Option<Ctx>, AppError> {
    let id_hash = crate::auth::token_hash(token);
    let mut tx = state.db.begin().await?;
    let Some(session) = sessions::get(&mut tx, &id_hash, &ids::now()).await? else {
        return Ok(None);
    };
    let user = users::get(&mut tx, &session.user_id).await?;
    let mut ctx = ctx_for(
        &mut tx,
        user,
        AuthVia::Session {
            id_hash,
            csrf: session.csrf_token,
        },
    )
    .await?;
    if page && let Some(c) = ctx.as_mut() {
        c.unread_notifications = Some(crate::ops::notifications::unread_in(&mut tx, c).await?);
    }
    tx.commit().await?;
    Ok(ctx)
}

/// Loads the identity of an API token.
pub async fn from_api_token(state: &AppState, token: &str) -> Result<Option<Ctx>, AppError> {
    let mut tx = state.db.begin().await?;
    let Some(user) = users::user_by_token(&mut tx, &crate::auth::token_hash(token)).await? else {
        return Ok(None);
    };
    let ctx = ctx_for(&mut tx, user, AuthVia::Token).await?;
    tx.commit().await?;
    Ok(ctx)
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

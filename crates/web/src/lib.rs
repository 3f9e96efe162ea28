//! The thidua web app: server-rendered Vietnamese pages and a JSON API over the same use cases.
//!
//! Requests pass through: security headers → identity (session cookie or API token) → CSRF and origin
//! checks for state changes → a handler that parses input into domain types, asks the policy, and runs a
//! use case from [`ops`] inside one transaction with its audit row.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod api;
mod assets;
pub mod auth;
pub mod ctx;
mod documents;
pub mod error;
pub mod pages;
/// The use cases, as the pages and the API call them.
pub use thidua_app as ops;
mod security;

use axum::Router;
use std::sync::Arc;
use thidua_app::model::{BlobStore, Db, LocalDisk};

/// Settings the app needs at run time.
#[derive(Debug, Clone)]
pub struct Config {
    /// Mark cookies `Secure` (behind TLS).
    pub secure_cookies: bool,
    /// Largest accepted request body (uploads), in bytes.
    pub max_upload_bytes: usize,
    /// Where uploaded files are kept (evidence, dossier documents, forwarded packages): a local
    /// folder, or an S3-compatible store that several app nodes share.
    pub blobs: Arc<dyn BlobStore>,
    /// Recent copies of the home pages' costly counts (this node's; see `thidua_app::recent`).
    pub home: Arc<pages::home::HomeCaches>,
    /// Copies of the public site's busiest pages (this node's; see `pages::public_cache`).
    pub public: Arc<pages::public_cache::PublicPages>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            secure_cookies: false,
            max_upload_bytes: 20 * 1024 * 1024,
            blobs: Arc::new(LocalDisk::new("data/blobs")),
            home: Arc::default(),
            public: Arc::default(),
        }
    }
}

/// Shared state of every request.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
}

impl AppState {
    /// The store of uploaded files.
    pub fn blobs(&self) -> &dyn BlobStore {
        self.config.blobs.as_ref()
    }
}

/// The whole application as one router.
pub fn router(state: AppState) -> Router {
    let app = Router::new()
        .merge(pages::routes())
        .merge(api::routes())
        .merge(assets::routes())
        .fallback(not_found);
    security::wrap(app, state.clone()).with_state(state)
}

/// Unknown addresses: a Vietnamese 404 page, or JSON under `/api/`.
async fn not_found(uri: axum::http::Uri) -> axum::response::Response {
    use axum::response::IntoResponse;
    let e = error::AppError::NotFound;
    if uri.path().starts_with("/api/") {
        error::ApiError(e).into_response()
    } else {
        e.into_response()
    }
}

/// Serves the app on a bound listener until the process is stopped.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .await
}

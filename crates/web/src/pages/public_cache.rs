//! Copies of the public site's busiest pages (the home page, the gallery's and the honour roll's pages
//! without a search), the same for every visitor. A copy is served while the database's public stamp
//! (the latest change of an exemplar, a campaign, a decision or a revocation) is the one it was made
//! under, and for a minute at most — so a withdrawn consent or a revoked award leaves every node's
//! copies at once, while a crowd reading an unchanged page costs one small indexed query each.

use crate::AppState;
use crate::error::{AppError, AppResult};
use axum::body::Bytes;
use axum::response::{Html, IntoResponse, Response};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a copy may be used, whatever the stamp (photos and adoptions do not move it).
const TTL: Duration = Duration::from_secs(60);
/// Copies kept at most (pages of the gallery and the roll); beyond, the oldest stamp's go first.
const MAX_COPIES: usize = 512;

struct Copy {
    stamp: String,
    at: Instant,
    html: Bytes,
}

/// This node's copies, by path and query.
#[derive(Default)]
pub struct PublicPages {
    copies: Mutex<HashMap<String, Copy>>,
    /// Held while a missing copy is made, so a crowd arriving at once makes it once, not two hundred
    /// times side by side.
    making: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for PublicPages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PublicPages")
    }
}

impl PublicPages {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Copy>> {
        self.copies.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn find(&self, key: &str, stamp: &str) -> Option<Bytes> {
        let copies = self.lock();
        let c = copies.get(key)?;
        (c.stamp == stamp && c.at.elapsed() < TTL).then(|| c.html.clone())
    }

    fn keep(&self, key: &str, stamp: String, html: Bytes) {
        let mut copies = self.lock();
        if copies.len() >= MAX_COPIES {
            copies.retain(|_, c| c.stamp == stamp && c.at.elapsed() < TTL);
            if copies.len() >= MAX_COPIES {
                copies.clear();
            }
        }
        let at = Instant::now();
        copies.insert(key.to_string(), Copy { stamp, at, html });
    }
}

/// The page under `key`: this node's copy while the public stamp has not moved, else `render`'s.
pub async fn page<F>(state: &AppState, key: &str, render: F) -> AppResult<Response>
where
    F: Future<Output = AppResult<String>>,
{
    let stamp = crate::ops::exemplars::public::stamp(&state.db).await?;
    let pages = &state.config.public;
    if let Some(html) = pages.find(key, &stamp) {
        return Ok(Html(html).into_response());
    }
    let _making = pages.making.lock().await;
    let html = match pages.find(key, &stamp) {
        Some(html) => html,
        None => {
            let html = Bytes::from(render.await?);
            pages.keep(key, stamp, html.clone());
            html
        }
    };
    Ok(Html(html).into_response())
}

/// A template's HTML, or the error that ends the request.
pub fn html<T: askama::Template>(t: &T) -> AppResult<String> {
    t.render()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("template: {e}")))
}

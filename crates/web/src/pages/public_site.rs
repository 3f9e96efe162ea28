//! The public site's own pages, without login (beside the honour roll and the verification in
//! [`super::public`]): the home page (`/cong-khai`) with each organisation's movements under way and its
//! latest exemplars, the exemplar gallery (`/guong-dien-hinh`, searchable without diacritics), one page
//! per published exemplar with its social preview tags, and the photos of published exemplars.

use super::exemplars::show::jpeg;
use super::{public_cache, render};
use crate::AppState;
use crate::error::AppResult;
use crate::ops::exemplars::public::{self as ops, Gallery, PublicExemplar, PublicOrg};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cong-khai", get(home))
        .route("/guong-dien-hinh", get(gallery))
        .route("/guong-dien-hinh/{id}", get(exemplar))
        .route("/guong-dien-hinh/anh/{photo}", get(photo))
        .route("/guong-dien-hinh/anh/{photo}/nho", get(thumb))
}

#[derive(Template)]
#[template(path = "public/home.html")]
struct HomePage {
    orgs: Vec<PublicOrg>,
    /// The latest lines of the honour roll.
    honours: Vec<crate::ops::decisions::public::RollEntry>,
}

async fn home(State(state): State<AppState>) -> AppResult<Response> {
    public_cache::page(&state, "/cong-khai", async {
        let orgs = ops::home(&state.db).await?;
        let roll = crate::ops::decisions::public::honour_roll(&state.db, "", 1).await?;
        let honours = roll.entries.into_iter().take(6).collect();
        public_cache::html(&HomePage { orgs, honours })
    })
    .await
}

#[derive(Deserialize, Default)]
struct GalleryQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    kind: String,
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "public/gallery.html")]
struct GalleryPage {
    q: String,
    kind: String,
    g: Gallery,
    /// The search as a query string, kept across pages.
    query: String,
}

async fn gallery(
    State(state): State<AppState>,
    Query(q): Query<GalleryQuery>,
) -> AppResult<Response> {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("q", q.q.trim())
        .append_pair("kind", q.kind.trim())
        .finish();
    let page = q.page.unwrap_or(1);
    let make = async {
        let g = ops::gallery(&state.db, &q.q, &q.kind, page).await?;
        public_cache::html(&GalleryPage {
            q: q.q.trim().to_string(),
            kind: q.kind.trim().to_string(),
            g,
            query: query.clone(),
        })
    };
    // Searches are not kept: their number has no bound.
    if q.q.trim().is_empty() {
        let key = format!("/guong-dien-hinh?{query}&page={page}");
        public_cache::page(&state, &key, make).await
    } else {
        Ok(axum::response::Html(make.await?).into_response())
    }
}

#[derive(Template)]
#[template(path = "public/exemplar.html")]
struct ExemplarPage {
    x: PublicExemplar,
    /// The page's own address and its first photo's, absolute, for the social preview tags.
    url: String,
    image: Option<String>,
    /// The first lines of the story, for the preview's description.
    description: String,
}

/// `https://host` as the request names it (behind a proxy, from its forwarded headers).
fn origin(headers: &HeaderMap) -> String {
    let get = |h: &str| {
        headers
            .get(h)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let host = get("x-forwarded-host")
        .or_else(|| get(header::HOST.as_str()))
        .unwrap_or_else(|| "localhost".into());
    let scheme = get("x-forwarded-proto").unwrap_or_else(|| "http".into());
    // Only a plain host name (and port) goes into the page.
    let host: String = host
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        .collect();
    let scheme = if scheme == "https" { "https" } else { "http" };
    format!("{scheme}://{host}")
}

async fn exemplar(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let x = ops::exemplar(&state.db, &id).await?;
    let base = origin(&headers);
    let url = format!("{base}/guong-dien-hinh/{}", x.card.id);
    let image = x
        .photos
        .first()
        .map(|(p, _)| format!("{base}/guong-dien-hinh/anh/{p}"));
    let description: String = std::iter::once(x.card.headline.as_str())
        .chain(x.story.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(200)
        .collect();
    Ok(render(
        StatusCode::OK,
        &ExemplarPage {
            x,
            url,
            image,
            description,
        },
    ))
}

async fn photo(State(state): State<AppState>, Path(p): Path<String>) -> AppResult<Response> {
    let bytes =
        crate::ops::exemplars::photo_bytes(&state.db, state.blobs(), None, &p, false).await?;
    Ok(jpeg(bytes, false))
}

async fn thumb(State(state): State<AppState>, Path(p): Path<String>) -> AppResult<Response> {
    let bytes =
        crate::ops::exemplars::photo_bytes(&state.db, state.blobs(), None, &p, true).await?;
    Ok(jpeg(bytes, false))
}

//! Downloading the official documents: one handler per record kind, served twice — under the pages
//! (`/decisions/{id}/documents/{file}`) and under the API (`/api/v1/decisions/{id}/documents/{file}`)
//! — so the same use case answers both. `{file}` names the document and its format, e.g.
//! `decision.pdf`, `certificates.docx`, `minutes.pdf`, `nominees.xlsx`.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::ops::documents::{self as docs, DocFile, Format, decision::Print};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use thidua_domain::campaign::report::ReportKind;

/// The document and its format from `{file}`: ("decision", Pdf) for `decision.pdf`.
fn split(file: &str) -> Option<(&str, &str)> {
    file.rsplit_once('.')
}

fn not_found() -> AppError {
    AppError::from(crate::ops::Error::NotFound)
}

fn format(ext: &str) -> Result<Format, AppError> {
    Format::parse(ext).ok_or_else(not_found)
}

/// The file as an attachment (ASCII name; the Vietnamese one is in the document itself).
pub fn respond(f: DocFile) -> Response {
    (
        [
            (header::CONTENT_TYPE, f.mime.to_string()),
            (
                header::CONTENT_DISPOSITION,
                crate::ops::nominations::attachment(&f.name),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        f.bytes,
    )
        .into_response()
}

/// The address the certificates' QR codes point to (the public verification page of this server).
pub fn origin(headers: &HeaderMap) -> String {
    let host = headers
        .get("x-forwarded-host")
        .or_else(|| headers.get("host"))
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let scheme = headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("http");
    format!("{scheme}://{host}")
}

/// `decision.{pdf,docx}`, `certificates.{pdf,docx}`, `certificates-blank.pdf`,
/// `certificate-{line}.pdf`.
pub async fn decision(
    state: &AppState,
    ctx: &Ctx,
    headers: &HeaderMap,
    id: &str,
    file: &str,
) -> Result<DocFile, AppError> {
    let (name, ext) = split(file).ok_or_else(not_found)?;
    let base = origin(headers);
    let f = match name {
        "decision" => docs::decision::document(&state.db, ctx, id, format(ext)?).await?,
        "certificates" => {
            docs::decision::certificate_file(
                &state.db,
                ctx,
                id,
                None,
                &base,
                Print::Whole(format(ext)?),
            )
            .await?
        }
        "certificates-blank" if ext == "pdf" => {
            docs::decision::certificate_file(&state.db, ctx, id, None, &base, Print::Blank).await?
        }
        _ => match name.strip_prefix("certificate-") {
            Some(line) => {
                docs::decision::certificate_file(
                    &state.db,
                    ctx,
                    id,
                    Some(line),
                    &base,
                    Print::Whole(format(ext)?),
                )
                .await?
            }
            None => return Err(not_found()),
        },
    };
    Ok(f)
}

/// `minutes.{pdf,docx}`, `submission.{pdf,docx}`.
pub async fn meeting(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    file: &str,
) -> Result<DocFile, AppError> {
    let (name, ext) = split(file).ok_or_else(not_found)?;
    Ok(match name {
        "minutes" => docs::meeting::minutes(&state.db, ctx, id, format(ext)?).await?,
        "submission" => docs::meeting::submission(&state.db, ctx, id, format(ext)?).await?,
        _ => return Err(not_found()),
    })
}

/// `ranking.{pdf,docx}`: the ranking of a scale.
pub async fn scoring(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    file: &str,
) -> Result<DocFile, AppError> {
    let (name, ext) = split(file).ok_or_else(not_found)?;
    Ok(match name {
        "ranking" => docs::scoring::ranking(&state.db, ctx, id, format(ext)?).await?,
        _ => return Err(not_found()),
    })
}

/// `year-end.{pdf,docx}`: the minutes of a cluster's year-end meeting.
pub async fn cluster(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    file: &str,
) -> Result<DocFile, AppError> {
    let (name, ext) = split(file).ok_or_else(not_found)?;
    Ok(match name {
        "year-end" => docs::cluster::year_end_minutes(&state.db, ctx, id, format(ext)?).await?,
        _ => return Err(not_found()),
    })
}

/// `report.{pdf,docx}`, `unit-submission.{pdf,docx}`.
pub async fn nomination(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    file: &str,
) -> Result<DocFile, AppError> {
    let (name, ext) = split(file).ok_or_else(not_found)?;
    Ok(match name {
        "report" => docs::nomination::report(&state.db, ctx, id, format(ext)?).await?,
        "unit-submission" => {
            docs::nomination::unit_submission(&state.db, ctx, id, format(ext)?).await?
        }
        _ => return Err(not_found()),
    })
}

/// `plan.{pdf,docx}`, `nominees.{pdf,docx,xlsx}`, `report-interim.{pdf,docx}` (sơ kết),
/// `report-final.{pdf,docx}` (tổng kết).
pub async fn campaign(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    file: &str,
) -> Result<DocFile, AppError> {
    let (name, ext) = split(file).ok_or_else(not_found)?;
    Ok(match (name, ext) {
        ("plan", _) => docs::campaign::plan(&state.db, ctx, id, format(ext)?).await?,
        ("nominees", "xlsx") => docs::campaign::listing(&state.db, ctx, id, None).await?,
        ("nominees", _) => docs::campaign::listing(&state.db, ctx, id, Some(format(ext)?)).await?,
        (report, _) if report.starts_with("report-") => {
            let kind = ReportKind::parse(&report["report-".len()..]).ok_or_else(not_found)?;
            docs::review::document(&state.db, ctx, id, kind, format(ext)?).await?
        }
        _ => return Err(not_found()),
    })
}

//! What the public sees without signing in: the honour roll of decided, non-confidential,
//! non-revoked awards (searchable without diacritics), and the verification of a certificate's code
//! showing only the name, the award, the decision and whether it is still valid.

use super::award_name;
use crate::error::AppResult;
use serde::Serialize;
use thidua_domain::date::iso_to_vn;
use thidua_domain::text::{fold, like_pattern};
use thidua_store::Db;
use thidua_store::decisions::{self, LineView};

/// Rows per page of the honour roll.
pub const PAGE_SIZE: i64 = 50;

/// One public line of the honour roll.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RollEntry {
    pub name: String,
    pub unit: String,
    pub award: String,
    pub decision_number: String,
    /// `dd/mm/yyyy`
    pub decision_date: String,
    pub issuer: String,
}

/// A page of the honour roll.
#[derive(Debug, Clone, Serialize)]
pub struct Roll {
    pub entries: Vec<RollEntry>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
}

fn entry(l: &LineView) -> RollEntry {
    RollEntry {
        name: l.nominee_name.clone(),
        unit: if l.nominee_type == "unit" {
            String::new()
        } else {
            l.unit_name.clone()
        },
        award: award_name(&l.code),
        decision_number: l.number.clone(),
        decision_date: iso_to_vn(&l.signed_on),
        issuer: l.issuer.clone(),
    }
}

/// Catalog codes whose folded name contains the folded query (so "bang khen" finds Bằng khen).
fn codes_named(q: &str) -> Vec<String> {
    let q = fold(q);
    let Ok(rules) = crate::ops::rules_cache::shipped() else {
        return Vec::new();
    };
    rules
        .catalog()
        .entries()
        .iter()
        .filter(|e| fold(&e.name).contains(&q))
        .map(|e| e.code.as_str().to_string())
        .collect()
}

/// One page (1-based) of the honour roll, optionally searched.
pub async fn honour_roll(db: &Db, q: &str, page: i64) -> AppResult<Roll> {
    let q = q.trim();
    let (pattern, codes) = if q.is_empty() {
        (None, Vec::new())
    } else {
        (Some(like_pattern(q)), codes_named(q))
    };
    let page = page.max(1);
    let mut tx = db.begin().await?;
    let (rows, total) = decisions::honour_roll(
        &mut tx,
        pattern.as_deref(),
        &codes,
        PAGE_SIZE,
        (page - 1) * PAGE_SIZE,
    )
    .await?;
    tx.commit().await?;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    Ok(Roll {
        entries: rows.iter().map(entry).collect(),
        total,
        page,
        pages,
    })
}

/// What the verification of a code shows.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Verification {
    pub code: String,
    pub name: String,
    pub award: String,
    pub decision_number: String,
    /// `dd/mm/yyyy`
    pub decision_date: String,
    pub issuer: String,
    pub valid: bool,
    /// "Còn hiệu lực" or "Đã bị hủy theo quyết định …".
    pub validity: String,
}

/// Looks up a certificate code (case-insensitive); `None` when no line has it, or when the award is
/// confidential (public pages never show confidential awards).
pub async fn verify(db: &Db, code: &str) -> AppResult<Option<Verification>> {
    let code = code.trim().to_uppercase();
    if code.len() != 8 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Ok(None);
    }
    let mut tx = db.begin().await?;
    let line = decisions::by_code(&mut tx, &code).await?;
    tx.commit().await?;
    Ok(line.filter(|l| !l.confidential).map(|l| {
        let validity = match (&l.revoked_at, &l.revoked_by) {
            (None, _) => "Còn hiệu lực".to_string(),
            (Some(at), Some(by)) => format!(
                "Đã bị hủy theo quyết định số {by} (ghi nhận ngày {})",
                iso_to_vn(at.get(0..10).unwrap_or(at))
            ),
            (Some(_), None) => "Đã bị hủy".to_string(),
        };
        Verification {
            code: l.verify_code,
            name: l.nominee_name,
            award: award_name(&l.code),
            decision_number: l.number,
            decision_date: iso_to_vn(&l.signed_on),
            issuer: l.issuer,
            valid: l.revoked_at.is_none(),
            validity,
        }
    }))
}

/// A QR code of `url` as a `data:` URI of an SVG image (the CSP forbids inline styles, and an image
/// cannot carry any).
pub fn qr_data_uri(url: &str) -> Option<String> {
    use base64::Engine;
    let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(180, 180)
        .quiet_zone(true)
        .build();
    Some(format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    ))
}

//! What the public sees without signing in: the honour roll of decided, non-confidential,
//! non-revoked awards (searchable without diacritics), and the verification of a certificate's code
//! showing only the name, the award, the decision and whether it is still valid. Each line's award is
//! named under the rules of the organisation that decided it.

use super::award_name;
use crate::error::Result;
use crate::rules_cache::rules_in;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;
use thidua_domain::date::iso_to_vn;
use thidua_domain::text::{fold, like_pattern};
use thidua_rules::Rules;
use thidua_store::decisions::{self, LineView};
use thidua_store::{Db, Tx};

/// Rows per page of the honour roll.
pub const PAGE_SIZE: i64 = 50;

/// One public line of the honour roll.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

fn entry(l: &LineView, award: String) -> RollEntry {
    RollEntry {
        name: l.nominee_name.clone(),
        unit: if l.nominee_type == "unit" {
            String::new()
        } else {
            l.unit_name.clone()
        },
        award,
        decision_number: l.number.clone(),
        decision_date: iso_to_vn(&l.signed_on),
        issuer: l.issuer.clone(),
    }
}

/// The rules of every organisation deciding one of `lines` (a page of the roll spans organisations):
/// one cheap stamp read per organisation, the rules themselves come from the cache.
async fn rules_of(tx: &mut Tx, lines: &[LineView]) -> Result<HashMap<String, Arc<Rules>>> {
    let mut out = HashMap::new();
    for l in lines {
        if !out.contains_key(&l.org_id) {
            out.insert(l.org_id.clone(), rules_in(tx, &l.org_id).await?);
        }
    }
    Ok(out)
}

/// A line's award named under its own organisation's rules.
fn named(rules: &HashMap<String, Arc<Rules>>, l: &LineView) -> String {
    rules
        .get(&l.org_id)
        .map_or_else(|| l.code.clone(), |r| award_name(r, &l.code))
}

/// Catalog codes whose folded name contains the folded query (so "bang khen" finds Bằng khen). The
/// roll spans organisations, so this matches the shipped names; a name an organisation gave in its
/// edited catalog is still found through each line's `search_text`, written at decision time with
/// the deciding organisation's award name.
fn codes_named(q: &str) -> Vec<String> {
    let q = fold(q);
    let Ok(rules) = crate::rules_cache::shipped() else {
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
pub async fn honour_roll(db: &Db, q: &str, page: i64) -> Result<Roll> {
    let q = q.trim();
    let (pattern, codes) = if q.is_empty() {
        (None, Vec::new())
    } else {
        (Some(like_pattern(q)), codes_named(q))
    };
    let page = page.max(1);
    let mut tx = db.begin_read().await?;
    let (rows, total) = decisions::honour_roll(
        &mut tx,
        pattern.as_deref(),
        &codes,
        PAGE_SIZE,
        (page - 1) * PAGE_SIZE,
    )
    .await?;
    let rules = rules_of(&mut tx, &rows).await?;
    tx.commit().await?;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    Ok(Roll {
        entries: rows.iter().map(|l| entry(l, named(&rules, l))).collect(),
        total,
        page,
        pages,
    })
}

/// What the verification of a code shows.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
pub async fn verify(db: &Db, code: &str) -> Result<Option<Verification>> {
    let code = code.trim().to_uppercase();
    if code.len() != 8 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Ok(None);
    }
    let mut tx = db.begin_read().await?;
    let line = decisions::by_code(&mut tx, &code).await?;
    let rules = rules_of(&mut tx, line.as_slice()).await?;
    tx.commit().await?;
    Ok(line.filter(|l| !l.confidential).map(|l| {
        let award = named(&rules, &l);
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
            award,
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

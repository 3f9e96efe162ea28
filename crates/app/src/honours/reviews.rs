//! Reviews open about a person or unit — discipline being considered, investigation, inspection,
//! complaint, press allegation. While one is open on the decision date the rules engine blocks the
//! award (ND 152/2025 Điều 4(4), LAW.md §9.3 rule 17); closing it lifts the block.

use super::{SubjectKind, editable_subject, parse_code};
use crate::error::{Error, Result};
use crate::{Audit, Caller, today};
use serde::{Deserialize, Serialize};
use thidua_domain::Validation;
use thidua_domain::date::{iso, parse as parse_date};
use thidua_rules::{Review, ReviewKind};
use thidua_store::ledger_reviews as store;
pub use thidua_store::ledger_reviews::ReviewRow;
use thidua_store::{Db, StoreError, ids};

/// A review as typed; dates `dd/mm/yyyy`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ReviewInput {
    /// `discipline`, `investigation`, `inspection`, `complaint` or `press`.
    pub kind: String,
    /// Day it opened.
    pub since: String,
    pub note: String,
}

/// Closing a review: the day it ended (default today).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ResolveInput {
    pub resolved_on: String,
}

/// The kinds offered, (code, label).
pub fn kind_options() -> Vec<(&'static str, &'static str)> {
    [
        ("discipline", ReviewKind::Discipline),
        ("investigation", ReviewKind::Investigation),
        ("inspection", ReviewKind::Inspection),
        ("complaint", ReviewKind::Complaint),
        ("press", ReviewKind::Press),
    ]
    .into_iter()
    .map(|(c, k)| (c, k.label()))
    .collect()
}

/// The label of a stored kind.
pub fn kind_label(code: &str) -> &'static str {
    parse_code::<ReviewKind>(code).map_or("", ReviewKind::label)
}

/// The engine's view of the stored rows (rows it cannot read are left out).
pub fn to_rules(rows: &[ReviewRow]) -> Vec<Review> {
    rows.iter()
        .filter_map(|r| {
            Some(Review {
                kind: parse_code::<ReviewKind>(&r.kind)?,
                since: parse_date(&r.since)?,
                resolved_on: r.resolved_on.as_deref().and_then(parse_date),
            })
        })
        .collect()
}

fn day(v: &mut Validation, field: &str, label: &str, raw: &str) -> Option<time::Date> {
    if raw.trim().is_empty() {
        return Some(today());
    }
    let d = parse_date(raw);
    match d {
        None => v.add(
            field,
            label,
            format!("{label} phải có dạng ngày/tháng/năm, ví dụ 15/01/2026."),
        ),
        Some(d) if d > today() => v.add(field, label, format!("{label} ở sau ngày hôm nay.")),
        _ => {}
    }
    d
}

/// Records an open review about the subject.
pub async fn add_review(
    db: &Db,
    caller: &Caller,
    kind: SubjectKind,
    id: &str,
    input: &ReviewInput,
) -> Result<ReviewRow> {
    let mut v = Validation::new();
    if parse_code::<ReviewKind>(input.kind.trim()).is_none() {
        v.add("kind", "Nội dung đang xem xét", "Hãy chọn nội dung đang xem xét (kỷ luật, điều tra, thanh tra, khiếu nại tố cáo, phản ánh của báo chí).");
    }
    let since = day(&mut v, "since", "Từ ngày", &input.since);
    let note = v.optional_text("note", "Ghi chú", &input.note, 1000);
    let Some(since) = since.filter(|_| v.is_ok()) else {
        return Err(Error::Invalid(v));
    };
    let mut tx = db.begin().await?;
    let s = editable_subject(&mut tx, caller, kind, id).await?;
    let row = ReviewRow {
        id: ids::new_id(),
        org_id: caller.org_id().into(),
        subject_type: kind.code().into(),
        subject_id: s.id.clone(),
        kind: input.kind.trim().into(),
        since: iso(since),
        resolved_on: None,
        note,
        created_by: caller.user_ref(),
        created_at: ids::now(),
    };
    store::insert(&mut tx, &row).await?;
    Audit::new("ledger.review.create", kind.code(), &s.id, &s.name)
        .after(&row)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}

/// Closes an open review of the subject.
pub async fn resolve_review(
    db: &Db,
    caller: &Caller,
    kind: SubjectKind,
    id: &str,
    review_id: &str,
    input: &ResolveInput,
) -> Result<ReviewRow> {
    let mut v = Validation::new();
    let on = day(&mut v, "resolved_on", "Ngày kết thúc", &input.resolved_on);
    let Some(on) = on.filter(|_| v.is_ok()) else {
        return Err(Error::Invalid(v));
    };
    let mut tx = db.begin().await?;
    let s = editable_subject(&mut tx, caller, kind, id).await?;
    let row = match store::resolve(&mut tx, caller.org_id(), &s.id, review_id, &iso(on)).await {
        Err(StoreError::NotFound) => {
            v.add(
                "resolved_on",
                "Ngày kết thúc",
                "Không có nội dung đang xem xét này, hoặc đã kết thúc.",
            );
            return Err(Error::Invalid(v));
        }
        r => r?,
    };
    if row.since > row.resolved_on.clone().unwrap_or_default() {
        v.add(
            "resolved_on",
            "Ngày kết thúc",
            "Ngày kết thúc ở trước ngày bắt đầu.",
        );
        return Err(Error::Invalid(v));
    }
    Audit::new("ledger.review.resolve", kind.code(), &s.id, &s.name)
        .after(&row)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}

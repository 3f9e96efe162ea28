//! The dossier: documents uploaded by catalog document code (the minutes with their vote counts), the
//! list of documents the organisation's catalog requires for the form and procedure, and which are
//! present.

use super::{label, status_of_row, visible, visible_with};
use crate::Audit;
use crate::Caller;
use crate::campaign_work::{Upload, check_files};
use crate::campaigns::invalid;
use crate::error::{Error, Result};
use crate::rules_cache::rules_in;
use serde::Serialize;
use thidua_domain::Validation;
use thidua_domain::nomination::Part;
use thidua_rules::{Procedure, Rules};
use thidua_store::blobs::BlobStore;
use thidua_store::nominations::{self as store, DocumentRow, NominationRow};
use thidua_store::{Db, Tx, ids};

/// The vote result is written in the minutes, not a file of its own.
const IN_MINUTES: &str = "ket_qua_bo_phieu";
const MINUTES: &str = "bien_ban";
/// The electronic copy of the dossier, in Word and PDF (QĐ 311/QĐ-BNV 2025, for central forms).
const ELECTRONIC: &str = "tep_dien_tu";

/// One required document and whether the dossier has it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocStatus {
    pub doc_code: String,
    pub name: String,
    pub present: bool,
}

/// The documents the organisation's catalog requires for the form and procedure.
fn required(rules: &Rules, row: &NominationRow) -> Vec<String> {
    let procedure = if row.procedure == "simplified" {
        Procedure::Simplified
    } else {
        Procedure::Standard
    };
    rules
        .catalog()
        .find(&row.code)
        .and_then(|e| e.documents(procedure))
        .map(<[String]>::to_vec)
        .unwrap_or_default()
}

/// What the electronic copy of the dossier lacks: the decree asks for it in Word *and* PDF.
fn electronic_gap(docs: &[DocumentRow]) -> Option<&'static str> {
    let ext = |d: &&DocumentRow| {
        d.file_name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default()
    };
    let files: Vec<String> = docs
        .iter()
        .filter(|d| d.doc_code == ELECTRONIC)
        .map(|d| ext(&d))
        .collect();
    let word = files.iter().any(|e| e == "doc" || e == "docx");
    let pdf = files.iter().any(|e| e == "pdf");
    match (word, pdf) {
        (true, true) => None,
        (false, true) => Some("còn thiếu bản Word (.doc, .docx)"),
        (true, false) => Some("còn thiếu bản PDF"),
        (false, false) => Some("chưa có tệp Word và PDF"),
    }
}

/// The document codes the dossier has, as the rules engine checks them (the vote counts in the
/// minutes; the electronic copy only when both Word and PDF are there).
pub(super) fn present_codes(
    rules: &Rules,
    row: &NominationRow,
    docs: &[DocumentRow],
) -> Vec<String> {
    statuses(rules, row, docs)
        .into_iter()
        .filter(|d| d.present)
        .map(|d| d.doc_code)
        .collect()
}

fn statuses(rules: &Rules, row: &NominationRow, docs: &[DocumentRow]) -> Vec<DocStatus> {
    let catalog = rules.catalog();
    let voted = docs
        .iter()
        .any(|d| d.doc_code == MINUTES && d.vote_total.is_some());
    required(rules, row)
        .into_iter()
        .map(|code| {
            let present = if code == IN_MINUTES {
                voted
            } else if code == ELECTRONIC {
                electronic_gap(docs).is_none()
            } else {
                docs.iter().any(|d| d.doc_code == code)
            };
            DocStatus {
                name: catalog.document_name(&code).to_string(),
                doc_code: code,
                present,
            }
        })
        .collect()
}

/// Required documents with presence, and the documents uploaded.
pub async fn document_status(
    db: &Db,
    caller: &Caller,
    id: &str,
) -> Result<(Vec<DocStatus>, Vec<DocumentRow>)> {
    let mut tx = db.begin().await?;
    let rules = rules_in(&mut tx, caller.org_id()).await?;
    let (v, _) = visible_with(&mut tx, caller, &rules, id).await?;
    let docs = store::documents(&mut tx, id).await?;
    tx.commit().await?;
    Ok((statuses(&rules, &v.row, &docs), docs))
}

/// Adds the names of missing documents to `v`.
pub(super) async fn missing_check(
    tx: &mut Tx,
    row: &NominationRow,
    v: &mut Validation,
) -> Result<()> {
    let rules = rules_in(tx, &row.org_id).await?;
    let docs = store::documents(tx, &row.id).await?;
    let missing: Vec<String> = statuses(&rules, row, &docs)
        .into_iter()
        .filter(|d| !d.present)
        .map(
            |d| match electronic_gap(&docs).filter(|_| d.doc_code == ELECTRONIC) {
                Some(gap) => format!("{} ({gap})", d.name),
                None => d.name,
            },
        )
        .collect();
    if !missing.is_empty() {
        v.add(
            "documents",
            "Hồ sơ kèm theo",
            format!("Hồ sơ còn thiếu: {}.", missing.join("; ")),
        );
    }
    Ok(())
}

/// Vote counts of minutes: yes ≤ total, both given together.
fn votes(
    doc_code: &str,
    yes: Option<i64>,
    total: Option<i64>,
    v: &mut Validation,
) -> (Option<i64>, Option<i64>) {
    match (yes, total) {
        (None, None) => (None, None),
        (Some(y), Some(t)) if doc_code == MINUTES && y >= 0 && t > 0 && y <= t => {
            (Some(y), Some(t))
        }
        (_, _) if doc_code != MINUTES => {
            v.add(
                "vote_total",
                "Kết quả bỏ phiếu",
                "Chỉ biên bản họp xét mới ghi kết quả bỏ phiếu.",
            );
            (None, None)
        }
        _ => {
            v.add("vote_total", "Kết quả bỏ phiếu", "Hãy ghi số phiếu đồng ý và tổng số thành viên; số phiếu đồng ý không vượt quá tổng số.");
            (None, None)
        }
    }
}

/// Uploads documents of one kind to a dossier the unit may still edit.
#[allow(clippy::too_many_arguments)] // the form's fields, flat
pub async fn add_documents(
    db: &Db,
    blobs: &dyn BlobStore,
    caller: &Caller,
    id: &str,
    doc_code: &str,
    vote_yes: Option<i64>,
    vote_total: Option<i64>,
    files: &[Upload],
) -> Result<Vec<DocumentRow>> {
    let mut tx = db.begin().await?;
    let rules = rules_in(&mut tx, caller.org_id()).await?;
    let (n, parts) = visible_with(&mut tx, caller, &rules, id).await?;
    if !parts.contains(&Part::Nominator) {
        return Err(Error::Forbidden);
    }
    if !status_of_row(&n.row).editable_by_unit() {
        return Err(invalid(
            "status",
            "Trạng thái",
            format!(
                "Chỉ bổ sung hồ sơ khi đang soạn hoặc bị trả lại; hồ sơ đang ở trạng thái «{}».",
                super::status_label(&n.row.status)
            ),
        ));
    }
    let mut v = Validation::new();
    let code = doc_code.trim().to_string();
    let known = rules.catalog().document_name(&code) != code;
    if !known || code == IN_MINUTES {
        v.add("doc_code", "Loại tài liệu", "Hãy chọn loại tài liệu trong danh mục hồ sơ (tờ trình, biên bản, báo cáo thành tích…).");
    }
    if files.is_empty() {
        v.add("files", "Tệp tài liệu", "Hãy chọn tệp tài liệu.");
    }
    let checked = check_files(&mut v, files);
    let (yes, total) = votes(&code, vote_yes, vote_total, &mut v);
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    let mut out = Vec::new();
    for (f, (content_type, name)) in files.iter().zip(&checked) {
        let sha256 = blobs
            .put(&f.bytes)
            .await
            .map_err(|e| Error::Internal(anyhow::anyhow!("blob store: {e}")))?;
        let row = DocumentRow {
            id: ids::new_id(),
            org_id: caller.org_id().into(),
            nomination_id: id.into(),
            doc_code: code.clone(),
            file_name: name.chars().take(255).collect(),
            content_type: (*content_type).into(),
            size_bytes: f.bytes.len() as i64,
            sha256,
            vote_yes: yes,
            vote_total: total,
            round: n.row.round,
            created_by: caller.user_ref(),
            created_at: ids::now(),
        };
        store::add_document(&mut tx, &row).await?;
        out.push(row);
    }
    Audit::new(
        "nomination.document",
        "nomination",
        id,
        &label(&rules, &n.nominee_name, &n.row),
    )
    .after(&out)
    .write(&mut tx, caller)
    .await?;
    tx.commit().await?;
    Ok(out)
}

/// A document and its bytes, if the user may see the nomination.
pub async fn download(
    db: &Db,
    blobs: &dyn BlobStore,
    caller: &Caller,
    doc_id: &str,
) -> Result<(DocumentRow, Vec<u8>)> {
    let mut tx = db.begin().await?;
    let d = store::document(&mut tx, caller.org_id(), doc_id).await?;
    visible(&mut tx, caller, &d.nomination_id).await?;
    tx.commit().await?;
    let bytes = blobs
        .get(&d.sha256)
        .await
        .map_err(|e| Error::Internal(anyhow::anyhow!("blob {}: {e}", d.sha256)))?;
    Ok((d, bytes))
}

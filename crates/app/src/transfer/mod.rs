//! Moving an organisation's data to the organisation that succeeds it (the 2025 reorganisation: a
//! district's units, people, award history, campaigns, dossiers with their files, meetings and
//! decisions carried to the province or city whose wards took over).
//!
//! The old organisation exports one archive ([`export::export`]); the receiving one uploads it, is shown
//! which of its units should carry on each former unit, proposed by name ([`propose`]), confirms or
//! corrects that, and imports ([`import`]) in one transaction: nothing is half-imported. The former
//! units arrive closed the day before the effective date, their successors carry their history as a
//! merge does, and the people follow to the successors.

pub mod archive;
pub mod export;
mod plan;
pub mod tables;
mod writer;

use crate::audit_entry::Audit;
use crate::{Caller, Error, Result};
use archive::{Archive, refuse};
use serde::Serialize;
use std::collections::BTreeMap;
use thidua_domain::Validation;
use thidua_domain::date::iso;
use thidua_domain::policy::Action;
use thidua_store::blobs::{BlobStore, checked_key};
use thidua_store::transfer::{self, target};
use thidua_store::units::{self, UnitFilter, UnitRow};
use thidua_store::{Db, Tx};

pub use export::{Exported, export};

/// The reorganisation's day when none is typed: districts ended on 30/06/2025.
pub const DEFAULT_EFFECTIVE: &str = "01/07/2025";

/// What the receiving organisation is shown before it imports.
#[derive(Debug, Clone, Serialize)]
pub struct Proposal {
    /// Where the uploaded archive is kept until the import is confirmed (its SHA-256).
    pub archive_key: String,
    pub source_org_name: String,
    pub exported_at: String,
    pub tables: BTreeMap<String, usize>,
    pub files: usize,
    /// The former units a person should map (the body and the units right under it, and any deeper
    /// unit whose name matches one of ours); deeper units follow their parent.
    pub units: Vec<ProposedUnit>,
    /// Former unit codes already used here; a prefix is needed when not empty.
    pub clashing_codes: Vec<String>,
    pub suggested_prefix: String,
    /// This organisation's active units, to choose successors from.
    pub targets: Vec<(String, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProposedUnit {
    pub id: String,
    pub code: String,
    pub name: String,
    pub depth: usize,
    /// People of the unit and of its sub-units.
    pub people: usize,
    /// The unit of this organisation proposed to carry it on (same name), if any.
    pub successor_id: Option<String>,
}

/// The confirmed import.
#[derive(Debug, Clone, Default)]
pub struct ImportInput {
    pub archive_key: String,
    pub effective_on: String,
    pub code_prefix: String,
    /// Former unit id → successor unit id here (empty: none; the unit stays as closed history).
    pub successors: Vec<(String, String)>,
}

/// What an import wrote.
#[derive(Debug, Clone, Serialize)]
pub struct ImportSummary {
    pub source_org_name: String,
    pub effective_on: String,
    /// Rows written per table.
    pub rows: BTreeMap<String, usize>,
    /// People recognised as someone already here (same name and birth date): their history joined.
    pub people_recognised: usize,
    pub files: usize,
    /// Former units given a successor.
    pub successors: usize,
}

/// Reads an uploaded archive, keeps it, and proposes a successor for each former unit by name.
pub async fn propose(
    db: &Db,
    blobs: &dyn BlobStore,
    caller: &Caller,
    bytes: &[u8],
) -> Result<Proposal> {
    caller.authorize(Action::TransferData {
        org_id: caller.org_id(),
    })?;
    let archive = Archive::from_bytes(bytes, transfer::schema_version())?;
    let mut tx = db.begin_read().await?;
    not_imported_yet(&mut tx, caller, &archive).await?;
    let targets = active_units(&mut tx, caller.org_id()).await?;
    let codes = target::unit_codes(&mut tx, caller.org_id()).await?;
    tx.commit().await?;
    let source = plan::source_units(&archive)?;
    let proposed = plan::propose(&source, &targets);
    let people = people_per_unit(&archive, &source);
    let clashing_codes: Vec<String> = source
        .iter()
        .map(|u| u.code.clone())
        .filter(|c| codes.contains(c))
        .collect();
    let suggested_prefix = if clashing_codes.is_empty() {
        String::new()
    } else {
        source
            .first()
            .map(|u| format!("{}-", u.code))
            .unwrap_or_default()
    };
    let archive_key = blobs
        .put(bytes)
        .await
        .map_err(|e| Error::Internal(e.into()))?;
    // Only this organisation's administrators may import what they uploaded.
    let mut tx = db.begin().await?;
    target::mark_uploaded(
        &mut tx,
        caller.org_id(),
        &archive_key,
        caller.user_ref().as_deref(),
    )
    .await?;
    tx.commit().await?;
    Ok(Proposal {
        archive_key,
        source_org_name: archive.manifest.source_org_name.clone(),
        exported_at: archive.manifest.exported_at.clone(),
        tables: archive.manifest.tables.clone(),
        files: archive.manifest.blobs.len(),
        units: source
            .iter()
            .filter(|u| u.depth <= 1 || proposed.contains_key(&u.id))
            .map(|u| ProposedUnit {
                id: u.id.clone(),
                code: u.code.clone(),
                name: u.name.clone(),
                depth: u.depth,
                people: people.get(&u.id).copied().unwrap_or(0),
                successor_id: proposed.get(&u.id).cloned(),
            })
            .collect(),
        clashing_codes,
        suggested_prefix,
        targets: targets.into_iter().map(|t| (t.id, t.name)).collect(),
    })
}

/// The proposal again for an archive already uploaded (the form shown anew after a refused import).
pub async fn propose_kept(
    db: &Db,
    blobs: &dyn BlobStore,
    caller: &Caller,
    archive_key: &str,
) -> Result<Proposal> {
    let bytes = kept(blobs, archive_key).await?;
    propose(db, blobs, caller, &bytes).await
}

async fn kept(blobs: &dyn BlobStore, archive_key: &str) -> Result<Vec<u8>> {
    let gone = || refuse("Không tìm thấy tệp dữ liệu đã tải lên; hãy tải tệp lên lại.");
    let key = checked_key(archive_key.trim()).map_err(|_| gone())?;
    blobs.get(key).await.map_err(|_| gone())
}

/// What each table holds, in words, for the summary of an archive or an import.
pub const TABLE_LABELS: &[(&str, &str)] = &[
    ("units", "Đơn vị"),
    ("persons", "Cá nhân"),
    ("ledger_awards", "Danh hiệu, hình thức khen thưởng đã nhận"),
    ("ledger_ratings", "Kết quả đánh giá, xếp loại"),
    ("initiatives", "Sổ sáng kiến"),
    ("ledger_initiatives", "Sáng kiến trong lịch sử khen thưởng"),
    ("ledger_disciplines", "Kỷ luật"),
    ("campaigns", "Kế hoạch, phong trào thi đua"),
    ("nominations", "Hồ sơ đề nghị khen thưởng"),
    ("nomination_documents", "Tài liệu trong hồ sơ"),
    ("meetings", "Cuộc họp Hội đồng"),
    ("decisions", "Quyết định khen thưởng"),
    ("decision_lines", "Dòng khen thưởng trong quyết định"),
    ("scoring_scales", "Thang điểm chấm điểm thi đua"),
    ("scoring_entries", "Điểm chấm theo tiêu chí"),
    ("cluster_year_ends", "Kết quả tổng kết năm của cụm, khối"),
    ("pact_reviews", "Sơ kết giao ước thi đua"),
    ("campaign_reports", "Báo cáo sơ kết, tổng kết phong trào"),
];

/// Imports a kept archive with the successors a person confirmed, all or nothing.
pub async fn import(
    db: &Db,
    blobs: &dyn BlobStore,
    caller: &Caller,
    input: &ImportInput,
) -> Result<ImportSummary> {
    caller.authorize(Action::TransferData {
        org_id: caller.org_id(),
    })?;
    let archive = uploaded_archive(db, blobs, caller, &input.archive_key).await?;
    let effective = effective_date(&input.effective_on)?;
    for blob in archive.blobs.values() {
        blobs
            .put(blob)
            .await
            .map_err(|e| Error::Internal(e.into()))?;
    }
    let mut tx = db.begin().await?;
    not_imported_yet(&mut tx, caller, &archive).await?;
    claim_source(&mut tx, caller, &archive.manifest).await?;
    let targets = active_units(&mut tx, caller.org_id()).await?;
    let codes = target::unit_codes(&mut tx, caller.org_id()).await?;
    let source = plan::source_units(&archive)?;
    let choices = plan::check(
        &source,
        &input.successors,
        &targets,
        &codes,
        &input.code_prefix,
        effective,
    )
    .map_err(Error::Invalid)?;
    let summary = write_all(&mut tx, caller, &archive, &source, &choices).await?;
    Audit::new(
        "org.transfer_import",
        "org",
        &archive.manifest.source_org_id,
        &summary.source_org_name,
    )
    .after(&summary)
    .write(&mut tx, caller)
    .await?;
    tx.commit().await?;
    Ok(summary)
}

/// The archive this organisation uploaded under `key`, read and checked (never another's upload).
async fn uploaded_archive(
    db: &Db,
    blobs: &dyn BlobStore,
    caller: &Caller,
    key: &str,
) -> Result<Archive> {
    let mut tx = db.begin_read().await?;
    let ours = target::uploaded(&mut tx, caller.org_id(), key.trim()).await?;
    tx.commit().await?;
    if !ours {
        return Err(refuse(
            "Không tìm thấy tệp dữ liệu đã tải lên; hãy tải tệp lên lại.",
        ));
    }
    let bytes = kept(blobs, key).await?;
    Archive::from_bytes(&bytes, transfer::schema_version())
}

/// The reorganisation's day as typed (01/07/2025 when left empty).
fn effective_date(raw: &str) -> Result<time::Date> {
    let mut v = Validation::new();
    let raw = match raw.trim() {
        "" => DEFAULT_EFFECTIVE,
        raw => raw,
    };
    thidua_domain::org::check_date(&mut v, "effective_on", "Ngày hiệu lực", raw, true)
        .ok_or(Error::Invalid(v))
}

/// Records this import of the source first of all, so a second one at the same instant stops here.
async fn claim_source(tx: &mut Tx, caller: &Caller, manifest: &archive::Manifest) -> Result<()> {
    match target::mark_imported(
        tx,
        caller.org_id(),
        &manifest.source_org_id,
        &manifest.source_org_name,
    )
    .await
    {
        Err(thidua_store::StoreError::Duplicate(_)) => Err(refuse(format!(
            "Dữ liệu của \u{201c}{}\u{201d} đang được nhập hoặc đã được nhập vào tổ chức này; không nhập lần thứ hai.",
            manifest.source_org_name
        ))),
        other => Ok(other?),
    }
}

/// Writes every row under the receiving body and records the merge into the chosen successors.
async fn write_all(
    tx: &mut Tx,
    caller: &Caller,
    archive: &Archive,
    source: &[plan::SourceUnit],
    choices: &plan::Choices,
) -> Result<ImportSummary> {
    let root = units::root(tx, caller.org_id()).await?.ok_or_else(|| {
        Error::Rejected("Tổ chức này chưa có cơ quan gốc; hãy tạo cơ quan trước khi nhập.".into())
    })?;
    let source_name = archive.manifest.source_org_name.clone();
    let mut w = writer::Writer::new(
        tx,
        caller.org_id(),
        &source_name,
        archive,
        choices,
        &root,
        source,
    );
    let links = w.run(source).await?;
    let rows = std::mem::take(&mut w.counts);
    drop(w);
    let people_recognised = count(archive, "persons") - rows.get("persons").copied().unwrap_or(0);
    let effective_on = iso(choices.effective);
    if !links.is_empty() {
        let note = format!("Chuyển giao dữ liệu từ {source_name} (sắp xếp đơn vị hành chính)");
        units::record_change(
            tx,
            caller.org_id(),
            "merge",
            &effective_on,
            Some(&note),
            caller.user_ref().as_deref(),
            &links,
        )
        .await?;
    }
    Ok(ImportSummary {
        source_org_name: source_name,
        effective_on,
        rows,
        people_recognised,
        files: archive.blobs.len(),
        successors: links.len(),
    })
}

/// Refuses our own archive and one already imported (its rows would be there twice).
async fn not_imported_yet(tx: &mut Tx, caller: &Caller, archive: &Archive) -> Result<()> {
    let source = &archive.manifest.source_org_id;
    if source == caller.org_id() {
        return Err(refuse(
            "Đây là dữ liệu của chính tổ chức này; không nhập lại được.",
        ));
    }
    if let Some(at) = target::imported_at(tx, caller.org_id(), source).await? {
        return Err(refuse(format!(
            "Dữ liệu của \u{201c}{}\u{201d} đã được nhập vào tổ chức này vào ngày {}; không nhập lần thứ hai.",
            archive.manifest.source_org_name,
            thidua_domain::date::iso_to_vn(at.get(..10).unwrap_or(&at))
        )));
    }
    Ok(())
}

async fn active_units(tx: &mut Tx, org_id: &str) -> Result<Vec<UnitRow>> {
    Ok(units::list(tx, org_id, &UnitFilter::default(), 100_000).await?)
}

fn count(archive: &Archive, table: &str) -> usize {
    archive.table(table).map_or(0, |t| t.rows.len())
}

/// People per former unit, counting those of its sub-units.
fn people_per_unit(archive: &Archive, source: &[plan::SourceUnit]) -> BTreeMap<String, usize> {
    let parents: BTreeMap<&str, Option<&str>> = source
        .iter()
        .map(|u| (u.id.as_str(), u.parent_id.as_deref()))
        .collect();
    let mut counts = BTreeMap::new();
    let Some(t) = archive.table("persons") else {
        return counts;
    };
    for row in &t.rows {
        let mut at = t.text(row, "unit_id");
        while let Some(u) = at {
            *counts.entry(u.to_string()).or_insert(0) += 1;
            at = parents.get(u).copied().flatten();
        }
    }
    counts
}

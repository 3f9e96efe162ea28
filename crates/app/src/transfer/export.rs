//! Writing one organisation's data as an archive (the district's side of the 2025 reorganisation).

use super::archive::{
    ArchiveWriter, ColumnData, FORMAT, FORMAT_VERSION, Manifest, TableData, kind_name, to_json,
};
use super::tables::TABLES;
use crate::audit_entry::Audit;
use crate::{Caller, Error, Result};
use serde::Serialize;
use std::collections::BTreeMap;
use thidua_domain::policy::Action;
use thidua_store::blobs::BlobStore;
use thidua_store::bulk::Val;
use thidua_store::{Db, ids, orgs, transfer};

/// An archive ready to download.
#[derive(Debug, Clone)]
pub struct Exported {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub manifest: Manifest,
}

/// Reads every table of the caller's organisation (one consistent snapshot) and the files its rows
/// name; the export itself is recorded in the audit log (data leaving the installation).
pub async fn export(db: &Db, blobs: &dyn BlobStore, caller: &Caller) -> Result<Exported> {
    caller.authorize(Action::TransferData {
        org_id: caller.org_id(),
    })?;
    let org_id = caller.org_id();
    let mut tx = db.begin_read().await?;
    let org_name = orgs::name(&mut tx, org_id).await?;
    // One table at a time goes into the archive and leaves memory: a district's half a million rows
    // stay within a few hundred megabytes.
    let mut out = ArchiveWriter::new();
    let mut counts = BTreeMap::new();
    let mut shas = Vec::new();
    for spec in TABLES {
        let columns = transfer::columns(&mut tx, spec.name).await?;
        let rows = transfer::rows(&mut tx, spec.name, &columns, spec.filter, org_id).await?;
        if let Some(col) = spec.blob {
            let i = columns.iter().position(|c| c.name == col);
            shas.extend(rows.iter().filter_map(|r| match i.map(|i| &r[i]) {
                Some(Val::Text(s)) => Some(s.clone()),
                _ => None,
            }));
        }
        counts.insert(spec.name.to_string(), rows.len());
        out.table(&TableData {
            name: spec.name.to_string(),
            columns: columns
                .iter()
                .map(|c| ColumnData {
                    name: c.name.clone(),
                    kind: kind_name(c.kind).to_string(),
                })
                .collect(),
            rows: rows
                .into_iter()
                .map(|r| r.iter().map(to_json).collect())
                .collect(),
        })?;
    }
    tx.commit().await?;
    shas.sort();
    shas.dedup();
    for sha in &shas {
        let bytes = blobs.get(sha).await.map_err(|e| {
            Error::Rejected(format!(
                "Không đọc được tệp {sha} trong kho tệp ({e}); chưa thể xuất dữ liệu. Hãy báo quản trị viên."
            ))
        })?;
        out.blob(sha, &bytes)?;
    }
    let manifest = Manifest {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        schema_version: transfer::schema_version(),
        thidua_version: env!("CARGO_PKG_VERSION").into(),
        exported_at: ids::now(),
        source_org_id: org_id.to_string(),
        source_org_name: org_name.clone(),
        tables: counts,
        blobs: shas,
    };
    let bytes = out.finish(&manifest)?;
    record(db, caller, &org_name, &manifest).await?;
    Ok(Exported {
        file_name: file_name(&org_name, &manifest.exported_at),
        bytes,
        manifest,
    })
}

async fn record(db: &Db, caller: &Caller, org_name: &str, manifest: &Manifest) -> Result<()> {
    #[derive(Serialize)]
    struct Summary<'a> {
        tables: &'a BTreeMap<String, usize>,
        files: usize,
    }
    let mut tx = db.begin().await?;
    Audit::new("org.transfer_export", "org", caller.org_id(), org_name)
        .after(&Summary {
            tables: &manifest.tables,
            files: manifest.blobs.len(),
        })
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// `chuyen-giao-<name folded>-<yyyy-mm-dd>.tar.gz`.
fn file_name(org_name: &str, at: &str) -> String {
    let folded = thidua_domain::text::fold(org_name);
    let slug: String = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join("-");
    format!("chuyen-giao-{slug}-{}.tar.gz", at.get(..10).unwrap_or(at))
}

//! Files of an initiative's dossier (its description, the certificate of application), kept in the blob
//! store like evidence files: checked by size and type, added while the unit may still edit it.

use super::{proposable, readable};
use crate::campaign_work::{Upload, check_files};
use crate::error::{Error, Result};
use crate::{Audit, Caller};
use thidua_domain::Validation;
use thidua_domain::initiative::{Event, Status, transition};
use thidua_store::blobs::BlobStore;
use thidua_store::initiatives::{self as store, FileRow};
use thidua_store::{Db, ids};

/// Adds files to an initiative its unit still proposes.
pub async fn add_files(
    db: &Db,
    blobs: &dyn BlobStore,
    caller: &Caller,
    id: &str,
    files: &[Upload],
) -> Result<Vec<FileRow>> {
    let mut v = Validation::new();
    let checked = check_files(&mut v, files);
    if files.is_empty() {
        v.add("files", "Tệp minh chứng", "Hãy chọn ít nhất một tệp.");
    }
    // Checked for the caller before anything is stored.
    {
        let mut t = db.begin_read().await?;
        let row = proposable(&mut t, caller, id, None).await?;
        let status = Status::parse(&row.status).unwrap_or(Status::Proposed);
        transition(status, Event::Edit).map_err(Error::Rejected)?;
        t.commit().await?;
    }
    v.finish(()).map_err(Error::Invalid)?;
    let mut keys = Vec::new();
    for f in files {
        keys.push(
            blobs
                .put(&f.bytes)
                .await
                .map_err(|e| Error::Internal(anyhow::anyhow!("blob store: {e}")))?,
        );
    }
    let mut t = db.begin().await?;
    let tx = &mut t;
    let row = proposable(tx, caller, id, None).await?;
    let status = Status::parse(&row.status).unwrap_or(Status::Proposed);
    transition(status, Event::Edit).map_err(Error::Rejected)?;
    let mut out = Vec::new();
    for ((f, (content_type, name)), sha256) in files.iter().zip(&checked).zip(&keys) {
        let file = FileRow {
            id: ids::new_id(),
            org_id: caller.org_id().into(),
            initiative_id: id.into(),
            file_name: name.chars().take(255).collect(),
            content_type: (*content_type).into(),
            size_bytes: f.bytes.len() as i64,
            sha256: sha256.clone(),
            created_by_name: caller.author(),
            created_at: ids::now(),
        };
        store::insert_file(tx, &file).await?;
        out.push(file);
    }
    Audit::new("initiative.files", "initiative", id, &row.name)
        .after(&out)
        .write(tx, caller)
        .await?;
    t.commit().await?;
    Ok(out)
}

/// A file of an initiative the caller may read, with its bytes.
pub async fn file(
    db: &Db,
    blobs: &dyn BlobStore,
    caller: &Caller,
    file_id: &str,
) -> Result<(FileRow, Vec<u8>)> {
    let mut t = db.begin_read().await?;
    let row = store::file(&mut t, caller.org_id(), file_id).await?;
    readable(&mut t, caller, &row.initiative_id).await?;
    t.commit().await?;
    let bytes = blobs
        .get(&row.sha256)
        .await
        .map_err(|e| Error::Internal(anyhow::anyhow!("blob store: {e}")))?;
    Ok((row, bytes))
}

//! Forwarding upward: a passed nomination of a form this body may not decide (authority by level and
//! date, e.g. Bằng khen of the province chairman after 1/7/2025 for a district) is sent to the higher
//! authority as a package — a ZIP with `ho_so.json` (nominee, form, achievement, votes, documents)
//! and the dossier files — kept in the blob store and downloadable.

use super::{authority, award_name, body_level, body_name, nominee_name};
use crate::Caller;
use crate::error::{Error, Result};
use crate::{Audit, today};
use serde::Serialize;
use std::io::Write;
use thidua_domain::Validation;
use thidua_domain::nomination::{NominationAction, NominationStatus, Part};
use thidua_domain::policy::Action;
use thidua_rules::Rules;
use thidua_store::blobs::BlobStore;
use thidua_store::decisions::{self, ForwardRow, VoteRow};
use thidua_store::nominations::{self, DocumentRow, NominationRow};
use thidua_store::{Db, Tx, ids};

/// What the JSON of a package holds.
#[derive(Debug, Serialize)]
struct PackageJson<'a> {
    nomination_id: &'a str,
    from: &'a str,
    to: &'a str,
    nominee_type: &'a str,
    nominee: &'a str,
    code: &'a str,
    award: String,
    year: i64,
    kind: &'a str,
    procedure: &'a str,
    achievement: &'a str,
    justification: Option<&'a str>,
    votes: &'a [VoteRow],
    documents: Vec<PackageDoc<'a>>,
    created_at: &'a str,
}

#[derive(Debug, Serialize)]
struct PackageDoc<'a> {
    doc_code: &'a str,
    file_name: String,
    content_type: &'a str,
    size_bytes: i64,
    sha256: &'a str,
    vote_yes: Option<i64>,
    vote_total: Option<i64>,
}

fn zip_error(e: impl std::fmt::Display) -> Error {
    Error::Internal(anyhow::anyhow!("forward package: {e}"))
}

/// The name of a dossier file inside the package (numbered, so two files never collide).
fn entry_name(i: usize, d: &DocumentRow) -> String {
    let clean: String = d
        .file_name
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("tai_lieu/{:02}_{clean}", i + 1)
}

/// Sends a passed nomination upward and keeps its package; returns the stored package.
pub async fn forward(
    db: &Db,
    blobs: &dyn BlobStore,
    caller: &Caller,
    nomination_id: &str,
) -> Result<ForwardRow> {
    caller.authorize(Action::Appraise {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let n = nominations::get(&mut tx, caller.org_id(), nomination_id).await?;
    let name = nominee_name(&mut tx, caller, &n).await?;
    let rules = crate::rules_cache::rules_in(&mut tx, caller.org_id()).await?;
    let to = higher_authority(&mut tx, caller, &n, &name, &rules).await?;
    let docs = nominations::documents(&mut tx, &n.id).await?;
    let votes = decisions::votes(&mut tx, &n.id).await?;
    let from = body_name(&mut tx, caller.org_id()).await?;
    let now = ids::now();
    let json = PackageJson {
        nomination_id: &n.id,
        from: &from,
        to: &to,
        nominee_type: &n.nominee_type,
        nominee: &name,
        code: &n.code,
        award: award_name(&rules, &n.code),
        year: n.year,
        kind: &n.kind,
        procedure: &n.procedure,
        achievement: &n.achievement,
        justification: n.justification.as_deref(),
        votes: &votes,
        documents: docs
            .iter()
            .enumerate()
            .map(|(i, d)| PackageDoc {
                doc_code: &d.doc_code,
                file_name: entry_name(i, d),
                content_type: &d.content_type,
                size_bytes: d.size_bytes,
                sha256: &d.sha256,
                vote_yes: d.vote_yes,
                vote_total: d.vote_total,
            })
            .collect(),
        created_at: &now,
    };
    let award = award_name(&rules, &n.code);
    let subject = super::forward_papers::Subject {
        n: &n,
        name: &name,
        award: &award,
        to: &to,
        votes: &votes,
    };
    let papers = super::forward_papers::papers(&mut tx, caller, &subject).await?;
    let bytes = zip_package(blobs, &json, &docs, &papers).await?;
    let sha256 = blobs.put(&bytes).await.map_err(zip_error)?;
    let folded = thidua_domain::text::fold(&name).replace(' ', "_");
    let row = ForwardRow {
        nomination_id: n.id.clone(),
        org_id: caller.org_id().into(),
        authority: to.clone(),
        file_name: format!("trinh_cap_tren_{folded}.zip"),
        sha256,
        size_bytes: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        created_by: caller.user_ref(),
        created_at: now,
    };
    decisions::insert_forward(&mut tx, &row).await?;
    mark_forwarded(&mut tx, caller, &n, &name, &to, &rules).await?;
    Audit::new("nomination.forward_up", "nomination", &n.id, &name)
        .after(&row)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}

/// Who decides the nomination's award when this body may not: refused when the nomination may not
/// be forwarded in its state, or when this body decides it itself.
async fn higher_authority(
    tx: &mut Tx,
    caller: &Caller,
    n: &NominationRow,
    name: &str,
    rules: &Rules,
) -> Result<String> {
    let status = NominationStatus::parse(&n.status)
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("unknown nomination status")))?;
    let mut v = Validation::new();
    if let Err(e) = status.apply(NominationAction::ForwardUp, &[Part::Office]) {
        v.add("nomination_id", "Hồ sơ", format!("{name}: {e}"));
        return Err(Error::Invalid(v));
    }
    let level = body_level(tx, caller.org_id()).await?;
    match authority(rules, &n.code, &level, today()) {
        Ok(()) => {
            v.add("nomination_id", "Hồ sơ", format!("{name}: «{}» thuộc thẩm quyền quyết định của đơn vị; hãy ra quyết định khen thưởng thay vì trình cấp trên.", award_name(rules, &n.code)));
            Err(Error::Invalid(v))
        }
        Err(who) if who.is_empty() => Ok("Cấp trên có thẩm quyền".to_string()),
        Err(who) => Ok(who),
    }
}

/// The package as a ZIP: `ho_so.json`, the papers (`van_ban/`) and the dossier's files, numbered.
async fn zip_package(
    blobs: &dyn BlobStore,
    json: &PackageJson<'_>,
    docs: &[DocumentRow],
    papers: &[(String, Vec<u8>)],
) -> Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("ho_so.json", options).map_err(zip_error)?;
    let body = serde_json::to_vec_pretty(json).map_err(zip_error)?;
    zip.write_all(&body).map_err(zip_error)?;
    for (name, bytes) in papers {
        zip.start_file(name.as_str(), options).map_err(zip_error)?;
        zip.write_all(bytes).map_err(zip_error)?;
    }
    for (i, d) in docs.iter().enumerate() {
        let bytes = blobs.get(&d.sha256).await.map_err(zip_error)?;
        zip.start_file(entry_name(i, d), options)
            .map_err(zip_error)?;
        zip.write_all(&bytes).map_err(zip_error)?;
    }
    Ok(zip.finish().map_err(zip_error)?.into_inner())
}

/// Moves the nomination to forwarded and tells its unit where it went.
async fn mark_forwarded(
    tx: &mut Tx,
    caller: &Caller,
    n: &NominationRow,
    name: &str,
    to: &str,
    rules: &Rules,
) -> Result<()> {
    let author = caller.author();
    let note = format!("Trình {to}");
    nominations::set_status(
        tx,
        n,
        n.version,
        NominationStatus::Forwarded.code(),
        NominationAction::ForwardUp.code(),
        (&caller.user.id, &author),
        Some(&note),
        false,
    )
    .await?;
    let text = format!(
        "Hồ sơ đề nghị khen thưởng {name} ({}) đã được trình {to}.",
        award_name(rules, &n.code)
    );
    decisions::notify(
        tx,
        caller.org_id(),
        Some(&n.nominating_unit_id),
        None,
        &text,
        &format!("/nominations/{}", n.id),
    )
    .await?;
    Ok(())
}

/// The stored package of a forwarded nomination: (file name, bytes).
pub async fn package(
    db: &Db,
    blobs: &dyn BlobStore,
    caller: &Caller,
    nomination_id: &str,
) -> Result<(String, Vec<u8>)> {
    super::read::authorize_read(caller)?;
    let mut tx = db.begin_read().await?;
    let row = decisions::forward(&mut tx, caller.org_id(), nomination_id).await?;
    tx.commit().await?;
    let bytes = blobs.get(&row.sha256).await.map_err(zip_error)?;
    Ok((row.file_name, bytes))
}

//! Use cases of the units' work on a launched campaign (steps 3–5): register titles and targets, sign
//! a cluster's pact, report progress with evidence, send what a deadline asks for. A unit acts only for
//! units in its scope, only on a launched campaign, and nothing is saved when any check fails.

use super::campaign_views::{Roster, due_dates, registration_closes};
use super::campaigns::{date_of, invalid, status_of, today_vn, visible};
use crate::Audit;
use crate::Caller;
use crate::error::{Error, Result};
use thidua_domain::Validation;
use thidua_domain::campaign::pact::PactInput;
use thidua_domain::campaign::parts::{
    OwnTarget, ProgressInput, RegistrationDraft, RegistrationInput, SubmissionInput, TargetRef,
};
use thidua_domain::campaign::target::{Comparator, TargetScope};
use thidua_domain::campaign::{CLOSED_MESSAGE, CampaignStatus};
use thidua_domain::date::{iso, vn};
use thidua_domain::policy::Action;
use thidua_store::blobs::BlobStore;
use thidua_store::campaign_parts as parts;
use thidua_store::campaign_work::{
    self as work, AttachmentRow, CommitmentRow, PactRow, ProgressRow, RegistrationRow,
    SubmissionRow,
};
use thidua_store::campaigns::{self, CampaignRow};
use thidua_store::{Db, Tx, clusters, ids, units};

/// A file sent with a form.
#[derive(Debug, Clone)]
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Largest evidence file, and how many one record may carry.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_FILES: usize = 5;

/// Accepted evidence: the extension must match the file's first bytes, so a renamed program is refused.
fn content_type_of(name: &str, bytes: &[u8]) -> Option<&'static str> {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    match ext.as_str() {
        "pdf" if bytes.starts_with(b"%PDF") => Some("application/pdf"),
        "png" if bytes.starts_with(b"\x89PNG") => Some("image/png"),
        "jpg" | "jpeg" if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) => Some("image/jpeg"),
        "docx" if zip => {
            Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        }
        "xlsx" if zip => Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        "doc" if ole => Some("application/msword"),
        "xls" if ole => Some("application/vnd.ms-excel"),
        _ => None,
    }
}

/// Checks uploaded files: type (by extension and content), size and count. Names the file on failure.
pub fn check_files(v: &mut Validation, files: &[Upload]) -> Vec<(&'static str, String)> {
    const FIELD: &str = "files";
    const LABEL: &str = "Tệp minh chứng";
    if files.len() > MAX_FILES {
        v.add(
            FIELD,
            LABEL,
            format!(
                "Tối đa {MAX_FILES} tệp cho mỗi lần gửi; đã chọn {} tệp.",
                files.len()
            ),
        );
    }
    let mut out = Vec::new();
    for f in files {
        let name = thidua_domain::text::clean_line(&f.file_name);
        if f.bytes.len() > MAX_FILE_BYTES {
            v.add(
                FIELD,
                LABEL,
                format!(
                    "Tệp \u{201c}{name}\u{201d} nặng {:.1} MB, tối đa {} MB.",
                    f.bytes.len() as f64 / 1_048_576.0,
                    MAX_FILE_BYTES / 1_048_576
                ),
            );
            continue;
        }
        if f.bytes.is_empty() {
            v.add(FIELD, LABEL, format!("Tệp \u{201c}{name}\u{201d} rỗng."));
            continue;
        }
        match content_type_of(&name, &f.bytes) {
            Some(ct) => out.push((ct, name)),
            None => v.add(FIELD, LABEL, format!("Tệp \u{201c}{name}\u{201d} không đúng loại cho phép (PDF, ảnh JPG/PNG, Word DOC/DOCX, Excel XLS/XLSX) hoặc nội dung không khớp với đuôi tệp.")),
        }
    }
    out
}

/// The record files are attached to: its kind (`progress_report`, `submission`), id, and unit.
struct Owner<'a> {
    kind: &'a str,
    id: &'a str,
    unit_id: Option<&'a str>,
}

/// Stores the files and their rows under an owner.
async fn attach(
    tx: &mut Tx,
    caller: &Caller,
    blobs: &dyn BlobStore,
    owner: Owner<'_>,
    files: &[Upload],
    checked: &[(&'static str, String)],
) -> Result<Vec<AttachmentRow>> {
    let mut out = Vec::new();
    for (f, (content_type, name)) in files.iter().zip(checked) {
        let sha256 = blobs
            .put(&f.bytes)
            .await
            .map_err(|e| Error::Internal(anyhow::anyhow!("blob store: {e}")))?;
        let row = AttachmentRow {
            id: ids::new_id(),
            org_id: caller.org_id().into(),
            owner_type: owner.kind.into(),
            owner_id: owner.id.into(),
            unit_id: owner.unit_id.map(str::to_string),
            file_name: name.chars().take(255).collect(),
            content_type: (*content_type).into(),
            size_bytes: f.bytes.len() as i64,
            sha256,
            created_at: ids::now(),
        };
        work::insert_attachment(tx, &row).await?;
        out.push(row);
    }
    Ok(out)
}

/// A launched campaign the user may see; closed and draft campaigns take no unit work.
async fn open_for_work(tx: &mut Tx, caller: &Caller, campaign_id: &str) -> Result<CampaignRow> {
    let c = visible(tx, caller, campaign_id).await?;
    match status_of(&c) {
        CampaignStatus::Launched => Ok(c),
        CampaignStatus::Closed => Err(invalid("status", "Trạng thái", CLOSED_MESSAGE)),
        CampaignStatus::Draft => Err(invalid(
            "status",
            "Trạng thái",
            "Kế hoạch chưa được phát động; các đơn vị chưa thể đăng ký hay báo cáo.",
        )),
    }
}

/// A unit the user may act for: it exists, lies in the user's scope (422 naming the scope otherwise,
/// as in the other forms) and takes part in the campaign (or is named by the deadline).
async fn acting_unit(
    tx: &mut Tx,
    caller: &Caller,
    unit_id: &str,
    allowed: &[String],
    field: &str,
    label: &str,
) -> Result<units::UnitRow> {
    let Ok(unit) = units::get(tx, caller.org_id(), unit_id).await else {
        return Err(invalid(field, label, format!("{label} không tồn tại.")));
    };
    if !caller.can(Action::CampaignWork {
        org_id: caller.org_id(),
        unit_path: &unit.path,
    }) {
        if caller.can(Action::ViewCampaigns {
            org_id: caller.org_id(),
        }) && caller.actor.read_scope().is_some()
        {
            return Err(invalid(
                field,
                label,
                "Bạn chỉ có thể thực hiện cho đơn vị thuộc phạm vi của mình.",
            ));
        }
        return Err(Error::Forbidden);
    }
    if !allowed.iter().any(|a| a == unit_id) {
        return Err(invalid(
            field,
            label,
            format!("{} không phải là đơn vị tham gia kế hoạch này.", unit.name),
        ));
    }
    Ok(unit)
}

/// Refuses, before anything else, users whose role never does unit work (council, chairman, viewer).
fn may_work(caller: &Caller) -> Result<()> {
    caller.authorize(Action::CampaignWork {
        org_id: caller.org_id(),
        unit_path: caller.actor.read_scope().unwrap_or("/"),
    })
}

fn commitment_rows(items: &[OwnTarget]) -> Vec<CommitmentRow> {
    items
        .iter()
        .map(|t| CommitmentRow {
            target_id: t.target_id.clone(),
            text: t.text.clone(),
            comparator: t.comparator.code().into(),
            threshold: t.threshold,
            measure: t.unit.clone(),
        })
        .collect()
}

/// Registers a unit (or updates its registration; `version` is the one read, `None` for a first one).
/// Registration is refused after its deadline, and for a title the catalog does not have.
async fn registration_open_with_known_titles(
    tx: &mut Tx,
    caller: &Caller,
    campaign_id: &str,
    d: &RegistrationDraft,
) -> Result<()> {
    if let Some(closes) = registration_closes(&parts::deadlines(tx, campaign_id).await?)
        && today_vn() > closes
    {
        return Err(invalid(
            "unit_id",
            "Đơn vị đăng ký",
            format!("Đã hết hạn đăng ký thi đua (hạn chót {}).", vn(closes)),
        ));
    }
    let rules = super::honours::rules_in(tx, caller.org_id()).await?;
    let catalog = rules.catalog();
    let mut v = Validation::new();
    for code in &d.titles {
        if !catalog.entries().iter().any(|e| e.code.as_str() == code) {
            v.add(
                "titles",
                "Danh hiệu đăng ký",
                format!("Danh hiệu mã \u{201c}{code}\u{201d} không có trong danh mục."),
            );
        }
    }
    match v.is_ok() {
        true => Ok(()),
        false => Err(Error::Invalid(v)),
    }
}

/// A unit's first registration for a campaign, made now by the caller.
fn new_registration(
    caller: &Caller,
    campaign_id: &str,
    unit_id: &str,
    d: &RegistrationDraft,
) -> RegistrationRow {
    let now = ids::now();
    RegistrationRow {
        id: ids::new_id(),
        org_id: caller.org_id().into(),
        campaign_id: campaign_id.into(),
        unit_id: unit_id.into(),
        titles: d.titles.join(";"),
        note: d.note.clone(),
        registered_at: now.clone(),
        registered_by: Some(caller.author()),
        version: 1,
        created_at: now.clone(),
        updated_at: now,
    }
}

/// The campaign's targets a unit (or a pact's member) commits to: those set per unit.
pub(crate) async fn per_unit_targets(tx: &mut Tx, campaign_id: &str) -> Result<Vec<TargetRef>> {
    Ok(parts::targets(tx, campaign_id)
        .await?
        .into_iter()
        .filter(|t| t.scope == TargetScope::PerUnit.code())
        .map(|t| {
            let comparator = Comparator::parse(&t.comparator).unwrap_or(Comparator::AtLeast);
            (t.id, t.text, comparator, t.measure)
        })
        .collect())
}

pub async fn register(
    db: &Db,
    caller: &Caller,
    campaign_id: &str,
    version: Option<i64>,
    input: &RegistrationInput,
) -> Result<RegistrationRow> {
    may_work(caller)?;
    let mut tx = db.begin().await?;
    let c = open_for_work(&mut tx, caller, campaign_id).await?;
    let d = input.validate(&per_unit_targets(&mut tx, campaign_id).await?)?;
    let participants: Vec<String> = campaigns::participants(&mut tx, campaign_id)
        .await?
        .into_iter()
        .map(|p| p.unit_id)
        .collect();
    let unit = acting_unit(
        &mut tx,
        caller,
        &d.unit_id,
        &participants,
        "unit_id",
        "Đơn vị đăng ký",
    )
    .await?;
    registration_open_with_known_titles(&mut tx, caller, campaign_id, &d).await?;
    let rows = commitment_rows(&d.targets);
    let existing = work::registration(&mut tx, campaign_id, &unit.id).await?;
    let (after, before) = match (existing, version) {
        (None, _) => {
            let row = new_registration(caller, campaign_id, &unit.id, &d);
            work::insert_registration(&mut tx, &row, &rows)
                .await
                .map_err(|e| match e {
                    thidua_store::StoreError::Duplicate(_) => Error::Conflict,
                    other => other.into(),
                })?;
            (row, None)
        }
        // The form was opened before someone else registered this unit: not overwritten.
        (Some(_), None) => return Err(Error::Conflict),
        (Some(old), Some(version)) => {
            let row = RegistrationRow {
                titles: d.titles.join(";"),
                note: d.note.clone(),
                registered_at: ids::now(),
                registered_by: Some(caller.author()),
                version,
                ..old.clone()
            };
            let saved = work::update_registration(&mut tx, &row, &rows).await?;
            (saved, Some(old))
        }
    };
    let label = format!("{} — {}", unit.name, c.title);
    Audit::new(
        if before.is_none() {
            "registration.create"
        } else {
            "registration.update"
        },
        "registration",
        &after.id,
        &label,
    )
    .before_opt(before.as_ref())
    .after(&super::with_field(&after, "targets", &rows))
    .write(&mut tx, caller)
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Signs (or amends) a cluster's pact for the campaign: the members are those of the cluster today.
pub async fn sign_pact(
    db: &Db,
    caller: &Caller,
    campaign_id: &str,
    version: Option<i64>,
    input: &PactInput,
) -> Result<PactRow> {
    let mut tx = db.begin().await?;
    let c = open_for_work(&mut tx, caller, campaign_id).await?;
    let d = input.validate(&per_unit_targets(&mut tx, campaign_id).await?)?;
    let Ok(cluster) = clusters::get(&mut tx, caller.org_id(), &d.cluster_id).await else {
        return Err(invalid(
            "cluster_id",
            "Cụm, khối",
            "Cụm, khối đã chọn không tồn tại.",
        ));
    };
    let (from, to) = (date_of(&c.period_from), date_of(&c.period_to));
    if cluster.year < i64::from(from.year()) || cluster.year > i64::from(to.year()) {
        return Err(invalid(
            "cluster_id",
            "Cụm, khối",
            format!(
                "{} là cụm, khối của năm {}, ngoài thời gian của kế hoạch.",
                cluster.name, cluster.year
            ),
        ));
    }
    let leader_path = match &cluster.leader_unit_id {
        Some(l) => units::get(&mut tx, caller.org_id(), l)
            .await
            .ok()
            .map(|u| u.path),
        None => None,
    };
    caller.authorize(Action::SignPact {
        org_id: caller.org_id(),
        leader_path: leader_path.as_deref(),
    })?;
    if d.signed_on > today_vn() {
        return Err(invalid(
            "signed_on",
            "Ngày ký",
            format!("Ngày ký ({}) không được sau hôm nay.", vn(d.signed_on)),
        ));
    }
    let members: Vec<String> = clusters::members(&mut tx, &cluster.id)
        .await?
        .into_iter()
        .map(|m| m.unit_id)
        .collect();
    let existing = work::pact(&mut tx, campaign_id, &cluster.id).await?;
    if existing.is_some() != version.is_some() {
        return Err(Error::Conflict);
    }
    let now = ids::now();
    let row = match &existing {
        Some(old) => PactRow {
            signed_on: iso(d.signed_on),
            content: d.content.clone(),
            signed_by: Some(caller.author()),
            ..old.clone()
        },
        None => PactRow {
            id: ids::new_id(),
            org_id: caller.org_id().into(),
            campaign_id: campaign_id.into(),
            cluster_id: cluster.id.clone(),
            signed_on: iso(d.signed_on),
            content: d.content.clone(),
            signed_by: Some(caller.author()),
            version: 1,
            created_at: now.clone(),
            updated_at: now,
        },
    };
    let rows = commitment_rows(&d.targets);
    let after = work::save_pact(&mut tx, &row, version, &members, &rows).await?;
    let label = format!("Giao ước {} — {}", cluster.name, c.title);
    Audit::new(
        if existing.is_none() {
            "pact.sign"
        } else {
            "pact.update"
        },
        "pact",
        &after.id,
        &label,
    )
    .before_opt(existing.as_ref())
    .after(&super::with_field(
        &super::with_field(&after, "member_ids", &members),
        "targets",
        &rows,
    ))
    .write(&mut tx, caller)
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Records a progress report on a target, with evidence files.
/// Who reports on a target: a participating unit in the caller's scope for a per-unit target; for a
/// whole-body target nobody but the office or the lead unit of its theme (`None`: the body itself).
async fn reporting_unit(
    tx: &mut Tx,
    caller: &Caller,
    campaign_id: &str,
    target: &parts::TargetRow,
    unit_id: Option<&str>,
) -> Result<Option<units::UnitRow>> {
    if TargetScope::parse(&target.scope).unwrap_or(TargetScope::Body) == TargetScope::PerUnit {
        let Some(unit_id) = unit_id else {
            return Err(invalid(
                "unit_id",
                "Đơn vị báo cáo",
                "Hãy chọn đơn vị báo cáo.",
            ));
        };
        let participants: Vec<String> = campaigns::participants(tx, campaign_id)
            .await?
            .into_iter()
            .map(|p| p.unit_id)
            .collect();
        let unit = acting_unit(
            tx,
            caller,
            unit_id,
            &participants,
            "unit_id",
            "Đơn vị báo cáo",
        );
        return Ok(Some(unit.await?));
    }
    let lead_path = match target.theme_id.as_deref() {
        Some(t) => match parts::theme(tx, campaign_id, t).await?.lead_unit_id {
            Some(l) => units::get(tx, caller.org_id(), &l)
                .await
                .ok()
                .map(|u| u.path),
            None => None,
        },
        None => None,
    };
    let lead_ok = lead_path.as_deref().is_some_and(|p| {
        caller.can(Action::CampaignWork {
            org_id: caller.org_id(),
            unit_path: p,
        })
    });
    if !caller.can(Action::ManageCampaigns {
        org_id: caller.org_id(),
    }) && !lead_ok
    {
        return Err(Error::Forbidden);
    }
    Ok(None)
}

pub async fn report_progress(
    db: &Db,
    blobs: &dyn BlobStore,
    caller: &Caller,
    campaign_id: &str,
    target_id: &str,
    input: &ProgressInput,
    files: &[Upload],
) -> Result<ProgressRow> {
    may_work(caller)?;
    let mut tx = db.begin().await?;
    let c = open_for_work(&mut tx, caller, campaign_id).await?;
    let target = parts::target(&mut tx, campaign_id, target_id).await?;
    let (from, to) = (date_of(&c.period_from), date_of(&c.period_to));
    let mut v = Validation::new();
    let checked = check_files(&mut v, files);
    let d = match input.validate(from, to, today_vn()) {
        Ok(d) if v.is_ok() => d,
        Ok(_) => return Err(Error::Invalid(v)),
        Err(mut e) => {
            e.errors.extend(v.errors);
            return Err(Error::Invalid(e));
        }
    };
    let unit = reporting_unit(&mut tx, caller, campaign_id, &target, d.unit_id.as_deref()).await?;
    let row = ProgressRow {
        id: ids::new_id(),
        org_id: caller.org_id().into(),
        campaign_id: campaign_id.into(),
        target_id: target.id.clone(),
        unit_id: unit.as_ref().map(|u| u.id.clone()),
        value: d.value,
        reported_on: iso(d.reported_on),
        comment: d.comment.clone(),
        created_by: Some(caller.author()),
        created_at: ids::now(),
    };
    work::insert_progress(&mut tx, &row).await?;
    let files = attach(
        &mut tx,
        caller,
        blobs,
        Owner {
            kind: "progress_report",
            id: &row.id,
            unit_id: row.unit_id.as_deref(),
        },
        files,
        &checked,
    )
    .await?;
    let label = format!(
        "{} — {}",
        unit.as_ref()
            .map(|u| u.name.as_str())
            .unwrap_or("Toàn cơ quan"),
        target.text
    );
    Audit::new("progress.report", "progress_report", &row.id, &label)
        .after(&super::with_field(&row, "files", &files))
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}

/// Records what a unit sent for one occurrence of a deadline (today's date is the date sent).
pub async fn submit(
    db: &Db,
    blobs: &dyn BlobStore,
    caller: &Caller,
    campaign_id: &str,
    deadline_id: &str,
    input: &SubmissionInput,
    files: &[Upload],
) -> Result<SubmissionRow> {
    may_work(caller)?;
    let mut tx = db.begin().await?;
    let c = open_for_work(&mut tx, caller, campaign_id).await?;
    let deadline = parts::deadline(&mut tx, campaign_id, deadline_id).await?;
    let dates = due_dates(&deadline, date_of(&c.period_to));
    let mut v = Validation::new();
    let checked = check_files(&mut v, files);
    let d = match input.validate(&dates) {
        Ok(d) if v.is_ok() => d,
        Ok(_) => return Err(Error::Invalid(v)),
        Err(mut e) => {
            e.errors.extend(v.errors);
            return Err(Error::Invalid(e));
        }
    };
    let roster = Roster::load(
        &mut tx,
        caller.org_id(),
        &c,
        std::slice::from_ref(&deadline),
    )
    .await?;
    let owed = roster.addressees(&deadline);
    let unit = acting_unit(&mut tx, caller, &d.unit_id, &owed, "unit_id", "Đơn vị gửi").await?;
    if d.document_number.is_none() && d.note.is_none() && files.is_empty() {
        return Err(invalid(
            "files",
            "Tệp minh chứng",
            "Hãy đính kèm văn bản đã gửi, hoặc ghi số văn bản hay ghi chú.",
        ));
    }
    let row = SubmissionRow {
        id: ids::new_id(),
        org_id: caller.org_id().into(),
        campaign_id: campaign_id.into(),
        deadline_id: deadline.id.clone(),
        due_on: iso(d.due_on),
        unit_id: unit.id.clone(),
        sent_on: iso(today_vn()),
        document_number: d.document_number.clone(),
        note: d.note.clone(),
        created_by: Some(caller.author()),
        created_at: ids::now(),
    };
    work::insert_submission(&mut tx, &row).await?;
    let files = attach(
        &mut tx,
        caller,
        blobs,
        Owner {
            kind: "submission",
            id: &row.id,
            unit_id: Some(&unit.id),
        },
        files,
        &checked,
    )
    .await?;
    let label = format!("{} — {} (hạn {})", unit.name, deadline.what, vn(d.due_on));
    Audit::new("submission.create", "submission", &row.id, &label)
        .after(&super::with_field(&row, "files", &files))
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}

/// An attachment and its bytes, if the user may see the unit it belongs to (404 otherwise).
pub async fn download(
    db: &Db,
    blobs: &dyn BlobStore,
    caller: &Caller,
    id: &str,
) -> Result<(AttachmentRow, Vec<u8>)> {
    let mut tx = db.begin_read().await?;
    let a = work::attachment(&mut tx, caller.org_id(), id).await?;
    let campaign_id = match a.owner_type.as_str() {
        "submission" => {
            work::submission(&mut tx, caller.org_id(), &a.owner_id)
                .await?
                .campaign_id
        }
        _ => {
            work::progress_report(&mut tx, caller.org_id(), &a.owner_id)
                .await?
                .campaign_id
        }
    };
    visible(&mut tx, caller, &campaign_id).await?;
    if let Some(u) = &a.unit_id {
        let unit = units::get(&mut tx, caller.org_id(), u).await?;
        caller.authorize(Action::ViewUnit {
            org_id: caller.org_id(),
            unit_path: &unit.path,
        })?;
    }
    tx.commit().await?;
    let bytes = blobs
        .get(&a.sha256)
        .await
        .map_err(|e| Error::Internal(anyhow::anyhow!("blob {}: {e}", a.sha256)))?;
    Ok((a, bytes))
}

// ---- read models for the JSON API (added with the campaigns API) ----

/// A registration with its unit's name and the targets it commits to.
#[derive(Debug, Clone)]
pub struct RegistrationView {
    pub row: RegistrationRow,
    pub unit_name: String,
    pub commitments: Vec<CommitmentRow>,
}

/// The registrations of a campaign the user may see (a unit officer: their units' only), or the one of
/// `unit_id` when given.
pub async fn registrations(
    db: &Db,
    caller: &Caller,
    campaign_id: &str,
    unit_id: Option<&str>,
) -> Result<Vec<RegistrationView>> {
    let mut tx = db.begin_read().await?;
    visible(&mut tx, caller, campaign_id).await?;
    let scope = caller.actor.read_scope();
    let names: std::collections::HashMap<String, (String, String)> =
        campaigns::participants(&mut tx, campaign_id)
            .await?
            .into_iter()
            .map(|p| (p.unit_id, (p.unit_name, p.unit_path)))
            .collect();
    let mut out = Vec::new();
    for row in work::registrations(&mut tx, campaign_id).await? {
        if unit_id.is_some_and(|u| u != row.unit_id) {
            continue;
        }
        let (unit_name, path) = match names.get(&row.unit_id) {
            Some(x) => x.clone(),
            None => {
                let u = units::get(&mut tx, caller.org_id(), &row.unit_id).await?;
                (u.name, u.path)
            }
        };
        if scope.is_some_and(|s| !thidua_domain::org::is_within(&path, s)) {
            continue;
        }
        let commitments = work::commitments(&mut tx, "registration", &row.id).await?;
        out.push(RegistrationView {
            row,
            unit_name,
            commitments,
        });
    }
    tx.commit().await?;
    Ok(out)
}

/// A pact with its cluster's name, the members at signing and its targets.
#[derive(Debug, Clone)]
pub struct PactView {
    pub row: PactRow,
    pub cluster_name: String,
    /// (unit id, unit name)
    pub members: Vec<(String, String)>,
    pub commitments: Vec<CommitmentRow>,
}

/// The pacts of a campaign the user may see (a unit officer: pacts with a member in their scope), or
/// the one of `cluster_id` when given.
pub async fn pacts(
    db: &Db,
    caller: &Caller,
    campaign_id: &str,
    cluster_id: Option<&str>,
) -> Result<Vec<PactView>> {
    let mut tx = db.begin_read().await?;
    visible(&mut tx, caller, campaign_id).await?;
    let scope = caller.actor.read_scope();
    let mut out = Vec::new();
    for row in work::pacts(&mut tx, campaign_id).await? {
        if cluster_id.is_some_and(|c| c != row.cluster_id) {
            continue;
        }
        let members = work::pact_members(&mut tx, &row.id).await?;
        if let Some(s) = scope {
            let mut mine = false;
            for (id, _) in &members {
                mine |= units::get(&mut tx, caller.org_id(), id)
                    .await
                    .is_ok_and(|u| thidua_domain::org::is_within(&u.path, s));
            }
            if !mine {
                continue;
            }
        }
        let cluster_name = clusters::get(&mut tx, caller.org_id(), &row.cluster_id)
            .await
            .map(|c| c.name)
            .unwrap_or_default();
        let commitments = work::commitments(&mut tx, "pact", &row.id).await?;
        out.push(PactView {
            row,
            cluster_name,
            members,
            commitments,
        });
    }
    tx.commit().await?;
    Ok(out)
}

/// The files attached to a progress report (`progress_report`) or a submission (`submission`) the user
/// may see, as [`download`] decides.
pub async fn attachments_of(
    db: &Db,
    caller: &Caller,
    owner_type: &str,
    owner_id: &str,
) -> Result<Vec<AttachmentRow>> {
    let mut tx = db.begin_read().await?;
    let campaign_id = match owner_type {
        "submission" => {
            work::submission(&mut tx, caller.org_id(), owner_id)
                .await?
                .campaign_id
        }
        "progress_report" => {
            work::progress_report(&mut tx, caller.org_id(), owner_id)
                .await?
                .campaign_id
        }
        _ => return Err(Error::NotFound),
    };
    visible(&mut tx, caller, &campaign_id).await?;
    let mut out = Vec::new();
    for a in work::attachments(&mut tx, owner_type, owner_id).await? {
        let in_scope = match &a.unit_id {
            Some(u) => units::get(&mut tx, caller.org_id(), u)
                .await
                .is_ok_and(|unit| {
                    caller.can(Action::ViewUnit {
                        org_id: caller.org_id(),
                        unit_path: &unit.path,
                    })
                }),
            None => true,
        };
        if a.org_id == caller.org_id() && in_scope {
            out.push(a);
        }
    }
    tx.commit().await?;
    Ok(out)
}

//! The parts of an exemplar that grow after it is put forward: photos (checked and cleaned, see
//! [`super::photo`]), the units that adopted it (nhân rộng) and the steps of its fostering plan.

use super::photo::{self, MAX_UPLOAD_BYTES};
use super::review::publicity;
use super::{invalid, status, visible};
use crate::campaign_work::Upload;
use crate::error::{Error, Result};
use crate::{Audit, Caller};
use serde::{Deserialize, Serialize};
use thidua_domain::Validation;
use thidua_domain::date::{iso, parse};
use thidua_domain::exemplar::ExemplarStatus;
use thidua_domain::policy::Action;
use thidua_store::blobs::BlobStore;
use thidua_store::exemplars::{self as store, AdoptionRow, FosteringRow, PhotoRow};
use thidua_store::{Db, units};

/// Photos one exemplar may carry.
pub const MAX_PHOTOS: usize = 8;

/// Adds a photo (the unit of the exemplar, or the office), resized and without metadata.
pub async fn add_photo(
    db: &Db,
    blobs: &dyn BlobStore,
    caller: &Caller,
    id: &str,
    file: &Upload,
    caption: &str,
) -> Result<PhotoRow> {
    let mut v = Validation::new();
    let caption = v.optional_text("caption", "Chú thích ảnh", caption, 300);
    if file.bytes.is_empty() {
        v.add("photo", "Ảnh", "Hãy chọn một tệp ảnh.");
    } else if file.bytes.len() > MAX_UPLOAD_BYTES {
        return Err(Error::too_large(MAX_UPLOAD_BYTES));
    }
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    let name = thidua_domain::text::clean_line(&file.file_name);
    let bytes = file.bytes.clone();
    let processed = tokio::task::spawn_blocking(move || photo::process(&name, &bytes))
        .await
        .map_err(|e| Error::Internal(anyhow::anyhow!("photo task: {e}")))?
        .map_err(|m| invalid("photo", "Ảnh", m))?;
    let put = |b: Vec<u8>| async move {
        blobs
            .put(&b)
            .await
            .map_err(|e| Error::Internal(anyhow::anyhow!("blob store: {e}")))
    };
    let sha256 = put(processed.jpeg).await?;
    let thumb_sha256 = put(processed.thumb).await?;
    write_tx!(db, |tx| {
        let e = visible(tx, caller, id).await?;
        may_change(caller, &e.unit_path)?;
        if store::photos(tx, id).await?.len() >= MAX_PHOTOS {
            return Err(invalid(
                "photo",
                "Ảnh",
                format!("Mỗi gương có tối đa {MAX_PHOTOS} ảnh; hãy xóa bớt ảnh cũ."),
            ));
        }
        let (pid, now) = store::new_part_id();
        let row = PhotoRow {
            id: pid,
            org_id: caller.org_id().into(),
            exemplar_id: id.into(),
            sha256: sha256.clone(),
            thumb_sha256: thumb_sha256.clone(),
            width: i64::from(processed.width),
            height: i64::from(processed.height),
            caption: caption.clone(),
            created_at: now,
        };
        store::insert_photo(tx, &row).await?;
        Audit::new("exemplar.photo.add", "exemplar", id, &e.name)
            .after(&row)
            .write(tx, caller)
            .await?;
        Ok(row)
    })
}

/// The officer of the unit at `unit_path`, or the office (403 otherwise: the exemplar is visible).
fn may_change(caller: &Caller, unit_path: &str) -> Result<()> {
    if caller.can(Action::CampaignWork {
        org_id: caller.org_id(),
        unit_path,
    }) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

pub async fn delete_photo(db: &Db, caller: &Caller, id: &str, photo_id: &str) -> Result<()> {
    write_tx!(db, |tx| {
        let e = visible(tx, caller, id).await?;
        may_change(caller, &e.unit_path)?;
        let p = store::photo(tx, photo_id).await?;
        store::delete_photo(tx, id, photo_id).await?;
        Audit::new("exemplar.photo.delete", "exemplar", id, &e.name)
            .before(&p)
            .write(tx, caller)
            .await?;
        Ok(())
    })
}

/// A photo's bytes (JPEG) for someone who may see the exemplar, or for anyone when it is public.
#[derive(Debug, Clone)]
pub struct PhotoBytes {
    pub jpeg: Vec<u8>,
    /// The SHA-256 of the bytes (an ETag that never changes).
    pub sha256: String,
}

pub async fn photo_bytes(
    db: &Db,
    blobs: &dyn BlobStore,
    caller: Option<&Caller>,
    photo_id: &str,
    thumb: bool,
) -> Result<PhotoBytes> {
    let mut tx = db.begin_read().await?;
    let p = store::photo(&mut tx, photo_id).await?;
    let allowed = match caller {
        Some(c) if c.org_id() == p.org_id => visible(&mut tx, c, &p.exemplar_id).await.is_ok(),
        _ => store::get(&mut tx, &p.org_id, &p.exemplar_id)
            .await
            .is_ok_and(|e| publicity(&e).is_public()),
    };
    tx.commit().await?;
    if !allowed {
        return Err(Error::NotFound);
    }
    let sha256 = if thumb { p.thumb_sha256 } else { p.sha256 };
    let jpeg = blobs
        .get(&sha256)
        .await
        .map_err(|e| Error::Internal(anyhow::anyhow!("blob store: {e}")))?;
    Ok(PhotoBytes { jpeg, sha256 })
}

/// A unit adopting the model: which unit, when, with what result.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AdoptionInput {
    pub unit_id: String,
    /// `dd/mm/yyyy`
    pub adopted_on: String,
    pub result: String,
}

fn date_field(v: &mut Validation, field: &str, label: &str, text: &str) -> Option<time::Date> {
    let d = parse(text);
    if d.is_none() {
        v.add(
            field,
            label,
            format!("{label} phải có dạng ngày/tháng/năm, ví dụ 15/03/2026."),
        );
    }
    d
}

/// Records that a unit adopted a selected exemplar (the adopting unit's officer, or the office).
pub async fn add_adoption(
    db: &Db,
    caller: &Caller,
    id: &str,
    input: &AdoptionInput,
) -> Result<AdoptionRow> {
    let mut v = Validation::new();
    let on = date_field(&mut v, "adopted_on", "Ngày áp dụng", &input.adopted_on);
    let result = v.required_text("result", "Kết quả", &input.result, 2000);
    let (Some(on), true) = (on, v.is_ok()) else {
        return Err(Error::Invalid(v));
    };
    write_tx!(db, |tx| {
        let e = visible(tx, caller, id).await?;
        if status(&e) != ExemplarStatus::Selected {
            return Err(Error::Rejected(
                "Chỉ nhân rộng gương đã được lựa chọn.".into(),
            ));
        }
        let Ok(unit) = units::get(tx, caller.org_id(), input.unit_id.trim()).await else {
            return Err(invalid(
                "unit_id",
                "Đơn vị áp dụng",
                "Hãy chọn đơn vị áp dụng.",
            ));
        };
        may_change(caller, &unit.path)?;
        let (aid, now) = store::new_part_id();
        let row = AdoptionRow {
            id: aid,
            exemplar_id: id.into(),
            unit_id: unit.id.clone(),
            unit_name: unit.name.clone(),
            adopted_on: iso(on),
            result: result.clone(),
            created_at: now,
        };
        store::insert_adoption(tx, caller.org_id(), &row, caller.user_ref())
            .await
            .map_err(|e| match e {
                thidua_store::StoreError::Conflict => invalid(
                    "unit_id",
                    "Đơn vị áp dụng",
                    format!("{} đã được ghi nhận áp dụng mô hình này.", unit.name),
                ),
                other => other.into(),
            })?;
        Audit::new("exemplar.adoption.add", "exemplar", id, &e.name)
            .after(&row)
            .write(tx, caller)
            .await?;
        Ok(row)
    })
}

/// One step of the fostering plan: the honour aimed at, who supports, by when.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct FosteringInput {
    pub goal: String,
    pub supporter: String,
    /// `dd/mm/yyyy`
    pub due_on: String,
    pub note: String,
}

/// Adds a step to a selected exemplar's fostering plan (the office).
pub async fn add_fostering(
    db: &Db,
    caller: &Caller,
    id: &str,
    input: &FosteringInput,
) -> Result<FosteringRow> {
    let mut v = Validation::new();
    let goal = v.required_text("goal", "Mục tiêu (hình thức khen thưởng)", &input.goal, 300);
    let supporter = v.required_text("supporter", "Người, đơn vị hỗ trợ", &input.supporter, 300);
    let due = date_field(&mut v, "due_on", "Thời hạn", &input.due_on);
    let note = v.optional_text("note", "Ghi chú", &input.note, 1000);
    let (Some(due), true) = (due, v.is_ok()) else {
        return Err(Error::Invalid(v));
    };
    write_tx!(db, |tx| {
        let e = visible(tx, caller, id).await?;
        caller.authorize(Action::ManageCampaigns {
            org_id: caller.org_id(),
        })?;
        if status(&e) != ExemplarStatus::Selected {
            return Err(Error::Rejected(
                "Chỉ lập kế hoạch bồi dưỡng cho gương đã được lựa chọn.".into(),
            ));
        }
        let (fid, now) = store::new_part_id();
        let row = FosteringRow {
            id: fid,
            exemplar_id: id.into(),
            goal: goal.clone(),
            supporter: supporter.clone(),
            due_on: iso(due),
            note: note.clone(),
            done_on: None,
            created_at: now,
        };
        store::insert_fostering(tx, caller.org_id(), &row, caller.user_ref()).await?;
        Audit::new("exemplar.fostering.add", "exemplar", id, &e.name)
            .after(&row)
            .write(tx, caller)
            .await?;
        Ok(row)
    })
}

/// Marks a step of the plan as reached today (the office).
pub async fn fostering_done(db: &Db, caller: &Caller, id: &str, step_id: &str) -> Result<()> {
    write_tx!(db, |tx| {
        let e = visible(tx, caller, id).await?;
        caller.authorize(Action::ManageCampaigns {
            org_id: caller.org_id(),
        })?;
        let today = iso(crate::campaigns::today_vn());
        store::mark_fostering_done(tx, id, step_id, &today).await?;
        Audit::new("exemplar.fostering.done", "exemplar", id, &e.name)
            .after(&serde_json::json!({ "step_id": step_id, "done_on": today }))
            .write(tx, caller)
            .await?;
        Ok(())
    })
}

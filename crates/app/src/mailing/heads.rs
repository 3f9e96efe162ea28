//! The head of a unit (thủ trưởng): a name and an address, set on the unit's page by its officer or
//! the office, told by mail when the unit lets a deadline pass by more than the grace period.

use crate::error::{Error, Result};
use crate::{Audit, Caller};
use thidua_domain::Validation;
use thidua_domain::policy::Action;
use thidua_store::Db;
use thidua_store::mailing::{self as store, UnitHeadRow};

/// The unit's head, if set (404 outside the caller's sight).
pub async fn get(db: &Db, caller: &Caller, unit_id: &str) -> Result<Option<UnitHeadRow>> {
    let mut tx = db.begin_read().await?;
    crate::units::visible_unit(&mut tx, caller, unit_id).await?;
    let head = store::unit_head(&mut tx, unit_id).await?;
    tx.commit().await?;
    Ok(head)
}

/// Sets the unit's head (both fields empty: removes it).
pub async fn set(
    db: &Db,
    caller: &Caller,
    unit_id: &str,
    full_name: &str,
    email: &str,
) -> Result<()> {
    let mut v = Validation::new();
    let (name, email) = (full_name.trim(), email.trim().to_lowercase());
    let remove = name.is_empty() && email.is_empty();
    if !remove {
        if name.is_empty() || name.chars().count() > 200 {
            v.add(
                "head_name",
                "Thủ trưởng đơn vị",
                "Hãy nhập họ và tên thủ trưởng đơn vị (tối đa 200 ký tự).",
            );
        }
        if email.parse::<lettre::Address>().is_err() {
            v.add(
                "head_email",
                "Thư điện tử của thủ trưởng",
                format!(
                    "Địa chỉ thư điện tử «{email}» không hợp lệ; hãy viết dạng ten@coquan.gov.vn."
                ),
            );
        }
    }
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    let mut tx = db.begin().await?;
    let unit = crate::units::visible_unit(&mut tx, caller, unit_id).await?;
    caller.authorize(Action::EditUnit {
        org_id: caller.org_id(),
        unit_path: &unit.path,
    })?;
    let before = store::unit_head(&mut tx, unit_id).await?;
    if remove {
        store::remove_unit_head(&mut tx, unit_id).await?;
    } else {
        store::put_unit_head(&mut tx, caller.org_id(), unit_id, name, &email).await?;
    }
    let after = store::unit_head(&mut tx, unit_id).await?;
    Audit::new("unit.head", "unit", unit_id, &unit.name)
        .before_opt(before.as_ref())
        .after(&after)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(())
}

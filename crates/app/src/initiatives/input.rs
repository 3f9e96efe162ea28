//! An initiative as typed by its unit: the fields, the unit (one the caller may propose for), the
//! authors (people the caller may see) and their shares, checked into a row and its author rows.

use crate::Caller;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use thidua_domain::Validation;
use thidua_domain::initiative::{parse_share, share_problems};
use thidua_domain::policy::Action;
use thidua_store::initiatives::{AuthorRow, InitiativeRow};
use thidua_store::units::UnitRow;
use thidua_store::{Tx, ids, persons, units};

/// Largest number of authors of one initiative.
pub const MAX_AUTHORS: usize = 10;

/// An author and their share, as typed (`60`, `33,33`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AuthorInput {
    pub person_id: String,
    /// Per cent of the authorship; all authors' shares add up to 100.
    pub share: String,
}

/// An initiative's fields as typed; dates `dd/mm/yyyy`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct InitiativeInput {
    /// The unit that registers it (where it was applied).
    pub unit_id: String,
    pub name: String,
    /// Field (lĩnh vực), e.g. «Cải cách hành chính».
    pub field: String,
    /// The day it was first applied.
    pub applied_on: String,
    pub description: String,
    /// A research work (đề tài khoa học) rather than an initiative.
    pub research: bool,
    pub authors: Vec<AuthorInput>,
    /// On edit: the version read (a stale one is refused with 409).
    pub version: Option<i64>,
}

/// The unit an initiative is registered for: it must exist and be one the caller may propose for.
pub(super) async fn unit_for(tx: &mut Tx, caller: &Caller, unit_id: &str) -> Result<UnitRow> {
    let refuse = |m: &str| {
        let mut v = Validation::new();
        v.add("unit_id", "Đơn vị", m);
        Error::Invalid(v)
    };
    if unit_id.trim().is_empty() {
        return Err(refuse("Hãy chọn đơn vị đề nghị công nhận sáng kiến."));
    }
    let unit = units::get(tx, caller.org_id(), unit_id.trim())
        .await
        .map_err(|_| refuse("Đơn vị không tồn tại."))?;
    if !caller.can(Action::ProposeInitiative {
        org_id: caller.org_id(),
        unit_path: &unit.path,
    }) {
        return Err(refuse(
            "Bạn chỉ có thể đề nghị sáng kiến của đơn vị thuộc phạm vi của mình.",
        ));
    }
    Ok(unit)
}

/// Checks the fields and authors; returns the row (fields only: ids, status and version are the
/// caller's to set) and the authors.
pub(super) async fn checked(
    tx: &mut Tx,
    caller: &Caller,
    input: &InitiativeInput,
    unit: &UnitRow,
    base: &InitiativeRow,
) -> Result<(InitiativeRow, Vec<AuthorRow>)> {
    let mut v = Validation::new();
    let name = v.required_text("name", "Tên sáng kiến", &input.name, 500);
    let field = v.required_text("field", "Lĩnh vực", &input.field, 200);
    let description = v.required_text("description", "Mô tả tóm tắt", &input.description, 5000);
    let applied_on = match thidua_domain::date::parse(&input.applied_on) {
        Some(d) if d <= crate::today() => Some(d),
        Some(_) => {
            v.add(
                "applied_on",
                "Ngày áp dụng",
                "Ngày áp dụng không được sau hôm nay.",
            );
            None
        }
        None => {
            v.add(
                "applied_on",
                "Ngày áp dụng",
                "Ngày áp dụng phải có dạng ngày/tháng/năm, ví dụ 15/03/2025.",
            );
            None
        }
    };
    let authors = authors(tx, caller, &mut v, &input.authors, &base.id).await?;
    let row = InitiativeRow {
        unit_id: unit.id.clone(),
        unit_path: unit.path.clone(),
        name,
        field,
        applied_on: applied_on.map(thidua_domain::date::iso).unwrap_or_default(),
        year: applied_on.map(|d| i64::from(d.year())).unwrap_or_default(),
        description,
        research: input.research,
        ..base.clone()
    };
    v.finish(()).map_err(Error::Invalid)?;
    Ok((row, authors))
}

/// The authors typed (blank lines skipped): people the caller may see, with valid shares.
async fn authors(
    tx: &mut Tx,
    caller: &Caller,
    v: &mut Validation,
    typed: &[AuthorInput],
    initiative_id: &str,
) -> Result<Vec<AuthorRow>> {
    const FIELD: &str = "authors";
    const LABEL: &str = "Tác giả";
    let mut out = Vec::new();
    let mut shares = Vec::new();
    for a in typed.iter().filter(|a| !a.person_id.trim().is_empty()) {
        let person = persons::get(tx, caller.org_id(), a.person_id.trim()).await;
        let Ok(p) = person.map_err(Error::from).and_then(|p| {
            caller.authorize(Action::ViewPerson {
                org_id: caller.org_id(),
                unit_path: &p.unit_path,
            })?;
            Ok(p)
        }) else {
            v.add(
                FIELD,
                LABEL,
                "Tác giả được chọn không có trong danh sách cá nhân bạn được xem.",
            );
            continue;
        };
        let Some(share) = parse_share(&a.share) else {
            v.add(
                FIELD,
                LABEL,
                format!(
                    "Tỷ lệ đóng góp của {} phải là số phần trăm từ 0 đến 100, ví dụ 50 hoặc 33,33.",
                    p.full_name
                ),
            );
            continue;
        };
        shares.push((p.id.clone(), share));
        out.push(AuthorRow {
            id: ids::new_id(),
            org_id: caller.org_id().into(),
            initiative_id: initiative_id.into(),
            person_id: p.id,
            share_bp: i64::from(share),
            position: out.len() as i64 + 1,
            full_name: p.full_name,
        });
    }
    if out.len() > MAX_AUTHORS {
        v.add(FIELD, LABEL, format!("Tối đa {MAX_AUTHORS} tác giả."));
    }
    if v.message_for(FIELD).is_none() {
        for m in share_problems(&shares) {
            v.add(FIELD, LABEL, m);
        }
    }
    Ok(out)
}

/// The folded words a register search looks in: name, field, unit, authors.
pub(super) fn search_text(row: &InitiativeRow, unit_name: &str, authors: &[AuthorRow]) -> String {
    let names: Vec<&str> = authors.iter().map(|a| a.full_name.as_str()).collect();
    thidua_domain::text::fold(&format!(
        "{} {} {} {}",
        row.name,
        row.field,
        unit_name,
        names.join(" ")
    ))
}

//! Using a recognised initiative as the basis (căn cứ) of a title or an award: of an award in an
//! author's ledger, or of a nomination of an author. An initiative is used once (Công văn
//! 5007/BNV-TĐKT, Mục III.5.c): a second use is refused with a message that names the first, and two
//! requests that arrive together are decided one after the other (the initiative's row is taken first).

use super::readable;
use crate::error::{Error, Result};
use crate::{Audit, Caller};
use serde::{Deserialize, Serialize};
use thidua_domain::Validation;
use thidua_domain::initiative::{Status, may_use};
use thidua_domain::policy::Action;
use thidua_rules::{Catalog, Code};
use thidua_store::initiatives::{self as store, InitiativeRow, UseRow};
use thidua_store::{Db, Tx, ids, ledger, nominations};

/// What an initiative is used for.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct UseInput {
    /// `award` (a title or form in an author's history) or `nomination`.
    pub target_type: String,
    pub target_id: String,
}

/// A title, award or nomination of an author the initiative may be the basis of.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Target {
    pub target_type: String,
    pub target_id: String,
    pub person_id: String,
    pub label: String,
}

fn refuse(message: String) -> Error {
    let mut v = Validation::new();
    v.add(
        "target_id",
        "Căn cứ cho danh hiệu, hình thức khen thưởng",
        message,
    );
    Error::Invalid(v)
}

/// «Bằng khen của Chủ tịch UBND … năm 2025 (Quyết định số 12/QĐ-UBND ngày 20/01/2026)».
fn award_label(catalog: &Catalog, a: &ledger::AwardRow) -> String {
    let code = Code::new(a.code.clone());
    let mut label = format!("{} năm {}", catalog.name_of(&code), a.year);
    if let Some(no) = &a.decision_no {
        label.push_str(&format!(" (Quyết định số {no}"));
        if let Some(d) = &a.decision_date {
            label.push_str(&format!(" ngày {}", thidua_domain::date::iso_to_vn(d)));
        }
        label.push(')');
    }
    label
}

fn nomination_label(catalog: &Catalog, code: &str, year: i64) -> String {
    format!(
        "hồ sơ đề nghị {} năm {year}",
        catalog.name_of(&Code::new(code.to_string()))
    )
}

/// The authors' titles, awards and nominations the initiative may be used for.
pub async fn targets(db: &Db, caller: &Caller, id: &str) -> Result<Vec<Target>> {
    let mut t = db.begin_read().await?;
    let tx = &mut t;
    let row = readable(tx, caller, id).await?;
    let rules = crate::rules_cache::rules_in(tx, caller.org_id()).await?;
    let mut out = Vec::new();
    for a in store::authors(tx, &row.id).await? {
        let stored = ledger::load(tx, caller.org_id(), &a.person_id).await?;
        for aw in stored.awards.iter().filter(|x| !x.revoked) {
            out.push(Target {
                target_type: "award".into(),
                target_id: aw.id.clone(),
                person_id: a.person_id.clone(),
                label: format!("{}: {}", a.full_name, award_label(rules.catalog(), aw)),
            });
        }
        for n in store::nominations_of(tx, caller.org_id(), &a.person_id).await? {
            out.push(Target {
                target_type: "nomination".into(),
                target_id: n.id,
                person_id: a.person_id.clone(),
                label: format!(
                    "{}: {}",
                    a.full_name,
                    nomination_label(rules.catalog(), &n.code, n.year)
                ),
            });
        }
    }
    t.commit().await?;
    Ok(out)
}

/// The target named by `input`, if it belongs to an author: (person, label).
async fn resolve(
    tx: &mut Tx,
    caller: &Caller,
    row: &InitiativeRow,
    input: &UseInput,
) -> Result<(String, String)> {
    let authors = store::authors(tx, &row.id).await?;
    let is_author = |p: &str| authors.iter().any(|a| a.person_id == p);
    let rules = crate::rules_cache::rules_in(tx, caller.org_id()).await?;
    let not_theirs = || {
        refuse("Hãy chọn một danh hiệu, hình thức khen thưởng hoặc hồ sơ đề nghị của một tác giả sáng kiến này.".into())
    };
    let id = input.target_id.trim();
    match input.target_type.trim() {
        "award" => {
            let a = ledger::get_award(tx, caller.org_id(), id)
                .await
                .map_err(|_| not_theirs())?;
            if a.subject_type != "person" || !is_author(&a.subject_id) || a.revoked {
                return Err(not_theirs());
            }
            Ok((a.subject_id.clone(), award_label(rules.catalog(), &a)))
        }
        "nomination" => {
            let n = nominations::get(tx, caller.org_id(), id)
                .await
                .map_err(|_| not_theirs())?;
            match n.person_id {
                Some(p) if is_author(&p) => {
                    Ok((p, nomination_label(rules.catalog(), &n.code, n.year)))
                }
                _ => Err(not_theirs()),
            }
        }
        _ => Err(refuse(
            "Hãy chọn danh hiệu, hình thức khen thưởng (award) hoặc hồ sơ đề nghị (nomination)."
                .into(),
        )),
    }
}

/// Uses the initiative as the basis of the target; refused when it was used before (naming that use)
/// or is not recognised.
pub async fn use_as_basis(db: &Db, caller: &Caller, id: &str, input: &UseInput) -> Result<UseRow> {
    let mut t = db.begin().await?;
    let tx = &mut t;
    let row = readable(tx, caller, id).await?;
    caller.authorize(Action::UseInitiative {
        org_id: caller.org_id(),
        unit_path: &row.unit_path,
    })?;
    // Taken first: a use arriving at the same time waits here, then sees this one.
    store::lock(tx, caller.org_id(), id).await?;
    let first = store::use_of(tx, id).await?;
    let status = Status::parse(&row.status).unwrap_or(Status::Proposed);
    may_use(status, first.as_ref().map(|u| u.label.as_str())).map_err(refuse)?;
    let (person_id, label) = resolve(tx, caller, &row, input).await?;
    let u = UseRow {
        id: ids::new_id(),
        org_id: caller.org_id().into(),
        initiative_id: id.into(),
        target_type: input.target_type.trim().into(),
        target_id: input.target_id.trim().into(),
        person_id,
        label,
        created_by_name: caller.author(),
        created_at: ids::now(),
    };
    store::insert_use(tx, &u).await?;
    if u.target_type == "award" {
        store::mark_ledger_used(tx, id, &u.target_id).await?;
    }
    Audit::new("initiative.use", "initiative", id, &row.name)
        .after(&u)
        .write(tx, caller)
        .await?;
    t.commit().await?;
    Ok(u)
}

//! The higher level's answer to a forwarded dossier: awarded or not, by which decision. An award is
//! written into the nominee's award history (so it counts toward the next chain), in the same
//! transaction as the answer and its audit row; a second answer for the same dossier is refused.

use crate::error::{Error, Result};
use crate::{Audit, Caller};
use serde::{Deserialize, Serialize};
use thidua_domain::Validation;
use thidua_domain::date::{iso, parse as parse_date, vn};
use thidua_domain::policy::Action;
use thidua_store::forward_answers::{self, AnswerRow};
use thidua_store::ledger;
use thidua_store::nominations;
use thidua_store::{Db, StoreError, decisions, ids};

/// What the higher level answered.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AnswerInput {
    /// Awarded (`true`) or not (`false`).
    pub awarded: bool,
    /// Number of the higher level's decision, e.g. `1234/QĐ-UBND` (required when awarded).
    pub decision_no: String,
    /// Its date, `dd/mm/yyyy` (required when awarded).
    pub decided_on: String,
    /// Who signed it, e.g. `Chủ tịch UBND thành phố Hà Nội` (required when awarded).
    pub issuer: String,
    /// Số sổ vàng the higher level gave, if any.
    pub golden_book_no: String,
    /// Why not awarded (required then), or a remark.
    pub note: String,
}

struct Checked {
    decision_no: Option<String>,
    decided_on: Option<time::Date>,
    issuer: Option<String>,
    golden: Option<i64>,
    note: Option<String>,
}

fn check(input: &AnswerInput, v: &mut Validation) -> Checked {
    let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let (decision_no, issuer, note) = (
        text(&input.decision_no),
        text(&input.issuer),
        text(&input.note),
    );
    let decided_on = text(&input.decided_on).and_then(|d| {
        let parsed = parse_date(&d);
        if parsed.is_none() {
            v.add(
                "decided_on",
                "Ngày quyết định",
                "Ngày quyết định phải có dạng ngày/tháng/năm, ví dụ 15/01/2026.",
            );
        }
        parsed
    });
    if input.awarded {
        for (value, field, label) in [
            (
                decision_no.is_some(),
                "decision_no",
                "Số quyết định của cấp trên",
            ),
            (
                decided_on.is_some() || !input.decided_on.trim().is_empty(),
                "decided_on",
                "Ngày quyết định",
            ),
            (issuer.is_some(), "issuer", "Cấp quyết định"),
        ] {
            if !value {
                v.add(
                    field,
                    label,
                    format!(
                        "Hãy nhập {} khi cấp trên đã khen thưởng.",
                        label.to_lowercase()
                    ),
                );
            }
        }
    } else if note.is_none() {
        v.add(
            "note",
            "Lý do",
            "Hãy ghi lý do cấp trên không khen thưởng (theo văn bản trả lời).",
        );
    }
    let golden = crate::honours::golden_book_no(v, &input.golden_book_no);
    if decided_on.is_some_and(|d| d > crate::today()) {
        v.add(
            "decided_on",
            "Ngày quyết định",
            "Ngày quyết định ở sau ngày hôm nay.",
        );
    }
    Checked {
        decision_no,
        decided_on,
        issuer,
        golden,
        note,
    }
}

/// Records the higher level's answer to the forwarded nomination `id`.
pub async fn record(db: &Db, caller: &Caller, id: &str, input: &AnswerInput) -> Result<AnswerRow> {
    caller.authorize(Action::Appraise {
        org_id: caller.org_id(),
    })?;
    let mut v = Validation::new();
    let c = check(input, &mut v);
    let mut tx = db.begin().await?;
    let forward = decisions::forward(&mut tx, caller.org_id(), id).await?;
    let n = nominations::get(&mut tx, caller.org_id(), id).await?;
    if let Some(d) = c.decided_on
        && iso(d).as_str() < &forward.created_at[..10]
    {
        v.add(
            "decided_on",
            "Ngày quyết định",
            format!(
                "Ngày quyết định {} ở trước ngày trình cấp trên ({}).",
                vn(d),
                thidua_domain::date::iso_to_vn(&forward.created_at[..10])
            ),
        );
    }
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    let row = AnswerRow {
        nomination_id: n.id.clone(),
        org_id: caller.org_id().into(),
        awarded: input.awarded,
        decision_no: c.decision_no.clone(),
        decided_on: c.decided_on.map(iso),
        issuer: c.issuer.clone(),
        golden_book_no: c.golden,
        note: c.note.clone(),
        recorded_by: caller.user_ref(),
        recorded_at: ids::now(),
    };
    match forward_answers::insert(&mut tx, &row).await {
        Err(StoreError::Duplicate(_)) => {
            let mut v = Validation::new();
            v.add(
                "awarded",
                "Kết quả",
                "Đã ghi kết quả của cấp trên cho hồ sơ này.",
            );
            return Err(Error::Invalid(v));
        }
        r => r?,
    }
    if input.awarded
        && let Some(a) = super::award_for(
            caller.org_id(),
            &n,
            &super::AwardSource {
                decision_no: c.decision_no.clone(),
                decision_date: c.decided_on.map(iso),
                issuer: c.issuer.clone(),
                golden_book_no: c.golden,
            },
        )
    {
        ledger::insert_award(&mut tx, &a).await?;
    }
    let label = format!(
        "{} — {}",
        n.achievement,
        if input.awarded {
            "cấp trên khen thưởng"
        } else {
            "cấp trên không khen thưởng"
        }
    );
    Audit::new("nomination.higher_answer", "nomination", &n.id, &label)
        .after(&row)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}

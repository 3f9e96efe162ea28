//! Facts of a dossier only a person can confirm — the nominee took part in the movement, exceeded the
//! targets, … (the rule set's `assert` criteria). The appraising officer says whether each holds, with
//! the reason; the eligibility answer kept with the nomination is computed again with it, so it is
//! decided instead of "Chưa xác định" for ever, and the basis is kept (and audited).

use super::submit::{Warning, checks_of};
use super::visible;
use crate::Audit;
use crate::Caller;
use crate::error::{Error, Result};
use crate::rules_cache::rules_in;
use serde::{Deserialize, Serialize};
use thidua_domain::Validation;
use thidua_domain::policy::Action;
use thidua_rules::{Proposal, Rules, Subject};
use thidua_store::nomination_facts::{self, FactRow};
use thidua_store::nominations::{self as store, NominationRow};
use thidua_store::{Db, ids};

/// A fact to confirm and what was said about it, if anything.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FactView {
    /// The rule set's key, e.g. `tham_gia_phong_trao`.
    pub key: String,
    /// The criterion in Vietnamese.
    pub text: String,
    /// `true` confirmed, `false` rejected, absent: not said yet.
    pub holds: Option<bool>,
    pub note: String,
    pub confirmed_by: String,
    pub confirmed_at: String,
}

/// A confirmation or rejection.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct FactInput {
    pub key: String,
    /// `"1"` (holds) or `"0"` (does not); the API also takes a boolean.
    pub holds: serde_json::Value,
    /// The basis: what was checked (report, minutes, confirmation of the unit…).
    pub note: String,
}

/// States in which the standing office appraises a dossier.
pub const APPRAISED: [&str; 3] = ["submitted", "accepted", "on_agenda"];

/// The facts of the dossier's form, with what was confirmed.
pub async fn facts(db: &Db, caller: &Caller, nomination_id: &str) -> Result<Vec<FactView>> {
    let mut tx = db.begin_read().await?;
    let (v, _) = visible(&mut tx, caller, nomination_id).await?;
    let rules = rules_in(&mut tx, caller.org_id()).await?;
    let rows = nomination_facts::of_nomination(&mut tx, caller.org_id(), nomination_id).await?;
    tx.commit().await?;
    Ok(asked(&rules, &v.row)?
        .into_iter()
        .map(|(key, text)| {
            let said = rows.iter().find(|r| r.fact_key == key);
            FactView {
                holds: said.map(|r| r.holds),
                note: said.map(|r| r.note.clone()).unwrap_or_default(),
                confirmed_by: said
                    .map(|r| r.confirmed_by_name.clone())
                    .unwrap_or_default(),
                confirmed_at: said.map(|r| r.confirmed_at.clone()).unwrap_or_default(),
                key,
                text,
            }
        })
        .collect())
}

/// The facts the rules in force ask a person to confirm for the dossier's form.
fn asked(rules: &Rules, row: &NominationRow) -> Result<Vec<(String, String)>> {
    let subject = match row.nominee_type.as_str() {
        "person" => Subject::Individual,
        "unit" => Subject::Collective,
        _ => Subject::Household,
    };
    let year = i32::try_from(row.year).unwrap_or(0);
    let p = Proposal::new(
        row.code.as_str(),
        year,
        crate::today(),
        thidua_rules::Jurisdiction::national(),
    );
    rules
        .assertions(&p, subject)
        .map_err(|e| Error::Rejected(e.to_string()))
}

fn holds_of(v: &serde_json::Value) -> Option<bool> {
    match v {
        serde_json::Value::Bool(b) => Some(*b),
        serde_json::Value::String(s) if s == "1" || s == "true" => Some(true),
        serde_json::Value::String(s) if s == "0" || s == "false" => Some(false),
        _ => None,
    }
}

/// Records the officer's answer on one fact, then the dossier's eligibility answer again with it.
pub async fn confirm(
    db: &Db,
    caller: &Caller,
    nomination_id: &str,
    input: &FactInput,
) -> Result<Vec<FactView>> {
    caller.authorize(Action::Appraise {
        org_id: caller.org_id(),
    })?;
    let mut v = Validation::new();
    let holds = holds_of(&input.holds);
    if holds.is_none() {
        v.add("holds", "Kết luận", "Hãy chọn Đạt hoặc Không đạt.");
    }
    let note = v.required_text("note", "Căn cứ xác nhận", &input.note, 2000);
    let mut tx = db.begin().await?;
    let (view, _) = visible(&mut tx, caller, nomination_id).await?;
    if !APPRAISED.contains(&view.row.status.as_str()) {
        v.add(
            "status",
            "Trạng thái",
            "Chỉ xác nhận điều kiện khi hồ sơ đang được thẩm định (đã gửi, đã tiếp nhận hoặc chờ họp Hội đồng).",
        );
    }
    let rules = rules_in(&mut tx, caller.org_id()).await?;
    let key = input.key.trim();
    let Some((_, text)) = asked(&rules, &view.row)?
        .into_iter()
        .find(|(k, _)| k == key)
    else {
        v.add(
            "key",
            "Điều kiện cần xác nhận",
            "Đây không phải điều kiện cần người xác nhận của danh hiệu, hình thức trong hồ sơ.",
        );
        return Err(Error::Invalid(v));
    };
    let Some(holds) = holds.filter(|_| v.is_ok()) else {
        return Err(Error::Invalid(v));
    };
    let before = nomination_facts::of_nomination(&mut tx, caller.org_id(), nomination_id)
        .await?
        .into_iter()
        .find(|r| r.fact_key == key);
    let row = FactRow {
        nomination_id: nomination_id.to_string(),
        org_id: caller.org_id().to_string(),
        fact_key: key.to_string(),
        holds,
        note,
        confirmed_by: caller.user_ref(),
        confirmed_by_name: caller.author(),
        confirmed_at: ids::now(),
    };
    nomination_facts::put(&mut tx, &row).await?;
    Audit::new(
        "nomination.fact_confirm",
        "nomination",
        nomination_id,
        &text,
    )
    .before_opt(before.as_ref())
    .after(&row)
    .write(&mut tx, caller)
    .await?;
    tx.commit().await?;
    // The kept answer is derived data: the fact is saved whatever happens here, and the answer is
    // computed again at the next confirmation or submission.
    if let Err(e) = refresh_checks(db, caller, nomination_id).await {
        tracing::warn!(
            "nomination {nomination_id}: eligibility not recomputed: {}",
            e.message()
        );
    }
    facts(db, caller, nomination_id).await
}

/// The dossier's eligibility answer computed again (with its confirmed facts) and kept with it; what
/// fails is kept as «Không đạt» for the council to see.
async fn refresh_checks(db: &Db, caller: &Caller, nomination_id: &str) -> Result<()> {
    let mut tx = db.begin_read().await?;
    let (v, _) = visible(&mut tx, caller, nomination_id).await?;
    tx.commit().await?;
    let (failed, mut warnings) = checks_of(db, caller, &v).await?;
    warnings.extend(failed.errors.iter().map(|e| Warning {
        check: "eligibility",
        message: format!("Không đạt: {}", e.message),
    }));
    let mut tx = db.begin().await?;
    let fresh = store::get(&mut tx, caller.org_id(), nomination_id).await?;
    if !APPRAISED.contains(&fresh.status.as_str()) {
        return Ok(());
    }
    store::update(
        &mut tx,
        &NominationRow {
            checks_json: serde_json::to_string(&warnings).ok(),
            ..fresh
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

//! Decisions of award (step 8 of the process): the chairman, or the standing office on his behalf,
//! decides passed nominations this body has authority for (số sổ vàng 1..n, reward money at the
//! decision date, a public verification code per line, one award in the history per line); a
//! decision line can later be revoked (Law Điều 93). Forms of a higher authority are forwarded
//! instead ([`forward`]); decided awards are published ([`public`]).

mod decide;
pub(crate) use decide::fresh_code as fresh_verify_code;
pub mod form;
pub mod forward;
pub mod forward_answer;
mod forward_papers;
pub mod public;
pub mod read;
mod timing;

pub use decide::decide;
pub use form::{Candidate, Candidates, candidates, issuer, proposed_number};
pub use read::{DecisionView, ForwardSummary, YearTotal, forwards, get, list, year_totals};

use super::Audit;
use crate::Caller;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use thidua_domain::Validation;
use thidua_domain::nomination::{NominationAction, NominationStatus, Part};
use thidua_domain::policy::Action;
use thidua_rules::{Code, Subject};
use thidua_store::decisions;
use thidua_store::ledger::{self, AwardRow};
use thidua_store::nominations::{self, NominationRow};
use thidua_store::{Db, Tx};

/// A decision as typed; dates `dd/mm/yyyy` or `yyyy-mm-dd`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct DecisionInput {
    /// Số quyết định, unique within the organisation, e.g. `125/QĐ-UBND`.
    pub number: String,
    /// Signing date.
    pub signed_on: String,
    /// Cơ quan ban hành, e.g. `Ủy ban nhân dân quận Hai Bà Trưng`.
    pub issuer: String,
    /// Chức vụ người ký, e.g. `Chủ tịch`.
    pub signer_title: String,
    pub signer_name: String,
    /// "Quyết định về việc khen thưởng …"; a default is made when empty.
    pub title: String,
    /// Place of signing (printed on certificates).
    pub place: String,
    /// Passed nominations, in the order of the lines (số sổ vàng 1..n).
    pub nomination_ids: Vec<String>,
}

/// Why a decision line or a whole decision is revoked.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct RevokeInput {
    /// Lý do hủy (Luật TĐKT Điều 93: khai man, giả mạo hồ sơ, thẩm định sai, vi phạm phát hiện sau).
    pub reason: String,
    /// Number of the revoking decision, e.g. `45/QĐ-UBND`.
    pub revoking_decision: String,
}

/// The decision an award in the history comes from: this body's or a higher level's.
pub struct AwardSource {
    pub decision_no: Option<String>,
    /// ISO date.
    pub decision_date: Option<String>,
    pub issuer: Option<String>,
    pub golden_book_no: Option<i64>,
}

/// The award a decided nomination records in its person's or unit's history (none for a household).
pub fn award_for(
    org_id: &str,
    n: &thidua_store::nominations::NominationRow,
    from: &AwardSource,
) -> Option<thidua_store::ledger::AwardRow> {
    let (subject_type, subject_id) = match (
        n.nominee_type.as_str(),
        n.person_id.as_deref(),
        n.unit_id.as_deref(),
    ) {
        ("person", Some(s), _) => ("person", s),
        ("unit", _, Some(s)) => ("unit", s),
        _ => return None,
    };
    let owner = thidua_store::ledger::Owner {
        org_id,
        subject_type,
        subject_id,
    };
    let mut a = thidua_store::ledger::AwardRow::new(&owner, &n.code, n.year);
    a.kind = n.kind.clone();
    a.decision_no = from.decision_no.clone();
    a.decision_date = from.decision_date.clone();
    a.issuer = from.issuer.clone();
    a.golden_book_no = from.golden_book_no;
    a.achievement_id = n.achievement_key.clone();
    a.achievement = Some(n.achievement.clone());
    Some(a)
}

/// The rules subject of a nominee type.
pub fn subject_of(nominee_type: &str) -> Subject {
    match nominee_type {
        "unit" => Subject::Collective,
        "household" => Subject::Household,
        _ => Subject::Individual,
    }
}

/// The Vietnamese name of a catalog code under the organisation's `rules` (the code itself when
/// unknown).
pub fn award_name(rules: &thidua_rules::Rules, code: &str) -> String {
    crate::nominations::code_name(rules, code)
}

/// The catalog level of a unit level: `province` → `tinh`, `district` → `huyen`, `commune` → `xa`.
fn catalog_level(unit_level: &str) -> &str {
    match unit_level {
        "province" => "tinh",
        "district" => "huyen",
        "commune" | "grassroots" => "xa",
        other => other,
    }
}

/// The level this body decides at, from its root unit.
pub async fn body_level(tx: &mut Tx, org_id: &str) -> Result<String> {
    Ok(decisions::body(tx, org_id)
        .await?
        .map(|(l, _)| catalog_level(&l).to_string())
        .unwrap_or_default())
}

/// The name of this body (its root unit).
/// The place printed before the date ("Hà Nội, ngày …") from the body's name: what follows the
/// kind of body and its level, e.g. «Ủy ban nhân dân thành phố Hà Nội» → «Hà Nội».
pub fn place_of(body: &str) -> String {
    let mut rest = body.trim();
    for prefix in ["Ủy ban nhân dân", "UBND"] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r.trim_start();
        }
    }
    for level in [
        "thành phố",
        "tỉnh",
        "quận",
        "huyện",
        "thị xã",
        "phường",
        "xã",
        "đặc khu",
    ] {
        if let Some(r) = rest.strip_prefix(level) {
            return r.trim().to_string();
        }
    }
    rest.to_string()
}

pub async fn body_name(tx: &mut Tx, org_id: &str) -> Result<String> {
    Ok(decisions::body(tx, org_id)
        .await?
        .map(|(_, n)| n)
        .unwrap_or_default())
}

/// `Ok(())` when a body at `level` may decide `code` on `date`; otherwise the deciders who may.
pub fn authority(
    rules: &thidua_rules::Rules,
    code: &str,
    level: &str,
    date: time::Date,
) -> Result<(), String> {
    let entry = rules.catalog().find(code);
    let Some(entry) = entry else {
        return Err(String::new());
    };
    if entry
        .authorities
        .iter()
        .any(|a| a.level.as_str() == level && a.valid_on(date))
    {
        return Ok(());
    }
    let deciders: Vec<&str> = entry
        .authorities
        .iter()
        .filter(|a| a.valid_on(date))
        .map(|a| a.decider.as_str())
        .collect();
    Err(deciders.join("; "))
}

/// Reward money of one line: `None` when the catalog sets no multiplier (shown "chưa có mức").
pub fn line_amount(
    rules: &thidua_rules::Rules,
    code: &str,
    nominee_type: &str,
    date: time::Date,
) -> Option<i64> {
    rules
        .reward(&Code::new(code), subject_of(nominee_type), date)
        .ok()
        .map(|r| r.amount)
}

/// The nominee's display name.
pub async fn nominee_name(tx: &mut Tx, caller: &Caller, n: &NominationRow) -> Result<String> {
    Ok(match (n.person_id.as_deref(), n.unit_id.as_deref()) {
        (Some(p), _) => {
            thidua_store::persons::get(tx, caller.org_id(), p)
                .await?
                .full_name
        }
        (None, Some(u)) => thidua_store::units::get(tx, caller.org_id(), u).await?.name,
        _ => n.household_name.clone().unwrap_or_default(),
    })
}

async fn revoke_one(
    tx: &mut Tx,
    caller: &Caller,
    line_id: &str,
    reason: &str,
    by: &str,
) -> Result<()> {
    let l = decisions::line(tx, caller.org_id(), line_id).await?;
    if l.revoked_at.is_some() {
        let mut v = Validation::new();
        v.add(
            "reason",
            "Lý do hủy",
            format!(
                "Khen thưởng số sổ vàng {} của {} đã bị hủy trước đó.",
                l.golden_book_no, l.nominee_name
            ),
        );
        return Err(Error::Invalid(v));
    }
    let n = nominations::get(tx, caller.org_id(), &l.nomination_id).await?;
    let status = NominationStatus::parse(&n.status)
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("unknown nomination status")))?;
    status
        .apply(NominationAction::Revoke, &[Part::Decider])
        .map_err(Error::Rejected)?;
    let author = caller.author();
    decisions::revoke_line(tx, &l.id, reason, by, &author).await?;
    let note = format!("Hủy theo Quyết định số {by}: {reason}");
    nominations::set_status(
        tx,
        &n,
        n.version,
        NominationStatus::Revoked.code(),
        NominationAction::Revoke.code(),
        (&caller.user.id, &author),
        Some(&note),
        false,
    )
    .await?;
    if let Some(award_id) = &l.award_id {
        let before = ledger::get_award(tx, caller.org_id(), award_id).await?;
        let after = ledger::update_award(
            tx,
            &AwardRow {
                revoked: true,
                ..before.clone()
            },
        )
        .await?;
        Audit::new(
            "ledger.award.update",
            &before.subject_type,
            &before.subject_id,
            &l.nominee_name,
        )
        .before(&before)
        .after(&after)
        .write(tx, caller)
        .await?;
    }
    let rules = crate::rules_cache::rules_in(tx, caller.org_id()).await?;
    let text = format!(
        "Khen thưởng {} của {} (Quyết định số {}) đã bị hủy theo Quyết định số {by}.",
        award_name(&rules, &l.code),
        l.nominee_name,
        l.number
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
    let after = decisions::line(tx, caller.org_id(), &l.id).await?;
    Audit::new(
        "decision.revoke",
        "decision",
        &l.decision_id,
        &format!("{} — {}", l.number, l.nominee_name),
    )
    .before(&l)
    .after(&after)
    .write(tx, caller)
    .await?;
    Ok(())
}

fn check_revoke(input: &RevokeInput) -> Result<(String, String)> {
    let mut v = Validation::new();
    let reason = v.required_text("reason", "Lý do hủy", &input.reason, 2000);
    let by = v.required_text(
        "revoking_decision",
        "Số quyết định hủy",
        &input.revoking_decision,
        100,
    );
    Ok(v.finish((reason, by))?)
}

/// Revokes one line of a decision (Law Điều 93).
pub async fn revoke_line(
    db: &Db,
    caller: &Caller,
    decision_id: &str,
    line_id: &str,
    input: &RevokeInput,
) -> Result<()> {
    caller.authorize(Action::Decide {
        org_id: caller.org_id(),
    })?;
    let (reason, by) = check_revoke(input)?;
    let mut tx = db.begin().await?;
    let l = decisions::line(&mut tx, caller.org_id(), line_id).await?;
    if l.decision_id != decision_id {
        return Err(Error::NotFound);
    }
    revoke_one(&mut tx, caller, line_id, &reason, &by).await?;
    tx.commit().await?;
    Ok(())
}

/// Revokes every line of a decision not yet revoked.
pub async fn revoke_decision(
    db: &Db,
    caller: &Caller,
    decision_id: &str,
    input: &RevokeInput,
) -> Result<usize> {
    caller.authorize(Action::Decide {
        org_id: caller.org_id(),
    })?;
    let (reason, by) = check_revoke(input)?;
    let mut tx = db.begin().await?;
    decisions::get(&mut tx, caller.org_id(), decision_id).await?;
    let open: Vec<String> = decisions::lines(&mut tx, decision_id)
        .await?
        .into_iter()
        .filter(|l| l.revoked_at.is_none())
        .map(|l| l.id)
        .collect();
    for id in &open {
        revoke_one(&mut tx, caller, id, &reason, &by).await?;
    }
    tx.commit().await?;
    Ok(open.len())
}

#[cfg(test)]
mod tests {
    #[test]
    fn place_is_the_name_after_the_level() {
        assert_eq!(
            super::place_of("Ủy ban nhân dân thành phố Hà Nội"),
            "Hà Nội"
        );
        assert_eq!(
            super::place_of("Ủy ban nhân dân quận Hai Bà Trưng"),
            "Hai Bà Trưng"
        );
        assert_eq!(
            super::place_of("Trường THCS Ngô Gia Tự"),
            "Trường THCS Ngô Gia Tự"
        );
    }
}

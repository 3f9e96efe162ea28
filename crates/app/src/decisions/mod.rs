//! Decisions of award (step 8 of the process): the chairman, or the standing office on his behalf,
//! decides passed nominations this body has authority for (số sổ vàng 1..n, reward money at the
//! decision date, a public verification code per line, one award in the history per line); a
//! decision line can later be revoked (Law Điều 93). Forms of a higher authority are forwarded
//! instead ([`forward`]); decided awards are published ([`public`]).

pub mod form;
pub mod forward;
pub mod public;
pub mod read;

pub use form::{Candidate, Candidates, candidates, issuer};
pub use read::{DecisionView, ForwardSummary, YearTotal, forwards, get, list, year_totals};

use super::{Audit, with_field};
use crate::Caller;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use thidua_domain::Validation;
use thidua_domain::date::{iso, parse as parse_date};
use thidua_domain::nomination::{NominationAction, NominationStatus, Part};
use thidua_domain::policy::Action;
use thidua_rules::{Code, Subject};
use thidua_store::decisions::{self, DecisionRow, LineRow};
use thidua_store::ledger::{self, AwardRow, Owner};
use thidua_store::nominations::{self, NominationRow};
use thidua_store::{Db, Tx, ids};

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

/// A short random code from an alphabet without look-alike characters (no 0/O, 1/I/L).
fn verify_code() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..8)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

async fn fresh_code(tx: &mut Tx) -> Result<String> {
    loop {
        let code = verify_code();
        if !decisions::code_taken(tx, &code).await? {
            return Ok(code);
        }
    }
}

struct Checked {
    number: String,
    date: time::Date,
    issuer: String,
    signer_title: Option<String>,
    signer_name: String,
    /// `None`: made from the nominations' years (see [`default_title`]).
    title: Option<String>,
    place: Option<String>,
}

fn check_fields(input: &DecisionInput, v: &mut Validation) -> Option<Checked> {
    let number = v.required_text("number", "Số quyết định", &input.number, 100);
    let date = match input.signed_on.trim() {
        "" => {
            v.add("signed_on", "Ngày ký", "Hãy nhập ngày ký quyết định.");
            None
        }
        raw => {
            let d = parse_date(raw);
            if d.is_none() {
                v.add(
                    "signed_on",
                    "Ngày ký",
                    "Ngày ký không có thật hoặc không đúng dạng ngày/tháng/năm, ví dụ 15/01/2026.",
                );
            }
            d
        }
    };
    let issuer = v.required_text("issuer", "Cơ quan ban hành", &input.issuer, 300);
    let signer_title =
        v.optional_text("signer_title", "Chức vụ người ký", &input.signer_title, 200);
    let signer_name = v.required_text("signer_name", "Người ký", &input.signer_name, 200);
    let title = v.optional_text("title", "Trích yếu", &input.title, 500);
    let place = v.optional_text("place", "Địa danh", &input.place, 200);
    if input.nomination_ids.is_empty() {
        v.add(
            "nomination_ids",
            "Hồ sơ được khen thưởng",
            "Hãy chọn ít nhất một hồ sơ đã được Hội đồng thông qua.",
        );
    }
    let date = date?;
    Some(Checked {
        number,
        date,
        issuer,
        signer_title,
        signer_name,
        title,
        place,
    })
}

/// "Quyết định về việc khen thưởng thành tích năm 2026" (or "năm 2025, 2026"): the years of the
/// achievements decided, not of the signing day (year-end awards are often signed in January).
fn default_title(years: impl Iterator<Item = i64>) -> String {
    let mut years: Vec<i64> = years.collect();
    years.sort_unstable();
    years.dedup();
    let years: Vec<String> = years.iter().map(i64::to_string).collect();
    format!(
        "Quyết định về việc khen thưởng thành tích năm {}",
        years.join(", ")
    )
}

/// Makes a decision from passed nominations: all of it, or nothing with the reasons.
pub async fn decide(db: &Db, caller: &Caller, input: &DecisionInput) -> Result<DecisionRow> {
    caller.authorize(Action::Decide {
        org_id: caller.org_id(),
    })?;
    let mut v = Validation::new();
    let checked = check_fields(input, &mut v);
    let mut tx = db.begin().await?;
    let Some(c) = checked else {
        return Err(Error::Invalid(v));
    };
    if decisions::number_taken(&mut tx, caller.org_id(), &c.number).await? {
        v.add(
            "number",
            "Số quyết định",
            format!(
                "Số quyết định «{}» đã được dùng cho một quyết định khác.",
                c.number
            ),
        );
    }
    let level = body_level(&mut tx, caller.org_id()).await?;
    // Authority and money under the organisation's rules (its edited catalog and base salaries).
    let rules = crate::rules_cache::rules_in(&mut tx, caller.org_id()).await?;
    let mut picked: Vec<(NominationRow, String)> = Vec::new();
    for id in &input.nomination_ids {
        if picked.iter().any(|(n, _)| &n.id == id) {
            continue;
        }
        let n = match nominations::get(&mut tx, caller.org_id(), id).await {
            Ok(n) => n,
            Err(thidua_store::StoreError::NotFound) => {
                v.add(
                    "nomination_ids",
                    "Hồ sơ được khen thưởng",
                    "Không tìm thấy một hồ sơ được chọn.",
                );
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let name = nominee_name(&mut tx, caller, &n).await?;
        let status = NominationStatus::parse(&n.status)
            .ok_or_else(|| Error::Internal(anyhow::anyhow!("unknown nomination status")))?;
        if let Err(e) = status.apply(NominationAction::Decide, &[Part::Decider]) {
            v.add(
                "nomination_ids",
                "Hồ sơ được khen thưởng",
                format!("{name}: {e}"),
            );
        } else if let Err(who) = authority(&rules, &n.code, &level, c.date) {
            v.add("nomination_ids", "Hồ sơ được khen thưởng", format!("{name}: «{}» không thuộc thẩm quyền quyết định của đơn vị vào ngày ký ({who}); hãy trình cấp trên.", award_name(&rules, &n.code)));
        }
        picked.push((n, name));
    }
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    let now = ids::now();
    let signed_on = iso(c.date);
    let mut d = DecisionRow {
        id: ids::new_id(),
        org_id: caller.org_id().into(),
        number: c.number,
        signed_on: signed_on.clone(),
        issuer: c.issuer,
        signer_title: c.signer_title,
        signer_name: c.signer_name,
        title: c
            .title
            .unwrap_or_else(|| default_title(picked.iter().map(|(n, _)| n.year))),
        place: c.place,
        total_amount: 0,
        version: 1,
        created_by: caller.user_ref(),
        created_at: now.clone(),
        updated_at: now,
    };
    let mut lines = Vec::with_capacity(picked.len());
    for (i, (n, _)) in picked.iter().enumerate() {
        let golden = i64::try_from(i + 1).unwrap_or(i64::MAX);
        let amount = line_amount(&rules, &n.code, &n.nominee_type, c.date);
        d.total_amount += amount.unwrap_or(0);
        let award_id = match (
            n.nominee_type.as_str(),
            n.person_id.as_deref(),
            n.unit_id.as_deref(),
        ) {
            ("person", Some(s), _) | ("unit", _, Some(s)) => {
                let subject_type = if n.nominee_type == "person" {
                    "person"
                } else {
                    "unit"
                };
                let mut a = AwardRow::new(
                    &Owner {
                        org_id: caller.org_id(),
                        subject_type,
                        subject_id: s,
                    },
                    &n.code,
                    n.year,
                );
                a.kind = n.kind.clone();
                a.decision_no = Some(d.number.clone());
                a.decision_date = Some(signed_on.clone());
                a.issuer = Some(d.issuer.clone());
                a.golden_book_no = Some(golden);
                a.achievement_id = n.achievement_key.clone();
                a.achievement = Some(n.achievement.clone());
                Some(a)
            }
            _ => None,
        };
        let line = LineRow {
            id: ids::new_id(),
            decision_id: d.id.clone(),
            nomination_id: n.id.clone(),
            golden_book_no: golden,
            amount,
            verify_code: fresh_code(&mut tx).await?,
            award_id: award_id.as_ref().map(|a| a.id.clone()),
            revoked_at: None,
            revoked_reason: None,
            revoked_by: None,
            revoked_by_user: None,
        };
        lines.push((line, award_id));
    }
    decisions::insert(&mut tx, &d).await?;
    let author = caller.author();
    let note = format!(
        "Quyết định số {} ngày {}",
        d.number,
        thidua_domain::date::vn(c.date)
    );
    for ((line, award), (n, name)) in lines.iter().zip(&picked) {
        if let Some(a) = award {
            ledger::insert_award(&mut tx, a).await?;
        }
        decisions::insert_line(&mut tx, line).await?;
        nominations::set_status(
            &mut tx,
            n,
            n.version,
            NominationStatus::Decided.code(),
            NominationAction::Decide.code(),
            (&caller.user.id, &author),
            Some(&note),
            false,
        )
        .await?;
        let text = format!(
            "Hồ sơ đề nghị khen thưởng {name} ({}) đã có {note}.",
            award_name(&rules, &n.code)
        );
        decisions::notify(
            &mut tx,
            caller.org_id(),
            Some(&n.nominating_unit_id),
            None,
            &text,
            &format!("/nominations/{}", n.id),
        )
        .await?;
    }
    for l in decisions::lines(&mut tx, &d.id).await? {
        let text = thidua_domain::text::fold(&format!(
            "{} {} {} {}",
            l.nominee_name,
            l.unit_name,
            l.number,
            award_name(&rules, &l.code)
        ));
        decisions::set_search_text(&mut tx, &l.id, &text).await?;
    }
    let line_rows: Vec<&LineRow> = lines.iter().map(|(l, _)| l).collect();
    Audit::new("decision.create", "decision", &d.id, &d.number)
        .after(&with_field(&d, "lines", &line_rows))
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(d)
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

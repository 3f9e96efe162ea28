//! Making a decision from passed nominations: the fields checked, every nomination checked (its
//! state, this body's authority on the signing date), then the decision, its lines (số sổ vàng 1..n,
//! reward money, a verification code), one award in the history per line, the nominations decided and
//! their units notified, all in one transaction with the audit row.

use super::{DecisionInput, authority, award_name, body_level, line_amount, nominee_name};
use crate::error::{Error, Result};
use crate::{Audit, Caller, registers, with_field};
use thidua_domain::Validation;
use thidua_domain::date::{iso, parse as parse_date};
use thidua_domain::nomination::{NominationAction, NominationStatus, Part};
use thidua_domain::policy::Action;
use thidua_rules::Rules;
use thidua_store::decisions::{self, DecisionRow, LineRow};
use thidua_store::ledger::{self, AwardRow};
use thidua_store::nominations::{self, NominationRow};
use thidua_store::{Db, Tx, ids};

/// A short random code from an alphabet without look-alike characters (no 0/O, 1/I/L).
fn verify_code() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..8)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

pub(crate) async fn fresh_code(tx: &mut Tx) -> Result<String> {
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

/// A nomination picked for the decision, with its nominee's display name.
type Picked = (NominationRow, String);

/// A line of the decision with the award it records in the history (none for a household).
type Line = (LineRow, Option<AwardRow>);

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
    // Authority and money under the organisation's rules (its edited catalog and base salaries).
    let rules = crate::rules_cache::rules_in(&mut tx, caller.org_id()).await?;
    super::timing::not_in_future(c.date, &mut v);
    super::timing::body_exists(&mut tx, caller.org_id(), c.date, &mut v).await?;
    let picked = pick(&mut tx, caller, input, &rules, c.date, &mut v).await?;
    let date = c.date;
    let mut d = decision_row(caller, c, &picked);
    // The number in the register of decisions, in this transaction (refused when taken that year).
    let issue = registers::Issue {
        kind: "decision",
        number: &d.number,
        date,
        summary: &d.title,
        subject: Some(("decision", &d.id)),
        field: "number",
        label: "Số quyết định",
    };
    registers::record(&mut tx, caller, &issue, &mut v).await?;
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    let lines = make_lines(&mut tx, caller, &rules, date, &picked, &mut d).await?;
    decisions::insert(&mut tx, &d).await?;
    record_lines(&mut tx, caller, &rules, date, &d, &lines, &picked).await?;
    index_lines(&mut tx, &rules, &d.id).await?;
    let line_rows: Vec<&LineRow> = lines.iter().map(|(l, _)| l).collect();
    Audit::new("decision.create", "decision", &d.id, &d.number)
        .after(&with_field(&d, "lines", &line_rows))
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(d)
}

/// The chosen nominations (each once, in the order given); what cannot be decided is added to `v`
/// (not found, not passed, beyond this body's authority on `date`).
async fn pick(
    tx: &mut Tx,
    caller: &Caller,
    input: &DecisionInput,
    rules: &Rules,
    date: time::Date,
    v: &mut Validation,
) -> Result<Vec<Picked>> {
    let level = body_level(tx, caller.org_id()).await?;
    let mut picked: Vec<Picked> = Vec::new();
    for id in &input.nomination_ids {
        if picked.iter().any(|(n, _)| &n.id == id) {
            continue;
        }
        let n = match nominations::get(tx, caller.org_id(), id).await {
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
        let name = nominee_name(tx, caller, &n).await?;
        let status = NominationStatus::parse(&n.status)
            .ok_or_else(|| Error::Internal(anyhow::anyhow!("unknown nomination status")))?;
        if let Err(e) = status.apply(NominationAction::Decide, &[Part::Decider]) {
            v.add(
                "nomination_ids",
                "Hồ sơ được khen thưởng",
                format!("{name}: {e}"),
            );
        } else if let Err(who) = authority(rules, &n.code, &level, date) {
            v.add("nomination_ids", "Hồ sơ được khen thưởng", format!("{name}: «{}» không thuộc thẩm quyền quyết định của đơn vị vào ngày ký ({who}); hãy trình cấp trên.", award_name(rules, &n.code)));
        } else {
            super::timing::not_before_dossier(tx, &n, &name, date, v).await?;
        }
        picked.push((n, name));
    }
    Ok(picked)
}

/// The decision row from the checked fields (the total is added line by line).
fn decision_row(caller: &Caller, c: Checked, picked: &[Picked]) -> DecisionRow {
    let now = ids::now();
    DecisionRow {
        id: ids::new_id(),
        org_id: caller.org_id().into(),
        number: c.number,
        signed_on: iso(c.date),
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
    }
}

/// The award a line records in the person's or unit's history (none for a household).
fn award_of(caller: &Caller, d: &DecisionRow, n: &NominationRow, golden: i64) -> Option<AwardRow> {
    super::award_for(
        caller.org_id(),
        n,
        &super::AwardSource {
            decision_no: Some(d.number.clone()),
            decision_date: Some(d.signed_on.clone()),
            issuer: Some(d.issuer.clone()),
            golden_book_no: Some(golden),
        },
    )
}

/// The lines in số sổ vàng order with their money on `date` (added to the decision's total) and a
/// fresh verification code each.
async fn make_lines(
    tx: &mut Tx,
    caller: &Caller,
    rules: &Rules,
    date: time::Date,
    picked: &[Picked],
    d: &mut DecisionRow,
) -> Result<Vec<Line>> {
    let mut lines = Vec::with_capacity(picked.len());
    for (i, (n, _)) in picked.iter().enumerate() {
        let golden = i64::try_from(i + 1).unwrap_or(i64::MAX);
        let amount = line_amount(rules, &n.code, &n.nominee_type, date);
        d.total_amount += amount.unwrap_or(0);
        let award = award_of(caller, d, n, golden);
        let line = LineRow {
            id: ids::new_id(),
            decision_id: d.id.clone(),
            nomination_id: n.id.clone(),
            golden_book_no: golden,
            amount,
            verify_code: fresh_code(tx).await?,
            award_id: award.as_ref().map(|a| a.id.clone()),
            revoked_at: None,
            revoked_reason: None,
            revoked_by: None,
            revoked_by_user: None,
        };
        lines.push((line, award));
    }
    Ok(lines)
}

/// Writes each line and its award, moves each nomination to decided and notifies its unit.
async fn record_lines(
    tx: &mut Tx,
    caller: &Caller,
    rules: &Rules,
    date: time::Date,
    d: &DecisionRow,
    lines: &[Line],
    picked: &[Picked],
) -> Result<()> {
    let author = caller.author();
    let note = format!(
        "Quyết định số {} ngày {}",
        d.number,
        thidua_domain::date::vn(date)
    );
    for ((line, award), (n, name)) in lines.iter().zip(picked) {
        if let Some(a) = award {
            ledger::insert_award(tx, a).await?;
        }
        decisions::insert_line(tx, line).await?;
        nominations::set_status(
            tx,
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
    }
    Ok(())
}

/// The search text of each line of the decision (for the public honour roll), without diacritics.
async fn index_lines(tx: &mut Tx, rules: &Rules, decision_id: &str) -> Result<()> {
    for l in decisions::lines(tx, decision_id).await? {
        let text = thidua_domain::text::fold(&format!(
            "{} {} {} {}",
            l.nominee_name,
            l.unit_name,
            l.number,
            award_name(rules, &l.code)
        ));
        decisions::set_search_text(tx, &l.id, &text).await?;
    }
    Ok(())
}

//! Sending a nomination, with every check of the dossier (Law Điều 84 and the plan): the campaign's
//! nomination deadline, the nominating unit's quota, the required documents, eligibility by the rules
//! engine, the same achievement nominated twice. A blocking failure refuses and saves nothing; warnings
//! ("Chưa xác định", plan notes) are kept with the nomination in `checks_json`.

use super::{NominationView, dossier, label, notify, status_of_row, view_of, view_with, visible};
use crate::Audit;
use crate::Caller;
use crate::campaigns::{date_of, invalid, today_vn};
use crate::error::{Error, Result};
use crate::honours::{self, EligibilityInput, SubjectKind};
use crate::rules_cache::rules_in;
use serde::Serialize;
use thidua_domain::Validation;
use thidua_domain::date::vn;
use thidua_domain::nomination::{NominationAction, NominationStatus, Part};
use thidua_rules::{Outcome, Severity, Verdict};
use thidua_store::nomination_facts::{self, FactRow};
use thidua_store::nominations::{self as store, NominationRow};
use thidua_store::notifications::Addressee;
use thidua_store::{Db, Tx, campaign_parts, campaigns, ledger, persons, units};

/// A warning kept with the nomination.
#[derive(Debug, Clone, Serialize)]
pub struct Warning {
    pub check: &'static str,
    pub message: String,
}

/// Sends the nomination: to the theme's lead unit when it has one, else to the standing office.
///
/// The rules engine and the plan's notes are slow and read-only, so they run first, outside the write
/// lock. Then one transaction re-reads the dossier, checks what other submissions can change (the
/// quota, the same achievement, the deadline, the documents) and writes: two officers sending at the
/// same instant cannot both pass a quota.
pub async fn submit(
    db: &Db,
    caller: &Caller,
    id: &str,
    version: i64,
) -> Result<(NominationView, Vec<Warning>)> {
    let (mut blocking, warnings) = slow_checks(db, caller, id, version).await?;
    let mut tx = db.begin().await?;
    let (v, parts) = visible(&mut tx, caller, id).await?;
    let (action, to) = submit_transition(&v, &parts, version)?;
    let via_theme_lead = v.row.route_unit_id.is_some();
    if let Some(cid) = &v.row.campaign_id {
        campaigns::lock(&mut tx, cid).await?;
    }
    deadline_check(&mut tx, &v.row, &mut blocking).await?;
    quota_check(&mut tx, caller, &v, &mut blocking).await?;
    dossier::missing_check(&mut tx, &v.row, &mut blocking).await?;
    same_achievement_check(&mut tx, caller, &v.row, &mut blocking).await?;
    same_nominee_check(&mut tx, caller, &v, &mut blocking).await?;
    if !blocking.is_ok() {
        return Err(Error::Invalid(blocking));
    }
    let returned = v.row.status == "returned";
    let checks_json = serde_json::to_string(&warnings).ok();
    let saved = store::update(
        &mut tx,
        &NominationRow {
            checks_json,
            version,
            ..v.row.clone()
        },
    )
    .await?;
    let after = store::set_status(
        &mut tx,
        &saved,
        saved.version,
        to.code(),
        action.code(),
        (&caller.user.id, &caller.author()),
        None,
        returned,
    )
    .await?;
    let rules = rules_in(&mut tx, caller.org_id()).await?;
    Audit::new(
        "nomination.submit",
        "nomination",
        &after.id,
        &label(&rules, &v.nominee_name, &after),
    )
    .before(&v.row)
    .after(&after)
    .write(&mut tx, caller)
    .await?;
    let text = format!(
        "Hồ sơ đề nghị {} cho {} của {} chờ {}.",
        v.code_name,
        v.nominee_name,
        v.unit_name,
        if via_theme_lead {
            "đơn vị chủ trì chuyên đề tổng hợp"
        } else {
            "thẩm định"
        }
    );
    match &after.route_unit_id {
        Some(lead) => notify(&mut tx, caller, Addressee::Unit(lead), &text, id).await?,
        None => {
            notify(
                &mut tx,
                caller,
                Addressee::Role("standing_office"),
                &text,
                id,
            )
            .await?
        }
    }
    let view = view_with(&mut tx, &rules, caller.org_id(), after).await?;
    tx.commit().await?;
    Ok((view, warnings))
}

/// The step a submission makes from the dossier's state, refused when stale or not this user's part.
fn submit_transition(
    v: &NominationView,
    parts: &[Part],
    version: i64,
) -> Result<(NominationAction, NominationStatus)> {
    let action = NominationAction::Submit {
        via_theme_lead: v.row.route_unit_id.is_some(),
    };
    let from = status_of_row(&v.row);
    if v.row.version != version {
        return Err(Error::Conflict);
    }
    if from
        .transition(action)
        .is_some_and(|(p, _)| !parts.contains(&p))
    {
        return Err(Error::Forbidden);
    }
    let to = from
        .apply(action, parts)
        .map_err(|m| invalid("status", "Trạng thái", m))?;
    Ok((action, to))
}

/// The read-only checks that take time (the rules engine) and the plan's notes, before any lock.
async fn slow_checks(
    db: &Db,
    caller: &Caller,
    id: &str,
    version: i64,
) -> Result<(Validation, Vec<Warning>)> {
    let mut tx = db.begin_read().await?;
    let (v, parts) = visible(&mut tx, caller, id).await?;
    submit_transition(&v, &parts, version)?;
    tx.commit().await?;
    checks_of(db, caller, &v).await
}

/// The plan's notes and the rules engine's answer for a dossier, with its documents and the facts the
/// appraising officer confirmed on it: failures in the first list, what stays open in the second.
pub(super) async fn checks_of(
    db: &Db,
    caller: &Caller,
    v: &NominationView,
) -> Result<(Validation, Vec<Warning>)> {
    let mut tx = db.begin_read().await?;
    let mut warnings = Vec::new();
    notes_check(&mut tx, caller, v, &mut warnings).await?;
    let rules = rules_in(&mut tx, caller.org_id()).await?;
    let docs = store::documents(&mut tx, &v.row.id).await?;
    let present = dossier::present_codes(&rules, &v.row, &docs);
    let facts = nomination_facts::of_nomination(&mut tx, caller.org_id(), &v.row.id).await?;
    tx.commit().await?;
    let mut blocking = Validation::new();
    let found = (present, facts.as_slice());
    eligibility_check(db, caller, &v.row, found, &mut blocking, &mut warnings).await?;
    Ok((blocking, warnings))
}

/// One achievement is nominated once: another live dossier with the
/// same achievement refuses this one.
async fn same_achievement_check(
    tx: &mut Tx,
    caller: &Caller,
    row: &NominationRow,
    blocking: &mut Validation,
) -> Result<()> {
    let Some(key) = &row.achievement_key else {
        return Ok(());
    };
    if let Some((other, status)) =
        store::same_achievement(tx, caller.org_id(), key, &row.id).await?
    {
        let o = store::get(tx, caller.org_id(), &other).await?;
        let name = view_of(tx, caller.org_id(), o).await?.nominee_name;
        blocking.add("achievement_key", "Thành tích", format!("Thành tích này đã được đề nghị khen thưởng trong hồ sơ khác ({name}, trạng thái «{}»); một thành tích chỉ được đề nghị một lần.", super::status_label(&status)));
    }
    Ok(())
}

/// One achievement is rewarded once and by one form (Luật TĐKT Điều 5(2)(c)): the same person or
/// unit nominated again for the same form and year in the same campaign is refused.
async fn same_nominee_check(
    tx: &mut Tx,
    caller: &Caller,
    n: &NominationView,
    blocking: &mut Validation,
) -> Result<()> {
    let key = store::NomineeKey {
        org_id: caller.org_id(),
        person_id: n.row.person_id.as_deref(),
        unit_id: n.row.unit_id.as_deref(),
        code: &n.row.code,
        year: n.row.year,
        campaign_id: n.row.campaign_id.as_deref(),
    };
    if let Some((_, status)) = store::same_nominee(tx, &key, &n.row.id).await? {
        blocking.add("nominee", "Đối tượng đề nghị", format!("{} đã có hồ sơ đề nghị «{}» năm {} {} (trạng thái «{}»); một thành tích chỉ được khen thưởng một lần, bằng một hình thức (Luật Thi đua, khen thưởng Điều 5 khoản 2 điểm c).", n.nominee_name, n.code_name, n.row.year, if n.row.campaign_id.is_some() { "trong kế hoạch này" } else { "ngoài kế hoạch" }, super::status_label(&status)));
    }
    Ok(())
}

/// The campaign's nomination deadline (the latest of kind `nomination`) must not have passed.
async fn deadline_check(tx: &mut Tx, row: &NominationRow, v: &mut Validation) -> Result<()> {
    let Some(cid) = &row.campaign_id else {
        return Ok(());
    };
    let last = campaign_parts::deadlines(tx, cid)
        .await?
        .into_iter()
        .filter(|d| d.kind == "nomination")
        .map(|d| date_of(&d.due_on))
        .max();
    if let Some(due) = last
        && today_vn() > due
    {
        v.add(
            "campaign_id",
            "Hạn gửi hồ sơ",
            format!(
                "Đã hết hạn gửi hồ sơ đề nghị khen thưởng của kế hoạch (hạn chót {}).",
                vn(due)
            ),
        );
    }
    Ok(())
}

/// The quota of the nominating unit (by unit or by unit kind): refuses the one over the limit, naming
/// the quota and the nominations already sent.
async fn quota_check(
    tx: &mut Tx,
    caller: &Caller,
    n: &NominationView,
    v: &mut Validation,
) -> Result<()> {
    let Some(cid) = &n.row.campaign_id else {
        return Ok(());
    };
    let unit = units::get(tx, caller.org_id(), &n.row.nominating_unit_id).await?;
    // Live nominations of the same kind of nominee, each nominee once (a person in two dossiers is
    // one of the quota), this dossier's own nominee aside.
    let own = n
        .row
        .person_id
        .clone()
        .or_else(|| n.row.unit_id.clone())
        .or_else(|| n.row.household_name.clone())
        .unwrap_or_else(|| n.row.id.clone());
    let mut sent: Vec<store::QuotaRow> = Vec::new();
    for r in store::counted_for_quota(tx, cid, &unit.id).await? {
        if r.0 != n.row.id
            && r.1 == n.row.nominee_type
            && r.3 != own
            && !sent.iter().any(|s| s.3 == r.3)
        {
            sent.push(r);
        }
    }
    for q in campaigns::quotas(tx, cid).await? {
        let applies = q.unit_id.as_deref() == Some(unit.id.as_str())
            || q.unit_kind.as_deref() == Some(unit.kind.as_str());
        let (max, what) = match n.row.nominee_type.as_str() {
            "unit" => (q.collectives_max, "tập thể"),
            "person" => (q.individuals_max, "cá nhân"),
            _ => (None, ""),
        };
        if let Some(max) = max.filter(|_| applies)
            && sent.len() as i64 >= max
        {
            let names: Vec<&str> = sent.iter().map(|r| r.2.as_str()).collect();
            v.add("quota", "Chỉ tiêu khen thưởng", format!("Vượt chỉ tiêu của kế hoạch «{}: tối đa {max:02} {what}»: {} đã gửi {} {what} ({}).", q.who, unit.name, sent.len(), names.join(", ")));
        }
    }
    Ok(())
}

/// Plan notes shown as warnings: a head of unit's nomination with the collective's result; a campaign
/// nomination for a routine yearly title.
async fn notes_check(
    tx: &mut Tx,
    caller: &Caller,
    n: &NominationView,
    w: &mut Vec<Warning>,
) -> Result<()> {
    let entry = rules_in(tx, caller.org_id())
        .await?
        .catalog()
        .find(&n.row.code)
        .cloned();
    if n.row.kind == "campaign" && entry.as_ref().is_some_and(|e| e.routine) {
        w.push(Warning { check: "routine", message: format!("«{}» là danh hiệu xét hằng năm; đề nghị khen thưởng theo đợt, chuyên đề cho danh hiệu này cần được cân nhắc.", n.code_name) });
    }
    dossier_notes(tx, caller, n, w).await?;
    if let Some(pid) = &n.row.person_id {
        let p = persons::get(tx, caller.org_id(), pid).await?;
        let position = thidua_domain::text::fold(p.position.as_deref().unwrap_or(""));
        let head = [
            "chu tich",
            "truong phong",
            "giam doc",
            "hieu truong",
            "thu truong",
            "chanh thanh tra",
            "bi thu",
        ]
        .iter()
        .any(|h| position.starts_with(h));
        if head {
            let unit = units::get(tx, caller.org_id(), &p.unit_id).await?;
            let rating = ledger::load(tx, caller.org_id(), &unit.id)
                .await?
                .ratings
                .into_iter()
                .find(|r| r.year == n.row.year)
                .map(|r| r.rating);
            let result = rating
                .as_deref()
                .and_then(honours::parse_code::<thidua_rules::Rating>)
                .map_or("chưa có xếp loại", |r| r.label());
            w.push(Warning {
                check: "head_of_unit",
                message: format!(
                    "{} là người đứng đầu đơn vị; kết quả của tập thể {} năm {}: {result}.",
                    p.full_name, unit.name, n.row.year
                ),
            });
        }
    }
    Ok(())
}

/// Documents the catalog does not list but the Law asks for: the managing body's consent when the
/// nominee is outside the nominating unit; tax and social-insurance confirmation for an enterprise.
async fn dossier_notes(
    tx: &mut Tx,
    caller: &Caller,
    n: &NominationView,
    w: &mut Vec<Warning>,
) -> Result<()> {
    let (path, enterprise) = match (&n.row.person_id, &n.row.unit_id) {
        (Some(p), _) => (persons::get(tx, caller.org_id(), p).await?.unit_path, false),
        (None, Some(u)) => {
            let unit = units::get(tx, caller.org_id(), u).await?;
            (unit.path, unit.kind == "enterprise")
        }
        _ => return Ok(()),
    };
    if !thidua_domain::org::is_within(&path, &n.unit_path) {
        w.push(Warning {
            check: "outside_unit",
            message: format!(
                "{} không thuộc {}: hồ sơ cần có ý kiến của cơ quan, đơn vị quản lý trực tiếp.",
                n.nominee_name, n.unit_name
            ),
        });
    }
    if enterprise {
        w.push(Warning { check: "enterprise", message: format!("{} là doanh nghiệp: hồ sơ cần xác nhận của cơ quan thuế và bảo hiểm xã hội về việc chấp hành nghĩa vụ nộp thuế, bảo hiểm.", n.nominee_name) });
    }
    Ok(())
}

/// Eligibility by the rules engine: a failing blocking rule refuses; undecided rules are warnings.
async fn eligibility_check(
    db: &Db,
    caller: &Caller,
    row: &NominationRow,
    (documents, facts): (Vec<String>, &[FactRow]),
    v: &mut Validation,
    w: &mut Vec<Warning>,
) -> Result<()> {
    let (kind, id) = match (&row.person_id, &row.unit_id) {
        (Some(p), _) => (SubjectKind::Person, p),
        (None, Some(u)) => (SubjectKind::Unit, u),
        _ => return Ok(()),
    };
    let input = EligibilityInput {
        code: row.code.clone(),
        year: row.year.to_string(),
        // The deciding body is this organisation's or, for a forwarded dossier, one above: not asked.
        ..Default::default()
    };
    // The dossier's own facts: the engine checks the documents it has (not "not checked"), the
    // kind (campaign awards never count toward chains) and the achievement (never rewarded twice).
    let nomination_kind = honours::parse_code::<thidua_rules::NominationKind>(&row.kind);
    let (_, eval) = honours::evaluate_with(db, caller, kind, id, &input, |p| {
        p.documents = Some(documents);
        if let Some(k) = nomination_kind {
            p.kind = k;
        }
        if row.procedure == "simplified" {
            p.procedure = thidua_rules::Procedure::Simplified;
        }
        p.achievement_id = row.achievement_key.clone();
        // What the appraising officer confirmed or rejected (over what the person's kind decides).
        for f in facts {
            p.assertions.insert(f.fact_key.clone(), f.holds);
        }
    })
    .await?;
    for c in &eval.checks {
        match (c.outcome, c.severity) {
            (Outcome::Fail, Severity::Blocking) => {
                v.add("eligibility", "Điều kiện khen thưởng", c.message.clone())
            }
            (Outcome::Unknown, Severity::Blocking | Severity::Warning) => w.push(Warning {
                check: "eligibility",
                message: format!("Chưa xác định: {}", c.message),
            }),
            _ => {}
        }
    }
    if eval.verdict == Verdict::Ineligible && v.is_ok() {
        v.add(
            "eligibility",
            "Điều kiện khen thưởng",
            format!("{}: {}", eval.name, Verdict::Ineligible.label()),
        );
    }
    Ok(())
}

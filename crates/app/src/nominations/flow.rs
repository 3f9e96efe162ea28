//! The steps after sending: the theme lead forwards or returns, the standing office returns or accepts
//! (possibly for a lower form), the unit withdraws before appraisal. Each asks the state machine.
//! [`bulk`] accepts or returns many nominations at once, all in one transaction.

use super::{NominationView, code_name, label, notify, status_of_row, view_with, visible_with};
use crate::Audit;
use crate::Caller;
use crate::campaigns::invalid;
use crate::error::{Error, Result};
use crate::rules_cache::rules_in;
use thidua_domain::Validation;
use thidua_domain::nomination::{NominationAction, NominationStatus, Part};
use thidua_domain::policy::{Action, Denied};
use thidua_rules::{Rules, Subject};
use thidua_store::nominations::{self as store, NominationRow};
use thidua_store::notifications::Addressee;
use thidua_store::{Db, Tx};

/// The next state for `action`, or 403 when the user plays no part that may take it (and the policy
/// says so), or 422 with the state machine's reason.
fn next(
    v: &NominationView,
    parts: &[Part],
    action: NominationAction,
    version: i64,
) -> Result<NominationStatus> {
    let from = status_of_row(&v.row);
    // Someone changed it since it was read (two officers on the same dossier): told before anything else.
    if v.row.version != version && !parts.is_empty() {
        return Err(Error::Conflict);
    }
    if let Some((part, _)) = from.transition(action)
        && !parts.contains(&part)
    {
        return Err(Error::Forbidden);
    }
    from.apply(action, parts)
        .map_err(|m| invalid("status", "Trạng thái", m))
}

/// Applies the transition and writes the audit row.
#[allow(clippy::too_many_arguments)] // one flat call per transition
async fn step(
    tx: &mut Tx,
    caller: &Caller,
    rules: &Rules,
    v: &NominationView,
    version: i64,
    action: NominationAction,
    to: NominationStatus,
    note: Option<&str>,
) -> Result<NominationRow> {
    let after = store::set_status(
        tx,
        &v.row,
        version,
        to.code(),
        action.code(),
        (&caller.user.id, &caller.author()),
        note,
        false,
    )
    .await?;
    Audit::new(
        &format!("nomination.{}", action.code()),
        "nomination",
        &after.id,
        &label(rules, &v.nominee_name, &after),
    )
    .before(&v.row)
    .after(&after)
    .write(tx, caller)
    .await?;
    Ok(after)
}

const RETURN_REASON: (&str, &str, &str) = (
    "note",
    "Lý do trả lại",
    "Hãy ghi rõ lý do trả lại và những gì đơn vị cần bổ sung, sửa đổi.",
);

fn reasons(note: &str) -> Result<String> {
    let n = thidua_domain::text::clean(note);
    if n.is_empty() {
        return Err(invalid(RETURN_REASON.0, RETURN_REASON.1, RETURN_REASON.2));
    }
    Ok(n)
}

/// The unit takes its nomination back before appraisal.
pub async fn withdraw(db: &Db, caller: &Caller, id: &str, version: i64) -> Result<NominationView> {
    let mut tx = db.begin().await?;
    let rules = rules_in(&mut tx, caller.org_id()).await?;
    let (v, parts) = visible_with(&mut tx, caller, &rules, id).await?;
    let to = next(&v, &parts, NominationAction::Withdraw, version)?;
    let after = step(
        &mut tx,
        caller,
        &rules,
        &v,
        version,
        NominationAction::Withdraw,
        to,
        None,
    )
    .await?;
    let view = view_with(&mut tx, &rules, caller.org_id(), after).await?;
    tx.commit().await?;
    Ok(view)
}

/// The theme's lead unit forwards the nomination to the standing office.
pub async fn forward(db: &Db, caller: &Caller, id: &str, version: i64) -> Result<NominationView> {
    let mut tx = db.begin().await?;
    let rules = rules_in(&mut tx, caller.org_id()).await?;
    let (v, parts) = visible_with(&mut tx, caller, &rules, id).await?;
    let to = next(&v, &parts, NominationAction::Forward, version)?;
    let after = step(
        &mut tx,
        caller,
        &rules,
        &v,
        version,
        NominationAction::Forward,
        to,
        None,
    )
    .await?;
    let text = format!(
        "Hồ sơ đề nghị {} cho {} đã được đơn vị chủ trì chuyển, chờ thẩm định.",
        v.code_name, v.nominee_name
    );
    notify(
        &mut tx,
        caller,
        Addressee::Role("standing_office"),
        &text,
        id,
    )
    .await?;
    let view = view_with(&mut tx, &rules, caller.org_id(), after).await?;
    tx.commit().await?;
    Ok(view)
}

/// The theme lead or the standing office sends the nomination back with reasons (the unit fixes it
/// and resubmits: a new round).
pub async fn return_back(
    db: &Db,
    caller: &Caller,
    id: &str,
    version: i64,
    note: &str,
) -> Result<NominationView> {
    let mut tx = db.begin().await?;
    let rules = rules_in(&mut tx, caller.org_id()).await?;
    let (v, parts) = visible_with(&mut tx, caller, &rules, id).await?;
    let to = next(&v, &parts, NominationAction::Return, version)?;
    let note = reasons(note)?;
    let view = return_in(&mut tx, caller, &rules, &v, version, to, &note).await?;
    tx.commit().await?;
    Ok(view)
}

/// The return itself, inside the caller's transaction (`to` from [`next`], `note` checked).
async fn return_in(
    tx: &mut Tx,
    caller: &Caller,
    rules: &Rules,
    v: &NominationView,
    version: i64,
    to: NominationStatus,
    note: &str,
) -> Result<NominationView> {
    let after = step(
        tx,
        caller,
        rules,
        v,
        version,
        NominationAction::Return,
        to,
        Some(note),
    )
    .await?;
    let text = format!(
        "Hồ sơ đề nghị {} cho {} bị trả lại: {note}",
        v.code_name, v.nominee_name
    );
    notify(
        tx,
        caller,
        Addressee::Unit(&v.row.nominating_unit_id),
        &text,
        &v.row.id,
    )
    .await?;
    view_with(tx, rules, caller.org_id(), after).await
}

/// The standing office accepts the nomination, for the form asked or for a lower one (`lower_code`).
pub async fn accept(
    db: &Db,
    caller: &Caller,
    id: &str,
    version: i64,
    lower_code: Option<&str>,
    note: Option<&str>,
) -> Result<NominationView> {
    caller.authorize(Action::Appraise {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let rules = rules_in(&mut tx, caller.org_id()).await?;
    let (v, parts) = visible_with(&mut tx, caller, &rules, id).await?;
    let to = next(&v, &parts, NominationAction::Accept, version)?;
    let view = accept_in(&mut tx, caller, &rules, &v, (version, to), lower_code, note).await?;
    tx.commit().await?;
    Ok(view)
}

/// The acceptance itself, inside the caller's transaction (`to` from [`next`]).
async fn accept_in(
    tx: &mut Tx,
    caller: &Caller,
    rules: &Rules,
    v: &NominationView,
    (version, to): (i64, NominationStatus),
    lower_code: Option<&str>,
    note: Option<&str>,
) -> Result<NominationView> {
    let mut row = v.row.clone();
    let mut version = version;
    if let Some(code) = lower_code
        .map(|c| c.trim().to_uppercase())
        .filter(|c| !c.is_empty() && *c != v.row.code)
    {
        check_lower(rules, &v.row, &code)?;
        let level = crate::decisions::body_level(tx, caller.org_id()).await?;
        if let Err(deciders) = super::lowering::reachable(rules, &code, &level, crate::today()) {
            return Err(invalid(
                "code",
                "Hình thức thấp hơn",
                super::lowering::refusal(&code_name(rules, &code), &deciders, &v.unit_name),
            ));
        }
        row.original_code = Some(
            v.row
                .original_code
                .clone()
                .unwrap_or_else(|| v.row.code.clone()),
        );
        row.code = code;
        row.search_text = row.make_search_text(&v.nominee_name);
        row.version = version;
        let updated = store::update(tx, &row).await?;
        version = updated.version;
        row = updated;
    }
    let lowered = row
        .original_code
        .as_deref()
        .filter(|_| row.code != v.row.code)
        .map(|o| {
            format!(
                "Chấp nhận ở hình thức thấp hơn: {} thay cho {}.",
                code_name(rules, &row.code),
                code_name(rules, o)
            )
        });
    let note = [
        lowered,
        note.map(thidua_domain::text::clean)
            .filter(|n| !n.is_empty()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let current = NominationView { row, ..v.clone() };
    let after = step(
        tx,
        caller,
        rules,
        &current,
        version,
        NominationAction::Accept,
        to,
        Some(&note).filter(|n| !n.is_empty()).map(String::as_str),
    )
    .await?;
    let text = format!(
        "Hồ sơ đề nghị {} cho {} đã được thẩm định, chờ Hội đồng xét.",
        code_name(rules, &after.code),
        v.nominee_name
    );
    notify(
        tx,
        caller,
        Addressee::Unit(&v.row.nominating_unit_id),
        &text,
        &v.row.id,
    )
    .await?;
    view_with(tx, rules, caller.org_id(), after).await
}

/// What a bulk appraisal does to every nomination picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkAction {
    Accept,
    Return,
}

impl BulkAction {
    /// `accept` or `return`.
    pub fn parse(code: &str) -> Option<Self> {
        match code.trim() {
            "accept" => Some(Self::Accept),
            "return" => Some(Self::Return),
            _ => None,
        }
    }

    fn transition(self) -> NominationAction {
        match self {
            Self::Accept => NominationAction::Accept,
            Self::Return => NominationAction::Return,
        }
    }
}

/// One nomination of a bulk appraisal: its id and, when given, the version read (a nomination
/// changed since then is refused).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkItem {
    pub id: String,
    pub version: Option<i64>,
}

/// The most nominations one bulk appraisal takes.
pub const BULK_MAX: usize = 1000;

const PICKED: (&str, &str) = ("ids", "Hồ sơ được chọn");

/// The standing office accepts (with `note` as the appraisal's remark, if any), or returns with `note`
/// as the reason for all (required), the nominations picked, in one transaction: every one of them,
/// or none, with each refusal naming its nomination (not found, changed since it was read, or in a
/// state the action does not apply to). The list page and the API both call this.
pub async fn bulk(
    db: &Db,
    caller: &Caller,
    action: &str,
    items: &[BulkItem],
    note: &str,
) -> Result<Vec<NominationView>> {
    let mut v = Validation::new();
    let action = BulkAction::parse(action);
    if action.is_none() {
        v.add(
            "action",
            "Thao tác",
            "Hãy chọn thao tác: chấp nhận (accept) hoặc trả lại (return).",
        );
    }
    let mut picked: Vec<BulkItem> = Vec::with_capacity(items.len());
    for item in items {
        let id = item.id.trim();
        if !id.is_empty() && !picked.iter().any(|p| p.id == id) {
            picked.push(BulkItem {
                id: id.to_string(),
                version: item.version,
            });
        }
    }
    if picked.is_empty() {
        v.add(
            PICKED.0,
            PICKED.1,
            "Hãy chọn ít nhất một hồ sơ chờ thẩm định.",
        );
    } else if picked.len() > BULK_MAX {
        v.add(
            PICKED.0,
            PICKED.1,
            format!("Mỗi lần xử lý tối đa {BULK_MAX} hồ sơ; hãy chia thành nhiều lần."),
        );
    }
    let note = thidua_domain::text::clean(note);
    if action == Some(BulkAction::Return) && note.is_empty() {
        v.add(RETURN_REASON.0, RETURN_REASON.1, RETURN_REASON.2);
    }
    let Some(action) = action.filter(|_| v.is_ok()) else {
        return Err(Error::Invalid(v));
    };
    caller.authorize(Action::Appraise {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let rules = rules_in(&mut tx, caller.org_id()).await?;
    let mut ready = Vec::with_capacity(picked.len());
    let mut refused = Validation::new();
    for item in &picked {
        match check_one(&mut tx, caller, &rules, item, action.transition()).await? {
            Ok(r) => ready.push(r),
            Err(message) => refused.add(PICKED.0, PICKED.1, message),
        }
    }
    if !refused.is_ok() {
        return Err(Error::Invalid(refused));
    }
    let mut out = Vec::with_capacity(ready.len());
    for (n, version, to) in &ready {
        let done = match action {
            BulkAction::Accept => {
                accept_in(
                    &mut tx,
                    caller,
                    &rules,
                    n,
                    (*version, *to),
                    None,
                    Some(&note),
                )
                .await
            }
            BulkAction::Return => return_in(&mut tx, caller, &rules, n, *version, *to, &note).await,
        };
        match done {
            Ok(view) => out.push(view),
            // Changed by someone else between the check and the change: nothing is kept.
            Err(Error::Conflict) => return Err(invalid(PICKED.0, PICKED.1, stale(n))),
            Err(e) => return Err(e),
        }
    }
    tx.commit().await?;
    Ok(out)
}

fn stale(n: &NominationView) -> String {
    format!(
        "Hồ sơ {} — {}: vừa được người khác cập nhật sau khi danh sách được tải; hãy tải lại danh sách rồi chọn lại.",
        n.nominee_name, n.code_name
    )
}

/// A picked nomination checked for the bulk action: ready (with the version to change and the next
/// state), or the reason it is refused, naming it.
async fn check_one(
    tx: &mut Tx,
    caller: &Caller,
    rules: &Rules,
    item: &BulkItem,
    action: NominationAction,
) -> Result<Result<(NominationView, i64, NominationStatus), String>> {
    let (v, parts) = match visible_with(tx, caller, rules, &item.id).await {
        Ok(found) => found,
        Err(Error::NotFound) => {
            return Ok(Err(format!("Không tìm thấy hồ sơ đề nghị «{}».", item.id)));
        }
        Err(e) => return Err(e),
    };
    let version = item.version.unwrap_or(v.row.version);
    Ok(match next(&v, &parts, action, version) {
        Ok(to) => Ok((v, version, to)),
        Err(Error::Conflict) => Err(stale(&v)),
        Err(Error::Forbidden) => Err(format!(
            "Hồ sơ {} — {}: {}",
            v.nominee_name,
            v.code_name,
            Denied::NotAllowed.message()
        )),
        Err(Error::Invalid(m)) => Err(format!(
            "Hồ sơ {} — {}: {}",
            v.nominee_name,
            v.code_name,
            m.errors
                .iter()
                .map(|e| e.message.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        )),
        Err(e) => return Err(e),
    })
}

/// A lower form must be in the catalog, rank below the form asked, and accept the nominee.
fn check_lower(rules: &Rules, row: &NominationRow, code: &str) -> Result<()> {
    let catalog = rules.catalog();
    let field = ("code", "Hình thức thấp hơn");
    let Some(lower) = catalog.find(code) else {
        return Err(invalid(
            field.0,
            field.1,
            format!("Mã «{code}» không có trong danh mục."),
        ));
    };
    let asked = catalog.find(row.original_code.as_deref().unwrap_or(&row.code));
    let subject = match row.nominee_type.as_str() {
        "person" => Subject::Individual,
        "unit" => Subject::Collective,
        _ => Subject::Household,
    };
    if asked.is_some_and(|a| lower.rank >= a.rank) {
        return Err(invalid(
            field.0,
            field.1,
            format!("{} không thấp hơn hình thức đã đề nghị.", lower.name),
        ));
    }
    if !lower.accepts(subject) {
        return Err(invalid(
            field.0,
            field.1,
            format!("{} không dành cho {}.", lower.name, subject.label()),
        ));
    }
    Ok(())
}

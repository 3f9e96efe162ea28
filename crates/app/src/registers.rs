//! Numbering registers (sổ đăng ký văn bản): per organisation, document kind and year, the numbers
//! given. A number is "{seq}/{symbol}" (Decree 30/2020: numbers run from 01 on 1 January). The next one
//! is proposed and may be overridden; the same number twice in one register is refused, inside the
//! transaction that issues the document, so two users at the same instant cannot both take it.

use crate::doc_settings::{self, KINDS};
use crate::error::{Error, Result};
use crate::{Audit, Caller};
use serde::{Deserialize, Serialize};
use thidua_domain::Validation;
use thidua_domain::date::{iso, parse as parse_date};
use thidua_domain::policy::Action;
use thidua_store::registers::{self as store, EntryRow};
use thidua_store::{Db, StoreError, Tx, ids};
use time::Date;

/// The order number a document number begins with: 12 of "12/QĐ-UBND" (also "012/…", "12 /…").
pub fn seq_of(number: &str) -> Option<i64> {
    let digits: String = number
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok().filter(|n| *n > 0)
}

/// The Vietnamese name of a register kind, `None` for an unknown kind.
pub fn kind_name(kind: &str) -> Option<&'static str> {
    KINDS.iter().find(|(k, _)| *k == kind).map(|(_, n)| *n)
}

/// The number proposed for the next document of `kind` dated `date`: "13/QĐ-UBND".
pub async fn proposed_in(tx: &mut Tx, org_id: &str, kind: &str, date: Date) -> Result<String> {
    let settings = doc_settings::get_in(tx, org_id).await?;
    let next = store::next_seq(tx, org_id, kind, i64::from(date.year())).await?;
    Ok(format!("{next}/{}", settings.symbol(kind)))
}

/// What a number is recorded for, and the form field that carried it (for the messages).
pub struct Issue<'a> {
    pub kind: &'a str,
    pub number: &'a str,
    pub date: Date,
    pub summary: &'a str,
    pub subject: Option<(&'a str, &'a str)>,
    pub field: &'a str,
    pub label: &'a str,
}

/// Records `issue.number` in its register inside `tx`; the reasons go to `v` when the number does
/// not begin with an order number or is already taken that year.
pub async fn record(
    tx: &mut Tx,
    caller: &Caller,
    issue: &Issue<'_>,
    v: &mut Validation,
) -> Result<()> {
    let Some(seq) = seq_of(issue.number) else {
        v.add(
            issue.field,
            issue.label,
            format!(
                "«{}» phải bắt đầu bằng số thứ tự trong sổ đăng ký văn bản, ví dụ 12/QĐ-UBND.",
                issue.number.trim()
            ),
        );
        return Ok(());
    };
    let year = i64::from(issue.date.year());
    let taken = |v: &mut Validation| {
        v.add(
            issue.field,
            issue.label,
            format!(
                "Số «{}» đã có trong sổ đăng ký «{}» năm {year} (số thứ tự {seq}); hãy dùng số khác.",
                issue.number.trim(),
                kind_name(issue.kind).unwrap_or(issue.kind)
            ),
        )
    };
    if store::taken(tx, caller.org_id(), issue.kind, year, seq).await? {
        taken(v);
        return Ok(());
    }
    if !v.is_ok() {
        return Ok(());
    }
    let row = EntryRow {
        org_id: caller.org_id().into(),
        kind: issue.kind.into(),
        year,
        seq,
        number: issue.number.trim().into(),
        issued_on: iso(issue.date),
        summary: issue.summary.into(),
        subject_type: issue.subject.map(|(t, _)| t.into()),
        subject_id: issue.subject.map(|(_, id)| id.into()),
        created_by: caller.user_ref(),
        created_at: ids::now(),
    };
    match store::insert(tx, &row).await {
        // Taken by a transaction that committed after our check (PostgreSQL).
        Err(StoreError::Duplicate(_)) => {
            taken(v);
            Ok(())
        }
        other => Ok(other?),
    }
}

/// The numbers the meeting's minutes and Tờ trình were given: `(kind, number)` with `None` for one
/// still without a number; for the office.
pub async fn meeting_numbers(
    db: &Db,
    caller: &Caller,
    meeting_id: &str,
) -> Result<Vec<(&'static str, Option<String>)>> {
    caller.authorize(Action::ManageDocuments {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let mut out = Vec::new();
    for kind in ["minutes", "submission"] {
        let e = store::of_subject(&mut tx, caller.org_id(), kind, "meeting", meeting_id).await?;
        out.push((kind, e.map(|e| e.number)));
    }
    tx.commit().await?;
    Ok(out)
}

/// A number asked for by hand (a Tờ trình, the minutes, a plan, a document made outside thidua).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct TakeInput {
    /// One of the document kinds: decision, submission, unit_submission, minutes, plan, report.
    pub kind: String,
    /// dd/mm/yyyy (or yyyy-mm-dd); today when empty.
    pub issued_on: String,
    /// Trích yếu: what the document is about.
    pub summary: String,
    /// Empty: the proposed next number.
    pub number: String,
    /// "meeting" with its id: the number of that meeting's minutes or Tờ trình; empty for a document
    /// made outside thidua.
    pub subject_type: String,
    pub subject_id: String,
}

fn check_take(input: &TakeInput, v: &mut Validation) -> Option<Date> {
    if kind_name(&input.kind).is_none() {
        v.add(
            "kind",
            "Loại văn bản",
            "Hãy chọn loại văn bản trong danh sách.",
        );
    }
    if input.summary.trim().is_empty() {
        v.add(
            "summary",
            "Trích yếu",
            "Hãy nhập trích yếu nội dung văn bản.",
        );
    } else if input.summary.chars().count() > 500 {
        v.add("summary", "Trích yếu", "Trích yếu dài quá 500 ký tự.");
    }
    if !matches!(input.subject_type.as_str(), "" | "meeting") {
        v.add(
            "subject_type",
            "Văn bản của",
            "Chỉ cấp số gắn với một cuộc họp Hội đồng.",
        );
    }
    match input.issued_on.trim() {
        "" => Some(crate::today()),
        raw => {
            let d = parse_date(raw);
            if d.is_none() {
                v.add(
                    "issued_on",
                    "Ngày ban hành",
                    "Ngày không có thật hoặc không đúng dạng ngày/tháng/năm, ví dụ 15/01/2026.",
                );
            }
            d
        }
    }
}

/// Takes a number in a register (the proposed one when none is given) and records it, with the audit
/// row, in one transaction. A proposed number another user took at the same instant is proposed again.
pub async fn take(db: &Db, caller: &Caller, input: &TakeInput) -> Result<Entry> {
    caller.authorize(Action::ManageDocuments {
        org_id: caller.org_id(),
    })?;
    let mut v = Validation::new();
    let date = check_take(input, &mut v);
    let (Some(date), true) = (date, v.is_ok()) else {
        return Err(Error::Invalid(v));
    };
    let mut attempt = 0;
    loop {
        match take_once(db, caller, input, date).await {
            Err(Error::Invalid(_)) if input.number.trim().is_empty() && attempt < 5 => attempt += 1,
            other => return other,
        }
    }
}

async fn take_once(db: &Db, caller: &Caller, input: &TakeInput, date: Date) -> Result<Entry> {
    let mut tx = db.begin().await?;
    if input.subject_type == "meeting" {
        // The meeting must be this organisation's (404 otherwise).
        thidua_store::meetings::get(&mut tx, caller.org_id(), &input.subject_id).await?;
    }
    let number = match input.number.trim() {
        "" => proposed_in(&mut tx, caller.org_id(), &input.kind, date).await?,
        n => n.to_string(),
    };
    let subject = (!input.subject_type.is_empty())
        .then_some((input.subject_type.as_str(), input.subject_id.as_str()));
    let issue = Issue {
        kind: &input.kind,
        number: &number,
        date,
        summary: input.summary.trim(),
        subject,
        field: "number",
        label: "Số văn bản",
    };
    let mut v = Validation::new();
    record(&mut tx, caller, &issue, &mut v).await?;
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    let year = i64::from(date.year());
    let seq = seq_of(&number).unwrap_or_default();
    let entry = store::list(&mut tx, caller.org_id(), &input.kind, year)
        .await?
        .into_iter()
        .find(|e| e.seq == seq)
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("register entry vanished")))?;
    Audit::new("register.take", "register", &input.kind, &entry.number)
        .after(&entry)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(entry.into())
}

/// A number in a register.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Entry {
    pub kind: String,
    pub year: i64,
    /// The order number in the register.
    pub seq: i64,
    /// As written on the document: "12/QĐ-UBND".
    pub number: String,
    /// yyyy-mm-dd.
    pub issued_on: String,
    pub summary: String,
    /// "decision" or "meeting" with its id; none for a document made outside thidua.
    pub subject_type: Option<String>,
    pub subject_id: Option<String>,
}

impl Entry {
    /// The date as users read it: 15/01/2026.
    pub fn issued_on_vn(&self) -> String {
        parse_date(&self.issued_on).map_or_else(|| self.issued_on.clone(), thidua_domain::date::vn)
    }
}

impl From<EntryRow> for Entry {
    fn from(e: EntryRow) -> Entry {
        Entry {
            kind: e.kind,
            year: e.year,
            seq: e.seq,
            number: e.number,
            issued_on: e.issued_on,
            summary: e.summary,
            subject_type: e.subject_type,
            subject_id: e.subject_id,
        }
    }
}

/// One register as its page shows it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterView {
    pub kind: String,
    pub kind_name: String,
    pub year: i64,
    /// Years with entries, and this year.
    pub years: Vec<i64>,
    /// The number the next document would get today.
    pub next: String,
    pub entries: Vec<Entry>,
}

/// The register of `kind` for `year` (this year when `None`).
pub async fn view(db: &Db, caller: &Caller, kind: &str, year: Option<i64>) -> Result<RegisterView> {
    caller.authorize(Action::ManageDocuments {
        org_id: caller.org_id(),
    })?;
    let kind_name = kind_name(kind).ok_or(Error::NotFound)?;
    let today = crate::today();
    let year = year.unwrap_or(i64::from(today.year()));
    let mut tx = db.begin_read().await?;
    let mut years = store::years(&mut tx, caller.org_id()).await?;
    if !years.contains(&i64::from(today.year())) {
        years.insert(0, i64::from(today.year()));
    }
    let next = proposed_in(&mut tx, caller.org_id(), kind, today).await?;
    let entries = store::list(&mut tx, caller.org_id(), kind, year)
        .await?
        .into_iter()
        .map(Entry::from)
        .collect();
    tx.commit().await?;
    Ok(RegisterView {
        kind: kind.into(),
        kind_name: kind_name.into(),
        year,
        years,
        next,
        entries,
    })
}

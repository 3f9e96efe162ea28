//! Reading decisions: the list with totals per decision and per year (the reward budget), one
//! decision with its lines, and the packages forwarded to a higher authority.

use crate::Caller;
use crate::error::{Error, Result};
use serde::Serialize;
use std::collections::BTreeMap;
use thidua_domain::policy::{Action, Role};
use thidua_store::Db;
use thidua_store::decisions::{self, DecisionRow, LineView};

/// Who reads decisions: the chairman, the standing office, council members and viewers of the whole
/// organisation (decisions name people of every unit, including confidential awards).
pub fn authorize_read(caller: &Caller) -> Result<()> {
    let org = caller.org_id();
    let ok = caller.can(Action::Decide { org_id: org })
        || caller.can(Action::Appraise { org_id: org })
        || caller.can(Action::Vote { org_id: org })
        || (caller.role() == Role::Viewer && caller.user.scope_unit_id.is_none());
    if ok { Ok(()) } else { Err(Error::Forbidden) }
}

/// A decision with its lines in số sổ vàng order.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionView {
    pub decision: DecisionRow,
    pub lines: Vec<LineView>,
    /// The award name of each code of the lines, under the organisation's rules (its edited catalog).
    pub awards: BTreeMap<String, String>,
}

impl DecisionView {
    /// The award name of a line's code.
    pub fn award(&self, code: &str) -> String {
        self.awards
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }
}

/// Total reward money of the decisions signed in one year.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YearTotal {
    pub year: i32,
    pub decisions: usize,
    pub lines: i64,
    /// đồng
    pub amount: i64,
}

/// Decisions, newest first, with their number of lines.
pub async fn list(db: &Db, caller: &Caller) -> Result<Vec<(DecisionRow, i64)>> {
    authorize_read(caller)?;
    let mut tx = db.begin_read().await?;
    let rows = decisions::list(&mut tx, caller.org_id(), 5000).await?;
    tx.commit().await?;
    Ok(rows)
}

/// How many forwarded packages the list shows, latest first.
const FORWARD_LIMIT: i64 = 500;

/// A package sent upward: the nomination, its nominee and award, the authority it went to and when.
#[derive(Debug, Clone, Serialize)]
pub struct ForwardSummary {
    pub nomination_id: String,
    pub nominee: String,
    /// The award's name in the organisation's catalog.
    pub award: String,
    pub authority: String,
    /// When the package was made (stored timestamp).
    pub created_at: String,
    /// The higher level's answer as read, once recorded.
    pub answer: Option<String>,
}

/// "Đã khen thưởng: Quyết định số 12/QĐ-UBND ngày 01/12/2026 của …, số sổ vàng 5" or
/// "Không khen thưởng: {reason}".
fn answer_text(a: &thidua_store::forward_answers::AnswerRow) -> String {
    if !a.awarded {
        return format!("Không khen thưởng: {}", a.note.clone().unwrap_or_default());
    }
    let mut t = format!(
        "Đã khen thưởng: Quyết định số {} ngày {} của {}",
        a.decision_no.as_deref().unwrap_or(""),
        thidua_domain::date::iso_to_vn(a.decided_on.as_deref().unwrap_or("")),
        a.issuer.as_deref().unwrap_or("")
    );
    if let Some(g) = a.golden_book_no {
        t.push_str(&format!(", số sổ vàng {g}"));
    }
    t
}

/// The packages forwarded to a higher authority, latest first; for those who read decisions.
pub async fn forwards(db: &Db, caller: &Caller) -> Result<Vec<ForwardSummary>> {
    authorize_read(caller)?;
    let mut tx = db.begin_read().await?;
    let rows = decisions::forwards(&mut tx, caller.org_id(), FORWARD_LIMIT).await?;
    let answers = thidua_store::forward_answers::of_org(&mut tx, caller.org_id()).await?;
    let rules = crate::rules_cache::rules_in(&mut tx, caller.org_id()).await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|(f, nominee, code)| ForwardSummary {
            answer: answers
                .iter()
                .find(|a| a.nomination_id == f.nomination_id)
                .map(answer_text),
            nomination_id: f.nomination_id,
            nominee,
            award: super::award_name(&rules, &code),
            authority: f.authority,
            created_at: f.created_at,
        })
        .collect())
}

/// Totals per signing year, newest first.
pub fn year_totals(rows: &[(DecisionRow, i64)]) -> Vec<YearTotal> {
    let mut out: Vec<YearTotal> = Vec::new();
    for (d, n) in rows {
        let year = d
            .signed_on
            .get(0..4)
            .and_then(|y| y.parse::<i32>().ok())
            .unwrap_or(0);
        match out.iter_mut().find(|t| t.year == year) {
            Some(t) => {
                t.decisions += 1;
                t.lines += n;
                t.amount += d.total_amount;
            }
            None => out.push(YearTotal {
                year,
                decisions: 1,
                lines: *n,
                amount: d.total_amount,
            }),
        }
    }
    out.sort_by_key(|t| std::cmp::Reverse(t.year));
    out
}

/// One decision with its lines and the award names of their codes.
pub async fn get(db: &Db, caller: &Caller, id: &str) -> Result<DecisionView> {
    authorize_read(caller)?;
    let mut tx = db.begin_read().await?;
    let decision = decisions::get(&mut tx, caller.org_id(), id).await?;
    let lines = decisions::lines(&mut tx, id).await?;
    let rules = crate::rules_cache::rules_in(&mut tx, caller.org_id()).await?;
    tx.commit().await?;
    let awards = lines
        .iter()
        .map(|l| (l.code.clone(), super::award_name(&rules, &l.code)))
        .collect();
    Ok(DecisionView {
        decision,
        lines,
        awards,
    })
}

//! The emulation budget (kinh phí thi đua, khen thưởng) of a year: the estimate by source that the
//! office enters (validated, versioned, audited), the reward money of the year's decisions against
//! it and what is left, and the budget sentences of the year's campaign plans.

mod sentences;

pub use sentences::{BudgetSentence, budget_sentences};

use crate::error::{Error, Result};
use crate::{Audit, Caller};
use serde::{Deserialize, Serialize};
use thidua_domain::Validation;
use thidua_domain::policy::Action;
use thidua_store::budget::{self as store, BudgetLineRow};
use thidua_store::{Db, StoreError, Tx, campaigns, dashboard, ids};

/// Where the money comes from.
pub const SOURCES: [(&str, &str); 4] = [
    ("state_budget", "Ngân sách nhà nước"),
    ("emulation_fund", "Quỹ thi đua, khen thưởng"),
    ("socialized", "Xã hội hóa (đóng góp của tổ chức, cá nhân)"),
    ("other", "Nguồn khác"),
];

/// The largest amount accepted (10¹⁵ đồng).
const MAX_AMOUNT: i64 = 1_000_000_000_000_000;

/// One source's line as shown and edited.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BudgetLine {
    pub source: String,
    pub label: String,
    pub amount: i64,
    pub note: String,
    /// The stored version, `None` before the first save.
    pub version: Option<i64>,
}

/// A campaign of the year and what its plan says about money.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CampaignBudget {
    pub campaign_id: String,
    pub title: String,
    pub number: Option<String>,
    pub sentences: Vec<BudgetSentence>,
}

/// The year's budget.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Budget {
    pub year: i64,
    pub lines: Vec<BudgetLine>,
    /// Sum of the estimate (đồng).
    pub estimate: i64,
    /// Decisions signed in the year, their lines, and their money (đồng).
    pub decisions: i64,
    pub decision_lines: i64,
    pub spent: i64,
    /// Estimate minus spent (negative when overspent).
    pub left: i64,
    pub campaigns: Vec<CampaignBudget>,
    /// Whether the caller may change the estimate.
    pub can_edit: bool,
}

/// The estimate as typed: per source an amount (`1.500.000.000`, spaces and `đ` allowed), a note
/// and the version read (empty for a new line).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct BudgetInput {
    pub lines: Vec<BudgetLineInput>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct BudgetLineInput {
    pub source: String,
    pub amount: String,
    pub note: String,
    pub version: Option<i64>,
}

/// An amount in đồng from what a person typed; `None` (with the problem recorded) when unreadable.
fn parse_amount(v: &mut Validation, field: &str, label: &str, text: &str) -> Option<i64> {
    let t: String = text
        .trim()
        .trim_end_matches(['đ', 'Đ'])
        .trim_end_matches("đồng")
        .chars()
        .filter(|c| !matches!(c, '.' | ',' | ' ' | '\u{a0}'))
        .collect();
    if t.is_empty() {
        return Some(0);
    }
    match t.parse::<i64>() {
        Ok(n) if (0..=MAX_AMOUNT).contains(&n) => Some(n),
        _ => {
            v.add(
                field,
                label,
                "Nhập số tiền bằng đồng, chỉ gồm chữ số (ví dụ 150.000.000), không âm.",
            );
            None
        }
    }
}

/// Checks the input: known sources, once each, readable amounts, notes of at most 500 letters.
fn check(input: &BudgetInput) -> Result<Vec<(BudgetLineInput, i64)>, Validation> {
    let mut v = Validation::new();
    let mut out: Vec<(BudgetLineInput, i64)> = Vec::new();
    for l in &input.lines {
        let Some((_, label)) = SOURCES.iter().find(|(c, _)| *c == l.source) else {
            v.add(
                "source",
                "Nguồn kinh phí",
                "Nguồn kinh phí không có trong danh mục.",
            );
            continue;
        };
        if out.iter().any(|(o, _)| o.source == l.source) {
            v.add(&l.source, label, "Mỗi nguồn chỉ nhập một dòng.");
            continue;
        }
        if l.note.chars().count() > 500 {
            v.add(
                &format!("{}_note", l.source),
                label,
                "Ghi chú dài quá 500 ký tự; rút gọn lại.",
            );
        }
        if let Some(n) = parse_amount(&mut v, &l.source, label, &l.amount) {
            out.push((l.clone(), n));
        }
    }
    v.finish(out)
}

/// The year's budget as the caller may see it.
pub async fn budget(db: &Db, caller: &Caller, year: i64) -> Result<Budget> {
    caller.authorize(Action::ViewBudget {
        org_id: caller.org_id(),
    })?;
    check_year(year)?;
    let org = caller.org_id();
    let mut tx = db.begin_read().await?;
    let stored = store::lines(&mut tx, org, year).await?;
    let (decisions, decision_lines, spent) = dashboard::decided_in(&mut tx, org, year).await?;
    let filter = campaigns::CampaignFilter {
        year: Some(year),
        ..Default::default()
    };
    let rows = campaigns::list(&mut tx, org, &filter).await?;
    tx.commit().await?;
    let lines: Vec<BudgetLine> = SOURCES
        .iter()
        .map(|(code, label)| {
            let s = stored.iter().find(|l| l.source == *code);
            BudgetLine {
                source: code.to_string(),
                label: label.to_string(),
                amount: s.map_or(0, |l| l.amount),
                note: s.and_then(|l| l.note.clone()).unwrap_or_default(),
                version: s.map(|l| l.version),
            }
        })
        .collect();
    let estimate = lines.iter().map(|l| l.amount).sum();
    let campaigns = rows
        .into_iter()
        .filter(|c| c.status != "draft")
        .map(|c| {
            let text = [c.purposes.as_deref(), c.content.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("\n");
            CampaignBudget {
                sentences: budget_sentences(&text),
                campaign_id: c.id,
                title: c.title,
                number: c.number,
            }
        })
        .collect();
    Ok(Budget {
        year,
        lines,
        estimate,
        decisions,
        decision_lines,
        spent,
        left: estimate - spent,
        campaigns,
        can_edit: caller.can(Action::ManageBudget { org_id: org }),
    })
}

fn check_year(year: i64) -> Result<()> {
    if (1945..=2100).contains(&year) {
        return Ok(());
    }
    let mut v = Validation::new();
    v.add("year", "Năm", "Năm phải từ 1945 đến 2100.");
    Err(v.into())
}

/// Saves the year's estimate: every line in one transaction with one audit row, or nothing.
pub async fn save(db: &Db, caller: &Caller, year: i64, input: &BudgetInput) -> Result<()> {
    caller.authorize(Action::ManageBudget {
        org_id: caller.org_id(),
    })?;
    check_year(year)?;
    let lines = check(input)?;
    let mut tx = db.begin().await?;
    write_lines(&mut tx, caller, year, &lines).await?;
    tx.commit().await?;
    Ok(())
}

/// The lines' writes and the audit row, in the caller's transaction.
async fn write_lines(
    tx: &mut Tx,
    caller: &Caller,
    year: i64,
    lines: &[(BudgetLineInput, i64)],
) -> Result<()> {
    let org = caller.org_id();
    {
        let before = store::lines(tx, org, year).await?;
        for (l, amount) in lines {
            let stored = before.iter().find(|b| b.source == l.source);
            if stored.map(|s| s.version) != l.version {
                return Err(Error::Conflict);
            }
            let note = Some(l.note.trim().to_string()).filter(|n| !n.is_empty());
            if stored.is_some_and(|s| s.amount == *amount && s.note == note)
                || (stored.is_none() && *amount == 0 && note.is_none())
            {
                continue;
            }
            let now = ids::now();
            let row = BudgetLineRow {
                id: ids::new_id(),
                org_id: org.into(),
                year,
                source: l.source.clone(),
                amount: *amount,
                note,
                version: 1,
                created_by: caller.user_ref(),
                created_at: now.clone(),
                updated_at: now,
            };
            store::put(tx, &row, l.version).await.map_err(|e| match e {
                StoreError::Duplicate(_) => Error::Conflict,
                other => other.into(),
            })?;
        }
        let after = store::lines(tx, org, year).await?;
        let id = format!("{org}:{year}");
        let label = format!("Dự toán kinh phí thi đua, khen thưởng năm {year}");
        Audit::new("budget.update", "budget", &id, &label)
            .before(&before)
            .after(&after)
            .write(tx, caller)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(source: &str, amount: &str) -> BudgetLineInput {
        BudgetLineInput {
            source: source.into(),
            amount: amount.into(),
            ..Default::default()
        }
    }

    #[test]
    fn amounts_are_read_with_separators_and_the_currency() {
        let got = check(&BudgetInput {
            lines: vec![line("state_budget", "1.500.000.000 đ"), line("other", "")],
        })
        .unwrap();
        assert_eq!(
            got.iter().map(|(_, n)| *n).collect::<Vec<_>>(),
            [1_500_000_000, 0]
        );
    }

    #[test]
    fn bad_amounts_and_sources_name_their_field() {
        let e = check(&BudgetInput {
            lines: vec![
                line("state_budget", "-5"),
                line("emulation_fund", "mười triệu"),
                line("lottery", "1"),
            ],
        })
        .unwrap_err();
        let fields: Vec<&str> = e.errors.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(fields, ["state_budget", "emulation_fund", "source"]);
        assert_eq!(e.errors[0].label, "Ngân sách nhà nước");
        let twice = check(&BudgetInput {
            lines: vec![line("other", "1"), line("other", "2")],
        })
        .unwrap_err();
        assert_eq!(twice.errors[0].message, "Mỗi nguồn chỉ nhập một dòng.");
    }
}

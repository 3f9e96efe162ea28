//! Reward money (ND 152/2025 Điều 50–54; ND 98/2023 Điều 54): multiplier × base salary in
//! force on the decision date, households 1.5 × the individual amount; totals per decision and
//! per year.
//!
//! Money is whole đồng in `i64`, never floats. Multipliers are exact thousandths, so
//! `amount = base × m / 1000` (households `base × m × 3 / 2000`) is computed in `i128` and
//! rounded **to the nearest đồng, halves up**. With today's base salary (2,340,000 đ) and the
//! multipliers of the Law every amount is already exact; the rounding only matters for
//! hypothetical values. LAW.md does not prescribe rounding; change it here if a finance rule does.

use std::collections::BTreeMap;

use serde::Deserialize;
use time::Date;

use crate::catalog::{CatalogEntry, Multiplier};
use crate::error::{Result, RulesError, invalid};
use crate::load::{parse_toml, to_date};
use crate::model::{Code, Subject};
use crate::text::{date_vn, money_vn};

/// One dated value of the base salary (mức lương cơ sở).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseSalary {
    /// First day in force.
    pub from: Date,
    /// Amount in đồng per month.
    pub amount: i64,
    /// Legal source, e.g. `"Nghị định 73/2024/NĐ-CP"`.
    pub source: String,
}

/// Base salary values by date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseSalaryTable {
    rows: Vec<BaseSalary>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    base_salary: Vec<RawRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    from: toml::value::Datetime,
    amount: i64,
    source: String,
}

impl BaseSalaryTable {
    /// Parses and validates the base-salary TOML.
    pub fn from_toml(file: &str, text: &str) -> Result<Self> {
        let raw: RawTable = parse_toml(file, text)?;
        let mut rows = Vec::with_capacity(raw.base_salary.len());
        for (i, r) in raw.base_salary.into_iter().enumerate() {
            let from = to_date(file, &format!("base_salary[{i}].from"), &r.from)?;
            if r.amount <= 0 {
                return Err(invalid(
                    file,
                    format!("base_salary[{i}].amount"),
                    "mức lương cơ sở phải là số đồng dương",
                ));
            }
            if rows.iter().any(|x: &BaseSalary| x.from == from) {
                return Err(invalid(
                    file,
                    format!("base_salary[{i}].from"),
                    "trùng ngày áp dụng với dòng khác",
                ));
            }
            rows.push(BaseSalary {
                from,
                amount: r.amount,
                source: r.source,
            });
        }
        rows.sort_by_key(|r| r.from);
        Ok(BaseSalaryTable { rows })
    }

    /// The value in force on `date`.
    pub fn on(&self, date: Date) -> Result<&BaseSalary> {
        self.rows
            .iter()
            .rev()
            .find(|r| r.from <= date)
            .ok_or_else(|| RulesError::NoBaseSalary {
                date: date_vn(date),
            })
    }

    /// All rows, oldest first.
    pub fn rows(&self) -> &[BaseSalary] {
        &self.rows
    }
}

/// A computed reward with the facts used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RewardAmount {
    /// Amount in đồng.
    pub amount: i64,
    /// Multiplier applied (for a household: the individual one, then × 1.5).
    pub multiplier: Multiplier,
    /// Base salary used.
    pub base_salary: i64,
    /// Vietnamese explanation, e.g. "0,3 × 2.340.000 đ = 702.000 đ (…)".
    pub explanation: String,
}

/// Reward for one awardee of `entry` of kind `subject` decided on `date`.
pub fn reward_amount(
    entry: &CatalogEntry,
    subject: Subject,
    date: Date,
    salaries: &BaseSalaryTable,
    article: &str,
) -> Result<RewardAmount> {
    if !entry.accepts(subject) {
        return Err(RulesError::SubjectNotAccepted {
            name: entry.name.clone(),
            subject: subject.label().to_owned(),
        });
    }
    let base = salaries.on(date)?;
    let missing = || RulesError::NoMultiplier {
        name: entry.name.clone(),
        subject: subject.label().to_owned(),
    };
    let (mult, num_factor, den_factor) = match subject {
        Subject::Individual => (entry.money_individual.ok_or_else(missing)?, 1, 1),
        Subject::Collective => (entry.money_collective.ok_or_else(missing)?, 1, 1),
        Subject::Household => match entry.money_household {
            Some(m) => (m, 1, 1),
            None => (entry.money_individual.ok_or_else(missing)?, 3, 2),
        },
    };
    let num = i128::from(base.amount) * i128::from(mult.thousandths()) * num_factor;
    let den: i128 = 1000 * den_factor;
    let amount = i64::try_from((num + den / 2) / den).map_err(|_| RulesError::Overflow)?;
    let household = if num_factor == 3 {
        " × 1,5 (hộ gia đình)"
    } else {
        ""
    };
    let explanation = format!(
        "{}: {} × {}{} = {} (mức lương cơ sở theo {}, áp dụng từ {}; {})",
        entry.name,
        mult.label(),
        money_vn(base.amount),
        household,
        money_vn(amount),
        base.source,
        date_vn(base.from),
        article
    );
    Ok(RewardAmount {
        amount,
        multiplier: mult,
        base_salary: base.amount,
        explanation,
    })
}

/// One awardee line of a decision, for money totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyLine {
    /// Catalog code.
    pub code: Code,
    /// Kind of awardee.
    pub subject: Subject,
}

/// Total of one decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionTotal {
    /// Amount per line, in the order given.
    pub lines: Vec<i64>,
    /// Sum in đồng.
    pub total: i64,
}

/// Sums the lines of a decision dated `date`. Non-statutory entries carry no Law money and
/// count as 0; a statutory entry without a multiplier is an error.
pub fn decision_total(
    catalog: &crate::catalog::Catalog,
    lines: &[MoneyLine],
    date: Date,
    salaries: &BaseSalaryTable,
    article: &str,
) -> Result<DecisionTotal> {
    let mut out = Vec::with_capacity(lines.len());
    let mut total: i64 = 0;
    for line in lines {
        let entry = catalog.get(&line.code)?;
        let amount = if entry.statutory {
            reward_amount(entry, line.subject, date, salaries, article)?.amount
        } else {
            0
        };
        total = total.checked_add(amount).ok_or(RulesError::Overflow)?;
        out.push(amount);
    }
    Ok(DecisionTotal { lines: out, total })
}

/// Sums decision totals by the calendar year of their dates.
pub fn totals_by_year(decisions: &[(Date, DecisionTotal)]) -> Result<BTreeMap<i32, i64>> {
    let mut out = BTreeMap::new();
    for (date, t) in decisions {
        let slot = out.entry(date.year()).or_insert(0i64);
        *slot = slot.checked_add(t.total).ok_or(RulesError::Overflow)?;
    }
    Ok(out)
}

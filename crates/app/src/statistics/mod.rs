//! The statutory statistics (*Thông tư 02/2023/TT-BNV*, Biểu 0601.N–0605.N) of an organisation for a
//! year: every figure counted from the records (launched campaigns, awards of the ledger) or entered
//! by hand where the records say nothing, with the records behind each counted figure.

mod entries;
pub mod export;
mod records;

pub use entries::{EntryInput, field_of as entries_field, save_entries};
pub use records::{CellRecords, Record, cell_records};

use crate::Caller;
use crate::error::{Error, Result};
use std::collections::HashMap;
use thidua_domain::Validation;
use thidua_domain::date::parse;
use thidua_domain::policy::Action;
use thidua_domain::statistics::classify::{award_cells, campaign_cells, codes_of};
use thidua_domain::statistics::{
    AwardFact, CampaignFact, FormDef, FormId, LaunchLevel, PersonClass, Recipient, RowDef,
};
use thidua_store::statistics::{self as store, EntryRow, StatAwardRow, StatCampaignRow};
use thidua_store::{Db, Tx, orgs};

/// Where a figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Counted from the records; the cell links to them.
    Computed,
    /// Entered by the office (`None` value: not entered yet).
    Manual,
    /// A total of hand-entered rows.
    Sum,
}

/// One cell of a form.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Cell {
    pub col: &'static str,
    pub value: Option<i64>,
    pub source: Source,
}

/// One row of a form with its cells (none for a section heading).
#[derive(Debug, Clone)]
pub struct SheetRow {
    pub def: RowDef,
    pub cells: Vec<Cell>,
}

/// A form filled for an organisation and year.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub year: i64,
    pub form: FormDef,
    /// Đơn vị báo cáo.
    pub reporter: String,
    /// Đơn vị nhận báo cáo.
    pub receiver: String,
    pub rows: Vec<SheetRow>,
    pub can_enter: bool,
}

/// The records a form counts, loaded once.
pub(crate) enum Loaded {
    Campaigns(Vec<(StatCampaignRow, Vec<(&'static str, &'static str)>)>),
    Awards(Vec<(StatAwardRow, Vec<(&'static str, &'static str)>)>),
    None,
}

/// The form of a code in a URL, or not found.
pub fn form_of(code: &str) -> Result<FormId> {
    FormId::parse(code).ok_or(Error::NotFound)
}

/// Checks a report year (2000 to 2100).
pub fn check_year(year: i64) -> Result<i64> {
    if (2000..=2100).contains(&year) {
        return Ok(year);
    }
    let mut v = Validation::new();
    v.add("year", "Năm báo cáo", "Năm báo cáo phải từ 2000 đến 2100.");
    Err(Error::Invalid(v))
}

pub(crate) fn authorize(caller: &Caller) -> Result<()> {
    caller.authorize(Action::ViewStatistics {
        org_id: caller.org_id(),
    })
}

fn days(from: &str, to: &str) -> i64 {
    match (parse(from), parse(to)) {
        (Some(a), Some(b)) => (b - a).whole_days() + 1,
        _ => 0,
    }
}

fn campaign_fact(c: &StatCampaignRow, org_level: &str) -> CampaignFact {
    CampaignFact {
        launch: LaunchLevel::of(&c.issuer, org_level),
        days: days(&c.period_from, &c.period_to),
        thematic: c.kind != "regular",
    }
}

fn award_fact(a: &StatAwardRow) -> AwardFact {
    let unit_kind = a.unit_kind.as_deref().unwrap_or("");
    let recipient = if a.subject_type == "unit" {
        Recipient::Collective {
            enterprise: unit_kind == "enterprise",
        }
    } else {
        Recipient::Individual {
            class: PersonClass::of(
                a.position.as_deref().unwrap_or(""),
                unit_kind,
                a.unit_level.as_deref().unwrap_or(""),
            ),
            direct_worker: a.direct_worker.unwrap_or(false),
        }
    };
    AwardFact {
        code: a.code.clone(),
        kind: a.kind.clone(),
        recipient,
    }
}

/// Loads the records of `form` for `year` with the cells each counts in.
pub(crate) async fn load(tx: &mut Tx, org_id: &str, form: FormId, year: i64) -> Result<Loaded> {
    Ok(match form {
        FormId::Movements => {
            let level = store::org_level(tx, org_id).await?.unwrap_or_default();
            let (from, to) = (format!("{year:04}-01-01"), format!("{year:04}-12-31"));
            let rows = store::campaigns(tx, org_id, &from, &to).await?;
            Loaded::Campaigns(
                rows.into_iter()
                    .map(|c| {
                        let cells = campaign_cells(&campaign_fact(&c, &level));
                        (c, cells)
                    })
                    .collect(),
            )
        }
        FormId::StateAwards | FormId::ProvinceAwards => {
            let rows = store::awards(tx, org_id, codes_of(form), year).await?;
            Loaded::Awards(
                rows.into_iter()
                    .map(|a| {
                        let cells = award_cells(form, &award_fact(&a));
                        (a, cells)
                    })
                    .collect(),
            )
        }
        FormId::Organisations | FormId::Staff => Loaded::None,
    })
}

fn counts(loaded: &Loaded) -> HashMap<(&'static str, &'static str), i64> {
    let mut out = HashMap::new();
    let mut add = |cells: &[(&'static str, &'static str)]| {
        for c in cells {
            *out.entry(*c).or_insert(0) += 1;
        }
    };
    match loaded {
        Loaded::Campaigns(list) => list.iter().for_each(|(_, c)| add(c)),
        Loaded::Awards(list) => list.iter().for_each(|(_, c)| add(c)),
        Loaded::None => {}
    }
    out
}

/// The rows of a form from the counts and the hand-entered figures.
fn fill(
    def: &FormDef,
    counted: &HashMap<(&'static str, &'static str), i64>,
    entries: &[EntryRow],
) -> Vec<SheetRow> {
    let entered = |r: &str, c: &str| {
        entries
            .iter()
            .find(|e| e.row_code == r && e.col_code == c)
            .map(|e| e.value)
    };
    def.rows
        .iter()
        .map(|r| {
            let cells = if r.is_heading() {
                Vec::new()
            } else {
                def.cols
                    .iter()
                    .map(|c| {
                        let (value, source) = if !r.sum_of.is_empty() {
                            let parts: Vec<i64> =
                                r.sum_of.iter().filter_map(|s| entered(s, c.code)).collect();
                            let v = (!parts.is_empty()).then(|| parts.iter().sum());
                            (v, Source::Sum)
                        } else if def.is_manual(r, c) {
                            (entered(r.code, c.code), Source::Manual)
                        } else {
                            let v = counted.get(&(r.code, c.code)).copied().unwrap_or(0);
                            (Some(v), Source::Computed)
                        };
                        Cell {
                            col: c.code,
                            value,
                            source,
                        }
                    })
                    .collect()
            };
            SheetRow {
                def: r.clone(),
                cells,
            }
        })
        .collect()
}

/// "Bộ Nội vụ" for a province's report, the province's Sở Nội vụ for a lower body's (our choice).
fn receiver(level: &str) -> &'static str {
    if matches!(level, "province" | "central") {
        "Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương)"
    } else {
        "Sở Nội vụ tỉnh, thành phố"
    }
}

/// A form for the caller's organisation and `year`, every figure with its source.
pub async fn sheet(db: &Db, caller: &Caller, year: i64, form: FormId) -> Result<Sheet> {
    authorize(caller)?;
    let year = check_year(year)?;
    let org = caller.org_id().to_string();
    let mut tx = db.begin_read().await?;
    let def = form.def();
    let loaded = load(&mut tx, &org, form, year).await?;
    let entries = store::entries(&mut tx, &org, year, form.code()).await?;
    let level = store::org_level(&mut tx, &org).await?.unwrap_or_default();
    let reporter = orgs::name(&mut tx, &org).await?;
    tx.commit().await?;
    Ok(Sheet {
        year,
        rows: fill(&def, &counts(&loaded), &entries),
        form: def,
        reporter,
        receiver: receiver(&level).into(),
        can_enter: caller.can(Action::EditStatistics { org_id: &org }),
    })
}

/// The figure of a sheet at (row, column), if the row and column exist.
pub fn value_at(sheet: &Sheet, row: &str, col: &str) -> Option<i64> {
    sheet
        .rows
        .iter()
        .find(|r| r.def.code == row)?
        .cells
        .iter()
        .find(|c| c.col == col)?
        .value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(r: &str, c: &str, v: i64) -> EntryRow {
        EntryRow {
            id: "e".into(),
            org_id: "o".into(),
            year: 2025,
            form: "0604".into(),
            row_code: r.into(),
            col_code: c.into(),
            value: v,
            updated_by: None,
            updated_by_name: "x".into(),
            version: 1,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    #[test]
    fn a_total_row_of_hand_entered_rows_adds_what_was_entered_and_stays_empty_without() {
        let def = FormId::Organisations.def();
        let rows = fill(&def, &HashMap::new(), &[]);
        assert_eq!(rows[0].cells[0].value, None);
        let rows = fill(
            &def,
            &HashMap::new(),
            &[entry("04", "1", 1), entry("05", "1", 3)],
        );
        assert_eq!(rows[0].cells[0].value, Some(4));
        assert_eq!(rows[0].cells[0].source, Source::Sum);
        let row4 = rows.iter().find(|r| r.def.code == "04").unwrap();
        assert_eq!(row4.cells[0].source, Source::Manual);
    }

    #[test]
    fn counted_cells_show_zero_when_nothing_counts_and_headings_have_no_cells() {
        let def = FormId::Movements.def();
        let mut counted = HashMap::new();
        counted.insert(("01", "1"), 3);
        let rows = fill(&def, &counted, &[]);
        assert_eq!(rows[0].cells[0].value, Some(3));
        assert_eq!(rows[0].cells[1].value, Some(0));
        assert!(rows[1].cells.is_empty());
        assert_eq!(check_year(1999).is_err(), true);
        assert_eq!(days("2025-01-01", "2025-12-31"), 365);
    }
}

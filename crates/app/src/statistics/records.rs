//! The records behind one figure of a form: the campaigns or awards counted in that cell.

use super::{Loaded, Sheet, Source, authorize, check_year, load, sheet};
use crate::Caller;
use crate::error::{Error, Result};
use std::collections::HashMap;
use thidua_domain::statistics::FormId;
use thidua_store::Db;
use thidua_store::statistics::{StatAwardRow, StatCampaignRow};

/// A record counted in a cell.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Record {
    Campaign(StatCampaignRow),
    Award(StatAwardRow),
}

/// A cell with its records.
#[derive(Debug, Clone)]
pub struct CellRecords {
    pub sheet: Sheet,
    pub row: String,
    pub col: String,
    pub row_label: String,
    pub value: Option<i64>,
    pub source: Source,
    pub records: Vec<Record>,
    /// The catalog's name of each award code among the records.
    pub names: HashMap<String, String>,
}

/// The records counted in (row, col) of `form` for `year`; a heading, an unknown cell or a
/// hand-entered one has none (it is still shown, with its figure).
pub async fn cell_records(
    db: &Db,
    caller: &Caller,
    year: i64,
    form: FormId,
    row: &str,
    col: &str,
) -> Result<CellRecords> {
    authorize(caller)?;
    let year = check_year(year)?;
    let sheet = sheet(db, caller, year, form).await?;
    let r = sheet
        .rows
        .iter()
        .find(|r| !r.def.is_heading() && r.def.code == row)
        .ok_or(Error::NotFound)?;
    let cell = r
        .cells
        .iter()
        .find(|c| c.col == col)
        .ok_or(Error::NotFound)?;
    let (value, source, row_label) = (cell.value, cell.source, r.def.label.to_string());
    let records = if source == Source::Computed {
        let org = caller.org_id().to_string();
        let mut tx = db.begin_read().await?;
        let loaded = load(&mut tx, &org, form, year).await?;
        tx.commit().await?;
        let hit = |cells: &[(&str, &str)]| cells.iter().any(|(r, c)| *r == row && *c == col);
        match loaded {
            Loaded::Campaigns(list) => list
                .into_iter()
                .filter(|(_, cells)| hit(cells))
                .map(|(c, _)| Record::Campaign(c))
                .collect(),
            Loaded::Awards(list) => list
                .into_iter()
                .filter(|(_, cells)| hit(cells))
                .map(|(a, _)| Record::Award(a))
                .collect(),
            Loaded::None => Vec::new(),
        }
    } else {
        Vec::new()
    };
    let rules = crate::rules_cache::rules_for(db, caller.org_id()).await?;
    let names = records
        .iter()
        .filter_map(|r| match r {
            Record::Award(a) => Some((
                a.code.clone(),
                crate::nominations::code_name(&rules, &a.code),
            )),
            Record::Campaign(_) => None,
        })
        .collect();
    Ok(CellRecords {
        names,
        sheet,
        row: row.into(),
        col: col.into(),
        row_label,
        value,
        source,
        records,
    })
}

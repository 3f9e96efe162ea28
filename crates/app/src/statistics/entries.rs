//! Entering the figures the records cannot give (staff, organisation units, households…): all the
//! hand-entered cells of a form in one command, checked first, written in one transaction with one
//! audit row that lists each changed cell before and after.

use super::check_year;
use crate::error::{Error, Result};
use crate::{Audit, Caller};
use std::collections::BTreeMap;
use thidua_domain::Validation;
use thidua_domain::policy::Action;
use thidua_domain::statistics::FormId;
use thidua_store::statistics::{self as store, EntryRow};
use thidua_store::{Db, StoreError, Tx, ids};

/// A cell as typed: its row and column codes and the text of the figure (empty clears it).
#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntryInput {
    pub row: String,
    pub col: String,
    pub value: String,
}

/// The field name of a cell in the entry form ("v_02_1").
pub fn field_of(row: &str, col: &str) -> String {
    format!("v_{row}_{col}")
}

/// Checks every cell: a hand-entered cell of the form, a whole number from 0 to 1,000,000 or empty.
fn validate(form: FormId, input: &[EntryInput]) -> Result<Vec<(String, String, Option<i64>)>> {
    let def = form.def();
    let mut v = Validation::new();
    let mut out = Vec::new();
    for e in input {
        let (Some(r), Some(c)) = (def.row(&e.row), def.col(&e.col)) else {
            return Err(Error::NotFound);
        };
        if !def.is_manual(r, c) {
            return Err(Error::Rejected(format!(
                "Ô dòng {}, cột {} được tính từ dữ liệu, không nhập tay.",
                e.row, e.col
            )));
        }
        let text = e.value.trim().replace(['.', ' '], "");
        let label = format!("Dòng {}, cột {}", e.row, e.col);
        let value = if text.is_empty() {
            None
        } else {
            match text.parse::<i64>() {
                Ok(n) if (0..=1_000_000).contains(&n) => Some(n),
                _ => {
                    v.add(
                        &field_of(&e.row, &e.col),
                        &label,
                        format!("{label}: hãy nhập số nguyên từ 0 đến 1.000.000, hoặc để trống."),
                    );
                    continue;
                }
            }
        };
        out.push((e.row.clone(), e.col.clone(), value));
    }
    v.finish(out).map_err(Error::Invalid)
}

/// Writes one changed cell: removed when emptied, else inserted or updated.
async fn write_cell(
    tx: &mut Tx,
    caller: &Caller,
    (year, form): (i64, FormId),
    (row, col, value): (&str, &str, Option<i64>),
    old: Option<&EntryRow>,
) -> Result<()> {
    let Some(v) = value else {
        if let Some(o) = old {
            store::remove(tx, o).await?;
        }
        return Ok(());
    };
    let now = ids::now();
    let entry = EntryRow {
        id: ids::new_id(),
        org_id: caller.org_id().into(),
        year,
        form: form.code().into(),
        row_code: row.into(),
        col_code: col.into(),
        value: v,
        updated_by: caller.user_ref(),
        updated_by_name: caller.author(),
        version: 1,
        created_at: now.clone(),
        updated_at: now,
    };
    store::save(tx, &entry, old).await.map_err(|e| match e {
        StoreError::Duplicate(_) | StoreError::Conflict => Error::Conflict,
        other => other.into(),
    })
}

/// Saves the hand-entered figures of `form` for `year`; returns how many cells changed.
pub async fn save_entries(
    db: &Db,
    caller: &Caller,
    year: i64,
    form: FormId,
    input: &[EntryInput],
) -> Result<usize> {
    caller.authorize(Action::EditStatistics {
        org_id: caller.org_id(),
    })?;
    let year = check_year(year)?;
    let cells = validate(form, input)?;
    let org = caller.org_id().to_string();
    let mut tx = db.begin().await?;
    let existing = store::entries(&mut tx, &org, year, form.code()).await?;
    let (mut before, mut after) = (BTreeMap::new(), BTreeMap::new());
    for (row, col, value) in &cells {
        let old = existing
            .iter()
            .find(|e| &e.row_code == row && &e.col_code == col);
        if old.map(|e| e.value) == *value {
            continue;
        }
        let key = format!("{row}/{col}");
        before.insert(key.clone(), old.map(|e| e.value));
        after.insert(key, *value);
        write_cell(&mut tx, caller, (year, form), (row, col, *value), old).await?;
    }
    if !after.is_empty() {
        let id = format!("{}/{}", form.code(), year);
        let label = format!("Biểu {} năm {year}", form.symbol());
        Audit::new("statistics.entry", "statistics", &id, &label)
            .before(&before)
            .after(&after)
            .write(&mut tx, caller)
            .await?;
    }
    tx.commit().await?;
    Ok(after.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(row: &str, col: &str, value: &str) -> EntryInput {
        EntryInput {
            row: row.into(),
            col: col.into(),
            value: value.into(),
        }
    }

    #[test]
    fn only_hand_entered_cells_take_whole_numbers() {
        let ok = validate(
            FormId::Organisations,
            &[input("04", "1", "1"), input("05", "1", "")],
        );
        assert_eq!(ok.unwrap()[1].2, None);
        let bad = validate(FormId::Organisations, &[input("04", "1", "-2")]);
        match bad {
            Err(Error::Invalid(v)) => assert!(v.message_for("v_04_1").is_some()),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            validate(FormId::Organisations, &[input("01", "1", "3")]),
            Err(Error::Rejected(_))
        ));
        assert!(matches!(
            validate(FormId::Movements, &[input("99", "1", "3")]),
            Err(Error::NotFound)
        ));
    }
}

//! Exporting units and people to XLSX, with the same columns the importer reads (a round trip works).

use super::import::{PERSON_HEADERS, UNIT_HEADERS};
use crate::Caller;
use crate::error::Result;
use rust_xlsxwriter::{Format, Workbook};
use std::collections::HashMap;
use thidua_domain::date::iso_to_vn;
use thidua_domain::person::{Gender, PersonKind};
use thidua_store::persons::{self, PersonFilter};
use thidua_store::{Db, units};

fn sheet(headers: &[&str], rows: Vec<Vec<String>>, name: &str) -> anyhow::Result<Vec<u8>> {
    workbook(headers, rows, name, &[])
}

/// A workbook whose first sheet holds `headers` and `rows` (what the importer reads) and, when
/// `guide` is not empty, a second sheet «Hướng dẫn» of (column, what to write) lines.
pub(crate) fn workbook(
    headers: &[&str],
    rows: Vec<Vec<String>>,
    name: &str,
    guide: &[(String, String)],
) -> anyhow::Result<Vec<u8>> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(name)?;
    let bold = Format::new().set_bold();
    for (c, h) in headers.iter().enumerate() {
        let col = u16::try_from(c)?;
        ws.write_string_with_format(0, col, *h, &bold)?;
        ws.set_column_width(col, if c == 1 || c == 0 { 32 } else { 18 })?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(u32::try_from(r + 1)?, u16::try_from(c)?, v)?;
        }
    }
    if !guide.is_empty() {
        let g = book.add_worksheet();
        g.set_name("Hướng dẫn")?;
        g.set_column_width(0, 24)?;
        g.set_column_width(1, 100)?;
        for (r, (column, text)) in guide.iter().enumerate() {
            let r = u32::try_from(r)?;
            g.write_string_with_format(r, 0, column, &Format::new().set_bold())?;
            g.write_string(r, 1, text)?;
        }
    }
    Ok(book.save_to_buffer()?)
}

/// Units visible to the user, active and closed.
pub async fn units_xlsx(db: &Db, caller: &Caller) -> Result<Vec<u8>> {
    let mut tx = db.begin_read().await?;
    let filter = units::UnitFilter {
        scope: caller.actor.read_scope().map(str::to_string),
        query: None,
        include_closed: true,
    };
    let rows = units::list(&mut tx, caller.org_id(), &filter, 1_000_000).await?;
    let kinds: HashMap<String, String> = units::kinds(&mut tx)
        .await?
        .into_iter()
        .map(|k| (k.code, k.name))
        .collect();
    let levels: HashMap<String, String> = units::all_levels(&mut tx)
        .await?
        .into_iter()
        .map(|l| (l.code, l.name))
        .collect();
    tx.commit().await?;
    let code_of: HashMap<String, String> = rows
        .iter()
        .map(|u| (u.id.clone(), u.code.clone()))
        .collect();
    let data = rows
        .iter()
        .map(|u| {
            vec![
                u.code.clone(),
                u.name.clone(),
                u.short_name.clone().unwrap_or_default(),
                kinds
                    .get(&u.kind)
                    .cloned()
                    .unwrap_or_else(|| u.kind.clone()),
                levels
                    .get(&u.level)
                    .cloned()
                    .unwrap_or_else(|| u.level.clone()),
                u.parent_id
                    .as_ref()
                    .and_then(|p| code_of.get(p))
                    .cloned()
                    .unwrap_or_default(),
                iso_to_vn(&u.valid_from),
            ]
        })
        .collect();
    Ok(sheet(&UNIT_HEADERS, data, "Đơn vị")?)
}

/// People visible to the user.
pub async fn people_xlsx(db: &Db, caller: &Caller) -> Result<Vec<u8>> {
    let mut tx = db.begin_read().await?;
    let filter = PersonFilter {
        scope: caller.actor.read_scope().map(str::to_string),
        ..Default::default()
    };
    let rows = persons::list(&mut tx, caller.org_id(), &filter, 1_000_000, 0).await?;
    let codes: HashMap<String, String> = units::list(
        &mut tx,
        caller.org_id(),
        &units::UnitFilter {
            include_closed: true,
            ..Default::default()
        },
        1_000_000,
    )
    .await?
    .into_iter()
    .map(|u| (u.id, u.code))
    .collect();
    tx.commit().await?;
    let data = rows
        .into_iter()
        .map(|p| {
            vec![
                p.full_name,
                Gender::parse(&p.gender)
                    .map(|g| g.label().to_string())
                    .unwrap_or(p.gender),
                p.birth_date.as_deref().map(iso_to_vn).unwrap_or_default(),
                p.position.unwrap_or_default(),
                PersonKind::parse(&p.kind)
                    .map(|k| k.label().to_string())
                    .unwrap_or(p.kind),
                if p.direct_worker {
                    "có".into()
                } else {
                    "không".into()
                },
                codes.get(&p.unit_id).cloned().unwrap_or_default(),
            ]
        })
        .collect();
    Ok(sheet(&PERSON_HEADERS, data, "Cá nhân")?)
}

//! A filled form as a file: the official layout for the docs crate, as PDF or XLSX.

use super::{Sheet, sheet};
use crate::Caller;
use crate::error::{Error, Result};
pub use thidua_docs::kinds::statistics::HeadCell;
use thidua_docs::kinds::statistics::{self as doc, BodyRow, StatForm};
use thidua_domain::statistics::FormId;
use thidua_store::Db;

fn cell(text: &str, colspan: u16, rowspan: u16) -> HeadCell {
    HeadCell {
        text: text.into(),
        colspan,
        rowspan,
    }
}

/// The layout of a filled form: header cells (label, code and unit columns first), the code row and
/// the rows with their figures (an empty hand-entered cell stays empty).
pub fn layout(s: &Sheet) -> StatForm {
    let def = &s.form;
    let depth = def.head.len().max(1) as u16;
    let mut head: Vec<Vec<HeadCell>> = def
        .head
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| cell(c.text, c.colspan, c.rowspan))
                .collect()
        })
        .collect();
    let mut first = vec![cell("", 1, depth), cell("Mã số", 1, depth)];
    if def.has_unit_col {
        first.push(cell("Đơn vị tính", 1, depth));
    }
    first.append(&mut head[0]);
    head[0] = first;
    // Few figure columns (0601, 0603, 0604) get room for their long headers.
    let (label, leaf) = match def.cols.len() {
        0..=5 => (4.0, 1.6),
        _ if def.landscape => (5.0, 1.1),
        _ => (6.0, 1.1),
    };
    let mut widths = vec![label, 0.9];
    if def.has_unit_col {
        widths.push(1.4);
    }
    widths.extend(def.cols.iter().map(|_| leaf));
    let rows = s
        .rows
        .iter()
        .map(|r| {
            if r.def.is_heading() {
                return BodyRow {
                    cells: vec![r.def.label.into()],
                    bold: true,
                    heading: true,
                };
            }
            let mut cells = vec![r.def.label.to_string(), r.def.code.to_string()];
            if def.has_unit_col {
                cells.push(r.def.unit.into());
            }
            cells.extend(
                r.cells
                    .iter()
                    .map(|c| c.value.map(|v| v.to_string()).unwrap_or_default()),
            );
            BodyRow {
                cells,
                bold: r.def.bold,
                heading: false,
            }
        })
        .collect();
    let mut notes: Vec<String> = def.notes.iter().map(|n| n.to_string()).collect();
    if !def.verified {
        notes.push(
            "[U]: bố cục chưa đối chiếu được với phụ lục của Thông tư 02/2023/TT-BNV.".into(),
        );
    }
    StatForm {
        symbol: format!("Biểu số: {}", def.id.symbol()),
        issued_by: "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023".into(),
        received_on: "Ngày nhận báo cáo: ngày 15 tháng 12 năm báo cáo".into(),
        reporter: s.reporter.clone(),
        receiver: s.receiver.clone(),
        title: def.title.into(),
        period: format!("Năm {}", s.year),
        unit_note: def.unit_note.into(),
        head,
        code_row: def.code_row().into_iter().map(String::from).collect(),
        widths,
        rows,
        notes,
        place_date: "…………, ngày …… tháng …… năm ……".into(),
        preparer: "Người lập biểu".into(),
        head_title: "Thủ trưởng đơn vị".into(),
        landscape: def.landscape,
    }
}

fn internal(e: thidua_docs::Error) -> Error {
    Error::Internal(anyhow::anyhow!(e))
}

/// The file name of a form: "bieu-0601-2025.pdf".
pub fn file_name(form: FormId, year: i64, ext: &str) -> String {
    format!("bieu-{}-{year}.{ext}", form.code())
}

/// The form as PDF (landscape when wide).
pub async fn pdf(db: &Db, caller: &Caller, year: i64, form: FormId) -> Result<Vec<u8>> {
    let s = sheet(db, caller, year, form).await?;
    let f = layout(&s);
    tokio::task::spawn_blocking(move || doc::pdf(&f))
        .await
        .map_err(|e| Error::Internal(anyhow::anyhow!(e)))?
        .map_err(internal)
}

/// The form as XLSX with merged header cells.
pub async fn xlsx(db: &Db, caller: &Caller, year: i64, form: FormId) -> Result<Vec<u8>> {
    let s = sheet(db, caller, year, form).await?;
    doc::xlsx(&layout(&s)).map_err(internal)
}

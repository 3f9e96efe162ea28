//! The template to start a scale from, and the export of every unit's scores with the totals and
//! the history of changes.

use super::super::sheet::{answer_of, self_answer_of};
use super::super::{Loaded, points_of};
use super::read::is_roman;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use std::collections::HashMap;
use thidua_domain::campaign::target::parse_number;
use thidua_store::scoring::CriterionRow;
use thidua_store::scoring_entries::{ChangeRow, EntryRow};

enum Cell {
    Text(String),
    Bold(String),
    Num(Option<f64>),
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

/// A sheet's name, its column headers (separated by «|») and their widths.
struct Layout(&'static str, &'static str, &'static [f64]);

const SCALE: Layout = Layout(
    "Thang điểm",
    "STT|Nội dung tiêu chí|Điểm chuẩn|Loại|Hướng dẫn chấm|Điều kiện để chấm điểm|Người chấm|\
     Thứ tự xét khi bằng điểm",
    &[7.0, 55.0, 11.0, 16.0, 50.0, 30.0, 24.0, 14.0],
);
const SCORES: Layout = Layout(
    "Điểm",
    "Cụm/khối|Đơn vị|STT tiêu chí|Nội dung|Điểm chuẩn|Đơn vị tự chấm|Điểm được công nhận|\
     Nhận xét của đơn vị|Bước cuối",
    &[24.0, 30.0, 8.0, 50.0, 10.0, 10.0, 11.0, 40.0, 16.0],
);
const TOTALS: Layout = Layout(
    "Tổng hợp",
    "STT|Đơn vị|Cụm/khối|Tổng điểm",
    &[6.0, 36.0, 28.0, 12.0],
);
const CHANGES: Layout = Layout(
    "Lịch sử thay đổi",
    "Thời điểm|Đơn vị|STT tiêu chí|Bước|Điểm trước|Điểm sau|Lý do|Người thực hiện",
    &[17.0, 30.0, 8.0, 16.0, 10.0, 10.0, 50.0, 24.0],
);

/// A sheet laid out as `layout` says: a bold header row kept in view, then `rows`.
fn write_sheet(book: &mut Workbook, layout: &Layout, rows: &[Vec<Cell>]) -> Result<(), String> {
    let ws = book.add_worksheet();
    let bold = Format::new().set_bold().set_text_wrap();
    // Numbers to two decimals; `+ 0.0` shows −0 (no deduction) as 0.
    let put = |ws: &mut Worksheet, r: u32, c: u16, cell: &Cell| -> Result<(), XlsxError> {
        match cell {
            Cell::Text(s) => ws.write_string(r, c, s).map(|_| ()),
            Cell::Bold(s) => ws.write_string_with_format(r, c, s, &bold).map(|_| ()),
            Cell::Num(Some(n)) => ws
                .write_number(r, c, (n * 100.0).round() / 100.0 + 0.0)
                .map(|_| ()),
            Cell::Num(None) => Ok(()),
        }
    };
    let mut write = || -> Result<(), XlsxError> {
        ws.set_name(layout.0)?;
        for ((c, h), width) in (0u16..).zip(layout.1.split('|')).zip(layout.2) {
            put(ws, 0, c, &Cell::Bold(h.into()))?;
            ws.set_column_width(c, *width)?;
        }
        for (r, row) in (1u32..).zip(rows) {
            for (c, cell) in (0u16..).zip(row) {
                put(ws, r, c, cell)?;
            }
        }
        ws.set_freeze_panes(1, 0).map(|_| ())
    };
    write().map_err(|e| e.to_string())
}

/// The template's example, part of a ward block's scale, as it is typed in the sheet.
#[rustfmt::skip]
pub(super) const EXAMPLE: [[&str; 8]; 10] = [
    ["I", "Thực hiện nhiệm vụ chính trị, kinh tế - xã hội", "60", "", "", "", "", ""],
    ["1", "Hoàn thành chỉ tiêu thu ngân sách nhà nước được giao", "20", "Tỷ lệ",
     "Điểm = tỷ lệ thu đạt so với dự toán × 20; vượt dự toán không cộng thêm.", "", "", "1"],
    ["2", "Không để xảy ra điểm nóng về an ninh, trật tự; khiếu kiện đông người", "15", "Có/Không",
     "Có: đủ 15 điểm; để xảy ra: 0 điểm.", "", "Đơn vị Trưởng cụm, khối", ""],
    ["3", "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn", "25", "Chấm điểm",
     "Từ 98% trở lên: 25 điểm; mỗi 1% thấp hơn trừ 2 điểm.",
     "Cập nhật đầy đủ hồ sơ trên Hệ thống thông tin giải quyết thủ tục hành chính", "", "2"],
    ["II", "Công tác thi đua, khen thưởng", "40", "", "", "", "", ""],
    ["1", "Ban hành kế hoạch phát động phong trào thi đua năm", "15", "Chấm điểm",
     "Đúng hạn: 15 điểm; chậm: 10 điểm.", "", "Thường trực Hội đồng", ""],
    ["2", "Gửi hồ sơ đề nghị khen thưởng đúng thời hạn, đúng thành phần", "25", "Chấm điểm",
     "Mỗi hồ sơ bị trả lại trừ 5 điểm.", "", "", ""],
    ["III", "Điểm trừ", "10", "", "", "", "", ""],
    ["1", "Chậm gửi báo cáo (mỗi lần)", "1", "Điểm trừ", "", "", "", ""],
    ["2", "Báo cáo sai số liệu phải điều chỉnh (mỗi lần)", "0,5", "Điểm trừ", "", "", "", ""],
];

/// An XLSX to fill in: the header row `read_scale` looks for and an example that it reads back.
pub fn scale_template() -> Result<Vec<u8>, String> {
    let rows: Vec<Vec<Cell>> = EXAMPLE
        .iter()
        .map(|r| {
            let group = is_roman(r[0]);
            let cell = |i: usize, v: &str| match (i, parse_number(v)) {
                (2 | 7, Some(n)) => Cell::Num(Some(n)),
                (0 | 1, _) if group => Cell::Bold(v.into()),
                _ => text(v),
            };
            (0..).zip(r).map(|(i, v)| cell(i, v)).collect()
        })
        .collect();
    let mut book = Workbook::new();
    write_sheet(&mut book, &SCALE, &rows)?;
    book.save_to_buffer().map_err(|e| e.to_string())
}

fn stage_label(stage: &str) -> &'static str {
    match stage {
        "self" => "Đơn vị tự chấm",
        "review" => "Thẩm định",
        "appeal" => "Kiến nghị",
        _ => "",
    }
}

/// A stored timestamp in Vietnam time, `dd/mm/yyyy hh:mm`.
fn local_time(stored: &str) -> String {
    let rfc = time::format_description::well_known::Rfc3339;
    match time::OffsetDateTime::parse(stored, &rfc) {
        Ok(t) => {
            let t = t.to_offset(time::macros::offset!(+7));
            let (d, m, y) = (t.day(), u8::from(t.month()), t.year());
            format!("{d:02}/{m:02}/{y:04} {:02}:{:02}", t.hour(), t.minute())
        }
        Err(_) => stored.to_string(),
    }
}

fn cluster_name(scale: &Loaded, unit_id: &str) -> String {
    scale
        .cluster_of(unit_id)
        .map_or(String::new(), |c| c.row.name.clone())
}

/// One row per scored unit and criterion, in the scale's order.
fn score_rows(scale: &Loaded, entries: &[EntryRow]) -> Vec<Vec<Cell>> {
    let by_key: HashMap<(&str, &str), &EntryRow> = entries
        .iter()
        .map(|e| ((e.unit_id.as_str(), e.criterion_id.as_str()), e))
        .collect();
    let mut criteria: Vec<&CriterionRow> = scale.criteria.iter().collect();
    criteria.sort_by_key(|c| (c.group_position, c.position));
    let mut rows = Vec::new();
    for (unit_id, _) in scale.units() {
        for c in &criteria {
            let e = by_key.get(&(unit_id.as_str(), c.id.as_str()));
            rows.push(vec![
                Cell::Text(cluster_name(scale, &unit_id)),
                Cell::Text(scale.unit_name(&unit_id)),
                text(&c.code),
                text(&c.text),
                Cell::Num(Some(c.points)),
                Cell::Num(e.and_then(|e| self_answer_of(e)).map(|a| points_of(c, &a))),
                Cell::Num(e.map(|e| points_of(c, &answer_of(e)))),
                text(e.map_or("", |e| &e.comment)),
                text(e.map_or("", |e| stage_label(&e.stage))),
            ]);
        }
    }
    rows
}

fn change_rows(scale: &Loaded, changes: &[ChangeRow]) -> Vec<Vec<Cell>> {
    changes
        .iter()
        .map(|ch| {
            vec![
                Cell::Text(local_time(&ch.at)),
                Cell::Text(scale.unit_name(&ch.unit_id)),
                text(scale.criterion(&ch.criterion_id).map_or("", |c| &c.code)),
                text(stage_label(&ch.stage)),
                Cell::Num(ch.before_points),
                Cell::Num(Some(ch.after_points)),
                text(&ch.reason),
                text(&ch.by_name),
            ]
        })
        .collect()
}

/// The scores of a scale: «Điểm» (every unit and criterion: the unit's own points, those that
/// count, the last stage), «Tổng hợp» (`totals`: unit id and total, in ranking order) and
/// «Lịch sử thay đổi» (every change with its reason).
pub fn scores_workbook(
    scale: &Loaded,
    entries: &[EntryRow],
    changes: &[ChangeRow],
    totals: &[(String, f64)],
) -> Result<Vec<u8>, String> {
    let total_rows: Vec<Vec<Cell>> = (1u32..)
        .zip(totals)
        .map(|(i, (unit_id, total))| {
            vec![
                Cell::Num(Some(f64::from(i))),
                Cell::Text(scale.unit_name(unit_id)),
                Cell::Text(cluster_name(scale, unit_id)),
                Cell::Num(Some(*total)),
            ]
        })
        .collect();
    let mut book = Workbook::new();
    write_sheet(&mut book, &SCORES, &score_rows(scale, entries))?;
    write_sheet(&mut book, &TOTALS, &total_rows)?;
    write_sheet(&mut book, &CHANGES, &change_rows(scale, changes))?;
    book.save_to_buffer().map_err(|e| e.to_string())
}

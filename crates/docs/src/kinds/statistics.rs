//! A statutory statistics form (*Biểu 0601.N–0605.N/BNV-TĐKT*, Thông tư 02/2023/TT-BNV) in its
//! own layout, not the Decree 30 letterhead: "Biểu số …", "Ban hành theo …", "Ngày nhận báo cáo"
//! at the left, "Đơn vị báo cáo" and "Đơn vị nhận báo cáo" at the right, the title and year, the table
//! with merged header cells, the code row (A, B, C, 1, 2…), row codes, footnotes and the signatures
//! of *Người lập biểu* and *Thủ trưởng đơn vị*. As PDF (Typst) and XLSX (merged cells).

use crate::Error;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};
use serde::Serialize;

/// A header cell spanning columns and rows.
#[derive(Debug, Clone, Default, Serialize)]
pub struct HeadCell {
    pub text: String,
    pub colspan: u16,
    pub rowspan: u16,
}

/// A body row: its cells in column order (label, code, unit, figures).
#[derive(Debug, Clone, Default, Serialize)]
pub struct BodyRow {
    pub cells: Vec<String>,
    pub bold: bool,
    /// A section heading: the label only, across the row.
    pub heading: bool,
}

/// The whole form as laid out.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StatForm {
    /// "Biểu số: 0601.N/BNV-TĐKT".
    pub symbol: String,
    pub issued_by: String,
    /// "Ngày nhận báo cáo: ngày 15 tháng 12 năm báo cáo".
    pub received_on: String,
    pub reporter: String,
    pub receiver: String,
    pub title: String,
    /// "Năm 2025".
    pub period: String,
    /// "Đơn vị tính: Phong trào", or empty.
    pub unit_note: String,
    /// Header rows, the first cells (label, code, unit) included.
    pub head: Vec<Vec<HeadCell>>,
    pub code_row: Vec<String>,
    /// Relative widths of the columns.
    pub widths: Vec<f64>,
    pub rows: Vec<BodyRow>,
    pub notes: Vec<String>,
    pub place_date: String,
    pub preparer: String,
    pub head_title: String,
    pub landscape: bool,
}

/// The form as PDF.
pub fn pdf(f: &StatForm) -> Result<Vec<u8>, Error> {
    crate::pdf::render(crate::pdf::STATISTICS, f)
}

fn err(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Render(format!("xlsx: {e}"))
}

fn fmt(bold: bool, italic: bool, border: bool, align: FormatAlign) -> Format {
    let mut f = Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(11)
        .set_text_wrap()
        .set_align(align)
        .set_align(FormatAlign::VerticalCenter);
    if bold {
        f = f.set_bold();
    }
    if italic {
        f = f.set_italic();
    }
    if border {
        f = f.set_border(FormatBorder::Thin);
    }
    f
}

/// Writes `text` over rows r1–r2 and columns c1–c2 (merged when more than one cell).
fn put(
    s: &mut Worksheet,
    r: (u32, u32),
    c: (u16, u16),
    text: &str,
    f: &Format,
) -> Result<(), Error> {
    if r.0 == r.1 && c.0 == c.1 {
        s.write_with_format(r.0, c.0, text, f).map_err(err)?;
    } else {
        s.merge_range(r.0, c.0, r.1, c.1, text, f).map_err(err)?;
    }
    Ok(())
}

/// Lays the header rows from `top`, placing each cell in the first free slot (as HTML tables do).
fn header(s: &mut Worksheet, f: &StatForm, top: u32, cols: u16, hf: &Format) -> Result<(), Error> {
    let rows = f.head.len();
    let mut taken = vec![vec![false; usize::from(cols)]; rows];
    for (ri, row) in f.head.iter().enumerate() {
        let mut c = 0usize;
        for cell in row {
            while c < usize::from(cols) && taken[ri][c] {
                c += 1;
            }
            let (cs, rs) = (
                usize::from(cell.colspan.max(1)),
                usize::from(cell.rowspan.max(1)),
            );
            for rr in ri..(ri + rs).min(rows) {
                for cc in c..(c + cs).min(usize::from(cols)) {
                    taken[rr][cc] = true;
                }
            }
            let r0 = top + ri as u32;
            put(
                s,
                (r0, r0 + rs as u32 - 1),
                (c as u16, (c + cs - 1) as u16),
                &cell.text,
                hf,
            )?;
            c += cs;
        }
    }
    Ok(())
}

/// The form as XLSX: the same header block, merged header cells, code row, row codes and the
/// signature lines, on A4 fitted to the width.
pub fn xlsx(f: &StatForm) -> Result<Vec<u8>, Error> {
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    let cols = f.code_row.len() as u16;
    let last = cols.saturating_sub(1);
    let half = cols / 2;
    let plain = fmt(false, false, false, FormatAlign::Left);
    let bold_left = fmt(true, false, false, FormatAlign::Left);
    let centre = fmt(false, false, false, FormatAlign::Center);
    let centre_bold = fmt(true, false, false, FormatAlign::Center);
    let centre_italic = fmt(false, true, false, FormatAlign::Center);
    put(
        s,
        (0, 0),
        (0, half.saturating_sub(1)),
        &f.symbol,
        &bold_left,
    )?;
    put(s, (1, 1), (0, half.saturating_sub(1)), &f.issued_by, &plain)?;
    put(
        s,
        (2, 2),
        (0, half.saturating_sub(1)),
        &f.received_on,
        &plain,
    )?;
    put(
        s,
        (0, 0),
        (half, last),
        &format!("Đơn vị báo cáo: {}", f.reporter),
        &centre,
    )?;
    put(
        s,
        (1, 1),
        (half, last),
        &format!("Đơn vị nhận báo cáo: {}", f.receiver),
        &centre,
    )?;
    put(s, (4, 4), (0, last), &f.title, &centre_bold)?;
    put(s, (5, 5), (0, last), &f.period, &centre_italic)?;
    if !f.unit_note.is_empty() {
        put(
            s,
            (6, 6),
            (0, last),
            &f.unit_note,
            &fmt(false, true, false, FormatAlign::Right),
        )?;
    }
    let top = 7;
    let hf = fmt(true, false, true, FormatAlign::Center);
    header(s, f, top, cols, &hf)?;
    let code_at = top + f.head.len() as u32;
    for (c, code) in f.code_row.iter().enumerate() {
        s.write_with_format(code_at, c as u16, code.as_str(), &hf)
            .map_err(err)?;
    }
    let body = fmt(false, false, true, FormatAlign::Center);
    let body_bold = fmt(true, false, true, FormatAlign::Center);
    let label = fmt(false, false, true, FormatAlign::Left);
    let label_bold = fmt(true, false, true, FormatAlign::Left);
    for (i, row) in f.rows.iter().enumerate() {
        let r = code_at + 1 + i as u32;
        for (c, v) in row.cells.iter().enumerate() {
            let (lf, bf) = if row.bold || row.heading {
                (&label_bold, &body_bold)
            } else {
                (&label, &body)
            };
            let cf = if c == 0 { lf } else { bf };
            // Figures as numbers, so the sheet sums; text elsewhere.
            match v.parse::<f64>() {
                Ok(n) if c > 0 && !v.is_empty() && v.chars().all(|ch| ch.is_ascii_digit()) => s
                    .write_number_with_format(r, c as u16, n, cf)
                    .map_err(err)?,
                _ => s
                    .write_with_format(r, c as u16, v.as_str(), cf)
                    .map_err(err)?,
            };
        }
    }
    let mut r = code_at + 2 + f.rows.len() as u32;
    for n in &f.notes {
        put(
            s,
            (r, r),
            (0, last),
            n,
            &fmt(false, true, false, FormatAlign::Left),
        )?;
        r += 1;
    }
    r += 1;
    put(s, (r, r), (half, last), &f.place_date, &centre_italic)?;
    put(
        s,
        (r + 1, r + 1),
        (0, half.saturating_sub(1)),
        &f.preparer,
        &centre_bold,
    )?;
    put(s, (r + 1, r + 1), (half, last), &f.head_title, &centre_bold)?;
    put(
        s,
        (r + 2, r + 2),
        (0, half.saturating_sub(1)),
        "(Ký, họ tên)",
        &centre_italic,
    )?;
    put(
        s,
        (r + 2, r + 2),
        (half, last),
        "(Ký, họ tên, đóng dấu)",
        &centre_italic,
    )?;
    for (c, w) in f.widths.iter().enumerate() {
        s.set_column_width(c as u16, (w * 9.0).clamp(6.0, 60.0))
            .map_err(err)?;
    }
    if f.landscape {
        s.set_landscape();
    }
    s.set_paper_size(9).set_print_fit_to_pages(1, 0);
    s.set_repeat_rows(top, code_at).map_err(err)?;
    book.save_to_buffer().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> StatForm {
        StatForm {
            symbol: "Biểu số: 0604.N/BNV-TĐKT".into(),
            title: "SỐ LƯỢNG TỔ CHỨC".into(),
            period: "Năm 2025".into(),
            head: vec![vec![
                HeadCell {
                    text: String::new(),
                    colspan: 1,
                    rowspan: 1,
                },
                HeadCell {
                    text: "Mã số".into(),
                    colspan: 1,
                    rowspan: 1,
                },
                HeadCell {
                    text: "Số lượng".into(),
                    colspan: 1,
                    rowspan: 1,
                },
            ]],
            code_row: vec!["A".into(), "B".into(), "1".into()],
            widths: vec![4.0, 1.0, 1.0],
            rows: vec![BodyRow {
                cells: vec!["Tổng số".into(), "01".into(), "4".into()],
                bold: true,
                heading: false,
            }],
            notes: vec!["Ghi chú.".into()],
            preparer: "Người lập biểu".into(),
            head_title: "Thủ trưởng đơn vị".into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_form_renders_as_pdf_with_its_text_and_as_a_workbook() {
        let f = sample();
        let pdf = pdf(&f).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        let book = xlsx(&f).unwrap();
        assert!(book.starts_with(b"PK"));
    }
}

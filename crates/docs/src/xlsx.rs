//! Lists as spreadsheets (rust_xlsxwriter): a bold title, the header row repeated on every printed
//! page, A4 landscape fitted to the width.

use crate::Error;
use rust_xlsxwriter::{Format, FormatBorder, Workbook};

fn err(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Render(format!("xlsx: {e}"))
}

/// A sheet with `title` on row 1, `headers` on row 3 and `rows` below.
pub fn table(title: &str, headers: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, Error> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let bold = Format::new()
        .set_bold()
        .set_font_name("Times New Roman")
        .set_font_size(13);
    let head = Format::new()
        .set_bold()
        .set_font_name("Times New Roman")
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let cell = Format::new()
        .set_font_name("Times New Roman")
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    sheet.write_with_format(0, 0, title, &bold).map_err(err)?;
    for (c, h) in headers.iter().enumerate() {
        sheet
            .write_with_format(2, c as u16, *h, &head)
            .map_err(err)?;
        let width = if c == 0 { 5.0 } else { 28.0 };
        sheet.set_column_width(c as u16, width).map_err(err)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet
                .write_with_format(3 + r as u32, c as u16, v.as_str(), &cell)
                .map_err(err)?;
        }
    }
    sheet.set_repeat_rows(2, 2).map_err(err)?;
    sheet
        .set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    book.save_to_buffer().map_err(err)
}

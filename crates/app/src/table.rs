//! Reads an uploaded spreadsheet (XLSX, or CSV in UTF-8) into rows of text cells, with Vietnamese
//! messages for files that cannot be read.

use crate::error::Error;
use calamine::{Data, Reader};
use std::io::Cursor;

/// A file's rows; `rows[0]` is the header row. Cells are trimmed NFC text; dates become `yyyy-mm-dd`.
pub struct Table {
    pub rows: Vec<Vec<String>>,
}

fn bad(message: &str) -> Error {
    Error::Rejected(message.into())
}

/// Reads XLSX (detected by its zip signature) or CSV.
pub fn read(bytes: &[u8], file_name: &str) -> Result<Table, Error> {
    if bytes.is_empty() {
        return Err(bad("Tệp tải lên đang trống."));
    }
    let lower = file_name.to_lowercase();
    let rows = if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes)?
    } else if lower.ends_with(".xlsx") || lower.ends_with(".xls") {
        return Err(bad(
            "Tệp Excel bị hỏng hoặc không đúng định dạng XLSX; hãy mở bằng Excel và lưu lại dưới dạng .xlsx.",
        ));
    } else {
        read_csv(bytes)?
    };
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .filter(|r| r.iter().any(|c| !c.is_empty()))
        .collect();
    if rows.len() < 2 {
        return Err(bad("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."));
    }
    Ok(Table { rows })
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Vec<String>>, Error> {
    let broken = || {
        bad(
            "Tệp Excel bị hỏng hoặc không đúng định dạng XLSX; hãy mở bằng Excel và lưu lại dưới dạng .xlsx.",
        )
    };
    let mut book =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|_| broken())?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| bad("Tệp Excel không có trang tính nào."))?
        .map_err(|_| broken())?;
    Ok(range
        .rows()
        .map(|r| r.iter().map(cell_text).collect())
        .collect())
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => thidua_domain::text::clean(s),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => {
            if *b {
                "có".into()
            } else {
                "không".into()
            }
        }
        Data::DateTime(dt) => excel_serial_to_iso(dt.as_f64()).unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(10).collect(),
        Data::Error(_) => String::new(),
    }
}

/// Converts an Excel serial day number (1900 system) to an ISO date.
fn excel_serial_to_iso(serial: f64) -> Option<String> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let epoch = time::macros::date!(1899 - 12 - 30);
    let date = epoch.checked_add(time::Duration::days(serial.floor() as i64))?;
    Some(thidua_domain::date::iso(date))
}

fn read_csv(bytes: &[u8]) -> Result<Vec<Vec<String>>, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| {
        bad("Tệp CSV phải được lưu với bảng mã UTF-8 (trong Excel: Lưu thành › CSV UTF-8).")
    })?;
    if text.contains('\0') {
        return Err(bad("Tệp không phải là bảng tính XLSX hay CSV."));
    }
    let delimiter = if text
        .lines()
        .next()
        .is_some_and(|l| l.matches(';').count() > l.matches(',').count())
    {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|_| {
            Error::Rejected(format!(
                "Dòng {} của tệp CSV không đọc được (dấu ngoặc kép không đóng?).",
                i + 1
            ))
        })?;
        rows.push(rec.iter().map(thidua_domain::text::clean).collect());
    }
    Ok(rows)
}

/// Spreadsheet column letters: 0 → A, 26 → AA.
pub fn column_letter(mut index: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, (b'A' + (index % 26) as u8) as char);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
    }

    #[test]
    fn serial_dates() {
        assert_eq!(excel_serial_to_iso(45658.0).as_deref(), Some("2025-01-01"));
        assert_eq!(excel_serial_to_iso(-3.0), None);
    }

    #[test]
    fn refuses_junk() {
        assert!(read(b"PK\x03\x04garbage", "a.xlsx").is_err());
        assert!(read(&[0xff, 0xfe, 0x00], "a.csv").is_err());
        assert!(read(b"", "a.csv").is_err());
        assert!(read(b"a,b\n", "a.csv").is_err());
        let t = read("Họ và tên;Giới tính\nAn;Nam\n".as_bytes(), "a.csv").unwrap();
        assert_eq!(t.rows[1], vec!["An", "Nam"]);
    }
}

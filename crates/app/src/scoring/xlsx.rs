//! Scales and scores as spreadsheets: reading a scale (thang điểm) laid out the way standing offices
//! type it in Excel, the template to start from, and the export of every unit's scores with the
//! totals and the history of changes. Pure: bytes in, bytes out.

use super::sheet::{answer_of, self_answer_of};
use super::{Loaded, points_of};
use calamine::{Data, Reader};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use std::collections::{HashMap, HashSet};
use std::io::Cursor;
use thidua_domain::Validation;
use thidua_domain::campaign::target::parse_number;
use thidua_domain::scoring::input::{CriterionInput, GroupInput, validate_groups};
use thidua_domain::text::{clean_line, fold};
use thidua_store::scoring::CriterionRow;
use thidua_store::scoring_entries::{ChangeRow, EntryRow};

type Rows = Vec<(usize, Vec<String>)>;

/// A validation of the whole file with one message.
fn one(label: &str, message: impl Into<String>) -> Validation {
    let mut v = Validation::new();
    v.add("file", label, message);
    v
}

/// A problem of one row: labelled and told with its row number in Excel.
fn fail(v: &mut Validation, line: usize, message: &str) {
    v.add(
        "file",
        &format!("Dòng {line}"),
        format!("Dòng {line}: {message}"),
    );
}

/// The first sheet's rows as text, each with its row number in Excel.
fn sheet_rows(bytes: &[u8]) -> Result<Rows, String> {
    let broken = "Tệp Excel bị hỏng hoặc không đúng định dạng XLSX; hãy mở bằng Excel và lưu lại \
                  dưới dạng .xlsx.";
    if bytes.is_empty() {
        return Err("Tệp tải lên đang trống.".into());
    }
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|_| broken.to_string())?;
    let range = book
        .worksheet_range_at(0)
        .ok_or("Tệp Excel không có trang tính nào.")?
        .map_err(|_| broken.to_string())?;
    let first = range.start().map_or(0, |(r, _)| r as usize);
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, r)| (first + i + 1, r.iter().map(cell_text).collect()))
        .collect())
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => clean_line(s),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{}", (f * 1e6).round() / 1e6),
        Data::Int(i) => i.to_string(),
        _ => String::new(),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Stt,
    Content,
    Points,
    Kind,
    Guidance,
    Precondition,
    Assessor,
    TieBreak,
}

/// What a header cell names (diacritics and case ignored); the more specific names first.
fn role_of(header: &str) -> Option<Role> {
    let h = fold(header);
    let has = |w: &str| h.contains(w);
    Some(match h.as_str() {
        _ if has("bang diem") => Role::TieBreak,
        _ if h.starts_with("dieu kien") => Role::Precondition,
        _ if has("huong dan") || has("cach cham") || has("ghi chu") => Role::Guidance,
        _ if has("nguoi cham") || has("don vi cham") => Role::Assessor,
        _ if h == "loai" || h.starts_with("loai ") => Role::Kind,
        "stt" | "tt" | "so tt" | "so thu tu" => Role::Stt,
        _ if has("noi dung") || has("tieu chi") => Role::Content,
        "diem" | "so diem" | "thang diem" | "diem quy dinh" => Role::Points,
        _ if has("diem chuan") || has("diem toi da") => Role::Points,
        _ => return None,
    })
}

/// Column of each role (the first header cell naming it).
struct Columns {
    roles: Vec<Option<Role>>,
}

impl Columns {
    fn at(&self, role: Role) -> Option<usize> {
        self.roles.iter().position(|r| *r == Some(role))
    }

    fn get<'a>(&self, cells: &'a [String], role: Role) -> &'a str {
        self.at(role)
            .and_then(|i| cells.get(i))
            .map_or("", String::as_str)
    }
}

/// The header row (index in `rows`) and its columns, looked for in the first 15 rows.
fn find_header(rows: &Rows) -> Result<(usize, Columns), Validation> {
    for (i, (line, cells)) in rows.iter().enumerate().take_while(|(_, (l, _))| *l <= 15) {
        let cols = Columns {
            roles: cells.iter().map(|c| role_of(c)).collect(),
        };
        if cols.at(Role::Stt).is_none() || cols.at(Role::Content).is_none() {
            continue;
        }
        if cols.at(Role::Points).is_none() {
            return Err(one(
                &format!("Dòng {line}"),
                format!(
                    "Dòng {line}: dòng tiêu đề thiếu cột «Điểm chuẩn» (hoặc «Điểm tối đa», «Điểm»)."
                ),
            ));
        }
        return Ok((i, cols));
    }
    Err(one(
        "Dòng tiêu đề",
        "Không tìm thấy dòng tiêu đề trong 15 dòng đầu của trang tính thứ nhất: cần một ô «STT» \
         (hoặc «TT») và một ô «Nội dung tiêu chí» (hoặc «Tiêu chí»).",
    ))
}

/// Roman numerals I to XXXIX.
fn roman(n: usize) -> String {
    const TENS: [&str; 4] = ["", "X", "XX", "XXX"];
    const ONES: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    format!("{}{}", TENS[n / 10 % 4], ONES[n % 10])
}

fn is_roman(s: &str) -> bool {
    (1..40).any(|n| roman(n) == s)
}

enum Stt {
    /// Empty or a bullet (`-`, `+`): more text of the row above.
    Blank,
    Group(String),
    /// A capital letter (A, B…) above the groups.
    Section,
    Criterion(String),
    Unknown,
}

fn classify(raw: &str) -> Stt {
    let s = raw
        .trim_start_matches('(')
        .trim_end_matches(['.', ')', ':'])
        .trim();
    let s = match s.split_whitespace().collect::<Vec<_>>().as_slice() {
        [w, n] if matches!(fold(w).as_str(), "phan" | "nhom" | "muc" | "chuong") => *n,
        _ => s,
    };
    if s.is_empty() || matches!(s, "-" | "+" | "*" | "•" | "–") {
        return Stt::Blank;
    }
    if is_roman(s) {
        return Stt::Group(s.into());
    }
    let dotted = |t: &str| {
        !t.is_empty()
            && t.split('.')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    };
    let (head, tail) = s.split_once('.').unwrap_or((s, ""));
    if dotted(s) || (is_roman(head) && dotted(tail)) {
        return Stt::Criterion(s.into());
    }
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_lowercase() => Stt::Criterion(s.into()),
        (Some(c), None) if c.is_uppercase() => Stt::Section,
        _ => Stt::Unknown,
    }
}

/// Points as text without the words around them («10 điểm», «trừ 1 điểm/lần»).
fn points_text(raw: &str, unsigned: bool) -> String {
    let mut s = raw.to_lowercase();
    for w in ["mỗi lần", "/lần", "điểm", "tối đa", "trừ", "cộng", "đ"] {
        s = s.replace(w, "");
    }
    let mut s = s.trim().trim_start_matches('+').trim().to_string();
    if unsigned {
        s = s.trim_start_matches('-').trim().to_string();
    }
    if s.matches('.').count() == 1 && !s.contains(',') {
        s = s.replace('.', ",");
    }
    if parse_number(&s).is_some() {
        s
    } else {
        raw.trim().to_string()
    }
}

/// A group name ending with its points («… (20 điểm)»): the name without them, and the points.
fn points_in_name(name: &str) -> Option<(String, String)> {
    let open = name.rfind('(')?;
    let inner = name.get(open + 1..)?.strip_suffix(')')?;
    fold(inner).ends_with("diem").then_some(())?;
    let points = points_text(inner, false);
    parse_number(&points)?;
    Some((name.get(..open)?.trim().to_string(), points))
}

/// A kind code from the Loại column: the codes, the labels of `KINDS` and their short forms.
fn kind_code(raw: &str) -> Option<&'static str> {
    const NAMES: [(&str, &str); 5] = [
        ("fixed", "fixed|cham diem|co dinh|diem co dinh"),
        ("rate", "rate|ty le|ti le"),
        ("yes_no", "yes_no|co/khong|dat/khong dat|dat/khong"),
        ("deduction", "deduction|diem tru|tru diem|tru"),
        ("bonus", "bonus|diem thuong|diem cong|cong diem|thuong|cong"),
    ];
    let k = fold(raw).replace(" / ", "/");
    let named = |n: &str| k == n || k.starts_with(&format!("{n} "));
    NAMES
        .iter()
        .find(|(_, names)| names.split('|').any(named))
        .map(|(code, _)| *code)
}

fn kind_of_group(name: &str) -> &'static str {
    let n = fold(name);
    if n.contains("diem tru") || n.contains("tru diem") {
        "deduction"
    } else if ["diem thuong", "diem cong", "cong diem"]
        .iter()
        .any(|w| n.contains(w))
    {
        "bonus"
    } else {
        "fixed"
    }
}

fn assessor_code(raw: &str) -> String {
    let a = fold(raw);
    let leader = ["truong cum", "truong khoi", "cluster_leader"];
    match a.as_str() {
        "" => String::new(),
        _ if leader.iter().any(|w| a.contains(w)) => "cluster_leader".into(),
        _ => "office".into(),
    }
}

struct Item {
    code: String,
    has_points: bool,
    input: CriterionInput,
}

/// A group as read: its row, its numeral (to tell apart criteria numbered again from 1).
struct Part {
    numeral: String,
    input: GroupInput,
    items: Vec<Item>,
}

struct ScaleReader<'a> {
    cols: &'a Columns,
    parts: Vec<Part>,
    v: Validation,
}

impl ScaleReader<'_> {
    /// Reads one row; false at the total row that ends the table.
    fn row(&mut self, line: usize, cells: &[String]) -> bool {
        let stt = self.cols.get(cells, Role::Stt);
        let content = self.cols.get(cells, Role::Content);
        let ends = |t: &str| {
            ["tong cong", "tong diem", "tong so diem"]
                .iter()
                .any(|w| fold(t).starts_with(w))
        };
        if ends(stt) || ends(content) {
            return false;
        }
        // Column numbers under the header («(1) (2)…», «A B 1 2…») and a header repeated per page.
        let n = content.trim_matches(['(', ')']);
        let numbering = n.parse::<u32>().is_ok()
            || (n.chars().count() == 1 && n.chars().all(char::is_uppercase));
        let skip =
            numbering || role_of(stt) == Some(Role::Stt) || cells.iter().all(String::is_empty);
        match classify(stt) {
            _ if skip => {}
            Stt::Group(numeral) => self.group(line, numeral, cells),
            Stt::Section if self.cols.get(cells, Role::Points).is_empty() => {}
            Stt::Section => self.group(line, stt.trim_end_matches(['.', ')']).into(), cells),
            Stt::Criterion(code) => self.criterion(line, code, cells),
            Stt::Blank => self.continuation(line, stt, cells),
            Stt::Unknown => fail(
                &mut self.v,
                line,
                &format!(
                    "số thứ tự «{stt}» không phải số La Mã (I, II… cho nhóm tiêu chí) \
                     hay số, chữ cái (1, 1.2, a… cho tiêu chí)."
                ),
            ),
        }
        true
    }

    fn group(&mut self, line: usize, numeral: String, cells: &[String]) {
        let mut name = self.cols.get(cells, Role::Content).to_string();
        let mut points = points_text(self.cols.get(cells, Role::Points), false);
        if points.is_empty() {
            (name, points) = points_in_name(&name).unwrap_or((name, points));
        }
        if name.is_empty() {
            let m = format!("nhóm {numeral} chưa có tên ở cột Nội dung.");
            fail(&mut self.v, line, &m);
        } else if points.is_empty() {
            let m = format!("nhóm {numeral} «{name}» chưa có điểm tối đa ở cột Điểm chuẩn.");
            fail(&mut self.v, line, &m);
        }
        self.parts.push(Part {
            numeral,
            input: GroupInput {
                name,
                max_points: points,
                criteria: Vec::new(),
            },
            items: Vec::new(),
        });
    }

    fn criterion(&mut self, line: usize, code: String, cells: &[String]) {
        let get = |role| self.cols.get(cells, role).to_string();
        let Some(part) = self.parts.last_mut() else {
            let m = format!(
                "tiêu chí {code} nằm trước nhóm tiêu chí đầu tiên (dòng có số La Mã I, II…)."
            );
            return fail(&mut self.v, line, &m);
        };
        let kind = match get(Role::Kind).as_str() {
            "" => kind_of_group(&part.input.name),
            k => match kind_code(k) {
                Some(code) => code,
                None => {
                    let m = format!(
                        "loại «{k}» không rõ; hãy ghi Chấm điểm, Tỷ lệ, Có/Không, \
                         Điểm trừ hoặc Điểm thưởng."
                    );
                    return fail(&mut self.v, line, &m);
                }
            },
        };
        let points = get(Role::Points);
        part.items.push(Item {
            code: code.clone(),
            has_points: !points.is_empty(),
            input: CriterionInput {
                code,
                text: get(Role::Content),
                guidance: get(Role::Guidance),
                kind: kind.into(),
                points: points_text(&points, matches!(kind, "deduction" | "bonus")),
                precondition: get(Role::Precondition),
                assessor: assessor_code(&get(Role::Assessor)),
                tie_break: get(Role::TieBreak),
                ..CriterionInput::default()
            },
        });
    }

    /// A row without a number: more guidance of the criterion above (points there are an error).
    fn continuation(&mut self, line: usize, stt: &str, cells: &[String]) {
        let content = self.cols.get(cells, Role::Content);
        if !self.cols.get(cells, Role::Points).is_empty() {
            let m = format!(
                "có điểm nhưng thiếu số thứ tự (STT) nên không rõ «{content}» là nhóm \
                 hay tiêu chí."
            );
            return fail(&mut self.v, line, &m);
        }
        let guide = self.cols.get(cells, Role::Guidance);
        if let Some(item) = self.parts.last_mut().and_then(|p| p.items.last_mut()) {
            let g = &mut item.input.guidance;
            *g = clean_line(&format!("{g} {stt} {content} {guide}"));
        }
    }

    /// The groups, with sub-items nested and criteria numbered again from 1 prefixed by their group.
    fn finish(mut self) -> Result<Vec<GroupInput>, Validation> {
        let mut seen = HashSet::new();
        let mut groups = Vec::new();
        for part in self.parts {
            let mut criteria = Vec::new();
            nest(&part.items, None, &mut criteria);
            if criteria.iter().any(|c| seen.contains(&c.code)) {
                for c in &mut criteria {
                    c.code = format!("{}.{}", part.numeral, c.code);
                }
            }
            seen.extend(criteria.iter().map(|c| c.code.clone()));
            groups.push(GroupInput {
                criteria,
                ..part.input
            });
        }
        if groups.is_empty() && self.v.is_ok() {
            self.v.add(
                "file",
                "Nhóm tiêu chí",
                "Không thấy nhóm tiêu chí nào dưới dòng tiêu đề: mỗi nhóm bắt đầu bằng một dòng có \
                 số La Mã (I, II…) ở cột STT.",
            );
        }
        self.v.finish(groups)
    }
}

fn is_child(child: &str, parent: &str) -> bool {
    let numeric = parent
        .rsplit('.')
        .next()
        .is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()));
    child.starts_with(&format!("{parent}."))
        || (numeric && child.chars().count() == 1 && child.chars().all(char::is_lowercase))
}

/// A criterion followed by scored sub-items (1 → 1.1, 1.2 or a, b) is their heading: they take its
/// text (and number, when lettered) and it is dropped; sub-items without points are its guidance.
fn nest(items: &[Item], parent: Option<(&str, &str)>, out: &mut Vec<CriterionInput>) {
    let mut i = 0;
    while let Some(item) = items.get(i) {
        let rest = items.get(i + 1..).unwrap_or_default();
        let n = rest
            .iter()
            .take_while(|k| is_child(&k.code, &item.code))
            .count();
        let kids = rest.get(..n).unwrap_or_default();
        let mut c = item.input.clone();
        if let Some((code, text)) = parent {
            if !c.code.contains('.') {
                c.code = format!("{code}.{}", c.code);
            }
            c.text = format!("{text} – {}", c.text);
        }
        if kids.iter().any(|k| k.has_points) {
            nest(kids, Some((&c.code, &c.text)), out);
        } else {
            for k in kids {
                c.guidance = format!("{} {}. {}", c.guidance, k.code, k.input.text)
                    .trim()
                    .into();
            }
            out.push(c);
        }
        i += 1 + n;
    }
}

/// Reads a scale from the first sheet of an XLSX: a header row (STT, Nội dung, Điểm chuẩn…), groups
/// on rows numbered I, II…, their criteria on rows numbered 1, 1.2, a…, up to a «Tổng cộng» row.
pub fn read_scale(bytes: &[u8]) -> Result<Vec<GroupInput>, Validation> {
    let rows = sheet_rows(bytes).map_err(|m| one("Tệp", m))?;
    let (at, cols) = find_header(&rows)?;
    let mut reader = ScaleReader {
        cols: &cols,
        parts: Vec::new(),
        v: Validation::new(),
    };
    for (line, cells) in rows.iter().skip(at + 1) {
        if !reader.row(*line, cells) {
            break;
        }
    }
    let groups = reader.finish()?;
    validate_groups(&groups)?;
    Ok(groups)
}

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
const EXAMPLE: [[&str; 8]; 10] = [
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::ScoredCluster;
    use thidua_domain::scoring::input::KINDS;
    use thidua_store::clusters::ClusterRow;
    use thidua_store::scoring::{GroupRow, ScaleRow};

    /// An XLSX whose first sheet holds `rows` as text cells.
    fn book(rows: &[&[&str]]) -> Vec<u8> {
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        for (r, row) in (0u32..).zip(rows) {
            for (c, v) in (0u16..).zip(row.iter()) {
                ws.write_string(r, c, *v).unwrap();
            }
        }
        book.save_to_buffer().unwrap()
    }

    fn messages(v: &Validation) -> Vec<String> {
        v.errors
            .iter()
            .map(|e| format!("{}|{}", e.label, e.message))
            .collect()
    }

    #[test]
    fn template_reads_back_as_its_example() {
        let groups = read_scale(&scale_template().unwrap()).unwrap();
        let names: Vec<(&str, &str)> = groups
            .iter()
            .map(|g| (g.name.as_str(), g.max_points.as_str()))
            .collect();
        let expected: Vec<(&str, &str)> = EXAMPLE
            .iter()
            .filter(|r| is_roman(r[0]))
            .map(|r| (r[1], r[2]))
            .collect();
        assert_eq!(names, expected);
        let criteria: Vec<&CriterionInput> = groups.iter().flat_map(|g| &g.criteria).collect();
        let rows: Vec<&[&str; 8]> = EXAMPLE.iter().filter(|r| !is_roman(r[0])).collect();
        assert_eq!(criteria.len(), rows.len());
        for (c, r) in criteria.iter().zip(rows) {
            assert!(c.code.ends_with(r[0]), "{} / {}", c.code, r[0]);
            assert_eq!(
                (c.text.as_str(), c.points.as_str(), c.guidance.as_str()),
                (r[1], r[2], r[4])
            );
            assert_eq!(
                (Some(c.kind.as_str()), c.assessor.clone()),
                (kind_code(r[3]), assessor_code(r[6]))
            );
            assert_eq!(
                (c.precondition.as_str(), c.tie_break.as_str()),
                (r[5], r[7])
            );
        }
        let codes: Vec<&str> = criteria.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["1", "2", "3", "II.1", "II.2", "III.1", "III.2"]);
        assert_eq!(
            (criteria[1].kind.as_str(), criteria[1].assessor.as_str()),
            ("yes_no", "cluster_leader")
        );
    }

    #[test]
    fn every_kind_label_and_code_is_understood() {
        for (code, label) in KINDS {
            assert_eq!(kind_code(label), Some(code));
            assert_eq!(kind_code(code), Some(code));
        }
        assert_eq!(kind_code("Trừ"), Some("deduction"));
        assert_eq!(kind_code("Có / Không"), Some("yes_no"));
        assert_eq!(kind_code("linh tinh"), None);
    }

    #[test]
    fn reads_an_office_layout() {
        let bytes = book(&[
            &["UBND QUẬN NINH KIỀU"],
            &["BẢNG TIÊU CHÍ CHẤM ĐIỂM THI ĐUA KHỐI PHƯỜNG NĂM 2025"],
            &["TT", "Tiêu chí", "Điểm tối đa", "Cách chấm", "Người chấm"],
            &["A", "B", "1", "2", "3"],
            &["I.", "Công tác xây dựng Đảng (20 điểm)"],
            &["1.", "Kết quả thu ngân sách", "", "", ""],
            &["a)", "Thu nội địa", "10 điểm", "Theo tỷ lệ", "Trưởng khối"],
            &["b)", "Thu phí, lệ phí", "5", "", ""],
            &["2", "Sinh hoạt chi bộ định kỳ", "5", "Đủ 12 kỳ", ""],
            &["-", "Thiếu mỗi kỳ trừ 1 điểm"],
            &["TT", "Tiêu chí", "Điểm tối đa", "Cách chấm", "Người chấm"],
            &["II", "Điểm trừ", "5"],
            &["1", "Chậm báo cáo", "trừ 1 điểm/lần"],
            &["2", "Sai số liệu", "- 0,5"],
            &["", "Tổng cộng", "25"],
            &["III", "Không đọc tới đây"],
        ]);
        let groups = read_scale(&bytes).unwrap();
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].name, "Công tác xây dựng Đảng");
        assert_eq!(groups[0].max_points, "20");
        let codes: Vec<&str> = groups[0].criteria.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["1.a", "1.b", "2"]);
        let first = &groups[0].criteria[0];
        assert_eq!(first.text, "Kết quả thu ngân sách – Thu nội địa");
        assert_eq!(
            (first.points.as_str(), first.kind.as_str()),
            ("10", "fixed")
        );
        assert_eq!(first.assessor, "cluster_leader");
        assert_eq!(
            groups[0].criteria[2].guidance,
            "Đủ 12 kỳ - Thiếu mỗi kỳ trừ 1 điểm"
        );
        let deduction = &groups[1].criteria[0];
        assert_eq!(deduction.code, "II.1");
        assert_eq!(
            (deduction.kind.as_str(), deduction.points.as_str()),
            ("deduction", "1")
        );
        let wrong = &groups[1].criteria[1];
        assert_eq!(
            (wrong.code.as_str(), wrong.points.as_str()),
            ("II.2", "0,5")
        );
    }

    #[test]
    fn broken_layouts_name_the_row() {
        let before = book(&[
            &["Thang điểm"],
            &["STT", "Nội dung", "Điểm"],
            &["1", "Tiêu chí lạc", "10"],
            &["I", "Nhóm", ""],
        ]);
        let got = messages(&read_scale(&before).unwrap_err());
        assert!(
            got.iter()
                .any(|m| m.starts_with("Dòng 3|Dòng 3: tiêu chí 1 nằm trước nhóm")),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|m| m.contains("Dòng 4: nhóm I «Nhóm» chưa có điểm tối đa")),
            "{got:?}"
        );
        let headless = book(&[&["Tiêu chí", "Điểm"], &["I", "Nhóm", "10"]]);
        let got = messages(&read_scale(&headless).unwrap_err());
        assert!(got[0].contains("Không tìm thấy dòng tiêu đề"), "{got:?}");
        let got = messages(&read_scale(b"not a spreadsheet").unwrap_err());
        assert!(got[0].contains("không đúng định dạng XLSX"), "{got:?}");
        let bad_kind = book(&[
            &["STT", "Nội dung", "Điểm", "Loại"],
            &["I", "Nhóm", "10"],
            &["1", "Tiêu chí A", "x", "lạ"],
        ]);
        let got = messages(&read_scale(&bad_kind).unwrap_err());
        assert!(got[0].contains("Dòng 3: loại «lạ» không rõ"), "{got:?}");
        let not_number = book(&[
            &["STT", "Nội dung", "Điểm"],
            &["I", "Nhóm", "10"],
            &["1", "Tiêu chí A", "nhiều"],
        ]);
        let got = messages(&read_scale(&not_number).unwrap_err());
        assert!(got[0].contains("«nhiều» không phải là số"), "{got:?}");
    }

    fn loaded() -> Loaded {
        let row = ScaleRow::new("org", 2025, "Thang điểm khối phường", "2025-12-15", 5);
        let criterion = |id: &str, group: i64, code: &str, kind: &str, points: f64| CriterionRow {
            id: id.into(),
            scale_id: row.id.clone(),
            group_position: group,
            position: 0,
            code: code.into(),
            text: format!("Tiêu chí {code}"),
            guidance: String::new(),
            kind: kind.into(),
            points,
            rate_cap: None,
            target_value: None,
            max_count: None,
            precondition: None,
            target_id: None,
            assessor: "office".into(),
            tie_break: None,
        };
        let group = |position: i64, max_points: f64| GroupRow {
            scale_id: row.id.clone(),
            position,
            name: format!("Nhóm {position}"),
            max_points,
        };
        let cluster = ClusterRow {
            id: "k1".into(),
            org_id: "org".into(),
            year: 2025,
            kind: "block".into(),
            name: "Khối phường".into(),
            leader_unit_id: None,
            deputy_unit_id: None,
            version: 1,
            created_at: String::new(),
            updated_at: String::new(),
        };
        Loaded {
            groups: vec![group(0, 60.0), group(1, 10.0)],
            criteria: vec![
                criterion("c2", 1, "II.1", "deduction", 1.0),
                criterion("c1", 0, "1", "fixed", 20.0),
            ],
            clusters: vec![ScoredCluster {
                row: cluster,
                members: vec![
                    ("u1".into(), "Phường An Hòa".into()),
                    ("u2".into(), "Phường Cái Khế".into()),
                ],
            }],
            row,
        }
    }

    fn entry(criterion: &str, self_amount: f64, amount: f64, stage: &str) -> EntryRow {
        EntryRow {
            scale_id: "s".into(),
            unit_id: "u1".into(),
            criterion_id: criterion.into(),
            precondition_met: true,
            amount,
            target: None,
            self_precondition_met: Some(true),
            self_amount: Some(self_amount),
            self_target: None,
            comment: "Đã hoàn thành".into(),
            stage: stage.into(),
            updated_by_name: "Nguyễn Văn An".into(),
            version: 2,
            updated_at: String::new(),
        }
    }

    fn change() -> ChangeRow {
        ChangeRow {
            id: "x".into(),
            scale_id: "s".into(),
            unit_id: "u1".into(),
            criterion_id: "c1".into(),
            stage: "review".into(),
            before_points: Some(18.0),
            after_points: 15.0,
            before_json: None,
            after_json: "{}".into(),
            reason: "Thiếu minh chứng".into(),
            by_user: None,
            by_name: "Trần Thị Bình".into(),
            at: "2025-12-20T03:04:05.000Z".into(),
        }
    }

    #[test]
    fn scores_workbook_has_three_sheets() {
        let entries = [
            entry("c1", 18.0, 15.0, "review"),
            entry("c2", 0.0, 2.0, "review"),
        ];
        let totals = [("u1".to_string(), 13.0), ("u2".to_string(), 0.0)];
        let bytes = scores_workbook(&loaded(), &entries, &[change()], &totals).unwrap();
        let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), ["Điểm", "Tổng hợp", "Lịch sử thay đổi"]);
        // A row's cells joined by «|».
        let mut row = |sheet: &str, r: usize| -> String {
            let range = book.worksheet_range(sheet).unwrap();
            let cells: Vec<String> = range
                .rows()
                .nth(r)
                .unwrap()
                .iter()
                .map(|d| d.to_string())
                .collect();
            cells.join("|")
        };
        let (points, deduction, other) = (row("Điểm", 1), row("Điểm", 2), row("Điểm", 3));
        assert_eq!(
            points,
            "Khối phường|Phường An Hòa|1|Tiêu chí 1|20|18|15|Đã hoàn thành|Thẩm định"
        );
        assert_eq!(
            deduction,
            "Khối phường|Phường An Hòa|II.1|Tiêu chí II.1|1|0|-2|Đã hoàn thành|Thẩm định"
        );
        assert_eq!(other, "Khối phường|Phường Cái Khế|1|Tiêu chí 1|20||||");
        assert_eq!(row("Tổng hợp", 1), "1|Phường An Hòa|Khối phường|13");
        assert_eq!(row("Tổng hợp", 2), "2|Phường Cái Khế|Khối phường|0");
        let history = row("Lịch sử thay đổi", 1);
        assert_eq!(
            history,
            "20/12/2025 10:04|Phường An Hòa|1|Thẩm định|18|15|Thiếu minh chứng|Trần Thị Bình"
        );
    }
}

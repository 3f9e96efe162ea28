//! Reading a scale laid out the way standing offices type it in Excel.

use calamine::{Data, Reader};
use std::collections::HashSet;
use std::io::Cursor;
use thidua_domain::Validation;
use thidua_domain::campaign::target::parse_number;
use thidua_domain::scoring::input::{CriterionInput, GroupInput, validate_groups};
use thidua_domain::text::{clean_line, fold};

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

/// Whether `s` is a group's number, I to XXXIX.
pub(super) fn is_roman(s: &str) -> bool {
    (1..40).any(|n| thidua_domain::scoring::roman(n) == s)
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
pub(super) fn kind_code(raw: &str) -> Option<&'static str> {
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

pub(super) fn assessor_code(raw: &str) -> String {
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

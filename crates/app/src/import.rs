//! Importing units and people from a spreadsheet: every row is checked first, and either all rows are
//! saved in one transaction or none, with a list of row-and-column errors in Vietnamese.

use super::table::{Table, column_letter, read};
use super::{Audit, today};
use crate::Caller;
use crate::error::{Error, Result};
use serde::Serialize;
use std::collections::HashMap;
use thidua_domain::Validation;
use thidua_domain::date::iso;
use thidua_domain::org::{UnitDraft, UnitInput};
use thidua_domain::person::PersonInput;
use thidua_domain::policy::Action;
use thidua_domain::text::fold;
use thidua_store::persons::{self, PersonRow};
use thidua_store::units::{self, NewUnit, UnitRow};
use thidua_store::{Db, Tx};

/// One problem in one cell (or row) of an import file.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RowError {
    /// Row number as the spreadsheet shows it (the header is row 1).
    pub row: usize,
    /// Column letter and header, e.g. `C (Ngày sinh)`; empty for a whole-row problem.
    pub column: String,
    pub message: String,
}

/// The outcome of an import.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    /// Rows saved (0 when the file was refused).
    pub imported: usize,
    /// Problems found; when not empty, nothing was saved.
    pub errors: Vec<RowError>,
}

/// A column the importer understands: its field name, Vietnamese header, and whether it is required.
struct Column {
    field: &'static str,
    header: &'static str,
    required: bool,
}

pub const UNIT_HEADERS: [&str; 7] = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Tên viết tắt",
    "Loại đơn vị",
    "Cấp",
    "Mã đơn vị cấp trên",
    "Ngày hiệu lực",
];
const UNIT_COLUMNS: [Column; 7] = [
    Column {
        field: "code",
        header: UNIT_HEADERS[0],
        required: true,
    },
    Column {
        field: "name",
        header: UNIT_HEADERS[1],
        required: true,
    },
    Column {
        field: "short_name",
        header: UNIT_HEADERS[2],
        required: false,
    },
    Column {
        field: "kind",
        header: UNIT_HEADERS[3],
        required: true,
    },
    Column {
        field: "level",
        header: UNIT_HEADERS[4],
        required: true,
    },
    Column {
        field: "parent_id",
        header: UNIT_HEADERS[5],
        required: false,
    },
    Column {
        field: "valid_from",
        header: UNIT_HEADERS[6],
        required: false,
    },
];

pub const PERSON_HEADERS: [&str; 7] = [
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Chức vụ",
    "Đối tượng",
    "Lao động trực tiếp",
    "Mã đơn vị",
];
const PERSON_COLUMNS: [Column; 7] = [
    Column {
        field: "full_name",
        header: PERSON_HEADERS[0],
        required: true,
    },
    Column {
        field: "gender",
        header: PERSON_HEADERS[1],
        required: true,
    },
    Column {
        field: "birth_date",
        header: PERSON_HEADERS[2],
        required: false,
    },
    Column {
        field: "position",
        header: PERSON_HEADERS[3],
        required: false,
    },
    Column {
        field: "kind",
        header: PERSON_HEADERS[4],
        required: true,
    },
    Column {
        field: "direct_worker",
        header: PERSON_HEADERS[5],
        required: false,
    },
    Column {
        field: "unit_id",
        header: PERSON_HEADERS[6],
        required: true,
    },
];

/// Where each known column is in the file; missing required headers are errors on row 1.
fn locate(
    table: &Table,
    columns: &[Column],
) -> Result<HashMap<&'static str, usize>, Vec<RowError>> {
    let headers: Vec<String> = table.rows[0].iter().map(|h| fold(h)).collect();
    let mut found = HashMap::new();
    let mut errors = Vec::new();
    for c in columns {
        match headers.iter().position(|h| *h == fold(c.header)) {
            Some(i) => {
                found.insert(c.field, i);
            }
            None if c.required => errors.push(RowError {
                row: 1,
                column: String::new(),
                message: format!("Thiếu cột \u{201c}{}\u{201d} ở dòng tiêu đề.", c.header),
            }),
            None => {}
        }
    }
    if errors.is_empty() {
        Ok(found)
    } else {
        Err(errors)
    }
}

/// Turns field errors of one row into row errors with column letters.
fn row_errors(
    row: usize,
    v: &Validation,
    at: &HashMap<&'static str, usize>,
    columns: &[Column],
) -> Vec<RowError> {
    v.errors
        .iter()
        .map(|e| {
            let column = columns
                .iter()
                .find(|c| c.field == e.field)
                .and_then(|c| {
                    at.get(c.field)
                        .map(|i| format!("{} ({})", column_letter(*i), c.header))
                })
                .unwrap_or_default();
            RowError {
                row,
                column,
                message: e.message.clone(),
            }
        })
        .collect()
}

fn cell<'a>(row: &'a [String], at: &HashMap<&'static str, usize>, field: &str) -> &'a str {
    at.get(field)
        .and_then(|i| row.get(*i))
        .map(String::as_str)
        .unwrap_or("")
}

/// Maps a kind or level typed as a code or a Vietnamese name to its code.
fn code_of(value: &str, options: &[units::CodeName]) -> String {
    let f = fold(value);
    options
        .iter()
        .find(|o| o.code == value.trim() || fold(&o.name) == f)
        .map(|o| o.code.clone())
        .unwrap_or_else(|| value.trim().to_string())
}

/// Imports units; parents may be existing units or rows earlier in the same file.
/// The units a row may refer to: those in the system and those on the rows above.
struct Known<'a> {
    existing: &'a HashMap<String, UnitRow>,
    seen: &'a HashMap<String, usize>,
}

/// What is wrong with a valid-looking unit row against the others: a level not in force on its start
/// date (read once per date into `in_force`), a code already used, a parent found nowhere.
async fn unit_row_problems(
    tx: &mut Tx,
    in_force: &mut HashMap<String, Vec<String>>,
    known: Known<'_>,
    d: &UnitDraft,
    parent_code: &str,
) -> Result<Validation> {
    let mut v = Validation::new();
    let day = iso(d.valid_from);
    if !in_force.contains_key(&day) {
        let codes = units::levels(tx, &day)
            .await?
            .into_iter()
            .map(|l| l.code)
            .collect();
        in_force.insert(day.clone(), codes);
    }
    if in_force
        .get(&day)
        .is_some_and(|codes| !codes.contains(&d.level))
    {
        v.add("level", "Cấp", super::units::LEVEL_NOT_IN_FORCE);
    }
    if known.existing.contains_key(&d.code) {
        v.add(
            "code",
            "Mã đơn vị",
            format!("Mã đơn vị {} đã có trong hệ thống.", d.code),
        );
    } else if let Some(first) = known.seen.get(&d.code) {
        v.add(
            "code",
            "Mã đơn vị",
            format!("Mã đơn vị {} trùng với dòng {first}.", d.code),
        );
    }
    if !parent_code.is_empty()
        && !known.existing.contains_key(parent_code)
        && !known.seen.contains_key(parent_code)
    {
        v.add("parent_id", "Mã đơn vị cấp trên", format!("Không tìm thấy đơn vị cấp trên có mã {parent_code} (trong hệ thống hoặc ở các dòng phía trên)."));
    }
    Ok(v)
}

/// Saves the checked units in file order, each under its parent (in the system or on a row above).
async fn insert_units(
    tx: &mut Tx,
    caller: &Caller,
    mut by_code: HashMap<String, UnitRow>,
    drafts: &[(UnitDraft, String)],
) -> Result<()> {
    for (d, parent_code) in drafts {
        let parent = by_code.get(parent_code).cloned();
        caller.authorize(Action::CreateUnit {
            org_id: caller.org_id(),
            parent_path: parent.as_ref().map(|p| p.path.as_str()),
        })?;
        let row = units::insert(
            tx,
            NewUnit {
                org_id: caller.org_id(),
                parent: parent.as_ref(),
                code: &d.code,
                name: &d.name,
                short_name: d.short_name.as_deref(),
                kind: &d.kind,
                level: &d.level,
                valid_from: &iso(d.valid_from),
            },
        )
        .await?;
        by_code.insert(row.code.clone(), row);
    }
    Ok(())
}

/// The end of an import that passed every check: its audit row (`action`, the file and what it
/// brought), the commit, and the report of `imported` rows.
pub(crate) async fn finish(
    mut tx: Tx,
    caller: &Caller,
    action: &str,
    file_name: &str,
    summary: serde_json::Value,
    imported: usize,
) -> Result<ImportReport> {
    let id = thidua_store::ids::new_id();
    Audit::new(action, "import", &id, file_name)
        .after(&summary)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(ImportReport {
        imported,
        errors: Vec::new(),
    })
}

impl ImportReport {
    /// Nothing imported, and why.
    pub fn refused(errors: Vec<RowError>) -> ImportReport {
        ImportReport {
            imported: 0,
            errors,
        }
    }
}

pub async fn import_units(
    db: &Db,
    caller: &Caller,
    bytes: &[u8],
    file_name: &str,
) -> Result<ImportReport> {
    caller.authorize(Action::ImportUnits {
        org_id: caller.org_id(),
    })?;
    let table = read(bytes, file_name)?;
    let at = match locate(&table, &UNIT_COLUMNS) {
        Ok(at) => at,
        Err(errors) => {
            return Ok(ImportReport::refused(errors));
        }
    };
    let mut tx = db.begin().await?;
    let kinds = units::kinds(&mut tx).await?;
    let levels = units::all_levels(&mut tx).await?;
    let kind_codes: Vec<String> = kinds.iter().map(|k| k.code.clone()).collect();
    let level_codes: Vec<String> = levels.iter().map(|l| l.code.clone()).collect();
    let existing: HashMap<String, UnitRow> =
        units::list(&mut tx, caller.org_id(), &Default::default(), 1_000_000)
            .await?
            .into_iter()
            .filter(|u| u.valid_to.is_none())
            .map(|u| (u.code.clone(), u))
            .collect();
    let mut errors = Vec::new();
    let mut drafts = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    // Levels in force by start date (the district level ended on 30/06/2025), read once per date.
    let mut in_force: HashMap<String, Vec<String>> = HashMap::new();
    for (i, row) in table.rows.iter().enumerate().skip(1) {
        let n = i + 1;
        let input = UnitInput {
            code: cell(row, &at, "code").into(),
            name: cell(row, &at, "name").into(),
            short_name: cell(row, &at, "short_name").into(),
            kind: code_of(cell(row, &at, "kind"), &kinds),
            level: code_of(cell(row, &at, "level"), &levels),
            parent_id: String::new(),
            valid_from: cell(row, &at, "valid_from").into(),
        };
        let parent_code = cell(row, &at, "parent_id").trim().to_uppercase();
        match input.validate(&kind_codes, &level_codes) {
            Err(v) => errors.extend(row_errors(n, &v, &at, &UNIT_COLUMNS)),
            Ok(d) => {
                let known = Known {
                    existing: &existing,
                    seen: &seen,
                };
                let v = unit_row_problems(&mut tx, &mut in_force, known, &d, &parent_code).await?;
                errors.extend(row_errors(n, &v, &at, &UNIT_COLUMNS));
                seen.insert(d.code.clone(), n);
                drafts.push((d, parent_code));
            }
        }
    }
    if !errors.is_empty() {
        return Ok(ImportReport::refused(errors));
    }
    insert_units(&mut tx, caller, existing, &drafts).await?;
    let summary = serde_json::json!({ "file": file_name, "units": drafts.len() });
    finish(tx, caller, "unit.import", file_name, summary, drafts.len()).await
}

fn yes_no(value: &str) -> Option<bool> {
    match fold(value).as_str() {
        "" | "khong" | "no" | "0" | "false" => Some(false),
        "co" | "x" | "yes" | "1" | "true" => Some(true),
        _ => None,
    }
}

/// Imports people into existing units; a unit officer may only import into their own units.
/// Why a person row's unit cannot take them: unknown, closed, or outside the caller's scope.
fn person_unit_problem(caller: &Caller, code: &str, unit: Option<&UnitRow>) -> Option<String> {
    match unit {
        None if !code.is_empty() => Some(format!("Không có đơn vị mã {code}.")),
        Some(u) if u.valid_to.is_some() => Some(format!("Đơn vị {code} đã ngừng hoạt động.")),
        Some(u)
            if !caller.can(Action::EditPerson {
                org_id: caller.org_id(),
                unit_path: &u.path,
            }) =>
        {
            Some(format!("Đơn vị {code} nằm ngoài phạm vi của bạn."))
        }
        _ => None,
    }
}

pub async fn import_people(
    db: &Db,
    caller: &Caller,
    bytes: &[u8],
    file_name: &str,
) -> Result<ImportReport> {
    caller.authorize(Action::ImportPeople {
        org_id: caller.org_id(),
    })?;
    let table = read(bytes, file_name)?;
    let at = match locate(&table, &PERSON_COLUMNS) {
        Ok(at) => at,
        Err(errors) => {
            return Ok(ImportReport::refused(errors));
        }
    };
    let mut tx: Tx = db.begin().await?;
    let by_code: HashMap<String, UnitRow> =
        units::list(&mut tx, caller.org_id(), &Default::default(), 1_000_000)
            .await?
            .into_iter()
            .map(|u| (u.code.clone(), u))
            .collect();
    let today = today();
    let mut errors = Vec::new();
    let mut rows = Vec::with_capacity(table.rows.len());
    for (i, row) in table.rows.iter().enumerate().skip(1) {
        let n = i + 1;
        let code = cell(row, &at, "unit_id").trim().to_uppercase();
        let direct = yes_no(cell(row, &at, "direct_worker"));
        let input = PersonInput {
            full_name: cell(row, &at, "full_name").into(),
            gender: cell(row, &at, "gender").into(),
            birth_date: cell(row, &at, "birth_date").into(),
            position: cell(row, &at, "position").into(),
            kind: cell(row, &at, "kind").into(),
            direct_worker: direct.unwrap_or(false),
            unit_id: code.clone(),
        };
        let mut extra = Validation::new();
        if direct.is_none() {
            extra.add("direct_worker", "Lao động trực tiếp", "Cột Lao động trực tiếp ghi \u{201c}có\u{201d} hoặc \u{201c}không\u{201d} (hoặc x / để trống).");
        }
        let unit = by_code.get(&code);
        if let Some(problem) = person_unit_problem(caller, &code, unit) {
            extra.add("unit_id", "Mã đơn vị", problem);
        }
        errors.extend(row_errors(n, &extra, &at, &PERSON_COLUMNS));
        match (input.validate(today), unit) {
            (Err(v), _) => errors.extend(row_errors(n, &v, &at, &PERSON_COLUMNS)),
            (Ok(d), Some(u)) if extra.is_ok() => rows.push(PersonRow::new(
                caller.org_id(),
                &u.id,
                &u.path,
                &d.full_name,
                d.gender.code(),
                d.birth_date.map(iso),
                d.position,
                d.kind.code(),
                d.direct_worker,
            )),
            _ => {}
        }
        if errors.len() >= 500 {
            errors.push(RowError {
                row: n,
                column: String::new(),
                message: "Quá nhiều lỗi; đã dừng kiểm tra ở dòng này.".into(),
            });
            break;
        }
    }
    if !errors.is_empty() {
        return Ok(ImportReport::refused(errors));
    }
    persons::insert_many(&mut tx, &rows).await?;
    let summary = serde_json::json!({ "file": file_name, "people": rows.len() });
    finish(tx, caller, "person.import", file_name, summary, rows.len()).await
}

/// Message when an import's upload could not be read as a multipart form.
pub fn upload_error(limit: usize) -> Error {
    Error::Rejected(format!(
        "Không đọc được tệp tải lên; tệp phải là XLSX hoặc CSV và không quá {} MB.",
        limit / (1024 * 1024)
    ))
}

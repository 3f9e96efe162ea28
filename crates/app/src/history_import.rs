//! Importing years of award history (ratings, titles, awards) from a spreadsheet: every row is
//! checked first, and either all rows are saved in one transaction or none, with row-and-column
//! errors in Vietnamese. A row names a unit by its code and, for a person, their full name.

use super::honours::{self, AwardInput};
use super::import::{ImportReport, RowError};
use super::table::{column_letter, read};
use crate::Audit;
use crate::Caller;
use crate::error::Result;
use std::collections::{HashMap, HashSet};
use thidua_domain::policy::Action;
use thidua_domain::text::fold;
use thidua_rules::Subject;
use thidua_store::Db;
use thidua_store::ledger::{self, AwardRow, Owner, RatingRow};
use thidua_store::persons::{self, PersonFilter};
use thidua_store::units::{self, UnitRow};

/// The header row the importer understands, in order (the order in the file does not matter).
pub const HISTORY_HEADERS: [&str; 10] = [
    "Mã đơn vị",
    "Họ và tên",
    "Năm",
    "Xếp loại",
    "Danh hiệu, hình thức",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan ban hành",
    "Số sổ vàng",
    "Thành tích",
];
const REQUIRED: [&str; 2] = ["Mã đơn vị", "Năm"];

/// Maps a rating typed as a code or in Vietnamese (full or short) to its code.
pub fn rating_code(value: &str) -> Option<&'static str> {
    let f = fold(value);
    let f = f.trim();
    if f.is_empty() {
        return None;
    }
    for code in ["excellent", "good", "completed", "not_completed"] {
        if f == code {
            return Some(code);
        }
    }
    if f.contains("khong hoan thanh") {
        Some("not_completed")
    } else if f.contains("xuat sac") {
        Some("excellent")
    } else if f.contains("tot") {
        Some("good")
    } else if f.contains("hoan thanh") {
        Some("completed")
    } else {
        None
    }
}

/// Maps a title or form typed as a catalog code or its Vietnamese name to the code.
pub fn catalog_code(catalog: &thidua_rules::Catalog, value: &str) -> Option<String> {
    let f = fold(value);
    catalog
        .entries()
        .iter()
        .find(|e| e.code.as_str().eq_ignore_ascii_case(value.trim()) || fold(&e.name) == f)
        .map(|e| e.code.as_str().to_string())
}

struct Located {
    at: HashMap<&'static str, usize>,
}

impl Located {
    fn cell<'a>(&self, row: &'a [String], header: &str) -> &'a str {
        self.at
            .get(header)
            .and_then(|i| row.get(*i))
            .map(String::as_str)
            .unwrap_or("")
            .trim()
    }
    fn column(&self, header: &str) -> String {
        self.at
            .get(header)
            .map(|i| format!("{} ({header})", column_letter(*i)))
            .unwrap_or_default()
    }
}

enum Pending {
    Rating(RatingRow),
    Award(AwardRow),
}

/// Imports history rows; all or nothing.
pub async fn import_history(
    db: &Db,
    caller: &Caller,
    bytes: &[u8],
    file_name: &str,
) -> Result<ImportReport> {
    caller.authorize(Action::ImportHonours {
        org_id: caller.org_id(),
    })?;
    let table = read(bytes, file_name)?;
    let headers: Vec<String> = table.rows[0].iter().map(|h| fold(h)).collect();
    let mut at = HashMap::new();
    let mut errors = Vec::new();
    for h in HISTORY_HEADERS {
        match headers.iter().position(|x| *x == fold(h)) {
            Some(i) => {
                at.insert(h, i);
            }
            None if REQUIRED.contains(&h) => errors.push(RowError {
                row: 1,
                column: String::new(),
                message: format!("Thiếu cột \u{201c}{h}\u{201d} ở dòng tiêu đề."),
            }),
            None => {}
        }
    }
    if !errors.is_empty() {
        return Ok(ImportReport {
            imported: 0,
            errors,
        });
    }
    let loc = Located { at };
    let mut tx = db.begin().await?;
    let rules = honours::rules_in(&mut tx, caller.org_id()).await?;
    let catalog = rules.catalog();
    let by_code: HashMap<String, UnitRow> = units::list(
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
    .map(|u| (u.code.clone(), u))
    .collect();
    let mut people_of: HashMap<String, Vec<(String, String)>> = HashMap::new();
    let mut pending = Vec::new();
    let mut seen_ratings: HashMap<(String, i64), usize> = HashMap::new();
    let mut seen_awards: HashSet<(String, String, i64)> = HashSet::new();
    for (i, row) in table.rows.iter().enumerate().skip(1) {
        let n = i + 1;
        let mut err = |header: &str, message: String| {
            errors.push(RowError {
                row: n,
                column: loc.column(header),
                message,
            })
        };
        let code = loc.cell(row, "Mã đơn vị").to_uppercase();
        let unit = match by_code.get(&code) {
            None => {
                err(
                    "Mã đơn vị",
                    if code.is_empty() {
                        "Hãy ghi mã đơn vị.".into()
                    } else {
                        format!("Không có đơn vị mã {code}.")
                    },
                );
                continue;
            }
            Some(u)
                if !caller.can(Action::EditHonours {
                    org_id: caller.org_id(),
                    unit_path: &u.path,
                }) =>
            {
                err(
                    "Mã đơn vị",
                    format!("Đơn vị {code} nằm ngoài phạm vi của bạn."),
                );
                continue;
            }
            Some(u) => u,
        };
        let name = loc.cell(row, "Họ và tên");
        let (subject_type, subject_id, subject) = if name.is_empty() {
            ("unit", unit.id.clone(), Subject::Collective)
        } else {
            // People of a merged unit now belong to its successor.
            let home = unit.successor_id.clone().unwrap_or_else(|| unit.id.clone());
            if !people_of.contains_key(&home) {
                let list = persons::list(
                    &mut tx,
                    caller.org_id(),
                    &PersonFilter {
                        unit_id: Some(home.clone()),
                        ..Default::default()
                    },
                    1_000_000,
                    0,
                )
                .await?;
                people_of.insert(
                    home.clone(),
                    list.into_iter()
                        .map(|p| (fold(&p.full_name), p.id))
                        .collect(),
                );
            }
            let matches: Vec<&String> = people_of
                .get(&home)
                .map(|v| {
                    v.iter()
                        .filter(|(f, _)| *f == fold(name))
                        .map(|(_, id)| id)
                        .collect()
                })
                .unwrap_or_default();
            match matches.as_slice() {
                [one] => ("person", (*one).clone(), Subject::Individual),
                [] => {
                    err(
                        "Họ và tên",
                        format!("Đơn vị {code} không có cá nhân tên {name}."),
                    );
                    continue;
                }
                _ => {
                    err(
                        "Họ và tên",
                        format!(
                            "Đơn vị {code} có nhiều người tên {name}; hãy nhập trên trang khen thưởng của từng người."
                        ),
                    );
                    continue;
                }
            }
        };
        let year_raw = loc.cell(row, "Năm");
        let Ok(year) = year_raw.parse::<i64>() else {
            err("Năm", "Năm phải là số, ví dụ 2023.".into());
            continue;
        };
        let owner = Owner {
            org_id: caller.org_id(),
            subject_type,
            subject_id: &subject_id,
        };
        let rating_raw = loc.cell(row, "Xếp loại");
        let award_raw = loc.cell(row, "Danh hiệu, hình thức");
        if rating_raw.is_empty() && award_raw.is_empty() {
            err("", "Dòng cần có Xếp loại hoặc Danh hiệu, hình thức.".into());
            continue;
        }
        if !rating_raw.is_empty() {
            match rating_code(rating_raw) {
                None => err(
                    "Xếp loại",
                    format!(
                        "Không hiểu mức xếp loại \u{201c}{rating_raw}\u{201d}; ghi: Hoàn thành xuất sắc / tốt / Hoàn thành / Không hoàn thành nhiệm vụ."
                    ),
                ),
                Some(r) => {
                    if let Some(first) = seen_ratings.get(&(subject_id.clone(), year)) {
                        err(
                            "Xếp loại",
                            format!("Xếp loại năm {year} trùng với dòng {first}."),
                        );
                    } else if ledger::rating_of(&mut tx, caller.org_id(), &subject_id, year)
                        .await?
                        .is_some()
                    {
                        err(
                            "Xếp loại",
                            format!(
                                "Đã có xếp loại năm {year} trong hệ thống; hãy sửa trên trang khen thưởng."
                            ),
                        );
                    } else if !(1945..=i64::from(super::today().year())).contains(&year) {
                        err("Năm", format!("Năm {year} không hợp lệ."));
                    } else {
                        seen_ratings.insert((subject_id.clone(), year), n);
                        pending.push(Pending::Rating(RatingRow::new(&owner, year, r)));
                    }
                }
            }
        }
        if !award_raw.is_empty() {
            let Some(award_code) = catalog_code(catalog, award_raw) else {
                err(
                    "Danh hiệu, hình thức",
                    format!(
                        "\u{201c}{award_raw}\u{201d} không có trong danh mục danh hiệu, hình thức khen thưởng."
                    ),
                );
                continue;
            };
            let input = AwardInput {
                code: award_code.clone(),
                year: year.to_string(),
                decision_no: loc.cell(row, "Số quyết định").into(),
                decision_date: loc.cell(row, "Ngày quyết định").into(),
                issuer: loc.cell(row, "Cơ quan ban hành").into(),
                golden_book_no: loc.cell(row, "Số sổ vàng").into(),
                achievement: loc.cell(row, "Thành tích").into(),
                ..Default::default()
            };
            let mut award = AwardRow::new(&owner, "", 0);
            match honours::validate_award(&input, subject, catalog, &mut award) {
                Err(v) => {
                    for e in v.errors {
                        let header = match e.field.as_str() {
                            "code" => "Danh hiệu, hình thức",
                            "year" => "Năm",
                            "decision_no" => "Số quyết định",
                            "decision_date" => "Ngày quyết định",
                            "issuer" => "Cơ quan ban hành",
                            "golden_book_no" => "Số sổ vàng",
                            _ => "Thành tích",
                        };
                        err(header, e.message);
                    }
                }
                Ok(()) => {
                    let existing = ledger::load(&mut tx, caller.org_id(), &subject_id).await?;
                    if existing
                        .awards
                        .iter()
                        .any(|a| a.code == award.code && a.year == year && !a.revoked)
                        || !seen_awards.insert((subject_id.clone(), award.code.clone(), year))
                    {
                        err(
                            "Danh hiệu, hình thức",
                            format!(
                                "{award_raw} năm {year} đã có (trong hệ thống hoặc ở dòng trên); một thành tích không khen hai lần."
                            ),
                        );
                    } else {
                        pending.push(Pending::Award(award));
                    }
                }
            }
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
        return Ok(ImportReport {
            imported: 0,
            errors,
        });
    }
    for p in &pending {
        match p {
            Pending::Rating(r) => ledger::insert_rating(&mut tx, r).await?,
            Pending::Award(a) => ledger::insert_award(&mut tx, a).await?,
        }
    }
    let summary = serde_json::json!({ "file": file_name, "rows": pending.len() });
    Audit::new(
        "ledger.import",
        "import",
        &thidua_store::ids::new_id(),
        file_name,
    )
    .after(&summary)
    .write(&mut tx, caller)
    .await?;
    tx.commit().await?;
    Ok(ImportReport {
        imported: pending.len(),
        errors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_in_vietnamese() {
        assert_eq!(
            rating_code("Hoàn thành xuất sắc nhiệm vụ"),
            Some("excellent")
        );
        assert_eq!(rating_code("hoan thanh tot"), Some("good"));
        assert_eq!(rating_code("Hoàn thành nhiệm vụ"), Some("completed"));
        assert_eq!(
            rating_code("Không hoàn thành nhiệm vụ"),
            Some("not_completed")
        );
        assert_eq!(rating_code("giỏi"), None);
    }

    #[test]
    fn catalog_by_name_or_code() {
        let rules = thidua_rules::Rules::bundled().unwrap();
        let c = rules.catalog();
        assert_eq!(
            catalog_code(c, "Chiến sĩ thi đua cơ sở").as_deref(),
            Some("CSTDCS")
        );
        assert_eq!(catalog_code(c, "cstdcs").as_deref(), Some("CSTDCS"));
        assert_eq!(catalog_code(c, "Huy chương vàng"), None);
    }
}

//! Importing years of award history (ratings, titles, awards) from a spreadsheet: every row is
//! checked first, and either all rows are saved in one transaction or none, with row-and-column
//! errors in Vietnamese. A row names a unit by its code and, for a person, their full name.

use super::honours::{self, AwardInput};
use super::import::{ImportReport, RowError};
use super::table::{column_letter, read};
use crate::Caller;
use crate::error::Result;
use std::collections::{HashMap, HashSet};
use thidua_domain::policy::Action;
use thidua_domain::text::fold;
use thidua_rules::Subject;
use thidua_store::ledger::{self, AwardRow, Owner, RatingRow};
use thidua_store::persons::{self, PersonFilter};
use thidua_store::units::{self, UnitRow};
use thidua_store::{Db, Tx};

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
    let loc = match locate(&table.rows[0]) {
        Ok(loc) => loc,
        Err(errors) => return Ok(ImportReport::refused(errors)),
    };
    let mut tx = db.begin().await?;
    let rules = honours::rules_in(&mut tx, caller.org_id()).await?;
    let mut run = Run::start(&mut tx, caller, rules.catalog(), loc).await?;
    for (i, row) in table.rows.iter().enumerate().skip(1) {
        run.row(i + 1, row).await?;
        if run.errors.len() >= 500 {
            run.err(
                i + 1,
                "",
                "Quá nhiều lỗi; đã dừng kiểm tra ở dòng này.".into(),
            );
            break;
        }
    }
    let (pending, errors) = (run.pending, run.errors);
    if !errors.is_empty() {
        return Ok(ImportReport::refused(errors));
    }
    for p in &pending {
        match p {
            Pending::Rating(r) => ledger::insert_rating(&mut tx, r).await?,
            Pending::Award(a) => ledger::insert_award(&mut tx, a).await?,
        }
    }
    let summary = serde_json::json!({ "file": file_name, "rows": pending.len() });
    super::import::finish(
        tx,
        caller,
        "ledger.import",
        file_name,
        summary,
        pending.len(),
    )
    .await
}

/// Where each known header stands; the required ones missing are errors of the header row.
fn locate(header_row: &[String]) -> std::result::Result<Located, Vec<RowError>> {
    let headers: Vec<String> = header_row.iter().map(|h| fold(h)).collect();
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
    match errors.is_empty() {
        true => Ok(Located { at }),
        false => Err(errors),
    }
}

/// One import being checked: what the rows resolve against, and what they have given so far.
struct Run<'a> {
    tx: &'a mut Tx,
    caller: &'a Caller,
    catalog: &'a thidua_rules::Catalog,
    loc: Located,
    by_code: HashMap<String, UnitRow>,
    /// The people of each unit read so far: (folded full name, id).
    people_of: HashMap<String, Vec<(String, String)>>,
    seen_ratings: HashMap<(String, i64), usize>,
    seen_awards: HashSet<(String, String, i64)>,
    pending: Vec<Pending>,
    errors: Vec<RowError>,
}

/// Who a row is about.
struct RowSubject {
    kind: &'static str,
    id: String,
    subject: Subject,
}

impl<'a> Run<'a> {
    async fn start(
        tx: &'a mut Tx,
        caller: &'a Caller,
        catalog: &'a thidua_rules::Catalog,
        loc: Located,
    ) -> Result<Run<'a>> {
        let filter = units::UnitFilter {
            include_closed: true,
            ..Default::default()
        };
        let by_code = units::list(tx, caller.org_id(), &filter, 1_000_000)
            .await?
            .into_iter()
            .map(|u| (u.code.clone(), u))
            .collect();
        Ok(Run {
            tx,
            caller,
            catalog,
            loc,
            by_code,
            people_of: HashMap::new(),
            seen_ratings: HashMap::new(),
            seen_awards: HashSet::new(),
            pending: Vec::new(),
            errors: Vec::new(),
        })
    }

    fn err(&mut self, row: usize, header: &str, message: String) {
        let column = self.loc.column(header);
        self.errors.push(RowError {
            row,
            column,
            message,
        });
    }

    /// Checks row `n`; what it gives waits in `pending`, what is wrong goes to `errors`.
    async fn row(&mut self, n: usize, row: &[String]) -> Result<()> {
        let Some(unit) = self.unit(n, row) else {
            return Ok(());
        };
        let Some(who) = self.subject(n, row, &unit).await? else {
            return Ok(());
        };
        let Ok(year) = self.loc.cell(row, "Năm").parse::<i64>() else {
            self.err(n, "Năm", "Năm phải là số, ví dụ 2023.".into());
            return Ok(());
        };
        let rating_raw = self.loc.cell(row, "Xếp loại");
        let award_raw = self.loc.cell(row, "Danh hiệu, hình thức");
        if rating_raw.is_empty() && award_raw.is_empty() {
            self.err(
                n,
                "",
                "Dòng cần có Xếp loại hoặc Danh hiệu, hình thức.".into(),
            );
            return Ok(());
        }
        if !rating_raw.is_empty() {
            self.rating(n, &who, year, rating_raw).await?;
        }
        if !award_raw.is_empty() {
            self.award(n, row, &who, year, award_raw).await?;
        }
        Ok(())
    }

    /// The row's unit: it must exist and be within the caller's scope.
    fn unit(&mut self, n: usize, row: &[String]) -> Option<UnitRow> {
        let code = self.loc.cell(row, "Mã đơn vị").to_uppercase();
        let Some(unit) = self.by_code.get(&code).cloned() else {
            let message = match code.is_empty() {
                true => "Hãy ghi mã đơn vị.".into(),
                false => format!("Không có đơn vị mã {code}."),
            };
            self.err(n, "Mã đơn vị", message);
            return None;
        };
        let in_scope = self.caller.can(Action::EditHonours {
            org_id: self.caller.org_id(),
            unit_path: &unit.path,
        });
        if !in_scope {
            let message = format!("Đơn vị {code} nằm ngoài phạm vi của bạn.");
            self.err(n, "Mã đơn vị", message);
            return None;
        }
        Some(unit)
    }

    /// The collective itself when the row names nobody, else the one person of that name in the unit
    /// (people of a merged unit now belong to its successor).
    async fn subject(
        &mut self,
        n: usize,
        row: &[String],
        unit: &UnitRow,
    ) -> Result<Option<RowSubject>> {
        let name = self.loc.cell(row, "Họ và tên");
        if name.is_empty() {
            return Ok(Some(RowSubject {
                kind: "unit",
                id: unit.id.clone(),
                subject: Subject::Collective,
            }));
        }
        let home = unit.successor_id.clone().unwrap_or_else(|| unit.id.clone());
        let folded = fold(name);
        let matches: Vec<String> = self
            .people(&home)
            .await?
            .iter()
            .filter(|(f, _)| *f == folded)
            .map(|(_, id)| id.clone())
            .collect();
        let code = &unit.code;
        match matches.as_slice() {
            [one] => Ok(Some(RowSubject {
                kind: "person",
                id: one.clone(),
                subject: Subject::Individual,
            })),
            [] => {
                let message = format!("Đơn vị {code} không có cá nhân tên {name}.");
                self.err(n, "Họ và tên", message);
                Ok(None)
            }
            _ => {
                let message = format!(
                    "Đơn vị {code} có nhiều người tên {name}; hãy nhập trên trang khen thưởng của từng người."
                );
                self.err(n, "Họ và tên", message);
                Ok(None)
            }
        }
    }

    /// The people of a unit (folded name, id), read once per import.
    async fn people(&mut self, unit_id: &str) -> Result<&Vec<(String, String)>> {
        if !self.people_of.contains_key(unit_id) {
            let filter = PersonFilter {
                unit_id: Some(unit_id.to_string()),
                ..Default::default()
            };
            let list = persons::list(self.tx, self.caller.org_id(), &filter, 1_000_000, 0).await?;
            let folded = list
                .into_iter()
                .map(|p| (fold(&p.full_name), p.id))
                .collect();
            self.people_of.insert(unit_id.to_string(), folded);
        }
        Ok(&self.people_of[unit_id])
    }

    /// A yearly rating: known, not twice in the file, not already recorded, in a plausible year.
    async fn rating(&mut self, n: usize, who: &RowSubject, year: i64, raw: &str) -> Result<()> {
        let Some(code) = rating_code(raw) else {
            let message = format!(
                "Không hiểu mức xếp loại \u{201c}{raw}\u{201d}; ghi: Hoàn thành xuất sắc / tốt / Hoàn thành / Không hoàn thành nhiệm vụ."
            );
            self.err(n, "Xếp loại", message);
            return Ok(());
        };
        let key = (who.id.clone(), year);
        if let Some(first) = self.seen_ratings.get(&key) {
            let message = format!("Xếp loại năm {year} trùng với dòng {first}.");
            self.err(n, "Xếp loại", message);
        } else if ledger::rating_of(self.tx, self.caller.org_id(), &who.id, year)
            .await?
            .is_some()
        {
            let message = format!(
                "Đã có xếp loại năm {year} trong hệ thống; hãy sửa trên trang khen thưởng."
            );
            self.err(n, "Xếp loại", message);
        } else if !(1945..=i64::from(super::today().year())).contains(&year) {
            self.err(n, "Năm", format!("Năm {year} không hợp lệ."));
        } else {
            self.seen_ratings.insert(key, n);
            let owner = self.owner(who);
            self.pending
                .push(Pending::Rating(RatingRow::new(&owner, year, code)));
        }
        Ok(())
    }

    fn owner<'w>(&'w self, who: &'w RowSubject) -> Owner<'w> {
        Owner {
            org_id: self.caller.org_id(),
            subject_type: who.kind,
            subject_id: &who.id,
        }
    }

    /// A title or award: in the catalog, valid for the subject, not already given that year.
    async fn award(
        &mut self,
        n: usize,
        row: &[String],
        who: &RowSubject,
        year: i64,
        raw: &str,
    ) -> Result<()> {
        let Some(code) = catalog_code(self.catalog, raw) else {
            let message = format!(
                "\u{201c}{raw}\u{201d} không có trong danh mục danh hiệu, hình thức khen thưởng."
            );
            self.err(n, "Danh hiệu, hình thức", message);
            return Ok(());
        };
        let cell = |h: &str| self.loc.cell(row, h).to_string();
        let input = AwardInput {
            code,
            year: year.to_string(),
            decision_no: cell("Số quyết định"),
            decision_date: cell("Ngày quyết định"),
            issuer: cell("Cơ quan ban hành"),
            golden_book_no: cell("Số sổ vàng"),
            achievement: cell("Thành tích"),
            ..Default::default()
        };
        let mut award = AwardRow::new(&self.owner(who), "", 0);
        if let Err(v) = honours::validate_award(&input, who.subject, self.catalog, &mut award) {
            for e in v.errors {
                self.err(n, award_header(&e.field), e.message);
            }
            return Ok(());
        }
        let existing = ledger::load(self.tx, self.caller.org_id(), &who.id).await?;
        let recorded = existing
            .awards
            .iter()
            .any(|a| a.code == award.code && a.year == year && !a.revoked);
        if recorded
            || !self
                .seen_awards
                .insert((who.id.clone(), award.code.clone(), year))
        {
            let message = format!(
                "{raw} năm {year} đã có (trong hệ thống hoặc ở dòng trên); một thành tích không khen hai lần."
            );
            self.err(n, "Danh hiệu, hình thức", message);
        } else {
            self.pending.push(Pending::Award(award));
        }
        Ok(())
    }
}

/// The column of an award field, for its errors.
fn award_header(field: &str) -> &'static str {
    match field {
        "code" => "Danh hiệu, hình thức",
        "year" => "Năm",
        "decision_no" => "Số quyết định",
        "decision_date" => "Ngày quyết định",
        "issuer" => "Cơ quan ban hành",
        "golden_book_no" => "Số sổ vàng",
        _ => "Thành tích",
    }
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

//! List items read from tables by their column names: themes (`Nội dung | Đơn vị chủ trì | Đơn vị
//! phối hợp`), quotas (`Đơn vị | Tập thể | Cá nhân`) and the rows of a timeline whose time column
//! holds a deadline (`Nội dung | … | Thời gian: Trước tháng 10/2024`).

use std::collections::HashSet;

use crate::doc::{Doc, Para};
use crate::model::{Quota, Theme};
use crate::tables::{Row, Table, tables};
use crate::text::{decapitalize, fold, strip_quotes, trim_punct};
use crate::units::is_generic;

/// Head words of a column that names the content of a row.
const CONTENT: &[&str] = &[
    "noi dung",
    "nhiem vu",
    "cong viec",
    "phong trao",
    "hoat dong",
    "chuyen de",
];
/// Head words of a column of dates or times.
const TIME: &[&str] = &["thoi gian", "thoi han", "tien do"];

/// The items `read` finds in the body's tables, each with the input line of its row, and the set
/// of those lines (for the paragraph readers to skip).
pub fn from_tables<T>(
    d: &Doc,
    read: impl for<'a> Fn(&'a Table) -> Vec<(T, &'a Row)>,
) -> (Vec<(T, Vec<usize>)>, HashSet<usize>) {
    let mut out = Vec::new();
    let mut rows = HashSet::new();
    for t in tables(d) {
        for (item, r) in read(&t) {
            rows.insert(r.no);
            out.push((item, vec![r.no]));
        }
    }
    (out, rows)
}

/// Themes of a table with a lead column (`chủ trì`) and a content column.
pub fn themes(t: &Table) -> Vec<(Theme, &Row)> {
    let Some(lead_col) = t.column(&["chu tri"], &[]) else {
        return Vec::new();
    };
    let Some(title_col) = t.column(CONTENT, &[lead_col]) else {
        return Vec::new();
    };
    let coord_col = t.column(&["phoi hop"], &[lead_col, title_col]);
    let mut out = Vec::new();
    for r in &t.rows {
        let (Some(title), Some(lead)) = (r.get(title_col), r.get(lead_col)) else {
            continue;
        };
        let lead = trim_punct(lead).to_string();
        if is_generic(&lead) {
            continue;
        }
        let coordinating = coord_col
            .and_then(|c| r.get(c))
            .map(crate::themes::unit_list)
            .unwrap_or_default();
        let theme = Theme {
            title: trim_punct(&strip_quotes(title)).to_string(),
            lead: Some(lead),
            coordinating,
        };
        out.push((theme, r));
    }
    out
}

/// Quotas of a table with a `tập thể` and/or a `cá nhân` column, one per row (its unit in the first
/// other column); total rows are left out.
pub fn quotas(t: &Table) -> Vec<(Quota, &Row)> {
    let coll = t.column(&["tap the"], &[]);
    let ind = t.column(&["ca nhan"], &[]);
    if coll.is_none() && ind.is_none() {
        return Vec::new();
    }
    let taken: Vec<usize> = coll.into_iter().chain(ind).collect();
    let who_col = t
        .column(&["don vi", "doi tuong", "co quan", "dia phuong"], &taken)
        .or_else(|| {
            t.head
                .iter()
                .find(|(c, label)| !taken.contains(c) && !is_counter(label))
                .map(|(c, _)| *c)
        });
    // Numbers per form of award (`Hình thức khen thưởng | Tập thể | Cá nhân`) are not per unit.
    let per_form = who_col.is_some_and(|c| {
        t.head
            .iter()
            .any(|(k, l)| *k == c && (l.contains("hinh thuc") || l.contains("danh hieu")))
    });
    if per_form {
        return Vec::new();
    }
    let mut out = Vec::new();
    for r in &t.rows {
        let Some(who) = who_col.and_then(|c| r.get(c)) else {
            continue;
        };
        let count = |col: Option<usize>| col.and_then(|c| r.get(c)).and_then(first_number);
        let (c, i) = (count(coll), count(ind));
        let who = trim_punct(who);
        if c.is_none() && i.is_none() || fold(who).starts_with("tong") {
            continue;
        }
        let who = if fold(who).starts_with("moi ") {
            decapitalize(who)
        } else {
            who.to_string()
        };
        let quota = Quota {
            who,
            collectives_max: c,
            individuals_max: i,
        };
        out.push((quota, r));
    }
    out
}

/// A running-number column (`STT`, `TT`).
fn is_counter(label: &str) -> bool {
    matches!(label.trim(), "stt" | "tt" | "so tt" | "so thu tu")
}

/// The first whole number of a cell (`02`, `tối đa 03`).
fn first_number(s: &str) -> Option<u32> {
    let digits: String = s
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// For each row with a time cell: a paragraph `<content> <time>` for the deadline reader, whose
/// obligation is then the row's content, and that content.
pub fn deadline_paras(t: &Table) -> Vec<(Para, String)> {
    let Some(time_col) = t.column(TIME, &[]) else {
        return Vec::new();
    };
    let Some(content_col) = t.column(CONTENT, &[time_col]) else {
        return Vec::new();
    };
    t.rows
        .iter()
        .filter_map(|r| {
            let time = r.get(time_col)?;
            let content = trim_punct(r.get(content_col)?);
            let text = format!("{content} {time}");
            let para = Para {
                fold: fold(&text),
                text,
                starts: vec![(0, r.no)],
                footnote: false,
            };
            Some((para, content.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "II. NỘI DUNG THI ĐUA\n\n\
        | TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian |\n|---|---|---|---|---|\n\
        | 1 | Phong trào thi đua “Chuyển đổi số” | Phòng Văn hóa và Thông tin. | Phòng Nội vụ, UBND các phường | Trước ngày 15/11/2025 |\n\
        | 2 | Thi đua bảo đảm an ninh trật tự | Công an xã | | Cả năm |\n\n\
        III. KHEN THƯỞNG\n\n\
        | Đơn vị | Tập thể | Cá nhân |\n|---|---|---|\n| Mỗi thôn | 01 | 02 |\n| Tổng cộng | 10 | 20 |\n";

    #[test]
    fn a_timeline_table_gives_the_end_of_each_window() {
        let text = "IV. TIẾN ĐỘ THỰC HIỆN\n\
            | Thời gian | Nội dung công việc |\n|---|---|\n\
            | Từ ngày 01/3 đến ngày 15/3/2025 | Các đơn vị đăng ký thi đua |\n\
            | Trước ngày 20/11/2025 | Gửi hồ sơ đề nghị khen thưởng |\n";
        let plan = crate::import_text(text);
        let dates: Vec<&str> = plan.deadlines.iter().map(|d| d.date.as_str()).collect();
        assert_eq!(
            dates,
            vec!["2025-03-15", "2025-11-20"],
            "{:?}",
            plan.deadlines
        );
        assert!(plan.deadlines[0].what.contains("đăng ký thi đua"));
    }

    #[test]
    fn cells_do_not_run_into_the_text_after_a_table() {
        let text = "II. KHEN THƯỞNG\n\
            | STT | Hình thức khen thưởng | Tập thể | Cá nhân |\n|---|---|---|---|\n\
            | 1 | Giấy khen của Chủ tịch UBND xã | 05 | 10 |\n\
            | 2 | Bằng khen của Chủ tịch UBND tỉnh | 01 | 02 |\n\
            Hồ sơ đề nghị khen thưởng gửi về UBND xã chậm nhất ngày 15/11/2025.\n";
        let plan = crate::import_text(text);
        assert_eq!(
            plan.award_forms,
            vec![
                "Giấy khen của Chủ tịch UBND xã",
                "Bằng khen của Chủ tịch UBND tỉnh"
            ]
        );
        assert!(plan.quotas.is_empty(), "numbers per form are not per unit");
        assert_eq!(plan.deadlines.len(), 1);
        assert!(
            plan.deadlines[0].what.starts_with("Hồ sơ"),
            "{:?}",
            plan.deadlines
        );
    }

    #[test]
    fn reads_themes_quotas_and_deadlines_by_column() {
        let d = Doc::parse(TEXT);
        let ts = tables(&d);
        assert_eq!(ts.len(), 2, "{ts:#?}");
        let th = themes(&ts[0]);
        assert_eq!(th.len(), 2);
        assert_eq!(th[0].0.lead.as_deref(), Some("Phòng Văn hóa và Thông tin"));
        assert_eq!(th[0].0.coordinating, vec!["Phòng Nội vụ".to_string()]);
        assert_eq!(th[1].0.title, "Thi đua bảo đảm an ninh trật tự");
        let q = quotas(&ts[1]);
        assert_eq!(q.len(), 1, "the total row is left out");
        assert_eq!(q[0].0.who, "mỗi thôn");
        assert_eq!(
            (q[0].0.collectives_max, q[0].0.individuals_max),
            (Some(1), Some(2))
        );
        let paras = deadline_paras(&ts[0]);
        assert!(paras[0].0.text.ends_with("Trước ngày 15/11/2025"));
    }
}

//! Reading scales as offices lay them out, the template's round trip, the results workbook.

use super::read::*;
use super::write::*;
use crate::scoring::Loaded;
use crate::scoring::ScoredCluster;
use calamine::Reader;
use rust_xlsxwriter::Workbook;
use std::io::Cursor;
use thidua_domain::Validation;
use thidua_domain::scoring::input::CriterionInput;
use thidua_domain::scoring::input::KINDS;
use thidua_store::clusters::ClusterRow;
use thidua_store::scoring::CriterionRow;
use thidua_store::scoring::{GroupRow, ScaleRow};
use thidua_store::scoring_entries::{ChangeRow, EntryRow};

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

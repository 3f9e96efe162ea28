//! The statutory statistics (Biểu 0601.N–0605.N) of the demo city for 2024 and 2025, each figure
//! checked against a count made by hand from the demo's records (`src/demo_statistics.rs`, plus the
//! district history the city inherited), the records behind a figure, the files, and the figures
//! entered by hand: refused input names the cell and saves nothing, a saved figure is audited.

use crate::common::{Engine, Session, TestApp};
use crate::on_both_engines;
use serde_json::Value;

on_both_engines!(
    statistics_match_the_hand_count,
    statistics_cells_files_and_hand_entries
);

const OFFICE: &str = "hn.thuongtruc";

/// The figure at (row, column) of a form as the API gives it (`None`: not entered).
fn cell(form: &Value, row: &str, col: &str) -> Option<i64> {
    let r = form["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == row)
        .unwrap_or_else(|| panic!("row {row}"));
    let c = r["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["col"] == col)
        .unwrap_or_else(|| panic!("col {col} of row {row}"));
    c["value"].as_i64()
}

async fn form(s: &Session, year: i64, code: &str) -> Value {
    let r = s
        .api_get(&format!("/api/v1/statistics/{year}/{code}"))
        .await;
    r.expect(200);
    r.json()
}

/// Every listed (row, column, value) matches, and every other counted cell of the listed rows
/// and of row 01 is zero.
fn check(form: &Value, want: &[(&str, &str, i64)]) {
    for (row, col, v) in want {
        assert_eq!(
            cell(form, row, col),
            Some(*v),
            "Biểu {} năm {}: dòng {row}, cột {col}",
            form["form"],
            form["year"]
        );
    }
    for r in form["rows"].as_array().unwrap() {
        for c in r["cells"].as_array().unwrap() {
            let listed = want
                .iter()
                .any(|(row, col, _)| r["code"] == *row && c["col"] == *col);
            if c["source"] == "computed" && !listed {
                assert_eq!(
                    c["value"], 0,
                    "dòng {}, cột {}: {}",
                    r["code"], c["col"], form["form"]
                );
            }
        }
    }
}

async fn statistics_match_the_hand_count(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(OFFICE).await;
    // 0601, 2024: the city's yearly plan (UBND thành phố, 12 months, regular).
    let f = form(&s, 2024, "0601").await;
    check(
        &f,
        &[
            ("01", "1", 1),
            ("01", "3", 1),
            ("03", "1", 1),
            ("03", "3", 1),
            ("07", "1", 1),
            ("07", "3", 1),
            ("12", "1", 1),
            ("12", "3", 1),
        ],
    );
    // 0601, 2025: the city's thematic plan of 2025–2027 (from 1 to under 3 years) and the culture
    // department's 60-day peak drive (agency level, under 1 year); both thematic.
    let f = form(&s, 2025, "0601").await;
    check(
        &f,
        &[
            ("01", "1", 2),
            ("01", "3", 1),
            ("01", "4", 1),
            ("03", "1", 1),
            ("03", "3", 1),
            ("05", "1", 1),
            ("05", "4", 1),
            ("06", "1", 1),
            ("06", "4", 1),
            ("08", "1", 1),
            ("08", "3", 1),
            ("11", "1", 2),
            ("11", "3", 1),
            ("11", "4", 1),
        ],
    );
    assert_eq!(cell(&f, "04", "1"), None, "row 04 is entered by hand");
    // 0602, 2024: Bằng khen of the Prime Minister to a vice-chairman of the city (province-level
    // leader, merit) and a third-class Labour Order to the health department (collective, career).
    let f = form(&s, 2024, "0602").await;
    check(
        &f,
        &[
            ("01", "1", 2),
            ("01", "2a", 1),
            ("01", "7b", 1),
            ("03", "1", 2),
            ("03", "2a", 1),
            ("03", "7b", 1),
            ("06", "1", 1),
            ("06", "2a", 1),
            ("09", "1", 1),
            ("09", "7b", 1),
            ("10", "1", 1),
            ("10", "7b", 1),
            ("15", "1", 1),
            ("15", "7b", 1),
            ("19", "1", 1),
            ("19", "2a", 1),
        ],
    );
    // 0602, 2025: national emulation fighter to a department director; the Government's flag to the
    // culture department; both merit.
    let f = form(&s, 2025, "0602").await;
    check(
        &f,
        &[
            ("01", "1", 2),
            ("01", "6", 1),
            ("01", "8", 1),
            ("03", "1", 2),
            ("03", "6", 1),
            ("03", "8", 1),
            ("06", "1", 1),
            ("06", "6", 1),
            ("09", "1", 1),
            ("09", "8", 1),
            ("11", "1", 1),
            ("11", "8", 1),
            ("15", "1", 2),
            ("15", "6", 1),
            ("15", "8", 1),
        ],
    );
    // 0603, 2024: Phường Phố Huế's Bằng khen (district history, decided 15/01/2024), Bằng khen to the
    // culture department's director and (ad hoc) to a street cleaner, city emulation fighter to a
    // deputy head of office.
    let f = form(&s, 2024, "0603").await;
    check(
        &f,
        &[
            ("01", "1", 4),
            ("01", "2", 3),
            ("01", "3", 1),
            ("02", "1", 1),
            ("02", "2", 1),
            ("05", "1", 3),
            ("05", "2", 2),
            ("05", "3", 1),
            ("07", "1", 1),
            ("07", "2", 1),
            ("09", "1", 1),
            ("09", "3", 1),
            ("10", "1", 1),
            ("10", "2", 1),
            ("11", "1", 3),
            ("11", "2", 2),
            ("11", "3", 1),
            ("13", "1", 1),
            ("13", "2", 1),
        ],
    );
    // 0603, 2025: Bằng khen to Phường Bạch Mai (campaign) and to the street cleaner, the city's flag to
    // Phường Hai Bà Trưng, a commemorative medal (career) to the deputy head of office.
    let f = form(&s, 2025, "0603").await;
    check(
        &f,
        &[
            ("01", "1", 4),
            ("01", "2", 2),
            ("01", "4", 1),
            ("01", "5", 1),
            ("02", "1", 2),
            ("02", "2", 1),
            ("02", "4", 1),
            ("05", "1", 2),
            ("05", "2", 1),
            ("05", "5", 1),
            ("09", "1", 1),
            ("09", "5", 1),
            ("10", "1", 1),
            ("10", "2", 1),
            ("11", "1", 2),
            ("11", "2", 1),
            ("11", "4", 1),
            ("12", "1", 1),
            ("12", "2", 1),
            ("15", "1", 1),
            ("15", "5", 1),
        ],
    );
    // 0604 and 0605 are entered by hand; their row 01 adds the entered rows.
    let f = form(&s, 2025, "0604").await;
    assert_eq!(
        (
            cell(&f, "01", "1"),
            cell(&f, "04", "1"),
            cell(&f, "02", "1")
        ),
        (Some(4), Some(1), None)
    );
    let f = form(&s, 2025, "0605").await;
    assert_eq!(
        (
            cell(&f, "01", "1"),
            cell(&f, "01", "2"),
            cell(&f, "01", "3")
        ),
        (Some(24), Some(14), None)
    );
    assert_eq!(f["verified"], false);
    // The district's own statistics are its own: its 2024 has no state-level award.
    let d = app.login(crate::common::STANDING).await;
    assert_eq!(cell(&form(&d, 2024, "0602").await, "01", "1"), Some(0));
}

async fn statistics_cells_files_and_hand_entries(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(OFFICE).await;
    // A figure's records: the Prime Minister's Bằng khen of 2024 to a province-level leader.
    let page = s.get("/statistics/2024/0602/cells/10/7b").await;
    page.expect(200)
        .contains("Nguyễn Mạnh Quân")
        .contains("1520/QĐ-TTg");
    assert!(
        !page.text.contains("Lê Thị Thanh Hà"),
        "only the cell's records"
    );
    s.get("/statistics/2025/0601/cells/06/4")
        .await
        .expect(200)
        .contains("Đợt thi đua cao điểm chào mừng");
    s.get("/statistics/2025/0601")
        .await
        .expect(200)
        .contains("/statistics/2025/0601/cells/11/3");
    s.get("/statistics?year=2025")
        .await
        .expect(200)
        .contains("0605.N/BNV-TĐKT");
    // Files in the official layout.
    let (status, headers, bytes) = s.download("/statistics/2025/0602.xlsx").await;
    assert_eq!(status, 200);
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("bieu-0602-2025.xlsx")
    );
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    assert!(xml.contains("<mergeCell "), "merged header cells");
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    use calamine::Reader;
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let text: Vec<String> = sheet
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    for want in [
        "Biểu số: 0602.N/BNV-TĐKT",
        "Bằng khen của Thủ tướng Chính phủ",
        "Thủ trưởng đơn vị",
        "2a",
    ] {
        assert!(
            text.iter().any(|t| t.contains(want)),
            "{want} in the workbook"
        );
    }
    let (status, _, pdf) = s.download("/statistics/2025/0605.pdf").await;
    assert_eq!(status, 200);
    assert!(pdf.starts_with(b"%PDF"));
    // Hand entries: a bad figure is named and nothing is saved; a good one is saved and audited.
    let audit = app.audit_rows().await;
    let r = s
        .post_form(
            "/statistics/2024/0605/entries",
            &[("v_02_1", "ba"), ("v_03_1", "12")],
        )
        .await;
    r.expect(422).contains("Dòng 02, cột 1");
    assert_eq!(app.audit_rows().await, audit);
    assert_eq!(cell(&form(&s, 2024, "0605").await, "03", "1"), Some(22));
    let r = s
        .post_form(
            "/statistics/2024/0605/entries",
            &[("v_02_1", ""), ("v_03_1", "12")],
        )
        .await;
    r.expect(303);
    assert_eq!(app.audit_rows().await, audit + 1);
    assert_eq!(cell(&form(&s, 2024, "0605").await, "01", "1"), Some(12));
    // A counted cell cannot be typed over; unknown forms and years are refused.
    let r = s
        .post_form("/statistics/2024/0603/entries", &[("v_01_1", "9")])
        .await;
    assert_eq!(r.status, 400, "{}", r.text);
    assert_eq!(app.audit_rows().await, audit + 1);
    s.api_get("/api/v1/statistics/2024/0609").await.expect(404);
    s.api_get("/api/v1/statistics/1990/0601").await.expect(422);
    // A unit officer sees no organisation statistics.
    let uo = app.login("hn.canbo.haibatrung").await;
    uo.api_get("/api/v1/statistics/2025/0601").await.expect(403);
}

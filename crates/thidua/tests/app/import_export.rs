//! Import (all rows or none, with row-and-column messages) and export of units and people.

use crate::common::{
    ADMIN, Engine, STANDING, Session, TestApp, UO_BACHDANG, code, read_xlsx, xlsx,
};
use crate::on_both_engines;
use serde_json::Value;

on_both_engines!(
    people_file_with_errors_saves_nothing,
    good_people_file_imports_every_row,
    broken_and_oversized_uploads,
    units_import_with_parent_codes,
    export_opens_and_round_trips
);

const PEOPLE_HEADER: [&str; 7] = [
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Chức vụ",
    "Đối tượng",
    "Lao động trực tiếp",
    "Mã đơn vị",
];
const UNIT_HEADER: [&str; 7] = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Tên viết tắt",
    "Loại đơn vị",
    "Cấp",
    "Mã đơn vị cấp trên",
    "Ngày hiệu lực",
];

fn csv(rows: &[Vec<&str>]) -> Vec<u8> {
    let mut out = String::new();
    for r in rows {
        out.push_str(
            &r.iter()
                .map(|c| {
                    if c.contains(',') {
                        format!("\"{c}\"")
                    } else {
                        c.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push('\n');
    }
    out.into_bytes()
}

fn people_rows_with_error() -> Vec<Vec<&'static str>> {
    vec![
        PEOPLE_HEADER.to_vec(),
        vec![
            "Đinh Văn Đúng",
            "Nam",
            "01/02/1985",
            "Chuyên viên",
            "Công chức",
            "không",
            "P-BACHDANG",
        ],
        vec![
            "Đinh Thị Sai",
            "X",
            "31/02/1990",
            "Chuyên viên",
            "Công chức",
            "có",
            "P-BACHDANG",
        ],
        vec![
            "Đinh Văn Cũng Đúng",
            "Nam",
            "",
            "",
            "Nhân dân",
            "x",
            "P-BACHDANG",
        ],
        vec![
            "Đinh Văn Không Đơn Vị",
            "Nam",
            "",
            "",
            "cadre",
            "",
            "KHONG-CO",
        ],
    ]
}

fn errors(report: &Value) -> Vec<(u64, String, String)> {
    report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["row"].as_u64().unwrap(),
                e["column"].as_str().unwrap().to_string(),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

async fn people_file_with_errors_saves_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(STANDING).await;
    let before = (app.persons_count().await, app.audit_rows().await);
    for (name, bytes) in [
        ("ca-nhan.csv", csv(&people_rows_with_error())),
        ("ca-nhan.xlsx", xlsx(&people_rows_with_error())),
    ] {
        let r = s.upload("/api/v1/import/people", name, bytes.clone()).await;
        r.expect(422);
        let report = r.json();
        assert_eq!(report["imported"], 0, "{name}");
        let errs = errors(&report);
        assert!(
            errs.contains(&(
                3,
                "B (Giới tính)".into(),
                "Hãy chọn giới tính Nam hoặc Nữ.".into()
            )),
            "{name}: {errs:?}"
        );
        assert!(
            errs.iter().any(|(row, col, msg)| *row == 3
                && col == "C (Ngày sinh)"
                && msg.contains("\u{201c}31/02/1990\u{201d} không phải là ngày hợp lệ")),
            "{name}: {errs:?}"
        );
        assert!(
            errs.contains(&(
                5,
                "G (Mã đơn vị)".into(),
                "Không có đơn vị mã KHONG-CO.".into()
            )),
            "{name}: {errs:?}"
        );
        assert!(
            errs.iter().all(|(row, _, _)| *row == 3 || *row == 5),
            "good rows have no errors: {errs:?}"
        );

        // The page shows the same table, saying nothing was imported.
        let page = s.upload("/data/import/people", name, bytes).await;
        page.expect(422)
            .contains(&format!(
                "Tệp {name} có {} lỗi nên chưa nhập dòng nào.",
                errs.len()
            ))
            .contains("<td>3</td><td>B (Giới tính)</td><td>Hãy chọn giới tính Nam hoặc Nữ.</td>");
    }
    assert_eq!(
        (app.persons_count().await, app.audit_rows().await),
        before,
        "no row saved"
    );

    // A file without a required column says which header is missing.
    let r = s
        .upload(
            "/api/v1/import/people",
            "thieu-cot.csv",
            csv(&[vec!["Họ và tên", "Giới tính"], vec!["Đinh Văn A", "Nam"]]),
        )
        .await;
    r.expect(422);
    let errs = errors(&r.json());
    assert!(
        errs.iter()
            .any(|(row, _, m)| *row == 1
                && m == "Thiếu cột \u{201c}Đối tượng\u{201d} ở dòng tiêu đề."),
        "{errs:?}"
    );
    // A unit officer's file naming another unit is refused row by row.
    let uo = app.login(UO_BACHDANG).await;
    let r = uo
        .upload(
            "/api/v1/import/people",
            "ngoai-pham-vi.csv",
            csv(&[
                PEOPLE_HEADER.to_vec(),
                vec!["Đinh Văn Ngoài", "Nam", "", "", "Công chức", "", "P-NOIVU"],
            ]),
        )
        .await;
    r.expect(422);
    assert_eq!(
        errors(&r.json()),
        vec![(
            2,
            "G (Mã đơn vị)".to_string(),
            "Đơn vị P-NOIVU nằm ngoài phạm vi của bạn.".to_string()
        )]
    );
    assert_eq!(app.persons_count().await, before.0);
}

async fn good_people_file_imports_every_row(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(ADMIN).await;
    let before = app.persons_count().await;
    let rows = vec![
        PEOPLE_HEADER.to_vec(),
        vec![
            "Mạc Văn Nhập",
            "Nam",
            "01/02/1985",
            "Chuyên viên",
            "Công chức",
            "không",
            "P-BACHDANG",
        ],
        vec![
            "Mạc Thị Nhập",
            "nữ",
            "1990-12-31",
            "Giáo viên",
            "vien chuc",
            "có",
            "th-tohoang",
        ],
        vec![
            "Mạc Văn Dân",
            "NAM",
            "",
            "",
            "Nhân dân",
            "x",
            "P-BACHDANG-TDP1",
        ],
    ];
    let r = s
        .upload("/api/v1/import/people", "tot.xlsx", xlsx(&rows))
        .await;
    r.expect(200);
    assert_eq!(r.json()["imported"], 3);
    assert!(r.json()["errors"].as_array().unwrap().is_empty());
    assert_eq!(app.persons_count().await, before + 3);
    let found = s.api_get("/api/v1/people?q=mac%20thi%20nhap").await.json();
    let p = &found["items"][0];
    assert_eq!(p["full_name"], "Mạc Thị Nhập");
    assert_eq!(p["gender"], "female");
    assert_eq!(p["birth_date"], "1990-12-31");
    assert_eq!(p["kind"], "public_employee");
    assert_eq!(p["direct_worker"], true);
    assert_eq!(p["unit_name"], "Trường Tiểu học Tô Hoàng");
    // One audit row for the whole import.
    let audit = s.api_get("/api/v1/audit?object_type=import").await.json();
    assert_eq!(audit[0]["action"], "person.import");
    assert_eq!(audit[0]["after"]["people"], 3);
    assert_eq!(audit[0]["object_label"], "tot.xlsx");

    // The page upload (token in the query string, as the form sends it) imports a CSV with a BOM and semicolons.
    let body = "\u{feff}Họ và tên;Giới tính;Đối tượng;Mã đơn vị\nMạc Văn Chấm Phẩy;Nam;Công chức;P-BACHDANG\n";
    let part = reqwest::multipart::Part::bytes(body.as_bytes().to_vec()).file_name("cham-phay.csv");
    let r = s
        .client
        .post(s.url(&format!("/data/import/people?_csrf={}", s.csrf)))
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Đã nhập 1 dòng từ tệp cham-phay.csv.")
    );
    assert_eq!(app.persons_count().await, before + 4);
}

async fn broken_and_oversized_uploads(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(ADMIN).await;
    let before = (app.persons_count().await, app.audit_rows().await);

    let mut broken = b"PK\x03\x04".to_vec();
    broken.extend((0..2000u32).map(|i| (i * 7 % 251) as u8));
    let r = s
        .upload("/api/v1/import/people", "hong.xlsx", broken.clone())
        .await;
    r.expect(400);
    assert_eq!(
        r.json()["message"],
        "Tệp Excel bị hỏng hoặc không đúng định dạng XLSX; hãy mở bằng Excel và lưu lại dưới dạng .xlsx."
    );
    s.upload("/data/import/people", "hong.xlsx", broken)
        .await
        .expect(400)
        .contains("Tệp Excel bị hỏng");
    // Not a spreadsheet at all, empty, header only, not UTF-8.
    for (name, bytes, needle) in [
        (
            "anh.xlsx",
            b"\x89PNG\r\n\x1a\n....".to_vec(),
            "Tệp Excel bị hỏng",
        ),
        ("trong.csv", Vec::new(), "Tệp tải lên đang trống."),
        (
            "tieu-de.csv",
            "Họ và tên,Giới tính\n".as_bytes().to_vec(),
            "không có dòng dữ liệu nào",
        ),
        (
            "latin1.csv",
            b"H\xe1 v\xe0 t\xean\n\xc0n,Nam\n".to_vec(),
            "UTF-8",
        ),
    ] {
        let r = s.upload("/api/v1/import/people", name, bytes).await;
        r.expect(400);
        assert!(
            r.json()["message"].as_str().unwrap().contains(needle),
            "{name}: {}",
            r.text
        );
    }
    // No file field at all.
    let r = s
        .client
        .post(s.url("/api/v1/import/people"))
        .header("x-csrf-token", &s.csrf)
        .multipart(reqwest::multipart::Form::new().text("other", "x"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Chưa chọn tệp để tải lên.")
    );

    // 50 MB is over the 20 MB limit: 413 with a Vietnamese message, page and API, whether the size is
    // declared up front or not.
    for path in ["/api/v1/import/people", "/data/import/people"] {
        for chunked in [false, true] {
            let (status, answer) = s.raw_upload(path, 50 * 1024 * 1024, chunked).await;
            assert_eq!(
                status,
                413,
                "{path} chunked={chunked}: {}",
                crate::common::excerpt(&answer)
            );
            assert!(
                answer.contains("Tệp hoặc dữ liệu gửi lên quá lớn; tối đa 20 MB."),
                "{path} chunked={chunked}: {}",
                crate::common::excerpt(&answer)
            );
        }
    }
    assert_eq!((app.persons_count().await, app.audit_rows().await), before);
}

async fn units_import_with_parent_codes(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(ADMIN).await;
    let (a, b, c, d) = (code("IMP-A"), code("IMP-B"), code("IMP-C"), code("IMP-D"));
    let before = (app.units_count().await, app.audit_rows().await);
    // Errors: an unknown parent, a code used twice in the file, an existing code; nothing saved.
    let bad = vec![
        UNIT_HEADER.to_vec(),
        vec![
            a.as_str(),
            "Phường Nhập A",
            "",
            "Phường, xã, thị trấn",
            "Cấp xã",
            "UBND-HBT",
            "01/07/2025",
        ],
        vec![
            b.as_str(),
            "Tổ Nhập B",
            "",
            "residential_group",
            "grassroots",
            "KHONG-CO-MA",
            "",
        ],
        vec![
            a.as_str(),
            "Phường Nhập A lần hai",
            "",
            "ward",
            "commune",
            "",
            "",
        ],
        vec![
            "P-BACHDANG",
            "Phường Bạch Đằng lần hai",
            "",
            "ward",
            "commune",
            "",
            "",
        ],
        vec![c.as_str(), "", "", "ward", "huyện", "", "31/02/2024"],
        vec![
            d.as_str(),
            "Phòng Cấp Huyện Mới",
            "",
            "department",
            "Cấp huyện",
            "",
            "01/07/2025",
        ],
    ];
    let r = s
        .upload("/api/v1/import/units", "don-vi.xlsx", xlsx(&bad))
        .await;
    r.expect(422);
    let errs = errors(&r.json());
    assert!(
        errs.iter().any(|(row, col, m)| *row == 3
            && col == "F (Mã đơn vị cấp trên)"
            && m.contains("KHONG-CO-MA")),
        "{errs:?}"
    );
    assert!(
        errs.iter().any(|(row, col, m)| *row == 4
            && col == "A (Mã đơn vị)"
            && m.contains("trùng với dòng 2")),
        "{errs:?}"
    );
    assert!(
        errs.iter().any(|(row, col, m)| *row == 5
            && col == "A (Mã đơn vị)"
            && m.contains("đã có trong hệ thống")),
        "{errs:?}"
    );
    assert!(
        errs.iter().any(|(row, col, m)| *row == 6
            && col == "B (Tên đơn vị)"
            && m.contains("không được để trống")),
        "{errs:?}"
    );
    assert!(
        errs.iter()
            .any(|(row, col, _)| *row == 6 && col == "E (Cấp)"),
        "{errs:?}"
    );
    assert!(
        errs.iter()
            .any(|(row, col, _)| *row == 6 && col == "G (Ngày hiệu lực)"),
        "{errs:?}"
    );
    // The district level ended on 30/06/2025, in files as in forms.
    assert!(
        errs.iter()
            .any(|(row, col, m)| *row == 7 && col == "E (Cấp)" && m.contains("30/06/2025")),
        "{errs:?}"
    );
    assert_eq!((app.units_count().await, app.audit_rows().await), before);

    // Parents may be existing units or rows above; kinds and levels by code or Vietnamese name.
    let b_lower = b.to_lowercase();
    let good = vec![
        UNIT_HEADER.to_vec(),
        vec![
            a.as_str(),
            "Phường Nhập A",
            "PNA",
            "Phường, xã, thị trấn",
            "Cấp xã",
            "UBND-HBT",
            "01/07/2025",
        ],
        vec![
            b.as_str(),
            "Tổ Nhập B",
            "",
            "residential_group",
            "grassroots",
            a.as_str(),
            "",
        ],
        vec![
            c.as_str(),
            "Nhóm Nhập C",
            "",
            "khac",
            "co so",
            b_lower.as_str(),
            "02/07/2025",
        ],
    ];
    let r = s
        .upload("/api/v1/import/units", "don-vi.csv", csv(&good))
        .await;
    r.expect(200);
    assert_eq!(r.json()["imported"], 3);
    let (ua, ub, uc) = (app.unit(&a).await, app.unit(&b).await, app.unit(&c).await);
    assert_eq!(
        ua.parent_id.as_deref(),
        Some(app.unit("UBND-HBT").await.id.as_str())
    );
    assert_eq!(ua.kind, "ward");
    assert_eq!(ua.level, "commune");
    assert_eq!(ua.short_name.as_deref(), Some("PNA"));
    assert_eq!(ub.parent_id.as_deref(), Some(ua.id.as_str()));
    assert_eq!(uc.parent_id.as_deref(), Some(ub.id.as_str()));
    assert_eq!(uc.kind, "other");
    assert!(uc.path.starts_with(&ua.path));
    assert_eq!(app.units_count().await, before.0 + 3);
    // A unit officer of A now sees B and C in their scope.
    let uo_page = s.get(&format!("/units/{}", ua.id)).await;
    uo_page.expect(200).contains("Tổ Nhập B");
}

async fn export(s: &Session, file: &str) -> Vec<Vec<String>> {
    let (status, headers, bytes) = s.download(&format!("/data/export/{file}")).await;
    assert_eq!(status, 200);
    assert_eq!(
        headers["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    read_xlsx(&bytes)
}

async fn export_opens_and_round_trips(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(ADMIN).await;
    let units = export(&s, "units.xlsx").await;
    assert_eq!(units[0], UNIT_HEADER);
    let codes: Vec<&str> = units[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        codes.len() as i64,
        app.units_count().await,
        "closed units are exported too"
    );
    assert!(codes.contains(&"P-DONGNHAN") && codes.contains(&"P-HAIBATRUNG"));
    let row = units.iter().find(|r| r[0] == "P-BACHDANG-TDP1").unwrap();
    assert_eq!(row[5], "P-BACHDANG", "parent code");
    assert_eq!(row[3], "Khu phố, tổ dân phố");

    let people = export(&s, "people.xlsx").await;
    assert_eq!(people[0], PEOPLE_HEADER);
    assert_eq!(people.len() as i64 - 1, app.persons_count().await);
    let an = people.iter().find(|r| r[0] == "Nguyễn Văn An").unwrap();
    assert_eq!(
        an[1..],
        [
            "Nam",
            "15/03/1980",
            "Chủ tịch UBND phường",
            "Cán bộ",
            "không",
            "P-BACHDANG"
        ]
    );

    // A unit officer exports only their unit, and their export imports back as it is.
    let uo = app.login(UO_BACHDANG).await;
    let mine = export(&uo, "people.xlsx").await;
    assert!(mine.len() > 1);
    assert!(
        mine[1..].iter().all(|r| r[6].starts_with("P-BACHDANG")),
        "{mine:?}"
    );
    assert!(!mine.iter().any(|r| r[0] == "Đặng Thị Hoa"));
    let my_units = export(&uo, "units.xlsx").await;
    assert!(
        my_units[1..].iter().all(|r| r[0].starts_with("P-BACHDANG")),
        "{my_units:?}"
    );
    assert_eq!(
        my_units.len(),
        1 + 4,
        "the ward and its three residential groups"
    );

    let before = app.persons_count().await;
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (r, row) in mine.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, v).unwrap();
        }
    }
    let r = uo
        .upload(
            "/api/v1/import/people",
            "khu-hoi.xlsx",
            book.save_to_buffer().unwrap(),
        )
        .await;
    r.expect(200);
    assert_eq!(
        r.json()["imported"].as_u64().unwrap() as usize,
        mine.len() - 1
    );
    assert_eq!(app.persons_count().await, before + mine.len() as i64 - 1);
}

//! Award history, eligibility and roadmap over HTTP, on SQLite and on PostgreSQL (issue 4): ledger
//! rows through pages and API, an eligibility verdict with the article cited, the roadmap, an
//! all-or-nothing history import, unit scope, and merged units carrying history to the successor.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/mod.rs"]
mod common;

use common::{Engine, STANDING, Session, TestApp, UO_BACHDANG, xlsx};
use serde_json::{Value, json};

on_both_engines!(
    ledger_rows_and_eligibility_with_article,
    roadmap_lists_next_honours,
    history_import_with_errors_saves_nothing,
    unit_officer_cannot_read_other_units_honours,
    merged_unit_history_follows_successor
);

async fn person_id(s: &Session, name: &str, unit_id: &str) -> String {
    let q: String = form_urlencoded_name(name);
    let r = s
        .api_get(&format!("/api/v1/people?q={q}&unit_id={unit_id}"))
        .await;
    r.expect(200);
    r.json()["items"][0]["id"]
        .as_str()
        .expect("person found")
        .to_string()
}

fn form_urlencoded_name(name: &str) -> String {
    name.replace(' ', "%20")
}

async fn ledger(s: &Session, subject: &str, id: &str) -> Value {
    let r = s.api_get(&format!("/api/v1/ledger/{subject}/{id}")).await;
    r.expect(200);
    r.json()
}

async fn ledger_rows(app: &TestApp) -> i64 {
    app.count("SELECT (SELECT COUNT(*) FROM ledger_awards) + (SELECT COUNT(*) FROM ledger_ratings)")
        .await
}

async fn ledger_rows_and_eligibility_with_article(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(STANDING).await;
    let unit = app.unit("P-BACHDANG").await;
    let id = person_id(&s, "nguyen van an", &unit.id).await;

    // The demo history is there: four years of CSTĐCS.
    let l = ledger(&s, "person", &id).await;
    let cstdcs = l["awards"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["code"] == "CSTDCS")
        .count();
    assert_eq!(cstdcs, 4, "{l}");

    // Add a title through the page form (audited) and a rating through the API.
    let audit_before = app.audit_rows().await;
    let r = s
        .post_form(
            &format!("/people/{id}/honours/awards"),
            &[
                ("code", "GIAY_KHEN"),
                ("year", "2025"),
                ("kind", "ad_hoc"),
                ("decision_no", "12/QĐ-UBND"),
                ("decision_date", "20/03/2025"),
                ("issuer", "Chủ tịch UBND phường"),
                ("golden_book_no", "7"),
            ],
        )
        .await;
    r.expect(303);
    assert_eq!(app.audit_rows().await, audit_before + 1);
    let r = s
        .api_post(
            &format!("/api/v1/ledger/person/{id}/ratings"),
            &json!({"year": "2019", "rating": "good"}),
        )
        .await;
    r.expect(200);
    let l = ledger(&s, "person", &id).await;
    let gk = l["awards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == "GIAY_KHEN")
        .expect("added award")
        .clone();
    assert_eq!(gk["name"], "Giấy khen");
    assert_eq!(gk["decision_date"], "2025-03-20");
    assert!(
        l["ratings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["year"] == 2019 && r["rating"] == "good")
    );

    // A refused entry names the field in Vietnamese and saves nothing.
    let before = ledger_rows(&app).await;
    let r = s
        .post_form(
            &format!("/people/{id}/honours/awards"),
            &[
                ("code", "KHONG_CO"),
                ("year", "19"),
                ("decision_date", "31/02/2025"),
            ],
        )
        .await;
    r.expect(422)
        .contains("Hãy chọn một danh hiệu hoặc hình thức khen thưởng có trong danh mục.")
        .contains("Ngày quyết định phải có dạng ngày/tháng/năm");
    assert_eq!(ledger_rows(&app).await, before);

    // Version-checked edit: a stale version is refused with 409.
    let v = gk["version"].as_i64().unwrap();
    let body = json!({"code": "GIAY_KHEN", "year": "2025", "kind": "ad_hoc", "revoked": true, "version": v});
    s.api_put(
        &format!("/api/v1/ledger/awards/{}", gk["id"].as_str().unwrap()),
        &body,
    )
    .await
    .expect(200);
    s.api_put(
        &format!("/api/v1/ledger/awards/{}", gk["id"].as_str().unwrap()),
        &body,
    )
    .await
    .expect(409);

    // Eligibility for Chiến sĩ thi đua cấp tỉnh: every rule with an outcome, the article and facts.
    let r = s
        .api_post(
            &format!("/api/v1/ledger/person/{id}/eligibility"),
            &json!({"code": "CSTD_TINH", "year": "2023", "date": "01/02/2024"}),
        )
        .await;
    r.expect(200);
    let e = r.json();
    assert_eq!(e["name"], "Chiến sĩ thi đua cấp tỉnh");
    let checks = e["checks"].as_array().unwrap();
    assert!(!checks.is_empty());
    assert!(
        checks
            .iter()
            .all(|c| !c["article"].as_str().unwrap().is_empty()
                && ["pass", "fail", "unknown"].contains(&c["outcome"].as_str().unwrap())),
        "{e}"
    );
    assert!(
        checks
            .iter()
            .any(|c| c["outcome"] == "pass" && c["article"].as_str().unwrap().contains("Điều")),
        "{e}"
    );
    assert!(
        e["rule_sets"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s.as_str().unwrap().contains("98")),
        "Decree 98 in force on 01/02/2024: {e}"
    );

    // The same check on the page, in Vietnamese.
    let page = s
        .get(&format!(
            "/people/{id}/honours?code=CSTD_TINH&year=2023&date=01/02/2024"
        ))
        .await;
    page.expect(200)
        .contains("Chiến sĩ thi đua cấp tỉnh — năm 2023")
        .contains("Điều")
        .contains("Đạt");

    // A wrong date is a field message, not a crash.
    s.get(&format!(
        "/people/{id}/honours?code=CSTD_TINH&year=2023&date=99/99/2024"
    ))
    .await
    .expect(422)
    .contains("Ngày xét phải có dạng ngày/tháng/năm");
}

async fn roadmap_lists_next_honours(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(STANDING).await;
    let unit = app.unit("P-BACHDANG").await;
    let id = person_id(&s, "nguyen van an", &unit.id).await;
    let r = s
        .api_get(&format!("/api/v1/ledger/person/{id}/roadmap"))
        .await;
    r.expect(200);
    let items = r.json();
    let items = items.as_array().unwrap();
    assert!(!items.is_empty(), "roadmap should not be empty");
    assert!(
        items
            .iter()
            .all(|i| !i["name"].as_str().unwrap().is_empty())
    );
    assert!(
        items.iter().any(|i| i["earliest_year"].is_i64()),
        "{items:?}"
    );
    s.get(&format!("/people/{id}/honours"))
        .await
        .expect(200)
        .contains("Lộ trình khen thưởng");
    // The catalog lists titles and rule sets with their dates; the API describes the ledger.
    s.get("/catalog")
        .await
        .expect(200)
        .contains("Chiến sĩ thi đua cấp tỉnh")
        .contains("01/07/2025")
        .contains("đang áp dụng");
    s.get("/api/openapi.json")
        .await
        .expect(200)
        .contains("/api/v1/ledger/{subject}/{id}/eligibility");
    // Units have a roadmap too.
    s.api_get(&format!("/api/v1/ledger/unit/{}/roadmap", unit.id))
        .await
        .expect(200);
}

const HEADER: [&str; 10] = [
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

async fn history_import_with_errors_saves_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(STANDING).await;
    let before = (ledger_rows(&app).await, app.audit_rows().await);
    let bad = vec![
        HEADER.to_vec(),
        vec![
            "P-NOIVU",
            "",
            "2019",
            "Hoàn thành xuất sắc nhiệm vụ",
            "Tập thể lao động xuất sắc",
            "5/QĐ-UBND",
            "10/01/2020",
            "UBND quận",
            "1",
            "",
        ],
        vec!["P-NOIVU", "", "2018", "Giỏi", "", "", "", "", "", ""],
        vec![
            "KHONG-CO",
            "",
            "2019",
            "Hoàn thành nhiệm vụ",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        vec![
            "P-NOIVU",
            "",
            "2017",
            "",
            "Huy chương vàng",
            "",
            "",
            "",
            "",
            "",
        ],
        vec![
            "P-NOIVU",
            "",
            "2016",
            "",
            "Chiến sĩ thi đua cơ sở",
            "",
            "",
            "",
            "",
            "",
        ],
    ];
    let r = s
        .upload("/api/v1/ledger/import", "lich-su.xlsx", xlsx(&bad))
        .await;
    r.expect(422);
    let report = r.json();
    assert_eq!(report["imported"], 0);
    let errs: Vec<(u64, String, String)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["row"].as_u64().unwrap(),
                e["column"].as_str().unwrap().into(),
                e["message"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(
        errs.iter().any(|(r, c, m)| *r == 3
            && c == "D (Xếp loại)"
            && m.contains("Không hiểu mức xếp loại")),
        "{errs:?}"
    );
    assert!(
        errs.iter().any(|(r, c, m)| *r == 4
            && c == "A (Mã đơn vị)"
            && m == "Không có đơn vị mã KHONG-CO."),
        "{errs:?}"
    );
    assert!(
        errs.iter()
            .any(|(r, c, _)| *r == 5 && c == "E (Danh hiệu, hình thức)"),
        "{errs:?}"
    );
    assert!(
        errs.iter()
            .any(|(r, _, m)| *r == 6 && m.contains("không dành cho tập thể")),
        "{errs:?}"
    );
    assert!(
        errs.iter().all(|(r, _, _)| *r != 2),
        "the good row has no error: {errs:?}"
    );
    assert_eq!(
        (ledger_rows(&app).await, app.audit_rows().await),
        before,
        "nothing saved"
    );

    // The page shows the same refusal.
    s.upload("/honours/import", "lich-su.xlsx", xlsx(&bad))
        .await
        .expect(422)
        .contains("chưa nhập dòng nào");

    // A good file (unit rows and a person row) is imported whole.
    let good = vec![
        HEADER.to_vec(),
        vec![
            "P-NOIVU",
            "",
            "2019",
            "Hoàn thành xuất sắc nhiệm vụ",
            "Tập thể lao động xuất sắc",
            "5/QĐ-UBND",
            "10/01/2020",
            "UBND quận",
            "1",
            "Dẫn đầu khối",
        ],
        vec![
            "P-NOIVU",
            "",
            "2018",
            "Hoàn thành tốt nhiệm vụ",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        vec![
            "P-NOIVU",
            "Đặng Thị Hoa",
            "2019",
            "Hoàn thành xuất sắc nhiệm vụ",
            "Lao động tiên tiến",
            "",
            "",
            "",
            "",
            "",
        ],
    ];
    let r = s
        .upload("/api/v1/ledger/import", "lich-su.xlsx", xlsx(&good))
        .await;
    r.expect(200);
    assert_eq!(r.json()["imported"], 5);
    assert_eq!(ledger_rows(&app).await, before.0 + 5);
    let unit = app.unit("P-NOIVU").await;
    let l = ledger(&s, "unit", &unit.id).await;
    assert!(
        l["awards"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["code"] == "TTLDXS" && a["year"] == 2019 && a["golden_book_no"] == 1)
    );
    // Importing the same file again is refused (a rating per year, no double award).
    s.upload("/api/v1/ledger/import", "lich-su.xlsx", xlsx(&good))
        .await
        .expect(422);
}

async fn unit_officer_cannot_read_other_units_honours(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(UO_BACHDANG).await;
    let own = app.unit("P-BACHDANG").await;
    let other = app.unit("P-VHTT").await;
    s.get(&format!("/units/{}/honours", own.id))
        .await
        .expect(200);
    s.get(&format!("/units/{}/honours", other.id))
        .await
        .expect(404);
    s.api_get(&format!("/api/v1/ledger/unit/{}", other.id))
        .await
        .expect(404);
    s.api_post(
        &format!("/api/v1/ledger/unit/{}/eligibility", other.id),
        &json!({"code": "TTLDXS"}),
    )
    .await
    .expect(404);
    let other_person = app.person_in("P-VHTT").await;
    s.get(&format!("/people/{}/honours", other_person.id))
        .await
        .expect(404);
    let before = ledger_rows(&app).await;
    s.api_post(
        &format!("/api/v1/ledger/unit/{}/ratings", other.id),
        &json!({"year": "2020", "rating": "good"}),
    )
    .await
    .expect(404);
    s.post_form(
        &format!("/units/{}/honours/ratings", other.id),
        &[("year", "2020"), ("rating", "good")],
    )
    .await
    .expect(404);
    assert_eq!(ledger_rows(&app).await, before);
    // Their own unit: allowed.
    s.post_form(
        &format!("/units/{}/honours/ratings", own.id),
        &[("year", "2020"), ("rating", "good")],
    )
    .await
    .expect(303);
}

async fn merged_unit_history_follows_successor(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(STANDING).await;
    let merged = app.unit("P-HAIBATRUNG").await;
    let old = app.unit("P-DONGNHAN").await;
    let l = ledger(&s, "unit", &merged.id).await;
    let preds: Vec<&str> = l["predecessors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(
        preds.contains(&"Phường Đồng Nhân") && preds.contains(&"Phường Phố Huế"),
        "{l}"
    );
    assert!(
        l["awards"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["subject_id"] == old.id.as_str() && a["code"] == "TTLDXS"),
        "{l}"
    );
    // The engine sees the merged history: the successor has no rows of its own, yet the predecessors'
    // "Hoàn thành xuất sắc nhiệm vụ" years count for it.
    let r = s
        .api_post(
            &format!("/api/v1/ledger/unit/{}/eligibility", merged.id),
            &json!({"code": "BK_TINH", "year": "2024", "date": "15/01/2025"}),
        )
        .await;
    r.expect(200);
    let e = r.json();
    assert!(
        e["checks"].as_array().unwrap().iter().any(
            |c| c["outcome"] == "pass" && c["message"].as_str().unwrap().contains("2023, 2024")
        ),
        "{e}"
    );
    s.get(&format!("/units/{}/honours", merged.id))
        .await
        .expect(200)
        .contains("Phường Đồng Nhân")
        .contains("Tập thể lao động xuất sắc");
    // The closed unit's own page says its history went on.
    s.get(&format!("/units/{}/honours", old.id))
        .await
        .expect(200)
        .contains("đơn vị kế thừa");
}

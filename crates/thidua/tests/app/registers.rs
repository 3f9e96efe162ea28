//! Numbering registers (sổ đăng ký văn bản) over HTTP on both engines: the decision form proposes the
//! next number of the year, a decision's number is recorded in the register in its own transaction,
//! the same number twice in a year is refused (also when two users send it at the same instant),
//! a meeting's minutes get their number from the register and carry it, and the settings page saves
//! what the documents then show.

use crate::award_path::OFFICE;
use crate::common::{Engine, TestApp, hidden_value};
use crate::documents::pdf_text;
use crate::on_both_engines;
use serde_json::{Value, json};

on_both_engines!(
    numbers_are_proposed_recorded_and_never_given_twice,
    simultaneous_requests_never_share_a_number,
    a_meetings_minutes_take_their_number_from_the_register,
    the_settings_page_shapes_the_documents,
);

const CHAIRMAN: &str = "hn.chutich";

fn this_year() -> i32 {
    thidua_app::today().year()
}

async fn numbers_are_proposed_recorded_and_never_given_twice(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(OFFICE).await;
    // The demo's decision 1021/QĐ-UBND is in this year's register: the next one is 1022.
    let r = office.api_get("/api/v1/registers/decision").await.json();
    assert_eq!(r["next"], "1022/QĐ-UBND", "{r}");
    assert_eq!(r["year"], this_year());
    assert!(
        r["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["number"] == "1021/QĐ-UBND" && e["subject_type"] == "decision"),
        "{r}"
    );
    let chair = app.login(CHAIRMAN).await;
    chair
        .get("/decisions/new")
        .await
        .expect(200)
        .contains("value=\"1022/QĐ-UBND\"");
    // A number by hand, then the same order number again in that register: refused, nothing saved.
    let take = |number: &str| json!({"kind": "submission", "summary": "Tờ trình đề nghị khen thưởng năm 2026", "number": number});
    let first = office
        .api_post("/api/v1/registers", &take("7/TTr-HĐTĐKT"))
        .await;
    first.expect(201);
    assert_eq!(first.json()["seq"], 7);
    let audit = app.audit_rows().await;
    for again in ["7/TTr-HĐTĐKT", "07/TTr-HĐTĐKT"] {
        let r = office.api_post("/api/v1/registers", &take(again)).await;
        r.expect(422).contains("đã có trong sổ đăng ký");
        assert_eq!(r.json()["fields"][0]["field"], "number");
    }
    let r = office
        .api_post("/api/v1/registers", &take("TTr-HĐTĐKT"))
        .await;
    r.expect(422).contains("phải bắt đầu bằng số thứ tự");
    assert_eq!(app.audit_rows().await, audit, "refusals change nothing");
    // Left empty: the next number, 8.
    let r = office.api_post("/api/v1/registers", &take("")).await;
    r.expect(201);
    assert_eq!(r.json()["number"], "8/TTr-HĐTĐKT");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'register.take'")
            .await,
        2
    );
    // Bad input is named.
    let r = office
        .api_post(
            "/api/v1/registers",
            &json!({"kind": "letter", "summary": "", "issued_on": "31/02/2026"}),
        )
        .await;
    r.expect(422);
    let json = r.json();
    let fields: Vec<&str> = json["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["kind", "summary", "issued_on"]);
    // Only the office keeps the registers.
    chair
        .api_get("/api/v1/registers/decision")
        .await
        .expect(403);
    chair.get("/settings/registers").await.expect(403);
    office
        .get("/settings/registers?kind=submission")
        .await
        .expect(200)
        .contains("8/TTr-HĐTĐKT")
        .contains("9/TTr-HĐTĐKT");
}

async fn simultaneous_requests_never_share_a_number(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(OFFICE).await;
    let body =
        |number: &str| json!({"kind": "plan", "summary": "Kế hoạch thi đua", "number": number});
    // The same number from two users at the same instant: one gets it, the other is told why.
    let same = body("40/KH-UBND");
    let (a, b) = tokio::join!(
        office.api_post("/api/v1/registers", &same),
        office.api_post("/api/v1/registers", &same),
    );
    let mut codes = [a.status.as_u16(), b.status.as_u16()];
    codes.sort_unstable();
    assert_eq!(codes, [201, 422]);
    // Four asking for "the next number" at once: four different numbers, none refused.
    let next = body("");
    let (a, b, c, d) = tokio::join!(
        office.api_post("/api/v1/registers", &next),
        office.api_post("/api/v1/registers", &next),
        office.api_post("/api/v1/registers", &next),
        office.api_post("/api/v1/registers", &next),
    );
    let mut numbers: Vec<String> = [a, b, c, d]
        .iter()
        .map(|r| {
            r.expect(201);
            r.json()["number"].as_str().unwrap().to_string()
        })
        .collect();
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 4, "{numbers:?}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM register_entries WHERE kind = 'plan'")
            .await,
        5
    );
}

async fn a_meetings_minutes_take_their_number_from_the_register(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(OFFICE).await;
    let list = office.api_get("/api/v1/meetings").await.json();
    let id = list
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["status"] == "closed")
        .and_then(|m| m["id"].as_str())
        .unwrap()
        .to_string();
    let page = office.get(&format!("/meetings/{id}")).await;
    page.expect(200).contains("Cấp số biên bản");
    let pdf = |path: String| {
        let office = &office;
        async move { pdf_text(&office.download(&path).await.2) }
    };
    let before = pdf(format!("/meetings/{id}/documents/minutes.pdf")).await;
    assert!(!before.contains("Số: 1/BB"), "{before}");
    // The button on the meeting page posts to the register and comes back.
    let csrf = hidden_value(&page.text, "_csrf").unwrap();
    let r = office
        .post_form_raw(
            "/settings/registers",
            &[
                ("_csrf", &csrf),
                ("kind", "minutes"),
                ("subject_type", "meeting"),
                ("subject_id", &id),
                ("issued_on", ""),
                ("summary", "Biên bản họp Hội đồng"),
                ("back", &format!("/meetings/{id}")),
            ],
        )
        .await;
    assert_eq!(r.status.as_u16(), 303, "{}", r.text);
    assert!(
        r.location()
            .unwrap()
            .starts_with(&format!("/meetings/{id}?ok="))
    );
    let after = pdf(format!("/meetings/{id}/documents/minutes.pdf")).await;
    assert!(after.contains("Số: 1/BB-HĐTĐKT"), "{after}");
    office
        .get(&format!("/meetings/{id}"))
        .await
        .contains("Số biên bản: 1/BB-HĐTĐKT")
        .contains("Cấp số tờ trình");
    // A meeting of another organisation, or none: 404, nothing taken.
    let r = office
        .api_post(
            "/api/v1/registers",
            &json!({"kind": "minutes", "summary": "x", "subject_type": "meeting", "subject_id": "nope"}),
        )
        .await;
    r.expect(404);
}

async fn the_settings_page_shapes_the_documents(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(OFFICE).await;
    let page = office.get("/settings/documents").await;
    page.expect(200)
        .contains("Thiết lập văn bản")
        .contains("2026.12-1+")
        .contains("QĐ-UBND");
    let csrf = hidden_value(&page.text, "_csrf").unwrap();
    let settings: Value = office.api_get("/api/v1/settings/documents").await.json();
    let mut fields: Vec<(String, String)> = vec![
        ("_csrf".into(), csrf),
        ("version".into(), settings["version"].to_string()),
        (
            "managing_body".into(),
            "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI".into(),
        ),
        ("issuing_body".into(), "SỞ NỘI VỤ".into()),
        ("place".into(), "Hà Nội".into()),
    ];
    for kind in [
        "decision",
        "submission",
        "unit_submission",
        "minutes",
        "plan",
        "report",
    ] {
        let symbol = if kind == "decision" { "QĐ-SNV" } else { "X" };
        fields.push(("kind".into(), kind.into()));
        fields.push(("symbol".into(), symbol.into()));
        fields.push(("recipients".into(), "Như trên;\nLưu: VT.".into()));
    }
    for (a, o, t, n) in [
        ("KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị Ỡn"),
        ("", "", "", ""),
    ] {
        fields.push(("signer_authority".into(), a.into()));
        fields.push(("signer_on_behalf_of".into(), o.into()));
        fields.push(("signer_title".into(), t.into()));
        fields.push(("signer_name".into(), n.into()));
    }
    fields.push(("blank_field".into(), "name".into()));
    fields.push(("blank_x".into(), "50,5".into()));
    fields.push(("blank_y".into(), "90".into()));
    fields.push(("blank_width".into(), "200".into()));
    fields.push(("blank_size".into(), "abc".into()));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = office.post_form_raw("/settings/documents", &pairs).await;
    assert_eq!(r.status.as_u16(), 422, "a size that is no number");
    assert!(r.text.contains("Cỡ chữ phải là một số"), "{}", r.text);
    let mut pairs = pairs.clone();
    let last = pairs.len() - 1;
    pairs[last] = ("blank_size", "24");
    let r = office.post_form_raw("/settings/documents", &pairs).await;
    assert_eq!(r.status.as_u16(), 303, "{}", r.text);
    let saved: Value = office.api_get("/api/v1/settings/documents").await.json();
    assert_eq!(saved["issuing_body"], "SỞ NỘI VỤ");
    assert_eq!(saved["signers"].as_array().unwrap().len(), 1, "{saved}");
    assert_eq!(saved["blank_fields"][0]["x_mm"], 50.5);
    // The same version again: someone saved in between.
    let r = office.post_form_raw("/settings/documents", &pairs).await;
    assert_eq!(r.status.as_u16(), 409);
    // The decision form now proposes the new symbol; the API saves too, with its version.
    let chair = app.login(CHAIRMAN).await;
    chair
        .get("/decisions/new")
        .await
        .contains("value=\"1022/QĐ-SNV\"");
    let mut body = saved.clone();
    body["place"] = json!("Thủ đô Hà Nội");
    office
        .api_put("/api/v1/settings/documents", &body)
        .await
        .expect(200);
    office
        .api_put("/api/v1/settings/documents", &body)
        .await
        .expect(409);
    chair
        .api_put("/api/v1/settings/documents", &body)
        .await
        .expect(403);
}

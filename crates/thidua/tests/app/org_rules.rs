//! The award pipeline reads the organisation's rules, not the shipped ones (issue 5): once the
//! administrator renames an award in the catalog (the rule-file editing of `/catalog`), the nomination
//! form, list and page, the decision's lines, its certificate, the notifications and the public honour
//! roll show the new name.

use crate::common::{ADMIN, CHAIRMAN, Engine, STANDING, TestApp, UO_BACHDANG};
use crate::on_both_engines;
use serde_json::json;

on_both_engines!(renamed_award_shows_through_the_pipeline);

const NEW_NAME: &str = "Giấy khen của Chủ tịch UBND quận (tên đã sửa)";

async fn renamed_award_shows_through_the_pipeline(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.login(ADMIN).await;
    let uo = app.login(UO_BACHDANG).await;
    let (bd, tdp1) = (
        app.unit("P-BACHDANG").await.id,
        app.unit("P-BACHDANG-TDP1").await.id,
    );
    let body = json!({"nominating_unit_id": bd, "nominee_type": "unit", "unit_id": tdp1, "code": "GIAY_KHEN", "kind": "merit", "year": 2024, "achievement": "Giữ gìn an ninh trật tự tổ dân phố"});
    // Before the edit: the shipped name.
    let r = uo.api_post("/api/v1/nominations", &body).await;
    r.expect(201);
    assert_eq!(r.json()["code_name"], "Giấy khen");
    assert!(!uo.get("/nominations/new").await.text.contains(NEW_NAME));

    // The administrator renames the award in the organisation's catalog, on the page.
    let file = admin
        .api_get("/api/v1/rules/files/catalog.toml")
        .await
        .json();
    let shipped = file["text"].as_str().unwrap();
    let text = shipped.replace(
        "code = \"GIAY_KHEN\"\nname = \"Giấy khen\"",
        &format!("code = \"GIAY_KHEN\"\nname = \"{NEW_NAME}\""),
    );
    assert_ne!(text, shipped, "the catalog entry was not found");
    admin
        .post_form(
            "/catalog/files/catalog.toml",
            &[("text", &text), ("version", "0"), ("action", "save")],
        )
        .await
        .expect(303);

    // The nomination API, form, list and page.
    let r = uo.api_post("/api/v1/nominations", &body).await;
    r.expect(201);
    let id = r.json()["id"].as_str().unwrap().to_string();
    assert_eq!(r.json()["code_name"], NEW_NAME);
    uo.get("/nominations/new")
        .await
        .expect(200)
        .contains(NEW_NAME);
    uo.get("/nominations").await.expect(200).contains(NEW_NAME);
    let page = uo.get(&format!("/nominations/{id}")).await;
    page.expect(200)
        .contains(&format!("{NEW_NAME}: Tổ dân phố số 1"));
    // The edit form keeps the choice under its new name.
    uo.get(&format!("/nominations/{id}/edit"))
        .await
        .expect(200)
        .contains(NEW_NAME);

    // Passed by the council (straight in the database), decided by the chairman.
    let office = app.login(STANDING).await;
    // Sent before the decision's date (a decision cannot precede the dossier it decides).
    let sql = format!(
        "UPDATE nominations SET status = 'passed', submitted_at = '2025-05-02T02:00:00.000Z' WHERE id = '{id}'"
    );
    match &app.db {
        thidua_store::Db::Sqlite(p) => sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&p.write)
            .await
            .map(|_| ())
            .unwrap(),
        thidua_store::Db::Postgres(p) => sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(p)
            .await
            .map(|_| ())
            .unwrap(),
    }
    let chair = app.login(CHAIRMAN).await;
    chair
        .get("/decisions/new?signed_on=15/06/2025")
        .await
        .expect(200)
        .contains(NEW_NAME);
    let r = chair.api_post("/api/v1/decisions", &json!({"number": "501/QĐ-UBND", "signed_on": "15/06/2025", "issuer": "Ủy ban nhân dân quận Hai Bà Trưng", "signer_title": "Chủ tịch", "signer_name": "Nguyễn Trần Bình", "nomination_ids": [id]})).await;
    r.expect(201);
    let d = r.json();
    assert_eq!(d["items"][0]["award"], NEW_NAME, "{d}");
    let did = d["id"].as_str().unwrap();
    let line = d["items"][0]["id"].as_str().unwrap();
    office
        .get(&format!("/decisions/{did}"))
        .await
        .expect(200)
        .contains(NEW_NAME);
    office
        .get(&format!("/decisions/{did}/lines/{line}/certificate"))
        .await
        .expect(200)
        .contains(NEW_NAME);
    assert!(
        uo.api_get("/api/v1/notifications")
            .await
            .text
            .contains(NEW_NAME),
        "the decision's notification names the award"
    );
    // The public honour roll and the verification page name it under the organisation's rules.
    let anon = app.client();
    let roll = app.public_page("/vinh-danh").await;
    assert!(
        crate::common::unescape_html(&roll).contains(NEW_NAME),
        "honour roll"
    );
    let code = d["items"][0]["verify_code"].as_str().unwrap();
    let v: serde_json::Value = anon
        .get(app.url(&format!("/api/v1/public/verify/{code}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["award"], NEW_NAME);
}

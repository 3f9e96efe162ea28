//! The rules data files edited by an administrator (issue 4): an edit changes the reward money and
//! the catalog, a broken file is refused in Vietnamese with nothing saved, only the administrator
//! saves, a stale version is refused with 409, old versions and the shipped file can be restored.

use crate::common::{ADMIN, Engine, STANDING, Session, TestApp, UO_BACHDANG, VIEWER};
use crate::on_both_engines;
use serde_json::{Value, json};

on_both_engines!(
    base_salary_edit_changes_reward_money,
    catalog_edit_shows_on_catalog_and_checks,
    broken_file_is_refused_and_nothing_saved,
    only_the_administrator_saves,
    stale_version_restore_and_history
);

async fn file(s: &Session, name: &str) -> Value {
    let r = s.api_get(&format!("/api/v1/rules/files/{name}")).await;
    r.expect(200);
    r.json()
}

async fn saved(app: &TestApp) -> (i64, i64) {
    (
        app.count(&format!(
            "SELECT COUNT(*) FROM rule_sources WHERE org_id = '{}'",
            app.org_id
        ))
        .await,
        app.audit_rows().await,
    )
}

async fn reward(s: &Session, person_id: &str) -> String {
    let r = s
        .api_post(
            &format!("/api/v1/ledger/person/{person_id}/eligibility"),
            &json!({"code": "CSTDCS", "year": "2025", "date": "15/01/2026"}),
        )
        .await;
    r.expect(200);
    r.json()["reward"].as_str().unwrap_or_default().to_string()
}

const NEW_SALARY: &str =
    "\n[[base_salary]]\nfrom = 2026-01-01\namount = 3000000\nsource = \"Nghị định thử nghiệm\"\n";

async fn base_salary_edit_changes_reward_money(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.login(ADMIN).await;
    let office = app.login(STANDING).await;
    let person = app.person_in("P-BACHDANG").await;
    assert!(
        reward(&office, &person.id).await.contains("2.340.000 đ"),
        "shipped base salary"
    );

    let f = file(&admin, "base_salary.toml").await;
    assert_eq!(
        (f["version"].as_i64(), f["edited"].as_bool()),
        (Some(0), Some(false)),
        "{f}"
    );
    let text = format!("{}{NEW_SALARY}", f["text"].as_str().unwrap());
    let before = app.audit_rows().await;
    let r = admin
        .api_put(
            "/api/v1/rules/files/base_salary.toml",
            &json!({"text": text, "version": 0}),
        )
        .await;
    r.expect(200);
    assert_eq!(
        (r.json()["version"].as_i64(), r.json()["edited"].as_bool()),
        (Some(1), Some(true))
    );
    assert_eq!(app.audit_rows().await, before + 1);
    let after = app
        .scalar_text(&format!(
            "SELECT after_json FROM audit_log WHERE action = 'rules.file.update' AND org_id = '{}'",
            app.org_id
        ))
        .await;
    assert!(
        after.contains("3000000"),
        "the audit row keeps the new text: {after}"
    );

    // The reward money of a decision dated 15/01/2026 now uses the new base salary; an earlier date does not.
    assert!(
        reward(&office, &person.id).await.contains("3.000.000 đ"),
        "edited base salary in force"
    );
    let r = office
        .api_post(
            &format!("/api/v1/ledger/person/{}/eligibility", person.id),
            &json!({"code": "CSTDCS", "year": "2024", "date": "15/01/2025"}),
        )
        .await;
    assert!(
        r.json()["reward"].as_str().unwrap().contains("2.340.000 đ"),
        "old decisions keep the rules of their day"
    );
    office
        .get("/catalog")
        .await
        .expect(200)
        .contains("3.000.000 đ")
        .contains("Nghị định thử nghiệm");
}

async fn catalog_edit_shows_on_catalog_and_checks(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.login(ADMIN).await;
    let f = file(&admin, "catalog.toml").await;
    let text = f["text"].as_str().unwrap().replace(
        "name = \"Chiến sĩ thi đua cấp tỉnh\"",
        "name = \"Chiến sĩ thi đua cấp tỉnh, thành phố\"",
    );
    assert_ne!(text, f["text"].as_str().unwrap());
    // "Kiểm tra" checks without saving.
    let before = saved(&app).await;
    admin
        .post_form(
            "/catalog/files/catalog.toml",
            &[("text", &text), ("version", "0"), ("action", "check")],
        )
        .await
        .expect(200)
        .contains("Kiểm tra xong");
    assert_eq!(saved(&app).await, before);
    // "Lưu" saves a version, audited.
    let r = admin
        .post_form(
            "/catalog/files/catalog.toml",
            &[("text", &text), ("version", "0"), ("action", "save")],
        )
        .await;
    r.expect(303);
    assert_eq!(saved(&app).await, (before.0 + 1, before.1 + 1));
    admin
        .get("/catalog")
        .await
        .expect(200)
        .contains("Chiến sĩ thi đua cấp tỉnh, thành phố")
        .contains("đã sửa");
    // The office reads the edited file; the eligibility check names the entry as edited.
    let office = app.login(STANDING).await;
    office
        .get("/catalog/files/catalog.toml")
        .await
        .expect(200)
        .contains("Bản 1")
        .contains("thành phố");
    let person = app.person_in("P-BACHDANG").await;
    let r = office
        .api_post(
            &format!("/api/v1/ledger/person/{}/eligibility", person.id),
            &json!({"code": "CSTD_TINH", "year": "2024", "date": "15/01/2025"}),
        )
        .await;
    r.expect(200);
    assert_eq!(r.json()["name"], "Chiến sĩ thi đua cấp tỉnh, thành phố");
}

async fn broken_file_is_refused_and_nothing_saved(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.login(ADMIN).await;
    let before = saved(&app).await;
    // A syntax error: the message names the file and the line.
    let f = file(&admin, "catalog.toml").await;
    let broken = f["text"].as_str().unwrap().replacen(
        "name = \"Lao động tiên tiến\"",
        "name = \"Lao động tiên tiến",
        1,
    );
    let r = admin
        .api_put(
            "/api/v1/rules/files/catalog.toml",
            &json!({"text": broken, "version": 0}),
        )
        .await;
    r.expect(422);
    let msg = r.json()["fields"][0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        msg.contains("Tệp catalog.toml") && msg.contains("dòng "),
        "{msg}"
    );
    // A value the rules cannot use: the message names the file and the field.
    let f = file(&admin, "base_salary.toml").await;
    let bad = f["text"]
        .as_str()
        .unwrap()
        .replace("amount = 2340000", "amount = -5");
    let r = admin
        .api_put(
            "/api/v1/rules/files/base_salary.toml",
            &json!({"text": bad, "version": 0}),
        )
        .await;
    r.expect(422);
    let msg = r.json()["fields"][0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        msg.contains("base_salary.toml")
            && msg.contains("base_salary[0].amount")
            && msg.contains("mức lương cơ sở phải là số đồng dương"),
        "{msg}"
    );
    // The page shows the same message at the field, keeping the typed text.
    admin
        .post_form(
            "/catalog/files/base_salary.toml",
            &[("text", &bad), ("version", "0"), ("action", "save")],
        )
        .await
        .expect(422)
        .contains("mức lương cơ sở phải là số đồng dương")
        .contains("amount = -5");
    // A rule set whose code is not in the catalog.
    let f = file(&admin, "ruleset_hn.toml").await;
    let r = admin.api_put("/api/v1/rules/files/ruleset_hn.toml", &json!({"text": format!("{}\n[[criteria]]\nid = \"x\"\ncode = \"KHONG_CO\"\n", f["text"].as_str().unwrap()), "version": 0})).await;
    r.expect(422);
    assert_eq!(saved(&app).await, before, "nothing saved, nothing audited");
    admin
        .api_get("/api/v1/rules/files/khong_co.toml")
        .await
        .expect(404);
}

async fn only_the_administrator_saves(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let others = [app.login(UO_BACHDANG).await, app.login(VIEWER).await];
    let before = saved(&app).await;
    let text = format!(
        "{}{NEW_SALARY}",
        thidua_app::rules_cache::shipped_text("base_salary.toml").unwrap()
    );
    let body = json!({"text": text, "version": 0});
    // The standing office reads but cannot save.
    office.api_get("/api/v1/rules/files").await.expect(200);
    office
        .get("/catalog/files/base_salary.toml")
        .await
        .expect(200)
        .contains("Mức lương cơ sở");
    office
        .api_put("/api/v1/rules/files/base_salary.toml", &body)
        .await
        .expect(403);
    office
        .post_form(
            "/catalog/files/base_salary.toml",
            &[("text", &text), ("version", "0"), ("action", "save")],
        )
        .await
        .expect(403);
    office
        .post_form(
            "/catalog/files/base_salary.toml/restore",
            &[("from", "shipped"), ("version", "0")],
        )
        .await
        .expect(403);
    for s in &others {
        s.api_get("/api/v1/rules/files").await.expect(403);
        s.api_put("/api/v1/rules/files/base_salary.toml", &body)
            .await
            .expect(403);
        s.post_form(
            "/catalog/files/base_salary.toml",
            &[("text", &text), ("version", "0"), ("action", "save")],
        )
        .await
        .expect(403);
        // They still see the catalog itself, without the list of files.
        let page = s.get("/catalog").await;
        page.expect(200);
        assert!(!page.text.contains("Tệp dữ liệu đang áp dụng"));
    }
    assert_eq!(saved(&app).await, before);
}

async fn stale_version_restore_and_history(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.login(ADMIN).await;
    let shipped = thidua_app::rules_cache::shipped_text("base_salary.toml").unwrap();
    let v1 = format!("{shipped}{NEW_SALARY}");
    let v2 = v1.replace("3000000", "3100000");
    admin
        .api_put(
            "/api/v1/rules/files/base_salary.toml",
            &json!({"text": v1, "version": 0}),
        )
        .await
        .expect(200);
    // Someone who read version 0 saves after: refused, nothing saved.
    let before = saved(&app).await;
    let r = admin
        .api_put(
            "/api/v1/rules/files/base_salary.toml",
            &json!({"text": v2, "version": 0}),
        )
        .await;
    r.expect(409);
    assert!(
        r.json()["message"]
            .as_str()
            .unwrap()
            .contains("vừa được người khác thay đổi")
    );
    admin
        .post_form(
            "/catalog/files/base_salary.toml",
            &[("text", &v2), ("version", "0"), ("action", "save")],
        )
        .await
        .expect(409)
        .contains("vừa được người khác lưu");
    assert_eq!(saved(&app).await, before);
    admin
        .api_put(
            "/api/v1/rules/files/base_salary.toml",
            &json!({"text": v2, "version": 1}),
        )
        .await
        .expect(200);

    // Restore version 1 on the page, then the shipped file through the API: both new versions.
    admin
        .post_form(
            "/catalog/files/base_salary.toml/restore",
            &[("from", "1"), ("version", "2")],
        )
        .await
        .expect(303);
    assert!(
        file(&admin, "base_salary.toml").await["text"]
            .as_str()
            .unwrap()
            .contains("3000000")
    );
    let r = admin
        .api_post(
            "/api/v1/rules/files/base_salary.toml/restore",
            &json!({"from": null, "version": 3}),
        )
        .await;
    r.expect(200);
    assert_eq!(
        (r.json()["version"].as_i64(), r.json()["edited"].as_bool()),
        (Some(4), Some(false))
    );
    let f = file(&admin, "base_salary.toml").await;
    assert_eq!(f["text"].as_str(), Some(shipped));
    let history: Vec<(i64, bool)> = f["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["version"].as_i64().unwrap(),
                h["shipped"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(history, vec![(4, true), (3, false), (2, false), (1, false)]);
    // Every saved version stays readable; the catalog shows the shipped salary again.
    admin
        .get("/catalog/files/base_salary.toml/versions/2")
        .await
        .expect(200)
        .contains("3100000");
    admin
        .get("/catalog")
        .await
        .expect(200)
        .contains("2.340.000 đ");
    assert!(!admin.get("/catalog").await.text.contains("3.000.000 đ"));
    let page = admin.get("/catalog/files/base_salary.toml").await;
    page.expect(200)
        .contains("Khôi phục bản này")
        .contains("Bản 4");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE object_type = 'rule_file' AND org_id = '{}'",
            app.org_id
        ))
        .await,
        4
    );
}

//! CSRF and origin checks: forms need their token, cross-site requests are refused, the API needs
//! `X-CSRF-Token` with a session cookie but not with an API token.

use crate::common::{ADMIN, Engine, Session, TestApp, code};
use crate::on_both_engines;
use serde_json::json;

on_both_engines!(
    forms_need_their_token,
    cross_site_requests_are_refused,
    api_with_session_needs_header,
    api_tokens_work_without_csrf
);

const REFUSED: &str =
    "Phiên làm việc của biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy tải lại trang rồi gửi lại.";
const CROSS_SITE: &str = "Yêu cầu đến từ trang web khác nên bị từ chối (bảo vệ CSRF).";

fn unit_form(c: &str) -> Vec<(&'static str, String)> {
    vec![
        ("code", c.to_string()),
        ("name", "Phường Thử Nghiệm".into()),
        ("kind", "ward".into()),
        ("level", "commune".into()),
        ("valid_from", "01/07/2025".into()),
    ]
}

async fn exists(app: &TestApp, c: &str) -> bool {
    let mut tx = app.db.begin().await.unwrap();
    let found = thidua_store::units::get_by_code(&mut tx, &app.org_id, c)
        .await
        .unwrap()
        .is_some();
    tx.commit().await.unwrap();
    found
}

async fn forms_need_their_token(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(ADMIN).await;
    let other = app.login(ADMIN).await;
    let before = (app.units_count().await, app.audit_rows().await);
    let c = code("CSRF");
    let fields = unit_form(&c);
    let plain: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();

    // No token at all.
    let r = s.post_form_raw("/units", &plain).await;
    r.expect(400).contains(REFUSED);
    // A wrong token, and an empty one.
    for bad in ["wrong-token", ""] {
        let mut with_bad = plain.clone();
        with_bad.push(("_csrf", bad));
        let r = s.post_form_raw("/units", &with_bad).await;
        r.expect(400).contains(REFUSED);
    }
    // Another session's token does not fit this session.
    assert_ne!(other.csrf, s.csrf);
    let mut foreign = plain.clone();
    foreign.push(("_csrf", other.csrf.as_str()));
    s.post_form_raw("/units", &foreign).await.expect(400);
    // An edit of an existing unit without the token changes nothing either.
    let ward = app.unit("P-BACHDANG").await;
    let r = s
        .post_form_raw(
            &format!("/units/{}", ward.id),
            &[
                ("code", "P-BACHDANG"),
                ("name", "Bị sửa trộm"),
                ("kind", "ward"),
                ("level", "commune"),
                ("version", &ward.version.to_string()),
            ],
        )
        .await;
    r.expect(400);
    assert_eq!(app.unit("P-BACHDANG").await, ward);
    assert!(!exists(&app, &c).await);
    assert_eq!((app.units_count().await, app.audit_rows().await), before);

    // With the token the same form works.
    let r = s.post_form("/units", &plain).await;
    r.expect(303);
    assert!(exists(&app, &c).await);
}

async fn cross_site_requests_are_refused(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(ADMIN).await;
    let before = app.audit_rows().await;
    let c = code("XS");
    let mut fields: Vec<(&str, String)> = unit_form(&c);
    fields.push(("_csrf", s.csrf.clone()));

    for (header, value) in [
        ("origin", "http://evil.example"),
        ("origin", "null"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let r = s
            .client
            .post(s.url("/units"))
            .header(header, value)
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "{header}: {value}");
        assert!(r.text().await.unwrap().contains(CROSS_SITE));
        // The API answers the same refusal as JSON.
        let r = s
            .client
            .post(s.url("/api/v1/units"))
            .header(header, value)
            .header("x-csrf-token", &s.csrf)
            .json(&json!({"code": c, "name": "Phường X", "kind": "ward", "level": "commune"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "API {header}: {value}");
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["error"], "bad_request");
        assert_eq!(body["message"], CROSS_SITE);
    }
    // An API token does not lift the origin check either.
    let token = s.create_api_token("kiểm tra nguồn gốc").await;
    let before_token = app.audit_rows().await;
    let r = reqwest::Client::new()
        .post(s.url("/api/v1/units"))
        .bearer_auth(&token)
        .header("origin", "http://evil.example")
        .json(&json!({"code": c, "name": "Phường X", "kind": "ward", "level": "commune"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(!exists(&app, &c).await);
    assert_eq!(app.audit_rows().await, before_token);
    assert_eq!(
        before_token,
        before + 1,
        "only the token creation was saved"
    );

    // The app's own origin is fine.
    let r = s
        .client
        .post(s.url("/units"))
        .header("origin", &app.base)
        .header("sec-fetch-site", "same-origin")
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(exists(&app, &c).await);
}

async fn api_with_session_needs_header(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(ADMIN).await;
    let c = code("API");
    let body = json!({"code": c, "name": "Phường API", "kind": "ward", "level": "commune", "valid_from": "2025-07-01"});
    let before = app.audit_rows().await;

    let r = s
        .client
        .post(s.url("/api/v1/units"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let err: serde_json::Value = r.json().await.unwrap();
    assert_eq!(err["error"], "bad_request");
    assert_eq!(err["message"], REFUSED);
    let r = s
        .client
        .post(s.url("/api/v1/units"))
        .header("x-csrf-token", "sai")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(app.audit_rows().await, before);
    assert!(!exists(&app, &c).await);

    // Reads need no token.
    s.client
        .get(s.url("/api/v1/units"))
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap();

    let r = s.api_post("/api/v1/units", &body).await;
    r.expect(201);
    assert_eq!(r.json()["code"], c);
}

async fn api_tokens_work_without_csrf(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(ADMIN).await;
    let token = s.create_api_token("Đồng bộ phần mềm văn phòng").await;
    assert!(token.len() >= 40, "{token}");
    // The token is shown once: the account page lists it by name only.
    let account = s.get("/account").await;
    account.expect(200).contains("Đồng bộ phần mềm văn phòng");
    assert!(!account.text.contains(&token));

    let api: Session = s.with_token(&token);
    let me = api.api_get("/api/v1/me").await;
    me.expect(200);
    assert_eq!(me.json()["user"]["username"], "admin");
    assert_eq!(me.json()["csrf_token"], "");

    let c = code("TOK");
    let r = api
        .api_post(
            "/api/v1/units",
            &json!({"code": c, "name": "Phường Khóa API", "kind": "ward", "level": "commune"}),
        )
        .await;
    r.expect(201);
    assert!(exists(&app, &c).await);
    // The audit row names the token's owner.
    let audit = s
        .api_get(&format!(
            "/api/v1/audit?object_id={}",
            r.json()["id"].as_str().unwrap()
        ))
        .await;
    audit.expect(200);
    assert_eq!(audit.json()[0]["user_name"], "Quản trị hệ thống (admin)");

    // Revoking the token ends it.
    let page = s.get("/account").await.text;
    let start = page.find("/account/tokens/").expect("revoke form") + "/account/tokens/".len();
    let id = &page[start..start + page[start..].find('/').unwrap()];
    s.post_form(&format!("/account/tokens/{id}/revoke"), &[])
        .await
        .expect(303);
    let r = api.api_get("/api/v1/me").await;
    r.expect(401);
    let r = api.api_post("/api/v1/units", &json!({"code": code("TOK"), "name": "Phường Sau Thu Hồi", "kind": "ward", "level": "commune"})).await;
    r.expect(401);
}

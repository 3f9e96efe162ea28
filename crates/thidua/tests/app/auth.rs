//! Signing in and out: messages, throttling, cookie attributes, redirects and 401s when signed out.

use crate::common::{ADMIN, DEMO_PASSWORD, Engine, TestApp, VIEWER, hidden_value};
use crate::on_both_engines;

on_both_engines!(
    wrong_password_and_throttling,
    session_cookie_and_logout,
    signed_out_pages_and_api,
    login_form_token_and_next
);

async fn wrong_password_and_throttling(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let client = app.client();

    let r = app.post_login(&client, VIEWER, "sai-mat-khau").await;
    assert_eq!(r.status(), 400);
    assert!(
        r.headers()
            .get_all("set-cookie")
            .iter()
            .all(|c| !c.to_str().unwrap_or("").starts_with("thidua_session=")),
        "no session on failure"
    );
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Tên đăng nhập hoặc mật khẩu không đúng."),
        "{html}"
    );
    // The user name typed is kept, the password is not.
    assert!(html.contains("value=\"xem\""));
    assert!(!html.contains("sai-mat-khau"));

    // An unknown user gets the same message (no account enumeration).
    let r = app.post_login(&client, "khong-co-ai", "sai-mat-khau").await;
    assert_eq!(r.status(), 400);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Tên đăng nhập hoặc mật khẩu không đúng.")
    );

    for _ in 0..4 {
        let r = app.post_login(&client, VIEWER, "van-sai-mat-khau").await;
        assert_eq!(r.status(), 400);
    }
    // Five failures: even the right password is refused for a while, with a Vietnamese message.
    let r = app.post_login(&client, VIEWER, DEMO_PASSWORD).await;
    assert_eq!(r.status(), 429);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Đăng nhập sai quá 5 lần. Hãy thử lại sau 15 phút."),
        "{html}"
    );
    // The user name is matched however it is typed.
    let r = app.post_login(&client, "  XEM ", DEMO_PASSWORD).await;
    assert_eq!(r.status(), 429);
    // Other accounts are not affected.
    let r = app.post_login(&app.client(), ADMIN, DEMO_PASSWORD).await;
    assert_eq!(r.status(), 303);
}

async fn session_cookie_and_logout(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let client = app.client();
    let r = app.post_login(&client, ADMIN, DEMO_PASSWORD).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/");
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().to_string())
        .find(|c| c.starts_with("thidua_session="))
        .expect("session cookie");
    let attrs: Vec<String> = cookie.split(';').map(|a| a.trim().to_lowercase()).collect();
    assert!(attrs.contains(&"httponly".to_string()), "{cookie}");
    assert!(attrs.contains(&"samesite=lax".to_string()), "{cookie}");
    assert!(attrs.contains(&"path=/".to_string()), "{cookie}");
    assert!(
        !attrs.contains(&"secure".to_string()),
        "not Secure without TLS: {cookie}"
    );
    let value = cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("thidua_session=")
        .to_string();
    assert!(value.len() >= 40, "long random token: {value}");

    let s = app.login(ADMIN).await;
    let home = s.get("/").await;
    home.expect(200).contains("Quản trị hệ thống");
    // Security headers on pages.
    assert!(home.headers.get("content-security-policy").is_some());
    assert_eq!(home.headers["x-frame-options"], "DENY");
    assert_eq!(home.headers["x-content-type-options"], "nosniff");

    // Logout without the form token is refused and the session lives on.
    let r = s.post_form_raw("/logout", &[]).await;
    r.expect(400);
    s.get("/").await.expect(200);

    let r = s.post_form("/logout", &[]).await;
    r.expect(303);
    assert_eq!(r.location(), Some("/login"));
    let r = s.get("/").await;
    r.expect(303);
    assert!(
        r.location().unwrap_or("").starts_with("/login"),
        "{:?}",
        r.location()
    );
    let r = s.api_get("/api/v1/me").await;
    r.expect(401);

    // The first session is independent and still works; replaying a logged-out cookie does not.
    let first = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = first
        .get(app.url("/api/v1/me"))
        .header("cookie", format!("thidua_session={value}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let me: serde_json::Value = r.json().await.unwrap();
    let csrf = me["csrf_token"].as_str().unwrap().to_string();
    let r = first
        .post(app.url("/logout"))
        .header("cookie", format!("thidua_session={value}"))
        .form(&[("_csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let r = first
        .get(app.url("/api/v1/me"))
        .header("cookie", format!("thidua_session={value}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = first
        .get(app.url("/units"))
        .header("cookie", format!("thidua_session={value}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
}

async fn signed_out_pages_and_api(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let anon = app.client();
    for (path, next) in [
        ("/", "%2F"),
        ("/units", "%2Funits"),
        ("/people", "%2Fpeople"),
        ("/audit", "%2Faudit"),
        ("/data", "%2Fdata"),
        ("/account", "%2Faccount"),
    ] {
        let r = anon.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 303, "{path}");
        assert_eq!(
            r.headers()["location"].to_str().unwrap(),
            format!("/login?next={next}"),
            "{path}"
        );
    }
    for path in [
        "/api/v1/me",
        "/api/v1/units",
        "/api/v1/people",
        "/api/v1/clusters",
        "/api/v1/audit",
        "/api/v1/users",
    ] {
        let r = anon.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 401, "{path}");
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/json")
        );
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["error"], "unauthorized", "{path}");
        assert_eq!(body["message"], "Bạn cần đăng nhập để tiếp tục.", "{path}");
    }
    // Changes without a session are refused too, and save nothing.
    let before = app.units_count().await;
    let r = anon.post(app.url("/api/v1/units")).json(&serde_json::json!({"code": "X-ANON", "name": "Ẩn danh", "kind": "ward", "level": "commune"})).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let r = anon
        .post(app.url("/units"))
        .form(&[
            ("code", "X-ANON"),
            ("name", "Ẩn danh"),
            ("kind", "ward"),
            ("level", "commune"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/login")
    );
    assert_eq!(app.units_count().await, before);
    // A wrong bearer token is no identity at all.
    let r = anon
        .get(app.url("/api/v1/me"))
        .bearer_auth("not-a-token")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

async fn login_form_token_and_next(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    // Without the login page's token (cookie + field) the form is refused.
    let client = app.client();
    let r = client
        .post(app.url("/login"))
        .form(&[
            ("username", ADMIN),
            ("password", DEMO_PASSWORD),
            ("_csrf", "forged"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Trang đăng nhập đã hết hạn. Hãy nhập lại.")
    );
    let fresh = app.client();
    let page = fresh
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = hidden_value(&page, "_csrf").unwrap();
    let other = app.client();
    let r = other
        .post(app.url("/login"))
        .form(&[
            ("username", ADMIN),
            ("password", DEMO_PASSWORD),
            ("_csrf", token.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400, "a token without its cookie is refused");

    // `next` is followed for local paths only.
    for (next, expected) in [
        ("/units", "/units"),
        ("//evil.example/x", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil.example", "/"),
    ] {
        let c = app.client();
        let page = c
            .get(app.url(&format!(
                    "/login?next={}",
                    next.replace('/', "%2F")
                        .replace('\\', "%5C")
                        .replace(':', "%3A")
                )))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let csrf = hidden_value(&page, "_csrf").unwrap();
        let r = c
            .post(app.url("/login"))
            .form(&[
                ("username", ADMIN),
                ("password", DEMO_PASSWORD),
                ("_csrf", csrf.as_str()),
                ("next", next),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{next}");
        assert_eq!(r.headers()["location"], expected, "{next}");
    }
}

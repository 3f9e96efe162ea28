//! In-app notifications marked read (issue 5): over the API and on the page, one or all, each user
//! for themselves (a notification of a unit or a role is shared), unread ones first and counted beside
//! the menu entry; another user's notification is a 404 and nothing changes.

use crate::common::{
    ADMIN, DEMO_PASSWORD, Engine, STANDING, Session, TestApp, UO_BACHDANG, VIEWER, next_n,
};
use crate::on_both_engines;
use serde_json::{Value, json};
use thidua_store::notifications::{self, Addressee};

on_both_engines!(notifications_are_marked_read_by_their_reader);

/// Stores a notification; returns its id (the newest of the table).
async fn notify(app: &TestApp, to: Addressee<'_>, text: &str, link: &str) -> String {
    let mut tx = app.db.begin().await.unwrap();
    notifications::add(&mut tx, &app.org_id, to, text, link)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    app.scalar_text(&format!(
        "SELECT id FROM notifications WHERE text = '{text}'"
    ))
    .await
}

async fn list(s: &Session) -> Vec<Value> {
    let r = s.api_get("/api/v1/notifications").await;
    r.expect(200);
    r.json().as_array().unwrap().clone()
}

fn find<'a>(rows: &'a [Value], id: &str) -> &'a Value {
    rows.iter()
        .find(|n| n["id"] == id)
        .unwrap_or_else(|| panic!("notification {id} not listed"))
}

fn unread(rows: &[Value]) -> usize {
    rows.iter().filter(|n| n["read"] == false).count()
}

/// Unread ones come first.
#[track_caller]
fn unread_first(rows: &[Value]) {
    let flags: Vec<bool> = rows.iter().map(|n| n["read"].as_bool().unwrap()).collect();
    assert!(
        flags.windows(2).all(|w| w[0] <= w[1]),
        "read before unread: {flags:?}"
    );
}

/// The count beside «Thông báo» in the menu of a page.
fn menu_count(html: &str) -> Option<String> {
    let key = "id=\"unread-count\">";
    let start = html.find(key)? + key.len();
    Some(
        html[start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect(),
    )
}

async fn notifications_are_marked_read_by_their_reader(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.login(ADMIN).await;
    let uo = app.login(UO_BACHDANG).await;
    let office = app.login(STANDING).await;
    let viewer = app.login(VIEWER).await;
    // A second member of the standing office shares the notifications of the role.
    let username = format!("thuongtruc{}", next_n());
    admin.api_post("/api/v1/users", &json!({"username": username, "full_name": "Lê Thị Thường Trực", "role": "standing_office", "password": DEMO_PASSWORD})).await.expect(201);
    let office2 = app.login(&username).await;
    let (ward, vhtt) = (app.unit("P-BACHDANG").await, app.unit("P-VHTT").await);
    let tdp1 = app.unit("P-BACHDANG-TDP1").await;
    let uo_id = app.user_id(UO_BACHDANG).await;
    let n1 = notify(
        &app,
        Addressee::Unit(&ward.id),
        "Hồ sơ A bị trả lại: bổ sung minh chứng",
        "/nominations/a1",
    )
    .await;
    let n2 = notify(
        &app,
        Addressee::Unit(&tdp1.id),
        "Hồ sơ B đã được thẩm định",
        "/nominations/b2",
    )
    .await;
    let n3 = notify(
        &app,
        Addressee::User(&uo_id),
        "Nhắc hạn gửi báo cáo",
        "/campaigns",
    )
    .await;
    let role = notify(
        &app,
        Addressee::Role("standing_office"),
        "Hồ sơ C chờ thẩm định",
        "/nominations/c3",
    )
    .await;
    let other = notify(
        &app,
        Addressee::Unit(&vhtt.id),
        "Hồ sơ D của Phòng Văn hóa",
        "/nominations/d4",
    )
    .await;
    let outside = notify(
        &app,
        Addressee::Unit(&ward.id),
        "Liên kết ra ngoài",
        "https://vi-du.example/lua-dao",
    )
    .await;

    // The unit officer sees the ward's, its sub-units' and their own, all unread; not the others.
    let rows = list(&uo).await;
    for id in [&n1, &n2, &n3, &outside] {
        assert_eq!(find(&rows, id)["read"], false);
    }
    assert!(
        !rows.iter().any(|n| n["id"] == *role || n["id"] == *other),
        "someone else's notification listed"
    );
    let count = unread(&rows);
    assert!(count >= 4);
    // A link outside the app is never followed.
    assert_eq!(find(&rows, &outside)["link"], "/notifications");
    // The menu of every page counts them; the list marks them new and puts them first.
    assert_eq!(
        menu_count(&uo.get("/").await.text).as_deref(),
        Some(count.to_string().as_str())
    );
    let page = uo.get("/notifications").await;
    page.expect(200)
        .contains("<tr class=\"unread\">")
        .contains("Mới")
        .contains(&format!("action=\"/notifications/{n1}/open\""))
        .contains("Đánh dấu tất cả là đã đọc")
        .contains("Đánh dấu đã đọc");

    // Marked read through the API: listed after the unread ones, counted one less; again changes nothing.
    let before = app.audit_rows().await;
    let r = uo
        .api_post(&format!("/api/v1/notifications/{n2}/read"), &json!({}))
        .await;
    r.expect(200);
    assert_eq!(
        (r.json()["read"].as_bool(), r.json()["text"].as_str()),
        (Some(true), Some("Hồ sơ B đã được thẩm định"))
    );
    assert!(r.json()["read_at"].is_string());
    assert_eq!(app.audit_rows().await, before + 1);
    uo.api_post(&format!("/api/v1/notifications/{n2}/read"), &json!({}))
        .await
        .expect(200);
    assert_eq!(app.audit_rows().await, before + 1);
    let rows = list(&uo).await;
    unread_first(&rows);
    assert_eq!(unread(&rows), count - 1);
    assert_eq!(
        menu_count(&uo.get("/").await.text).as_deref(),
        Some((count - 1).to_string().as_str())
    );
    // Read rows link straight to their page.
    uo.get("/notifications")
        .await
        .expect(200)
        .contains("<a href=\"/nominations/b2\">Hồ sơ B đã được thẩm định</a>");

    // Another user's notification, or none: 404, nothing changes.
    let before = app.audit_rows().await;
    for id in [&role, &other, &"khong-co".to_string()] {
        uo.api_post(&format!("/api/v1/notifications/{id}/read"), &json!({}))
            .await
            .expect(404);
        uo.post_form(&format!("/notifications/{id}/read"), &[])
            .await
            .expect(404);
    }
    office
        .api_post(&format!("/api/v1/notifications/{n1}/read"), &json!({}))
        .await
        .expect(404);
    viewer
        .api_post(&format!("/api/v1/notifications/{n3}/read"), &json!({}))
        .await
        .expect(404);
    assert_eq!(app.audit_rows().await, before);
    assert_eq!(find(&list(&uo).await, &n1)["read"], false);

    // On the page: opening a notification marks it read and goes to its link; the button marks one.
    let r = uo
        .post_form(&format!("/notifications/{n1}/open"), &[])
        .await;
    r.expect(303);
    assert!(
        r.location().unwrap().starts_with("/nominations/a1?"),
        "{:?}",
        r.location()
    );
    let r = uo
        .post_form(&format!("/notifications/{outside}/open"), &[])
        .await;
    assert!(
        r.location().unwrap().starts_with("/notifications?"),
        "{:?}",
        r.location()
    );
    let r = uo
        .post_form(&format!("/notifications/{n3}/read"), &[])
        .await;
    r.expect(303);
    assert!(r.location().unwrap().starts_with("/notifications?"));
    let rows = list(&uo).await;
    for id in [&n1, &n3, &outside] {
        assert_eq!(find(&rows, id)["read"], true);
    }
    unread_first(&rows);
    assert_eq!(unread(&rows), count - 4);

    // A notification of the role is read by each member for themselves.
    office
        .api_post(&format!("/api/v1/notifications/{role}/read"), &json!({}))
        .await
        .expect(200);
    assert_eq!(find(&list(&office).await, &role)["read"], true);
    assert_eq!(find(&list(&office2).await, &role)["read"], false);

    // «Đánh dấu tất cả là đã đọc»: on the page, then nothing is left for the API; the menu shows no count.
    notify(
        &app,
        Addressee::Unit(&ward.id),
        "Hồ sơ E chờ bổ sung",
        "/nominations/e5",
    )
    .await;
    let before = app.audit_rows().await;
    let r = uo.post_form("/notifications/read-all", &[]).await;
    r.expect(303);
    assert_eq!(app.audit_rows().await, before + 1);
    let rows = list(&uo).await;
    assert_eq!(unread(&rows), 0, "{rows:?}");
    assert_eq!(menu_count(&uo.get("/notifications").await.text), None);
    let r = uo
        .api_post("/api/v1/notifications/read-all", &json!({}))
        .await;
    r.expect(200);
    assert_eq!(r.json()["marked"], 0);
    assert_eq!(app.audit_rows().await, before + 1);
    // The other office member still has theirs; the API marks them all.
    let left = unread(&list(&office2).await);
    assert!(left >= 1);
    let r = office2
        .api_post("/api/v1/notifications/read-all", &json!({}))
        .await;
    r.expect(200);
    assert_eq!(r.json()["marked"].as_u64(), Some(left as u64));
    assert_eq!(unread(&list(&office2).await), 0);

    // The routes are in the OpenAPI document.
    let doc = office.api_get("/api/openapi.json").await.json();
    for (path, method) in [
        ("/api/v1/notifications", "get"),
        ("/api/v1/notifications/{id}/read", "post"),
        ("/api/v1/notifications/read-all", "post"),
    ] {
        assert!(
            doc["paths"][path][method].is_object(),
            "{method} {path} missing from the OpenAPI document"
        );
    }
}

//! Several app nodes behave as one: three real `thidua serve` processes on one PostgreSQL database
//! (a clone of the demo) and one S3 bucket. A session made on one node works on the others and a
//! logout anywhere ends it everywhere; a file uploaded through one node is served by another; a stale
//! edit through one node after an edit through another is refused; failed logins count across nodes;
//! a rule file saved on one node is in force on the others at once, although each node caches the
//! built rules in its memory.

use crate::common::nodes::Nodes;
use crate::common::s3server::S3Server;
use crate::common::{
    ADMIN, DEMO_PASSWORD, Engine, STANDING, Session, TestApp, UO_BACHDANG, VIEWER, browser,
    login_at, post_login_at,
};
use serde_json::json;
use std::sync::Arc;

/// The demo on a fresh PostgreSQL database, a bucket, and `n` nodes on both.
async fn cluster(n: usize) -> (TestApp, S3Server, Nodes) {
    let app = TestApp::spawn(Engine::Postgres).await;
    let s3 = S3Server::start().await;
    let nodes = Nodes::start(n, &app.db_url, &s3).await;
    (app, s3, nodes)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nodes_share_sessions_and_logout() {
    let (_app, _s3, nodes) = cluster(2).await;
    let (a, b) = (nodes.base(0), nodes.base(1));
    let on_a = login_at(a, ADMIN).await;
    let on_b = on_a.at(b);
    let me = on_b.api_get("/api/v1/me").await;
    me.expect(200);
    assert_eq!(me.json()["user"]["username"], ADMIN, "{}", me.text);
    on_b.get("/")
        .await
        .expect(200)
        .contains("Quản trị hệ thống");
    // A form posted to B with the form token A gave works too.
    let r = on_b.post_form("/logout", &[]).await;
    r.expect(303);
    assert_eq!(r.location(), Some("/login"));
    on_a.api_get("/api/v1/me").await.expect(401);
    on_b.api_get("/api/v1/me").await.expect(401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nodes_serve_files_uploaded_through_another() {
    let (app, _s3, nodes) = cluster(2).await;
    let (a, b) = (nodes.base(0), nodes.base(1));
    let office = login_at(a, STANDING).await;
    let uo = login_at(a, UO_BACHDANG).await;
    let bytes = crate::s3::unique_pdf();
    let doc = crate::s3::uploaded_document(&app, &office, &uo, &bytes).await;
    let (status, _, got) = uo
        .at(b)
        .download(&format!("/api/v1/nomination_documents/{doc}"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        got, bytes,
        "node B serves the bytes uploaded through node A"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nodes_refuse_a_stale_edit_made_through_another() {
    let (app, _s3, nodes) = cluster(2).await;
    let person = app.person_in("P-BACHDANG").await;
    let path = format!("/api/v1/people/{}", person.id);
    let edit = |name: &str| {
        json!({"full_name": name, "gender": person.gender, "kind": person.kind,
               "unit_id": person.unit_id, "version": person.version})
    };
    // Two officers read version N on two nodes; A saves first, B's edit of N is then stale.
    let on_a = login_at(nodes.base(0), ADMIN).await;
    let on_b = login_at(nodes.base(1), STANDING).await;
    on_b.api_get(&path).await.expect(200);
    on_a.api_put(&path, &edit("Nguyễn Văn Nút A"))
        .await
        .expect(200);
    let r = on_b.api_put(&path, &edit("Nguyễn Văn Nút B")).await;
    r.expect(409);
    assert!(
        r.json()["message"]
            .as_str()
            .unwrap()
            .contains("người khác thay đổi"),
        "{}",
        r.text
    );
    let saved = app.person(&person.id).await;
    assert_eq!(
        (saved.full_name.as_str(), saved.version),
        ("Nguyễn Văn Nút A", person.version + 1)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nodes_count_failed_logins_together() {
    let (_app, _s3, nodes) = cluster(3).await;
    let client = browser(Arc::new(reqwest::cookie::Jar::default()));
    // Five failures spread over the three nodes: no node saw more than two.
    for i in 0..5 {
        let r = post_login_at(nodes.base(i % 3), &client, VIEWER, "sai-mat-khau").await;
        assert_eq!(r.status(), 400, "failure {i}");
    }
    for i in 0..3 {
        let r = post_login_at(nodes.base(i), &client, VIEWER, DEMO_PASSWORD).await;
        assert_eq!(r.status(), 429, "node {i} lets the throttled user in");
        let html = r.text().await.unwrap();
        assert!(html.contains("Đăng nhập sai quá 5 lần"), "{html}");
    }
}

/// The reward money of the CSTĐCS of a decision dated 15/01/2026 (it follows the base salary file).
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nodes_apply_a_rule_file_saved_on_another() {
    let (app, _s3, nodes) = cluster(3).await;
    let person = app.person_in("P-BACHDANG").await;
    let admin = login_at(nodes.base(0), ADMIN).await;
    let office_b = login_at(nodes.base(1), STANDING).await;
    let office_c = office_b.at(nodes.base(2));
    // B and C build and cache the shipped rules first.
    for office in [&office_b, &office_c] {
        assert!(reward(office, &person.id).await.contains("2.340.000 đ"));
    }
    let f = admin.api_get("/api/v1/rules/files/base_salary.toml").await;
    f.expect(200);
    let text = format!(
        "{}\n[[base_salary]]\nfrom = 2026-01-01\namount = 3000000\nsource = \"Nghị định thử nghiệm\"\n",
        f.json()["text"].as_str().unwrap()
    );
    admin
        .api_put(
            "/api/v1/rules/files/base_salary.toml",
            &json!({"text": text, "version": 0}),
        )
        .await
        .expect(200);
    for office in [&office_b, &office_c] {
        let money = reward(office, &person.id).await;
        assert!(money.contains("3.000.000 đ"), "{}: {money}", office.base);
        office
            .get("/catalog")
            .await
            .expect(200)
            .contains("Nghị định thử nghiệm");
    }
    // A stale save of the same file through another node is refused.
    let stale = admin.at(nodes.base(2));
    stale
        .api_put(
            "/api/v1/rules/files/base_salary.toml",
            &json!({"text": text.replace("3000000", "3100000"), "version": 0}),
        )
        .await
        .expect(409);
}

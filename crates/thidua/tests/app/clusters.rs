//! Clusters and blocks: members, leader and deputy checks, optimistic locking.

use crate::common::{ADMIN, Engine, STANDING, TestApp, hidden_value};
use crate::on_both_engines;
use serde_json::json;

on_both_engines!(
    invalid_clusters_are_refused,
    stale_cluster_version_is_a_conflict
);

async fn invalid_clusters_are_refused(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(STANDING).await;
    let (a, b, c) = (
        app.unit("P-BACHDANG").await.id,
        app.unit("P-BACHKHOA").await.id,
        app.unit("P-BACHMAI").await.id,
    );
    let closed = app.unit("P-DONGNHAN").await.id;
    let count = || app.count("SELECT COUNT(*) FROM clusters");
    let before = (count().await, app.audit_rows().await);
    let cases = [
        (
            json!({"year": 2030, "kind": "cluster", "name": "Cụm Thử", "member_ids": [a, b], "leader_unit_id": c}),
            "leader_unit_id",
            "Cụm trưởng / Khối trưởng phải là một đơn vị thành viên.",
        ),
        (
            json!({"year": 2030, "kind": "cluster", "name": "Cụm Thử", "member_ids": [a, b], "leader_unit_id": a, "deputy_unit_id": a}),
            "deputy_unit_id",
            "Cụm phó phải khác cụm trưởng.",
        ),
        (
            json!({"year": 2030, "kind": "cluster", "name": "Cụm Thử", "member_ids": [a, closed]}),
            "member_ids",
            "đã ngừng hoạt động",
        ),
        (
            json!({"year": 2030, "kind": "cluster", "name": "Cụm Thử", "member_ids": []}),
            "member_ids",
            "Hãy chọn ít nhất một đơn vị thành viên.",
        ),
        (
            json!({"year": 1999, "kind": "cluster", "name": "Cụm Thử", "member_ids": [a]}),
            "year",
            "Năm phải là một số từ 2000 đến 2100",
        ),
        (
            json!({"year": 2030, "kind": "team", "name": "Cụm Thử", "member_ids": [a]}),
            "kind",
            "Hãy chọn Cụm thi đua hoặc Khối thi đua.",
        ),
        (
            json!({"year": 2025, "kind": "cluster", "name": "Cụm thi đua số 1 (các phường)", "member_ids": [a]}),
            "name",
            "Năm này đã có cụm, khối trùng tên.",
        ),
    ];
    for (body, field, needle) in cases {
        let r = s.api_post("/api/v1/clusters", &body).await;
        r.expect(422);
        let err = r.json();
        let f = err["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["field"] == field)
            .unwrap_or_else(|| panic!("no {field} error: {err}"))
            .clone();
        assert!(
            f["message"].as_str().unwrap().contains(needle),
            "{f} lacks {needle:?}"
        );
    }
    // The page form keeps the choices and shows the message.
    let r = s
        .post_form(
            "/clusters",
            &[
                ("year", "2030"),
                ("kind", "cluster"),
                ("name", "Cụm Thử Trang"),
                ("member_ids", &a),
                ("member_ids", &b),
                ("leader_unit_id", &c),
            ],
        )
        .await;
    r.expect(422)
        .contains("Cụm trưởng / Khối trưởng phải là một đơn vị thành viên.")
        .contains("Cụm Thử Trang");
    assert_eq!(
        (count().await, app.audit_rows().await),
        before,
        "nothing saved"
    );

    // A good one, through the page.
    let r = s
        .post_form(
            "/clusters",
            &[
                ("year", "2030"),
                ("kind", "block"),
                ("name", "Khối Thử Trang"),
                ("member_ids", &a),
                ("member_ids", &b),
                ("leader_unit_id", &b),
                ("deputy_unit_id", &a),
            ],
        )
        .await;
    r.expect(303);
    assert!(r.location().unwrap().starts_with("/clusters?year=2030"));
    let list = s.get(r.location().unwrap()).await;
    list.expect(200)
        .contains("Khối Thử Trang")
        .contains("Khối trưởng")
        .contains("Phường Bách Khoa");
    let api = s.api_get("/api/v1/clusters?year=2030").await.json();
    assert_eq!(api.as_array().unwrap().len(), 1);
    assert_eq!(api[0]["leader_unit_id"], b);
    assert_eq!(api[0]["members"].as_array().unwrap().len(), 2);
}

async fn stale_cluster_version_is_a_conflict(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let x = app.login(ADMIN).await;
    let y = app.login(STANDING).await;
    let (a, b) = (
        app.unit("P-BACHDANG").await.id,
        app.unit("P-BACHKHOA").await.id,
    );
    let r = x.api_post("/api/v1/clusters", &json!({"year": 2030, "kind": "cluster", "name": "Cụm Hai Người Sửa", "member_ids": [a, b], "leader_unit_id": a})).await;
    r.expect(201);
    let c = r.json();
    let id = c["id"].as_str().unwrap();
    assert_eq!(c["version"], 1);
    let form = y.get(&format!("/clusters/{id}/edit")).await;
    form.expect(200);
    assert_eq!(hidden_value(&form.text, "version").as_deref(), Some("1"));

    let r = x.api_put(&format!("/api/v1/clusters/{id}"), &json!({"year": 2030, "kind": "cluster", "name": "Cụm Bản Của X", "member_ids": [a, b], "leader_unit_id": b, "version": 1})).await;
    r.expect(200);
    assert_eq!(r.json()["version"], 2);
    let audit_before = app.audit_rows().await;
    let r = y.api_put(&format!("/api/v1/clusters/{id}"), &json!({"year": 2030, "kind": "cluster", "name": "Cụm Bản Của Y", "member_ids": [a], "version": 1})).await;
    r.expect(409);
    assert!(
        r.json()["message"]
            .as_str()
            .unwrap()
            .contains("người khác thay đổi")
    );
    let r = y
        .post_form(
            &format!("/clusters/{id}"),
            &[
                ("year", "2030"),
                ("kind", "cluster"),
                ("name", "Cụm Bản Của Y"),
                ("member_ids", &a),
                ("version", "1"),
            ],
        )
        .await;
    r.expect(409).contains("vừa được người khác sửa");
    assert_eq!(app.audit_rows().await, audit_before);
    let now = x.api_get(&format!("/api/v1/clusters/{id}")).await.json();
    assert_eq!(now["name"], "Cụm Bản Của X");
    assert_eq!(now["leader_unit_id"], b);
    assert_eq!(now["members"].as_array().unwrap().len(), 2);
    // The audit row keeps the members before and after.
    let audit = x
        .api_get(&format!("/api/v1/audit?object_id={id}"))
        .await
        .json();
    let update = audit
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "cluster.update")
        .unwrap()
        .clone();
    assert_eq!(update["before"][0]["name"], "Cụm Hai Người Sửa");
    assert_eq!(update["after"][0]["name"], "Cụm Bản Của X");
}

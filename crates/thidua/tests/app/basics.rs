//! Health, the OpenAPI description and the offline Swagger UI.

use crate::common::{ADMIN, Engine, TestApp};
use crate::on_both_engines;

on_both_engines!(health_and_api_docs);

async fn health_and_api_docs(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let anon = app.client();

    let r = anon.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), "ok");

    let r = anon.get(app.url("/api/openapi.json")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let doc: serde_json::Value = r.json().await.expect("OpenAPI is JSON");
    assert!(
        doc["openapi"].as_str().unwrap_or("").starts_with("3."),
        "{doc}"
    );
    let paths = doc["paths"].as_object().expect("paths");
    for p in [
        "/api/v1/units",
        "/api/v1/units/{id}",
        "/api/v1/units/merge",
        "/api/v1/people",
        "/api/v1/clusters",
        "/api/v1/users",
        "/api/v1/audit",
        "/api/v1/me",
        "/api/v1/import/{what}",
    ] {
        assert!(paths.contains_key(p), "OpenAPI lacks {p}");
    }
    assert!(doc["components"]["securitySchemes"]["token"].is_object());

    // Swagger UI is served from vendored assets (no internet).
    let r = anon.get(app.url("/api/docs/")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("swagger"), "{html}");
    for asset in [
        "/api/docs/swagger-ui.css",
        "/api/docs/swagger-ui-bundle.js",
        "/api/docs/swagger-initializer.js",
    ] {
        let r = anon.get(app.url(asset)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{asset}");
        assert!(!r.bytes().await.unwrap().is_empty(), "{asset}");
    }
    let init = anon
        .get(app.url("/api/docs/swagger-initializer.js"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(init.contains("/api/openapi.json"), "{init}");

    // Unknown API paths answer JSON 404.
    let s = app.login(ADMIN).await;
    let r = s.api_get("/api/v1/nothing-here").await;
    r.expect(404);
    assert_eq!(r.json()["error"], "not_found");
}

/// The API's contract, as other programs rely on it: any change to `/api/openapi.json` (a path, a field,
/// a type) shows as a snapshot diff in review (`cargo insta review` accepts a deliberate one).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_contract_is_unchanged() {
    let app = TestApp::spawn(Engine::Sqlite).await;
    let r = app
        .client()
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let doc: serde_json::Value = r.json().await.expect("OpenAPI is JSON");
    insta::assert_json_snapshot!("openapi", doc);
}

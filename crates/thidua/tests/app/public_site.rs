//! Nothing private reaches the public site. The demo's public pages are crawled without signing in,
//! from the home page through every public link (gallery pages, exemplar pages, the honour roll's pages,
//! verification), and none may contain any of these private fields of the demo data:
//! - people's birth dates (as stored and as `dd/mm/yyyy`) and record ids;
//! - users' e-mail addresses;
//! - the ids of exemplars that are not public (proposed, asked for more, declined, selected without
//!   consent or with consent withdrawn) and a story only an unpublished exemplar tells;
//! - a confidential award (its decision number), even beside a published exemplar of the same person,
//!   whose public honours show the person's other, public award.
//!
//! The photos of exemplars that are not public answer 404. (The demo keeps no phone or ID-card numbers:
//! the schema has no such field.)

use crate::common::{Engine, STANDING, TestApp};
use crate::decisions::{Who, decide_one, people};
use crate::on_both_engines;
use serde_json::json;
use std::collections::{BTreeSet, VecDeque};
use thidua_store::Db;

on_both_engines!(public_pages_leak_no_private_field);

/// Every value of the first column of a query, as text.
async fn texts(app: &TestApp, sql: &str) -> Vec<String> {
    let sql = sqlx::AssertSqlSafe(sql.to_string());
    match &app.db {
        Db::Sqlite(p) => {
            sqlx::query_scalar::<_, String>(sql)
                .fetch_all(&p.read)
                .await
        }
        Db::Postgres(p) => sqlx::query_scalar::<_, String>(sql).fetch_all(p).await,
    }
    .expect("texts")
}

/// The public links of a page (`href="/…"` under the public site's paths, without photos).
fn public_links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|l| l.replace("&amp;", "&"))
        .filter(|l| {
            ["/cong-khai", "/guong-dien-hinh", "/vinh-danh", "/xac-minh"]
                .iter()
                .any(|p| l.starts_with(p))
                && !l.starts_with("/guong-dien-hinh/anh/")
        })
        .collect()
}

/// Plants what must stay private beside what may be shown: a person with a public and a confidential
/// award, published as an exemplar; an exemplar waiting with a story of its own.
async fn plant(app: &TestApp) -> (String, String) {
    let office = app.login(STANDING).await;
    let p = people(app, 1).await.remove(0);
    decide_one(app, Who::Person(&p), "LDTT", false, "90/QĐ-UBND").await;
    decide_one(app, Who::Person(&p), "CSTDCS", true, "91/QĐ-MAT").await;
    let story =
        "Bà đã lặng lẽ giúp đỡ nhiều hộ gia đình khó khăn trong khu phố suốt nhiều năm qua.";
    let body = json!({"unit_id": p.unit_id, "kind": "person", "name": p.full_name, "person_id": p.id, "headline": "Giúp đỡ hộ khó khăn", "story": story});
    let r = office.api_post("/api/v1/exemplars", &body).await;
    r.expect(201);
    let id = r.json()["id"].as_str().unwrap().to_string();
    office
        .api_post(
            &format!("/api/v1/exemplars/{id}/state"),
            &json!({"action": "select", "version": 1}),
        )
        .await
        .expect(200);
    office
        .api_post(
            &format!("/api/v1/exemplars/{id}/consent"),
            &json!({"action": "give", "given_by": p.full_name, "version": 2}),
        )
        .await
        .expect(200);
    office
        .post_form(
            &format!("/exemplars/{id}/publish"),
            &[("publish", "1"), ("version", "3")],
        )
        .await
        .expect(303);
    let hidden = "Câu chuyện chưa công bố: bí mật số 4711 của gương đang chờ xét.";
    let body = json!({"unit_id": p.unit_id, "kind": "model", "name": "Mô hình chờ xét", "headline": "Chưa xét", "story": hidden});
    office
        .api_post("/api/v1/exemplars", &body)
        .await
        .expect(201);
    (id, hidden.to_string())
}

async fn public_pages_leak_no_private_field(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let (published, hidden_story) = plant(&app).await;
    let mut private: Vec<(String, String)> = Vec::new();
    for d in texts(
        &app,
        "SELECT birth_date FROM persons WHERE birth_date IS NOT NULL",
    )
    .await
    {
        private.push(("birth date".into(), thidua_domain::date::iso_to_vn(&d)));
        private.push(("birth date".into(), d));
    }
    for id in texts(&app, "SELECT id FROM persons").await {
        private.push(("person id".into(), id));
    }
    for e in texts(&app, "SELECT email FROM user_contacts").await {
        private.push(("e-mail".into(), e));
    }
    let not_public = "SELECT id FROM exemplars WHERE NOT (status = 'selected' AND consent_on IS NOT NULL \
                      AND consent_withdrawn_on IS NULL AND published_at IS NOT NULL)";
    let hidden_ids = texts(&app, not_public).await;
    assert!(
        hidden_ids.len() >= 5,
        "the demo has exemplars that are not public"
    );
    for id in &hidden_ids {
        private.push(("unpublished exemplar".into(), id.clone()));
    }
    private.push(("unpublished story".into(), hidden_story));
    private.push(("confidential award".into(), "91/QĐ-MAT".into()));
    let (pages, texts_seen) = crawl(&app).await;
    assert!(pages >= 20, "crawled only {pages} pages");
    for (page, text) in &texts_seen {
        for (what, value) in &private {
            assert!(
                !text.contains(value.as_str()),
                "{page} shows a {what}: {value}"
            );
        }
    }
    // The published exemplar shows the person's public award, never the confidential one.
    let page = app
        .public_page(&format!("/guong-dien-hinh/{published}"))
        .await;
    assert!(
        page.contains("90/QĐ-UBND") && !page.contains("91/QĐ-MAT"),
        "{page}"
    );
    // Photos of exemplars that are not public are not served.
    let list = hidden_ids
        .iter()
        .map(|i| format!("'{i}'"))
        .collect::<Vec<_>>()
        .join(",");
    let photos = texts(
        &app,
        &format!("SELECT id FROM exemplar_photos WHERE exemplar_id IN ({list})"),
    )
    .await;
    assert!(
        !photos.is_empty(),
        "the demo has photos of exemplars that are not public"
    );
    for p in photos {
        for path in [
            format!("/guong-dien-hinh/anh/{p}"),
            format!("/guong-dien-hinh/anh/{p}/nho"),
        ] {
            let r = app.client().get(app.url(&path)).send().await.unwrap();
            assert_eq!(r.status(), 404, "{path}");
        }
    }
}

/// Every public page reachable from the public site's entries, without signing in (at most 400).
async fn crawl(app: &TestApp) -> (usize, Vec<(String, String)>) {
    let mut queue: VecDeque<String> = ["/cong-khai", "/guong-dien-hinh", "/vinh-danh", "/xac-minh"]
        .into_iter()
        .map(String::from)
        .collect();
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    let mut out = Vec::new();
    let client = app.client();
    while let Some(path) = queue.pop_front() {
        let r = client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        let text = r.text().await.unwrap();
        for link in public_links(&text) {
            if seen.len() < 400 && seen.insert(link.clone()) {
                queue.push_back(link);
            }
        }
        out.push((path, text));
    }
    (out.len(), out)
}

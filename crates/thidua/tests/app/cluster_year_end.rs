//! The year-end meeting of a cluster through the API: the first of the published ranking proposed,
//! each refusal naming its field and saving nothing, two records at once (one wins, the other is told
//! the meeting is recorded), next year's cluster set up, and the leading unit's draft nomination.

use crate::common::{Engine, STANDING, Session, TestApp, UO_BACHDANG, UO_VHTT, VIEWER};
use crate::on_both_engines;
use crate::scoring::{Fixture, advance, day, opened, refused, save, year};
use serde_json::{Value, json};

on_both_engines!(the_year_end_over_the_api);

/// A published scale over the test's cluster: Bạch Đằng 18, Bách Khoa 15, Bạch Mai 10 on criterion 1.
/// Returns it and the cluster's id.
async fn published(app: &TestApp, office: &Session, officer: &Session) -> (Fixture, String) {
    let f = opened(app, office).await;
    let one = |n: i64| json!([{"criterion_id": f.c("1"), "amount": n}]);
    save(officer, &f, &f.w.bachdang, one(18)).await.expect(200);
    save(office, &f, &f.w.bachkhoa, one(15)).await.expect(200);
    save(office, &f, &f.w.bachmai, one(10)).await.expect(200);
    advance(office, &f.id, "review").await;
    advance(office, &f.id, "published").await;
    let scale = office
        .api_get(&format!("/api/v1/scoring/scales/{}", f.id))
        .await
        .json();
    let cluster = scale["clusters"][0]["cluster_id"]
        .as_str()
        .unwrap()
        .to_string();
    (f, cluster)
}

/// What is kept of a cluster's year-end: audit rows, records, clusters, nominations.
async fn kept(app: &TestApp) -> [i64; 4] {
    [
        app.audit_rows().await,
        app.count("SELECT COUNT(*) FROM cluster_year_ends").await,
        app.count("SELECT COUNT(*) FROM clusters").await,
        app.count("SELECT COUNT(*) FROM nominations").await,
    ]
}

async fn the_year_end_over_the_api(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let officer = app.login(UO_BACHDANG).await;
    let outsider = app.login(UO_VHTT).await;
    let viewer = app.login(VIEWER).await;
    let (f, cluster) = published(&app, &office, &officer).await;
    let (bd, bk, bm) = (&f.w.bachdang, &f.w.bachkhoa, &f.w.bachmai);
    let url = format!("/api/v1/clusters/{cluster}/year-end");

    // The first of the published ranking is proposed; the leader's officer may record.
    let y = officer.api_get(&url).await;
    y.expect(200);
    let y = y.json();
    assert_eq!(y["proposal"]["unit_id"], bd.as_str());
    assert_eq!(y["proposal"]["unit_name"], "Phường Bạch Đằng");
    assert_eq!(y["proposal"]["total"], 18.0);
    assert_eq!(y["proposal"]["scale_id"], f.id.as_str());
    assert_eq!(y["recorded"], Value::Null);
    assert_eq!(
        (y["may_record"].clone(), y["may_propose"].clone()),
        (json!(true), json!(false))
    );
    assert_eq!(y["cluster"]["members"].as_array().unwrap().len(), 3);
    let seen = viewer.api_get(&url).await.json();
    assert_eq!(seen["may_record"], false, "a viewer reads, never records");

    // Each refusal names its field and saves nothing.
    let good = json!({"held_on": day(0), "present": 3, "leading_unit_id": bd, "leading_votes": 3,
                      "next_leader_unit_id": bk, "next_deputy_unit_id": bm, "scale_id": f.id,
                      "note": "Thống nhất đề nghị tặng Cờ thi đua"});
    let with = |key: &str, value: Value| {
        let mut b = good.clone();
        b[key] = value;
        b
    };
    let before = kept(&app).await;
    outsider.api_post(&url, &good).await.expect(403);
    viewer.api_post(&url, &good).await.expect(403);
    let cases = [
        (
            with("leading_votes", json!(1)),
            "leading_votes",
            "quá nửa số đơn vị có mặt",
        ),
        (with("present", json!(4)), "present", "Phải từ 1 đến 3"),
        (
            with("held_on", json!("31/02/2026")),
            "held_on",
            "ngày có thật",
        ),
        (
            with("leading_unit_id", json!(app.unit("P-VHTT").await.id)),
            "leading_unit_id",
            "thành viên",
        ),
        (
            with("next_deputy_unit_id", json!(bk)),
            "next_deputy_unit_id",
            "khác với Trưởng",
        ),
        (
            with("next_leader_unit_id", json!(bd)),
            "repeat_reason",
            "hãy ghi lý do",
        ),
    ];
    for (body, field, needle) in cases {
        let r = officer.api_post(&url, &body).await;
        refused(&r, 422, field, needle);
    }
    let r = officer
        .api_post(&format!("{url}/propose"), &json!({"code": "CO_TINH"}))
        .await;
    refused(&r, 422, "recorded", "Hãy ghi kết quả tổng kết năm");
    assert_eq!(kept(&app).await, before, "refusals save nothing");

    // Two records at once: one wins, the other is told the meeting is recorded.
    let iso = with(
        "held_on",
        json!(thidua_domain::date::iso(thidua_app::today())),
    );
    let (a, b) = tokio::join!(office.api_post(&url, &good), officer.api_post(&url, &iso));
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 422], "{} / {}", a.text, b.text);
    let (won, lost) = if a.status.as_u16() == 201 {
        (a, b)
    } else {
        (b, a)
    };
    refused(&lost, 422, "cluster_id", "đã ghi kết quả tổng kết năm");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM cluster_year_ends WHERE cluster_id = '{cluster}'"
        ))
        .await,
        1
    );
    let y = won.json();
    let rec = &y["recorded"];
    assert_eq!(
        rec["held_on"],
        thidua_domain::date::iso(thidua_app::today())
    );
    assert_eq!(rec["leading_unit_name"], "Phường Bạch Đằng");
    assert_eq!(
        (rec["leading_votes"].clone(), rec["present"].clone()),
        (json!(3), json!(3))
    );
    assert_eq!(rec["next_leader_name"], "Phường Bách Khoa");
    assert_eq!(rec["next_deputy_name"], "Phường Bạch Mai");
    assert_eq!(rec["repeat_reason"], Value::Null);
    assert_eq!(rec["scale_id"], f.id.as_str());
    // Recorded once: a later record is refused the same way.
    let before = kept(&app).await;
    refused(
        &office.api_post(&url, &good).await,
        422,
        "cluster_id",
        "không sửa được",
    );
    assert_eq!(kept(&app).await, before);

    // Next year's cluster: the same members, led by Bách Khoa with Bạch Mai as deputy.
    let next = office
        .api_get(&format!(
            "/api/v1/clusters/{}",
            rec["next_cluster_id"].as_str().unwrap()
        ))
        .await
        .json();
    assert_eq!(next["year"], i64::from(year()) + 1);
    assert_eq!(next["name"], y["cluster"]["name"]);
    assert_eq!(next["leader_unit_id"], bk.as_str());
    assert_eq!(next["deputy_unit_id"], bm.as_str());
    assert_eq!(next["members"].as_array().unwrap().len(), 3);
    let later = officer.api_get(&url).await.json();
    assert_eq!(
        (later["may_record"].clone(), later["may_propose"].clone()),
        (json!(false), json!(true))
    );

    // The leading unit proposed for the Cờ thi đua: a draft of the leader with the minutes attached.
    let propose = format!("{url}/propose");
    let before = kept(&app).await;
    outsider
        .api_post(&propose, &json!({"code": "CO_TINH"}))
        .await
        .expect(403);
    assert_eq!(kept(&app).await, before);
    let r = officer
        .api_post(&propose, &json!({"code": "CO_TINH"}))
        .await;
    r.expect(201);
    let n = r.json();
    assert_eq!(n["status"], "draft");
    assert_eq!(n["unit_id"], bd.as_str());
    assert_eq!(n["nominating_unit_id"], bd.as_str());
    assert_eq!(n["code"], "CO_TINH");
    let achievement = n["achievement"].as_str().unwrap();
    assert!(
        achievement.contains("Xếp thứ nhất")
            && achievement.contains("18 điểm")
            && achievement.contains("3/3"),
        "{achievement}"
    );
    let full = officer
        .api_get(&format!(
            "/api/v1/nominations/{}",
            n["id"].as_str().unwrap()
        ))
        .await
        .json();
    let codes: Vec<&str> = full["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["doc_code"].as_str())
        .collect();
    assert_eq!(codes, ["bien_ban"], "the minutes attached");
}

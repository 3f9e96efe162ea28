//! Pacts made measurable: a cluster's pact commits its members to a campaign target, the members
//! report progress, and the mid-year review weighs each member against the clause as reported by
//! the review date — recorded by the cluster's leader, kept as it stood, amended only at the version
//! read. Bad input is named and saves nothing; two first records of one day at once are a conflict.

use crate::campaigns_api::{day, field_error, iso_day, launch, make_plan};
use crate::common::{Engine, STANDING, Session, TestApp, UO_BACHDANG, UO_VHTT};
use crate::on_both_engines;
use serde_json::{Value, json};

on_both_engines!(pact_review_end_to_end, pact_review_refusals_and_races);

struct Setup {
    id: String,
    cluster: String,
    bd: String,
    vhtt: String,
}

/// A launched plan with one per-unit target (≥ 95 %), a cluster of Bạch Đằng (leader) and VHTT whose
/// pact, signed 30 days ago, commits both to 95 % on it and to one free clause.
async fn setup(app: &TestApp, office: &Session) -> Setup {
    let (bd, vhtt) = (app.unit("P-BACHDANG").await.id, app.unit("P-VHTT").await.id);
    let n = crate::common::next_n();
    let plan = make_plan(
        office,
        &format!("Kế hoạch giao ước {n}"),
        &[bd.clone(), vhtt.clone()],
    )
    .await;
    let plan = launch(office, &plan).await;
    let id = plan["id"].as_str().unwrap().to_string();
    let tid = plan["targets"][0]["id"].as_str().unwrap().to_string();
    let year = crate::campaigns_api::today().year();
    let body = json!({"year": year, "kind": "cluster", "name": format!("Cụm sơ kết {n}"), "member_ids": [bd, vhtt], "leader_unit_id": bd});
    let r = office.api_post("/api/v1/clusters", &body).await;
    r.expect(201);
    let cluster = r.json()["id"].as_str().unwrap().to_string();
    let leader = app.login(UO_BACHDANG).await;
    let r = leader.api_post(&format!("/api/v1/campaigns/{id}/pacts"), &json!({"cluster_id": cluster, "signed_on": day(-30), "commitments": {tid.clone(): 95}, "targets": "Tổ chức sinh hoạt chuyên đề Cụm | ≥ | 2 | lần"})).await;
    r.expect(201);
    let targets = &r.json()["targets"];
    assert_eq!(targets[0]["target_id"], tid.as_str(), "{targets}");
    assert_eq!(targets[1]["target_id"], Value::Null);
    // Bạch Đằng reports 90 % twenty days ago and 97 % five days ago; VHTT 60 % five days ago.
    for (unit, value, on) in [(&bd, 90, -20), (&bd, 97, -5), (&vhtt, 60, -5)] {
        let body = json!({"unit_id": unit, "value": value, "reported_on": day(on)});
        office
            .api_post(
                &format!("/api/v1/campaigns/{id}/targets/{tid}/progress"),
                &body,
            )
            .await
            .expect(201);
    }
    Setup {
        id,
        cluster,
        bd,
        vhtt,
    }
}

fn member<'a>(review: &'a Value, unit: &str) -> &'a Value {
    review["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["unit_id"] == unit)
        .unwrap_or_else(|| panic!("no member {unit} in {review}"))
}

/// `COUNT(*)` of `table` (with `column` naming the pact or its review) for this pact only: the demo
/// data holds reviews of its own.
fn of_pact(s: &Setup, sql: &str) -> String {
    let pact = format!(
        "(SELECT id FROM pacts WHERE campaign_id = '{}' AND cluster_id = '{}')",
        s.id, s.cluster
    );
    sql.replace("{pact}", &pact)
}

fn reviews_path(s: &Setup) -> String {
    format!("/api/v1/campaigns/{}/pacts/{}/reviews", s.id, s.cluster)
}

fn body(s: &Setup, on: i64, bd: &str, vhtt: &str) -> Value {
    json!({"reviewed_on": day(on), "summary": "Các thành viên thực hiện giao ước nghiêm túc.", "members": [
        {"unit_id": s.bd, "assessment": bd, "comment": "Vượt mức giao ước"},
        {"unit_id": s.vhtt, "assessment": vhtt, "comment": "Cần đẩy nhanh tiến độ"}]})
}

async fn pact_review_end_to_end(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let s = setup(&app, &office).await;
    let leader = app.login(UO_BACHDANG).await;

    // The live measure on two dates: ten days ago only Bạch Đằng's 90 % counts; today its 97 %.
    let r = office
        .api_get(&format!("{}?on={}", reviews_path(&s), iso_day(-10)))
        .await;
    r.expect(200);
    let early = r.json();
    assert_eq!(early["recorded"], false);
    assert_eq!(early["clauses"].as_array().unwrap().len(), 1);
    assert_eq!(early["clauses"][0]["comparator_sign"], "≥");
    assert_eq!(early["other_targets"][0], "Tổ chức sinh hoạt chuyên đề Cụm");
    let bd = member(&early, &s.bd);
    assert_eq!(
        (
            bd["values"][0]["value"].as_f64(),
            bd["values"][0]["standing"].as_str()
        ),
        (Some(90.0), Some("not_met"))
    );
    let vhtt = member(&early, &s.vhtt);
    assert_eq!(vhtt["values"][0]["standing"], "not_reported");
    assert_eq!(vhtt["suggested"], "not_met");
    let now = office.api_get(&reviews_path(&s)).await.json();
    assert_eq!(member(&now, &s.bd)["values"][0]["standing"], "met");
    assert_eq!(member(&now, &s.bd)["suggested"], "met");
    assert_eq!(
        member(&now, &s.vhtt)["values"][0]["value"].as_f64(),
        Some(60.0)
    );

    // The leader records the review of ten days ago; the values are kept as they stood.
    let r = leader
        .api_post(&reviews_path(&s), &body(&s, -10, "partly", "not_met"))
        .await;
    r.expect(201);
    let rec = r.json();
    assert_eq!(
        (rec["recorded"].as_bool(), rec["version"].as_i64()),
        (Some(true), Some(1))
    );
    assert_eq!(member(&rec, &s.bd)["assessment"], "partly");
    assert_eq!(member(&rec, &s.vhtt)["comment"], "Cần đẩy nhanh tiến độ");
    // A late report dated before the review does not rewrite it.
    let tid = office
        .api_get(&format!("/api/v1/campaigns/{}", s.id))
        .await
        .json()["targets"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    office
        .api_post(
            &format!("/api/v1/campaigns/{}/targets/{tid}/progress", s.id),
            &json!({"unit_id": s.vhtt, "value": 99, "reported_on": day(-12)}),
        )
        .await
        .expect(201);
    let kept = office
        .api_get(&format!("{}?on={}", reviews_path(&s), day(-10)))
        .await
        .json();
    assert_eq!(
        member(&kept, &s.vhtt)["values"][0]["standing"],
        "not_reported"
    );
    assert_eq!(kept["reviews"][0], iso_day(-10));

    // Amending: at the version read, then the old version is a conflict.
    let mut amend = body(&s, -10, "partly", "partly");
    amend["version"] = json!(1);
    let r = office.api_post(&reviews_path(&s), &amend).await;
    r.expect(200);
    assert_eq!(r.json()["version"], 2);
    assert_eq!(member(&r.json(), &s.vhtt)["assessment"], "partly");
    office.api_post(&reviews_path(&s), &amend).await.expect(409);
    let audit = app.count(&of_pact(&s, "SELECT COUNT(*) FROM audit_log WHERE action IN ('pact.review', 'pact.review_update') AND object_id = {pact}")).await;
    assert_eq!(audit, 2);

    // The page: the recorded review with its assessments; a new one recorded through the form.
    let page_path = format!("/campaigns/{}/pacts/{}/review", s.id, s.cluster);
    let page = office.get(&format!("{page_path}?on={}", day(-10))).await;
    page.expect(200);
    for text in [
        "Sơ kết giao ước thi đua",
        "Đã ghi kết quả sơ kết ngày",
        "Thực hiện được một phần",
        "Chưa báo cáo",
    ] {
        assert!(page.text.contains(text), "page lacks {text}");
    }
    let board = office
        .get(&format!("/campaigns/{}/registrations", s.id))
        .await;
    assert!(board.text.contains(&page_path));
    let (a_bd, a_vhtt) = (
        format!("assessment_{}", s.bd),
        format!("assessment_{}", s.vhtt),
    );
    let r = leader
        .post_form(
            &page_path,
            &[("reviewed_on", &day(0)), (&a_bd, "met"), (&a_vhtt, "")],
        )
        .await;
    r.expect(422);
    assert!(r.text.contains("Hãy chọn mức thực hiện giao ước của"));
    let r = leader
        .post_form(
            &page_path,
            &[
                ("reviewed_on", &day(0)),
                (&a_bd, "met"),
                (&a_vhtt, "not_met"),
                ("summary", "Sơ kết 9 tháng"),
            ],
        )
        .await;
    r.expect(303);
    let today = office.get(&format!("{page_path}?on={}", day(0))).await;
    assert!(today.text.contains("Sơ kết 9 tháng"));
    assert!(today.text.contains("Chưa thực hiện được"));
    // Another unit's officer reads it but has no form.
    let other = app
        .login(UO_VHTT)
        .await
        .get(&format!("{page_path}?on={}", day(0)))
        .await;
    other.expect(200);
    assert!(!other.text.contains("<select name=\"assessment_"));
}

async fn pact_review_refusals_and_races(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let s = setup(&app, &office).await;
    let leader = app.login(UO_BACHDANG).await;
    let path = reviews_path(&s);

    // Not the cluster's leader: refused.
    app.login(UO_VHTT)
        .await
        .api_post(&path, &body(&s, -1, "met", "met"))
        .await
        .expect(403);
    // A member left unassessed, named; a date in the future; a date before the signing; a stranger.
    let mut missing = body(&s, -1, "met", "met");
    missing["members"].as_array_mut().unwrap().pop();
    field_error(
        &leader.api_post(&path, &missing).await,
        &format!("assessment_{}", s.vhtt),
        "Phòng Văn hóa",
    );
    field_error(
        &leader.api_post(&path, &body(&s, 2, "met", "met")).await,
        "reviewed_on",
        "sau hôm nay",
    );
    field_error(
        &leader.api_post(&path, &body(&s, -40, "met", "met")).await,
        "reviewed_on",
        "trước ngày ký",
    );
    let mut stranger = body(&s, -1, "met", "met");
    stranger["members"]
        .as_array_mut()
        .unwrap()
        .push(json!({"unit_id": app.unit("P-QLDT").await.id, "assessment": "met"}));
    field_error(
        &leader.api_post(&path, &stranger).await,
        "members",
        "không phải thành viên",
    );
    field_error(
        &leader
            .api_post(&path, &body(&s, -1, "excellent", "met"))
            .await,
        &format!("assessment_{}", s.bd),
        "Hãy chọn",
    );
    office
        .api_get(&format!("{path}?on=31/02/2026"))
        .await
        .expect(400);
    let (reviews, members) = (
        of_pact(
            &s,
            "SELECT COUNT(*) FROM pact_reviews WHERE pact_id = {pact}",
        ),
        of_pact(
            &s,
            "SELECT COUNT(*) FROM pact_review_members WHERE review_id IN (SELECT id FROM pact_reviews WHERE pact_id = {pact})",
        ),
    );
    assert_eq!(app.count(&reviews).await, 0);
    let audit = of_pact(
        &s,
        "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'pact.review%' AND object_id = {pact}",
    );
    assert_eq!(app.count(&audit).await, 0);
    // No pact for a cluster: not found.
    let other = format!("/api/v1/campaigns/{}/pacts/{}/reviews", s.id, "khong-co");
    office.api_get(&other).await.expect(404);

    // Two first records of the same day at once: one is recorded, the other told to reload.
    let (first, second) = (body(&s, -1, "met", "partly"), body(&s, -1, "partly", "met"));
    let (x, y) = tokio::join!(
        leader.api_post(&path, &first),
        office.api_post(&path, &second)
    );
    let mut codes = [x.status.as_u16(), y.status.as_u16()];
    codes.sort();
    assert_eq!(codes, [201, 409], "{} / {}", x.text, y.text);
    assert_eq!(app.count(&reviews).await, 1);
    assert_eq!(app.count(&members).await, 2);
    // Two amendments at the same version: one wins.
    let mut amend = body(&s, -1, "met", "met");
    amend["version"] = json!(1);
    let (x, y) = tokio::join!(
        leader.api_post(&path, &amend),
        office.api_post(&path, &amend)
    );
    let mut codes = [x.status.as_u16(), y.status.as_u16()];
    codes.sort();
    assert_eq!(codes, [200, 409], "{} / {}", x.text, y.text);
}

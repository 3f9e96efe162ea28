//! Cross-scoring inside a cluster: assigned by the office by rotation, done by the assessors' officers
//! while the scale is under review — never for their own unit nor one they were not given — and the
//! average taken as the review, each change kept with its reason.

use crate::common::{Engine, STANDING, Session, TestApp, UO_BACHDANG, UO_VHTT};
use crate::on_both_engines;
use crate::scoring::{Fixture, advance, field, line, opened, refused, save};
use serde_json::{Value, json};

on_both_engines!(cross_scoring_inside_a_cluster, cross_scoring_over_the_api);

/// The first change of a sheet made by the review.
fn review_change(sheet: &Value) -> Value {
    sheet["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["stage"] == "review")
        .unwrap()
        .clone()
}

/// Posts the cross-scoring form of `assessor` for `assessed`.
async fn cross(
    s: &Session,
    f: &Fixture,
    assessor: &str,
    assessed: &str,
    fields: &[(String, &str)],
) -> crate::common::Reply {
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    s.post_form(
        &format!("/scoring/{}/cross/{assessor}/{assessed}", f.id),
        &refs,
    )
    .await
}

async fn cross_scoring_inside_a_cluster(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let officer = app.login(UO_BACHDANG).await;
    let outsider = app.login(UO_VHTT).await;
    let f = opened(&app, &office).await;
    let (bd, bk, bm) = (
        f.w.bachdang.clone(),
        f.w.bachkhoa.clone(),
        f.w.bachmai.clone(),
    );
    save(
        &officer,
        &f,
        &bd,
        json!([{"criterion_id": f.c("1"), "amount": 10}]),
    )
    .await
    .expect(200);

    // A cluster of three: each member scores at most the two others.
    let assign = format!("/scoring/{}/cross/assign", f.id);
    office
        .post_form(&assign, &[("per_unit", "3")])
        .await
        .expect(422)
        .contains("Phải từ 1 đến 2");
    office
        .post_form(&assign, &[("per_unit", "1")])
        .await
        .expect(303);
    officer
        .post_form(&assign, &[("per_unit", "1")])
        .await
        .expect(403);
    let score = |v: &'static str| {
        vec![
            (field(&f, "amount", "1"), v),
            (field(&f, "note", "1"), "Đối chiếu báo cáo"),
        ]
    };
    // Members in order (Bạch Đằng, Bách Khoa, Bạch Mai): each scores the next, the last the first.
    cross(&officer, &f, &bd, &bk, &score("16"))
        .await
        .expect(422)
        .contains("bước thẩm định");
    advance(&office, &f.id, "review").await;

    let audit = app.audit_rows().await;
    cross(&officer, &f, &bd, &bd, &score("20"))
        .await
        .expect(422)
        .contains("chính mình");
    cross(&officer, &f, &bd, &bm, &score("20"))
        .await
        .expect(422)
        .contains("không được phân công");
    cross(&outsider, &f, &bd, &bk, &score("20"))
        .await
        .expect(404);
    cross(&officer, &f, &bd, &bk, &score("25"))
        .await
        .expect(422)
        .contains("vượt điểm chuẩn");
    assert_eq!(app.audit_rows().await, audit, "refusals save nothing");

    cross(&officer, &f, &bd, &bk, &score("16"))
        .await
        .expect(303);
    cross(&office, &f, &bm, &bd, &score("12")).await.expect(303);
    // The leader's officer sees who still has to score whom in its cluster.
    let board = officer.get(&format!("/scoring/{}/cross", f.id)).await;
    board.expect(200).contains("1/8").contains("0/8");

    office
        .post_form(&format!("/scoring/{}/cross/apply", f.id), &[])
        .await
        .expect(303);
    let bk_sheet = office.api_get(&f.api(&bk)).await.json();
    assert_eq!(line(&bk_sheet, &f, "1")["points"], 16.0);
    assert_eq!(line(&bk_sheet, &f, "1")["stage"], "review");
    let bd_sheet = office.api_get(&f.api(&bd)).await.json();
    assert_eq!(line(&bd_sheet, &f, "1")["points"], 12.0);
    assert_eq!(
        line(&bd_sheet, &f, "1")["self_points"],
        10.0,
        "the unit's own score stays"
    );
    let change = review_change(&bd_sheet);
    assert_eq!(change["before_points"], 10.0);
    assert_eq!(change["reason"], "Trung bình điểm chấm chéo của 1 đơn vị.");
    // The unit's sheet shows the cross average beside its points.
    officer
        .get(&f.page(&bd))
        .await
        .expect(200)
        .contains("Chấm chéo (trung bình)");
}

// ---- the same through the API ----

/// A pair's cross scores over the API.
fn pair_api(f: &Fixture, assessor: &str, assessed: &str) -> String {
    format!(
        "/api/v1/scoring/scales/{}/cross/{assessor}/{assessed}",
        f.id
    )
}

/// `assessor → assessed: done/total` of each pair of a board, sorted.
fn progress(board: &Value, f: &Fixture) -> Vec<String> {
    let short = |id: &Value| {
        let id = id.as_str().unwrap();
        if id == f.w.bachdang {
            "BD"
        } else if id == f.w.bachkhoa {
            "BK"
        } else {
            "BM"
        }
    };
    let mut out: Vec<String> = board["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            format!(
                "{}→{} {}/{}",
                short(&p["assessor_unit_id"]),
                short(&p["assessed_unit_id"]),
                p["done"],
                p["total"]
            )
        })
        .collect();
    out.sort();
    out
}

async fn cross_scoring_over_the_api(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let officer = app.login(UO_BACHDANG).await;
    let outsider = app.login(UO_VHTT).await;
    let f = opened(&app, &office).await;
    let (bd, bk, bm) = (&f.w.bachdang, &f.w.bachkhoa, &f.w.bachmai);
    save(
        &officer,
        &f,
        bd,
        json!([{"criterion_id": f.c("1"), "amount": 10}]),
    )
    .await
    .expect(200);
    let board_url = format!("/api/v1/scoring/scales/{}/cross", f.id);
    let assign = format!("{board_url}/assign");
    let apply = format!("{board_url}/apply");
    let saved = || async {
        (
            app.audit_rows().await,
            app.count("SELECT COUNT(*) FROM scoring_cross_entries")
                .await,
            app.count("SELECT COUNT(*) FROM scoring_assignments").await,
        )
    };

    // Assigning: the office only, each member scoring at most the two others of the cluster of three.
    let before = saved().await;
    let r = office.api_post(&assign, &json!({"per_unit": 3})).await;
    refused(&r, 422, "per_unit", "Phải từ 1 đến 2");
    officer
        .api_post(&assign, &json!({"per_unit": 1}))
        .await
        .expect(403);
    assert_eq!(saved().await, before, "refusals save nothing");
    let r = office.api_post(&assign, &json!({"per_unit": 1})).await;
    r.expect(200);
    // Members in order (Bạch Đằng, Bách Khoa, Bạch Mai): each scores the next, the last the first.
    assert_eq!(
        progress(&r.json(), &f),
        ["BD→BK 0/8", "BK→BM 0/8", "BM→BD 0/8"]
    );
    assert_eq!(r.json()["pending"], 3);
    assert_eq!(r.json()["may_manage"], true);

    let score = |amount: Value| json!({"entries": [{"criterion_id": f.c("1"), "amount": amount, "note": "Đối chiếu báo cáo"}]});
    let r = officer
        .api_post(&pair_api(&f, bd, bk), &score(json!(16)))
        .await;
    refused(&r, 422, "status", "bước thẩm định");
    advance(&office, &f.id, "review").await;

    // Each refusal names its field and saves nothing.
    let before = saved().await;
    let r = officer
        .api_post(&pair_api(&f, bd, bd), &score(json!(20)))
        .await;
    refused(&r, 422, "assessed_unit_id", "chính mình");
    let r = officer
        .api_post(&pair_api(&f, bd, bm), &score(json!(20)))
        .await;
    refused(&r, 422, "assessed_unit_id", "không được phân công");
    outsider
        .api_post(&pair_api(&f, bd, bk), &score(json!(20)))
        .await
        .expect(404);
    outsider.api_get(&pair_api(&f, bd, bk)).await.expect(404);
    office.api_get(&pair_api(&f, bd, bm)).await.expect(404);
    let r = officer
        .api_post(&pair_api(&f, bd, bk), &score(json!(25)))
        .await;
    refused(
        &r,
        422,
        "entries[0].amount",
        "Tiêu chí 1 (Bảo đảm an ninh, trật tự trên địa bàn): điểm 25 vượt điểm chuẩn 20.",
    );
    // A good line with a bad one: all or nothing.
    let two = json!({"entries": [{"criterion_id": f.c("3"), "amount": 1},
                                 {"criterion_id": f.c("8"), "amount": "1,5"}]});
    let r = officer.api_post(&pair_api(&f, bd, bk), &two).await;
    refused(
        &r,
        422,
        "entries[1].amount",
        "Tiêu chí 8 (Chậm gửi báo cáo (mỗi lần)): số lần phải là số nguyên.",
    );
    officer.api_post(&apply, &json!({})).await.expect(403);
    assert_eq!(saved().await, before, "refusals save nothing");

    // Bạch Đằng's officer scores Bách Khoa: 16 + 10 (yes) + 2,5 (one bonus) = 28,5.
    let three = json!({"entries": [
        {"criterion_id": f.c("1"), "amount": 16, "note": "Đối chiếu báo cáo"},
        {"criterion_id": f.c("3"), "amount": 1},
        {"criterion_id": f.c("7"), "amount": 1}]});
    let r = officer.api_post(&pair_api(&f, bd, bk), &three).await;
    r.expect(200);
    let pair = r.json();
    assert_eq!(
        (pair["done"].clone(), pair["total"].clone()),
        (json!(3), json!(8))
    );
    assert_eq!(pair["may_score"], true);
    assert_eq!(line(&pair, &f, "1")["points"], 16.0);
    assert_eq!(line(&pair, &f, "3")["points"], 10.0);
    assert_eq!(line(&pair, &f, "7")["points"], 2.5);
    assert_eq!(line(&pair, &f, "2")["points"], Value::Null);
    assert_eq!(line(&pair, &f, "1")["comment"], "Đối chiếu báo cáo");
    let v1 = line(&pair, &f, "1")["version"].clone();
    // A change at the version read is saved; a second one at the same version is a conflict.
    let at = |amount: i64| json!({"entries": [{"criterion_id": f.c("1"), "amount": amount, "note": "Đối chiếu báo cáo", "version": v1}]});
    let r = officer.api_post(&pair_api(&f, bd, bk), &at(17)).await;
    r.expect(200);
    assert_eq!(line(&r.json(), &f, "1")["points"], 17.0);
    let before = saved().await;
    officer
        .api_post(&pair_api(&f, bd, bk), &at(18))
        .await
        .expect(409);
    assert_eq!(saved().await, before, "a conflict saves nothing");

    // The office scores for the other assessors: Bạch Mai gives Bạch Đằng 12; Bách Khoa gives Bạch Mai
    // 14 and a rate of 90 against the scale's target of 100 (20 × 0,9 = 18).
    let r = office
        .api_post(&pair_api(&f, bm, bd), &score(json!(12)))
        .await;
    r.expect(200);
    let rate = json!({"entries": [{"criterion_id": f.c("1"), "amount": 14},
                                  {"criterion_id": f.c("2"), "amount": 90}]});
    let r = office.api_post(&pair_api(&f, bk, bm), &rate).await;
    r.expect(200);
    assert_eq!(line(&r.json(), &f, "2")["points"], 18.0);

    // Everyone sees how far each got: the office every pair, the leader's officer those of its
    // cluster, a unit outside it none.
    let board = office.api_get(&board_url).await.json();
    assert_eq!(
        progress(&board, &f),
        ["BD→BK 3/8", "BK→BM 2/8", "BM→BD 1/8"]
    );
    assert_eq!(board["pending"], 3);
    let led = officer.api_get(&board_url).await.json();
    assert_eq!(progress(&led, &f), progress(&board, &f));
    assert_eq!(led["may_manage"], false);
    let none = outsider.api_get(&board_url).await.json();
    assert_eq!(none["pairs"], json!([]));

    // The average taken as the review: 3 + 1 + 2 scores change, each with its reason.
    let r = office.api_post(&apply, &json!({})).await;
    r.expect(200);
    assert_eq!(r.json()["changed"], 6);
    let sheet = |unit: &str| {
        let url = f.api(unit);
        let office = &office;
        async move { office.api_get(&url).await.json() }
    };
    let bk_sheet = sheet(bk).await;
    assert_eq!(bk_sheet["total"], 29.5, "17 + 10 + 2,5");
    assert_eq!(line(&bk_sheet, &f, "7")["stage"], "review");
    let bd_sheet = sheet(bd).await;
    assert_eq!(bd_sheet["total"], 12.0);
    assert_eq!(bd_sheet["self_total"], 10.0, "the unit's own score stays");
    let change = review_change(&bd_sheet);
    assert_eq!(
        (
            change["before_points"].clone(),
            change["after_points"].clone()
        ),
        (json!(10.0), json!(12.0))
    );
    assert_eq!(change["reason"], "Trung bình điểm chấm chéo của 1 đơn vị.");
    assert_eq!(sheet(bm).await["total"], 32.0, "14 + 18");
    // Taken again, nothing changes.
    let r = office.api_post(&apply, &json!({})).await;
    assert_eq!(r.json()["changed"], 0);
}

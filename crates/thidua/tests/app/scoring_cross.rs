//! Cross-scoring inside a cluster: assigned by the office by rotation, done by the assessors' officers
//! while the scale is under review — never for their own unit nor one they were not given — and the
//! average taken as the review, each change kept with its reason.

use crate::common::{Engine, STANDING, Session, TestApp, UO_BACHDANG, UO_VHTT};
use crate::on_both_engines;
use crate::scoring::{Fixture, advance, field, line, opened, save};
use serde_json::json;

on_both_engines!(cross_scoring_inside_a_cluster);

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
    let change = bd_sheet["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["stage"] == "review")
        .unwrap()
        .clone();
    assert_eq!(change["before_points"], 10.0);
    assert_eq!(change["reason"], "Trung bình điểm chấm chéo của 1 đơn vị.");
    // The unit's sheet shows the cross average beside its points.
    officer
        .get(&f.page(&bd))
        .await
        .expect(200)
        .contains("Chấm chéo (trung bình)");
}

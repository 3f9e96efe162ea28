//! Facts a legal officer checks that the product now records: a review, investigation or complaint
//! open about a person blocks an award (ND 152/2025 Điều 4(4)) until it is closed; refusals save
//! nothing.

use crate::common::{Engine, STANDING, TestApp};
use crate::on_both_engines;
use serde_json::json;

on_both_engines!(
    the_officer_confirms_a_fact_and_the_check_is_decided,
    an_open_review_blocks_an_award_until_closed,
    the_ledger_check_answers_for_a_deciding_level,
    combat_ingenuity_is_decided_by_the_persons_kind
);

/// "Sáng tạo trong chiến đấu" (Luật TĐKT Điều 23(2)) is a basis of CSTĐCS only for the armed forces:
/// for a civil servant the engine decides it instead of leaving it for someone to confirm.
async fn combat_ingenuity_is_decided_by_the_persons_kind(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let person = app.person_in("P-BACHDANG").await;
    assert_ne!(person.kind, "soldier");
    let r = office
        .api_post(
            &format!("/api/v1/ledger/person/{}/eligibility", person.id),
            &json!({"code": "CSTDCS", "year": "2025"}),
        )
        .await;
    r.expect(200);
    assert!(
        !r.text
            .contains("cần người có thẩm quyền xác nhận: Có sáng tạo trong chiến đấu"),
        "{}",
        r.text
    );
}

async fn an_open_review_blocks_an_award_until_closed(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let person = app.person_in("P-BACHDANG").await;
    let base = format!("/api/v1/ledger/person/{}", person.id);
    let check = || {
        let (office, base) = (&office, &base);
        async move {
            let r = office
                .api_post(
                    &format!("{base}/eligibility"),
                    &json!({"code": "LDTT", "year": "2025"}),
                )
                .await;
            r.expect(200);
            r.text.clone()
        }
    };
    assert!(!check().await.contains("chưa xét khen thưởng khi"));
    // Bad input: no kind, a date that does not exist; nothing saved.
    let audit = app.audit_rows().await;
    office
        .api_post(
            &format!("{base}/reviews"),
            &json!({"kind": "", "since": "31/02/2026"}),
        )
        .await
        .expect(422)
        .contains("Nội dung đang xem xét")
        .contains("Từ ngày");
    assert_eq!(app.audit_rows().await, audit);
    let r = office
        .api_post(
            &format!("{base}/reviews"),
            &json!({"kind": "investigation", "since": "01/11/2026", "note": "Cơ quan điều tra đang xác minh"}),
        )
        .await;
    r.expect(201);
    let review = r.json();
    assert_eq!(review["kind_label"], "đang bị điều tra");
    let text = check().await;
    assert!(
        text.contains("chưa xét khen thưởng khi đang bị điều tra (từ 01/11/2026)"),
        "{text}"
    );
    // The year-end review of everyone sees it too.
    assert_eq!(everyone_verdict(&app, &person.id).await, "Ineligible");
    // The person's page lists it, open, with a form to close it.
    office
        .get(&format!("/people/{}/honours", person.id))
        .await
        .expect(200)
        .contains("Đang xem xét")
        .contains("Ghi kết thúc");
    let rid = review["id"].as_str().unwrap();
    let r = office
        .api_post(&format!("{base}/reviews/{rid}/resolve"), &json!({}))
        .await;
    r.expect(200);
    assert!(r.json()["resolved_on"].is_string());
    office
        .api_post(&format!("{base}/reviews/{rid}/resolve"), &json!({}))
        .await
        .expect(422)
        .contains("đã kết thúc");
    assert!(!check().await.contains("chưa xét khen thưởng khi"));
    assert_ne!(everyone_verdict(&app, &person.id).await, "Ineligible");
}

/// The verdict on LĐTT 2025 for one person in the review of everyone.
async fn everyone_verdict(app: &TestApp, person_id: &str) -> String {
    let input = thidua_app::honours::EligibilityInput {
        code: "LDTT".into(),
        year: "2025".into(),
        ..Default::default()
    };
    let caller = thidua_app::Caller::system(&app.org_id);
    let report = thidua_app::honours::batch::everyone(&app.db, &caller, &input)
        .await
        .unwrap_or_else(|e| panic!("{}", e.message()));
    report
        .verdicts
        .iter()
        .find(|v| v.id == person_id)
        .map(|v| format!("{:?}", v.verdict))
        .expect("the person is reviewed")
}

/// "May a district still decide this?" is asked of the ledger's check, not only of a nomination: a
/// Giấy khen decided in 2026 by a district (abolished on 01/07/2025) is refused, by a ward allowed.
async fn the_ledger_check_answers_for_a_deciding_level(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let person = app.person_in("P-BACHDANG").await;
    let path = format!("/api/v1/ledger/person/{}/eligibility", person.id);
    let authority = |level: &'static str| {
        let (office, path) = (&office, &path);
        async move {
            let r = office
                .api_post(
                    path,
                    &json!({"code": "GIAY_KHEN", "year": "2025", "date": "15/01/2026", "decider_level": level}),
                )
                .await;
            r.expect(200);
            let checks = r.json()["checks"].as_array().unwrap().clone();
            checks
                .into_iter()
                .find(|c| c["rule"] == "authority")
                .expect("authority check")
        }
    };
    let district = authority("huyen").await;
    assert_eq!(district["outcome"], "fail", "{district}");
    assert!(
        district["message"]
            .as_str()
            .unwrap()
            .contains("không còn thẩm quyền quyết định khen thưởng tại ngày 15/01/2026"),
        "{district}"
    );
    let ward = authority("xa").await;
    assert_eq!(ward["outcome"], "pass", "{ward}");
    office
        .api_post(
            &path,
            &json!({"code": "GIAY_KHEN", "decider_level": "quan"}),
        )
        .await
        .expect(422)
        .contains("Cấp quyết định");
    // The page offers the levels.
    office
        .get(&format!(
            "/people/{}/honours?code=GIAY_KHEN&year=2025&date=15/01/2026&decider_level=huyen#kiem-tra",
            person.id
        ))
        .await
        .expect(200)
        .contains("Cấp quyết định")
        .contains("không còn thẩm quyền");
}

/// "Tích cực tham gia phong trào thi đua" (Luật Điều 24(1)(b)) cannot be computed: the appraising
/// officer confirms or rejects it with the basis, and the dossier's eligibility answer follows.
async fn the_officer_confirms_a_fact_and_the_check_is_decided(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let (id, _) = crate::nominations::submitted(&app, 1).await.remove(0);
    let path = format!("/api/v1/nominations/{id}/facts");
    let listed = office.api_get(&path).await;
    listed.expect(200);
    let fact = listed.json()[0].clone();
    assert_eq!(fact["key"], "tham_gia_phong_trao", "{fact}");
    assert!(fact["holds"].is_null());
    // Bad input, a fact the form does not ask, a unit officer: refused, nothing saved.
    let unit_officer = app.login(crate::common::UO_BACHDANG).await;
    let audit = app.audit_rows().await;
    office
        .api_post(
            &path,
            &json!({"key": "tham_gia_phong_trao", "holds": "có lẽ", "note": " "}),
        )
        .await
        .expect(422)
        .contains("Kết luận")
        .contains("Căn cứ xác nhận");
    office
        .api_post(
            &path,
            &json!({"key": "sang_kien", "holds": true, "note": "x"}),
        )
        .await
        .expect(422)
        .contains("không phải điều kiện cần người xác nhận");
    unit_officer
        .api_post(
            &path,
            &json!({"key": "tham_gia_phong_trao", "holds": true, "note": "x"}),
        )
        .await
        .expect(403);
    assert_eq!(app.audit_rows().await, audit);
    // Confirmed: the answer kept with the dossier no longer waits for it.
    let r = office
        .api_post(
            &path,
            &json!({"key": "tham_gia_phong_trao", "holds": true, "note": "Biên bản họp tổ dân phố ngày 10/12/2025 xác nhận"}),
        )
        .await;
    r.expect(200);
    assert_eq!(r.json()[0]["holds"], true);
    assert_eq!(app.audit_rows().await, audit + 1);
    let checks = app
        .scalar_text(&format!(
            "SELECT COALESCE(checks_json, '') FROM nominations WHERE id = '{id}'"
        ))
        .await;
    assert!(
        !checks.contains("cần người có thẩm quyền xác nhận: Có tinh thần"),
        "{checks}"
    );
    office
        .get(&format!("/nominations/{id}"))
        .await
        .expect(200)
        .contains("Điều kiện cần người có thẩm quyền xác nhận")
        .contains("Biên bản họp tổ dân phố ngày 10/12/2025 xác nhận");
    // Rejected on the page: the dossier now says it fails, with the criterion.
    let rejected = [
        ("key", "tham_gia_phong_trao"),
        ("holds", "0"),
        ("note", "Không tham gia phong trào của phường năm 2025"),
    ];
    office
        .post_form(&format!("/nominations/{id}/facts"), &rejected)
        .await
        .expect(303);
    office
        .get(&format!("/nominations/{id}"))
        .await
        .expect(200)
        .contains("<strong>Không đạt</strong>")
        .contains("Không đạt: ");
    // Once decided, a fact can no longer be changed.
    app.exec(&format!(
        "UPDATE nominations SET status = 'decided' WHERE id = '{id}'"
    ))
    .await;
    office
        .api_post(
            &path,
            &json!({"key": "tham_gia_phong_trao", "holds": true, "note": "Sửa"}),
        )
        .await
        .expect(422)
        .contains("đang được thẩm định");
}

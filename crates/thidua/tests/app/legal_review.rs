//! Facts a legal officer checks that the product now records: a review, investigation or complaint
//! open about a person blocks an award (ND 152/2025 Điều 4(4)) until it is closed; refusals save
//! nothing.

use crate::common::{Engine, STANDING, TestApp};
use crate::on_both_engines;
use serde_json::json;

on_both_engines!(
    an_open_review_blocks_an_award_until_closed,
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
}

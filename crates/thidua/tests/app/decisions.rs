//! Decisions of award end to end: the chairman decides passed nominations (số sổ vàng 1..n, money
//! from the base salary in force, award history, timeline), refusals save nothing, a line is revoked
//! (Law Điều 93) and disappears from the public honour roll, public pages need no login and never
//! show confidential awards, and forms of a higher authority are forwarded as a ZIP package.

use crate::common::{CHAIRMAN, STANDING, TestApp, UO_BACHDANG, VIEWER};
use crate::on_both_engines;
use serde_json::{Value, json};
use std::io::Read;
use thidua_store::nominations::{self, NominationRow};

on_both_engines!(
    decide_three_passed_nominations,
    deciding_a_non_passed_nomination_saves_nothing,
    duplicate_decision_number_is_refused,
    unit_officer_and_viewer_cannot_decide,
    revoked_line_shows_revoked_and_leaves_the_roll,
    honour_roll_search_without_diacritics_and_no_confidential,
    decision_pages_certificate_and_export,
    higher_authority_is_forwarded_as_a_package,
    a_decision_is_never_backdated_nor_signed_by_a_body_gone,
);

/// Before 1/7/2025 the demo's district body still decides LĐTT, CSTĐCS and Giấy khen.
pub const SIGNED_ON: &str = "15/06/2025";

/// Who a fixture nomination is for.
pub(crate) enum Who<'a> {
    Person(&'a thidua_store::persons::PersonRow),
    Unit(&'a thidua_store::units::UnitRow),
}

/// Stores a nomination straight in `status` (the nominations workflow is built elsewhere).
async fn nomination(
    app: &TestApp,
    who: Who<'_>,
    award: &str,
    status: &str,
    confidential: bool,
) -> String {
    let unit = app.unit("P-VHTT").await;
    let now = thidua_store::ids::now();
    let (nominee_type, person_id, unit_id, name) = match who {
        Who::Person(p) => ("person", Some(p.id.clone()), None, p.full_name.clone()),
        Who::Unit(u) => ("unit", None, Some(u.id.clone()), u.name.clone()),
    };
    let mut r = NominationRow {
        id: thidua_store::ids::new_id(),
        org_id: app.org_id.clone(),
        campaign_id: None,
        theme_id: None,
        nominating_unit_id: unit.id,
        nominee_type: nominee_type.into(),
        person_id,
        unit_id,
        household_name: None,
        code: award.into(),
        original_code: None,
        kind: "merit".into(),
        procedure: "standard".into(),
        year: 2024,
        achievement: format!("Hoàn thành xuất sắc nhiệm vụ năm 2024 ({award})"),
        achievement_key: None,
        justification: None,
        status: status.into(),
        route_unit_id: None,
        round: 1,
        // Sent before SIGNED_ON: a decision cannot be dated before the dossier it decides.
        submitted_at: Some("2025-05-02T02:00:00.000Z".into()),
        checks_json: None,
        confidential,
        search_text: String::new(),
        created_by: None,
        version: 1,
        created_at: now.clone(),
        updated_at: now,
    };
    r.search_text = r.make_search_text(&name);
    let mut tx = app.db.begin().await.unwrap();
    nominations::insert(&mut tx, &r).await.unwrap();
    tx.commit().await.unwrap();
    r.id
}

/// `n` different people of the demo.
pub(crate) async fn people(app: &TestApp, n: i64) -> Vec<thidua_store::persons::PersonRow> {
    let unit = app.unit("P-VHTT").await;
    let mut tx = app.db.begin().await.unwrap();
    let filter = thidua_store::persons::PersonFilter {
        unit_id: Some(unit.id),
        ..Default::default()
    };
    let rows = thidua_store::persons::list(&mut tx, &app.org_id, &filter, n, 0)
        .await
        .unwrap();
    let mut out = Vec::new();
    for r in rows {
        out.push(
            thidua_store::persons::get(&mut tx, &app.org_id, &r.id)
                .await
                .unwrap(),
        );
    }
    tx.commit().await.unwrap();
    assert_eq!(out.len() as i64, n, "demo has too few people");
    out
}

/// The body of a decision numbered `number`, signed on [`SIGNED_ON`], for the nominations `ids`.
pub fn body(number: &str, ids: &[&str]) -> Value {
    json!({ "number": number, "signed_on": SIGNED_ON, "issuer": "Ủy ban nhân dân quận Hai Bà Trưng", "signer_title": "Chủ tịch", "signer_name": "Nguyễn Trần Bình", "place": "Hà Nội", "nomination_ids": ids })
}

async fn status_of(app: &TestApp, id: &str) -> String {
    app.scalar_text(&format!("SELECT status FROM nominations WHERE id = '{id}'"))
        .await
}

async fn decide_three_passed_nominations(engine: crate::common::Engine) {
    let app = TestApp::spawn(engine).await;
    let p = people(&app, 2).await;
    let unit = app.unit("P-VHTT").await;
    let a = nomination(&app, Who::Person(&p[0]), "LDTT", "passed", false).await;
    let b = nomination(&app, Who::Person(&p[1]), "CSTDCS", "passed", false).await;
    let c = nomination(&app, Who::Unit(&unit), "GIAY_KHEN", "passed", false).await;
    let chair = app.login(CHAIRMAN).await;
    let audit_before = app.audit_rows().await;
    let number = crate::common::decision_no();
    let r = chair
        .api_post("/api/v1/decisions", &body(&number, &[&a, &b, &c]))
        .await;
    r.expect(201);
    let d = r.json();
    let items = d["items"].as_array().unwrap();
    let golden: Vec<i64> = items
        .iter()
        .map(|l| l["golden_book_no"].as_i64().unwrap())
        .collect();
    assert_eq!(golden, vec![1, 2, 3]);
    // 2.340.000 đ base salary (from 1/7/2024): LĐTT 0,3; CSTĐCS 1,0; Giấy khen for a collective 0,6.
    let amounts: Vec<i64> = items
        .iter()
        .map(|l| l["amount"].as_i64().unwrap())
        .collect();
    assert_eq!(amounts, vec![702_000, 2_340_000, 1_404_000]);
    assert_eq!(d["total_amount"], 4_446_000);
    assert_eq!(items[0]["nominee"], p[0].full_name.as_str());
    for l in items {
        let code = l["verify_code"].as_str().unwrap();
        assert_eq!(code.len(), 8);
        assert!(
            code.chars()
                .all(|ch| "ABCDEFGHJKMNPQRSTUVWXYZ23456789".contains(ch)),
            "{code}"
        );
    }
    for id in [&a, &b, &c] {
        assert_eq!(status_of(&app, id).await, "decided");
        assert_eq!(app.count(&format!("SELECT COUNT(*) FROM nomination_events WHERE nomination_id = '{id}' AND action = 'decide'")).await, 1);
    }
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM ledger_awards WHERE decision_no = '{number}' AND decision_date = '2025-06-15' AND revoked = FALSE")).await, 3);
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM ledger_awards WHERE decision_no = '{number}' AND subject_id = '{}' AND code = 'LDTT' AND golden_book_no = 1", p[0].id)).await, 1);
    assert_eq!(app.audit_rows().await, audit_before + 1);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM notifications WHERE org_id = '{}' AND link LIKE '/nominations/%'",
            app.org_id
        ))
        .await,
        3
    );
    // The person's history page shows the award with its decision.
    chair
        .api_get(&format!("/api/v1/ledger/person/{}", p[0].id))
        .await
        .expect(200)
        .contains(&number);
    // The list carries the totals per decision and per year.
    let list = chair.api_get("/api/v1/decisions").await;
    list.expect(200);
    assert_eq!(list.json()["years"][0]["amount"], 4_446_000);
    assert_eq!(list.json()["years"][0]["year"], 2025);
}

async fn deciding_a_non_passed_nomination_saves_nothing(engine: crate::common::Engine) {
    let app = TestApp::spawn(engine).await;
    let p = people(&app, 2).await;
    let ok = nomination(&app, Who::Person(&p[0]), "LDTT", "passed", false).await;
    let early = nomination(&app, Who::Person(&p[1]), "LDTT", "accepted", false).await;
    let chair = app.login(CHAIRMAN).await;
    let audit_before = app.audit_rows().await;
    let r = chair
        .api_post("/api/v1/decisions", &body("1/QĐ-UBND", &[&ok, &early]))
        .await;
    r.expect(422);
    let j = r.json();
    assert_eq!(j["fields"][0]["field"], "nomination_ids");
    let msg = j["fields"][0]["message"].as_str().unwrap();
    assert!(
        msg.contains("Không thể quyết định khen thưởng")
            && msg.contains("Đã thẩm định, chờ Hội đồng xét")
            && msg.contains(&p[1].full_name),
        "{msg}"
    );
    assert!(!msg.contains("accepted"), "raw state code shown: {msg}");
    assert_eq!(app.audit_rows().await, audit_before);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM decisions WHERE org_id = '{}'",
            app.org_id
        ))
        .await,
        0
    );
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM decision_lines l JOIN decisions d ON d.id = l.decision_id WHERE d.org_id = '{}'", app.org_id)).await, 0);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM ledger_awards WHERE decision_no = '1/QĐ-UBND'")
            .await,
        0
    );
    assert_eq!(status_of(&app, &ok).await, "passed");
    // Missing fields are named.
    let r = chair
        .api_post("/api/v1/decisions", &json!({ "nomination_ids": [] }))
        .await;
    r.expect(422);
    let fields: Vec<String> = r.json()["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_string())
        .collect();
    for f in [
        "number",
        "signed_on",
        "issuer",
        "signer_name",
        "nomination_ids",
    ] {
        assert!(fields.contains(&f.to_string()), "{f} not in {fields:?}");
    }
    assert_eq!(app.audit_rows().await, audit_before);
}

async fn duplicate_decision_number_is_refused(engine: crate::common::Engine) {
    let app = TestApp::spawn(engine).await;
    let p = people(&app, 2).await;
    let a = nomination(&app, Who::Person(&p[0]), "LDTT", "passed", false).await;
    let b = nomination(&app, Who::Person(&p[1]), "LDTT", "passed", false).await;
    let chair = app.login(CHAIRMAN).await;
    chair
        .api_post("/api/v1/decisions", &body("125/QĐ-UBND", &[&a]))
        .await
        .expect(201);
    let audit_before = app.audit_rows().await;
    let r = chair
        .api_post("/api/v1/decisions", &body("125/QĐ-UBND", &[&b]))
        .await;
    r.expect(422).contains("125/QĐ-UBND");
    assert_eq!(r.json()["fields"][0]["field"], "number");
    assert_eq!(r.json()["fields"][0]["label"], "Số quyết định");
    assert_eq!(app.audit_rows().await, audit_before);
    assert_eq!(status_of(&app, &b).await, "passed");
    // Deciding the same nomination twice is refused too (it is no longer passed).
    chair
        .api_post("/api/v1/decisions", &body("126/QĐ-UBND", &[&a]))
        .await
        .expect(422)
        .contains("Đã có quyết định khen thưởng");
}

async fn unit_officer_and_viewer_cannot_decide(engine: crate::common::Engine) {
    let app = TestApp::spawn(engine).await;
    let p = people(&app, 1).await;
    let a = nomination(&app, Who::Person(&p[0]), "LDTT", "passed", false).await;
    for user in [UO_BACHDANG, VIEWER] {
        let s = app.login(user).await;
        s.api_post("/api/v1/decisions", &body("9/QĐ-UBND", &[&a]))
            .await
            .expect(403);
        s.api_post(
            &format!("/api/v1/nominations/{a}/forward-package"),
            &json!({}),
        )
        .await
        .expect(403);
    }
    let uo = app.login(UO_BACHDANG).await;
    uo.api_get("/api/v1/decisions").await.expect(403);
    uo.get("/decisions/new").await.expect(403);
    assert_eq!(status_of(&app, &a).await, "passed");
    // The standing office decides on the chairman's behalf.
    app.login(STANDING)
        .await
        .api_post("/api/v1/decisions", &body("9/QĐ-UBND", &[&a]))
        .await
        .expect(201);
    let d = app.scalar_text("SELECT id FROM decisions").await;
    let line = app.scalar_text("SELECT id FROM decision_lines").await;
    let viewer = app.login(VIEWER).await;
    viewer
        .api_post(
            &format!("/api/v1/decisions/{d}/lines/{line}/revoke"),
            &json!({ "reason": "x", "revoking_decision": "1" }),
        )
        .await
        .expect(403);
}

pub(crate) async fn decide_one(
    app: &TestApp,
    who: Who<'_>,
    award: &str,
    confidential: bool,
    number: &str,
) -> Value {
    let id = nomination(app, who, award, "passed", confidential).await;
    let r = app
        .login(CHAIRMAN)
        .await
        .api_post("/api/v1/decisions", &body(number, &[&id]))
        .await;
    r.expect(201);
    r.json()
}

async fn revoked_line_shows_revoked_and_leaves_the_roll(engine: crate::common::Engine) {
    let app = TestApp::spawn(engine).await;
    let p = people(&app, 1).await;
    let d = decide_one(&app, Who::Person(&p[0]), "CSTDCS", false, "77/QĐ-UBND").await;
    let line = &d["items"][0];
    let code = line["verify_code"].as_str().unwrap();
    let anon = app.client();
    let page = app.public_page(&format!("/xac-minh/{code}")).await;
    assert!(
        page.contains(&p[0].full_name)
            && page.contains("Còn hiệu lực")
            && page.contains("77/QĐ-UBND"),
        "{page}"
    );
    let roll = app.public_page("/vinh-danh").await;
    assert!(roll.contains(&p[0].full_name));
    let chair = app.login(CHAIRMAN).await;
    let path = format!(
        "/api/v1/decisions/{}/lines/{}/revoke",
        d["id"].as_str().unwrap(),
        line["id"].as_str().unwrap()
    );
    // The reason and the revoking decision are required.
    chair
        .api_post(&path, &json!({}))
        .await
        .expect(422)
        .contains("reason");
    let audit_before = app.audit_rows().await;
    let r = chair
        .api_post(
            &path,
            &json!({ "reason": "Khai man thành tích", "revoking_decision": "45/QĐ-UBND" }),
        )
        .await;
    r.expect(200);
    assert_eq!(r.json()["items"][0]["revoked"], true);
    assert!(
        app.audit_rows().await >= audit_before + 2,
        "revocation and award change audited"
    );
    assert_eq!(
        status_of(&app, line["nomination_id"].as_str().unwrap()).await,
        "revoked"
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM ledger_awards WHERE id = '{}' AND revoked = TRUE",
            line["award_id"].as_str().unwrap()
        ))
        .await,
        1
    );
    let page = app.public_page(&format!("/xac-minh/{code}")).await;
    assert!(
        page.contains("Đã bị hủy theo quyết định số 45/QĐ-UBND"),
        "{page}"
    );
    assert!(!page.contains("Còn hiệu lực"));
    let api: Value = anon
        .get(app.url(&format!("/api/v1/public/verify/{code}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api["valid"], false);
    let roll = app.public_page("/vinh-danh").await;
    assert!(
        !roll.contains(&p[0].full_name),
        "revoked award still on the honour roll"
    );
    // Revoking twice is refused with a message.
    chair
        .api_post(
            &path,
            &json!({ "reason": "lần nữa", "revoking_decision": "46/QĐ-UBND" }),
        )
        .await
        .expect(422)
        .contains("đã bị hủy trước đó");
}

async fn honour_roll_search_without_diacritics_and_no_confidential(engine: crate::common::Engine) {
    let app = TestApp::spawn(engine).await;
    let p = people(&app, 2).await;
    decide_one(&app, Who::Person(&p[0]), "LDTT", false, "10/QĐ-UBND").await;
    let secret = decide_one(&app, Who::Person(&p[1]), "LDTT", true, "11/QĐ-UBND").await;
    let anon = app.client();
    let get = |path: String| {
        let anon = anon.clone();
        let url = app.url(&path);
        async move { anon.get(url).send().await.unwrap() }
    };
    let folded = thidua_domain::text::fold(&p[0].full_name);
    let r = get(format!("/vinh-danh?q={}", folded.replace(' ', "+"))).await;
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    assert!(
        text.contains(&p[0].full_name) && text.contains("10/QĐ-UBND"),
        "{text}"
    );
    let text = get("/vinh-danh?q=lao+dong+tien+tien".into())
        .await
        .text()
        .await
        .unwrap();
    assert!(text.contains(&p[0].full_name), "award name search: {text}");
    let text = get("/vinh-danh?q=khong+co+ai+ten+nay".into())
        .await
        .text()
        .await
        .unwrap();
    assert!(!text.contains(&p[0].full_name) && text.contains("Không có khen thưởng nào phù hợp"));
    // The confidential award is never public: not on the roll, not searchable, not verifiable.
    for path in [
        "/vinh-danh".to_string(),
        format!(
            "/vinh-danh?q={}",
            thidua_domain::text::fold(&p[1].full_name).replace(' ', "+")
        ),
    ] {
        let text = get(path).await.text().await.unwrap();
        assert!(
            !text.contains(&p[1].full_name) && !text.contains("11/QĐ-UBND"),
            "confidential award shown"
        );
    }
    let code = secret["items"][0]["verify_code"].as_str().unwrap();
    assert_eq!(get(format!("/xac-minh/{code}")).await.status(), 404);
    assert_eq!(
        get(format!("/api/v1/public/verify/{code}")).await.status(),
        404
    );
    assert_eq!(get("/xac-minh/ZZZZZZZZ".into()).await.status(), 404);
    // Pages of the app itself still need a login.
    assert_eq!(get("/decisions".into()).await.status(), 303);
    assert_eq!(get("/api/v1/decisions".into()).await.status(), 401);
}

async fn decision_pages_certificate_and_export(engine: crate::common::Engine) {
    let app = TestApp::spawn(engine).await;
    let p = people(&app, 2).await;
    let a = nomination(&app, Who::Person(&p[0]), "LDTT", "passed", false).await;
    let b = nomination(&app, Who::Person(&p[1]), "GIAY_KHEN", "passed", false).await;
    let chair = app.login(CHAIRMAN).await;
    chair
        .get("/decisions/new?signed_on=15/06/2025")
        .await
        .expect(200)
        .contains(&p[0].full_name)
        .contains("702.000 đ");
    // After 1/7/2025 a district body no longer decides LĐTT: offered for forwarding instead.
    chair
        .get("/decisions/new?signed_on=01/08/2025")
        .await
        .expect(200)
        .contains("trình cấp trên")
        .contains("Chủ tịch UBND xã, phường, đặc khu");
    // A refused form is shown again with the message at its field.
    chair
        .post_form(
            "/decisions",
            &[
                ("number", ""),
                ("signed_on", SIGNED_ON),
                ("issuer", "UBND quận"),
                ("signer_name", "Nguyễn Trần Bình"),
                ("nomination_ids", &a),
            ],
        )
        .await
        .expect(422)
        .contains("Số quyết định");
    let r = chair
        .post_form(
            "/decisions",
            &[
                ("number", "200/QĐ-UBND"),
                ("signed_on", SIGNED_ON),
                ("issuer", "Ủy ban nhân dân quận Hai Bà Trưng"),
                ("signer_title", "Chủ tịch"),
                ("signer_name", "Nguyễn Trần Bình"),
                ("place", "Hà Nội"),
                ("nomination_ids", &a),
                ("nomination_ids", &b),
            ],
        )
        .await;
    r.expect(303);
    let show = r.location().unwrap().split('?').next().unwrap().to_string();
    let page = chair.get(&show).await;
    page.expect(200)
        .contains("200/QĐ-UBND")
        .contains("702.000 đ")
        .contains(&p[1].full_name);
    // An individual's Giấy khen is priced (ND 152 Điều 54(1)(e): 0.3 × 2,340,000 đ): two lines, no banner.
    assert!(
        page.text.contains("1.404.000 đ"),
        "{}",
        crate::common::excerpt(&page.text)
    );
    assert!(!page.text.contains("Chưa tính được tiền thưởng"));
    // A line the catalog cannot price (recorded before a catalog change) is said loudly on the page
    // and in the decision's document, never a silent 0.
    app.exec(&format!(
        "UPDATE decision_lines SET amount = NULL WHERE nomination_id = '{b}'"
    ))
    .await;
    chair
        .get(&show)
        .await
        .expect(200)
        .contains("Chưa tính được tiền thưởng của 1 khen thưởng")
        .contains("chưa đầy đủ");
    let (status, _, pdf) = chair
        .download(&format!("{show}/documents/decision.pdf"))
        .await;
    assert_eq!(status, 200);
    let text = crate::documents::pdf_text(&pdf);
    assert!(text.contains("Chưa xác định mức"), "{text}");
    assert!(
        text.contains("Chưa xác định mức tiền thưởng của 1 trường hợp"),
        "{text}"
    );
    let line = app
        .scalar_text(&format!(
            "SELECT id FROM decision_lines WHERE nomination_id = '{a}'"
        ))
        .await;
    let cert = chair.get(&format!("{show}/lines/{line}/certificate")).await;
    cert.expect(200)
        .contains("Lao động tiên tiến")
        .contains("Số sổ vàng: 1")
        .contains("200/QĐ-UBND")
        .contains("data:image/svg+xml;base64,")
        .contains(&p[0].full_name);
    assert!(
        !cert.text.contains("style="),
        "inline style on the certificate"
    );
    chair
        .get("/decisions")
        .await
        .expect(200)
        .contains("200/QĐ-UBND")
        .contains("1.404.000 đ");
    let (status, _, bytes) = chair.download("/decisions/export.xlsx").await;
    assert_eq!(status, 200);
    let rows = crate::common::read_xlsx(&bytes);
    assert_eq!(rows[0][0], "Số quyết định");
    assert_eq!(rows[1][0], "200/QĐ-UBND");
    assert_eq!(rows[1][6], "1404000");
}

async fn higher_authority_is_forwarded_as_a_package(engine: crate::common::Engine) {
    let blobs = tempfile::tempdir().unwrap();
    let store = std::sync::Arc::new(thidua_store::blobs::LocalDisk::new(blobs.path()));
    let app = TestApp::spawn_with(
        engine,
        thidua_web::Config {
            blobs: store.clone(),
            ..Default::default()
        },
    )
    .await;
    let p = people(&app, 1).await;
    let id = nomination(&app, Who::Person(&p[0]), "BK_TINH", "passed", false).await;
    let pdf = b"%PDF-1.4 to trinh\n%%EOF\n".to_vec();
    let sha = thidua_store::blobs::BlobStore::put(store.as_ref(), &pdf)
        .await
        .unwrap();
    let mut tx = app.db.begin().await.unwrap();
    let doc = nominations::DocumentRow {
        id: thidua_store::ids::new_id(),
        org_id: app.org_id.clone(),
        nomination_id: id.clone(),
        doc_code: "to_trinh".into(),
        file_name: "Tờ trình.pdf".into(),
        content_type: "application/pdf".into(),
        size_bytes: pdf.len() as i64,
        sha256: sha,
        vote_yes: None,
        vote_total: None,
        round: 1,
        created_by: None,
        created_at: thidua_store::ids::now(),
    };
    nominations::add_document(&mut tx, &doc).await.unwrap();
    tx.commit().await.unwrap();
    // This body cannot decide a Bằng khen of the province chairman: it must be forwarded.
    let chair = app.login(CHAIRMAN).await;
    chair
        .api_post("/api/v1/decisions", &body("300/QĐ-UBND", &[&id]))
        .await
        .expect(422)
        .contains("hãy trình cấp trên")
        .contains("Chủ tịch UBND tỉnh");
    let office = app.login(STANDING).await;
    let r = office
        .api_post(
            &format!("/api/v1/nominations/{id}/forward-package"),
            &json!({}),
        )
        .await;
    r.expect(201);
    assert!(
        r.json()["authority"]
            .as_str()
            .unwrap()
            .contains("Chủ tịch UBND tỉnh")
    );
    assert_eq!(status_of(&app, &id).await, "forwarded");
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM nomination_events WHERE nomination_id = '{id}' AND action = 'forward_up'")).await, 1);
    let (status, headers, bytes) = office
        .download(&format!("/api/v1/nominations/{id}/forward-package"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "application/zip");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut json_text = String::new();
    zip.by_name("ho_so.json")
        .unwrap()
        .read_to_string(&mut json_text)
        .unwrap();
    let j: Value = serde_json::from_str(&json_text).unwrap();
    assert_eq!(j["nominee"], p[0].full_name.as_str());
    assert_eq!(j["code"], "BK_TINH");
    assert!(j["from"].as_str().unwrap().contains("Hai Bà Trưng"), "{j}");
    assert_eq!(j["award"], "Bằng khen của Chủ tịch UBND tỉnh");
    let entry = j["documents"][0]["file_name"].as_str().unwrap().to_string();
    let mut file = Vec::new();
    zip.by_name(&entry).unwrap().read_to_end(&mut file).unwrap();
    assert_eq!(file, pdf);
    // Forwarding twice is refused (it is no longer passed); the page download works too.
    office
        .api_post(
            &format!("/api/v1/nominations/{id}/forward-package"),
            &json!({}),
        )
        .await
        .expect(422);
    let (status, _, _) = office
        .download(&format!("/decisions/forward/{id}/package.zip"))
        .await;
    assert_eq!(status, 200);
    office
        .get("/decisions")
        .await
        .expect(200)
        .contains("Hồ sơ đã trình cấp trên")
        .contains(&format!("/decisions/forward/{id}/package.zip"))
        .contains("Ghi kết quả");

    // The higher level's answer comes back: refused without its decision, then recorded once; the
    // award enters the nominee's history with the higher level's number, date and số sổ vàng.
    let path = format!("/api/v1/nominations/{id}/higher-answer");
    let audit = app.audit_rows().await;
    // On the page, a refused answer shows its form again, open, with what was typed and why.
    office
        .post_form(
            &format!("/decisions/forward/{id}/answer"),
            &[
                ("awarded", "1"),
                ("decided_on", "31/02/2026"),
                ("issuer", "UBND thành phố"),
            ],
        )
        .await
        .expect(422)
        .contains("Hãy nhập số quyết định của cấp trên")
        .contains("value=\"31/02/2026\"")
        .contains("<details open>");
    office
        .api_post(&path, &json!({"awarded": true, "decision_no": ""}))
        .await
        .expect(422)
        .contains("Số quyết định của cấp trên");
    office
        .api_post(&path, &json!({"awarded": false}))
        .await
        .expect(422)
        .contains("lý do");
    assert_eq!(app.audit_rows().await, audit, "nothing saved");
    let today = crate::campaigns_api::day(0);
    let answer = json!({"awarded": true, "decision_no": "2345/QĐ-UBND", "decided_on": today, "issuer": "Chủ tịch UBND thành phố Hà Nội", "golden_book_no": "17"});
    let r = office.api_post(&path, &answer).await;
    r.expect(201);
    assert_eq!(r.json()["golden_book_no"], 17);
    office
        .api_post(&path, &answer)
        .await
        .expect(422)
        .contains("Đã ghi kết quả");
    let awards = app
        .count(&format!(
            "SELECT COUNT(*) FROM ledger_awards WHERE subject_id = '{}' AND code = 'BK_TINH' AND decision_no = '2345/QĐ-UBND' AND golden_book_no = 17",
            p[0].id
        ))
        .await;
    assert_eq!(awards, 1, "the award is in the history");
    office
        .get("/decisions")
        .await
        .expect(200)
        .contains("Đã khen thưởng: Quyết định số 2345/QĐ-UBND");
    // A unit officer may not record it.
    app.login(UO_BACHDANG)
        .await
        .api_post(&path, &answer)
        .await
        .expect(403);
}

/// A decision cannot be dated before the dossier it decides was sent (a 2026 dossier given a decision
/// of 20/06/2025 to slip under the district's last day), nor in the future, nor after its body's level
/// ended (the district level on 30/06/2025); each refusal names the date and saves nothing.
async fn a_decision_is_never_backdated_nor_signed_by_a_body_gone(engine: crate::common::Engine) {
    let app = TestApp::spawn(engine).await;
    let p = people(&app, 1).await;
    let a = nomination(&app, Who::Person(&p[0]), "LDTT", "passed", false).await;
    app.exec(&format!(
        "UPDATE nominations SET submitted_at = '2026-12-01T03:00:00.000Z' WHERE id = '{a}'"
    ))
    .await;
    let chair = app.login(CHAIRMAN).await;
    let before = (
        app.audit_rows().await,
        app.count("SELECT COUNT(*) FROM decisions").await,
    );
    let mut late = body(&crate::common::decision_no(), &[&a]);
    late["signed_on"] = json!("20/06/2025");
    let r = chair.api_post("/api/v1/decisions", &late).await;
    r.expect(422)
        .contains("hồ sơ gửi ngày 01/12/2026")
        .contains("20/06/2025");
    let tomorrow = crate::campaigns_api::day(3);
    late["signed_on"] = json!(tomorrow);
    chair
        .api_post("/api/v1/decisions", &late)
        .await
        .expect(422)
        .contains("ở sau ngày hôm nay");
    late["signed_on"] = json!("02/12/2026");
    chair
        .api_post("/api/v1/decisions", &late)
        .await
        .expect(422)
        .contains("chấm dứt hoạt động sau ngày 30/06/2025");
    assert_eq!(
        (
            app.audit_rows().await,
            app.count("SELECT COUNT(*) FROM decisions").await
        ),
        before,
        "nothing saved"
    );
}

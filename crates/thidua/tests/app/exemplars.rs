//! Exemplary people and models over HTTP: a unit puts one forward under a plan with a quarterly
//! exemplar deadline (which then counts as sent), the office selects it, consent and publication put
//! it on the public site and a withdrawn consent takes it off at once; refusals name their field and
//! save nothing; photos lose their metadata; two decisions at the same instant cannot both pass;
//! models are adopted and people fostered.

use crate::campaigns_api::{day, launch, make_plan, multipart};
use crate::common::{Engine, STANDING, Session, TestApp, UO_BACHDANG, UO_VHTT};
use crate::on_both_engines;
use serde_json::{Value, json};

on_both_engines!(
    put_forward_select_publish_and_withdraw,
    refusals_name_the_field_and_save_nothing,
    photos_are_resized_and_lose_their_metadata,
    two_decisions_at_once_one_conflicts,
    models_are_adopted_and_people_fostered
);

const STORY: &str = "Trên đường đi làm về, bà phát hiện một chiếc ví rơi trên vỉa hè có nhiều tiền và giấy tờ; bà đã mang đến Công an phường để trả lại người đánh rơi.";

/// A launched plan of the office with Bạch Đằng taking part and a quarterly exemplar deadline due in
/// twenty days; returns (plan id, deadline id).
async fn plan_with_exemplar_duty(app: &TestApp, office: &Session) -> (String, String) {
    let unit = app.unit("P-BACHDANG").await;
    let plan = make_plan(office, "Phong trào thi đua gương điển hình", &[unit.id]).await;
    let id = plan["id"].as_str().unwrap().to_string();
    let r = office
        .api_post(
            &format!("/api/v1/campaigns/{id}/deadlines"),
            &json!({"kind": "exemplary_models", "what": "Giới thiệu gương điển hình của quý", "due_on": day(20), "recurrence": "quarterly"}),
        )
        .await;
    r.expect(201);
    let deadline = r.json()["id"].as_str().unwrap().to_string();
    let plan = office
        .api_get(&format!("/api/v1/campaigns/{id}"))
        .await
        .json();
    launch(office, &plan).await;
    (id, deadline)
}

fn exemplar_body(unit_id: &str, name: &str, campaign_id: &str) -> Value {
    json!({"unit_id": unit_id, "kind": "person", "name": name, "headline": "Trả lại tài sản cho người đánh rơi", "story": STORY, "campaign_id": campaign_id})
}

/// Puts an exemplar forward as `s` and returns it.
async fn put_forward(s: &Session, unit_id: &str, name: &str, campaign_id: &str) -> Value {
    let r = s
        .api_post(
            "/api/v1/exemplars",
            &exemplar_body(unit_id, name, campaign_id),
        )
        .await;
    r.expect(201);
    r.json()
}

async fn act(
    s: &Session,
    id: &str,
    action: &str,
    reason: &str,
    version: i64,
) -> crate::common::Reply {
    s.api_post(
        &format!("/api/v1/exemplars/{id}/state"),
        &json!({"action": action, "reason": reason, "version": version}),
    )
    .await
}

fn unique_name() -> String {
    format!("Bà Phạm Thị Gương {}", crate::common::next_n())
}

async fn put_forward_select_publish_and_withdraw(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let officer = app.login(UO_BACHDANG).await;
    let (plan, deadline) = plan_with_exemplar_duty(&app, &office).await;
    let unit = app.unit("P-BACHDANG").await;
    let sent = format!(
        "SELECT COUNT(*) FROM submissions WHERE deadline_id = '{deadline}' AND unit_id = '{}'",
        unit.id
    );
    assert_eq!(app.count(&sent).await, 0);
    // The officer's to-do list asks for the quarter's exemplar, with a link that puts one forward.
    let todo = format!("/exemplars/new?unit_id={}&#38;campaign_id={plan}", unit.id);
    officer
        .get("/")
        .await
        .expect(200)
        .contains(&todo)
        .contains("Giới thiệu gương");
    let name = unique_name();
    let e = put_forward(&officer, &unit.id, &name, &plan).await;
    let id = e["id"].as_str().unwrap();
    assert_eq!(e["status"], "proposed");
    // The quarter's duty counts itself, once.
    assert_eq!(app.count(&sent).await, 1);
    assert!(
        !officer.get("/").await.text.contains(&todo),
        "the duty is done"
    );
    put_forward(&officer, &unit.id, &unique_name(), &plan).await;
    assert_eq!(app.count(&sent).await, 1);
    // Not public before selection, consent and publication.
    let public = format!("/guong-dien-hinh/{id}");
    assert_eq!(
        app.client()
            .get(app.url(&public))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    act(&officer, id, "select", "", 1).await.expect(403);
    let selected = act(&office, id, "select", "", 1).await;
    selected.expect(200);
    assert_eq!(selected.json()["status"], "selected");
    let publish = office
        .post_form(
            &format!("/exemplars/{id}/publish"),
            &[("publish", "1"), ("version", "2")],
        )
        .await;
    publish.expect(400).contains("đồng ý");
    let consent = officer
        .api_post(
            &format!("/api/v1/exemplars/{id}/consent"),
            &json!({"action": "give", "given_by": name, "version": 2}),
        )
        .await;
    consent.expect(200);
    office
        .post_form(
            &format!("/exemplars/{id}/publish"),
            &[("publish", "1"), ("version", "3")],
        )
        .await
        .expect(303);
    let page = app.public_page(&public).await;
    assert!(page.contains(&name) && page.contains("og:title"), "{page}");
    // Found without diacritics.
    let folded = thidua_domain::text::fold(&name);
    let search = crate::common::with_query("/guong-dien-hinh", &[("q", &folded)]);
    assert!(app.public_page(&search).await.contains(&name));
    // A withdrawn consent unpublishes at once.
    officer
        .api_post(
            &format!("/api/v1/exemplars/{id}/consent"),
            &json!({"action": "withdraw", "version": 4}),
        )
        .await
        .expect(200);
    assert_eq!(
        app.client()
            .get(app.url(&public))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert!(!app.public_page(&search).await.contains(&name));
    for action in [
        "exemplar.create",
        "exemplar.select",
        "exemplar.consent",
        "exemplar.publish",
        "exemplar.consent_withdraw",
    ] {
        let n = app
            .count(&format!(
                "SELECT COUNT(*) FROM audit_log WHERE action = '{action}' AND object_id = '{id}'"
            ))
            .await;
        assert_eq!(n, 1, "{action}");
    }
}

async fn refusals_name_the_field_and_save_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let vhtt = app.login(UO_VHTT).await;
    let unit = app.unit("P-BACHDANG").await;
    let count = "SELECT COUNT(*) FROM exemplars";
    let before = app.count(count).await;
    let empty = office
        .api_post(
            "/api/v1/exemplars",
            &json!({"unit_id": unit.id, "kind": "person", "story": "Ngắn"}),
        )
        .await;
    empty.expect(422);
    let fields: Vec<String> = empty.json()["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, ["name", "headline", "story"]);
    // Another unit's officer cannot put forward for Bạch Đằng.
    let other = vhtt
        .api_post(
            "/api/v1/exemplars",
            &exemplar_body(&unit.id, &unique_name(), ""),
        )
        .await;
    other.expect(422).contains("phạm vi");
    // The form page shows the messages at their fields.
    let form = office
        .post_form(
            "/exemplars",
            &[
                ("unit_id", &unit.id),
                ("kind", "person"),
                ("name", ""),
                ("headline", "x"),
                ("story", STORY),
            ],
        )
        .await;
    form.expect(422).contains("không được để trống");
    assert_eq!(app.count(count).await, before);
    let e = put_forward(&office, &unit.id, &unique_name(), "").await;
    let id = e["id"].as_str().unwrap();
    let audit = app.audit_rows().await;
    act(&office, id, "decline", "  ", 1)
        .await
        .expect(422)
        .contains("lý do");
    act(&office, id, "select", "", 7).await.expect(409);
    let photo = multipart(
        &office,
        &format!("/exemplars/{id}/photos"),
        &[],
        &[("anh.jpg", b"MZ not a picture".to_vec())],
    )
    .await;
    photo.expect(422).contains("không phải là ảnh");
    assert_eq!(app.audit_rows().await, audit);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM exemplar_photos WHERE exemplar_id = '{id}'"
        ))
        .await,
        0
    );
}

/// A JPEG of `w`×`h` with an Exif block that names a GPS position.
fn jpeg_with_location(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 120])
    });
    let mut plain = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(
            &mut std::io::Cursor::new(&mut plain),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x16];
    out.extend_from_slice(b"Exif\0\0GPSLatitude\0\0");
    out.extend_from_slice(&plain[2..]);
    out
}

async fn photos_are_resized_and_lose_their_metadata(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let unit = app.unit("P-BACHDANG").await;
    let e = put_forward(&office, &unit.id, &unique_name(), "").await;
    let id = e["id"].as_str().unwrap();
    let r = multipart(
        &office,
        &format!("/exemplars/{id}/photos?_csrf={}", office.fetch_csrf().await),
        &[("caption", "Trao trả tài sản")],
        &[("ảnh gốc.jpg", jpeg_with_location(2400, 1200))],
    )
    .await;
    r.expect(303);
    let detail = office
        .api_get(&format!("/api/v1/exemplars/{id}"))
        .await
        .json();
    let photo = detail["photos"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(
        (
            detail["photos"][0]["width"].as_i64(),
            detail["photos"][0]["height"].as_i64()
        ),
        (Some(1600), Some(800))
    );
    let (status, headers, bytes) = office.download(&format!("/exemplars/photos/{photo}")).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "image/jpeg");
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(!has(b"GPSLatitude") && !has(b"Exif"));
    assert!(image::load_from_memory(&bytes).is_ok());
    // Nobody outside sees the photo of an unpublished exemplar.
    let public = app
        .client()
        .get(app.url(&format!("/guong-dien-hinh/anh/{photo}")))
        .send()
        .await
        .unwrap();
    assert_eq!(public.status(), 404);
}

async fn two_decisions_at_once_one_conflicts(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let admin = app.login(crate::common::ADMIN).await;
    let unit = app.unit("P-BACHDANG").await;
    let e = put_forward(&office, &unit.id, &unique_name(), "").await;
    let id = e["id"].as_str().unwrap();
    let (a, b) = tokio::join!(
        act(&office, id, "select", "", 1),
        act(&admin, id, "decline", "Chưa tiêu biểu", 1)
    );
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{} / {}", a.text, b.text);
    let decisions = app
        .count(&format!("SELECT COUNT(*) FROM audit_log WHERE object_id = '{id}' AND action IN ('exemplar.select', 'exemplar.decline')"))
        .await;
    assert_eq!(decisions, 1);
}

async fn models_are_adopted_and_people_fostered(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let vhtt = app.login(UO_VHTT).await;
    let unit = app.unit("P-BACHDANG").await;
    let other = app.unit("P-VHTT").await;
    let e = put_forward(&office, &unit.id, &unique_name(), "").await;
    let id = e["id"].as_str().unwrap();
    // Another unit sees, and adopts, only a selected exemplar; the office cannot record an adoption
    // of one not selected either.
    let adopt = [
        ("unit_id", other.id.as_str()),
        ("adopted_on", "01/03/2026"),
        ("result", "Áp dụng tại 3 tổ dân phố"),
    ];
    vhtt.post_form(&format!("/exemplars/{id}/adoptions"), &adopt)
        .await
        .expect(404);
    office
        .post_form(&format!("/exemplars/{id}/adoptions"), &adopt)
        .await
        .expect(400)
        .contains("đã được lựa chọn");
    act(&office, id, "select", "", 1).await.expect(200);
    vhtt.post_form(&format!("/exemplars/{id}/adoptions"), &adopt)
        .await
        .expect(303);
    vhtt.post_form(&format!("/exemplars/{id}/adoptions"), &adopt)
        .await
        .expect(422)
        .contains("đã được ghi nhận");
    vhtt.post_form(
        &format!("/exemplars/{id}/fostering"),
        &[
            ("goal", "Giấy khen"),
            ("supporter", "Phòng Nội vụ"),
            ("due_on", "31/12/2026"),
        ],
    )
    .await
    .expect(403);
    let step = [
        ("goal", "Giấy khen của Chủ tịch UBND quận"),
        ("supporter", "Phòng Nội vụ"),
        ("due_on", "31/12/2099"),
        ("note", ""),
    ];
    office
        .post_form(
            &format!("/exemplars/{id}/fostering"),
            &[("due_on", "31/02/2026")],
        )
        .await
        .expect(422)
        .contains("Thời hạn");
    office
        .post_form(&format!("/exemplars/{id}/fostering"), &step)
        .await
        .expect(303);
    let page = office.get(&format!("/exemplars/{id}")).await;
    page.expect(200)
        .contains("Áp dụng tại 3 tổ dân phố")
        .contains("Giấy khen của Chủ tịch UBND quận");
}

//! Nominations end to end through the API: a ward officer prepares a dossier, sends it through the
//! theme's lead unit, the standing office returns it, the ward fixes and resubmits, the office accepts.
//! Every refusal (deadline, quota, documents, scope, eligibility, double achievement, stale version,
//! wrong role) is explained in Vietnamese and leaves the audit log as it was.

use crate::campaigns_api::{day, launch, multipart, pdf, plan_body};
use crate::common::{
    ALL_USERS, COUNCIL, Engine, Reply, STANDING, Session, TestApp, UO_BACHDANG, UO_VHTT, VIEWER,
};
use crate::on_both_engines;
use serde_json::{Value, json};
use thidua_store::nominations::{self as store, NominationRow};

on_both_engines!(
    nomination_path_end_to_end,
    refusals_save_nothing,
    over_quota_names_the_quota_and_those_sent,
    appraisal_conflicts_and_roles,
    pages_and_their_policy,
    bulk_appraisal_is_all_or_nothing
);

/// The `id` of a record as the API shows it.
pub fn sid(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

/// A launched plan with Bạch Đằng and VHTT taking part, a theme led by VHTT, a nomination deadline
/// `due_in` days from today and the quota "mỗi phường tối đa 02 tập thể, 04 cá nhân".
pub async fn campaign(app: &TestApp, office: &Session, due_in: i64) -> (String, String) {
    let (bd, vhtt) = (app.unit("P-BACHDANG").await.id, app.unit("P-VHTT").await.id);
    let r = office
        .api_post(
            "/api/v1/campaigns",
            &plan_body("Phong trào thi đua chuyển đổi số", &[bd, vhtt.clone()]),
        )
        .await;
    r.expect(201);
    let id = sid(&r.json());
    let theme = office
        .api_post(
            &format!("/api/v1/campaigns/{id}/themes"),
            &json!({"title": "Chuyên đề chuyển đổi số", "lead_unit_id": vhtt}),
        )
        .await;
    theme.expect(201);
    office.api_post(&format!("/api/v1/campaigns/{id}/deadlines"), &json!({"kind": "nomination", "what": "Hồ sơ đề nghị khen thưởng", "due_on": day(due_in)})).await.expect(201);
    office.api_post(&format!("/api/v1/campaigns/{id}/quotas"), &json!({"who": "Mỗi phường", "unit_kind": "ward", "collectives_max": 2, "individuals_max": 4})).await.expect(201);
    let plan = office
        .api_get(&format!("/api/v1/campaigns/{id}"))
        .await
        .json();
    launch(office, &plan).await;
    (id, sid(&theme.json()))
}

pub fn collective(bd: &str, unit: &str, campaign: &str, theme: Option<&str>, key: &str) -> Value {
    json!({"nominating_unit_id": bd, "nominee_type": "unit", "unit_id": unit, "code": "GIAY_KHEN", "kind": "campaign", "campaign_id": campaign, "theme_id": theme,
           "year": 2026, "achievement": "Hoàn thành xuất sắc chuyển đổi số ở tổ dân phố", "achievement_key": key})
}

/// Uploads the three documents of a Giấy khen dossier (the minutes with 7 of 9 votes).
pub async fn full_dossier(s: &Session, id: &str) {
    for code in ["to_trinh", "bao_cao_thanh_tich"] {
        multipart(
            s,
            &format!("/api/v1/nominations/{id}/documents"),
            &[("doc_code", code)],
            &[("tai_lieu.pdf", pdf())],
        )
        .await
        .expect(201);
    }
    let r = multipart(
        s,
        &format!("/api/v1/nominations/{id}/documents"),
        &[
            ("doc_code", "bien_ban"),
            ("vote_yes", "7"),
            ("vote_total", "9"),
        ],
        &[("bien_ban.pdf", pdf())],
    )
    .await;
    r.expect(201);
    assert_eq!(r.json()[0]["vote_yes"], 7);
}

/// Creates a nomination through the API (201) and returns it as read back.
pub async fn create(s: &Session, body: &Value) -> Value {
    let r = s.api_post("/api/v1/nominations", body).await;
    r.expect(201);
    r.json()
}

/// Takes step `what` (`submit`, `forward`, `return`…) on nomination `n` with its version and the fields of `extra`.
pub async fn step(s: &Session, n: &Value, what: &str, extra: Value) -> Reply {
    let mut body = json!({"version": n["version"]});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    s.api_post(&format!("/api/v1/nominations/{}/{what}", sid(n)), &body)
        .await
}

#[track_caller]
fn field_error(r: &Reply, field: &str, needle: &str) {
    r.expect(422);
    let body = r.json();
    let f = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == field)
        .unwrap_or_else(|| panic!("no error for {field}: {body}"));
    assert!(
        f["message"].as_str().unwrap().contains(needle),
        "{field}: {f} lacks {needle:?}"
    );
}

async fn nomination_path_end_to_end(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let (cid, theme) = campaign(&app, &office, 10).await;
    let uo = app.login(UO_BACHDANG).await;
    let lead = app.login(UO_VHTT).await;
    let (bd, tdp1) = (
        app.unit("P-BACHDANG").await.id,
        app.unit("P-BACHDANG-TDP1").await.id,
    );
    let n = create(
        &uo,
        &collective(&bd, &tdp1, &cid, Some(&theme), "QĐ 15/2026"),
    )
    .await;
    assert_eq!(
        (n["status"].as_str(), n["status_label"].as_str()),
        (Some("draft"), Some("Đang soạn"))
    );
    assert_eq!(n["kind_label"], "Khen thưởng theo đợt, chuyên đề");
    assert_eq!(n["route_unit_id"], app.unit("P-VHTT").await.id);
    assert_eq!(n["required_documents"].as_array().unwrap().len(), 3);
    assert!(
        n["required_documents"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["present"] == false)
    );
    // Minutes with more votes than members are refused.
    let r = multipart(
        &uo,
        &format!("/api/v1/nominations/{}/documents", sid(&n)),
        &[
            ("doc_code", "bien_ban"),
            ("vote_yes", "10"),
            ("vote_total", "9"),
        ],
        &[("bb.pdf", pdf())],
    )
    .await;
    field_error(&r, "vote_total", "không vượt quá");
    full_dossier(&uo, &sid(&n)).await;
    let n = uo
        .api_get(&format!("/api/v1/nominations/{}", sid(&n)))
        .await
        .json();
    assert!(
        n["required_documents"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["present"] == true),
        "{n}"
    );

    // Sent through the theme's lead unit, which sees it in its notifications and forwards it.
    let r = step(&uo, &n, "submit", json!({})).await;
    r.expect(200);
    let n = r.json()["nomination"].clone();
    assert_eq!(n["status"], "at_theme_lead");
    assert!(
        lead.api_get("/api/v1/notifications")
            .await
            .json()
            .to_string()
            .contains("chờ đơn vị chủ trì")
    );
    let inbox = lead.api_get("/api/v1/nominations").await.json();
    assert!(
        inbox.as_array().unwrap().iter().any(|x| x["id"] == n["id"]),
        "{inbox}"
    );
    let r = step(&lead, &n, "forward", json!({})).await;
    r.expect(200);
    let n = r.json();
    assert_eq!(
        (n["status"].as_str(), n["status_label"].as_str()),
        (Some("submitted"), Some("Chờ thẩm định"))
    );
    let pending = office
        .api_get("/api/v1/nominations?pending=true")
        .await
        .json();
    assert!(
        pending
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["id"] == n["id"])
    );

    // Returned with reasons; the ward fixes, resubmits (round 2), the lead forwards, the office accepts.
    step(&office, &n, "return", json!({})).await.expect(422);
    let r = step(
        &office,
        &n,
        "return",
        json!({"note": "Bổ sung số liệu tỷ lệ hồ sơ trực tuyến"}),
    )
    .await;
    r.expect(200);
    let n = r.json();
    assert_eq!(n["status"], "returned");
    assert!(
        uo.api_get("/api/v1/notifications")
            .await
            .json()
            .to_string()
            .contains("bị trả lại: Bổ sung số liệu")
    );
    let mut body = collective(&bd, &tdp1, &cid, Some(&theme), "QĐ 15/2026");
    body["achievement"] = json!("Hoàn thành xuất sắc chuyển đổi số: 98 % hồ sơ trực tuyến");
    body["version"] = n["version"].clone();
    let r = uo
        .api_put(&format!("/api/v1/nominations/{}", sid(&n)), &body)
        .await;
    r.expect(200);
    let r = step(&uo, &r.json(), "submit", json!({})).await;
    r.expect(200);
    let n = r.json()["nomination"].clone();
    assert_eq!(
        (n["status"].as_str(), n["round"].as_i64()),
        (Some("at_theme_lead"), Some(2))
    );
    let n = step(&lead, &n, "forward", json!({})).await.json();
    // A higher form is not a lower one.
    field_error(
        &step(&office, &n, "accept", json!({"code": "BK_TINH"})).await,
        "code",
        "không thấp hơn",
    );
    let r = step(&office, &n, "accept", json!({})).await;
    r.expect(200);
    let n = r.json();
    assert_eq!(
        (n["status"].as_str(), n["status_label"].as_str()),
        (Some("accepted"), Some("Đã thẩm định, chờ Hội đồng xét"))
    );
    let actions: Vec<&str> = n["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "create", "submit", "forward", "return", "submit", "forward", "accept"
        ]
    );
    let ret = &n["timeline"][3];
    assert_eq!(
        (
            ret["action_label"].as_str(),
            ret["note"].as_str(),
            ret["round"].as_i64()
        ),
        (
            Some("Trả lại hồ sơ"),
            Some("Bổ sung số liệu tỷ lệ hồ sơ trực tuyến"),
            Some(1)
        )
    );
    assert_eq!(n["timeline"][6]["round"], 2);
    assert!(
        uo.api_get("/api/v1/notifications")
            .await
            .json()
            .to_string()
            .contains("đã được thẩm định")
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE object_id = '{}'",
            sid(&n)
        ))
        .await,
        11
    );
}

async fn refusals_save_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let (cid, _) = campaign(&app, &office, 10).await;
    let (late, _) = campaign(&app, &office, -1).await;
    let uo = app.login(UO_BACHDANG).await;
    let (bd, tdp1, tdp2) = (
        app.unit("P-BACHDANG").await.id,
        app.unit("P-BACHDANG-TDP1").await.id,
        app.unit("P-BACHDANG-TDP2").await.id,
    );

    // Outside the officer's scope: another department's person, or another unit nominating.
    let before = app.audit_rows().await;
    let outsider = app.person_in("P-VHTT").await;
    let r = uo.api_post("/api/v1/nominations", &json!({"nominating_unit_id": bd, "nominee_type": "person", "person_id": outsider.id, "code": "GIAY_KHEN", "kind": "merit", "year": 2025, "achievement": "Thành tích"})).await;
    field_error(&r, "nominee", "phạm vi");
    let r = uo
        .api_post(
            "/api/v1/nominations",
            &collective(&app.unit("P-VHTT").await.id, &tdp1, &cid, None, "x"),
        )
        .await;
    field_error(&r, "nominating_unit_id", "phạm vi");
    let r = uo.api_post("/api/v1/nominations", &json!({"nominating_unit_id": bd, "nominee_type": "household", "household_name": "Hộ ông Trần Văn Bình", "code": "GIAY_KHEN", "kind": "ad_hoc", "year": 2026, "achievement": "Cứu người"})).await;
    field_error(&r, "justification", "đột xuất");
    let r = uo.api_post("/api/v1/nominations", &json!({"nominating_unit_id": bd, "nominee_type": "household", "household_name": "Hộ ông Trần Văn Bình", "code": "GIAY_KHEN", "kind": "merit", "procedure": "simplified", "year": 2026, "achievement": "Cứu người"})).await;
    field_error(
        &r,
        "procedure",
        "Thủ tục đơn giản chỉ áp dụng cho khen thưởng đột xuất",
    );
    assert_eq!(app.audit_rows().await, before);
    // Ad hoc with its justification may use the simplified procedure and its shorter dossier.
    let adhoc = create(&uo, &json!({"nominating_unit_id": bd, "nominee_type": "household", "household_name": "Hộ ông Trần Văn Bình", "code": "GIAY_KHEN", "kind": "ad_hoc", "procedure": "simplified", "justification": "Dũng cảm cứu người bị nạn", "year": 2026, "achievement": "Cứu người"})).await;
    let codes: Vec<&str> = adhoc["required_documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["doc_code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["to_trinh", "bao_cao_tom_tat"]);

    // After the nomination deadline.
    let n = create(&uo, &collective(&bd, &tdp1, &late, None, "late-1")).await;
    full_dossier(&uo, &sid(&n)).await;
    let n = uo
        .api_get(&format!("/api/v1/nominations/{}", sid(&n)))
        .await
        .json();
    let before = app.audit_rows().await;
    field_error(
        &step(&uo, &n, "submit", json!({})).await,
        "campaign_id",
        "hết hạn",
    );
    // Missing documents.
    let bare = create(&uo, &collective(&bd, &tdp2, &cid, None, "bare-1")).await;
    let before_bare = app.audit_rows().await;
    field_error(
        &step(&uo, &bare, "submit", json!({})).await,
        "documents",
        "Hồ sơ còn thiếu: Tờ trình đề nghị khen thưởng",
    );
    assert_eq!(app.audit_rows().await, before_bare);
    assert!(app.audit_rows().await > before);

    // Blocking eligibility failure: a provincial emulation fighter needs three CSTDCS in a row.
    let person = app.person_in("P-BACHDANG").await;
    let p = create(&uo, &json!({"nominating_unit_id": bd, "nominee_type": "person", "person_id": person.id, "code": "CSTD_TINH", "kind": "merit", "year": 2025, "achievement": "Thành tích xuất sắc", "achievement_key": "cstd-1"})).await;
    let before = app.audit_rows().await;
    let r = step(&uo, &p, "submit", json!({})).await;
    r.expect(422);
    assert!(
        r.json()["fields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["field"] == "eligibility"),
        "{}",
        r.text
    );
    assert_eq!(app.audit_rows().await, before);

    // The same achievement twice: the second is refused, naming the first.
    let first = create(&uo, &collective(&bd, &tdp1, &cid, None, "SK-07/2026")).await;
    full_dossier(&uo, &sid(&first)).await;
    let first = uo
        .api_get(&format!("/api/v1/nominations/{}", sid(&first)))
        .await
        .json();
    step(&uo, &first, "submit", json!({})).await.expect(200);
    let second = create(&uo, &collective(&bd, &tdp2, &cid, None, "sk-07/2026")).await;
    full_dossier(&uo, &sid(&second)).await;
    let second = uo
        .api_get(&format!("/api/v1/nominations/{}", sid(&second)))
        .await
        .json();
    let before = app.audit_rows().await;
    field_error(
        &step(&uo, &second, "submit", json!({})).await,
        "achievement_key",
        "Tổ dân phố số 1",
    );
    assert_eq!(app.audit_rows().await, before);
    assert_eq!(
        uo.api_get(&format!("/api/v1/nominations/{}", sid(&second)))
            .await
            .json()["status"],
        "draft"
    );
    // Withdrawn before appraisal.
    let first = uo
        .api_get(&format!("/api/v1/nominations/{}", sid(&first)))
        .await
        .json();
    let r = step(&uo, &first, "withdraw", json!({})).await;
    r.expect(200);
    assert_eq!(r.json()["status_label"], "Đã thu hồi");
}

async fn over_quota_names_the_quota_and_those_sent(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let (cid, _) = campaign(&app, &office, 10).await;
    let uo = app.login(UO_BACHDANG).await;
    let bd = app.unit("P-BACHDANG").await.id;
    for n in 1..=2 {
        let tdp = app.unit(&format!("P-BACHDANG-TDP{n}")).await.id;
        let x = create(&uo, &collective(&bd, &tdp, &cid, None, &format!("q-{n}"))).await;
        full_dossier(&uo, &sid(&x)).await;
        let x = uo
            .api_get(&format!("/api/v1/nominations/{}", sid(&x)))
            .await
            .json();
        step(&uo, &x, "submit", json!({})).await.expect(200);
    }
    let x = create(
        &uo,
        &collective(
            &bd,
            &app.unit("P-BACHDANG-TDP3").await.id,
            &cid,
            None,
            "q-3",
        ),
    )
    .await;
    full_dossier(&uo, &sid(&x)).await;
    let x = uo
        .api_get(&format!("/api/v1/nominations/{}", sid(&x)))
        .await
        .json();
    let before = app.audit_rows().await;
    let r = step(&uo, &x, "submit", json!({})).await;
    field_error(&r, "quota", "Mỗi phường: tối đa 02 tập thể");
    field_error(
        &r,
        "quota",
        "Tổ dân phố số 1, Phường Bạch Đằng, Tổ dân phố số 2, Phường Bạch Đằng",
    );
    assert_eq!(app.audit_rows().await, before);

    // Individuals have their own quota; the head of the ward shows the ward's result, and a routine
    // yearly title nominated in a campaign is flagged. Both are warnings kept with the nomination.
    let head = app
        .scalar_text("SELECT id FROM persons WHERE full_name = 'Nguyễn Văn An'")
        .await;
    let x = create(&uo, &json!({"nominating_unit_id": bd, "nominee_type": "person", "person_id": head, "code": "LDTT", "kind": "campaign", "campaign_id": cid, "year": 2025, "achievement": "Chỉ đạo chuyển đổi số của phường"})).await;
    full_dossier(&uo, &sid(&x)).await;
    let x = uo
        .api_get(&format!("/api/v1/nominations/{}", sid(&x)))
        .await
        .json();
    let r = step(&uo, &x, "submit", json!({})).await;
    r.expect(200);
    let warnings = r.json()["nomination"]["warnings"].to_string();
    assert!(warnings.contains("người đứng đầu đơn vị; kết quả của tập thể Phường Bạch Đằng năm 2025: Hoàn thành xuất sắc nhiệm vụ"), "{warnings}");
    assert!(warnings.contains("danh hiệu xét hằng năm"), "{warnings}");
    // The office nominating an enterprise for a ward: consent of its managing body, tax and insurance.
    let dn = app.unit("DN-MOITRUONG").await.id;
    let x = create(&office, &json!({"nominating_unit_id": bd, "nominee_type": "unit", "unit_id": dn, "code": "GIAY_KHEN", "kind": "merit", "year": 2025, "achievement": "Bảo đảm vệ sinh môi trường trên địa bàn phường"})).await;
    full_dossier(&office, &sid(&x)).await;
    let x = office
        .api_get(&format!("/api/v1/nominations/{}", sid(&x)))
        .await
        .json();
    let r = step(&office, &x, "submit", json!({})).await;
    r.expect(200);
    let warnings = r.json()["warnings"].to_string();
    assert!(
        warnings.contains("ý kiến của cơ quan, đơn vị quản lý")
            && warnings.contains("cơ quan thuế và bảo hiểm xã hội"),
        "{warnings}"
    );
}

async fn appraisal_conflicts_and_roles(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let other_office = app.login(STANDING).await;
    let (cid, _) = campaign(&app, &office, 10).await;
    let uo = app.login(UO_BACHDANG).await;
    let bd = app.unit("P-BACHDANG").await.id;
    let n = create(
        &uo,
        &collective(
            &bd,
            &app.unit("P-BACHDANG-TDP1").await.id,
            &cid,
            None,
            "c-1",
        ),
    )
    .await;
    full_dossier(&uo, &sid(&n)).await;
    let n = uo
        .api_get(&format!("/api/v1/nominations/{}", sid(&n)))
        .await
        .json();
    let n = step(&uo, &n, "submit", json!({})).await.json()["nomination"].clone();
    assert_eq!(n["status"], "submitted");
    let lead = app.login(UO_VHTT).await;
    let before = app.audit_rows().await;
    step(&uo, &n, "accept", json!({})).await.expect(403);
    step(&lead, &n, "forward", json!({})).await.expect(404);
    assert_eq!(app.audit_rows().await, before);
    // Two officers appraising the same dossier at once: the second is told.
    step(&office, &n, "accept", json!({})).await.expect(200);
    let before = app.audit_rows().await;
    step(
        &other_office,
        &n,
        "return",
        json!({"note": "Thiếu số liệu"}),
    )
    .await
    .expect(409);
    assert_eq!(app.audit_rows().await, before);
    // The unit can no longer withdraw or edit once appraised.
    let fresh = uo
        .api_get(&format!("/api/v1/nominations/{}", sid(&n)))
        .await
        .json();
    step(&uo, &fresh, "withdraw", json!({})).await.expect(422);

    // A lower form only a lower body decides is refused: since 1/7/2025 the district decides no Giấy
    // khen (a ward chairman does), so the dossier would stay "passed" here with no one to decide it.
    let h = create(&uo, &json!({"nominating_unit_id": bd, "nominee_type": "household", "household_name": "Hộ ông Trần Văn Bình", "code": "BK_TINH", "kind": "merit", "year": 2025, "achievement": "Gia đình tiêu biểu"})).await;
    assert_eq!(h["nominee_type_label"], "Hộ gia đình");
    full_dossier(&uo, &sid(&h)).await;
    let h = uo
        .api_get(&format!("/api/v1/nominations/{}", sid(&h)))
        .await
        .json();
    let h = step(&uo, &h, "submit", json!({})).await.json()["nomination"].clone();
    let before = app.audit_rows().await;
    field_error(
        &step(&office, &h, "accept", json!({"code": "GIAY_KHEN"})).await,
        "code",
        "không thuộc thẩm quyền của cơ quan này hay cấp trên",
    );
    assert_eq!(app.audit_rows().await, before, "nothing saved");
    office
        .get(&format!("/nominations/{}", sid(&h)))
        .await
        .expect(200)
        .contains("Chấp nhận ở hình thức");
    assert!(
        !office
            .get(&format!("/nominations/{}", sid(&h)))
            .await
            .text
            .contains("<option value=\"GIAY_KHEN\">"),
        "a form no one above decides is not offered"
    );

    // Accepted for a lower form a body above decides: the code changes, the form asked is kept, the
    // timeline says so. The Prime Minister's Bằng khen asks for the dossier in Word *and* PDF.
    let t = create(&uo, &json!({"nominating_unit_id": bd, "nominee_type": "household", "household_name": "Hộ bà Nguyễn Thị Lan", "code": "BK_TTG", "kind": "merit", "year": 2025, "achievement": "Hiến 500 m² đất mở đường"})).await;
    full_dossier(&uo, &sid(&t)).await;
    let upload = |name: &'static str, bytes: Vec<u8>| {
        let (uo, id) = (&uo, sid(&t));
        async move {
            multipart(
                uo,
                &format!("/api/v1/nominations/{id}/documents"),
                &[("doc_code", "tep_dien_tu")],
                &[(name, bytes)],
            )
            .await
            .expect(201);
        }
    };
    upload("ho_so.pdf", pdf()).await;
    let electronic = |n: &Value| {
        n["required_documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["doc_code"] == "tep_dien_tu")
            .map(|d| d["present"].clone())
    };
    let t = uo
        .api_get(&format!("/api/v1/nominations/{}", sid(&t)))
        .await
        .json();
    assert_eq!(
        electronic(&t),
        Some(json!(false)),
        "a lone PDF is not Word and PDF: {t}"
    );
    field_error(
        &step(&uo, &t, "submit", json!({})).await,
        "documents",
        "còn thiếu bản Word",
    );
    let mut docx = b"PK\x03\x04".to_vec();
    docx.extend_from_slice(&[0; 64]);
    upload("ho_so.docx", docx).await;
    let t = uo
        .api_get(&format!("/api/v1/nominations/{}", sid(&t)))
        .await
        .json();
    assert_eq!(electronic(&t), Some(json!(true)), "{t}");
    let r = step(&uo, &t, "submit", json!({})).await;
    r.expect(200);
    let t = r.json()["nomination"].clone();
    let r = step(&office, &t, "accept", json!({"code": "BK_TINH"})).await;
    r.expect(200);
    let h = r.json();
    assert_eq!(
        (
            h["code"].as_str(),
            h["original_code"].as_str(),
            h["status"].as_str()
        ),
        (Some("BK_TINH"), Some("BK_TTG"), Some("accepted"))
    );
    assert!(
        h["timeline"].as_array().unwrap().last().unwrap()["note"]
            .as_str()
            .unwrap()
            .contains("hình thức thấp hơn"),
        "{h}"
    );
}

/// Who may open which nomination page; users in the order of `ALL_USERS` (admin, office, Bạch Đằng,
/// VHTT, council, chairman, viewer). `{id}` is a draft of Bạch Đằng.
struct PageRoute {
    path: &'static str,
    expect: [u16; 7],
}

const PAGE_ROUTES: &[PageRoute] = &[
    PageRoute {
        path: "/nominations",
        expect: [200; 7],
    },
    PageRoute {
        path: "/nominations?pending=1",
        expect: [200; 7],
    },
    PageRoute {
        path: "/notifications",
        expect: [200; 7],
    },
    PageRoute {
        path: "/nominations/new",
        expect: [200, 200, 200, 200, 403, 403, 403],
    },
    PageRoute {
        path: "/nominations/{id}",
        expect: [200, 200, 200, 404, 200, 200, 200],
    },
    PageRoute {
        path: "/nominations/{id}/edit",
        expect: [200, 200, 200, 404, 403, 403, 403],
    },
];

async fn pages_and_their_policy(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let (cid, theme) = campaign(&app, &office, 10).await;
    let uo = app.login(UO_BACHDANG).await;
    let (bd, tdp1) = (
        app.unit("P-BACHDANG").await.id,
        app.unit("P-BACHDANG-TDP1").await.id,
    );
    let n = create(&uo, &collective(&bd, &tdp1, &cid, Some(&theme), "trang-1")).await;
    let id = sid(&n);
    for (i, user) in ALL_USERS.iter().enumerate() {
        let s = app.login(user).await;
        for route in PAGE_ROUTES {
            let r = s.get(&route.path.replace("{id}", &id)).await;
            assert_eq!(
                r.status.as_u16(),
                route.expect[i],
                "{user} GET {}: {}",
                route.path,
                crate::common::excerpt(&r.text)
            );
        }
    }
    // The page shows labels, never state codes; a refused step shows the reasons and saves nothing.
    let page = uo.get(&format!("/nominations/{id}")).await;
    page.expect(200)
        .contains("Đang soạn")
        .contains("Tạo hồ sơ")
        .contains("Còn thiếu")
        .contains("Gửi hồ sơ");
    assert!(!page.text.contains(">draft<"));
    let before = app.audit_rows().await;
    let r = uo
        .post_form(
            &format!("/nominations/{id}/step"),
            &[("action", "submit"), ("version", &n["version"].to_string())],
        )
        .await;
    r.expect(422).contains("Hồ sơ còn thiếu");
    assert_eq!(app.audit_rows().await, before);
    // Through the pages: a new draft, the dossier, submission, the lead forwards, the office accepts in bulk.
    let r = uo
        .post_form(
            "/nominations",
            &[
                ("nominating_unit_id", &bd),
                ("nominee_type", "unit"),
                ("unit_id", &app.unit("P-BACHDANG-TDP2").await.id),
                ("code", "GIAY_KHEN"),
                ("kind", "merit"),
                ("year", "2026"),
                ("achievement", "Giữ gìn vệ sinh môi trường"),
            ],
        )
        .await;
    r.expect(303);
    let loc = r.location().unwrap().split('?').next().unwrap().to_string();
    let nid = loc.trim_start_matches("/nominations/").to_string();
    full_dossier(&uo, &nid).await;
    let n2 = uo
        .api_get(&format!("/api/v1/nominations/{nid}"))
        .await
        .json();
    uo.post_form(
        &format!("/nominations/{nid}/step"),
        &[
            ("action", "submit"),
            ("version", &n2["version"].to_string()),
        ],
    )
    .await
    .expect(303);
    let list = office.get("/nominations?pending=1").await;
    list.expect(200).contains("Chờ thẩm định");
    let n2 = office
        .api_get(&format!("/api/v1/nominations/{nid}"))
        .await
        .json();
    let item = format!("{nid}:{}", n2["version"]);
    office
        .post_form("/nominations/bulk", &[("ids", &item), ("action", "accept")])
        .await
        .expect(303);
    assert_eq!(
        office
            .api_get(&format!("/api/v1/nominations/{nid}"))
            .await
            .json()["status"],
        "accepted"
    );
    uo.get("/notifications")
        .await
        .expect(200)
        .contains("đã được thẩm định");
    // The achievement report, generated from the data as a DOCX.
    let (status, headers, bytes) = uo
        .download(&format!("/nominations/{nid}/report.docx"))
        .await;
    assert_eq!(status.as_u16(), 200);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .contains("wordprocessingml")
    );
    assert!(bytes.starts_with(b"PK") && bytes.windows(17).any(|w| w == b"word/document.xml"));
    let (status, _, _) = app
        .login(UO_VHTT)
        .await
        .download(&format!("/api/v1/nominations/{nid}/report"))
        .await;
    assert_eq!(status.as_u16(), 404);
}

/// `n` nominations of different people of Bạch Đằng for Lao động tiên tiến, stored straight in state
/// `submitted` (version 1; the dossier checks are tested above): (id, nominee name).
pub async fn submitted(app: &TestApp, n: usize) -> Vec<(String, String)> {
    let ward = app.unit("P-BACHDANG").await;
    let mut tx = app.db.begin().await.unwrap();
    let filter = thidua_store::persons::PersonFilter {
        scope: Some(ward.path.clone()),
        ..Default::default()
    };
    let people = thidua_store::persons::list(&mut tx, &app.org_id, &filter, n as i64, 0)
        .await
        .unwrap();
    assert_eq!(people.len(), n, "demo has too few people in Bạch Đằng");
    let mut out = Vec::new();
    for p in people {
        let now = thidua_store::ids::now();
        let mut row = NominationRow {
            id: thidua_store::ids::new_id(),
            org_id: app.org_id.clone(),
            campaign_id: None,
            theme_id: None,
            nominating_unit_id: ward.id.clone(),
            nominee_type: "person".into(),
            person_id: Some(p.id.clone()),
            unit_id: None,
            household_name: None,
            code: "LDTT".into(),
            original_code: None,
            kind: "merit".into(),
            procedure: "standard".into(),
            year: 2025,
            achievement: "Hoàn thành tốt nhiệm vụ năm 2025".into(),
            achievement_key: None,
            justification: None,
            status: "submitted".into(),
            route_unit_id: None,
            round: 1,
            submitted_at: Some(now.clone()),
            checks_json: None,
            confidential: false,
            search_text: String::new(),
            created_by: None,
            version: 1,
            created_at: now.clone(),
            updated_at: now,
        };
        row.search_text = row.make_search_text(&p.full_name);
        store::insert(&mut tx, &row).await.unwrap();
        out.push((row.id, p.full_name));
    }
    tx.commit().await.unwrap();
    out
}

const BULK: &str = "/api/v1/nominations/bulk";

async fn statuses(app: &TestApp, noms: &[(String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    for (id, _) in noms {
        out.push(
            app.scalar_text(&format!("SELECT status FROM nominations WHERE id = '{id}'"))
                .await,
        );
    }
    out
}

/// The standing office accepts or returns many nominations through the API (and the list page) in one
/// transaction: one stale or unsuitable nomination changes nothing and is named; a return needs its
/// reason; other roles are refused.
async fn bulk_appraisal_is_all_or_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let noms = submitted(&app, 4).await;
    let (a, b, c, d) = (&noms[0].0, &noms[1].0, &noms[2].0, &noms[3].0);
    let all_submitted = vec!["submitted".to_string(); 4];
    let others = [
        app.login(UO_BACHDANG).await,
        app.login(COUNCIL).await,
        app.login(VIEWER).await,
    ];
    let before = app.audit_rows().await;

    // Only the standing office (and the administrator) appraise.
    for s in &others {
        let r = s
            .api_post(BULK, &json!({"action": "accept", "ids": [a, b]}))
            .await;
        r.expect(403);
        assert!(
            r.json()["message"]
                .as_str()
                .unwrap()
                .contains("không có quyền"),
            "{}",
            r.text
        );
        s.api_post(
            BULK,
            &json!({"action": "return", "ids": [a], "note": "Thiếu minh chứng"}),
        )
        .await
        .expect(403);
    }
    // A return needs its reason; the action and the list are named when wrong.
    field_error(
        &office
            .api_post(BULK, &json!({"action": "return", "ids": [a], "note": "  "}))
            .await,
        "note",
        "lý do trả lại",
    );
    field_error(
        &office
            .api_post(BULK, &json!({"action": "return", "ids": [a]}))
            .await,
        "note",
        "lý do trả lại",
    );
    field_error(
        &office
            .api_post(BULK, &json!({"action": "duyet", "ids": [a]}))
            .await,
        "action",
        "chấp nhận (accept) hoặc trả lại (return)",
    );
    field_error(
        &office
            .api_post(BULK, &json!({"action": "accept", "ids": []}))
            .await,
        "ids",
        "ít nhất một hồ sơ",
    );
    field_error(
        &office
            .api_post(BULK, &json!({"action": "accept", "ids": [1, 2]}))
            .await,
        "ids[0]",
        "không đúng kiểu",
    );
    assert_eq!(statuses(&app, &noms).await, all_submitted);
    assert_eq!(app.audit_rows().await, before);

    // One stale version among good ones: nothing changes, only that nomination is named.
    let r = office
        .api_post(
            BULK,
            &json!({"action": "accept", "ids": [a, {"id": b, "version": 7}, c]}),
        )
        .await;
    field_error(
        &r,
        "ids",
        &format!(
            "Hồ sơ {} — Lao động tiên tiến: vừa được người khác cập nhật",
            noms[1].1
        ),
    );
    assert_eq!(
        r.json()["fields"].as_array().unwrap().len(),
        1,
        "{}",
        r.text
    );
    // An unknown id is named too.
    field_error(
        &office
            .api_post(
                BULK,
                &json!({"action": "return", "ids": [a, "khong-co"], "note": "Thiếu minh chứng"}),
            )
            .await,
        "ids",
        "Không tìm thấy hồ sơ đề nghị «khong-co»",
    );
    assert_eq!(statuses(&app, &noms).await, all_submitted);
    assert_eq!(app.audit_rows().await, before);

    // All fit: accepted together, each with its audit row, timeline remark and notification.
    let r = office.api_post(BULK, &json!({"action": "accept", "ids": [{"id": a}, {"id": b, "version": 1}, a], "note": "Đủ điều kiện"})).await;
    r.expect(200);
    let done = r.json();
    assert_eq!(
        (done["action"].as_str(), done["count"].as_u64()),
        (Some("accept"), Some(2)),
        "{done}"
    );
    let results: Vec<(&str, &str)> = done["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["id"].as_str().unwrap(),
                n["status_label"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        results,
        vec![
            (a.as_str(), "Đã thẩm định, chờ Hội đồng xét"),
            (b.as_str(), "Đã thẩm định, chờ Hội đồng xét")
        ]
    );
    assert_eq!(
        statuses(&app, &noms).await,
        ["accepted", "accepted", "submitted", "submitted"]
    );
    assert_eq!(app.audit_rows().await, before + 2);
    let n = office
        .api_get(&format!("/api/v1/nominations/{a}"))
        .await
        .json();
    assert_eq!(
        n["timeline"].as_array().unwrap().last().unwrap()["note"],
        "Đủ điều kiện"
    );
    assert!(
        others[0]
            .api_get("/api/v1/notifications")
            .await
            .text
            .contains("đã được thẩm định")
    );

    // An accepted nomination no longer takes a bulk accept: named, and the other one stays as it was.
    let r = office
        .api_post(BULK, &json!({"action": "accept", "ids": [d, a]}))
        .await;
    field_error(
        &r,
        "ids",
        &format!("Hồ sơ {} — Lao động tiên tiến: Không thể", noms[0].1),
    );
    assert_eq!(
        statuses(&app, &noms).await,
        ["accepted", "accepted", "submitted", "submitted"]
    );

    // A return with its reason, in one go.
    let r = office
        .api_post(
            BULK,
            &json!({"action": "return", "ids": [c], "note": "Bổ sung minh chứng thành tích"}),
        )
        .await;
    r.expect(200);
    assert_eq!(r.json()["results"][0]["status"], "returned");
    let n = office
        .api_get(&format!("/api/v1/nominations/{c}"))
        .await
        .json();
    assert_eq!(
        n["timeline"].as_array().unwrap().last().unwrap()["note"],
        "Bổ sung minh chứng thành tích"
    );

    // The list page runs the same use case: one stale line, nothing changes, the page names it.
    let before = app.audit_rows().await;
    let r = office
        .post_form(
            "/nominations/bulk",
            &[
                ("ids", &format!("{d}:1")),
                ("ids", &format!("{b}:1")),
                ("action", "accept"),
            ],
        )
        .await;
    r.expect(422).contains(&format!(
        "Hồ sơ {} — Lao động tiên tiến: vừa được người khác cập nhật",
        noms[1].1
    ));
    assert_eq!(
        statuses(&app, &noms).await,
        ["accepted", "accepted", "returned", "submitted"]
    );
    assert_eq!(app.audit_rows().await, before);
    office
        .post_form(
            "/nominations/bulk",
            &[
                ("ids", &format!("{d}:1")),
                ("action", "return"),
                ("note", ""),
            ],
        )
        .await
        .expect(422)
        .contains("Hãy ghi rõ lý do trả lại");
    let r = office
        .post_form(
            "/nominations/bulk",
            &[("ids", &format!("{d}:1")), ("action", "accept")],
        )
        .await;
    r.expect(303);
    assert!(r.location().unwrap().contains("pending=1"));
    assert_eq!(
        statuses(&app, &noms).await,
        ["accepted", "accepted", "returned", "accepted"]
    );

    // The route is described in the OpenAPI document.
    let doc = office.api_get("/api/openapi.json").await.json();
    assert!(
        doc["paths"]["/api/v1/nominations/bulk"]["post"].is_object(),
        "bulk missing from the OpenAPI document"
    );
}

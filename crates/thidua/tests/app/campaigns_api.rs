//! The campaigns API end to end: the standing office writes and launches a plan, a unit officer
//! registers, reports progress with evidence and sends what a deadline asks for; the matrix and the
//! progress board show it. Bad input, closed campaigns, stale versions and other roles are refused
//! with Vietnamese messages naming the field, and every refusal leaves the audit log as it was.

use crate::common::{
    CHAIRMAN, COUNCIL, Engine, Reply, STANDING, Session, TestApp, UO_BACHDANG, UO_VHTT, VIEWER,
    with_query,
};
use crate::on_both_engines;
use reqwest::Method;
use serde_json::{Value, json};

on_both_engines!(
    plan_to_matrix_end_to_end,
    bad_plan_input_is_named_and_saves_nothing,
    bad_unit_work_is_named_and_saves_nothing,
    closed_campaign_is_read_only,
    stale_versions_are_conflicts,
    other_roles_are_refused,
    unit_officer_sees_launched_campaigns_and_own_rows,
    copy_makes_next_years_draft,
    calendar_window_and_scope,
);

/// Today in Vietnam, as the app counts deadlines.
pub fn today() -> time::Date {
    (time::OffsetDateTime::now_utc() + time::Duration::hours(7)).date()
}

/// `dd/mm/yyyy` of today plus `days`.
pub fn day(days: i64) -> String {
    thidua_domain::date::vn(today() + time::Duration::days(days))
}

/// `yyyy-mm-dd` of today plus `days`.
pub fn iso_day(days: i64) -> String {
    thidua_domain::date::iso(today() + time::Duration::days(days))
}

/// A small valid PDF file.
pub fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

/// Sends a multipart form (text fields and files in field `files`) with the session's CSRF header.
pub async fn multipart(
    s: &Session,
    path: &str,
    fields: &[(&str, &str)],
    files: &[(&str, Vec<u8>)],
) -> Reply {
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    for (name, bytes) in files {
        form = form.part(
            "files",
            reqwest::multipart::Part::bytes(bytes.clone()).file_name(name.to_string()),
        );
    }
    let mut rb = s.client.post(s.url(path)).multipart(form);
    rb = match &s.bearer {
        Some(t) => rb.bearer_auth(t),
        None => rb.header("x-csrf-token", s.csrf.clone()),
    };
    let r = rb.send().await.expect("multipart POST");
    let status = r.status();
    let headers = r.headers().clone();
    Reply {
        status,
        headers,
        text: r.text().await.expect("body"),
    }
}

pub async fn api_delete(s: &Session, path: &str) -> Reply {
    s.api(Method::DELETE, path, None).await
}

/// The body of a plan running from 60 days ago to 60 days ahead with the given participants.
pub fn plan_body(title: &str, participant_ids: &[String]) -> Value {
    json!({
        "number": "303/KH-UBND",
        "issued_on": day(-61),
        "issuer": "Ủy ban nhân dân quận Hai Bà Trưng",
        "title": title,
        "kind": "peak",
        "period_from": day(-60),
        "period_to": day(60),
        "legal_bases": "6677/KH-UBND; 30/10/2024; Kế hoạch của UBND Thành phố\n05/CT-UBND",
        "participants_note": "Các phòng, ban và UBND các phường",
        "participant_ids": participant_ids,
    })
}

/// A plan made through the API by `s` (the office): one per-unit target `≥ 95 %`, a deadline due in
/// ten days and one three days ago, addressed to every participant. Returns the plan as read back.
pub async fn make_plan(s: &Session, title: &str, participant_ids: &[String]) -> Value {
    let r = s
        .api_post("/api/v1/campaigns", &plan_body(title, participant_ids))
        .await;
    r.expect(201);
    let id = r.json()["id"].as_str().unwrap().to_string();
    s.api_post(&format!("/api/v1/campaigns/{id}/targets"), &json!({"text": "Tỷ lệ giải ngân vốn đầu tư công", "comparator": ">=", "threshold": 95, "unit": "%", "scope": "per_unit"})).await.expect(201);
    s.api_post(&format!("/api/v1/campaigns/{id}/deadlines"), &json!({"kind": "unit_plan", "what": "Kế hoạch triển khai của đơn vị", "due_on": day(10), "recipient": "Phòng Nội vụ"})).await.expect(201);
    s.api_post(
        &format!("/api/v1/campaigns/{id}/deadlines"),
        &json!({"kind": "other", "what": "Báo cáo nhanh kết quả tháng", "due_on": day(-3)}),
    )
    .await
    .expect(201);
    let plan = s.api_get(&format!("/api/v1/campaigns/{id}")).await;
    plan.expect(200);
    plan.json()
}

pub async fn launch(s: &Session, plan: &Value) -> Value {
    let id = plan["id"].as_str().unwrap();
    let r = s
        .api_post(
            &format!("/api/v1/campaigns/{id}/launch"),
            &json!({"version": plan["version"]}),
        )
        .await;
    r.expect(200);
    r.json()
}

/// The field error `field` of a 422 answer, checked to contain `needle`.
#[track_caller]
pub(crate) fn field_error(r: &Reply, field: &str, needle: &str) {
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
    assert!(!f["label"].as_str().unwrap().is_empty());
}

fn sid(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

fn row_of<'a>(rows: &'a Value, unit_id: &str) -> &'a Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["unit_id"] == unit_id)
        .unwrap_or_else(|| panic!("no row for {unit_id} in {rows}"))
}

async fn plan_to_matrix_end_to_end(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    // The demo's campaigns have work of their own; only this test's work is counted below.
    let unit_work = "SELECT COUNT(*) FROM audit_log WHERE action IN ('registration.create', 'registration.update', 'progress.report', 'submission.create')";
    let demo_work = app.count(unit_work).await;
    let (bd, vhtt, noivu) = (
        app.unit("P-BACHDANG").await.id,
        app.unit("P-VHTT").await.id,
        app.unit("P-NOIVU").await.id,
    );
    let plan = make_plan(
        &office,
        "Đợt thi đua cao điểm chào mừng Đại hội",
        &[bd.clone(), vhtt.clone(), noivu.clone()],
    )
    .await;
    let id = sid(&plan);
    assert_eq!(plan["status"], "draft");
    assert_eq!(plan["status_label"], "Dự thảo");
    assert_eq!(plan["legal_bases"].as_array().unwrap().len(), 2);
    assert_eq!(plan["legal_bases"][0]["issued_on"], "2024-10-30");
    assert_eq!(plan["participants"].as_array().unwrap().len(), 3);
    let target = plan["targets"][0].clone();
    assert_eq!(
        (
            target["comparator_sign"].as_str(),
            target["threshold"].as_f64(),
            target["scope"].as_str()
        ),
        (Some("≥"), Some(95.0), Some("per_unit"))
    );
    let (due_soon, overdue) = {
        let ds = plan["deadlines"].as_array().unwrap();
        let soon = ds
            .iter()
            .find(|d| d["due_on"] == iso_day(10))
            .unwrap()
            .clone();
        let late = ds
            .iter()
            .find(|d| d["due_on"] == iso_day(-3))
            .unwrap()
            .clone();
        (soon, late)
    };
    assert_eq!(due_soon["occurrences"], json!([iso_day(10)]));

    // Theme with lead and coordinators, award form, quota; the plan shows them.
    let theme = office.api_post(&format!("/api/v1/campaigns/{id}/themes"), &json!({"title": "Chuyên đề chuyển đổi số", "lead_unit_id": vhtt, "coordinating_ids": [noivu], "period_from": day(-30), "period_to": day(30)})).await;
    theme.expect(201);
    let theme = theme.json();
    assert_eq!(theme["coordinators"][0]["unit_name"], "Phòng Nội vụ");
    office.api_post(&format!("/api/v1/campaigns/{id}/award_forms"), &json!({"name": "Giấy khen của Chủ tịch UBND quận", "catalog_code": "GIAY_KHEN", "criteria": "Hoàn thành xuất sắc chỉ tiêu"})).await.expect(201);
    office.api_post(&format!("/api/v1/campaigns/{id}/quotas"), &json!({"who": "Mỗi phường", "unit_kind": "ward", "collectives_max": 2, "individuals_max": "4"})).await.expect(201);
    let plan = office
        .api_get(&format!("/api/v1/campaigns/{id}"))
        .await
        .json();
    assert_eq!(plan["themes"][0]["lead_unit_id"], vhtt);
    assert_eq!(plan["award_forms"][0]["catalog_code"], "GIAY_KHEN");
    assert_eq!(
        (
            plan["quotas"][0]["collectives_max"].as_i64(),
            plan["quotas"][0]["individuals_max"].as_i64()
        ),
        (Some(2), Some(4))
    );
    let plan = launch(&office, &plan).await;
    assert_eq!(plan["status"], "launched");

    // The unit officer registers, then amends with the version read.
    let uo = app.login(UO_BACHDANG).await;
    let tid = sid(&target);
    let r = uo.api_post(&format!("/api/v1/campaigns/{id}/registrations"), &json!({"unit_id": bd, "titles": ["TTLDXS"], "commitments": {tid.clone(): "97"}, "own_targets": "Số hộ gia đình văn hóa | ≥ | 90 | %", "note": "Đăng ký thi đua"})).await;
    r.expect(201);
    let reg = r.json();
    assert_eq!(reg["unit_name"], "Phường Bạch Đằng");
    assert_eq!(reg["titles"], json!(["TTLDXS"]));
    assert_eq!(reg["commitments"].as_array().unwrap().len(), 2);
    let r = uo.api_post(&format!("/api/v1/campaigns/{id}/registrations"), &json!({"unit_id": bd, "titles": ["TTLDXS"], "commitments": {tid.clone(): 97.5}, "version": reg["version"]})).await;
    r.expect(200);
    assert_eq!(r.json()["commitments"][0]["threshold"], 97.5);
    let regs = office
        .api_get(&format!("/api/v1/campaigns/{id}/registrations"))
        .await
        .json();
    assert_eq!(regs.as_array().unwrap().len(), 1);

    // Progress with a PDF as evidence; the file comes back as sent.
    let r = multipart(
        &uo,
        &format!("/api/v1/campaigns/{id}/targets/{tid}/progress"),
        &[
            ("unit_id", &bd),
            ("value", "96,5"),
            ("reported_on", &day(0)),
            ("comment", "Số liệu đến hôm nay"),
        ],
        &[("Báo cáo giải ngân.pdf", pdf())],
    )
    .await;
    r.expect(201);
    let report = r.json();
    assert_eq!(report["value"], 96.5);
    let file = &report["attachments"][0];
    assert_eq!(file["content_type"], "application/pdf");
    let (status, headers, bytes) = uo.download(file["url"].as_str().unwrap()).await;
    assert_eq!(status.as_u16(), 200);
    assert_eq!(headers["content-type"], "application/pdf");
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    assert_eq!(bytes, pdf());
    // VHTT's officer may not download Bạch Đằng's evidence.
    let other = app.login(UO_VHTT).await;
    other
        .api_get(file["url"].as_str().unwrap())
        .await
        .expect(404);

    // What the deadline asked for, sent on time with the document.
    let r = multipart(
        &uo,
        &format!(
            "/api/v1/campaigns/{id}/deadlines/{}/submissions",
            sid(&due_soon)
        ),
        &[("unit_id", &bd), ("document_number", "45/KH-UBND")],
        &[("ke-hoach.pdf", pdf())],
    )
    .await;
    r.expect(201);
    let sent = r.json();
    assert_eq!(
        (
            sent["status"].as_str(),
            sent["attachments"].as_array().unwrap().len()
        ),
        (Some("on_time"), 1)
    );

    // The office's matrix: Bạch Đằng on time; the others not due yet; the overdue one missing for all.
    let m = office
        .api_get(&format!("/api/v1/campaigns/{id}/matrix"))
        .await;
    m.expect(200);
    let m = m.json();
    let col_soon = m["columns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c["deadline_id"] == sid(&due_soon))
        .unwrap();
    let col_late = m["columns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c["deadline_id"] == sid(&overdue))
        .unwrap();
    assert_eq!(m["rows"].as_array().unwrap().len(), 3);
    assert_eq!(
        row_of(&m["rows"], &bd)["cells"][col_soon]["status"],
        "on_time"
    );
    assert_eq!(
        row_of(&m["rows"], &bd)["cells"][col_soon]["sent_on"],
        iso_day(0)
    );
    for u in [&vhtt, &noivu] {
        assert_eq!(
            row_of(&m["rows"], u)["cells"][col_soon]["status"],
            "not_due"
        );
        assert_eq!(
            row_of(&m["rows"], u)["cells"][col_late]["status"],
            "missing"
        );
    }
    assert_eq!(
        row_of(&m["rows"], &bd)["cells"][col_late]["status"],
        "missing"
    );
    assert_eq!(m["counts"]["on_time"], 1);
    // The unit officer's matrix has their row only.
    let mine = uo
        .api_get(&format!("/api/v1/campaigns/{id}/matrix"))
        .await
        .json();
    assert_eq!(mine["rows"].as_array().unwrap().len(), 1);
    assert_eq!(mine["rows"][0]["unit_id"], bd);

    // The progress board: the value against the level Bạch Đằng committed to.
    let b = office
        .api_get(&format!("/api/v1/campaigns/{id}/progress"))
        .await;
    b.expect(200);
    let b = b.json();
    let rows = &b["targets"][0]["rows"];
    let mine = row_of(rows, &bd);
    assert_eq!(mine["latest_value"], 96.5);
    assert_eq!(mine["committed_threshold"], 97.5);
    assert_eq!(mine["threshold"], 97.5);
    assert!(
        (mine["percent"].as_f64().unwrap() - 99.0).abs() < 0.1,
        "{mine}"
    );
    assert!(
        ["on_track", "at_risk"].contains(&mine["status"].as_str().unwrap()),
        "{mine}"
    );
    assert!(!mine["status_label"].as_str().unwrap().is_empty());
    assert_eq!(row_of(rows, &vhtt)["status"], "not_reported");
    assert_eq!(row_of(rows, &vhtt)["status_label"], "Chưa báo cáo");

    // A report above the level: met.
    uo.api_post(
        &format!("/api/v1/campaigns/{id}/targets/{tid}/progress"),
        &json!({"unit_id": bd, "value": 98, "reported_on": iso_day(0)}),
    )
    .await
    .expect(201);
    let b = uo
        .api_get(&format!("/api/v1/campaigns/{id}/progress"))
        .await
        .json();
    assert_eq!(
        b["targets"][0]["rows"].as_array().unwrap().len(),
        1,
        "a unit officer sees their own row"
    );
    assert_eq!(b["targets"][0]["rows"][0]["status"], "met");
    assert_eq!(
        b["targets"][0]["rows"][0]["history"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // The calendar of Bạch Đằng shows the deadline as sent.
    let cal = uo
        .api_get(&with_query(
            "/api/v1/calendar",
            &[("from", &iso_day(0)), ("to", &day(30)), ("unit_id", &bd)],
        ))
        .await;
    cal.expect(200);
    let cal = cal.json();
    let item = cal
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["deadline_id"] == sid(&due_soon))
        .unwrap_or_else(|| panic!("{cal}"));
    assert_eq!(item["status"], "on_time");
    assert_eq!(item["who"], "Tất cả đơn vị tham gia");

    // Every change is in the audit log under the campaign or its records.
    let actions: Vec<String> = office
        .api_get(&format!("/api/v1/audit?object_id={id}"))
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect();
    for a in [
        "campaign.create",
        "campaign.target.add",
        "campaign.deadline.add",
        "campaign.theme.add",
        "campaign.launch",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} not in {actions:?}");
    }
    assert_eq!(app.count(unit_work).await - demo_work, 5);

    // The routes are described in the OpenAPI document.
    let doc = office.api_get("/api/openapi.json").await.json();
    for p in [
        "/api/v1/campaigns",
        "/api/v1/campaigns/{id}/matrix",
        "/api/v1/campaigns/{id}/targets/{target_id}/progress",
        "/api/v1/calendar",
        "/api/v1/attachments/{id}",
    ] {
        assert!(
            doc["paths"][p].is_object(),
            "{p} not in the OpenAPI document"
        );
    }
    assert!(
        doc["tags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["name"] == "campaigns")
    );
    for (p, m) in [
        ("/api/v1/calendar", "get"),
        ("/api/v1/campaigns", "get"),
        ("/api/v1/campaigns/{id}/targets/{target_id}", "delete"),
    ] {
        let params = doc["paths"][p][m]["parameters"].as_array().unwrap();
        for name in ["from", "to", "unit_id", "year", "status", "q", "version"] {
            if let Some(param) = params.iter().find(|x| x["name"] == name) {
                assert_eq!(param["in"], "query", "{p} {name}");
            }
        }
    }
}

async fn bad_plan_input_is_named_and_saves_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(STANDING).await;
    let bd = app.unit("P-BACHDANG").await.id;
    let plan = make_plan(&s, "Phong trào thi đua thử", std::slice::from_ref(&bd)).await;
    let id = sid(&plan);
    let before = (
        app.audit_rows().await,
        app.count("SELECT COUNT(*) FROM campaigns").await,
    );

    let mut body = plan_body("Kế hoạch ngày đảo ngược", std::slice::from_ref(&bd));
    body["period_from"] = json!(day(30));
    body["period_to"] = json!(day(-30));
    field_error(
        &s.api_post("/api/v1/campaigns", &body).await,
        "period_to",
        "phải sau thời gian bắt đầu",
    );
    let mut body = plan_body("Kế hoạch thiếu tên", &[]);
    body["title"] = json!("  ");
    body["kind"] = json!("khac");
    let r = s.api_post("/api/v1/campaigns", &body).await;
    field_error(&r, "title", "Tên kế hoạch");
    field_error(&r, "kind", "Hãy chọn loại phong trào");
    assert!(
        r.json()["message"]
            .as_str()
            .unwrap()
            .starts_with("Dữ liệu chưa hợp lệ")
    );
    let mut body = plan_body("Kế hoạch đơn vị lạ", &["khong-co".to_string()]);
    body["participant_ids"] = json!(["khong-co"]);
    field_error(
        &s.api_post("/api/v1/campaigns", &body).await,
        "participant_ids",
        "không tồn tại",
    );

    let r = s
        .api_post(
            &format!("/api/v1/campaigns/{id}/deadlines"),
            &json!({"kind": "unit_plan", "what": "Báo cáo tổng kết", "due_on": day(90)}),
        )
        .await;
    field_error(&r, "due_on", "nằm ngoài thời gian của kế hoạch");
    let r = s.api_post(&format!("/api/v1/campaigns/{id}/targets"), &json!({"text": "Tỷ lệ giải ngân", "comparator": ">=", "threshold": "chín lăm", "unit": "%"})).await;
    field_error(&r, "threshold", "không phải là số");
    let r = s
        .api_post(
            &format!("/api/v1/campaigns/{id}/targets"),
            &json!({"text": "Tỷ lệ giải ngân", "comparator": "nhiều hơn", "threshold": 95}),
        )
        .await;
    field_error(&r, "comparator", "≥");
    let r = s.api_post(&format!("/api/v1/campaigns/{id}/themes"), &json!({"title": "Chuyên đề ngoài kỳ", "lead_name": "Phòng Y tế", "period_from": day(-90)})).await;
    field_error(&r, "period_from", "nằm ngoài thời gian của kế hoạch");
    let r = s
        .api_post(
            &format!("/api/v1/campaigns/{id}/quotas"),
            &json!({"who": "Mỗi phường", "collectives_max": "hai"}),
        )
        .await;
    field_error(&r, "collectives_max", "số nguyên");

    // Malformed JSON, a wrong type, a form instead of JSON: 4xx in Vietnamese, never 500.
    let raw = s
        .client
        .post(s.url("/api/v1/campaigns"))
        .header("x-csrf-token", &s.csrf)
        .header("content-type", "application/json")
        .body("{\"title\": \"Thiếu ngoặc\"")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status().as_u16(), 400);
    let err: Value = raw.json().await.unwrap();
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("không đúng cú pháp"),
        "{err}"
    );
    let r = s
        .api_post(
            "/api/v1/campaigns",
            &json!({"title": "Sai kiểu", "participant_ids": "mot-don-vi"}),
        )
        .await;
    field_error(&r, "participant_ids", "không đúng kiểu");
    let r = s
        .api_put(
            &format!("/api/v1/campaigns/{id}"),
            &json!({"title": "Sai kiểu", "version": "một"}),
        )
        .await;
    field_error(&r, "version", "version");
    let r = s
        .post_form_raw(
            &format!("/api/v1/campaigns/{id}/themes?_csrf={}", s.csrf),
            &[("title", "Biểu mẫu")],
        )
        .await;
    r.expect(400).contains("JSON");
    let r = s
        .api_put(
            &format!("/api/v1/campaigns/{id}"),
            &plan_body("Thiếu phiên bản", std::slice::from_ref(&bd)),
        )
        .await;
    field_error(&r, "version", "Thiếu trường version");
    let r = s
        .api_get("/api/v1/campaigns?year=hai-nghin&status=launched")
        .await;
    r.expect(400).contains("Năm");
    s.api_get("/api/v1/campaigns?status=dang-chay")
        .await
        .expect(400)
        .contains("Trạng thái");
    // Launching a plan with no participant is refused too.
    let lonely = make_plan(&s, "Kế hoạch chưa có đơn vị", &[]).await;
    let r = s
        .api_post(
            &format!("/api/v1/campaigns/{}/launch", sid(&lonely)),
            &json!({"version": lonely["version"]}),
        )
        .await;
    field_error(&r, "participant_ids", "Hãy chọn đơn vị tham gia");
    let before = (
        before.0
            + app
                .count(&format!(
                    "SELECT COUNT(*) FROM audit_log WHERE object_id = '{}'",
                    sid(&lonely)
                ))
                .await,
        before.1 + 1,
    );
    assert_eq!(
        (
            app.audit_rows().await,
            app.count("SELECT COUNT(*) FROM campaigns").await
        ),
        before,
        "refusals saved nothing"
    );
    let now = s.api_get(&format!("/api/v1/campaigns/{id}")).await.json();
    assert_eq!(
        (
            now["targets"].as_array().unwrap().len(),
            now["deadlines"].as_array().unwrap().len(),
            now["themes"].as_array().unwrap().len()
        ),
        (1, 2, 0)
    );
    // `null` stands for "nothing" in lists and texts, and a JSON number keeps its decimals.
    let mut body = plan_body("Kế hoạch có trường rỗng", &[]);
    body["participant_ids"] = Value::Null;
    body["number"] = Value::Null;
    let r = s.api_post("/api/v1/campaigns", &body).await;
    r.expect(201);
    let t = s
        .api_post(
            &format!("/api/v1/campaigns/{}/targets", sid(&r.json())),
            &json!({"text": "Tỷ lệ", "comparator": "≤", "threshold": 1.234, "theme_id": null}),
        )
        .await;
    t.expect(201);
    assert_eq!(
        (
            t.json()["threshold"].as_f64(),
            t.json()["comparator"].as_str()
        ),
        (Some(1.234), Some("<="))
    );
}

async fn bad_unit_work_is_named_and_saves_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let (bd, vhtt) = (app.unit("P-BACHDANG").await.id, app.unit("P-VHTT").await.id);
    let group = app.unit("P-BACHDANG-TDP1").await.id;
    let plan = launch(
        &office,
        &make_plan(
            &office,
            "Phong trào thi đua kiểm tra dữ liệu",
            &[bd.clone(), vhtt.clone()],
        )
        .await,
    )
    .await;
    let id = sid(&plan);
    let tid = sid(&plan["targets"][0]);
    let deadline = plan["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["due_on"] == iso_day(10))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let uo = app.login(UO_BACHDANG).await;
    let before = app.audit_rows().await;
    let progress = format!("/api/v1/campaigns/{id}/targets/{tid}/progress");

    // A unit of their own that does not take part; a unit of another scope.
    let r = uo
        .api_post(
            &format!("/api/v1/campaigns/{id}/registrations"),
            &json!({"unit_id": group, "titles": ["TTLDXS"]}),
        )
        .await;
    field_error(&r, "unit_id", "không phải là đơn vị tham gia");
    let r = office
        .api_post(
            &format!("/api/v1/campaigns/{id}/registrations"),
            &json!({"unit_id": app.unit("P-NOIVU").await.id, "titles": ["TTLDXS"]}),
        )
        .await;
    field_error(&r, "unit_id", "không phải là đơn vị tham gia");
    let r = uo
        .api_post(
            &format!("/api/v1/campaigns/{id}/registrations"),
            &json!({"unit_id": vhtt, "titles": ["TTLDXS"]}),
        )
        .await;
    field_error(&r, "unit_id", "phạm vi");
    let r = uo
        .api_post(
            &format!("/api/v1/campaigns/{id}/registrations"),
            &json!({"unit_id": bd, "titles": ["KHONG_CO"], "commitments": {tid.clone(): "nhiều"}}),
        )
        .await;
    field_error(&r, &format!("commit_{tid}"), "không phải là số");
    let r = uo
        .api_post(
            &format!("/api/v1/campaigns/{id}/registrations"),
            &json!({"unit_id": bd, "titles": ["KHONG_CO"]}),
        )
        .await;
    field_error(&r, "titles", "không có trong danh mục");
    let r = uo
        .api_post(
            &format!("/api/v1/campaigns/{id}/registrations"),
            &json!({"unit_id": bd, "own_targets": ["Giải ngân | nhiều | 95"]}),
        )
        .await;
    field_error(&r, "own_targets", "Dòng 1");

    let r = uo
        .api_post(
            &progress,
            &json!({"unit_id": vhtt, "value": 50, "reported_on": day(0)}),
        )
        .await;
    field_error(&r, "unit_id", "phạm vi");
    let r = multipart(
        &uo,
        &progress,
        &[
            ("unit_id", &vhtt),
            ("value", "50"),
            ("reported_on", &day(0)),
        ],
        &[("bao-cao.pdf", pdf())],
    )
    .await;
    field_error(&r, "unit_id", "phạm vi");
    let r = uo
        .api_post(
            &progress,
            &json!({"unit_id": bd, "value": "tám mươi", "reported_on": day(1)}),
        )
        .await;
    field_error(&r, "value", "không phải là số");
    field_error(&r, "reported_on", "không được sau hôm nay");
    // A program renamed .pdf, and a file over 10 MB.
    let exe = [b"MZ\x90\x00\x03\x00\x00\x00".to_vec(), vec![0u8; 2048]].concat();
    let r = multipart(
        &uo,
        &progress,
        &[("unit_id", &bd), ("value", "80"), ("reported_on", &day(0))],
        &[("bao-cao.pdf", exe)],
    )
    .await;
    field_error(&r, "files", "không đúng loại cho phép");
    let big = [pdf(), vec![b' '; 10 * 1024 * 1024 + 512 * 1024]].concat();
    let r = multipart(
        &uo,
        &progress,
        &[("unit_id", &bd), ("value", "80"), ("reported_on", &day(0))],
        &[("bao-cao-lon.pdf", big)],
    )
    .await;
    field_error(&r, "files", "tối đa 10 MB");
    let six: Vec<(&str, Vec<u8>)> = (0..6).map(|_| ("minh-chung.pdf", pdf())).collect();
    let r = multipart(
        &uo,
        &progress,
        &[("unit_id", &bd), ("value", "80"), ("reported_on", &day(0))],
        &six,
    )
    .await;
    field_error(&r, "files", "Tối đa 5 tệp");

    let submissions = format!("/api/v1/campaigns/{id}/deadlines/{deadline}/submissions");
    let r = uo
        .api_post(
            &submissions,
            &json!({"unit_id": vhtt, "document_number": "12/BC"}),
        )
        .await;
    field_error(&r, "unit_id", "phạm vi");
    let r = uo.api_post(&submissions, &json!({"unit_id": bd})).await;
    field_error(&r, "files", "Hãy đính kèm");
    let r = uo
        .api_post(
            &submissions,
            &json!({"unit_id": bd, "due_on": day(11), "note": "Gửi nhầm kỳ"}),
        )
        .await;
    field_error(&r, "due_on", "không có kỳ nào");
    // Malformed multipart: no boundary.
    let raw = uo
        .client
        .post(uo.url(&submissions))
        .header("x-csrf-token", &uo.csrf)
        .header("content-type", "multipart/form-data")
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status().as_u16(), 400);

    assert_eq!(app.audit_rows().await, before, "refusals saved nothing");
    assert_eq!(app.count("SELECT COUNT(*) FROM attachments").await, 0);
    // Nothing for this plan (the demo's own campaigns have rows of their own).
    let of_plan = |table: &str| format!("SELECT COUNT(*) FROM {table} WHERE campaign_id = '{id}'");
    assert_eq!(
        app.count(&of_plan("registrations")).await
            + app.count(&of_plan("progress_reports")).await
            + app.count(&of_plan("submissions")).await,
        0
    );
}

async fn closed_campaign_is_read_only(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let bd = app.unit("P-BACHDANG").await.id;
    let plan = launch(
        &office,
        &make_plan(
            &office,
            "Đợt thi đua sắp kết thúc",
            std::slice::from_ref(&bd),
        )
        .await,
    )
    .await;
    let id = sid(&plan);
    let tid = sid(&plan["targets"][0]);
    let r = office
        .api_post(
            &format!("/api/v1/campaigns/{id}/close"),
            &json!({"version": plan["version"]}),
        )
        .await;
    r.expect(200);
    let closed = r.json();
    assert_eq!(
        (closed["status"].as_str(), closed["status_label"].as_str()),
        (Some("closed"), Some("Đã kết thúc"))
    );
    let uo = app.login(UO_BACHDANG).await;
    let before = app.audit_rows().await;

    let r = multipart(
        &uo,
        &format!("/api/v1/campaigns/{id}/targets/{tid}/progress"),
        &[("unit_id", &bd), ("value", "99"), ("reported_on", &day(0))],
        &[("bao-cao.pdf", pdf())],
    )
    .await;
    field_error(&r, "status", "đã kết thúc");
    field_error(
        &uo.api_post(
            &format!("/api/v1/campaigns/{id}/registrations"),
            &json!({"unit_id": bd, "titles": ["TTLDXS"]}),
        )
        .await,
        "status",
        "đã kết thúc",
    );
    let mut body = plan_body("Sửa sau khi kết thúc", std::slice::from_ref(&bd));
    body["version"] = closed["version"].clone();
    field_error(
        &office
            .api_put(&format!("/api/v1/campaigns/{id}"), &body)
            .await,
        "status",
        "đã kết thúc",
    );
    field_error(
        &office
            .api_post(
                &format!("/api/v1/campaigns/{id}/targets"),
                &json!({"text": "Chỉ tiêu mới", "comparator": ">=", "threshold": 1}),
            )
            .await,
        "status",
        "đã kết thúc",
    );
    field_error(
        &api_delete(
            &office,
            &format!(
                "/api/v1/campaigns/{id}/targets/{tid}?version={}",
                plan["targets"][0]["version"]
            ),
        )
        .await,
        "status",
        "đã kết thúc",
    );
    field_error(
        &office
            .api_post(
                &format!("/api/v1/campaigns/{id}/close"),
                &json!({"version": closed["version"]}),
            )
            .await,
        "status",
        "đã kết thúc",
    );
    field_error(
        &office
            .api_post(
                &format!("/api/v1/campaigns/{id}/launch"),
                &json!({"version": closed["version"]}),
            )
            .await,
        "status",
        "đã kết thúc",
    );
    assert_eq!(app.audit_rows().await, before);
    // Still readable.
    office
        .api_get(&format!("/api/v1/campaigns/{id}/matrix"))
        .await
        .expect(200);
    uo.api_get(&format!("/api/v1/campaigns/{id}"))
        .await
        .expect(200);
}

async fn stale_versions_are_conflicts(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let bd = app.unit("P-BACHDANG").await.id;
    let plan = make_plan(
        &office,
        "Kế hoạch hai người cùng sửa",
        std::slice::from_ref(&bd),
    )
    .await;
    let id = sid(&plan);
    let mut body = plan_body("Kế hoạch bản mới", std::slice::from_ref(&bd));
    body["version"] = plan["version"].clone();
    let r = office
        .api_put(&format!("/api/v1/campaigns/{id}"), &body)
        .await;
    r.expect(200);
    assert_eq!(r.json()["title"], "Kế hoạch bản mới");
    let before = app.audit_rows().await;
    body["title"] = json!("Kế hoạch bản cũ");
    let r = office
        .api_put(&format!("/api/v1/campaigns/{id}"), &body)
        .await;
    r.expect(409);
    assert!(
        r.json()["message"]
            .as_str()
            .unwrap()
            .contains("người khác thay đổi")
    );
    office
        .api_post(
            &format!("/api/v1/campaigns/{id}/launch"),
            &json!({"version": plan["version"]}),
        )
        .await
        .expect(409);
    let target = &plan["targets"][0];
    let tpath = format!("/api/v1/campaigns/{id}/targets/{}", sid(target));
    let changed = office.api_put(&tpath, &json!({"text": "Tỷ lệ giải ngân (sửa)", "comparator": ">=", "threshold": "96", "scope": "per_unit", "version": target["version"]})).await;
    let before = before + 1;
    changed.expect(200);
    assert_eq!(changed.json()["version"], 2);
    office.api_put(&tpath, &json!({"text": "Bản cũ", "comparator": ">=", "threshold": 95, "version": target["version"]})).await.expect(409);
    api_delete(&office, &format!("{tpath}?version=1"))
        .await
        .expect(409);
    field_error(
        &api_delete(&office, &tpath).await,
        "version",
        "Thiếu trường version",
    );
    field_error(
        &api_delete(&office, &format!("{tpath}?version=abc")).await,
        "version",
        "số nguyên",
    );
    let deadline = &plan["deadlines"][0];
    office
        .api_put(
            &format!("/api/v1/campaigns/{id}/deadlines/{}", sid(deadline)),
            &json!({"kind": "other", "what": "Bản cũ", "due_on": day(5), "version": 7}),
        )
        .await
        .expect(409);
    assert_eq!(app.audit_rows().await, before, "conflicts saved nothing");
    // With the versions read, the deletes go through (204).
    api_delete(&office, &format!("{tpath}?version=2"))
        .await
        .expect(204);
    api_delete(
        &office,
        &format!(
            "/api/v1/campaigns/{id}/deadlines/{}?version={}",
            sid(deadline),
            deadline["version"]
        ),
    )
    .await
    .expect(204);
    let now = office
        .api_get(&format!("/api/v1/campaigns/{id}"))
        .await
        .json();
    assert_eq!(
        (
            now["targets"].as_array().unwrap().len(),
            now["deadlines"].as_array().unwrap().len()
        ),
        (0, 1)
    );
    // A second first registration of the same unit (no version) is a conflict, not an overwrite.
    let plan = launch(&office, &now).await;
    let reg = format!("/api/v1/campaigns/{}/registrations", sid(&plan));
    office
        .api_post(&reg, &json!({"unit_id": bd, "titles": ["TTLDXS"]}))
        .await
        .expect(201);
    let uo = app.login(UO_BACHDANG).await;
    let before = app.audit_rows().await;
    uo.api_post(&reg, &json!({"unit_id": bd, "titles": ["TTLDTT"]}))
        .await
        .expect(409);
    assert_eq!(app.audit_rows().await, before);
}

async fn other_roles_are_refused(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let bd = app.unit("P-BACHDANG").await.id;
    let draft = make_plan(&office, "Kế hoạch dự thảo kín", std::slice::from_ref(&bd)).await;
    let launched = launch(
        &office,
        &make_plan(
            &office,
            "Phong trào đang triển khai",
            std::slice::from_ref(&bd),
        )
        .await,
    )
    .await;
    let mut sessions = Vec::new();
    for user in [COUNCIL, VIEWER, CHAIRMAN, UO_BACHDANG] {
        sessions.push((user, app.login(user).await));
    }
    let before = app.audit_rows().await;
    for (user, s) in &sessions {
        let user = *user;
        let forbidden = |r: &Reply| {
            r.expect(403)
                .contains("Bạn không có quyền thực hiện thao tác này.");
        };
        forbidden(
            &s.api_post(
                "/api/v1/campaigns",
                &plan_body("Kế hoạch trái quyền", std::slice::from_ref(&bd)),
            )
            .await,
        );
        let lid = sid(&launched);
        let mut body = plan_body("Sửa trái quyền", std::slice::from_ref(&bd));
        body["version"] = launched["version"].clone();
        forbidden(&s.api_put(&format!("/api/v1/campaigns/{lid}"), &body).await);
        forbidden(
            &s.api_post(
                &format!("/api/v1/campaigns/{lid}/close"),
                &json!({"version": launched["version"]}),
            )
            .await,
        );
        forbidden(
            &s.api_post(
                &format!("/api/v1/campaigns/{lid}/themes"),
                &json!({"title": "Chuyên đề", "lead_name": "Phòng Y tế"}),
            )
            .await,
        );
        forbidden(
            &s.api_post(&format!("/api/v1/campaigns/{lid}/copy"), &json!({}))
                .await,
        );
        forbidden(
            &s.api_post(
                &format!("/api/v1/campaigns/{}/launch", sid(&draft)),
                &json!({"version": draft["version"]}),
            )
            .await,
        );
        // Drafts do not exist for them.
        s.api_get(&format!("/api/v1/campaigns/{}", sid(&draft)))
            .await
            .expect(404)
            .contains("Không tìm thấy dữ liệu trong phạm vi của bạn.");
        let list = s.api_get("/api/v1/campaigns").await.json();
        assert!(
            list.as_array()
                .unwrap()
                .iter()
                .all(|c| c["status"] != "draft"),
            "{user} sees a draft: {list}"
        );
        assert!(
            list.as_array()
                .unwrap()
                .iter()
                .any(|c| c["id"] == launched["id"])
        );
        s.api_get(&format!("/api/v1/campaigns/{lid}"))
            .await
            .expect(200);
        if user != UO_BACHDANG {
            forbidden(
                &s.api_post(
                    &format!("/api/v1/campaigns/{lid}/registrations"),
                    &json!({"unit_id": bd, "titles": ["TTLDXS"]}),
                )
                .await,
            );
            forbidden(
                &s.api_post(
                    &format!(
                        "/api/v1/campaigns/{lid}/targets/{}/progress",
                        sid(&launched["targets"][0])
                    ),
                    &json!({"unit_id": bd, "value": 1, "reported_on": day(0)}),
                )
                .await,
            );
        }
    }
    assert_eq!(app.audit_rows().await, before);
}

async fn unit_officer_sees_launched_campaigns_and_own_rows(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let (bd, vhtt) = (app.unit("P-BACHDANG").await.id, app.unit("P-VHTT").await.id);
    let plan = launch(
        &office,
        &make_plan(
            &office,
            "Phong trào thi đua chung",
            &[bd.clone(), vhtt.clone()],
        )
        .await,
    )
    .await;
    let id = sid(&plan);
    let tid = sid(&plan["targets"][0]);
    for (unit, value) in [(&bd, 90), (&vhtt, 70)] {
        office
            .api_post(
                &format!("/api/v1/campaigns/{id}/registrations"),
                &json!({"unit_id": unit, "titles": ["TTLDXS"]}),
            )
            .await
            .expect(201);
        office
            .api_post(
                &format!("/api/v1/campaigns/{id}/targets/{tid}/progress"),
                &json!({"unit_id": unit, "value": value, "reported_on": day(-1)}),
            )
            .await
            .expect(201);
    }
    let uo = app.login(UO_VHTT).await;
    let m = uo
        .api_get(&format!("/api/v1/campaigns/{id}/matrix"))
        .await
        .json();
    assert_eq!(
        m["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["unit_id"].clone())
            .collect::<Vec<_>>(),
        vec![json!(vhtt)]
    );
    let regs = uo
        .api_get(&format!("/api/v1/campaigns/{id}/registrations"))
        .await
        .json();
    assert_eq!(regs.as_array().unwrap().len(), 1);
    assert_eq!(regs[0]["unit_id"], vhtt);
    let board = uo
        .api_get(&format!("/api/v1/campaigns/{id}/progress"))
        .await
        .json();
    let rows = board["targets"][0]["rows"].as_array().unwrap();
    assert_eq!(
        (rows.len(), rows[0]["latest_value"].as_f64()),
        (1, Some(70.0))
    );
    let all = office
        .api_get(&format!("/api/v1/campaigns/{id}/progress"))
        .await
        .json();
    assert_eq!(all["targets"][0]["rows"].as_array().unwrap().len(), 2);
    // Pacts: the office signs for a cluster led by Bạch Đằng; VHTT's officer does not see it.
    let year = today().year();
    let cluster = office.api_post("/api/v1/clusters", &json!({"year": year, "kind": "cluster", "name": format!("Cụm thử giao ước {}", crate::common::next_n()), "member_ids": [bd], "leader_unit_id": bd})).await;
    cluster.expect(201);
    let cluster_id = sid(&cluster.json());
    let r = app.login(UO_BACHDANG).await.api_post(&format!("/api/v1/campaigns/{id}/pacts"), &json!({"cluster_id": cluster_id, "signed_on": day(0), "content": "Cam kết thi đua", "targets": "Giải ngân | ≥ | 95 | %"})).await;
    r.expect(201);
    let pact = r.json();
    assert_eq!(
        (
            pact["members"][0]["unit_id"].as_str(),
            pact["targets"][0]["comparator_sign"].as_str()
        ),
        (Some(bd.as_str()), Some("≥"))
    );
    field_error(
        &office
            .api_post(
                &format!("/api/v1/campaigns/{id}/pacts"),
                &json!({"cluster_id": cluster_id, "signed_on": day(5), "content": "Ký trước"}),
            )
            .await,
        "signed_on",
        "sau hôm nay",
    );
    uo.api_post(&format!("/api/v1/campaigns/{id}/pacts"), &json!({"cluster_id": cluster_id, "signed_on": day(0), "content": "Ký hộ", "version": pact["version"]})).await.expect(403);
    assert_eq!(
        uo.api_get(&format!("/api/v1/campaigns/{id}/pacts"))
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        office
            .api_get(&format!("/api/v1/campaigns/{id}/pacts"))
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let r = office.api_post(&format!("/api/v1/campaigns/{id}/pacts"), &json!({"cluster_id": cluster_id, "signed_on": day(0), "content": "Cam kết thi đua (bổ sung)", "version": pact["version"]})).await;
    r.expect(200);
    assert_eq!(r.json()["version"], 2);
}

async fn copy_makes_next_years_draft(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let (bd, vhtt) = (app.unit("P-BACHDANG").await.id, app.unit("P-VHTT").await.id);
    // The copy's title takes the year of its start.
    let year = (today() - time::Duration::days(60)).year();
    let plan = make_plan(
        &office,
        &format!("Phong trào thi đua năm {year}"),
        &[bd.clone(), vhtt.clone()],
    )
    .await;
    let id = sid(&plan);
    office.api_post(&format!("/api/v1/campaigns/{id}/themes"), &json!({"title": "Chuyên đề văn minh đô thị", "lead_unit_id": vhtt, "coordinating_ids": [bd], "period_from": day(-10)})).await.expect(201);
    let plan = launch(
        &office,
        &office
            .api_get(&format!("/api/v1/campaigns/{id}"))
            .await
            .json(),
    )
    .await;
    let r = office
        .api_post(&format!("/api/v1/campaigns/{id}/copy"), &json!({}))
        .await;
    r.expect(201);
    let copy = r.json();
    assert_ne!(copy["id"], plan["id"]);
    assert_eq!(copy["status"], "draft");
    assert_eq!(copy["copied_from_id"], plan["id"]);
    assert_eq!(
        copy["title"],
        format!("Phong trào thi đua năm {}", year + 1)
    );
    let shift = |s: &Value| {
        thidua_domain::date::iso(thidua_domain::campaign::shift_years(
            thidua_domain::date::parse(s.as_str().unwrap()).unwrap(),
            1,
        ))
    };
    assert_eq!(
        (copy["period_from"].as_str(), copy["period_to"].as_str()),
        (
            Some(shift(&plan["period_from"]).as_str()),
            Some(shift(&plan["period_to"]).as_str())
        )
    );
    for key in [
        "themes",
        "targets",
        "deadlines",
        "participants",
        "legal_bases",
    ] {
        assert_eq!(
            copy[key].as_array().unwrap().len(),
            plan[key].as_array().unwrap().len(),
            "{key}"
        );
    }
    assert_eq!(copy["themes"][0]["coordinators"][0]["unit_id"], bd);
    let due: Vec<String> = plan["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| shift(&d["due_on"]))
        .collect();
    let copied: Vec<String> = copy["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["due_on"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(copied, due);
    assert_ne!(copy["targets"][0]["id"], plan["targets"][0]["id"]);
    // The copy is a draft: unit officers do not see it; the original is untouched.
    app.login(UO_BACHDANG)
        .await
        .api_get(&format!("/api/v1/campaigns/{}", sid(&copy)))
        .await
        .expect(404);
    assert_eq!(
        office
            .api_get(&format!("/api/v1/campaigns/{id}"))
            .await
            .json()["status"],
        "launched"
    );
    let listed = office
        .api_get(&format!(
            "/api/v1/campaigns?year={}&status=draft&q=phong trao thi dua",
            year + 1
        ))
        .await
        .json();
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == copy["id"]),
        "{listed}"
    );
}

async fn calendar_window_and_scope(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let (bd, vhtt) = (app.unit("P-BACHDANG").await.id, app.unit("P-VHTT").await.id);
    let plan = launch(
        &office,
        &make_plan(&office, "Phong trào có lịch", std::slice::from_ref(&bd)).await,
    )
    .await;
    let r = office
        .api_get(&with_query(
            "/api/v1/calendar",
            &[("from", &iso_day(-200)), ("to", &iso_day(201))],
        ))
        .await;
    r.expect(400);
    assert!(
        r.json()["message"]
            .as_str()
            .unwrap()
            .contains("tối đa 400 ngày"),
        "{}",
        r.text
    );
    office
        .api_get(&with_query(
            "/api/v1/calendar",
            &[("from", &day(5)), ("to", &day(-5))],
        ))
        .await
        .expect(400)
        .contains("phải sau");
    office
        .api_get(&with_query("/api/v1/calendar", &[("from", "32/13/2025")]))
        .await
        .expect(400)
        .contains("Từ ngày");
    let all = office
        .api_get(&with_query(
            "/api/v1/calendar",
            &[("from", &day(-30)), ("to", &day(30))],
        ))
        .await;
    all.expect(200);
    let mine: Vec<Value> = all
        .json()
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["campaign_id"] == plan["id"])
        .cloned()
        .collect();
    assert_eq!(mine.len(), 2);
    assert!(mine.iter().all(|i| i["status"].is_null()));
    let with_unit = office
        .api_get(&with_query(
            "/api/v1/calendar",
            &[("from", &day(-30)), ("to", &day(30)), ("unit_id", &bd)],
        ))
        .await
        .json();
    let statuses: Vec<&str> = with_unit
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["campaign_id"] == plan["id"])
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, vec!["missing", "not_due"]);
    // VHTT does not take part: nothing owed.
    let none = office
        .api_get(&with_query(
            "/api/v1/calendar",
            &[("from", &day(-30)), ("to", &day(30)), ("unit_id", &vhtt)],
        ))
        .await
        .json();
    assert!(
        none.as_array()
            .unwrap()
            .iter()
            .all(|i| i["campaign_id"] != plan["id"])
    );
    // A unit officer asking for another unit's calendar: not found.
    let uo = app.login(UO_BACHDANG).await;
    uo.api_get(&with_query("/api/v1/calendar", &[("unit_id", &vhtt)]))
        .await
        .expect(404);
    uo.api_get(&with_query("/api/v1/calendar", &[("unit_id", &bd)]))
        .await
        .expect(200);
}

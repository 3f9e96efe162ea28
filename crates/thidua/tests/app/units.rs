//! Units: create with audit, validation messages, optimistic locking, rename, merge, split, and the demo's
//! 2025 ward merger.

use crate::common::{ADMIN, Engine, STANDING, Session, TestApp, code};
use crate::on_both_engines;
use serde_json::{Value, json};

on_both_engines!(
    create_is_audited,
    invalid_units_are_refused_with_field_messages,
    stale_version_is_a_conflict,
    rename_keeps_the_former_name,
    merge_moves_people_and_sets_successor,
    split_creates_units,
    demo_2025_merger_is_visible
);

async fn create_ward(s: &Session, parent: Option<&str>, name: &str) -> Value {
    let c = code("W");
    let r = s.api_post("/api/v1/units", &json!({"code": c, "name": name, "kind": "ward", "level": "commune", "parent_id": parent, "valid_from": "01/01/2020"})).await;
    r.expect(201);
    r.json()
}

async fn add_person(s: &Session, unit_id: &str, name: &str) -> Value {
    let r = s
        .api_post(
            "/api/v1/people",
            &json!({"full_name": name, "gender": "male", "kind": "cadre", "unit_id": unit_id}),
        )
        .await;
    r.expect(201);
    r.json()
}

async fn people_of(s: &Session, unit_id: &str) -> Vec<String> {
    let r = s
        .api_get(&format!("/api/v1/people?unit_id={unit_id}&limit=500"))
        .await;
    r.expect(200);
    r.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["full_name"].as_str().unwrap().to_string())
        .collect()
}

async fn create_is_audited(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(STANDING).await;
    let root = app.unit("UBND-HBT").await;
    let c = code("P-MOI");
    let r = s.api_post("/api/v1/units", &json!({"code": c.to_lowercase(), "name": "  Phường   Mới  ", "short_name": "PM", "kind": "ward", "level": "commune", "parent_id": root.id, "valid_from": "01/07/2025"})).await;
    r.expect(201);
    let u = r.json();
    assert_eq!(u["code"], c, "codes are stored in capitals");
    assert_eq!(u["name"], "Phường Mới", "spaces are tidied");
    assert_eq!(u["valid_from"], "2025-07-01");
    assert_eq!(u["parent_id"], root.id);
    assert_eq!(u["version"], 1);
    let id = u["id"].as_str().unwrap();

    let audit = s.api_get(&format!("/api/v1/audit?object_id={id}")).await;
    audit.expect(200);
    let rows = audit.json();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["action"], "unit.create");
    assert_eq!(rows[0]["object_type"], "unit");
    assert_eq!(rows[0]["object_label"], "Phường Mới");
    assert_eq!(rows[0]["user_name"], "Đặng Thị Hoa (thuongtruc)");
    assert!(rows[0]["before"].is_null());
    assert_eq!(rows[0]["after"]["code"], c);
    assert_eq!(rows[0]["after"]["name"], "Phường Mới");

    // The page shows it, and the page form creates units too.
    s.get(&format!("/units/{id}"))
        .await
        .expect(200)
        .contains("Phường Mới")
        .contains(&c);
    let c2 = code("P-FORM");
    let r = s
        .post_form(
            "/units",
            &[
                ("code", &c2),
                ("name", "Phường Từ Biểu Mẫu"),
                ("kind", "ward"),
                ("level", "commune"),
                ("parent_id", &root.id),
                ("valid_from", "01/07/2025"),
            ],
        )
        .await;
    r.expect(303);
    let loc = r.location().unwrap().to_string();
    assert!(loc.starts_with("/units/"), "{loc}");
    s.get(&loc)
        .await
        .expect(200)
        .contains("Đã thêm đơn vị Phường Từ Biểu Mẫu.");
    assert_eq!(app.unit(&c2).await.name, "Phường Từ Biểu Mẫu");
}

/// Posts a unit that must be refused with `field`'s message containing `needle`; checks nothing is saved.
async fn refused(app: &TestApp, s: &Session, body: Value, field: &str, needle: &str) {
    let before = (app.units_count().await, app.audit_rows().await);
    let r = s.api_post("/api/v1/units", &body).await;
    r.expect(422);
    let err = r.json();
    assert_eq!(err["error"], "invalid");
    let f = err["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == field)
        .unwrap_or_else(|| panic!("no message for {field}: {err}"));
    assert!(
        f["message"].as_str().unwrap().contains(needle),
        "{field}: {f} lacks {needle:?}"
    );
    assert!(err["message"].as_str().unwrap().contains(needle), "{err}");
    assert_eq!(
        (app.units_count().await, app.audit_rows().await),
        before,
        "nothing saved for {body}"
    );
}

async fn invalid_units_are_refused_with_field_messages(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(ADMIN).await;
    let ok = |c: &str| json!({"code": c, "name": "Phường Kiểm Tra", "kind": "ward", "level": "commune", "valid_from": "01/01/2024"});

    // Duplicate code, in any case.
    for dup in ["P-BACHDANG", "p-bachdang"] {
        let mut b = ok(dup);
        b["name"] = json!("Phường Trùng Mã");
        refused(
            &app,
            &s,
            b,
            "code",
            "Mã đơn vị P-BACHDANG đã được dùng cho \u{201c}Phường Bạch Đằng\u{201d}.",
        )
        .await;
    }
    let mut b = ok(&code("E"));
    b["name"] = json!("   ");
    refused(&app, &s, b, "name", "Tên đơn vị không được để trống.").await;
    let mut b = ok(&code("E"));
    b["name"] = json!("Đ".repeat(256));
    refused(
        &app,
        &s,
        b,
        "name",
        "Tên đơn vị dài 256 ký tự, tối đa 255 ký tự.",
    )
    .await;
    let mut b = ok("PHƯỜNG-CÓ-DẤU");
    b["name"] = json!("Phường Mã Có Dấu");
    refused(&app, &s, b, "code", "chỉ gồm chữ cái không dấu").await;
    let mut b = ok(&code("E"));
    b["valid_from"] = json!("31/02/2024");
    refused(
        &app,
        &s,
        b,
        "valid_from",
        "\u{201c}31/02/2024\u{201d} không phải là ngày hợp lệ",
    )
    .await;
    let mut b = ok(&code("E"));
    b["kind"] = json!("castle");
    refused(&app, &s, b, "kind", "Hãy chọn loại đơn vị trong danh sách.").await;
    // District level is gone from 1 July 2025.
    let mut b = ok(&code("Q"));
    b["level"] = json!("district");
    b["kind"] = json!("department");
    b["valid_from"] = json!("01/07/2025");
    refused(
        &app,
        &s,
        b.clone(),
        "level",
        "cấp huyện kết thúc ngày 30/06/2025",
    )
    .await;
    b["valid_from"] = json!("30/06/2025");
    s.api_post("/api/v1/units", &b).await.expect(201);
    // A parent that does not exist.
    let mut b = ok(&code("E"));
    b["parent_id"] = json!("khong-co-don-vi-nay");
    refused(&app, &s, b, "parent_id", "Đơn vị cấp trên không tồn tại").await;

    // The page shows messages next to the fields, keeps what was typed, and saves nothing.
    let before = app.units_count().await;
    let r = s
        .post_form(
            "/units",
            &[
                ("code", "P-BACHDANG"),
                ("name", "Phường <b>Trùng</b>"),
                ("kind", "ward"),
                ("level", "commune"),
                ("valid_from", "01/01/2024"),
            ],
        )
        .await;
    r.expect(422)
        .contains("Mã đơn vị P-BACHDANG đã được dùng cho")
        .contains("aria-invalid=\"true\"");
    assert!(
        crate::common::unescape_html(&r.text).contains("value=\"Phường <b>Trùng</b>\""),
        "what was typed is kept"
    );
    assert!(!r.text.contains("<b>Trùng</b>"));
    let r = s
        .post_form(
            "/units",
            &[
                ("code", &code("E")),
                ("name", ""),
                ("kind", "ward"),
                ("level", "commune"),
                ("valid_from", "31/02/2024"),
            ],
        )
        .await;
    r.expect(422)
        .contains("Chưa lưu được: hãy sửa 2 lỗi dưới đây.")
        .contains("Tên đơn vị không được để trống.")
        .contains("không phải là ngày hợp lệ")
        .contains("value=\"31/02/2024\"");
    // A taken code is reported in the same round as the other problems.
    let r = s
        .post_form(
            "/units",
            &[
                ("code", "P-BACHDANG"),
                ("name", ""),
                ("kind", "ward"),
                ("level", "commune"),
                ("valid_from", "01/01/2024"),
            ],
        )
        .await;
    r.expect(422)
        .contains("Chưa lưu được: hãy sửa 2 lỗi dưới đây.")
        .contains("Tên đơn vị không được để trống.")
        .contains("Mã đơn vị P-BACHDANG đã được dùng");
    assert_eq!(app.units_count().await, before);

    // A unit officer learns that a code is taken, but not the name of a unit outside their scope.
    let officer = app.login(crate::common::UO_BACHDANG).await;
    let own = app.unit("P-BACHDANG").await;
    let r = officer.api_post("/api/v1/units", &json!({"code": "P-BACHMAI", "name": "Tổ dân phố mới", "kind": "residential_group", "level": "grassroots", "parent_id": own.id})).await;
    r.expect(422).contains("Mã đơn vị P-BACHMAI đã được dùng.");
    assert!(!r.text.contains("Phường Bạch Mai"), "{}", r.text);
    assert_eq!(app.units_count().await, before);
}

async fn stale_version_is_a_conflict(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let a = app.login(ADMIN).await;
    let b = app.login(STANDING).await;
    let ward = create_ward(&a, None, "Phường Hai Người Sửa").await;
    let id = ward["id"].as_str().unwrap();
    let body = |name: &str, version: &Value| json!({"code": ward["code"], "name": name, "kind": "ward", "level": "commune", "valid_from": "01/01/2020", "version": version});

    // Both read version 1; the first save wins and bumps the version.
    let r = a
        .api_put(
            &format!("/api/v1/units/{id}"),
            &body("Phường Bản Của A", &ward["version"]),
        )
        .await;
    r.expect(200);
    assert_eq!(r.json()["version"], 2);
    let audit_before = app.audit_rows().await;
    let r = b
        .api_put(
            &format!("/api/v1/units/{id}"),
            &body("Phường Bản Của B", &ward["version"]),
        )
        .await;
    r.expect(409);
    assert_eq!(r.json()["error"], "conflict");
    assert!(
        r.json()["message"]
            .as_str()
            .unwrap()
            .contains("người khác thay đổi"),
        "{}",
        r.text
    );
    assert_eq!(app.unit_by_id(id).await.name, "Phường Bản Của A");
    assert_eq!(app.audit_rows().await, audit_before);
    // Without a version the API refuses to guess.
    let mut no_version = body("Phường Không Phiên Bản", &json!(null));
    no_version.as_object_mut().unwrap().remove("version");
    let r = b.api_put(&format!("/api/v1/units/{id}"), &no_version).await;
    r.expect(422);
    assert!(r.text.contains("Thiếu trường version"));

    // The page form: a stale hidden version gets 409 and the form again, nothing overwritten.
    let form = b.get(&format!("/units/{id}/edit")).await;
    form.expect(200);
    let version = crate::common::hidden_value(&form.text, "version").unwrap();
    assert_eq!(version, "2");
    a.api_put(
        &format!("/api/v1/units/{id}"),
        &body("Phường Bản Mới Của A", &json!(2)),
    )
    .await
    .expect(200);
    let code = ward["code"].as_str().unwrap();
    let r = b
        .post_form(
            &format!("/units/{id}"),
            &[
                ("code", code),
                ("name", "Phường Bản Cũ Của B"),
                ("kind", "ward"),
                ("level", "commune"),
                ("valid_from", "01/01/2020"),
                ("version", &version),
            ],
        )
        .await;
    r.expect(409)
        .contains("vừa được người khác sửa")
        .contains("Phường Bản Cũ Của B");
    let now = app.unit_by_id(id).await;
    assert_eq!(now.name, "Phường Bản Mới Của A");
    assert_eq!(now.version, 3);
    // Reloaded, the edit goes through.
    let r = b
        .post_form(
            &format!("/units/{id}"),
            &[
                ("code", code),
                ("name", "Phường Bản Của B"),
                ("kind", "ward"),
                ("level", "commune"),
                ("valid_from", "01/01/2020"),
                ("version", "3"),
            ],
        )
        .await;
    r.expect(303);
    assert_eq!(app.unit_by_id(id).await.name, "Phường Bản Của B");
}

async fn rename_keeps_the_former_name(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(ADMIN).await;
    let ward = create_ward(&s, None, "Phường Tên Cũ").await;
    let id = ward["id"].as_str().unwrap();
    // Renaming to the same name is refused.
    let r = s
        .api_post(
            &format!("/api/v1/units/{id}/rename"),
            &json!({"new_name": "Phường Tên Cũ", "effective_on": "01/01/2024", "version": 1}),
        )
        .await;
    r.expect(422);
    assert!(r.text.contains("Tên mới trùng với tên hiện tại."));
    // The date must be after the unit's start.
    let r = s
        .api_post(
            &format!("/api/v1/units/{id}/rename"),
            &json!({"new_name": "Phường Tên Mới", "effective_on": "01/01/2019", "version": 1}),
        )
        .await;
    r.expect(422);
    let r = s
        .api_post(
            &format!("/api/v1/units/{id}/rename"),
            &json!({"new_name": "Phường Tên Mới", "effective_on": "01/01/2024", "version": 1}),
        )
        .await;
    r.expect(200);
    assert_eq!(r.json()["name"], "Phường Tên Mới");
    assert_eq!(r.json()["code"], ward["code"]);
    let page = s.get(&format!("/units/{id}")).await;
    page.expect(200)
        .contains("Phường Tên Mới")
        .contains("Tên cũ")
        .contains("Phường Tên Cũ (đến 31/12/2023)");
    // Search finds the unit by its new name without diacritics.
    let found = s.api_get("/api/v1/units?q=phuong%20ten%20moi").await;
    found.expect(200);
    assert!(
        found
            .json()
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["id"] == id)
    );
    // A rename with a stale version is a conflict.
    let r = s
        .api_post(
            &format!("/api/v1/units/{id}/rename"),
            &json!({"new_name": "Phường Tên Khác", "effective_on": "01/06/2024", "version": 1}),
        )
        .await;
    r.expect(409);
    assert_eq!(app.unit_by_id(id).await.name, "Phường Tên Mới");
    let audit = s
        .api_get(&format!("/api/v1/audit?object_id={id}"))
        .await
        .json();
    let rename = audit
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["action"] == "unit.rename")
        .expect("rename audited")
        .clone();
    assert_eq!(rename["before"]["name"], "Phường Tên Cũ");
    assert_eq!(rename["after"]["name"], "Phường Tên Mới");
}

async fn merge_moves_people_and_sets_successor(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(ADMIN).await;
    let a = create_ward(&s, None, "Phường Sáp Nhập A").await;
    let b = create_ward(&s, None, "Phường Sáp Nhập B").await;
    let (a_id, b_id) = (a["id"].as_str().unwrap(), b["id"].as_str().unwrap());
    add_person(&s, a_id, "Trịnh Văn Một").await;
    add_person(&s, b_id, "Trịnh Văn Hai").await;
    add_person(&s, b_id, "Trịnh Văn Ba").await;
    let group = s.api_post("/api/v1/units", &json!({"code": code("TDP"), "name": "Tổ dân phố của B", "kind": "residential_group", "level": "grassroots", "parent_id": b_id, "valid_from": "01/01/2020"})).await.json();

    // The survivor must be one of the sources; one unit alone is no merge.
    let r = s.api_post("/api/v1/units/merge", &json!({"sources": [a_id, b_id], "survivor": "P-BACHDANG", "effective_on": "01/07/2025"})).await;
    r.expect(422);
    let r = s
        .api_post(
            "/api/v1/units/merge",
            &json!({"sources": [a_id], "survivor": a_id, "effective_on": "01/07/2025"}),
        )
        .await;
    r.expect(422);
    assert!(r.text.contains("ít nhất hai đơn vị"));
    assert!(app.unit_by_id(b_id).await.valid_to.is_none());

    let r = s.api_post("/api/v1/units/merge", &json!({"sources": [a_id, b_id], "survivor": a_id, "effective_on": "01/07/2025", "note": "Nghị quyết thử"})).await;
    r.expect(200);
    assert_eq!(r.json()["id"], a_id);
    let closed = app.unit_by_id(b_id).await;
    assert_eq!(closed.valid_to.as_deref(), Some("2025-06-30"));
    assert_eq!(closed.successor_id.as_deref(), Some(a_id));
    assert!(app.unit_by_id(a_id).await.valid_to.is_none());
    let mut people = people_of(&s, a_id).await;
    people.sort();
    assert_eq!(people, ["Trịnh Văn Ba", "Trịnh Văn Hai", "Trịnh Văn Một"]);
    assert!(people_of(&s, b_id).await.is_empty());
    assert_eq!(
        app.unit_by_id(group["id"].as_str().unwrap())
            .await
            .parent_id
            .as_deref(),
        Some(a_id),
        "sub-units follow"
    );
    // The closed unit points to its successor; lists hide it unless asked.
    s.get(&format!("/units/{b_id}"))
        .await
        .expect(200)
        .contains("đã ngừng hoạt động")
        .contains("Phường Sáp Nhập A");
    let active = s.api_get("/api/v1/units").await.json();
    assert!(!active.as_array().unwrap().iter().any(|u| u["id"] == b_id));
    let all = s.api_get("/api/v1/units?include_closed=true").await.json();
    assert!(all.as_array().unwrap().iter().any(|u| u["id"] == b_id));
    // A closed unit cannot be merged again, and takes no new people.
    let c = create_ward(&s, None, "Phường Sáp Nhập C").await;
    let r = s
        .api_post(
            "/api/v1/units/merge",
            &json!({"sources": [b_id, c["id"]], "survivor": c["id"], "effective_on": "01/08/2025"}),
        )
        .await;
    r.expect(422);
    assert!(r.text.contains("không còn hoạt động"));
    let r = s.api_post("/api/v1/people", &json!({"full_name": "Trịnh Văn Bốn", "gender": "male", "kind": "cadre", "unit_id": b_id})).await;
    r.expect(422);

    // Merging into a new unit through the page form.
    let d = create_ward(&s, None, "Phường Sáp Nhập D").await;
    let new_code = code("P-MOI");
    let c_id = c["id"].as_str().unwrap();
    let d_id = d["id"].as_str().unwrap();
    let r = s
        .post_form(
            "/units/merge",
            &[
                ("sources", c_id),
                ("sources", d_id),
                ("survivor", ""),
                ("new_code", &new_code),
                ("new_name", "Phường Hợp Nhất"),
                ("effective_on", "01/07/2025"),
                ("note", ""),
            ],
        )
        .await;
    r.expect(303);
    let merged = app.unit(&new_code).await;
    assert_eq!(merged.name, "Phường Hợp Nhất");
    assert_eq!(merged.valid_from, "2025-07-01");
    for id in [c_id, d_id] {
        assert_eq!(
            app.unit_by_id(id).await.successor_id.as_deref(),
            Some(merged.id.as_str())
        );
    }
    s.get(&format!("/units/{}", merged.id))
        .await
        .expect(200)
        .contains("Sáp nhập")
        .contains("Phường Sáp Nhập C")
        .contains("Phường Sáp Nhập D");
}

async fn split_creates_units(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(STANDING).await;
    let w = create_ward(&s, None, "Phường Chia Tách").await;
    let id = w["id"].as_str().unwrap();
    add_person(&s, id, "Lưu Văn Tách").await;
    // One new unit is not a split.
    let r = s.api_post(&format!("/api/v1/units/{id}/split"), &json!({"new_units": [{"code": code("S"), "name": "Phường Một Mình"}], "effective_on": "01/07/2025"})).await;
    r.expect(422);
    assert!(r.text.contains("ít nhất hai đơn vị mới"));
    // A new code already used is refused, and nothing is half-made.
    let units_before = app.units_count().await;
    let r = s.api_post(&format!("/api/v1/units/{id}/split"), &json!({"new_units": [{"code": code("S"), "name": "Phường Bắc"}, {"code": "P-BACHDANG", "name": "Phường Nam"}], "effective_on": "01/07/2025"})).await;
    r.expect(422);
    assert!(r.text.contains("Mã đơn vị P-BACHDANG đã được dùng"));
    assert_eq!(app.units_count().await, units_before);
    assert!(app.unit_by_id(id).await.valid_to.is_none());

    let (north, south) = (code("S-BAC"), code("S-NAM"));
    let r = s.api_post(&format!("/api/v1/units/{id}/split"), &json!({"new_units": [{"code": north, "name": "Phường Bắc"}, {"code": south, "name": "Phường Nam"}], "effective_on": "01/07/2025", "note": "Chia tách thử"})).await;
    r.expect(200);
    let created = r.json();
    let created = created.as_array().unwrap();
    assert_eq!(created.len(), 2);
    assert_eq!(created[0]["name"], "Phường Bắc");
    assert_eq!(created[0]["level"], "commune");
    assert_eq!(created[1]["valid_from"], "2025-07-01");
    let source = app.unit_by_id(id).await;
    assert_eq!(source.valid_to.as_deref(), Some("2025-06-30"));
    assert_eq!(source.successor_id.as_deref(), created[0]["id"].as_str());
    assert_eq!(
        people_of(&s, created[0]["id"].as_str().unwrap()).await,
        ["Lưu Văn Tách"]
    );
    assert_eq!(app.unit(&south).await.name, "Phường Nam");
    // The page form splits too.
    let w2 = create_ward(&s, None, "Phường Chia Qua Biểu Mẫu").await;
    let r = s
        .post_form(
            &format!("/units/{}/split", w2["id"].as_str().unwrap()),
            &[
                ("code0", &code("F1")),
                ("name0", "Phường Đông"),
                ("code1", &code("F2")),
                ("name1", "Phường Tây"),
                ("effective_on", "01/07/2025"),
            ],
        )
        .await;
    r.expect(303);
    s.get(r.location().unwrap())
        .await
        .expect(200)
        .contains("Phường Đông")
        .contains("Đã chia tách đơn vị.");
}

async fn demo_2025_merger_is_visible(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(ADMIN).await;
    let hbt = app.unit("P-HAIBATRUNG").await;
    assert_eq!(hbt.name, "Phường Hai Bà Trưng");
    assert_eq!(hbt.valid_from, "2025-07-01");
    assert_eq!(hbt.level, "commune");
    for c in ["P-DONGNHAN", "P-PHOHUE"] {
        let old = app.unit(c).await;
        assert_eq!(old.valid_to.as_deref(), Some("2025-06-30"), "{c}");
        assert_eq!(old.successor_id.as_deref(), Some(hbt.id.as_str()), "{c}");
        let r = s.api_get(&format!("/api/v1/units/{}", old.id)).await;
        r.expect(200);
        assert_eq!(r.json()["successor_id"], hbt.id);
        s.get(&format!("/units/{}", old.id))
            .await
            .expect(200)
            .contains("đã ngừng hoạt động")
            .contains("Phường Hai Bà Trưng");
    }
    let page = s.get(&format!("/units/{}", hbt.id)).await;
    page.expect(200)
        .contains("Lịch sử thay đổi")
        .contains("01/07/2025")
        .contains("Sáp nhập")
        .contains("Phường Đồng Nhân")
        .contains("Phường Phố Huế");
    // The people of the old wards are now in the new one.
    assert!(people_of(&s, &hbt.id).await.len() >= 12);
    // The current list shows the new ward, not the old ones; with closed units both.
    let list = s.get("/units").await;
    list.expect(200).contains("Phường Hai Bà Trưng");
    assert!(!list.text.contains("Phường Đồng Nhân"));
    s.get("/units?closed=1")
        .await
        .expect(200)
        .contains("Phường Đồng Nhân")
        .contains("Phường Phố Huế");
    // This year's clusters count the new ward (the demo makes them for years after 2025).
    let year = time::OffsetDateTime::now_utc().year().max(2026);
    let clusters = s
        .api_get(&format!("/api/v1/clusters?year={year}"))
        .await
        .json();
    let members: Vec<&str> = clusters
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| {
            c["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["unit_name"].as_str().unwrap())
        })
        .collect();
    assert!(members.contains(&"Phường Hai Bà Trưng"), "{members:?}");
    assert!(!members.contains(&"Phường Đồng Nhân"));
}

//! People: create, edit, search without diacritics (and đ, and decomposed input), markup and SQL stored
//! literally and shown escaped, future birth dates refused.

use crate::common::{ADMIN, Engine, Session, TestApp, UO_BACHDANG, unescape_html, with_query};
use crate::on_both_engines;
use serde_json::{Value, json};

on_both_engines!(
    create_and_edit,
    search_ignores_diacritics,
    markup_and_sql_are_data,
    invalid_people_are_refused
);

async fn search(s: &Session, q: &str) -> Vec<String> {
    let r = s
        .api_get(&with_query("/api/v1/people", &[("q", q), ("limit", "500")]))
        .await;
    r.expect(200);
    let body = r.json();
    let items: Vec<String> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["full_name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        body["total"].as_i64().unwrap() as usize,
        items.len(),
        "total matches the page for {q:?}"
    );
    items
}

async fn create_and_edit(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(ADMIN).await;
    let ward = app.unit("P-BACHMAI").await;
    let r = s.api_post("/api/v1/people", &json!({"full_name": "  Hà   Thị  Minh Châu ", "gender": "Nữ", "birth_date": "29/02/1988", "position": "Công chức Văn phòng - Thống kê", "kind": "Công chức", "direct_worker": true, "unit_id": ward.id})).await;
    r.expect(201);
    let p = r.json();
    assert_eq!(p["full_name"], "Hà Thị Minh Châu");
    assert_eq!(p["gender"], "female");
    assert_eq!(p["birth_date"], "1988-02-29");
    assert_eq!(p["kind"], "civil_servant");
    assert_eq!(p["direct_worker"], true);
    let id = p["id"].as_str().unwrap();
    let page = s.get(&format!("/people/{id}")).await;
    page.expect(200)
        .contains("Hà Thị Minh Châu")
        .contains("29/02/1988")
        .contains("Phường Bạch Mai")
        .contains("Nữ");

    // Edit through the page form, moving the person to another unit.
    let form = s.get(&format!("/people/{id}/edit")).await;
    form.expect(200).contains("Hà Thị Minh Châu");
    let version = crate::common::hidden_value(&form.text, "version").unwrap();
    let other = app.unit("P-MINHKHAI").await;
    let r = s
        .post_form(
            &format!("/people/{id}"),
            &[
                ("full_name", "Hà Thị Minh Châu"),
                ("gender", "female"),
                ("birth_date", "29/02/1988"),
                ("position", "Phó Chủ tịch UBND phường"),
                ("kind", "cadre"),
                ("unit_id", &other.id),
                ("version", &version),
            ],
        )
        .await;
    r.expect(303);
    let saved = app.person(id).await;
    assert_eq!(saved.unit_id, other.id);
    assert_eq!(saved.position.as_deref(), Some("Phó Chủ tịch UBND phường"));
    assert!(!saved.direct_worker, "an unticked box clears the flag");
    assert_eq!(saved.version, 2);
    // The stale form is refused and overwrites nothing.
    let r = s
        .post_form(
            &format!("/people/{id}"),
            &[
                ("full_name", "Hà Thị Cũ"),
                ("gender", "female"),
                ("kind", "cadre"),
                ("unit_id", &other.id),
                ("version", &version),
            ],
        )
        .await;
    r.expect(409).contains("vừa được người khác sửa");
    let r = s.api_put(&format!("/api/v1/people/{id}"), &json!({"full_name": "Hà Thị Cũ", "gender": "female", "kind": "cadre", "unit_id": other.id, "version": 1})).await;
    r.expect(409);
    assert!(
        r.json()["message"]
            .as_str()
            .unwrap()
            .contains("người khác thay đổi")
    );
    assert_eq!(app.person(id).await, saved);
    // Audit keeps before and after.
    let audit = s
        .api_get(&format!("/api/v1/audit?object_id={id}"))
        .await
        .json();
    let update = audit
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["action"] == "person.update")
        .expect("update audited")
        .clone();
    assert_eq!(update["before"]["unit_id"], ward.id);
    assert_eq!(update["after"]["unit_id"], other.id);

    // A unit officer may not move their people out of their unit.
    let uo = app.login(UO_BACHDANG).await;
    let mine = app.person_in("P-BACHDANG").await;
    let r = uo.api_put(&format!("/api/v1/people/{}", mine.id), &json!({"full_name": mine.full_name, "gender": mine.gender, "kind": mine.kind, "unit_id": other.id, "version": mine.version})).await;
    r.expect(422);
    assert!(r.text.contains("phạm vi của mình"));
    assert_eq!(app.person(&mine.id).await, mine);
}

async fn search_ignores_diacritics(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(ADMIN).await;
    let fold = thidua_domain::text::fold;

    let found = search(&s, "nguyen van an").await;
    assert!(found.contains(&"Nguyễn Văn An".to_string()), "{found:?}");
    assert!(
        found.iter().all(|n| fold(n).contains("nguyen van an")),
        "{found:?}"
    );
    for q in ["NGUYỄN VĂN AN", "Nguyễn  Văn  An", "nguyễn văn an"] {
        assert_eq!(search(&s, q).await, found, "{q}");
    }
    // Decomposed (NFD) input, as typed with a "Unicode tổ hợp" keyboard.
    let nfd = "Nguye\u{0302}\u{0303}n Va\u{0306}n An";
    assert_ne!(nfd, "Nguyễn Văn An");
    assert_eq!(search(&s, nfd).await, found);

    let dang = search(&s, "dang").await;
    assert!(dang.contains(&"Đặng Thị Hoa".to_string()), "{dang:?}");
    assert_eq!(
        search(&s, "đặng thị hoa").await,
        search(&s, "dang thi hoa").await
    );
    assert!(
        search(&s, "dang thi hoa")
            .await
            .contains(&"Đặng Thị Hoa".to_string())
    );
    // Position is searched too.
    assert!(!search(&s, "chu tich ubnd phuong").await.is_empty());

    // The page search shows the same, keeping the query in the box.
    let page = s.get("/people?q=dang+thi+hoa").await;
    page.expect(200)
        .contains("Đặng Thị Hoa")
        .contains("value=\"dang thi hoa\"");

    // A person saved in NFD is stored in NFC and found both ways.
    let ward = app.unit("P-BACHKHOA").await;
    let r = s.api_post("/api/v1/people", &json!({"full_name": "Le\u{0302} Thi\u{0323} Ho\u{0302}\u{0300}ng", "gender": "female", "kind": "citizen", "unit_id": ward.id})).await;
    r.expect(201);
    assert_eq!(r.json()["full_name"], "Lê Thị Hồng");
    assert!(
        search(&s, "le thi hong")
            .await
            .contains(&"Lê Thị Hồng".to_string())
    );
    assert!(
        search(&s, "Lê Thị Hồng")
            .await
            .contains(&"Lê Thị Hồng".to_string())
    );

    // A unit officer searches only their own unit.
    let uo = app.login(UO_BACHDANG).await;
    assert!(
        search(&uo, "nguyen van an")
            .await
            .contains(&"Nguyễn Văn An".to_string())
    );
    assert!(
        !search(&uo, "dang thi hoa")
            .await
            .contains(&"Đặng Thị Hoa".to_string())
    );
    // Units are searched the same way.
    let units = s.api_get("/api/v1/units?q=bach%20dang").await.json();
    assert!(
        units
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["name"] == "Phường Bạch Đằng")
    );
}

async fn markup_and_sql_are_data(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(ADMIN).await;
    let ward = app.unit("P-CAUDEN").await;
    let nasty = "<script>alert('x')</script>'; DROP TABLE persons; -- \"q\" & <b>đậm</b>";
    let r = s.api_post("/api/v1/people", &json!({"full_name": "Trương Văn Thử", "gender": "male", "position": nasty, "kind": "worker", "unit_id": ward.id})).await;
    r.expect(201);
    let id = r.json()["id"].as_str().unwrap().to_string();
    assert_eq!(r.json()["position"], nasty);
    assert_eq!(app.person(&id).await.position.as_deref(), Some(nasty));
    // Shown escaped wherever it appears.
    for path in [
        format!("/people/{id}"),
        format!("/people/{id}/edit"),
        format!("/people?unit={}", ward.id),
        "/people?q=truong+van+thu".to_string(),
    ] {
        let page = s.get(&path).await;
        page.expect(200);
        assert!(
            unescape_html(&page.text).contains(nasty),
            "{path}: {}",
            page.text
        );
        assert!(
            !page.text.contains("<script>alert"),
            "{path} shows markup raw"
        );
        assert!(!page.text.contains("<b>đậm</b>"), "{path}");
    }
    // Units take the same care.
    let unit_name = "Tổ <script>alert(1)</script> \"Ngoặc\"";
    let r = s.api_post("/api/v1/units", &json!({"code": crate::common::code("XSS"), "name": unit_name, "kind": "other", "level": "grassroots"})).await;
    r.expect(201);
    let uid = r.json()["id"].as_str().unwrap().to_string();
    for path in [
        format!("/units/{uid}"),
        "/units".to_string(),
        format!("/units/{uid}/edit"),
        "/audit".to_string(),
        "/".to_string(),
    ] {
        let page = s.get(&path).await;
        page.expect(200);
        assert!(
            !page.text.contains("<script>alert(1)"),
            "{path} shows markup raw"
        );
        assert!(unescape_html(&page.text).contains(unit_name), "{path}");
    }
    // SQL in a search is only text.
    let persons = app.persons_count().await;
    for q in ["' OR '1'='1", "%", "_", "\\", "'; DROP TABLE persons; --"] {
        let r = s.api_get(&with_query("/api/v1/people", &[("q", q)])).await;
        r.expect(200);
        let items = r.json()["items"].as_array().unwrap().len();
        assert!(items <= 1, "{q:?} matched {items} people");
    }
    assert!(
        search(&s, "drop table persons")
            .await
            .contains(&"Trương Văn Thử".to_string())
    );
    assert_eq!(app.persons_count().await, persons);
    // Names cannot carry markup at all.
    let r = s.api_post("/api/v1/people", &json!({"full_name": "<img src=x onerror=alert(1)>", "gender": "male", "kind": "worker", "unit_id": ward.id})).await;
    r.expect(422);
    assert!(
        r.text
            .contains("Họ và tên chỉ gồm chữ cái và khoảng trắng.")
    );
}

async fn invalid_people_are_refused(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(ADMIN).await;
    let ward = app.unit("P-CAUDEN").await;
    let before = (app.persons_count().await, app.audit_rows().await);
    let next_year = time::OffsetDateTime::now_utc().year() + 1;
    let future = format!("01/01/{next_year}");
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            json!({"full_name": "Người Chưa Sinh", "gender": "male", "birth_date": future, "kind": "citizen", "unit_id": ward.id}),
            "birth_date",
            "Ngày sinh không thể sau ngày hôm nay.",
        ),
        (
            json!({"full_name": "Ngày Sai", "gender": "male", "birth_date": "31/02/1990", "kind": "citizen", "unit_id": ward.id}),
            "birth_date",
            "không phải là ngày hợp lệ",
        ),
        (
            json!({"full_name": "", "gender": "male", "kind": "citizen", "unit_id": ward.id}),
            "full_name",
            "Họ và tên không được để trống.",
        ),
        (
            json!({"full_name": "Giới Tính Lạ", "gender": "x", "kind": "citizen", "unit_id": ward.id}),
            "gender",
            "Hãy chọn giới tính Nam hoặc Nữ.",
        ),
        (
            json!({"full_name": "Không Đơn Vị", "gender": "male", "kind": "citizen"}),
            "unit_id",
            "Hãy chọn đơn vị công tác.",
        ),
        (
            json!({"full_name": "Đơn Vị Đã Đóng", "gender": "male", "kind": "citizen", "unit_id": app.unit("P-DONGNHAN").await.id}),
            "unit_id",
            "đã giải thể hoặc sáp nhập",
        ),
        (
            json!({"full_name": "Tên Quá Dài ".repeat(10), "gender": "male", "kind": "citizen", "unit_id": ward.id}),
            "full_name",
            "tối đa 100 ký tự",
        ),
    ];
    for (body, field, needle) in cases {
        let r = s.api_post("/api/v1/people", &body).await;
        r.expect(422);
        let err = r.json();
        let f = err["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["field"] == field)
            .unwrap_or_else(|| panic!("no {field} error: {err}"))
            .clone();
        assert!(
            f["message"].as_str().unwrap().contains(needle),
            "{f} lacks {needle:?}"
        );
    }
    // The page form shows the message at the field.
    let r = s
        .post_form(
            "/people",
            &[
                ("full_name", "Người Chưa Sinh"),
                ("gender", "female"),
                ("birth_date", &future),
                ("kind", "citizen"),
                ("unit_id", &ward.id),
            ],
        )
        .await;
    r.expect(422)
        .contains("Ngày sinh không thể sau ngày hôm nay.")
        .contains("value=\"Người Chưa Sinh\"");
    assert_eq!((app.persons_count().await, app.audit_rows().await), before);
}

//! The audit log: filters by object type, user and date; before and after values by object.

use crate::common::{ADMIN, Engine, STANDING, TestApp, code, with_query};
use crate::on_both_engines;
use serde_json::{Value, json};

on_both_engines!(audit_filters, audit_before_and_after);

fn rows(v: &Value) -> &Vec<Value> {
    v.as_array().expect("a list")
}

async fn audit_filters(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.login(ADMIN).await;
    let office = app.login(STANDING).await;
    let office_id = app.user_id(STANDING).await;
    let c = code("AUD");
    let unit = office
        .api_post(
            "/api/v1/units",
            &json!({"code": c, "name": "Phường Nhật Ký", "kind": "ward", "level": "commune"}),
        )
        .await
        .json();
    let person = admin.api_post("/api/v1/people", &json!({"full_name": "Kiều Văn Nhật Ký", "gender": "male", "kind": "cadre", "unit_id": unit["id"]})).await.json();

    let units = admin
        .api_get("/api/v1/audit?object_type=unit&limit=1000")
        .await;
    units.expect(200);
    let units = units.json();
    assert!(rows(&units).iter().all(|r| r["object_type"] == "unit"));
    assert!(rows(&units).iter().any(|r| r["object_id"] == unit["id"]));
    assert!(!rows(&units).iter().any(|r| r["object_id"] == person["id"]));

    let by_office = admin
        .api_get(&format!("/api/v1/audit?user_id={office_id}"))
        .await
        .json();
    assert!(rows(&by_office).iter().all(|r| r["user_id"] == office_id));
    assert!(
        rows(&by_office)
            .iter()
            .any(|r| r["object_id"] == unit["id"] && r["action"] == "unit.create")
    );
    assert!(rows(&by_office).iter().any(|r| r["action"] == "user.login"));
    assert!(
        !rows(&by_office)
            .iter()
            .any(|r| r["object_id"] == person["id"])
    );
    // Both filters at once.
    let both = admin
        .api_get(&format!(
            "/api/v1/audit?user_id={office_id}&object_type=person"
        ))
        .await
        .json();
    // (The demo's office has person rows of its own; the person created above is the admin's.)
    assert!(
        rows(&both).iter().all(|r| r["user_id"] == office_id
            && r["object_type"] == "person"
            && r["object_id"] != person["id"]),
        "{both}"
    );

    // Newest first.
    let all = admin.api_get("/api/v1/audit?limit=5").await.json();
    assert_eq!(rows(&all).len(), 5);
    assert_eq!(all[0]["object_id"], person["id"]);
    let ats: Vec<&str> = rows(&all)
        .iter()
        .map(|r| r["at"].as_str().unwrap())
        .collect();
    assert!(ats.windows(2).all(|w| w[0] >= w[1]), "{ats:?}");

    // Dates, in both formats; the demo was made today too, so tomorrow has nothing and today has all.
    let today = time::OffsetDateTime::now_utc().date();
    let vn = |d: time::Date| format!("{:02}/{:02}/{}", d.day(), u8::from(d.month()), d.year());
    let tomorrow = today.next_day().unwrap();
    let yesterday = today.previous_day().unwrap();
    let today_rows = admin
        .api_get(&with_query(
            "/api/v1/audit",
            &[
                ("from", &vn(today)),
                ("to", &today.to_string()),
                ("object_id", unit["id"].as_str().unwrap()),
            ],
        ))
        .await;
    today_rows.expect(200);
    assert_eq!(rows(&today_rows.json()).len(), 1);
    let later = admin
        .api_get(&with_query("/api/v1/audit", &[("from", &vn(tomorrow))]))
        .await
        .json();
    assert!(rows(&later).is_empty(), "{later}");
    let earlier = admin
        .api_get(&with_query(
            "/api/v1/audit",
            &[
                ("to", &vn(yesterday)),
                ("object_id", unit["id"].as_str().unwrap()),
            ],
        ))
        .await
        .json();
    assert!(rows(&earlier).is_empty(), "{earlier}");
    let r = admin
        .api_get(&with_query("/api/v1/audit", &[("from", "31/02/2024")]))
        .await;
    r.expect(400);
    assert_eq!(
        r.json()["message"],
        "Từ ngày \u{201c}31/02/2024\u{201d} không phải ngày hợp lệ."
    );

    // The page: filters, Vietnamese action names, a clear message for a bad date.
    let page = admin
        .get(&format!("/audit?object_type=unit&user_id={office_id}"))
        .await;
    page.expect(200)
        .contains("Thêm đơn vị")
        .contains("Phường Nhật Ký")
        .contains("Đặng Thị Hoa (thuongtruc)");
    assert!(!page.text.contains("Kiều Văn Nhật Ký"));
    let page = admin
        .get(&with_query("/audit", &[("from", &vn(tomorrow))]))
        .await;
    page.expect(200);
    assert!(!page.text.contains("Phường Nhật Ký"));
    admin
        .get("/audit?to=99%2F99%2F2024")
        .await
        .expect(422)
        .contains("Đến ngày \u{201c}99/99/2024\u{201d} không phải ngày hợp lệ");
}

async fn audit_before_and_after(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(ADMIN).await;
    let p = app.person_in("P-BACHDANG").await;
    let r = s.api_put(&format!("/api/v1/people/{}", p.id), &json!({"full_name": p.full_name, "gender": p.gender, "birth_date": "20/11/1982", "position": "Chức vụ mới", "kind": p.kind, "unit_id": p.unit_id, "version": p.version})).await;
    r.expect(200);
    let log = s
        .api_get(&format!("/api/v1/audit?object_id={}", p.id))
        .await;
    log.expect(200);
    let log = log.json();
    let entries = rows(&log);
    assert!(entries.iter().all(|e| e["object_id"] == p.id.as_str()));
    let update = &entries[0];
    assert_eq!(update["action"], "person.update");
    assert_eq!(update["object_type"], "person");
    assert_eq!(update["user_name"], "Quản trị hệ thống (admin)");
    assert_eq!(update["before"]["position"], json!(p.position));
    assert_eq!(update["after"]["position"], "Chức vụ mới");
    assert_eq!(update["before"]["birth_date"], json!(p.birth_date));
    assert_eq!(update["after"]["birth_date"], "1982-11-20");
    assert_eq!(update["before"]["version"], p.version);
    assert_eq!(update["after"]["version"], p.version + 1);
    let create = entries.last().unwrap();
    assert_eq!(create["action"], "person.create");
    assert!(create["before"].is_null());
    assert_eq!(create["after"]["full_name"], p.full_name.as_str());
    // The page shows what changed with Vietnamese field names.
    let page = s.get(&format!("/audit?object_id={}", p.id)).await;
    page.expect(200)
        .contains("Sửa cá nhân")
        .contains("Chức vụ")
        .contains("Chức vụ mới")
        .contains("20/11/1982");
    // Only the office may read the log.
    let uo = app.login(crate::common::UO_BACHDANG).await;
    uo.api_get(&format!("/api/v1/audit?object_id={}", p.id))
        .await
        .expect(403);
}

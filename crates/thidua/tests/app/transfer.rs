//! The 2025 reorganisation for real: a former organisation's data exported as one archive and imported
//! into the organisation that succeeds it, with successors confirmed by a person; the inherited years
//! count in eligibility there; broken, newer, repeated or foreign archives are refused with nothing
//! written.

use crate::common::{ADMIN, Engine, STANDING, Session, TestApp, hidden_value, next_n};
use crate::on_both_engines;
use serde_json::{Value, json};
use std::io::Read;
use thidua_app::Caller;
use thidua_domain::org::UnitInput;
use thidua_store::users::UserRow;

on_both_engines!(
    a_district_archive_round_trips_into_a_successor_organisation,
    broken_and_newer_archives_are_refused_with_nothing_written,
    the_demo_city_inherits_the_district_history
);

/// A fresh receiving organisation: its body, a ward named like one of the district's, a new ward,
/// and an administrator (the demo password).
async fn receiving_org(app: &TestApp) -> (String, String, Session) {
    let n = next_n();
    let mut tx = app.db.begin().await.unwrap();
    let org = thidua_store::orgs::insert(&mut tx, &format!("Tỉnh thử nghiệm {n}"))
        .await
        .unwrap();
    let hash = app
        .scalar_text("SELECT password_hash FROM users WHERE username = 'admin'")
        .await;
    let username = format!("tinh.admin{n}");
    let admin = UserRow::new(&org, &username, "Quản trị tỉnh", &hash, "admin", None);
    thidua_store::users::insert(&mut tx, &admin).await.unwrap();
    tx.commit().await.unwrap();
    let system = Caller::system(&org);
    let unit = |code: &str, name: &str, kind: &str, level: &str, parent: &str| UnitInput {
        code: code.into(),
        name: name.into(),
        short_name: String::new(),
        kind: kind.into(),
        level: level.into(),
        parent_id: parent.into(),
        valid_from: "01/07/2025".into(),
    };
    let root = thidua_app::units::create(
        &app.db,
        &system,
        &unit(
            "UBND-T",
            "Ủy ban nhân dân tỉnh",
            "peoples_committee",
            "province",
            "",
        ),
    )
    .await
    .unwrap();
    thidua_app::units::create(
        &app.db,
        &system,
        &unit("PHUONG-BM", "Phường Bạch Mai", "ward", "commune", &root.id),
    )
    .await
    .unwrap();
    let new_ward = thidua_app::units::create(
        &app.db,
        &system,
        &unit("PHUONG-MOI", "Phường Mới", "ward", "commune", &root.id),
    )
    .await
    .unwrap();
    let session = app.login(&username).await;
    (org, new_ward.id, session)
}

async fn export_district(app: &TestApp) -> Vec<u8> {
    let admin = app.login(ADMIN).await;
    let (status, headers, bytes) = admin.download("/data/transfer/export").await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "application/gzip");
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("chuyen-giao-quan-hai-ba-trung")
    );
    bytes
}

fn org_count(app_sql: &str, org: &str) -> String {
    format!("SELECT COUNT(*) FROM {app_sql} WHERE org_id = '{org}'")
}

async fn a_district_archive_round_trips_into_a_successor_organisation(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    // Only an administrator moves an organisation's data.
    let office = app.login(STANDING).await;
    let (status, _, _) = office.download("/data/transfer/export").await;
    assert_eq!(status, 403);
    let bytes = export_district(&app).await;
    assert!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'org.transfer_export'")
            .await
            >= 2
    );
    let (org, new_ward, admin) = receiving_org(&app).await;
    // A person of Phường Bạch Đằng with CSTĐCS 2022–2024 recorded by the district.
    let person = app
        .scalar_text(&format!(
            "SELECT p.full_name FROM persons p JOIN units u ON u.id = p.unit_id \
             JOIN ledger_awards a ON a.subject_id = p.id \
             WHERE u.code = 'P-BACHDANG' AND p.org_id = '{}' AND a.code = 'CSTDCS' AND a.year = 2024 \
             ORDER BY p.id LIMIT 1",
            app.org_id
        ))
        .await;
    // Upload: nothing written yet, successors proposed by name.
    let proposal = admin
        .upload("/data/transfer/upload", "hbt.tar.gz", bytes.clone())
        .await;
    proposal.expect(200).contains("Xác nhận đơn vị kế thừa");
    assert_eq!(app.count(&org_count("units", &org)).await, 3);
    let key = hidden_value(&proposal.text, "archive_key").expect("archive key");
    let bachdang = app.unit("P-BACHDANG").await;
    let bachmai = app.unit("P-BACHMAI").await;
    let target_bm = app
        .scalar_text(&format!(
            "SELECT id FROM units WHERE org_id = '{org}' AND code = 'PHUONG-BM'"
        ))
        .await;
    assert!(
        proposal.text.contains(&format!(
            "name=\"map.{}\" aria-label=\"Đơn vị kế thừa Phường Bạch Mai\"><option value=\"\">— Không có —</option>",
            bachmai.id
        )),
        "{}",
        proposal.text
    );
    assert!(proposal.text.contains(&format!(
        "<option value=\"{target_bm}\" selected>Phường Bạch Mai"
    )));
    // A date that does not exist: refused at its field, nothing written.
    let map_bachdang = format!("map.{}", bachdang.id);
    let map_bachmai = format!("map.{}", bachmai.id);
    let refused = admin
        .post_form(
            "/data/transfer/import",
            &[
                ("archive_key", &key),
                ("effective_on", "31/06/2025"),
                (&map_bachdang, &new_ward),
            ],
        )
        .await;
    refused.expect(422).contains("Ngày hiệu lực");
    assert!(
        refused.text.contains("Xác nhận đơn vị kế thừa"),
        "the form is shown again"
    );
    assert_eq!(app.count(&org_count("units", &org)).await, 3);
    // Confirmed: Bạch Đằng goes to the new ward, Bạch Mai to the ward of the same name.
    let done = admin
        .post_form(
            "/data/transfer/import",
            &[
                ("archive_key", &key),
                ("effective_on", "01/07/2025"),
                (&map_bachdang, &new_ward),
                (&map_bachmai, &target_bm),
            ],
        )
        .await;
    done.expect(200)
        .contains("Đã nhập dữ liệu của Quận Hai Bà Trưng");
    let district_units = app.count(&org_count("units", &app.org_id)).await;
    assert_eq!(
        app.count(&org_count("units", &org)).await,
        3 + district_units
    );
    // Every former unit is closed the day before; Bạch Đằng is carried on by the new ward.
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM units WHERE org_id = '{org}' AND valid_to IS NULL"
        ))
        .await,
        3
    );
    assert_eq!(
        app.scalar_text(&format!(
            "SELECT successor_id FROM units WHERE org_id = '{org}' AND code = 'P-BACHDANG'"
        ))
        .await,
        new_ward
    );
    // The person now works in the new ward and their years count there.
    let moved = app
        .scalar_text(&format!(
            "SELECT p.id FROM persons p WHERE p.org_id = '{org}' AND p.unit_id = '{new_ward}' \
             AND p.full_name = '{person}' ORDER BY p.id LIMIT 1"
        ))
        .await;
    let r = admin
        .api_post(
            &format!("/api/v1/ledger/person/{moved}/eligibility"),
            &json!({"code": "CSTD_TINH", "year": "2025"}),
        )
        .await;
    r.expect(200);
    let chain = chain_message(&r.json());
    assert!(chain.contains("có 2023, 2024"), "{chain}");
    // The same archive twice: refused, nothing written.
    let units = app.count(&org_count("units", &org)).await;
    let again = admin
        .upload("/data/transfer/upload", "hbt.tar.gz", bytes)
        .await;
    again.expect(422).contains("đã được nhập vào tổ chức này");
    assert_eq!(app.count(&org_count("units", &org)).await, units);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE org_id = '{org}' AND action = 'org.transfer_import'"
        ))
        .await,
        1
    );
}

fn chain_message(verdict: &Value) -> String {
    verdict["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "chuoi_cstdcs")
        .map(|c| c["message"].as_str().unwrap().to_string())
        .unwrap_or_default()
}

/// The archive's files, to tamper with.
fn unpack(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(bytes));
    let mut out = Vec::new();
    for e in tar.entries().unwrap() {
        let mut e = e.unwrap();
        let path = e.path().unwrap().to_string_lossy().to_string();
        let mut data = Vec::new();
        e.read_to_end(&mut data).unwrap();
        out.push((path, data));
    }
    out
}

fn pack(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let mut tar = tar::Builder::new(gz);
    for (path, data) in files {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        tar.append_data(&mut h, path, data.as_slice()).unwrap();
    }
    tar.into_inner().unwrap().finish().unwrap()
}

fn edit_json(files: &mut [(String, Vec<u8>)], prefix: &str, edit: impl Fn(&mut Value)) {
    let (_, data) = files
        .iter_mut()
        .find(|(p, _)| p.starts_with(prefix))
        .unwrap();
    let mut v: Value = serde_json::from_slice(data).unwrap();
    edit(&mut v);
    *data = serde_json::to_vec(&v).unwrap();
}

async fn broken_and_newer_archives_are_refused_with_nothing_written(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let bytes = export_district(&app).await;
    let (org, _, admin) = receiving_org(&app).await;
    let files = unpack(&bytes);
    let newer = {
        let mut f = files.clone();
        edit_json(&mut f, "manifest.json", |m| {
            m["schema_version"] = json!(9999)
        });
        pack(&f)
    };
    let miscounted = {
        let mut f = files.clone();
        edit_json(&mut f, "manifest.json", |m| {
            m["tables"]["persons"] = json!(1)
        });
        pack(&f)
    };
    // A person whose unit is not in the archive: found only when the rows are written.
    let dangling = {
        let mut f = files.clone();
        edit_json(&mut f, "tables/04-persons", |t| {
            let i = t["columns"]
                .as_array()
                .unwrap()
                .iter()
                .position(|c| c["name"] == "unit_id")
                .unwrap();
            t["rows"][5][i] = json!("khong-co-don-vi-nay");
        });
        pack(&f)
    };
    let cases: [(&str, Vec<u8>, &str); 3] = [
        ("garbage", b"not an archive".to_vec(), "Không đọc được tệp"),
        ("newer", newer, "phiên bản thidua mới hơn"),
        (
            "miscounted",
            miscounted,
            "khác với số dòng ghi trong manifest",
        ),
    ];
    for (what, archive, message) in cases {
        let r = admin
            .upload("/data/transfer/upload", "x.tar.gz", archive)
            .await;
        r.expect(422);
        assert!(r.text.contains(message), "{what}: {}", r.text);
    }
    let audit = app.audit_rows().await;
    let proposal = admin
        .upload("/data/transfer/upload", "x.tar.gz", dangling)
        .await;
    proposal.expect(200);
    let key = hidden_value(&proposal.text, "archive_key").unwrap();
    let r = admin
        .post_form(
            "/data/transfer/import",
            &[
                ("archive_key", key.as_str()),
                ("effective_on", "01/07/2025"),
            ],
        )
        .await;
    r.expect(422).contains("không có trong tệp: tệp bị hỏng");
    // Nothing half-imported: units were written before the broken person row, and are gone.
    assert_eq!(app.count(&org_count("units", &org)).await, 3);
    assert_eq!(app.count(&org_count("persons", &org)).await, 0);
    assert_eq!(app.audit_rows().await, audit);
    // Our own archive cannot come back into us.
    let district_admin = app.login(ADMIN).await;
    let own = district_admin
        .upload("/data/transfer/upload", "x.tar.gz", bytes)
        .await;
    own.expect(422).contains("dữ liệu của chính tổ chức này");
}

/// The demo loads the district's archive into the city: the city's Phường Hai Bà Trưng carries the old
/// wards, and a person who moved there keeps their CSTĐCS years.
async fn the_demo_city_inherits_the_district_history(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login("hn.thuongtruc").await;
    let ward = app
        .scalar_text("SELECT id FROM units WHERE code = 'PHUONG-HBT'")
        .await;
    let history = office.get(&format!("/units/{ward}/honours")).await;
    history.expect(200);
    for old in [
        "Phường Bạch Đằng",
        "Phường Phạm Đình Hổ",
        "Phường Đồng Nhân",
    ] {
        assert!(history.text.contains(old), "{old} missing from the history");
    }
    let person = app
        .scalar_text(
            "SELECT p.id FROM persons p JOIN units u ON u.id = p.unit_id \
             JOIN ledger_awards a ON a.subject_id = p.id \
             WHERE u.code = 'PHUONG-HBT' AND a.code = 'CSTDCS' AND a.year = 2024 ORDER BY p.id LIMIT 1",
        )
        .await;
    let r = office
        .api_post(
            &format!("/api/v1/ledger/person/{person}/eligibility"),
            &json!({"code": "CSTD_TINH", "year": "2025"}),
        )
        .await;
    r.expect(200);
    assert!(chain_message(&r.json()).contains("có 2023, 2024"));
}

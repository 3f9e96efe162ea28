//! The administrator's first-run checklist and the import templates, over HTTP on both engines: the
//! checklist shows the steps left (the demo city has saved no document settings yet) and goes away
//! once each is done; the templates carry the importer's header row and two example rows that import
//! as they are.

use crate::common::{Engine, TestApp, read_xlsx};
use crate::on_both_engines;

on_both_engines!(
    the_checklist_shows_what_is_left_until_all_is_done,
    the_templates_import_as_they_are,
);

const CITY_ADMIN: &str = "hn.admin";

async fn the_checklist_shows_what_is_left_until_all_is_done(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.login(CITY_ADMIN).await;
    let home = admin.get("/").await;
    home.expect(200)
        .contains("Bắt đầu sử dụng")
        .contains("href=\"/settings/documents\"")
        .contains("/data/template/units.xlsx")
        .contains("Đã xong");
    // The office does not set the system up: no checklist on its home page.
    let office = app.login(crate::award_path::OFFICE).await;
    assert!(!office.get("/").await.text.contains("Bắt đầu sử dụng"));
    // Saving the document settings was the last step left.
    let s = admin.api_get("/api/v1/settings/documents").await.json();
    admin
        .api_put("/api/v1/settings/documents", &s)
        .await
        .expect(200);
    let home = admin.get("/").await;
    assert!(!home.text.contains("Bắt đầu sử dụng"), "all steps done");
}

async fn the_templates_import_as_they_are(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.login(CITY_ADMIN).await;
    let (status, _, units) = admin.download("/data/template/units.xlsx").await;
    assert_eq!(status, 200);
    let rows = read_xlsx(&units);
    assert_eq!(rows.len(), 3, "header and two examples: {rows:?}");
    assert_eq!(rows[0][0], "Mã đơn vị");
    let root = rows[1][5].clone();
    assert!(!root.is_empty(), "examples sit under the body: {rows:?}");
    let r = admin
        .upload("/api/v1/import/units", "mau-don-vi.xlsx", units)
        .await;
    r.expect(200);
    assert_eq!(r.json()["imported"], 2);
    assert_eq!(
        app.count(&format!("SELECT COUNT(*) FROM units WHERE code IN ('PHONG-VHXH', 'TDP-01') AND parent_id = (SELECT id FROM units WHERE code = '{root}')")).await,
        2
    );
    let (_, _, people) = admin.download("/data/template/people.xlsx").await;
    let rows = read_xlsx(&people);
    assert_eq!(rows[0][0], "Họ và tên");
    assert_eq!(rows.len(), 3, "{rows:?}");
    let r = admin
        .upload("/api/v1/import/people", "mau-ca-nhan.xlsx", people)
        .await;
    r.expect(200);
    assert_eq!(r.json()["imported"], 2);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM persons WHERE full_name IN ('Nguyễn Văn An', 'Trần Thị Bình') AND position IN ('Trưởng phòng', 'Tổ trưởng tổ dân phố')").await,
        2
    );
    let (status, _, _) = admin.download("/data/template/other.xlsx").await;
    assert_eq!(status, 404);
}

//! The dashboards and the emulation budget, checked against hand-counted demo data on both engines.
//!
//! The demo's award history (see `demo.rs`, `build_honours`) for 2022, counted by hand: people —
//! Nguyễn Văn An (man, Bạch Đằng) Chiến sĩ thi đua cơ sở; Đặng Thị Hoa (woman, Phòng Nội vụ) Lao động
//! tiên tiến; Trần Thị Thu Hương (woman, Phòng Văn hóa) Chiến sĩ thi đua cơ sở and Bằng khen of the
//! province chairman — none a direct worker; units — Bạch Đằng and Đồng Nhân Tập thể lao động xuất sắc,
//! Phố Huế Tập thể lao động tiên tiến. 2020: An's Lao động tiên tiến; 2021: An's Chiến sĩ thi đua cơ sở
//! and Hương's Lao động tiên tiến.

use crate::common::{CHAIRMAN, Engine, STANDING, TestApp, UO_BACHDANG, UO_VHTT, VIEWER, read_xlsx};
use crate::meetings::nomination_row;
use crate::on_both_engines;
use serde_json::{Value, json};

on_both_engines!(
    award_figures_match_the_demo,
    unit_officers_see_their_own_units,
    nominations_by_status_and_days_in_steps,
    budget_estimate_spent_and_left,
    budget_refusals_save_nothing
);

/// The figure `key` of a dashboard answer.
fn figure<'a>(d: &'a Value, key: &str) -> &'a Value {
    d["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == key)
        .unwrap_or_else(|| panic!("no figure {key} in {d}"))
}

/// (category, value) pairs of a figure's series `name`.
fn series(f: &Value, name: &str) -> Vec<(String, f64)> {
    let s = f["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap();
    f["categories"]
        .as_array()
        .unwrap()
        .iter()
        .zip(s["values"].as_array().unwrap())
        .map(|(c, v)| (c.as_str().unwrap().to_string(), v.as_f64().unwrap()))
        .collect()
}

fn rows(f: &Value) -> Vec<Vec<String>> {
    serde_json::from_value(f["rows"].clone()).unwrap()
}

fn row<'a>(f: &'a Value, first: &str) -> Vec<String> {
    rows(f)
        .into_iter()
        .find(|r| r[0] == first)
        .unwrap_or_else(|| panic!("no row {first} in {}", f["rows"]))
}

async fn award_figures_match_the_demo(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let r = office.api_get("/api/v1/dashboard?year=2022").await;
    r.expect(200);
    let d = r.json();
    assert_eq!(
        d["shares"],
        json!({"people": 4, "women": 3, "direct_workers": 0, "women_percent": 75.0, "direct_percent": 0.0})
    );
    let forms = figure(&d, "awards_by_form");
    assert_eq!(
        row(forms, "Chiến sĩ thi đua cơ sở"),
        ["Chiến sĩ thi đua cơ sở", "2", "0", "2"]
    );
    assert_eq!(
        row(forms, "Tập thể lao động xuất sắc"),
        ["Tập thể lao động xuất sắc", "0", "2", "2"]
    );
    assert_eq!(
        row(forms, "Bằng khen của Chủ tịch UBND tỉnh"),
        ["Bằng khen của Chủ tịch UBND tỉnh", "1", "0", "1"]
    );
    assert_eq!(rows(forms).len(), 5, "{}", forms["rows"]);
    let total: f64 = forms["series"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| {
            s["values"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
        })
        .sum();
    assert_eq!(total, 7.0);
    // The province chairman gives the Bằng khen and Tập thể lao động xuất sắc; the rest are grassroots.
    let levels = figure(&d, "awards_by_level");
    assert_eq!(
        rows(levels),
        [["Cơ sở", "3", "1", "4"], ["Cấp tỉnh", "1", "2", "3"]]
    );
    let years = series(figure(&d, "awards_by_year"), "Số khen thưởng");
    assert_eq!(
        years,
        [
            ("2018".into(), 0.0),
            ("2019".into(), 0.0),
            ("2020".into(), 1.0),
            ("2021".into(), 2.0),
            ("2022".into(), 7.0)
        ]
    );
    let units = figure(&d, "awards_by_unit");
    assert_eq!(
        row(units, "Phòng Văn hóa và Thông tin")[1..],
        ["2", "0", "2"]
    );
    assert_eq!(row(units, "Phường Bạch Đằng")[1..], ["1", "1", "2"]);
    let shares = figure(&d, "award_shares");
    assert_eq!(series(shares, "Nữ")[0], ("Tất cả".into(), 75.0));
    assert_eq!(
        row(shares, "Chiến sĩ thi đua cơ sở"),
        ["Chiến sĩ thi đua cơ sở", "2", "1", "50%", "0", "0%"]
    );
    // Only wards: the three wards' awards and An's.
    let ward = app.unit("P-BACHDANG").await.kind;
    let d = office
        .api_get(&format!("/api/v1/dashboard?year=2022&unit_kind={ward}"))
        .await
        .json();
    assert_eq!(d["shares"]["people"], 1);
    let units = figure(&d, "awards_by_unit");
    assert!(
        rows(units).iter().all(|r| r[0].starts_with("Phường")),
        "{}",
        units["rows"]
    );
    // The page draws the same figures and offers the table as XLSX.
    let page = office.get("/dashboard?year=2022").await;
    page.expect(200)
        .contains("<svg")
        .contains("Chiến sĩ thi đua cơ sở")
        .contains("/dashboard/awards_by_form/table.xlsx?year=2022");
    assert!(
        !page.text.contains("style="),
        "no style attribute under the CSP"
    );
    let (status, _, bytes) = office
        .download("/dashboard/awards_by_form/table.xlsx?year=2022")
        .await;
    assert_eq!(status.as_u16(), 200);
    let sheet = read_xlsx(&bytes);
    assert!(
        sheet
            .iter()
            .any(|r| r.iter().any(|c| c == "Tập thể lao động xuất sắc")),
        "{sheet:?}"
    );
    // Bad filters are named.
    let r = office.api_get("/api/v1/dashboard?year=hai-nghin").await;
    r.expect(422).contains("Năm");
    office
        .api_get("/api/v1/dashboard?year=2022&campaign=nope")
        .await
        .expect(422)
        .contains("Đợt thi đua");
    office
        .get("/dashboard?unit_kind=nope")
        .await
        .expect(422)
        .contains("Loại đơn vị");
}

async fn unit_officers_see_their_own_units(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let bd = app.login(UO_BACHDANG).await;
    let d = bd.api_get("/api/v1/dashboard?year=2022").await.json();
    assert_eq!(d["shares"]["people"], 1, "An only");
    let forms = figure(&d, "awards_by_form");
    assert_eq!(
        rows(forms),
        [
            ["Chiến sĩ thi đua cơ sở", "1", "0", "1"],
            ["Tập thể lao động xuất sắc", "0", "1", "1"]
        ]
    );
    assert_eq!(d["scope_name"], "Phường Bạch Đằng");
    let vhtt = app.login(UO_VHTT).await;
    let d = vhtt.api_get("/api/v1/dashboard?year=2022").await.json();
    assert_eq!(
        d["shares"]["women"], 2,
        "Hương, counted once per award (two in 2022)"
    );
    assert_eq!(d["shares"]["people"], 2);
    let page = vhtt.get("/dashboard?year=2022").await;
    page.expect(200).contains("Phòng Văn hóa và Thông tin");
    assert!(
        !page.text.contains("Phường Bạch Đằng"),
        "another unit shows on a unit officer's dashboard"
    );
    // The viewer sees the whole organisation, and nobody but the office and the chairman the budget.
    let viewer = app.login(VIEWER).await;
    assert_eq!(
        viewer.api_get("/api/v1/dashboard?year=2022").await.json()["shares"]["people"],
        4
    );
    viewer.get("/budget").await.expect(403);
    bd.api_get("/api/v1/budget").await.expect(403);
    app.login(CHAIRMAN).await.get("/budget").await.expect(200);
}

/// Nominations of 2031 (a year without any in the demo) stored in known states, with their steps.
async fn nominations_by_status_and_days_in_steps(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let person = app.person_in("P-BACHDANG").await;
    let mut tx = app.db.begin().await.unwrap();
    let mut ids = Vec::new();
    for (i, status) in ["accepted", "accepted", "submitted"].iter().enumerate() {
        let mut row = nomination_row(&app, "LDTT", &person);
        row.year = 2031;
        row.status = (*status).into();
        thidua_store::nominations::insert(&mut tx, &row)
            .await
            .unwrap();
        ids.push((row.id, i));
    }
    tx.commit().await.unwrap();
    // Submitted on 1 March; the first accepted two days later, the second four and a half.
    for (id, i) in &ids {
        let ev = |n: u32, at: &str, status: &str| {
            format!(
                "INSERT INTO nomination_events (id, nomination_id, at, user_name, action, to_status, round) VALUES ('{id}-{n}', '{id}', '{at}', 'Thường trực', 'step', '{status}', 1)"
            )
        };
        app.exec(&ev(1, "2031-03-01T00:00:00.000Z", "submitted"))
            .await;
        match i {
            0 => {
                app.exec(&ev(2, "2031-03-03T00:00:00.000Z", "accepted"))
                    .await
            }
            1 => {
                app.exec(&ev(2, "2031-03-05T12:00:00.000Z", "accepted"))
                    .await
            }
            _ => {}
        }
    }
    let office = app.login(STANDING).await;
    let d = office.api_get("/api/v1/dashboard?year=2031").await.json();
    let statuses = figure(&d, "nominations_by_status");
    assert_eq!(
        series(statuses, "Số hồ sơ"),
        [
            ("Chờ thẩm định".into(), 1.0),
            ("Đã thẩm định, chờ Hội đồng xét".into(), 2.0)
        ]
    );
    let steps = figure(&d, "time_in_steps");
    assert_eq!(
        rows(steps),
        [["Chờ thẩm định", "2", "3,3", "4,5"]],
        "the open steps are not counted"
    );
    // Bạch Đằng's officer sees them; Văn hóa's does not.
    let bd = app
        .login(UO_BACHDANG)
        .await
        .api_get("/api/v1/dashboard?year=2031")
        .await
        .json();
    assert_eq!(rows(figure(&bd, "nominations_by_status")).len(), 2);
    let vhtt = app
        .login(UO_VHTT)
        .await
        .api_get("/api/v1/dashboard?year=2031")
        .await
        .json();
    assert!(rows(figure(&vhtt, "nominations_by_status")).is_empty());
}

async fn budget_estimate_spent_and_left(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let year = crate::campaigns_api::today().year();
    let b = office
        .api_get(&format!("/api/v1/budget?year={year}"))
        .await
        .json();
    assert_eq!(b["estimate"], 0);
    // The decisions of the year, as the decisions page totals them.
    let spent = app.count(&format!("SELECT CAST(COALESCE(SUM(total_amount), 0) AS BIGINT) FROM decisions WHERE org_id = '{}' AND signed_on LIKE '{year}-%'", app.org_id)).await;
    assert_eq!(b["spent"], spent);
    let r = office
        .post_form(
            "/budget",
            &[
                ("year", &year.to_string()),
                ("amount_state_budget", "150.000.000"),
                ("note_state_budget", "Quyết định giao dự toán"),
                ("amount_emulation_fund", "50.000.000 đ"),
            ],
        )
        .await;
    r.expect(303);
    let b = office
        .api_get(&format!("/api/v1/budget?year={year}"))
        .await
        .json();
    assert_eq!(b["estimate"], 200_000_000);
    assert_eq!(b["left"], 200_000_000 - spent);
    assert_eq!(b["lines"][0]["note"], "Quyết định giao dự toán");
    assert_eq!(b["lines"][0]["version"], 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'budget.update'")
            .await,
        1
    );
    // The API changes a line at the version read.
    let r = office.api_put(&format!("/api/v1/budget/{year}"), &json!({"lines": [{"source": "state_budget", "amount": "120000000", "note": "Điều chỉnh", "version": 1}]})).await;
    r.expect(200);
    assert_eq!(r.json()["estimate"], 170_000_000);
    assert_eq!(r.json()["lines"][0]["version"], 2);
    // The year's plans: the Quận 7 plan copied into this year speaks of the emulation fund.
    let page = office.get(&format!("/budget?year={year}")).await;
    page.expect(200)
        .contains("170.000.000 đ")
        .contains("sử dụng nguồn kinh phí thi đua, khen thưởng của Quận");
}

async fn budget_refusals_save_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let before = app.audit_rows().await;
    let r = office
        .post_form(
            "/budget",
            &[
                ("year", "2030"),
                ("amount_state_budget", "một trăm triệu"),
                ("amount_other", "5.000.000"),
            ],
        )
        .await;
    r.expect(422).contains("Nhập số tiền bằng đồng");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM budget_lines").await,
        0,
        "nothing half-saved"
    );
    let r = office
        .api_put(
            "/api/v1/budget/2030",
            &json!({"lines": [{"source": "lottery", "amount": "1"}]}),
        )
        .await;
    r.expect(422).contains("Nguồn kinh phí");
    office
        .api_put("/api/v1/budget/3000", &json!({"lines": []}))
        .await
        .expect(422)
        .contains("Năm");
    // A stale version: someone saved meanwhile.
    office
        .api_put(
            "/api/v1/budget/2030",
            &json!({"lines": [{"source": "other", "amount": "1000"}]}),
        )
        .await
        .expect(200);
    office
        .api_put(
            "/api/v1/budget/2030",
            &json!({"lines": [{"source": "other", "amount": "2000"}]}),
        )
        .await
        .expect(409);
    let r = office
        .post_form(
            "/budget",
            &[
                ("year", "2030"),
                ("amount_other", "3000"),
                ("version_other", ""),
            ],
        )
        .await;
    r.expect(409).contains("Người khác vừa sửa");
    assert_eq!(
        app.scalar_text("SELECT CAST(amount AS TEXT) FROM budget_lines")
            .await,
        "1000"
    );
    assert_eq!(app.audit_rows().await, before + 1);
    app.login(CHAIRMAN)
        .await
        .api_put("/api/v1/budget/2030", &json!({"lines": []}))
        .await
        .expect(403);
}

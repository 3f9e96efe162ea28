//! Scoring (chấm điểm, xếp hạng thi đua) over HTTP: a scale from its criteria to the ranking — the
//! unit's self-assessment, the review with a reason for every changed score, publication, appeals and
//! the votes that break a tie — the refusals that save nothing, simultaneous writers, the spreadsheets
//! and the demo's published cycle.
//!
//! Each test makes its own cluster (Bạch Đằng leading, with Bách Khoa and Bạch Mai) and its own scale,
//! so nothing depends on what another test or the demo did to theirs.

use crate::common::{
    Engine, Reply, STANDING, Session, TestApp, UO_BACHDANG, UO_VHTT, hidden_value, next_n,
    read_xlsx, xlsx,
};
use crate::on_both_engines;
use serde_json::{Value, json};
use std::collections::HashMap;
use thidua_app::Caller;
use thidua_app::scoring::entries::{self, EntryInput, Stage};
use thidua_domain::date::{iso, vn};

on_both_engines!(
    a_scale_goes_from_self_assessment_to_ranking,
    self_assessment_refusals_save_nothing,
    a_passed_deadline_refuses_the_self_assessment,
    review_refusals_save_nothing,
    appeals_wait_for_publication,
    no_appeal_after_the_window,
    a_broken_scale_workbook_is_refused_naming_the_row,
    simultaneous_reviews_of_one_score_conflict,
    simultaneous_self_assessments_wait_their_turn,
    the_template_reads_back_into_a_draft,
    the_export_has_a_row_per_unit_and_criterion,
    the_demo_ward_scale_is_published_and_ranked,
    json_numbers_keep_their_decimals,
    first_scores_saved_at_once_do_not_clash,
    a_review_of_an_unscored_criterion_is_not_the_units_own,
    a_locked_sheet_says_why,
    target_links_belong_to_the_scales_plan,
    the_review_form_keeps_untouched_values
);

// ---- setup ----

pub(crate) fn year() -> i32 {
    thidua_app::today().year()
}

/// A day relative to today (Vietnam time), as people type it: dd/mm/yyyy.
pub(crate) fn day(offset: i64) -> String {
    vn(thidua_app::today() + time::Duration::days(offset))
}

/// The three wards of the test's cluster.
pub(crate) struct Wards {
    pub bachdang: String,
    pub bachkhoa: String,
    pub bachmai: String,
}

/// A scale of the test's own: its id, criterion ids by code, the wards it scores.
pub(crate) struct Fixture {
    pub id: String,
    criteria: HashMap<String, String>,
    pub w: Wards,
}

impl Fixture {
    pub fn c(&self, code: &str) -> &str {
        &self.criteria[code]
    }
    /// The sheet's page; the API's is `/api/v1` + `/scoring/scales/…`.
    pub fn page(&self, unit: &str) -> String {
        format!("/scoring/{}/units/{unit}", self.id)
    }
    pub fn api(&self, unit: &str) -> String {
        format!("/api/v1/scoring/scales/{}/units/{unit}", self.id)
    }
}

/// A cluster of this year with Bạch Đằng as its leader, so that UO_BACHDANG is the cluster leader's
/// officer (the demo's clusters rotate their leaders by year).
async fn own_cluster(app: &TestApp, office: &Session) -> (String, Wards) {
    let w = Wards {
        bachdang: app.unit("P-BACHDANG").await.id,
        bachkhoa: app.unit("P-BACHKHOA").await.id,
        bachmai: app.unit("P-BACHMAI").await.id,
    };
    let r = office
        .api_post(
            "/api/v1/clusters",
            &json!({"year": year(), "kind": "cluster", "name": format!("Cụm chấm điểm thử {}", next_n()),
                    "member_ids": [w.bachdang, w.bachkhoa, w.bachmai], "leader_unit_id": w.bachdang}),
        )
        .await;
    r.expect(201);
    (r.json()["id"].as_str().unwrap().to_string(), w)
}

/// Every kind of criterion: fixed, a rate against the scale's target, yes/no, one with a
/// precondition, one the cluster leader reviews, a bonus group and a deduction group.
fn groups() -> Value {
    json!([
        {"name": "Thực hiện nhiệm vụ chính trị", "max_points": 60, "criteria": [
            {"code": "1", "text": "Bảo đảm an ninh, trật tự trên địa bàn", "kind": "fixed", "points": 20, "tie_break": 1},
            {"code": "2", "text": "Thu ngân sách so với dự toán", "kind": "rate", "points": 20, "target_value": 100},
            {"code": "3", "text": "Ban hành kế hoạch thi đua đúng hạn", "kind": "yes_no", "points": 10},
            {"code": "4", "text": "Gửi báo cáo tổng kết đúng hạn", "kind": "fixed", "points": 10,
             "precondition": "Có báo cáo tổng kết gửi Thường trực Hội đồng"}]},
        {"name": "Công tác thi đua, khen thưởng", "max_points": 30, "criteria": [
            {"code": "5", "text": "Tham gia sinh hoạt Cụm thi đua", "kind": "fixed", "points": 15, "assessor": "cluster_leader"},
            {"code": "6", "text": "Giới thiệu gương điển hình tiên tiến", "kind": "fixed", "points": 15}]},
        {"name": "Điểm thưởng", "max_points": 5, "criteria": [
            {"code": "7", "text": "Mô hình được Thành phố biểu dương", "kind": "bonus", "points": "2,5", "max_count": 2}]},
        {"name": "Điểm trừ", "max_points": 10, "criteria": [
            {"code": "8", "text": "Chậm gửi báo cáo (mỗi lần)", "kind": "deduction", "points": 1}]}
    ])
}

/// Creates a draft scale through the API over `clusters`.
async fn draft_over(office: &Session, clusters: &[&str], self_until: &str) -> (String, Value) {
    let r = office
        .api_post(
            "/api/v1/scoring/scales",
            &json!({"name": format!("Thang điểm thử {}", next_n()), "year": year(),
                    "cluster_ids": clusters, "self_until": self_until, "appeal_days": 5, "groups": groups()}),
        )
        .await;
    r.expect(201);
    let s = r.json();
    assert_eq!(s["status"], "draft");
    (s["id"].as_str().unwrap().to_string(), s)
}

/// A draft scale over the test's own cluster, self-assessment until next week.
async fn draft(app: &TestApp, office: &Session) -> Fixture {
    let (cluster, w) = own_cluster(app, office).await;
    let (id, s) = draft_over(office, &[&cluster], &day(7)).await;
    let criteria = s["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["code"].as_str().unwrap().into(),
                c["id"].as_str().unwrap().into(),
            )
        })
        .collect();
    Fixture { id, criteria, w }
}

/// The same, opened for the units' self-assessment.
pub(crate) async fn opened(app: &TestApp, office: &Session) -> Fixture {
    let f = draft(app, office).await;
    advance(office, &f.id, "open").await;
    f
}

/// Moves a scale one step forward with its current version.
pub(crate) async fn advance(office: &Session, id: &str, to: &str) -> Value {
    let v = office
        .api_get(&format!("/api/v1/scoring/scales/{id}"))
        .await
        .json()["version"]
        .clone();
    let r = office
        .api_post(
            &format!("/api/v1/scoring/scales/{id}/advance"),
            &json!({"to": to, "version": v}),
        )
        .await;
    r.expect(200);
    r.json()
}

pub(crate) async fn save(s: &Session, f: &Fixture, unit: &str, entries: Value) -> Reply {
    s.api_post(&f.api(unit), &json!({ "entries": entries }))
        .await
}

/// Posts the sheet's page form (`amount.{criterion}`, `note.{criterion}`, …).
async fn post_sheet(s: &Session, f: &Fixture, unit: &str, fields: &[(String, &str)]) -> Reply {
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    s.post_form(&f.page(unit), &refs).await
}

/// A form field of one criterion: `amount.{id}`.
pub(crate) fn field(f: &Fixture, name: &str, code: &str) -> String {
    format!("{name}.{}", f.c(code))
}

/// The line of a criterion on an API sheet.
pub(crate) fn line<'a>(sheet: &'a Value, f: &Fixture, code: &str) -> &'a Value {
    sheet["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["criterion_id"] == f.c(code))
        .unwrap_or_else(|| panic!("no line {code} in {sheet}"))
}

/// What a scale holds: entries, changes, appeals, tie votes, the sum of the amounts, and the audit
/// rows of the whole database (every write adds one): unchanged means nothing was saved.
async fn saved(app: &TestApp, scale: &str) -> [i64; 6] {
    let n = |t: &str| format!("SELECT COUNT(*) FROM {t} WHERE scale_id = '{scale}'");
    [
        app.count(&n("scoring_entries")).await,
        app.count(&n("scoring_changes")).await,
        app.count(&n("scoring_appeals")).await,
        app.count(&n("scoring_tie_votes")).await,
        app.count(&format!(
            "SELECT CAST(COALESCE(SUM(amount), 0) * 100 AS BIGINT) FROM scoring_entries WHERE scale_id = '{scale}'"
        ))
        .await,
        app.audit_rows().await,
    ]
}

/// Asserts an API refusal: the status, and a field error whose message holds `needle`.
#[track_caller]
pub(crate) fn refused(r: &Reply, status: u16, field: &str, needle: &str) {
    r.expect(status);
    let body = r.json();
    let found = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == field)
        .unwrap_or_else(|| panic!("no error on {field}: {body}"));
    assert!(
        found["message"].as_str().unwrap().contains(needle),
        "{found} lacks {needle:?}"
    );
}

// ---- 1. the whole cycle ----

/// Draft → open → self-assessment (page and API) → review with reasons → publication → an appeal
/// accepted → ranking with a tie broken by a vote.
async fn a_scale_goes_from_self_assessment_to_ranking(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let f = opened(&app, &office).await;
    self_assess_bachdang(&app, &f).await;
    // The two other wards answer alike (the office fills in for wards without an account): a tie.
    for unit in [&f.w.bachkhoa, &f.w.bachmai] {
        let entries = json!([{"criterion_id": f.c("1"), "amount": 16}, {"criterion_id": f.c("6"), "amount": 12}]);
        save(&office, &f, unit, entries).await.expect(200);
    }
    advance(&office, &f.id, "review").await;
    review_with_reasons(&app, &f).await;
    let published = advance(&office, &f.id, "published").await;
    assert_eq!(
        published["appeal_until"],
        iso(thidua_app::today() + time::Duration::days(5))
    );
    appeal_accepted(&app, &f).await;
    tie_broken_by_vote(&app, &f).await;
}

async fn self_assess_bachdang(app: &TestApp, f: &Fixture) {
    let officer = app.login(UO_BACHDANG).await;
    let unit = &f.w.bachdang;
    let form = officer.get(&f.page(unit)).await;
    form.expect(200)
        .contains(&format!("name=\"{}\"", field(f, "amount", "1")))
        .contains(&format!("name=\"{}\"", field(f, "met", "4")));
    let fields = [
        (field(f, "amount", "1"), "18"),
        (
            field(f, "note", "1"),
            "Không có vụ việc phức tạp về trật tự",
        ),
        (field(f, "version", "1"), ""),
        (field(f, "amount", "2"), "90"),
        (field(f, "target", "2"), ""),
        (field(f, "amount", "3"), "1"),
        (field(f, "met", "4"), "0"),
        (field(f, "amount", "4"), ""),
    ];
    let r = post_sheet(&officer, f, unit, &fields).await;
    r.expect(303);
    // Group I: 18 + 90/100 × 20 (the scale's target) + 10 + 0 (precondition not met) = 46.
    let page = officer.get(r.location().unwrap()).await;
    page.expect(200)
        .contains("<strong id=\"total\">46</strong>");
    // The rest through the API: group II 12 + 14, one bonus 2,5, three deductions −3.
    let r = save(
        &officer,
        f,
        unit,
        json!([
            {"criterion_id": f.c("5"), "amount": 12},
            {"criterion_id": f.c("6"), "amount": "14", "note": "04 gương trong năm"},
            {"criterion_id": f.c("7"), "amount": 1, "version": null},
            {"criterion_id": f.c("8"), "amount": "3", "precondition_met": true}
        ]),
    )
    .await;
    r.expect(200);
    let s = r.json();
    assert_eq!(
        (s["total"].as_f64(), s["self_total"].as_f64()),
        (Some(71.5), Some(71.5))
    );
    assert_eq!(line(&s, f, "2")["points"], 18.0);
    assert_eq!(
        line(&s, f, "2")["target"],
        100.0,
        "the scale's target applies"
    );
    assert_eq!(line(&s, f, "4")["precondition_met"], false);
    assert_eq!(line(&s, f, "4")["points"], 0.0);
    assert_eq!(line(&s, f, "7")["points"], 2.5);
    assert_eq!(line(&s, f, "8")["points"], -3.0);
    assert_eq!(
        line(&s, f, "1")["comment"],
        "Không có vụ việc phức tạp về trật tự"
    );
    assert!(s["may_self_assess"].as_bool().unwrap());
}

const REASON: &str = "Theo báo cáo của Công an quận còn 01 vụ việc phức tạp";

async fn review_with_reasons(app: &TestApp, f: &Fixture) {
    let office = app.login(STANDING).await;
    let unit = &f.w.bachdang;
    let sheet = office.api_get(&f.api(unit)).await.json();
    assert!(sheet["may_review"].as_bool().unwrap());
    let (v1, v6) = (
        line(&sheet, f, "1")["version"].clone(),
        line(&sheet, f, "6")["version"].clone(),
    );
    // One changed score without a reason: the whole sheet is refused, naming the criterion.
    let before = saved(app, &f.id).await;
    let r = save(
        &office,
        f,
        unit,
        json!([{"criterion_id": f.c("1"), "amount": 15, "note": REASON, "version": v1},
               {"criterion_id": f.c("6"), "amount": 10, "version": v6}]),
    )
    .await;
    refused(
        &r,
        422,
        "entries[1].note",
        "Tiêu chí 6 (Giới thiệu gương điển hình tiên tiến): hãy ghi lý do thay đổi điểm",
    );
    assert_eq!(saved(app, &f.id).await, before, "nothing saved");
    // The page form says the same at the criterion.
    let v6 = v6.to_string();
    let fields = [
        (field(f, "amount", "6"), "10"),
        (field(f, "version", "6"), v6.as_str()),
    ];
    let r = post_sheet(&office, f, unit, &fields).await;
    r.expect(422)
        .contains("Tiêu chí 6 (Giới thiệu gương điển hình tiên tiến): hãy ghi lý do thay đổi điểm");
    assert_eq!(saved(app, &f.id).await, before, "nothing saved");
    // With the reason: saved; 71,5 − 3 = 68,5.
    let entries = json!([{"criterion_id": f.c("1"), "amount": 15, "note": REASON, "version": v1}]);
    let r = save(&office, f, unit, entries).await;
    r.expect(200);
    assert_eq!(r.json()["total"], 68.5);
    // The unit sees what changed, by whom, from what to what and why.
    let officer = app.login(UO_BACHDANG).await;
    let own = officer.api_get(&f.api(unit)).await.json();
    let l1 = line(&own, f, "1");
    assert_eq!(
        (l1["points"].as_f64(), l1["self_points"].as_f64()),
        (Some(15.0), Some(18.0))
    );
    assert_eq!(l1["stage"], "review");
    assert_eq!(own["self_total"], 71.5);
    let page = officer.get(&f.page(unit)).await;
    page.expect(200).contains(&format!(
        "<td>Thẩm định</td><td class=\"num\">18</td><td class=\"num\">15</td><td>{REASON}</td><td>Đặng Thị Hoa (thuongtruc)</td>"
    ));
}

async fn appeal_accepted(app: &TestApp, f: &Fixture) {
    let officer = app.login(UO_BACHDANG).await;
    let office = app.login(STANDING).await;
    let unit = &f.w.bachdang;
    let r = officer
        .api_post(
            &format!("{}/appeals", f.api(unit)),
            &json!({"criterion_id": f.c("1"), "text": "Vụ việc đã được giải quyết dứt điểm trong tháng 10; đề nghị xem xét lại."}),
        )
        .await;
    r.expect(201);
    let a = r.json();
    assert_eq!(a["status"], "open");
    let reason = "Đối chiếu báo cáo quý IV: vụ việc đã giải quyết xong; công nhận 17 điểm.";
    let r = office
        .api_post(
            &format!(
                "/api/v1/scoring/appeals/{}/decision",
                a["id"].as_str().unwrap()
            ),
            &json!({"status": "accepted", "reason": reason, "amount": 17, "version": a["version"]}),
        )
        .await;
    r.expect(200);
    assert_eq!(r.json()["status"], "accepted");
    let own = officer.api_get(&f.api(unit)).await.json();
    assert_eq!(line(&own, f, "1")["points"], 17.0);
    assert_eq!(line(&own, f, "1")["stage"], "appeal");
    assert_eq!(own["total"], 70.5);
    let page = officer.get(&f.page(unit)).await;
    page.expect(200)
        .contains(&format!(
            "<td>Giải quyết kiến nghị</td><td class=\"num\">15</td><td class=\"num\">17</td><td>{reason}</td>"
        ))
        .contains("Đã chấp nhận");
}

/// The ranking's places of the test's cluster: (unit, rank, total, tied).
async fn places(office: &Session, f: &Fixture) -> Vec<(String, u64, f64, bool)> {
    let r = office
        .api_get(&format!("/api/v1/scoring/scales/{}/ranking", f.id))
        .await;
    r.expect(200);
    let body = r.json();
    assert_eq!(body["clusters"].as_array().unwrap().len(), 1);
    body["clusters"][0]["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].clone();
            (
                s("unit_id").as_str().unwrap().to_string(),
                s("rank").as_u64().unwrap(),
                s("total").as_f64().unwrap(),
                s("tied").as_bool().unwrap(),
            )
        })
        .collect()
}

async fn tie_broken_by_vote(app: &TestApp, f: &Fixture) {
    let office = app.login(STANDING).await;
    let (bd, bk, bm) = (&f.w.bachdang, &f.w.bachkhoa, &f.w.bachmai);
    // 70,5 first; the twins (16 + 12 = 28) share the second place.
    let p = places(&office, f).await;
    assert_eq!(p[0], (bd.clone(), 1, 70.5, false));
    let mut twins: Vec<_> = p[1..].to_vec();
    twins.sort_by(|x, y| x.0.cmp(&y.0));
    let mut expected = vec![(bk.clone(), 2, 28.0, true), (bm.clone(), 2, 28.0, true)];
    expected.sort_by(|x, y| x.0.cmp(&y.0));
    assert_eq!(twins, expected);
    // The page offers the vote for the tied units only; Bạch Mai wins it.
    let page = office.get(&format!("/scoring/{}/ranking", f.id)).await;
    page.expect(200)
        .contains(&format!("name=\"votes.{bk}\""))
        .contains(&format!("name=\"votes.{bm}\""));
    assert!(!page.text.contains(&format!("name=\"votes.{bd}\"")));
    let (kb, km) = (format!("votes.{bk}"), format!("votes.{bm}"));
    let r = office
        .post_form(
            &format!("/scoring/{}/ranking", f.id),
            &[(&kb, "1"), (&km, "4")],
        )
        .await;
    r.expect(303);
    let p = places(&office, f).await;
    let order: Vec<_> = p
        .iter()
        .map(|(u, r, _, tied)| (u.clone(), *r, *tied))
        .collect();
    assert_eq!(
        order,
        [
            (bd.clone(), 1, false),
            (bm.clone(), 2, false),
            (bk.clone(), 3, false)
        ]
    );
}

// ---- 2. refusals ----

/// Out of scope, above the criterion's points, not a number, a count beyond its limit, after the
/// scale moved on: refused with the criterion named, nothing saved.
async fn self_assessment_refusals_save_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let officer = app.login(UO_BACHDANG).await;
    let f = opened(&app, &office).await;
    let bd = &f.w.bachdang;
    let before = saved(&app, &f.id).await;
    // Bách Khoa is not the officer's ward; Vĩnh Tuy is not scored by this scale.
    let one = json!([{"criterion_id": f.c("1"), "amount": 10}]);
    save(&officer, &f, &f.w.bachkhoa, one.clone())
        .await
        .expect(404);
    let vinhtuy = app.unit("P-VINHTUY").await.id;
    save(&office, &f, &vinhtuy, one.clone()).await.expect(404);
    let fields = [(field(&f, "amount", "1"), "10")];
    post_sheet(&officer, &f, &f.w.bachkhoa, &fields)
        .await
        .expect(404);
    let cases = [
        (
            "1",
            json!(25),
            "Tiêu chí 1 (Bảo đảm an ninh, trật tự trên địa bàn): điểm 25 vượt điểm chuẩn 20.",
        ),
        (
            "1",
            json!("mười"),
            "Tiêu chí 1 (Bảo đảm an ninh, trật tự trên địa bàn): «mười» không phải là số.",
        ),
        (
            "6",
            json!(-1),
            "Tiêu chí 6 (Giới thiệu gương điển hình tiên tiến): giá trị không được âm.",
        ),
        (
            "7",
            json!(3),
            "Tiêu chí 7 (Mô hình được Thành phố biểu dương): tối đa 2 lần.",
        ),
        (
            "8",
            json!("1,5"),
            "Tiêu chí 8 (Chậm gửi báo cáo (mỗi lần)): số lần phải là số nguyên.",
        ),
        (
            "3",
            json!("chắc có"),
            "Tiêu chí 3 (Ban hành kế hoạch thi đua đúng hạn): hãy chọn Có hoặc Không.",
        ),
    ];
    for (code, amount, message) in cases {
        // A good line first: the sheet is saved whole or not at all.
        let entries = json!([{"criterion_id": f.c("2"), "amount": 95},
                             {"criterion_id": f.c(code), "amount": amount}]);
        let r = save(&officer, &f, bd, entries).await;
        refused(&r, 422, "entries[1].amount", message);
        let label = r.json()["fields"][0]["label"].as_str().unwrap().to_string();
        assert!(
            message.starts_with(&format!("{label}: ")),
            "{label} names the criterion"
        );
        assert!(label.starts_with(&format!("Tiêu chí {code} (")), "{label}");
    }
    // The page keeps what was typed and shows the message at the criterion; the summary at the top
    // links to the criterion's row.
    let fields = [
        (field(&f, "amount", "2"), "95"),
        (field(&f, "amount", "1"), "25"),
    ];
    let r = post_sheet(&officer, &f, bd, &fields).await;
    r.expect(422)
        .contains(&format!(
            "<li><a href=\"#c-{}\">Tiêu chí 1 (Bảo đảm an ninh, trật tự trên địa bàn): điểm 25 vượt điểm chuẩn 20.</a></li>",
            f.c("1")
        ))
        .contains(&format!("<tr id=\"c-{}\" class=\"has-error\">", f.c("1")))
        .contains(&format!(
            "name=\"{}\" value=\"25\"",
            field(&f, "amount", "1")
        ));
    assert_eq!(saved(&app, &f.id).await, before, "nothing saved");
    // Once the scale is under review the unit's sheet is locked.
    advance(&office, &f.id, "review").await;
    let before = saved(&app, &f.id).await;
    let r = save(&officer, &f, bd, one).await;
    assert!(r.status.is_client_error(), "{} {}", r.status, r.text);
    let form = officer.get(&f.page(bd)).await;
    assert!(
        !form
            .text
            .contains(&format!("name=\"{}\"", field(&f, "amount", "1")))
    );
    let r = post_sheet(&officer, &f, bd, &fields).await;
    assert!(r.status.is_client_error(), "{} {}", r.status, r.text);
    assert_eq!(saved(&app, &f.id).await, before, "nothing saved");
}

/// A scale whose self-assessment ended yesterday (over this year's demo cluster of Bạch Đằng):
/// the unit's sheet is refused, saying the deadline has passed.
async fn a_passed_deadline_refuses_the_self_assessment(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let officer = app.login(UO_BACHDANG).await;
    let bd = app.unit("P-BACHDANG").await.id;
    let clusters = office
        .api_get(&format!("/api/v1/clusters?year={}", year()))
        .await
        .json();
    let cluster = clusters
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["members"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m["unit_id"] == bd.as_str())
        })
        .expect("Bạch Đằng's cluster this year");
    let (id, s) = draft_over(&office, &[cluster["id"].as_str().unwrap()], &day(-1)).await;
    advance(&office, &id, "open").await;
    let c1 = s["criteria"][0]["id"].as_str().unwrap().to_string();
    let before = saved(&app, &id).await;
    let path = format!("/api/v1/scoring/scales/{id}/units/{bd}");
    let r = officer
        .api_post(
            &path,
            &json!({"entries": [{"criterion_id": c1, "amount": 10}]}),
        )
        .await;
    refused(&r, 422, "self_until", "Đã hết hạn tự chấm");
    assert_eq!(r.json()["fields"][0]["label"], "Hạn tự chấm");
    // The page has no form any more; a form left open is refused the same way.
    let page_path = format!("/scoring/{id}/units/{bd}");
    let form = officer.get(&page_path).await;
    form.expect(200);
    assert!(!form.text.contains(&format!("name=\"amount.{c1}\"")));
    let (k, v) = (format!("amount.{c1}"), format!("version.{c1}"));
    let r = officer.post_form(&page_path, &[(&k, "10"), (&v, "")]).await;
    r.expect(422).contains("hết hạn tự chấm");
    assert_eq!(saved(&app, &id).await, before, "nothing saved");
}

/// Reviewing while the units still self-assess, by an officer who is neither the office nor the
/// cluster leader, and by the cluster leader on its own ward ("never oneself"): refused, nothing saved.
async fn review_refusals_save_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let leader = app.login(UO_BACHDANG).await;
    let culture = app.login(UO_VHTT).await;
    let f = opened(&app, &office).await;
    let (bd, bk) = (&f.w.bachdang, &f.w.bachkhoa);
    let c5 = |amount: i64| json!([{"criterion_id": f.c("5"), "amount": amount, "note": "Đối chiếu biên bản sinh hoạt Cụm"}]);
    save(&leader, &f, bd, c5(12)).await.expect(200);
    save(&office, &f, bk, c5(12)).await.expect(200);
    let before = saved(&app, &f.id).await;
    // While open, a review is refused by the use case; over HTTP the leader's post would be a
    // self-assessment of a ward outside its scope.
    let caller = Caller::of_username(&app.db, STANDING).await.unwrap();
    let review = [EntryInput {
        criterion_id: f.c("5").into(),
        amount: "9".into(),
        note: "Thiếu biên bản".into(),
        ..Default::default()
    }];
    match entries::save(&app.db, &caller, &f.id, bk, Stage::Review, &review).await {
        Err(thidua_app::Error::Invalid(v)) => {
            assert_eq!(v.errors[0].field, "status");
            assert!(
                v.errors[0]
                    .message
                    .contains("Chỉ thẩm định điểm khi thang điểm ở bước thẩm định"),
                "{v}"
            );
        }
        other => panic!("a review while open must be refused: {other:?}"),
    }
    save(&leader, &f, bk, c5(9)).await.expect(404);
    assert_eq!(saved(&app, &f.id).await, before, "nothing saved");

    advance(&office, &f.id, "review").await;
    let before = saved(&app, &f.id).await;
    // An officer of another unit reviews nothing; neither the API nor the page shows the sheet.
    save(&culture, &f, bk, c5(9)).await.expect(404);
    post_sheet(
        &culture,
        &f,
        bk,
        &[
            (field(&f, "amount", "5"), "9"),
            (field(&f, "note", "5"), "x"),
        ],
    )
    .await
    .expect(404);
    // The leader's officer may not review its own ward (its sheet is locked: the unit's own save is
    // refused with the reason), nor the office's criteria of another.
    save(&leader, &f, bd, c5(15))
        .await
        .expect(422)
        .contains("điểm đã khóa");
    let own = leader.api_get(&f.api(bd)).await.json();
    assert!(
        !own["may_review"].as_bool().unwrap(),
        "no review form on one's own sheet"
    );
    let office_criterion = json!([{"criterion_id": f.c("6"), "amount": 5, "note": "Thiếu hồ sơ"}]);
    save(&leader, &f, bk, office_criterion).await.expect(403);
    // All or nothing: an allowed line with a forbidden one saves neither.
    let mixed = json!([{"criterion_id": f.c("5"), "amount": 9, "note": "Vắng 01 buổi"},
                       {"criterion_id": f.c("6"), "amount": 5, "note": "Thiếu hồ sơ"}]);
    save(&leader, &f, bk, mixed).await.expect(403);
    assert_eq!(saved(&app, &f.id).await, before, "nothing saved");
    // What the leader may do: review Bách Khoa's cluster criterion, with its reason.
    let r = save(&leader, &f, bk, c5(9)).await;
    r.expect(200);
    assert_eq!(line(&r.json(), &f, "5")["points"], 9.0);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM scoring_changes WHERE scale_id = '{}' AND stage = 'review' \
             AND by_name = 'Nguyễn Văn An (canbo.bachdang)'",
            f.id
        ))
        .await,
        1
    );
}

/// A sheet of one line: `amount` on the criterion numbered `code`.
fn one(f: &Fixture, code: &str, amount: Value) -> Value {
    json!([{ "criterion_id": f.c(code), "amount": amount }])
}

/// A scale where Bạch Đằng scored criterion 1, moved on to `to` (review or published).
async fn scored_until(app: &TestApp, office: &Session, officer: &Session, to: &str) -> Fixture {
    let f = opened(app, office).await;
    let bd = f.w.bachdang.clone();
    save(officer, &f, &bd, one(&f, "1", json!(18)))
        .await
        .expect(200);
    advance(office, &f.id, "review").await;
    if to == "published" {
        advance(office, &f.id, "published").await;
    }
    f
}

/// Appeals wait for publication; then one open appeal per criterion and only for one's own unit; the
/// decision needs a reason and a score within the criterion's points, and is the office's; a
/// published sheet is no longer self-assessed. Nothing is saved by any of these.
async fn appeals_wait_for_publication(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let officer = app.login(UO_BACHDANG).await;
    let f = scored_until(&app, &office, &officer, "review").await;
    let bd = &f.w.bachdang;
    let appeals = format!("{}/appeals", f.api(bd));
    let appeal = json!({"criterion_id": f.c("1"), "text": "Đề nghị xem xét lại điểm an ninh."});
    let before = saved(&app, &f.id).await;
    let r = officer.api_post(&appeals, &appeal).await;
    refused(
        &r,
        422,
        "text",
        "Chỉ kiến nghị sau khi kết quả chấm điểm được công bố.",
    );
    assert_eq!(saved(&app, &f.id).await, before, "nothing saved");

    advance(&office, &f.id, "published").await;
    let before = saved(&app, &f.id).await;
    let r = save(&officer, &f, bd, one(&f, "1", json!(20))).await;
    refused(&r, 422, "status", "không còn ở bước đơn vị tự chấm");
    let blank = json!({"criterion_id": f.c("1"), "text": "  "});
    refused(
        &officer.api_post(&appeals, &blank).await,
        422,
        "text",
        "Nội dung kiến nghị",
    );
    let other = format!("{}/appeals", f.api(&f.w.bachkhoa));
    officer.api_post(&other, &appeal).await.expect(404);
    assert_eq!(saved(&app, &f.id).await, before, "nothing saved");

    let a = officer.api_post(&appeals, &appeal).await.json();
    let before = saved(&app, &f.id).await;
    let r = officer.api_post(&appeals, &appeal).await;
    refused(
        &r,
        422,
        "criterion_id",
        "đã có kiến nghị đang chờ giải quyết",
    );
    let decision = format!(
        "/api/v1/scoring/appeals/{}/decision",
        a["id"].as_str().unwrap()
    );
    let decide = |reason: &str, amount: i64| json!({"status": "accepted", "reason": reason, "amount": amount, "version": a["version"]});
    let r = office.api_post(&decision, &decide("", 19)).await;
    refused(&r, 422, "reason", "Lý do giải quyết");
    let r = office
        .api_post(&decision, &decide("Đủ minh chứng", 25))
        .await;
    refused(&r, 422, "amount", "vượt điểm chuẩn 20");
    // A unit does not decide its own appeal.
    let r = officer
        .api_post(&decision, &decide("Tự công nhận", 20))
        .await;
    r.expect(403);
    assert_eq!(saved(&app, &f.id).await, before, "nothing saved");
    assert_eq!(
        line(&officer.api_get(&f.api(bd)).await.json(), &f, "1")["points"],
        18.0
    );
}

/// After the appeal window an appeal is refused with its last day, and the sheet offers none.
async fn no_appeal_after_the_window(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let officer = app.login(UO_BACHDANG).await;
    let f = scored_until(&app, &office, &officer, "published").await;
    let bd = &f.w.bachdang;
    assert!(
        officer
            .get(&f.page(bd))
            .await
            .text
            .contains("Gửi kiến nghị")
    );
    // The window cannot pass during a test: its last day is set to yesterday behind the app's back.
    let yesterday = thidua_app::today() - time::Duration::days(1);
    app.exec(&format!(
        "UPDATE scoring_scales SET appeal_until = '{}' WHERE id = '{}'",
        iso(yesterday),
        f.id
    ))
    .await;
    let before = saved(&app, &f.id).await;
    let appeal = json!({"criterion_id": f.c("1"), "text": "Đề nghị xem xét lại điểm an ninh."});
    let r = officer
        .api_post(&format!("{}/appeals", f.api(bd)), &appeal)
        .await;
    refused(
        &r,
        422,
        "text",
        &format!("Đã hết thời hạn kiến nghị (ngày {})", vn(yesterday)),
    );
    let fields = [("criterion_id", f.c("1")), ("text", "Đề nghị xem xét lại.")];
    let r = officer
        .post_form(&format!("{}/appeals", f.page(bd)), &fields)
        .await;
    r.expect(422).contains("Đã hết thời hạn kiến nghị");
    let sheet = officer.get(&f.page(bd)).await;
    assert!(
        !sheet.text.contains("Gửi kiến nghị"),
        "no appeal form after the window"
    );
    assert_eq!(saved(&app, &f.id).await, before, "nothing saved");
}

/// Uploads a scale workbook to a scale's page, with the version the page's form carries.
async fn import(s: &Session, scale: &str, version: i64, bytes: Vec<u8>) -> Reply {
    let part = reqwest::multipart::Part::bytes(bytes).file_name("thang-diem.xlsx");
    let form = reqwest::multipart::Form::new()
        .text("version", version.to_string())
        .part("file", part);
    let r = s
        .client
        .post(s.url(&format!("/scoring/{scale}/import")))
        .header("x-csrf-token", &s.csrf)
        .multipart(form)
        .send()
        .await
        .expect("upload");
    Reply {
        status: r.status(),
        headers: r.headers().clone(),
        text: r.text().await.expect("body"),
    }
}

async fn scale_version(s: &Session, id: &str) -> i64 {
    s.api_get(&format!("/api/v1/scoring/scales/{id}"))
        .await
        .json()["version"]
        .as_i64()
        .unwrap()
}

/// A criterion row before any group row (Roman numeral), a file that is not XLSX, a workbook for a
/// scale already open: refused naming the row or the reason, the criteria unchanged.
async fn a_broken_scale_workbook_is_refused_naming_the_row(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let f = draft(&app, &office).await;
    let criteria_sql = format!(
        "SELECT COUNT(*) FROM scoring_criteria WHERE scale_id = '{}'",
        f.id
    );
    let criteria = || app.count(&criteria_sql);
    let before = (criteria().await, app.audit_rows().await);
    let version = scale_version(&office, &f.id).await;
    let lost = xlsx(&[
        vec!["STT", "Nội dung tiêu chí", "Điểm chuẩn"],
        vec!["1", "Tiêu chí lạc trước nhóm", "10"],
        vec!["I", "Công tác thi đua", "40"],
        vec!["1", "Ban hành kế hoạch", "15"],
    ]);
    let r = import(&office, &f.id, version, lost).await;
    r.expect(422)
        .contains("Dòng 2: tiêu chí 1 nằm trước nhóm tiêu chí đầu tiên");
    let r = import(
        &office,
        &f.id,
        version,
        b"PK not really a workbook".to_vec(),
    )
    .await;
    r.expect(422).contains("không đúng định dạng XLSX");
    let bad_points = xlsx(&[
        vec!["STT", "Nội dung tiêu chí", "Điểm chuẩn"],
        vec!["I", "Công tác thi đua", "40"],
        vec!["1", "Ban hành kế hoạch", "mười lăm"],
    ]);
    let r = import(&office, &f.id, version, bad_points).await;
    r.expect(422).contains("«mười lăm» không phải là số");
    assert_eq!(
        (criteria().await, app.audit_rows().await),
        before,
        "nothing changed"
    );
    let api = office
        .api_get(&format!("/api/v1/scoring/scales/{}", f.id))
        .await
        .json();
    assert_eq!(api["groups"].as_array().unwrap().len(), 4);
    // Once open, the criteria are fixed: even a good workbook is refused.
    advance(&office, &f.id, "open").await;
    let before = (criteria().await, app.audit_rows().await);
    let (_, _, template) = office.download("/scoring/template.xlsx").await;
    let version = scale_version(&office, &f.id).await;
    let r = import(&office, &f.id, version, template).await;
    r.expect(422)
        .contains("Chỉ sửa tiêu chí khi thang điểm đang soạn");
    assert_eq!(
        (criteria().await, app.audit_rows().await),
        before,
        "nothing changed"
    );
}

// ---- 3. simultaneous writers ----

/// Two reviewers change the same score from the same version at the same instant (one through the
/// page, one through the API): exactly one is saved, the other is told someone else saved first.
async fn simultaneous_reviews_of_one_score_conflict(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let officer = app.login(UO_BACHDANG).await;
    let f = opened(&app, &office).await;
    let bd = &f.w.bachdang;
    save(
        &officer,
        &f,
        bd,
        json!([{"criterion_id": f.c("1"), "amount": 18}]),
    )
    .await
    .expect(200);
    advance(&office, &f.id, "review").await;
    let (a, b) = (app.login(STANDING).await, app.login(STANDING).await);
    let version = line(&a.api_get(&f.api(bd)).await.json(), &f, "1")["version"]
        .as_i64()
        .unwrap();
    let v = version.to_string();
    let fields = [
        (field(&f, "amount", "1"), "15"),
        (field(&f, "note", "1"), "Đoàn kiểm tra A: còn 01 vụ việc"),
        (field(&f, "version", "1"), v.as_str()),
    ];
    let entries = json!([{"criterion_id": f.c("1"), "amount": 12, "note": "Đoàn kiểm tra B: còn 02 vụ việc", "version": version}]);
    let (by_page, by_api) =
        tokio::join!(post_sheet(&a, &f, bd, &fields), save(&b, &f, bd, entries));
    let answers = [by_page.status.as_u16(), by_api.status.as_u16()];
    let won: Vec<bool> = answers.iter().map(|s| *s == 303 || *s == 200).collect();
    assert_eq!(
        won.iter().filter(|w| **w).count(),
        1,
        "one saved: {answers:?}"
    );
    assert!(
        answers.contains(&409),
        "the other is a conflict: {answers:?}"
    );
    let loser = if won[0] { &by_api } else { &by_page };
    assert!(
        loser.text.contains("vừa được người khác thay đổi"),
        "{}",
        loser.text
    );
    let stored = line(&a.api_get(&f.api(bd)).await.json(), &f, "1")["amount"].as_f64();
    assert_eq!(stored, Some(if won[0] { 15.0 } else { 12.0 }));
    let changes = app
        .count(&format!(
            "SELECT COUNT(*) FROM scoring_changes WHERE scale_id = '{}' AND stage = 'review'",
            f.id
        ))
        .await;
    assert_eq!(changes, 1, "exactly one change kept");
}

/// The officer saves the sheet from two tabs at the same instant, several times over: each save waits
/// its turn (no «database is locked», no error), and both halves of the sheet are kept.
async fn simultaneous_self_assessments_wait_their_turn(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let (a, b) = (app.login(UO_BACHDANG).await, app.login(UO_BACHDANG).await);
    let f = opened(&app, &office).await;
    let bd = &f.w.bachdang;
    for round in 0..5 {
        let points = (10 + round).to_string();
        let fields = [
            (field(&f, "amount", "1"), points.as_str()),
            (field(&f, "amount", "2"), "90"),
            (field(&f, "amount", "3"), "1"),
        ];
        let rest = json!([{"criterion_id": f.c("5"), "amount": 10 + round}, {"criterion_id": f.c("6"), "amount": 14}]);
        let (page, api) = tokio::join!(post_sheet(&a, &f, bd, &fields), save(&b, &f, bd, rest));
        assert_eq!(page.status.as_u16(), 303, "page: {}", page.text);
        assert_eq!(api.status.as_u16(), 200, "API: {}", api.text);
    }
    let sheet = a.api_get(&f.api(bd)).await.json();
    // 14 + 18 + 10 + (14 + 14) = 70 after the last round.
    assert_eq!(sheet["total"], 70.0);
    assert_eq!(line(&sheet, &f, "5")["version"], 5);
    // The same criterion from both tabs, no version sent. SQLite runs the two one after the other:
    // both are saved, also while the criterion has no score yet. PostgreSQL runs them side by side:
    // on a score already there the second is told of the conflict (never an error); first scores are
    // raced in `first_scores_saved_at_once_do_not_clash`.
    let codes = match engine {
        Engine::Sqlite => ["7", "8", "7", "8"],
        Engine::Postgres => ["5", "6", "5", "6"],
    };
    for (round, code) in codes.into_iter().enumerate() {
        let one = |n: i64| json!([{"criterion_id": f.c(code), "amount": n, "note": format!("lần {round}")}]);
        let (x, y) = tokio::join!(save(&a, &f, bd, one(1)), save(&b, &f, bd, one(2)));
        let answers = [x.status.as_u16(), y.status.as_u16()];
        let fine = match engine {
            Engine::Sqlite => answers == [200, 200],
            Engine::Postgres => {
                answers.contains(&200) && answers.iter().all(|s| [200, 409].contains(s))
            }
        };
        assert!(fine, "{answers:?}: {} / {}", x.text, y.text);
    }
    let sheet = a.api_get(&f.api(bd)).await.json();
    for code in &codes[..2] {
        assert!(
            matches!(line(&sheet, &f, code)["amount"].as_f64(), Some(1.0 | 2.0)),
            "{sheet}"
        );
    }
}

// ---- 4. spreadsheets ----

/// The template downloaded from the app, uploaded to a draft, gives the groups and criteria it shows.
async fn the_template_reads_back_into_a_draft(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let (status, headers, bytes) = office.download("/scoring/template.xlsx").await;
    assert_eq!(status, 200);
    assert_eq!(
        headers["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let rows = read_xlsx(&bytes);
    assert_eq!(rows[0][..3], ["STT", "Nội dung tiêu chí", "Điểm chuẩn"]);
    let is_group = |r: &&Vec<String>| matches!(r[0].as_str(), "I" | "II" | "III");
    let groups: Vec<(String, f64)> = rows[1..]
        .iter()
        .filter(is_group)
        .map(|r| (r[1].clone(), r[2].parse().unwrap()))
        .collect();
    let criteria = rows[1..].iter().filter(|r| !is_group(r)).count();
    assert_eq!(groups.len(), 3);

    let f = draft(&app, &office).await;
    let version = scale_version(&office, &f.id).await;
    let r = import(&office, &f.id, version, bytes).await;
    r.expect(303);
    let scale = office
        .api_get(&format!("/api/v1/scoring/scales/{}", f.id))
        .await
        .json();
    let got: Vec<(String, f64)> = scale["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["name"].as_str().unwrap().into(),
                g["max_points"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, groups);
    let list = scale["criteria"].as_array().unwrap();
    assert_eq!(list.len(), criteria);
    let kinds: Vec<&str> = list.iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "rate",
            "yes_no",
            "fixed",
            "fixed",
            "fixed",
            "deduction",
            "deduction"
        ]
    );
    assert_eq!(list[1]["assessor"], "cluster_leader");
    assert_eq!(list[0]["tie_break"], 1);
    assert_eq!(list[6]["points"], 0.5);
    assert!(
        list[2]["precondition"]
            .as_str()
            .unwrap()
            .starts_with("Cập nhật đầy đủ hồ sơ")
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'scoring_scale.criteria' AND object_id = '{}'",
            f.id
        ))
        .await,
        1
    );
}

/// A sheet of a workbook as rows of text.
fn sheet_rows(bytes: &[u8], name: &str) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// The office's export: «Điểm» with a row per unit and criterion, «Tổng hợp» in ranking order,
/// «Lịch sử thay đổi» with every change and its reason; units do not export before publication.
async fn the_export_has_a_row_per_unit_and_criterion(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let officer = app.login(UO_BACHDANG).await;
    let f = opened(&app, &office).await;
    let bd = &f.w.bachdang;
    let entries = json!([{"criterion_id": f.c("1"), "amount": 18, "note": "Ổn định"}, {"criterion_id": f.c("8"), "amount": 2}]);
    save(&officer, &f, bd, entries).await.expect(200);
    advance(&office, &f.id, "review").await;
    let v = line(&office.api_get(&f.api(bd)).await.json(), &f, "1")["version"].clone();
    let review = json!([{"criterion_id": f.c("1"), "amount": 15, "note": REASON, "version": v}]);
    save(&office, &f, bd, review).await.expect(200);
    let export = format!("/scoring/{}/export.xlsx", f.id);
    let (status, _, _) = officer.download(&export).await;
    assert_eq!(status, 403, "not before publication");
    let (status, _, bytes) = office.download(&export).await;
    assert_eq!(status, 200);
    {
        use calamine::Reader;
        let book =
            calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
        assert_eq!(book.sheet_names(), ["Điểm", "Tổng hợp", "Lịch sử thay đổi"]);
    }
    let scores = sheet_rows(&bytes, "Điểm");
    assert_eq!(scores.len(), 1 + 3 * 8, "a row per unit × criterion");
    let row = scores
        .iter()
        .find(|r| r[1] == "Phường Bạch Đằng" && r[2] == "1")
        .unwrap();
    assert_eq!(row[4..9], ["20", "18", "15", "Ổn định", "Thẩm định"]);
    let totals = sheet_rows(&bytes, "Tổng hợp");
    assert_eq!(totals.len(), 1 + 3);
    assert_eq!(
        (totals[1][1].as_str(), totals[1][3].as_str()),
        ("Phường Bạch Đằng", "13")
    );
    let history = sheet_rows(&bytes, "Lịch sử thay đổi");
    assert_eq!(
        history.len(),
        1 + 3,
        "two self-assessed lines and one review"
    );
    let reviewed = history.iter().find(|r| r[3] == "Thẩm định").unwrap();
    assert_eq!(
        reviewed[4..],
        ["18", "15", REASON, "Đặng Thị Hoa (thuongtruc)"]
    );
}

// ---- 5. the demo ----

/// The demo's ward scale of this year: published over the three ward clusters, every ward scored,
/// one appeal accepted, a first place in each cluster; the offices' scale still open.
async fn the_demo_ward_scale_is_published_and_ranked(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let scales = office.api_get("/api/v1/scoring/scales").await.json();
    let named = |start: &str| {
        scales
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"].as_str().unwrap().starts_with(start) && s["year"] == year())
            .unwrap_or_else(|| panic!("no scale «{start}…» in {scales}"))
            .clone()
    };
    let wards = named("Thang điểm chấm điểm, xếp hạng thi đua Khối phường");
    assert_eq!(wards["status"], "published");
    assert_eq!(
        named("Thang điểm chấm điểm thi đua Khối các phòng")["status"],
        "open"
    );
    let id = wards["id"].as_str().unwrap();
    let r = office
        .api_get(&format!("/api/v1/scoring/scales/{id}/ranking"))
        .await;
    r.expect(200);
    let ranking = r.json();
    let overall = ranking["overall"].as_array().unwrap();
    assert!(
        (16..=18).contains(&overall.len()),
        "{} wards",
        overall.len()
    );
    for p in overall {
        assert!(p["total"].as_f64().unwrap() > 0.0, "{p}");
    }
    let clusters = ranking["clusters"].as_array().unwrap();
    assert_eq!(clusters.len(), 3);
    for c in clusters {
        assert!(
            c["cluster_name"]
                .as_str()
                .unwrap()
                .starts_with("Cụm thi đua số")
        );
        let firsts: Vec<&Value> = c["places"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["rank"] == 1)
            .collect();
        assert_eq!(firsts.len(), 1, "one first place in {}", c["cluster_name"]);
        assert_eq!(firsts[0]["tied"], false);
    }
    let accepted = app
        .count(&format!(
            "SELECT COUNT(*) FROM scoring_appeals WHERE scale_id = '{id}' AND status = 'accepted'"
        ))
        .await;
    assert_eq!(accepted, 1);
    // Bạch Đằng sees its appeal's result on its sheet, and the unit may read the published ranking.
    let officer = app.login(UO_BACHDANG).await;
    let bd = app.unit("P-BACHDANG").await.id;
    let sheet = officer
        .api_get(&format!("/api/v1/scoring/scales/{id}/units/{bd}"))
        .await
        .json();
    let appealed: Vec<&Value> = sheet["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["stage"] == "appeal")
        .collect();
    assert_eq!(appealed.len(), 1);
    assert_eq!(appealed[0]["points"], 10.0);
    officer
        .api_get(&format!("/api/v1/scoring/scales/{id}/ranking"))
        .await
        .expect(200);
}

// ---- regressions: bugs found while these tests were written, fixed since ----

async fn json_numbers_keep_their_decimals(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let officer = app.login(UO_BACHDANG).await;
    let f = opened(&app, &office).await;
    let entries = json!([{"criterion_id": f.c("1"), "amount": 12.125}, {"criterion_id": f.c("2"), "amount": 95.125}]);
    let r = save(&officer, &f, &f.w.bachdang, entries).await;
    r.expect(200);
    assert_eq!(line(&r.json(), &f, "1")["points"], 12.125);
    assert_eq!(line(&r.json(), &f, "2")["amount"], 95.125);
}

async fn first_scores_saved_at_once_do_not_clash(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let (a, b) = (app.login(UO_BACHDANG).await, app.login(UO_BACHDANG).await);
    let f = opened(&app, &office).await;
    // Every criterion accepts 1 and 0; each has no score before its two saves.
    for code in ["1", "2", "3", "4", "5", "6", "7", "8"] {
        let one = |n: &str| json!([{"criterion_id": f.c(code), "amount": n}]);
        let (x, y) = tokio::join!(
            save(&a, &f, &f.w.bachdang, one("1")),
            save(&b, &f, &f.w.bachdang, one("0"))
        );
        let answers = [x.status.as_u16(), y.status.as_u16()];
        assert!(
            answers == [200, 200] || answers.contains(&409) && answers.contains(&200),
            "criterion {code}: {answers:?} {} / {}",
            x.text,
            y.text
        );
    }
}

async fn a_review_of_an_unscored_criterion_is_not_the_units_own(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let f = opened(&app, &office).await;
    advance(&office, &f.id, "review").await;
    let entries = json!([{"criterion_id": f.c("5"), "amount": 9, "note": "Đơn vị không tự chấm tiêu chí này"}]);
    let r = save(&office, &f, &f.w.bachdang, entries).await;
    r.expect(200);
    let sheet = r.json();
    assert_eq!(line(&sheet, &f, "5")["points"], 9.0);
    assert_eq!(line(&sheet, &f, "5")["self_points"], Value::Null);
    assert_eq!(sheet["self_total"], 0.0);
}

async fn a_locked_sheet_says_why(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let officer = app.login(UO_BACHDANG).await;
    let f = opened(&app, &office).await;
    advance(&office, &f.id, "review").await;
    let r = save(
        &officer,
        &f,
        &f.w.bachdang,
        json!([{"criterion_id": f.c("1"), "amount": 18}]),
    )
    .await;
    refused(&r, 422, "status", "không còn ở bước đơn vị tự chấm");
}

async fn the_review_form_keeps_untouched_values(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let officer = app.login(UO_BACHDANG).await;
    let f = opened(&app, &office).await;
    let bd = &f.w.bachdang;
    let fields = [
        (field(&f, "amount", "1"), "18"),
        (field(&f, "amount", "2"), "95,555"),
    ];
    post_sheet(&officer, &f, bd, &fields).await.expect(303);
    advance(&office, &f.id, "review").await;
    // The reviewer sends the form as shown, with one score changed and its reason.
    let page = office.get(&f.page(bd)).await;
    let shown = |name: &str, code: &str| {
        hidden_value(&page.text, &field(&f, name, code)).unwrap_or_default()
    };
    let (a2, t2, v2, v1) = (
        shown("amount", "2"),
        shown("target", "2"),
        shown("version", "2"),
        shown("version", "1"),
    );
    let fields = [
        (field(&f, "amount", "1"), "15"),
        (field(&f, "note", "1"), REASON),
        (field(&f, "version", "1"), v1.as_str()),
        (field(&f, "amount", "2"), a2.as_str()),
        (field(&f, "target", "2"), t2.as_str()),
        (field(&f, "version", "2"), v2.as_str()),
    ];
    post_sheet(&office, &f, bd, &fields).await.expect(303);
    let sheet = office.api_get(&f.api(bd)).await.json();
    assert_eq!(line(&sheet, &f, "2")["amount"], 95.555);
}

/// A rate criterion may take its values from a target of the scale's plan; a target of no plan, or of
/// another, is refused by name (it was a foreign-key error, a 500) and nothing is saved; the unit's
/// sheet suggests its latest progress report.
async fn target_links_belong_to_the_scales_plan(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let (cluster, w) = own_cluster(&app, &office).await;
    let plans = office
        .api_get("/api/v1/campaigns?status=launched")
        .await
        .json();
    let plan = plans.as_array().unwrap()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let target = office
        .api_get(&format!("/api/v1/campaigns/{plan}"))
        .await
        .json()["targets"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let body = |campaign: &str, target: &str| {
        json!({"name": format!("Thang điểm có chỉ tiêu {}", next_n()), "year": year(), "cluster_ids": [cluster],
               "campaign_id": campaign, "self_until": day(7), "groups": [{"name": "Nhiệm vụ", "max_points": 20, "criteria": [
                   {"code": "1", "text": "Chỉ tiêu của kế hoạch", "kind": "rate", "points": 20, "target_value": 100, "target_id": target}]}]})
    };
    let scales = app.count("SELECT COUNT(*) FROM scoring_scales").await;
    let r = office
        .api_post("/api/v1/scoring/scales", &body("", &target))
        .await;
    r.expect(422).contains("không thuộc kế hoạch");
    office
        .api_post("/api/v1/scoring/scales", &body(&plan, "khong-co"))
        .await
        .expect(422);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM scoring_scales").await,
        scales,
        "nothing saved"
    );
    let r = office
        .api_post("/api/v1/scoring/scales", &body(&plan, &target))
        .await;
    r.expect(201);
    let id = r.json()["id"].as_str().unwrap().to_string();
    advance(&office, &id, "open").await;
    let sheet = office
        .get(&format!("/scoring/{id}/units/{}", w.bachdang))
        .await;
    sheet.expect(200);
}

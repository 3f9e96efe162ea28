//! The register of initiatives over HTTP: a unit registers an initiative with its authors and shares,
//! edits it (a stale version is 409), the office sends it to the council and records the session that
//! recognises it, the eligibility engine then counts it for its authors, and it is used once as a basis
//! — a second use is refused naming the first, and of two uses sent together exactly one succeeds. Bad
//! input (shares not making 100 %, no author, another unit) changes nothing. The fixtures and requests
//! of the policy matrix's initiative routes are here too (see `policy.rs`).

use crate::campaigns_api::day;
use crate::common::{Engine, Reply, STANDING, Session, TestApp, UO_BACHDANG, UO_VHTT, next_n};
use crate::on_both_engines;
use serde_json::{Value, json};

on_both_engines!(
    whole_cycle_from_register_to_single_use,
    bad_input_changes_nothing,
    two_uses_sent_together_one_succeeds,
    pages_show_the_register_and_the_demo
);

/// A new person of `unit_id` (made by `s`), with a name nobody else has.
pub(crate) async fn new_person(s: &Session, unit_id: &str) -> Value {
    let letters: String = next_n()
        .to_string()
        .chars()
        .map(|d| (b'a' + d.to_digit(10).unwrap_or(0) as u8) as char)
        .collect();
    let body = json!({"full_name": format!("Lương Thị Sáng Kiến {letters}"), "gender": "female", "birth_date": "02/03/1990", "position": "Chuyên viên", "kind": "civil_servant", "unit_id": unit_id});
    let r = s.api_post("/api/v1/people", &body).await;
    r.expect(201);
    r.json()
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap_or_default().to_string()
}

/// An initiative body of `unit_id` with authors and their shares.
fn body(unit_id: &str, name: &str, authors: &[(&str, &str)]) -> Value {
    let authors: Vec<Value> = authors
        .iter()
        .map(|(p, s)| json!({"person_id": p, "share": s}))
        .collect();
    json!({"unit_id": unit_id, "name": name, "field": "Cải cách hành chính", "applied_on": day(-30), "description": "Tra cứu thủ tục bằng mã QR, giảm lượt hỏi tại quầy.", "authors": authors})
}

/// The fields of the page form of an initiative with one author.
fn form<'a>(
    unit_id: &'a str,
    name: &'a str,
    author: &'a str,
    share: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("unit_id", unit_id),
        ("name", name),
        ("field", "Y tế"),
        ("applied_on", "01/02/2025"),
        ("description", "Mô tả"),
        ("author_1", author),
        ("share_1", share),
    ]
}

/// A ledger award (title) of a person, as recorded by the office.
async fn award(office: &Session, person_id: &str, code: &str, decision: &str) -> String {
    let year = crate::campaigns_api::today().year() - 1;
    let r = office
        .api_post(
            &format!("/api/v1/ledger/person/{person_id}/awards"),
            &json!({"code": code, "year": year.to_string(), "decision_no": decision, "decision_date": "15/01/2026", "issuer": "Chủ tịch UBND quận"}),
        )
        .await;
    r.expect(201);
    id(&r.json())
}

/// Sends the initiative to the council and records a session recognising it at `level`.
async fn recognise(office: &Session, initiative: &str, level: &str) -> String {
    office
        .api_post(
            &format!("/api/v1/initiatives/{initiative}/send-to-council"),
            &json!({}),
        )
        .await
        .expect(200);
    let r = office
        .api_post(
            "/api/v1/initiatives/sessions",
            &json!({"held_on": day(0), "minutes_no": format!("{}/BB-HĐSK", next_n()), "members_present": "Lê Minh Tuấn\nĐặng Thị Hoa", "results": [{"initiative_id": initiative, "outcome": level, "scope_note": "Áp dụng tại phường"}]}),
        )
        .await;
    r.expect(201);
    id(&r.json())
}

fn use_body(award_id: &str) -> Value {
    json!({"target_type": "award", "target_id": award_id})
}

/// Eligibility of a person for Chiến sĩ thi đua cơ sở of this year (the session's year).
async fn eligibility(s: &Session, person: &str) -> String {
    let year = crate::campaigns_api::today().year().to_string();
    let r = s
        .api_post(
            &format!("/api/v1/ledger/person/{person}/eligibility"),
            &json!({"code": "CSTDCS", "year": year}),
        )
        .await;
    r.expect(200);
    r.text.clone()
}

async fn whole_cycle_from_register_to_single_use(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let officer = app.login(UO_BACHDANG).await;
    let unit = app.unit("P-BACHDANG").await;
    let (a, b) = (
        new_person(&office, &unit.id).await,
        new_person(&office, &unit.id).await,
    );
    let name = format!("Sổ tay điện tử một cửa {}", next_n());
    // The unit's officer registers it for their own unit, with two authors.
    let r = officer
        .api_post(
            "/api/v1/initiatives",
            &body(&unit.id, &name, &[(&id(&a), "60"), (&id(&b), "40")]),
        )
        .await;
    r.expect(201);
    let ini = r.json();
    assert_eq!(ini["status"], "proposed");
    let path = format!("/api/v1/initiatives/{}", id(&ini));
    // Edited with the version read; the same stale version again is refused with 409.
    let mut edit = body(&unit.id, &name, &[(&id(&a), "50"), (&id(&b), "50")]);
    edit["version"] = json!(1);
    officer.api_put(&path, &edit).await.expect(200);
    let audit = app.audit_rows().await;
    officer.api_put(&path, &edit).await.expect(409);
    // A unit officer proposes, never recognises: sending to the council and recording a session are 403.
    officer
        .api_post(&format!("{path}/send-to-council"), &json!({}))
        .await
        .expect(403)
        .contains("Bạn không có quyền");
    officer
        .api_post("/api/v1/initiatives/sessions", &json!({"held_on": day(0), "minutes_no": "1", "members_present": "A", "results": [{"initiative_id": id(&ini), "outcome": "base"}]}))
        .await
        .expect(403);
    assert_eq!(app.audit_rows().await, audit, "refusals changed data");
    // Before the council: not counted for eligibility, not usable.
    assert!(!eligibility(&office, &id(&a)).await.contains(&name));
    let title = award(&office, &id(&a), "LDTT", "11/QĐ-UBND").await;
    office
        .api_post(&format!("{path}/uses"), &use_body(&title))
        .await
        .expect(422)
        .contains("Hội đồng công nhận");
    let session = recognise(&office, &id(&ini), "base").await;
    let got = office.api_get(&path).await;
    got.expect(200);
    assert_eq!(got.json()["status"], "recognised");
    assert_eq!(got.json()["level"], "base");
    assert_eq!(got.json()["session_id"], json!(session));
    // Each author's eligibility now counts the recognised initiative.
    assert!(eligibility(&office, &id(&a)).await.contains(&name));
    assert!(eligibility(&office, &id(&b)).await.contains(&name));
    // Used once, by the unit's officer, as the basis of an author's title.
    let r = officer
        .api_post(&format!("{path}/uses"), &use_body(&title))
        .await;
    r.expect(201);
    let first = r.json()["label"].as_str().unwrap_or_default().to_string();
    assert!(first.contains("11/QĐ-UBND"), "{first}");
    // A second use — for the other author's award — is refused, naming the first.
    let other = award(&office, &id(&b), "LDTT", "12/QĐ-UBND").await;
    let audit = app.audit_rows().await;
    let r = office
        .api_post(&format!("{path}/uses"), &use_body(&other))
        .await;
    r.expect(422)
        .contains("Sáng kiến này đã được dùng làm căn cứ cho")
        .contains("11/QĐ-UBND");
    assert_eq!(app.audit_rows().await, audit);
    // Spent for both authors: the first's eligibility says what it was used for, the co-author's no
    // longer counts it.
    assert!(eligibility(&office, &id(&a)).await.contains("đã dùng cho"));
    assert!(!eligibility(&office, &id(&b)).await.contains(&name));
    // The register shows where it was used; its search needs no diacritics.
    let page = office.get(&format!("/initiatives/{}", id(&ini))).await;
    page.expect(200).contains("Đã dùng làm căn cứ cho");
    let folded = thidua_domain::text::fold(&name);
    let list = office
        .api_get(&format!(
            "/api/v1/initiatives?q={}",
            folded.replace(' ', "+")
        ))
        .await;
    list.expect(200).contains(&name);
    let list = officer
        .get(&format!(
            "/initiatives?status=recognised&level=base&q={}",
            folded.replace(' ', "+")
        ))
        .await;
    list.expect(200).contains(&name);
}

async fn bad_input_changes_nothing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let officer = app.login(UO_BACHDANG).await;
    let unit = app.unit("P-BACHDANG").await;
    let a = id(&new_person(&office, &unit.id).await);
    let b = id(&new_person(&office, &unit.id).await);
    let audit = app.audit_rows().await;
    let r = officer
        .api_post(
            "/api/v1/initiatives",
            &body(&unit.id, "Sáng kiến lệch tỷ lệ", &[(&a, "60"), (&b, "30")]),
        )
        .await;
    r.expect(422)
        .contains("100 %")
        .contains("90 %")
        .contains("Tác giả");
    officer
        .api_post(
            "/api/v1/initiatives",
            &body(&unit.id, "Sáng kiến không tác giả", &[]),
        )
        .await
        .expect(422)
        .contains("ít nhất một tác giả");
    officer
        .api_post(
            "/api/v1/initiatives",
            &body(&unit.id, "Trùng tác giả", &[(&a, "50"), (&a, "50")]),
        )
        .await
        .expect(422)
        .contains("một lần");
    officer
        .api_post(
            "/api/v1/initiatives",
            &body(&unit.id, "Tỷ lệ bằng không", &[(&a, "0"), (&b, "100")]),
        )
        .await
        .expect(422)
        .contains("lớn hơn 0");
    // Another unit than the officer's own: 422 naming the scope.
    let other = app.unit("P-VHTT").await;
    officer
        .api_post(
            "/api/v1/initiatives",
            &body(&other.id, "Ngoài phạm vi", &[(&a, "100")]),
        )
        .await
        .expect(422)
        .contains("phạm vi");
    // Nor may a unit officer write a recognised initiative straight into a history, without the council.
    officer
        .api_post(
            &format!("/api/v1/ledger/person/{a}/initiatives"),
            &json!({"name": "Không qua Hội đồng", "year": "2025", "level": "base"}),
        )
        .await
        .expect(403);
    // The page form shows the errors at the field, 422.
    let page = officer
        .post_form("/initiatives", &form(&unit.id, "Biểu mẫu", &a, "70"))
        .await;
    page.expect(422).contains("Tổng tỷ lệ đóng góp");
    assert_eq!(app.audit_rows().await, audit, "bad input changed data");
}

async fn two_uses_sent_together_one_succeeds(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let officer = app.login(UO_BACHDANG).await;
    let unit = app.unit("P-BACHDANG").await;
    let a = id(&new_person(&office, &unit.id).await);
    let r = officer
        .api_post(
            "/api/v1/initiatives",
            &body(&unit.id, &format!("Nhắc lịch {}", next_n()), &[(&a, "100")]),
        )
        .await;
    r.expect(201);
    let ini = id(&r.json());
    recognise(&office, &ini, "province").await;
    let (t1, t2) = (
        award(&office, &a, "LDTT", "21/QĐ-UBND").await,
        award(&office, &a, "GIAY_KHEN", "22/QĐ-UBND").await,
    );
    let path = format!("/api/v1/initiatives/{ini}/uses");
    let (b1, b2) = (use_body(&t1), use_body(&t2));
    let (r1, r2) = tokio::join!(office.api_post(&path, &b1), officer.api_post(&path, &b2));
    let codes = [r1.status.as_u16(), r2.status.as_u16()];
    assert!(
        codes.contains(&201) && codes.contains(&422),
        "{codes:?}: {} / {}",
        r1.text,
        r2.text
    );
    let refused: &Reply = if r1.status.as_u16() == 422 { &r1 } else { &r2 };
    assert!(
        refused
            .text
            .contains("Sáng kiến này đã được dùng làm căn cứ cho"),
        "{}",
        refused.text
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM initiative_uses WHERE initiative_id = '{ini}'"
        ))
        .await,
        1
    );
}

async fn pages_show_the_register_and_the_demo(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    // The demo's register: search without diacritics, filters, a recognised one used as a basis.
    let list = office.get("/initiatives?q=ma+qr&year=2024").await;
    list.expect(200)
        .contains("Ứng dụng mã QR tra cứu thủ tục hành chính");
    let id = app
        .scalar_text("SELECT id FROM initiatives WHERE name LIKE 'Ứng dụng mã QR%'")
        .await;
    office
        .get(&format!("/initiatives/{id}"))
        .await
        .expect(200)
        .contains("Cấp cơ sở")
        .contains("Đã dùng làm căn cứ cho Chiến sĩ thi đua cơ sở");
    office
        .get("/initiatives/sessions")
        .await
        .expect(200)
        .contains("05/BB-HĐSK")
        .contains("Ghi kết quả phiên họp");
    office
        .get("/")
        .await
        .expect(200)
        .contains("href=\"/initiatives\"");
    // Another unit's officer does not see Phường Bạch Đằng's initiatives.
    let vhtt = app.login(UO_VHTT).await;
    let r = vhtt.get("/initiatives?q=ma+qr").await;
    r.expect(200);
    assert!(!r.text.contains("Ứng dụng mã QR"));
    vhtt.get(&format!("/initiatives/{id}")).await.expect(404);
    // A page form registers one and redirects to it (303).
    let unit = app.unit("P-BACHDANG").await;
    let a = crate::initiatives::id(&new_person(&office, &unit.id).await);
    let officer = app.login(UO_BACHDANG).await;
    let r = officer
        .post_form(
            "/initiatives",
            &form(&unit.id, "Biểu mẫu trực tuyến", &a, "100"),
        )
        .await;
    r.expect(303);
}

// ---- The policy matrix's initiative routes (see `INITIATIVE_ROUTES` in policy.rs).

/// The target of an initiative route, made by the administrator in the target unit: `{initiative}`
/// proposed (with a file `{file}`), `{recognised}` recognised with an award of its author (`award`),
/// `pending` sent to the council, `{session}` the session that recognised `{recognised}`.
#[derive(Debug, Default)]
pub(crate) struct Fixture {
    pub initiative: String,
    pub version: String,
    pub file: String,
    pub recognised: String,
    pub award: String,
    pub pending: String,
    pub session: String,
    pub author: String,
}

impl Fixture {
    /// Builds what `route` needs in `unit_id`; returns it and the secret a refusal must not show (the
    /// initiative's name).
    pub(crate) async fn new(admin: &Session, unit_id: &str, route: &str) -> (Fixture, String) {
        let mut f = Fixture::default();
        let author = id(&new_person(admin, unit_id).await);
        let name = format!("Sáng kiến bí mật {}", next_n());
        let r = admin
            .api_post(
                "/api/v1/initiatives",
                &body(unit_id, &name, &[(&author, "100")]),
            )
            .await;
        r.expect(201);
        f.initiative = id(&r.json());
        f.version = "1".into();
        f.author = author.clone();
        if route.contains("{file}") {
            let path = format!("/initiatives/{}/files", f.initiative);
            admin
                .upload(&path, "mo-ta.pdf", b"%PDF-1.4\n%demo\n".to_vec())
                .await
                .expect(303);
        }
        if route.contains("{recognised}") || route.contains("{session}") {
            f.recognised = f.initiative.clone();
            f.session = recognise(admin, &f.recognised, "base").await;
            f.award = award(admin, &author, "LDTT", &format!("{}/QĐ-UBND", next_n())).await;
        }
        if route.contains("/sessions") && route.starts_with("POST") {
            admin
                .api_post(
                    &format!("/api/v1/initiatives/{}/send-to-council", f.initiative),
                    &json!({}),
                )
                .await
                .expect(200);
            f.pending = f.initiative.clone();
        }
        if route.contains("{file}") {
            let r = admin
                .api_get(&format!("/api/v1/initiatives/{}", f.initiative))
                .await;
            f.file = r.json()["files"][0]["id"]
                .as_str()
                .unwrap_or_default()
                .to_string();
        }
        (f, name)
    }

    /// Fills the route's placeholders.
    pub(crate) fn fill(&self, path: &str) -> String {
        path.replace("{initiative}", &self.initiative)
            .replace("{recognised}", &self.recognised)
            .replace("{session}", &self.session)
            .replace("{file}", &self.file)
    }
}

/// Sends a changing request of an initiative route as `s`; `unit_id` is the target unit.
pub(crate) async fn perform(
    s: &Session,
    route: &str,
    path: &str,
    f: &Fixture,
    unit_id: &str,
) -> Reply {
    let name = format!("Sáng kiến mới {}", next_n());
    let session = json!({"held_on": day(0), "minutes_no": format!("{}/BB", next_n()), "members_present": "Lê Minh Tuấn", "results": [{"initiative_id": f.pending, "outcome": "base"}]});
    match route {
        "POST /initiatives" => {
            s.post_form(path, &form(unit_id, &name, &f.author, "100"))
                .await
        }
        "POST /initiatives/{initiative}" => {
            let mut fields = form(unit_id, &name, &f.author, "100");
            fields.push(("version", &f.version));
            s.post_form(path, &fields).await
        }
        "POST /initiatives/{initiative}/withdraw" | "POST /initiatives/{initiative}/send" => {
            s.post_form(path, &[("version", &f.version)]).await
        }
        "POST /initiatives/{initiative}/files" => {
            s.upload(path, "ban-mo-ta.pdf", b"%PDF-1.4\n%x\n".to_vec())
                .await
        }
        "POST /initiatives/{recognised}/use" => {
            s.post_form(path, &[("target", &format!("award:{}", f.award))])
                .await
        }
        "POST /initiatives/sessions" => {
            let outcome = format!("outcome_{}", f.pending);
            s.post_form(
                path,
                &[
                    ("held_on", &day(0)),
                    ("minutes_no", "7/BB"),
                    ("members_present", "Lê Minh Tuấn"),
                    (outcome.as_str(), "base"),
                ],
            )
            .await
        }
        "POST /api/v1/initiatives" => {
            s.api_post(path, &body(unit_id, &name, &[(&f.author, "100")]))
                .await
        }
        "PUT /api/v1/initiatives/{initiative}" => {
            let mut b = body(unit_id, &name, &[(&f.author, "100")]);
            b["version"] = json!(1);
            s.api_put(path, &b).await
        }
        "POST /api/v1/initiatives/{initiative}/withdraw"
        | "POST /api/v1/initiatives/{initiative}/send-to-council" => {
            s.api_post(path, &json!({"version": 1})).await
        }
        "POST /api/v1/initiatives/{recognised}/uses" => s.api_post(path, &use_body(&f.award)).await,
        "POST /api/v1/initiatives/sessions" => s.api_post(path, &session).await,
        other => panic!("no request for {other}"),
    }
}

//! Council meetings over the API: schedule, agenda, open, votes (secret and open), conflicts of
//! interest, paper ballots and written opinions, quorum, thresholds on all members, quota ranking,
//! minutes; refusals save nothing.

use crate::common::{
    ADMIN, CHAIRMAN, COUNCIL, DEMO_PASSWORD, Engine, STANDING, Session, TestApp, UO_BACHDANG,
    VIEWER, next_n,
};
use crate::on_both_engines;
use serde_json::{Value, json};
use thidua_store::nominations::{self, NominationRow};

on_both_engines!(
    meeting_full_cycle,
    quorum_failure_refuses_closing,
    quota_overflow_ranks_by_votes,
    campaign_quota_limits_the_unit,
    quota_ties_go_to_the_direct_worker_then_women_then_the_earlier_submission,
    meeting_pages
);

/// An accepted nomination of a demo person for catalog `code`, straight through the store.
pub async fn accepted_nomination(app: &TestApp, code: &str) -> String {
    accepted_nominations(app, code, 1).await.remove(0)
}

/// `n` accepted nominations in one transaction.
pub async fn accepted_nominations(app: &TestApp, code: &str, n: usize) -> Vec<String> {
    let person = app.person_in("P-BACHDANG").await;
    let mut tx = app.db.begin().await.unwrap();
    let mut ids = Vec::new();
    for _ in 0..n {
        let row = nomination_row(app, code, &person);
        nominations::insert(&mut tx, &row).await.unwrap();
        ids.push(row.id);
    }
    tx.commit().await.unwrap();
    ids
}

/// An accepted nomination of `person` (nominated by the person's unit) for `code`, not yet stored.
pub fn nomination_row(
    app: &TestApp,
    code: &str,
    person: &thidua_store::persons::PersonRow,
) -> NominationRow {
    let now = thidua_store::ids::now();
    let mut row = NominationRow {
        id: thidua_store::ids::new_id(),
        org_id: app.org_id.clone(),
        campaign_id: None,
        theme_id: None,
        nominating_unit_id: person.unit_id.clone(),
        nominee_type: "person".into(),
        person_id: Some(person.id.clone()),
        unit_id: None,
        household_name: None,
        code: code.into(),
        original_code: None,
        kind: "merit".into(),
        procedure: "standard".into(),
        year: 2025,
        achievement: format!("Hoàn thành xuất sắc nhiệm vụ năm 2025 ({})", next_n()),
        achievement_key: None,
        justification: None,
        status: "accepted".into(),
        route_unit_id: None,
        round: 1,
        submitted_at: Some("2025-05-02T02:00:00.000Z".into()),
        checks_json: None,
        confidential: false,
        search_text: String::new(),
        created_by: None,
        version: 1,
        created_at: now.clone(),
        updated_at: now,
    };
    row.search_text = row.make_search_text(&person.full_name);
    row
}

/// A new council member user (created by the administrator), signed in.
pub async fn council_member(app: &TestApp, admin: &Session) -> (String, Session) {
    let username = format!("thanhvien{}", next_n());
    let r = admin.api_post("/api/v1/users", &json!({"username": username, "full_name": format!("Ủy viên Hội đồng {username}"), "role": "council_member", "password": DEMO_PASSWORD})).await;
    r.expect(201);
    (
        r.json()["id"].as_str().unwrap().to_string(),
        app.login(&username).await,
    )
}

pub async fn schedule(
    office: &Session,
    total: i64,
    members: &[&str],
    secret: bool,
    nominations: &[String],
) -> Value {
    let body = json!({"title": format!("Phiên họp xét khen thưởng {}", next_n()), "held_on": "15/12/2025", "place": "Phòng họp số 1", "total_members": total, "secret_ballot": secret, "chair_name": "Nguyễn Văn Chủ", "secretary_name": "Trần Thị Thư", "member_ids": members});
    let r = office.api_post("/api/v1/meetings", &body).await;
    r.expect(201);
    let id = r.json()["meeting"]["id"].as_str().unwrap().to_string();
    let r = office
        .api_post(
            &format!("/api/v1/meetings/{id}/agenda"),
            &json!({"nomination_ids": nominations}),
        )
        .await;
    r.expect(200);
    let v = r.json();
    let r = office
        .api_post(
            &format!("/api/v1/meetings/{id}/open"),
            &json!({"version": v["meeting"]["version"]}),
        )
        .await;
    r.expect(200);
    r.json()
}

fn item(view: &Value, k: usize) -> String {
    view["items"][k]["id"].as_str().unwrap().to_string()
}

async fn vote(s: &Session, meeting: &str, item: &str, choice: &str) -> crate::common::Reply {
    s.api_post(
        &format!("/api/v1/meetings/{meeting}/votes"),
        &json!({"item_id": item, "choice": choice}),
    )
    .await
}

async fn status_of(app: &TestApp, nomination: &str) -> String {
    app.scalar_text(&format!(
        "SELECT status FROM nominations WHERE id = '{nomination}'"
    ))
    .await
}

async fn meeting_full_cycle(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.login(ADMIN).await;
    let office = app.login(STANDING).await;
    let m1 = app.login(COUNCIL).await;
    let m2 = app.login(CHAIRMAN).await;
    let (id3, m3) = council_member(&app, &admin).await;
    let (id4, m4) = council_member(&app, &admin).await;
    let (id5, m5) = council_member(&app, &admin).await;
    let (u1, u2) = (app.user_id(COUNCIL).await, app.user_id(CHAIRMAN).await);
    let noms = vec![
        accepted_nomination(&app, "CSTDCS").await,
        accepted_nomination(&app, "LDTT").await,
        accepted_nomination(&app, "CSTDCS").await,
    ];
    let v = schedule(&office, 5, &[&u1, &u2, &id3, &id4, &id5], true, &noms).await;
    let mid = v["meeting"]["id"].as_str().unwrap().to_string();
    assert_eq!(v["meeting"]["status_label"], "Đang bỏ phiếu");
    assert_eq!(v["items"].as_array().unwrap().len(), 3);
    assert_eq!(
        v["items"][0]["vote_rule"],
        "≥ 80 % tổng số thành viên Hội đồng đồng ý"
    );
    assert_eq!(status_of(&app, &noms[0]).await, "on_agenda");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM notifications WHERE link = '/meetings/{mid}'"
        ))
        .await,
        5
    );
    let (a, b, c) = (item(&v, 0), item(&v, 1), item(&v, 2));

    // m4 declares a conflict on A; A: 3 agree online + 1 written agree = 4/5 = 80 % → passes.
    m4.api_post(
        &format!("/api/v1/meetings/{mid}/conflicts"),
        &json!({"item_id": a, "reason": "Người được đề nghị là người thân"}),
    )
    .await
    .expect(204);
    for s in [&m1, &m2, &m3] {
        vote(s, &mid, &a, "agree").await.expect(204);
    }
    // B (majority): 2 agree online + 1 written = 3/5 → passes. C (80 %): 3 agree + 1 written disagree = 60 % → fails.
    for (s, ch) in [
        (&m1, "agree"),
        (&m2, "agree"),
        (&m3, "disagree"),
        (&m4, "abstain"),
    ] {
        vote(s, &mid, &b, ch).await.expect(204);
    }
    for (s, ch) in [
        (&m1, "agree"),
        (&m2, "agree"),
        (&m3, "agree"),
        (&m4, "disagree"),
    ] {
        vote(s, &mid, &c, ch).await.expect(204);
    }

    // Refusals change nothing.
    let outsiders = [
        app.login(VIEWER).await,
        app.login(UO_BACHDANG).await,
        app.login(STANDING).await,
    ];
    let audit = app.audit_rows().await;
    let r = vote(&m1, &mid, &a, "disagree").await;
    r.expect(400);
    assert!(
        r.json()["message"]
            .as_str()
            .unwrap()
            .contains("chỉ biểu quyết một lần"),
        "{}",
        r.text
    );
    let r = vote(&m4, &mid, &a, "agree").await;
    r.expect(400);
    assert!(
        r.json()["message"]
            .as_str()
            .unwrap()
            .contains("xung đột lợi ích"),
        "{}",
        r.text
    );
    for s in &outsiders {
        vote(s, &mid, &a, "agree").await.expect(403);
    }
    vote(&m1, &mid, &a, "maybe").await.expect(422);
    office
        .api_post(
            &format!("/api/v1/meetings/{mid}/paper"),
            &json!({"items": [{"item_id": a, "agree": 3, "disagree": 0, "abstain": 0}]}),
        )
        .await
        .expect(422);
    office
        .api_post(
            &format!("/api/v1/meetings/{mid}/paper"),
            &json!({"written": [u1]}),
        )
        .await
        .expect(422);
    assert_eq!(app.audit_rows().await, audit);

    // Secret ballot: who voted is stored without the choice, the choices without the voter.
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM ballots_cast b JOIN agenda_items i ON i.id = b.agenda_item_id WHERE i.meeting_id = '{mid}'")).await, 11);
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM ballots_cast b JOIN agenda_items i ON i.id = b.agenda_item_id WHERE i.meeting_id = '{mid}' AND b.choice IS NOT NULL")).await, 0);
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM ballot_choices c JOIN agenda_items i ON i.id = c.agenda_item_id WHERE i.meeting_id = '{mid}'")).await, 11);

    // The secretary records m5's written opinion and its paper ballots.
    let paper = json!({"written": [id5], "items": [{"item_id": a, "agree": 1, "disagree": 0, "abstain": 0}, {"item_id": b, "agree": 1, "disagree": 0, "abstain": 0}, {"item_id": c, "agree": 0, "disagree": 1, "abstain": 0}]});
    let r = office
        .api_post(&format!("/api/v1/meetings/{mid}/paper"), &paper)
        .await;
    r.expect(200);
    let v = r.json();
    vote(&m5, &mid, &a, "agree").await.expect(400);

    let r = office
        .api_post(
            &format!("/api/v1/meetings/{mid}/close"),
            &json!({"version": v["meeting"]["version"]}),
        )
        .await;
    r.expect(200);
    let v = r.json();
    assert_eq!(v["meeting"]["status_label"], "Đã kết thúc");
    let results: Vec<(&str, i64)> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["result_label"].as_str().unwrap(),
                i["agree"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        results,
        vec![("Thông qua", 4), ("Thông qua", 3), ("Không thông qua", 3)]
    );
    assert_eq!(v["items"][0]["conflicts"].as_array().unwrap().len(), 1);
    assert_eq!(status_of(&app, &noms[0]).await, "passed");
    assert_eq!(status_of(&app, &noms[1]).await, "passed");
    assert_eq!(status_of(&app, &noms[2]).await, "failed");
    let minutes = office
        .api_get(&format!("/api/v1/meetings/{mid}/minutes"))
        .await;
    minutes.expect(200);
    let text = minutes.json()["text"].as_str().unwrap().to_string();
    for needle in [
        "BIÊN BẢN HỌP XÉT KHEN THƯỞNG",
        "ngày 15/12/2025",
        "Phòng họp số 1",
        "Chủ trì: Nguyễn Văn Chủ",
        "Thư ký: Trần Thị Thư",
        "bỏ phiếu kín",
        "vắng mặt có ý kiến bằng văn bản: 1",
        "đồng ý 4/5 (80,0 %)",
        "KHÔNG THÔNG QUA",
        "xung đột lợi ích",
        "2/3 hồ sơ được thông qua",
    ] {
        assert!(text.contains(needle), "minutes lack {needle:?}:\n{text}");
    }
    // Closed: no more votes, no second close.
    vote(&m5, &mid, &b, "agree").await.expect(400);
    office
        .api_post(
            &format!("/api/v1/meetings/{mid}/close"),
            &json!({"version": v["meeting"]["version"]}),
        )
        .await
        .expect(400);
    // A viewer does not see meetings.
    outsiders[0]
        .api_get(&format!("/api/v1/meetings/{mid}"))
        .await
        .expect(403);
}

async fn quorum_failure_refuses_closing(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let m1 = app.login(COUNCIL).await;
    let u1 = app.user_id(COUNCIL).await;
    let noms = vec![accepted_nomination(&app, "LDTT").await];
    let v = schedule(&office, 5, &[&u1], true, &noms).await;
    let mid = v["meeting"]["id"].as_str().unwrap().to_string();
    // The same ballot sent four times at once: one is counted, the others are refused (never a 500).
    let it = item(&v, 0);
    let (r1, r2, r3, r4) = tokio::join!(
        vote(&m1, &mid, &it, "agree"),
        vote(&m1, &mid, &it, "agree"),
        vote(&m1, &mid, &it, "agree"),
        vote(&m1, &mid, &it, "agree")
    );
    let mut codes: Vec<u16> = [r1, r2, r3, r4].iter().map(|r| r.status.as_u16()).collect();
    codes.sort_unstable();
    assert_eq!(codes, vec![204, 400, 400, 400]);
    let version = office
        .api_get(&format!("/api/v1/meetings/{mid}"))
        .await
        .json()["meeting"]["version"]
        .clone();
    let audit = app.audit_rows().await;
    let r = office
        .api_post(
            &format!("/api/v1/meetings/{mid}/close"),
            &json!({"version": version}),
        )
        .await;
    r.expect(400);
    assert!(
        r.json()["message"].as_str().unwrap().contains("1/5"),
        "{}",
        r.text
    );
    assert_eq!(app.audit_rows().await, audit);
    assert_eq!(status_of(&app, &noms[0]).await, "on_agenda");
    assert_eq!(
        app.scalar_text(&format!("SELECT status FROM meetings WHERE id = '{mid}'"))
            .await,
        "open"
    );
    // Three members without an account present in person make the quorum (4/5); a stale version is a 409.
    office
        .api_post(
            &format!("/api/v1/meetings/{mid}/paper"),
            &json!({"others_present": 3}),
        )
        .await
        .expect(200);
    office
        .api_post(
            &format!("/api/v1/meetings/{mid}/close"),
            &json!({"version": version}),
        )
        .await
        .expect(409);
    let version = office
        .api_get(&format!("/api/v1/meetings/{mid}"))
        .await
        .json()["meeting"]["version"]
        .clone();
    office
        .api_post(
            &format!("/api/v1/meetings/{mid}/close"),
            &json!({"version": version}),
        )
        .await
        .expect(200);
    // 1 agree of 5 members: not a majority of all members.
    assert_eq!(status_of(&app, &noms[0]).await, "failed");
}

async fn quota_overflow_ranks_by_votes(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.login(ADMIN).await;
    let office = app.login(STANDING).await;
    let m1 = app.login(COUNCIL).await;
    let m2 = app.login(CHAIRMAN).await;
    let (id3, m3) = council_member(&app, &admin).await;
    let (u1, u2) = (app.user_id(COUNCIL).await, app.user_id(CHAIRMAN).await);
    let noms = vec![
        accepted_nomination(&app, "LDTT").await,
        accepted_nomination(&app, "LDTT").await,
        accepted_nomination(&app, "LDTT").await,
    ];
    for (n, sent) in [
        (&noms[0], "2025-11-02T08:00:00.000Z"),
        (&noms[2], "2025-11-20T08:00:00.000Z"),
    ] {
        exec(
            &app,
            &format!("UPDATE nominations SET submitted_at = '{sent}' WHERE id = '{n}'"),
        )
        .await;
    }
    // Removing an item while scheduled sends its nomination back to accepted.
    let body = json!({"title": "Phiên họp có chỉ tiêu", "held_on": "2025-12-20", "total_members": 3, "secret_ballot": false, "member_ids": [u1, u2, id3]});
    let r = office.api_post("/api/v1/meetings", &body).await;
    r.expect(201);
    let mid = r.json()["meeting"]["id"].as_str().unwrap().to_string();
    let extra = accepted_nomination(&app, "LDTT").await;
    let mut all = noms.clone();
    all.insert(1, extra.clone());
    let v = office
        .api_post(
            &format!("/api/v1/meetings/{mid}/agenda"),
            &json!({"nomination_ids": all}),
        )
        .await;
    v.expect(200);
    let audit = app.audit_rows().await;
    office
        .api_post(
            &format!("/api/v1/meetings/{mid}/agenda"),
            &json!({"nomination_ids": [extra]}),
        )
        .await
        .expect(400);
    m1.api_post(
        &format!("/api/v1/meetings/{mid}/agenda"),
        &json!({"nomination_ids": [noms[0]]}),
    )
    .await
    .expect(403);
    assert_eq!(app.audit_rows().await, audit);
    let removed = item(&v.json(), 1);
    let r = office
        .api(
            reqwest::Method::DELETE,
            &format!("/api/v1/meetings/{mid}/agenda/{removed}"),
            None,
        )
        .await;
    r.expect(200);
    assert_eq!(status_of(&app, &extra).await, "accepted");
    let version = r.json()["meeting"]["version"].clone();
    let v = office
        .api_post(
            &format!("/api/v1/meetings/{mid}/open"),
            &json!({"version": version}),
        )
        .await;
    v.expect(200);
    let v = v.json();
    // Agree votes: item 1 → 2, item 2 → 3, item 3 → 2: all pass the majority; the cap of 2 keeps item 2
    // (most votes) and item 1 (tie with item 3, the same person, sent to the office earlier).
    let votes = [
        [("agree", &m1), ("agree", &m2), ("disagree", &m3)],
        [("agree", &m1), ("agree", &m2), ("agree", &m3)],
        [("agree", &m1), ("agree", &m2), ("abstain", &m3)],
    ];
    for (k, row) in votes.iter().enumerate() {
        for (ch, s) in row {
            vote(s, &mid, &item(&v, k), ch).await.expect(204);
        }
    }
    // Open ballot: the choice is stored with the voter.
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM ballots_cast b JOIN agenda_items i ON i.id = b.agenda_item_id WHERE i.meeting_id = '{mid}' AND b.choice IS NOT NULL")).await, 9);
    let version = office
        .api_get(&format!("/api/v1/meetings/{mid}"))
        .await
        .json()["meeting"]["version"]
        .clone();
    let r = office
        .api_post(
            &format!("/api/v1/meetings/{mid}/close"),
            &json!({"version": version, "quota_cap": 2}),
        )
        .await;
    r.expect(200);
    let v = r.json();
    let results: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["result_label"].as_str().unwrap())
        .collect();
    assert_eq!(results, vec!["Thông qua", "Thông qua", "Không thông qua"]);
    let note = v["items"][2]["note"].as_str().unwrap();
    assert_eq!(
        note,
        "Vượt chỉ tiêu khen thưởng (của phiên họp: tối đa 2 hồ sơ): xếp thứ 3/3 theo số phiếu đồng ý (2 phiếu), chỉ tiêu còn 2 suất; bằng số phiếu, hồ sơ gửi Thường trực Hội đồng muộn hơn."
    );
    assert_eq!(status_of(&app, &noms[2]).await, "failed");
    let minutes = v["minutes"].as_str().unwrap();
    assert!(minutes.contains("biểu quyết công khai"));
    assert!(
        minutes.contains(&format!(
            "Đạt ngưỡng biểu quyết nhưng không được thông qua. {note}"
        )),
        "{minutes}"
    );
    assert!(minutes.contains("bằng số phiếu thì ưu tiên cá nhân trực tiếp lao động, sản xuất, công tác, rồi nữ hoặc tập thể có từ 70% nữ trở lên, rồi hồ sơ gửi Thường trực Hội đồng sớm hơn"), "{minutes}");
}

async fn exec(app: &TestApp, sql: &str) {
    let sql = sqlx::AssertSqlSafe(sql.to_string());
    match &app.db {
        thidua_store::Db::Sqlite(p) => sqlx::query(sql)
            .execute(&p.write)
            .await
            .map(|_| ())
            .unwrap(),
        thidua_store::Db::Postgres(p) => sqlx::query(sql).execute(p).await.map(|_| ()).unwrap(),
    }
}

/// A plan's quota of one individual for the nominating ward: of two reaching items of that ward in the
/// campaign, only the one with more agree votes passes; an item outside the campaign is not limited.
async fn campaign_quota_limits_the_unit(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.login(ADMIN).await;
    let office = app.login(STANDING).await;
    let m1 = app.login(COUNCIL).await;
    let m2 = app.login(CHAIRMAN).await;
    let (id3, m3) = council_member(&app, &admin).await;
    let (u1, u2) = (app.user_id(COUNCIL).await, app.user_id(CHAIRMAN).await);
    let ward = app.person_in("P-BACHDANG").await.unit_id;
    let plan = crate::campaigns_api::make_plan(
        &office,
        "Phong trào thi đua có chỉ tiêu khen thưởng",
        std::slice::from_ref(&ward),
    )
    .await;
    let cid = plan["id"].as_str().unwrap().to_string();
    office
        .api_post(
            &format!("/api/v1/campaigns/{cid}/quotas"),
            &json!({"who": "Phường Bạch Đằng", "unit_id": ward, "individuals_max": 1}),
        )
        .await
        .expect(201);
    let noms = accepted_nominations(&app, "LDTT", 3).await;
    for n in &noms[..2] {
        exec(
            &app,
            &format!("UPDATE nominations SET campaign_id = '{cid}' WHERE id = '{n}'"),
        )
        .await;
    }
    let v = schedule(&office, 3, &[&u1, &u2, &id3], true, &noms).await;
    let mid = v["meeting"]["id"].as_str().unwrap().to_string();
    // Item 1: 2 agree; item 2: 3 agree; item 3 (no campaign): 2 agree. All reach the majority.
    let votes = [
        [("agree", &m1), ("agree", &m2), ("disagree", &m3)],
        [("agree", &m1), ("agree", &m2), ("agree", &m3)],
        [("agree", &m1), ("agree", &m2), ("abstain", &m3)],
    ];
    for (k, row) in votes.iter().enumerate() {
        for (ch, s) in row {
            vote(s, &mid, &item(&v, k), ch).await.expect(204);
        }
    }
    let version = office
        .api_get(&format!("/api/v1/meetings/{mid}"))
        .await
        .json()["meeting"]["version"]
        .clone();
    let r = office
        .api_post(
            &format!("/api/v1/meetings/{mid}/close"),
            &json!({"version": version}),
        )
        .await;
    r.expect(200);
    let results: Vec<String> = r.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["result_label"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(results, vec!["Không thông qua", "Thông qua", "Thông qua"]);
    let note = "Vượt chỉ tiêu khen thưởng (Phường Bạch Đằng: tối đa 1 cá nhân): xếp thứ 2/2 theo số phiếu đồng ý (2 phiếu), chỉ tiêu còn 1 suất, dành cho các hồ sơ nhiều phiếu đồng ý hơn.";
    assert_eq!(r.json()["items"][0]["note"], note);
    assert!(r.json()["minutes"].as_str().unwrap().contains(note));
}

/// Two people of Bạch Đằng and two of its residential groups nominated in a campaign whose plan
/// allows the ward one individual and one collective, every item with the same votes: the person who
/// works directly passes though later on the agenda and sent later; between the groups (units carry
/// no size) the one sent to the office earlier passes. The notes, minutes and page say why.
async fn quota_ties_go_to_the_direct_worker_then_women_then_the_earlier_submission(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.login(ADMIN).await;
    let office = app.login(STANDING).await;
    let m1 = app.login(COUNCIL).await;
    let m2 = app.login(CHAIRMAN).await;
    let (id3, m3) = council_member(&app, &admin).await;
    let (u1, u2) = (app.user_id(COUNCIL).await, app.user_id(CHAIRMAN).await);
    let ward = app.unit("P-BACHDANG").await;
    let plan = crate::campaigns_api::make_plan(
        &office,
        "Phong trào thi đua có chỉ tiêu, xét ưu tiên",
        std::slice::from_ref(&ward.id),
    )
    .await;
    let cid = plan["id"].as_str().unwrap().to_string();
    office.api_post(&format!("/api/v1/campaigns/{cid}/quotas"), &json!({"who": "Phường Bạch Đằng", "unit_id": ward.id, "individuals_max": 1, "collectives_max": 1})).await.expect(201);
    let mut tx = app.db.begin().await.unwrap();
    let filter = thidua_store::persons::PersonFilter {
        scope: Some(ward.path.clone()),
        ..Default::default()
    };
    let people = thidua_store::persons::list(&mut tx, &app.org_id, &filter, 2, 0)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(people.len(), 2);
    let (office_worker, direct) = (
        app.person(&people[0].id).await,
        app.person(&people[1].id).await,
    );
    exec(
        &app,
        &format!(
            "UPDATE persons SET direct_worker = FALSE WHERE id = '{}'",
            office_worker.id
        ),
    )
    .await;
    exec(
        &app,
        &format!(
            "UPDATE persons SET direct_worker = TRUE WHERE id = '{}'",
            direct.id
        ),
    )
    .await;
    // Group 1's people are all women, everyone else in the ward a man (ND 152 Điều 4(6) tie-break).
    let tdp1 = app.unit("P-BACHDANG-TDP1").await;
    for (gender, path) in [("male", &ward.path), ("female", &tdp1.path)] {
        exec(
            &app,
            &format!("UPDATE persons SET gender = '{gender}' WHERE unit_path LIKE '{path}%'"),
        )
        .await;
    }
    let (early, late) = ("2025-11-02T08:00:00.000Z", "2025-11-20T08:00:00.000Z");
    let mut rows = Vec::new();
    // Agenda: the person not working directly first (sent early), then the direct worker (sent late).
    for (p, sent) in [(&office_worker, early), (&direct, late)] {
        let mut r = nomination_row(&app, "LDTT", p);
        r.nominating_unit_id = ward.id.clone();
        r.submitted_at = Some(sent.into());
        rows.push(r);
    }
    // Then group 1 (sent late, all women), then group 2 (sent early).
    for (code, sent) in [("P-BACHDANG-TDP1", late), ("P-BACHDANG-TDP2", early)] {
        let g = app.unit(code).await;
        let mut r = nomination_row(&app, "TTLDTT", &office_worker);
        (r.nominee_type, r.person_id, r.unit_id, r.nominating_unit_id) =
            ("unit".into(), None, Some(g.id.clone()), ward.id.clone());
        r.search_text = r.make_search_text(&g.name);
        r.submitted_at = Some(sent.into());
        rows.push(r);
    }
    let mut tx = app.db.begin().await.unwrap();
    for r in &mut rows {
        r.campaign_id = Some(cid.clone());
        nominations::insert(&mut tx, r).await.unwrap();
    }
    tx.commit().await.unwrap();
    let noms: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let v = schedule(&office, 3, &[&u1, &u2, &id3], true, &noms).await;
    let mid = v["meeting"]["id"].as_str().unwrap().to_string();
    for k in 0..4 {
        for s in [&m1, &m2, &m3] {
            vote(s, &mid, &item(&v, k), "agree").await.expect(204);
        }
    }
    let version = office
        .api_get(&format!("/api/v1/meetings/{mid}"))
        .await
        .json()["meeting"]["version"]
        .clone();
    let r = office
        .api_post(
            &format!("/api/v1/meetings/{mid}/close"),
            &json!({"version": version}),
        )
        .await;
    r.expect(200);
    let v = r.json();
    let results: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["result_label"].as_str().unwrap())
        .collect();
    assert_eq!(
        results,
        vec![
            "Không thông qua",
            "Thông qua",
            "Thông qua",
            "Không thông qua"
        ]
    );
    let person_note = "Vượt chỉ tiêu khen thưởng (Phường Bạch Đằng: tối đa 1 cá nhân): xếp thứ 2/2 theo số phiếu đồng ý (3 phiếu), chỉ tiêu còn 1 suất; bằng số phiếu, xếp sau cá nhân trực tiếp lao động, sản xuất, công tác.";
    let group_note = "Vượt chỉ tiêu khen thưởng (Phường Bạch Đằng: tối đa 1 tập thể): xếp thứ 2/2 theo số phiếu đồng ý (3 phiếu), chỉ tiêu còn 1 suất; bằng số phiếu, xếp sau nữ hoặc tập thể có từ 70% nữ trở lên (Điều 4 khoản 6 Nghị định 152/2025/NĐ-CP).";
    assert_eq!(v["items"][0]["note"], person_note);
    assert_eq!(v["items"][3]["note"], group_note);
    assert!(
        v["items"][1]["note"].is_null() && v["items"][2]["note"].is_null(),
        "{v}"
    );
    for (k, status) in [(0, "failed"), (1, "passed"), (2, "passed"), (3, "failed")] {
        assert_eq!(status_of(&app, &noms[k]).await, status);
    }
    let minutes = v["minutes"].as_str().unwrap();
    assert!(
        minutes.contains(person_note) && minutes.contains(group_note),
        "{minutes}"
    );
    assert!(minutes.contains("Khi số hồ sơ đạt ngưỡng vượt chỉ tiêu khen thưởng, các hồ sơ đạt ngưỡng được xếp theo số phiếu đồng ý; bằng số phiếu thì ưu tiên cá nhân trực tiếp"), "{minutes}");
    office
        .get(&format!("/meetings/{mid}"))
        .await
        .expect(200)
        .contains(person_note)
        .contains(group_note);
}

async fn meeting_pages(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let member = app.login(COUNCIL).await;
    let viewer = app.login(VIEWER).await;
    let u1 = app.user_id(COUNCIL).await;
    let nom = accepted_nomination(&app, "LDTT").await;
    office
        .get("/")
        .await
        .expect(200)
        .contains("Phiên họp Hội đồng");
    assert!(!viewer.get("/").await.text.contains("href=\"/meetings\""));
    viewer.get("/meetings").await.expect(403);
    office
        .get("/meetings/new")
        .await
        .expect(200)
        .contains("Lên lịch phiên họp Hội đồng");
    let r = office
        .post_form(
            "/meetings",
            &[
                ("title", ""),
                ("held_on", "15/12/2025"),
                ("total_members", "1"),
                ("ballot", "secret"),
            ],
        )
        .await;
    r.expect(422).contains("Tên phiên họp");
    let r = office
        .post_form(
            "/meetings",
            &[
                ("title", "Họp xét khen thưởng quý IV"),
                ("held_on", "15/12/2025"),
                ("place", "Hội trường"),
                ("total_members", "1"),
                ("ballot", "secret"),
                ("member_ids", &u1),
            ],
        )
        .await;
    r.expect(303);
    let mid = r
        .location()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .trim_start_matches("/meetings/")
        .to_string();
    office
        .get(&format!("/meetings/{mid}"))
        .await
        .expect(200)
        .contains("Thêm hồ sơ đã thẩm định")
        .contains(&nom);
    office
        .post_form(
            &format!("/meetings/{mid}/agenda"),
            &[("nomination_ids", &nom)],
        )
        .await
        .expect(303);
    let version = office
        .api_get(&format!("/api/v1/meetings/{mid}"))
        .await
        .json()["meeting"]["version"]
        .to_string();
    office
        .post_form(&format!("/meetings/{mid}/open"), &[("version", &version)])
        .await
        .expect(303);
    let page = member.get(&format!("/meetings/{mid}")).await;
    page.expect(200)
        .contains("Gửi biểu quyết")
        .contains("Khai báo xung đột lợi ích");
    let item = office
        .api_get(&format!("/api/v1/meetings/{mid}"))
        .await
        .json()["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    member
        .post_form(
            &format!("/meetings/{mid}/vote"),
            &[("item_id", &item), ("choice", "agree")],
        )
        .await
        .expect(303);
    member
        .get(&format!("/meetings/{mid}"))
        .await
        .expect(200)
        .contains("Đồng chí đã biểu quyết hồ sơ này.");
    // A second ballot (from a tab opened before voting) shows the meeting again, the reason at the item.
    member
        .post_form(
            &format!("/meetings/{mid}/vote"),
            &[("item_id", &item), ("choice", "agree")],
        )
        .await
        .expect(422)
        .contains("chỉ biểu quyết một lần")
        .contains(&format!("id=\"i-{item}\""))
        .contains("role=\"alert\"");
    office
        .get(&format!("/meetings/{mid}"))
        .await
        .expect(200)
        .contains("Phiếu giấy và ý kiến bằng văn bản");
    let version = office
        .api_get(&format!("/api/v1/meetings/{mid}"))
        .await
        .json()["meeting"]["version"]
        .to_string();
    let r = office
        .post_form(
            &format!("/meetings/{mid}/close"),
            &[("version", &version), ("quota_cap", "")],
        )
        .await;
    r.expect(303);
    assert!(
        r.location()
            .unwrap()
            .starts_with(&format!("/meetings/{mid}/minutes"))
    );
    member
        .get(&format!("/meetings/{mid}/minutes"))
        .await
        .expect(200)
        .contains("BIÊN BẢN HỌP XÉT KHEN THƯỞNG")
        .contains("Kết quả: THÔNG QUA")
        .contains("Hội trường");
    office
        .get("/meetings")
        .await
        .expect(200)
        .contains("Họp xét khen thưởng quý IV")
        .contains("Đã kết thúc");
    office
        .get("/audit?object_type=meeting")
        .await
        .expect(200)
        .contains("Kết thúc phiên họp, lập biên bản");
}

/// Measures closing a meeting of 300 items (not a check: run by hand with `--run-ignored only`).
async fn bench_close_300(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let (m1, m2) = (app.login(COUNCIL).await, app.login(CHAIRMAN).await);
    let (u1, u2) = (app.user_id(COUNCIL).await, app.user_id(CHAIRMAN).await);
    let mut noms = accepted_nominations(&app, "CSTDCS", 150).await;
    noms.extend(accepted_nominations(&app, "LDTT", 150).await);
    let v = schedule(&office, 5, &[&u1, &u2], true, &noms).await;
    let mid = v["meeting"]["id"].as_str().unwrap().to_string();
    for k in 0..300 {
        vote(&m1, &mid, &item(&v, k), "agree").await.expect(204);
        vote(
            &m2,
            &mid,
            &item(&v, k),
            if k % 3 == 0 { "disagree" } else { "agree" },
        )
        .await
        .expect(204);
    }
    let items: Vec<Value> = (0..300)
        .map(|k| json!({"item_id": item(&v, k), "agree": 2, "disagree": 1, "abstain": 0}))
        .collect();
    office
        .api_post(
            &format!("/api/v1/meetings/{mid}/paper"),
            &json!({"items": items, "others_present": 3}),
        )
        .await
        .expect(200);
    let version = office
        .api_get(&format!("/api/v1/meetings/{mid}"))
        .await
        .json()["meeting"]["version"]
        .clone();
    let t = std::time::Instant::now();
    let r = office
        .api_post(
            &format!("/api/v1/meetings/{mid}/close"),
            &json!({"version": version, "quota_cap": 200}),
        )
        .await;
    let elapsed = t.elapsed();
    r.expect(200);
    let passed = r.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["result"] == "passed")
        .count();
    println!(
        "BENCH close 300 items on {engine:?}: {} ms (HTTP round trip incl. reading the meeting back), {passed} passed",
        elapsed.as_millis()
    );
}

/// Measures appraising 500 submitted nominations at once through the list page's bulk accept, and the
/// list page that shows them (not a check: run by hand with `--run-ignored only`).
async fn bench_appraise_500(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let person = app.person_in("P-BACHDANG").await;
    let mut tx = app.db.begin().await.unwrap();
    let mut ids = Vec::new();
    for k in 0..500 {
        let mut row = nomination_row(&app, if k % 2 == 0 { "LDTT" } else { "CSTDCS" }, &person);
        row.status = "submitted".into();
        nominations::insert(&mut tx, &row).await.unwrap();
        ids.push(format!("{}:1", row.id));
    }
    tx.commit().await.unwrap();
    let t = std::time::Instant::now();
    office.get("/nominations?pending=1").await.expect(200);
    let list = t.elapsed();
    let mut fields: Vec<(&str, &str)> = ids.iter().map(|i| ("ids", i.as_str())).collect();
    fields.push(("action", "accept"));
    let t = std::time::Instant::now();
    office
        .post_form("/nominations/bulk", &fields)
        .await
        .expect(303);
    let appraise = t.elapsed();
    let accepted = app
        .count(&format!(
            "SELECT COUNT(*) FROM nominations WHERE status = 'accepted' AND org_id = '{}'",
            app.org_id
        ))
        .await;
    assert_eq!(accepted, 500, "every nomination accepted");
    println!(
        "BENCH appraise 500 on {engine:?}: list page {} ms, bulk accept {} ms ({accepted} accepted)",
        list.as_millis(),
        appraise.as_millis()
    );
}

mod bench {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "measurement, run by hand"]
    async fn appraise_500_sqlite() {
        super::bench_appraise_500(crate::common::Engine::Sqlite).await
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "measurement, run by hand"]
    async fn appraise_500_postgres() {
        super::bench_appraise_500(crate::common::Engine::Postgres).await
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "measurement, run by hand"]
    async fn close_300_sqlite() {
        super::bench_close_300(crate::common::Engine::Sqlite).await
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "measurement, run by hand"]
    async fn close_300_postgres() {
        super::bench_close_300(crate::common::Engine::Postgres).await
    }
}

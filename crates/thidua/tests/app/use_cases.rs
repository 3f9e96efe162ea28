//! The use cases called directly, without HTTP, as the demo, the CLI and background jobs call them:
//! the award path (nominate → appraise → council meeting → decision) and a campaign's life, on SQLite
//! and PostgreSQL, with the refusals the policy and the rules give.

use crate::common::{Engine, TestApp};
use crate::on_both_engines;
use thidua::demo_city::{Nominee, nominate};
use thidua_app::{self as ops, Caller, Error};
use thidua_domain::campaign::parts::ThemeInput;
use thidua_domain::campaign::{CampaignInput, CampaignStatus};
use thidua_domain::date::vn;
use thidua_store::blobs::LocalDisk;

on_both_engines!(
    award_path_runs_through_the_use_cases,
    campaign_life_runs_through_the_use_cases
);

async fn caller(app: &TestApp, username: &str) -> Caller {
    Caller::of_username(&app.db, username)
        .await
        .unwrap_or_else(|e| panic!("caller {username}: {e}"))
}

/// A unit of the caller's organisation by code (the harness's `unit` reads the first organisation).
async fn unit_of(app: &TestApp, c: &Caller, code: &str) -> thidua_store::units::UnitRow {
    let mut tx = app.db.begin_read().await.unwrap();
    let u = thidua_store::units::get_by_code(&mut tx, c.org_id(), code)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no unit {code}"));
    tx.commit().await.unwrap();
    u
}

async fn version_of(app: &TestApp, c: &Caller, id: &str) -> i64 {
    ops::nominations::get(&app.db, c, id)
        .await
        .unwrap()
        .0
        .row
        .version
}

async fn award_path_runs_through_the_use_cases(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let db = &app.db;
    let blobs = LocalDisk::new(tempfile::tempdir().unwrap().keep());
    let officer = caller(&app, "hn.canbo.haibatrung").await;
    let office = caller(&app, "hn.thuongtruc").await;
    let chairman = caller(&app, "hn.chutich").await;
    let campaign = app
        .scalar_text("SELECT id FROM campaigns WHERE status = 'launched' AND title LIKE '%Tăng tốc, bứt phá%'")
        .await;
    let ward = unit_of(&app, &officer, "PHUONG-HBT").await;

    // Three residential groups nominated; the quota lets two through and refuses the third.
    let mut ids = Vec::new();
    for n in 1..=3 {
        let group = unit_of(&app, &officer, &format!("PHUONG-HBT-TDP{n}")).await;
        let what = format!("Tổ dân phố số {n}: hoàn thành xuất sắc nhiệm vụ trong Đợt thi đua");
        let (id, v) = nominate(
            db,
            &blobs,
            &officer,
            &ward,
            Nominee::Unit(&group),
            (&campaign, None),
            &what,
        )
        .await
        .unwrap();
        ids.push((id, v));
    }
    for (id, v) in &ids[..2] {
        ops::nominations::submit(db, &officer, id, *v)
            .await
            .unwrap();
    }
    let audit = app.audit_rows().await;
    let refused = ops::nominations::submit(db, &officer, &ids[2].0, ids[2].1)
        .await
        .unwrap_err();
    assert!(
        matches!(&refused, Error::Invalid(v) if v.to_string().contains("tối đa 02 tập thể")),
        "{refused}"
    );
    assert_eq!(
        app.audit_rows().await,
        audit,
        "a refused submission saves nothing"
    );

    // Appraisal, then the council: three members vote for both.
    let passed: Vec<String> = ids[..2].iter().map(|(id, _)| id.clone()).collect();
    for id in &passed {
        let v = version_of(&app, &office, id).await;
        ops::nominations::accept(db, &office, id, v, None, None)
            .await
            .unwrap();
    }
    let members = [
        caller(&app, "hn.hoidong").await,
        caller(&app, "hn.hoidong2").await,
        chairman.clone(),
    ];
    let today = ops::campaigns::today_vn();
    let input = ops::meetings::MeetingInput {
        title: "Phiên họp Hội đồng Thi đua - Khen thưởng Thành phố (đợt 2)".into(),
        held_on: vn(today),
        place: Some("Trụ sở Ủy ban nhân dân Thành phố".into()),
        total_members: 3,
        secret_ballot: Some(true),
        chair_name: Some("Nguyễn Đức Long".into()),
        secretary_name: Some("Vũ Thị Minh Thư".into()),
        member_ids: members.iter().map(|m| m.user.id.clone()).collect(),
    };
    let m = ops::meetings::create(db, &office, &input).await.unwrap();
    let items = ops::meetings::add_items(db, &office, &m.id, &passed)
        .await
        .unwrap();
    let meeting_version = |id: String| {
        let app = &app;
        async move {
            app.count(&format!("SELECT version FROM meetings WHERE id = '{id}'"))
                .await
        }
    };
    let m = ops::meetings::open(db, &office, &m.id, meeting_version(m.id.clone()).await)
        .await
        .unwrap();
    for member in &members {
        for item in &items {
            let ballot = ops::meetings::VoteInput {
                item_id: item.clone(),
                choice: "agree".into(),
            };
            ops::meetings::vote(db, member, &m.id, &ballot)
                .await
                .unwrap();
        }
    }
    let close = ops::meetings::close::CloseInput {
        version: meeting_version(m.id.clone()).await,
        quota_cap: None,
    };
    ops::meetings::close::close(db, &office, &m.id, &close)
        .await
        .unwrap();

    // Only the chairman decides; the decision numbers the golden book and counts the money.
    let decision = ops::decisions::DecisionInput {
        number: "1107/QĐ-UBND".into(),
        signed_on: vn(today),
        issuer: "Ủy ban nhân dân thành phố Hà Nội".into(),
        signer_title: "Chủ tịch".into(),
        signer_name: "Nguyễn Đức Long".into(),
        title: String::new(),
        place: "Hà Nội".into(),
        nomination_ids: passed.clone(),
    };
    let denied = ops::decisions::decide(db, &officer, &decision)
        .await
        .unwrap_err();
    assert!(matches!(denied, Error::Forbidden), "{denied}");
    let d = ops::decisions::decide(db, &chairman, &decision)
        .await
        .unwrap();
    let view = ops::decisions::read::get(db, &office, &d.id).await.unwrap();
    let numbers: Vec<i64> = view.lines.iter().map(|l| l.golden_book_no).collect();
    assert_eq!(numbers.len(), 2);
    assert_eq!(
        numbers[1],
        numbers[0] + 1,
        "consecutive golden-book numbers"
    );
    assert!(
        view.lines.iter().all(|l| l.amount == Some(7_020_000)),
        "{:?}",
        view.lines
    );
    for id in &passed {
        let n = ops::nominations::get(db, &office, id).await.unwrap().0;
        assert_eq!(n.row.status, "decided");
    }
}

async fn campaign_life_runs_through_the_use_cases(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let db = &app.db;
    let office = caller(&app, "thuongtruc").await;
    let viewer = caller(&app, "xem").await;
    let ward_officer = caller(&app, "canbo.bachdang").await;
    let today = ops::campaigns::today_vn();
    let end = today + time::Duration::days(60);
    let mut input = CampaignInput {
        number: "88/KH-UBND".into(),
        issued_on: vn(today),
        issuer: "Ủy ban nhân dân quận Hai Bà Trưng".into(),
        place: "Hai Bà Trưng".into(),
        title: "Phát động đợt thi đua cao điểm chào mừng Đại hội".into(),
        kind: "peak".into(),
        period_from: vn(today),
        period_to: vn(end),
        participant_ids: vec![app.unit("P-BACHDANG").await.id],
        ..Default::default()
    };

    // The policy first, then the input: a viewer is refused, a bad period names its field.
    let denied = ops::campaigns::create(db, &viewer, &input)
        .await
        .unwrap_err();
    assert!(matches!(denied, Error::Forbidden), "{denied}");
    input.period_to = "31/02/2027".into();
    let invalid = ops::campaigns::create(db, &office, &input)
        .await
        .unwrap_err();
    assert!(
        matches!(&invalid, Error::Invalid(v) if v.errors.iter().any(|e| e.field == "period_to")),
        "{invalid}"
    );
    input.period_to = vn(end);

    let c = ops::campaigns::create(db, &office, &input).await.unwrap();
    let theme = ThemeInput {
        title: "Cải cách hành chính, chuyển đổi số".into(),
        lead_unit_id: app.unit("P-VHTT").await.id,
        ..Default::default()
    };
    ops::campaign_parts::add_theme(db, &office, &c.id, &theme)
        .await
        .unwrap();
    let seen = |c: &Caller| {
        let c = c.clone();
        async move {
            ops::campaigns::list(db, &c, None, None, None)
                .await
                .unwrap()
                .into_iter()
                .any(|x| x.title == "Phát động đợt thi đua cao điểm chào mừng Đại hội")
        }
    };
    assert!(!seen(&ward_officer).await, "a draft is not shown to units");
    let version = app
        .count(&format!(
            "SELECT version FROM campaigns WHERE id = '{}'",
            c.id
        ))
        .await;
    let c = ops::campaigns::set_status(db, &office, &c.id, version, CampaignStatus::Launched)
        .await
        .unwrap();
    assert_eq!(c.status, "launched");
    assert!(
        seen(&ward_officer).await,
        "a launched campaign is shown to its units"
    );
    let plan = ops::campaigns::plan(db, &ward_officer, &c.id)
        .await
        .unwrap();
    assert_eq!(plan.themes.len(), 1);
}

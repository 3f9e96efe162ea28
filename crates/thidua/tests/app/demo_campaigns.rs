//! The demo's campaigns: the four seed plans with their real numbers and titles, the live yearly plan
//! with its quarterly exemplary models, and the units' work that makes the dashboards show something.

use crate::common::{Engine, STANDING, TestApp, UO_BACHDANG};
use crate::on_both_engines;
use thidua_app::Caller;
use thidua_app::campaign_views;
use thidua_domain::campaign::deadline::SubmissionStatus;
use thidua_domain::campaign::progress::ProgressStatus;
use thidua_store::campaigns::{self, CampaignFilter, CampaignRow};

on_both_engines!(demo_has_the_seed_plans_and_their_work);

async fn ctx_of(app: &TestApp, username: &str) -> Caller {
    let mut tx = app.db.begin().await.unwrap();
    let user = thidua_store::users::get_by_username(&mut tx, username)
        .await
        .unwrap()
        .unwrap();
    let ctx = Caller::of_user(&mut tx, user, None).await.unwrap().unwrap();
    tx.commit().await.unwrap();
    ctx
}

async fn demo_has_the_seed_plans_and_their_work(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut tx = app.db.begin().await.unwrap();
    let all = campaigns::list(
        &mut tx,
        &app.org_id,
        &CampaignFilter {
            include_drafts: true,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let find = |needle: &str| -> Vec<&CampaignRow> {
        all.iter()
            .filter(|c| c.title.contains(needle) || c.number.as_deref() == Some(needle))
            .collect()
    };

    // The three historic plans, as printed, closed.
    let quan11 = find("303/KH-UBND");
    assert_eq!(quan11.len(), 1, "{all:#?}");
    assert!(
        quan11[0]
            .title
            .starts_with("Thi đua cao điểm 60 ngày đêm “Quyết tâm tăng tốc, năng suất gấp đôi”")
    );
    assert_eq!(
        (
            quan11[0].period_from.as_str(),
            quan11[0].period_to.as_str(),
            quan11[0].kind.as_str()
        ),
        ("2024-11-01", "2024-12-31", "peak")
    );
    let go_vap = find("5531/KH-UBND");
    assert_eq!(go_vap.len(), 1);
    assert_eq!(
        go_vap[0].title,
        "Phát động phong trào thi đua nước rút, phấn đấu hoàn thành chỉ tiêu phát triển kinh tế - xã hội năm 2023 trên địa bàn quận Gò Vấp"
    );
    assert_eq!(go_vap[0].issuer, "Ủy ban nhân dân quận Gò Vấp");
    let hbt = find("lập thành tích chào mừng kỷ niệm 70 năm Ngày Giải phóng Thủ đô");
    assert_eq!(hbt.len(), 1);
    assert_eq!(hbt[0].kind, "thematic");
    for c in [quan11[0], go_vap[0], hbt[0]] {
        assert_eq!(c.status, "closed", "{}", c.title);
    }

    // Quận 7's yearly plan: the 2024 original, and this year's copy launched.
    let yearly = find(
        "Phát động phong trào thi đua yêu nước thực hiện thắng lợi các mục tiêu, nhiệm vụ phát triển kinh tế - xã hội năm",
    );
    assert!(
        yearly
            .iter()
            .any(|c| c.period_from == "2024-01-01" && c.issuer == "Ủy ban nhân dân Quận 7")
    );
    let live: Vec<&CampaignRow> = yearly
        .iter()
        .copied()
        .filter(|c| c.status == "launched")
        .collect();
    assert!(!live.is_empty(), "no launched yearly plan: {yearly:#?}");
    let this_year = thidua_app::campaigns::today_vn().year().to_string();
    assert!(
        live.iter().any(|c| c.period_from.starts_with(&this_year)),
        "this year's plan is not launched"
    );
    for c in &live {
        let mut tx = app.db.begin().await.unwrap();
        let deadlines = thidua_store::campaign_parts::deadlines(&mut tx, &c.id)
            .await
            .unwrap();
        let themes = thidua_store::campaign_parts::themes(&mut tx, &c.id)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let quarterly: Vec<_> = deadlines
            .iter()
            .filter(|d| d.kind == "exemplary_models")
            .collect();
        assert_eq!(quarterly.len(), 1, "one quarterly rule, not four deadlines");
        assert_eq!(quarterly[0].recurrence, "quarterly");
        assert!(quarterly[0].due_on.ends_with("-01-10"));
        assert!(deadlines.iter().any(|d| d.kind == "registration"
            && d.opens_on.as_deref().is_some_and(|o| o.ends_with("-03-30"))
            && d.due_on.ends_with("-04-15")));
        assert!(
            deadlines
                .iter()
                .any(|d| d.kind == "scoring" && d.unit_kind.as_deref() == Some("ward"))
        );
        assert_eq!(themes.len(), 14);
        assert!(
            themes
                .iter()
                .any(|t| t.lead_name.as_deref() == Some("Công an Quận"))
        );
        assert!(themes.iter().filter(|t| t.lead_unit_id.is_some()).count() >= 12);
    }

    // Seed 004's quotas and seed 002's award forms are stored.
    let mut tx = app.db.begin().await.unwrap();
    let quotas = campaigns::quotas(&mut tx, &hbt[0].id).await.unwrap();
    let forms = campaigns::award_forms(&mut tx, &quan11[0].id)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert!(quotas.iter().any(|q| q.unit_kind.as_deref() == Some("ward")
        && q.collectives_max == Some(2)
        && q.individuals_max == Some(4)));
    assert!(quotas.iter().any(|q| q.unit_kind.is_none()
        && q.collectives_max == Some(2)
        && q.individuals_max == Some(3)));
    assert_eq!(forms.len(), 3);
    assert!(
        forms[0]
            .criteria
            .as_deref()
            .is_some_and(|c| c.contains("giải ngân vốn từ 95% trở lên"))
    );

    for table in ["registrations", "progress_reports", "submissions", "pacts"] {
        assert!(
            app.count(&format!("SELECT COUNT(*) FROM {table}")).await > 0,
            "no {table}"
        );
    }

    // The standing office sees a colourful matrix; Phường Bạch Đằng has something late.
    let office = ctx_of(&app, STANDING).await;
    let mut counts = std::collections::BTreeMap::new();
    let mut statuses = std::collections::BTreeSet::new();
    for c in &live {
        let (_, m) = campaign_views::matrix(&app.db, &office, &c.id)
            .await
            .unwrap();
        for (k, n) in m.counts {
            *counts.entry(k).or_insert(0) += n;
        }
        let (_, board) = campaign_views::progress_board(&app.db, &office, &c.id)
            .await
            .unwrap();
        statuses.extend(
            board
                .iter()
                .flat_map(|t| t.rows.iter().map(|r| r.progress.status.code())),
        );
    }
    for state in [
        SubmissionStatus::OnTime,
        SubmissionStatus::Late,
        SubmissionStatus::Missing,
    ] {
        assert!(
            counts.get(state.code()).copied().unwrap_or(0) > 0,
            "no {} cell: {counts:?}",
            state.code()
        );
    }
    assert!(statuses.len() >= 3, "{statuses:?}");
    assert!(
        statuses.contains(ProgressStatus::NotReported.code())
            || statuses.contains(ProgressStatus::AtRisk.code()),
        "{statuses:?}"
    );
    let officer = ctx_of(&app, UO_BACHDANG).await;
    let scope = app.unit("P-BACHDANG").await.path;
    let (todo, _) = campaign_views::todo(&app.db, &officer, &scope, 45)
        .await
        .unwrap();
    assert!(
        todo.iter().any(|t| t.status == SubmissionStatus::Missing),
        "{todo:#?}"
    );
}

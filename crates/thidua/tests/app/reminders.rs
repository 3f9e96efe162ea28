//! Deadline reminders on both engines, with the time given: a unit that still owes what a deadline
//! asks for is reminded 7 days before (and told once it missed it), in the app and by e-mail to the
//! officer who gave an address; a unit that has sent is not; scheduling again, or on two nodes at
//! once, queues nothing twice; the officer's e-mail is set on the account page, a bad one refused.

use crate::campaigns_api::{launch, make_plan, today};
use crate::common::smtp_sink::SmtpSink;
use crate::common::{ADMIN, Engine, STANDING, TestApp, UO_BACHDANG};
use crate::on_both_engines;
use serde_json::json;
use std::sync::Arc;
use thidua_app::jobs::mail::{self, SmtpMailer};
use thidua_app::jobs::{Clock, Worker};
use thidua_app::mailing::MailHandler;
use thidua_app::reminders::{self, ReminderHandler};
use time::{Duration, OffsetDateTime};

on_both_engines!(reminders_reach_units_that_still_owe);

struct FixedClock(OffsetDateTime);

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        self.0
    }
}

async fn reminders_reach_units_that_still_owe(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    // No quiet hours, weekends or holidays: the mails leave at the clock's time, whenever this runs.
    app.login(ADMIN)
        .await
        .post_form(
            "/settings/mail/calendar",
            &[
                ("quiet_from", "0"),
                ("quiet_to", "0"),
                ("holidays", ""),
                ("version", "0"),
            ],
        )
        .await
        .expect(303);
    let office = app.login(STANDING).await;
    let officer = app.login(UO_BACHDANG).await;
    let (bd, vhtt) = (app.unit("P-BACHDANG").await.id, app.unit("P-VHTT").await.id);
    let n = crate::common::next_n();
    // A plan with a deadline due in 10 days and one 3 days ago, addressed to both units.
    let plan = launch(
        &office,
        &make_plan(
            &office,
            &format!("Kế hoạch nhắc hạn {n}"),
            &[bd.clone(), vhtt.clone()],
        )
        .await,
    )
    .await;
    let id = plan["id"].as_str().unwrap().to_string();
    let soon = plan["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["due_on"].as_str().unwrap_or("") > crate::campaigns_api::iso_day(0).as_str())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();

    // The officer's address: a bad one is named, a good one kept.
    let r = officer
        .post_form(
            "/account/contact",
            &[("email", "canbo bachdang@hbt"), ("mail_mode", "immediate")],
        )
        .await;
    r.expect(422);
    assert!(
        r.text
            .contains("Địa chỉ thư điện tử «canbo bachdang@hbt» không hợp lệ")
    );
    officer
        .post_form(
            "/account/contact",
            &[
                ("email", "CanBo.BachDang@hbt.example.vn"),
                ("mail_mode", "immediate"),
            ],
        )
        .await
        .expect(303);
    assert!(
        officer
            .get("/account")
            .await
            .text
            .contains("canbo.bachdang@hbt.example.vn")
    );

    // A plan launched now reaches the officer's bell and mailbox (a mail job in the launch's transaction).
    let other = make_plan(
        &office,
        &format!("Kế hoạch phát động {n}"),
        std::slice::from_ref(&bd),
    )
    .await;
    launch(&office, &other).await;
    let launched = format!("Kế hoạch mới đơn vị tham gia: Kế hoạch phát động {n}");
    let bell = officer.api_get("/api/v1/notifications").await.json();
    assert!(
        bell.as_array()
            .unwrap()
            .iter()
            .any(|x| x["text"] == launched.as_str()),
        "{bell}"
    );
    let queued = app.count(&format!("SELECT COUNT(*) FROM jobs WHERE kind = 'mail' AND payload LIKE '%canbo.bachdang@hbt.example.vn%' AND payload LIKE '%Kế hoạch phát động {n}%'")).await;
    assert_eq!(queued, 1);

    // VHTT sends what is due in 10 days; Bạch Đằng does not.
    office
        .api_post(
            &format!("/api/v1/campaigns/{id}/deadlines/{soon}/submissions"),
            &json!({"unit_id": vhtt, "document_number": "12/KH-VHTT"}),
        )
        .await
        .expect(201);

    // Three days from now the deadline is 7 days away: Bạch Đằng is reminded, VHTT is not.
    let at = OffsetDateTime::now_utc() + Duration::days(3);
    let ours = |unit: &str| {
        format!(
            "SELECT COUNT(*) FROM jobs WHERE kind = 'reminder' AND dedupe_key LIKE 'reminder:{soon}:%:{unit}:%'"
        )
    };
    let (a, b) = tokio::join!(
        reminders::schedule(&app.db, at),
        reminders::schedule(&app.db, at)
    );
    let first = a.unwrap() + b.unwrap();
    assert!(first > 0);
    assert_eq!(
        app.count(&ours(&bd)).await,
        1,
        "one reminder, however many schedulers ran"
    );
    assert_eq!(
        app.count(&ours(&vhtt)).await,
        0,
        "a unit that has sent is not reminded"
    );
    assert_eq!(
        reminders::schedule(&app.db, at).await.unwrap(),
        0,
        "scheduling again queues nothing"
    );

    // The worker delivers: a notice on the officer's bell and a mail to the address given.
    let sink = SmtpSink::start().await;
    let clock: Arc<dyn Clock> = Arc::new(FixedClock(at));
    let handler = ReminderHandler {
        db: app.db.clone(),
        clock: clock.clone(),
    };
    let smtp = SmtpMailer::new(&sink.url(), "Thi đua <thidua@hbt.example.vn>").unwrap();
    let mailer = MailHandler::new(app.db.clone(), "https://thidua.example.vn", Some(smtp));
    let worker = Worker::new(app.db.clone(), "node-1", clock)
        .handle(reminders::KIND, Arc::new(handler))
        .handle(mail::KIND, Arc::new(mailer));
    worker.run_due().await.unwrap();
    let notes = officer.api_get("/api/v1/notifications").await.json();
    let text = format!(
        "Nhắc hạn: còn 7 ngày đến hạn gửi «Kế hoạch triển khai của đơn vị» ({})",
        thidua_domain::date::vn(today() + Duration::days(10))
    );
    assert!(
        notes
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["text"].as_str().unwrap_or("").starts_with(&text)),
        "{text} not in {notes}"
    );
    let mails = sink.received();
    let ours: Vec<&String> = mails
        .iter()
        .filter(|m| m.contains("canbo.bachdang@hbt.example.vn"))
        .collect();
    assert!(
        !ours.is_empty(),
        "no mail to the officer among {}",
        mails.len()
    );
    assert!(ours.iter().all(|m| m.contains("Message-ID: <")));
    assert!(
        ours.len() >= 2,
        "the reminder and the launch notice: {}",
        ours.len()
    );
    let pending = app
        .count("SELECT COUNT(*) FROM jobs WHERE status NOT IN ('done')")
        .await;
    assert_eq!(pending, 0, "every reminder and mail done");
    let mail_jobs = app
        .count("SELECT COUNT(*) FROM jobs WHERE kind = 'mail'")
        .await;
    assert_eq!(mail_jobs as usize, mails.len(), "each mail job sent once");
}

//! E-mail beyond single reminders, on both engines with a local SMTP sink and the time given: a
//! forgotten password reset through a one-time link; the daily digest; the sending calendar holding
//! mail over a weekend and Tết; templates edited with a preview and used by the next mail; an
//! organisation's own SMTP server; the unit's head told when the unit stays late; security notices
//! when a password or an API key changes.

use crate::common::smtp_sink::{Mail, SmtpSink};
use crate::common::{ADMIN, Engine, STANDING, Session, TestApp, UO_BACHDANG};
use crate::on_both_engines;
use std::sync::Arc;
use thidua_app::jobs::mail::{self, SmtpMailer};
use thidua_app::jobs::{Clock, Worker};
use thidua_app::mailing::MailHandler;
use thidua_app::mailing::digest::{self, DigestHandler};
use thidua_app::reminders::{self, ReminderHandler};
use time::OffsetDateTime;
use time::macros::datetime;

on_both_engines!(
    a_forgotten_password_is_reset_by_a_link_used_once,
    digest_users_get_one_mail_a_morning,
    the_calendar_holds_mail_over_weekends_and_tet,
    an_edited_template_is_checked_previewed_and_used,
    an_organisation_sends_through_its_own_server,
    a_late_unit_head_is_told_and_security_changes_mailed
);

struct FixedClock(OffsetDateTime);

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        self.0
    }
}

/// Runs every due job at `at` with the server's handlers, mail through `sink` (the server's own SMTP
/// server) or, with `None`, only through the organisation's settings.
async fn run_jobs(app: &TestApp, sink: Option<&SmtpSink>, at: OffsetDateTime) {
    let clock: Arc<dyn Clock> = Arc::new(FixedClock(at));
    let fallback =
        sink.map(|s| SmtpMailer::new(&s.url(), "Thi đua <thidua@hbt.example.vn>").unwrap());
    let mailer = MailHandler::new(app.db.clone(), "https://thidua.example.vn", fallback);
    let reminder = ReminderHandler {
        db: app.db.clone(),
        clock: clock.clone(),
    };
    let digests = DigestHandler {
        db: app.db.clone(),
        clock: clock.clone(),
    };
    Worker::new(app.db.clone(), "test-node", clock)
        .handle(mail::KIND, Arc::new(mailer))
        .handle(reminders::KIND, Arc::new(reminder))
        .handle(digest::KIND, Arc::new(digests))
        .run_due()
        .await
        .unwrap();
}

/// A calendar that never holds mail, so a test's mail leaves at the time it runs.
async fn open_calendar(admin: &Session) {
    let page = admin.get("/settings/mail").await;
    let version = crate::common::hidden_value(&page.text, "version")
        .map(|_| calendar_version(&page.text))
        .unwrap_or_default();
    admin
        .post_form(
            "/settings/mail/calendar",
            &[
                ("quiet_from", "0"),
                ("quiet_to", "0"),
                ("holidays", ""),
                ("escalate_after_days", "5"),
                ("version", &version),
            ],
        )
        .await
        .expect(303);
}

fn calendar_version(html: &str) -> String {
    html.split_once("id=\"calendar-form\"")
        .and_then(|(_, r)| r.split_once("name=\"version\" value=\""))
        .and_then(|(_, r)| r.split_once('"'))
        .map(|(v, _)| v.to_string())
        .unwrap_or_default()
}

async fn set_address(s: &Session, email: &str, mode: &str) {
    s.post_form("/account/contact", &[("email", email), ("mail_mode", mode)])
        .await
        .expect(303);
}

/// A browser without a session, keeping cookies (the anonymous forms' token).
fn anonymous(app: &TestApp) -> Session {
    Session {
        base: app.url(""),
        client: app.client(),
        csrf: String::new(),
        username: String::new(),
        bearer: None,
        jar: None,
    }
}

fn to(mails: &[Mail], address: &str) -> Vec<Mail> {
    mails
        .iter()
        .filter(|m| m.to.contains(address))
        .cloned()
        .collect()
}

async fn forgot(anon: &Session, who: &str) -> crate::common::Reply {
    let page = anon.get("/password/forgot").await;
    page.expect(200);
    let csrf = crate::common::hidden_value(&page.text, "_csrf").unwrap();
    anon.post_form_raw("/password/forgot", &[("who", who), ("_csrf", &csrf)])
        .await
}

async fn a_forgotten_password_is_reset_by_a_link_used_once(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let officer = app.login(UO_BACHDANG).await;
    set_address(&officer, "lan.bachdang@hbt.example.vn", "off").await;
    let anon = anonymous(&app);
    // The same answer for an account, an unknown name and an address: nobody learns who exists.
    let sent = forgot(&anon, "CanBo.BachDang").await;
    sent.expect(200)
        .contains("Nếu «CanBo.BachDang» là tài khoản đang dùng");
    forgot(&anon, "khong.co.ai")
        .await
        .expect(200)
        .contains("Nếu «khong.co.ai» là tài khoản đang dùng");
    forgot(&anon, "")
        .await
        .expect(422)
        .contains("Hãy nhập tên đăng nhập hoặc địa chỉ thư điện tử");
    // Without the page's token the form is refused and nothing is sent.
    anon.post_form_raw("/password/forgot", &[("who", "canbo.bachdang")])
        .await
        .expect(400);
    assert_eq!(app.count("SELECT COUNT(*) FROM password_resets").await, 1);

    // The mail leaves at once (a security mail, whatever the calendar and the user's mode "off").
    let sink = SmtpSink::start().await;
    run_jobs(&app, Some(&sink), OffsetDateTime::now_utc()).await;
    let mails = to(&sink.mails(), "lan.bachdang@hbt.example.vn");
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(
        mails[0].subject,
        "Đặt lại mật khẩu tài khoản canbo.bachdang"
    );
    let link = mails[0]
        .body
        .split_whitespace()
        .find(|w| w.contains("/password/reset/"))
        .unwrap()
        .to_string();
    let path = link
        .trim_start_matches("https://thidua.example.vn")
        .to_string();
    assert!(path.starts_with("/password/reset/"), "{link}");
    assert!(
        !app.scalar_text("SELECT token_hash FROM password_resets")
            .await
            .contains(path.trim_start_matches("/password/reset/"))
    );

    // The page names the account; mismatched or short passwords are named, nothing changes.
    let page = anon.get(&path).await;
    page.expect(200).contains("canbo.bachdang");
    let csrf = crate::common::hidden_value(&page.text, "_csrf").unwrap();
    anon.post_form_raw(
        &path,
        &[
            ("password", "mot-mat-khau-moi"),
            ("again", "mot-mat-khau-khac"),
            ("_csrf", &csrf),
        ],
    )
    .await
    .expect(422)
    .contains("Hai lần nhập mật khẩu mới không giống nhau");
    anon.post_form_raw(
        &path,
        &[("password", "ngan"), ("again", "ngan"), ("_csrf", &csrf)],
    )
    .await
    .expect(422)
    .contains("ít nhất 10 ký tự");
    // Two tabs sending at the same instant: one sets it, the other finds the link spent.
    let first = [
        ("password", "mat-khau-moi-2026"),
        ("again", "mat-khau-moi-2026"),
        ("_csrf", csrf.as_str()),
    ];
    let second = [
        ("password", "mat-khau-moi-2027"),
        ("again", "mat-khau-moi-2027"),
        ("_csrf", csrf.as_str()),
    ];
    let (a, b) = tokio::join!(
        anon.post_form_raw(&path, &first),
        anon.post_form_raw(&path, &second)
    );
    let mut codes = [a.status.as_u16(), b.status.as_u16()];
    codes.sort();
    assert_eq!(codes, [303, 404], "{} / {}", a.text, b.text);
    let new_password = if a.status.as_u16() == 303 {
        "mat-khau-moi-2026"
    } else {
        "mat-khau-moi-2027"
    };
    anon.get(&path)
        .await
        .expect(404)
        .contains("đã được dùng hoặc đã hết hạn");

    // The old password no longer opens the account, the new one does; the old session ended.
    let client = app.client();
    let r = app
        .post_login(&client, UO_BACHDANG, crate::common::DEMO_PASSWORD)
        .await;
    assert_ne!(r.status().as_u16(), 303);
    let client = app.client();
    assert_eq!(
        app.post_login(&client, UO_BACHDANG, new_password)
            .await
            .status()
            .as_u16(),
        303
    );
    assert_ne!(officer.get("/account").await.status.as_u16(), 200);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.password_reset'")
            .await,
        1
    );

    // The user is told the password changed.
    run_jobs(&app, Some(&sink), OffsetDateTime::now_utc()).await;
    let told = to(&sink.mails(), "lan.bachdang@hbt.example.vn");
    assert!(
        told.iter()
            .any(|m| m.subject == "Mật khẩu tài khoản canbo.bachdang vừa được đổi"),
        "{told:?}"
    );

    // An expired link is dead too.
    forgot(&anon, "lan.bachdang@hbt.example.vn")
        .await
        .expect(200);
    app.exec("UPDATE password_resets SET expires_at = '2020-01-01T00:00:00.000000Z' WHERE used_at IS NULL").await;
    run_jobs(&app, Some(&sink), OffsetDateTime::now_utc()).await;
    let last = to(&sink.mails(), "lan.bachdang@hbt.example.vn")
        .into_iter()
        .rev()
        .find(|m| m.subject.starts_with("Đặt lại"))
        .unwrap();
    let expired = last
        .body
        .split_whitespace()
        .find(|w| w.contains("/password/reset/"))
        .unwrap();
    anon.get(expired.trim_start_matches("https://thidua.example.vn"))
        .await
        .expect(404);
}

async fn digest_users_get_one_mail_a_morning(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.login(ADMIN).await;
    open_calendar(&admin).await;
    let officer = app.login(UO_BACHDANG).await;
    set_address(&officer, "digest.bachdang@hbt.example.vn", "digest").await;
    assert!(
        officer
            .get("/account")
            .await
            .text
            .contains("value=\"digest\" selected")
    );
    let unit = app.unit("P-BACHDANG").await.id;
    // Two notices: kept for the digest, no mail queued for them.
    for text in [
        "Thông báo thứ nhất cho tổng hợp",
        "Thông báo thứ hai cho tổng hợp",
    ] {
        let mut tx = app.db.begin().await.unwrap();
        thidua_app::notices::notify(
            &mut tx,
            &app.org_id,
            thidua_store::notifications::Addressee::Unit(&unit),
            text,
            "/notifications",
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM jobs WHERE payload LIKE '%digest.bachdang%'")
            .await,
        0
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM mail_digest_items WHERE digest_job IS NULL")
            .await,
        2
    );
    // The morning's scheduler queues one digest, however often it runs.
    let morning = OffsetDateTime::now_utc();
    let (a, b) = tokio::join!(
        digest::schedule(&app.db, morning),
        digest::schedule(&app.db, morning)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    let sink = SmtpSink::start().await;
    run_jobs(&app, Some(&sink), morning).await;
    let mails = to(&sink.mails(), "digest.bachdang@hbt.example.vn");
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert!(
        mails[0]
            .subject
            .starts_with("Thi đua – Khen thưởng: 2 thông báo ngày"),
        "{}",
        mails[0].subject
    );
    assert!(
        mails[0].body.contains("1. Thông báo thứ nhất cho tổng hợp"),
        "{}",
        mails[0].body
    );
    assert!(mails[0].body.contains("2. Thông báo thứ hai cho tổng hợp"));
    assert!(
        mails[0]
            .body
            .contains("https://thidua.example.vn/notifications")
    );
    // Nothing waits any more; the same day queues no second digest.
    assert_eq!(digest::schedule(&app.db, morning).await.unwrap(), 0);
    run_jobs(&app, Some(&sink), morning).await;
    assert_eq!(to(&sink.mails(), "digest.bachdang@hbt.example.vn").len(), 1);
}

async fn the_calendar_holds_mail_over_weekends_and_tet(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.login(ADMIN).await;
    // A broken holiday line and an hour out of range are named; nothing is saved.
    let r = admin
        .post_form(
            "/settings/mail/calendar",
            &[
                ("quiet_from", "25"),
                ("quiet_to", "7"),
                ("holidays", "30/02/2026 Ngày không có"),
                ("version", "0"),
            ],
        )
        .await;
    r.expect(422)
        .contains("Giờ «25» không hợp lệ")
        .contains("Dòng 1: «30/02/2026» không phải một ngày");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM org_settings WHERE name = 'mail_calendar'")
            .await,
        0
    );
    admin.post_form("/settings/mail/calendar", &[("quiet_from", "21"), ("quiet_to", "7"), ("skip_weekends", "on"), ("holidays", "14/02/2026 Tết Nguyên đán\n16/02/2026 Tết Nguyên đán\n17/02/2026 Tết\n18/02/2026 Tết\n19/02/2026 Tết\n20/02/2026 Tết"), ("escalate_after_days", "5"), ("version", "0")]).await.expect(303);
    // A stale form is refused.
    admin
        .post_form(
            "/settings/mail/calendar",
            &[("quiet_from", "22"), ("quiet_to", "6"), ("version", "0")],
        )
        .await
        .expect(409);
    let officer = app.login(UO_BACHDANG).await;
    set_address(&officer, "lich.bachdang@hbt.example.vn", "immediate").await;
    let recipient = thidua_store::user_contacts::Recipient {
        user_id: app.user_id(UO_BACHDANG).await,
        full_name: "Cán bộ Bạch Đằng".into(),
        email: "lich.bachdang@hbt.example.vn".into(),
        mail_mode: "immediate".into(),
    };
    let letter = thidua_app::mailing::Letter {
        kind: "notice",
        vars: serde_json::json!({"text": "Thử lịch"}),
        link: "/",
        line: "Thử lịch",
        urgent: false,
    };
    // Saturday 5 Dec 2026, 10:00 in Hà Nội → Monday 07:00; Friday 13 Feb 2026, 22:00 → Monday 23 Feb 07:00;
    // a Thursday morning leaves at once.
    for (key, at, expected) in [
        (
            "sat",
            datetime!(2026-12-05 03:00 UTC),
            "2026-12-07T00:00:00",
        ),
        (
            "tet",
            datetime!(2026-02-13 15:00 UTC),
            "2026-02-23T00:00:00",
        ),
        (
            "thu",
            datetime!(2026-12-03 02:00 UTC),
            "2026-12-03T02:00:00",
        ),
    ] {
        let mut tx = app.db.begin().await.unwrap();
        thidua_app::mailing::post(
            &mut tx,
            &app.org_id,
            at,
            &recipient,
            &format!("calendar:{key}"),
            &letter,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let run_at = app
            .scalar_text(&format!(
                "SELECT run_at FROM jobs WHERE dedupe_key = 'calendar:{key}'"
            ))
            .await;
        assert!(run_at.starts_with(expected), "{key}: {run_at}");
    }
    // The worker at Saturday noon sends the two already due, and holds Saturday's until Monday.
    let sink = SmtpSink::start().await;
    let sent = || {
        to(&sink.mails(), "lich.bachdang@hbt.example.vn")
            .iter()
            .filter(|m| m.subject == "Thử lịch")
            .count()
    };
    run_jobs(&app, Some(&sink), datetime!(2026-12-05 05:00 UTC)).await;
    assert_eq!(sent(), 2);
    assert_eq!(
        app.scalar_text("SELECT status FROM jobs WHERE dedupe_key = 'calendar:sat'")
            .await,
        "queued"
    );
    run_jobs(&app, Some(&sink), datetime!(2026-12-07 00:30 UTC)).await;
    assert_eq!(sent(), 3);
}

async fn an_edited_template_is_checked_previewed_and_used(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.login(ADMIN).await;
    open_calendar(&admin).await;
    let page = "/settings/mail/templates/notice";
    admin
        .get(page)
        .await
        .expect(200)
        .contains("Thông báo (hồ sơ, kế hoạch, phiên họp…)")
        .contains("Hồ sơ đề nghị khen thưởng của Phường Bạch Đằng");
    // A misspelt variable and a broken tag are named with their line; nothing saved.
    admin
        .post_form(
            page,
            &[
                ("subject", "Việc mới: {{ txt }}"),
                ("body", "Kính gửi {{ name }}"),
                ("version", "0"),
            ],
        )
        .await
        .expect(422)
        .contains("dùng biến không có trong danh sách biến");
    admin
        .post_form(
            page,
            &[
                ("subject", "Việc mới"),
                ("body", "Dòng một\n{% if text %}chưa đóng"),
                ("version", "0"),
            ],
        )
        .await
        .expect(422)
        .contains("Dòng 2: viết sai cú pháp mẫu");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM org_settings WHERE name LIKE 'mail_template.%'")
            .await,
        0
    );
    // The preview renders the sample without saving.
    let body = "Kính gửi đồng chí {{ name }},\n{{ text }}\nMở: {{ link }}";
    admin
        .post_form(
            page,
            &[
                ("subject", "[TĐKT] {{ text }}"),
                ("body", body),
                ("version", "0"),
                ("preview", "1"),
            ],
        )
        .await
        .expect(200)
        .contains("[TĐKT] Hồ sơ đề nghị khen thưởng")
        .contains("Kính gửi đồng chí Nguyễn Thị Hoa");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM org_settings WHERE name LIKE 'mail_template.%'")
            .await,
        0
    );
    admin
        .post_form(
            page,
            &[
                ("subject", "[TĐKT] {{ text }}"),
                ("body", body),
                ("version", "0"),
            ],
        )
        .await
        .expect(303);
    assert!(admin.get("/settings/mail").await.text.contains("Đã sửa"));
    // The next notice's mail reads the new text, with the page's full address.
    let officer = app.login(UO_BACHDANG).await;
    set_address(&officer, "mau.bachdang@hbt.example.vn", "immediate").await;
    let unit = app.unit("P-BACHDANG").await.id;
    let mut tx = app.db.begin().await.unwrap();
    thidua_app::notices::notify(
        &mut tx,
        &app.org_id,
        thidua_store::notifications::Addressee::Unit(&unit),
        "Hồ sơ được trả lại",
        "/nominations",
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let sink = SmtpSink::start().await;
    run_jobs(&app, Some(&sink), OffsetDateTime::now_utc()).await;
    let mails = to(&sink.mails(), "mau.bachdang@hbt.example.vn");
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(mails[0].subject, "[TĐKT] Hồ sơ được trả lại");
    assert!(
        mails[0].body.starts_with("Kính gửi đồng chí "),
        "{}",
        mails[0].body
    );
    assert!(
        mails[0]
            .body
            .contains("Mở: https://thidua.example.vn/nominations")
    );
    // A unit officer may not edit templates.
    officer
        .post_form(page, &[("subject", "x"), ("body", "y"), ("version", "1")])
        .await
        .expect(403);
}

async fn an_organisation_sends_through_its_own_server(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.login(ADMIN).await;
    let sink = SmtpSink::start().await;
    // A test mail needs the administrator's address (the demo's is removed first).
    set_address(&admin, "", "immediate").await;
    admin
        .post_form("/settings/mail/test", &[])
        .await
        .expect(422)
        .contains("chưa có địa chỉ thư điện tử");
    set_address(&admin, "quantri@hbt.example.vn", "immediate").await;
    let bad = admin
        .post_form(
            "/settings/mail/smtp",
            &[
                ("host", "mail server"),
                ("port", "99999"),
                ("from_address", "thidua"),
                ("version", "0"),
            ],
        )
        .await;
    bad.expect(422)
        .contains("Hãy nhập tên máy chủ thư")
        .contains("Cổng «99999» không hợp lệ")
        .contains("Địa chỉ gửi «thidua» không hợp lệ");
    let port = sink.port.to_string();
    admin
        .post_form(
            "/settings/mail/smtp",
            &[
                ("host", "127.0.0.1"),
                ("port", &port),
                ("security", "none"),
                ("username", ""),
                ("password", ""),
                ("from_name", "Ban Thi đua phường"),
                ("from_address", "tdkt@hbt.example.vn"),
                ("version", "0"),
            ],
        )
        .await
        .expect(303);
    let page = admin.get("/settings/mail").await;
    page.expect(200).contains("value=\"127.0.0.1\"");
    admin
        .post_form("/settings/mail/test", &[])
        .await
        .expect(303);
    // No server-wide SMTP: the organisation's own carries the mail.
    run_jobs(&app, None, OffsetDateTime::now_utc()).await;
    let mails = to(&sink.mails(), "quantri@hbt.example.vn");
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert!(mails[0].subject.starts_with("Thư thử của hệ thống"));
    assert!(sink.received()[0].contains("tdkt@hbt.example.vn"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'mail_smtp.update'")
            .await,
        1
    );
}

async fn a_late_unit_head_is_told_and_security_changes_mailed(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.login(ADMIN).await;
    open_calendar(&admin).await;
    let office = app.login(STANDING).await;
    let officer = app.login(UO_BACHDANG).await;
    let (bd, vhtt) = (app.unit("P-BACHDANG").await.id, app.unit("P-VHTT").await.id);
    // The head is set on the unit's page; a bad address is named.
    officer
        .post_form(
            &format!("/units/{bd}/head"),
            &[("head_name", "Trần Văn Thủ"), ("head_email", "thu truong")],
        )
        .await
        .expect(422)
        .contains("Địa chỉ thư điện tử «thu truong» không hợp lệ");
    officer
        .post_form(
            &format!("/units/{bd}/head"),
            &[
                ("head_name", "Trần Văn Thủ"),
                ("head_email", "ThuTruong@hbt.example.vn"),
            ],
        )
        .await
        .expect(303);
    officer
        .get(&format!("/units/{bd}"))
        .await
        .contains("thutruong@hbt.example.vn");
    officer
        .post_form(
            &format!("/units/{vhtt}/head"),
            &[("head_name", "X"), ("head_email", "x@hbt.example.vn")],
        )
        .await
        .expect(404);
    // The demo's head of VHTT is removed (both fields empty).
    office
        .post_form(
            &format!("/units/{vhtt}/head"),
            &[("head_name", ""), ("head_email", "")],
        )
        .await
        .expect(303);
    // A plan with a deadline due 10 days ago that neither unit sent.
    let n = crate::common::next_n();
    let plan = crate::campaigns_api::make_plan(
        &office,
        &format!("Kế hoạch quá hạn {n}"),
        &[bd.clone(), vhtt.clone()],
    )
    .await;
    let plan = crate::campaigns_api::launch(&office, &plan).await;
    let deadline = plan["deadlines"][0].clone();
    let due = thidua_domain::date::parse(deadline["due_on"].as_str().unwrap()).unwrap();
    // Five days after the due date (the grace period): both units are told of it once more.
    let at = due.with_hms(3, 0, 0).unwrap().assume_utc() + time::Duration::days(5);
    reminders::schedule(&app.db, at).await.unwrap();
    let escalations = app.count(&format!("SELECT COUNT(*) FROM jobs WHERE kind = 'reminder' AND dedupe_key LIKE 'reminder:{}:%:-2'", deadline["id"].as_str().unwrap())).await;
    assert_eq!(escalations, 2, "one per late unit");
    let sink = SmtpSink::start().await;
    run_jobs(&app, Some(&sink), at).await;
    let head = to(&sink.mails(), "thutruong@hbt.example.vn");
    assert_eq!(head.len(), 1, "{head:?}");
    assert!(
        head[0]
            .subject
            .starts_with("Phường Bạch Đằng đã quá hạn 5 ngày gửi «"),
        "{}",
        head[0].subject
    );
    assert!(head[0].body.starts_with("Kính gửi Trần Văn Thủ,"));
    // Without a head on record (VHTT), the standing office hears of it on its bell.
    let bell = office.api_get("/api/v1/notifications").await.json();
    assert!(
        bell.to_string()
            .contains("Đã báo thủ trưởng đơn vị: Phòng Văn hóa"),
        "{bell}"
    );

    // Security notices: an API key created and revoked, a password changed by the administrator.
    set_address(&officer, "baomat.bachdang@hbt.example.vn", "off").await;
    officer
        .post_form("/account/tokens", &[("name", "Đồng bộ số liệu")])
        .await
        .expect(200);
    let token_id = app.scalar_text("SELECT t.id FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE u.username = 'canbo.bachdang' AND t.name = 'Đồng bộ số liệu'").await;
    officer
        .post_form(&format!("/account/tokens/{token_id}/revoke"), &[])
        .await
        .expect(303);
    // Changing one's own password: the current one is checked.
    officer
        .post_form(
            "/account/password",
            &[
                ("current", "sai-mat-khau-cu"),
                ("password", "mat-khau-rat-moi"),
                ("again", "mat-khau-rat-moi"),
            ],
        )
        .await
        .expect(422)
        .contains("Mật khẩu hiện tại không đúng");
    officer
        .post_form(
            "/account/password",
            &[
                ("current", crate::common::DEMO_PASSWORD),
                ("password", "mat-khau-rat-moi"),
                ("again", "mat-khau-rat-moi"),
            ],
        )
        .await
        .expect(303);
    run_jobs(&app, Some(&sink), OffsetDateTime::now_utc()).await;
    let mine = to(&sink.mails(), "baomat.bachdang@hbt.example.vn");
    let subjects: Vec<&str> = mine.iter().map(|m| m.subject.as_str()).collect();
    assert!(
        subjects.contains(&"Khóa API «Đồng bộ số liệu» của tài khoản canbo.bachdang vừa được tạo"),
        "{subjects:?}"
    );
    assert!(
        subjects
            .contains(&"Khóa API «Đồng bộ số liệu» của tài khoản canbo.bachdang vừa được thu hồi"),
        "{subjects:?}"
    );
    assert!(
        subjects.contains(&"Mật khẩu tài khoản canbo.bachdang vừa được đổi"),
        "{subjects:?}"
    );
}

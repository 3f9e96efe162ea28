//! The durable job queue on both engines, with time moved by hand: a job is queued once per dedupe
//! key, claimed by one worker only (two workers racing over 120 jobs run each exactly once), retried
//! with back-off, failed for good with its error, given back when its node dies; mail jobs reach a
//! local SMTP sink, and an SMTP outage delays them without losing any.

use crate::common::smtp_sink::SmtpSink;
use crate::common::{Engine, TestApp};
use crate::on_both_engines;
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use thidua_app::jobs::mail::{self, MailPayload, SmtpMailer};
use thidua_app::jobs::{self, Clock, Handler, JobError, JobFuture, NewJob, Outcome, Worker};
use thidua_store::jobs::JobRow;
use time::{Duration, OffsetDateTime};

on_both_engines!(
    queue_retries_and_fails_with_backoff,
    two_workers_never_run_a_job_twice,
    a_dead_nodes_job_is_given_back,
    mail_reaches_the_sink_through_an_outage,
);

/// A clock the test moves.
struct ManualClock(Mutex<OffsetDateTime>);

impl ManualClock {
    fn at(t: OffsetDateTime) -> Arc<Self> {
        Arc::new(ManualClock(Mutex::new(t)))
    }
    fn advance(&self, d: Duration) {
        *self.0.lock().unwrap() += d;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> OffsetDateTime {
        *self.0.lock().unwrap()
    }
}

/// Records the jobs it runs; fails each job's first `fail_first` attempts (transiently), and every
/// attempt of a payload `{"broken": true}` permanently.
#[derive(Default)]
struct Recorder {
    runs: Mutex<Vec<String>>,
    attempts: Mutex<HashMap<String, usize>>,
    fail_first: usize,
}

impl Handler for Recorder {
    fn run<'a>(&'a self, job: &'a JobRow) -> JobFuture<'a> {
        Box::pin(async move {
            if job.payload.contains("broken") {
                return Err(JobError::permanent("Nội dung hỏng"));
            }
            let n = {
                let mut a = self.attempts.lock().unwrap();
                let n = a.entry(job.id.clone()).or_default();
                *n += 1;
                *n
            };
            if n <= self.fail_first {
                return Err(JobError::transient(format!("Lần {n} chưa được")));
            }
            self.runs.lock().unwrap().push(job.id.clone());
            Ok(())
        })
    }
}

fn t0() -> OffsetDateTime {
    time::macros::datetime!(2026-03-02 01:00 UTC)
}

async fn enqueue(
    app: &TestApp,
    now: OffsetDateTime,
    key: &str,
    payload: serde_json::Value,
) -> bool {
    let job = NewJob {
        org_id: Some(app.org_id.clone()),
        kind: "test".into(),
        payload,
        dedupe_key: key.into(),
        run_at: now,
    };
    let mut tx = app.db.begin().await.unwrap();
    let queued = jobs::enqueue(&mut tx, now, &job).await.unwrap();
    tx.commit().await.unwrap();
    queued
}

async fn status_of(app: &TestApp, key: &str) -> (String, i64, Option<String>) {
    let sql = format!("SELECT status FROM jobs WHERE dedupe_key = '{key}'");
    let status = app.scalar_text(&sql).await;
    let attempts = app
        .count(&format!(
            "SELECT attempts FROM jobs WHERE dedupe_key = '{key}'"
        ))
        .await;
    let error = app
        .scalar_text(&format!(
            "SELECT COALESCE(last_error, '') FROM jobs WHERE dedupe_key = '{key}'"
        ))
        .await;
    (status, attempts, Some(error).filter(|e| !e.is_empty()))
}

async fn queue_retries_and_fails_with_backoff(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let clock = ManualClock::at(t0());
    let rec = Arc::new(Recorder {
        fail_first: 2,
        ..Default::default()
    });
    let worker = Worker::new(app.db.clone(), "node-a", clock.clone()).handle("test", rec.clone());
    assert!(enqueue(&app, t0(), "a", serde_json::json!({"n": 1})).await);
    assert!(
        !enqueue(&app, t0(), "a", serde_json::json!({"n": 1})).await,
        "same key, queued once"
    );
    assert!(
        enqueue(
            &app,
            t0() + Duration::hours(1),
            "later",
            serde_json::json!({})
        )
        .await
    );
    assert!(enqueue(&app, t0(), "broken", serde_json::json!({"broken": true})).await);

    // First pass: "a" fails (retry in a minute), "broken" fails for good, "later" is not due.
    assert_eq!(worker.run_due().await.unwrap(), 2);
    assert_eq!(
        status_of(&app, "a").await,
        ("queued".into(), 1, Some("Lần 1 chưa được".into()))
    );
    assert_eq!(
        status_of(&app, "broken").await,
        ("failed".into(), 1, Some("Nội dung hỏng".into()))
    );
    assert_eq!(
        worker.run_due().await.unwrap(),
        0,
        "nothing due before the back-off"
    );
    clock.advance(Duration::seconds(61));
    assert_eq!(worker.run_due().await.unwrap(), 1);
    assert_eq!(status_of(&app, "a").await.1, 2);
    clock.advance(Duration::minutes(4));
    assert_eq!(
        worker.run_due().await.unwrap(),
        0,
        "the second back-off is five minutes"
    );
    clock.advance(Duration::minutes(1));
    assert_eq!(worker.run_due().await.unwrap(), 1);
    assert_eq!(status_of(&app, "a").await.0, "done");
    // "later" comes due after its hour (and takes its own first failure).
    clock.advance(Duration::hours(1));
    assert_eq!(worker.run_due().await.unwrap(), 1);
    assert_eq!(
        status_of(&app, "later").await,
        ("queued".into(), 1, Some("Lần 1 chưa được".into()))
    );
    assert_eq!(rec.runs.lock().unwrap().len(), 1);

    // Attempts run out: failed for good with the last error.
    let stubborn = Arc::new(Recorder {
        fail_first: 100,
        ..Default::default()
    });
    let w = Worker::new(app.db.clone(), "node-b", clock.clone()).handle("test", stubborn);
    assert!(enqueue(&app, clock.now(), "stubborn", serde_json::json!({})).await);
    for _ in 0..jobs::MAX_ATTEMPTS {
        w.run_due().await.unwrap();
        clock.advance(Duration::hours(13));
    }
    let (status, attempts, error) = status_of(&app, "stubborn").await;
    assert_eq!((status.as_str(), attempts), ("failed", jobs::MAX_ATTEMPTS));
    assert!(error.unwrap().starts_with("Lần 8"));
}

async fn two_workers_never_run_a_job_twice(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let clock = ManualClock::at(t0());
    for i in 0..120 {
        enqueue(
            &app,
            t0(),
            &format!("race-{i}"),
            serde_json::json!({"i": i}),
        )
        .await;
    }
    let rec = Arc::new(Recorder::default());
    let a = Worker::new(app.db.clone(), "node-a", clock.clone()).handle("test", rec.clone());
    let b = Worker::new(app.db.clone(), "node-b", clock.clone()).handle("test", rec.clone());
    let (x, y) = tokio::join!(a.run_due(), b.run_due());
    assert_eq!(x.unwrap() + y.unwrap(), 120);
    let mut runs = rec.runs.lock().unwrap().clone();
    runs.sort();
    let before = runs.len();
    runs.dedup();
    assert_eq!(
        (before, runs.len()),
        (120, 120),
        "every job ran exactly once"
    );
    let done = app
        .count("SELECT COUNT(*) FROM jobs WHERE dedupe_key LIKE 'race-%' AND status = 'done'")
        .await;
    assert_eq!(done, 120);
}

async fn a_dead_nodes_job_is_given_back(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let clock = ManualClock::at(t0());
    enqueue(&app, t0(), "orphan", serde_json::json!({})).await;
    // A node claims the job and dies before finishing it (never records an outcome).
    let mut tx = app.db.begin().await.unwrap();
    let stamp = |t| thidua_store::ids::timestamp(t);
    let claimed = thidua_store::jobs::claim(
        &mut tx,
        "dead",
        &stamp(t0()),
        &stamp(t0() + Duration::minutes(5)),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert!(claimed.is_some());
    let rec = Arc::new(Recorder::default());
    let w = Worker::new(app.db.clone(), "alive", clock.clone()).handle("test", rec.clone());
    assert_eq!(w.run_due().await.unwrap(), 0, "the lease still holds");
    clock.advance(Duration::minutes(6));
    let (job, outcome) = w.run_one().await.unwrap().expect("given back");
    assert_eq!((job.attempts, outcome), (2, Outcome::Done));
    // The dead node, were it to wake up, no longer holds it.
    let mut tx = app.db.begin().await.unwrap();
    let held = thidua_store::jobs::finish(&mut tx, &job.id, "dead", &stamp(clock.now()))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert!(!held);
    assert_eq!(rec.runs.lock().unwrap().len(), 1);
}

async fn mail_reaches_the_sink_through_an_outage(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let sink = SmtpSink::start().await;
    let clock = ManualClock::at(t0());
    let mailer = SmtpMailer::new(
        &sink.url(),
        "Thường trực Hội đồng TĐKT <thiduakhenthuong@hbt.example.vn>",
    )
    .unwrap();
    let w =
        Worker::new(app.db.clone(), "mailer", clock.clone()).handle(mail::KIND, Arc::new(mailer));
    let payload = MailPayload {
        to: "canbo.bachdang@hbt.example.vn".into(),
        to_name: "Nguyễn Thị Lan".into(),
        subject: "Nhắc hạn: Báo cáo sơ kết phong trào thi đua (còn 3 ngày)".into(),
        body: "Kính gửi Phường Bạch Đằng,\nHạn gửi báo cáo sơ kết là ngày 15/06/2026.".into(),
        ..Default::default()
    };
    let mut tx = app.db.begin().await.unwrap();
    jobs::enqueue(
        &mut tx,
        t0(),
        &mail::job(
            Some(app.org_id.clone()),
            "mail:test:1".into(),
            &payload,
            t0(),
        ),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    // The server is down: the attempt is given back, nothing is lost.
    sink.down.store(true, Ordering::SeqCst);
    let (_, outcome) = w.run_one().await.unwrap().expect("a due mail");
    assert_eq!(outcome, Outcome::Retry);
    let (status, _, error) = status_of(&app, "mail:test:1").await;
    assert_eq!(status, "queued");
    assert!(error.unwrap().starts_with("Chưa gửi được thư"));
    assert!(sink.received().is_empty());

    // Back up: delivered once, with its Message-ID, recipient and Vietnamese text.
    sink.down.store(false, Ordering::SeqCst);
    clock.advance(Duration::minutes(2));
    assert_eq!(w.run_due().await.unwrap(), 1);
    let got = sink.received();
    assert_eq!(got.len(), 1);
    let m = &got[0];
    assert!(m.contains("canbo.bachdang@hbt.example.vn"), "{m}");
    assert!(m.contains("Message-ID: <"), "{m}");
    assert!(
        decoded_body(m).contains("Hạn gửi báo cáo sơ kết là ngày 15/06/2026."),
        "{m}"
    );
    assert_eq!(status_of(&app, "mail:test:1").await.0, "done");
}

/// The text of a single-part message, decoded from base64 or quoted-printable as lettre chose.
fn decoded_body(raw: &str) -> String {
    use base64::Engine as _;
    let (head, body) = raw.split_once("\n\n").unwrap_or((raw, ""));
    if head.contains("Content-Transfer-Encoding: base64") {
        let joined: String = body.lines().collect();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(joined.trim())
            .unwrap_or_default();
        return String::from_utf8_lossy(&bytes).into_owned();
    }
    let soft = body.replace("=\n", "");
    let mut out = Vec::new();
    let b = soft.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&soft[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

//! The job queue across real processes: two `thidua serve` nodes on one PostgreSQL database send 300
//! queued mails through a local SMTP sink; one node is killed with SIGKILL part-way and a third takes
//! its place. Every mail arrives (nothing lost), and no mail arrives twice — except, at most, the one
//! the killed node had handed to the server when it died, which is sent again under the same
//! Message-ID, so mail systems keep one copy.

use crate::binary::{Server, database_url};
use crate::common::smtp_sink::SmtpSink;
use crate::common::{Engine, TestApp};
use std::collections::HashMap;
use std::time::Duration;
use thidua_app::jobs::{self, mail};

const MAILS: usize = 300;

async fn queue_mails(app: &TestApp, tag: &str) {
    let now = time::OffsetDateTime::now_utc();
    let mut tx = app.db.begin().await.unwrap();
    for i in 0..MAILS {
        let payload = mail::MailPayload {
            to: format!("donvi{i}@tinh.example.vn"),
            to_name: format!("Đơn vị {i}"),
            subject: format!("Thư kiểm thử {tag} số {i}"),
            body: "Nội dung thư kiểm thử.".into(),
            ..Default::default()
        };
        let job = mail::job(
            Some(app.org_id.clone()),
            format!("{tag}:{i}"),
            &payload,
            now,
        );
        jobs::enqueue(&mut tx, now, &job).await.unwrap();
    }
    tx.commit().await.unwrap();
}

/// Message-ID → copies received, of this test's mails.
fn copies(sink: &SmtpSink, tag: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for m in sink
        .mails()
        .into_iter()
        .filter(|m| m.subject.starts_with(&format!("Thư kiểm thử {tag} ")))
    {
        *out.entry(m.message_id).or_insert(0) += 1;
    }
    out
}

async fn wait_for(sink: &SmtpSink, tag: &str, n: usize, within: Duration) {
    let start = std::time::Instant::now();
    while copies(sink, tag).len() < n && start.elapsed() < within {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nodes_send_each_mail_once_through_a_killed_node() {
    let app = TestApp::spawn(Engine::Postgres).await;
    let url = database_url(&app).await;
    let sink = SmtpSink::start().await;
    let tag = format!("k{}", crate::common::next_n());
    queue_mails(&app, &tag).await;
    let smtp = sink.url();
    let env = [
        ("THIDUA_SMTP_URL", smtp.as_str()),
        ("THIDUA_JOB_POLL_SECONDS", "1"),
        ("THIDUA_JOB_LEASE_SECONDS", "5"),
    ];
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let mut a = Server::start_with_env(&url, dirs[0].path(), &env).await;
    let _b = Server::start_with_env(&url, dirs[1].path(), &env).await;
    wait_for(&sink, &tag, MAILS / 3, Duration::from_secs(120)).await;
    let before_kill = copies(&sink, &tag).len();
    assert!(
        before_kill >= MAILS / 3,
        "only {before_kill} mails before the kill"
    );
    a.kill();
    let _c = Server::start_with_env(&url, dirs[2].path(), &env).await;
    wait_for(&sink, &tag, MAILS, Duration::from_secs(180)).await;
    let got = copies(&sink, &tag);
    assert_eq!(
        got.len(),
        MAILS,
        "every mail arrives (killed after {before_kill})"
    );
    let twice: Vec<_> = got.iter().filter(|(_, n)| **n > 1).collect();
    assert!(
        twice.len() <= 1 && twice.iter().all(|(_, n)| **n == 2),
        "sent twice: {twice:?}"
    );
    // The queue agrees: every job done once, none left running or failed.
    let done_sql =
        format!("SELECT COUNT(*) FROM jobs WHERE dedupe_key LIKE '{tag}:%' AND status = 'done'");
    let start = std::time::Instant::now();
    while (app.count(&done_sql).await as usize) < MAILS && start.elapsed() < Duration::from_secs(30)
    {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(app.count(&done_sql).await as usize, MAILS);
}

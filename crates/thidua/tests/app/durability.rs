//! An acknowledged write is never lost when the server process dies: the real `thidua serve` takes
//! 1,000 concurrent writes over HTTP, is killed with SIGKILL part-way, restarts on the same database,
//! and every write it answered 201 is there.
//!
//! Why it holds. A use case answers only after `command::write` has committed its transaction.
//! - SQLite (WAL, `synchronous = NORMAL`, set in `crates/store/src/db.rs`): a commit appends the
//!   transaction's pages and a commit frame to the `-wal` file with `write()` before `COMMIT` returns.
//!   The bytes are then in the operating system's page cache, which outlives the process: after a
//!   SIGKILL the next connection replays the WAL up to the last commit frame. So no setting needs to
//!   change for a process crash. It is not enough for a power loss or a kernel crash: with `NORMAL` the
//!   WAL is fsynced only at checkpoints, so the last commits before the power went can be lost (the file
//!   stays consistent). Surviving that needs `synchronous = FULL` (an fsync of the WAL per commit) and
//!   a disk that honours flushes — or PostgreSQL, which a province should run anyway (docs/deploy.md).
//! - PostgreSQL (`synchronous_commit = on`, `fsync = on`, its defaults): `COMMIT` returns after the
//!   commit record is flushed to disk by the PostgreSQL server, which the killed thidua process does not
//!   take down; that also survives a power loss of the database machine. With a streaming replica,
//!   `synchronous_standby_names` makes a commit wait for the replica too (survives losing the machine).
//!
//! Files (blobs) are written before the row that refers to them; they too are in the page cache when
//! the answer goes out, and likewise need an fsync to survive a power loss.

use crate::binary::{Server, database_url};
use crate::common::{ADMIN, Engine, TestApp};
use crate::on_both_engines;
use serde_json::{Value, json};
use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use thidua_store::Db;

on_both_engines!(acknowledged_writes_survive_a_killed_server);

const WRITES: usize = 1000;
const KILL_AFTER: usize = 400;
const IN_FLIGHT: usize = 16;

/// What the writers saw.
#[derive(Default)]
struct Tally {
    next: AtomicUsize,
    acknowledged: Mutex<Vec<String>>,
    acks: AtomicUsize,
    failed: AtomicUsize,
}

async fn acknowledged_writes_survive_a_killed_server(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.login(ADMIN).await;
    let token = admin.create_api_token("kiểm tra độ bền").await;
    let unit = app.unit("P-BACHDANG").await.id;
    let url = database_url(&app).await;
    let org = app.org_id.clone();
    let before = app.persons_count().await;
    // From here only the server process holds the database (on SQLite no connection of the test keeps
    // the WAL index alive across the kill).
    app.db.close().await;
    let data = tempfile::tempdir().expect("data dir");
    let mut server = Server::start(&url, data.path()).await;

    let (acknowledged, at_kill, failed) = write_and_kill(&mut server, &token, &unit).await;

    let restarted = Server::start(&url, data.path()).await;
    let db = Db::connect(&url).await.expect("reopen");
    let present = person_ids(&db, &org).await;
    let missing: Vec<&String> = acknowledged
        .iter()
        .filter(|id| !present.contains(*id))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged writes lost after the kill: {missing:?}",
        missing.len(),
        acknowledged.len()
    );
    let added = present.len() - usize::try_from(before).expect("count");
    assert!(added >= acknowledged.len());
    println!(
        "durability {engine:?}: {} writes acknowledged ({} when SIGKILL was sent), {} \
         refused or cut off by the kill, {} committed without an answer; all acknowledged present",
        acknowledged.len(),
        at_kill,
        failed,
        added - acknowledged.len()
    );
    // The restarted server serves the last ones answered before the kill.
    let client = reqwest::Client::new();
    for id in acknowledged.iter().rev().take(10) {
        let r = client
            .get(format!("{}/api/v1/people/{id}", restarted.base))
            .bearer_auth(&token)
            .send()
            .await
            .expect("GET person");
        assert_eq!(r.status().as_u16(), 200, "person {id} after restart");
    }
    db.close().await;
}

/// Fires `WRITES` creations, `IN_FLIGHT` at a time, and SIGKILLs the server once `KILL_AFTER` are
/// answered. Returns the ids answered, how many were answered when the kill was sent, and how many
/// writes failed.
async fn write_and_kill(
    server: &mut Server,
    token: &str,
    unit: &str,
) -> (Vec<String>, usize, usize) {
    let tally = Arc::new(Tally::default());
    let writers: Vec<_> = (0..IN_FLIGHT)
        .map(|_| {
            let (base, token, unit) = (server.base.clone(), token.to_string(), unit.to_string());
            tokio::spawn(write_people(base, token, unit, tally.clone()))
        })
        .collect();
    while tally.acks.load(Ordering::SeqCst) < KILL_AFTER {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let at_kill = tally.acks.load(Ordering::SeqCst);
    let status = server.kill();
    for w in writers {
        w.await.expect("writer");
    }
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(9), "the server was killed: {status}");
    let acknowledged = tally.acknowledged.lock().expect("tally").clone();
    (acknowledged, at_kill, tally.failed.load(Ordering::SeqCst))
}

/// Creates people until `WRITES` have been tried; an answer counts only when it is a 201 read to its
/// end with the new id (a cut connection or a refused one is not an acknowledgement).
async fn write_people(base: String, token: String, unit: String, tally: Arc<Tally>) {
    let client = reqwest::Client::new();
    loop {
        let i = tally.next.fetch_add(1, Ordering::SeqCst);
        if i >= WRITES {
            return;
        }
        let body = json!({"full_name": format!("Lê Văn Bền {}", letters(i)), "gender": "male", "kind": "cadre", "unit_id": unit});
        let sent = client
            .post(format!("{base}/api/v1/people"))
            .bearer_auth(&token)
            .json(&body)
            .timeout(Duration::from_secs(30))
            .send()
            .await;
        let answer = match sent {
            Ok(r) if r.status().as_u16() == 201 => r.json::<Value>().await.ok(),
            _ => None,
        };
        match answer.as_ref().and_then(|v| v["id"].as_str()) {
            Some(id) => {
                tally
                    .acknowledged
                    .lock()
                    .expect("tally")
                    .push(id.to_string());
                tally.acks.fetch_add(1, Ordering::SeqCst);
            }
            None => {
                tally.failed.fetch_add(1, Ordering::SeqCst);
            }
        }
    }
}

async fn person_ids(db: &Db, org: &str) -> HashSet<String> {
    let sql = "SELECT id FROM persons WHERE org_id = $1";
    let ids: Vec<String> = match db {
        Db::Sqlite(p) => sqlx::query_scalar(sql).bind(org).fetch_all(&p.read).await,
        Db::Postgres(p) => sqlx::query_scalar(sql).bind(org).fetch_all(p).await,
    }
    .expect("person ids");
    ids.into_iter().collect()
}

/// A number in letters (names hold no digits): 0 → «A», 27 → «Bb».
pub fn letters(mut n: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, (b'a' + (n % 26) as u8) as char);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

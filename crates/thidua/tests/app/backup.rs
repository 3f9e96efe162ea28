//! `thidua backup` taken by the real binary while a writer keeps writing, and `thidua restore` on a
//! fresh machine: the restored database has the manifest's rows table by table, a record and an
//! uploaded file read back through a server started on it; a target that holds data is refused.

use crate::award_path::{OFFICE, WARD_OFFICER, city_campaign, id_of_unit, sid};
use crate::binary::{Server, Target, backup, database_url, restore, run, stderr};
use crate::campaigns_api::{multipart, pdf, today};
use crate::common::{ADMIN, Engine, Session, TestApp};
use crate::durability::letters;
use crate::on_both_engines;
use serde_json::json;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use thidua::backup::Manifest;
use thidua_store::Db;
use thidua_web::Config;

on_both_engines!(
    backup_under_writes_restores_on_a_fresh_machine,
    restore_refuses_a_target_that_holds_data
);

/// The app with its blob store in `<data>/blobs` (where `thidua backup --data-dir` looks), holding the
/// demo's files too.
async fn spawn(engine: Engine, data: &Path) -> TestApp {
    let blobs = data.join("blobs");
    let demo = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("thidua-itest/demo-blobs");
    copy_tree(&demo, &blobs);
    let config = Config {
        blobs: std::sync::Arc::new(thidua_store::blobs::LocalDisk::new(blobs)),
        ..Config::default()
    };
    TestApp::spawn_with(engine, config).await
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).into_iter().flatten().flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).expect("copy blob");
        }
    }
}

/// A nomination of the city's live campaign with one uploaded document of unique bytes: its id, its
/// bytes, and an API token of the ward officer who may read it.
async fn upload_document(app: &TestApp) -> (String, Vec<u8>, String) {
    let office = app.login(OFFICE).await;
    let officer = app.login(WARD_OFFICER).await;
    let (campaign, _) = city_campaign(&office).await;
    let ward = id_of_unit(app, "PHUONG-HBT").await;
    let group = id_of_unit(app, "PHUONG-HBT-TDP1").await;
    let body = json!({"nominating_unit_id": ward, "nominee_type": "unit", "unit_id": group, "code": "BK_TINH", "kind": "campaign", "campaign_id": campaign,
                      "year": today().year(), "achievement": "Tổ dân phố văn minh, sạch đẹp", "achievement_key": format!("SAOLUU-{}", today().year())});
    let r = officer.api_post("/api/v1/nominations", &body).await;
    r.expect(201);
    let mut bytes = pdf();
    bytes.extend_from_slice(format!("% sao luu {}\n", uuid::Uuid::new_v4()).as_bytes());
    let r = multipart(
        &officer,
        &format!("/api/v1/nominations/{}/documents", sid(&r.json())),
        &[("doc_code", "to_trinh")],
        &[("to_trinh.pdf", bytes.clone())],
    )
    .await;
    r.expect(201);
    let token = officer.create_api_token("đọc hồ sơ").await;
    (sid(&r.json()[0]), bytes, token)
}

/// Creates people through the API until told to stop; returns the ids answered.
fn keep_writing(
    s: Session,
    unit: String,
    stop: Arc<AtomicBool>,
    acks: Arc<AtomicUsize>,
) -> tokio::task::JoinHandle<Vec<String>> {
    tokio::spawn(async move {
        let mut ids = Vec::new();
        while !stop.load(Ordering::SeqCst) {
            let body = json!({"full_name": format!("Phạm Thị Lưu {}", letters(ids.len())), "gender": "female", "kind": "cadre", "unit_id": unit});
            let r = s.api_post("/api/v1/people", &body).await;
            r.expect(201);
            ids.push(sid(&r.json()));
            acks.fetch_add(1, Ordering::SeqCst);
        }
        ids
    })
}

/// The manifest inside an archive (its first entry).
fn manifest_of(archive: &Path) -> Manifest {
    let file = std::fs::File::open(archive).expect("archive");
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut entries = tar.entries().expect("entries");
    let mut first = entries.next().expect("an entry").expect("entry");
    assert_eq!(first.path().expect("path"), Path::new("manifest.json"));
    let mut text = String::new();
    first.read_to_string(&mut text).expect("manifest");
    serde_json::from_str(&text).expect("manifest JSON")
}

/// Rows per table of the manifest's tables, counted straight in a database.
async fn counts(url: &str, tables: &BTreeMap<String, i64>) -> BTreeMap<String, i64> {
    let db = Db::connect(url).await.expect("open restored database");
    let mut out = BTreeMap::new();
    for table in tables.keys() {
        let sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM \"{table}\""));
        let n: i64 = match &db {
            Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(&p.read).await,
            Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await,
        }
        .unwrap_or_else(|e| panic!("count {table}: {e}"));
        out.insert(table.clone(), n);
    }
    db.close().await;
    out
}

fn blob_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|d| std::fs::read_dir(d.path()).map(|f| f.count()).unwrap_or(0))
        .sum()
}

/// What happened around a backup taken while a writer wrote.
struct Taken {
    archive: PathBuf,
    took: std::time::Duration,
    /// Writes answered while the backup ran.
    during: usize,
    /// Persons in the database just before and just after the backup.
    persons: (i64, i64),
    /// A person answered before the backup began, and one sent after it ended.
    known: String,
    late: String,
}

/// Runs `thidua backup` while a writer keeps creating people through the API.
async fn backup_while_writing(app: &TestApp, data: &Path, token: &str) -> Taken {
    let admin = app.login(ADMIN).await;
    let unit = app.unit("P-BACHDANG").await.id;
    let (stop, acks) = (
        Arc::new(AtomicBool::new(false)),
        Arc::new(AtomicUsize::new(0)),
    );
    let writer = keep_writing(admin.with_token(token), unit, stop.clone(), acks.clone());
    while acks.load(Ordering::SeqCst) < 5 {
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    let before = app.count("SELECT COUNT(*) FROM persons").await;
    let acks_before = acks.load(Ordering::SeqCst);
    let archive = data.join("sao-luu.tar.gz");
    let started = std::time::Instant::now();
    let out = backup(&archive, data, &database_url(app).await).await;
    let took = started.elapsed();
    assert!(out.status.success(), "backup failed: {}", stderr(&out));
    let during = acks.load(Ordering::SeqCst) - acks_before;
    let after = app.count("SELECT COUNT(*) FROM persons").await;
    // The write answered second after this point was sent after the backup ended (the writer waits
    // for each answer): the snapshot cannot hold it.
    let n = acks.load(Ordering::SeqCst);
    while acks.load(Ordering::SeqCst) < n + 2 {
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    stop.store(true, Ordering::SeqCst);
    let ids = writer.await.expect("writer");
    Taken {
        archive,
        took,
        during,
        persons: (before, after),
        known: ids[0].clone(),
        late: ids[n + 1].clone(),
    }
}

/// The manifest agrees with the database around the snapshot and with the blob store.
fn check_manifest(m: &Manifest, engine: Engine, taken: &Taken, blob_dir: &Path) {
    let expected = if engine == Engine::Sqlite {
        "sqlite"
    } else {
        "postgres"
    };
    assert_eq!(m.engine, expected);
    let (before, after) = taken.persons;
    let persons = m.tables["persons"];
    assert!(
        (before..=after).contains(&persons),
        "the snapshot's persons ({persons}) lie between {before} and {after}"
    );
    assert_eq!(
        m.blob_count as usize,
        blob_files(blob_dir),
        "every file of the store"
    );
    assert!(
        m.blob_count >= 2,
        "the demo's files and the upload: {}",
        m.blob_count
    );
    assert_eq!(m.blob_bytes, m.blobs.iter().map(|b| b.bytes).sum::<u64>());
}

async fn backup_under_writes_restores_on_a_fresh_machine(engine: Engine) {
    let data = tempfile::tempdir().expect("data dir");
    let app = spawn(engine, data.path()).await;
    let (doc, doc_bytes, officer) = upload_document(&app).await;
    let token = app.login(ADMIN).await.create_api_token("sao lưu").await;
    let taken = backup_while_writing(&app, data.path(), &token).await;
    let size = std::fs::metadata(&taken.archive).expect("archive").len();
    println!(
        "backup {engine:?}: {size} bytes in {} ms, {} writes answered meanwhile",
        taken.took.as_millis(),
        taken.during
    );
    assert!(
        taken.during > 0,
        "the writer kept writing during the backup"
    );
    let m = manifest_of(&taken.archive);
    check_manifest(&m, engine, &taken, &data.path().join("blobs"));

    let target = Target::new(engine).await;
    let out = restore(&taken.archive, target.data_dir(), &target.url(), &[]).await;
    assert!(out.status.success(), "restore failed: {}", stderr(&out));
    let restored = counts(&target.url(), &m.tables).await;
    assert_eq!(restored, m.tables, "restored rows per table");

    let server = Server::start(&target.url(), target.data_dir()).await;
    let client = reqwest::Client::new();
    let get = |path: String, token: &str| {
        let url = format!("{}{path}", server.base);
        client.get(url).bearer_auth(token).send()
    };
    let r = get(format!("/api/v1/people/{}", taken.known), &token)
        .await
        .expect("GET");
    assert_eq!(
        r.status().as_u16(),
        200,
        "a person written before the backup"
    );
    let person: serde_json::Value = r.json().await.expect("JSON");
    let name = person["full_name"].as_str().unwrap_or_default();
    assert!(name.starts_with("Phạm Thị Lưu"), "{person}");
    let r = get(format!("/api/v1/people/{}", taken.late), &token)
        .await
        .expect("GET");
    assert_eq!(
        r.status().as_u16(),
        404,
        "a person written after the backup ended"
    );
    let r = get(format!("/api/v1/nomination_documents/{doc}"), &officer)
        .await
        .expect("GET");
    assert_eq!(r.status().as_u16(), 200, "the uploaded document");
    assert_eq!(r.bytes().await.expect("bytes").to_vec(), doc_bytes);
    drop(server);
    target.drop_now().await;
}

async fn restore_refuses_a_target_that_holds_data(engine: Engine) {
    let data = tempfile::tempdir().expect("data dir");
    let app = spawn(engine, data.path()).await;
    let archive = data.path().join("sao-luu.tar.gz");
    let url = database_url(&app).await;
    let out = backup(&archive, data.path(), &url).await;
    assert!(out.status.success(), "backup failed: {}", stderr(&out));
    let persons = app.persons_count().await;

    // Into the live installation itself: refused, nothing touched.
    let out = restore(&archive, data.path(), &url, &[]).await;
    let message = stderr(&out);
    assert!(
        !out.status.success() && message.contains("đã có dữ liệu") && message.contains("--force"),
        "{message}"
    );
    assert_eq!(app.persons_count().await, persons);

    // A fresh target takes it once; again only with --force.
    let target = Target::new(engine).await;
    let out = restore(&archive, target.data_dir(), &target.url(), &[]).await;
    assert!(out.status.success(), "restore: {}", stderr(&out));
    let again = restore(&archive, target.data_dir(), &target.url(), &[]).await;
    assert!(
        !again.status.success() && stderr(&again).contains("--force"),
        "{}",
        stderr(&again)
    );
    let forced = restore(&archive, target.data_dir(), &target.url(), &["--force"]).await;
    assert!(
        forced.status.success(),
        "restore --force: {}",
        stderr(&forced)
    );
    target.drop_now().await;
    refuses_stray_files_other_engines_and_junk(engine, data.path(), &archive).await;
}

/// An empty database beside a blob store that holds files, a target of the other engine, and a file
/// that is no backup: each refused with a clear message.
async fn refuses_stray_files_other_engines_and_junk(engine: Engine, data: &Path, archive: &Path) {
    let other = Target::new(engine).await;
    let stray = other.data_dir().join("blobs/ab");
    std::fs::create_dir_all(&stray).expect("mkdir");
    std::fs::write(stray.join("tep"), b"x").expect("write");
    let out = restore(archive, other.data_dir(), &other.url(), &[]).await;
    assert!(
        !out.status.success() && stderr(&out).contains("kho tệp đính kèm"),
        "{}",
        stderr(&out)
    );

    let (archive_text, dir) = (
        archive.to_string_lossy(),
        other.data_dir().to_string_lossy(),
    );
    let wrong_engine: Vec<&str> = match engine {
        Engine::Sqlite => vec![
            "--database-url",
            "postgres://postgres@127.0.0.1:5432/khong_co",
        ],
        Engine::Postgres => vec![],
    };
    let args = ["restore", "--from", &archive_text, "--data-dir", &dir];
    let out = run(&[&args[..], &wrong_engine].concat()).await;
    assert!(
        !out.status.success() && stderr(&out).contains("cùng loại cơ sở dữ liệu"),
        "{}",
        stderr(&out)
    );

    let junk = data.join("khong-phai.tar.gz");
    std::fs::write(&junk, b"not a backup").expect("write");
    let out = restore(&junk, other.data_dir(), &other.url(), &[]).await;
    let message = stderr(&out);
    assert!(
        !out.status.success()
            && message.starts_with("Lỗi: ")
            && message.contains("không phải bản sao lưu"),
        "{message}"
    );
    other.drop_now().await;
}

//! The S3 blob store against a real S3-compatible server (moto, started by each test): bytes round
//! trip under the store's folder, the same bytes are stored once under the same key, a key that is not
//! a SHA-256 is refused before any request; a bad store setting stops `thidua serve` with a Vietnamese
//! message; a dossier document uploaded to an app on S3 is kept in the bucket and served back.

use crate::campaigns_api::{multipart, pdf};
use crate::common::s3server::S3Server;
use crate::common::{Engine, Session, TestApp, UO_BACHDANG};
use crate::nominations::{campaign, collective, create, sid};
use crate::on_both_engines;
use std::io::ErrorKind;
use std::sync::Arc;
use thidua::blob_store::open_s3;
use thidua_store::blobs::{BlobStore, sha256_hex};

on_both_engines!(dossier_document_is_kept_in_s3_and_served_back);

/// The keys of the objects under `prefix` in the server's bucket, as S3 lists them.
async fn listed(server: &S3Server, prefix: &str) -> Vec<String> {
    let url = format!(
        "{}/{}?list-type=2&prefix={prefix}",
        server.endpoint, server.bucket
    );
    let xml = reqwest::get(url).await.unwrap().text().await.unwrap();
    xml.split("<Key>")
        .skip(1)
        .filter_map(|k| k.split("</Key>").next())
        .map(str::to_string)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s3_store_round_trips_bytes_once_per_content() {
    let server = S3Server::start().await;
    let store = open_s3(&server.config("tinh/ha-noi")).await.unwrap();
    let bytes: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    let key = store.put(&bytes).await.unwrap();
    assert_eq!(key, sha256_hex(&bytes));
    assert_eq!(store.get(&key).await.unwrap(), bytes);
    // The same bytes again: the same key, still one object.
    assert_eq!(store.put(&bytes).await.unwrap(), key);
    let empty = store.put(b"").await.unwrap();
    assert_eq!(store.get(&empty).await.unwrap(), b"");
    let mut keys = listed(&server, "tinh/ha-noi/").await;
    keys.sort();
    let mut expected = vec![
        format!("tinh/ha-noi/{}/{key}", &key[..2]),
        format!("tinh/ha-noi/{}/{empty}", &empty[..2]),
    ];
    expected.sort();
    assert_eq!(keys, expected);
    // Another folder of the bucket is another store.
    let other = open_s3(&server.config("tinh/khac")).await.unwrap();
    assert_eq!(
        other.get(&key).await.unwrap_err().kind(),
        ErrorKind::NotFound
    );
    let missing = sha256_hex(b"chua luu");
    assert_eq!(
        store.get(&missing).await.unwrap_err().kind(),
        ErrorKind::NotFound
    );
    for bad in [
        "../../etc/passwd",
        "",
        &key[..10],
        &key.to_uppercase(),
        &format!("../{}", &key[3..]),
    ] {
        let e = store.get(bad).await.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{bad}");
    }
    assert_eq!(
        listed(&server, "").await.len(),
        2,
        "nothing else was written"
    );
}

/// Runs `thidua serve` with `args` and the test keys; it must exit with an error. Returns its output.
fn serve_fails(args: &[&str]) -> String {
    let data = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["serve", "--bind", "127.0.0.1:0", "--data-dir"])
        .arg(data.path())
        .args(args)
        .env("AWS_ACCESS_KEY_ID", crate::common::s3server::ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", crate::common::s3server::SECRET_KEY)
        .env("RUST_BACKTRACE", "0")
        .env_remove("THIDUA_BLOB_STORE")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!out.status.success(), "serve started with {args:?}: {text}");
    text
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s3_bad_store_settings_stop_the_start_in_vietnamese() {
    let server = S3Server::start().await;
    let mut config = server.config("");
    config.bucket = "khong-co-bucket".into();
    let e = open_s3(&config).await.unwrap_err().to_string();
    assert!(
        e.contains("Không kết nối được kho tệp s3://khong-co-bucket"),
        "{e}"
    );
    let e = serve_fails(&["--blob-store", "s3://Sai_Ten/x"]);
    assert!(e.contains("Tên bucket «Sai_Ten» không hợp lệ"), "{e}");
    let e = serve_fails(&["--blob-store", "ftp://may/tep"]);
    assert!(e.contains("không được hỗ trợ"), "{e}");
    let e = serve_fails(&[
        "--blob-store",
        "s3://thidua-test",
        "--s3-endpoint",
        "127.0.0.1:1",
    ]);
    assert!(e.contains("Địa chỉ máy chủ S3 «127.0.0.1:1»"), "{e}");
    let missing = ["--blob-store", "s3://khong-co-bucket", "--s3-endpoint"];
    let e = serve_fails(&[&missing[..], &[server.endpoint.as_str()]].concat());
    assert!(
        e.contains("Không kết nối được kho tệp s3://khong-co-bucket"),
        "{e}"
    );
}

/// A PDF whose bytes no other test uploads.
pub fn unique_pdf() -> Vec<u8> {
    let mut bytes = pdf();
    bytes.extend_from_slice(format!("%{}\n", uuid::Uuid::new_v4()).as_bytes());
    bytes
}

/// A launched campaign, a draft nomination of Bạch Đằng, and `bytes` uploaded to it as its
/// submission letter by `uo`: returns the document's id. `office` and `uo` may talk to any node.
pub async fn uploaded_document(
    app: &TestApp,
    office: &Session,
    uo: &Session,
    bytes: &[u8],
) -> String {
    let (cid, theme) = campaign(app, office, 10).await;
    let (bd, tdp1) = (
        app.unit("P-BACHDANG").await.id,
        app.unit("P-BACHDANG-TDP1").await.id,
    );
    let n = create(uo, &collective(&bd, &tdp1, &cid, Some(&theme), "QĐ 7/2026")).await;
    let r = multipart(
        uo,
        &format!("/api/v1/nominations/{}/documents", sid(&n)),
        &[("doc_code", "to_trinh")],
        &[("to_trinh.pdf", bytes.to_vec())],
    )
    .await;
    r.expect(201);
    sid(&r.json()[0])
}

async fn dossier_document_is_kept_in_s3_and_served_back(engine: Engine) {
    let server = S3Server::start().await;
    let store = Arc::new(open_s3(&server.config("app")).await.unwrap());
    let config = thidua_web::Config {
        blobs: store.clone(),
        ..Default::default()
    };
    let app = TestApp::spawn_with(engine, config).await;
    let office = app.login(crate::common::STANDING).await;
    let uo = app.login(UO_BACHDANG).await;
    let bytes = unique_pdf();
    let doc = uploaded_document(&app, &office, &uo, &bytes).await;
    // The bytes are in the bucket, under their SHA-256.
    let key = sha256_hex(&bytes);
    assert_eq!(store.get(&key).await.unwrap(), bytes);
    assert_eq!(
        listed(&server, "app/").await,
        vec![format!("app/{}/{key}", &key[..2])]
    );
    // And served back through the API and the page.
    for path in [
        format!("/api/v1/nomination_documents/{doc}"),
        format!("/nomination_documents/{doc}"),
    ] {
        let (status, _, got) = uo.download(&path).await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(got, bytes, "{path}");
    }
}

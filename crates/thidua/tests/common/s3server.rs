//! A real S3-compatible server for the blob store tests: moto's server (PyPI `moto[server]`, which
//! `scripts/test.sh` installs), started by the test on a free port with a fresh bucket and stopped
//! when the guard drops. When it cannot start the test fails with the reason; it never skips.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use thidua_store::blobs::S3Config;

/// The access keys moto accepts (any non-empty pair).
pub const ACCESS_KEY: &str = "thidua-test";
pub const SECRET_KEY: &str = "thidua-test-secret";

/// A running S3 server with one bucket; killed on drop.
pub struct S3Server {
    pub endpoint: String,
    pub bucket: String,
    child: Child,
    log: PathBuf,
}

/// A port nothing listens on right now (the OS picks it; the listener is closed at once).
pub fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    l.local_addr().expect("local address").port()
}

impl S3Server {
    /// Starts moto (`python3 -m moto.server`, or the interpreter in `THIDUA_TEST_PYTHON`) and makes
    /// the bucket `thidua-test`.
    pub async fn start() -> S3Server {
        let python = std::env::var("THIDUA_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
        let port = free_port();
        let log = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("moto-{}-{port}.log", std::process::id()));
        let out = std::fs::File::create(&log).expect("moto log file");
        let err = out.try_clone().expect("moto log file");
        let child = Command::new(&python)
            .args(["-m", "moto.server", "-H", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start the S3 test server ({python} -m moto.server): {e}; install it with `python3 -m pip install 'moto[server]'` (scripts/test.sh does)")
            });
        let mut server = S3Server {
            endpoint: format!("http://127.0.0.1:{port}"),
            bucket: "thidua-test".into(),
            child,
            log,
        };
        server.wait_until_up().await;
        let r = reqwest::Client::new()
            .put(format!("{}/{}", server.endpoint, server.bucket))
            .send()
            .await
            .expect("create bucket");
        assert!(r.status().is_success(), "create bucket: {}", r.status());
        server
    }

    async fn wait_until_up(&mut self) {
        let client = reqwest::Client::new();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(60) {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "the S3 test server (moto) exited with {status}; is `moto[server]` installed (python3 -m pip install 'moto[server]')? Its output:\n{}",
                    std::fs::read_to_string(&self.log).unwrap_or_default()
                );
            }
            if client.get(&self.endpoint).send().await.is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!(
            "the S3 test server did not answer within 60 s:\n{}",
            std::fs::read_to_string(&self.log).unwrap_or_default()
        );
    }

    /// Settings for a store under `prefix` of the bucket.
    pub fn config(&self, prefix: &str) -> S3Config {
        S3Config {
            bucket: self.bucket.clone(),
            prefix: prefix.into(),
            endpoint: Some(self.endpoint.clone()),
            region: None,
            access_key_id: Some(ACCESS_KEY.into()),
            secret_access_key: Some(SECRET_KEY.into()),
            session_token: None,
        }
    }

    /// The `--blob-store` value for `prefix`.
    pub fn url(&self, prefix: &str) -> String {
        format!("s3://{}/{prefix}", self.bucket)
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log);
    }
}

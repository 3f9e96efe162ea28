//! Several real `thidua serve` processes (the built binary, not in-process servers, which would share
//! one process's memory and hide a stale cache) on free ports, against one database and one blob
//! store. The guard kills them when it drops, also when the test fails.

use super::s3server::{ACCESS_KEY, S3Server, SECRET_KEY, free_port};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// One running `thidua serve`.
pub struct Node {
    pub base: String,
    child: Child,
    log: PathBuf,
}

/// The running nodes; all are killed on drop.
pub struct Nodes {
    pub nodes: Vec<Node>,
    _dir: tempfile::TempDir,
}

impl Nodes {
    /// Starts `n` nodes on `database_url` sharing the bucket of `s3` (under the folder `nodes`).
    pub async fn start(n: usize, database_url: &str, s3: &S3Server) -> Nodes {
        let dir = tempfile::Builder::new()
            .prefix("nodes-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .expect("temp dir");
        let mut nodes = Nodes {
            nodes: Vec::new(),
            _dir: dir,
        };
        for i in 0..n {
            let node = nodes.spawn(i, database_url, s3);
            nodes.nodes.push(node);
        }
        for node in &mut nodes.nodes {
            node.wait_until_up().await;
        }
        nodes
    }

    fn spawn(&self, i: usize, database_url: &str, s3: &S3Server) -> Node {
        let port = free_port();
        let data = self._dir.path().join(format!("node-{i}"));
        let log = self._dir.path().join(format!("node-{i}.log"));
        let out = std::fs::File::create(&log).expect("node log");
        let err = out.try_clone().expect("node log");
        let child = Command::new(env!("CARGO_BIN_EXE_thidua"))
            .arg("serve")
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .args(["--database-url", database_url])
            .arg("--data-dir")
            .arg(&data)
            .args(["--blob-store", &s3.url("nodes")])
            .args(["--s3-endpoint", &s3.endpoint])
            .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
            .env("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
            .env("RUST_LOG", "warn")
            .env_remove("THIDUA_BLOB_STORE")
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .expect("start thidua serve");
        Node {
            base: format!("http://127.0.0.1:{port}"),
            child,
            log,
        }
    }

    pub fn base(&self, i: usize) -> &str {
        &self.nodes[i].base
    }
}

impl Node {
    async fn wait_until_up(&mut self) {
        let client = reqwest::Client::new();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(90) {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("thidua serve exited with {status}:\n{}", self.output());
            }
            let health = client.get(format!("{}/healthz", self.base)).send().await;
            if health.is_ok_and(|r| r.status().is_success()) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!(
            "thidua serve did not answer /healthz within 90 s:\n{}",
            self.output()
        );
    }

    /// What the node printed (for failure messages).
    pub fn output(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

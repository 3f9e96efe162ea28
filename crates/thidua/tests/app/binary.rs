//! The real `thidua` binary as a child process (for backup, restore, and killing a server), and the
//! databases it runs on: the URL of a test app's database, fresh empty PostgreSQL databases.

use crate::common::{Engine, TestApp};
use sqlx::Connection;
use std::io::BufRead;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::Duration;
use thidua_store::Db;

/// The binary with the environment of a test (no `THIDUA_*` settings of the machine, quiet logs).
fn command(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_thidua"));
    c.args(args)
        .env_remove("THIDUA_DATABASE_URL")
        .env_remove("THIDUA_DATA_DIR")
        .env_remove("THIDUA_BIND")
        .env("RUST_LOG", "warn,sqlx=error")
        .stdin(Stdio::null());
    c
}

/// Runs `thidua ARGS` to its end.
pub async fn run(args: &[&str]) -> Output {
    let mut c = command(args);
    tokio::task::spawn_blocking(move || c.output().expect("run thidua"))
        .await
        .expect("join")
}

/// `thidua backup --out ARCHIVE --data-dir DIR --database-url URL`.
pub async fn backup(archive: &Path, data_dir: &Path, url: &str) -> Output {
    let (archive, dir) = (archive.to_string_lossy(), data_dir.to_string_lossy());
    run(&[
        "backup",
        "--out",
        &archive,
        "--data-dir",
        &dir,
        "--database-url",
        url,
    ])
    .await
}

/// `thidua restore --from ARCHIVE --data-dir DIR --database-url URL [EXTRA…]`.
pub async fn restore(archive: &Path, data_dir: &Path, url: &str, extra: &[&str]) -> Output {
    let (archive, dir) = (archive.to_string_lossy(), data_dir.to_string_lossy());
    let args = [
        "restore",
        "--from",
        &archive,
        "--data-dir",
        &dir,
        "--database-url",
        url,
    ];
    run(&[&args[..], extra].concat()).await
}

/// Its standard error, for messages.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// `thidua serve` in a process of its own.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    /// Starts `thidua serve` on an ephemeral port and waits until it prints its address.
    pub async fn start(database_url: &str, data_dir: &Path) -> Server {
        Server::start_with_env(database_url, data_dir, &[]).await
    }

    /// [`Server::start`] with environment variables set (`THIDUA_SMTP_URL` …).
    pub async fn start_with_env(
        database_url: &str,
        data_dir: &Path,
        env: &[(&str, &str)],
    ) -> Server {
        let dir = data_dir.to_string_lossy().to_string();
        let args = [
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--data-dir",
            &dir,
            "--database-url",
            database_url,
        ];
        let mut child = command(&args)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start thidua serve");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        // Reads the address line, then keeps draining the output so the server never blocks on it.
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
            {
                if let Some(at) = line.find("http://") {
                    let addr = line[at..]
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .to_string();
                    let _ = tx.send(addr);
                }
            }
        });
        let base = tokio::task::spawn_blocking(move || rx.recv_timeout(Duration::from_secs(120)))
            .await
            .expect("join")
            .unwrap_or_else(|e| panic!("thidua serve printed no address: {e}"));
        Server { child, base }
    }

    /// SIGKILL (what `Child::kill` sends on Unix): no shutdown code of the server runs.
    pub fn kill(&mut self) -> ExitStatus {
        self.child.kill().expect("kill");
        self.child.wait().expect("wait")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The database URL of a test app (the file of its SQLite database, or its PostgreSQL database).
pub async fn database_url(app: &TestApp) -> String {
    match &app.db {
        Db::Sqlite(p) => {
            let file: String =
                sqlx::query_scalar("SELECT file FROM pragma_database_list WHERE name = 'main'")
                    .fetch_one(&p.read)
                    .await
                    .expect("database file");
            format!("sqlite://{file}")
        }
        Db::Postgres(p) => {
            let name: String = sqlx::query_scalar("SELECT current_database()::text")
                .fetch_one(p)
                .await
                .expect("database name");
            format!("{}/{name}", pg_base_url())
        }
    }
}

fn pg_base_url() -> String {
    std::env::var("THIDUA_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_string())
        .trim_end_matches('/')
        .to_string()
}

async fn pg_admin(sql: &str) {
    let mut c = sqlx::PgConnection::connect(&format!("{}/postgres", pg_base_url()))
        .await
        .expect("PostgreSQL");
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
        .execute(&mut c)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    let _ = c.close().await;
}

/// A fresh, empty PostgreSQL database (named like the harness's, so one left by a killed run is
/// dropped by the next); [`FreshPg::drop_now`] removes it.
pub struct FreshPg {
    pub url: String,
    name: String,
}

impl FreshPg {
    pub async fn create() -> FreshPg {
        let name = format!(
            "thidua_t_{}_{}",
            std::process::id(),
            uuid::Uuid::new_v4().simple()
        );
        pg_admin(&format!("CREATE DATABASE \"{name}\"")).await;
        FreshPg {
            url: format!("{}/{name}", pg_base_url()),
            name,
        }
    }

    pub async fn drop_now(self) {
        pg_admin(&format!(
            "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
            self.name
        ))
        .await;
    }
}

/// A fresh place for a restore: a data folder, and an empty database of the engine (the SQLite file
/// lives in the data folder).
pub struct Target {
    pub dir: tempfile::TempDir,
    pub pg: Option<FreshPg>,
}

impl Target {
    pub async fn new(engine: Engine) -> Target {
        let dir = tempfile::tempdir().expect("temp dir");
        let pg = match engine {
            Engine::Sqlite => None,
            Engine::Postgres => Some(FreshPg::create().await),
        };
        Target { dir, pg }
    }

    pub fn url(&self) -> String {
        match &self.pg {
            Some(pg) => pg.url.clone(),
            None => format!("sqlite://{}", self.dir.path().join("thidua.db").display()),
        }
    }

    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }

    pub async fn drop_now(self) {
        if let Some(pg) = self.pg {
            pg.drop_now().await;
        }
    }
}

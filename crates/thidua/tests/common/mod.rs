//! Test harness: the real app served in-process on an ephemeral port, on a fresh SQLite file or a fresh
//! PostgreSQL database per test, with the demo organisation loaded, and HTTP helpers per demo user.
//!
//! The demo is loaded once per test process and engine into a template (an SQLite file that each test
//! copies; a PostgreSQL database that each test clones with `CREATE DATABASE … TEMPLATE …`).
//! PostgreSQL is expected at `THIDUA_TEST_PG_URL` (default `postgres://postgres@127.0.0.1:5432`);
//! when it is unreachable the PostgreSQL variants fail, they never skip.

#![allow(dead_code)]

mod login;
pub mod nodes;
pub mod s3server;
pub mod smtp_sink;

pub use login::{browser, login_at, login_form_at, post_login_at};

use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use sqlx::Connection;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use thidua_store::Db;
use thidua_web::{AppState, Config};
use tokio::sync::OnceCell;

pub use thidua::demo::DEMO_PASSWORD;

/// The database engine a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// Generates one `#[tokio::test]` per engine for each listed `async fn name(engine: Engine)`:
/// `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name($crate::common::Engine::Sqlite).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name($crate::common::Engine::Postgres).await
                }
            }
        )*
    };
}

/// Demo accounts.
pub const ADMIN: &str = "admin";
pub const STANDING: &str = "thuongtruc";
pub const UO_BACHDANG: &str = "canbo.bachdang";
pub const UO_VHTT: &str = "canbo.vhtt";
pub const COUNCIL: &str = "hoidong";
pub const CHAIRMAN: &str = "chutich";
pub const VIEWER: &str = "xem";
pub const ALL_USERS: [&str; 7] = [
    ADMIN,
    STANDING,
    UO_BACHDANG,
    UO_VHTT,
    COUNCIL,
    CHAIRMAN,
    VIEWER,
];

fn pg_base_url() -> String {
    std::env::var("THIDUA_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_string())
        .trim_end_matches('/')
        .to_string()
}

async fn pg_admin() -> sqlx::PgConnection {
    let url = format!("{}/postgres", pg_base_url());
    match sqlx::PgConnection::connect(&url).await {
        Ok(c) => c,
        Err(e) => panic!(
            "PostgreSQL is required for the PostgreSQL variants of the integration tests ({url}): {e}"
        ),
    }
}

async fn pg_exec(sql: &str) -> Result<(), sqlx::Error> {
    let mut c = pg_admin().await;
    let r = sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
        .execute(&mut c)
        .await
        .map(|_| ());
    let _ = c.close().await;
    r
}

/// True while process `pid` runs on this machine (used to clean up after killed test runs).
fn alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

/// Drops databases left behind by test processes that no longer run (names carry the pid).
async fn drop_stale_pg_databases() {
    let mut c = pg_admin().await;
    let names: Vec<(String,)> =
        sqlx::query_as("SELECT datname FROM pg_database WHERE datname LIKE 'thidua_t%'")
            .fetch_all(&mut c)
            .await
            .unwrap_or_default();
    for (name,) in names {
        let pid = name.split('_').nth(2).and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|p| p != std::process::id() && !alive(p)) {
            let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
            )))
            .execute(&mut c)
            .await;
        }
    }
    let _ = c.close().await;
}

fn unique() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

fn tmp_root() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("thidua-itest");
    std::fs::create_dir_all(&dir).expect("temp folder");
    dir
}

/// The SQLite template of this process: a migrated database with the demo loaded.
static SQLITE_TEMPLATE: OnceCell<PathBuf> = OnceCell::const_new();
/// The PostgreSQL template database of this process.
static PG_TEMPLATE: OnceCell<String> = OnceCell::const_new();

async fn load_demo(url: &str) {
    let db = Db::connect(url)
        .await
        .unwrap_or_else(|e| panic!("connect {url}: {e}"));
    db.migrate().await.expect("migrate");
    thidua::demo::load_if_empty(
        &db,
        &thidua_store::blobs::LocalDisk::new(tmp_root().join("demo-blobs")),
    )
    .await
    .expect("demo data");
    db.close().await;
}

async fn sqlite_template() -> &'static PathBuf {
    SQLITE_TEMPLATE
        .get_or_init(|| async {
            // Templates of finished runs are removed first.
            if let Ok(entries) = std::fs::read_dir(tmp_root()) {
                for e in entries.flatten() {
                    let name = e.file_name().to_string_lossy().to_string();
                    let pid = name
                        .strip_prefix("template-")
                        .and_then(|r| r.split(['.', '-']).next())
                        .and_then(|p| p.parse::<u32>().ok());
                    if pid.is_some_and(|p| p != std::process::id() && !alive(p)) {
                        let _ = std::fs::remove_file(e.path());
                    }
                }
            }
            let path = tmp_root().join(format!("template-{}-{}.db", std::process::id(), unique()));
            load_demo(&format!("sqlite://{}", path.display())).await;
            path
        })
        .await
}

async fn pg_template() -> &'static String {
    PG_TEMPLATE
        .get_or_init(|| async {
            drop_stale_pg_databases().await;
            let name = format!("thidua_tpl_{}_{}", std::process::id(), unique());
            pg_exec(&format!("CREATE DATABASE \"{name}\""))
                .await
                .expect("create template database");
            load_demo(&format!("{}/{name}", pg_base_url())).await;
            name
        })
        .await
}

/// Copies an SQLite database file with its WAL, if any.
fn copy_sqlite(from: &Path, to: &Path) {
    std::fs::copy(from, to).expect("copy template");
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", from.display()));
        if side.exists() {
            std::fs::copy(&side, format!("{}{suffix}", to.display()))
                .expect("copy template side file");
        }
    }
}

/// True under cargo-nextest, which runs each test in a process of its own.
fn one_test_per_process() -> bool {
    std::env::var_os("NEXTEST_RUN_ID").is_some() || std::env::var_os("NEXTEST").is_some()
}

static COUNTER: AtomicU64 = AtomicU64::new(1);

/// A number unique within the test process (for codes and names).
pub fn next_n() -> u64 {
    COUNTER.fetch_add(1, Ordering::Relaxed)
}

/// The app running for one test.
pub struct TestApp {
    pub base: String,
    pub engine: Engine,
    pub db: Db,
    pub org_id: String,
    /// The database's URL, for other processes (the multi-node tests start `thidua serve` on it).
    pub db_url: String,
    server: tokio::task::JoinHandle<()>,
    _dir: Option<tempfile::TempDir>,
    _blobs: tempfile::TempDir,
    pg_name: Option<String>,
}

impl TestApp {
    /// The app with the demo organisation, on a fresh database of `engine`.
    pub async fn spawn(engine: Engine) -> TestApp {
        Self::spawn_with(engine, Config::default()).await
    }

    pub async fn spawn_with(engine: Engine, config: Config) -> TestApp {
        // Server errors (500s) are logged; the test harness shows them with a failing test's output.
        let _ = tracing_subscriber::fmt()
            .with_test_writer()
            .with_env_filter(
                tracing_subscriber::EnvFilter::try_from_env("THIDUA_TEST_LOG")
                    .unwrap_or_else(|_| "warn,sqlx=error".into()),
            )
            .try_init();
        // Under nextest every test runs in a process of its own: a template would be made for one use
        // and left behind, so the demo is loaded straight into the test's database instead.
        let direct = one_test_per_process();
        let (url, dir, pg_name) = match engine {
            Engine::Sqlite => {
                let dir = tempfile::Builder::new()
                    .prefix("app-")
                    .tempdir_in(tmp_root())
                    .expect("temp dir");
                let file = dir.path().join("thidua.db");
                let url = format!("sqlite://{}", file.display());
                if direct {
                    load_demo(&url).await;
                } else {
                    copy_sqlite(sqlite_template().await, &file);
                }
                (url, Some(dir), None)
            }
            Engine::Postgres if direct => {
                drop_stale_pg_databases().await;
                let name = format!("thidua_t_{}_{}", std::process::id(), unique());
                pg_exec(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("create test database");
                let url = format!("{}/{name}", pg_base_url());
                load_demo(&url).await;
                (url, None, Some(name))
            }
            Engine::Postgres => {
                let template = pg_template().await;
                let name = format!("thidua_t_{}_{}", std::process::id(), unique());
                let mut tries = 0;
                loop {
                    // Two clones of one template at the same moment can collide; try again.
                    match pg_exec(&format!(
                        "CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""
                    ))
                    .await
                    {
                        Ok(()) => break,
                        Err(e) if tries < 20 => {
                            tries += 1;
                            eprintln!("retrying CREATE DATABASE: {e}");
                            tokio::time::sleep(std::time::Duration::from_millis(100 * tries)).await;
                        }
                        Err(e) => panic!("create test database: {e}"),
                    }
                }
                (format!("{}/{name}", pg_base_url()), None, Some(name))
            }
        };
        let db = Db::connect(&url)
            .await
            .unwrap_or_else(|e| panic!("connect {url}: {e}"));
        db.migrate().await.expect("migrate");
        let org_id = {
            let mut tx = db.begin().await.expect("tx");
            let org = thidua_store::orgs::first(&mut tx)
                .await
                .expect("org")
                .expect("demo org");
            tx.commit().await.expect("commit");
            org
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        // Uploaded files go to a folder of this test (the default `data/blobs` is for real use).
        let blobs = tempfile::Builder::new()
            .prefix("blobs-")
            .tempdir_in(tmp_root())
            .expect("blob dir");
        let config = if config.blobs.describe() == Config::default().blobs.describe() {
            Config {
                blobs: Arc::new(thidua_store::blobs::LocalDisk::new(blobs.path())),
                ..config
            }
        } else {
            config
        };
        let state = AppState {
            db: db.clone(),
            config: Arc::new(config),
        };
        let server = tokio::spawn(async move {
            let _ = thidua_web::serve(listener, state).await;
        });
        TestApp {
            base: format!("http://{addr}"),
            engine,
            db,
            org_id,
            db_url: url,
            server,
            _dir: dir,
            _blobs: blobs,
            pg_name,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A browser-like client: keeps cookies, does not follow redirects (tests look at them).
    /// The body of a page fetched without signing in (public pages: honour roll, verification).
    pub async fn public_page(&self, path: &str) -> String {
        let r = self
            .client()
            .get(self.url(path))
            .send()
            .await
            .expect("request");
        r.text().await.expect("body")
    }

    pub fn client(&self) -> reqwest::Client {
        browser(Arc::new(reqwest::cookie::Jar::default()))
    }

    /// Opens the login page and returns its form token.
    pub async fn login_form(&self, client: &reqwest::Client) -> String {
        login_form_at(&self.base, client).await
    }

    /// Posts the login form with `password`; returns the raw response.
    pub async fn post_login(
        &self,
        client: &reqwest::Client,
        username: &str,
        password: &str,
    ) -> reqwest::Response {
        post_login_at(&self.base, client, username, password).await
    }

    /// Signs a demo user in through the login form.
    pub async fn login(&self, username: &str) -> Session {
        login_at(&self.base, username).await
    }

    // ---- direct looks into the database, for "nothing was saved" checks ----

    pub async fn count(&self, sql: &str) -> i64 {
        let sql = sqlx::AssertSqlSafe(sql.to_string());
        match &self.db {
            Db::Sqlite(p) => sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&p.read)
                .await
                .expect("count"),
            Db::Postgres(p) => sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(p)
                .await
                .expect("count"),
        }
    }

    /// Changes rows behind the app's back, to set up a state no page can reach (e.g. a line the
    /// catalog cannot price, recorded before a catalog change).
    pub async fn exec(&self, sql: &str) {
        let sql = sqlx::AssertSqlSafe(sql.to_string());
        match &self.db {
            Db::Sqlite(p) => sqlx::query(sql).execute(&p.write).await.map(|_| ()),
            Db::Postgres(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
        }
        .expect("exec");
    }

    /// The first column of the first row of a query, as text (an id, a name).
    pub async fn scalar_text(&self, sql: &str) -> String {
        let sql = sqlx::AssertSqlSafe(sql.to_string());
        match &self.db {
            Db::Sqlite(p) => sqlx::query_scalar::<_, String>(sql)
                .fetch_one(&p.read)
                .await
                .expect("scalar"),
            Db::Postgres(p) => sqlx::query_scalar::<_, String>(sql)
                .fetch_one(p)
                .await
                .expect("scalar"),
        }
    }

    /// Rows in the audit log: every change writes one, so an unchanged count means nothing was saved.
    pub async fn audit_rows(&self) -> i64 {
        self.count("SELECT COUNT(*) FROM audit_log").await
    }

    pub async fn units_count(&self) -> i64 {
        // The demo organisation's own (the demo has a second organisation).
        self.count(&format!(
            "SELECT COUNT(*) FROM units WHERE org_id = '{}'",
            self.org_id
        ))
        .await
    }

    pub async fn persons_count(&self) -> i64 {
        self.count(&format!(
            "SELECT COUNT(*) FROM persons WHERE org_id = '{}'",
            self.org_id
        ))
        .await
    }

    /// A unit by code (panics when missing).
    pub async fn unit(&self, code: &str) -> thidua_store::units::UnitRow {
        let mut tx = self.db.begin().await.expect("tx");
        let u = thidua_store::units::get_by_code(&mut tx, &self.org_id, code)
            .await
            .expect("query")
            .unwrap_or_else(|| panic!("no unit {code}"));
        tx.commit().await.expect("commit");
        u
    }

    pub async fn unit_by_id(&self, id: &str) -> thidua_store::units::UnitRow {
        let mut tx = self.db.begin().await.expect("tx");
        let u = thidua_store::units::get(&mut tx, &self.org_id, id)
            .await
            .expect("unit");
        tx.commit().await.expect("commit");
        u
    }

    pub async fn person(&self, id: &str) -> thidua_store::persons::PersonRow {
        let mut tx = self.db.begin().await.expect("tx");
        let p = thidua_store::persons::get(&mut tx, &self.org_id, id)
            .await
            .expect("person");
        tx.commit().await.expect("commit");
        p
    }

    /// The first person (by id) of a unit.
    pub async fn person_in(&self, unit_code: &str) -> thidua_store::persons::PersonRow {
        let unit = self.unit(unit_code).await;
        let mut tx = self.db.begin().await.expect("tx");
        let filter = thidua_store::persons::PersonFilter {
            unit_id: Some(unit.id.clone()),
            ..Default::default()
        };
        let first = thidua_store::persons::list(&mut tx, &self.org_id, &filter, 1, 0)
            .await
            .expect("list")
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("nobody in {unit_code}"));
        let p = thidua_store::persons::get(&mut tx, &self.org_id, &first.id)
            .await
            .expect("person");
        tx.commit().await.expect("commit");
        p
    }

    pub async fn user_id(&self, username: &str) -> String {
        let mut tx = self.db.begin().await.expect("tx");
        let u = thidua_store::users::get_by_username(&mut tx, username)
            .await
            .expect("query")
            .expect("user");
        tx.commit().await.expect("commit");
        u.id
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
        if let Some(name) = self.pg_name.take() {
            // Dropping needs async I/O; a helper thread with its own runtime does it while we wait.
            let joined = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime");
                rt.block_on(async move {
                    if let Err(e) =
                        pg_exec(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await
                    {
                        eprintln!("could not drop test database {name}: {e}");
                    }
                });
            })
            .join();
            if joined.is_err() {
                eprintln!("test database cleanup panicked");
            }
        }
    }
}

/// A signed-in user (session cookie, or an API token when `bearer` is set).
pub struct Session {
    pub base: String,
    pub client: reqwest::Client,
    pub csrf: String,
    pub username: String,
    pub bearer: Option<String>,
    /// The session's cookies (browser sessions only).
    pub jar: Option<Arc<reqwest::cookie::Jar>>,
}

/// A response read to its end.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
}

impl Reply {
    async fn read(r: reqwest::Response) -> Reply {
        let status = r.status();
        let headers = r.headers().clone();
        let text = r.text().await.expect("body");
        Reply {
            status,
            headers,
            text,
        }
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    pub fn location(&self) -> Option<&str> {
        self.headers.get("location").and_then(|v| v.to_str().ok())
    }

    /// Asserts the status, showing the body when it differs.
    #[track_caller]
    pub fn expect(&self, status: u16) -> &Reply {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected status; body: {}",
            excerpt(&self.text)
        );
        self
    }

    #[track_caller]
    pub fn contains(&self, needle: &str) -> &Reply {
        assert!(
            self.text.contains(needle),
            "expected {needle:?} in: {}",
            excerpt(&self.text)
        );
        self
    }
}

/// The start of a long body, for assertion messages.
pub fn excerpt(text: &str) -> String {
    text.chars().take(1500).collect()
}

impl Session {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The same session (cookie, form token) talking to the server at `base`: another app node.
    /// The cookie is sent there explicitly, so the test does not rely on how a cookie jar matches
    /// ports.
    pub fn at(&self, base: &str) -> Session {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        if let Ok(url) = reqwest::Url::parse(base) {
            for c in self.cookie_header().split("; ").filter(|c| !c.is_empty()) {
                jar.add_cookie_str(&format!("{c}; Path=/"), &url);
            }
        }
        Session {
            base: base.to_string(),
            client: browser(jar.clone()),
            csrf: self.csrf.clone(),
            username: self.username.clone(),
            bearer: self.bearer.clone(),
            jar: Some(jar),
        }
    }

    fn auth(&self, rb: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.bearer {
            Some(t) => rb.bearer_auth(t),
            None => rb,
        }
    }

    /// The session's CSRF token from `GET /api/v1/me`.
    pub async fn fetch_csrf(&self) -> String {
        let me = self.get("/api/v1/me").await;
        me.expect(200);
        me.json()["csrf_token"]
            .as_str()
            .expect("csrf_token")
            .to_string()
    }

    pub async fn get(&self, path: &str) -> Reply {
        Reply::read(
            self.auth(self.client.get(self.url(path)))
                .send()
                .await
                .expect("GET"),
        )
        .await
    }

    /// Posts a url-encoded form with the session's `_csrf` added.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("_csrf", &self.csrf));
        self.post_form_raw(path, &all).await
    }

    /// Posts a url-encoded form exactly as given (no token added).
    pub async fn post_form_raw(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        Reply::read(
            self.auth(self.client.post(self.url(path)))
                .form(fields)
                .send()
                .await
                .expect("POST"),
        )
        .await
    }

    /// A JSON API call; with a session cookie the `X-CSRF-Token` header is sent on changes.
    pub async fn api(&self, method: Method, path: &str, body: Option<&Value>) -> Reply {
        let mut rb = self.auth(self.client.request(method.clone(), self.url(path)));
        if method != Method::GET && self.bearer.is_none() {
            rb = rb.header(
                "x-csrf-token",
                HeaderValue::from_str(&self.csrf).expect("header"),
            );
        }
        if let Some(b) = body {
            rb = rb.json(b);
        }
        Reply::read(rb.send().await.expect("API call")).await
    }

    pub async fn api_get(&self, path: &str) -> Reply {
        self.api(Method::GET, path, None).await
    }

    pub async fn api_post(&self, path: &str, body: &Value) -> Reply {
        self.api(Method::POST, path, Some(body)).await
    }

    pub async fn api_put(&self, path: &str, body: &Value) -> Reply {
        self.api(Method::PUT, path, Some(body)).await
    }

    /// Uploads a file as multipart field `file` (page or API import).
    pub async fn upload(&self, path: &str, file_name: &str, bytes: Vec<u8>) -> Reply {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_string());
        let form = reqwest::multipart::Form::new().part("file", part);
        let mut rb = self.auth(self.client.post(self.url(path))).multipart(form);
        if self.bearer.is_none() {
            rb = rb.header(
                "x-csrf-token",
                HeaderValue::from_str(&self.csrf).expect("header"),
            );
        }
        Reply::read(rb.send().await.expect("upload")).await
    }

    /// Downloads raw bytes.
    pub async fn download(&self, path: &str) -> (StatusCode, HeaderMap, Vec<u8>) {
        let r = self
            .auth(self.client.get(self.url(path)))
            .send()
            .await
            .expect("GET");
        let status = r.status();
        let headers = r.headers().clone();
        (status, headers, r.bytes().await.expect("bytes").to_vec())
    }

    /// Creates an API token on the account page and returns it (shown once in `<code id="new-token">`).
    pub async fn create_api_token(&self, name: &str) -> String {
        let r = self.post_form("/account/tokens", &[("name", name)]).await;
        r.expect(200);
        let start = r
            .text
            .find("<code id=\"new-token\">")
            .expect("new token shown")
            + "<code id=\"new-token\">".len();
        let end = r.text[start..].find("</code>").expect("end of token") + start;
        r.text[start..end].to_string()
    }

    /// The same user acting with an API token (no cookie).
    pub fn with_token(&self, token: &str) -> Session {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Session {
            base: self.base.clone(),
            client,
            csrf: String::new(),
            username: self.username.clone(),
            bearer: Some(token.to_string()),
            jar: None,
        }
    }

    /// The `Cookie` header this session sends.
    pub fn cookie_header(&self) -> String {
        use reqwest::cookie::CookieStore;
        let url = reqwest::Url::parse(&self.base).expect("url");
        self.jar
            .as_ref()
            .and_then(|j| j.cookies(&url))
            .and_then(|v| v.to_str().ok().map(str::to_string))
            .unwrap_or_default()
    }

    /// Uploads a file of `len` bytes over a plain TCP connection, writing the body while reading the
    /// answer as a browser does, so that a refusal sent before the body is read is seen (a client that
    /// only reads after writing everything gets a broken pipe instead). `chunked` leaves the size
    /// undeclared. Returns the status and the raw answer.
    pub async fn raw_upload(&self, path: &str, len: usize, chunked: bool) -> (u16, String) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let addr = self.base.trim_start_matches("http://").to_string();
        let stream = tokio::net::TcpStream::connect(&addr)
            .await
            .expect("connect");
        let (mut reader, mut writer) = stream.into_split();
        let boundary = "thidua-test-boundary";
        let head = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"lon.csv\"\r\nContent-Type: text/csv\r\n\r\n"
        );
        let tail = format!("\r\n--{boundary}--\r\n");
        let filler = len.saturating_sub(head.len() + tail.len());
        let size = if chunked {
            "Transfer-Encoding: chunked".to_string()
        } else {
            format!("Content-Length: {}", head.len() + filler + tail.len())
        };
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\nCookie: {}\r\nX-CSRF-Token: {}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\n{size}\r\nConnection: close\r\n\r\n",
            self.cookie_header(),
            self.csrf
        );
        let writing = tokio::spawn(async move {
            let frame = |data: &[u8]| {
                if chunked {
                    [
                        format!("{:x}\r\n", data.len()).into_bytes(),
                        data.to_vec(),
                        b"\r\n".to_vec(),
                    ]
                    .concat()
                } else {
                    data.to_vec()
                }
            };
            writer.write_all(request.as_bytes()).await?;
            writer.write_all(&frame(head.as_bytes())).await?;
            let block = vec![b'a'; 64 * 1024];
            let mut left = filler;
            while left > 0 {
                let n = left.min(block.len());
                writer.write_all(&frame(&block[..n])).await?;
                left -= n;
            }
            writer.write_all(&frame(tail.as_bytes())).await?;
            if chunked {
                writer.write_all(b"0\r\n\r\n").await?;
            }
            Ok::<_, std::io::Error>(())
        });
        let mut answer = Vec::new();
        // Read until the server closes; a reset after the answer is fine.
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match reader.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => answer.extend_from_slice(&buf[..n]),
            }
        }
        writing.abort();
        let text = String::from_utf8_lossy(&answer).to_string();
        let status = text
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, text)
    }
}

/// The `value` of the first form field named `name` in a page.
pub fn hidden_value(html: &str, name: &str) -> Option<String> {
    let key = format!("name=\"{name}\" value=\"");
    let start = html.find(&key)? + key.len();
    let end = html[start..].find('"')? + start;
    Some(unescape_html(&html[start..end]))
}

/// Decodes the character references a template engine writes (`&lt;`, `&#60;`, `&#x3c;`, …), so tests
/// can look for text whatever escaping style is used.
pub fn unescape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest.find(';').filter(|&end| end <= 10).and_then(|end| {
            let entity = &rest[1..end];
            let c = match entity {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                    .ok()
                    .and_then(char::from_u32),
                e if e.starts_with('#') => e[1..].parse::<u32>().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A decision number not yet in this test's register: "5012/QĐ-UBND".
pub fn decision_no() -> String {
    format!("{}/QĐ-UBND", 5000 + next_n())
}

/// A unique unit code for tests.
pub fn code(prefix: &str) -> String {
    format!("{prefix}-{}-{}", std::process::id() % 10_000, next_n())
}

/// Builds an XLSX workbook of one sheet from rows of text (first row: headers).
pub fn xlsx(rows: &[Vec<&str>]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).expect("write cell");
        }
    }
    book.save_to_buffer().expect("xlsx")
}

/// Reads the first sheet of an XLSX file into rows of text.
pub fn read_xlsx(bytes: &[u8]) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec()))
        .expect("open xlsx");
    let range = book
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("sheet range");
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// `path?k=v&…` with the values URL-encoded.
pub fn with_query(path: &str, params: &[(&str, &str)]) -> String {
    let u =
        reqwest::Url::parse_with_params(&format!("http://localhost{path}"), params).expect("url");
    format!("{}?{}", u.path(), u.query().unwrap_or(""))
}

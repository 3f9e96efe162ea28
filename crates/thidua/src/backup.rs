//! `thidua backup` and `thidua restore`: one consistent archive of an installation — the database and
//! every file of the blob store — taken while the server runs, and brought back on a fresh machine.
//!
//! The archive is a gzip-compressed tar file:
//!
//! ```text
//! manifest.json            format version, engine, created_at, thidua version, row counts, blob list
//! database/thidua.db       SQLite: a `VACUUM INTO` snapshot
//! database/thidua.pgdump   PostgreSQL: `pg_dump -Fc` of an exported snapshot
//! blobs/ab/abcdef…         every file of `<data-dir>/blobs`, named by its SHA-256
//! ```
//!
//! A backup restores only into the engine it was taken from (SQLite → SQLite, PostgreSQL → PostgreSQL).

mod archive;
mod manifest;
mod postgres;
mod restore;
mod sqlite;

use anyhow::{Context, bail};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use manifest::{BlobEntry, FORMAT, Manifest};

/// Where an installation keeps its data: the data folder (blobs, and the SQLite file by default) and,
/// when given, the database URL.
#[derive(Debug, Clone)]
pub struct Location {
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
}

/// The database of a [`Location`].
#[derive(Debug, Clone)]
pub(crate) enum Database {
    /// The SQLite file.
    Sqlite(PathBuf),
    /// The PostgreSQL connection URL.
    Postgres(String),
}

impl Location {
    pub(crate) fn database(&self) -> Database {
        match self.database_url.as_deref().map(str::trim) {
            Some(u) if u.starts_with("postgres://") || u.starts_with("postgresql://") => {
                Database::Postgres(u.to_string())
            }
            Some(u) if !u.is_empty() => Database::Sqlite(sqlite_path(u)),
            _ => Database::Sqlite(self.data_dir.join("thidua.db")),
        }
    }

    pub(crate) fn blob_dir(&self) -> PathBuf {
        self.data_dir.join("blobs")
    }
}

/// The file named by an SQLite URL (`sqlite://path`, `sqlite:path`, with or without `?options`).
fn sqlite_path(url: &str) -> PathBuf {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    PathBuf::from(rest.split('?').next().unwrap_or(rest))
}

impl Database {
    pub(crate) fn engine(&self) -> &'static str {
        match self {
            Database::Sqlite(_) => manifest::SQLITE,
            Database::Postgres(_) => manifest::POSTGRES,
        }
    }
}

/// `thidua backup --out FILE`: writes the archive and prints what it holds; a clear message and a
/// non-zero exit on any failure.
pub async fn backup_command(
    out: &Path,
    data_dir: PathBuf,
    database_url: Option<String>,
) -> ExitCode {
    let location = Location {
        data_dir,
        database_url,
    };
    let started = std::time::Instant::now();
    match archive::create(out, &location).await {
        Ok(m) => {
            let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
            println!(
                "Đã sao lưu vào {}: cơ sở dữ liệu {} ({} bảng, {} dòng), {} tệp đính kèm ({}); \
                 kích thước {}, trong {} ms.",
                out.display(),
                engine_name(&m.engine),
                m.tables.len(),
                m.tables.values().sum::<i64>(),
                m.blob_count,
                human_bytes(m.blob_bytes),
                human_bytes(size),
                started.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

/// `thidua restore --from FILE [--force]`: brings an archive back into an empty data folder or
/// database, verifies it, and prints what was restored.
pub async fn restore_command(
    from: &Path,
    data_dir: PathBuf,
    database_url: Option<String>,
    force: bool,
) -> ExitCode {
    let location = Location {
        data_dir,
        database_url,
    };
    let started = std::time::Instant::now();
    match restore::run(from, &location, force).await {
        Ok(m) => {
            println!(
                "Đã phục hồi từ {} (sao lưu lúc {}): cơ sở dữ liệu {} ({} bảng, {} dòng — khớp với \
                 manifest), {} tệp đính kèm ({}, đã kiểm tra SHA-256), trong {} ms.",
                from.display(),
                m.created_at,
                engine_name(&m.engine),
                m.tables.len(),
                m.tables.values().sum::<i64>(),
                m.blob_count,
                human_bytes(m.blob_bytes),
                started.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

fn fail(e: &anyhow::Error) -> ExitCode {
    eprintln!("Lỗi: {e:#}");
    ExitCode::FAILURE
}

fn engine_name(engine: &str) -> &'static str {
    match engine {
        manifest::POSTGRES => "PostgreSQL",
        _ => "SQLite",
    }
}

/// A size for people: «1,2 MB».
fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{value:.1} {}", UNITS[unit]).replace('.', ",")
    }
}

/// Runs an external PostgreSQL tool (`pg_dump`, `pg_restore`) and fails with its error output.
pub(crate) async fn run_tool(
    program: &str,
    args: &[String],
    password: Option<&str>,
) -> anyhow::Result<()> {
    let mut command = std::process::Command::new(program);
    command.args(args).stdin(std::process::Stdio::null());
    if let Some(p) = password {
        // The password goes by environment, not on the command line other users can read.
        command.env("PGPASSWORD", p);
    }
    // Waiting for the tool blocks: it runs on a thread meant for that.
    let output = match tokio::task::spawn_blocking(move || command.output()).await? {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "không tìm thấy chương trình {program} của PostgreSQL. Hãy cài gói postgresql-client \
             (cùng phiên bản chính với máy chủ PostgreSQL hoặc mới hơn) và kiểm tra biến PATH"
        ),
        Err(e) => return Err(e).with_context(|| format!("không chạy được {program}")),
    };
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        bail!("{program} báo lỗi ({}): {}", output.status, stderr.trim());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(sqlite_path("sqlite:///a/b.db"), PathBuf::from("/a/b.db"));
        assert_eq!(
            sqlite_path("sqlite://data/x.db?mode=rwc"),
            PathBuf::from("data/x.db")
        );
        assert_eq!(sqlite_path("sqlite:x.db"), PathBuf::from("x.db"));
        let loc = Location {
            data_dir: PathBuf::from("d"),
            database_url: None,
        };
        assert!(matches!(loc.database(), Database::Sqlite(p) if p == Path::new("d/thidua.db")));
    }

    #[test]
    fn sizes_read_in_vietnamese() {
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(1536), "1,5 KB");
    }
}

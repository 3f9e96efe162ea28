//! The SQLite side of backup and restore: a `VACUUM INTO` snapshot of the live file, row counts, and the
//! checks of a restored file.

use anyhow::{Context, bail};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, SqliteConnection};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

/// Opens an existing SQLite file (never creates one) without changing its journal mode.
async fn open(path: &Path) -> anyhow::Result<SqliteConnection> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false)
        .busy_timeout(Duration::from_secs(30));
    SqliteConnection::connect_with(&options)
        .await
        .with_context(|| format!("không mở được cơ sở dữ liệu SQLite {}", path.display()))
}

/// Writes a consistent snapshot of the live database `source` to the new file `dest` and returns the
/// snapshot's row counts. `VACUUM INTO` reads inside one read transaction: in WAL mode the server's
/// writers go on meanwhile and none of their later commits enter the copy.
pub(crate) async fn snapshot(source: &Path, dest: &Path) -> anyhow::Result<BTreeMap<String, i64>> {
    if !source.is_file() {
        bail!(
            "không tìm thấy cơ sở dữ liệu {}. Hãy chỉ đúng --data-dir (hoặc --database-url)",
            source.display()
        );
    }
    let mut c = open(source).await?;
    let dest_text = dest
        .to_str()
        .context("đường dẫn thư mục tạm có ký tự không hợp lệ")?
        .to_string();
    sqlx::query("VACUUM INTO $1")
        .bind(dest_text)
        .execute(&mut c)
        .await
        .context("không chụp được bản sao cơ sở dữ liệu (VACUUM INTO)")?;
    c.close().await.ok();
    // Counted on the snapshot itself, so the manifest describes exactly what the archive holds.
    let mut snap = open(dest).await?;
    let counts = count_rows(&mut snap).await?;
    snap.close().await.ok();
    Ok(counts)
}

/// Rows per table (SQLite's own tables left out).
async fn count_rows(c: &mut SqliteConnection) -> anyhow::Result<BTreeMap<String, i64>> {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(&mut *c)
    .await
    .context("không đọc được danh sách bảng")?;
    let mut counts = BTreeMap::new();
    for name in names {
        let sql = format!("SELECT COUNT(*) FROM \"{}\"", name.replace('"', "\"\""));
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_one(&mut *c)
            .await
            .with_context(|| format!("không đếm được bảng {name}"))?;
        counts.insert(name, n);
    }
    Ok(counts)
}

/// True when `path` is missing, empty, or a database without any table.
pub(crate) async fn is_empty(path: &Path) -> anyhow::Result<bool> {
    if !path.exists()
        || std::fs::metadata(path)
            .map(|m| m.len() == 0)
            .unwrap_or(false)
    {
        return Ok(true);
    }
    let mut c = open(path).await?;
    let tables: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .fetch_one(&mut c)
    .await
    .with_context(|| format!("{} không phải cơ sở dữ liệu SQLite", path.display()))?;
    c.close().await.ok();
    Ok(tables == 0)
}

/// Checks a restored file (SQLite's integrity check) and returns its row counts.
pub(crate) async fn verify(path: &Path) -> anyhow::Result<BTreeMap<String, i64>> {
    let mut c = open(path).await?;
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut c)
        .await
        .context("không kiểm tra được cơ sở dữ liệu phục hồi")?;
    if check != "ok" {
        bail!("cơ sở dữ liệu trong bản sao lưu bị hỏng (integrity_check: {check})");
    }
    let counts = count_rows(&mut c).await?;
    c.close().await.ok();
    Ok(counts)
}

/// Puts the verified file `staged` in place of `target`, removing an old database and its WAL files
/// (only reached when the target was empty, or with `--force`).
pub(crate) fn install(staged: &Path, target: &Path) -> anyhow::Result<()> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let old = format!("{}{suffix}", target.display());
        if Path::new(&old).exists() {
            std::fs::remove_file(&old).with_context(|| format!("không xóa được {old}"))?;
        }
    }
    std::fs::rename(staged, target)
        .with_context(|| format!("không ghi được cơ sở dữ liệu {}", target.display()))
}

//! The PostgreSQL side of backup and restore: `pg_dump -Fc` of a snapshot exported by a repeatable-read
//! transaction (the row counts of the manifest are read in that same snapshot), `pg_restore` into an
//! empty database, and the counts read back.

use super::run_tool;
use anyhow::Context;
use sqlx::{Connection, PgConnection};
use std::collections::BTreeMap;
use std::path::Path;

async fn connect(url: &str) -> anyhow::Result<PgConnection> {
    PgConnection::connect(url).await.with_context(|| {
        format!(
            "không kết nối được PostgreSQL ({}). Hãy kiểm tra địa chỉ, tài khoản, và rằng cơ sở \
                 dữ liệu đã có (phục hồi cần một cơ sở dữ liệu trống tạo sẵn, ví dụ bằng createdb)",
            split_password(url).0
        )
    })
}

/// Dumps the database at `url` into `dest` and returns the row counts of the same snapshot.
pub(crate) async fn snapshot(url: &str, dest: &Path) -> anyhow::Result<BTreeMap<String, i64>> {
    let mut c = connect(url).await?;
    sqlx::raw_sql("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        .execute(&mut c)
        .await
        .context("không mở được giao dịch chụp dữ liệu")?;
    let snapshot: String = sqlx::query_scalar("SELECT pg_export_snapshot()")
        .fetch_one(&mut c)
        .await
        .context("không xuất được snapshot của PostgreSQL")?;
    let counts = count_rows(&mut c).await?;
    let (plain_url, password) = split_password(url);
    let dest_text = dest.to_string_lossy().to_string();
    // The transaction stays open while pg_dump reads: that keeps the exported snapshot alive.
    let args = [
        "--format=custom".to_string(),
        format!("--snapshot={snapshot}"),
        format!("--file={dest_text}"),
        format!("--dbname={plain_url}"),
    ];
    let dumped = run_tool("pg_dump", &args, password.as_deref()).await;
    sqlx::raw_sql("COMMIT").execute(&mut c).await.ok();
    c.close().await.ok();
    dumped?;
    Ok(counts)
}

/// Rows per table of the `public` schema (where the migrations put every table).
async fn count_rows(c: &mut PgConnection) -> anyhow::Result<BTreeMap<String, i64>> {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    )
    .fetch_all(&mut *c)
    .await
    .context("không đọc được danh sách bảng")?;
    let mut counts = BTreeMap::new();
    for name in names {
        let sql = format!(
            "SELECT COUNT(*) FROM public.\"{}\"",
            name.replace('"', "\"\"")
        );
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_one(&mut *c)
            .await
            .with_context(|| format!("không đếm được bảng {name}"))?;
        counts.insert(name, n);
    }
    Ok(counts)
}

/// True when the database at `url` has no table in its `public` schema.
pub(crate) async fn is_empty(url: &str) -> anyhow::Result<bool> {
    let mut c = connect(url).await?;
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'")
        .fetch_one(&mut c)
        .await
        .context("không đọc được danh sách bảng")?;
    c.close().await.ok();
    Ok(n == 0)
}

/// Restores the dump `file` into the database at `url` in one transaction (`--force`: the `public`
/// schema is dropped and made anew first) and returns the restored row counts.
pub(crate) async fn restore(
    url: &str,
    file: &Path,
    force: bool,
) -> anyhow::Result<BTreeMap<String, i64>> {
    if force {
        let mut c = connect(url).await?;
        sqlx::raw_sql("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public")
            .execute(&mut c)
            .await
            .context("không xóa được dữ liệu cũ (schema public) để phục hồi")?;
        c.close().await.ok();
    }
    let (plain_url, password) = split_password(url);
    let args = [
        "--no-owner".to_string(),
        "--no-privileges".to_string(),
        "--exit-on-error".to_string(),
        "--single-transaction".to_string(),
        format!("--dbname={plain_url}"),
        file.to_string_lossy().to_string(),
    ];
    run_tool("pg_restore", &args, password.as_deref()).await?;
    let mut c = connect(url).await?;
    let counts = count_rows(&mut c).await?;
    c.close().await.ok();
    Ok(counts)
}

/// Splits the password out of a `postgres://user:password@host/db` URL, so it can be handed to
/// `pg_dump` by environment instead of on its command line; the URL without it is safe to print.
pub(crate) fn split_password(url: &str) -> (String, Option<String>) {
    let Some((scheme, rest)) = url.split_once("://") else {
        return (url.to_string(), None);
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return (url.to_string(), None);
    };
    let Some((user, password)) = rest[..at].split_once(':') else {
        return (url.to_string(), None);
    };
    let plain = format!("{scheme}://{user}@{}", &rest[at + 1..]);
    (plain, Some(percent_decode(password)))
}

/// Decodes `%XX` escapes (a URL's password may hold them).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| {
            std::str::from_utf8(h)
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        });
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_leaves_the_url() {
        assert_eq!(
            split_password("postgres://u:p%40ss@h:5432/db?sslmode=require"),
            (
                "postgres://u@h:5432/db?sslmode=require".to_string(),
                Some("p@ss".to_string())
            )
        );
        assert_eq!(
            split_password("postgres://postgres@127.0.0.1/x"),
            ("postgres://postgres@127.0.0.1/x".to_string(), None)
        );
    }
}

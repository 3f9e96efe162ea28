//! `manifest.json`, the first entry of a backup: what the archive holds, so a restore can refuse what it
//! cannot restore and verify what it restored.

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The archive format this build writes and reads.
pub const FORMAT: u32 = 1;
/// The manifest's entry name in the archive.
pub const ENTRY: &str = "manifest.json";
pub(crate) const SQLITE: &str = "sqlite";
pub(crate) const POSTGRES: &str = "postgres";

/// What a backup holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// Archive format version ([`FORMAT`]).
    pub format: u32,
    /// `sqlite` or `postgres`.
    pub engine: String,
    /// When the backup was made, just after its database snapshot (UTC, RFC 3339).
    pub created_at: String,
    /// The version of thidua that wrote the backup.
    pub thidua_version: String,
    /// The archive entry of the database (`database/thidua.db` or `database/thidua.pgdump`).
    pub database_entry: String,
    /// Rows per table in the snapshot.
    pub tables: BTreeMap<String, i64>,
    /// Number of files of the blob store.
    pub blob_count: u64,
    /// Their total size in bytes.
    pub blob_bytes: u64,
    /// Every file of the blob store (its SHA-256 is its name).
    pub blobs: Vec<BlobEntry>,
}

/// One file of the blob store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlobEntry {
    pub sha256: String,
    pub bytes: u64,
}

impl Manifest {
    pub(crate) fn new(engine: &str, tables: BTreeMap<String, i64>, blobs: Vec<BlobEntry>) -> Self {
        let now = time::OffsetDateTime::now_utc();
        let created_at = now
            .replace_nanosecond(0)
            .unwrap_or(now)
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        let database_entry = match engine {
            POSTGRES => "database/thidua.pgdump",
            _ => "database/thidua.db",
        };
        Manifest {
            format: FORMAT,
            engine: engine.to_string(),
            created_at,
            thidua_version: env!("CARGO_PKG_VERSION").to_string(),
            database_entry: database_entry.to_string(),
            tables,
            blob_count: blobs.len() as u64,
            blob_bytes: blobs.iter().map(|b| b.bytes).sum(),
            blobs,
        }
    }

    /// Reads a manifest and refuses one this build cannot restore.
    pub(crate) fn parse(bytes: &[u8]) -> anyhow::Result<Manifest> {
        let m: Manifest = serde_json::from_slice(bytes)
            .context("manifest.json của bản sao lưu không đọc được (tệp hỏng?)")?;
        if m.format > FORMAT {
            bail!(
                "bản sao lưu có định dạng phiên bản {} (thidua {}), mới hơn phiên bản {FORMAT} mà \
                 chương trình này đọc được. Hãy phục hồi bằng thidua {} hoặc mới hơn",
                m.format,
                m.thidua_version,
                m.thidua_version
            );
        }
        if m.engine != SQLITE && m.engine != POSTGRES {
            bail!(
                "manifest.json ghi loại cơ sở dữ liệu không rõ: «{}»",
                m.engine
            );
        }
        if m.blob_count != m.blobs.len() as u64 {
            bail!("manifest.json không nhất quán: số tệp đính kèm khác danh sách tệp");
        }
        Ok(m)
    }

    /// Compares the row counts of a restored database with the manifest's.
    pub(crate) fn check_counts(&self, restored: &BTreeMap<String, i64>) -> anyhow::Result<()> {
        let mut differences = Vec::new();
        for (table, rows) in &self.tables {
            match restored.get(table) {
                Some(n) if n == rows => {}
                Some(n) => differences.push(format!("{table}: {n} dòng, manifest ghi {rows}")),
                None => differences.push(format!("thiếu bảng {table}")),
            }
        }
        for table in restored.keys().filter(|t| !self.tables.contains_key(*t)) {
            differences.push(format!("bảng {table} không có trong manifest"));
        }
        if differences.is_empty() {
            Ok(())
        } else {
            bail!(
                "dữ liệu phục hồi không khớp với manifest: {}",
                differences.join("; ")
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_must_match_table_by_table() {
        let tables = BTreeMap::from([("persons".to_string(), 3), ("units".to_string(), 2)]);
        let m = Manifest::new(SQLITE, tables.clone(), vec![]);
        assert!(m.check_counts(&tables).is_ok());
        let mut fewer = tables.clone();
        fewer.insert("persons".to_string(), 2);
        let e = m.check_counts(&fewer).map_err(|e| e.to_string());
        assert_eq!(
            e,
            Err("dữ liệu phục hồi không khớp với manifest: persons: 2 dòng, manifest ghi 3".into())
        );
    }

    #[test]
    fn a_newer_format_is_refused() {
        let mut m = Manifest::new(POSTGRES, BTreeMap::new(), vec![]);
        m.format = FORMAT + 1;
        let bytes = serde_json::to_vec(&m).unwrap_or_default();
        let e = Manifest::parse(&bytes).map_err(|e| e.to_string());
        assert!(e.is_err_and(|e| e.contains("mới hơn")));
    }
}

//! The archive file: a gzip-compressed tar holding
//!
//! ```text
//! manifest.json          format, schema version, source organisation, row counts, files
//! tables/NN-name.json    {"name", "columns": [{"name", "kind"}], "rows": [[value, …], …]}
//! blobs/<sha256>         every file the rows name (dossier documents, evidence, forwarded packages)
//! ```
//!
//! Reading checks everything before anything is written: the format, a schema no newer than ours,
//! every table known and counted as the manifest says, every file present and matching its SHA-256.

use super::tables;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read;
use thidua_domain::Validation;
use thidua_store::blobs::sha256_hex;
use thidua_store::bulk::Val;
use thidua_store::transfer::Kind;

pub const FORMAT: &str = "thidua-transfer";
pub const FORMAT_VERSION: i64 = 1;
/// The field a refused archive is reported on.
pub const FIELD: &str = "archive";
const LABEL: &str = "Tệp dữ liệu chuyển giao";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub format: String,
    pub format_version: i64,
    /// The newest shared migration of the program that wrote it.
    pub schema_version: i64,
    pub thidua_version: String,
    pub exported_at: String,
    pub source_org_id: String,
    pub source_org_name: String,
    /// Rows per table.
    pub tables: BTreeMap<String, usize>,
    /// SHA-256 of every file.
    pub blobs: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ColumnData {
    pub name: String,
    pub kind: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TableData {
    pub name: String,
    pub columns: Vec<ColumnData>,
    pub rows: Vec<Vec<Value>>,
}

/// An archive in memory.
#[derive(Debug, Clone)]
pub struct Archive {
    pub manifest: Manifest,
    pub tables: Vec<TableData>,
    pub blobs: BTreeMap<String, Vec<u8>>,
}

pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "text",
        Kind::Int => "int",
        Kind::Real => "real",
        Kind::Bool => "bool",
    }
}

pub fn to_json(v: &Val) -> Value {
    match v {
        Val::Text(s) => Value::String(s.clone()),
        Val::Int(i) => Value::from(*i),
        Val::Real(f) => Value::from(*f),
        Val::Bool(b) => Value::Bool(*b),
        Val::Null | Val::NullInt | Val::NullReal | Val::NullBool => Value::Null,
    }
}

/// A value of the archive as a value of a column of `kind`; `None` when it cannot be one.
pub fn from_json(v: &Value, kind: Kind) -> Option<Val> {
    Some(match (v, kind) {
        (Value::Null, k) => k.null(),
        (Value::String(s), Kind::Text) => Val::Text(s.clone()),
        (Value::Number(n), Kind::Int) => Val::Int(n.as_i64()?),
        (Value::Number(n), Kind::Real) => Val::Real(n.as_f64()?),
        (Value::Bool(b), Kind::Bool) => Val::Bool(*b),
        // SQLite may hand a boolean back as 0/1.
        (Value::Number(n), Kind::Bool) => Val::Bool(n.as_i64()? != 0),
        _ => return None,
    })
}

/// A refusal of the archive as a whole, on its field.
pub fn refuse(message: impl Into<String>) -> Error {
    let mut v = Validation::new();
    v.add(FIELD, LABEL, message);
    Error::Invalid(v)
}

/// Writes an archive table by table, so that only one table is in memory at a time; the manifest,
/// which counts them, comes last (readers take the entries in any order).
pub struct ArchiveWriter {
    tar: tar::Builder<flate2::write::GzEncoder<Vec<u8>>>,
    tables: usize,
}

fn io(e: std::io::Error) -> Error {
    Error::Internal(e.into())
}

impl ArchiveWriter {
    pub fn new() -> ArchiveWriter {
        let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        ArchiveWriter {
            tar: tar::Builder::new(gz),
            tables: 0,
        }
    }

    fn add(&mut self, path: String, bytes: &[u8]) -> Result<()> {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        self.tar.append_data(&mut header, path, bytes).map_err(io)
    }

    pub fn table(&mut self, t: &TableData) -> Result<()> {
        let path = format!("tables/{:02}-{}.json", self.tables, t.name);
        self.tables += 1;
        self.add(path, &json(t)?)
    }

    pub fn blob(&mut self, sha: &str, bytes: &[u8]) -> Result<()> {
        self.add(format!("blobs/{sha}"), bytes)
    }

    /// Adds the manifest and returns the compressed file.
    pub fn finish(mut self, manifest: &Manifest) -> Result<Vec<u8>> {
        self.add("manifest.json".into(), &json(manifest)?)?;
        let gz = self.tar.into_inner().map_err(io)?;
        gz.finish().map_err(io)
    }
}

impl Default for ArchiveWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl Archive {
    /// Reads and checks an archive; a clear refusal for anything broken, newer or foreign.
    pub fn from_bytes(bytes: &[u8], our_schema: i64) -> Result<Archive> {
        let (manifest, tables, blobs) = read_entries(bytes)?;
        let manifest = manifest.ok_or_else(|| {
            refuse("Tệp không phải dữ liệu chuyển giao của thidua (thiếu manifest.json).")
        })?;
        check_manifest(&manifest, our_schema)?;
        let archive = Archive {
            manifest,
            tables,
            blobs,
        };
        archive.check_contents()?;
        Ok(archive)
    }

    fn check_contents(&self) -> Result<()> {
        let m = &self.manifest;
        for t in &self.tables {
            if tables::find(&t.name).is_none() {
                return Err(refuse(format!("Tệp có bảng dữ liệu lạ: {}.", t.name)));
            }
            if m.tables.get(&t.name) != Some(&t.rows.len()) {
                return Err(refuse(format!(
                    "Bảng {} có {} dòng, khác với số dòng ghi trong manifest: tệp bị hỏng hoặc bị sửa.",
                    t.name,
                    t.rows.len()
                )));
            }
            if t.rows.iter().any(|r| r.len() != t.columns.len()) {
                return Err(refuse(format!(
                    "Bảng {} có dòng thiếu cột: tệp bị hỏng.",
                    t.name
                )));
            }
        }
        if let Some(missing) = m
            .tables
            .keys()
            .find(|name| !self.tables.iter().any(|t| &t.name == *name))
        {
            return Err(refuse(format!("Tệp thiếu bảng {missing}: tệp bị hỏng.")));
        }
        for sha in &m.blobs {
            match self.blobs.get(sha) {
                None => {
                    return Err(refuse(format!(
                        "Tệp thiếu tệp đính kèm {sha}: tệp bị hỏng."
                    )));
                }
                Some(b) if &sha256_hex(b) != sha => {
                    return Err(refuse(format!(
                        "Tệp đính kèm {sha} không khớp mã SHA-256 của nó: tệp bị hỏng hoặc bị sửa."
                    )));
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// The table of that name (an empty one when the archive has none).
    pub fn table(&self, name: &str) -> Option<&TableData> {
        self.tables.iter().find(|t| t.name == name)
    }
}

fn json<T: Serialize>(v: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(v).map_err(|e| Error::Internal(e.into()))
}

type Entries = (Option<Manifest>, Vec<TableData>, BTreeMap<String, Vec<u8>>);

/// What an archive may unpack to, in all.
const MAX_UNPACKED: u64 = 2 << 30;

fn read_entries(bytes: &[u8]) -> Result<Entries> {
    let broken = |_| refuse("Không đọc được tệp: đây không phải tệp .tar.gz hoặc tệp đã bị hỏng.");
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(bytes));
    let mut manifest = None;
    let mut tables = Vec::new();
    let mut blobs = BTreeMap::new();
    let mut left = MAX_UNPACKED;
    for entry in tar.entries().map_err(broken)? {
        let entry = entry.map_err(broken)?;
        let path = entry.path().map_err(broken)?.to_string_lossy().to_string();
        let mut data = Vec::new();
        // Never more than the cap in memory, whatever a small compressed file claims to unpack to.
        let read = entry
            .take(left + 1)
            .read_to_end(&mut data)
            .map_err(broken)? as u64;
        if read > left {
            return Err(refuse(format!(
                "Tệp giải nén ra hơn {} GB: quá lớn để nhập qua trang này.",
                MAX_UNPACKED >> 30
            )));
        }
        left -= read;
        let bad_json = |e: serde_json::Error| refuse(format!("Không đọc được {path}: {e}."));
        if path == "manifest.json" {
            manifest = Some(serde_json::from_slice(&data).map_err(bad_json)?);
        } else if path.starts_with("tables/") {
            tables.push(serde_json::from_slice(&data).map_err(bad_json)?);
        } else if let Some(sha) = path.strip_prefix("blobs/") {
            blobs.insert(sha.to_string(), data);
        }
    }
    Ok((manifest, tables, blobs))
}

fn check_manifest(m: &Manifest, our_schema: i64) -> Result<()> {
    if m.format != FORMAT {
        return Err(refuse(
            "Tệp không phải dữ liệu chuyển giao của thidua (sai định dạng).",
        ));
    }
    if m.format_version > FORMAT_VERSION {
        return Err(refuse(format!(
            "Tệp dùng định dạng chuyển giao số {} của một phiên bản thidua mới hơn (hệ thống này đọc đến số {FORMAT_VERSION}). \
             Hãy cập nhật hệ thống này trước khi nhập.",
            m.format_version
        )));
    }
    if m.schema_version > our_schema {
        return Err(refuse(format!(
            "Tệp được xuất từ phiên bản thidua mới hơn (cấu trúc dữ liệu số {}, hệ thống này đến số {our_schema}). \
             Hãy cập nhật hệ thống này trước khi nhập.",
            m.schema_version
        )));
    }
    Ok(())
}

impl TableData {
    /// The position of a column.
    pub fn col(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    /// A text value of a row, by column name (`None` for NULL or a missing column).
    pub fn text<'r>(&self, row: &'r [Value], name: &str) -> Option<&'r str> {
        self.col(name)
            .and_then(|i| row.get(i))
            .and_then(Value::as_str)
    }
}

//! Writing a backup: the database snapshot first, then the blob store, into one `.tar.gz` that appears
//! under its final name only when complete.

use super::manifest::{self, BlobEntry, Manifest};
use super::{Database, Location, postgres, sqlite};
use anyhow::{Context, bail};
use flate2::Compression;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{BufWriter, Read};
use std::path::{Path, PathBuf};

/// Takes the backup of `location` into `out` and returns its manifest.
pub(crate) async fn create(out: &Path, location: &Location) -> anyhow::Result<Manifest> {
    if out.is_dir() {
        bail!(
            "--out {} là một thư mục; hãy ghi tên tệp, ví dụ {}",
            out.display(),
            out.join("thidua-backup.tar.gz").display()
        );
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !parent.is_dir() {
        bail!(
            "thư mục {} không tồn tại; hãy tạo nó hoặc chọn --out khác",
            parent.display()
        );
    }
    // Work files sit beside the archive (same disk, so the final rename is atomic) and go on failure.
    let staging = tempfile::Builder::new()
        .prefix(".thidua-backup-")
        .tempdir_in(parent)
        .with_context(|| format!("không ghi được vào thư mục {}", parent.display()))?;
    let database = location.database();
    let db_file = staging.path().join("database");
    let tables = match &database {
        Database::Sqlite(path) => sqlite::snapshot(path, &db_file).await?,
        Database::Postgres(url) => postgres::snapshot(url, &db_file).await?,
    };
    // The blob store is read after the database snapshot. Blobs are content-addressed and never
    // change or disappear once written, and a row refers to a blob only after the blob is stored, so
    // every blob the snapshot refers to already exists now: the copy is consistent. Blobs stored after
    // the snapshot may come along too; they are harmless (nothing in this snapshot refers to them).
    let blob_dir = location.blob_dir();
    let blobs = list_blobs(&blob_dir)?;
    let manifest = Manifest::new(database.engine(), tables, blobs);
    let partial = staging.path().join("backup.tar.gz");
    write_archive(&partial, &manifest, &db_file, &blob_dir)?;
    std::fs::rename(&partial, out)
        .with_context(|| format!("không ghi được tệp sao lưu {}", out.display()))?;
    Ok(manifest)
}

/// Every file of the blob store (`<root>/ab/abcdef…`), sorted; half-written temporary files (their
/// names start with a dot) are left out. A missing folder is an empty store.
pub(crate) fn list_blobs(root: &Path) -> anyhow::Result<Vec<BlobEntry>> {
    let mut blobs = Vec::new();
    if !root.exists() {
        return Ok(blobs);
    }
    let unreadable = || format!("không đọc được kho tệp đính kèm {}", root.display());
    for dir in std::fs::read_dir(root).with_context(unreadable)? {
        let dir = dir.with_context(unreadable)?;
        if !dir.file_type().with_context(unreadable)?.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(dir.path()).with_context(unreadable)? {
            let file = file.with_context(unreadable)?;
            let name = file.file_name().to_string_lossy().to_string();
            let prefix = dir.file_name().to_string_lossy().to_string();
            if is_blob_name(&prefix, &name) {
                let bytes = file.metadata().with_context(unreadable)?.len();
                blobs.push(BlobEntry {
                    sha256: name,
                    bytes,
                });
            }
        }
    }
    blobs.sort_by(|a, b| a.sha256.cmp(&b.sha256));
    Ok(blobs)
}

/// True for a blob's folder and file names: `ab` and `ab` followed by 62 more lowercase hex digits.
pub(crate) fn is_blob_name(prefix: &str, name: &str) -> bool {
    name.len() == 64
        && name.starts_with(prefix)
        && prefix.len() == 2
        && name
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
}

/// Where a blob sits in the store and in the archive.
pub(crate) fn blob_path(root: &Path, sha256: &str) -> PathBuf {
    root.join(&sha256[..2]).join(sha256)
}

fn write_archive(
    path: &Path,
    manifest: &Manifest,
    db_file: &Path,
    blob_dir: &Path,
) -> anyhow::Result<()> {
    let failed = || format!("không ghi được tệp sao lưu {}", path.display());
    let file = File::create(path).with_context(failed)?;
    let mut tar = tar::Builder::new(GzEncoder::new(BufWriter::new(file), Compression::default()));
    let json = serde_json::to_vec_pretty(manifest).context("manifest")?;
    let mut header = entry_header(json.len() as u64);
    tar.append_data(&mut header, manifest::ENTRY, json.as_slice())
        .with_context(failed)?;
    tar.append_path_with_name(db_file, &manifest.database_entry)
        .with_context(failed)?;
    for blob in &manifest.blobs {
        append_blob(&mut tar, blob_dir, blob).with_context(failed)?;
    }
    let gz = tar.into_inner().with_context(failed)?;
    let buffered = gz.finish().with_context(failed)?;
    let file = buffered
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(failed)?;
    file.sync_all().with_context(failed)?;
    Ok(())
}

fn entry_header(size: u64) -> tar::Header {
    let mut header = tar::Header::new_gnu();
    header.set_size(size);
    header.set_mode(0o644);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    header.set_mtime(now);
    header
}

/// Appends one blob, checking on the way that its bytes still hash to its name.
fn append_blob<W: std::io::Write>(
    tar: &mut tar::Builder<W>,
    root: &Path,
    blob: &BlobEntry,
) -> anyhow::Result<()> {
    let path = blob_path(root, &blob.sha256);
    let file = File::open(&path).with_context(|| format!("không đọc được {}", path.display()))?;
    let mut reader = HashingReader::new(file);
    let mut header = entry_header(blob.bytes);
    let name = format!("blobs/{}/{}", &blob.sha256[..2], blob.sha256);
    tar.append_data(&mut header, &name, &mut reader)?;
    let (count, sha) = reader.finish();
    if count != blob.bytes || sha != blob.sha256 {
        bail!(
            "tệp {} trong kho tệp đính kèm bị hỏng (nội dung không khớp SHA-256 ở tên tệp); \
             hãy kiểm tra ổ đĩa và khôi phục tệp này từ bản sao lưu trước",
            path.display()
        );
    }
    Ok(())
}

/// A reader that hashes (SHA-256) and counts what passes through it.
pub(crate) struct HashingReader<R> {
    inner: R,
    hasher: Sha256,
    count: u64,
}

impl<R: Read> HashingReader<R> {
    pub(crate) fn new(inner: R) -> Self {
        HashingReader {
            inner,
            hasher: Sha256::new(),
            count: 0,
        }
    }

    /// Bytes read and their SHA-256 (lowercase hex).
    pub(crate) fn finish(self) -> (u64, String) {
        (self.count, hex::encode(self.hasher.finalize()))
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
}

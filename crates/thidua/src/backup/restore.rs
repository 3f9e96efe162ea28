//! Restoring a backup: read the manifest, refuse a target that is not empty (unless `--force`) or of the
//! other engine, unpack the blobs and the database, then verify both against the manifest.

use super::archive::{HashingReader, blob_path, is_blob_name};
use super::manifest::{self, Manifest};
use super::{Database, Location, postgres, sqlite};
use anyhow::{Context, bail};
use flate2::read::GzDecoder;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Restores the archive `from` into `location` and returns its manifest.
pub(crate) async fn run(from: &Path, location: &Location, force: bool) -> anyhow::Result<Manifest> {
    let manifest = read_manifest(from)?;
    let database = location.database();
    refuse_other_engine(&manifest, &database)?;
    if !force {
        refuse_non_empty(&database, &location.blob_dir()).await?;
    }
    std::fs::create_dir_all(&location.data_dir).with_context(|| {
        format!(
            "không tạo được thư mục dữ liệu {}",
            location.data_dir.display()
        )
    })?;
    // The database is unpacked beside its final place (same disk: the last step is a rename).
    let staging_parent = match &database {
        Database::Sqlite(file) => parent_of(file),
        Database::Postgres(_) => location.data_dir.clone(),
    };
    std::fs::create_dir_all(&staging_parent)
        .with_context(|| format!("không tạo được thư mục {}", staging_parent.display()))?;
    let staging = tempfile::Builder::new()
        .prefix(".thidua-restore-")
        .tempdir_in(&staging_parent)
        .with_context(|| format!("không ghi được vào thư mục {}", staging_parent.display()))?;
    let staged = staging.path().join("database");
    unpack(from, &manifest, &staged, &location.blob_dir())?;
    verify_blobs(&manifest, &location.blob_dir())?;
    match &database {
        Database::Sqlite(file) => {
            // Checked before it replaces anything: a file that does not match is never installed.
            manifest.check_counts(&sqlite::verify(&staged).await?)?;
            sqlite::install(&staged, file)?;
        }
        Database::Postgres(url) => {
            manifest.check_counts(&postgres::restore(url, &staged, force).await?)?;
        }
    }
    Ok(manifest)
}

fn parent_of(file: &Path) -> PathBuf {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn open_archive(from: &Path) -> anyhow::Result<tar::Archive<GzDecoder<File>>> {
    let file = File::open(from)
        .with_context(|| format!("không mở được tệp sao lưu {}", from.display()))?;
    Ok(tar::Archive::new(GzDecoder::new(file)))
}

fn not_a_backup(from: &Path) -> String {
    format!(
        "{} không phải bản sao lưu của thidua (tệp .tar.gz do «thidua backup» tạo) hoặc đã bị hỏng",
        from.display()
    )
}

/// The manifest, which `thidua backup` writes as the first entry.
fn read_manifest(from: &Path) -> anyhow::Result<Manifest> {
    let mut archive = open_archive(from)?;
    let mut entries = archive.entries().with_context(|| not_a_backup(from))?;
    let mut first = match entries.next() {
        Some(entry) => entry.with_context(|| not_a_backup(from))?,
        None => bail!(not_a_backup(from)),
    };
    let is_manifest = first
        .path()
        .map(|p| p == Path::new(manifest::ENTRY))
        .unwrap_or(false);
    if !is_manifest {
        bail!("{} (không có manifest.json)", not_a_backup(from));
    }
    let mut bytes = Vec::new();
    first
        .read_to_end(&mut bytes)
        .with_context(|| not_a_backup(from))?;
    Manifest::parse(&bytes)
}

fn refuse_other_engine(manifest: &Manifest, target: &Database) -> anyhow::Result<()> {
    if manifest.engine == target.engine() {
        return Ok(());
    }
    let advice = match target {
        Database::Postgres(_) => {
            "bản sao lưu này là của SQLite, còn nơi phục hồi là PostgreSQL (--database-url \
             postgres://…). Hãy phục hồi vào một thư mục dữ liệu SQLite (bỏ --database-url), hoặc \
             dùng một bản sao lưu lấy từ PostgreSQL"
        }
        Database::Sqlite(_) => {
            "bản sao lưu này là của PostgreSQL, còn nơi phục hồi là SQLite (không có --database-url \
             postgres://…). Hãy thêm --database-url của một cơ sở dữ liệu PostgreSQL trống"
        }
    };
    bail!("{advice}; thidua chỉ phục hồi vào cùng loại cơ sở dữ liệu")
}

async fn refuse_non_empty(database: &Database, blob_dir: &Path) -> anyhow::Result<()> {
    let holder = match database {
        Database::Sqlite(file) if !sqlite::is_empty(file).await? => {
            Some(format!("cơ sở dữ liệu {}", file.display()))
        }
        Database::Postgres(url) if !postgres::is_empty(url).await? => Some(format!(
            "cơ sở dữ liệu PostgreSQL {}",
            postgres::split_password(url).0
        )),
        _ if has_files(blob_dir) => Some(format!("kho tệp đính kèm {}", blob_dir.display())),
        _ => None,
    };
    match holder {
        None => Ok(()),
        Some(what) => bail!(
            "{what} đã có dữ liệu; thidua chỉ phục hồi vào nơi còn trống. Nếu đúng là muốn ghi đè, \
             hãy dừng mọi máy chủ thidua đang dùng dữ liệu này rồi chạy lại với --force"
        ),
    }
}

/// True when a folder holds any file, one level of sub-folders deep (the blob store's shape).
fn has_files(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        let path = e.path();
        path.is_file()
            || std::fs::read_dir(&path)
                .map(|mut inner| inner.next().is_some())
                .unwrap_or(false)
    })
}

/// Unpacks the database entry to `staged` and every blob into `blob_dir`, each blob checked against
/// its name on the way in.
fn unpack(from: &Path, manifest: &Manifest, staged: &Path, blob_dir: &Path) -> anyhow::Result<()> {
    let mut archive = open_archive(from)?;
    let mut found_database = false;
    for entry in archive.entries().with_context(|| not_a_backup(from))? {
        let mut entry = entry.with_context(|| not_a_backup(from))?;
        let name = entry
            .path()
            .with_context(|| not_a_backup(from))?
            .to_string_lossy()
            .to_string();
        if name == manifest::ENTRY {
            continue;
        } else if name == manifest.database_entry {
            let mut out = File::create(staged)
                .with_context(|| format!("không ghi được {}", staged.display()))?;
            std::io::copy(&mut entry, &mut out).with_context(|| not_a_backup(from))?;
            out.sync_all().ok();
            found_database = true;
        } else if let Some(sha) = blob_name(&name) {
            write_blob(&mut entry, blob_dir, &sha).with_context(|| not_a_backup(from))?;
        } else {
            bail!("{}: mục lạ «{name}»", not_a_backup(from));
        }
    }
    if !found_database {
        bail!("{} (thiếu {})", not_a_backup(from), manifest.database_entry);
    }
    Ok(())
}

/// `blobs/ab/abcdef…` → `abcdef…`; anything else (a path that climbs out, a wrong name) → `None`.
fn blob_name(entry: &str) -> Option<String> {
    let mut parts = entry.split('/');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some("blobs"), Some(prefix), Some(name), None) if is_blob_name(prefix, name) => {
            Some(name.to_string())
        }
        _ => None,
    }
}

/// Writes one blob (temporary name, then rename) and refuses bytes that do not hash to its name.
fn write_blob(reader: &mut impl Read, root: &Path, sha: &str) -> anyhow::Result<()> {
    let path = blob_path(root, sha);
    let dir = parent_of(&path);
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("không tạo được thư mục {}", dir.display()))?;
    let tmp = dir.join(format!(".{sha}.restore"));
    let mut hashing = HashingReader::new(reader);
    let mut out =
        File::create(&tmp).with_context(|| format!("không ghi được {}", tmp.display()))?;
    std::io::copy(&mut hashing, &mut out)?;
    out.sync_all()?;
    let (_, actual) = hashing.finish();
    if actual != sha {
        std::fs::remove_file(&tmp).ok();
        bail!("tệp đính kèm {sha} trong bản sao lưu bị hỏng (SHA-256 là {actual})");
    }
    std::fs::rename(&tmp, &path).with_context(|| format!("không ghi được {}", path.display()))?;
    Ok(())
}

/// Reads back every blob the manifest lists from the store and checks its size and SHA-256.
fn verify_blobs(manifest: &Manifest, root: &Path) -> anyhow::Result<()> {
    for blob in &manifest.blobs {
        let path = blob_path(root, &blob.sha256);
        let file = File::open(&path).with_context(|| {
            format!(
                "thiếu tệp đính kèm {} sau khi phục hồi (bản sao lưu không đủ?)",
                blob.sha256
            )
        })?;
        let mut hashing = HashingReader::new(file);
        std::io::copy(&mut hashing, &mut std::io::sink())
            .with_context(|| format!("không đọc được {}", path.display()))?;
        let (bytes, sha) = hashing.finish();
        if bytes != blob.bytes || sha != blob.sha256 {
            bail!(
                "tệp đính kèm {} sau khi phục hồi không khớp manifest ({bytes} byte, SHA-256 {sha})",
                path.display()
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_blob_entries_of_the_right_shape_are_unpacked() {
        let sha = "ab".to_string() + &"0".repeat(62);
        assert_eq!(blob_name(&format!("blobs/ab/{sha}")), Some(sha.clone()));
        assert_eq!(blob_name(&format!("blobs/ac/{sha}")), None);
        assert_eq!(blob_name(&format!("blobs/../{sha}")), None);
        assert_eq!(blob_name("blobs/ab/../../etc/passwd"), None);
    }
}

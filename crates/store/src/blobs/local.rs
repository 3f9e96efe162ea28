//! Blobs as files in a folder on the local disk (`<root>/ab/abcdef…`): the default of a single node,
//! or of several nodes that mount one shared folder.

use super::{BlobStore, relative_path, sha256_hex};
use std::path::PathBuf;

/// Blobs as files in a folder on the local disk.
#[derive(Debug, Clone)]
pub struct LocalDisk {
    pub root: PathBuf,
}

impl LocalDisk {
    pub fn new(root: impl Into<PathBuf>) -> LocalDisk {
        LocalDisk { root: root.into() }
    }

    fn path_of(&self, sha256: &str) -> std::io::Result<PathBuf> {
        Ok(self.root.join(relative_path(sha256)?))
    }
}

#[async_trait::async_trait]
impl BlobStore for LocalDisk {
    async fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let key = sha256_hex(bytes);
        let path = self.path_of(&key)?;
        if tokio::fs::try_exists(&path).await? {
            return Ok(key);
        }
        let dir = path
            .parent()
            .map(PathBuf::from)
            .unwrap_or_else(|| self.root.clone());
        tokio::fs::create_dir_all(&dir).await?;
        // Write to a temporary name, then rename: a reader never sees half a file.
        let tmp = dir.join(format!(".{key}.{}", crate::ids::new_id()));
        tokio::fs::write(&tmp, bytes).await?;
        tokio::fs::rename(&tmp, &path).await?;
        Ok(key)
    }

    async fn get(&self, sha256: &str) -> std::io::Result<Vec<u8>> {
        tokio::fs::read(self.path_of(sha256)?).await
    }

    fn describe(&self) -> String {
        format!("thư mục {}", self.root.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn stores_once_and_reads_back() {
        let dir = std::env::temp_dir().join(format!("thidua-blobs-{}", crate::ids::new_id()));
        let store = LocalDisk::new(&dir);
        let a = store.put(b"minh chung").await.unwrap();
        let b = store.put(b"minh chung").await.unwrap();
        assert_eq!(a, b);
        assert_eq!(store.get(&a).await.unwrap(), b"minh chung");
        let bad = store.get("../../etc/passwd").await.unwrap_err();
        assert_eq!(bad.kind(), std::io::ErrorKind::InvalidInput);
        let missing = store.get(&sha256_hex(b"khong co")).await.unwrap_err();
        assert_eq!(missing.kind(), std::io::ErrorKind::NotFound);
        let _ = std::fs::remove_dir_all(dir);
    }
}

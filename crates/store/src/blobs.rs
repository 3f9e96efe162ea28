//! Files outside the database (evidence, documents sent), behind a small trait so a province can move
//! them to an S3-compatible store later. Content-addressed: a file is stored once under its SHA-256, so
//! the same evidence uploaded twice takes the space of one and a stored file can never change.

use std::path::PathBuf;

/// Where file bytes are kept.
pub trait BlobStore: Send + Sync + std::fmt::Debug {
    /// Stores the bytes and returns their SHA-256 (hex), the key to read them back.
    fn put(&self, bytes: &[u8]) -> std::io::Result<String>;
    /// Reads the bytes stored under a key.
    fn get(&self, sha256: &str) -> std::io::Result<Vec<u8>>;
}

/// Blobs as files in a folder on the local disk (`<root>/ab/abcdef…`).
#[derive(Debug, Clone)]
pub struct LocalDisk {
    pub root: PathBuf,
}

impl LocalDisk {
    pub fn new(root: impl Into<PathBuf>) -> LocalDisk {
        LocalDisk { root: root.into() }
    }

    fn path_of(&self, sha256: &str) -> std::io::Result<PathBuf> {
        if sha256.len() != 64 || !sha256.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "not a SHA-256 key",
            ));
        }
        Ok(self.root.join(&sha256[..2]).join(sha256))
    }
}

/// The SHA-256 of some bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

impl BlobStore for LocalDisk {
    fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let key = sha256_hex(bytes);
        let path = self.path_of(&key)?;
        if path.exists() {
            return Ok(key);
        }
        let dir = path
            .parent()
            .map(PathBuf::from)
            .unwrap_or_else(|| self.root.clone());
        std::fs::create_dir_all(&dir)?;
        // Write to a temporary name, then rename: a reader never sees half a file.
        let tmp = dir.join(format!(".{key}.{}", crate::ids::new_id()));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, &path)?;
        Ok(key)
    }

    fn get(&self, sha256: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(self.path_of(sha256)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_once_and_reads_back() {
        let dir = std::env::temp_dir().join(format!("thidua-blobs-{}", crate::ids::new_id()));
        let store = LocalDisk::new(&dir);
        let a = store.put(b"minh chung").unwrap();
        let b = store.put(b"minh chung").unwrap();
        assert_eq!(a, b);
        assert_eq!(store.get(&a).unwrap(), b"minh chung");
        assert!(store.get("../../etc/passwd").is_err());
        let _ = std::fs::remove_dir_all(dir);
    }
}

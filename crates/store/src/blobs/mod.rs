//! Files outside the database (evidence, documents sent, forwarded packages), behind a small trait so
//! they can live in a folder on the local disk or in an S3-compatible object store shared by several
//! app nodes. Content-addressed: a file is stored once under its SHA-256, so the same evidence
//! uploaded twice takes the space of one and a stored file can never change.

mod local;
mod s3;

pub use local::LocalDisk;
pub use s3::{S3Config, S3Store};

/// Where file bytes are kept. Async because an object store answers over the network; a caller
/// holds `&dyn BlobStore` (or an `Arc`) and never knows which kind it has.
#[async_trait::async_trait]
pub trait BlobStore: Send + Sync + std::fmt::Debug {
    /// Stores the bytes and returns their SHA-256 (hex), the key to read them back. Storing bytes
    /// that are already there changes nothing.
    async fn put(&self, bytes: &[u8]) -> std::io::Result<String>;
    /// Reads the bytes stored under a key (`NotFound` when there are none, `InvalidInput` when the
    /// key is not a SHA-256).
    async fn get(&self, sha256: &str) -> std::io::Result<Vec<u8>>;
    /// Where the files are, for the start-up message and logs (never a secret).
    fn describe(&self) -> String;
}

/// The SHA-256 of some bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// The key itself when it is a SHA-256 as [`sha256_hex`] writes it (64 lowercase hex digits).
/// Anything else is refused before it reaches a path or an object name, so a key read from a request
/// can never climb out of the store (`../../etc/passwd`) or name an object outside it.
pub fn checked_key(sha256: &str) -> std::io::Result<&str> {
    let hex = |c: char| c.is_ascii_digit() || ('a'..='f').contains(&c);
    if sha256.len() == 64 && sha256.chars().all(hex) {
        Ok(sha256)
    } else {
        Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "khóa tệp không phải là mã SHA-256",
        ))
    }
}

/// Where a key lives under a store's root: `ab/abcdef…`, so no folder or listing holds every file.
fn relative_path(sha256: &str) -> std::io::Result<String> {
    let key = checked_key(sha256)?;
    Ok(format!("{}/{key}", &key[..2]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_checked() {
        let key = sha256_hex(b"minh chung");
        assert_eq!(checked_key(&key).unwrap(), key);
        assert_eq!(relative_path(&key).unwrap(), format!("{}/{key}", &key[..2]));
        for bad in [
            "",
            "../../etc/passwd",
            &key[..63],
            &format!("{key}0"),
            &key.to_uppercase(),
            &format!("{}/{}", &key[..31], &key[32..]),
        ] {
            let e = checked_key(bad).unwrap_err();
            assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput, "{bad}");
        }
    }
}

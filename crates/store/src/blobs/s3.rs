//! Blobs as objects in an S3-compatible store (AWS S3, MinIO, Ceph, Garage…), under
//! `<prefix>/ab/abcdef…` in one bucket: the store several app nodes share, so a file uploaded
//! through one node is served by every other. Path-style addressing (`<endpoint>/<bucket>/<key>`),
//! which self-hosted servers expect, whenever an endpoint is given.

use super::{BlobStore, relative_path, sha256_hex};
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path;
use object_store::{ClientOptions, ObjectStore, ObjectStoreExt, PutPayload, RetryConfig};
use std::time::Duration;

/// How to reach a bucket. The binary fills it from its flags and environment.
#[derive(Debug, Clone, Default)]
pub struct S3Config {
    pub bucket: String,
    /// Folder inside the bucket (no leading or trailing `/`); empty for the bucket's root.
    pub prefix: String,
    /// `http(s)://host:port` of a self-hosted server; `None` for AWS itself.
    pub endpoint: Option<String>,
    pub region: Option<String>,
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<String>,
    pub session_token: Option<String>,
}

/// Blobs in an S3 bucket.
#[derive(Debug)]
pub struct S3Store {
    store: AmazonS3,
    prefix: String,
    label: String,
}

impl S3Store {
    /// A client of the bucket; nothing is sent yet (see [`S3Store::check`]).
    pub fn new(config: &S3Config) -> std::io::Result<S3Store> {
        // A few quick retries: a request that still fails is reported to the user, who can send
        // the form again, rather than holding the request for the default three minutes.
        let retry = RetryConfig {
            max_retries: 3,
            retry_timeout: Duration::from_secs(20),
            ..RetryConfig::default()
        };
        let mut b = AmazonS3Builder::new()
            .with_bucket_name(&config.bucket)
            .with_region(config.region.as_deref().unwrap_or("us-east-1"))
            .with_retry(retry)
            .with_client_options(ClientOptions::new().with_connect_timeout(Duration::from_secs(5)));
        if let Some(endpoint) = &config.endpoint {
            b = b
                .with_endpoint(endpoint)
                .with_allow_http(endpoint.starts_with("http://"))
                .with_virtual_hosted_style_request(false);
        }
        if let (Some(id), Some(secret)) = (&config.access_key_id, &config.secret_access_key) {
            b = b.with_access_key_id(id).with_secret_access_key(secret);
        }
        if let Some(token) = &config.session_token {
            b = b.with_token(token);
        }
        let store = b.build().map_err(std::io::Error::other)?;
        let prefix = config.prefix.trim_matches('/').to_string();
        let mut label = format!("s3://{}", config.bucket);
        if !prefix.is_empty() {
            label = format!("{label}/{prefix}");
        }
        if let Some(e) = &config.endpoint {
            label = format!("{label} tại {e}");
        }
        Ok(S3Store {
            store,
            prefix,
            label,
        })
    }

    fn location(&self, sha256: &str) -> std::io::Result<Path> {
        let rel = relative_path(sha256)?;
        Ok(if self.prefix.is_empty() {
            Path::from(rel)
        } else {
            Path::from(format!("{}/{rel}", self.prefix))
        })
    }

    /// Lists the store's folder once: fails when the server, the bucket or the credentials are wrong,
    /// so a node refuses to start instead of failing on the first upload.
    pub async fn check(&self) -> std::io::Result<()> {
        let prefix = (!self.prefix.is_empty()).then(|| Path::from(self.prefix.as_str()));
        self.store
            .list_with_delimiter(prefix.as_ref())
            .await
            .map(|_| ())
            .map_err(std::io::Error::from)
    }
}

#[async_trait::async_trait]
impl BlobStore for S3Store {
    async fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let key = sha256_hex(bytes);
        let location = self.location(&key)?;
        // Content-addressed: an object under this key already holds these bytes, so a HEAD spares
        // sending them again. Writing them twice would be harmless too (a PUT replaces atomically).
        match self.store.head(&location).await {
            Ok(_) => return Ok(key),
            Err(object_store::Error::NotFound { .. }) => {}
            Err(e) => return Err(e.into()),
        }
        self.store
            .put(&location, PutPayload::from(bytes.to_vec()))
            .await?;
        Ok(key)
    }

    async fn get(&self, sha256: &str) -> std::io::Result<Vec<u8>> {
        let location = self.location(sha256)?;
        let bytes = self.store.get(&location).await?.bytes().await?;
        Ok(bytes.to_vec())
    }

    fn describe(&self) -> String {
        self.label.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_live_under_the_prefix() {
        let store = S3Store::new(&S3Config {
            bucket: "thidua".into(),
            prefix: "/tinh/ha-noi/".into(),
            endpoint: Some("http://127.0.0.1:9".into()),
            ..S3Config::default()
        })
        .unwrap();
        let key = sha256_hex(b"x");
        assert_eq!(
            store.location(&key).unwrap().as_ref(),
            format!("tinh/ha-noi/{}/{key}", &key[..2])
        );
        assert!(store.location("../x").is_err());
        assert_eq!(
            store.describe(),
            "s3://thidua/tinh/ha-noi tại http://127.0.0.1:9"
        );
    }
}

//! Which store `thidua serve` keeps uploaded files in: a folder (the default, `blobs` in the data
//! folder) or an S3-compatible bucket that several app nodes share (`--blob-store s3://bucket/prefix`).
//! Every mistake in the setting stops the start with a Vietnamese message naming the setting to fix,
//! rather than failing on the first upload.

use anyhow::Context;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use thidua_store::blobs::{BlobStore, LocalDisk, S3Config, S3Store};

/// The flags of the blob store. The S3 keys are read from the environment only
/// (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), never from the command line
/// where other users of the machine could read them.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct BlobArgs {
    /// Where uploaded files are kept: a folder, or `s3://bucket/prefix` (default: `blobs` in the
    /// data folder).
    #[arg(long, env = "THIDUA_BLOB_STORE")]
    pub blob_store: Option<String>,
    /// The S3-compatible server of an `s3://` store, e.g. `http://127.0.0.1:9000` (default: AWS).
    #[arg(long, env = "THIDUA_S3_ENDPOINT")]
    pub s3_endpoint: Option<String>,
    /// The S3 region (default `us-east-1`, which self-hosted servers accept).
    #[arg(long, env = "THIDUA_S3_REGION")]
    pub s3_region: Option<String>,
}

/// A parsed `--blob-store`.
#[derive(Debug, PartialEq, Eq)]
pub enum Spec {
    Folder(PathBuf),
    S3 { bucket: String, prefix: String },
}

/// Reads a `--blob-store` value: a folder (`/srv/thidua/blobs`, `file:///srv/…`) or `s3://bucket/prefix`.
pub fn parse_spec(spec: &str) -> Result<Spec, String> {
    let spec = spec.trim();
    if spec.is_empty() {
        return Err("--blob-store (THIDUA_BLOB_STORE) đang để trống: hãy ghi một thư mục, hoặc s3://tên-bucket/thư-mục.".into());
    }
    if let Some(path) = spec.strip_prefix("file://") {
        return Ok(Spec::Folder(PathBuf::from(path)));
    }
    let Some(rest) = spec.strip_prefix("s3://") else {
        if let Some((scheme, _)) = spec.split_once("://") {
            return Err(format!(
                "Kho tệp «{spec}» không được hỗ trợ (kiểu «{scheme}»): hãy ghi một thư mục, hoặc s3://tên-bucket/thư-mục."
            ));
        }
        return Ok(Spec::Folder(PathBuf::from(spec)));
    };
    let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
    check_bucket(bucket)?;
    let prefix = prefix.trim_matches('/');
    let bad_part = prefix
        .split('/')
        .any(|p| (p.is_empty() && !prefix.is_empty()) || p == "." || p == "..");
    if bad_part || prefix.chars().any(|c| c.is_control() || c == '\\') {
        return Err(format!(
            "Thư mục «{prefix}» trong kho tệp «{spec}» không hợp lệ: hãy dùng các tên cách nhau bởi một dấu /, không có «..», «.» hay ký tự điều khiển."
        ));
    }
    Ok(Spec::S3 {
        bucket: bucket.to_string(),
        prefix: prefix.to_string(),
    })
}

/// Bucket names as S3 allows them: 3–63 lowercase letters, digits, `-` and `.`, starting and ending
/// with a letter or digit.
fn check_bucket(bucket: &str) -> Result<(), String> {
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.';
    let edge = |c: Option<char>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    if (3..=63).contains(&bucket.len())
        && bucket.chars().all(allowed)
        && edge(bucket.chars().next())
        && edge(bucket.chars().last())
    {
        Ok(())
    } else {
        Err(format!(
            "Tên bucket «{bucket}» không hợp lệ: dài 3–63 ký tự, chỉ gồm chữ thường không dấu, chữ số, «-» và «.», bắt đầu và kết thúc bằng chữ hoặc số (ví dụ s3://thidua-tep/ha-noi)."
        ))
    }
}

/// The S3 settings of an `s3://` store from the flags and `env` (the process environment, or a map
/// in tests).
pub fn s3_config(
    args: &BlobArgs,
    bucket: String,
    prefix: String,
    env: impl Fn(&str) -> Option<String>,
) -> Result<S3Config, String> {
    let endpoint = args.s3_endpoint.as_deref().map(str::trim);
    if let Some(e) = endpoint {
        let host = e
            .strip_prefix("http://")
            .or_else(|| e.strip_prefix("https://"));
        if host
            .is_none_or(|h| h.is_empty() || h.starts_with('/') || h.contains(char::is_whitespace))
        {
            return Err(format!(
                "Địa chỉ máy chủ S3 «{e}» (--s3-endpoint, THIDUA_S3_ENDPOINT) không hợp lệ: hãy ghi dạng http://máy:cổng hoặc https://máy."
            ));
        }
    }
    let nonempty = |name: &str| env(name).filter(|v| !v.trim().is_empty());
    let (id, secret) = (
        nonempty("AWS_ACCESS_KEY_ID"),
        nonempty("AWS_SECRET_ACCESS_KEY"),
    );
    if id.is_some() != secret.is_some() {
        let missing = if id.is_some() {
            "AWS_SECRET_ACCESS_KEY"
        } else {
            "AWS_ACCESS_KEY_ID"
        };
        return Err(format!(
            "Thiếu biến môi trường {missing}: kho tệp S3 cần cả AWS_ACCESS_KEY_ID và AWS_SECRET_ACCESS_KEY."
        ));
    }
    Ok(S3Config {
        bucket,
        prefix,
        endpoint: endpoint.map(|e| e.trim_end_matches('/').to_string()),
        region: args.s3_region.clone().filter(|r| !r.trim().is_empty()),
        access_key_id: id,
        secret_access_key: secret,
        session_token: nonempty("AWS_SESSION_TOKEN"),
    })
}

/// Opens the store `args` name (default: `blobs` in `data_dir`) and checks that it answers.
pub async fn open(args: &BlobArgs, data_dir: &Path) -> anyhow::Result<Arc<dyn BlobStore>> {
    let spec = match &args.blob_store {
        Some(s) => parse_spec(s).map_err(anyhow::Error::msg)?,
        None => Spec::Folder(data_dir.join("blobs")),
    };
    match spec {
        Spec::Folder(dir) => {
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("Không tạo được thư mục lưu tệp {}", dir.display()))?;
            Ok(Arc::new(LocalDisk::new(dir)))
        }
        Spec::S3 { bucket, prefix } => {
            let config = s3_config(args, bucket, prefix, |k| std::env::var(k).ok())
                .map_err(anyhow::Error::msg)?;
            Ok(Arc::new(open_s3(&config).await?))
        }
    }
}

/// A client of the bucket that has just listed it.
pub async fn open_s3(config: &S3Config) -> anyhow::Result<S3Store> {
    let store = S3Store::new(config)
        .map_err(|e| anyhow::anyhow!("Không dùng được kho tệp S3 s3://{}: {e}", config.bucket))?;
    let checked = tokio::time::timeout(Duration::from_secs(30), store.check()).await;
    let problem = match checked {
        Ok(Ok(())) => return Ok(store),
        Ok(Err(e)) => e.to_string(),
        Err(_) => "không có trả lời sau 30 giây".to_string(),
    };
    anyhow::bail!(
        "Không kết nối được kho tệp {} ({problem}). Hãy kiểm tra địa chỉ máy chủ (THIDUA_S3_ENDPOINT), tên bucket và khóa truy cập (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).",
        store.describe()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse_or_say_what_is_wrong() {
        assert_eq!(
            parse_spec("data/blobs"),
            Ok(Spec::Folder("data/blobs".into()))
        );
        assert_eq!(
            parse_spec("file:///srv/tep"),
            Ok(Spec::Folder("/srv/tep".into()))
        );
        let s3 = |b: &str, p: &str| {
            Ok(Spec::S3 {
                bucket: b.into(),
                prefix: p.into(),
            })
        };
        assert_eq!(parse_spec("s3://thidua-tep"), s3("thidua-tep", ""));
        assert_eq!(
            parse_spec("s3://thidua-tep/ha-noi/"),
            s3("thidua-tep", "ha-noi")
        );
        assert_eq!(parse_spec(" s3://a.b-c/x/y "), s3("a.b-c", "x/y"));
        for (bad, needle) in [
            ("", "đang để trống"),
            ("s3://", "Tên bucket «»"),
            ("s3://Thidua/x", "Tên bucket «Thidua»"),
            ("s3://ab", "dài 3–63"),
            ("s3://-ab/x", "bắt đầu và kết thúc"),
            ("s3://tep/a/../b", "«..»"),
            ("s3://tep/a//b", "một dấu /"),
            ("gs://tep/x", "kiểu «gs»"),
        ] {
            let e = parse_spec(bad).unwrap_err();
            assert!(e.contains(needle), "{bad}: {e}");
        }
    }

    #[test]
    fn s3_settings_need_a_real_endpoint_and_both_keys() {
        let args = |e: Option<&str>| BlobArgs {
            s3_endpoint: e.map(str::to_string),
            ..BlobArgs::default()
        };
        let keys = |k: &str| match k {
            "AWS_ACCESS_KEY_ID" => Some("id".to_string()),
            "AWS_SECRET_ACCESS_KEY" => Some("bi-mat".to_string()),
            _ => None,
        };
        let c = s3_config(
            &args(Some("http://127.0.0.1:9000/")),
            "b".into(),
            "p".into(),
            keys,
        )
        .unwrap();
        assert_eq!(c.endpoint.as_deref(), Some("http://127.0.0.1:9000"));
        assert_eq!(c.secret_access_key.as_deref(), Some("bi-mat"));
        for bad in ["127.0.0.1:9000", "http://", "ftp://x"] {
            let e = s3_config(&args(Some(bad)), "b".into(), "".into(), keys).unwrap_err();
            assert!(e.contains("THIDUA_S3_ENDPOINT"), "{bad}: {e}");
        }
        let only_id = |k: &str| (k == "AWS_ACCESS_KEY_ID").then(|| "id".to_string());
        let e = s3_config(&args(None), "b".into(), "".into(), only_id).unwrap_err();
        assert!(
            e.contains("Thiếu biến môi trường AWS_SECRET_ACCESS_KEY"),
            "{e}"
        );
        assert!(s3_config(&args(None), "b".into(), "".into(), |_| None).is_ok());
    }
}

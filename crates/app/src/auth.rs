//! Passwords (Argon2id), session tokens and API tokens. Only hashes are stored.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine as _;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// Sessions last a working day; people log in again the next morning.
pub const SESSION_HOURS: i64 = 12;
/// Failed logins allowed per user name within [`THROTTLE_MINUTES`].
pub const MAX_FAILURES: i64 = 5;
pub const THROTTLE_MINUTES: i64 = 15;
pub const PASSWORD_MIN: usize = 10;

/// Hashes a password with Argon2id and a random salt (PHC string).
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let hash: PasswordHash = Argon2::default()
        .hash_password(password.as_bytes())
        .map_err(|e| anyhow::anyhow!("hash: {e}"))?;
    Ok(hash.to_string())
}

/// True when `password` matches the stored PHC hash.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A fresh random token (32 bytes, URL-safe base64).
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The stored form of a session or API token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Compares secrets in constant time.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Checks a new password; returns a Vietnamese message when it is too weak.
pub fn password_problem(password: &str) -> Option<String> {
    if password.chars().count() < PASSWORD_MIN {
        return Some(format!("Mật khẩu phải có ít nhất {PASSWORD_MIN} ký tự."));
    }
    if password.chars().count() > 128 {
        return Some("Mật khẩu dài tối đa 128 ký tự.".into());
    }
    None
}

/// Checks a new password typed twice (fields `password` and `again`), naming the problem.
pub fn check_new_password(v: &mut thidua_domain::Validation, new: &str, again: &str) {
    if let Some(problem) = password_problem(new) {
        v.add("password", "Mật khẩu mới", problem);
    } else if new != again {
        v.add(
            "again",
            "Nhập lại mật khẩu mới",
            "Hai lần nhập mật khẩu mới không giống nhau.",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ() {
        let a = hash_password("mat-khau-dai-du").unwrap();
        let b = hash_password("mat-khau-dai-du").unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with("$argon2id$"));
        assert!(verify_password("mat-khau-dai-du", &a));
        assert!(!verify_password("sai", &a));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn secrets_compare() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "ab"));
        assert_eq!(token_hash("t").len(), 64);
    }
}

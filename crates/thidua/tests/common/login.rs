//! Signing in to a server at any address (the in-process app or a `thidua serve` node) through its
//! login form, as a browser does.

use super::{DEMO_PASSWORD, Session, hidden_value};
use reqwest::StatusCode;
use std::sync::Arc;

/// A browser-like client of its own cookie jar that does not follow redirects.
pub fn browser(jar: Arc<reqwest::cookie::Jar>) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// Opens the login page of the server at `base` and returns its form token.
pub async fn login_form_at(base: &str, client: &reqwest::Client) -> String {
    let r = client
        .get(format!("{base}/login"))
        .send()
        .await
        .expect("GET /login");
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.expect("body");
    hidden_value(&html, "_csrf").expect("_csrf on the login page")
}

/// Posts the login form of the server at `base`; returns the raw response.
pub async fn post_login_at(
    base: &str,
    client: &reqwest::Client,
    username: &str,
    password: &str,
) -> reqwest::Response {
    let csrf = login_form_at(base, client).await;
    client
        .post(format!("{base}/login"))
        .form(&[
            ("username", username),
            ("password", password),
            ("_csrf", csrf.as_str()),
            ("next", "/"),
        ])
        .send()
        .await
        .expect("POST /login")
}

/// Signs a demo user in through the login form of the server at `base`.
pub async fn login_at(base: &str, username: &str) -> Session {
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let client = browser(jar.clone());
    let r = post_login_at(base, &client, username, DEMO_PASSWORD).await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "login of {username} failed: {}",
        r.text().await.unwrap_or_default()
    );
    let mut s = Session {
        base: base.to_string(),
        client,
        csrf: String::new(),
        username: username.to_string(),
        bearer: None,
        jar: Some(jar),
    };
    s.csrf = s.fetch_csrf().await;
    s
}

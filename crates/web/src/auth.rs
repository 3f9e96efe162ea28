//! Cookie names of the browser session; passwords (Argon2id) and tokens are the use cases' ([`thidua_app::auth`]).

pub use thidua_app::auth::*;

pub const SESSION_COOKIE: &str = "thidua_session";
pub const LOGIN_CSRF_COOKIE: &str = "thidua_login_csrf";

//! E-mail to users: what each kind of mail says (templates an administrator edits), when it may
//! leave (the sending calendar), how each user takes it (at once, in a daily digest, or not at all),
//! through which SMTP server (the organisation's own, else the server's), and the mails of security
//! (a forgotten password, a changed password or API key) and of escalation to a unit's head.

pub mod digest;
pub mod handler;
pub mod heads;
pub mod password_reset;
pub mod post;
pub mod security;
pub mod settings;
pub mod templates;

pub use handler::MailHandler;
pub use post::{Letter, post};

use serde_json::Value;

/// A template's values with the addressee's name and the page's full address (`link`) added.
pub fn with_addressing(vars: &Value, to_name: &str, base_url: &str, link: Option<&str>) -> Value {
    let mut out = match vars {
        Value::Object(m) => m.clone(),
        _ => serde_json::Map::new(),
    };
    out.entry("name")
        .or_insert_with(|| Value::String(to_name.to_string()));
    let full = |link: &str| {
        if link.starts_with('/') {
            format!("{}{link}", base_url.trim_end_matches('/'))
        } else {
            link.to_string()
        }
    };
    if let Some(link) = link {
        out.insert("link".into(), Value::String(full(link)));
    }
    // A digest's lines point to pages too.
    if let Some(Value::Array(items)) = out.get_mut("items") {
        for item in items {
            if let Some(Value::String(l)) = item.get_mut("link") {
                *l = full(l);
            }
        }
    }
    Value::Object(out)
}

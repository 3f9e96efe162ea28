//! The use cases of thidua (commands and queries): the only way from the pages, the API, the demo, the
//! CLI and background jobs to the store. Each command validates its input, asks the policy through its
//! [`Caller`], and makes its change and the audit row in one transaction; nothing here knows of HTTP.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod audit_entry;
pub mod auth;
pub mod budget;
mod caller;
pub mod command;
pub mod error;
pub mod identity;
pub mod model;
pub mod setup;
pub mod setup_checklist;
pub mod statistics;
pub mod transfer;

pub use audit_entry::Audit;
pub use caller::Caller;
pub use error::{Error, Result};

pub mod audit_log;
pub mod campaign_parts;
pub mod campaign_reads;
pub mod campaign_report;
pub mod campaign_views;
pub mod campaign_work;
pub mod campaign_work_reads;
pub mod campaigns;
pub mod cluster_proposal;
pub mod cluster_year_end;
pub mod clusters;
pub mod contacts;
pub mod dashboard;
pub mod decisions;
pub mod doc_settings;
pub mod documents;
pub mod exemplars;
pub mod export;
pub mod figures;
pub mod history_import;
pub mod honours;
pub mod idempotency;
pub mod import;
pub mod import_templates;
pub mod initiatives;
pub mod jobs;
pub mod mailing;
pub mod meetings;
pub mod nominations;
pub mod notices;
pub mod notifications;
pub mod org_setting;
pub mod outbox;
pub mod own_password;
pub mod pact_review;
pub mod persons;
pub mod plan_import;
pub mod recent;
pub mod registers;
pub mod reminders;
pub mod rule_files;
pub mod rules_cache;
pub mod scoring;
mod table;
pub mod unit_views;
pub mod units;
pub mod users;

use serde::Serialize;

/// A record as an audit JSON object with one more field (member lists, files), so the audit page can
/// show what changed field by field.
pub fn with_field<T: Serialize, V: Serialize>(row: &T, key: &str, value: &V) -> serde_json::Value {
    let mut v = serde_json::to_value(row).unwrap_or(serde_json::Value::Null);
    if let serde_json::Value::Object(map) = &mut v {
        map.insert(
            key.to_string(),
            serde_json::to_value(value).unwrap_or(serde_json::Value::Null),
        );
    }
    v
}

/// Today's date in Vietnam (UTC+7, no daylight saving): every date users see or type is a day in
/// Vietnam, so between 00:00 and 07:00 there it is already tomorrow's date in UTC terms.
pub fn today() -> time::Date {
    (time::OffsetDateTime::now_utc() + time::Duration::hours(7)).date()
}

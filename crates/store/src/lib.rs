//! Persistence for thidua: one API over SQLite (embedded default) and PostgreSQL, chosen by the URL.
//!
//! Every query is written once in portable SQL (`$1` placeholders, `RETURNING`, `ON CONFLICT`) and run on
//! whichever engine the [`Db`] holds; all work happens inside a [`Tx`] so each change and its audit row
//! commit together or not at all.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod audit;
pub mod blobs;
pub mod budget;
pub mod bulk;
pub mod campaign_parts;
pub mod campaign_reports;
pub mod campaign_work;
pub mod campaigns;
pub mod cluster_year_ends;
pub mod clusters;
pub mod dashboard;
mod db;
pub mod decisions;
pub mod doc_settings;
pub mod error;
mod exemplar_parts;
pub mod exemplars;
pub mod forward_answers;
pub mod idempotency;
pub mod ids;
pub mod initiatives;
pub mod jobs;
pub mod ledger;
pub mod ledger_reviews;
pub mod mailing;
pub mod meetings;
pub mod nomination_facts;
pub mod nominations;
pub mod notifications;
pub mod org_settings;
pub mod orgs;
pub mod pact_reviews;
pub mod persons;
pub mod registers;
pub mod rule_sources;
pub mod scoring;
pub mod scoring_cross;
pub mod scoring_entries;
pub mod sessions;
mod sql;
pub mod statistics;
pub mod transfer;
pub mod units;
pub mod user_contacts;
pub mod users;

pub use db::{Db, Engine, SqlitePools, Tx};
pub use error::StoreError;

/// Result of a store call.
pub type Result<T> = std::result::Result<T, StoreError>;

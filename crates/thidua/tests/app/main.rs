//! Integration tests of the whole app over HTTP, each on SQLite and on PostgreSQL.
//! One test binary (faster to build and link than one per file); the harness is in `../common`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

mod basics;
mod policy;
mod auth;
mod csrf;
mod units;
mod people;
mod import_export;
mod clusters;
mod audit;
mod idempotency;
mod campaign_pages;
mod campaigns_api;
mod demo_campaigns;
mod plan_import;
mod rules_admin;
mod meetings;
mod decisions;
mod nominations;

//! Integration tests of the whole app over HTTP, each on SQLite and on PostgreSQL.
//! One test binary (faster to build and link than one per file); the harness is in `../common`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

mod audit;
mod auth;
mod award_path;
mod backup;
mod basics;
mod binary;
mod campaign_pages;
mod campaign_reports;
mod campaigns_api;
mod cluster_year_end;
mod clusters;
mod concurrency;
mod csrf;
mod dashboards;
mod decisions;
mod demo_campaigns;
mod documents;
mod durability;
mod exemplars;
mod idempotency;
mod import_export;
mod initiatives;
mod jobs;
mod legal_review;
mod mail;
mod mail_nodes;
mod meetings;
mod nodes;
mod nominations;
mod notifications;
mod org_rules;
mod pact_reviews;
mod people;
mod plan_import;
mod policy;
mod province;
mod public_site;
mod registers;
mod reminders;
mod rules_admin;
mod s3;
mod scoring;
mod scoring_cross;
mod setup_checklist;
mod statistics;
mod transfer;
mod units;
mod use_cases;

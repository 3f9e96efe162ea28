//! Library side of the `thidua` binary: first-start bootstrap and demo data, shared by the binary and
//! its integration tests.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod backup;
pub mod blob_store;
pub mod bootstrap;
pub mod demo;
pub mod demo_campaigns;
pub mod demo_city;
pub mod demo_exemplars;
pub mod demo_initiatives;
pub mod demo_mail;
pub mod demo_pacts;
pub mod demo_reports;
pub mod demo_scoring;
pub mod demo_statistics;
pub mod demo_transfer;
pub mod eligibility;
pub mod import_plan;
pub mod province;
pub mod transfer_cli;
pub mod workers;

//! The pure domain core of thidua: the types, rules and decisions of emulation and commendation work
//! that do not depend on any storage, web or clock. Everything here is deterministic and tested
//! exhaustively; the `store` and `web` crates wrap it with I/O.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod campaign;
pub mod date;
pub mod exemplar;
pub mod initiative;
pub mod mail_calendar;
pub mod nomination;
pub mod org;
pub mod person;
pub mod policy;
pub mod scoring;
pub mod statistics;
pub mod text;
pub mod unit_change;
pub mod validation;

pub use validation::{FieldError, Validation};

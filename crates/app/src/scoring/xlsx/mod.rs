//! Scales and scores as spreadsheets: reading a scale (thang điểm) laid out the way standing offices
//! type it in Excel, the template to start from, and the export of every unit's scores with the
//! totals and the history of changes. Pure: bytes in, bytes out.

mod read;
mod write;

pub use read::read_scale;
pub use write::{scale_template, scores_workbook};

#[cfg(test)]
mod tests;

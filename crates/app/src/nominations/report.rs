//! The achievement report (*báo cáo thành tích*) as a DOCX to edit, under its historical route: now
//! made by [`crate::documents::nomination::report`] in the decree's form.

use crate::Caller;
use crate::documents::{Format, nomination};
use crate::error::Result;
use thidua_store::Db;

/// The report of a nomination the user may see: (file name, DOCX bytes).
pub async fn achievement_report(db: &Db, caller: &Caller, id: &str) -> Result<(String, Vec<u8>)> {
    let f = nomination::report(db, caller, id, Format::Docx).await?;
    Ok((f.name, f.bytes))
}

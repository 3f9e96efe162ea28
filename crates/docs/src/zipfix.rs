//! Rewriting an OOXML package (DOCX, XLSX): one part's text changed, and every entry's timestamp set
//! to the zip epoch so that the same document gives the same bytes whenever it is made.

use crate::Error;
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

fn err(e: impl std::fmt::Display) -> Error {
    Error::Render(format!("zip: {e}"))
}

/// The package `bytes` with the part `name` passed through `edit`.
pub(crate) fn rewrite(
    bytes: Vec<u8>,
    name: &str,
    edit: impl Fn(&str) -> String,
) -> Result<Vec<u8>, Error> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(err)?;
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(err)?;
        let part = file.name().to_string();
        let mut content = Vec::new();
        file.read_to_end(&mut content).map_err(err)?;
        if part == name {
            let text = String::from_utf8(content).map_err(err)?;
            content = edit(&text).into_bytes();
        }
        out.start_file(part, options).map_err(err)?;
        out.write_all(&content).map_err(err)?;
    }
    Ok(out.finish().map_err(err)?.into_inner())
}

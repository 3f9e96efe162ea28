//! Rewriting an OOXML package (DOCX, XLSX): one part's text changed, the paragraph ids renumbered
//! from 1 (docx-rs draws them from a process-wide counter) and every entry's timestamp set to the zip
//! epoch, so that the same document gives the same bytes whenever and wherever it is made.

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
    let mut next_id = 1u32;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(err)?;
        let part = file.name().to_string();
        let mut content = Vec::new();
        file.read_to_end(&mut content).map_err(err)?;
        if part.ends_with(".xml") {
            let mut text = String::from_utf8(content).map_err(err)?;
            if part == name {
                text = edit(&text);
            }
            content = renumber(&text, &mut next_id).into_bytes();
        }
        out.start_file(part, options).map_err(err)?;
        out.write_all(&content).map_err(err)?;
    }
    Ok(out.finish().map_err(err)?.into_inner())
}

const PARA_ID: &str = "w14:paraId=\"";

/// `xml` with each `w14:paraId` replaced by the next number of `next` (8 hex digits).
fn renumber(xml: &str, next: &mut u32) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find(PARA_ID) {
        let start = at + PARA_ID.len();
        out.push_str(&rest[..start]);
        out.push_str(&format!("{:08X}", *next));
        *next += 1;
        rest = &rest[start..];
        rest = rest.find('"').map_or("", |end| &rest[end..]);
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn paragraph_ids_are_renumbered_in_order() {
        let mut n = 1;
        let xml = r#"<w:p w14:paraId="0000A1B2"/><w:p w14:paraId="00000009"/>"#;
        assert_eq!(
            super::renumber(xml, &mut n),
            r#"<w:p w14:paraId="00000001"/><w:p w14:paraId="00000002"/>"#
        );
        assert_eq!(n, 3);
    }
}

//! Input decoding: detects a DOCX (ZIP) or UTF-8 text, extracts the DOCX body text paragraph by
//! paragraph (table cells become their own lines), and NFC-normalises the result.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;
use unicode_normalization::UnicodeNormalization;

use crate::error::ImportError;

/// Largest `word/document.xml` we inflate (guards against ZIP bombs).
const MAX_XML_BYTES: u64 = 32 * 1024 * 1024;

/// Turns raw bytes into NFC text: DOCX when the bytes start like a ZIP archive, else UTF-8.
pub fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    let text = if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        docx_text(bytes)?
    } else {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match std::str::from_utf8(body) {
            Ok(s) => s.to_string(),
            Err(e) => {
                return Err(ImportError::NotUtf8 {
                    offset: e.valid_up_to(),
                });
            }
        }
    };
    let text: String = text.nfc().collect();
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(text)
}

/// Extracts the text of `word/document.xml`: one line per paragraph.
fn docx_text(bytes: &[u8]) -> Result<String, ImportError> {
    let broken = |detail: &str| ImportError::BrokenDocx {
        detail: detail.to_string(),
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| broken("không mở được cấu trúc ZIP của tệp"))?;
    let entry = archive
        .by_name("word/document.xml")
        .map_err(|_| broken("thiếu phần nội dung word/document.xml"))?;
    let mut xml = Vec::new();
    entry
        .take(MAX_XML_BYTES)
        .read_to_end(&mut xml)
        .map_err(|_| broken("không giải nén được phần nội dung"))?;
    xml_paragraphs(&xml).ok_or_else(|| broken("nội dung XML không hợp lệ"))
}

/// Walks the WordprocessingML and collects the text of `w:t` runs, breaking lines at paragraph
/// ends and `w:br`, with tabs for `w:tab`.
fn xml_paragraphs(xml: &[u8]) -> Option<String> {
    let mut reader = Reader::from_reader(xml);
    let mut out = String::new();
    let mut in_text = false;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => in_text = e.local_name().as_ref() == b"t",
            Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"tab" => out.push('\t'),
                b"br" | b"cr" => out.push('\n'),
                _ => {}
            },
            Ok(Event::End(e)) => {
                in_text = false;
                if e.local_name().as_ref() == b"p" {
                    out.push('\n');
                }
            }
            Ok(Event::Text(t)) if in_text => {
                let raw = String::from_utf8_lossy(t.as_ref()).into_owned();
                out.push_str(&unescape(&raw));
            }
            Ok(Event::Eof) => break,
            Err(_) => return None,
            _ => {}
        }
        buf.clear();
    }
    Some(out)
}

/// Resolves the XML entities that appear in `w:t` text.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    quick_xml::escape::unescape(s)
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| s.to_string())
}

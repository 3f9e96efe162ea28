//! thidua's official documents as bytes: PDF through Typst and DOCX through docx-rs, in the
//! administrative format of Decree 30/2020/NĐ-CP (Phụ lục I), XLSX lists, and certificates (Bằng khen,
//! Giấy khen) whole or as variable text for pre-printed blanks. Pure: data in, bytes out; no database,
//! no clock (the same data and template version give the same bytes).
//!
//! Each document kind ([`kinds`]) lays its data into a [`model::Doc`]; [`pdf`] and [`docx`] render
//! any `Doc`.

pub mod certificate;
pub mod chart;
pub mod docx;
pub mod kinds;
pub mod model;
pub mod pdf;
mod qr;
pub mod samples;
pub mod text;
pub mod xlsx;
mod zipfix;

pub use model::Doc;

/// Why a document could not be made. Input problems are the caller's to check; this is a template
/// or library failure, reported as a server error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("không tạo được văn bản: {0}")]
    Render(String),
}

/// The version of the templates: bumped when a layout changes, written into every document's
/// metadata so an administrator can see which version produced it.
pub const TEMPLATE_VERSION: &str = "2026.12-1";

/// The version with a short fingerprint of the template files, e.g. `2026.12-1+3f9a1c2b`.
pub fn template_version() -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for (name, text) in pdf::TEMPLATES {
        h.update(name.as_bytes());
        h.update(text.as_bytes());
    }
    format!("{TEMPLATE_VERSION}+{}", &hex::encode(h.finalize())[..8])
}

/// A file to download: its name and bytes.
#[derive(Debug, Clone)]
pub struct File {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The formats a document comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
}

impl Format {
    pub fn parse(ext: &str) -> Option<Format> {
        match ext {
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }
    pub fn ext(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
    pub fn mime(self) -> &'static str {
        match self {
            Format::Pdf => "application/pdf",
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        }
    }
}

/// `doc` in `format`.
pub fn render(doc: &Doc, format: Format) -> Result<Vec<u8>, Error> {
    // Side-by-side signatures get as many authority lines each, so the names sit on one line.
    let most = doc
        .signatures
        .iter()
        .map(|s| s.lines.len())
        .max()
        .unwrap_or(0);
    let signatures = doc
        .signatures
        .iter()
        .map(|s| {
            let mut s = s.clone();
            s.lines.resize(most, String::new());
            s
        })
        .collect();
    let doc = &Doc {
        head: doc.head.balanced(),
        signatures,
        ..doc.clone()
    };
    match format {
        Format::Pdf => pdf::render(pdf::OFFICIAL, doc),
        Format::Docx => docx::render(doc),
    }
}

/// A file name from a document's title: ASCII letters and digits, the rest as `-`.
pub fn file_name(stem: &str, format: Format) -> String {
    let folded: String = stem
        .chars()
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect();
    let mut out = String::new();
    for c in unicode_base(&folded).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    format!("{}.{}", out.trim_matches('-'), format.ext())
}

/// Vietnamese letters without their marks (NFD, marks dropped).
fn unicode_base(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .collect()
}

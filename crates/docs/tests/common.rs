//! Shared by the docs crate's tests: every sample document, and text extraction.

#![allow(clippy::unwrap_used, clippy::expect_used)]
#![allow(dead_code)] // each test file uses part of it

use std::io::Read;
use thidua_docs::{Doc, kinds, samples};

/// (file stem, document) of every kind, from the sample data.
pub fn every_kind() -> Vec<(&'static str, Doc)> {
    vec![
        ("quyet-dinh", kinds::decision::build(&samples::decision(12))),
        ("to-trinh", kinds::submission::build(&samples::submission())),
        ("bien-ban", kinds::minutes::build(&samples::minutes())),
        ("danh-sach", kinds::listing::build(&samples::listing())),
        ("ke-hoach", kinds::plan::build(&samples::plan())),
        (
            "bao-cao-thanh-tich",
            kinds::report::build(&samples::report()),
        ),
        ("bao-cao-tong-ket", kinds::review::build(&samples::review())),
    ]
}

/// The text of a PDF by `pdftotext` (Debian poppler-utils), one line per text line.
pub fn pdf_text(bytes: &[u8]) -> String {
    pdf_raw(bytes)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `pdftotext`'s output as it is: pages end with a form feed.
pub fn pdf_raw(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (Debian poppler-utils) must be installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The paragraphs of a DOCX's body, one per line.
pub fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut out = String::new();
    for para in xml.split("</w:p>") {
        let mut text = String::new();
        for run in para.split("<w:t").skip(1) {
            let body = run.split_once('>').map_or("", |(_, b)| b);
            text.push_str(body.split("</w:t>").next().unwrap_or(""));
        }
        if !text.trim().is_empty() {
            out.push_str(text.trim());
            out.push('\n');
        }
    }
    out
}

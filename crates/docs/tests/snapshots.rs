//! The text of every document kind, as a reader (pdftotext) and Word (the DOCX body) see it, held in
//! snapshots: a change of wording or order shows in review. Stacked Vietnamese marks (Ặ, Ỡ, Ự, ệ)
//! must survive extraction.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use thidua_docs::{Format, certificate, samples};

#[test]
fn every_kind_reads_as_its_snapshot() {
    for (name, doc) in common::every_kind() {
        let pdf = thidua_docs::render(&doc, Format::Pdf).unwrap();
        let text = common::pdf_text(&pdf);
        assert!(
            text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            "{name}"
        );
        insta::assert_snapshot!(format!("{name}-pdf"), text);
        let docx = thidua_docs::render(&doc, Format::Docx).unwrap();
        insta::assert_snapshot!(format!("{name}-docx"), common::docx_text(&docx));
    }
}

#[test]
fn certificates_read_as_their_snapshot() {
    let set = samples::certificates(2);
    let pdf = certificate::render(&set, Format::Pdf).unwrap();
    let text = common::pdf_text(&pdf);
    assert!(text.contains("Ặng Ỡ Ự"), "stacked marks survive: {text}");
    insta::assert_snapshot!("bang-khen-pdf", text);
    let docx = certificate::render(&set, Format::Docx).unwrap();
    insta::assert_snapshot!("bang-khen-docx", common::docx_text(&docx));
}

#[test]
fn a_long_list_repeats_its_table_header_on_every_page() {
    let doc = thidua_docs::kinds::decision::build(&samples::decision(120));
    let pdf = thidua_docs::render(&doc, Format::Pdf).unwrap();
    let text = common::pdf_raw(&pdf);
    let pages = text.matches('\u{c}').count();
    let headers = text.matches("Họ và tên / Tên tập thể").count();
    assert!(pages >= 4, "120 lines run over several pages: {pages}");
    assert!(
        headers >= pages - 1,
        "the header row repeats: {headers} headers on {pages} pages"
    );
    let docx = thidua_docs::render(&doc, Format::Docx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert_eq!(
        xml.matches("<w:tblHeader />").count(),
        1,
        "Word repeats the marked header row"
    );
}

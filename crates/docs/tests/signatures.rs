//! The signatures of a document never stand alone at the top of a page: they keep with the body's
//! last paragraph — one unbreakable block in the PDF, keep-with-next and a row that cannot split in the
//! DOCX. Checked on the year-end minutes of a block, whose ranking grows a row per ward until the
//! page breaks at every point of the closing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use std::io::Read;
use thidua_docs::{Format, kinds, samples};

const LAST: &str = "Biên bản được lập thành 02 bản";

#[test]
fn the_minutes_signatures_keep_with_the_last_paragraph() {
    let mut two_pages = 0;
    for n in 1..=45 {
        let doc = kinds::cluster_minutes::build(&samples::cluster_minutes(n));
        let pdf = thidua_docs::render(&doc, Format::Pdf).unwrap();
        let text = common::pdf_raw(&pdf);
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        let signed = pages.iter().position(|p| p.contains("THƯ KÝ")).unwrap();
        assert!(
            pages[signed].contains(LAST),
            "{n} wards: the signatures on page {} without the last paragraph:\n{}",
            signed + 1,
            pages[signed]
        );
        if pages.len() > 1 {
            two_pages += 1;
        }
    }
    assert!(two_pages > 10, "the minutes run over a page: {two_pages}");
}

#[test]
fn the_docx_keeps_the_last_paragraph_with_an_unsplittable_signature_row() {
    let doc = kinds::cluster_minutes::build(&samples::cluster_minutes(30));
    let docx = thidua_docs::render(&doc, Format::Docx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let paras: Vec<&str> = xml.split("</w:p>").collect();
    let last = paras.iter().position(|p| p.contains(LAST)).unwrap();
    assert!(paras[last].contains("<w:keepNext />"), "{}", paras[last]);
    assert!(
        paras[last + 1].contains("<w:keepNext />"),
        "the space after it too"
    );
    let at = xml.find("THƯ KÝ").unwrap();
    let row = &xml[xml[..at].rfind("<w:tr>").unwrap()..at];
    assert!(row.contains("<w:cantSplit />"), "{row}");
    assert!(
        !row.contains("<w:tblHeader />"),
        "a signature row is no table header"
    );
    // The ranking's header row still repeats, and is the only one marked so.
    assert_eq!(xml.matches("<w:tblHeader />").count(), 1);
}

//! The same data and template version give the same bytes, however many documents the process made
//! before (docx-rs numbers paragraphs and images from process-wide counters).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use thidua_docs::{Format, certificate, kinds, samples};

#[test]
fn the_same_document_twice_gives_the_same_bytes() {
    let doc = kinds::plan::build(&samples::plan());
    let set = samples::certificates(2);
    for f in [Format::Pdf, Format::Docx] {
        let a = thidua_docs::render(&doc, f).unwrap();
        let _other = thidua_docs::render(&kinds::minutes::build(&samples::minutes()), f).unwrap();
        let b = thidua_docs::render(&doc, f).unwrap();
        if a != b && f == Format::Docx {
            let mut za = zip::ZipArchive::new(std::io::Cursor::new(a.clone())).unwrap();
            let mut zb = zip::ZipArchive::new(std::io::Cursor::new(b.clone())).unwrap();
            for i in 0..za.len() {
                use std::io::Read;
                let (mut x, mut y) = (String::new(), String::new());
                let name = za.by_index(i).unwrap().name().to_string();
                za.by_index(i).unwrap().read_to_string(&mut x).unwrap();
                zb.by_name(&name).unwrap().read_to_string(&mut y).unwrap();
                if x != y {
                    let at = x
                        .chars()
                        .zip(y.chars())
                        .position(|(p, q)| p != q)
                        .unwrap_or(0);
                    panic!(
                        "{name} differs at {at}: {} | {}",
                        &x[at.saturating_sub(80)..(at + 80).min(x.len())],
                        &y[at.saturating_sub(80)..(at + 80).min(y.len())]
                    );
                }
            }
        }
        assert!(a == b, "{f:?}");
    }
    for f in [Format::Pdf, Format::Docx] {
        assert!(
            certificate::render(&set, f).unwrap() == certificate::render(&set, f).unwrap(),
            "{f:?}"
        );
    }
}

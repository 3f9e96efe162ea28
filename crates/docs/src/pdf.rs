//! PDF through Typst as a library: the templates in `templates/` are compiled in-process with the
//! Tinos fonts embedded in the binary (Times New Roman metrics, every Vietnamese letter), the data
//! passed as JSON in `sys.inputs.data`. No date is written into the file, so the same data and
//! template version give the same bytes.

use crate::Error;
use serde::Serialize;
use std::sync::OnceLock;
use typst::foundations::{Dict, IntoValue};
use typst_as_lib::TypstEngine;
use typst_as_lib::TypstTemplateCollection;
use typst_layout::PagedDocument;

pub(crate) const OFFICIAL: &str = "official.typ";
pub(crate) const CERTIFICATE: &str = "certificate.typ";
pub(crate) const BLANK: &str = "blank.typ";
pub(crate) const STATISTICS: &str = "statistics.typ";

/// The templates, by file name, as compiled into the binary.
pub const TEMPLATES: [(&str, &str); 4] = [
    (OFFICIAL, include_str!("../templates/official.typ")),
    (CERTIFICATE, include_str!("../templates/certificate.typ")),
    (BLANK, include_str!("../templates/blank.typ")),
    (STATISTICS, include_str!("../templates/statistics.typ")),
];

pub(crate) static FONTS: [&[u8]; 4] = [
    include_bytes!("../fonts/Tinos-Regular.ttf"),
    include_bytes!("../fonts/Tinos-Bold.ttf"),
    include_bytes!("../fonts/Tinos-Italic.ttf"),
    include_bytes!("../fonts/Tinos-BoldItalic.ttf"),
];

fn engine() -> &'static TypstEngine<TypstTemplateCollection> {
    static ENGINE: OnceLock<TypstEngine<TypstTemplateCollection>> = OnceLock::new();
    ENGINE.get_or_init(|| {
        TypstEngine::builder()
            .fonts(FONTS)
            .with_static_source_file_resolver(TEMPLATES)
            .build()
    })
}

/// Compiles `template` with `data` (serialised to JSON) into a PDF.
pub(crate) fn render<T: Serialize>(template: &str, data: &T) -> Result<Vec<u8>, Error> {
    let json = serde_json::to_string(data).map_err(|e| Error::Render(e.to_string()))?;
    let mut inputs = Dict::new();
    inputs.insert("data".into(), json.into_value());
    let doc: PagedDocument = engine()
        .compile_with_input(template, inputs)
        .output
        .map_err(|e| Error::Render(format!("{template}: {e}")))?;
    let options = typst_pdf::PdfOptions::default();
    typst_pdf::pdf(&doc, &options).map_err(|e| Error::Render(format!("{template}: {e:?}")))
}

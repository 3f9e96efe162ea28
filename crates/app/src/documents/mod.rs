//! The official documents of the process, made from the records (issue: every paper the law requires
//! comes out ready to sign): the decision and its certificates, the council's minutes and the office's
//! Tờ trình, a nominating unit's Tờ trình and achievement report, a campaign's plan and list of
//! nominees. Each use case checks who may read the record, gathers it in one read transaction, lays it
//! out with the organisation's [`DocSettings`](crate::doc_settings::DocSettings) and renders it with
//! `thidua_docs` (pure: the same data and template version give the same bytes).

pub mod campaign;
pub mod cluster;
pub mod decision;
pub mod meeting;
pub mod nomination;
pub mod review;
pub mod scoring;

use crate::doc_settings::{DocSettings, Signer};
use crate::error::{Error, Result};
use thidua_docs::model::{Letterhead, Signature};
pub use thidua_docs::{Doc, Format, template_version};

/// A generated file to download.
#[derive(Debug, Clone)]
pub struct DocFile {
    pub name: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

/// The MIME type of XLSX.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn render_error(e: thidua_docs::Error) -> Error {
    Error::Internal(anyhow::anyhow!("{e}"))
}

/// `doc` as a file named after `stem` in `format`. Typst layout is CPU work: it runs off the async
/// threads.
pub async fn file(doc: Doc, stem: &str, format: Format) -> Result<DocFile> {
    let name = thidua_docs::file_name(stem, format);
    let bytes = tokio::task::spawn_blocking(move || thidua_docs::render(&doc, format))
        .await
        .map_err(|e| Error::Internal(e.into()))?
        .map_err(render_error)?;
    Ok(DocFile {
        name,
        mime: format.mime(),
        bytes,
    })
}

/// The letterhead with `number` ("Số: 125/QĐ-UBND", or the blank to fill in) and the date.
pub fn letterhead(s: &DocSettings, number: String, date: Option<time::Date>) -> Letterhead {
    let year = date.map_or_else(|| crate::today().year(), |d| d.year());
    Letterhead {
        managing_body: s.managing_body.clone(),
        issuing_body: s.issuing_body.clone(),
        number,
        place_date: thidua_docs::text::place_date(&s.place, date, year),
    }
}

/// "Số: 125/QĐ-UBND" from a stored number, or "Số:      /QĐ-UBND" to fill in.
pub fn number_line(number: Option<&str>, symbol: &str) -> String {
    match number.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => format!("Số: {n}"),
        None => format!("Số:        /{symbol}"),
    }
}

pub fn signature(s: &Signer) -> Signature {
    Signature {
        lines: s.lines(),
        name: s.name.clone(),
    }
}

/// A signer as a record names them (a decision, a plan), with the authority lines of the settings' signer of that
/// name, or "KT. CHỦ TỊCH" for a deputy.
pub fn signer_for(s: &DocSettings, title: Option<&str>, name: &str) -> Signature {
    if let Some(known) = s
        .signers
        .iter()
        .find(|x| x.name.trim() == name.trim() && !name.trim().is_empty())
    {
        return signature(known);
    }
    let title = title.unwrap_or("Chủ tịch").trim();
    let deputy = title.to_lowercase().starts_with("phó");
    signature(&Signer {
        authority: if deputy { "KT.".into() } else { String::new() },
        on_behalf_of: if deputy {
            "CHỦ TỊCH".into()
        } else {
            String::new()
        },
        title: title.to_uppercase(),
        name: name.into(),
    })
}

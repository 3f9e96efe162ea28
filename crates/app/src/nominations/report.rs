//! The achievement report (*báo cáo thành tích*) generated from the data as a DOCX to edit: the nominee,
//! the nominating unit, the achievement, and the history of titles, awards and ratings from the ledger.
//! A minimal WordprocessingML package (content types, relationships, one document part).

use super::{code_name, nominee_type_label, visible_with};
use crate::Caller;
use crate::error::{Error, Result};
use crate::rules_cache::rules_in;
use std::io::Write;
use thidua_store::{Db, ledger};

/// A paragraph: bold or not, centred or not, and its text.
struct Para {
    bold: bool,
    centre: bool,
    text: String,
}

fn p(text: impl Into<String>) -> Para {
    Para {
        bold: false,
        centre: false,
        text: text.into(),
    }
}

fn heading(text: impl Into<String>) -> Para {
    Para {
        bold: true,
        centre: false,
        text: text.into(),
    }
}

/// The report of a nomination the user may see: (file name, DOCX bytes).
pub async fn achievement_report(db: &Db, caller: &Caller, id: &str) -> Result<(String, Vec<u8>)> {
    let mut tx = db.begin().await?;
    let rules = rules_in(&mut tx, caller.org_id()).await?;
    let (n, _) = visible_with(&mut tx, caller, &rules, id).await?;
    let subject = n.row.person_id.as_deref().or(n.row.unit_id.as_deref());
    let history = match subject {
        Some(s) => Some(ledger::load(&mut tx, caller.org_id(), s).await?),
        None => None,
    };
    tx.commit().await?;
    let mut doc = vec![
        Para {
            bold: true,
            centre: true,
            text: "BÁO CÁO THÀNH TÍCH".into(),
        },
        Para {
            bold: true,
            centre: true,
            text: format!("Đề nghị tặng {}", n.code_name),
        },
        heading("I. SƠ LƯỢC"),
        p(format!(
            "{}: {}",
            nominee_type_label(&n.row.nominee_type),
            n.nominee_name
        )),
        p(format!("Đơn vị đề nghị: {}", n.unit_name)),
        p(format!("Năm thành tích: {}", n.row.year)),
        heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
    ];
    doc.extend(n.row.achievement.lines().map(p));
    doc.push(heading("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"));
    match &history {
        Some(h) if !h.awards.is_empty() => doc.extend(h.awards.iter().map(|a| {
            p(format!(
                "Năm {}: {}{}",
                a.year,
                code_name(&rules, &a.code),
                a.decision_no
                    .as_deref()
                    .map(|d| format!(", Quyết định số {d}"))
                    .unwrap_or_default()
            ))
        })),
        _ => doc.push(p("Chưa có.")),
    }
    if let Some(h) = history.as_ref().filter(|h| !h.ratings.is_empty()) {
        doc.push(heading("IV. KẾT QUẢ XẾP LOẠI"));
        doc.extend(h.ratings.iter().map(|r| {
            p(format!(
                "Năm {}: {}",
                r.year,
                crate::honours::parse_code::<thidua_rules::Rating>(&r.rating)
                    .map_or(r.rating.as_str(), |x| x.label())
            ))
        }));
    }
    let name = format!(
        "Bao_cao_thanh_tich_{}.docx",
        thidua_domain::text::fold(&n.nominee_name).replace(' ', "_")
    );
    Ok((
        name,
        docx(&doc).map_err(|e| Error::Internal(anyhow::anyhow!("docx: {e}")))?,
    ))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

fn docx(paras: &[Para]) -> zip::result::ZipResult<Vec<u8>> {
    let mut body = String::new();
    for para in paras {
        let ppr = if para.centre {
            "<w:pPr><w:jc w:val=\"center\"/></w:pPr>"
        } else {
            ""
        };
        let rpr = if para.bold {
            "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\"/><w:b/><w:sz w:val=\"28\"/></w:rPr>"
        } else {
            "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\"/><w:sz w:val=\"28\"/></w:rPr>"
        };
        body.push_str(&format!(
            "<w:p>{ppr}<w:r>{rpr}<w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            escape(&para.text)
        ));
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("word/document.xml", document.as_str()),
    ] {
        zip.start_file(name, options)?;
        zip.write_all(content.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

//! The decision of award as a document (bases, Articles 1–3, the attached list) and its certificates,
//! whole or as variable text for pre-printed blanks; for those who read decisions.

use super::{DocFile, Format, letterhead, render_error};
use crate::Caller;
use crate::decisions::read::{DecisionView, authorize_read};
use crate::doc_settings::{self, DocSettings};
use crate::error::{Error, Result};
use thidua_docs::certificate::{self, Certificate, CertificateSet, Field};
use thidua_docs::kinds::decision::{Decision, Line};
use thidua_docs::text::{date_words, dmy, parse_iso};
use thidua_store::Db;
use thidua_store::decisions::LineView;

/// Decree 152/2025/NĐ-CP replaced 98/2023/NĐ-CP on this day.
const ND152_FROM: time::Date = time::macros::date!(2025 - 07 - 01);

fn bases(signed: Option<time::Date>) -> Vec<String> {
    let decree = match signed {
        Some(d) if d < ND152_FROM => {
            "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;"
        }
        _ => {
            "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền và chi tiết một số điều của Luật Thi đua, khen thưởng;"
        }
    };
    vec![
        "Căn cứ Luật Tổ chức chính quyền địa phương;".into(),
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;".into(),
        decree.into(),
    ]
}

fn line_of(v: &DecisionView, l: &LineView) -> Line {
    let collective = l.nominee_type == "unit";
    // A collective's own name is its unit's: nothing to repeat beside it.
    let position = match (&l.position, collective) {
        (_, true) if l.unit_name == l.nominee_name => String::new(),
        (Some(p), false) if !p.trim().is_empty() => format!("{}, {}", p.trim(), l.unit_name),
        _ => l.unit_name.clone(),
    };
    Line {
        golden_book_no: l.golden_book_no,
        award: v.award(&l.code),
        name: l.nominee_name.clone(),
        position,
        collective,
        amount: l.amount,
        revoked: l.revoked_at.is_some(),
    }
}

/// The decision's data laid out for the document.
pub fn layout(v: &DecisionView, s: &DocSettings) -> Decision {
    let d = &v.decision;
    let signed = parse_iso(&d.signed_on);
    let authority = format!("CHỦ TỊCH {}", d.issuer.trim().to_uppercase());
    let mut head = letterhead(s, format!("Số: {}", d.number), signed);
    if let Some(place) = d.place.as_deref().filter(|p| !p.trim().is_empty()) {
        head.place_date =
            thidua_docs::text::place_date(place, signed, signed.map_or(0, |x| x.year()));
    }
    let summary = d
        .title
        .trim()
        .trim_start_matches("Quyết định")
        .trim()
        .to_string();
    let issuer = d.issuer.trim().to_string();
    Decision {
        head,
        summary: if summary.is_empty() {
            "Về việc khen thưởng".into()
        } else {
            upper_first(&summary)
        },
        authority,
        bases: bases(signed),
        proposal: "Xét đề nghị của Thường trực Hội đồng Thi đua - Khen thưởng.".into(),
        reason: "đã có thành tích xuất sắc trong phong trào thi đua".into(),
        fund: format!("Quỹ Thi đua, khen thưởng của {issuer}"),
        executors: format!(
            "Chánh Văn phòng {issuer}, Thủ trưởng các cơ quan, đơn vị liên quan và các tập thể, cá nhân có tên tại Điều 1"
        ),
        list_reference: format!(
            "(Kèm theo Quyết định số {} ngày {} của Chủ tịch {issuer})",
            d.number,
            signed.map(dmy).unwrap_or_default()
        ),
        lines: v.lines.iter().map(|l| line_of(v, l)).collect(),
        recipients: s.recipients_of("decision"),
        signature: super::signer_for(s, d.signer_title.as_deref(), &d.signer_name),
        title: format!("Quyết định {}", d.number),
    }
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

async fn load(db: &Db, caller: &Caller, id: &str) -> Result<(DecisionView, DocSettings)> {
    authorize_read(caller)?;
    let v = crate::decisions::get(db, caller, id).await?;
    let s = doc_settings::get(db, caller).await?;
    Ok((v, s))
}

/// The decision as PDF or DOCX.
pub async fn document(db: &Db, caller: &Caller, id: &str, format: Format) -> Result<DocFile> {
    let (v, s) = load(db, caller, id).await?;
    let doc = thidua_docs::kinds::decision::build(&layout(&v, &s));
    super::file(doc, &format!("Quyet-dinh-{}", v.decision.number), format).await
}

/// The certificates of a decision: every live line, or only `line` (its id).
pub fn certificates(
    v: &DecisionView,
    s: &DocSettings,
    base_url: &str,
    line: Option<&str>,
) -> CertificateSet {
    let d = &v.decision;
    let signed = parse_iso(&d.signed_on);
    let place = d
        .place
        .clone()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| s.place.clone());
    let place_date = signed
        .map(|x| format!("{place}, {}", date_words(x)))
        .unwrap_or_default();
    let signer = super::signer_for(s, d.signer_title.as_deref(), &d.signer_name);
    let certificates = v
        .lines
        .iter()
        .filter(|l| l.revoked_at.is_none() && line.is_none_or(|id| l.id == id))
        .map(|l| {
            let award = v.award(&l.code);
            let lower = award.to_lowercase();
            let kind = if lower.starts_with("giấy khen") {
                "GIẤY KHEN"
            } else if lower.starts_with("bằng khen") {
                "BẰNG KHEN"
            } else {
                ""
            };
            let line = line_of(v, l);
            Certificate {
                kind: if kind.is_empty() {
                    award.to_uppercase()
                } else {
                    kind.into()
                },
                authority: vec!["CHỦ TỊCH".into(), d.issuer.trim().to_uppercase()],
                name: line.name,
                position: line.position,
                achievement: format!(
                    "Đã có thành tích xuất sắc: {}",
                    l.achievement.trim().trim_end_matches('.')
                ),
                decision: format!(
                    "Quyết định số {} ngày {}",
                    d.number,
                    signed.map(dmy).unwrap_or_default()
                ),
                golden_book: format!("Số sổ vàng: {}", l.golden_book_no),
                place_date: place_date.clone(),
                signer: signer.clone(),
                verify_url: format!(
                    "{}/xac-minh/{}",
                    base_url.trim_end_matches('/'),
                    l.verify_code
                ),
            }
        })
        .collect();
    CertificateSet {
        title: format!("Bằng khen, giấy khen theo Quyết định {}", d.number),
        certificates,
    }
}

/// How certificates are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Print {
    /// The whole certificate.
    Whole(Format),
    /// Only the variable text, onto pre-printed blanks.
    Blank,
}

/// A decision's certificates (all, or one line) as one file.
pub async fn certificate_file(
    db: &Db,
    caller: &Caller,
    id: &str,
    line: Option<&str>,
    base_url: &str,
    print: Print,
) -> Result<DocFile> {
    let (v, s) = load(db, caller, id).await?;
    let set = certificates(&v, &s, base_url, line);
    if set.certificates.is_empty() {
        return Err(Error::NotFound);
    }
    let fields = blank_fields(&s);
    let stem = format!("Bang-khen-{}", v.decision.number);
    let (format, ext_stem) = match print {
        Print::Whole(f) => (f, stem),
        Print::Blank => (Format::Pdf, format!("{stem}-in-phoi")),
    };
    let bytes = tokio::task::spawn_blocking(move || match print {
        Print::Whole(f) => certificate::render(&set, f),
        Print::Blank => certificate::blank_pdf(&set, &fields, false),
    })
    .await
    .map_err(|e| Error::Internal(e.into()))?
    .map_err(render_error)?;
    Ok(DocFile {
        name: thidua_docs::file_name(&ext_stem, format),
        mime: format.mime(),
        bytes,
    })
}

fn blank_fields(s: &DocSettings) -> Vec<Field> {
    s.blank_fields
        .iter()
        .map(|f| Field {
            field: f.field.clone(),
            x_mm: f.x_mm,
            y_mm: f.y_mm,
            width_mm: f.width_mm,
            size_pt: f.size_pt,
        })
        .collect()
}

/// A test sheet of the blank's field positions (grid and frames, sample text), for the
/// administrator adjusting them.
pub async fn blank_test(db: &Db, caller: &Caller) -> Result<DocFile> {
    caller.authorize(thidua_domain::policy::Action::ManageDocuments {
        org_id: caller.org_id(),
    })?;
    let s = doc_settings::get(db, caller).await?;
    let mut set = thidua_docs::samples::certificates(1);
    set.title = "In thử phôi bằng khen".into();
    let fields = blank_fields(&s);
    let bytes = tokio::task::spawn_blocking(move || certificate::blank_pdf(&set, &fields, true))
        .await
        .map_err(|e| Error::Internal(e.into()))?
        .map_err(render_error)?;
    Ok(DocFile {
        name: "In-thu-phoi.pdf".into(),
        mime: Format::Pdf.mime(),
        bytes,
    })
}

//! Plan importer: turns the text of a plan (*Kế hoạch*) — clean, Markdown-ish, OCR output without
//! most diacritics, or a DOCX — into the plan-import JSON contract (`PlanImport`).
//!
//! The pipeline: decode bytes ([`input`]) → clean lines, cut run-on lines ([`runon`]) and rebuild
//! the document layout ([`doc`]) → restore diacritics when the text lost them ([`restore`]) → field extractors
//! (header, legal bases, period, deadlines, targets, awards, quotas, themes, signer).

mod awards;
mod confidence;
mod dates;
mod deadlines;
mod doc;
mod doc_title;
mod error;
mod flatten;
mod header;
mod input;
mod issuer;
mod legal;
mod model;
mod numbers;
mod ocrnames;
mod orgcase;
mod period;
mod restore;
mod runon;
mod signer;
mod table_items;
mod tables;
mod targets;
mod text;
mod themes;
mod units;

pub use error::ImportError;
pub use model::{
    Confidence, Deadline, Evidence, FieldConfidence, LegalBasis, Level, Period, PlanImport, Quota,
    Signer, Target, Theme,
};

/// Imports a plan from its text (any Unicode normalisation form). Never panics.
pub fn import_text(text: &str) -> PlanImport {
    import_text_with_confidence(text).0
}

/// Imports a plan and says how sure the importer is of each field (what a reviewer should check
/// first). The plan is the same as [`import_text`]'s. Never panics.
pub fn import_text_with_confidence(text: &str) -> (PlanImport, Confidence) {
    let document = doc::Doc::parse(text);
    extract(&document)
}

/// Imports a plan from file bytes: a DOCX (ZIP) or UTF-8 text.
///
/// # Errors
/// [`ImportError`] when the bytes are empty, not UTF-8, or a broken DOCX; its `Display` is a
/// Vietnamese message for the user.
pub fn import_bytes(bytes: &[u8]) -> Result<PlanImport, ImportError> {
    let text = input::decode(bytes)?;
    Ok(import_text(&text))
}

/// The text of a plan file as the importer reads it (DOCX paragraphs become lines), so a page can show
/// the lines that the `evidence` numbers point to.
///
/// # Errors
/// [`ImportError`] as for [`import_bytes`].
pub fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    input::decode(bytes)
}

/// The contract JSON, pretty-printed (two-space indent).
pub fn to_json_pretty(plan: &PlanImport) -> String {
    serde_json::to_string_pretty(plan).unwrap_or_else(|_| "{}".to_string())
}

/// Runs every extractor over a parsed document, then assesses the result.
fn extract(d: &doc::Doc) -> (PlanImport, Confidence) {
    let mut ev = Evidence::default();
    let mut plan = PlanImport::default();
    header::extract(d, &mut plan, &mut ev);
    let year = d.year(plan.issued_on.as_deref(), plan.title.as_deref());
    plan.period = period::extract(d, year, plan.title.as_deref(), &mut ev);
    let year = year.or_else(|| plan.period.as_ref().and_then(period::year_of));
    plan.legal_bases = legal::extract(d, &mut ev);
    plan.deadlines = deadlines::extract(d, year, &mut ev);
    plan.targets = targets::extract(d, &mut ev);
    plan.award_forms = awards::extract_forms(d, &mut ev);
    plan.quotas = awards::extract_quotas(d, plan.issuer.as_deref(), &mut ev);
    plan.themes = themes::extract(d, &mut ev);
    plan.signer = signer::extract(d, &mut ev);
    let confidence = confidence::assess(d, &plan, &ev);
    plan.evidence = Some(ev);
    (plan, confidence)
}

/// The cleaned (and, for OCR text, restored) lines with their input line numbers; for debugging
/// the importer, not part of the stable API.
#[doc(hidden)]
pub fn debug_lines(text: &str) -> Vec<(usize, String)> {
    doc::Doc::parse(text)
        .lines
        .into_iter()
        .map(|l| (l.no, l.text))
        .collect()
}

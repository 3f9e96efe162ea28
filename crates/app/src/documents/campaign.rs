//! A campaign's papers: the plan (*kế hoạch*) from its record, and the list of nominees (*danh sách
//! đề nghị*) as PDF, DOCX or XLSX — the whole campaign for the office, a unit officer's own units for
//! them (the nomination list's visibility rules).

use super::{DocFile, Format, XLSX, letterhead, number_line, signature};
use crate::Caller;
use crate::campaigns::Plan as Record;
use crate::doc_settings::{self, DocSettings};
use crate::error::{Error, Result};
use thidua_docs::kinds::listing::Listing;
use thidua_docs::kinds::plan::Plan;
use thidua_docs::kinds::submission::Nominee;
use thidua_docs::text::{dmy, parse_iso};
use thidua_store::Db;
use thidua_store::nominations::NominationFilter;

fn day(s: &str) -> String {
    parse_iso(s).map(dmy).unwrap_or_else(|| s.to_string())
}

pub(crate) fn threshold(t: &thidua_store::campaign_parts::TargetRow) -> String {
    let cmp = match t.comparator.as_str() {
        ">=" => "≥ ",
        ">" => "> ",
        "<=" => "≤ ",
        "<" => "< ",
        _ => "",
    };
    let n = if t.threshold.fract() == 0.0 {
        format!("{}", t.threshold as i64)
    } else {
        format!("{}", t.threshold).replace('.', ",")
    };
    format!("{cmp}{n} {}", t.measure.as_deref().unwrap_or(""))
        .trim()
        .to_string()
}

fn quota_text(q: &thidua_store::campaigns::QuotaRow) -> String {
    let mut parts = Vec::new();
    if let Some(c) = q.collectives_max {
        parts.push(format!("{c:02} tập thể"));
    }
    if let Some(i) = q.individuals_max {
        parts.push(format!("{i:02} cá nhân"));
    }
    format!("{}: tối đa {}", q.who, parts.join(", "))
}

/// The plan laid out from its record.
pub fn plan_layout(r: &Record, s: &DocSettings) -> Plan {
    let c = &r.campaign;
    let issued = c.issued_on.as_deref().and_then(parse_iso);
    let mut head = letterhead(
        s,
        number_line(c.number.as_deref(), &s.symbol("plan")),
        issued,
    );
    if let Some(place) = c.place.as_deref().filter(|p| !p.trim().is_empty()) {
        head.place_date =
            thidua_docs::text::place_date(place, issued, issued.map_or(0, |d| d.year()));
    }
    let text_lines = |t: &Option<String>| -> Vec<String> {
        t.as_deref()
            .unwrap_or("")
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut purpose = text_lines(&c.purposes);
    purpose.extend(text_lines(&c.content));
    let quotas: Vec<String> = r.quotas.iter().map(quota_text).collect();
    let awards = r
        .award_forms
        .iter()
        .map(|a| {
            (
                a.name.clone(),
                a.criteria.clone().unwrap_or_default(),
                quotas.join("; "),
            )
        })
        .collect();
    let deadlines = r
        .deadlines
        .iter()
        .map(|(d, due)| {
            let when = match due.as_slice() {
                [one] => dmy(*one),
                [] => day(&d.due_on),
                many => format!("{} lần, từ {}", many.len(), dmy(many[0])),
            };
            (d.what.clone(), when, d.addressees.clone())
        })
        .collect();
    let signer = match c.signer_name.as_deref().filter(|n| !n.trim().is_empty()) {
        Some(name) => super::signer_for(s, c.signer_title.as_deref(), name),
        None => signature(&s.signer()),
    };
    Plan {
        head,
        summary: c.title.clone(),
        purpose,
        period: format!(
            "từ ngày {} đến ngày {}",
            day(&c.period_from),
            day(&c.period_to)
        ),
        themes: r
            .themes
            .iter()
            .map(|(t, _)| (t.title.clone(), t.lead_name.clone().unwrap_or_default()))
            .collect(),
        targets: r
            .targets
            .iter()
            .map(|t| (t.text.clone(), threshold(t)))
            .collect(),
        awards,
        deadlines,
        recipients: s.recipients_of("plan"),
        signature: signer,
        title: format!("Kế hoạch — {}", c.title),
    }
}

/// The plan of a campaign.
pub async fn plan(db: &Db, caller: &Caller, id: &str, format: Format) -> Result<DocFile> {
    let r = crate::campaigns::plan(db, caller, id).await?;
    let s = doc_settings::get(db, caller).await?;
    let doc = thidua_docs::kinds::plan::build(&plan_layout(&r, &s));
    super::file(doc, &format!("Ke-hoach-{}", r.campaign.title), format).await
}

/// The list of nominees of a campaign the caller may see.
pub async fn listing_layout(db: &Db, caller: &Caller, id: &str) -> Result<Listing> {
    let r = crate::campaigns::plan(db, caller, id).await?;
    let s = doc_settings::get(db, caller).await?;
    let filter = NominationFilter {
        campaign_id: Some(id.into()),
        ..Default::default()
    };
    let rows = crate::nominations::list(db, caller, &filter, false).await?;
    let nominees = rows
        .iter()
        .filter(|n| !matches!(n.row.status.as_str(), "draft" | "withdrawn" | "returned"))
        .map(|n| Nominee {
            name: n.nominee_name.clone(),
            position: n.unit_name.clone(),
            award: n.code_name.clone(),
            collective: n.row.nominee_type == "unit",
            votes: String::new(),
        })
        .collect();
    Ok(Listing {
        head: letterhead(&s, String::new(), Some(crate::today())),
        heading: "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG".into(),
        subtitle: r.campaign.title.clone(),
        nominees,
        signature: signature(&s.signer()),
        title: format!("Danh sách đề nghị — {}", r.campaign.title),
    })
}

/// The list as PDF, DOCX (`format`) or XLSX (`None`).
pub async fn listing(
    db: &Db,
    caller: &Caller,
    id: &str,
    format: Option<Format>,
) -> Result<DocFile> {
    let l = listing_layout(db, caller, id).await?;
    let stem = format!("Danh-sach-de-nghi-{}", l.subtitle);
    match format {
        Some(f) => super::file(thidua_docs::kinds::listing::build(&l), &stem, f).await,
        None => {
            let (headers, rows) = thidua_docs::kinds::listing::table(&l);
            let title = format!("{} — {}", l.heading, l.subtitle);
            let bytes = thidua_docs::xlsx::table(&title, &headers, &rows)
                .map_err(|e| Error::Internal(anyhow::anyhow!("{e}")))?;
            let mut name = thidua_docs::file_name(&stem, Format::Pdf);
            name.truncate(name.len() - 3);
            name.push_str("xlsx");
            Ok(DocFile {
                name,
                mime: XLSX,
                bytes,
            })
        }
    }
}

//! A campaign's review report (*báo cáo sơ kết / tổng kết*) as PDF or DOCX, laid out from
//! [`crate::campaign_report::ReportView`] in the organisation's outline.

use super::{DocFile, Format, letterhead, number_line, signature};
use crate::Caller;
use crate::campaign_report::figures::lower_first;
use crate::campaign_report::{self, ReportView};
use crate::campaigns::date_of;
use crate::doc_settings::{self, DocSettings};
use crate::error::Result;
use thidua_docs::kinds::review::{Content, Review, Section};
use thidua_docs::text::dmy;
use thidua_domain::campaign::report::{ReportKind, SectionSource};
use thidua_store::Db;

fn content(v: &ReportView, source: SectionSource) -> Content {
    let f = &v.figures;
    match source {
        SectionSource::Direction => Content::Direction(f.direction.clone()),
        SectionSource::Participation => Content::Participation(f.participation.clone()),
        SectionSource::Targets => Content::Targets(f.targets.clone()),
        SectionSource::Deadlines => Content::Deadlines(f.deadlines.clone()),
        SectionSource::Exemplars => Content::Exemplars(f.exemplars.clone()),
        SectionSource::Awards => Content::Awards(f.awards.clone()),
        SectionSource::Text => Content::Text,
    }
}

/// "Thực hiện Kế hoạch số 12/KH-UBND ngày 05/01/2024 của …, … báo cáo … như sau:".
fn intro(v: &ReportView, s: &DocSettings) -> String {
    let c = &v.campaign;
    let mut plan = String::from("Kế hoạch");
    if let Some(n) = c.number.as_deref().filter(|n| !n.trim().is_empty()) {
        plan.push_str(&format!(" số {}", n.trim()));
    }
    if let Some(d) = c.issued_on.as_deref() {
        plan.push_str(&format!(" ngày {}", dmy(date_of(d))));
    }
    format!(
        "Thực hiện {plan} của {} về {}, {} báo cáo kết quả {} như sau (số liệu tính đến ngày {}):",
        c.issuer,
        lower_first(&c.title),
        s.body_name,
        v.kind.word(),
        dmy(v.as_of)
    )
}

/// The report laid out: enabled sections in the outline's order.
pub fn layout(v: &ReportView, s: &DocSettings) -> Review {
    let head = letterhead(
        s,
        number_line(v.number.as_deref(), &s.symbol("report")),
        v.issued_on,
    );
    let sections = v
        .outline
        .iter()
        .filter(|o| o.enabled)
        .map(|o| Section {
            heading: o.heading.clone(),
            content: content(v, o.source),
            text: v
                .texts
                .get(&o.key)
                .map(|t| {
                    t.lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            hint: o.hint.clone(),
        })
        .collect();
    let word = match v.kind {
        ReportKind::Interim => "Sơ kết",
        ReportKind::Final => "Tổng kết",
    };
    let summary = format!("{word} {}", lower_first(&v.campaign.title));
    Review {
        head,
        title: format!("{} — {}", v.kind.label(), v.campaign.title),
        summary,
        intro: intro(v, s),
        sections,
        recipients: s.recipients_of("report"),
        signature: signature(&s.signer()),
    }
}

/// The report of `kind` of campaign `id` in `format`.
pub async fn document(
    db: &Db,
    caller: &Caller,
    id: &str,
    kind: ReportKind,
    format: Format,
) -> Result<DocFile> {
    let v = campaign_report::read(db, caller, id, kind, None).await?;
    let s = doc_settings::get(db, caller).await?;
    let doc = thidua_docs::kinds::review::build(&layout(&v, &s));
    let stem = format!("{}-{}", v.kind.label(), v.campaign.title);
    super::file(doc, &stem, format).await
}

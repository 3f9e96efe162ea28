//! Legal bases: every document cited in the preamble's `Căn cứ…` / `Thực hiện…` paragraphs and
//! in the paragraph just before section I (footnotes and the body are not searched).

use crate::doc::{Doc, starts_basis};
use crate::model::{Evidence, LegalBasis};
use crate::numbers::citations;

/// Extracts the cited documents, in order, without duplicates.
pub fn extract(d: &Doc, ev: &mut Evidence) -> Vec<LegalBasis> {
    let paras: Vec<_> = d
        .paras(d.preamble.clone())
        .into_iter()
        .filter(|p| !p.footnote)
        .collect();
    let last = paras.len().saturating_sub(1);
    let mut out: Vec<LegalBasis> = Vec::new();
    for (k, p) in paras.iter().enumerate() {
        let f = p.fold.trim_start_matches(|c: char| !c.is_alphabetic());
        let cites_first = citations(&p.text, &p.fold)
            .first()
            .is_some_and(|c| p.fold[..c.span.start].split_whitespace().count() <= 3);
        if !(starts_basis(f) || k == last || cites_first) {
            continue;
        }
        if out.len() >= crate::text::MAX_ITEMS {
            break;
        }
        for c in citations(&p.text, &p.fold) {
            let item = LegalBasis {
                number: c.number,
                date: c.date,
            };
            let dup = out.iter().any(|o| {
                o == &item
                    || (item.number.is_some()
                        && o.number == item.number
                        && (item.date.is_none() || o.date.is_none()))
            });
            if !dup && (item.number.is_some() || item.date.is_some()) {
                ev.legal_bases.push(p.lines_for(c.span.clone()));
                out.push(item);
            }
        }
    }
    out
}

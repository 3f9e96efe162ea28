//! *Danh sách đề nghị khen thưởng*: the nominees of a campaign or a unit, as a document (PDF, DOCX)
//! and as a spreadsheet ([`crate::xlsx`]).

use super::submission::{Nominee, nominee_table};
use crate::model::{Doc, Letterhead, Signature};
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Listing {
    pub head: Letterhead,
    /// "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG".
    pub heading: String,
    /// "Đợt thi đua cao điểm … năm 2026" or the unit's name.
    pub subtitle: String,
    pub nominees: Vec<Nominee>,
    pub signature: Signature,
    pub title: String,
}

pub fn build(l: &Listing) -> Doc {
    Doc {
        title: l.title.clone(),
        head: l.head.clone(),
        kind: l.heading.clone(),
        summary: vec![l.subtitle.clone()],
        authority: Vec::new(),
        blocks: vec![nominee_table(&l.nominees)],
        recipients: Vec::new(),
        signatures: vec![l.signature.clone()],
        appendices: Vec::new(),
        template: crate::template_version(),
    }
}

/// The spreadsheet columns and rows of the list.
pub fn table(l: &Listing) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let headers = vec![
        "TT",
        "Họ và tên / Tên tập thể",
        "Tập thể / Cá nhân",
        "Chức vụ, đơn vị",
        "Hình thức khen thưởng",
        "Kết quả bỏ phiếu",
    ];
    let rows = l
        .nominees
        .iter()
        .enumerate()
        .map(|(i, n)| {
            vec![
                (i + 1).to_string(),
                n.name.clone(),
                if n.collective {
                    "Tập thể"
                } else {
                    "Cá nhân"
                }
                .to_string(),
                n.position.clone(),
                n.award.clone(),
                n.votes.clone(),
            ]
        })
        .collect();
    (headers, rows)
}

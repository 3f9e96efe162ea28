//! *Tờ trình*: a request to the one who decides, from the standing office to the chairman (with the
//! list and the council's result) or from a nominating unit to the office (its own dossier).

use crate::model::{Align, Appendix, Block, Column, Doc, Letterhead, Row, Run, Signature};
use serde::Serialize;

/// One proposed awardee.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Nominee {
    pub name: String,
    pub position: String,
    pub award: String,
    pub collective: bool,
    /// The council's result, e.g. "9/11 (81,8%)"; empty for a unit's own request.
    pub votes: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Submission {
    pub head: Letterhead,
    /// "Về việc đề nghị khen thưởng …".
    pub summary: String,
    /// "Chủ tịch Ủy ban nhân dân thành phố Hà Nội".
    pub to: String,
    /// Bases and what was done: paragraphs of the body before the proposal.
    pub paragraphs: Vec<String>,
    /// The request itself: "… kính trình Chủ tịch … xem xét, quyết định khen thưởng …".
    pub request: String,
    pub nominees: Vec<Nominee>,
    /// "(Kèm theo Tờ trình số …)".
    pub list_reference: String,
    pub recipients: Vec<String>,
    pub signature: Signature,
    pub title: String,
}

/// The list of proposed awardees as a table (with the council's votes when there are any).
pub(crate) fn nominee_table(list: &[Nominee]) -> Block {
    let with_votes = list.iter().any(|n| !n.votes.is_empty());
    let mut columns = vec![
        Column::new("TT", 0.6, Align::Centre),
        Column::new("Họ và tên / Tên tập thể", 3.0, Align::Left),
        Column::new("Chức vụ, đơn vị", 3.0, Align::Left),
        Column::new("Hình thức khen thưởng", 2.6, Align::Left),
    ];
    if with_votes {
        columns.push(Column::new("Kết quả bỏ phiếu", 1.6, Align::Centre));
    }
    let mut rows = Vec::new();
    let mut tt = 0;
    for (collective, label) in [(true, "I. TẬP THỂ"), (false, "II. CÁ NHÂN")] {
        let group: Vec<&Nominee> = list.iter().filter(|n| n.collective == collective).collect();
        if group.is_empty() {
            continue;
        }
        rows.push(Row::Group { text: label.into() });
        for n in group {
            tt += 1;
            let mut cells = vec![
                tt.to_string(),
                n.name.clone(),
                n.position.clone(),
                n.award.clone(),
            ];
            if with_votes {
                cells.push(n.votes.clone());
            }
            rows.push(Row::Cells { cells });
        }
    }
    Block::Table { columns, rows }
}

pub fn build(s: &Submission) -> Doc {
    let mut blocks = vec![
        Block::centred(vec![Run::plain("Kính gửi: "), Run::plain(&s.to)]),
        Block::Space { pt: 6.0 },
    ];
    blocks.extend(s.paragraphs.iter().map(Block::text));
    blocks.push(Block::text(&s.request));
    blocks.push(Block::text(format!(
        "Kính trình {} xem xét, quyết định./.",
        s.to
    )));
    Doc {
        title: s.title.clone(),
        head: s.head.clone(),
        kind: "TỜ TRÌNH".into(),
        summary: vec![s.summary.clone()],
        authority: Vec::new(),
        blocks,
        recipients: s.recipients.clone(),
        signatures: vec![s.signature.clone()],
        appendices: vec![Appendix {
            title: vec!["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG".into()],
            subtitle: vec![s.list_reference.clone()],
            blocks: vec![nominee_table(&s.nominees)],
        }],
        template: crate::template_version(),
    }
}

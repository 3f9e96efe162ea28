//! *Biên bản họp Hội đồng Thi đua - Khen thưởng*: when and where, who chaired and who took the
//! minutes, the members present and absent, each item with its votes and their share of *all*
//! members (Law Điều 88: a proposal passes with more than half of all members), the conclusion, and
//! the signatures of the secretary and the chair.

use crate::model::{Align, Block, Column, Doc, Letterhead, Row, Run, Signature};
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Item {
    pub nominee: String,
    pub unit: String,
    pub award: String,
    pub agree: i64,
    pub disagree: i64,
    pub abstain: i64,
    /// "Thông qua", "Không thông qua".
    pub result: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Minutes {
    pub head: Letterhead,
    /// "Họp Hội đồng Thi đua - Khen thưởng Thành phố xét khen thưởng …".
    pub summary: String,
    /// "Vào hồi 08 giờ 30 phút, ngày 05 tháng 12 năm 2026".
    pub when: String,
    pub place: String,
    pub council: String,
    pub chair: String,
    pub secretary: String,
    pub present: Vec<String>,
    pub absent: Vec<String>,
    pub total_members: i64,
    /// "Bỏ phiếu kín" or "Biểu quyết".
    pub voting: String,
    pub items: Vec<Item>,
    pub conclusion: Vec<String>,
    /// "Cuộc họp kết thúc vào hồi … cùng ngày."
    pub closing: String,
    pub title: String,
}

/// "9/11 (81,8%)": votes over all members, with a decimal comma.
pub fn share(votes: i64, total: i64) -> String {
    if total <= 0 {
        return votes.to_string();
    }
    let pct = (votes as f64) * 100.0 / (total as f64);
    format!(
        "{votes}/{total} ({})",
        format!("{pct:.1}%").replace('.', ",")
    )
}

fn items_table(m: &Minutes) -> Block {
    let columns = vec![
        Column::new("TT", 0.5, Align::Centre),
        Column::new("Tập thể, cá nhân được đề nghị", 3.0, Align::Left),
        Column::new("Hình thức", 2.2, Align::Left),
        Column::new("Đồng ý (tỷ lệ trên tổng số thành viên)", 1.9, Align::Centre),
        Column::new("Không đồng ý", 1.0, Align::Centre),
        Column::new("Không biểu quyết", 1.0, Align::Centre),
        Column::new("Kết quả", 1.3, Align::Centre),
    ];
    let rows = m
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| Row::Cells {
            cells: vec![
                (i + 1).to_string(),
                if it.unit.is_empty() {
                    it.nominee.clone()
                } else {
                    format!("{} ({})", it.nominee, it.unit)
                },
                it.award.clone(),
                share(it.agree, m.total_members),
                it.disagree.to_string(),
                it.abstain.to_string(),
                it.result.clone(),
            ],
        })
        .collect();
    Block::Table { columns, rows }
}

fn names(list: &[String]) -> String {
    if list.is_empty() {
        "không".into()
    } else {
        list.join(", ")
    }
}

pub fn build(m: &Minutes) -> Doc {
    let mut blocks = vec![
        Block::text(format!(
            "{}, tại {}, {} họp xét đề nghị khen thưởng.",
            m.when, m.place, m.council
        )),
        super::heading("I. THÀNH PHẦN"),
        Block::text(format!("Chủ trì: {}.", m.chair)),
        Block::text(format!("Thư ký: {}.", m.secretary)),
        Block::text(format!(
            "Thành viên có mặt: {}/{} ({}).",
            m.present.len(),
            m.total_members,
            names(&m.present)
        )),
        Block::text(format!(
            "Thành viên vắng mặt: {} ({}).",
            m.absent.len(),
            names(&m.absent)
        )),
        super::heading("II. NỘI DUNG"),
        Block::text(format!(
            "Hội đồng đã xem xét hồ sơ và {} đối với {} trường hợp đề nghị khen thưởng. Kết quả như sau:",
            m.voting.to_lowercase(),
            m.items.len()
        )),
        items_table(m),
        super::heading("III. KẾT LUẬN"),
    ];
    blocks.extend(m.conclusion.iter().map(Block::text));
    blocks.push(Block::text(&m.closing));
    blocks.push(Block::para(vec![Run::italic(
        "Biên bản được lập thành 02 bản, đã thông qua trước Hội đồng./.",
    )]));
    Doc {
        title: m.title.clone(),
        head: m.head.clone(),
        kind: "BIÊN BẢN".into(),
        summary: vec![m.summary.clone()],
        authority: Vec::new(),
        blocks,
        recipients: Vec::new(),
        signatures: vec![
            Signature {
                lines: vec!["THƯ KÝ".into()],
                name: m.secretary.clone(),
            },
            Signature {
                lines: vec!["CHỦ TRÌ".into()],
                name: m.chair.clone(),
            },
        ],
        appendices: Vec::new(),
        template: crate::template_version(),
    }
}

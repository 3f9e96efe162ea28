//! *Biên bản hội nghị tổng kết, bình xét thi đua của cụm, khối*: when and where, the members present,
//! the ranking of the year's scoring, the vote on the leading unit (proposed for the Cờ thi đua), next
//! year's leader and deputy, signed by the secretary and the leader who presided. It is the minutes a
//! cluster leader's Cờ dossier asks for (LAW.md §6, "minutes of the bloc's review and its voting
//! results").

use crate::model::{Align, Block, Column, Doc, Letterhead, Row, Run, Signature};
use serde::Serialize;

/// A unit's place in the ranking read out at the meeting.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Place {
    pub rank: usize,
    pub unit: String,
    /// "96,5".
    pub total: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ClusterMinutes {
    pub head: Letterhead,
    /// "Cụm thi đua số 1 (các phường)".
    pub cluster: String,
    pub year: i32,
    /// "Vào ngày 12 tháng 11 năm 2026".
    pub when: String,
    pub place: String,
    /// The leading unit of this year, which presided.
    pub chair_unit: String,
    pub members: usize,
    pub present: i64,
    /// The scale whose published ranking was read out (empty: none).
    pub scale: String,
    pub ranking: Vec<Place>,
    pub leading_unit: String,
    pub leading_votes: i64,
    pub next_leader: String,
    pub next_deputy: String,
    pub repeat_reason: String,
    pub note: String,
}

fn ranking_table(m: &ClusterMinutes) -> Block {
    let columns = vec![
        Column::new("Xếp hạng", 0.9, Align::Centre),
        Column::new("Đơn vị", 4.0, Align::Left),
        Column::new("Tổng điểm", 1.2, Align::Centre),
    ];
    let rows = m
        .ranking
        .iter()
        .map(|p| Row::Cells {
            cells: vec![p.rank.to_string(), p.unit.clone(), p.total.clone()],
        })
        .collect();
    Block::Table { columns, rows }
}

fn election(m: &ClusterMinutes, next: i32) -> Vec<Block> {
    let mut out = vec![Block::text(format!(
        "Hội nghị thống nhất bầu {} làm Trưởng {} năm {next}{}.",
        m.next_leader,
        m.cluster,
        if m.next_deputy.is_empty() {
            String::new()
        } else {
            format!(", {} làm Phó", m.next_deputy)
        }
    ))];
    if !m.repeat_reason.is_empty() {
        out.push(Block::text(format!(
            "Đơn vị Trưởng năm {} tiếp tục làm Trưởng năm {next}, với lý do: {}.",
            m.year, m.repeat_reason
        )));
    }
    out
}

pub fn build(m: &ClusterMinutes) -> Doc {
    let mut blocks = vec![
        Block::text(format!(
            "{}, tại {}, {} tổ chức hội nghị tổng kết phong trào thi đua năm {}, bình xét đơn vị dẫn đầu và bầu Trưởng, Phó cho năm {}.",
            m.when,
            m.place,
            m.cluster,
            m.year,
            m.year + 1
        )),
        super::heading("I. THÀNH PHẦN"),
        Block::text(format!(
            "Chủ trì: {} (đơn vị Trưởng năm {}).",
            m.chair_unit, m.year
        )),
        Block::text(format!(
            "Đơn vị thành viên có mặt: {}/{}.",
            m.present, m.members
        )),
        super::heading("II. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG"),
    ];
    if m.ranking.is_empty() {
        blocks.push(Block::text(
            "Cụm, khối không có kết quả chấm điểm đã công bố.",
        ));
    } else {
        blocks.push(Block::text(format!(
            "Theo kết quả chấm điểm đã công bố ({}):",
            m.scale
        )));
        blocks.push(ranking_table(m));
    }
    blocks.push(super::heading("III. BÌNH XÉT ĐƠN VỊ DẪN ĐẦU"));
    blocks.push(Block::text(format!(
        "Hội nghị biểu quyết: {}/{} đơn vị có mặt tán thành {} là đơn vị dẫn đầu {} năm {}, đề nghị tặng Cờ thi đua.",
        m.leading_votes, m.present, m.leading_unit, m.cluster, m.year
    )));
    blocks.push(super::heading("IV. BẦU TRƯỞNG, PHÓ NĂM SAU"));
    blocks.extend(election(m, m.year + 1));
    if !m.note.is_empty() {
        blocks.push(Block::text(&m.note));
    }
    blocks.push(Block::para(vec![Run::italic(
        "Biên bản được lập thành 02 bản, đã thông qua tại hội nghị./.",
    )]));
    Doc {
        title: format!("Biên bản tổng kết {} năm {}", m.cluster, m.year),
        head: m.head.clone(),
        kind: "BIÊN BẢN".into(),
        summary: vec![format!(
            "Hội nghị tổng kết, bình xét thi đua năm {}",
            m.year
        )],
        authority: Vec::new(),
        blocks,
        recipients: Vec::new(),
        signatures: vec![
            Signature {
                lines: vec!["THƯ KÝ".into()],
                name: String::new(),
            },
            Signature {
                lines: vec!["ĐƠN VỊ CHỦ TRÌ".into(), m.chair_unit.to_uppercase()],
                name: String::new(),
            },
        ],
        appendices: Vec::new(),
        template: crate::template_version(),
    }
}

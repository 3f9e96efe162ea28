//! *Bảng xếp hạng thi đua*: the ranking of a scale, cluster by cluster (and overall when there are
//! several), with each group's points and the total, signed by the standing office.

use crate::model::{Align, Block, Column, Doc, Letterhead, Row, Signature};
use serde::Serialize;

/// One unit's row.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Line {
    /// "1", or "2 =" when shared.
    pub rank: String,
    pub unit: String,
    /// Points of each group, as written ("55,82").
    pub groups: Vec<String>,
    pub total: String,
}

/// The ranking of one cluster or block, or the overall one.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Table {
    pub heading: String,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Ranking {
    pub head: Letterhead,
    /// "Thang điểm chấm điểm, xếp hạng thi đua Khối phường năm 2026".
    pub scale: String,
    /// "Kết quả đã công bố ngày 04/12/2026" or "Kết quả tạm thời, chưa công bố".
    pub status: String,
    /// Column headers of the groups, in order ("Nhóm I").
    pub group_labels: Vec<String>,
    /// The groups named, for the legend ("Nhóm I: Thực hiện nhiệm vụ chính trị (tối đa 60 điểm)").
    pub group_names: Vec<String>,
    pub tables: Vec<Table>,
    pub signature: Signature,
}

fn table(r: &Ranking, t: &Table) -> Block {
    let mut columns = vec![
        Column::new("Hạng", 0.7, Align::Centre),
        Column::new("Đơn vị", 3.0, Align::Left),
    ];
    for l in &r.group_labels {
        columns.push(Column::new(l, 1.0, Align::Centre));
    }
    columns.push(Column::new("Tổng điểm", 1.1, Align::Centre));
    let rows = t
        .lines
        .iter()
        .map(|l| {
            let mut cells = vec![l.rank.clone(), l.unit.clone()];
            cells.extend(l.groups.iter().cloned());
            cells.push(l.total.clone());
            Row::Cells { cells }
        })
        .collect();
    Block::Table { columns, rows }
}

pub fn build(r: &Ranking) -> Doc {
    let mut blocks = vec![Block::text(format!("{}. {}.", r.scale, r.status))];
    blocks.extend(r.group_names.iter().map(|g| Block::text(format!("{g}."))));
    for t in &r.tables {
        blocks.push(super::heading(&t.heading));
        blocks.push(table(r, t));
    }
    Doc {
        title: format!("Bảng xếp hạng — {}", r.scale),
        head: r.head.clone(),
        kind: "BẢNG XẾP HẠNG THI ĐUA".into(),
        summary: vec![r.scale.clone()],
        authority: Vec::new(),
        blocks,
        recipients: Vec::new(),
        signatures: vec![r.signature.clone()],
        appendices: Vec::new(),
        template: crate::template_version(),
    }
}

//! *Kế hoạch* of a campaign from its record: purpose, themes with their lead units, targets, award
//! forms and quotas, and the deadlines of its implementation.

use super::heading;
use crate::model::{Align, Block, Column, Doc, Letterhead, Row, Signature};
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Plan {
    pub head: Letterhead,
    /// "Tổ chức phong trào thi đua … năm 2026".
    pub summary: String,
    /// The campaign's description, paragraph by paragraph.
    pub purpose: Vec<String>,
    /// "Từ ngày 01/01/2026 đến ngày 31/12/2026".
    pub period: String,
    /// (theme, lead unit)
    pub themes: Vec<(String, String)>,
    /// (target, measure) e.g. ("Tỷ lệ hộ gia đình văn hóa", "≥ 90 %")
    pub targets: Vec<(String, String)>,
    /// (award form, who may receive it, quota)
    pub awards: Vec<(String, String, String)>,
    /// (what, by when, who)
    pub deadlines: Vec<(String, String, String)>,
    pub recipients: Vec<String>,
    pub signature: Signature,
    pub title: String,
}

fn table(headers: &[(&str, f32, Align)], rows: Vec<Vec<String>>) -> Block {
    Block::Table {
        columns: headers
            .iter()
            .map(|(h, w, a)| Column::new(h, *w, *a))
            .collect(),
        rows: rows.into_iter().map(|cells| Row::Cells { cells }).collect(),
    }
}

fn numbered<T>(list: &[T], f: impl Fn(&T) -> Vec<String>) -> Vec<Vec<String>> {
    list.iter()
        .enumerate()
        .map(|(i, x)| {
            let mut cells = vec![(i + 1).to_string()];
            cells.extend(f(x));
            cells
        })
        .collect()
}

pub fn build(p: &Plan) -> Doc {
    let mut blocks = vec![heading("I. MỤC ĐÍCH, YÊU CẦU")];
    blocks.extend(p.purpose.iter().map(Block::text));
    blocks.push(Block::text(format!("Thời gian thực hiện: {}.", p.period)));
    blocks.push(heading("II. NỘI DUNG THI ĐUA"));
    if p.themes.is_empty() {
        blocks.push(Block::text("Kế hoạch chưa có nội dung thi đua."));
    } else {
        let rows = numbered(&p.themes, |(t, lead)| vec![t.clone(), lead.clone()]);
        blocks.push(table(
            &[
                ("TT", 0.5, Align::Centre),
                ("Nội dung", 4.0, Align::Left),
                ("Đơn vị chủ trì", 2.0, Align::Left),
            ],
            rows,
        ));
    }
    blocks.push(heading("III. CHỈ TIÊU THI ĐUA"));
    let rows = numbered(&p.targets, |(t, m)| vec![t.clone(), m.clone()]);
    blocks.push(table(
        &[
            ("TT", 0.5, Align::Centre),
            ("Chỉ tiêu", 4.0, Align::Left),
            ("Mức phấn đấu", 2.0, Align::Left),
        ],
        rows,
    ));
    blocks.push(heading("IV. HÌNH THỨC KHEN THƯỞNG"));
    let rows = numbered(&p.awards, |(a, who, q)| {
        vec![a.clone(), who.clone(), q.clone()]
    });
    blocks.push(table(
        &[
            ("TT", 0.5, Align::Centre),
            ("Hình thức", 3.0, Align::Left),
            ("Đối tượng", 1.6, Align::Left),
            ("Số lượng tối đa", 1.6, Align::Left),
        ],
        rows,
    ));
    blocks.push(heading("V. TỔ CHỨC THỰC HIỆN"));
    let rows = numbered(&p.deadlines, |(w, d, who)| {
        vec![w.clone(), d.clone(), who.clone()]
    });
    blocks.push(table(
        &[
            ("TT", 0.5, Align::Centre),
            ("Nội dung", 3.4, Align::Left),
            ("Thời hạn", 1.3, Align::Centre),
            ("Đơn vị thực hiện", 2.0, Align::Left),
        ],
        rows,
    ));
    Doc {
        title: p.title.clone(),
        head: p.head.clone(),
        kind: "KẾ HOẠCH".into(),
        summary: vec![p.summary.clone()],
        authority: Vec::new(),
        blocks,
        recipients: p.recipients.clone(),
        signatures: vec![p.signature.clone()],
        appendices: Vec::new(),
        template: crate::template_version(),
    }
}

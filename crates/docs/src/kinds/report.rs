//! *Báo cáo thành tích* in the shape of the decree's forms (Nghị định 152/2025/NĐ-CP, formerly
//! 98/2023, Phụ lục: mẫu 01 for collectives, mẫu 02 for individuals): a summary of the nominee, the
//! achievements, the titles and awards already received from the ledger, and the confirmation block of
//! the managing body beside the reporter's signature.

use super::heading;
use crate::model::{Align, Block, Column, Doc, Letterhead, Row, Signature};
use serde::Serialize;

/// A title or award already received.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Held {
    pub year: i32,
    pub name: String,
    /// "Quyết định số 12/QĐ-UBND ngày 05/01/2025 của Chủ tịch UBND quận Hai Bà Trưng".
    pub decision: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub head: Letterhead,
    /// "Đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố".
    pub summary: String,
    pub collective: bool,
    /// (label, value) lines of part I: "Họ và tên", "Ngày sinh", "Đơn vị công tác"…
    pub particulars: Vec<(String, String)>,
    /// The achievements, paragraph by paragraph (the nomination's text).
    pub achievements: Vec<String>,
    /// Campaign progress lines: "Chỉ tiêu …: đạt 95 % (kế hoạch 90 %)".
    pub progress: Vec<String>,
    pub titles: Vec<Held>,
    pub awards: Vec<Held>,
    /// Whoever confirms: "THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN TRỰC TIẾP" / "THỦ TRƯỞNG ĐƠN VỊ".
    pub confirmer: Signature,
    pub reporter: Signature,
    pub title: String,
}

fn held_table(first: &str, list: &[Held]) -> Block {
    let columns = vec![
        Column::new("Năm", 0.8, Align::Centre),
        Column::new(first, 2.6, Align::Left),
        Column::new(
            "Số, ngày, tháng, năm của quyết định; cơ quan ban hành",
            4.0,
            Align::Left,
        ),
    ];
    let rows = if list.is_empty() {
        vec![Row::Cells {
            cells: vec![String::new(), "Chưa có".into(), String::new()],
        }]
    } else {
        list.iter()
            .map(|h| Row::Cells {
                cells: vec![h.year.to_string(), h.name.clone(), h.decision.clone()],
            })
            .collect()
    };
    Block::Table { columns, rows }
}

pub fn build(r: &Report) -> Doc {
    let part_one = if r.collective {
        "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"
    } else {
        "I. SƠ LƯỢC LÝ LỊCH"
    };
    let mut blocks = vec![heading(part_one)];
    blocks.extend(
        r.particulars
            .iter()
            .map(|(k, v)| Block::text(format!("- {k}: {v}"))),
    );
    blocks.push(heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"));
    blocks.extend(r.achievements.iter().map(Block::text));
    if !r.progress.is_empty() {
        blocks.push(Block::text("Kết quả thực hiện các chỉ tiêu thi đua:"));
        blocks.extend(r.progress.iter().map(|p| Block::text(format!("- {p}"))));
    }
    blocks.push(heading("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"));
    blocks.push(Block::text("1. Danh hiệu thi đua"));
    blocks.push(held_table("Danh hiệu thi đua", &r.titles));
    blocks.push(Block::text("2. Hình thức khen thưởng"));
    blocks.push(held_table("Hình thức khen thưởng", &r.awards));
    Doc {
        title: r.title.clone(),
        head: r.head.clone(),
        kind: "BÁO CÁO THÀNH TÍCH".into(),
        summary: vec![r.summary.clone()],
        authority: Vec::new(),
        blocks,
        recipients: Vec::new(),
        signatures: vec![r.confirmer.clone(), r.reporter.clone()],
        appendices: Vec::new(),
        template: crate::template_version(),
    }
}

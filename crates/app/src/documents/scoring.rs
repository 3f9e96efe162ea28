//! The ranking of a scale as a document, signed by the standing office.

use super::{DocFile, Format, letterhead, number_line};
use crate::Caller;
use crate::doc_settings;
use crate::error::Result;
use crate::scoring::ranking::{self, Place};
use thidua_docs::kinds::ranking::{Line, Ranking, Table};
use thidua_domain::scoring::{points_text, roman};
use thidua_store::Db;

fn lines(places: &[Place]) -> Vec<Line> {
    places
        .iter()
        .map(|p| Line {
            rank: if p.tied {
                format!("{} =", p.rank)
            } else {
                p.rank.to_string()
            },
            unit: p.unit_name.clone(),
            groups: p.groups.iter().map(|g| points_text(*g)).collect(),
            total: match p.votes {
                Some(v) => format!("{} ({v} phiếu)", points_text(p.total)),
                None => points_text(p.total),
            },
        })
        .collect()
}

/// The ranking of a scale (whoever may see the ranking), per cluster and overall.
pub async fn ranking(db: &Db, caller: &Caller, scale_id: &str, format: Format) -> Result<DocFile> {
    let r = ranking::ranking(db, caller, scale_id).await?;
    let s = doc_settings::get(db, caller).await?;
    let row = &r.scale.row;
    let status = match &row.published_at {
        Some(at) => format!(
            "Kết quả đã công bố ngày {}",
            thidua_domain::date::iso_to_vn(at.get(..10).unwrap_or(""))
        ),
        None => "Kết quả tạm thời, chưa công bố".into(),
    };
    let mut tables: Vec<Table> = r
        .clusters
        .iter()
        .map(|c| Table {
            heading: c.cluster_name.clone(),
            lines: lines(&c.places),
        })
        .collect();
    if r.clusters.len() > 1 {
        tables.push(Table {
            heading: "Xếp hạng chung".into(),
            lines: lines(&r.overall),
        });
    }
    let layout = Ranking {
        head: letterhead(&s, number_line(None, "BXH"), Some(crate::today())),
        scale: row.name.clone(),
        status,
        group_labels: r
            .scale
            .groups
            .iter()
            .map(|g| format!("Nhóm {}", roman(g.position)))
            .collect(),
        group_names: r
            .scale
            .groups
            .iter()
            .map(|g| {
                format!(
                    "Nhóm {}: {} (tối đa {} điểm)",
                    roman(g.position),
                    g.name,
                    points_text(g.max_points)
                )
            })
            .collect(),
        tables,
        signature: thidua_docs::model::Signature {
            lines: vec![
                "CƠ QUAN THƯỜNG TRỰC".into(),
                "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG".into(),
            ],
            name: String::new(),
        },
    };
    let doc = thidua_docs::kinds::ranking::build(&layout);
    super::file(doc, &format!("Xep-hang-{}", row.year), format).await
}

//! The records behind one figure: the campaigns or awards counted in a cell, each linking to its page.

use super::{Layout, figure, render, year_of};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::ops::statistics::{self as ops, CellRecords, Record, Source};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use thidua_domain::date::iso_to_vn;

/// A record's line.
struct Line {
    name: String,
    href: String,
    detail: Vec<String>,
}

#[derive(Template)]
#[template(path = "statistics/cell.html")]
struct CellPage {
    l: Layout,
    c: CellRecords,
    code: &'static str,
    symbol: String,
    value: String,
    manual: bool,
    col_label: String,
    lines: Vec<Line>,
}

fn kind_label(kind: &str) -> &'static str {
    match kind {
        "regular" => "Thường xuyên",
        "multi_year" => "Nhiều năm",
        "thematic" => "Chuyên đề",
        "peak" => "Cao điểm",
        "campaign" => "Theo đợt, chuyên đề",
        "ad_hoc" => "Đột xuất",
        "career" => "Quá trình cống hiến",
        "foreign" => "Đối ngoại",
        _ => "Thường xuyên (công trạng)",
    }
}

fn line(r: &Record, names: &std::collections::HashMap<String, String>) -> Line {
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    match r {
        Record::Campaign(c) => Line {
            name: c.title.clone(),
            href: format!("/campaigns/{}", c.id),
            detail: vec![
                format!("{} {}", opt(&c.number), c.issuer)
                    .trim()
                    .to_string(),
                c.issued_on.as_deref().map(iso_to_vn).unwrap_or_default(),
                format!(
                    "{} – {}",
                    iso_to_vn(&c.period_from),
                    iso_to_vn(&c.period_to)
                ),
                kind_label(&c.kind).into(),
            ],
        },
        Record::Award(a) => {
            let subject = if a.subject_type == "unit" {
                "units"
            } else {
                "people"
            };
            Line {
                name: opt(&a.name),
                href: format!("/{subject}/{}/honours", a.subject_id),
                detail: vec![
                    if a.subject_type == "unit" {
                        "Tập thể".into()
                    } else {
                        format!("{} — {}", opt(&a.position), opt(&a.unit_name))
                    },
                    names
                        .get(&a.code)
                        .cloned()
                        .unwrap_or_else(|| a.code.clone()),
                    format!(
                        "{} ngày {}",
                        opt(&a.decision_no),
                        a.decision_date
                            .as_deref()
                            .map(iso_to_vn)
                            .unwrap_or_default()
                    ),
                    kind_label(&a.kind).into(),
                ],
            }
        }
    }
}

pub(super) async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((year, form, row, col)): Path<(String, String, String, String)>,
) -> AppResult<Response> {
    let year = year_of(Some(&year))?;
    let f = ops::form_of(&form)?;
    let c = ops::cell_records(&state.db, &ctx, year, f, &row, &col).await?;
    let page = CellPage {
        l: Layout::new(&ctx, "statistics"),
        code: f.code(),
        symbol: f.symbol(),
        value: c.value.map(figure).unwrap_or_else(|| "chưa nhập".into()),
        manual: c.source != Source::Computed,
        col_label: c.sheet.form.col_title(&col),
        lines: c.records.iter().map(|r| line(r, &c.names)).collect(),
        c,
    };
    Ok(render(StatusCode::OK, &page))
}

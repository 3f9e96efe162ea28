//! *Quyết định khen thưởng*: the bases, Articles 1–3 (who is awarded, the reward money in figures and
//! words, who carries it out) and the attached list with golden-book numbers and reward money.

use super::{article, counted};
use crate::model::{Align, Appendix, Block, Column, Doc, Letterhead, Row, Run, Signature};
use crate::text::{money, money_words};
use serde::Serialize;

/// One awardee of the decision, in golden-book order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Line {
    pub golden_book_no: i64,
    /// The award's name: "Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố".
    pub award: String,
    pub name: String,
    /// Position and unit of an individual, or the managing unit of a collective.
    pub position: String,
    pub collective: bool,
    /// đồng; `None` when the catalog sets none.
    pub amount: Option<i64>,
    pub revoked: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Decision {
    pub head: Letterhead,
    /// "Về việc khen thưởng …".
    pub summary: String,
    /// "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI".
    pub authority: String,
    /// The *Căn cứ* lines, each ending with ";".
    pub bases: Vec<String>,
    /// "Xét đề nghị của …".
    pub proposal: String,
    /// The achievement the awards are for: "đã có thành tích xuất sắc trong …".
    pub reason: String,
    /// Where the money comes from: "Quỹ Thi đua, khen thưởng của Thành phố".
    pub fund: String,
    /// Who carries the decision out (Điều 3).
    pub executors: String,
    /// "(Kèm theo Quyết định số 125/QĐ-UBND ngày 05/12/2026 của Chủ tịch …)".
    pub list_reference: String,
    pub lines: Vec<Line>,
    pub recipients: Vec<String>,
    pub signature: Signature,
    pub title: String,
}

fn awards_of(lines: &[&Line]) -> Vec<String> {
    let mut awards: Vec<String> = Vec::new();
    for l in lines {
        if !awards.contains(&l.award) {
            awards.push(l.award.clone());
        }
    }
    awards
}

fn article_one(d: &Decision, live: &[&Line]) -> Block {
    let collectives = live.iter().filter(|l| l.collective).count();
    let who = counted(collectives, live.len() - collectives);
    let awards = awards_of(live);
    let text = if awards.len() == 1 {
        format!(
            "Tặng {} cho {who} (có danh sách kèm theo), {}.",
            awards[0], d.reason
        )
    } else {
        format!("Khen thưởng {who} (có danh sách kèm theo), {}.", d.reason)
    };
    article(1, &text)
}

fn article_two(d: &Decision, live: &[&Line], total: i64) -> Block {
    let unpriced = live.iter().filter(|l| l.amount.is_none()).count();
    if unpriced > 0 {
        // Never a silent total: a line the catalog cannot price is named as such, for the signer.
        let priced = if total > 0 {
            format!(
                "Tổng số tiền thưởng đã xác định: {} đồng (Bằng chữ: {}), trích từ {}. ",
                money(total),
                money_words(total),
                d.fund
            )
        } else {
            String::new()
        };
        return article(
            2,
            &format!(
                "{priced}Chưa xác định mức tiền thưởng của {unpriced} trường hợp trong danh sách kèm theo (ghi «Chưa xác định mức»); mức tiền thưởng của các trường hợp này thực hiện theo quy định hiện hành."
            ),
        );
    }
    if total == 0 {
        return article(
            2,
            "Các tập thể, cá nhân có tên tại Điều 1 được hưởng các chế độ theo quy định hiện hành.",
        );
    }
    article(
        2,
        &format!(
            "Tổng số tiền thưởng: {} đồng (Bằng chữ: {}), trích từ {}.",
            money(total),
            money_words(total),
            d.fund
        ),
    )
}

fn list_table(lines: &[Line]) -> Block {
    let columns = vec![
        Column::new("TT", 0.6, Align::Centre),
        Column::new("Họ và tên / Tên tập thể", 3.0, Align::Left),
        Column::new("Chức vụ, đơn vị", 3.4, Align::Left),
        Column::new("Số sổ vàng", 1.4, Align::Centre),
        Column::new("Tiền thưởng (đồng)", 1.5, Align::Right),
    ];
    let mut rows = Vec::new();
    let groups = [(true, "I. TẬP THỂ"), (false, "II. CÁ NHÂN")];
    let both = lines.iter().any(|l| l.collective) && lines.iter().any(|l| !l.collective);
    let mut tt = 0;
    for (collective, label) in groups {
        let group: Vec<&Line> = lines
            .iter()
            .filter(|l| l.collective == collective)
            .collect();
        if group.is_empty() {
            continue;
        }
        if both {
            rows.push(Row::Group { text: label.into() });
        }
        for l in group {
            tt += 1;
            let mut name = l.name.clone();
            if l.revoked {
                name.push_str(" (đã hủy)");
            }
            rows.push(Row::Cells {
                cells: vec![
                    tt.to_string(),
                    name,
                    l.position.clone(),
                    l.golden_book_no.to_string(),
                    l.amount
                        .map(money)
                        .unwrap_or_else(|| "Chưa xác định mức".into()),
                ],
            });
        }
    }
    let total: i64 = lines
        .iter()
        .filter(|l| !l.revoked)
        .filter_map(|l| l.amount)
        .sum();
    rows.push(Row::Cells {
        cells: vec![
            String::new(),
            "Tổng cộng".into(),
            String::new(),
            String::new(),
            money(total),
        ],
    });
    Block::Table { columns, rows }
}

/// The decision as a [`Doc`].
pub fn build(d: &Decision) -> Doc {
    let live: Vec<&Line> = d.lines.iter().filter(|l| !l.revoked).collect();
    let total: i64 = live.iter().filter_map(|l| l.amount).sum();
    let mut blocks: Vec<Block> = d
        .bases
        .iter()
        .map(|b| Block::para(vec![Run::italic(b)]))
        .collect();
    if !d.proposal.is_empty() {
        blocks.push(Block::para(vec![Run::italic(&d.proposal)]));
    }
    blocks.push(Block::Space { pt: 4.0 });
    blocks.push(Block::centred(vec![Run::bold("QUYẾT ĐỊNH:")]));
    blocks.push(Block::Space { pt: 4.0 });
    blocks.push(article_one(d, &live));
    blocks.push(article_two(d, &live, total));
    blocks.push(article(
        3,
        &format!(
            "Quyết định này có hiệu lực kể từ ngày ký. {} chịu trách nhiệm thi hành Quyết định này.",
            d.executors
        ),
    ));
    let awards = awards_of(&live);
    let mut title = vec!["DANH SÁCH".to_string()];
    if awards.len() == 1 {
        title.push(format!("được tặng {}", awards[0]));
    }
    Doc {
        title: d.title.clone(),
        head: d.head.clone(),
        kind: "QUYẾT ĐỊNH".into(),
        summary: vec![d.summary.clone()],
        authority: vec![d.authority.clone()],
        blocks,
        recipients: d.recipients.clone(),
        signatures: vec![d.signature.clone()],
        appendices: vec![Appendix {
            title,
            subtitle: vec![d.list_reference.clone()],
            blocks: vec![list_table(&d.lines)],
        }],
        template: crate::template_version(),
    }
}

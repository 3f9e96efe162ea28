//! *Báo cáo sơ kết / tổng kết* of a campaign (Law Điều 17(5)): the sections of the organisation's
//! outline in its order, each with the figures read from the records — registrations, every target
//! against what each unit registered, reports sent on time / late / missing, the quarterly exemplary
//! models, nominations and awards by form — as sentences, tables and charts, followed by the office's
//! own text (or, while it is empty, what to write there, in italics, for the DOCX to be completed).

use super::heading;
use crate::chart::{Chart, ChartKind, Series, svg};
use crate::model::{Align, Block, Column, Doc, Letterhead, Row, Run, Signature};
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Participation {
    pub participants: usize,
    pub registered: usize,
    pub unregistered: Vec<String>,
}

/// One unit (or the whole body) on a target.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TargetLine {
    pub unit: String,
    /// The threshold the unit registered ("≥ 95 %"), or the plan's.
    pub committed: String,
    /// The latest reported value ("96 %"), or "—".
    pub value: String,
    /// The value as a share of the threshold, for the chart.
    pub percent: Option<f64>,
    /// "Đã đạt", "Không đạt", "Chưa báo cáo"…
    pub status: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct TargetResult {
    pub text: String,
    /// The plan's threshold ("≥ 95 %").
    pub threshold: String,
    pub per_unit: bool,
    /// (status, number of units) in the order of the statuses.
    pub counts: Vec<(String, usize)>,
    pub lines: Vec<TargetLine>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct UnitDeadlines {
    pub unit: String,
    pub on_time: usize,
    pub late: usize,
    pub missing: usize,
}

impl UnitDeadlines {
    pub fn owed(&self) -> usize {
        self.on_time + self.late + self.missing
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Deadlines {
    pub total: UnitDeadlines,
    /// Not yet due on the report's date (left out of the rates).
    pub not_due: usize,
    pub units: Vec<UnitDeadlines>,
    /// Per kind of deadline ("Báo cáo sơ kết"…), `unit` holding the kind.
    pub kinds: Vec<UnitDeadlines>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ExemplarPeriod {
    /// "Quý I/2024".
    pub label: String,
    pub due: String,
    pub owed: usize,
    pub sent: usize,
    pub late: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct AwardLine {
    pub form: String,
    pub proposed_collectives: usize,
    pub proposed_individuals: usize,
    pub awarded_collectives: usize,
    pub awarded_individuals: usize,
    /// Reward money of the decisions, in đồng.
    pub amount: i64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Awards {
    pub lines: Vec<AwardLine>,
    /// (status, number of nominations).
    pub by_status: Vec<(String, usize)>,
}

/// What a section shows from the records.
#[derive(Debug, Clone, Serialize)]
pub enum Content {
    /// Lines about the plan, its launch and who takes part.
    Direction(Vec<String>),
    Participation(Participation),
    Targets(Vec<TargetResult>),
    Deadlines(Deadlines),
    Exemplars(Vec<ExemplarPeriod>),
    Awards(Awards),
    Text,
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// "Đăng ký thi đua" (numbered and capitalised here).
    pub heading: String,
    pub content: Content,
    /// The office's paragraphs.
    pub text: Vec<String>,
    /// What to write, shown in italics while `text` is empty.
    pub hint: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Review {
    pub head: Letterhead,
    /// "Sơ kết phong trào thi đua …" / "Tổng kết …".
    pub summary: String,
    /// "Thực hiện Kế hoạch số …, Ủy ban nhân dân … báo cáo như sau:".
    pub intro: String,
    pub sections: Vec<Section>,
    pub recipients: Vec<String>,
    pub signature: Signature,
    pub title: String,
}

/// "95,8 %" of `part` in `whole` (one decimal), "—" of nothing.
pub fn share(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "—".into();
    }
    let p = (part as f64 * 1000.0 / whole as f64).round() / 10.0;
    format!("{} %", crate::text::decimal(p))
}

/// At most this many units are listed in a table; beyond, those that most need attention.
const TABLE_ROWS: usize = 50;
/// The label of a met target (see `ProgressStatus::Met`).
const MET: &str = "Đã đạt";

/// At most this many units are drawn one bar each; more are summed up by status.
const CHART_UNITS: usize = 30;

/// Height of a column chart; a bar chart's grows with its rows.
const COLUMNS_HEIGHT: u32 = 230;

fn bars_height(rows: usize) -> u32 {
    70 + 26 * rows as u32
}

fn chart_block(chart: &Chart, caption: String, height: u32) -> Block {
    Block::Chart {
        svg: svg(chart, 640, height),
        caption,
    }
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

fn participation(p: &Participation) -> Vec<Block> {
    let mut out = vec![Block::text(format!(
        "Có {}/{} đơn vị tham gia đã đăng ký thi đua (đạt {}).",
        p.registered,
        p.participants,
        share(p.registered, p.participants)
    ))];
    if !p.unregistered.is_empty() {
        out.push(Block::text(format!(
            "Các đơn vị chưa đăng ký: {}.",
            p.unregistered.join(", ")
        )));
    }
    out
}

fn target(i: usize, t: &TargetResult) -> Vec<Block> {
    let mut out = vec![Block::para(vec![
        Run::bold(format!("{}. {}", i + 1, t.text)),
        Run::plain(format!(" (chỉ tiêu kế hoạch: {}).", t.threshold)),
    ])];
    if !t.per_unit {
        if let Some(l) = t.lines.first() {
            out.push(Block::text(format!("Kết quả: {} — {}.", l.value, l.status)));
        }
        return out;
    }
    let counts: Vec<String> = t
        .counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{s}: {n} đơn vị"))
        .collect();
    out.push(Block::text(format!("{}.", counts.join("; "))));
    // A province's thousands of units: the table keeps those that did not meet their target.
    let shown: Vec<&TargetLine> = if t.lines.len() > TABLE_ROWS {
        let missed: Vec<&TargetLine> = t.lines.iter().filter(|l| l.status != MET).collect();
        out.push(Block::text(format!(
            "Các đơn vị chưa đạt chỉ tiêu{}:",
            if missed.len() > TABLE_ROWS {
                format!(" ({TABLE_ROWS} trong số {} đơn vị)", missed.len())
            } else {
                String::new()
            }
        )));
        missed.into_iter().take(TABLE_ROWS).collect()
    } else {
        t.lines.iter().collect()
    };
    let rows = shown
        .iter()
        .enumerate()
        .map(|(n, l)| {
            vec![
                (n + 1).to_string(),
                l.unit.clone(),
                l.committed.clone(),
                l.value.clone(),
                l.status.clone(),
            ]
        })
        .collect();
    out.push(table(
        &[
            ("TT", 0.5, Align::Centre),
            ("Đơn vị", 3.0, Align::Left),
            ("Đăng ký", 1.2, Align::Centre),
            ("Kết quả", 1.2, Align::Centre),
            ("Đánh giá", 1.6, Align::Centre),
        ],
        rows,
    ));
    out.push(target_chart(i, t));
    out
}

fn target_chart(i: usize, t: &TargetResult) -> Block {
    let caption = format!("Biểu đồ {}: {}", i + 1, t.text);
    if t.lines.len() <= CHART_UNITS {
        let chart = Chart {
            title: t.text.clone(),
            categories: t.lines.iter().map(|l| l.unit.clone()).collect(),
            series: vec![Series {
                name: "Kết quả so với chỉ tiêu đăng ký".into(),
                values: t
                    .lines
                    .iter()
                    .map(|l| l.percent.unwrap_or(0.0).round())
                    .collect(),
            }],
            kind: ChartKind::HorizontalBars,
            unit: "%".into(),
        };
        return chart_block(&chart, caption, bars_height(t.lines.len()));
    }
    let counted: Vec<&(String, usize)> = t.counts.iter().filter(|(_, n)| *n > 0).collect();
    let chart = Chart {
        title: t.text.clone(),
        categories: counted.iter().map(|(s, _)| s.clone()).collect(),
        series: vec![Series {
            name: "Số đơn vị".into(),
            values: counted.iter().map(|(_, n)| *n as f64).collect(),
        }],
        kind: ChartKind::Bars,
        unit: String::new(),
    };
    chart_block(&chart, caption, COLUMNS_HEIGHT)
}

fn deadline_row(n: usize, u: &UnitDeadlines) -> Vec<String> {
    vec![
        n.to_string(),
        u.unit.clone(),
        u.on_time.to_string(),
        u.late.to_string(),
        u.missing.to_string(),
        share(u.on_time, u.owed()),
    ]
}

type Count = fn(&UnitDeadlines) -> usize;

/// The three states of a sending, as the chart's series.
const STATES: [(&str, Count); 3] = [
    ("Đúng hạn", |u| u.on_time),
    ("Trễ hạn", |u| u.late),
    ("Chưa gửi", |u| u.missing),
];

fn deadlines(d: &Deadlines) -> Vec<Block> {
    let t = &d.total;
    let mut out = vec![Block::text(format!(
        "Đến thời điểm báo cáo, các đơn vị phải gửi {} lượt báo cáo, hồ sơ: gửi đúng hạn {} ({}), \
         trễ hạn {}, chưa gửi {}.",
        t.owed(),
        t.on_time,
        share(t.on_time, t.owed()),
        t.late,
        t.missing
    ))];
    if d.not_due > 0 {
        out.push(Block::text(format!(
            "Còn {} lượt chưa đến hạn, không tính vào tỷ lệ.",
            d.not_due
        )));
    }
    let headers = [
        ("TT", 0.5, Align::Centre),
        ("Đơn vị", 3.0, Align::Left),
        ("Đúng hạn", 1.0, Align::Centre),
        ("Trễ hạn", 1.0, Align::Centre),
        ("Chưa gửi", 1.0, Align::Centre),
        ("Tỷ lệ đúng hạn", 1.2, Align::Centre),
    ];
    // A province's thousands of units: the table keeps those with the lowest on-time rate.
    let mut units: Vec<&UnitDeadlines> = d.units.iter().collect();
    if units.len() > TABLE_ROWS {
        units.sort_by(|a, b| {
            let rate = |u: &UnitDeadlines| u.on_time as f64 / u.owed().max(1) as f64;
            rate(a).total_cmp(&rate(b))
        });
        units.truncate(TABLE_ROWS);
        out.push(Block::text(format!(
            "{TABLE_ROWS} đơn vị có tỷ lệ gửi đúng hạn thấp nhất (trong số {} đơn vị):",
            d.units.len()
        )));
    }
    let rows = units
        .iter()
        .enumerate()
        .map(|(n, u)| deadline_row(n + 1, u))
        .collect();
    out.push(table(&headers, rows));
    let by_kind = if d.kinds.len() > 1 || d.units.len() > CHART_UNITS {
        &d.kinds
    } else {
        &d.units
    };
    let chart = Chart {
        title: "Báo cáo, hồ sơ gửi đúng hạn, trễ hạn, chưa gửi".into(),
        categories: by_kind.iter().map(|u| u.unit.clone()).collect(),
        series: STATES
            .into_iter()
            .map(|(name, f)| Series {
                name: name.into(),
                values: by_kind.iter().map(|u| f(u) as f64).collect(),
            })
            .collect(),
        kind: ChartKind::StackedBars,
        unit: String::new(),
    };
    out.push(chart_block(
        &chart,
        "Biểu đồ: việc gửi báo cáo, hồ sơ theo thời hạn".into(),
        COLUMNS_HEIGHT,
    ));
    out
}

fn exemplars(list: &[ExemplarPeriod]) -> Vec<Block> {
    if list.is_empty() {
        return vec![Block::text(
            "Kế hoạch không đặt thời hạn gửi gương điển hình tiên tiến.",
        )];
    }
    let sent: usize = list.iter().map(|p| p.sent).sum();
    let owed: usize = list.iter().map(|p| p.owed).sum();
    let rows = list
        .iter()
        .map(|p| {
            vec![
                p.label.clone(),
                p.due.clone(),
                p.owed.to_string(),
                p.sent.to_string(),
                p.late.to_string(),
            ]
        })
        .collect();
    vec![
        Block::text(format!(
            "Các đơn vị đã gửi {sent}/{owed} lượt giới thiệu gương điển hình tiên tiến ({}).",
            share(sent, owed)
        )),
        table(
            &[
                ("Kỳ", 1.6, Align::Left),
                ("Hạn gửi", 1.2, Align::Centre),
                ("Số đơn vị phải gửi", 1.3, Align::Centre),
                ("Đã gửi", 1.0, Align::Centre),
                ("Trong đó trễ hạn", 1.2, Align::Centre),
            ],
            rows,
        ),
    ]
}

fn awards(a: &Awards) -> Vec<Block> {
    if a.lines.is_empty() {
        return vec![Block::text(
            "Chưa có hồ sơ đề nghị khen thưởng gắn với phong trào.",
        )];
    }
    let statuses: Vec<String> = a
        .by_status
        .iter()
        .map(|(s, n)| format!("{s}: {n}"))
        .collect();
    let mut rows: Vec<Vec<String>> = a
        .lines
        .iter()
        .map(|l| {
            vec![
                l.form.clone(),
                l.proposed_collectives.to_string(),
                l.proposed_individuals.to_string(),
                l.awarded_collectives.to_string(),
                l.awarded_individuals.to_string(),
                crate::text::money(l.amount),
            ]
        })
        .collect();
    let sum = |f: fn(&AwardLine) -> usize| a.lines.iter().map(f).sum::<usize>().to_string();
    rows.push(vec![
        "Tổng cộng".into(),
        sum(|l| l.proposed_collectives),
        sum(|l| l.proposed_individuals),
        sum(|l| l.awarded_collectives),
        sum(|l| l.awarded_individuals),
        crate::text::money(a.lines.iter().map(|l| l.amount).sum()),
    ]);
    vec![
        Block::text(format!(
            "Hồ sơ đề nghị theo trạng thái — {}.",
            statuses.join("; ")
        )),
        table(
            &[
                ("Hình thức", 2.6, Align::Left),
                ("Đề nghị: tập thể", 1.0, Align::Centre),
                ("Đề nghị: cá nhân", 1.0, Align::Centre),
                ("Được khen: tập thể", 1.0, Align::Centre),
                ("Được khen: cá nhân", 1.0, Align::Centre),
                ("Tiền thưởng (đồng)", 1.4, Align::Right),
            ],
            rows,
        ),
    ]
}

/// The blocks a section's figures make (the page shows the same as the document).
pub fn content_blocks(c: &Content) -> Vec<Block> {
    match c {
        Content::Direction(lines) => lines
            .iter()
            .map(|l| Block::text(format!("- {l}")))
            .collect(),
        Content::Participation(p) => participation(p),
        Content::Targets(list) if list.is_empty() => {
            vec![Block::text("Kế hoạch không có chỉ tiêu đo được.")]
        }
        Content::Targets(list) => list
            .iter()
            .enumerate()
            .flat_map(|(i, t)| target(i, t))
            .collect(),
        Content::Deadlines(d) => deadlines(d),
        Content::Exemplars(list) => exemplars(list),
        Content::Awards(a) => awards(a),
        Content::Text => Vec::new(),
    }
}

pub fn build(r: &Review) -> Doc {
    let mut blocks = vec![Block::text(r.intro.clone())];
    for (i, s) in r.sections.iter().enumerate() {
        blocks.push(heading(&format!(
            "{}. {}",
            crate::text::roman(i + 1),
            s.heading.to_uppercase()
        )));
        blocks.extend(content_blocks(&s.content));
        if s.text.is_empty() {
            if !s.hint.is_empty() {
                blocks.push(Block::para(vec![Run::italic(format!("[{}]", s.hint))]));
            }
        } else {
            blocks.extend(s.text.iter().map(Block::text));
        }
    }
    Doc {
        title: r.title.clone(),
        head: r.head.clone(),
        kind: "BÁO CÁO".into(),
        summary: vec![r.summary.clone()],
        authority: Vec::new(),
        blocks,
        recipients: r.recipients.clone(),
        signatures: vec![r.signature.clone()],
        appendices: Vec::new(),
        template: crate::template_version(),
    }
}

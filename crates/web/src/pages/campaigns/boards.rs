//! The dashboards of a campaign: progress on targets (with bar charts drawn as SVG in the page, no
//! script), the unit × deadline matrix (and its XLSX), and the calendar of every deadline.

use super::super::{Layout, render};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::campaign_views::{self as views, CalendarItem, Matrix, TargetProgress};
use crate::ops::campaigns::today_vn;
use crate::ops::model::CampaignRow;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use thidua_domain::campaign::deadline::SubmissionStatus;
use thidua_domain::campaign::progress::ProgressStatus;
use thidua_domain::campaign::target::format_number;
use thidua_domain::date::{iso, iso_to_vn, vn};
use thidua_domain::policy::Action;
use time::{Date, Month};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/campaigns/{id}/progress", get(progress))
        .route("/campaigns/{id}/matrix", get(matrix))
        .route("/campaigns/{id}/matrix.xlsx", get(matrix_xlsx))
        .route("/calendar", get(calendar))
}

// ---- progress ----

/// One bar of a chart, in the SVG's own units (1000 wide).
pub struct Bar {
    pub y: u32,
    pub width: u32,
    pub label: String,
    pub value: String,
    pub class: &'static str,
}

pub struct Chart {
    pub height: u32,
    pub bars: Vec<Bar>,
    /// x of the 100 % line.
    pub goal_x: u32,
}

pub struct RowView {
    pub unit_id: String,
    pub unit_name: String,
    pub value: String,
    pub percent: String,
    pub date: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub committed: String,
    pub comment: String,
    pub history: String,
}

/// A line chart of one row's reports over the campaign period (whole-body targets).
pub struct Trend {
    pub points: String,
    pub dots: Vec<(u32, u32, String)>,
    pub goal_y: u32,
    pub from: String,
    pub to: String,
}

pub struct TargetView {
    pub id: String,
    pub text: String,
    pub threshold: String,
    pub scope: &'static str,
    pub per_unit: bool,
    pub theme: String,
    pub summary: Vec<(&'static str, &'static str, usize)>,
    pub rows: Vec<RowView>,
    pub chart: Option<Chart>,
    pub trend: Option<Trend>,
}

const BAR_LEFT: u32 = 330;
const BAR_SPAN: u32 = 620;
/// Bars are drawn up to 120 % of the threshold; the 100 % line sits at 5/6 of the span.
const BAR_MAX_PERCENT: f64 = 120.0;

fn chart_of(t: &TargetProgress) -> Option<Chart> {
    if t.rows.len() < 2 {
        return None;
    }
    let bars: Vec<Bar> = t
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let pct = r
                .progress
                .percent
                .unwrap_or(0.0)
                .clamp(0.0, BAR_MAX_PERCENT);
            Bar {
                y: 6 + 24 * i as u32,
                width: ((pct / BAR_MAX_PERCENT) * f64::from(BAR_SPAN)).round() as u32,
                label: r.unit_name.chars().take(40).collect(),
                value: r
                    .progress
                    .percent
                    .map(|p| format!("{} %", format_number(p.round())))
                    .unwrap_or_else(|| "chưa báo cáo".into()),
                class: r.progress.status.code(),
            }
        })
        .collect();
    Some(Chart {
        height: 12 + 24 * bars.len() as u32,
        bars,
        goal_x: BAR_LEFT + ((100.0 / BAR_MAX_PERCENT) * f64::from(BAR_SPAN)).round() as u32,
    })
}

/// The trend of a single-row target: x by date within the period, y by value (0 at the bottom).
fn trend_of(t: &TargetProgress, from: time::Date, to: time::Date) -> Option<Trend> {
    let [row] = t.rows.as_slice() else {
        return None;
    };
    if row.history.len() < 2 {
        return None;
    }
    let (w, h, pad) = (600.0, 140.0, 10.0);
    let max = row
        .history
        .iter()
        .map(|(_, v)| *v)
        .fold(t.target.threshold, f64::max)
        .max(1.0)
        * 1.1;
    let days = (to - from).whole_days().max(1) as f64;
    let xy = |d: time::Date, v: f64| {
        let x = pad + (d - from).whole_days().clamp(0, days as i64) as f64 / days * (w - 2.0 * pad);
        let y = h - pad - (v.max(0.0) / max) * (h - 2.0 * pad);
        (x.round() as u32, y.round() as u32)
    };
    let pts: Vec<(u32, u32)> = row.history.iter().map(|(d, v)| xy(*d, *v)).collect();
    Some(Trend {
        points: pts
            .iter()
            .map(|(x, y)| format!("{x},{y}"))
            .collect::<Vec<_>>()
            .join(" "),
        dots: pts
            .iter()
            .zip(&row.history)
            .map(|((x, y), (d, v))| (*x, *y, format!("{}: {}", vn(*d), format_number(*v))))
            .collect(),
        goal_y: xy(from, t.target.threshold).1,
        from: vn(from),
        to: vn(to),
    })
}

fn target_view(t: &TargetProgress, from: time::Date, to: time::Date) -> TargetView {
    let summary = [
        ProgressStatus::Met,
        ProgressStatus::OnTrack,
        ProgressStatus::AtRisk,
        ProgressStatus::Missed,
        ProgressStatus::NotReported,
    ]
    .into_iter()
    .map(|s| (s.code(), s.label(), t.count(s)))
    .filter(|(_, _, n)| *n > 0)
    .collect();
    let measure = t.target.measure.clone().unwrap_or_default();
    let with_measure = |v: f64| {
        if measure.is_empty() {
            format_number(v)
        } else if measure == "%" {
            format!("{} %", format_number(v))
        } else {
            format!("{} {measure}", format_number(v))
        }
    };
    let rows = t
        .rows
        .iter()
        .map(|r| RowView {
            unit_id: r.unit_id.clone().unwrap_or_default(),
            unit_name: r.unit_name.clone(),
            value: r
                .latest
                .as_ref()
                .map(|l| with_measure(l.value))
                .unwrap_or_default(),
            percent: r
                .progress
                .percent
                .map(|p| format!("{} %", format_number((p * 10.0).round() / 10.0)))
                .unwrap_or_default(),
            date: r
                .latest
                .as_ref()
                .map(|l| iso_to_vn(&l.reported_on))
                .unwrap_or_default(),
            status: r.progress.status.code(),
            status_label: r.progress.status.label(),
            committed: r
                .committed
                .map(|c| format!("đăng ký {}", with_measure(c)))
                .unwrap_or_default(),
            comment: r
                .latest
                .as_ref()
                .and_then(|l| l.comment.clone())
                .unwrap_or_default(),
            history: r
                .history
                .iter()
                .map(|(d, v)| format!("{}: {}", vn(*d), format_number(*v)))
                .collect::<Vec<_>>()
                .join(" → "),
        })
        .collect();
    TargetView {
        id: t.target.id.clone(),
        text: t.target.text.clone(),
        threshold: super::threshold_text(
            &t.target.comparator,
            t.target.threshold,
            t.target.measure.as_deref(),
        ),
        scope: t.scope.label(),
        per_unit: t.scope == thidua_domain::campaign::target::TargetScope::PerUnit,
        theme: t.theme_title.clone().unwrap_or_default(),
        summary,
        rows,
        chart: chart_of(t),
        trend: trend_of(t, from, to),
    }
}

#[derive(Template)]
#[template(path = "campaigns/progress.html")]
struct ProgressPage {
    l: Layout,
    c: CampaignRow,
    tab: &'static str,
    status: &'static str,
    status_label: &'static str,
    targets: Vec<TargetView>,
    can_report: bool,
    can_manage: bool,
    today: String,
}

#[derive(Deserialize, Default)]
struct OkQuery {
    ok: Option<String>,
}

async fn progress(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<OkQuery>,
) -> AppResult<Response> {
    let (c, board) = views::progress_board(&state.db, &ctx, &id).await?;
    let (from, to) = (
        crate::ops::campaigns::date_of(&c.period_from),
        crate::ops::campaigns::date_of(&c.period_to),
    );
    let targets = board.iter().map(|t| target_view(t, from, to)).collect();
    let (status, status_label) = super::status_badge(&c);
    let launched = status == "launched";
    let can_manage = ctx.can(Action::ManageCampaigns {
        org_id: ctx.org_id(),
    });
    let can_report = launched
        && ctx.can(Action::CampaignWork {
            org_id: ctx.org_id(),
            unit_path: ctx.actor.read_scope().unwrap_or("/"),
        });
    Ok(render(
        StatusCode::OK,
        &ProgressPage {
            l: Layout::new(&ctx, "campaigns").with_flash(q.ok),
            c,
            tab: "progress",
            status,
            status_label,
            targets,
            can_report,
            can_manage: can_manage && launched,
            today: vn(today_vn()),
        },
    ))
}

// ---- matrix ----

pub struct ColumnView {
    pub short: String,
    pub label: String,
    pub kind: &'static str,
}

pub struct CellView {
    pub class: &'static str,
    pub mark: &'static str,
    pub title: String,
    pub link: String,
}

pub struct MatrixRowView {
    pub unit_name: String,
    pub cells: Vec<CellView>,
    pub missing: usize,
}

#[derive(Template)]
#[template(path = "campaigns/matrix.html")]
struct MatrixPage {
    l: Layout,
    c: CampaignRow,
    tab: &'static str,
    status: &'static str,
    status_label: &'static str,
    columns: Vec<ColumnView>,
    rows: Vec<MatrixRowView>,
    legend: Vec<(&'static str, &'static str, &'static str, usize)>,
    today: String,
}

fn matrix_view(ctx: &Ctx, c: &CampaignRow, m: &Matrix) -> (Vec<ColumnView>, Vec<MatrixRowView>) {
    let launched = c.status == "launched";
    let columns = m
        .columns
        .iter()
        .map(|col| ColumnView {
            short: format!(
                "{:02}/{:02}",
                col.due_on.day(),
                u8::from(col.due_on.month())
            ),
            label: col.label.clone(),
            kind: col.kind,
        })
        .collect();
    let rows = m
        .rows
        .iter()
        .map(|r| {
            let cells = m
                .columns
                .iter()
                .zip(&r.cells)
                .map(|(col, cell)| {
                    let sent = cell
                        .sent_on
                        .map(|d| format!(", gửi ngày {}", vn(d)))
                        .unwrap_or_default();
                    let link = match (&cell.submission_id, cell.status) {
                        (Some(sid), _) => format!("/campaigns/{}/submissions/{sid}", c.id),
                        (None, SubmissionStatus::Missing | SubmissionStatus::NotDue)
                            if launched
                                && ctx.can(Action::CampaignWork {
                                    org_id: ctx.org_id(),
                                    unit_path: ctx.actor.read_scope().unwrap_or("/"),
                                }) =>
                        {
                            format!(
                                "/campaigns/{}/deadlines/{}/submit?unit={}&due={}",
                                c.id,
                                col.deadline_id,
                                r.unit_id,
                                iso(col.due_on)
                            )
                        }
                        _ => String::new(),
                    };
                    CellView {
                        class: cell.status.code(),
                        mark: cell.status.mark(),
                        title: format!(
                            "{} — {}: {}{sent} (hạn {})",
                            r.unit_name,
                            col.label,
                            cell.status.label(),
                            vn(col.due_on)
                        ),
                        link,
                    }
                })
                .collect();
            MatrixRowView {
                unit_name: r.unit_name.clone(),
                missing: r
                    .cells
                    .iter()
                    .filter(|x| x.status == SubmissionStatus::Missing)
                    .count(),
                cells,
            }
        })
        .collect();
    (columns, rows)
}

async fn matrix(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<OkQuery>,
) -> AppResult<Response> {
    let (c, m) = views::matrix(&state.db, &ctx, &id).await?;
    let (columns, rows) = matrix_view(&ctx, &c, &m);
    let legend = [
        SubmissionStatus::OnTime,
        SubmissionStatus::Late,
        SubmissionStatus::Missing,
        SubmissionStatus::NotDue,
        SubmissionStatus::NotApplicable,
    ]
    .into_iter()
    .map(|s| {
        (
            s.code(),
            s.mark(),
            s.label(),
            m.counts.get(s.code()).copied().unwrap_or(0),
        )
    })
    .collect();
    let (status, status_label) = super::status_badge(&c);
    Ok(render(
        StatusCode::OK,
        &MatrixPage {
            l: Layout::new(&ctx, "campaigns").with_flash(q.ok),
            c,
            tab: "matrix",
            status,
            status_label,
            columns,
            rows,
            legend,
            today: vn(today_vn()),
        },
    ))
}

/// The matrix as a spreadsheet: one row per unit, one column per occurrence, the status in words.
async fn matrix_xlsx(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (c, m) = views::matrix(&state.db, &ctx, &id).await?;
    let bytes = matrix_book(&c, &m).map_err(AppError::Internal)?;
    Ok(super::super::data::xlsx(bytes, "theo-doi-nop-bao-cao.xlsx"))
}

fn matrix_book(c: &CampaignRow, m: &Matrix) -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Theo dõi nộp báo cáo")?;
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    ws.write_string_with_format(0, 0, &c.title, &bold)?;
    ws.write_string(1, 0, format!("Tình trạng đến ngày {}", vn(today_vn())))?;
    ws.write_string_with_format(3, 0, "Đơn vị", &head)?;
    ws.set_column_width(0, 40)?;
    for (i, col) in m.columns.iter().enumerate() {
        let c = u16::try_from(i + 1)?;
        ws.write_string_with_format(
            3,
            c,
            format!("{} (hạn {})", col.label, vn(col.due_on)),
            &head,
        )?;
        ws.set_column_width(c, 22)?;
    }
    ws.set_row_height(3, 90)?;
    let fill = |s: SubmissionStatus| match s {
        SubmissionStatus::OnTime => Some(Color::RGB(0xE3F4E6)),
        SubmissionStatus::Late => Some(Color::RGB(0xFFF4D6)),
        SubmissionStatus::Missing => Some(Color::RGB(0xFBE4E4)),
        _ => None,
    };
    for (r, row) in m.rows.iter().enumerate() {
        let rr = u32::try_from(r + 4)?;
        ws.write_string(rr, 0, &row.unit_name)?;
        for (i, cell) in row.cells.iter().enumerate() {
            let text = match (cell.status, cell.sent_on) {
                (SubmissionStatus::OnTime | SubmissionStatus::Late, Some(d)) => {
                    format!("{} ({})", cell.status.label(), vn(d))
                }
                (s, _) => s.label().to_string(),
            };
            let cc = u16::try_from(i + 1)?;
            match fill(cell.status) {
                Some(color) => ws.write_string_with_format(
                    rr,
                    cc,
                    text,
                    &Format::new().set_background_color(color),
                )?,
                None => ws.write_string(rr, cc, text)?,
            };
        }
    }
    ws.set_freeze_panes(4, 1)?;
    Ok(book.save_to_buffer()?)
}

// ---- calendar ----

pub struct DayCell {
    pub day: u8,
    pub in_month: bool,
    pub today: bool,
    pub items: Vec<CalendarItemView>,
}

pub struct CalendarItemView {
    pub date: String,
    pub campaign_id: String,
    pub campaign_title: String,
    pub what: String,
    pub kind: &'static str,
    pub who: String,
    pub recipient: String,
    pub status: &'static str,
    pub status_label: &'static str,
}

#[derive(Template)]
#[template(path = "campaigns/calendar.html")]
struct CalendarPage {
    l: Layout,
    view: String,
    month_label: String,
    month_param: String,
    prev: String,
    next: String,
    weeks: Vec<Vec<DayCell>>,
    items: Vec<CalendarItemView>,
    units: Vec<(String, String)>,
    unit: String,
}

#[derive(Deserialize, Default)]
struct CalendarQuery {
    view: Option<String>,
    /// `yyyy-mm`
    month: Option<String>,
    unit: Option<String>,
}

fn month_start(raw: Option<&str>) -> Date {
    let today = today_vn();
    raw.and_then(|m| {
        let (y, mo) = m.split_once('-')?;
        Date::from_calendar_date(
            y.parse().ok()?,
            Month::try_from(mo.parse::<u8>().ok()?).ok()?,
            1,
        )
        .ok()
    })
    .filter(|d| (1990..=2100).contains(&d.year()))
    .unwrap_or_else(|| today.replace_day(1).unwrap_or(today))
}

fn month_param(d: Date) -> String {
    format!("{:04}-{:02}", d.year(), u8::from(d.month()))
}

fn item_view(i: CalendarItem) -> CalendarItemView {
    CalendarItemView {
        date: vn(i.date),
        campaign_id: i.campaign_id,
        campaign_title: i.campaign_title,
        what: i.what,
        kind: i.kind,
        who: i.who,
        recipient: i.recipient.unwrap_or_default(),
        status: i.status.map(SubmissionStatus::code).unwrap_or(""),
        status_label: i.status.map(SubmissionStatus::label).unwrap_or(""),
    }
}

async fn calendar(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CalendarQuery>,
) -> AppResult<Response> {
    ctx.authorize(Action::ViewCampaigns {
        org_id: ctx.org_id(),
    })?;
    let view = if q.view.as_deref() == Some("list") {
        "list"
    } else {
        "month"
    }
    .to_string();
    let start = month_start(q.month.as_deref());
    let next = thidua_domain::campaign::deadline::add_months(start, 1);
    let prev = thidua_domain::campaign::deadline::add_months(start, 11)
        .replace_year(start.year() - 1)
        .unwrap_or(start);
    // The list view shows three months from the chosen one; the month view one month.
    let end = if view == "list" {
        thidua_domain::campaign::deadline::add_months(start, 3)
    } else {
        next
    } - time::Duration::days(1);
    let unit = q.unit.clone().filter(|u| !u.is_empty());
    let items: Vec<CalendarItemView> =
        views::calendar(&state.db, &ctx, start, end, unit.as_deref())
            .await?
            .into_iter()
            .map(item_view)
            .collect();
    let today = today_vn();
    let mut weeks = Vec::new();
    if view == "month" {
        // Weeks start on Monday, as Vietnamese calendars do.
        let lead = i64::from(start.weekday().number_days_from_monday());
        let mut day = start - time::Duration::days(lead);
        while day <= end || day.weekday() != time::Weekday::Monday {
            let mut week = Vec::new();
            for _ in 0..7 {
                let key = vn(day);
                let day_items = items
                    .iter()
                    .filter(|i| i.date == key)
                    .map(|i| CalendarItemView {
                        date: i.date.clone(),
                        campaign_id: i.campaign_id.clone(),
                        campaign_title: i.campaign_title.clone(),
                        what: i.what.clone(),
                        kind: i.kind,
                        who: i.who.clone(),
                        recipient: i.recipient.clone(),
                        status: i.status,
                        status_label: i.status_label,
                    })
                    .collect();
                week.push(DayCell {
                    day: day.day(),
                    in_month: day.month() == start.month(),
                    today: day == today,
                    items: day_items,
                });
                day += time::Duration::days(1);
            }
            weeks.push(week);
            if weeks.len() > 6 {
                break;
            }
        }
    }
    let units = super::super::unit_options(&state, &ctx, |_| true).await?;
    let month_label = format!("Tháng {}/{}", u8::from(start.month()), start.year());
    let page = CalendarPage {
        l: Layout::new(&ctx, "calendar"),
        view,
        month_label,
        month_param: month_param(start),
        prev: month_param(prev),
        next: month_param(next),
        weeks,
        items,
        units,
        unit: unit.unwrap_or_default(),
    };
    Ok(render(StatusCode::OK, &page))
}

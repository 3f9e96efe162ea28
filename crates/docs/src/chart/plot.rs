//! The plots: grouped or stacked vertical bars, horizontal bars, lines; each with its value axis
//! (gridlines and round ticks from 0) and category labels.

use super::{Area, Chart, LABEL_SIZE, Svg, at, colour, r, scale};

const TICK_SIZE: f64 = 11.0;
const GRID: &str = "#dddddd";
const AXIS: &str = "#888888";

/// The plot's frame once the value axis is drawn: where 0 and the top tick sit.
struct Frame {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    max: f64,
}

impl Frame {
    /// The length in px of `v` along the value axis.
    fn len(&self, v: f64, span: f64) -> f64 {
        v / self.max * span
    }
}

/// The largest figure drawn: per bar, or per stack when `stacked`.
fn largest(chart: &Chart, stacked: bool) -> f64 {
    (0..chart.categories.len())
        .map(|i| {
            let each = chart.series.iter().map(|s| at(s, i));
            if stacked {
                each.sum()
            } else {
                each.fold(0.0, f64::max)
            }
        })
        .fold(0.0, f64::max)
}

/// Whether every figure is a whole number (then the axis has no fractional ticks).
fn whole(chart: &Chart) -> bool {
    chart
        .series
        .iter()
        .flat_map(|s| s.values.iter())
        .all(|v| !v.is_finite() || v.fract() == 0.0)
}

/// A vertical value axis with horizontal gridlines, leaving `below` px for category labels.
fn vertical_axis(out: &mut Svg, chart: &Chart, area: Area, stacked: bool, below: f64) -> Frame {
    let ticks = scale::ticks(largest(chart, stacked), 5, whole(chart));
    let labels: Vec<String> = ticks.iter().map(|t| scale::axis(*t, &chart.unit)).collect();
    let widest = labels
        .iter()
        .map(|l| scale::width(l, TICK_SIZE))
        .fold(0.0, f64::max);
    let f = Frame {
        left: area.left + widest + 8.0,
        right: area.right,
        top: area.top + 14.0,
        bottom: area.bottom - below,
        max: *ticks.last().unwrap_or(&1.0),
    };
    for (t, label) in ticks.iter().zip(&labels) {
        let y = f.bottom - f.len(*t, f.bottom - f.top);
        out.line(f.left, y, f.right, y, if *t == 0.0 { AXIS } else { GRID });
        out.text(f.left - 5.0, y + 4.0, TICK_SIZE, "end", label, "normal");
    }
    f
}

/// The tooltip of one mark: `category — series: value`.
fn tip(chart: &Chart, i: usize, s: usize, v: f64) -> String {
    let name = &chart.series[s].name;
    let value = scale::value(v, &chart.unit);
    if name.is_empty() {
        format!("{}: {value}", chart.categories[i])
    } else {
        format!("{} — {name}: {value}", chart.categories[i])
    }
}

/// Vertical bars, side by side per category or `stacked`.
pub(super) fn bars(out: &mut Svg, chart: &Chart, area: Area, stacked: bool) {
    let f = vertical_axis(out, chart, area, stacked, 22.0);
    let n = chart.categories.len();
    let band = (f.right - f.left) / n as f64;
    let span = f.bottom - f.top;
    let per = if stacked {
        1
    } else {
        chart.series.len().max(1)
    };
    let width = band * 0.8 / per as f64;
    for (i, category) in chart.categories.iter().enumerate() {
        let x0 = f.left + i as f64 * band + band * 0.1;
        let mut base = f.bottom;
        for (s, series) in chart.series.iter().enumerate() {
            let v = at(series, i);
            let h = f.len(v, span);
            let x = if stacked { x0 } else { x0 + s as f64 * width };
            let y = if stacked { base - h } else { f.bottom - h };
            out.rect(x, y, width, h, colour(s), &tip(chart, i, s, v), "bar");
            base -= if stacked { h } else { 0.0 };
            if !stacked && (per == 1 || width >= 28.0) {
                value_label(out, x + width / 2.0, y - 4.0, v, &chart.unit, width);
            }
        }
        if stacked {
            let total = chart.series.iter().map(|s| at(s, i)).sum();
            value_label(out, x0 + width / 2.0, base - 4.0, total, &chart.unit, band);
        }
        out.label(
            x0 + band * 0.4,
            f.bottom + 16.0,
            "middle",
            category,
            band - 4.0,
        );
    }
}

/// A figure above (or beside) its bar when it fits in `room` px.
fn value_label(out: &mut Svg, x: f64, y: f64, v: f64, unit: &str, room: f64) {
    let text = scale::value(v, unit);
    if v > 0.0 && scale::width(&text, TICK_SIZE) <= room {
        out.text(x, y, TICK_SIZE, "middle", &text, "normal");
    }
}

/// Horizontal bars: category labels on the left, values at the bars' ends.
pub(super) fn horizontal(out: &mut Svg, chart: &Chart, area: Area) {
    let w = area.right - area.left;
    let widest = chart
        .categories
        .iter()
        .map(|c| scale::width(c, LABEL_SIZE))
        .fold(0.0, f64::max);
    let room = widest.min(w * 0.35);
    let ticks = scale::ticks(largest(chart, false), 4, whole(chart));
    let max = *ticks.last().unwrap_or(&1.0);
    let end = scale::width(&scale::value(max, &chart.unit), TICK_SIZE) + 6.0;
    let f = Frame {
        left: area.left + room + 8.0,
        right: area.right - end,
        top: area.top,
        bottom: area.bottom - 18.0,
        max,
    };
    let span = f.right - f.left;
    for t in &ticks {
        let x = f.left + f.len(*t, span);
        out.line(x, f.top, x, f.bottom, if *t == 0.0 { AXIS } else { GRID });
        let label = scale::axis(*t, &chart.unit);
        out.text(x, f.bottom + 14.0, TICK_SIZE, "middle", &label, "normal");
    }
    let n = chart.categories.len();
    let band = (f.bottom - f.top) / n as f64;
    let per = chart.series.len().max(1);
    let thick = band * 0.75 / per as f64;
    for (i, category) in chart.categories.iter().enumerate() {
        let y0 = f.top + i as f64 * band + band * 0.125;
        for (s, series) in chart.series.iter().enumerate() {
            let v = at(series, i);
            let y = y0 + s as f64 * thick;
            out.rect(
                f.left,
                y,
                f.len(v, span),
                thick,
                colour(s),
                &tip(chart, i, s, v),
                "bar",
            );
            if thick >= 10.0 && v > 0.0 {
                let x = f.left + f.len(v, span) + 4.0;
                let text = scale::value(v, &chart.unit);
                out.text(
                    x,
                    y + thick / 2.0 + 4.0,
                    TICK_SIZE,
                    "start",
                    &text,
                    "normal",
                );
            }
        }
        out.label(f.left - 6.0, y0 + band * 0.375 + 4.0, "end", category, room);
    }
}

/// A line per series through the categories' centres, a dot with its tooltip at each figure.
pub(super) fn line(out: &mut Svg, chart: &Chart, area: Area) {
    let f = vertical_axis(out, chart, area, false, 22.0);
    let n = chart.categories.len();
    let band = (f.right - f.left) / n as f64;
    let span = f.bottom - f.top;
    let x = |i: usize| f.left + (i as f64 + 0.5) * band;
    for (s, series) in chart.series.iter().enumerate() {
        let points: Vec<String> = (0..n)
            .map(|i| format!("{},{}", r(x(i)), r(f.bottom - f.len(at(series, i), span))))
            .collect();
        out.raw(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"/>",
            points.join(" "),
            colour(s)
        ));
        for i in 0..n {
            let v = at(series, i);
            out.raw(&format!(
                "<circle class=\"point\" cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{}\"><title>{}</title></circle>",
                r(x(i)),
                r(f.bottom - f.len(v, span)),
                colour(s),
                super::escape(&tip(chart, i, s, v))
            ));
        }
    }
    for (i, category) in chart.categories.iter().enumerate() {
        out.label(x(i), f.bottom + 16.0, "middle", category, band - 4.0);
    }
}

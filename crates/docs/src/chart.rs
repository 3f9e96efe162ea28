//! Charts as standalone SVG, drawn on the server: the same picture goes into a page (no script, so
//! the CSP holds), a PDF (Typst embeds SVG) and a DOCX (as a PNG drawn from it). Presentation
//! attributes only — no `style` — and labels escaped.

use std::fmt::Write;

pub struct Series {
    pub name: String,
    pub values: Vec<f64>,
}

pub enum ChartKind {
    Bars,
    HorizontalBars,
    StackedBars,
    Line,
}

pub struct Chart {
    pub title: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    pub kind: ChartKind,
    /// Written after each value: "", "%", "đ".
    pub unit: String,
}

/// Colour-blind-safe (Okabe–Ito) colours, one per series.
const PALETTE: [&str; 6] = [
    "#0072B2", "#E69F00", "#D55E00", "#009E73", "#CC79A7", "#56B4E9",
];
const FONT: &str = "font-family=\"Tinos, Times New Roman, serif\"";
/// Category labels longer than this are cut, the whole text kept in a `<title>`.
const LABEL_CHARS: usize = 34;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn short(s: &str) -> String {
    if s.chars().count() <= LABEL_CHARS {
        s.to_string()
    } else {
        let cut: String = s.chars().take(LABEL_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

fn number(v: f64, unit: &str) -> String {
    let r = (v * 10.0).round() / 10.0;
    let n = if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}").replace('.', ",")
    };
    match unit {
        "" => n,
        u => format!("{n} {u}"),
    }
}

/// The chart as SVG `width` × `height` (user units = pixels on a page).
pub fn svg(chart: &Chart, width: u32, height: u32) -> String {
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{t}\"><title>{t}</title>",
        t = esc(&chart.title)
    );
    let empty = chart.categories.is_empty()
        || chart
            .series
            .iter()
            .all(|s| s.values.iter().all(|v| *v == 0.0));
    if empty {
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"14\" fill=\"#555\" {FONT}>Chưa có số liệu</text>",
            width / 2,
            height / 2
        );
    } else {
        match chart.kind {
            ChartKind::HorizontalBars => horizontal(&mut out, chart, width, height),
            _ => vertical(&mut out, chart, width, height),
        }
    }
    out.push_str("</svg>");
    out
}

fn legend(out: &mut String, chart: &Chart, y: f64) {
    if chart.series.len() < 2 {
        return;
    }
    let mut x = 10.0;
    for (i, s) in chart.series.iter().enumerate() {
        let _ = write!(
            out,
            "<rect x=\"{x}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"13\" {FONT}>{}</text>",
            y - 10.0,
            PALETTE[i % PALETTE.len()],
            x + 16.0,
            y,
            esc(&s.name)
        );
        x += 30.0 + 7.0 * s.name.chars().count() as f64;
    }
}

/// One bar per category and series, side by side (or stacked), values above.
fn vertical(out: &mut String, chart: &Chart, width: u32, height: u32) {
    let stacked = matches!(chart.kind, ChartKind::StackedBars);
    let (left, top, bottom) = (40.0, 30.0, 60.0);
    let plot_w = f64::from(width) - left - 10.0;
    let plot_h = f64::from(height) - top - bottom;
    let n = chart.categories.len();
    let totals: Vec<f64> = (0..n)
        .map(|c| {
            let vals = chart
                .series
                .iter()
                .map(|s| s.values.get(c).copied().unwrap_or(0.0));
            if stacked {
                vals.sum()
            } else {
                vals.fold(0.0, f64::max)
            }
        })
        .collect();
    let max = totals.iter().copied().fold(0.0, f64::max).max(1.0);
    let slot = plot_w / n as f64;
    let per = if stacked {
        1.0
    } else {
        chart.series.len() as f64
    };
    let bar_w = (slot * 0.7 / per).min(60.0);
    legend(out, chart, 16.0);
    let base = top + plot_h;
    let _ = write!(
        out,
        "<line x1=\"{left}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" stroke=\"#333\"/>",
        left + plot_w
    );
    for (c, cat) in chart.categories.iter().enumerate() {
        let x0 = left + slot * c as f64 + (slot - bar_w * per) / 2.0;
        let mut y_acc = base;
        for (i, s) in chart.series.iter().enumerate() {
            let v = s.values.get(c).copied().unwrap_or(0.0);
            let h = v / max * plot_h;
            let (x, y) = if stacked {
                y_acc -= h;
                (x0, y_acc)
            } else {
                (x0 + bar_w * i as f64, base - h)
            };
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar_w:.1}\" height=\"{h:.1}\" fill=\"{}\"><title>{}: {}</title></rect>",
                PALETTE[i % PALETTE.len()],
                esc(&format!("{cat} — {}", s.name)),
                number(v, &chart.unit)
            );
            if !stacked && v > 0.0 {
                let _ = write!(
                    out,
                    "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"11\" {FONT}>{}</text>",
                    x + bar_w / 2.0,
                    y - 3.0,
                    number(v, &chart.unit)
                );
            }
        }
        if stacked && totals[c] > 0.0 {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"11\" {FONT}>{}</text>",
                x0 + bar_w / 2.0,
                y_acc - 3.0,
                number(totals[c], &chart.unit)
            );
        }
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"12\" {FONT}><title>{}</title>{}</text>",
            left + slot * (c as f64 + 0.5),
            base + 16.0,
            esc(cat),
            esc(&short(cat))
        );
    }
}

/// One row per category: label on the left, bar to the right with its value.
fn horizontal(out: &mut String, chart: &Chart, width: u32, height: u32) {
    let n = chart.categories.len();
    let label_w = 230.0;
    let top = if chart.series.len() > 1 { 28.0 } else { 6.0 };
    let row_h = ((f64::from(height) - top - 6.0) / n as f64).min(28.0);
    let plot_w = f64::from(width) - label_w - 70.0;
    let max = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .fold(0.0, f64::max)
        .max(1.0);
    legend(out, chart, 16.0);
    let per = chart.series.len() as f64;
    for (c, cat) in chart.categories.iter().enumerate() {
        let y0 = top + row_h * c as f64;
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"12\" {FONT}><title>{}</title>{}</text>",
            label_w - 6.0,
            y0 + row_h * 0.65,
            esc(cat),
            esc(&short(cat))
        );
        let bar_h = row_h * 0.7 / per;
        for (i, s) in chart.series.iter().enumerate() {
            let v = s.values.get(c).copied().unwrap_or(0.0);
            let w = v / max * plot_w;
            let y = y0 + row_h * 0.15 + bar_h * i as f64;
            let _ = write!(
                out,
                "<rect x=\"{label_w}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{bar_h:.1}\" fill=\"{}\"><title>{}: {}</title></rect>\
                 <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" {FONT}>{}</text>",
                PALETTE[i % PALETTE.len()],
                esc(&format!("{cat} — {}", s.name)),
                number(v, &chart.unit),
                label_w + w + 4.0,
                y + bar_h * 0.8,
                number(v, &chart.unit)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(kind: ChartKind, values: Vec<f64>) -> Chart {
        Chart {
            title: "Tỷ lệ <đúng hạn> & trễ".into(),
            categories: vec!["Phường Bạch Đằng".into(), "Phường Thanh Lương".into()],
            series: vec![Series {
                name: "Đúng hạn".into(),
                values,
            }],
            kind,
            unit: "%".into(),
        }
    }

    fn heights(svg: &str) -> Vec<f64> {
        svg.split("<rect ")
            .skip(1)
            .filter_map(|r| {
                let h = r.split("height=\"").nth(1)?.split('"').next()?;
                h.parse().ok()
            })
            .collect()
    }

    #[test]
    fn bars_are_proportional_and_text_is_escaped() {
        let s = svg(&chart(ChartKind::Bars, vec![50.0, 100.0]), 400, 300);
        assert!(s.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(s.contains("Tỷ lệ &lt;đúng hạn&gt; &amp; trễ"));
        assert!(!s.contains("style="));
        let h = heights(&s);
        assert_eq!(h.len(), 2);
        assert!((h[1] / h[0] - 2.0).abs() < 0.01, "{h:?}");
        assert!(s.contains("50 %") && s.contains("100 %"));
    }

    #[test]
    fn nothing_to_draw_says_so() {
        let s = svg(&chart(ChartKind::HorizontalBars, vec![0.0, 0.0]), 400, 120);
        assert!(s.contains("Chưa có số liệu"));
        assert!(!s.contains("<rect"));
    }

    #[test]
    fn long_labels_are_cut_with_the_whole_text_in_a_title() {
        let mut c = chart(ChartKind::HorizontalBars, vec![10.0, 20.0]);
        c.categories[0] = "Trung tâm Văn hóa, Thông tin và Thể thao quận Hai Bà Trưng".into();
        let s = svg(&c, 640, 120);
        assert!(
            s.contains("<title>Trung tâm Văn hóa, Thông tin và Thể thao quận Hai Bà Trưng</title>")
        );
        assert!(s.contains("…"));
    }
}

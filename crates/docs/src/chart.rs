//! Charts as standalone SVG, drawn on the server: no script, no `style` attribute or element (only
//! presentation attributes such as `fill=`), so a chart passes the web pages' Content-Security-Policy
//! and embeds in Typst documents. Dependency-free and pure: the same chart gives the same text.
//!
//! Colours are the Okabe–Ito palette (told apart with every common colour-vision deficiency); every
//! mark carries a `<title>` with its category, series and value, and the chart a `<title>`, so a
//! screen reader or a hovering mouse gets the figure. Long category labels are shortened with `…`
//! and keep their full text in a `<title>`. A chart without any positive figure shows
//! «Chưa có số liệu».

mod plot;
mod scale;

/// One named row of figures, one per category.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<f64>,
}

/// What to draw: `categories` along one axis and a value per series and category.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    pub kind: ChartKind,
    /// `""` (counts), `"%"` or `"đ"` (money, in đồng).
    pub unit: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Vertical bars, the series side by side in each category.
    Bars,
    /// Horizontal bars: for many or long category labels (units, campaigns).
    HorizontalBars,
    /// Vertical bars, the series stacked in each category.
    StackedBars,
    /// A line per series across the categories (years).
    Line,
}

/// The colour-blind-safe palette (Okabe & Ito), in the order the series take it.
pub const PALETTE: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
];

/// The text shown instead of a chart without any positive figure.
pub const NO_DATA: &str = "Chưa có số liệu";

const FONT: &str = "Tinos, Arial, Helvetica, sans-serif";
const INK: &str = "#222222";
const TITLE_SIZE: f64 = 15.0;
const LABEL_SIZE: f64 = 12.0;

/// `chart` as a standalone `<svg>` of `width` × `height` px whose first child is its `<title>`.
pub fn svg(chart: &Chart, width: u32, height: u32) -> String {
    let (w, h) = (f64::from(width.max(120)), f64::from(height.max(80)));
    let mut out = Svg::open(&chart.title, w, h);
    out.text(w / 2.0, 22.0, TITLE_SIZE, "middle", &chart.title, "bold");
    if has_data(chart) {
        let top = 34.0 + legend(&mut out, chart, w);
        let area = Area {
            left: 8.0,
            top,
            right: w - 12.0,
            bottom: h - 8.0,
        };
        match chart.kind {
            ChartKind::Bars => plot::bars(&mut out, chart, area, false),
            ChartKind::StackedBars => plot::bars(&mut out, chart, area, true),
            ChartKind::HorizontalBars => plot::horizontal(&mut out, chart, area),
            ChartKind::Line => plot::line(&mut out, chart, area),
        }
    } else {
        out.text(w / 2.0, h / 2.0 + 10.0, 14.0, "middle", NO_DATA, "normal");
    }
    out.close()
}

/// Whether any figure is positive: a chart of zeros has nothing to show.
pub fn has_data(chart: &Chart) -> bool {
    !chart.categories.is_empty()
        && chart
            .series
            .iter()
            .flat_map(|s| s.values.iter())
            .any(|v| v.is_finite() && *v > 0.0)
}

/// A series' figure for category `i`: missing, negative or not finite counts as 0.
pub(crate) fn at(series: &Series, i: usize) -> f64 {
    series
        .values
        .get(i)
        .copied()
        .filter(|v| v.is_finite() && *v > 0.0)
        .unwrap_or(0.0)
}

/// The drawing area left for the plot (axes and labels go inside it).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Area {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

/// The legend under the title when there is more than one series; returns the height it took.
fn legend(out: &mut Svg, chart: &Chart, w: f64) -> f64 {
    if chart.series.len() < 2 {
        return 0.0;
    }
    let (mut x, mut y) = (12.0, 40.0);
    for (i, s) in chart.series.iter().enumerate() {
        let name = scale::shorten(&s.name, LABEL_SIZE, w / 2.0).unwrap_or_else(|| s.name.clone());
        let item = 18.0 + scale::width(&name, LABEL_SIZE) + 16.0;
        if x + item > w - 8.0 && x > 12.0 {
            x = 12.0;
            y += 18.0;
        }
        out.rect(x, y - 10.0, 12.0, 12.0, colour(i), &s.name, "");
        out.text(x + 17.0, y, LABEL_SIZE, "start", &name, "normal");
        x += item;
    }
    y - 40.0 + 22.0
}

/// The colour of series `i`.
pub(crate) fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// SVG text being written; every text and attribute value goes through [`escape`].
pub(crate) struct Svg {
    out: String,
}

impl Svg {
    fn open(title: &str, w: f64, h: f64) -> Svg {
        let mut out = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
             viewBox=\"0 0 {w} {h}\" role=\"img\" font-family=\"{FONT}\">"
        );
        out.push_str(&format!("<title>{}</title>", escape(title)));
        out.push_str(&format!(
            "<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>"
        ));
        Svg { out }
    }

    fn close(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }

    /// A text; `weight` is `normal` or `bold`.
    pub(crate) fn text(
        &mut self,
        x: f64,
        y: f64,
        size: f64,
        anchor: &str,
        text: &str,
        weight: &str,
    ) {
        self.out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"{size}\" text-anchor=\"{anchor}\" \
             font-weight=\"{weight}\" fill=\"{INK}\">{}</text>",
            r(x),
            r(y),
            escape(text)
        ));
    }

    /// A label cut to `room` px, its full text in a `<title>` when cut.
    pub(crate) fn label(&mut self, x: f64, y: f64, anchor: &str, text: &str, room: f64) {
        match scale::shorten(text, LABEL_SIZE, room) {
            None => self.text(x, y, LABEL_SIZE, anchor, text, "normal"),
            Some(short) => self.out.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" font-size=\"{LABEL_SIZE}\" text-anchor=\"{anchor}\" \
                 fill=\"{INK}\"><title>{}</title>{}</text>",
                r(x),
                r(y),
                escape(text),
                escape(&short)
            )),
        }
    }

    /// A filled rectangle with a tooltip; `class` marks data bars (`bar`) for tests and tools.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn rect(
        &mut self,
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: &str,
        tip: &str,
        class: &str,
    ) {
        let class = if class.is_empty() {
            String::new()
        } else {
            format!(" class=\"{class}\"")
        };
        self.out.push_str(&format!(
            "<rect{class} x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\">\
             <title>{}</title></rect>",
            r(x),
            r(y),
            r(w.max(0.0)),
            r(h.max(0.0)),
            escape(tip)
        ));
    }

    pub(crate) fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str) {
        self.out.push_str(&format!(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{stroke}\" stroke-width=\"1\"/>",
            r(x1),
            r(y1),
            r(x2),
            r(y2)
        ));
    }

    pub(crate) fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }
}

/// A coordinate with at most two decimals.
pub(crate) fn r(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// `s` safe as XML text or a double-quoted attribute value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;

//! One figure of a dashboard: the numbers a chart draws and the table that says the same in words,
//! so the page shows both and the table downloads as XLSX.

use serde::Serialize;
use thidua_docs::chart::{Chart, ChartKind, Series};

/// A chart's numbers and its table.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figure {
    /// Stable name, used in links (`/dashboard/{key}.xlsx`) and by the API.
    pub key: String,
    pub title: String,
    /// `bars`, `horizontal_bars`, `stacked_bars` or `line`.
    pub kind: String,
    /// `""` (counts), `"%"` or `"đ"`.
    pub unit: String,
    pub categories: Vec<String>,
    pub series: Vec<FigureSeries>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// How many leading columns are words (names, texts); the rest are figures.
    pub label_columns: usize,
    /// A sentence under the table (what is counted and how).
    pub note: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FigureSeries {
    pub name: String,
    pub values: Vec<f64>,
}

impl Figure {
    pub(crate) fn new(key: &str, title: &str, kind: ChartKind) -> Figure {
        Figure {
            key: key.into(),
            title: title.into(),
            kind: kind_code(kind).into(),
            unit: String::new(),
            categories: Vec::new(),
            series: Vec::new(),
            headers: Vec::new(),
            rows: Vec::new(),
            label_columns: 1,
            note: String::new(),
        }
    }

    /// The chart to draw (at most `limit` categories: the first ones, as ordered).
    pub fn chart(&self, limit: usize) -> Chart {
        Chart {
            title: self.title.clone(),
            categories: self.categories.iter().take(limit).cloned().collect(),
            series: self
                .series
                .iter()
                .map(|s| Series {
                    name: s.name.clone(),
                    values: s.values.iter().take(limit).copied().collect(),
                })
                .collect(),
            kind: match self.kind.as_str() {
                "horizontal_bars" => ChartKind::HorizontalBars,
                "stacked_bars" => ChartKind::StackedBars,
                "line" => ChartKind::Line,
                _ => ChartKind::Bars,
            },
            unit: self.unit.clone(),
        }
    }

    /// The chart as a standalone SVG (no script, no style: it passes the pages' CSP).
    pub fn svg(&self, width: u32, height: u32, limit: usize) -> String {
        thidua_docs::chart::svg(&self.chart(limit), width, height)
    }

    /// The table as a spreadsheet titled with the figure's title and `subtitle` (the filters).
    pub fn xlsx(&self, subtitle: &str) -> crate::Result<Vec<u8>> {
        let title = format!("{} — {subtitle}", self.title);
        let mut headers: Vec<&str> = vec!["STT"];
        headers.extend(self.headers.iter().map(String::as_str));
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                std::iter::once((i + 1).to_string())
                    .chain(r.iter().cloned())
                    .collect()
            })
            .collect();
        thidua_docs::xlsx::table(&title, &headers, &rows)
            .map_err(|e| crate::Error::Internal(e.into()))
    }

    /// The values of the series named `name`, by category.
    pub fn values(&self, name: &str) -> Vec<(String, f64)> {
        self.series
            .iter()
            .find(|s| s.name == name)
            .map(|s| {
                self.categories
                    .iter()
                    .cloned()
                    .zip(s.values.iter().copied())
                    .collect()
            })
            .unwrap_or_default()
    }

    pub(crate) fn push_series(&mut self, name: &str, values: Vec<f64>) {
        self.series.push(FigureSeries {
            name: name.into(),
            values,
        });
    }
}

fn kind_code(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::Bars => "bars",
        ChartKind::HorizontalBars => "horizontal_bars",
        ChartKind::StackedBars => "stacked_bars",
        ChartKind::Line => "line",
    }
}

/// `part` of `whole` in percent with one decimal, 0 when `whole` is 0.
pub fn percent(part: i64, whole: i64) -> f64 {
    if whole <= 0 {
        0.0
    } else {
        (part as f64 * 1000.0 / whole as f64).round() / 10.0
    }
}

/// A percentage as written in the tables: `37,5%`, or `—` when there is nothing to divide.
pub fn percent_text(part: i64, whole: i64) -> String {
    if whole <= 0 {
        "—".into()
    } else {
        format!("{}%", decimal(percent(part, whole)))
    }
}

/// `v` with a decimal comma and at most one decimal.
pub fn decimal(v: f64) -> String {
    let s = format!("{:.1}", v);
    s.trim_end_matches('0')
        .trim_end_matches('.')
        .replace('.', ",")
}

/// Thousands with dots: `1.250.000`.
pub fn thousands(v: i64) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if v < 0 {
        out.insert(0, '-');
    }
    out
}

/// The path of the group a unit counts in: the unit's ancestor one level below `base` (a path
/// prefix), or the unit itself when it is `base` or above it.
pub fn group_path(path: &str, base_depth: usize) -> String {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let keep = (base_depth + 1).min(segments.len());
    format!("/{}/", segments[..keep].join("/"))
}

/// The depth the groups sit under: the scope's depth, or 1 when every unit shares one root (a
/// province or ward and its units), else 0 (the top-level units are the groups).
pub fn base_depth<'a>(scope: Option<&str>, paths: impl Iterator<Item = &'a str>) -> usize {
    if let Some(s) = scope {
        return s.split('/').filter(|x| !x.is_empty()).count();
    }
    let mut root: Option<&str> = None;
    for p in paths {
        let first = p.split('/').find(|x| !x.is_empty()).unwrap_or("");
        match root {
            None => root = Some(first),
            Some(r) if r != first => return 0,
            _ => {}
        }
    }
    usize::from(root.is_some())
}

/// The id of the last unit in a path.
pub fn last_id(path: &str) -> &str {
    path.trim_end_matches('/').rsplit('/').next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_count_in_the_group_below_the_base() {
        assert_eq!(group_path("/p/a/x/y/", 1), "/p/a/");
        assert_eq!(group_path("/p/", 1), "/p/");
        assert_eq!(group_path("/p/a/", 0), "/p/");
        let paths = ["/p/a/", "/p/b/x/"];
        assert_eq!(base_depth(None, paths.iter().copied()), 1);
        assert_eq!(base_depth(None, ["/p/", "/q/"].iter().copied()), 0);
        assert_eq!(base_depth(Some("/p/a/"), paths.iter().copied()), 2);
        assert_eq!(last_id("/p/a/"), "a");
    }

    #[test]
    fn percentages_and_numbers_are_written_the_vietnamese_way() {
        assert_eq!(percent(1, 3), 33.3);
        assert_eq!(percent_text(3, 8), "37,5%");
        assert_eq!(percent_text(0, 0), "—");
        assert_eq!(thousands(1_250_000), "1.250.000");
        assert_eq!(decimal(2.0), "2");
    }
}

//! Tables: plans often give their contents with lead and partner units, their timeline, or the
//! numbers each unit may propose as a table (`| Nội dung | Đơn vị chủ trì | Đơn vị phối hợp |
//! Thời gian |`, `| Đơn vị | Tập thể | Cá nhân |`). The document reader cuts a pipe row into one
//! line per cell; this module puts the rows back together under their head row, so an extractor
//! can read a column by its name.

use crate::doc::{Doc, Line};
use crate::text::fold;

/// One table: the labels of its head row and its other rows.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// (column, folded label) of the head row.
    pub head: Vec<(usize, String)>,
    /// The rows under the head.
    pub rows: Vec<Row>,
}

/// One row: its input line number and its cells by column.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub no: usize,
    pub cells: Vec<(usize, String)>,
}

impl Row {
    /// The text of a column, if the cell is not empty.
    pub fn get(&self, col: usize) -> Option<&str> {
        self.cells
            .iter()
            .find(|(c, _)| *c == col)
            .map(|(_, t)| t.as_str())
            .filter(|t| !t.trim().is_empty())
    }
}

impl Table {
    /// The first column whose head label contains one of `words` (folded), other than `not`.
    pub fn column(&self, words: &[&str], not: &[usize]) -> Option<usize> {
        self.head
            .iter()
            .find(|(c, label)| !not.contains(c) && words.iter().any(|w| label.contains(w)))
            .map(|(c, _)| *c)
    }
}

/// The tables of the body that have a head row of labels (no digits in it).
pub fn tables(d: &Doc) -> Vec<Table> {
    let mut out = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let end = d.body.end.min(d.lines.len());
    for l in &d.lines[d.body.start.min(end)..end] {
        match l.cell {
            Some(col) => add_cell(&mut rows, l, col),
            None if l.blank => {}
            None => finish(&mut rows, &mut out),
        }
    }
    finish(&mut rows, &mut out);
    out
}

/// Adds a cell line to its row (a new row when the input line changes).
fn add_cell(rows: &mut Vec<Row>, l: &Line, col: usize) {
    if rows.last().is_none_or(|r| r.no != l.no) {
        rows.push(Row {
            no: l.no,
            cells: Vec::new(),
        });
    }
    let Some(row) = rows.last_mut() else { return };
    match row.cells.iter_mut().find(|(c, _)| *c == col) {
        Some((_, text)) => {
            text.push(' ');
            text.push_str(&l.text);
        }
        None => row.cells.push((col, l.text.clone())),
    }
}

/// Closes the rows read so far into a table when they have a head and a body.
fn finish(rows: &mut Vec<Row>, out: &mut Vec<Table>) {
    let taken = std::mem::take(rows);
    let mut it = taken.into_iter();
    let Some(head) = it.next() else { return };
    let body: Vec<Row> = it.collect();
    let labels = head.cells.len() >= 2
        && head
            .cells
            .iter()
            .all(|(_, t)| !t.chars().any(|c| c.is_ascii_digit()));
    if labels && !body.is_empty() {
        out.push(Table {
            head: head.cells.iter().map(|(c, t)| (*c, fold(t))).collect(),
            rows: body,
        });
    }
}

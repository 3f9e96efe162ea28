//! The document kinds of the process, each laying its data into a [`crate::model::Doc`].

pub mod cluster_minutes;
pub mod decision;
pub mod listing;
pub mod minutes;
pub mod plan;
pub mod ranking;
pub mod report;
pub mod review;
pub mod statistics;
pub mod submission;

use crate::model::{Block, Run};

/// A bold section heading on its own line ("I. MỤC ĐÍCH, YÊU CẦU").
pub(crate) fn heading(text: &str) -> Block {
    Block::Para {
        runs: vec![Run::bold(text)],
        align: crate::model::Align::Left,
    }
}

/// "Điều 1. " in bold followed by the article's text.
pub(crate) fn article(n: usize, text: &str) -> Block {
    Block::para(vec![Run::bold(format!("Điều {n}. ")), Run::plain(text)])
}

/// "1 tập thể và 3 cá nhân", leaving out a zero side.
pub(crate) fn counted(collectives: usize, individuals: usize) -> String {
    match (collectives, individuals) {
        (0, i) => format!("{i} cá nhân"),
        (c, 0) => format!("{c} tập thể"),
        (c, i) => format!("{c} tập thể và {i} cá nhân"),
    }
}

/// "1 tập thể và 3 cá nhân" of a list of nominees.
pub fn counted_public(list: &[submission::Nominee]) -> String {
    let c = list.iter().filter(|n| n.collective).count();
    counted(c, list.len() - c)
}

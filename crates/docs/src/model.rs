//! The one shape every administrative document is laid into before it becomes PDF or DOCX: the
//! letterhead of Decree 30/2020/NĐ-CP Phụ lục I (issuing body beside the national motto, number,
//! place and date), the kind and summary, the body as blocks, *Nơi nhận* and the signature blocks,
//! and the attached lists on pages of their own. Each document kind builds a [`Doc`]; the two
//! renderers ([`crate::pdf`], [`crate::docx`]) know nothing of kinds.

use serde::Serialize;

/// The letterhead: header lines, number and symbol, place and date.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Letterhead {
    /// Tên cơ quan, tổ chức chủ quản (upper line, regular); may be empty.
    pub managing_body: String,
    /// Tên cơ quan ban hành (bold, underlined).
    pub issuing_body: String,
    /// "Số: 125/QĐ-UBND"; "Số:      /TTr-SNV" when the number is not yet given; empty for none.
    pub number: String,
    /// "Hà Nội, ngày 05 tháng 12 năm 2026"; or "Hà Nội, ngày      tháng      năm 2026" when undated.
    pub place_date: String,
}

/// A piece of text in one style.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            ..Default::default()
        }
    }
    pub fn bold(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            bold: true,
            ..Default::default()
        }
    }
    pub fn italic(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            italic: true,
            ..Default::default()
        }
    }
}

#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// Justified with a first-line indent: the body text of the decree.
    #[default]
    Body,
    Centre,
    Left,
    Right,
}

/// A column of a table: its header, relative width and alignment.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub header: String,
    pub width: f32,
    pub align: Align,
}

impl Column {
    pub fn new(header: &str, width: f32, align: Align) -> Self {
        Column {
            header: header.into(),
            width,
            align,
        }
    }
}

/// A row of a table: ordinary cells, or one bold cell spanning every column (a group heading such as
/// "I. TẬP THỂ").
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Row {
    Cells { cells: Vec<String> },
    Group { text: String },
}

/// A unit of the body.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    Para {
        runs: Vec<Run>,
        align: Align,
    },
    /// A table whose header row repeats on every page it runs to.
    Table {
        columns: Vec<Column>,
        rows: Vec<Row>,
    },
    /// Vertical space, in points.
    Space {
        pt: f32,
    },
}

impl Block {
    pub fn para(runs: Vec<Run>) -> Self {
        Block::Para {
            runs,
            align: Align::Body,
        }
    }
    pub fn text(text: impl Into<String>) -> Self {
        Block::para(vec![Run::plain(text)])
    }
    pub fn centred(runs: Vec<Run>) -> Self {
        Block::Para {
            runs,
            align: Align::Centre,
        }
    }
}

/// A signature block: the authority lines (TM., KT., title), room to sign, then the name.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Signature {
    /// Bold upper-case lines above the signature, e.g. ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"].
    pub lines: Vec<String>,
    /// The signer's full name; empty leaves the line blank to write in.
    pub name: String,
}

/// An attached list on new pages: its bold title lines, italic subtitle lines, and its blocks.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Appendix {
    pub title: Vec<String>,
    pub subtitle: Vec<String>,
    pub blocks: Vec<Block>,
}

/// A whole document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Doc {
    /// The PDF's and DOCX's title (metadata), e.g. "Quyết định 125/QĐ-UBND".
    pub title: String,
    pub head: Letterhead,
    /// "QUYẾT ĐỊNH", "TỜ TRÌNH", "BIÊN BẢN"…; empty for none.
    pub kind: String,
    /// Trích yếu lines under the kind, bold and centred, e.g. "Về việc khen thưởng …".
    pub summary: Vec<String>,
    /// Centred bold lines after the summary: "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI".
    pub authority: Vec<String>,
    pub blocks: Vec<Block>,
    /// Nơi nhận; empty for none (minutes).
    pub recipients: Vec<String>,
    /// One signature sits right; two sit left and right (secretary, chair).
    pub signatures: Vec<Signature>,
    pub appendices: Vec<Appendix>,
    /// Which template version produced it (shown in the file's metadata).
    pub template: String,
}

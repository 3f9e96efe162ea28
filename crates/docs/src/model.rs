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

/// Header lines longer than this break in two (the header column holds about 28 capitals at 13 pt).
const HEADER_LINE: usize = 26;

/// A long header line as two balanced lines: after "ỦY BAN NHÂN DÂN" when it starts so, else at
/// the space nearest the middle. Lines with a break of their own are left as typed.
fn balanced(line: &str) -> String {
    let line = line.trim();
    if line.contains('\n') || line.chars().count() <= HEADER_LINE {
        return line.to_string();
    }
    for prefix in ["ỦY BAN NHÂN DÂN ", "HỘI ĐỒNG NHÂN DÂN "] {
        if let Some(rest) = line.strip_prefix(prefix) {
            return format!("{}\n{rest}", prefix.trim());
        }
    }
    // The space nearest the middle (in letters), never leaving a dash to open the second line.
    let chars: Vec<char> = line.chars().collect();
    let middle = chars.len() / 2;
    let split = (0..chars.len())
        .filter(|&i| chars[i] == ' ' && chars.get(i + 1) != Some(&'-'))
        .min_by_key(|&i| (i.abs_diff(middle), usize::MAX - i));
    match split {
        Some(i) => {
            let first: String = chars[..i].iter().collect();
            let second: String = chars[i + 1..].iter().collect();
            format!("{first}\n{}", second.trim_start())
        }
        None => line.to_string(),
    }
}

impl Letterhead {
    /// The header lines broken as an office would break them.
    pub fn balanced(&self) -> Letterhead {
        Letterhead {
            managing_body: balanced(&self.managing_body),
            issuing_body: balanced(&self.issuing_body),
            ..self.clone()
        }
    }
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
    /// A chart: a standalone SVG drawn at the text's width (PDF embeds it as vectors, DOCX as a
    /// picture rendered from it), with its caption under it.
    Chart {
        svg: String,
        caption: String,
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

#[cfg(test)]
mod tests {
    use super::balanced;

    #[test]
    fn long_header_lines_break_in_balance() {
        assert_eq!(
            balanced("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"),
            "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI"
        );
        assert_eq!(
            balanced("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"),
            "HỘI ĐỒNG THI ĐUA -\nKHEN THƯỞNG"
        );
        assert_eq!(balanced("SỞ NỘI VỤ"), "SỞ NỘI VỤ");
        assert_eq!(
            balanced("TRƯỜNG TIỂU HỌC\nBẠCH ĐẰNG"),
            "TRƯỜNG TIỂU HỌC\nBẠCH ĐẰNG"
        );
    }
}

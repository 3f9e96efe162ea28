//! DOCX of a [`Doc`] with docx-rs, laid out as the PDF is (A4, the decree's margins, Times New Roman
//! 14 pt), so an office can open it in Word or LibreOffice and edit before signing. The two short
//! lines under the header are bottom borders of empty paragraphs narrowed by indents: they stay in
//! place when the text is edited, unlike drawn shapes.

use crate::Error;
use crate::model::{Align, Block, Column, Doc, Letterhead, Row, Run, Signature};
use docx_rs::{
    AlignmentType, BorderType, Docx, Footer, Header, HeightRule, LineSpacing, PageMargin, PageNum,
    Paragraph, ParagraphBorder, ParagraphBorderPosition, RunFonts, SpecialIndentType, Table,
    TableCell, TableCellMargins, TableLayoutType, TableRow, WidthType,
};

/// Twips (1/20 pt) in a millimetre.
const MM: f32 = 56.69;
/// The text width: A4 (210 mm) less the left (30 mm) and right (15 mm) margins.
const TEXT_MM: f32 = 165.0;

fn tw(mm: f32) -> i32 {
    (mm * MM).round() as i32
}

/// A run in Times New Roman of `pt` points.
fn run(text: &str, pt: usize, bold: bool, italic: bool) -> docx_rs::Run {
    let mut r = docx_rs::Run::new().add_text(text).size(pt * 2);
    if bold {
        r = r.bold();
    }
    if italic {
        r = r.italic();
    }
    r
}

fn para(align: AlignmentType) -> Paragraph {
    Paragraph::new()
        .align(align)
        .line_spacing(LineSpacing::new().before(0).after(0))
}

fn centred(text: &str, pt: usize, bold: bool, italic: bool) -> Paragraph {
    para(AlignmentType::Center).add_run(run(text, pt, bold, italic))
}

/// A centred horizontal line `len_mm` long inside a cell `cell_mm` wide.
fn rule(cell_mm: f32, len_mm: f32) -> Paragraph {
    let side = tw(((cell_mm - len_mm) / 2.0).max(0.0));
    let mut p = para(AlignmentType::Center)
        .indent(Some(side), None, Some(side), None)
        .size(4);
    p.property = p.property.set_border(
        ParagraphBorder::new(ParagraphBorderPosition::Bottom)
            .val(BorderType::Single)
            .size(6),
    );
    p
}

fn cell(width_mm: f32, paras: Vec<Paragraph>) -> TableCell {
    paras.into_iter().fold(
        TableCell::new().width(tw(width_mm) as usize, WidthType::Dxa),
        |c, p| c.add_paragraph(p),
    )
}

/// Two cells side by side without borders, never split across pages.
fn side_by_side(left: TableCell, right: TableCell) -> Table {
    Table::without_borders(vec![TableRow::new(vec![left, right]).cant_split()])
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
        .layout(TableLayoutType::Fixed)
        .width(tw(TEXT_MM) as usize, WidthType::Dxa)
}

const LEFT_MM: f32 = 62.0;
const RIGHT_MM: f32 = TEXT_MM - LEFT_MM;

fn letterhead(h: &Letterhead) -> Table {
    let mut left: Vec<Paragraph> = h
        .managing_body
        .to_uppercase()
        .lines()
        .map(|l| centred(l, 13, false, false))
        .collect();
    let body = h.issuing_body.to_uppercase();
    left.extend(body.lines().map(|l| centred(l, 13, true, false)));
    // About 2.3 mm per upper-case letter at 13 pt; a third of the longest line, within the cell.
    let longest = body.lines().map(|l| l.chars().count()).max().unwrap_or(10) as f32;
    left.push(rule(
        LEFT_MM,
        (longest * 2.3 / 2.5).clamp(15.0, LEFT_MM / 2.0),
    ));
    if !h.number.is_empty() {
        left.push(centred(&h.number, 13, false, false));
    }
    let mut right = vec![
        centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, true, false),
        centred("Độc lập - Tự do - Hạnh phúc", 14, true, false),
        rule(RIGHT_MM, 63.0),
    ];
    if !h.place_date.is_empty() {
        right.push(centred(&h.place_date, 14, false, true));
    }
    side_by_side(cell(LEFT_MM, left), cell(RIGHT_MM, right))
}

fn runs(p: Paragraph, rs: &[Run], pt: usize) -> Paragraph {
    rs.iter()
        .fold(p, |p, r| p.add_run(run(&r.text, pt, r.bold, r.italic)))
}

fn alignment(a: Align) -> AlignmentType {
    match a {
        Align::Body => AlignmentType::Both,
        Align::Centre => AlignmentType::Center,
        Align::Left => AlignmentType::Left,
        Align::Right => AlignmentType::Right,
    }
}

fn body_para(rs: &[Run], align: Align) -> Paragraph {
    let mut p = Paragraph::new()
        .align(alignment(align))
        .line_spacing(LineSpacing::new().before(0).after(120));
    if align == Align::Body {
        p = p.indent(
            None,
            Some(SpecialIndentType::FirstLine(tw(10.0))),
            None,
            None,
        );
    }
    runs(p, rs, 14)
}

/// A marker on header rows (a height of one twip, at least: no other row has it), replaced by
/// `<w:cantSplit /><w:tblHeader />` when the package is written ([`pack`]).
const HEADER_MARK: &str = r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;

/// Marks a header row (see [`HEADER_MARK`]).
fn header_row(cells: Vec<TableCell>) -> TableRow {
    TableRow::new(cells)
        .row_height(1.0)
        .height_rule(HeightRule::AtLeast)
}

fn table(columns: &[Column], rows: &[Row]) -> Table {
    let total: f32 = columns.iter().map(|c| c.width).sum();
    let widths: Vec<f32> = columns.iter().map(|c| TEXT_MM * c.width / total).collect();
    let header = header_row(
        columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| cell(*w, vec![centred(&c.header, 12, true, false)]))
            .collect(),
    );
    let mut out = vec![header];
    for row in rows {
        out.push(match row {
            Row::Group { text } => TableRow::new(vec![
                cell(
                    TEXT_MM,
                    vec![para(AlignmentType::Left).add_run(run(text, 12, true, false))],
                )
                .grid_span(columns.len()),
            ]),
            Row::Cells { cells } => TableRow::new(
                cells
                    .iter()
                    .zip(columns.iter().zip(&widths))
                    .map(|(t, (c, w))| {
                        cell(
                            *w,
                            vec![para(alignment(c.align)).add_run(run(t, 12, false, false))],
                        )
                    })
                    .collect(),
            ),
        });
    }
    Table::new(out)
        .layout(TableLayoutType::Fixed)
        .set_grid(widths.iter().map(|w| tw(*w) as usize).collect())
        .width(tw(TEXT_MM) as usize, WidthType::Dxa)
}

fn signature(s: &Signature) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = s
        .lines
        .iter()
        .map(|l| centred(l, 14, true, false))
        .collect();
    out.extend((0..4).map(|_| centred("", 14, false, false)));
    out.push(centred(&s.name, 14, true, false));
    out
}

fn recipients(list: &[String]) -> Vec<Paragraph> {
    let mut out = vec![para(AlignmentType::Left).add_run(run("Nơi nhận:", 12, true, true))];
    out.extend(
        list.iter()
            .map(|r| para(AlignmentType::Left).add_run(run(&format!("- {r}"), 11, false, false))),
    );
    out
}

fn closing(doc: &Doc) -> Table {
    let sign = |i: usize| doc.signatures.get(i).map(signature).unwrap_or_default();
    if doc.signatures.len() >= 2 {
        side_by_side(cell(TEXT_MM / 2.0, sign(0)), cell(TEXT_MM / 2.0, sign(1)))
    } else {
        let left = if doc.recipients.is_empty() {
            vec![para(AlignmentType::Left)]
        } else {
            recipients(&doc.recipients)
        };
        let right = if doc.signatures.is_empty() {
            vec![para(AlignmentType::Left)]
        } else {
            sign(0)
        };
        side_by_side(cell(TEXT_MM * 0.45, left), cell(TEXT_MM * 0.55, right))
    }
}

fn add_block(d: Docx, b: &Block) -> Docx {
    match b {
        Block::Para { runs, align } => d.add_paragraph(body_para(runs, *align)),
        Block::Table { columns, rows } => d.add_table(table(columns, rows)),
        Block::Space { pt } => {
            d.add_paragraph(para(AlignmentType::Left).size((*pt as usize).max(2)))
        }
        Block::Chart { svg, caption } => {
            let d = match crate::raster::chart_picture(svg, TEXT_MM) {
                Some(pic) => d.add_paragraph(
                    para(AlignmentType::Center).add_run(docx_rs::Run::new().add_image(pic)),
                ),
                None => d,
            };
            d.add_paragraph(body_para(&[Run::italic(caption.clone())], Align::Centre))
        }
    }
}

fn setup(title: &str, template: &str) -> Docx {
    let fonts = RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman")
        .east_asia("Times New Roman");
    let page_no =
        Header::new().add_paragraph(para(AlignmentType::Center).add_page_num(PageNum::new()));
    Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(tw(20.0))
                .bottom(tw(20.0))
                .left(tw(30.0))
                .right(tw(15.0)),
        )
        .default_fonts(fonts)
        .default_size(28)
        .header(page_no)
        .first_header(Header::new())
        .footer(Footer::new())
        // One custom property only: docx-rs keeps them in a HashMap, so several come out in any order.
        .custom_property("template", format!("{template} — {title}"))
}

/// The DOCX of `doc`.
pub fn render(doc: &Doc) -> Result<Vec<u8>, Error> {
    let mut d = setup(&doc.title, &doc.template).add_table(letterhead(&doc.head));
    d = d.add_paragraph(para(AlignmentType::Left));
    if !doc.kind.is_empty() {
        d = d.add_paragraph(centred(&doc.kind, 14, true, false));
        for s in &doc.summary {
            d = d.add_paragraph(centred(s, 14, true, false));
        }
        if !doc.summary.is_empty() {
            d = d.add_paragraph(rule(TEXT_MM, 50.0));
        }
        d = d.add_paragraph(para(AlignmentType::Left));
    }
    for a in &doc.authority {
        d = d.add_paragraph(centred(a, 14, true, false));
    }
    // The last paragraph of the body keeps with the signatures, so they never stand alone on a page.
    let (last, body) = match doc.blocks.split_last() {
        Some((Block::Para { runs, align }, body)) => (Some(body_para(runs, *align)), body),
        _ => (None, doc.blocks.as_slice()),
    };
    for b in body {
        d = add_block(d, b);
    }
    if let Some(p) = last {
        d = d.add_paragraph(p.keep_next(true).keep_lines(true));
    }
    d = d
        .add_paragraph(para(AlignmentType::Left).keep_next(true))
        .add_table(closing(doc));
    for a in &doc.appendices {
        for (i, t) in a.title.iter().enumerate() {
            d = d.add_paragraph(centred(t, 14, true, false).page_break_before(i == 0));
        }
        for s in &a.subtitle {
            d = d.add_paragraph(centred(s, 14, false, true));
        }
        d = d.add_paragraph(para(AlignmentType::Left));
        for b in &a.blocks {
            d = add_block(d, b);
        }
    }
    pack(d)
}

/// Writes the package, then marks the header rows to repeat on each page (docx-rs writes no
/// `w:tblHeader`; the header rows carry `w:cantSplit`, which no other row does).
pub(crate) fn pack(d: Docx) -> Result<Vec<u8>, Error> {
    let mut buf = std::io::Cursor::new(Vec::new());
    d.title_pg()
        .build()
        .pack(&mut buf)
        .map_err(|e| Error::Render(e.to_string()))?;
    crate::zipfix::rewrite(buf.into_inner(), "word/document.xml", |xml| {
        xml.replace(HEADER_MARK, "<w:cantSplit /><w:tblHeader />")
    })
}

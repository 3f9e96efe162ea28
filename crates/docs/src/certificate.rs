//! Certificates (*Bằng khen*, *Giấy khen*): the whole certificate (PDF or DOCX, one A4 landscape
//! page per awardee, a decision's certificates in one file), and the variable text alone placed for
//! pre-printed blanks, with a test sheet to check the positions against a blank.

use crate::model::Signature;
use crate::{Error, Format, pdf, qr};
use docx_rs::{
    AlignmentType, BreakType, Docx, LineSpacing, PageMargin, PageOrientationType, Paragraph,
};
use serde::Serialize;

/// One certificate's text.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Certificate {
    /// "BẰNG KHEN", "GIẤY KHEN".
    pub kind: String,
    /// The awarding authority, e.g. ["CHỦ TỊCH ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"].
    pub authority: Vec<String>,
    /// "Bà Nguyễn Thị Hằng", or a collective's name.
    pub name: String,
    /// Position and unit: "Giáo viên Trường Tiểu học Bạch Đằng".
    pub position: String,
    /// "Đã có thành tích xuất sắc trong …".
    pub achievement: String,
    /// "Quyết định số 125/QĐ-UBND ngày 05/12/2026".
    pub decision: String,
    /// "Số sổ vàng: 12".
    pub golden_book: String,
    /// "Hà Nội, ngày 05 tháng 12 năm 2026".
    pub place_date: String,
    pub signer: Signature,
    /// The public verification address, printed as a QR code.
    pub verify_url: String,
}

/// Certificates printed together, e.g. all of one decision.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CertificateSet {
    pub title: String,
    pub certificates: Vec<Certificate>,
}

#[derive(Serialize)]
struct Typeset<'a> {
    title: &'a str,
    template: String,
    certificates: Vec<WithQr<'a>>,
}

#[derive(Serialize)]
struct WithQr<'a> {
    #[serde(flatten)]
    c: &'a Certificate,
    /// PNG bytes (a JSON array of numbers: Typst's `bytes()` takes it as it is).
    qr: Vec<u8>,
}

/// The certificates of `set` in `format`.
pub fn render(set: &CertificateSet, format: Format) -> Result<Vec<u8>, Error> {
    match format {
        Format::Pdf => pdf::render(
            pdf::CERTIFICATE,
            &Typeset {
                title: &set.title,
                template: crate::template_version(),
                certificates: set
                    .certificates
                    .iter()
                    .map(|c| WithQr {
                        c,
                        qr: qr::png(&c.verify_url),
                    })
                    .collect(),
            },
        ),
        Format::Docx => docx(set),
    }
}

fn line(text: &str, pt: usize, bold: bool, italic: bool, red: bool) -> Paragraph {
    let mut r = docx_rs::Run::new().add_text(text).size(pt * 2);
    if bold {
        r = r.bold();
    }
    if italic {
        r = r.italic();
    }
    if red {
        r = r.color("B3121B");
    }
    Paragraph::new()
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().before(0).after(60))
        .add_run(r)
}

fn docx_page(c: &Certificate, first: bool) -> Vec<Paragraph> {
    let mut out = vec![
        line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, true, false, false)
            .page_break_before(!first),
        line("Độc lập - Tự do - Hạnh phúc", 13, true, false, false),
    ];
    out.extend(c.authority.iter().map(|a| line(a, 15, true, false, true)));
    out.push(line(&c.kind, 34, true, false, true));
    out.push(line("TẶNG", 16, true, false, false));
    out.push(line(&c.name, 24, true, true, false));
    if !c.position.is_empty() {
        out.push(line(&c.position, 15, false, false, false));
    }
    out.push(line(&c.achievement, 15, false, true, false));
    out.push(line(&c.decision, 12, false, false, false));
    out.push(line(&c.golden_book, 12, false, false, false));
    out.push(line(&c.place_date, 14, false, true, false));
    out.extend(
        c.signer
            .lines
            .iter()
            .map(|l| line(l, 14, true, false, false)),
    );
    out.push(Paragraph::new().add_run(docx_rs::Run::new().add_break(BreakType::TextWrapping)));
    out.push(line(&c.signer.name, 14, true, false, false));
    out
}

fn docx(set: &CertificateSet) -> Result<Vec<u8>, Error> {
    let mut d = Docx::new()
        .page_size(16838, 11906)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(
            PageMargin::new()
                .top(794)
                .bottom(794)
                .left(1134)
                .right(1134),
        )
        .default_fonts(
            docx_rs::RunFonts::new()
                .ascii("Times New Roman")
                .hi_ansi("Times New Roman")
                .cs("Times New Roman"),
        )
        .custom_property(
            "template",
            format!("{} — {}", crate::template_version(), set.title),
        );
    for (i, c) in set.certificates.iter().enumerate() {
        for p in docx_page(c, i == 0) {
            d = d.add_paragraph(p);
        }
    }
    crate::docx::pack(d)
}

/// A field of the pre-printed blank: which text, where (mm from the top left of the A4 landscape
/// sheet), how wide and in what size.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Field {
    pub field: String,
    pub x_mm: f64,
    pub y_mm: f64,
    pub width_mm: f64,
    pub size_pt: f64,
}

/// The fields a blank can take, with their Vietnamese labels.
pub const BLANK_FIELDS: [(&str, &str); 7] = [
    ("name", "Họ và tên / tên tập thể"),
    ("unit", "Chức vụ, đơn vị"),
    ("achievement", "Thành tích"),
    ("decision", "Số, ngày quyết định"),
    ("golden_book", "Số sổ vàng"),
    ("place_date", "Địa danh, ngày tháng"),
    ("signer_name", "Họ tên người ký"),
];

fn field_text(c: &Certificate, field: &str) -> (String, bool) {
    match field {
        "name" => (c.name.clone(), true),
        "unit" => (c.position.clone(), false),
        "achievement" => (c.achievement.clone(), false),
        "decision" => (c.decision.clone(), false),
        "golden_book" => (c.golden_book.clone(), false),
        "place_date" => (c.place_date.clone(), false),
        "signer_name" => (c.signer.name.clone(), true),
        _ => (String::new(), false),
    }
}

#[derive(Serialize)]
struct Placed {
    text: String,
    bold: bool,
    x_mm: f64,
    y_mm: f64,
    width_mm: f64,
    size_pt: f64,
}

#[derive(Serialize)]
struct BlankSet {
    title: String,
    template: String,
    test: bool,
    pages: Vec<Vec<Placed>>,
}

/// The variable text of `set` at `fields`' positions, one sheet per certificate; `test` adds a
/// millimetre grid and the fields' frames.
pub fn blank_pdf(set: &CertificateSet, fields: &[Field], test: bool) -> Result<Vec<u8>, Error> {
    let pages = set
        .certificates
        .iter()
        .map(|c| {
            fields
                .iter()
                .map(|f| {
                    let (text, bold) = field_text(c, &f.field);
                    Placed {
                        text,
                        bold,
                        x_mm: f.x_mm,
                        y_mm: f.y_mm,
                        width_mm: f.width_mm.max(5.0),
                        size_pt: f.size_pt.clamp(6.0, 48.0),
                    }
                })
                .collect()
        })
        .collect();
    pdf::render(
        pdf::BLANK,
        &BlankSet {
            title: set.title.clone(),
            template: crate::template_version(),
            test,
            pages,
        },
    )
}

//! A chart's SVG as a picture for DOCX (Word shows no SVG without a PNG fallback): drawn with resvg at
//! print resolution, its text in the same Tinos fonts as the PDF.

use docx_rs::Pic;
use resvg::usvg;
use std::sync::OnceLock;

/// Dots per millimetre of the picture (about 200 dpi: sharp on paper, small in the file).
const DOTS_PER_MM: f32 = 8.0;
/// EMU (the unit of DOCX drawings) per millimetre.
const EMU_PER_MM: f32 = 36_000.0;

fn options() -> &'static usvg::Options<'static> {
    static OPTIONS: OnceLock<usvg::Options<'static>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut o = usvg::Options::default();
        let db = o.fontdb_mut();
        for font in crate::pdf::FONTS {
            db.load_font_data(font.to_vec());
        }
        for set in [
            usvg::fontdb::Database::set_serif_family,
            usvg::fontdb::Database::set_sans_serif_family,
            usvg::fontdb::Database::set_monospace_family,
        ] {
            set(db, "Tinos");
        }
        o
    })
}

/// PNG bytes of `svg` `width_mm` wide, and its height in millimetres; `None` if the SVG is broken.
pub fn png(svg: &str, width_mm: f32) -> Option<(Vec<u8>, f32)> {
    let tree = usvg::Tree::from_str(svg, options()).ok()?;
    let size = tree.size();
    let width_px = (width_mm * DOTS_PER_MM).round();
    let scale = width_px / size.width();
    let height_px = (size.height() * scale).round();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width_px as u32, height_px.max(1.0) as u32)?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let bytes = pixmap.encode_png().ok()?;
    Some((bytes, height_px / DOTS_PER_MM))
}

/// The chart as a DOCX picture `width_mm` wide.
pub fn chart_picture(svg: &str, width_mm: f32) -> Option<Pic> {
    let (bytes, height_mm) = png(svg, width_mm)?;
    Some(Pic::new(&bytes).size(
        (width_mm * EMU_PER_MM) as u32,
        (height_mm * EMU_PER_MM) as u32,
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_svg_becomes_a_png_of_the_asked_width() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100"><rect x="0" y="0" width="100" height="100" fill="#336699"/><text x="110" y="50" font-family="serif" font-size="14">Đã đạt</text></svg>"##;
        let (png, height) = super::png(svg, 100.0).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        assert!((height - 50.0).abs() < 0.5, "{height}");
        assert!(super::png("<svg", 100.0).is_none());
    }
}

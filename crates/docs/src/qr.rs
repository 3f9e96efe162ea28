//! QR codes of verification addresses, as PNG bytes of one pixel per module for Typst (which scales
//! them up without smoothing).

use qrcode::{Color, QrCode};

/// A PNG QR code of `text`; empty when it cannot be encoded (too long), so the certificate is still
/// made, without the code.
pub(crate) fn png(text: &str) -> Vec<u8> {
    let Ok(code) = QrCode::new(text.as_bytes()) else {
        return Vec::new();
    };
    let width = code.width();
    let pixels: Vec<u8> = code
        .to_colors()
        .iter()
        .map(|c| if *c == Color::Dark { 0 } else { 255 })
        .collect();
    let mut out = Vec::new();
    let side = u32::try_from(width).unwrap_or(0);
    let mut encoder = png::Encoder::new(&mut out, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let written = encoder
        .write_header()
        .and_then(|mut w| w.write_image_data(&pixels));
    if written.is_err() {
        return Vec::new();
    }
    out
}

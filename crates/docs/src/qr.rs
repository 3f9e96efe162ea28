//! QR codes of verification addresses, as SVG for Typst.

use qrcode::QrCode;
use qrcode::render::svg;

/// An SVG QR code of `text`; empty when it cannot be encoded (too long), so the certificate is
/// still made, without the code.
pub(crate) fn svg(text: &str) -> String {
    match QrCode::new(text.as_bytes()) {
        Ok(code) => code
            .render::<svg::Color>()
            .min_dimensions(120, 120)
            .quiet_zone(false)
            .build(),
        Err(_) => String::new(),
    }
}

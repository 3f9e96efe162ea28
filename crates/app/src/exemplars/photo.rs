//! Photos of an exemplar as they are kept: the upload is decoded (so only a real JPEG, PNG or WebP
//! picture passes, whatever its name says), turned upright by its EXIF orientation, resized and
//! encoded again as JPEG — which leaves every metadata block (GPS location, camera, owner) behind.

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use std::io::Cursor;

/// Longest side of the kept picture and of its thumbnail, in pixels.
pub const MAX_SIDE: u32 = 1600;
pub const THUMB_SIDE: u32 = 480;
/// Largest upload accepted before decoding.
pub const MAX_UPLOAD_BYTES: usize = 15 * 1024 * 1024;

/// A picture ready to store.
#[derive(Debug, Clone)]
pub struct Processed {
    pub jpeg: Vec<u8>,
    pub thumb: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Why a file is not accepted as a photo (a Vietnamese sentence naming the file).
pub fn process(name: &str, bytes: &[u8]) -> Result<Processed, String> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(format!(
            "Ảnh \u{201c}{name}\u{201d} nặng quá {} MB.",
            MAX_UPLOAD_BYTES / 1_048_576
        ));
    }
    let img = decode(bytes).ok_or_else(|| {
        format!("Tệp \u{201c}{name}\u{201d} không phải là ảnh JPG, PNG hoặc WebP đọc được.")
    })?;
    if img.width() < 64 || img.height() < 64 {
        return Err(format!(
            "Ảnh \u{201c}{name}\u{201d} quá nhỏ ({}×{} điểm ảnh); cần ít nhất 64×64.",
            img.width(),
            img.height()
        ));
    }
    let big = shrink(&img, MAX_SIDE);
    let thumb = shrink(&img, THUMB_SIDE);
    let encode_error = |_| format!("Không xử lý được ảnh \u{201c}{name}\u{201d}.");
    Ok(Processed {
        width: big.width(),
        height: big.height(),
        jpeg: encode(&big, 85).map_err(encode_error)?,
        thumb: encode(&thumb, 80).map_err(encode_error)?,
    })
}

/// Decodes within limits (a tiny file claiming a huge picture is refused), upright.
fn decode(bytes: &[u8]) -> Option<DynamicImage> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    if !matches!(
        reader.format(),
        Some(image::ImageFormat::Jpeg | image::ImageFormat::Png | image::ImageFormat::WebP)
    ) {
        return None;
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().ok()?;
    // A broken EXIF block only loses the orientation, not the picture.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).ok()?;
    img.apply_orientation(orientation);
    Some(img)
}

fn shrink(img: &DynamicImage, side: u32) -> DynamicImage {
    if img.width() <= side && img.height() <= side {
        img.clone()
    } else {
        img.resize(side, side, image::imageops::FilterType::Lanczos3)
    }
}

fn encode(img: &DynamicImage, quality: u8) -> Result<Vec<u8>, image::ImageError> {
    let mut out = Vec::new();
    let rgb = DynamicImage::ImageRgb8(img.to_rgb8());
    rgb.write_with_encoder(JpegEncoder::new_with_quality(&mut out, quality))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = DynamicImage::ImageRgb8(image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        }));
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn a_large_picture_is_resized_and_becomes_a_jpeg() {
        let p = process("anh.png", &png(3200, 1600)).unwrap();
        assert_eq!((p.width, p.height), (1600, 800));
        assert!(p.jpeg.starts_with(&[0xFF, 0xD8, 0xFF]));
        let thumb = image::load_from_memory(&p.thumb).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (480, 240));
    }

    #[test]
    fn a_program_renamed_to_jpg_and_a_tiny_picture_are_refused() {
        let e = process("anh.jpg", b"MZ\x90\x00 not a picture").unwrap_err();
        assert!(
            e.contains("anh.jpg") && e.contains("không phải là ảnh"),
            "{e}"
        );
        assert!(
            process("nho.png", &png(10, 10))
                .unwrap_err()
                .contains("quá nhỏ")
        );
    }

    #[test]
    fn exif_with_a_location_does_not_survive() {
        // A JPEG with an APP1 Exif block naming GPS data, then the picture.
        let mut src = Vec::new();
        DynamicImage::ImageRgb8(image::RgbImage::new(100, 80))
            .write_with_encoder(JpegEncoder::new_with_quality(&mut src, 90))
            .unwrap();
        let mut tagged = vec![0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x16];
        tagged.extend_from_slice(b"Exif\0\0GPSLatitude\0\0");
        tagged.extend_from_slice(&src[2..]);
        let p = process("gps.jpg", &tagged).unwrap();
        let has = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
        assert!(has(&tagged, b"GPSLatitude"));
        assert!(!has(&p.jpeg, b"Exif") && !has(&p.jpeg, b"GPSLatitude"));
        assert!(!has(&p.thumb, b"Exif"));
    }
}

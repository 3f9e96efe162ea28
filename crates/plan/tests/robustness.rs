//! Robustness: random bytes, huge lines, empty input, junk ZIP bytes and NFD text never panic;
//! errors are Vietnamese messages that name the problem; a small DOCX imports.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::io::Write;

use proptest::prelude::*;
use thidua_plan::{ImportError, import_bytes, import_text, to_json_pretty};
use unicode_normalization::UnicodeNormalization;

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4000)) {
        let _ = import_bytes(&bytes);
    }

    #[test]
    fn random_text_never_panics(text in "\\PC{0,3000}") {
        let plan = import_text(&text);
        let _ = to_json_pretty(&plan);
    }

    #[test]
    fn plan_like_text_never_panics(parts in proptest::collection::vec(prop_oneof![
        Just("KẾ HOẠCH\n".to_string()), Just("Số: 12 /KH-UBND\n".to_string()),
        Just("Quận 1, ngày 1 tháng 13 năm 2024\n".to_string()), Just("Căn cứ Kế hoạch số 9/KH ngày 31/02/2024;\n".to_string()),
        Just("I. MỤC ĐÍCH\n".to_string()), Just("- trước ngày 30/2\n".to_string()), Just("từ ngày 5/5 đến\n".to_string()),
        Just("| a | b |\n".to_string()), Just("**".to_string()), Just("Nơi nhận:\n".to_string()), Just("100% tối đa 02 tập thể\n".to_string()),
        "[a-zđ0-9 /%:;.,()“”-]{0,40}\n",
    ], 0..60)) {
        let text: String = parts.concat();
        let _ = import_text(&text);
    }

    #[test]
    fn junk_zip_never_panics(tail in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend(tail);
        let broken = matches!(import_bytes(&bytes), Err(ImportError::BrokenDocx { .. }));
        prop_assert!(broken);
    }
}

/// A content with its lead and partners run into one line, the movement named before the lead (it
/// used to slice backwards in the theme reader).
#[test]
fn movement_named_before_its_lead_on_one_line() {
    let line = "2.3. Phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại phía sau” - Đơn vị chủ trì \
                tham mưu: Phòng Lao động - Thương binh và Xã hội. - Đơn vị phối hợp thực hiện: Các phòng, \
                ban, ngành; UBND các phường. - Thời gian thực hiện: Thực hiện trong năm 2024.";
    let _ = import_text(line);
}

/// One-line inputs full of markers that never begin a line (bullets without punctuation, numbered
/// headings, labelled fields): the run-on reader looks at bounded stretches, so these stay fast.
#[test]
fn hostile_run_on_lines() {
    let _ = import_text(&"thi đua a - b ".repeat(8000));
    let _ = import_text(&"Thi đua 1. Hình thức - Bằng khen ".repeat(3500));
    let _ = import_text(&"- Đơn vị chủ trì: Phòng A ".repeat(4000));
    let _ = import_text(&"IV. KHEN THƯỞNG ".repeat(6000));
}

#[test]
fn huge_lines_and_empty_input() {
    let line = "Thi đua 100% chỉ tiêu trước ngày 20/8/2024 ".repeat(5000);
    let _ = import_text(&line);
    let many = "- a\n".repeat(50_000);
    let _ = import_text(&many);
    let _ = import_text("");
    assert_eq!(import_bytes(b""), Err(ImportError::Empty));
    assert_eq!(import_bytes(b"  \n\t "), Err(ImportError::Empty));
}

#[test]
fn errors_are_vietnamese_and_name_the_problem() {
    let e = import_bytes(&[0x66, 0xff, 0xfe, 0x00]).expect_err("not UTF-8");
    assert!(e.to_string().contains("UTF-8"), "{e}");
    assert!(e.to_string().contains("vị trí 1"), "{e}");
    let e = import_bytes(b"PK\x03\x04garbage").expect_err("broken docx");
    assert!(e.to_string().starts_with("Tệp Word (.docx) bị hỏng"), "{e}");
    assert!(
        import_bytes(b"")
            .expect_err("empty")
            .to_string()
            .contains("trống")
    );
}

#[test]
fn nfd_input_gives_the_same_result() {
    let text = "Số: 5 /KH-UBND\nPhường Bến Nghé, ngày 02 tháng 9 năm 2025\nKẾ HOẠCH\nThi đua năm 2025\n\nCăn cứ Kế hoạch số 7/KH-UBND ngày 01/8/2025;\n\nI. MỤC ĐÍCH\n";
    let nfd: String = text.nfd().collect();
    assert_eq!(import_text(&nfd), import_text(text));
    assert_eq!(import_text(&nfd).place.as_deref(), Some("Phường Bến Nghé"));
}

fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", opts)
            .expect("zip entry");
        let body: String = paragraphs
            .iter()
            .map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>"))
            .collect();
        let xml = format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        );
        zip.write_all(xml.as_bytes()).expect("zip write");
        zip.finish().expect("zip finish");
    }
    buf.into_inner()
}

#[test]
fn docx_imports() {
    let bytes = docx(&[
        "ỦY BAN NHÂN DÂN",
        "XÃ AN BÌNH",
        "Số: 20/KH-UBND",
        "An Bình, ngày 10 tháng 9 năm 2025",
        "KẾ HOẠCH",
        "Phát động thi đua năm 2025",
        "Căn cứ Kế hoạch số 3/KH-UBND ngày 01/9/2025 của UBND tỉnh;",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Các đơn vị gửi báo cáo về UBND xã trước ngày 15/12/2025.",
        "Nơi nhận:",
        "CHỦ TỊCH",
        "Trần Văn Bình",
    ]);
    let plan = import_bytes(&bytes).expect("docx");
    assert_eq!(plan.number.as_deref(), Some("20/KH-UBND"));
    assert_eq!(plan.issuer.as_deref(), Some("Ủy ban nhân dân xã An Bình"));
    assert_eq!(plan.title.as_deref(), Some("Phát động thi đua năm 2025"));
    assert_eq!(
        plan.deadlines.first().map(|d| d.date.as_str()),
        Some("2025-12-15")
    );
    assert_eq!(
        plan.signer.and_then(|s| s.name).as_deref(),
        Some("Trần Văn Bình")
    );
    let missing = {
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buf);
        zip.start_file("other.txt", zip::write::SimpleFileOptions::default())
            .expect("entry");
        zip.finish().expect("finish");
        buf.into_inner()
    };
    let e = import_bytes(&missing).expect_err("no document.xml");
    assert!(e.to_string().contains("word/document.xml"), "{e}");
}

#[test]
fn json_has_every_key_in_contract_order() {
    let plan = import_text("KẾ HOẠCH\nThi đua\n");
    let json = to_json_pretty(&plan);
    let keys = [
        "number",
        "issued_on",
        "place",
        "issuer",
        "title",
        "period",
        "legal_bases",
        "deadlines",
        "targets",
        "award_forms",
        "quotas",
        "themes",
        "signer",
    ];
    let mut last = 0;
    for k in keys {
        let pos = json
            .find(&format!("\"{k}\""))
            .unwrap_or_else(|| panic!("missing {k}"));
        assert!(pos >= last, "{k} out of order");
        last = pos;
    }
    let back: thidua_plan::PlanImport = serde_json::from_str(&json).expect("round trip");
    assert_eq!(back, plan);
}

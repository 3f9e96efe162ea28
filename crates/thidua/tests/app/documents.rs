//! Official documents from the demo's records, over HTTP, on both engines: every kind downloads as
//! PDF and DOCX (and the list as XLSX) from its page's link and through the API, reads as the state
//! format asks (national motto, number, place and date, signature block; text extractable with
//! `pdftotext`), comes out byte-identical when made again, follows the organisation's document
//! settings, and is refused to those who may not read the record.

use crate::award_path::OFFICE;
use crate::common::{Engine, Session, TestApp, read_xlsx};
use crate::on_both_engines;
use serde_json::Value;
use std::io::Read;

on_both_engines!(
    every_document_of_the_process_downloads,
    documents_follow_the_settings_and_regenerate_identically,
    documents_are_refused_to_those_who_may_not_read_them,
);

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const MOTTO: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";

/// The text of a PDF as `pdftotext` extracts it (spaces collapsed).
pub fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (Debian poppler-utils) must be installed");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of a DOCX's body (its XML with the tags removed).
pub fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Downloads `path`, checks the status and type, returns the bytes.
async fn fetch(s: &Session, path: &str, mime: &str) -> Vec<u8> {
    let (status, headers, bytes) = s.download(path).await;
    assert_eq!(status, 200, "{path}: {}", String::from_utf8_lossy(&bytes));
    assert_eq!(headers["content-type"], mime, "{path}");
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment"),
        "{path}"
    );
    bytes
}

async fn pdf(s: &Session, path: &str) -> String {
    let bytes = fetch(s, path, "application/pdf").await;
    assert!(bytes.starts_with(b"%PDF-"), "{path}");
    pdf_text(&bytes)
}

async fn docx(s: &Session, path: &str) -> String {
    docx_text(&fetch(s, path, DOCX).await)
}

fn first_id(list: &Value, pick: impl Fn(&Value) -> bool) -> &str {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| pick(x))
        .and_then(|x| x["id"].as_str())
        .unwrap_or_else(|| panic!("none in {list}"))
}

async fn decision_documents(office: &Session) {
    let list = office.api_get("/api/v1/decisions").await.json();
    let id = first_id(&list["decisions"], |_| true).to_string();
    let detail = office
        .api_get(&format!("/api/v1/decisions/{id}"))
        .await
        .json();
    let number = detail["number"].as_str().unwrap().to_string();
    let line = detail["items"][0]["id"].as_str().unwrap().to_string();
    let nominee = detail["items"][0]["nominee"].as_str().unwrap().to_string();
    let base = format!("/decisions/{id}/documents");
    let text = pdf(office, &format!("{base}/decision.pdf")).await;
    for needle in [
        MOTTO,
        "Độc lập - Tự do - Hạnh phúc",
        "QUYẾT ĐỊNH",
        &format!("Số: {number}"),
        "Căn cứ Luật Thi đua, khen thưởng",
        "Điều 1.",
        "Điều 3.",
        "Nơi nhận:",
        "DANH SÁCH",
        "Số sổ vàng",
        &nominee,
    ] {
        assert!(
            text.contains(needle),
            "decision.pdf lacks «{needle}»: {text}"
        );
    }
    let text = docx(office, &format!("{base}/decision.docx")).await;
    assert!(
        text.contains(&format!("Số: {number}")) && text.contains(&nominee) && text.contains(MOTTO),
        "{text}"
    );
    let text = pdf(office, &format!("{base}/certificates.pdf")).await;
    assert!(
        text.contains("TẶNG") && text.contains(&nominee) && text.contains("Số sổ vàng: 1"),
        "{text}"
    );
    assert!(text.contains(&format!("Quyết định số {number}")), "{text}");
    docx(office, &format!("{base}/certificates.docx")).await;
    let text = pdf(office, &format!("{base}/certificates-blank.pdf")).await;
    assert!(
        text.contains(&nominee) && !text.contains(MOTTO),
        "blank print carries only the variable text: {text}"
    );
    let text = pdf(office, &format!("{base}/certificate-{line}.pdf")).await;
    assert!(text.contains(&nominee), "{text}");
    // The same files through the API.
    let text = pdf(
        office,
        &format!("/api/v1/decisions/{id}/documents/decision.pdf"),
    )
    .await;
    assert!(text.contains(&number));
    // The decision page links to them.
    office
        .get(&format!("/decisions/{id}"))
        .await
        .expect(200)
        .contains(&format!("{base}/decision.pdf"))
        .contains(&format!("{base}/certificates-blank.pdf"));
}

async fn meeting_documents(office: &Session) {
    let list = office.api_get("/api/v1/meetings").await.json();
    let id = first_id(&list, |m| m["status"] == "closed").to_string();
    let text = pdf(office, &format!("/meetings/{id}/documents/minutes.pdf")).await;
    for needle in [
        MOTTO,
        "BIÊN BẢN",
        // The header line breaks after its dash, which pdftotext reads as a hyphenation.
        "HỘI ĐỒNG THI ĐUA",
        "THÀNH PHẦN",
        "KẾT LUẬN",
        "THƯ KÝ",
        "CHỦ TRÌ",
        "Thông qua",
    ] {
        assert!(
            text.contains(needle),
            "minutes.pdf lacks «{needle}»: {text}"
        );
    }
    assert!(
        text.contains('%') && text.contains('/'),
        "votes as a share of all members: {text}"
    );
    docx(office, &format!("/meetings/{id}/documents/minutes.docx")).await;
    let text = pdf(office, &format!("/meetings/{id}/documents/submission.pdf")).await;
    assert!(
        text.contains("TỜ TRÌNH")
            && text.contains("Kính gửi")
            && text.contains("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"),
        "{text}"
    );
    docx(
        office,
        &format!("/api/v1/meetings/{id}/documents/submission.docx"),
    )
    .await;
    office
        .get(&format!("/meetings/{id}"))
        .await
        .expect(200)
        .contains(&format!("/meetings/{id}/documents/minutes.pdf"));
}

async fn nomination_and_campaign_documents(office: &Session) {
    let list = office.api_get("/api/v1/nominations").await.json();
    let n = list
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["status"] == "decided")
        .unwrap();
    let id = n["id"].as_str().unwrap();
    let text = pdf(office, &format!("/nominations/{id}/documents/report.pdf")).await;
    for needle in [
        MOTTO,
        "BÁO CÁO THÀNH TÍCH",
        "THÀNH TÍCH ĐẠT ĐƯỢC",
        "CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
    ] {
        assert!(text.contains(needle), "report.pdf lacks «{needle}»: {text}");
    }
    let text = docx(office, &format!("/nominations/{id}/report.docx")).await;
    assert!(
        text.contains("BÁO CÁO THÀNH TÍCH"),
        "the historical route makes the new report: {text}"
    );
    let text = docx(
        office,
        &format!("/nominations/{id}/documents/unit-submission.docx"),
    )
    .await;
    assert!(text.contains("TỜ TRÌNH"), "{text}");
    let campaign = n["campaign_id"].as_str().expect("a campaign nomination");
    let text = pdf(office, &format!("/campaigns/{campaign}/documents/plan.pdf")).await;
    for needle in [
        MOTTO,
        "KẾ HOẠCH",
        "MỤC ĐÍCH, YÊU CẦU",
        "HÌNH THỨC KHEN THƯỞNG",
        "TỔ CHỨC THỰC HIỆN",
    ] {
        assert!(text.contains(needle), "plan.pdf lacks «{needle}»: {text}");
    }
    docx(
        office,
        &format!("/campaigns/{campaign}/documents/plan.docx"),
    )
    .await;
    let xlsx = fetch(
        office,
        &format!("/campaigns/{campaign}/documents/nominees.xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    .await;
    let rows = read_xlsx(&xlsx);
    assert!(
        rows.iter()
            .any(|r| r.first().map(String::as_str) == Some("TT")),
        "{rows:?}"
    );
    let text = pdf(
        office,
        &format!("/campaigns/{campaign}/documents/nominees.pdf"),
    )
    .await;
    assert!(text.contains("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"), "{text}");
}

async fn every_document_of_the_process_downloads(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(OFFICE).await;
    decision_documents(&office).await;
    meeting_documents(&office).await;
    nomination_and_campaign_documents(&office).await;
}

async fn documents_follow_the_settings_and_regenerate_identically(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(OFFICE).await;
    let caller = thidua_app::Caller::of_username(&app.db, OFFICE)
        .await
        .unwrap();
    let mut s = thidua_app::doc_settings::get(&app.db, &caller)
        .await
        .unwrap();
    assert_eq!(s.version, 0, "nothing saved yet: defaults");
    assert!(
        s.issuing_body.contains("HÀ NỘI"),
        "defaults from the body: {s:?}"
    );
    s.managing_body = "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI".into();
    s.issuing_body = "SỞ NỘI VỤ".into();
    s.signers = vec![thidua_app::doc_settings::Signer {
        authority: "KT.".into(),
        on_behalf_of: "Giám đốc".into(),
        title: "Phó Giám đốc".into(),
        name: "Trần Thị Ỡn".into(),
    }];
    let saved = thidua_app::doc_settings::save(&app.db, &caller, s.clone())
        .await
        .unwrap();
    assert_eq!(saved.version, 1);
    let stale = thidua_app::doc_settings::save(&app.db, &caller, s.clone()).await;
    assert!(
        matches!(stale, Err(thidua_app::Error::Conflict)),
        "{stale:?}"
    );
    let mut bad = saved.clone();
    bad.issuing_body = " ".into();
    match thidua_app::doc_settings::save(&app.db, &caller, bad).await {
        Err(thidua_app::Error::Invalid(v)) => {
            assert_eq!(v.errors[0].field, "issuing_body");
            assert_eq!(v.errors[0].label, "Cơ quan ban hành");
        }
        other => panic!("{other:?}"),
    }
    let list = office.api_get("/api/v1/campaigns").await.json();
    let campaign = first_id(&list, |c| c["status"] == "launched");
    let text = pdf(
        &office,
        &format!("/campaigns/{campaign}/documents/nominees.pdf"),
    )
    .await;
    for needle in [
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
        "SỞ NỘI VỤ",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Trần Thị Ỡn",
    ] {
        assert!(
            text.contains(needle),
            "nominees.pdf lacks «{needle}»: {text}"
        );
    }
    let path = format!("/campaigns/{campaign}/documents/plan.pdf");
    let (_, _, a) = office.download(&path).await;
    let (_, _, b) = office.download(&path).await;
    assert!(
        a == b,
        "the same data and template version give the same PDF"
    );
    let docx_path = format!("/campaigns/{campaign}/documents/plan.docx");
    let (_, _, a) = office.download(&docx_path).await;
    let (_, _, b) = office.download(&docx_path).await;
    assert!(
        a == b,
        "the same data and template version give the same DOCX"
    );
    assert!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'doc_settings.update'")
            .await
            == 1
    );
}

async fn documents_are_refused_to_those_who_may_not_read_them(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(OFFICE).await;
    let list = office.api_get("/api/v1/decisions").await.json();
    let id = first_id(&list["decisions"], |_| true).to_string();
    let ward = app.login(crate::award_path::WARD_OFFICER).await;
    let (status, _, _) = ward
        .download(&format!("/decisions/{id}/documents/decision.pdf"))
        .await;
    assert_eq!(status, 403, "a ward officer reads no decision");
    let (status, _, _) = ward
        .download(&format!(
            "/api/v1/decisions/{id}/documents/certificates.pdf"
        ))
        .await;
    assert_eq!(status, 403);
    let (status, _, _) = ward.download("/settings/documents/blank-test.pdf").await;
    assert_eq!(status, 403, "only the office adjusts the blanks");
    let test = fetch(
        &office,
        "/settings/documents/blank-test.pdf",
        "application/pdf",
    )
    .await;
    assert!(
        pdf_text(&test).contains("100"),
        "the test sheet carries its millimetre grid"
    );
    for bad in ["decision.exe", "nothing.pdf", "decision"] {
        let (status, _, _) = office
            .download(&format!("/decisions/{id}/documents/{bad}"))
            .await;
        assert_eq!(status, 404, "{bad}");
    }
    let (status, _, _) = office
        .download("/decisions/no-such-id/documents/decision.pdf")
        .await;
    assert_eq!(status, 404);
    // The district organisation sees none of the city's decisions.
    let district = app.login("thuongtruc").await;
    let (status, _, _) = district
        .download(&format!("/decisions/{id}/documents/decision.pdf"))
        .await;
    assert_eq!(status, 404);
}

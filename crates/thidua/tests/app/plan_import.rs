//! Plan import through the pages, on both engines: a seed plan (clean, and OCR without diacritics)
//! becomes a review page with each field tied to its source lines and unit names matched; saving makes
//! one draft campaign with its themes, targets, deadlines, award forms and quotas — or nothing at all
//! when a row is wrong; bad files get a Vietnamese message; only the office may import.

use crate::common::{
    ADMIN, COUNCIL, Engine, Reply, STANDING, Session, TestApp, UO_BACHDANG, unescape_html,
};
use crate::on_both_engines;
use reqwest::header::HeaderValue;

on_both_engines!(
    seed_plan_becomes_a_draft_campaign,
    bad_rows_save_nothing_and_bad_files_are_named
);

fn seed(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../plan/tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Uploads a plan file (or pasted text when `file` is None) to the import page.
async fn upload(s: &Session, file: Option<(&str, Vec<u8>)>, text: &str) -> Reply {
    let mut form = reqwest::multipart::Form::new().text("text", text.to_string());
    if let Some((name, bytes)) = file {
        form = form.part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        );
    }
    let r = s
        .client
        .post(s.url("/campaigns/import"))
        .header(
            "x-csrf-token",
            HeaderValue::from_str(&s.csrf).expect("header"),
        )
        .multipart(form)
        .send()
        .await
        .expect("POST");
    let (status, headers) = (r.status(), r.headers().clone());
    Reply {
        status,
        headers,
        text: r.text().await.expect("body"),
    }
}

/// Every named form control of a page with its value (textarea content, checked boxes, selected
/// options), as a browser would post it.
fn form_fields(html: &str) -> Vec<(String, String)> {
    let start = html
        .find("action=\"/campaigns/import/save\"")
        .expect("review form");
    let end = html[start..].find("</form>").expect("end of form") + start;
    let form = &html[start..end];
    let mut out = Vec::new();
    let attr = |tag: &str, name: &str| -> Option<String> {
        let key = format!(" {name}=\"");
        let i = tag.find(&key)? + key.len();
        let j = tag[i..].find('"')? + i;
        Some(unescape_html(&tag[i..j]))
    };
    let mut rest = form;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let tag_end = rest.find('>').unwrap_or(rest.len() - 1);
        let tag = &rest[..=tag_end];
        if tag.starts_with("<input") {
            if let Some(name) = attr(tag, "name") {
                let kind = attr(tag, "type").unwrap_or_default();
                if kind != "checkbox" || tag.contains(" checked") {
                    out.push((name, attr(tag, "value").unwrap_or_default()));
                }
            }
        } else if tag.starts_with("<textarea") {
            if let Some(name) = attr(tag, "name") {
                let close = rest.find("</textarea>").expect("textarea end");
                out.push((name, unescape_html(&rest[tag_end + 1..close])));
            }
        } else if tag.starts_with("<select")
            && let Some(name) = attr(tag, "name")
        {
            let close = rest.find("</select>").expect("select end");
            let body = &rest[..close];
            let value = body
                .split("<option")
                .skip(1)
                .find(|o| o.contains(" selected"))
                .and_then(|o| attr(&format!("<option{o}"), "value"))
                .unwrap_or_default();
            out.push((name, value));
        }
        rest = &rest[1..];
    }
    out
}

async fn seed_plan_becomes_a_draft_campaign(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(STANDING).await;
    let before = app.count("SELECT COUNT(*) FROM campaigns").await;
    // Seed 002 (Quận 11): the review shows the fields with their lines and the matched lead units.
    let r = upload(
        &s,
        Some(("303-KH-UBND.txt", seed("002_c6f9699f1c60ca0e.txt"))),
        "",
    )
    .await;
    r.expect(200)
        .contains("303/KH-UBND")
        .contains("11/11/2024")
        .contains("href=\"#L3\"")
        .contains("id=\"L3\"")
        .contains("Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố");
    let html = unescape_html(&r.text);
    // "Phòng Tài chính - Kế hoạch" is a demo office: preselected. "Chi Cục thuế quận" is not: kept as printed.
    let fields = form_fields(&r.text);
    let tckh = app.unit("P-TCKH").await.id;
    assert!(
        fields
            .iter()
            .any(|(k, v)| k.ends_with("_lead_unit_id") && v == &tckh),
        "TCKH matched"
    );
    assert!(
        fields
            .iter()
            .any(|(k, v)| k.ends_with("_lead_name") && v.contains("Chi Cục thuế")),
        "tax office kept as printed"
    );
    assert!(html.contains("theo kế hoạch: «Chi Cục thuế quận»"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM campaigns").await,
        before,
        "reading saves nothing"
    );

    // Saving as the browser would post the form.
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = s
        .post_form_raw(
            "/campaigns/import/save",
            &[pairs, vec![("_csrf", s.csrf.as_str())]].concat(),
        )
        .await;
    r.expect(303);
    let id = r
        .location()
        .unwrap()
        .trim_start_matches("/campaigns/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let n = |table: &str| {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE campaign_id = '{id}'");
        let app = &app;
        async move { app.count(&sql).await }
    };
    assert_eq!(n("campaign_themes").await, 4);
    assert_eq!(n("campaign_targets").await, 4);
    assert_eq!(n("campaign_deadlines").await, 1);
    assert_eq!(n("campaign_award_forms").await, 3);
    assert!(
        n("campaign_participants").await > 10,
        "the units under the committee take part by default"
    );
    let page = s.get(&format!("/campaigns/{id}")).await;
    page.expect(200)
        .contains("Dự thảo")
        .contains("303/KH-UBND")
        .contains("01/11/2024 – 31/12/2024")
        .contains("Đợt thi đua (cao điểm, nước rút)")
        .contains("Hồ sơ đề nghị khen thưởng");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'campaign.import'")
            .await,
        1
    );

    // The OCR plan (seed 000) reads with its diacritics restored; its quarterly deadlines are there.
    let r = upload(
        &s,
        Some(("quan7.txt", seed("000_9549354538468d2e.txt"))),
        "",
    )
    .await;
    r.expect(200).contains("Ủy ban nhân dân Quận 7");
    // Pasted text works as well as a file.
    let pasted = String::from_utf8(seed("003_c20d7aab4cca2ca7.txt")).unwrap();
    upload(&s, None, &pasted)
        .await
        .expect(200)
        .contains("5531/KH-UBND")
        .contains("quận Gò Vấp");
}

async fn bad_rows_save_nothing_and_bad_files_are_named(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(ADMIN).await;
    // Files that are not plans.
    upload(&s, None, "   ")
        .await
        .expect(400)
        .contains("Hãy dán nội dung kế hoạch");
    upload(
        &s,
        Some(("ke-hoach.docx", b"PK\x03\x04 not really a zip".to_vec())),
        "",
    )
    .await
    .expect(400)
    .contains("Tệp Word (.docx) bị hỏng");
    upload(&s, Some(("ke-hoach.txt", vec![0x41, 0xff, 0x41, 0x0a])), "")
        .await
        .expect(400)
        .contains("không phải văn bản UTF-8");

    // Seed 004 has no start date: the review saves nothing until it is given, and a bad row is named.
    let r = upload(&s, Some(("hbt.txt", seed("004_cf3c440f517867bf.txt"))), "").await;
    r.expect(200);
    let mut fields = form_fields(&r.text);
    let (campaigns, audit) = (
        app.count("SELECT COUNT(*) FROM campaigns").await,
        app.audit_rows().await,
    );
    for (k, v) in fields.iter_mut() {
        if k == "t0_threshold" {
            *v = "một trăm".into();
        }
    }
    let post = |fields: &Vec<(String, String)>| {
        let mut pairs: Vec<(String, String)> = fields.clone();
        pairs.push(("_csrf".into(), s.csrf.clone()));
        pairs
    };
    let pairs = post(&fields);
    let refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = s.post_form_raw("/campaigns/import/save", &refs).await;
    r.expect(422)
        .contains("Thời gian bắt đầu không được để trống.")
        .contains("Chỉ tiêu 1: Mức chỉ tiêu “một trăm” không phải là số");
    assert_eq!(
        (
            app.count("SELECT COUNT(*) FROM campaigns").await,
            app.audit_rows().await
        ),
        (campaigns, audit),
        "nothing saved"
    );
    // The review keeps every value and the source lines.
    assert!(r.text.contains("id=\"L1\""));
    // Fixed: a start date, and the bad target left out.
    let mut fixed = form_fields(&r.text);
    fixed.retain(|(k, _)| k != "t0_keep" && k != "period_from");
    fixed.push(("period_from".into(), "01/03/2024".into()));
    let pairs = post(&fixed);
    let refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let quotas = app.count("SELECT COUNT(*) FROM campaign_quotas").await;
    s.post_form_raw("/campaigns/import/save", &refs)
        .await
        .expect(303);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM campaign_quotas").await,
        quotas + 3,
        "the plan's three quotas became records"
    );
    assert!(app.count("SELECT COUNT(*) FROM campaign_quotas WHERE who = 'mỗi phường' AND unit_kind = 'ward' AND collectives_max = 2 AND individuals_max = 4").await >= 1);

    // Only the office imports.
    for user in [UO_BACHDANG, COUNCIL] {
        let x = app.login(user).await;
        x.get("/campaigns/import").await.expect(403);
        upload(&x, None, "KẾ HOẠCH").await.expect(403);
        x.post_form(
            "/campaigns/import/save",
            &[
                ("issuer", "UBND"),
                ("title", "X"),
                ("kind", "regular"),
                ("period_from", "01/01/2026"),
                ("period_to", "31/12/2026"),
            ],
        )
        .await
        .expect(403);
    }
}

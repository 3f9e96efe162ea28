//! Plans and campaigns through the pages, on both engines: the plan's forms with their refusals (nothing
//! saved, messages naming the field), the lifecycle, the units' work (registration, progress with evidence,
//! submissions) with scope checks, the read-only closed campaign, lost updates, and every page route
//! against every demo user.

use crate::common::{
    ADMIN, CHAIRMAN, COUNCIL, Engine, Reply, STANDING, Session, TestApp, UO_BACHDANG, UO_VHTT,
    VIEWER, hidden_value, unescape_html,
};
use crate::on_both_engines;
use reqwest::header::HeaderValue;

on_both_engines!(
    plan_forms_refuse_bad_input_and_save_good,
    unit_work_is_scoped_and_checked,
    closed_campaign_is_read_only,
    page_routes_by_role
);

/// The year the test campaigns run in (the current one, so "today" lies inside them).
fn year() -> i32 {
    time::OffsetDateTime::now_utc().year()
}

fn campaign_id(r: &Reply) -> String {
    let loc = r.location().expect("redirect");
    loc.trim_start_matches("/campaigns/")
        .split(['?', '#', '/'])
        .next()
        .expect("id")
        .to_string()
}

/// Creates a campaign through the form with Bạch Đằng, Bách Khoa and VHTT taking part; returns its id.
async fn create_campaign(app: &TestApp, s: &Session, title: &str) -> String {
    let y = year();
    let (bd, bk, vhtt) = (
        app.unit("P-BACHDANG").await.id,
        app.unit("P-BACHKHOA").await.id,
        app.unit("P-VHTT").await.id,
    );
    let r = s
        .post_form(
            "/campaigns",
            &[
                ("number", "303 /KH-UBND"),
                ("issued_on", &format!("02/01/{y}")),
                ("issuer", "Ủy ban nhân dân quận Hai Bà Trưng"),
                ("title", title),
                ("kind", "peak"),
                ("period_from", &format!("01/01/{y}")),
                ("period_to", &format!("31/12/{y}")),
                (
                    "legal_bases",
                    &format!("6677/KH-UBND; 30/10/{}; Kế hoạch của UBND Thành phố", y - 1),
                ),
                ("participant_ids", &bd),
                ("participant_ids", &bk),
                ("participant_ids", &vhtt),
            ],
        )
        .await;
    r.expect(303);
    campaign_id(&r)
}

/// Adds a per-unit target (≥ 95 %) and a deadline due on 31/12; returns (target id, deadline id).
async fn add_parts(app: &TestApp, s: &Session, id: &str) -> (String, String) {
    s.post_form(
        &format!("/campaigns/{id}/targets"),
        &[
            ("text", "Tỷ lệ hồ sơ giải quyết đúng hạn"),
            ("comparator", ">="),
            ("threshold", "95"),
            ("unit", "%"),
            ("scope", "per_unit"),
        ],
    )
    .await
    .expect(303);
    s.post_form(
        &format!("/campaigns/{id}/deadlines"),
        &[
            ("kind", "year_end_report"),
            ("what", "Gửi báo cáo tổng kết"),
            ("due_on", &format!("31/12/{}", year())),
            ("recipient", "Phòng Nội vụ"),
        ],
    )
    .await
    .expect(303);
    let target = app
        .scalar_text(&format!(
            "SELECT id FROM campaign_targets WHERE campaign_id = '{id}'"
        ))
        .await;
    let deadline = app
        .scalar_text(&format!(
            "SELECT id FROM campaign_deadlines WHERE campaign_id = '{id}'"
        ))
        .await;
    (target, deadline)
}

async fn launch(s: &Session, id: &str) {
    let page = s.get(&format!("/campaigns/{id}")).await;
    let version = version_in(&page.text, &format!("/campaigns/{id}/launch"));
    s.post_form(&format!("/campaigns/{id}/launch"), &[("version", &version)])
        .await
        .expect(303);
}

/// The `version` hidden field of the form posting to `action`.
fn version_in(html: &str, action: &str) -> String {
    let start = html
        .find(&format!("action=\"{action}\""))
        .unwrap_or_else(|| panic!("no form to {action}"));
    hidden_value(&html[start..], "version").expect("version field")
}

/// Posts a multipart form (fields and files) with the session's CSRF header.
async fn post_multipart(
    s: &Session,
    path: &str,
    fields: &[(&str, &str)],
    files: &[(&str, Vec<u8>)],
) -> Reply {
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    for (name, bytes) in files {
        form = form.part(
            "files",
            reqwest::multipart::Part::bytes(bytes.clone()).file_name(name.to_string()),
        );
    }
    let r = s
        .client
        .post(s.url(path))
        .header(
            "x-csrf-token",
            HeaderValue::from_str(&s.csrf).expect("header"),
        )
        .multipart(form)
        .send()
        .await
        .expect("POST multipart");
    let status = r.status();
    let headers = r.headers().clone();
    Reply {
        status,
        headers,
        text: r.text().await.expect("body"),
    }
}

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n% minh chung\n".to_vec()
}

async fn plan_forms_refuse_bad_input_and_save_good(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(STANDING).await;
    let y = year();
    let before = (
        app.count("SELECT COUNT(*) FROM campaigns").await,
        app.audit_rows().await,
    );
    // Everything wrong at once: each field named in Vietnamese, what was typed kept.
    let r = s
        .post_form(
            "/campaigns",
            &[
                ("number", "KH"),
                ("issuer", ""),
                ("title", ""),
                ("kind", "cao diem"),
                ("period_from", &format!("31/12/{y}")),
                ("period_to", &format!("01/01/{y}")),
                ("legal_bases", "12/QĐ; 32/13/2024"),
            ],
        )
        .await;
    r.expect(422)
        .contains("Cơ quan ban hành không được để trống.")
        .contains("Tên kế hoạch không được để trống.")
        .contains("Hãy chọn loại phong trào, đợt thi đua trong danh sách.")
        .contains("phải sau thời gian bắt đầu")
        .contains("Dòng 1 của Căn cứ: ngày")
        .contains("không đúng dạng; ví dụ: 303/KH-UBND");
    assert_eq!(
        (
            app.count("SELECT COUNT(*) FROM campaigns").await,
            app.audit_rows().await
        ),
        before,
        "nothing saved"
    );

    let id = create_campaign(&app, &s, &format!("Thi đua cao điểm thử nghiệm năm {y}")).await;
    let page = s.get(&format!("/campaigns/{id}")).await;
    page.expect(200)
        .contains("303/KH-UBND")
        .contains("6677/KH-UBND")
        .contains("Dự thảo")
        .contains("Phường Bạch Đằng");

    // Parts: a threshold that is not a number, a deadline outside the period, a theme without a lead.
    let audit = app.audit_rows().await;
    s.post_form(
        &format!("/campaigns/{id}/targets"),
        &[
            ("text", "Tỷ lệ giải ngân"),
            ("comparator", ">="),
            ("threshold", "chín lăm"),
        ],
    )
    .await
    .expect(422)
    .contains("Mức chỉ tiêu “chín lăm” không phải là số");
    s.post_form(
        &format!("/campaigns/{id}/deadlines"),
        &[
            ("kind", "nomination"),
            ("what", "Gửi hồ sơ khen thưởng"),
            ("due_on", &format!("15/01/{}", y + 1)),
        ],
    )
    .await
    .expect(422)
    .contains("nằm ngoài thời gian của kế hoạch");
    s.post_form(
        &format!("/campaigns/{id}/themes"),
        &[("title", "Chuyển đổi số")],
    )
    .await
    .expect(422)
    .contains("Hãy chọn đơn vị chủ trì chuyên đề.");
    s.post_form(
        &format!("/campaigns/{id}/quotas"),
        &[("who", "mỗi phường"), ("collectives_max", "hai")],
    )
    .await
    .expect(422)
    .contains("phải là số nguyên không âm");
    assert_eq!(app.audit_rows().await, audit, "refused parts wrote nothing");

    // Good parts, each audited.
    let vhtt = app.unit("P-VHTT").await.id;
    s.post_form(
        &format!("/campaigns/{id}/themes"),
        &[
            ("title", "Thi đua thực hiện chuyển đổi số"),
            ("lead_unit_id", &vhtt),
        ],
    )
    .await
    .expect(303);
    let (_target, _deadline) = add_parts(&app, &s, &id).await;
    s.post_form(
        &format!("/campaigns/{id}/deadlines"),
        &[
            ("kind", "exemplary_models"),
            ("what", "Hồ sơ gương điển hình tiên tiến"),
            ("due_on", &format!("10/01/{y}")),
            ("recurrence", "quarterly"),
        ],
    )
    .await
    .expect(303);
    s.post_form(
        &format!("/campaigns/{id}/award_forms"),
        &[("name", "Giấy khen của Chủ tịch UBND quận")],
    )
    .await
    .expect(303);
    s.post_form(
        &format!("/campaigns/{id}/quotas"),
        &[
            ("who", "mỗi phường"),
            ("unit_kind", "ward"),
            ("collectives_max", "2"),
            ("individuals_max", "4"),
        ],
    )
    .await
    .expect(303);
    assert_eq!(app.audit_rows().await, audit + 6);
    let page = s.get(&format!("/campaigns/{id}")).await;
    page.expect(200)
        .contains("Thi đua thực hiện chuyển đổi số")
        .contains("≥ 95 %")
        .contains("4 kỳ, kỳ đầu 10/01")
        .contains("tối đa 02 tập thể, tối đa 04 cá nhân");

    // Two officers edit the plan: the second save is refused, not overwritten.
    let form = s.get(&format!("/campaigns/{id}/edit")).await;
    let version = hidden_value(&form.text, "version").expect("version");
    let other = app.login(ADMIN).await;
    let fields = |title: &'static str| {
        vec![
            ("issuer", "Ủy ban nhân dân quận Hai Bà Trưng"),
            ("title", title),
            ("kind", "peak"),
            ("period_from", "01/01/2000"),
            ("period_to", "31/12/2000"),
        ]
    };
    let mut first: Vec<(&str, String)> = fields("Tiêu đề của người thứ nhất")
        .into_iter()
        .map(|(k, v)| (k, v.to_string()))
        .collect();
    first[3].1 = format!("01/01/{y}");
    first[4].1 = format!("31/12/{y}");
    first.push(("version", version.clone()));
    for code in ["P-BACHDANG", "P-BACHKHOA"] {
        first.push(("participant_ids", app.unit(code).await.id));
    }
    let as_ref: Vec<(&str, &str)> = first.iter().map(|(k, v)| (*k, v.as_str())).collect();
    other
        .post_form(&format!("/campaigns/{id}"), &as_ref)
        .await
        .expect(303);
    let mut second = as_ref.clone();
    second[1] = ("title", "Tiêu đề của người thứ hai");
    s.post_form(&format!("/campaigns/{id}"), &second)
        .await
        .expect(409)
        .contains("vừa được người khác sửa");
    assert!(
        s.get(&format!("/campaigns/{id}"))
            .await
            .text
            .contains("Tiêu đề của người thứ nhất")
    );

    // Shrinking the period under a deadline is refused with the deadline named.
    let form = s.get(&format!("/campaigns/{id}/edit")).await;
    let version = hidden_value(&form.text, "version").expect("version");
    let to = format!("30/06/{y}");
    let shrink: Vec<(&str, &str)> = vec![
        ("issuer", "UBND"),
        ("title", "Tiêu đề"),
        ("kind", "peak"),
        ("period_from", "01/01/2000"),
        ("period_to", &to),
        ("version", &version),
    ];
    let from = format!("01/01/{y}");
    let shrink: Vec<(&str, &str)> = shrink
        .into_iter()
        .map(|(k, v)| {
            if k == "period_from" {
                (k, from.as_str())
            } else {
                (k, v)
            }
        })
        .collect();
    s.post_form(&format!("/campaigns/{id}"), &shrink)
        .await
        .expect(422)
        .contains("Gửi báo cáo tổng kết");

    // Launch; copy to next year makes a draft with the parts, dates a year later.
    launch(&s, &id).await;
    let r = s.post_form(&format!("/campaigns/{id}/copy"), &[]).await;
    r.expect(303);
    let copy = campaign_id(&r);
    let page = s.get(&format!("/campaigns/{copy}")).await;
    page.expect(200)
        .contains("Dự thảo")
        .contains(&format!("31/12/{}", y + 1))
        .contains("Thi đua thực hiện chuyển đổi số")
        .contains("Giấy khen của Chủ tịch UBND quận");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM campaign_deadlines WHERE campaign_id = '{copy}'"
        ))
        .await,
        2
    );
}

async fn unit_work_is_scoped_and_checked(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(STANDING).await;
    let id = create_campaign(&app, &s, "Phong trào thi đua thử nghiệm").await;
    let (target, deadline) = add_parts(&app, &s, &id).await;
    let bd = app.unit("P-BACHDANG").await.id;
    let vhtt = app.unit("P-VHTT").await.id;
    let uo = app.login(UO_BACHDANG).await;

    // A draft is invisible to units; they cannot register for it.
    uo.get(&format!("/campaigns/{id}")).await.expect(404);
    assert!(
        !uo.get("/campaigns")
            .await
            .text
            .contains("Phong trào thi đua thử nghiệm")
    );
    launch(&s, &id).await;
    uo.get(&format!("/campaigns/{id}"))
        .await
        .expect(200)
        .contains("Việc của đơn vị bạn")
        .contains("chưa đăng ký thi đua");
    let home = uo.get("/").await;
    home.expect(200)
        .contains("Việc cần làm")
        .contains("Phong trào thi đua thử nghiệm");

    // Registration: for another unit (out of scope), with a commitment that is not a number, then right.
    let audit = app.audit_rows().await;
    uo.post_form(
        &format!("/campaigns/{id}/register"),
        &[("unit_id", &vhtt), ("titles", "TTLDXS")],
    )
    .await
    .expect(422)
    .contains("phạm vi");
    let key = format!("commit_{target}");
    uo.post_form(
        &format!("/campaigns/{id}/register"),
        &[("unit_id", &bd), ("titles", "TTLDXS"), (&key, "nhiều")],
    )
    .await
    .expect(422)
    .contains("không phải là số");
    assert_eq!(app.audit_rows().await, audit);
    uo.post_form(
        &format!("/campaigns/{id}/register"),
        &[
            ("unit_id", &bd),
            ("titles", "TTLDXS"),
            (&key, "97"),
            ("own_targets", "Tỷ lệ hài lòng của người dân | ≥ | 90 | %"),
        ],
    )
    .await
    .expect(303);
    let regs = uo.get(&format!("/campaigns/{id}/registrations")).await;
    regs.expect(200)
        .contains("Tập thể lao động xuất sắc")
        .contains("Tỷ lệ hài lòng của người dân: ≥ 90 %");
    // A second registration from a stale form is a conflict, not a silent overwrite.
    uo.post_form(
        &format!("/campaigns/{id}/register"),
        &[("unit_id", &bd), ("titles", "TTLDTT")],
    )
    .await
    .expect(409);

    // Progress with evidence: wrong type, too large, another unit — all refused, nothing saved.
    let path = format!("/campaigns/{id}/targets/{target}/report");
    let audit = app.audit_rows().await;
    post_multipart(
        &uo,
        &path,
        &[("unit_id", &bd), ("value", "80"), ("reported_on", "")],
        &[("virus.pdf", b"MZ\x90\x00".to_vec())],
    )
    .await
    .expect(422)
    .contains("không đúng loại cho phép")
    .contains("Ngày số liệu không được để trống.");
    post_multipart(
        &uo,
        &path,
        &[
            ("unit_id", &bd),
            ("value", "80"),
            ("reported_on", "01/01/2000"),
        ],
        &[("lon.pdf", [pdf(), vec![b' '; 11 * 1024 * 1024]].concat())],
    )
    .await
    .expect(422)
    .contains("tối đa 10 MB");
    post_multipart(
        &uo,
        &path,
        &[
            ("unit_id", &vhtt),
            ("value", "80"),
            (
                "reported_on",
                &thidua_domain::date::vn(time::OffsetDateTime::now_utc().date()),
            ),
        ],
        &[],
    )
    .await
    .expect(422)
    .contains("phạm vi");
    assert_eq!(app.audit_rows().await, audit);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM progress_reports WHERE campaign_id = '{id}'"
        ))
        .await,
        0
    );
    let today = thidua_domain::date::vn(time::OffsetDateTime::now_utc().date());
    post_multipart(
        &uo,
        &path,
        &[
            ("unit_id", &bd),
            ("value", "87,5"),
            ("reported_on", &today),
            ("comment", "Quý III"),
        ],
        &[("minh-chứng.pdf", pdf())],
    )
    .await
    .expect(303);
    // The board reads it against the 97 % the ward registered.
    let board = s.get(&format!("/campaigns/{id}/progress")).await;
    board
        .expect(200)
        .contains("87,5 %")
        .contains("90,2 %")
        .contains("đăng ký 97 %")
        .contains("Chưa báo cáo");
    let file_id = app.scalar_text(&format!("SELECT a.id FROM attachments a JOIN progress_reports p ON p.id = a.owner_id WHERE p.campaign_id = '{id}'")).await;
    let (status, headers, bytes) = s.download(&format!("/files/{file_id}")).await;
    assert_eq!(status.as_u16(), 200);
    assert_eq!(bytes, pdf());
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("UTF-8''minh-ch%E1%BB%A9ng.pdf")
    );
    // Another unit's officer cannot fetch the ward's evidence.
    app.login(UO_VHTT)
        .await
        .get(&format!("/files/{file_id}"))
        .await
        .expect(404);

    // Submission: the matrix turns from "not due" to "on time"; the other units stay.
    let matrix = s.get(&format!("/campaigns/{id}/matrix")).await;
    matrix.expect(200);
    assert!(!matrix.text.contains("class=\"m-on_time\""));
    post_multipart(
        &uo,
        &format!("/campaigns/{id}/deadlines/{deadline}/submit"),
        &[("unit_id", &vhtt), ("document_number", "1/BC")],
        &[],
    )
    .await
    .expect(422)
    .contains("phạm vi");
    post_multipart(
        &uo,
        &format!("/campaigns/{id}/deadlines/{deadline}/submit"),
        &[("unit_id", &bd)],
        &[],
    )
    .await
    .expect(422)
    .contains("Hãy đính kèm văn bản đã gửi");
    post_multipart(
        &uo,
        &format!("/campaigns/{id}/deadlines/{deadline}/submit"),
        &[("unit_id", &bd), ("document_number", "25/BC-UBND")],
        &[("bao-cao.pdf", pdf())],
    )
    .await
    .expect(303);
    let matrix = s.get(&format!("/campaigns/{id}/matrix")).await;
    assert_eq!(
        matrix.text.matches("class=\"m-on_time\"").count(),
        1,
        "one cell sent on time"
    );
    assert_eq!(
        matrix.text.matches("class=\"m-not_due\"").count(),
        2,
        "two units not due yet"
    );
    let own = uo.get(&format!("/campaigns/{id}/matrix")).await;
    assert!(
        own.text.contains("Phường Bạch Đằng") && !own.text.contains("Phường Bách Khoa"),
        "a ward officer sees only its own row"
    );
    let (status, headers, bytes) = s.download(&format!("/campaigns/{id}/matrix.xlsx")).await;
    assert_eq!(status.as_u16(), 200);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .contains("spreadsheetml")
    );
    let rows = crate::common::read_xlsx(&bytes);
    let ward = rows
        .iter()
        .find(|r| r[0] == "Phường Bạch Đằng")
        .expect("ward row");
    assert!(ward[1].starts_with("Đã gửi đúng hạn"), "{ward:?}");
    // The calendar shows the deadline with the ward's status.
    let cal = s
        .get(&format!(
            "/calendar?view=list&month={}-12&unit={bd}",
            year()
        ))
        .await;
    cal.expect(200)
        .contains("Gửi báo cáo tổng kết")
        .contains("Đã gửi đúng hạn");

    // Council members and viewers never act for units.
    for user in [COUNCIL, VIEWER, CHAIRMAN] {
        let x = app.login(user).await;
        x.post_form(
            &format!("/campaigns/{id}/register"),
            &[("unit_id", &bd), ("titles", "TTLDTT")],
        )
        .await
        .expect(403);
        post_multipart(
            &x,
            &path,
            &[("unit_id", &bd), ("value", "1"), ("reported_on", &today)],
            &[],
        )
        .await
        .expect(403);
    }
}

async fn closed_campaign_is_read_only(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let s = app.login(STANDING).await;
    let id = create_campaign(&app, &s, "Đợt thi đua sẽ kết thúc").await;
    let (target, deadline) = add_parts(&app, &s, &id).await;
    launch(&s, &id).await;
    let page = s.get(&format!("/campaigns/{id}")).await;
    let version = version_in(&page.text, &format!("/campaigns/{id}/close"));
    s.post_form(&format!("/campaigns/{id}/close"), &[("version", &version)])
        .await
        .expect(303);
    let page = s.get(&format!("/campaigns/{id}")).await;
    page.expect(200).contains("Đã kết thúc");
    assert!(
        !page.text.contains("Sửa nội dung"),
        "no edit button on a closed plan"
    );
    let bd = app.unit("P-BACHDANG").await.id;
    let uo = app.login(UO_BACHDANG).await;
    let audit = app.audit_rows().await;
    let closed = "Đợt thi đua đã kết thúc; dữ liệu chỉ để xem, không thay đổi được.";
    s.post_form(
        &format!("/campaigns/{id}/targets"),
        &[
            ("text", "Chỉ tiêu mới"),
            ("comparator", ">="),
            ("threshold", "1"),
        ],
    )
    .await
    .expect(422)
    .contains(closed);
    s.get(&format!("/campaigns/{id}/edit")).await.expect(422);
    let today = thidua_domain::date::vn(time::OffsetDateTime::now_utc().date());
    post_multipart(
        &uo,
        &format!("/campaigns/{id}/targets/{target}/report"),
        &[("unit_id", &bd), ("value", "99"), ("reported_on", &today)],
        &[],
    )
    .await
    .expect(422)
    .contains(closed);
    post_multipart(
        &uo,
        &format!("/campaigns/{id}/deadlines/{deadline}/submit"),
        &[("unit_id", &bd), ("document_number", "9/BC")],
        &[],
    )
    .await
    .expect(422)
    .contains(closed);
    uo.post_form(
        &format!("/campaigns/{id}/register"),
        &[("unit_id", &bd), ("titles", "TTLDTT")],
    )
    .await
    .expect(422)
    .contains(closed);
    // Closing twice is refused too.
    s.post_form(
        &format!("/campaigns/{id}/close"),
        &[(
            "version",
            &(version.parse::<i64>().unwrap() + 1).to_string(),
        )],
    )
    .await
    .expect(422);
    assert_eq!(
        app.audit_rows().await,
        audit,
        "nothing changed on a closed campaign"
    );
}

/// Expected status per user for one route: admin, standing office, ward officer, culture office officer,
/// council member, chairman, viewer. The ward officer acts for Bạch Đằng (a participant) and the
/// culture office officer for VHTT (a participant too, but the targets are per-unit: its own rows).
struct PageRoute {
    method: &'static str,
    path: &'static str,
    expect: [u16; 7],
}

const PAGE_USERS: [&str; 7] = [
    ADMIN,
    STANDING,
    UO_BACHDANG,
    UO_VHTT,
    COUNCIL,
    CHAIRMAN,
    VIEWER,
];

const PAGE_ROUTES: &[PageRoute] = &[
    PageRoute {
        method: "GET",
        path: "/campaigns",
        expect: [200; 7],
    },
    PageRoute {
        method: "GET",
        path: "/calendar",
        expect: [200; 7],
    },
    PageRoute {
        method: "GET",
        path: "/campaigns/new",
        expect: [200, 200, 403, 403, 403, 403, 403],
    },
    PageRoute {
        method: "GET",
        path: "/campaigns/{draft}",
        expect: [200, 200, 404, 404, 404, 404, 404],
    },
    PageRoute {
        method: "GET",
        path: "/campaigns/{id}",
        expect: [200; 7],
    },
    PageRoute {
        method: "GET",
        path: "/campaigns/{id}/edit",
        expect: [200, 200, 403, 403, 403, 403, 403],
    },
    PageRoute {
        method: "GET",
        path: "/campaigns/{id}/registrations",
        expect: [200; 7],
    },
    PageRoute {
        method: "GET",
        path: "/campaigns/{id}/progress",
        expect: [200; 7],
    },
    PageRoute {
        method: "GET",
        path: "/campaigns/{id}/matrix",
        expect: [200; 7],
    },
    PageRoute {
        method: "GET",
        path: "/campaigns/{id}/matrix.xlsx",
        expect: [200; 7],
    },
    PageRoute {
        method: "GET",
        path: "/campaigns/{id}/register",
        expect: [200, 200, 200, 200, 403, 403, 403],
    },
    PageRoute {
        method: "GET",
        path: "/campaigns/{id}/targets/{target}/report",
        expect: [200; 7],
    },
    PageRoute {
        method: "GET",
        path: "/campaigns/{id}/deadlines/{deadline}/submit",
        expect: [200, 200, 200, 200, 403, 403, 403],
    },
    PageRoute {
        method: "GET",
        path: "/campaigns/{id}/themes/new",
        expect: [200, 200, 403, 403, 403, 403, 403],
    },
    PageRoute {
        method: "GET",
        path: "/campaigns/{id}/targets/new",
        expect: [200, 200, 403, 403, 403, 403, 403],
    },
    PageRoute {
        method: "GET",
        path: "/campaigns/{id}/deadlines/new",
        expect: [200, 200, 403, 403, 403, 403, 403],
    },
    PageRoute {
        method: "POST",
        path: "/campaigns/{id}/targets",
        expect: [303, 303, 403, 403, 403, 403, 403],
    },
    PageRoute {
        method: "POST",
        path: "/campaigns/{id}/deadlines",
        expect: [303, 303, 403, 403, 403, 403, 403],
    },
    PageRoute {
        method: "POST",
        path: "/campaigns/{id}/themes",
        expect: [303, 303, 403, 403, 403, 403, 403],
    },
    PageRoute {
        method: "POST",
        path: "/campaigns/{id}/award_forms",
        expect: [303, 303, 403, 403, 403, 403, 403],
    },
    PageRoute {
        method: "POST",
        path: "/campaigns/{id}/copy",
        expect: [303, 303, 403, 403, 403, 403, 403],
    },
    PageRoute {
        method: "POST",
        path: "/campaigns",
        expect: [303, 303, 403, 403, 403, 403, 403],
    },
    PageRoute {
        method: "POST",
        path: "/campaigns/{id}/register#own",
        expect: [303, 303, 303, 303, 403, 403, 403],
    },
    // The ward officer registered Bạch Đằng in the "own" case just before: a second form without the
    // registration's version is a lost update, refused with 409.
    PageRoute {
        method: "POST",
        path: "/campaigns/{id}/register#bachdang",
        expect: [303, 303, 409, 422, 403, 403, 403],
    },
    PageRoute {
        method: "POST",
        path: "/campaigns/{id}/targets/{target}/report#bachdang",
        expect: [303, 303, 303, 422, 403, 403, 403],
    },
    PageRoute {
        method: "POST",
        path: "/campaigns/{id}/deadlines/{deadline}/submit#bachdang",
        expect: [303, 303, 303, 422, 403, 403, 403],
    },
];

async fn page_routes_by_role(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(STANDING).await;
    let draft = create_campaign(&app, &office, "Dự thảo chưa phát động").await;
    let mut failures = Vec::new();
    let (bd, vhtt) = (app.unit("P-BACHDANG").await.id, app.unit("P-VHTT").await.id);
    let today = thidua_domain::date::vn(time::OffsetDateTime::now_utc().date());
    let y = year();
    for (i, user) in PAGE_USERS.iter().enumerate() {
        let s = app.login(user).await;
        // A fresh launched campaign per user, so registrations of one do not change another's case.
        let id = create_campaign(&app, &office, &format!("Kế hoạch kiểm tra quyền {user}")).await;
        let (target, deadline) = add_parts(&app, &office, &id).await;
        launch(&office, &id).await;
        for route in PAGE_ROUTES {
            let (path, who) = route.path.split_once('#').unwrap_or((route.path, ""));
            let path = path
                .replace("{id}", &id)
                .replace("{draft}", &draft)
                .replace("{target}", &target)
                .replace("{deadline}", &deadline);
            let own = if *user == UO_VHTT {
                vhtt.clone()
            } else {
                bd.clone()
            };
            let unit = if who == "bachdang" { bd.clone() } else { own };
            let before = app.audit_rows().await;
            let reply = match (route.method, route.path) {
                ("GET", _) => s.get(&path).await,
                (_, "/campaigns") => {
                    s.post_form(
                        "/campaigns",
                        &[
                            ("issuer", "UBND"),
                            ("title", "Kế hoạch mới"),
                            ("kind", "regular"),
                            ("period_from", &format!("01/01/{y}")),
                            ("period_to", &format!("31/12/{y}")),
                        ],
                    )
                    .await
                }
                (_, p) if p.ends_with("/targets") => {
                    s.post_form(
                        &path,
                        &[
                            ("text", "Chỉ tiêu"),
                            ("comparator", ">="),
                            ("threshold", "1"),
                        ],
                    )
                    .await
                }
                (_, p) if p.ends_with("/deadlines") => {
                    s.post_form(
                        &path,
                        &[
                            ("kind", "other"),
                            ("what", "Việc"),
                            ("due_on", &format!("01/06/{y}")),
                        ],
                    )
                    .await
                }
                (_, p) if p.ends_with("/themes") => {
                    s.post_form(&path, &[("title", "Chuyên đề"), ("lead_unit_id", &vhtt)])
                        .await
                }
                (_, p) if p.ends_with("/award_forms") => {
                    s.post_form(&path, &[("name", "Giấy khen")]).await
                }
                (_, p) if p.ends_with("/copy") => s.post_form(&path, &[]).await,
                (_, p) if p.contains("/register") => {
                    // The office registers each unit once; a unit's second registration would be a conflict.
                    let titles = if who == "own" { "TTLDTT" } else { "TTLDXS" };
                    if who == "own" && (*user == ADMIN || *user == STANDING) {
                        s.post_form(
                            &path,
                            &[
                                ("unit_id", &app.unit("P-BACHKHOA").await.id),
                                ("titles", titles),
                            ],
                        )
                        .await
                    } else {
                        s.post_form(&path, &[("unit_id", &unit), ("titles", titles)])
                            .await
                    }
                }
                (_, p) if p.contains("/report") => {
                    post_multipart(
                        &s,
                        &path,
                        &[("unit_id", &unit), ("value", "90"), ("reported_on", &today)],
                        &[],
                    )
                    .await
                }
                (_, p) if p.contains("/submit") => {
                    post_multipart(
                        &s,
                        &path,
                        &[("unit_id", &unit), ("document_number", "12/BC")],
                        &[],
                    )
                    .await
                }
                other => panic!("no request for {other:?}"),
            };
            let after = app.audit_rows().await;
            let want = route.expect[i];
            let status = reply.status.as_u16();
            let body = unescape_html(&reply.text);
            if status != want {
                failures.push(format!(
                    "{} {} as {user}: {status}, expected {want}: {}",
                    route.method,
                    route.path,
                    body.chars().take(200).collect::<String>()
                ));
            } else if route.method == "POST" && want == 303 && after <= before {
                failures.push(format!(
                    "{} {} as {user}: allowed but no audit row",
                    route.method, route.path
                ));
            } else if want >= 400 && after != before {
                failures.push(format!(
                    "{} {} as {user}: refused but audit rows {before} → {after}",
                    route.method, route.path
                ));
            } else if want == 403 && !body.contains("Bạn không có quyền thực hiện thao tác này.")
            {
                failures.push(format!(
                    "{} {} as {user}: 403 without the message",
                    route.method, route.path
                ));
            } else if want == 404 && body.contains("Dự thảo chưa phát động") {
                failures.push(format!(
                    "{} {} as {user}: 404 shows the draft's title",
                    route.method, route.path
                ));
            } else if want == 422 && !body.contains("phạm vi") {
                failures.push(format!(
                    "{} {} as {user}: 422 does not name the scope",
                    route.method, route.path
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} page policy cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

//! The whole award pipeline on the demo's live campaign of the city organisation (Hà Nội after the
//! 2025 reform), through the API only and by the users of each role: a ward officer nominates three
//! residential groups under the campaign (Hai Bà Trưng's quota "mỗi phường, xã tối đa 02 tập thể"
//! refuses the third, naming the two sent; Quận 11's Bằng khen of the city chairman and its dossier),
//! the theme's lead department forwards, the standing office appraises, the council meets and votes
//! (a conflict of interest declared), the chairman decides today, the awards are public and
//! verifiable, one is revoked. The district organisation sees none of it.

use crate::campaigns_api::{day, multipart, pdf, today};
use crate::common::{Engine, Session, TestApp};
use crate::on_both_engines;
use serde_json::{Value, json};

on_both_engines!(
    city_campaign_from_nomination_to_published_decision,
    demo_city_has_work_in_every_state
);

pub(crate) const OFFICE: &str = "hn.thuongtruc";
pub(crate) const WARD_OFFICER: &str = "hn.canbo.haibatrung";
const THEME_LEAD: &str = "hn.canbo.vhtt";
const CHAIRMAN: &str = "hn.chutich";

pub(crate) fn sid(v: &Value) -> String {
    v["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {v}"))
        .to_string()
}

pub(crate) async fn id_of_unit(app: &TestApp, code: &str) -> String {
    app.scalar_text(&format!("SELECT id FROM units WHERE code = '{code}'"))
        .await
}

/// The demo's launched campaign of the city and its theme led by the Department of Culture and Sports.
pub(crate) async fn city_campaign(office: &Session) -> (String, String) {
    let list = office.api_get("/api/v1/campaigns").await.json();
    let c = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["status"] == "launched"
                && c["title"]
                    .as_str()
                    .unwrap()
                    .contains("Tăng tốc, bứt phá, về đích")
        })
        .unwrap_or_else(|| panic!("no live city campaign: {list}"))
        .clone();
    let full = office
        .api_get(&format!("/api/v1/campaigns/{}", sid(&c)))
        .await
        .json();
    let theme = full["themes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["title"].as_str().unwrap().contains("đời sống văn hóa"))
        .unwrap_or_else(|| panic!("no culture theme: {full}"))
        .clone();
    (sid(&c), sid(&theme))
}

/// A Bằng khen nomination of a residential group of Phường Hai Bà Trưng, with its whole dossier.
pub(crate) async fn nominate_group(
    officer: &Session,
    ward: &str,
    group: &str,
    campaign: &str,
    theme: Option<&str>,
    n: u32,
) -> Value {
    let body = json!({"nominating_unit_id": ward, "nominee_type": "unit", "unit_id": group, "code": "BK_TINH", "kind": "campaign", "campaign_id": campaign, "theme_id": theme,
                      "year": today().year(), "achievement": format!("Tổ dân phố số {n}: 100 % hộ gia đình thực hiện nếp sống văn minh đô thị"), "achievement_key": format!("TDP{n}-{}", today().year())});
    let r = officer.api_post("/api/v1/nominations", &body).await;
    r.expect(201);
    let nom = r.json();
    let required: Vec<String> = nom["required_documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["doc_code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        required,
        ["to_trinh", "bao_cao_thanh_tich", "bien_ban"],
        "Bằng khen dossier: {nom}"
    );
    for code in &required {
        let votes: &[(&str, &str)] = if code == "bien_ban" {
            &[("vote_yes", "9"), ("vote_total", "11")]
        } else {
            &[]
        };
        let mut fields = vec![("doc_code", code.as_str())];
        fields.extend_from_slice(votes);
        multipart(
            officer,
            &format!("/api/v1/nominations/{}/documents", sid(&nom)),
            &fields,
            &[(&format!("{code}.pdf"), pdf())],
        )
        .await
        .expect(201);
    }
    officer
        .api_get(&format!("/api/v1/nominations/{}", sid(&nom)))
        .await
        .json()
}

async fn step(s: &Session, n: &Value, what: &str) -> Value {
    let r = s
        .api_post(
            &format!("/api/v1/nominations/{}/{what}", sid(n)),
            &json!({"version": n["version"]}),
        )
        .await;
    r.expect(200);
    let v = r.json();
    if v.get("nomination").is_some() {
        v["nomination"].clone()
    } else {
        v
    }
}

async fn city_campaign_from_nomination_to_published_decision(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(OFFICE).await;
    let officer = app.login(WARD_OFFICER).await;
    let lead = app.login(THEME_LEAD).await;
    let (campaign, theme) = city_campaign(&office).await;
    let ward = id_of_unit(&app, "PHUONG-HBT").await;
    let groups = [
        id_of_unit(&app, "PHUONG-HBT-TDP1").await,
        id_of_unit(&app, "PHUONG-HBT-TDP2").await,
        id_of_unit(&app, "PHUONG-HBT-TDP3").await,
    ];

    // Nominate: the first under the culture theme goes to its lead department, the second straight
    // to the office; the third collective is over the ward's quota.
    let a = nominate_group(&officer, &ward, &groups[0], &campaign, Some(&theme), 1).await;
    let b = nominate_group(&officer, &ward, &groups[1], &campaign, None, 2).await;
    let c = nominate_group(&officer, &ward, &groups[2], &campaign, None, 3).await;
    let a = step(&officer, &a, "submit").await;
    assert_eq!(a["status"], "at_theme_lead");
    let b = step(&officer, &b, "submit").await;
    assert_eq!(b["status"], "submitted");
    let audit = app.audit_rows().await;
    let r = officer
        .api_post(
            &format!("/api/v1/nominations/{}/submit", sid(&c)),
            &json!({"version": c["version"]}),
        )
        .await;
    r.expect(422);
    let text = r.text.clone();
    for needle in [
        "Mỗi phường, xã: tối đa 02 tập thể",
        "Tổ dân phố số 1, phường Hai Bà Trưng",
        "Tổ dân phố số 2, phường Hai Bà Trưng",
    ] {
        assert!(
            text.contains(needle),
            "quota refusal lacks {needle:?}: {text}"
        );
    }
    assert_eq!(
        app.audit_rows().await,
        audit,
        "a refused submission saves nothing"
    );
    let a = step(&lead, &a, "forward").await;
    assert_eq!(a["status"], "submitted");

    // The district's users do not see the city's dossiers.
    let district = app.login("thuongtruc").await;
    district
        .api_get(&format!("/api/v1/nominations/{}", sid(&a)))
        .await
        .expect(404);

    // Appraise.
    let a = step(&office, &a, "accept").await;
    let b = step(&office, &b, "accept").await;
    assert_eq!(
        (a["status"].as_str(), b["status"].as_str()),
        (Some("accepted"), Some("accepted"))
    );

    // The council meets: three members sit (two members and the chairman); one declares a conflict on B.
    let members = [
        app.user_id("hn.hoidong").await,
        app.user_id("hn.hoidong2").await,
        app.user_id(CHAIRMAN).await,
    ];
    let body = json!({"title": "Phiên họp Hội đồng Thi đua - Khen thưởng Thành phố xét khen thưởng Đợt thi đua cao điểm", "held_on": day(0), "place": "Trụ sở UBND Thành phố", "total_members": 3, "secret_ballot": true,
                      "chair_name": "Nguyễn Đức Long", "secretary_name": "Vũ Thị Minh Thư", "member_ids": members});
    let r = office.api_post("/api/v1/meetings", &body).await;
    r.expect(201);
    let mid = r.json()["meeting"]["id"].as_str().unwrap().to_string();
    let r = office
        .api_post(
            &format!("/api/v1/meetings/{mid}/agenda"),
            &json!({"nomination_ids": [sid(&a), sid(&b)]}),
        )
        .await;
    r.expect(200);
    let v = office
        .api_post(
            &format!("/api/v1/meetings/{mid}/open"),
            &json!({"version": r.json()["meeting"]["version"]}),
        )
        .await;
    v.expect(200);
    let v = v.json();
    let (ia, ib) = (
        v["items"][0]["id"].as_str().unwrap().to_string(),
        v["items"][1]["id"].as_str().unwrap().to_string(),
    );
    let (m1, m2, chair) = (
        app.login("hn.hoidong").await,
        app.login("hn.hoidong2").await,
        app.login(CHAIRMAN).await,
    );
    m2.api_post(
        &format!("/api/v1/meetings/{mid}/conflicts"),
        &json!({"item_id": ib, "reason": "Thành viên là cư dân Tổ dân phố số 2"}),
    )
    .await
    .expect(204);
    for s in [&m1, &m2, &chair] {
        s.api_post(
            &format!("/api/v1/meetings/{mid}/votes"),
            &json!({"item_id": ia, "choice": "agree"}),
        )
        .await
        .expect(204);
    }
    for s in [&m1, &chair] {
        s.api_post(
            &format!("/api/v1/meetings/{mid}/votes"),
            &json!({"item_id": ib, "choice": "agree"}),
        )
        .await
        .expect(204);
    }
    m2.api_post(
        &format!("/api/v1/meetings/{mid}/votes"),
        &json!({"item_id": ib, "choice": "agree"}),
    )
    .await
    .expect(400)
    .contains("xung đột lợi ích");
    m1.api_post(
        &format!("/api/v1/meetings/{mid}/votes"),
        &json!({"item_id": ia, "choice": "disagree"}),
    )
    .await
    .expect(400)
    .contains("chỉ biểu quyết một lần");
    let version = office
        .api_get(&format!("/api/v1/meetings/{mid}"))
        .await
        .json()["meeting"]["version"]
        .clone();
    let r = office
        .api_post(
            &format!("/api/v1/meetings/{mid}/close"),
            &json!({"version": version}),
        )
        .await;
    r.expect(200);
    let results: Vec<String> = r.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["result_label"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(results, ["Thông qua", "Thông qua"]);
    let minutes = office
        .api_get(&format!("/api/v1/meetings/{mid}/minutes"))
        .await
        .json()["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        minutes.contains("BIÊN BẢN HỌP XÉT KHEN THƯỞNG")
            && minutes.contains("xung đột lợi ích")
            && minutes.contains("Tổ dân phố số 1, phường Hai Bà Trưng"),
        "{minutes}"
    );

    // Decide today: the city may decide its chairman's Bằng khen (3 × 2.340.000 đ for a collective).
    let number = format!("{}/QĐ-UBND", 5000 + crate::common::next_n());
    let decision = json!({"number": number, "signed_on": day(0), "issuer": "Ủy ban nhân dân thành phố Hà Nội", "signer_title": "Chủ tịch", "signer_name": "Nguyễn Đức Long", "place": "Hà Nội", "nomination_ids": [sid(&a), sid(&b)]});
    // The unit officer cannot sign.
    officer
        .api_post("/api/v1/decisions", &decision)
        .await
        .expect(403);
    let r = chair.api_post("/api/v1/decisions", &decision).await;
    r.expect(201);
    let d = r.json();
    let lines = d["items"].as_array().unwrap();
    assert_eq!(
        lines
            .iter()
            .map(|l| l["golden_book_no"].as_i64().unwrap())
            .collect::<Vec<_>>(),
        [1, 2]
    );
    assert_eq!(
        lines
            .iter()
            .map(|l| l["amount"].as_i64().unwrap())
            .collect::<Vec<_>>(),
        [7_020_000, 7_020_000]
    );
    assert_eq!(d["total_amount"], 14_040_000);
    // No title given: named after the achievements' year, not the signing day's.
    assert_eq!(
        d["title"],
        format!(
            "Quyết định về việc khen thưởng thành tích năm {}",
            today().year()
        )
    );
    for n in [&a, &b] {
        assert_eq!(
            app.scalar_text(&format!(
                "SELECT status FROM nominations WHERE id = '{}'",
                sid(n)
            ))
            .await,
            "decided"
        );
    }
    // The award history of the group now has it.
    chair
        .api_get(&format!("/api/v1/ledger/unit/{}", groups[0]))
        .await
        .expect(200)
        .contains(&number);

    // Published: on the honour roll (searched without diacritics), verifiable by its code.
    let roll = app
        .public_page("/vinh-danh?q=to+dan+pho+so+1+phuong+hai+ba+trung")
        .await;
    assert!(
        roll.contains("Tổ dân phố số 1, phường Hai Bà Trưng") && roll.contains(&number),
        "{roll}"
    );
    let code = lines[1]["verify_code"].as_str().unwrap();
    let page = app.public_page(&format!("/xac-minh/{code}")).await;
    assert!(
        page.contains("Tổ dân phố số 2, phường Hai Bà Trưng")
            && page.contains("Còn hiệu lực")
            && page.contains(&number),
        "{page}"
    );

    // Revoked later (Law Điều 93): the verification says so and the roll drops it.
    let path = format!(
        "/api/v1/decisions/{}/lines/{}/revoke",
        sid(&d),
        lines[1]["id"].as_str().unwrap()
    );
    chair.api_post(&path, &json!({"reason": "Thành tích không đúng sự thật", "revoking_decision": format!("{}/QĐ-UBND", 6000 + crate::common::next_n())})).await.expect(200);
    let page = app.public_page(&format!("/xac-minh/{code}")).await;
    assert!(
        page.contains("Đã bị hủy theo quyết định số") && !page.contains("Còn hiệu lực"),
        "{page}"
    );
    let roll = app
        .public_page("/vinh-danh?q=to+dan+pho+so+2+phuong+hai+ba+trung")
        .await;
    assert!(
        !roll.contains("Tổ dân phố số 2, phường Hai Bà Trưng"),
        "revoked award still public"
    );

    // Every step is in the nomination's own timeline.
    let timeline: Vec<String> = office
        .api_get(&format!("/api/v1/nominations/{}", sid(&a)))
        .await
        .json()["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect();
    for action in ["create", "submit", "forward", "accept", "decide"] {
        assert!(
            timeline.iter().any(|t| t == action),
            "timeline lacks {action}: {timeline:?}"
        );
    }
}

/// The demo's city has something for every role to see, and the district sees none of it.
async fn demo_city_has_work_in_every_state(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let office = app.login(OFFICE).await;
    let list = office.api_get("/api/v1/nominations").await.json();
    let mut states: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["status"].as_str().unwrap().to_string())
        .collect();
    states.sort();
    assert_eq!(
        states,
        [
            "accepted",
            "at_theme_lead",
            "decided",
            "decided",
            "submitted"
        ],
        "{list}"
    );
    // The culture theme's lead has one to consolidate; the finance department's own went straight to the office.
    let lead = app.login(THEME_LEAD).await;
    let inbox = lead.api_get("/api/v1/nominations").await.json();
    assert!(
        inbox
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["status"] == "at_theme_lead"),
        "{inbox}"
    );
    let decisions = office.api_get("/api/v1/decisions").await.json();
    assert!(
        decisions.to_string().contains("1021/QĐ-UBND"),
        "{decisions}"
    );
    let roll = app
        .client()
        .get(app.url("/vinh-danh?q=bach+mai"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        roll.contains("Tổ dân phố số 1, phường Bạch Mai") && roll.contains("1021/QĐ-UBND"),
        "{roll}"
    );
    // The city's copy of the catalog names the provincial forms as Hà Nội prints them.
    assert!(
        roll.contains("Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố"),
        "{roll}"
    );
    // The chairman's decision form starts filled in as the city signs.
    let chair = app.login(CHAIRMAN).await;
    chair
        .get("/decisions/new")
        .await
        .expect(200)
        .contains("value=\"Ủy ban nhân dân thành phố Hà Nội\"")
        .contains("value=\"Hà Nội\"")
        .contains("value=\"Nguyễn Đức Long\"");
    // Another organisation's data does not exist for the district's office.
    let district = app.login("thuongtruc").await;
    assert!(
        !district
            .api_get("/api/v1/decisions")
            .await
            .json()
            .to_string()
            .contains("1021/QĐ-UBND")
    );
    assert!(
        district
            .api_get("/api/v1/nominations")
            .await
            .json()
            .as_array()
            .unwrap()
            .is_empty()
    );
}

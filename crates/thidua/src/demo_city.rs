//! The second demo organisation: Hà Nội city after the 2025 reform (two levels of local government).
//!
//! The district of the first demo organisation stopped deciding awards on 30/06/2025 (the catalog gives
//! district chairmen no authority after that date), so a campaign of today can only be decided by a body
//! that exists today. This one is the city's People's Committee (province level): a slice of its
//! departments, the new wards formed on 01/07/2025 (Phường Hai Bà Trưng among them, with residential
//! groups, a school and the ward's own offices below it), mass organisations and an enterprise, its own
//! users for every role, and one launched peak campaign of the current year built from the seed plans
//! (Hai Bà Trưng's quotas, Quận 11's award forms and nomination deadline), so the award pipeline can be
//! run from nomination to a published decision through the pages.

use crate::demo::{DemoUser, build_people, build_users, fail, unit_input};
use thidua_app as ops;
use thidua_app::Caller;
use thidua_domain::date::vn;
use thidua_store::blobs::BlobStore;
use thidua_store::units::UnitRow;
use thidua_store::users::UserRow;
use thidua_store::{Db, audit, orgs, users};

/// The organisation's name as shown to its users.
pub const CITY_ORG_NAME: &str = "Thành phố Hà Nội (dữ liệu mẫu, sau sắp xếp từ 01/07/2025)";

const DEPARTMENTS: [(&str, &str); 7] = [
    ("SO-NOIVU", "Sở Nội vụ"),
    ("SO-TAICHINH", "Sở Tài chính"),
    ("SO-VHTT", "Sở Văn hóa và Thể thao"),
    ("SO-GDDT", "Sở Giáo dục và Đào tạo"),
    ("SO-YTE", "Sở Y tế"),
    ("SO-KHCN", "Sở Khoa học và Công nghệ"),
    ("SO-XAYDUNG", "Sở Xây dựng"),
];

/// Wards and communes formed on 01/07/2025 (a slice of the city's 126).
const WARDS: [(&str, &str); 8] = [
    ("PHUONG-HBT", "Phường Hai Bà Trưng"),
    ("PHUONG-BACHMAI", "Phường Bạch Mai"),
    ("PHUONG-VINHTUY", "Phường Vĩnh Tuy"),
    ("PHUONG-TUONGMAI", "Phường Tương Mai"),
    ("PHUONG-HOANKIEM", "Phường Hoàn Kiếm"),
    ("PHUONG-CUANAM", "Phường Cửa Nam"),
    ("XA-SOCSON", "Xã Sóc Sơn"),
    ("XA-BAVI", "Xã Ba Vì"),
];

const MASS_ORGS: [(&str, &str); 3] = [
    (
        "MTTQ-HN",
        "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hà Nội",
    ),
    ("THANHDOAN-HN", "Thành đoàn Hà Nội"),
    ("HLHPN-HN", "Hội Liên hiệp Phụ nữ thành phố Hà Nội"),
];

pub const CITY_USERS: [DemoUser; 8] = [
    (
        "hn.admin",
        "Quản trị hệ thống (Thành phố)",
        "Quản trị hệ thống",
        "admin",
        None,
    ),
    (
        "hn.thuongtruc",
        "Vũ Thị Minh Thư",
        "Thường trực Hội đồng TĐKT Thành phố (Ban Thi đua - Khen thưởng, Sở Nội vụ)",
        "standing_office",
        None,
    ),
    (
        "hn.canbo.haibatrung",
        "Lê Thị Thanh Hà",
        "Cán bộ TĐKT Phường Hai Bà Trưng",
        "unit_officer",
        Some("PHUONG-HBT"),
    ),
    (
        "hn.canbo.vhtt",
        "Ngô Quang Huy",
        "Cán bộ TĐKT Sở Văn hóa và Thể thao (chủ trì chuyên đề)",
        "unit_officer",
        Some("SO-VHTT"),
    ),
    (
        "hn.hoidong",
        "Trần Văn Khải",
        "Thành viên Hội đồng TĐKT Thành phố",
        "council_member",
        None,
    ),
    (
        "hn.hoidong2",
        "Phạm Thị Lan Anh",
        "Thành viên Hội đồng TĐKT Thành phố",
        "council_member",
        None,
    ),
    (
        "hn.chutich",
        "Nguyễn Đức Long",
        "Chủ tịch UBND Thành phố",
        "chairman",
        None,
    ),
    ("hn.xem", "Hoàng Minh Châu", "Người xem", "viewer", None),
];

/// Builds the city organisation with its users, its campaign and award work in every state. Called by
/// [`crate::demo::load_if_empty`] after the district organisation; `hash` is the demo password's hash,
/// `blobs` where the dossiers' files go. Returns the organisation's id.
pub async fn build(db: &Db, blobs: &dyn BlobStore, hash: &str) -> anyhow::Result<String> {
    let mut tx = db.begin().await?;
    let org = orgs::insert(&mut tx, CITY_ORG_NAME).await?;
    let (username, full_name, _, role, _) = CITY_USERS[0];
    let admin = UserRow::new(&org, username, full_name, hash, role, None);
    users::insert(&mut tx, &admin).await?;
    audit::record(
        &mut tx,
        audit::AuditEntry {
            org_id: &org,
            user_id: None,
            user_name: "Hệ thống",
            action: "user.create",
            object_type: "user",
            object_id: &admin.id,
            object_label: username,
            before: None,
            after: Some(serde_json::json!({"username": username, "role": role})),
        },
    )
    .await?;
    let ctx = Caller::of_user(&mut tx, admin, None)
        .await
        .map_err(fail)?
        .ok_or_else(|| anyhow::anyhow!("city admin context"))?;
    tx.commit().await?;
    name_awards_for_the_city(db, &ctx).await?;
    let units = build_units(db, &ctx).await?;
    build_people(db, &ctx, &units).await?;
    build_users(db, &ctx, &units, hash, &CITY_USERS).await?;
    let campaign = crate::demo_campaigns::build_city(db, &ctx, &units).await?;
    build_awards(db, blobs, &units, &campaign).await?;
    crate::demo_statistics::build(db, &ctx, &units).await?;
    Ok(org)
}

/// The city's administrator edits its copy of the award catalog (rules are data) so that provincial
/// forms carry the names Hà Nội prints: "… Ủy ban nhân dân Thành phố", not the law's generic "tỉnh".
async fn name_awards_for_the_city(db: &Db, admin: &Caller) -> anyhow::Result<()> {
    const NAMES: [(&str, &str); 3] = [
        (
            "Bằng khen của Chủ tịch UBND tỉnh",
            "Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố",
        ),
        (
            "Cờ thi đua của UBND tỉnh",
            "Cờ thi đua của Ủy ban nhân dân Thành phố",
        ),
        ("Chiến sĩ thi đua cấp tỉnh", "Chiến sĩ thi đua Thành phố"),
    ];
    let file = ops::rule_files::file(db, admin, "catalog.toml")
        .await
        .map_err(fail)?;
    let mut text = file.text.clone();
    for (generic, city) in NAMES {
        text = text.replace(
            &format!("name = \"{generic}\""),
            &format!("name = \"{city}\""),
        );
    }
    ops::rule_files::save(db, admin, "catalog.toml", &text, file.info.version)
        .await
        .map_err(fail)?;
    Ok(())
}

async fn build_units(db: &Db, ctx: &Caller) -> anyhow::Result<Vec<UnitRow>> {
    let mut all = Vec::new();
    let create = |input: thidua_domain::org::UnitInput| async move {
        ops::units::create(db, ctx, &input).await.map_err(fail)
    };
    let root = create(unit_input(
        "UBND-HN",
        "Ủy ban nhân dân thành phố Hà Nội",
        "peoples_committee",
        "province",
        None,
        "01/08/2008",
    ))
    .await?;
    all.push(root.clone());
    for (code, name) in DEPARTMENTS {
        let dept = create(unit_input(
            code,
            name,
            "department",
            "province",
            Some(&root),
            "01/03/2025",
        ))
        .await?;
        if code == "SO-NOIVU" {
            // The standing office of the city's council works here.
            all.push(
                create(unit_input(
                    "BAN-TDKT",
                    "Ban Thi đua - Khen thưởng",
                    "department",
                    "province",
                    Some(&dept),
                    "01/03/2025",
                ))
                .await?,
            );
        }
        all.push(dept);
    }
    for (i, (code, name)) in WARDS.iter().enumerate() {
        let ward = create(unit_input(
            code,
            name,
            "ward",
            "commune",
            Some(&root),
            "01/07/2025",
        ))
        .await?;
        let short = name.replacen("Phường", "phường", 1).replacen("Xã", "xã", 1);
        if i < 2 {
            // The ward's own offices, residential groups and a school: collectives it can nominate.
            for (suffix, office) in [
                ("VP", "Văn phòng HĐND và UBND"),
                ("VHXH", "Phòng Văn hóa - Xã hội"),
            ] {
                all.push(
                    create(unit_input(
                        &format!("{code}-{suffix}"),
                        &format!("{office} {short}"),
                        "department",
                        "commune",
                        Some(&ward),
                        "01/07/2025",
                    ))
                    .await?,
                );
            }
            for n in 1..=4 {
                all.push(
                    create(unit_input(
                        &format!("{code}-TDP{n}"),
                        &format!("Tổ dân phố số {n}, {short}"),
                        "residential_group",
                        "grassroots",
                        Some(&ward),
                        "01/07/2025",
                    ))
                    .await?,
                );
            }
        }
        if i == 0 {
            all.push(
                create(unit_input(
                    "THCS-NGOGIATU-HN",
                    "Trường THCS Ngô Gia Tự",
                    "school",
                    "grassroots",
                    Some(&ward),
                    "01/07/2025",
                ))
                .await?,
            );
        }
        all.push(ward);
    }
    for (code, name) in MASS_ORGS {
        all.push(
            create(unit_input(
                code,
                name,
                "mass_org",
                "province",
                Some(&root),
                "01/01/1990",
            ))
            .await?,
        );
    }
    all.push(
        create(unit_input(
            "DN-VANTAI-HN",
            "Tổng công ty Vận tải Hà Nội",
            "enterprise",
            "grassroots",
            Some(&root),
            "01/01/2005",
        ))
        .await?,
    );
    Ok(all)
}

// ---- award work on the live campaign (through the use cases, dated today) ----

/// A one-page PDF standing for a scanned dossier document.
fn scanned(title: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {title}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n").into_bytes()
}

/// A demo user's context (the user must exist).
async fn user(db: &Db, username: &str) -> anyhow::Result<Caller> {
    let mut tx = db.begin().await?;
    let ctx = crate::demo_campaigns::user_ctx(&mut tx, username).await?;
    tx.commit().await?;
    ctx.ok_or_else(|| anyhow::anyhow!("demo user {username}"))
}

/// Nominates for Bằng khen under the campaign, with the whole dossier; returns the nomination's id.
pub async fn nominate(
    db: &Db,
    blobs: &dyn BlobStore,
    ctx: &Caller,
    by: &UnitRow,
    nominee: Nominee<'_>,
    (campaign, theme): (&str, Option<&str>),
    achievement: &str,
) -> anyhow::Result<(String, i64)> {
    let (nominee_type, person_id, unit_id) = match nominee {
        Nominee::Unit(u) => ("unit", None, Some(u.id.clone())),
        Nominee::Person(id) => ("person", Some(id.to_string()), None),
    };
    let input = ops::nominations::NominationInput {
        nominating_unit_id: by.id.clone(),
        nominee_type: nominee_type.into(),
        person_id,
        unit_id,
        code: "BK_TINH".into(),
        kind: "campaign".into(),
        campaign_id: Some(campaign.into()),
        theme_id: theme.map(str::to_string),
        year: Some(i64::from(ops::campaigns::today_vn().year())),
        achievement: achievement.into(),
        ..Default::default()
    };
    let n = ops::nominations::create(db, ctx, &input)
        .await
        .map_err(fail)?;
    let id = n.row.id.clone();
    for (code, file_name, votes) in [
        ("to_trinh", "Tờ trình đề nghị khen thưởng.pdf", None),
        ("bao_cao_thanh_tich", "Báo cáo thành tích.pdf", None),
        (
            "bien_ban",
            "Biên bản họp xét khen thưởng.pdf",
            Some((9, 11)),
        ),
    ] {
        let file = ops::campaign_work::Upload {
            file_name: file_name.into(),
            bytes: scanned(file_name),
        };
        ops::nominations::add_documents(
            db,
            blobs,
            ctx,
            &id,
            code,
            votes.map(|v| v.0),
            votes.map(|v| v.1),
            &[file],
        )
        .await
        .map_err(fail)?;
    }
    let (n, _) = ops::nominations::get(db, ctx, &id)
        .await
        .map(|(n, _, p)| (n, p))
        .map_err(fail)?;
    Ok((id, n.row.version))
}

pub enum Nominee<'a> {
    Unit(&'a UnitRow),
    Person(&'a str),
}

async fn first_person(db: &Db, ctx: &Caller, unit: &UnitRow) -> anyhow::Result<String> {
    let mut tx = db.begin().await?;
    let filter = thidua_store::persons::PersonFilter {
        unit_id: Some(unit.id.clone()),
        ..Default::default()
    };
    let p = thidua_store::persons::list(&mut tx, ctx.org_id(), &filter, 1, 0)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("nobody in {}", unit.name))?;
    tx.commit().await?;
    Ok(p.id)
}

async fn version_of(db: &Db, ctx: &Caller, id: &str) -> anyhow::Result<i64> {
    Ok(ops::nominations::get(db, ctx, id)
        .await
        .map_err(fail)?
        .0
        .row
        .version)
}

/// A meeting's current version (adding items and voting change it).
async fn meeting_version(db: &Db, org_id: &str, id: &str) -> anyhow::Result<i64> {
    let mut tx = db.begin().await?;
    let version = thidua_store::meetings::get(&mut tx, org_id, id)
        .await?
        .version;
    tx.commit().await?;
    Ok(version)
}

/// Award work in every state, so each role has something to see and do: two residential groups of
/// Phường Bạch Mai decided today (on the honour roll), a department's officer accepted and waiting
/// for the council, a ward's nominee waiting for appraisal, and one waiting at the culture theme's
/// lead. Phường Hai Bà Trưng is left untouched: its officer starts from an empty quota.
async fn build_awards(
    db: &Db,
    blobs: &dyn BlobStore,
    units: &[UnitRow],
    campaign: &crate::demo_campaigns::CityCampaign,
) -> anyhow::Result<()> {
    let unit = |code: &str| {
        units
            .iter()
            .find(|u| u.code == code)
            .ok_or_else(|| anyhow::anyhow!("demo unit {code}"))
    };
    let office = user(db, "hn.thuongtruc").await?;
    let today = ops::campaigns::today_vn();
    let mut passed = Vec::new();
    let bach_mai = unit("PHUONG-BACHMAI")?;
    for (n, what) in [
        (
            1,
            "Tổ dân phố số 1: 100 % hộ gia đình thực hiện nếp sống văn minh đô thị, không có tụ điểm rác thải",
        ),
        (
            2,
            "Tổ dân phố số 2: mô hình “Tuyến phố văn minh” được nhân rộng trong phường",
        ),
    ] {
        let group = unit(&format!("PHUONG-BACHMAI-TDP{n}"))?;
        let (id, v) = nominate(
            db,
            blobs,
            &office,
            bach_mai,
            Nominee::Unit(group),
            (&campaign.id, None),
            what,
        )
        .await?;
        ops::nominations::submit(db, &office, &id, v)
            .await
            .map_err(fail)?;
        ops::nominations::accept(
            db,
            &office,
            &id,
            version_of(db, &office, &id).await?,
            None,
            None,
        )
        .await
        .map_err(fail)?;
        passed.push(id);
    }
    // The council met this morning; everyone agreed; the chairman signed.
    let members = [
        user(db, "hn.hoidong").await?,
        user(db, "hn.hoidong2").await?,
        user(db, "hn.chutich").await?,
    ];
    let meeting = ops::meetings::MeetingInput {
        title: "Phiên họp Hội đồng Thi đua - Khen thưởng Thành phố xét khen thưởng Đợt thi đua cao điểm (đợt 1)".into(),
        held_on: vn(today),
        place: Some("Trụ sở Ủy ban nhân dân Thành phố".into()),
        total_members: 3,
        secret_ballot: Some(true),
        chair_name: Some("Nguyễn Đức Long".into()),
        secretary_name: Some("Vũ Thị Minh Thư".into()),
        member_ids: members.iter().map(|m| m.user.id.clone()).collect(),
    };
    let m = ops::meetings::create(db, &office, &meeting)
        .await
        .map_err(fail)?;
    let items = ops::meetings::add_items(db, &office, &m.id, &passed)
        .await
        .map_err(fail)?;
    let version = meeting_version(db, office.org_id(), &m.id).await?;
    let m = ops::meetings::open(db, &office, &m.id, version)
        .await
        .map_err(fail)?;
    for member in &members {
        for item in &items {
            ops::meetings::vote(
                db,
                member,
                &m.id,
                &ops::meetings::VoteInput {
                    item_id: item.clone(),
                    choice: "agree".into(),
                },
            )
            .await
            .map_err(fail)?;
        }
    }
    let version = meeting_version(db, office.org_id(), &m.id).await?;
    ops::meetings::close::close(
        db,
        &office,
        &m.id,
        &ops::meetings::close::CloseInput {
            version,
            quota_cap: None,
        },
    )
    .await
    .map_err(fail)?;
    let decision = ops::decisions::DecisionInput {
        number: "1021/QĐ-UBND".into(),
        signed_on: vn(today),
        issuer: "Ủy ban nhân dân thành phố Hà Nội".into(),
        signer_title: "Chủ tịch".into(),
        signer_name: "Nguyễn Đức Long".into(),
        title: String::new(),
        place: "Hà Nội".into(),
        nomination_ids: passed,
    };
    ops::decisions::decide(db, &members[2], &decision)
        .await
        .map_err(fail)?;

    // Waiting for the council: a collective of the Department of Finance, accepted.
    let finance = unit("SO-TAICHINH")?;
    let (id, v) = nominate(
        db,
        blobs,
        &office,
        finance,
        Nominee::Unit(finance),
        (&campaign.id, Some(&campaign.budget_theme)),
        "Giải ngân vốn đầu tư công đạt 97,2 % kế hoạch, cao nhất từ trước đến nay",
    )
    .await?;
    ops::nominations::submit(db, &office, &id, v)
        .await
        .map_err(fail)?;
    ops::nominations::accept(
        db,
        &office,
        &id,
        version_of(db, &office, &id).await?,
        None,
        None,
    )
    .await
    .map_err(fail)?;
    // Waiting for appraisal: a collective of Phường Vĩnh Tuy.
    let vinh_tuy = unit("PHUONG-VINHTUY")?;
    let (id, v) = nominate(
        db,
        blobs,
        &office,
        vinh_tuy,
        Nominee::Unit(vinh_tuy),
        (&campaign.id, None),
        "Hoàn thành 100 % hồ sơ thủ tục hành chính trực tuyến toàn trình trong Đợt thi đua",
    )
    .await?;
    ops::nominations::submit(db, &office, &id, v)
        .await
        .map_err(fail)?;
    // Waiting at the theme's lead: a person of Xã Sóc Sơn under the culture theme.
    let soc_son = unit("XA-SOCSON")?;
    let person = first_person(db, &office, soc_son).await?;
    let (id, v) = nominate(
        db,
        blobs,
        &office,
        soc_son,
        Nominee::Person(&person),
        (&campaign.id, Some(&campaign.culture_theme)),
        "Vận động 100 % thôn của xã đạt danh hiệu “Thôn văn hóa”",
    )
    .await?;
    ops::nominations::submit(db, &office, &id, v)
        .await
        .map_err(fail)?;
    Ok(())
}

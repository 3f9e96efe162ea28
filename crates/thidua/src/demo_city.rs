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

use crate::demo::{build_people, fail, unit_input};
use thidua_store::units::UnitRow;
use thidua_store::users::UserRow;
use thidua_store::{Db, audit, orgs, users};
use thidua_web::ctx::{AuthVia, Ctx, ctx_for};
use thidua_web::ops;

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

/// username, full name, role label, role code, scope unit code
pub const CITY_USERS: [(&str, &str, &str, &str, Option<&str>); 8] = [
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

/// Builds the city organisation with its users and its campaign. Called by [`crate::demo::load_if_empty`]
/// after the district organisation; `hash` is the demo password's hash.
pub async fn build(db: &Db, hash: &str) -> anyhow::Result<()> {
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
    let ctx = ctx_for(&mut tx, admin, AuthVia::Token)
        .await
        .map_err(fail)?
        .ok_or_else(|| anyhow::anyhow!("city admin context"))?;
    tx.commit().await?;
    let units = build_units(db, &ctx).await?;
    build_people(db, &ctx, &units).await?;
    build_users(db, &ctx, &units, hash).await?;
    crate::demo_campaigns::build_city(db, &ctx, &units).await?;
    Ok(())
}

async fn build_units(db: &Db, ctx: &Ctx) -> anyhow::Result<Vec<UnitRow>> {
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

async fn build_users(db: &Db, ctx: &Ctx, units: &[UnitRow], hash: &str) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    for (username, full_name, _, role, scope) in CITY_USERS.iter().skip(1) {
        let scope_id = scope.and_then(|c| units.iter().find(|u| u.code == c).map(|u| u.id.clone()));
        let user = UserRow::new(ctx.org_id(), username, full_name, hash, role, scope_id);
        users::insert(&mut tx, &user).await?;
        let author = ctx.author();
        audit::record(
            &mut tx,
            audit::AuditEntry {
                org_id: ctx.org_id(),
                user_id: Some(&ctx.user.id),
                user_name: &author,
                action: "user.create",
                object_type: "user",
                object_id: &user.id,
                object_label: username,
                before: None,
                after: Some(serde_json::json!({"username": username, "role": role})),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

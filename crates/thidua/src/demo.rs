//! Demo data: a realistic district organisation built from the seed plans (Hai Bà Trưng, Hà Nội):
//! the people's committee and its offices, 18 wards with residential groups, mass organisations,
//! schools, enterprises, clusters and blocks for 2024–2025, a few hundred people, a 2025 ward merger,
//! and a user for every role. Everything goes through the same use cases as the app (so it is audited).

use crate::bootstrap::ensure_org;
use thidua_app as ops;
use thidua_app::Caller;
use thidua_domain::org::{ClusterInput, UnitInput};
use thidua_domain::person::PersonInput;
use thidua_store::units::UnitRow;
use thidua_store::users::UserRow;
use thidua_store::{Db, orgs, users};

/// The password of every demo account (printed at start; demo data only).
pub const DEMO_PASSWORD: &str = "thidua-demo-2025";

const OFFICES: [(&str, &str); 12] = [
    ("VP-HDND-UBND", "Văn phòng HĐND và UBND quận"),
    ("P-NOIVU", "Phòng Nội vụ"),
    ("P-TCKH", "Phòng Tài chính - Kế hoạch"),
    ("P-VHTT", "Phòng Văn hóa và Thông tin"),
    ("P-QLDT", "Phòng Quản lý đô thị"),
    ("P-LDTBXH", "Phòng Lao động - Thương binh và Xã hội"),
    ("P-GDDT", "Phòng Giáo dục và Đào tạo"),
    ("P-TUPHAP", "Phòng Tư pháp"),
    ("P-YTE", "Phòng Y tế"),
    ("P-KINHTE", "Phòng Kinh tế"),
    ("P-TNMT", "Phòng Tài nguyên và Môi trường"),
    ("THANHTRA", "Thanh tra quận"),
];

const WARDS: [(&str, &str); 18] = [
    ("P-BACHDANG", "Phường Bạch Đằng"),
    ("P-BACHKHOA", "Phường Bách Khoa"),
    ("P-BACHMAI", "Phường Bạch Mai"),
    ("P-BUITHIXUAN", "Phường Bùi Thị Xuân"),
    ("P-CAUDEN", "Phường Cầu Dền"),
    ("P-DONGMAC", "Phường Đống Mác"),
    ("P-DONGNHAN", "Phường Đồng Nhân"),
    ("P-DONGTAM", "Phường Đồng Tâm"),
    ("P-LEDAIHANH", "Phường Lê Đại Hành"),
    ("P-MINHKHAI", "Phường Minh Khai"),
    ("P-NGUYENDU", "Phường Nguyễn Du"),
    ("P-PHAMDINHHO", "Phường Phạm Đình Hổ"),
    ("P-PHOHUE", "Phường Phố Huế"),
    ("P-QUYNHMAI", "Phường Quỳnh Mai"),
    ("P-THANHLUONG", "Phường Thanh Lương"),
    ("P-THANHNHAN", "Phường Thanh Nhàn"),
    ("P-TRUONGDINH", "Phường Trương Định"),
    ("P-VINHTUY", "Phường Vĩnh Tuy"),
];

const MASS_ORGS: [(&str, &str); 5] = [
    ("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam quận"),
    ("QUANDOAN", "Quận đoàn Hai Bà Trưng"),
    ("HLHPN", "Hội Liên hiệp Phụ nữ quận"),
    ("HCCB", "Hội Cựu chiến binh quận"),
    ("LDLD", "Liên đoàn Lao động quận"),
];

const SCHOOLS: [(&str, &str); 3] = [
    ("THCS-NGOGIATU", "Trường THCS Ngô Gia Tự"),
    ("TH-TOHOANG", "Trường Tiểu học Tô Hoàng"),
    ("MN-HOASEN", "Trường Mầm non Hoa Sen"),
];

const ENTERPRISES: [(&str, &str); 2] = [
    (
        "DN-MOITRUONG",
        "Công ty Cổ phần Môi trường đô thị Hai Bà Trưng",
    ),
    ("DN-NHAO", "Công ty TNHH MTV Dịch vụ nhà ở Hai Bà Trưng"),
];

const FAMILY: [&str; 16] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý",
];
const MIDDLE_M: [&str; 6] = ["Văn", "Đức", "Minh", "Hữu", "Quang", "Thanh"];
const MIDDLE_F: [&str; 6] = ["Thị", "Thu", "Ngọc", "Hồng", "Thanh", "Minh"];
const GIVEN_M: [&str; 14] = [
    "An", "Bình", "Dũng", "Hải", "Hùng", "Long", "Nam", "Phong", "Quân", "Sơn", "Tuấn", "Thắng",
    "Khánh", "Việt",
];
const GIVEN_F: [&str; 14] = [
    "Hà", "Hạnh", "Hòa", "Hương", "Lan", "Linh", "Mai", "Nga", "Phương", "Tâm", "Thảo", "Trang",
    "Vân", "Yến",
];

/// Deterministic pseudo-random numbers, so the demo is the same on every machine.
pub(crate) struct Seq(pub(crate) u64);

impl Seq {
    pub(crate) fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

pub(crate) fn unit_input(
    code: &str,
    name: &str,
    kind: &str,
    level: &str,
    parent: Option<&UnitRow>,
    from: &str,
) -> UnitInput {
    UnitInput {
        code: code.into(),
        name: name.into(),
        short_name: String::new(),
        kind: kind.into(),
        level: level.into(),
        parent_id: parent.map(|p| p.id.clone()).unwrap_or_default(),
        valid_from: from.into(),
    }
}

/// Loads the demo unless the database already has users (then it does nothing).
pub async fn load_if_empty(
    db: &Db,
    blobs: &dyn thidua_store::blobs::BlobStore,
) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    if orgs::user_count(&mut tx).await? > 0 {
        println!("Cơ sở dữ liệu đã có dữ liệu; bỏ qua bước tạo dữ liệu mẫu.");
        return Ok(());
    }
    let org = ensure_org(&mut tx, "Quận Hai Bà Trưng, Hà Nội (dữ liệu mẫu)").await?;
    let hash = thidua_app::auth::hash_password(DEMO_PASSWORD)?;
    let admin = UserRow::new(&org, "admin", "Quản trị hệ thống", &hash, "admin", None);
    users::insert(&mut tx, &admin).await?;
    let ctx = Caller::of_user(&mut tx, admin, None)
        .await
        .map_err(|e| anyhow::anyhow!("{}", e.message()))?
        .ok_or_else(|| anyhow::anyhow!("admin context"))?;
    tx.commit().await?;
    let units = build_units(db, &ctx).await?;
    build_people(db, &ctx, &units).await?;
    build_clusters(db, &ctx, &units, &[2024, 2025]).await?;
    build_honours(db, &ctx, &units).await?;
    let merged = merge_wards(db, &ctx, &units).await?;
    // From the merger on, clusters count the new ward instead of the two old ones.
    let current: Vec<UnitRow> = units
        .iter()
        .filter(|u| u.code != "P-DONGNHAN" && u.code != "P-PHOHUE")
        .cloned()
        .chain(std::iter::once(merged))
        .collect();
    let this_year = ops::today().year();
    if this_year > 2025 {
        build_clusters(db, &ctx, &current, &[this_year]).await?;
    }
    build_users(db, &ctx, &units, &hash, &DEMO_USERS).await?;
    let city = crate::demo_city::build(db, blobs, &hash).await?;
    // The city inherits the district's units, people and history of the years before 2025; the
    // district's campaigns of this year, built next, stay in its own (demonstration) organisation.
    crate::demo_transfer::carry_district_history(db, blobs, &org, &city).await?;
    crate::demo_campaigns::build(db, &ctx, &current).await?;
    let mut tx = db.begin().await?;
    let office = crate::demo_campaigns::user_ctx(&mut tx, "thuongtruc").await?;
    tx.commit().await?;
    crate::demo_scoring::build(db, office.as_ref().unwrap_or(&ctx)).await?;
    crate::demo_reports::build(db, office.as_ref().unwrap_or(&ctx)).await?;
    crate::demo_exemplars::build(db, blobs, office.as_ref().unwrap_or(&ctx)).await?;
    crate::demo_initiatives::build(db, &ctx).await?;
    // Last, so the demo's own history queues no mail.
    crate::demo_mail::build(db, office.as_ref().unwrap_or(&ctx)).await?;
    println!(
        "Đã tạo dữ liệu mẫu của hai tổ chức. Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):"
    );
    println!("  Quận Hai Bà Trưng (đến 30/06/2025; kế hoạch, phong trào, lịch sử khen thưởng):");
    for (u, role) in DEMO_USERS.iter().map(|d| (d.0, d.2)) {
        println!("    {u:<22} {role}");
    }
    println!(
        "  Thành phố Hà Nội (từ 01/07/2025; đề nghị, thẩm định, họp Hội đồng, quyết định khen thưởng):"
    );
    for (u, role) in crate::demo_city::CITY_USERS.iter().map(|d| (d.0, d.2)) {
        println!("    {u:<22} {role}");
    }
    Ok(())
}

pub(crate) fn fail(e: thidua_app::Error) -> anyhow::Error {
    anyhow::anyhow!("demo: {}", e.message())
}

async fn build_units(db: &Db, ctx: &Caller) -> anyhow::Result<Vec<UnitRow>> {
    let mut all = Vec::new();
    let root = ops::units::create(
        db,
        ctx,
        &unit_input(
            "UBND-HBT",
            "Ủy ban nhân dân quận Hai Bà Trưng",
            "peoples_committee",
            "district",
            None,
            "01/01/1981",
        ),
    )
    .await
    .map_err(fail)?;
    all.push(root.clone());
    for (code, name) in OFFICES {
        all.push(
            ops::units::create(
                db,
                ctx,
                &unit_input(
                    code,
                    name,
                    "department",
                    "district",
                    Some(&root),
                    "01/01/2008",
                ),
            )
            .await
            .map_err(fail)?,
        );
    }
    for (i, (code, name)) in WARDS.iter().enumerate() {
        let ward = ops::units::create(
            db,
            ctx,
            &unit_input(code, name, "ward", "commune", Some(&root), "01/01/1982"),
        )
        .await
        .map_err(fail)?;
        // A few residential groups under the first wards, to show the tree below ward level.
        if i < 3 {
            for n in 1..=3 {
                let g = unit_input(
                    &format!("{code}-TDP{n}"),
                    &format!("Tổ dân phố số {n}, {name}"),
                    "residential_group",
                    "grassroots",
                    Some(&ward),
                    "01/01/2000",
                );
                all.push(ops::units::create(db, ctx, &g).await.map_err(fail)?);
            }
        }
        all.push(ward);
    }
    for (code, name) in MASS_ORGS {
        all.push(
            ops::units::create(
                db,
                ctx,
                &unit_input(
                    code,
                    name,
                    "mass_org",
                    "district",
                    Some(&root),
                    "01/01/1990",
                ),
            )
            .await
            .map_err(fail)?,
        );
    }
    let education = all.iter().find(|u| u.code == "P-GDDT").cloned();
    for (code, name) in SCHOOLS {
        all.push(
            ops::units::create(
                db,
                ctx,
                &unit_input(
                    code,
                    name,
                    "school",
                    "grassroots",
                    education.as_ref(),
                    "01/01/1995",
                ),
            )
            .await
            .map_err(fail)?,
        );
    }
    for (code, name) in ENTERPRISES {
        all.push(
            ops::units::create(
                db,
                ctx,
                &unit_input(
                    code,
                    name,
                    "enterprise",
                    "grassroots",
                    Some(&root),
                    "01/01/2005",
                ),
            )
            .await
            .map_err(fail)?,
        );
    }
    Ok(all)
}

/// Positions by unit kind, with the person kind and direct-worker flag they imply.
fn positions(kind: &str) -> &'static [(&'static str, &'static str, bool)] {
    match kind {
        "ward" => &[
            ("Chủ tịch UBND phường", "cadre", false),
            ("Phó Chủ tịch UBND phường", "cadre", false),
            ("Công chức Văn phòng - Thống kê", "civil_servant", false),
            ("Công chức Văn hóa - Xã hội", "civil_servant", false),
            ("Công chức Địa chính - Xây dựng", "civil_servant", false),
            ("Công chức Tư pháp - Hộ tịch", "civil_servant", false),
        ],
        "residential_group" => &[
            ("Tổ trưởng tổ dân phố", "citizen", false),
            ("Người dân", "citizen", true),
        ],
        "school" => &[
            ("Hiệu trưởng", "public_employee", false),
            ("Giáo viên", "public_employee", true),
            ("Nhân viên", "public_employee", false),
        ],
        "enterprise" => &[
            ("Giám đốc", "worker", false),
            ("Công nhân vệ sinh môi trường", "worker", true),
            ("Kỹ thuật viên", "worker", true),
        ],
        "mass_org" => &[
            ("Chủ tịch", "cadre", false),
            ("Phó Chủ tịch", "cadre", false),
            ("Chuyên viên", "civil_servant", false),
        ],
        _ => &[
            ("Trưởng phòng", "civil_servant", false),
            ("Phó Trưởng phòng", "civil_servant", false),
            ("Chuyên viên", "civil_servant", false),
            ("Chuyên viên chính", "civil_servant", false),
        ],
    }
}

pub(crate) async fn build_people(db: &Db, ctx: &Caller, units: &[UnitRow]) -> anyhow::Result<()> {
    let mut seq = Seq(2025);
    // Names the demo and tests look for.
    let fixed = [
        (
            "Nguyễn Văn An",
            "male",
            "P-BACHDANG",
            "Chủ tịch UBND phường",
            "cadre",
            false,
        ),
        (
            "Đặng Thị Hoa",
            "female",
            "P-NOIVU",
            "Chuyên viên",
            "civil_servant",
            false,
        ),
        (
            "Trần Thị Thu Hương",
            "female",
            "P-VHTT",
            "Trưởng phòng",
            "civil_servant",
            false,
        ),
    ];
    for (name, gender, code, position, kind, direct) in fixed {
        if let Some(u) = units.iter().find(|u| u.code == code) {
            let input = PersonInput {
                full_name: name.into(),
                gender: gender.into(),
                birth_date: "15/03/1980".into(),
                position: position.into(),
                kind: kind.into(),
                direct_worker: direct,
                unit_id: u.id.clone(),
            };
            ops::persons::create(db, ctx, &input).await.map_err(fail)?;
        }
    }
    for u in units {
        let roles = positions(&u.kind);
        let count = if u.kind == "peoples_committee" {
            4
        } else {
            6 + seq.next(6)
        };
        for i in 0..count {
            let (position, kind, direct) = roles[if i < roles.len() {
                i
            } else {
                roles.len() - 1 - seq.next(2).min(roles.len() - 1)
            }];
            let female = seq.next(2) == 0;
            let name = if female {
                format!(
                    "{} {} {}",
                    FAMILY[seq.next(FAMILY.len())],
                    MIDDLE_F[seq.next(MIDDLE_F.len())],
                    GIVEN_F[seq.next(GIVEN_F.len())]
                )
            } else {
                format!(
                    "{} {} {}",
                    FAMILY[seq.next(FAMILY.len())],
                    MIDDLE_M[seq.next(MIDDLE_M.len())],
                    GIVEN_M[seq.next(GIVEN_M.len())]
                )
            };
            let birth = format!(
                "{:02}/{:02}/{}",
                1 + seq.next(28),
                1 + seq.next(12),
                1965 + seq.next(35)
            );
            let input = PersonInput {
                full_name: name,
                gender: if female { "female" } else { "male" }.into(),
                birth_date: birth,
                position: position.into(),
                kind: kind.into(),
                direct_worker: direct,
                unit_id: u.id.clone(),
            };
            ops::persons::create(db, ctx, &input).await.map_err(fail)?;
        }
    }
    Ok(())
}

fn ids_of(units: &[UnitRow], codes: &[&str]) -> Vec<String> {
    codes
        .iter()
        .filter_map(|c| units.iter().find(|u| u.code == *c).map(|u| u.id.clone()))
        .collect()
}

async fn build_clusters(
    db: &Db,
    ctx: &Caller,
    units: &[UnitRow],
    years: &[i32],
) -> anyhow::Result<()> {
    let mut ward_codes: Vec<&str> = WARDS
        .iter()
        .map(|w| w.0)
        .filter(|c| units.iter().any(|u| u.code == *c))
        .collect();
    if units.iter().any(|u| u.code == "P-HAIBATRUNG") {
        ward_codes.insert(6, "P-HAIBATRUNG");
    }
    let third = ward_codes.len() / 3;
    let office_codes: Vec<&str> = OFFICES.iter().map(|w| w.0).collect();
    let mass_codes: Vec<&str> = MASS_ORGS.iter().map(|w| w.0).collect();
    for &year in years {
        let groups: Vec<(&str, &str, Vec<&str>)> = vec![
            (
                "cluster",
                "Cụm thi đua số 1 (các phường)",
                ward_codes[..third].to_vec(),
            ),
            (
                "cluster",
                "Cụm thi đua số 2 (các phường)",
                ward_codes[third..2 * third].to_vec(),
            ),
            (
                "cluster",
                "Cụm thi đua số 3 (các phường)",
                ward_codes[2 * third..].to_vec(),
            ),
            (
                "block",
                "Khối các phòng, ban chuyên môn",
                office_codes.clone(),
            ),
            (
                "block",
                "Khối Mặt trận Tổ quốc và các đoàn thể",
                mass_codes.clone(),
            ),
        ];
        for (i, (kind, name, codes)) in groups.into_iter().enumerate() {
            let members = ids_of(units, &codes);
            // Leaders rotate yearly.
            let shift = usize::try_from(year - 2024).unwrap_or(0) + i;
            let leader = members
                .get(shift % members.len())
                .cloned()
                .unwrap_or_default();
            let deputy = members
                .get((shift + 1) % members.len())
                .cloned()
                .unwrap_or_default();
            let input = ClusterInput {
                year: year.to_string(),
                kind: kind.into(),
                name: name.into(),
                leader_unit_id: leader,
                deputy_unit_id: deputy,
                member_ids: members,
            };
            ops::clusters::create(db, ctx, &input).await.map_err(fail)?;
        }
    }
    Ok(())
}

/// The 2025 reform: two wards merge into a new ward from 1 July 2025.
async fn merge_wards(db: &Db, ctx: &Caller, units: &[UnitRow]) -> anyhow::Result<UnitRow> {
    let sources = ids_of(units, &["P-DONGNHAN", "P-PHOHUE"]);
    let new_unit = ops::units::NewUnitName {
        code: "P-HAIBATRUNG".into(),
        name: "Phường Hai Bà Trưng".into(),
    };
    let merged = ops::units::merge(
        db,
        ctx,
        &sources,
        None,
        Some(&new_unit),
        "01/07/2025",
        Some(
            "Sắp xếp đơn vị hành chính cấp xã năm 2025 (Nghị quyết của Ủy ban Thường vụ Quốc hội)",
        ),
    )
    .await
    .map_err(fail)?;
    Ok(merged)
}

const DEMO_USERS: [DemoUser; 7] = [
    (
        "admin",
        "Quản trị hệ thống",
        "Quản trị hệ thống",
        "admin",
        None,
    ),
    (
        "thuongtruc",
        "Đặng Thị Hoa",
        "Thường trực Hội đồng TĐKT (Phòng Nội vụ)",
        "standing_office",
        None,
    ),
    (
        "canbo.bachdang",
        "Nguyễn Văn An",
        "Cán bộ TĐKT Phường Bạch Đằng",
        "unit_officer",
        Some("P-BACHDANG"),
    ),
    (
        "canbo.vhtt",
        "Trần Thị Thu Hương",
        "Cán bộ TĐKT Phòng Văn hóa và Thông tin",
        "unit_officer",
        Some("P-VHTT"),
    ),
    (
        "hoidong",
        "Lê Minh Tuấn",
        "Thành viên Hội đồng TĐKT",
        "council_member",
        None,
    ),
    (
        "chutich",
        "Nguyễn Trần Bình",
        "Chủ tịch UBND",
        "chairman",
        None,
    ),
    ("xem", "Phạm Thu Trang", "Người xem", "viewer", None),
];

/// A demo account: username, full name, role label, role code, scope unit code.
pub(crate) type DemoUser = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
);

/// Creates the organisation's demo accounts after the first (its administrator, who runs this).
pub(crate) async fn build_users(
    db: &Db,
    ctx: &Caller,
    units: &[UnitRow],
    hash: &str,
    accounts: &[DemoUser],
) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    for (username, full_name, _, role, scope) in accounts.iter().skip(1) {
        let scope_id = scope.and_then(|c| units.iter().find(|u| u.code == c).map(|u| u.id.clone()));
        // The shared hash avoids hashing the same demo password seven times.
        let user = UserRow::new(ctx.org_id(), username, full_name, hash, role, scope_id);
        users::insert(&mut tx, &user).await?;
        let author = ctx.author();
        thidua_store::audit::record(
            &mut tx,
            thidua_store::audit::AuditEntry {
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

// ---- Award history (issue 4): a few years of ratings and titles so eligibility and roadmaps show
// something real. The two wards merged in 2025 carry their titles to Phường Hai Bà Trưng.

fn award(
    code: &str,
    year: i32,
    decision: &str,
    date: &str,
    issuer: &str,
    golden: u32,
) -> ops::honours::AwardInput {
    ops::honours::AwardInput {
        code: code.into(),
        year: year.to_string(),
        decision_no: decision.into(),
        decision_date: date.into(),
        issuer: issuer.into(),
        golden_book_no: golden.to_string(),
        ..Default::default()
    }
}

fn rating(year: i32, r: &str) -> ops::honours::RatingInput {
    ops::honours::RatingInput {
        year: year.to_string(),
        rating: r.into(),
        version: None,
    }
}

async fn history_of(
    db: &Db,
    ctx: &Caller,
    kind: ops::honours::SubjectKind,
    id: &str,
    ratings: &[(i32, &str)],
    awards: &[(&str, i32)],
) -> anyhow::Result<()> {
    for (y, r) in ratings {
        ops::honours::set_rating(db, ctx, kind, id, &rating(*y, r))
            .await
            .map_err(fail)?;
    }
    for (i, (code, y)) in awards.iter().enumerate() {
        let (decision, issuer) = match *code {
            "CSTDCS" | "TTLDXS" | "TTLDTT" | "LDTT" | "GIAY_KHEN" => (
                format!("{}/QĐ-UBND", 100 + y - 2000),
                "Chủ tịch UBND quận Hai Bà Trưng",
            ),
            _ => (
                format!("{}/QĐ-UBND", 4000 + y - 2000),
                "Chủ tịch UBND thành phố Hà Nội",
            ),
        };
        let golden = u32::try_from(i + 1).unwrap_or(1);
        ops::honours::add_award(
            db,
            ctx,
            kind,
            id,
            &award(
                code,
                *y,
                &decision,
                &format!("15/01/{}", y + 1),
                issuer,
                golden,
            ),
        )
        .await
        .map_err(fail)?;
    }
    Ok(())
}

async fn build_honours(db: &Db, ctx: &Caller, units: &[UnitRow]) -> anyhow::Result<()> {
    use ops::honours::SubjectKind::{Person, Unit};
    let unit = |code: &str| units.iter().find(|u| u.code == code).map(|u| u.id.clone());
    let people = [
        (
            "Nguyễn Văn An",
            "P-BACHDANG",
            vec![
                (2020, "excellent"),
                (2021, "excellent"),
                (2022, "excellent"),
                (2023, "excellent"),
                (2024, "excellent"),
                (2025, "excellent"),
            ],
            vec![
                ("LDTT", 2020),
                ("CSTDCS", 2021),
                ("CSTDCS", 2022),
                ("CSTDCS", 2023),
                ("CSTDCS", 2024),
            ],
        ),
        (
            "Đặng Thị Hoa",
            "P-NOIVU",
            vec![
                (2022, "good"),
                (2023, "excellent"),
                (2024, "excellent"),
                (2025, "excellent"),
            ],
            vec![("LDTT", 2022), ("CSTDCS", 2023), ("CSTDCS", 2024)],
        ),
        (
            "Trần Thị Thu Hương",
            "P-VHTT",
            vec![
                (2021, "excellent"),
                (2022, "excellent"),
                (2023, "good"),
                (2024, "excellent"),
            ],
            vec![("LDTT", 2021), ("CSTDCS", 2022), ("BK_TINH", 2022)],
        ),
    ];
    let mut tx = db.begin().await?;
    let mut found = Vec::new();
    for (name, code, ratings, awards) in &people {
        let Some(unit_id) = unit(code) else { continue };
        let filter = thidua_store::persons::PersonFilter {
            unit_id: Some(unit_id),
            query: Some((*name).to_string()),
            ..Default::default()
        };
        if let Some(p) = thidua_store::persons::list(&mut tx, ctx.org_id(), &filter, 1, 0)
            .await?
            .into_iter()
            .next()
        {
            found.push((p.id, ratings.clone(), awards.clone()));
        }
    }
    tx.commit().await?;
    for (id, ratings, awards) in &found {
        history_of(db, ctx, Person, id, ratings, awards).await?;
    }
    if let Some((id, _, _)) = found.first() {
        let init = ops::honours::InitiativeInput {
            name: "Số hóa hồ sơ hành chính một cửa phường".into(),
            year: "2024".into(),
            level: "province".into(),
            research: false,
            applied_in: "UBND các phường trong quận".into(),
            used_by_award_id: String::new(),
        };
        ops::honours::add_initiative(db, ctx, Person, id, &init)
            .await
            .map_err(fail)?;
    }
    let excellent = |from: i32, to: i32| (from..=to).map(|y| (y, "excellent")).collect::<Vec<_>>();
    type History<'a> = (&'a str, Vec<(i32, &'a str)>, Vec<(&'a str, i32)>);
    let wards: [History<'_>; 3] = [
        (
            "P-BACHDANG",
            excellent(2021, 2025),
            vec![("TTLDXS", 2022), ("TTLDXS", 2023), ("TTLDXS", 2024)],
        ),
        (
            "P-DONGNHAN",
            excellent(2021, 2024),
            vec![("TTLDXS", 2022), ("TTLDXS", 2023), ("TTLDXS", 2024)],
        ),
        (
            "P-PHOHUE",
            excellent(2022, 2024),
            vec![("TTLDTT", 2022), ("TTLDXS", 2023), ("BK_TINH", 2023)],
        ),
    ];
    for (code, ratings, awards) in &wards {
        if let Some(id) = unit(code) {
            history_of(db, ctx, Unit, &id, ratings, awards).await?;
        }
    }
    Ok(())
}

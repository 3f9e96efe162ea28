//! The city's records for the statutory statistics of 2024 and 2025 (Biểu 0601.N–0605.N): plans it
//! and a department launched, state- and city-level awards recorded in the history of four people
//! and four units, and the figures the office enters by hand (its TĐKT bodies and staff). The
//! integration test `statistics::*` counts these by hand; change both together.

use crate::demo::fail;
use thidua_app::{self as ops, Caller};
use thidua_domain::campaign::CampaignInput;
use thidua_domain::campaign::CampaignStatus;
use thidua_domain::person::PersonInput;
use thidua_domain::statistics::FormId;
use thidua_store::Db;
use thidua_store::units::UnitRow;

/// People recorded for the statistics: name, gender, unit code, position, kind, direct worker.
const PEOPLE: [(&str, &str, &str, &str, &str, bool); 4] = [
    (
        "Nguyễn Mạnh Quân",
        "male",
        "UBND-HN",
        "Phó Chủ tịch UBND Thành phố",
        "cadre",
        false,
    ),
    (
        "Lê Thị Thanh Hà",
        "female",
        "SO-VHTT",
        "Giám đốc Sở",
        "civil_servant",
        false,
    ),
    (
        "Phạm Văn Khải",
        "male",
        "PHUONG-BACHMAI-TDP1",
        "Công nhân vệ sinh môi trường",
        "worker",
        true,
    ),
    (
        "Đỗ Thị Lan",
        "female",
        "SO-YTE",
        "Phó Trưởng phòng",
        "civil_servant",
        false,
    ),
];

/// Awards: subject (a person's index in [`PEOPLE`] as "P0"…, or a unit code), code, kind, decision,
/// date, issuer.
const AWARDS: [(&str, &str, &str, &str, &str, &str); 11] = [
    (
        "P0",
        "BK_TTG",
        "merit",
        "1520/QĐ-TTg",
        "15/11/2024",
        "Thủ tướng Chính phủ",
    ),
    (
        "SO-YTE",
        "HC_LAO_DONG_3",
        "career",
        "1123/QĐ-CTN",
        "20/08/2024",
        "Chủ tịch nước",
    ),
    (
        "P1",
        "BK_TINH",
        "merit",
        "4501/QĐ-UBND",
        "10/12/2024",
        "Chủ tịch UBND thành phố Hà Nội",
    ),
    (
        "P2",
        "BK_TINH",
        "ad_hoc",
        "3320/QĐ-UBND",
        "05/09/2024",
        "Chủ tịch UBND thành phố Hà Nội",
    ),
    (
        "P3",
        "CSTD_TINH",
        "merit",
        "4502/QĐ-UBND",
        "10/12/2024",
        "Chủ tịch UBND thành phố Hà Nội",
    ),
    (
        "P1",
        "CSTD_TQ",
        "merit",
        "2210/QĐ-TTg",
        "12/10/2025",
        "Thủ tướng Chính phủ",
    ),
    (
        "SO-VHTT",
        "CO_CP",
        "merit",
        "215/QĐ-TTg",
        "03/03/2025",
        "Thủ tướng Chính phủ",
    ),
    (
        "PHUONG-BACHMAI",
        "BK_TINH",
        "campaign",
        "5012/QĐ-UBND",
        "25/11/2025",
        "Chủ tịch UBND thành phố Hà Nội",
    ),
    (
        "PHUONG-HBT",
        "CO_TINH",
        "merit",
        "120/QĐ-UBND",
        "15/01/2025",
        "Chủ tịch UBND thành phố Hà Nội",
    ),
    (
        "P3",
        "KY_NIEM_CHUONG",
        "career",
        "3001/QĐ-UBND",
        "02/09/2025",
        "Chủ tịch UBND thành phố Hà Nội",
    ),
    (
        "P2",
        "BK_TINH",
        "merit",
        "5013/QĐ-UBND",
        "25/11/2025",
        "Chủ tịch UBND thành phố Hà Nội",
    ),
];

/// Plans: number, issued, issuer, title, kind, from, to.
const PLANS: [(&str, &str, &str, &str, &str, &str, &str); 3] = [
    (
        "12/KH-UBND",
        "15/01/2024",
        "Ủy ban nhân dân thành phố Hà Nội",
        "Phát động phong trào thi đua thực hiện nhiệm vụ chính trị năm 2024",
        "regular",
        "01/01/2024",
        "31/12/2024",
    ),
    (
        "45/KH-UBND",
        "20/02/2025",
        "Ủy ban nhân dân thành phố Hà Nội",
        "Thi đua thực hiện sắp xếp tổ chức bộ máy và chính quyền địa phương hai cấp giai đoạn 2025–2027",
        "thematic",
        "01/03/2025",
        "31/12/2027",
    ),
    (
        "210/KH-SVHTT",
        "01/09/2025",
        "Sở Văn hóa và Thể thao",
        "Đợt thi đua cao điểm chào mừng Đại hội Đảng bộ Thành phố",
        "peak",
        "01/09/2025",
        "30/10/2025",
    ),
];

/// Hand-entered figures: year, form, row, column, value.
const ENTRIES: [(i64, FormId, &str, &str, i64); 8] = [
    (2024, FormId::Organisations, "04", "1", 1),
    (2024, FormId::Organisations, "05", "1", 3),
    (2024, FormId::Staff, "03", "1", 22),
    (2024, FormId::Staff, "03", "2", 13),
    (2025, FormId::Organisations, "04", "1", 1),
    (2025, FormId::Organisations, "05", "1", 3),
    (2025, FormId::Staff, "03", "1", 24),
    (2025, FormId::Staff, "03", "2", 14),
];

fn unit<'a>(units: &'a [UnitRow], code: &str) -> anyhow::Result<&'a UnitRow> {
    units
        .iter()
        .find(|u| u.code == code)
        .ok_or_else(|| anyhow::anyhow!("demo unit {code}"))
}

async fn people(db: &Db, ctx: &Caller, units: &[UnitRow]) -> anyhow::Result<Vec<String>> {
    let mut ids = Vec::new();
    for (name, gender, code, position, kind, direct) in PEOPLE {
        let input = PersonInput {
            full_name: name.into(),
            gender: gender.into(),
            birth_date: "12/05/1975".into(),
            position: position.into(),
            kind: kind.into(),
            direct_worker: direct,
            unit_id: unit(units, code)?.id.clone(),
        };
        ids.push(
            ops::persons::create(db, ctx, &input)
                .await
                .map_err(fail)?
                .id,
        );
    }
    Ok(ids)
}

async fn awards(db: &Db, ctx: &Caller, units: &[UnitRow], people: &[String]) -> anyhow::Result<()> {
    use ops::honours::SubjectKind;
    for (i, (subject, code, kind, decision, date, issuer)) in AWARDS.iter().enumerate() {
        let (k, id) = match subject
            .strip_prefix('P')
            .and_then(|n| n.parse::<usize>().ok())
        {
            Some(n) => (SubjectKind::Person, people[n].clone()),
            None => (SubjectKind::Unit, unit(units, subject)?.id.clone()),
        };
        let input = ops::honours::AwardInput {
            code: (*code).into(),
            year: date[6..].parse::<i32>().map(|y| (y - 1).to_string())?,
            kind: (*kind).into(),
            decision_no: (*decision).into(),
            decision_date: (*date).into(),
            issuer: (*issuer).into(),
            golden_book_no: (i + 1).to_string(),
            ..Default::default()
        };
        ops::honours::add_award(db, ctx, k, &id, &input)
            .await
            .map_err(fail)?;
    }
    Ok(())
}

async fn plans(db: &Db, ctx: &Caller, units: &[UnitRow]) -> anyhow::Result<()> {
    for (number, issued, issuer, title, kind, from, to) in PLANS {
        let input = CampaignInput {
            number: number.into(),
            issued_on: issued.into(),
            issuer: issuer.into(),
            place: "Hà Nội".into(),
            title: title.into(),
            kind: kind.into(),
            period_from: from.into(),
            period_to: to.into(),
            signer_title: "Chủ tịch".into(),
            signer_name: "Nguyễn Đức Long".into(),
            participant_ids: vec![unit(units, "SO-VHTT")?.id.clone()],
            participants_note: "Các sở, ban, ngành; UBND các phường, xã".into(),
            ..Default::default()
        };
        let c = ops::campaigns::create(db, ctx, &input)
            .await
            .map_err(fail)?;
        let c = ops::campaigns::set_status(db, ctx, &c.id, c.version, CampaignStatus::Launched)
            .await
            .map_err(fail)?;
        ops::campaigns::set_status(db, ctx, &c.id, c.version, CampaignStatus::Closed)
            .await
            .map_err(fail)?;
    }
    Ok(())
}

/// Adds the city's records for the statistics of 2024 and 2025, as its administrator.
pub async fn build(db: &Db, ctx: &Caller, units: &[UnitRow]) -> anyhow::Result<()> {
    let ids = people(db, ctx, units).await?;
    awards(db, ctx, units, &ids).await?;
    plans(db, ctx, units).await?;
    for (year, form, row, col, value) in ENTRIES {
        let input = [ops::statistics::EntryInput {
            row: row.into(),
            col: col.into(),
            value: value.to_string(),
        }];
        ops::statistics::save_entries(db, ctx, year, form, &input)
            .await
            .map_err(fail)?;
    }
    Ok(())
}

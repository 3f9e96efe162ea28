//! Demo: a year (2024) of the district's register of initiatives. Phường Bạch Đằng's officer and the
//! standing office register six initiatives; the office sends four to the initiative council, whose
//! session of 18/12/2024 recognises two at base level and one at city level and turns one down; one is
//! the basis of Nguyễn Văn An's Chiến sĩ thi đua cơ sở 2024 (so his eligibility shows it spent), and
//! a colleague rated only "good" in 2024 becomes eligible for Chiến sĩ thi đua cơ sở through the other.

use crate::demo::fail;
use anyhow::Context;
use thidua_app::Caller;
use thidua_app::initiatives::session::{self, ResultInput, SessionInput};
use thidua_app::initiatives::uses::{self, UseInput};
use thidua_app::initiatives::{self as ops, AuthorInput, InitiativeInput};
use thidua_domain::initiative::Event;
use thidua_store::{Db, ledger, persons, units};

/// One initiative of the demo: unit code, name, field, date, description, authors (index in the unit's
/// people, share), and the council's outcome (`None`: not sent; `Some("")`: sent, not decided).
struct Demo {
    unit: &'static str,
    name: &'static str,
    field: &'static str,
    applied_on: &'static str,
    description: &'static str,
    authors: &'static [(usize, &'static str)],
    outcome: Option<&'static str>,
    scope: &'static str,
}

const DEMOS: [Demo; 6] = [
    Demo {
        unit: "P-BACHDANG",
        name: "Ứng dụng mã QR tra cứu thủ tục hành chính tại bộ phận một cửa phường",
        field: "Cải cách hành chính",
        applied_on: "04/03/2024",
        description: "Mỗi thủ tục có mã QR dẫn tới hướng dẫn, biểu mẫu và lệ phí; người dân tự tra cứu, giảm 30 % số lượt hỏi tại quầy.",
        authors: &[(0, "60"), (1, "40")],
        outcome: Some("base"),
        scope: "Áp dụng tại bộ phận một cửa UBND phường Bạch Đằng",
    },
    Demo {
        unit: "P-BACHDANG",
        name: "Mô hình tổ dân phố tự quản vệ sinh môi trường theo lịch luân phiên",
        field: "Tài nguyên và môi trường",
        applied_on: "15/04/2024",
        description: "Các hộ trong tổ dân phố nhận lịch luân phiên làm vệ sinh đường ngõ, có bảng theo dõi công khai; 12/12 tổ dân phố áp dụng.",
        authors: &[(2, "100")],
        outcome: Some("base"),
        scope: "Áp dụng tại 12 tổ dân phố của phường",
    },
    Demo {
        unit: "P-NOIVU",
        name: "Quy trình số hóa, lưu trữ hồ sơ thi đua, khen thưởng của quận",
        field: "Thi đua, khen thưởng",
        applied_on: "10/05/2024",
        description: "Hồ sơ đề nghị khen thưởng được quét, đặt tên và lưu theo mã đơn vị, năm, hình thức; tra cứu một hồ sơ từ 2 ngày xuống 10 phút.",
        authors: &[(0, "100")],
        outcome: Some("province"),
        scope: "Có khả năng nhân rộng trong phạm vi Thành phố",
    },
    Demo {
        unit: "P-VHTT",
        name: "Sổ tay hướng dẫn nghiệp vụ văn hóa cơ sở",
        field: "Văn hóa, thông tin",
        applied_on: "20/06/2024",
        description: "Tập hợp văn bản và biểu mẫu nghiệp vụ cho cán bộ văn hóa phường.",
        authors: &[(0, "70"), (1, "30")],
        outcome: Some("not_recognised"),
        scope: "",
    },
    Demo {
        unit: "P-NOIVU",
        name: "Phần mềm nhắc hạn nâng lương, nâng ngạch cho công chức quận",
        field: "Tổ chức cán bộ",
        applied_on: "02/09/2024",
        description: "Bảng tính dùng chung tự tô màu người đến hạn nâng lương trong 3 tháng tới.",
        authors: &[(1, "50"), (2, "50")],
        outcome: Some(""),
        scope: "",
    },
    Demo {
        unit: "P-BACHDANG",
        name: "Nhắn tin nhắc lịch tiêm chủng cho trẻ em trên địa bàn phường",
        field: "Y tế",
        applied_on: "11/11/2024",
        description: "Tin nhắn nhắc cha mẹ trước ngày tiêm chủng 3 ngày; tỷ lệ tiêm đúng lịch tăng từ 86 % lên 95 %.",
        authors: &[(3, "100")],
        outcome: None,
        scope: "",
    },
];

/// People of a unit in the order they were added (the fixed demo names come first).
async fn people_of(
    db: &Db,
    org_id: &str,
    unit_code: &str,
) -> anyhow::Result<Vec<(String, String)>> {
    let mut tx = db.begin_read().await?;
    let unit = units::get_by_code(&mut tx, org_id, unit_code)
        .await?
        .with_context(|| format!("demo initiatives: unit {unit_code}"))?;
    let filter = persons::PersonFilter {
        unit_id: Some(unit.id),
        ..Default::default()
    };
    let mut people = persons::list(&mut tx, org_id, &filter, 100, 0).await?;
    tx.commit().await?;
    // Ids are UUIDv7: in the order the people were added.
    people.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(people.into_iter().map(|p| (p.id, p.full_name)).collect())
}

/// Registers the initiatives (the ward's own by its officer, the others by the office) and sends those
/// with an outcome to the council; returns their ids and first authors, in the order of [`DEMOS`].
async fn register(
    db: &Db,
    office: &Caller,
    ward: &Caller,
) -> anyhow::Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for d in &DEMOS {
        let people = people_of(db, office.org_id(), d.unit).await?;
        let mut tx = db.begin_read().await?;
        let unit = units::get_by_code(&mut tx, office.org_id(), d.unit)
            .await?
            .with_context(|| format!("demo initiatives: unit {}", d.unit))?;
        tx.commit().await?;
        let authors: Vec<AuthorInput> = d
            .authors
            .iter()
            .filter_map(|(i, share)| {
                people.get(*i).map(|p| AuthorInput {
                    person_id: p.0.clone(),
                    share: (*share).into(),
                })
            })
            .collect();
        let input = InitiativeInput {
            unit_id: unit.id,
            name: d.name.into(),
            field: d.field.into(),
            applied_on: d.applied_on.into(),
            description: d.description.into(),
            research: false,
            authors,
            version: None,
        };
        let who = if d.unit == "P-BACHDANG" { ward } else { office };
        let row = ops::register(db, who, &input).await.map_err(fail)?;
        if d.outcome.is_some() {
            ops::step(db, office, &row.id, Event::SendToCouncil, None)
                .await
                .map_err(fail)?;
        }
        out.push((row.id, input.authors[0].person_id.clone()));
    }
    Ok(out)
}

/// Builds the register as the standing office and the officer of Phường Bạch Đằng (`admin` stands in
/// for either when missing).
pub async fn build(db: &Db, admin: &Caller) -> anyhow::Result<()> {
    let mut tx = db.begin_read().await?;
    let office = crate::demo_campaigns::user_ctx(&mut tx, "thuongtruc").await?;
    let ward = crate::demo_campaigns::user_ctx(&mut tx, "canbo.bachdang").await?;
    tx.commit().await?;
    let office = office.as_ref().unwrap_or(admin);
    let made = register(db, office, ward.as_ref().unwrap_or(admin)).await?;
    let results = DEMOS
        .iter()
        .zip(&made)
        .filter_map(|(d, (id, _))| {
            d.outcome.map(|o| ResultInput {
                initiative_id: id.clone(),
                outcome: o.into(),
                scope_note: d.scope.into(),
            })
        })
        .collect();
    let input = SessionInput {
        council: "initiative".into(),
        held_on: "18/12/2024".into(),
        minutes_no: "05/BB-HĐSK".into(),
        members_present: "Lê Minh Tuấn – Phó Chủ tịch UBND quận, Chủ tịch Hội đồng\nĐặng Thị Hoa – Trưởng phòng Nội vụ\nTrần Thị Thu Hương – Trưởng phòng Văn hóa và Thông tin\nPhạm Văn Dũng – Chánh Văn phòng".into(),
        note: "Hội đồng xét 4 sáng kiến do Thường trực Hội đồng trình; 01 sáng kiến để phiên sau.".into(),
        results,
    };
    session::record(db, office, &input).await.map_err(fail)?;
    use_first_for_title(db, office, &made[0]).await?;
    // The second initiative's author was rated "good" in 2024: with the recognised initiative, they
    // still meet Chiến sĩ thi đua cơ sở (Điều 23: "hoàn thành xuất sắc" or a recognised initiative).
    let rating = thidua_app::honours::RatingInput {
        year: "2024".into(),
        rating: "good".into(),
        version: None,
    };
    thidua_app::honours::set_rating(
        db,
        office,
        thidua_app::honours::SubjectKind::Person,
        &made[1].1,
        &rating,
    )
    .await
    .map_err(fail)?;
    Ok(())
}

/// The first initiative is the basis of its first author's Chiến sĩ thi đua cơ sở 2024.
async fn use_first_for_title(
    db: &Db,
    office: &Caller,
    made: &(String, String),
) -> anyhow::Result<()> {
    let mut tx = db.begin_read().await?;
    let stored = ledger::load(&mut tx, office.org_id(), &made.1).await?;
    tx.commit().await?;
    let Some(award) = stored
        .awards
        .iter()
        .find(|a| a.code == "CSTDCS" && a.year == 2024)
    else {
        return Ok(());
    };
    let input = UseInput {
        target_type: "award".into(),
        target_id: award.id.clone(),
    };
    uses::use_as_basis(db, office, &made.0, &input)
        .await
        .map_err(fail)?;
    Ok(())
}

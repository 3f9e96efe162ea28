//! This year's exemplars of a generated province: for each quarter begun, about half of the communes'
//! residential groups, schools and stations put one forward under a live campaign; the office selected
//! about two in three, and published most of those with consent. What the public site and the register
//! are measured on (no photos: pictures are served by their own route).

use super::campaigns::Live;
use super::draw::{Gen, at, iso, ymd};
use super::people::Person;
use super::units::Tree;
use thidua_store::bulk::{Rows, Val};
use thidua_store::{Db, exemplars};

const DEEDS: [(&str, &str); 6] = [
    (
        "Trả lại tài sản nhặt được cho người đánh rơi",
        "Nhặt được ví có nhiều tiền và giấy tờ, đã mang đến Công an xã để trả lại người đánh rơi ngay trong ngày.",
    ),
    (
        "Vận động 100% hộ gia đình phân loại rác tại nguồn",
        "Kiên trì đến từng hộ hướng dẫn phân loại rác, lập điểm thu gom rác tái chế mỗi sáng Chủ nhật; tiền bán rác dùng tặng quà học sinh khó khăn.",
    ),
    (
        "Hiến đất mở rộng đường giao thông nông thôn",
        "Tự nguyện hiến hơn 200 mét vuông đất và tháo dỡ tường rào để mở rộng đường liên thôn, vận động thêm nhiều hộ cùng làm theo.",
    ),
    (
        "Dạy bơi miễn phí cho trẻ em trong dịp hè",
        "Ba năm liền mở lớp dạy bơi miễn phí cho trẻ em trong thôn, giúp hơn 150 cháu biết bơi, phòng chống đuối nước.",
    ),
    (
        "Hướng dẫn người cao tuổi làm thủ tục trực tuyến",
        "Chủ động hướng dẫn hơn 600 lượt người cao tuổi, người khuyết tật nộp hồ sơ dịch vụ công trực tuyến, không để hồ sơ nào quá hạn.",
    ),
    (
        "Mô hình «Thắp sáng đường quê»",
        "Vận động nhân dân đóng góp lắp đặt hơn 3 km đèn chiếu sáng đường thôn, góp phần giữ gìn an ninh trật tự.",
    ),
];

const COLUMNS: &[&str] = &[
    "id",
    "org_id",
    "unit_id",
    "kind",
    "name",
    "headline",
    "story",
    "person_id",
    "campaign_id",
    "put_forward_on",
    "year",
    "quarter",
    "status",
    "reason",
    "decided_on",
    "consent_by",
    "consent_on",
    "published_at",
    "search_text",
    "version",
    "created_at",
    "updated_at",
];

/// Writes the exemplars; returns how many.
pub async fn write(
    db: &Db,
    g: &mut Gen,
    org: &str,
    tree: &Tree,
    people: &[Person],
    live: &[Live],
) -> anyhow::Result<u64> {
    let Some(campaign) = live.iter().find(|c| !c.participants.is_empty()) else {
        return Ok(0);
    };
    let mut by_unit: std::collections::HashMap<usize, Vec<usize>> = Default::default();
    for (i, p) in people.iter().enumerate() {
        by_unit.entry(p.unit).or_default().push(i);
    }
    let mut rows = Rows::new("exemplars", COLUMNS);
    let units: Vec<usize> = [&tree.groups, &tree.schools, &tree.stations]
        .into_iter()
        .flatten()
        .copied()
        .filter(|u| tree.units[*u].valid_to.is_none())
        .collect();
    let year = g.today.year();
    for quarter in 1..=4u8 {
        let from = ymd(year, quarter * 3 - 2, 1);
        if from >= g.today {
            break;
        }
        let to = ymd(year, quarter * 3, 28).min(g.today);
        for &u in &units {
            if g.chance(0.5) {
                let on = g.day_between(from, to);
                let person = by_unit.get(&u).map(|ps| &people[*g.pick(ps)]);
                rows.push(row(g, org, tree, u, person, &campaign.id, on, quarter));
            }
        }
    }
    let mut tx = db.begin().await?;
    let n = rows.flush(&mut tx).await?;
    tx.commit().await?;
    Ok(n)
}

#[allow(clippy::too_many_arguments)]
fn row(
    g: &mut Gen,
    org: &str,
    tree: &Tree,
    unit: usize,
    person: Option<&Person>,
    campaign: &str,
    on: time::Date,
    quarter: u8,
) -> Vec<Val> {
    let u = &tree.units[unit];
    let (headline, story) = *g.pick(&DEEDS);
    let (kind, name, person_id) = match person {
        Some(p) if g.chance(0.6) => ("person", p.name.clone(), Val::Text(p.id.clone())),
        _ => ("collective", format!("Tập thể {}", u.name), Val::Null),
    };
    let status = *g.weighted(&[
        (60, "selected"),
        (20, "proposed"),
        (10, "more_info"),
        (10, "declined"),
    ]);
    let decided = status != "proposed";
    let published = status == "selected" && g.chance(0.8);
    let day = Val::Text(iso(on));
    let opt = |yes: bool, v: Val| if yes { v } else { Val::Null };
    vec![
        Val::Text(g.id()),
        org.into(),
        Val::Text(u.id.clone()),
        kind.into(),
        Val::Text(name.clone()),
        headline.into(),
        story.into(),
        person_id,
        campaign.into(),
        day.clone(),
        Val::Int(i64::from(on.year())),
        Val::Int(i64::from(quarter)),
        status.into(),
        opt(
            matches!(status, "more_info" | "declined"),
            "Đề nghị bổ sung minh chứng.".into(),
        ),
        opt(decided, day.clone()),
        opt(published, Val::Text(name.clone())),
        opt(published, day.clone()),
        opt(published, Val::Text(at(on))),
        Val::Text(exemplars::search_text(&name, headline, &u.name)),
        Val::Int(1),
        g.stamp(),
        g.stamp(),
    ]
}

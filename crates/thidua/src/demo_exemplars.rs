//! The demo's exemplary people and models of this year: each quarter that has begun, the wards put
//! forward a person, a collective or a model under the yearly plan (which answers its «gương điển hình
//! hằng quý» deadline); the standing office selects most, asks for more or declines a few; selected
//! ones get photos, consent and publication, some are forwarded to the city, models are adopted by
//! other wards, and people get a fostering plan. One consent is withdrawn, so one selected exemplar is
//! off the public site again.

use thidua_app as ops;
use thidua_app::Caller;
use thidua_app::campaign_work::Upload;
use thidua_app::exemplars::{
    AdoptionInput, ConsentInput, ExemplarInput, ForwardInput, FosteringInput, StateInput,
};
use thidua_domain::date::vn;
use thidua_store::blobs::BlobStore;
use thidua_store::campaigns::{self, CampaignFilter};
use thidua_store::exemplars::ExemplarRow;
use thidua_store::{Db, campaign_parts, persons, units};
use time::{Date, Month};

/// The wards that put exemplars forward (Bạch Đằng puts none forward in the last two quarters begun: its
/// last past quarterly deadline stays missing, as in the plan's matrix).
const WARDS: [&str; 8] = [
    "P-BACHDANG",
    "P-BACHKHOA",
    "P-BACHMAI",
    "P-BUITHIXUAN",
    "P-CAUDEN",
    "P-DONGMAC",
    "P-LEDAIHANH",
    "P-MINHKHAI",
];

/// A person's deeds; `{p}` and `{P}` stand for «ông» or «bà» as the person is a man or a woman.
const PERSON_STORIES: [(&str, &str); 4] = [
    (
        "Nhặt được túi xách có 45 triệu đồng và giấy tờ, trả lại người đánh rơi",
        "Trên đường đi làm về, {p} phát hiện một túi xách rơi trên vỉa hè, bên trong có 45 triệu đồng, điện thoại và nhiều giấy tờ tùy thân.\n{P} đã mang đến Công an phường trình báo, cùng cán bộ tìm và trả lại tài sản cho chủ nhân ngay trong buổi tối.\nViệc làm được người dân trong khu phố ghi nhận, lan tỏa tinh thần tương thân, tương ái.",
    ),
    (
        "Tổ trưởng tổ dân phố vận động 100% hộ gia đình phân loại rác tại nguồn",
        "Là tổ trưởng tổ dân phố, {p} đã kiên trì đến từng hộ hướng dẫn cách phân loại rác thải sinh hoạt, tổ chức điểm thu gom rác tái chế mỗi sáng Chủ nhật.\nSau sáu tháng, 100% hộ gia đình trong tổ thực hiện phân loại rác tại nguồn; số tiền bán rác tái chế được dùng để tặng quà cho học sinh có hoàn cảnh khó khăn.",
    ),
    (
        "Cán bộ một cửa chủ động hướng dẫn người cao tuổi làm thủ tục trực tuyến",
        "Tại bộ phận tiếp nhận và trả kết quả, {p} chủ động lập nhóm hỗ trợ người cao tuổi, người khuyết tật thực hiện dịch vụ công trực tuyến.\nTrong năm, {p} đã hướng dẫn hơn 600 lượt người dân nộp hồ sơ trực tuyến, không để hồ sơ nào quá hạn, được người dân đánh giá hài lòng.",
    ),
    (
        "Cựu chiến binh tình nguyện dạy võ miễn phí cho thiếu nhi trong hè",
        "{P} là hội viên Hội Cựu chiến binh phường, ba năm liền mở lớp võ cổ truyền miễn phí cho thiếu nhi trong dịp hè tại nhà văn hóa tổ dân phố.\nLớp học thu hút hơn 80 cháu tham gia, giúp các cháu rèn luyện sức khỏe, tránh xa thiết bị điện tử và tệ nạn xã hội.",
    ),
];

const COLLECTIVE_STORIES: [(&str, &str); 2] = [
    (
        "Không có tội phạm, tệ nạn xã hội ba năm liên tục",
        "Tập thể đã phối hợp chặt chẽ với Công an phường duy trì mô hình «camera an ninh tổ dân phố», tổ chức tuần tra đêm và hòa giải kịp thời các mâu thuẫn trong khu dân cư.\nBa năm liên tục địa bàn không có tội phạm, tệ nạn xã hội; 100% hộ gia đình đạt danh hiệu Gia đình văn hóa.",
    ),
    (
        "Vận động quyên góp xây nhà Đại đoàn kết cho hộ cận nghèo",
        "Tập thể đã phát động quyên góp trong cán bộ, hội viên và các nhà hảo tâm, vận động được 180 triệu đồng cùng hơn 300 ngày công lao động.\nNgôi nhà Đại đoàn kết được khánh thành sau 45 ngày, giúp gia đình cận nghèo có nơi ở ổn định.",
    ),
];

const MODELS: [(&str, &str, &str); 3] = [
    (
        "Mô hình «Tuyến phố văn minh, không rác thải nhựa»",
        "Tuyến phố sạch, đẹp, không rác thải nhựa nhờ các hộ kinh doanh cùng cam kết",
        "Các hộ kinh doanh trên tuyến phố ký cam kết không dùng túi ni lông, ống hút nhựa; tổ dân phố bố trí thùng rác phân loại và tổ chức tổng vệ sinh mỗi sáng thứ Bảy.\nSau một năm, lượng rác thải nhựa giảm rõ rệt, tuyến phố được người dân và du khách khen ngợi; nhiều tuyến phố khác đã đến học tập.",
    ),
    (
        "Mô hình «Tủ sách dùng chung» tại nhà văn hóa tổ dân phố",
        "Tủ sách hơn 2.000 đầu sách do người dân cùng đóng góp, mở cửa mỗi tối",
        "Từ lời kêu gọi của chi đoàn thanh niên, người dân đã góp hơn 2.000 đầu sách, báo để lập tủ sách dùng chung tại nhà văn hóa.\nTủ sách mở cửa mỗi tối và cả ngày Chủ nhật, do các bạn đoàn viên trực, trở thành điểm sinh hoạt của thiếu nhi và người cao tuổi.",
    ),
    (
        "Mô hình «Bữa cơm nghĩa tình» cho bệnh nhân nghèo",
        "Mỗi tuần nấu và trao 500 suất cơm miễn phí cho bệnh nhân nghèo",
        "Hội Liên hiệp Phụ nữ phường phối hợp với các nhà hảo tâm tổ chức nấu và trao 500 suất cơm miễn phí mỗi tuần cho bệnh nhân nghèo tại các bệnh viện trên địa bàn.\nMô hình duy trì đều đặn hai năm, huy động hơn 60 tình nguyện viên tham gia.",
    ),
];

/// Builds the year's exemplars in the organisation of `office`, if its yearly plan asks for them.
pub async fn build(db: &Db, blobs: &dyn BlobStore, office: &Caller) -> anyhow::Result<()> {
    let today = ops::today();
    let Some(campaign_id) = yearly_plan(db, office, today.year()).await? else {
        return Ok(());
    };
    let mut put = Vec::new();
    for quarter in 1..=4u8 {
        let on = Date::from_calendar_date(today.year(), month_of(quarter), 20)?;
        if on >= today {
            break;
        }
        for (i, code) in WARDS.iter().enumerate() {
            let latest = on + time::Duration::days(92) >= today;
            // A proposal answers the next quarterly deadline due: skip the two that would answer the
            // last one past, which the demo's matrix shows Bạch Đằng missing.
            if on + time::Duration::days(184) >= today && *code == "P-BACHDANG" {
                continue;
            }
            let input =
                exemplar_input(db, office, code, &campaign_id, i + usize::from(quarter)).await?;
            let row = ops::exemplars::put_forward_on(db, office, &input, on)
                .await
                .map_err(crate::demo::fail)?;
            put.push((row, latest));
        }
    }
    for (n, (row, latest)) in put.iter().enumerate() {
        decide(db, blobs, office, row, n, *latest).await?;
    }
    Ok(())
}

fn month_of(quarter: u8) -> Month {
    Month::try_from(quarter * 3 - 1).unwrap_or(Month::February)
}

/// The organisation's launched plan of `year` with a quarterly exemplar deadline.
async fn yearly_plan(db: &Db, office: &Caller, year: i32) -> anyhow::Result<Option<String>> {
    let mut tx = db.begin_read().await?;
    let filter = CampaignFilter {
        year: Some(i64::from(year)),
        status: Some("launched".into()),
        ..Default::default()
    };
    let mut found = None;
    for c in campaigns::list(&mut tx, office.org_id(), &filter).await? {
        let deadlines = campaign_parts::deadlines(&mut tx, &c.id).await?;
        if deadlines.iter().any(|d| d.kind == "exemplary_models") {
            found = Some(c.id);
            break;
        }
    }
    tx.commit().await?;
    Ok(found)
}

/// What a ward puts forward: a person of its own, a collective of it, or a model, by turns.
async fn exemplar_input(
    db: &Db,
    office: &Caller,
    code: &str,
    campaign_id: &str,
    turn: usize,
) -> anyhow::Result<ExemplarInput> {
    let mut tx = db.begin_read().await?;
    let unit = units::get_by_code(&mut tx, office.org_id(), code)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo exemplars: unit {code}"))?;
    let filter = persons::PersonFilter {
        unit_id: Some(unit.id.clone()),
        ..Default::default()
    };
    let people = persons::list(&mut tx, office.org_id(), &filter, 20, 0).await?;
    tx.commit().await?;
    let mut i = ExemplarInput {
        unit_id: unit.id.clone(),
        campaign_id: campaign_id.into(),
        ..Default::default()
    };
    match (turn % 3, people.get(turn % people.len().max(1))) {
        (0, Some(p)) => {
            let (headline, story) = PERSON_STORIES[turn % PERSON_STORIES.len()];
            i.kind = "person".into();
            i.name = p.full_name.clone();
            i.person_id = p.id.clone();
            i.headline = headline.into();
            let (p, cap) = if p.gender == "female" {
                ("bà", "Bà")
            } else {
                ("ông", "Ông")
            };
            i.story = story.replace("{p}", p).replace("{P}", cap);
        }
        (1, _) | (0, None) => {
            let (headline, story) = COLLECTIVE_STORIES[turn % COLLECTIVE_STORIES.len()];
            i.kind = "collective".into();
            i.name = format!("Tổ dân phố số {}, {}", turn % 9 + 1, unit.name);
            i.headline = headline.into();
            i.story = story.into();
        }
        _ => {
            let (name, headline, story) = MODELS[turn % MODELS.len()];
            i.kind = "model".into();
            i.name = format!("{name} — {}", unit.name);
            i.headline = headline.into();
            i.story = story.into();
        }
    }
    Ok(i)
}

/// The office's decisions on the `n`-th exemplar put forward; `latest` ones are still being looked at.
async fn decide(
    db: &Db,
    blobs: &dyn BlobStore,
    office: &Caller,
    row: &ExemplarRow,
    n: usize,
    latest: bool,
) -> anyhow::Result<()> {
    let act = |action: &str, reason: &str, version: i64| StateInput {
        action: action.into(),
        reason: reason.into(),
        version,
    };
    let fail = crate::demo::fail;
    if latest && n.is_multiple_of(3) {
        return Ok(());
    }
    if n % 7 == 3 {
        let reason = "Thành tích chưa thật nổi bật so với các gương khác trong quý; đề nghị đơn vị tiếp tục theo dõi, bồi dưỡng.";
        ops::exemplars::act(db, office, &row.id, &act("decline", reason, row.version))
            .await
            .map_err(fail)?;
        return Ok(());
    }
    if n % 5 == 1 {
        let reason =
            "Đề nghị bổ sung ảnh hoạt động và xác nhận của Ban công tác Mặt trận tổ dân phố.";
        let r = ops::exemplars::act(db, office, &row.id, &act("ask_more", reason, row.version))
            .await
            .map_err(fail)?;
        if latest {
            return Ok(());
        }
        ops::exemplars::act(db, office, &row.id, &act("resubmit", "", r.version))
            .await
            .map_err(fail)?;
    }
    let current = ops::exemplars::detail(db, office, &row.id)
        .await
        .map_err(fail)?;
    let selected = ops::exemplars::act(
        db,
        office,
        &row.id,
        &act("select", "", current.exemplar.version),
    )
    .await
    .map_err(fail)?;
    after_selection(db, blobs, office, &selected, n).await
}

/// Photos, consent, publication, forwarding, adoptions and fostering of a selected exemplar.
async fn after_selection(
    db: &Db,
    blobs: &dyn BlobStore,
    office: &Caller,
    row: &ExemplarRow,
    n: usize,
) -> anyhow::Result<()> {
    let fail = crate::demo::fail;
    let photo = Upload {
        file_name: format!("anh-{}.png", n + 1),
        bytes: picture(n),
    };
    let caption = "Ảnh minh họa (dữ liệu mẫu)";
    ops::exemplars::add_photo(db, blobs, office, &row.id, &photo, caption)
        .await
        .map_err(fail)?;
    if n % 6 == 4 {
        return Ok(()); // consent not yet recorded: selected, not public
    }
    let consent = ConsentInput {
        action: "give".into(),
        given_by: format!("{} (đồng ý bằng văn bản)", row.name),
        version: row.version,
    };
    let r = ops::exemplars::consent(db, office, &row.id, &consent)
        .await
        .map_err(fail)?;
    let r = ops::exemplars::publish(db, office, &row.id, r.version, true)
        .await
        .map_err(fail)?;
    if n == 2 {
        let withdraw = ConsentInput {
            action: "withdraw".into(),
            version: r.version,
            ..Default::default()
        };
        ops::exemplars::consent(db, office, &row.id, &withdraw)
            .await
            .map_err(fail)?;
        return Ok(());
    }
    let r = if n.is_multiple_of(4) {
        let f = ForwardInput {
            forwarded_to: "Ban Thi đua – Khen thưởng Thành phố Hà Nội".into(),
            version: r.version,
        };
        ops::exemplars::forward(db, office, &row.id, &f)
            .await
            .map_err(fail)?
    } else {
        r
    };
    match r.kind.as_str() {
        "model" => adopt(db, office, &r, n).await,
        "person" => foster(db, office, &r).await,
        _ => Ok(()),
    }
}

/// Two or three other wards adopt the model.
async fn adopt(db: &Db, office: &Caller, row: &ExemplarRow, n: usize) -> anyhow::Result<()> {
    let from = thidua_domain::date::parse(&row.put_forward_on).unwrap_or_else(ops::today);
    for (k, code) in WARDS
        .iter()
        .cycle()
        .skip(n % WARDS.len() + 1)
        .take(2 + n % 2)
        .enumerate()
    {
        let mut tx = db.begin_read().await?;
        let unit = units::get_by_code(&mut tx, office.org_id(), code).await?;
        tx.commit().await?;
        let Some(unit) = unit.filter(|u| u.id != row.unit_id) else {
            continue;
        };
        let on = (from + time::Duration::days(30 * (k as i64 + 1))).min(ops::today());
        let input = AdoptionInput {
            unit_id: unit.id,
            adopted_on: vn(on),
            result: format!(
                "Đã triển khai tại {} tổ dân phố; người dân hưởng ứng tích cực.",
                3 + k
            ),
        };
        ops::exemplars::add_adoption(db, office, &row.id, &input)
            .await
            .map_err(crate::demo::fail)?;
    }
    Ok(())
}

/// A fostering step towards the ward's certificate of merit.
async fn foster(db: &Db, office: &Caller, row: &ExemplarRow) -> anyhow::Result<()> {
    let due = Date::from_calendar_date(ops::today().year(), Month::December, 31)?;
    let input = FosteringInput {
        goal: "Giấy khen của Chủ tịch UBND quận".into(),
        supporter: format!("Ủy ban nhân dân {} và Phòng Nội vụ", row.unit_name),
        due_on: vn(due),
        note: "Hoàn thiện báo cáo thành tích, lấy ý kiến khu dân cư.".into(),
    };
    ops::exemplars::add_fostering(db, office, &row.id, &input)
        .await
        .map_err(crate::demo::fail)?;
    Ok(())
}

/// A plain picture (a soft gradient of its own hue), standing in for a photo in the demo.
fn picture(n: usize) -> Vec<u8> {
    let hue = [(29, 79, 145), (27, 110, 58), (179, 38, 30), (200, 140, 20)][n % 4];
    let img = image::RgbImage::from_fn(640, 420, |x, y| {
        let t = (x + y) as f32 / 1060.0;
        let mix = |c: u8| (f32::from(c) * (1.0 - t) + 245.0 * t) as u8;
        image::Rgb([mix(hue.0), mix(hue.1), mix(hue.2)])
    });
    let mut out = Vec::new();
    let _ = image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png);
    out
}

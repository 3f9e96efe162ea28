//! The demo's year-end report (*báo cáo tổng kết*) of its latest closed plan, written by the standing
//! office: number, date and the text of the assessment, next tasks and proposals — the figures,
//! tables and charts come from the records whenever it is opened or downloaded.

use std::collections::BTreeMap;
use thidua_app as ops;
use thidua_app::Caller;
use thidua_domain::campaign::report::{ReportInput, ReportKind};
use thidua_domain::date::{parse, vn};
use thidua_store::Db;
use thidua_store::campaigns::{self, CampaignFilter};
use time::Duration;

const TEXTS: [(&str, &str); 4] = [
    (
        "direction",
        "Ngay sau khi Kế hoạch được ban hành, Thường trực Hội đồng Thi đua – Khen thưởng quận đã \
         hướng dẫn các phòng, ban, đơn vị và Ủy ban nhân dân các phường xây dựng kế hoạch triển \
         khai, tổ chức phát động và đăng ký thi đua; các đơn vị trong Cụm, Khối ký kết giao ước.",
    ),
    (
        "assessment",
        "Ưu điểm: phong trào được triển khai đồng bộ, các đơn vị hưởng ứng tích cực; nhiều chỉ \
         tiêu hoàn thành vượt mức.\nHạn chế: một số đơn vị gửi báo cáo chưa đúng thời hạn; việc \
         phát hiện, giới thiệu gương điển hình tiên tiến còn ít.",
    ),
    (
        "next",
        "Tiếp tục đẩy mạnh phong trào thi đua gắn với nhiệm vụ chính trị năm tới; chấn chỉnh \
         chế độ báo cáo; chú trọng khen thưởng người trực tiếp lao động, công tác.",
    ),
    (
        "proposals",
        "Đề nghị Ủy ban nhân dân Thành phố quan tâm, bố trí kinh phí cho công tác thi đua, \
         khen thưởng ở cơ sở.",
    ),
];

/// Writes the year-end report of the organisation's most recently ended closed plan, if any.
pub async fn build(db: &Db, office: &Caller) -> anyhow::Result<()> {
    let mut tx = db.begin_read().await?;
    let filter = CampaignFilter {
        status: Some("closed".into()),
        ..Default::default()
    };
    let closed = campaigns::list(&mut tx, office.org_id(), &filter).await?;
    tx.commit().await?;
    let Some(c) = closed.iter().max_by_key(|c| c.period_to.clone()) else {
        return Ok(());
    };
    let Some(to) = parse(&c.period_to) else {
        return Ok(());
    };
    let input = ReportInput {
        number: String::new(),
        issued_on: vn(to + Duration::days(20)),
        as_of: vn(to),
        texts: TEXTS
            .iter()
            .map(|(k, t)| (k.to_string(), t.to_string()))
            .collect::<BTreeMap<_, _>>(),
    };
    ops::campaign_report::save(db, office, &c.id, ReportKind::Final, &input, 0)
        .await
        .map_err(|e| anyhow::anyhow!("demo report ({}): {}", c.title, e.message()))
}

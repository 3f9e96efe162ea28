//! The demo's mid-year pact reviews: each member assessed as its measured clauses suggest, through
//! the same use case a cluster leader uses.

use thidua_app::Caller;
use thidua_app::pact_review;
use thidua_domain::campaign::pact::{Assessment, PactReviewInput};
use thidua_domain::date::vn;
use time::Date;

/// Records the review of a cluster's pact on `on`.
pub async fn review(
    db: &thidua_store::Db,
    ctx: &Caller,
    campaign_id: &str,
    cluster_id: &str,
    on: Date,
) -> anyhow::Result<()> {
    let sheet = pact_review::sheet(db, ctx, campaign_id, cluster_id, Some(on)).await?;
    let members = sheet
        .members
        .iter()
        .map(|m| {
            let assessment = m.suggested.unwrap_or(Assessment::Partly);
            let comment = match assessment {
                Assessment::Met => "",
                Assessment::Partly => {
                    "Cần đẩy nhanh tiến độ các chỉ tiêu chưa đạt trong những tháng cuối năm."
                }
                Assessment::NotMet => {
                    "Chưa báo cáo hoặc chưa đạt chỉ tiêu giao ước; Cụm trưởng đôn đốc, kiểm tra."
                }
            };
            (
                m.unit_id.clone(),
                assessment.code().to_string(),
                comment.to_string(),
            )
        })
        .collect();
    let input = PactReviewInput {
        reviewed_on: vn(on),
        summary: "Các đơn vị thành viên triển khai giao ước nghiêm túc; một số chỉ tiêu còn chậm so với mức giao ước, cần tập trung trong thời gian còn lại của năm.".into(),
        members,
    };
    pact_review::record(db, ctx, campaign_id, cluster_id, None, &input).await?;
    Ok(())
}

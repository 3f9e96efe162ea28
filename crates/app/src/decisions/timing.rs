//! When a decision may be signed: not in the future, not before what it decides (the dossier's
//! submission, the council's vote), and only while the deciding body exists. A district abolished on
//! 01/07/2025 keeps its history readable but signs nothing dated after 30/06/2025 (LAW.md §9.4 rule
//! 26), and a dossier sent in 2026 cannot be given a decision dated 2025 to slip under that line.

use crate::error::Result;
use thidua_domain::Validation;
use thidua_domain::date::{parse, vn};
use thidua_store::Tx;
use thidua_store::decisions::{self, BodySpan};
use thidua_store::nominations::NominationRow;
use time::Date;

const FIELD: &str = "signed_on";
const LABEL: &str = "Ngày ký";

/// The day of a stored timestamp in Vietnam (UTC+7): a dossier sent at 23:30 UTC was sent the next
/// morning in Hà Nội.
fn vn_day(ts: &str) -> Option<Date> {
    let t = time::OffsetDateTime::parse(ts, &time::format_description::well_known::Rfc3339).ok()?;
    Some((t + time::Duration::hours(7)).date())
}

/// The signing date is not after today.
pub fn not_in_future(date: Date, v: &mut Validation) {
    let today = crate::today();
    if date > today {
        v.add(
            FIELD,
            LABEL,
            format!(
                "Ngày ký {} ở sau ngày hôm nay ({}); quyết định chỉ ghi ngày đã ký.",
                vn(date),
                vn(today)
            ),
        );
    }
}

/// The deciding body existed on `date`: its root unit and its level (the district level ends on
/// 30/06/2025).
pub async fn body_exists(tx: &mut Tx, org_id: &str, date: Date, v: &mut Validation) -> Result<()> {
    let Some(b) = decisions::body_span(tx, org_id).await? else {
        return Ok(());
    };
    if let Some(why) = body_gone(&b, date) {
        v.add(FIELD, LABEL, why);
    }
    Ok(())
}

/// Why the body could not sign on `date`, if it could not.
pub fn body_gone(b: &BodySpan, date: Date) -> Option<String> {
    let ends = |to: &Option<String>| to.as_deref().and_then(parse).filter(|t| date > *t);
    let starts = |from: &str| parse(from).filter(|f| date < *f);
    if let Some(end) = ends(&b.level_to) {
        return Some(format!(
            "{} thuộc {}, cấp này chấm dứt hoạt động sau ngày {}: không thể ký quyết định ngày {}. Lịch sử khen thưởng của đơn vị vẫn được giữ; hồ sơ mới do cơ quan kế thừa quyết định.",
            b.name,
            b.level_name.to_lowercase(),
            vn(end),
            vn(date)
        ));
    }
    if let Some(end) = ends(&b.unit_to) {
        return Some(format!(
            "{} ngừng hoạt động sau ngày {}: không thể ký quyết định ngày {}.",
            b.name,
            vn(end),
            vn(date)
        ));
    }
    starts(&b.unit_from).map(|from| {
        format!(
            "{} chỉ hoạt động từ ngày {}: không thể ký quyết định ngày {}.",
            b.name,
            vn(from),
            vn(date)
        )
    })
}

/// The decision is not dated before the nomination was sent or voted on by the council.
pub async fn not_before_dossier(
    tx: &mut Tx,
    n: &NominationRow,
    name: &str,
    date: Date,
    v: &mut Validation,
) -> Result<()> {
    if let Some(sent) = n.submitted_at.as_deref().and_then(vn_day)
        && date < sent
    {
        v.add(
            FIELD,
            LABEL,
            format!(
                "{name}: hồ sơ gửi ngày {}, quyết định không thể ký trước đó (ngày ký {}).",
                vn(sent),
                vn(date)
            ),
        );
        return Ok(());
    }
    if let Some(voted) = decisions::passed_on(tx, &n.id)
        .await?
        .as_deref()
        .and_then(parse)
        && date < voted
    {
        v.add(
            FIELD,
            LABEL,
            format!(
                "{name}: Hội đồng họp xét ngày {}, quyết định không thể ký trước đó (ngày ký {}).",
                vn(voted),
                vn(date)
            ),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn district() -> BodySpan {
        BodySpan {
            name: "Ủy ban nhân dân quận Hai Bà Trưng".into(),
            level_name: "Cấp huyện".into(),
            unit_from: "2000-01-01".into(),
            unit_to: None,
            level_from: "1945-09-02".into(),
            level_to: Some("2025-06-30".into()),
        }
    }

    #[test]
    fn a_district_signs_until_the_end_of_its_level() {
        assert_eq!(body_gone(&district(), date!(2025 - 06 - 30)), None);
        let why = body_gone(&district(), date!(2025 - 07 - 01)).unwrap();
        assert!(why.contains("30/06/2025"), "{why}");
        assert!(why.contains("cấp huyện"), "{why}");
    }

    #[test]
    fn a_unit_not_yet_founded_signs_nothing() {
        let mut b = district();
        b.unit_from = "2025-07-01".into();
        b.level_to = None;
        assert!(body_gone(&b, date!(2025 - 06 - 30)).is_some());
        assert!(body_gone(&b, date!(2025 - 07 - 01)).is_none());
    }

    #[test]
    fn a_timestamp_late_in_the_utc_day_is_the_next_day_in_vietnam() {
        assert_eq!(vn_day("2026-12-03T23:30:00Z"), Some(date!(2026 - 12 - 04)));
        assert_eq!(vn_day("2026-12-03T10:00:00Z"), Some(date!(2026 - 12 - 03)));
    }
}

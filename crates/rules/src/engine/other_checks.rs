//! Evaluators of the criteria that read the members of a collective, user assertions,
//! quotas, caps and deadlines.

use super::Ctx;
use super::history_checks::{Found, names};
use super::types::Outcome;
use crate::model::{Code, DisciplineLevel, Rating};
use crate::text::date_vn;

fn roster_or_unknown<'r>(ctx: &Ctx<'r, '_>) -> Result<&'r crate::ledger::Roster, Found> {
    let y = ctx.proposal.year;
    match ctx.roster {
        Some(r) if r.year == y => Ok(r),
        _ => Err(Found::new(
            Outcome::Unknown,
            format!(
                "chưa có danh sách thành viên năm {y} (tính sau khi xét danh hiệu cá nhân cùng năm)"
            ),
        )),
    }
}

pub(crate) fn members_ratio(ctx: &Ctx<'_, '_>, of: &[Code], percent: Option<u32>) -> Found {
    let roster = match roster_or_unknown(ctx) {
        Ok(r) => r,
        Err(f) => return f,
    };
    let p = percent.unwrap_or(ctx.rules.params.collective_ratio_percent);
    let total = roster.members.len();
    if total == 0 {
        return Found::new(Outcome::Unknown, "danh sách thành viên trống");
    }
    let holders = roster
        .members
        .iter()
        .filter(|m| m.titles.iter().any(|t| of.contains(t)))
        .count();
    let pct = holders * 100 / total;
    let detail = format!(
        "tỷ lệ {} {holders}/{total} = {pct}% (cần ≥ {p}%)",
        names(ctx, of)
    );
    let ok = holders * 100 >= usize::try_from(p).unwrap_or(usize::MAX) * total;
    Found::new(if ok { Outcome::Pass } else { Outcome::Fail }, detail)
}

pub(crate) fn members_min_rating(ctx: &Ctx<'_, '_>, min: Rating) -> Found {
    let roster = match roster_or_unknown(ctx) {
        Ok(r) => r,
        Err(f) => return f,
    };
    let below: Vec<&str> = roster
        .members
        .iter()
        .filter(|m| m.rating.is_some_and(|r| r < min))
        .map(|m| m.person_id.as_str())
        .collect();
    let unknown = roster.members.iter().filter(|m| m.rating.is_none()).count();
    if !below.is_empty() {
        return Found::new(
            Outcome::Fail,
            format!(
                "cần 100% thành viên {}; không đạt: {}",
                min.at_least_label(),
                below.join(", ")
            ),
        );
    }
    if unknown > 0 {
        return Found::new(
            Outcome::Unknown,
            format!(
                "cần 100% thành viên {}; {unknown} thành viên chưa có xếp loại",
                min.at_least_label()
            ),
        );
    }
    Found::new(
        Outcome::Pass,
        format!("100% thành viên {}", min.at_least_label()),
    )
}

pub(crate) fn members_no_discipline(ctx: &Ctx<'_, '_>, min_level: DisciplineLevel) -> Found {
    let roster = match roster_or_unknown(ctx) {
        Ok(r) => r,
        Err(f) => return f,
    };
    let hit: Vec<String> = roster
        .members
        .iter()
        .filter_map(|m| {
            m.discipline
                .filter(|d| *d >= min_level)
                .map(|d| format!("{} ({})", m.person_id, d.label()))
        })
        .collect();
    if hit.is_empty() {
        Found::new(
            Outcome::Pass,
            format!(
                "không có thành viên bị kỷ luật từ mức {} trở lên",
                min_level.label()
            ),
        )
    } else {
        Found::new(
            Outcome::Fail,
            format!(
                "có thành viên bị kỷ luật từ mức {} trở lên: {}",
                min_level.label(),
                hit.join(", ")
            ),
        )
    }
}

pub(crate) fn members_with_title(ctx: &Ctx<'_, '_>, of: &[Code], count: u32) -> Found {
    let roster = match roster_or_unknown(ctx) {
        Ok(r) => r,
        Err(f) => return f,
    };
    let n = roster
        .members
        .iter()
        .filter(|m| m.titles.iter().any(|t| of.contains(t)))
        .count();
    let need = usize::try_from(count).unwrap_or(usize::MAX);
    let detail = format!(
        "cần ít nhất {count} thành viên đạt {}; có {n}",
        names(ctx, of)
    );
    Found::new(
        if n >= need {
            Outcome::Pass
        } else {
            Outcome::Fail
        },
        detail,
    )
}

pub(crate) fn assertion(ctx: &Ctx<'_, '_>, key: &str, text: &str) -> Found {
    match ctx.proposal.assertions.get(key) {
        Some(true) => Found::new(Outcome::Pass, format!("đã xác nhận: {text}")),
        Some(false) => Found::new(Outcome::Fail, format!("không đạt: {text}")),
        None => Found::new(
            Outcome::Unknown,
            format!("cần người có thẩm quyền xác nhận: {text}"),
        ),
    }
}

pub(crate) fn once_per_lifetime(ctx: &Ctx<'_, '_>) -> Found {
    let prior = ctx
        .hist
        .awards()
        .filter(|a| a.code == ctx.entry.code && !a.provisional)
        .min_by_key(|a| a.year);
    match prior {
        Some(a) => Found::new(
            Outcome::Fail,
            format!("chỉ tặng một lần; đã được tặng năm {}", a.year),
        ),
        None => Found::new(Outcome::Pass, "chưa được tặng lần nào"),
    }
}

pub(crate) fn quota(ctx: &Ctx<'_, '_>, max: u32) -> Found {
    match ctx.proposal.quota_used {
        None => Found::new(
            Outcome::Unknown,
            format!("tối đa {max} mỗi năm; chưa có số đã xét trong năm"),
        ),
        Some(used) if used < max => Found::new(
            Outcome::Pass,
            format!("tối đa {max} mỗi năm; đã có {used}, còn {}", max - used),
        ),
        Some(used) => Found::new(
            Outcome::Fail,
            format!("tối đa {max} mỗi năm; đã có {used} — hết chỉ tiêu"),
        ),
    }
}

pub(crate) fn ratio_cap(ctx: &Ctx<'_, '_>, percent: Option<u32>) -> Option<Found> {
    let p = percent.or(ctx.rules.params.cstdcs_cap_percent)?;
    Some(match ctx.proposal.unit_counts {
        None => Found::new(
            Outcome::Unknown,
            format!("giới hạn {p}% trong đơn vị; chưa có số liệu của đơn vị"),
        ),
        Some(c) => {
            let ok = u64::from(c.holders) * 100 <= u64::from(p) * u64::from(c.base);
            let detail = format!(
                "giới hạn {p}%: {}/{} (kể cả đề nghị này)",
                c.holders, c.base
            );
            Found::new(if ok { Outcome::Pass } else { Outcome::Fail }, detail)
        }
    })
}

pub(crate) fn deadline(ctx: &Ctx<'_, '_>, month: u8, day: u8, year_offset: i32) -> Found {
    let y = ctx.proposal.year + year_offset;
    let due = time::Month::try_from(month)
        .ok()
        .and_then(|m| time::Date::from_calendar_date(y, m, day).ok());
    let Some(due) = due else {
        return Found::new(
            Outcome::Unknown,
            format!("hạn {day}/{month}/{y} không tồn tại"),
        );
    };
    match ctx.proposal.submitted_on {
        None => Found::new(
            Outcome::Unknown,
            format!("hạn nộp hồ sơ {}; chưa có ngày nộp", date_vn(due)),
        ),
        Some(s) if s <= due => Found::new(
            Outcome::Pass,
            format!("nộp ngày {}, trong hạn {}", date_vn(s), date_vn(due)),
        ),
        Some(s) => Found::new(
            Outcome::Fail,
            format!("nộp ngày {}, quá hạn {}", date_vn(s), date_vn(due)),
        ),
    }
}

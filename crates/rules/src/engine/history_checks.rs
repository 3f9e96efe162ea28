//! Evaluators of the criteria that read a nominee's own history: rating of the year,
//! discipline, consecutive titles (chains), rating streaks, initiatives, and the
//! "N years after a prior award" chains of the forms of commendation.

use std::collections::BTreeSet;

use super::Ctx;
use super::types::Outcome;
use crate::criteria::Check;
use crate::model::{Code, DisciplineLevel, InitiativeLevel, Rating};
use crate::text::{date_vn, years_vn};

/// Result of one predicate before it is wrapped with the entry name and article.
pub(crate) struct Found {
    pub outcome: Outcome,
    pub detail: String,
    pub facts: Vec<String>,
}

impl Found {
    pub fn new(outcome: Outcome, detail: impl Into<String>) -> Self {
        Found {
            outcome,
            detail: detail.into(),
            facts: Vec::new(),
        }
    }
    pub fn fact(mut self, f: impl Into<String>) -> Self {
        self.facts.push(f.into());
        self
    }
}

pub(crate) fn names(ctx: &Ctx<'_, '_>, codes: &[Code]) -> String {
    let v: Vec<&str> = codes.iter().map(|c| ctx.catalog.name_of(c)).collect();
    v.join(" hoặc ")
}

pub(crate) fn rating(ctx: &Ctx<'_, '_>, min: Rating) -> Found {
    let y = ctx.proposal.year;
    match ctx.hist.rating(y) {
        None => Found::new(
            Outcome::Unknown,
            format!(
                "cần xếp loại {} năm {y}; chưa có xếp loại năm {y}",
                min.at_least_label()
            ),
        ),
        Some(r) if r >= min => Found::new(
            Outcome::Pass,
            format!(
                "xếp loại năm {y}: {} (cần {})",
                r.label(),
                min.at_least_label()
            ),
        ),
        Some(r) => Found::new(
            Outcome::Fail,
            format!(
                "xếp loại năm {y}: {} — cần {}",
                r.label(),
                min.at_least_label()
            ),
        ),
    }
}

pub(crate) fn no_discipline(ctx: &Ctx<'_, '_>, min_level: DisciplineLevel) -> Found {
    let y = ctx.proposal.year;
    let hit = ctx
        .hist
        .ledger
        .disciplines
        .iter()
        .filter(|d| d.overlaps_year(y) && d.level >= min_level)
        .max_by_key(|d| (d.level, d.to, d.from));
    match hit {
        Some(d) => Found::new(
            Outcome::Fail,
            format!(
                "bị kỷ luật {} từ {} đến {}, trùng năm {y}",
                d.level.label(),
                date_vn(d.from),
                date_vn(d.to)
            ),
        ),
        None => Found::new(
            Outcome::Pass,
            format!(
                "không bị kỷ luật (từ mức {}) trong năm {y}",
                min_level.label()
            ),
        ),
    }
}

/// Years that a chain ending at `end` needs: `end, end-step, …` (`n` of them), ascending.
fn window(end: i32, n: u32, step: u32) -> Vec<i32> {
    let step = i32::try_from(step).unwrap_or(1);
    let mut v: Vec<i32> = (0..n)
        .map(|k| end - step * i32::try_from(k).unwrap_or(0))
        .collect();
    v.reverse();
    v
}

/// Years before which a run may not start: after the last award of the proposed code itself
/// (unless the rule set allows reusing consumed years) and after any discipline.
fn floor_year(ctx: &Ctx<'_, '_>) -> (i32, Option<String>) {
    let mut floor = ctx.hist.first_countable;
    let mut why = ctx
        .hist
        .last_discipline
        .filter(|_| floor > i32::MIN)
        .map(|d| {
            format!(
                "thành tích trước khi hết kỷ luật ({}) không được tính",
                date_vn(d.to)
            )
        });
    if !ctx.rules.params.reuse_consumed_years
        && let Some(last) = ctx.hist.last_before(&ctx.entry.code, ctx.proposal.year)
        && last + 1 > floor
    {
        floor = last + 1;
        why = Some(format!(
            "các năm đến {last} đã dùng cho lần được tặng {} trước",
            ctx.entry.name
        ));
    }
    (floor, why)
}

pub(crate) fn chain(ctx: &Ctx<'_, '_>, of: &[Code], n: u32, step: u32) -> Found {
    let have = ctx.hist.merit_years(of);
    let (floor, why) = floor_year(ctx);
    let y = ctx.proposal.year;
    let ends: Vec<i32> = (0..=ctx.rules.params.window_end_offset)
        .map(|o| y - i32::try_from(o).unwrap_or(0))
        .collect();
    let what = names(ctx, of);
    let unit = if step == 1 {
        "năm liên tục"
    } else {
        "lần liên tục"
    };
    let mut best: Option<(Vec<i32>, Vec<i32>)> = None;
    for end in ends {
        let need = window(end, n, step);
        let missing: Vec<i32> = need
            .iter()
            .copied()
            .filter(|yy| !have.contains(yy) || *yy < floor)
            .collect();
        if missing.is_empty() {
            return Found::new(
                Outcome::Pass,
                format!("có {n} {unit} {what}: {}", years_vn(&need)),
            )
            .fact(format!(
                "{what}: {}",
                years_vn(&have.iter().copied().collect::<Vec<_>>())
            ));
        }
        if best.as_ref().is_none_or(|(_, m)| missing.len() < m.len()) {
            best = Some((need, missing));
        }
    }
    let (need, missing) = best.unwrap_or_default();
    let had: Vec<i32> = need
        .iter()
        .copied()
        .filter(|yy| have.contains(yy) && *yy >= floor)
        .collect();
    let had = if had.is_empty() {
        "chưa có năm nào".to_owned()
    } else {
        format!("có {}", years_vn(&had))
    };
    let mut detail = format!(
        "cần {n} {unit} {what} ({}); {had} — thiếu {}",
        years_vn(&need),
        years_vn(&missing)
    );
    if let Some(w) = why.filter(|_| need.iter().any(|yy| *yy < floor && have.contains(yy))) {
        detail.push_str(&format!(" ({w})"));
    }
    // Whether the run may end the year before the proposal is unverified (LAW.md §9.1(3) [U]): when
    // only that reading passes, say both instead of silently choosing one.
    let earlier = window(y - 1, n, step);
    if ctx.rules.params.window_end_offset == 0
        && earlier.iter().all(|yy| have.contains(yy) && *yy >= floor)
    {
        detail.push_str(&format!(". Điểm pháp lý chưa được kiểm chứng: nếu chuỗi được kết thúc vào năm trước năm đề nghị thì đạt ({}); theo cách hiểu bộ quy tắc đang áp dụng (chuỗi kết thúc năm {y}) thì chưa đạt — người có thẩm quyền quyết định", years_vn(&earlier)));
        return Found::new(Outcome::Unknown, detail).fact(format!(
            "{what}: {}",
            years_vn(&have.iter().copied().collect::<Vec<_>>())
        ));
    }
    Found::new(Outcome::Fail, detail).fact(format!(
        "{what}: {}",
        years_vn(&have.iter().copied().collect::<Vec<_>>())
    ))
}

pub(crate) fn streak(ctx: &Ctx<'_, '_>, min: Rating, n: u32) -> Found {
    let y = ctx.proposal.year;
    let need = window(y, n, 1);
    let floor = ctx.hist.first_countable;
    let mut missing = Vec::new();
    let mut unknown = Vec::new();
    for yy in &need {
        match ctx.hist.rating(*yy) {
            Some(r) if r >= min && *yy >= floor => {}
            None => unknown.push(*yy),
            _ => missing.push(*yy),
        }
    }
    let label = min.at_least_label();
    if missing.is_empty() && unknown.is_empty() {
        return Found::new(
            Outcome::Pass,
            format!("có {n} năm liên tục {label}: {}", years_vn(&need)),
        );
    }
    if missing.is_empty() {
        return Found::new(
            Outcome::Unknown,
            format!(
                "cần {n} năm liên tục {label}; chưa có xếp loại năm {}",
                years_vn(&unknown)
            ),
        );
    }
    let mut bad = missing;
    bad.extend(unknown);
    bad.sort_unstable();
    Found::new(
        Outcome::Fail,
        format!(
            "cần {n} năm liên tục {label} ({}); không đạt năm {}",
            years_vn(&need),
            years_vn(&bad)
        ),
    )
}

pub(crate) fn initiatives(
    ctx: &Ctx<'_, '_>,
    min_level: InitiativeLevel,
    count: u32,
    within: u32,
) -> Found {
    let y = ctx.proposal.year;
    let from = if within == 0 {
        i32::MIN
    } else {
        y - i32::try_from(within).unwrap_or(0) + 1
    };
    let listed = &ctx.proposal.initiatives;
    let mut ok: Vec<&str> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for i in &ctx.hist.ledger.initiatives {
        if !listed.is_empty() && !listed.contains(&i.id) {
            continue;
        }
        if i.level < min_level || i.year < from || i.year > y || !ctx.hist.countable(i.year) {
            continue;
        }
        // People read the initiative's name; the id is only a fallback for unnamed ones.
        let label = if i.name.trim().is_empty() {
            i.id.as_str()
        } else {
            i.name.as_str()
        };
        match ctx.hist.initiative_use(&i.id) {
            Some(a) => notes.push(format!(
                "\u{201c}{label}\u{201d} đã dùng cho {} năm {}",
                ctx.catalog.name_of(&a.code),
                a.year
            )),
            None => ok.push(label),
        }
    }
    ok.sort_unstable();
    notes.sort_unstable();
    let period = if within == 0 {
        String::new()
    } else {
        format!(" trong {}–{y}", from)
    };
    let have = u32::try_from(ok.len()).unwrap_or(u32::MAX);
    let mut detail = format!(
        "cần {count} sáng kiến/đề tài {} chưa dùng làm căn cứ{period}; có {have}{}",
        min_level.label(),
        if ok.is_empty() {
            String::new()
        } else {
            format!(" ({})", ok.join(", "))
        }
    );
    if !notes.is_empty() {
        detail.push_str(&format!("; {}", notes.join("; ")));
    }
    let outcome = if have >= count {
        Outcome::Pass
    } else {
        Outcome::Fail
    };
    if outcome == Outcome::Fail {
        detail.push_str(&format!(" — thiếu {}", count - have));
    }
    Found::new(outcome, detail)
}

struct AfterArgs<'c> {
    every_year: Rating,
    title: Option<&'c Code>,
    title_count: u32,
    excellent_years: u32,
}

/// Shortfalls of the period `(t0, y]`; empty when it qualifies. Second value: unknown years.
fn period_shortfalls(ctx: &Ctx<'_, '_>, t0: i32, a: &AfterArgs<'_>) -> (Vec<String>, Vec<i32>) {
    let y = ctx.proposal.year;
    let mut out = Vec::new();
    let mut unknown = Vec::new();
    let mut low = Vec::new();
    let mut excellent = 0u32;
    for yy in (t0 + 1)..=y {
        match ctx.hist.rating(yy) {
            None => unknown.push(yy),
            Some(r) => {
                if r < a.every_year || !ctx.hist.countable(yy) {
                    low.push(yy);
                }
                if r == Rating::Excellent && ctx.hist.countable(yy) {
                    excellent += 1;
                }
            }
        }
    }
    if !low.is_empty() {
        out.push(format!(
            "năm không đạt {}: {}",
            a.every_year.at_least_label(),
            years_vn(&low)
        ));
    }
    if let Some(t) = a.title {
        let years: BTreeSet<i32> = ctx.hist.merit_years(std::slice::from_ref(t));
        let got: Vec<i32> = years
            .range((t0 + 1)..=y)
            .copied()
            .filter(|yy| ctx.hist.countable(*yy))
            .collect();
        if u32::try_from(got.len()).unwrap_or(u32::MAX) < a.title_count {
            out.push(format!(
                "cần {} lần {} trong giai đoạn, có {} ({})",
                a.title_count,
                ctx.catalog.name_of(t),
                got.len(),
                years_vn(&got)
            ));
        }
    }
    if excellent < a.excellent_years {
        out.push(format!(
            "cần {} năm Hoàn thành xuất sắc nhiệm vụ trong giai đoạn, có {excellent}",
            a.excellent_years
        ));
    }
    (out, unknown)
}

pub(crate) fn after_award(ctx: &Ctx<'_, '_>, check: &Check) -> Found {
    let Check::AfterAward {
        of,
        min_years,
        every_year,
        title,
        title_count,
        excellent_years,
    } = check
    else {
        return Found::new(Outcome::Unknown, "cấu hình kiểm tra không hợp lệ");
    };
    let args = AfterArgs {
        every_year: *every_year,
        title: title.as_ref(),
        title_count: *title_count,
        excellent_years: *excellent_years,
    };
    let y = ctx.proposal.year;
    let what = names(ctx, of);
    let span = i32::try_from(*min_years).unwrap_or(i32::MAX);
    let (floor, _) = floor_year(ctx);
    let mut priors: Vec<i32> = ctx
        .hist
        .merit_years(of)
        .into_iter()
        .filter(|t| *t >= floor && *t < y)
        .collect();
    priors.sort_unstable_by(|a, b| b.cmp(a));
    if priors.is_empty() {
        return Found::new(
            Outcome::Fail,
            format!(
                "cần đã được tặng {what} (chưa dùng làm căn cứ), sau đó {min_years} năm liên tục; chưa có"
            ),
        );
    }
    let mut first_short: Option<String> = None;
    let mut unknown_years: Option<Vec<i32>> = None;
    for t0 in priors.iter().copied().filter(|t| y - t >= span) {
        let (short, unknown) = period_shortfalls(ctx, t0, &args);
        if short.is_empty() && unknown.is_empty() {
            return Found::new(
                Outcome::Pass,
                format!(
                    "đã được tặng {what} năm {t0}; {} năm tiếp theo đến {y} đạt yêu cầu",
                    y - t0
                ),
            );
        }
        if short.is_empty() && unknown_years.is_none() {
            unknown_years = Some(unknown);
        } else if first_short.is_none() {
            first_short = Some(format!("từ {what} năm {t0}: {}", short.join("; ")));
        }
    }
    if let Some(u) = unknown_years {
        return Found::new(
            Outcome::Unknown,
            format!("đã được tặng {what}; chưa có xếp loại năm {}", years_vn(&u)),
        );
    }
    let latest = priors.first().copied().unwrap_or(y);
    let detail = first_short.unwrap_or_else(|| {
        format!("đã được tặng {what} năm {latest}; cần đủ {min_years} năm tiếp theo (đến năm {}), mới có {} năm", latest + span, y - latest)
    });
    Found::new(Outcome::Fail, detail).fact(format!("{what}: {}", years_vn(&priors)))
}

//! General checks applied to every proposal whatever its criteria: subject, local scope,
//! blocking states (review, discipline in force), double award, single use of an initiative,
//! deciding authority (including the 2025 abolition of districts), council vote, dossier.

use super::Ctx;
use super::history_checks::Found;
use super::types::{CheckResult, Outcome};
use crate::catalog::VoteRule;
use crate::criteria::Severity;
use crate::text::date_vn;

fn result(
    ctx: &Ctx<'_, '_>,
    rule: &str,
    severity: Severity,
    article: &str,
    f: Found,
) -> CheckResult {
    CheckResult {
        rule: rule.to_owned(),
        outcome: f.outcome,
        severity,
        article: article.to_owned(),
        message: format!("{}: {} ({article})", ctx.entry.name, f.detail),
        facts: f.facts,
        branch: None,
    }
}

/// Runs every general check.
pub(crate) fn run(ctx: &Ctx<'_, '_>, out: &mut Vec<CheckResult>) {
    subject(ctx, out);
    blocking_states(ctx, out);
    double_award(ctx, out);
    initiative_use(ctx, out);
    authority(ctx, out);
    vote(ctx, out);
    dossier(ctx, out);
}

fn subject(ctx: &Ctx<'_, '_>, out: &mut Vec<CheckResult>) {
    let s = ctx.hist.ledger.subject;
    let f = if ctx.entry.accepts(s) {
        Found::new(Outcome::Pass, format!("đối tượng {} phù hợp", s.label()))
    } else {
        let allowed: Vec<&str> = ctx.entry.subjects.iter().map(|x| x.label()).collect();
        Found::new(
            Outcome::Fail,
            format!(
                "không xét cho {}; chỉ xét cho {}",
                s.label(),
                allowed.join(", ")
            ),
        )
    };
    out.push(result(
        ctx,
        "subject",
        Severity::Blocking,
        &ctx.entry.article,
        f,
    ));
    if let Some(j) = &ctx.entry.jurisdiction {
        let f = if j == &ctx.proposal.jurisdiction {
            Found::new(
                Outcome::Pass,
                format!("hình thức ghi nhận riêng của {j}, không thuộc Luật"),
            )
        } else {
            Found::new(
                Outcome::Fail,
                format!(
                    "chỉ áp dụng tại {j}, không áp dụng tại {}",
                    ctx.proposal.jurisdiction
                ),
            )
        };
        out.push(result(
            ctx,
            "jurisdiction",
            Severity::Blocking,
            &ctx.entry.article,
            f,
        ));
    }
}

fn blocking_states(ctx: &Ctx<'_, '_>, out: &mut Vec<CheckResult>) {
    let date = ctx.proposal.date;
    let article = ctx.rules.article("blocking");
    let open: Vec<String> = ctx
        .hist
        .ledger
        .reviews
        .iter()
        .filter(|r| r.open_on(date))
        .map(|r| format!("{} (từ {})", r.kind.label(), date_vn(r.since)))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let f = if open.is_empty() {
        Found::new(
            Outcome::Pass,
            format!(
                "không có việc đang xem xét, điều tra, khiếu nại tại ngày {}",
                date_vn(date)
            ),
        )
    } else {
        Found::new(
            Outcome::Fail,
            format!("chưa xét khen thưởng khi {}", open.join("; ")),
        )
    };
    out.push(result(
        ctx,
        "blocking_state",
        Severity::Blocking,
        article,
        f,
    ));
    let running = ctx
        .hist
        .ledger
        .disciplines
        .iter()
        .filter(|d| d.in_force_on(date))
        .max_by_key(|d| (d.level, d.to, d.from));
    let f = match running {
        Some(d) => Found::new(
            Outcome::Fail,
            format!(
                "đang trong thời hạn kỷ luật {} ({}–{})",
                d.level.label(),
                date_vn(d.from),
                date_vn(d.to)
            ),
        ),
        None => Found::new(
            Outcome::Pass,
            format!("không trong thời hạn kỷ luật tại ngày {}", date_vn(date)),
        ),
    };
    out.push(result(
        ctx,
        "discipline_in_force",
        Severity::Blocking,
        article,
        f,
    ));
}

fn double_award(ctx: &Ctx<'_, '_>, out: &mut Vec<CheckResult>) {
    let y = ctx.proposal.year;
    let article = ctx.rules.article("double_award");
    let decided = || ctx.hist.awards().filter(|a| !a.provisional);
    let mut same: Vec<_> = decided()
        .filter(|a| a.code == ctx.entry.code && a.year == y)
        .collect();
    same.sort_by(|a, b| {
        (&a.decision_date, &a.decision_no, &a.achievement_id).cmp(&(
            &b.decision_date,
            &b.decision_no,
            &b.achievement_id,
        ))
    });
    let describe = |a: &crate::ledger::AwardRecord| match (&a.decision_no, a.decision_date) {
        (Some(n), Some(d)) => format!(" (QĐ số {n} ngày {})", date_vn(d)),
        (Some(n), None) => format!(" (QĐ số {n})"),
        _ => String::new(),
    };
    let f = match same.first() {
        None => Found::new(
            Outcome::Pass,
            format!("chưa được tặng {} cho năm {y}", ctx.entry.name),
        ),
        Some(a) if ctx.entry.annual => Found::new(
            Outcome::Fail,
            format!("đã được tặng cho năm {y}{}", describe(a)),
        ),
        Some(a) => match (&ctx.proposal.achievement_id, &a.achievement_id) {
            (Some(p), Some(q)) if p != q => Found::new(
                Outcome::Pass,
                format!("đã có một lần năm {y} cho thành tích khác ({q})"),
            ),
            (None, _) | (_, None) => Found::new(
                Outcome::Unknown,
                format!(
                    "đã được tặng năm {y}{}; cần mã thành tích để phân biệt",
                    describe(a)
                ),
            ),
            _ => Found::new(
                Outcome::Fail,
                format!("đã được tặng cho cùng thành tích năm {y}{}", describe(a)),
            ),
        },
    };
    out.push(result(ctx, "double_award", Severity::Blocking, article, f));
    if let Some(id) = &ctx.proposal.achievement_id {
        let prior = decided()
            .filter(|a| a.achievement_id.as_ref() == Some(id))
            .min_by_key(|a| (a.year, a.code.clone()));
        let f = match prior {
            Some(a) => Found::new(
                Outcome::Fail,
                format!(
                    "thành tích {id} đã được khen bằng {} năm {}{}; một thành tích không khen nhiều lần",
                    ctx.catalog.name_of(&a.code),
                    a.year,
                    describe(a)
                ),
            ),
            None => Found::new(
                Outcome::Pass,
                format!("thành tích {id} chưa được khen thưởng"),
            ),
        };
        out.push(result(
            ctx,
            "achievement_once",
            Severity::Blocking,
            article,
            f,
        ));
    }
}

fn initiative_use(ctx: &Ctx<'_, '_>, out: &mut Vec<CheckResult>) {
    if ctx.proposal.initiatives.is_empty() {
        return;
    }
    let article = ctx.rules.article("initiative_use");
    let mut problems = Vec::new();
    for id in &ctx.proposal.initiatives {
        if !ctx.hist.ledger.initiatives.iter().any(|i| &i.id == id) {
            problems.push(format!("sáng kiến {id} không có trong hồ sơ sáng kiến"));
        } else if let Some(a) = ctx.hist.initiative_use(id) {
            problems.push(format!(
                "sáng kiến {id} đã dùng làm căn cứ cho {} năm {}",
                ctx.catalog.name_of(&a.code),
                a.year
            ));
        }
    }
    let f = if problems.is_empty() {
        Found::new(
            Outcome::Pass,
            format!(
                "sáng kiến {} chưa dùng làm căn cứ khen thưởng",
                ctx.proposal.initiatives.join(", ")
            ),
        )
    } else {
        Found::new(
            Outcome::Fail,
            format!(
                "{}; mỗi sáng kiến chỉ dùng một lần cho danh hiệu hoặc hình thức khen thưởng",
                problems.join("; ")
            ),
        )
    };
    out.push(result(
        ctx,
        "initiative_single_use",
        Severity::Blocking,
        article,
        f,
    ));
}

fn authority(ctx: &Ctx<'_, '_>, out: &mut Vec<CheckResult>) {
    let date = ctx.proposal.date;
    let valid: Vec<&crate::catalog::Authority> = ctx
        .entry
        .authorities
        .iter()
        .filter(|a| a.valid_on(date))
        .collect();
    let list = || {
        let v: Vec<&str> = valid.iter().map(|a| a.decider.as_str()).collect();
        if v.is_empty() {
            "chưa khai báo".to_owned()
        } else {
            v.join("; ")
        }
    };
    let (f, severity, article) = match &ctx.proposal.decider_level {
        None => (
            Found::new(
                Outcome::Unknown,
                format!("chưa ghi cấp quyết định; thẩm quyền: {}", list()),
            ),
            Severity::Warning,
            ctx.rules.article("authority"),
        ),
        Some(l) if ctx.rules.abolished_levels.contains(&l) => (
            Found::new(
                Outcome::Fail,
                format!(
                    "cấp {} không còn thẩm quyền quyết định khen thưởng tại ngày {} (chính quyền địa phương hai cấp); thẩm quyền: {}",
                    l.label(),
                    date_vn(date),
                    list()
                ),
            ),
            Severity::Blocking,
            ctx.rules.article("authority_reform"),
        ),
        Some(l) => match valid.iter().find(|a| &a.level == l) {
            Some(a) => (
                Found::new(
                    Outcome::Pass,
                    format!("{} có thẩm quyền quyết định", a.decider),
                ),
                Severity::Blocking,
                ctx.rules.article("authority"),
            ),
            None => (
                Found::new(
                    Outcome::Fail,
                    format!(
                        "cấp {} không có thẩm quyền quyết định tại ngày {}; thẩm quyền: {}",
                        l.label(),
                        date_vn(date),
                        list()
                    ),
                ),
                Severity::Blocking,
                ctx.rules.article("authority"),
            ),
        },
    };
    out.push(result(ctx, "authority", severity, article, f));
}

fn vote(ctx: &Ctx<'_, '_>, out: &mut Vec<CheckResult>) {
    let article = ctx.rules.article("vote");
    let need = match ctx.entry.vote {
        VoteRule::None => return,
        VoteRule::Majority => "quá nửa tổng số thành viên Hội đồng".to_owned(),
        VoteRule::Percent(p) => format!("≥ {p}% tổng số thành viên Hội đồng"),
    };
    let (f, severity) = match ctx.proposal.vote {
        None => (
            Found::new(
                Outcome::Unknown,
                format!("chưa có kết quả bỏ phiếu (cần {need})"),
            ),
            Severity::Warning,
        ),
        Some(v) if v.total_members == 0 || v.yes > v.total_members => (
            Found::new(Outcome::Unknown, "kết quả bỏ phiếu không hợp lệ"),
            Severity::Warning,
        ),
        Some(v) => {
            let ok = match ctx.entry.vote {
                VoteRule::Percent(p) => {
                    u64::from(v.yes) * 100 >= u64::from(p) * u64::from(v.total_members)
                }
                _ => u64::from(v.yes) * 2 > u64::from(v.total_members),
            };
            let pct = u64::from(v.yes) * 100 / u64::from(v.total_members);
            let detail = format!(
                "{}/{} thành viên đồng ý = {pct}% (cần {need})",
                v.yes, v.total_members
            );
            (
                Found::new(if ok { Outcome::Pass } else { Outcome::Fail }, detail),
                Severity::Blocking,
            )
        }
    };
    out.push(result(ctx, "vote", severity, article, f));
}

fn dossier(ctx: &Ctx<'_, '_>, out: &mut Vec<CheckResult>) {
    let procedure = ctx.proposal.procedure;
    let Some(required) = ctx.entry.documents(procedure) else {
        let f = Found::new(
            Outcome::Fail,
            "không áp dụng thủ tục đơn giản cho danh hiệu/hình thức này",
        );
        out.push(result(
            ctx,
            "dossier",
            Severity::Blocking,
            ctx.rules.article("simplified"),
            f,
        ));
        return;
    };
    let article = ctx.rules.article("dossier");
    let name = |d: &String| ctx.catalog.document_name(d).to_owned();
    let f = match &ctx.proposal.documents {
        None => Found::new(
            Outcome::Unknown,
            format!(
                "chưa kiểm tra hồ sơ; cần: {}",
                required.iter().map(name).collect::<Vec<_>>().join("; ")
            ),
        ),
        Some(given) => {
            let missing: Vec<String> = required
                .iter()
                .filter(|d| !given.contains(d))
                .map(name)
                .collect();
            if missing.is_empty() {
                Found::new(Outcome::Pass, "hồ sơ đủ thành phần")
            } else {
                Found::new(
                    Outcome::Fail,
                    format!("hồ sơ thiếu: {}", missing.join("; ")),
                )
            }
        }
    };
    out.push(result(ctx, "dossier", Severity::Warning, article, f));
}

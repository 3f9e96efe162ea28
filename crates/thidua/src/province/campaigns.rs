//! Plans and campaigns of every year: the province's yearly plan, thematic movements, peak sprints and
//! the departments' own plans — each with its themes and lead units, targets, award forms and quotas,
//! about thirty deadlines, its participants, and what each participant sent and when (the who-sent-what
//! matrix). Past years are closed; this year's are launched, registered for, and reported on as of
//! today, so some deadlines are met, some were sent late, some are missing and some are still ahead.

use super::draw::{Gen, at, iso, ymd};
use super::units::Tree;
use super::{Scale, history::FIRST_YEAR};
use thidua_store::Tx;
use thidua_store::bulk::{Rows, Val};
use time::{Date, Duration};

/// A campaign of this year, kept for the nominations.
#[derive(Debug, Clone)]
pub struct Live {
    pub id: String,
    pub participants: Vec<usize>,
}

const THEMATIC: [&str; 8] = [
    "Phong trào thi đua \"Chung tay vì người nghèo - Không để ai bị bỏ lại phía sau\"",
    "Phong trào thi đua \"Cả nước chung sức xây dựng nông thôn mới\"",
    "Phong trào thi đua đẩy mạnh chuyển đổi số",
    "Phong trào thi đua cải cách hành chính, xây dựng chính quyền thân thiện",
    "Phong trào \"Toàn dân đoàn kết xây dựng đời sống văn hóa\"",
    "Phong trào thi đua bảo đảm trật tự, an toàn giao thông",
    "Phong trào thi đua \"Doanh nghiệp Việt Nam thích ứng, phát triển bền vững\"",
    "Phong trào thi đua xây dựng xã hội học tập",
];

const THEMES: [&str; 6] = [
    "Phát triển kinh tế - xã hội",
    "Cải cách hành chính, chuyển đổi số",
    "Văn hóa, xã hội, giáo dục",
    "Quốc phòng, an ninh",
    "Xây dựng Đảng và hệ thống chính trị",
    "Bảo vệ môi trường",
];

const TARGETS: [(&str, &str, f64, &str); 5] = [
    (
        "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn",
        ">=",
        98.0,
        "%",
    ),
    (
        "Tỷ lệ hộ gia đình đạt danh hiệu Gia đình văn hóa",
        ">=",
        90.0,
        "%",
    ),
    ("Số hộ nghèo giảm trong năm", ">=", 20.0, "hộ"),
    ("Tỷ lệ người dân tham gia bảo hiểm y tế", ">=", 95.0, "%"),
    ("Số vụ vi phạm trật tự an toàn giao thông", "<=", 10.0, "vụ"),
];

const DEADLINE_KINDS: [(&str, &str); 8] = [
    ("registration", "Đăng ký thi đua"),
    ("unit_plan", "Kế hoạch thi đua của đơn vị"),
    ("mid_year_report", "Báo cáo sơ kết 6 tháng"),
    ("year_end_report", "Báo cáo tổng kết năm"),
    ("nomination", "Hồ sơ đề nghị khen thưởng"),
    ("exemplary_models", "Báo cáo gương điển hình tiên tiến"),
    ("scoring", "Bảng tự chấm điểm thi đua"),
    ("other", "Báo cáo tiến độ tháng"),
];

/// Every table a campaign fills, gathered and written together.
struct CampaignRows {
    campaigns: Rows,
    themes: Rows,
    targets: Rows,
    deadlines: Rows,
    participants: Rows,
    forms: Rows,
    quotas: Rows,
    registrations: Rows,
    submissions: Rows,
    progress: Rows,
}

#[rustfmt::skip]
const CAMPAIGNS_COLUMNS: &[&str] = &["id", "org_id", "number", "issued_on", "issuer", "place", "title", "kind", "period_from", "period_to", "signer_title", "signer_name", "status", "launched_at", "closed_at", "search_text", "version", "created_at", "updated_at"];
#[rustfmt::skip]
const THEMES_COLUMNS: &[&str] = &["id", "org_id", "campaign_id", "position", "title", "lead_unit_id", "version", "created_at", "updated_at"];
#[rustfmt::skip]
const TARGETS_COLUMNS: &[&str] = &["id", "org_id", "campaign_id", "position", "text", "comparator", "threshold", "measure", "scope", "version", "created_at", "updated_at"];
#[rustfmt::skip]
const DEADLINES_COLUMNS: &[&str] = &["id", "org_id", "campaign_id", "kind", "what", "opens_on", "due_on", "recurrence", "addressees", "version", "created_at", "updated_at"];
#[rustfmt::skip]
const PARTICIPANTS_COLUMNS: &[&str] = &["campaign_id", "unit_id"];
#[rustfmt::skip]
const FORMS_COLUMNS: &[&str] = &["id", "campaign_id", "position", "name", "catalog_code"];
#[rustfmt::skip]
const QUOTAS_COLUMNS: &[&str] = &["id", "campaign_id", "position", "who", "unit_kind", "award_form", "collectives_max", "individuals_max"];
#[rustfmt::skip]
const REGISTRATIONS_COLUMNS: &[&str] = &["id", "org_id", "campaign_id", "unit_id", "titles", "registered_at", "version", "created_at", "updated_at"];
#[rustfmt::skip]
const SUBMISSIONS_COLUMNS: &[&str] = &["id", "org_id", "campaign_id", "deadline_id", "due_on", "unit_id", "sent_on", "document_number", "created_at"];
#[rustfmt::skip]
const PROGRESS_COLUMNS: &[&str] = &["id", "org_id", "campaign_id", "target_id", "unit_id", "value", "reported_on", "created_at"];

impl CampaignRows {
    fn new() -> CampaignRows {
        CampaignRows {
            campaigns: Rows::new("campaigns", CAMPAIGNS_COLUMNS),
            themes: Rows::new("campaign_themes", THEMES_COLUMNS),
            targets: Rows::new("campaign_targets", TARGETS_COLUMNS),
            deadlines: Rows::new("campaign_deadlines", DEADLINES_COLUMNS),
            participants: Rows::new("campaign_participants", PARTICIPANTS_COLUMNS),
            forms: Rows::new("campaign_award_forms", FORMS_COLUMNS),
            quotas: Rows::new("campaign_quotas", QUOTAS_COLUMNS),
            registrations: Rows::new("registrations", REGISTRATIONS_COLUMNS),
            submissions: Rows::new("submissions", SUBMISSIONS_COLUMNS),
            progress: Rows::new("progress_reports", PROGRESS_COLUMNS),
        }
    }

    async fn flush(&mut self, tx: &mut Tx) -> anyhow::Result<u64> {
        let mut n = 0;
        for rows in [
            &mut self.campaigns,
            &mut self.themes,
            &mut self.targets,
            &mut self.deadlines,
            &mut self.participants,
            &mut self.forms,
            &mut self.quotas,
            &mut self.registrations,
            &mut self.submissions,
            &mut self.progress,
        ] {
            n += rows.flush(tx).await?;
        }
        Ok(n)
    }
}

/// What a campaign is, before its rows are made.
struct Plan {
    title: String,
    kind: &'static str,
    issuer: String,
    from: Date,
    to: Date,
    participants: Vec<usize>,
}

/// Writes every year's campaigns; returns this year's (launched) ones and the number of rows written.
pub async fn write(
    db: &thidua_store::Db,
    g: &mut Gen,
    org: &str,
    t: &Tree,
    scale: &Scale,
) -> anyhow::Result<(Vec<Live>, u64)> {
    let this_year = g.today.year();
    let years = (this_year - FIRST_YEAR + 1) as usize;
    let per_year = (scale.campaigns / years).max(1);
    let (mut live, mut written) = (Vec::new(), 0);
    for year in FIRST_YEAR..=this_year {
        let mut rows = CampaignRows::new();
        for k in 0..per_year {
            let plan = plan(g, t, year, k);
            let id = campaign(g, org, t, &plan, scale, k, &mut rows);
            if year == this_year {
                live.push(Live {
                    id,
                    participants: plan.participants,
                });
            }
        }
        let mut tx = db.begin().await?;
        written += rows.flush(&mut tx).await?;
        tx.commit().await?;
    }
    Ok((live, written))
}

fn plan(g: &mut Gen, t: &Tree, year: i32, k: usize) -> Plan {
    let root_name = &t.units[t.root].name;
    let mut bodies: Vec<usize> = t.communes.clone();
    bodies.extend(&t.departments);
    bodies.extend(&t.mass_orgs);
    match k {
        0 => Plan {
            title: format!("Kế hoạch tổ chức phong trào thi đua yêu nước năm {year}"),
            kind: "regular",
            issuer: root_name.clone(),
            from: ymd(year, 1, 1),
            to: ymd(year, 12, 31),
            participants: bodies,
        },
        k if k % 3 == 1 => {
            let d = t.departments[(k / 3) % t.departments.len()];
            let mut own: Vec<usize> = t
                .offices
                .iter()
                .copied()
                .filter(|o| t.units[*o].parent == Some(d))
                .collect();
            own.extend(if t.units[d].code == "SO-GDDT" {
                t.schools.clone()
            } else {
                t.communes.clone()
            });
            Plan {
                title: format!(
                    "Kế hoạch phát động thi đua năm {year} của {}",
                    t.units[d].name
                ),
                kind: "regular",
                issuer: t.units[d].name.clone(),
                from: ymd(year, 1, 15),
                to: ymd(year, 12, 15),
                participants: own,
            }
        }
        k if k % 3 == 2 => {
            let start = ymd(year, 3 + (k % 6) as u8, 1);
            Plan {
                title: format!(
                    "Đợt thi đua cao điểm {} chào mừng các ngày lễ lớn năm {year}",
                    k / 3 + 1
                ),
                kind: "peak",
                issuer: root_name.clone(),
                from: start,
                to: start + Duration::days(60),
                participants: sample(g, &bodies, 0.6),
            }
        }
        _ => Plan {
            title: format!("{} năm {year}", THEMATIC[(k / 3) % THEMATIC.len()]),
            kind: "thematic",
            issuer: root_name.clone(),
            from: ymd(year, 2, 1),
            to: ymd(year, 11, 30),
            participants: sample(g, &bodies, 0.5),
        },
    }
}

fn sample(g: &mut Gen, from: &[usize], share: f64) -> Vec<usize> {
    from.iter().copied().filter(|_| g.chance(share)).collect()
}

/// Adds a campaign with its parts and the participants' work; returns its id.
fn campaign(
    g: &mut Gen,
    org: &str,
    t: &Tree,
    p: &Plan,
    scale: &Scale,
    k: usize,
    rows: &mut CampaignRows,
) -> String {
    let id = g.id();
    let live = p.from.year() == g.today.year();
    let issued = p.from - Duration::days(10);
    let number = format!("{}/KH-UBND", 10 + k * 13 + g.below(9));
    let search = thidua_domain::text::fold(&format!("{number} {} {}", p.title, p.issuer));
    let status = if live { "launched" } else { "closed" };
    let closed = (!live).then(|| at(p.to + Duration::days(45)));
    rows.campaigns.push(vec![
        (&id).into(),
        org.into(),
        (&number).into(),
        iso(issued).into(),
        (&p.issuer).into(),
        "Ninh Bình".into(),
        (&p.title).into(),
        p.kind.into(),
        iso(p.from).into(),
        iso(p.to).into(),
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH".into(),
        "Trần Văn Bình".into(),
        status.into(),
        Val::Text(at(issued)),
        closed.into(),
        search.into(),
        Val::Int(1),
        g.stamp(),
        g.stamp(),
    ]);
    for u in &p.participants {
        rows.participants
            .push(vec![(&id).into(), (&t.units[*u].id).into()]);
    }
    parts(g, org, t, &id, rows);
    let targets = targets(g, org, &id, rows);
    let deadlines = deadlines(g, org, &id, p, scale.deadlines_per_campaign, rows);
    work(g, org, t, &id, p, &deadlines, &targets, rows);
    id
}

fn parts(g: &mut Gen, org: &str, t: &Tree, campaign: &str, rows: &mut CampaignRows) {
    for (i, title) in THEMES.iter().take(4).enumerate() {
        let lead = t.departments[(i * 5 + 1) % t.departments.len()];
        rows.themes.push(vec![
            g.id().into(),
            org.into(),
            campaign.into(),
            Val::Int(i as i64 + 1),
            (*title).into(),
            (&t.units[lead].id).into(),
            Val::Int(1),
            g.stamp(),
            g.stamp(),
        ]);
    }
    for (i, (name, code)) in [
        ("Bằng khen của Chủ tịch UBND tỉnh", "BK_TINH"),
        ("Cờ thi đua của UBND tỉnh", "CO_TINH"),
        ("Tập thể lao động xuất sắc", "TTLDXS"),
    ]
    .iter()
    .enumerate()
    {
        rows.forms.push(vec![
            g.id().into(),
            campaign.into(),
            Val::Int(i as i64 + 1),
            (*name).into(),
            (*code).into(),
        ]);
    }
    rows.quotas.push(vec![
        g.id().into(),
        campaign.into(),
        Val::Int(1),
        "Mỗi xã, phường".into(),
        "ward".into(),
        "Bằng khen của Chủ tịch UBND tỉnh".into(),
        Val::Int(2),
        Val::Int(3),
    ]);
}

fn targets(g: &mut Gen, org: &str, campaign: &str, rows: &mut CampaignRows) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    for (i, (text, cmp, threshold, measure)) in TARGETS.iter().enumerate() {
        let id = g.id();
        rows.targets.push(vec![
            (&id).into(),
            org.into(),
            campaign.into(),
            Val::Int(i as i64 + 1),
            (*text).into(),
            (*cmp).into(),
            Val::Real(*threshold),
            (*measure).into(),
            "per_unit".into(),
            Val::Int(1),
            g.stamp(),
            g.stamp(),
        ]);
        out.push((id, *threshold));
    }
    out
}

/// About `n` deadlines spread over the campaign's period: registration and plan first, a monthly
/// progress report, the mid-year and year-end reports, nominations, exemplary models and scoring.
fn deadlines(
    g: &mut Gen,
    org: &str,
    campaign: &str,
    p: &Plan,
    n: usize,
    rows: &mut CampaignRows,
) -> Vec<(String, Date)> {
    let span = (p.to - p.from).whole_days().max(30);
    let mut out = Vec::new();
    for i in 0..n {
        let (kind, what) = DEADLINE_KINDS[if i < 7 { i } else { 7 }];
        let what = if kind == "other" {
            format!("{what} (kỳ {})", i - 6)
        } else {
            what.to_string()
        };
        let due = p.from + Duration::days(span * (i as i64 + 1) / (n as i64 + 1));
        let id = g.id();
        rows.deadlines.push(vec![
            (&id).into(),
            org.into(),
            campaign.into(),
            kind.into(),
            what.into(),
            iso(due - Duration::days(14)).into(),
            iso(due).into(),
            "once".into(),
            "all".into(),
            Val::Int(1),
            g.stamp(),
            g.stamp(),
        ]);
        out.push((id, due));
    }
    out
}

/// What each participant sent for each deadline already due (or early, for a few ahead), and, for a
/// live campaign, its registration and progress reports.
#[allow(clippy::too_many_arguments)]
fn work(
    g: &mut Gen,
    org: &str,
    t: &Tree,
    campaign: &str,
    p: &Plan,
    deadlines: &[(String, Date)],
    targets: &[(String, f64)],
    rows: &mut CampaignRows,
) {
    let today = g.today;
    let live = p.from.year() == today.year();
    for u in &p.participants {
        let unit = &t.units[*u].id;
        let diligence = 0.7 + 0.3 * (g.below(100) as f64 / 100.0);
        for (deadline, due) in deadlines {
            let ahead = *due > today;
            if (ahead && !g.chance(0.05)) || !g.chance(diligence) {
                continue;
            }
            let late = g.chance(0.2);
            let sent = if late {
                *due + Duration::days(1 + g.below(20) as i64)
            } else {
                *due - Duration::days(g.below(10) as i64)
            };
            let sent = sent.min(today);
            rows.submissions.push(vec![
                g.id().into(),
                org.into(),
                campaign.into(),
                deadline.into(),
                iso(*due).into(),
                unit.into(),
                iso(sent).into(),
                format!("{}/BC-UBND", 1 + g.below(400)).into(),
                Val::Text(at(sent)),
            ]);
        }
        if live {
            rows.registrations.push(vec![
                g.id().into(),
                org.into(),
                campaign.into(),
                unit.into(),
                "TTLDTT;BK_TINH".into(),
                Val::Text(at(p.from + Duration::days(20))),
                Val::Int(1),
                g.stamp(),
                g.stamp(),
            ]);
            for (target, threshold) in targets {
                let on = g.day_between(p.from, today.max(p.from));
                let value = (threshold * (0.6 + g.below(60) as f64 / 100.0)).round();
                rows.progress.push(vec![
                    g.id().into(),
                    org.into(),
                    campaign.into(),
                    target.into(),
                    unit.into(),
                    Val::Real(value),
                    iso(on).into(),
                    Val::Text(at(on)),
                ]);
            }
        }
    }
}

//! Benchmark data: adds N units (wards and departments coded `BENCH-0001`…, under the demo's top unit)
//! and one launched campaign of the current year to a database on which `thidua demo` has run. The
//! campaign's participants are those units and the demo's active ones; its deadlines make D columns in
//! the unit × deadline matrix (two quarterly rules of four occurrences each, the rest one-off, spread
//! over the year); it has a few targets, registrations for ~70 % of units with their own targets,
//! progress reports, and submissions for ~60 % of the cells already due (about a quarter of them late).
//! Writes through the store layer in three transactions and prints the campaign id on stdout (the
//! counts go to stderr). The data are the same on every run apart from ids, timestamps and the year.
//! `cargo run --release -p thidua --example gen_campaign_matrix -- sqlite://data/thidua.db 500 30`

use std::collections::HashSet;
use std::time::Instant;
use thidua_domain::campaign::deadline::{Recurrence, occurrences};
use thidua_domain::date::iso;
use thidua_store::campaign_parts::{self as parts, DeadlineRow, TargetRow, ThemeRow};
use thidua_store::campaign_work::{
    self as work, CommitmentRow, ProgressRow, RegistrationRow, SubmissionRow,
};
use thidua_store::campaigns::{self, AwardFormRow, CampaignRow, LegalBasisRow};
use thidua_store::units::{self, NewUnit, UnitFilter};
use thidua_store::{Db, audit, clusters, ids, orgs};
use time::{Date, Duration, Month, OffsetDateTime};

/// Who wrote the rows (shown as the author of reports and submissions).
const AUTHOR: &str = "gen_campaign_matrix";

/// Deterministic pseudo-random numbers (the demo's LCG), so every run makes the same data.
struct Seq(u64);

impl Seq {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }

    /// True with probability `percent` %.
    fn chance(&mut self, percent: usize) -> bool {
        self.next(100) < percent
    }
}

/// A stored timestamp at 09:00 Vietnam time (02:00 UTC) on a day.
fn at_nine(d: Date) -> String {
    ids::timestamp(OffsetDateTime::new_utc(d, time::macros::time!(2:00)))
}

fn day(year: i32, month: Month, d: u8) -> anyhow::Result<Date> {
    Ok(Date::from_calendar_date(year, month, d)?)
}

/// One deadline rule to create: kind, what, first due date, recurrence, addressees (`all`, `ward`, `leaders`).
struct Rule {
    kind: &'static str,
    what: String,
    due: Date,
    recurrence: Recurrence,
    to: &'static str,
}

/// Rules whose occurrences in `year` add up to `columns`: two quarterly rules (4 each) when there is
/// room, then the one-off deadlines of a yearly plan, then numbered thematic reports spread over the year.
fn rules(year: i32, columns: usize) -> anyhow::Result<Vec<Rule>> {
    let mut out = Vec::new();
    let quarterly = if columns >= 12 { 2 } else { 0 };
    if quarterly == 2 {
        out.push(Rule {
            kind: "other",
            what: "Báo cáo kết quả phong trào thi đua hằng quý".into(),
            due: day(year, Month::March, 25)?,
            recurrence: Recurrence::Quarterly,
            to: "all",
        });
        out.push(Rule {
            kind: "exemplary_models",
            what: "Gương điển hình tiên tiến, người tốt việc tốt".into(),
            due: day(year, Month::March, 28)?,
            recurrence: Recurrence::Quarterly,
            to: "all",
        });
    }
    let fixed = [
        (
            "registration",
            "Đăng ký thi đua",
            Month::February,
            15,
            "all",
        ),
        (
            "unit_plan",
            "Kế hoạch triển khai của đơn vị",
            Month::March,
            10,
            "all",
        ),
        (
            "mid_year_report",
            "Báo cáo sơ kết 6 tháng",
            Month::June,
            15,
            "all",
        ),
        (
            "other",
            "Báo cáo phong trào ở khu dân cư",
            Month::August,
            15,
            "ward",
        ),
        (
            "cluster_dossier",
            "Hồ sơ sinh hoạt Cụm, Khối",
            Month::October,
            30,
            "leaders",
        ),
        (
            "year_end_report",
            "Báo cáo tổng kết năm",
            Month::November,
            20,
            "all",
        ),
        (
            "scoring",
            "Bảng tự chấm điểm thi đua",
            Month::November,
            30,
            "all",
        ),
        (
            "nomination",
            "Hồ sơ đề nghị khen thưởng",
            Month::December,
            5,
            "all",
        ),
    ];
    let once = columns.saturating_sub(4 * quarterly);
    for (kind, what, month, d, to) in fixed.into_iter().take(once) {
        out.push(Rule {
            kind,
            what: what.into(),
            due: day(year, month, d)?,
            recurrence: Recurrence::Once,
            to,
        });
    }
    let extra = once.saturating_sub(fixed.len());
    let start = day(year, Month::January, 20)?;
    for k in 0..extra {
        // Evenly from 20 January to about 15 December.
        let offset = (330 * k / extra.max(1)) as i64;
        out.push(Rule {
            kind: "other",
            what: format!("Báo cáo chuyên đề số {}", k + 1),
            due: start + Duration::days(offset),
            recurrence: Recurrence::Once,
            to: "all",
        });
    }
    Ok(out)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let Some(url) = args.get(1) else {
        anyhow::bail!(
            "usage: gen_campaign_matrix DATABASE_URL [UNITS=500] [DEADLINE_COLUMNS=30]  (sqlite://path/thidua.db or postgres://…, after `thidua demo`)"
        );
    };
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(500);
    let columns: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(30);
    let started = Instant::now();
    let db = Db::connect(url).await?;
    let today = (OffsetDateTime::now_utc() + Duration::hours(7)).date();
    let year = today.year();
    let (from, to) = (
        day(year, Month::January, 1)?,
        day(year, Month::December, 31)?,
    );
    let mut seq = Seq(2025);

    // ---- 1. units ----
    let mut tx = db.begin().await?;
    let Some(org_id) = orgs::first(&mut tx).await? else {
        anyhow::bail!("no organisation: run `thidua demo` on this database first")
    };
    let Some(root) = units::get_by_code(&mut tx, &org_id, "UBND-HBT").await? else {
        anyhow::bail!("no unit UBND-HBT: run `thidua demo` on this database first")
    };
    if units::get_by_code(&mut tx, &org_id, "BENCH-0001")
        .await?
        .is_some()
    {
        anyhow::bail!(
            "this database already has the benchmark units (BENCH-0001); start from a fresh demo database"
        );
    }
    let demo_units = units::list(&mut tx, &org_id, &UnitFilter::default(), 100_000).await?;
    let mut participants: Vec<(String, String)> = demo_units
        .iter()
        .map(|u| (u.id.clone(), u.kind.clone()))
        .collect();
    for i in 1..=n {
        let code = format!("BENCH-{i:04}");
        let department = i % 5 == 0;
        let name = if department {
            format!("Phòng Thử tải số {i:04}")
        } else {
            format!("Phường Thử tải số {i:04}")
        };
        let (kind, level) = if department {
            ("department", "district")
        } else {
            ("ward", "commune")
        };
        let u = units::insert(
            &mut tx,
            NewUnit {
                org_id: &org_id,
                parent: Some(&root),
                code: &code,
                name: &name,
                short_name: None,
                kind,
                level,
                valid_from: "2010-01-01",
            },
        )
        .await?;
        participants.push((u.id, kind.to_string()));
    }
    tx.commit().await?;
    let units_done = started.elapsed();

    // ---- 2. the campaign and its parts ----
    let mut tx = db.begin().await?;
    let now = ids::now();
    let campaign = CampaignRow {
        id: ids::new_id(),
        org_id: org_id.clone(),
        number: Some(format!("{}/KH-UBND", 100 + n % 900)),
        issued_on: Some(iso(day(year, Month::January, 8)?)),
        issuer: "Ủy ban nhân dân quận Hai Bà Trưng".into(),
        place: Some("Hai Bà Trưng".into()),
        title: format!(
            "Kế hoạch tổ chức phong trào thi đua năm {year} (đo tải: {} đơn vị, {columns} thời hạn)",
            participants.len()
        ),
        kind: "regular".into(),
        period_from: iso(from),
        period_to: iso(to),
        signer_title: Some("KT. CHỦ TỊCH — PHÓ CHỦ TỊCH".into()),
        signer_name: Some("Nguyễn Trần Bình".into()),
        purposes: Some(
            "Đánh giá thời gian trả lời của bảng theo dõi nộp báo cáo với nhiều đơn vị.".into(),
        ),
        content: Some("Dữ liệu sinh tự động cho phép đo (bench/campaign_matrix.sh).".into()),
        participants_note: Some("Các phòng, ban, phường và các đơn vị thử tải.".into()),
        status: "launched".into(),
        launched_at: Some(at_nine(day(year, Month::January, 10)?)),
        closed_at: None,
        copied_from_id: None,
        search_text: String::new(),
        version: 1,
        created_at: now.clone(),
        updated_at: now.clone(),
    };
    campaigns::insert(&mut tx, &campaign).await?;
    let cid = campaign.id.as_str();
    campaigns::set_legal_bases(
        &mut tx,
        cid,
        &[LegalBasisRow {
            number: Some("06/2022/QH15".into()),
            issued_on: Some("2022-06-15".into()),
            title: Some("Luật Thi đua, khen thưởng".into()),
        }],
    )
    .await?;
    let participant_ids: Vec<String> = participants.iter().map(|p| p.0.clone()).collect();
    campaigns::set_participants(&mut tx, cid, &participant_ids).await?;
    for (i, (name, code)) in [
        ("Tập thể Lao động tiên tiến", "TTLDTT"),
        ("Tập thể Lao động xuất sắc", "TTLDXS"),
    ]
    .into_iter()
    .enumerate()
    {
        campaigns::insert_award_form(
            &mut tx,
            &AwardFormRow {
                id: ids::new_id(),
                campaign_id: cid.into(),
                position: i as i64,
                name: name.into(),
                catalog_code: Some(code.into()),
                criteria: None,
            },
        )
        .await?;
    }
    let lead = |code: &str| {
        demo_units
            .iter()
            .find(|u| u.code == code)
            .map(|u| u.id.clone())
    };
    let mut themes = Vec::new();
    for (i, (title, lead_code)) in [
        ("Cải cách hành chính, chuyển đổi số", "P-NOIVU"),
        ("Xây dựng đời sống văn hóa ở khu dân cư", "P-VHTT"),
    ]
    .into_iter()
    .enumerate()
    {
        let t = ThemeRow {
            id: ids::new_id(),
            org_id: org_id.clone(),
            campaign_id: cid.into(),
            position: i as i64,
            title: title.into(),
            lead_unit_id: lead(lead_code),
            lead_name: None,
            period_from: None,
            period_to: None,
            description: None,
            version: 1,
            created_at: now.clone(),
            updated_at: now.clone(),
        };
        parts::insert_theme(&mut tx, &t, &[]).await?;
        themes.push(t.id);
    }
    // (theme, text, threshold, measure, scope)
    let target_specs = [
        (
            0,
            "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn",
            98.0,
            "%",
            "per_unit",
        ),
        (0, "Tỷ lệ hồ sơ tiếp nhận trực tuyến", 80.0, "%", "per_unit"),
        (
            1,
            "Số mô hình, điển hình tiên tiến được biểu dương",
            3.0,
            "mô hình",
            "per_unit",
        ),
        (
            1,
            "Tỷ lệ hộ gia đình đạt danh hiệu Gia đình văn hóa",
            90.0,
            "%",
            "body",
        ),
    ];
    let mut targets = Vec::new();
    for (i, (theme, text, threshold, measure, scope)) in target_specs.into_iter().enumerate() {
        let t = TargetRow {
            id: ids::new_id(),
            org_id: org_id.clone(),
            campaign_id: cid.into(),
            theme_id: Some(themes[theme].clone()),
            position: i as i64,
            text: text.into(),
            comparator: ">=".into(),
            threshold,
            measure: Some(measure.into()),
            scope: scope.into(),
            version: 1,
            created_at: now.clone(),
            updated_at: now.clone(),
        };
        parts::insert_target(&mut tx, &t).await?;
        targets.push(t);
    }
    let mut leaders = HashSet::new();
    for cl in clusters::list(&mut tx, &org_id, Some(i64::from(year))).await? {
        leaders.extend(cl.leader_unit_id);
    }
    // Each occurrence with the units that owe it.
    let mut cells: Vec<(String, Date, Vec<usize>)> = Vec::new();
    let rule_list = rules(year, columns)?;
    let mut quarterly_rules = 0;
    for r in &rule_list {
        let d = DeadlineRow {
            id: ids::new_id(),
            org_id: org_id.clone(),
            campaign_id: cid.into(),
            kind: r.kind.into(),
            what: r.what.clone(),
            opens_on: None,
            due_on: iso(r.due),
            recurrence: r.recurrence.code().into(),
            repeat_until: None,
            addressees: match r.to {
                "ward" => "unit_kind",
                "leaders" => "cluster_leaders",
                _ => "all",
            }
            .into(),
            unit_kind: (r.to == "ward").then(|| "ward".to_string()),
            unit_id: None,
            recipient: Some("Phòng Nội vụ (Thường trực Hội đồng TĐKT)".into()),
            version: 1,
            created_at: now.clone(),
            updated_at: now.clone(),
        };
        parts::insert_deadline(&mut tx, &d).await?;
        if r.recurrence != Recurrence::Once {
            quarterly_rules += 1;
        }
        let owed: Vec<usize> = participants
            .iter()
            .enumerate()
            .filter(|(_, (id, kind))| match r.to {
                "ward" => kind == "ward",
                "leaders" => leaders.contains(id),
                _ => true,
            })
            .map(|(i, _)| i)
            .collect();
        for due in occurrences(r.due, r.recurrence, to) {
            cells.push((d.id.clone(), due, owed.clone()));
        }
    }
    tx.commit().await?;
    let campaign_done = started.elapsed();

    // ---- 3. the units' work: registrations, progress reports, submissions ----
    let mut tx = db.begin().await?;
    let registration_due = day(year, Month::February, 15)?;
    let per_unit: Vec<&TargetRow> = targets.iter().filter(|t| t.scope == "per_unit").collect();
    let report_days: Vec<Date> = [
        day(year, Month::March, 31)?,
        day(year, Month::June, 30)?,
        day(year, Month::September, 30)?,
    ]
    .into_iter()
    .filter(|d| *d <= today)
    .collect();
    let (mut registrations, mut reports) = (0usize, 0usize);
    for (unit_id, kind) in &participants {
        if !seq.chance(70) {
            continue;
        }
        let registered_on = registration_due - Duration::days(seq.next(30) as i64);
        let titles = if seq.chance(30) { "TTLDXS" } else { "TTLDTT" };
        let own: Vec<CommitmentRow> = per_unit
            .iter()
            .map(|t| {
                // One unit in five aims higher than the plan.
                let higher = if t.measure.as_deref() == Some("%") {
                    (t.threshold + 2.0).min(100.0)
                } else {
                    t.threshold + 1.0
                };
                let threshold = if seq.chance(20) { higher } else { t.threshold };
                CommitmentRow {
                    target_id: Some(t.id.clone()),
                    text: t.text.clone(),
                    comparator: t.comparator.clone(),
                    threshold,
                    measure: t.measure.clone(),
                }
            })
            .collect();
        let stamp = at_nine(registered_on);
        let r = RegistrationRow {
            id: ids::new_id(),
            org_id: org_id.clone(),
            campaign_id: cid.into(),
            unit_id: unit_id.clone(),
            titles: titles.into(),
            note: (kind == "ward")
                .then(|| "Phấn đấu hoàn thành toàn diện các chỉ tiêu.".to_string()),
            registered_at: stamp.clone(),
            registered_by: Some(AUTHOR.into()),
            version: 1,
            created_at: stamp.clone(),
            updated_at: stamp,
        };
        work::insert_registration(&mut tx, &r, &own).await?;
        registrations += 1;
        for t in &per_unit {
            let count = 1 + seq.next(report_days.len().max(1));
            for (q, d) in report_days.iter().take(count).enumerate() {
                let share = 0.45 + 0.2 * q as f64 + seq.next(30) as f64 / 100.0;
                let value = (t.threshold * share * 10.0).round() / 10.0;
                work::insert_progress(
                    &mut tx,
                    &ProgressRow {
                        id: ids::new_id(),
                        org_id: org_id.clone(),
                        campaign_id: cid.into(),
                        target_id: t.id.clone(),
                        unit_id: Some(unit_id.clone()),
                        value,
                        reported_on: iso(*d),
                        comment: None,
                        created_by: Some(AUTHOR.into()),
                        created_at: at_nine(*d),
                    },
                )
                .await?;
                reports += 1;
            }
        }
    }
    for t in targets.iter().filter(|t| t.scope == "body") {
        for (q, d) in report_days.iter().enumerate() {
            let value = 70.0 + 6.0 * q as f64;
            work::insert_progress(
                &mut tx,
                &ProgressRow {
                    id: ids::new_id(),
                    org_id: org_id.clone(),
                    campaign_id: cid.into(),
                    target_id: t.id.clone(),
                    unit_id: None,
                    value,
                    reported_on: iso(*d),
                    comment: Some("Số liệu tổng hợp của Phòng Văn hóa và Thông tin.".into()),
                    created_by: Some(AUTHOR.into()),
                    created_at: at_nine(*d),
                },
            )
            .await?;
            reports += 1;
        }
    }
    let (mut owed_due, mut sent_due, mut late, mut early, mut submissions) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    for (deadline_id, due, owed) in &cells {
        let is_due = *due < today;
        for &u in owed {
            let sent_on = if is_due {
                owed_due += 1;
                if !seq.chance(60) {
                    continue;
                }
                sent_due += 1;
                if seq.chance(25) {
                    late += 1;
                    (*due + Duration::days(1 + seq.next(25) as i64)).min(today)
                } else {
                    (*due - Duration::days(seq.next(10) as i64)).max(from)
                }
            } else {
                // A few units send before the due date.
                if !seq.chance(15) {
                    continue;
                }
                early += 1;
                (today - Duration::days(seq.next(5) as i64)).max(from)
            };
            submissions += 1;
            let s = SubmissionRow {
                id: ids::new_id(),
                org_id: org_id.clone(),
                campaign_id: cid.into(),
                deadline_id: deadline_id.clone(),
                due_on: iso(*due),
                unit_id: participants[u].0.clone(),
                sent_on: iso(sent_on),
                document_number: Some(format!("{}/BC-UBND", 1 + submissions % 400)),
                note: None,
                created_by: Some(AUTHOR.into()),
                created_at: at_nine(sent_on),
            };
            work::insert_submission(&mut tx, &s).await?;
        }
    }
    let after = serde_json::json!({"units": n, "participants": participants.len(), "deadline_rules": rule_list.len(), "columns": cells.len(), "submissions": submissions});
    audit::record(
        &mut tx,
        audit::AuditEntry {
            org_id: &org_id,
            user_id: None,
            user_name: AUTHOR,
            action: "campaign.create",
            object_type: "campaign",
            object_id: cid,
            object_label: &campaign.title,
            before: None,
            after: Some(after),
        },
    )
    .await?;
    tx.commit().await?;
    db.close().await;

    let total_cells: usize = cells.iter().map(|c| c.2.len()).sum();
    eprintln!(
        "units: {n} new (BENCH-0001…), {} participants with the demo's {} active units",
        participants.len(),
        demo_units.len()
    );
    eprintln!(
        "deadlines: {} rules ({quarterly_rules} quarterly, {} one-off) → {} occurrences = matrix columns; matrix {} rows × {} columns = {} cells, {total_cells} owed",
        rule_list.len(),
        rule_list.len() - quarterly_rules,
        cells.len(),
        participants.len(),
        cells.len(),
        participants.len() * cells.len()
    );
    eprintln!(
        "submissions: {submissions} ({sent_due} of {owed_due} owed cells already due = {:.0} %, {late} of them late; {early} sent before the due date); registrations: {registrations}; progress reports: {reports}; targets: {} ({} per unit)",
        if owed_due > 0 {
            100.0 * sent_due as f64 / owed_due as f64
        } else {
            0.0
        },
        targets.len(),
        per_unit.len()
    );
    eprintln!(
        "generated in {:.1} s (units {:.1} s, campaign {:.1} s, work {:.1} s); today {}",
        started.elapsed().as_secs_f64(),
        units_done.as_secs_f64(),
        (campaign_done - units_done).as_secs_f64(),
        (started.elapsed() - campaign_done).as_secs_f64(),
        iso(today)
    );
    println!("{cid}");
    Ok(())
}

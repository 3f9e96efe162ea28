//! The demo's November cycle of scoring (chấm điểm, xếp hạng thi đua khối phường, as the Quận 7 plan
//! schedules it): a scale in the seed plans' wording over this year's ward clusters, every ward's
//! self-assessment, the office's review with reasons, publication, an appeal decided, a tie broken by
//! a vote. The block of offices gets its own scale, still open for self-assessment.

use crate::demo::Seq;
use crate::demo_campaigns::user_ctx;
use thidua_app::Caller;
use thidua_app::scoring::appeals::{self, AppealInput, DecisionInput};
use thidua_app::scoring::entries::{self, EntryInput, Stage};
use thidua_app::scoring::scales::{self, ScaleInput};
use thidua_domain::date::vn;
use thidua_domain::scoring::input::{CriterionInput, GroupInput};
use thidua_store::{Db, clusters};

fn fail(e: thidua_app::Error) -> anyhow::Error {
    anyhow::anyhow!("demo scoring: {}", e.message())
}

/// A criterion: code, text, kind, points, and for rates the target; guidance and assessor.
fn c(code: &str, text: &str, kind: &str, points: &str, extra: &[(&str, &str)]) -> CriterionInput {
    let get = |k: &str| {
        extra
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.to_string())
            .unwrap_or_default()
    };
    CriterionInput {
        code: code.into(),
        text: text.into(),
        kind: kind.into(),
        points: points.into(),
        guidance: get("guidance"),
        target_value: get("target_value"),
        max_count: get("max_count"),
        precondition: get("precondition"),
        assessor: get("assessor"),
        tie_break: get("tie_break"),
        ..Default::default()
    }
}

fn g(name: &str, max: &str, criteria: Vec<CriterionInput>) -> GroupInput {
    GroupInput {
        name: name.into(),
        max_points: max.into(),
        criteria,
    }
}

/// The ward block's scale, in the wording of the seed plans (Quận 7 2024, LAW.md §6).
pub fn ward_groups() -> Vec<GroupInput> {
    vec![
        g(
            "Thực hiện nhiệm vụ chính trị, phát triển kinh tế - xã hội",
            "60",
            vec![
                c(
                    "1",
                    "Hoàn thành chỉ tiêu thu ngân sách nhà nước trên địa bàn",
                    "rate",
                    "20",
                    &[
                        ("target_value", "100"),
                        ("tie_break", "1"),
                        (
                            "guidance",
                            "Tỷ lệ = số thu đạt / dự toán giao × 100 %; Điểm = Tỷ lệ × điểm chuẩn, tối đa điểm chuẩn.",
                        ),
                    ],
                ),
                c(
                    "2",
                    "Cải cách hành chính, chuyển đổi số: tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn",
                    "rate",
                    "15",
                    &[("target_value", "100"), ("tie_break", "2")],
                ),
                c(
                    "3",
                    "Bảo đảm quốc phòng, an ninh, trật tự an toàn xã hội trên địa bàn",
                    "fixed",
                    "15",
                    &[(
                        "guidance",
                        "Căn cứ báo cáo của Công an phường và Ban Chỉ huy quân sự.",
                    )],
                ),
                c(
                    "4",
                    "Thực hiện chính sách an sinh xã hội, chăm lo gia đình chính sách, hộ nghèo, hộ cận nghèo",
                    "fixed",
                    "10",
                    &[],
                ),
            ],
        ),
        g(
            "Công tác thi đua, khen thưởng",
            "40",
            vec![
                c(
                    "5",
                    "Ban hành kế hoạch, phát động phong trào thi đua; đăng ký thi đua, ký kết giao ước thi đua đúng thời gian",
                    "yes_no",
                    "10",
                    &[],
                ),
                c(
                    "6",
                    "Phát hiện, bồi dưỡng, nhân rộng mô hình, điển hình tiên tiến, gương người tốt việc tốt hằng quý",
                    "fixed",
                    "10",
                    &[
                        ("assessor", "cluster_leader"),
                        (
                            "guidance",
                            "Mỗi quý có ít nhất 01 gương được giới thiệu: 2,5 điểm/quý.",
                        ),
                    ],
                ),
                c(
                    "7",
                    "Tham gia sinh hoạt Cụm thi đua; gửi hồ sơ sinh hoạt Cụm 6 tháng đầu năm và cuối năm đúng hạn",
                    "fixed",
                    "10",
                    &[("assessor", "cluster_leader")],
                ),
                c(
                    "8",
                    "Gửi báo cáo sơ kết, tổng kết phong trào thi đua yêu nước đúng thời gian quy định",
                    "fixed",
                    "10",
                    &[(
                        "precondition",
                        "Có báo cáo tổng kết gửi Thường trực Hội đồng Thi đua - Khen thưởng (Phòng Nội vụ)",
                    )],
                ),
            ],
        ),
        g(
            "Điểm thưởng",
            "5",
            vec![c(
                "9",
                "Mô hình, cách làm hay được Thành phố biểu dương, nhân rộng (mỗi mô hình)",
                "bonus",
                "2.5",
                &[("max_count", "2")],
            )],
        ),
        g(
            "Điểm trừ",
            "10",
            vec![
                c(
                    "10",
                    "Chậm gửi báo cáo, hồ sơ theo quy định (mỗi lần)",
                    "deduction",
                    "1",
                    &[("max_count", "10")],
                ),
                c(
                    "11",
                    "Cán bộ, công chức bị xử lý kỷ luật trong năm (mỗi trường hợp)",
                    "deduction",
                    "2",
                    &[("max_count", "5")],
                ),
            ],
        ),
    ]
}

/// The offices' block: a shorter scale, still open for their self-assessment.
fn office_groups() -> Vec<GroupInput> {
    vec![
        g(
            "Thực hiện nhiệm vụ chuyên môn được giao",
            "70",
            vec![
                c(
                    "1",
                    "Hoàn thành các chỉ tiêu, nhiệm vụ chuyên môn được Ủy ban nhân dân giao trong năm",
                    "rate",
                    "50",
                    &[("target_value", "100"), ("tie_break", "1")],
                ),
                c(
                    "2",
                    "Tham mưu văn bản đúng thời hạn, chất lượng",
                    "fixed",
                    "20",
                    &[],
                ),
            ],
        ),
        g(
            "Công tác thi đua, khen thưởng",
            "30",
            vec![
                c(
                    "3",
                    "Đăng ký thi đua và ký kết giao ước thi đua đầu năm",
                    "yes_no",
                    "10",
                    &[],
                ),
                c(
                    "4",
                    "Giới thiệu gương điển hình tiên tiến, người tốt việc tốt",
                    "fixed",
                    "20",
                    &[],
                ),
            ],
        ),
        g(
            "Điểm trừ",
            "10",
            vec![c(
                "5",
                "Chậm gửi báo cáo theo quy định (mỗi lần)",
                "deduction",
                "1",
                &[],
            )],
        ),
    ]
}

/// Builds the demo's scales of this year. `office` is the standing office's account.
pub async fn build(db: &Db, office: &Caller) -> anyhow::Result<()> {
    let today = thidua_app::today();
    let year = today.year();
    let mut tx = db.begin().await?;
    let year_clusters = clusters::list(&mut tx, office.org_id(), Some(i64::from(year))).await?;
    let bachdang = user_ctx(&mut tx, "canbo.bachdang").await?;
    tx.commit().await?;
    let ward_clusters: Vec<String> = year_clusters
        .iter()
        .filter(|c| c.name.starts_with("Cụm thi đua số"))
        .map(|c| c.id.clone())
        .collect();
    let office_block: Vec<String> = year_clusters
        .iter()
        .filter(|c| c.name == "Khối các phòng, ban chuyên môn")
        .map(|c| c.id.clone())
        .collect();
    if ward_clusters.is_empty() {
        return Ok(());
    }
    let soon = vn(today + time::Duration::days(7));
    let wards = scales::create(
        db,
        office,
        &ScaleInput {
            name: format!("Thang điểm chấm điểm, xếp hạng thi đua Khối phường năm {year}"),
            year: year.to_string(),
            cluster_ids: ward_clusters,
            self_until: soon,
            appeal_days: "5".into(),
            groups: ward_groups(),
            ..Default::default()
        },
    )
    .await
    .map_err(fail)?;
    let run = Cycle {
        db,
        office,
        bachdang: bachdang.as_ref(),
        scale_id: wards.id.clone(),
    };
    run.cycle(year).await?;
    if !office_block.is_empty() {
        let offices = scales::create(
            db,
            office,
            &ScaleInput {
                name: format!(
                    "Thang điểm chấm điểm thi đua Khối các phòng, ban chuyên môn năm {year}"
                ),
                year: year.to_string(),
                cluster_ids: office_block,
                self_until: vn(today + time::Duration::days(14)),
                appeal_days: "5".into(),
                peers_visible: true,
                groups: office_groups(),
                ..Default::default()
            },
        )
        .await
        .map_err(fail)?;
        scales::advance(db, office, &offices.id, offices.version, "open")
            .await
            .map_err(fail)?;
    }
    Ok(())
}

struct Cycle<'a> {
    db: &'a Db,
    office: &'a Caller,
    bachdang: Option<&'a Caller>,
    scale_id: String,
}

impl Cycle<'_> {
    async fn version(&self) -> anyhow::Result<i64> {
        Ok(scales::get(self.db, self.office, &self.scale_id)
            .await
            .map_err(fail)?
            .row
            .version)
    }

    async fn step(&self, to: &str) -> anyhow::Result<()> {
        let v = self.version().await?;
        scales::advance(self.db, self.office, &self.scale_id, v, to)
            .await
            .map_err(fail)?;
        Ok(())
    }

    /// Self-assessment, review, publication, an appeal and a tie broken by a vote.
    async fn cycle(&self, year: i32) -> anyhow::Result<()> {
        self.step("open").await?;
        let scale = scales::get(self.db, self.office, &self.scale_id)
            .await
            .map_err(fail)?;
        let mut seq = Seq(u64::try_from(year).unwrap_or(2026));
        let units = scale.units();
        for (i, (unit_id, name)) in units.iter().enumerate() {
            let officer = match self.bachdang {
                Some(b) if name == "Phường Bạch Đằng" => b.clone(),
                _ => Caller::system(self.office.org_id()).named(&format!("Cán bộ TĐKT {name}")),
            };
            // Two wards of the first cluster answer alike: a tie the review leaves for a vote.
            let lines = self_lines(&scale, &mut seq, i == 1 || i == 2);
            entries::save(
                self.db,
                &officer,
                &self.scale_id,
                unit_id,
                Stage::SelfAssessment,
                &lines,
            )
            .await
            .map_err(fail)?;
        }
        self.step("review").await?;
        self.review(&scale, &units).await?;
        // The deadline as the plan set it (the demo scored ahead of it to go through the use cases).
        let mut edited = scales::get(self.db, self.office, &self.scale_id)
            .await
            .map_err(fail)?;
        let input = ScaleInput {
            name: edited.row.name.clone(),
            year: edited.row.year.to_string(),
            cluster_ids: edited.clusters.iter().map(|c| c.row.id.clone()).collect(),
            self_until: format!("25/11/{year}"),
            appeal_days: edited.row.appeal_days.to_string(),
            ..Default::default()
        };
        edited.row = scales::update(
            self.db,
            self.office,
            &self.scale_id,
            edited.row.version,
            &input,
        )
        .await
        .map_err(fail)?;
        self.step("published").await?;
        self.appeal(&scale).await?;
        self.tie_vote().await?;
        self.year_ends(&scale).await
    }
}

/// A ward's answers: good results with some spread; `twin` repeats the first ward's answers.
fn self_lines(scale: &thidua_app::scoring::Loaded, seq: &mut Seq, twin: bool) -> Vec<EntryInput> {
    let mut local = if twin {
        Seq(7)
    } else {
        Seq(seq.next(1 << 30) as u64 | 1)
    };
    scale
        .criteria
        .iter()
        .map(|c| {
            let r = local.next(100) as f64;
            let amount = match c.kind.as_str() {
                "rate" => format!("{:.1}", 88.0 + r * 0.2),
                "yes_no" => "1".to_string(),
                "bonus" => (local.next(3)).to_string(),
                "deduction" => (local.next(10) / 7).to_string(),
                _ => format!("{}", (c.points * (0.7 + r * 0.003) * 2.0).round() / 2.0),
            };
            EntryInput {
                criterion_id: c.id.clone(),
                amount,
                note: if c.kind == "rate" {
                    "Số liệu theo báo cáo kinh tế - xã hội năm.".into()
                } else {
                    String::new()
                },
                ..Default::default()
            }
        })
        .collect()
}

impl Cycle<'_> {
    /// The office checks the wards' answers against the reports it holds and changes some, with the
    /// reason; the rest stand as the wards gave them.
    async fn review(
        &self,
        scale: &thidua_app::scoring::Loaded,
        units: &[(String, String)],
    ) -> anyhow::Result<()> {
        let late = scale.criteria.iter().find(|c| c.code == "10");
        let safety = scale.criteria.iter().find(|c| c.code == "3");
        let (Some(late), Some(safety)) = (late, safety) else {
            return Ok(());
        };
        for (unit_id, _) in units.iter().skip(3).step_by(4) {
            let sheet =
                thidua_app::scoring::sheet::sheet(self.db, self.office, &self.scale_id, unit_id)
                    .await
                    .map_err(fail)?;
            let version = |id: &str| {
                sheet
                    .lines
                    .iter()
                    .find(|l| l.criterion.id == id)
                    .and_then(|l| l.entry.as_ref())
                    .map(|e| e.version)
            };
            let lines = vec![
                EntryInput {
                    criterion_id: late.id.clone(),
                    amount: "2".into(),
                    note: "Đối chiếu sổ theo dõi: chậm gửi hồ sơ sinh hoạt Cụm 6 tháng cuối năm và báo cáo tổng kết (02 lần).".into(),
                    version: version(&late.id),
                    ..Default::default()
                },
                EntryInput {
                    criterion_id: safety.id.clone(),
                    amount: "12".into(),
                    note: "Theo báo cáo của Công an quận, trên địa bàn còn xảy ra 02 vụ việc phức tạp về trật tự.".into(),
                    version: version(&safety.id),
                    ..Default::default()
                },
            ];
            entries::save(
                self.db,
                self.office,
                &self.scale_id,
                unit_id,
                Stage::Review,
                &lines,
            )
            .await
            .map_err(fail)?;
        }
        Ok(())
    }

    /// Phường Bạch Đằng appeals its score on the models of the year; the office accepts it.
    async fn appeal(&self, scale: &thidua_app::scoring::Loaded) -> anyhow::Result<()> {
        let Some(officer) = self.bachdang else {
            return Ok(());
        };
        let Some((unit_id, _)) = scale
            .units()
            .into_iter()
            .find(|(_, n)| n == "Phường Bạch Đằng")
        else {
            return Ok(());
        };
        let Some(models) = scale.criteria.iter().find(|c| c.code == "6") else {
            return Ok(());
        };
        let filed = appeals::file(self.db, officer, &self.scale_id, &unit_id, &AppealInput {
            criterion_id: models.id.clone(),
            text: "Phường đã giới thiệu đủ 04 gương điển hình trong 04 quý (kèm Báo cáo số 112/BC-UBND ngày 20/10); đề nghị công nhận đủ 10 điểm.".into(),
        })
        .await
        .map_err(fail)?;
        appeals::decide(self.db, self.office, &filed.id, &DecisionInput {
            status: "accepted".into(),
            reason: "Đối chiếu báo cáo quý IV của phường: đủ 04 gương được giới thiệu; công nhận 10 điểm.".into(),
            amount: "10".into(),
            version: filed.version,
            ..Default::default()
        })
        .await
        .map_err(fail)?;
        Ok(())
    }

    /// Two wards stay equal on every criterion: the cluster's vote decides.
    async fn tie_vote(&self) -> anyhow::Result<()> {
        let r = thidua_app::scoring::ranking::ranking(self.db, self.office, &self.scale_id)
            .await
            .map_err(fail)?;
        let tied: Vec<String> = r
            .clusters
            .iter()
            .flat_map(|c| c.places.iter())
            .filter(|p| p.tied)
            .map(|p| p.unit_id.clone())
            .collect();
        let votes: Vec<(String, i64)> = tied
            .iter()
            .take(2)
            .zip([5, 1])
            .map(|(id, n)| (id.clone(), n))
            .collect();
        if votes.len() == 2 {
            thidua_app::scoring::ranking::record_votes(
                self.db,
                self.office,
                &self.scale_id,
                &votes,
            )
            .await
            .map_err(fail)?;
        }
        Ok(())
    }
}

impl Cycle<'_> {
    /// The first two ward clusters hold their year-end meeting: the ranking's first is voted the
    /// leading unit, this year's deputy becomes next year's leader. The third is left for a user.
    async fn year_ends(&self, scale: &thidua_app::scoring::Loaded) -> anyhow::Result<()> {
        use thidua_app::cluster_year_end::{self as year_end, YearEndInput};
        for c in scale.clusters.iter().take(2) {
            let view = year_end::view(self.db, self.office, &c.row.id)
                .await
                .map_err(fail)?;
            let Some(first) = view.proposal else { continue };
            let members = view.members.len();
            let next_leader = c.row.deputy_unit_id.clone().unwrap_or_default();
            let next_deputy = view
                .members
                .iter()
                .map(|m| m.unit_id.clone())
                .find(|id| *id != next_leader && Some(id) != c.row.leader_unit_id.as_ref())
                .unwrap_or_default();
            let input = YearEndInput {
                held_on: vn(thidua_app::today()),
                present: members.to_string(),
                leading_unit_id: first.unit_id,
                leading_votes: (members - 1).max(1).to_string(),
                next_leader_unit_id: next_leader,
                next_deputy_unit_id: next_deputy,
                scale_id: first.scale_id,
                note: "Hội nghị tổng kết Cụm thi đua, thống nhất đề nghị Ủy ban nhân dân quận tặng Cờ thi đua cho đơn vị dẫn đầu.".into(),
                ..Default::default()
            };
            year_end::record(self.db, self.office, &c.row.id, &input)
                .await
                .map_err(fail)?;
        }
        Ok(())
    }
}

//! Demo campaigns: the four seed plans (`/work/shared/seeds`) as plans of the demo organisation, with
//! their real numbers, titles, periods, legal bases, themes and lead units, targets, deadlines, award
//! forms and quotas, and the units' work on them (registrations, pacts, progress, what was sent), so the
//! matrix, the progress board and a unit officer's to-do list show something real.
//!
//! - Gò Vấp 5531/KH-UBND (2023, sprint), Quận 11 303/KH-UBND (2024, 60-day peak) and Hai Bà Trưng's
//!   thematic plan (2024) stay in their years: filled in, then closed.
//! - Quận 7's yearly plan (2024) is the live one: entered as printed, then copied year by year with
//!   [`ops::campaigns::copy`] up to the current year, which stays launched. Every year's copy is filled in
//!   as of today (nothing is dated after today), so some deadlines are met, some sent late, some missing
//!   and some still ahead whatever the date.
//!
//! Every plan is written through the use cases (checked and audited). The demo is one organisation, so
//! the other districts' plans take the demo's own units as participants; a lead the demo does not have
//! (the tax office, the police) keeps the name printed in the plan.

use std::collections::HashMap;
use thidua_app as ops;
use thidua_app::Caller;
use thidua_app::Error as AppError;
use thidua_app::campaign_views::{Roster, due_dates};
use thidua_domain::campaign::deadline::{DeadlineInput, DeadlineKind};
use thidua_domain::campaign::pact::PactInput;
use thidua_domain::campaign::parts::{
    AwardFormInput, ProgressInput, QuotaInput, RegistrationInput, SubmissionInput, ThemeInput,
};
use thidua_domain::campaign::target::{Comparator, TargetInput, TargetScope, format_number};
use thidua_domain::campaign::{CampaignInput, CampaignStatus};
use thidua_domain::date::{iso, vn};
use thidua_store::blobs::BlobStore;
use thidua_store::campaign_parts::{self as parts, DeadlineRow, TargetRow};
use thidua_store::campaign_work::{self as work, CommitmentRow, RegistrationRow, SubmissionRow};
use thidua_store::campaigns::{self, CampaignRow};
use thidua_store::clusters::{self, ClusterRow};
use thidua_store::units::UnitRow;
use thidua_store::{Db, ids, users};
use time::macros::{date, offset};
use time::{Date, Duration};

/// A yearly plan stays launched this long after its period, until its year-end review is done.
const REVIEW_DAYS: i64 = 45;

/// Loads the four seed plans and the units' work on them. Called once the units, clusters and users of
/// the demo exist; `units` are the organisation's active units.
pub async fn build(db: &Db, admin: &Caller, units: &[UnitRow]) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    let office = user_ctx(&mut tx, "thuongtruc")
        .await?
        .unwrap_or_else(|| admin.clone());
    let bachdang = user_ctx(&mut tx, "canbo.bachdang").await?;
    tx.commit().await?;
    let mut demo = Demo {
        db,
        office,
        bachdang,
        units,
        today: ops::campaigns::today_vn(),
        seq: Seq(2024),
    };
    demo.go_vap_2023().await?;
    demo.quan11_2024().await?;
    demo.hai_ba_trung_2024().await?;
    demo.quan7_yearly().await?;
    Ok(())
}

/// The city's live campaign and the ids of two of its themes.
#[derive(Debug, Clone)]
pub struct CityCampaign {
    pub id: String,
    pub budget_theme: String,
    pub culture_theme: String,
}

/// The city organisation's live campaign (see [`crate::demo_city`]): written by its standing office.
pub async fn build_city(
    db: &Db,
    admin: &Caller,
    units: &[UnitRow],
) -> anyhow::Result<CityCampaign> {
    let mut tx = db.begin().await?;
    let office = user_ctx(&mut tx, "hn.thuongtruc")
        .await?
        .unwrap_or_else(|| admin.clone());
    tx.commit().await?;
    let mut demo = Demo {
        db,
        office,
        bachdang: None,
        units,
        today: ops::campaigns::today_vn(),
        seq: Seq(2026),
    };
    demo.city_peak().await
}

pub(crate) async fn user_ctx(
    tx: &mut thidua_store::Tx,
    username: &str,
) -> anyhow::Result<Option<Caller>> {
    let Some(user) = users::get_by_username(tx, username).await? else {
        return Ok(None);
    };
    Caller::of_user(tx, user, None)
        .await
        .map_err(|e| fail("user", e))
}

fn fail(what: &str, e: AppError) -> anyhow::Error {
    match e {
        AppError::Internal(inner) => anyhow::anyhow!("demo campaigns ({what}): {inner:#}"),
        other => anyhow::anyhow!("demo campaigns ({what}): {}", other.message()),
    }
}

/// Deterministic pseudo-random numbers, so the demo is the same on every machine (for a given day).
struct Seq(u64);

impl Seq {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// The demo adds no evidence files, so no file is ever stored.
#[derive(Debug)]
struct NoFiles;

#[async_trait::async_trait]
impl BlobStore for NoFiles {
    async fn put(&self, _: &[u8]) -> std::io::Result<String> {
        Err(std::io::Error::new(
            std::io::ErrorKind::Unsupported,
            "the demo stores no files",
        ))
    }
    async fn get(&self, _: &str) -> std::io::Result<Vec<u8>> {
        Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "the demo stores no files",
        ))
    }
    fn describe(&self) -> String {
        "no files (demo)".into()
    }
}

/// How diligent a unit is (decides how often it sends on time and how fast it progresses): 2 good,
/// 1 average, 0 poor. Phường Bạch Đằng is a good unit (its officer is the demo's unit officer).
fn quality(code: &str) -> u8 {
    match code {
        "P-BACHDANG" | "P-NOIVU" => 2,
        "P-THANHLUONG" | "P-VINHTUY" | "HCCB" | "P-TNMT" => 0,
        _ => {
            let h = code
                .bytes()
                .fold(17u64, |a, b| a.wrapping_mul(31).wrapping_add(u64::from(b)));
            if h % 3 == 0 { 1 } else { 2 }
        }
    }
}

/// A theme as printed: its lead and coordinating units by name (matched to the demo's units when it
/// has that office), its timeframe and what the plan says of it.
struct Theme<'a> {
    title: &'a str,
    lead: &'a str,
    coordinating: &'a [&'a str],
    from: &'a str,
    to: &'a str,
    description: &'a str,
}

/// A target: text, comparator, threshold, unit of measure, scope, and the theme it belongs to (index).
type Target<'a> = (
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    TargetScope,
    Option<usize>,
);

/// What the units do on a plan.
struct Work {
    /// Units register (titles aimed for and their own levels of the per-unit targets).
    register: bool,
    /// Clusters of the plan's year that sign a pact (by name), with its content and targets.
    pacts: &'static [&'static str],
    pact_content: &'static str,
    pact_targets: &'static str,
    /// A plan still followed today: Bạch Đằng has something late and something due soon.
    live: bool,
}

enum Fate {
    OnTime(i64),
    Late(i64),
    Missing,
}

struct Demo<'a> {
    db: &'a Db,
    office: Caller,
    bachdang: Option<Caller>,
    units: &'a [UnitRow],
    today: Date,
    seq: Seq,
}

fn period(c: &CampaignRow) -> (Date, Date) {
    (
        ops::campaigns::date_of(&c.period_from),
        ops::campaigns::date_of(&c.period_to),
    )
}

/// Dates progress is reported on: the quarters of the period reached by today and, while it runs,
/// the end of last month (the latest figures).
fn report_dates(from: Date, to: Date, today: Date) -> Vec<Date> {
    let len = (to - from).whole_days();
    let mut out: Vec<Date> = (1..=4)
        .map(|k| from + Duration::days(len * k / 4))
        .filter(|d| *d <= today)
        .collect();
    if to > today {
        let month_end = today
            .replace_day(1)
            .map(|d| d - Duration::days(1))
            .unwrap_or(today);
        if month_end >= from
            && out
                .last()
                .is_none_or(|last| month_end > *last + Duration::days(7))
        {
            out.push(month_end);
        }
    }
    out
}

/// The per-unit targets a cluster's pact commits its members to, at the plan's level: those meant for
/// every unit, and those meant for every ward when the cluster is one of wards.
fn pact_clauses(targets: &[TargetRow], cluster_name: &str) -> Vec<(String, String)> {
    targets
        .iter()
        .filter(|t| t.scope == TargetScope::PerUnit.code())
        .filter(|t| {
            let text = t.text.to_lowercase();
            !text.starts_with("mỗi cụm")
                && (!text.starts_with("mỗi phường") || cluster_name.contains("phường"))
        })
        .map(|t| (t.id.clone(), format_number(t.threshold)))
        .collect()
}

/// The value reached on `d` by a unit going at `pace` (1 = exactly on schedule) towards `threshold`
/// (the plan's, or the level the unit committed to).
fn value_on(t: &TargetRow, threshold: f64, from: Date, to: Date, d: Date, pace: f64) -> f64 {
    if threshold.abs() < f64::EPSILON {
        return 0.0;
    }
    let total = (to - from).whole_days().max(1) as f64;
    let elapsed = ((d - from).whole_days() as f64 / total).clamp(0.0, 1.0);
    let comparator = Comparator::parse(&t.comparator).unwrap_or(Comparator::AtLeast);
    // A count of N items cannot go past N; a rate may go a little over the plan.
    let cap = if comparator == Comparator::Equal {
        1.0
    } else {
        1.08
    };
    let v = threshold * (elapsed * pace).min(cap);
    match t.measure.as_deref() {
        Some("%") => (v * 10.0).round() / 10.0,
        // Small counts come in whole items: a unit on schedule has done the item that was due.
        _ if pace >= 1.0 => v.ceil(),
        _ => v.floor(),
    }
}

fn timestamp_on(d: Date, hour: u8) -> String {
    d.with_hms(hour, 30, 0)
        .map(|t| ids::timestamp(t.assume_offset(offset!(+7))))
        .unwrap_or_else(|_| ids::now())
}

impl<'a> Demo<'a> {
    fn unit(&self, code: &str) -> Option<&'a UnitRow> {
        self.units.iter().find(|u| u.code == code)
    }

    fn by_id(&self, id: &str) -> Option<&'a UnitRow> {
        self.units.iter().find(|u| u.id == id)
    }

    /// The officer acting for a unit: Bạch Đằng's own officer for Bạch Đằng, the standing office otherwise.
    fn ctx_for_unit(&self, unit_id: &str) -> &Caller {
        match (&self.bachdang, self.by_id(unit_id)) {
            (Some(c), Some(u)) if u.code == "P-BACHDANG" => c,
            _ => &self.office,
        }
    }

    /// Units of the given kinds that existed during a plan ending on `to` (the ward formed in July 2025
    /// takes no part in the 2024 plans; the two wards it replaced are closed and cannot be chosen).
    fn participants(&self, kinds: &[&str], to: Date) -> Vec<String> {
        self.units
            .iter()
            .filter(|u| kinds.contains(&u.kind.as_str()) && u.valid_to.is_none())
            .filter(|u| thidua_domain::date::parse(&u.valid_from).is_none_or(|f| f <= to))
            .map(|u| u.id.clone())
            .collect()
    }

    /// The demo unit a plan names, when the demo has that office; `None` keeps the printed name.
    fn unit_named(&self, printed: &str) -> Option<&'a UnitRow> {
        let p = printed.to_lowercase();
        let office_like = [
            "sở ",
            "phòng ",
            "văn phòng",
            "liên đoàn lao động",
            "quận đoàn",
            "ủy ban mặt trận",
            "uỷ ban mặt trận",
        ]
        .iter()
        .any(|s| p.starts_with(s));
        if !office_like {
            return None;
        }
        const KEYS: [(&str, &str); 20] = [
            // The city's departments (second demo organisation) before the district's offices.
            ("sở tài chính", "SO-TAICHINH"),
            ("sở văn hóa", "SO-VHTT"),
            ("sở khoa học", "SO-KHCN"),
            ("sở nội vụ", "SO-NOIVU"),
            ("sở giáo dục", "SO-GDDT"),
            ("liên đoàn lao động", "LDLD"),
            ("quận đoàn", "QUANDOAN"),
            ("mặt trận tổ quốc", "MTTQ"),
            ("văn phòng", "VP-HDND-UBND"),
            ("nội vụ", "P-NOIVU"),
            ("tài chính", "P-TCKH"),
            ("quản lý đô thị", "P-QLDT"),
            ("văn hóa", "P-VHTT"),
            ("văn hoá", "P-VHTT"),
            ("thương binh", "P-LDTBXH"),
            ("tư pháp", "P-TUPHAP"),
            ("giáo dục", "P-GDDT"),
            ("y tế", "P-YTE"),
            ("tài nguyên", "P-TNMT"),
            ("kinh tế", "P-KINHTE"),
        ];
        KEYS.iter()
            .find(|(k, _)| p.contains(k))
            .and_then(|(_, code)| self.unit(code))
    }

    // ---- writing a plan (all through the use cases) ----

    async fn create(&self, input: CampaignInput) -> anyhow::Result<CampaignRow> {
        ops::campaigns::create(self.db, &self.office, &input)
            .await
            .map_err(|e| fail(&input.title, e))
    }

    async fn themes(&self, c: &CampaignRow, themes: &[Theme<'_>]) -> anyhow::Result<Vec<String>> {
        let mut out = Vec::new();
        for t in themes {
            let (lead_unit_id, lead_name) = match self.unit_named(t.lead) {
                Some(u) => (u.id.clone(), String::new()),
                None => (String::new(), t.lead.to_string()),
            };
            let coordinating = t
                .coordinating
                .iter()
                .filter_map(|n| self.unit_named(n))
                .map(|u| u.id.clone())
                .filter(|id| *id != lead_unit_id)
                .collect();
            let input = ThemeInput {
                title: t.title.into(),
                lead_unit_id,
                lead_name,
                coordinating_ids: coordinating,
                period_from: t.from.into(),
                period_to: t.to.into(),
                description: t.description.into(),
            };
            out.push(
                ops::campaign_parts::add_theme(self.db, &self.office, &c.id, &input)
                    .await
                    .map_err(|e| fail(t.title, e))?
                    .id,
            );
        }
        Ok(out)
    }

    async fn targets(
        &self,
        c: &CampaignRow,
        themes: &[String],
        targets: &[Target<'_>],
    ) -> anyhow::Result<()> {
        for (text, comparator, threshold, unit, scope, theme) in targets {
            let theme_id = theme
                .and_then(|i| themes.get(i).cloned())
                .unwrap_or_default();
            let input = TargetInput {
                text: (*text).into(),
                comparator: (*comparator).into(),
                threshold: (*threshold).into(),
                unit: (*unit).into(),
                scope: scope.code().into(),
                theme_id,
            };
            ops::campaign_parts::add_target(self.db, &self.office, &c.id, &input)
                .await
                .map_err(|e| fail(text, e))?;
        }
        Ok(())
    }

    async fn deadlines(&self, c: &CampaignRow, items: Vec<DeadlineInput>) -> anyhow::Result<()> {
        for d in items {
            ops::campaign_parts::add_deadline(self.db, &self.office, &c.id, &d)
                .await
                .map_err(|e| fail(&d.what, e))?;
        }
        Ok(())
    }

    async fn award_forms(
        &self,
        c: &CampaignRow,
        forms: &[(&str, &str, &str)],
    ) -> anyhow::Result<()> {
        for (name, code, criteria) in forms {
            let input = AwardFormInput {
                name: (*name).into(),
                catalog_code: (*code).into(),
                criteria: (*criteria).into(),
            };
            ops::campaigns::add_award_form(self.db, &self.office, &c.id, &input)
                .await
                .map_err(|e| fail(name, e))?;
        }
        Ok(())
    }

    async fn quotas(&self, c: &CampaignRow, quotas: Vec<QuotaInput>) -> anyhow::Result<()> {
        for q in quotas {
            ops::campaigns::add_quota(self.db, &self.office, &c.id, &q)
                .await
                .map_err(|e| fail(&q.who, e))?;
        }
        Ok(())
    }

    async fn reload(&self, c: &CampaignRow) -> anyhow::Result<CampaignRow> {
        let mut tx = self.db.begin().await?;
        let row = campaigns::get(&mut tx, self.office.org_id(), &c.id).await?;
        tx.commit().await?;
        Ok(row)
    }

    async fn set_status(&self, c: &CampaignRow, to: CampaignStatus) -> anyhow::Result<CampaignRow> {
        let fresh = self.reload(c).await?;
        ops::campaigns::set_status(self.db, &self.office, &c.id, fresh.version, to)
            .await
            .map_err(|e| fail(&c.title, e))
    }

    /// A copy keeps the participants of its source that still exist; the office then sets those of
    /// the new year (the ward formed in July 2025 joins from the 2025 plan on).
    async fn set_participants(
        &self,
        c: &CampaignRow,
        mut wanted: Vec<String>,
    ) -> anyhow::Result<CampaignRow> {
        let mut tx = self.db.begin().await?;
        let bases = campaigns::legal_bases(&mut tx, &c.id).await?;
        let mut have: Vec<String> = campaigns::participants(&mut tx, &c.id)
            .await?
            .into_iter()
            .map(|p| p.unit_id)
            .collect();
        let fresh = campaigns::get(&mut tx, self.office.org_id(), &c.id).await?;
        tx.commit().await?;
        have.sort();
        wanted.sort();
        if have == wanted {
            return Ok(fresh);
        }
        let input = CampaignInput {
            number: fresh.number.clone().unwrap_or_default(),
            issued_on: fresh.issued_on.clone().unwrap_or_default(),
            issuer: fresh.issuer.clone(),
            place: fresh.place.clone().unwrap_or_default(),
            title: fresh.title.clone(),
            kind: fresh.kind.clone(),
            period_from: fresh.period_from.clone(),
            period_to: fresh.period_to.clone(),
            signer_title: fresh.signer_title.clone().unwrap_or_default(),
            signer_name: fresh.signer_name.clone().unwrap_or_default(),
            legal_bases: ops::campaigns::legal_bases_input(&bases),
            purposes: fresh.purposes.clone().unwrap_or_default(),
            content: fresh.content.clone().unwrap_or_default(),
            participants_note: fresh.participants_note.clone().unwrap_or_default(),
            participant_ids: wanted,
        };
        ops::campaigns::update(self.db, &self.office, &c.id, fresh.version, &input)
            .await
            .map_err(|e| fail(&c.title, e))
    }

    // ---- the units' work ----

    /// Fills in a launched plan as of today: registrations, pacts, progress and what was sent.
    async fn fill(&mut self, c: &CampaignRow, w: &Work) -> anyhow::Result<()> {
        let (from, to) = period(c);
        let mut tx = self.db.begin().await?;
        let deadlines = parts::deadlines(&mut tx, &c.id).await?;
        let targets = parts::targets(&mut tx, &c.id).await?;
        let participants: Vec<String> = campaigns::participants(&mut tx, &c.id)
            .await?
            .into_iter()
            .map(|p| p.unit_id)
            .collect();
        let year_clusters =
            clusters::list(&mut tx, self.office.org_id(), Some(i64::from(from.year()))).await?;
        tx.commit().await?;
        // Units register inside the registration window, or in the first two weeks of the plan.
        let window = deadlines
            .iter()
            .find(|d| DeadlineKind::parse(&d.kind) == Some(DeadlineKind::Registration))
            .map(|d| {
                (
                    d.opens_on
                        .as_deref()
                        .map(ops::campaigns::date_of)
                        .unwrap_or(from),
                    ops::campaigns::date_of(&d.due_on),
                )
            })
            .unwrap_or((from, from + Duration::days(14)));
        let (registered, committed) = if w.register {
            self.register(c, window, &participants, &targets).await?
        } else {
            (Vec::new(), HashMap::new())
        };
        let signed_on = (window.1 - Duration::days(3)).max(window.0);
        let mut signed = Vec::new();
        if signed_on <= self.today {
            for name in w.pacts {
                if let Some(cl) = year_clusters.iter().find(|cl| cl.name == *name) {
                    let input = PactInput {
                        cluster_id: cl.id.clone(),
                        signed_on: vn(signed_on),
                        content: w.pact_content.into(),
                        commitments: pact_clauses(&targets, name),
                        targets: w.pact_targets.into(),
                    };
                    let ctx = self.leader_ctx(cl);
                    ops::campaign_work::sign_pact(self.db, ctx, &c.id, None, &input)
                        .await
                        .map_err(|e| fail(name, e))?;
                    signed.push(cl);
                }
            }
        }
        let leaders: Vec<String> = year_clusters
            .iter()
            .filter_map(|cl| cl.leader_unit_id.clone())
            .filter(|l| participants.contains(l))
            .collect();
        let dates = report_dates(from, to, self.today);
        for t in &targets {
            if TargetScope::parse(&t.scope) == Some(TargetScope::Body) {
                let pace = [0.9, 1.0, 1.1][self.seq.next(3)];
                // The office's figures through the year; a closed plan keeps the last two.
                let shown = if w.live {
                    &dates[..]
                } else {
                    &dates[dates.len().saturating_sub(2)..]
                };
                for d in shown {
                    self.report(c, t, None, *d, value_on(t, t.threshold, from, to, *d, pace))
                        .await?;
                }
                continue;
            }
            let pool = if registered.is_empty() {
                &participants
            } else {
                &registered
            };
            for unit_id in self.reporters(t, pool, &leaders) {
                let q = self.by_id(&unit_id).map(|u| quality(&u.code)).unwrap_or(1);
                let paces: &[f64] = match q {
                    2 => &[1.0, 1.05, 1.15, 1.3],
                    1 => &[0.85, 0.95, 1.0],
                    _ => &[0.55, 0.7, 0.8],
                };
                let pace = paces[self.seq.next(paces.len())];
                // Units send their last two figures (a closed plan keeps the final one); poor units
                // stop after the first.
                let recent = &dates[dates.len().saturating_sub(if w.live { 2 } else { 1 })..];
                let upto = if q == 0 {
                    recent.len().min(1)
                } else {
                    recent.len()
                };
                let threshold = committed
                    .get(&(t.id.clone(), unit_id.clone()))
                    .copied()
                    .unwrap_or(t.threshold);
                for d in &recent[..upto] {
                    self.report(
                        c,
                        t,
                        Some(&unit_id),
                        *d,
                        value_on(t, threshold, from, to, *d, pace),
                    )
                    .await?;
                }
            }
        }
        // A plan still followed has had its pacts reviewed on the latest report date but one
        // (sơ kết 6 tháng or 9 tháng), from what the members had reported by then.
        if let (true, [.., on, _]) = (w.live, dates.as_slice()) {
            for cl in signed.into_iter().filter(|_| *on >= signed_on) {
                crate::demo_pacts::review(self.db, self.leader_ctx(cl), &c.id, &cl.id, *on).await?;
            }
        }
        self.send(c, &deadlines, w.live).await
    }

    /// Who acts for a cluster: its leading unit's officer when the demo has one, else the office.
    fn leader_ctx(&self, cl: &ClusterRow) -> &Caller {
        cl.leader_unit_id
            .as_deref()
            .map(|l| self.ctx_for_unit(l))
            .unwrap_or(&self.office)
    }

    /// The units that report on a per-unit target, as the plan means it.
    fn reporters(&mut self, t: &TargetRow, pool: &[String], leaders: &[String]) -> Vec<String> {
        let units = self.units;
        let kind_code = |id: &str| {
            units
                .iter()
                .find(|u| u.id == id)
                .map(|u| (u.kind.as_str(), u.code.as_str()))
                .unwrap_or_default()
        };
        let text = t.text.to_lowercase();
        let candidates: Vec<String> = if text.starts_with("mỗi cụm") {
            leaders.to_vec()
        } else if text.starts_with("mỗi phường") || text.contains("số thu ngân sách") {
            pool.iter()
                .filter(|id| kind_code(id).0 == "ward")
                .cloned()
                .collect()
        } else if text.contains("vốn đầu tư công") {
            pool.iter()
                .filter(|id| {
                    kind_code(id).0 == "ward"
                        || ["P-QLDT", "P-TCKH", "P-GDDT"].contains(&kind_code(id).1)
                })
                .cloned()
                .collect()
        } else {
            pool.to_vec()
        };
        // A few units never report (they show as "not reported"); Bạch Đằng always does.
        let mut out = Vec::new();
        for id in candidates {
            if kind_code(&id).1 == "P-BACHDANG" || self.seq.next(10) != 0 {
                out.push(id);
            }
        }
        out
    }

    async fn report(
        &self,
        c: &CampaignRow,
        t: &TargetRow,
        unit_id: Option<&str>,
        on: Date,
        value: f64,
    ) -> anyhow::Result<()> {
        let comment = match unit_id {
            Some(_) => "Số liệu tổng hợp của đơn vị.",
            None => "Số liệu tổng hợp của Thường trực Hội đồng Thi đua - Khen thưởng.",
        };
        let input = ProgressInput {
            unit_id: unit_id.unwrap_or_default().into(),
            value: format_number(value),
            reported_on: vn(on),
            comment: comment.into(),
        };
        let ctx = unit_id
            .map(|u| self.ctx_for_unit(u))
            .unwrap_or(&self.office);
        ops::campaign_work::report_progress(self.db, &NoFiles, ctx, &c.id, &t.id, &input, &[])
            .await
            .map_err(|e| fail(&t.text, e))?;
        Ok(())
    }

    /// Registers most units (not all) on a day inside the window; returns the units registered and the
    /// levels they committed to (target, unit → level).
    async fn register(
        &mut self,
        c: &CampaignRow,
        window: (Date, Date),
        participants: &[String],
        targets: &[TargetRow],
    ) -> anyhow::Result<(Vec<String>, HashMap<(String, String), f64>)> {
        let days = (window.1 - window.0).whole_days().max(0) as usize;
        let peak = c.kind == "peak";
        let mut out = Vec::new();
        let mut batch = Vec::new();
        let mut committed = HashMap::new();
        for id in participants {
            let Some(u) = self.by_id(id) else { continue };
            let q = quality(&u.code);
            let skip = match q {
                _ if u.code == "P-BACHDANG" => false,
                0 => self.seq.next(10) < 7,
                _ => self.seq.next(20) == 0,
            };
            let on = window.0 + Duration::days(self.seq.next(days + 1) as i64);
            if skip || on > self.today {
                continue;
            }
            let titles: Vec<String> = match (peak, u.kind.as_str(), q) {
                (true, _, _) => vec![],
                (false, "ward", 2) | (false, "department", 2) => vec!["TTLDXS".into()],
                _ => vec!["TTLDTT".into()],
            };
            let mut commitments = Vec::new();
            for t in targets
                .iter()
                .filter(|t| t.scope == TargetScope::PerUnit.code())
            {
                let text = t.text.to_lowercase();
                let applies = if text.starts_with("mỗi phường") || text.contains("số thu ngân sách")
                {
                    u.kind == "ward"
                } else {
                    !text.starts_with("mỗi cụm")
                };
                if applies {
                    // Good units commit to more than the plan asks where the plan counts items.
                    let more = q == 2 && t.measure.as_deref() == Some("gương");
                    let level = if more { t.threshold + 1.0 } else { t.threshold };
                    committed.insert((t.id.clone(), id.clone()), level);
                    commitments.push((t.id.clone(), format_number(level)));
                }
            }
            if titles.is_empty() && commitments.is_empty() {
                continue;
            }
            let input = RegistrationInput {
                unit_id: id.clone(),
                titles,
                commitments,
                own_targets: String::new(),
                note: String::new(),
            };
            batch.push((on, input));
            out.push(id.clone());
        }
        self.register_on(c, window.1, &batch).await?;
        Ok((out, committed))
    }

    /// Registers units on past days. The use case stamps a registration with the moment it is made
    /// and refuses it once the registration window has closed, which is right for people but not for a
    /// demo that enters last spring's registrations today. So the demo checks what the use case checks
    /// (a launched plan, a participating unit, valid titles and levels, a day inside the window), stores
    /// each registration with its real day and writes the same audit row, all in one transaction.
    /// A registration made today goes through the use case itself.
    async fn register_on(
        &self,
        c: &CampaignRow,
        closes: Date,
        items: &[(Date, RegistrationInput)],
    ) -> anyhow::Result<()> {
        let mut tx = self.db.begin().await?;
        let fresh = campaigns::get(&mut tx, self.office.org_id(), &c.id).await?;
        anyhow::ensure!(
            fresh.status == CampaignStatus::Launched.code(),
            "demo campaigns: {} is not launched",
            c.title
        );
        let per_unit: Vec<(String, String, Comparator, Option<String>)> =
            parts::targets(&mut tx, &c.id)
                .await?
                .into_iter()
                .filter(|t| t.scope == TargetScope::PerUnit.code())
                .map(|t| {
                    (
                        t.id,
                        t.text,
                        Comparator::parse(&t.comparator).unwrap_or(Comparator::AtLeast),
                        t.measure,
                    )
                })
                .collect();
        let participants: Vec<String> = campaigns::participants(&mut tx, &c.id)
            .await?
            .into_iter()
            .map(|p| p.unit_id)
            .collect();
        let rules = ops::honours::rules_in(&mut tx, self.office.org_id())
            .await
            .map_err(|e| fail("rules", e))?;
        let catalog = rules.catalog();
        let mut today = Vec::new();
        for (on, input) in items {
            if *on >= self.today {
                today.push(input);
                continue;
            }
            anyhow::ensure!(
                *on <= closes,
                "demo campaigns: registration on {} after the window closed ({})",
                vn(*on),
                vn(closes)
            );
            let ctx = self.ctx_for_unit(&input.unit_id);
            let d = input
                .validate(&per_unit)
                .map_err(|v| fail("registration", v.into()))?;
            anyhow::ensure!(
                participants.contains(&d.unit_id),
                "demo campaigns: registering a unit that does not take part"
            );
            anyhow::ensure!(
                d.titles
                    .iter()
                    .all(|code| catalog.entries().iter().any(|e| e.code.as_str() == code)),
                "demo campaigns: unknown title"
            );
            let unit = thidua_store::units::get(&mut tx, ctx.org_id(), &d.unit_id).await?;
            let at = timestamp_on(*on, 9);
            let rows: Vec<CommitmentRow> = d
                .targets
                .iter()
                .map(|t| CommitmentRow {
                    target_id: t.target_id.clone(),
                    text: t.text.clone(),
                    comparator: t.comparator.code().into(),
                    threshold: t.threshold,
                    measure: t.unit.clone(),
                })
                .collect();
            let row = RegistrationRow {
                id: ids::new_id(),
                org_id: ctx.org_id().into(),
                campaign_id: c.id.clone(),
                unit_id: unit.id.clone(),
                titles: d.titles.join(";"),
                note: d.note.clone(),
                registered_at: at.clone(),
                registered_by: Some(ctx.author()),
                version: 1,
                created_at: at.clone(),
                updated_at: at,
            };
            work::insert_registration(&mut tx, &row, &rows).await?;
            let label = format!("{} — {}", unit.name, c.title);
            ops::Audit::new("registration.create", "registration", &row.id, &label)
                .after(&(&row, &rows))
                .write(&mut tx, ctx)
                .await
                .map_err(|e| fail("audit", e))?;
        }
        tx.commit().await?;
        for input in today {
            ops::campaign_work::register(
                self.db,
                self.ctx_for_unit(&input.unit_id),
                &c.id,
                None,
                input,
            )
            .await
            .map_err(|e| fail("registration", e))?;
        }
        Ok(())
    }

    fn fate(&mut self, q: u8) -> Fate {
        let r = self.seq.next(100);
        let (on_time, late) = match q {
            2 => (85, 10),
            1 => (60, 25),
            _ => (30, 30),
        };
        if r < on_time {
            Fate::OnTime(self.seq.next(7) as i64)
        } else if r < on_time + late {
            Fate::Late(1 + self.seq.next(14) as i64)
        } else {
            Fate::Missing
        }
    }

    /// What each unit sent for each deadline: mostly on time, some late, some never. In a live plan
    /// Phường Bạch Đằng misses the last quarter's exemplary models, sends its mid-year report late and
    /// has not yet sent what falls due next.
    async fn send(
        &mut self,
        c: &CampaignRow,
        deadlines: &[DeadlineRow],
        live: bool,
    ) -> anyhow::Result<()> {
        let (from, to) = period(c);
        let mut tx = self.db.begin().await?;
        let roster = Roster::load(&mut tx, self.office.org_id(), c, deadlines)
            .await
            .map_err(|e| fail("roster", e))?;
        tx.commit().await?;
        let mut batch = Vec::new();
        for (i, d) in deadlines.iter().enumerate() {
            let kind = DeadlineKind::parse(&d.kind).unwrap_or(DeadlineKind::Other);
            let opens = d
                .opens_on
                .as_deref()
                .map(ops::campaigns::date_of)
                .unwrap_or(from)
                .max(from);
            let dues = due_dates(d, to);
            let last_past = dues.iter().filter(|x| **x < self.today).max().copied();
            for (n, due) in dues.iter().enumerate() {
                for unit_id in roster.addressees(d) {
                    let Some(u) = self.by_id(&unit_id) else {
                        continue;
                    };
                    let fate = if live && u.code == "P-BACHDANG" {
                        match kind {
                            _ if *due >= self.today => continue,
                            DeadlineKind::ExemplaryModels if Some(*due) == last_past => {
                                Fate::Missing
                            }
                            DeadlineKind::MidYearReport => Fate::Late(6),
                            _ => Fate::OnTime(2),
                        }
                    } else {
                        self.fate(quality(&u.code))
                    };
                    let sent_on = match fate {
                        Fate::OnTime(k) => (*due - Duration::days(k)).max(opens),
                        Fate::Late(k) => *due + Duration::days(k),
                        Fate::Missing => continue,
                    };
                    let number = format!(
                        "{}/{}-{}",
                        10 + n * 40 + self.seq.next(40),
                        doc_kind(kind),
                        doc_suffix(u)
                    );
                    if sent_on < self.today {
                        batch.push((i, unit_id, *due, sent_on, number));
                    } else if *due < self.today {
                        // Late and sent today: through the use case, which dates it today.
                        let input = SubmissionInput {
                            unit_id: unit_id.clone(),
                            due_on: vn(*due),
                            document_number: number,
                            note: String::new(),
                        };
                        ops::campaign_work::submit(
                            self.db,
                            &NoFiles,
                            self.ctx_for_unit(&unit_id),
                            &c.id,
                            &d.id,
                            &input,
                            &[],
                        )
                        .await
                        .map_err(|e| fail(&d.what, e))?;
                    }
                }
            }
        }
        self.sent_before(c, deadlines, &roster, &batch).await
    }

    /// Records what units sent on past days. The use case dates a submission the day it is recorded
    /// (so a report sent last May and entered today would count as late), so the demo checks what the
    /// use case checks (a launched plan, a due date of the deadline, a unit that owes it, a document
    /// number), stores each submission with its real day and writes the same audit row, all in one
    /// transaction.
    async fn sent_before(
        &self,
        c: &CampaignRow,
        deadlines: &[DeadlineRow],
        roster: &Roster,
        items: &[(usize, String, Date, Date, String)],
    ) -> anyhow::Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        let (_, to) = period(c);
        let rules: Vec<(Vec<Date>, Vec<String>)> = deadlines
            .iter()
            .map(|d| (due_dates(d, to), roster.addressees(d)))
            .collect();
        let mut tx = self.db.begin().await?;
        let fresh = campaigns::get(&mut tx, self.office.org_id(), &c.id).await?;
        anyhow::ensure!(
            fresh.status == CampaignStatus::Launched.code(),
            "demo campaigns: {} is not launched",
            c.title
        );
        for (i, unit_id, due, sent_on, number) in items {
            let (d, (dates, owed)) = (&deadlines[*i], &rules[*i]);
            anyhow::ensure!(
                *sent_on < self.today,
                "demo campaigns: a submission dated in the future"
            );
            let input = SubmissionInput {
                unit_id: unit_id.clone(),
                due_on: vn(*due),
                document_number: number.clone(),
                note: String::new(),
            };
            let s = input.validate(dates).map_err(|v| fail(&d.what, v.into()))?;
            anyhow::ensure!(
                owed.contains(&s.unit_id),
                "demo campaigns: {} does not owe {}",
                s.unit_id,
                d.what
            );
            let ctx = self.ctx_for_unit(unit_id);
            let unit_name = roster
                .unit(unit_id)
                .map(|(n, _)| n.to_string())
                .unwrap_or_default();
            let row = SubmissionRow {
                id: ids::new_id(),
                org_id: ctx.org_id().into(),
                campaign_id: c.id.clone(),
                deadline_id: d.id.clone(),
                due_on: iso(s.due_on),
                unit_id: s.unit_id.clone(),
                sent_on: iso(*sent_on),
                document_number: s.document_number.clone(),
                note: s.note.clone(),
                created_by: Some(ctx.author()),
                created_at: timestamp_on(*sent_on, 15),
            };
            work::insert_submission(&mut tx, &row).await?;
            let label = format!("{unit_name} — {} (hạn {})", d.what, vn(s.due_on));
            let files: Vec<work::AttachmentRow> = Vec::new();
            ops::Audit::new("submission.create", "submission", &row.id, &label)
                .after(&(&row, &files))
                .write(&mut tx, ctx)
                .await
                .map_err(|e| fail("audit", e))?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// The document type in a sent document's number (*BC* report, *TTr* proposal, *KH* plan…).
fn doc_kind(k: DeadlineKind) -> &'static str {
    match k {
        DeadlineKind::Registration => "ĐK",
        DeadlineKind::UnitPlan => "KH",
        DeadlineKind::Nomination | DeadlineKind::ExemplaryModels => "TTr",
        _ => "BC",
    }
}

/// The issuing office in a sent document's number.
fn doc_suffix(u: &UnitRow) -> String {
    let short = match u.code.as_str() {
        _ if u.kind == "ward" => "UBND",
        "VP-HDND-UBND" => "VP",
        "P-NOIVU" => "NV",
        "P-QLDT" => "QLĐT",
        "P-LDTBXH" => "LĐTBXH",
        "P-GDDT" => "GDĐT",
        "P-TUPHAP" => "TP",
        "P-YTE" => "YT",
        "P-KINHTE" => "KT",
        "THANHTRA" => "TTra",
        "QUANDOAN" => "QĐ",
        "HLHPN" => "HPN",
        "HCCB" => "CCB",
        "LDLD" => "LĐLĐ",
        other => other.trim_start_matches("P-"),
    };
    short.to_string()
}

fn deadline(
    kind: DeadlineKind,
    what: &str,
    opens: &str,
    due: &str,
    addressees: &str,
    recipient: &str,
) -> DeadlineInput {
    DeadlineInput {
        kind: kind.code().into(),
        what: what.into(),
        opens_on: opens.into(),
        due_on: due.into(),
        addressees: addressees.into(),
        recipient: recipient.into(),
        ..Default::default()
    }
}

const OFFICES_WARDS_ORGS: [&str; 3] = ["department", "ward", "mass_org"];

// ---- the four plans ----

impl Demo<'_> {
    /// Seed 003: Gò Vấp's year-end sprint, 1 November – 15 December 2023.
    async fn go_vap_2023(&mut self) -> anyhow::Result<()> {
        let to = date!(2023 - 12 - 15);
        let c = self
            .create(CampaignInput {
                number: "5531/KH-UBND".into(),
                issued_on: "01/11/2023".into(),
                issuer: "Ủy ban nhân dân quận Gò Vấp".into(),
                place: "Gò Vấp".into(),
                title: "Phát động phong trào thi đua nước rút, phấn đấu hoàn thành chỉ tiêu phát triển kinh tế - xã hội năm 2023 trên địa bàn quận Gò Vấp".into(),
                kind: "peak".into(),
                period_from: "01/11/2023".into(),
                period_to: vn(to),
                signer_title: "Chủ tịch".into(),
                signer_name: "Nguyễn Trí Dũng".into(),
                legal_bases: "88/KH-UBND; 10/01/2023; Kế hoạch của Ủy ban nhân dân quận Gò Vấp về phát động phong trào thi đua yêu nước năm 2023\n\
                              753/TĐKT; 07/03/2023; Công văn của Hội đồng Thi đua - Khen thưởng quận về đăng ký thi đua năm 2023\n\
                              02/CT-UBND; 09/02/2023; Chỉ thị của Ủy ban nhân dân Thành phố Hồ Chí Minh về phát động phong trào thi đua yêu nước năm 2023"
                    .into(),
                purposes: "1. Mục đích\n\
                           - Phát huy sức mạnh của cả hệ thống chính trị, nỗ lực hoàn thành một số chỉ tiêu, nhiệm vụ phát triển kinh tế - xã hội năm 2023 trên địa bàn quận đạt và vượt so với kế hoạch đề ra.\n\
                           - Thi đua giữa chính quyền với các doanh nghiệp, doanh nhân góp phần thúc đẩy việc phục hồi kinh tế nhanh và bền vững.\n\
                           - Phát hiện, biểu dương, khen thưởng kịp thời các tập thể, cá nhân có thành tích tiêu biểu, xuất sắc có mô hình sáng tạo, những cách làm trong phong trào thi đua để tuyên truyền, phổ biến, nhân rộng.\n\
                           2. Yêu cầu\n\
                           - Thủ trưởng các phòng, ban, ngành, đoàn thể quận và Chủ tịch Ủy ban nhân dân 16 phường tranh thủ sự lãnh đạo của cấp ủy đảng, trực tiếp lãnh đạo, chỉ đạo tổ chức phát động phong trào thi đua nghiêm túc, đồng bộ, hiệu quả. Động viên cán bộ, công chức, viên chức, hội viên, đoàn viên nỗ lực thi đua với “Tinh thần tăng tốc, năng suất tăng gấp đôi”."
                    .into(),
                content: "2.1. Thi đua hoàn thành vượt mức 19 chỉ tiêu cơ bản về phát triển kinh tế - xã hội và 13 chỉ tiêu đăng ký giao ước thi đua của quận; từng cơ quan, đơn vị hoàn thành 100% chỉ tiêu kế hoạch đề ra.\n\
                          2.2. Thi đua hoàn thành tất cả các nhiệm vụ của từng ngành đã được xác định trong Kế hoạch chỉ đạo, điều hành của Ủy ban nhân dân quận từ đầu năm.\n\
                          2.3. Thi đua thực hiện Cải cách hành chính, ứng dụng công nghệ thông tin, cải thiện chất lượng dịch vụ công trực tuyến mức độ 3, mức độ 4 trên tất cả các lĩnh vực đang áp dụng.\n\
                          2.4. Tiếp tục đẩy mạnh, triển khai quyết liệt các giải pháp nhằm đảm bảo tiến độ 04 dự án trọng điểm (03 của Thành phố và 01 của quận): kênh Tham Lương - Bến Cát - Rạch Nước Lên; đường Dương Quảng Hàm; Rạch Xuyên Tâm; Trường Tiểu học Phường 12.\n\
                          2.7. Thi đua giữ vững ổn định chính trị, bảo đảm quốc phòng, trật tự, an toàn xã hội; hoàn thành 100% chỉ tiêu giao quân năm 2024."
                    .into(),
                participants_note: "Tập thể: các phòng, ban, đơn vị trực thuộc quận, Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội quận, các cơ quan, đơn vị liên quan; các trường học, các doanh nghiệp, hợp tác xã, hộ gia đình trên địa bàn quận; Ủy ban nhân dân 16 phường, khu phố, tổ dân phố. Cá nhân: cán bộ, đảng viên, công chức, viên chức, chiến sĩ lực lượng vũ trang, người lao động và Nhân dân trên địa bàn quận.".into(),
                participant_ids: self.participants(&["department", "ward", "mass_org", "school", "enterprise"], to),
            })
            .await?;
        use TargetScope::{Body, PerUnit};
        self.targets(
            &c,
            &[],
            &[
                ("Hoàn thành vượt mức chỉ tiêu cơ bản về phát triển kinh tế - xã hội", "=", "19", "chỉ tiêu", Body, None),
                ("Hoàn thành vượt mức chỉ tiêu đăng ký giao ước thi đua của quận", "=", "13", "chỉ tiêu", Body, None),
                ("Từng cơ quan, đơn vị hoàn thành chỉ tiêu kế hoạch đề ra", "=", "100", "%", PerUnit, None),
                ("Đảm bảo tiến độ dự án trọng điểm trên địa bàn quận (03 của Thành phố và 01 của quận)", "=", "4", "dự án", Body, None),
                ("Hoàn thành chỉ tiêu giao quân năm 2024", "=", "100", "%", Body, None),
            ],
        )
        .await?;
        self.deadlines(
            &c,
            vec![deadline(
                DeadlineKind::YearEndReport,
                "Báo cáo kết quả triển khai kế hoạch và phát động đợt thi đua nước rút tại cơ quan, đơn vị",
                "",
                "15/12/2023",
                "all",
                "Hội đồng Thi đua - Khen thưởng quận (Phòng Nội vụ)",
            )],
        )
        .await?;
        let c = self.set_status(&c, CampaignStatus::Launched).await?;
        self.fill(
            &c,
            &Work {
                register: true,
                pacts: &[],
                pact_content: "",
                pact_targets: "",
                live: false,
            },
        )
        .await?;
        self.set_status(&c, CampaignStatus::Closed).await?;
        Ok(())
    }

    /// Seed 002: Quận 11's 60-day peak campaign, 1 November – 31 December 2024.
    async fn quan11_2024(&mut self) -> anyhow::Result<()> {
        let to = date!(2024 - 12 - 31);
        let c = self
            .create(CampaignInput {
                number: "303/KH-UBND".into(),
                issued_on: "11/11/2024".into(),
                issuer: "Ủy ban nhân dân Quận 11".into(),
                place: "Quận 11".into(),
                title: "Thi đua cao điểm 60 ngày đêm “Quyết tâm tăng tốc, năng suất gấp đôi” phản đấu hoàn thành chỉ tiêu kinh tế - xã hội năm 2024 trên địa bàn Quận 11".into(),
                kind: "peak".into(),
                period_from: "01/11/2024".into(),
                period_to: vn(to),
                signer_title: "Chủ tịch".into(),
                signer_name: "Nguyễn Trần Bình".into(),
                legal_bases: "6677/KH-UBND; 30/10/2024; Kế hoạch của Ủy ban nhân dân Thành phố Hồ Chí Minh về thi đua cao điểm 60 ngày đêm “Quyết tâm tăng tốc, năng suất gấp đôi” phản đấu hoàn thành chỉ tiêu kinh tế - xã hội năm 2024 của Thành phố Hồ Chí Minh".into(),
                purposes: "1. Mục đích\n\
                           - Phát huy sức mạnh của cả hệ thống chính trị, tập trung cao nhất mọi nguồn lực, quyết tâm, kiên trì thực hiện có hiệu quả các giải pháp, nội dung chỉ đạo của Trung ương, Ủy ban nhân dân Thành phố, Quận ủy, Ủy ban nhân dân quận để hoàn thành các mục tiêu, nhiệm vụ phát triển kinh tế - xã hội và thực hiện giao ước thi đua của Cụm thi đua 2 (Cụm thi đua thành phố Thủ Đức, các quận, huyện) năm 2024.\n\
                           - Nâng cao tinh thần trách nhiệm, phát huy tính sáng tạo của cán bộ, đảng viên, công chức, viên chức và cả hệ thống chính trị, đặc biệt là người đứng đầu trong quá trình triển khai nhiệm vụ, giải pháp thực hiện các chỉ tiêu kinh tế - xã hội.\n\
                           2. Yêu cầu\n\
                           - Đợt thi đua được triển khai sâu rộng với các hình thức, biện pháp thi đua thiết thực, hiệu quả gắn với thực hiện nhiệm vụ chính trị, phù hợp tình hình thực tế của từng đơn vị.\n\
                           - Phát hiện, biểu dương, khen thưởng kịp thời các tập thể, cá nhân phát huy được tinh thần trách nhiệm, thi đua, nỗ lực, xung kích, đạt thành tích xuất sắc tiêu biểu. Phòng Nội vụ (Thường trực Hội đồng Thi đua - Khen thưởng) trực tiếp theo dõi, đôn đốc và kịp thời báo cáo, đề xuất biểu dương, khen thưởng."
                    .into(),
                content: "3.1. Tập trung hoàn thành đạt và vượt 15 chỉ tiêu chủ yếu về phát triển kinh tế - xã hội quận 2024 theo Quyết định số 350/QĐ-UBND ngày 29 tháng 03 năm 2024 của Ủy ban nhân dân quận.\n\
                          3.2. Tập trung tháo gỡ vướng mắc, quyết tâm thúc đẩy tiến độ giải ngân vốn đầu tư công năm 2024, phấn đấu thực hiện đạt tỷ lệ thấp nhất là 95% theo kế hoạch và theo cam kết của các đơn vị.\n\
                          3.3. Tập trung thực hiện các giải pháp Cải cách hành chính trên địa bàn quận năm 2024; giữ vững và nâng cao thứ hạng các chỉ số cải cách hành chính về Par-Index, PCI, PAPI.\n\
                          3.4. Đẩy mạnh thực hiện có hiệu quả các chương trình, công trình, dự án thi đua tiêu biểu; đặc biệt đẩy mạnh phong trào thi đua chào mừng kỷ niệm 50 năm Ngày giải phóng miền Nam, thống nhất đất nước (30/4/1975 - 30/4/2025)."
                    .into(),
                participants_note: "Tập thể: các phòng, ban, ngành, Ủy ban Mặt trận Tổ quốc Việt Nam quận và các tổ chức chính trị - xã hội quận, Ủy ban nhân dân 16 phường, các cơ quan, đơn vị, doanh nghiệp trên địa bàn quận. Cá nhân: cán bộ, công chức, viên chức, người lao động thuộc các cơ quan, đơn vị, Ủy ban nhân dân các phường.".into(),
                participant_ids: self.participants(&["department", "ward", "mass_org", "enterprise"], to),
            })
            .await?;
        let themes = self
            .themes(
                &c,
                &[
                    Theme { title: "Thực hiện chỉ tiêu thu ngân sách Nhà nước năm 2024", lead: "Chi Cục thuế quận", coordinating: &[], from: "", to: "", description: "Chi Cục thuế quận chủ trì phối hợp với các cơ quan, đơn vị có liên quan xem xét, đề xuất khen thưởng, biểu dương đối với các tập thể, cá nhân có thành tích xuất sắc, tiêu biểu, nổi bật trong thực hiện chỉ tiêu thu ngân sách Nhà nước năm 2024." },
                    Theme { title: "Thực hiện giải ngân vốn đầu tư công năm 2024, nhiệm vụ thu - chi ngân sách năm 2024, Nghị quyết số 98/2023/QH15 của Quốc hội và chỉ số DDCI", lead: "Phòng Tài chính - Kế hoạch", coordinating: &[], from: "", to: "", description: "Phòng Tài chính - Kế hoạch chủ trì phối hợp với các cơ quan, đơn vị có liên quan xem xét, đề xuất khen thưởng, biểu dương đối với các tập thể, cá nhân có thành tích xuất sắc, tiêu biểu, nổi bật trong thực hiện giải ngân vốn đầu tư công, nhiệm vụ thu - chi ngân sách năm 2024." },
                    Theme { title: "Thực hiện chuyển đổi số", lead: "Phòng Văn hóa và Thông tin", coordinating: &[], from: "", to: "", description: "Phòng Văn hóa và Thông tin chủ trì phối hợp với các cơ quan, đơn vị có liên quan xem xét, đề xuất khen thưởng, biểu dương đối với các tập thể, cá nhân có thành tích xuất sắc, tiêu biểu, nổi bật trong thực hiện chuyển đổi số." },
                    Theme { title: "Thực hiện chỉ số cải cách hành chính, các chương trình, công trình, dự án thi đua tiêu biểu cấp quận vượt tiến độ đã đăng ký", lead: "Phòng Nội vụ", coordinating: &[], from: "", to: "", description: "Phòng Nội vụ phối hợp với các cơ quan, đơn vị có liên quan xem xét, đề xuất khen thưởng, biểu dương đối với các tập thể, cá nhân có thành tích xuất sắc, tiêu biểu, nổi bật trong thực hiện chỉ số cải cách hành chính, các chương trình, công trình, dự án thi đua tiêu biểu cấp quận vượt tiến độ đã đăng ký." },
                ],
            )
            .await?;
        use TargetScope::{Body, PerUnit};
        self.targets(
            &c,
            &themes,
            &[
                ("Hoàn thành đạt và vượt chỉ tiêu chủ yếu về phát triển kinh tế - xã hội quận năm 2024 (theo Quyết định số 350/QĐ-UBND ngày 29/3/2024)", "=", "15", "chỉ tiêu", Body, None),
                ("Tỷ lệ giải ngân vốn đầu tư công năm 2024 (thấp nhất)", ">=", "95", "%", Body, Some(1)),
                ("Tiêu chuẩn khen thưởng tập thể: đơn vị có sử dụng vốn đầu tư công đạt tỷ lệ giải ngân vốn theo kế hoạch được giao", ">=", "95", "%", PerUnit, Some(1)),
                ("Tiêu chuẩn khen thưởng tập thể: đơn vị có số thu ngân sách Nhà nước so với kế hoạch được giao", ">", "100", "%", PerUnit, Some(0)),
            ],
        )
        .await?;
        const COLLECTIVE: &str = "Tập thể: nội bộ đoàn kết, gương mẫu chấp hành tốt các chủ trương của Đảng, chính sách pháp luật của Nhà nước; có thành tích xuất sắc, tiêu biểu và có mô hình, giải pháp trong triển khai, thực hiện các nội dung thi đua, đạt một trong các tiêu chuẩn sau:\n\
            + Đơn vị có sử dụng vốn đầu tư công đạt tỷ lệ giải ngân vốn từ 95% trở lên theo kế hoạch được giao (không tính số vốn các đơn vị đăng ký bổ sung), thực hiện tốt công tác phối hợp trong triển khai, thực hiện các chương trình, công trình.\n\
            + Đơn vị có số thu ngân sách Nhà nước đạt trên 100% kế hoạch được giao.\n\
            + Đơn vị là cơ quan chủ trì thực hiện các chương trình, công trình, dự án thi đua tiêu biểu hoàn thành vượt tiến độ đã đăng ký.\n\
            Cá nhân: gương mẫu chấp hành tốt chủ trương của Đảng, chính sách pháp luật của Nhà nước, đạt các tiêu chuẩn sau:\n\
            + Có thành tích xuất sắc, tiêu biểu, nổi bật và trực tiếp lãnh đạo, chỉ đạo, tham gia thực hiện có hiệu quả các nội dung thi đua.\n\
            + Có sáng kiến, giải pháp được áp dụng hiệu quả trong thực hiện nhiệm vụ được giao gắn với các nội dung thi đua.";
        const LOWER: &str = "Đối với các tập thể, cá nhân có thành tích xuất sắc trong Đợt thi đua chưa đạt tiêu chuẩn tặng thưởng Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố, tùy theo thành tích và hiệu quả mang lại cần ghi nhận, tôn vinh.";
        self.award_forms(
            &c,
            &[
                (
                    "Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố",
                    "BK_TINH",
                    COLLECTIVE,
                ),
                ("Thư khen của Chủ tịch Ủy ban nhân dân Thành phố", "", LOWER),
                (
                    "Giấy khen của Chủ tịch Ủy ban nhân dân quận",
                    "GIAY_KHEN",
                    LOWER,
                ),
            ],
        )
        .await?;
        self.deadlines(
            &c,
            vec![deadline(
                DeadlineKind::Nomination,
                "Hồ sơ đề nghị khen thưởng, biểu dương Đợt thi đua (tờ trình, biên bản họp Hội đồng Thi đua - Khen thưởng, báo cáo thành tích theo Mẫu số 8 Nghị định số 98/2023/NĐ-CP, tài liệu chứng minh mô hình, sáng kiến, giải pháp)",
                "",
                "20/12/2024",
                "all",
                "Ủy ban nhân dân quận (qua phòng Nội vụ)",
            )],
        )
        .await?;
        let c = self.set_status(&c, CampaignStatus::Launched).await?;
        self.fill(
            &c,
            &Work {
                register: false,
                pacts: &[],
                pact_content: "",
                pact_targets: "",
                live: false,
            },
        )
        .await?;
        self.set_status(&c, CampaignStatus::Closed).await?;
        Ok(())
    }

    /// Seed 004: Hai Bà Trưng's thematic movement for the 70th anniversary of the capital's liberation.
    /// The draft leaves number and date blank and gives only the end ("đến hết tháng 10 năm 2024"); the
    /// demo starts it on 01/03/2024, after the city's plan 69/KH-UBND of 23/02/2024 it carries out.
    async fn hai_ba_trung_2024(&mut self) -> anyhow::Result<()> {
        let to = date!(2024 - 10 - 31);
        let c = self
            .create(CampaignInput {
                number: String::new(),
                issued_on: String::new(),
                issuer: "Ủy ban nhân dân quận Hai Bà Trưng".into(),
                place: "Quận Hai Bà Trưng".into(),
                title: "Tổ chức phong trào thi đua phấn đấu hoàn thành xuất sắc các chỉ tiêu kinh tế - xã hội năm 2024, lập thành tích chào mừng kỷ niệm 70 năm Ngày Giải phóng Thủ đô (10/10/1954 - 10/10/2024)".into(),
                kind: "thematic".into(),
                period_from: "01/03/2024".into(),
                period_to: vn(to),
                signer_title: "Chủ tịch".into(),
                signer_name: "Nguyễn Quang Trung".into(),
                legal_bases: "27-CT/TU; 20/12/2023; Chỉ thị của Ban Thường vụ Thành ủy Hà Nội về việc tổ chức các hoạt động kỷ niệm 70 năm Ngày giải phóng Thủ đô (10/10/1954 - 10/10/2024) và một số ngày lễ, kỷ niệm quan trọng trong năm 2024\n\
                              69/KH-UBND; 23/02/2024; Kế hoạch của UBND thành phố Hà Nội về tổ chức phong trào thi đua phấn đấu hoàn thành xuất sắc các chỉ tiêu kinh tế - xã hội năm 2024, lập thành tích chào mừng kỷ niệm 70 năm Ngày Giải phóng Thủ đô"
                    .into(),
                purposes: "1. Mục đích\n\
                           - Khơi dậy niềm tự hào về truyền thống anh hùng của Thủ đô ngàn năm văn hiến, nâng cao ý thức và trách nhiệm của các cấp, các ngành, Nhân dân đối với sự nghiệp xây dựng và phát triển Thủ đô.\n\
                           - Tổ chức các phong trào thi đua thực hiện các nhiệm vụ trọng tâm, cấp bách cần tập trung chỉ đạo, phấn đấu hoàn thành xuất sắc các chỉ tiêu phát triển kinh tế - xã hội, nhiệm vụ năm 2024, kế hoạch 5 năm (2021 - 2025) theo Nghị quyết Đại hội đại biểu Đảng bộ Quận lần thứ XXVI.\n\
                           - Biểu dương, tôn vinh các tập thể, cá nhân là điển hình tiên tiến, người tốt, việc tốt trong các phong trào thi đua yêu nước.\n\
                           2. Yêu cầu\n\
                           - 100% các đơn vị thuộc Quận triển khai thực hiện các hoạt động thiết thực chào mừng kỷ niệm 70 năm Ngày Giải phóng Thủ đô và các ngày lễ lớn của Thủ đô và đất nước bằng nhiều hình thức đa dạng, phong phú.\n\
                           - Các hoạt động được tổ chức hiệu quả, thiết thực, có giải pháp cụ thể, bảo đảm tính tự giác, phù hợp điều kiện thực tế của từng địa phương đơn vị."
                    .into(),
                content: "1.1. Thực hiện các biện pháp thúc đẩy phong trào thi đua yêu nước rộng khắp trong các tầng lớp nhân dân trên các lĩnh vực lao động, sản xuất, kinh doanh, học tập, công tác bằng hành động thiết thực gắn với chào mừng kỷ niệm 70 năm Ngày Giải phóng Thủ đô; phấn đấu tăng trưởng cao hơn năm 2023, bảo đảm an sinh và phúc lợi xã hội.\n\
                          1.2. Tập trung tuyên truyền về kết quả, thành tựu trên tất cả các lĩnh vực kinh tế, văn hóa, xã hội, khoa học công nghệ, quy hoạch và quản lý đô thị, quân sự quốc phòng, an ninh trật tự, an toàn xã hội của Thủ đô và Quận.\n\
                          1.5. Thực hiện có hiệu quả Kế hoạch số 145/KH-UBND ngày 11/4/2023 của UBND Quận về tuyên truyền gương điển hình tiên tiến, người tốt, việc tốt trên địa bàn quận Hai Bà Trưng giai đoạn 2023 - 2025.\n\
                          Mỗi Cụm (Khối) thi đua phấn đấu tổ chức ít nhất 01 hoạt động có ý nghĩa, thiết thực, có tác dụng tuyên truyền sâu rộng trong Nhân dân về các phong trào thi đua yêu nước, gương điển hình tiên tiến, người tốt việc tốt."
                    .into(),
                participants_note: "Các phòng, ban, ngành, Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội, đơn vị trực thuộc Quận; các phường. Ưu tiên tập thể nhỏ, cá nhân trực tiếp tham gia tổ chức và thực hiện phong trào thi đua.".into(),
                participant_ids: self.participants(&OFFICES_WARDS_ORGS, to),
            })
            .await?;
        const GENERAL: &str = "các phòng, ban, ngành, đơn vị thuộc Quận; UBND các phường; các tổ chức chính trị - xã hội";
        let themes = self
            .themes(
                &c,
                &[
                    Theme { title: "Phong trào thi đua thúc đẩy xây dựng đô thị văn minh, “Sáng - xanh - sạch - đẹp”", lead: "Phòng Quản lý đô thị", coordinating: &["Phòng Văn hóa và Thông tin"], from: "", to: "", description: &format!("Đơn vị phối hợp: Phòng Văn hóa và Thông tin, {GENERAL}. Thời gian thực hiện: theo Kế hoạch của Quận.") },
                    Theme { title: "Phong trào thi đua “Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí”", lead: "Phòng Tài chính - Kế hoạch", coordinating: &["Phòng Quản lý đô thị"], from: "", to: "", description: &format!("Đơn vị phối hợp: Phòng Quản lý đô thị và {GENERAL}. Thời gian thực hiện: trong năm 2024.") },
                    Theme { title: "Phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại phía sau”", lead: "Phòng Lao động - Thương binh và Xã hội", coordinating: &[], from: "", to: "", description: &format!("Đơn vị phối hợp thực hiện: {GENERAL}. Thời gian thực hiện: trong năm 2024.") },
                    Theme { title: "Thi đua thực hiện đảm bảo an ninh trật tự, an toàn xã hội", lead: "Công an Quận", coordinating: &["Ban Chỉ huy quân sự quận"], from: "", to: "", description: &format!("Đơn vị phối hợp thực hiện: Ban Chỉ huy quân sự quận và {GENERAL}. Thời gian thực hiện: trong năm 2024.") },
                    Theme {
                        title: "Thẩm định và đề xuất công trình, dự án bảo đảm chất lượng, tiến độ, gắn biển khánh thành công trình chào mừng kỷ niệm các ngày lễ lớn và 70 năm Ngày Giải phóng Thủ đô",
                        lead: "Phòng Nội vụ",
                        coordinating: &["Phòng Tài chính - Kế hoạch", "Phòng Quản lý đô thị", "Phòng Giáo dục và Đào tạo", "Công an quận", "Ban quản lý dự án Đầu tư xây dựng quận"],
                        from: "",
                        to: "",
                        description: "Đơn vị phối hợp thực hiện: Phòng Tài chính - Kế hoạch, Quản lý đô thị, Giáo dục và Đào tạo, Công an quận, Ban quản lý dự án Đầu tư xây dựng quận và các đơn vị trực thuộc Quận. Thời gian thực hiện: theo Kế hoạch của Quận.",
                    },
                    Theme { title: "Tham mưu Quận xét duyệt đề nghị Thành phố xét, tặng danh hiệu “Công dân Thủ đô ưu tú”", lead: "Phòng Nội vụ", coordinating: &[], from: "", to: "30/09/2024", description: "Đơn vị phối hợp thực hiện: các phòng, ban, ngành; UBND các phường; các tổ chức chính trị - xã hội và các đơn vị có liên quan. Thời gian thực hiện: trước tháng 10/2024." },
                    // Titles are kept as printed, slips included ("đảm an sinh", "phản đấu").
                    Theme { title: "Thi đua đảm an sinh xã hội, đền ơn đáp nghĩa", lead: "Phòng Lao động - Thương binh và Xã hội", coordinating: &[], from: "", to: "", description: &format!("Đơn vị phối hợp thực hiện: {GENERAL}. Thời gian thực hiện: theo Kế hoạch của Quận.") },
                    Theme { title: "Các hoạt động tuyên truyền, giáo dục truyền thống", lead: "Phòng Văn hoá và Thông tin", coordinating: &["Trung tâm Văn hoá Thông tin và Thể thao Ba Đình"], from: "", to: "", description: &format!("Đơn vị phối hợp thực hiện: Trung tâm Văn hoá Thông tin và Thể thao Ba Đình và {GENERAL}. Thời gian thực hiện: theo Kế hoạch của Quận.") },
                ],
            )
            .await?;
        use TargetScope::{Body, PerUnit};
        self.targets(
            &c,
            &themes,
            &[
                ("Các đơn vị thuộc Quận triển khai thực hiện các hoạt động thiết thực chào mừng kỷ niệm 70 năm Ngày Giải phóng Thủ đô", "=", "100", "%", Body, Some(7)),
                ("Mỗi Cụm (Khối) thi đua tổ chức hoạt động có ý nghĩa, thiết thực, có tác dụng tuyên truyền sâu rộng trong Nhân dân (Cụm, Khối trưởng báo cáo)", ">=", "1", "hoạt động", PerUnit, Some(7)),
            ],
        )
        .await?;
        const SUMMARY_COLLECTIVE: &str = "Khen thưởng tổng kết đợt thi đua. Đối với tập thể: có thành tích xuất sắc, tiêu biểu trong số các tập thể thực hiện đợt thi đua như: tham gia tích cực, có giải pháp triển khai thực hiện đạt chất lượng, hiệu quả cao, bảo đảm tốt kế hoạch đã đề ra và hoàn thành tốt nhiệm vụ của đơn vị, địa phương và của Quận; có cá nhân tiêu biểu được xét, đề nghị Quận khen thưởng; nội bộ đoàn kết, gương mẫu, chấp hành chủ trương của Đảng, pháp luật của Nhà nước.\n\
            Đối với cá nhân: hoàn thành tốt nhiệm vụ được giao, có phẩm chất đạo đức tốt, đoàn kết, gương mẫu; có thành tích tiêu biểu như đề xuất sáng kiến, giải pháp thực hiện các nội dung chuyên đề thi đua đạt hiệu quả, được tập thể đánh giá, ghi nhận.\n\
            Khen thưởng đột xuất: tập thể, cá nhân có thành tích xuất sắc đột xuất trong đợt thi đua, theo Luật Thi đua, khen thưởng năm 2022.";
        self.award_forms(
            &c,
            &[
                ("Giấy khen của Chủ tịch UBND Quận", "GIAY_KHEN", SUMMARY_COLLECTIVE),
                ("Bằng khen của Chủ tịch UBND Thành phố", "BK_TINH", "Căn cứ đề xuất của các đơn vị, chỉ tiêu Thành phố giao, Hội đồng Thi đua Khen thưởng quận lựa chọn 02 tập thể, 03 cá nhân xuất sắc tiêu biểu trình Chủ tịch UBND Thành phố tặng Bằng khen."),
                ("Danh hiệu “Công dân Thủ đô ưu tú”", "", "Phòng Nội vụ tham mưu Quận xét duyệt đề nghị Thành phố xét, tặng trước tháng 10/2024."),
            ],
        )
        .await?;
        let quota = |who: &str, kind: &str, form: &str, coll: &str, ind: &str| QuotaInput {
            who: who.into(),
            unit_kind: kind.into(),
            unit_id: String::new(),
            award_form: form.into(),
            collectives_max: coll.into(),
            individuals_max: ind.into(),
        };
        self.quotas(
            &c,
            vec![
                quota("Mỗi phường", "ward", "Giấy khen của Chủ tịch UBND Quận", "2", "4"),
                quota("Mỗi phòng, ban, ngành, đơn vị thuộc Quận", "department", "Giấy khen của Chủ tịch UBND Quận", "1", "2"),
                quota("Ủy ban Mặt trận Tổ quốc, mỗi tổ chức chính trị - xã hội Quận", "mass_org", "Giấy khen của Chủ tịch UBND Quận", "1", "2"),
                quota("Hội đồng Thi đua - Khen thưởng quận (trình Chủ tịch UBND Thành phố tặng Bằng khen)", "", "Bằng khen của Chủ tịch UBND Thành phố", "2", "3"),
            ],
        )
        .await?;
        let noivu = self
            .unit("P-NOIVU")
            .map(|u| u.id.clone())
            .unwrap_or_default();
        let mut items = vec![
            deadline(
                DeadlineKind::UnitPlan,
                "Kế hoạch cụ thể của cơ quan, đơn vị, ngành, cấp mình để triển khai thực hiện phong trào thi đua",
                "",
                "05/08/2024",
                "all",
                "UBND Quận (qua Phòng Nội vụ)",
            ),
            deadline(
                DeadlineKind::Nomination,
                "Hồ sơ đề nghị khen thưởng tổng kết đợt thi đua (tờ trình, biên bản họp Hội đồng Thi đua - Khen thưởng, danh sách, báo cáo thành tích)",
                "",
                "20/08/2024",
                "all",
                "Đơn vị chủ trì chuyên đề (trình Chủ tịch UBND Quận qua Phòng Nội vụ)",
            ),
        ];
        if !noivu.is_empty() {
            items.push(DeadlineInput { unit_id: noivu, ..deadline(DeadlineKind::Nomination, "Tham mưu Quận xét duyệt đề nghị Thành phố xét, tặng danh hiệu “Công dân Thủ đô ưu tú”", "", "30/09/2024", "unit", "UBND Quận") });
        }
        self.deadlines(&c, items).await?;
        let c = self.set_status(&c, CampaignStatus::Launched).await?;
        let work = Work {
            register: false,
            pacts: &[
                "Cụm thi đua số 1 (các phường)",
                "Khối các phòng, ban chuyên môn",
            ],
            pact_content: "Các đơn vị thành viên thống nhất tổ chức hoạt động của Cụm (Khối) lập thành tích chào mừng kỷ niệm 70 năm Ngày Giải phóng Thủ đô; đăng ký với Quận (qua Phòng Nội vụ).",
            pact_targets: "Tổ chức hoạt động tuyên truyền về phong trào thi đua, gương điển hình tiên tiến, người tốt việc tốt | ≥ | 1 | hoạt động\nĐơn vị thành viên triển khai hoạt động chào mừng 70 năm Ngày Giải phóng Thủ đô | = | 100 | %",
            live: false,
        };
        self.fill(&c, &work).await?;
        self.set_status(&c, CampaignStatus::Closed).await?;
        Ok(())
    }

    /// Seed 000: Quận 7's yearly plan for 2024 as printed (no number or date in the scan), then copied
    /// a year at a time up to the current year. Each year is launched and filled in as of today; a year
    /// is closed once its review time is over. When the current year has nothing left to send (December),
    /// next year's copy is launched too, so a unit always has something coming. So that the demo does
    /// not grow slower year after year, the copies between 2024 and last year are closed unfilled.
    async fn quan7_yearly(&mut self) -> anyhow::Result<()> {
        let mut c = self.quan7_2024().await?;
        loop {
            let (_, to) = period(&c);
            let year = to.year();
            let launched = self.set_status(&c, CampaignStatus::Launched).await?;
            let live = to + Duration::days(REVIEW_DAYS) >= self.today;
            if live || year == 2024 || year + 1 >= self.today.year() {
                let work = Work {
                    register: true,
                    pacts: &[
                        "Cụm thi đua số 1 (các phường)",
                        "Khối các phòng, ban chuyên môn",
                    ],
                    pact_content: "Các đơn vị trong Cụm, Khối thi đua ký kết giao ước thi đua năm, thống nhất nội dung, tiêu chí thi đua và lịch sinh hoạt chuyên đề của Cụm, Khối.",
                    pact_targets: "Hoàn thành 100% chỉ tiêu, nhiệm vụ được giao trong năm | = | 100 | %\nTổ chức sinh hoạt chuyên đề Cụm, Khối | ≥ | 2 | lần",
                    live,
                };
                self.fill(&launched, &work).await?;
            }
            if !live {
                self.set_status(&launched, CampaignStatus::Closed).await?;
            }
            let mut tx = self.db.begin().await?;
            let deadlines = parts::deadlines(&mut tx, &c.id).await?;
            tx.commit().await?;
            let ahead = deadlines
                .iter()
                .flat_map(|d| due_dates(d, to))
                .any(|d| d >= self.today);
            if year >= self.today.year() && (ahead || year > self.today.year()) {
                return Ok(());
            }
            let copy = ops::campaigns::copy(self.db, &self.office, &c.id)
                .await
                .map_err(|e| fail("copy", e))?;
            let (_, copy_to) = period(&copy);
            c = self
                .set_participants(&copy, self.participants(&OFFICES_WARDS_ORGS, copy_to))
                .await?;
        }
    }

    async fn quan7_2024(&mut self) -> anyhow::Result<CampaignRow> {
        let to = date!(2024 - 12 - 31);
        let c = self
            .create(CampaignInput {
                number: String::new(),
                issued_on: String::new(),
                issuer: "Ủy ban nhân dân Quận 7".into(),
                place: String::new(),
                title: "Phát động phong trào thi đua yêu nước thực hiện thắng lợi các mục tiêu, nhiệm vụ phát triển kinh tế - xã hội năm 2024".into(),
                kind: "regular".into(),
                period_from: "01/01/2024".into(),
                period_to: vn(to),
                signer_title: String::new(),
                signer_name: "Hoàng Minh Tuấn Anh".into(),
                legal_bases: "05/CT-UBND; 18/01/2024; Chỉ thị của Ủy ban nhân dân Thành phố Hồ Chí Minh về việc phát động phong trào thi đua yêu nước thực hiện thắng lợi các mục tiêu, nhiệm vụ phát triển kinh tế - xã hội năm 2024\n\
                              01/QĐ-UBND; 02/01/2024; Quyết định của Ủy ban nhân dân Quận 7 về ban hành Kế hoạch chỉ đạo, điều hành phát triển kinh tế - xã hội năm 2024"
                    .into(),
                purposes: "1. Mục đích\n\
                           - Nhằm tiếp tục đổi mới và nâng cao hiệu quả phong trào thi đua yêu nước và công tác khen thưởng; huy động sức mạnh của cả hệ thống chính trị tham gia vào các phong trào thi đua, nâng cao hơn nữa trách nhiệm của các ban ngành, đoàn thể từ cơ quan đến cơ sở và trách nhiệm của người đứng đầu trong lãnh đạo, chỉ đạo thực hiện phong trào thi đua yêu nước.\n\
                           - Phát huy sự năng động, sáng tạo của cán bộ, công chức, viên chức, người lao động và Nhân dân cùng tham gia phong trào thi đua; quyết liệt thúc đẩy công tác cải cách hành chính, ứng dụng công nghệ thông tin, chuyển đổi số; kịp thời biểu dương, khen thưởng và giới thiệu, nhân rộng các mô hình hay, giải pháp sáng tạo, gương điển hình tiên tiến tiêu biểu trên các lĩnh vực đời sống xã hội.\n\
                           2. Yêu cầu\n\
                           - Tổ chức các phong trào thi đua cần có mục tiêu thiết thực, cụ thể gắn với thực hiện nhiệm vụ chính trị, phát triển kinh tế - xã hội của từng cơ quan, đơn vị và phải được tiến hành thường xuyên, liên tục. Cùng với phong trào thi đua thường xuyên, cần phát động các phong trào thi đua theo chuyên đề, giai đoạn; bảo đảm thiết thực, tránh hình thức."
                    .into(),
                content: "Năm 2024 là năm có ý nghĩa đặc biệt quan trọng để thực hiện thắng lợi Nghị quyết Đại hội Đảng bộ quận lần thứ VI (nhiệm kỳ 2020 - 2025) và thực hiện chủ đề năm 2024 của thành phố “Quyết tâm thực hiện hiệu quả Chuyển đổi số và Nghị quyết số 98/2023/QH15 của Quốc hội”.\n\
                          10. Tập trung nguồn lực cho giải ngân vốn đầu tư công, xem việc đẩy nhanh tiến độ giải ngân vốn đầu tư công là nhiệm vụ trọng tâm, phấn đấu thực hiện tỷ lệ giải ngân vốn đầu tư công hằng năm đạt từ 95% trở lên.\n\
                          11. Duy trì và nâng cao chất lượng hoạt động của cụm, khối thi đua và vai trò cụm, khối trưởng, các thành viên trong cụm; đảm bảo việc sinh hoạt chuyên đề, chia sẻ kinh nghiệm, giới thiệu mô hình mới, cách làm hay, tạo sự lan tỏa trong phong trào thi đua.\n\
                          12. Phòng Tài chính - Kế hoạch Quận hướng dẫn, hỗ trợ Phòng Nội vụ (Thường trực Hội đồng Thi đua - Khen thưởng Quận) tham mưu Ủy ban nhân dân Quận sử dụng nguồn kinh phí thi đua, khen thưởng của Quận và quyết toán theo đúng quy định. Thẩm định và tham mưu Ủy ban nhân dân Quận duyệt kinh phí liên quan các hoạt động thi đua và khen thưởng của Quận."
                    .into(),
                participants_note: "Thủ trưởng các ban ngành, Ủy ban Mặt trận Tổ quốc Việt Nam và các đoàn thể Quận, Hội quần chúng Quận; các phòng ban, đơn vị, đơn vị sự nghiệp trực thuộc Quận; Chủ tịch Ủy ban nhân dân 10 phường và các cơ quan, đơn vị, doanh nghiệp đóng trên địa bàn Quận.".into(),
                participant_ids: self.participants(&OFFICES_WARDS_ORGS, to),
            })
            .await?;
        let themes = self
            .themes(
                &c,
                &[
                    Theme { title: "Phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở”", lead: "Phòng Nội vụ Quận", coordinating: &[], from: "", to: "", description: "Thường trực Hội đồng Thi đua - Khen thưởng Quận (Phòng Nội vụ) tiếp tục thực hiện phong trào." },
                    Theme { title: "Phong trào thi đua trong công tác Cải cách hành chính", lead: "Phòng Nội vụ Quận", coordinating: &["Văn phòng Ủy ban nhân dân Quận"], from: "", to: "", description: "Đẩy mạnh phong trào thi đua trong công tác Cải cách hành chính, xây dựng hệ thống các cơ quan hành chính Nhà nước thông suốt, trong sạch, vững mạnh, hiện đại, hiệu lực, hiệu quả. Văn phòng Ủy ban nhân dân Quận phối hợp." },
                    Theme { title: "Phong trào thi đua đặc biệt chào mừng kỷ niệm 50 năm Ngày Giải phóng miền Nam, thống nhất đất nước (30/4/1975 - 30/4/2025) và chào mừng Đại hội Đảng các cấp", lead: "Phòng Nội vụ Quận", coordinating: &[], from: "", to: "", description: "Tham mưu Ủy ban nhân dân Quận ban hành Kế hoạch phát động phong trào thi đua đặc biệt; các cơ quan, đơn vị tập trung hoàn thành 29/50 công trình thi đua." },
                    Theme { title: "Phong trào thi đua thực hiện Chính quyền số, Chuyển đổi số trên địa bàn Quận", lead: "Văn phòng Ủy ban nhân dân Quận", coordinating: &[], from: "", to: "", description: "Văn phòng Ủy ban nhân dân Quận chủ trì, phối hợp với các đơn vị tổ chức phong trào thi đua thực hiện Chính quyền số, Chuyển đổi số trên địa bàn Quận." },
                    Theme { title: "Đề án tổ chức Phong trào thi đua sáng tạo và các giải thưởng sáng tạo Thành phố Hồ Chí Minh giai đoạn 2021 – 2025", lead: "Phòng Nội vụ Quận", coordinating: &["Phòng Kinh tế Quận"], from: "", to: "", description: "Phòng Kinh tế phối hợp với Phòng Nội vụ và các đơn vị liên quan tham mưu UBND Quận tiếp tục triển khai thực hiện Đề án trên địa bàn Quận." },
                    Theme { title: "Phong trào thi đua “Quận làm đường, Phường làm hẻm”", lead: "Phòng Quản lý đô thị Quận", coordinating: &[], from: "", to: "", description: "Tiếp tục tổ chức thực hiện phong trào theo Nghị quyết số 01-NQ/QU của Quận ủy về vận động Nhân dân hiến đất mở rộng hẻm giai đoạn 2021-2025; tham mưu sơ kết, tổng kết, rút kinh nghiệm." },
                    Theme { title: "Phong trào thi đua “Chỉnh trang và phát triển đô thị” trên địa bàn Quận", lead: "Phòng Quản lý đô thị Quận", coordinating: &[], from: "", to: "", description: "Phòng Quản lý đô thị chủ trì, phối hợp với các đơn vị tổ chức phong trào." },
                    Theme { title: "Thi đua chung tay thực hiện hiệu quả Chương trình Giảm nghèo bền vững theo tiêu chí giai đoạn 2021 - 2025", lead: "Phòng Lao động – Thương binh và Xã hội Quận", coordinating: &[], from: "", to: "", description: "Phấn đấu không để hộ tái nghèo (hộ nghèo 0%), không còn hộ cận nghèo (kéo giảm 115 hộ/115 hộ) theo chuẩn nghèo đa chiều thành phố giai đoạn 2021 - 2025." },
                    Theme { title: "Phong trào thi đua ngành Tư pháp năm 2024", lead: "Phòng Tư pháp Quận", coordinating: &[], from: "", to: "", description: "Tổ chức thực hiện theo Kế hoạch số 921/KH-STP ngày 20/02/2024 của Sở Tư pháp Thành phố Hồ Chí Minh." },
                    Theme { title: "Phong trào thi đua theo chuyên đề “Kỷ cương, trách nhiệm, sáng tạo, bứt phá, thi đua hoàn thành xuất sắc nhiệm vụ”", lead: "Phòng Tư pháp Quận", coordinating: &[], from: "", to: "", description: "Theo Kế hoạch số 1287/KH-STP ngày 08/3/2024 của Sở Tư pháp Thành phố Hồ Chí Minh." },
                    Theme { title: "Phong trào “Toàn dân bảo vệ An ninh Tổ quốc”", lead: "Công an Quận", coordinating: &["Ban Chỉ huy Quân sự Quận"], from: "", to: "", description: "Công an Quận phối hợp với Ban Chỉ huy Quân sự Quận tham mưu UBND Quận; tích cực phát động đến Khu phố, Tổ dân phố thực hiện tốt phong trào." },
                    Theme { title: "Phong trào thi đua “Cả Thành phố chung sức xây dựng nông thôn mới, đô thị văn minh”", lead: "Ủy ban Mặt trận Tổ quốc Việt Nam Quận", coordinating: &[], from: "", to: "", description: "Tiếp tục theo dõi và tham mưu tổ chức sơ kết, tổng kết phong trào." },
                    Theme { title: "Phong trào thi đua “Thanh niên Quận 7 khởi nghiệp – lập nghiệp, đổi mới sáng tạo” giai đoạn 2023 – 2027", lead: "Quận đoàn", coordinating: &[], from: "", to: "", description: "Tiếp tục tổ chức thực hiện phong trào giai đoạn 2023 – 2027." },
                    Theme { title: "Phong trào thi đua yêu nước năm 2024, chào mừng kỷ niệm 95 năm Ngày thành lập Công đoàn Việt Nam (28/7/1929 – 28/7/2024)", lead: "Liên đoàn Lao động Quận", coordinating: &[], from: "", to: "", description: "Liên đoàn Lao động Quận tiếp tục phát động phong trào." },
                ],
            )
            .await?;
        use TargetScope::{Body, PerUnit};
        self.targets(
            &c,
            &themes,
            &[
                ("Tỷ lệ giải ngân vốn đầu tư công hằng năm", ">=", "95", "%", Body, None),
                ("Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều thành phố giai đoạn 2021 - 2025 (không để hộ tái nghèo)", "=", "0", "%", Body, Some(7)),
                ("Kéo giảm hộ cận nghèo (không còn hộ cận nghèo: 115 hộ/115 hộ)", "=", "115", "hộ", Body, Some(7)),
                ("Mỗi phường hoàn thành 100% chỉ tiêu kinh tế - xã hội được giao (85 chỉ tiêu theo Quyết định số 534/QĐ-UBND ngày 22/3/2024)", "=", "85", "chỉ tiêu", PerUnit, None),
                ("Hoàn thành công trình thi đua chào mừng kỷ niệm 50 năm Ngày Giải phóng miền Nam, thống nhất đất nước (29/50 công trình)", "=", "29", "công trình", Body, Some(2)),
                ("Mỗi đơn vị giới thiệu ít nhất 01 gương người tốt việc tốt, gương điển hình tiên tiến mỗi quý (04 gương trong năm)", ">=", "4", "gương", PerUnit, None),
            ],
        )
        .await?;
        let mut items = quan7_2024_deadlines();
        if let Some(gd) = self.unit("P-GDDT") {
            items.push(DeadlineInput { unit_id: gd.id.clone(), ..deadline(DeadlineKind::Nomination, "Hồ sơ đề xuất danh hiệu thi đua, khen thưởng ngành Giáo dục và Đào tạo Quận năm học", "", "25/06/2024", "unit", "Phòng Nội vụ Quận") });
        }
        self.deadlines(&c, items).await?;
        Ok(c)
    }

    /// The city's live peak campaign: 60 days around today, after Quận 11's 303/KH-UBND (award forms,
    /// criteria, nomination dossier and its deadline 11 days before the end) with Hai Bà Trưng's quotas
    /// ("mỗi phường tối đa 02 tập thể, 04 cá nhân"), so units can nominate now and the city can decide.
    async fn city_peak(&mut self) -> anyhow::Result<CityCampaign> {
        let from = self.today - Duration::days(35);
        let to = self.today + Duration::days(25);
        let year = self.today.year();
        let c = self
            .create(CampaignInput {
                number: "412/KH-UBND".into(),
                issued_on: vn(from - Duration::days(4)),
                issuer: "Ủy ban nhân dân thành phố Hà Nội".into(),
                place: "Hà Nội".into(),
                title: format!("Đợt thi đua cao điểm 60 ngày “Tăng tốc, bứt phá, về đích” hoàn thành thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm {year} trên địa bàn Thành phố"),
                kind: "peak".into(),
                period_from: vn(from),
                period_to: vn(to),
                signer_title: "Chủ tịch".into(),
                signer_name: "Nguyễn Đức Long".into(),
                legal_bases: "06/2022/QH15; 15/06/2022; Luật Thi đua, khen thưởng\n\
                              152/2025/NĐ-CP; 14/06/2025; Nghị định quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"
                    .into(),
                purposes: "1. Mục đích\n\
                           - Phát huy sức mạnh của cả hệ thống chính trị, tập trung cao nhất mọi nguồn lực để hoàn thành các mục tiêu, nhiệm vụ phát triển kinh tế - xã hội của Thành phố, bảo đảm chính quyền hai cấp vận hành thông suốt sau sắp xếp đơn vị hành chính.\n\
                           - Phát hiện, biểu dương, khen thưởng kịp thời các tập thể, cá nhân đạt thành tích xuất sắc, tiêu biểu; Sở Nội vụ (Thường trực Hội đồng Thi đua - Khen thưởng Thành phố) trực tiếp theo dõi, đôn đốc và đề xuất khen thưởng.\n\
                           2. Yêu cầu\n\
                           - Đợt thi đua được triển khai sâu rộng với các hình thức thiết thực, hiệu quả, gắn với nhiệm vụ chính trị của từng cơ quan, đơn vị, địa phương."
                    .into(),
                content: "1. Tập trung hoàn thành đạt và vượt các chỉ tiêu chủ yếu về phát triển kinh tế - xã hội năm của Thành phố.\n\
                          2. Đẩy nhanh tiến độ giải ngân vốn đầu tư công, phấn đấu đạt tỷ lệ thấp nhất là 95% kế hoạch được giao.\n\
                          3. Đẩy mạnh cải cách hành chính, chuyển đổi số; giải quyết thủ tục hành chính trực tuyến toàn trình tại các phường, xã.\n\
                          4. Xây dựng đời sống văn hóa, nếp sống văn minh đô thị ở tổ dân phố, thôn."
                    .into(),
                participants_note: "Tập thể: các sở, ban, ngành, Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố và các tổ chức chính trị - xã hội Thành phố, Ủy ban nhân dân các phường, xã. Cá nhân: cán bộ, công chức, viên chức, người lao động thuộc các cơ quan, đơn vị và Nhân dân.".into(),
                participant_ids: self.participants(&OFFICES_WARDS_ORGS, to),
            })
            .await?;
        let budget_theme =
            format!("Giải ngân vốn đầu tư công và thu ngân sách Nhà nước năm {year}");
        let themes = self
            .themes(
                &c,
                &[
                    Theme { title: &budget_theme, lead: "Sở Tài chính", coordinating: &[], from: "", to: "", description: "Sở Tài chính chủ trì phối hợp với các cơ quan, đơn vị có liên quan xem xét, đề xuất khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong giải ngân vốn đầu tư công, thu ngân sách Nhà nước." },
                    Theme { title: "Cải cách hành chính, chuyển đổi số phục vụ người dân sau sắp xếp đơn vị hành chính", lead: "Sở Khoa học và Công nghệ", coordinating: &["Sở Nội vụ"], from: "", to: "", description: "Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Nội vụ xem xét, đề xuất khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong cải cách hành chính, chuyển đổi số." },
                    Theme { title: "Xây dựng đời sống văn hóa, nếp sống văn minh đô thị ở tổ dân phố, thôn", lead: "Sở Văn hóa và Thể thao", coordinating: &[], from: "", to: "", description: "Sở Văn hóa và Thể thao chủ trì tiếp nhận, tổng hợp hồ sơ đề nghị khen thưởng của chuyên đề, xem xét và chuyển Thường trực Hội đồng Thi đua - Khen thưởng Thành phố." },
                ],
            )
            .await?;
        use TargetScope::{Body, PerUnit};
        self.targets(
            &c,
            &themes,
            &[
                (
                    "Tỷ lệ giải ngân vốn đầu tư công của Thành phố (thấp nhất)",
                    ">=",
                    "95",
                    "%",
                    Body,
                    Some(0),
                ),
                (
                    "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình",
                    ">=",
                    "80",
                    "%",
                    PerUnit,
                    Some(1),
                ),
            ],
        )
        .await?;
        const CRITERIA: &str = "Tập thể: nội bộ đoàn kết, gương mẫu chấp hành tốt các chủ trương của Đảng, chính sách pháp luật của Nhà nước; có thành tích xuất sắc, tiêu biểu và có mô hình, giải pháp trong triển khai, thực hiện các nội dung thi đua.\n\
            Cá nhân: gương mẫu chấp hành tốt chủ trương của Đảng, chính sách pháp luật của Nhà nước; có thành tích xuất sắc, tiêu biểu, nổi bật và trực tiếp tham gia thực hiện có hiệu quả các nội dung thi đua; có sáng kiến, giải pháp được áp dụng hiệu quả.";
        const LOWER: &str = "Đối với các tập thể, cá nhân có thành tích xuất sắc trong Đợt thi đua chưa đạt tiêu chuẩn tặng thưởng Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố, tùy theo thành tích và hiệu quả mang lại cần ghi nhận, tôn vinh.";
        self.award_forms(
            &c,
            &[
                ("Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố", "BK_TINH", CRITERIA),
                ("Thư khen của Chủ tịch Ủy ban nhân dân Thành phố", "", LOWER),
                ("Bằng khen của Thủ tướng Chính phủ (Thành phố đề nghị)", "BK_TTG", "Tập thể, cá nhân có thành tích đặc biệt xuất sắc, tiêu biểu trong Đợt thi đua, được Hội đồng Thi đua - Khen thưởng Thành phố xét đề nghị Thủ tướng Chính phủ tặng Bằng khen."),
            ],
        )
        .await?;
        let quota = |who: &str, kind: &str, coll: &str, ind: &str| QuotaInput {
            who: who.into(),
            unit_kind: kind.into(),
            unit_id: String::new(),
            award_form: "Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố".into(),
            collectives_max: coll.into(),
            individuals_max: ind.into(),
        };
        self.quotas(
            &c,
            vec![
                quota("Mỗi phường, xã", "ward", "2", "4"),
                quota("Mỗi sở, ban, ngành", "department", "1", "2"),
                quota(
                    "Ủy ban Mặt trận Tổ quốc, mỗi tổ chức chính trị - xã hội Thành phố",
                    "mass_org",
                    "1",
                    "2",
                ),
            ],
        )
        .await?;
        const CITY: &str = "Ủy ban nhân dân Thành phố (qua Sở Nội vụ)";
        self.deadlines(
            &c,
            vec![
                deadline(DeadlineKind::UnitPlan, "Kế hoạch triển khai Đợt thi đua của cơ quan, đơn vị, địa phương", "", &vn(from + Duration::days(10)), "all", CITY),
                deadline(
                    DeadlineKind::Nomination,
                    "Hồ sơ đề nghị khen thưởng, biểu dương Đợt thi đua (tờ trình, biên bản họp Hội đồng Thi đua - Khen thưởng, báo cáo thành tích theo mẫu của Nghị định số 152/2025/NĐ-CP, tài liệu chứng minh mô hình, sáng kiến, giải pháp)",
                    "",
                    &vn(self.today + Duration::days(20)),
                    "all",
                    CITY,
                ),
                deadline(DeadlineKind::YearEndReport, "Báo cáo kết quả thực hiện Đợt thi đua", "", &vn(to), "all", CITY),
            ],
        )
        .await?;
        let c = self.set_status(&c, CampaignStatus::Launched).await?;
        self.fill(
            &c,
            &Work {
                register: false,
                pacts: &[],
                pact_content: "",
                pact_targets: "",
                live: true,
            },
        )
        .await?;
        Ok(CityCampaign {
            id: c.id.clone(),
            budget_theme: themes[0].clone(),
            culture_theme: themes[2].clone(),
        })
    }
}

/// The deadlines of Quận 7's 2024 yearly plan as printed (seed 000), the Education office's own added apart.
fn quan7_2024_deadlines() -> Vec<DeadlineInput> {
    const OFFICE: &str = "Thường trực Hội đồng Thi đua - Khen thưởng Quận (Phòng Nội vụ)";
    const OFFICE_BODY: &str =
        "Cơ quan Thường trực Hội đồng Thi đua - Khen thưởng Quận (Phòng Nội vụ)";
    use DeadlineKind as K;
    vec![
        deadline(
            K::Registration,
            "Đăng ký danh hiệu thi đua, ban hành nội dung tiêu chí thi đua, ký kết giao ước thi đua trong Cụm, Khối thi đua; triển khai thực hiện các chỉ tiêu, nhiệm vụ năm của đơn vị",
            "30/03/2024",
            "15/04/2024",
            "all",
            "",
        ),
        deadline(
            K::Scoring,
            "Xây dựng, lấy ý kiến các cơ quan, đơn vị có liên quan và ban hành thang điểm thi đua năm",
            "30/03/2024",
            "15/04/2024",
            "all",
            OFFICE,
        ),
        deadline(
            K::Other,
            "Hoạt động chào mừng Lễ 30/4, 01/5; giới thiệu, đề xuất khen thưởng tập thể, cá nhân điển hình học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh nhân Ngày sinh của Bác (19/5); sơ kết giao ước thi đua 6 tháng đầu năm",
            "15/04/2024",
            "30/06/2024",
            "all",
            "",
        ),
        deadline(
            K::MidYearReport,
            "Báo cáo sơ kết phong trào thi đua yêu nước 6 tháng đầu năm",
            "",
            "19/05/2024",
            "all",
            "",
        ),
        deadline(
            K::ClusterDossier,
            "Hồ sơ sinh hoạt Cụm, Khối thi đua 6 tháng đầu năm",
            "",
            "10/06/2024",
            "cluster_leaders",
            "Thường trực Hội đồng Thi đua - Khen thưởng Quận",
        ),
        deadline(
            K::Nomination,
            "Đánh giá phong trào thi đua năm, báo cáo kết quả, bình xét danh hiệu thi đua, khen thưởng; chọn gương điển hình tiêu biểu, mô hình, công trình, giải pháp, dịch vụ sáng tạo",
            "01/10/2024",
            "15/11/2024",
            "all",
            OFFICE_BODY,
        ),
        deadline(
            K::YearEndReport,
            "Báo cáo tổng kết phong trào thi đua yêu nước năm",
            "",
            "15/11/2024",
            "all",
            "",
        ),
        deadline(
            K::ClusterDossier,
            "Hồ sơ sinh hoạt Cụm, Khối thi đua 6 tháng cuối năm",
            "",
            "15/11/2024",
            "cluster_leaders",
            "Thường trực Hội đồng Thi đua - Khen thưởng Quận",
        ),
        deadline(
            K::ClusterDossier,
            "Báo cáo tổng kết hoạt động Cụm, Khối thi đua; báo cáo kết quả công trình, mô hình thi đua của Cụm, Khối; bình xét đơn vị dẫn đầu, bầu Cụm, Khối trưởng năm sau",
            "",
            "15/11/2024",
            "cluster_leaders",
            OFFICE_BODY,
        ),
        DeadlineInput {
            unit_kind: "ward".into(),
            ..deadline(
                K::Scoring,
                "Chấm điểm, xếp hạng thi đua Khối Phường",
                "16/11/2024",
                "30/11/2024",
                "unit_kind",
                OFFICE_BODY,
            )
        },
        DeadlineInput {
            recurrence: "quarterly".into(),
            ..deadline(
                K::ExemplaryModels,
                "Hồ sơ giới thiệu gương người tốt việc tốt, gương điển hình tiên tiến của quý (mỗi đơn vị ít nhất 01 gương, kèm báo cáo thành tích)",
                "",
                "10/01/2024",
                "all",
                OFFICE,
            )
        },
    ]
}

//! Fifteen years of yearly ratings and the titles they led to, following the chains of the 2022 Law:
//! "Lao động tiên tiến" for a year completed well; "Chiến sĩ thi đua cơ sở" on top of it for an
//! excellent year with an initiative; "Chiến sĩ thi đua cấp tỉnh" after three CSTĐCS in a row with a
//! province-level initiative; the province's Bằng khen after two excellent years in a row. A chain
//! breaks where a year is only "completed" — so the ledger holds chains that pass and chains that fail.

use super::draw::{Gen, at, iso, ymd};
use super::people::Person;
use thidua_store::Tx;
use thidua_store::bulk::{Rows, Val};

/// First and last year of the generated history (the last finished year).
pub const FIRST_YEAR: i32 = 2011;

/// Rows written, by table.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub ratings: u64,
    pub awards: u64,
    pub initiatives: u64,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.ratings += o.ratings;
        self.awards += o.awards;
        self.initiatives += o.initiatives;
    }
}

/// Ledger rows gathered for one batch of people.
pub struct Ledger {
    ratings: Rows,
    awards: Rows,
    initiatives: Rows,
}

/// Columns of a generated award (the council's decided awards use them too).
pub const AWARD_COLUMNS: &[&str] = &[
    "id",
    "org_id",
    "subject_type",
    "subject_id",
    "code",
    "year",
    "kind",
    "decision_no",
    "decision_date",
    "issuer",
    "golden_book_no",
    "achievement",
    "revoked",
    "version",
    "created_at",
    "updated_at",
];
const RATING_COLUMNS: &[&str] = &[
    "id",
    "org_id",
    "subject_type",
    "subject_id",
    "year",
    "rating",
    "version",
    "created_at",
    "updated_at",
];
const INITIATIVE_COLUMNS: &[&str] = &[
    "id",
    "org_id",
    "subject_type",
    "subject_id",
    "name",
    "year",
    "level",
    "research",
    "used_by_award_id",
    "version",
    "created_at",
    "updated_at",
];

impl Ledger {
    pub fn new() -> Ledger {
        Ledger {
            ratings: Rows::new("ledger_ratings", RATING_COLUMNS),
            awards: Rows::new("ledger_awards", AWARD_COLUMNS),
            initiatives: Rows::new("ledger_initiatives", INITIATIVE_COLUMNS),
        }
    }

    /// Writes what was gathered (awards before the initiatives that point at them).
    pub async fn flush(&mut self, tx: &mut Tx) -> anyhow::Result<Counts> {
        Ok(Counts {
            ratings: self.ratings.flush(tx).await?,
            awards: self.awards.flush(tx).await?,
            initiatives: self.initiatives.flush(tx).await?,
        })
    }

    fn rating(&mut self, g: &mut Gen, org: &str, subject: (&str, &str), year: i32, rating: &str) {
        let id = g.id();
        self.ratings.push(vec![
            id.into(),
            org.into(),
            subject.0.into(),
            subject.1.into(),
            Val::Int(year.into()),
            rating.into(),
            Val::Int(1),
            g.stamp(),
            g.stamp(),
        ]);
    }

    /// Adds an award; returns its id.
    pub fn award(
        &mut self,
        g: &mut Gen,
        org: &str,
        subject: (&str, &str),
        code: &str,
        year: i32,
    ) -> String {
        let id = g.id();
        let (issuer, number) = match code {
            "CSTD_TINH" | "BK_TINH" => ("Chủ tịch UBND tỉnh", 2000 + g.below(900)),
            _ => ("Thủ trưởng cơ quan, đơn vị", 10 + g.below(300)),
        };
        let decided = ymd(year + 1, 1, 10 + g.below(15) as u8);
        self.awards.push(vec![
            (&id).into(),
            org.into(),
            subject.0.into(),
            subject.1.into(),
            code.into(),
            Val::Int(year.into()),
            "merit".into(),
            format!("{number}/QĐ-UBND").into(),
            iso(decided).into(),
            issuer.into(),
            Val::NullInt,
            format!("Thành tích năm {year}").into(),
            Val::Bool(false),
            Val::Int(1),
            Val::Text(at(decided)),
            Val::Text(at(decided)),
        ]);
        id
    }

    /// An initiative, used as the basis of `award` (or not yet used).
    fn initiative(
        &mut self,
        g: &mut Gen,
        org: &str,
        person: &str,
        year: i32,
        level: &str,
        award: Option<&str>,
    ) {
        let id = g.id();
        let topic = g.pick(&INITIATIVE_TOPICS);
        self.initiatives.push(vec![
            id.into(),
            org.into(),
            "person".into(),
            person.into(),
            format!("Sáng kiến {topic} năm {year}").into(),
            Val::Int(year.into()),
            level.into(),
            Val::Bool(false),
            award.into(),
            Val::Int(1),
            g.stamp(),
            g.stamp(),
        ]);
    }
}

const INITIATIVE_TOPICS: [&str; 6] = [
    "cải cách thủ tục hành chính",
    "ứng dụng công nghệ thông tin",
    "đổi mới phương pháp giảng dạy",
    "nâng cao chất lượng khám chữa bệnh",
    "tiết kiệm chi phí sản xuất",
    "vận động nhân dân",
];

/// How well a person tends to do: drawn once, it keeps their ratings plausible year after year.
fn rating_weights(g: &mut Gen) -> &'static [(u32, &'static str); 4] {
    const STRONG: [(u32, &str); 4] = [
        (60, "excellent"),
        (36, "good"),
        (4, "completed"),
        (0, "not_completed"),
    ];
    const NORMAL: [(u32, &str); 4] = [
        (16, "excellent"),
        (70, "good"),
        (12, "completed"),
        (2, "not_completed"),
    ];
    const WEAK: [(u32, &str); 4] = [
        (3, "excellent"),
        (52, "good"),
        (38, "completed"),
        (7, "not_completed"),
    ];
    match g.below(100) {
        0..15 => &STRONG,
        15..85 => &NORMAL,
        _ => &WEAK,
    }
}

/// The yearly ratings and titles of one employed person, from their first working year (or 2011) to
/// the last finished year or their retirement.
pub fn person(g: &mut Gen, org: &str, p: &Person, ledger: &mut Ledger) {
    let last = (g.today.year() - 1).min(p.born + 60);
    let first = FIRST_YEAR.max(p.born + 23);
    let weights = rating_weights(g);
    let subject = ("person", p.id.as_str());
    let (mut cs_run, mut excellent_run) = (0, 0);
    let (mut last_province, mut last_bk) = (0, 0);
    for year in first..=last {
        let rating = *g.weighted(weights);
        ledger.rating(g, org, subject, year, rating);
        let excellent = rating == "excellent";
        excellent_run = if excellent { excellent_run + 1 } else { 0 };
        let advanced = matches!(rating, "excellent" | "good") && g.chance(0.93);
        if !advanced {
            cs_run = 0;
            continue;
        }
        ledger.award(g, org, subject, "LDTT", year);
        if excellent && g.chance(0.55) {
            let award = ledger.award(g, org, subject, "CSTDCS", year);
            ledger.initiative(g, org, &p.id, year, "base", Some(&award));
            cs_run += 1;
            // A province-level initiative not used yet: with three CSTĐCS in a row, the chain passes.
            if cs_run >= 2 && g.chance(0.35) {
                ledger.initiative(g, org, &p.id, year, "province", None);
            }
        } else {
            cs_run = 0;
            if g.chance(0.07) {
                ledger.award(g, org, subject, "GIAY_KHEN", year);
            }
        }
        if cs_run >= 3 && year - last_province >= 3 && g.chance(0.6) {
            let award = ledger.award(g, org, subject, "CSTD_TINH", year);
            ledger.initiative(g, org, &p.id, year, "province", Some(&award));
            last_province = year;
            cs_run = 0;
        }
        if excellent_run >= 2 && year - last_bk >= 2 && g.chance(0.2) {
            ledger.award(g, org, subject, "BK_TINH", year);
            last_bk = year;
        }
    }
}

/// A unit's yearly ratings and collective titles over the years it existed.
pub fn unit(g: &mut Gen, org: &str, id: &str, from: i32, to: i32, ledger: &mut Ledger) {
    const UNIT_RATINGS: [(u32, &str); 3] = [(30, "excellent"), (60, "good"), (10, "completed")];
    let subject = ("unit", id);
    let mut excellent_run = 0;
    for year in FIRST_YEAR.max(from)..=to {
        let rating = *g.weighted(&UNIT_RATINGS);
        ledger.rating(g, org, subject, year, rating);
        excellent_run = if rating == "excellent" {
            excellent_run + 1
        } else {
            0
        };
        if rating == "completed" {
            continue;
        }
        if excellent_run >= 1 && g.chance(0.5) {
            ledger.award(g, org, subject, "TTLDXS", year);
        } else if g.chance(0.8) {
            ledger.award(g, org, subject, "TTLDTT", year);
        }
        if excellent_run >= 2 && g.chance(0.15) {
            ledger.award(g, org, subject, "BK_TINH", year);
            excellent_run = 0;
        }
    }
}

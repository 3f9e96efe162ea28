//! Benchmark: eligibility of 200,000 people with 10 years of history each (2016–2025),
//! generated deterministically (xorshift, fixed seed) by the generator below.
//!
//! Run: `CARGO_TARGET_DIR=/work/target-rules cargo bench --bench eligibility`
//! The rules in force are resolved once per date, as a batch job would.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use thidua_rules::{
    AwardRecord, Discipline, DisciplineLevel, Initiative, InitiativeLevel, Jurisdiction, Ledger,
    Nominee, Proposal, Rating, RatingRecord, Review, ReviewKind, Rules, Verdict, evaluate,
};
use time::{Date, Month};

const PEOPLE: usize = 200_000;
const FIRST: i32 = 2016;
const LAST: i32 = 2025;

/// Deterministic xorshift64* generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// True with probability `pct` %.
    fn pct(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }
}

fn date(y: i32, m: u8, d: u8) -> Date {
    Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap()
}

/// One person: yearly ratings, LĐTT / CSTĐCS by rating, occasional initiatives, provincial
/// titles and Bằng khen, a few disciplines and open investigations.
fn person(i: usize, rng: &mut Rng) -> Ledger {
    let mut l = Ledger {
        id: format!("p{i:06}"),
        ..Ledger::default()
    };
    let mut cs_run = 0;
    for y in FIRST..=LAST {
        let rating = match rng.next() % 100 {
            0..=34 => Rating::Excellent,
            35..=89 => Rating::Good,
            90..=97 => Rating::Completed,
            _ => Rating::NotCompleted,
        };
        l.ratings.push(RatingRecord { year: y, rating });
        if rating >= Rating::Good {
            l.awards.push(AwardRecord::new("LDTT", y));
        }
        let has_initiative = rng.pct(15);
        if has_initiative {
            let level = if rng.pct(20) {
                InitiativeLevel::Province
            } else {
                InitiativeLevel::Base
            };
            l.initiatives.push(Initiative {
                id: format!("SK-{i}-{y}"),
                name: String::new(),
                year: y,
                level,
                research: false,
                applied_in: None,
            });
        }
        if rating == Rating::Excellent || (rating == Rating::Good && has_initiative) {
            l.awards.push(AwardRecord::new("CSTDCS", y));
            cs_run += 1;
        } else {
            cs_run = 0;
        }
        if cs_run == 3 && rng.pct(40) {
            l.awards.push(AwardRecord::new("CSTD_TINH", y));
            cs_run = 0;
        }
        if rng.pct(4) {
            l.awards.push(AwardRecord::new("BK_TINH", y));
        }
    }
    if rng.pct(3) {
        let y = FIRST + (rng.next() % 10) as i32;
        l.disciplines.push(Discipline {
            level: DisciplineLevel::Reprimand,
            from: date(y, 2, 1),
            to: date(y, 12, 31),
        });
    }
    if rng.pct(1) {
        l.reviews.push(Review {
            kind: ReviewKind::Investigation,
            since: date(LAST, 11, 1),
            resolved_on: None,
        });
    }
    l
}

fn people() -> Vec<Ledger> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    (0..PEOPLE).map(|i| person(i, &mut rng)).collect()
}

const MIX: &[(&str, Option<&str>)] = &[
    ("LDTT", None),
    ("CSTDCS", None),
    ("CSTD_TINH", None),
    ("BK_TINH", Some("d")),
    ("BK_TTG", Some("b")),
];

fn bench(c: &mut Criterion) {
    let rules = Rules::bundled().unwrap();
    let ledgers = people();
    let day = date(LAST + 1, 1, 20);
    let resolved = rules.in_force(day, &Jurisdiction::national()).unwrap();
    let proposals: Vec<Proposal> = MIX
        .iter()
        .map(|(code, branch)| {
            let mut p = Proposal::new(*code, LAST, day, Jurisdiction::national());
            p.branch = branch.map(str::to_owned);
            p.assertions.insert("tham_gia_phong_trao".into(), true);
            p
        })
        .collect();

    let mut group = c.benchmark_group("eligibility_200k_people_10y");
    group.sample_size(10);
    group.bench_function("cstd_tinh", |b| {
        b.iter(|| {
            let mut eligible = 0usize;
            for l in &ledgers {
                let e =
                    evaluate(&resolved, rules.catalog(), Nominee::new(l), &proposals[2]).unwrap();
                eligible += usize::from(e.verdict == Verdict::Eligible);
            }
            black_box(eligible)
        })
    });
    group.bench_function("mixed_5_codes", |b| {
        b.iter(|| {
            let mut eligible = 0usize;
            for (i, l) in ledgers.iter().enumerate() {
                let e = evaluate(
                    &resolved,
                    rules.catalog(),
                    Nominee::new(l),
                    &proposals[i % proposals.len()],
                )
                .unwrap();
                eligible += usize::from(e.verdict == Verdict::Eligible);
            }
            black_box(eligible)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! Benchmark: a province's year-end scoring — 5,000 units × 60 criteria (6 groups of 10, every kind of
//! criterion), totals for every unit then the ranking with two tie-break criteria; data generated
//! deterministically (xorshift, fixed seed).
//!
//! Run: `cargo bench -p thidua-domain --bench scoring`
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use criterion::{Criterion as Bench, criterion_group, criterion_main};
use std::collections::HashMap;
use std::hint::black_box;
use thidua_domain::scoring::{
    Assessment, Criterion, CriterionKind, Group, Scale, Standing, rank, tie_values, total,
};

const UNITS: usize = 5_000;
const GROUPS: usize = 6;
const PER_GROUP: usize = 10;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn scale() -> Scale {
    let kinds = [
        CriterionKind::Fixed,
        CriterionKind::Rate { cap: 1.2 },
        CriterionKind::YesNo,
        CriterionKind::Bonus { max_count: Some(3) },
        CriterionKind::Deduction { max_count: None },
    ];
    let mut criteria = Vec::new();
    for g in 0..GROUPS {
        for i in 0..PER_GROUP {
            criteria.push(Criterion {
                id: format!("g{g}c{i}"),
                group: g,
                kind: kinds[(g * PER_GROUP + i) % kinds.len()],
                points: 5.0,
            });
        }
    }
    Scale {
        groups: (0..GROUPS)
            .map(|g| Group {
                name: format!("Nhóm {g}"),
                max: 45.0,
            })
            .collect(),
        criteria,
        negative_total: false,
        tie_breaks: vec!["g0c0".into(), "g1c0".into()],
    }
}

fn sheets(scale: &Scale) -> Vec<HashMap<String, Assessment>> {
    let mut rng = Rng(2025);
    (0..UNITS)
        .map(|_| {
            scale
                .criteria
                .iter()
                .map(|c| {
                    let a = match c.kind {
                        CriterionKind::Fixed => Assessment::Points(rng.below(11) as f64 / 2.0),
                        CriterionKind::Rate { .. } => Assessment::Rate {
                            value: rng.below(130) as f64,
                            target: 100.0,
                        },
                        CriterionKind::YesNo => Assessment::Met(rng.below(4) > 0),
                        _ => Assessment::Count(rng.below(3) as u32),
                    };
                    (c.id.clone(), a)
                })
                .collect()
        })
        .collect()
}

/// Every unit's total and tie-break scores.
fn standings(scale: &Scale, sheets: &[HashMap<String, Assessment>]) -> Vec<Standing> {
    sheets
        .iter()
        .enumerate()
        .map(|(i, a)| Standing {
            unit_id: format!("u{i}"),
            total: total(scale, a).total,
            tie_values: tie_values(scale, a),
            votes: None,
        })
        .collect()
}

fn bench(c: &mut Bench) {
    let scale = scale();
    let sheets = sheets(&scale);
    c.bench_function("score and rank 5000 units x 60 criteria", |b| {
        b.iter(|| black_box(rank(&standings(&scale, &sheets))))
    });
    c.bench_function("trivial: rank 5000 precomputed totals", |b| {
        let standings = standings(&scale, &sheets);
        b.iter(|| black_box(rank(&standings)))
    });
}

criterion_group! {
    name = benches;
    config = Bench::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);

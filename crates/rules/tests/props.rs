//! Property tests of the eligibility engine:
//! - the verdict (and every rule's outcome and message) does not depend on the order of the
//!   history rows;
//! - adding a qualifying year (excellent rating, LĐTT and CSTĐCS) never turns a pass into a fail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use thidua_rules::{
    AwardRecord, Discipline, DisciplineLevel, Evaluation, Initiative, InitiativeLevel,
    Jurisdiction, Ledger, NominationKind, Nominee, Outcome, Proposal, Rating, RatingRecord, Rules,
    Verdict,
};
use time::{Date, Month};

const FIRST: i32 = 2014;
const Y: i32 = 2024;
const CODES: &[(&str, Option<&str>)] = &[
    ("LDTT", None),
    ("CSTDCS", None),
    ("CSTD_TINH", None),
    ("CSTD_TQ", None),
    ("BK_TINH", Some("d")),
    ("BK_TTG", Some("b")),
    ("HC_LAO_DONG_3", Some("e")),
];

fn rating() -> impl Strategy<Value = Option<Rating>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(Rating::Completed)),
        3 => Just(Some(Rating::Good)),
        3 => Just(Some(Rating::Excellent)),
        1 => Just(Some(Rating::NotCompleted)),
    ]
}

fn date(y: i32, m: u8, d: u8) -> Date {
    Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap()
}

/// One generated year: rating, LĐTT, CSTĐCS.
type YearRow = (Option<Rating>, bool, bool);
/// An extra award: code index, year offset, one-off?, initiative index used.
type Extra = (usize, i32, bool, Option<usize>);

fn ledger() -> impl Strategy<Value = Ledger> {
    let years = prop::collection::vec(
        (rating(), any::<bool>(), any::<bool>()),
        (Y - FIRST + 1) as usize,
    );
    let extras = prop::collection::vec(
        (
            0usize..7,
            0i32..=(Y - FIRST),
            prop::bool::weighted(0.2),
            prop::option::of(0usize..4),
        ),
        0..5,
    );
    let initiatives = prop::collection::vec((0i32..=(Y - FIRST), 0u8..3), 0..4);
    let discipline = prop::option::of((0i32..=(Y - FIRST), 0u8..2));
    (years, extras, initiatives, discipline).prop_map(build)
}

/// Generated parts of a ledger.
type Parts = (Vec<YearRow>, Vec<Extra>, Vec<(i32, u8)>, Option<(i32, u8)>);

fn build((years, extras, inits, disc): Parts) -> Ledger {
    let mut l = Ledger {
        id: "p".into(),
        ..Ledger::default()
    };
    for (i, (r, ldtt, cs)) in years.into_iter().enumerate() {
        let y = FIRST + i as i32;
        if let Some(r) = r {
            l.ratings.push(RatingRecord { year: y, rating: r });
        }
        if ldtt {
            l.awards.push(AwardRecord::new("LDTT", y));
        }
        if cs {
            l.awards.push(AwardRecord::new("CSTDCS", y));
        }
    }
    for (k, (y, lvl)) in inits.into_iter().enumerate() {
        let level = [
            InitiativeLevel::Base,
            InitiativeLevel::Province,
            InitiativeLevel::National,
        ][lvl as usize];
        l.initiatives.push(Initiative {
            id: format!("SK{k}"),
            name: String::new(),
            year: FIRST + y,
            level,
            research: false,
            applied_in: None,
        });
    }
    for (c, y, adhoc, init) in extras {
        let code = [
            "BK_TINH",
            "BK_TTG",
            "CSTD_TINH",
            "CSTD_BO",
            "GIAY_KHEN",
            "BK_BO",
            "CSTD_TQ",
        ][c];
        let mut a = AwardRecord::new(code, FIRST + y);
        if adhoc {
            a.kind = NominationKind::AdHoc;
        }
        if let Some(i) = init {
            a.initiatives.push(format!("SK{i}"));
        }
        l.awards.push(a);
    }
    if let Some((y, lvl)) = disc {
        let level = if lvl == 0 {
            DisciplineLevel::Reprimand
        } else {
            DisciplineLevel::Warning
        };
        l.disciplines.push(Discipline {
            level,
            from: date(FIRST + y, 3, 1),
            to: date(FIRST + y, 9, 30),
        });
    }
    l
}

fn proposal(i: usize, after_reform: bool) -> Proposal {
    let (code, branch) = CODES[i];
    let d = if after_reform {
        date(Y + 1, 8, 1)
    } else {
        date(Y + 1, 3, 1)
    };
    let mut p = Proposal::new(code, Y, d, Jurisdiction::national());
    p.branch = branch.map(str::to_owned);
    p.assertions.insert("tham_gia_phong_trao".into(), true);
    p
}

fn shuffled(l: &Ledger, seed: u64) -> Ledger {
    fn mix<T>(v: &mut [T], seed: &mut u64) {
        for i in (1..v.len()).rev() {
            *seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let j = (*seed >> 33) as usize % (i + 1);
            v.swap(i, j);
        }
    }
    let mut s = seed;
    let mut out = l.clone();
    mix(&mut out.ratings, &mut s);
    mix(&mut out.awards, &mut s);
    mix(&mut out.initiatives, &mut s);
    mix(&mut out.disciplines, &mut s);
    out
}

fn eval(rules: &Rules, l: &Ledger, p: &Proposal) -> Evaluation {
    rules.evaluate(Nominee::new(l), p).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn verdict_does_not_depend_on_row_order(l in ledger(), seed in any::<u64>(), i in 0usize..7, after in any::<bool>()) {
        let rules = Rules::bundled().unwrap();
        let p = proposal(i, after);
        let a = eval(&rules, &l, &p);
        let b = eval(&rules, &shuffled(&l, seed), &p);
        prop_assert_eq!(a.verdict, b.verdict);
        for (x, y) in a.checks.iter().zip(b.checks.iter()) {
            prop_assert_eq!(&x.rule, &y.rule);
            prop_assert_eq!(x.outcome, y.outcome, "rule {}", x.rule);
            prop_assert_eq!(&x.message, &y.message);
        }
    }

    #[test]
    fn adding_a_qualifying_year_never_turns_pass_into_fail(l in ledger(), y in FIRST..Y, i in 0usize..7, after in any::<bool>()) {
        // Make year `y` a gap (no rating, no yearly titles), then add it back as a qualifying year.
        let mut l = l;
        l.ratings.retain(|r| r.year != y);
        l.awards.retain(|a| !(a.year == y && (a.code.as_str() == "LDTT" || a.code.as_str() == "CSTDCS")));
        let rules = Rules::bundled().unwrap();
        let p = proposal(i, after);
        let before = eval(&rules, &l, &p);
        let mut more = l.clone();
        more.ratings.push(RatingRecord { year: y, rating: Rating::Excellent });
        more.awards.push(AwardRecord::new("LDTT", y));
        more.awards.push(AwardRecord::new("CSTDCS", y));
        let after_eval = eval(&rules, &more, &p);
        for c in before.checks.iter().filter(|c| c.outcome == Outcome::Pass) {
            let now = after_eval.check(&c.rule).map(|x| x.outcome);
            prop_assert_eq!(now, Some(Outcome::Pass), "rule {} was: {}", c.rule, c.message);
        }
        if before.verdict == Verdict::Eligible {
            prop_assert_eq!(after_eval.verdict, Verdict::Eligible);
        }
    }
}

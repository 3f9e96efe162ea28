//! The loader accepts an administrator's edited copy of the data files and rejects bad ones
//! with Vietnamese errors naming the file and the field; money for households.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use thidua_rules::{Catalog, Code, Jurisdiction, MoneyLine, Rules, RulesError, Subject, bundled};

fn load(catalog: &str, extra_set: Option<&str>) -> Result<Rules, RulesError> {
    let mut sets = bundled::RULE_SETS.to_vec();
    if let Some(s) = extra_set {
        sets.push(("admin.toml", s));
    }
    Rules::from_sources(("catalog.toml", catalog), &sets, bundled::BASE_SALARY)
}

#[test]
fn bundled_data_loads_and_resolves_both_sides_of_the_reform() {
    let rules = Rules::bundled().unwrap();
    let before = rules
        .in_force(
            time::macros::date!(2025 - 06 - 30),
            &Jurisdiction::national(),
        )
        .unwrap();
    let after = rules
        .in_force(
            time::macros::date!(2025 - 07 - 01),
            &Jurisdiction::national(),
        )
        .unwrap();
    assert_eq!(before.ids(), vec!["luat-2022", "nd98-2023"]);
    assert_eq!(after.ids(), vec!["luat-2022", "nd152-2025"]);
    assert!(after.abolished_levels.iter().any(|l| l.as_str() == "huyen"));
    let hn = rules
        .in_force(
            time::macros::date!(2026 - 01 - 01),
            &Jurisdiction::new("HN"),
        )
        .unwrap();
    assert_eq!(hn.ids(), vec!["luat-2022", "nd152-2025", "hn-qd71-2025"]);
}

#[test]
fn multipliers_are_exact_thousandths() {
    let rules = Rules::bundled().unwrap();
    let e = rules.catalog().get(&Code::new("CSTD_TQ")).unwrap();
    assert_eq!(e.money_individual.map(|m| m.thousandths()), Some(4500));
    assert_eq!(
        e.money_individual.map(|m| m.label()),
        Some("4,5".to_owned())
    );
}

#[test]
fn bad_multiplier_names_the_field() {
    let text = bundled::CATALOG.1.replace(
        "money = { individual = 0.3 }\n# Law",
        "money = { individual = -1.0 }\n# Law",
    );
    let err = load(&text, None).unwrap_err().to_string();
    assert!(err.contains("entry[LDTT].money.individual"), "{err}");
    assert!(err.contains("hệ số phải là số không âm"), "{err}");
}

#[test]
fn missing_field_is_reported_in_vietnamese() {
    let text = bundled::CATALOG
        .1
        .replacen("name = \"Lao động tiên tiến\"\n", "", 1);
    let err = load(&text, None).unwrap_err().to_string();
    assert!(
        err.starts_with("Tệp catalog.toml: không đọc được dữ liệu — thiếu trường bắt buộc"),
        "{err}"
    );
    assert!(err.contains("name"), "{err}");
}

#[test]
fn duplicate_code_is_rejected() {
    let text = format!(
        "{}\n[[entry]]\ncode = \"LDTT\"\nname = \"Trùng\"\nkind = \"title\"\nrank = 1\nsubjects = [\"individual\"]\narticle = \"x\"\n",
        bundled::CATALOG.1
    );
    let err = load(&text, None).unwrap_err().to_string();
    assert!(
        err.contains("entry[LDTT].code") && err.contains("mã bị trùng"),
        "{err}"
    );
}

#[test]
fn unknown_check_kind_names_the_criterion() {
    let set = r#"
id = "x"
name = "Thử"
layer = "local"
jurisdiction = "X"
effective_from = 2025-01-01
[[criteria]]
code = "LDTT"
id = "moi"
article = "Điều 1"
check = "chuoi"
"#;
    let err = load(bundled::CATALOG.1, Some(set)).unwrap_err().to_string();
    assert!(
        err.contains("Tệp admin.toml, trường `criteria[0].check`"),
        "{err}"
    );
    assert!(err.contains("loại kiểm tra `chuoi` không tồn tại"), "{err}");
}

#[test]
fn criterion_with_unknown_code_is_rejected() {
    let set = r#"
id = "x"
name = "Thử"
layer = "local"
jurisdiction = "X"
effective_from = 2025-01-01
[[criteria]]
code = "KHONG_CO"
id = "moi"
article = "Điều 1"
check = "once_per_lifetime"
"#;
    let err = load(bundled::CATALOG.1, Some(set)).unwrap_err().to_string();
    assert!(
        err.contains("mã `KHONG_CO` không có trong danh mục"),
        "{err}"
    );
}

#[test]
fn overlapping_national_sets_are_rejected() {
    let set = r#"
id = "nd-moi"
name = "Nghị định chồng lấn"
layer = "national"
jurisdiction = "VN"
effective_from = 2025-01-01
"#;
    let err = load(bundled::CATALOG.1, Some(set)).unwrap_err().to_string();
    assert!(err.contains("chồng lấn"), "{err}");
}

#[test]
fn dates_must_not_carry_a_time() {
    let set = "id = \"x\"\nname = \"Thử\"\nlayer = \"local\"\njurisdiction = \"X\"\neffective_from = 2025-01-01T08:00:00\n";
    let err = load(bundled::CATALOG.1, Some(set)).unwrap_err().to_string();
    assert!(
        err.contains("trường `effective_from`") && err.contains("YYYY-MM-DD"),
        "{err}"
    );
}

#[test]
fn household_gets_one_and_a_half_times_the_individual_amount() {
    let catalog = r#"
[documents]
to_trinh = "Tờ trình"
[[entry]]
code = "BK_THU"
name = "Bằng khen thử"
kind = "form"
rank = 1
subjects = ["individual", "household"]
article = "Điều 74"
money = { individual = 1.0 }
"#;
    let c = Catalog::from_toml("catalog.toml", catalog).unwrap();
    let salaries =
        thidua_rules::BaseSalaryTable::from_toml(bundled::BASE_SALARY.0, bundled::BASE_SALARY.1)
            .unwrap();
    let e = c.get(&Code::new("BK_THU")).unwrap();
    let d = time::macros::date!(2026 - 01 - 10);
    let ind = thidua_rules::money::reward_amount(e, Subject::Individual, d, &salaries, "Điều 50")
        .unwrap();
    let hh =
        thidua_rules::money::reward_amount(e, Subject::Household, d, &salaries, "Điều 50").unwrap();
    assert_eq!(ind.amount, 2_340_000);
    assert_eq!(hh.amount, 3_510_000);
    assert!(
        hh.explanation.contains("× 1,5 (hộ gia đình)"),
        "{}",
        hh.explanation
    );
}

#[test]
fn yearly_totals_sum_decisions_by_year() {
    let rules = Rules::bundled().unwrap();
    let d1 = time::macros::date!(2025 - 01 - 10);
    let d2 = time::macros::date!(2025 - 12 - 20);
    let d3 = time::macros::date!(2026 - 01 - 05);
    let line = |c: &str, s| MoneyLine {
        code: Code::new(c),
        subject: s,
    };
    let t1 = rules
        .decision_total(&[line("LDTT", Subject::Individual)], d1)
        .unwrap();
    let t2 = rules
        .decision_total(&[line("CSTDCS", Subject::Individual)], d2)
        .unwrap();
    let t3 = rules
        .decision_total(&[line("TTLDTT", Subject::Collective)], d3)
        .unwrap();
    let by_year = thidua_rules::money::totals_by_year(&[(d1, t1), (d2, t2), (d3, t3)]).unwrap();
    assert_eq!(by_year.get(&2025), Some(&3_042_000));
    assert_eq!(by_year.get(&2026), Some(&1_872_000));
}

#[test]
fn batch_computes_collective_titles_after_individual_ones() {
    use thidua_rules::batch::{UnitNomination, evaluate_year};
    use thidua_rules::{Ledger, Nominee, Proposal, Rating, RatingRecord, Verdict};
    let rules = Rules::bundled().unwrap();
    let day = time::macros::date!(2026 - 01 - 20);
    let resolved = rules.in_force(day, &Jurisdiction::national()).unwrap();
    let mut people = Vec::new();
    for (i, r) in [
        Rating::Excellent,
        Rating::Good,
        Rating::Good,
        Rating::Completed,
    ]
    .into_iter()
    .enumerate()
    {
        people.push(Ledger {
            id: format!("m{i}"),
            ratings: vec![RatingRecord {
                year: 2025,
                rating: r,
            }],
            ..Ledger::default()
        });
    }
    let proposals = |excellent: bool| {
        let mut v = Vec::new();
        for code in if excellent {
            vec!["CSTDCS", "LDTT"]
        } else {
            vec!["LDTT"]
        } {
            let mut p = Proposal::new(code, 2025, day, Jurisdiction::national());
            p.assertions.insert("tham_gia_phong_trao".into(), true);
            p.vote = Some(thidua_rules::VoteTally {
                yes: 9,
                total_members: 10,
            });
            v.push(p);
        }
        v
    };
    let batch: Vec<(&Ledger, Vec<Proposal>)> = people
        .iter()
        .enumerate()
        .map(|(i, l)| (l, proposals(i == 0)))
        .collect();
    let unit = Ledger {
        id: "u".into(),
        subject: Subject::Collective,
        ratings: vec![RatingRecord {
            year: 2025,
            rating: Rating::Excellent,
        }],
        ..Ledger::default()
    };
    let mut up = Proposal::new("TTLDXS", 2025, day, Jurisdiction::national());
    up.assertions.insert("doan_ket_noi_bo".into(), true);
    let mut ut = Proposal::new("TTLDTT", 2025, day, Jurisdiction::national());
    ut.assertions.insert("doan_ket_noi_bo".into(), true);
    let units = [UnitNomination {
        ledger: &unit,
        members: people.iter().map(|p| p.id.clone()).collect(),
        proposals: vec![up, ut],
    }];
    let out = evaluate_year(&resolved, rules.catalog(), 2025, &batch, &units).unwrap();
    // m0: CSTĐCS proposed before LĐTT but evaluated after it (rank order); both eligible.
    assert!(
        out.people[0].iter().all(|e| e.verdict == Verdict::Eligible),
        "{}",
        out.people[0][0].summary()
    );
    assert_eq!(out.people[3][0].verdict, Verdict::Ineligible);
    // 3 of 4 members LĐTT (75 %), one CSTĐCS, all completed → both collective titles pass.
    assert_eq!(
        out.units[0][0].verdict,
        Verdict::Eligible,
        "{}",
        out.units[0][0].summary()
    );
    assert_eq!(
        out.units[0][1].verdict,
        Verdict::Eligible,
        "{}",
        out.units[0][1].summary()
    );
    // Without the batch, the unit has no roster: undetermined.
    let alone = rules
        .evaluate(Nominee::new(&unit), &units[0].proposals[0])
        .unwrap();
    assert_eq!(alone.verdict, Verdict::Undetermined);
}

use super::*;
use proptest::prelude::*;

/// A ward block's scale in the seed plans' wording (Quận 7 2024): tasks, movements, bonuses, deductions.
fn ward_scale() -> Scale {
    let c = |id: &str, group, kind, points| Criterion {
        id: id.into(),
        group,
        kind,
        points,
    };
    Scale {
        groups: vec![
            Group {
                name: "Thực hiện nhiệm vụ chính trị".into(),
                max: 60.0,
            },
            Group {
                name: "Công tác thi đua, khen thưởng".into(),
                max: 30.0,
            },
            Group {
                name: "Điểm thưởng".into(),
                max: 10.0,
            },
            Group {
                name: "Điểm trừ".into(),
                max: 10.0,
            },
        ],
        criteria: vec![
            c("thu_ngan_sach", 0, CriterionKind::Rate { cap: 1.2 }, 30.0),
            c("cai_cach_hanh_chinh", 0, CriterionKind::Fixed, 30.0),
            c("dang_ky_thi_dua", 1, CriterionKind::YesNo, 10.0),
            c("bao_cao_dung_han", 1, CriterionKind::Fixed, 20.0),
            c(
                "mo_hinh_moi",
                2,
                CriterionKind::Bonus { max_count: Some(2) },
                5.0,
            ),
            c(
                "bao_cao_tre",
                3,
                CriterionKind::Deduction { max_count: None },
                2.0,
            ),
        ],
        negative_total: false,
        tie_breaks: vec!["thu_ngan_sach".into(), "cai_cach_hanh_chinh".into()],
    }
}

fn answers(list: &[(&str, Assessment)]) -> HashMap<String, Assessment> {
    list.iter().map(|(k, a)| ((*k).to_string(), *a)).collect()
}

#[test]
fn a_ward_is_scored_by_its_groups() {
    let s = ward_scale();
    let t = total(
        &s,
        &answers(&[
            (
                "thu_ngan_sach",
                Assessment::Rate {
                    value: 130.0,
                    target: 100.0,
                },
            ),
            ("cai_cach_hanh_chinh", Assessment::Points(25.0)),
            ("dang_ky_thi_dua", Assessment::Met(true)),
            ("bao_cao_dung_han", Assessment::Points(18.5)),
            ("mo_hinh_moi", Assessment::Count(3)),
            ("bao_cao_tre", Assessment::Count(1)),
        ]),
    );
    // The rate is capped at 120 %: 36 points, but the group stops at 60; the late report takes 2 off.
    assert_eq!(t.groups, vec![60.0, 28.5, 10.0, -2.0]);
    assert_eq!(t.total, 96.5);
}

#[test]
fn a_deduction_comes_off_its_group_and_a_precondition_not_met_scores_nothing() {
    let mut s = ward_scale();
    s.criteria[5].group = 1;
    let t = total(
        &s,
        &answers(&[
            ("thu_ngan_sach", Assessment::PreconditionNotMet),
            ("dang_ky_thi_dua", Assessment::Met(true)),
            ("bao_cao_tre", Assessment::Count(2)),
        ]),
    );
    assert_eq!(t.groups, vec![0.0, 6.0, 0.0, 0.0]);
    assert_eq!(t.total, 6.0);
}

#[test]
fn deductions_go_below_zero_only_when_the_scale_allows() {
    let mut s = ward_scale();
    let a = answers(&[("bao_cao_tre", Assessment::Count(3))]);
    assert_eq!(total(&s, &a).total, 0.0);
    s.negative_total = true;
    assert_eq!(total(&s, &a).total, -6.0);
}

#[test]
fn ties_are_broken_by_the_scales_criteria_then_by_votes_and_else_shared() {
    let st = |id: &str, total: f64, ties: &[f64], votes| Standing {
        unit_id: id.into(),
        total,
        tie_values: ties.to_vec(),
        votes,
    };
    let r = rank(&[
        st("a", 90.0, &[30.0, 20.0], None),
        st("b", 95.0, &[20.0, 20.0], None),
        st("c", 90.0, &[30.0, 25.0], None),
        st("d", 80.0, &[10.0, 10.0], Some(3)),
        st("e", 80.0, &[10.0, 10.0], Some(5)),
        st("f", 70.0, &[0.0, 0.0], None),
        st("g", 70.0, &[0.0, 0.0], None),
    ]);
    let got: Vec<(&str, usize, bool)> = r
        .iter()
        .map(|x| (x.unit_id.as_str(), x.rank, x.tied))
        .collect();
    assert_eq!(
        got,
        vec![
            ("b", 1, false),
            ("c", 2, false),
            ("a", 3, false),
            ("e", 4, false),
            ("d", 5, false),
            ("f", 6, true),
            ("g", 6, true),
        ]
    );
}

#[test]
fn sums_in_another_order_do_not_separate_equal_totals() {
    let st = |id: &str, total| Standing {
        unit_id: id.into(),
        total,
        tie_values: vec![],
        votes: None,
    };
    let r = rank(&[st("a", 0.1 + 0.2), st("b", 0.3)]);
    assert_eq!((r[0].rank, r[1].rank), (1, 1));
}

fn kind() -> impl Strategy<Value = CriterionKind> {
    prop_oneof![
        Just(CriterionKind::Fixed),
        (0.5f64..2.0).prop_map(|cap| CriterionKind::Rate { cap }),
        Just(CriterionKind::YesNo),
        proptest::option::of(0u32..5).prop_map(|max_count| CriterionKind::Deduction { max_count }),
        proptest::option::of(0u32..5).prop_map(|max_count| CriterionKind::Bonus { max_count }),
    ]
}

fn assessment() -> impl Strategy<Value = Assessment> {
    prop_oneof![
        Just(Assessment::PreconditionNotMet),
        (-10.0f64..50.0).prop_map(Assessment::Points),
        (-10.0f64..200.0, -10.0f64..200.0)
            .prop_map(|(value, target)| Assessment::Rate { value, target }),
        any::<bool>().prop_map(Assessment::Met),
        (0u32..10).prop_map(Assessment::Count),
    ]
}

fn scale_and_answers() -> impl Strategy<Value = (Scale, HashMap<String, Assessment>)> {
    let groups = proptest::collection::vec(0.0f64..100.0, 1..4);
    groups
        .prop_flat_map(|maxes| {
            let n = maxes.len();
            let criteria =
                proptest::collection::vec((0..n, kind(), 0.0f64..40.0, assessment()), 0..12);
            (Just(maxes), criteria, any::<bool>())
        })
        .prop_map(|(maxes, criteria, negative_total)| {
            let mut answers = HashMap::new();
            let criteria = criteria
                .into_iter()
                .enumerate()
                .map(|(i, (group, kind, points, a))| {
                    answers.insert(format!("c{i}"), a);
                    Criterion {
                        id: format!("c{i}"),
                        group,
                        kind,
                        points,
                    }
                })
                .collect();
            let groups = maxes
                .into_iter()
                .enumerate()
                .map(|(i, max)| Group {
                    name: format!("g{i}"),
                    max,
                })
                .collect();
            (
                Scale {
                    groups,
                    criteria,
                    negative_total,
                    tie_breaks: vec![],
                },
                answers,
            )
        })
}

fn standings() -> impl Strategy<Value = Vec<Standing>> {
    proptest::collection::vec(
        (
            0u32..20,
            proptest::collection::vec(0u32..3, 0..3),
            proptest::option::of(0u32..3),
        ),
        0..30,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (total, ties, votes))| Standing {
                unit_id: format!("u{i}"),
                total: f64::from(total) * 2.5,
                tie_values: ties.into_iter().map(f64::from).collect(),
                votes,
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn caps_hold((scale, answers) in scale_and_answers()) {
        let t = total(&scale, &answers);
        for (i, (g, sum)) in scale.groups.iter().zip(&t.groups).enumerate() {
            let gains = scale.criteria.iter().any(|c| c.group == i && !matches!(c.kind, CriterionKind::Deduction { .. }));
            let lower = if gains { 0.0 } else { -g.max.max(0.0) };
            prop_assert!(*sum >= lower - 1e-9 && *sum <= g.max.max(0.0) + 1e-9, "group {sum} of max {}", g.max);
        }
        if !scale.negative_total {
            prop_assert!(t.total >= 0.0);
        }
        for c in &scale.criteria {
            let s = criterion_score(c, &answers[&c.id]);
            let cap = match c.kind { CriterionKind::Rate { cap } => cap, _ => 1.0 };
            if matches!(c.kind, CriterionKind::Fixed | CriterionKind::Rate { .. } | CriterionKind::YesNo) {
                prop_assert!(s >= 0.0 && s <= c.points * cap + 1e-9);
            }
        }
    }

    #[test]
    fn more_points_on_a_criterion_never_lower_the_total((scale, answers) in scale_and_answers(), extra in 0.0f64..20.0) {
        let before = total(&scale, &answers).total;
        let mut more = answers.clone();
        for c in scale.criteria.iter().filter(|c| c.kind == CriterionKind::Fixed) {
            if let Some(Assessment::Points(p)) = more.get_mut(&c.id) {
                *p += extra;
            }
        }
        prop_assert!(total(&scale, &more).total >= before - 1e-9);
    }

    #[test]
    fn a_higher_score_never_ranks_lower(list in standings()) {
        let ranked = rank(&list);
        let place: HashMap<&str, &Ranked> = ranked.iter().map(|r| (r.unit_id.as_str(), r)).collect();
        for a in &list {
            for b in &list {
                let (ra, rb) = (place[a.unit_id.as_str()].rank, place[b.unit_id.as_str()].rank);
                if a.total > b.total {
                    prop_assert!(ra < rb, "{} ({}) ranked {ra}, {} ({}) ranked {rb}", a.unit_id, a.total, b.unit_id, b.total);
                }
                if a.total == b.total && a.tie_values == b.tie_values && a.votes.unwrap_or(0) == b.votes.unwrap_or(0) {
                    prop_assert_eq!(ra, rb);
                }
            }
        }
    }

    #[test]
    fn ranks_do_not_depend_on_the_order_units_are_given_in(list in standings()) {
        let forward: HashMap<String, usize> = rank(&list).into_iter().map(|r| (r.unit_id, r.rank)).collect();
        let mut reversed = list.clone();
        reversed.reverse();
        let backward: HashMap<String, usize> = rank(&reversed).into_iter().map(|r| (r.unit_id, r.rank)).collect();
        prop_assert_eq!(forward, backward);
    }
}

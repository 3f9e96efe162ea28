//! The awards figures: by form, by level, by year and by unit, and the share of women and of direct
//! workers (người trực tiếp lao động, sản xuất, công tác) among the people awarded. Pure: grouped
//! counts in, figures out.

use super::figure::{Figure, group_path, percent, percent_text, thousands};
use std::collections::BTreeMap;
use thidua_docs::chart::ChartKind;
use thidua_store::dashboard::AwardGroup;

/// What the catalog says of a form: its name and the level it is given at.
#[derive(Debug, Clone, PartialEq)]
pub struct FormInfo {
    pub name: String,
    /// Orders the levels from the grassroots (0) up.
    pub level_rank: usize,
    pub level: &'static str,
}

/// The level of an award from its deciding authorities' levels: the lowest one that may give it
/// (a Giấy khen counts as a grassroots award though a department may give it too).
pub fn level_of(levels: &[&str]) -> (usize, &'static str) {
    levels
        .iter()
        .map(|l| match *l {
            "xa" | "doanh_nghiep" | "base" => (0, "Cơ sở"),
            "huyen" | "so" => (1, "Cấp huyện, sở"),
            "tinh" | "province" => (2, "Cấp tỉnh"),
            "bo" | "don_vi_thuoc_bo" | "luc_luong_vu_trang" => (3, "Bộ, ban, ngành trung ương"),
            "trung_uong" | "national" => (4, "Nhà nước, Chính phủ"),
            _ => (5, "Khác"),
        })
        .min()
        .unwrap_or((5, "Khác"))
}

fn info(forms: &BTreeMap<String, FormInfo>, code: &str) -> FormInfo {
    forms.get(code).cloned().unwrap_or(FormInfo {
        name: code.to_string(),
        level_rank: 5,
        level: "Khác",
    })
}

/// (people, units) per key, in the order `order` gives.
fn tally<K: Ord + Clone>(
    groups: &[AwardGroup],
    key: impl Fn(&AwardGroup) -> K,
) -> BTreeMap<K, (i64, i64)> {
    let mut out: BTreeMap<K, (i64, i64)> = BTreeMap::new();
    for g in groups {
        let e = out.entry(key(g)).or_default();
        if g.subject_type == "person" {
            e.0 += g.total;
        } else {
            e.1 += g.total;
        }
    }
    out
}

/// A person/unit/total figure from tallied rows (`label`, people, units), largest first.
fn split_figure(
    key: &str,
    title: &str,
    kind: ChartKind,
    head: &str,
    mut rows: Vec<(String, i64, i64)>,
) -> Figure {
    rows.sort_by(|a, b| (b.1 + b.2).cmp(&(a.1 + a.2)).then(a.0.cmp(&b.0)));
    let mut f = Figure::new(key, title, kind);
    f.categories = rows.iter().map(|r| r.0.clone()).collect();
    f.push_series("Cá nhân", rows.iter().map(|r| r.1 as f64).collect());
    f.push_series("Tập thể", rows.iter().map(|r| r.2 as f64).collect());
    f.headers = vec![
        head.into(),
        "Cá nhân".into(),
        "Tập thể".into(),
        "Tổng".into(),
    ];
    f.rows = rows
        .iter()
        .map(|r| {
            vec![
                r.0.clone(),
                thousands(r.1),
                thousands(r.2),
                thousands(r.1 + r.2),
            ]
        })
        .collect();
    f
}

/// Awards of the year by form (danh hiệu, hình thức).
pub fn by_form(groups: &[AwardGroup], forms: &BTreeMap<String, FormInfo>) -> Figure {
    let t = tally(groups, |g| info(forms, &g.code).name);
    let rows = t.into_iter().map(|(k, (p, u))| (k, p, u)).collect();
    let mut f = split_figure(
        "awards_by_form",
        "Khen thưởng theo hình thức",
        ChartKind::HorizontalBars,
        "Hình thức",
        rows,
    );
    f.note = "Danh hiệu và hình thức khen thưởng ghi trong sổ khen thưởng của năm (không tính khen thưởng đã bị hủy).".into();
    f
}

/// Awards of the year by level, from the grassroots up.
pub fn by_level(groups: &[AwardGroup], forms: &BTreeMap<String, FormInfo>) -> Figure {
    let t = tally(groups, |g| {
        let i = info(forms, &g.code);
        (i.level_rank, i.level)
    });
    let mut f = Figure::new("awards_by_level", "Khen thưởng theo cấp", ChartKind::Bars);
    f.categories = t.keys().map(|(_, l)| l.to_string()).collect();
    f.push_series("Cá nhân", t.values().map(|v| v.0 as f64).collect());
    f.push_series("Tập thể", t.values().map(|v| v.1 as f64).collect());
    f.headers = vec![
        "Cấp khen thưởng".into(),
        "Cá nhân".into(),
        "Tập thể".into(),
        "Tổng".into(),
    ];
    f.rows = t
        .iter()
        .map(|((_, l), (p, u))| {
            vec![
                l.to_string(),
                thousands(*p),
                thousands(*u),
                thousands(p + u),
            ]
        })
        .collect();
    f.note = "Cấp: cấp thấp nhất có thẩm quyền tặng danh hiệu, hình thức đó theo danh mục.".into();
    f
}

/// Awards per year over `from..=to` (years without any count 0).
pub fn by_year(per_year: &[(i64, i64)], from: i64, to: i64) -> Figure {
    let mut f = Figure::new(
        "awards_by_year",
        "Số khen thưởng qua các năm",
        ChartKind::Line,
    );
    let years: Vec<i64> = (from..=to).collect();
    let count = |y: i64| {
        per_year
            .iter()
            .find(|(py, _)| *py == y)
            .map_or(0, |(_, n)| *n)
    };
    f.categories = years.iter().map(i64::to_string).collect();
    f.push_series(
        "Số khen thưởng",
        years.iter().map(|y| count(*y) as f64).collect(),
    );
    f.headers = vec!["Năm".into(), "Số khen thưởng".into()];
    f.rows = years
        .iter()
        .map(|y| vec![y.to_string(), thousands(count(*y))])
        .collect();
    f
}

/// Awards of the year by unit: each award counts in the group (the unit one level below the
/// dashboard's base) of the person's unit or of the unit awarded.
pub fn by_unit(groups: &[AwardGroup], base: usize, names: &BTreeMap<String, String>) -> Figure {
    let t = tally(groups, |g| group_path(&g.unit_path, base));
    let rows = t
        .into_iter()
        .map(|(path, (p, u))| (names.get(&path).cloned().unwrap_or(path), p, u))
        .collect();
    let mut f = split_figure(
        "awards_by_unit",
        "Khen thưởng theo đơn vị",
        ChartKind::HorizontalBars,
        "Đơn vị",
        rows,
    );
    f.note = "Cá nhân tính vào đơn vị công tác, tập thể tính vào chính đơn vị; đơn vị cấp dưới tính vào đơn vị trực thuộc.".into();
    f
}

/// The people awarded: how many, how many women, how many direct workers.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Shares {
    pub people: i64,
    pub women: i64,
    pub direct_workers: i64,
    /// Percent of the people awarded, one decimal.
    pub women_percent: f64,
    pub direct_percent: f64,
}

/// The shares among all people awarded.
pub fn shares(groups: &[AwardGroup]) -> Shares {
    let people = groups.iter().filter(|g| g.subject_type == "person");
    let (mut n, mut w, mut d) = (0, 0, 0);
    for g in people {
        n += g.total;
        w += g.female;
        d += g.direct;
    }
    Shares {
        people: n,
        women: w,
        direct_workers: d,
        women_percent: percent(w, n),
        direct_percent: percent(d, n),
    }
}

/// The share of women and of direct workers among the people awarded, by form and in all.
pub fn shares_by_form(groups: &[AwardGroup], forms: &BTreeMap<String, FormInfo>) -> Figure {
    let mut t: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new();
    for g in groups.iter().filter(|g| g.subject_type == "person") {
        let e = t.entry(info(forms, &g.code).name).or_default();
        e.0 += g.total;
        e.1 += g.female;
        e.2 += g.direct;
    }
    let all = shares(groups);
    let mut rows: Vec<(String, (i64, i64, i64))> = t.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(&b.0)));
    rows.insert(
        0,
        ("Tất cả".into(), (all.people, all.women, all.direct_workers)),
    );
    let mut f = Figure::new(
        "award_shares",
        "Tỷ lệ nữ và người trực tiếp lao động được khen thưởng",
        ChartKind::Bars,
    );
    f.unit = "%".into();
    f.categories = rows.iter().map(|r| r.0.clone()).collect();
    f.push_series("Nữ", rows.iter().map(|r| percent(r.1.1, r.1.0)).collect());
    f.push_series(
        "Người trực tiếp lao động, sản xuất, công tác",
        rows.iter().map(|r| percent(r.1.2, r.1.0)).collect(),
    );
    f.headers = [
        "Hình thức",
        "Cá nhân được khen",
        "Nữ",
        "Tỷ lệ nữ",
        "Trực tiếp lao động",
        "Tỷ lệ trực tiếp",
    ]
    .map(String::from)
    .to_vec();
    f.rows = rows
        .iter()
        .map(|(name, (n, w, d))| {
            vec![
                name.clone(),
                thousands(*n),
                thousands(*w),
                percent_text(*w, *n),
                thousands(*d),
                percent_text(*d, *n),
            ]
        })
        .collect();
    f.note = "Chỉ tính khen thưởng cá nhân; người trực tiếp lao động theo thông tin của từng người trong danh sách cá nhân.".into();
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(
        path: &str,
        code: &str,
        subject: &str,
        female: i64,
        direct: i64,
        total: i64,
    ) -> AwardGroup {
        AwardGroup {
            unit_path: path.into(),
            code: code.into(),
            subject_type: subject.into(),
            female,
            direct,
            total,
        }
    }

    fn forms() -> BTreeMap<String, FormInfo> {
        let mut m = BTreeMap::new();
        m.insert(
            "BK_TINH".into(),
            FormInfo {
                name: "Bằng khen".into(),
                level_rank: 2,
                level: "Cấp tỉnh",
            },
        );
        m.insert(
            "GIAY_KHEN".into(),
            FormInfo {
                name: "Giấy khen".into(),
                level_rank: 0,
                level: "Cơ sở",
            },
        );
        m
    }

    fn sample() -> Vec<AwardGroup> {
        vec![
            g("/p/a/", "GIAY_KHEN", "person", 2, 1, 3),
            g("/p/a/x/", "GIAY_KHEN", "person", 1, 1, 3),
            g("/p/a/x/", "BK_TINH", "unit", 0, 0, 1),
            g("/p/b/", "BK_TINH", "person", 0, 1, 4),
        ]
    }

    #[test]
    fn awards_are_counted_by_form_and_level_people_and_units_apart() {
        let f = by_form(&sample(), &forms());
        assert_eq!(f.categories, ["Giấy khen", "Bằng khen"]);
        assert_eq!(
            f.values("Cá nhân"),
            [("Giấy khen".into(), 6.0), ("Bằng khen".into(), 4.0)]
        );
        assert_eq!(f.values("Tập thể")[1].1, 1.0);
        assert_eq!(f.rows[1], ["Bằng khen", "4", "1", "5"]);
        let l = by_level(&sample(), &forms());
        assert_eq!(
            l.categories,
            ["Cơ sở", "Cấp tỉnh"],
            "from the grassroots up"
        );
        assert_eq!(l.rows[1], ["Cấp tỉnh", "4", "1", "5"]);
    }

    #[test]
    fn sub_units_count_in_their_group_below_the_base() {
        let mut names = BTreeMap::new();
        names.insert("/p/a/".to_string(), "Phường A".to_string());
        names.insert("/p/b/".to_string(), "Phường B".to_string());
        let f = by_unit(&sample(), 1, &names);
        assert_eq!(
            f.rows,
            [["Phường A", "6", "1", "7"], ["Phường B", "4", "0", "4"]]
        );
    }

    #[test]
    fn shares_count_women_and_direct_workers_among_people_only() {
        let s = shares(&sample());
        assert_eq!((s.people, s.women, s.direct_workers), (10, 3, 3));
        assert_eq!((s.women_percent, s.direct_percent), (30.0, 30.0));
        let f = shares_by_form(&sample(), &forms());
        assert_eq!(f.categories[0], "Tất cả");
        assert_eq!(f.values("Nữ")[1], ("Giấy khen".into(), 50.0));
        assert_eq!(f.rows[2], ["Bằng khen", "4", "0", "0%", "1", "25%"]);
    }

    #[test]
    fn years_without_awards_count_zero() {
        let f = by_year(&[(2023, 4), (2025, 7)], 2022, 2025);
        assert_eq!(
            f.values("Số khen thưởng")
                .iter()
                .map(|v| v.1)
                .collect::<Vec<_>>(),
            [0.0, 4.0, 0.0, 7.0]
        );
    }

    #[test]
    fn the_lowest_deciding_level_is_the_awards_level() {
        assert_eq!(level_of(&["tinh"]), (2, "Cấp tỉnh"));
        assert_eq!(level_of(&["so", "xa", "huyen"]), (0, "Cơ sở"));
        assert_eq!(level_of(&[]).1, "Khác");
    }
}

//! Which cells of a form a record counts in. A campaign counts in 0601; an award in 0602 when its
//! form is state-level, in 0603 when ministry- or province-level. The row says who or what (scope,
//! length, recipient, kind), the column which level or form; every record also counts in row 01 and
//! column 1 of its rows.

use super::forms::FormId;
use crate::text::fold;

/// Who launched a movement (the three columns of 0601).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaunchLevel {
    Central,
    MinistryProvince,
    Agency,
}

impl LaunchLevel {
    /// The launching level of a campaign issued by `issuer` in an organisation whose top level is
    /// `org_level` (`province`, `district`…): the central bodies by name, else a province's own
    /// plan at ministry-province level unless a department or office of it issued it, else agency.
    pub fn of(issuer: &str, org_level: &str) -> LaunchLevel {
        let f = fold(issuer);
        let central = ["trung uong", "thu tuong", "chinh phu", "chu tich nuoc"];
        if central.iter().any(|k| f.contains(k)) {
            return Self::Central;
        }
        // A body of the province that is not its people's committee is named first in the issuer.
        let agency = [
            "so ",
            "phong ",
            "ban ",
            "truong ",
            "giam doc",
            "cuc ",
            "chi cuc",
            "trung tam",
            "cong ty",
        ];
        let by_agency = agency.iter().any(|k| f.starts_with(k));
        if matches!(org_level, "province" | "central") && !by_agency {
            Self::MinistryProvince
        } else {
            Self::Agency
        }
    }

    fn col(self) -> &'static str {
        match self {
            Self::Central => "2",
            Self::MinistryProvince => "3",
            Self::Agency => "4",
        }
    }

    fn scope_row(self) -> &'static str {
        match self {
            Self::Central => "02",
            Self::MinistryProvince => "03",
            Self::Agency => "05",
        }
    }
}

/// What 0601 needs of a campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignFact {
    pub launch: LaunchLevel,
    /// Length in days, both ends counted.
    pub days: i64,
    /// Thematic, peak or multi-year (chuyên đề) rather than the regular yearly movement.
    pub thematic: bool,
}

/// The cells of 0601 a campaign counts in.
pub fn campaign_cells(c: &CampaignFact) -> Vec<(&'static str, &'static str)> {
    let length = match c.days {
        d if d < 360 => "06",
        d if d <= 370 => "07",
        d if d < 3 * 365 => "08",
        d if d < 5 * 365 => "09",
        _ => "10",
    };
    let method = if c.thematic { "11" } else { "12" };
    let mut out = Vec::new();
    for r in ["01", c.launch.scope_row(), length, method] {
        out.push((r, "1"));
        out.push((r, c.launch.col()));
    }
    out
}

/// The cadre classification of 0602/0603 (rows 10–13 of 0602).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonClass {
    ProvinceLeader,
    DepartmentLeader,
    Businessperson,
    OtherLeader,
}

const TOP: [&str; 6] = [
    "chu tich",
    "pho chu tich",
    "bi thu",
    "pho bi thu",
    "bo truong",
    "thu truong",
];
const DEPT: [&str; 9] = [
    "giam doc",
    "pho giam doc",
    "tong giam doc",
    "vu truong",
    "pho vu truong",
    "truong ban",
    "pho truong ban",
    "chanh van phong",
    "pho chanh van phong",
];
const OTHER: [&str; 8] = [
    "truong phong",
    "pho truong phong",
    "hieu truong",
    "pho hieu truong",
    "truong khoa",
    "pho truong khoa",
    "to truong",
    "doi truong",
];

impl PersonClass {
    /// The class of a person from the position on their record and their unit's kind and level;
    /// `None` when the position names no leadership. A rule of this software, not of the circular [U].
    pub fn of(position: &str, unit_kind: &str, unit_level: &str) -> Option<PersonClass> {
        let p = fold(position);
        let starts = |list: &[&str]| list.iter().any(|k| p.starts_with(k));
        let (top, dept, other) = (starts(&TOP), starts(&DEPT), starts(&OTHER));
        if !(top || dept || other) {
            return None;
        }
        let high = matches!(unit_level, "central" | "province");
        Some(if unit_kind == "enterprise" && (top || dept) {
            Self::Businessperson
        } else if top && high && unit_kind == "peoples_committee" {
            Self::ProvinceLeader
        } else if (dept && high)
            || (top && high)
            || (top && unit_level == "district" && unit_kind == "peoples_committee")
        {
            Self::DepartmentLeader
        } else {
            Self::OtherLeader
        })
    }

    fn row(self) -> &'static str {
        match self {
            Self::ProvinceLeader => "10",
            Self::DepartmentLeader => "11",
            Self::Businessperson => "12",
            Self::OtherLeader => "13",
        }
    }
}

/// Who received an award.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    Collective {
        enterprise: bool,
    },
    Individual {
        class: Option<PersonClass>,
        direct_worker: bool,
    },
}

/// What 0602/0603 need of an award.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardFact {
    /// Catalog code (`BK_TINH`, `HC_LAO_DONG_3`…).
    pub code: String,
    /// `merit`, `campaign`, `ad_hoc`, `career`, `foreign`.
    pub kind: String,
    pub recipient: Recipient,
}

/// The form an award code is counted in, and its column there (collective and individual variants
/// for the paired columns of 0602).
fn column(code: &str, collective: bool) -> Option<(FormId, &'static str)> {
    let pair = |a, b| if collective { a } else { b };
    let state = |c| Some((FormId::StateAwards, c));
    let province = |c| Some((FormId::ProvinceAwards, c));
    match code {
        c if c.starts_with("HC_") || c.starts_with("HUY_CHUONG") => state(pair("2a", "2b")),
        c if c.starts_with("AH_") => state(pair("5a", "5b")),
        "CO_CP" => state("6"),
        "BK_TTG" => state(pair("7a", "7b")),
        "CSTD_TQ" => state("8"),
        "BK_TINH" | "BK_BO" => province("2"),
        "CSTD_TINH" | "CSTD_BO" => province("3"),
        "CO_TINH" | "CO_BO" => province("4"),
        "KY_NIEM_CHUONG" => province("5"),
        _ => None,
    }
}

/// The catalog codes counted in `form` (to select the records).
pub fn codes_of(form: FormId) -> &'static [&'static str] {
    match form {
        FormId::StateAwards => &[
            "HC_LAO_DONG_3",
            "HC_LAO_DONG_2",
            "HC_LAO_DONG_1",
            "HC_DUNG_CAM",
            "HC_DAI_DOAN_KET",
            "HC_DOC_LAP_2",
            "HC_DOC_LAP_1",
            "HC_HO_CHI_MINH",
            "HC_SAO_VANG",
            "AH_LAO_DONG",
            "AH_LLVT",
            "CO_CP",
            "BK_TTG",
            "CSTD_TQ",
        ],
        FormId::ProvinceAwards => &[
            "BK_TINH",
            "BK_BO",
            "CSTD_TINH",
            "CSTD_BO",
            "CO_TINH",
            "CO_BO",
            "KY_NIEM_CHUONG",
        ],
        _ => &[],
    }
}

/// The cells of `form` an award counts in (none when its form belongs to another Biểu).
pub fn award_cells(form: FormId, a: &AwardFact) -> Vec<(&'static str, &'static str)> {
    let collective = matches!(a.recipient, Recipient::Collective { .. });
    let Some((f, c)) = column(&a.code, collective) else {
        return Vec::new();
    };
    if f != form {
        return Vec::new();
    }
    // 0603 numbers the same rows one section earlier (no section by submitting body).
    let shift = |r: &'static str| -> &'static str {
        if form == FormId::StateAwards {
            return r;
        }
        match r {
            "06" => "02",
            "07" => "03",
            "09" => "05",
            "10" => "06",
            "11" => "07",
            "12" => "08",
            "13" => "09",
            "14" => "10",
            "15" => "11",
            "16" => "12",
            "17" => "13",
            "18" => "14",
            "19" => "15",
            other => other,
        }
    };
    let mut rows = vec!["01"];
    if form == FormId::StateAwards {
        rows.push("03");
    }
    match a.recipient {
        Recipient::Collective { enterprise } => {
            rows.push("06");
            if enterprise {
                rows.push("07");
            }
        }
        Recipient::Individual {
            class,
            direct_worker,
        } => {
            rows.push("09");
            if let Some(k) = class {
                rows.push(k.row());
            }
            if direct_worker {
                rows.push("14");
            }
        }
    }
    rows.push(match a.kind.as_str() {
        "campaign" => "16",
        "ad_hoc" => "17",
        "foreign" => "18",
        "career" => "19",
        _ => "15",
    });
    let mut out = Vec::new();
    for r in rows {
        let r = if r == "01" || r == "03" { r } else { shift(r) };
        out.push((r, "1"));
        out.push((r, c));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(code: &str, class: Option<PersonClass>, direct: bool) -> AwardFact {
        AwardFact {
            code: code.into(),
            kind: "merit".into(),
            recipient: Recipient::Individual {
                class,
                direct_worker: direct,
            },
        }
    }

    #[test]
    fn a_province_plan_counts_at_ministry_province_level_and_a_department_plan_at_agency_level() {
        assert_eq!(
            LaunchLevel::of("Ủy ban nhân dân thành phố Hà Nội", "province"),
            LaunchLevel::MinistryProvince
        );
        assert_eq!(
            LaunchLevel::of("Sở Văn hóa và Thể thao", "province"),
            LaunchLevel::Agency
        );
        assert_eq!(
            LaunchLevel::of("UBND quận Hai Bà Trưng", "district"),
            LaunchLevel::Agency
        );
        assert_eq!(
            LaunchLevel::of("Hội đồng Thi đua - Khen thưởng Trung ương", "province"),
            LaunchLevel::Central
        );
    }

    #[test]
    fn a_yearly_regular_movement_counts_in_total_scope_length_and_method() {
        let cells = campaign_cells(&CampaignFact {
            launch: LaunchLevel::MinistryProvince,
            days: 365,
            thematic: false,
        });
        for want in [
            ("01", "1"),
            ("01", "3"),
            ("03", "3"),
            ("07", "1"),
            ("12", "3"),
        ] {
            assert!(cells.contains(&want), "{want:?} in {cells:?}");
        }
        assert!(!cells.iter().any(|(_, c)| *c == "2" || *c == "4"));
        let short = campaign_cells(&CampaignFact {
            launch: LaunchLevel::Agency,
            days: 60,
            thematic: true,
        });
        assert!(short.contains(&("06", "4")) && short.contains(&("11", "4")));
    }

    #[test]
    fn positions_classify_by_unit_kind_and_level() {
        use PersonClass::*;
        let of = PersonClass::of;
        assert_eq!(
            of("Chủ tịch UBND tỉnh", "peoples_committee", "province"),
            Some(ProvinceLeader)
        );
        assert_eq!(
            of("Phó Giám đốc Sở", "department", "province"),
            Some(DepartmentLeader)
        );
        assert_eq!(
            of("Chủ tịch UBND quận", "peoples_committee", "district"),
            Some(DepartmentLeader)
        );
        assert_eq!(
            of("Giám đốc", "enterprise", "grassroots"),
            Some(Businessperson)
        );
        assert_eq!(
            of("Phó Trưởng phòng", "department", "district"),
            Some(OtherLeader)
        );
        assert_eq!(
            of("Chủ tịch UBND phường", "ward", "commune"),
            Some(OtherLeader)
        );
        assert_eq!(of("Chuyên viên", "department", "province"), None);
    }

    #[test]
    fn a_provincial_certificate_to_a_frontline_worker_counts_in_0603_only() {
        let a = person("BK_TINH", None, true);
        assert!(award_cells(FormId::StateAwards, &a).is_empty());
        let cells = award_cells(FormId::ProvinceAwards, &a);
        for want in [("01", "2"), ("05", "2"), ("10", "1"), ("11", "2")] {
            assert!(cells.contains(&want), "{want:?} in {cells:?}");
        }
    }

    #[test]
    fn a_labour_order_to_an_enterprise_counts_in_the_collective_column_of_0602() {
        let a = AwardFact {
            code: "HC_LAO_DONG_3".into(),
            kind: "career".into(),
            recipient: Recipient::Collective { enterprise: true },
        };
        let cells = award_cells(FormId::StateAwards, &a);
        for want in [
            ("01", "2a"),
            ("03", "2a"),
            ("06", "2a"),
            ("07", "1"),
            ("19", "2a"),
        ] {
            assert!(cells.contains(&want), "{want:?} in {cells:?}");
        }
        assert!(!cells.iter().any(|(_, c)| *c == "2b"));
        let leader = person("CSTD_TQ", Some(PersonClass::DepartmentLeader), false);
        assert!(award_cells(FormId::StateAwards, &leader).contains(&("11", "8")));
    }

    #[test]
    fn every_counted_code_has_a_column_in_its_form() {
        for f in [FormId::StateAwards, FormId::ProvinceAwards] {
            for code in codes_of(f) {
                assert_eq!(column(code, false).map(|x| x.0), Some(f), "{code}");
            }
        }
    }
}

//! The criteria a rule set attaches to a title or form, as data: a small closed set of
//! checkable predicate kinds (`check = "chain"`, `"streak"`, `"after_award"`…), each with its
//! parameters and the article it comes from. This module reads and validates them.

use serde::Deserialize;

use crate::error::{Result, invalid};
use crate::model::{Code, DisciplineLevel, InitiativeLevel, Rating, Subject};

/// Whether a failing criterion blocks the proposal or only warns.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Shown for information (members of an alternative branch); never decides the verdict.
    Info,
    /// Shown to the user; does not make the nominee ineligible.
    Warning,
    /// Must pass for the nominee to be eligible.
    Blocking,
}

/// One checkable predicate.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// Rating of the year is at least `min`.
    Rating {
        /// Minimum rating.
        min: Rating,
    },
    /// No discipline of at least `min_level` touches the year.
    NoDiscipline {
        /// Lowest level that fails.
        min_level: DisciplineLevel,
    },
    /// A fact the system cannot compute; the user asserts it in the proposal under `key`.
    Assert {
        /// Key in `Proposal::assertions`.
        key: String,
        /// Vietnamese text of the criterion.
        text: String,
    },
    /// Any one of the options passes.
    AnyOf(Vec<Check>),
    /// `years` awards of one of `of`, in consecutive years (or terms `step` years apart)
    /// ending in the evaluation year.
    Chain {
        /// Codes that count.
        of: Vec<Code>,
        /// How many in the run.
        years: u32,
        /// Distance between two links (1 for yearly titles, 3 for CSTĐ tỉnh terms).
        step: u32,
    },
    /// Rating at least `min` in `years` consecutive years ending in the evaluation year.
    Streak {
        /// Minimum rating.
        min: Rating,
        /// Number of years.
        years: u32,
    },
    /// At least `count` unused initiatives of at least `min_level` recognised within the last
    /// `within_years` years (0: any year).
    Initiative {
        /// Minimum level of recognition.
        min_level: InitiativeLevel,
        /// How many are needed.
        count: u32,
        /// Window in years ending in the evaluation year; 0 means any time.
        within_years: u32,
    },
    /// A prior award of `of` at t0, then ≥ `min_years` years to the evaluation year, each rated
    /// at least `every_year`, with `title_count` × `title` and `excellent_years` excellent years.
    AfterAward {
        /// Prerequisite codes.
        of: Vec<Code>,
        /// Years from t0 to the evaluation year.
        min_years: u32,
        /// Minimum rating of every year after t0.
        every_year: Rating,
        /// Title counted within the period.
        title: Option<Code>,
        /// How many of `title`.
        title_count: u32,
        /// Excellent years needed within the period.
        excellent_years: u32,
    },
    /// At least `percent` % of the collective's members hold one of `of` (default: rule-set
    /// parameter `collective_ratio_percent`).
    MembersRatio {
        /// Codes that count.
        of: Vec<Code>,
        /// Explicit percentage, else the parameter.
        percent: Option<u32>,
    },
    /// Every member is rated at least `min`.
    MembersMinRating {
        /// Minimum rating.
        min: Rating,
    },
    /// No member has a discipline of at least `min_level` in the year.
    MembersNoDiscipline {
        /// Lowest level that fails.
        min_level: DisciplineLevel,
    },
    /// At least `count` members hold one of `of`.
    MembersWithTitle {
        /// Codes that count.
        of: Vec<Code>,
        /// How many members.
        count: u32,
    },
    /// Given at most once in a lifetime.
    OncePerLifetime,
    /// At most `max` per year within the issuer's scope (uses `Proposal::quota_used`).
    Quota {
        /// Cap.
        max: u32,
    },
    /// Holders ≤ `percent` % of the base count in the unit (default: parameter
    /// `cstdcs_cap_percent`; no check when neither is set).
    RatioCap {
        /// Explicit percentage, else the parameter.
        percent: Option<u32>,
    },
    /// Dossier submitted by day/month of the evaluation year + `year_offset`.
    Deadline {
        /// Month 1–12.
        month: u8,
        /// Day of month.
        day: u8,
        /// Added to the evaluation year.
        year_offset: i32,
    },
}

/// One criterion of one catalog entry in a rule set.
#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    /// Catalog code it applies to.
    pub code: Code,
    /// Id, unique per code within a rule set (overlays replace by the same id).
    pub id: String,
    /// Article cited in messages.
    pub article: String,
    /// Branch of alternative criteria it belongs to (e.g. `"d"` of Điều 74(1)).
    pub branch: Option<String>,
    /// Vietnamese label of the branch.
    pub branch_label: Option<String>,
    /// Blocking or warning.
    pub severity: Severity,
    /// Subjects it applies to; empty means all.
    pub subjects: Vec<Subject>,
    /// The predicate.
    pub check: Check,
}

/// Criterion as written in the file: one flat table, fields used by its `check`.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCriterion {
    code: Option<String>,
    id: Option<String>,
    article: Option<String>,
    branch: Option<String>,
    branch_label: Option<String>,
    severity: Option<Severity>,
    #[serde(default)]
    subjects: Vec<Subject>,
    check: String,
    #[serde(default)]
    of: Vec<String>,
    years: Option<u32>,
    step: Option<u32>,
    min: Option<Rating>,
    min_level: Option<String>,
    count: Option<u32>,
    within_years: Option<u32>,
    key: Option<String>,
    text: Option<String>,
    #[serde(default)]
    options: Vec<RawCriterion>,
    every_year: Option<Rating>,
    title: Option<String>,
    title_count: Option<u32>,
    excellent_years: Option<u32>,
    percent: Option<u32>,
    max: Option<u32>,
    month: Option<u8>,
    day: Option<u8>,
    year_offset: Option<i32>,
}

/// Converts a top-level criterion; `at` is its field path for errors.
pub(crate) fn convert(file: &str, at: &str, raw: RawCriterion) -> Result<Criterion> {
    let need = |v: Option<String>, f: &str| {
        v.filter(|s| !s.trim().is_empty()).ok_or_else(|| {
            invalid(
                file,
                format!("{at}.{f}"),
                "trường bắt buộc, không được để trống",
            )
        })
    };
    let code = need(raw.code.clone(), "code")?;
    let id = need(raw.id.clone(), "id")?;
    let article = need(raw.article.clone(), "article")?;
    Ok(Criterion {
        code: Code::new(code),
        id,
        article,
        branch: raw.branch.clone(),
        branch_label: raw.branch_label.clone(),
        severity: raw.severity.unwrap_or(Severity::Blocking),
        subjects: raw.subjects.clone(),
        check: convert_check(file, at, raw)?,
    })
}

fn convert_check(file: &str, at: &str, r: RawCriterion) -> Result<Check> {
    let f = |name: &str| format!("{at}.{name}");
    let req = |v: Option<u32>, name: &str| {
        v.ok_or_else(|| {
            invalid(
                file,
                f(name),
                format!("kiểm tra `{}` cần trường này", r.check),
            )
        })
    };
    let codes = |v: &[String]| -> Result<Vec<Code>> {
        if v.is_empty() {
            return Err(invalid(
                file,
                f("of"),
                "cần ít nhất một mã danh hiệu/hình thức",
            ));
        }
        Ok(v.iter().map(Code::new).collect())
    };
    let check = match r.check.as_str() {
        "rating" => Check::Rating {
            min: r
                .min
                .ok_or_else(|| invalid(file, f("min"), "cần mức xếp loại tối thiểu"))?,
        },
        "no_discipline" => Check::NoDiscipline {
            min_level: discipline_level(file, &f("min_level"), r.min_level.as_deref())?,
        },
        "assert" => Check::Assert {
            key: r
                .key
                .clone()
                .ok_or_else(|| invalid(file, f("key"), "cần khóa xác nhận"))?,
            text: r
                .text
                .clone()
                .ok_or_else(|| invalid(file, f("text"), "cần nội dung tiêu chí bằng tiếng Việt"))?,
        },
        "any_of" => {
            if r.options.len() < 2 {
                return Err(invalid(
                    file,
                    f("options"),
                    "any_of cần ít nhất hai lựa chọn",
                ));
            }
            let mut opts = Vec::with_capacity(r.options.len());
            for (i, o) in r.options.into_iter().enumerate() {
                opts.push(convert_check(file, &format!("{at}.options[{i}]"), o)?);
            }
            Check::AnyOf(opts)
        }
        "chain" => Check::Chain {
            of: codes(&r.of)?,
            years: positive(file, &f("years"), req(r.years, "years")?)?,
            step: positive(file, &f("step"), r.step.unwrap_or(1))?,
        },
        "streak" => Check::Streak {
            min: r.min.unwrap_or(Rating::Excellent),
            years: positive(file, &f("years"), req(r.years, "years")?)?,
        },
        "initiative" => Check::Initiative {
            min_level: initiative_level(file, &f("min_level"), r.min_level.as_deref())?,
            count: positive(file, &f("count"), r.count.unwrap_or(1))?,
            within_years: r.within_years.unwrap_or(0),
        },
        "after_award" => Check::AfterAward {
            of: codes(&r.of)?,
            min_years: positive(file, &f("years"), req(r.years, "years")?)?,
            every_year: r.every_year.unwrap_or(Rating::Good),
            title: r.title.clone().map(Code::new),
            title_count: r.title_count.unwrap_or(0),
            excellent_years: r.excellent_years.unwrap_or(0),
        },
        "members_ratio" => Check::MembersRatio {
            of: codes(&r.of)?,
            percent: percent(file, &f("percent"), r.percent)?,
        },
        "members_min_rating" => Check::MembersMinRating {
            min: r.min.unwrap_or(Rating::Completed),
        },
        "members_no_discipline" => Check::MembersNoDiscipline {
            min_level: discipline_level(file, &f("min_level"), r.min_level.as_deref())?,
        },
        "members_with_title" => Check::MembersWithTitle {
            of: codes(&r.of)?,
            count: positive(file, &f("count"), r.count.unwrap_or(1))?,
        },
        "once_per_lifetime" => Check::OncePerLifetime,
        "quota" => Check::Quota {
            max: req(r.max, "max")?,
        },
        "ratio_cap" => Check::RatioCap {
            percent: percent(file, &f("percent"), r.percent)?,
        },
        "deadline" => deadline(file, at, &r)?,
        other => {
            return Err(invalid(
                file,
                f("check"),
                format!(
                    "loại kiểm tra `{other}` không tồn tại; dùng một trong: rating, no_discipline, assert, any_of, chain, streak, initiative, after_award, members_ratio, members_min_rating, members_no_discipline, members_with_title, once_per_lifetime, quota, ratio_cap, deadline"
                ),
            ));
        }
    };
    Ok(check)
}

fn deadline(file: &str, at: &str, r: &RawCriterion) -> Result<Check> {
    let month = r
        .month
        .filter(|m| (1..=12).contains(m))
        .ok_or_else(|| invalid(file, format!("{at}.month"), "tháng phải từ 1 đến 12"))?;
    let day = r
        .day
        .filter(|d| (1..=31).contains(d))
        .ok_or_else(|| invalid(file, format!("{at}.day"), "ngày phải từ 1 đến 31"))?;
    let m = time::Month::try_from(month)
        .map_err(|_| invalid(file, format!("{at}.month"), "tháng không hợp lệ"))?;
    // Validate against a leap year so 29/2 is accepted.
    time::Date::from_calendar_date(2024, m, day)
        .map_err(|_| invalid(file, format!("{at}.day"), "ngày không tồn tại trong tháng"))?;
    Ok(Check::Deadline {
        month,
        day,
        year_offset: r.year_offset.unwrap_or(0),
    })
}

fn positive(file: &str, field: &str, v: u32) -> Result<u32> {
    if v == 0 {
        return Err(invalid(file, field, "phải lớn hơn 0"));
    }
    Ok(v)
}

fn percent(file: &str, field: &str, v: Option<u32>) -> Result<Option<u32>> {
    match v {
        Some(p) if p == 0 || p > 100 => Err(invalid(file, field, "tỷ lệ phải từ 1 đến 100")),
        other => Ok(other),
    }
}

fn discipline_level(file: &str, field: &str, v: Option<&str>) -> Result<DisciplineLevel> {
    Ok(match v.unwrap_or("reprimand") {
        "reprimand" => DisciplineLevel::Reprimand,
        "warning" => DisciplineLevel::Warning,
        "demotion" => DisciplineLevel::Demotion,
        "removal" => DisciplineLevel::Removal,
        "dismissal" => DisciplineLevel::Dismissal,
        _ => {
            return Err(invalid(
                file,
                field,
                "mức kỷ luật phải là reprimand, warning, demotion, removal hoặc dismissal",
            ));
        }
    })
}

fn initiative_level(file: &str, field: &str, v: Option<&str>) -> Result<InitiativeLevel> {
    Ok(match v.unwrap_or("base") {
        "base" => InitiativeLevel::Base,
        "province" => InitiativeLevel::Province,
        "national" => InitiativeLevel::National,
        _ => {
            return Err(invalid(
                file,
                field,
                "cấp sáng kiến phải là base, province hoặc national",
            ));
        }
    })
}

impl Criterion {
    /// True if the criterion applies to `subject`.
    pub fn applies_to(&self, subject: Subject) -> bool {
        self.subjects.is_empty() || self.subjects.contains(&subject)
    }
}

/// Every `Assert` of a check (inside alternatives too), each key once.
pub(crate) fn collect_assertions(check: &Check, out: &mut Vec<(String, String)>) {
    match check {
        Check::Assert { key, text } if !out.iter().any(|(k, _)| k == key) => {
            out.push((key.clone(), text.clone()));
        }
        Check::AnyOf(options) => {
            for o in options {
                collect_assertions(o, out);
            }
        }
        _ => {}
    }
}

impl Check {
    /// Codes this check refers to (for cross-validation against the catalog).
    pub fn referenced_codes(&self) -> Vec<&Code> {
        match self {
            Check::Chain { of, .. }
            | Check::MembersRatio { of, .. }
            | Check::MembersWithTitle { of, .. } => of.iter().collect(),
            Check::AfterAward { of, title, .. } => of.iter().chain(title.iter()).collect(),
            Check::AnyOf(opts) => opts.iter().flat_map(Check::referenced_codes).collect(),
            _ => Vec::new(),
        }
    }
}

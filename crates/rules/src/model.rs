//! Small vocabulary types shared by the catalog, the rule sets, the ledger and the engine:
//! codes, subjects, ratings, levels, jurisdictions, kinds of nomination, procedures.
//! Each enum carries its Vietnamese label for messages.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Stable ASCII identifier of a catalog entry (title, award form or local recognition),
/// e.g. `"CSTDCS"`, `"BK_TINH"`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Code(pub String);

impl Code {
    /// Builds a code from any string-like value.
    pub fn new(s: impl Into<String>) -> Self {
        Code(s.into())
    }
    /// The code as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Code {
    fn from(s: &str) -> Self {
        Code(s.to_owned())
    }
}

/// Who can receive an entry: an individual (cá nhân), a collective (tập thể) or a
/// household (hộ gia đình).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// Cá nhân.
    #[default]
    Individual,
    /// Tập thể (a unit or sub-unit).
    Collective,
    /// Hộ gia đình.
    Household,
}

impl Subject {
    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            Subject::Individual => "cá nhân",
            Subject::Collective => "tập thể",
            Subject::Household => "hộ gia đình",
        }
    }
}

/// Yearly task-completion rating (xếp loại). Ordered: `NotCompleted < Completed < Good < Excellent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// Không hoàn thành nhiệm vụ.
    NotCompleted,
    /// Hoàn thành nhiệm vụ.
    Completed,
    /// Hoàn thành tốt nhiệm vụ.
    Good,
    /// Hoàn thành xuất sắc nhiệm vụ.
    Excellent,
}

impl Rating {
    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            Rating::NotCompleted => "Không hoàn thành nhiệm vụ",
            Rating::Completed => "Hoàn thành nhiệm vụ",
            Rating::Good => "Hoàn thành tốt nhiệm vụ",
            Rating::Excellent => "Hoàn thành xuất sắc nhiệm vụ",
        }
    }
    /// Vietnamese label for "this rating or better".
    pub fn at_least_label(self) -> String {
        match self {
            Rating::Excellent => self.label().to_owned(),
            _ => format!("{} trở lên", self.label()),
        }
    }
}

/// Level of a discipline (hình thức kỷ luật), ordered by severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisciplineLevel {
    /// Khiển trách.
    Reprimand,
    /// Cảnh cáo.
    Warning,
    /// Hạ bậc lương, giáng chức.
    Demotion,
    /// Cách chức.
    Removal,
    /// Buộc thôi việc.
    Dismissal,
}

impl DisciplineLevel {
    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            DisciplineLevel::Reprimand => "khiển trách",
            DisciplineLevel::Warning => "cảnh cáo",
            DisciplineLevel::Demotion => "hạ bậc lương/giáng chức",
            DisciplineLevel::Removal => "cách chức",
            DisciplineLevel::Dismissal => "buộc thôi việc",
        }
    }
}

/// Scope at which an initiative or research work was recognised, ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InitiativeLevel {
    /// Cấp cơ sở.
    Base,
    /// Phạm vi bộ, ngành, tỉnh (recognised by the head of the ministry or province).
    Province,
    /// Phạm vi toàn quốc.
    National,
}

impl InitiativeLevel {
    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            InitiativeLevel::Base => "cấp cơ sở",
            InitiativeLevel::Province => "phạm vi bộ, ngành, tỉnh",
            InitiativeLevel::National => "phạm vi toàn quốc",
        }
    }
}

/// Kind of commendation (loại hình khen thưởng, Law Điều 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NominationKind {
    /// Công trạng và thành tích (merit, usually yearly).
    #[default]
    Merit,
    /// Theo đợt, chuyên đề (campaign or thematic movement).
    Campaign,
    /// Đột xuất (one-off).
    AdHoc,
    /// Quá trình cống hiến (career contribution).
    Career,
    /// Đối ngoại (foreign).
    Foreign,
}

impl NominationKind {
    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            NominationKind::Merit => "công trạng và thành tích",
            NominationKind::Campaign => "theo đợt, chuyên đề",
            NominationKind::AdHoc => "đột xuất",
            NominationKind::Career => "quá trình cống hiến",
            NominationKind::Foreign => "đối ngoại",
        }
    }
    /// Only merit achievements count toward later merit awards (ND 152 / ND 98 Điều 4(3)).
    pub fn counts_for_merit(self) -> bool {
        matches!(self, NominationKind::Merit)
    }
}

/// Procedure of a proposal (thủ tục).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Procedure {
    /// Thủ tục thông thường.
    #[default]
    Standard,
    /// Thủ tục đơn giản (Law Điều 85).
    Simplified,
}

/// Administrative level of a deciding authority, as data (e.g. `"tinh"`, `"xa"`, `"huyen"`,
/// `"trung_uong"`, `"so"`, `"doanh_nghiep"`). Never a fixed enum: levels change (2025 reform).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Level(pub String);

impl Level {
    /// Builds a level from a string.
    pub fn new(s: impl Into<String>) -> Self {
        Level(s.into())
    }
    /// The level id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// Vietnamese label of the well-known levels (the id itself otherwise).
    pub fn label(&self) -> &str {
        match self.0.as_str() {
            "trung_uong" => "trung ương",
            "bo" => "bộ, ban, ngành trung ương",
            "tinh" => "tỉnh, thành phố",
            "so" => "sở, ban, ngành thuộc tỉnh",
            "huyen" => "huyện, quận, thị xã",
            "xa" => "xã, phường, đặc khu",
            "doanh_nghiep" => "doanh nghiệp, hợp tác xã",
            other => other,
        }
    }
}

/// Where a rule set applies: `"VN"` for the whole country, or a province code (`"HN"`, `"HCM"`…).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Jurisdiction(pub String);

impl Jurisdiction {
    /// The national jurisdiction code.
    pub const NATIONAL: &'static str = "VN";
    /// Builds a jurisdiction from a code.
    pub fn new(s: impl Into<String>) -> Self {
        Jurisdiction(s.into())
    }
    /// The whole country.
    pub fn national() -> Self {
        Jurisdiction(Self::NATIONAL.to_owned())
    }
    /// True for the national jurisdiction.
    pub fn is_national(&self) -> bool {
        self.0 == Self::NATIONAL
    }
    /// The code as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Jurisdiction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

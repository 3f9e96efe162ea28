//! The catalog of emulation titles, award forms and local recognitions: what can be given,
//! to whom, by whom, with which dossier, vote and money. Loaded from `data/catalog.toml`
//! (or an administrator's copy) and validated.

use std::collections::BTreeMap;

use serde::Deserialize;
use time::Date;

use crate::error::{Result, RulesError, invalid};
use crate::load::{parse_toml, to_date};
use crate::model::{Code, Jurisdiction, Level, Procedure, Subject};

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// Danh hiệu thi đua (Law Điều 19–20).
    Title,
    /// Hình thức khen thưởng (Law Điều 9).
    Form,
    /// A local recognition outside the Law (Thư khen, Công dân Thủ đô ưu tú…).
    Local,
}

/// Money multiplier in thousandths of the base salary (4.5 → 4500). Exact, no floats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Multiplier(pub u32);

impl Multiplier {
    /// Thousandths of the base salary.
    pub fn thousandths(self) -> u32 {
        self.0
    }
    /// Vietnamese decimal form, e.g. `4,5`.
    pub fn label(self) -> String {
        let whole = self.0 / 1000;
        let frac = self.0 % 1000;
        if frac == 0 {
            return whole.to_string();
        }
        let frac = format!("{frac:03}");
        format!("{whole},{}", frac.trim_end_matches('0'))
    }
}

/// Who may decide an entry at one level, optionally only within a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authority {
    /// Level of the deciding authority (data, e.g. `"tinh"`, `"xa"`, `"huyen"`).
    pub level: Level,
    /// Vietnamese title of the decider, e.g. `"Chủ tịch UBND tỉnh"`.
    pub decider: String,
    /// First day this authority exists for the entry.
    pub from: Option<Date>,
    /// Last day this authority exists for the entry.
    pub until: Option<Date>,
}

impl Authority {
    /// True if the authority can decide on `date`.
    pub fn valid_on(&self, date: Date) -> bool {
        self.from.is_none_or(|f| f <= date) && self.until.is_none_or(|u| date <= u)
    }
}

/// Council vote an entry needs (ND 98 Điều 30(7)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteRule {
    /// No vote.
    None,
    /// More than half of all members.
    Majority,
    /// At least this percentage of all members (not only those present).
    Percent(u32),
}

/// One catalog entry.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogEntry {
    /// Stable ASCII id.
    pub code: Code,
    /// Vietnamese name with diacritics.
    pub name: String,
    /// Title, form or local recognition.
    pub kind: EntryKind,
    /// Rank: higher is more prestigious (used to order roadmaps and batches).
    pub rank: u32,
    /// Who can receive it.
    pub subjects: Vec<Subject>,
    /// False for recognitions outside the Law (no Law money, never a prerequisite).
    pub statutory: bool,
    /// For local recognitions: the only province where it exists.
    pub jurisdiction: Option<Jurisdiction>,
    /// Article that defines it.
    pub article: String,
    /// Considered once a year (a second one for the same year is a double award).
    pub annual: bool,
    /// Earned every year by meeting that year's criteria (LĐTT, CSTĐCS, TTLĐTT, TTLĐXS); the
    /// roadmap assumes it in projected years.
    pub routine: bool,
    /// Deciding authorities by level.
    pub authorities: Vec<Authority>,
    /// Dossier document codes for the standard procedure.
    pub documents_standard: Vec<String>,
    /// Dossier for the simplified procedure; `None` if it is not allowed.
    pub documents_simplified: Option<Vec<String>>,
    /// Council vote needed.
    pub vote: VoteRule,
    /// Multiplier for an individual.
    pub money_individual: Option<Multiplier>,
    /// Multiplier for a collective.
    pub money_collective: Option<Multiplier>,
    /// Explicit household multiplier; otherwise 1.5 × the individual one.
    pub money_household: Option<Multiplier>,
    /// Remark for users (e.g. unverified points).
    pub note: Option<String>,
}

impl CatalogEntry {
    /// True if `subject` can receive this entry.
    pub fn accepts(&self, subject: Subject) -> bool {
        self.subjects.contains(&subject)
    }
    /// Documents required under `procedure`, or `None` if the procedure is not allowed.
    pub fn documents(&self, procedure: Procedure) -> Option<&[String]> {
        match procedure {
            Procedure::Standard => Some(&self.documents_standard),
            Procedure::Simplified => self.documents_simplified.as_deref(),
        }
    }
}

/// The validated catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    entries: Vec<CatalogEntry>,
    index: BTreeMap<Code, usize>,
    documents: BTreeMap<String, String>,
}

impl Catalog {
    /// Parses and validates catalog TOML; `file` names the source in error messages.
    pub fn from_toml(file: &str, text: &str) -> Result<Self> {
        let raw: RawCatalog = parse_toml(file, text)?;
        let mut entries = Vec::with_capacity(raw.entry.len());
        let mut index = BTreeMap::new();
        for (i, e) in raw.entry.into_iter().enumerate() {
            let entry = convert_entry(file, i, e, &raw.documents)?;
            if index.insert(entry.code.clone(), entries.len()).is_some() {
                return Err(invalid(
                    file,
                    format!("entry[{}].code", entry.code),
                    "mã bị trùng; mỗi mục phải có mã riêng",
                ));
            }
            entries.push(entry);
        }
        Ok(Catalog {
            entries,
            index,
            documents: raw.documents,
        })
    }

    /// The entry for `code`.
    pub fn get(&self, code: &Code) -> Result<&CatalogEntry> {
        self.index
            .get(code)
            .and_then(|&i| self.entries.get(i))
            .ok_or_else(|| RulesError::UnknownCode {
                code: code.0.clone(),
            })
    }

    /// The entry for `code`, if any.
    pub fn find(&self, code: &str) -> Option<&CatalogEntry> {
        self.entries.iter().find(|e| e.code.as_str() == code)
    }

    /// All entries, in file order.
    pub fn entries(&self) -> &[CatalogEntry] {
        &self.entries
    }

    /// Vietnamese name of a dossier document code (the code itself if unknown).
    pub fn document_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.documents.get(code).map_or(code, String::as_str)
    }

    /// Vietnamese name of an entry (the code itself if unknown).
    pub fn name_of<'a>(&'a self, code: &'a Code) -> &'a str {
        self.index
            .get(code)
            .and_then(|&i| self.entries.get(i))
            .map_or(code.as_str(), |e| e.name.as_str())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    documents: BTreeMap<String, String>,
    entry: Vec<RawEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    code: String,
    name: String,
    kind: EntryKind,
    rank: u32,
    subjects: Vec<Subject>,
    #[serde(default = "yes")]
    statutory: bool,
    jurisdiction: Option<String>,
    article: String,
    #[serde(default)]
    annual: bool,
    #[serde(default)]
    routine: bool,
    #[serde(default)]
    authority: Vec<RawAuthority>,
    #[serde(default)]
    documents: Vec<String>,
    documents_simplified: Option<Vec<String>>,
    vote_percent: Option<u32>,
    #[serde(default)]
    vote_majority: bool,
    #[serde(default)]
    money: RawMoney,
    note: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAuthority {
    level: String,
    decider: String,
    from: Option<toml::value::Datetime>,
    until: Option<toml::value::Datetime>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawMoney {
    individual: Option<f64>,
    collective: Option<f64>,
    household: Option<f64>,
}

fn convert_entry(
    file: &str,
    i: usize,
    e: RawEntry,
    docs: &BTreeMap<String, String>,
) -> Result<CatalogEntry> {
    let at = |f: &str| {
        format!(
            "entry[{}].{f}",
            if e.code.is_empty() {
                i.to_string()
            } else {
                e.code.clone()
            }
        )
    };
    if e.code.is_empty()
        || !e
            .code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err(invalid(
            file,
            at("code"),
            "mã phải gồm chữ in hoa không dấu, chữ số và dấu gạch dưới, ví dụ \"BK_TINH\"",
        ));
    }
    if e.name.trim().is_empty() {
        return Err(invalid(
            file,
            at("name"),
            "tên tiếng Việt không được để trống",
        ));
    }
    if e.subjects.is_empty() {
        return Err(invalid(
            file,
            at("subjects"),
            "cần ít nhất một đối tượng: individual, collective hoặc household",
        ));
    }
    if e.article.trim().is_empty() {
        return Err(invalid(
            file,
            at("article"),
            "cần trích dẫn điều luật làm căn cứ",
        ));
    }
    if !e.statutory && e.jurisdiction.is_none() {
        return Err(invalid(
            file,
            at("jurisdiction"),
            "hình thức ngoài Luật phải ghi tỉnh/thành phố áp dụng",
        ));
    }
    for d in e
        .documents
        .iter()
        .chain(e.documents_simplified.iter().flatten())
    {
        if !docs.contains_key(d) {
            return Err(invalid(
                file,
                at("documents"),
                format!("tài liệu `{d}` chưa được khai báo trong bảng [documents]"),
            ));
        }
    }
    let vote = match (e.vote_percent, e.vote_majority) {
        (Some(_), true) => {
            return Err(invalid(
                file,
                at("vote_percent"),
                "chỉ chọn một trong vote_percent hoặc vote_majority",
            ));
        }
        (Some(p), false) if p == 0 || p > 100 => {
            return Err(invalid(
                file,
                at("vote_percent"),
                "tỷ lệ biểu quyết phải từ 1 đến 100",
            ));
        }
        (Some(p), false) => VoteRule::Percent(p),
        (None, true) => VoteRule::Majority,
        (None, false) => VoteRule::None,
    };
    let mut authorities = Vec::with_capacity(e.authority.len());
    for (j, a) in e.authority.into_iter().enumerate() {
        let f = at(&format!("authority[{j}]"));
        let from = a
            .from
            .map(|d| to_date(file, &format!("{f}.from"), &d))
            .transpose()?;
        let until = a
            .until
            .map(|d| to_date(file, &format!("{f}.until"), &d))
            .transpose()?;
        if let (Some(x), Some(y)) = (from, until)
            && x > y
        {
            return Err(invalid(
                file,
                f,
                "ngày bắt đầu (from) sau ngày kết thúc (until)",
            ));
        }
        authorities.push(Authority {
            level: Level::new(a.level),
            decider: a.decider,
            from,
            until,
        });
    }
    let money = |v: Option<f64>, f: &str| v.map(|x| multiplier(file, &at(f), x)).transpose();
    Ok(CatalogEntry {
        money_individual: money(e.money.individual, "money.individual")?,
        money_collective: money(e.money.collective, "money.collective")?,
        money_household: money(e.money.household, "money.household")?,
        code: Code::new(e.code),
        name: e.name,
        kind: e.kind,
        rank: e.rank,
        subjects: e.subjects,
        statutory: e.statutory,
        jurisdiction: e.jurisdiction.map(Jurisdiction::new),
        article: e.article,
        annual: e.annual,
        routine: e.routine,
        authorities,
        documents_standard: e.documents,
        documents_simplified: e.documents_simplified,
        vote,
        note: e.note,
    })
}

/// Converts a decimal multiplier from the data file to exact thousandths.
fn multiplier(file: &str, field: &str, x: f64) -> Result<Multiplier> {
    let scaled = x * 1000.0;
    let rounded = scaled.round();
    if !x.is_finite() || !(0.0..=1000.0).contains(&x) || (scaled - rounded).abs() > 1e-6 {
        return Err(invalid(
            file,
            field,
            "hệ số phải là số không âm, tối đa 3 chữ số thập phân, ví dụ 4.5",
        ));
    }
    // In range 0..=1_000_000 by the check above, so the cast is exact.
    Ok(Multiplier(rounded as u32))
}

//! Versioned rule sets with effective dates and jurisdiction, and the resolution of the rules
//! in force on a date: the base of the Law, the national decree set of that date, and the
//! province's own overlays on top.

use std::collections::BTreeMap;

use serde::Deserialize;
use time::Date;

use crate::criteria::{Criterion, RawCriterion, convert};
use crate::error::{Result, RulesError, invalid};
use crate::load::{parse_toml, to_date};
use crate::model::{Code, Jurisdiction, Level};
use crate::text::date_vn;

/// Role of a rule set in the layering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    /// Shared rules (the Law's criteria) used only through `extends`.
    Base,
    /// A national decree set; exactly one is in force on any covered date.
    National,
    /// A province's additions, layered on the national set.
    Local,
}

/// Parameters that LAW.md marks configurable (⚙); later layers override earlier ones.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParamsPatch {
    /// Years the end of a CSTĐ tỉnh window may lag the evaluation year (0 or 1).
    pub window_end_offset: Option<u32>,
    /// May years already used by an earlier award of the same title be reused?
    pub reuse_consumed_years: Option<bool>,
    /// Share of members holding LĐTT needed by collective titles (percent).
    pub collective_ratio_percent: Option<u32>,
    /// Cap of CSTĐCS holders as a percentage of LĐTT holders; 0 removes a cap.
    pub cstdcs_cap_percent: Option<u32>,
}

/// Resolved parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    /// See [`ParamsPatch::window_end_offset`]; default 0.
    pub window_end_offset: u32,
    /// See [`ParamsPatch::reuse_consumed_years`]; default false.
    pub reuse_consumed_years: bool,
    /// See [`ParamsPatch::collective_ratio_percent`]; default 70.
    pub collective_ratio_percent: u32,
    /// See [`ParamsPatch::cstdcs_cap_percent`]; default none.
    pub cstdcs_cap_percent: Option<u32>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            window_end_offset: 0,
            reuse_consumed_years: false,
            collective_ratio_percent: 70,
            cstdcs_cap_percent: None,
        }
    }
}

impl Params {
    fn apply(&mut self, p: &ParamsPatch) {
        if let Some(v) = p.window_end_offset {
            self.window_end_offset = v;
        }
        if let Some(v) = p.reuse_consumed_years {
            self.reuse_consumed_years = v;
        }
        if let Some(v) = p.collective_ratio_percent {
            self.collective_ratio_percent = v;
        }
        if let Some(v) = p.cstdcs_cap_percent {
            self.cstdcs_cap_percent = (v > 0).then_some(v);
        }
    }
}

/// One rule set, as loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    /// Stable id, e.g. `"nd152-2025"`.
    pub id: String,
    /// Vietnamese name.
    pub name: String,
    /// Layer.
    pub layer: Layer,
    /// Where it applies.
    pub jurisdiction: Jurisdiction,
    /// First day in force.
    pub effective_from: Date,
    /// Last day in force, if it ended.
    pub effective_to: Option<Date>,
    /// Id of the base set whose criteria it includes.
    pub extends: Option<String>,
    /// Levels that no longer decide anything while this set is in force.
    pub abolished_levels: Vec<Level>,
    /// Parameter overrides.
    pub params: ParamsPatch,
    /// Articles for the general checks (keys: `blocking`, `double_award`, `initiative_use`,
    /// `authority`, `vote`, `dossier`, `money`, `merit_only`).
    pub articles: BTreeMap<String, String>,
    /// Criteria per entry.
    pub criteria: Vec<Criterion>,
    /// `CODE/id` of inherited criteria this set switches off.
    pub disable: Vec<String>,
}

impl RuleSet {
    /// True if in force on `date`.
    pub fn in_force_on(&self, date: Date) -> bool {
        self.effective_from <= date && self.effective_to.is_none_or(|t| date <= t)
    }

    /// Parses and validates one rule-set TOML file.
    pub fn from_toml(file: &str, text: &str) -> Result<Self> {
        let raw: RawRuleSet = parse_toml(file, text)?;
        let effective_from = to_date(file, "effective_from", &raw.effective_from)?;
        let effective_to = raw
            .effective_to
            .map(|d| to_date(file, "effective_to", &d))
            .transpose()?;
        if effective_to.is_some_and(|t| t < effective_from) {
            return Err(invalid(
                file,
                "effective_to",
                "ngày hết hiệu lực trước ngày có hiệu lực",
            ));
        }
        if raw.id.trim().is_empty() {
            return Err(invalid(file, "id", "cần mã bộ quy tắc"));
        }
        if let Some(w) = raw.params.window_end_offset
            && w > 1
        {
            return Err(invalid(
                file,
                "params.window_end_offset",
                "chỉ nhận 0 hoặc 1",
            ));
        }
        if let Some(p) = raw.params.collective_ratio_percent
            && (p == 0 || p > 100)
        {
            return Err(invalid(
                file,
                "params.collective_ratio_percent",
                "tỷ lệ phải từ 1 đến 100",
            ));
        }
        let mut criteria = Vec::with_capacity(raw.criteria.len());
        for (i, c) in raw.criteria.into_iter().enumerate() {
            let crit = convert(file, &format!("criteria[{i}]"), c)?;
            if criteria
                .iter()
                .any(|k: &Criterion| k.code == crit.code && k.id == crit.id)
            {
                return Err(invalid(
                    file,
                    format!("criteria[{i}].id"),
                    format!("mã tiêu chí `{}` của `{}` bị trùng", crit.id, crit.code),
                ));
            }
            criteria.push(crit);
        }
        Ok(RuleSet {
            id: raw.id,
            name: raw.name,
            layer: raw.layer,
            jurisdiction: Jurisdiction::new(raw.jurisdiction),
            effective_from,
            effective_to,
            extends: raw.extends,
            abolished_levels: raw.abolished_levels.into_iter().map(Level::new).collect(),
            params: raw.params,
            articles: raw.articles,
            criteria,
            disable: raw.disable,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRuleSet {
    id: String,
    name: String,
    layer: Layer,
    jurisdiction: String,
    effective_from: toml::value::Datetime,
    effective_to: Option<toml::value::Datetime>,
    extends: Option<String>,
    #[serde(default)]
    abolished_levels: Vec<String>,
    #[serde(default)]
    params: ParamsPatch,
    #[serde(default)]
    articles: BTreeMap<String, String>,
    #[serde(default)]
    criteria: Vec<RawCriterion>,
    #[serde(default)]
    disable: Vec<String>,
}

/// All rule sets known to the system.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RuleBook {
    sets: Vec<RuleSet>,
}

/// The rules in force for one date and jurisdiction: borrowed layers, merged.
#[derive(Debug, Clone)]
pub struct ResolvedRules<'a> {
    /// Layers applied, base first.
    pub layers: Vec<&'a RuleSet>,
    /// Merged parameters.
    pub params: Params,
    /// Levels abolished on the date.
    pub abolished_levels: Vec<&'a Level>,
    articles: BTreeMap<&'a str, &'a str>,
    criteria: BTreeMap<&'a Code, Vec<&'a Criterion>>,
    /// The date resolved for.
    pub date: Date,
    /// The jurisdiction resolved for.
    pub jurisdiction: Jurisdiction,
}

impl<'a> ResolvedRules<'a> {
    /// Criteria of `code`, in file order, after overlays and `disable`.
    pub fn criteria(&self, code: &Code) -> &[&'a Criterion] {
        self.criteria.get(code).map_or(&[], Vec::as_slice)
    }
    /// Article for a general check key, or a generic reference.
    pub fn article(&self, key: &str) -> &'a str {
        self.articles
            .get(key)
            .copied()
            .unwrap_or("Luật Thi đua, khen thưởng 2022")
    }
    /// Ids of the applied rule sets, base first (for the audit trail).
    pub fn ids(&self) -> Vec<&'a str> {
        self.layers.iter().map(|l| l.id.as_str()).collect()
    }
    /// Vietnamese names of the applied rule sets.
    pub fn names(&self) -> Vec<&'a str> {
        self.layers.iter().map(|l| l.name.as_str()).collect()
    }
}

impl RuleBook {
    /// Builds a rule book, checking ids, `extends` and national overlaps.
    pub fn new(sets: Vec<RuleSet>) -> Result<Self> {
        for (i, s) in sets.iter().enumerate() {
            let file = format!("rule set {}", s.id);
            if sets[..i].iter().any(|o| o.id == s.id) {
                return Err(invalid(&file, "id", "mã bộ quy tắc bị trùng"));
            }
            if let Some(base) = &s.extends
                && !sets.iter().any(|o| &o.id == base && o.layer == Layer::Base)
            {
                return Err(invalid(
                    &file,
                    "extends",
                    format!("không tìm thấy bộ quy tắc nền `{base}`"),
                ));
            }
            if s.layer == Layer::National && !s.jurisdiction.is_national() {
                return Err(invalid(
                    &file,
                    "jurisdiction",
                    "bộ quy tắc quốc gia phải có jurisdiction = \"VN\"",
                ));
            }
            if s.layer == Layer::Local && s.jurisdiction.is_national() {
                return Err(invalid(
                    &file,
                    "jurisdiction",
                    "bộ quy tắc địa phương phải ghi mã tỉnh/thành phố",
                ));
            }
            let overlaps = sets[..i]
                .iter()
                .any(|o| o.layer == Layer::National && s.layer == Layer::National && overlap(o, s));
            if overlaps {
                return Err(invalid(
                    &file,
                    "effective_from",
                    "thời gian hiệu lực chồng lấn với một bộ quy tắc quốc gia khác",
                ));
            }
        }
        Ok(RuleBook { sets })
    }

    /// All rule sets.
    pub fn sets(&self) -> &[RuleSet] {
        &self.sets
    }

    /// The rules in force on `date` in `jurisdiction`: base (via `extends`), then the national
    /// set of that date, then the province's overlays in force, oldest first.
    pub fn in_force(&self, date: Date, jurisdiction: &Jurisdiction) -> Result<ResolvedRules<'_>> {
        let national = self
            .sets
            .iter()
            .find(|s| s.layer == Layer::National && s.in_force_on(date))
            .ok_or_else(|| RulesError::NoRuleSet {
                date: date_vn(date),
                jurisdiction: jurisdiction.0.clone(),
            })?;
        let mut layers: Vec<&RuleSet> = Vec::new();
        if let Some(base) = national
            .extends
            .as_ref()
            .and_then(|b| self.sets.iter().find(|s| &s.id == b))
        {
            layers.push(base);
        }
        layers.push(national);
        let mut locals: Vec<&RuleSet> = self
            .sets
            .iter()
            .filter(|s| {
                s.layer == Layer::Local && &s.jurisdiction == jurisdiction && s.in_force_on(date)
            })
            .collect();
        locals.sort_by_key(|s| s.effective_from);
        layers.extend(locals);
        Ok(merge_layers(layers, date, jurisdiction))
    }
}

fn overlap(a: &RuleSet, b: &RuleSet) -> bool {
    let a_end = a.effective_to.unwrap_or(Date::MAX);
    let b_end = b.effective_to.unwrap_or(Date::MAX);
    a.effective_from <= b_end && b.effective_from <= a_end
}

fn merge_layers<'a>(
    layers: Vec<&'a RuleSet>,
    date: Date,
    jurisdiction: &Jurisdiction,
) -> ResolvedRules<'a> {
    let mut params = Params::default();
    let mut articles = BTreeMap::new();
    let mut abolished: Vec<&Level> = Vec::new();
    let mut criteria: BTreeMap<&Code, Vec<&Criterion>> = BTreeMap::new();
    for layer in &layers {
        params.apply(&layer.params);
        for (k, v) in &layer.articles {
            articles.insert(k.as_str(), v.as_str());
        }
        abolished.extend(layer.abolished_levels.iter());
        for off in &layer.disable {
            if let Some((code, id)) = off.split_once('/') {
                for list in criteria.values_mut() {
                    list.retain(|c| !(c.code.as_str() == code && c.id == id));
                }
            }
        }
        for c in &layer.criteria {
            let list = criteria.entry(&c.code).or_default();
            match list.iter_mut().find(|k| k.id == c.id) {
                Some(slot) => *slot = c,
                None => list.push(c),
            }
        }
    }
    ResolvedRules {
        layers,
        params,
        abolished_levels: abolished,
        articles,
        criteria,
        date,
        jurisdiction: jurisdiction.clone(),
    }
}

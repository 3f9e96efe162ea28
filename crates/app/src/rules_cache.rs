//! The rules of each organisation: built with `Rules::from_sources` from its edited copies of the
//! data files and the shipped files, cached in memory per organisation. The cache entry carries a
//! stamp of the organisation's saved versions, re-read cheaply on every request, so an edit saved on
//! any app node is seen by every node on its next request.

use crate::error::{Error, Result};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, RwLock};
use thidua_rules::{Rules, bundled};
use thidua_store::rule_sources::{self, RuleSourceRow};
use thidua_store::{Db, Tx};

/// The data files an organisation may edit, in the order `Rules::from_sources` reads them: the
/// catalog, the rule sets, the base salaries.
pub fn shipped_files() -> Vec<(&'static str, &'static str)> {
    let mut out = vec![bundled::CATALOG];
    out.extend(bundled::RULE_SETS.iter().copied());
    out.push(bundled::BASE_SALARY);
    out
}

/// The rules as shipped with the binary, built once. Only for places that have no organisation at hand
/// (the public honour roll's search by award name, which spans organisations); everything else reads
/// [`rules_for`] or [`rules_in`].
pub fn shipped() -> Result<&'static Rules> {
    static SHIPPED: LazyLock<Result<Rules, String>> =
        LazyLock::new(|| Rules::bundled().map_err(|e| e.to_string()));
    SHIPPED
        .as_ref()
        .map_err(|e| Error::Internal(anyhow::anyhow!("rules data: {e}")))
}

/// The shipped text of a file, if it is one of the data files.
pub fn shipped_text(name: &str) -> Option<&'static str> {
    shipped_files()
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| t)
}

/// Every data file with the text in force: the organisation's copy when it has one, else the
/// shipped text. `replace` substitutes one file's text (to check an edit before saving it).
pub fn sources<'a>(
    copies: &'a [RuleSourceRow],
    replace: Option<(&str, &'a str)>,
) -> Vec<(&'static str, &'a str)> {
    shipped_files()
        .into_iter()
        .map(|(name, shipped)| {
            let text = match replace {
                Some((n, t)) if n == name => t,
                _ => copies
                    .iter()
                    .find(|c| c.file_name == name)
                    .and_then(|c| c.text.as_deref())
                    .unwrap_or(shipped),
            };
            (name, text)
        })
        .collect()
}

/// Builds the rules from files in `shipped_files` order.
pub fn build(files: &[(&str, &str)]) -> Result<Rules, thidua_rules::RulesError> {
    let (Some(catalog), Some(salaries)) = (files.first(), files.last()) else {
        return Rules::bundled();
    };
    let sets = &files[1..files.len().saturating_sub(1)];
    Rules::from_sources(*catalog, sets, *salaries)
}

/// Built rules per organisation, each with the stamp of the saved versions it was built from.
#[derive(Default)]
pub struct RulesCache {
    map: RwLock<HashMap<String, (String, Arc<Rules>)>>,
}

impl RulesCache {
    /// The cached rules of `org_id` if they were built from the versions `stamp` describes.
    pub fn get(&self, org_id: &str, stamp: &str) -> Option<Arc<Rules>> {
        let map = self.map.read().unwrap_or_else(|e| e.into_inner());
        map.get(org_id)
            .filter(|(s, _)| s == stamp)
            .map(|(_, r)| r.clone())
    }

    /// Remembers the rules built for `stamp`.
    pub fn put(&self, org_id: &str, stamp: String, rules: Arc<Rules>) {
        let mut map = self.map.write().unwrap_or_else(|e| e.into_inner());
        map.insert(org_id.to_string(), (stamp, rules));
    }

    /// Forgets an organisation's rules (after a save on this node).
    pub fn invalidate(&self, org_id: &str) {
        let mut map = self.map.write().unwrap_or_else(|e| e.into_inner());
        map.remove(org_id);
    }
}

static CACHE: LazyLock<RulesCache> = LazyLock::new(RulesCache::default);

/// The process-wide cache.
pub fn cache() -> &'static RulesCache {
    &CACHE
}

/// The message when an organisation's saved copies no longer load (e.g. after an upgrade changed
/// the format): the administrator fixes or restores the file.
fn broken(e: &thidua_rules::RulesError) -> Error {
    Error::Rejected(format!(
        "Dữ liệu quy tắc đã sửa của đơn vị không dùng được: {e}. Quản trị viên hãy sửa tệp hoặc dùng lại bản gốc tại trang Danh mục."
    ))
}

/// The rules in force for `org_id`, inside an open transaction.
pub async fn rules_in(tx: &mut Tx, org_id: &str) -> Result<Arc<Rules>> {
    let stamp = rule_sources::stamp(tx, org_id).await?;
    if let Some(r) = cache().get(org_id, &stamp) {
        return Ok(r);
    }
    let copies = rule_sources::latest_all(tx, org_id).await?;
    let rules = Arc::new(build(&sources(&copies, None)).map_err(|e| broken(&e))?);
    cache().put(org_id, stamp, rules.clone());
    Ok(rules)
}

/// The rules in force for `org_id`.
pub async fn rules_for(db: &Db, org_id: &str) -> Result<Arc<Rules>> {
    let mut tx = db.begin_read().await?;
    let r = rules_in(&mut tx, org_id).await?;
    tx.commit().await?;
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(name: &str, version: i64, text: Option<&str>) -> RuleSourceRow {
        RuleSourceRow::new(
            "org",
            name,
            version,
            text.map(str::to_string),
            None,
            (None, "Quản trị".into()),
        )
    }

    #[test]
    fn stale_stamp_misses_and_invalidate_forgets() {
        let cache = RulesCache::default();
        let shipped = Arc::new(Rules::bundled().unwrap());
        cache.put("org", "0:".into(), shipped.clone());
        assert!(cache.get("org", "0:").is_some());
        // Another node saved a version: the stamp read from the database differs.
        assert!(cache.get("org", "1:abc").is_none());
        assert!(cache.get("other", "0:").is_none());
        cache.invalidate("org");
        assert!(cache.get("org", "0:").is_none());
    }

    #[test]
    fn copies_replace_shipped_files_and_shipped_restores() {
        let salary = "[[base_salary]]\nfrom = 2024-07-01\namount = 3000000\nsource = \"Thử\"\n";
        let copies = vec![
            copy("base_salary.toml", 1, Some(salary)),
            copy("ruleset_hn.toml", 2, None),
        ];
        let files = sources(&copies, None);
        assert_eq!(files.len(), 2 + bundled::RULE_SETS.len());
        assert_eq!(files.last().map(|f| f.1), Some(salary));
        assert_eq!(
            shipped_text("ruleset_hn.toml"),
            files.iter().find(|f| f.0 == "ruleset_hn.toml").map(|f| f.1)
        );
        let rules = build(&files).unwrap();
        let rows = rules.salaries().rows();
        assert_eq!(rows.last().map(|r| r.amount), Some(3_000_000));
        // Checking an edit replaces just that file.
        let broken = sources(&copies, Some(("catalog.toml", "[[entry]]\ncode = 1\n")));
        assert!(matches!(
            build(&broken),
            Err(thidua_rules::RulesError::Parse { .. })
        ));
    }
}

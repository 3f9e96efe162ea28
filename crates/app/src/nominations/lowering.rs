//! Accepting a nomination for a lower form: only a form this body decides, or one a body above it
//! decides (then forwarded). A form only a lower body decides (a city lowering its Bằng khen to a
//! ward chairman's Giấy khen) is not offered: the dossier goes back to the unit, which has it decided
//! in its own organisation — otherwise it would stay "passed" here with no one able to decide it.

use crate::Caller;
use crate::decisions::{authority, body_level, subject_of};
use crate::error::Result;
use thidua_rules::Rules;
use thidua_store::Db;
use thidua_store::nominations::NominationRow;

/// How high a catalog authority level sits (smaller is higher); unknown levels count as lowest.
fn height(level: &str) -> u8 {
    match level {
        "trung_uong" => 0,
        "bo" | "tinh" => 1,
        "so" | "huyen" | "don_vi_thuoc_bo" => 2,
        "xa" | "doanh_nghiep" => 3,
        _ => 4,
    }
}

/// `Ok(())` when a body at `level` may accept a dossier for `code` on `date`: it decides it, or a
/// body above it does. Otherwise the deciders, for the message.
pub fn reachable(rules: &Rules, code: &str, level: &str, date: time::Date) -> Result<(), String> {
    let Err(deciders) = authority(rules, code, level, date) else {
        return Ok(());
    };
    let above = rules.catalog().find(code).is_some_and(|e| {
        e.authorities
            .iter()
            .any(|a| a.valid_on(date) && height(a.level.as_str()) < height(level))
    });
    if above { Ok(()) } else { Err(deciders) }
}

/// The lower forms the office may accept `row` for today: ranked below the form asked, for this kind
/// of nominee, and decided by this body or one above it. (code, name), in catalog order.
pub async fn lower_forms(
    db: &Db,
    caller: &Caller,
    rules: &Rules,
    row: &NominationRow,
) -> Result<Vec<(String, String)>> {
    let mut tx = db.begin_read().await?;
    let level = body_level(&mut tx, caller.org_id()).await?;
    tx.commit().await?;
    let catalog = rules.catalog();
    let asked_rank = catalog
        .find(row.original_code.as_deref().unwrap_or(&row.code))
        .map_or(0, |e| e.rank);
    let today = crate::today();
    Ok(catalog
        .entries()
        .iter()
        .filter(|e| e.rank < asked_rank && e.accepts(subject_of(&row.nominee_type)))
        .filter(|e| reachable(rules, e.code.as_str(), &level, today).is_ok())
        .map(|e| (e.code.as_str().to_string(), e.name.clone()))
        .collect())
}

/// The message when a lower form is decided only below this body.
pub fn refusal(form: &str, deciders: &str, unit: &str) -> String {
    format!(
        "«{form}» do {deciders} quyết định, không thuộc thẩm quyền của cơ quan này hay cấp trên. Hãy trả hồ sơ để {unit} xét khen thưởng «{form}» theo thẩm quyền của mình."
    )
}

#[cfg(test)]
mod tests {
    use super::height;

    #[test]
    fn a_province_sits_above_a_commune() {
        assert!(height("tinh") < height("xa"));
        assert!(height("trung_uong") < height("tinh"));
        assert!(height("huyen") < height("xa"));
    }
}

//! Use cases of the rules data files (issue 4: catalog and rule sets, read; edit for administrators,
//! audited). An organisation edits a copy of a shipped file; every save is a new version, checked
//! with `Rules::from_sources` against the other files in force before anything is written, so the
//! rules in force always load. Old versions stay readable and can be restored, as can the shipped file.

use super::rules_cache::{build, cache, shipped_files, shipped_text, sources};
use crate::Audit;
use crate::Caller;
use crate::error::{Error, Result};
use serde::Serialize;
use thidua_domain::Validation;
use thidua_domain::policy::Action;
use thidua_rules::RulesError;
use thidua_store::Db;
use thidua_store::rule_sources::{self, RuleSourceRow};

/// Largest accepted file text, in bytes.
const MAX_TEXT: usize = 1024 * 1024;

/// What a data file holds, in Vietnamese.
pub fn file_label(name: &str) -> String {
    match name {
        "catalog.toml" => "Danh mục danh hiệu thi đua, hình thức khen thưởng".into(),
        "base_salary.toml" => "Mức lương cơ sở theo thời gian".into(),
        "ruleset_luat_2022.toml" => "Bộ quy tắc gốc theo Luật Thi đua, khen thưởng 2022".into(),
        "ruleset_nd98_2023.toml" => "Bộ quy tắc theo Nghị định 98/2023/NĐ-CP".into(),
        "ruleset_nd152_2025.toml" => "Bộ quy tắc theo Nghị định 152/2025/NĐ-CP".into(),
        "ruleset_hn.toml" => "Quy định riêng của Hà Nội".into(),
        "ruleset_hcm.toml" => "Quy định riêng của TP. Hồ Chí Minh".into(),
        "ruleset_bn.toml" => "Quy định riêng của Bắc Ninh".into(),
        other => format!("Bộ quy tắc {other}"),
    }
}

/// A data file as in force for the organisation.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FileInfo {
    /// File name, e.g. `catalog.toml`.
    pub name: String,
    /// What it holds, in Vietnamese.
    pub label: String,
    /// True when the organisation's edited copy is in force (false: the shipped file).
    pub edited: bool,
    /// Latest saved version (0: never saved). Send it back when saving; a stale one gives 409.
    pub version: i64,
    /// Who saved the latest version.
    pub saved_by: Option<String>,
    /// When (RFC 3339, UTC).
    pub saved_at: Option<String>,
    pub note: Option<String>,
}

fn info(name: &str, latest: Option<&RuleSourceRow>) -> FileInfo {
    FileInfo {
        name: name.to_string(),
        label: file_label(name),
        edited: latest.is_some_and(|r| r.text.is_some()),
        version: latest.map_or(0, |r| r.version),
        saved_by: latest.map(|r| r.created_by_name.clone()),
        saved_at: latest.map(|r| r.created_at.clone()),
        note: latest.and_then(|r| r.note.clone()),
    }
}

/// Every data file with what is in force.
pub async fn files(db: &Db, caller: &Caller) -> Result<Vec<FileInfo>> {
    caller.authorize(Action::ViewRuleFiles {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let copies = rule_sources::latest_all(&mut tx, caller.org_id()).await?;
    tx.commit().await?;
    Ok(shipped_files()
        .into_iter()
        .map(|(name, _)| info(name, copies.iter().find(|c| c.file_name == name)))
        .collect())
}

/// One file: its text in force and every saved version (newest first).
#[derive(Debug, Clone)]
pub struct FileDetail {
    pub info: FileInfo,
    pub text: String,
    pub history: Vec<RuleSourceRow>,
}

fn known(name: &str) -> Result<&'static str> {
    shipped_text(name).ok_or(Error::NotFound)
}

pub async fn file(db: &Db, caller: &Caller, name: &str) -> Result<FileDetail> {
    caller.authorize(Action::ViewRuleFiles {
        org_id: caller.org_id(),
    })?;
    let shipped = known(name)?;
    let mut tx = db.begin().await?;
    let history = rule_sources::history(&mut tx, caller.org_id(), name).await?;
    tx.commit().await?;
    let text = history
        .first()
        .and_then(|r| r.text.clone())
        .unwrap_or_else(|| shipped.to_string());
    Ok(FileDetail {
        info: info(name, history.first()),
        text,
        history,
    })
}

/// One saved version; its text is the shipped text when that version restored the shipped file.
pub async fn version(
    db: &Db,
    caller: &Caller,
    name: &str,
    version: i64,
) -> Result<(RuleSourceRow, String)> {
    caller.authorize(Action::ViewRuleFiles {
        org_id: caller.org_id(),
    })?;
    let shipped = known(name)?;
    let mut tx = db.begin_read().await?;
    let row = rule_sources::get_version(&mut tx, caller.org_id(), name, version).await?;
    tx.commit().await?;
    let text = row.text.clone().unwrap_or_else(|| shipped.to_string());
    Ok((row, text))
}

/// The line a rules error points at: the TOML parser's position, or the line that names the
/// entry of a field path such as `entry[CSTDCS].money`.
fn error_line(e: &RulesError, text: &str) -> Option<usize> {
    match e {
        RulesError::Parse { message, .. } => {
            let rest = &message[message.find("line ")? + 5..];
            rest.split(|c: char| !c.is_ascii_digit())
                .next()?
                .parse()
                .ok()
        }
        RulesError::Invalid { field, .. } => {
            let key = field.split('[').nth(1)?.split(']').next()?;
            if key.is_empty() || key.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let quoted = format!("\"{key}\"");
            text.lines()
                .position(|l| l.contains(&quoted))
                .map(|i| i + 1)
        }
        _ => None,
    }
}

/// A rules error as a message on the `text` field, naming the file, the field and the line.
pub fn refusal(name: &str, text: &str, e: &RulesError) -> Validation {
    let summary = match e {
        // The parser's message spans several lines (a source excerpt); keep the gist.
        RulesError::Parse { file, message } => {
            let hint = message.split(':').next().unwrap_or_default();
            let detail = message
                .lines()
                .rev()
                .map(str::trim)
                .find(|l| !l.is_empty() && !l.starts_with('|') && !l.contains('|'))
                .unwrap_or_default();
            format!("Tệp {file}: không đọc được dữ liệu — {hint}: {detail}")
        }
        other => other.to_string(),
    };
    let message = match error_line(e, text) {
        Some(line) => format!("{summary} (dòng {line})"),
        None => summary,
    };
    let mut v = Validation::new();
    v.add("text", &format!("Nội dung tệp {name}"), message);
    v
}

/// Normalises a text typed in a browser (CRLF line ends) and checks its size.
fn clean(name: &str, text: &str) -> Result<String, Validation> {
    let text = text.replace("\r\n", "\n");
    let mut v = Validation::new();
    if text.trim().is_empty() {
        v.add(
            "text",
            &format!("Nội dung tệp {name}"),
            "Nội dung tệp không được để trống; để dùng lại tệp gốc, hãy bấm «Dùng lại bản gốc».",
        );
    } else if text.len() > MAX_TEXT {
        v.add(
            "text",
            &format!("Nội dung tệp {name}"),
            format!(
                "Nội dung tệp dài {} KB, tối đa {} KB.",
                text.len() / 1024,
                MAX_TEXT / 1024
            ),
        );
    }
    v.finish(text)
}

/// Checks an edited text with the organisation's other files in force, without saving.
pub async fn check(db: &Db, caller: &Caller, name: &str, text: &str) -> Result<()> {
    caller.authorize(Action::EditRuleFiles {
        org_id: caller.org_id(),
    })?;
    known(name)?;
    let text = clean(name, text)?;
    let mut tx = db.begin().await?;
    let copies = rule_sources::latest_all(&mut tx, caller.org_id()).await?;
    tx.commit().await?;
    build(&sources(&copies, Some((name, &text)))).map_err(|e| refusal(name, &text, &e))?;
    Ok(())
}

/// Saves a new version of a file if nobody saved one since `version` was read.
pub async fn save(
    db: &Db,
    caller: &Caller,
    name: &str,
    text: &str,
    version: i64,
) -> Result<RuleSourceRow> {
    known(name)?;
    let text = clean(name, text)?;
    store(
        db,
        caller,
        name,
        Some(text),
        version,
        None,
        "rules.file.update",
    )
    .await
}

/// Puts an old version back in force (`from` = its number), or the shipped file (`from` = None), as a
/// new version.
pub async fn restore(
    db: &Db,
    caller: &Caller,
    name: &str,
    from: Option<i64>,
    version: i64,
) -> Result<RuleSourceRow> {
    caller.authorize(Action::EditRuleFiles {
        org_id: caller.org_id(),
    })?;
    known(name)?;
    let (text, note) = match from {
        None => (None, "Dùng lại bản gốc".to_string()),
        Some(v) => {
            let mut tx = db.begin().await?;
            let row = rule_sources::get_version(&mut tx, caller.org_id(), name, v).await?;
            tx.commit().await?;
            (row.text, format!("Khôi phục bản {v}"))
        }
    };
    store(
        db,
        caller,
        name,
        text,
        version,
        Some(note),
        "rules.file.restore",
    )
    .await
}

/// The audit record of a version: the text itself, or a note that the shipped file is in force.
#[derive(Serialize)]
struct Audited<'a> {
    version: i64,
    text: &'a str,
}

async fn store(
    db: &Db,
    caller: &Caller,
    name: &str,
    text: Option<String>,
    version: i64,
    note: Option<String>,
    action: &str,
) -> Result<RuleSourceRow> {
    caller.authorize(Action::EditRuleFiles {
        org_id: caller.org_id(),
    })?;
    let shipped = known(name)?;
    let mut tx = db.begin().await?;
    let copies = rule_sources::latest_all(&mut tx, caller.org_id()).await?;
    let current = copies.iter().find(|c| c.file_name == name);
    let current_version = current.map_or(0, |c| c.version);
    if version != current_version {
        return Err(Error::Conflict);
    }
    let before_text = current.and_then(|c| c.text.as_deref()).unwrap_or(shipped);
    let new_text = text.as_deref().unwrap_or(shipped);
    if new_text == before_text {
        let mut v = Validation::new();
        v.add(
            "text",
            &format!("Nội dung tệp {name}"),
            "Nội dung không khác bản đang áp dụng; không có gì để lưu.",
        );
        return Err(Error::Invalid(v));
    }
    build(&sources(&copies, Some((name, new_text)))).map_err(|e| refusal(name, new_text, &e))?;
    let row = RuleSourceRow::new(
        caller.org_id(),
        name,
        current_version + 1,
        text.clone(),
        note,
        (caller.user_ref(), caller.author()),
    );
    rule_sources::insert(&mut tx, &row).await?;
    let before = Audited {
        version: current_version,
        text: before_text,
    };
    let after = Audited {
        version: row.version,
        text: new_text,
    };
    Audit::new(action, "rule_file", name, &file_label(name))
        .before(&before)
        .after(&after)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    cache().invalidate(caller.org_id());
    Ok(row)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusal_names_file_field_and_line() {
        let text = "[[base_salary]]\nfrom = 2024-07-01\namount = \"nhiều\"\nsource = \"x\"\n";
        let e = build(&sources(&[], Some(("base_salary.toml", text)))).unwrap_err();
        let v = refusal("base_salary.toml", text, &e);
        let msg = v.message_for("text").unwrap();
        assert!(
            msg.starts_with("Tệp base_salary.toml: không đọc được dữ liệu — sai kiểu dữ liệu"),
            "{msg}"
        );
        assert!(msg.ends_with("(dòng 3)"), "{msg}");
        assert!(!msg.contains('\n'), "{msg}");

        let catalog = shipped_text("catalog.toml")
            .unwrap()
            .replacen("rank = 10", "rank = -1", 1);
        let e = build(&sources(&[], Some(("catalog.toml", &catalog)))).unwrap_err();
        let msg = refusal("catalog.toml", &catalog, &e)
            .message_for("text")
            .unwrap()
            .to_string();
        assert!(msg.contains("Tệp catalog.toml"), "{msg}");
    }
}

//! A nomination's own papers, so a ward need not type them: the achievement report (*báo cáo thành
//! tích*, in the shape of the decree's forms, with the titles and awards already held from the ledger)
//! and the nominating unit's Tờ trình to the office with its nominees in the same campaign; for those
//! who may see the nomination.

use super::{DocFile, Format, letterhead, number_line};
use crate::Caller;
use crate::doc_settings::{self, DocSettings};
use crate::error::Result;
use crate::nominations::{NominationView, visible_with};
use crate::rules_cache::rules_in;
use thidua_docs::kinds::report::{Held, Report};
use thidua_docs::kinds::submission::{Nominee, Submission};
use thidua_docs::model::Signature;
use thidua_docs::text::{dmy, parse_iso};
use thidua_rules::EntryKind;
use thidua_store::ledger::StoredLedger;
use thidua_store::persons::PersonRow;
use thidua_store::{Db, ledger, persons, units};

/// Everything the two papers are made of.
pub struct Dossier {
    pub n: NominationView,
    pub person: Option<PersonRow>,
    pub history: Option<StoredLedger>,
    /// The nominating unit's parent's name (the confirming body).
    pub parent_unit: String,
    pub rules: std::sync::Arc<thidua_rules::Rules>,
}

/// The titles (`titles` true) or the other awards held, from the ledger.
fn held(d: &Dossier, titles: bool) -> Vec<Held> {
    let Some(h) = &d.history else {
        return Vec::new();
    };
    let is_title = |code: &str| {
        d.rules
            .catalog()
            .find(code)
            .is_some_and(|e| e.kind == EntryKind::Title)
    };
    h.awards
        .iter()
        .filter(|a| is_title(&a.code) == titles)
        .map(|a| Held {
            year: a.year as i32,
            name: crate::nominations::code_name(&d.rules, &a.code),
            decision: [
                a.decision_no
                    .as_deref()
                    .map(|n| format!("Quyết định số {n}")),
                a.decision_date
                    .as_deref()
                    .and_then(parse_iso)
                    .map(|x| format!("ngày {}", dmy(x))),
                a.issuer.clone(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", "),
        })
        .collect()
}

fn particulars(d: &Dossier) -> Vec<(String, String)> {
    let n = &d.n;
    let mut out = vec![(
        if n.row.nominee_type == "unit" {
            "Tên tập thể"
        } else {
            "Họ và tên"
        }
        .to_string(),
        n.nominee_name.clone(),
    )];
    if let Some(p) = &d.person {
        if let Some(b) = p.birth_date.as_deref().and_then(parse_iso) {
            out.push(("Sinh ngày, tháng, năm".into(), dmy(b)));
        }
        let gender = match p.gender.as_str() {
            "female" => "Nữ",
            "male" => "Nam",
            _ => "",
        };
        if !gender.is_empty() {
            out.push(("Giới tính".into(), gender.into()));
        }
        if let Some(pos) = p.position.as_deref().filter(|x| !x.trim().is_empty()) {
            out.push(("Chức vụ".into(), pos.into()));
        }
    }
    out.push((
        "Đơn vị công tác / đơn vị đề nghị".into(),
        n.unit_name.clone(),
    ));
    out.push(("Năm thành tích".into(), n.row.year.to_string()));
    out
}

/// The achievement report laid out.
pub fn report_layout(d: &Dossier, s: &DocSettings) -> Report {
    let n = &d.n;
    let collective = n.row.nominee_type == "unit";
    let mut head = letterhead(s, String::new(), None);
    head.managing_body = d.parent_unit.to_uppercase();
    head.issuing_body = n.unit_name.to_uppercase();
    Report {
        head,
        summary: format!("Đề nghị tặng {}", n.code_name),
        collective,
        particulars: particulars(d),
        achievements: n
            .row
            .achievement
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect(),
        progress: Vec::new(),
        titles: held(d, true),
        awards: held(d, false),
        confirmer: Signature {
            lines: vec![
                if collective {
                    "THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN"
                } else {
                    "THỦ TRƯỞNG ĐƠN VỊ"
                }
                .into(),
                "XÁC NHẬN, ĐỀ NGHỊ".into(),
            ],
            name: String::new(),
        },
        reporter: Signature {
            lines: vec![
                if collective {
                    "THỦ TRƯỞNG ĐƠN VỊ"
                } else {
                    "NGƯỜI BÁO CÁO THÀNH TÍCH"
                }
                .into(),
            ],
            name: if collective {
                String::new()
            } else {
                n.nominee_name.clone()
            },
        },
        title: format!("Báo cáo thành tích — {}", n.nominee_name),
    }
}

async fn load(db: &Db, caller: &Caller, id: &str) -> Result<(Dossier, DocSettings)> {
    let mut tx = db.begin_read().await?;
    let rules = rules_in(&mut tx, caller.org_id()).await?;
    let (n, _) = visible_with(&mut tx, caller, &rules, id).await?;
    let person = match &n.row.person_id {
        Some(p) => Some(persons::get(&mut tx, caller.org_id(), p).await?),
        None => None,
    };
    let subject = n.row.person_id.as_deref().or(n.row.unit_id.as_deref());
    let history = match subject {
        Some(s) => Some(ledger::load(&mut tx, caller.org_id(), s).await?),
        None => None,
    };
    let unit = units::get(&mut tx, caller.org_id(), &n.row.nominating_unit_id).await?;
    let parent_unit = match &unit.parent_id {
        Some(p) => units::get(&mut tx, caller.org_id(), p)
            .await
            .map(|u| u.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    let s = doc_settings::get_in(&mut tx, caller.org_id()).await?;
    tx.commit().await?;
    Ok((
        Dossier {
            n,
            person,
            history,
            parent_unit,
            rules,
        },
        s,
    ))
}

/// The achievement report of a nomination.
pub async fn report(db: &Db, caller: &Caller, id: &str, format: Format) -> Result<DocFile> {
    let (d, s) = load(db, caller, id).await?;
    let doc = thidua_docs::kinds::report::build(&report_layout(&d, &s));
    super::file(
        doc,
        &format!("Bao-cao-thanh-tich-{}", d.n.nominee_name),
        format,
    )
    .await
}

/// The nominating unit's Tờ trình: its nominations in the nomination's campaign (or this one alone).
pub async fn unit_submission(
    db: &Db,
    caller: &Caller,
    id: &str,
    format: Format,
) -> Result<DocFile> {
    let (d, s) = load(db, caller, id).await?;
    let filter = thidua_store::nominations::NominationFilter {
        campaign_id: d.n.row.campaign_id.clone(),
        unit_path: Some(d.n.unit_path.clone()),
        ..Default::default()
    };
    let mut same = if d.n.row.campaign_id.is_some() {
        crate::nominations::list(db, caller, &filter, false).await?
    } else {
        Vec::new()
    };
    same.retain(|x| {
        x.row.nominating_unit_id == d.n.row.nominating_unit_id && x.row.status != "withdrawn"
    });
    if same.is_empty() {
        same.push(d.n.clone());
    }
    let nominees: Vec<Nominee> = same
        .iter()
        .map(|x| Nominee {
            name: x.nominee_name.clone(),
            position: x.unit_name.clone(),
            award: x.code_name.clone(),
            collective: x.row.nominee_type == "unit",
            votes: String::new(),
        })
        .collect();
    let mut head = letterhead(&s, number_line(None, &s.symbol("unit_submission")), None);
    head.managing_body = d.parent_unit.to_uppercase();
    head.issuing_body = d.n.unit_name.to_uppercase();
    let office = format!("Thường trực Hội đồng Thi đua - Khen thưởng {}", s.body_name);
    let sub = Submission {
        head,
        summary: "Về việc đề nghị khen thưởng".into(),
        to: office,
        paragraphs: vec![format!(
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022 và các văn bản hướng dẫn thi hành; căn cứ thành tích đạt được năm {}, {} đề nghị khen thưởng {} (có danh sách và báo cáo thành tích kèm theo).",
            d.n.row.year,
            d.n.unit_name,
            thidua_docs::kinds::counted_public(&nominees)
        )],
        request:
            "Hồ sơ gồm: Tờ trình, danh sách đề nghị, báo cáo thành tích và các tài liệu minh chứng."
                .into(),
        nominees,
        list_reference: format!("(Kèm theo Tờ trình của {})", d.n.unit_name),
        recipients: vec!["Như trên;".into(), "Lưu: VT.".into()],
        signature: Signature {
            lines: vec!["THỦ TRƯỞNG ĐƠN VỊ".into()],
            name: String::new(),
        },
        title: format!("Tờ trình đề nghị khen thưởng — {}", d.n.unit_name),
    };
    let doc = thidua_docs::kinds::submission::build(&sub);
    super::file(doc, &format!("To-trinh-{}", d.n.unit_name), format).await
}

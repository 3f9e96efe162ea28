//! The council meeting's papers: its minutes (*biên bản*) and the standing office's Tờ trình to the
//! chairman with the list of what passed and the council's votes; for those who may see meetings.

use super::{DocFile, Format, letterhead, number_line};
use crate::Caller;
use crate::doc_settings::{self, DocSettings};
use crate::error::Result;
use crate::meetings::view::MeetingView;
use thidua_docs::kinds::minutes::{Item, Minutes, share};
use thidua_docs::kinds::submission::{Nominee, Submission};
use thidua_docs::model::{Letterhead, Signature};
use thidua_docs::text::{date_words, dmy, parse_iso};
use thidua_store::Db;
use thidua_store::registers::{self, EntryRow};

const COUNCIL: &str = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG";

/// The council's letterhead: the body above, the council below.
fn council_head(s: &DocSettings, number: String, date: Option<time::Date>) -> Letterhead {
    let mut h = letterhead(s, number, date);
    h.managing_body = s.issuing_body.clone();
    h.issuing_body = COUNCIL.into();
    h
}

fn body_of(s: &DocSettings) -> String {
    s.body_name.clone()
}

/// Laid out minutes of the meeting `v`, numbered as `entry` in the register (blank without).
pub fn minutes_layout(v: &MeetingView, s: &DocSettings, entry: Option<&EntryRow>) -> Minutes {
    let m = &v.meeting;
    let held = parse_iso(&m.held_on);
    let when = match held {
        Some(d) => format!("Vào {}", date_words(d)),
        None => String::new(),
    };
    let present = v
        .members
        .iter()
        .filter(|x| x.attendance == "present")
        .map(|x| x.full_name.clone())
        .collect();
    let absent = v
        .members
        .iter()
        .filter(|x| x.attendance != "present")
        .map(|x| format!("{} ({})", x.full_name, x.attendance_label.to_lowercase()))
        .collect();
    let items = v
        .items
        .iter()
        .map(|i| Item {
            nominee: i.nominee.clone(),
            unit: i.nominating_unit.clone(),
            award: i.form_name.clone(),
            agree: i.agree.unwrap_or(0),
            disagree: i.disagree.unwrap_or(0),
            abstain: i.abstain.unwrap_or(0),
            result: crate::meetings::view::result_label(i.result.as_deref()).into(),
        })
        .collect();
    let conclusion = v
        .minutes
        .as_deref()
        .map(|t| {
            t.lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    Minutes {
        head: council_head(
            s,
            number_line(entry.map(|e| e.number.as_str()), &s.symbol("minutes")),
            held,
        ),
        summary: format!("Họp Hội đồng Thi đua - Khen thưởng {}", body_of(s)),
        when,
        place: m.place.clone().unwrap_or_else(|| "trụ sở cơ quan".into()),
        council: format!("Hội đồng Thi đua - Khen thưởng {}", body_of(s)),
        chair: m.chair_name.clone().unwrap_or_default(),
        secretary: m.secretary_name.clone().unwrap_or_default(),
        present,
        absent,
        total_members: m.total_members,
        voting: if m.secret_ballot {
            "Bỏ phiếu kín".into()
        } else {
            "Biểu quyết".into()
        },
        items,
        conclusion,
        closing: "Cuộc họp kết thúc cùng ngày.".into(),
        title: format!("Biên bản họp Hội đồng — {}", m.title),
    }
}

/// The office's Tờ trình to the chairman: what passed, with its votes over all members; numbered and
/// dated as `entry` in the register, else blank and dated `date`.
pub fn submission_layout(
    v: &MeetingView,
    s: &DocSettings,
    date: time::Date,
    entry: Option<&EntryRow>,
) -> Submission {
    let date = entry.and_then(|e| parse_iso(&e.issued_on)).unwrap_or(date);
    let m = &v.meeting;
    let passed: Vec<Nominee> = v
        .items
        .iter()
        .filter(|i| i.result.as_deref() == Some("passed"))
        .map(|i| Nominee {
            name: i.nominee.clone(),
            position: i.nominating_unit.clone(),
            award: i.form_name.clone(),
            collective: false,
            votes: share(i.agree.unwrap_or(0), m.total_members),
        })
        .collect();
    let held = parse_iso(&m.held_on).map(dmy).unwrap_or_default();
    let chairman = format!("Chủ tịch {}", body_of(s));
    Submission {
        head: council_head(
            s,
            number_line(entry.map(|e| e.number.as_str()), &s.symbol("submission")),
            Some(date),
        ),
        summary: "Về việc đề nghị khen thưởng".into(),
        to: chairman.clone(),
        paragraphs: vec![
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022 và các văn bản hướng dẫn thi hành;".into(),
            format!(
                "Ngày {held}, Hội đồng Thi đua - Khen thưởng đã họp xét {} trường hợp đề nghị khen thưởng; {} trường hợp được thông qua với trên một nửa tổng số thành viên Hội đồng đồng ý (có biên bản kèm theo).",
                v.items.len(),
                passed.len()
            ),
        ],
        request: format!(
            "Thường trực Hội đồng Thi đua - Khen thưởng đề nghị {chairman} khen thưởng {} trường hợp (có danh sách kèm theo).",
            passed.len()
        ),
        nominees: passed,
        list_reference: "(Kèm theo Tờ trình của Hội đồng Thi đua - Khen thưởng)".into(),
        recipients: s.recipients_of("submission"),
        signature: Signature {
            lines: vec!["TM. HỘI ĐỒNG".into(), "THƯỜNG TRỰC".into()],
            name: String::new(),
        },
        title: format!("Tờ trình đề nghị khen thưởng — {}", m.title),
    }
}

/// The meeting, the settings and the register entry of `kind` given to the meeting.
async fn load(
    db: &Db,
    caller: &Caller,
    id: &str,
    kind: &str,
) -> Result<(MeetingView, DocSettings, Option<EntryRow>)> {
    let v = crate::meetings::get(db, caller, id).await?;
    let s = doc_settings::get(db, caller).await?;
    let mut tx = db.begin_read().await?;
    let entry = registers::of_subject(&mut tx, caller.org_id(), kind, "meeting", id).await?;
    tx.commit().await?;
    Ok((v, s, entry))
}

/// The minutes of a meeting.
pub async fn minutes(db: &Db, caller: &Caller, id: &str, format: Format) -> Result<DocFile> {
    let (v, s, entry) = load(db, caller, id, "minutes").await?;
    let doc = thidua_docs::kinds::minutes::build(&minutes_layout(&v, &s, entry.as_ref()));
    super::file(doc, &format!("Bien-ban-{}", v.meeting.held_on), format).await
}

/// The office's Tờ trình after a meeting.
pub async fn submission(db: &Db, caller: &Caller, id: &str, format: Format) -> Result<DocFile> {
    let (v, s, entry) = load(db, caller, id, "submission").await?;
    let layout = submission_layout(&v, &s, crate::today(), entry.as_ref());
    let doc = thidua_docs::kinds::submission::build(&layout);
    super::file(doc, &format!("To-trinh-{}", v.meeting.held_on), format).await
}

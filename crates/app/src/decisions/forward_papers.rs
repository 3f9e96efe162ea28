//! The papers of a package sent upward, beside the nominee's own files: this body's Tờ trình to the
//! higher authority, the minutes of the council meeting that passed it, and the list — each as PDF and
//! DOCX, made from the records like every other document.

use crate::Caller;
use crate::doc_settings;
use crate::documents::meeting::minutes_layout;
use crate::documents::{Format, letterhead, number_line, signature};
use crate::error::{Error, Result};
use thidua_docs::kinds::listing::Listing;
use thidua_docs::kinds::minutes::share;
use thidua_docs::kinds::submission::{Nominee, Submission};
use thidua_docs::{Doc, kinds};
use thidua_store::Tx;
use thidua_store::decisions::VoteRow;
use thidua_store::nominations::NominationRow;

/// What the papers say of the nomination.
pub(crate) struct Subject<'a> {
    pub n: &'a NominationRow,
    pub name: &'a str,
    pub award: &'a str,
    pub to: &'a str,
    pub votes: &'a [VoteRow],
}

/// (entry name in the package, bytes) of each paper.
pub(crate) async fn papers(
    tx: &mut Tx,
    caller: &Caller,
    s: &Subject<'_>,
) -> Result<Vec<(String, Vec<u8>)>> {
    let settings = doc_settings::get_in(tx, caller.org_id()).await?;
    let last = s.votes.last();
    let nominee = Nominee {
        name: s.name.into(),
        position: String::new(),
        award: s.award.into(),
        collective: s.n.nominee_type == "unit",
        votes: last
            .map(|v| share(v.agree.unwrap_or(0), v.total_members))
            .unwrap_or_default(),
    };
    let today = crate::today();
    let mut docs: Vec<(&str, Doc)> = Vec::new();
    let submission = Submission {
        head: letterhead(
            &settings,
            number_line(None, &settings.symbol("submission")),
            Some(today),
        ),
        summary: format!("Về việc đề nghị tặng {}", s.award),
        to: s.to.into(),
        paragraphs: vec![format!(
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022 và các văn bản hướng dẫn thi hành; {}Hội đồng Thi đua - Khen thưởng đã xét và thông qua đề nghị khen thưởng {} (có biên bản kèm theo).",
            last.map(|v| format!("tại phiên họp «{}», ", v.meeting_title))
                .unwrap_or_default(),
            s.name
        )],
        request: format!(
            "{} trân trọng đề nghị tặng {} cho {} (có hồ sơ kèm theo).",
            settings.body_name, s.award, s.name
        ),
        nominees: vec![nominee.clone()],
        list_reference: String::new(),
        recipients: vec!["Như trên;".into(), "Lưu: VT.".into()],
        signature: signature(&settings.signer()),
        title: format!("Tờ trình đề nghị khen thưởng {}", s.name),
    };
    docs.push(("to_trinh", kinds::submission::build(&submission)));
    if let Some(v) = last {
        let view = crate::meetings::view::load(tx, caller, &v.meeting_id, false).await?;
        let entry = thidua_store::registers::of_subject(
            tx,
            caller.org_id(),
            "minutes",
            "meeting",
            &v.meeting_id,
        )
        .await?;
        docs.push((
            "bien_ban",
            kinds::minutes::build(&minutes_layout(&view, &settings, entry.as_ref())),
        ));
    }
    let listing = Listing {
        head: letterhead(&settings, String::new(), Some(today)),
        heading: "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG".into(),
        subtitle: s.award.into(),
        nominees: vec![nominee],
        signature: signature(&settings.signer()),
        title: format!("Danh sách đề nghị khen thưởng {}", s.name),
    };
    docs.push(("danh_sach", kinds::listing::build(&listing)));
    tokio::task::spawn_blocking(move || {
        let mut out = Vec::new();
        for (stem, doc) in docs {
            for f in [Format::Pdf, Format::Docx] {
                let bytes = thidua_docs::render(&doc, f)
                    .map_err(|e| Error::Internal(anyhow::anyhow!("{e}")))?;
                out.push((format!("van_ban/{stem}.{}", f.ext()), bytes));
            }
        }
        Ok(out)
    })
    .await
    .map_err(|e| Error::Internal(e.into()))?
}

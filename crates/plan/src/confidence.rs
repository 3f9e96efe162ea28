//! Per-field confidence: marks what the importer is unsure of — a field missing where plans
//! print it, guessed from a weaker place (the preamble instead of the header, the title instead
//! of a period statement), restored from a text without diacritics, or read from a copy whose
//! layout was damaged — with the reason in Vietnamese for the person who reviews the draft.

use crate::doc::Doc;
use crate::model::{Confidence, Evidence, PlanImport};
use crate::text::fold;

/// Assesses every field of an import.
pub fn assess(d: &Doc, plan: &PlanImport, ev: &Evidence) -> Confidence {
    let mut c = Confidence::default();
    header(d, plan, ev, &mut c);
    title(d, plan, &mut c);
    body(d, plan, ev, &mut c);
    if d.ocr {
        const RESTORED: &str =
            "Văn bản gốc mất dấu tiếng Việt, máy đã phục hồi dấu: hãy soát lại chính tả";
        for field in ["issuer", "title", "place", "signer"] {
            c.mark_low(field, RESTORED);
        }
    }
    c
}

/// The first input line of the preamble (0 when unknown).
fn preamble_line(d: &Doc) -> usize {
    d.lines.get(d.preamble.start).map_or(0, |l| l.no)
}

/// Number, date, place and issuer.
fn header(d: &Doc, plan: &PlanImport, ev: &Evidence, c: &mut Confidence) {
    if plan.number.is_none() {
        let reason = if ev.number.is_empty() {
            "Không thấy dòng «Số:» ở phần đầu văn bản"
        } else {
            "Số văn bản để trống hoặc không đọc được"
        };
        c.mark_low("number", reason);
    }
    if plan.issued_on.is_none() {
        let reason = if ev.place.is_empty() {
            "Không thấy dòng địa danh, ngày tháng ở phần đầu văn bản"
        } else {
            "Ngày ban hành để trống hoặc không đọc được"
        };
        c.mark_low("issued_on", reason);
    }
    if plan.place.is_none() {
        c.mark_low("place", "Không thấy địa danh trước «ngày … tháng … năm …»");
    }
    match &plan.issuer {
        None => c.mark_low("issuer", "Không tìm thấy cơ quan ban hành"),
        Some(_) if ev.issuer.first().is_some_and(|&n| n >= preamble_line(d) && preamble_line(d) > 0) => {
            c.mark_low(
                "issuer",
                "Phần đầu văn bản không ghi rõ cơ quan ban hành: tên được lấy từ câu trong phần căn cứ",
            )
        }
        Some(_) => {}
    }
    if d.kehoach_count() > 1 {
        c.mark_low(
            "number",
            "Văn bản lặp lại phần đầu (bản sao từ trang web): kiểm tra số, ngày lấy đúng bản",
        );
    }
}

/// The title.
fn title(d: &Doc, plan: &PlanImport, c: &mut Confidence) {
    let Some(t) = &plan.title else {
        c.mark_low("title", "Không thấy tên kế hoạch sau dòng «KẾ HOẠCH»");
        return;
    };
    if d.kehoach.is_none() {
        c.mark_low(
            "title",
            "Văn bản không có dòng «KẾ HOẠCH»: tên được đoán từ dòng chữ in hoa sau ngày tháng",
        );
    }
    let printed: usize = d
        .title
        .clone()
        .map(|i| d.lines[i].text.chars().count() + 1)
        .sum();
    if printed > t.chars().count() + 25 {
        c.mark_low(
            "title",
            "Tên kế hoạch liền với phần căn cứ trong văn bản: kiểm tra chỗ ngắt",
        );
    }
    if t.chars().count() > 400 {
        c.mark_low("title", "Tên rất dài: có thể đã lẫn cả phần căn cứ");
    }
}

/// Period, legal bases, signer and the lists.
fn body(d: &Doc, plan: &PlanImport, ev: &Evidence, c: &mut Confidence) {
    match &plan.period {
        None => c.mark_low(
            "period",
            "Không thấy thời gian thi đua trong văn bản: hãy nhập",
        ),
        Some(_) if !ev.title.is_empty() && ev.period == ev.title => c.mark_low(
            "period",
            "Suy ra từ năm ghi trong tên kế hoạch, văn bản không nêu thời gian thi đua",
        ),
        Some(p) if p.from.is_none() || p.to.is_none() => {
            c.mark_low("period", "Văn bản chỉ nêu một đầu của thời gian thi đua")
        }
        Some(_) => {}
    }
    let basis_lines = d.preamble.clone().filter(|&i| d.is_basis_line(i)).count();
    if plan.legal_bases.is_empty() && basis_lines > 0 {
        c.mark_low(
            "legal_bases",
            "Có phần căn cứ nhưng không đọc được số, ngày văn bản",
        );
    } else if plan
        .legal_bases
        .iter()
        .any(|b| b.date.is_none() || b.number.as_deref().is_some_and(odd_number))
    {
        c.mark_low(
            "legal_bases",
            "Có văn bản căn cứ thiếu ngày hoặc số hiệu lạ",
        );
    }
    match &plan.signer {
        None if d.closing >= d.lines.len() => c.mark_low(
            "signer",
            "Không thấy phần «Nơi nhận» và chữ ký: văn bản có thể bị cắt",
        ),
        None => c.mark_low("signer", "Không thấy người ký"),
        Some(_) if ev.signer.first().is_some_and(|&n| n < preamble_line(d)) => c.mark_low(
            "signer",
            "Lấy từ thông tin của trang web đăng văn bản, không phải từ chữ ký",
        ),
        Some(s) if s.name.is_none() || s.title.is_none() => {
            c.mark_low("signer", "Chỉ đọc được một phần chức vụ, tên người ký")
        }
        Some(_) => {}
    }
    if d.closing >= d.lines.len() && d.body.is_empty() {
        const CUT: &str = "Văn bản không có phần nội dung (có thể bị cắt): danh sách có thể thiếu";
        for field in ["deadlines", "targets", "award_forms", "quotas", "themes"] {
            c.mark_low(field, CUT);
        }
    }
}

/// A number whose code part has no letters (`12/2024`), or stray characters.
fn odd_number(n: &str) -> bool {
    let f = fold(n);
    let code = f.split_once('/').map_or("", |(_, code)| code);
    !code.chars().any(|ch| ch.is_ascii_alphabetic()) || f.contains(['^', '\\', '*'])
}

#[cfg(test)]
mod tests {
    use crate::model::Level;

    #[test]
    fn a_clean_header_is_sure_and_a_blank_number_is_not() {
        let (_, confidence) = crate::import_text_with_confidence(
            "ỦY BAN NHÂN DÂN QUẬN 7\nSố: 12/KH-UBND\nQuận 7, ngày 05 tháng 01 năm 2024\nKẾ HOẠCH\nThi đua năm 2024\nCăn cứ Kế hoạch số 1/KH-UBND ngày 02/01/2024;\nI. MỤC ĐÍCH\nThời gian thi đua: từ ngày 01/01/2024 đến ngày 31/12/2024.\nNơi nhận:\n- Lưu VT.\nCHỦ TỊCH\nNguyễn Văn An",
        );
        for field in [
            "number",
            "issued_on",
            "place",
            "issuer",
            "title",
            "period",
            "legal_bases",
            "signer",
        ] {
            assert_eq!(
                confidence.of(field).level,
                Level::High,
                "{field}: {:?}",
                confidence.of(field)
            );
        }
        let (_, confidence) =
            crate::import_text_with_confidence("Số:    /KH-UBND\nKẾ HOẠCH\nThi đua\nCăn cứ Luật;");
        let number = confidence.of("number");
        assert_eq!(number.level, Level::Low);
        assert!(number.reason.is_some_and(|r| r.contains("để trống")));
    }
}

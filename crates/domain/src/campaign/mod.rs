//! Plans and campaigns (*kế hoạch, phong trào, đợt thi đua*): what a plan launches, its lifecycle, and
//! the checks on what a person types for it. Themes, targets, deadlines, award forms and quotas live in
//! the submodules; everything here is pure so the store and web layers only move checked values.

pub mod deadline;
pub mod pact;
pub mod parts;
pub mod progress;
pub mod report;
pub mod target;

use crate::org::check_date;
use crate::validation::Validation;
use time::Date;

/// What a plan launches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CampaignKind {
    /// A regular (yearly) movement: *phong trào thi đua thường xuyên*.
    Regular,
    /// A movement over several years: *phong trào thi đua giai đoạn*.
    MultiYear,
    /// A thematic movement: *phong trào thi đua theo chuyên đề*.
    Thematic,
    /// A time-boxed campaign: *đợt thi đua (cao điểm, nước rút)*.
    Peak,
}

impl CampaignKind {
    pub const ALL: [CampaignKind; 4] = [Self::Regular, Self::MultiYear, Self::Thematic, Self::Peak];

    pub fn code(self) -> &'static str {
        match self {
            Self::Regular => "regular",
            Self::MultiYear => "multi_year",
            Self::Thematic => "thematic",
            Self::Peak => "peak",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Guesses what a plan launches from its title (for imported plans; a person confirms).
    pub fn guess(title: &str) -> CampaignKind {
        let t = crate::text::fold(title);
        if [
            "cao diem",
            "nuoc rut",
            "dot thi dua",
            "ngay dem",
            "tang toc",
        ]
        .iter()
        .any(|w| t.contains(w))
        {
            Self::Peak
        } else if t.contains("chuyen de") {
            Self::Thematic
        } else if t.contains("giai doan") {
            Self::MultiYear
        } else {
            Self::Regular
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Regular => "Phong trào thi đua thường xuyên (hằng năm)",
            Self::MultiYear => "Phong trào thi đua nhiều năm (giai đoạn)",
            Self::Thematic => "Phong trào thi đua theo chuyên đề",
            Self::Peak => "Đợt thi đua (cao điểm, nước rút)",
        }
    }
}

/// The lifecycle of a campaign: draft → launched → closed. Only the standing office moves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CampaignStatus {
    /// Being written; units do not see it.
    Draft,
    /// Units see it and are asked to act: register, report, send what is due.
    Launched,
    /// Results frozen and kept; read-only.
    Closed,
}

impl CampaignStatus {
    pub const ALL: [CampaignStatus; 3] = [Self::Draft, Self::Launched, Self::Closed];

    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Launched => "launched",
            Self::Closed => "closed",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Dự thảo",
            Self::Launched => "Đang triển khai",
            Self::Closed => "Đã kết thúc",
        }
    }

    /// True when the plan itself (header, themes, targets, deadlines…) may still be edited.
    /// A launched plan may be corrected (dates move, a target is added); a closed one never.
    pub fn plan_editable(self) -> bool {
        self != Self::Closed
    }

    /// True when units may act on it (register, report progress, send what is due).
    pub fn accepts_unit_work(self) -> bool {
        self == Self::Launched
    }

    /// The transition `self → to`, or the Vietnamese reason it is not allowed.
    pub fn transition(self, to: CampaignStatus) -> Result<CampaignStatus, &'static str> {
        match (self, to) {
            (Self::Draft, Self::Launched) => Ok(to),
            (Self::Launched, Self::Closed) => Ok(to),
            (Self::Draft, Self::Closed) => {
                Err("Kế hoạch còn là dự thảo, chưa phát động nên không thể kết thúc.")
            }
            (Self::Closed, _) => {
                Err("Đợt thi đua đã kết thúc; dữ liệu chỉ để xem, không thay đổi được.")
            }
            (Self::Launched, Self::Launched) => Err("Kế hoạch đã được phát động rồi."),
            (Self::Launched, Self::Draft) | (Self::Draft, Self::Draft) => {
                Err("Không thể đưa kế hoạch đã phát động về dự thảo.")
            }
        }
    }
}

/// The message shown when anything tries to change a closed campaign.
pub const CLOSED_MESSAGE: &str =
    "Đợt thi đua đã kết thúc; dữ liệu chỉ để xem, không thay đổi được.";

/// A document the plan is based on (*Căn cứ…*): number and symbol, date, and what it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalBasis {
    pub number: Option<String>,
    pub date: Option<Date>,
    pub title: Option<String>,
}

/// What a person typed for a plan's header and scope.
#[derive(Debug, Clone, Default)]
pub struct CampaignInput {
    pub number: String,
    pub issued_on: String,
    pub issuer: String,
    pub place: String,
    pub title: String,
    pub kind: String,
    pub period_from: String,
    pub period_to: String,
    pub signer_title: String,
    pub signer_name: String,
    /// One document a line: `303/KH-UBND; 30/10/2024; trích yếu` (date and title optional).
    pub legal_bases: String,
    pub purposes: String,
    pub content: String,
    /// Who takes part, in words (*các phòng, ban, UBND các phường…*).
    pub participants_note: String,
    /// Participating units.
    pub participant_ids: Vec<String>,
}

/// A checked plan header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignDraft {
    pub number: Option<String>,
    pub issued_on: Option<Date>,
    pub issuer: String,
    pub place: Option<String>,
    pub title: String,
    pub kind: CampaignKind,
    pub period_from: Date,
    pub period_to: Date,
    pub signer_title: Option<String>,
    pub signer_name: Option<String>,
    pub legal_bases: Vec<LegalBasis>,
    pub purposes: Option<String>,
    pub content: Option<String>,
    pub participants_note: Option<String>,
    pub participant_ids: Vec<String>,
}

pub const TITLE_MAX: usize = 1000;
pub const LONG_TEXT_MAX: usize = 20_000;

/// Checks a plan number as printed (`303/KH-UBND`); spaces around `/` are dropped.
fn check_number(v: &mut Validation, raw: &str) -> Option<String> {
    let n = v.optional_text("number", "Số, ký hiệu", raw, 64)?;
    let n: String = n.split('/').map(str::trim).collect::<Vec<_>>().join("/");
    if !n.chars().any(|c| c.is_ascii_digit()) || n.chars().any(|c| matches!(c, '<' | '>' | '"')) {
        v.add(
            "number",
            "Số, ký hiệu",
            format!("Số, ký hiệu \u{201c}{n}\u{201d} không đúng dạng; ví dụ: 303/KH-UBND."),
        );
    }
    Some(n)
}

/// Parses the legal bases, one a line: `number; date; title` (date `dd/mm/yyyy`; parts optional).
pub fn parse_legal_bases(v: &mut Validation, raw: &str) -> Vec<LegalBasis> {
    let mut out = Vec::new();
    for (i, line) in raw.lines().enumerate() {
        let line = crate::text::clean_line(line);
        if line.is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.split(';').map(str::trim).collect();
        let number = parts
            .first()
            .filter(|s| !s.is_empty())
            .map(|s| s.to_string());
        let date = match parts.get(1).filter(|s| !s.is_empty()) {
            Some(d) => match crate::date::parse(d) {
                Some(d) => Some(d),
                None => {
                    v.add("legal_bases", "Căn cứ", format!("Dòng {} của Căn cứ: ngày \u{201c}{d}\u{201d} không hợp lệ; hãy viết: số; ngày/tháng/năm; trích yếu.", i + 1));
                    None
                }
            },
            None => None,
        };
        let title = (parts.len() > 2)
            .then(|| parts[2..].join("; "))
            .filter(|s| !s.is_empty());
        if number.as_deref().is_some_and(|n| n.chars().count() > 64) {
            v.add("legal_bases", "Căn cứ", format!("Dòng {} của Căn cứ: số, ký hiệu quá dài (tối đa 64 ký tự); các phần cách nhau bằng dấu chấm phẩy.", i + 1));
        }
        out.push(LegalBasis {
            number,
            date,
            title,
        });
    }
    if out.len() > 50 {
        v.add("legal_bases", "Căn cứ", "Tối đa 50 văn bản căn cứ.");
    }
    out
}

/// Shows legal bases back as the text they are typed in.
pub fn legal_bases_text(items: &[LegalBasis]) -> String {
    items
        .iter()
        .map(|b| {
            let mut parts = vec![
                b.number.clone().unwrap_or_default(),
                b.date.map(crate::date::vn).unwrap_or_default(),
            ];
            if let Some(t) = &b.title {
                parts.push(t.clone());
            }
            parts.join("; ").trim_end_matches([';', ' ']).to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Checks a multi-line text field; `None` when empty.
pub fn long_text(v: &mut Validation, field: &str, label: &str, raw: &str) -> Option<String> {
    let t = crate::text::clean(raw).replace("\r\n", "\n");
    if t.is_empty() {
        return None;
    }
    let n = t.chars().count();
    if n > LONG_TEXT_MAX {
        v.add(
            field,
            label,
            format!("{label} dài {n} ký tự, tối đa {LONG_TEXT_MAX} ký tự."),
        );
    }
    if t.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        v.add(
            field,
            label,
            format!("{label} chứa ký tự điều khiển không hợp lệ."),
        );
    }
    Some(t)
}

/// Checks a period: both ends present and in order.
pub fn check_period(v: &mut Validation, from_raw: &str, to_raw: &str) -> Option<(Date, Date)> {
    let from = check_date(v, "period_from", "Thời gian bắt đầu", from_raw, true);
    let to = check_date(v, "period_to", "Thời gian kết thúc", to_raw, true);
    match (from, to) {
        (Some(f), Some(t)) if t < f => {
            v.add(
                "period_to",
                "Thời gian kết thúc",
                format!(
                    "Thời gian kết thúc ({}) phải sau thời gian bắt đầu ({}).",
                    crate::date::vn(t),
                    crate::date::vn(f)
                ),
            );
            None
        }
        (Some(f), Some(t)) => Some((f, t)),
        _ => None,
    }
}

impl CampaignInput {
    /// Checks every field at once, so a person sees all problems together.
    pub fn validate(&self) -> Result<CampaignDraft, Validation> {
        let mut v = Validation::new();
        let number = check_number(&mut v, &self.number);
        let issued_on = check_date(&mut v, "issued_on", "Ngày ban hành", &self.issued_on, false);
        let issuer = v.required_text("issuer", "Cơ quan ban hành", &self.issuer, 255);
        let place = v.optional_text("place", "Địa danh", &self.place, 128);
        let title = v.required_text("title", "Tên kế hoạch", &self.title, TITLE_MAX);
        let kind = CampaignKind::parse(self.kind.trim());
        if kind.is_none() {
            v.add(
                "kind",
                "Loại phong trào",
                "Hãy chọn loại phong trào, đợt thi đua trong danh sách.",
            );
        }
        let period = check_period(&mut v, &self.period_from, &self.period_to);
        if let (Some(issued), Some((_, to))) = (issued_on, period)
            && issued > to
        {
            v.add(
                "issued_on",
                "Ngày ban hành",
                format!(
                    "Ngày ban hành ({}) sau khi thời gian thi đua đã kết thúc ({}).",
                    crate::date::vn(issued),
                    crate::date::vn(to)
                ),
            );
        }
        if let Some((from, to)) = period
            && (to - from).whole_days() > 366 * 10
        {
            v.add(
                "period_to",
                "Thời gian kết thúc",
                "Thời gian thi đua dài quá 10 năm; hãy kiểm tra lại năm kết thúc.",
            );
        }
        let signer_title =
            v.optional_text("signer_title", "Chức vụ người ký", &self.signer_title, 128);
        let signer_name = v.optional_text("signer_name", "Người ký", &self.signer_name, 128);
        let legal_bases = parse_legal_bases(&mut v, &self.legal_bases);
        let purposes = long_text(&mut v, "purposes", "Mục đích, yêu cầu", &self.purposes);
        let content = long_text(&mut v, "content", "Nội dung thi đua", &self.content);
        let participants_note = v.optional_text(
            "participants_note",
            "Đối tượng thi đua",
            &self.participants_note,
            1000,
        );
        let mut participant_ids: Vec<String> = self
            .participant_ids
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        participant_ids.sort();
        participant_ids.dedup();
        let (period_from, period_to) = period.unwrap_or((
            time::macros::date!(2000 - 01 - 01),
            time::macros::date!(2000 - 01 - 01),
        ));
        v.finish(CampaignDraft {
            number,
            issued_on,
            issuer,
            place,
            title,
            kind: kind.unwrap_or(CampaignKind::Regular),
            period_from,
            period_to,
            signer_title,
            signer_name,
            legal_bases,
            purposes,
            content,
            participants_note,
            participant_ids,
        })
    }
}

/// Moves a date by whole years, keeping the day (29/02 becomes 28/02 in a common year). Used to copy
/// last year's plan as the start of this year's.
pub fn shift_years(d: Date, years: i32) -> Date {
    let y = d.year() + years;
    Date::from_calendar_date(y, d.month(), d.day())
        .or_else(|_| Date::from_calendar_date(y, d.month(), 28))
        .unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn input() -> CampaignInput {
        CampaignInput {
            number: "303 /KH-UBND".into(),
            issued_on: "11/11/2024".into(),
            issuer: "Ủy ban nhân dân Quận 11".into(),
            title: "Thi đua cao điểm 60 ngày đêm".into(),
            kind: "peak".into(),
            period_from: "01/11/2024".into(),
            period_to: "31/12/2024".into(),
            legal_bases: "6677/KH-UBND; 30/10/2024; Kế hoạch của UBND Thành phố\n\n05/CT-UBND"
                .into(),
            participant_ids: vec!["b".into(), "a".into(), "b".into()],
            ..Default::default()
        }
    }

    #[test]
    fn valid_plan() {
        let d = input().validate().unwrap();
        assert_eq!(d.number.as_deref(), Some("303/KH-UBND"));
        assert_eq!(d.period_from, date!(2024 - 11 - 01));
        assert_eq!(d.legal_bases.len(), 2);
        assert_eq!(d.legal_bases[0].date, Some(date!(2024 - 10 - 30)));
        assert_eq!(
            d.legal_bases[0].title.as_deref(),
            Some("Kế hoạch của UBND Thành phố")
        );
        assert_eq!(d.legal_bases[1].date, None);
        assert_eq!(d.participant_ids, vec!["a", "b"]);
        assert_eq!(
            legal_bases_text(&d.legal_bases),
            "6677/KH-UBND; 30/10/2024; Kế hoạch của UBND Thành phố\n05/CT-UBND"
        );
    }

    #[test]
    fn dates_out_of_order_are_named() {
        let mut i = input();
        i.period_from = "31/12/2024".into();
        i.period_to = "01/11/2024".into();
        let v = i.validate().unwrap_err();
        assert!(v.message_for("period_to").unwrap().contains("phải sau"));
        let mut i = input();
        i.issued_on = "01/02/2025".into();
        assert!(i.validate().unwrap_err().message_for("issued_on").is_some());
        let mut i = input();
        i.legal_bases = "12/QĐ; 32/13/2024".into();
        assert!(
            i.validate()
                .unwrap_err()
                .message_for("legal_bases")
                .unwrap()
                .contains("Dòng 1")
        );
    }

    #[test]
    fn every_required_field_is_named() {
        let v = CampaignInput::default().validate().unwrap_err();
        for f in ["issuer", "title", "kind", "period_from", "period_to"] {
            assert!(v.message_for(f).is_some(), "{f}");
        }
    }

    #[test]
    fn lifecycle() {
        use CampaignStatus::*;
        assert_eq!(Draft.transition(Launched), Ok(Launched));
        assert_eq!(Launched.transition(Closed), Ok(Closed));
        for (from, to) in [
            (Draft, Closed),
            (Closed, Launched),
            (Closed, Draft),
            (Closed, Closed),
            (Launched, Draft),
            (Launched, Launched),
            (Draft, Draft),
        ] {
            assert!(from.transition(to).is_err(), "{from:?} → {to:?}");
        }
        assert!(!Closed.plan_editable());
        assert!(
            Launched.accepts_unit_work()
                && !Draft.accepts_unit_work()
                && !Closed.accepts_unit_work()
        );
    }

    #[test]
    fn kinds_from_titles() {
        assert_eq!(
            CampaignKind::guess("Thi đua cao điểm 60 ngày đêm “Quyết tâm tăng tốc”"),
            CampaignKind::Peak
        );
        assert_eq!(
            CampaignKind::guess("Phát động phong trào thi đua nước rút"),
            CampaignKind::Peak
        );
        assert_eq!(
            CampaignKind::guess("Phong trào thi đua chuyên đề “Sáng - xanh - sạch - đẹp”"),
            CampaignKind::Thematic
        );
        assert_eq!(
            CampaignKind::guess("Phong trào thi đua giai đoạn 2021 - 2025"),
            CampaignKind::MultiYear
        );
        assert_eq!(
            CampaignKind::guess("Phát động phong trào thi đua yêu nước năm 2024"),
            CampaignKind::Regular
        );
    }

    #[test]
    fn shifting_years() {
        assert_eq!(shift_years(date!(2024 - 02 - 29), 1), date!(2025 - 02 - 28));
        assert_eq!(shift_years(date!(2024 - 11 - 15), 1), date!(2025 - 11 - 15));
    }
}

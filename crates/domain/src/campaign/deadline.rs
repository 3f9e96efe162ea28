//! Deadlines (*thời hạn*): what is due, from whom, to whom, by when, of which kind; a recurring
//! deadline (each quarter) is one rule with its occurrences. And the state of one unit against one
//! occurrence: sent on time, sent late, not sent, not yet due.

use crate::org::check_date;
use crate::validation::Validation;
use time::{Date, Month};

/// What kind of obligation a deadline is; drives the unit's to-do list and the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineKind {
    /// Registration window (*đăng ký thi đua*): registration closes at its date.
    Registration,
    /// The unit's own plan to carry out the movement.
    UnitPlan,
    /// Mid-year report (*sơ kết*).
    MidYearReport,
    /// Year-end report (*tổng kết*).
    YearEndReport,
    /// Nomination dossiers (*hồ sơ đề nghị khen thưởng*).
    Nomination,
    /// Exemplary models of the quarter (*gương điển hình tiên tiến, người tốt việc tốt*).
    ExemplaryModels,
    /// Cluster or block dossiers (*hồ sơ sinh hoạt Cụm, Khối*).
    ClusterDossier,
    /// Scoring and ranking (*chấm điểm, xếp hạng*).
    Scoring,
    /// Anything else the plan asks for.
    Other,
}

impl DeadlineKind {
    pub const ALL: [DeadlineKind; 9] = [
        Self::Registration,
        Self::UnitPlan,
        Self::MidYearReport,
        Self::YearEndReport,
        Self::Nomination,
        Self::ExemplaryModels,
        Self::ClusterDossier,
        Self::Scoring,
        Self::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Registration => "registration",
            Self::UnitPlan => "unit_plan",
            Self::MidYearReport => "mid_year_report",
            Self::YearEndReport => "year_end_report",
            Self::Nomination => "nomination",
            Self::ExemplaryModels => "exemplary_models",
            Self::ClusterDossier => "cluster_dossier",
            Self::Scoring => "scoring",
            Self::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code.trim())
    }

    /// Guesses the kind of an obligation from its wording (for imported plans; a person confirms).
    /// The order matters: "hồ sơ ... Cụm, Khối" is a cluster dossier before it is a nomination.
    pub fn guess(what: &str) -> DeadlineKind {
        let t = crate::text::fold(what);
        let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
        if has(&["dang ky danh hieu", "dang ky thi dua", "ky ket giao uoc"]) {
            Self::Registration
        } else if has(&["cham diem", "xep hang", "thang diem"]) {
            Self::Scoring
        } else if has(&[
            "cum, khoi",
            "cum khoi",
            "cum, khoi thi dua",
            "sinh hoat cum",
        ]) {
            Self::ClusterDossier
        } else if has(&["guong nguoi tot", "guong dien hinh", "dien hinh tien tien"]) {
            Self::ExemplaryModels
        } else if has(&[
            "de nghi khen thuong",
            "de xuat khen thuong",
            "ho so khen thuong",
            "binh xet",
        ]) {
            Self::Nomination
        } else if has(&["so ket", "6 thang dau nam"]) {
            Self::MidYearReport
        } else if has(&["tong ket", "bao cao ket qua"]) {
            Self::YearEndReport
        } else if has(&["khen thuong", "danh hieu"]) {
            Self::Nomination
        } else if has(&["ke hoach cu the", "ke hoach cua", "gui ke hoach"]) {
            Self::UnitPlan
        } else {
            Self::Other
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Registration => "Đăng ký thi đua",
            Self::UnitPlan => "Kế hoạch của đơn vị",
            Self::MidYearReport => "Báo cáo sơ kết",
            Self::YearEndReport => "Báo cáo tổng kết",
            Self::Nomination => "Hồ sơ đề nghị khen thưởng",
            Self::ExemplaryModels => "Gương điển hình hằng quý",
            Self::ClusterDossier => "Hồ sơ Cụm, Khối thi đua",
            Self::Scoring => "Chấm điểm, xếp hạng",
            Self::Other => "Việc khác",
        }
    }
}

/// How often a deadline comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recurrence {
    Once,
    Monthly,
    Quarterly,
    HalfYearly,
}

impl Recurrence {
    pub const ALL: [Recurrence; 4] = [Self::Once, Self::Monthly, Self::Quarterly, Self::HalfYearly];

    pub fn code(self) -> &'static str {
        match self {
            Self::Once => "once",
            Self::Monthly => "monthly",
            Self::Quarterly => "quarterly",
            Self::HalfYearly => "half_yearly",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Once => "Một lần",
            Self::Monthly => "Hằng tháng",
            Self::Quarterly => "Hằng quý",
            Self::HalfYearly => "6 tháng một lần",
        }
    }

    fn months(self) -> Option<u32> {
        match self {
            Self::Once => None,
            Self::Monthly => Some(1),
            Self::Quarterly => Some(3),
            Self::HalfYearly => Some(6),
        }
    }
}

/// Who owes what a deadline asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Addressees {
    /// Every participating unit.
    AllParticipants,
    /// Participating units of one kind (all wards).
    UnitKind,
    /// One named unit (the theme lead, the tax office).
    OneUnit,
    /// The leaders of the clusters and blocks of the campaign's year.
    ClusterLeaders,
}

impl Addressees {
    pub const ALL: [Addressees; 4] = [
        Self::AllParticipants,
        Self::UnitKind,
        Self::OneUnit,
        Self::ClusterLeaders,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::AllParticipants => "all",
            Self::UnitKind => "unit_kind",
            Self::OneUnit => "unit",
            Self::ClusterLeaders => "cluster_leaders",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::AllParticipants => "Tất cả đơn vị tham gia",
            Self::UnitKind => "Các đơn vị thuộc một loại",
            Self::OneUnit => "Một đơn vị",
            Self::ClusterLeaders => "Cụm trưởng, Khối trưởng",
        }
    }
}

/// What a person typed for a deadline.
#[derive(Debug, Clone, Default)]
pub struct DeadlineInput {
    pub kind: String,
    pub what: String,
    pub opens_on: String,
    pub due_on: String,
    pub recurrence: String,
    pub repeat_until: String,
    pub addressees: String,
    pub unit_kind: String,
    pub unit_id: String,
    pub recipient: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineDraft {
    pub kind: DeadlineKind,
    pub what: String,
    /// Start of a window (*từ ngày … đến ngày …*), if any.
    pub opens_on: Option<Date>,
    /// The (first) due date.
    pub due_on: Date,
    pub recurrence: Recurrence,
    /// Last day a recurring deadline may fall on (the period's end when empty).
    pub repeat_until: Option<Date>,
    pub addressees: Addressees,
    pub unit_kind: Option<String>,
    pub unit_id: Option<String>,
    /// To whom it is sent, as printed (*Phòng Nội vụ*).
    pub recipient: Option<String>,
}

impl DeadlineInput {
    /// Checks a deadline against the campaign's period: every occurrence must fall inside it.
    pub fn validate(
        &self,
        period_from: Date,
        period_to: Date,
    ) -> Result<DeadlineDraft, Validation> {
        let mut v = Validation::new();
        let kind = DeadlineKind::parse(&self.kind);
        if kind.is_none() {
            v.add("kind", "Loại việc", "Hãy chọn loại việc trong danh sách.");
        }
        let what = v.required_text("what", "Nội dung phải làm", &self.what, 1000);
        let due_on = check_date(&mut v, "due_on", "Hạn chót", &self.due_on, true);
        let opens_on = check_date(&mut v, "opens_on", "Ngày bắt đầu", &self.opens_on, false);
        let recurrence = if self.recurrence.trim().is_empty() {
            Some(Recurrence::Once)
        } else {
            Recurrence::parse(&self.recurrence)
        };
        if recurrence.is_none() {
            v.add(
                "recurrence",
                "Lặp lại",
                "Hãy chọn cách lặp lại trong danh sách.",
            );
        }
        let repeat_until = check_date(
            &mut v,
            "repeat_until",
            "Lặp đến ngày",
            &self.repeat_until,
            false,
        );
        let addressees = if self.addressees.trim().is_empty() {
            Some(Addressees::AllParticipants)
        } else {
            Addressees::parse(&self.addressees)
        };
        let unit_kind = Some(self.unit_kind.trim().to_string()).filter(|s| !s.is_empty());
        let unit_id = Some(self.unit_id.trim().to_string()).filter(|s| !s.is_empty());
        match addressees {
            None => v.add(
                "addressees",
                "Đơn vị phải thực hiện",
                "Hãy chọn đơn vị phải thực hiện trong danh sách.",
            ),
            Some(Addressees::UnitKind) if unit_kind.is_none() => v.add(
                "unit_kind",
                "Loại đơn vị",
                "Hãy chọn loại đơn vị phải thực hiện.",
            ),
            Some(Addressees::OneUnit) if unit_id.is_none() => {
                v.add("unit_id", "Đơn vị", "Hãy chọn đơn vị phải thực hiện.")
            }
            _ => {}
        }
        let recipient = v.optional_text("recipient", "Gửi đến", &self.recipient, 255);
        let vn = crate::date::vn;
        if let Some(due) = due_on {
            if due < period_from || due > period_to {
                v.add(
                    "due_on",
                    "Hạn chót",
                    format!(
                        "Hạn chót {} nằm ngoài thời gian của kế hoạch ({} – {}).",
                        vn(due),
                        vn(period_from),
                        vn(period_to)
                    ),
                );
            }
            if let Some(open) = opens_on
                && open > due
            {
                v.add(
                    "opens_on",
                    "Ngày bắt đầu",
                    format!(
                        "Ngày bắt đầu ({}) phải trước hạn chót ({}).",
                        vn(open),
                        vn(due)
                    ),
                );
            }
            if let Some(until) = repeat_until {
                if until < due {
                    v.add(
                        "repeat_until",
                        "Lặp đến ngày",
                        format!(
                            "Ngày lặp cuối ({}) phải sau hạn chót đầu tiên ({}).",
                            vn(until),
                            vn(due)
                        ),
                    );
                } else if until > period_to {
                    v.add(
                        "repeat_until",
                        "Lặp đến ngày",
                        format!(
                            "Ngày lặp cuối {} nằm ngoài thời gian của kế hoạch (đến {}).",
                            vn(until),
                            vn(period_to)
                        ),
                    );
                }
            }
        }
        let Some(due_on) = due_on else { return Err(v) };
        v.finish(DeadlineDraft {
            kind: kind.unwrap_or(DeadlineKind::Other),
            what,
            opens_on,
            due_on,
            recurrence: recurrence.unwrap_or(Recurrence::Once),
            repeat_until,
            addressees: addressees.unwrap_or(Addressees::AllParticipants),
            unit_kind,
            unit_id,
            recipient,
        })
    }
}

/// Adds whole months, keeping the day where the month has it (31/01 + 1 month = 29/02 in a leap year).
pub fn add_months(d: Date, months: u32) -> Date {
    let total = d.year() * 12 + (u8::from(d.month()) as i32 - 1) + months as i32;
    let (y, m) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u8);
    let month = Month::try_from(m).unwrap_or(Month::December);
    let last = time::util::days_in_month(month, y);
    Date::from_calendar_date(y, month, d.day().min(last)).unwrap_or(d)
}

/// The due dates of a deadline rule: the first, then every period until `until` (inclusive).
/// At most 120 occurrences (ten years of months), so a mistyped rule cannot run away.
pub fn occurrences(first: Date, recurrence: Recurrence, until: Date) -> Vec<Date> {
    let Some(step) = recurrence.months() else {
        return vec![first];
    };
    let mut out = Vec::new();
    let mut n = 0;
    loop {
        let d = add_months(first, step * n);
        if d > until || out.len() >= 120 {
            break;
        }
        out.push(d);
        n += 1;
    }
    if out.is_empty() {
        out.push(first);
    }
    out
}

/// Where one unit stands against one occurrence of a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmissionStatus {
    /// Sent on or before the due date.
    OnTime,
    /// Sent after the due date.
    Late,
    /// Due date passed, nothing sent.
    Missing,
    /// Not due yet and not sent.
    NotDue,
    /// The unit does not owe this (not an addressee).
    NotApplicable,
}

impl SubmissionStatus {
    pub fn code(self) -> &'static str {
        match self {
            Self::OnTime => "on_time",
            Self::Late => "late",
            Self::Missing => "missing",
            Self::NotDue => "not_due",
            Self::NotApplicable => "not_applicable",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::OnTime => "Đã gửi đúng hạn",
            Self::Late => "Gửi trễ hạn",
            Self::Missing => "Chưa gửi (quá hạn)",
            Self::NotDue => "Chưa đến hạn",
            Self::NotApplicable => "Không phải gửi",
        }
    }

    /// A short mark for dense tables.
    pub fn mark(self) -> &'static str {
        match self {
            Self::OnTime => "✓",
            Self::Late => "Trễ",
            Self::Missing => "✗",
            Self::NotDue => "…",
            Self::NotApplicable => "",
        }
    }
}

/// Classifies a unit against an occurrence due on `due`, given the date it sent (if it did) and today.
pub fn submission_status(due: Date, sent_on: Option<Date>, today: Date) -> SubmissionStatus {
    match sent_on {
        Some(s) if s <= due => SubmissionStatus::OnTime,
        Some(_) => SubmissionStatus::Late,
        None if today > due => SubmissionStatus::Missing,
        None => SubmissionStatus::NotDue,
    }
}

/// The quarter (1–4) a date falls in, for labels such as "Quý II".
pub fn quarter_label(d: Date) -> &'static str {
    match u8::from(d.month()) {
        1..=3 => "Quý I",
        4..=6 => "Quý II",
        7..=9 => "Quý III",
        _ => "Quý IV",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const FROM: Date = date!(2024 - 01 - 01);
    const TO: Date = date!(2024 - 12 - 31);

    fn input(due: &str) -> DeadlineInput {
        DeadlineInput {
            kind: "exemplary_models".into(),
            what: "Hồ sơ gương điển hình".into(),
            due_on: due.into(),
            recurrence: "quarterly".into(),
            ..Default::default()
        }
    }

    #[test]
    fn quarterly_exemplary_models_are_one_rule() {
        let d = input("10/01/2024").validate(FROM, TO).unwrap();
        let dates = occurrences(d.due_on, d.recurrence, d.repeat_until.unwrap_or(TO));
        assert_eq!(
            dates,
            vec![
                date!(2024 - 01 - 10),
                date!(2024 - 04 - 10),
                date!(2024 - 07 - 10),
                date!(2024 - 10 - 10)
            ]
        );
        assert_eq!(quarter_label(dates[1]), "Quý II");
    }

    #[test]
    fn month_ends_are_kept_within_the_month() {
        assert_eq!(add_months(date!(2024 - 01 - 31), 1), date!(2024 - 02 - 29));
        assert_eq!(add_months(date!(2024 - 11 - 30), 3), date!(2025 - 02 - 28));
        assert_eq!(
            occurrences(date!(2024 - 06 - 30), Recurrence::Once, TO),
            vec![date!(2024 - 06 - 30)]
        );
        assert_eq!(
            occurrences(date!(2024 - 01 - 31), Recurrence::Monthly, TO).len(),
            12
        );
    }

    #[test]
    fn deadline_outside_the_period_is_refused() {
        let v = input("10/01/2025").validate(FROM, TO).unwrap_err();
        assert!(
            v.message_for("due_on")
                .unwrap()
                .contains("nằm ngoài thời gian")
        );
        let mut i = input("15/04/2024");
        i.opens_on = "30/04/2024".into();
        assert!(
            i.validate(FROM, TO)
                .unwrap_err()
                .message_for("opens_on")
                .is_some()
        );
        let mut i = input("15/04/2024");
        i.addressees = "unit".into();
        assert!(
            i.validate(FROM, TO)
                .unwrap_err()
                .message_for("unit_id")
                .is_some()
        );
        let v = DeadlineInput::default().validate(FROM, TO).unwrap_err();
        for f in ["kind", "what", "due_on"] {
            assert!(v.message_for(f).is_some(), "{f}");
        }
    }

    #[test]
    fn kinds_are_guessed_from_the_seed_wording() {
        use DeadlineKind::*;
        for (text, kind) in [
            (
                "từ ngày 30/3 đến ngày 15/4/2024: các đơn vị đăng ký danh hiệu thi đua, ký kết giao ước thi đua",
                Registration,
            ),
            (
                "từ ngày 16/11 đến chậm nhất ngày 30/11/2024: chấm điểm, xếp hạng thi đua Khối Phường",
                Scoring,
            ),
            (
                "hồ sơ sinh hoạt Cụm, Khối thi đua 6 tháng đầu năm",
                ClusterDossier,
            ),
            (
                "hồ sơ giới thiệu gương người tốt việc tốt, gương điển hình tiên tiến Quý I",
                ExemplaryModels,
            ),
            (
                "Báo cáo Sơ kết phong trào thi đua yêu nước năm 2024",
                MidYearReport,
            ),
            (
                "gửi Báo cáo kết quả (triển khai kế hoạch và phát động đợt thi đua tại cơ quan, đơn vị)",
                YearEndReport,
            ),
            (
                "gửi hồ sơ đề nghị khen thưởng tổng kết đợt thi đua",
                Nomination,
            ),
            ("gửi hồ sơ đề nghị khen thưởng, biểu dương", Nomination),
            (
                "gửi kế hoạch cụ thể của cơ quan, đơn vị, ngành, cấp mình",
                UnitPlan,
            ),
            ("tham mưu Quận xét duyệt", Other),
        ] {
            assert_eq!(DeadlineKind::guess(text), kind, "{text}");
        }
    }

    #[test]
    fn submission_states() {
        let due = date!(2024 - 06 - 10);
        assert_eq!(
            submission_status(due, Some(date!(2024 - 06 - 10)), date!(2024 - 07 - 01)),
            SubmissionStatus::OnTime
        );
        assert_eq!(
            submission_status(due, Some(date!(2024 - 06 - 11)), date!(2024 - 07 - 01)),
            SubmissionStatus::Late
        );
        assert_eq!(
            submission_status(due, None, date!(2024 - 06 - 11)),
            SubmissionStatus::Missing
        );
        assert_eq!(
            submission_status(due, None, date!(2024 - 06 - 10)),
            SubmissionStatus::NotDue
        );
    }
}

//! A campaign's review report (*báo cáo sơ kết* mid-way, *báo cáo tổng kết* at the end; Law Điều 17(5)):
//! its outline — the sections, in the order an organisation wants them, each either made from the
//! records (participation, targets, deadlines, exemplars, awards) or written by the office — and the
//! office's text for one report. No statutory outline exists [U], so the default follows the usual
//! shape of the seed plans' reports: direction, results, assessment, next tasks, proposals.

use super::long_text;
use crate::org::check_date;
use crate::validation::Validation;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::Date;

/// Mid-way (*sơ kết*) or final (*tổng kết*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportKind {
    Interim,
    Final,
}

impl ReportKind {
    pub const ALL: [ReportKind; 2] = [ReportKind::Interim, ReportKind::Final];

    pub fn code(self) -> &'static str {
        match self {
            Self::Interim => "interim",
            Self::Final => "final",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }
    /// "sơ kết" / "tổng kết", as written inside a sentence.
    pub fn word(self) -> &'static str {
        match self {
            Self::Interim => "sơ kết",
            Self::Final => "tổng kết",
        }
    }
    /// "Báo cáo sơ kết" / "Báo cáo tổng kết".
    pub fn label(self) -> &'static str {
        match self {
            Self::Interim => "Báo cáo sơ kết",
            Self::Final => "Báo cáo tổng kết",
        }
    }
}

/// What fills a section: figures from the records, or only the office's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionSource {
    /// The plan, its launch and who takes part.
    Direction,
    /// Registrations (*đăng ký thi đua*).
    Participation,
    /// Each target against what each unit registered.
    Targets,
    /// Reports and dossiers sent on time, late, or missing, per unit.
    Deadlines,
    /// The quarterly exemplary models sent (*gương điển hình tiên tiến*).
    Exemplars,
    /// Nominations and awards by form.
    Awards,
    /// Text only.
    Text,
}

impl SectionSource {
    pub const ALL: [SectionSource; 7] = [
        Self::Direction,
        Self::Participation,
        Self::Targets,
        Self::Deadlines,
        Self::Exemplars,
        Self::Awards,
        Self::Text,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Direction => "direction",
            Self::Participation => "participation",
            Self::Targets => "targets",
            Self::Deadlines => "deadlines",
            Self::Exemplars => "exemplars",
            Self::Awards => "awards",
            Self::Text => "text",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }

    /// What the section shows, for the outline form.
    pub fn label(self) -> &'static str {
        match self {
            Self::Direction => "Kế hoạch, thời gian, đơn vị tham gia",
            Self::Participation => "Số đơn vị đăng ký thi đua",
            Self::Targets => "Kết quả từng chỉ tiêu so với đăng ký của đơn vị",
            Self::Deadlines => "Báo cáo, hồ sơ gửi đúng hạn, trễ hạn, chưa gửi",
            Self::Exemplars => "Gương điển hình tiên tiến đã gửi",
            Self::Awards => "Đề nghị khen thưởng và khen thưởng theo hình thức",
            Self::Text => "Nội dung do cơ quan viết",
        }
    }
}

/// One section of the outline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Stable key: the office's text for a report is stored under it.
    pub key: String,
    pub heading: String,
    pub source: SectionSource,
    pub enabled: bool,
    /// What to write in it, shown in the empty text box and, if left empty, in the DOCX for the
    /// office to replace.
    pub hint: String,
}

fn section(key: &str, heading: &str, source: SectionSource, hint: &str) -> Section {
    Section {
        key: key.into(),
        heading: heading.into(),
        source,
        enabled: true,
        hint: hint.into(),
    }
}

/// The outline a fresh organisation starts from.
pub fn default_outline() -> Vec<Section> {
    use SectionSource::*;
    vec![
        section(
            "direction",
            "Công tác chỉ đạo, tổ chức triển khai",
            Direction,
            "Việc quán triệt, tuyên truyền, ban hành văn bản hướng dẫn; hình thức phát động.",
        ),
        section(
            "participation",
            "Đăng ký thi đua",
            Participation,
            "Nhận xét về việc đăng ký, ký kết giao ước thi đua.",
        ),
        section(
            "targets",
            "Kết quả thực hiện các chỉ tiêu thi đua",
            Targets,
            "Những kết quả nổi bật, chỉ tiêu vượt và chưa đạt, nguyên nhân.",
        ),
        section(
            "deadlines",
            "Việc thực hiện chế độ báo cáo",
            Deadlines,
            "Nhận xét về tính kịp thời, chất lượng báo cáo của các đơn vị.",
        ),
        section(
            "exemplars",
            "Phát hiện, bồi dưỡng, nhân rộng gương điển hình tiên tiến",
            Exemplars,
            "Các gương điển hình tiêu biểu, cách tuyên truyền, nhân rộng.",
        ),
        section(
            "awards",
            "Công tác khen thưởng",
            Awards,
            "Nhận xét về chất lượng hồ sơ, tính kịp thời của khen thưởng.",
        ),
        section(
            "assessment",
            "Đánh giá chung",
            Text,
            "Ưu điểm; hạn chế, tồn tại và nguyên nhân; bài học kinh nghiệm.",
        ),
        section(
            "next",
            "Phương hướng, nhiệm vụ thời gian tới",
            Text,
            "Nhiệm vụ trọng tâm, giải pháp cho giai đoạn tiếp theo.",
        ),
        section(
            "proposals",
            "Đề xuất, kiến nghị",
            Text,
            "Đề xuất, kiến nghị với cấp trên (nếu có).",
        ),
    ]
}

/// The most sections an outline may have.
pub const MAX_SECTIONS: usize = 20;
const HEADING_MAX: usize = 200;
const HINT_MAX: usize = 500;

/// One row of the outline form, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SectionInput {
    pub key: String,
    pub heading: String,
    pub source: String,
    pub enabled: bool,
    pub hint: String,
    /// Where it goes: the rows are sorted by it (ties keep the form's order).
    pub position: String,
}

/// Checks an outline: every data section appears at most once, headings present, at least one
/// section enabled. Rows with an empty key are new text sections; blank new rows are dropped.
pub fn validate_outline(rows: &[SectionInput]) -> Result<Vec<Section>, Validation> {
    let mut v = Validation::new();
    let mut out: Vec<(i64, usize, Section)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, r) in rows.iter().enumerate() {
        let field = |name: &str| format!("sections[{i}].{name}");
        let is_new = r.key.trim().is_empty();
        if is_new && r.heading.trim().is_empty() {
            continue;
        }
        let source = match r.source.as_str() {
            "" if is_new => SectionSource::Text,
            s => match SectionSource::parse(s) {
                Some(s) => s,
                None => {
                    v.add(
                        &field("source"),
                        "Nội dung mục",
                        "Loại nội dung không hợp lệ.",
                    );
                    continue;
                }
            },
        };
        let heading = v.required_text(&field("heading"), "Tên mục", &r.heading, HEADING_MAX);
        let hint = v
            .optional_text(&field("hint"), "Gợi ý nội dung", &r.hint, HINT_MAX)
            .unwrap_or_default();
        let position = match r.position.trim() {
            "" => (i as i64 + 1) * 10,
            p => p.parse::<i64>().unwrap_or_else(|_| {
                v.add(
                    &field("position"),
                    "Thứ tự",
                    "Thứ tự phải là một số nguyên.",
                );
                0
            }),
        };
        let key = if is_new {
            format!("text-{}", i + 1)
        } else {
            crate::text::clean_line(&r.key)
        };
        if source != SectionSource::Text && !seen.insert(source) {
            v.add(
                &field("source"),
                "Nội dung mục",
                "Mỗi loại số liệu chỉ có ở một mục.",
            );
        }
        let section = Section {
            key,
            heading,
            source,
            enabled: r.enabled,
            hint,
        };
        out.push((position, i, section));
    }
    if out.len() > MAX_SECTIONS {
        v.add(
            "sections",
            "Đề cương",
            format!("Đề cương có tối đa {MAX_SECTIONS} mục."),
        );
    }
    if v.is_ok() && !out.iter().any(|(_, _, s)| s.enabled) {
        v.add(
            "sections",
            "Đề cương",
            "Hãy giữ ít nhất một mục trong báo cáo.",
        );
    }
    out.sort_by_key(|(p, i, _)| (*p, *i));
    let mut sections: Vec<Section> = out.into_iter().map(|(_, _, s)| s).collect();
    dedupe_keys(&mut sections);
    v.finish(sections)
}

/// New text sections get `text-N` keys from their row; a key already used gets a suffix.
fn dedupe_keys(sections: &mut [Section]) {
    let mut used = std::collections::HashSet::new();
    for s in sections.iter_mut() {
        let mut key = s.key.clone();
        let mut n = 2;
        while !used.insert(key.clone()) {
            key = format!("{}-{n}", s.key);
            n += 1;
        }
        s.key = key;
    }
}

/// The office's input for one report: its number, date, figures as of when, and the text of each
/// section (by key).
#[derive(Debug, Clone, Default)]
pub struct ReportInput {
    pub number: String,
    pub issued_on: String,
    pub as_of: String,
    pub texts: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportDraft {
    pub number: Option<String>,
    pub issued_on: Option<Date>,
    pub as_of: Date,
    pub texts: BTreeMap<String, String>,
}

impl ReportInput {
    /// Checks the input against the outline: texts only for its sections; the figures' date within
    /// the campaign's period (a final report may be read after it).
    pub fn validate(
        &self,
        outline: &[Section],
        period: (Date, Date),
    ) -> Result<ReportDraft, Validation> {
        let mut v = Validation::new();
        let number = v.optional_text("number", "Số báo cáo", &self.number, 50);
        let issued_on = check_date(&mut v, "issued_on", "Ngày báo cáo", &self.issued_on, false);
        let as_of = check_date(&mut v, "as_of", "Số liệu tính đến ngày", &self.as_of, true);
        if let Some(d) = as_of
            && d < period.0
        {
            v.add(
                "as_of",
                "Số liệu tính đến ngày",
                "Ngày tính số liệu phải từ ngày bắt đầu của kế hoạch trở đi.",
            );
        }
        let mut texts = BTreeMap::new();
        for (key, raw) in &self.texts {
            let Some(s) = outline.iter().find(|s| &s.key == key) else {
                v.add(
                    &format!("text.{key}"),
                    "Nội dung",
                    "Mục này không có trong đề cương.",
                );
                continue;
            };
            let field = format!("text.{key}");
            if let Some(t) = long_text(&mut v, &field, &s.heading, raw) {
                texts.insert(key.clone(), t);
            }
        }
        let Some(as_of) = as_of else {
            return Err(v);
        };
        v.finish(ReportDraft {
            number,
            issued_on,
            as_of,
            texts,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(key: &str, heading: &str, source: &str, position: &str) -> SectionInput {
        SectionInput {
            key: key.into(),
            heading: heading.into(),
            source: source.into(),
            enabled: true,
            hint: String::new(),
            position: position.into(),
        }
    }

    #[test]
    fn outline_is_sorted_by_position_and_new_rows_become_text_sections() {
        let got = validate_outline(&[
            row("targets", "Kết quả", "targets", "20"),
            row("", "Bài học kinh nghiệm", "", "5"),
            row("", "", "", ""),
        ])
        .unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].heading, "Bài học kinh nghiệm");
        assert_eq!(got[0].source, SectionSource::Text);
        assert_eq!(got[0].key, "text-2");
        assert_eq!(got[1].key, "targets");
    }

    #[test]
    fn outline_refuses_a_data_section_twice_an_empty_heading_and_nothing_enabled() {
        let e = validate_outline(&[
            row("targets", "Kết quả", "targets", "1"),
            row("x", "Lại kết quả", "targets", "2"),
        ])
        .unwrap_err();
        assert!(e.message_for("sections[1].source").is_some());
        let e = validate_outline(&[row("targets", " ", "targets", "1")]).unwrap_err();
        assert!(
            e.message_for("sections[0].heading")
                .unwrap()
                .contains("Tên mục")
        );
        let mut off = row("targets", "Kết quả", "targets", "1");
        off.enabled = false;
        let e = validate_outline(&[off]).unwrap_err();
        assert!(e.message_for("sections").is_some());
        let e = validate_outline(&[row("a", "A", "charts", "1")]).unwrap_err();
        assert!(e.message_for("sections[0].source").is_some());
    }

    #[test]
    fn report_input_checks_dates_and_keys() {
        let outline = default_outline();
        let d = |y, m, day| Date::from_calendar_date(y, m, day).unwrap();
        let period = (
            d(2024, time::Month::January, 1),
            d(2024, time::Month::December, 31),
        );
        let mut input = ReportInput {
            as_of: "30/06/2024".into(),
            ..Default::default()
        };
        input
            .texts
            .insert("assessment".into(), "  Ưu điểm: tốt.  ".into());
        let ok = input.validate(&outline, period).unwrap();
        assert_eq!(ok.as_of, d(2024, time::Month::June, 30));
        assert_eq!(ok.texts["assessment"], "Ưu điểm: tốt.");
        input.as_of = "01/01/2023".into();
        input.texts.insert("nope".into(), "x".into());
        let e = input.validate(&outline, period).unwrap_err();
        assert!(e.message_for("as_of").is_some());
        assert!(e.message_for("text.nope").is_some());
    }
}

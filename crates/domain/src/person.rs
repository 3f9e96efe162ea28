//! People (cá nhân): who they are for the purposes of the law — kind, position, direct-worker flag.

use crate::org::check_date;
use crate::validation::Validation;
use time::Date;

/// The kind of person, which decides which titles apply (e.g. Lao động tiên tiến for cán bộ, công chức,
/// viên chức, người lao động; other forms for nhân dân).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonKind {
    Cadre,
    CivilServant,
    PublicEmployee,
    Worker,
    Soldier,
    Citizen,
}

impl PersonKind {
    pub const ALL: [PersonKind; 6] = [
        Self::Cadre,
        Self::CivilServant,
        Self::PublicEmployee,
        Self::Worker,
        Self::Soldier,
        Self::Citizen,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Cadre => "cadre",
            Self::CivilServant => "civil_servant",
            Self::PublicEmployee => "public_employee",
            Self::Worker => "worker",
            Self::Soldier => "soldier",
            Self::Citizen => "citizen",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Cadre => "Cán bộ",
            Self::CivilServant => "Công chức",
            Self::PublicEmployee => "Viên chức",
            Self::Worker => "Người lao động",
            Self::Soldier => "Lực lượng vũ trang",
            Self::Citizen => "Nhân dân",
        }
    }

    /// Accepts the code or the Vietnamese label typed with or without diacritics (import files).
    pub fn parse(input: &str) -> Option<Self> {
        let folded = crate::text::fold(input);
        Self::ALL
            .into_iter()
            .find(|k| k.code() == input.trim() || crate::text::fold(k.label()) == folded)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    pub fn code(self) -> &'static str {
        match self {
            Self::Male => "male",
            Self::Female => "female",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Male => "Nam",
            Self::Female => "Nữ",
        }
    }
    pub fn parse(input: &str) -> Option<Self> {
        match crate::text::fold(input).as_str() {
            "male" | "nam" => Some(Self::Male),
            "female" | "nu" => Some(Self::Female),
            _ => None,
        }
    }
}

/// What a person typed for a person record.
#[derive(Debug, Clone, Default)]
pub struct PersonInput {
    pub full_name: String,
    pub gender: String,
    pub birth_date: String,
    pub position: String,
    pub kind: String,
    pub direct_worker: bool,
    pub unit_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonDraft {
    pub full_name: String,
    pub gender: Gender,
    pub birth_date: Option<Date>,
    pub position: Option<String>,
    pub kind: PersonKind,
    pub direct_worker: bool,
    pub unit_id: String,
}

impl PersonInput {
    /// Checks every field; `today` bounds the birth date (no one is born in the future or under 15
    /// and working, but citizens of any age can be honoured, so only the future is refused).
    pub fn validate(&self, today: Date) -> Result<PersonDraft, Validation> {
        let mut v = Validation::new();
        let full_name = v.required_text("full_name", "Họ và tên", &self.full_name, 100);
        if !full_name.is_empty()
            && full_name
                .chars()
                .any(|c| c.is_ascii_digit() || matches!(c, '<' | '>' | '{' | '}' | ';'))
        {
            v.add(
                "full_name",
                "Họ và tên",
                "Họ và tên chỉ gồm chữ cái và khoảng trắng.",
            );
        }
        let gender = Gender::parse(&self.gender);
        if gender.is_none() {
            v.add("gender", "Giới tính", "Hãy chọn giới tính Nam hoặc Nữ.");
        }
        let birth_date = check_date(&mut v, "birth_date", "Ngày sinh", &self.birth_date, false);
        if let Some(d) = birth_date
            && d > today
        {
            v.add(
                "birth_date",
                "Ngày sinh",
                "Ngày sinh không thể sau ngày hôm nay.",
            );
        }
        let position = v.optional_text("position", "Chức vụ", &self.position, 150);
        let kind = PersonKind::parse(&self.kind);
        if kind.is_none() {
            v.add("kind", "Đối tượng", "Hãy chọn đối tượng: cán bộ, công chức, viên chức, người lao động, lực lượng vũ trang hoặc nhân dân.");
        }
        let unit_id = self.unit_id.trim().to_string();
        if unit_id.is_empty() {
            v.add("unit_id", "Đơn vị", "Hãy chọn đơn vị công tác.");
        }
        v.finish(PersonDraft {
            full_name,
            gender: gender.unwrap_or(Gender::Male),
            birth_date,
            position,
            kind: kind.unwrap_or(PersonKind::Citizen),
            direct_worker: self.direct_worker,
            unit_id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn parses_kinds_without_diacritics() {
        assert_eq!(
            PersonKind::parse("cong chuc"),
            Some(PersonKind::CivilServant)
        );
        assert_eq!(
            PersonKind::parse("Viên chức"),
            Some(PersonKind::PublicEmployee)
        );
        assert_eq!(PersonKind::parse("worker"), Some(PersonKind::Worker));
        assert_eq!(PersonKind::parse("giám đốc"), None);
        assert_eq!(Gender::parse("Nữ"), Some(Gender::Female));
        assert_eq!(Gender::parse("NU"), Some(Gender::Female));
    }

    #[test]
    fn refuses_future_birth_and_markup() {
        let input = PersonInput {
            full_name: "<script>".into(),
            gender: "x".into(),
            birth_date: "01/01/2030".into(),
            kind: "cadre".into(),
            unit_id: "u".into(),
            ..Default::default()
        };
        let v = input.validate(date!(2026 - 11 - 22)).unwrap_err();
        assert!(v.message_for("full_name").is_some());
        assert!(v.message_for("gender").is_some());
        assert_eq!(
            v.message_for("birth_date"),
            Some("Ngày sinh không thể sau ngày hôm nay.")
        );
    }

    #[test]
    fn accepts_a_normal_person() {
        let input = PersonInput {
            full_name: "Nguyễn Thị  Hoa".into(),
            gender: "female".into(),
            birth_date: "12/05/1985".into(),
            kind: "civil_servant".into(),
            unit_id: "u".into(),
            direct_worker: true,
            position: "Chuyên viên".into(),
        };
        let d = input.validate(date!(2026 - 11 - 22)).unwrap();
        assert_eq!(d.full_name, "Nguyễn Thị Hoa");
        assert!(d.direct_worker);
    }
}

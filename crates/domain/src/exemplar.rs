//! Exemplary people and models (*gương điển hình tiên tiến, người tốt việc tốt*): what a unit puts
//! forward each quarter, what the standing office does with it (select, ask for more, decline), and
//! when it may appear on the public site (selected, consent recorded and not withdrawn, published).

/// What is put forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExemplarKind {
    /// A person (*cá nhân*).
    Person,
    /// A collective (*tập thể*).
    Collective,
    /// A model, way of working or good practice (*mô hình, cách làm hay*).
    Model,
}

impl ExemplarKind {
    pub const ALL: [ExemplarKind; 3] = [Self::Person, Self::Collective, Self::Model];

    pub fn code(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Collective => "collective",
            Self::Model => "model",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Person => "Cá nhân",
            Self::Collective => "Tập thể",
            Self::Model => "Mô hình, cách làm hay",
        }
    }
}

/// Where an exemplar stands with the standing office.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExemplarStatus {
    /// Put forward by its unit, waiting for the office.
    Proposed,
    /// The office asked the unit for more (the reason says what).
    MoreInfo,
    /// Selected by the office: may be forwarded, fostered and published.
    Selected,
    /// Not selected (the reason says why).
    Declined,
}

impl ExemplarStatus {
    pub const ALL: [ExemplarStatus; 4] = [
        Self::Proposed,
        Self::MoreInfo,
        Self::Selected,
        Self::Declined,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Proposed => "proposed",
            Self::MoreInfo => "more_info",
            Self::Selected => "selected",
            Self::Declined => "declined",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Proposed => "Đã giới thiệu, chờ xem xét",
            Self::MoreInfo => "Yêu cầu bổ sung",
            Self::Selected => "Được lựa chọn",
            Self::Declined => "Không lựa chọn",
        }
    }

    /// Whether the unit may still change what it put forward.
    pub fn editable_by_unit(self) -> bool {
        matches!(self, Self::Proposed | Self::MoreInfo)
    }
}

/// What the office (or the unit, for `Resubmit`) does to an exemplar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExemplarAction {
    Select,
    AskMore,
    Decline,
    /// The unit sends it back after adding what was asked.
    Resubmit,
}

impl ExemplarAction {
    pub fn parse(code: &str) -> Option<Self> {
        match code.trim() {
            "select" => Some(Self::Select),
            "ask_more" => Some(Self::AskMore),
            "decline" => Some(Self::Decline),
            "resubmit" => Some(Self::Resubmit),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Select => "select",
            Self::AskMore => "ask_more",
            Self::Decline => "decline",
            Self::Resubmit => "resubmit",
        }
    }

    /// Whether the action needs a written reason (asking for more says what; declining says why).
    pub fn needs_reason(self) -> bool {
        matches!(self, Self::AskMore | Self::Decline)
    }

    /// Whether only the standing office may take it (the unit only resubmits).
    pub fn by_office(self) -> bool {
        !matches!(self, Self::Resubmit)
    }

    /// The status after the action, or a Vietnamese reason why it cannot be taken now.
    pub fn apply(self, from: ExemplarStatus) -> Result<ExemplarStatus, &'static str> {
        use ExemplarStatus::*;
        match (self, from) {
            (Self::Select, Proposed | MoreInfo | Declined) => Ok(Selected),
            (Self::AskMore, Proposed) => Ok(MoreInfo),
            (Self::Decline, Proposed | MoreInfo) => Ok(Declined),
            (Self::Resubmit, MoreInfo) => Ok(Proposed),
            (Self::Resubmit, _) => Err("Chỉ gửi lại được khi Thường trực yêu cầu bổ sung."),
            (_, Selected) => Err("Gương này đã được lựa chọn."),
            (_, Declined) => Err("Gương này đã không được lựa chọn."),
            (_, MoreInfo) => Err("Đang chờ đơn vị bổ sung."),
        }
    }
}

/// What decides whether an exemplar shows on the public site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Publicity {
    pub status: ExemplarStatus,
    /// Consent to publication recorded and not withdrawn.
    pub consent: bool,
    /// The office chose to publish it.
    pub published: bool,
}

impl Publicity {
    /// Shown publicly only when selected, consented and published: a withdrawn consent hides it at once.
    pub fn is_public(self) -> bool {
        self.status == ExemplarStatus::Selected && self.consent && self.published
    }

    /// Why it cannot be published now, if it cannot.
    pub fn publish_refusal(self) -> Option<&'static str> {
        if self.status != ExemplarStatus::Selected {
            Some("Chỉ công bố gương đã được lựa chọn.")
        } else if !self.consent {
            Some("Chưa ghi nhận sự đồng ý công khai của người (tập thể) được nêu gương.")
        } else {
            None
        }
    }
}

/// The quarter (1–4) a month (1–12) falls in.
pub fn quarter_of(month: u8) -> u8 {
    (month.clamp(1, 12) - 1) / 3 + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use ExemplarStatus::*;

    #[test]
    fn the_office_selects_asks_for_more_or_declines_and_the_unit_resubmits() {
        assert_eq!(ExemplarAction::Select.apply(Proposed), Ok(Selected));
        assert_eq!(ExemplarAction::AskMore.apply(Proposed), Ok(MoreInfo));
        assert_eq!(ExemplarAction::Resubmit.apply(MoreInfo), Ok(Proposed));
        assert_eq!(ExemplarAction::Decline.apply(MoreInfo), Ok(Declined));
        assert_eq!(ExemplarAction::Select.apply(Declined), Ok(Selected));
        assert!(ExemplarAction::Resubmit.apply(Proposed).is_err());
        assert!(ExemplarAction::Decline.apply(Selected).is_err());
        assert!(ExemplarAction::AskMore.apply(Selected).is_err());
    }

    #[test]
    fn every_status_and_action_round_trips_its_code() {
        for s in ExemplarStatus::ALL {
            assert_eq!(ExemplarStatus::parse(s.code()), Some(s));
        }
        for k in ExemplarKind::ALL {
            assert_eq!(ExemplarKind::parse(k.code()), Some(k));
        }
        for a in ["select", "ask_more", "decline", "resubmit"] {
            assert_eq!(ExemplarAction::parse(a).map(ExemplarAction::code), Some(a));
        }
    }

    #[test]
    fn public_only_when_selected_consented_and_published() {
        for status in ExemplarStatus::ALL {
            for consent in [false, true] {
                for published in [false, true] {
                    let p = Publicity {
                        status,
                        consent,
                        published,
                    };
                    assert_eq!(p.is_public(), status == Selected && consent && published);
                    assert_eq!(p.publish_refusal().is_none(), status == Selected && consent);
                }
            }
        }
    }

    #[test]
    fn quarters_of_the_year() {
        let q: Vec<u8> = (1..=12).map(quarter_of).collect();
        assert_eq!(q, [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);
    }
}

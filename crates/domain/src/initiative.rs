//! Initiatives (sáng kiến) and research works: the register's state machine (proposed → under
//! evaluation → recognised at a level, or not recognised; withdrawn before the council decides), the
//! authors' shares (each above zero, together 100 %, no author twice), and the rule that an initiative is
//! the basis of one title or award only (Công văn 5007/BNV-TĐKT, Mục III.5.c; Law Điều 5(2)(c)).

/// Where an initiative is in the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Registered by its unit; the unit may still edit or withdraw it.
    Proposed,
    /// Sent to the council by the standing office; waits for a session.
    UnderEvaluation,
    /// Recognised by the council at a [`Level`].
    Recognised,
    /// The council did not recognise it.
    NotRecognised,
    /// Withdrawn by its unit or the office before the council decided.
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Self::Proposed,
        Self::UnderEvaluation,
        Self::Recognised,
        Self::NotRecognised,
        Self::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Proposed => "proposed",
            Self::UnderEvaluation => "under_evaluation",
            Self::Recognised => "recognised",
            Self::NotRecognised => "not_recognised",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Proposed => "Đơn vị đề nghị",
            Self::UnderEvaluation => "Chờ Hội đồng xét",
            Self::Recognised => "Được công nhận",
            Self::NotRecognised => "Không được công nhận",
            Self::Withdrawn => "Đã rút",
        }
    }
}

/// The scope at which the council recognised an initiative, ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Base,
    Province,
    National,
}

impl Level {
    pub const ALL: [Level; 3] = [Self::Base, Self::Province, Self::National];

    /// The code shared with the ledger and the rules (`base`, `province`, `national`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Base => "base",
            Self::Province => "province",
            Self::National => "national",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Base => "Cấp cơ sở",
            Self::Province => "Phạm vi bộ, ngành, tỉnh",
            Self::National => "Phạm vi toàn quốc",
        }
    }
}

/// What can happen to an initiative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// Its unit edits it (name, authors, description, files).
    Edit,
    /// The office sends it to the council.
    SendToCouncil,
    /// The council recognises it at a level.
    Recognise(Level),
    /// The council does not recognise it.
    Reject,
    /// Its unit or the office withdraws it.
    Withdraw,
}

/// The status after `event`, or why it may not happen, in Vietnamese.
pub fn transition(from: Status, event: Event) -> Result<Status, String> {
    use Status::*;
    let to = match (from, event) {
        (Proposed, Event::Edit) => Proposed,
        (Proposed, Event::SendToCouncil) => UnderEvaluation,
        (UnderEvaluation, Event::Recognise(_)) => Recognised,
        (UnderEvaluation, Event::Reject) => NotRecognised,
        (Proposed | UnderEvaluation, Event::Withdraw) => Withdrawn,
        (_, e) => return Err(refusal(from, e)),
    };
    Ok(to)
}

fn refusal(from: Status, event: Event) -> String {
    let what = match event {
        Event::Edit => "Chỉ sửa được sáng kiến khi đơn vị còn đang đề nghị (chưa gửi Hội đồng).",
        Event::SendToCouncil => "Chỉ gửi Hội đồng được sáng kiến đơn vị đang đề nghị.",
        Event::Recognise(_) | Event::Reject => {
            "Hội đồng chỉ xét sáng kiến đã được gửi Hội đồng (đang chờ xét)."
        }
        Event::Withdraw => "Không rút được sáng kiến Hội đồng đã xét.",
    };
    format!("{what} Sáng kiến này đang ở trạng thái «{}».", from.label())
}

/// Hundredths of a per cent: 100 % is 10000.
pub const WHOLE: u32 = 10_000;

/// Parses a share typed as a per cent (`50`, `33,33`, `33.33`, `12.5 %`) into hundredths of a per cent.
pub fn parse_share(raw: &str) -> Option<u32> {
    let s = raw.trim().trim_end_matches('%').trim().replace(',', ".");
    let (int, frac) = s.split_once('.').unwrap_or((s.as_str(), ""));
    if int.is_empty() || int.len() > 3 || frac.len() > 2 {
        return None;
    }
    if !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole: u32 = int.parse().ok()?;
    let mut hundredths: u32 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    if frac.len() == 1 {
        hundredths *= 10;
    }
    let v = whole * 100 + hundredths;
    (v <= WHOLE).then_some(v)
}

/// Shows a share in hundredths of a per cent the Vietnamese way: `33,33 %`, `50 %`.
pub fn share_label(bp: u32) -> String {
    if bp.is_multiple_of(100) {
        format!("{} %", bp / 100)
    } else {
        format!("{},{:02} %", bp / 100, bp % 100)
    }
}

/// What is wrong with a list of authors and their shares (author key, hundredths of a per cent), in
/// Vietnamese; empty when there is at least one author, none twice, each share above zero, and the
/// shares make exactly 100 %.
pub fn share_problems<K: PartialEq>(authors: &[(K, u32)]) -> Vec<String> {
    let mut out = Vec::new();
    if authors.is_empty() {
        out.push("Sáng kiến phải có ít nhất một tác giả.".to_string());
        return out;
    }
    let twice = authors
        .iter()
        .enumerate()
        .any(|(i, (k, _))| authors[..i].iter().any(|(o, _)| o == k));
    if twice {
        out.push("Mỗi tác giả chỉ được ghi một lần.".to_string());
    }
    if authors.iter().any(|(_, s)| *s == 0) {
        out.push("Tỷ lệ đóng góp của mỗi tác giả phải lớn hơn 0 %.".to_string());
    }
    let sum: u64 = authors.iter().map(|(_, s)| u64::from(*s)).sum();
    if sum != u64::from(WHOLE) {
        out.push(format!(
            "Tổng tỷ lệ đóng góp của các tác giả phải bằng 100 %; hiện là {}.",
            share_label(u32::try_from(sum).unwrap_or(u32::MAX))
        ));
    }
    out
}

/// The refusal of a second use, naming the first: «Sáng kiến này đã được dùng làm căn cứ cho
/// {first}.»
pub fn second_use(first: &str) -> String {
    format!(
        "Sáng kiến này đã được dùng làm căn cứ cho {first}. Mỗi sáng kiến chỉ được dùng làm căn cứ một lần, cho một danh hiệu thi đua hoặc một hình thức khen thưởng."
    )
}

/// Whether an initiative in `status`, already used for `first_use` (its label) if any, may now be used
/// as the basis of a title or an award.
pub fn may_use(status: Status, first_use: Option<&str>) -> Result<(), String> {
    if let Some(first) = first_use {
        return Err(second_use(first));
    }
    if status != Status::Recognised {
        return Err(format!(
            "Chỉ sáng kiến đã được Hội đồng công nhận mới được dùng làm căn cứ khen thưởng; sáng kiến này đang ở trạng thái «{}».",
            status.label()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_council_decides_only_what_was_sent_to_it() {
        use Status::*;
        assert_eq!(transition(Proposed, Event::Edit), Ok(Proposed));
        assert_eq!(
            transition(Proposed, Event::SendToCouncil),
            Ok(UnderEvaluation)
        );
        assert_eq!(
            transition(UnderEvaluation, Event::Recognise(Level::Base)),
            Ok(Recognised)
        );
        assert_eq!(
            transition(UnderEvaluation, Event::Reject),
            Ok(NotRecognised)
        );
        assert!(transition(Proposed, Event::Recognise(Level::Base)).is_err());
        assert!(transition(UnderEvaluation, Event::Edit).is_err());
        assert!(transition(Recognised, Event::Withdraw).is_err());
        assert!(transition(Withdrawn, Event::SendToCouncil).is_err());
        let e = transition(Recognised, Event::Edit).unwrap_err();
        assert!(e.contains("Được công nhận"), "{e}");
    }

    #[test]
    fn final_states_accept_nothing() {
        let events = [
            Event::Edit,
            Event::SendToCouncil,
            Event::Recognise(Level::National),
            Event::Reject,
            Event::Withdraw,
        ];
        for s in [Status::Recognised, Status::NotRecognised, Status::Withdrawn] {
            for e in events {
                assert!(transition(s, e).is_err(), "{s:?} {e:?}");
            }
        }
    }

    #[test]
    fn codes_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.code()), Some(s));
        }
        for l in Level::ALL {
            assert_eq!(Level::parse(l.code()), Some(l));
        }
        assert!(Level::Base < Level::Province && Level::Province < Level::National);
    }

    #[test]
    fn shares_are_typed_as_per_cents() {
        assert_eq!(parse_share("50"), Some(5000));
        assert_eq!(parse_share("33,33"), Some(3333));
        assert_eq!(parse_share("12.5 %"), Some(1250));
        assert_eq!(parse_share("100"), Some(10_000));
        assert_eq!(parse_share("100,01"), None);
        assert_eq!(parse_share("-5"), None);
        assert_eq!(parse_share("abc"), None);
        assert_eq!(parse_share(""), None);
        assert_eq!(share_label(3333), "33,33 %");
        assert_eq!(share_label(5000), "50 %");
    }

    #[test]
    fn shares_must_make_one_hundred() {
        assert!(share_problems(&[("a", 6000), ("b", 4000)]).is_empty());
        let p = share_problems(&[("a", 6000), ("b", 3000)]);
        assert_eq!(p.len(), 1);
        assert!(p[0].contains("hiện là 90 %"), "{p:?}");
        assert!(!share_problems::<&str>(&[]).is_empty());
        assert!(share_problems(&[("a", 5000), ("a", 5000)])[0].contains("một lần"));
        assert!(!share_problems(&[("a", 0), ("b", 10_000)]).is_empty());
    }

    #[test]
    fn an_initiative_is_used_once() {
        assert!(may_use(Status::Recognised, None).is_ok());
        assert!(may_use(Status::Proposed, None).is_err());
        let first = "Bằng khen của Chủ tịch UBND Thành phố (Quyết định số 12/QĐ-UBND)";
        let e = may_use(Status::Recognised, Some(first)).unwrap_err();
        assert!(e.starts_with("Sáng kiến này đã được dùng làm căn cứ cho Bằng khen"));
        assert!(e.contains("12/QĐ-UBND"));
    }

    proptest! {
        /// Shares that are all positive and add up to 100 % are accepted; anything else is refused.
        #[test]
        fn shares_accepted_iff_positive_and_whole(shares in proptest::collection::vec(0u32..6000, 0..6)) {
            let authors: Vec<(usize, u32)> = shares.iter().copied().enumerate().collect();
            let sum: u32 = shares.iter().sum();
            let ok = !shares.is_empty() && shares.iter().all(|s| *s > 0) && sum == WHOLE;
            prop_assert_eq!(share_problems(&authors).is_empty(), ok);
        }

        /// Splitting 100 % among n authors (the last takes the remainder) is always accepted.
        #[test]
        fn an_even_split_is_accepted(n in 1usize..12) {
            let each = WHOLE / n as u32;
            let mut authors: Vec<(usize, u32)> = (0..n).map(|i| (i, each)).collect();
            if let Some(last) = authors.last_mut() {
                last.1 += WHOLE - each * n as u32;
            }
            prop_assert!(share_problems(&authors).is_empty());
        }

        /// A share printed and typed back is the same share.
        #[test]
        fn share_labels_parse_back(bp in 0u32..=WHOLE) {
            prop_assert_eq!(parse_share(&share_label(bp)), Some(bp));
        }

        /// Whatever happened before, a recognised initiative already used is refused, naming the first use.
        #[test]
        fn a_second_use_names_the_first(label in "[A-Za-z0-9 ]{1,40}") {
            let e = may_use(Status::Recognised, Some(&label)).unwrap_err();
            prop_assert!(e.contains(&label));
        }
    }
}

//! Nominations (*hồ sơ đề nghị khen thưởng*) and council meetings as explicit state machines: the
//! states, the allowed transitions, and which part a person plays to trigger each. The web layer asks
//! [`NominationStatus::apply`] before every change; the UI shows [`NominationStatus::label`], never a code.

use serde::Serialize;
use std::cmp::Ordering;

/// Where a nomination stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum NominationStatus {
    /// Being prepared by the nominating unit.
    Draft,
    /// Sent to the lead unit of its theme, which consolidates and forwards (or returns) it.
    AtThemeLead,
    /// With the standing office, waiting for appraisal.
    Submitted,
    /// Sent back with reasons; the unit fixes and resubmits (a new round).
    Returned,
    /// Taken back by the unit before appraisal.
    Withdrawn,
    /// Appraised and accepted (possibly for a lower form); ready for the council.
    Accepted,
    /// On the agenda of a council meeting.
    OnAgenda,
    /// Passed the council vote.
    Passed,
    /// Did not reach the vote threshold (or fell outside the quota).
    Failed,
    /// Awarded by a decision of this body.
    Decided,
    /// Sent to a higher authority, which decides.
    Forwarded,
    /// The decision was revoked (Law Điều 93).
    Revoked,
}

/// The part a person plays towards one nomination; [`crate::policy`] decides who holds which part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Part {
    /// The officer of the nominating unit (or the office acting for it).
    Nominator,
    /// The officer of the theme's lead unit.
    ThemeLead,
    /// The standing office: appraisal, meetings, forwarding.
    Office,
    /// Closing a council meeting (the tally decides passed or failed).
    Council,
    /// The chairman (or the office on the chairman's behalf): decisions and revocations.
    Decider,
}

/// Something done to a nomination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum NominationAction {
    /// Send the dossier: to the theme lead when the plan names one, else to the standing office.
    Submit {
        via_theme_lead: bool,
    },
    /// The theme lead forwards it to the standing office.
    Forward,
    /// Send back with reasons (theme lead or standing office).
    Return,
    /// The unit takes it back before appraisal.
    Withdraw,
    /// The standing office accepts it (the form may have been lowered).
    Accept,
    /// Put on a meeting's agenda.
    Schedule,
    /// Taken off the agenda before the vote.
    Unschedule,
    /// The meeting's tally: passed or failed.
    Pass,
    Fail,
    /// Awarded by this body's decision.
    Decide,
    /// Sent to a higher authority's decision.
    ForwardUp,
    /// The decision is revoked.
    Revoke,
}

impl NominationStatus {
    pub const ALL: [NominationStatus; 12] = [
        Self::Draft,
        Self::AtThemeLead,
        Self::Submitted,
        Self::Returned,
        Self::Withdrawn,
        Self::Accepted,
        Self::OnAgenda,
        Self::Passed,
        Self::Failed,
        Self::Decided,
        Self::Forwarded,
        Self::Revoked,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::AtThemeLead => "at_theme_lead",
            Self::Submitted => "submitted",
            Self::Returned => "returned",
            Self::Withdrawn => "withdrawn",
            Self::Accepted => "accepted",
            Self::OnAgenda => "on_agenda",
            Self::Passed => "passed",
            Self::Failed => "failed",
            Self::Decided => "decided",
            Self::Forwarded => "forwarded",
            Self::Revoked => "revoked",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Đang soạn",
            Self::AtThemeLead => "Chờ đơn vị chủ trì chuyên đề tổng hợp",
            Self::Submitted => "Chờ thẩm định",
            Self::Returned => "Bị trả lại, chờ bổ sung",
            Self::Withdrawn => "Đã thu hồi",
            Self::Accepted => "Đã thẩm định, chờ Hội đồng xét",
            Self::OnAgenda => "Đưa ra phiên họp Hội đồng",
            Self::Passed => "Hội đồng đã thông qua",
            Self::Failed => "Hội đồng không thông qua",
            Self::Decided => "Đã có quyết định khen thưởng",
            Self::Forwarded => "Đã trình cấp trên",
            Self::Revoked => "Đã hủy quyết định",
        }
    }

    /// True while the nominating unit may still edit the dossier.
    pub fn editable_by_unit(self) -> bool {
        matches!(self, Self::Draft | Self::Returned)
    }

    /// True when the nomination still counts against the plan's quota (not withdrawn, failed or revoked).
    pub fn counts_for_quota(self) -> bool {
        !matches!(
            self,
            Self::Draft | Self::Withdrawn | Self::Failed | Self::Revoked
        )
    }

    /// The part that may take `action` from this state, and the state it leads to; `None` when the
    /// action is not allowed here.
    pub fn transition(self, action: NominationAction) -> Option<(Part, NominationStatus)> {
        use NominationAction as A;
        use NominationStatus as S;
        Some(match (self, action) {
            (
                S::Draft | S::Returned,
                A::Submit {
                    via_theme_lead: true,
                },
            ) => (Part::Nominator, S::AtThemeLead),
            (
                S::Draft | S::Returned,
                A::Submit {
                    via_theme_lead: false,
                },
            ) => (Part::Nominator, S::Submitted),
            (S::AtThemeLead, A::Forward) => (Part::ThemeLead, S::Submitted),
            (S::AtThemeLead, A::Return) => (Part::ThemeLead, S::Returned),
            (S::Submitted, A::Return) => (Part::Office, S::Returned),
            (S::Draft | S::AtThemeLead | S::Submitted | S::Returned, A::Withdraw) => {
                (Part::Nominator, S::Withdrawn)
            }
            (S::Submitted, A::Accept) => (Part::Office, S::Accepted),
            (S::Accepted, A::Schedule) => (Part::Office, S::OnAgenda),
            (S::OnAgenda, A::Unschedule) => (Part::Office, S::Accepted),
            (S::OnAgenda, A::Pass) => (Part::Council, S::Passed),
            (S::OnAgenda, A::Fail) => (Part::Council, S::Failed),
            (S::Passed, A::Decide) => (Part::Decider, S::Decided),
            (S::Passed, A::ForwardUp) => (Part::Office, S::Forwarded),
            (S::Decided, A::Revoke) => (Part::Decider, S::Revoked),
            _ => return None,
        })
    }

    /// Applies `action` for someone playing `parts`; the new state, or the Vietnamese reason it is refused.
    pub fn apply(
        self,
        action: NominationAction,
        parts: &[Part],
    ) -> Result<NominationStatus, String> {
        match self.transition(action) {
            None => Err(format!(
                "Không thể {} khi hồ sơ đang ở trạng thái «{}».",
                action.verb(),
                self.label()
            )),
            Some((part, _)) if !parts.contains(&part) => {
                Err(format!("Bạn không có quyền {} hồ sơ này.", action.verb()))
            }
            Some((_, next)) => Ok(next),
        }
    }
}

impl NominationAction {
    /// The Vietnamese verb for messages ("Không thể gửi …").
    pub fn verb(self) -> &'static str {
        match self {
            Self::Submit { .. } => "gửi",
            Self::Forward => "chuyển Thường trực Hội đồng",
            Self::Return => "trả lại",
            Self::Withdraw => "thu hồi",
            Self::Accept => "chấp nhận",
            Self::Schedule => "đưa ra phiên họp",
            Self::Unschedule => "rút khỏi phiên họp",
            Self::Pass => "ghi nhận thông qua",
            Self::Fail => "ghi nhận không thông qua",
            Self::Decide => "quyết định khen thưởng",
            Self::ForwardUp => "trình cấp trên",
            Self::Revoke => "hủy quyết định",
        }
    }

    /// The audit and timeline code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Submit { .. } => "submit",
            Self::Forward => "forward",
            Self::Return => "return",
            Self::Withdraw => "withdraw",
            Self::Accept => "accept",
            Self::Schedule => "schedule",
            Self::Unschedule => "unschedule",
            Self::Pass => "pass",
            Self::Fail => "fail",
            Self::Decide => "decide",
            Self::ForwardUp => "forward_up",
            Self::Revoke => "revoke",
        }
    }
}

/// A council meeting's lifecycle: scheduled (agenda being prepared) → open (voting) → closed
/// (results and minutes frozen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum MeetingStatus {
    Scheduled,
    Open,
    Closed,
}

impl MeetingStatus {
    pub const ALL: [MeetingStatus; 3] = [Self::Scheduled, Self::Open, Self::Closed];

    pub fn code(self) -> &'static str {
        match self {
            Self::Scheduled => "scheduled",
            Self::Open => "open",
            Self::Closed => "closed",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Scheduled => "Đã lên lịch",
            Self::Open => "Đang bỏ phiếu",
            Self::Closed => "Đã kết thúc",
        }
    }

    /// Agenda items may be added or removed.
    pub fn agenda_editable(self) -> bool {
        self == Self::Scheduled
    }

    /// Ballots, conflicts of interest and written opinions are accepted.
    pub fn voting(self) -> bool {
        self == Self::Open
    }

    /// The next state: open after scheduled, closed after open.
    pub fn advance(self) -> Result<MeetingStatus, &'static str> {
        match self {
            Self::Scheduled => Ok(Self::Open),
            Self::Open => Ok(Self::Closed),
            Self::Closed => Err("Phiên họp đã kết thúc; kết quả và biên bản không thay đổi được."),
        }
    }
}

/// One member's choice on one agenda item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum VoteChoice {
    Agree,
    Disagree,
    Abstain,
}

impl VoteChoice {
    pub fn code(self) -> &'static str {
        match self {
            Self::Agree => "agree",
            Self::Disagree => "disagree",
            Self::Abstain => "abstain",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code.trim() {
            "agree" => Some(Self::Agree),
            "disagree" => Some(Self::Disagree),
            "abstain" => Some(Self::Abstain),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Agree => "Đồng ý",
            Self::Disagree => "Không đồng ý",
            Self::Abstain => "Không biểu quyết",
        }
    }
}

/// The tally of one agenda item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    pub agree: u32,
    pub disagree: u32,
    pub abstain: u32,
}

/// Whether an item passed: `agree / total_members ≥ threshold` when the rule set asks for a share of
/// all members (80 %, 90 %), else a simple majority of all members (ND 98 Điều 30(7): the
/// denominator is the whole council, not those present; absent members vote in writing).
pub fn passes(t: Tally, total_members: u32, threshold: Option<f64>) -> bool {
    if total_members == 0 {
        return false;
    }
    let share = f64::from(t.agree) / f64::from(total_members);
    match threshold {
        Some(th) => share + 1e-9 >= th,
        None => share > 0.5,
    }
}

/// A meeting is valid when enough members took part (present or in writing): `≥ quorum` of all.
pub fn quorate(taking_part: u32, total_members: u32, quorum: f64) -> bool {
    total_members > 0 && f64::from(taking_part) / f64::from(total_members) + 1e-9 >= quorum
}

/// A reaching agenda item as the quota ranking sees it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuotaCandidate {
    /// Agree votes (electronic and paper).
    pub agree: u32,
    /// An individual who works directly (*người trực tiếp lao động, sản xuất, công tác*:
    /// `persons.direct_worker`); always false for collectives and households.
    pub direct_worker: bool,
    /// A woman, or a collective whose people are at least 70 % women (ND 152/2025 Điều 4(6)).
    pub women_first: bool,
    /// When the nomination reached the standing office (`submitted_at`: RFC 3339 in UTC, fixed width,
    /// so it sorts as text); `None` ranks after any time.
    pub submitted_at: Option<String>,
    /// Position on the agenda.
    pub position: i64,
}

/// The step of the ranking that puts one item below another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankedBy {
    /// Fewer agree votes.
    Votes,
    /// Equal votes; the other is an individual who works directly.
    DirectWorker,
    /// Equal so far; the other is a woman or a collective of at least 70 % women.
    Women,
    /// Equal so far; the other reached the standing office earlier.
    Submission,
    /// Equal so far; the other comes earlier on the agenda.
    Agenda,
}

/// Where a reaching item ranks for a quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotaPlace {
    /// Rank among the reaching items of its group, from 1.
    pub rank: usize,
    /// Within the places of the quota.
    pub kept: bool,
    /// For an item left out: the step that ranked it below the last item kept; `None` when the quota
    /// had no place left at all (or the item is kept).
    pub cut_by: Option<RankedBy>,
}

/// How `a` ranks against `b` (`Less`: `a` first) and the step that decided it.
fn quota_order(a: &QuotaCandidate, b: &QuotaCandidate) -> (Ordering, RankedBy) {
    let steps = [
        (b.agree.cmp(&a.agree), RankedBy::Votes),
        (
            b.direct_worker.cmp(&a.direct_worker),
            RankedBy::DirectWorker,
        ),
        (b.women_first.cmp(&a.women_first), RankedBy::Women),
        (
            match (&a.submitted_at, &b.submitted_at) {
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
            RankedBy::Submission,
        ),
    ];
    steps
        .into_iter()
        .find(|(o, _)| o.is_ne())
        .unwrap_or((a.position.cmp(&b.position), RankedBy::Agenda))
}

/// Ranks the items that reached the vote threshold when more of them reach than a quota's `places`
/// allow, and keeps the first `places`. The order, in this exact sequence:
///
/// 1. more agree votes first;
/// 2. on equal votes, an individual who works directly (*cá nhân trực tiếp lao động, sản xuất, công
///    tác*) before one who does not — the Law's emphasis on people who work directly (Luật Thi đua,
///    khen thưởng 2022, Điều 5 khoản 2) and the seed plans' "Ưu tiên tập thể nhỏ, cá nhân trực tiếp
///    tham gia tổ chức và thực hiện phong trào thi đua";
/// 3. then a woman, or a collective whose people are at least 70 % women, before the others (ND
///    152/2025 Điều 4(6): among candidates equally qualified, women and such collectives first);
/// 4. then the nomination that reached the standing office earlier (`submitted_at`);
/// 5. then the earlier position on the agenda, which is never equal, so the order is total.
///
/// The same emphasis puts smaller collectives first, but units carry no size (head count) in the data,
/// so that step is left out: collectives tie-break on steps 3 to 5 only.
///
/// Returns one place per item, in the order given.
pub fn rank_for_quota(items: &[QuotaCandidate], places: usize) -> Vec<QuotaPlace> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| quota_order(&items[a], &items[b]).0);
    let mut out = vec![
        QuotaPlace {
            rank: 0,
            kept: false,
            cut_by: None
        };
        items.len()
    ];
    let last_kept = places.checked_sub(1).and_then(|k| order.get(k)).copied();
    for (k, &i) in order.iter().enumerate() {
        let kept = k < places;
        let cut_by = match last_kept {
            Some(l) if !kept => Some(quota_order(&items[l], &items[i]).1),
            _ => None,
        };
        out[i] = QuotaPlace {
            rank: k + 1,
            kept,
            cut_by,
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use NominationAction as A;
    use NominationStatus as S;

    const ACTIONS: [NominationAction; 13] = [
        A::Submit {
            via_theme_lead: true,
        },
        A::Submit {
            via_theme_lead: false,
        },
        A::Forward,
        A::Return,
        A::Withdraw,
        A::Accept,
        A::Schedule,
        A::Unschedule,
        A::Pass,
        A::Fail,
        A::Decide,
        A::ForwardUp,
        A::Revoke,
    ];

    /// Every (state, action) pair: exactly the listed ones are allowed, each for exactly one part.
    #[test]
    fn nomination_state_machine_is_exhaustive() {
        let allowed: Vec<(S, A, Part, S)> = vec![
            (
                S::Draft,
                A::Submit {
                    via_theme_lead: true,
                },
                Part::Nominator,
                S::AtThemeLead,
            ),
            (
                S::Draft,
                A::Submit {
                    via_theme_lead: false,
                },
                Part::Nominator,
                S::Submitted,
            ),
            (
                S::Returned,
                A::Submit {
                    via_theme_lead: true,
                },
                Part::Nominator,
                S::AtThemeLead,
            ),
            (
                S::Returned,
                A::Submit {
                    via_theme_lead: false,
                },
                Part::Nominator,
                S::Submitted,
            ),
            (S::AtThemeLead, A::Forward, Part::ThemeLead, S::Submitted),
            (S::AtThemeLead, A::Return, Part::ThemeLead, S::Returned),
            (S::Submitted, A::Return, Part::Office, S::Returned),
            (S::Draft, A::Withdraw, Part::Nominator, S::Withdrawn),
            (S::AtThemeLead, A::Withdraw, Part::Nominator, S::Withdrawn),
            (S::Submitted, A::Withdraw, Part::Nominator, S::Withdrawn),
            (S::Returned, A::Withdraw, Part::Nominator, S::Withdrawn),
            (S::Submitted, A::Accept, Part::Office, S::Accepted),
            (S::Accepted, A::Schedule, Part::Office, S::OnAgenda),
            (S::OnAgenda, A::Unschedule, Part::Office, S::Accepted),
            (S::OnAgenda, A::Pass, Part::Council, S::Passed),
            (S::OnAgenda, A::Fail, Part::Council, S::Failed),
            (S::Passed, A::Decide, Part::Decider, S::Decided),
            (S::Passed, A::ForwardUp, Part::Office, S::Forwarded),
            (S::Decided, A::Revoke, Part::Decider, S::Revoked),
        ];
        let parts = [
            Part::Nominator,
            Part::ThemeLead,
            Part::Office,
            Part::Council,
            Part::Decider,
        ];
        for s in S::ALL {
            for a in ACTIONS {
                let expected = allowed.iter().find(|x| x.0 == s && x.1 == a);
                assert_eq!(s.transition(a), expected.map(|x| (x.2, x.3)), "{s:?} {a:?}");
                for p in parts {
                    let r = s.apply(a, &[p]);
                    match expected {
                        Some(x) if x.2 == p => assert_eq!(r, Ok(x.3)),
                        Some(_) => assert!(
                            r.unwrap_err().starts_with("Bạn không có quyền"),
                            "{s:?} {a:?} {p:?}"
                        ),
                        None => assert!(r.unwrap_err().starts_with("Không thể"), "{s:?} {a:?}"),
                    }
                }
            }
            assert_eq!(S::parse(s.code()), Some(s));
            assert!(!s.label().is_empty() && !s.label().contains('_'));
        }
    }

    #[test]
    fn terminal_states_take_nothing_but_revocation() {
        for s in [S::Withdrawn, S::Failed, S::Forwarded, S::Revoked] {
            assert!(ACTIONS.iter().all(|a| s.transition(*a).is_none()), "{s:?}");
        }
        assert!(
            S::Draft.editable_by_unit()
                && S::Returned.editable_by_unit()
                && !S::Submitted.editable_by_unit()
        );
        assert!(
            S::Submitted.counts_for_quota()
                && !S::Withdrawn.counts_for_quota()
                && !S::Draft.counts_for_quota()
        );
    }

    #[test]
    fn meeting_lifecycle() {
        assert_eq!(MeetingStatus::Scheduled.advance(), Ok(MeetingStatus::Open));
        assert_eq!(MeetingStatus::Open.advance(), Ok(MeetingStatus::Closed));
        assert!(MeetingStatus::Closed.advance().is_err());
        assert!(
            MeetingStatus::Scheduled.agenda_editable() && !MeetingStatus::Open.agenda_editable()
        );
        assert!(MeetingStatus::Open.voting() && !MeetingStatus::Closed.voting());
    }

    #[test]
    fn thresholds_count_all_members() {
        // 12 of 15 members agree: 80 % of all members — passes 80 %, fails 90 %.
        let t = Tally {
            agree: 12,
            disagree: 1,
            abstain: 0,
        };
        assert!(passes(t, 15, Some(0.8)));
        assert!(!passes(t, 15, Some(0.9)));
        // Majority of all members, not of those voting: 7 of 15 is not enough.
        assert!(!passes(
            Tally {
                agree: 7,
                disagree: 0,
                abstain: 0
            },
            15,
            None
        ));
        assert!(passes(
            Tally {
                agree: 8,
                disagree: 7,
                abstain: 0
            },
            15,
            None
        ));
        assert!(!passes(Tally::default(), 0, None));
        assert!(quorate(10, 15, 2.0 / 3.0) && !quorate(9, 15, 2.0 / 3.0));
    }

    fn cand(
        agree: u32,
        direct_worker: bool,
        submitted_at: Option<&str>,
        position: i64,
    ) -> QuotaCandidate {
        QuotaCandidate {
            agree,
            direct_worker,
            women_first: false,
            submitted_at: submitted_at.map(str::to_string),
            position,
        }
    }

    #[test]
    fn quota_ties_go_to_women_after_the_direct_worker_and_before_the_earlier_submission() {
        let woman = |c: QuotaCandidate| QuotaCandidate {
            women_first: true,
            ..c
        };
        // Equal votes, neither working directly: the woman (or the collective of ≥ 70 % women), though
        // sent later and later on the agenda, comes first (ND 152 Điều 4(6)).
        let items = [cand(8, false, EARLY, 1), woman(cand(8, false, LATE, 2))];
        let p = rank_for_quota(&items, 1);
        assert_eq!((kept(&p), p[0].cut_by), (vec![1], Some(RankedBy::Women)));
        // The direct worker still comes before.
        let items = [woman(cand(8, false, EARLY, 1)), cand(8, true, LATE, 2)];
        let p = rank_for_quota(&items, 1);
        assert_eq!(
            (kept(&p), p[0].cut_by),
            (vec![1], Some(RankedBy::DirectWorker))
        );
    }

    fn kept(places: &[QuotaPlace]) -> Vec<usize> {
        places
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kept)
            .map(|(i, _)| i)
            .collect()
    }

    fn ranks(places: &[QuotaPlace]) -> Vec<usize> {
        places.iter().map(|p| p.rank).collect()
    }

    const EARLY: Option<&str> = Some("2025-11-02T08:00:00.000Z");
    const LATE: Option<&str> = Some("2025-11-20T08:00:00.000Z");

    #[test]
    fn quota_keeps_the_most_votes_first() {
        let items = [
            cand(10, true, EARLY, 1),
            cand(12, false, LATE, 2),
            cand(11, false, LATE, 3),
            cand(9, true, EARLY, 4),
        ];
        let p = rank_for_quota(&items, 2);
        assert_eq!(ranks(&p), vec![3, 1, 2, 4]);
        assert_eq!(kept(&p), vec![1, 2]);
        // Fewer votes, whatever the tie-breaks say.
        assert_eq!(
            (p[0].cut_by, p[3].cut_by),
            (Some(RankedBy::Votes), Some(RankedBy::Votes))
        );
        assert_eq!(p[1].cut_by, None);
        // Places enough for everyone: all kept, still ranked.
        let all = rank_for_quota(&items, 10);
        assert_eq!(kept(&all), vec![0, 1, 2, 3]);
        assert_eq!(ranks(&all), vec![3, 1, 2, 4]);
    }

    #[test]
    fn quota_ties_go_to_the_direct_worker_then_the_earlier_submission_then_the_agenda() {
        // Equal votes: the direct worker, though later on the agenda and sent later, comes first.
        let items = [cand(8, false, EARLY, 1), cand(8, true, LATE, 2)];
        let p = rank_for_quota(&items, 1);
        assert_eq!((kept(&p), ranks(&p)), (vec![1], vec![2, 1]));
        assert_eq!(p[0].cut_by, Some(RankedBy::DirectWorker));
        // Equal votes, neither (or both) working directly: the one sent to the office earlier.
        for direct in [false, true] {
            let items = [cand(8, direct, LATE, 1), cand(8, direct, EARLY, 2)];
            let p = rank_for_quota(&items, 1);
            assert_eq!(kept(&p), vec![1]);
            assert_eq!(p[0].cut_by, Some(RankedBy::Submission));
        }
        // A nomination without a submission time ranks after one with it.
        let p = rank_for_quota(&[cand(8, false, None, 1), cand(8, false, LATE, 2)], 1);
        assert_eq!(
            (kept(&p), p[0].cut_by),
            (vec![1], Some(RankedBy::Submission))
        );
        // Equal in everything: the agenda decides.
        let items = [
            cand(8, false, EARLY, 3),
            cand(8, false, EARLY, 1),
            cand(8, false, EARLY, 2),
        ];
        let p = rank_for_quota(&items, 2);
        assert_eq!((kept(&p), ranks(&p)), (vec![1, 2], vec![3, 1, 2]));
        assert_eq!(p[0].cut_by, Some(RankedBy::Agenda));
        // Votes still come before every tie-break.
        let p = rank_for_quota(&[cand(7, true, EARLY, 1), cand(8, false, LATE, 2)], 1);
        assert_eq!((kept(&p), p[0].cut_by), (vec![1], Some(RankedBy::Votes)));
    }

    #[test]
    fn quota_without_places_keeps_nothing() {
        let items = [cand(9, true, EARLY, 1), cand(8, false, EARLY, 2)];
        let p = rank_for_quota(&items, 0);
        assert_eq!(kept(&p), Vec::<usize>::new());
        assert_eq!(ranks(&p), vec![1, 2]);
        assert!(p.iter().all(|x| x.cut_by.is_none()));
        assert!(rank_for_quota(&[], 3).is_empty());
    }
}

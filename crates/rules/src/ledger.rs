//! The award ledger of one person, unit or household: what the engine reads as history.
//! Pure data (serde-friendly, so the store can persist it as rows or JSON), plus the helper
//! that carries the history of merged units to their successor.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::model::{Code, DisciplineLevel, InitiativeLevel, NominationKind, Rating, Subject};

/// The history of one nominee. Row order never matters: the engine sorts and de-duplicates.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Ledger {
    /// Stable id of the person, unit or household (UUID in the store).
    pub id: String,
    /// What kind of nominee this ledger belongs to.
    #[serde(default)]
    pub subject: Subject,
    /// Yearly task-completion ratings.
    #[serde(default)]
    pub ratings: Vec<RatingRecord>,
    /// Titles and forms received (and provisional ones proposed in the same batch).
    #[serde(default)]
    pub awards: Vec<AwardRecord>,
    /// Disciplines with their periods.
    #[serde(default)]
    pub disciplines: Vec<Discipline>,
    /// Initiatives and research works.
    #[serde(default)]
    pub initiatives: Vec<Initiative>,
    /// Open or past reviews (investigation, complaint…) that block awards while open.
    #[serde(default)]
    pub reviews: Vec<Review>,
    /// Ids of predecessor units whose history was merged into this ledger.
    #[serde(default)]
    pub predecessors: Vec<String>,
}

/// One yearly rating row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingRecord {
    /// Evaluation year.
    pub year: i32,
    /// The rating.
    pub rating: Rating,
}

/// One awarded title or form (one line of a decision).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardRecord {
    /// Catalog code of the title or form.
    pub code: Code,
    /// Year of achievement (for a 3-year title: the last year of the run).
    pub year: i32,
    /// Decision number, e.g. `"123/QĐ-UBND"`.
    #[serde(default)]
    pub decision_no: Option<String>,
    /// Decision date.
    #[serde(default)]
    pub decision_date: Option<Date>,
    /// Issuing body.
    #[serde(default)]
    pub issuer: Option<String>,
    /// Ordinal of the awardee in the decision (số sổ vàng).
    #[serde(default)]
    pub golden_book_no: Option<u32>,
    /// Id of the achievement rewarded; one achievement is never rewarded twice.
    #[serde(default)]
    pub achievement_id: Option<String>,
    /// Kind of commendation; only merit awards count toward later merit awards.
    #[serde(default)]
    pub kind: NominationKind,
    /// Initiatives used as the basis of this award (each usable once).
    #[serde(default)]
    pub initiatives: Vec<String>,
    /// Proposed in the same batch, not yet decided (counts for same-year collective checks).
    #[serde(default)]
    pub provisional: bool,
    /// Cancelled under Law Điều 93; ignored everywhere.
    #[serde(default)]
    pub revoked: bool,
}

impl AwardRecord {
    /// A decided merit award of `code` for `year`, with no decision details.
    pub fn new(code: impl Into<String>, year: i32) -> Self {
        AwardRecord {
            code: Code::new(code),
            year,
            decision_no: None,
            decision_date: None,
            issuer: None,
            golden_book_no: None,
            achievement_id: None,
            kind: NominationKind::Merit,
            initiatives: Vec::new(),
            provisional: false,
            revoked: false,
        }
    }
}

/// A discipline (kỷ luật) with its period, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discipline {
    /// Level of the discipline.
    pub level: DisciplineLevel,
    /// First day of the period.
    pub from: Date,
    /// Last day of the period.
    pub to: Date,
}

impl Discipline {
    /// True if the period touches calendar year `year`.
    pub fn overlaps_year(&self, year: i32) -> bool {
        self.from.year() <= year && self.to.year() >= year
    }
    /// True if `date` lies inside the period.
    pub fn in_force_on(&self, date: Date) -> bool {
        self.from <= date && date <= self.to
    }
}

/// Initiative (sáng kiến) or research work (đề tài, công trình) recognised by a council.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Initiative {
    /// Stable id.
    pub id: String,
    /// Name, for messages.
    #[serde(default)]
    pub name: String,
    /// Year it was recognised and applied.
    pub year: i32,
    /// Scope of recognition.
    pub level: InitiativeLevel,
    /// True for a research work (đề tài khoa học) rather than an initiative.
    #[serde(default)]
    pub research: bool,
    /// Where it was applied (unit or field), free text.
    #[serde(default)]
    pub applied_in: Option<String>,
}

/// Kind of a review that blocks awards while open (ND 152 / ND 98 Điều 4(4)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewKind {
    /// Đang xem xét kỷ luật.
    Discipline,
    /// Đang bị điều tra.
    Investigation,
    /// Đang thanh tra, kiểm tra.
    Inspection,
    /// Có đơn thư khiếu nại, tố cáo đang xác minh.
    Complaint,
    /// Có phản ánh của báo chí đang xác minh.
    Press,
}

impl ReviewKind {
    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            ReviewKind::Discipline => "đang xem xét kỷ luật",
            ReviewKind::Investigation => "đang bị điều tra",
            ReviewKind::Inspection => "đang thanh tra, kiểm tra",
            ReviewKind::Complaint => "có khiếu nại, tố cáo đang xác minh",
            ReviewKind::Press => "có phản ánh của báo chí đang xác minh",
        }
    }
}

/// A review period; open while `resolved_on` is `None` or later than the date checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// What is being reviewed.
    pub kind: ReviewKind,
    /// Start of the review.
    pub since: Date,
    /// Day the review ended, if it has.
    #[serde(default)]
    pub resolved_on: Option<Date>,
}

impl Review {
    /// True if the review is open on `date`.
    pub fn open_on(&self, date: Date) -> bool {
        self.since <= date && self.resolved_on.is_none_or(|r| r > date)
    }
}

/// Facts about one member of a collective for one year, used by the collective titles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberSummary {
    /// Person id.
    pub person_id: String,
    /// The member's rating for the year, if known.
    #[serde(default)]
    pub rating: Option<Rating>,
    /// Titles of the year (decided or provisional).
    #[serde(default)]
    pub titles: Vec<Code>,
    /// The most severe discipline touching the year.
    #[serde(default)]
    pub discipline: Option<DisciplineLevel>,
}

/// The members of a collective in one year (who counts is decided by the caller, ⚙ per province).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Roster {
    /// The year.
    pub year: i32,
    /// One row per counted member.
    pub members: Vec<MemberSummary>,
}

impl Roster {
    /// Builds the roster of `year` from the members' ledgers. Provisional same-year titles in
    /// those ledgers count, so compute individual titles of the year first, add them to the
    /// ledgers as provisional awards, then build the roster for the collective titles.
    pub fn from_ledgers<'a>(year: i32, members: impl IntoIterator<Item = &'a Ledger>) -> Self {
        let members = members
            .into_iter()
            .map(|l| MemberSummary {
                person_id: l.id.clone(),
                rating: l
                    .ratings
                    .iter()
                    .filter(|r| r.year == year)
                    .map(|r| r.rating)
                    .min(),
                titles: l
                    .awards
                    .iter()
                    .filter(|a| a.year == year && !a.revoked)
                    .map(|a| a.code.clone())
                    .collect(),
                discipline: l
                    .disciplines
                    .iter()
                    .filter(|d| d.overlaps_year(year))
                    .map(|d| d.level)
                    .max(),
            })
            .collect();
        Roster { year, members }
    }
}

/// Merges the ledgers of predecessor units into the ledger of their successor `successor_id`.
///
/// Awards, disciplines, initiatives and reviews are all carried over (awards keep their
/// decisions). Where several units have a rating for the same year, the lowest is kept
/// (conservative; the engine would do the same with duplicate rows). Exact duplicate rows
/// are dropped. The successor's own ledger can be passed among `parts`.
pub fn merge_ledgers(successor_id: &str, parts: &[Ledger]) -> Ledger {
    let mut out = Ledger {
        id: successor_id.to_owned(),
        subject: parts.first().map(|p| p.subject).unwrap_or_default(),
        ..Ledger::default()
    };
    let mut ratings = std::collections::BTreeMap::<i32, Rating>::new();
    for part in parts {
        for r in &part.ratings {
            ratings
                .entry(r.year)
                .and_modify(|v| *v = (*v).min(r.rating))
                .or_insert(r.rating);
        }
        push_unique(&mut out.awards, &part.awards);
        push_unique(&mut out.disciplines, &part.disciplines);
        push_unique(&mut out.initiatives, &part.initiatives);
        push_unique(&mut out.reviews, &part.reviews);
        if part.id != successor_id {
            push_unique(&mut out.predecessors, std::slice::from_ref(&part.id));
        }
        push_unique(&mut out.predecessors, &part.predecessors);
    }
    out.ratings = ratings
        .into_iter()
        .map(|(year, rating)| RatingRecord { year, rating })
        .collect();
    out
}

fn push_unique<T: PartialEq + Clone>(into: &mut Vec<T>, from: &[T]) {
    for item in from {
        if !into.contains(item) {
            into.push(item.clone());
        }
    }
}

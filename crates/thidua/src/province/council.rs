//! The council's side of this year's nominations: meetings with their members and agenda (votes of
//! the closed ones), and the chairman's decisions for the nominations decided — golden-book numbers,
//! reward money, verification codes, the awards written into the ledger, and a few lines revoked.

use super::draw::{Gen, at, iso};
use super::nominations::Nomination;
use std::collections::HashSet;
use thidua_store::bulk::{Rows, Val};

/// Base salary in force since 01/07/2024 (Decree 73/2024), in đồng — the catalog's money table.
const BASE_SALARY: i64 = 2_340_000;

/// Reward multipliers in thousandths of the base salary (crates/rules/data/catalog.toml `money`).
fn multiplier(code: &str, nominee: &str) -> Option<i64> {
    match (code, nominee) {
        ("LDTT", "person") => Some(300),
        ("CSTDCS", "person") => Some(1_000),
        ("CSTD_TINH", "person") => Some(3_000),
        ("BK_TINH", "unit") => Some(3_000),
        ("TTLDXS", "unit") => Some(1_500),
        ("CO_TINH", "unit") => Some(8_000),
        _ => None,
    }
}

/// Items on one meeting's agenda and lines in one decision, at most.
const PER_MEETING: usize = 250;

pub struct CouncilRows {
    pub meetings: Rows,
    pub members: Rows,
    pub items: Rows,
    pub decisions: Rows,
    pub awards: Rows,
    pub lines: Rows,
    /// The decisions' numbers in the register (sổ đăng ký văn bản).
    pub registers: Rows,
}

impl CouncilRows {
    pub fn new() -> CouncilRows {
        CouncilRows {
            meetings: Rows::new(
                "meetings",
                &[
                    "id",
                    "org_id",
                    "title",
                    "held_on",
                    "place",
                    "status",
                    "total_members",
                    "secret_ballot",
                    "chair_name",
                    "secretary_name",
                    "closed_at",
                    "version",
                    "created_at",
                    "updated_at",
                ],
            ),
            members: Rows::new("meeting_members", &["meeting_id", "user_id", "attendance"]),
            items: Rows::new(
                "agenda_items",
                &[
                    "id",
                    "meeting_id",
                    "nomination_id",
                    "position",
                    "result",
                    "agree",
                    "disagree",
                    "abstain",
                ],
            ),
            decisions: Rows::new(
                "decisions",
                &[
                    "id",
                    "org_id",
                    "number",
                    "signed_on",
                    "issuer",
                    "signer_title",
                    "signer_name",
                    "title",
                    "total_amount",
                    "place",
                    "version",
                    "created_at",
                    "updated_at",
                ],
            ),
            awards: Rows::new("ledger_awards", super::history::AWARD_COLUMNS),
            lines: Rows::new(
                "decision_lines",
                &[
                    "id",
                    "decision_id",
                    "nomination_id",
                    "golden_book_no",
                    "amount",
                    "verify_code",
                    "award_id",
                    "revoked_at",
                    "revoked_reason",
                    "revoked_by",
                    "search_text",
                ],
            ),
            registers: Rows::new(
                "register_entries",
                &[
                    "org_id",
                    "kind",
                    "year",
                    "seq",
                    "number",
                    "issued_on",
                    "summary",
                    "subject_type",
                    "subject_id",
                    "created_at",
                ],
            ),
        }
    }

    pub fn all(&mut self) -> [&mut Rows; 7] {
        [
            &mut self.meetings,
            &mut self.members,
            &mut self.items,
            &mut self.decisions,
            &mut self.awards,
            &mut self.lines,
            &mut self.registers,
        ]
    }
}

/// Meetings for every nomination that reached the council, then decisions for the decided ones.
pub fn build(
    g: &mut Gen,
    org: &str,
    province: &str,
    council: &[String],
    all: &[Nomination],
) -> CouncilRows {
    let mut rows = CouncilRows::new();
    let on_council: Vec<&Nomination> = all
        .iter()
        .filter(|n| {
            matches!(
                n.status,
                "on_agenda" | "passed" | "failed" | "decided" | "revoked"
            )
        })
        .collect();
    let mut codes = HashSet::new();
    for (m, batch) in on_council.chunks(PER_MEETING).enumerate() {
        let open = batch.iter().all(|n| n.status == "on_agenda");
        let held =
            batch.iter().map(|n| n.submitted).max().unwrap_or(g.today) + time::Duration::days(10);
        let held = held.min(g.today);
        let meeting = meeting(g, org, m, held, open, council, &mut rows);
        for (i, n) in batch.iter().enumerate() {
            item(g, &meeting, i, n, council.len() as i64, &mut rows);
        }
        let decided: Vec<&&Nomination> = batch
            .iter()
            .filter(|n| matches!(n.status, "decided" | "revoked"))
            .collect();
        if !decided.is_empty() {
            decision(g, org, province, m, held, &decided, &mut codes, &mut rows);
        }
    }
    rows
}

fn meeting(
    g: &mut Gen,
    org: &str,
    m: usize,
    held: time::Date,
    open: bool,
    council: &[String],
    rows: &mut CouncilRows,
) -> String {
    let id = g.id();
    let status = if open { "scheduled" } else { "closed" };
    rows.meetings.push(vec![
        (&id).into(),
        org.into(),
        format!(
            "Phiên họp Hội đồng Thi đua - Khen thưởng tỉnh số {}/{}",
            m + 1,
            held.year()
        )
        .into(),
        iso(held).into(),
        "Phòng họp số 1, trụ sở UBND tỉnh".into(),
        status.into(),
        Val::Int(council.len() as i64),
        Val::Bool(true),
        "Trần Văn Bình".into(),
        "Lê Thị Hoa".into(),
        (!open).then(|| at(held)).into(),
        Val::Int(1),
        g.stamp(),
        g.stamp(),
    ]);
    for user in council {
        rows.members
            .push(vec![(&id).into(), user.into(), "present".into()]);
    }
    id
}

fn item(
    g: &mut Gen,
    meeting: &str,
    i: usize,
    n: &Nomination,
    members: i64,
    rows: &mut CouncilRows,
) {
    let (result, agree) = match n.status {
        "on_agenda" => (None, None),
        "failed" => (Some("failed"), Some(members / 2)),
        _ => (Some("passed"), Some(members)),
    };
    let against = agree.map(|a| members - a);
    rows.items.push(vec![
        g.id().into(),
        meeting.into(),
        (&n.id).into(),
        Val::Int(i as i64 + 1),
        result.into(),
        Val::int_or_null(agree),
        Val::int_or_null(against),
        Val::int_or_null(agree.map(|_| 0)),
    ]);
}

#[allow(clippy::too_many_arguments)]
fn decision(
    g: &mut Gen,
    org: &str,
    province: &str,
    m: usize,
    held: time::Date,
    decided: &[&&Nomination],
    codes: &mut HashSet<String>,
    rows: &mut CouncilRows,
) {
    let id = g.id();
    // Số sổ vàng: the awardee's ordinal in the decision (ND 98 Điều 104(2)).
    let mut golden_book = 0;
    let signed = (held + time::Duration::days(5)).min(g.today);
    let number = format!("{}/QĐ-UBND", 3000 + m);
    let mut total = 0;
    for n in decided {
        golden_book += 1;
        let amount = multiplier(n.code, n.nominee.0).map(|k| k * BASE_SALARY / 1000);
        total += amount.unwrap_or(0);
        let award = g.id();
        let revoked = n.status == "revoked";
        rows.awards.push(vec![
            (&award).into(),
            org.into(),
            n.nominee.0.into(),
            (&n.nominee.1).into(),
            n.code.into(),
            Val::Int(signed.year().into()),
            "campaign".into(),
            (&number).into(),
            iso(signed).into(),
            format!("Chủ tịch UBND tỉnh {province}").into(),
            Val::Int(golden_book),
            format!("Thành tích xuất sắc năm {}", signed.year()).into(),
            Val::Bool(revoked),
            Val::Int(1),
            Val::Text(at(signed)),
            Val::Text(at(signed)),
        ]);
        let code = loop {
            let c = g.code(8);
            if codes.insert(c.clone()) {
                break c;
            }
        };
        let search =
            thidua_domain::text::fold(&format!("{} {} {number}", n.nominee.2, n.nominee.3));
        rows.lines.push(vec![
            g.id().into(),
            (&id).into(),
            (&n.id).into(),
            Val::Int(golden_book),
            Val::int_or_null(amount),
            code.into(),
            award.into(),
            revoked
                .then(|| at(signed + time::Duration::days(30)))
                .into(),
            revoked
                .then_some("Phát hiện hồ sơ kê khai không trung thực")
                .into(),
            revoked.then(|| format!("{}/QĐ-UBND", 5000 + m)).into(),
            search.into(),
        ]);
    }
    let title = format!(
        "Quyết định về việc tặng thưởng danh hiệu thi đua và hình thức khen thưởng năm {}",
        signed.year()
    );
    rows.registers.push(vec![
        org.into(),
        "decision".into(),
        Val::Int(signed.year().into()),
        Val::Int(3000 + m as i64),
        (&number).into(),
        iso(signed).into(),
        (&title).into(),
        "decision".into(),
        (&id).into(),
        g.stamp(),
    ]);
    rows.decisions.push(vec![
        (&id).into(),
        org.into(),
        (&number).into(),
        iso(signed).into(),
        format!("Ủy ban nhân dân tỉnh {province}").into(),
        "CHỦ TỊCH".into(),
        "Trần Văn Bình".into(),
        title.into(),
        Val::Int(total),
        province.into(),
        Val::Int(1),
        g.stamp(),
        g.stamp(),
    ]);
}

//! The policy matrix over HTTP: every page and API route × every demo user × a target in the user's own
//! unit and in another unit. Refusals must change nothing (the audit log, written in the same
//! transaction as every change, keeps its length) and a unit officer must get 404 — never the record —
//! for what lies outside their unit.
//!
//! [`ROUTES`] covers units, people, clusters, users, data and plans; the award pipeline has tables of its
//! own ([`NOMINATION_ROUTES`], [`MEETING_ROUTES`], [`DECISION_ROUTES`]) whose targets are built to the
//! [`Stage`] each route needs (a draft, a submitted dossier, an open meeting, a decision…), each run as a
//! test of its own so that they run side by side. Scoring has its table too ([`SCORING_ROUTES`]), its
//! targets a scale over a fresh cluster of the target unit built to the step the route needs.

use crate::campaigns_api::{api_delete, day, launch, make_plan, multipart, pdf, plan_body, today};
use crate::common::{
    ADMIN, CHAIRMAN, COUNCIL, Engine, Reply, STANDING, Session, TestApp, UO_BACHDANG, UO_VHTT,
    VIEWER, code, excerpt,
};
use crate::decisions::{SIGNED_ON, body as decision_body};
use crate::meetings::{nomination_row, schedule};
use crate::nominations::{create as create_nomination, full_dossier, sid, step};
use crate::on_both_engines;
use serde_json::{Value, json};
use std::collections::HashMap;

on_both_engines!(
    policy_matrix,
    nominations_policy_matrix,
    meetings_policy_matrix,
    decisions_policy_matrix,
    scoring_policy_matrix,
    initiatives_policy_matrix,
    unit_officer_lists_are_scoped
);

/// What a request must end with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Out {
    /// Allowed: the route's success status, and a change is saved when the route changes data.
    O,
    /// 403 "Bạn không có quyền…", nothing saved.
    F,
    /// 404 "Không tìm thấy dữ liệu trong phạm vi của bạn.", nothing saved, the record not shown.
    N,
    /// 422 naming the user's scope (a target outside it was picked in a form), nothing saved.
    I,
    /// Allowed (a list): the success status, nothing saved, and the target's record is listed.
    V,
    /// Allowed (a list): the success status, nothing saved, and the target's record is not in it — it lies
    /// outside the user's unit, or is not addressed to them.
    H,
    /// 422 saying the unit's sheet is locked (the scale is past its self-assessment), nothing saved: a
    /// unit officer writing on its own sheet is self-assessing, whatever the step of the scale.
    L,
}
use Out::*;

/// Expected outcome per role kind, as (target in own unit, target in another unit):
/// admin, standing office, unit officer, council member, chairman, viewer.
type Expect = [(Out, Out); 6];

const ALL: Expect = [(O, O), (O, O), (O, O), (O, O), (O, O), (O, O)];
/// Reading a record: everyone, unit officers only inside their unit.
const READ: Expect = [(O, O), (O, O), (O, N), (O, O), (O, O), (O, O)];
/// Editing a record: the office and unit officers (inside their unit).
const EDIT: Expect = [(O, O), (O, O), (O, N), (F, F), (F, F), (F, F)];
/// Creating under a chosen unit: the office and unit officers (the unit must be theirs).
const CREATE_IN: Expect = [(O, O), (O, O), (O, I), (F, F), (F, F), (F, F)];
/// Opening a "new" form: those who may create.
const NEW_FORM: Expect = [(O, O), (O, O), (O, O), (F, F), (F, F), (F, F)];
/// Office work: the administrator and the standing office.
const OFFICE: Expect = [(O, O), (O, O), (F, F), (F, F), (F, F), (F, F)];
/// Accounts: the administrator only.
const ADMIN_ONLY: Expect = [(O, O), (F, F), (F, F), (F, F), (F, F), (F, F)];
/// A unit's work on a launched campaign (register, report, send) for the target unit: the office, and
/// unit officers for units in their scope (another unit is named in a 422); other roles never.
const UNIT_WORK: Expect = [(O, O), (O, O), (O, I), (F, F), (F, F), (F, F)];
/// Signing a cluster's pact (the cluster led by the target unit): the office, or the leader's officer.
const PACT: Expect = [(O, O), (O, O), (O, F), (F, F), (F, F), (F, F)];
/// The emulation budget: the office and the chairman read it.
const BUDGET: Expect = [(O, O), (O, O), (F, F), (F, F), (O, O), (F, F)];
/// The statutory statistics (Biểu 0601–0605): the office prepares them, the chairman signs them.
const STATS: Expect = [(O, O), (O, O), (F, F), (F, F), (O, O), (F, F)];
/// The office's decision on an exemplar still waiting (select, ask for more, decline): the office; a
/// unit officer of its unit may not decide (403), another unit's officer does not see it (404).
const JUDGE_EXEMPLAR: Expect = [(O, O), (O, O), (F, N), (F, F), (F, F), (F, F)];
/// A unit's act on a selected exemplar (consent; adopting it for the target unit): the office and the
/// officer of the unit; a selected exemplar is seen by all, so another unit's officer is refused (403).
const EXEMPLAR_UNIT: Expect = [(O, O), (O, O), (O, F), (F, F), (F, F), (F, F)];
/// Reading a draft plan: only those who write plans; for everybody else it does not exist.
const DRAFT: Expect = [(O, O), (O, O), (N, N), (N, N), (N, N), (N, N)];

// Expectations of the award pipeline (`ViewNomination`, `Nominate`, `ReviewAsThemeLead`, `Appraise`,
// `ManageMeetings`, `Vote`, `Decide` in `thidua_domain::policy`). `READ`, `EDIT`, `CREATE_IN`, `NEW_FORM` and
// `OFFICE` above apply as they are: a nomination is read by everyone in scope, prepared by the office and
// the nominating unit's officer, appraised by the office.

/// Lists of nominations: everyone, each list showing the target unit's nomination — except to a unit
/// officer of another unit.
const LISTED: Expect = [(V, V), (V, V), (V, H), (V, V), (V, V), (V, V)];
/// Nominations of a unit picked as a filter: a unit officer asking for another unit gets 404.
const LISTED_FOR_UNIT: Expect = [(V, V), (V, V), (V, N), (V, V), (V, V), (V, V)];
/// Notifications: everyone reads theirs. The target unit's nomination, sent and accepted, is announced to
/// the standing office (by role) and to the unit (its officer); others see nothing of it.
const NOTICES: Expect = [(O, O), (V, V), (V, H), (O, O), (O, O), (O, O)];
/// Forwarding a dossier to the office as the theme's lead unit (the target unit leads the theme): the
/// office, and the lead unit's officer; another unit's officer does not see it (404).
const THEME_LEAD: Expect = [(O, O), (O, O), (O, N), (F, F), (F, F), (F, F)];
/// Returning a submitted dossier: the office. The nominating unit's officer plays no part that may return
/// it (403); another unit's officer does not see it (404).
const RETURN: Expect = [(O, O), (O, O), (F, N), (F, F), (F, F), (F, F)];
/// Seeing council meetings (agenda, minutes): the office and those who vote; never unit officers or viewers.
const MEETINGS: Expect = [(O, O), (O, O), (F, F), (O, O), (O, O), (F, F)];
/// Voting or declaring a conflict in an open meeting: its sitting members (the council member and the
/// chairman sit in every meeting of the fixtures); the office schedules but never votes.
const VOTE: Expect = [(F, F), (F, F), (F, F), (O, O), (O, O), (F, F)];
/// Reading decisions, their exports, certificates and forwarded packages: the office, the council, the
/// chairman and organisation-wide viewers; never unit officers.
const DECISIONS: Expect = [(O, O), (O, O), (F, F), (O, O), (O, O), (O, O)];
/// Deciding and revoking: the chairman, or the office on his behalf.
const DECIDE: Expect = [(O, O), (O, O), (F, F), (F, F), (O, O), (F, F)];

// Expectations of scoring (`ManageScoring`, `SelfAssess`, `ReviewScore` in `thidua_domain::policy`).
// `OFFICE` applies to defining, opening, closing and publishing a scale, deciding appeals and recording
// tie votes; `EDIT` to a unit's self-assessment, its evidence and its appeals; `READ` to a unit's sheet
// before publication (its own units, the office and the organisation-wide roles); `ALL` to what everyone
// reads (the scales, a published sheet or ranking, a scale that lets units see each other's scores).

/// Reviewing a unit's score on a criterion of a cluster without a leader (or led by the unit itself):
/// the office. A unit officer reviews nothing: on its own unit's sheet it is self-assessing, and is
/// told the sheet is locked (nobody scores themself in the review); another unit's sheet it does not
/// see (404). Other roles may neither review nor self-assess (403).
const REVIEW: Expect = [(O, O), (O, O), (L, N), (F, F), (F, F), (F, F)];
/// Reviewing a criterion the scale gives the cluster leader, in a cluster led by the target unit's
/// partner (see [`Scoring::new`]): the office, and the leader's officer for the other unit of its
/// cluster; on its own unit's sheet an officer is not the leader, and is told the sheet is locked.
const LEADER_REVIEW: Expect = [(O, O), (O, O), (L, O), (F, F), (F, F), (F, F)];
/// The ranking before publication: the organisation-wide roles; unit officers are refused (403).
const RANKING: Expect = [(O, O), (O, O), (F, F), (O, O), (O, O), (O, O)];

/// One route of the matrix: a name (method and path, and for a form taking several actions the action
/// in brackets), the success status, whether it saves data, and what of the award pipeline (or which
/// step of a scale) it works on.
struct Route {
    name: &'static str,
    ok: u16,
    mutates: bool,
    expect: Expect,
    stage: Stage,
}

const fn r(name: &'static str, ok: u16, mutates: bool, expect: Expect) -> Route {
    Route {
        name,
        ok,
        mutates,
        expect,
        stage: Stage::Plain,
    }
}

/// A route of the award pipeline, whose target is built to `stage`.
const fn a(name: &'static str, ok: u16, mutates: bool, expect: Expect, stage: Stage) -> Route {
    Route {
        name,
        ok,
        mutates,
        expect,
        stage,
    }
}

/// What of the award pipeline the target of a route is, made by the administrator in the target unit
/// (see [`Award::new`]). The nominations of the first four are of a household (Giấy khen, the secret a
/// 404 must not reveal); the others are of a new person of the target unit, stored at their status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Nothing of the award pipeline.
    Plain,
    /// `{nomination}`: a draft of the target unit with its full dossier (`{doc}` is one of its documents).
    Draft,
    /// The draft sent through a theme led by the target unit, waiting for that unit to forward it.
    AtThemeLead,
    /// The draft sent straight to the standing office, waiting for appraisal.
    Submitted,
    /// Submitted and accepted by the office (which notifies the unit).
    Accepted,
    /// Passed by the council, for a form this body decides on [`SIGNED_ON`] (Lao động tiên tiến).
    Passed,
    /// Passed, for a form of a higher authority (Bằng khen of the province chairman).
    PassedHigher,
    /// `PassedHigher` forwarded upward: its package is stored.
    Forwarded,
    /// `Passed` and decided: `{decision}` with its `{line}`.
    Decided,
    /// `{meeting}`: scheduled with the council member and the chairman sitting and nothing on its agenda;
    /// `{nomination}` is accepted, ready for the agenda.
    Scheduled,
    /// Scheduled with the nomination on its agenda (`{item}`).
    OnAgenda,
    /// Its vote opened.
    Voting,
    /// Voting, with both members' written opinions and the item's paper ballots entered (a quorum).
    Quorate,
    /// Closed, its minutes written.
    Closed,
    /// `{scale}`: a draft scale of this year over a fresh cluster (no leader) of the target unit and its
    /// partner (see [`Scoring::new`]), with three criteria: `1`, `2` (the cluster leader's) and `3`.
    ScaleDraft,
    /// The draft opened for self-assessment; the target unit scored `1` (its comment the secret) and
    /// `2`, and holds an evidence file on `1` (`{evidence}`) when the route reads one.
    ScaleOpen,
    /// `ScaleOpen` on a scale that lets units see each other's scores.
    ScalePeers,
    /// `ScaleOpen` closed for review.
    ScaleReview,
    /// `ScaleReview` on a cluster led by the target unit's partner.
    ScaleLed,
    /// `ScaleReview` on a cluster led by the target unit itself.
    ScaleSelfLed,
    /// `ScaleReview` published, its appeal window open.
    ScalePublished,
    /// `ScalePublished` with the target unit's appeal on `1` (`{appeal}`), waiting for a decision.
    Appealed,
    /// `ScaleReview` with cross-scoring assigned (the target unit and its partner score each other) and
    /// the target unit's cross score of its partner on `1`.
    ScaleCross,
}
use Stage::{
    Accepted, Appealed, AtThemeLead, Closed, Decided, Draft, Forwarded, OnAgenda, Passed,
    PassedHigher, Quorate, ScaleCross, ScaleDraft, ScaleLed, ScaleOpen, ScalePeers, ScalePublished,
    ScaleReview, ScaleSelfLed, Scheduled, Submitted, Voting,
};

const ROUTES: &[Route] = &[
    // Pages
    r("GET /", 200, false, ALL),
    r("GET /units", 200, false, ALL),
    r("GET /units/{unit}", 200, false, READ),
    r("GET /units/new", 200, false, NEW_FORM),
    r("POST /units", 303, true, CREATE_IN),
    r("GET /units/{unit}/edit", 200, false, EDIT),
    r("POST /units/{unit}", 303, true, EDIT),
    r("GET /units/{unit}/rename", 200, false, EDIT),
    r("POST /units/{unit}/rename", 303, true, EDIT),
    r("GET /units/merge", 200, false, OFFICE),
    r("POST /units/merge", 303, true, OFFICE),
    r("GET /units/{unit}/split", 200, false, OFFICE),
    r("POST /units/{unit}/split", 303, true, OFFICE),
    r("GET /people", 200, false, ALL),
    r("GET /people?unit={unit}", 200, false, READ),
    r("GET /people/{person}", 200, false, READ),
    r("GET /people/new", 200, false, NEW_FORM),
    r("POST /people", 303, true, CREATE_IN),
    r("GET /people/{person}/edit", 200, false, EDIT),
    r("POST /people/{person}", 303, true, EDIT),
    r("GET /clusters", 200, false, ALL),
    r("GET /clusters/new", 200, false, OFFICE),
    r("POST /clusters", 303, true, OFFICE),
    r("GET /clusters/{cluster}/edit", 200, false, OFFICE),
    r("POST /clusters/{cluster}", 303, true, OFFICE),
    // A cluster's year-end meeting, its minutes and the proposal of its leading unit: the cluster is
    // led by the target unit (the office, or that unit's officer, presides).
    r("GET /clusters/{cluster}/year-end", 200, false, ALL),
    r("POST /clusters/{cluster}/year-end", 303, true, PACT),
    r(
        "GET /clusters/{cluster}/documents/year-end.pdf",
        200,
        false,
        ALL,
    ),
    r("POST /clusters/{cluster}/year-end/propose", 303, true, PACT),
    r("GET /users", 200, false, ADMIN_ONLY),
    r("GET /outbox", 200, false, ADMIN_ONLY),
    r("GET /outbox?status=failed", 200, false, ADMIN_ONLY),
    r("POST /outbox/{job}/resend", 303, true, ADMIN_ONLY),
    r("GET /users/new", 200, false, ADMIN_ONLY),
    r("POST /users", 303, true, ADMIN_ONLY),
    r("GET /users/{user}/edit", 200, false, ADMIN_ONLY),
    r("POST /users/{user}", 303, true, ADMIN_ONLY),
    r("GET /audit", 200, false, OFFICE),
    r("GET /data", 200, false, ALL),
    r("POST /data/import/units", 200, true, OFFICE),
    r("POST /data/import/people", 200, true, CREATE_IN),
    r("GET /data/export/units.xlsx", 200, false, ALL),
    r("GET /data/export/people.xlsx", 200, false, ALL),
    // Moving an organisation's data (2025 reorganisation): the administrator only. The export is
    // audited; an upload that is no archive and an import of no kept archive reach the use case (422).
    r("GET /data/transfer", 200, false, ADMIN_ONLY),
    r("GET /data/transfer/export", 200, true, ADMIN_ONLY),
    r("POST /data/transfer/upload", 422, false, ADMIN_ONLY),
    r("POST /data/transfer/import", 422, false, ADMIN_ONLY),
    r("GET /account", 200, false, ALL),
    // Mail: the administrator's settings (SMTP, calendar, templates with a preview), a test mail to
    // their own address; a unit's head kept by those who edit the unit.
    r("GET /settings/mail", 200, false, ADMIN_ONLY),
    r("POST /settings/mail/smtp", 303, true, ADMIN_ONLY),
    r("POST /settings/mail/calendar", 303, true, ADMIN_ONLY),
    r("POST /settings/mail/test", 303, true, ADMIN_ONLY),
    r(
        "GET /settings/mail/templates/reminder",
        200,
        false,
        ADMIN_ONLY,
    ),
    r(
        "POST /settings/mail/templates/notice",
        303,
        true,
        ADMIN_ONLY,
    ),
    r(
        "POST /settings/mail/templates/token_changed/reset",
        303,
        true,
        ADMIN_ONLY,
    ),
    r("POST /units/{unit}/head", 303, true, EDIT),
    // API
    r("GET /api/v1/me", 200, false, ALL),
    r("GET /api/v1/units", 200, false, ALL),
    r("GET /api/v1/units/{unit}", 200, false, READ),
    r("POST /api/v1/units", 201, true, CREATE_IN),
    r("PUT /api/v1/units/{unit}", 200, true, EDIT),
    r("POST /api/v1/units/{unit}/rename", 200, true, EDIT),
    r("POST /api/v1/units/merge", 200, true, OFFICE),
    r("POST /api/v1/units/{unit}/split", 200, true, OFFICE),
    r("GET /api/v1/people", 200, false, ALL),
    r("GET /api/v1/people?unit_id={unit}", 200, false, READ),
    r("GET /api/v1/people/{person}", 200, false, READ),
    r("POST /api/v1/people", 201, true, CREATE_IN),
    r("PUT /api/v1/people/{person}", 200, true, EDIT),
    r("GET /api/v1/clusters", 200, false, ALL),
    r("GET /api/v1/clusters/{cluster}", 200, false, ALL),
    r("POST /api/v1/clusters", 201, true, OFFICE),
    r("PUT /api/v1/clusters/{cluster}", 200, true, OFFICE),
    // The year-end through the API, as on the page: the cluster is led by the target unit.
    r("GET /api/v1/clusters/{cluster}/year-end", 200, false, ALL),
    r("POST /api/v1/clusters/{cluster}/year-end", 201, true, PACT),
    r(
        "POST /api/v1/clusters/{cluster}/year-end/propose",
        201,
        true,
        PACT,
    ),
    r("GET /api/v1/users", 200, false, ADMIN_ONLY),
    r("POST /api/v1/users", 201, true, ADMIN_ONLY),
    r("PUT /api/v1/users/{user}", 200, true, ADMIN_ONLY),
    r("GET /api/v1/audit", 200, false, OFFICE),
    r("GET /data/template/units.xlsx", 200, false, ALL),
    // Dashboards (each user sees the figures of the units they may read) and the emulation budget.
    r("GET /dashboard", 200, false, ALL),
    r("GET /dashboard/awards_by_form/table.xlsx", 200, false, ALL),
    r("GET /api/v1/dashboard", 200, false, ALL),
    r("GET /budget?year=2031", 200, false, BUDGET),
    r("POST /budget", 303, true, OFFICE),
    r("GET /api/v1/budget?year=2031", 200, false, BUDGET),
    r("PUT /api/v1/budget/2031", 200, true, OFFICE),
    r("GET /data/template/people.xlsx", 200, false, ALL),
    // Document settings and numbering registers.
    r("GET /settings/documents", 200, false, OFFICE),
    r("POST /settings/documents", 303, true, OFFICE),
    r("GET /settings/documents/blank-test.pdf", 200, false, OFFICE),
    r("GET /settings/registers?kind=minutes", 200, false, OFFICE),
    r("POST /settings/registers", 303, true, OFFICE),
    r("GET /api/v1/settings/documents", 200, false, ALL),
    r("PUT /api/v1/settings/documents", 200, true, OFFICE),
    r("GET /api/v1/registers/decision", 200, false, OFFICE),
    r("POST /api/v1/registers", 201, true, OFFICE),
    r("POST /api/v1/import/units", 200, true, OFFICE),
    r("POST /api/v1/import/people", 200, true, CREATE_IN),
    // API of campaigns: {campaign} is launched with the target unit as participant, {draft} is not.
    r("GET /api/v1/campaigns", 200, false, ALL),
    r("GET /api/v1/campaigns/{draft}", 200, false, DRAFT),
    r("GET /api/v1/campaigns/{campaign}", 200, false, ALL),
    r(
        "GET /campaigns/{campaign}/documents/plan.pdf",
        200,
        false,
        ALL,
    ),
    r(
        "GET /api/v1/campaigns/{campaign}/documents/plan.docx",
        200,
        false,
        ALL,
    ),
    r(
        "GET /campaigns/{campaign}/documents/nominees.xlsx",
        200,
        false,
        ALL,
    ),
    // A campaign's review reports (sơ kết, tổng kết) and the outline they follow: the office's.
    r(
        "GET /campaigns/{campaign}/reports/final",
        200,
        false,
        OFFICE,
    ),
    r(
        "POST /campaigns/{campaign}/reports/interim",
        303,
        true,
        OFFICE,
    ),
    r(
        "GET /campaigns/{campaign}/documents/report-final.docx",
        200,
        false,
        OFFICE,
    ),
    r("GET /settings/report-outline", 200, false, OFFICE),
    r("POST /settings/report-outline", 303, true, OFFICE),
    r("POST /api/v1/campaigns", 201, true, OFFICE),
    r("PUT /api/v1/campaigns/{campaign}", 200, true, OFFICE),
    r("POST /api/v1/campaigns/{draft}/launch", 200, true, OFFICE),
    r("POST /api/v1/campaigns/{campaign}/close", 200, true, OFFICE),
    r("POST /api/v1/campaigns/{campaign}/copy", 201, true, OFFICE),
    r(
        "POST /api/v1/campaigns/{campaign}/themes",
        201,
        true,
        OFFICE,
    ),
    r(
        "PUT /api/v1/campaigns/{campaign}/themes/{theme}",
        200,
        true,
        OFFICE,
    ),
    r(
        "DELETE /api/v1/campaigns/{campaign}/themes/{theme}",
        204,
        true,
        OFFICE,
    ),
    r(
        "POST /api/v1/campaigns/{campaign}/targets",
        201,
        true,
        OFFICE,
    ),
    r(
        "PUT /api/v1/campaigns/{campaign}/targets/{target}",
        200,
        true,
        OFFICE,
    ),
    r(
        "DELETE /api/v1/campaigns/{campaign}/targets/{target}",
        204,
        true,
        OFFICE,
    ),
    r(
        "POST /api/v1/campaigns/{campaign}/deadlines",
        201,
        true,
        OFFICE,
    ),
    r(
        "PUT /api/v1/campaigns/{campaign}/deadlines/{deadline}",
        200,
        true,
        OFFICE,
    ),
    r(
        "DELETE /api/v1/campaigns/{campaign}/deadlines/{deadline}",
        204,
        true,
        OFFICE,
    ),
    r(
        "POST /api/v1/campaigns/{campaign}/award_forms",
        201,
        true,
        OFFICE,
    ),
    r(
        "DELETE /api/v1/campaigns/{campaign}/award_forms/{award_form}",
        204,
        true,
        OFFICE,
    ),
    r(
        "POST /api/v1/campaigns/{campaign}/quotas",
        201,
        true,
        OFFICE,
    ),
    r(
        "DELETE /api/v1/campaigns/{campaign}/quotas/{quota}",
        204,
        true,
        OFFICE,
    ),
    r(
        "GET /api/v1/campaigns/{campaign}/registrations",
        200,
        false,
        ALL,
    ),
    r(
        "POST /api/v1/campaigns/{campaign}/registrations",
        201,
        true,
        UNIT_WORK,
    ),
    r("GET /api/v1/campaigns/{campaign}/pacts", 200, false, ALL),
    r("POST /api/v1/campaigns/{campaign}/pacts", 201, true, PACT),
    r(
        "GET /api/v1/campaigns/{campaign}/pacts/{pact_cluster}/reviews",
        200,
        false,
        ALL,
    ),
    r(
        "POST /api/v1/campaigns/{campaign}/pacts/{pact_cluster}/reviews",
        201,
        true,
        PACT,
    ),
    r(
        "GET /campaigns/{campaign}/pacts/{pact_cluster}/review",
        200,
        false,
        ALL,
    ),
    r(
        "POST /campaigns/{campaign}/pacts/{pact_cluster}/review",
        303,
        true,
        PACT,
    ),
    r(
        "POST /api/v1/campaigns/{campaign}/targets/{target}/progress",
        201,
        true,
        UNIT_WORK,
    ),
    r(
        "POST /api/v1/campaigns/{campaign}/deadlines/{deadline}/submissions",
        201,
        true,
        UNIT_WORK,
    ),
    r("GET /api/v1/campaigns/{campaign}/progress", 200, false, ALL),
    r("GET /api/v1/campaigns/{campaign}/matrix", 200, false, ALL),
    r("GET /api/v1/calendar?unit_id={unit}", 200, false, READ),
    r("GET /api/v1/attachments/{attachment}", 200, false, READ),
    // Exemplars: `{exemplar}` is put forward by the target unit and waits for the office; `{chosen}`
    // is selected with consent recorded (`{step}` a step of its fostering plan); `{photo}` is a photo of
    // `{exemplar}`.
    r("GET /exemplars", 200, false, ALL),
    r("GET /exemplars/new", 200, false, NEW_FORM),
    r("POST /exemplars", 303, true, CREATE_IN),
    r("GET /exemplars/{exemplar}", 200, false, READ),
    r("GET /exemplars/{exemplar}/edit", 200, false, EDIT),
    r("POST /exemplars/{exemplar}/edit", 303, true, EDIT),
    r(
        "POST /exemplars/{exemplar}/state",
        303,
        true,
        JUDGE_EXEMPLAR,
    ),
    r("POST /exemplars/{exemplar}/photos", 303, true, EDIT),
    r("GET /exemplars/photos/{photo}", 200, false, READ),
    r("GET /exemplars/photos/{photo}/thumb", 200, false, READ),
    r(
        "POST /exemplars/{exemplar}/photos/{photo}/delete",
        303,
        true,
        EDIT,
    ),
    r("POST /exemplars/{chosen}/consent", 303, true, EXEMPLAR_UNIT),
    r("POST /exemplars/{chosen}/publish", 303, true, OFFICE),
    r("POST /exemplars/{chosen}/forward", 303, true, OFFICE),
    r(
        "POST /exemplars/{chosen}/adoptions",
        303,
        true,
        EXEMPLAR_UNIT,
    ),
    r("POST /exemplars/{chosen}/fostering", 303, true, OFFICE),
    r(
        "POST /exemplars/{chosen}/fostering/{step}/done",
        303,
        true,
        OFFICE,
    ),
    r("GET /api/v1/exemplars", 200, false, ALL),
    r("POST /api/v1/exemplars", 201, true, CREATE_IN),
    r("GET /api/v1/exemplars/{exemplar}", 200, false, READ),
    r(
        "POST /api/v1/exemplars/{exemplar}/state",
        200,
        true,
        JUDGE_EXEMPLAR,
    ),
    r(
        "POST /api/v1/exemplars/{chosen}/consent",
        200,
        true,
        EXEMPLAR_UNIT,
    ),
    // The public site answers everyone, signed in or not.
    r("GET /cong-khai", 200, false, ALL),
    r("GET /guong-dien-hinh", 200, false, ALL),
    r("GET /statistics?year=2025", 200, false, STATS),
    r("GET /statistics/2025/0601", 200, false, STATS),
    r("GET /statistics/2025/0603/cells/01/1", 200, false, STATS),
    r("GET /statistics/2025/0602.xlsx", 200, false, STATS),
    r("GET /statistics/2025/0605.pdf", 200, false, STATS),
    r("GET /statistics/2025/0604/entries", 200, false, OFFICE),
    r("POST /statistics/2025/0604/entries", 303, true, OFFICE),
    r("GET /api/v1/statistics/2025/0602", 200, false, STATS),
];

/// Nominations and notifications, pages and API. The steps of a nomination's page are one route taking
/// an `action`: one row each.
#[rustfmt::skip]
const NOMINATION_ROUTES: &[Route] = &[
    // Pages
    a("GET /nominations", 200, false, LISTED, Draft),
    a("GET /nominations?unit_id={unit}", 200, false, LISTED_FOR_UNIT, Draft),
    a("GET /nominations/new", 200, false, NEW_FORM, Stage::Plain),
    a("POST /nominations", 303, true, CREATE_IN, Stage::Plain),
    a("POST /nominations/bulk", 303, true, OFFICE, Submitted),
    a("GET /nominations/{nomination}", 200, false, READ, Draft),
    a("GET /nominations/{nomination}/edit", 200, false, EDIT, Draft),
    a("POST /nominations/{nomination}/edit", 303, true, EDIT, Draft),
    a("POST /nominations/{nomination}/documents", 303, true, EDIT, Draft),
    a("POST /nominations/{nomination}/step [submit]", 303, true, EDIT, Draft),
    a("POST /nominations/{nomination}/step [withdraw]", 303, true, EDIT, Submitted),
    a("POST /nominations/{nomination}/step [forward]", 303, true, THEME_LEAD, AtThemeLead),
    a("POST /nominations/{nomination}/step [return]", 303, true, RETURN, Submitted),
    a("POST /nominations/{nomination}/step [accept]", 303, true, OFFICE, Submitted),
    a("GET /nomination_documents/{doc}", 200, false, READ, Draft),
    a("GET /nominations/{nomination}/report.docx", 200, false, READ, Draft),
    a("POST /nominations/{nomination}/facts", 303, true, OFFICE, Submitted),
    a("GET /notifications", 200, false, NOTICES, Accepted),
    // API
    a("GET /api/v1/nominations", 200, false, LISTED, Draft),
    a("GET /api/v1/nominations?unit_id={unit}", 200, false, LISTED_FOR_UNIT, Draft),
    a("POST /api/v1/nominations", 201, true, CREATE_IN, Stage::Plain),
    a("GET /api/v1/nominations/{nomination}", 200, false, READ, Draft),
    a("PUT /api/v1/nominations/{nomination}", 200, true, EDIT, Draft),
    a("POST /api/v1/nominations/{nomination}/documents", 201, true, EDIT, Draft),
    a("POST /api/v1/nominations/{nomination}/submit", 200, true, EDIT, Draft),
    a("POST /api/v1/nominations/{nomination}/withdraw", 200, true, EDIT, Submitted),
    a("POST /api/v1/nominations/{nomination}/forward", 200, true, THEME_LEAD, AtThemeLead),
    a("POST /api/v1/nominations/{nomination}/return", 200, true, RETURN, Submitted),
    a("POST /api/v1/nominations/{nomination}/accept", 200, true, OFFICE, Submitted),
    a("GET /api/v1/nomination_documents/{doc}", 200, false, READ, Draft),
    a("GET /api/v1/nominations/{nomination}/report", 200, false, READ, Draft),
    a("GET /nominations/{nomination}/documents/report.pdf", 200, false, READ, Draft),
    a("GET /api/v1/nominations/{nomination}/documents/unit-submission.docx", 200, false, READ, Draft),
    a("GET /api/v1/notifications", 200, false, NOTICES, Accepted),
    a("POST /api/v1/nominations/{nomination}/forward-package", 201, true, OFFICE, PassedHigher),
    a("GET /api/v1/nominations/{nomination}/forward-package", 200, false, DECISIONS, Forwarded),
    a("POST /api/v1/nominations/{nomination}/higher-answer", 201, true, OFFICE, Forwarded),
    a("GET /api/v1/nominations/{nomination}/facts", 200, false, READ, Submitted),
    a("POST /api/v1/nominations/{nomination}/facts", 200, true, OFFICE, Submitted),
];

/// Council meetings, pages and API.
#[rustfmt::skip]
const MEETING_ROUTES: &[Route] = &[
    // Pages
    a("GET /meetings", 200, false, MEETINGS, Voting),
    a("GET /meetings/new", 200, false, OFFICE, Stage::Plain),
    a("POST /meetings", 303, true, OFFICE, Stage::Plain),
    a("GET /meetings/{meeting}", 200, false, MEETINGS, Voting),
    a("POST /meetings/{meeting}/agenda", 303, true, OFFICE, Scheduled),
    a("POST /meetings/{meeting}/agenda/{item}/remove", 303, true, OFFICE, OnAgenda),
    a("POST /meetings/{meeting}/open", 303, true, OFFICE, OnAgenda),
    a("POST /meetings/{meeting}/vote", 303, true, VOTE, Voting),
    a("POST /meetings/{meeting}/conflict", 303, true, VOTE, Voting),
    a("POST /meetings/{meeting}/paper", 303, true, OFFICE, Voting),
    a("POST /meetings/{meeting}/close", 303, true, OFFICE, Quorate),
    a("GET /meetings/{meeting}/minutes", 200, false, MEETINGS, Closed),
    a("GET /meetings/{meeting}/documents/minutes.pdf", 200, false, MEETINGS, Closed),
    a("GET /meetings/{meeting}/documents/submission.docx", 200, false, MEETINGS, Closed),
    // API
    a("GET /api/v1/meetings", 200, false, MEETINGS, Voting),
    a("POST /api/v1/meetings", 201, true, OFFICE, Stage::Plain),
    a("GET /api/v1/meetings/{meeting}", 200, false, MEETINGS, Voting),
    a("POST /api/v1/meetings/{meeting}/agenda", 200, true, OFFICE, Scheduled),
    a("DELETE /api/v1/meetings/{meeting}/agenda/{item}", 200, true, OFFICE, OnAgenda),
    a("POST /api/v1/meetings/{meeting}/open", 200, true, OFFICE, OnAgenda),
    a("POST /api/v1/meetings/{meeting}/votes", 204, true, VOTE, Voting),
    a("POST /api/v1/meetings/{meeting}/conflicts", 204, true, VOTE, Voting),
    a("POST /api/v1/meetings/{meeting}/paper", 200, true, OFFICE, Voting),
    a("POST /api/v1/meetings/{meeting}/close", 200, true, OFFICE, Quorate),
    a("GET /api/v1/meetings/{meeting}/minutes", 200, false, MEETINGS, Closed),
    a("GET /api/v1/meetings/{meeting}/documents/minutes.docx", 200, false, MEETINGS, Closed),
];

/// Decisions of award, forwarding upward and the downloads, pages and API.
#[rustfmt::skip]
const DECISION_ROUTES: &[Route] = &[
    // Pages
    a("GET /decisions", 200, false, DECISIONS, Decided),
    a("GET /decisions/export.xlsx", 200, false, DECISIONS, Decided),
    a("GET /decisions/new", 200, false, DECIDE, Passed),
    a("POST /decisions", 303, true, DECIDE, Passed),
    a("POST /decisions/forward/{nomination}", 303, true, OFFICE, PassedHigher),
    a("GET /decisions/forward/{nomination}/package.zip", 200, false, DECISIONS, Forwarded),
    a("POST /decisions/forward/{nomination}/answer", 303, true, OFFICE, Forwarded),
    a("GET /decisions/{decision}", 200, false, DECISIONS, Decided),
    a("POST /decisions/{decision}/revoke", 303, true, DECIDE, Decided),
    a("POST /decisions/{decision}/lines/{line}/revoke", 303, true, DECIDE, Decided),
    a("GET /decisions/{decision}/lines/{line}/certificate", 200, false, DECISIONS, Decided),
    a("GET /decisions/{decision}/documents/decision.pdf", 200, false, DECISIONS, Decided),
    a("GET /decisions/{decision}/documents/certificates.docx", 200, false, DECISIONS, Decided),
    a("GET /decisions/{decision}/documents/certificates-blank.pdf", 200, false, DECISIONS, Decided),
    a("GET /decisions/{decision}/documents/certificate-{line}.pdf", 200, false, DECISIONS, Decided),
    // API
    a("GET /api/v1/decisions", 200, false, DECISIONS, Decided),
    a("POST /api/v1/decisions", 201, true, DECIDE, Passed),
    a("GET /api/v1/decisions/{decision}", 200, false, DECISIONS, Decided),
    a("POST /api/v1/decisions/{decision}/lines/{line}/revoke", 200, true, DECIDE, Decided),
    a("GET /api/v1/decisions/{decision}/documents/decision.docx", 200, false, DECISIONS, Decided),
];

/// Scoring: scales, a unit's sheet (self-assessment, review, evidence, appeals) and the ranking, pages
/// and API. A sheet is saved through one route, a self-assessment while the scale is open and a review
/// once it is under review; a read may depend on the scale's step: one row each (the step in brackets).
#[rustfmt::skip]
const SCORING_ROUTES: &[Route] = &[
    // Pages
    a("GET /scoring", 200, false, ALL, ScaleOpen),
    a("GET /scoring/new", 200, false, OFFICE, Stage::Plain),
    a("POST /scoring", 303, true, OFFICE, ScaleDraft),
    a("GET /scoring/template.xlsx", 200, false, ALL, Stage::Plain),
    a("GET /scoring/{scale}", 200, false, ALL, ScaleOpen),
    a("POST /scoring/{scale}/groups", 303, true, OFFICE, ScaleDraft),
    a("POST /scoring/{scale}/criteria", 303, true, OFFICE, ScaleDraft),
    a("POST /scoring/{scale}/remove", 303, true, OFFICE, ScaleDraft),
    a("POST /scoring/{scale}/import", 303, true, OFFICE, ScaleDraft),
    a("POST /scoring/{scale}/advance [open]", 303, true, OFFICE, ScaleDraft),
    a("POST /scoring/{scale}/advance [review]", 303, true, OFFICE, ScaleOpen),
    a("POST /scoring/{scale}/advance [published]", 303, true, OFFICE, ScaleReview),
    a("GET /scoring/{scale}/units/{unit}", 200, false, READ, ScaleOpen),
    a("GET /scoring/{scale}/units/{unit} [peers]", 200, false, ALL, ScalePeers),
    a("GET /scoring/{scale}/units/{unit} [leader]", 200, false, ALL, ScaleLed),
    a("GET /scoring/{scale}/units/{unit} [published]", 200, false, ALL, ScalePublished),
    a("POST /scoring/{scale}/units/{unit} [self]", 303, true, EDIT, ScaleOpen),
    a("POST /scoring/{scale}/units/{unit} [review]", 303, true, REVIEW, ScaleReview),
    a("POST /scoring/{scale}/units/{unit} [review, led by partner]", 303, true, LEADER_REVIEW, ScaleLed),
    a("POST /scoring/{scale}/units/{unit} [review, led by itself]", 303, true, REVIEW, ScaleSelfLed),
    a("POST /scoring/{scale}/units/{unit}/evidence", 303, true, EDIT, ScaleOpen),
    a("GET /scoring/evidence/{evidence}", 200, false, READ, ScaleOpen),
    a("POST /scoring/{scale}/units/{unit}/appeals", 303, true, EDIT, ScalePublished),
    a("POST /scoring/appeals/{appeal}", 303, true, OFFICE, Appealed),
    a("GET /scoring/{scale}/ranking", 200, false, RANKING, ScaleOpen),
    a("GET /scoring/{scale}/ranking [peers]", 200, false, ALL, ScalePeers),
    a("GET /scoring/{scale}/ranking [published]", 200, false, ALL, ScalePublished),
    a("POST /scoring/{scale}/ranking", 303, true, OFFICE, ScaleReview),
    a("GET /scoring/{scale}/export.xlsx", 200, false, OFFICE, ScaleReview),
    a("GET /scoring/{scale}/export.xlsx [published]", 200, false, ALL, ScalePublished),
    a("GET /scoring/{scale}/documents/ranking.pdf", 200, false, RANKING, ScaleOpen),
    a("GET /scoring/{scale}/documents/ranking.docx [published]", 200, false, ALL, ScalePublished),
    // API
    a("GET /api/v1/scoring/scales", 200, false, ALL, ScaleOpen),
    a("POST /api/v1/scoring/scales", 201, true, OFFICE, ScaleDraft),
    a("GET /api/v1/scoring/scales/{scale}", 200, false, ALL, ScaleOpen),
    a("POST /api/v1/scoring/scales/{scale}/advance [open]", 200, true, OFFICE, ScaleDraft),
    a("POST /api/v1/scoring/scales/{scale}/advance [review]", 200, true, OFFICE, ScaleOpen),
    a("POST /api/v1/scoring/scales/{scale}/advance [published]", 200, true, OFFICE, ScaleReview),
    a("GET /api/v1/scoring/scales/{scale}/units/{unit}", 200, false, READ, ScaleOpen),
    a("GET /api/v1/scoring/scales/{scale}/units/{unit} [peers]", 200, false, ALL, ScalePeers),
    a("GET /api/v1/scoring/scales/{scale}/units/{unit} [leader]", 200, false, ALL, ScaleLed),
    a("GET /api/v1/scoring/scales/{scale}/units/{unit} [published]", 200, false, ALL, ScalePublished),
    a("POST /api/v1/scoring/scales/{scale}/units/{unit} [self]", 200, true, EDIT, ScaleOpen),
    a("POST /api/v1/scoring/scales/{scale}/units/{unit} [review]", 200, true, REVIEW, ScaleReview),
    a("POST /api/v1/scoring/scales/{scale}/units/{unit} [review, led by partner]", 200, true, LEADER_REVIEW, ScaleLed),
    a("POST /api/v1/scoring/scales/{scale}/units/{unit} [review, led by itself]", 200, true, REVIEW, ScaleSelfLed),
    a("POST /api/v1/scoring/scales/{scale}/units/{unit}/appeals", 201, true, EDIT, ScalePublished),
    a("POST /api/v1/scoring/appeals/{appeal}/decision", 200, true, OFFICE, Appealed),
    a("GET /api/v1/scoring/scales/{scale}/ranking", 200, false, RANKING, ScaleOpen),
    a("GET /api/v1/scoring/scales/{scale}/ranking [peers]", 200, false, ALL, ScalePeers),
    a("GET /api/v1/scoring/scales/{scale}/ranking [published]", 200, false, ALL, ScalePublished),
    // Cross-scoring pages: the board, the office's assignment and average, an assessor's form
    // for the unit it scores (`{unit}` scores `{partner}`).
    a("GET /scoring/{scale}/cross", 200, false, ALL, ScaleCross),
    a("POST /scoring/{scale}/cross/assign", 303, true, OFFICE, ScaleCross),
    a("POST /scoring/{scale}/cross/apply", 303, true, OFFICE, ScaleCross),
    a("GET /scoring/{scale}/cross/{unit}/{partner}", 200, false, READ, ScaleCross),
    a("POST /scoring/{scale}/cross/{unit}/{partner}", 303, true, EDIT, ScaleCross),
    // Cross-scoring through the API: the same use cases and the same answers.
    a("GET /api/v1/scoring/scales/{scale}/cross", 200, false, ALL, ScaleCross),
    a("POST /api/v1/scoring/scales/{scale}/cross/assign", 200, true, OFFICE, ScaleCross),
    a("POST /api/v1/scoring/scales/{scale}/cross/apply", 200, true, OFFICE, ScaleCross),
    a("GET /api/v1/scoring/scales/{scale}/cross/{unit}/{partner}", 200, false, READ, ScaleCross),
    a("POST /api/v1/scoring/scales/{scale}/cross/{unit}/{partner}", 200, true, EDIT, ScaleCross),
];

// The register of initiatives (`ViewInitiative`, `ProposeInitiative`, `EvaluateInitiatives`,
// `UseInitiative` in `thidua_domain::policy`): read by everyone in scope, proposed, edited, withdrawn
// and used as a basis by the office and the unit's officer, sent to the council and recognised in a
// session by the office only. Targets are built in `crate::initiatives::Fixture`: `{initiative}`
// proposed (with a file `{file}`), `{recognised}` recognised with an award of its author, `{session}`.
const INITIATIVE_ROUTES: &[Route] = &[
    r("GET /initiatives", 200, false, LISTED),
    r("GET /initiatives/new", 200, false, NEW_FORM),
    r("POST /initiatives", 303, true, CREATE_IN),
    r("GET /initiatives/{initiative}", 200, false, READ),
    r("GET /initiatives/{initiative}/edit", 200, false, EDIT),
    r("POST /initiatives/{initiative}", 303, true, EDIT),
    r("POST /initiatives/{initiative}/withdraw", 303, true, EDIT),
    r("POST /initiatives/{initiative}/send", 303, true, OFFICE),
    r("POST /initiatives/{initiative}/files", 303, true, EDIT),
    r("GET /initiatives/files/{file}", 200, false, READ),
    r("POST /initiatives/{recognised}/use", 303, true, EDIT),
    r("GET /initiatives/sessions", 200, false, ALL),
    r("POST /initiatives/sessions", 303, true, OFFICE),
    r("GET /initiatives/sessions/{session}", 200, false, ALL),
    r("GET /api/v1/initiatives", 200, false, LISTED),
    r("POST /api/v1/initiatives", 201, true, CREATE_IN),
    r("GET /api/v1/initiatives/{initiative}", 200, false, READ),
    r("PUT /api/v1/initiatives/{initiative}", 200, true, EDIT),
    r(
        "POST /api/v1/initiatives/{initiative}/withdraw",
        200,
        true,
        EDIT,
    ),
    r(
        "POST /api/v1/initiatives/{initiative}/send-to-council",
        200,
        true,
        OFFICE,
    ),
    r(
        "GET /api/v1/initiatives/{recognised}/uses",
        200,
        false,
        READ,
    ),
    r(
        "POST /api/v1/initiatives/{recognised}/uses",
        201,
        true,
        EDIT,
    ),
    r("POST /api/v1/initiatives/sessions", 201, true, OFFICE),
    r(
        "GET /api/v1/initiatives/sessions/{session}",
        200,
        false,
        ALL,
    ),
];

/// The users of the matrix and the column of [`Expect`] each one reads; `own` is the unit the target is
/// created in for "own" cases (a unit officer's scope; Bạch Đằng for organisation-wide roles).
const USERS: [(&str, usize, &str, &str); 7] = [
    (ADMIN, 0, "P-BACHDANG", "P-VHTT"),
    (STANDING, 1, "P-BACHDANG", "P-VHTT"),
    (UO_BACHDANG, 2, "P-BACHDANG", "P-VHTT"),
    (UO_VHTT, 2, "P-VHTT", "P-BACHDANG"),
    (COUNCIL, 3, "P-BACHDANG", "P-VHTT"),
    (CHAIRMAN, 4, "P-BACHDANG", "P-VHTT"),
    (VIEWER, 5, "P-BACHDANG", "P-VHTT"),
];

/// Records the target of one case, created fresh by the administrator in the target unit's subtree.
struct Fixture {
    parent_id: String,
    parent_code: String,
    unit: Option<Value>,
    person: Option<Value>,
    cluster: Option<Value>,
    user: Option<Value>,
    /// A plan in the target unit's name (launched, or a draft for `{draft}` routes), as read back.
    campaign: Option<Value>,
    /// A cluster of the current year led by the target unit, for pacts.
    pact_cluster: String,
    /// A failed job of the organisation, for the outbox.
    job: String,
    /// An evidence file of the target unit.
    attachment: String,
    /// A second unit beside `unit`, for merges.
    unit2: String,
    /// An exemplar of the target unit (`{exemplar}` or `{chosen}`), a photo of it and a fostering step.
    exemplar: String,
    photo: String,
    step: String,
    /// Records of the award pipeline, for the routes of [`NOMINATION_ROUTES`], [`MEETING_ROUTES`] and
    /// [`DECISION_ROUTES`].
    award: Award,
    /// The scale of the routes of [`SCORING_ROUTES`].
    scoring: Scoring,
    /// The initiatives of the routes of [`INITIATIVE_ROUTES`].
    ini: crate::initiatives::Fixture,
    /// A name that a 404 must not reveal (and that a list shows or hides, see [`Out::V`] and [`Out::H`]).
    secret: String,
}

const EXEMPLAR_STORY: &str = "Ông đã nhặt được chiếc ví có nhiều tiền và giấy tờ, mang đến Công an phường để trả lại người đánh rơi ngay trong ngày.";

/// An exemplar put forward by the administrator for `unit_id`, selected with consent recorded (at
/// version 3) for `{chosen}` routes; returns its id and name.
async fn fresh_exemplar(admin: &Session, unit_id: &str, route: &str) -> (String, String) {
    let name = format!("Ông Trần Văn Gương {}", crate::common::next_n());
    let body = json!({"unit_id": unit_id, "kind": "person", "name": name, "headline": "Trả lại tài sản nhặt được", "story": EXEMPLAR_STORY});
    let r = admin.api_post("/api/v1/exemplars", &body).await;
    r.expect(201);
    let id = r.json()["id"].as_str().unwrap_or_default().to_string();
    if route.contains("{chosen}") {
        let state = json!({"action": "select", "version": 1});
        admin
            .api_post(&format!("/api/v1/exemplars/{id}/state"), &state)
            .await
            .expect(200);
        let consent = json!({"action": "give", "given_by": name, "version": 2});
        admin
            .api_post(&format!("/api/v1/exemplars/{id}/consent"), &consent)
            .await
            .expect(200);
    }
    (id, name)
}

/// A photo of the exemplar, uploaded by the administrator.
async fn fresh_photo(admin: &Session, exemplar: &str) -> String {
    let path = format!("/exemplars/{exemplar}/photos");
    multipart(admin, &path, &[], &[("anh.png", png_picture())])
        .await
        .expect(303);
    let d = admin
        .api_get(&format!("/api/v1/exemplars/{exemplar}"))
        .await
        .json();
    d["photos"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// A step of the exemplar's fostering plan.
async fn fresh_step(admin: &Session, exemplar: &str) -> String {
    let path = format!("/exemplars/{exemplar}/fostering");
    admin
        .post_form(
            &path,
            &[
                ("goal", "Giấy khen"),
                ("supporter", "Phòng Nội vụ"),
                ("due_on", "31/12/2099"),
            ],
        )
        .await
        .expect(303);
    let d = admin
        .api_get(&format!("/api/v1/exemplars/{exemplar}"))
        .await
        .json();
    d["fostering"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// A small PNG picture.
fn png_picture() -> Vec<u8> {
    let img = image::RgbImage::from_fn(120, 90, |x, _| image::Rgb([x as u8, 80, 160]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("png");
    out
}

/// The changes of the exemplar routes, each with what a real form or client sends.
async fn perform_exemplar(s: &Session, route: &str, path: &str, f: &Fixture) -> Reply {
    let story = ("story", EXEMPLAR_STORY);
    let unit = f.parent_id.as_str();
    match route {
        "POST /exemplars" => s.post_form(path, &[("unit_id", unit), ("kind", "model"), ("name", "Mô hình mới"), ("headline", "Tuyến phố văn minh"), story]).await,
        "POST /api/v1/exemplars" => s.api_post(path, &json!({"unit_id": unit, "kind": "model", "name": "Mô hình mới", "headline": "Tuyến phố văn minh", "story": EXEMPLAR_STORY})).await,
        "POST /exemplars/{exemplar}/edit" => s.post_form(path, &[("unit_id", unit), ("kind", "person"), ("name", &f.secret), ("headline", "Đã sửa"), story, ("version", "1")]).await,
        "POST /exemplars/{exemplar}/state" => s.post_form(path, &[("action", "select"), ("version", "1")]).await,
        "POST /api/v1/exemplars/{exemplar}/state" => s.api_post(path, &json!({"action": "select", "version": 1})).await,
        "POST /exemplars/{exemplar}/photos" => multipart(s, path, &[("caption", "Ảnh")], &[("anh.png", png_picture())]).await,
        "POST /exemplars/{chosen}/consent" => s.post_form(path, &[("action", "withdraw"), ("version", "3")]).await,
        "POST /api/v1/exemplars/{chosen}/consent" => s.api_post(path, &json!({"action": "withdraw", "version": 3})).await,
        "POST /exemplars/{chosen}/publish" => s.post_form(path, &[("publish", "1"), ("version", "3")]).await,
        "POST /exemplars/{chosen}/forward" => s.post_form(path, &[("forwarded_to", "Ban Thi đua – Khen thưởng Thành phố"), ("version", "3")]).await,
        "POST /exemplars/{chosen}/adoptions" => s.post_form(path, &[("unit_id", unit), ("adopted_on", "01/03/2026"), ("result", "Áp dụng tốt")]).await,
        "POST /exemplars/{chosen}/fostering" => s.post_form(path, &[("goal", "Bằng khen"), ("supporter", "Phòng Nội vụ"), ("due_on", "31/12/2099")]).await,
        _ => s.post_form(path, &[]).await,
    }
}

async fn fresh_unit(admin: &Session, parent_id: &str) -> Value {
    let c = code("MX");
    let body = json!({"code": c, "name": format!("Tổ dân phố thử nghiệm {c}"), "kind": "residential_group", "level": "grassroots", "parent_id": parent_id, "valid_from": "01/01/2020"});
    let r = admin.api_post("/api/v1/units", &body).await;
    r.expect(201);
    r.json()
}

async fn fresh_person(admin: &Session, unit_id: &str) -> Value {
    let n = crate::common::next_n();
    let letters: String = n
        .to_string()
        .chars()
        .map(|d| (b'a' + d.to_digit(10).unwrap_or(0) as u8) as char)
        .collect();
    let body = json!({"full_name": format!("Phan Thị Bí Mật {letters}"), "gender": "female", "birth_date": "02/03/1990", "position": "Chuyên viên", "kind": "civil_servant", "unit_id": unit_id});
    let r = admin.api_post("/api/v1/people", &body).await;
    r.expect(201);
    r.json()
}

/// A plan made by the administrator with the target unit as its only participant: one per-unit
/// target, two deadlines, and the theme, award form and quota the route needs; launched unless the
/// route works on a draft.
async fn fresh_campaign(admin: &Session, unit_id: &str, route: &str) -> Value {
    fresh_campaign_with(admin, unit_id, &[], route).await
}

/// [`fresh_campaign`] with more participating units (`others`) besides the target unit.
async fn fresh_campaign_with(
    admin: &Session,
    unit_id: &str,
    others: &[String],
    route: &str,
) -> Value {
    let mut participants = vec![unit_id.to_string()];
    participants.extend_from_slice(others);
    let plan = make_plan(
        admin,
        &format!("Kế hoạch thi đua thử nghiệm {}", code("KH")),
        &participants,
    )
    .await;
    let id = plan["id"].as_str().unwrap_or_default().to_string();
    if route.contains("{theme}") {
        admin
            .api_post(
                &format!("/api/v1/campaigns/{id}/themes"),
                &json!({"title": "Chuyên đề thử nghiệm", "lead_unit_id": unit_id}),
            )
            .await
            .expect(201);
    }
    if route.contains("{award_form}") {
        admin
            .api_post(
                &format!("/api/v1/campaigns/{id}/award_forms"),
                &json!({"name": "Giấy khen của Chủ tịch UBND"}),
            )
            .await
            .expect(201);
    }
    if route.contains("{quota}") {
        admin
            .api_post(
                &format!("/api/v1/campaigns/{id}/quotas"),
                &json!({"who": "Mỗi đơn vị", "individuals_max": 3}),
            )
            .await
            .expect(201);
    }
    let plan = admin
        .api_get(&format!("/api/v1/campaigns/{id}"))
        .await
        .json();
    if route.contains("{draft}") {
        plan
    } else {
        launch(admin, &plan).await
    }
}

/// An evidence file reported by the administrator for the target unit; returns its id.
async fn fresh_attachment(admin: &Session, plan: &Value, unit_id: &str) -> String {
    let path = format!(
        "/api/v1/campaigns/{}/targets/{}/progress",
        plan["id"].as_str().unwrap_or_default(),
        plan["targets"][0]["id"].as_str().unwrap_or_default()
    );
    let r = multipart(
        admin,
        &path,
        &[
            ("unit_id", unit_id),
            ("value", "50"),
            ("reported_on", &day(0)),
        ],
        &[("minh-chung.pdf", pdf())],
    )
    .await;
    r.expect(201);
    r.json()["attachments"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// The records of the award pipeline one case works on, built to the route's [`Stage`].
#[derive(Default)]
struct Award {
    /// The nomination as the API shows it (at least `id` and `version`).
    nomination: Value,
    /// A document of its dossier.
    doc: String,
    /// A council meeting, its version, and its first agenda item.
    meeting: String,
    meeting_version: i64,
    item: String,
    /// A decision and its first line.
    decision: String,
    line: String,
    /// User ids of the council member and the chairman, who sit in the meetings made here.
    members: Vec<String>,
}

/// A household's name unique in the test, none the beginning of another (six letters: names take no digits).
fn household_name() -> String {
    let letters: String = format!("{:06}", crate::common::next_n())
        .chars()
        .map(|d| (b'a' + d.to_digit(10).unwrap_or(0) as u8) as char)
        .collect();
    format!("Hộ bà Phan Thị Kín {letters}")
}

/// A nomination of the household `name` by the unit `unit_id` for a Giấy khen, as the API takes it.
fn household_nomination(unit_id: &str, name: &str) -> Value {
    json!({"nominating_unit_id": unit_id, "nominee_type": "household", "household_name": name, "code": "GIAY_KHEN", "kind": "merit", "year": 2025, "achievement": "Gia đình văn hóa tiêu biểu, giúp đỡ hộ nghèo trên địa bàn"})
}

/// The same as the fields of the nomination form.
fn household_form<'a>(unit_id: &'a str, name: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("nominating_unit_id", unit_id),
        ("nominee_type", "household"),
        ("household_name", name),
        ("code", "GIAY_KHEN"),
        ("kind", "merit"),
        ("year", "2025"),
        (
            "achievement",
            "Gia đình văn hóa tiêu biểu, giúp đỡ hộ nghèo trên địa bàn",
        ),
    ]
}

/// A meeting of two members, both sitting in the app, as the API takes it.
fn meeting_body(members: &[String]) -> Value {
    json!({"title": format!("Phiên họp xét khen thưởng thử nghiệm {}", crate::common::next_n()), "held_on": "15/12/2025", "total_members": 2, "secret_ballot": true, "member_ids": members})
}

/// A nomination of a new person of unit `unit_id` for `award`, stored straight at `status` (the council's
/// stages are built in `meetings.rs` and `decisions.rs` the same way); returns its id and the person's name.
async fn stored_nomination(
    app: &TestApp,
    admin: &Session,
    unit_id: &str,
    award: &str,
    status: &str,
) -> (String, String) {
    let person = app
        .person(
            fresh_person(admin, unit_id).await["id"]
                .as_str()
                .unwrap_or_default(),
        )
        .await;
    let mut row = nomination_row(app, award, &person);
    row.status = status.into();
    let mut tx = app.db.begin().await.expect("tx");
    thidua_store::nominations::insert(&mut tx, &row)
        .await
        .expect("insert nomination");
    tx.commit().await.expect("commit");
    (row.id, person.full_name)
}

impl Award {
    /// Builds the records `route` needs in unit `unit_id`; returns them and the name a refusal must not
    /// reveal (the nominee), if any.
    async fn new(
        app: &TestApp,
        admin: &Session,
        unit_id: &str,
        route: &Route,
    ) -> (Award, Option<String>) {
        let mut a = Award::default();
        if route.name.contains("meetings") {
            a.members = vec![app.user_id(COUNCIL).await, app.user_id(CHAIRMAN).await];
        }
        let secret = match route.stage {
            Stage::Plain
            | ScaleDraft
            | ScaleOpen
            | ScalePeers
            | ScaleReview
            | ScaleLed
            | ScaleSelfLed
            | ScalePublished
            | ScaleCross
            | Appealed => return (a, None),
            Draft | AtThemeLead | Submitted | Accepted => {
                let name = household_name();
                let mut body = household_nomination(unit_id, &name);
                if route.stage == AtThemeLead {
                    // A third ward nominates under the theme the target unit leads (a lead's own
                    // nominations go straight to the office).
                    let nominator = app.unit("P-BACHKHOA").await.id;
                    body = household_nomination(&nominator, &name);
                    let plan = fresh_campaign_with(
                        admin,
                        unit_id,
                        std::slice::from_ref(&nominator),
                        "{theme}",
                    )
                    .await;
                    body["kind"] = json!("campaign");
                    body["campaign_id"] = plan["id"].clone();
                    body["theme_id"] = plan["themes"][0]["id"].clone();
                }
                let id = sid(&create_nomination(admin, &body).await);
                full_dossier(admin, &id).await;
                a.nomination = admin
                    .api_get(&format!("/api/v1/nominations/{id}"))
                    .await
                    .json();
                a.doc = a.nomination["documents"][0]["id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string();
                if route.stage != Draft {
                    let r = step(admin, &a.nomination, "submit", json!({})).await;
                    r.expect(200);
                    a.nomination = r.json()["nomination"].clone();
                }
                if route.stage == Accepted {
                    let r = step(admin, &a.nomination, "accept", json!({})).await;
                    r.expect(200);
                    a.nomination = r.json();
                }
                name
            }
            Passed | PassedHigher | Forwarded | Decided => {
                let award = if matches!(route.stage, PassedHigher | Forwarded) {
                    "BK_TINH"
                } else {
                    "LDTT"
                };
                let (id, name) = stored_nomination(app, admin, unit_id, award, "passed").await;
                if route.stage == Forwarded {
                    admin
                        .api_post(
                            &format!("/api/v1/nominations/{id}/forward-package"),
                            &json!({}),
                        )
                        .await
                        .expect(201);
                }
                if route.stage == Decided {
                    let r = admin
                        .api_post(
                            "/api/v1/decisions",
                            &decision_body(&crate::common::decision_no(), &[&id]),
                        )
                        .await;
                    r.expect(201);
                    let d = r.json();
                    a.decision = sid(&d);
                    a.line = sid(&d["items"][0]);
                }
                a.nomination = json!({"id": id, "version": 1});
                name
            }
            Scheduled | OnAgenda | Voting | Quorate | Closed => {
                let (id, name) = stored_nomination(app, admin, unit_id, "CSTDCS", "accepted").await;
                let mut view = if matches!(route.stage, Scheduled | OnAgenda) {
                    let r = admin
                        .api_post("/api/v1/meetings", &meeting_body(&a.members))
                        .await;
                    r.expect(201);
                    r.json()
                } else {
                    let members: Vec<&str> = a.members.iter().map(String::as_str).collect();
                    schedule(admin, 2, &members, true, std::slice::from_ref(&id)).await
                };
                let meeting = view["meeting"]["id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string();
                if route.stage == OnAgenda {
                    let r = admin
                        .api_post(
                            &format!("/api/v1/meetings/{meeting}/agenda"),
                            &json!({"nomination_ids": [id]}),
                        )
                        .await;
                    r.expect(200);
                    view = r.json();
                }
                if matches!(route.stage, Quorate | Closed) {
                    let paper = json!({"items": [{"item_id": view["items"][0]["id"], "agree": 2, "disagree": 0, "abstain": 0}], "written": a.members});
                    let r = admin
                        .api_post(&format!("/api/v1/meetings/{meeting}/paper"), &paper)
                        .await;
                    r.expect(200);
                    view = r.json();
                }
                if route.stage == Closed {
                    let r = admin
                        .api_post(
                            &format!("/api/v1/meetings/{meeting}/close"),
                            &json!({"version": view["meeting"]["version"]}),
                        )
                        .await;
                    r.expect(200);
                    view = r.json();
                }
                a.meeting = meeting;
                a.meeting_version = view["meeting"]["version"].as_i64().unwrap_or_default();
                a.item = view["items"][0]["id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string();
                a.nomination = json!({"id": id, "version": 1});
                name
            }
        };
        (a, Some(secret))
    }

    fn nomination_id(&self) -> String {
        self.nomination["id"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn nomination_version(&self) -> String {
        self.nomination["version"].to_string()
    }
}

/// The scale one case of [`SCORING_ROUTES`] works on, built to the route's [`Stage`].
#[derive(Default)]
struct Scoring {
    /// The scale and its version.
    scale: String,
    version: i64,
    /// The cluster it scores: the target unit and its partner.
    cluster: String,
    /// Criterion ids by code (`1`, `2`, `3`).
    criteria: HashMap<String, String>,
    /// Versions of the target unit's entries by criterion id, after its self-assessment.
    entries: HashMap<String, i64>,
    /// An evidence file of the target unit.
    evidence: String,
    /// The target unit's partner in the cluster (cross-scoring).
    partner: String,
    /// The target unit's appeal, and its version.
    appeal: String,
    appeal_version: i64,
}

/// The other unit of the matrix's pair (see [`USERS`]): the target unit's partner in its cluster.
fn partner_of(unit_code: &str) -> &'static str {
    if unit_code == "P-BACHDANG" {
        "P-VHTT"
    } else {
        "P-BACHDANG"
    }
}

/// The groups of the scales of the matrix: one group of three criteria, the second one reviewed by
/// the cluster leader.
fn scale_groups() -> Value {
    json!([{"name": "Thực hiện nhiệm vụ chính trị", "max_points": 60, "criteria": [
        {"code": "1", "text": "Bảo đảm an ninh, trật tự trên địa bàn", "kind": "fixed", "points": 20},
        {"code": "2", "text": "Tham gia sinh hoạt Cụm thi đua", "kind": "fixed", "points": 20, "assessor": "cluster_leader"},
        {"code": "3", "text": "Giới thiệu gương điển hình tiên tiến", "kind": "fixed", "points": 20}]}])
}

/// A unit's comment on its self-assessment, unique in the test (letters only, see [`household_name`]).
fn scoring_note() -> String {
    let letters: String = format!("{:06}", crate::common::next_n())
        .chars()
        .map(|d| (b'a' + d.to_digit(10).unwrap_or(0) as u8) as char)
        .collect();
    format!("Tự đánh giá riêng của đơn vị {letters}")
}

impl Scoring {
    /// Builds, as the administrator, the scale `route` needs for the target unit `parent_code`: a fresh
    /// cluster of this year of the target unit and its partner, led as the stage says, and a scale over
    /// it moved to the stage's step. Returns it and the name a refusal must not reveal (the unit's
    /// comment once it self-assessed, else the scale's name), if any.
    async fn new(
        app: &TestApp,
        admin: &Session,
        parent_code: &str,
        route: &Route,
    ) -> (Scoring, Option<String>) {
        let mut sc = Scoring::default();
        if route.stage == Stage::Plain {
            return (sc, None);
        }
        let target = app.unit(parent_code).await.id;
        let partner = app.unit(partner_of(parent_code)).await.id;
        sc.partner = partner.clone();
        let mut cluster = json!({"year": today().year(), "kind": "cluster", "name": format!("Cụm chấm điểm thử nghiệm {}", code("CD")), "member_ids": [target, partner]});
        match route.stage {
            ScaleLed => cluster["leader_unit_id"] = json!(partner),
            ScaleSelfLed => cluster["leader_unit_id"] = json!(target),
            _ => {}
        }
        let r = admin.api_post("/api/v1/clusters", &cluster).await;
        r.expect(201);
        sc.cluster = sid(&r.json());
        let name = format!("Thang điểm thử nghiệm {}", code("TD"));
        let body = json!({"name": name, "year": today().year(), "cluster_ids": [sc.cluster], "self_until": day(7), "appeal_days": 5, "peers_visible": route.stage == ScalePeers, "groups": scale_groups()});
        let r = admin.api_post("/api/v1/scoring/scales", &body).await;
        r.expect(201);
        let scale = r.json();
        sc.scale = sid(&scale);
        sc.version = scale["version"].as_i64().unwrap_or_default();
        for c in scale["criteria"].as_array().into_iter().flatten() {
            let code = c["code"].as_str().unwrap_or_default().to_string();
            sc.criteria.insert(code, sid(c));
        }
        if route.stage == ScaleDraft {
            return (sc, Some(name));
        }
        sc.advance(admin, "open").await;
        let note = scoring_note();
        let entries = json!({"entries": [
            {"criterion_id": sc.c("1"), "amount": 15, "note": note},
            {"criterion_id": sc.c("2"), "amount": 15}]});
        let r = admin
            .api_post(
                &format!("/api/v1/scoring/scales/{}/units/{target}", sc.scale),
                &entries,
            )
            .await;
        r.expect(200);
        for line in r.json()["lines"].as_array().into_iter().flatten() {
            if let Some(v) = line["version"].as_i64() {
                let id = line["criterion_id"].as_str().unwrap_or_default();
                sc.entries.insert(id.to_string(), v);
            }
        }
        if route.name.contains("{evidence}") {
            let path = format!("/scoring/{}/units/{target}/evidence", sc.scale);
            let fields = [("criterion_id", sc.c("1"))];
            multipart(admin, &path, &fields, &[("minh-chung.pdf", pdf())])
                .await
                .expect(303);
            sc.evidence = app
                .scalar_text(&format!(
                    "SELECT id FROM scoring_evidence WHERE scale_id = '{}'",
                    sc.scale
                ))
                .await;
        }
        if matches!(route.stage, ScaleOpen | ScalePeers) {
            return (sc, Some(note));
        }
        sc.advance(admin, "review").await;
        if route.stage == ScaleCross {
            let base = format!("/scoring/{}/cross", sc.scale);
            admin
                .post_form(&format!("{base}/assign"), &[("per_unit", "1")])
                .await
                .expect(303);
            let fields = [
                (format!("amount.{}", sc.c("1")), "10"),
                (format!("note.{}", sc.c("1")), "Theo biên bản kiểm tra chéo"),
            ];
            let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), *v)).collect();
            admin
                .post_form(&format!("{base}/{target}/{partner}"), &refs)
                .await
                .expect(303);
        }
        if matches!(route.stage, ScalePublished | Appealed) {
            sc.advance(admin, "published").await;
        }
        if route.stage == Appealed {
            let r = admin
                .api_post(
                    &format!(
                        "/api/v1/scoring/scales/{}/units/{target}/appeals",
                        sc.scale
                    ),
                    &json!({"criterion_id": sc.c("1"), "text": "Đề nghị xem xét lại điểm an ninh, trật tự."}),
                )
                .await;
            r.expect(201);
            let appeal = r.json();
            sc.appeal = sid(&appeal);
            sc.appeal_version = appeal["version"].as_i64().unwrap_or_default();
        }
        (sc, Some(note))
    }

    /// Moves the scale one step forward with its current version.
    async fn advance(&mut self, admin: &Session, to: &str) {
        let r = admin
            .api_post(
                &format!("/api/v1/scoring/scales/{}/advance", self.scale),
                &json!({"to": to, "version": self.version}),
            )
            .await;
        r.expect(200);
        self.version = r.json()["version"].as_i64().unwrap_or_default();
    }

    /// The id of the criterion numbered `code`.
    fn c(&self, code: &str) -> &str {
        self.criteria.get(code).map_or("", String::as_str)
    }

    /// The version of the target unit's entry on the criterion numbered `code`, as a form sends it.
    fn entry_version(&self, code: &str) -> String {
        self.entries
            .get(self.c(code))
            .map(i64::to_string)
            .unwrap_or_default()
    }
}

impl Fixture {
    async fn new(app: &TestApp, admin: &Session, parent_code: &str, route: &Route) -> Fixture {
        let parent = app.unit(parent_code).await;
        let (award, secret) = Award::new(app, admin, &parent.id, route).await;
        let mut f = Fixture {
            parent_id: parent.id.clone(),
            parent_code: parent_code.to_string(),
            unit: None,
            person: None,
            cluster: None,
            user: None,
            campaign: None,
            pact_cluster: String::new(),
            job: String::new(),
            attachment: String::new(),
            unit2: String::new(),
            exemplar: String::new(),
            photo: String::new(),
            step: String::new(),
            award,
            scoring: Scoring::default(),
            ini: crate::initiatives::Fixture::default(),
            secret: secret.unwrap_or_else(|| parent.name.clone()),
        };
        if route.name.contains("initiatives") {
            let (ini, secret) =
                crate::initiatives::Fixture::new(admin, &parent.id, route.name).await;
            f.ini = ini;
            f.secret = secret;
            return f;
        }
        if route.name.contains("{job}") {
            f.job = failed_job(app).await;
        }
        if route.name.contains("/settings/mail/test") {
            // The administrator's own address, which the test mail goes to.
            app.exec("INSERT INTO user_contacts (user_id, email, mail_mode, updated_at) SELECT id, 'admin@hbt.example.vn', 'immediate', '2026-01-01T00:00:00Z' FROM users WHERE username = 'admin' ON CONFLICT (user_id) DO NOTHING").await;
        }
        if is_scoring(route.name) {
            let (scoring, secret) = Scoring::new(app, admin, parent_code, route).await;
            f.scoring = scoring;
            if let Some(secret) = secret {
                f.secret = secret;
            }
            return f;
        }
        let route = route.name;
        if is_award(route) {
            // Award routes work on the target unit itself (`{unit}`) and on the records of their stage.
            return f;
        }
        if route.contains("{unit}") || route.contains("{person}") || route.contains("merge") {
            let u = fresh_unit(admin, &parent.id).await;
            f.secret = u["name"].as_str().unwrap_or_default().to_string();
            f.unit = Some(u);
        }
        if route.contains("merge") {
            f.unit2 = fresh_unit(admin, &parent.id).await["id"]
                .as_str()
                .unwrap_or_default()
                .to_string();
        }
        if route.contains("{person}") {
            let unit_id = f.unit_id();
            let p = fresh_person(admin, &unit_id).await;
            f.secret = p["full_name"].as_str().unwrap_or_default().to_string();
            f.person = Some(p);
        }
        if route.contains("{cluster}") {
            let mut body = json!({"year": 2031, "kind": "cluster", "name": format!("Cụm thử nghiệm {}", code("C")), "member_ids": [parent.id]});
            if route.contains("year-end") {
                body["leader_unit_id"] = json!(parent.id);
            }
            let r = admin.api_post("/api/v1/clusters", &body).await;
            r.expect(201);
            f.cluster = Some(r.json());
            if route.contains("year-end.pdf") || route.contains("propose") {
                let path = format!("/clusters/{}/year-end", Fixture::field(&f.cluster, "id"));
                post_year_end(admin, &path, &parent.id).await.expect(303);
            }
        }
        if route.contains("{campaign}")
            || route.contains("{draft}")
            || route.contains("{attachment}")
        {
            let plan = fresh_campaign(admin, &parent.id, route).await;
            f.secret = plan["title"].as_str().unwrap_or_default().to_string();
            if route.contains("{attachment}") {
                f.attachment = fresh_attachment(admin, &plan, &parent.id).await;
            }
            f.campaign = Some(plan);
        }
        if route.starts_with("POST /api/v1/campaigns/{campaign}/pacts")
            || route.contains("{pact_cluster}")
        {
            let body = json!({"year": today().year(), "kind": "cluster", "name": format!("Cụm giao ước thử nghiệm {}", code("G")), "member_ids": [parent.id], "leader_unit_id": parent.id});
            let r = admin.api_post("/api/v1/clusters", &body).await;
            r.expect(201);
            f.pact_cluster = Fixture::field(&Some(r.json()), "id");
        }
        if route.contains("{pact_cluster}") {
            sign_test_pact(admin, &f).await;
        }
        if route.contains("{exemplar}") || route.contains("{chosen}") || route.contains("{photo}") {
            let (id, name) = fresh_exemplar(admin, &parent.id, route).await;
            f.exemplar = id;
            f.secret = name;
            if route.contains("{photo}") {
                f.photo = fresh_photo(admin, &f.exemplar).await;
            }
            if route.contains("{step}") {
                f.step = fresh_step(admin, &f.exemplar).await;
            }
        }
        if route.contains("{user}") {
            let body = json!({"username": format!("nguoidung{}", crate::common::next_n()), "full_name": "Người dùng thử", "role": "viewer", "password": "mat-khau-dai-du"});
            let r = admin.api_post("/api/v1/users", &body).await;
            r.expect(201);
            f.user = Some(r.json());
        }
        f
    }

    fn unit_id(&self) -> String {
        self.unit
            .as_ref()
            .and_then(|u| u["id"].as_str())
            .map(str::to_string)
            .unwrap_or_else(|| self.parent_id.clone())
    }

    fn field(v: &Option<Value>, key: &str) -> String {
        v.as_ref()
            .map(|x| match &x[key] {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .unwrap_or_default()
    }

    /// The route's path with its placeholders filled in (and without the action of a form).
    fn path(&self, route: &str) -> String {
        let path = route.split_once(' ').map(|(_, p)| p).unwrap_or(route);
        let path = path.split_once(" [").map_or(path, |(p, _)| p);
        let award = &self.award;
        let part = |list: &str| {
            self.campaign
                .as_ref()
                .map(|c| c[list][0]["id"].as_str().unwrap_or_default().to_string())
                .unwrap_or_default()
        };
        let filled = self.ini.fill(path);
        filled
            .replace("{unit}", &self.unit_id())
            .replace("{person}", &Self::field(&self.person, "id"))
            .replace("{cluster}", &Self::field(&self.cluster, "id"))
            .replace("{pact_cluster}", &self.pact_cluster)
            .replace("{job}", &self.job)
            .replace("{user}", &Self::field(&self.user, "id"))
            .replace("{campaign}", &Self::field(&self.campaign, "id"))
            .replace("{draft}", &Self::field(&self.campaign, "id"))
            .replace("{theme}", &part("themes"))
            .replace("{target}", &part("targets"))
            .replace("{deadline}", &part("deadlines"))
            .replace("{award_form}", &part("award_forms"))
            .replace("{quota}", &part("quotas"))
            .replace("{attachment}", &self.attachment)
            .replace("{exemplar}", &self.exemplar)
            .replace("{chosen}", &self.exemplar)
            .replace("{photo}", &self.photo)
            .replace("{step}", &self.step)
            .replace("{nomination}", &award.nomination_id())
            .replace("{doc}", &award.doc)
            .replace("{meeting}", &award.meeting)
            .replace("{item}", &award.item)
            .replace("{decision}", &award.decision)
            .replace("{line}", &award.line)
            .replace("{scale}", &self.scoring.scale)
            .replace("{evidence}", &self.scoring.evidence)
            .replace("{appeal}", &self.scoring.appeal)
            .replace("{partner}", &self.scoring.partner)
    }

    /// The version of the first item of a list of the plan (`themes`, `targets`…).
    fn part_version(&self, list: &str) -> Value {
        self.campaign
            .as_ref()
            .map(|c| c[list][0]["version"].clone())
            .unwrap_or(Value::Null)
    }
}

/// Records the year-end meeting of a cluster of one member, `unit`, that leads it and leads it again.
async fn post_year_end(s: &Session, path: &str, unit: &str) -> Reply {
    let held_on = day(0);
    let fields = [
        ("held_on", held_on.as_str()),
        ("present", "1"),
        ("leading_unit_id", unit),
        ("leading_votes", "1"),
        ("next_leader_unit_id", unit),
        ("repeat_reason", "Cụm chỉ có một đơn vị thành viên"),
    ];
    s.post_form(path, &fields).await
}

fn person_csv(unit_code: &str) -> Vec<u8> {
    format!("Họ và tên,Giới tính,Ngày sinh,Chức vụ,Đối tượng,Lao động trực tiếp,Mã đơn vị\nLê Thị Nhập,Nữ,01/02/1991,Chuyên viên,Công chức,không,{unit_code}\n").into_bytes()
}

/// Sends the request of `route` for target `f` as `s`.
async fn perform(s: &Session, route: &str, f: &Fixture) -> Reply {
    let (method, _) = route.split_once(' ').unwrap_or(("GET", route));
    let path = f.path(route);
    let uid = f.unit_id();
    let n = crate::common::next_n();
    let new_code = code("NEW");
    let unit_field = |k: &str| Fixture::field(&f.unit, k);
    let person_field = |k: &str| Fixture::field(&f.person, k);
    match route {
        _ if method == "GET" => {
            if path.starts_with("/api/") {
                s.api_get(&path).await
            } else {
                s.get(&path).await
            }
        }
        _ if route.contains("initiatives") => {
            crate::initiatives::perform(s, route, &path, &f.ini, &f.parent_id).await
        }
        "POST /units" => s.post_form("/units", &[("code", &new_code), ("name", "Tổ dân phố mới"), ("kind", "residential_group"), ("level", "grassroots"), ("parent_id", &f.parent_id), ("valid_from", "01/01/2021")]).await,
        "POST /units/{unit}" => {
            let name = format!("{} (sửa)", unit_field("name"));
            let version = unit_field("version");
            s.post_form(&path, &[("code", &unit_field("code")), ("name", &name), ("kind", "residential_group"), ("level", "grassroots"), ("parent_id", &f.parent_id), ("valid_from", "01/01/2020"), ("version", &version)]).await
        }
        "POST /units/{unit}/rename" => s.post_form(&path, &[("new_name", &format!("Tổ dân phố đổi tên {n}")), ("effective_on", "01/01/2024"), ("version", &unit_field("version"))]).await,
        "POST /units/merge" => {
            s.post_form("/units/merge", &[("sources", &uid), ("sources", &f.unit2), ("survivor", &uid), ("effective_on", "01/01/2024")]).await
        }
        "POST /units/{unit}/split" => s.post_form(&path, &[("code0", &code("SA")), ("name0", "Tổ tách A"), ("code1", &code("SB")), ("name1", "Tổ tách B"), ("effective_on", "01/01/2024")]).await,
        "POST /people" => s.post_form("/people", &[("full_name", "Vũ Văn Mới"), ("gender", "male"), ("birth_date", "01/01/1990"), ("kind", "civil_servant"), ("unit_id", &f.parent_id)]).await,
        "POST /people/{person}" => s.post_form(&path, &[("full_name", &person_field("full_name")), ("gender", "female"), ("birth_date", "02/03/1990"), ("position", "Chuyên viên chính"), ("kind", "civil_servant"), ("unit_id", &uid), ("version", &person_field("version"))]).await,
        "POST /clusters" => s.post_form("/clusters", &[("year", "2031"), ("kind", "cluster"), ("name", &format!("Cụm mới {n}")), ("member_ids", &f.parent_id), ("leader_unit_id", &f.parent_id)]).await,
        "POST /clusters/{cluster}" => {
            let c = &f.cluster;
            s.post_form(&path, &[("year", "2031"), ("kind", "block"), ("name", &Fixture::field(c, "name")), ("member_ids", &f.parent_id), ("version", &Fixture::field(c, "version"))]).await
        }
        "POST /clusters/{cluster}/year-end" => post_year_end(s, &path, &f.parent_id).await,
        "POST /outbox/{job}/resend" => s.post_form(&path, &[]).await,
        _ if route.starts_with("POST /settings/mail") => perform_mail(s, route, &path).await,
        "POST /units/{unit}/head" => s.post_form(&path, &[("head_name", "Trần Văn Thủ"), ("head_email", &format!("thutruong{n}@hbt.example.vn"))]).await,
        "POST /campaigns/{campaign}/pacts/{pact_cluster}/review" => {
            s.post_form(&path, &[("reviewed_on", &day(0)), (&format!("assessment_{}", f.parent_id), "met")]).await
        }
        "POST /statistics/2025/0604/entries" => s.post_form(&path, &[("v_04_1", &n.to_string())]).await,
        "POST /clusters/{cluster}/year-end/propose" => s.post_form(&path, &[("code", "CO_TINH")]).await,
        "POST /api/v1/clusters/{cluster}/year-end" => {
            let u = &f.parent_id;
            s.api_post(&path, &json!({"held_on": day(0), "present": 1, "leading_unit_id": u, "leading_votes": 1, "next_leader_unit_id": u, "repeat_reason": "Cụm chỉ có một đơn vị thành viên"})).await
        }
        "POST /api/v1/clusters/{cluster}/year-end/propose" => s.api_post(&path, &json!({"code": "CO_TINH"})).await,
        "POST /users" => s.post_form("/users", &[("username", &format!("moi{n}")), ("full_name", "Người dùng mới"), ("role", "viewer"), ("password", "mat-khau-dai-du")]).await,
        "POST /users/{user}" => {
            let u = &f.user;
            s.post_form(&path, &[("username", &Fixture::field(u, "username")), ("full_name", "Người dùng đã sửa"), ("role", "viewer"), ("active", "1"), ("version", &Fixture::field(u, "version"))]).await
        }
        "POST /data/import/units" | "POST /api/v1/import/units" => {
            let csv = format!("Mã đơn vị,Tên đơn vị,Tên viết tắt,Loại đơn vị,Cấp,Mã đơn vị cấp trên,Ngày hiệu lực\n{new_code},Tổ nhập thử,,residential_group,grassroots,{},01/01/2020\n", f.parent_code);
            s.upload(&path, "don-vi.csv", csv.into_bytes()).await
        }
        "POST /data/import/people" | "POST /api/v1/import/people" => s.upload(&path, "ca-nhan.csv", person_csv(&f.parent_code)).await,
        "POST /data/transfer/upload" => s.upload(&path, "x.tar.gz", b"not an archive".to_vec()).await,
        "POST /data/transfer/import" => s.post_form(&path, &[("archive_key", "0"), ("effective_on", "01/07/2025")]).await,
        "POST /api/v1/units" => s.api_post("/api/v1/units", &json!({"code": new_code, "name": "Tổ dân phố mới", "kind": "residential_group", "level": "grassroots", "parent_id": f.parent_id, "valid_from": "01/01/2021"})).await,
        "PUT /api/v1/units/{unit}" => {
            let u = f.unit.as_ref().expect("unit");
            s.api_put(&path, &json!({"code": u["code"], "name": format!("{} (API)", unit_field("name")), "kind": "residential_group", "level": "grassroots", "parent_id": f.parent_id, "valid_from": "2020-01-01", "version": u["version"]})).await
        }
        "POST /api/v1/units/{unit}/rename" => s.api_post(&path, &json!({"new_name": format!("Tổ đổi tên API {n}"), "effective_on": "01/01/2024", "version": f.unit.as_ref().expect("unit")["version"]})).await,
        "POST /api/v1/units/merge" => {
            s.api_post("/api/v1/units/merge", &json!({"sources": [uid, f.unit2], "survivor": uid, "effective_on": "01/01/2024"})).await
        }
        "POST /api/v1/units/{unit}/split" => s.api_post(&path, &json!({"new_units": [{"code": code("SA"), "name": "Tổ tách A"}, {"code": code("SB"), "name": "Tổ tách B"}], "effective_on": "01/01/2024"})).await,
        "POST /api/v1/people" => s.api_post("/api/v1/people", &json!({"full_name": "Vũ Văn Mới", "gender": "male", "kind": "civil_servant", "unit_id": f.parent_id})).await,
        "PUT /api/v1/people/{person}" => {
            let p = f.person.as_ref().expect("person");
            s.api_put(&path, &json!({"full_name": p["full_name"], "gender": "female", "position": "Chuyên viên chính", "kind": "civil_servant", "unit_id": uid, "version": p["version"]})).await
        }
        "POST /campaigns/{campaign}/reports/interim" => {
            let version = version_in(&s.get(&path).await.text);
            s.post_form(&path, &[("version", &version), ("as_of", &day(0)), ("text.assessment", "Nhận xét chung")]).await
        }
        "POST /settings/report-outline" => {
            let version = version_in(&s.get(&path).await.text);
            s.post_form(&path, &[("version", &version), ("key_0", "direction"), ("heading_0", "Công tác chỉ đạo"), ("source_0", "direction"), ("position_0", "1"), ("enabled_0", "1")]).await
        }
        "POST /settings/documents" => {
            let cur = s.api_get("/api/v1/settings/documents").await.json();
            let version = cur["version"].to_string();
            s.post_form(&path, &[("version", &version), ("issuing_body", "ỦY BAN NHÂN DÂN QUẬN HAI BÀ TRƯNG"), ("place", "Hà Nội"), ("signer_title", "CHỦ TỊCH"), ("signer_name", "Nguyễn Văn A")]).await
        }
        "PUT /api/v1/settings/documents" => {
            let mut cur = s.api_get("/api/v1/settings/documents").await.json();
            cur["place"] = json!("Hà Nội");
            s.api_put(&path, &cur).await
        }
        "POST /settings/registers" => s.post_form(&path, &[("kind", "report"), ("summary", &format!("Báo cáo {n}"))]).await,
        _ if route.contains("exemplars") => perform_exemplar(s, route, &path, f).await,
        "POST /budget" | "PUT /api/v1/budget/2031" => {
            // The version read (by the office; others are refused before it matters).
            let cur = s.api_get("/api/v1/budget?year=2031").await.json();
            let version = cur["lines"][0]["version"].as_i64();
            let amount = format!("{}.000.000", 100 + n);
            if method == "PUT" {
                s.api_put(&path, &json!({"lines": [{"source": "state_budget", "amount": amount, "note": "", "version": version}]})).await
            } else {
                let v = version.map(|v| v.to_string()).unwrap_or_default();
                s.post_form(&path, &[("year", "2031"), ("amount_state_budget", &amount), ("version_state_budget", &v)]).await
            }
        }
        "POST /api/v1/registers" => s.api_post(&path, &json!({"kind": "report", "summary": format!("Báo cáo {n}")})).await,
        "POST /api/v1/clusters" => s.api_post("/api/v1/clusters", &json!({"year": 2031, "kind": "block", "name": format!("Khối mới {n}"), "member_ids": [f.parent_id]})).await,
        "PUT /api/v1/clusters/{cluster}" => {
            let c = f.cluster.as_ref().expect("cluster");
            s.api_put(&path, &json!({"year": 2031, "kind": "cluster", "name": c["name"], "member_ids": [f.parent_id], "leader_unit_id": f.parent_id, "version": c["version"]})).await
        }
        "POST /api/v1/users" => s.api_post("/api/v1/users", &json!({"username": format!("moiapi{n}"), "full_name": "Người dùng mới", "role": "viewer", "password": "mat-khau-dai-du"})).await,
        "PUT /api/v1/users/{user}" => {
            let u = f.user.as_ref().expect("user");
            s.api_put(&path, &json!({"username": u["username"], "full_name": "Người dùng đã sửa", "role": "council_member", "version": u["version"]})).await
        }
        _ if route.starts_with("POST /api/v1/campaigns") || route.starts_with("PUT /api/v1/campaigns") || route.starts_with("DELETE /api/v1/campaigns") => perform_campaign(s, route, &path, f).await,
        _ if is_award(route) => perform_award(s, route, &path, f).await,
        _ if is_scoring(route) => perform_scoring(s, route, &path, f).await,
        other => panic!("no request for route {other}"),
    }
}

/// The version of the settings form `form_id` as the user's page shows it (0 when the page is refused).
async fn form_version(s: &Session, page: &str, form_id: &str) -> String {
    let html = s.get(page).await.text;
    html.split_once(&format!("id=\"{form_id}\""))
        .and_then(|(_, rest)| rest.split_once("name=\"version\" value=\""))
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(v, _)| v.to_string())
        .unwrap_or_else(|| "0".into())
}

/// The requests of the mail settings, each at the version its page shows.
async fn perform_mail(s: &Session, route: &str, path: &str) -> Reply {
    match route {
        "POST /settings/mail/smtp" => {
            let v = form_version(s, "/settings/mail", "smtp-form").await;
            s.post_form(
                path,
                &[
                    ("host", "mail.hbt.example.vn"),
                    ("security", "starttls"),
                    ("from_address", "thidua@hbt.example.vn"),
                    ("version", &v),
                ],
            )
            .await
        }
        "POST /settings/mail/calendar" => {
            let v = form_version(s, "/settings/mail", "calendar-form").await;
            s.post_form(
                path,
                &[
                    ("quiet_from", "21"),
                    ("quiet_to", "7"),
                    ("skip_weekends", "on"),
                    ("holidays", "01/01/2027 Tết Dương lịch"),
                    ("escalate_after_days", "5"),
                    ("version", &v),
                ],
            )
            .await
        }
        "POST /settings/mail/templates/notice" => {
            let v = form_version(s, "/settings/mail/templates/notice", "template-form").await;
            s.post_form(
                path,
                &[
                    ("subject", "Thông báo: {{ text }}"),
                    ("body", "Kính gửi {{ name }},\n{{ text }}\n{{ link }}"),
                    ("version", &v),
                ],
            )
            .await
        }
        "POST /settings/mail/templates/token_changed/reset" => {
            let v =
                form_version(s, "/settings/mail/templates/token_changed", "template-form").await;
            s.post_form(path, &[("version", &v)]).await
        }
        _ => s.post_form(path, &[]).await,
    }
}

/// A mail job of the demo organisation that failed for good, as the outbox lists it.
async fn failed_job(app: &TestApp) -> String {
    let now = time::OffsetDateTime::now_utc();
    let payload = thidua_app::jobs::mail::MailPayload {
        to: "khongton@tai.example.vn".into(),
        to_name: "Người nhận thử".into(),
        subject: "Thư thử".into(),
        body: "Nội dung".into(),
        ..Default::default()
    };
    let key = format!("policy:{}", crate::common::next_n());
    let job = thidua_app::jobs::mail::job(Some(app.org_id.clone()), key.clone(), &payload, now);
    let mut tx = app.db.begin().await.unwrap();
    thidua_app::jobs::enqueue(&mut tx, now, &job).await.unwrap();
    tx.commit().await.unwrap();
    let id = app
        .scalar_text(&format!("SELECT id FROM jobs WHERE dedupe_key = '{key}'"))
        .await;
    app.exec(&format!(
        "UPDATE jobs SET status = 'failed', last_error = 'Máy chủ thư từ chối' WHERE id = '{id}'"
    ))
    .await;
    id
}

/// The pact of the fixture's cluster on its campaign, signed by the administrator: every member
/// committed to the campaign's first target, measured at the review.
async fn sign_test_pact(admin: &Session, f: &Fixture) {
    let plan = f.campaign.as_ref().expect("a campaign for the pact");
    let id = plan["id"].as_str().unwrap_or_default();
    let target = plan["targets"][0]["id"].as_str().unwrap_or_default();
    let body =
        json!({"cluster_id": f.pact_cluster, "signed_on": day(0), "commitments": {target: 95}});
    admin
        .api_post(&format!("/api/v1/campaigns/{id}/pacts"), &body)
        .await
        .expect(201);
}

/// Sends the request of a campaign API route that changes data.
async fn perform_campaign(s: &Session, route: &str, path: &str, f: &Fixture) -> Reply {
    let uid = f.parent_id.clone();
    let suffix = route
        .rsplit_once('}')
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    let (method, _) = route.split_once(' ').unwrap_or(("POST", route));
    match (method, suffix) {
        ("POST", "/launch" | "/close") => s.api_post(path, &json!({"version": f.campaign.as_ref().map(|c| c["version"].clone())})).await,
        ("POST", "/copy") => s.api_post(path, &json!({})).await,
        ("POST", "/themes") => s.api_post(path, &json!({"title": "Chuyên đề mới", "lead_unit_id": uid})).await,
        ("PUT", _) if route.ends_with("{theme}") => s.api_put(path, &json!({"title": "Chuyên đề đã sửa", "lead_unit_id": uid, "version": f.part_version("themes")})).await,
        ("POST", "/targets") => s.api_post(path, &json!({"text": "Chỉ tiêu mới", "comparator": ">=", "threshold": "90,5", "unit": "%"})).await,
        ("PUT", _) if route.ends_with("{target}") => s.api_put(path, &json!({"text": "Chỉ tiêu đã sửa", "comparator": "<=", "threshold": 3, "scope": "per_unit", "version": f.part_version("targets")})).await,
        ("POST", "/deadlines") => s.api_post(path, &json!({"kind": "year_end_report", "what": "Báo cáo tổng kết", "due_on": day(20)})).await,
        ("PUT", _) if route.ends_with("{deadline}") => s.api_put(path, &json!({"kind": "other", "what": "Thời hạn đã sửa", "due_on": day(15), "version": f.part_version("deadlines")})).await,
        ("DELETE", _) => {
            let list = ["themes", "targets", "deadlines"].into_iter().find(|l| route.contains(&format!("/{l}/")));
            let query = list.map(|l| format!("?version={}", f.part_version(l))).unwrap_or_default();
            api_delete(s, &format!("{path}{query}")).await
        }
        ("POST", "/award_forms") => s.api_post(path, &json!({"name": "Bằng khen của UBND thành phố", "criteria": "Tiêu biểu xuất sắc"})).await,
        ("POST", "/quotas") => s.api_post(path, &json!({"who": "Mỗi phường", "collectives_max": 2})).await,
        ("POST", "/registrations") => s.api_post(path, &json!({"unit_id": uid, "titles": ["TTLDXS"], "own_targets": "Giải ngân | ≥ | 95 | %"})).await,
        ("POST", "/pacts") => s.api_post(path, &json!({"cluster_id": f.pact_cluster, "signed_on": day(0), "content": "Giao ước thi đua", "targets": ["Giải ngân | ≥ | 95 | %"]})).await,
        ("POST", "/reviews") => s.api_post(path, &json!({"reviewed_on": day(0), "members": [{"unit_id": uid, "assessment": "met"}]})).await,
        ("POST", "/progress") => multipart(s, path, &[("unit_id", &uid), ("value", "72,5"), ("reported_on", &day(0))], &[("bao-cao.pdf", pdf())]).await,
        ("POST", "/submissions") => s.api_post(path, &json!({"unit_id": uid, "due_on": Fixture::field(&f.campaign.as_ref().map(|c| c["deadlines"][0].clone()), "due_on"), "document_number": "15/BC-UBND"})).await,
        ("POST", _) if route == "POST /api/v1/campaigns" => s.api_post(path, &plan_body(&format!("Kế hoạch mới {}", crate::common::next_n()), std::slice::from_ref(&uid))).await,
        ("PUT", _) if route == "PUT /api/v1/campaigns/{campaign}" => {
            let mut body = plan_body(&format!("Kế hoạch sửa thử {}", crate::common::next_n()), std::slice::from_ref(&uid));
            body["version"] = f.campaign.as_ref().map(|c| c["version"].clone()).unwrap_or(Value::Null);
            s.api_put(path, &body).await
        }
        _ => panic!("no request for campaign route {route}"),
    }
}

/// True for the routes of the award pipeline (nominations, notifications, meetings, decisions).
fn is_award(route: &str) -> bool {
    let path = route.split_once(' ').map_or(route, |(_, p)| p);
    let path = path.strip_prefix("/api/v1").unwrap_or(path);
    ["/nomination", "/notifications", "/meetings", "/decisions"]
        .iter()
        .any(|p| path.starts_with(p))
}

/// Sends the request of an award-pipeline route that changes data.
async fn perform_award(s: &Session, route: &str, path: &str, f: &Fixture) -> Reply {
    let a = &f.award;
    let uid = f.parent_id.as_str();
    let version = a.nomination_version();
    let meeting_version = a.meeting_version.to_string();
    let household = household_name();
    let reasons = "Bổ sung biên bản họp xét của đơn vị";
    let revoke = [
        ("reason", "Khai man thành tích"),
        ("revoking_decision", "45/QĐ-UBND"),
    ];
    match route {
        // Nominations
        "POST /nominations" => s.post_form(path, &household_form(uid, &household)).await,
        "POST /api/v1/nominations" => {
            s.api_post(path, &household_nomination(uid, &household))
                .await
        }
        "POST /nominations/bulk" => {
            s.post_form(
                path,
                &[
                    ("ids", &format!("{}:{version}", a.nomination_id())),
                    ("action", "accept"),
                ],
            )
            .await
        }
        "POST /nominations/{nomination}/edit" => {
            let mut fields = household_form(uid, &household);
            fields.push(("version", &version));
            s.post_form(path, &fields).await
        }
        "PUT /api/v1/nominations/{nomination}" => {
            let mut body = household_nomination(uid, &household);
            body["version"] = a.nomination["version"].clone();
            s.api_put(path, &body).await
        }
        "POST /nominations/{nomination}/documents"
        | "POST /api/v1/nominations/{nomination}/documents" => {
            multipart(
                s,
                path,
                &[("doc_code", "to_trinh")],
                &[("to-trinh-bo-sung.pdf", pdf())],
            )
            .await
        }
        _ if route.starts_with("POST /nominations/{nomination}/step [") => {
            let action = route
                .rsplit_once('[')
                .map_or("", |(_, rest)| rest.trim_end_matches(']'));
            s.post_form(
                path,
                &[
                    ("action", action),
                    ("version", &version),
                    ("note", reasons),
                    ("code", ""),
                ],
            )
            .await
        }
        "POST /api/v1/nominations/{nomination}/return" => {
            s.api_post(
                path,
                &json!({"version": a.nomination["version"], "note": reasons}),
            )
            .await
        }
        "POST /api/v1/nominations/{nomination}/submit"
        | "POST /api/v1/nominations/{nomination}/withdraw"
        | "POST /api/v1/nominations/{nomination}/forward"
        | "POST /api/v1/nominations/{nomination}/accept" => {
            s.api_post(path, &json!({"version": a.nomination["version"]}))
                .await
        }
        "POST /api/v1/nominations/{nomination}/forward-package" => {
            s.api_post(path, &json!({})).await
        }
        "POST /api/v1/nominations/{nomination}/facts" => {
            s.api_post(path, &json!({"key": "giay_khen_thanh_tich", "holds": true, "note": "Biên bản bình xét của khu dân cư"})).await
        }
        "POST /nominations/{nomination}/facts" => {
            s.post_form(path, &[("key", "giay_khen_thanh_tich"), ("holds", "1"), ("note", "Biên bản bình xét của khu dân cư")]).await
        }
        "POST /api/v1/nominations/{nomination}/higher-answer" => {
            s.api_post(
                path,
                &json!({"awarded": false, "note": "Chưa đủ tiêu chuẩn"}),
            )
            .await
        }
        // Meetings
        "POST /meetings" => {
            let title = format!("Phiên họp xét khen thưởng mới {}", crate::common::next_n());
            let mut fields = vec![
                ("title", title.as_str()),
                ("held_on", "15/12/2025"),
                ("total_members", "2"),
                ("ballot", "secret"),
            ];
            fields.extend(a.members.iter().map(|m| ("member_ids", m.as_str())));
            s.post_form(path, &fields).await
        }
        "POST /api/v1/meetings" => s.api_post(path, &meeting_body(&a.members)).await,
        "POST /meetings/{meeting}/agenda" => {
            s.post_form(path, &[("nomination_ids", &a.nomination_id())])
                .await
        }
        "POST /api/v1/meetings/{meeting}/agenda" => {
            s.api_post(path, &json!({"nomination_ids": [a.nomination_id()]}))
                .await
        }
        "POST /meetings/{meeting}/agenda/{item}/remove" => s.post_form(path, &[]).await,
        "DELETE /api/v1/meetings/{meeting}/agenda/{item}" => api_delete(s, path).await,
        "POST /meetings/{meeting}/open" | "POST /meetings/{meeting}/close" => {
            s.post_form(path, &[("version", &meeting_version)]).await
        }
        "POST /api/v1/meetings/{meeting}/open" | "POST /api/v1/meetings/{meeting}/close" => {
            s.api_post(path, &json!({"version": a.meeting_version}))
                .await
        }
        "POST /meetings/{meeting}/vote" => {
            s.post_form(path, &[("item_id", &a.item), ("choice", "agree")])
                .await
        }
        "POST /api/v1/meetings/{meeting}/votes" => {
            s.api_post(path, &json!({"item_id": a.item, "choice": "agree"}))
                .await
        }
        "POST /meetings/{meeting}/conflict" => {
            s.post_form(
                path,
                &[
                    ("item_id", &a.item),
                    ("reason", "Người được đề nghị là người thân"),
                ],
            )
            .await
        }
        "POST /api/v1/meetings/{meeting}/conflicts" => {
            s.api_post(
                path,
                &json!({"item_id": a.item, "reason": "Người được đề nghị là người thân"}),
            )
            .await
        }
        "POST /meetings/{meeting}/paper" => {
            s.post_form(
                path,
                &[
                    (&format!("agree.{}", a.item), "1"),
                    (&format!("disagree.{}", a.item), "0"),
                    (&format!("abstain.{}", a.item), "0"),
                ],
            )
            .await
        }
        "POST /api/v1/meetings/{meeting}/paper" => {
            s.api_post(
                path,
                &json!({"items": [{"item_id": a.item, "agree": 1, "disagree": 0, "abstain": 0}]}),
            )
            .await
        }
        // Decisions
        "POST /decisions" => {
            let number = crate::common::decision_no();
            let id = a.nomination_id();
            s.post_form(
                path,
                &[
                    ("number", &number),
                    ("signed_on", SIGNED_ON),
                    ("issuer", "Ủy ban nhân dân quận Hai Bà Trưng"),
                    ("signer_title", "Chủ tịch"),
                    ("signer_name", "Nguyễn Trần Bình"),
                    ("place", "Hà Nội"),
                    ("nomination_ids", &id),
                ],
            )
            .await
        }
        "POST /api/v1/decisions" => {
            s.api_post(
                path,
                &decision_body(&crate::common::decision_no(), &[&a.nomination_id()]),
            )
            .await
        }
        "POST /decisions/forward/{nomination}" => s.post_form(path, &[]).await,
        "POST /decisions/forward/{nomination}/answer" => {
            s.post_form(path, &[("awarded", "0"), ("note", "Chưa đủ tiêu chuẩn")])
                .await
        }
        "POST /decisions/{decision}/revoke" | "POST /decisions/{decision}/lines/{line}/revoke" => {
            s.post_form(path, &revoke).await
        }
        "POST /api/v1/decisions/{decision}/lines/{line}/revoke" => {
            s.api_post(
                path,
                &json!({"reason": revoke[0].1, "revoking_decision": revoke[1].1}),
            )
            .await
        }
        _ => panic!("no request for award route {route}"),
    }
}

/// True for the routes of scoring (scales, sheets, appeals, ranking).
fn is_scoring(route: &str) -> bool {
    let path = route.split_once(' ').map_or(route, |(_, p)| p);
    let path = path.strip_prefix("/api/v1").unwrap_or(path);
    path.starts_with("/scoring")
}

/// Sends the request of a scoring route that changes data.
async fn perform_scoring(s: &Session, route: &str, path: &str, f: &Fixture) -> Reply {
    let sc = &f.scoring;
    let uid = f.parent_id.as_str();
    let (base, step) = route
        .split_once(" [")
        .map_or((route, ""), |(b, a)| (b, a.trim_end_matches(']')));
    let n = crate::common::next_n();
    let version = sc.version.to_string();
    let year = today().year().to_string();
    let reason = "Đối chiếu biên bản sinh hoạt Cụm: vắng 01 buổi";
    match base {
        "POST /scoring" => {
            let name = format!("Thang điểm mới {n}");
            let until = day(7);
            s.post_form(path, &[("name", &name), ("year", &year), ("cluster_ids", &sc.cluster), ("self_until", &until), ("appeal_days", "5")]).await
        }
        "POST /api/v1/scoring/scales" => {
            s.api_post(path, &json!({"name": format!("Thang điểm mới {n}"), "year": today().year(), "cluster_ids": [sc.cluster], "self_until": day(7), "appeal_days": 5, "groups": scale_groups()})).await
        }
        "POST /scoring/{scale}/groups" => s.post_form(path, &[("name", "Điểm thưởng"), ("max_points", "5"), ("version", &version)]).await,
        "POST /scoring/{scale}/criteria" => {
            s.post_form(path, &[("group", "1"), ("code", "4"), ("text", "Gửi báo cáo tổng kết đúng hạn"), ("kind", "fixed"), ("points", "10"), ("assessor", "office"), ("version", &version)]).await
        }
        "POST /scoring/{scale}/remove" => s.post_form(path, &[("criterion_id", sc.c("3")), ("version", &version)]).await,
        "POST /scoring/{scale}/import" => {
            let template = thidua_app::scoring::xlsx::scale_template().expect("template");
            multipart(s, path, &[("version", &version)], &[("thang-diem.xlsx", template)]).await
        }
        "POST /scoring/{scale}/advance" => s.post_form(path, &[("to", step), ("version", &version)]).await,
        "POST /api/v1/scoring/scales/{scale}/advance" => s.api_post(path, &json!({"to": step, "version": sc.version})).await,
        // A self-assessment of a criterion the unit has not scored yet; a review of the cluster
        // leader's criterion, with its reason.
        "POST /scoring/{scale}/units/{unit}" if step == "self" => {
            let fields = [(format!("amount.{}", sc.c("3")), "12".to_string()), (format!("note.{}", sc.c("3")), "04 gương trong năm".to_string()), (format!("version.{}", sc.c("3")), String::new())];
            let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            s.post_form(path, &refs).await
        }
        "POST /scoring/{scale}/units/{unit}" => {
            let fields = [(format!("amount.{}", sc.c("2")), "12".to_string()), (format!("note.{}", sc.c("2")), reason.to_string()), (format!("version.{}", sc.c("2")), sc.entry_version("2"))];
            let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            s.post_form(path, &refs).await
        }
        "POST /api/v1/scoring/scales/{scale}/units/{unit}" if step == "self" => {
            s.api_post(path, &json!({"entries": [{"criterion_id": sc.c("3"), "amount": 12, "note": "04 gương trong năm"}]})).await
        }
        "POST /api/v1/scoring/scales/{scale}/units/{unit}" => {
            s.api_post(path, &json!({"entries": [{"criterion_id": sc.c("2"), "amount": 12, "note": reason, "version": sc.entries.get(sc.c("2"))}]})).await
        }
        "POST /scoring/{scale}/units/{unit}/evidence" => multipart(s, path, &[("criterion_id", sc.c("1"))], &[("minh-chung-bo-sung.pdf", pdf())]).await,
        "POST /scoring/{scale}/units/{unit}/appeals" => s.post_form(path, &[("criterion_id", sc.c("1")), ("text", "Đề nghị xem xét lại điểm an ninh, trật tự.")]).await,
        "POST /api/v1/scoring/scales/{scale}/units/{unit}/appeals" => {
            s.api_post(path, &json!({"criterion_id": sc.c("1"), "text": "Đề nghị xem xét lại điểm an ninh, trật tự."})).await
        }
        "POST /scoring/appeals/{appeal}" => {
            let v = sc.appeal_version.to_string();
            s.post_form(path, &[("status", "rejected"), ("reason", "Không có minh chứng mới"), ("version", &v), ("scale_id", &sc.scale)]).await
        }
        "POST /api/v1/scoring/appeals/{appeal}/decision" => {
            s.api_post(path, &json!({"status": "rejected", "reason": "Không có minh chứng mới", "version": sc.appeal_version})).await
        }
        "POST /scoring/{scale}/ranking" => s.post_form(path, &[(&format!("votes.{uid}"), "3")]).await,
        "POST /scoring/{scale}/cross/assign" => s.post_form(path, &[("per_unit", "1")]).await,
        "POST /scoring/{scale}/cross/apply" => s.post_form(path, &[]).await,
        // A criterion the target unit has not cross-scored yet.
        "POST /scoring/{scale}/cross/{unit}/{partner}" => {
            s.post_form(path, &[(&format!("amount.{}", sc.c("3")), "14"), (&format!("note.{}", sc.c("3")), "Đủ gương điển hình")]).await
        }
        "POST /api/v1/scoring/scales/{scale}/cross/assign" => s.api_post(path, &json!({"per_unit": 1})).await,
        "POST /api/v1/scoring/scales/{scale}/cross/apply" => s.api_post(path, &json!({})).await,
        "POST /api/v1/scoring/scales/{scale}/cross/{unit}/{partner}" => {
            s.api_post(path, &json!({"entries": [{"criterion_id": sc.c("3"), "amount": 14, "note": "Đủ gương điển hình"}]})).await
        }
        _ => panic!("no request for scoring route {route}"),
    }
}

/// Checks one answer against the expected outcome; returns a description of the mismatch, if any.
fn judge(
    reply: &Reply,
    out: Out,
    route: &Route,
    f: &Fixture,
    audit_before: i64,
    audit_after: i64,
) -> Option<String> {
    let status = reply.status.as_u16();
    let want = match out {
        O | V | H => route.ok,
        F => 403,
        N => 404,
        I | L => 422,
    };
    if status != want {
        return Some(format!(
            "status {status}, expected {want} ({out:?}); body: {}",
            excerpt(&reply.text).chars().take(300).collect::<String>()
        ));
    }
    let text = &reply.text;
    let problem = match out {
        O if route.mutates && audit_after <= audit_before => {
            Some("allowed change wrote no audit row".to_string())
        }
        O => None,
        V if !text.contains(&f.secret) => Some(format!("the list does not show {:?}", f.secret)),
        H if text.contains(&f.secret) => Some(format!("the list shows {:?}", f.secret)),
        V | H => None,
        F if !text.contains("Bạn không có quyền thực hiện thao tác này.") => {
            Some("403 without the Vietnamese message".into())
        }
        N if !text.contains("Không tìm thấy dữ liệu trong phạm vi của bạn.") => {
            Some("404 without the Vietnamese message".into())
        }
        N if text.contains(&f.secret) => Some(format!("404 reveals {:?}", f.secret)),
        I if !text.contains("phạm vi") => {
            Some("422 does not say the unit is outside the user's scope".into())
        }
        L if !text.contains("không còn ở bước đơn vị tự chấm") => {
            Some("422 does not say the sheet is locked".into())
        }
        _ => None,
    };
    if problem.is_some() {
        return problem;
    }
    if matches!(out, F | N | I | L) && audit_after != audit_before {
        return Some(format!(
            "refused request changed data: audit rows {audit_before} → {audit_after}"
        ));
    }
    None
}

async fn policy_matrix(engine: Engine) {
    run_matrix(engine, ROUTES).await;
}

async fn nominations_policy_matrix(engine: Engine) {
    run_matrix(engine, NOMINATION_ROUTES).await;
}

async fn meetings_policy_matrix(engine: Engine) {
    run_matrix(engine, MEETING_ROUTES).await;
}

async fn decisions_policy_matrix(engine: Engine) {
    run_matrix(engine, DECISION_ROUTES).await;
}

async fn scoring_policy_matrix(engine: Engine) {
    run_matrix(engine, SCORING_ROUTES).await;
}

async fn initiatives_policy_matrix(engine: Engine) {
    run_matrix(engine, INITIATIVE_ROUTES).await;
}

/// Runs every case of `routes`: each user × a target in their own unit and in another unit.
///
/// Every case starts from a target on which nothing was saved since it was built: a route's target
/// serves its next cases until one changes data (or is answered with success while the route changes
/// data); the case after that gets a new one. Reads share one target per unit.
async fn run_matrix(engine: Engine, routes: &[Route]) {
    let app = TestApp::spawn(engine).await;
    let admin_fixtures = app.login(ADMIN).await;
    let mut sessions = Vec::new();
    for (user, col, own, other) in USERS {
        sessions.push((app.login(user).await, col, own, other));
    }
    let mut failures = Vec::new();
    let mut cases = 0;
    for route in routes {
        let mut unused: HashMap<&str, Fixture> = HashMap::new();
        for (s, col, own, other) in &sessions {
            for (which, target) in [("own", *own), ("other", *other)] {
                let (exp_own, exp_other) = route.expect[*col];
                let out = if which == "own" { exp_own } else { exp_other };
                let f = match unused.remove(target) {
                    Some(f) => f,
                    None => Fixture::new(&app, &admin_fixtures, target, route).await,
                };
                let before = app.audit_rows().await;
                let reply = perform(s, route.name, &f).await;
                let after = app.audit_rows().await;
                cases += 1;
                if let Some(problem) = judge(&reply, out, route, &f, before, after) {
                    failures.push(format!(
                        "{} as {} on {which} unit ({target}): {problem}",
                        route.name, s.username
                    ));
                }
                if !(route.mutates && (after != before || reply.status.as_u16() < 400)) {
                    unused.insert(target, f);
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} policy cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(cases, routes.len() * USERS.len() * 2);
}

async fn unit_officer_lists_are_scoped(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    for (user, own, outsider_unit, outsider_person) in [
        (UO_BACHDANG, "P-BACHDANG", "Phòng Nội vụ", "Đặng Thị Hoa"),
        (UO_VHTT, "P-VHTT", "Phường Bạch Đằng", "Nguyễn Văn An"),
    ] {
        let s = app.login(user).await;
        let scope = app.unit(own).await;
        let expected_units = app
            .count(&format!(
                "SELECT COUNT(*) FROM units WHERE path LIKE '{}%' AND valid_to IS NULL",
                scope.path
            ))
            .await;
        let expected_people = app
            .count(&format!(
                "SELECT COUNT(*) FROM persons WHERE unit_path LIKE '{}%'",
                scope.path
            ))
            .await;
        assert!(expected_people > 0);

        let units = s.api_get("/api/v1/units").await;
        units.expect(200);
        let units = units.json();
        let units = units.as_array().unwrap();
        assert_eq!(units.len() as i64, expected_units, "{user}: {units:?}");
        for u in units {
            assert!(
                app.unit_by_id(u["id"].as_str().unwrap())
                    .await
                    .path
                    .starts_with(&scope.path),
                "{user} sees {u}"
            );
        }
        let all = s
            .api_get("/api/v1/units?include_closed=true&q=phuong")
            .await
            .json();
        assert!(
            all.as_array()
                .unwrap()
                .iter()
                .all(|u| u["code"].as_str().unwrap().starts_with(own)),
            "{user}: {all}"
        );

        let people = s.api_get("/api/v1/people?limit=500").await.json();
        assert_eq!(people["total"].as_i64().unwrap(), expected_people, "{user}");
        for p in people["items"].as_array().unwrap() {
            assert!(
                app.person(p["id"].as_str().unwrap())
                    .await
                    .unit_path
                    .starts_with(&scope.path),
                "{user} sees {p}"
            );
        }
        let page = s.get("/units").await;
        page.expect(200).contains(&scope.name);
        assert!(
            !page.text.contains(outsider_unit),
            "{user} unit list shows {outsider_unit}"
        );
        let page = s.get("/people").await;
        page.expect(200);
        assert!(
            !page.text.contains(outsider_person),
            "{user} people list shows {outsider_person}"
        );
        let page = s.get("/people?q=a").await;
        assert!(!page.text.contains(outsider_person));
        // Forms offer only units in scope.
        let form = s.get("/people/new").await;
        form.expect(200).contains(&scope.name);
        assert!(
            !form.text.contains(outsider_unit),
            "{user} person form offers {outsider_unit}"
        );
        let form = s.get("/units/new").await;
        assert!(
            !form.text.contains(outsider_unit),
            "{user} unit form offers {outsider_unit}"
        );
        // The home page counts only their units and people.
        s.get("/").await.expect(200).contains(&scope.name);
    }
}

/// The `version` hidden field of a form page ("0" when the page has none: a refused reader).
pub(crate) fn version_in(page: &str) -> String {
    page.split("name=\"version\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or("0")
        .to_string()
}

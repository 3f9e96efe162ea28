//! Who may do what: the one place that decides. Every handler asks [`authorize`] before it reads or
//! writes; nothing else in the code compares roles.
//!
//! Scope is by unit: a unit officer acts on their own unit and its sub-units (a materialised path
//! prefix); the standing office and council see the whole organisation.

use crate::org::is_within;

/// A user's role. Stored as its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Admin,
    StandingOffice,
    UnitOfficer,
    CouncilMember,
    Chairman,
    Viewer,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Self::Admin,
        Self::StandingOffice,
        Self::UnitOfficer,
        Self::CouncilMember,
        Self::Chairman,
        Self::Viewer,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::StandingOffice => "standing_office",
            Self::UnitOfficer => "unit_officer",
            Self::CouncilMember => "council_member",
            Self::Chairman => "chairman",
            Self::Viewer => "viewer",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Admin => "Quản trị hệ thống",
            Self::StandingOffice => "Thường trực Hội đồng TĐKT",
            Self::UnitOfficer => "Cán bộ phụ trách TĐKT đơn vị",
            Self::CouncilMember => "Thành viên Hội đồng",
            Self::Chairman => "Chủ tịch",
            Self::Viewer => "Người xem",
        }
    }

    /// True when the role is limited to a unit subtree.
    pub fn needs_scope(self) -> bool {
        self == Self::UnitOfficer
    }
}

/// The acting user as the policy sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: String,
    pub org_id: String,
    pub role: Role,
    /// Path of the unit the user is scoped to (unit officers); `None` for organisation-wide roles.
    pub scope_path: Option<String>,
}

/// Everything a user can attempt. Targets carry what the decision needs (org and unit path).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action<'a> {
    /// Open the organisation's pages at all (lists are filtered by [`Actor::read_scope`]).
    UseApp {
        org_id: &'a str,
    },
    /// Edit the organisation's document settings (header lines, symbols, signers) and take numbers
    /// from its registers.
    ManageDocuments {
        org_id: &'a str,
    },
    ViewUnit {
        org_id: &'a str,
        unit_path: &'a str,
    },
    /// Create a unit under the given parent (None: a top-level unit).
    CreateUnit {
        org_id: &'a str,
        parent_path: Option<&'a str>,
    },
    EditUnit {
        org_id: &'a str,
        unit_path: &'a str,
    },
    /// Merge, split: changes the shape of the organisation.
    RestructureUnits {
        org_id: &'a str,
    },
    ViewPerson {
        org_id: &'a str,
        unit_path: &'a str,
    },
    EditPerson {
        org_id: &'a str,
        unit_path: &'a str,
    },
    ViewClusters {
        org_id: &'a str,
    },
    ManageClusters {
        org_id: &'a str,
    },
    ImportUnits {
        org_id: &'a str,
    },
    ImportPeople {
        org_id: &'a str,
    },
    ViewAudit {
        org_id: &'a str,
    },
    /// See the outbox of e-mails and reminders, and send one again.
    ManageOutbox {
        org_id: &'a str,
    },
    ManageUsers {
        org_id: &'a str,
    },
    /// Export the organisation's data as one archive, or import another organisation's archive into
    /// it (the 2025 reorganisation: a district's history carried to the wards that succeed it).
    TransferData {
        org_id: &'a str,
    },
    /// Read the statutory statistics (Biểu 0601–0605) and the records behind each figure.
    ViewStatistics {
        org_id: &'a str,
    },
    /// Enter the statistics' figures the records cannot give (staff, organisation units…).
    EditStatistics {
        org_id: &'a str,
    },
    /// Read the award history (ledger), eligibility and roadmap of a person or unit at `unit_path`.
    ViewHonours {
        org_id: &'a str,
        unit_path: &'a str,
    },
    /// Record titles, awards, ratings, disciplines and initiatives of a person or unit at `unit_path`.
    EditHonours {
        org_id: &'a str,
        unit_path: &'a str,
    },
    /// Import award history from a spreadsheet (rows are checked one by one with [`Action::EditHonours`]).
    ImportHonours {
        org_id: &'a str,
    },
    /// See plans and campaigns (drafts only for those who may manage them).
    ViewCampaigns {
        org_id: &'a str,
    },
    /// Write, launch, close and copy plans: themes, targets, deadlines, award forms, quotas.
    ManageCampaigns {
        org_id: &'a str,
    },
    /// A unit's work on a launched campaign: register, report progress, send what a deadline asks for.
    CampaignWork {
        org_id: &'a str,
        unit_path: &'a str,
    },
    /// Sign a cluster's pact: the office, or the officer of the cluster's leading unit.
    SignPact {
        org_id: &'a str,
        leader_path: Option<&'a str>,
    },
    /// See a nomination of the unit at `unit_path` (the nominating unit).
    ViewNomination {
        org_id: &'a str,
        unit_path: &'a str,
    },
    /// Prepare, submit or withdraw a nomination for the unit at `unit_path`.
    Nominate {
        org_id: &'a str,
        unit_path: &'a str,
    },
    /// Consolidate, forward or return the nominations of a theme led by the unit at `lead_path`.
    ReviewAsThemeLead {
        org_id: &'a str,
        lead_path: &'a str,
    },
    /// Appraise nominations (accept, return, lower the form), forward them upward.
    Appraise {
        org_id: &'a str,
    },
    /// Schedule council meetings, set their agenda, enter paper ballots and written opinions, close them.
    ManageMeetings {
        org_id: &'a str,
    },
    /// Vote in a council meeting (council members and the chairman).
    Vote {
        org_id: &'a str,
    },
    /// Issue and revoke award decisions: the chairman, or the standing office on the chairman's behalf.
    Decide {
        org_id: &'a str,
    },
    /// Read the data files of the rules in force (catalog, rule sets, base salary) and their history.
    ViewRuleFiles {
        org_id: &'a str,
    },
    /// Edit, restore or roll back the organisation's copy of a rules data file.
    EditRuleFiles {
        org_id: &'a str,
    },
    /// Record a cluster's year-end meeting (the vote on its leading unit, next year's leader and
    /// deputy): the office, or the officer of the cluster's leading unit who presides over it.
    PresideCluster {
        org_id: &'a str,
        leader_path: Option<&'a str>,
    },
    /// Record the mid-year review of a cluster's pact (*sơ kết giao ước*): the office, or the officer
    /// of the cluster's leading unit.
    ReviewPact {
        org_id: &'a str,
        leader_path: Option<&'a str>,
    },
    /// Define scoring scales, open them, close the self-assessment, publish, decide appeals and record
    /// tie-break votes.
    ManageScoring {
        org_id: &'a str,
    },
    /// A unit's self-assessment on a scale, and its appeals once published.
    SelfAssess {
        org_id: &'a str,
        unit_path: &'a str,
    },
    /// Review a unit's score: the office, or the officer of the leading unit of the unit's cluster
    /// when the criterion names the cluster leader (`leader_path`).
    ReviewScore {
        org_id: &'a str,
        leader_path: Option<&'a str>,
    },
    /// See the dashboards (awards, on-time rates, targets, nominations): everyone, each within the
    /// units they may read (a unit officer's own subtree, see [`Actor::read_scope`]).
    ViewDashboard {
        org_id: &'a str,
    },
    /// See the emulation budget (kinh phí thi đua, khen thưởng) of a year: the office and the chairman.
    ViewBudget {
        org_id: &'a str,
    },
    /// Enter the year's budget estimate by source: the office.
    ManageBudget {
        org_id: &'a str,
    },
    /// Read an initiative of the unit at `unit_path` (the register lists are filtered by
    /// [`Actor::read_scope`]).
    ViewInitiative {
        org_id: &'a str,
        unit_path: &'a str,
    },
    /// Register an initiative for the unit at `unit_path`, edit or withdraw it while it is proposed, add
    /// its files: the office and the unit's officer.
    ProposeInitiative {
        org_id: &'a str,
        unit_path: &'a str,
    },
    /// Send initiatives to the council and record its sessions (recognised at a level, or not): the
    /// standing office, never a unit officer.
    EvaluateInitiatives {
        org_id: &'a str,
    },
    /// Use a recognised initiative of the unit at `unit_path` as the basis of a title or an award: the
    /// office and the unit's officer.
    UseInitiative {
        org_id: &'a str,
        unit_path: &'a str,
    },
}

/// Why an action was refused. The web layer answers 404 for records outside scope (nothing leaks)
/// and 403 for actions the role may never take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    OutOfScope,
    NotAllowed,
}

impl Denied {
    pub fn message(self) -> &'static str {
        match self {
            Self::OutOfScope => "Không tìm thấy dữ liệu trong phạm vi của bạn.",
            Self::NotAllowed => "Bạn không có quyền thực hiện thao tác này.",
        }
    }
}

impl Actor {
    /// The unit path prefix that limits what this user may see, or `None` for the whole organisation.
    pub fn read_scope(&self) -> Option<&str> {
        if self.role.needs_scope() {
            Some(self.scope_path.as_deref().unwrap_or("/nowhere/"))
        } else {
            None
        }
    }

    fn in_scope(&self, path: &str) -> bool {
        match self.read_scope() {
            None => true,
            Some(scope) => is_within(path, scope),
        }
    }

    fn is_office(&self) -> bool {
        matches!(self.role, Role::Admin | Role::StandingOffice)
    }
}

impl Action<'_> {
    /// The organisation the action is taken in.
    pub fn org_id(&self) -> &str {
        use Action::*;
        match *self {
            UseApp { org_id }
            | ManageDocuments { org_id }
            | CreateUnit { org_id, .. }
            | ViewUnit { org_id, .. }
            | EditUnit { org_id, .. }
            | RestructureUnits { org_id }
            | ViewPerson { org_id, .. }
            | EditPerson { org_id, .. }
            | ViewClusters { org_id }
            | ManageClusters { org_id }
            | ImportUnits { org_id }
            | ImportPeople { org_id }
            | ViewAudit { org_id }
            | ManageUsers { org_id }
            | ManageOutbox { org_id }
            | TransferData { org_id }
            | ViewStatistics { org_id }
            | EditStatistics { org_id }
            | ViewHonours { org_id, .. }
            | EditHonours { org_id, .. }
            | ImportHonours { org_id }
            | ViewCampaigns { org_id }
            | ManageCampaigns { org_id }
            | CampaignWork { org_id, .. }
            | SignPact { org_id, .. }
            | ViewNomination { org_id, .. }
            | Nominate { org_id, .. }
            | ReviewAsThemeLead { org_id, .. }
            | Appraise { org_id }
            | ManageMeetings { org_id }
            | Vote { org_id }
            | Decide { org_id }
            | ViewRuleFiles { org_id }
            | EditRuleFiles { org_id }
            | ViewDashboard { org_id }
            | ViewBudget { org_id }
            | ManageBudget { org_id }
            | ViewInitiative { org_id, .. }
            | ProposeInitiative { org_id, .. }
            | EvaluateInitiatives { org_id }
            | UseInitiative { org_id, .. }
            | ManageScoring { org_id }
            | PresideCluster { org_id, .. }
            | ReviewPact { org_id, .. }
            | SelfAssess { org_id, .. }
            | ReviewScore { org_id, .. } => org_id,
        }
    }
}

/// Decides whether `actor` may take `action`.
pub fn authorize(actor: &Actor, action: Action<'_>) -> Result<(), Denied> {
    use Action::*;
    if action.org_id() != actor.org_id {
        return Err(Denied::OutOfScope);
    }
    let allowed = match action {
        UseApp { .. } | ViewClusters { .. } | ViewCampaigns { .. } | ViewDashboard { .. } => true,
        ViewBudget { .. } => actor.is_office() || actor.role == Role::Chairman,
        ViewUnit { unit_path, .. }
        | ViewPerson { unit_path, .. }
        | ViewHonours { unit_path, .. }
        | ViewInitiative { unit_path, .. }
        | ViewNomination { unit_path, .. } => {
            if !actor.in_scope(unit_path) {
                return Err(Denied::OutOfScope);
            }
            true
        }
        EditPerson { unit_path, .. } => {
            if !actor.in_scope(unit_path) {
                return Err(Denied::OutOfScope);
            }
            actor.is_office() || actor.role == Role::UnitOfficer
        }
        EditUnit { unit_path, .. }
        | EditHonours { unit_path, .. }
        | CampaignWork { unit_path, .. }
        | SelfAssess { unit_path, .. }
        | ProposeInitiative { unit_path, .. }
        | UseInitiative { unit_path, .. }
        | Nominate { unit_path, .. } => {
            if !actor.in_scope(unit_path) {
                return Err(Denied::OutOfScope);
            }
            actor.is_office() || actor.role == Role::UnitOfficer
        }
        // A unit officer may add sub-units under their own unit, never a new top-level unit.
        CreateUnit { parent_path, .. } => match (actor.role, parent_path) {
            (Role::UnitOfficer, Some(p)) => actor.in_scope(p),
            _ => actor.is_office(),
        },
        // People of a unit officer's units come in through their import too; rows are checked one by one.
        ImportPeople { .. } | ImportHonours { .. } => {
            actor.is_office() || actor.role == Role::UnitOfficer
        }
        RestructureUnits { .. }
        | ManageClusters { .. }
        | ImportUnits { .. }
        | ViewAudit { .. }
        | ManageCampaigns { .. }
        | ManageDocuments { .. }
        | ManageScoring { .. }
        | ViewRuleFiles { .. }
        | EvaluateInitiatives { .. }
        | ManageBudget { .. } => actor.is_office(),
        ReviewAsThemeLead { lead_path, .. } => {
            actor.is_office() || (actor.role == Role::UnitOfficer && actor.in_scope(lead_path))
        }
        Appraise { .. } | ManageMeetings { .. } => actor.is_office(),
        Vote { .. } => matches!(actor.role, Role::CouncilMember | Role::Chairman),
        Decide { .. } => actor.is_office() || actor.role == Role::Chairman,
        SignPact { leader_path, .. }
        | ReviewScore { leader_path, .. }
        | PresideCluster { leader_path, .. }
        | ReviewPact { leader_path, .. } => {
            actor.is_office()
                || (actor.role == Role::UnitOfficer
                    && leader_path.is_some_and(|p| actor.in_scope(p)))
        }
        ManageUsers { .. } | ManageOutbox { .. } | EditRuleFiles { .. } | TransferData { .. } => {
            actor.role == Role::Admin
        }
        // The office prepares the forms; the chairman signs them as head of the reporting body.
        // Unit officers see their own units only, never the organisation's totals.
        ViewStatistics { .. } => actor.is_office() || actor.role == Role::Chairman,
        EditStatistics { .. } => actor.is_office(),
    };
    if allowed {
        Ok(())
    } else {
        Err(Denied::NotAllowed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORG: &str = "org1";
    const OWN: &str = "/root/ward1/";
    const OWN_CHILD: &str = "/root/ward1/group3/";
    const OTHER: &str = "/root/ward2/";

    fn actor(role: Role) -> Actor {
        Actor {
            user_id: "u".into(),
            org_id: ORG.into(),
            role,
            scope_path: role.needs_scope().then(|| OWN.to_string()),
        }
    }

    /// Every action, on a target at `path` where the action has one.
    fn actions(path: &'static str) -> Vec<(&'static str, Action<'static>)> {
        let mut all = organisation_actions(path);
        all.extend(award_and_scoring_actions(path));
        all
    }

    /// Units, people, clusters, data, history and campaigns.
    fn organisation_actions(path: &'static str) -> Vec<(&'static str, Action<'static>)> {
        vec![
            ("use", Action::UseApp { org_id: ORG }),
            (
                "view_unit",
                Action::ViewUnit {
                    org_id: ORG,
                    unit_path: path,
                },
            ),
            (
                "create_unit",
                Action::CreateUnit {
                    org_id: ORG,
                    parent_path: Some(path),
                },
            ),
            (
                "edit_unit",
                Action::EditUnit {
                    org_id: ORG,
                    unit_path: path,
                },
            ),
            ("restructure", Action::RestructureUnits { org_id: ORG }),
            (
                "view_person",
                Action::ViewPerson {
                    org_id: ORG,
                    unit_path: path,
                },
            ),
            (
                "edit_person",
                Action::EditPerson {
                    org_id: ORG,
                    unit_path: path,
                },
            ),
            ("view_clusters", Action::ViewClusters { org_id: ORG }),
            ("manage_clusters", Action::ManageClusters { org_id: ORG }),
            ("import_units", Action::ImportUnits { org_id: ORG }),
            ("import_people", Action::ImportPeople { org_id: ORG }),
            ("audit", Action::ViewAudit { org_id: ORG }),
            ("users", Action::ManageUsers { org_id: ORG }),
            ("transfer", Action::TransferData { org_id: ORG }),
            (
                "view_honours",
                Action::ViewHonours {
                    org_id: ORG,
                    unit_path: path,
                },
            ),
            (
                "edit_honours",
                Action::EditHonours {
                    org_id: ORG,
                    unit_path: path,
                },
            ),
            ("import_honours", Action::ImportHonours { org_id: ORG }),
            ("view_campaigns", Action::ViewCampaigns { org_id: ORG }),
            ("manage_campaigns", Action::ManageCampaigns { org_id: ORG }),
            (
                "campaign_work",
                Action::CampaignWork {
                    org_id: ORG,
                    unit_path: path,
                },
            ),
            (
                "sign_pact",
                Action::SignPact {
                    org_id: ORG,
                    leader_path: Some(path),
                },
            ),
            (
                "view_nomination",
                Action::ViewNomination {
                    org_id: ORG,
                    unit_path: path,
                },
            ),
            (
                "nominate",
                Action::Nominate {
                    org_id: ORG,
                    unit_path: path,
                },
            ),
            (
                "theme_lead",
                Action::ReviewAsThemeLead {
                    org_id: ORG,
                    lead_path: path,
                },
            ),
        ]
    }

    /// The award pipeline, rule files, scoring and clusters' year-end.
    fn award_and_scoring_actions(path: &'static str) -> Vec<(&'static str, Action<'static>)> {
        vec![
            ("appraise", Action::Appraise { org_id: ORG }),
            ("meetings", Action::ManageMeetings { org_id: ORG }),
            ("vote", Action::Vote { org_id: ORG }),
            ("decide", Action::Decide { org_id: ORG }),
            ("view_rule_files", Action::ViewRuleFiles { org_id: ORG }),
            ("edit_rule_files", Action::EditRuleFiles { org_id: ORG }),
            ("dashboard", Action::ViewDashboard { org_id: ORG }),
            ("view_budget", Action::ViewBudget { org_id: ORG }),
            ("manage_budget", Action::ManageBudget { org_id: ORG }),
            ("manage_scoring", Action::ManageScoring { org_id: ORG }),
            ("outbox", Action::ManageOutbox { org_id: ORG }),
            (
                "self_assess",
                Action::SelfAssess {
                    org_id: ORG,
                    unit_path: path,
                },
            ),
            (
                "review_score",
                Action::ReviewScore {
                    org_id: ORG,
                    leader_path: Some(path),
                },
            ),
            (
                "preside_cluster",
                Action::PresideCluster {
                    org_id: ORG,
                    leader_path: Some(path),
                },
            ),
            (
                "review_pact",
                Action::ReviewPact {
                    org_id: ORG,
                    leader_path: Some(path),
                },
            ),
            (
                "view_initiative",
                Action::ViewInitiative {
                    org_id: ORG,
                    unit_path: path,
                },
            ),
            (
                "propose_initiative",
                Action::ProposeInitiative {
                    org_id: ORG,
                    unit_path: path,
                },
            ),
            (
                "evaluate_initiatives",
                Action::EvaluateInitiatives { org_id: ORG },
            ),
            (
                "use_initiative",
                Action::UseInitiative {
                    org_id: ORG,
                    unit_path: path,
                },
            ),
        ]
    }

    /// The whole matrix: role × action × (own unit, own sub-unit, other unit). `expected` lists, per role,
    /// the actions allowed on the other unit and on the own unit; a sub-unit behaves like the own unit.
    #[test]
    fn policy_matrix() {
        let everything = [
            "use",
            "view_unit",
            "create_unit",
            "edit_unit",
            "restructure",
            "view_person",
            "edit_person",
            "view_clusters",
            "manage_clusters",
            "import_units",
            "import_people",
            "audit",
            "users",
            "transfer",
            "view_honours",
            "edit_honours",
            "import_honours",
            "view_campaigns",
            "manage_campaigns",
            "campaign_work",
            "sign_pact",
            "view_nomination",
            "nominate",
            "theme_lead",
            "appraise",
            "meetings",
            "vote",
            "decide",
            "view_rule_files",
            "edit_rule_files",
            "manage_scoring",
            "outbox",
            "self_assess",
            "review_score",
            "preside_cluster",
            "review_pact",
            "dashboard",
            "view_budget",
            "manage_budget",
            "view_initiative",
            "propose_initiative",
            "evaluate_initiatives",
            "use_initiative",
        ];
        let office: Vec<&str> = everything
            .iter()
            .copied()
            .filter(|a| !["users", "transfer", "vote", "edit_rule_files", "outbox"].contains(a))
            .collect();
        let admin: Vec<&str> = everything
            .iter()
            .copied()
            .filter(|a| *a != "vote")
            .collect();
        let read = [
            "use",
            "view_unit",
            "view_person",
            "view_clusters",
            "view_honours",
            "view_campaigns",
            "view_nomination",
            "dashboard",
            "view_initiative",
        ];
        let council = [read.as_slice(), &["vote"]].concat();
        let chairman = [read.as_slice(), &["vote", "decide", "view_budget"]].concat();
        let cases: Vec<(Role, Vec<&str>, Vec<&str>)> = vec![
            (Role::Admin, admin.clone(), admin.clone()),
            (Role::StandingOffice, office.clone(), office.clone()),
            (
                Role::UnitOfficer,
                vec![
                    "use",
                    "view_unit",
                    "create_unit",
                    "edit_unit",
                    "view_person",
                    "edit_person",
                    "view_clusters",
                    "import_people",
                    "view_honours",
                    "edit_honours",
                    "import_honours",
                    "view_campaigns",
                    "campaign_work",
                    "sign_pact",
                    "view_nomination",
                    "nominate",
                    "theme_lead",
                    "self_assess",
                    "review_score",
                    "preside_cluster",
                    "review_pact",
                    "dashboard",
                    "view_initiative",
                    "propose_initiative",
                    "use_initiative",
                ],
                vec![
                    "use",
                    "view_clusters",
                    "import_people",
                    "import_honours",
                    "view_campaigns",
                    "dashboard",
                ],
            ),
            (Role::CouncilMember, council.clone(), council.clone()),
            (Role::Chairman, chairman.clone(), chairman.clone()),
            (Role::Viewer, read.to_vec(), read.to_vec()),
        ];
        for (role, own_allowed, other_allowed) in cases {
            let a = actor(role);
            for (path, allowed) in [
                (OWN, &own_allowed),
                (OWN_CHILD, &own_allowed),
                (OTHER, &other_allowed),
            ] {
                for (name, action) in actions(path) {
                    let got = authorize(&a, action).is_ok();
                    assert_eq!(got, allowed.contains(&name), "{role:?} {name} on {path}");
                }
            }
        }
    }

    #[test]
    fn out_of_scope_reads_look_like_not_found() {
        let a = actor(Role::UnitOfficer);
        assert_eq!(
            authorize(
                &a,
                Action::ViewPerson {
                    org_id: ORG,
                    unit_path: OTHER
                }
            ),
            Err(Denied::OutOfScope)
        );
        assert_eq!(
            authorize(&a, Action::ManageUsers { org_id: ORG }),
            Err(Denied::NotAllowed)
        );
        assert_eq!(
            authorize(
                &a,
                Action::ViewHonours {
                    org_id: ORG,
                    unit_path: OTHER
                }
            ),
            Err(Denied::OutOfScope)
        );
        assert_eq!(
            authorize(
                &a,
                Action::CampaignWork {
                    org_id: ORG,
                    unit_path: OTHER
                }
            ),
            Err(Denied::OutOfScope)
        );
        assert_eq!(
            authorize(&a, Action::ManageCampaigns { org_id: ORG }),
            Err(Denied::NotAllowed)
        );
        assert_eq!(
            authorize(
                &a,
                Action::SignPact {
                    org_id: ORG,
                    leader_path: None
                }
            ),
            Err(Denied::NotAllowed)
        );
    }

    #[test]
    fn other_organisation_is_never_visible() {
        for role in Role::ALL {
            let a = actor(role);
            assert_eq!(
                authorize(&a, Action::UseApp { org_id: "org2" }),
                Err(Denied::OutOfScope)
            );
        }
    }

    #[test]
    fn unit_officer_without_scope_sees_nothing() {
        let a = Actor {
            user_id: "u".into(),
            org_id: ORG.into(),
            role: Role::UnitOfficer,
            scope_path: None,
        };
        assert!(
            authorize(
                &a,
                Action::ViewUnit {
                    org_id: ORG,
                    unit_path: OWN
                }
            )
            .is_err()
        );
        assert!(
            authorize(
                &a,
                Action::CreateUnit {
                    org_id: ORG,
                    parent_path: None
                }
            )
            .is_err()
        );
    }
}

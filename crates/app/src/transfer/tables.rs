//! Which tables an organisation's archive holds, in the order they are written back (a row's parents
//! first), how each table's rows of one organisation are found, and which columns name other rows.
//!
//! Left out on purpose: user accounts, sessions, tokens, e-mail addresses, password reset links and
//! waiting digest lines, the job queue, (people sign in to the organisation they
//! work for now), the audit log (it stays with the installation that wrote it), notifications, the
//! organisation's rule files, document settings and other settings such as the report outline (the
//! successor keeps its own), the registers of
//! numbers (the successor's own numbering), and who voted how in a meeting (members are user accounts;
//! the counts stay on the agenda items).

/// One table of the archive.
#[derive(Debug, Clone, Copy)]
pub struct TableSpec {
    pub name: &'static str,
    /// SQL condition on the table aliased `t`, `$1` being the organisation's id.
    pub filter: &'static str,
    /// Columns holding the id of another row of the archive: rewritten to the new ids; a value that
    /// names no row of the archive makes the archive broken.
    pub refs: &'static [&'static str],
    /// Columns that may name a row of the archive or something else (kept as they are then).
    pub soft_refs: &'static [&'static str],
    /// Columns holding a user account's id, which does not travel: emptied (the names written beside
    /// them, and the author names other tables keep, stay).
    pub users: &'static [&'static str],
    /// The column holding a file's SHA-256, when the rows name files of the blob store.
    pub blob: Option<&'static str>,
}

const fn spec(
    name: &'static str,
    filter: &'static str,
    refs: &'static [&'static str],
) -> TableSpec {
    TableSpec {
        name,
        filter,
        refs,
        soft_refs: &[],
        users: &[],
        blob: None,
    }
}

const ORG: &str = "t.org_id = $1";
const OF_CAMPAIGNS: &str = "t.campaign_id IN (SELECT id FROM campaigns WHERE org_id = $1)";
const SUBJECT: &[&str] = &["subject_id"];
const CREATED_BY: &[&str] = &["created_by"];
const OF_PACT_REVIEWS: &str = "t.review_id IN (SELECT id FROM pact_reviews WHERE org_id = $1)";
const OF_SCALES: &str = "t.scale_id IN (SELECT id FROM scoring_scales WHERE org_id = $1)";
const SCORED: &[&str] = &["scale_id", "unit_id", "criterion_id"];

/// Every table of the archive, parents before children.
pub const TABLES: &[TableSpec] = &[
    spec("units", ORG, &["parent_id", "successor_id"]),
    spec("unit_names", ORG, &["unit_id"]),
    TableSpec {
        users: CREATED_BY,
        ..spec("unit_changes", ORG, &[])
    },
    spec(
        "unit_change_links",
        "t.change_id IN (SELECT id FROM unit_changes WHERE org_id = $1)",
        &["change_id", "from_unit_id", "to_unit_id"],
    ),
    spec("persons", ORG, &["unit_id"]),
    spec("clusters", ORG, &["leader_unit_id", "deputy_unit_id"]),
    spec(
        "cluster_members",
        "t.cluster_id IN (SELECT id FROM clusters WHERE org_id = $1)",
        &["cluster_id", "unit_id"],
    ),
    TableSpec {
        soft_refs: &["achievement_id"],
        ..spec("ledger_awards", ORG, SUBJECT)
    },
    spec("ledger_ratings", ORG, SUBJECT),
    spec("ledger_disciplines", ORG, SUBJECT),
    // The register of initiatives: sessions, initiatives, authors, files, uses, then the ledger rows
    // written from it.
    spec("initiative_sessions", ORG, &[]),
    spec("initiatives", ORG, &["unit_id", "session_id"]),
    spec("initiative_authors", ORG, &["initiative_id", "person_id"]),
    TableSpec {
        blob: Some("sha256"),
        ..spec("initiative_files", ORG, &["initiative_id"])
    },
    TableSpec {
        soft_refs: &["target_id"],
        ..spec("initiative_uses", ORG, &["initiative_id", "person_id"])
    },
    spec(
        "ledger_initiatives",
        ORG,
        &["subject_id", "used_by_award_id", "register_id"],
    ),
    TableSpec {
        users: CREATED_BY,
        ..spec("ledger_reviews", ORG, SUBJECT)
    },
    spec("campaigns", ORG, &["copied_from_id"]),
    spec("campaign_legal_bases", OF_CAMPAIGNS, &["campaign_id"]),
    spec(
        "campaign_participants",
        OF_CAMPAIGNS,
        &["campaign_id", "unit_id"],
    ),
    spec("campaign_themes", ORG, &["campaign_id", "lead_unit_id"]),
    spec(
        "theme_coordinators",
        "t.theme_id IN (SELECT id FROM campaign_themes WHERE org_id = $1)",
        &["theme_id", "unit_id"],
    ),
    spec("campaign_targets", ORG, &["campaign_id", "theme_id"]),
    spec("campaign_deadlines", ORG, &["campaign_id", "unit_id"]),
    spec("campaign_award_forms", OF_CAMPAIGNS, &["campaign_id"]),
    spec("campaign_quotas", OF_CAMPAIGNS, &["campaign_id", "unit_id"]),
    spec("registrations", ORG, &["campaign_id", "unit_id"]),
    spec("pacts", ORG, &["campaign_id", "cluster_id"]),
    spec(
        "pact_members",
        "t.pact_id IN (SELECT id FROM pacts WHERE org_id = $1)",
        &["pact_id", "unit_id"],
    ),
    spec(
        "commitment_targets",
        "t.owner_id IN (SELECT id FROM registrations WHERE org_id = $1 \
         UNION SELECT id FROM pacts WHERE org_id = $1)",
        &["owner_id", "target_id"],
    ),
    spec(
        "progress_reports",
        ORG,
        &["campaign_id", "target_id", "unit_id"],
    ),
    spec(
        "submissions",
        ORG,
        &["campaign_id", "deadline_id", "unit_id"],
    ),
    TableSpec {
        blob: Some("sha256"),
        ..spec("attachments", ORG, &["owner_id", "unit_id"])
    },
    TableSpec {
        users: CREATED_BY,
        ..spec(
            "nominations",
            ORG,
            &[
                "campaign_id",
                "theme_id",
                "nominating_unit_id",
                "person_id",
                "unit_id",
                "route_unit_id",
            ],
        )
    },
    TableSpec {
        users: CREATED_BY,
        blob: Some("sha256"),
        ..spec("nomination_documents", ORG, &["nomination_id"])
    },
    TableSpec {
        users: &["user_id"],
        ..spec(
            "nomination_events",
            "t.nomination_id IN (SELECT id FROM nominations WHERE org_id = $1)",
            &["nomination_id"],
        )
    },
    TableSpec {
        users: CREATED_BY,
        blob: Some("sha256"),
        ..spec("nomination_forwards", ORG, &["nomination_id"])
    },
    TableSpec {
        users: &["confirmed_by"],
        ..spec("nomination_facts", ORG, &["nomination_id"])
    },
    TableSpec {
        users: &["recorded_by"],
        ..spec("forward_answers", ORG, &["nomination_id"])
    },
    spec("meetings", ORG, &[]),
    spec(
        "agenda_items",
        "t.meeting_id IN (SELECT id FROM meetings WHERE org_id = $1)",
        &["meeting_id", "nomination_id"],
    ),
    spec(
        "ballot_choices",
        "t.agenda_item_id IN (SELECT a.id FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id \
         WHERE m.org_id = $1)",
        &["agenda_item_id"],
    ),
    TableSpec {
        users: CREATED_BY,
        ..spec("decisions", ORG, &[])
    },
    spec(
        "decision_lines",
        "t.decision_id IN (SELECT id FROM decisions WHERE org_id = $1)",
        &["decision_id", "nomination_id", "award_id"],
    ),
    TableSpec {
        soft_refs: &["copied_from"],
        ..spec("scoring_scales", ORG, &["campaign_id"])
    },
    spec(
        "scoring_scale_clusters",
        OF_SCALES,
        &["scale_id", "cluster_id"],
    ),
    spec("scoring_groups", OF_SCALES, &["scale_id"]),
    spec("scoring_criteria", OF_SCALES, &["scale_id", "target_id"]),
    spec("scoring_entries", OF_SCALES, SCORED),
    TableSpec {
        users: &["by_user"],
        ..spec("scoring_changes", OF_SCALES, SCORED)
    },
    TableSpec {
        blob: Some("sha256"),
        ..spec("scoring_evidence", ORG, SCORED)
    },
    spec("scoring_appeals", ORG, SCORED),
    spec("scoring_tie_votes", OF_SCALES, &["scale_id", "unit_id"]),
    spec("scoring_totals", OF_SCALES, &["scale_id", "unit_id"]),
    spec(
        "scoring_assignments",
        OF_SCALES,
        &["scale_id", "assessor_unit_id", "assessed_unit_id"],
    ),
    spec(
        "scoring_cross_entries",
        OF_SCALES,
        &[
            "scale_id",
            "assessor_unit_id",
            "assessed_unit_id",
            "criterion_id",
        ],
    ),
    spec(
        "cluster_year_ends",
        ORG,
        &[
            "cluster_id",
            "scale_id",
            "leading_unit_id",
            "next_leader_unit_id",
            "next_deputy_unit_id",
            "next_cluster_id",
        ],
    ),
    spec("pact_reviews", ORG, &["pact_id"]),
    TableSpec {
        users: &["updated_by"],
        ..spec("campaign_reports", OF_CAMPAIGNS, &["campaign_id"])
    },
    spec(
        "pact_review_members",
        OF_PACT_REVIEWS,
        &["review_id", "unit_id"],
    ),
    spec(
        "pact_review_values",
        OF_PACT_REVIEWS,
        &["review_id", "unit_id"],
    ),
    // Added later, so the numbers of the tables before stay as older archives have them.
    spec("unit_heads", ORG, &["unit_id"]),
];

/// The spec of a table by name.
pub fn find(name: &str) -> Option<&'static TableSpec> {
    TABLES.iter().find(|t| t.name == name)
}

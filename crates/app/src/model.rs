//! The records the use cases read and return, as the pages, the API and the demo see them. They are the
//! store's row types, named here so that callers of `app` need nothing from the store: this module
//! holds types only, never a query (every read goes through a use case).

pub use thidua_store::Db;
pub use thidua_store::audit::{AuditFilter, AuditRow};
pub use thidua_store::blobs::{BlobStore, LocalDisk, S3Config, S3Store};
pub use thidua_store::campaign_parts::{DeadlineRow, TargetRow, ThemeRow};
pub use thidua_store::campaign_work::{
    AttachmentRow, CommitmentRow, PactRow, ProgressRow, RegistrationRow, SubmissionRow,
};
pub use thidua_store::campaigns::{
    AwardFormRow, CampaignFilter, CampaignRow, LegalBasisRow, Participant, QuotaRow,
};
pub use thidua_store::clusters::{ClusterRow, Member};
pub use thidua_store::decisions::{DecisionRow, ForwardRow, LineRow, LineView, VoteRow};
pub use thidua_store::idempotency::Claim;
pub use thidua_store::ledger::{AwardRow, DisciplineRow, InitiativeRow, RatingRow};
pub use thidua_store::mailing::UnitHeadRow;
pub use thidua_store::meetings::{ConflictRow, ItemRow, MeetingRow, MemberRow};
pub use thidua_store::nominations::{DocumentRow, EventRow, NominationFilter, NominationRow};
pub use thidua_store::notifications::NotificationRow;
pub use thidua_store::persons::{PersonFilter, PersonListRow, PersonRow};
pub use thidua_store::scoring::{CriterionRow, GroupRow, ScaleRow};
pub use thidua_store::scoring_cross::{AssignmentRow, CrossRow};
pub use thidua_store::scoring_entries::{AppealRow, ChangeRow, EntryRow, EvidenceRow};
pub use thidua_store::units::{CodeName, UnitFilter, UnitRow};
pub use thidua_store::users::{TokenRow, UserRow};

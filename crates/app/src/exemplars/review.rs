//! What happens to an exemplar after it is put forward: the office selects, asks for more or declines
//! (with a reason), the unit resubmits, the office forwards a selected one to the higher level and
//! publishes it once consent is recorded; consent withdrawn unpublishes at once. Each change is one
//! transaction with its version checked and its audit row.

use super::{invalid, status, visible};
use crate::campaigns::today_vn;
use crate::error::{Error, Result};
use crate::{Audit, Caller};
use serde::{Deserialize, Serialize};
use thidua_domain::Validation;
use thidua_domain::date::iso;
use thidua_domain::exemplar::{ExemplarAction, ExemplarStatus, Publicity};
use thidua_domain::policy::Action;
use thidua_store::exemplars::{self as store, ExemplarRow, ExemplarState};
use thidua_store::{Db, ids};

/// A decision on an exemplar: `select`, `ask_more`, `decline` (office) or `resubmit` (unit).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct StateInput {
    pub action: String,
    /// Required when asking for more or declining.
    pub reason: String,
    pub version: i64,
}

/// Forwarding a selected exemplar to the higher level.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ForwardInput {
    /// The body it goes to, e.g. «Ban Thi đua – Khen thưởng Thành phố».
    pub forwarded_to: String,
    pub version: i64,
}

/// Recording (`give`) or withdrawing (`withdraw`) the consent to publish.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ConsentInput {
    pub action: String,
    /// Who consented (the person, or the head of the collective).
    pub given_by: String,
    pub version: i64,
}

/// Loads the exemplar, lets `decide` work out its new state (after the caller's permission is
/// checked), writes it if the version still matches, and audits it as `action`.
async fn change(
    db: &Db,
    caller: &Caller,
    id: &str,
    version: i64,
    action: &str,
    decide: impl Fn(&Caller, &ExemplarRow, &mut ExemplarState) -> Result<()>,
) -> Result<ExemplarRow> {
    write_tx!(db, |tx| {
        let before = visible(tx, caller, id).await?;
        // A stale form is a conflict before anything else: the other person's change wins.
        if before.version != version {
            return Err(Error::Conflict);
        }
        let mut state = ExemplarState::of(&before);
        decide(caller, &before, &mut state)?;
        store::update_state(tx, caller.org_id(), id, version, &state).await?;
        let after = store::get(tx, caller.org_id(), id).await?;
        Audit::new(action, "exemplar", id, &after.name)
            .before(&before)
            .after(&after)
            .write(tx, caller)
            .await?;
        Ok(after)
    })
}

fn office(caller: &Caller) -> Result<()> {
    caller.authorize(Action::ManageCampaigns {
        org_id: caller.org_id(),
    })
}

/// The exemplar's unit acting (its officer, or the office). The exemplar is visible by then, so a
/// refusal is a 403 even outside the caller's scope.
fn unit_of(caller: &Caller, row: &ExemplarRow) -> Result<()> {
    if caller.can(Action::CampaignWork {
        org_id: caller.org_id(),
        unit_path: &row.unit_path,
    }) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// Selects, asks for more, declines, or (the unit) resubmits.
pub async fn act(db: &Db, caller: &Caller, id: &str, input: &StateInput) -> Result<ExemplarRow> {
    let Some(action) = ExemplarAction::parse(&input.action) else {
        return Err(invalid("action", "Thao tác", "Thao tác không hợp lệ."));
    };
    let mut v = Validation::new();
    let reason = v.optional_text("reason", "Lý do", &input.reason, 2000);
    if action.needs_reason() && reason.is_none() {
        v.add(
            "reason",
            "Lý do",
            match action {
                ExemplarAction::AskMore => "Hãy ghi rõ đơn vị cần bổ sung những gì.",
                _ => "Hãy ghi rõ lý do không lựa chọn.",
            },
        );
    }
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    let audit = format!("exemplar.{}", action.code());
    change(db, caller, id, input.version, &audit, |caller, row, s| {
        if action.by_office() {
            office(caller)?;
        } else {
            unit_of(caller, row)?;
        }
        let to = action
            .apply(status(row))
            .map_err(|m| Error::Rejected(m.into()))?;
        s.status = to.code().into();
        if action.by_office() {
            s.reason = reason.clone();
            s.decided_on = Some(iso(today_vn()));
        }
        if to != ExemplarStatus::Selected {
            s.published_at = None;
        }
        Ok(())
    })
    .await
}

/// Forwards a selected exemplar to the higher level.
pub async fn forward(
    db: &Db,
    caller: &Caller,
    id: &str,
    input: &ForwardInput,
) -> Result<ExemplarRow> {
    let mut v = Validation::new();
    let to = v.required_text("forwarded_to", "Gửi lên cấp", &input.forwarded_to, 300);
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    change(
        db,
        caller,
        id,
        input.version,
        "exemplar.forward",
        |caller, row, s| {
            office(caller)?;
            if status(row) != ExemplarStatus::Selected {
                return Err(Error::Rejected(
                    "Chỉ đề xuất lên cấp trên gương đã được lựa chọn.".into(),
                ));
            }
            s.forwarded_on = Some(iso(today_vn()));
            s.forwarded_to = Some(to.clone());
            Ok(())
        },
    )
    .await
}

/// Records or withdraws the consent to publish; a withdrawal unpublishes at once.
pub async fn consent(
    db: &Db,
    caller: &Caller,
    id: &str,
    input: &ConsentInput,
) -> Result<ExemplarRow> {
    let give = match input.action.trim() {
        "give" => true,
        "withdraw" => false,
        _ => return Err(invalid("action", "Thao tác", "Thao tác không hợp lệ.")),
    };
    let mut v = Validation::new();
    let by = if give {
        v.required_text("given_by", "Người đồng ý", &input.given_by, 200)
    } else {
        String::new()
    };
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    let audit = if give {
        "exemplar.consent"
    } else {
        "exemplar.consent_withdraw"
    };
    change(db, caller, id, input.version, audit, |caller, row, s| {
        unit_of(caller, row)?;
        let today = Some(iso(today_vn()));
        if give {
            s.consent_by = Some(by.clone());
            s.consent_on = today;
            s.consent_withdrawn_on = None;
        } else {
            if s.consent_on.is_none() || s.consent_withdrawn_on.is_some() {
                return Err(Error::Rejected("Chưa có sự đồng ý nào để rút lại.".into()));
            }
            s.consent_withdrawn_on = today;
            s.published_at = None;
        }
        Ok(())
    })
    .await
}

/// Publishes (`true`) or unpublishes an exemplar on the public site.
pub async fn publish(
    db: &Db,
    caller: &Caller,
    id: &str,
    version: i64,
    on: bool,
) -> Result<ExemplarRow> {
    let audit = if on {
        "exemplar.publish"
    } else {
        "exemplar.unpublish"
    };
    change(db, caller, id, version, audit, |caller, row, s| {
        office(caller)?;
        if on {
            if let Some(why) = publicity(row).publish_refusal() {
                return Err(Error::Rejected(why.into()));
            }
            s.published_at = Some(ids::now());
        } else {
            s.published_at = None;
        }
        Ok(())
    })
    .await
}

/// What decides whether the exemplar is public.
pub(crate) fn publicity(row: &ExemplarRow) -> Publicity {
    Publicity {
        status: status(row),
        consent: row.consent_on.is_some() && row.consent_withdrawn_on.is_none(),
        published: row.published_at.is_some(),
    }
}

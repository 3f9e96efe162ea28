//! Use cases of a plan's themes, targets and deadlines: each checked against the plan's period and the
//! organisation's units, version-checked, and audited under the campaign.

use super::campaigns::{check_units, date_of, editable, invalid};
use crate::Audit;
use crate::Caller;
use crate::error::{Error, Result};
use thidua_domain::Validation;
use thidua_domain::campaign::deadline::{Addressees, DeadlineInput};
use thidua_domain::campaign::parts::ThemeInput;
use thidua_domain::campaign::target::TargetInput;
use thidua_domain::date::iso;
use thidua_store::campaign_parts::{self as parts, DeadlineRow, TargetRow, ThemeRow};
use thidua_store::campaigns::{self, CampaignRow};
use thidua_store::{Db, Tx, ids, units};

fn period(c: &CampaignRow) -> (time::Date, time::Date) {
    (date_of(&c.period_from), date_of(&c.period_to))
}

// ---- themes ----

async fn checked_theme(
    tx: &mut Tx,
    caller: &Caller,
    c: &CampaignRow,
    input: &ThemeInput,
) -> Result<thidua_domain::campaign::parts::ThemeDraft> {
    let (from, to) = period(c);
    let d = input.validate(from, to)?;
    let mut v = Validation::new();
    if let Some(lead) = &d.lead_unit_id {
        check_units(
            tx,
            caller,
            &mut v,
            "lead_unit_id",
            "Đơn vị chủ trì",
            std::slice::from_ref(lead),
        )
        .await?;
    }
    check_units(
        tx,
        caller,
        &mut v,
        "coordinating_ids",
        "Đơn vị phối hợp",
        &d.coordinating_ids,
    )
    .await?;
    if v.is_ok() {
        Ok(d)
    } else {
        Err(Error::Invalid(v))
    }
}

pub async fn add_theme(
    db: &Db,
    caller: &Caller,
    campaign_id: &str,
    input: &ThemeInput,
) -> Result<ThemeRow> {
    let mut tx = db.begin().await?;
    let c = editable(&mut tx, caller, campaign_id).await?;
    let d = checked_theme(&mut tx, caller, &c, input).await?;
    let now = ids::now();
    let position = campaigns::next_position(&mut tx, "campaign_themes", campaign_id).await?;
    let row = ThemeRow {
        id: ids::new_id(),
        org_id: caller.org_id().into(),
        campaign_id: campaign_id.into(),
        position,
        title: d.title,
        lead_unit_id: d.lead_unit_id,
        lead_name: d.lead_name,
        period_from: d.period_from.map(iso),
        period_to: d.period_to.map(iso),
        description: d.description,
        version: 1,
        created_at: now.clone(),
        updated_at: now,
    };
    parts::insert_theme(&mut tx, &row, &d.coordinating_ids).await?;
    campaigns::touch(&mut tx, caller.org_id(), campaign_id).await?;
    Audit::new("campaign.theme.add", "campaign", campaign_id, &c.title)
        .after(&super::with_field(
            &row,
            "coordinating_ids",
            &d.coordinating_ids,
        ))
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}

pub async fn update_theme(
    db: &Db,
    caller: &Caller,
    campaign_id: &str,
    id: &str,
    version: i64,
    input: &ThemeInput,
) -> Result<ThemeRow> {
    let mut tx = db.begin().await?;
    let c = editable(&mut tx, caller, campaign_id).await?;
    let before = parts::theme(&mut tx, campaign_id, id).await?;
    let d = checked_theme(&mut tx, caller, &c, input).await?;
    let row = ThemeRow {
        title: d.title,
        lead_unit_id: d.lead_unit_id,
        lead_name: d.lead_name,
        period_from: d.period_from.map(iso),
        period_to: d.period_to.map(iso),
        description: d.description,
        version,
        ..before.clone()
    };
    let after = parts::update_theme(&mut tx, &row, &d.coordinating_ids).await?;
    campaigns::touch(&mut tx, caller.org_id(), campaign_id).await?;
    Audit::new("campaign.theme.update", "campaign", campaign_id, &c.title)
        .before(&before)
        .after(&super::with_field(
            &after,
            "coordinating_ids",
            &d.coordinating_ids,
        ))
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(after)
}

pub async fn delete_theme(
    db: &Db,
    caller: &Caller,
    campaign_id: &str,
    id: &str,
    version: i64,
) -> Result<()> {
    let mut tx = db.begin().await?;
    let c = editable(&mut tx, caller, campaign_id).await?;
    let before = parts::theme(&mut tx, campaign_id, id).await?;
    parts::delete_theme(&mut tx, campaign_id, id, version).await?;
    campaigns::touch(&mut tx, caller.org_id(), campaign_id).await?;
    Audit::new("campaign.theme.delete", "campaign", campaign_id, &c.title)
        .before(&before)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(())
}

// ---- targets ----

async fn checked_target(
    tx: &mut Tx,
    campaign_id: &str,
    input: &TargetInput,
) -> Result<thidua_domain::campaign::target::TargetDraft> {
    let d = input.validate()?;
    if let Some(t) = &d.theme_id
        && parts::theme(tx, campaign_id, t).await.is_err()
    {
        return Err(invalid(
            "theme_id",
            "Chuyên đề",
            "Chuyên đề đã chọn không thuộc kế hoạch này.",
        ));
    }
    Ok(d)
}

pub async fn add_target(
    db: &Db,
    caller: &Caller,
    campaign_id: &str,
    input: &TargetInput,
) -> Result<TargetRow> {
    let mut tx = db.begin().await?;
    let c = editable(&mut tx, caller, campaign_id).await?;
    let d = checked_target(&mut tx, campaign_id, input).await?;
    let now = ids::now();
    let position = campaigns::next_position(&mut tx, "campaign_targets", campaign_id).await?;
    let row = TargetRow {
        id: ids::new_id(),
        org_id: caller.org_id().into(),
        campaign_id: campaign_id.into(),
        theme_id: d.theme_id,
        position,
        text: d.text,
        comparator: d.comparator.code().into(),
        threshold: d.threshold,
        measure: d.unit,
        scope: d.scope.code().into(),
        version: 1,
        created_at: now.clone(),
        updated_at: now,
    };
    parts::insert_target(&mut tx, &row).await?;
    campaigns::touch(&mut tx, caller.org_id(), campaign_id).await?;
    Audit::new("campaign.target.add", "campaign", campaign_id, &c.title)
        .after(&row)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}

pub async fn update_target(
    db: &Db,
    caller: &Caller,
    campaign_id: &str,
    id: &str,
    version: i64,
    input: &TargetInput,
) -> Result<TargetRow> {
    let mut tx = db.begin().await?;
    let c = editable(&mut tx, caller, campaign_id).await?;
    let before = parts::target(&mut tx, campaign_id, id).await?;
    let d = checked_target(&mut tx, campaign_id, input).await?;
    let row = TargetRow {
        theme_id: d.theme_id,
        text: d.text,
        comparator: d.comparator.code().into(),
        threshold: d.threshold,
        measure: d.unit,
        scope: d.scope.code().into(),
        version,
        ..before.clone()
    };
    let after = parts::update_target(&mut tx, &row).await?;
    campaigns::touch(&mut tx, caller.org_id(), campaign_id).await?;
    Audit::new("campaign.target.update", "campaign", campaign_id, &c.title)
        .before(&before)
        .after(&after)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(after)
}

pub async fn delete_target(
    db: &Db,
    caller: &Caller,
    campaign_id: &str,
    id: &str,
    version: i64,
) -> Result<()> {
    let mut tx = db.begin().await?;
    let c = editable(&mut tx, caller, campaign_id).await?;
    let before = parts::target(&mut tx, campaign_id, id).await?;
    let reports = parts::target_reports(&mut tx, id).await?;
    if reports > 0 {
        return Err(invalid(
            "target",
            "Chỉ tiêu",
            format!(
                "Chỉ tiêu \u{201c}{}\u{201d} đã có {reports} báo cáo tiến độ nên không xóa được; hãy sửa nội dung nếu cần.",
                before.text
            ),
        ));
    }
    parts::delete_target(&mut tx, campaign_id, id, version).await?;
    campaigns::touch(&mut tx, caller.org_id(), campaign_id).await?;
    Audit::new("campaign.target.delete", "campaign", campaign_id, &c.title)
        .before(&before)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(())
}

// ---- deadlines ----

async fn checked_deadline(
    tx: &mut Tx,
    caller: &Caller,
    c: &CampaignRow,
    input: &DeadlineInput,
) -> Result<thidua_domain::campaign::deadline::DeadlineDraft> {
    let (from, to) = period(c);
    let d = input.validate(from, to)?;
    let mut v = Validation::new();
    match d.addressees {
        Addressees::OneUnit => {
            if let Some(u) = &d.unit_id {
                check_units(
                    tx,
                    caller,
                    &mut v,
                    "unit_id",
                    "Đơn vị",
                    std::slice::from_ref(u),
                )
                .await?;
            }
        }
        Addressees::UnitKind => {
            if let Some(k) = &d.unit_kind
                && !units::kinds(tx).await?.iter().any(|x| &x.code == k)
            {
                v.add(
                    "unit_kind",
                    "Loại đơn vị",
                    "Hãy chọn loại đơn vị trong danh sách.",
                );
            }
        }
        _ => {}
    }
    if v.is_ok() {
        Ok(d)
    } else {
        Err(Error::Invalid(v))
    }
}

fn deadline_row(
    d: thidua_domain::campaign::deadline::DeadlineDraft,
    base: DeadlineRow,
) -> DeadlineRow {
    let one_unit = d.addressees == Addressees::OneUnit;
    let of_kind = d.addressees == Addressees::UnitKind;
    DeadlineRow {
        kind: d.kind.code().into(),
        what: d.what,
        opens_on: d.opens_on.map(iso),
        due_on: iso(d.due_on),
        recurrence: d.recurrence.code().into(),
        repeat_until: d.repeat_until.map(iso),
        addressees: d.addressees.code().into(),
        unit_kind: d.unit_kind.filter(|_| of_kind),
        unit_id: d.unit_id.filter(|_| one_unit),
        recipient: d.recipient,
        ..base
    }
}

pub async fn add_deadline(
    db: &Db,
    caller: &Caller,
    campaign_id: &str,
    input: &DeadlineInput,
) -> Result<DeadlineRow> {
    let mut tx = db.begin().await?;
    let c = editable(&mut tx, caller, campaign_id).await?;
    let d = checked_deadline(&mut tx, caller, &c, input).await?;
    let now = ids::now();
    let base = DeadlineRow {
        id: ids::new_id(),
        org_id: caller.org_id().into(),
        campaign_id: campaign_id.into(),
        kind: String::new(),
        what: String::new(),
        opens_on: None,
        due_on: String::new(),
        recurrence: String::new(),
        repeat_until: None,
        addressees: String::new(),
        unit_kind: None,
        unit_id: None,
        recipient: None,
        version: 1,
        created_at: now.clone(),
        updated_at: now,
    };
    let row = deadline_row(d, base);
    parts::insert_deadline(&mut tx, &row).await?;
    campaigns::touch(&mut tx, caller.org_id(), campaign_id).await?;
    Audit::new("campaign.deadline.add", "campaign", campaign_id, &c.title)
        .after(&row)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}

pub async fn update_deadline(
    db: &Db,
    caller: &Caller,
    campaign_id: &str,
    id: &str,
    version: i64,
    input: &DeadlineInput,
) -> Result<DeadlineRow> {
    let mut tx = db.begin().await?;
    let c = editable(&mut tx, caller, campaign_id).await?;
    let before = parts::deadline(&mut tx, campaign_id, id).await?;
    let d = checked_deadline(&mut tx, caller, &c, input).await?;
    let after = parts::update_deadline(
        &mut tx,
        &deadline_row(
            d,
            DeadlineRow {
                version,
                ..before.clone()
            },
        ),
    )
    .await?;
    campaigns::touch(&mut tx, caller.org_id(), campaign_id).await?;
    Audit::new(
        "campaign.deadline.update",
        "campaign",
        campaign_id,
        &c.title,
    )
    .before(&before)
    .after(&after)
    .write(&mut tx, caller)
    .await?;
    tx.commit().await?;
    Ok(after)
}

pub async fn delete_deadline(
    db: &Db,
    caller: &Caller,
    campaign_id: &str,
    id: &str,
    version: i64,
) -> Result<()> {
    let mut tx = db.begin().await?;
    let c = editable(&mut tx, caller, campaign_id).await?;
    let before = parts::deadline(&mut tx, campaign_id, id).await?;
    let sent = parts::deadline_submissions(&mut tx, id).await?;
    if sent > 0 {
        return Err(invalid(
            "deadline",
            "Thời hạn",
            format!(
                "Đã có {sent} lần gửi cho thời hạn \u{201c}{}\u{201d} nên không xóa được; hãy sửa nội dung hoặc ngày nếu cần.",
                before.what
            ),
        ));
    }
    parts::delete_deadline(&mut tx, campaign_id, id, version).await?;
    campaigns::touch(&mut tx, caller.org_id(), campaign_id).await?;
    Audit::new(
        "campaign.deadline.delete",
        "campaign",
        campaign_id,
        &c.title,
    )
    .before(&before)
    .write(&mut tx, caller)
    .await?;
    tx.commit().await?;
    Ok(())
}

// ---- reads for the parts' forms ----

/// A plan the user may change (the office, not closed), for a part's form.
pub async fn for_edit(db: &Db, caller: &Caller, id: &str) -> Result<CampaignRow> {
    let mut tx = db.begin_read().await?;
    let c = editable(&mut tx, caller, id).await?;
    tx.commit().await?;
    Ok(c)
}

/// The themes of a campaign the user may see, in their order (the choices of a target's theme).
pub async fn themes(db: &Db, caller: &Caller, campaign_id: &str) -> Result<Vec<ThemeRow>> {
    let mut tx = db.begin_read().await?;
    super::campaigns::visible(&mut tx, caller, campaign_id).await?;
    let rows = parts::themes(&mut tx, campaign_id).await?;
    tx.commit().await?;
    Ok(rows)
}

/// A theme of a plan the user may change, with its coordinating units' ids, for its edit form.
pub async fn theme_for_edit(
    db: &Db,
    caller: &Caller,
    id: &str,
    theme_id: &str,
) -> Result<(CampaignRow, ThemeRow, Vec<String>)> {
    let mut tx = db.begin_read().await?;
    let c = editable(&mut tx, caller, id).await?;
    let t = parts::theme(&mut tx, id, theme_id).await?;
    let coordinating = parts::coordinators(&mut tx, theme_id)
        .await?
        .into_iter()
        .map(|c| c.0)
        .collect();
    tx.commit().await?;
    Ok((c, t, coordinating))
}

/// A target of a plan the user may change, for its edit form.
pub async fn target_for_edit(
    db: &Db,
    caller: &Caller,
    id: &str,
    target_id: &str,
) -> Result<(CampaignRow, TargetRow)> {
    let mut tx = db.begin_read().await?;
    let c = editable(&mut tx, caller, id).await?;
    let t = parts::target(&mut tx, id, target_id).await?;
    tx.commit().await?;
    Ok((c, t))
}

/// A deadline of a plan the user may change, for its edit form.
pub async fn deadline_for_edit(
    db: &Db,
    caller: &Caller,
    id: &str,
    deadline_id: &str,
) -> Result<(CampaignRow, DeadlineRow)> {
    let mut tx = db.begin_read().await?;
    let c = editable(&mut tx, caller, id).await?;
    let d = parts::deadline(&mut tx, id, deadline_id).await?;
    tx.commit().await?;
    Ok((c, d))
}

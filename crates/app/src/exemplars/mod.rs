//! Exemplary people and models (*gương điển hình tiên tiến, người tốt việc tốt*): a unit puts one
//! forward with its story and photos under a movement — which also answers the plan's quarterly duty
//! (see [`duty`]) — the standing office selects, asks for more or declines with a reason, forwards the
//! selected ones upward and publishes them once consent is recorded; units record adopting a model
//! (nhân rộng) and the office keeps a fostering plan towards the next honours.

/// Runs `$body` (yielding `Result<T>`, with `$tx: &mut Tx`) in one write transaction — on SQLite it
/// takes the write lock when it begins, so checks and writes are not interleaved with another
/// writer's — and commits it; an error rolls everything back.
macro_rules! write_tx {
    ($db:expr, |$tx:ident| $body:block) => {{
        let mut owned = $db.begin().await?;
        let out: $crate::error::Result<_> = async {
            let $tx = &mut owned;
            $body
        }
        .await;
        let value = out?;
        owned.commit().await?;
        Ok(value)
    }};
}

mod duty;
mod parts;
pub mod photo;
pub mod public;
mod review;
mod views;

pub use parts::{
    AdoptionInput, FosteringInput, PhotoBytes, add_adoption, add_fostering, add_photo,
    delete_photo, fostering_done, photo_bytes,
};
pub use review::{ConsentInput, ForwardInput, StateInput, act, consent, forward, publish};
pub use views::{ExemplarDetail, ExemplarFilterInput, ExemplarList, ExemplarView, detail, list};

use crate::campaigns::{status_of, today_vn};
use crate::error::{Error, Result};
use crate::{Audit, Caller};
use serde::{Deserialize, Serialize};
use thidua_domain::Validation;
use thidua_domain::campaign::CampaignStatus;
use thidua_domain::date::iso;
use thidua_domain::exemplar::{ExemplarKind, ExemplarStatus, quarter_of};
use thidua_domain::policy::Action;
use thidua_store::exemplars::{self as store, ExemplarRow, ExemplarText, NewExemplar};
use thidua_store::{Db, Tx, campaigns, persons, units};

/// An exemplar as typed by the unit.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ExemplarInput {
    /// The unit putting it forward.
    pub unit_id: String,
    /// `person`, `collective` or `model`.
    pub kind: String,
    pub name: String,
    /// One line saying what they did.
    pub headline: String,
    pub story: String,
    /// The person's record, for a person of the organisation (optional).
    pub person_id: String,
    /// The movement or campaign it belongs to (optional).
    pub campaign_id: String,
    /// The version read, when changing a stored exemplar.
    pub version: Option<i64>,
}

/// The input checked field by field.
struct Checked {
    kind: ExemplarKind,
    name: String,
    headline: String,
    story: String,
    person_id: Option<String>,
    campaign_id: Option<String>,
}

impl Checked {
    fn text(&self) -> ExemplarText<'_> {
        ExemplarText {
            kind: self.kind.code(),
            name: &self.name,
            headline: &self.headline,
            story: &self.story,
            person_id: self.person_id.as_deref(),
            campaign_id: self.campaign_id.as_deref(),
        }
    }
}

fn check(input: &ExemplarInput) -> Result<Checked, Validation> {
    let mut v = Validation::new();
    let kind = ExemplarKind::parse(&input.kind);
    if kind.is_none() {
        v.add(
            "kind",
            "Loại gương",
            "Hãy chọn loại gương: cá nhân, tập thể hoặc mô hình, cách làm hay.",
        );
    }
    let name = v.required_text("name", "Tên cá nhân, tập thể, mô hình", &input.name, 200);
    let headline = v.required_text("headline", "Thành tích nổi bật", &input.headline, 300);
    let story = thidua_domain::text::clean(&input.story);
    if story.chars().count() < 50 {
        v.add(
            "story",
            "Nội dung, thành tích",
            "Hãy kể việc làm, thành tích cụ thể (ít nhất 50 ký tự).",
        );
    } else if story.chars().count() > 20_000 {
        v.add(
            "story",
            "Nội dung, thành tích",
            "Nội dung dài quá 20.000 ký tự; hãy rút gọn hoặc đính kèm báo cáo.",
        );
    }
    let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let kind = kind.unwrap_or(ExemplarKind::Person);
    v.finish(Checked {
        kind,
        name,
        headline,
        story,
        person_id: opt(&input.person_id),
        campaign_id: opt(&input.campaign_id),
    })
}

fn invalid(field: &str, label: &str, message: impl Into<String>) -> Error {
    let mut v = Validation::new();
    v.add(field, label, message);
    Error::Invalid(v)
}

/// The unit a caller may put an exemplar forward for (422 naming the field when outside scope).
async fn own_unit(tx: &mut Tx, caller: &Caller, unit_id: &str) -> Result<units::UnitRow> {
    let Ok(unit) = units::get(tx, caller.org_id(), unit_id.trim()).await else {
        return Err(invalid(
            "unit_id",
            "Đơn vị giới thiệu",
            "Hãy chọn đơn vị giới thiệu.",
        ));
    };
    if !caller.can(Action::CampaignWork {
        org_id: caller.org_id(),
        unit_path: &unit.path,
    }) {
        return Err(invalid(
            "unit_id",
            "Đơn vị giới thiệu",
            "Bạn chỉ có thể giới thiệu gương của đơn vị thuộc phạm vi của mình.",
        ));
    }
    Ok(unit)
}

/// Checks the person and the campaign named by the input against the unit and the organisation.
async fn check_links(tx: &mut Tx, caller: &Caller, c: &Checked) -> Result<()> {
    if let Some(pid) = &c.person_id {
        let found = persons::get(tx, caller.org_id(), pid).await.ok();
        let visible = found.as_ref().is_some_and(|p| {
            caller.can(Action::ViewPerson {
                org_id: caller.org_id(),
                unit_path: &p.unit_path,
            })
        });
        if !visible || c.kind != ExemplarKind::Person {
            return Err(invalid(
                "person_id",
                "Hồ sơ cá nhân",
                "Chỉ gắn hồ sơ cá nhân thuộc phạm vi của bạn, với gương là cá nhân.",
            ));
        }
    }
    if let Some(cid) = &c.campaign_id {
        let ok = campaigns::get(tx, caller.org_id(), cid)
            .await
            .ok()
            .is_some_and(|row| status_of(&row) != CampaignStatus::Draft);
        if !ok {
            return Err(invalid(
                "campaign_id",
                "Phong trào, đợt thi đua",
                "Phong trào, đợt thi đua không tồn tại hoặc chưa được phát động.",
            ));
        }
    }
    Ok(())
}

/// A unit puts an exemplar forward today.
pub async fn put_forward(db: &Db, caller: &Caller, input: &ExemplarInput) -> Result<ExemplarRow> {
    put_forward_on(db, caller, input, today_vn()).await
}

/// A unit puts an exemplar forward on `on` (today for people; the demo dates what it records).
pub async fn put_forward_on(
    db: &Db,
    caller: &Caller,
    input: &ExemplarInput,
    on: time::Date,
) -> Result<ExemplarRow> {
    // Roles that never do a unit's work (council, chairman, viewer) are refused before anything else.
    caller.authorize(Action::CampaignWork {
        org_id: caller.org_id(),
        unit_path: caller.actor.read_scope().unwrap_or("/"),
    })?;
    let c = check(input).map_err(Error::Invalid)?;
    write_tx!(db, |tx| {
        let unit = own_unit(tx, caller, &input.unit_id).await?;
        check_links(tx, caller, &c).await?;
        let new = NewExemplar {
            org_id: caller.org_id(),
            unit_id: &unit.id,
            text: c.text(),
            put_forward_on: &iso(on),
            year: i64::from(on.year()),
            quarter: i64::from(quarter_of(u8::from(on.month()))),
            created_by: Some(caller.author()),
        };
        let search = store::search_text(&c.name, &c.headline, &unit.name);
        let id = store::insert(tx, &new, &search).await?;
        let row = store::get(tx, caller.org_id(), &id).await?;
        Audit::new("exemplar.create", "exemplar", &row.id, &row.name)
            .after(&row)
            .write(tx, caller)
            .await?;
        if let Some(campaign_id) = &row.campaign_id {
            let p = duty::PutForward {
                campaign_id,
                unit_id: &unit.id,
                unit_name: &unit.name,
                name: &row.name,
                on,
            };
            duty::count_for_duty(tx, caller, &p).await?;
        }
        Ok(row)
    })
}

/// An exemplar the caller may see (`NotFound` outside their scope). A selected exemplar is there to
/// be followed: every user of the organisation sees it, so other units can adopt it.
pub(crate) async fn visible(tx: &mut Tx, caller: &Caller, id: &str) -> Result<ExemplarRow> {
    let row = store::get(tx, caller.org_id(), id).await?;
    if status(&row) == ExemplarStatus::Selected {
        caller.authorize(Action::ViewCampaigns {
            org_id: caller.org_id(),
        })?;
    } else {
        caller.authorize(Action::ViewUnit {
            org_id: caller.org_id(),
            unit_path: &row.unit_path,
        })?;
    }
    Ok(row)
}

/// The unit changes what it put forward while the office has not decided (version checked).
pub async fn edit(
    db: &Db,
    caller: &Caller,
    id: &str,
    input: &ExemplarInput,
) -> Result<ExemplarRow> {
    let c = check(input).map_err(Error::Invalid)?;
    write_tx!(db, |tx| {
        let before = visible(tx, caller, id).await?;
        caller.authorize(Action::CampaignWork {
            org_id: caller.org_id(),
            unit_path: &before.unit_path,
        })?;
        if !status(&before).editable_by_unit() {
            return Err(Error::Rejected(
                "Gương đã được Thường trực xem xét; không sửa được nữa.".into(),
            ));
        }
        check_links(tx, caller, &c).await?;
        let search = store::search_text(&c.name, &c.headline, &before.unit_name);
        let version = input.version.unwrap_or(before.version);
        store::update_text(tx, caller.org_id(), id, version, &c.text(), &search).await?;
        let after = store::get(tx, caller.org_id(), id).await?;
        Audit::new("exemplar.update", "exemplar", id, &after.name)
            .before(&before)
            .after(&after)
            .write(tx, caller)
            .await?;
        Ok(after)
    })
}

/// The stored status (`Proposed` for anything unreadable, which the CHECK constraint prevents).
pub(crate) fn status(row: &ExemplarRow) -> ExemplarStatus {
    ExemplarStatus::parse(&row.status).unwrap_or(ExemplarStatus::Proposed)
}

/// The Vietnamese name of a quarter, `Quý II/2026`.
pub fn quarter_label(year: i64, quarter: i64) -> String {
    let roman = ["I", "II", "III", "IV"];
    let q = usize::try_from(quarter.clamp(1, 4) - 1).unwrap_or(0);
    format!("Quý {}/{year}", roman[q])
}

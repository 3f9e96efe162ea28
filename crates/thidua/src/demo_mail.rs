//! The demo's mail: every account of the district has an address (one officer takes the daily
//! digest), and two wards have a head on record, so reminders, notices, escalations and password
//! resets all reach a mailbox when the server runs with a local SMTP sink (`--smtp-url`).

use thidua_app::Caller;
use thidua_app::model::Db;

/// The accounts' addresses (user name → mail mode), under the example domain.
const MODES: [(&str, &str); 7] = [
    ("admin", "immediate"),
    ("thuongtruc", "immediate"),
    ("canbo.bachdang", "immediate"),
    ("canbo.vhtt", "digest"),
    ("hoidong", "immediate"),
    ("chutich", "immediate"),
    ("xem", "off"),
];

/// Heads of wards: unit code, name, address.
const HEADS: [(&str, &str, &str); 2] = [
    (
        "P-BACHDANG",
        "Nguyễn Văn Hùng",
        "chutich.bachdang@hbt.example.vn",
    ),
    ("P-VHTT", "Trần Thị Mai", "truongphong.vhtt@hbt.example.vn"),
];

pub async fn build(db: &Db, office: &Caller) -> anyhow::Result<()> {
    for (username, mode) in MODES {
        let mut tx = db.begin().await?;
        let ctx = crate::demo_campaigns::user_ctx(&mut tx, username).await?;
        tx.commit().await?;
        if let Some(ctx) = ctx {
            let email = format!("{username}@hbt.example.vn");
            thidua_app::contacts::set_mine(db, &ctx, &email, mode).await?;
        }
    }
    let units = thidua_app::units::tree(db, office, None, false).await?;
    for (code, name, email) in HEADS {
        if let Some((_, u)) = units.iter().find(|(_, u)| u.code == code) {
            thidua_app::mailing::heads::set(db, office, &u.id, name, email).await?;
        }
    }
    Ok(())
}

//! The generated province's accounts (one per role, and unit officers of a commune and a department),
//! and the units' own histories (yearly ratings and collective titles).

use super::draw::Gen;
use super::history::{self, Ledger};
use super::units::{Tree, first_year};
use crate::demo::DEMO_PASSWORD;
use thidua_store::users::{self, UserRow};
use thidua_store::{Db, Tx};

/// Accounts: user name, full name, role, index of the scope unit (commune 0, department 1).
const ACCOUNTS: [(&str, &str, &str, Option<ScopeOf>); 10] = [
    ("admin", "Quản trị hệ thống", "admin", None),
    ("thuongtruc", "Phạm Thị Thu Hà", "standing_office", None),
    (
        "canbo.xa",
        "Nguyễn Văn Hùng",
        "unit_officer",
        Some(ScopeOf::FirstCommune),
    ),
    (
        "canbo.so",
        "Lê Thị Mai",
        "unit_officer",
        Some(ScopeOf::FirstDepartment),
    ),
    ("hoidong1", "Trần Văn Bình", "council_member", None),
    ("hoidong2", "Đỗ Thị Lan", "council_member", None),
    ("hoidong3", "Vũ Đức Thắng", "council_member", None),
    ("hoidong4", "Hoàng Minh Tuấn", "council_member", None),
    ("chutich", "Trần Văn Bình", "chairman", None),
    ("xem", "Bùi Thị Hạnh", "viewer", None),
];

#[derive(Debug, Clone, Copy)]
enum ScopeOf {
    FirstCommune,
    FirstDepartment,
}

/// Writes the accounts (all with the demo password); returns the ids of the council's voters.
pub async fn write(tx: &mut Tx, g: &mut Gen, org: &str, t: &Tree) -> anyhow::Result<Vec<String>> {
    let hash = thidua_app::auth::hash_password(DEMO_PASSWORD)?;
    let mut council = Vec::new();
    for (username, name, role, scope) in ACCOUNTS {
        let scope = scope.map(|s| match s {
            ScopeOf::FirstCommune => t.units[t.communes[0]].id.clone(),
            ScopeOf::FirstDepartment => t.units[t.departments[1]].id.clone(),
        });
        let mut user = UserRow::new(org, username, name, &hash, role, scope);
        user.id = g.id();
        user.created_at = g.stamp.clone();
        user.updated_at = g.stamp.clone();
        users::insert(tx, &user).await?;
        if matches!(role, "council_member" | "chairman") {
            council.push(user.id);
        }
    }
    Ok(council)
}

/// Yearly ratings and collective titles of every unit that is rated (communes, departments, schools,
/// health stations, enterprises, and the old communes until their last full year).
pub async fn unit_histories(db: &Db, g: &mut Gen, org: &str, t: &Tree) -> anyhow::Result<u64> {
    let last = g.today.year() - 1;
    let mut ledger = Ledger::new();
    let rated = t
        .communes
        .iter()
        .chain(&t.departments)
        .chain(&t.schools)
        .chain(&t.stations)
        .chain(&t.enterprises);
    for i in rated {
        history::unit(
            g,
            org,
            &t.units[*i].id,
            first_year(&t.units[*i]),
            last,
            &mut ledger,
        );
    }
    for (old, _) in &t.merged {
        history::unit(
            g,
            org,
            &t.units[*old].id,
            first_year(&t.units[*old]),
            2024,
            &mut ledger,
        );
    }
    let mut tx = db.begin().await?;
    let c = ledger.flush(&mut tx).await?;
    tx.commit().await?;
    Ok(c.ratings + c.awards + c.initiatives)
}

pub fn print_accounts() {
    println!("Tài khoản (mật khẩu chung: {DEMO_PASSWORD}):");
    for (username, name, role, _) in ACCOUNTS {
        println!("    {username:<12} {role:<16} {name}");
    }
}

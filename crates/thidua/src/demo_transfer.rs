//! The demo city inherits the district's history, as a province did on 01/07/2025: the district's
//! archive is exported and imported into the city, its wards carried on by the city's new wards.
//!
//! Which old ward went into which new ward follows the 2025 resolution on Hà Nội's wards only roughly
//! [U]: several old wards were divided between two or three new ones, and a ward goes here whole to the
//! new ward that took most of it. Three pairs are proposed by the system from their names (Phường Bạch
//! Mai, Phường Vĩnh Tuy, and the district's own Phường Hai Bà Trưng of its earlier merger); the rest are
//! what the city's administrator confirms.

use crate::demo::fail;
use thidua_app as ops;
use thidua_app::Caller;
use thidua_store::Db;
use thidua_store::blobs::BlobStore;
use thidua_store::units::{self, UnitFilter};

/// (old ward of the district, new ward of the city) confirmed by the city's administrator.
const CONFIRMED: [(&str, &str); 14] = [
    ("P-BACHDANG", "PHUONG-HBT"),
    ("P-BUITHIXUAN", "PHUONG-HBT"),
    ("P-CAUDEN", "PHUONG-HBT"),
    ("P-DONGMAC", "PHUONG-HBT"),
    ("P-LEDAIHANH", "PHUONG-HBT"),
    ("P-NGUYENDU", "PHUONG-HBT"),
    ("P-PHAMDINHHO", "PHUONG-HBT"),
    ("P-THANHNHAN", "PHUONG-HBT"),
    ("P-BACHKHOA", "PHUONG-BACHMAI"),
    ("P-QUYNHMAI", "PHUONG-BACHMAI"),
    ("P-DONGTAM", "PHUONG-BACHMAI"),
    ("P-THANHLUONG", "PHUONG-VINHTUY"),
    ("P-MINHKHAI", "PHUONG-VINHTUY"),
    ("P-TRUONGDINH", "PHUONG-TUONGMAI"),
];

/// Exports the district's data and imports it into the city with the successors above.
pub async fn carry_district_history(
    db: &Db,
    blobs: &dyn BlobStore,
    district_org: &str,
    city_org: &str,
) -> anyhow::Result<ops::transfer::ImportSummary> {
    let exported = ops::transfer::export(db, blobs, &Caller::system(district_org))
        .await
        .map_err(fail)?;
    let city = Caller::system(city_org);
    let proposal = ops::transfer::propose(db, blobs, &city, &exported.bytes)
        .await
        .map_err(fail)?;
    let mut tx = db.begin_read().await?;
    let city_units = units::list(&mut tx, city_org, &UnitFilter::default(), 100_000).await?;
    tx.commit().await?;
    let mut successors: Vec<(String, String)> = proposal
        .units
        .iter()
        .filter_map(|u| u.successor_id.clone().map(|s| (u.id.clone(), s)))
        .collect();
    for (old, new) in CONFIRMED {
        let from = proposal.units.iter().find(|u| u.code == old);
        let to = city_units.iter().find(|u| u.code == new);
        if let (Some(from), Some(to)) = (from, to) {
            successors.push((from.id.clone(), to.id.clone()));
        }
    }
    let input = ops::transfer::ImportInput {
        archive_key: proposal.archive_key.clone(),
        effective_on: ops::transfer::DEFAULT_EFFECTIVE.into(),
        code_prefix: proposal.suggested_prefix.clone(),
        successors,
    };
    ops::transfer::import(db, blobs, &city, &input)
        .await
        .map_err(fail)
}

//! The province generator (`thidua demo --scale …`) at its smallest preset, on both engines: the same
//! seed writes the same data; the data keeps the rules (people in units that exist, every state of a
//! nomination, decided lines with their awards, the 2025 merger recorded); its award chains pass and
//! fail under the eligibility rules; a generated name is found by search without diacritics.

use super::binary::Target;
use crate::common::Engine;
use crate::on_both_engines;
use thidua::province::{Preset, generate};
use thidua_app::Caller;
use thidua_app::honours::EligibilityInput;
use thidua_store::Db;
use thidua_store::persons::{self, PersonFilter};

async fn generated(engine: Engine, seed: u64) -> (Target, Db) {
    let target = Target::new(engine).await;
    let db = Db::connect(&target.url()).await.expect("connect");
    db.migrate().await.expect("migrate");
    generate(&db, Preset::Tiny, seed).await.expect("generate");
    (target, db)
}

async fn scalar(db: &Db, sql: &'static str) -> i64 {
    let mut tx = db.begin_read().await.unwrap();
    let n = match &mut tx {
        thidua_store::Tx::Sqlite(t) => sqlx::query_scalar::<_, i64>(sql).fetch_one(&mut **t).await,
        thidua_store::Tx::Postgres(t) => {
            sqlx::query_scalar::<_, i64>(sql).fetch_one(&mut **t).await
        }
    };
    n.unwrap_or_else(|e| panic!("{sql}: {e}"))
}

async fn digest(db: &Db) -> Vec<i64> {
    let mut out = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM units",
        "SELECT COUNT(*) FROM persons",
        "SELECT COUNT(*) FROM ledger_ratings",
        "SELECT COUNT(*) FROM ledger_awards",
        "SELECT COUNT(*) FROM ledger_initiatives",
        "SELECT COUNT(*) FROM campaigns",
        "SELECT COUNT(*) FROM campaign_deadlines",
        "SELECT COUNT(*) FROM submissions",
        "SELECT COUNT(*) FROM nominations",
        "SELECT COUNT(*) FROM decision_lines",
        "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM decision_lines",
        "SELECT COUNT(*) FROM persons WHERE full_name LIKE 'Nguyễn %'",
    ] {
        out.push(scalar(db, sql).await);
    }
    out
}

async fn org_of(db: &Db) -> String {
    let mut tx = db.begin_read().await.unwrap();
    let org = thidua_store::orgs::first(&mut tx)
        .await
        .unwrap()
        .expect("org");
    tx.commit().await.unwrap();
    org
}

async fn the_same_seed_writes_the_same_valid_province(engine: Engine) {
    let (a, db_a) = generated(engine, 7).await;
    let (b, db_b) = generated(engine, 7).await;
    let (c, db_c) = generated(engine, 8).await;
    let (first, other) = (digest(&db_a).await, digest(&db_c).await);
    assert_eq!(first, digest(&db_b).await, "same seed, same data");
    assert_ne!(first, other, "another seed, other data");
    assert!(first[1] == 2_000 && first[3] > 10_000, "{first:?}");
    // Namesakes as in a real province: about 38 % Nguyễn.
    assert!((600..=900).contains(&first[11]), "{first:?}");

    // Rules the data keeps.
    let checks: [(&'static str, i64); 6] = [
        (
            "SELECT COUNT(*) FROM persons p JOIN units u ON u.id = p.unit_id WHERE u.valid_to IS NOT NULL",
            0,
        ),
        (
            "SELECT COUNT(*) FROM decision_lines WHERE award_id IS NULL",
            0,
        ),
        (
            "SELECT COUNT(*) FROM nominations n JOIN decision_lines l ON l.nomination_id = n.id WHERE n.status NOT IN ('decided', 'revoked')",
            0,
        ),
        (
            "SELECT COUNT(*) FROM units WHERE level = 'district' AND valid_to IS NULL",
            0,
        ),
        ("SELECT COUNT(DISTINCT status) FROM nominations", 11),
        ("SELECT COUNT(*) FROM unit_changes WHERE kind = 'merge'", 4),
    ];
    for (sql, want) in checks {
        assert_eq!(scalar(&db_a, sql).await, want, "{sql}");
    }
    assert!(
        scalar(
            &db_a,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'demo.generate'"
        )
        .await
            >= 4
    );

    // Chains that pass and chains that fail.
    let caller = Caller::system(&org_of(&db_a).await);
    let input = EligibilityInput {
        code: "CSTD_TINH".into(),
        year: String::new(),
        date: String::new(),
        jurisdiction: String::new(),
        ..Default::default()
    };
    let r = thidua_app::honours::batch::everyone(&db_a, &caller, &input)
        .await
        .expect("eligibility");
    assert_eq!(r.people, 2_000);
    assert!(r.eligible > 0 && r.ineligible > r.eligible, "{r:?}");

    // A generated name is found by search typed without diacritics.
    let mut tx = db_a.begin_read().await.unwrap();
    let org = org_of(&db_a).await;
    let any = persons::list(&mut tx, &org, &PersonFilter::default(), 1, 500)
        .await
        .unwrap();
    let name = &any[0].full_name;
    let query = thidua_domain::text::fold(name);
    let filter = PersonFilter {
        query: Some(query.clone()),
        ..Default::default()
    };
    let found = persons::list(&mut tx, &org, &filter, 50, 0).await.unwrap();
    assert!(
        found.iter().any(|p| &p.full_name == name),
        "{query}: {found:?}"
    );
    let total = persons::count(&mut tx, &org, &filter).await.unwrap();
    assert!(total >= 1 && total as usize >= found.len(), "{total}");
    tx.commit().await.unwrap();

    // A second generation into the same database is refused, nothing written.
    let before = digest(&db_a).await;
    let err = generate(&db_a, Preset::Tiny, 7).await.unwrap_err();
    assert!(err.to_string().contains("đã có dữ liệu"), "{err}");
    assert_eq!(digest(&db_a).await, before);

    for (t, db) in [(a, db_a), (b, db_b), (c, db_c)] {
        db.close().await;
        t.drop_now().await;
    }
}

on_both_engines!(the_same_seed_writes_the_same_valid_province);

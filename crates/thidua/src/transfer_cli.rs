//! `thidua transfer export` and `thidua transfer import`: the 2025 reorganisation from the command line
//! (a province's administrator moving each former district's data in turn). The same use cases as the
//! page: the import shows the successors proposed by name and writes nothing unless each one is
//! confirmed (`--accept-proposed`) or given (`--successor OLD=NEW`).

use anyhow::{Context, bail};
use std::path::Path;
use thidua_app as ops;
use thidua_app::Caller;
use thidua_store::blobs::BlobStore;
use thidua_store::units::{self, UnitFilter};
use thidua_store::{Db, orgs};

/// The organisation an argument names: its id, or a unique part of its name (case and accents aside).
pub async fn find_org(db: &Db, wanted: &str) -> anyhow::Result<String> {
    let mut tx = db.begin_read().await?;
    let all = orgs::all(&mut tx).await?;
    tx.commit().await?;
    let folded = thidua_domain::text::fold(wanted);
    let found: Vec<&(String, String)> = all
        .iter()
        .filter(|(id, name)| id == wanted || thidua_domain::text::fold(name).contains(&folded))
        .collect();
    match found.as_slice() {
        [one] => Ok(one.0.clone()),
        [] => bail!("Không có tổ chức nào tên hoặc mã \u{201c}{wanted}\u{201d}."),
        many => bail!(
            "\u{201c}{wanted}\u{201d} khớp {} tổ chức: {}. Hãy ghi rõ hơn.",
            many.len(),
            many.iter()
                .map(|(_, n)| n.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ),
    }
}

fn fail(e: thidua_app::Error) -> anyhow::Error {
    match e {
        thidua_app::Error::Invalid(v) => anyhow::anyhow!(
            "{}",
            v.errors
                .iter()
                .map(|f| format!("{}: {}", f.label, f.message))
                .collect::<Vec<_>>()
                .join("\n")
        ),
        other => anyhow::anyhow!("{}", other.message()),
    }
}

pub async fn export(db: &Db, blobs: &dyn BlobStore, org: &str, out: &Path) -> anyhow::Result<()> {
    let org_id = find_org(db, org).await?;
    let caller = Caller::system(&org_id).named("Dòng lệnh");
    let exported = ops::transfer::export(db, blobs, &caller)
        .await
        .map_err(fail)?;
    std::fs::write(out, &exported.bytes)
        .with_context(|| format!("không ghi được tệp {}", out.display()))?;
    let rows: usize = exported.manifest.tables.values().sum();
    println!(
        "Đã xuất dữ liệu của {}: {rows} dòng, {} tệp hồ sơ, vào {} ({} KB).",
        exported.manifest.source_org_name,
        exported.manifest.blobs.len(),
        out.display(),
        exported.bytes.len() / 1024
    );
    Ok(())
}

/// What `thidua transfer import` was asked.
pub struct ImportArgs<'a> {
    pub org: &'a str,
    pub from: &'a Path,
    pub effective_on: &'a str,
    pub prefix: Option<&'a str>,
    /// `OLD_CODE=NEW_CODE` pairs.
    pub successors: &'a [String],
    pub accept_proposed: bool,
}

pub async fn import(db: &Db, blobs: &dyn BlobStore, args: &ImportArgs<'_>) -> anyhow::Result<()> {
    let org_id = find_org(db, args.org).await?;
    let caller = Caller::system(&org_id).named("Dòng lệnh");
    let bytes = std::fs::read(args.from)
        .with_context(|| format!("không đọc được tệp {}", args.from.display()))?;
    let proposal = ops::transfer::propose(db, blobs, &caller, &bytes)
        .await
        .map_err(fail)?;
    let mut tx = db.begin_read().await?;
    let ours = units::list(&mut tx, &org_id, &UnitFilter::default(), 100_000).await?;
    tx.commit().await?;
    let name_of = |id: &str| ours.iter().find(|u| u.id == id).map(|u| u.name.clone());
    let mut chosen: Vec<(String, String)> = Vec::new();
    if args.accept_proposed {
        chosen.extend(
            proposal
                .units
                .iter()
                .filter_map(|u| u.successor_id.clone().map(|s| (u.id.clone(), s))),
        );
    }
    for pair in args.successors {
        let Some((old, new)) = pair.split_once('=') else {
            bail!(
                "--successor cần dạng MÃ_CŨ=MÃ_MỚI, ví dụ P-BACHDANG=PHUONG-HBT (nhận được \u{201c}{pair}\u{201d})."
            );
        };
        let from = proposal
            .units
            .iter()
            .find(|u| u.code == old.trim())
            .with_context(|| {
                format!("Đơn vị cũ mã {old} không có trong tệp (hoặc không ở hai cấp trên cùng).")
            })?;
        let to = ours
            .iter()
            .find(|u| u.code == new.trim())
            .with_context(|| format!("Đơn vị mã {new} không có trong tổ chức nhận."))?;
        chosen.retain(|(f, _)| *f != from.id);
        chosen.push((from.id.clone(), to.id.clone()));
    }
    println!(
        "Tệp của {}, xuất lúc {}.",
        proposal.source_org_name, proposal.exported_at
    );
    for u in &proposal.units {
        let successor = chosen
            .iter()
            .find(|(f, _)| *f == u.id)
            .and_then(|(_, t)| name_of(t));
        let proposed = u.successor_id.as_deref().and_then(name_of);
        println!(
            "  {}{} ({}, {} người) → {}",
            "  ".repeat(u.depth),
            u.name,
            u.code,
            u.people,
            match (successor, proposed) {
                (Some(s), _) => s,
                (None, Some(p)) => format!("(đề xuất: {p}; thêm --accept-proposed để nhận)"),
                (None, None) => "không có đơn vị kế thừa".into(),
            }
        );
    }
    if chosen.is_empty() {
        bail!(
            "Chưa có đơn vị kế thừa nào được xác nhận; chưa nhập gì. Dùng --accept-proposed và/hoặc --successor MÃ_CŨ=MÃ_MỚI."
        );
    }
    let input = ops::transfer::ImportInput {
        archive_key: proposal.archive_key.clone(),
        effective_on: args.effective_on.to_string(),
        code_prefix: args
            .prefix
            .map_or(proposal.suggested_prefix.clone(), str::to_string),
        successors: chosen,
    };
    let summary = ops::transfer::import(db, blobs, &caller, &input)
        .await
        .map_err(fail)?;
    let rows: usize = summary.rows.values().sum();
    println!(
        "Đã nhập {rows} dòng và {} tệp hồ sơ; {} đơn vị cũ có đơn vị kế thừa; {} cá nhân được nhận ra là người đã có.",
        summary.files, summary.successors, summary.people_recognised
    );
    Ok(())
}

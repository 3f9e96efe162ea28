//! Writes every sample document to a folder: `cargo run -p thidua-docs --example render_samples -- DIR`.
use thidua_docs::{Format, kinds, samples};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/samples".into());
    std::fs::create_dir_all(&dir)?;
    let docs = [
        ("quyet-dinh", kinds::decision::build(&samples::decision(40))),
        ("to-trinh", kinds::submission::build(&samples::submission())),
        ("bien-ban", kinds::minutes::build(&samples::minutes())),
        ("danh-sach", kinds::listing::build(&samples::listing())),
        ("ke-hoach", kinds::plan::build(&samples::plan())),
        (
            "bao-cao-thanh-tich",
            kinds::report::build(&samples::report()),
        ),
        ("bao-cao-tong-ket", kinds::review::build(&samples::review())),
        (
            "bien-ban-tong-ket-khoi",
            kinds::cluster_minutes::build(&samples::cluster_minutes(6)),
        ),
    ];
    for (name, doc) in docs {
        for f in [Format::Pdf, Format::Docx] {
            std::fs::write(
                format!("{dir}/{name}.{}", f.ext()),
                thidua_docs::render(&doc, f)?,
            )?;
        }
    }
    let certs = samples::certificates(3);
    for f in [Format::Pdf, Format::Docx] {
        std::fs::write(
            format!("{dir}/bang-khen.{}", f.ext()),
            thidua_docs::certificate::render(&certs, f)?,
        )?;
    }
    Ok(())
}

//! The documents benchmark (issue 13): 1,000 certificates of one decision as one PDF and as 1,000
//! separate PDFs, the equivalent DOCX converted by LibreOffice in the same run (what offices do today
//! with mail merge), and one decision with a 500-line list. Run by `bash bench/documents.sh`.

use std::time::Instant;
use thidua_docs::{Format, certificate, kinds, samples};

fn secs(t: Instant) -> f64 {
    t.elapsed().as_secs_f64()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let dir = tempfile_dir()?;
    // Warm-up: fonts parsed, templates compiled once.
    certificate::render(&samples::certificates(1), Format::Pdf)?;
    let set = samples::certificates(n);

    let t = Instant::now();
    let one = certificate::render(&set, Format::Pdf)?;
    let one_pdf = secs(t);
    std::fs::write(dir.join("all.pdf"), &one)?;

    let t = Instant::now();
    for c in &set.certificates {
        let single = certificate::CertificateSet {
            title: set.title.clone(),
            certificates: vec![c.clone()],
        };
        certificate::render(&single, Format::Pdf)?;
    }
    let separate = secs(t);

    let t = Instant::now();
    let docx = certificate::render(&set, Format::Docx)?;
    let docx_time = secs(t);
    std::fs::write(dir.join("all.docx"), &docx)?;
    let t = Instant::now();
    let status = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir.join("lo"))
        .arg(dir.join("all.docx"))
        .output()?;
    let libreoffice = secs(t);
    let converted = dir.join("lo/all.pdf").exists() && status.status.success();

    let decision = kinds::decision::build(&samples::decision(500));
    thidua_docs::render(&decision, Format::Pdf)?;
    let t = Instant::now();
    let pdf500 = thidua_docs::render(&decision, Format::Pdf)?;
    let decision_pdf = secs(t);
    let t = Instant::now();
    thidua_docs::render(&decision, Format::Docx)?;
    let decision_docx = secs(t);

    println!("certificates: {n}");
    println!(
        "one PDF of {n} certificates:        {one_pdf:8.2} s  ({} KB)",
        one.len() / 1024
    );
    println!("{n} separate PDFs:                  {separate:8.2} s");
    println!("DOCX of {n} certificates (ours):    {docx_time:8.2} s");
    println!("LibreOffice DOCX -> PDF ({n}):      {libreoffice:8.2} s  (converted: {converted})");
    println!(
        "ratio LibreOffice / one PDF:         {:8.1} x",
        libreoffice / one_pdf
    );
    println!(
        "ratio LibreOffice / separate PDFs:   {:8.1} x",
        libreoffice / separate
    );
    println!(
        "decision with 500 lines, PDF:        {decision_pdf:8.3} s  ({} KB)",
        pdf500.len() / 1024
    );
    println!("decision with 500 lines, DOCX:       {decision_docx:8.3} s");
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}

fn tempfile_dir() -> std::io::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("thidua-bench-docs-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

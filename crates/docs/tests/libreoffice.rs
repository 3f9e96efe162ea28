//! Every DOCX kind opens in LibreOffice: converted to PDF headless (what an office does when it
//! edits and prints), the result has the document's words. Fails when LibreOffice refuses a file.
//! Needs Debian's `libreoffice-writer-nogui` (installed by scripts/test.sh).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use thidua_docs::{Format, certificate, samples};

fn soffice() -> &'static str {
    if std::path::Path::new("/usr/bin/soffice").exists() {
        "/usr/bin/soffice"
    } else {
        "soffice"
    }
}

#[test]
fn libreoffice_converts_every_docx_kind() {
    let dir = tempfile::tempdir().unwrap();
    let mut names = Vec::new();
    for (name, doc) in common::every_kind() {
        std::fs::write(
            dir.path().join(format!("{name}.docx")),
            thidua_docs::render(&doc, Format::Docx).unwrap(),
        )
        .unwrap();
        names.push(name.to_string());
    }
    std::fs::write(
        dir.path().join("bang-khen.docx"),
        certificate::render(&samples::certificates(2), Format::Docx).unwrap(),
    )
    .unwrap();
    names.push("bang-khen".into());
    let profile = dir.path().join("profile");
    let mut cmd = std::process::Command::new(soffice());
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ))
    .args([
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
    ])
    .arg(dir.path().join("out"));
    for n in &names {
        cmd.arg(dir.path().join(format!("{n}.docx")));
    }
    let out = cmd
        .output()
        .expect("LibreOffice (Debian libreoffice-writer-nogui) must be installed");
    assert!(
        out.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    for n in &names {
        let pdf =
            std::fs::read(dir.path().join("out").join(format!("{n}.pdf"))).unwrap_or_else(|e| {
                panic!(
                    "{n}.docx was not converted: {e}; {}",
                    String::from_utf8_lossy(&out.stderr)
                )
            });
        let text = common::pdf_text(&pdf).replace('\n', " ");
        assert!(
            text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            "{n}: {text}"
        );
    }
}

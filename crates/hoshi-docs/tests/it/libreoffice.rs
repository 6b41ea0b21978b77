//! Opens every document's DOCX in LibreOffice (headless, converted to PDF in one run) and reads
//! the PDF back with `pdftotext`: the company name and the Japanese title must come out as
//! text. Skipped when `soffice` is not installed, unless `HOSHI_LIBREOFFICE=required`.
//! The PDFs stay under `target/tmp/docs-lo/` for a person to look at.

use std::path::PathBuf;
use std::process::Command;

use hoshi_docs::{Kind, docx, draft};

use crate::docx::meta;
use crate::fixture::full;

fn available(cmd: &str) -> bool {
    Command::new(cmd)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn libreoffice_opens_every_document() {
    if !available("soffice") {
        assert_ne!(
            std::env::var("HOSHI_LIBREOFFICE").as_deref(),
            Ok("required"),
            "HOSHI_LIBREOFFICE=required but soffice is not installed"
        );
        println!("libreoffice: soffice not installed; skipped");
        return;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("docs-lo");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for k in Kind::ALL {
        let doc = draft(k, &full(), true).doc;
        let p = dir.join(format!("{}.docx", k.code()));
        std::fs::write(&p, docx::write(&doc, &meta())).unwrap();
        files.push(p);
    }
    // One English document too.
    let en = dir.join("incident_en.docx");
    std::fs::write(
        &en,
        docx::write(&draft(Kind::Incident, &full(), false).doc, &meta()),
    )
    .unwrap();
    files.push(en);
    let profile = dir.join("profile");
    let out = Command::new("soffice")
        .arg(format!(
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
        .arg(&dir)
        .args(&files)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (i, f) in files.iter().enumerate() {
        let pdf = f.with_extension("pdf");
        assert!(pdf.is_file(), "no PDF for {}", f.display());
        let t = Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) is needed");
        let text = squash(&String::from_utf8_lossy(&t.stdout));
        assert!(
            text.contains("株式会社ほしぞら精機"),
            "{}: company missing",
            pdf.display()
        );
        let title = if i < Kind::ALL.len() {
            Kind::ALL[i].title(true)
        } else {
            Kind::Incident.title(false)
        };
        assert!(
            text.contains(&squash(title)),
            "{}: title missing",
            pdf.display()
        );
        let pages = Command::new("pdfinfo")
            .arg(&pdf)
            .output()
            .ok()
            .and_then(|o| {
                String::from_utf8_lossy(&o.stdout).lines().find_map(|l| {
                    l.strip_prefix("Pages:")
                        .map(|n| n.trim().parse::<u32>().unwrap_or(0))
                })
            });
        println!("{}: {:?} page(s)", pdf.display(), pages);
        if let Some(n) = pages {
            assert!((1..=5).contains(&n), "{}: {n} pages", pdf.display());
        }
    }
}

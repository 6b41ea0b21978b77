//! Renders real reports and reads them back with poppler (`pdftotext`, `pdftoppm`): the
//! Japanese headings and criterion IDs must come out as text (a missing glyph would not), and
//! the pages are written as PNG under `target/tmp/pdf/` for a person to look at.

use std::path::PathBuf;
use std::process::Command;

use hoshi_catalog::Registry;
use hoshi_core::damage::Inputs;
use hoshi_core::{Answer, Assessment, Lang, Status};
use hoshi_pdf::{AttestationRef, Confirmation, EvidenceRef, Extras, Render};

fn out_dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pdf");
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn tool(name: &str) -> bool {
    Command::new(name).arg("-v").output().is_ok()
}

fn pdftotext(pdf: &[u8], name: &str) -> String {
    let path = out_dir().join(name);
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian poppler-utils) is needed for this test");
    assert!(out.status.success(), "pdftotext failed on {name}");
    // Typst adds thin spaces between Japanese and Latin characters, which pdftotext shows as
    // spaces: compare without whitespace.
    String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The needle as it is searched in the extracted text.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn pngs(name: &str) -> usize {
    let path = out_dir().join(name);
    let stem = out_dir().join(name.trim_end_matches(".pdf"));
    let st = Command::new("pdftoppm")
        .args(["-png", "-r", "70"])
        .arg(&path)
        .arg(&stem)
        .status()
        .unwrap();
    assert!(st.success());
    std::fs::read_dir(out_dir())
        .unwrap()
        .filter(|e| {
            let n = e
                .as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .to_string();
            n.starts_with(&format!("{}-", name.trim_end_matches(".pdf"))) && n.ends_with(".png")
        })
        .count()
}

fn star3() -> (hoshi_core::Catalog, Assessment) {
    let reg = Registry::bundled().unwrap();
    let c = reg.get("scs").unwrap().clone();
    let mut a = Assessment::new(&c, 3);
    a.organisation = "株式会社テスト製作所".into();
    let ids: Vec<String> = c.criteria_for_level(3).map(|x| x.id.clone()).collect();
    for (i, id) in ids.iter().enumerate() {
        let status = match i % 5 {
            0 | 1 => Status::Met,
            2 => Status::Partial,
            3 => Status::NotMet,
            _ => Status::Unanswered,
        };
        let mut ans = Answer::with_status(status);
        if i % 7 == 0 {
            ans.evidence = vec![format!("社内規程 第{i}条")];
        }
        a.set(id.clone(), ans).unwrap();
    }
    (c, a)
}

#[test]
fn japanese_report_reads_back_with_headings_ids_and_costs() {
    if !tool("pdftotext") {
        panic!("pdftotext (poppler-utils) is required");
    }
    let (c, a) = star3();
    let e = hoshi_core::evaluate(&c, &a).unwrap();
    let extras = Extras {
        title: "2026年度 自己評価".into(),
        date: "2026-11-21".into(),
        evidence: vec![EvidenceRef {
            criteria: vec![c.criteria_for_level(3).next().unwrap().id.clone()],
            name: "情報セキュリティ基本方針.pdf".into(),
            kind: "file".into(),
            effective: "2026-04-01".into(),
            expires: "2027-03-31".into(),
        }],
        cost: Some(Inputs {
            records: 20_000,
            revenue_yen: 1_200_000_000,
            stoppage_days: 14,
        }),
        confirmation: Some(Confirmation {
            confirmer: "山田 花子".into(),
            qualification: "情報処理安全確保支援士".into(),
            confirmed_on: "2026-11-10".into(),
            officer_name: "佐藤 一郎".into(),
            officer_title: "代表取締役".into(),
            declared_on: "2026-11-12".into(),
        }),
        attestation: Some(AttestationRef {
            id: "ab".repeat(32),
            verify_url: format!("https://hoshi.example.jp/verify?id={}", "ab".repeat(32)),
            valid_until: "2027-11-09".into(),
        }),
    };
    let pdf = hoshi_typst::Typst
        .report(&c, &a, &e, Lang::Ja, &extras)
        .unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = pdftotext(&pdf, "report-ja.pdf");
    for heading in [
        "経営者向け報告書",
        "経営層向けサマリー",
        "最優先の3つの対応",
        "大分類別の達成状況",
        "対応が必要な評価基準（優先順）",
        "段階別ロードマップ",
        "根拠資料の一覧",
        "損害額の試算",
        "株式会社テスト製作所",
        "情報セキュリティ基本方針.pdf",
        "社内規程 第7条",
        "代表取締役",
    ] {
        assert!(
            text.contains(&squash(heading)),
            "{heading} missing from the PDF text"
        );
    }
    // Every gap's criterion ID is in the gap list.
    for g in &e.gaps {
        assert!(text.contains(&g.criterion), "gap {} missing", g.criterion);
    }
    // The cost lines and the total, with the amounts for the inputs given.
    let est = hoshi_core::damage::estimate(&extras.cost.unwrap());
    assert!(text.contains(&squash(&hoshi_core::damage::range(
        est.low,
        est.high,
        Lang::Ja
    ))));
    assert!(text.contains("コールセンター") && text.contains("売上の減少"));
    // The id and the whole verification address are there (they may wrap, never hidden).
    let joined: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200b}')
        .collect();
    assert!(joined.contains(&"ab".repeat(32)));
    assert!(joined.contains(&format!("verify?id={}", "ab".repeat(32))));
    // No replacement characters: every glyph was found in the embedded font.
    assert!(!text.contains('\u{FFFD}'));
    if tool("pdftoppm") {
        assert!(pngs("report-ja.pdf") >= 7);
    }
}

#[test]
fn english_report_and_a_report_without_optional_parts() {
    let (c, a) = star3();
    let e = hoshi_core::evaluate(&c, &a).unwrap();
    let extras = Extras {
        title: "FY2026".into(),
        date: "2026-11-21".into(),
        ..Extras::default()
    };
    let pdf = hoshi_typst::Typst
        .report(&c, &a, &e, Lang::En, &extras)
        .unwrap();
    let text = pdftotext(&pdf, "report-en.pdf");
    for s in [
        "Management report",
        "The three most urgent actions",
        "Not estimated",
        "This report has no signed result.",
    ] {
        assert!(text.contains(&squash(s)), "{s} missing");
    }
    let ja = hoshi_typst::Typst
        .report(&c, &a, &e, Lang::Ja, &extras)
        .unwrap();
    let text = pdftotext(&ja, "report-ja-plain.pdf");
    assert!(text.contains("算出していません"));
}

#[test]
fn user_text_is_never_typst_markup() {
    let (c, mut a) = star3();
    a.organisation = "#panic(\"x\") *太字* $x$ <lbl> @ref \\ ]".into();
    let e = hoshi_core::evaluate(&c, &a).unwrap();
    let extras = Extras {
        title: "#read(\"/etc/passwd\")".into(),
        date: "2026-11-21".into(),
        ..Extras::default()
    };
    let pdf = hoshi_typst::Typst
        .report(&c, &a, &e, Lang::Ja, &extras)
        .unwrap();
    let text = pdftotext(&pdf, "report-hostile.pdf");
    assert!(text.contains(&squash("#panic(\"x\") *太字* $x$")));
    assert!(text.contains("#read(\"/etc/passwd\")"));
}

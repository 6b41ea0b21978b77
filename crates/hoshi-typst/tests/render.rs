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

fn company_inputs() -> hoshi_docs::Inputs {
    let person = |name: &str, title: &str, phone: &str| hoshi_docs::Person {
        name: name.into(),
        title: title.into(),
        email: "info@example.jp".into(),
        phone: phone.into(),
    };
    hoshi_docs::Inputs {
        company: "株式会社テスト製作所".into(),
        representative: person("佐藤 一郎", "代表取締役", "03-0000-0001"),
        security_lead: person("山田 花子", "総務部長", "03-0000-0002"),
        it_contact: person("鈴木 次郎", "情報システム担当", "03-0000-0003"),
        people: vec![person("高橋 三郎", "製造部", "")],
        assets: vec![hoshi_docs::AssetLine {
            number: "PC-01".into(),
            name: "設計用PC".into(),
            kind: "ノートPC".into(),
            owner: "高橋 三郎".into(),
            place: "設計室".into(),
        }],
        services: vec![hoshi_docs::ServiceLine {
            name: "Microsoft 365".into(),
            purpose: "メール".into(),
            owner: "鈴木 次郎".into(),
        }],
        backups: vec![hoshi_docs::BackupLine {
            name: "ファイルサーバ".into(),
            what: "共有フォルダ".into(),
            place: "NAS".into(),
            schedule: "毎日".into(),
            restore: String::new(),
        }],
        prefecture: "東京都".into(),
        ministry: "経済産業省".into(),
        insurer: hoshi_docs::Insurer {
            name: "テスト損保".into(),
            phone: "0120-000-000".into(),
            policy: "A-1".into(),
        },
        customers: vec!["株式会社発注".into()],
        partners: vec!["有限会社協力".into()],
        ..hoshi_docs::Inputs::default()
    }
}

fn doc_meta(draft: bool) -> hoshi_docs::Meta {
    hoshi_docs::Meta {
        company: "株式会社テスト製作所".into(),
        version: 2,
        draft,
        effective_on: (!draft).then(|| "2026-12-01".into()),
        approved_by: (!draft).then(|| "佐藤 一郎".into()),
        approved_on: (!draft).then(|| "2026-11-30".into()),
    }
}

#[test]
fn every_company_document_typesets() {
    let inputs = company_inputs();
    for kind in hoshi_docs::Kind::ALL {
        for ja in [true, false] {
            let d = hoshi_docs::draft(kind, &inputs, ja);
            let pdf = hoshi_typst::Typst
                .document(&d.doc, &doc_meta(false))
                .unwrap_or_else(|e| panic!("{kind:?} ja={ja}: {e}"));
            assert!(pdf.starts_with(b"%PDF-"));
            let name = format!("doc-{}-{}.pdf", kind.code(), if ja { "ja" } else { "en" });
            let text = pdftotext(&pdf, &name);
            assert!(text.contains(&squash(kind.title(ja))), "{name}: title");
            assert!(text.contains("株式会社テスト製作所"), "{name}: company");
            assert!(
                text.contains(if ja { "第2版" } else { "Version2" }),
                "{name}: version"
            );
            assert!(text.contains("2026-12-01"), "{name}: effective date");
            for s in &d.doc.sections {
                assert!(text.contains(&squash(&s.heading)), "{name}: {}", s.heading);
            }
            assert!(!text.contains('\u{FFFD}'));
        }
    }
    if tool("pdftoppm") {
        assert!(pngs("doc-incident-ja.pdf") >= 2);
    }
}

#[test]
fn draft_documents_are_marked_and_user_text_is_never_markup() {
    let mut inputs = company_inputs();
    inputs.company = "#panic(\"x\") *太字* $x$ <lbl> @ref \\ ]".into();
    inputs.customers = vec!["#read(\"/etc/passwd\")".into()];
    inputs.insurer = hoshi_docs::Insurer::default();
    let d = hoshi_docs::draft(hoshi_docs::Kind::Incident, &inputs, true);
    assert!(d.missing.contains(&hoshi_docs::Datum::Insurer));
    let pdf = hoshi_typst::Typst
        .document(&d.doc, &doc_meta(true))
        .unwrap();
    let text = pdftotext(&pdf, "doc-hostile.pdf");
    assert!(text.contains("下書き"));
    assert!(text.contains(&squash("#panic(\"x\") *太字* $x$")));
    assert!(text.contains("#read(\"/etc/passwd\")"));
    assert!(text.contains("〔未設定：サイバー保険の保険会社〕"));
    // An empty document still makes a PDF.
    let empty = hoshi_docs::Doc {
        kind: hoshi_docs::Kind::Roles,
        ja: false,
        title: String::new(),
        sections: vec![],
    };
    let pdf = hoshi_typst::Typst
        .document(&empty, &hoshi_docs::Meta::default())
        .unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
}

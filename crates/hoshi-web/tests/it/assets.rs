//! The asset register and patch reports in the browser: the template, an import refused with
//! every bad row named and nothing written, a clean import, a stale edit refused, a software
//! list uploaded, a check against real vulnerability records (NVD's FortiOS record, an OSV
//! Django advisory, CISA's KEV catalog), the report worst first, and the report attached as
//! evidence with the answers it suggests. Other organisations and viewers are kept out.

use std::sync::Arc;

use axum::http::StatusCode;
use hoshi_vulns::check::Data;
use hoshi_vulns::sbom::Component;
use hoshi_web::assets::{Checked, VulnSource};

use crate::common::*;

/// Real public records committed as hoshi-vulns' fixtures, held in memory.
struct Fixtures(Data);

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../hoshi-vulns/tests/data/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

impl Fixtures {
    fn load() -> Fixtures {
        let mut d = Data::default();
        for c in hoshi_vulns::nvd::parse(&fixture("nvd/CVE-2024-21762.json")).unwrap() {
            d.add_nvd(c);
        }
        d.add_osv(hoshi_vulns::osv::Record::parse(&fixture("osv/PYSEC-2023-100.json")).unwrap());
        d.kev = Some(
            hoshi_vulns::kev::Catalog::parse(&fixture(
                "kev/known_exploited_vulnerabilities-subset.json",
            ))
            .unwrap(),
        );
        Fixtures(d)
    }
}

impl VulnSource for Fixtures {
    fn check(&self, components: &[Component], today: &str) -> Result<Option<Checked>, String> {
        Ok(Some(Checked {
            findings: self.0.check(components, today),
            snapshot_en: "test fixtures: NVD CVE-2024-21762, OSV PYSEC-2023-100, KEV subset".into(),
            snapshot_ja: "テスト用データ: NVD CVE-2024-21762、OSV PYSEC-2023-100、KEV の一部"
                .into(),
        }))
    }
}

const REGISTER: &str = "管理番号,種別,名称,メーカー,OS・ファームウェア,バージョン,CPE,管理責任者,サポート終了日\r\n\
NW-001,ネットワーク機器,本社 VPN 装置,Fortinet,FortiOS,7.2.5,cpe:2.3:o:fortinet:fortios:7.2.5:*:*:*:*:*:*:*,総務部 佐藤,\r\n\
SV-001,サーバー,社内 Web サーバー,Dell,Debian,12,,情報システム担当,2028-06-30\r\n\
PC-001,PC,経理部 ノートPC,富士通,Windows 10 Pro,22H2,,経理部 山田,2025-10-14\r\n\
PC-002,PC,受付 PC,NEC,,,,総務部,\r\n";

#[tokio::test]
async fn import_check_and_attach_the_register() {
    let app = app_with(|c| c.vulns = Arc::new(Fixtures::load()));
    let (mut owner, _, _) = admin(&app).await;
    let org = new_org(&mut owner, "星川精機株式会社").await;
    let page = owner.get(&format!("/o/{org}")).await;
    assert!(page.body.contains(&format!("href=\"/o/{org}/assets\"")));
    let assessment = owner
        .post(
            &format!("/o/{org}/assessments"),
            &[
                ("_csrf", &page.csrf()),
                ("title", "2026年度 自己評価"),
                ("catalog", "scs@2026-03-27:3"),
            ],
        )
        .await
        .location()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();

    let reg = owner.get(&format!("/o/{org}/assets")).await;
    assert_eq!(reg.status, StatusCode::OK);
    assert!(reg.body.contains("まだ資産が登録されていません"));
    let (status, headers, xlsx) = owner
        .get_bytes(&format!("/o/{org}/assets/template.xlsx"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(xlsx.starts_with(b"PK"));
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );

    // One bad row: every problem named with its row, nothing written.
    let bad = REGISTER.replace("PC-002,PC,", "PC-002,冷蔵庫,");
    let bad = bad.replace("2025-10-14", "2025-13-01");
    let r = owner
        .post_multipart(
            &format!("/o/{org}/assets/import"),
            &[("_csrf", &reg.csrf())],
            &[("file", "台帳.csv", bad.as_bytes())],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("4 行目（サポート終了日）"), "{}", r.body);
    assert!(
        r.body
            .contains("5 行目（種別）: 種別「冷蔵庫」は使えません")
    );
    assert!(
        owner
            .get(&format!("/o/{org}/assets"))
            .await
            .body
            .contains("まだ資産が登録されていません")
    );

    // The clean file, in Shift_JIS as Japanese Excel saves CSV.
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(REGISTER);
    let r = owner
        .post_multipart(
            &format!("/o/{org}/assets/import"),
            &[("_csrf", &reg.csrf())],
            &[("file", "台帳.csv", &sjis)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.location().contains("created=4"), "{}", r.location());
    let reg = owner.get(r.location()).await;
    assert!(reg.body.contains("取り込みました。"));
    assert!(reg.body.contains("本社 VPN 装置"));
    assert!(
        reg.body.contains("サポート終了: 1"),
        "one asset past support"
    );

    // The server's asset page, then a software list for it (dpkg-query -W output).
    let sv_id = {
        let at = reg.body.find(">SV-001<").unwrap();
        let start = reg.body[..at].rfind("/assets/").unwrap() + 8;
        reg.body[start..start + 32].to_string()
    };
    let page = owner.get(&format!("/o/{org}/assets/{sv_id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("社内 Web サーバー"));
    let bad_list = b"not a package list at all";
    let r = owner
        .post_multipart(
            &format!("/o/{org}/assets/{sv_id}/software"),
            &[("_csrf", &page.csrf()), ("distro", "debian")],
            &[("file", "pkgs.txt", bad_list)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("ソフトウェア一覧を読み取れません"),
        "{}",
        r.body
    );
    let sbom = br#"{"bomFormat":"CycloneDX","specVersion":"1.5","components":[
        {"type":"library","name":"django","version":"4.2.1","purl":"pkg:pypi/django@4.2.1"},
        {"type":"library","name":"requests","version":"2.31.0","purl":"pkg:pypi/requests@2.31.0"}]}"#;
    let r = owner
        .post_multipart(
            &format!("/o/{org}/assets/{sv_id}/software"),
            &[("_csrf", &page.csrf())],
            &[("file", "web.cdx.json", sbom)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = owner.get(&format!("/o/{org}/assets/{sv_id}")).await;
    assert!(page.body.contains("web.cdx.json"));
    assert!(page.body.contains("pkg:pypi/django@4.2.1"));

    // Two people editing: the second save, from the revision both opened, is refused.
    let csrf = page.csrf();
    let form = |name: &'static str| {
        vec![
            ("_csrf", csrf.clone()),
            ("rev", "1".to_string()),
            ("tag", "SV-001".to_string()),
            ("kind", "server".to_string()),
            ("name", name.to_string()),
            ("os", "Debian".to_string()),
            ("version", "12".to_string()),
            ("support_end", "2028-06-30".to_string()),
        ]
    };
    let first: Vec<(&str, String)> = form("社内 Web サーバー（本番）");
    let first: Vec<(&str, &str)> = first.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = owner
        .post(&format!("/o/{org}/assets/{sv_id}"), &first)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let second: Vec<(&str, String)> = form("上書きしようとした名前");
    let second: Vec<(&str, &str)> = second.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = owner
        .post(&format!("/o/{org}/assets/{sv_id}"), &second)
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("ほかの人が変更しました"));

    // The check against the real records: FortiOS 7.2.5 (CVE-2024-21762, known exploited)
    // first, Django 4.2.1 (PYSEC-2023-100, fixed in 4.2.3); Windows 10 past its support; the
    // reception PC gives nothing to check.
    let reg = owner.get(&format!("/o/{org}/assets")).await;
    let r = owner
        .post(&format!("/o/{org}/vulns"), &[("_csrf", &reg.csrf())])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let report_url = r.location().to_string();
    let rep = owner.get(&report_url).await;
    assert_eq!(rep.status, StatusCode::OK);
    let forti = rep.body.find("CVE-2024-21762").expect("FortiOS finding");
    let django = rep.body.find("PYSEC-2023-100").expect("Django finding");
    assert!(forti < django, "known exploited first");
    assert!(rep.body.contains("悪用確認済み（KEV）"));
    // NVD names no fixed release; its range's end (versionEndExcluding) is the first fixed one.
    assert!(rep.body.contains("<td>7.2.7</td>"), "{}", rep.body);
    assert!(
        rep.body.contains("テスト用データ: NVD CVE-2024-21762"),
        "the data named in Japanese"
    );
    assert!(rep.body.contains("14 日以内の適用期限を過ぎています"));
    assert!(rep.body.contains("サポートが終了した資産（4-4-4-1）"));
    assert!(rep.body.contains("2025-10-14"));
    assert!(
        rep.body.contains("PC-002 受付 PC"),
        "the asset that could not be checked"
    );
    let (st, _, json) = owner.get_bytes(&format!("{report_url}/report.json")).await;
    assert_eq!(st, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["format"], 1);
    assert_eq!(v["findings"][0]["component"]["asset"], "NW-001");
    assert_eq!(v["totals"]["support_ended"], 1);

    // As evidence: the report suggests 4-4-4-1 and 4-4-4-2 are not met.
    let attach = owner
        .get(&format!("{report_url}/evidence?a={assessment}"))
        .await;
    assert_eq!(attach.status, StatusCode::OK);
    assert!(attach.body.contains("サポートが終了した資産があります"));
    assert!(
        attach
            .body
            .contains("14 日を超えて未対応の重大な脆弱性があります")
    );
    let r = owner
        .post(
            &format!("{report_url}/evidence"),
            &[
                ("_csrf", &attach.csrf()),
                ("assessment", &assessment),
                ("valid_days", "30"),
                ("version:4-4-4-1", "0"),
                ("status:4-4-4-1", "not-met"),
                ("version:4-4-4-2", "0"),
                ("status:4-4-4-2", "not-met"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let ev = owner.get(&format!("/o/{org}/evidence")).await;
    assert!(ev.body.contains("脆弱性の照合結果"), "{}", ev.body);

    // The register itself as evidence for 3-1-1-1, 3-1-1-2, 3-1-2-2: linked, no answer guessed.
    let page = owner
        .get(&format!("/o/{org}/assets/evidence?a={assessment}"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("台帳の網羅性はご自身で確認してください"));
    for c in ["3-1-1-1", "3-1-1-2", "3-1-2-2"] {
        assert!(page.body.contains(&format!("status:{c}")), "{c}");
    }
    let r = owner
        .post(
            &format!("/o/{org}/assets/evidence"),
            &[
                ("_csrf", &page.csrf()),
                ("assessment", &assessment),
                ("valid_days", "366"),
                ("version:3-1-1-1", "0"),
                ("status:3-1-1-1", "keep"),
                ("version:3-1-1-2", "0"),
                ("status:3-1-1-2", "keep"),
                ("version:3-1-2-2", "0"),
                ("status:3-1-2-2", "keep"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(
        owner
            .get(r.location())
            .await
            .body
            .contains("台帳を証跡として添付しました")
    );
    let ev = owner.get(&format!("/o/{org}/evidence")).await;
    assert!(ev.body.contains("asset-register-"), "{}", ev.body);

    // A viewer reads but changes nothing; another organisation's member sees nothing.
    let mut viewer = join(&app, &mut owner, &org, "viewer", "viewer@example.jp").await;
    assert_eq!(viewer.get(&report_url).await.status, StatusCode::OK);
    let vp = viewer.get(&format!("/o/{org}/assets")).await;
    assert!(!vp.body.contains("/assets/import\""));
    let r = viewer
        .post(&format!("/o/{org}/vulns"), &[("_csrf", &vp.csrf())])
        .await;
    assert_ne!(r.status, StatusCode::SEE_OTHER);
    // A member of another organisation (the owner's second company) only.
    let elsewhere = new_org(&mut owner, "別会社").await;
    let mut stranger = join(&app, &mut owner, &elsewhere, "owner", "s@example.jp").await;
    assert_eq!(
        stranger
            .get(&format!("/o/{org}/assets/{sv_id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        stranger.get(&report_url).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn without_vulnerability_data_the_page_says_how_to_get_it() {
    let app = app();
    let (mut owner, _, _) = admin(&app).await;
    let org = new_org(&mut owner, "星川精機株式会社").await;
    let reg = owner.get(&format!("/o/{org}/assets")).await;
    let r = owner
        .post(&format!("/o/{org}/vulns"), &[("_csrf", &reg.csrf())])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = owner.get(r.location()).await;
    assert!(page.body.contains("hoshi vulns db import"), "{}", page.body);
}

//! `--demo`: a supplier with a partly answered ★3 assessment and a buyer.

use hoshi_catalog::Registry;
use hoshi_core::{Answer, Status};
use hoshi_store::assessments::{self, NewAssessment};
use hoshi_store::users::{self, NewUser};
use hoshi_store::{Store, orgs};

use crate::now;

/// Demo accounts created by `--demo`: (e-mail, name, organisation).
pub const DEMO_SUPPLIER: (&str, &str, &str) = (
    "supplier@demo.hoshi.invalid",
    "受注 花子",
    "デモ精密工業株式会社（受注企業）",
);
pub const DEMO_BUYER: (&str, &str, &str) = (
    "buyer@demo.hoshi.invalid",
    "発注 太郎",
    "デモ自動車部品株式会社（発注企業）",
);

/// About half answered: governance mostly done, patching and MFA still open.
fn answer_half(
    tx: &hoshi_store::WriteTx,
    n: i64,
    scs: &hoshi_core::Catalog,
    (user, org, aid): (&str, &str, &str),
) -> hoshi_store::Result<()> {
    for (i, c) in scs.criteria_for_level(3).enumerate() {
        let status = match (c.id.as_str(), i % 5) {
            ("4-4-4-2", _) | ("4-1-3-2", _) => Status::NotMet,
            ("4-5-1-7", _) => Status::Partial,
            (_, 0) | (_, 1) => Status::Met,
            (_, 2) => Status::Partial,
            _ => continue,
        };
        let answer = Answer {
            status,
            reason: String::new(),
            evidence: if status == Status::Met {
                vec!["社内規程集 2026年版".into()]
            } else {
                vec![]
            },
            note: String::new(),
        };
        assessments::save_answer(tx, n, user, org, aid, &c.id, 0, &answer)?;
    }
    Ok(())
}

/// The demo supplier's register: the template's example entries, normalised as an import
/// would.
fn demo_register(
    tx: &hoshi_store::db::WriteTx,
    now: i64,
    user: &str,
    org: &str,
) -> hoshi_store::Result<()> {
    let example: Vec<hoshi_core::asset::AssetInput> =
        hoshi_xlsx::register::example(hoshi_core::Lang::Ja)
            .into_iter()
            .map(hoshi_core::asset::AssetInput::normalised)
            .collect();
    let columns = hoshi_xlsx::register::COLUMNS.map(|c| c.key);
    hoshi_store::assets::import(
        tx,
        now,
        user,
        org,
        &example,
        &columns,
        hoshi_store::assets::From::File("demo"),
    )
    .map(|_| ())
}

/// Seeds a demo supplier and buyer and a partly answered ★3 assessment. Returns the password of
/// the demo accounts, or `None` when the demo data exists already.
pub fn seed_demo(store: &Store, catalogs: &Registry, password_hash: &str) -> Result<bool, String> {
    let exists = store
        .read(|c| users::by_email(c, DEMO_SUPPLIER.0))
        .map_err(|e| e.to_string())?
        .is_some();
    if exists {
        return Ok(false);
    }
    let scs = catalogs
        .get("scs")
        .ok_or("the bundled scs catalog is missing")?;
    store
        .write(|tx| {
            let n = now();
            let mut ids = Vec::new();
            for (email, name, org) in [DEMO_SUPPLIER, DEMO_BUYER] {
                let u = users::create(
                    tx,
                    n,
                    None,
                    NewUser {
                        email,
                        display_name: name,
                        password_hash,
                        is_admin: false,
                        lang: "ja",
                    },
                )?;
                let o = orgs::create(tx, n, &u.id, org)?;
                ids.push((u, o));
            }
            let (u, o) = &ids[0];
            let a = assessments::create(
                tx,
                n,
                &u.id,
                NewAssessment {
                    org_id: &o.id,
                    title: "2026年度 ★3 自己評価（デモ）",
                    catalog: &scs.framework.id,
                    edition: &scs.framework.edition,
                    level: 3,
                },
            )?;
            answer_half(tx, n, scs, (&u.id, &o.id, &a.id))?;
            demo_register(tx, n, &u.id, &o.id)?;
            // The demo buyer has registered the demo supplier (★3: no to all three questions, due in
            // three months), which
            // accepted and shares its per-category summary; a second supplier is still invited.
            let (bu, bo) = &ids[1];
            let due = hoshi_core::time::date_jst(n + 90 * 86_400);
            let rel = hoshi_store::supply::create(
                tx,
                n,
                &bu.id,
                hoshi_store::supply::NewRelationship {
                    buyer_org: &bo.id,
                    supplier_name: DEMO_SUPPLIER.2,
                    corporate_number: "1180301018771",
                    contact_name: DEMO_SUPPLIER.1,
                    contact_email: DEMO_SUPPLIER.0,
                    supplies: "ブレーキ部品の切削加工",
                    answers: hoshi_core::LevelAnswers {
                        confidential_info: false,
                        unacceptable_delay: false,
                        system_access: false,
                    },
                    due_date: Some(&due),
                },
            )?;
            let token = hoshi_store::supply::invite(tx, n, &bu.id, &bo.id, &rel.id, 14)?;
            hoshi_store::supply::accept(tx, n, &u.id, &token, &o.id)?;
            hoshi_store::supply::share(
                tx,
                n,
                &u.id,
                &o.id,
                &rel.id,
                &a.id,
                hoshi_store::supply::Scope::Summary,
            )?;
            hoshi_store::supply::create(
                tx,
                n,
                &bu.id,
                hoshi_store::supply::NewRelationship {
                    buyer_org: &bo.id,
                    supplier_name: "デモ電子工業株式会社",
                    corporate_number: "7000012050002",
                    contact_name: "",
                    contact_email: "",
                    supplies: "車載電子部品の組立",
                    answers: hoshi_core::LevelAnswers {
                        confidential_info: true,
                        unacceptable_delay: true,
                        system_access: false,
                    },
                    due_date: Some(&due),
                },
            )?;
            Ok(())
        })
        .map_err(|e| e.to_string())?;
    Ok(true)
}

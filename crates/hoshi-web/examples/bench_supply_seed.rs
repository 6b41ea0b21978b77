//! Seeds a data directory for `scripts/bench-portfolio.sh`: one buyer with N suppliers (10,000 by
//! default) in every state a portfolio shows — invited, accepted without a share, shared at each
//! scope, submitted, in review, returned, confirmed, expiring, expired — and a bench user who is a
//! member of the buyer with a live session. Prints shell variables.
//!
//! `cargo run --release -p hoshi-web --example bench_supply_seed -- <data-dir> [suppliers]`
#![allow(
    clippy::too_many_lines,
    reason = "a benchmark script, read as one sequence of measured steps"
)]

use hoshi_core::{Answer, LevelAnswers, Status};
use hoshi_store::assessments::{self, NewAssessment};
use hoshi_store::db::testing::RawWrite as _;
use hoshi_store::supply::{self, NewRelationship};
use hoshi_store::users::{self, NewUser};
use hoshi_store::{Store, orgs, sessions};

/// A valid 法人番号 for a sequence number (check digit computed, as the register does).
fn corporate_number(n: u64) -> String {
    let base = format!("{:012}", 100_000_000_000 + n);
    let digits: Vec<u32> = base.chars().filter_map(|c| c.to_digit(10)).collect();
    let arr: [u32; 12] = digits.try_into().expect("12 digits");
    format!("{}{base}", hoshi_core::corporate::check_digit(&arr))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(
        args.next()
            .expect("usage: bench_supply_seed <data-dir> [suppliers]"),
    );
    let n: u64 = args
        .next()
        .map(|s| s.parse().expect("suppliers"))
        .unwrap_or(10_000);
    let store = match std::env::var("HOSHI_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Store::open_postgres(&url).expect("open the database"),
        _ => Store::open(&dir).expect("open store"),
    };
    let catalogs = hoshi_catalog::Registry::bundled().expect("catalogs");
    let scs = catalogs.get("scs").expect("scs");
    let ids: Vec<String> = scs.criteria_for_level(3).map(|c| c.id.clone()).collect();
    let hash = hoshi_web::auth::hash_password("bench-password-not-used").unwrap();
    let now = hoshi_web::now();
    let day = 86_400;
    let started = std::time::Instant::now();

    let (bench, buyer) = store
        .write(|tx| {
            let u = users::create(
                tx,
                now,
                None,
                NewUser {
                    email: "buyer@bench.hoshi.invalid",
                    display_name: "購買 ベンチ",
                    password_hash: &hash,
                    is_admin: false,
                    lang: "ja",
                },
            )?;
            let o = orgs::create(tx, now, &u.id, "ベンチ自動車株式会社（発注企業）")?;
            Ok((u, o))
        })
        .unwrap();
    // Suppliers in batches of 500 per transaction.
    let mut i = 0;
    while i < n {
        let end = (i + 500).min(n);
        store
            .write(|tx| {
                for k in i..end {
                    let answers = LevelAnswers {
                        confidential_info: k.is_multiple_of(5),
                        unacceptable_delay: k.is_multiple_of(7),
                        system_access: k.is_multiple_of(3),
                    };
                    let due = hoshi_core::time::date(now + ((k % 200) as i64 - 30) * day);
                    let r = supply::create(
                        tx,
                        now,
                        &bench.id,
                        NewRelationship {
                            buyer_org: &buyer.id,
                            supplier_name: &format!("サプライヤー{k:05}株式会社"),
                            corporate_number: &corporate_number(k),
                            contact_name: "営業 担当",
                            contact_email: &format!("s{k}@bench.hoshi.invalid"),
                            supplies: "部品の加工",
                            answers,
                            due_date: Some(&due),
                        },
                    )?;
                    // One in ten is still only invited.
                    if k.is_multiple_of(10) {
                        continue;
                    }
                    let owner = users::create(
                        tx,
                        now,
                        None,
                        NewUser {
                            email: &format!("owner{k}@bench.hoshi.invalid"),
                            display_name: "オーナー",
                            password_hash: &hash,
                            is_admin: false,
                            lang: "ja",
                        },
                    )?;
                    let so = orgs::create(tx, now, &owner.id, &format!("サプライヤー{k:05}株式会社"))?;
                    tx.sql_execute(
                        "UPDATE relationships SET supplier_org = ?2, accepted_at = ?3 WHERE id = ?1",
                        hoshi_store::params![r.id, so.id, now],
                    )?;
                    if k % 10 == 1 {
                        continue; // accepted, nothing shared yet
                    }
                    let a = assessments::create(
                        tx,
                        now,
                        &owner.id,
                        NewAssessment {
                            org_id: &so.id,
                            title: "2026年度 ★3 自己評価",
                            catalog: "scs",
                            edition: "2026-03-27",
                            level: 3,
                        },
                    )?;
                    for (j, c) in ids.iter().enumerate().filter(|(j, _)| (j + k as usize).is_multiple_of(9)) {
                        let st = [Status::Met, Status::Partial, Status::NotMet][j % 3];
                        assessments::save_answer(tx, now, &owner.id, &so.id, &a.id, c, 0, &Answer::with_status(st))?;
                    }
                    let scope = ["status", "summary", "full"][(k % 3) as usize];
                    tx.sql_execute(
                        "INSERT INTO shares (relationship_id, assessment_id, scope, shared_by, shared_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                        hoshi_store::params![r.id, a.id, scope, owner.id, now],
                    )?;
                    // Review states across the rest.
                    let (status, until) = match k % 10 {
                        2 | 3 => continue,
                        4 => ("submitted", None),
                        5 => ("in-review", None),
                        6 => ("returned", None),
                        7 => ("confirmed", Some(now + 200 * day)),
                        8 => ("confirmed", Some(now + 20 * day)),
                        _ => ("confirmed", Some(now - 5 * day)),
                    };
                    tx.sql_execute(
                        "INSERT INTO reviews (assessment_id, status, expert_user, confirmed_at, valid_until, declared_on, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?4)",
                        hoshi_store::params![
                            a.id,
                            status,
                            owner.id,
                            now,
                            until.map(hoshi_core::time::date),
                            until.map(|_| hoshi_core::time::date(now)),
                        ],
                    )?;
                }
                Ok(())
            })
            .unwrap();
        i = end;
    }
    let (token, csrf) = store
        .write(|tx| sessions::create(tx, now, &bench.id, true))
        .unwrap();
    let db = std::fs::metadata(dir.join("hoshi.db"))
        .map(|m| m.len())
        .unwrap_or(0);
    eprintln!(
        "seeded a buyer with {n} suppliers in {:.1} s; database {:.1} MB",
        started.elapsed().as_secs_f64(),
        db as f64 / 1e6
    );
    println!("COOKIE={token}");
    println!("CSRF={csrf}");
    println!("BUYER={}", buyer.id);
}

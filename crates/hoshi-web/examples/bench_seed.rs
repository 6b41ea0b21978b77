//! Seeds a data directory for `scripts/bench-web.sh`: N organisations × M ★3 assessments with
//! about a quarter of the criteria answered, and a bench user (editor in every organisation) with
//! a live session. Prints shell variables and writes `targets.lua` for wrk.
//!
//! `cargo run --release -p hoshi-web --example bench_seed -- <data-dir> [orgs] [assessments-per-org]`

use hoshi_core::{Answer, Status};
use hoshi_store::assessments::{self, NewAssessment};
use hoshi_store::db::testing::RawWrite as _;
use hoshi_store::users::{self, NewUser};
use hoshi_store::{Store, orgs, sessions};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(
        args.next()
            .expect("usage: bench_seed <data-dir> [orgs] [per-org]"),
    );
    let n_orgs: usize = args
        .next()
        .map(|s| s.parse().expect("orgs"))
        .unwrap_or(1000);
    let per_org: usize = args
        .next()
        .map(|s| s.parse().expect("per-org"))
        .unwrap_or(10);
    let store = match std::env::var("HOSHI_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Store::open_postgres(&url).expect("open the database"),
        _ => Store::open(&dir).expect("open store"),
    };
    let catalogs = hoshi_catalog::Registry::bundled().expect("catalogs");
    let scs = catalogs.get("scs").expect("scs");
    let ids: Vec<String> = scs.criteria_for_level(3).map(|c| c.id.clone()).collect();
    let hash = hoshi_web::auth::hash_password("bench-password-not-used").unwrap();
    let now = hoshi_web::now();
    let started = std::time::Instant::now();

    let bench = store
        .write(|tx| {
            users::create(
                tx,
                now,
                None,
                NewUser {
                    email: "bench@hoshi.invalid",
                    display_name: "bench",
                    password_hash: &hash,
                    is_admin: false,
                    lang: "ja",
                },
            )
        })
        .unwrap();
    let mut targets = Vec::new();
    for o in 0..n_orgs {
        store
            .write(|tx| {
                let owner = users::create(
                    tx,
                    now,
                    None,
                    NewUser { email: &format!("owner{o}@bench.hoshi.invalid"), display_name: &format!("オーナー{o}"), password_hash: &hash, is_admin: false, lang: "ja" },
                )?;
                let org = orgs::create(tx, now, &owner.id, &format!("ベンチ工業{o:04}株式会社"))?;
                tx.sql_execute(
                    "INSERT INTO memberships (org_id, user_id, role, created_at) VALUES (?1, ?2, 'editor', ?3)",
                    hoshi_store::params![org.id, bench.id, now],
                )?;
                for a in 0..per_org {
                    let row = assessments::create(
                        tx,
                        now,
                        &owner.id,
                        NewAssessment { org_id: &org.id, title: &format!("{}年度 ★3 自己評価", 2020 + a), catalog: "scs", edition: "2026-03-27", level: 3 },
                    )?;
                    for (i, c) in ids.iter().enumerate() {
                        if (i + a + o) % 4 != 0 {
                            continue;
                        }
                        let st = [Status::Met, Status::Partial, Status::NotMet][(i + o) % 3];
                        assessments::save_answer(tx, now, &owner.id, &org.id, &row.id, c, 0, &Answer::with_status(st))?;
                    }
                    targets.push((org.id.clone(), row.id.clone()));
                }
                Ok(())
            })
            .unwrap();
    }
    let (token, csrf) = store
        .write(|tx| sessions::create(tx, now, &bench.id, true))
        .unwrap();
    let mut lua = String::from("targets = {\n");
    for (o, a) in &targets {
        lua.push_str(&format!("  {{\"{o}\", \"{a}\"}},\n"));
    }
    lua.push_str("}\ncriteria = {\n");
    for c in &ids {
        lua.push_str(&format!("  \"{c}\",\n"));
    }
    lua.push_str("}\n");
    std::fs::write(dir.join("targets.lua"), lua).unwrap();
    let db = std::fs::metadata(dir.join("hoshi.db"))
        .map(|m| m.len())
        .unwrap_or(0);
    eprintln!(
        "seeded {n_orgs} organisations, {} assessments in {:.1} s; database {:.1} MB",
        targets.len(),
        started.elapsed().as_secs_f64(),
        db as f64 / 1e6
    );
    println!("COOKIE={token}");
    println!("CSRF={csrf}");
    println!("ORG={}", targets[0].0);
    println!("ASSESSMENT={}", targets[0].1);
}

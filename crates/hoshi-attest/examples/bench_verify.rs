//! Verification throughput: `cargo run --release -p hoshi-attest --example bench_verify [n]`.
//! Signs one attestation and verifies it n times (default 20,000) on one core; prints the rate.

use hoshi_attest::*;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000);
    let key = SigningKey::generate().expect("key");
    let keys = KeySet::single(&key.public(), "2026-11-21");
    let categories = (1..=7)
        .map(|i| CategorySummary {
            id: i.to_string(),
            name: format!("大分類 {i}"),
            percent: 100,
        })
        .collect();
    let st = Statement::new(
        vec![
            Subject::sha256("result.json", b"{}"),
            Subject::sha256("report.pdf", b"%PDF"),
        ],
        Predicate {
            id: "5e".repeat(32),
            organisation: Organisation {
                name: "小さな製作所株式会社".into(),
                corporate_number: Some("1180301018771".into()),
            },
            catalog: "scs".into(),
            edition: "2026-03-27".into(),
            level: 3,
            verdict: "met".into(),
            categories,
            confirmation: ExpertConfirmation {
                name: "確認 専門家".into(),
                qualification: "情報処理安全確保支援士".into(),
                registration_number: "第012345号".into(),
                confirmed_on: "2026-11-20".into(),
            },
            declaration: Declaration {
                officer_name: "山田 太郎".into(),
                officer_title: "代表取締役".into(),
                date: "2026-11-21".into(),
                ..Default::default()
            },
            issued_at: "2026-11-21T09:00:00Z".into(),
            valid_until: "2027-11-20".into(),
            issuer: "https://hoshi.example.jp".into(),
        },
    );
    let env = Envelope::sign(&st, &key).to_json();
    let input = VerifyInput {
        keys: &keys,
        revoked: &[],
        today: "2026-11-21",
        files: &[],
    };
    for _ in 0..200 {
        assert!(verify(&env, &input).valid());
    }
    for run in 1..=3 {
        let t = std::time::Instant::now();
        let mut ok = 0;
        for _ in 0..n {
            ok += usize::from(verify(&env, &input).valid());
        }
        let secs = t.elapsed().as_secs_f64();
        assert_eq!(ok, n);
        println!(
            "run {run}: {n} verifications of a {}-byte envelope in {:.3} s = {:.0}/s on one core",
            env.len(),
            secs,
            n as f64 / secs
        );
    }
}

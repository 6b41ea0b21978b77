//! Reads and checks a 100,000-account Active Directory export generated in memory (issue 14's
//! aim: under one second). Run: `cargo run --release -p hoshi-accounts --example bench_accounts`.

use hoshi_accounts::{Day, Options, check, read};
use std::time::Instant;

fn export(n: usize) -> String {
    let mut s = String::from(
        "#TYPE Microsoft.ActiveDirectory.Management.ADUser\r\n\
         \"DistinguishedName\",\"Enabled\",\"GivenName\",\"LastLogonDate\",\"MemberOf\",\"Name\",\"PasswordLastSet\",\"PasswordNeverExpires\",\"SamAccountName\",\"Surname\",\"UserPrincipalName\",\"adminCount\",\"whenCreated\"\r\n",
    );
    let family = [
        "山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村",
    ];
    let given = ["太郎", "花子", "一郎", "美咲", "翔", "さくら", "健", "由美"];
    for i in 0..n {
        let (f, g) = (family[i % 8], given[i / 8 % 8]);
        let admin = i % 500 == 0;
        let groups = if admin {
            "CN=Domain Admins,CN=Users,DC=hoshi,DC=local;CN=Domain Users,CN=Users,DC=hoshi,DC=local"
        } else {
            "CN=Domain Users,CN=Users,DC=hoshi,DC=local;CN=営業部,OU=Groups,DC=hoshi,DC=local"
        };
        let last = if i % 13 == 0 {
            String::new()
        } else {
            format!("2026/{}/{} 9:15:02", 1 + i % 11, 1 + i % 28)
        };
        s.push_str(&format!(
            "\"CN={f} {g} {i},OU=本社,DC=hoshi,DC=local\",\"{}\",\"{g}\",\"{last}\",\"{groups}\",\"{f} {g}\",\"2025/04/01 9:00:00\",\"{}\",\"user{i:06}\",\"{f}\",\"user{i:06}@hoshi.local\",\"{}\",\"2020/04/01 9:00:00\"\r\n",
            if i % 17 == 0 { "False" } else { "True" },
            if i % 29 == 0 { "True" } else { "False" },
            if admin { "1" } else { "" },
        ));
    }
    s
}

fn main() {
    let n = 100_000;
    let text = export(n);
    let today = Day::ymd(2026, 12, 1).expect("a date");
    let start = Instant::now();
    let e = read(text.as_bytes(), None).expect("the generated export reads");
    let read_time = start.elapsed();
    let report = check(&e.accounts, &Options::new(today));
    let total = start.elapsed();
    println!(
        "{} accounts, {:.1} MB: read {:.3} s, check {:.3} s, total {:.3} s; {} findings",
        e.accounts.len(),
        text.len() as f64 / 1e6,
        read_time.as_secs_f64(),
        (total - read_time).as_secs_f64(),
        total.as_secs_f64(),
        report.findings.len()
    );
}

//! The mail to owners when a scan finds a new critical exposure (sent by `jobs::scans`).

use hoshi_scan::view::Located;

/// The alert mail: what was found where, in Japanese then English.
pub fn alert_text(org: &str, critical: &[&Located], link: &str) -> (String, String) {
    let subject = format!(
        "【hoshi】{org}: 外部公開状況の検査で緊急の問題が新たに見つかりました（{} 件）",
        critical.len()
    );
    let mut list = String::new();
    for l in critical {
        let cves: Vec<&str> = l.finding.cves.iter().map(|c| c.id.as_str()).collect();
        list.push_str(&format!(
            "・{}:{} {} — {}{}\n",
            l.address,
            l.port,
            l.what,
            l.finding.title,
            if cves.is_empty() {
                String::new()
            } else {
                format!("（{}）", cves.join(", "))
            }
        ));
    }
    let body = format!(
        "{org} オーナー各位\n\n\
         hoshi が登録済みのアドレスをインターネット側から検査したところ、前回の検査にはなかった緊急の問題が見つかりました。\n\
         攻撃者も同じ方法で探しています。内容を確認し、すぐに対処してください（更新の適用、インターネットからの接続の遮断など）。\n\n\
         {list}\n\
         詳細と対処方法: {link}\n\n\
         ----\n\
         hoshi checked the addresses {org} declared from the internet side and found critical exposure the previous check did not have. \
         Attackers look for the same things: review and fix it now (apply the update, block access from the internet). Details: {link}\n"
    );
    (subject, body)
}

//! `hoshi audit verify`

use anyhow::{Result, anyhow};
use hoshi_core::Lang;
use hoshi_store::{Store, audit};

use crate::Reported;
use crate::cli::AuditCmd;

pub fn run(cmd: AuditCmd, lang: Lang, database: &hoshi_store::Database) -> Result<()> {
    match cmd {
        AuditCmd::Verify(args) => {
            let recorded = match args.recorded.as_deref() {
                None => None,
                Some(r) => Some(parse_recorded(r).ok_or_else(|| match lang {
                    Lang::Ja => anyhow!(
                        "--recorded は「番号:ハッシュ」の形で指定してください（例: 1520:5f0c…、ハッシュは 64 桁の 16 進数）。指定された値: {r}"
                    ),
                    Lang::En => anyhow!(
                        "--recorded takes NUMBER:HASH (e.g. 1520:5f0c…, the hash as 64 hex digits); got {r}"
                    ),
                })?),
            };
            if let hoshi_store::Database::Sqlite(data) = database
                && !data.join("hoshi.db").exists()
            {
                let d = data.display();
                return Err(match lang {
                    Lang::Ja => anyhow!(
                        "{d} に hoshi のデータベースがありません（先に `hoshi serve --data {d}` で起動するか、--data で場所を指定してください）"
                    ),
                    Lang::En => anyhow!(
                        "no hoshi database in {d} (start `hoshi serve --data {d}` first, or pass --data)"
                    ),
                });
            }
            let store = Store::connect(database)
                .map_err(|e| anyhow!("{}: {}", database.describe(), e.message(lang)))?;
            let v = store
                .read(|c| {
                    audit::verify_against(c, recorded.as_ref().map(|(n, h)| (*n, h.as_str())))
                })
                .map_err(|e| anyhow!("{e}"))?;
            match (&v.first_broken, lang) {
                (None, Lang::Ja) => {
                    println!(
                        "監査ログは改ざんされていません（{} 件、先頭ハッシュ {}）。",
                        v.entries, v.head
                    );
                    Ok(())
                }
                (None, Lang::En) => {
                    println!(
                        "The audit log is intact ({} entries, head {}).",
                        v.entries, v.head
                    );
                    Ok(())
                }
                (Some((seq, why)), Lang::Ja) => {
                    let why = why.reason(lang);
                    eprintln!("監査ログの {seq} 番目の記録が一致しません: {why}");
                    Err(Reported.into())
                }
                (Some((seq, why)), Lang::En) => {
                    let why = why.reason(lang);
                    eprintln!("audit log entry {seq} does not match: {why}");
                    Err(Reported.into())
                }
            }
        }
    }
}

/// `NUMBER:HASH` as the server logs it.
fn parse_recorded(s: &str) -> Option<(i64, String)> {
    let (n, h) = s.trim().split_once(':')?;
    let n: i64 = n.trim().parse().ok().filter(|n| *n > 0)?;
    let h = h.trim().to_ascii_lowercase();
    (h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit())).then_some((n, h))
}

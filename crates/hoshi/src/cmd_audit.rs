//! `hoshi audit verify`

use std::path::Path;

use anyhow::{Result, anyhow};
use hoshi_core::Lang;
use hoshi_store::{Store, audit};

use crate::Reported;
use crate::cli::AuditCmd;

pub fn run(cmd: AuditCmd, lang: Lang, data: &Path) -> Result<()> {
    match cmd {
        AuditCmd::Verify => {
            if !data.join("hoshi.db").exists() {
                return Err(anyhow!(
                    "no hoshi database in {} (start `hoshi serve --data {}` first, or pass --data)",
                    data.display(),
                    data.display()
                ));
            }
            let store = Store::open(data).map_err(|e| anyhow!("{}: {e}", data.display()))?;
            let v = store.read(audit::verify).map_err(|e| anyhow!("{e}"))?;
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
                    eprintln!("監査ログの {seq} 番目の記録が一致しません: {why}");
                    Err(Reported.into())
                }
                (Some((seq, why)), Lang::En) => {
                    eprintln!("audit log entry {seq} does not match: {why}");
                    Err(Reported.into())
                }
            }
        }
    }
}

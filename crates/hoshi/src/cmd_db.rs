//! `hoshi db migrate-to`

use std::path::Path;

use anyhow::{Result, anyhow};
use hoshi_core::Lang;
use hoshi_store::Store;

pub fn migrate_to(url: &str, lang: Lang, data: &Path) -> Result<()> {
    if !data.join("hoshi.db").exists() {
        let d = data.display();
        return Err(match lang {
            Lang::Ja => anyhow!(
                "{d} に hoshi のデータベースがありません（--data で場所を指定してください）"
            ),
            Lang::En => anyhow!("no hoshi database in {d} (pass --data)"),
        });
    }
    let source =
        Store::open(data).map_err(|e| anyhow!("{}: {}", data.display(), e.message(lang)))?;
    let target = Store::open_postgres(url)
        .map_err(|e| anyhow!("{}: {}", hoshi_store::redact(url), e.message(lang)))?;
    let moved = hoshi_store::migrate::copy_all(&source, &target, &mut |step| eprintln!("  {step}"))
        .map_err(|e| match lang {
            Lang::Ja => anyhow!("移行できませんでした（移行先には何も書き込んでいません）: {e}"),
            Lang::En => anyhow!("not migrated (nothing was written to the target): {e}"),
        })?;
    let rows: i64 = moved.rows.iter().map(|(_, n)| n).sum();
    match lang {
        Lang::Ja => println!(
            "{} へ移しました: {} 表 {rows} 行、証跡ファイル {} 件（{} バイト）。件数は元と一致し、監査ログ（{} 件、先頭ハッシュ {}）は改ざんされていません。",
            hoshi_store::redact(url),
            moved.rows.len(),
            moved.files,
            moved.file_bytes,
            moved.audit_entries,
            moved.audit_head
        ),
        Lang::En => println!(
            "Moved to {}: {} tables, {rows} rows, {} evidence files ({} bytes). The counts match the source; the audit log ({} entries, head {}) is intact.",
            hoshi_store::redact(url),
            moved.rows.len(),
            moved.files,
            moved.file_bytes,
            moved.audit_entries,
            moved.audit_head
        ),
    }
    Ok(())
}

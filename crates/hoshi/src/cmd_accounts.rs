//! `hoshi accounts check`: account exports (Microsoft 365, Entra ID registration details and
//! sign-in logs, `Get-MgUser`, Google Workspace, Active Directory) read and checked by
//! `hoshi-accounts`; the findings worst first with the account names, and the status each export
//! suggests per criterion, as text, JSON or one HTML page.

use anyhow::{Result, anyhow, bail};
use hoshi_accounts::html::Source;
use hoshi_accounts::{Day, Options, Severity};
use hoshi_core::Lang;

use crate::cli::{AccountsCheckArgs, AccountsCmd, PageFormat};

/// Largest export read.
const MAX_FILE: usize = 128 * 1024 * 1024;

pub fn run(c: AccountsCmd, lang: Lang) -> Result<()> {
    match c {
        AccountsCmd::Check(a) => check(a, lang),
    }
}

fn today(given: Option<String>, lang: Lang) -> Result<Day> {
    let text = given.unwrap_or_else(|| hoshi_core::time::date_jst(crate::files::now()));
    match hoshi_accounts::date::parse(&text) {
        Some(d) if hoshi_core::time::parse_date(&text).is_some() => Ok(d),
        _ => bail!(match lang {
            Lang::Ja => format!("--today には YYYY-MM-DD の日付を指定してください（{text}）"),
            Lang::En => format!("--today takes a date YYYY-MM-DD (got {text})"),
        }),
    }
}

fn check(a: AccountsCheckArgs, lang: Lang) -> Result<()> {
    if a.stale_days < 1 {
        bail!(match lang {
            Lang::Ja => "--stale-days には 1 以上の日数を指定してください".to_string(),
            Lang::En => "--stale-days takes a number of days, 1 or more".to_string(),
        });
    }
    let opts = Options {
        today: today(a.today, lang)?,
        stale_days: a.stale_days,
    };
    let mut exports = Vec::new();
    let mut sources = Vec::new();
    for f in &a.files {
        let bytes = crate::files::read_bytes(f, MAX_FILE)?;
        let e = hoshi_accounts::read(&bytes, None)
            .map_err(|e| anyhow!("{}: {}", f.display(), e.message(lang)))?;
        let name = f.file_name().unwrap_or(f.as_os_str()).to_string_lossy();
        sources.push(Source::of(name, &e));
        exports.push(e);
    }
    let accounts = hoshi_accounts::try_combine(exports).map_err(|e| anyhow!(e.message(lang)))?;
    let report = hoshi_accounts::check(&accounts, &opts);
    match a.format {
        PageFormat::Json => {
            let mut s = serde_json::to_string_pretty(&serde_json::json!({
                "format": 1,
                "today": opts.today.iso(),
                "stale_days": opts.stale_days,
                "findings": report.findings,
                "summary": report.summary,
            }))?;
            s.push('\n');
            print!("{s}");
        }
        PageFormat::Text => print!("{}", text(&report, lang)),
        PageFormat::Html => print!(
            "{}",
            hoshi_accounts::html::render(&report, &opts, &sources, lang)
        ),
    }
    let serious = report
        .findings
        .iter()
        .any(|f| matches!(f.severity, Severity::Critical | Severity::High));
    if serious {
        return Err(crate::Reported.into());
    }
    Ok(())
}

fn text(r: &hoshi_accounts::Report, lang: Lang) -> String {
    use std::fmt::Write as _;
    let ja = lang == Lang::Ja;
    let s = &r.summary;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{}",
        if ja {
            format!(
                "アカウント {} 件（有効 {} 件、管理者 {} 件）を確認しました。MFA の状態が分かるクラウドのアカウント {} 件のうち、MFA なし {} 件。",
                s.accounts, s.enabled, s.admins, s.mfa_known, s.mfa_missing
            )
        } else {
            format!(
                "{} accounts checked ({} enabled, {} administrators); of {} cloud accounts whose MFA state is known, {} without MFA.",
                s.accounts, s.enabled, s.admins, s.mfa_known, s.mfa_missing
            )
        }
    );
    let _ = writeln!(
        o,
        "\n{}",
        if ja {
            "要求事項ごとの案:"
        } else {
            "Suggested per criterion:"
        }
    );
    for c in &s.statuses {
        let _ = writeln!(o, "  {}: {}", c.criterion, c.status.label(lang));
    }
    for f in &r.findings {
        let who = f
            .account
            .as_ref()
            .map(|a| {
                if a.name.is_empty() || a.name == a.id {
                    a.id.clone()
                } else {
                    format!("{} ({})", a.id, a.name)
                }
            })
            .unwrap_or_default();
        let extra = match (f.number, &f.detail) {
            (Some(n), _) if ja => format!("（{n}）"),
            (Some(n), _) => format!(" ({n})"),
            (None, Some(d)) if ja => format!("（{d}）"),
            (None, Some(d)) => format!(" ({d})"),
            _ => String::new(),
        };
        let _ = writeln!(
            o,
            "\n[{}] {} — {} {}{extra}  [{}]",
            f.severity.label(lang),
            f.check.title(lang),
            f.system.label(),
            who,
            f.criteria.join(", ")
        );
        let _ = writeln!(o, "    {}", f.check.advice(lang));
    }
    o
}

//! The `hoshi` binary: argument parsing, files and terminal. All logic lives in the library crates.

mod cli;
mod cmd_accounts;
mod cmd_assess;
mod cmd_assets;
mod cmd_attest;
mod cmd_audit;
mod cmd_backup;
mod cmd_catalog;
mod cmd_db;
mod cmd_level;
mod cmd_mail;
mod cmd_scan;
mod cmd_serve;
mod cmd_vulns;
mod files;
mod help;
mod memory;
mod usage_error;

use std::process::ExitCode;

use clap::FromArgMatches;
use hoshi_core::Lang;

/// An error already explained to the user; the binary exits with status 1.
#[derive(Debug)]
pub struct Reported;

impl std::fmt::Display for Reported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("reported")
    }
}

impl std::error::Error for Reported {}

/// A scan that ran and found something critical or high; the binary exits with status 3.
#[derive(Debug)]
pub struct SeriousFindings;

impl std::fmt::Display for SeriousFindings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("critical or high findings")
    }
}

impl std::error::Error for SeriousFindings {}

/// The display language: `--lang`, then `HOSHI_LANG`, then the locale. hoshi is Japanese first:
/// an unset, `C` or `POSIX` locale gives Japanese; any other non-Japanese locale gives English.
pub fn pick_lang(flag: Option<Lang>) -> Lang {
    if let Some(l) = flag {
        return l;
    }
    if let Some(l) = std::env::var("HOSHI_LANG")
        .ok()
        .and_then(|v| Lang::parse(&v))
    {
        return l;
    }
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(var)
            && !v.is_empty()
        {
            let lower = v.to_ascii_lowercase();
            if lower == "c" || lower == "posix" || lower.starts_with("c.") {
                return Lang::Ja;
            }
            return Lang::from_locale(&v).unwrap_or(Lang::Ja);
        }
    }
    Lang::Ja
}

fn main() -> ExitCode {
    // Help, version and clap's usage errors are printed while clap parses: pick their language
    // from the raw arguments first, then parse with the help in that language.
    let help_lang = pick_lang(cli::lang_in_args(std::env::args_os()));
    let matches = cli::command(help_lang)
        .try_get_matches()
        .unwrap_or_else(|e| usage_error::exit(e, help_lang));
    let cli =
        cli::Cli::from_arg_matches(&matches).unwrap_or_else(|e| usage_error::exit(e, help_lang));
    let lang = pick_lang(cli.lang.map(|l| l.0));
    let database = hoshi_store::Database::choose(&cli.data, cli.database.as_deref());
    let result = match cli.command {
        cli::Command::Catalog(cli::CatalogCmd::ImportIpa { .. })
            if matches!(database, hoshi_store::Database::Postgres(_)) =>
        {
            Err(match lang {
                Lang::Ja => anyhow::anyhow!(
                    "PostgreSQL を共有するサーバーでは、公式ワークブックは管理者画面（/admin/catalogs）から取り込んでください。すべてのサーバーに 30 秒以内に反映されます。import-ipa はデータディレクトリにだけ書き込みます。"
                ),
                Lang::En => anyhow::anyhow!(
                    "with servers sharing PostgreSQL, import the official workbook on the administrator's page (/admin/catalogs); every server loads it within 30 seconds. import-ipa writes only to a data directory."
                ),
            })
        }
        cli::Command::Catalog(c) => cmd_catalog::run(c, lang, &cli.data),
        cli::Command::Assess(c) => cmd_assess::run(c, lang, &cli.data),
        cli::Command::Level(c) => cmd_level::run(c, lang),
        cli::Command::Audit(c) => cmd_audit::run(c, lang, &database),
        cli::Command::Attest(c) => cmd_attest::run(c, lang),
        cli::Command::Keys(c) => cmd_attest::keys(c, lang, &cli.data, &database),
        cli::Command::Serve(a) => cmd_serve::run(a, &cli.data, database),
        cli::Command::Db(cli::DbCmd::MigrateTo(a)) => cmd_db::migrate_to(&a.url, lang, &cli.data),
        cli::Command::Scan(a) => cmd_scan::run(a, lang, &cli.data),
        cli::Command::Vulns(c) => cmd_vulns::run(c, lang, &cli.data),
        cli::Command::Assets(c) => cmd_assets::run(c, lang),
        cli::Command::Accounts(c) => cmd_accounts::run(c, lang),
        cli::Command::Mail(c) => cmd_mail::run(c, lang),
        cli::Command::Backup(c) => cmd_backup::run(c, lang),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is::<SeriousFindings>() => ExitCode::from(3),
        Err(e) if e.is::<Reported>() => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

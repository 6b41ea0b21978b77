//! The command line's structure: commands, arguments, their types and defaults. Every text the
//! help shows (what a command does, what an argument means, headings, examples) lives in
//! [`crate::help`], in Japanese and English; [`command`] puts them on in the language asked for.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use hoshi_core::Lang;

/// The whole command line with its help in `lang`, ready to parse.
pub fn command(lang: Lang) -> clap::Command {
    crate::help::localize(Cli::command(), lang)
}

/// The language asked for with `--lang` on the command line (`--lang en`, `--lang=en`), read
/// before clap parses: help is printed while parsing, so it must already be in that language.
/// The last `--lang` counts; a value clap refuses counts as none (clap then reports it).
pub fn lang_in_args(args: impl IntoIterator<Item = OsString>) -> Option<Lang> {
    let mut args = args.into_iter().skip(1);
    let mut found = None;
    while let Some(arg) = args.next() {
        let value = match arg.to_str() {
            Some("--") => break,
            Some("--lang") => args.next(),
            Some(a) => match a.strip_prefix("--lang=") {
                Some(v) => Some(v.into()),
                None => continue,
            },
            None => continue,
        };
        found = value
            .as_deref()
            .and_then(|v| v.to_str())
            .and_then(|v| parse_lang(v).ok())
            .map(|l| l.0);
    }
    found
}

#[derive(Debug, Clone, Copy)]
pub struct LangArg(pub Lang);

fn parse_lang(s: &str) -> Result<LangArg, String> {
    match s {
        "ja" => Ok(LangArg(Lang::Ja)),
        "en" => Ok(LangArg(Lang::En)),
        _ => Err(format!("unknown language `{s}`; expected ja or en")),
    }
}

#[derive(Debug, Parser)]
#[command(name = "hoshi", version)]
pub struct Cli {
    #[arg(long, global = true, value_parser = parse_lang, value_name = "ja|en")]
    pub lang: Option<LangArg>,

    #[arg(
        long,
        global = true,
        env = "HOSHI_DATA",
        default_value = "hoshi-data",
        value_name = "DIR"
    )]
    pub data: PathBuf,

    /// PostgreSQL instead of the data directory's SQLite file (postgres://user@host/db).
    #[arg(
        long,
        global = true,
        env = "HOSHI_DATABASE_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    pub database: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(subcommand)]
    Catalog(CatalogCmd),
    #[command(subcommand)]
    Assess(AssessCmd),
    Level(LevelArgs),
    Serve(ServeArgs),
    #[command(subcommand)]
    Audit(AuditCmd),
    #[command(subcommand)]
    Attest(AttestCmd),
    #[command(subcommand)]
    Keys(KeysCmd),
    #[command(subcommand)]
    Db(DbCmd),
    Scan(ScanArgs),
    #[command(subcommand)]
    Vulns(VulnsCmd),
    #[command(subcommand)]
    Assets(AssetsCmd),
    #[command(subcommand)]
    Accounts(AccountsCmd),
    #[command(subcommand)]
    Backup(BackupCmd),
    #[command(subcommand)]
    Mail(MailCmd),
}

#[derive(Debug, Subcommand)]
pub enum MailCmd {
    /// Checks mails for CEO fraud and business e-mail compromise against the organisation's profile.
    Check(MailCheckArgs),
    /// Checks how well mail domains are protected: SPF, DKIM, DMARC, MTA-STS, TLS-RPT, MX TLS.
    Posture(MailPostureArgs),
}

#[derive(Debug, Args)]
pub struct MailPostureArgs {
    /// Mail domains, e.g. example.co.jp.
    #[arg(value_name = "DOMAIN", required = true)]
    pub domains: Vec<String>,
    /// DKIM selector to look up (repeat); without it, common selectors are tried.
    #[arg(long = "selector", value_name = "NAME")]
    pub selectors: Vec<String>,
    /// Name server to ask, IP or IP:PORT (repeat); without it, the system's resolver.
    #[arg(long = "dns", value_name = "ADDR", value_parser = parse_name_server)]
    pub dns: Vec<std::net::SocketAddr>,
    /// Only DNS: do not connect to the MX hosts or fetch the MTA-STS policy.
    #[arg(long)]
    pub no_connect: bool,
    /// Extra trusted CA certificates (PEM) for a closed network's MX and MTA-STS hosts.
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
    /// Seconds to wait for each answer.
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    pub timeout: u64,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
    /// SMTP port of the MX hosts (25; other values for test networks).
    #[arg(long, default_value_t = 25, hide = true)]
    pub smtp_port: u16,
    /// HTTPS port of the MTA-STS host (443; other values for test networks).
    #[arg(long, default_value_t = 443, hide = true)]
    pub https_port: u16,
}

#[derive(Debug, Args)]
pub struct MailCheckArgs {
    /// The organisation profile (hoshi-fraud-profile/1, TOML).
    #[arg(long, value_name = "FILE")]
    pub profile: PathBuf,
    /// .eml files, mbox files or Maildir folders.
    #[arg(value_name = "MAIL", required_unless_present = "filter")]
    pub mails: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
    /// Read one message on standard input and write it back with an X-Hoshi-Fraud header.
    #[arg(long, conflicts_with = "mails")]
    pub filter: bool,
    /// Verify DKIM signatures with keys looked up in DNS, for mails the organisation's MX did
    /// not stamp.
    #[arg(long)]
    pub verify_dkim: bool,
    /// Name server for --verify-dkim, IP or IP:PORT (repeat); without it, the system's resolver.
    #[arg(long = "dns", value_name = "ADDR", value_parser = parse_name_server, requires = "verify_dkim")]
    pub dns: Vec<std::net::SocketAddr>,
}

#[derive(Debug, Subcommand)]
pub enum BackupCmd {
    /// Verifies a restic repository: check, snapshot ages, off-site copy, a real restore test.
    Verify(BackupVerifyArgs),
}

#[derive(Debug, Args)]
pub struct BackupVerifyArgs {
    /// The repository, as restic takes it (a path, sftp:…, s3:…).
    #[arg(value_name = "REPO")]
    pub repo: String,
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    #[arg(long, value_name = "VAR")]
    pub password_env: Option<String>,
    #[arg(long, default_value_t = 1.5, value_name = "DAYS")]
    pub max_age_days: f64,
    #[arg(long, value_name = "HOST")]
    pub host: Option<String>,
    #[arg(long = "path", value_name = "PATH")]
    pub paths: Vec<String>,
    #[arg(long, value_name = "REPO")]
    pub offsite: Option<String>,
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub restore_sample: usize,
    #[arg(long, value_name = "SUBSET")]
    pub read_data_subset: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: PageFormat,
}

#[derive(Debug, Subcommand)]
pub enum AccountsCmd {
    /// Checks account exports: MFA, unused, administrators, shared IDs.
    Check(AccountsCheckArgs),
}

#[derive(Debug, Args)]
pub struct AccountsCheckArgs {
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: PageFormat,
    #[arg(long, default_value_t = 90, value_name = "DAYS")]
    pub stale_days: i64,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum AssetsCmd {
    /// Writes the register template.
    Template {
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        #[arg(long, value_enum, default_value = "xlsx")]
        format: SheetFormat,
        #[arg(long)]
        force: bool,
    },
    /// Reads a filled-in register and reports every problem, support ends and what it lacks.
    Check {
        file: PathBuf,
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SheetFormat {
    Xlsx,
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum VulnsCmd {
    #[command(subcommand)]
    Db(VulnsDbCmd),
    Check(VulnsCheckArgs),
}

#[derive(Debug, Subcommand)]
pub enum VulnsDbCmd {
    Import(VulnsImportArgs),
    Update(VulnsUpdateArgs),
}

#[derive(Debug, Args)]
pub struct VulnsImportArgs {
    /// Files or directories of OSV records, NVD CVE records or API answers, the KEV catalog.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// The index directory (default: <data>/vulns).
    #[arg(long, value_name = "DIR")]
    pub db: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct VulnsUpdateArgs {
    /// The index directory (default: <data>/vulns).
    #[arg(long, value_name = "DIR")]
    pub db: Option<PathBuf>,
    /// Another address for a source (kev, epss, osv, nvd), or `off` to leave it out.
    #[arg(long = "source", value_name = "NAME=URL")]
    pub sources: Vec<String>,
    /// The OSV ecosystems whose exports are downloaded.
    #[arg(
        long,
        value_name = "LIST",
        value_delimiter = ',',
        default_value = "PyPI,npm,Maven,Go,crates.io,NuGet,RubyGems,Packagist,Debian"
    )]
    pub ecosystems: Vec<String>,
    /// NVD records modified since this day (default: since the newest record in the index).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub nvd_since: Option<String>,
    /// The most one update downloads, all sources together, in MB.
    #[arg(long, value_name = "N", default_value_t = 1024, value_parser = clap::value_parser!(u64).range(1..=65536))]
    pub max_mb: u64,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum VulnsFormat {
    Text,
    Json,
    Html,
}

#[derive(Debug, Args)]
pub struct VulnsCheckArgs {
    /// CycloneDX or SPDX 2.x JSON SBOMs, `dpkg-query -W` or `rpm -qa` lists.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    #[arg(long, value_name = "DIR")]
    pub db: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: VulnsFormat,
    /// The day the 14-day rule is judged on (default: today in Japan).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// The distribution of a dpkg list: debian or ubuntu.
    #[arg(long, default_value = "debian", value_name = "NAME")]
    pub distro: String,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ScanFormat {
    Text,
    Json,
    Html,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Host names, addresses or CIDR ranges.
    #[arg(value_name = "TARGET", required = true)]
    pub targets: Vec<String>,
    #[arg(long, default_value = "top", value_name = "all|top|LIST")]
    pub ports: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ScanFormat,
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub rate: u32,
    #[arg(long, default_value_t = 3.0, value_name = "SECONDS")]
    pub timeout: f64,
    #[arg(long)]
    pub show_closed: bool,
    #[arg(long)]
    pub force: bool,
    #[arg(long = "vulns-db", value_name = "DIR")]
    pub vulns_db: Option<std::path::PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum DbCmd {
    MigrateTo(MigrateToArgs),
}

#[derive(Debug, Args)]
pub struct MigrateToArgs {
    /// The new, empty PostgreSQL database (postgres://user@host/db).
    #[arg(value_name = "URL")]
    pub url: String,
}

#[derive(Debug, Subcommand)]
pub enum KeysCmd {
    List,
    Rotate,
}

#[derive(Debug, Subcommand)]
pub enum AttestCmd {
    Verify(AttestVerifyArgs),
}

#[derive(Debug, Args)]
pub struct AttestVerifyArgs {
    pub file: PathBuf,
    #[arg(long, required_unless_present = "keys", conflicts_with = "keys")]
    pub key: Option<String>,
    #[arg(long, value_name = "URL|FILE")]
    pub keys: Option<String>,
    #[arg(long, value_name = "URL|FILE")]
    pub revoked: Option<String>,
    #[arg(long = "subject", value_name = "NAME=PATH")]
    pub subjects: Vec<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    #[arg(long)]
    pub public_url: Option<String>,
    #[arg(long, default_value_t = 20)]
    pub max_upload_mb: usize,
    #[arg(long)]
    pub demo: bool,
    #[arg(long, default_value_t = 365, value_parser = clap::value_parser!(u32).range(1..=1830))]
    pub validity_days_star3: u32,
    #[arg(long, default_value_t = 365, value_parser = clap::value_parser!(u32).range(1..=1830))]
    pub validity_days_star4: u32,
    #[arg(long, env = "HOSHI_SMTP_HOST")]
    pub smtp_host: Option<String>,
    #[arg(long, env = "HOSHI_SMTP_PORT", default_value_t = 587)]
    pub smtp_port: u16,
    #[arg(long, env = "HOSHI_SMTP_SECURITY", default_value = "starttls", value_parser = ["starttls", "tls", "none"])]
    pub smtp_security: String,
    #[arg(long, env = "HOSHI_SMTP_USER")]
    pub smtp_user: Option<String>,
    #[arg(long, env = "HOSHI_SMTP_FROM")]
    pub smtp_from: Option<String>,
    #[arg(long, env = "HOSHI_SMTP_FROM_NAME", default_value = "hoshi")]
    pub smtp_from_name: String,
    #[arg(long, env = "HOSHI_SMTP_CA_FILE")]
    pub smtp_ca_file: Option<std::path::PathBuf>,
    #[arg(long, env = "HOSHI_ISSUER_CA_FILE")]
    pub issuer_ca_file: Option<std::path::PathBuf>,
    #[arg(long)]
    pub allow_private_issuers: bool,
    /// A reverse proxy in front of hoshi (an address or range such as 10.0.0.0/8; repeat for
    /// several). Only for requests from these is the client taken from X-Forwarded-For, so
    /// sign-in limits count per real client instead of per proxy.
    #[arg(long = "trusted-proxy", env = "HOSHI_TRUSTED_PROXIES", value_delimiter = ',', value_parser = parse_proxy)]
    pub trusted_proxies: Vec<hoshi_web::kernel::proxy::IpNet>,
    /// Networks outside the public internet the exposure check may scan (repeat for several).
    #[arg(long = "scan-allow", env = "HOSHI_SCAN_ALLOW", value_delimiter = ',', value_parser = parse_proxy)]
    pub scan_allow: Vec<hoshi_web::kernel::proxy::IpNet>,
    /// Scan declared targets without an administrator's approval (a server run by the company
    /// itself).
    #[arg(long, env = "HOSHI_SCAN_WITHOUT_APPROVAL")]
    pub scan_without_approval: bool,
    /// Scans an organisation may run per day.
    #[arg(long, env = "HOSHI_SCAN_DAILY_MAX", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub scan_daily_max: u32,
    /// Folders under which organisations may register local restic repositories (repeat for
    /// several). None by default: only remote repositories.
    #[arg(
        long = "backup-root",
        env = "HOSHI_BACKUP_ROOTS",
        value_delimiter = ','
    )]
    pub backup_roots: Vec<PathBuf>,
    /// Networks outside the public internet where repository servers may be (a NAS on the LAN).
    #[arg(long = "backup-allow", env = "HOSHI_BACKUP_ALLOW", value_delimiter = ',', value_parser = parse_proxy)]
    pub backup_allow: Vec<hoshi_web::kernel::proxy::IpNet>,
    /// Allow sftp: repositories (restic then uses this server's own SSH keys and settings).
    #[arg(long, env = "HOSHI_BACKUP_ALLOW_SFTP")]
    pub backup_allow_sftp: bool,
    /// The restic program backup verification runs.
    #[arg(long, env = "HOSHI_RESTIC_PROGRAM", default_value = "restic")]
    pub restic: PathBuf,
    /// The mail domain posture check's resolver and networks (boxed: the command enum stays
    /// small).
    #[command(flatten)]
    pub posture: Box<PostureServeArgs>,
}

/// `serve`'s settings for the mail domain posture check.
#[derive(Debug, Args)]
pub struct PostureServeArgs {
    /// Name servers the mail domain posture check asks (IP or IP:PORT; repeat for several).
    /// None: the system's resolver.
    #[arg(long = "dns", value_name = "ADDR", env = "HOSHI_POSTURE_DNS", value_delimiter = ',', value_parser = parse_name_server)]
    pub dns: Vec<std::net::SocketAddr>,
    /// Networks outside the public internet the mail domain posture check may connect to.
    #[arg(long = "posture-allow", value_name = "CIDR", env = "HOSHI_POSTURE_ALLOW", value_delimiter = ',', value_parser = parse_proxy)]
    pub posture_allow: Vec<hoshi_web::kernel::proxy::IpNet>,
}

/// A `--dns` value: an IP address (port 53) or IP:PORT.
pub(crate) fn parse_name_server(s: &str) -> Result<std::net::SocketAddr, String> {
    let s = s.trim();
    if let Ok(a) = s.parse::<std::net::SocketAddr>() {
        return Ok(a);
    }
    match s.trim_matches(['[', ']']).parse::<std::net::IpAddr>() {
        Ok(ip) => Ok(std::net::SocketAddr::new(ip, 53)),
        Err(_) => Err(format!(
            "`{s}` is not an IP address (e.g. 192.0.2.53 or 192.0.2.53:5353) / IP アドレス（例: 192.0.2.53、192.0.2.53:5353）ではありません"
        )),
    }
}

/// A `--trusted-proxy` value.
fn parse_proxy(s: &str) -> Result<hoshi_web::kernel::proxy::IpNet, String> {
    hoshi_web::kernel::proxy::IpNet::parse(s).ok_or_else(|| {
        format!("`{s}` is not an address or range (e.g. 10.0.0.5 or 10.0.0.0/8) / アドレスまたは範囲（例: 10.0.0.5、10.0.0.0/8）ではありません")
    })
}

#[derive(Debug, Subcommand)]
pub enum AuditCmd {
    Verify(AuditVerifyArgs),
}

#[derive(Debug, Args)]
pub struct AuditVerifyArgs {
    /// An entry kept elsewhere, as NUMBER:HASH (the server writes the chain's head to its log).
    #[arg(long, value_name = "NUMBER:HASH")]
    pub recorded: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ListFormat {
    Text,
    Json,
}

/// Text, JSON, or one self-contained HTML page (evidence to print or keep).
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum PageFormat {
    Text,
    Json,
    Html,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ReportFormat {
    Text,
    Json,
    Md,
    Html,
    Pdf,
}

#[derive(Debug, Subcommand)]
pub enum CatalogCmd {
    List {
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
    Show {
        id: String,
        #[arg(long)]
        level: Option<u8>,
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
        #[arg(long)]
        guidance: bool,
    },
    Check {
        file: PathBuf,
    },
    #[command(name = "import-ipa")]
    ImportIpa {
        file: PathBuf,
        #[arg(long)]
        edition: Option<String>,
        #[arg(long, default_value = "scs-ipa")]
        id: String,
        #[arg(long)]
        force: bool,
    },
    Diff {
        old: String,
        new: String,
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum AssessCmd {
    New {
        #[arg(long, default_value = "scs")]
        catalog: String,
        #[arg(long, default_value_t = 3)]
        level: u8,
        #[arg(long, default_value = "")]
        organisation: String,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        #[arg(long)]
        force: bool,
    },
    Report {
        answers: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: ReportFormat,
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long, value_parser = hoshi_core::damage::parse_count)]
        records: Option<u64>,
        #[arg(long, value_parser = hoshi_core::damage::parse_yen)]
        revenue: Option<u64>,
        #[arg(long = "stoppage-days", value_parser = clap::value_parser!(u32).range(0..=3650))]
        stoppage_days: Option<u32>,
    },
    #[command(name = "export-xlsx")]
    ExportXlsx {
        answers: PathBuf,
        output: PathBuf,
        #[arg(long)]
        force: bool,
    },
    #[command(name = "import-xlsx")]
    ImportXlsx {
        file: PathBuf,
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        #[arg(long)]
        catalog: Option<String>,
        #[arg(long)]
        level: Option<u8>,
        #[arg(long)]
        force: bool,
    },
    Compare {
        answers: PathBuf,
        #[arg(long)]
        to: String,
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        #[arg(long)]
        force: bool,
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum YesNo {
    Yes,
    No,
}

#[derive(Debug, Args)]
pub struct LevelArgs {
    #[arg(long, value_enum)]
    pub confidential_info: Option<YesNo>,
    #[arg(long, value_enum)]
    pub unacceptable_delay: Option<YesNo>,
    #[arg(long, value_enum)]
    pub system_access: Option<YesNo>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
}

#[cfg(test)]
mod tests {
    use hoshi_core::Lang;

    use super::lang_in_args;

    fn lang(args: &[&str]) -> Option<Lang> {
        lang_in_args(
            std::iter::once("hoshi")
                .chain(args.iter().copied())
                .map(Into::into),
        )
    }

    #[test]
    fn lang_is_read_from_the_arguments_before_parsing() {
        assert_eq!(lang(&["--lang", "en", "--help"]), Some(Lang::En));
        assert_eq!(
            lang(&["catalog", "import-ipa", "--help", "--lang=en"]),
            Some(Lang::En)
        );
        assert_eq!(
            lang(&["--lang", "en", "serve", "--lang", "ja", "-h"]),
            Some(Lang::Ja)
        );
        assert_eq!(lang(&["serve", "--help"]), None);
        // What clap would refuse, or what is not an option, is no choice.
        assert_eq!(lang(&["--lang", "fr", "--help"]), None);
        assert_eq!(lang(&["--lang"]), None);
        assert_eq!(
            lang(&["assess", "new", "-o", "x", "--", "--lang", "en"]),
            None
        );
        assert_eq!(lang(&["--language", "en"]), None);
    }
}

//! Command-line interface definitions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use hoshi_core::Lang;

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
#[command(
    name = "hoshi",
    version,
    about = "hoshi (星): self-assessment, evidence and verifiable results for Japan's SCS supply-chain security scheme (SCS評価制度 ★3/★4)",
    long_about = "hoshi (星): self-assessment, evidence and verifiable results for Japan's \
Supply-Chain Security evaluation scheme (SCS評価制度 ★3/★4).\n\n\
hoshi prepares, records and proves a self-assessment; it does not award a star or any certification.",
    after_help = "Examples:\n  \
hoshi catalog show scs --level 3\n  \
hoshi assess new --catalog scs --level 3 -o answers.yaml\n  \
hoshi assess report answers.yaml --format html -o report.html\n  \
hoshi level\n\n\
Language: Japanese by default; --lang en or HOSHI_LANG=en for English (a non-Japanese locale such as en_US also selects English)."
)]
pub struct Cli {
    /// Display language (ja or en).
    #[arg(long, global = true, value_parser = parse_lang, value_name = "ja|en")]
    pub lang: Option<LangArg>,

    /// Data directory (imported catalogs are stored here).
    #[arg(
        long,
        global = true,
        env = "HOSHI_DATA",
        default_value = "hoshi-data",
        value_name = "DIR"
    )]
    pub data: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List, show, check, compare and import catalogs.
    #[command(subcommand)]
    Catalog(CatalogCmd),
    /// Create answer files, report on them, compare editions, exchange answers as Excel.
    #[command(subcommand)]
    Assess(AssessCmd),
    /// Which level to ask of a supplier: the buyer's decision tree (three questions).
    Level(LevelArgs),
    /// Run the web application (embedded SQLite in the data directory).
    #[command(
        after_help = "Examples:\n  hoshi serve --demo                       (look around with demo data)\n  hoshi serve --listen 0.0.0.0:8080 --data /srv/hoshi-data --public-url https://hoshi.example.jp\n\nOn first start hoshi prints a one-time link to create the first administrator."
    )]
    Serve(ServeArgs),
    /// Check the audit log of the data directory.
    #[command(subcommand)]
    Audit(AuditCmd),
    /// Verify signed results (attestations) offline.
    #[command(subcommand)]
    Attest(AttestCmd),
    /// The instance's signing keys (in the data directory).
    #[command(subcommand)]
    Keys(KeysCmd),
}

#[derive(Debug, Subcommand)]
pub enum KeysCmd {
    /// List the signing keys: the active one and those retired by rotation.
    List,
    /// Make a new active signing key; the old one is retired (its public key stays published,
    /// so what it signed still verifies) and its private seed is deleted. Restart `hoshi serve`
    /// afterwards.
    Rotate,
}

#[derive(Debug, Subcommand)]
pub enum AttestCmd {
    /// Verify an attestation (a DSSE envelope) offline, with the issuer's public key or key set,
    /// and print every reason it is not valid.
    #[command(
        after_help = "Examples:\n  hoshi attest verify result.intoto.json --key 'q2v…base64…='\n  hoshi attest verify result.intoto.json --keys hoshi-keys.json --revoked revoked.json --subject report.pdf=report.pdf\n  hoshi attest verify result.intoto.json --keys https://hoshi.example.jp/.well-known/hoshi-keys.json --revoked https://hoshi.example.jp/.well-known/hoshi-revoked.json\n\nExit status 0 when valid, 1 when not (each reason is printed), 2 for wrong usage."
    )]
    Verify(AttestVerifyArgs),
}

#[derive(Debug, Args)]
pub struct AttestVerifyArgs {
    /// The attestation file (JSON, as downloaded from hoshi).
    pub file: PathBuf,
    /// The issuer's Ed25519 public key, base64 (or a file that holds it).
    #[arg(long, required_unless_present = "keys", conflicts_with = "keys")]
    pub key: Option<String>,
    /// The issuer's key set: https://<issuer>/.well-known/hoshi-keys.json, or a file saved from it.
    #[arg(long, value_name = "URL|FILE")]
    pub keys: Option<String>,
    /// The issuer's revocation list: https://<issuer>/.well-known/hoshi-revoked.json, or a JSON
    /// file (a list of attestation ids, or {"revoked": [...]}).
    #[arg(long, value_name = "URL|FILE")]
    pub revoked: Option<String>,
    /// Also check a file against the subject of that name, e.g. report.pdf=report.pdf.
    #[arg(long = "subject", value_name = "NAME=PATH")]
    pub subjects: Vec<String>,
    /// Judge expiry as of this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    /// The URL users reach hoshi at (used in links; https:// marks cookies Secure).
    #[arg(long)]
    pub public_url: Option<String>,
    /// Largest evidence upload, in megabytes.
    #[arg(long, default_value_t = 20)]
    pub max_upload_mb: usize,
    /// Seed a demo supplier, a demo buyer and a partly answered ★3 assessment.
    #[arg(long)]
    pub demo: bool,
    /// Days a confirmed ★3 result stays valid.
    #[arg(long, default_value_t = 365, value_parser = clap::value_parser!(u32).range(1..=1830))]
    pub validity_days_star3: u32,
    /// Days a confirmed ★4 result stays valid.
    #[arg(long, default_value_t = 365, value_parser = clap::value_parser!(u32).range(1..=1830))]
    pub validity_days_star4: u32,
    /// SMTP server for invitation and reminder mail. Without it nothing is mailed and people
    /// copy invitation links from the page.
    #[arg(long, env = "HOSHI_SMTP_HOST", help_heading = "Mail")]
    pub smtp_host: Option<String>,
    /// SMTP port (587 for STARTTLS, 465 for TLS, 25 for a local relay).
    #[arg(
        long,
        env = "HOSHI_SMTP_PORT",
        default_value_t = 587,
        help_heading = "Mail"
    )]
    pub smtp_port: u16,
    /// How the SMTP connection is protected. `none` is only for a relay on this machine.
    #[arg(long, env = "HOSHI_SMTP_SECURITY", default_value = "starttls", value_parser = ["starttls", "tls", "none"], help_heading = "Mail")]
    pub smtp_security: String,
    /// SMTP user for AUTH PLAIN; the password comes from HOSHI_SMTP_PASSWORD.
    #[arg(long, env = "HOSHI_SMTP_USER", help_heading = "Mail")]
    pub smtp_user: Option<String>,
    /// Sender address of hoshi's mail (required with --smtp-host).
    #[arg(long, env = "HOSHI_SMTP_FROM", help_heading = "Mail")]
    pub smtp_from: Option<String>,
    /// Sender name shown in mail clients.
    #[arg(
        long,
        env = "HOSHI_SMTP_FROM_NAME",
        default_value = "hoshi",
        help_heading = "Mail"
    )]
    pub smtp_from_name: String,
    /// Extra CA certificates (PEM) to trust for the SMTP server, e.g. a company relay's own CA.
    #[arg(long, env = "HOSHI_SMTP_CA_FILE", help_heading = "Mail")]
    pub smtp_ca_file: Option<std::path::PathBuf>,
    /// Extra CA certificates (PEM) to trust when fetching another hoshi's public keys for an
    /// imported attestation (an issuer behind a company CA).
    #[arg(long, env = "HOSHI_ISSUER_CA_FILE", help_heading = "Attestations")]
    pub issuer_ca_file: Option<std::path::PathBuf>,
    /// Also fetch issuers' keys from private and local addresses (a closed network). Off by
    /// default: the server only contacts public HTTPS addresses.
    #[arg(long, help_heading = "Attestations")]
    pub allow_private_issuers: bool,
    /// A reverse proxy in front of hoshi (an address or range such as 10.0.0.0/8; repeat for
    /// several). Only for requests from these is the client taken from X-Forwarded-For, so
    /// sign-in limits count per real client instead of per proxy.
    #[arg(long = "trusted-proxy", env = "HOSHI_TRUSTED_PROXIES", value_delimiter = ',', value_parser = parse_proxy)]
    pub trusted_proxies: Vec<hoshi_web::kernel::proxy::IpNet>,
}

/// A `--trusted-proxy` value.
fn parse_proxy(s: &str) -> Result<hoshi_web::kernel::proxy::IpNet, String> {
    hoshi_web::kernel::proxy::IpNet::parse(s).ok_or_else(|| {
        format!("`{s}` is not an address or range (e.g. 10.0.0.5 or 10.0.0.0/8) / アドレスまたは範囲（例: 10.0.0.5、10.0.0.0/8）ではありません")
    })
}

#[derive(Debug, Subcommand)]
pub enum AuditCmd {
    /// Recompute the hash chain of the audit log and name the first entry that does not match.
    #[command(
        after_help = "Examples:\n  hoshi audit verify\n  hoshi audit verify --data /srv/hoshi-data\n\nExit status 0 when the chain is intact, 1 when an entry was edited, deleted or reordered."
    )]
    Verify,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ListFormat {
    Text,
    Json,
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
    /// List the bundled and imported catalogs.
    #[command(after_help = "Examples:\n  hoshi catalog list\n  hoshi catalog list --format json")]
    List {
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
    /// Show a catalog's requirements and criteria.
    #[command(
        after_help = "Examples:\n  hoshi catalog show scs --level 3\n  hoshi catalog show scs --level 3 --lang en --guidance\n  hoshi catalog show scs@2026-03-27 --format json\n  hoshi catalog show priority8"
    )]
    Show {
        /// Catalog ID, optionally with an edition: `scs` or `scs@2026-03-27`.
        id: String,
        /// Only criteria needed for this level (levels are cumulative: 4 includes 3).
        #[arg(long)]
        level: Option<u8>,
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
        /// Also print the guidance for each criterion.
        #[arg(long)]
        guidance: bool,
    },
    /// Validate a catalog file and print what it contains.
    #[command(after_help = "Example:\n  hoshi catalog check my-catalog.toml")]
    Check { file: PathBuf },
    /// Import IPA's official ★3・★4 requirements and criteria workbook (keeps the official wording).
    #[command(
        name = "import-ipa",
        after_help = "Examples:\n  hoshi catalog import-ipa 20260327001-c.xlsx\n  hoshi catalog import-ipa criteria.xlsx --edition 2026-03-27\n\nThe catalog is stored in <data>/catalogs/ and then available as `scs-ipa` (all 153 criteria for ★3 and ★4)."
    )]
    ImportIpa {
        file: PathBuf,
        /// Edition to stamp (YYYY-MM-DD); by default the date printed above the header.
        #[arg(long)]
        edition: Option<String>,
        /// Catalog ID to store it under.
        #[arg(long, default_value = "scs-ipa")]
        id: String,
        /// Replace an earlier import of the same edition made from a different file.
        #[arg(long)]
        force: bool,
    },
    /// Compare two catalogs criterion by criterion (added, removed, reworded, moved).
    #[command(after_help = "Example:\n  hoshi catalog diff scs scs-ipa")]
    Diff {
        old: String,
        new: String,
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum AssessCmd {
    /// Write an answer file to fill in: every criterion of the level with its text.
    #[command(
        after_help = "Examples:\n  hoshi assess new --catalog scs --level 3 -o answers.yaml\n  hoshi assess new --catalog scs --level 3 --organisation '株式会社サンプル' -o answers.yaml"
    )]
    New {
        /// Catalog ID, optionally with an edition (`scs@2026-03-27`).
        #[arg(long, default_value = "scs")]
        catalog: String,
        /// Target level.
        #[arg(long, default_value_t = 3)]
        level: u8,
        /// Organisation name written into the file.
        #[arg(long, default_value = "")]
        organisation: String,
        /// Where to write the answer file.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Verdict, progress per category, gaps in priority order and a roadmap.
    #[command(
        after_help = "Examples:\n  hoshi assess report answers.yaml\n  hoshi assess report answers.yaml --format html -o report.html\n  hoshi assess report answers.yaml --format json | jq .gaps[0]\n  hoshi assess report answers.yaml --format pdf -o report.pdf --records 20000 --revenue 12億 --stoppage-days 14\n\nThe PDF is a management report in Japanese (or English with --lang en): cover, one-page summary, chart per category, gap list, roadmap, evidence index and, when --records, --revenue or --stoppage-days is given, a damage-cost estimate (a flag left out counts as 0)."
    )]
    Report {
        answers: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: ReportFormat,
        /// Write to a file instead of standard output (required for pdf).
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// PDF: the report's title (default: the answer file's name).
        #[arg(long)]
        title: Option<String>,
        /// PDF cost estimate: personal or customer records held.
        #[arg(long, value_parser = hoshi_core::damage::parse_count)]
        records: Option<u64>,
        /// PDF cost estimate: annual revenue in yen (12億, 3000万, 1,200,000,000).
        #[arg(long, value_parser = hoshi_core::damage::parse_yen)]
        revenue: Option<u64>,
        /// PDF cost estimate: days the business would stand still.
        #[arg(long = "stoppage-days", value_parser = clap::value_parser!(u32).range(0..=3650))]
        stoppage_days: Option<u32>,
    },
    /// Write the answers to an Excel workbook in the official layout (O 自己評価 with a ○/△/✖ drop-down, P 理由, Q 根拠および実施する事, R 補足情報).
    #[command(
        name = "export-xlsx",
        after_help = "Example:\n  hoshi assess export-xlsx answers.yaml answers.xlsx"
    )]
    ExportXlsx {
        answers: PathBuf,
        output: PathBuf,
        #[arg(long)]
        force: bool,
    },
    /// Read answers back from a filled-in workbook (hoshi's export or the official workbook with columns O–R filled in).
    #[command(
        name = "import-xlsx",
        after_help = "Examples:\n  hoshi assess import-xlsx filled.xlsx -o answers.yaml\n  hoshi assess import-xlsx official-filled.xlsx --catalog scs --level 3 -o answers.yaml\n\nRows that cannot be taken (unknown ID, unknown mark, formula, duplicate ID, 対象外 without a reason) are listed by row number; all other rows are kept. The exit status is 1 when any row was not taken."
    )]
    ImportXlsx {
        file: PathBuf,
        /// Where to write the answer file (standard output if omitted).
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// Catalog to read the answers against (default: the one recorded in the workbook, else `scs`).
        #[arg(long)]
        catalog: Option<String>,
        /// Target level (default: the one recorded in the workbook, else 3).
        #[arg(long)]
        level: Option<u8>,
        #[arg(long)]
        force: bool,
    },
    /// Compare answers made against one catalog edition with another edition.
    #[command(
        after_help = "Example:\n  hoshi assess compare answers.yaml --to scs@2027-04-01 -o answers-2027.yaml"
    )]
    Compare {
        answers: PathBuf,
        /// The newer catalog (`id` or `id@edition`).
        #[arg(long)]
        to: String,
        /// Also write the answers carried over to the newer edition.
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
#[command(
    after_help = "Examples:\n  hoshi level                 (asks the three questions in a terminal)\n  hoshi level --confidential-info no --unacceptable-delay yes --system-access no\n  hoshi level --confidential-info no --unacceptable-delay no --system-access no --format json"
)]
pub struct LevelArgs {
    /// Is the buyer's important confidential information handled on the supplier's IT?
    #[arg(long, value_enum)]
    pub confidential_info: Option<YesNo>,
    /// Would the supplier stopping cause the buyer an unacceptable delay?
    #[arg(long, value_enum)]
    pub unacceptable_delay: Option<YesNo>,
    /// Can the supplier's environment reach the buyer's internal systems?
    #[arg(long, value_enum)]
    pub system_access: Option<YesNo>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
}
